/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-net-device.h"

#include "l2tpv3-channel.h"
#include "l2tpv3-l4-protocol.h"
#include "l2tpv3-mss-clamp.h"
#include "l2tpv3-names.h"
#include "l2tpv3-udp-zero-checksum.h"

#include "ns3/boolean.h"
#include "ns3/ethernet-header.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
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
            .AddAttribute("Encapsulation",
                          "How data messages travel: ip (protocol 115, l2tp(4)) or udp",
                          MakeL2tpv3EnumValue(L2tpv3Encapsulation::IP),
                          MakeL2tpv3EnumAccessor(&L2tpv3NetDevice::SetEncapsulation,
                                                 &L2tpv3NetDevice::GetEncapsulation),
                          MakeL2tpv3EncapsulationChecker())
            .AddAttribute("UdpSourcePort",
                          "Local UDP port (udp encapsulation; RFC 3931 §4.1.2.2)",
                          UintegerValue(1701),
                          MakeUintegerAccessor(&L2tpv3NetDevice::SetUdpSourcePort,
                                               &L2tpv3NetDevice::GetUdpSourcePort),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("UdpDestinationPort",
                          "Peer's UDP port (udp encapsulation)",
                          UintegerValue(1701),
                          MakeUintegerAccessor(&L2tpv3NetDevice::m_udpDestinationPort),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("UdpChecksum",
                          "Compute UDP checksums on sent packets (RFC 3931 §4.1.2.3)",
                          BooleanValue(false),
                          MakeBooleanAccessor(&L2tpv3NetDevice::m_udpChecksum),
                          MakeBooleanChecker())
            .AddAttribute("Udp6ZeroChecksum",
                          "Over IPv6, send UDP data messages with the zero checksum when "
                          "UdpChecksum is false, and accept zero checksums on receive "
                          "(RFC 6935, RFC 6936; both ends must set it). False: IPv6 data "
                          "messages always carry a checksum and, with ChecksumEnabled, zero "
                          "checksums received are dropped (RFC 8200 §8.1)",
                          BooleanValue(false),
                          MakeBooleanAccessor(&L2tpv3NetDevice::SetUdp6ZeroChecksum,
                                              &L2tpv3NetDevice::GetUdp6ZeroChecksum),
                          MakeBooleanChecker())
            .AddAttribute("L2SpecificSublayer",
                          "none (l2tp(4)) or default (RFC 3931 §4.6, needed for sequencing)",
                          MakeL2tpv3EnumValue(L2tpv3Sublayer::NONE),
                          MakeL2tpv3EnumAccessor(&L2tpv3NetDevice::SetSublayer,
                                                 &L2tpv3NetDevice::GetSublayer),
                          MakeL2tpv3SublayerChecker())
            .AddAttribute("SendSequenceNumbers",
                          "Number sent frames in the default sublayer (S = 1)",
                          BooleanValue(false),
                          MakeBooleanAccessor(&L2tpv3NetDevice::m_sendSequence),
                          MakeBooleanChecker())
            .AddAttribute("RequireSequenceNumbers",
                          "Drop received frames that carry no sequence number (S = 0)",
                          BooleanValue(false),
                          MakeBooleanAccessor(&L2tpv3NetDevice::m_requireSequence),
                          MakeBooleanChecker())
            .AddAttribute("ReorderTimeout",
                          "How long early frames wait for the missing ones (0: deliver at once; "
                          "RFC 3931 Appendix C)",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&L2tpv3NetDevice::m_reorderTimeout),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("ReorderQueueSize",
                          "Most early frames held while waiting",
                          UintegerValue(64),
                          MakeUintegerAccessor(&L2tpv3NetDevice::m_reorderQueueSize),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("MtuPolicy",
                          "fragment: keep Mtu, the outer IP layer fragments (l2tp(4)); derived: "
                          "Mtu = underlay MTU minus every header (Linux)",
                          MakeL2tpv3EnumValue(L2tpv3MtuPolicy::FRAGMENT),
                          MakeL2tpv3EnumAccessor(&L2tpv3NetDevice::SetMtuPolicy,
                                                 &L2tpv3NetDevice::GetMtuPolicy),
                          MakeL2tpv3MtuPolicyChecker())
            .AddAttribute("TcpMssClamp",
                          "Lower the MSS option of TCP SYNs crossing the pseudowire: off, auto "
                          "(from the derived MTU, so that segments do not fragment) or an MSS",
                          StringValue("off"),
                          MakeStringAccessor(&L2tpv3NetDevice::SetMssClampName,
                                             &L2tpv3NetDevice::GetMssClampName),
                          MakeStringChecker())
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
    : m_linkUp(false),
      m_encapsulation(L2tpv3Encapsulation::IP),
      m_sublayer(L2tpv3Sublayer::NONE),
      m_sendSequence(false),
      m_requireSequence(false),
      m_udpChecksum(false),
      m_udp6ZeroChecksum(false),
      m_mtu(1500),
      m_mssClamp4(0),
      m_mssClamp6(0),
      m_udpSourcePort(1701),
      m_udpDestinationPort(1701),
      m_txSequence(0),
      m_ifIndex(0),
      m_localSessionId(0),
      m_remoteSessionId(0),
      m_registered(false),
      m_reorderQueueSize(64),
      m_mtuPolicy(L2tpv3MtuPolicy::FRAGMENT),
      m_mssClamp("off"),
      m_reorder(*this, m_reorderTimeout, m_reorderQueueSize, m_counters.rxOosPackets),
      m_reconfigurations(0),
      m_udp6ZeroAccepted(false),
      m_udp6ZeroPort(0)
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
    if (m_l4 && m_registered)
    {
        m_l4->RemoveSession(m_registration);
    }
    m_registered = false;
    if (m_udp6ZeroAccepted)
    {
        L2tpv3UdpZeroChecksum::AcceptIpv6(m_node, m_udp6ZeroPort, false);
        m_udp6ZeroAccepted = false;
    }
    // A disposed device carries nothing: down, so that IsLinkUp agrees with Send and Receive.
    // The link-change callbacks are not run: their owners may be disposed already.
    m_linkUp = false;
    // Frames still held are counted (device_down), not traced: trace sinks may be gone.
    for (std::size_t n = m_reorder.GetNHeld(); n > 0; --n)
    {
        m_counters.CountDrop(L2tpv3DropReason::DEVICE_DOWN);
    }
    m_reorder.Dispose();
    m_l4 = nullptr;
    m_node = nullptr;
    m_channel = nullptr;
    m_rxCallback =
        MakeNullCallback<bool, Ptr<NetDevice>, Ptr<const Packet>, uint16_t, const Address&>();
    m_promiscRxCallback = NetDevice::PromiscReceiveCallback();
    NetDevice::DoDispose();
}

void
L2tpv3NetDevice::DoInitialize()
{
    ApplyMtuPolicy();
    NetDevice::DoInitialize();
}

template <typename T>
void
L2tpv3NetDevice::Apply(T& member, const T& value)
{
    T old = member;
    member = value;
    try
    {
        Reconfigure();
    }
    catch (const std::invalid_argument&)
    {
        member = old;
        Reconfigure();
        throw;
    }
}

// --- configuration (l2tp(4): tunnel, session, cookie) ---

void
L2tpv3NetDevice::CheckTunnel(const Address& source, const Address& destination)
{
    L2tpv3CheckTunnel(source, destination);
}

void
L2tpv3NetDevice::Assign(const L2tpv3SessionConfig& config)
{
    m_localSessionId = config.localSessionId;
    m_remoteSessionId = config.remoteSessionId;
    m_localCookie = config.localCookie;
    m_remoteCookie = config.remoteCookie;
    m_encapsulation = config.encapsulation;
    m_udpSourcePort = config.udpSourcePort;
    m_udpDestinationPort = config.udpDestinationPort;
    m_udpChecksum = config.udpChecksum;
    m_tunnelSource = config.tunnelSource;
    m_tunnelDestination = config.tunnelDestination;
    m_sublayer = config.sublayer;
    m_sendSequence = config.sendSequence;
    m_requireSequence = config.requireSequence;
    m_mtuPolicy = config.mtuPolicy;
    m_mtu = config.mtu;
}

void
L2tpv3NetDevice::Configure(const L2tpv3SessionConfig& config)
{
    NS_LOG_FUNCTION(this << config.localSessionId << config.remoteSessionId);
    config.Validate();
    L2tpv3SessionConfig old = GetSessionConfig();
    Assign(config);
    try
    {
        Reconfigure();
    }
    catch (const std::invalid_argument&)
    {
        Assign(old);
        Reconfigure();
        throw;
    }
    if (config.mtuPolicy == L2tpv3MtuPolicy::DERIVED && old.mtuPolicy != L2tpv3MtuPolicy::DERIVED)
    {
        ApplyMtuPolicy(); // as the MtuPolicy attribute does when set to derived
    }
}

L2tpv3SessionConfig
L2tpv3NetDevice::GetSessionConfig() const
{
    L2tpv3SessionConfig config;
    config.localSessionId = m_localSessionId;
    config.remoteSessionId = m_remoteSessionId;
    config.localCookie = m_localCookie;
    config.remoteCookie = m_remoteCookie;
    config.encapsulation = m_encapsulation;
    config.udpSourcePort = m_udpSourcePort;
    config.udpDestinationPort = m_udpDestinationPort;
    config.udpChecksum = m_udpChecksum;
    config.tunnelSource = m_tunnelSource;
    config.tunnelDestination = m_tunnelDestination;
    config.sublayer = m_sublayer;
    config.sendSequence = m_sendSequence;
    config.requireSequence = m_requireSequence;
    config.mtuPolicy = m_mtuPolicy;
    config.mtu = m_mtu;
    return config;
}

uint64_t
L2tpv3NetDevice::GetNReconfigurations() const
{
    return m_reconfigurations;
}

void
L2tpv3NetDevice::SetTunnel(const Address& source, const Address& destination)
{
    NS_LOG_FUNCTION(this << source << destination);
    CheckTunnel(source, destination);
    Address oldSource = m_tunnelSource;
    Address oldDestination = m_tunnelDestination;
    m_tunnelSource = source;
    m_tunnelDestination = destination;
    try
    {
        Reconfigure();
    }
    catch (const std::invalid_argument&)
    {
        m_tunnelSource = oldSource;
        m_tunnelDestination = oldDestination;
        Reconfigure();
        throw;
    }
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
    Apply(m_tunnelSource, address);
}

void
L2tpv3NetDevice::SetTunnelDestination(const Address& address)
{
    if (!address.IsInvalid() && !m_tunnelSource.IsInvalid())
    {
        CheckTunnel(m_tunnelSource, address);
    }
    Apply(m_tunnelDestination, address);
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
    Apply(m_localSessionId, id);
}

void
L2tpv3NetDevice::SetRemoteSessionId(uint32_t id)
{
    NS_LOG_FUNCTION(this << id);
    Apply(m_remoteSessionId, id);
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
    Apply(m_localCookie, cookie);
}

void
L2tpv3NetDevice::SetRemoteCookie(const L2tpv3Cookie& cookie)
{
    NS_LOG_FUNCTION(this << cookie);
    Apply(m_remoteCookie, cookie);
}

void
L2tpv3NetDevice::DeleteCookie()
{
    NS_LOG_FUNCTION(this);
    SetCookies(L2tpv3Cookie(), L2tpv3Cookie());
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
L2tpv3NetDevice::SetEncapsulation(L2tpv3Encapsulation encapsulation)
{
    NS_LOG_FUNCTION(this << static_cast<int>(encapsulation));
    Apply(m_encapsulation, encapsulation);
}

L2tpv3Encapsulation
L2tpv3NetDevice::GetEncapsulation() const
{
    return m_encapsulation;
}

void
L2tpv3NetDevice::SetSublayer(L2tpv3Sublayer sublayer)
{
    NS_LOG_FUNCTION(this << static_cast<int>(sublayer));
    Apply(m_sublayer, sublayer);
}

L2tpv3Sublayer
L2tpv3NetDevice::GetSublayer() const
{
    return m_sublayer;
}

void
L2tpv3NetDevice::SetMtuPolicy(L2tpv3MtuPolicy policy)
{
    NS_LOG_FUNCTION(this << static_cast<int>(policy));
    m_mtuPolicy = policy;
    if (m_mtuPolicy == L2tpv3MtuPolicy::DERIVED)
    {
        ApplyMtuPolicy();
    }
}

L2tpv3MtuPolicy
L2tpv3NetDevice::GetMtuPolicy() const
{
    return m_mtuPolicy;
}

void
L2tpv3NetDevice::SetMssClampName(std::string text)
{
    L2tpv3MssClampSetting setting = L2tpv3ParseMssClamp(text);
    m_mssClamp = text;
    m_mssClamp4 = setting.mss;
    m_mssClamp6 = setting.mss;
    if (setting.mss == 0)
    {
        ApplyMtuPolicy(); // off or auto: auto takes the MSS from the derived MTU
    }
}

std::string
L2tpv3NetDevice::GetMssClampName() const
{
    return m_mssClamp;
}

void
L2tpv3NetDevice::ClampMss(Ptr<Packet> frame)
{
    if (m_mssClamp4 != 0 && L2tpv3ClampTcpMss(frame, m_mssClamp4, m_mssClamp6))
    {
        ++m_counters.mssClamped;
    }
}

void
L2tpv3NetDevice::SetUdpSourcePort(uint16_t port)
{
    Apply(m_udpSourcePort, port);
}

uint16_t
L2tpv3NetDevice::GetUdpSourcePort() const
{
    return m_udpSourcePort;
}

void
L2tpv3NetDevice::SetUdp6ZeroChecksum(bool zero)
{
    Apply(m_udp6ZeroChecksum, zero);
}

bool
L2tpv3NetDevice::GetUdp6ZeroChecksum() const
{
    return m_udp6ZeroChecksum;
}

void
L2tpv3NetDevice::SetNextSequenceNumber(uint32_t sequence)
{
    m_txSequence = sequence & L2tpv3SublayerHeader::SEQUENCE_MASK;
}

uint32_t
L2tpv3NetDevice::ComputeDerivedMtu(uint32_t underlayMtu,
                                   bool ipv6,
                                   L2tpv3Encapsulation encapsulation,
                                   uint8_t cookieLength,
                                   L2tpv3Sublayer sublayer)
{
    L2tpv3DataHeader header;
    header.Configure(encapsulation == L2tpv3Encapsulation::UDP,
                     cookieLength,
                     sublayer == L2tpv3Sublayer::DEFAULT);
    uint32_t overhead = (ipv6 ? 40 : 20) + header.GetSerializedSize() + ETHERNET_HEADER_SIZE +
                        (encapsulation == L2tpv3Encapsulation::UDP ? 8 : 0);
    return underlayMtu > overhead ? underlayMtu - overhead : 0;
}

void
L2tpv3NetDevice::ApplyMtuPolicy()
{
    bool derivedMtu = m_mtuPolicy == L2tpv3MtuPolicy::DERIVED;
    bool autoClamp = m_mssClamp == "auto";
    if ((!derivedMtu && !autoClamp) || !m_l4 || !IsIpAddress(m_tunnelDestination))
    {
        return;
    }
    uint32_t underlay = m_l4->GetUnderlayMtu(m_tunnelSource, m_tunnelDestination);
    uint32_t mtu = ComputeDerivedMtu(underlay,
                                     Ipv6Address::IsMatchingType(m_tunnelDestination),
                                     m_encapsulation,
                                     m_remoteCookie.GetLength(),
                                     m_sublayer);
    if (mtu < 68 || mtu > 65535)
    {
        return;
    }
    if (derivedMtu)
    {
        NS_LOG_LOGIC("derived MTU " << mtu << " from underlay MTU " << underlay);
        m_mtu = mtu;
    }
    if (autoClamp)
    {
        // The MSS whose segments fill the derived MTU: minus IP and TCP headers.
        m_mssClamp4 = uint16_t(mtu - 20 - 20);
        m_mssClamp6 = uint16_t(mtu > 60 + 88 ? mtu - 40 - 20 : 88);
    }
}

L2tpv3SessionKey
L2tpv3NetDevice::GetSessionKey() const
{
    L2tpv3SessionKey key;
    key.sessionId = m_localSessionId;
    key.udp = m_encapsulation == L2tpv3Encapsulation::UDP;
    if (key.udp)
    {
        key.udpPort = m_udpSourcePort;
        key.ipv6 = Ipv6Address::IsMatchingType(m_tunnelSource);
    }
    return key;
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
    if ((m_sendSequence || m_requireSequence) && m_sublayer != L2tpv3Sublayer::DEFAULT)
    {
        throw std::invalid_argument(
            "SendSequenceNumbers/RequireSequenceNumbers need L2SpecificSublayer default "
            "(RFC 3931 §4.6), not none");
    }
}

void
L2tpv3NetDevice::Reconfigure()
{
    ++m_reconfigurations;
    // Register where received packets will look this session up. Throws (with the
    // caller restoring its member) when the key is taken; the old key stays registered.
    L2tpv3SessionKey key = GetSessionKey();
    bool wanted = m_l4 && key.sessionId != 0 &&
                  (m_encapsulation == L2tpv3Encapsulation::IP || IsIpAddress(m_tunnelSource));
    if (wanted != m_registered || (wanted && !(key == m_registration)))
    {
        if (wanted)
        {
            m_l4->AddSession(key, this);
            if (key.udp && !key.ipv6)
            {
                // RFC 768: peers may send no checksum (zero) over IPv4, even when ns-3
                // verifies checksums.
                L2tpv3UdpZeroChecksum::Accept(m_node, key.udpPort);
            }
            else if (key.udp)
            {
                // RFC 8200 §8.1: over IPv6 zero checksums are refused (and counted) unless
                // the port accepts them (below).
                L2tpv3UdpZeroChecksum::WatchIpv6(m_node, key.udpPort);
            }
        }
        if (m_registered)
        {
            m_l4->RemoveSession(m_registration);
        }
        m_registered = wanted;
        m_registration = key;
    }
    // RFC 6935 §5: a tunnel port over IPv6 takes zero checksums only when configured to.
    bool accept6 = m_registered && m_registration.udp && m_registration.ipv6 && m_udp6ZeroChecksum;
    if (accept6 != m_udp6ZeroAccepted || (accept6 && m_registration.udpPort != m_udp6ZeroPort))
    {
        if (m_udp6ZeroAccepted)
        {
            L2tpv3UdpZeroChecksum::AcceptIpv6(m_node, m_udp6ZeroPort, false);
        }
        if (accept6)
        {
            L2tpv3UdpZeroChecksum::AcceptIpv6(m_node, m_registration.udpPort, true);
        }
        m_udp6ZeroAccepted = accept6;
        m_udp6ZeroPort = m_registration.udpPort;
    }

    // Everything per-packet that depends only on configuration is computed here.
    bool udp = m_encapsulation == L2tpv3Encapsulation::UDP;
    bool sublayer = m_sublayer == L2tpv3Sublayer::DEFAULT;
    m_txHeader.Configure(udp, m_remoteCookie.GetLength(), sublayer);
    m_txHeader.GetSession().SetSessionId(m_remoteSessionId);
    m_txHeader.GetSession().SetCookie(m_remoteCookie);
    m_rxHeader.Configure(udp, m_localCookie.GetLength(), sublayer);

    bool up = m_registered && m_remoteSessionId != 0 && IsIpAddress(m_tunnelSource) &&
              IsIpAddress(m_tunnelDestination);
    if (up != m_linkUp)
    {
        NS_LOG_LOGIC("link " << (up ? "up" : "down"));
        m_linkUp = up;
        if (up)
        {
            // RFC 3931 Appendix C: a new session begins its sequence numbers at zero.
            m_txSequence = 0;
            m_reorder.Reset();
            ApplyMtuPolicy();
        }
        else
        {
            // The session is gone: frames held for reordering are dropped and counted now,
            // not delivered by the reorder timer after the teardown (RFC 3931 §3.4.3: once
            // the session is torn down, each side cleans it up).
            m_reorder.Flush(L2tpv3DropReason::DEVICE_DOWN);
        }
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
L2tpv3NetDevice::PrefetchFrameState() const
{
#if defined(__GNUC__) || defined(__clang__)
    // The members from m_linkUp to the packet and byte counts are declared together.
    const char* first = reinterpret_cast<const char*>(&m_linkUp);
    const char* last = reinterpret_cast<const char*>(&m_counters.rxBytes);
    for (const char* line = first; line <= last; line += 64)
    {
        __builtin_prefetch(line);
    }
    __builtin_prefetch(last);
#endif
}

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
    uint32_t headerSize = m_rxHeader.GetSerializedSize();
    if (packet->GetSize() < headerSize)
    {
        Drop(packet, L2tpv3DropReason::PACKET_TOO_SHORT);
        return;
    }
    packet->PeekHeader(m_rxHeader);
    // RFC 3931 §4.1: a cookie that does not match the session's is discarded.
    if (!m_localCookie.Matches(m_rxHeader.GetSession().GetCookieBytes()))
    {
        Drop(packet, L2tpv3DropReason::COOKIE_MISMATCH);
        return;
    }
    if (packet->GetSize() < headerSize + ETHERNET_HEADER_SIZE)
    {
        Drop(packet, L2tpv3DropReason::FRAME_TOO_SHORT);
        return;
    }
    if (m_rxHeader.HasSublayer())
    {
        const L2tpv3SublayerHeader& sublayer = m_rxHeader.GetSublayer();
        if (sublayer.HasSequence())
        {
            packet->RemoveAtStart(headerSize);
            m_reorder.Receive(packet, sublayer.GetSequence());
            return;
        }
        // RFC 3931 §4.6: with S = 0 the number is ignored, unless sequencing is required.
        if (m_requireSequence)
        {
            Drop(packet, L2tpv3DropReason::SEQUENCE_ERROR);
            return;
        }
    }
    packet->RemoveAtStart(headerSize);
    DeliverFrame(packet);
}

void
L2tpv3NetDevice::FireSniffers(const Ptr<Packet>& frame) const
{
    if (!m_snifferTrace.IsEmpty())
    {
        m_snifferTrace(frame);
    }
    if (!m_promiscSnifferTrace.IsEmpty())
    {
        m_promiscSnifferTrace(frame);
    }
}

void
L2tpv3NetDevice::DeliverInOrder(Ptr<Packet> frame)
{
    DeliverFrame(frame);
}

void
L2tpv3NetDevice::DropOutOfOrder(Ptr<const Packet> frame, L2tpv3DropReason reason)
{
    Drop(frame, reason);
}

void
L2tpv3NetDevice::DeliverFrame(Ptr<Packet> packet)
{
    // IEEE 802.3 §3.2.6: an EtherType (>= 0x0600) or the length of an LLC payload (>= 3, at
    // most 1500 and what the frame holds). Anything else is usually a cookie read as the
    // start of the frame by a session configured without it. Linux delivers such frames;
    // here they are dropped and counted, since ns-3's CsmaNetDevice asserts on them.
    EthernetHeader ethernet(false); // read once: the receive path checked the size
    packet->PeekHeader(ethernet);
    uint16_t protocol = ethernet.GetLengthType();
    if (protocol < 0x0600 &&
        (protocol < 3 || protocol > 1500 || protocol > packet->GetSize() - ETHERNET_HEADER_SIZE))
    {
        ++m_counters.rxBadLengthType;
        Drop(packet, L2tpv3DropReason::FRAME_BAD_LENGTH_TYPE);
        return;
    }
    ClampMss(packet);
    ++m_counters.rxPackets;
    m_counters.rxBytes += packet->GetSize();
    FireSniffers(packet);

    // The MAC traces get the whole frame, as a copy of its own (a sink may keep it); the copy is
    // made only when one of them has a sink.
    Ptr<Packet> frame;
    if (!m_macPromiscRxTrace.IsEmpty() || !m_macRxTrace.IsEmpty())
    {
        frame = packet->Copy();
    }
    packet->RemoveAtStart(ethernet.GetSerializedSize());
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

    if (frame)
    {
        m_macPromiscRxTrace(frame);
    }
    if (!m_promiscRxCallback.IsNull())
    {
        m_promiscRxCallback(this, packet, protocol, ethernet.GetSource(), destination, packetType);
    }
    if (packetType != NetDevice::PACKET_OTHERHOST)
    {
        if (frame)
        {
            m_macRxTrace(frame);
        }
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
    PrefetchFrameState();
    if (!m_linkUp)
    {
        m_macTxDropTrace(packet);
        Drop(packet, L2tpv3DropReason::TX_DEVICE_DOWN);
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
    ClampMss(packet);
    uint32_t frameSize = packet->GetSize();

    // A trace with no sink costs nothing per frame (issue 22's budget): not even the
    // Ptr<const Packet> conversion its call would make.
    if (!m_macTxTrace.IsEmpty())
    {
        m_macTxTrace(packet);
    }
    FireSniffers(packet);

    if (m_txHeader.HasSublayer())
    {
        if (m_sendSequence)
        {
            m_txHeader.SetSequence(m_txSequence);
            m_txSequence = (m_txSequence + 1) & L2tpv3SublayerHeader::SEQUENCE_MASK;
        }
        else
        {
            m_txHeader.ClearSequence();
        }
    }
    // The header was serialized once, when the session was configured: one copy per frame.
    packet->AddHeader(m_txHeader);
    uint32_t fragments = 1;
    bool sent =
        m_encapsulation == L2tpv3Encapsulation::UDP
            ? m_l4->SendUdp(packet,
                            m_tunnelSource,
                            m_tunnelDestination,
                            m_udpSourcePort,
                            m_udpDestinationPort,
                            // RFC 8200 §8.1: over IPv6 the checksum is
                            // mandatory unless both ends allow zero (RFC 6935).
                            m_udpChecksum || (!m_udp6ZeroChecksum &&
                                              Ipv6Address::IsMatchingType(m_tunnelDestination)),
                            fragments)
            : m_l4->Send(packet, m_tunnelSource, m_tunnelDestination, fragments);
    if (!sent)
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
