/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-injector.h"

#include "l2tpv3-data-header.h"
#include "l2tpv3-l4-protocol.h"
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
                "random-session, random-cookie, forged (as configured) or replay",
                StringValue("random-session"),
                MakeStringAccessor(&L2tpv3Injector::SetAttackName, &L2tpv3Injector::GetAttackName),
                MakeStringChecker())
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
                          StringValue("ip"),
                          MakeStringAccessor(&L2tpv3Injector::SetEncapsulationName,
                                             &L2tpv3Injector::GetEncapsulationName),
                          MakeStringChecker())
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
                          MakeTimeChecker(Seconds(0)));
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
      m_started(false)
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

/**
 * \param address an Ipv4Address, an Ipv6Address or empty
 * \return its text form ("" when empty)
 */
std::string
AddressText(const Address& address)
{
    std::ostringstream os;
    if (Ipv4Address::IsMatchingType(address))
    {
        os << Ipv4Address::ConvertFrom(address);
    }
    else if (Ipv6Address::IsMatchingType(address))
    {
        os << Ipv6Address::ConvertFrom(address);
    }
    return os.str();
}

} // namespace

void
L2tpv3Injector::SetAttackName(std::string text)
{
    if (text == "random-session")
    {
        m_attack = RANDOM_SESSION;
    }
    else if (text == "random-cookie")
    {
        m_attack = RANDOM_COOKIE;
    }
    else if (text == "forged")
    {
        m_attack = FORGED;
    }
    else if (text == "replay")
    {
        m_attack = REPLAY;
    }
    else
    {
        throw std::invalid_argument("L2tpv3Injector Attack \"" + text +
                                    "\" is not random-session, random-cookie, forged or replay");
    }
}

std::string
L2tpv3Injector::GetAttackName() const
{
    switch (m_attack)
    {
    case RANDOM_SESSION:
        return "random-session";
    case RANDOM_COOKIE:
        return "random-cookie";
    case FORGED:
        return "forged";
    case REPLAY:
        return "replay";
    }
    return "";
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
L2tpv3Injector::SetEncapsulationName(std::string text)
{
    if (text != "ip" && text != "udp")
    {
        throw std::invalid_argument("L2tpv3Injector Encapsulation \"" + text +
                                    "\" is neither ip nor udp");
    }
    m_udp = text == "udp";
}

std::string
L2tpv3Injector::GetEncapsulationName() const
{
    return m_udp ? "udp" : "ip";
}

void
L2tpv3Injector::SetSourceText(std::string text)
{
    m_forgedSource = text.empty() ? Address() : ParseIpAddress(text, "Source");
}

std::string
L2tpv3Injector::GetSourceText() const
{
    return AddressText(m_forgedSource);
}

void
L2tpv3Injector::SetDestinationText(std::string text)
{
    m_victim = text.empty() ? Address() : ParseIpAddress(text, "Destination");
}

std::string
L2tpv3Injector::GetDestinationText() const
{
    return AddressText(m_victim);
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
    m_attack = REPLAY;
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

int64_t
L2tpv3Injector::AssignStreams(int64_t stream)
{
    m_random->SetStream(stream);
    return 1;
}

void
L2tpv3Injector::Record(Ptr<const Packet> frame)
{
    if (m_started)
    {
        return; // recording ends when the replay begins
    }
    Ptr<Packet> copy = frame->Copy();
    EthernetHeader ethernet(false);
    copy->RemoveHeader(ethernet);
    // Keep whole IP packets from the peer to the victim carrying L2TPv3.
    if (ethernet.GetLengthType() == ETHERTYPE_IPV4 && Ipv4Address::IsMatchingType(m_victim))
    {
        Ipv4Header ip;
        copy->PeekHeader(ip);
        if (ip.GetProtocol() == L2tpv3L4Protocol::PROT_NUMBER &&
            ip.GetSource() == Ipv4Address::ConvertFrom(m_forgedSource) &&
            ip.GetDestination() == Ipv4Address::ConvertFrom(m_victim) && ip.IsLastFragment() &&
            ip.GetFragmentOffset() == 0)
        {
            m_recorded.push_back(copy);
        }
    }
    else if (ethernet.GetLengthType() == ETHERTYPE_IPV6 && Ipv6Address::IsMatchingType(m_victim))
    {
        Ipv6Header ip;
        copy->PeekHeader(ip);
        if (ip.GetNextHeader() == L2tpv3L4Protocol::PROT_NUMBER &&
            ip.GetSource() == Ipv6Address::ConvertFrom(m_forgedSource) &&
            ip.GetDestination() == Ipv6Address::ConvertFrom(m_victim))
        {
            m_recorded.push_back(copy);
        }
    }
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
        throw std::invalid_argument("L2tpv3Injector: Source \"" + AddressText(m_forgedSource) +
                                    "\" and Destination \"" + AddressText(m_victim) +
                                    "\" must both be IPv4 or both IPv6 addresses");
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
    if (m_attack == REPLAY)
    {
        if (m_recorded.empty())
        {
            NS_LOG_WARN("nothing recorded to replay");
            return;
        }
        Ptr<Packet> ip = m_recorded[m_sent % m_recorded.size()]->Copy();
        uint16_t type = Ipv4Address::IsMatchingType(m_victim) ? ETHERTYPE_IPV4 : ETHERTYPE_IPV6;
        m_device->Send(ip, m_victimMac, type);
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

void
L2tpv3Injector::SendIp(Ptr<Packet> l2tp)
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
            udp.InitializeChecksum(m_forgedSource, m_victim, L2tpv3L4Protocol::UDP_PROT_NUMBER);
        }
        l2tp->AddHeader(udp);
        protocol = L2tpv3L4Protocol::UDP_PROT_NUMBER;
    }
    if (Ipv4Address::IsMatchingType(m_victim))
    {
        Ipv4Header ip;
        ip.SetSource(Ipv4Address::ConvertFrom(m_forgedSource));
        ip.SetDestination(Ipv4Address::ConvertFrom(m_victim));
        ip.SetProtocol(protocol);
        ip.SetTtl(64);
        ip.SetPayloadSize(l2tp->GetSize());
        ip.SetIdentification(uint16_t(m_sent));
        ip.EnableChecksum();
        l2tp->AddHeader(ip);
        m_device->Send(l2tp, m_victimMac, ETHERTYPE_IPV4);
    }
    else
    {
        Ipv6Header ip;
        ip.SetSource(Ipv6Address::ConvertFrom(m_forgedSource));
        ip.SetDestination(Ipv6Address::ConvertFrom(m_victim));
        ip.SetNextHeader(protocol);
        ip.SetHopLimit(64);
        ip.SetPayloadLength(l2tp->GetSize());
        l2tp->AddHeader(ip);
        m_device->Send(l2tp, m_victimMac, ETHERTYPE_IPV6);
    }
}

} // namespace ns3
