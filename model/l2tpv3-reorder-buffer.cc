/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-reorder-buffer.h"

#include "l2tpv3-sublayer-header.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpv3ReorderBuffer");

L2tpv3ReorderBuffer::L2tpv3ReorderBuffer(Owner& owner,
                                         const Time& timeout,
                                         const uint32_t& queueSize,
                                         uint64_t& oosPackets)
    : m_owner(owner),
      m_timeout(timeout),
      m_queueSize(queueSize),
      m_oosPackets(oosPackets)
{
}

void
L2tpv3ReorderBuffer::Reset()
{
    m_expected = 0;
    m_held.clear();
    m_event.Cancel();
}

std::size_t
L2tpv3ReorderBuffer::Flush(L2tpv3DropReason reason)
{
    // Cancel first: the owner's drop trace may run user code, which must not find a timer
    // that would deliver into a session that is gone.
    m_event.Cancel();
    std::map<uint64_t, std::pair<Ptr<Packet>, Time>> held;
    held.swap(m_held);
    m_expected = 0;
    for (const auto& frame : held)
    {
        m_owner.DropOutOfOrder(frame.second.first, reason);
    }
    return held.size();
}

void
L2tpv3ReorderBuffer::Dispose()
{
    m_event.Cancel();
    m_held.clear();
}

std::size_t
L2tpv3ReorderBuffer::GetNHeld() const
{
    return m_held.size();
}

void
L2tpv3ReorderBuffer::Receive(Ptr<Packet> frame, uint32_t sequence)
{
    // RFC 3931 Appendix C: a number in the half of the 24-bit space from the expected one on
    // is new; anything else is old or a duplicate and is discarded.
    const uint32_t window = (L2tpv3SublayerHeader::SEQUENCE_MASK + 1) / 2;
    uint32_t ahead = (sequence - uint32_t(m_expected)) & L2tpv3SublayerHeader::SEQUENCE_MASK;
    if (ahead >= window)
    {
        m_owner.DropOutOfOrder(frame, L2tpv3DropReason::SEQUENCE_ERROR);
        return;
    }
    uint64_t position = m_expected + ahead;
    if (ahead == 0)
    {
        ++m_expected;
        m_owner.DeliverInOrder(frame);
        ReleaseHeldFrames();
        return;
    }
    ++m_oosPackets;
    if (m_timeout.IsZero())
    {
        // Processed at once; the next expected number follows this one.
        m_expected = position + 1;
        m_owner.DeliverInOrder(frame);
        return;
    }
    if (m_held.count(position))
    {
        m_owner.DropOutOfOrder(frame, L2tpv3DropReason::SEQUENCE_ERROR);
        return;
    }
    m_held[position] = {frame, Simulator::Now()};
    if (m_held.size() > m_queueSize)
    {
        // The queue is full: give up waiting for the gap before the oldest held frame.
        m_expected = m_held.begin()->first;
        ReleaseHeldFrames();
    }
    if (!m_held.empty() && m_event.IsExpired())
    {
        m_event = Simulator::Schedule(m_timeout, &L2tpv3ReorderBuffer::Timeout, this);
    }
}

void
L2tpv3ReorderBuffer::ReleaseHeldFrames()
{
    while (!m_held.empty() && m_held.begin()->first == m_expected)
    {
        Ptr<Packet> frame = m_held.begin()->second.first;
        m_held.erase(m_held.begin());
        ++m_expected;
        m_owner.DeliverInOrder(frame);
    }
    if (m_held.empty())
    {
        m_event.Cancel();
    }
}

void
L2tpv3ReorderBuffer::Timeout()
{
    // Skip the gaps before every frame that has waited its full timeout, in order.
    Time now = Simulator::Now();
    while (!m_held.empty())
    {
        Time oldest = Time::Max();
        for (const auto& held : m_held)
        {
            oldest = std::min(oldest, held.second.second);
        }
        if (oldest + m_timeout > now)
        {
            m_event =
                Simulator::Schedule(oldest + m_timeout - now, &L2tpv3ReorderBuffer::Timeout, this);
            return;
        }
        m_expected = m_held.begin()->first;
        ReleaseHeldFrames();
    }
}

} // namespace ns3
