/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The Default L2-Specific Sublayer (RFC 3931 §4.6) and sequencing
// (§4.6.1, Appendix C): exact bytes, in-order delivery, duplicates and old
// numbers discarded, early numbers accepted or held for reordering, 24-bit
// wrap, and the counters named as Linux names them.

#include "ns3/boolean.h"
#include "ns3/callback.h"
#include "ns3/header.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-interface.h"
#include "ns3/l2tpv3-bridge-scenario.h"
#include "ns3/l2tpv3-cookie.h"
#include "ns3/l2tpv3-counters.h"
#include "ns3/l2tpv3-data-header.h"
#include "ns3/l2tpv3-helper.h"
#include "ns3/l2tpv3-l4-protocol.h"
#include "ns3/l2tpv3-net-device.h"
#include "ns3/l2tpv3-sublayer-header.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"

#include <string>
#include <vector>

using namespace ns3;

namespace
{

/**
 * \ingroup l2tp-tests
 * \brief One node with one IP-encapsulated session using the default sublayer,
 * fed crafted packets through the real receive path of L2tpv3L4Protocol.
 */
class SequencedSession
{
  public:
    /**
     * \param requireSequence RequireSequenceNumbers
     * \param reorderTimeout ReorderTimeout
     */
    SequencedSession(bool requireSequence, Time reorderTimeout)
    {
        m_node = CreateObject<Node>();
        InternetStackHelper().Install(m_node);
        L2tpv3Helper helper;
        helper.SetSessionIds(1234, 4321);
        helper.SetCookies(L2tpv3Cookie(4, 0xcafebabe), L2tpv3Cookie(4, 1));
        helper.SetDeviceAttribute("L2SpecificSublayer", StringValue("default"));
        helper.SetDeviceAttribute("RequireSequenceNumbers", BooleanValue(requireSequence));
        helper.SetDeviceAttribute("ReorderTimeout", TimeValue(reorderTimeout));
        m_device = DynamicCast<L2tpv3NetDevice>(
            helper.Install(m_node, Ipv4Address("192.0.2.1"), Ipv4Address("192.0.2.2")).Get(0));
        m_device->TraceConnectWithoutContext(
            "MacPromiscRx",
            Callback<void, Ptr<const Packet>>([this](Ptr<const Packet> frame) {
                // The frame's last byte says which packet it was.
                uint8_t bytes[64];
                frame->CopyData(bytes, frame->GetSize());
                delivered.push_back(bytes[frame->GetSize() - 1]);
            }));
    }

    /**
     * \brief Feed one packet now and let it be processed.
     * \param sequence the sequence number, or -1 for S = 0
     * \param mark the frame's last byte
     */
    void Feed(int64_t sequence, uint8_t mark)
    {
        FeedAt(Seconds(0), sequence, mark);
        Simulator::Run();
    }

    /**
     * \brief Feed one packet at time \p at, as an event of the node.
     * \param at when, from now
     * \param sequence the sequence number, or -1 for S = 0
     * \param mark the frame's last byte
     */
    void FeedAt(Time at, int64_t sequence, uint8_t mark)
    {
        Simulator::ScheduleWithContext(m_node->GetId(),
                                       at,
                                       &SequencedSession::Receive,
                                       this,
                                       sequence,
                                       mark);
    }

  private:
    /**
     * \brief Hand one crafted packet to the node's L2TPv3 protocol.
     * \param sequence the sequence number, or -1 for S = 0
     * \param mark the frame's last byte
     */
    void Receive(int64_t sequence, uint8_t mark)
    {
        L2tpv3DataHeader header;
        header.Configure(false, 4, true);
        header.GetSession().SetSessionId(1234);
        header.GetSession().SetCookie(L2tpv3Cookie(4, 0xcafebabe));
        if (sequence >= 0)
        {
            header.GetSublayer().SetSequence(uint32_t(sequence));
        }
        std::vector<uint8_t> frame(60, 0);
        frame[12] = 0x88; // EtherType 0x88b5 (local experimental)
        frame[13] = 0xb5;
        frame.back() = mark;
        Ptr<Packet> p = Create<Packet>(frame.data(), frame.size());
        p->AddHeader(header);
        Ipv4Header ip;
        ip.SetSource(Ipv4Address("192.0.2.2"));
        ip.SetDestination(Ipv4Address("192.0.2.1"));
        ip.SetProtocol(L2tpv3L4Protocol::PROT_NUMBER);
        m_node->GetObject<L2tpv3L4Protocol>()->Receive(p, ip, nullptr);
    }

  public:
    /** \return the device's counters */
    const L2tpv3Counters& Counters() const
    {
        return m_device->GetCounters();
    }

    /** \return the session's device */
    Ptr<L2tpv3NetDevice> Device() const
    {
        return m_device;
    }

    std::vector<uint8_t> delivered; //!< marks of delivered frames, in order

  private:
    Ptr<Node> m_node;              //!< the node
    Ptr<L2tpv3NetDevice> m_device; //!< the session
};

} // namespace

/**
 * \ingroup l2tp-tests
 * \brief Exact bytes of the sublayer and of the whole data header.
 */
class L2tpv3SublayerBytesTestCase : public TestCase
{
  public:
    L2tpv3SublayerBytesTestCase()
        : TestCase("sublayer bytes: S bit, 24-bit number, header order over IP and UDP")
    {
    }

  private:
    void DoRun() override
    {
        auto bytes = [](const Header& h) {
            Ptr<Packet> p = Create<Packet>();
            p->AddHeader(h);
            std::vector<uint8_t> b(p->GetSize());
            p->CopyData(b.data(), b.size());
            return b;
        };
        L2tpv3SublayerHeader sublayer;
        NS_TEST_EXPECT_MSG_EQ((bytes(sublayer) == std::vector<uint8_t>{0, 0, 0, 0}),
                              true,
                              "S = 0: all zero");
        sublayer.SetSequence(0x123456);
        NS_TEST_EXPECT_MSG_EQ((bytes(sublayer) == std::vector<uint8_t>{0x40, 0x12, 0x34, 0x56}),
                              true,
                              "S = 1 is bit 1 of the first byte");
        sublayer.SetSequence(0x1000001);
        NS_TEST_EXPECT_MSG_EQ(sublayer.GetSequence(), 1, "24 bits only");

        // An S = 0 word with garbage in the number: the number is ignored.
        uint8_t garbage[4] = {0xbf, 0xff, 0xff, 0xff};
        Ptr<Packet> p = Create<Packet>(garbage, 4);
        L2tpv3SublayerHeader parsed;
        p->RemoveHeader(parsed);
        NS_TEST_EXPECT_MSG_EQ(parsed.HasSequence(), false, "S = 0 read");
        NS_TEST_EXPECT_MSG_EQ(parsed.GetSequence(), 0, "number ignored");

        L2tpv3DataHeader data;
        data.Configure(true, 4, true);
        data.GetSession().SetSessionId(1);
        data.GetSession().SetCookie(L2tpv3Cookie(4, 0xcafebabe));
        data.GetSublayer().SetSequence(7);
        std::vector<uint8_t> expected =
            {0x00, 0x03, 0x00, 0x00, 0, 0, 0, 1, 0xca, 0xfe, 0xba, 0xbe, 0x40, 0, 0, 7};
        NS_TEST_EXPECT_MSG_EQ((bytes(data) == expected),
                              true,
                              "UDP word, Session ID, cookie, sublayer (RFC 3931 §4.1.2.1, §4.6)");
        // The image built by that Serialize is patched in place by SetSequence and
        // ClearSequence (a device numbering every frame), and rebuilt after any other change.
        data.SetSequence(0xabcdef);
        expected[13] = 0xab;
        expected[14] = 0xcd;
        expected[15] = 0xef;
        NS_TEST_EXPECT_MSG_EQ((bytes(data) == expected), true, "sequence patched in the image");
        NS_TEST_EXPECT_MSG_EQ(data.GetSublayer().GetSequence(), 0xabcdef, "and in the sublayer");
        data.ClearSequence();
        expected[12] = expected[13] = expected[14] = expected[15] = 0;
        NS_TEST_EXPECT_MSG_EQ((bytes(data) == expected), true, "S = 0 patched in the image");
        data.GetSession().SetSessionId(0x01020304);
        expected[4] = 1;
        expected[5] = 2;
        expected[6] = 3;
        expected[7] = 4;
        NS_TEST_EXPECT_MSG_EQ((bytes(data) == expected), true, "a new Session ID rebuilds it");
        data.SetSequence(2);
        expected[12] = 0x40;
        expected[15] = 2;
        NS_TEST_EXPECT_MSG_EQ((bytes(data) == expected), true, "patched again after rebuilding");
        NS_TEST_EXPECT_MSG_EQ(data.GetSerializedSize(), 16, "size of the image");
        Ptr<Packet> sent = Create<Packet>(expected.data(), expected.size());
        sent->RemoveHeader(data); // Deserialize drops the image: the parts are what was read
        data.SetSequence(9);
        expected[15] = 9;
        NS_TEST_EXPECT_MSG_EQ((bytes(data) == expected), true, "rebuilt after Deserialize");
        data.Configure(false, 0, false);
        data.GetSession().SetSessionId(1);
        data.GetSession().SetCookie(L2tpv3Cookie());
        NS_TEST_EXPECT_MSG_EQ((bytes(data) == std::vector<uint8_t>{0, 0, 0, 1}),
                              true,
                              "over IP without cookie and sublayer: the Session ID alone");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Appendix C without reordering: in order, duplicates, old and early numbers.
 */
class L2tpv3SequenceCheckTestCase : public TestCase
{
  public:
    L2tpv3SequenceCheckTestCase()
        : TestCase("sequence check: duplicates and old numbers discarded, early ones accepted")
    {
    }

  private:
    void DoRun() override
    {
        SequencedSession s(true, Seconds(0));
        s.Feed(0, 'a');
        s.Feed(1, 'b');
        s.Feed(1, 'x'); // duplicate
        s.Feed(0, 'y'); // old
        s.Feed(4, 'c'); // early: 2 and 3 lost; accepted, next expected 5
        s.Feed(3, 'z'); // now old
        s.Feed(5, 'd');
        s.Feed(-1, 'w'); // S = 0 while sequencing is required
        NS_TEST_EXPECT_MSG_EQ((s.delivered == std::vector<uint8_t>{'a', 'b', 'c', 'd'}),
                              true,
                              "delivered a b c d");
        NS_TEST_EXPECT_MSG_EQ(s.Counters().GetRxSeqDiscards(), 4, "rx_seq_discards");
        NS_TEST_EXPECT_MSG_EQ(s.Counters().rxOosPackets, 1, "rx_oos_packets");
        NS_TEST_EXPECT_MSG_EQ(s.Counters().rxPackets, 4, "rx_packets");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Numbers wrap at 2^24; the window is half the space.
 */
class L2tpv3SequenceWrapTestCase : public TestCase
{
  public:
    L2tpv3SequenceWrapTestCase()
        : TestCase("24-bit sequence numbers wrap; half the space ahead is new, the rest old")
    {
    }

  private:
    void DoRun() override
    {
        SequencedSession s(false, Seconds(0));
        s.Feed(0x7ffffe, 'a'); // 2^23 - 2 ahead of 0: new
        s.Feed(0xfffffd, 'b'); // 2^23 - 1 ahead of 0x7fffff: new
        s.Feed(0x7fffff, 'x'); // now 2^23 - 1 behind: old
        s.Feed(0xfffffe, 'c');
        s.Feed(0xffffff, 'd');
        s.Feed(0x000000, 'e'); // wrapped
        s.Feed(0x000001, 'f');
        s.Feed(0x800002, 'y'); // exactly 2^23 ahead of 2: outside the window
        s.Feed(-1, 'g');       // S = 0 and not required: delivered, number ignored
        NS_TEST_EXPECT_MSG_EQ(
            (s.delivered == std::vector<uint8_t>{'a', 'b', 'c', 'd', 'e', 'f', 'g'}),
            true,
            "delivered a to g");
        NS_TEST_EXPECT_MSG_EQ(s.Counters().GetRxSeqDiscards(), 2, "two discarded");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief With a reorder timeout, early frames wait and leave in order.
 */
class L2tpv3ReorderTestCase : public TestCase
{
  public:
    L2tpv3ReorderTestCase()
        : TestCase("reorder timeout: early frames held and released in order, gaps skipped")
    {
    }

  private:
    void DoRun() override
    {
        SequencedSession s(true, MilliSeconds(10));
        s.FeedAt(MilliSeconds(1), 0, 'a');
        s.FeedAt(MilliSeconds(2), 2, 'c'); // early: held
        s.FeedAt(MilliSeconds(3), 3, 'd'); // early: held
        s.FeedAt(MilliSeconds(4), 1, 'b'); // the gap fills: b c d leave in order
        s.FeedAt(MilliSeconds(5), 2, 'x'); // old by now
        s.FeedAt(MilliSeconds(6), 6, 'g'); // early: 4 and 5 never come
        s.FeedAt(MilliSeconds(7), 7, 'h');
        std::vector<uint8_t> at10;
        Simulator::Schedule(MilliSeconds(10), [&]() {
            at10 = s.delivered;
        });
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ((at10 == std::vector<uint8_t>{'a', 'b', 'c', 'd'}),
                              true,
                              "g and h still wait at 10 ms");
        NS_TEST_EXPECT_MSG_EQ((s.delivered == std::vector<uint8_t>{'a', 'b', 'c', 'd', 'g', 'h'}),
                              true,
                              "after the timeout g and h leave, in order");
        NS_TEST_EXPECT_MSG_EQ(s.Counters().rxOosPackets, 4, "c d g h arrived early");
        NS_TEST_EXPECT_MSG_EQ(s.Counters().GetRxSeqDiscards(), 1, "x discarded");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief When the link goes down, frames held for reordering are dropped and counted
 * (device_down) at once, never delivered by the reorder timer afterwards; a disposed
 * device is down.
 */
class L2tpv3ReorderLinkDownTestCase : public TestCase
{
  public:
    /** How the link goes down. */
    enum class Down
    {
        DELETE_SESSION, //!< DeleteSession
        DELETE_TUNNEL,  //!< DeleteTunnel
        DISPOSE,        //!< the device is disposed
    };

    /**
     * \param down how the link goes down
     * \param name the case's name
     */
    L2tpv3ReorderLinkDownTestCase(Down down, const std::string& name)
        : TestCase("reorder timer pending when the link goes down (" + name +
                   "): held frames dropped, not delivered"),
          m_down(down)
    {
    }

  private:
    void DoRun() override
    {
        SequencedSession s(true, MilliSeconds(10));
        Ptr<L2tpv3NetDevice> device = s.Device();
        s.FeedAt(MilliSeconds(1), 0, 'a');
        s.FeedAt(MilliSeconds(2), 2, 'c'); // early: held
        s.FeedAt(MilliSeconds(3), 3, 'd'); // early: held
        bool upBefore = false;
        Simulator::Schedule(MilliSeconds(5), [&]() {
            upBefore = device->IsLinkUp();
            switch (m_down)
            {
            case Down::DELETE_SESSION:
                device->DeleteSession();
                break;
            case Down::DELETE_TUNNEL:
                device->DeleteTunnel();
                break;
            case Down::DISPOSE:
                device->Dispose();
                break;
            }
        });
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(upBefore, true, "the link was up with frames held");
        NS_TEST_EXPECT_MSG_EQ(device->IsLinkUp(), false, "the link is down");
        NS_TEST_EXPECT_MSG_EQ((s.delivered == std::vector<uint8_t>{'a'}),
                              true,
                              "c and d never delivered");
        const L2tpv3Counters& counters = s.Counters();
        NS_TEST_EXPECT_MSG_EQ(counters.rxPackets, 1, "only a delivered");
        NS_TEST_EXPECT_MSG_EQ(counters.rxOosPackets, 2, "c and d arrived early");
        NS_TEST_EXPECT_MSG_EQ(counters.GetDrops(L2tpv3DropReason::DEVICE_DOWN),
                              2,
                              "c and d counted as dropped (device_down)");
        NS_TEST_EXPECT_MSG_EQ(counters.GetTotalDrops(), 2, "no other drop");
        NS_TEST_EXPECT_MSG_EQ(counters.GetRxErrors(), 2, "in rx_errors");
        Simulator::Destroy();
    }

    Down m_down; //!< how the link goes down
};

/**
 * \ingroup l2tp-tests
 * \brief A sequencing session sends consecutive numbers from zero.
 */
class L2tpv3SequenceTransmitTestCase : public TestCase
{
  public:
    L2tpv3SequenceTransmitTestCase()
        : TestCase("transmit: S = 1 and consecutive numbers from zero on the wire")
    {
    }

  private:
    void DoRun() override
    {
        L2tpv3BridgeScenario::Parameters p;
        p.sublayer = "default";
        p.sequencing = true;
        p.bulk = false;
        p.duration = 5;
        L2tpv3BridgeScenario s(p);
        s.Build();
        // The WAN frames NetBSD_A sends: Ethernet, IPv4, Session ID, sublayer.
        std::vector<uint32_t> words;
        Ptr<NetDevice> wan = s.GetNodes().Get(0)->GetDevice(0); // wm0
        wan->TraceConnectWithoutContext(
            "Sniffer",
            Callback<void, Ptr<const Packet>>([&words](Ptr<const Packet> frame) {
                uint8_t b[64] = {};
                uint32_t n = frame->CopyData(b, sizeof(b));
                // IPv4, protocol 115, from NetBSD_A (192.168.0.1).
                if (n >= 14 + 20 + 8 && b[12] == 0x08 && b[13] == 0x00 && b[14 + 9] == 115 &&
                    b[26] == 192 && b[27] == 168 && b[28] == 0 && b[29] == 1)
                {
                    const uint8_t* w = b + 14 + (b[14] & 0x0f) * 4 + 4;
                    words.push_back((uint32_t(w[0]) << 24) | (uint32_t(w[1]) << 16) |
                                    (uint32_t(w[2]) << 8) | w[3]);
                }
            }));
        L2tpv3BridgeScenario::Results r = s.Run();
        NS_TEST_ASSERT_MSG_GT(words.size(), 3, "L2TPv3 packets seen on the WAN");
        NS_TEST_EXPECT_MSG_EQ(words.size(), r.pseudowireA.txPackets, "one per frame sent");
        for (std::size_t i = 0; i < words.size(); ++i)
        {
            uint32_t expected = 0x40000000U | uint32_t(i);
            NS_TEST_EXPECT_MSG_EQ(words[i], expected, "S = 1, number " << i);
        }
        NS_TEST_EXPECT_MSG_EQ(r.repliesXtoY, r.pingsXtoY, "pings answered through it");
        NS_TEST_EXPECT_MSG_EQ(r.pseudowireB.GetRxSeqDiscards(), 0, "nothing discarded");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Sublayer and sequencing test suite.
 */
class L2tpv3SequencingTestSuite : public TestSuite
{
  public:
    L2tpv3SequencingTestSuite()
        : TestSuite("l2tp-sequencing")
    {
        AddTestCase(new L2tpv3SublayerBytesTestCase);
        AddTestCase(new L2tpv3SequenceCheckTestCase);
        AddTestCase(new L2tpv3SequenceWrapTestCase);
        AddTestCase(new L2tpv3ReorderTestCase);
        using Down = L2tpv3ReorderLinkDownTestCase::Down;
        AddTestCase(new L2tpv3ReorderLinkDownTestCase(Down::DELETE_SESSION, "DeleteSession"));
        AddTestCase(new L2tpv3ReorderLinkDownTestCase(Down::DELETE_TUNNEL, "DeleteTunnel"));
        AddTestCase(new L2tpv3ReorderLinkDownTestCase(Down::DISPOSE, "Dispose"));
        AddTestCase(new L2tpv3SequenceTransmitTestCase);
    }
};

/// Static instance.
static L2tpv3SequencingTestSuite g_l2tpv3SequencingTestSuite;
