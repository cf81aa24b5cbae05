/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// End to end across the bridged pseudowire of the l2tp(4) manual's two-site
// topology: the four families of NetBSD's tests/net/if_l2tp, tunnel
// deletion, cookies, unknown sessions, ARP / neighbour discovery and bridge
// learning through the tunnel, and outer fragmentation.

#include "ns3/address.h"
#include "ns3/application-container.h"
#include "ns3/arp-cache.h"
#include "ns3/bridge-helper.h"
#include "ns3/callback.h"
#include "ns3/csma-helper.h"
#include "ns3/csma-net-device.h"
#include "ns3/ethernet-header.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-interface-container.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-address.h"
#include "ns3/ipv6-interface.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/ipv6.h"
#include "ns3/l2tpv3-bridge-scenario.h"
#include "ns3/l2tpv3-cookie.h"
#include "ns3/l2tpv3-counters.h"
#include "ns3/l2tpv3-helper.h"
#include "ns3/l2tpv3-net-device.h"
#include "ns3/l2tpv3-two-site-topology.h"
#include "ns3/mac48-address.h"
#include "ns3/ndisc-cache.h"
#include "ns3/net-device-container.h"
#include "ns3/net-device.h"
#include "ns3/node-container.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"
#include "ns3/queue-disc.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/traffic-control-layer.h"
#include "ns3/udp-echo-helper.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <vector>

using namespace ns3;

namespace
{

/**
 * \param inner6 IPv6 between the hosts
 * \param outer6 IPv6 between the routers
 * \return a name such as "inet6 over inet"
 */
std::string
FamilyName(bool inner6, bool outer6)
{
    return std::string(inner6 ? "inet6" : "inet") + " over " + (outer6 ? "inet6" : "inet");
}

/**
 * \param inner6 IPv6 between the hosts
 * \param outer6 IPv6 between the routers
 * \return short pinging parameters, no bulk flow
 */
L2tpv3BridgeScenario::Parameters
PingParameters(bool inner6, bool outer6)
{
    L2tpv3BridgeScenario::Parameters p;
    p.innerIpv6 = inner6;
    p.ipv6Underlay = outer6;
    p.bulk = false;
    p.duration = 6;
    return p;
}

} // namespace

/**
 * \ingroup l2tp-tests
 * \brief Pings succeed both ways across the tunnel; after one side deletes its
 * tunnel they fail (NetBSD tests/net/if_l2tp, one address-family pair).
 */
class L2tpv3FamilyPingTestCase : public TestCase
{
  public:
    /**
     * \param inner6 IPv6 between the hosts
     * \param outer6 IPv6 between the routers
     */
    L2tpv3FamilyPingTestCase(bool inner6, bool outer6)
        : TestCase(FamilyName(inner6, outer6) + ": ping both ways, then fails after deletetunnel"),
          m_inner6(inner6),
          m_outer6(outer6)
    {
    }

  private:
    void DoRun() override
    {
        L2tpv3BridgeScenario::Parameters p = PingParameters(m_inner6, m_outer6);
        L2tpv3BridgeScenario::Results r = L2tpv3BridgeScenario::RunOnce(p);
        NS_TEST_ASSERT_MSG_GT(r.pingsXtoY, 3, "Host_X pinged");
        NS_TEST_EXPECT_MSG_EQ(r.repliesXtoY, r.pingsXtoY, "every ping X -> Y answered");
        NS_TEST_ASSERT_MSG_GT(r.pingsYtoX, 3, "Host_Y pinged");
        NS_TEST_EXPECT_MSG_EQ(r.repliesYtoX, r.pingsYtoX, "every ping Y -> X answered");
        NS_TEST_EXPECT_MSG_GT(r.pseudowireA.txPackets, 0, "frames encapsulated by A");
        // Frames sent before the WAN neighbour is resolved may be lost in IP's own
        // pending queue; none may be lost by the pseudowire.
        NS_TEST_EXPECT_MSG_GT(r.pseudowireB.rxPackets, 0, "B decapsulated frames");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(r.pseudowireB.rxPackets,
                                    r.pseudowireA.txPackets,
                                    "no frame B did not get from A");
        NS_TEST_EXPECT_MSG_GT(r.pseudowireA.rxPackets, 0, "A decapsulated frames");
        NS_TEST_EXPECT_MSG_EQ(r.pseudowireA.GetTotalDrops() + r.pseudowireB.GetTotalDrops(),
                              0,
                              "no drops");

        // l2tp(4) `deletetunnel` on NetBSD_A at 3.2 s: later pings fail.
        p.deleteTunnelAt = 3.2;
        r = L2tpv3BridgeScenario::RunOnce(p);
        NS_TEST_ASSERT_MSG_GT(r.pingsAfterDelete, 2, "pings sent after deletetunnel");
        NS_TEST_EXPECT_MSG_EQ(r.repliesAfterDelete, 0, "none answered");
        NS_TEST_EXPECT_MSG_GT(r.repliesXtoY + r.repliesYtoX, 0, "pings before it were");
        NS_TEST_EXPECT_MSG_GT(r.pseudowireA.GetDrops(L2tpv3DropReason::TX_DEVICE_DOWN),
                              0,
                              "A refuses frames to send as device down");
        NS_TEST_EXPECT_MSG_EQ(r.pseudowireA.GetTxErrors(),
                              r.pseudowireA.GetDrops(L2tpv3DropReason::TX_DEVICE_DOWN),
                              "each one a tx_error");
    }

    bool m_inner6; //!< inner IPv6
    bool m_outer6; //!< outer IPv6
};

/**
 * \ingroup l2tp-tests
 * \brief Cookies of 4 and 8 bytes pass; a mismatch or an unknown session delivers nothing.
 */
class L2tpv3CookieSessionTestCase : public TestCase
{
  public:
    L2tpv3CookieSessionTestCase()
        : TestCase("cookies 4 and 8 pass; cookie mismatch and unknown session deliver nothing")
    {
    }

  private:
    void DoRun() override
    {
        for (uint32_t length : {4, 8})
        {
            L2tpv3BridgeScenario::Parameters p = PingParameters(false, false);
            p.cookieLength = length;
            L2tpv3BridgeScenario::Results r = L2tpv3BridgeScenario::RunOnce(p);
            NS_TEST_EXPECT_MSG_GT(r.repliesXtoY, 0, "cookie " << length << ": answered");
            NS_TEST_EXPECT_MSG_EQ(r.repliesXtoY, r.pingsXtoY, "cookie " << length << ": all");
            NS_TEST_EXPECT_MSG_EQ(r.pseudowireB.GetTotalDrops(), 0, "no drops");
        }

        // NetBSD_B expects another cookie than NetBSD_A sends.
        {
            L2tpv3BridgeScenario::Parameters p = PingParameters(false, false);
            p.cookieLength = 4;
            L2tpv3BridgeScenario s(p);
            s.Build();
            Ptr<L2tpv3NetDevice> b = s.GetPseudowire(1);
            b->SetCookies(L2tpv3Cookie(4, 11111), b->GetRemoteCookie());
            L2tpv3BridgeScenario::Results r = s.Run();
            NS_TEST_ASSERT_MSG_GT(r.pseudowireA.txPackets, 0, "A sent frames");
            NS_TEST_EXPECT_MSG_EQ(r.pseudowireB.rxPackets, 0, "B delivered nothing");
            NS_TEST_EXPECT_MSG_EQ(r.pseudowireB.GetDrops(L2tpv3DropReason::COOKIE_MISMATCH),
                                  r.pseudowireA.txPackets,
                                  "cookie drops equal frames sent");
            NS_TEST_EXPECT_MSG_EQ(r.repliesXtoY, 0, "no ping answered");
        }

        // NetBSD_B's local Session ID is not the one NetBSD_A sends.
        {
            L2tpv3BridgeScenario::Parameters p = PingParameters(false, false);
            L2tpv3BridgeScenario s(p);
            s.Build();
            s.GetPseudowire(1)->SetSessionIds(999, p.localSessionId);
            L2tpv3BridgeScenario::Results r = s.Run();
            NS_TEST_ASSERT_MSG_GT(r.pseudowireA.txPackets, 0, "A sent frames");
            NS_TEST_EXPECT_MSG_EQ(r.pseudowireB.rxPackets, 0, "B delivered nothing");
            NS_TEST_EXPECT_MSG_EQ(r.protocolB.GetDrops(L2tpv3DropReason::UNKNOWN_SESSION),
                                  r.pseudowireA.txPackets,
                                  "unknown-session drops equal frames sent");
            NS_TEST_EXPECT_MSG_EQ(r.repliesXtoY, 0, "no ping answered");
        }
    }
};

/**
 * \ingroup l2tp-tests
 * \brief ARP and neighbour discovery resolve across the tunnel.
 */
class L2tpv3ResolutionTestCase : public TestCase
{
  public:
    L2tpv3ResolutionTestCase()
        : TestCase("ARP and IPv6 neighbour discovery resolve across the tunnel")
    {
    }

  private:
    void DoRun() override
    {
        for (bool inner6 : {false, true})
        {
            L2tpv3BridgeScenario s(PingParameters(inner6, false));
            s.Build();
            L2tpv3BridgeScenario::Results r = s.Run();
            NS_TEST_ASSERT_MSG_GT(r.repliesXtoY, 0, "ping answered");
            Ptr<Node> hostX = s.GetNodes().Get(2);
            Address yMac = s.GetHostDevice(1)->GetAddress();
            Address resolved;
            if (inner6)
            {
                Ptr<Ipv6L3Protocol> ip = hostX->GetObject<Ipv6L3Protocol>();
                int32_t i = ip->GetInterfaceForDevice(s.GetHostDevice(0));
                NdiscCache::Entry* e = ip->GetInterface(i)->GetNdiscCache()->Lookup(
                    Ipv6Address(s.GetHostAddress(1).c_str()));
                NS_TEST_ASSERT_MSG_NE(e, nullptr, "Host_Y in Host_X's neighbour cache");
                resolved = e->GetMacAddress();
            }
            else
            {
                Ptr<Ipv4L3Protocol> ip = hostX->GetObject<Ipv4L3Protocol>();
                int32_t i = ip->GetInterfaceForDevice(s.GetHostDevice(0));
                ArpCache::Entry* e = ip->GetInterface(i)->GetArpCache()->Lookup(
                    Ipv4Address(s.GetHostAddress(1).c_str()));
                NS_TEST_ASSERT_MSG_NE(e, nullptr, "Host_Y in Host_X's ARP cache");
                resolved = e->GetMacAddress();
            }
            NS_TEST_EXPECT_MSG_EQ(resolved, yMac, "resolved to Host_Y's own MAC address");
        }
    }
};

/**
 * \ingroup l2tp-tests
 * \brief The far bridge learns the near host through the pseudowire port.
 *
 * NetBSD_B's bridge has three ports: wm1 (Host_Y), wm2 (Host_Z) and l2tp0.
 * Host_X's ARP request reaches it through l2tp0 and is flooded to both LANs;
 * Host_Y's unicast answers to Host_X must then leave through l2tp0 only, so
 * Host_Z's LAN sees no frame addressed to Host_X.
 */
class L2tpv3BridgeLearningTestCase : public TestCase
{
  public:
    L2tpv3BridgeLearningTestCase()
        : TestCase("the bridge learns through the pseudowire: no flooding once learned")
    {
    }

  private:
    void DoRun() override
    {
        NodeContainer nodes;
        nodes.Create(5); // routerA, routerB, hostX, hostY, hostZ
        CsmaHelper csma;
        csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
        NetDeviceContainer wan = csma.Install(NodeContainer(nodes.Get(0), nodes.Get(1)));
        NetDeviceContainer lanX = csma.Install(NodeContainer(nodes.Get(2), nodes.Get(0)));
        NetDeviceContainer lanY = csma.Install(NodeContainer(nodes.Get(3), nodes.Get(1)));
        NetDeviceContainer lanZ = csma.Install(NodeContainer(nodes.Get(4), nodes.Get(1)));
        InternetStackHelper().Install(nodes);
        Ipv4AddressHelper wanAddress("192.168.0.0", "255.255.255.0");
        Ipv4InterfaceContainer wanIf = wanAddress.Assign(wan);
        L2tpv3Helper l2tp;
        l2tp.SetSessionIds(1234, 4321);
        NetDeviceContainer pw =
            l2tp.InstallPair(nodes.Get(0), wanIf.GetAddress(0), nodes.Get(1), wanIf.GetAddress(1));
        BridgeHelper bridge;
        bridge.Install(nodes.Get(0), NetDeviceContainer(lanX.Get(1), pw.Get(0)));
        bridge.Install(nodes.Get(1),
                       NetDeviceContainer(NetDeviceContainer(lanY.Get(1), lanZ.Get(1)), pw.Get(1)));
        NetDeviceContainer hosts(NetDeviceContainer(lanX.Get(0), lanY.Get(0)), lanZ.Get(0));
        Ipv4AddressHelper hostAddress("10.0.0.0", "255.255.255.0");
        Ipv4InterfaceContainer hostIf = hostAddress.Assign(hosts);

        Mac48Address xMac = Mac48Address::ConvertFrom(lanX.Get(0)->GetAddress());
        uint32_t zBroadcasts = 0;
        uint32_t zToX = 0;
        uint32_t yFromX = 0;
        lanZ.Get(0)->TraceConnectWithoutContext(
            "PromiscSniffer",
            Callback<void, Ptr<const Packet>>([&](Ptr<const Packet> p) {
                EthernetHeader eth;
                p->PeekHeader(eth);
                zBroadcasts += eth.GetDestination().IsBroadcast();
                zToX += eth.GetDestination() == xMac;
            }));
        lanY.Get(0)->TraceConnectWithoutContext(
            "MacRx",
            Callback<void, Ptr<const Packet>>([&](Ptr<const Packet>) {
                ++yFromX;
            }));

        // Host_X sends UDP datagrams to Host_Y; Host_Y echoes them back.
        UdpEchoServerHelper server(9);
        server.Install(nodes.Get(3)).Start(Seconds(0.5));
        UdpEchoClientHelper client(hostIf.GetAddress(1), 9);
        client.SetAttribute("MaxPackets", UintegerValue(5));
        client.SetAttribute("Interval", TimeValue(Seconds(0.2)));
        ApplicationContainer c = client.Install(nodes.Get(2));
        c.Start(Seconds(1.0));
        uint32_t echoes = 0;
        c.Get(0)->TraceConnectWithoutContext(
            "Rx",
            Callback<void, Ptr<const Packet>>([&echoes](Ptr<const Packet>) {
                ++echoes;
            }));
        Simulator::Stop(Seconds(3));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(echoes, 5, "all echoes came back across the tunnel");
        NS_TEST_EXPECT_MSG_GT(zBroadcasts, 0, "Host_Z's LAN is a bridge port (sees broadcasts)");
        NS_TEST_EXPECT_MSG_EQ(zToX, 0, "no frame to Host_X flooded to Host_Z's LAN");
        NS_TEST_EXPECT_MSG_GT(yFromX, 0, "Host_Y received Host_X's frames");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief l2tp(4) `deletecookie` on one end: the wire does not carry the cookie length, so the
 * end without a cookie reads its peer's cookie as the start of the frame, and the peer, still
 * expecting a cookie, discards every frame.
 */
class L2tpv3DeleteCookieTestCase : public TestCase
{
  public:
    L2tpv3DeleteCookieTestCase()
        : TestCase("deletecookie on NetBSD_B: its frames are cookie mismatches at NetBSD_A; "
                   "A's cookie is read as the start of the frame at B and counted")
    {
    }

  private:
    void DoRun() override
    {
        L2tpv3BridgeScenario::Parameters p = PingParameters(false, false);
        p.cookieLength = 4; // A sends 54321 (00 00 d4 31), B sends 12345
        p.duration = 10;
        L2tpv3BridgeScenario s(p);
        s.Build();
        Ptr<L2tpv3NetDevice> a = s.GetPseudowire(0);
        Ptr<L2tpv3NetDevice> b = s.GetPseudowire(1);
        const Time deleteAt = Seconds(3.25); // between two pings
        Simulator::Schedule(deleteAt, &L2tpv3NetDevice::DeleteCookie, b);
        std::vector<std::vector<uint8_t>> sentByA;
        std::vector<std::vector<uint8_t>> deliveredByB; // what B dropped, in order
        uint32_t sentByB = 0;
        auto record = [deleteAt](std::vector<std::vector<uint8_t>>* into) {
            return Callback<void, Ptr<const Packet>>([into, deleteAt](Ptr<const Packet> packet) {
                if (Simulator::Now() > deleteAt)
                {
                    std::vector<uint8_t> bytes(packet->GetSize());
                    packet->CopyData(bytes.data(), bytes.size());
                    into->push_back(bytes);
                }
            });
        };
        a->TraceConnectWithoutContext("MacTx", record(&sentByA));
        b->TraceConnectWithoutContext(
            "Drop",
            Callback<void, Ptr<const Packet>, L2tpv3DropReason>(
                [&deliveredByB, deleteAt](Ptr<const Packet> packet, L2tpv3DropReason reason) {
                    if (Simulator::Now() > deleteAt &&
                        reason == L2tpv3DropReason::FRAME_BAD_LENGTH_TYPE)
                    {
                        std::vector<uint8_t> bytes(packet->GetSize());
                        packet->CopyData(bytes.data(), bytes.size());
                        deliveredByB.push_back(bytes);
                    }
                }));
        b->TraceConnectWithoutContext(
            "MacTx",
            Callback<void, Ptr<const Packet>>([&sentByB, deleteAt](Ptr<const Packet>) {
                sentByB += Simulator::Now() > deleteAt;
            }));
        uint64_t mismatchesBefore = 0;
        uint64_t badBefore = 0;
        Simulator::Schedule(deleteAt, [&]() {
            mismatchesBefore = a->GetCounters().GetRxCookieDiscards();
            badBefore = b->GetCounters().rxBadLengthType;
        });
        L2tpv3BridgeScenario::Results r = s.Run();

        NS_TEST_EXPECT_MSG_EQ(b->GetLocalCookie().GetLength(), 0, "deletecookie: no local cookie");
        NS_TEST_EXPECT_MSG_EQ(b->GetRemoteCookie().GetLength(), 0, "nor a remote one");
        NS_TEST_EXPECT_MSG_EQ(mismatchesBefore, 0, "cookies matched before");
        NS_TEST_EXPECT_MSG_EQ(badBefore, 0, "frames well formed before");
        NS_TEST_ASSERT_MSG_GT(sentByB, 2, "B sent frames after deletecookie");
        NS_TEST_EXPECT_MSG_EQ(r.pseudowireA.GetRxCookieDiscards(),
                              sentByB,
                              "each one a cookie mismatch at A");
        NS_TEST_ASSERT_MSG_GT(sentByA.size(), 2, "A sent frames after deletecookie");
        NS_TEST_ASSERT_MSG_EQ(deliveredByB.size(), sentByA.size(), "B dropped each one");
        const std::vector<uint8_t> cookie{0x00, 0x00, 0xd4, 0x31};
        for (std::size_t i = 0; i < std::min(sentByA.size(), deliveredByB.size()); ++i)
        {
            std::vector<uint8_t> expected = cookie;
            expected.insert(expected.end(), sentByA[i].begin(), sentByA[i].end());
            NS_TEST_EXPECT_MSG_EQ((deliveredByB[i] == expected),
                                  true,
                                  "frame " << i << ": A's cookie, then A's frame");
        }
        // The shifted length/type field is two bytes of a MAC address (00 00): not an EtherType.
        NS_TEST_EXPECT_MSG_EQ(r.pseudowireB.rxBadLengthType,
                              deliveredByB.size(),
                              "every such frame counted");
        NS_TEST_EXPECT_MSG_EQ(r.pseudowireA.rxBadLengthType, 0, "none at A");
        // Dropped, not delivered: ns-3's CsmaNetDevice asserts on such a length field.
        NS_TEST_EXPECT_MSG_EQ(r.pseudowireB.GetDrops(L2tpv3DropReason::FRAME_BAD_LENGTH_TYPE),
                              deliveredByB.size(),
                              "dropped as frame_bad_length_type");
        NS_TEST_EXPECT_MSG_EQ(r.pseudowireB.GetRxErrors(), deliveredByB.size(), "rx_errors");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Every frame given to the pseudowires is accounted for: sent = delivered + dropped by
 * a pseudowire (per reason) + lost in the underlay (per cause) + in flight, checked against
 * the devices' own counters and the queues left at the end.
 */
class L2tpv3FrameAccountingTestCase : public TestCase
{
  public:
    /**
     * \param ipv6 IPv6 underlay and inner IPv6, 8-byte cookies, where neighbour probing loses
     * frames; else IPv4 with NetBSD_A deleting its tunnel at 6 s of 8
     */
    explicit L2tpv3FrameAccountingTestCase(bool ipv6)
        : TestCase(ipv6 ? "accounting, IPv6 bulk run: frames lost while neighbour discovery "
                          "probes are counted (unreported by ns-3); the sum is exact"
                        : "accounting, IPv4 bulk run with deletetunnel: tx_device_down and the "
                          "peer's refusals counted per reason; the sum is exact"),
          m_ipv6(ipv6)
    {
    }

  private:
    void DoRun() override
    {
        L2tpv3BridgeScenario::Parameters p;
        p.ipv6Underlay = m_ipv6;
        p.innerIpv6 = m_ipv6;
        p.cookieLength = m_ipv6 ? 8 : 0;
        p.deleteTunnelAt = m_ipv6 ? -1 : 6;
        // 10 Mbit/s keeps the run short (and quick under valgrind); the neighbour cache probes
        // at the same times whatever the rate.
        p.wanDataRate = "10Mbps";
        p.lanDataRate = "10Mbps";
        p.duration = m_ipv6 ? 6 : 8;
        L2tpv3BridgeScenario s(p);
        s.Build();
        L2tpv3BridgeScenario::Results r = s.Run();
        const L2tpv3BridgeScenario::FrameAccounting& f = r.frames;
        const L2tpv3Counters& a = r.pseudowireA;
        const L2tpv3Counters& b = r.pseudowireB;

        NS_TEST_EXPECT_MSG_EQ(f.Balances(), true, "sent = delivered + dropped + lost + in flight");
        NS_TEST_EXPECT_MSG_EQ(f.sent,
                              a.txPackets + b.txPackets + a.GetTxErrors() + b.GetTxErrors(),
                              "sent: every frame given to either l2tp0");
        NS_TEST_EXPECT_MSG_EQ(f.delivered, a.rxPackets + b.rxPackets, "delivered");
        L2tpv3Counters all = a;
        all += b;
        all += r.protocolA;
        all += r.protocolB;
        for (std::size_t i = 0; i < f.dropped.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(f.dropped[i],
                                  all.drops[i],
                                  static_cast<L2tpv3DropReason>(i) << ": the devices' count");
        }
        // What was encapsulated and not decapsulated, per direction, is what the underlay
        // lost, the receivers refused, or was still on its way.
        uint64_t rxDropped = f.GetDropped() - a.GetTxErrors() - b.GetTxErrors();
        NS_TEST_EXPECT_MSG_EQ((a.txPackets - b.rxPackets) + (b.txPackets - a.rxPackets),
                              f.GetLost() + f.inFlight + rxDropped,
                              "encapsulated - decapsulated");

        // In flight: at most one frame per piece left in the WAN ports' queues, plus the one
        // each port is transmitting.
        uint64_t queued = 0;
        for (uint32_t i = 0; i < 2; ++i)
        {
            Ptr<Node> router = s.GetNodes().Get(i);
            Ptr<NetDevice> wan = router->GetDevice(0);
            Ptr<QueueDisc> qdisc =
                router->GetObject<TrafficControlLayer>()->GetRootQueueDiscOnDevice(wan);
            queued += (qdisc ? qdisc->GetNPackets() : 0) +
                      DynamicCast<CsmaNetDevice>(wan)->GetQueue()->GetNPackets() + 1;
        }
        NS_TEST_EXPECT_MSG_LT_OR_EQ(f.inFlight, queued, "no more than the queues hold");

        std::ostringstream summary;
        L2tpv3BridgeScenario::PrintSummary(summary, p, r);
        NS_TEST_EXPECT_MSG_EQ(summary.str().find("drops:"), std::string::npos, "no 'drops:'");
        std::ostringstream line;
        line << "  frames: " << f.sent << " sent = " << f.delivered << " delivered + "
             << f.GetDropped() << " dropped by l2tp0";
        NS_TEST_EXPECT_MSG_NE(summary.str().find(line.str()), std::string::npos, summary.str());

        if (m_ipv6)
        {
            // ns-3 keeps 3 packets per neighbour entry while it probes and drops older ones
            // without a trace (3.37).
            NS_TEST_EXPECT_MSG_GT(f.inFlight, 0, "a bulk flow has frames on their way at the end");
            NS_TEST_EXPECT_MSG_GT(f.GetLost(), 0, "frames lost while neighbour discovery probes");
            NS_TEST_EXPECT_MSG_EQ((f.lost.count("unreported") ? f.lost.at("unreported") : 0),
                                  f.GetLost(),
                                  "with no cause ns-3 reports");
            NS_TEST_EXPECT_MSG_EQ(f.GetDropped(), 0, "none dropped by the pseudowires");
            std::ostringstream lost;
            lost << " + " << f.GetLost() << " lost in the underlay (unreported=" << f.GetLost()
                 << ") + " << f.inFlight << " in flight\n";
            NS_TEST_EXPECT_MSG_NE(summary.str().find(lost.str()), std::string::npos, summary.str());
        }
        else
        {
            NS_TEST_EXPECT_MSG_GT(
                f.dropped[static_cast<std::size_t>(L2tpv3DropReason::TX_DEVICE_DOWN)],
                0,
                "frames refused by NetBSD_A after deletetunnel");
            NS_TEST_EXPECT_MSG_GT(f.GetDropped(),
                                  a.GetTxErrors(),
                                  "and NetBSD_B's frames refused by NetBSD_A");
        }
    }

    bool m_ipv6; //!< IPv6
};

/**
 * \ingroup l2tp-tests
 * \brief 1514-byte frames over a 1500-byte WAN arrive intact through outer fragmentation.
 */
class L2tpv3FragmentationTestCase : public TestCase
{
  public:
    /** \param outer6 IPv6 between the routers */
    explicit L2tpv3FragmentationTestCase(bool outer6)
        : TestCase(std::string("1514-byte frames over a 1500-byte ") + (outer6 ? "IPv6" : "IPv4") +
                   " WAN: intact through outer fragmentation, fragments counted"),
          m_outer6(outer6)
    {
    }

  private:
    void DoRun() override
    {
        L2tpv3BridgeScenario::Parameters p = PingParameters(false, m_outer6);
        p.pingSize = 1472; // 1472 + 8 ICMP + 20 IPv4 = 1500: a 1514-byte frame
        L2tpv3BridgeScenario s(p);
        s.Build();
        std::vector<std::vector<uint8_t>> sent;
        std::vector<std::vector<uint8_t>> received;
        auto record = [](std::vector<std::vector<uint8_t>>* into) {
            return Callback<void, Ptr<const Packet>>([into](Ptr<const Packet> packet) {
                if (packet->GetSize() == 1514)
                {
                    std::vector<uint8_t> bytes(packet->GetSize());
                    packet->CopyData(bytes.data(), bytes.size());
                    into->push_back(bytes);
                }
            });
        };
        s.GetPseudowire(0)->TraceConnectWithoutContext("MacTx", record(&sent));
        s.GetPseudowire(1)->TraceConnectWithoutContext("MacPromiscRx", record(&received));
        L2tpv3BridgeScenario::Results r = s.Run();

        NS_TEST_ASSERT_MSG_GT(r.pingsXtoY, 3, "pings sent");
        NS_TEST_EXPECT_MSG_EQ(r.repliesXtoY, r.pingsXtoY, "every 1514-byte ping answered");
        NS_TEST_EXPECT_MSG_EQ(r.repliesYtoX, r.pingsYtoX, "both ways");
        // Host_X's requests and its replies to Host_Y: every one is a 1514-byte frame.
        NS_TEST_EXPECT_MSG_EQ(sent.size(), r.pingsXtoY + r.repliesYtoX, "1514-byte frames sent");
        NS_TEST_ASSERT_MSG_EQ(received.size(), sent.size(), "each one arrived");
        // The check above returns only under --stop-on-failure.
        for (std::size_t i = 0; i < std::min(sent.size(), received.size()); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ((received[i] == sent[i]), true, "frame " << i << " intact");
        }
        // Each 4 + 1514 = 1518-byte L2TPv3 packet needs two outer fragments.
        uint64_t big = r.pseudowireA.txFragmented + r.pseudowireB.txFragmented;
        NS_TEST_EXPECT_MSG_EQ(r.pseudowireA.txFragmented, sent.size(), "A's fragmented frames");
        NS_TEST_EXPECT_MSG_EQ(r.pseudowireA.txFragments + r.pseudowireB.txFragments,
                              2 * big,
                              "two fragments each");
        NS_TEST_EXPECT_MSG_EQ(r.wanFragments, 2 * big, "fragments seen on the WAN");
        NS_TEST_EXPECT_MSG_EQ(r.pseudowireB.GetTotalDrops(), 0, "no drops");
    }

    bool m_outer6; //!< IPv6 underlay
};

/**
 * \ingroup l2tp-tests
 * \brief Frames out of the pseudowire are classified as CsmaNetDevice does: broadcast,
 * multicast, to this host, to another host; only the last stays out of the receive callback.
 */
class L2tpv3ClassificationTestCase : public TestCase
{
  public:
    L2tpv3ClassificationTestCase()
        : TestCase("received frames classified broadcast, multicast, host, other host")
    {
    }

  private:
    void DoRun() override
    {
        NodeContainer nodes;
        nodes.Create(2);
        NetDeviceContainer wan = CsmaHelper().Install(nodes);
        InternetStackHelper().Install(nodes);
        Ipv4InterfaceContainer ip = Ipv4AddressHelper("192.168.0.0", "255.255.255.0").Assign(wan);
        L2tpv3Helper helper;
        helper.SetSessionIds(1234, 4321);
        NetDeviceContainer pw =
            helper.InstallPair(nodes.Get(0), ip.GetAddress(0), nodes.Get(1), ip.GetAddress(1));
        Ptr<NetDevice> a = pw.Get(0);
        Ptr<NetDevice> b = pw.Get(1);

        std::vector<NetDevice::PacketType> promiscuous;
        std::vector<Mac48Address> promiscuousTo;
        uint32_t received = 0;
        b->SetPromiscReceiveCallback(
            NetDevice::PromiscReceiveCallback([&](Ptr<NetDevice>,
                                                  Ptr<const Packet>,
                                                  uint16_t,
                                                  const Address&,
                                                  const Address& to,
                                                  NetDevice::PacketType type) {
                promiscuous.push_back(type);
                promiscuousTo.push_back(Mac48Address::ConvertFrom(to));
                return true;
            }));
        b->SetReceiveCallback(NetDevice::ReceiveCallback(
            [&](Ptr<NetDevice>, Ptr<const Packet>, uint16_t, const Address&) {
                ++received;
                return true;
            }));

        const std::vector<Mac48Address> destinations = {Mac48Address::GetBroadcast(),
                                                        Mac48Address("01:00:5e:00:00:fb"),
                                                        Mac48Address("33:33:00:00:00:01"),
                                                        Mac48Address::ConvertFrom(b->GetAddress()),
                                                        Mac48Address("02:00:00:00:00:99")};
        const std::vector<NetDevice::PacketType> expected = {NetDevice::PACKET_BROADCAST,
                                                             NetDevice::PACKET_MULTICAST,
                                                             NetDevice::PACKET_MULTICAST,
                                                             NetDevice::PACKET_HOST,
                                                             NetDevice::PACKET_OTHERHOST};
        // After the WAN's ARP has resolved (the first frame waits for it).
        double t = 1;
        for (const Mac48Address& to : destinations)
        {
            Simulator::ScheduleWithContext(nodes.Get(0)->GetId(), Seconds(t), [a, to]() {
                a->SendFrom(Create<Packet>(100), a->GetAddress(), to, 0x0800);
            });
            t += 0.1;
        }
        Simulator::Stop(Seconds(t + 1));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(promiscuous.size(), expected.size(), "every frame delivered");
        for (std::size_t i = 0; i < expected.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(promiscuousTo[i], destinations[i], "order kept");
            NS_TEST_EXPECT_MSG_EQ(promiscuous[i], expected[i], "frame to " << destinations[i]);
        }
        NS_TEST_EXPECT_MSG_EQ(received, 4, "all but the other host's frame reach ReceiveCallback");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief End-to-end test suite.
 */
/**
 * \ingroup l2tp-tests
 * \brief L2tpv3AddInterfaceAddress: an address of each family on a port no helper numbers,
 * the interface up and reused for a second address; each bad input refused with its message.
 */
class L2tpv3AddInterfaceAddressTestCase : public TestCase
{
  public:
    L2tpv3AddInterfaceAddressTestCase()
        : TestCase("L2tpv3AddInterfaceAddress: IPv4 and IPv6 on one port, bad inputs named; "
                   "L2tpv3ParseAddressOption")
    {
    }

  private:
    /**
     * \param f the call
     * \return the message of the std::invalid_argument it throws ("" when none)
     */
    static std::string ErrorOf(const std::function<void()>& f)
    {
        try
        {
            f();
        }
        catch (const std::invalid_argument& e)
        {
            return e.what();
        }
        return "";
    }

    void DoRun() override
    {
        NodeContainer nodes;
        nodes.Create(2);
        InternetStackHelper().Install(nodes.Get(0));
        NetDeviceContainer d = CsmaHelper().Install(nodes);
        uint32_t i4 = L2tpv3AddInterfaceAddress(d.Get(0), Ipv4Address("10.1.2.3"), 20);
        Ptr<Ipv4> ip4 = nodes.Get(0)->GetObject<Ipv4>();
        NS_TEST_EXPECT_MSG_EQ(ip4->GetInterfaceForDevice(d.Get(0)), int32_t(i4), "its interface");
        NS_TEST_EXPECT_MSG_EQ(ip4->GetAddress(i4, 0).GetLocal(),
                              Ipv4Address("10.1.2.3"),
                              "address");
        NS_TEST_EXPECT_MSG_EQ(ip4->GetAddress(i4, 0).GetMask(), Ipv4Mask("/20"), "mask");
        NS_TEST_EXPECT_MSG_EQ(ip4->IsUp(i4), true, "up");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3AddInterfaceAddress(d.Get(0), Ipv4Address("10.9.9.9"), 24),
                              i4,
                              "a second address on the same interface");
        NS_TEST_EXPECT_MSG_EQ(ip4->GetNAddresses(i4), 2, "both kept");
        uint32_t i6 = L2tpv3AddInterfaceAddress(d.Get(0), Ipv6Address("2001:db8:5::7"), 64);
        Ptr<Ipv6> ip6 = nodes.Get(0)->GetObject<Ipv6>();
        bool found = false;
        for (uint32_t a = 0; a < ip6->GetNAddresses(i6); ++a)
        {
            found |= ip6->GetAddress(i6, a).GetAddress() == Ipv6Address("2001:db8:5::7") &&
                     ip6->GetAddress(i6, a).GetPrefix() == Ipv6Prefix(64);
        }
        NS_TEST_EXPECT_MSG_EQ(found, true, "the IPv6 address with its prefix");
        NS_TEST_EXPECT_MSG_EQ(ip6->IsUp(i6), true, "up");

        const std::string w = "L2tpv3AddInterfaceAddress: ";
        NS_TEST_EXPECT_MSG_EQ(ErrorOf([&]() {
                                  L2tpv3AddInterfaceAddress(d.Get(0), Ipv4Address("10.0.0.1"), 33);
                              }),
                              w + "prefix length 33: must be at most 32",
                              "IPv4 prefix");
        NS_TEST_EXPECT_MSG_EQ(ErrorOf([&]() {
                                  L2tpv3AddInterfaceAddress(d.Get(0), Ipv6Address("::1"), 129);
                              }),
                              w + "prefix length 129: must be at most 128",
                              "IPv6 prefix");
        NS_TEST_EXPECT_MSG_EQ(ErrorOf([&]() {
                                  L2tpv3AddInterfaceAddress(d.Get(1), Ipv4Address("10.0.0.2"), 24);
                              }),
                              w + "node " + std::to_string(nodes.Get(1)->GetId()) +
                                  " has no IPv4 stack",
                              "no stack");
        NS_TEST_EXPECT_MSG_EQ(ErrorOf([&]() {
                                  L2tpv3AddInterfaceAddress(nullptr, Ipv4Address("10.0.0.2"), 24);
                              }),
                              w + "the device is null or on no node",
                              "no device");
        std::string other = ErrorOf([&]() {
            L2tpv3AddInterfaceAddress(d.Get(0), Mac48Address("00:00:00:00:00:01"), 24);
        });
        NS_TEST_EXPECT_MSG_NE(other.find("not an IPv4 or IPv6 address"),
                              std::string::npos,
                              "another kind of address: " + other);

        // The examples' address options: the family of the underlay, or a message naming both.
        NS_TEST_EXPECT_MSG_EQ(L2tpv3ParseAddressOption("peer", "192.168.0.2", false),
                              Address(Ipv4Address("192.168.0.2")),
                              "IPv4");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3ParseAddressOption("peer", "2001:db8::2", true),
                              Address(Ipv6Address("2001:db8::2")),
                              "IPv6");
        NS_TEST_EXPECT_MSG_EQ(ErrorOf([]() {
                                  L2tpv3ParseAddressOption("peer", "1::2", false);
                              }),
                              "peer=1::2: not an IPv4 address (an IPv6 underlay needs --ipv6)",
                              "an IPv6 address on an IPv4 underlay");
        NS_TEST_EXPECT_MSG_EQ(ErrorOf([]() {
                                  L2tpv3ParseAddressOption("local", "10.0.0.1", true);
                              }),
                              "local=10.0.0.1: not an IPv6 address (the underlay is IPv6: --ipv6)",
                              "an IPv4 address on an IPv6 underlay");
        NS_TEST_EXPECT_MSG_EQ(ErrorOf([]() {
                                  L2tpv3ParseAddressOption("target", "10.0.0", false);
                              }),
                              "target=10.0.0: not an IPv4 address",
                              "not an address");
        Simulator::Destroy();
    }
};

class L2tpv3BridgeTestSuite : public TestSuite
{
  public:
    L2tpv3BridgeTestSuite()
        : TestSuite("l2tp-bridge")
    {
        for (bool outer6 : {false, true})
        {
            for (bool inner6 : {false, true})
            {
                AddTestCase(new L2tpv3FamilyPingTestCase(inner6, outer6));
            }
        }
        AddTestCase(new L2tpv3CookieSessionTestCase);
        AddTestCase(new L2tpv3DeleteCookieTestCase);
        AddTestCase(new L2tpv3FrameAccountingTestCase(true));
        AddTestCase(new L2tpv3FrameAccountingTestCase(false));
        AddTestCase(new L2tpv3ResolutionTestCase);
        AddTestCase(new L2tpv3BridgeLearningTestCase);
        AddTestCase(new L2tpv3AddInterfaceAddressTestCase);
        AddTestCase(new L2tpv3ClassificationTestCase);
        AddTestCase(new L2tpv3FragmentationTestCase(false));
        AddTestCase(new L2tpv3FragmentationTestCase(true));
    }
};

/// Static instance.
static L2tpv3BridgeTestSuite g_l2tpv3BridgeTestSuite;
