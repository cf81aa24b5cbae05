/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup l2tp
 * \brief Benchmark: bringing up sessions with the control plane (L2tpv3Lcce).
 *
 * \verbatim
   A (192.168.0.1) --point-to-point, 1 Gb/s, 1 ms-- B (192.168.0.2)
 \endverbatim
 *
 * A's LCCE opens --connections control connections to B (AddPeer called
 * that many times for the same peer: each call is a connection of its own)
 * and brings up --sessions pseudowires over each (AddPseudowire, Remote End
 * IDs pw<connection>-<session>); B offers every one of them. The simulation
 * stops when every session is up at both ends (or at --limit simulated
 * seconds). The LCCEs have their default attributes (--ackDelay and --window
 * set AckDelay and ReceiveWindowSize). The link is point-to-point, not CSMA:
 * ns-3's CSMA channel stays busy for the propagation delay after each frame,
 * which would make the link, not the control plane, the bottleneck.
 *
 * One line is printed (key=value): the sizes, sessions_up (sessions up at
 * A; B's are checked equal), sim_s (simulated seconds from the start of the
 * LCCEs to the last session up), wall_s (wall seconds of that simulation),
 * config_wall_s (wall seconds of AddPeer, AddPseudowire and OfferPseudowire),
 * session_heap_b (bytes malloc handed out and not taken back, from before the
 * LCCEs were installed to every session up, divided by the sessions: both
 * ends of a pseudowire, its devices included), session_rss_b (resident
 * memory likewise), control_messages (control messages both LCCEs sent,
 * ZLBs included, retransmissions not), zlb, retransmissions, events
 * (simulator events) and peak_rss_kib.
 * The exit status is 2 when a session did not come up.
 */

#include "bench-measure.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/l2tp-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <chrono>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <malloc.h>
#include <numeric>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <unistd.h>

using namespace ns3;

namespace
{

using l2tpbench::Clock;
using l2tpbench::CurrentRss;
using l2tpbench::HeapInUse;
using l2tpbench::PeakRssKib;
using l2tpbench::SecondsSince;

/**
 * \param c an LCCE's counters
 * \return the control messages it sent, ZLBs included, retransmissions not
 */
uint64_t
MessagesSent(const L2tpv3LcceCounters& c)
{
    return std::accumulate(c.txMessages.begin(), c.txMessages.end(), uint64_t(0));
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t connections = 1;
    uint32_t sessions = 1000;
    double limit = 3600;
    Time ackDelay = MilliSeconds(100);
    uint32_t window = 16;
    CommandLine cmd(__FILE__);
    cmd.Usage("Sessions brought up by the control plane (see the file's comment).");
    cmd.AddValue("connections", "control connections from A to B (AddPeer calls)", connections);
    cmd.AddValue("sessions", "sessions per connection", sessions);
    cmd.AddValue("limit", "simulated seconds to give up after", limit);
    cmd.AddValue("ackDelay", "the LCCEs' AckDelay attribute", ackDelay);
    cmd.AddValue("window", "the LCCEs' ReceiveWindowSize attribute", window);
    cmd.Parse(argc, argv);
    if (connections == 0 || sessions == 0)
    {
        std::cerr << "bench-lcce: --connections and --sessions must be at least 1\n";
        return 1;
    }
    const uint64_t total = uint64_t(connections) * sessions;

    NodeContainer nodes;
    nodes.Create(2);
    PointToPointHelper link;
    link.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    link.SetChannelAttribute("Delay", TimeValue(MilliSeconds(1)));
    NetDeviceContainer wan = link.Install(nodes);
    InternetStackHelper().Install(nodes);
    Ipv4InterfaceContainer ifs = Ipv4AddressHelper("192.168.0.0", "255.255.255.0").Assign(wan);

    const uint64_t heapBefore = HeapInUse();
    const uint64_t rssBefore = CurrentRss();
    const auto configStart = Clock::now();
    L2tpv3LcceHelper helper;
    helper.SetAttribute("AckDelay", TimeValue(ackDelay));
    helper.SetAttribute("ReceiveWindowSize", UintegerValue(window));
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
    const double configWall = SecondsSince(configStart);

    uint64_t up = 0;
    Time lastUp;
    auto onUp = [&up, &lastUp, total](const L2tpv3SessionParameters&, Ptr<L2tpv3NetDevice>) {
        lastUp = Simulator::Now();
        if (++up == 2 * total)
        {
            Simulator::Stop();
        }
    };
    Callback<void, const L2tpv3SessionParameters&, Ptr<L2tpv3NetDevice>> upCallback(onUp);
    a->TraceConnectWithoutContext("SessionUp", upCallback);
    b->TraceConnectWithoutContext("SessionUp", upCallback);

    Simulator::Stop(Seconds(limit));
    const auto runStart = Clock::now();
    Simulator::Run();
    const double wall = SecondsSince(runStart);
    const uint64_t heapAfter = HeapInUse();
    const uint64_t rssAfter = CurrentRss();

    L2tpv3LcceCounters ca = a->GetCounters();
    L2tpv3LcceCounters cb = b->GetCounters();
    const uint32_t upA = a->GetNSessionsUp();
    const uint32_t upB = b->GetNSessionsUp();
    std::ostringstream line;
    line << std::fixed << "mode=lcce connections=" << connections
         << " sessions_per_connection=" << sessions << " sessions=" << total
         << " ack_delay_s=" << ackDelay.GetSeconds() << " window=" << window
         << " sessions_up=" << upA << " sessions_up_b=" << upB << std::setprecision(6)
         << " sim_s=" << lastUp.GetSeconds() << " wall_s=" << wall
         << " config_wall_s=" << configWall << std::setprecision(0) << " session_heap_b="
         << (heapAfter > heapBefore ? double(heapAfter - heapBefore) / total : 0.0)
         << " session_rss_b=" << (rssAfter > rssBefore ? double(rssAfter - rssBefore) / total : 0.0)
         << " control_messages=" << MessagesSent(ca) + MessagesSent(cb)
         << " zlb=" << ca.zlbSent + cb.zlbSent
         << " retransmissions=" << ca.retransmissions + cb.retransmissions
         << " connections_established=" << ca.connectionsEstablished
         << " events=" << Simulator::GetEventCount() << " peak_rss_kib=" << PeakRssKib();
    std::cout << line.str() << std::endl;
    Simulator::Destroy();
    return upA == total && upB == total ? 0 : 2;
}
