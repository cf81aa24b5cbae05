/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The LCCE's receive side: what happens to a control message that arrives (decoded,
// authenticated, delivered to its connection, answered, or dropped and counted), the
// SCCRQ's admission (ties, limits, refusals), and the sending of replies that belong to
// no connection. The transmit side is in l2tpv3-lcce-transmit.cc, the rest of the LCCE
// in l2tpv3-lcce.cc.

#include "l2tpv3-channel.h"
#include "l2tpv3-lcce.h"

#include "ns3/ipv4-route.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-route.h"
#include "ns3/ipv6-routing-protocol.h"
#include "ns3/ipv6.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"

#include <utility>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpv3LcceReceive");

void
L2tpv3Lcce::ReceiveControl(Ptr<Packet> packet, const L2tpv3ControlSource& source)
{
    L2tpv3ControlMessage m;
    L2tpv3ControlDecodeError error = L2tpv3ControlMessage::FromPacket(packet, m);
    if (error != L2tpv3ControlDecodeError::NONE)
    {
        NS_LOG_LOGIC("control message dropped: " << L2tpv3ControlDecodeErrorName(error));
        ++m_counters.decodeErrors[static_cast<std::size_t>(error)];
        return;
    }
    std::size_t type = TypeIndex(m);
    if (type < L2tpv3LcceCounters::TYPES)
    {
        ++m_counters.rxMessages[type];
    }
    else
    {
        ++m_counters.rxOtherType;
    }
    for (uint16_t ignored : m.GetIgnoredL2tpv2Avps())
    {
        ++m_counters.rxIgnoredAvps[ignored];
    }
    m_rxTrace(m.GetControlConnectionId(), m);
    if (m.GetControlConnectionId() != 0)
    {
        // RFC 3931 §4.1.2.2: a connection's addresses and ports are fixed (the port once
        // the SCCRP is read): whoever learned its Control Connection ID speaks for its peer
        // only from the peer's address and port. Checked before the digest (no HMAC spent
        // on it) and before the reliable channel (no Ns taken, no acknowledgement sent).
        // A cleared connection only waits for its StopCCN's acknowledgement (§7.1), and a
        // tie's refusal may be acknowledged from any address of the losing LCCE (§5.4.3:
        // over IP the Router ID, not the address, tells the LCCE): not checked.
        auto it = m_connections.find(m.GetControlConnectionId());
        if (it != m_connections.end() && it->second->GetState() != L2tpv3ConnectionState::IDLE &&
            !FromPeer(*it->second, source))
        {
            NS_LOG_LOGIC("control message for connection " << it->first << " from " << source.peer
                                                           << " dropped: "
                                                           << "not its peer");
            ++m_counters.wrongSource;
            m_wrongSourceTrace(it->first, m, source.peer);
            return;
        }
    }
    if (Authenticates() && !Authenticate(m, source))
    {
        return;
    }
    if (m.GetControlConnectionId() != 0)
    {
        auto it = m_connections.find(m.GetControlConnectionId());
        if (it == m_connections.end())
        {
            AnswerUnknown(m, source);
            return;
        }
        Ptr<L2tpv3ControlConnection> c = it->second;
        uint32_t sender = 0;
        if (m.GetMessageType() == L2tpv3MessageType::STOPCCN && c->LostTie() &&
            m.GetUint32(L2tpv3AvpType::ASSIGNED_CONTROL_CONNECTION_ID, sender) && sender != 0 &&
            sender != c->GetPeerId())
        {
            // §5.4.3: the tie's winner refuses our losing SCCRQ from another connection of
            // its own than the one this connection now answers; the connection that SCCRQ
            // opened is discarded, so the refusal is for no connection of ours: acknowledged
            // as such, never delivered (it would otherwise clear the surviving connection).
            AnswerUnknown(m, source);
            return;
        }
        c->Receive(m, source.udp ? source.peerPort : 0);
        return;
    }
    if (m.GetMessageType() != L2tpv3MessageType::SCCRQ)
    {
        ++m_counters.unknownConnection; // §3.2.1: only an SCCRQ may carry Connection ID 0
        return;
    }
    uint32_t peerId = 0;
    m.GetUint32(L2tpv3AvpType::ASSIGNED_CONTROL_CONNECTION_ID, peerId);
    auto known = m_bySccrq.find({AddressKey(source.peer), peerId});
    if (known != m_bySccrq.end() && m_connections.count(known->second))
    {
        Ptr<L2tpv3ControlConnection> c = m_connections[known->second];
        if (c->GetState() != L2tpv3ConnectionState::IDLE)
        {
            c->Receive(m, source.udp ? source.peerPort : 0); // retransmitted: the channel acks
            return;
        }
        // That connection was cleared and only waits out its retransmission cycle (§7.1):
        // a peer that reuses its Assigned Control Connection ID opens a new one.
        m_bySccrq.erase(known);
    }
    // §5.4.3: an SCCRQ from a peer we sent one to is a tie.
    std::vector<Ptr<L2tpv3ControlConnection>> candidates;
    for (const auto& [id, c] : m_connections)
    {
        if (c->GetState() == L2tpv3ConnectionState::WAIT_CTL_REPLY && SamePeer(*c, m, source))
        {
            candidates.push_back(c);
        }
    }
    // A winner's StopCCN goes where the losing SCCRQ came from (the first candidate's).
    const L2tpv3ControlSource* tieSource = &source;
    for (const auto& c : candidates)
    {
        int tie = c->ResolveTie(m, tieSource);
        tieSource = nullptr;
        if (tie == 1)
        {
            m_bySccrq[{AddressKey(source.peer), peerId}] = c->GetLocalId();
            return;
        }
        if (tie == 2 || tie == 3)
        {
            return;
        }
    }
    if ((m_maxHalfOpen != 0 && m_halfOpen >= m_maxHalfOpen) ||
        (m_maxConnections != 0 && m_connections.size() >= m_maxConnections))
    {
        // §4.3: no state for it and no answer (a spoofed source would get it); a real
        // peer retransmits its SCCRQ (§4.2) and gets in once a place is free.
        NS_LOG_LOGIC("SCCRQ from " << source.peer << " refused: " << m_halfOpen << " half-open, "
                                   << m_connections.size() << " connections");
        ++m_counters.sccrqRefused;
        return;
    }
    Address local = source.local.IsInvalid() ? LocalAddressFor(source.peer) : source.local;
    Ptr<L2tpv3ControlConnection> c =
        CreateConnection(local, source.peer, source.udp ? source.peerPort : m_peerUdpPort);
    m_bySccrq[{AddressKey(source.peer), peerId}] = c->GetLocalId();
    m_admitting = &source;
    m_admittingStop = 0;
    m_admittingFinished = false;
    c->ReceiveFirstSccrq(m);
    m_admitting = nullptr;
    if (m_admittingFinished)
    {
        DiscardRefused(c);
    }
}

void
L2tpv3Lcce::DiscardRefused(Ptr<L2tpv3ControlConnection> c)
{
    // §7.2: an SCCRQ that is not acceptable is answered with a StopCCN and the connection
    // cleaned up. Its source may be forged: the StopCCN was sent once (within the rate of
    // replies to no connection) and is not retransmitted; nothing stays, so that a flood
    // of such SCCRQs costs at most one packet each and no state (§4.3: denial of service).
    // A real peer retransmits its SCCRQ, which meets the same refusal.
    c->GetChannel()->Close();
    RetireChannels(*c);
    for (auto s = m_bySccrq.begin(); s != m_bySccrq.end();)
    {
        s = s->second == c->GetLocalId() ? m_bySccrq.erase(s) : std::next(s);
    }
    CancelForget(c->GetLocalId());
    m_connections.erase(c->GetLocalId());
}

bool
L2tpv3Lcce::FromPeer(const L2tpv3ControlConnection& c, const L2tpv3ControlSource& source) const
{
    if (!(c.GetPeer() == source.peer))
    {
        return false;
    }
    // The initiator learns the peer's port from the SCCRP (§4.1.2.2: the recipient may
    // answer from another port): until it has read one, any port is the peer's.
    bool portKnown = !c.IsInitiator() || c.GetEstablishedAt().IsPositive();
    return !source.udp || !portKnown || source.peerPort == c.GetPeerPort();
}

bool
L2tpv3Lcce::AllowReply(const L2tpv3ControlSource& source)
{
    std::string key = AddressKey(source.peer);
    if (source.udp)
    {
        key += "/" + std::to_string(source.peerPort);
    }
    if (m_replyLimiter.Allow(key, Simulator::Now()))
    {
        return true;
    }
    NS_LOG_LOGIC("reply to " << source.peer << " suppressed: over UnknownReplyRate or "
                             << "UnknownReplyTotalRate");
    ++m_counters.replySuppressed;
    return false;
}

bool
L2tpv3Lcce::SamePeer(const L2tpv3ControlConnection& c,
                     const L2tpv3ControlMessage& sccrq,
                     const L2tpv3ControlSource& source) const
{
    // RFC 3931 §5.4.3: tie breaking needs "an LCCE be uniquely identifiable upon receipt of
    // an SCCRQ. For L2TP over IP, this MUST be accomplished via the Router ID AVP." Once we
    // know the Router ID of the LCCE at c's address (from an SCCRQ or SCCRP it sent), the
    // SCCRQ's Router ID decides, whatever address it comes from; before, the address does.
    uint32_t routerId = 0;
    auto known = m_routerIdOf.find(AddressKey(c.GetPeer()));
    if (known != m_routerIdOf.end() && sccrq.GetUint32(L2tpv3AvpType::ROUTER_ID, routerId))
    {
        return routerId == known->second;
    }
    return c.GetPeer() == source.peer;
}

void
L2tpv3Lcce::AnswerUnknown(const L2tpv3ControlMessage& m, const L2tpv3ControlSource& source)
{
    ++m_counters.unknownConnection;
    if (m.GetMessageType() != L2tpv3MessageType::STOPCCN)
    {
        return;
    }
    if (Authenticates())
    {
        return; // no nonces to check it with, and no ZLB may answer it (§6.15)
    }
    // A StopCCN for a connection already gone (e.g. the loser of a tie, or ours lost in a
    // restart): acknowledge it, so the peer need not retransmit it (§4.2), within the rate
    // of replies to no connection (its source may be forged: §8.1).
    if (!AllowReply(source))
    {
        return;
    }
    L2tpv3ControlMessage zlb;
    uint32_t peerId = 0;
    m.GetUint32(L2tpv3AvpType::ASSIGNED_CONTROL_CONNECTION_ID, peerId);
    zlb.SetControlConnectionId(peerId);
    zlb.SetNs(m.GetNr());
    zlb.SetNr(static_cast<uint16_t>(m.GetNs() + 1));
    Address local = source.local.IsInvalid() ? LocalAddressFor(source.peer) : source.local;
    ++m_counters.txMessages[0];
    ++m_counters.zlbSent;
    m_txTrace(0, zlb);
    SendBytes(zlb.ToPacket(), local, source.peer, source.udp ? source.peerPort : m_peerUdpPort);
}

void
L2tpv3Lcce::RejectSccrq(const L2tpv3ControlConnection& winner,
                        const L2tpv3ControlMessage& sccrq,
                        uint16_t resultCode,
                        const L2tpv3ControlSource* source)
{
    uint32_t peerId = 0;
    sccrq.GetUint32(L2tpv3AvpType::ASSIGNED_CONTROL_CONNECTION_ID, peerId);
    // The SCCRQ's source: the winner's peer address, or another of that LCCE's (§5.4.3:
    // over IP the Router ID tells the LCCE, not the address).
    Address peer = source ? source->peer : winner.GetPeer();
    uint16_t port = source && source->udp ? source->peerPort : winner.GetPeerPort();
    Address local = source && !source->local.IsInvalid() ? source->local : winner.GetLocal();
    Ptr<L2tpv3ControlConnection> c = CreateConnection(local, peer, port);
    m_bySccrq[{AddressKey(peer), peerId}] = c->GetLocalId();
    if (Authenticates())
    {
        // The loser checks this StopCCN with the nonces of the tie: the winner's SCCRQ's and
        // its own.
        const L2tpv3Avp* nonce = sccrq.Find(L2tpv3AvpType::CONTROL_MESSAGE_AUTH_NONCE);
        c->SetNonces(winner.GetLocalNonce(), nonce ? nonce->GetValue() : std::vector<uint8_t>());
    }
    c->GetChannel()->SetPeerControlConnectionId(peerId);
    // Acknowledged (Nr 1) and refused: the loser gets the StopCCN alone, never an SCCRP.
    c->AcknowledgeOnly(sccrq);
    L2tpv3ControlMessage stop(L2tpv3MessageType::STOPCCN);
    stop.Add(L2tpv3Avp::MakeUint32(L2tpv3AvpType::ASSIGNED_CONTROL_CONNECTION_ID, c->GetLocalId()));
    stop.Add(L2tpv3Avp::MakeResultCode(resultCode, 0, "tie breaker lost"));
    CountStopCcn(true, resultCode);
    c->Send(std::move(stop));
    Finish(*c, c->GetChannel()->GetFullRetransmissionCycle(), false);
}

bool
L2tpv3Lcce::Authenticate(L2tpv3ControlMessage& m, const L2tpv3ControlSource& source)
{
    L2tpv3MessageType type = m.GetMessageType();
    bool sccrq = m.GetControlConnectionId() == 0 && type == L2tpv3MessageType::SCCRQ;
    std::vector<uint8_t> remoteNonce;
    std::vector<uint8_t> localNonce;
    if (!sccrq)
    {
        auto it = m_connections.find(m.GetControlConnectionId());
        if (it == m_connections.end())
        {
            return true; // for no connection of ours: counted as such, never acted on
        }
        localNonce = it->second->GetLocalNonce();
        remoteNonce = it->second->GetRemoteNonce();
        if (type == L2tpv3MessageType::SCCRP)
        {
            // The SCCRP brings the peer's nonce (§5.4.1): its digest covers it already.
            const L2tpv3Avp* nonce = m.Find(L2tpv3AvpType::CONTROL_MESSAGE_AUTH_NONCE);
            remoteNonce = nonce ? nonce->GetValue() : std::vector<uint8_t>();
        }
    }
    std::size_t matched = 0;
    // §5.4.1: checked "before utilizing any information contained within the control message".
    switch (m_security.Verify(m, remoteNonce, localNonce, matched))
    {
    case L2tpv3ControlAuth::MISSING:
        NS_LOG_LOGIC("control message without Message Digest dropped");
        ++m_counters.rxDigestMissing;
        if (sccrq)
        {
            RefuseUnauthenticated(m, source, "no Message Digest");
        }
        return false;
    case L2tpv3ControlAuth::INVALID:
        NS_LOG_LOGIC("control message with a wrong Message Digest dropped");
        ++m_counters.rxDigestInvalid;
        if (sccrq)
        {
            RefuseUnauthenticated(m, source, "Message Digest does not match");
        }
        return false;
    case L2tpv3ControlAuth::VALID:
        break;
    }
    if (!m_security.Unhide(m, matched))
    {
        ++m_counters.rxHiddenInvalid;
        return false;
    }
    if (sccrq && !m.Find(L2tpv3AvpType::CONTROL_MESSAGE_AUTH_NONCE))
    {
        // §5.4.1: with authentication enabled the SCCRQ MUST carry a Nonce.
        ++m_counters.rxNonceMissing;
        RefuseUnauthenticated(m, source, "no Control Message Authentication Nonce");
        return false;
    }
    return true;
}

void
L2tpv3Lcce::RefuseUnauthenticated(const L2tpv3ControlMessage& sccrq,
                                  const L2tpv3ControlSource& source,
                                  const std::string& why)
{
    uint32_t peerId = 0;
    sccrq.GetUint32(L2tpv3AvpType::ASSIGNED_CONTROL_CONNECTION_ID, peerId);
    if (peerId == 0)
    {
        return; // nowhere to send a StopCCN to
    }
    // §5.4.2 StopCCN Result Code 4: "Requester is not authorized to establish a control
    // connection". No connection is created: a flood of forged SCCRQs leaves no state, and
    // gets at most the rate of replies to no connection.
    if (!AllowReply(source))
    {
        return;
    }
    L2tpv3ControlMessage stop(L2tpv3MessageType::STOPCCN);
    stop.SetControlConnectionId(peerId);
    stop.SetNs(0);
    stop.SetNr(static_cast<uint16_t>(sccrq.GetNs() + 1));
    stop.Add(L2tpv3Avp::MakeResultCode(4, 0, why));
    // Our nonce was never advertised: the digest covers only the requester's (§5.4.1).
    const L2tpv3Avp* nonce = sccrq.Find(L2tpv3AvpType::CONTROL_MESSAGE_AUTH_NONCE);
    m_security.Protect(stop,
                       m_digestAlgorithm,
                       m_hideAvps,
                       m_random,
                       {},
                       nonce ? nonce->GetValue() : std::vector<uint8_t>());
    CountStopCcn(true, 4);
    ++m_counters.txMessages[TypeIndex(stop)];
    m_txTrace(0, stop);
    Address local = source.local.IsInvalid() ? LocalAddressFor(source.peer) : source.local;
    SendBytes(stop.ToPacket(), local, source.peer, source.udp ? source.peerPort : m_peerUdpPort);
}

Address
L2tpv3Lcce::LocalAddressFor(const Address& peer) const
{
    Socket::SocketErrno err;
    Ptr<Packet> probe = Create<Packet>();
    if (Ipv4Address::IsMatchingType(peer))
    {
        Ptr<Ipv4> ipv4 = GetNode()->GetObject<Ipv4>();
        if (ipv4 && ipv4->GetRoutingProtocol())
        {
            Ipv4Header h;
            h.SetDestination(Ipv4Address::ConvertFrom(peer));
            Ptr<Ipv4Route> r = ipv4->GetRoutingProtocol()->RouteOutput(probe, h, nullptr, err);
            if (r)
            {
                return r->GetSource();
            }
        }
    }
    else if (Ipv6Address::IsMatchingType(peer))
    {
        Ptr<Ipv6> ipv6 = GetNode()->GetObject<Ipv6>();
        if (ipv6 && ipv6->GetRoutingProtocol())
        {
            Ipv6Header h;
            h.SetDestination(Ipv6Address::ConvertFrom(peer));
            Ptr<Ipv6Route> r = ipv6->GetRoutingProtocol()->RouteOutput(probe, h, nullptr, err);
            if (r)
            {
                return r->GetSource();
            }
        }
    }
    return Address();
}

void
L2tpv3Lcce::SendBytes(Ptr<Packet> packet, const Address& local, const Address& peer, uint16_t port)
{
    if (!m_l4)
    {
        return;
    }
    bool routed;
    if (m_encapsulation == L2tpv3Encapsulation::UDP)
    {
        uint32_t fragments;
        routed = m_l4->SendUdp(packet, local, peer, m_udpPort, port, m_udpChecksum, fragments);
    }
    else
    {
        routed = m_l4->SendControl(packet, local, peer);
    }
    if (!routed)
    {
        NS_LOG_LOGIC("no route to " << peer << ": the channel will retransmit");
    }
}

} // namespace ns3
