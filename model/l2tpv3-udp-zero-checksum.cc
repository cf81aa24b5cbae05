/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-udp-zero-checksum.h"

#include "ns3/ipv4-header.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-interface.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/udp-header.h"
#include "ns3/udp-l4-protocol.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpv3UdpZeroChecksum");

NS_OBJECT_ENSURE_REGISTERED(L2tpv3UdpZeroChecksum);

namespace
{
// UDP's IP protocol number (IANA), named here: UdpL4Protocol::PROT_NUMBER is
// deprecated in ns-3.49 in favour of a header that 3.37 does not have.
constexpr uint8_t UDP_PROTOCOL_NUMBER = 17;
} // namespace

TypeId
L2tpv3UdpZeroChecksum::GetTypeId()
{
    static TypeId tid = TypeId("ns3::L2tpv3UdpZeroChecksum")
                            .SetParent<IpL4Protocol>()
                            .SetGroupName("L2tp")
                            .AddConstructor<L2tpv3UdpZeroChecksum>();
    return tid;
}

L2tpv3UdpZeroChecksum::L2tpv3UdpZeroChecksum()
    : m_accepted(0)
{
}

L2tpv3UdpZeroChecksum::~L2tpv3UdpZeroChecksum() {}

void
L2tpv3UdpZeroChecksum::DoDispose()
{
    m_udp = nullptr;
    IpL4Protocol::DoDispose();
}

void
L2tpv3UdpZeroChecksum::Accept(Ptr<Node> node, uint16_t port)
{
    if (!node)
    {
        return;
    }
    Ptr<L2tpv3UdpZeroChecksum> self = node->GetObject<L2tpv3UdpZeroChecksum>();
    if (!self)
    {
        Ptr<Ipv4L3Protocol> ipv4 = node->GetObject<Ipv4L3Protocol>();
        Ptr<UdpL4Protocol> udp = node->GetObject<UdpL4Protocol>();
        if (!ipv4 || !udp || ipv4->GetProtocol(UDP_PROTOCOL_NUMBER) != udp)
        {
            return; // no IPv4 UDP, or someone else already stands in front of it
        }
        self = CreateObject<L2tpv3UdpZeroChecksum>();
        self->m_udp = udp;
        node->AggregateObject(self);
        ipv4->Insert(self); // replaces UdpL4Protocol as IPv4's protocol 17
    }
    self->m_ports.insert(port);
}

uint64_t
L2tpv3UdpZeroChecksum::GetAccepted() const
{
    return m_accepted;
}

int
L2tpv3UdpZeroChecksum::GetProtocolNumber() const
{
    return UDP_PROTOCOL_NUMBER;
}

IpL4Protocol::RxStatus
L2tpv3UdpZeroChecksum::Receive(Ptr<Packet> p,
                               const Ipv4Header& header,
                               Ptr<Ipv4Interface> incomingInterface)
{
    uint8_t udp[8];
    if (Node::ChecksumEnabled() && p->CopyData(udp, sizeof(udp)) == sizeof(udp) && udp[6] == 0 &&
        udp[7] == 0 && m_ports.count((uint16_t(udp[2]) << 8) | udp[3]))
    {
        // RFC 768: zero means no checksum. Give it the one ns-3's UDP will verify.
        NS_LOG_LOGIC("zero UDP checksum from " << header.GetSource() << " accepted");
        UdpHeader word;
        p->RemoveHeader(word);
        word.EnableChecksums();
        word.InitializeChecksum(header.GetSource(), header.GetDestination(), GetProtocolNumber());
        p->AddHeader(word);
        ++m_accepted;
    }
    return m_udp->Receive(p, header, incomingInterface);
}

IpL4Protocol::RxStatus
L2tpv3UdpZeroChecksum::Receive(Ptr<Packet> p,
                               const Ipv6Header& header,
                               Ptr<Ipv6Interface> incomingInterface)
{
    return m_udp->Receive(p, header, incomingInterface);
}

void
L2tpv3UdpZeroChecksum::ReceiveIcmp(Ipv4Address icmpSource,
                                   uint8_t icmpTtl,
                                   uint8_t icmpType,
                                   uint8_t icmpCode,
                                   uint32_t icmpInfo,
                                   Ipv4Address payloadSource,
                                   Ipv4Address payloadDestination,
                                   const uint8_t payload[8])
{
    m_udp->ReceiveIcmp(icmpSource,
                       icmpTtl,
                       icmpType,
                       icmpCode,
                       icmpInfo,
                       payloadSource,
                       payloadDestination,
                       payload);
}

void
L2tpv3UdpZeroChecksum::SetDownTarget(IpL4Protocol::DownTargetCallback cb)
{
    m_udp->SetDownTarget(cb);
}

void
L2tpv3UdpZeroChecksum::SetDownTarget6(IpL4Protocol::DownTargetCallback6 cb)
{
    m_udp->SetDownTarget6(cb);
}

IpL4Protocol::DownTargetCallback
L2tpv3UdpZeroChecksum::GetDownTarget() const
{
    return m_udp->GetDownTarget();
}

IpL4Protocol::DownTargetCallback6
L2tpv3UdpZeroChecksum::GetDownTarget6() const
{
    return m_udp->GetDownTarget6();
}

} // namespace ns3
