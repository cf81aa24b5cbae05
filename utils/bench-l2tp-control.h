/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TP_BENCH_L2TP_CONTROL_H
#define L2TP_BENCH_L2TP_CONTROL_H

// bench-l2tp --mode=control: sessions brought up by the control plane (L2tpv3Lcce).
// Included by bench-l2tp.cc only (a header, like bench-measure.h, so that the bench
// stays one program when it is copied into an ns-3 tree's scratch/).
//
// Topologies (--topology):
//
//   pair: A (192.168.0.1) --point-to-point, 1 Gb/s, 1 ms-- B (192.168.0.2)
//         A's LCCE opens --connections control connections to B (AddPeer called
//         that many times for the same peer: each call is a connection of its own)
//         and brings up --sessions pseudowires over each (Remote End IDs
//         pw<connection>-<session>); B offers every one of them.
//   hub:  --connections spokes, each with a point-to-point link (1 Gb/s, 1 ms) of
//         its own to one hub; each spoke's LCCE opens one control connection to
//         the hub and brings up --sessions pseudowires over it; the hub offers
//         them all (a concentrator with many access routers).
//
// The links are point-to-point, not CSMA: ns-3's CSMA channel stays busy for the
// propagation delay after each frame, which would make the link, not the control
// plane, the bottleneck. Every LCCE starts at 0 s; the simulation stops when every
// session is up at both ends (or at --limit simulated seconds).
//
// Memory is heap in use (malloc's bytes handed out and not taken back, mallinfo2)
// from just before the LCCEs are installed (the topology built) to the moment every
// session is up, so it counts the LCCEs, their connections, sessions and pseudowire
// devices (both ends), and nothing of the topology. With --reference (the default)
// the same topology is then built again in the same process and brought up with the
// same connections and no session: that run's heap divided by the connections is the
// memory per control connection (both ends, LCCEs included), and what the full run
// needs beyond it, divided by the sessions, is the memory per session (both ends:
// two control sessions and two L2tpv3NetDevices with their channels).
//
// One line is printed (key=value): the sizes, sessions_up (sessions up at the
// initiators; the responders' are checked equal), sim_s (simulated seconds from the
// start of the LCCEs to the last session up), wall_s (wall seconds of that
// simulation), config_wall_s (wall seconds of AddPeer, AddPseudowire and
// OfferPseudowire, the devices' creation included), total_wall_s (the two), cpu_s
// (processor seconds, user and system, of the two: what a busy machine inflates less),
// heap_b and rss_b (the full run's memory, as above), heap_per_session_b (heap_b
// divided by the sessions, the connections' share included), connection_heap_b and
// session_heap_b (from the reference run, as above; absent without it),
// control_messages (control messages all LCCEs sent, ZLBs included, retransmissions
// not), zlb, retransmissions, connections_established, events (simulator events of
// the full run, Simulator::GetEventCount), events_per_s (events per wall second of
// its simulation, wall_s), peak_rss_kib, route_cache (the nodes' L2tpv3L4Protocol::RouteCache,
// --routeCache), route_hits (packets sent on a route the nodes' caches kept) and route_lookups
// (routing lookups the nodes made: RouteOutput calls). With --compareRouteCache the same run is
// made again in the process with RouteCache false (today's code before issue 22 item 4; first
// or last, --compareOrder), after an unmeasured warm-up run (the same, with the cache), so that
// what a process pays once falls on neither; its figures printed as nocache_wall_s,
// nocache_config_wall_s, nocache_total_wall_s, nocache_cpu_s, nocache_events,
// nocache_control_messages and nocache_route_lookups, with route_cache_speedup (nocache_cpu_s /
// cpu_s) and route_cache_same (1 when both runs had the same sessions up, simulated time, events,
// messages, ZLBs, retransmissions and connections). The exit status is 2 when a session (or, in the
// reference run, a connection) did not come up, or when the two runs differ.

#include "bench-measure.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/l2tp-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace l2tpbench
{

/// What one control-plane run configures.
struct ControlOptions
{
    std::string topology{"pair"};               //!< pair or hub
    uint32_t connections{1000};                 //!< control connections (hub: spokes)
    uint32_t sessions{10};                      //!< sessions per connection
    double limit{3600};                         //!< simulated seconds to give up after
    ns3::Time ackDelay{ns3::MilliSeconds(100)}; //!< the LCCEs' AckDelay
    uint32_t window{16};                        //!< the LCCEs' ReceiveWindowSize
    std::string encap{"ip"};                    //!< the LCCEs' Encapsulation
    uint32_t cookieLen{0};                      //!< the LCCEs' CookieLength
    bool routeCache{true};                      //!< the nodes' L2tpv3L4Protocol::RouteCache
};

/// What one control-plane run measured.
struct ControlFigures
{
    uint64_t upInitiators{0};    //!< sessions up at the initiating LCCEs
    uint64_t upResponders{0};    //!< sessions up at the responding LCCEs
    uint64_t established{0};     //!< connections established, both ends counted
    double simS{0};              //!< simulated seconds to the last session (or connection) up
    double wallS{0};             //!< wall seconds of the simulation
    double configWallS{0};       //!< wall seconds of the configuration
    double cpuS{0};              //!< processor seconds of the configuration and simulation
    uint64_t heap{0};            //!< heap bytes the LCCEs took
    uint64_t rss{0};             //!< resident bytes likewise
    uint64_t messages{0};        //!< control messages sent, ZLBs included
    uint64_t zlb{0};             //!< ZLBs sent
    uint64_t retransmissions{0}; //!< retransmissions
    uint64_t connectionsUp{0};   //!< connections the initiators established
    uint64_t events{0};          //!< simulator events
    uint64_t peakRssKib{0};      //!< peak resident memory after the run
    uint64_t routeHits{0};       //!< the route caches' hits, every node
    uint64_t routeLookups{0};    //!< routing lookups the nodes made (misses and uncached)
};

/**
 * \param c an LCCE's counters
 * \return the control messages it sent, ZLBs included, retransmissions not
 */
inline uint64_t
ControlMessagesSent(const ns3::L2tpv3LcceCounters& c)
{
    return std::accumulate(c.txMessages.begin(), c.txMessages.end(), uint64_t(0));
}

/**
 * \brief Build the topology, bring up the connections and \p sessions sessions on each,
 * measure, and destroy the simulation.
 * \param o the options
 * \param sessions sessions per connection (0: the connections only)
 * \return the figures
 */
inline ControlFigures
RunControl(const ControlOptions& o, uint32_t sessions)
{
    using namespace ns3;
    ControlFigures f;
    const bool hub = o.topology == "hub";
    // Initiators and responders: A and B, or the spokes and the hub.
    NodeContainer initiators;
    NodeContainer responders;
    responders.Create(1);
    initiators.Create(hub ? o.connections : 1);
    NodeContainer all(initiators, responders);
    InternetStackHelper().Install(all);
    // Every node's transport (created with its LCCE) routes with or without the cache.
    Config::SetDefault("ns3::L2tpv3L4Protocol::RouteCache", BooleanValue(o.routeCache));
    PointToPointHelper link;
    link.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    link.SetChannelAttribute("Delay", TimeValue(MilliSeconds(1)));
    // Per initiator: its address and the responder's on their link.
    std::vector<std::pair<Ipv4Address, Ipv4Address>> addresses;
    Ipv4AddressHelper ip(hub ? "10.0.0.0" : "192.168.0.0",
                         hub ? "255.255.255.252" : "255.255.255.0");
    for (uint32_t i = 0; i < initiators.GetN(); ++i)
    {
        NetDeviceContainer wan = link.Install(initiators.Get(i), responders.Get(0));
        Ipv4InterfaceContainer ifs = ip.Assign(wan);
        ip.NewNetwork();
        addresses.emplace_back(ifs.GetAddress(0), ifs.GetAddress(1));
    }

    const uint64_t heapBefore = HeapInUse();
    const uint64_t rssBefore = CurrentRss();
    const auto configStart = Clock::now();
    const double cpuStart = CpuSeconds();
    L2tpv3LcceHelper helper;
    helper.SetAttribute("AckDelay", TimeValue(o.ackDelay));
    helper.SetAttribute("ReceiveWindowSize", UintegerValue(o.window));
    helper.SetAttribute("Encapsulation", StringValue(o.encap));
    helper.SetAttribute("CookieLength", UintegerValue(o.cookieLen));
    std::vector<Ptr<L2tpv3Lcce>> starts;
    for (uint32_t i = 0; i < initiators.GetN(); ++i)
    {
        starts.push_back(helper.Install(initiators.Get(i)));
        starts.back()->AssignStreams(1 + i);
    }
    Ptr<L2tpv3Lcce> responder = helper.Install(responders.Get(0));
    responder->AssignStreams(initiators.GetN() + 1);
    for (uint32_t c = 0; c < o.connections; ++c)
    {
        Ptr<L2tpv3Lcce> lcce = starts[hub ? c : 0];
        const auto& [local, peer] = addresses[hub ? c : 0];
        uint32_t index = lcce->AddPeer(local, peer);
        for (uint32_t s = 0; s < sessions; ++s)
        {
            std::string id = "pw" + std::to_string(c) + "-" + std::to_string(s);
            lcce->AddPseudowire(index, id, nullptr);
            responder->OfferPseudowire(id, nullptr);
        }
    }
    f.configWallS = SecondsSince(configStart);

    // Stop when every session is up at both ends (every connection, without sessions).
    const uint64_t target = 2 * uint64_t(o.connections) * (sessions ? sessions : 1);
    uint64_t up = 0;
    Time lastUp;
    auto onUp = [&up, &lastUp, target]() {
        lastUp = Simulator::Now();
        if (++up == target)
        {
            Simulator::Stop();
        }
    };
    Callback<void, const L2tpv3SessionParameters&, Ptr<L2tpv3NetDevice>> sessionUp(
        [&onUp](const L2tpv3SessionParameters&, Ptr<L2tpv3NetDevice>) {
            onUp();
        });
    Callback<void, uint32_t, L2tpv3ConnectionState, L2tpv3ConnectionState> connectionUp(
        [&onUp](uint32_t, L2tpv3ConnectionState, L2tpv3ConnectionState to) {
            if (to == L2tpv3ConnectionState::ESTABLISHED)
            {
                onUp();
            }
        });
    std::vector<Ptr<L2tpv3Lcce>> lcces = starts;
    lcces.push_back(responder);
    for (const auto& lcce : lcces)
    {
        if (sessions)
        {
            lcce->TraceConnectWithoutContext("SessionUp", sessionUp);
        }
        else
        {
            lcce->TraceConnectWithoutContext("ConnectionState", connectionUp);
        }
    }

    Simulator::Stop(Seconds(o.limit));
    const auto runStart = Clock::now();
    Simulator::Run();
    f.wallS = SecondsSince(runStart);
    f.cpuS = CpuSeconds() - cpuStart;
    const uint64_t heapAfter = HeapInUse();
    const uint64_t rssAfter = CurrentRss();
    f.heap = heapAfter > heapBefore ? heapAfter - heapBefore : 0;
    f.rss = rssAfter > rssBefore ? rssAfter - rssBefore : 0;
    f.simS = lastUp.GetSeconds();
    f.events = Simulator::GetEventCount();
    f.peakRssKib = PeakRssKib();
    for (const auto& lcce : lcces)
    {
        L2tpv3LcceCounters c = lcce->GetCounters();
        f.messages += ControlMessagesSent(c);
        f.zlb += c.zlbSent;
        f.retransmissions += c.retransmissions;
        f.established += c.connectionsEstablished;
        if (lcce == responder)
        {
            f.upResponders += lcce->GetNSessionsUp();
        }
        else
        {
            f.upInitiators += lcce->GetNSessionsUp();
            f.connectionsUp += c.connectionsEstablished;
        }
    }
    for (uint32_t i = 0; i < all.GetN(); ++i)
    {
        const L2tpv3RouteCacheStats& r =
            all.Get(i)->GetObject<L2tpv3L4Protocol>()->GetRouteCacheStats();
        f.routeHits += r.hits;
        f.routeLookups += r.misses + r.uncached;
    }
    Simulator::Destroy();
    // The next run assigns the same addresses again.
    Ipv4AddressGenerator::Reset();
    return f;
}

/**
 * \brief bench-l2tp --mode=control (see the comment at the top of this file).
 * \param argc the arguments' count
 * \param argv the arguments
 * \return the exit status
 */
inline int
ControlMain(int argc, char* argv[])
{
    using namespace ns3;
    std::string mode;
    ControlOptions o;
    bool reference = true;
    bool compare = false;
    std::string compareOrder = "off-first";
    CommandLine cmd(__FILE__);
    cmd.Usage("bench-l2tp --mode=control: sessions brought up by the control plane "
              "(see utils/bench-l2tp-control.h).");
    cmd.AddValue("mode", "control (the other modes: bench-l2tp --help)", mode);
    cmd.AddValue("topology",
                 "pair (two LCCEs, --connections between them) or hub (--connections "
                 "spokes, one connection each, to one hub)",
                 o.topology);
    cmd.AddValue("connections", "control connections (hub: spokes)", o.connections);
    cmd.AddValue("sessions", "sessions per connection", o.sessions);
    cmd.AddValue("limit", "simulated seconds to give up after", o.limit);
    cmd.AddValue("ackDelay", "the LCCEs' AckDelay attribute", o.ackDelay);
    cmd.AddValue("window", "the LCCEs' ReceiveWindowSize attribute", o.window);
    cmd.AddValue("encap", "the LCCEs' Encapsulation: ip or udp", o.encap);
    cmd.AddValue("cookieLen", "the LCCEs' CookieLength: 0, 4 or 8", o.cookieLen);
    cmd.AddValue("reference",
                 "also bring up the connections without sessions, for the memory per "
                 "connection and per session",
                 reference);
    cmd.AddValue("routeCache",
                 "the nodes' L2tpv3L4Protocol::RouteCache attribute (false: every packet "
                 "routed, as before issue 22 item 4)",
                 o.routeCache);
    cmd.AddValue("compareRouteCache",
                 "also run the same topology with RouteCache false in this process, check that "
                 "sessions, events and messages are the same, print its times (nocache_*) and "
                 "route_cache_speedup (its processor time over the run's)",
                 compare);
    cmd.AddValue("compareOrder",
                 "with --compareRouteCache: off-first (the run without the cache first) or "
                 "on-first (both after an unmeasured warm-up run; alternate them all the same)",
                 compareOrder);
    cmd.Parse(argc, argv);
    auto bad = [](const std::string& name, const std::string& value, const std::string& why) {
        std::cerr << "bench-l2tp --mode=control: --" << name << "=" << value << ": " << why
                  << std::endl;
        return 1;
    };
    if (o.topology != "pair" && o.topology != "hub")
    {
        return bad("topology", o.topology, "must be pair or hub");
    }
    if (o.connections == 0)
    {
        return bad("connections", "0", "must be at least 1");
    }
    if (o.sessions == 0)
    {
        return bad("sessions", "0", "must be at least 1");
    }
    try
    {
        // The module's name table; its option wording reads "encap=gre: must be ip or udp".
        L2tpv3ParseEncapsulation(o.encap, "encap", L2tpv3NameWording::OPTION);
    }
    catch (const std::invalid_argument& e)
    {
        std::cerr << "bench-l2tp --mode=control: --" << e.what() << std::endl;
        return 1;
    }
    if (o.cookieLen != 0 && o.cookieLen != 4 && o.cookieLen != 8)
    {
        return bad("cookieLen", std::to_string(o.cookieLen), "must be 0, 4 or 8");
    }
    if (o.window == 0 || o.window > 32767)
    {
        return bad("window", std::to_string(o.window), "must be 1 to 32767");
    }
    if (compareOrder != "off-first" && compareOrder != "on-first")
    {
        return bad("compareOrder", compareOrder, "must be off-first or on-first");
    }
    if (compare && !o.routeCache)
    {
        return bad("routeCache", "false", "--compareRouteCache compares with the cache on");
    }
    const uint64_t total = uint64_t(o.connections) * o.sessions;

    // Today's code (issue 22 item 4: RouteCache false), in the same process.
    ControlOptions without = o;
    without.routeCache = false;
    ControlFigures nocache;
    if (compare)
    {
        // Unmeasured: what the first run of a process pays once (type and attribute tables,
        // the heap grown to its peak) would otherwise fall on whichever run comes first.
        RunControl(o, o.sessions);
    }
    if (compare && compareOrder == "off-first")
    {
        nocache = RunControl(without, o.sessions);
    }
    ControlFigures f = RunControl(o, o.sessions);
    // The reference comes second, so that what the first run of a process pays once
    // (TypeId tables, first allocations) lands on the sessions, not on the connections.
    ControlFigures ref;
    if (reference)
    {
        ref = RunControl(o, 0);
    }
    if (compare && compareOrder == "on-first")
    {
        nocache = RunControl(without, o.sessions);
    }

    std::ostringstream line;
    line << std::fixed << "mode=control topology=" << o.topology << " connections=" << o.connections
         << " sessions_per_connection=" << o.sessions << " sessions=" << total
         << " encap=" << o.encap << " cookie_len=" << o.cookieLen
         << " ack_delay_s=" << o.ackDelay.GetSeconds() << " window=" << o.window
         << " sessions_up=" << f.upInitiators << " sessions_up_responder=" << f.upResponders
         << std::setprecision(6) << " sim_s=" << f.simS << " wall_s=" << f.wallS
         << " config_wall_s=" << f.configWallS << " total_wall_s=" << f.wallS + f.configWallS
         << " cpu_s=" << f.cpuS << std::setprecision(0) << " heap_b=" << f.heap
         << " rss_b=" << f.rss << " heap_per_session_b=" << double(f.heap) / total;
    if (reference)
    {
        const double perConnection = double(ref.heap) / o.connections;
        const double perSession = f.heap > ref.heap ? double(f.heap - ref.heap) / total : 0.0;
        line << " connection_heap_b=" << perConnection << " session_heap_b=" << perSession
             << " reference_connections_up=" << ref.connectionsUp;
    }
    line << " control_messages=" << f.messages << " zlb=" << f.zlb
         << " retransmissions=" << f.retransmissions
         << " connections_established=" << f.connectionsUp << " events=" << f.events
         << " events_per_s=" << (f.wallS > 0 ? double(f.events) / f.wallS : 0.0)
         << " peak_rss_kib=" << f.peakRssKib << " route_cache=" << (o.routeCache ? 1 : 0)
         << " route_hits=" << f.routeHits << " route_lookups=" << f.routeLookups;
    // The cache must not change a message or an event (issue 22 item 4).
    bool same = true;
    if (compare)
    {
        same = nocache.upInitiators == f.upInitiators && nocache.upResponders == f.upResponders &&
               nocache.events == f.events && nocache.messages == f.messages &&
               nocache.zlb == f.zlb && nocache.retransmissions == f.retransmissions &&
               nocache.simS == f.simS && nocache.established == f.established;
        line << std::setprecision(6) << " compare_order=" << compareOrder
             << " nocache_wall_s=" << nocache.wallS
             << " nocache_config_wall_s=" << nocache.configWallS
             << " nocache_total_wall_s=" << nocache.wallS + nocache.configWallS
             << " nocache_cpu_s=" << nocache.cpuS << std::setprecision(0)
             << " nocache_events=" << nocache.events
             << " nocache_control_messages=" << nocache.messages
             << " nocache_route_lookups=" << nocache.routeLookups << std::setprecision(4)
             << " route_cache_speedup=" << (f.cpuS > 0 ? nocache.cpuS / f.cpuS : 0.0)
             << " route_cache_same=" << (same ? 1 : 0);
        if (!same)
        {
            std::cerr << "bench-l2tp --mode=control: the route cache changed the run: without it "
                      << nocache.upInitiators << "/" << nocache.upResponders << " sessions up, "
                      << nocache.events << " events, " << nocache.messages << " messages, "
                      << nocache.zlb << " ZLBs, " << nocache.retransmissions
                      << " retransmissions; with it " << f.upInitiators << "/" << f.upResponders
                      << ", " << f.events << ", " << f.messages << ", " << f.zlb << ", "
                      << f.retransmissions << std::endl;
        }
    }
    std::cout << line.str() << std::endl;
    const bool ok = f.upInitiators == total && f.upResponders == total &&
                    (!reference || ref.connectionsUp == o.connections) && same;
    return ok ? 0 : 2;
}

} // namespace l2tpbench

#endif /* L2TP_BENCH_L2TP_CONTROL_H */
