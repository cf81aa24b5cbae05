/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-lab-pinger.h"

#include "../scenario/l2tpv3-echo-reply.h"

#include "ns3/icmpv4.h"
#include "ns3/icmpv6-header.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-raw-socket-factory.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-address.h"
#include "ns3/ipv6-raw-socket-factory.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace lab
{

NS_OBJECT_ENSURE_REGISTERED(Pinger);

TypeId
Pinger::GetTypeId()
{
    static TypeId tid = TypeId("ns3::L2tpv3LabPinger")
                            .SetParent<Application>()
                            .SetGroupName("L2tp")
                            .AddConstructor<Pinger>();
    return tid;
}

bool
Pinger::IsV6() const
{
    return Ipv6Address::IsMatchingType(m_remote);
}

void
Pinger::StartApplication()
{
    m_socket = Socket::CreateSocket(GetNode(),
                                    IsV6() ? Ipv6RawSocketFactory::GetTypeId()
                                           : Ipv4RawSocketFactory::GetTypeId());
    m_socket->SetAttribute("Protocol", UintegerValue(IsV6() ? 58 : 1));
    m_socket->SetRecvCallback(MakeCallback(&Pinger::HandleRead, this));
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
        // Bound to any: ns-3's raw socket bound to a loopback address would send out of
        // the loopback device; a given source is handed to IP directly (SendEcho).
        m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), 0));
        m_socket->Connect(InetSocketAddress(Ipv4Address::ConvertFrom(m_remote), 0));
    }
    SendEcho();
}

void
Pinger::StopApplication()
{
    m_next.Cancel();
    if (m_socket)
    {
        m_socket->Close();
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket = nullptr;
    }
}

void
Pinger::SendEcho()
{
    Ptr<Packet> p = Create<Packet>(m_result->size);
    if (IsV6())
    {
        Icmpv6Echo request(true);
        request.SetId(m_id);
        request.SetSeq(m_seq);
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
    m_result->sequence += '.';
    ++m_result->sent;
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
    if (m_seq < m_count)
    {
        m_next = Simulator::Schedule(m_interval, &Pinger::SendEcho, this);
    }
}

void
Pinger::HandleRead(Ptr<Socket> socket)
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
        m_rtts.push_back(Simulator::Now() - it->second);
        ++m_result->answered;
        m_result->sequence[seq] = '!';
        m_sent.erase(it);
    }
}

} // namespace lab
} // namespace ns3
