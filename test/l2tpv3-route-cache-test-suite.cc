/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The route cache of L2tpv3L4Protocol (issue 22 item 4): two point-to-point links join
// A and B, A's packets of protocol 115 are counted per link, and the route to B is
// changed mid-run.

#include "ns3/boolean.h"
#include "ns3/callback.h"
#include "ns3/csma-helper.h"
#include "ns3/double.h"
#include "ns3/icmpv6-l4-protocol.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/ipv4-interface-container.h"
#include "ns3/ipv4-list-routing.h"
#include "ns3/ipv4-routing-table-entry.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-address-helper.h"
#include "ns3/ipv6-interface-container.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/ipv6-routing-table-entry.h"
#include "ns3/ipv6-static-routing-helper.h"
#include "ns3/ipv6-static-routing.h"
#include "ns3/ipv6.h"
#include "ns3/l2tpv3-control-message.h"
#include "ns3/l2tpv3-l4-protocol.h"
#include "ns3/l2tpv3-lcce-helper.h"
#include "ns3/l2tpv3-lcce.h"
#include "ns3/l2tpv3-net-device.h"
#include "ns3/l2tpv3-route-cache.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/output-stream-wrapper.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <sstream>

using namespace ns3;

namespace
{

/// A's packets of protocol 115 on one link, control (Session ID 0) and data.
struct LinkCount
{
    uint32_t control{0}; //!< control messages
    uint32_t data{0};    //!< data messages
};

/**
 * \brief A and B joined by two point-to-point links; the tunnel's addresses are both
 * ends' addresses on link 1, and A reaches B's through a host route (link 1 at first).
 */
struct TwoPaths
{
    bool ipv6;             //!< the family
    NodeContainer nodes;   //!< A and B
    NetDeviceContainer l1; //!< link 1: A's and B's devices
    NetDeviceContainer l2; //!< link 2: likewise
    Address a;             //!< A's tunnel address (link 1)
    Address b;             //!< B's tunnel address (link 1)
    Address b2;            //!< B's address on link 2 (the other path's next hop)
    Address b1;            //!< B's address on link 1 (the first path's next hop)
    LinkCount count[2];    //!< A's packets on link 1 and link 2

    /**
     * \param v6 IPv6 (else IPv4)
     * \param routeCache A's RouteCache attribute
     */
    explicit TwoPaths(bool v6, bool routeCache = true)
        : ipv6(v6)
    {
        nodes.Create(2);
        CsmaHelper link;
        link.SetChannelAttribute("DataRate", StringValue("1Gbps"));
        link.SetChannelAttribute("Delay", TimeValue(MilliSeconds(1)));
        l1 = link.Install(nodes);
        l2 = link.Install(nodes);
        InternetStackHelper().Install(nodes);
        if (ipv6)
        {
            for (uint32_t i = 0; i < 2; ++i)
            {
                nodes.Get(i)->GetObject<Icmpv6L4Protocol>()->SetAttribute("DAD",
                                                                          BooleanValue(false));
            }
            // B takes what arrives on link 2 for its link-1 address (weak end system).
            nodes.Get(1)->GetObject<Ipv6L3Protocol>()->SetAttribute("StrongEndSystemModel",
                                                                    BooleanValue(false));
            Ipv6AddressHelper ip;
            ip.SetBase(Ipv6Address("2001:db8:1::"), Ipv6Prefix(64));
            Ipv6InterfaceContainer one = ip.Assign(l1);
            ip.SetBase(Ipv6Address("2001:db8:2::"), Ipv6Prefix(64));
            Ipv6InterfaceContainer two = ip.Assign(l2);
            a = one.GetAddress(0, 1);
            b = one.GetAddress(1, 1);
            b1 = b;
            b2 = two.GetAddress(1, 1);
        }
        else
        {
            Ipv4AddressHelper ip("10.1.1.0", "255.255.255.0");
            Ipv4InterfaceContainer one = ip.Assign(l1);
            ip.SetBase("10.1.2.0", "255.255.255.0");
            Ipv4InterfaceContainer two = ip.Assign(l2);
            a = one.GetAddress(0);
            b = one.GetAddress(1);
            b1 = b;
            b2 = two.GetAddress(1);
        }
        L2tpv3L4Protocol::GetOrCreate(nodes.Get(0))
            ->SetAttribute("RouteCache", BooleanValue(routeCache));
        AddHostRoute(b1, 1);
        for (int i = 0; i < 2; ++i)
        {
            Ptr<NetDevice> device = (i == 0 ? l1 : l2).Get(0);
            device->TraceConnectWithoutContext(
                "MacTx",
                Callback<void, Ptr<const Packet>>([this, i](Ptr<const Packet> p) {
                    Count(i, p);
                }));
        }
    }

    /** \return A's L2TPv3 transport */
    Ptr<L2tpv3L4Protocol> L4() const
    {
        return nodes.Get(0)->GetObject<L2tpv3L4Protocol>();
    }

    /**
     * \brief Add A's host route to B's tunnel address through \p nextHop on interface \p ifIndex.
     * \param nextHop B's address on that link
     * \param ifIndex A's interface (1: link 1, 2: link 2)
     */
    void AddHostRoute(const Address& nextHop, uint32_t ifIndex)
    {
        if (ipv6)
        {
            Ipv6StaticRoutingHelper()
                .GetStaticRouting(nodes.Get(0)->GetObject<Ipv6>())
                ->AddHostRouteTo(Ipv6Address::ConvertFrom(b),
                                 Ipv6Address::ConvertFrom(nextHop),
                                 ifIndex);
        }
        else
        {
            Ipv4StaticRoutingHelper()
                .GetStaticRouting(nodes.Get(0)->GetObject<Ipv4>())
                ->AddHostRouteTo(Ipv4Address::ConvertFrom(b),
                                 Ipv4Address::ConvertFrom(nextHop),
                                 ifIndex);
        }
    }

    /// Remove A's host route to B's tunnel address.
    void RemoveHostRoute()
    {
        if (ipv6)
        {
            Ptr<Ipv6StaticRouting> r =
                Ipv6StaticRoutingHelper().GetStaticRouting(nodes.Get(0)->GetObject<Ipv6>());
            for (uint32_t i = 0; i < r->GetNRoutes(); ++i)
            {
                if (r->GetRoute(i).GetDest() == Ipv6Address::ConvertFrom(b) &&
                    r->GetRoute(i).GetDestNetworkPrefix() == Ipv6Prefix(128))
                {
                    r->RemoveRoute(i);
                    return;
                }
            }
        }
        else
        {
            Ptr<Ipv4StaticRouting> r =
                Ipv4StaticRoutingHelper().GetStaticRouting(nodes.Get(0)->GetObject<Ipv4>());
            for (uint32_t i = 0; i < r->GetNRoutes(); ++i)
            {
                if (r->GetRoute(i).IsHost() &&
                    r->GetRoute(i).GetDest() == Ipv4Address::ConvertFrom(b))
                {
                    r->RemoveRoute(i);
                    return;
                }
            }
        }
        NS_ABORT_MSG("no host route to remove");
    }

    /**
     * \brief Replace the host route by one through link 2, the number of routes unchanged
     * (what ns-3 notifies nobody of).
     * \param flush call FlushRouteCache after
     */
    void MoveToLink2(bool flush)
    {
        RemoveHostRoute();
        AddHostRoute(b2, 2);
        if (flush)
        {
            L4()->FlushRouteCache();
        }
    }

    /**
     * \param link 0 or 1
     * \param p a frame A sends on it (CSMA's MacTx: the Ethernet header first)
     */
    void Count(int link, Ptr<const Packet> p)
    {
        const uint32_t ethernet = 14;
        uint8_t bytes[ethernet + 44] = {};
        p->CopyData(bytes, sizeof(bytes));
        const uint32_t ip = ethernet;
        const uint32_t l2tp = ip + (ipv6 ? 40 : 20);
        const uint8_t protocol = ipv6 ? bytes[ip + 6] : bytes[ip + 9];
        if (protocol != L2tpv3L4Protocol::PROT_NUMBER)
        {
            return;
        }
        // RFC 3931 §4.1.1.2: Session ID 0 over IP is a control message.
        const bool control =
            (bytes[l2tp] | bytes[l2tp + 1] | bytes[l2tp + 2] | bytes[l2tp + 3]) == 0;
        ++(control ? count[link].control : count[link].data);
    }

    /// A sends one control message to B (Session ID 0 and a ZLB's bytes) straight through L4.
    void SendControl()
    {
        L2tpv3ControlMessage zlb(L2tpv3MessageType::ZLB);
        zlb.SetControlConnectionId(1);
        L4()->SendControl(zlb.ToPacket(), a, b);
    }
};

} // namespace

/**
 * \brief The LCCE's control messages and a session's data follow a static route replaced
 * mid-run once FlushRouteCache is called; without the call they keep the stored route (the
 * documented limit); with RouteCache false they follow it at once.
 */
class RouteCacheReplacedTestCase : public TestCase
{
  public:
    /** \brief What the test does at 3 s. */
    enum class Mode
    {
        FLUSH,    //!< replace the route, call FlushRouteCache
        NO_FLUSH, //!< replace the route only
        NO_CACHE, //!< RouteCache false, replace the route only
    };

    /**
     * \param ipv6 the family
     * \param mode what happens at 3 s
     */
    RouteCacheReplacedTestCase(bool ipv6, Mode mode)
        : TestCase(std::string(ipv6 ? "IPv6" : "IPv4") + ": a static route replaced at 3 s, " +
                   (mode == Mode::FLUSH      ? "FlushRouteCache called: HELLOs, ZLBs and data "
                                               "frames take the new link"
                    : mode == Mode::NO_FLUSH ? "no flush: everything keeps the stored route"
                                             : "RouteCache false: every packet routed, the new "
                                               "link taken at once")),
          m_ipv6(ipv6),
          m_mode(mode)
    {
    }

  private:
    void DoRun() override
    {
        TwoPaths t(m_ipv6, m_mode != Mode::NO_CACHE);
        L2tpv3LcceHelper helper;
        helper.SetAttribute("HelloInterval", TimeValue(Seconds(1)));
        helper.SetAttribute("HelloJitter", DoubleValue(0));
        Ptr<L2tpv3Lcce> a = helper.Install(t.nodes.Get(0));
        Ptr<L2tpv3Lcce> b = helper.Install(t.nodes.Get(1));
        a->AssignStreams(1);
        b->AssignStreams(2);
        a->AddPseudowire(a->AddPeer(t.a, t.b), "vc1", nullptr);
        b->OfferPseudowire("vc1", nullptr);
        Ptr<L2tpv3NetDevice> pw;
        a->TraceConnectWithoutContext(
            "SessionUp",
            Callback<void, const L2tpv3SessionParameters&, Ptr<L2tpv3NetDevice>>(
                [&pw](const L2tpv3SessionParameters&, Ptr<L2tpv3NetDevice> device) {
                    pw = device;
                }));
        // A's control messages (ZLBs included) from 3 s on, for the exact count below.
        uint32_t controlAfter = 0;
        a->TraceConnectWithoutContext("ControlTx",
                                      Callback<void, uint32_t, const L2tpv3ControlMessage&>(
                                          [&controlAfter](uint32_t, const L2tpv3ControlMessage&) {
                                              controlAfter += Simulator::Now() > Seconds(3);
                                          }));
        auto sendFrames = [&pw]() {
            for (int i = 0; i < 3; ++i)
            {
                pw->Send(Create<Packet>(100), Mac48Address("02:00:00:00:00:02"), 0x0800);
            }
        };
        Simulator::Schedule(Seconds(2), sendFrames);
        LinkCount before[2];
        Simulator::Schedule(Seconds(3), [&]() {
            before[0] = t.count[0];
            before[1] = t.count[1];
            t.MoveToLink2(m_mode == Mode::FLUSH);
        });
        Simulator::Schedule(Seconds(4), sendFrames);
        Simulator::Stop(Seconds(5.5));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_NE(pw, nullptr, "the session came up");
        NS_TEST_ASSERT_MSG_EQ(a->GetNSessionsUp(), 1, "the session stayed up");
        // Before the change: link 1 only (set-up, HELLO at 1 s and 2 s, 3 frames).
        NS_TEST_ASSERT_MSG_GT(before[0].control, 2, "control on link 1 before");
        NS_TEST_ASSERT_MSG_EQ(before[0].data, 3, "data on link 1 before");
        NS_TEST_ASSERT_MSG_EQ(before[1].control + before[1].data, 0, "nothing on link 2 before");
        const uint32_t control1 = t.count[0].control - before[0].control;
        const uint32_t data1 = t.count[0].data - before[0].data;
        const uint32_t control2 = t.count[1].control - before[1].control;
        const uint32_t data2 = t.count[1].data - before[1].data;
        // HELLOs at 3, 4 and 5 s, and ZLBs for B's: A sent at least 3 after the change.
        NS_TEST_ASSERT_MSG_GT_OR_EQ(controlAfter, 3, "A's control messages after 3 s");
        const Ptr<L2tpv3L4Protocol> l4 = t.L4();
        const L2tpv3RouteCacheStats& stats = l4->GetRouteCacheStats();
        if (m_mode == Mode::NO_FLUSH)
        {
            NS_TEST_ASSERT_MSG_EQ(control1, controlAfter, "control kept link 1 (no flush)");
            NS_TEST_ASSERT_MSG_EQ(data1, 3, "data kept link 1 (no flush)");
            NS_TEST_ASSERT_MSG_EQ(control2 + data2, 0, "nothing on link 2 (no flush)");
        }
        else
        {
            NS_TEST_ASSERT_MSG_EQ(control2, controlAfter, "every control message on link 2");
            NS_TEST_ASSERT_MSG_EQ(data2, 3, "every data frame on link 2");
            NS_TEST_ASSERT_MSG_EQ(control1 + data1, 0, "nothing on link 1 after the change");
        }
        const uint64_t sent =
            t.count[0].control + t.count[0].data + t.count[1].control + t.count[1].data;
        if (m_mode == Mode::NO_CACHE)
        {
            NS_TEST_ASSERT_MSG_EQ(stats.hits + stats.misses, 0, "nothing cached");
            NS_TEST_ASSERT_MSG_GT_OR_EQ(stats.uncached, sent, "every packet routed");
        }
        else
        {
            NS_TEST_ASSERT_MSG_EQ(stats.uncached, 0, "a static list is cached");
            // One route per pair until the flush, one after: the MTU query of the device
            // at set-up is the first lookup.
            const uint64_t misses = m_mode == Mode::FLUSH ? 2 : 1;
            const uint64_t flushes = m_mode == Mode::FLUSH ? 1 : 0;
            NS_TEST_ASSERT_MSG_EQ(stats.misses, misses, "lookups");
            NS_TEST_ASSERT_MSG_EQ(stats.invalidations, flushes, "flushes");
            NS_TEST_ASSERT_MSG_GT_OR_EQ(stats.hits + stats.misses, sent, "every packet cached");
        }
        Simulator::Destroy();
    }

    bool m_ipv6; //!< the family
    Mode m_mode; //!< what happens at 3 s
};

/**
 * \brief Interface down and up on the path in use drop the stored route without any call:
 * down, the packets take the other link (a shorter prefix through it); up, link 1 again.
 */
class RouteCacheInterfaceTestCase : public TestCase
{
  public:
    /** \param ipv6 the family */
    explicit RouteCacheInterfaceTestCase(bool ipv6)
        : TestCase(std::string(ipv6 ? "IPv6" : "IPv4") +
                   ": link 1's interface down then up (IPv6: its address added again): "
                   "control follows without a flush"),
          m_ipv6(ipv6)
    {
    }

  private:
    void DoRun() override
    {
        TwoPaths t(m_ipv6);
        // The other path: a shorter prefix through link 2, used when link 1's routes go.
        if (m_ipv6)
        {
            Ipv6StaticRoutingHelper()
                .GetStaticRouting(t.nodes.Get(0)->GetObject<Ipv6>())
                ->AddNetworkRouteTo(Ipv6Address("2001:db8::"),
                                    Ipv6Prefix(32),
                                    Ipv6Address::ConvertFrom(t.b2),
                                    2);
        }
        else
        {
            Ipv4StaticRoutingHelper()
                .GetStaticRouting(t.nodes.Get(0)->GetObject<Ipv4>())
                ->AddNetworkRouteTo(Ipv4Address("10.1.0.0"),
                                    Ipv4Mask("255.255.0.0"),
                                    Ipv4Address::ConvertFrom(t.b2),
                                    2);
        }
        auto setLink1 = [&t, this](bool up) {
            if (m_ipv6)
            {
                Ptr<Ipv6> ip = t.nodes.Get(0)->GetObject<Ipv6>();
                if (!up)
                {
                    ip->SetDown(1);
                    return;
                }
                // ns-3's IPv6 interface forgets its addresses when it goes down.
                ip->SetUp(1);
                ip->AddAddress(1,
                               Ipv6InterfaceAddress(Ipv6Address::ConvertFrom(t.a), Ipv6Prefix(64)));
            }
            else
            {
                Ptr<Ipv4> ip = t.nodes.Get(0)->GetObject<Ipv4>();
                up ? ip->SetUp(1) : ip->SetDown(1);
            }
        };
        // Counted half a second after each burst (address resolution delays the first).
        LinkCount phase[3][2];
        LinkCount last[2];
        auto burst = [&t](int n) {
            for (int i = 0; i < 2; ++i)
            {
                t.SendControl();
            }
        };
        for (int n = 0; n < 3; ++n)
        {
            Simulator::Schedule(Seconds(n + 1.5), [&t, &phase, &last, n]() {
                for (int l = 0; l < 2; ++l)
                {
                    phase[n][l].control = t.count[l].control - last[l].control;
                    last[l] = t.count[l];
                }
            });
        }
        Simulator::Schedule(Seconds(1), [&]() {
            burst(0);
        });
        Simulator::Schedule(Seconds(2), [&]() {
            setLink1(false);
            burst(1);
        });
        Simulator::Schedule(Seconds(3), [&]() {
            setLink1(true);
            // Up again, link 1 has its network route back (not the host route, which went
            // with the interface): the longer prefix, link 1.
            burst(2);
        });
        Simulator::Stop(Seconds(4));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(phase[0][0].control, 2, "link 1 up: link 1");
        NS_TEST_ASSERT_MSG_EQ(phase[0][1].control, 0, "link 1 up: not link 2");
        NS_TEST_ASSERT_MSG_EQ(phase[1][0].control, 0, "link 1 down: not link 1");
        NS_TEST_ASSERT_MSG_EQ(phase[1][1].control, 2, "link 1 down: link 2");
        NS_TEST_ASSERT_MSG_EQ(phase[2][0].control, 2, "link 1 up again: link 1");
        NS_TEST_ASSERT_MSG_EQ(phase[2][1].control, 0, "link 1 up again: not link 2");
        const L2tpv3RouteCacheStats& stats = t.L4()->GetRouteCacheStats();
        NS_TEST_ASSERT_MSG_EQ(stats.misses, 3, "one lookup per phase");
        NS_TEST_ASSERT_MSG_EQ(stats.hits, 3, "the second message of each phase");
        NS_TEST_ASSERT_MSG_EQ(stats.invalidations, 2, "down and up each dropped the route");
        Simulator::Destroy();
    }

    bool m_ipv6; //!< the family
};

/**
 * \brief What the cache counts and when it does not cache: hits and misses, the flush, a
 * route added (the count of routes changes: no flush needed), a routing that is not a list
 * of static routing (never cached), and the watcher in the list's printed table.
 */
class RouteCacheCountsTestCase : public TestCase
{
  public:
    RouteCacheCountsTestCase()
        : TestCase("counts: 1 miss then hits; flush and an added route drop it; the watcher "
                   "prints one line; a static routing alone is cached; a filled global "
                   "routing is not")
    {
    }

  private:
    void DoRun() override
    {
        {
            TwoPaths t(false);
            Ptr<L2tpv3L4Protocol> l4 = t.L4();
            for (int i = 0; i < 5; ++i)
            {
                t.SendControl();
            }
            L2tpv3RouteCacheStats s = l4->GetRouteCacheStats();
            NS_TEST_ASSERT_MSG_EQ(s.misses, 1, "first packet looked up");
            NS_TEST_ASSERT_MSG_EQ(s.hits, 4, "the others stored");
            NS_TEST_ASSERT_MSG_EQ(l4->GetRouteCacheSize(), 1, "one pair");
            l4->FlushRouteCache();
            NS_TEST_ASSERT_MSG_EQ(l4->GetRouteCacheSize(), 0, "flushed");
            t.SendControl();
            s = l4->GetRouteCacheStats();
            NS_TEST_ASSERT_MSG_EQ(s.misses, 2, "looked up after the flush");
            NS_TEST_ASSERT_MSG_EQ(s.invalidations, 1, "one flush");
            // A route added (here to link 2, more specific than none: a second host route
            // through link 2 for the same address, found after the first): noticed alone.
            t.AddHostRoute(t.b2, 2);
            t.SendControl();
            s = l4->GetRouteCacheStats();
            NS_TEST_ASSERT_MSG_EQ(s.misses, 3, "looked up after a route was added");
            NS_TEST_ASSERT_MSG_EQ(s.invalidations, 2, "the added route dropped it");
            // The watcher: last in the list, one line in the printed table.
            Ptr<Ipv4ListRouting> list = DynamicCast<Ipv4ListRouting>(
                t.nodes.Get(0)->GetObject<Ipv4>()->GetRoutingProtocol());
            NS_TEST_ASSERT_MSG_NE(list, nullptr, "the default routing is a list");
            int16_t priority;
            Ptr<Ipv4RoutingProtocol> last =
                list->GetRoutingProtocol(list->GetNRoutingProtocols() - 1, priority);
            NS_TEST_ASSERT_MSG_EQ(last->GetInstanceTypeId().GetName(),
                                  "ns3::L2tpv3Ipv4RouteWatcher",
                                  "the watcher is last");
            NS_TEST_ASSERT_MSG_EQ(priority, -32768, "at the lowest priority");
            std::ostringstream table;
            list->PrintRoutingTable(Create<OutputStreamWrapper>(&table));
            NS_TEST_ASSERT_MSG_NE(table.str().find("tells the L2TPv3 route cache"),
                                  std::string::npos,
                                  "the watcher's line");
            Simulator::Destroy();
        }
        {
            // A static routing alone (no list, as IPv6's default): cached, its number of
            // routes and the route's interface checked instead of a watcher.
            NodeContainer nodes;
            nodes.Create(2);
            NetDeviceContainer devices = CsmaHelper().Install(nodes);
            InternetStackHelper stack;
            stack.SetRoutingHelper(Ipv4StaticRoutingHelper());
            stack.SetIpv6StackInstall(false);
            stack.Install(nodes);
            Ipv4InterfaceContainer ifs =
                Ipv4AddressHelper("10.9.0.0", "255.255.255.0").Assign(devices);
            Ptr<L2tpv3L4Protocol> l4 = L2tpv3L4Protocol::GetOrCreate(nodes.Get(0));
            Ptr<Ipv4> ipv4 = nodes.Get(0)->GetObject<Ipv4>();
            NS_TEST_ASSERT_MSG_EQ(ipv4->GetRoutingProtocol()->GetInstanceTypeId(),
                                  Ipv4StaticRouting::GetTypeId(),
                                  "a static routing alone");
            auto send = [&]() {
                L2tpv3ControlMessage zlb(L2tpv3MessageType::ZLB);
                return l4->SendControl(zlb.ToPacket(), ifs.GetAddress(0), ifs.GetAddress(1));
            };
            for (int i = 0; i < 3; ++i)
            {
                NS_TEST_ASSERT_MSG_EQ(send(), true, "routed");
            }
            L2tpv3RouteCacheStats s = l4->GetRouteCacheStats();
            NS_TEST_ASSERT_MSG_EQ(s.misses, 1, "looked up once");
            NS_TEST_ASSERT_MSG_EQ(s.hits, 2, "then stored");
            NS_TEST_ASSERT_MSG_EQ(s.uncached, 0, "cacheable");
            // Its interface down: the network route goes, and with it the stored route.
            ipv4->SetDown(1);
            NS_TEST_ASSERT_MSG_EQ(send(), false, "no route with the interface down");
            s = l4->GetRouteCacheStats();
            NS_TEST_ASSERT_MSG_EQ(s.invalidations, 1, "dropped");
            NS_TEST_ASSERT_MSG_EQ(l4->GetRouteCacheSize(), 0, "nothing stored");
            Simulator::Destroy();
        }
        {
            // Global routing filled by GlobalRouteManager: its routes change silently
            // (RecomputeRoutingTables), so from then on every packet is routed.
            TwoPaths t(false);
            t.SendControl();
            t.SendControl();
            Ipv4GlobalRoutingHelper::PopulateRoutingTables();
            t.SendControl();
            t.SendControl();
            const L2tpv3RouteCacheStats& s = t.L4()->GetRouteCacheStats();
            NS_TEST_ASSERT_MSG_EQ(s.misses, 1, "cached while the global routing was empty");
            NS_TEST_ASSERT_MSG_EQ(s.hits, 1, "one hit");
            NS_TEST_ASSERT_MSG_EQ(s.uncached, 2, "routed once it was filled");
            NS_TEST_ASSERT_MSG_EQ(s.invalidations, 1, "the stored route dropped");
            NS_TEST_ASSERT_MSG_EQ(t.L4()->GetRouteCacheSize(), 0, "nothing stored");
            Simulator::Destroy();
        }
    }
};

/// The route cache's suite.
class RouteCacheTestSuite : public TestSuite
{
  public:
    RouteCacheTestSuite()
        : TestSuite("l2tp-route-cache")
    {
        using Mode = RouteCacheReplacedTestCase::Mode;
        for (bool ipv6 : {false, true})
        {
            AddTestCase(new RouteCacheReplacedTestCase(ipv6, Mode::FLUSH));
            AddTestCase(new RouteCacheReplacedTestCase(ipv6, Mode::NO_FLUSH));
            AddTestCase(new RouteCacheReplacedTestCase(ipv6, Mode::NO_CACHE));
            AddTestCase(new RouteCacheInterfaceTestCase(ipv6));
        }
        AddTestCase(new RouteCacheCountsTestCase());
    }
};

/// The suite's instance.
static RouteCacheTestSuite g_routeCacheTestSuite;
