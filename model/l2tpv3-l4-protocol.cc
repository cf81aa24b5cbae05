/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-l4-protocol.h"

#include "l2tpv3-control-message.h"
#include "l2tpv3-net-device.h"
#include "l2tpv3-session-header.h"
#include "l2tpv3-udp-header.h"

#include "ns3/boolean.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
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
#include "ns3/node-list.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/socket.h"
#include "ns3/udp-header.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
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
            .AddAttribute("RouteCache",
                          "Keep the route to each peer (local and remote address) for control "
                          "and data instead of routing every packet, where the node's routing is "
                          "static (alone, or a list with an empty global routing); dropped when "
                          "an interface, an address or the number of routes changes; a static "
                          "route replaced needs FlushRouteCache (false: every packet routed)",
                          BooleanValue(true),
                          MakeBooleanAccessor(&L2tpv3L4Protocol::SetRouteCacheEnabled,
                                              &L2tpv3L4Protocol::GetRouteCacheEnabled),
                          MakeBooleanChecker())
            .AddAttribute("RouteCacheLimit",
                          "The most routes the cache keeps per address family; a full cache is "
                          "emptied before the next route is stored (forged peers cannot grow it)",
                          UintegerValue(65536),
                          MakeUintegerAccessor(&L2tpv3L4Protocol::SetRouteCacheLimit,
                                               &L2tpv3L4Protocol::GetRouteCacheLimit),
                          MakeUintegerChecker<uint32_t>(1))
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
        // Looked up here, once, rather than for every packet sent.
        Ptr<Ipv4> ipv4 = m_node->GetObject<Ipv4>();
        if (ipv4 && m_downTarget.IsNull())
        {
            m_ipv4 = ipv4;
            ipv4->Insert(this);
            SetDownTarget(MakeCallback(&Ipv4::Send, ipv4));
            m_sendDirect = true;
        }
        Ptr<Ipv6> ipv6 = m_node->GetObject<Ipv6>();
        if (ipv6 && m_downTarget6.IsNull())
        {
            m_ipv6 = ipv6;
            ipv6->Insert(this);
            SetDownTarget6(MakeCallback(&Ipv6::Send, ipv6));
            m_sendDirect6 = true;
        }
    }
    IpL4Protocol::NotifyNewAggregate();
}

void
L2tpv3L4Protocol::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_sessions.Clear();
    m_udpSessions.Clear();
    for (auto& endpoint : m_udpSockets)
    {
        endpoint.socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        endpoint.socket->Close();
    }
    m_udpSockets.clear();
    m_control = Callback<void, Ptr<Packet>, const L2tpv3ControlSource&>();
    m_downTarget = IpL4Protocol::DownTargetCallback();
    m_downTarget6 = IpL4Protocol::DownTargetCallback6();
    m_ipv4 = nullptr;
    m_ipv6 = nullptr;
    m_node = nullptr;
    m_routeCache.Clear();
    IpL4Protocol::DoDispose();
}

int
L2tpv3L4Protocol::GetProtocolNumber() const
{
    return PROT_NUMBER;
}

bool
L2tpv3SessionKey::operator==(const L2tpv3SessionKey& other) const
{
    return sessionId == other.sessionId && udp == other.udp &&
           (!udp || (udpPort == other.udpPort && ipv6 == other.ipv6));
}

std::ostream&
operator<<(std::ostream& os, const L2tpv3SessionKey& key)
{
    os << "session " << key.sessionId;
    if (key.udp)
    {
        os << " over udp/" << key.udpPort << " (" << (key.ipv6 ? "IPv6" : "IPv4") << ")";
    }
    else
    {
        os << " over ip";
    }
    return os;
}

// --- SessionTable ---

std::size_t
L2tpv3L4Protocol::SessionTable::Home(uint64_t key) const
{
    return std::size_t((key * 0x9e3779b97f4a7c15ULL) >> m_shift);
}

L2tpv3NetDevice*
L2tpv3L4Protocol::SessionTable::Find(uint64_t key) const
{
    if (m_size == 0)
    {
        return nullptr;
    }
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = Home(key);; i = (i + 1) & mask)
    {
        const Slot& slot = m_slots[i];
        if (!slot.device)
        {
            return nullptr;
        }
        if (slot.key == key)
        {
            return PeekPointer(slot.device);
        }
    }
}

void
L2tpv3L4Protocol::SessionTable::Insert(uint64_t key, Ptr<L2tpv3NetDevice> device)
{
    NS_ASSERT(device);
    // At most half full, so that a probe sequence stays short and ends at an empty slot.
    if (2 * (m_size + 1) > m_slots.size())
    {
        Rehash(std::max<std::size_t>(16, 2 * m_slots.size()));
    }
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = Home(key);; i = (i + 1) & mask)
    {
        Slot& slot = m_slots[i];
        if (!slot.device)
        {
            slot.key = key;
            slot.device = device;
            ++m_size;
            return;
        }
        if (slot.key == key)
        {
            slot.device = device;
            return;
        }
    }
}

void
L2tpv3L4Protocol::SessionTable::Erase(uint64_t key)
{
    if (m_size == 0)
    {
        return;
    }
    const std::size_t mask = m_slots.size() - 1;
    std::size_t hole = Home(key);
    while (m_slots[hole].device && m_slots[hole].key != key)
    {
        hole = (hole + 1) & mask;
    }
    if (!m_slots[hole].device)
    {
        return;
    }
    // Backward-shift deletion: move later entries of the run into the hole when their
    // home slot does not lie (cyclically) between the hole and where they sit.
    for (std::size_t j = (hole + 1) & mask; m_slots[j].device; j = (j + 1) & mask)
    {
        std::size_t home = Home(m_slots[j].key);
        if (((j - home) & mask) >= ((j - hole) & mask))
        {
            m_slots[hole] = m_slots[j];
            hole = j;
        }
    }
    m_slots[hole] = Slot();
    --m_size;
}

std::size_t
L2tpv3L4Protocol::SessionTable::Size() const
{
    return m_size;
}

void
L2tpv3L4Protocol::SessionTable::Clear()
{
    m_slots.clear();
    m_size = 0;
    m_shift = 64;
}

void
L2tpv3L4Protocol::SessionTable::Rehash(std::size_t slots)
{
    std::vector<Slot> old;
    old.swap(m_slots);
    m_slots.resize(slots);
    m_shift = 64;
    for (std::size_t n = slots; n > 1; n >>= 1)
    {
        --m_shift;
    }
    m_size = 0;
    for (Slot& slot : old)
    {
        if (slot.device)
        {
            Insert(slot.key, slot.device);
        }
    }
}

uint64_t
L2tpv3L4Protocol::UdpTableKey(const L2tpv3SessionKey& key) const
{
    for (std::size_t i = 0; i < m_udpSockets.size(); ++i)
    {
        if (m_udpSockets[i].port == key.udpPort && m_udpSockets[i].ipv6 == key.ipv6)
        {
            return (uint64_t(i) << 32) | key.sessionId;
        }
    }
    return ~uint64_t(0);
}

void
L2tpv3L4Protocol::CheckSessionFree(const L2tpv3SessionKey& key)
{
    if (key.sessionId == L2tpv3SessionHeader::CONTROL_SESSION_ID)
    {
        throw std::invalid_argument(
            "LocalSessionId 0 is reserved for control messages (RFC 3931 §4.1.1.2)");
    }
    if (LookupSession(key))
    {
        std::ostringstream oss;
        oss << "LocalSessionId " << key.sessionId << " is already used on node "
            << (m_node ? m_node->GetId() : 0) << " by device " << LookupSession(key)->GetIfIndex()
            << " (" << key << "; RFC 3931 §4.1: a Session ID is unique per LCCE)";
        throw std::invalid_argument(oss.str());
    }
    if (key.udp)
    {
        GetUdpSocket(key.udpPort, key.ipv6);
    }
}

void
L2tpv3L4Protocol::AddSession(const L2tpv3SessionKey& key, Ptr<L2tpv3NetDevice> device)
{
    NS_LOG_FUNCTION(this << key << device);
    if (LookupSession(key) == device)
    {
        return;
    }
    CheckSessionFree(key);
    ++m_sessionTableUpdates;
    if (!key.udp)
    {
        m_sessions.Insert(key.sessionId, device);
        return;
    }
    uint32_t index = GetUdpSocket(key.udpPort, key.ipv6);
    m_udpSessions.Insert((uint64_t(index) << 32) | key.sessionId, device);
}

void
L2tpv3L4Protocol::RemoveSession(const L2tpv3SessionKey& key)
{
    NS_LOG_FUNCTION(this << key);
    ++m_sessionTableUpdates;
    if (!key.udp)
    {
        m_sessions.Erase(key.sessionId);
        return;
    }
    m_udpSessions.Erase(UdpTableKey(key));
}

uint64_t
L2tpv3L4Protocol::GetNSessionTableUpdates() const
{
    return m_sessionTableUpdates;
}

Ptr<L2tpv3NetDevice>
L2tpv3L4Protocol::LookupSession(const L2tpv3SessionKey& key) const
{
    if (!key.udp)
    {
        return LookupSession(key.sessionId);
    }
    return m_udpSessions.Find(UdpTableKey(key));
}

Ptr<L2tpv3NetDevice>
L2tpv3L4Protocol::LookupSession(uint32_t sessionId) const
{
    return m_sessions.Find(sessionId);
}

uint32_t
L2tpv3L4Protocol::GetUdpSocket(uint16_t port, bool ipv6)
{
    for (std::size_t i = 0; i < m_udpSockets.size(); ++i)
    {
        if (m_udpSockets[i].port == port && m_udpSockets[i].ipv6 == ipv6)
        {
            return i;
        }
    }
    if (!m_node || !m_node->GetObject<UdpSocketFactory>())
    {
        throw std::invalid_argument(
            "Encapsulation udp needs UDP on the node: install the internet stack first");
    }
    Ptr<Socket> socket = Socket::CreateSocket(m_node, UdpSocketFactory::GetTypeId());
    int bound = ipv6 ? socket->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), port))
                     : socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
    if (bound != 0)
    {
        std::ostringstream oss;
        oss << "UdpSourcePort " << port << " is already in use on node " << m_node->GetId();
        throw std::invalid_argument(oss.str());
    }
    uint32_t index = m_udpSockets.size();
    socket->SetRecvCallback(Callback<void, Ptr<Socket>>([this, index](Ptr<Socket> receiving) {
        ReceiveUdp(index, receiving);
    }));
    m_udpSockets.push_back({socket, port, ipv6});
    return index;
}

void
L2tpv3L4Protocol::SetControlCallback(Callback<void, Ptr<Packet>, const L2tpv3ControlSource&> cb)
{
    m_control = cb;
}

void
L2tpv3L4Protocol::OpenUdpPort(uint16_t port, bool ipv6)
{
    GetUdpSocket(port, ipv6);
}

bool
L2tpv3L4Protocol::SendControl(Ptr<Packet> packet, const Address& source, const Address& destination)
{
    // RFC 3931 §4.1.1.2: over IP a control message follows 32 zero bits (Session ID 0).
    uint8_t zero[4] = {0, 0, 0, 0};
    Ptr<Packet> message = Create<Packet>(zero, 4);
    message->AddAtEnd(packet);
    uint32_t fragments;
    return SendIp(message, source, destination, PROT_NUMBER, fragments);
}

void
L2tpv3L4Protocol::SetRouteCacheEnabled(bool enabled)
{
    m_routeCache.SetEnabled(enabled);
}

bool
L2tpv3L4Protocol::GetRouteCacheEnabled() const
{
    return m_routeCache.IsEnabled();
}

void
L2tpv3L4Protocol::SetRouteCacheLimit(uint32_t limit)
{
    m_routeCacheLimit = limit;
    m_routeCache.SetLimit(limit);
}

uint32_t
L2tpv3L4Protocol::GetRouteCacheLimit() const
{
    return m_routeCacheLimit;
}

void
L2tpv3L4Protocol::FlushRouteCache()
{
    NS_LOG_FUNCTION(this);
    m_routeCache.Flush();
}

void
L2tpv3L4Protocol::FlushAllRouteCaches()
{
    for (auto node = NodeList::Begin(); node != NodeList::End(); ++node)
    {
        if (Ptr<L2tpv3L4Protocol> l4 = (*node)->GetObject<L2tpv3L4Protocol>())
        {
            l4->FlushRouteCache();
        }
    }
}

const L2tpv3RouteCacheStats&
L2tpv3L4Protocol::GetRouteCacheStats() const
{
    return m_routeCache.GetStats();
}

std::size_t
L2tpv3L4Protocol::GetRouteCacheSize() const
{
    return m_routeCache.GetSize();
}

std::size_t
L2tpv3L4Protocol::GetNSessions() const
{
    return m_sessions.Size() + m_udpSessions.Size();
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
    return SendIp(packet, source, destination, PROT_NUMBER, fragments);
}

bool
L2tpv3L4Protocol::SendUdp(Ptr<Packet> packet,
                          const Address& source,
                          const Address& destination,
                          uint16_t sourcePort,
                          uint16_t destinationPort,
                          bool checksum,
                          uint32_t& fragments)
{
    NS_LOG_FUNCTION(this << packet << source << destination << sourcePort << destinationPort);
    UdpHeader udp;
    udp.SetSourcePort(sourcePort);
    udp.SetDestinationPort(destinationPort);
    if (!checksum)
    {
        // RFC 3931 §4.1.2.3: "UDP checksums MUST be enabled for L2TP control messages"
        // (T = 1), whatever the data plane's setting; only data messages go without one.
        uint8_t first = 0;
        checksum = packet->CopyData(&first, 1) == 1 && (first & 0x80);
    }
    // §4.1.2.3: on data messages UDP checksums MAY be disabled: a zero checksum over IPv4;
    // over IPv6 only on tunnels configured for it at both ends (RFC 8200 §8.1, RFC 6935),
    // which the caller decides (L2tpv3NetDevice's Udp6ZeroChecksum).
    if (checksum)
    {
        udp.EnableChecksums();
        udp.InitializeChecksum(source, destination, L2tpv3L4Protocol::UDP_PROT_NUMBER);
    }
    packet->AddHeader(udp);
    return SendIp(packet, source, destination, L2tpv3L4Protocol::UDP_PROT_NUMBER, fragments);
}

uint32_t
L2tpv3L4Protocol::GetUnderlayMtu(const Address& source, const Address& destination) const
{
    Ptr<Packet> probe = Create<Packet>();
    if (Ipv4Address::IsMatchingType(destination))
    {
        const Ptr<Ipv4>& ipv4 = m_ipv4;
        if (!ipv4)
        {
            return 0;
        }
        Ipv4Header header;
        header.SetSource(Ipv4Address::ConvertFrom(source));
        header.SetDestination(Ipv4Address::ConvertFrom(destination));
        const Ptr<Ipv4Route>& route = m_routeCache.Route(ipv4, probe, header);
        return route ? route->GetOutputDevice()->GetMtu() : 0;
    }
    if (Ipv6Address::IsMatchingType(destination))
    {
        const Ptr<Ipv6>& ipv6 = m_ipv6;
        if (!ipv6)
        {
            return 0;
        }
        Ipv6Header header;
        header.SetSource(Ipv6Address::ConvertFrom(source));
        header.SetDestination(Ipv6Address::ConvertFrom(destination));
        const Ptr<Ipv6Route>& route = m_routeCache.Route(ipv6, probe, header);
        return route ? route->GetOutputDevice()->GetMtu() : 0;
    }
    return 0;
}

bool
L2tpv3L4Protocol::SendIp(Ptr<Packet> packet,
                         const Address& source,
                         const Address& destination,
                         uint8_t protocol,
                         uint32_t& fragments)
{
    fragments = 1;
    if (Ipv4Address::IsMatchingType(destination))
    {
        const Ptr<Ipv4>& ipv4 = m_ipv4;
        // No routing protocol: Route returns no route.
        if (!ipv4 || m_downTarget.IsNull())
        {
            return false;
        }
        Ipv4Address src = Ipv4Address::ConvertFrom(source);
        Ipv4Address dst = Ipv4Address::ConvertFrom(destination);
        Ipv4Header header;
        header.SetSource(src);
        header.SetDestination(dst);
        header.SetProtocol(protocol);
        // One hash lookup per packet where the routing allows it (l2tpv3-route-cache.h).
        const Ptr<Ipv4Route>& route = m_routeCache.Route(ipv4, packet, header);
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
        // One call into IP (issue 22): the down target is Ipv4::Send unless a user replaced
        // it (SetDownTarget), so it is called directly, without the callback's two wrappers.
        if (m_sendDirect)
        {
            ipv4->Send(packet, src, dst, protocol, route);
        }
        else
        {
            m_downTarget(packet, src, dst, protocol, route);
        }
        return true;
    }
    if (Ipv6Address::IsMatchingType(destination))
    {
        const Ptr<Ipv6>& ipv6 = m_ipv6;
        if (!ipv6 || m_downTarget6.IsNull())
        {
            return false;
        }
        Ipv6Address src = Ipv6Address::ConvertFrom(source);
        Ipv6Address dst = Ipv6Address::ConvertFrom(destination);
        Ipv6Header header;
        header.SetSource(src);
        header.SetDestination(dst);
        header.SetNextHeader(protocol);
        const Ptr<Ipv6Route>& route = m_routeCache.Route(ipv6, packet, header);
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
        if (m_sendDirect6)
        {
            ipv6->Send(packet, src, dst, protocol, route);
        }
        else
        {
            m_downTarget6(packet, src, dst, protocol, route);
        }
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
    ReceiveCommon(p, header.GetSource(), header.GetDestination());
    return IpL4Protocol::RX_OK;
}

IpL4Protocol::RxStatus
L2tpv3L4Protocol::Receive(Ptr<Packet> p,
                          const Ipv6Header& header,
                          Ptr<Ipv6Interface> incomingInterface)
{
    NS_LOG_FUNCTION(this << p << header);
    ReceiveCommon(p, header.GetSource(), header.GetDestination());
    return IpL4Protocol::RX_OK;
}

void
L2tpv3L4Protocol::ReceiveCommon(Ptr<Packet> p, const Address& source, const Address& destination)
{
    uint32_t sessionId;
    if (!L2tpv3SessionHeader::PeekSessionId(p, sessionId))
    {
        Drop(p, L2tpv3DropReason::PACKET_TOO_SHORT);
        return;
    }
    if (sessionId == L2tpv3SessionHeader::CONTROL_SESSION_ID)
    {
        if (IsL2tpv2Probe(p, 4))
        {
            // RFC 3931 §4.7.1: no L2TPv2 over IP, so no §4.7.3 probe to answer either.
            Drop(p, L2tpv3DropReason::BAD_VERSION);
            return;
        }
        // RFC 3931 §4.1.1.2: Session ID 0 over IP is a control message, for the LCCE.
        ++m_counters.rxControl;
        if (m_control.IsNull())
        {
            return; // counted as what it is, not as a drop: a healthy peer's is no error
        }
        p->RemoveAtStart(4);
        L2tpv3ControlSource from;
        from.peer = source;
        from.local = destination;
        m_control(p, from);
        return;
    }
    L2tpv3NetDevice* device = m_sessions.Find(sessionId);
    if (!device)
    {
        Drop(p, L2tpv3DropReason::UNKNOWN_SESSION);
        return;
    }
    device->PrefetchFrameState();
    device->Receive(p, source);
}

bool
L2tpv3L4Protocol::IsL2tpv2Probe(Ptr<const Packet> p, uint32_t offset)
{
    if (p->GetSize() < offset + L2tpv3ControlMessage::PROBE_PREFIX_SIZE)
    {
        return false;
    }
    // On the stack: over IP every control message is looked at. The offset is 0 or 4.
    uint8_t bytes[4 + L2tpv3ControlMessage::PROBE_PREFIX_SIZE];
    NS_ASSERT(offset <= 4);
    uint32_t n = p->CopyData(bytes, offset + L2tpv3ControlMessage::PROBE_PREFIX_SIZE);
    return L2tpv3ControlMessage::IsL2tpv2Probe(bytes + offset, n - offset);
}

void
L2tpv3L4Protocol::ReceiveUdp(uint32_t index, Ptr<Socket> socket)
{
    Ptr<Packet> p;
    Address from;
    while ((p = socket->RecvFrom(from)))
    {
        NS_LOG_FUNCTION(this << p << from);
        Address source = InetSocketAddress::IsMatchingType(from)
                             ? Address(InetSocketAddress::ConvertFrom(from).GetIpv4())
                             : Address(Inet6SocketAddress::ConvertFrom(from).GetIpv6());
        L2tpv3UdpHeader word;
        if (p->GetSize() < word.GetSerializedSize())
        {
            Drop(p, L2tpv3DropReason::PACKET_TOO_SHORT);
            continue;
        }
        p->PeekHeader(word);
        // RFC 3931 §4.1.2.1: inspect Ver first; the other bits mean something else in L2TPv2.
        // §4.7.3: one L2TPv2 message is ours, the SCCRQ with Ver 2 to Tunnel ID 0 and Session
        // ID 0 that asks whether we speak L2TPv3; it goes to the LCCE, which answers in L2TPv3.
        if (word.GetVersion() != L2tpv3UdpHeader::VERSION && !IsL2tpv2Probe(p))
        {
            Drop(p, L2tpv3DropReason::BAD_VERSION);
            continue;
        }
        if (word.IsControl())
        {
            // RFC 3931 §4.1.2.1: T = 1 on the data port is a control message, for the LCCE.
            ++m_counters.rxControl;
            if (m_control.IsNull())
            {
                continue; // counted as what it is, not as a drop (see ReceiveCommon)
            }
            L2tpv3ControlSource control;
            control.peer = source;
            control.udp = true;
            control.localPort = m_udpSockets[index].port;
            // The socket is bound to any address: control.local stays unset (the LCCE knows it).
            control.peerPort = InetSocketAddress::IsMatchingType(from)
                                   ? InetSocketAddress::ConvertFrom(from).GetPort()
                                   : Inet6SocketAddress::ConvertFrom(from).GetPort();
            m_control(p, control);
            continue;
        }
        uint32_t sessionId;
        if (!L2tpv3SessionHeader::PeekSessionId(p, sessionId, word.GetSerializedSize()))
        {
            Drop(p, L2tpv3DropReason::PACKET_TOO_SHORT);
            continue;
        }
        L2tpv3NetDevice* device = m_udpSessions.Find((uint64_t(index) << 32) | sessionId);
        if (!device)
        {
            Drop(p, L2tpv3DropReason::UNKNOWN_SESSION);
            continue;
        }
        device->PrefetchFrameState();
        device->Receive(p, source);
    }
}

void
L2tpv3L4Protocol::SetDownTarget(IpL4Protocol::DownTargetCallback cb)
{
    m_downTarget = cb;
    m_sendDirect = false; // a target set from outside is always called
}

void
L2tpv3L4Protocol::SetDownTarget6(IpL4Protocol::DownTargetCallback6 cb)
{
    m_downTarget6 = cb;
    m_sendDirect6 = false;
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
