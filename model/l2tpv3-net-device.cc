/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-net-device.h"

#include "l2tpv3-channel.h"
#include "l2tpv3-l4-protocol.h"

#include "ns3/ethernet-header.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/uinteger.h"

#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpv3NetDevice");

NS_OBJECT_ENSURE_REGISTERED(L2tpv3NetDevice);

namespace
{

/// Ethernet header without preamble and FCS: destination, source, EtherType.
constexpr uint32_t ETHERNET_HEADER_SIZE = 14;

/**
 * \param a an address
 * \return "IPv4", "IPv6" or "unset/other" for messages
 */
std::string
FamilyName(const Address& a)
{
    if (Ipv4Address::IsMatchingType(a))
    {
        return "IPv4";
    }
    if (Ipv6Address::IsMatchingType(a))
    {
        return "IPv6";
    }
    return a.IsInvalid() ? "unset" : "not an IP address";
}

/**
 * \param a an address
 * \return the address as text, IPv4 or IPv6 when it is one
 */
std::string
AddressText(const Address& a)
{
    std::ostringstream oss;
    if (Ipv4Address::IsMatchingType(a))
    {
        oss << Ipv4Address::ConvertFrom(a);
    }
    else if (Ipv6Address::IsMatchingType(a))
    {
        oss << Ipv6Address::ConvertFrom(a);
    }
    else
    {
        oss << a;
    }
    return oss.str();
}

/**
 * \param a an address
 * \return true for an Ipv4Address or Ipv6Address
 */
bool
IsIpAddress(const Address& a)
{
    return Ipv4Address::IsMatchingType(a) || Ipv6Address::IsMatchingType(a);
}

} // namespace

TypeId
L2tpv3NetDevice::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::L2tpv3NetDevice")
            .SetParent<NetDevice>()
            .SetGroupName("L2tp")
            .AddConstructor<L2tpv3NetDevice>()
            .AddAttribute("Mtu",
                          "Largest Ethernet payload the pseudowire sends, in bytes",
                          UintegerValue(1500),
                          MakeUintegerAccessor(&L2tpv3NetDevice::SetMtu, &L2tpv3NetDevice::GetMtu),
                          MakeUintegerChecker<uint16_t>(68))
            .AddAttribute("Address",
                          "The device's MAC address, source of frames it originates",
                          Mac48AddressValue(Mac48Address("ff:ff:ff:ff:ff:ff")),
                          MakeMac48AddressAccessor(&L2tpv3NetDevice::m_address),
                          MakeMac48AddressChecker())
            .AddAttribute("LocalSessionId",
                          "Session ID this end receives on (0: unset)",
                          UintegerValue(0),
                          MakeUintegerAccessor(&L2tpv3NetDevice::SetLocalSessionId,
                                               &L2tpv3NetDevice::GetLocalSessionId),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("RemoteSessionId",
                          "Session ID the peer receives on, sent on the wire (0: unset)",
                          UintegerValue(0),
                          MakeUintegerAccessor(&L2tpv3NetDevice::SetRemoteSessionId,
                                               &L2tpv3NetDevice::GetRemoteSessionId),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("LocalCookie",
                          "Cookie expected on received packets, LEN:VALUE with LEN 0, 4 or 8",
                          L2tpv3CookieValue(L2tpv3Cookie()),
                          MakeL2tpv3CookieAccessor(&L2tpv3NetDevice::SetLocalCookie,
                                                   &L2tpv3NetDevice::GetLocalCookie),
                          MakeL2tpv3CookieChecker())
            .AddAttribute("RemoteCookie",
                          "Cookie put on sent packets, LEN:VALUE with LEN 0, 4 or 8",
                          L2tpv3CookieValue(L2tpv3Cookie()),
                          MakeL2tpv3CookieAccessor(&L2tpv3NetDevice::SetRemoteCookie,
                                                   &L2tpv3NetDevice::GetRemoteCookie),
                          MakeL2tpv3CookieChecker())
            .AddAttribute("TunnelSource",
                          "Local tunnel endpoint, an IPv4 or IPv6 address of this node",
                          AddressValue(),
                          MakeAddressAccessor(&L2tpv3NetDevice::SetTunnelSource,
                                              &L2tpv3NetDevice::GetTunnelSource),
                          MakeAddressChecker())
            .AddAttribute("TunnelDestination",
                          "Remote tunnel endpoint, same address family as TunnelSource",
                          AddressValue(),
                          MakeAddressAccessor(&L2tpv3NetDevice::SetTunnelDestination,
                                              &L2tpv3NetDevice::GetTunnelDestination),
                          MakeAddressChecker())
            .AddTraceSource("MacTx",
                            "A frame has been accepted for transmission on the pseudowire",
                            MakeTraceSourceAccessor(&L2tpv3NetDevice::m_macTxTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("MacTxDrop",
                            "A frame given for transmission has been dropped",
                            MakeTraceSourceAccessor(&L2tpv3NetDevice::m_macTxDropTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("MacRx",
                            "A frame for this host has been decapsulated and is passed up",
                            MakeTraceSourceAccessor(&L2tpv3NetDevice::m_macRxTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("MacPromiscRx",
                            "A frame has been decapsulated and is passed to the promiscuous "
                            "receive callback (a bridge)",
                            MakeTraceSourceAccessor(&L2tpv3NetDevice::m_macPromiscRxTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("Sniffer",
                            "Every Ethernet frame sent or received on the pseudowire (pcap)",
                            MakeTraceSourceAccessor(&L2tpv3NetDevice::m_snifferTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("PromiscSniffer",
                            "Every Ethernet frame sent or received on the pseudowire (pcap)",
                            MakeTraceSourceAccessor(&L2tpv3NetDevice::m_promiscSnifferTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("Drop",
                            "A packet or frame has been dropped, with the reason",
                            MakeTraceSourceAccessor(&L2tpv3NetDevice::m_dropTrace),
                            "ns3::L2tpv3NetDevice::DropTracedCallback");
    return tid;
}

L2tpv3NetDevice::L2tpv3NetDevice()
    : m_ifIndex(0),
      m_mtu(1500),
      m_localSessionId(0),
      m_remoteSessionId(0),
      m_registeredSessionId(0),
      m_linkUp(false)
{
    NS_LOG_FUNCTION(this);
}

L2tpv3NetDevice::~L2tpv3NetDevice()
{
    NS_LOG_FUNCTION(this);
}

void
L2tpv3NetDevice::DoDispose()
{
    NS_LOG_FUNCTION(this);
    if (m_l4 && m_registeredSessionId != 0)
    {
        m_l4->RemoveSession(m_registeredSessionId);
    }
    m_registeredSessionId = 0;
    m_l4 = nullptr;
    m_node = nullptr;
    m_channel = nullptr;
    m_rxCallback =
        MakeNullCallback<bool, Ptr<NetDevice>, Ptr<const Packet>, uint16_t, const Address&>();
    m_promiscRxCallback = NetDevice::PromiscReceiveCallback();
    NetDevice::DoDispose();
}

// --- configuration (l2tp(4): tunnel, session, cookie) ---

void
L2tpv3NetDevice::CheckTunnel(const Address& source, const Address& destination)
{
    if (!IsIpAddress(source))
    {
        throw std::invalid_argument("TunnelSource is " + FamilyName(source) +
                                    ": give an IPv4 or IPv6 address");
    }
    if (!IsIpAddress(destination))
    {
        throw std::invalid_argument("TunnelDestination is " + FamilyName(destination) +
                                    ": give an IPv4 or IPv6 address");
    }
    if (FamilyName(source) != FamilyName(destination))
    {
        throw std::invalid_argument("TunnelSource " + AddressText(source) + " is " +
                                    FamilyName(source) + " but TunnelDestination " +
                                    AddressText(destination) + " is " + FamilyName(destination));
    }
}

void
L2tpv3NetDevice::SetTunnel(const Address& source, const Address& destination)
{
    NS_LOG_FUNCTION(this << source << destination);
    CheckTunnel(source, destination);
    m_tunnelSource = source;
    m_tunnelDestination = destination;
    Reconfigure();
}

void
L2tpv3NetDevice::DeleteTunnel()
{
    NS_LOG_FUNCTION(this);
    m_tunnelSource = Address();
    m_tunnelDestination = Address();
    Reconfigure();
}

void
L2tpv3NetDevice::SetTunnelSource(const Address& address)
{
    if (!address.IsInvalid() && !m_tunnelDestination.IsInvalid())
    {
        CheckTunnel(address, m_tunnelDestination);
    }
    m_tunnelSource = address;
    Reconfigure();
}

void
L2tpv3NetDevice::SetTunnelDestination(const Address& address)
{
    if (!address.IsInvalid() && !m_tunnelSource.IsInvalid())
    {
        CheckTunnel(m_tunnelSource, address);
    }
    m_tunnelDestination = address;
    Reconfigure();
}

Address
L2tpv3NetDevice::GetTunnelSource() const
{
    return m_tunnelSource;
}

Address
L2tpv3NetDevice::GetTunnelDestination() const
{
    return m_tunnelDestination;
}

void
L2tpv3NetDevice::SetSessionIds(uint32_t local, uint32_t remote)
{
    NS_LOG_FUNCTION(this << local << remote);
    // RFC 3931 §4.1: Session ID 0 is reserved for control messages over IP.
    if (local == 0)
    {
        throw std::invalid_argument(
            "LocalSessionId 0 is reserved for control messages (RFC 3931 §4.1.1.2)");
    }
    if (remote == 0)
    {
        throw std::invalid_argument(
            "RemoteSessionId 0 is reserved for control messages (RFC 3931 §4.1.1.2)");
    }
    SetLocalSessionId(local);
    SetRemoteSessionId(remote);
}

void
L2tpv3NetDevice::DeleteSession()
{
    NS_LOG_FUNCTION(this);
    SetLocalSessionId(0);
    SetRemoteSessionId(0);
}

void
L2tpv3NetDevice::SetLocalSessionId(uint32_t id)
{
    NS_LOG_FUNCTION(this << id);
    if (m_l4 && id != m_registeredSessionId)
    {
        if (id != 0)
        {
            m_l4->AddSession(id, this); // throws on a duplicate: state unchanged
        }
        if (m_registeredSessionId != 0)
        {
            m_l4->RemoveSession(m_registeredSessionId);
        }
        m_registeredSessionId = id;
    }
    m_localSessionId = id;
    Reconfigure();
}

void
L2tpv3NetDevice::SetRemoteSessionId(uint32_t id)
{
    NS_LOG_FUNCTION(this << id);
    m_remoteSessionId = id;
    Reconfigure();
}

uint32_t
L2tpv3NetDevice::GetLocalSessionId() const
{
    return m_localSessionId;
}

uint32_t
L2tpv3NetDevice::GetRemoteSessionId() const
{
    return m_remoteSessionId;
}

void
L2tpv3NetDevice::SetCookies(const L2tpv3Cookie& local, const L2tpv3Cookie& remote)
{
    SetLocalCookie(local);
    SetRemoteCookie(remote);
}

void
L2tpv3NetDevice::SetLocalCookie(const L2tpv3Cookie& cookie)
{
    NS_LOG_FUNCTION(this << cookie);
    m_localCookie = cookie;
    Reconfigure();
}

void
L2tpv3NetDevice::SetRemoteCookie(const L2tpv3Cookie& cookie)
{
    NS_LOG_FUNCTION(this << cookie);
    m_remoteCookie = cookie;
    Reconfigure();
}

L2tpv3Cookie
L2tpv3NetDevice::GetLocalCookie() const
{
    return m_localCookie;
}

L2tpv3Cookie
L2tpv3NetDevice::GetRemoteCookie() const
{
    return m_remoteCookie;
}

void
L2tpv3NetDevice::CheckConfiguration() const
{
    if (m_tunnelSource.IsInvalid())
    {
        throw std::invalid_argument("TunnelSource is not set");
    }
    if (m_tunnelDestination.IsInvalid())
    {
        throw std::invalid_argument("TunnelDestination is not set");
    }
    if (m_localSessionId == 0)
    {
        throw std::invalid_argument("LocalSessionId is not set (0 is reserved for control)");
    }
    if (m_remoteSessionId == 0)
    {
        throw std::invalid_argument("RemoteSessionId is not set (0 is reserved for control)");
    }
}

void
L2tpv3NetDevice::Reconfigure()
{
    // Everything per-packet that depends only on configuration is computed here.
    m_txHeader.SetSessionId(m_remoteSessionId);
    m_txHeader.SetCookie(m_remoteCookie);
    bool up = m_l4 && m_registeredSessionId != 0 && m_remoteSessionId != 0 &&
              IsIpAddress(m_tunnelSource) && IsIpAddress(m_tunnelDestination);
    if (up != m_linkUp)
    {
        NS_LOG_LOGIC("link " << (up ? "up" : "down"));
        m_linkUp = up;
        m_linkChangeCallbacks();
    }
}

const L2tpv3Counters&
L2tpv3NetDevice::GetCounters() const
{
    return m_counters;
}

void
L2tpv3NetDevice::Drop(Ptr<const Packet> p, L2tpv3DropReason reason)
{
    NS_LOG_LOGIC("drop " << reason << " " << p->GetSize() << " bytes");
    m_counters.CountDrop(reason);
    m_dropTrace(p, reason);
}

void
L2tpv3NetDevice::SetChannel(Ptr<L2tpv3Channel> channel)
{
    m_channel = channel;
    if (m_channel)
    {
        m_channel->Attach(this);
    }
}

// --- data plane ---

void
L2tpv3NetDevice::Receive(Ptr<Packet> packet, const Address& source)
{
    NS_LOG_FUNCTION(this << packet << source);
    if (!m_linkUp)
    {
        Drop(packet, L2tpv3DropReason::DEVICE_DOWN);
        return;
    }
    // l2tp(4) accepts a session's packets only from its tunnel's remote endpoint.
    if (source != m_tunnelDestination)
    {
        Drop(packet, L2tpv3DropReason::PEER_MISMATCH);
        return;
    }
    L2tpv3SessionHeader header;
    header.SetCookieLength(m_localCookie.GetLength());
    if (packet->GetSize() < header.GetSerializedSize())
    {
        Drop(packet, L2tpv3DropReason::PACKET_TOO_SHORT);
        return;
    }
    packet->PeekHeader(header);
    // RFC 3931 §4.1: a cookie that does not match the session's is discarded.
    if (!m_localCookie.Matches(header.GetCookieBytes()))
    {
        Drop(packet, L2tpv3DropReason::COOKIE_MISMATCH);
        return;
    }
    if (packet->GetSize() < header.GetSerializedSize() + ETHERNET_HEADER_SIZE)
    {
        Drop(packet, L2tpv3DropReason::FRAME_TOO_SHORT);
        return;
    }
    packet->RemoveAtStart(header.GetSerializedSize());

    ++m_counters.rxPackets;
    m_counters.rxBytes += packet->GetSize();
    m_snifferTrace(packet);
    m_promiscSnifferTrace(packet);

    Ptr<Packet> frame = packet->Copy();
    EthernetHeader ethernet(false);
    packet->RemoveHeader(ethernet);
    uint16_t protocol = ethernet.GetLengthType();
    Mac48Address destination = ethernet.GetDestination();

    // Classified as CsmaNetDevice does, so that BridgeNetDevice sees a normal port.
    PacketType packetType;
    if (destination.IsBroadcast())
    {
        packetType = NetDevice::PACKET_BROADCAST;
    }
    else if (destination.IsGroup())
    {
        packetType = NetDevice::PACKET_MULTICAST;
    }
    else if (destination == m_address)
    {
        packetType = NetDevice::PACKET_HOST;
    }
    else
    {
        packetType = NetDevice::PACKET_OTHERHOST;
    }

    m_macPromiscRxTrace(frame);
    if (!m_promiscRxCallback.IsNull())
    {
        m_promiscRxCallback(this, packet, protocol, ethernet.GetSource(), destination, packetType);
    }
    if (packetType != NetDevice::PACKET_OTHERHOST)
    {
        m_macRxTrace(frame);
        if (!m_rxCallback.IsNull())
        {
            m_rxCallback(this, packet, protocol, ethernet.GetSource());
        }
    }
}

bool
L2tpv3NetDevice::Send(Ptr<Packet> packet, const Address& dest, uint16_t protocolNumber)
{
    return SendFrom(packet, m_address, dest, protocolNumber);
}

bool
L2tpv3NetDevice::SendFrom(Ptr<Packet> packet,
                          const Address& source,
                          const Address& dest,
                          uint16_t protocolNumber)
{
    NS_LOG_FUNCTION(this << packet << source << dest << protocolNumber);
    if (!m_linkUp)
    {
        m_macTxDropTrace(packet);
        Drop(packet, L2tpv3DropReason::DEVICE_DOWN);
        return false;
    }
    if (packet->GetSize() > m_mtu)
    {
        m_macTxDropTrace(packet);
        Drop(packet, L2tpv3DropReason::FRAME_OVER_MTU);
        return false;
    }
    // RFC 4719 §4: the frame is carried without preamble and FCS.
    EthernetHeader ethernet(false);
    ethernet.SetSource(Mac48Address::ConvertFrom(source));
    ethernet.SetDestination(Mac48Address::ConvertFrom(dest));
    ethernet.SetLengthType(protocolNumber);
    packet->AddHeader(ethernet);
    uint32_t frameSize = packet->GetSize();

    m_macTxTrace(packet);
    m_snifferTrace(packet);
    m_promiscSnifferTrace(packet);

    packet->AddHeader(m_txHeader);
    uint32_t fragments = 1;
    if (!m_l4->Send(packet, m_tunnelSource, m_tunnelDestination, fragments))
    {
        m_macTxDropTrace(packet);
        Drop(packet, L2tpv3DropReason::NO_ROUTE);
        return false;
    }
    ++m_counters.txPackets;
    m_counters.txBytes += frameSize;
    if (fragments > 1)
    {
        ++m_counters.txFragmented;
        m_counters.txFragments += fragments;
    }
    return true;
}

// --- NetDevice boilerplate ---

void
L2tpv3NetDevice::SetIfIndex(const uint32_t index)
{
    m_ifIndex = index;
}

uint32_t
L2tpv3NetDevice::GetIfIndex() const
{
    return m_ifIndex;
}

Ptr<Channel>
L2tpv3NetDevice::GetChannel() const
{
    return m_channel;
}

void
L2tpv3NetDevice::SetAddress(Address address)
{
    m_address = Mac48Address::ConvertFrom(address);
}

Address
L2tpv3NetDevice::GetAddress() const
{
    return m_address;
}

bool
L2tpv3NetDevice::SetMtu(const uint16_t mtu)
{
    NS_LOG_FUNCTION(this << mtu);
    if (mtu < 68)
    {
        return false;
    }
    m_mtu = mtu;
    return true;
}

uint16_t
L2tpv3NetDevice::GetMtu() const
{
    return m_mtu;
}

bool
L2tpv3NetDevice::IsLinkUp() const
{
    return m_linkUp;
}

void
L2tpv3NetDevice::AddLinkChangeCallback(Callback<void> callback)
{
    m_linkChangeCallbacks.ConnectWithoutContext(callback);
}

bool
L2tpv3NetDevice::IsBroadcast() const
{
    return true;
}

Address
L2tpv3NetDevice::GetBroadcast() const
{
    return Mac48Address::GetBroadcast();
}

bool
L2tpv3NetDevice::IsMulticast() const
{
    return true;
}

Address
L2tpv3NetDevice::GetMulticast(Ipv4Address multicastGroup) const
{
    return Mac48Address::GetMulticast(multicastGroup);
}

Address
L2tpv3NetDevice::GetMulticast(Ipv6Address addr) const
{
    return Mac48Address::GetMulticast(addr);
}

bool
L2tpv3NetDevice::IsPointToPoint() const
{
    return false;
}

bool
L2tpv3NetDevice::IsBridge() const
{
    return false;
}

Ptr<Node>
L2tpv3NetDevice::GetNode() const
{
    return m_node;
}

void
L2tpv3NetDevice::SetNode(Ptr<Node> node)
{
    NS_LOG_FUNCTION(this << node);
    m_node = node;
    m_l4 = L2tpv3L4Protocol::GetOrCreate(node);
    if (m_localSessionId != 0 && m_registeredSessionId != m_localSessionId)
    {
        m_l4->AddSession(m_localSessionId, this);
        m_registeredSessionId = m_localSessionId;
    }
    Reconfigure();
}

bool
L2tpv3NetDevice::NeedsArp() const
{
    return true;
}

void
L2tpv3NetDevice::SetReceiveCallback(NetDevice::ReceiveCallback cb)
{
    m_rxCallback = cb;
}

void
L2tpv3NetDevice::SetPromiscReceiveCallback(NetDevice::PromiscReceiveCallback cb)
{
    m_promiscRxCallback = cb;
}

bool
L2tpv3NetDevice::SupportsSendFrom() const
{
    return true;
}

} // namespace ns3
