/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// UDP encapsulation (RFC 3931 §4.1.2): the T/Ver word, the version checked
// first, reserved bits ignored, sessions looked up by (socket, Session ID)
// so that UDP tunnels may reuse IDs, IP and UDP sessions side by side,
// checksums on or off, and the four address families end to end.

#include "ns3/boolean.h"
#include "ns3/bridge-net-device.h"
#include "ns3/callback.h"
#include "ns3/config.h"
#include "ns3/csma-helper.h"
#include "ns3/global-value.h"
#include "ns3/icmpv6-l4-protocol.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-interface-container.h"
#include "ns3/ipv6-address-helper.h"
#include "ns3/ipv6-interface-container.h"
#include "ns3/l2tpv3-bridge-scenario.h"
#include "ns3/l2tpv3-counters.h"
#include "ns3/l2tpv3-helper.h"
#include "ns3/l2tpv3-injector.h"
#include "ns3/l2tpv3-l4-protocol.h"
#include "ns3/l2tpv3-lcce-helper.h"
#include "ns3/l2tpv3-lcce.h"
#include "ns3/l2tpv3-net-device.h"
#include "ns3/l2tpv3-udp-header.h"
#include "ns3/l2tpv3-udp-zero-checksum.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <sstream>
#include <vector>

using namespace ns3;

namespace
{

/**
 * \ingroup l2tp-tests
 * \brief Two nodes on one Ethernet: the LCCE under test (192.0.2.1) and a peer
 * (192.0.2.2) that sends it crafted UDP datagrams from port 1701.
 */
class UdpTestbed
{
  public:
    UdpTestbed()
    {
        m_nodes.Create(2);
        NetDeviceContainer devices = CsmaHelper().Install(m_nodes);
        InternetStackHelper().Install(m_nodes);
        Ipv4AddressHelper address("192.0.2.0", "255.255.255.0");
        address.Assign(devices);
        m_peer = Socket::CreateSocket(m_nodes.Get(1), UdpSocketFactory::GetTypeId());
        m_peer->Bind(InetSocketAddress(Ipv4Address::GetAny(), 1701));
    }

    /**
     * \brief Install a session on the LCCE.
     * \param encapsulation "ip" or "udp"
     * \param localPort UdpSourcePort
     * \param sessionId local and remote Session ID
     * \return the device
     */
    Ptr<L2tpv3NetDevice> AddSession(std::string encapsulation,
                                    uint16_t localPort,
                                    uint32_t sessionId)
    {
        L2tpv3Helper helper;
        helper.SetSessionIds(sessionId, sessionId);
        helper.SetDeviceAttribute("Encapsulation", StringValue(encapsulation));
        helper.SetDeviceAttribute("UdpSourcePort", UintegerValue(localPort));
        return DynamicCast<L2tpv3NetDevice>(
            helper.Install(m_nodes.Get(0), Ipv4Address("192.0.2.1"), Ipv4Address("192.0.2.2"))
                .Get(0));
    }

    /**
     * \brief Schedule a datagram from the peer.
     * \param at when
     * \param port the LCCE's port it goes to
     * \param bytes its payload
     */
    void SendAt(Time at, uint16_t port, std::vector<uint8_t> bytes)
    {
        Ptr<Socket> peer = m_peer;
        Simulator::ScheduleWithContext(m_nodes.Get(1)->GetId(), at, [peer, port, bytes]() {
            peer->SendTo(Create<Packet>(bytes.data(), bytes.size()),
                         0,
                         InetSocketAddress(Ipv4Address("192.0.2.1"), port));
        });
    }

    /** \return the LCCE's L2TPv3 protocol */
    Ptr<L2tpv3L4Protocol> Protocol() const
    {
        return m_nodes.Get(0)->GetObject<L2tpv3L4Protocol>();
    }

  private:
    NodeContainer m_nodes; //!< LCCE, peer
    Ptr<Socket> m_peer;    //!< the peer's UDP socket
};

/**
 * \param first16 the first 16 bits (T, x bits, Ver)
 * \param reserved the Reserved field
 * \param sessionId the Session ID
 * \return an L2TPv3-over-UDP data message carrying a 60-byte frame
 */
std::vector<uint8_t>
Message(uint16_t first16, uint16_t reserved, uint32_t sessionId)
{
    std::vector<uint8_t> b = {uint8_t(first16 >> 8),
                              uint8_t(first16),
                              uint8_t(reserved >> 8),
                              uint8_t(reserved),
                              uint8_t(sessionId >> 24),
                              uint8_t(sessionId >> 16),
                              uint8_t(sessionId >> 8),
                              uint8_t(sessionId)};
    std::vector<uint8_t> frame(60, 0x5a);
    frame[12] = 0x88;
    frame[13] = 0xb5;
    b.insert(b.end(), frame.begin(), frame.end());
    return b;
}

} // namespace

/**
 * \ingroup l2tp-tests
 * \brief The T/Ver word: exact bytes; Ver checked first; reserved bits ignored.
 */
class L2tpv3UdpVersionTestCase : public TestCase
{
  public:
    L2tpv3UdpVersionTestCase()
        : TestCase("UDP: word 00 03 00 00 sent; version checked first; reserved bits ignored")
    {
    }

  private:
    void DoRun() override
    {
        L2tpv3UdpHeader word;
        Ptr<Packet> p = Create<Packet>();
        p->AddHeader(word);
        uint8_t b[4];
        p->CopyData(b, 4);
        NS_TEST_EXPECT_MSG_EQ((b[0] == 0 && b[1] == 3 && b[2] == 0 && b[3] == 0),
                              true,
                              "T = 0, Ver = 3, reserved zero");

        UdpTestbed bed;
        Ptr<L2tpv3NetDevice> device = bed.AddSession("udp", 1701, 1234);
        bed.SendAt(Seconds(1.0), 1701, Message(0x0003, 0x0000, 1234));  // plain data
        bed.SendAt(Seconds(1.1), 1701, Message(0x7ff3, 0xffff, 1234));  // x and Reserved set
        bed.SendAt(Seconds(1.2), 1701, Message(0x0002, 0x0000, 1234));  // L2TPv2
        bed.SendAt(Seconds(1.3), 1701, Message(0x0004, 0x0000, 1234));  // version 4
        bed.SendAt(Seconds(1.4), 1701, Message(0xc803, 0x0000, 0));     // control: T = 1
        bed.SendAt(Seconds(1.5), 1701, Message(0x0003, 0x0000, 999));   // unknown session
        bed.SendAt(Seconds(1.6), 1701, {0x00, 0x03});                   // truncated word
        bed.SendAt(Seconds(1.7), 1701, {0x00, 0x03, 0x00, 0x00, 0x00}); // truncated ID
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        const L2tpv3Counters& node = bed.Protocol()->GetCounters();
        NS_TEST_EXPECT_MSG_EQ(device->GetCounters().rxPackets, 2, "both data messages delivered");
        NS_TEST_EXPECT_MSG_EQ(node.GetDrops(L2tpv3DropReason::BAD_VERSION), 2, "Ver 2 and 4");
        NS_TEST_EXPECT_MSG_EQ(node.rxControl, 1, "control message counted");
        NS_TEST_EXPECT_MSG_EQ(node.GetDrops(L2tpv3DropReason::CONTROL_MESSAGE), 0, "not dropped");
        NS_TEST_EXPECT_MSG_EQ(node.GetRxErrors(), 5, "rx_errors: Ver 2 and 4, unknown, truncated");
        NS_TEST_EXPECT_MSG_EQ(node.GetDrops(L2tpv3DropReason::UNKNOWN_SESSION), 1, "unknown");
        NS_TEST_EXPECT_MSG_EQ(node.GetDrops(L2tpv3DropReason::PACKET_TOO_SHORT), 2, "truncated");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Sessions are looked up by (socket, Session ID): UDP tunnels on two
 * ports reuse an ID, and an IP session with the same ID lives beside them.
 */
class L2tpv3UdpSessionKeyTestCase : public TestCase
{
  public:
    L2tpv3UdpSessionKeyTestCase()
        : TestCase("UDP: two tunnels reuse a Session ID; IP and UDP sessions coexist")
    {
    }

  private:
    void DoRun() override
    {
        UdpTestbed bed;
        Ptr<L2tpv3NetDevice> ip = bed.AddSession("ip", 1701, 77);
        Ptr<L2tpv3NetDevice> udp1 = bed.AddSession("udp", 1701, 77);
        Ptr<L2tpv3NetDevice> udp2 = bed.AddSession("udp", 1702, 77);
        std::string message;
        try
        {
            bed.AddSession("udp", 1702, 77);
        }
        catch (const std::invalid_argument& e)
        {
            message = e.what();
        }
        NS_TEST_EXPECT_MSG_NE(message.find("LocalSessionId 77"),
                              std::string::npos,
                              "same socket, same ID refused: " << message);
        NS_TEST_EXPECT_MSG_NE(message.find("udp/1702"), std::string::npos, "names the socket");

        bed.SendAt(Seconds(1.0), 1701, Message(0x0003, 0, 77));
        bed.SendAt(Seconds(1.1), 1702, Message(0x0003, 0, 77));
        bed.SendAt(Seconds(1.2), 1702, Message(0x0003, 0, 77));
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(udp1->GetCounters().rxPackets, 1, "port 1701's session");
        NS_TEST_EXPECT_MSG_EQ(udp2->GetCounters().rxPackets, 2, "port 1702's session");
        NS_TEST_EXPECT_MSG_EQ(ip->GetCounters().rxPackets, 0, "not the IP session");
        NS_TEST_EXPECT_MSG_EQ(bed.Protocol()->GetNSessions(), 3, "three sessions");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief The four address families end to end over UDP, with and without checksums.
 */
class L2tpv3UdpFamiliesTestCase : public TestCase
{
  public:
    L2tpv3UdpFamiliesTestCase()
        : TestCase("UDP: inner IPv4 or IPv6 over outer IPv4 or IPv6, pings both ways")
    {
    }

  private:
    void DoRun() override
    {
        for (bool outer6 : {false, true})
        {
            for (bool inner6 : {false, true})
            {
                L2tpv3BridgeScenario::Parameters p;
                p.encapsulation = "udp";
                p.ipv6Underlay = outer6;
                p.innerIpv6 = inner6;
                p.cookieLength = 8;
                p.sublayer = "default";
                p.sequencing = true;
                p.bulk = false;
                p.duration = 5;
                L2tpv3BridgeScenario::Results r = L2tpv3BridgeScenario::RunOnce(p);
                std::string family =
                    std::string(inner6 ? "inet6" : "inet") + " over " + (outer6 ? "inet6" : "inet");
                NS_TEST_EXPECT_MSG_GT(r.pingsXtoY, 2, family);
                NS_TEST_EXPECT_MSG_EQ(r.repliesXtoY, r.pingsXtoY, family << ": X -> Y");
                NS_TEST_EXPECT_MSG_EQ(r.repliesYtoX, r.pingsYtoX, family << ": Y -> X");
                NS_TEST_EXPECT_MSG_EQ(r.pseudowireA.GetTotalDrops() + r.pseudowireB.GetTotalDrops(),
                                      0,
                                      family << ": no drops");
            }
        }
    }
};

/**
 * \ingroup l2tp-tests
 * \brief UdpChecksum puts a valid checksum on the wire; off, the field is zero.
 */
class L2tpv3UdpChecksumTestCase : public TestCase
{
  public:
    L2tpv3UdpChecksumTestCase()
        : TestCase("UDP checksum on: verified by the receiving UDP; off: zero on the wire")
    {
    }

  private:
    void DoRun() override
    {
        for (bool checksum : {true, false})
        {
            // ns-3 then computes and verifies every checksum, ours included.
            GlobalValue::Bind("ChecksumEnabled", BooleanValue(checksum));
            Config::SetDefault("ns3::L2tpv3NetDevice::UdpChecksum", BooleanValue(checksum));
            L2tpv3BridgeScenario::Parameters p;
            p.encapsulation = "udp";
            p.bulk = false;
            p.duration = 5;
            L2tpv3BridgeScenario s(p);
            s.Build();
            std::vector<uint16_t> sums;
            s.GetNodes().Get(0)->GetDevice(0)->TraceConnectWithoutContext(
                "Sniffer",
                Callback<void, Ptr<const Packet>>([&sums](Ptr<const Packet> frame) {
                    uint8_t b[64] = {};
                    uint32_t n = frame->CopyData(b, sizeof(b));
                    // IPv4 UDP from 192.168.0.1 to port 1701: the UDP checksum field.
                    if (n >= 42 && b[12] == 0x08 && b[23] == 17 && b[29] == 1)
                    {
                        sums.push_back((uint16_t(b[40]) << 8) | b[41]);
                    }
                }));
            L2tpv3BridgeScenario::Results r = s.Run();
            NS_TEST_EXPECT_MSG_GT(sums.size(), 2, "UDP packets seen");
            uint32_t zero = 0;
            for (uint16_t sum : sums)
            {
                zero += sum == 0;
            }
            if (checksum)
            {
                NS_TEST_EXPECT_MSG_EQ(zero, 0, "every checksum computed");
                NS_TEST_EXPECT_MSG_EQ(r.repliesXtoY, r.pingsXtoY, "and verified by the peer");
            }
            else
            {
                NS_TEST_EXPECT_MSG_EQ(zero, sums.size(), "zero: no checksum (RFC 768)");
                NS_TEST_EXPECT_MSG_EQ(r.repliesXtoY, r.pingsXtoY, "delivered");
            }
        }
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));
        Config::SetDefault("ns3::L2tpv3NetDevice::UdpChecksum", BooleanValue(false));
    }
};

/**
 * \ingroup l2tp-tests
 * \brief With ns-3's global ChecksumEnabled on, UDP over IPv4 with the zero checksum RFC 768
 * allows (Linux's default) reaches the session and is counted, instead of vanishing in ns-3's
 * UDP; IPv6, where the checksum is mandatory, is left to ns-3.
 */
class L2tpv3UdpZeroChecksumTestCase : public TestCase
{
  public:
    L2tpv3UdpZeroChecksumTestCase()
        : TestCase("ChecksumEnabled on: zero-checksum UDP over IPv4 delivered and counted; "
                   "computed checksums untouched")
    {
    }

  private:
    /**
     * \param checksum the forger computes the UDP checksum
     * \param count packets forged
     * \param delivered frames the session delivered
     * \param accepted zero checksums accepted on the victim
     */
    void Forge(bool checksum, uint32_t count, uint64_t& delivered, uint64_t& accepted)
    {
        NodeContainer nodes;
        nodes.Create(2);
        NetDeviceContainer link = CsmaHelper().Install(nodes);
        InternetStackHelper().Install(nodes);
        Ipv4AddressHelper("192.0.2.0", "255.255.255.0").Assign(link);
        L2tpv3Helper helper;
        helper.SetSessionIds(77, 88);
        helper.SetDeviceAttribute("Encapsulation", StringValue("udp"));
        Ptr<L2tpv3NetDevice> session = DynamicCast<L2tpv3NetDevice>(
            helper.Install(nodes.Get(0), Ipv4Address("192.0.2.1"), Ipv4Address("192.0.2.2"))
                .Get(0));
        Ptr<L2tpv3Injector> peer = CreateObject<L2tpv3Injector>();
        peer->SetTarget(link.Get(1),
                        Mac48Address::ConvertFrom(link.Get(0)->GetAddress()),
                        Ipv4Address("192.0.2.2"),
                        Ipv4Address("192.0.2.1"));
        peer->SetAttribute("Attack", StringValue("forged"));
        peer->SetAttribute("SessionId", UintegerValue(77));
        peer->SetAttribute("Encapsulation", StringValue("udp"));
        peer->SetAttribute("UdpChecksum", BooleanValue(checksum));
        peer->SetAttribute("Count", UintegerValue(count));
        nodes.Get(1)->AddApplication(peer);
        peer->SetStartTime(Seconds(1));
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        delivered = session->GetCounters().rxPackets;
        Ptr<L2tpv3UdpZeroChecksum> zero = nodes.Get(0)->GetObject<L2tpv3UdpZeroChecksum>();
        accepted = zero ? zero->GetAccepted() : 0;
        Simulator::Destroy();
    }

    void DoRun() override
    {
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
        uint64_t delivered = 0;
        uint64_t accepted = 0;
        Forge(false, 7, delivered, accepted);
        NS_TEST_EXPECT_MSG_EQ(delivered, 7, "zero checksums delivered");
        NS_TEST_EXPECT_MSG_EQ(accepted, 7, "and counted");
        Forge(true, 5, delivered, accepted);
        NS_TEST_EXPECT_MSG_EQ(delivered, 5, "computed checksums delivered");
        NS_TEST_EXPECT_MSG_EQ(accepted, 0, "not counted as zero");

        // The scenario over UDP, the devices sending zero checksums (UdpChecksum false).
        L2tpv3BridgeScenario::Parameters p;
        p.encapsulation = "udp";
        p.bulk = false;
        p.duration = 5;
        L2tpv3BridgeScenario::Results r = L2tpv3BridgeScenario::RunOnce(p);
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));
        NS_TEST_EXPECT_MSG_GT(r.pingsXtoY, 2, "pings sent");
        NS_TEST_EXPECT_MSG_EQ(r.repliesXtoY, r.pingsXtoY, "every one answered");
        NS_TEST_EXPECT_MSG_EQ(r.frames.delivered, r.frames.sent, "every frame delivered");
        NS_TEST_EXPECT_MSG_EQ(r.udpZeroChecksums, r.frames.delivered, "each one counted");
        std::ostringstream summary;
        L2tpv3BridgeScenario::PrintSummary(summary, p, r);
        std::ostringstream line;
        line << "  UDP datagrams with the zero checksum (RFC 768) accepted: " << r.udpZeroChecksums
             << "\n";
        NS_TEST_EXPECT_MSG_NE(summary.str().find(line.str()), std::string::npos, summary.str());
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Control messages carry a valid UDP checksum whatever UdpChecksum says (RFC 3931
 * §4.1.2.3: "MUST be enabled for L2TP control messages"); data messages follow it.
 */
class L2tpv3UdpControlChecksumTestCase : public TestCase
{
  public:
    L2tpv3UdpControlChecksumTestCase()
        : TestCase("UdpChecksum false: control messages still carry a valid non-zero UDP "
                   "checksum, data messages zero (IPv4; IPv6 only with Udp6ZeroChecksum)")
    {
    }

  private:
    /// What the sniffer found on the wire.
    struct Seen
    {
        uint32_t control{0};      //!< control messages (T = 1)
        uint32_t controlValid{0}; //!< of which with a non-zero checksum that verifies
        uint32_t data{0};         //!< data messages (T = 0)
        uint32_t dataZero{0};     //!< of which with the zero checksum
    };

    /**
     * \brief The Internet checksum's one's complement sum (RFC 1071), folded.
     * \param bytes the octets (an odd last octet is padded with zero)
     * \param sum the sum so far
     * \return the new sum
     */
    static uint32_t Sum(const std::vector<uint8_t>& bytes, uint32_t sum)
    {
        for (std::size_t i = 0; i < bytes.size(); i += 2)
        {
            sum += (uint32_t(bytes[i]) << 8) | (i + 1 < bytes.size() ? bytes[i + 1] : 0);
        }
        while (sum >> 16)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return sum;
    }

    /**
     * \brief Read one Ethernet frame: an L2TP message over UDP port 1701 is sorted and its
     * checksum verified by hand, over the pseudo-header of RFC 768 or RFC 8200 §8.1.
     * \param frame the frame
     * \param seen the tallies
     */
    static void Read(Ptr<const Packet> frame, Seen& seen)
    {
        std::vector<uint8_t> b(frame->GetSize());
        frame->CopyData(b.data(), b.size());
        std::vector<uint8_t> pseudo;
        std::size_t udp = 0;
        if (b.size() >= 14 + 20 + 8 && b[12] == 0x08 && b[13] == 0x00 && b[14 + 9] == 17)
        {
            udp = 14 + (b[14] & 0x0f) * 4;
            pseudo.assign(b.begin() + 26, b.begin() + 34); // source, destination
            pseudo.push_back(0);
            pseudo.push_back(17);
        }
        else if (b.size() >= 14 + 40 + 8 && b[12] == 0x86 && b[13] == 0xdd && b[14 + 6] == 17)
        {
            udp = 14 + 40;
            pseudo.assign(b.begin() + 22, b.begin() + 54); // source, destination
            pseudo.insert(pseudo.end(), {0, 0});           // upper 16 bits of the length
        }
        else
        {
            return;
        }
        std::size_t length = (std::size_t(b[udp + 4]) << 8) | b[udp + 5];
        if (((b[udp] << 8) | b[udp + 1]) != 1701 && ((b[udp + 2] << 8) | b[udp + 3]) != 1701)
        {
            return;
        }
        if (length < 9 || udp + length > b.size())
        {
            return;
        }
        pseudo.push_back(static_cast<uint8_t>(length >> 8));
        pseudo.push_back(static_cast<uint8_t>(length));
        if (b[12] == 0x86)
        {
            pseudo.insert(pseudo.end(), {0, 0, 0, 17});
        }
        std::vector<uint8_t> segment(b.begin() + udp, b.begin() + udp + length);
        uint16_t checksum = static_cast<uint16_t>((segment[6] << 8) | segment[7]);
        bool control = (segment[8] & 0x80) != 0;
        if (control)
        {
            ++seen.control;
            seen.controlValid += checksum != 0 && Sum(segment, Sum(pseudo, 0)) == 0xffff;
        }
        else
        {
            ++seen.data;
            seen.dataZero += checksum == 0;
        }
    }

    /**
     * \param ipv6 the underlay's family
     * \return what crossed the link: a connection, a session, data both ways, a close
     */
    static Seen Run(bool ipv6)
    {
        NodeContainer nodes;
        nodes.Create(2);
        CsmaHelper csma;
        NetDeviceContainer link = csma.Install(nodes);
        InternetStackHelper().Install(nodes);
        Address a;
        Address b;
        if (ipv6)
        {
            for (uint32_t i = 0; i < 2; ++i)
            {
                nodes.Get(i)->GetObject<Icmpv6L4Protocol>()->SetAttribute("DAD",
                                                                          BooleanValue(false));
            }
            Ipv6AddressHelper ip;
            ip.SetBase(Ipv6Address("2001:db8::"), Ipv6Prefix(64));
            Ipv6InterfaceContainer ifs = ip.Assign(link);
            a = ifs.GetAddress(0, 1);
            b = ifs.GetAddress(1, 1);
        }
        else
        {
            Ipv4InterfaceContainer ifs =
                Ipv4AddressHelper("192.0.2.0", "255.255.255.0").Assign(link);
            a = ifs.GetAddress(0);
            b = ifs.GetAddress(1);
        }
        L2tpv3LcceHelper helper;
        helper.SetAttribute("Encapsulation", StringValue("udp"));
        helper.SetAttribute("UdpChecksum", BooleanValue(false));
        helper.SetAttribute("HelloInterval", TimeValue(Seconds(1)));
        Ptr<L2tpv3Lcce> lcceA = helper.Install(nodes.Get(0));
        Ptr<L2tpv3Lcce> lcceB = helper.Install(nodes.Get(1));
        lcceA->AssignStreams(1);
        lcceB->AssignStreams(2);
        lcceA->AddPseudowire(lcceA->AddPeer(a, b), "pw1", nullptr);
        lcceB->OfferPseudowire("pw1", nullptr);
        // Once up, each end sends frames through its pseudowire: data messages over UDP.
        for (auto lcce : {lcceA, lcceB})
        {
            lcce->TraceConnectWithoutContext(
                "SessionUp",
                Callback<void, const L2tpv3SessionParameters&, Ptr<L2tpv3NetDevice>>(
                    [](const L2tpv3SessionParameters&, Ptr<L2tpv3NetDevice> device) {
                        for (int i = 1; i <= 3; ++i)
                        {
                            Simulator::Schedule(MilliSeconds(100 * i), [device]() {
                                device->Send(Create<Packet>(100),
                                             Mac48Address::GetBroadcast(),
                                             0x0800);
                            });
                        }
                    }));
        }
        Simulator::Schedule(Seconds(4), &L2tpv3Lcce::CloseAll, lcceA);
        Seen seen;
        link.Get(0)->TraceConnectWithoutContext(
            "Sniffer",
            Callback<void, Ptr<const Packet>>([&seen](Ptr<const Packet> frame) {
                Read(frame, seen);
            }));
        Simulator::Stop(Seconds(6));
        Simulator::Run();
        Simulator::Destroy();
        return seen;
    }

    void DoRun() override
    {
        for (bool ipv6 : {false, true})
        {
            std::string family = ipv6 ? "IPv6" : "IPv4";
            Seen seen = Run(ipv6);
            // SCCRQ, SCCRP, SCCCN, ICRQ, ICRP, ICCN, HELLOs, ZLBs, StopCCN: many.
            NS_TEST_EXPECT_MSG_GT(seen.control, 8, family << ": control messages seen");
            NS_TEST_EXPECT_MSG_EQ(seen.controlValid,
                                  seen.control,
                                  family << ": every control message's UDP checksum verifies");
            NS_TEST_EXPECT_MSG_EQ(seen.data, 6, family << ": three frames each way");
            // Over IPv6 the checksum is mandatory (RFC 8200 §8.1) unless Udp6ZeroChecksum.
            const uint32_t zeroExpected = ipv6 ? 0 : seen.data;
            NS_TEST_EXPECT_MSG_EQ(seen.dataZero,
                                  zeroExpected,
                                  family << ": data messages follow UdpChecksum false");
        }
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Over IPv6 the UDP checksum is mandatory (RFC 8200 §8.1): with UdpChecksum false the
 * data messages still carry one, and arrive when ns-3 verifies checksums; the zero checksum
 * of RFC 6935 only with Udp6ZeroChecksum, set at both ends; refused and counted when only
 * the sender sets it.
 */
class L2tpv3Udp6ChecksumTestCase : public TestCase
{
  public:
    L2tpv3Udp6ChecksumTestCase()
        : TestCase("UDP over IPv6, UdpChecksum false, ChecksumEnabled on: data messages carry a "
                   "checksum and arrive; zero only with Udp6ZeroChecksum (RFC 6935) at both ends")
    {
    }

  private:
    /// What one run saw.
    struct Seen
    {
        uint32_t data{0};      //!< data messages from A on the wire
        uint32_t dataZero{0};  //!< of which with the zero checksum
        uint32_t dataValid{0}; //!< of which with a non-zero checksum that verifies
        uint64_t delivered{0}; //!< frames B's device delivered
        uint64_t accepted{0};  //!< zero checksums B accepted
        uint64_t refused{0};   //!< zero checksums B refused
        uint64_t rxErrors{0};  //!< B's device rx_errors
    };

    /**
     * \param bytes octets
     * \param sum the one's complement sum so far
     * \return the sum over \p bytes, folded (RFC 1071)
     */
    static uint32_t Sum(const std::vector<uint8_t>& bytes, uint32_t sum)
    {
        for (std::size_t i = 0; i < bytes.size(); i += 2)
        {
            sum += (uint32_t(bytes[i]) << 8) | (i + 1 < bytes.size() ? bytes[i + 1] : 0);
        }
        while (sum >> 16)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return sum;
    }

    /**
     * \param zeroA Udp6ZeroChecksum of the sender, A
     * \param zeroB Udp6ZeroChecksum of the receiver, B
     * \return what happened to 5 frames from A to B
     */
    static Seen Run(bool zeroA, bool zeroB)
    {
        NodeContainer nodes;
        nodes.Create(2);
        NetDeviceContainer link = CsmaHelper().Install(nodes);
        InternetStackHelper().Install(nodes);
        for (uint32_t i = 0; i < 2; ++i)
        {
            nodes.Get(i)->GetObject<Icmpv6L4Protocol>()->SetAttribute("DAD", BooleanValue(false));
        }
        Ipv6AddressHelper ip;
        ip.SetBase(Ipv6Address("2001:db8::"), Ipv6Prefix(64));
        Ipv6InterfaceContainer ifs = ip.Assign(link);
        Ipv6Address a = ifs.GetAddress(0, 1);
        Ipv6Address b = ifs.GetAddress(1, 1);
        Ptr<L2tpv3NetDevice> devices[2];
        for (uint32_t i = 0; i < 2; ++i)
        {
            L2tpv3Helper helper;
            helper.SetSessionIds(i == 0 ? 100 : 200, i == 0 ? 200 : 100);
            helper.SetDeviceAttribute("Encapsulation", StringValue("udp"));
            helper.SetDeviceAttribute("UdpChecksum", BooleanValue(false));
            helper.SetDeviceAttribute("Udp6ZeroChecksum", BooleanValue(i == 0 ? zeroA : zeroB));
            devices[i] = DynamicCast<L2tpv3NetDevice>(
                helper.Install(nodes.Get(i), i == 0 ? a : b, i == 0 ? b : a).Get(0));
        }
        Seen seen;
        link.Get(0)->TraceConnectWithoutContext(
            "Sniffer",
            Callback<void, Ptr<const Packet>>([&seen, a](Ptr<const Packet> frame) {
                std::vector<uint8_t> w(frame->GetSize());
                frame->CopyData(w.data(), w.size());
                uint8_t source[16];
                a.Serialize(source);
                // IPv6 (0x86dd), next header UDP, from A, to port 1701, T = 0 (data).
                if (w.size() < 14 + 40 + 8 + 4 || w[12] != 0x86 || w[13] != 0xdd ||
                    w[14 + 6] != 17 || !std::equal(source, source + 16, w.begin() + 22) ||
                    ((w[56] << 8) | w[57]) != 1701 || (w[62] & 0x80) != 0)
                {
                    return;
                }
                std::size_t length = (std::size_t(w[58]) << 8) | w[59];
                std::vector<uint8_t> segment(w.begin() + 54, w.begin() + 54 + length);
                // RFC 8200 §8.1 pseudo-header: source, destination, length, next header.
                std::vector<uint8_t> pseudo(w.begin() + 22, w.begin() + 54);
                pseudo.insert(pseudo.end(),
                              {0, 0, uint8_t(length >> 8), uint8_t(length), 0, 0, 0, 17});
                ++seen.data;
                bool zero = segment[6] == 0 && segment[7] == 0;
                seen.dataZero += zero;
                seen.dataValid += !zero && Sum(segment, Sum(pseudo, 0)) == 0xffff;
            }));
        for (int i = 1; i <= 5; ++i)
        {
            Simulator::Schedule(MilliSeconds(100 * i), [&devices]() {
                devices[0]->Send(Create<Packet>(100), Mac48Address::GetBroadcast(), 0x0800);
            });
        }
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        seen.delivered = devices[1]->GetCounters().rxPackets;
        seen.rxErrors = devices[1]->GetCounters().GetRxErrors();
        Ptr<L2tpv3UdpZeroChecksum> zero = nodes.Get(1)->GetObject<L2tpv3UdpZeroChecksum>();
        seen.accepted = zero ? zero->GetAccepted() : 0;
        seen.refused = zero ? zero->GetRefused() : 0;
        Simulator::Destroy();
        return seen;
    }

    void DoRun() override
    {
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
        Seen plain = Run(false, false);
        Seen both = Run(true, true);
        Seen senderOnly = Run(true, false);
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));

        NS_TEST_EXPECT_MSG_EQ(plain.data, 5, "five data messages on the wire");
        NS_TEST_EXPECT_MSG_EQ(plain.dataValid, 5, "each with a checksum that verifies");
        NS_TEST_EXPECT_MSG_EQ(plain.dataZero, 0, "none zero (RFC 8200 §8.1)");
        NS_TEST_EXPECT_MSG_EQ(plain.delivered, 5, "all delivered by ns-3's verifying UDP");
        NS_TEST_EXPECT_MSG_EQ(plain.accepted + plain.refused, 0, "no zero checksum seen");

        NS_TEST_EXPECT_MSG_EQ(both.data, 5, "RFC 6935 at both ends: five data messages");
        NS_TEST_EXPECT_MSG_EQ(both.dataZero, 5, "each with the zero checksum");
        NS_TEST_EXPECT_MSG_EQ(both.delivered, 5, "all delivered");
        NS_TEST_EXPECT_MSG_EQ(both.accepted, 5, "each counted as accepted");
        NS_TEST_EXPECT_MSG_EQ(both.refused, 0, "none refused");

        NS_TEST_EXPECT_MSG_EQ(senderOnly.dataZero, 5, "RFC 6935 at the sender only: zero sent");
        NS_TEST_EXPECT_MSG_EQ(senderOnly.delivered, 0, "none delivered (RFC 8200 §8.1)");
        NS_TEST_EXPECT_MSG_EQ(senderOnly.refused, 5, "each counted as refused");
        NS_TEST_EXPECT_MSG_EQ(senderOnly.accepted, 0, "none accepted");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief UDP encapsulation test suite.
 */
class L2tpv3UdpTestSuite : public TestSuite
{
  public:
    L2tpv3UdpTestSuite()
        : TestSuite("l2tp-udp")
    {
        AddTestCase(new L2tpv3UdpVersionTestCase);
        AddTestCase(new L2tpv3UdpSessionKeyTestCase);
        AddTestCase(new L2tpv3UdpFamiliesTestCase);
        AddTestCase(new L2tpv3UdpChecksumTestCase);
        AddTestCase(new L2tpv3UdpZeroChecksumTestCase);
        AddTestCase(new L2tpv3UdpControlChecksumTestCase);
        AddTestCase(new L2tpv3Udp6ChecksumTestCase);
    }
};

/// Static instance.
static L2tpv3UdpTestSuite g_l2tpv3UdpTestSuite;
