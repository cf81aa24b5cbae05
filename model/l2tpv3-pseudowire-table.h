/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_PSEUDOWIRE_TABLE_H
#define L2TPV3_PSEUDOWIRE_TABLE_H

#include "ns3/ptr.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace ns3
{

class L2tpv3NetDevice;
class NetDevice;

/**
 * \ingroup l2tp
 * \brief A pseudowire of an LCCE: what a Remote End ID (RFC 3931 §5.4.4) names.
 */
struct L2tpv3Pseudowire
{
    std::string remoteEndId;     //!< the Remote End ID
    Ptr<NetDevice> attachment;   //!< what its device joins (a bridge, or nullptr)
    Ptr<L2tpv3NetDevice> device; //!< its device, from the LCCE's device factory
    bool initiate{false};        //!< we send the ICRQ
    uint32_t peer{0};            //!< AddPeer index (initiate only)
    uint32_t sessions{0};        //!< its sessions not idle now (see CountSession)
};

/**
 * \ingroup l2tp
 * \brief An LCCE's pseudowires by Remote End ID, in the order they were added.
 *
 * An index, not a scan: every AddPseudowire, OfferPseudowire, ICRQ and session up or
 * down looks a pseudowire up (a scan made 10,000 sessions quadratic). Positions are
 * stable: a pseudowire is never removed before the table is cleared.
 */
class L2tpv3PseudowireTable
{
  public:
    /**
     * \brief Add a pseudowire.
     * \param pseudowire the pseudowire, its Remote End ID not empty and new
     * \param caller the public call, for the message
     * \return its position
     * \throws std::invalid_argument for an empty or duplicate Remote End ID
     */
    std::size_t Add(const L2tpv3Pseudowire& pseudowire, const std::string& caller);

    /**
     * \brief Check that a Remote End ID could be added.
     * \param remoteEndId the ID
     * \param caller the public call, for the message
     * \throws std::invalid_argument for an empty or duplicate Remote End ID
     */
    void CheckNew(const std::string& remoteEndId, const std::string& caller) const;

    /**
     * \param remoteEndId a Remote End ID
     * \return its pseudowire, or nullptr
     */
    L2tpv3Pseudowire* Find(const std::string& remoteEndId);
    /**
     * \param remoteEndId a Remote End ID
     * \return its pseudowire, or nullptr
     */
    const L2tpv3Pseudowire* Find(const std::string& remoteEndId) const;

    /**
     * \param position a position Add returned
     * \return the pseudowire there
     */
    const L2tpv3Pseudowire& At(std::size_t position) const;

    /**
     * \brief A session of a pseudowire left or entered IDLE.
     * \param remoteEndId the session's Remote End ID (ignored when no pseudowire has it)
     * \param idle true when it entered IDLE, false when it left it
     */
    void CountSession(const std::string& remoteEndId, bool idle);

    /**
     * \param remoteEndId a Remote End ID
     * \return true if a session for it is being set up or is established
     */
    bool InUse(const std::string& remoteEndId) const;

    /** \return the pseudowires, in the order they were added */
    const std::vector<L2tpv3Pseudowire>& GetAll() const;

    /** \brief Forget every pseudowire. */
    void Clear();

  private:
    std::vector<L2tpv3Pseudowire> m_pseudowires;          //!< in order of addition
    std::unordered_map<std::string, std::size_t> m_index; //!< ID -> position
};

} // namespace ns3

#endif /* L2TPV3_PSEUDOWIRE_TABLE_H */
