/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_PINGER_H
#define L2TPV3_PINGER_H

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief ICMP echo over a raw socket, IPv4 and IPv6 alike: the ping of the scenarios, the
 * lab and the emulation examples.
 *
 * ns-3's own ping applications differ between 3.37 (V4Ping and Ping6; Ping6 reports no
 * RTT, V4Ping sets no source address) and ns-3-dev (Ping): this one measures RTT and loss
 * the same way for both inner families and every ns-3 version.
 *
 * It sends Count requests (0: until it stops) Interval apart, from its start time, each
 * with Size payload bytes, identifier Identifier and sequence numbers 0, 1, ...; a reply
 * counts when its identifier and sequence number match an outstanding request (replies
 * to other pingers on the node are not counted). The ICMPv4 checksum is computed when
 * ns-3's ChecksumEnabled is on (real hosts drop echoes with a zero checksum); the raw
 * IPv6 socket computes the ICMPv6 checksum.
 *
 * With a Source address, the requests leave from it as `ping -I SOURCE` (IPv4: handed to
 * IP with that source, the routing table choosing the interface; IPv6: the socket is bound
 * to it). An IPv4 raw socket bound to a loopback address would send out of the loopback
 * device, hence IP directly.
 */
class L2tpv3Pinger : public Application
{
  public:
    /**
     * \brief TracedCallback signature of a request sent.
     * \param seq its sequence number
     * \param packet the ICMP message
     */
    typedef void (*TxTracedCallback)(uint16_t seq, Ptr<const Packet> packet);

    /**
     * \brief TracedCallback signature of a reply received.
     * \param seq its sequence number
     * \param rtt the round-trip time
     */
    typedef void (*RttTracedCallback)(uint16_t seq, Time rtt);

    /** \brief Round-trip times in milliseconds, as ping prints them. */
    struct RttSummary
    {
        double minMs{0}; //!< smallest (0 when none answered)
        double avgMs{0}; //!< mean
        double maxMs{0}; //!< largest
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    L2tpv3Pinger();
    ~L2tpv3Pinger() override;

    /** \return echo requests sent */
    uint32_t GetSent() const;
    /** \return replies received */
    uint32_t GetAnswered() const;
    /** \return the RTT of each reply, in the order they arrived */
    const std::vector<Time>& GetRtts() const;
    /** \return min, mean and max RTT in milliseconds (all 0 when none answered) */
    RttSummary GetRttSummary() const;
    /** \return one character per request, in sequence order: '!' answered, '.' not (yet) */
    const std::string& GetReplyPattern() const;

  private:
    void StartApplication() override;
    void StopApplication() override;
    void DoDispose() override;

    /** \return true when pinging an IPv6 address */
    bool IsV6() const;
    /** \brief Send one request and schedule the next. */
    void SendEcho();
    /**
     * \brief Read replies from the socket.
     * \param socket the raw socket
     */
    void HandleRead(Ptr<Socket> socket);

    Address m_remote;                //!< the address pinged
    Address m_source;                //!< the source address (empty: chosen by IP)
    uint32_t m_size;                 //!< ICMP payload bytes
    uint16_t m_id;                   //!< ICMP identifier
    uint32_t m_count;                //!< requests to send (0: until stopped)
    Time m_interval;                 //!< between requests
    Ptr<Socket> m_socket;            //!< raw ICMP socket
    uint16_t m_seq;                  //!< next sequence number
    uint32_t m_sentCount;            //!< requests sent
    uint32_t m_answered;             //!< replies received
    std::map<uint16_t, Time> m_sent; //!< outstanding requests: send times
    std::vector<Time> m_rtts;        //!< RTTs of the replies
    std::string m_pattern;           //!< '!' or '.' per request
    EventId m_next;                  //!< next request

    TracedCallback<uint16_t, Ptr<const Packet>> m_txTrace; //!< a request sent
    TracedCallback<uint16_t, Time> m_rttTrace;             //!< a reply received
};

} // namespace ns3

#endif /* L2TPV3_PINGER_H */
