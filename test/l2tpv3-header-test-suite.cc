/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The wire codec: exact bytes of the session header for each cookie length,
// big-endian values, and malformed or truncated input rejected and counted.

#include "ns3/address.h"
#include "ns3/callback.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-interface.h"
#include "ns3/l2tpv3-cookie.h"
#include "ns3/l2tpv3-counters.h"
#include "ns3/l2tpv3-helper.h"
#include "ns3/l2tpv3-l4-protocol.h"
#include "ns3/l2tpv3-net-device.h"
#include "ns3/l2tpv3-session-header.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <algorithm>
#include <stdexcept>
#include <vector>

using namespace ns3;

namespace
{

/**
 * \param packet a packet
 * \return its bytes
 */
std::vector<uint8_t>
Bytes(Ptr<const Packet> packet)
{
    std::vector<uint8_t> bytes(packet->GetSize());
    packet->CopyData(bytes.data(), bytes.size());
    return bytes;
}

} // namespace

/**
 * \ingroup l2tp-tests
 * \brief Serialize a session header with a given cookie and compare with the expected bytes.
 */
class L2tpv3SessionHeaderBytesTestCase : public TestCase
{
  public:
    /**
     * \param name what is checked
     * \param sessionId the Session ID
     * \param cookie the cookie
     * \param expected the bytes RFC 3931 §4.1 gives for them
     */
    L2tpv3SessionHeaderBytesTestCase(std::string name,
                                     uint32_t sessionId,
                                     L2tpv3Cookie cookie,
                                     std::vector<uint8_t> expected)
        : TestCase(name),
          m_sessionId(sessionId),
          m_cookie(cookie),
          m_expected(expected)
    {
    }

  private:
    void DoRun() override
    {
        L2tpv3SessionHeader header;
        header.SetSessionId(m_sessionId);
        header.SetCookie(m_cookie);
        NS_TEST_ASSERT_MSG_EQ(header.GetSerializedSize(),
                              m_expected.size(),
                              "serialized size is 4 + cookie length");
        Ptr<Packet> packet = Create<Packet>();
        packet->AddHeader(header);
        std::vector<uint8_t> bytes = Bytes(packet);
        NS_TEST_ASSERT_MSG_EQ(bytes.size(), m_expected.size(), "wire length");
        // The check above returns only under --stop-on-failure.
        for (std::size_t i = 0; i < std::min(bytes.size(), m_expected.size()); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(unsigned(bytes[i]), unsigned(m_expected[i]), "byte " << i);
        }

        // And back: a receiver configured with the cookie length reads the same values.
        uint32_t peeked = 0;
        NS_TEST_ASSERT_MSG_EQ(L2tpv3SessionHeader::PeekSessionId(packet, peeked),
                              true,
                              "Session ID readable");
        NS_TEST_EXPECT_MSG_EQ(peeked, m_sessionId, "peeked Session ID");
        L2tpv3SessionHeader received;
        received.SetCookieLength(m_cookie.GetLength());
        NS_TEST_EXPECT_MSG_EQ(packet->RemoveHeader(received), m_expected.size(), "bytes consumed");
        NS_TEST_EXPECT_MSG_EQ(received.GetSessionId(), m_sessionId, "Session ID");
        NS_TEST_EXPECT_MSG_EQ(m_cookie.Matches(received.GetCookieBytes()), true, "cookie");
        NS_TEST_EXPECT_MSG_EQ(packet->GetSize(), 0, "nothing left");
    }

    uint32_t m_sessionId;            //!< Session ID
    L2tpv3Cookie m_cookie;           //!< cookie
    std::vector<uint8_t> m_expected; //!< expected wire bytes
};

/**
 * \ingroup l2tp-tests
 * \brief Cookie values, lengths and the string form, including malformed text.
 */
class L2tpv3CookieTestCase : public TestCase
{
  public:
    L2tpv3CookieTestCase()
        : TestCase("cookie: big-endian bytes, LEN:VALUE parsing, malformed text rejected")
    {
    }

  private:
    void DoRun() override
    {
        L2tpv3Cookie c4(4, 12345);
        const auto& b = c4.GetBytes();
        NS_TEST_EXPECT_MSG_EQ(unsigned(b[0]), 0x00, "12345 = 00 00 30 39");
        NS_TEST_EXPECT_MSG_EQ(unsigned(b[1]), 0x00, "12345 = 00 00 30 39");
        NS_TEST_EXPECT_MSG_EQ(unsigned(b[2]), 0x30, "12345 = 00 00 30 39");
        NS_TEST_EXPECT_MSG_EQ(unsigned(b[3]), 0x39, "12345 = 00 00 30 39");

        const uint8_t wire[4] = {0x00, 0x00, 0x30, 0x39};
        const uint8_t other[4] = {0x39, 0x30, 0x00, 0x00};
        NS_TEST_EXPECT_MSG_EQ(c4.Matches(wire), true, "matches its own bytes");
        NS_TEST_EXPECT_MSG_EQ(c4.Matches(other), false, "little-endian bytes do not match");

        NS_TEST_EXPECT_MSG_EQ(L2tpv3Cookie::Parse("4:12345", "c"), c4, "decimal");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3Cookie::Parse("4:0x3039", "c"), c4, "hex");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3Cookie::Parse("8:0xdeadbeefcafebabe", "c").GetValue(),
                              0xdeadbeefcafebabeULL,
                              "8-byte hex");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3Cookie::Parse("0", "c").GetLength(), 0, "no cookie");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3Cookie::Parse("none", "c").GetLength(), 0, "no cookie");

        for (const char* bad : {"5:1",
                                "4:",
                                ":1",
                                "4:abc",
                                "4:4294967296",
                                "-4:1",
                                "4:-1",
                                "4:1x",
                                "16:1",
                                "0:1",
                                "four"})
        {
            bool threw = false;
            try
            {
                L2tpv3Cookie::Parse(bad, "LocalCookie");
            }
            catch (const std::invalid_argument& e)
            {
                threw = true;
                NS_TEST_EXPECT_MSG_NE(std::string(e.what()).find("LocalCookie"),
                                      std::string::npos,
                                      "message names the parameter: " << e.what());
            }
            NS_TEST_EXPECT_MSG_EQ(threw, true, "\"" << bad << "\" rejected");
        }

        // The attribute string form round-trips.
        L2tpv3CookieValue value;
        NS_TEST_EXPECT_MSG_EQ(value.DeserializeFromString("8:54321", MakeL2tpv3CookieChecker()),
                              true,
                              "attribute from string");
        NS_TEST_EXPECT_MSG_EQ(value.Get(), L2tpv3Cookie(8, 54321), "attribute value");
        NS_TEST_EXPECT_MSG_EQ(value.SerializeToString(MakeL2tpv3CookieChecker()),
                              "8:54321",
                              "attribute to string");
        NS_TEST_EXPECT_MSG_EQ(value.DeserializeFromString("3:1", MakeL2tpv3CookieChecker()),
                              false,
                              "bad attribute string refused");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Truncated and malformed packets reach the receive path and are dropped and counted.
 */
class L2tpv3TruncatedReceiveTestCase : public TestCase
{
  public:
    L2tpv3TruncatedReceiveTestCase()
        : TestCase("receive: truncated packets dropped and counted under their reason")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Node> node = CreateObject<Node>();
        InternetStackHelper().Install(node);
        Ipv4Address local("192.0.2.1");
        Ipv4Address peer("192.0.2.2");
        L2tpv3Helper helper;
        helper.SetSessionIds(1234, 4321);
        helper.SetCookies(L2tpv3Cookie(8, 0x0102030405060708ULL), L2tpv3Cookie(8, 1));
        Ptr<L2tpv3NetDevice> device =
            DynamicCast<L2tpv3NetDevice>(helper.Install(node, local, peer).Get(0));
        Ptr<L2tpv3L4Protocol> l4 = node->GetObject<L2tpv3L4Protocol>();
        uint32_t delivered = 0;
        device->SetPromiscReceiveCallback(
            Callback<bool,
                     Ptr<NetDevice>,
                     Ptr<const Packet>,
                     uint16_t,
                     const Address&,
                     const Address&,
                     NetDevice::PacketType>([&delivered](Ptr<NetDevice>,
                                                         Ptr<const Packet>,
                                                         uint16_t,
                                                         const Address&,
                                                         const Address&,
                                                         NetDevice::PacketType) {
                ++delivered;
                return true;
            }));

        Ipv4Header ip;
        ip.SetSource(peer);
        ip.SetDestination(local);
        ip.SetProtocol(L2tpv3L4Protocol::PROT_NUMBER);
        // Packets arrive as events of the node, as they would from its IP layer.
        auto feed = [&](std::vector<uint8_t> bytes) {
            Ptr<Packet> p = Create<Packet>(bytes.data(), bytes.size());
            Simulator::ScheduleWithContext(node->GetId(), Seconds(0), [l4, p, ip]() {
                l4->Receive(p, ip, nullptr);
            });
            Simulator::Run();
        };
        std::vector<uint8_t> header = {0x00, 0x00, 0x04, 0xd2, 1, 2, 3, 4, 5, 6, 7, 8};
        std::vector<uint8_t> frame(60, 0xab);

        feed({});                                            // empty
        feed({0x00, 0x00, 0x04});                            // 3 bytes: no Session ID
        feed({0x00, 0x00, 0x04, 0xd2});                      // Session ID but no cookie
        feed({0x00, 0x00, 0x04, 0xd2, 1, 2, 3, 4, 5, 6, 7}); // 7 of 8 cookie bytes
        std::vector<uint8_t> shortFrame = header;
        shortFrame.insert(shortFrame.end(), 13, 0xab); // 13 bytes: no Ethernet header
        feed(shortFrame);
        std::vector<uint8_t> good = header;
        good.insert(good.end(), frame.begin(), frame.end());
        feed(good);

        const L2tpv3Counters& node_ = l4->GetCounters();
        const L2tpv3Counters& dev = device->GetCounters();
        NS_TEST_EXPECT_MSG_EQ(node_.GetDrops(L2tpv3DropReason::PACKET_TOO_SHORT),
                              2,
                              "no room for a Session ID");
        NS_TEST_EXPECT_MSG_EQ(dev.GetDrops(L2tpv3DropReason::PACKET_TOO_SHORT),
                              2,
                              "no room for the 8-byte cookie");
        NS_TEST_EXPECT_MSG_EQ(dev.GetDrops(L2tpv3DropReason::FRAME_TOO_SHORT),
                              1,
                              "inner frame shorter than 14 bytes");
        NS_TEST_EXPECT_MSG_EQ(dev.rxPackets, 1, "only the well-formed packet is decapsulated");
        NS_TEST_EXPECT_MSG_EQ(dev.rxBytes, frame.size(), "its frame's bytes");
        NS_TEST_EXPECT_MSG_EQ(delivered, 1, "only the well-formed frame is delivered");

        // Session ID 0 is control: counted as such, not delivered, and no error: a healthy
        // peer's control connection is no drop even with no control plane installed.
        uint64_t rxErrors = l4->GetCounters().GetRxErrors();
        feed({0x00, 0x00, 0x00, 0x00, 0xc8, 0x03, 0x00, 0x0c});
        NS_TEST_EXPECT_MSG_EQ(l4->GetCounters().rxControl, 1, "control message counted");
        NS_TEST_EXPECT_MSG_EQ(l4->GetCounters().GetDrops(L2tpv3DropReason::CONTROL_MESSAGE),
                              0,
                              "not as a drop");
        NS_TEST_EXPECT_MSG_EQ(l4->GetCounters().GetRxErrors(), rxErrors, "nor an rx_error");
        NS_TEST_EXPECT_MSG_EQ(delivered, 1, "control message not delivered");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief The codec's test suite.
 */
class L2tpv3HeaderTestSuite : public TestSuite
{
  public:
    L2tpv3HeaderTestSuite()
        : TestSuite("l2tp-header")
    {
        AddTestCase(new L2tpv3SessionHeaderBytesTestCase("session header, no cookie",
                                                         1234,
                                                         L2tpv3Cookie(),
                                                         {0x00, 0x00, 0x04, 0xd2}));
        AddTestCase(new L2tpv3SessionHeaderBytesTestCase(
            "session header, 4-byte cookie 12345 is 00 00 30 39",
            4321,
            L2tpv3Cookie(4, 12345),
            {0x00, 0x00, 0x10, 0xe1, 0x00, 0x00, 0x30, 0x39}));
        AddTestCase(new L2tpv3SessionHeaderBytesTestCase(
            "session header, 8-byte cookie",
            0xfedcba98,
            L2tpv3Cookie(8, 0x0123456789abcdefULL),
            {0xfe, 0xdc, 0xba, 0x98, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef}));
        AddTestCase(new L2tpv3SessionHeaderBytesTestCase(
            "session header, 8-byte cookie with small value is zero-padded",
            1,
            L2tpv3Cookie(8, 54321),
            {0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xd4, 0x31}));
        AddTestCase(new L2tpv3CookieTestCase);
        AddTestCase(new L2tpv3TruncatedReceiveTestCase);
    }
};

/// Static instance.
static L2tpv3HeaderTestSuite g_l2tpv3HeaderTestSuite;
