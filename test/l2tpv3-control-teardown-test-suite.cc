/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Teardown while events are pending, the class of bug behind CVE-2024-49940 (a Linux L2TP
// session freed with its work still queued): each way a connection or session ends (CDN,
// StopCCN, peer death, CloseAll, the application's stop, the node's destruction) while a
// retransmission, a delayed acknowledgement, a HELLO or a reorder timer is pending, then the
// simulator run to its end (no Stop: every event left runs, so one that touches freed state
// shows under AddressSanitizer, and one that never ends hangs the case). And an
// acknowledgement in the same instant as a retransmission timer, in both orders.

#include "l2tp-scripted-peer.h"
#include "l2tpv3-fake-control-owner.h"

#include "ns3/double.h"
#include "ns3/l2tpv3-control-channel.h"
#include "ns3/l2tpv3-device-factory.h"
#include "ns3/test.h"

#include <array>

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

using A = L2tpv3AvpType;
using M = L2tpv3MessageType;
using Reason = L2tpv3SessionDownReason;

/// The HELLO interval (no jitter): teardown at TEARDOWN falls between two HELLOs.
constexpr double HELLO = 2;
/// When the teardown happens (seconds).
constexpr double TEARDOWN = 5;
/// The retransmission cycle of these cases: 1 + 2 + 4 + 4 s (MaxRetries 3, cap 4 s).
constexpr double CYCLE = 11;
/// When the node is destroyed after CloseAll: the connection lingers a full cycle (§7.1).
constexpr double DESTROY_AFTER_CLOSE = TEARDOWN + 1;
/// When the node is destroyed after the peer's death: the silent peer is declared dead a
/// CYCLE after our last HELLO, sent by TEARDOWN + HELLO (the peer's HELLO of the ACK case
/// acknowledges the one before), and the reconnection waits RECONNECT_DELAY after that.
constexpr double DESTROY_AFTER_DEATH = TEARDOWN + HELLO + CYCLE + 1;
/// The ReconnectDelay of DEATH_THEN_DESTROY: the reconnection is still pending at the
/// destruction.
constexpr double RECONNECT_DELAY = 10;
/// A time no case reaches: when the guard event runs then, no other event may be left.
constexpr double GUARD = 1000;

/// How the connection or session ends.
enum class Trigger
{
    CDN,          //!< the peer's CDN for the session (then CloseAll, so that the run ends)
    STOPCCN,      //!< the peer's StopCCN
    PEER_DEATH,   //!< the peer falls silent: retransmissions run out
    CLOSE_ALL,    //!< L2tpv3Lcce::CloseAll
    APP_STOP,     //!< the application's stop time
    NODE_DESTROY, //!< the LCCE's node disposed, and the test's reference to the LCCE dropped
    CLOSE_ALL_THEN_DESTROY, //!< CloseAll, then the node destroyed while the connection lingers
    DEATH_THEN_DESTROY,     //!< peer death (Reconnect on), then the node destroyed before the
                            //!< reconnection
};

/// What is pending at the teardown.
enum class Pending
{
    RETRANSMIT, //!< our HELLO unacknowledged, its retransmission timer running
    ACK,        //!< the peer's HELLO received 50 ms before, our delayed ZLB not yet sent
    HELLO,      //!< an idle connection: only the HELLO timer
    REORDER,    //!< a data frame held by the reorder buffer, its timer running
};

/**
 * \param t a trigger
 * \return its name
 */
std::string
Name(Trigger t)
{
    static const std::array<const char*, 8> names{"CDN",
                                                  "StopCCN",
                                                  "peer death",
                                                  "CloseAll",
                                                  "application stop",
                                                  "node destruction",
                                                  "CloseAll then node destruction",
                                                  "peer death then node destruction"};
    return names[static_cast<std::size_t>(t)];
}

/**
 * \param p what is pending
 * \return its name
 */
std::string
Name(Pending p)
{
    static const std::array<const char*, 4> names{"retransmission",
                                                  "delayed acknowledgement",
                                                  "HELLO",
                                                  "reorder timer"};
    return names[static_cast<std::size_t>(p)];
}

/**
 * \brief A data message over UDP for our LCCE's session with the default L2-Specific
 * Sublayer (RFC 3931 §4.1.2.1, §4.6): header word (T = 0, Ver 3), Session ID, S = 1 and
 * the sequence number, then a minimal Ethernet frame.
 * \param peer the peer that sends it
 * \param sessionId our LCCE's Session ID
 * \param sequence the 24-bit sequence number
 */
void
SendData(ScriptedPeer& peer, uint32_t sessionId, uint32_t sequence)
{
    std::vector<uint8_t> b{0x00, 0x03, 0x00, 0x00};
    for (int shift = 24; shift >= 0; shift -= 8)
    {
        b.push_back(static_cast<uint8_t>(sessionId >> shift));
    }
    b.push_back(0x40); // S
    for (int shift = 16; shift >= 0; shift -= 8)
    {
        b.push_back(static_cast<uint8_t>(sequence >> shift));
    }
    std::vector<uint8_t> frame(60, 0);
    frame[0] = 0x02;  // a locally administered unicast destination
    frame[6] = 0x02;  // and source
    frame[12] = 0x08; // EtherType IPv4
    b.insert(b.end(), frame.begin(), frame.end());
    peer.socket->SendTo(Create<Packet>(b.data(), b.size()),
                        0,
                        InetSocketAddress(peer.lcceAddress, 1701));
}

/**
 * \param peer the peer
 * \return our LCCE's Local Session ID, from its ICRQ (0 if none)
 */
uint32_t
OurSessionId(const ScriptedPeer& peer)
{
    uint32_t id = 0;
    if (const L2tpv3ControlMessage* icrq = peer.Find(M::ICRQ))
    {
        icrq->GetUint32(A::LOCAL_SESSION_ID, id);
    }
    return id;
}

} // namespace

/// One teardown with one event pending, then the run to its end.
class TeardownTestCase : public TestCase
{
  public:
    /**
     * \param trigger how it ends
     * \param pending what is pending then
     */
    TeardownTestCase(Trigger trigger, Pending pending)
        : TestCase(Name(trigger) + " with a " + Name(pending) + " pending, run to the end"),
          m_trigger(trigger),
          m_pending(pending)
    {
    }

  private:
    void DoRun() override
    {
        ScriptedPeer peer(Ipv4Address("10.1.1.1"), 1701, Ipv4Address("10.1.1.2"));
        Ptr<L2tpv3Lcce> lcce = peer.lcce;
        lcce->SetAttribute("HelloInterval", TimeValue(Seconds(HELLO)));
        lcce->SetAttribute("HelloJitter", DoubleValue(0));
        lcce->SetAttribute("MaxRetries", UintegerValue(3));
        lcce->SetAttribute("RetransmitCap", TimeValue(Seconds(4)));
        lcce->SetAttribute("Reconnect", BooleanValue(m_trigger == Trigger::DEATH_THEN_DESTROY));
        lcce->SetAttribute("ReconnectDelay", TimeValue(Seconds(RECONNECT_DELAY)));
        lcce->SetAttribute("L2SpecificSublayer", StringValue("default"));
        lcce->SetAttribute("DataSequencing", BooleanValue(true));
        lcce->GetDeviceFactory()->SetDeviceAttribute("ReorderTimeout", TimeValue(Seconds(1)));
        lcce->AddPseudowire(lcce->AddPeer(peer.lcceAddress, peer.peerAddress), "vc1", nullptr);
        Ptr<L2tpv3NetDevice> device = lcce->GetDevice("vc1");
        bool answering = true;
        peer.onAnswer = [&peer, &answering](const L2tpv3ControlMessage& m) {
            if (answering)
            {
                Respond(peer, m);
            }
        };
        // Set up the pending event just before the teardown.
        const bool dies =
            m_trigger == Trigger::PEER_DEATH || m_trigger == Trigger::DEATH_THEN_DESTROY;
        if (m_pending == Pending::RETRANSMIT || dies)
        {
            // Silent from 3 s: the HELLO due by 4.1 s is never acknowledged.
            Simulator::Schedule(Seconds(3), [&answering]() {
                answering = false;
            });
        }
        if (m_pending == Pending::ACK)
        {
            Simulator::Schedule(Seconds(TEARDOWN - 0.05), [&peer]() {
                peer.Reply(L2tpv3ControlMessage(M::HELLO));
            });
        }
        if (m_pending == Pending::REORDER)
        {
            // Number 1 before number 0: held for the 1 s ReorderTimeout.
            Simulator::Schedule(Seconds(TEARDOWN - 0.5), [&peer]() {
                SendData(peer, OurSessionId(peer), 1);
            });
        }
        if (m_trigger == Trigger::APP_STOP)
        {
            lcce->SetStopTime(Seconds(TEARDOWN));
        }
        // What holds at the teardown: the precondition that makes the case what it says.
        std::size_t inFlight = 0;
        uint32_t sessionsUp = 0;
        uint64_t held = 0;
        uint64_t delivered = 0;
        std::size_t answersAtTeardown = 0;
        uint32_t zlbsSinceHello = 1;
        Simulator::Schedule(Seconds(TEARDOWN) - TimeStep(1), [&]() {
            for (const auto& [id, c] : lcce->GetConnections())
            {
                inFlight += c->GetChannel()->GetInFlight();
            }
            sessionsUp = lcce->GetNSessionsUp();
            held = device->GetCounters().rxOosPackets;
            delivered = device->GetCounters().rxPackets;
            answersAtTeardown = peer.answers.size();
            zlbsSinceHello = 0;
            for (std::size_t i = 0; i < peer.answers.size(); ++i)
            {
                zlbsSinceHello += peer.answers[i].IsZlb() && peer.answeredAt[i] > TEARDOWN - 0.05;
            }
        });
        // The node's destruction, and the test's last reference to the LCCE dropped: an event
        // that still points at the LCCE then touches freed memory (AddressSanitizer).
        auto destroy = [&peer, &lcce]() {
            peer.nodes.Get(1)->Dispose();
            peer.lcce = nullptr;
            lcce = nullptr; // nothing of the test keeps the LCCE alive
        };
        std::size_t connectionsAtDestroy = 99;
        uint64_t timeoutsAtDestroy = 0;
        auto destroyLater = [&]() {
            connectionsAtDestroy = lcce->GetConnections().size();
            timeoutsAtDestroy = lcce->GetCounters().timeouts;
            answersAtTeardown = peer.answers.size();
            destroy();
        };
        if (m_trigger == Trigger::CLOSE_ALL_THEN_DESTROY)
        {
            Simulator::Schedule(Seconds(DESTROY_AFTER_CLOSE), destroyLater);
        }
        if (m_trigger == Trigger::DEATH_THEN_DESTROY)
        {
            Simulator::Schedule(Seconds(DESTROY_AFTER_DEATH), destroyLater);
        }
        Simulator::Schedule(Seconds(TEARDOWN), [this, &peer, &lcce, &answering, &destroy]() {
            switch (m_trigger)
            {
            case Trigger::CDN: {
                L2tpv3ControlMessage cdn(M::CDN);
                cdn.Add(L2tpv3Avp::MakeResultCode(3))
                    .Add(L2tpv3Avp::MakeUint32(A::LOCAL_SESSION_ID, SCRIPTED_PEER_SESSION))
                    .Add(L2tpv3Avp::MakeUint32(A::REMOTE_SESSION_ID, OurSessionId(peer)));
                peer.Reply(cdn);
                answering = true;
                // The connection outlives its session: closed later so that the run ends.
                Simulator::Schedule(Seconds(3), [&lcce]() {
                    lcce->CloseAll();
                });
                break;
            }
            case Trigger::STOPCCN: {
                L2tpv3ControlMessage stop(M::STOPCCN);
                stop.Add(L2tpv3Avp::MakeUint32(A::ASSIGNED_CONTROL_CONNECTION_ID,
                                               SCRIPTED_PEER_CCID))
                    .Add(L2tpv3Avp::MakeResultCode(1));
                peer.Reply(stop);
                break;
            }
            case Trigger::PEER_DEATH:
            case Trigger::APP_STOP:
            case Trigger::DEATH_THEN_DESTROY:
                break;
            case Trigger::CLOSE_ALL:
            case Trigger::CLOSE_ALL_THEN_DESTROY:
                lcce->CloseAll();
                break;
            case Trigger::NODE_DESTROY:
                destroy();
                break;
            }
        });
        // The guard is the last event unless something runs for ever (a HELLO or a timer of
        // a connection that is gone): then it stops the run and says so.
        bool leftover = false;
        Simulator::Schedule(Seconds(GUARD), [&leftover]() {
            leftover = !Simulator::IsFinished();
            Simulator::Stop();
        });
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(sessionsUp, 1, "the session was up at the teardown");
        switch (m_pending)
        {
        case Pending::RETRANSMIT:
            NS_TEST_EXPECT_MSG_EQ(inFlight, 1, "our HELLO in flight at the teardown");
            break;
        case Pending::ACK:
            NS_TEST_EXPECT_MSG_EQ(zlbsSinceHello, 0, "the peer's HELLO not yet acknowledged");
            NS_TEST_EXPECT_MSG_EQ(inFlight, 0, "nothing of ours in flight");
            break;
        case Pending::HELLO:
            // A dying peer's connection has our last HELLO in flight besides.
            NS_TEST_EXPECT_MSG_EQ(inFlight, std::size_t(dies ? 1 : 0), "an idle connection");
            break;
        case Pending::REORDER:
            NS_TEST_EXPECT_MSG_EQ(held, 1, "the early frame held");
            NS_TEST_EXPECT_MSG_EQ(delivered, 0, "and not delivered");
            break;
        }
        // The run ended by itself: no HELLO, retransmission or reorder timer left running.
        NS_TEST_EXPECT_MSG_EQ(leftover, false, "the simulator ran out of events");
        if (m_pending == Pending::REORDER)
        {
            // The timer ran (or was cancelled) without touching freed state. A dying peer
            // is noticed only after the reorder timeout: the frame was delivered while the
            // session was up. Any other teardown comes first: the held frame is dropped
            // (device_down) when the link goes down, never delivered after it.
            const L2tpv3Counters& counters = device->GetCounters();
            const bool beforeTeardown =
                m_trigger == Trigger::PEER_DEATH || m_trigger == Trigger::DEATH_THEN_DESTROY;
            NS_TEST_EXPECT_MSG_EQ(counters.rxPackets,
                                  uint64_t(beforeTeardown ? 1 : 0),
                                  "the held frame delivered only while the session was up");
            NS_TEST_EXPECT_MSG_EQ(counters.GetDrops(L2tpv3DropReason::DEVICE_DOWN),
                                  uint64_t(beforeTeardown ? 0 : 1),
                                  "the held frame counted as dropped (device_down)");
            NS_TEST_EXPECT_MSG_EQ(counters.rxPackets + counters.GetTotalDrops(),
                                  1,
                                  "the held frame handled exactly once");
        }
        if (m_trigger == Trigger::CLOSE_ALL_THEN_DESTROY)
        {
            // The connection lingers after its StopCCN (§7.1): its Forget was pending.
            NS_TEST_EXPECT_MSG_EQ(connectionsAtDestroy, 1, "the closed connection kept");
        }
        if (m_trigger == Trigger::DEATH_THEN_DESTROY)
        {
            // The peer was declared dead, the connection forgotten, the reconnection pending.
            NS_TEST_EXPECT_MSG_EQ(connectionsAtDestroy, 0, "the dead connection forgotten");
            NS_TEST_EXPECT_MSG_EQ(timeoutsAtDestroy, 1, "the peer declared dead once");
        }
        if (m_trigger == Trigger::NODE_DESTROY || m_trigger == Trigger::CLOSE_ALL_THEN_DESTROY ||
            m_trigger == Trigger::DEATH_THEN_DESTROY)
        {
            // Nothing was sent by the destroyed node's LCCE after its destruction.
            NS_TEST_EXPECT_MSG_EQ(peer.answers.size(), answersAtTeardown, "silent after");
            Simulator::Destroy();
            return;
        }
        NS_TEST_EXPECT_MSG_EQ(lcce->GetConnections().size(), 0, "every connection forgotten");
        NS_TEST_EXPECT_MSG_EQ(lcce->GetNSessionsUp(), 0, "no session up");
        NS_TEST_EXPECT_MSG_EQ(lcce->GetNHalfOpen(), 0, "no half-open connection");
        NS_TEST_EXPECT_MSG_EQ(device->IsLinkUp(), false, "the device is down");
        L2tpv3LcceCounters c = lcce->GetCounters();
        NS_TEST_EXPECT_MSG_EQ(c.protocolErrors, 0, "no protocol error");
        std::array<uint64_t, static_cast<std::size_t>(Reason::COUNT)> down{};
        const bool silent = m_pending == Pending::RETRANSMIT;
        switch (m_trigger)
        {
        case Trigger::CDN:
            down[static_cast<std::size_t>(Reason::CDN_RECEIVED)] = 1;
            NS_TEST_EXPECT_MSG_EQ(c.cdnReceived[3], 1, "the CDN counted");
            NS_TEST_EXPECT_MSG_EQ(c.stopCcnSent[1], 1, "CloseAll's StopCCN (Result Code 1)");
            NS_TEST_EXPECT_MSG_EQ(c.stopCcnUnacknowledged, 0, "acknowledged");
            break;
        case Trigger::STOPCCN:
            down[static_cast<std::size_t>(Reason::CONNECTION_CLOSED)] = 1;
            NS_TEST_EXPECT_MSG_EQ(c.stopCcnReceived[1], 1, "the StopCCN counted");
            break;
        case Trigger::PEER_DEATH:
            down[static_cast<std::size_t>(Reason::PEER_TIMEOUT)] = 1;
            NS_TEST_EXPECT_MSG_EQ(c.timeouts, 1, "the peer declared dead once");
            break;
        case Trigger::CLOSE_ALL:
        case Trigger::APP_STOP:
            down[static_cast<std::size_t>(Reason::CONNECTION_CLOSED)] = 1;
            NS_TEST_EXPECT_MSG_EQ(c.stopCcnSent[1], 1, "one StopCCN (Result Code 1)");
            // A silent peer never acknowledges the StopCCN: the channel gives up on the HELLO
            // before it and drops the StopCCN with it; counted all the same (§7.1).
            NS_TEST_EXPECT_MSG_EQ(c.stopCcnUnacknowledged,
                                  (silent ? 1 : 0),
                                  (silent ? "unacknowledged" : "acknowledged"));
            NS_TEST_EXPECT_MSG_EQ(c.timeouts, 0, "closed by us: no peer death");
            break;
        case Trigger::NODE_DESTROY:
        case Trigger::CLOSE_ALL_THEN_DESTROY:
        case Trigger::DEATH_THEN_DESTROY:
            break;
        }
        for (std::size_t r = 0; r < down.size(); ++r)
        {
            NS_TEST_EXPECT_MSG_EQ(c.sessionsDown[r],
                                  down[r],
                                  "sessions down for "
                                      << L2tpv3SessionDownReasonName(static_cast<Reason>(r)));
        }
        if (m_trigger != Trigger::PEER_DEATH && !silent)
        {
            NS_TEST_EXPECT_MSG_EQ(c.timeouts, 0, "no peer death");
        }
        Simulator::Destroy();
    }

    Trigger m_trigger; //!< how it ends
    Pending m_pending; //!< what is pending
};

/// An acknowledgement in the same instant as the retransmission timer, in both orders
/// (FreeBSD D26548's class: ng_l2tp's timer raced the processing of an acknowledgement).
/// Events of one instant run in the order they were scheduled: the acknowledgement
/// scheduled before the Send runs before the timer, scheduled after it runs after.
class AckTimerRaceTestCase : public TestCase
{
  public:
    /**
     * \param ackFirst the acknowledgement runs before the timer
     * \param last the timer is the last one (MaxRetries 0): it gives up
     * \param piggyback the acknowledgement is the Nr of a HELLO, not a ZLB
     */
    AckTimerRaceTestCase(bool ackFirst, bool last, bool piggyback)
        : TestCase(std::string(piggyback ? "a HELLO's Nr" : "a ZLB") + " in the instant of the " +
                   (last ? "last " : "") + "retransmission timer, " +
                   (ackFirst ? "before it" : "after it")),
          m_ackFirst(ackFirst),
          m_last(last),
          m_piggyback(piggyback)
    {
    }

  private:
    void DoRun() override
    {
        Ptr<L2tpv3ControlChannel> channel = CreateObject<L2tpv3ControlChannel>();
        channel->SetAttribute("RetransmitTimeout", TimeValue(Seconds(1)));
        channel->SetAttribute("MaxRetries", UintegerValue(m_last ? 0 : 3));
        std::vector<double> sent;
        std::vector<bool> sentZlb;
        uint32_t delivered = 0;
        uint32_t failures = 0;
        l2tptest::FunctionChannelOwner owner;
        owner.transmit = [&](const L2tpv3ControlMessage& m) {
            sent.push_back(Simulator::Now().GetSeconds());
            sentZlb.push_back(m.IsZlb());
        };
        owner.deliver = [&delivered](const L2tpv3ControlMessage&) {
            ++delivered;
        };
        owner.peerTimeout = [&failures]() {
            ++failures;
        };
        channel->SetOwner(&owner);
        L2tpv3ControlMessage ack;
        if (m_piggyback)
        {
            ack = L2tpv3ControlMessage(L2tpv3MessageType::HELLO);
            ack.SetNs(0);
        }
        ack.SetNr(1); // acknowledges our Ns 0
        auto scheduleAck = [&]() {
            Simulator::Schedule(Seconds(1), [channel, ack]() {
                channel->Receive(ack);
            });
        };
        Simulator::Schedule(Seconds(0), [&]() {
            if (m_ackFirst)
            {
                scheduleAck();
            }
            channel->Send(L2tpv3ControlMessage(L2tpv3MessageType::HELLO));
            if (!m_ackFirst)
            {
                scheduleAck();
            }
        });
        Simulator::Run(); // to its end: a timer left running would go on for MaxRetries
        const double end = Simulator::Now().GetSeconds();
        const L2tpv3ControlChannelCounters& c = channel->GetCounters();
        uint32_t zlbs = 0;
        for (bool z : sentZlb)
        {
            zlbs += z;
        }
        NS_TEST_EXPECT_MSG_EQ(c.txMessages, 1, "one message sent");
        NS_TEST_EXPECT_MSG_EQ(c.invalidNr, 0, "the acknowledgement is never invalid");
        NS_TEST_EXPECT_MSG_EQ(channel->GetInFlight(), 0, "nothing left in flight");
        if (m_ackFirst)
        {
            NS_TEST_EXPECT_MSG_EQ(c.retransmissions, 0, "acknowledged: the timer cancelled");
            NS_TEST_EXPECT_MSG_EQ(c.acked, 1, "acknowledged");
            NS_TEST_EXPECT_MSG_EQ(c.timeouts, 0, "no give-up");
            NS_TEST_EXPECT_MSG_EQ(failures, 0, "no failure");
            NS_TEST_EXPECT_MSG_EQ(sent.size() - zlbs, 1, "the HELLO once");
            NS_TEST_EXPECT_MSG_EQ(delivered, (m_piggyback ? 1 : 0), "the peer's HELLO delivered");
            NS_TEST_EXPECT_MSG_EQ(zlbs, (m_piggyback ? 1 : 0), "and acknowledged");
        }
        else if (!m_last)
        {
            NS_TEST_EXPECT_MSG_EQ(c.retransmissions, 1, "the timer ran first: one retransmission");
            NS_TEST_EXPECT_MSG_EQ(c.acked, 1, "then acknowledged, copy and all");
            NS_TEST_EXPECT_MSG_EQ(c.timeouts, 0, "no give-up");
            NS_TEST_EXPECT_MSG_EQ(failures, 0, "no failure");
            NS_TEST_EXPECT_MSG_EQ(sent.size() - zlbs, 2, "the HELLO and its retransmission");
            NS_TEST_EXPECT_MSG_EQ(delivered, (m_piggyback ? 1 : 0), "the peer's HELLO delivered");
            NS_TEST_EXPECT_MSG_EQ(zlbs, (m_piggyback ? 1 : 0), "and acknowledged");
        }
        else
        {
            NS_TEST_EXPECT_MSG_EQ(c.retransmissions, 0, "the last timer gives up, resends nothing");
            NS_TEST_EXPECT_MSG_EQ(c.timeouts, 1, "given up once");
            NS_TEST_EXPECT_MSG_EQ(failures, 1, "the failure reported once");
            NS_TEST_EXPECT_MSG_EQ(c.acked, 0, "the late acknowledgement finds a closed channel");
            NS_TEST_EXPECT_MSG_EQ(delivered, 0, "nothing delivered by a closed channel");
            NS_TEST_EXPECT_MSG_EQ(sent.size(), 1, "nothing sent after giving up (no ZLB)");
        }
        // A ZLB owed for the peer's HELLO goes AckDelay (100 ms) later; nothing after it (a
        // timer left running would resend at 3 s). Cancelled events stay in ns-3's queue
        // until their time, so the run's end says nothing: what was sent does.
        const bool gaveUp = m_last && !m_ackFirst;
        const double last = gaveUp ? 0 : (m_piggyback ? 1.1 : (m_ackFirst ? 0 : 1.0));
        NS_TEST_EXPECT_MSG_EQ_TOL(sent.back(), last, 1e-9, "the last transmission");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(end, 3, "the run ends");
        channel->Dispose();
        Simulator::Destroy();
    }

    bool m_ackFirst;  //!< the acknowledgement before the timer
    bool m_last;      //!< the last timer
    bool m_piggyback; //!< a HELLO's Nr rather than a ZLB
};

/// \ingroup l2tp-tests
/// \brief Teardown with events pending (CVE-2024-49940's class), run to the end.
class L2tpv3ControlTeardownTestSuite : public TestSuite
{
  public:
    L2tpv3ControlTeardownTestSuite()
        : TestSuite("l2tp-control-teardown")
    {
        for (Trigger t : {Trigger::CDN,
                          Trigger::STOPCCN,
                          Trigger::PEER_DEATH,
                          Trigger::CLOSE_ALL,
                          Trigger::APP_STOP,
                          Trigger::NODE_DESTROY,
                          Trigger::CLOSE_ALL_THEN_DESTROY,
                          Trigger::DEATH_THEN_DESTROY})
        {
            for (Pending p : {Pending::RETRANSMIT, Pending::ACK, Pending::HELLO, Pending::REORDER})
            {
                AddTestCase(new TeardownTestCase(t, p));
            }
        }
        for (bool ackFirst : {true, false})
        {
            for (bool last : {false, true})
            {
                for (bool piggyback : {false, true})
                {
                    AddTestCase(new AckTimerRaceTestCase(ackFirst, last, piggyback));
                }
            }
        }
    }
};

static L2tpv3ControlTeardownTestSuite g_l2tpv3ControlTeardownTestSuite; //!< registers the suite
