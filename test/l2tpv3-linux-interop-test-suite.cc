/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Interop with a real Linux L2TPv3 peer over IP (protocol 115): the captures
// v3-05 to v3-08 in $L2TP_REFERENCE_DIR/captures/linux-l2tpv3/ are fed, one
// direction at a time, through the IPv4 receive path of a node configured
// like that direction's receiver. Every packet must come out of the
// pseudowire as the captured Ethernet frame; a session expecting another
// cookie, a node without the Session ID and a tunnel to another peer must
// each deliver nothing and count every packet under its own drop reason.
//
// The captured packets are taken apart by l2tp-test-utils (plain byte
// offsets), never by the codec under test.

#include "l2tp-test-utils.h"

#include "ns3/address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-interface-address.h"
#include "ns3/ipv4.h"
#include "ns3/l2tpv3-cookie.h"
#include "ns3/l2tpv3-counters.h"
#include "ns3/l2tpv3-helper.h"
#include "ns3/l2tpv3-l4-protocol.h"
#include "ns3/l2tpv3-net-device.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"
#include "ns3/simple-channel.h"
#include "ns3/simple-net-device.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"

#include <algorithm>
#include <functional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

/// EtherType of IPv4 (Ipv4L3Protocol::PROT_NUMBER is deprecated in ns-3-dev).
const uint16_t ETHERTYPE_IPV4 = 0x0800;

/// The Session ID both Linux peers used, each way (captures README).
const uint32_t CAPTURE_SESSION_ID = 1;

/// Ethernet header without 802.1Q tag: destination, source, EtherType.
const uint32_t ETHERNET_HEADER_SIZE = 14;

/// Size of the Default L2-Specific Sublayer (RFC 3931 §4.6).
const uint32_t DEFAULT_SUBLAYER_SIZE = 4;

/**
 * \brief One capture and how the Linux peers that wrote it were configured.
 */
struct LinuxCapture
{
    std::string name;        //!< file name without ".pcap"
    std::string description; //!< what it exercises
    uint8_t cookieLength;    //!< cookie bytes, both ways
    uint64_t cookieValue;    //!< the cookie, both ways
    bool sublayer;           //!< the Default L2-Specific Sublayer is on
};

/**
 * \return the IP-encapsulated data captures, as the captures README configures them
 */
std::vector<LinuxCapture>
IpCaptures()
{
    return {
        {"v3-05", "no cookie", 0, 0, false},
        // The README gives v3-06 a 4-byte cookie (cafebabe), but its packets carry
        // none: the IPv4 payload is the Session ID and a whole frame whose Ethernet
        // header starts right after it, exactly as in v3-05.
        {"v3-06", "no cookie on the wire (README: cafebabe)", 0, 0, false},
        {"v3-07", "8-byte cookie", 8, 0xdeadbeefcafebabeULL, false},
        {"v3-08", "8-byte cookie, default sublayer", 8, 0xdeadbeefcafebabeULL, true},
    };
}

/**
 * \brief The packets of one direction of a capture: one receiver gets them all.
 */
struct Direction
{
    Ipv4Address source;                  //!< the sending peer
    Ipv4Address destination;             //!< the receiving peer
    std::vector<L2tpv3OverIpv4> packets; //!< in capture order
};

/**
 * \param capture the capture
 * \param [out] error why it could not be read ("" when it could)
 * \return its packets, grouped by receiver, in order of first appearance
 */
std::vector<Direction>
ReadDirections(const LinuxCapture& capture, std::string& error)
{
    std::vector<Direction> directions;
    std::string path = L2tpReferenceDir() + "/captures/linux-l2tpv3/" + capture.name + ".pcap";
    uint32_t linkType = 0;
    std::vector<PcapRecord> records = ReadPcapFile(path, linkType, error);
    if (!error.empty())
    {
        error += " (set L2TP_REFERENCE_DIR to the reference directory)";
        return directions;
    }
    const uint32_t dltEthernet = 1;
    if (linkType != dltEthernet)
    {
        error = path + ": link type " + std::to_string(linkType) + ", not Ethernet";
        return directions;
    }
    for (std::size_t i = 0; i < records.size(); ++i)
    {
        L2tpv3OverIpv4 packet;
        std::string why = ParseL2tpv3OverIpv4(records[i].data,
                                              capture.cookieLength,
                                              capture.sublayer ? DEFAULT_SUBLAYER_SIZE : 0,
                                              packet);
        if (!why.empty())
        {
            error = path + " record " + std::to_string(i) + ": " + why;
            return directions;
        }
        auto it = directions.begin();
        while (it != directions.end() && !(it->destination == packet.destination))
        {
            ++it;
        }
        if (it == directions.end())
        {
            directions.push_back(Direction{packet.source, packet.destination, {}});
            it = directions.end() - 1;
        }
        it->packets.push_back(packet);
    }
    if (records.empty())
    {
        error = path + ": no records";
    }
    return directions;
}

/**
 * \param a an address
 * \param b another
 * \return the longest prefix holding both, so that each is on the other's subnet
 */
Ipv4Mask
CommonPrefix(Ipv4Address a, Ipv4Address b)
{
    uint32_t differ = a.Get() ^ b.Get();
    uint32_t length = 32;
    while (differ != 0)
    {
        differ >>= 1;
        --length;
    }
    return Ipv4Mask(length == 0 ? 0 : ~((uint64_t(1) << (32 - length)) - 1));
}

/**
 * \param packets captured packets
 * \param length cookie length, 4 or 8
 * \return a cookie of \p length bytes that none of \p packets carries after its Session ID
 */
L2tpv3Cookie
CookieNoPacketCarries(const std::vector<L2tpv3OverIpv4>& packets, uint8_t length)
{
    std::set<uint64_t> carried;
    for (const auto& p : packets)
    {
        // What follows the Session ID, whatever the session makes of it.
        std::vector<uint8_t> after(p.cookie);
        after.insert(after.end(), p.sublayer.begin(), p.sublayer.end());
        after.insert(after.end(), p.frame.begin(), p.frame.end());
        uint64_t value = 0;
        for (uint32_t i = 0; i < length && i < after.size(); ++i)
        {
            value = (value << 8) | after[i];
        }
        carried.insert(value);
    }
    const uint64_t mask = length == 8 ? ~uint64_t(0) : (uint64_t(1) << (8 * length)) - 1;
    uint64_t value = (*carried.begin() ^ 1) & mask;
    while (carried.count(value))
    {
        value = (value + 1) & mask;
    }
    return L2tpv3Cookie(length, value);
}

/**
 * \brief What a receiver is configured with; by default, as the capture's receiver was.
 */
struct ReceiverConfig
{
    Ipv4Address self;         //!< the node's address, tunnel source
    Mac48Address selfMac;     //!< the node's WAN MAC address
    Ipv4Address peer;         //!< tunnel destination
    uint32_t localSessionId;  //!< Session ID received on
    uint32_t remoteSessionId; //!< Session ID sent
    L2tpv3Cookie localCookie; //!< cookie expected
    bool sublayer;            //!< Default L2-Specific Sublayer
};

/**
 * \param capture the capture
 * \param direction one of its directions
 * \return the configuration the receiver of \p direction had
 */
ReceiverConfig
CapturedReceiver(const LinuxCapture& capture, const Direction& direction)
{
    ReceiverConfig c;
    c.self = direction.destination;
    c.selfMac = direction.packets.front().ethernetDestination;
    c.peer = direction.source;
    c.localSessionId = CAPTURE_SESSION_ID;
    c.remoteSessionId = CAPTURE_SESSION_ID;
    c.localCookie = capture.cookieLength ? L2tpv3Cookie(capture.cookieLength, capture.cookieValue)
                                         : L2tpv3Cookie();
    c.sublayer = capture.sublayer;
    return c;
}

/**
 * \brief An LCCE with one WAN interface and one pseudowire, fed captured packets
 * through its IPv4 receive path.
 */
class CaptureReceiver
{
  public:
    /** \param c the configuration */
    explicit CaptureReceiver(const ReceiverConfig& c)
    {
        m_node = CreateObject<Node>();
        m_wan = CreateObject<SimpleNetDevice>();
        m_wan->SetAddress(c.selfMac);
        m_wan->SetChannel(CreateObject<SimpleChannel>());
        m_node->AddDevice(m_wan);
        InternetStackHelper().Install(m_node);
        Ptr<Ipv4> ipv4 = m_node->GetObject<Ipv4>();
        int32_t interface = ipv4->AddInterface(m_wan);
        ipv4->AddAddress(interface, Ipv4InterfaceAddress(c.self, CommonPrefix(c.self, c.peer)));
        ipv4->SetUp(interface);

        L2tpv3Helper helper;
        helper.SetSessionIds(c.localSessionId, c.remoteSessionId);
        helper.SetCookies(c.localCookie, c.localCookie);
        helper.SetDeviceAttribute("L2SpecificSublayer",
                                  StringValue(c.sublayer ? "default" : "none"));
        m_pseudowire = DynamicCast<L2tpv3NetDevice>(helper.Install(m_node, c.self, c.peer).Get(0));
        m_pseudowire->SetPromiscReceiveCallback(
            NetDevice::PromiscReceiveCallback([this](Ptr<NetDevice>,
                                                     Ptr<const Packet> payload,
                                                     uint16_t protocol,
                                                     const Address& source,
                                                     const Address& destination,
                                                     NetDevice::PacketType type) {
                // Rebuild the frame from what a bridge port is given.
                std::vector<uint8_t> frame(ETHERNET_HEADER_SIZE + payload->GetSize());
                Mac48Address::ConvertFrom(destination).CopyTo(frame.data());
                Mac48Address::ConvertFrom(source).CopyTo(frame.data() + 6);
                frame[12] = static_cast<uint8_t>(protocol >> 8);
                frame[13] = static_cast<uint8_t>(protocol & 0xff);
                payload->CopyData(frame.data() + ETHERNET_HEADER_SIZE, payload->GetSize());
                m_frames.push_back(frame);
                m_types.push_back(type);
                return true;
            }));
    }

    /**
     * \brief Deliver captured packets to the WAN interface, 1 ms apart, and run.
     * \param packets the packets, outer Ethernet header as captured
     */
    void Feed(const std::vector<L2tpv3OverIpv4>& packets)
    {
        for (std::size_t i = 0; i < packets.size(); ++i)
        {
            const L2tpv3OverIpv4& p = packets[i];
            Simulator::ScheduleWithContext(m_node->GetId(),
                                           MilliSeconds(i + 1),
                                           &SimpleNetDevice::Receive,
                                           m_wan,
                                           Create<Packet>(p.ip.data(), p.ip.size()),
                                           ETHERTYPE_IPV4,
                                           p.ethernetDestination,
                                           p.ethernetSource);
        }
        Simulator::Run();
    }

    /** \return the frames the pseudowire delivered, Ethernet header first */
    const std::vector<std::vector<uint8_t>>& GetFrames() const
    {
        return m_frames;
    }

    /** \return how the pseudowire classified each delivered frame */
    const std::vector<NetDevice::PacketType>& GetPacketTypes() const
    {
        return m_types;
    }

    /** \return the pseudowire */
    Ptr<L2tpv3NetDevice> GetPseudowire() const
    {
        return m_pseudowire;
    }

    /** \return the node's L2TPv3 protocol counters */
    const L2tpv3Counters& GetNodeCounters() const
    {
        return m_node->GetObject<L2tpv3L4Protocol>()->GetCounters();
    }

    CaptureReceiver(const CaptureReceiver&) = delete;
    CaptureReceiver& operator=(const CaptureReceiver&) = delete;

  private:
    Ptr<Node> m_node;                           //!< the LCCE
    Ptr<SimpleNetDevice> m_wan;                 //!< its WAN interface
    Ptr<L2tpv3NetDevice> m_pseudowire;          //!< the session
    std::vector<std::vector<uint8_t>> m_frames; //!< delivered frames
    std::vector<NetDevice::PacketType> m_types; //!< their classification
};

/**
 * \param destination a frame's destination
 * \param device the receiving device's address
 * \return how CsmaNetDevice (and a bridge port) classifies the frame
 */
NetDevice::PacketType
ExpectedPacketType(Mac48Address destination, Mac48Address device)
{
    if (destination.IsBroadcast())
    {
        return NetDevice::PACKET_BROADCAST;
    }
    if (destination.IsGroup())
    {
        return NetDevice::PACKET_MULTICAST;
    }
    return destination == device ? NetDevice::PACKET_HOST : NetDevice::PACKET_OTHERHOST;
}

} // namespace

/**
 * \ingroup l2tp-tests
 * \brief A capture's receivers, configured as Linux was, deliver every frame byte for byte.
 */
class L2tpv3LinuxInteropReceiveTestCase : public TestCase
{
  public:
    /** \param capture the capture */
    explicit L2tpv3LinuxInteropReceiveTestCase(const LinuxCapture& capture)
        : TestCase(capture.name + " (" + capture.description +
                   "): each direction's frames delivered byte for byte, nothing dropped"),
          m_capture(capture)
    {
    }

  private:
    void DoRun() override
    {
        std::string error;
        std::vector<Direction> directions = ReadDirections(m_capture, error);
        NS_TEST_ASSERT_MSG_EQ(error, "", "capture read");
        NS_TEST_ASSERT_MSG_EQ(directions.size(), 2, "packets in both directions");
        for (const Direction& d : directions)
        {
            uint64_t bytes = 0;
            for (const auto& p : d.packets)
            {
                NS_TEST_ASSERT_MSG_EQ(p.sessionId, CAPTURE_SESSION_ID, "captured Session ID");
                if (m_capture.sublayer)
                {
                    // S = 0 (RFC 3931 §4.6): no sequencing needs configuring.
                    NS_TEST_ASSERT_MSG_EQ((p.sublayer[0] & 0x40), 0, "captured sublayer S bit");
                }
                bytes += p.frame.size();
            }
            ReceiverConfig config = CapturedReceiver(m_capture, d);
            CaptureReceiver rx(config);
            rx.Feed(d.packets);

            const auto& frames = rx.GetFrames();
            NS_TEST_EXPECT_MSG_EQ(frames.size(),
                                  d.packets.size(),
                                  "one frame per packet to " << d.destination);
            Mac48Address pseudowire = Mac48Address::ConvertFrom(rx.GetPseudowire()->GetAddress());
            for (std::size_t i = 0; i < std::min(frames.size(), d.packets.size()); ++i)
            {
                const std::vector<uint8_t>& captured = d.packets[i].frame;
                NS_TEST_EXPECT_MSG_EQ(ToHex(frames[i].data(), frames[i].size()),
                                      ToHex(captured.data(), captured.size()),
                                      "frame " << i << " to " << d.destination);
                Mac48Address destination;
                destination.CopyFrom(captured.data());
                NS_TEST_EXPECT_MSG_EQ(rx.GetPacketTypes()[i],
                                      ExpectedPacketType(destination, pseudowire),
                                      "classification of frame " << i);
            }
            const L2tpv3Counters& device = rx.GetPseudowire()->GetCounters();
            NS_TEST_EXPECT_MSG_EQ(device.rxPackets, d.packets.size(), "device rx_packets");
            NS_TEST_EXPECT_MSG_EQ(device.rxBytes, bytes, "device rx_bytes");
            NS_TEST_EXPECT_MSG_EQ(device.GetTotalDrops(), 0, "no drop by the device");
            NS_TEST_EXPECT_MSG_EQ(rx.GetNodeCounters().GetTotalDrops(), 0, "no drop by the node");
            Simulator::Destroy();
        }
    }

    LinuxCapture m_capture; //!< the capture
};

/**
 * \ingroup l2tp-tests
 * \brief A receiver configured not to match the captured sender (another cookie, Session ID
 * or peer) delivers nothing and counts every packet under one reason, at the device or at
 * the node, and nothing anywhere else.
 */
class L2tpv3LinuxInteropRefusalTestCase : public TestCase
{
  public:
    /// Changes the receiver configured like the capture's into one that must refuse it.
    using Mismatch = std::function<void(ReceiverConfig&, const LinuxCapture&, const Direction&)>;

    /**
     * \param name the test case name
     * \param mismatch what to change in the receiver
     * \param reason the drop reason every packet must be counted under
     * \param atNode counted by the node's L2TPv3 protocol (else by the pseudowire)
     */
    L2tpv3LinuxInteropRefusalTestCase(const std::string& name,
                                      Mismatch mismatch,
                                      L2tpv3DropReason reason,
                                      bool atNode)
        : TestCase(name),
          m_mismatch(mismatch),
          m_reason(reason),
          m_atNode(atNode)
    {
    }

  private:
    void DoRun() override
    {
        for (const LinuxCapture& capture : IpCaptures())
        {
            std::string error;
            std::vector<Direction> directions = ReadDirections(capture, error);
            NS_TEST_ASSERT_MSG_EQ(error, "", "capture read");
            for (const Direction& d : directions)
            {
                ReceiverConfig config = CapturedReceiver(capture, d);
                m_mismatch(config, capture, d);
                CaptureReceiver rx(config);
                rx.Feed(d.packets);
                const L2tpv3Counters& node = rx.GetNodeCounters();
                const L2tpv3Counters& device = rx.GetPseudowire()->GetCounters();
                const L2tpv3Counters& counting = m_atNode ? node : device;
                const L2tpv3Counters& other = m_atNode ? device : node;
                std::ostringstream where;
                where << capture.name << " to " << d.destination;
                NS_TEST_EXPECT_MSG_EQ(rx.GetFrames().size(),
                                      0,
                                      "nothing delivered, " << where.str());
                NS_TEST_EXPECT_MSG_EQ(counting.GetDrops(m_reason),
                                      d.packets.size(),
                                      m_reason << ", " << where.str());
                NS_TEST_EXPECT_MSG_EQ(counting.GetTotalDrops(),
                                      d.packets.size(),
                                      "no other drop, " << where.str());
                NS_TEST_EXPECT_MSG_EQ(other.GetTotalDrops(), 0, "none elsewhere, " << where.str());
                Simulator::Destroy();
            }
        }
    }

    Mismatch m_mismatch;       //!< what makes the receiver refuse the capture
    L2tpv3DropReason m_reason; //!< the drop reason expected for every packet
    bool m_atNode;             //!< counted by the node (else by the pseudowire)
};

/**
 * \ingroup l2tp-tests
 * \brief Linux interop test suite: IP-encapsulated captures of a real Linux peer.
 */
class L2tpv3LinuxInteropTestSuite : public TestSuite
{
  public:
    L2tpv3LinuxInteropTestSuite()
        : TestSuite("l2tp-linux-interop")
    {
        for (const LinuxCapture& capture : IpCaptures())
        {
            AddTestCase(new L2tpv3LinuxInteropReceiveTestCase(capture));
        }
        AddTestCase(new L2tpv3LinuxInteropRefusalTestCase(
            "wrong cookie: nothing delivered, every packet a cookie_mismatch drop",
            [](ReceiverConfig& config, const LinuxCapture& capture, const Direction& d) {
                // Same length as the session's (4 bytes where it has none), another value.
                uint8_t length = capture.cookieLength ? capture.cookieLength : 4;
                config.localCookie = CookieNoPacketCarries(d.packets, length);
            },
            L2tpv3DropReason::COOKIE_MISMATCH,
            false));
        AddTestCase(new L2tpv3LinuxInteropRefusalTestCase(
            "other local Session ID: nothing delivered, every packet an unknown_session drop at "
            "the node",
            [](ReceiverConfig& config, const LinuxCapture&, const Direction&) {
                config.localSessionId = CAPTURE_SESSION_ID + 1;
            },
            L2tpv3DropReason::UNKNOWN_SESSION,
            true));
        AddTestCase(new L2tpv3LinuxInteropRefusalTestCase(
            "tunnel to another peer: nothing delivered, every packet a peer_mismatch drop",
            [](ReceiverConfig& config, const LinuxCapture&, const Direction& d) {
                // l2tp(4) takes a session's packets from its tunnel's remote end only.
                config.peer = Ipv4Address(d.source.Get() ^ 1);
            },
            L2tpv3DropReason::PEER_MISMATCH,
            false));
    }
};

/// Static instance.
static L2tpv3LinuxInteropTestSuite g_l2tpv3LinuxInteropTestSuite;
