/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// TCP MSS clamping (NetBSD's disabled code, Linux's TCPMSS): the MSS option
// of a SYN entering or leaving the pseudowire is lowered, over IPv4 and
// IPv6, tagged or not, with a checksum that stays valid; nothing else changes.

#include "ns3/callback.h"
#include "ns3/csma-helper.h"
#include "ns3/ethernet-header.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-interface-container.h"
#include "ns3/ipv6-address.h"
#include "ns3/ipv6-header.h"
#include "ns3/l2tpv3-helper.h"
#include "ns3/l2tpv3-mss-clamp.h"
#include "ns3/l2tpv3-net-device.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-option-rfc793.h"
#include "ns3/tcp-option.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <vector>

using namespace ns3;

namespace
{

const Ipv4Address SRC4("10.0.0.1");      //!< inner IPv4 source
const Ipv4Address DST4("10.0.0.2");      //!< inner IPv4 destination
const Ipv6Address SRC6("2001:db8:1::1"); //!< inner IPv6 source
const Ipv6Address DST6("2001:db8:1::2"); //!< inner IPv6 destination

/**
 * \param ipv6 IPv6 (else IPv4)
 * \param flags TCP flags
 * \param mss MSS option value (0: no option)
 * \param vlan add an 802.1Q tag
 * \return an Ethernet frame carrying the TCP segment, with valid checksums
 */
Ptr<Packet>
Segment(bool ipv6, uint8_t flags, uint16_t mss, bool vlan)
{
    TcpHeader tcp;
    tcp.SetSourcePort(40000);
    tcp.SetDestinationPort(5001);
    tcp.SetFlags(flags);
    tcp.SetWindowSize(65535);
    if (mss)
    {
        Ptr<TcpOptionMSS> option = CreateObject<TcpOptionMSS>();
        option->SetMSS(mss);
        tcp.AppendOption(option);
    }
    tcp.EnableChecksums();
    if (ipv6)
    {
        tcp.InitializeChecksum(SRC6, DST6, 6);
    }
    else
    {
        tcp.InitializeChecksum(SRC4, DST4, 6);
    }
    Ptr<Packet> p = Create<Packet>(flags & TcpHeader::SYN ? 0 : 100);
    p->AddHeader(tcp);
    uint16_t type;
    if (ipv6)
    {
        Ipv6Header ip;
        ip.SetSource(SRC6);
        ip.SetDestination(DST6);
        ip.SetNextHeader(6);
        ip.SetPayloadLength(p->GetSize());
        p->AddHeader(ip);
        type = 0x86dd;
    }
    else
    {
        Ipv4Header ip;
        ip.SetSource(SRC4);
        ip.SetDestination(DST4);
        ip.SetProtocol(6);
        ip.SetPayloadSize(p->GetSize());
        ip.EnableChecksum();
        p->AddHeader(ip);
        type = 0x0800;
    }
    if (vlan)
    {
        uint8_t tag[4] = {0x00, 0x2a, uint8_t(type >> 8), uint8_t(type)}; // VLAN 42
        Ptr<Packet> tagged = Create<Packet>(tag, 4);
        tagged->AddAtEnd(p);
        p = tagged;
        type = 0x8100;
    }
    EthernetHeader ethernet(false);
    ethernet.SetSource(Mac48Address("02:00:00:00:00:01"));
    ethernet.SetDestination(Mac48Address("02:00:00:00:00:02"));
    ethernet.SetLengthType(type);
    p->AddHeader(ethernet);
    return p;
}

/// What a frame's TCP header says.
struct Parsed
{
    bool checksumOk{false}; //!< TCP checksum verifies
    uint16_t mss{0};        //!< MSS option (0: none)
};

/**
 * \param frame an Ethernet frame built by Segment
 * \param ipv6 IPv6 inside
 * \param vlan tagged
 * \return its TCP header's checksum state and MSS
 */
Parsed
Parse(Ptr<const Packet> frame, bool ipv6, bool vlan)
{
    Ptr<Packet> p = frame->Copy();
    EthernetHeader ethernet(false);
    p->RemoveHeader(ethernet);
    if (vlan)
    {
        p->RemoveAtStart(4);
    }
    TcpHeader tcp;
    tcp.EnableChecksums();
    if (ipv6)
    {
        Ipv6Header ip;
        p->RemoveHeader(ip);
        tcp.InitializeChecksum(SRC6, DST6, 6);
    }
    else
    {
        Ipv4Header ip;
        p->RemoveHeader(ip);
        tcp.InitializeChecksum(SRC4, DST4, 6);
    }
    p->RemoveHeader(tcp);
    Parsed parsed;
    parsed.checksumOk = tcp.IsChecksumOk();
    if (tcp.HasOption(TcpOption::MSS))
    {
        parsed.mss = DynamicCast<const TcpOptionMSS>(tcp.GetOption(TcpOption::MSS))->GetMSS();
    }
    return parsed;
}

} // namespace

/**
 * \ingroup l2tp-tests
 * \brief The clamping function on frames of every kind.
 */
class L2tpv3MssClampFrameTestCase : public TestCase
{
  public:
    L2tpv3MssClampFrameTestCase()
        : TestCase("SYN MSS lowered over IPv4 and IPv6, tagged or not, checksum still valid")
    {
    }

  private:
    void DoRun() override
    {
        for (bool ipv6 : {false, true})
        {
            for (bool vlan : {false, true})
            {
                std::string what = std::string(ipv6 ? "IPv6" : "IPv4") + (vlan ? ", 802.1Q" : "");
                for (uint8_t flags :
                     {uint8_t(TcpHeader::SYN), uint8_t(TcpHeader::SYN | TcpHeader::ACK)})
                {
                    Ptr<Packet> frame = Segment(ipv6, flags, 1460, vlan);
                    NS_TEST_ASSERT_MSG_EQ(Parse(frame, ipv6, vlan).checksumOk, true, "built ok");
                    uint32_t size = frame->GetSize();
                    NS_TEST_EXPECT_MSG_EQ(L2tpv3ClampTcpMss(frame, 1300, 1280), true, what);
                    Parsed p = Parse(frame, ipv6, vlan);
                    uint16_t want = ipv6 ? 1280 : 1300;
                    NS_TEST_EXPECT_MSG_EQ(p.mss, want, what << ": MSS lowered");
                    NS_TEST_EXPECT_MSG_EQ(p.checksumOk, true, what << ": checksum valid");
                    NS_TEST_EXPECT_MSG_EQ(frame->GetSize(), size, what << ": same length");
                }
                // Left alone: an MSS already small enough, a non-SYN, a SYN without MSS.
                Ptr<Packet> small = Segment(ipv6, TcpHeader::SYN, 1200, vlan);
                NS_TEST_EXPECT_MSG_EQ(L2tpv3ClampTcpMss(small, 1300, 1280), false, what);
                NS_TEST_EXPECT_MSG_EQ(Parse(small, ipv6, vlan).mss, 1200, what << ": kept");
                Ptr<Packet> ack = Segment(ipv6, TcpHeader::ACK, 0, vlan);
                NS_TEST_EXPECT_MSG_EQ(L2tpv3ClampTcpMss(ack, 1300, 1280), false, what);
                Ptr<Packet> bare = Segment(ipv6, TcpHeader::SYN, 0, vlan);
                NS_TEST_EXPECT_MSG_EQ(L2tpv3ClampTcpMss(bare, 1300, 1280), false, what);
            }
        }
        // Truncated frames and other protocols are not touched (nor read past their end).
        Ptr<Packet> full = Segment(false, TcpHeader::SYN, 1460, false);
        for (uint32_t cut : {10U, 20U, 40U, 50U, 56U})
        {
            Ptr<Packet> part = full->CreateFragment(0, cut);
            NS_TEST_EXPECT_MSG_EQ(L2tpv3ClampTcpMss(part, 1300, 1280), false, "cut at " << cut);
        }
    }
};

/**
 * \ingroup l2tp-tests
 * \brief A device clamps SYNs entering and leaving it; auto follows the derived MTU.
 */
class L2tpv3MssClampDeviceTestCase : public TestCase
{
  public:
    L2tpv3MssClampDeviceTestCase()
        : TestCase("device: SYNs clamped both ways; auto = derived MTU - 40 (IPv4), - 60 (IPv6)")
    {
    }

  private:
    void DoRun() override
    {
        for (std::string clamp : {"1300", "auto"})
        {
            NodeContainer nodes;
            nodes.Create(2);
            CsmaHelper csma;
            csma.SetDeviceAttribute("Mtu", UintegerValue(1400));
            NetDeviceContainer wan = csma.Install(nodes);
            InternetStackHelper().Install(nodes);
            Ipv4InterfaceContainer ip =
                Ipv4AddressHelper("192.168.0.0", "255.255.255.0").Assign(wan);
            L2tpv3Helper helper;
            helper.SetSessionIds(1234, 4321);
            NetDeviceContainer pw =
                helper.InstallPair(nodes.Get(0), ip.GetAddress(0), nodes.Get(1), ip.GetAddress(1));
            Ptr<L2tpv3NetDevice> a = DynamicCast<L2tpv3NetDevice>(pw.Get(0));
            Ptr<L2tpv3NetDevice> b = DynamicCast<L2tpv3NetDevice>(pw.Get(1));
            a->SetAttribute("TcpMssClamp", StringValue(clamp)); // only A clamps
            std::vector<Ptr<const Packet>> atA;
            std::vector<Ptr<const Packet>> atB;
            a->TraceConnectWithoutContext(
                "MacPromiscRx",
                Callback<void, Ptr<const Packet>>([&](Ptr<const Packet> f) {
                    atA.push_back(f);
                }));
            b->TraceConnectWithoutContext(
                "MacPromiscRx",
                Callback<void, Ptr<const Packet>>([&](Ptr<const Packet> f) {
                    atB.push_back(f);
                }));
            // A SYN from A's side, then a SYN-ACK from B's side, each IPv4 and IPv6.
            double t = 1;
            for (bool ipv6 : {false, true})
            {
                for (Ptr<L2tpv3NetDevice> from : {a, b})
                {
                    Ptr<Packet> frame = Segment(ipv6,
                                                TcpHeader::SYN | (from == b ? TcpHeader::ACK : 0),
                                                1460,
                                                false);
                    EthernetHeader ethernet(false);
                    frame->RemoveHeader(ethernet);
                    Simulator::ScheduleWithContext(from->GetNode()->GetId(), Seconds(t), [=]() {
                        from->SendFrom(frame,
                                       ethernet.GetSource(),
                                       ethernet.GetDestination(),
                                       ethernet.GetLengthType());
                    });
                    t += 0.1;
                }
            }
            Simulator::Run();
            // Derived MTU over a 1400-byte IPv4 WAN, IP, no cookie: 1400 - 20 - 4 - 14 = 1362.
            uint16_t want4 = clamp == "auto" ? 1362 - 40 : 1300;
            uint16_t want6 = clamp == "auto" ? 1362 - 60 : 1300;
            NS_TEST_ASSERT_MSG_EQ(atB.size(), 2, clamp << ": SYNs reached B");
            NS_TEST_ASSERT_MSG_EQ(atA.size(), 2, clamp << ": SYN-ACKs reached A");
            // The checks above return only under --stop-on-failure.
            for (std::size_t i = 0; i < std::min({atA.size(), atB.size(), std::size_t(2)}); ++i)
            {
                bool ipv6 = i == 1;
                Parsed sent = Parse(atB[i], ipv6, false);
                Parsed answered = Parse(atA[i], ipv6, false);
                uint16_t want = ipv6 ? want6 : want4;
                NS_TEST_EXPECT_MSG_EQ(sent.mss, want, clamp << ": clamped leaving");
                NS_TEST_EXPECT_MSG_EQ(answered.mss, want, clamp << ": clamped arriving");
                NS_TEST_EXPECT_MSG_EQ(sent.checksumOk && answered.checksumOk, true, "checksums");
            }
            NS_TEST_EXPECT_MSG_EQ(a->GetCounters().mssClamped, 4, clamp << ": counted");
            NS_TEST_EXPECT_MSG_EQ(b->GetCounters().mssClamped, 0, "B does not clamp");
            Simulator::Destroy();
        }

        std::string message;
        try
        {
            CreateObject<L2tpv3NetDevice>()->SetAttribute("TcpMssClamp", StringValue("40"));
        }
        catch (const std::invalid_argument& e)
        {
            message = e.what();
        }
        NS_TEST_EXPECT_MSG_NE(message.find("TcpMssClamp 40"), std::string::npos, message);
    }
};

/**
 * \ingroup l2tp-tests
 * \brief MSS clamping test suite.
 */
class L2tpv3MssClampTestSuite : public TestSuite
{
  public:
    L2tpv3MssClampTestSuite()
        : TestSuite("l2tp-mss-clamp")
    {
        AddTestCase(new L2tpv3MssClampFrameTestCase);
        AddTestCase(new L2tpv3MssClampDeviceTestCase);
    }
};

/// Static instance.
static L2tpv3MssClampTestSuite g_l2tpv3MssClampTestSuite;
