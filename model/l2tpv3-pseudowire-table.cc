/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-pseudowire-table.h"

#include "l2tpv3-net-device.h"

#include "ns3/assert.h"
#include "ns3/net-device.h"

#include <stdexcept>

namespace ns3
{

void
L2tpv3PseudowireTable::CheckNew(const std::string& remoteEndId, const std::string& caller) const
{
    if (remoteEndId.empty() || Find(remoteEndId))
    {
        throw std::invalid_argument(caller + ": Remote End ID '" + remoteEndId +
                                    "' is empty or already used on this LCCE");
    }
}

std::size_t
L2tpv3PseudowireTable::Add(const L2tpv3Pseudowire& pseudowire, const std::string& caller)
{
    CheckNew(pseudowire.remoteEndId, caller);
    m_index[pseudowire.remoteEndId] = m_pseudowires.size();
    m_pseudowires.push_back(pseudowire);
    return m_pseudowires.size() - 1;
}

L2tpv3Pseudowire*
L2tpv3PseudowireTable::Find(const std::string& remoteEndId)
{
    auto it = m_index.find(remoteEndId);
    return it == m_index.end() ? nullptr : &m_pseudowires[it->second];
}

const L2tpv3Pseudowire*
L2tpv3PseudowireTable::Find(const std::string& remoteEndId) const
{
    auto it = m_index.find(remoteEndId);
    return it == m_index.end() ? nullptr : &m_pseudowires[it->second];
}

const L2tpv3Pseudowire&
L2tpv3PseudowireTable::At(std::size_t position) const
{
    return m_pseudowires.at(position);
}

void
L2tpv3PseudowireTable::CountSession(const std::string& remoteEndId, bool idle)
{
    if (L2tpv3Pseudowire* pw = Find(remoteEndId))
    {
        NS_ASSERT(idle || pw->sessions < UINT32_MAX);
        NS_ASSERT(!idle || pw->sessions > 0);
        pw->sessions = idle ? pw->sessions - 1 : pw->sessions + 1;
    }
}

bool
L2tpv3PseudowireTable::InUse(const std::string& remoteEndId) const
{
    // The count CountSession keeps, not a scan of every session of every connection
    // (each ICRQ asks: 10,000 sessions made the scan quadratic).
    const L2tpv3Pseudowire* pw = Find(remoteEndId);
    return pw && pw->sessions > 0;
}

const std::vector<L2tpv3Pseudowire>&
L2tpv3PseudowireTable::GetAll() const
{
    return m_pseudowires;
}

void
L2tpv3PseudowireTable::Clear()
{
    m_pseudowires.clear();
    m_index.clear();
}

} // namespace ns3
