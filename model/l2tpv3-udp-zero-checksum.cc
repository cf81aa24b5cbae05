/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-udp-zero-checksum.h"

#include "ns3/ipv4-header.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-interface.h"
#include "ns3/ipv6-l3-protocol.h"
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

Ptr<L2tpv3UdpZeroChecksum>
L2tpv3UdpZeroChecksum::Get(Ptr<Node> node)
{
    if (!node)
    {
        return nullptr;
    }
    Ptr<L2tpv3UdpZeroChecksum> self = node->GetObject<L2tpv3UdpZeroChecksum>();
    if (!self)
    {
        Ptr<UdpL4Protocol> udp = node->GetObject<UdpL4Protocol>();
        if (!udp)
        {
            return nullptr;
        }
        self = CreateObject<L2tpv3UdpZeroChecksum>();
        self->m_udp = udp;
        node->AggregateObject(self);
    }
    return self;
}

void
L2tpv3UdpZeroChecksum::Accept(Ptr<Node> node, uint16_t port)
{
    Ptr<L2tpv3UdpZeroChecksum> self = Get(node);
    if (!self)
    {
        return;
    }
    if (!self->m_ipv4)
    {
        Ptr<Ipv4L3Protocol> ipv4 = node->GetObject<Ipv4L3Protocol>();
        if (!ipv4 || ipv4->GetProtocol(UDP_PROTOCOL_NUMBER) != self->m_udp)
        {
            return; // no IPv4 UDP, or someone else already stands in front of it
        }
        ipv4->Insert(self); // replaces UdpL4Protocol as IPv4's protocol 17
        self->m_ipv4 = true;
    }
    self->m_ports.insert(port);
}

bool
L2tpv3UdpZeroChecksum::InsertIpv6()
{
    if (!m_ipv6)
    {
        Ptr<Ipv6L3Protocol> ipv6 = GetObject<Ipv6L3Protocol>();
        if (!ipv6 || ipv6->GetProtocol(UDP_PROTOCOL_NUMBER) != m_udp)
        {
            return false; // no IPv6 UDP, or someone else already stands in front of it
        }
        ipv6->Insert(
            Ptr<L2tpv3UdpZeroChecksum>(this)); // replaces UdpL4Protocol as IPv6's protocol 17
        m_ipv6 = true;
    }
    return true;
}

void
L2tpv3UdpZeroChecksum::WatchIpv6(Ptr<Node> node, uint16_t port)
{
    Ptr<L2tpv3UdpZeroChecksum> self = Get(node);
    if (self && self->InsertIpv6())
    {
        self->m_watched6.insert(port);
    }
}

void
L2tpv3UdpZeroChecksum::AcceptIpv6(Ptr<Node> node, uint16_t port, bool accept)
{
    Ptr<L2tpv3UdpZeroChecksum> self = Get(node);
    if (!self || !self->InsertIpv6())
    {
        return;
    }
    self->m_watched6.insert(port);
    auto it = self->m_accepted6.find(port);
    if (accept)
    {
        ++self->m_accepted6[port];
    }
    else if (it != self->m_accepted6.end() && --it->second == 0)
    {
        self->m_accepted6.erase(it);
    }
}

uint64_t
L2tpv3UdpZeroChecksum::GetAccepted() const
{
    return m_accepted;
}

uint64_t
L2tpv3UdpZeroChecksum::GetRefused() const
{
    return m_refused;
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
    uint8_t udp[8];
    if (Node::ChecksumEnabled() && p->CopyData(udp, sizeof(udp)) == sizeof(udp) && udp[6] == 0 &&
        udp[7] == 0)
    {
        uint16_t port = (uint16_t(udp[2]) << 8) | udp[3];
        if (m_accepted6.count(port))
        {
            // RFC 6935 §5: a tunnel port configured for it takes the zero checksum. Give it
            // the one ns-3's UDP will verify.
            NS_LOG_LOGIC("zero UDP checksum from " << header.GetSource() << " accepted (RFC 6935)");
            UdpHeader word;
            p->RemoveHeader(word);
            word.EnableChecksums();
            word.InitializeChecksum(header.GetSource(),
                                    header.GetDestination(),
                                    GetProtocolNumber());
            p->AddHeader(word);
            ++m_accepted;
        }
        else if (m_watched6.count(port))
        {
            // RFC 8200 §8.1: over IPv6 a zero checksum is an error. Dropped and counted here:
            // 3.37's UdpL4Protocol would drop it uncounted, ns-3-dev's takes zero as "no
            // checksum" and would deliver it.
            NS_LOG_LOGIC("zero UDP checksum from " << header.GetSource()
                                                   << " refused (RFC 8200 §8.1)");
            ++m_refused;
            return IpL4Protocol::RX_CSUM_FAILED;
        }
    }
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
L2tpv3UdpZeroChecksum::ReceiveIcmp(Ipv6Address icmpSource,
                                   uint8_t icmpTtl,
                                   uint8_t icmpType,
                                   uint8_t icmpCode,
                                   uint32_t icmpInfo,
                                   Ipv6Address payloadSource,
                                   Ipv6Address payloadDestination,
                                   const uint8_t payload[8])
{
    // ICMPv6 errors about UDP datagrams go to UdpL4Protocol's sockets, as before.
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
