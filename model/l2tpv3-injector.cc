/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-injector.h"

#include "l2tpv3-data-header.h"
#include "l2tpv3-l4-protocol.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/ethernet-header.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv6-header.h"
#include "ns3/log.h"
#include "ns3/net-device.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

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
    static TypeId tid = TypeId("ns3::L2tpv3Injector")
                            .SetParent<Application>()
                            .SetGroupName("L2tp")
                            .AddConstructor<L2tpv3Injector>()
                            .AddAttribute("SessionId",
                                          "The victim's local Session ID (random-cookie attack)",
                                          UintegerValue(1),
                                          MakeUintegerAccessor(&L2tpv3Injector::m_sessionId),
                                          MakeUintegerChecker<uint32_t>(1))
                            .AddAttribute("CookieLength",
                                          "Cookie bytes in forged packets: 0, 4 or 8",
                                          UintegerValue(0),
                                          MakeUintegerAccessor(&L2tpv3Injector::m_cookieLength),
                                          MakeUintegerChecker<uint32_t>(0, 8))
                            .AddAttribute("Sublayer",
                                          "Add a Default L2-Specific Sublayer word (S = 0)",
                                          BooleanValue(false),
                                          MakeBooleanAccessor(&L2tpv3Injector::m_sublayer),
                                          MakeBooleanChecker())
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
      m_count(1000),
      m_sent(0),
      m_started(false)
{
    m_random = CreateObject<UniformRandomVariable>();
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
L2tpv3Injector::StartApplication()
{
    NS_LOG_FUNCTION(this);
    if (!m_device)
    {
        throw std::invalid_argument("L2tpv3Injector: call SetTarget before the start");
    }
    if (m_attack != REPLAY && m_cookieLength != 0 && m_cookieLength != 4 && m_cookieLength != 8)
    {
        throw std::invalid_argument("L2tpv3Injector: CookieLength must be 0, 4 or 8, not " +
                                    std::to_string(m_cookieLength));
    }
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
        header.Configure(false, m_cookieLength, m_sublayer);
        uint32_t id = m_sessionId;
        if (m_attack == RANDOM_SESSION)
        {
            id = m_random->GetInteger(1, 0xffffffffU);
        }
        header.GetSession().SetSessionId(id);
        if (m_cookieLength > 0)
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
    if (Ipv4Address::IsMatchingType(m_victim))
    {
        Ipv4Header ip;
        ip.SetSource(Ipv4Address::ConvertFrom(m_forgedSource));
        ip.SetDestination(Ipv4Address::ConvertFrom(m_victim));
        ip.SetProtocol(L2tpv3L4Protocol::PROT_NUMBER);
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
        ip.SetNextHeader(L2tpv3L4Protocol::PROT_NUMBER);
        ip.SetHopLimit(64);
        ip.SetPayloadLength(l2tp->GetSize());
        l2tp->AddHeader(ip);
        m_device->Send(l2tp, m_victimMac, ETHERTYPE_IPV6);
    }
}

} // namespace ns3
