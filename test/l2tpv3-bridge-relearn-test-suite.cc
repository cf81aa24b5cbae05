/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// A host seen behind a pseudowire that died, then reached through another
// pseudowire of the same bridge: the hub's bridge must stop sending to the dead
// port, as a real bridge does when a port's carrier drops (Linux deletes the
// port's forwarding entries), not wait for its learning entry to expire.

#include "ns3/abort.h"
#include "ns3/address.h"
#include "ns3/boolean.h"
#include "ns3/bridge-helper.h"
#include "ns3/bridge-net-device.h"
#include "ns3/csma-helper.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4.h"
#include "ns3/l2tpv3-counters.h"
#include "ns3/l2tpv3-lcce-helper.h"
#include "ns3/l2tpv3-lcce.h"
#include "ns3/l2tpv3-net-device.h"
#include "ns3/l2tpv3-pinger.h"
#include "ns3/nstime.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <map>
#include <vector>

using namespace ns3;

namespace
{

/**
 * \ingroup l2tp-tests
 * \brief When each of X's echo requests left and when its first reply came back, from the
 * pinger's traces.
 */
struct PingLog
{
    std::vector<Time> sent;           //!< send times, by sequence number
    std::map<uint16_t, Time> replies; //!< reply times, by sequence number (first reply only)

    /**
     * \brief Tx trace sink.
     * \param seq the request's sequence number
     */
    void Sent(uint16_t seq, Ptr<const Packet>)
    {
        NS_ABORT_MSG_UNLESS(seq == sent.size(), "requests are numbered from 0");
        sent.push_back(Simulator::Now());
    }

    /**
     * \brief Rtt trace sink.
     * \param seq the reply's sequence number
     */
    void Answered(uint16_t seq, Time)
    {
        replies.emplace(seq, Simulator::Now());
    }
};

/**
 * \ingroup l2tp-tests
 * \brief A hub LCCE bridging its LAN (host X) and two spoke sites' pseudowires, each
 * spoke bridging its own LAN. Host Y (10.0.0.2) sits behind spoke 1; Y' behind spoke 2
 * has Y's MAC and address (the same virtual machine, restarted at the standby site)
 * and is only reachable once spoke 2's LCCE starts. All links are CSMA, 1 ms.
 */
struct HubAndSpokes
{
    Ptr<Node> x;                    //!< host X, on the hub's LAN
    Ptr<Node> hub;                  //!< the hub router
    Ptr<Node> spoke1;               //!< spoke 1 (host Y's first site)
    Ptr<Node> spoke2;               //!< spoke 2 (the standby site)
    Ptr<Node> y1;                   //!< host Y behind spoke 1
    Ptr<Node> y2;                   //!< host Y behind spoke 2 (same MAC and address)
    Ptr<BridgeNetDevice> hubBridge; //!< the hub's bridge: LAN, site1, site2
    Ptr<L2tpv3Lcce> hubLcce;        //!< the hub's LCCE (offers site1 and site2)
    Ptr<L2tpv3Lcce> lcce1;          //!< spoke 1's LCCE (brings up site1)
    Ptr<L2tpv3Lcce> lcce2;          //!< spoke 2's LCCE (brings up site2 when it starts)
    Ptr<L2tpv3Pinger> pinger;       //!< X pinging Y every second
    PingLog pings;                  //!< its requests and replies

    /**
     * \param hubLearning the hub bridge's EnableLearning
     * \param spoke2Start when spoke 2's LCCE starts
     */
    HubAndSpokes(bool hubLearning, Time spoke2Start)
    {
        // (The pinger's traces are bound to this object's log: not copyable, see below.)
        NodeContainer nodes;
        nodes.Create(6);
        x = nodes.Get(0);
        hub = nodes.Get(1);
        spoke1 = nodes.Get(2);
        spoke2 = nodes.Get(3);
        y1 = nodes.Get(4);
        y2 = nodes.Get(5);
        CsmaHelper csma;
        csma.SetChannelAttribute("Delay", TimeValue(MilliSeconds(1)));
        NetDeviceContainer wan1 = csma.Install(NodeContainer(hub, spoke1));
        NetDeviceContainer wan2 = csma.Install(NodeContainer(hub, spoke2));
        NetDeviceContainer lanHub = csma.Install(NodeContainer(x, hub));
        NetDeviceContainer lan1 = csma.Install(NodeContainer(y1, spoke1));
        NetDeviceContainer lan2 = csma.Install(NodeContainer(y2, spoke2));
        lan2.Get(0)->SetAddress(lan1.Get(0)->GetAddress());
        InternetStackHelper().Install(nodes);

        Ipv4AddressHelper ip("192.168.1.0", "255.255.255.0");
        Ipv4InterfaceContainer w1 = ip.Assign(wan1);
        ip.SetBase("192.168.2.0", "255.255.255.0");
        Ipv4InterfaceContainer w2 = ip.Assign(wan2);
        // By hand: an address helper refuses to give 10.0.0.2 twice.
        AddAddress(lanHub.Get(0), "10.0.0.1");
        AddAddress(lan1.Get(0), "10.0.0.2");
        AddAddress(lan2.Get(0), "10.0.0.2");

        BridgeHelper bridge;
        bridge.SetDeviceAttribute("EnableLearning", BooleanValue(hubLearning));
        hubBridge = DynamicCast<BridgeNetDevice>(bridge.Install(hub, lanHub.Get(1)).Get(0));
        BridgeHelper spokeBridge;
        Ptr<BridgeNetDevice> bridge1 =
            DynamicCast<BridgeNetDevice>(spokeBridge.Install(spoke1, lan1.Get(1)).Get(0));
        Ptr<BridgeNetDevice> bridge2 =
            DynamicCast<BridgeNetDevice>(spokeBridge.Install(spoke2, lan2.Get(1)).Get(0));

        L2tpv3LcceHelper helper;
        hubLcce = helper.Install(hub);
        lcce1 = helper.Install(spoke1);
        lcce2 = helper.Install(spoke2);
        hubLcce->AssignStreams(1);
        lcce1->AssignStreams(11);
        lcce2->AssignStreams(21);
        hubLcce->OfferPseudowire("site1", hubBridge);
        hubLcce->OfferPseudowire("site2", hubBridge);
        lcce1->AddPseudowire(lcce1->AddPeer(w1.GetAddress(1), w1.GetAddress(0)), "site1", bridge1);
        lcce2->AddPseudowire(lcce2->AddPeer(w2.GetAddress(1), w2.GetAddress(0)), "site2", bridge2);
        lcce2->SetStartTime(spoke2Start);

        pinger = CreateObject<L2tpv3Pinger>();
        pinger->SetAttribute("Remote", AddressValue(Ipv4Address("10.0.0.2")));
        pinger->TraceConnectWithoutContext("Tx", MakeCallback(&PingLog::Sent, &pings));
        pinger->TraceConnectWithoutContext("Rtt", MakeCallback(&PingLog::Answered, &pings));
        pinger->SetStartTime(Seconds(1));
        x->AddApplication(pinger);
    }

    /**
     * \param device a host's LAN device
     * \param address its address in 10.0.0.0/24
     */
    static void AddAddress(Ptr<NetDevice> device, const char* address)
    {
        Ptr<Ipv4> ipv4 = device->GetNode()->GetObject<Ipv4>();
        int32_t i = ipv4->AddInterface(device);
        ipv4->AddAddress(i, Ipv4InterfaceAddress(Ipv4Address(address), Ipv4Mask("/24")));
        ipv4->SetUp(i);
    }

    /** \return the hub's site1 device's frames dropped as tx_device_down */
    uint64_t DeadPortDrops() const
    {
        return hubLcce->GetDevice("site1")->GetCounters().GetDrops(
            L2tpv3DropReason::TX_DEVICE_DOWN);
    }

    HubAndSpokes(const HubAndSpokes&) = delete;            //!< bound to pings
    HubAndSpokes& operator=(const HubAndSpokes&) = delete; //!< bound to pings

    /** \return the hub bridge's EnableLearning now */
    bool HubLearning() const
    {
        BooleanValue learning;
        hubBridge->GetAttribute("EnableLearning", learning);
        return learning.Get();
    }
};

const Time SPOKE1_CLOSE = Seconds(10.5); //!< spoke 1 closes its connection (StopCCN)
const Time SPOKE2_START = Seconds(20);   //!< spoke 2's LCCE starts: Y is behind it

} // namespace

/**
 * \ingroup l2tp-tests
 * \brief Spoke 1 closes its connection (its pseudowire goes down at the hub) and host Y
 * comes back behind spoke 2: X's pings reach Y again as soon as site2 is up, not when
 * the hub bridge's entry for Y (300 s) or X's ARP entry for Y expires (120 s after Y
 * was last heard: without the bridge forgetting, requests 10 to 129 are lost and the
 * dead device counts each, until X's ARP request at 131 s teaches the bridge).
 */
class BridgeRelearnTestCase : public TestCase
{
  public:
    BridgeRelearnTestCase()
        : TestCase("pseudowire down at the hub: the bridge forgets the dead port, pings to a "
                   "host now behind another pseudowire are answered within a second")
    {
    }

  private:
    void DoRun() override
    {
        HubAndSpokes s(true, SPOKE2_START);
        Simulator::Schedule(SPOKE1_CLOSE, &L2tpv3Lcce::CloseAll, s.lcce1);
        uint64_t dropsAtStart2 = 0;
        bool learningAfterClose = true;
        // Between two requests (sent at whole seconds from 1 s).
        Simulator::Schedule(SPOKE2_START + Seconds(0.5), [&]() {
            dropsAtStart2 = s.DeadPortDrops();
            learningAfterClose = s.HubLearning();
        });
        uint64_t dropsAt60 = 0;
        Simulator::Schedule(Seconds(60.5), [&]() {
            dropsAt60 = s.DeadPortDrops();
        });
        Simulator::Stop(Seconds(60.75));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(s.hubLcce->GetDevice("site1")->IsLinkUp(), false, "site1 is down");
        NS_TEST_ASSERT_MSG_EQ(s.hubLcce->GetDevice("site2")->IsLinkUp(), true, "site2 is up");
        NS_TEST_ASSERT_MSG_EQ(learningAfterClose, false, "the hub bridge forgets what it learnt");

        const std::vector<Time>& sent = s.pings.sent;
        const std::map<uint16_t, Time>& replies = s.pings.replies;
        NS_TEST_ASSERT_MSG_EQ(sent.size(), 60, "one request a second from 1 s to 60 s");
        // Requests 0-9 (1 s to 10 s) reach Y behind spoke 1; 10-19 (11 s to 20 s) find no Y
        // (site1 down, site2 not up); from request 20 (21 s) on, Y answers behind spoke 2.
        uint32_t answeredBefore = 0;
        uint32_t answeredAfter = 0;
        for (const auto& [seq, at] : replies)
        {
            NS_TEST_ASSERT_MSG_LT(at - sent[seq], Seconds(1), "request " << seq << " answered");
            (seq < 10 ? answeredBefore : answeredAfter)++;
            NS_TEST_ASSERT_MSG_EQ((seq >= 10 && seq < 20), false, "no Y to answer " << seq);
        }
        NS_TEST_ASSERT_MSG_EQ(answeredBefore, 10, "Y answers behind spoke 1");
        NS_TEST_ASSERT_MSG_EQ(answeredAfter, 40, "Y answers every request behind spoke 2");
        NS_TEST_ASSERT_MSG_EQ(replies.count(20), 1, "the first request after site2 is up");

        // The bridge floods what it no longer knows, to the dead port too (ns-3's bridge
        // sends to ports that are down), so the dead device still counts frames: the
        // 10 requests nobody answers, then each answered request and its reply.
        NS_TEST_ASSERT_MSG_EQ(dropsAtStart2, 10, "requests 10-19 flooded to the dead port");
        NS_TEST_ASSERT_MSG_EQ(
            dropsAt60,
            10 + 2 * 40 + 2,
            "and requests 20-59, their replies, Y's ARP request for X and X's reply");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief The bridge learns again one ExpirationTime after the pseudowire went down: by
 * then every entry it had has expired, so it has a clean table (Y behind site2) and
 * stops flooding to the dead port.
 */
class BridgeRelearnResumeTestCase : public TestCase
{
  public:
    BridgeRelearnResumeTestCase()
        : TestCase("the hub bridge learns again one ExpirationTime (300 s) after the "
                   "pseudowire went down, with every old entry expired")
    {
    }

  private:
    void DoRun() override
    {
        HubAndSpokes s(true, SPOKE2_START);
        Simulator::Schedule(SPOKE1_CLOSE, &L2tpv3Lcce::CloseAll, s.lcce1);
        bool learningBefore = true;
        bool learningAfter = false;
        uint64_t dropsBefore = 0;
        // The StopCCN reaches the hub 1 ms after spoke 1 sends it.
        Simulator::Schedule(SPOKE1_CLOSE + Seconds(300), [&]() {
            learningBefore = s.HubLearning();
        });
        Simulator::Schedule(SPOKE1_CLOSE + Seconds(301), [&]() {
            learningAfter = s.HubLearning();
            dropsBefore = s.DeadPortDrops();
        });
        uint64_t dropsAfter = 0;
        Simulator::Schedule(Seconds(360), [&]() {
            dropsAfter = s.DeadPortDrops();
        });
        Simulator::Stop(Seconds(360.5));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(learningBefore, false, "still forgetting 300 s after the StopCCN");
        NS_TEST_ASSERT_MSG_EQ(learningAfter, true, "learning again");
        NS_TEST_ASSERT_MSG_EQ(s.pings.replies.size(), 10 + 340, "every request from 21 s");
        // Y and X are learnt again at once (Y's reply, X's next request), and nothing is
        // broadcast (each reply keeps X's ARP entry for Y fresh): the dead port gets nothing.
        NS_TEST_ASSERT_MSG_EQ(dropsAfter - dropsBefore, 0, "the dead port is not used");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief A bridge whose learning the user turned off is left alone: it floods, so Y is
 * reached at once, and its learning stays off.
 */
class BridgeRelearnLearningOffTestCase : public TestCase
{
  public:
    BridgeRelearnLearningOffTestCase()
        : TestCase("a bridge with EnableLearning false is left so when a pseudowire goes down")
    {
    }

  private:
    void DoRun() override
    {
        HubAndSpokes s(false, SPOKE2_START);
        Simulator::Schedule(SPOKE1_CLOSE, &L2tpv3Lcce::CloseAll, s.lcce1);
        Simulator::Stop(Seconds(330));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(s.HubLearning(), false, "learning stays off");
        NS_TEST_ASSERT_MSG_EQ(s.pings.replies.size(), 10 + 309, "answered from 21 s");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief A host seen behind a pseudowire that went down, then behind another one.
 */
class L2tpv3BridgeRelearnTestSuite : public TestSuite
{
  public:
    L2tpv3BridgeRelearnTestSuite()
        : TestSuite("l2tp-bridge-relearn")
    {
        AddTestCase(new BridgeRelearnTestCase);
        AddTestCase(new BridgeRelearnResumeTestCase);
        AddTestCase(new BridgeRelearnLearningOffTestCase);
    }
};

static L2tpv3BridgeRelearnTestSuite g_l2tpv3BridgeRelearnTestSuite; //!< registers the suite
