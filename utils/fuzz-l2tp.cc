/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// libFuzzer harness for the l2tp module's receive path and codecs.
//
// The first byte of each input chooses where the rest goes:
//   0: IPv4, protocol 115, to a node with IP sessions (cookies 0/4/8, sequencing)
//   1: IPv6, protocol 115, likewise
//   2: IPv4, UDP port 1701, to UDP sessions (sequencing with reordering)
//   3: IPv6, UDP port 1701, likewise
//   4: every header's Deserialize, on the raw bytes
// Sessions are the real ones: L2tpv3L4Protocol, L2tpv3NetDevice, bridged; the
// second byte picks which session an IP packet is aimed at when it is short.
// Built and run by utils/fuzz.

#include "fuzz-print-stream.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/l2tp-module.h"
#include "ns3/network-module.h"

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <vector>

using namespace ns3;

namespace
{

/// The node under test and its sessions.
struct Target
{
    Ptr<Node> node;                             //!< the LCCE
    Ptr<L2tpv3L4Protocol> l4;                   //!< its L2TPv3 protocol
    Ptr<Ipv4L3Protocol> ipv4;                   //!< IPv4
    Ptr<Ipv6L3Protocol> ipv6;                   //!< IPv6
    Ptr<UdpL4Protocol> udp;                     //!< UDP
    std::vector<Ptr<L2tpv3NetDevice>> sessions; //!< every session
};

/**
 * \brief Build the node once: IP and UDP sessions of every kind, IPv4 and IPv6.
 * \return the target
 */
Target&
GetTarget()
{
    static Target* target = nullptr;
    if (target)
    {
        return *target;
    }
    target = new Target;
    target->node = CreateObject<Node>();
    Ptr<SimpleNetDevice> wan = CreateObject<SimpleNetDevice>();
    wan->SetAddress(Mac48Address::Allocate());
    wan->SetChannel(CreateObject<SimpleChannel>());
    target->node->AddDevice(wan);
    InternetStackHelper().Install(target->node);
    Ipv4AddressHelper("192.0.2.0", "255.255.255.0").Assign(NetDeviceContainer(wan));
    Ipv6AddressHelper v6;
    v6.SetBase(Ipv6Address("2001:db8::"), Ipv6Prefix(64));
    v6.Assign(NetDeviceContainer(wan));
    target->l4 = target->node->GetObject<L2tpv3L4Protocol>();
    uint32_t id = 1;
    for (std::string encap : {"ip", "udp"})
    {
        for (bool v6family : {false, true})
        {
            for (uint32_t cookie : {0, 4, 8})
            {
                for (bool seq : {false, true})
                {
                    L2tpv3Helper helper;
                    helper.SetSessionIds(id, id);
                    if (cookie)
                    {
                        helper.SetCookies(
                            L2tpv3Cookie(cookie, 0x0102030405060708ULL >> (8 * (8 - cookie))),
                            L2tpv3Cookie(cookie, 1));
                    }
                    helper.SetDeviceAttribute("Encapsulation", StringValue(encap));
                    helper.SetDeviceAttribute("L2SpecificSublayer",
                                              StringValue(seq ? "default" : "none"));
                    helper.SetDeviceAttribute("RequireSequenceNumbers", BooleanValue(seq));
                    helper.SetDeviceAttribute("SendSequenceNumbers", BooleanValue(seq));
                    helper.SetDeviceAttribute(
                        "ReorderTimeout",
                        TimeValue(encap == "udp" && seq ? MilliSeconds(1) : Seconds(0)));
                    Address local = v6family ? Address(Ipv6Address("2001:db8::1"))
                                             : Address(Ipv4Address("192.0.2.1"));
                    Address peer = v6family ? Address(Ipv6Address("2001:db8::2"))
                                            : Address(Ipv4Address("192.0.2.2"));
                    target->sessions.push_back(DynamicCast<L2tpv3NetDevice>(
                        helper.Install(target->node, local, peer).Get(0)));
                    ++id;
                }
            }
        }
    }
    target->l4 = target->node->GetObject<L2tpv3L4Protocol>();
    target->ipv4 = target->node->GetObject<Ipv4L3Protocol>();
    target->ipv6 = target->node->GetObject<Ipv6L3Protocol>();
    target->udp = target->node->GetObject<UdpL4Protocol>();
    return *target;
}

/**
 * \brief Run every header's Deserialize on the bytes, with enough room checked first.
 * \param data bytes
 * \param size their number
 */
void
FuzzHeaders(const uint8_t* data, size_t size)
{
    Ptr<Packet> p = Create<Packet>(data, size);
    for (uint8_t cookie : {0, 4, 8})
    {
        for (bool udpWord : {false, true})
        {
            for (bool sublayer : {false, true})
            {
                L2tpv3DataHeader h;
                h.Configure(udpWord, cookie, sublayer);
                if (p->GetSize() >= h.GetSerializedSize())
                {
                    p->PeekHeader(h);
                    h.Print(l2tpfuzz::PrintStream());
                }
            }
        }
    }
    uint32_t id;
    L2tpv3SessionHeader::PeekSessionId(p, id);
    L2tpv3SessionHeader::PeekSessionId(p, id, 4);
    std::string text(reinterpret_cast<const char*>(data), size);
    try
    {
        L2tpv3Cookie::Parse(text, "fuzz");
    }
    catch (const std::invalid_argument&)
    {
    }
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1)
    {
        return 0;
    }
    Target& t = GetTarget();
    uint8_t path = data[0] % 5;
    const uint8_t* body = data + 1;
    size_t length = size - 1;
    if (path == 4)
    {
        FuzzHeaders(body, length);
        return 0;
    }
    Ptr<Packet> p = Create<Packet>(body, length);
    bool v6 = path == 1 || path == 3;
    bool udp = path >= 2;
    // Deliver as an event of the node, as its IP layer would.
    Simulator::ScheduleWithContext(t.node->GetId(), Seconds(0), [&t, p, v6, udp]() {
        if (udp)
        {
            UdpHeader u;
            u.SetSourcePort(1701);
            u.SetDestinationPort(1701);
            Ptr<Packet> q = p->Copy();
            q->AddHeader(u);
            if (v6)
            {
                Ipv6Header ip;
                ip.SetSource(Ipv6Address("2001:db8::2"));
                ip.SetDestination(Ipv6Address("2001:db8::1"));
                ip.SetNextHeader(17);
                t.udp->Receive(q, ip, t.ipv6->GetInterface(1));
            }
            else
            {
                Ipv4Header ip;
                ip.SetSource(Ipv4Address("192.0.2.2"));
                ip.SetDestination(Ipv4Address("192.0.2.1"));
                ip.SetProtocol(17);
                t.udp->Receive(q, ip, t.ipv4->GetInterface(1));
            }
        }
        else if (v6)
        {
            Ipv6Header ip;
            ip.SetSource(Ipv6Address("2001:db8::2"));
            ip.SetDestination(Ipv6Address("2001:db8::1"));
            ip.SetNextHeader(L2tpv3L4Protocol::PROT_NUMBER);
            t.l4->Receive(p, ip, t.ipv6->GetInterface(1));
        }
        else
        {
            Ipv4Header ip;
            ip.SetSource(Ipv4Address("192.0.2.2"));
            ip.SetDestination(Ipv4Address("192.0.2.1"));
            ip.SetProtocol(L2tpv3L4Protocol::PROT_NUMBER);
            t.l4->Receive(p, ip, t.ipv4->GetInterface(1));
        }
    });
    // Let held frames' reorder timeouts fire now and then.
    Simulator::Stop(MilliSeconds(2));
    Simulator::Run();
    return 0;
}
