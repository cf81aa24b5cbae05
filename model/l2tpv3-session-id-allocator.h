/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_SESSION_ID_ALLOCATOR_H
#define L2TPV3_SESSION_ID_ALLOCATOR_H

#include "l2tpv3-control-connection.h"
#include "l2tpv3-l4-protocol.h"
#include "l2tpv3-pseudowire-table.h"

#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"

#include <cstdint>
#include <map>
#include <unordered_set>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief Hands out an LCCE's local Session IDs: random, nonzero and unique on the node
 * (RFC 3931 §4.1), in constant time per ID amortised.
 *
 * Every ID handed out is remembered, so a draw is checked in constant time; only a draw
 * found among them (rare: IDs are random 32-bit values) is checked by a full scan of the
 * sessions and devices, which tells a live ID from one whose session is gone. The memory
 * is rebuilt from the live IDs when it has doubled, so that it stays proportional to the
 * sessions (the rebuild, amortised, is O(1) per ID).
 */
class L2tpv3SessionIdAllocator
{
  public:
    /// An LCCE's control connections, by local Control Connection ID.
    using Connections = std::map<uint32_t, Ptr<L2tpv3ControlConnection>>;

    /**
     * \brief Draw a new local Session ID.
     * \param random the LCCE's random stream (one draw per candidate)
     * \param l4 the node's transport: an ID a device of the node uses is taken
     * \param connections the LCCE's connections: an ID of one of their sessions is taken
     * \param pseudowires the LCCE's pseudowires: an ID of one of their devices is taken
     * \return an ID in none of them, nonzero
     */
    uint32_t Allocate(Ptr<UniformRandomVariable> random,
                      Ptr<L2tpv3L4Protocol> l4,
                      const Connections& connections,
                      const L2tpv3PseudowireTable& pseudowires);

    /**
     * \param id a local Session ID
     * \param connections the LCCE's connections
     * \param pseudowires the LCCE's pseudowires
     * \return true if a session of the connections or a device of the pseudowires uses it
     *         (a full scan)
     */
    static bool InUse(uint32_t id,
                      const Connections& connections,
                      const L2tpv3PseudowireTable& pseudowires);

  private:
    /// Every ID handed out and possibly still in use (a superset).
    std::unordered_set<uint32_t> m_ids;
    std::size_t m_pruneAt{1024}; //!< rebuild m_ids when it grows this large
};

} // namespace ns3

#endif /* L2TPV3_SESSION_ID_ALLOCATOR_H */
