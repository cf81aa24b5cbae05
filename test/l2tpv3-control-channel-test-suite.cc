/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The reliable control channel (RFC 3931 §4.2, Appendix A): Ns/Nr modulo
// 2^16, ZLB and explicit ACK, retransmission with capped exponential
// backoff and MaxRetries, duplicates acknowledged and dropped, in-order
// delivery within our Receive Window Size, slow start and congestion
// avoidance. Two channels are wired through a scripted link (fixed delay,
// drops, duplicates and extra delays by rule), so every time is exact.

#include "l2tpv3-fake-control-owner.h"

#include "ns3/boolean.h"
#include "ns3/callback.h"
#include "ns3/l2tpv3-avp.h"
#include "ns3/l2tpv3-control-channel.h"
#include "ns3/l2tpv3-control-message.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/ptr.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <cstdint>
#include <functional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// A message on the wire or delivered, with the time it happened.
struct WireEvent
{
    Time at;                      //!< when
    int from;                     //!< the channel that sent it (0 or 1)
    L2tpv3ControlMessage message; //!< the message
};

/**
 * \ingroup l2tp-tests
 * \param m a message
 * \return true for a ZLB or an explicit ACK
 */
bool
IsAck(const L2tpv3ControlMessage& m)
{
    return m.IsZlb() || m.GetMessageType() == L2tpv3MessageType::ACK;
}

/**
 * \ingroup l2tp-tests
 * \param mark a number carried in the message
 * \return a HELLO carrying \p mark (in a Local Session ID AVP, M = 0)
 */
L2tpv3ControlMessage
Hello(uint32_t mark)
{
    L2tpv3ControlMessage m(L2tpv3MessageType::HELLO);
    m.Add(L2tpv3Avp::MakeUint32(L2tpv3AvpType::LOCAL_SESSION_ID, mark, false));
    return m;
}

/**
 * \ingroup l2tp-tests
 * \param m a message made by Hello()
 * \return its mark
 */
uint32_t
Mark(const L2tpv3ControlMessage& m)
{
    uint32_t mark = UINT32_MAX;
    m.GetUint32(L2tpv3AvpType::LOCAL_SESSION_ID, mark);
    return mark;
}

/**
 * \ingroup l2tp-tests
 * \param nr the Nr
 * \param type ZLB or ACK
 * \return an acknowledgement to feed a channel by hand
 */
L2tpv3ControlMessage
Ack(uint16_t nr, L2tpv3MessageType type = L2tpv3MessageType::ZLB)
{
    L2tpv3ControlMessage m(type);
    m.SetNr(nr);
    return m;
}

/**
 * \ingroup l2tp-tests
 * \param ns the Ns
 * \param nr the Nr
 * \return a HELLO with Ns and Nr set, to feed a channel by hand
 */
L2tpv3ControlMessage
Sequenced(uint16_t ns, uint16_t nr = 0)
{
    L2tpv3ControlMessage m = Hello(ns);
    m.SetNs(ns);
    m.SetNr(nr);
    return m;
}

/**
 * \ingroup l2tp-tests
 * \brief Two control channels joined by a link with a fixed delay that drops,
 * duplicates or delays messages by rule, recording everything.
 */
class ScriptedLink
{
  public:
    /// What the link does with one message.
    struct Verdict
    {
        bool drop{false};         //!< lose it
        bool duplicate{false};    //!< deliver a second copy DuplicateGap later
        Time extraDelay{Time(0)}; //!< added to the link delay (reordering)
    };

    /// A rule: (sender 0 or 1, message, index of the message on the wire from that sender).
    using Rule = std::function<Verdict(int, const L2tpv3ControlMessage&, uint64_t)>;

    /**
     * \param delay one-way delay
     * \param record keep every message sent and delivered
     */
    explicit ScriptedLink(Time delay = MilliSeconds(10), bool record = true)
        : m_delay(delay),
          m_record(record)
    {
        for (int i = 0; i < 2; ++i)
        {
            channel[i] = CreateObject<L2tpv3ControlChannel>();
            owner[i].transmit = [this, i](const L2tpv3ControlMessage& m) {
                Forward(i, m);
            };
            owner[i].deliver = [this, i](const L2tpv3ControlMessage& m) {
                ++deliveredCount[i];
                if (m_record)
                {
                    delivered[i].push_back({Simulator::Now(), i, m});
                }
            };
            owner[i].peerTimeout = [this, i]() {
                ++failures[i];
                failedAt[i] = Simulator::Now();
            };
            channel[i]->SetOwner(&owner[i]);
        }
    }

    /// Dispose of both channels (before Simulator::Destroy) and destroy the simulator.
    void Finish()
    {
        for (auto& c : channel)
        {
            c->Dispose();
        }
        Simulator::Destroy();
    }

    /**
     * \param from 0 or 1
     * \return the sequenced messages \p from put on the wire (retransmissions included)
     */
    std::vector<WireEvent> SentSequenced(int from) const
    {
        std::vector<WireEvent> out;
        for (const auto& e : sent)
        {
            if (e.from == from && !IsAck(e.message))
            {
                out.push_back(e);
            }
        }
        return out;
    }

    /**
     * \param from 0 or 1
     * \return the ZLBs and ACKs \p from put on the wire
     */
    std::vector<WireEvent> SentAcks(int from) const
    {
        std::vector<WireEvent> out;
        for (const auto& e : sent)
        {
            if (e.from == from && IsAck(e.message))
            {
                out.push_back(e);
            }
        }
        return out;
    }

    Ptr<L2tpv3ControlChannel> channel[2];    //!< the two ends
    l2tptest::FunctionChannelOwner owner[2]; //!< their owners
    Rule rule;                               //!< what to do with each message (none: deliver)
    Time duplicateGap{MilliSeconds(5)};      //!< how much later a duplicate arrives
    std::vector<WireEvent> sent;             //!< every message put on the wire
    std::vector<WireEvent> delivered[2];     //!< messages delivered to each end's upper level
    uint64_t deliveredCount[2]{0, 0};        //!< how many
    uint64_t dropped{0};                     //!< messages the link lost
    int failures[2]{0, 0};                   //!< PeerTimeout calls per end
    Time failedAt[2];                        //!< when

  private:
    /**
     * \param from the sender
     * \param m the message
     */
    void Forward(int from, const L2tpv3ControlMessage& m)
    {
        const uint64_t index = m_wireIndex[from]++;
        if (m_record)
        {
            sent.push_back({Simulator::Now(), from, m});
        }
        const Verdict v = rule ? rule(from, m, index) : Verdict{};
        if (v.drop)
        {
            ++dropped;
            return;
        }
        Ptr<L2tpv3ControlChannel> to = channel[1 - from];
        Simulator::Schedule(m_delay + v.extraDelay, [to, m]() {
            to->Receive(m);
        });
        if (v.duplicate)
        {
            Simulator::Schedule(m_delay + v.extraDelay + duplicateGap, [to, m]() {
                to->Receive(m);
            });
        }
    }

    Time m_delay;                  //!< one-way delay
    bool m_record;                 //!< keep the messages
    uint64_t m_wireIndex[2]{0, 0}; //!< messages sent by each end
};

/**
 * \ingroup l2tp-tests
 * \brief One channel alone: what it transmits is recorded, the test feeds it by hand.
 */
struct LoneChannel
{
    LoneChannel()
    {
        channel = CreateObject<L2tpv3ControlChannel>();
        owner.transmit = [this](const L2tpv3ControlMessage& m) {
            sent.push_back({Simulator::Now(), 0, m});
        };
        owner.deliver = [this](const L2tpv3ControlMessage& m) {
            delivered.push_back({Simulator::Now(), 0, m});
        };
        channel->SetOwner(&owner);
        channel->TraceConnectWithoutContext(
            "Drop",
            Callback<void, const L2tpv3ControlMessage&, L2tpv3ControlDropReason>(
                [this](const L2tpv3ControlMessage& m, L2tpv3ControlDropReason reason) {
                    drops.push_back(reason);
                }));
    }

    /// Dispose of the channel and destroy the simulator.
    void Finish()
    {
        channel->Dispose();
        Simulator::Destroy();
    }

    Ptr<L2tpv3ControlChannel> channel;            //!< the channel
    l2tptest::FunctionChannelOwner owner;         //!< its owner
    std::vector<WireEvent> sent;                  //!< what it transmitted
    std::vector<WireEvent> delivered;             //!< what it delivered
    std::vector<L2tpv3ControlDropReason> drops{}; //!< Drop trace reasons
};

/**
 * \ingroup l2tp-tests
 * \brief RFC 3931 §4.2 sequence comparison, including the 32767/32768 boundary
 * and the RFC's own example (last received 15).
 */
class SeqLessTruthTableTestCase : public TestCase
{
  public:
    SeqLessTruthTableTestCase()
        : TestCase("L2tpv3SeqLess: a < b when a lies 1 to 32767 behind b modulo 65536")
    {
    }

  private:
    void DoRun() override
    {
        struct Row
        {
            uint16_t a;
            uint16_t b;
            bool less;
        };

        const Row rows[] = {
            {0, 1, true},          {1, 0, false},         {5, 5, false},
            {0, 0, false},         {65535, 0, true},      {0, 65535, false},
            {65534, 1, true},      {1, 65534, false},     {0, 32767, true},
            {0, 32768, false},     {32768, 0, false},     {32767, 0, false},
            {32769, 0, true},      {100, 32867, true},    {100, 32868, false},
            {32868, 100, false},   {32869, 100, true},    {65535, 32766, true},
            {65535, 32767, false}, {32767, 65535, false}, {40000, 40001, true},
        };
        for (const auto& r : rows)
        {
            NS_TEST_EXPECT_MSG_EQ(L2tpv3SeqLess(r.a, r.b),
                                  r.less,
                                  "SeqLess(" << r.a << ", " << r.b << ")");
        }
        // §4.2's example: with 15 the last received, 0..15 and 32784..65535 are
        // "less than or equal": x == 15 or SeqLess(x, 15).
        for (uint32_t x = 0; x < 65536; ++x)
        {
            const auto v = static_cast<uint16_t>(x);
            const bool lessOrEqual = v == 15 || L2tpv3SeqLess(v, 15);
            const bool rfc = x <= 15 || x >= 32784;
            if (lessOrEqual != rfc)
            {
                NS_TEST_EXPECT_MSG_EQ(lessOrEqual, rfc, "RFC 3931 §4.2 example, x = " << x);
            }
        }
    }
};

/**
 * \ingroup l2tp-tests
 * \brief The first message has Ns 0, the next ones consecutive numbers; all
 * delivered in order, once.
 */
class NsFromZeroTestCase : public TestCase
{
  public:
    NsFromZeroTestCase()
        : TestCase("Ns starts at 0 and increases by one per message")
    {
    }

  private:
    void DoRun() override
    {
        ScriptedLink link;
        link.channel[0]->SetPeerReceiveWindow(8);
        link.channel[0]->SetPeerControlConnectionId(0x1234);
        for (uint32_t i = 0; i < 6; ++i)
        {
            link.channel[0]->Send(Hello(i));
        }
        Simulator::Run();
        const auto sent = link.SentSequenced(0);
        NS_TEST_ASSERT_MSG_EQ(sent.size(), 6, "each message sent once");
        for (uint32_t i = 0; i < sent.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(sent[i].message.GetNs(), i, "Ns of message " << i);
            NS_TEST_EXPECT_MSG_EQ(Mark(sent[i].message), i, "sent in Send() order");
            NS_TEST_EXPECT_MSG_EQ(sent[i].message.GetControlConnectionId(),
                                  0x1234,
                                  "the peer's Control Connection ID");
        }
        NS_TEST_ASSERT_MSG_EQ(link.delivered[1].size(), 6, "all delivered");
        for (uint32_t i = 0; i < 6; ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(Mark(link.delivered[1][i].message), i, "in order");
        }
        NS_TEST_EXPECT_MSG_EQ(link.channel[0]->GetNextNs(), 6, "next Ns");
        NS_TEST_EXPECT_MSG_EQ(link.channel[1]->GetExpectedNs(), 6, "peer's Nr");
        NS_TEST_EXPECT_MSG_EQ(link.channel[0]->IsIdle(), true, "all acknowledged");
        NS_TEST_EXPECT_MSG_EQ(link.channel[0]->GetCounters().txMessages, 6, "txMessages");
        NS_TEST_EXPECT_MSG_EQ(link.channel[0]->GetCounters().acked, 6, "acked");
        NS_TEST_EXPECT_MSG_EQ(link.channel[1]->GetCounters().rxMessages, 6, "rxMessages");
        NS_TEST_EXPECT_MSG_EQ(link.channel[0]->GetCounters().retransmissions, 0, "no loss");
        link.Finish();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief A message sent within AckDelay of a delivery carries the acknowledgement:
 * its Nr covers what was delivered and no ZLB is sent.
 */
class NrPiggybackedTestCase : public TestCase
{
  public:
    NrPiggybackedTestCase()
        : TestCase("Nr is piggybacked on the next message: no ZLB")
    {
    }

  private:
    void DoRun() override
    {
        ScriptedLink link;
        link.channel[0]->Send(Hello(0)); // arrives at 10 ms
        Simulator::Schedule(MilliSeconds(50), [&link]() {
            link.channel[1]->Send(Hello(100));
        });
        Simulator::Run();
        const auto reply = link.SentSequenced(1);
        NS_TEST_ASSERT_MSG_EQ(reply.size(), 1, "one reply");
        NS_TEST_EXPECT_MSG_EQ(reply[0].message.GetNs(), 0, "its own Ns");
        NS_TEST_EXPECT_MSG_EQ(reply[0].message.GetNr(), 1, "acknowledges Ns 0");
        NS_TEST_EXPECT_MSG_EQ(link.SentAcks(1).size(), 0, "no ZLB from the replier");
        NS_TEST_EXPECT_MSG_EQ(link.channel[1]->GetCounters().zlbSent, 0, "zlbSent");
        NS_TEST_EXPECT_MSG_EQ(link.channel[0]->IsIdle(), true, "acknowledged by the reply");
        // The reply itself is acknowledged by a ZLB AckDelay after it arrived (60 ms).
        const auto acks = link.SentAcks(0);
        NS_TEST_ASSERT_MSG_EQ(acks.size(), 1, "one ZLB from the first sender");
        NS_TEST_EXPECT_MSG_EQ(acks[0].at, MilliSeconds(160), "at 60 ms + AckDelay");
        link.Finish();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief With nothing to piggyback on, the receiver sends a ZLB exactly AckDelay
 * after the delivery, with its next Ns and the new Nr.
 */
class ZlbAfterAckDelayTestCase : public TestCase
{
  public:
    ZlbAfterAckDelayTestCase()
        : TestCase("ZLB sent exactly AckDelay after a delivery when nothing is sent")
    {
    }

  private:
    void DoRun() override
    {
        ScriptedLink link;
        link.channel[1]->SetAttribute("AckDelay", TimeValue(MilliSeconds(250)));
        link.channel[0]->Send(Hello(0));
        link.channel[0]->Send(Hello(1)); // waits for the window (CWND 1)
        Simulator::Run();
        const auto acks = link.SentAcks(1);
        NS_TEST_ASSERT_MSG_EQ(acks.size(), 2, "one ZLB per message");
        NS_TEST_EXPECT_MSG_EQ(acks[0].at, MilliSeconds(260), "10 ms + AckDelay");
        NS_TEST_EXPECT_MSG_EQ(acks[0].message.IsZlb(), true, "a ZLB (no AVPs)");
        NS_TEST_EXPECT_MSG_EQ(acks[0].message.GetNr(), 1, "acknowledges Ns 0");
        // The second message leaves when the first ZLB arrives (270 ms), lands at 280 ms.
        NS_TEST_EXPECT_MSG_EQ(link.SentSequenced(0)[1].at, MilliSeconds(270), "window opened");
        NS_TEST_EXPECT_MSG_EQ(acks[1].at, MilliSeconds(530), "280 ms + AckDelay");
        NS_TEST_EXPECT_MSG_EQ(acks[1].message.GetNr(), 2, "acknowledges Ns 1");
        NS_TEST_EXPECT_MSG_EQ(link.channel[1]->GetCounters().zlbSent, 2, "zlbSent");
        NS_TEST_EXPECT_MSG_EQ(link.channel[0]->GetCounters().zlbReceived, 2, "zlbReceived");
        NS_TEST_EXPECT_MSG_EQ(link.channel[0]->IsIdle(), true, "all acknowledged");
        NS_TEST_EXPECT_MSG_EQ(link.channel[1]->GetNextNs(), 0, "ZLBs take no Ns");
        link.Finish();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Acknowledgements are not held back once half our window waits for one (§4.2):
 * the peer may be stalled on its window.
 */
class ZlbWhenHalfWindowOwedTestCase : public TestCase
{
  public:
    ZlbWhenHalfWindowOwedTestCase()
        : TestCase("a ZLB at once when half the Receive Window waits for an acknowledgement")
    {
    }

  private:
    void DoRun() override
    {
        for (uint16_t n : {7, 8})
        {
            Ptr<L2tpv3ControlChannel> channel = CreateObject<L2tpv3ControlChannel>();
            channel->SetAttribute("ReceiveWindowSize", UintegerValue(16));
            channel->SetAttribute("AckDelay", TimeValue(MilliSeconds(100)));
            std::vector<std::pair<Time, L2tpv3ControlMessage>> sent;
            l2tptest::FunctionChannelOwner owner;
            owner.transmit = [&sent](const L2tpv3ControlMessage& m) {
                sent.emplace_back(Simulator::Now(), m);
            };
            channel->SetOwner(&owner);
            Simulator::Schedule(MilliSeconds(5), [channel, n]() {
                for (uint16_t ns = 0; ns < n; ++ns)
                {
                    L2tpv3ControlMessage m = Hello(ns);
                    m.SetNs(ns);
                    channel->Receive(m);
                }
            });
            Simulator::Run();
            NS_TEST_ASSERT_MSG_EQ(sent.size(), 1, "one ZLB for " << n << " messages");
            if (sent.size() == 1)
            {
                NS_TEST_EXPECT_MSG_EQ(sent[0].second.IsZlb(), true, "a ZLB");
                NS_TEST_EXPECT_MSG_EQ(sent[0].second.GetNr(), n, "acknowledges all");
                Time expected = n == 8 ? MilliSeconds(5) : MilliSeconds(105);
                NS_TEST_EXPECT_MSG_EQ(sent[0].first, expected, "8 at once, 7 after AckDelay");
            }
            channel->Close();
            Simulator::Destroy();
        }
    }
};

/**
 * \ingroup l2tp-tests
 * \brief A ZLB carries the next Ns to be used, and the next message uses that
 * Ns too (as in the capture: ACK ns=1 nr=2, then ICRP ns=1).
 */
class ZlbNsIsNextNsTestCase : public TestCase
{
  public:
    ZlbNsIsNextNsTestCase()
        : TestCase("a ZLB carries the next Ns, which the next message then uses")
    {
    }

  private:
    void DoRun() override
    {
        ScriptedLink link;
        link.channel[1]->Send(Hello(100)); // B: Ns 0
        Simulator::Schedule(Seconds(1), [&link]() {
            link.channel[0]->Send(Hello(0));
        });
        Simulator::Schedule(Seconds(2), [&link]() {
            link.channel[0]->Send(Hello(1));
        });
        Simulator::Schedule(Seconds(3), [&link]() {
            link.channel[1]->Send(Hello(101));
        });
        Simulator::Run();
        const auto acks = link.SentAcks(1);
        NS_TEST_ASSERT_MSG_EQ(acks.size(), 2, "B acknowledged A's two messages by ZLB");
        NS_TEST_EXPECT_MSG_EQ(acks[0].message.GetNs(), 1, "B's next Ns after its Ns 0");
        NS_TEST_EXPECT_MSG_EQ(acks[0].message.GetNr(), 1, "Nr");
        NS_TEST_EXPECT_MSG_EQ(acks[1].message.GetNs(), 1, "still 1: a ZLB takes no Ns");
        NS_TEST_EXPECT_MSG_EQ(acks[1].message.GetNr(), 2, "Nr");
        const auto sent = link.SentSequenced(1);
        NS_TEST_ASSERT_MSG_EQ(sent.size(), 2, "B's two messages");
        NS_TEST_EXPECT_MSG_EQ(sent[1].message.GetNs(), 1, "the message after the ZLBs: Ns 1");
        NS_TEST_EXPECT_MSG_EQ(sent[1].message.GetNr(), 2, "Nr");
        NS_TEST_EXPECT_MSG_EQ(link.channel[0]->GetExpectedNs(), 2, "A delivered B's two");
        link.Finish();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief An explicit ACK (message type 20, §5.4.1) acknowledges like a ZLB: it
 * takes no Ns and is not delivered; with ExplicitAck the channel sends ACKs.
 */
class ExplicitAckTestCase : public TestCase
{
  public:
    ExplicitAckTestCase()
        : TestCase("an explicit ACK (type 20) is processed like a ZLB and sent with ExplicitAck")
    {
    }

  private:
    void DoRun() override
    {
        ScriptedLink link;
        link.channel[1]->SetAttribute("ExplicitAck", BooleanValue(true));
        link.channel[0]->Send(Hello(0));
        link.channel[0]->Send(Hello(1));
        Simulator::Run();
        const auto acks = link.SentAcks(1);
        NS_TEST_ASSERT_MSG_EQ(acks.size(), 2, "two acknowledgements");
        for (const auto& a : acks)
        {
            NS_TEST_EXPECT_MSG_EQ(a.message.GetMessageType(),
                                  L2tpv3MessageType::ACK,
                                  "an ACK message, not a ZLB");
            NS_TEST_EXPECT_MSG_EQ(a.message.GetNs(), 0, "takes no Ns");
        }
        NS_TEST_EXPECT_MSG_EQ(link.channel[0]->IsIdle(), true, "ACKs flushed the queue");
        NS_TEST_EXPECT_MSG_EQ(link.channel[0]->GetCounters().zlbReceived, 2, "counted");
        NS_TEST_EXPECT_MSG_EQ(link.channel[0]->GetExpectedNs(), 0, "an ACK takes no Ns");
        NS_TEST_EXPECT_MSG_EQ(link.delivered[0].size(), 0, "an ACK is not delivered");
        NS_TEST_EXPECT_MSG_EQ(link.channel[1]->GetNextNs(), 0, "B's Ns untouched");
        link.Finish();

        // By hand: an ACK with Nr 1 flushes Ns 0 exactly as a ZLB would.
        LoneChannel lone;
        lone.channel->Send(Hello(0));
        lone.channel->Receive(Ack(1, L2tpv3MessageType::ACK));
        NS_TEST_EXPECT_MSG_EQ(lone.channel->GetInFlight(), 0, "acknowledged");
        NS_TEST_EXPECT_MSG_EQ(lone.channel->GetCounters().acked, 1, "acked");
        NS_TEST_EXPECT_MSG_EQ(lone.delivered.size(), 0, "not delivered");
        lone.Finish();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief An Nr beyond the last Ns sent + 1 is invalid (§4.2): the message is dropped.
 */
class InvalidNrTestCase : public TestCase
{
  public:
    InvalidNrTestCase()
        : TestCase("an Nr beyond the last Ns sent + 1 drops the message")
    {
    }

  private:
    void DoRun() override
    {
        LoneChannel lone;
        lone.channel->Send(Hello(0)); // Ns 0: valid Nr are 0 and 1
        lone.channel->Receive(Ack(2));
        lone.channel->Receive(Sequenced(0, 3));
        NS_TEST_EXPECT_MSG_EQ(lone.channel->GetInFlight(), 1, "nothing acknowledged");
        NS_TEST_EXPECT_MSG_EQ(lone.delivered.size(), 0, "nothing delivered");
        NS_TEST_ASSERT_MSG_EQ(lone.drops.size(), 2, "two drops");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3ControlDropReasonName(lone.drops[0]), "invalid_nr", "reason");
        lone.channel->Receive(Sequenced(0, 1));
        NS_TEST_EXPECT_MSG_EQ(lone.channel->GetInFlight(), 0, "Nr 1 is valid");
        NS_TEST_EXPECT_MSG_EQ(lone.delivered.size(), 1, "delivered");
        lone.Finish();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief One lost message is sent again exactly RetransmitTimeout later, with its
 * Ns and the current Nr; the backoff starts again after the acknowledgement.
 */
class RetransmitAfterLossTestCase : public TestCase
{
  public:
    RetransmitAfterLossTestCase()
        : TestCase("a lost message is retransmitted at exactly 1 s with the current Nr")
    {
    }

  private:
    void DoRun() override
    {
        ScriptedLink link;
        link.rule = [](int from, const L2tpv3ControlMessage& m, uint64_t index) {
            ScriptedLink::Verdict v;
            v.drop = from == 0 && index == 0; // A's first message
            return v;
        };
        int retransmitTraces = 0;
        link.channel[0]->TraceConnectWithoutContext(
            "Retransmit",
            Callback<void, const L2tpv3ControlMessage&>(
                [&retransmitTraces](const L2tpv3ControlMessage&) {
                    ++retransmitTraces;
                }));
        link.channel[0]->Send(Hello(0));
        // B sends to A meanwhile: A's retransmission must carry the new Nr.
        Simulator::Schedule(MilliSeconds(500), [&link]() {
            link.channel[1]->Send(Hello(100));
        });
        // A later message starts with a fresh 1 s timeout.
        Simulator::Schedule(Seconds(5), [&link]() {
            link.channel[0]->Send(Hello(1));
        });
        link.rule = [rule = link.rule](int from, const L2tpv3ControlMessage& m, uint64_t index) {
            ScriptedLink::Verdict v = rule(from, m, index);
            v.drop = v.drop ||
                     (from == 0 && !IsAck(m) && m.GetNs() == 1 && Simulator::Now() == Seconds(5));
            return v;
        };
        Simulator::Run();
        const auto sent = link.SentSequenced(0);
        NS_TEST_ASSERT_MSG_EQ(sent.size(), 4, "two messages, each sent twice");
        NS_TEST_EXPECT_MSG_EQ(sent[0].at, Seconds(0), "first transmission");
        NS_TEST_EXPECT_MSG_EQ(sent[0].message.GetNr(), 0, "Nr then");
        NS_TEST_EXPECT_MSG_EQ(sent[1].at, Seconds(1), "retransmitted at exactly 1 s");
        NS_TEST_EXPECT_MSG_EQ(sent[1].message.GetNs(), 0, "same Ns");
        NS_TEST_EXPECT_MSG_EQ(sent[1].message.GetNr(), 1, "current Nr");
        NS_TEST_EXPECT_MSG_EQ(Mark(sent[1].message), 0, "same message");
        NS_TEST_EXPECT_MSG_EQ(sent[3].at, Seconds(6), "the next message: 1 s again");
        NS_TEST_EXPECT_MSG_EQ(sent[3].message.GetNs(), 1, "Ns 1");
        NS_TEST_EXPECT_MSG_EQ(link.deliveredCount[1], 2, "each delivered once");
        NS_TEST_EXPECT_MSG_EQ(link.delivered[1][0].at,
                              Seconds(1) + MilliSeconds(10),
                              "delivered on retransmission");
        NS_TEST_EXPECT_MSG_EQ(link.channel[0]->GetCounters().retransmissions, 2, "counted");
        NS_TEST_EXPECT_MSG_EQ(retransmitTraces, 2, "Retransmit trace");
        NS_TEST_EXPECT_MSG_EQ(link.channel[0]->IsIdle(), true, "all acknowledged");
        link.Finish();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Nothing ever arrives: retransmissions after 1, 2, 4, 8, 8, ... s
 * (capped), then after MaxRetries the owner is told once (PeerTimeout), exactly
 * GetFullRetransmissionCycle() after the first transmission.
 */
class BackoffAndFailureTestCase : public TestCase
{
  public:
    /**
     * \param timeout RetransmitTimeout
     * \param cap RetransmitCap
     * \param retries MaxRetries
     * \param expected the expected retransmission times, then the failure time
     */
    BackoffAndFailureTestCase(Time timeout, Time cap, uint32_t retries, std::vector<Time> expected)
        : TestCase(Name(timeout, cap, retries)),
          m_timeout(timeout),
          m_cap(cap),
          m_retries(retries),
          m_expected(std::move(expected))
    {
    }

  private:
    /**
     * \param timeout RetransmitTimeout
     * \param cap RetransmitCap
     * \param retries MaxRetries
     * \return the test case's name
     */
    static std::string Name(Time timeout, Time cap, uint32_t retries)
    {
        std::ostringstream os;
        os << "backoff from " << timeout.As(Time::MS) << " capped at " << cap.As(Time::MS)
           << ", MaxRetries " << retries << ": exact times, PeerTimeout once";
        return os.str();
    }

    void DoRun() override
    {
        ScriptedLink link;
        link.channel[0]->SetAttribute("RetransmitTimeout", TimeValue(m_timeout));
        link.channel[0]->SetAttribute("RetransmitCap", TimeValue(m_cap));
        link.channel[0]->SetAttribute("MaxRetries", UintegerValue(m_retries));
        link.rule = [](int from, const L2tpv3ControlMessage&, uint64_t) {
            ScriptedLink::Verdict v;
            v.drop = from == 0; // the peer never hears A
            return v;
        };
        link.channel[0]->Send(Hello(0));
        link.channel[0]->Send(Hello(1));
        Simulator::Stop(Seconds(1000));
        Simulator::Run();
        const auto sent = link.SentSequenced(0);
        NS_TEST_ASSERT_MSG_EQ(sent.size(), m_retries + 1, "one transmission + MaxRetries");
        for (uint32_t i = 1; i < sent.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(sent[i].at, m_expected[i - 1], "retransmission " << i);
            NS_TEST_EXPECT_MSG_EQ(sent[i].message.GetNs(), 0, "always the oldest");
        }
        NS_TEST_EXPECT_MSG_EQ(link.failures[0], 1, "PeerTimeout once");
        NS_TEST_EXPECT_MSG_EQ(link.failedAt[0], m_expected.back(), "at the exact time");
        NS_TEST_EXPECT_MSG_EQ(link.channel[0]->GetFullRetransmissionCycle(),
                              m_expected.back(),
                              "GetFullRetransmissionCycle");
        NS_TEST_EXPECT_MSG_EQ(link.channel[0]->GetCounters().timeouts, 1, "timeouts");
        NS_TEST_EXPECT_MSG_EQ(link.channel[0]->GetCounters().retransmissions,
                              m_retries,
                              "retransmissions");
        NS_TEST_EXPECT_MSG_EQ(link.channel[0]->GetCounters().txMessages, 1, "CWND 1: one sent");
        NS_TEST_EXPECT_MSG_EQ(link.sent.back().at, m_expected[m_retries - 1], "then silence");
        NS_TEST_EXPECT_MSG_EQ(link.channel[0]->IsIdle(), true, "the channel stopped");
        link.channel[0]->Send(Hello(2));
        NS_TEST_EXPECT_MSG_EQ(link.SentSequenced(0).size(), m_retries + 1, "nothing more sent");
        link.Finish();
    }

    Time m_timeout;               //!< RetransmitTimeout
    Time m_cap;                   //!< RetransmitCap
    uint32_t m_retries;           //!< MaxRetries
    std::vector<Time> m_expected; //!< retransmission times, then the failure time
};

/**
 * \ingroup l2tp-tests
 * \brief A lost ZLB makes the sender retransmit; the receiver recognises the
 * duplicate, acknowledges it at once with a ZLB and does not deliver it again.
 */
class DuplicateAcknowledgedTestCase : public TestCase
{
  public:
    DuplicateAcknowledgedTestCase()
        : TestCase("a duplicate is acknowledged at once by a ZLB, counted, not delivered")
    {
    }

  private:
    void DoRun() override
    {
        ScriptedLink link;
        link.rule = [](int from, const L2tpv3ControlMessage& m, uint64_t index) {
            ScriptedLink::Verdict v;
            v.drop = from == 1 && index == 0;                       // B's first ZLB is lost
            v.duplicate = from == 0 && !IsAck(m) && m.GetNs() == 1; // Ns 1 arrives twice
            return v;
        };
        std::vector<L2tpv3ControlDropReason> drops;
        link.channel[1]->TraceConnectWithoutContext(
            "Drop",
            Callback<void, const L2tpv3ControlMessage&, L2tpv3ControlDropReason>(
                [&drops](const L2tpv3ControlMessage&, L2tpv3ControlDropReason r) {
                    drops.push_back(r);
                }));
        link.channel[0]->Send(Hello(0));
        Simulator::Schedule(Seconds(3), [&link]() {
            link.channel[0]->Send(Hello(1));
        });
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(link.deliveredCount[1], 2, "each delivered once");
        NS_TEST_EXPECT_MSG_EQ(link.channel[1]->GetCounters().duplicates, 2, "two duplicates");
        NS_TEST_ASSERT_MSG_EQ(drops.size(), 2, "Drop trace");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3ControlDropReasonName(drops[0]), "duplicate", "reason");
        const auto acks = link.SentAcks(1);
        NS_TEST_ASSERT_MSG_EQ(acks.size(), 3, "ZLBs: 1 after AckDelay, 2 at once");
        NS_TEST_EXPECT_MSG_EQ(acks[0].at, MilliSeconds(110), "lost ZLB");
        NS_TEST_EXPECT_MSG_EQ(acks[1].at,
                              Seconds(1) + MilliSeconds(10),
                              "the retransmission is acknowledged on arrival");
        NS_TEST_EXPECT_MSG_EQ(acks[1].message.GetNr(), 1, "Nr");
        // The copy arrives 5 ms after Ns 1: its ZLB also stands for Ns 1's own.
        NS_TEST_EXPECT_MSG_EQ(acks[2].at,
                              Seconds(3) + MilliSeconds(15),
                              "the copy of Ns 1 is acknowledged on arrival");
        NS_TEST_EXPECT_MSG_EQ(acks[2].message.GetNr(), 2, "Nr");
        NS_TEST_EXPECT_MSG_EQ(link.channel[0]->IsIdle(), true, "all acknowledged");
        NS_TEST_EXPECT_MSG_EQ(link.channel[0]->GetCounters().retransmissions, 1, "one resend");
        link.Finish();

        // §4.2's range: with 15 the last received, 32784 is a duplicate, 32783 is not.
        LoneChannel lone;
        for (uint16_t ns = 0; ns < 16; ++ns)
        {
            lone.channel->Receive(Sequenced(ns));
        }
        lone.channel->Receive(Sequenced(32784));
        lone.channel->Receive(Sequenced(32783));
        NS_TEST_EXPECT_MSG_EQ(lone.delivered.size(), 16, "16 delivered");
        NS_TEST_EXPECT_MSG_EQ(lone.channel->GetCounters().duplicates, 1, "32784 <= 15");
        NS_TEST_EXPECT_MSG_EQ(lone.channel->GetCounters().outOfWindow, 1, "32783 > 15");
        lone.Finish();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Messages that arrive early are held and delivered in Ns order once the
 * missing ones arrive, across the wrap of the sequence space too.
 */
class ReorderDeliveredInOrderTestCase : public TestCase
{
  public:
    ReorderDeliveredInOrderTestCase()
        : TestCase("reordered messages are held and delivered in order")
    {
    }

  private:
    void DoRun() override
    {
        LoneChannel lone;
        const uint16_t order[] = {3, 1, 2, 0, 5, 4};
        for (uint16_t ns : order)
        {
            lone.channel->Receive(Sequenced(ns));
        }
        NS_TEST_ASSERT_MSG_EQ(lone.delivered.size(), 6, "all delivered");
        for (uint16_t i = 0; i < 6; ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(lone.delivered[i].message.GetNs(), i, "in order");
        }
        NS_TEST_EXPECT_MSG_EQ(lone.channel->GetCounters().queuedOutOfOrder, 4, "3, 1, 2, 5 held");
        NS_TEST_EXPECT_MSG_EQ(lone.channel->GetExpectedNs(), 6, "Nr");
        lone.channel->Receive(Sequenced(2)); // a held one again is not news
        lone.channel->Receive(Sequenced(8));
        lone.channel->Receive(Sequenced(8));
        NS_TEST_EXPECT_MSG_EQ(lone.channel->GetCounters().duplicates, 2, "old and held copies");
        lone.channel->Receive(Sequenced(6));
        lone.channel->Receive(Sequenced(7));
        NS_TEST_EXPECT_MSG_EQ(lone.delivered.size(), 9, "8 delivered once after 7");
        Simulator::Run();
        const auto& sent = lone.sent;
        NS_TEST_EXPECT_MSG_EQ(sent.back().message.GetNr(), 9, "final ZLB acknowledges 0..8");
        lone.Finish();

        // Through the link: A's Ns 3, the first of a burst of 4, is late by 50 ms.
        ScriptedLink link;
        link.channel[0]->SetPeerReceiveWindow(8);
        link.rule = [](int from, const L2tpv3ControlMessage& m, uint64_t) {
            ScriptedLink::Verdict v;
            if (from == 0 && !IsAck(m) && m.GetNs() == 3)
            {
                v.extraDelay = MilliSeconds(50);
            }
            return v;
        };
        for (uint32_t i = 0; i < 8; ++i)
        {
            link.channel[0]->Send(Hello(i));
        }
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(link.delivered[1].size(), 8, "all delivered");
        for (uint32_t i = 0; i < 8; ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(Mark(link.delivered[1][i].message), i, "in order");
        }
        NS_TEST_EXPECT_MSG_EQ(link.channel[1]->GetCounters().queuedOutOfOrder, 3, "4, 5, 6 held");
        NS_TEST_EXPECT_MSG_EQ(link.channel[0]->GetCounters().retransmissions, 0, "no resend");
        link.Finish();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief A message ReceiveWindowSize or more ahead of the expected Ns is dropped,
 * counted and acknowledged; one just inside is held.
 */
class BeyondWindowDroppedTestCase : public TestCase
{
  public:
    BeyondWindowDroppedTestCase()
        : TestCase("a message beyond our Receive Window Size is dropped, counted, acked")
    {
    }

  private:
    void DoRun() override
    {
        LoneChannel lone;
        lone.channel->SetAttribute("ReceiveWindowSize", UintegerValue(4));
        lone.channel->Receive(Sequenced(4)); // Ns 0..3 are the window
        NS_TEST_EXPECT_MSG_EQ(lone.channel->GetCounters().outOfWindow, 1, "dropped");
        NS_TEST_ASSERT_MSG_EQ(lone.drops.size(), 1, "Drop trace");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3ControlDropReasonName(lone.drops[0]),
                              "out_of_window",
                              "reason");
        NS_TEST_ASSERT_MSG_EQ(lone.sent.size(), 1, "acknowledged at once");
        NS_TEST_EXPECT_MSG_EQ(lone.sent[0].message.IsZlb(), true, "by a ZLB");
        NS_TEST_EXPECT_MSG_EQ(lone.sent[0].message.GetNr(), 0, "saying what is expected");
        lone.channel->Receive(Sequenced(3));
        NS_TEST_EXPECT_MSG_EQ(lone.channel->GetCounters().queuedOutOfOrder, 1, "3 held");
        lone.channel->Receive(Sequenced(0));
        lone.channel->Receive(Sequenced(1));
        lone.channel->Receive(Sequenced(2));
        lone.channel->Receive(Sequenced(4));
        NS_TEST_ASSERT_MSG_EQ(lone.delivered.size(), 5, "0..4 delivered");
        for (uint16_t i = 0; i < 5; ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(lone.delivered[i].message.GetNs(), i, "in order");
        }
        lone.Finish();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief With a peer window of 1 (or 0, taken as 1) never more than one message
 * is in flight; all are delivered, lock-step.
 */
class PeerWindowOneTestCase : public TestCase
{
  public:
    PeerWindowOneTestCase()
        : TestCase("peer window 1: never more than one message in flight")
    {
    }

  private:
    void DoRun() override
    {
        for (uint16_t window : {1, 0})
        {
            ScriptedLink link;
            link.channel[0]->SetPeerReceiveWindow(window);
            std::size_t maxInFlight = 0;
            L2tpv3ControlChannel* a = PeekPointer(link.channel[0]); // no cycle through the trace
            a->TraceConnectWithoutContext("Tx",
                                          Callback<void, const L2tpv3ControlMessage&, bool>(
                                              [&maxInFlight, a](const L2tpv3ControlMessage&, bool) {
                                                  maxInFlight =
                                                      std::max(maxInFlight, a->GetInFlight());
                                              }));
            for (uint32_t i = 0; i < 20; ++i)
            {
                a->Send(Hello(i));
            }
            NS_TEST_EXPECT_MSG_EQ(a->GetQueued(), 19, "19 wait behind the window");
            Simulator::Run();
            NS_TEST_EXPECT_MSG_EQ(maxInFlight, 1, "window " << window);
            NS_TEST_EXPECT_MSG_EQ(link.deliveredCount[1], 20, "all delivered");
            NS_TEST_EXPECT_MSG_EQ(a->GetCongestionWindow(), 1, "CWND never above the window");
            // Lock-step: each message leaves when the previous one's ZLB arrives.
            const auto sent = link.SentSequenced(0);
            NS_TEST_EXPECT_MSG_EQ(sent[1].at, MilliSeconds(120), "10 + 100 + 10 ms");
            link.Finish();
        }
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Appendix A, exactly: CWND 1, +1 per acknowledged message up to SSTHRESH
 * (the peer's window), then +1 per CWND acknowledgements; a retransmission sets
 * SSTHRESH to CWND/2 and CWND to 1; never more new messages in flight than CWND.
 */
class CongestionWindowTestCase : public TestCase
{
  public:
    CongestionWindowTestCase()
        : TestCase("slow start and congestion avoidance: exact CWND after each ack, halving")
    {
    }

  private:
    void DoRun() override
    {
        LoneChannel lone;
        L2tpv3ControlChannel* c = PeekPointer(lone.channel); // no cycle through the trace
        c->SetPeerReceiveWindow(16);
        bool overWindow = false;
        c->TraceConnectWithoutContext(
            "Tx",
            Callback<void, const L2tpv3ControlMessage&, bool>(
                [&overWindow, c](const L2tpv3ControlMessage& m, bool retransmission) {
                    if (!retransmission && !IsAck(m) && c->GetInFlight() > c->GetCongestionWindow())
                    {
                        overWindow = true;
                    }
                }));
        for (uint32_t i = 0; i < 60; ++i)
        {
            c->Send(Hello(i));
        }
        NS_TEST_EXPECT_MSG_EQ(c->GetCongestionWindow(), 1, "CWND starts at 1");
        NS_TEST_EXPECT_MSG_EQ(c->GetSlowStartThreshold(), 16, "SSTHRESH = the peer's window");
        NS_TEST_EXPECT_MSG_EQ(c->GetInFlight(), 1, "one in flight");

        std::vector<uint16_t> cwnd;
        uint16_t nr = 0;
        auto ackOne = [&]() {
            c->Receive(Ack(++nr));
            cwnd.push_back(c->GetCongestionWindow());
        };
        // Slow start: 7 acks, one message each, 10 ms apart.
        for (int i = 1; i <= 7; ++i)
        {
            Simulator::Schedule(MilliSeconds(10 * i), ackOne);
        }
        uint16_t ssthreshAfterLoss = 0;
        uint16_t cwndAfterLoss = 0;
        uint16_t inFlightAtLoss = 0;
        // The oldest (Ns 7) times out 1 s after the last ack: at 1.07 s.
        Simulator::Schedule(MilliSeconds(1075), [&]() {
            ssthreshAfterLoss = c->GetSlowStartThreshold();
            cwndAfterLoss = c->GetCongestionWindow();
            inFlightAtLoss = c->GetInFlight();
        });
        // Then 20 single acks: slow start to SSTHRESH 4, then congestion avoidance.
        for (int i = 1; i <= 20; ++i)
        {
            Simulator::Schedule(MilliSeconds(1100 + 10 * i), ackOne);
        }
        Simulator::Stop(Seconds(2));
        Simulator::Run();

        const std::vector<uint16_t> expected = {
            2, 3, 4, 5, 6, 7, 8, // slow start, SSTHRESH 16
            2, 3, 4,             // after the loss: slow start to SSTHRESH 4
            4, 4, 4, 5,          // congestion avoidance: 4 acks for +1
            5, 5, 5, 5, 6,       // 5 acks for +1
            6, 6, 6, 6, 6, 7,    // 6 acks for +1
            7, 7,                //
        };
        NS_TEST_ASSERT_MSG_EQ(cwnd.size(), expected.size(), "acks fed");
        for (std::size_t i = 0; i < expected.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(cwnd[i], expected[i], "CWND after ack " << i + 1);
        }
        NS_TEST_EXPECT_MSG_EQ(ssthreshAfterLoss, 4, "SSTHRESH = CWND 8 / 2");
        NS_TEST_EXPECT_MSG_EQ(cwndAfterLoss, 1, "CWND = 1");
        NS_TEST_EXPECT_MSG_EQ(inFlightAtLoss, 8, "the 8 sent stay in flight");
        NS_TEST_EXPECT_MSG_EQ(c->GetCounters().retransmissions, 1, "one retransmission");
        NS_TEST_EXPECT_MSG_EQ(overWindow, false, "never more new in flight than CWND");
        lone.Finish();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief 65,540 messages: Ns wraps from 65535 to 0 and delivery stays in order,
 * with the message Ns 65535 lost once (the ones after it held across the wrap).
 */
class SequenceWrapTestCase : public TestCase
{
  public:
    SequenceWrapTestCase()
        : TestCase("Ns wraps 65535 -> 0: in order, a loss at 65535 recovered across the wrap")
    {
    }

  private:
    void DoRun() override
    {
        const uint32_t count = 65540;
        ScriptedLink link(MilliSeconds(1), false);
        link.channel[0]->SetPeerReceiveWindow(1000);
        link.channel[1]->SetAttribute("ReceiveWindowSize", UintegerValue(1000));
        link.channel[1]->SetAttribute("AckDelay", TimeValue(Seconds(0)));
        bool lost = false;
        link.rule = [&lost](int from, const L2tpv3ControlMessage& m, uint64_t) {
            ScriptedLink::Verdict v;
            if (from == 0 && !IsAck(m) && m.GetNs() == 65535 && !lost)
            {
                v.drop = lost = true;
            }
            return v;
        };
        uint32_t next = 0;
        bool inOrder = true;
        link.owner[1].deliver = [&](const L2tpv3ControlMessage& m) {
            if (Mark(m) != next || m.GetNs() != static_cast<uint16_t>(next))
            {
                inOrder = false;
            }
            ++next;
        };
        for (uint32_t i = 0; i < count; ++i)
        {
            link.channel[0]->Send(Hello(i));
        }
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(next, count, "all delivered");
        NS_TEST_EXPECT_MSG_EQ(inOrder, true, "in order, Ns = index modulo 65536");
        NS_TEST_EXPECT_MSG_EQ(lost, true, "Ns 65535 was lost once");
        NS_TEST_EXPECT_MSG_EQ(link.channel[0]->GetNextNs(), 4, "wrapped");
        NS_TEST_EXPECT_MSG_EQ(link.channel[1]->GetExpectedNs(), 4, "wrapped");
        NS_TEST_EXPECT_MSG_EQ(link.channel[0]->GetCounters().retransmissions, 1, "one resend");
        NS_TEST_EXPECT_MSG_GT(link.channel[1]->GetCounters().queuedOutOfOrder,
                              0,
                              "held across the wrap");
        NS_TEST_EXPECT_MSG_EQ(link.channel[1]->GetCounters().outOfWindow, 0, "none dropped");
        NS_TEST_EXPECT_MSG_EQ(link.channel[1]->GetCounters().duplicates, 0, "none duplicated");
        NS_TEST_EXPECT_MSG_EQ(link.channel[0]->IsIdle(), true, "all acknowledged");
        link.Finish();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief 20% loss in both directions (fixed seed), 500 messages each way: every
 * message delivered exactly once, in order, and both ends idle at the end.
 */
class RandomLossTestCase : public TestCase
{
  public:
    RandomLossTestCase()
        : TestCase("20% random loss both ways, 500 messages each way: all delivered once, "
                   "in order")
    {
    }

  private:
    void DoRun() override
    {
        const uint32_t count = 500;
        ScriptedLink link(MilliSeconds(10), false);
        std::mt19937 rng(20260101);
        link.rule = [&rng](int, const L2tpv3ControlMessage&, uint64_t) {
            ScriptedLink::Verdict v;
            v.drop = rng() < 0.2 * 4294967296.0;
            return v;
        };
        uint32_t next[2] = {0, 0};
        bool inOrder = true;
        for (int i = 0; i < 2; ++i)
        {
            link.channel[i]->SetPeerReceiveWindow(16);
            link.owner[i].deliver = [&, i](const L2tpv3ControlMessage& m) {
                inOrder = inOrder && Mark(m) == next[i];
                ++next[i];
            };
            for (uint32_t k = 0; k < count; ++k)
            {
                link.channel[i]->Send(Hello(k));
            }
        }
        Simulator::Stop(Seconds(100000));
        Simulator::Run();
        for (int i = 0; i < 2; ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(next[i], count, "all delivered to " << i);
            NS_TEST_EXPECT_MSG_EQ(link.channel[i]->IsIdle(), true, "all acknowledged " << i);
            NS_TEST_EXPECT_MSG_EQ(link.failures[i], 0, "no failure " << i);
            NS_TEST_EXPECT_MSG_GT(link.channel[i]->GetCounters().retransmissions,
                                  0,
                                  "losses recovered " << i);
        }
        NS_TEST_EXPECT_MSG_EQ(inOrder, true, "in order, each exactly once");
        NS_TEST_EXPECT_MSG_GT(link.dropped, 100, "the link lost messages");
        link.Finish();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Close() stops the timers: no retransmission, no ZLB, nothing sent or
 * delivered afterwards.
 */
class CloseSendsNothingTestCase : public TestCase
{
  public:
    CloseSendsNothingTestCase()
        : TestCase("Close() cancels the timers and sends nothing more")
    {
    }

  private:
    void DoRun() override
    {
        ScriptedLink link;
        link.rule = [](int from, const L2tpv3ControlMessage&, uint64_t) {
            ScriptedLink::Verdict v;
            v.drop = from == 0 && Simulator::Now() == Seconds(0);
            return v;
        };
        link.channel[0]->Send(Hello(0));
        link.channel[0]->Send(Hello(1));
        link.channel[1]->Send(Hello(100)); // A receives it at 10 ms, owes a ZLB at 110 ms
        Simulator::Schedule(MilliSeconds(50), [&link]() {
            link.channel[0]->Close();
        });
        Simulator::Schedule(MilliSeconds(60), [&link]() {
            link.channel[0]->Send(Hello(2));
            link.channel[0]->Receive(Sequenced(1));
        });
        Simulator::Stop(Seconds(100));
        Simulator::Run();
        std::size_t fromA = 0;
        for (const auto& e : link.sent)
        {
            fromA += e.from == 0 ? 1 : 0;
        }
        NS_TEST_EXPECT_MSG_EQ(fromA, 1, "only the first transmission");
        NS_TEST_EXPECT_MSG_EQ(link.deliveredCount[0], 1, "nothing delivered after Close");
        NS_TEST_EXPECT_MSG_EQ(link.channel[0]->IsIdle(), true, "queues dropped");
        NS_TEST_EXPECT_MSG_EQ(link.failures[0], 0, "no PeerTimeout");
        link.Finish();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief A message received after Close() is neither acknowledged nor delivered, but it
 * is counted (afterClose) and traced (Drop, "closed"): nothing is lost uncounted.
 */
class ReceiveAfterCloseCountedTestCase : public TestCase
{
  public:
    ReceiveAfterCloseCountedTestCase()
        : TestCase("a message after Close() is dropped, counted and traced")
    {
    }

  private:
    void DoRun() override
    {
        LoneChannel lone;
        lone.channel->Receive(Sequenced(0));
        NS_TEST_EXPECT_MSG_EQ(lone.delivered.size(), 1, "delivered while open");
        lone.channel->Close();
        lone.channel->Receive(Sequenced(1));
        lone.channel->Receive(Ack(0));
        Simulator::Run(); // no acknowledgement timer left to fire
        NS_TEST_EXPECT_MSG_EQ(lone.delivered.size(), 1, "nothing delivered after Close");
        NS_TEST_EXPECT_MSG_EQ(lone.sent.size(), 0, "nothing acknowledged after Close");
        const L2tpv3ControlChannelCounters& c = lone.channel->GetCounters();
        NS_TEST_EXPECT_MSG_EQ(c.afterClose, 2, "both counted");
        NS_TEST_EXPECT_MSG_EQ(c.rxMessages, 1, "the first only delivered");
        NS_TEST_EXPECT_MSG_EQ(c.zlbReceived, 0, "the ACK after Close not taken");
        NS_TEST_ASSERT_MSG_EQ(lone.drops.size(), 2, "two drops traced");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3ControlDropReasonName(lone.drops[0]), "closed", "reason");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3ControlDropReasonName(lone.drops[1]), "closed", "reason");
        lone.Finish();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief CopyObject of a channel (how a control connection makes its channels): the
 * attribute values and TypeId are copied, the state is not (nothing in flight, no
 * callback, no trace connection, counters at zero).
 */
class CopyTakesAttributesOnlyTestCase : public TestCase
{
  public:
    CopyTakesAttributesOnlyTestCase()
        : TestCase("a copied channel has the prototype's attributes and none of its state")
    {
    }

  private:
    void DoRun() override
    {
        LoneChannel lone;
        lone.channel->SetAttribute("MaxRetries", UintegerValue(3));
        lone.channel->SetAttribute("RetransmitTimeout", TimeValue(MilliSeconds(250)));
        lone.channel->Send(Hello(0));
        lone.channel->Receive(Sequenced(0, 1));
        NS_TEST_ASSERT_MSG_EQ(lone.sent.size(), 1, "the prototype sent its HELLO");
        Ptr<L2tpv3ControlChannel> copy = CopyObject<L2tpv3ControlChannel>(lone.channel);
        NS_TEST_EXPECT_MSG_EQ(copy->GetInstanceTypeId().GetName(),
                              "ns3::L2tpv3ControlChannel",
                              "the channel's TypeId");
        UintegerValue retries;
        copy->GetAttribute("MaxRetries", retries);
        NS_TEST_EXPECT_MSG_EQ(retries.Get(), 3, "MaxRetries copied");
        TimeValue timeout;
        copy->GetAttribute("RetransmitTimeout", timeout);
        NS_TEST_EXPECT_MSG_EQ(timeout.Get(), MilliSeconds(250), "RetransmitTimeout copied");
        NS_TEST_EXPECT_MSG_EQ(copy->GetInFlight(), 0, "nothing in flight");
        NS_TEST_EXPECT_MSG_EQ(copy->GetNextNs(), 0, "Ns from 0");
        NS_TEST_EXPECT_MSG_EQ(copy->GetExpectedNs(), 0, "nothing received");
        NS_TEST_EXPECT_MSG_EQ(copy->GetCounters().rxMessages, 0, "counters at zero");
        // Neither the prototype's owner nor its trace connections come along: without an
        // owner of its own, the copy delivers to nobody.
        const std::size_t loneDelivered = lone.delivered.size();
        copy->Receive(Sequenced(0));
        NS_TEST_EXPECT_MSG_EQ(copy->GetCounters().rxMessages, 1, "the copy took it in order");
        NS_TEST_EXPECT_MSG_EQ(lone.delivered.size(),
                              loneDelivered,
                              "no owner: nothing delivered to the prototype's");
        std::size_t sent = 0;
        std::size_t delivered = 0;
        l2tptest::FunctionChannelOwner owner;
        owner.transmit = [&sent](const L2tpv3ControlMessage&) {
            ++sent;
        };
        owner.deliver = [&delivered](const L2tpv3ControlMessage&) {
            ++delivered;
        };
        copy->SetOwner(&owner);
        copy->Send(Hello(1));
        NS_TEST_EXPECT_MSG_EQ(sent, 1, "the copy sends through its own owner");
        NS_TEST_EXPECT_MSG_EQ(lone.sent.size(), 1, "not through the prototype's");
        copy->Receive(Sequenced(1));
        copy->Receive(Sequenced(1)); // a duplicate: the copy's Drop trace fires
        NS_TEST_EXPECT_MSG_EQ(copy->GetCounters().duplicates, 1, "the copy dropped it");
        NS_TEST_EXPECT_MSG_EQ(delivered, 1, "delivered once, to the copy's owner");
        NS_TEST_EXPECT_MSG_EQ(lone.delivered.size(), loneDelivered, "not to the prototype's");
        NS_TEST_EXPECT_MSG_EQ(lone.drops.size(), 0, "the prototype's Drop trace not called");
        copy->Dispose();
        lone.Finish();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief The reliable control channel's test suite.
 */
class L2tpv3ControlChannelTestSuite : public TestSuite
{
  public:
    L2tpv3ControlChannelTestSuite()
        : TestSuite("l2tp-control-channel")
    {
        AddTestCase(new SeqLessTruthTableTestCase);
        AddTestCase(new NsFromZeroTestCase);
        AddTestCase(new NrPiggybackedTestCase);
        AddTestCase(new ZlbAfterAckDelayTestCase);
        AddTestCase(new ZlbWhenHalfWindowOwedTestCase);
        AddTestCase(new ZlbNsIsNextNsTestCase);
        AddTestCase(new ExplicitAckTestCase);
        AddTestCase(new InvalidNrTestCase);
        AddTestCase(new RetransmitAfterLossTestCase);
        // §4.2 defaults: 1, 2, 4, 8, 8, ... s; 10 retransmissions, failure at 71 s.
        AddTestCase(new BackoffAndFailureTestCase(Seconds(1),
                                                  Seconds(8),
                                                  10,
                                                  {Seconds(1),
                                                   Seconds(3),
                                                   Seconds(7),
                                                   Seconds(15),
                                                   Seconds(23),
                                                   Seconds(31),
                                                   Seconds(39),
                                                   Seconds(47),
                                                   Seconds(55),
                                                   Seconds(63),
                                                   Seconds(71)}));
        // 0.5, 1, 2, 3, 3 s: the cap is not a power of two of the first timeout.
        AddTestCase(new BackoffAndFailureTestCase(MilliSeconds(500),
                                                  Seconds(3),
                                                  4,
                                                  {MilliSeconds(500),
                                                   MilliSeconds(1500),
                                                   MilliSeconds(3500),
                                                   MilliSeconds(6500),
                                                   MilliSeconds(9500)}));
        AddTestCase(new DuplicateAcknowledgedTestCase);
        AddTestCase(new ReorderDeliveredInOrderTestCase);
        AddTestCase(new BeyondWindowDroppedTestCase);
        AddTestCase(new PeerWindowOneTestCase);
        AddTestCase(new CongestionWindowTestCase);
        AddTestCase(new SequenceWrapTestCase);
        AddTestCase(new RandomLossTestCase);
        AddTestCase(new CloseSendsNothingTestCase);
        AddTestCase(new ReceiveAfterCloseCountedTestCase);
        AddTestCase(new CopyTakesAttributesOnlyTestCase);
    }
};

/// The suite's instance.
static L2tpv3ControlChannelTestSuite g_l2tpv3ControlChannelTestSuite;

} // namespace
