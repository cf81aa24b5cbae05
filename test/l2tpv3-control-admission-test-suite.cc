/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The LCCE's admission of control messages (issue 21 items 1 and 2): a message for a
// connection from another address or port than its peer's is dropped before the reliable
// channel and counted (wrongSource, RFC 3931 §4.1.2.2); replies to messages that belong
// to no connection are rate-limited per source and in total from a table of fixed size
// (replySuppressed); a refused SCCRQ gets at most one StopCCN and leaves no state.

#include "ns3/boolean.h"
#include "ns3/callback.h"
#include "ns3/csma-helper.h"
#include "ns3/double.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-interface-container.h"
#include "ns3/ipv4.h"
#include "ns3/l2tpv3-avp.h"
#include "ns3/l2tpv3-control-channel.h"
#include "ns3/l2tpv3-control-connection.h"
#include "ns3/l2tpv3-control-message.h"
#include "ns3/l2tpv3-l4-protocol.h"
#include "ns3/l2tpv3-lcce-helper.h"
#include "ns3/l2tpv3-lcce.h"
#include "ns3/l2tpv3-reply-limiter.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <vector>

using namespace ns3;

namespace
{

/// A message the attacker received, and the address it was sent to.
struct Received
{
    L2tpv3ControlMessage message; //!< the message
    Address to;                   //!< the attacker's address it went to
};

/**
 * \brief NetBSD_A (192.168.0.1), NetBSD_B (.2) and an attacker (.3, plus extra addresses
 * .100 up) on one CSMA segment. The attacker sends hand-made control messages with its
 * node's L2TP transport and records what comes back to any of its addresses.
 */
struct AdmissionBench
{
    NodeContainer nodes;             //!< A, B, attacker
    Ipv4InterfaceContainer ifs;      //!< their addresses
    Ptr<L2tpv3Lcce> a;               //!< NetBSD_A's LCCE (initiator), if made
    Ptr<L2tpv3Lcce> b;               //!< NetBSD_B's LCCE
    Ptr<L2tpv3L4Protocol> attacker;  //!< the attacker's transport
    std::vector<Received> received;  //!< what reached the attacker
    L2tpv3LcceHelper helper;         //!< LCCE attributes
    std::string encapsulation{"ip"}; //!< ip or udp

    /**
     * \param extraSources addresses the attacker also answers to (192.168.0.100 + k)
     * \param udp UDP encapsulation
     */
    AdmissionBench(uint32_t extraSources, bool udp)
        : encapsulation(udp ? "udp" : "ip")
    {
        nodes.Create(3);
        CsmaHelper csma;
        csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(50)));
        NetDeviceContainer devices = csma.Install(nodes);
        InternetStackHelper().Install(nodes);
        ifs = Ipv4AddressHelper("192.168.0.0", "255.255.255.0").Assign(devices);
        Ptr<Ipv4> ipv4 = nodes.Get(2)->GetObject<Ipv4>();
        uint32_t itf = ipv4->GetInterfaceForDevice(devices.Get(2));
        for (uint32_t k = 0; k < extraSources; ++k)
        {
            ipv4->AddAddress(itf, Ipv4InterfaceAddress(Source(k), Ipv4Mask("255.255.255.0")));
        }
        attacker = L2tpv3L4Protocol::GetOrCreate(nodes.Get(2));
        attacker->SetControlCallback(Callback<void, Ptr<Packet>, const L2tpv3ControlSource&>(
            [this](Ptr<Packet> p, const L2tpv3ControlSource& s) {
                Received r;
                r.to = s.local;
                if (L2tpv3ControlMessage::FromPacket(p, r.message) ==
                    L2tpv3ControlDecodeError::NONE)
                {
                    received.push_back(r);
                }
            }));
        if (udp)
        {
            attacker->OpenUdpPort(1701, false);
        }
        helper.SetAttribute("Encapsulation", StringValue(encapsulation));
    }

    /// \param k an index \return the attacker's k-th extra address
    static Ipv4Address Source(uint32_t k)
    {
        return Ipv4Address(Ipv4Address("192.168.0.100").Get() + k);
    }

    /// \brief Install B (offering pw1), and A with a connection to B and pw1 if \p withA.
    void Install(bool withA)
    {
        b = helper.Install(nodes.Get(1));
        b->AssignStreams(2);
        b->OfferPseudowire("pw1", nullptr);
        if (withA)
        {
            a = helper.Install(nodes.Get(0));
            a->AssignStreams(1);
            a->AddPseudowire(a->AddPeer(ifs.GetAddress(0), ifs.GetAddress(1)), "pw1", nullptr);
        }
    }

    /**
     * \brief Send a control message from the attacker to B.
     * \param m the message
     * \param from the (possibly forged) source address
     * \param port the UDP source port (udp encapsulation)
     */
    void Send(const L2tpv3ControlMessage& m, Address from, uint16_t port = 1701)
    {
        if (encapsulation == "udp")
        {
            uint32_t fragments;
            attacker->SendUdp(m.ToPacket(), from, ifs.GetAddress(1), port, 1701, false, fragments);
        }
        else
        {
            attacker->SendControl(m.ToPacket(), from, ifs.GetAddress(1));
        }
    }

    /// \return the messages of a type that reached the attacker
    uint32_t Count(L2tpv3MessageType type, bool zlb = false) const
    {
        uint32_t n = 0;
        for (const auto& r : received)
        {
            n += zlb ? r.message.IsZlb()
                     : (!r.message.IsZlb() && r.message.GetMessageType() == type);
        }
        return n;
    }
};

/**
 * \param peerId the Assigned Control Connection ID (the sender's)
 * \param ccid the Control Connection ID (the recipient's)
 * \param ns Ns \param nr Nr
 * \return a StopCCN, Result Code 1
 */
L2tpv3ControlMessage
MakeStopCcn(uint32_t peerId, uint32_t ccid, uint16_t ns, uint16_t nr)
{
    L2tpv3ControlMessage m(L2tpv3MessageType::STOPCCN);
    m.SetControlConnectionId(ccid);
    m.SetNs(ns);
    m.SetNr(nr);
    m.Add(L2tpv3Avp::MakeUint32(L2tpv3AvpType::ASSIGNED_CONTROL_CONNECTION_ID, peerId));
    m.Add(L2tpv3Avp::MakeResultCode(1, 0, ""));
    return m;
}

/// A message for B's connection from another address or port: dropped, counted, nothing down.
class WrongSourceTestCase : public TestCase
{
  public:
    /**
     * \param secret the LCCEs' secret (empty: none)
     * \param udp UDP encapsulation; the forgeries then also come from A's address on
     *        another port
     */
    WrongSourceTestCase(const std::string& secret, bool udp)
        : TestCase(std::string("wrong source: forged StopCCN and CDN with B's sniffed IDs, ") +
                   (udp ? "udp" : "ip") + (secret.empty() ? ", no secret" : ", secret") +
                   ": dropped before the channel, counted, the connection stays"),
          m_secret(secret),
          m_udp(udp)
    {
    }

  private:
    void DoRun() override
    {
        AdmissionBench bench(0, m_udp);
        if (!m_secret.empty())
        {
            bench.helper.SetAttribute("Secret", StringValue(m_secret));
        }
        bench.Install(true);
        uint64_t forgeries = 0;
        uint64_t ccid = 0;
        auto forge = [&](Address from, uint16_t port) {
            // What a sniffer on the WAN learned: B's connection and session IDs, and the
            // next Ns B expects and Nr it would accept.
            auto connections = bench.b->GetConnections();
            NS_TEST_ASSERT_MSG_EQ(connections.size(), 1, "B's one connection");
            Ptr<const L2tpv3ControlConnection> c = connections.begin()->second;
            ccid = c->GetLocalId();
            Ptr<const L2tpv3ControlChannel> ch = c->GetChannel();
            auto sessions = c->GetSessions();
            NS_TEST_ASSERT_MSG_EQ(sessions.size(), 1, "B's one session");
            const L2tpv3SessionParameters& s = sessions.begin()->second->GetParameters();
            L2tpv3ControlMessage cdn(L2tpv3MessageType::CDN);
            cdn.SetControlConnectionId(c->GetLocalId());
            cdn.SetNs(ch->GetExpectedNs());
            cdn.SetNr(ch->GetNextNs());
            cdn.Add(L2tpv3Avp::MakeResultCode(1, 0, ""));
            cdn.Add(L2tpv3Avp::MakeUint32(L2tpv3AvpType::LOCAL_SESSION_ID, s.remoteSessionId));
            cdn.Add(L2tpv3Avp::MakeUint32(L2tpv3AvpType::REMOTE_SESSION_ID, s.localSessionId));
            bench.Send(cdn, from, port);
            bench.Send(MakeStopCcn(c->GetPeerId(),
                                   c->GetLocalId(),
                                   static_cast<uint16_t>(ch->GetExpectedNs() + 1),
                                   ch->GetNextNs()),
                       from,
                       port);
            forgeries += 2;
        };
        // From the attacker's own address (it sniffed the IDs), and over UDP from A's
        // address on another port.
        Simulator::Schedule(Seconds(3), [&]() {
            forge(bench.ifs.GetAddress(2), 1701);
        });
        if (m_udp)
        {
            Simulator::Schedule(Seconds(4), [&]() {
                forge(bench.ifs.GetAddress(0), 1702);
            });
        }
        uint64_t traced = 0;
        bench.b->TraceConnectWithoutContext(
            "ControlWrongSource",
            Callback<void, uint32_t, const L2tpv3ControlMessage&, const Address&>(
                [&](uint32_t id, const L2tpv3ControlMessage&, const Address&) {
                    traced += (id == ccid);
                }));
        Simulator::Stop(Seconds(8));
        Simulator::Run();
        L2tpv3LcceCounters b = bench.b->GetCounters();
        uint64_t expected = m_udp ? 4 : 2;
        NS_TEST_EXPECT_MSG_EQ(forgeries, expected, "the forgeries sent");
        NS_TEST_EXPECT_MSG_EQ(b.wrongSource, expected, "each dropped as from the wrong source");
        NS_TEST_EXPECT_MSG_EQ(traced, expected, "and traced (ControlWrongSource)");
        NS_TEST_EXPECT_MSG_EQ(b.stopCcnReceived.size(), 0, "no StopCCN taken");
        NS_TEST_EXPECT_MSG_EQ(b.cdnReceived.size(), 0, "no CDN taken");
        NS_TEST_EXPECT_MSG_EQ(b.rxDigestMissing + b.rxDigestInvalid,
                              0,
                              "dropped before the digest is checked");
        NS_TEST_EXPECT_MSG_EQ(b.duplicates + b.outOfWindow, 0, "never reached the channel");
        NS_TEST_EXPECT_MSG_EQ(bench.b->GetNSessionsUp(), 1, "B's session up");
        NS_TEST_EXPECT_MSG_EQ(bench.a->GetNSessionsUp(), 1, "A's session up");
        NS_TEST_EXPECT_MSG_EQ(b.connectionsEstablished, 1, "no reconnection");
        NS_TEST_EXPECT_MSG_EQ(bench.received.size(), 0, "nothing sent to the attacker");
        Simulator::Destroy();
    }

    std::string m_secret; //!< the secret
    bool m_udp;           //!< udp encapsulation
};

/// Control for the test above: the same forged StopCCN from A's address and port works.
class RightSourceTestCase : public TestCase
{
  public:
    RightSourceTestCase()
        : TestCase("right source (no secret): the same forged StopCCN from A's address tears "
                   "B's connection down, so the source check is what stopped it")
    {
    }

  private:
    void DoRun() override
    {
        AdmissionBench bench(0, false);
        bench.Install(true);
        Simulator::Schedule(Seconds(3), [&]() {
            Ptr<const L2tpv3ControlConnection> c = bench.b->GetConnections().begin()->second;
            Ptr<const L2tpv3ControlChannel> ch = c->GetChannel();
            bench.Send(
                MakeStopCcn(c->GetPeerId(), c->GetLocalId(), ch->GetExpectedNs(), ch->GetNextNs()),
                bench.ifs.GetAddress(0));
        });
        Simulator::Stop(Seconds(4));
        Simulator::Run();
        L2tpv3LcceCounters b = bench.b->GetCounters();
        NS_TEST_EXPECT_MSG_EQ(b.wrongSource, 0, "from the peer's address");
        NS_TEST_EXPECT_MSG_EQ(b.stopCcnReceived[1], 1, "B takes the StopCCN");
        NS_TEST_EXPECT_MSG_EQ(bench.b->GetNSessionsUp(), 0, "B's session down");
        Simulator::Destroy();
    }
};

/**
 * A flood of StopCCNs for unknown connections from K sources: replies bounded per source
 * and in total, the table of sources bounded, the rest suppressed and counted.
 */
class ReflectionFloodTestCase : public TestCase
{
  public:
    /**
     * \param sources K, forged sources (attacker addresses)
     * \param tableSize UnknownReplySources
     * \param rate UnknownReplyRate
     * \param totalRate UnknownReplyTotalRate
     */
    ReflectionFloodTestCase(uint32_t sources, uint32_t tableSize, double rate, double totalRate)
        : TestCase("reflection: 1,000 StopCCNs for unknown connections from " +
                   std::to_string(sources) + " sources in 2 s, table " + std::to_string(tableSize) +
                   ", " + std::to_string(static_cast<int>(rate)) + " per second per source, " +
                   std::to_string(static_cast<int>(totalRate)) + " per second in total"),
          m_sources(sources),
          m_tableSize(tableSize),
          m_rate(rate),
          m_totalRate(totalRate)
    {
    }

  private:
    void DoRun() override
    {
        AdmissionBench bench(m_sources, false);
        bench.helper.SetAttribute("UnknownReplyRate", DoubleValue(m_rate));
        bench.helper.SetAttribute("UnknownReplyTotalRate", DoubleValue(m_totalRate));
        bench.helper.SetAttribute("UnknownReplySources", UintegerValue(m_tableSize));
        bench.Install(false);
        const uint32_t n = 1000;
        const double seconds = 2.0;
        uint32_t peakTable = 0;
        for (uint32_t i = 0; i < n; ++i)
        {
            Simulator::Schedule(Seconds(1) + Seconds(seconds * i / n),
                                [&bench, &peakTable, i, this]() {
                                    bench.Send(MakeStopCcn(1000 + i, 0x12340000 + i, 0, 0),
                                               AdmissionBench::Source(i % m_sources));
                                    peakTable = std::max(peakTable, bench.b->GetNReplySources());
                                });
        }
        Simulator::Stop(Seconds(4));
        Simulator::Run();
        L2tpv3LcceCounters b = bench.b->GetCounters();
        std::map<Address, uint32_t> perSource;
        for (const auto& r : bench.received)
        {
            NS_TEST_EXPECT_MSG_EQ(r.message.IsZlb(), true, "only ZLBs come back");
            ++perSource[r.to];
        }
        uint64_t replies = bench.received.size();
        // A few of the flood's first packets may wait out an ARP resolution on the segment
        // (the ARP cache queues 3): what B received is the reference.
        uint64_t arrived = b.GetRx(L2tpv3MessageType::STOPCCN);
        NS_TEST_EXPECT_MSG_GT_OR_EQ(arrived, n - 5, "the flood reached B");
        NS_TEST_EXPECT_MSG_EQ(b.unknownConnection, arrived, "each for no connection");
        NS_TEST_EXPECT_MSG_EQ(b.zlbSent, replies, "every ZLB sent reached its source");
        NS_TEST_EXPECT_MSG_EQ(b.replySuppressed, arrived - replies, "the rest suppressed, counted");
        // A bucket holds max(1, rate) tokens and gains rate per second.
        auto bound = [seconds](double rate) {
            return rate == 0 ? 0 : static_cast<uint64_t>(std::max(1.0, rate) + rate * seconds);
        };
        NS_TEST_EXPECT_MSG_LT_OR_EQ(replies, bound(m_totalRate), "total within the rate");
        for (const auto& [to, k] : perSource)
        {
            NS_TEST_EXPECT_MSG_LT_OR_EQ(k, bound(m_rate), "per source within the rate");
        }
        NS_TEST_EXPECT_MSG_LT_OR_EQ(peakTable, m_tableSize, "the table never above its bound");
        if (m_rate > 0 && m_totalRate > 0)
        {
            NS_TEST_EXPECT_MSG_EQ(peakTable, std::min(m_sources, m_tableSize), "and full");
            // The tighter of the two limits is reached (to within one refill).
            double tighter = std::min(m_totalRate, m_rate * m_sources);
            NS_TEST_EXPECT_MSG_GT_OR_EQ(replies + 1,
                                        static_cast<uint64_t>(tighter * seconds),
                                        "the limit is used, not undercut");
        }
        else
        {
            NS_TEST_EXPECT_MSG_EQ(replies, 0, "0: never reply");
            NS_TEST_EXPECT_MSG_EQ(peakTable, 0, "and track no source");
        }
        Simulator::Destroy();
    }

    uint32_t m_sources;   //!< K
    uint32_t m_tableSize; //!< UnknownReplySources
    double m_rate;        //!< UnknownReplyRate
    double m_totalRate;   //!< UnknownReplyTotalRate
};

/// A peer whose connection we lost still gets its StopCCN acknowledged, byte for byte.
class LostConnectionStopCcnTestCase : public TestCase
{
  public:
    LostConnectionStopCcnTestCase()
        : TestCase("lost connection: a StopCCN for a connection B no longer has is "
                   "acknowledged with one ZLB (CCID: its Assigned ID, Nr: its Ns + 1)")
    {
    }

  private:
    void DoRun() override
    {
        AdmissionBench bench(0, false);
        bench.Install(false);
        Simulator::Schedule(Seconds(1), [&bench]() {
            bench.Send(MakeStopCcn(0xabcd, 0x5555, 7, 3), bench.ifs.GetAddress(2));
        });
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(bench.received.size(), 1, "one reply");
        const L2tpv3ControlMessage& zlb = bench.received[0].message;
        NS_TEST_EXPECT_MSG_EQ(zlb.IsZlb(), true, "a ZLB");
        NS_TEST_EXPECT_MSG_EQ(zlb.GetControlConnectionId(), 0xabcd, "to the sender's ID");
        NS_TEST_EXPECT_MSG_EQ(zlb.GetNr(), 8, "acknowledging Ns 7");
        NS_TEST_EXPECT_MSG_EQ(zlb.GetNs(), 3, "its Nr as Ns");
        L2tpv3LcceCounters b = bench.b->GetCounters();
        NS_TEST_EXPECT_MSG_EQ(b.unknownConnection, 1, "for no connection");
        NS_TEST_EXPECT_MSG_EQ(b.replySuppressed, 0, "within the rate");
        Simulator::Destroy();
    }
};

/// An SCCRQ that is not acceptable: one StopCCN, never retransmitted, no state after it.
class RefusedSccrqTestCase : public TestCase
{
  public:
    /// \param count SCCRQs sent 1 ms apart from one source
    explicit RefusedSccrqTestCase(uint32_t count)
        : TestCase("refused SCCRQ (no Ethernet pseudowire capability), " + std::to_string(count) +
                   " from one source: at most one StopCCN each within the rate, no "
                   "retransmission, no connection state"),
          m_count(count)
    {
    }

  private:
    void DoRun() override
    {
        AdmissionBench bench(0, false);
        bench.Install(false);
        uint32_t connectionsAfter = 0;
        for (uint32_t i = 0; i < m_count; ++i)
        {
            Simulator::Schedule(Seconds(1) + MilliSeconds(i), [&bench, i]() {
                L2tpv3ControlMessage sccrq(L2tpv3MessageType::SCCRQ);
                sccrq.Add(
                    L2tpv3Avp::MakeUint32(L2tpv3AvpType::ASSIGNED_CONTROL_CONNECTION_ID, 100 + i));
                // PPP only (§5.4.3): no Ethernet pseudowire, not acceptable to B.
                sccrq.Add(
                    L2tpv3Avp::MakeUint16List(L2tpv3AvpType::PSEUDOWIRE_CAPABILITIES_LIST, {7}));
                bench.Send(sccrq, bench.ifs.GetAddress(2));
            });
        }
        Simulator::Schedule(Seconds(1) + MilliSeconds(m_count) + MicroSeconds(500),
                            [&bench, &connectionsAfter]() {
                                connectionsAfter = bench.b->GetConnections().size();
                            });
        // Past a full retransmission cycle (1 + 2 + 4 + 8 + 8 ... s): nothing more comes.
        Simulator::Stop(Seconds(90));
        Simulator::Run();
        uint32_t expected = std::min<uint32_t>(m_count, 2); // the per-source burst
        L2tpv3LcceCounters b = bench.b->GetCounters();
        NS_TEST_EXPECT_MSG_EQ(bench.Count(L2tpv3MessageType::STOPCCN),
                              expected,
                              "one StopCCN per SCCRQ within the rate, on the wire");
        NS_TEST_EXPECT_MSG_EQ(bench.received.size(), expected, "and nothing else");
        NS_TEST_EXPECT_MSG_EQ(b.stopCcnSent[2], expected, "counted as sent (Result Code 2)");
        // What reached B: ns-3-dev's ARP keeps fewer packets while it resolves than 3.37's
        // (the first few SCCRQs may be lost before B's address is known).
        uint64_t arrived = b.GetRx(L2tpv3MessageType::SCCRQ);
        NS_TEST_EXPECT_MSG_GT_OR_EQ(arrived + 5, m_count, "the SCCRQs reached B");
        NS_TEST_EXPECT_MSG_EQ(b.replySuppressed, arrived - expected, "the rest suppressed");
        NS_TEST_EXPECT_MSG_EQ(b.retransmissions, 0, "never retransmitted");
        NS_TEST_EXPECT_MSG_EQ(connectionsAfter, 0, "no connection right after");
        NS_TEST_EXPECT_MSG_EQ(bench.b->GetConnections().size(), 0, "nor at the end");
        NS_TEST_EXPECT_MSG_EQ(b.stopCcnUnacknowledged, 0, "none waited for");
        if (expected > 0)
        {
            const L2tpv3ControlMessage& stop = bench.received[0].message;
            NS_TEST_EXPECT_MSG_EQ(stop.GetControlConnectionId(), 100, "to the SCCRQ's ID");
            NS_TEST_EXPECT_MSG_EQ(stop.GetNr(), 1, "acknowledging it");
        }
        Simulator::Destroy();
    }

    uint32_t m_count; //!< SCCRQs
};

/// The limiter alone: bucket arithmetic, eviction, bad parameters.
class ReplyLimiterTestCase : public TestCase
{
  public:
    ReplyLimiterTestCase()
        : TestCase("L2tpv3ReplyLimiter: bursts, refill, LRU eviction, bad parameters")
    {
    }

  private:
    void DoRun() override
    {
        L2tpv3ReplyLimiter l;
        l.Configure(2, 3, 2);
        Time t = Seconds(10);
        NS_TEST_EXPECT_MSG_EQ(l.Allow("x", t), true, "x burst 1");
        NS_TEST_EXPECT_MSG_EQ(l.Allow("x", t), true, "x burst 2");
        NS_TEST_EXPECT_MSG_EQ(l.Allow("x", t), false, "x empty");
        NS_TEST_EXPECT_MSG_EQ(l.Allow("y", t), true, "y: the total's third token");
        NS_TEST_EXPECT_MSG_EQ(l.Allow("y", t), false, "the total is empty");
        NS_TEST_EXPECT_MSG_EQ(l.Allow("x", t + MilliSeconds(500)), true, "x refilled by 1");
        NS_TEST_EXPECT_MSG_EQ(l.GetNSources(), 2, "x and y");
        l.Allow("z", t + Seconds(5)); // evicts y, the least recently used
        NS_TEST_EXPECT_MSG_EQ(l.GetNSources(), 2, "bounded");
        NS_TEST_EXPECT_MSG_EQ(l.Allow("x", t + Seconds(5)), true, "x kept, refilled");
        NS_TEST_EXPECT_MSG_EQ(l.Allow("x", t + Seconds(5)), true, "x's second token");
        NS_TEST_EXPECT_MSG_EQ(l.Allow("x", t + Seconds(5)), false, "the total's 3 taken");
        bool threw = false;
        try
        {
            l.Configure(1, 1, 0);
        }
        catch (const std::invalid_argument& e)
        {
            threw = std::string(e.what()).find("UnknownReplySources 0") != std::string::npos;
        }
        NS_TEST_EXPECT_MSG_EQ(threw, true, "0 sources refused, named");
        threw = false;
        try
        {
            l.Configure(-1, 1, 1);
        }
        catch (const std::invalid_argument& e)
        {
            threw = std::string(e.what()).find("UnknownReplyRate -1") != std::string::npos;
        }
        NS_TEST_EXPECT_MSG_EQ(threw, true, "a negative rate refused, named");
        l.Configure(0.5, 10, 4);
        NS_TEST_EXPECT_MSG_EQ(l.Allow("x", t), true, "a rate below 1 still bursts 1");
        NS_TEST_EXPECT_MSG_EQ(l.Allow("x", t + Seconds(1)), false, "half a token");
        NS_TEST_EXPECT_MSG_EQ(l.Allow("x", t + Seconds(2)), true, "one token after 2 s");
    }
};

} // namespace

/// The suite.
class L2tpv3ControlAdmissionTestSuite : public TestSuite
{
  public:
    L2tpv3ControlAdmissionTestSuite()
        : TestSuite("l2tp-control-admission")
    {
        AddTestCase(new ReplyLimiterTestCase);
        AddTestCase(new WrongSourceTestCase("", false));
        AddTestCase(new WrongSourceTestCase("s3cret", false));
        AddTestCase(new WrongSourceTestCase("", true));
        AddTestCase(new WrongSourceTestCase("s3cret", true));
        AddTestCase(new RightSourceTestCase);
        AddTestCase(new ReflectionFloodTestCase(4, 1024, 2, 5));
        AddTestCase(new ReflectionFloodTestCase(16, 1024, 2, 100));
        AddTestCase(new ReflectionFloodTestCase(64, 8, 2, 20));
        AddTestCase(new ReflectionFloodTestCase(4, 1024, 0, 20));
        AddTestCase(new LostConnectionStopCcnTestCase);
        AddTestCase(new RefusedSccrqTestCase(1));
        AddTestCase(new RefusedSccrqTestCase(50));
    }
};

static L2tpv3ControlAdmissionTestSuite g_l2tpv3ControlAdmissionTestSuite; //!< registers the suite
