/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_REPLY_LIMITER_H
#define L2TPV3_REPLY_LIMITER_H

#include "ns3/nstime.h"

#include <cstdint>
#include <list>
#include <string>
#include <unordered_map>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief Rate limits for the replies an LCCE sends to messages that belong to no connection
 * (a ZLB to a StopCCN for an unknown connection, a StopCCN refusing an SCCRQ): token buckets
 * per source and in total, the sources kept in a table of fixed size.
 *
 * Such a reply goes to the message's source address, which anyone can forge: unbounded, it
 * would reflect a spoofed flood onto a victim (RFC 3931 §8.1 leaves denial of service to
 * the implementation; Cisco IOS rate-limits control messages likewise). Each bucket holds
 * up to max(1, rate) tokens and refills at its rate; a reply takes one token from its
 * source's bucket and one from the total one, or is suppressed. The table of sources keeps
 * at most a fixed number of them (least recently used evicted): a flood from ever new
 * forged addresses cannot grow it, it only evicts; an evicted source that comes back
 * starts with a full bucket, so the total bucket is what bounds such a flood.
 */
class L2tpv3ReplyLimiter
{
  public:
    /**
     * \brief Set the limits (and forget every source).
     * \param perSource replies per second to one source (0: never)
     * \param total replies per second to all sources together (0: never)
     * \param sources the most sources tracked at once (at least 1)
     * \throws std::invalid_argument for a negative or non-finite rate, or 0 sources
     */
    void Configure(double perSource, double total, uint32_t sources);

    /**
     * \brief Whether a reply to \p source may go now; if so, its tokens are taken.
     * \param source where the reply goes (address and port, as text)
     * \param now the time
     * \return true to send it, false to suppress it
     */
    bool Allow(const std::string& source, Time now);

    /** \return the sources tracked now (never above the bound of Configure) */
    uint32_t GetNSources() const;

    /** \return the most sources tracked at once */
    uint32_t GetMaxSources() const;

  private:
    /// A token bucket.
    struct Bucket
    {
        double tokens{0}; //!< tokens now
        Time last;        //!< when it was last refilled
    };

    /**
     * \brief Refill a bucket up to its capacity for the time passed.
     * \param b the bucket
     * \param rate its rate (tokens per second)
     * \param now the time
     */
    static void Refill(Bucket& b, double rate, Time now);
    /**
     * \param rate a rate
     * \return the capacity of a bucket of that rate: one second's worth, at least 1
     */
    static double Capacity(double rate);

    double m_perSource{2};                      //!< per-source rate
    double m_total{20};                         //!< total rate
    uint32_t m_maxSources{1024};                //!< table bound
    Bucket m_totalBucket{Capacity(20), Time()}; //!< all sources
    /// Sources, most recently used first.
    std::list<std::pair<std::string, Bucket>> m_lru;
    /// Source -> its entry in m_lru.
    std::unordered_map<std::string, std::list<std::pair<std::string, Bucket>>::iterator> m_index;
};

} // namespace ns3

#endif /* L2TPV3_REPLY_LIMITER_H */
