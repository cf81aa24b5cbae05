/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-injector.h"

#include "l2tpv3-data-header.h"
#include "l2tpv3-l4-protocol.h"
#include "l2tpv3-names.h"
#include "l2tpv3-sublayer-header.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/ethernet-header.h"
#include "ns3/integer.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv6-header.h"
#include "ns3/log.h"
#include "ns3/net-device.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/udp-header.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <arpa/inet.h>
#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpv3Injector");

NS_OBJECT_ENSURE_REGISTERED(L2tpv3Injector);

namespace
{

/// EtherTypes of the outer packets (named here: ns-3 renames its own constants).
constexpr uint16_t ETHERTYPE_IPV4 = 0x0800;
constexpr uint16_t ETHERTYPE_IPV6 = 0x86dd;

/// \return the names of the attacks (attribute Attack), in the order users read them
const L2tpv3NameTable<L2tpv3Injector::Attack>&
AttackNames()
{
    static const L2tpv3NameTable<L2tpv3Injector::Attack> names{
        {L2tpv3Injector::RANDOM_SESSION, "random-session"},
        {L2tpv3Injector::RANDOM_COOKIE, "random-cookie"},
        {L2tpv3Injector::FORGED, "forged"},
        {L2tpv3Injector::REPLAY, "replay"},
        {L2tpv3Injector::STOP_CCN, "stopccn"},
        {L2tpv3Injector::CDN, "cdn"},
        {L2tpv3Injector::CONTROL_REPLAY, "control-replay"},
        {L2tpv3Injector::SCCRQ_FLOOD, "sccrq-flood"}};
    return names;
}

/// \return the names of the ways to choose identifiers (attribute Identifiers)
const L2tpv3NameTable<L2tpv3Injector::Identifiers>&
IdentifiersNames()
{
    static const L2tpv3NameTable<L2tpv3Injector::Identifiers> names{
        {L2tpv3Injector::FIXED, "fixed"},
        {L2tpv3Injector::SWEEP, "sweep"},
        {L2tpv3Injector::RANDOM, "random"},
        {L2tpv3Injector::SNIFFED, "sniffed"}};
    return names;
}

} // namespace

TypeId
L2tpv3Injector::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::L2tpv3Injector")
            .SetParent<Application>()
            .SetGroupName("L2tp")
            .AddConstructor<L2tpv3Injector>()
            .AddAttribute(
                "Attack",
                "random-session, random-cookie, forged (as configured), replay (data); "
                "stopccn, cdn, control-replay or sccrq-flood (control)",
                MakeL2tpv3EnumValue(RANDOM_SESSION),
                MakeL2tpv3EnumAccessor(&L2tpv3Injector::SetAttack, &L2tpv3Injector::GetAttack),
                MakeL2tpv3NameChecker(AttackNames(), "L2tpv3Injector Attack"))
            .AddAttribute("SessionId",
                          "Session ID of forged packets (random-cookie, forged; 0 is control)",
                          UintegerValue(1),
                          MakeUintegerAccessor(&L2tpv3Injector::m_sessionId),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("CookieLength",
                          "Length of the random cookies (random-session, random-cookie): 0, 4 or 8",
                          UintegerValue(0),
                          MakeUintegerAccessor(&L2tpv3Injector::SetCookieLength,
                                               &L2tpv3Injector::GetCookieLength),
                          MakeUintegerChecker<uint32_t>(0, 8))
            .AddAttribute("Cookie",
                          "Cookie of forged packets (forged), LEN:VALUE with LEN 0, 4 or 8",
                          L2tpv3CookieValue(L2tpv3Cookie()),
                          MakeL2tpv3CookieAccessor(&L2tpv3Injector::m_cookie),
                          MakeL2tpv3CookieChecker())
            .AddAttribute("Sublayer",
                          "Add a Default L2-Specific Sublayer word (RFC 3931 §4.6)",
                          BooleanValue(false),
                          MakeBooleanAccessor(&L2tpv3Injector::m_sublayer),
                          MakeBooleanChecker())
            .AddAttribute("SublayerSequence",
                          "Sequence number of the sublayer word (S = 1), or -1 for S = 0",
                          IntegerValue(-1),
                          MakeIntegerAccessor(&L2tpv3Injector::m_sublayerSequence),
                          MakeIntegerChecker<int32_t>(-1, L2tpv3SublayerHeader::SEQUENCE_MASK))
            .AddAttribute("Encapsulation",
                          "ip (IP protocol 115) or udp (RFC 3931 §4.1.2)",
                          MakeL2tpv3EnumValue(L2tpv3Encapsulation::IP),
                          MakeL2tpv3EnumAccessor(&L2tpv3Injector::SetEncapsulation,
                                                 &L2tpv3Injector::GetEncapsulation),
                          MakeL2tpv3EncapsulationChecker("L2tpv3Injector Encapsulation"))
            .AddAttribute("UdpSourcePort",
                          "UDP source port (udp encapsulation)",
                          UintegerValue(1701),
                          MakeUintegerAccessor(&L2tpv3Injector::m_udpSourcePort),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("UdpDestinationPort",
                          "UDP destination port (udp encapsulation)",
                          UintegerValue(1701),
                          MakeUintegerAccessor(&L2tpv3Injector::m_udpDestinationPort),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("UdpChecksum",
                          "Compute the UDP checksum; false sends zero (RFC 768: none, IPv4)",
                          BooleanValue(true),
                          MakeBooleanAccessor(&L2tpv3Injector::m_udpChecksum),
                          MakeBooleanChecker())
            .AddAttribute(
                "Source",
                "Forged source address, IPv4 or IPv6 (empty: the one SetTarget gave)",
                StringValue(""),
                MakeStringAccessor(&L2tpv3Injector::SetSourceText, &L2tpv3Injector::GetSourceText),
                MakeStringChecker())
            .AddAttribute("Destination",
                          "The victim's address, same family (empty: the one SetTarget gave)",
                          StringValue(""),
                          MakeStringAccessor(&L2tpv3Injector::SetDestinationText,
                                             &L2tpv3Injector::GetDestinationText),
                          MakeStringChecker())
            .AddAttribute("Count",
                          "Forged packets to send",
                          UintegerValue(1000),
                          MakeUintegerAccessor(&L2tpv3Injector::m_count),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("Interval",
                          "Time between forged packets",
                          TimeValue(MicroSeconds(100)),
                          MakeTimeAccessor(&L2tpv3Injector::m_interval),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("Identifiers",
                          "How StopCCN and CDN choose the Control Connection ID, Session IDs, "
                          "Ns and Nr: fixed, sweep, random or sniffed (from the tap)",
                          MakeL2tpv3EnumValue(RANDOM),
                          MakeL2tpv3EnumAccessor(&L2tpv3Injector::m_identifiers),
                          MakeL2tpv3NameChecker(IdentifiersNames(), "L2tpv3Injector Identifiers"))
            .AddAttribute("ControlConnectionId",
                          "Control Connection ID of forged StopCCN and CDN (fixed; first of sweep)",
                          UintegerValue(1),
                          MakeUintegerAccessor(&L2tpv3Injector::m_connectionId),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("PeerSessionId",
                          "Local Session ID AVP of a forged CDN: the peer's session (fixed, sweep)",
                          UintegerValue(1),
                          MakeUintegerAccessor(&L2tpv3Injector::m_peerSessionId),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("PeerControlConnectionId",
                          "Assigned Control Connection ID AVP of a forged StopCCN: the peer's "
                          "(fixed, sweep, random; 0: a random one each time)",
                          UintegerValue(0),
                          MakeUintegerAccessor(&L2tpv3Injector::m_peerConnectionId),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("Ns",
                          "Ns of forged StopCCN and CDN (fixed, sweep, random)",
                          UintegerValue(0),
                          MakeUintegerAccessor(&L2tpv3Injector::m_ns),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("Nr",
                          "Nr of forged StopCCN and CDN (fixed, sweep, random)",
                          UintegerValue(0),
                          MakeUintegerAccessor(&L2tpv3Injector::m_nr),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("ResultCode",
                          "Result Code of forged StopCCN (1: general request to clear) and CDN",
                          UintegerValue(1),
                          MakeUintegerAccessor(&L2tpv3Injector::m_resultCode),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("FakeDigest",
                          "Add a Message Digest AVP of random octets (HMAC-MD5 size, §5.4.1)",
                          BooleanValue(false),
                          MakeBooleanAccessor(&L2tpv3Injector::m_fakeDigest),
                          MakeBooleanChecker())
            .AddAttribute("FloodSources",
                          "Forged sources of an SCCRQ flood: Source, Source + 1, ... (1 or more)",
                          UintegerValue(256),
                          MakeUintegerAccessor(&L2tpv3Injector::SetFloodSources,
                                               &L2tpv3Injector::GetFloodSources),
                          MakeUintegerChecker<uint32_t>())
            .AddTraceSource("Tx",
                            "A forged packet sent (the IP packet)",
                            MakeTraceSourceAccessor(&L2tpv3Injector::m_txTrace),
                            "ns3::L2tpv3Injector::TxTracedCallback");
    return tid;
}

L2tpv3Injector::L2tpv3Injector()
    : m_attack(RANDOM_SESSION),
      m_sessionId(1),
      m_cookieLength(0),
      m_sublayer(false),
      m_sublayerSequence(-1),
      m_udp(false),
      m_udpSourcePort(1701),
      m_udpDestinationPort(1701),
      m_udpChecksum(true),
      m_count(1000),
      m_sent(0),
      m_started(false),
      m_identifiers(RANDOM),
      m_connectionId(1),
      m_peerSessionId(1),
      m_peerConnectionId(0),
      m_ns(0),
      m_nr(0),
      m_resultCode(1),
      m_fakeDigest(false),
      m_floodSources(256),
      m_tapped(false),
      m_skipped(0)
{
    m_random = CreateObject<UniformRandomVariable>();
}

namespace
{

/**
 * \param text an IPv4 or IPv6 address in text form
 * \param parameter the attribute's name, for the error message
 * \return the address
 * \throws std::invalid_argument naming \p parameter and \p text when it is neither
 */
Address
ParseIpAddress(const std::string& text, const std::string& parameter)
{
    uint8_t bytes[16];
    if (inet_pton(AF_INET, text.c_str(), bytes) == 1)
    {
        return Ipv4Address(text.c_str());
    }
    if (inet_pton(AF_INET6, text.c_str(), bytes) == 1)
    {
        return Ipv6Address(text.c_str());
    }
    throw std::invalid_argument("L2tpv3Injector " + parameter + " \"" + text +
                                "\" is neither an IPv4 nor an IPv6 address");
}

} // namespace

void
L2tpv3Injector::SetFloodSources(uint32_t count)
{
    if (count == 0)
    {
        throw std::invalid_argument("L2tpv3Injector FloodSources 0: must be 1 or more");
    }
    m_floodSources = count;
}

uint32_t
L2tpv3Injector::GetFloodSources() const
{
    return m_floodSources;
}

void
L2tpv3Injector::SetCookieLength(uint32_t length)
{
    L2tpv3Cookie::CheckLength(length, "L2tpv3Injector CookieLength");
    m_cookieLength = length;
}

uint32_t
L2tpv3Injector::GetCookieLength() const
{
    return m_cookieLength;
}

void
L2tpv3Injector::SetEncapsulation(L2tpv3Encapsulation encapsulation)
{
    m_udp = encapsulation == L2tpv3Encapsulation::UDP;
}

L2tpv3Encapsulation
L2tpv3Injector::GetEncapsulation() const
{
    return m_udp ? L2tpv3Encapsulation::UDP : L2tpv3Encapsulation::IP;
}

void
L2tpv3Injector::SetSourceText(std::string text)
{
    m_forgedSource = text.empty() ? Address() : ParseIpAddress(text, "Source");
}

std::string
L2tpv3Injector::GetSourceText() const
{
    return L2tpv3AddressText(m_forgedSource);
}

void
L2tpv3Injector::SetDestinationText(std::string text)
{
    m_victim = text.empty() ? Address() : ParseIpAddress(text, "Destination");
}

std::string
L2tpv3Injector::GetDestinationText() const
{
    return L2tpv3AddressText(m_victim);
}

L2tpv3Injector::Attack
L2tpv3Injector::GetAttack() const
{
    return m_attack;
}

L2tpv3Injector::~L2tpv3Injector() {}

void
L2tpv3Injector::DoDispose()
{
    m_device = nullptr;
    m_recorded.clear();
    Application::DoDispose();
}

void
L2tpv3Injector::SetTarget(Ptr<NetDevice> device,
                          Mac48Address victimMac,
                          const Address& forgedSource,
                          const Address& victim)
{
    m_device = device;
    m_victimMac = victimMac;
    m_forgedSource = forgedSource;
    m_victim = victim;
}

void
L2tpv3Injector::SetTap(Ptr<NetDevice> tap)
{
    if (m_attack == RANDOM_SESSION || m_attack == RANDOM_COOKIE || m_attack == FORGED)
    {
        m_attack = REPLAY;
    }
    m_tapped = true;
    tap->TraceConnectWithoutContext("PromiscSniffer", MakeCallback(&L2tpv3Injector::Record, this));
}

uint64_t
L2tpv3Injector::GetSent() const
{
    return m_sent;
}

std::size_t
L2tpv3Injector::GetRecorded() const
{
    return m_recorded.size();
}

uint64_t
L2tpv3Injector::GetSkipped() const
{
    return m_skipped;
}

const L2tpv3Injector::Sniffed&
L2tpv3Injector::GetSniffed() const
{
    return m_sniffed;
}

Address
L2tpv3Injector::NthSource(const Address& source, uint32_t index)
{
    if (Ipv4Address::IsMatchingType(source))
    {
        return Ipv4Address(Ipv4Address::ConvertFrom(source).Get() + index);
    }
    if (Ipv6Address::IsMatchingType(source))
    {
        uint8_t bytes[16];
        Ipv6Address::ConvertFrom(source).GetBytes(bytes);
        uint32_t low = (uint32_t(bytes[12]) << 24) | (uint32_t(bytes[13]) << 16) |
                       (uint32_t(bytes[14]) << 8) | bytes[15];
        low += index;
        for (int i = 0; i < 4; ++i)
        {
            bytes[15 - i] = uint8_t(low >> (8 * i));
        }
        return Ipv6Address(bytes);
    }
    return source;
}

int64_t
L2tpv3Injector::AssignStreams(int64_t stream)
{
    m_random->SetStream(stream);
    return 1;
}

void
L2tpv3Injector::Record(Ptr<const Packet> frame)
{
    bool learning = m_identifiers == SNIFFED && (m_attack == STOP_CCN || m_attack == CDN);
    if (m_started && !learning)
    {
        return; // recording ends when the replay begins; learning goes on while it is used
    }
    Ptr<Packet> copy = frame->Copy();
    EthernetHeader ethernet(false);
    copy->RemoveHeader(ethernet);
    Ptr<Packet> payload = copy->Copy();
    uint8_t protocol = 0;
    bool toVictim = false;
    bool fromVictim = false;
    bool whole = true;
    uint32_t length = 0;
    if (ethernet.GetLengthType() == ETHERTYPE_IPV4 && Ipv4Address::IsMatchingType(m_victim) &&
        Ipv4Address::IsMatchingType(m_forgedSource))
    {
        Ipv4Header ip;
        payload->RemoveHeader(ip);
        protocol = ip.GetProtocol();
        Ipv4Address peer = Ipv4Address::ConvertFrom(m_forgedSource);
        Ipv4Address victim = Ipv4Address::ConvertFrom(m_victim);
        toVictim = ip.GetSource() == peer && ip.GetDestination() == victim;
        fromVictim = ip.GetSource() == victim && ip.GetDestination() == peer;
        whole = ip.IsLastFragment() && ip.GetFragmentOffset() == 0;
        length = ip.GetPayloadSize();
    }
    else if (ethernet.GetLengthType() == ETHERTYPE_IPV6 && Ipv6Address::IsMatchingType(m_victim) &&
             Ipv6Address::IsMatchingType(m_forgedSource))
    {
        Ipv6Header ip;
        payload->RemoveHeader(ip);
        protocol = ip.GetNextHeader();
        Ipv6Address peer = Ipv6Address::ConvertFrom(m_forgedSource);
        Ipv6Address victim = Ipv6Address::ConvertFrom(m_victim);
        toVictim = ip.GetSource() == peer && ip.GetDestination() == victim;
        fromVictim = ip.GetSource() == victim && ip.GetDestination() == peer;
        length = ip.GetPayloadLength();
    }
    if ((!toVictim && !fromVictim) || !whole)
    {
        return;
    }
    if (payload->GetSize() > length)
    {
        payload->RemoveAtEnd(payload->GetSize() - length); // the link's padding and trailer
    }
    bool control = false;
    if (protocol == L2tpv3L4Protocol::PROT_NUMBER)
    {
        control = Learn(payload, false, toVictim);
    }
    else if (protocol == L2tpv3L4Protocol::UDP_PROT_NUMBER && m_udp)
    {
        UdpHeader udp;
        payload->RemoveHeader(udp);
        if (udp.GetDestinationPort() == m_udpDestinationPort ||
            udp.GetSourcePort() == m_udpDestinationPort)
        {
            control = Learn(payload, true, toVictim);
        }
    }
    if (m_started || !toVictim)
    {
        return; // recording ends when the replay begins; learning goes on
    }
    // Keep whole IP packets from the peer to the victim: L2TPv3 over IP (replay),
    // or control messages (control-replay).
    if ((m_attack == REPLAY && protocol == L2tpv3L4Protocol::PROT_NUMBER) ||
        (m_attack == CONTROL_REPLAY && control))
    {
        m_recorded.push_back(copy);
    }
}

bool
L2tpv3Injector::Learn(Ptr<const Packet> l2tp, bool udp, bool toVictim)
{
    uint32_t size = l2tp->GetSize();
    if (size < 8)
    {
        return false;
    }
    std::vector<uint8_t> bytes(size);
    l2tp->CopyData(bytes.data(), size);
    auto word = [&bytes](std::size_t at) {
        return (uint32_t(bytes[at]) << 24) | (uint32_t(bytes[at + 1]) << 16) |
               (uint32_t(bytes[at + 2]) << 8) | bytes[at + 3];
    };
    std::size_t offset = 0;
    bool control;
    uint32_t dataSession = 0;
    if (udp)
    {
        // RFC 3931 §4.1.2.1: T = 1 is control; a data message has its Session ID after 32 bits.
        control = (bytes[0] & 0x80) != 0;
        dataSession = control ? 0 : word(4);
    }
    else
    {
        // §4.1.1.2: over IP, Session ID 0 marks a control message.
        dataSession = word(0);
        control = dataSession == 0;
        offset = 4;
    }
    if (!control)
    {
        // Data: its Session ID is the receiver's (§4.5).
        if (dataSession != 0 && toVictim)
        {
            m_sniffed.session = true;
            m_sniffed.sessionId = dataSession;
        }
        else if (dataSession != 0)
        {
            m_sniffed.peerSessionId = dataSession;
        }
        return false;
    }
    L2tpv3ControlMessage m;
    if (L2tpv3ControlMessage::Deserialize(bytes.data() + offset, size - offset, m) !=
        L2tpv3ControlDecodeError::NONE)
    {
        return true; // a control message all the same (the victim will count it malformed)
    }
    // §4.2: every message but a ZLB or an ACK takes an Ns.
    bool sequenced = !m.IsZlb() && m.GetMessageType() != L2tpv3MessageType::ACK;
    auto after = static_cast<uint16_t>(m.GetNs() + (sequenced ? 1 : 0));
    uint32_t assigned = 0;
    bool hasAssigned = m.GetUint32(L2tpv3AvpType::ASSIGNED_CONTROL_CONNECTION_ID, assigned);
    uint32_t local = 0;
    uint32_t remote = 0;
    m.GetUint32(L2tpv3AvpType::LOCAL_SESSION_ID, local);
    m.GetUint32(L2tpv3AvpType::REMOTE_SESSION_ID, remote);
    if (toVictim)
    {
        // The peer writes the victim's Control Connection ID and Session ID (§3.2.1, §5.4.4).
        if (hasAssigned)
        {
            m_sniffed.peerConnectionId = assigned;
        }
        if (m.GetControlConnectionId() != 0)
        {
            m_sniffed.connection = true;
            m_sniffed.connectionId = m.GetControlConnectionId();
            m_sniffed.ns = after;
            m_sniffed.nr = m.GetNr();
        }
        if (local != 0)
        {
            m_sniffed.peerSessionId = local;
        }
        if (remote != 0)
        {
            m_sniffed.session = true;
            m_sniffed.sessionId = remote;
        }
    }
    else
    {
        // The victim assigns its IDs in SCCRP and ICRP; its Nr is the Ns it expects next.
        if (m.GetControlConnectionId() != 0)
        {
            m_sniffed.peerConnectionId = m.GetControlConnectionId();
        }
        if (hasAssigned)
        {
            m_sniffed.connection = true;
            m_sniffed.connectionId = assigned;
        }
        if (m_sniffed.connection)
        {
            m_sniffed.ns = m.GetNr();
            m_sniffed.nr = after;
        }
        if (local != 0)
        {
            m_sniffed.session = true;
            m_sniffed.sessionId = local;
        }
        if (remote != 0)
        {
            m_sniffed.peerSessionId = remote;
        }
    }
    return true;
}

void
L2tpv3Injector::CheckConfiguration() const
{
    if (!m_device)
    {
        throw std::invalid_argument("L2tpv3Injector: call SetTarget before the start");
    }
    bool v4 = Ipv4Address::IsMatchingType(m_forgedSource) && Ipv4Address::IsMatchingType(m_victim);
    bool v6 = Ipv6Address::IsMatchingType(m_forgedSource) && Ipv6Address::IsMatchingType(m_victim);
    if (!v4 && !v6)
    {
        throw std::invalid_argument("L2tpv3Injector: Source \"" +
                                    L2tpv3AddressText(m_forgedSource) + "\" and Destination \"" +
                                    L2tpv3AddressText(m_victim) +
                                    "\" must both be IPv4 or both IPv6 addresses");
    }
    if (m_identifiers == SNIFFED && (m_attack == STOP_CCN || m_attack == CDN) && !m_tapped)
    {
        throw std::invalid_argument("L2tpv3Injector: Identifiers \"sniffed\" with Attack \"" +
                                    L2tpv3NameOf(AttackNames(), m_attack) +
                                    "\" needs a tap (SetTap)");
    }
    if (m_attack == CONTROL_REPLAY && !m_tapped)
    {
        throw std::invalid_argument(
            "L2tpv3Injector: Attack \"control-replay\" needs a tap (SetTap) to record from");
    }
}

void
L2tpv3Injector::StartApplication()
{
    NS_LOG_FUNCTION(this);
    CheckConfiguration();
    m_started = true;
    SendOne();
}

void
L2tpv3Injector::StopApplication()
{
    m_next.Cancel();
}

void
L2tpv3Injector::SetAttack(Attack attack)
{
    m_attack = attack;
}

void
L2tpv3Injector::SendOne()
{
    if (m_sent >= m_count)
    {
        return;
    }
    if (m_attack == REPLAY || m_attack == CONTROL_REPLAY)
    {
        if (m_recorded.empty())
        {
            NS_LOG_WARN("nothing recorded to replay");
            return;
        }
        Ptr<Packet> ip = m_recorded[m_sent % m_recorded.size()]->Copy();
        uint16_t type = Ipv4Address::IsMatchingType(m_victim) ? ETHERTYPE_IPV4 : ETHERTYPE_IPV6;
        m_txTrace(ip);
        m_device->Send(ip, m_victimMac, type);
    }
    else if (m_attack == STOP_CCN || m_attack == CDN || m_attack == SCCRQ_FLOOD)
    {
        L2tpv3ControlMessage message;
        if (!BuildControl(message))
        {
            // Nothing learned yet: try again later (never at the same instant, for ever).
            ++m_skipped;
            m_next = Simulator::Schedule(std::max(m_interval, MilliSeconds(1)),
                                         &L2tpv3Injector::SendOne,
                                         this);
            return;
        }
        SendControl(message,
                    m_attack == SCCRQ_FLOOD
                        ? NthSource(m_forgedSource, uint32_t(m_sent % m_floodSources))
                        : m_forgedSource);
    }
    else
    {
        // An Ethernet frame to the broadcast address: a forgery that got through would flood.
        uint8_t frame[60] =
            {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0, 0, 0, 0, 0x66, 0x88, 0xb5};
        Ptr<Packet> p = Create<Packet>(frame, sizeof(frame));
        L2tpv3DataHeader header;
        uint32_t cookieLength = m_attack == FORGED ? m_cookie.GetLength() : m_cookieLength;
        header.Configure(m_udp, cookieLength, m_sublayer);
        uint32_t id = m_sessionId;
        if (m_attack == RANDOM_SESSION)
        {
            id = m_random->GetInteger(1, 0xffffffffU);
        }
        header.GetSession().SetSessionId(id);
        if (m_sublayer)
        {
            if (m_sublayerSequence >= 0)
            {
                header.GetSublayer().SetSequence(uint32_t(m_sublayerSequence));
            }
            else
            {
                header.GetSublayer().ClearSequence();
            }
        }
        if (m_attack == FORGED)
        {
            header.GetSession().SetCookie(m_cookie);
        }
        else if (m_cookieLength > 0)
        {
            uint64_t value = m_cookieLength == 8
                                 ? (uint64_t(m_random->GetInteger(0, 0xffffffffU)) << 32) |
                                       m_random->GetInteger(0, 0xffffffffU)
                                 : m_random->GetInteger(0, 0xffffffffU);
            header.GetSession().SetCookie(L2tpv3Cookie(m_cookieLength, value));
        }
        p->AddHeader(header);
        SendIp(p);
    }
    ++m_sent;
    m_next = Simulator::Schedule(m_interval, &L2tpv3Injector::SendOne, this);
}

bool
L2tpv3Injector::BuildControl(L2tpv3ControlMessage& message)
{
    using A = L2tpv3AvpType;
    auto random32 = [this](uint32_t low) {
        return static_cast<uint32_t>(m_random->GetInteger(low, 0xffffffffU));
    };
    if (m_attack == SCCRQ_FLOOD)
    {
        // §6.1: the AVPs an SCCRQ must carry; Control Connection ID 0, Ns 0 (§3.2.1, §4.2).
        message = L2tpv3ControlMessage(L2tpv3MessageType::SCCRQ);
    }
    else
    {
        message = L2tpv3ControlMessage(m_attack == STOP_CCN ? L2tpv3MessageType::STOPCCN
                                                            : L2tpv3MessageType::CDN);
    }
    if (m_fakeDigest)
    {
        // §5.4.1: the Message Digest AVP right after the Message Type; HMAC-MD5 is type 0.
        std::vector<uint8_t> digest(17);
        digest[0] = 0;
        for (std::size_t i = 1; i < digest.size(); ++i)
        {
            digest[i] = static_cast<uint8_t>(m_random->GetInteger(0, 255));
        }
        message.Add(L2tpv3Avp(L2tpv3Avp::IETF_VENDOR_ID,
                              static_cast<uint16_t>(A::MESSAGE_DIGEST),
                              true,
                              digest));
    }
    if (m_attack == SCCRQ_FLOOD)
    {
        message.Add(L2tpv3Avp::MakeString(A::HOST_NAME, "flood"));
        message.Add(L2tpv3Avp::MakeUint32(A::ROUTER_ID, random32(1)));
        message.Add(L2tpv3Avp::MakeUint32(A::ASSIGNED_CONTROL_CONNECTION_ID, random32(1)));
        // RFC 4719: Ethernet (5) and Ethernet VLAN (4) pseudowires.
        message.Add(L2tpv3Avp::MakeUint16List(A::PSEUDOWIRE_CAPABILITIES_LIST, {5, 4}));
        return true;
    }
    uint32_t connectionId = m_connectionId;
    uint16_t ns = m_ns;
    uint16_t nr = m_nr;
    uint32_t sessionId = m_sessionId;
    uint32_t peerSessionId = m_peerSessionId;
    uint32_t peerConnectionId = m_peerConnectionId;
    switch (m_identifiers)
    {
    case SNIFFED:
        if (!m_sniffed.connection || (m_attack == CDN && !m_sniffed.session))
        {
            return false;
        }
        connectionId = m_sniffed.connectionId;
        ns = m_sniffed.ns;
        nr = m_sniffed.nr;
        sessionId = m_sniffed.sessionId;
        peerSessionId = m_sniffed.peerSessionId;
        peerConnectionId = m_sniffed.peerConnectionId;
        break;
    case SWEEP:
        // The k-th guess; Control Connection ID 0 is the SCCRQ's and is skipped.
        connectionId = static_cast<uint32_t>(m_connectionId + m_sent);
        if (connectionId < m_connectionId)
        {
            ++connectionId;
        }
        break;
    case RANDOM:
        connectionId = random32(1);
        if (m_attack == CDN)
        {
            sessionId = random32(1);
        }
        break;
    case FIXED:
        break;
    }
    message.SetControlConnectionId(connectionId);
    message.SetNs(ns);
    message.SetNr(nr);
    if (m_attack == STOP_CCN)
    {
        // §6.6: the sender's Assigned Control Connection ID and a Result Code.
        message.Add(L2tpv3Avp::MakeUint32(A::ASSIGNED_CONTROL_CONNECTION_ID,
                                          peerConnectionId != 0 ? peerConnectionId : random32(1)));
        message.Add(L2tpv3Avp::MakeResultCode(m_resultCode));
    }
    else
    {
        // §6.14: Result Code, the sender's Local and the recipient's Remote Session ID.
        message.Add(L2tpv3Avp::MakeResultCode(m_resultCode));
        message.Add(L2tpv3Avp::MakeUint32(A::LOCAL_SESSION_ID, peerSessionId));
        message.Add(L2tpv3Avp::MakeUint32(A::REMOTE_SESSION_ID, sessionId));
    }
    return true;
}

void
L2tpv3Injector::SendControl(const L2tpv3ControlMessage& message, const Address& source)
{
    Ptr<Packet> l2tp = message.ToPacket();
    if (!m_udp)
    {
        // RFC 3931 §4.1.1.2: over IP a control message follows 32 zero bits (Session ID 0).
        uint8_t zero[4] = {0, 0, 0, 0};
        Ptr<Packet> p = Create<Packet>(zero, sizeof(zero));
        p->AddAtEnd(l2tp);
        l2tp = p;
    }
    SendIp(l2tp, source); // over UDP the message (T = 1) is the datagram (§4.1.2.1)
}

void
L2tpv3Injector::SendIp(Ptr<Packet> l2tp)
{
    SendIp(l2tp, m_forgedSource);
}

void
L2tpv3Injector::SendIp(Ptr<Packet> l2tp, const Address& source)
{
    uint8_t protocol = L2tpv3L4Protocol::PROT_NUMBER;
    if (m_udp)
    {
        // RFC 3931 §4.1.2: the L2TPv3 header (T/Ver word first) in a UDP datagram.
        UdpHeader udp;
        udp.SetSourcePort(m_udpSourcePort);
        udp.SetDestinationPort(m_udpDestinationPort);
        if (m_udpChecksum)
        {
            udp.EnableChecksums();
            udp.InitializeChecksum(source, m_victim, L2tpv3L4Protocol::UDP_PROT_NUMBER);
        }
        l2tp->AddHeader(udp);
        protocol = L2tpv3L4Protocol::UDP_PROT_NUMBER;
    }
    if (Ipv4Address::IsMatchingType(m_victim))
    {
        Ipv4Header ip;
        ip.SetSource(Ipv4Address::ConvertFrom(source));
        ip.SetDestination(Ipv4Address::ConvertFrom(m_victim));
        ip.SetProtocol(protocol);
        ip.SetTtl(64);
        ip.SetPayloadSize(l2tp->GetSize());
        ip.SetIdentification(uint16_t(m_sent));
        ip.EnableChecksum();
        l2tp->AddHeader(ip);
        m_txTrace(l2tp);
        m_device->Send(l2tp, m_victimMac, ETHERTYPE_IPV4);
    }
    else
    {
        Ipv6Header ip;
        ip.SetSource(Ipv6Address::ConvertFrom(source));
        ip.SetDestination(Ipv6Address::ConvertFrom(m_victim));
        ip.SetNextHeader(protocol);
        ip.SetHopLimit(64);
        ip.SetPayloadLength(l2tp->GetSize());
        l2tp->AddHeader(ip);
        m_txTrace(l2tp);
        m_device->Send(l2tp, m_victimMac, ETHERTYPE_IPV6);
    }
}

} // namespace ns3
