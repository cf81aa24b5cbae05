/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The LCCE's transmit side: what a connection's reliable channel hands over to send
// (counted, signed when a Secret is set, traced, written to the transport), and the
// channel traces forwarded as the LCCE's own. The receive side is in
// l2tpv3-lcce-receive.cc, the rest of the LCCE in l2tpv3-lcce.cc.

#include "l2tpv3-lcce.h"

#include "ns3/packet.h"

namespace ns3
{

void
L2tpv3Lcce::ForwardChannelTraces(Ptr<L2tpv3ControlConnection> c)
{
    // The connection's ID is bound into each callback once, here: nothing is parsed per
    // event (a context string would be, on every congestion window change).
    Ptr<L2tpv3ControlChannel> channel = c->GetChannel();
    const uint32_t id = c->GetLocalId();
    channel->TraceConnectWithoutContext(
        "Retransmit",
        MakeBoundCallback(&L2tpv3Lcce::ChannelRetransmit, this, id));
    channel->TraceConnectWithoutContext("Drop",
                                        MakeBoundCallback(&L2tpv3Lcce::ChannelDrop, this, id));
    channel->TraceConnectWithoutContext(
        "CongestionWindow",
        MakeBoundCallback(&L2tpv3Lcce::ChannelCongestionWindow, this, id));
}

void
L2tpv3Lcce::ChannelRetransmit(L2tpv3Lcce* lcce, uint32_t id, const L2tpv3ControlMessage& message)
{
    lcce->m_retransmitTrace(id, message);
}

void
L2tpv3Lcce::ChannelDrop(L2tpv3Lcce* lcce,
                        uint32_t id,
                        const L2tpv3ControlMessage& message,
                        L2tpv3ControlDropReason reason)
{
    lcce->m_controlDropTrace(id, message, reason);
}

void
L2tpv3Lcce::ChannelCongestionWindow(L2tpv3Lcce* lcce,
                                    uint32_t id,
                                    uint16_t oldValue,
                                    uint16_t newValue)
{
    lcce->m_cwndTrace(id, oldValue, newValue);
}

void
L2tpv3Lcce::Transmit(const L2tpv3ControlConnection& connection,
                     const L2tpv3ControlMessage& message,
                     bool retransmission)
{
    if (m_admitting && message.GetMessageType() == L2tpv3MessageType::STOPCCN)
    {
        // A StopCCN refusing an SCCRQ whose source may be forged: a reply to no connection.
        if (!AllowReply(*m_admitting))
        {
            return;
        }
        ++m_counters.stopCcnSent[m_admittingStop];
    }
    std::size_t type = TypeIndex(message);
    if (!retransmission && type < L2tpv3LcceCounters::TYPES)
    {
        ++m_counters.txMessages[type];
    }
    if (message.IsZlb())
    {
        ++m_counters.zlbSent;
    }
    if (Authenticates())
    {
        // §4.3: every message signed (the channel's acknowledgements are explicit ACKs).
        L2tpv3ControlMessage wire = message;
        m_security.Protect(wire,
                           m_digestAlgorithm,
                           m_hideAvps,
                           m_random,
                           connection.GetLocalNonce(),
                           connection.GetRemoteNonce());
        m_txTrace(connection.GetLocalId(), wire);
        SendBytes(wire.ToPacket(),
                  connection.GetLocal(),
                  connection.GetPeer(),
                  connection.GetPeerPort());
        return;
    }
    m_txTrace(connection.GetLocalId(), message);
    SendBytes(message.ToPacket(),
              connection.GetLocal(),
              connection.GetPeer(),
              connection.GetPeerPort());
}

} // namespace ns3
