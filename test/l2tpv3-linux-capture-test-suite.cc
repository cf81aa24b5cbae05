/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Interop with a real Linux L2TPv3 peer, from its captures
// (../shared/reference/captures/linux-l2tpv3, every data capture v3-01 to
// v3-12, IP and UDP, cookies of 0, 4 and 8 bytes, with and without the
// default sublayer and sequencing):
//  - receive: each captured packet, fed to a node configured like its
//    receiver, comes out of the pseudowire as the captured Ethernet frame;
//  - transmit: the same session, given the captured frame (and for v3-09 the
//    captured sequence numbers), writes the captured L2TPv3 header;
//  - v3-15 (malformed) is dropped and counted.

#include "l2tp-test-utils.h"

#include "ns3/boolean.h"
#include "ns3/callback.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-interface-address.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/l2tpv3-cookie.h"
#include "ns3/l2tpv3-counters.h"
#include "ns3/l2tpv3-helper.h"
#include "ns3/l2tpv3-l4-protocol.h"
#include "ns3/l2tpv3-net-device.h"
#include "ns3/mac48-address.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/pcap-file.h"
#include "ns3/ptr.h"
#include "ns3/simple-channel.h"
#include "ns3/simple-net-device.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// One capture and how its sessions are configured (the capture README's table).
struct CaptureConfig
{
    std::string name;     //!< file name without .pcap
    bool udp;             //!< UDP encapsulation
    uint8_t cookieLength; //!< cookie bytes
    uint64_t cookie;      //!< cookie value
    bool sublayer;        //!< default sublayer
    bool sequencing;      //!< S = 1 numbers
};

/// An outer IPv4 packet from a capture, taken apart by hand (not by the code under test).
struct CapturedPacket
{
    std::vector<uint8_t> ip;     //!< the IPv4 packet
    Ipv4Address source;          //!< outer source
    Ipv4Address destination;     //!< outer destination
    uint16_t sourcePort{0};      //!< UDP source port (UDP only)
    uint16_t destinationPort{0}; //!< UDP destination port (UDP only)
    std::vector<uint8_t> l2tp;   //!< the L2TPv3 header (T/Ver word, Session ID, cookie, sublayer)
    std::vector<uint8_t> frame;  //!< the inner Ethernet frame
};

/**
 * \param c the capture
 * \param [out] error why reading failed
 * \return its IPv4 packets carrying L2TPv3 data
 */
std::vector<CapturedPacket>
ReadCapture(const CaptureConfig& c, std::string& error)
{
    std::vector<CapturedPacket> packets;
    std::string path = l2tptest::L2tpReferenceDir() + "/captures/linux-l2tpv3/" + c.name + ".pcap";
    PcapFile file;
    file.Open(path, std::ios::in);
    if (file.Fail())
    {
        error = "cannot open " + path + " (set L2TP_REFERENCE_DIR)";
        return packets;
    }
    std::vector<uint8_t> buffer(65536);
    uint32_t sec;
    uint32_t usec;
    uint32_t inclLen;
    uint32_t origLen;
    uint32_t readLen;
    for (uint32_t record = 0;; ++record)
    {
        file.Read(buffer.data(), buffer.size(), sec, usec, inclLen, origLen, readLen);
        if (file.Eof() || file.Fail())
        {
            break;
        }
        const uint8_t* b = buffer.data();
        if (readLen < 14 + 20 || b[12] != 0x08 || b[13] != 0x00)
        {
            continue; // not IPv4
        }
        const uint8_t* ip = b + 14;
        uint32_t ihl = (ip[0] & 0x0f) * 4;
        uint32_t total = (uint32_t(ip[2]) << 8) | ip[3];
        if (ip[9] != (c.udp ? 17 : 115))
        {
            continue; // not L2TPv3 in this encapsulation
        }
        // Every offset below stays inside the record and inside the IPv4 packet.
        uint32_t header = (c.udp ? 8 + 4 : 0) + 4 + c.cookieLength + (c.sublayer ? 4 : 0);
        if (ihl < 20 || total < ihl + header || 14 + total > readLen)
        {
            error = path + ": record " + std::to_string(record) + " is shorter than its IPv4 " +
                    "total length or than the configured L2TPv3 header";
            break;
        }
        CapturedPacket p;
        p.ip.assign(ip, ip + total);
        p.source = Ipv4Address((uint32_t(ip[12]) << 24) | (uint32_t(ip[13]) << 16) |
                               (uint32_t(ip[14]) << 8) | ip[15]);
        p.destination = Ipv4Address((uint32_t(ip[16]) << 24) | (uint32_t(ip[17]) << 16) |
                                    (uint32_t(ip[18]) << 8) | ip[19]);
        uint32_t offset = ihl;
        if (c.udp)
        {
            p.sourcePort = (uint16_t(ip[offset]) << 8) | ip[offset + 1];
            p.destinationPort = (uint16_t(ip[offset + 2]) << 8) | ip[offset + 3];
            offset += 8;
            header -= 8;
        }
        p.l2tp.assign(ip + offset, ip + offset + header);
        p.frame.assign(ip + offset + header, ip + total);
        packets.push_back(p);
    }
    return packets;
}

/**
 * \brief A node with one session configured like one end of a capture.
 */
struct Lcce
{
    Ptr<Node> node;                              //!< the LCCE
    Ptr<SimpleNetDevice> wan;                    //!< its interface
    Ptr<L2tpv3NetDevice> pseudowire;             //!< the session
    std::vector<std::vector<uint8_t>> delivered; //!< frames out of the pseudowire
    std::vector<std::vector<uint8_t>> sent;      //!< IP packets it sent

    /**
     * \param c the capture
     * \param self this end's address
     * \param peer the other end's address
     * \param localPort this end's UDP port
     * \param peerPort the other end's UDP port
     */
    Lcce(const CaptureConfig& c,
         Ipv4Address self,
         Ipv4Address peer,
         uint16_t localPort,
         uint16_t peerPort)
    {
        node = CreateObject<Node>();
        wan = CreateObject<SimpleNetDevice>();
        wan->SetAddress(Mac48Address::Allocate());
        wan->SetChannel(CreateObject<SimpleChannel>());
        node->AddDevice(wan);
        InternetStackHelper().Install(node);
        Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
        int32_t i = ipv4->AddInterface(wan);
        ipv4->AddAddress(i, Ipv4InterfaceAddress(self, Ipv4Mask("255.255.0.0")));
        ipv4->SetUp(i);
        L2tpv3Helper helper;
        helper.SetSessionIds(1, 1); // the captures use Session ID 1 both ways
        if (c.cookieLength)
        {
            helper.SetCookies(L2tpv3Cookie(c.cookieLength, c.cookie),
                              L2tpv3Cookie(c.cookieLength, c.cookie));
        }
        helper.SetDeviceAttribute("Encapsulation", StringValue(c.udp ? "udp" : "ip"));
        helper.SetDeviceAttribute("UdpSourcePort", UintegerValue(c.udp ? localPort : 1701));
        helper.SetDeviceAttribute("UdpDestinationPort", UintegerValue(c.udp ? peerPort : 1701));
        helper.SetDeviceAttribute("L2SpecificSublayer",
                                  StringValue(c.sublayer ? "default" : "none"));
        helper.SetDeviceAttribute("SendSequenceNumbers", BooleanValue(c.sequencing));
        helper.SetDeviceAttribute("RequireSequenceNumbers", BooleanValue(c.sequencing));
        pseudowire = DynamicCast<L2tpv3NetDevice>(helper.Install(node, self, peer).Get(0));
        pseudowire->TraceConnectWithoutContext(
            "MacPromiscRx",
            Callback<void, Ptr<const Packet>>([this](Ptr<const Packet> frame) {
                std::vector<uint8_t> bytes(frame->GetSize());
                frame->CopyData(bytes.data(), bytes.size());
                delivered.push_back(bytes);
            }));
        node->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
            "Tx",
            Callback<void, Ptr<const Packet>, Ptr<Ipv4>, uint32_t>(
                [this](Ptr<const Packet> packet, Ptr<Ipv4>, uint32_t) {
                    std::vector<uint8_t> bytes(packet->GetSize());
                    packet->CopyData(bytes.data(), bytes.size());
                    sent.push_back(bytes);
                }));
    }

    /**
     * \brief Deliver a captured IPv4 packet to this node's IP layer, as its interface would.
     * \param ip the packet
     */
    void Inject(const std::vector<uint8_t>& ip)
    {
        Ptr<Packet> p = Create<Packet>(ip.data(), ip.size());
        Ptr<SimpleNetDevice> device = wan;
        Simulator::ScheduleWithContext(node->GetId(), Seconds(0), [device, p]() {
            device->Receive(p,
                            0x0800,
                            Mac48Address::ConvertFrom(device->GetAddress()),
                            Mac48Address("02:00:00:00:00:01"));
        });
        Simulator::Run();
    }
};

/// The data captures (README table).
const std::vector<CaptureConfig> CAPTURES = {
    {"v3-01", true, 0, 0, false, false},
    {"v3-02", true, 4, 0xcafebabe, false, false},
    {"v3-03", true, 8, 0xdeadbeefcafebabeULL, false, false},
    {"v3-04", true, 8, 0xdeadbeefcafebabeULL, true, false},
    {"v3-05", false, 0, 0, false, false},
    // The capture README lists a 4-byte cookie for v3-06, but its packets carry none:
    // 136 bytes = Ethernet 14 + IPv4 20 + Session ID 4 + a 98-byte frame, whose
    // Ethernet header starts right after the Session ID (as in v3-05).
    {"v3-06", false, 0, 0, false, false},
    {"v3-07", false, 8, 0xdeadbeefcafebabeULL, false, false},
    {"v3-08", false, 8, 0xdeadbeefcafebabeULL, true, false},
    {"v3-09", false, 8, 0xdeadbeefcafebabeULL, true, true},
    {"v3-10", true, 8, 0xdeadbeefcafebabeULL, true, false},
    {"v3-11", true, 8, 0xdeadbeefcafebabeULL, true, false},
    {"v3-12", true, 8, 0xdeadbeefcafebabeULL, true, false},
};

} // namespace

/**
 * \ingroup l2tp-tests
 * \brief One capture: receive each direction's packets, then send its frames.
 */
class L2tpv3LinuxCaptureTestCase : public TestCase
{
  public:
    /** \param c the capture */
    explicit L2tpv3LinuxCaptureTestCase(const CaptureConfig& c)
        : TestCase(c.name + ": " + (c.udp ? "UDP" : "IP") + ", cookie " +
                   std::to_string(c.cookieLength) + (c.sublayer ? ", sublayer" : "") +
                   (c.sequencing ? ", sequencing" : "") +
                   ": frames equal on receive, header equal on transmit"),
          m_capture(c)
    {
    }

  private:
    void DoRun() override
    {
        std::string error;
        std::vector<CapturedPacket> packets = ReadCapture(m_capture, error);
        NS_TEST_ASSERT_MSG_EQ(error, "", "capture readable");
        NS_TEST_ASSERT_MSG_GT(packets.size(), 0, "L2TPv3 packets in the capture");

        // The two directions: the receiver of each is configured from the packets it gets.
        std::map<uint32_t, std::vector<const CapturedPacket*>> byDestination;
        for (const auto& p : packets)
        {
            byDestination[p.destination.Get()].push_back(&p);
        }
        for (const auto& [destination, list] : byDestination)
        {
            const CapturedPacket& first = *list.front();
            // Receive: the receiver's local port is the packets' destination port.
            {
                Lcce rx(m_capture,
                        first.destination,
                        first.source,
                        first.destinationPort,
                        first.sourcePort);
                for (const CapturedPacket* p : list)
                {
                    rx.Inject(p->ip);
                }
                NS_TEST_EXPECT_MSG_EQ(rx.delivered.size(), list.size(), "every frame delivered");
                for (std::size_t i = 0; i < std::min(list.size(), rx.delivered.size()); ++i)
                {
                    NS_TEST_EXPECT_MSG_EQ((rx.delivered[i] == list[i]->frame),
                                          true,
                                          "frame " << i << " to " << first.destination
                                                   << " byte for byte");
                }
                NS_TEST_EXPECT_MSG_EQ(rx.pseudowire->GetCounters().GetTotalDrops(), 0, "no drop");
                Simulator::Destroy();
            }
            // Transmit: the sender, given the same frames (and sequence numbers), writes
            // the same L2TPv3 header.
            {
                Lcce tx(m_capture,
                        first.source,
                        first.destination,
                        first.sourcePort,
                        first.destinationPort);
                for (const CapturedPacket* p : list)
                {
                    NS_TEST_EXPECT_MSG_GT_OR_EQ(p->frame.size(), 14, "captured frame length");
                    if (p->frame.size() < 14)
                    {
                        continue; // no Ethernet header to send from
                    }
                    if (m_capture.sequencing)
                    {
                        const uint8_t* s = p->l2tp.data() + p->l2tp.size() - 4;
                        tx.pseudowire->SetNextSequenceNumber((uint32_t(s[1]) << 16) |
                                                             (uint32_t(s[2]) << 8) | s[3]);
                    }
                    Ptr<Packet> payload =
                        Create<Packet>(p->frame.data() + 14, p->frame.size() - 14);
                    Mac48Address dst;
                    Mac48Address src;
                    dst.CopyFrom(p->frame.data());
                    src.CopyFrom(p->frame.data() + 6);
                    uint16_t type = (uint16_t(p->frame[12]) << 8) | p->frame[13];
                    Ptr<L2tpv3NetDevice> device = tx.pseudowire;
                    Simulator::ScheduleWithContext(tx.node->GetId(), Seconds(0), [=]() {
                        device->SendFrom(payload, src, dst, type);
                    });
                    Simulator::Run();
                }
                NS_TEST_EXPECT_MSG_EQ(tx.sent.size(), list.size(), "one IP packet per frame");
                // The checks above return only under --stop-on-failure: never index past
                // what was sent, nor past the end of a packet.
                for (std::size_t i = 0; i < std::min(list.size(), tx.sent.size()); ++i)
                {
                    const std::vector<uint8_t>& ip = tx.sent[i];
                    std::size_t offset = ip.empty() ? 0 : (ip[0] & 0x0f) * 4;
                    std::size_t needed = offset + (m_capture.udp ? 8 : 0) + list[i]->l2tp.size();
                    NS_TEST_EXPECT_MSG_GT_OR_EQ(ip.size(),
                                                needed,
                                                "packet " << i << " holds its IP, UDP and L2TPv3 "
                                                          << "headers");
                    if (ip.size() < needed || offset < 20)
                    {
                        continue;
                    }
                    if (m_capture.udp)
                    {
                        uint16_t sport = (uint16_t(ip[offset]) << 8) | ip[offset + 1];
                        uint16_t dport = (uint16_t(ip[offset + 2]) << 8) | ip[offset + 3];
                        NS_TEST_EXPECT_MSG_EQ(sport, list[i]->sourcePort, "UDP source port");
                        NS_TEST_EXPECT_MSG_EQ(dport, list[i]->destinationPort, "UDP dest port");
                        offset += 8;
                    }
                    std::vector<uint8_t> header(ip.begin() + offset,
                                                ip.begin() + offset + list[i]->l2tp.size());
                    std::vector<uint8_t> frame(ip.begin() + offset + list[i]->l2tp.size(),
                                               ip.end());
                    NS_TEST_EXPECT_MSG_EQ((header == list[i]->l2tp),
                                          true,
                                          "L2TPv3 header of packet " << i << " as captured");
                    NS_TEST_EXPECT_MSG_EQ((frame == list[i]->frame), true, "frame " << i);
                }
                Simulator::Destroy();
            }
        }
    }

    CaptureConfig m_capture; //!< the capture
};

/**
 * \ingroup l2tp-tests
 * \brief v3-15 is malformed: dropped and counted, nothing delivered.
 */
class L2tpv3MalformedCaptureTestCase : public TestCase
{
  public:
    L2tpv3MalformedCaptureTestCase()
        : TestCase("v3-15: a malformed packet is dropped and counted, never delivered")
    {
    }

  private:
    void DoRun() override
    {
        CaptureConfig c{"v3-15", false, 0, 0, false, false};
        std::string error;
        std::vector<CapturedPacket> packets = ReadCapture(c, error);
        NS_TEST_ASSERT_MSG_EQ(error, "", "capture readable");
        NS_TEST_ASSERT_MSG_GT(packets.size(), 0, "packets in the capture");
        if (packets.empty())
        {
            return; // the check above returns only under --stop-on-failure
        }
        for (uint8_t cookie : {0, 4, 8})
        {
            c.cookieLength = cookie;
            Lcce rx(c, packets[0].destination, packets[0].source, 1701, 1701);
            for (const auto& p : packets)
            {
                rx.Inject(p.ip);
            }
            L2tpv3Counters all = rx.node->GetObject<L2tpv3L4Protocol>()->GetCounters();
            all += rx.pseudowire->GetCounters();
            NS_TEST_EXPECT_MSG_EQ(rx.delivered.size(), 0, "nothing delivered");
            NS_TEST_EXPECT_MSG_EQ(all.GetTotalDrops(), packets.size(), "each one counted");
            Simulator::Destroy();
        }
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Linux capture interop test suite.
 */
class L2tpv3LinuxCaptureTestSuite : public TestSuite
{
  public:
    L2tpv3LinuxCaptureTestSuite()
        : TestSuite("l2tp-linux-captures")
    {
        for (const auto& c : CAPTURES)
        {
            AddTestCase(new L2tpv3LinuxCaptureTestCase(c));
        }
        AddTestCase(new L2tpv3MalformedCaptureTestCase);
    }
};

/// Static instance.
static L2tpv3LinuxCaptureTestSuite g_l2tpv3LinuxCaptureTestSuite;
