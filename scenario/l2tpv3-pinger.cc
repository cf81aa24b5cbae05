/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-pinger.h"

#include "l2tpv3-echo-reply.h"

#include "ns3/abort.h"
#include "ns3/address.h"
#include "ns3/icmpv4.h"
#include "ns3/icmpv6-header.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-raw-socket-factory.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-address.h"
#include "ns3/ipv6-raw-socket-factory.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpv3Pinger");

NS_OBJECT_ENSURE_REGISTERED(L2tpv3Pinger);

TypeId
L2tpv3Pinger::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::L2tpv3Pinger")
            .SetParent<Application>()
            .SetGroupName("L2tp")
            .AddConstructor<L2tpv3Pinger>()
            .AddAttribute("Remote",
                          "The address to ping, IPv4 or IPv6",
                          AddressValue(),
                          MakeAddressAccessor(&L2tpv3Pinger::m_remote),
                          MakeAddressChecker())
            .AddAttribute("Source",
                          "The requests' source address, same family (ping -I); empty: the "
                          "one IP chooses",
                          AddressValue(),
                          MakeAddressAccessor(&L2tpv3Pinger::m_source),
                          MakeAddressChecker())
            .AddAttribute("Size",
                          "ICMP echo payload, in bytes",
                          UintegerValue(56),
                          MakeUintegerAccessor(&L2tpv3Pinger::m_size),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("Identifier",
                          "ICMP echo identifier of this pinger's requests",
                          UintegerValue(0),
                          MakeUintegerAccessor(&L2tpv3Pinger::m_id),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("Count",
                          "Requests to send; 0: one every Interval until the application stops",
                          UintegerValue(0),
                          MakeUintegerAccessor(&L2tpv3Pinger::m_count),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("Interval",
                          "Time between requests",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&L2tpv3Pinger::m_interval),
                          MakeTimeChecker(Seconds(0)))
            .AddTraceSource("Tx",
                            "An echo request sent (sequence number, ICMP message)",
                            MakeTraceSourceAccessor(&L2tpv3Pinger::m_txTrace),
                            "ns3::L2tpv3Pinger::TxTracedCallback")
            .AddTraceSource("Rtt",
                            "An echo reply received (sequence number, round-trip time)",
                            MakeTraceSourceAccessor(&L2tpv3Pinger::m_rttTrace),
                            "ns3::L2tpv3Pinger::RttTracedCallback");
    return tid;
}

L2tpv3Pinger::L2tpv3Pinger()
    : m_size(56),
      m_id(0),
      m_count(0),
      m_interval(Seconds(1)),
      m_seq(0),
      m_sentCount(0),
      m_answered(0)
{
    NS_LOG_FUNCTION(this);
}

L2tpv3Pinger::~L2tpv3Pinger() = default;

void
L2tpv3Pinger::DoDispose()
{
    m_next.Cancel();
    m_socket = nullptr;
    Application::DoDispose();
}

uint32_t
L2tpv3Pinger::GetSent() const
{
    return m_sentCount;
}

uint32_t
L2tpv3Pinger::GetAnswered() const
{
    return m_answered;
}

const std::vector<Time>&
L2tpv3Pinger::GetRtts() const
{
    return m_rtts;
}

L2tpv3Pinger::RttSummary
L2tpv3Pinger::GetRttSummary() const
{
    RttSummary s;
    if (m_rtts.empty())
    {
        return s;
    }
    double sum = 0;
    s.minMs = std::numeric_limits<double>::max();
    for (const Time& t : m_rtts)
    {
        double ms = t.GetSeconds() * 1000;
        s.minMs = std::min(s.minMs, ms);
        s.maxMs = std::max(s.maxMs, ms);
        sum += ms;
    }
    s.avgMs = sum / m_rtts.size();
    return s;
}

const std::string&
L2tpv3Pinger::GetReplyPattern() const
{
    return m_pattern;
}

bool
L2tpv3Pinger::IsV6() const
{
    return Ipv6Address::IsMatchingType(m_remote);
}

void
L2tpv3Pinger::StartApplication()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_UNLESS(Ipv4Address::IsMatchingType(m_remote) || IsV6(),
                        "L2tpv3Pinger: Remote is neither an IPv4 nor an IPv6 address");
    m_socket = Socket::CreateSocket(GetNode(),
                                    IsV6() ? Ipv6RawSocketFactory::GetTypeId()
                                           : Ipv4RawSocketFactory::GetTypeId());
    // ICMP (1) and ICMPv6 (58), as the raw sockets' Protocol.
    m_socket->SetAttribute("Protocol", UintegerValue(IsV6() ? 58 : 1));
    m_socket->SetRecvCallback(MakeCallback(&L2tpv3Pinger::HandleRead, this));
    if (IsV6())
    {
        m_socket->Bind(Inet6SocketAddress(Ipv6Address::IsMatchingType(m_source)
                                              ? Ipv6Address::ConvertFrom(m_source)
                                              : Ipv6Address::GetAny(),
                                          0));
        m_socket->Connect(Inet6SocketAddress(Ipv6Address::ConvertFrom(m_remote), 0));
    }
    else
    {
        // Bound to any: a given source is handed to IP directly (SendEcho).
        m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), 0));
        m_socket->Connect(InetSocketAddress(Ipv4Address::ConvertFrom(m_remote), 0));
    }
    SendEcho();
}

void
L2tpv3Pinger::StopApplication()
{
    NS_LOG_FUNCTION(this);
    m_next.Cancel();
    if (m_socket)
    {
        m_socket->Close();
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket = nullptr;
    }
}

void
L2tpv3Pinger::SendEcho()
{
    Ptr<Packet> p = Create<Packet>(m_size);
    if (IsV6())
    {
        Icmpv6Echo request(true);
        request.SetId(m_id);
        request.SetSeq(m_seq);
        // The raw socket computes the ICMPv6 checksum once the source is known.
        p->AddHeader(request);
    }
    else
    {
        Icmpv4Echo echo;
        echo.SetIdentifier(m_id);
        echo.SetSequenceNumber(m_seq);
        echo.SetData(p);
        p = Create<Packet>();
        p->AddHeader(echo);
        Icmpv4Header header;
        header.SetType(Icmpv4Header::ICMPV4_ECHO);
        header.SetCode(0);
        if (Node::ChecksumEnabled())
        {
            header.EnableChecksum();
        }
        p->AddHeader(header);
    }
    m_sent[m_seq] = Simulator::Now();
    m_pattern += '.';
    ++m_sentCount;
    m_txTrace(m_seq, p);
    if (Ipv4Address::IsMatchingType(m_source))
    {
        // `ping -I SOURCE`: the routing table picks the interface, SOURCE stays the source.
        GetNode()->GetObject<Ipv4>()->Send(p,
                                           Ipv4Address::ConvertFrom(m_source),
                                           Ipv4Address::ConvertFrom(m_remote),
                                           1,
                                           nullptr);
    }
    else
    {
        m_socket->Send(p);
    }
    ++m_seq;
    if (m_count == 0 || m_seq < m_count)
    {
        m_next = Simulator::Schedule(m_interval, &L2tpv3Pinger::SendEcho, this);
    }
}

void
L2tpv3Pinger::HandleRead(Ptr<Socket> socket)
{
    Ptr<Packet> p;
    Address from;
    while ((p = socket->RecvFrom(from)))
    {
        uint16_t id = 0;
        uint16_t seq = 0;
        if (!L2tpv3ReadEchoReply(p, IsV6(), id, seq))
        {
            continue;
        }
        auto it = m_sent.find(seq);
        if (id != m_id || it == m_sent.end())
        {
            continue;
        }
        Time rtt = Simulator::Now() - it->second;
        m_rtts.push_back(rtt);
        ++m_answered;
        if (seq < m_pattern.size())
        {
            m_pattern[seq] = '!';
        }
        m_sent.erase(it);
        m_rttTrace(seq, rtt);
    }
}

} // namespace ns3
