/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-session-id-allocator.h"

#include "l2tpv3-net-device.h"

#include <algorithm>

namespace ns3
{

uint32_t
L2tpv3SessionIdAllocator::Allocate(Ptr<UniformRandomVariable> random,
                                   Ptr<L2tpv3L4Protocol> l4,
                                   const Connections& connections,
                                   const L2tpv3PseudowireTable& pseudowires)
{
    // RFC 3931 §4.1: the Session ID is unique on this LCCE, and 0 is reserved.
    for (;;)
    {
        auto id = static_cast<uint32_t>(random->GetInteger(1, 0xffffffffU));
        if (l4->LookupSession(id) != nullptr ||
            (m_ids.count(id) != 0 && InUse(id, connections, pseudowires)))
        {
            continue;
        }
        if (m_ids.size() + 1 >= m_pruneAt)
        {
            // Rebuilt from the IDs in use: one pass over the sessions and devices.
            m_ids.clear();
            for (const auto& [cid, c] : connections)
            {
                for (const auto& [sid, session] : c->GetSessions())
                {
                    m_ids.insert(sid);
                }
            }
            for (const auto& pw : pseudowires.GetAll())
            {
                if (pw.device && pw.device->GetLocalSessionId() != 0)
                {
                    m_ids.insert(pw.device->GetLocalSessionId());
                }
            }
            m_pruneAt = std::max<std::size_t>(1024, 2 * (m_ids.size() + 1));
        }
        m_ids.insert(id);
        return id;
    }
}

bool
L2tpv3SessionIdAllocator::InUse(uint32_t id,
                                const Connections& connections,
                                const L2tpv3PseudowireTable& pseudowires)
{
    for (const auto& [cid, c] : connections)
    {
        if (c->FindSession(id))
        {
            return true;
        }
    }
    for (const auto& pw : pseudowires.GetAll())
    {
        if (pw.device && pw.device->GetLocalSessionId() == id)
        {
            return true;
        }
    }
    return false;
}

} // namespace ns3
