/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-l4-protocol.h"

#include "l2tpv3-net-device.h"
#include "l2tpv3-session-header.h"

#include "ns3/ipv4-header.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-route.h"
#include "ns3/ipv6-routing-protocol.h"
#include "ns3/ipv6.h"
#include "ns3/log.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/packet.h"

#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpv3L4Protocol");

NS_OBJECT_ENSURE_REGISTERED(L2tpv3L4Protocol);

TypeId
L2tpv3L4Protocol::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::L2tpv3L4Protocol")
            .SetParent<IpL4Protocol>()
            .SetGroupName("L2tp")
            .AddConstructor<L2tpv3L4Protocol>()
            .AddTraceSource("Drop",
                            "A packet was dropped before reaching a session, with the reason",
                            MakeTraceSourceAccessor(&L2tpv3L4Protocol::m_dropTrace),
                            "ns3::L2tpv3L4Protocol::DropTracedCallback");
    return tid;
}

L2tpv3L4Protocol::L2tpv3L4Protocol()
{
    NS_LOG_FUNCTION(this);
}

L2tpv3L4Protocol::~L2tpv3L4Protocol()
{
    NS_LOG_FUNCTION(this);
}

Ptr<L2tpv3L4Protocol>
L2tpv3L4Protocol::GetOrCreate(Ptr<Node> node)
{
    Ptr<L2tpv3L4Protocol> l4 = node->GetObject<L2tpv3L4Protocol>();
    if (!l4)
    {
        l4 = CreateObject<L2tpv3L4Protocol>();
        node->AggregateObject(l4);
    }
    return l4;
}

void
L2tpv3L4Protocol::SetNode(Ptr<Node> node)
{
    m_node = node;
}

void
L2tpv3L4Protocol::NotifyNewAggregate()
{
    NS_LOG_FUNCTION(this);
    Ptr<Node> node = GetObject<Node>();
    if (!m_node && node)
    {
        SetNode(node);
    }
    if (m_node)
    {
        Ptr<Ipv4> ipv4 = m_node->GetObject<Ipv4>();
        if (ipv4 && m_downTarget.IsNull())
        {
            ipv4->Insert(this);
            SetDownTarget(MakeCallback(&Ipv4::Send, ipv4));
        }
        Ptr<Ipv6> ipv6 = m_node->GetObject<Ipv6>();
        if (ipv6 && m_downTarget6.IsNull())
        {
            ipv6->Insert(this);
            SetDownTarget6(MakeCallback(&Ipv6::Send, ipv6));
        }
    }
    IpL4Protocol::NotifyNewAggregate();
}

void
L2tpv3L4Protocol::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_sessions.clear();
    m_downTarget = IpL4Protocol::DownTargetCallback();
    m_downTarget6 = IpL4Protocol::DownTargetCallback6();
    m_node = nullptr;
    IpL4Protocol::DoDispose();
}

int
L2tpv3L4Protocol::GetProtocolNumber() const
{
    return PROT_NUMBER;
}

void
L2tpv3L4Protocol::AddSession(uint32_t sessionId, Ptr<L2tpv3NetDevice> device)
{
    NS_LOG_FUNCTION(this << sessionId << device);
    if (sessionId == L2tpv3SessionHeader::CONTROL_SESSION_ID)
    {
        throw std::invalid_argument(
            "LocalSessionId 0 is reserved for control messages (RFC 3931 §4.1.1.2)");
    }
    auto it = m_sessions.find(sessionId);
    if (it != m_sessions.end() && it->second != device)
    {
        std::ostringstream oss;
        oss << "LocalSessionId " << sessionId << " is already used on node "
            << (m_node ? m_node->GetId() : 0) << " by device " << it->second->GetIfIndex()
            << " (RFC 3931 §4.1: a Session ID is unique per LCCE)";
        throw std::invalid_argument(oss.str());
    }
    m_sessions[sessionId] = device;
}

void
L2tpv3L4Protocol::RemoveSession(uint32_t sessionId)
{
    NS_LOG_FUNCTION(this << sessionId);
    m_sessions.erase(sessionId);
}

Ptr<L2tpv3NetDevice>
L2tpv3L4Protocol::LookupSession(uint32_t sessionId) const
{
    auto it = m_sessions.find(sessionId);
    return it == m_sessions.end() ? nullptr : it->second;
}

std::size_t
L2tpv3L4Protocol::GetNSessions() const
{
    return m_sessions.size();
}

const L2tpv3Counters&
L2tpv3L4Protocol::GetCounters() const
{
    return m_counters;
}

void
L2tpv3L4Protocol::Drop(Ptr<const Packet> p, L2tpv3DropReason reason)
{
    NS_LOG_LOGIC("drop " << reason << " " << p->GetSize() << " bytes");
    m_counters.CountDrop(reason);
    m_dropTrace(p, reason);
}

bool
L2tpv3L4Protocol::Send(Ptr<Packet> packet,
                       const Address& source,
                       const Address& destination,
                       uint32_t& fragments)
{
    NS_LOG_FUNCTION(this << packet << source << destination);
    fragments = 1;
    if (Ipv4Address::IsMatchingType(destination))
    {
        Ptr<Ipv4> ipv4 = m_node->GetObject<Ipv4>();
        if (!ipv4 || !ipv4->GetRoutingProtocol() || m_downTarget.IsNull())
        {
            return false;
        }
        Ipv4Address src = Ipv4Address::ConvertFrom(source);
        Ipv4Address dst = Ipv4Address::ConvertFrom(destination);
        Ipv4Header header;
        header.SetSource(src);
        header.SetDestination(dst);
        header.SetProtocol(PROT_NUMBER);
        Socket::SocketErrno err;
        Ptr<Ipv4Route> route =
            ipv4->GetRoutingProtocol()->RouteOutput(packet, header, nullptr, err);
        if (!route)
        {
            return false;
        }
        // Outer IPv4 source fragmentation (RFC 791): 8-byte aligned fragment payloads.
        uint32_t mtu = route->GetOutputDevice()->GetMtu();
        if (packet->GetSize() + header.GetSerializedSize() > mtu)
        {
            uint32_t perFragment = (mtu - header.GetSerializedSize()) & ~7U;
            fragments = (packet->GetSize() + perFragment - 1) / perFragment;
        }
        m_downTarget(packet, src, dst, PROT_NUMBER, route);
        return true;
    }
    if (Ipv6Address::IsMatchingType(destination))
    {
        Ptr<Ipv6> ipv6 = m_node->GetObject<Ipv6>();
        if (!ipv6 || !ipv6->GetRoutingProtocol() || m_downTarget6.IsNull())
        {
            return false;
        }
        Ipv6Address src = Ipv6Address::ConvertFrom(source);
        Ipv6Address dst = Ipv6Address::ConvertFrom(destination);
        Ipv6Header header;
        header.SetSource(src);
        header.SetDestination(dst);
        header.SetNextHeader(PROT_NUMBER);
        Socket::SocketErrno err;
        Ptr<Ipv6Route> route =
            ipv6->GetRoutingProtocol()->RouteOutput(packet, header, nullptr, err);
        if (!route)
        {
            return false;
        }
        // IPv6 source fragmentation (RFC 8200 §4.5): 8-byte fragment header per fragment.
        uint32_t mtu = route->GetOutputDevice()->GetMtu();
        if (packet->GetSize() + header.GetSerializedSize() > mtu)
        {
            uint32_t perFragment = (mtu - header.GetSerializedSize() - 8) & ~7U;
            fragments = (packet->GetSize() + perFragment - 1) / perFragment;
        }
        m_downTarget6(packet, src, dst, PROT_NUMBER, route);
        return true;
    }
    return false;
}

IpL4Protocol::RxStatus
L2tpv3L4Protocol::Receive(Ptr<Packet> p,
                          const Ipv4Header& header,
                          Ptr<Ipv4Interface> incomingInterface)
{
    NS_LOG_FUNCTION(this << p << header);
    ReceiveCommon(p, header.GetSource());
    return IpL4Protocol::RX_OK;
}

IpL4Protocol::RxStatus
L2tpv3L4Protocol::Receive(Ptr<Packet> p,
                          const Ipv6Header& header,
                          Ptr<Ipv6Interface> incomingInterface)
{
    NS_LOG_FUNCTION(this << p << header);
    ReceiveCommon(p, header.GetSource());
    return IpL4Protocol::RX_OK;
}

void
L2tpv3L4Protocol::ReceiveCommon(Ptr<Packet> p, const Address& source)
{
    uint32_t sessionId;
    if (!L2tpv3SessionHeader::PeekSessionId(p, sessionId))
    {
        Drop(p, L2tpv3DropReason::PACKET_TOO_SHORT);
        return;
    }
    if (sessionId == L2tpv3SessionHeader::CONTROL_SESSION_ID)
    {
        // RFC 3931 §4.1.1.2: Session ID 0 over IP is a control message; none is handled yet.
        ++m_counters.rxControl;
        Drop(p, L2tpv3DropReason::CONTROL_MESSAGE);
        return;
    }
    auto it = m_sessions.find(sessionId);
    if (it == m_sessions.end())
    {
        Drop(p, L2tpv3DropReason::UNKNOWN_SESSION);
        return;
    }
    it->second->Receive(p, source);
}

void
L2tpv3L4Protocol::SetDownTarget(IpL4Protocol::DownTargetCallback cb)
{
    m_downTarget = cb;
}

void
L2tpv3L4Protocol::SetDownTarget6(IpL4Protocol::DownTargetCallback6 cb)
{
    m_downTarget6 = cb;
}

IpL4Protocol::DownTargetCallback
L2tpv3L4Protocol::GetDownTarget() const
{
    return m_downTarget;
}

IpL4Protocol::DownTargetCallback6
L2tpv3L4Protocol::GetDownTarget6() const
{
    return m_downTarget6;
}

} // namespace ns3
