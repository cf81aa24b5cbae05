/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// What an idle established control connection costs: one HELLO timer (RFC 3931
// §4.4) and nothing per session. Counted in simulator events and control messages
// over an idle stretch, for one session and for many.

#include "ns3/bridge-net-device.h"
#include "ns3/callback.h"
#include "ns3/csma-helper.h"
#include "ns3/double.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-interface-container.h"
#include "ns3/l2tpv3-control-message.h"
#include "ns3/l2tpv3-lcce-helper.h"
#include "ns3/l2tpv3-lcce.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <map>

using namespace ns3;

namespace
{

/// HELLO interval of the measurements.
const Time HELLO = Seconds(10);
/// The idle stretch: from well after set-up, ten HELLO intervals long.
const Time IDLE_FROM = Seconds(5);
/// End of the idle stretch.
const Time IDLE_TO = IDLE_FROM + 10 * HELLO;

/// What an idle stretch cost.
struct IdleCost
{
    uint64_t sessionsUpA{0};                    //!< A's sessions up at the start of the stretch
    uint64_t sessionsUpB{0};                    //!< B's likewise
    uint64_t events{0};                         //!< simulator events within the stretch
    std::map<L2tpv3MessageType, uint64_t> sent; //!< control messages both LCCEs sent in it
};

/**
 * \brief Bring up \p connections connections of \p sessions sessions between two LCCEs
 * on a CSMA segment, then count what the idle stretch costs.
 * \param connections control connections (AddPeer calls)
 * \param sessions sessions per connection
 * \param hello the HelloInterval attribute (0: no HELLO)
 * \return the cost
 */
IdleCost
MeasureIdle(uint32_t connections, uint32_t sessions, Time hello)
{
    NodeContainer nodes;
    nodes.Create(2);
    CsmaHelper csma;
    csma.SetChannelAttribute("Delay", TimeValue(MilliSeconds(1)));
    NetDeviceContainer wan = csma.Install(nodes);
    InternetStackHelper().Install(nodes);
    Ipv4InterfaceContainer ifs = Ipv4AddressHelper("192.168.0.0", "255.255.255.0").Assign(wan);
    L2tpv3LcceHelper helper;
    helper.SetAttribute("HelloInterval", TimeValue(hello));
    // No jitter: every configuration sends its HELLOs at the same instants.
    helper.SetAttribute("HelloJitter", DoubleValue(0));
    Ptr<L2tpv3Lcce> a = helper.Install(nodes.Get(0));
    Ptr<L2tpv3Lcce> b = helper.Install(nodes.Get(1));
    a->AssignStreams(1);
    b->AssignStreams(2);
    for (uint32_t c = 0; c < connections; ++c)
    {
        uint32_t peer = a->AddPeer(ifs.GetAddress(0), ifs.GetAddress(1));
        for (uint32_t s = 0; s < sessions; ++s)
        {
            std::string id = "pw" + std::to_string(c) + "-" + std::to_string(s);
            a->AddPseudowire(peer, id, nullptr);
            b->OfferPseudowire(id, nullptr);
        }
    }
    IdleCost cost;
    bool idle = false;
    Callback<void, uint32_t, const L2tpv3ControlMessage&> count(
        [&cost, &idle](uint32_t, const L2tpv3ControlMessage& m) {
            if (idle)
            {
                ++cost.sent[m.GetMessageType()];
            }
        });
    a->TraceConnectWithoutContext("ControlTx", count);
    b->TraceConnectWithoutContext("ControlTx", count);
    uint64_t eventsAtStart = 0;
    Simulator::Schedule(IDLE_FROM, [&]() {
        idle = true;
        cost.sessionsUpA = a->GetNSessionsUp();
        cost.sessionsUpB = b->GetNSessionsUp();
        eventsAtStart = Simulator::GetEventCount();
    });
    Simulator::Schedule(IDLE_TO, [&]() {
        idle = false;
        // This event is counted, the one at the start was not: the stretch's own.
        cost.events = Simulator::GetEventCount() - eventsAtStart - 1;
        Simulator::Stop();
    });
    Simulator::Run();
    Simulator::Destroy();
    return cost;
}

} // namespace

/// Idle cost against the number of sessions on one or more connections.
class LcceIdleCostTestCase : public TestCase
{
  public:
    /**
     * \param connections control connections
     * \param sessions sessions per connection in the large configuration
     */
    LcceIdleCostTestCase(uint32_t connections, uint32_t sessions)
        : TestCase("idle: " + std::to_string(connections) + " connection(s) of " +
                   std::to_string(sessions) +
                   " sessions cost the events of 1 session each, one HELLO per interval"),
          m_connections(connections),
          m_sessions(sessions)
    {
    }

  private:
    void DoRun() override
    {
        IdleCost one = MeasureIdle(m_connections, 1, HELLO);
        IdleCost many = MeasureIdle(m_connections, m_sessions, HELLO);
        NS_TEST_ASSERT_MSG_EQ(one.sessionsUpA, m_connections, "one session per connection up");
        NS_TEST_ASSERT_MSG_EQ(one.sessionsUpB, m_connections, "at both ends");
        NS_TEST_ASSERT_MSG_EQ(many.sessionsUpA, m_connections * m_sessions, "all sessions up");
        NS_TEST_ASSERT_MSG_EQ(many.sessionsUpB, m_connections * m_sessions, "at both ends");
        // §4.4: each end of each connection sends one HELLO per interval, the other
        // end acknowledges it; nothing else goes while the sessions idle.
        const uint64_t hellos = 2 * uint64_t(m_connections) * 10;
        for (const IdleCost* cost : {&one, &many})
        {
            uint64_t others = 0;
            for (const auto& [type, n] : cost->sent)
            {
                if (type != L2tpv3MessageType::HELLO && type != L2tpv3MessageType::ZLB)
                {
                    others += n;
                }
            }
            uint64_t helloSent = 0;
            uint64_t zlbSent = 0;
            if (auto it = cost->sent.find(L2tpv3MessageType::HELLO); it != cost->sent.end())
            {
                helloSent = it->second;
            }
            if (auto it = cost->sent.find(L2tpv3MessageType::ZLB); it != cost->sent.end())
            {
                zlbSent = it->second;
            }
            NS_TEST_EXPECT_MSG_EQ(helloSent,
                                  hellos,
                                  "one HELLO per interval per end of each connection");
            // A HELLO is acknowledged by a ZLB, or by the peer's own HELLO when that
            // leaves within AckDelay (it carries the Nr).
            NS_TEST_EXPECT_MSG_LT_OR_EQ(zlbSent, hellos, "at most one ZLB per HELLO");
            NS_TEST_EXPECT_MSG_EQ(others, 0, "no other control message while idle");
        }
        NS_TEST_EXPECT_MSG_GT(one.events, 0, "the HELLOs are events");
        // The cost must not grow with the sessions: the same events, exactly.
        NS_TEST_EXPECT_MSG_EQ(many.events,
                              one.events,
                              m_connections * m_sessions << " idle sessions cost events that "
                                                         << m_connections << " do not");
    }

    uint32_t m_connections; //!< control connections
    uint32_t m_sessions;    //!< sessions per connection, large configuration
};

/// Without HELLOs an idle connection costs nothing at all, whatever its sessions.
class LcceIdleNoHelloTestCase : public TestCase
{
  public:
    LcceIdleNoHelloTestCase()
        : TestCase("idle with HelloInterval 0: 2 connections of 100 sessions cost no event")
    {
    }

  private:
    void DoRun() override
    {
        IdleCost cost = MeasureIdle(2, 100, Seconds(0));
        NS_TEST_ASSERT_MSG_EQ(cost.sessionsUpA, 200, "all sessions up");
        NS_TEST_ASSERT_MSG_EQ(cost.sessionsUpB, 200, "at both ends");
        NS_TEST_EXPECT_MSG_EQ(cost.events, 0, "no timer of any session or connection runs");
        NS_TEST_EXPECT_MSG_EQ(cost.sent.size(), 0, "no control message");
    }
};

/// The idle cost of the control plane.
class L2tpv3LcceScaleTestSuite : public TestSuite
{
  public:
    L2tpv3LcceScaleTestSuite()
        : TestSuite("l2tp-lcce-scale")
    {
        AddTestCase(new LcceIdleCostTestCase(1, 200));
        AddTestCase(new LcceIdleCostTestCase(3, 50));
        AddTestCase(new LcceIdleNoHelloTestCase);
    }
};

static L2tpv3LcceScaleTestSuite g_l2tpv3LcceScaleTestSuite; //!< registers the suite
