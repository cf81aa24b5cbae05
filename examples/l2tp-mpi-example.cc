/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Pseudowires on ns-3's distributed simulator (MPI, conservative
// synchronisation): one simulation over several processes.
//
// Default: the two sites of the NetBSD l2tp(4) manual, NetBSD_A's site on
// rank 0 and NetBSD_B's on rank 1; the WAN between the routers is a
// point-to-point link across the ranks.
//
//   Host_X --wm1-- NetBSD_A --wm0====== WAN ======wm0-- NetBSD_B --wm1-- Host_Y
//          rank 0                  (100Mbps, 10 ms)               rank 1
//   bridge0 = wm1 + l2tp0, session 1234 4321    bridge0 = wm1 + l2tp0, session 4321 1234
//
// Host_X sends UDP echoes to Host_Y once a second and a TCP bulk flow.
//
// --spokes=N: a hub site (Hub, Hub_Host; rank 0) and N spoke sites (Spoke_<i>,
// Spoke_<i>_Host) spread over the ranks so that each runs about as many events
// (--hubLoad). Each spoke router has one WAN link to the hub router and one
// pseudowire across it to the hub's bridge0 (which holds Hub's wm1 and all N
// pseudowires); every spoke host sends a TCP bulk flow to Hub_Host.
//
// Nothing on one rank holds a pointer to an object on another: every node and
// device is created on every rank (so node ids, MAC addresses and random
// streams are the same whatever the number of ranks), each pseudowire end has
// a channel of its own (L2tpv3Helper::Install, never InstallPair), only the
// nodes of a rank run applications and write pcap files, and what crosses
// ranks is the WAN's packets, through ns-3's point-to-point remote channel.
// The lookahead is the WAN delay. With one rank the default (sequential)
// simulator runs the same topology; the figures and every node's pcap files
// are then byte-identical to those of 2 ranks (utils/mpi-equality checks it).
//
// --scheduler: how the ranks keep in step. granted (ns3::DistributedSimulatorImpl):
// all ranks agree, in an all-gather, on a window they may run without hearing
// from each other (the smallest next event time plus the lookahead). nullmsg
// (ns3::NullMessageSimulatorImpl): each rank tells its neighbours, in null
// messages, how far it has gone, and runs an event once every neighbour has
// promised nothing earlier can arrive. One rank always runs the sequential
// simulator (ns3::DefaultSimulatorImpl): the reference of both.
//
// Output: the first two lines say how the work was split ("ranks: ...", and
// "rank work: ..." with the events each rank ran and the packets that crossed
// ranks); every other line is a figure of the simulation, the same whatever the
// number of ranks and the scheduler. --rankStats adds a line per rank ("rank
// <r>: ...": set-up, Simulator::Run and synchronisation times), for
// utils/bench-mpi.
//
//   mpirun -np 2 ./ns3.37-l2tp-mpi-example-debug [--pcap]
//   mpirun -np 2 ./ns3.37-l2tp-mpi-example-optimized --spokes=256 --time=3 --scheduler=nullmsg
//
// Only built in an ns-3 tree configured with --enable-mpi (the mpi module).

#include "ns3/applications-module.h"
#include "ns3/bridge-module.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-module.h"
#include "ns3/l2tp-module.h"
#include "ns3/mpi-interface.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <iomanip>
#include <iostream>
#include <mpi.h>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("L2tpMpiExample");

namespace
{

/// Figures of one pseudowire, filled in by the rank that owns each end.
enum Figure : std::size_t
{
    HUB_TX = 0,      //!< frames the hub-side end encapsulated
    HUB_RX,          //!< frames the hub-side end delivered
    HUB_DROPS,       //!< frames the hub-side end dropped
    HUB_FRAGMENTS,   //!< outer fragments the hub-side end's packets became
    SPOKE_TX,        //!< frames the spoke-side end encapsulated
    SPOKE_RX,        //!< frames the spoke-side end delivered
    SPOKE_DROPS,     //!< frames the spoke-side end dropped
    SPOKE_FRAGMENTS, //!< outer fragments the spoke-side end's packets became
    SINK_BYTES,      //!< bytes the flow's sink received
    FIGURES          //!< number of figures per pseudowire
};

/// UDP echo bookkeeping (two sites: Host_X's client).
struct Echo
{
    uint64_t sent{0};     //!< requests sent
    uint64_t answered{0}; //!< replies received
    int64_t rttSum{0};    //!< sum of the round-trip times, in ns
    int64_t rttMin{0};    //!< smallest round-trip time, in ns
    int64_t rttMax{0};    //!< largest round-trip time, in ns
    Time lastSent;        //!< when the last request left
};

Echo g_echo; //!< Host_X's echo figures

/// Time a rank spent in one kind of MPI call of the simulator.
struct MpiWait
{
    uint64_t calls{0}; //!< calls made
    double seconds{0}; //!< wall time spent in them
    double cpu{0};     //!< CPU time spent in them (OpenMPI polls while it waits)
};

MpiWait g_allgather; //!< granted: one all-gather per time window (the rank waits for all)
MpiWait g_waitany;   //!< nullmsg: a blocking wait for a message (nothing safe to run)

/// Wall-clock seconds (steady clock).
double
WallSeconds()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

/// Link transmissions counted by the trace sinks of this rank's devices.
struct LinkCount
{
    uint64_t all{0};   //!< packets sent on any link (CSMA and point-to-point)
    uint64_t wan{0};   //!< of which on a WAN link
    uint64_t cross{0}; //!< of which on a WAN link whose other end is on another rank
};

LinkCount g_links; //!< this rank's link transmissions

/// --digest: per link device (numbered alike on every rank), a hash of the
/// time and bytes of every packet it sent, in order.
std::vector<uint64_t> g_digests;
bool g_digest = false; //!< --digest given

/// FNV-1a over \p n bytes at \p p, continuing \p h.
void
Fnv1a(uint64_t& h, const uint8_t* p, std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i)
    {
        h = (h ^ p[i]) * 1099511628211ULL;
    }
}

/// Add a packet a link device sent, with the instant (femtoseconds), to its digest.
void
DigestPacket(uint32_t device, Ptr<const Packet> packet)
{
    uint64_t& h = g_digests[device];
    int64_t now = Simulator::Now().GetTimeStep();
    Fnv1a(h, reinterpret_cast<const uint8_t*>(&now), sizeof(now));
    std::vector<uint8_t> bytes(packet->GetSize());
    packet->CopyData(bytes.data(), bytes.size());
    Fnv1a(h, bytes.data(), bytes.size());
}

/// Causality check: the latest instant a trace sink of this rank saw, and how
/// often a sink saw an earlier one (the rank's clock went back: an event ran
/// after a later one, which a conservative scheduler must never let happen).
int64_t g_latest = 0;
uint64_t g_clockWentBack = 0; //!< sinks that saw an instant before g_latest

/// Note the current instant for the causality check.
void
NoteInstant()
{
    int64_t now = Simulator::Now().GetTimeStep();
    if (now < g_latest)
    {
        ++g_clockWentBack;
    }
    g_latest = std::max(g_latest, now);
}

/// Trace sink (PhyRxEnd): a packet arrived on a WAN device (from this rank or another).
void
WanReceived(Ptr<const Packet>)
{
    NoteInstant();
}

/// Trace sink (PhyTxEnd): a packet left a LAN device.
void
LanSent(uint32_t device, Ptr<const Packet> packet)
{
    NoteInstant();
    ++g_links.all;
    if (g_digest)
    {
        DigestPacket(device, packet);
    }
}

/// Trace sink (PhyTxEnd): a packet left a WAN device.
void
WanSent(uint32_t device, bool crossRank, Ptr<const Packet> packet)
{
    NoteInstant();
    ++g_links.all;
    ++g_links.wan;
    g_links.cross += crossRank ? 1 : 0;
    if (g_digest)
    {
        DigestPacket(device, packet);
    }
}

/// A device's digest mixed with its number (splitmix64), to be summed over devices.
uint64_t
MixDigest(uint32_t device, uint64_t h)
{
    uint64_t z = h + (uint64_t{device} + 1) * 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/// Trace sink: an echo request left.
void
EchoSent(Ptr<const Packet>)
{
    ++g_echo.sent;
    g_echo.lastSent = Simulator::Now();
}

/// Trace sink: an echo reply arrived (one request is outstanding at a time).
void
EchoAnswered(Ptr<const Packet>)
{
    int64_t rtt = (Simulator::Now() - g_echo.lastSent).GetNanoSeconds();
    g_echo.rttMin = g_echo.answered == 0 ? rtt : std::min(g_echo.rttMin, rtt);
    g_echo.rttMax = std::max(g_echo.rttMax, rtt);
    g_echo.rttSum += rtt;
    ++g_echo.answered;
}

/// Add the counters of a pseudowire end to its figures.
void
AddCounters(std::vector<uint64_t>& figures,
            std::size_t base,
            Ptr<NetDevice> device,
            Figure tx,
            Figure rx,
            Figure drops,
            Figure fragments)
{
    L2tpv3Counters c = DynamicCast<L2tpv3NetDevice>(device)->GetCounters();
    figures[base + tx] += c.txPackets;
    figures[base + rx] += c.rxPackets;
    figures[base + drops] += c.GetTotalDrops();
    figures[base + fragments] += c.txFragments;
}

/// Mbit/s of \p bytes over \p seconds.
double
Mbps(uint64_t bytes, double seconds)
{
    return seconds > 0 ? bytes * 8.0 / seconds / 1e6 : 0.0;
}

} // namespace

// Where a rank's time goes: ns-3's mpi module calls MPI_Allgather once per
// granted time window and MPI_Waitany when the null-message scheduler has
// nothing safe to run. The MPI standard's profiling interface lets a program
// define an MPI function and reach the library's through its PMPI_ name; these
// two count the calls and the wall and CPU time spent in them (the
// synchronisation cost and the waiting for a slower rank: the load imbalance;
// the CPU time, because on a busy machine the wall time also counts the time
// the rank was off its core). Nothing else changes: the same call is made with
// the same arguments.
extern "C" int
MPI_Allgather(const void* sendbuf,
              int sendcount,
              MPI_Datatype sendtype,
              void* recvbuf,
              int recvcount,
              MPI_Datatype recvtype,
              MPI_Comm comm)
{
    double start = WallSeconds();
    std::clock_t cpuStart = std::clock();
    int rc = PMPI_Allgather(sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype, comm);
    g_allgather.cpu += static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC;
    g_allgather.seconds += WallSeconds() - start;
    ++g_allgather.calls;
    return rc;
}

/// \copydoc MPI_Allgather
extern "C" int
MPI_Waitany(int count, MPI_Request requests[], int* index, MPI_Status* status)
{
    double start = WallSeconds();
    std::clock_t cpuStart = std::clock();
    int rc = PMPI_Waitany(count, requests, index, status);
    g_waitany.cpu += static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC;
    g_waitany.seconds += WallSeconds() - start;
    ++g_waitany.calls;
    return rc;
}

int
main(int argc, char* argv[])
{
    const double programStart = WallSeconds();

    // Femtosecond clock (see the WAN below), before any Time is made; it
    // reaches 9,223 s.
    Time::SetResolution(Time::FS);

    int64_t spokesArg = 0; // signed, so that --spokes=-1 is refused as -1, not wrapped
    double duration = 10.0;
    std::string wanRate = "100Mbps";
    double wanDelayMs = 10.0;
    std::string lanRate = "1Gbps";
    bool pcap = false;
    std::string pcapPrefix = "l2tp-mpi-example";
    bool rankStats = false;
    double hubLoad = 0.66;
    std::string scheduler = "granted";

    CommandLine cmd(__FILE__);
    cmd.AddValue("spokes", "Hub and N spoke sites (0: the manual's two sites)", spokesArg);
    cmd.AddValue("time", "Simulated seconds (more than 2)", duration);
    cmd.AddValue("wanRate", "Data rate of each WAN link", wanRate);
    cmd.AddValue("wanDelay",
                 "One-way delay of each WAN link in ms (the lookahead between ranks)",
                 wanDelayMs);
    cmd.AddValue("lanRate", "Data rate of the LANs (CSMA)", lanRate);
    cmd.AddValue("pcap",
                 "Write <prefix>-<node>-<device>.pcap files (each rank its own nodes')",
                 pcap);
    cmd.AddValue("pcapPrefix", "Prefix of the pcap files", pcapPrefix);
    cmd.AddValue("hubLoad",
                 "What the hub weighs, in spoke sites per spoke, when the spokes are spread "
                 "over the ranks",
                 hubLoad);
    cmd.AddValue("rankStats",
                 "Each rank prints its nodes, events, set-up, Simulator::Run and "
                 "synchronisation times (lines 'rank <r>: ...')",
                 rankStats);
    cmd.AddValue("digest",
                 "Print a digest of every packet sent on a link (time and bytes, device by "
                 "device): the same on any number of ranks, without pcap files",
                 g_digest);
    cmd.AddValue("scheduler",
                 "Synchronisation of 2 or more ranks: granted (ns3::DistributedSimulatorImpl, "
                 "granted time windows) or nullmsg (ns3::NullMessageSimulatorImpl); one rank "
                 "runs the sequential simulator",
                 scheduler);
    cmd.Parse(argc, argv);

    // Bad input: say which parameter and value, before MPI starts.
    std::string error;
    if (!(duration > 2.0 && duration <= 9000.0))
    {
        error = "--time=" + std::to_string(duration) +
                ": must be more than 2 seconds and at most 9000 (femtosecond clock)";
    }
    else if (!(wanDelayMs > 0.0))
    {
        error = "--wanDelay=" + std::to_string(wanDelayMs) +
                ": must be positive (it is the lookahead between ranks)";
    }
    else if (!(hubLoad >= 0.0 && hubLoad <= 1000.0))
    {
        error = "--hubLoad=" + std::to_string(hubLoad) + ": must be between 0 and 1000";
    }
    else if (spokesArg < 0 || spokesArg > 4096)
    {
        error = "--spokes=" + std::to_string(spokesArg) + ": must be from 0 to 4096";
    }
    else if (scheduler != "granted" && scheduler != "nullmsg")
    {
        error = "--scheduler=" + scheduler + ": must be granted or nullmsg";
    }
    const auto spokes = static_cast<uint32_t>(spokesArg);
    if (error.empty())
    {
        DataRateValue rate;
        if (!rate.DeserializeFromString(wanRate, nullptr))
        {
            error = "--wanRate=" + wanRate + ": not a data rate (e.g. 100Mbps)";
        }
        else if (!rate.DeserializeFromString(lanRate, nullptr))
        {
            error = "--lanRate=" + lanRate + ": not a data rate (e.g. 1Gbps)";
        }
    }
    if (!error.empty())
    {
        std::cerr << "l2tp-mpi-example: " << error << std::endl;
        return 1;
    }

    // MpiInterface::Enable picks its communication (all-gathers or null
    // messages) from the simulator type bound before it: conservative
    // synchronisation either way, each rank runs ahead of the others by at most
    // the lookahead (the smallest delay of the remote channels ending on it).
    const std::string parallelImpl =
        scheduler == "nullmsg" ? "ns3::NullMessageSimulatorImpl" : "ns3::DistributedSimulatorImpl";
    GlobalValue::Bind("SimulatorImplementationType", StringValue(parallelImpl));
    MpiInterface::Enable(&argc, &argv);
    const uint32_t rank = MpiInterface::GetSystemId();
    const uint32_t size = MpiInterface::GetSize();
    if (size == 1)
    {
        // One rank: the sequential simulator, the reference (and the honest
        // baseline of a speedup). The distributed one would synchronise with
        // itself before every new time stamp (its lookahead is then zero).
        // No simulator exists yet: the first node makes it, below.
        GlobalValue::Bind("SimulatorImplementationType", StringValue("ns3::DefaultSimulatorImpl"));
    }
    const std::string simulatorImpl = size == 1 ? "ns3::DefaultSimulatorImpl" : parallelImpl;

    const bool twoSites = spokes == 0;
    const uint32_t pseudowires = twoSites ? 1 : spokes;
    // Where each site runs. Two sites: NetBSD_A's on rank 0, NetBSD_B's on
    // rank 1. Spokes: the hub on rank 0; its bridge handles every spoke's
    // frames, so it weighs --hubLoad spoke sites per spoke (0.66: the hub ran
    // 102 of 254 thousand events with 64 spokes on one rank and the others
    // ran 153 thousand, 2.4 thousand a spoke). Each spoke in turn goes to the
    // rank with the least load so far (the lowest rank on a tie), so the
    // ranks run about as many events each; with 64 spokes on 2 ranks, 11
    // spokes join the hub on rank 0 and 53 run on rank 1.
    std::vector<uint32_t> siteRank(pseudowires, 0);
    {
        std::vector<double> load(size, 0.0);
        load[0] = twoSites ? 1.0 : hubLoad * pseudowires;
        for (uint32_t i = 0; i < pseudowires; ++i)
        {
            uint32_t best = 0;
            for (uint32_t r = 1; r < size; ++r)
            {
                if (load[r] < load[best])
                {
                    best = r;
                }
            }
            siteRank[i] = best;
            load[best] += 1.0;
        }
    }
    auto spokeRank = [&siteRank](uint32_t i) {
        return siteRank[i];
    };

    // Full-size frames: Ethernet, IP, TCP and its timestamp option.
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1514 - 14 - 20 - 20 - 12));
    Mac48Address::ResetAllocationIndex();

    // Nodes: every node on every rank, with its rank as system id.
    Ptr<Node> hubRouter = CreateObject<Node>(0);
    Ptr<Node> hubHost = CreateObject<Node>(0);
    Names::Add(twoSites ? "NetBSD_A" : "Hub", hubRouter);
    Names::Add(twoSites ? "Host_X" : "Hub_Host", hubHost);
    NodeContainer spokeRouters;
    NodeContainer spokeHosts;
    for (uint32_t i = 0; i < pseudowires; ++i)
    {
        Ptr<Node> router = CreateObject<Node>(spokeRank(i));
        Ptr<Node> host = CreateObject<Node>(spokeRank(i));
        std::string name = "Spoke_" + std::to_string(i);
        Names::Add(twoSites ? "NetBSD_B" : name, router);
        Names::Add(twoSites ? "Host_Y" : name + "_Host", host);
        spokeRouters.Add(router);
        spokeHosts.Add(host);
    }
    NodeContainer all(hubRouter, hubHost);
    all.Add(spokeRouters);
    all.Add(spokeHosts);
    auto local = [rank](Ptr<Node> node) {
        return node->GetSystemId() == rank;
    };

    // LANs: each site's host and router's wm1 on one Ethernet segment.
    CsmaHelper lan;
    lan.SetChannelAttribute("DataRate", StringValue(lanRate));
    lan.SetChannelAttribute("Delay", TimeValue(MicroSeconds(1)));
    NetDeviceContainer hubLan = lan.Install(NodeContainer(hubHost, hubRouter));
    NetDeviceContainer hosts(hubLan.Get(0));
    std::vector<NetDeviceContainer> spokeLans;
    for (uint32_t i = 0; i < pseudowires; ++i)
    {
        spokeLans.push_back(lan.Install(NodeContainer(spokeHosts.Get(i), spokeRouters.Get(i))));
        hosts.Add(spokeLans.back().Get(0));
    }

    // WAN: one point-to-point link from each spoke router to the hub router.
    // Its ends are on different ranks, so the helper makes a remote channel.
    PointToPointHelper wan;
    wan.SetDeviceAttribute("DataRate", StringValue(wanRate));
    //
    // Simultaneous events: ns-3 runs events of the same instant in the order
    // they were scheduled. A packet from another rank is scheduled later than
    // it would be in one process (when the window's messages are read), so
    // were it to arrive at the very instant of a local event, the two would
    // run in another order with 2 ranks than with 1, and the runs would part
    // (a CSMA backoff drawn for another frame, another frame dropped). The
    // clock therefore counts femtoseconds and each WAN link's delay is longer
    // by an odd number of them, distinct per link and prime to 10^6: every
    // other duration is whole nanoseconds, so an instant carries in its
    // femtoseconds the WAN crossings that led to it, and a packet from another
    // rank practically never meets a local event at the same femtosecond.
    // The extra delay (under 1 ns) is invisible in the figures and in pcap
    // files (microseconds).
    std::vector<NetDeviceContainer> wans;
    for (uint32_t i = 0; i < pseudowires; ++i)
    {
        uint64_t fs = (uint64_t{i} * 611953 + 333331) % 1000000;
        fs |= 1;
        while (fs % 5 == 0)
        {
            fs += 2;
        }
        wan.SetChannelAttribute("Delay",
                                TimeValue(MicroSeconds(wanDelayMs * 1000) + FemtoSeconds(fs)));
        wans.push_back(wan.Install(hubRouter, spokeRouters.Get(i)));
    }

    // IPv4 only: a node of another rank never sends anything by itself (no
    // IPv6 router solicitations or duplicate address detection on its links).
    InternetStackHelper stack;
    stack.SetIpv6StackInstall(false);
    stack.Install(all);
    int64_t stream = 1;
    stream += lan.AssignStreams(hubLan, stream);
    for (const auto& d : spokeLans)
    {
        stream += lan.AssignStreams(d, stream);
    }
    stream += stack.AssignStreams(all, stream);

    // WAN addresses: the manual's 192.168.0.1 and .2, or a /30 per spoke.
    Ipv4AddressHelper wanAddress;
    wanAddress.SetBase(twoSites ? "192.168.0.0" : "172.16.0.0",
                       twoSites ? "255.255.255.0" : "255.255.255.252");
    std::vector<Ipv4InterfaceContainer> wanIfs;
    for (const auto& d : wans)
    {
        wanIfs.push_back(wanAddress.Assign(d));
        wanAddress.NewNetwork();
    }

    // Pseudowires: each end installed on its own (a channel of its own);
    // Session IDs mirrored: the manual's 1234/4321, or 10000+i (hub) and 20000+i.
    L2tpv3Helper l2tp;
    NetDeviceContainer hubEnds;
    NetDeviceContainer spokeEnds;
    for (uint32_t i = 0; i < pseudowires; ++i)
    {
        uint32_t hubId = twoSites ? 1234 : 10000 + i;
        uint32_t spokeId = twoSites ? 4321 : 20000 + i;
        l2tp.SetSessionIds(hubId, spokeId);
        hubEnds.Add(l2tp.Install(hubRouter, wanIfs[i].GetAddress(0), wanIfs[i].GetAddress(1)));
        l2tp.SetSessionIds(spokeId, hubId);
        spokeEnds.Add(
            l2tp.Install(spokeRouters.Get(i), wanIfs[i].GetAddress(1), wanIfs[i].GetAddress(0)));
    }

    // bridge0 on every router: wm1 and its pseudowire(s).
    BridgeHelper bridge;
    NetDeviceContainer hubPorts(hubLan.Get(1));
    hubPorts.Add(hubEnds);
    bridge.Install(hubRouter, hubPorts);
    for (uint32_t i = 0; i < pseudowires; ++i)
    {
        bridge.Install(spokeRouters.Get(i),
                       NetDeviceContainer(spokeLans[i].Get(1), spokeEnds.Get(i)));
    }

    // Hosts: one IP subnet across all sites (Host_X 10.0.0.1, Host_Y 10.0.0.2).
    Ipv4AddressHelper inner;
    inner.SetBase("10.0.0.0", "255.255.0.0");
    Ipv4InterfaceContainer hostIfs = inner.Assign(hosts);

    // Applications, on the nodes of this rank only.
    std::vector<Ptr<PacketSink>> sinks(pseudowires);
    const double flowStart = 2.0;
    for (uint32_t i = 0; i < pseudowires; ++i)
    {
        uint16_t port = 5001 + i;
        // Two sites: Host_X sends to Host_Y; spokes: every spoke host to Hub_Host.
        Ptr<Node> sender = twoSites ? hubHost : spokeHosts.Get(i);
        Ptr<Node> receiver = twoSites ? spokeHosts.Get(0) : hubHost;
        Ipv4Address to = twoSites ? hostIfs.GetAddress(1) : hostIfs.GetAddress(0);
        if (local(receiver))
        {
            PacketSinkHelper sink("ns3::TcpSocketFactory",
                                  InetSocketAddress(Ipv4Address::GetAny(), port));
            ApplicationContainer app = sink.Install(receiver);
            app.Start(Seconds(0));
            sinks[i] = DynamicCast<PacketSink>(app.Get(0));
        }
        if (local(sender))
        {
            BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(to, port));
            bulk.SetAttribute("MaxBytes", UintegerValue(0));
            ApplicationContainer app = bulk.Install(sender);
            // Staggered by 1 ms: the flows do not all open at the same instant.
            app.Start(Seconds(flowStart) + MilliSeconds(i));
            app.Stop(Seconds(duration));
        }
    }
    if (twoSites)
    {
        uint16_t echoPort = 7;
        if (local(spokeHosts.Get(0)))
        {
            UdpEchoServerHelper server(echoPort);
            server.Install(spokeHosts.Get(0)).Start(Seconds(0));
        }
        if (local(hubHost))
        {
            UdpEchoClientHelper client(hostIfs.GetAddress(1), echoPort);
            client.SetAttribute("MaxPackets", UintegerValue(static_cast<uint32_t>(duration - 1)));
            client.SetAttribute("Interval", TimeValue(Seconds(1)));
            client.SetAttribute("PacketSize", UintegerValue(56));
            ApplicationContainer app = client.Install(hubHost);
            app.Start(Seconds(1));
            app.Get(0)->TraceConnectWithoutContext("Tx", MakeCallback(&EchoSent));
            app.Get(0)->TraceConnectWithoutContext("Rx", MakeCallback(&EchoAnswered));
        }
    }

    // Link transmissions, counted by the rank of the sending device: every
    // packet a LAN or WAN device finished sending, and those on a WAN link to
    // another rank (the packets that cross ranks, each an MPI message).
    uint32_t linkDevices = 0;
    for (uint32_t n = 0; n < all.GetN(); ++n)
    {
        Ptr<Node> node = all.Get(n);
        for (uint32_t d = 0; d < node->GetNDevices(); ++d)
        {
            Ptr<NetDevice> device = node->GetDevice(d);
            const uint32_t number = linkDevices;
            if (DynamicCast<CsmaNetDevice>(device) || DynamicCast<PointToPointNetDevice>(device))
            {
                ++linkDevices;
            }
            if (!local(node))
            {
                continue;
            }
            if (DynamicCast<CsmaNetDevice>(device))
            {
                device->TraceConnectWithoutContext("PhyTxEnd", MakeBoundCallback(&LanSent, number));
            }
            else if (DynamicCast<PointToPointNetDevice>(device))
            {
                Ptr<Channel> channel = device->GetChannel();
                Ptr<NetDevice> peer = channel->GetDevice(channel->GetDevice(0) == device ? 1 : 0);
                bool crossRank = peer->GetNode()->GetSystemId() != rank;
                device->TraceConnectWithoutContext("PhyTxEnd",
                                                   MakeBoundCallback(&WanSent, number, crossRank));
                device->TraceConnectWithoutContext("PhyRxEnd", MakeCallback(&WanReceived));
            }
        }
    }
    g_digests.assign(linkDevices, 14695981039346656037ULL); // FNV-1a offset basis

    // pcap files: each rank writes those of its own nodes.
    if (pcap)
    {
        auto file = [&pcapPrefix](Ptr<Node> node, const std::string& device) {
            return pcapPrefix + "-" + Names::FindName(node) + "-" + device + ".pcap";
        };
        if (local(hubRouter))
        {
            lan.EnablePcap(file(hubRouter, "wm1"), hubLan.Get(1), true, true);
        }
        if (local(hubHost))
        {
            lan.EnablePcap(file(hubHost, "wm0"), hubLan.Get(0), true, true);
        }
        for (uint32_t i = 0; i < pseudowires; ++i)
        {
            // The hub's ports: wm0 and l2tp0 (two sites), wan<i> and l2tp<i> (spokes).
            std::string n = std::to_string(i);
            if (local(hubRouter))
            {
                wan.EnablePcap(file(hubRouter, twoSites ? "wm0" : "wan" + n),
                               wans[i].Get(0),
                               true,
                               true);
                l2tp.EnablePcap(file(hubRouter, "l2tp" + n), hubEnds.Get(i), true, true);
            }
            Ptr<Node> router = spokeRouters.Get(i);
            if (local(router))
            {
                wan.EnablePcap(file(router, "wm0"), wans[i].Get(1), true, true);
                lan.EnablePcap(file(router, "wm1"), spokeLans[i].Get(1), true, true);
                l2tp.EnablePcap(file(router, "l2tp0"), spokeEnds.Get(i), true, true);
            }
            if (local(spokeHosts.Get(i)))
            {
                lan.EnablePcap(file(spokeHosts.Get(i), "wm0"), spokeLans[i].Get(0), true, true);
            }
        }
    }

    Simulator::Stop(Seconds(duration));
    const double runStart = WallSeconds();
    std::clock_t cpuStart = std::clock();
    Simulator::Run();
    const double runWall = WallSeconds() - runStart;
    const double runCpu = static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC;

    // Where the time went, per rank, gathered on rank 0: the events each rank
    // ran (the load balance), its set-up (MPI start and the whole topology,
    // built on every rank: the part no rank count shortens), its
    // Simulator::Run, and within it the time in the synchronisation calls
    // (waiting for the other rank included).
    enum RankStat : std::size_t
    {
        EVENTS = 0,
        NODES,
        SETUP_US,
        RUN_US,
        CPU_US,
        SYNC_CALLS,
        SYNC_US,
        SYNC_CPU_US,
        LINK_ALL,
        LINK_WAN,
        LINK_CROSS,
        DIGEST,
        WENT_BACK,
        RANK_STATS
    };

    std::vector<uint64_t> mine(RANK_STATS, 0);
    {
        const MpiWait& sync = scheduler == "nullmsg" ? g_waitany : g_allgather;
        uint32_t nodes = 0;
        for (uint32_t i = 0; i < all.GetN(); ++i)
        {
            nodes += local(all.Get(i)) ? 1 : 0;
        }
        auto us = [](double seconds) {
            return static_cast<uint64_t>(seconds * 1e6 + 0.5);
        };
        mine[EVENTS] = Simulator::GetEventCount();
        mine[NODES] = nodes;
        mine[SETUP_US] = us(runStart - programStart);
        mine[RUN_US] = us(runWall);
        mine[CPU_US] = us(runCpu);
        mine[SYNC_CALLS] = size > 1 ? sync.calls : 0;
        mine[SYNC_US] = size > 1 ? us(sync.seconds) : 0;
        mine[SYNC_CPU_US] = size > 1 ? us(sync.cpu) : 0;
        mine[LINK_ALL] = g_links.all;
        mine[LINK_WAN] = g_links.wan;
        mine[LINK_CROSS] = g_links.cross;
        mine[WENT_BACK] = g_clockWentBack;
        // Every device is one rank's: its digest is summed once, whatever the ranks.
        for (uint32_t n = 0, number = 0; n < all.GetN(); ++n)
        {
            Ptr<Node> node = all.Get(n);
            for (uint32_t d = 0; d < node->GetNDevices(); ++d)
            {
                Ptr<NetDevice> device = node->GetDevice(d);
                if (!DynamicCast<CsmaNetDevice>(device) &&
                    !DynamicCast<PointToPointNetDevice>(device))
                {
                    continue;
                }
                if (local(node))
                {
                    mine[DIGEST] += MixDigest(number, g_digests[number]);
                }
                ++number;
            }
        }
    }
    std::vector<uint64_t> ranks(rank == 0 ? RANK_STATS * size : 0, 0);
    MPI_Gather(mine.data(),
               static_cast<int>(RANK_STATS),
               MPI_UINT64_T,
               ranks.data(),
               static_cast<int>(RANK_STATS),
               MPI_UINT64_T,
               0,
               MPI_COMM_WORLD);

    // Figures: each rank fills in what its nodes counted; rank 0 adds them up
    // (every figure has exactly one owner, so the sum is that owner's value).
    std::vector<uint64_t> figures(pseudowires * FIGURES + 5, 0);
    for (uint32_t i = 0; i < pseudowires; ++i)
    {
        std::size_t base = i * FIGURES;
        if (local(hubRouter))
        {
            AddCounters(figures, base, hubEnds.Get(i), HUB_TX, HUB_RX, HUB_DROPS, HUB_FRAGMENTS);
        }
        if (local(spokeRouters.Get(i)))
        {
            AddCounters(figures,
                        base,
                        spokeEnds.Get(i),
                        SPOKE_TX,
                        SPOKE_RX,
                        SPOKE_DROPS,
                        SPOKE_FRAGMENTS);
        }
        if (sinks[i])
        {
            figures[base + SINK_BYTES] = sinks[i]->GetTotalRx();
        }
    }
    std::size_t echoBase = pseudowires * FIGURES;
    if (local(hubHost))
    {
        figures[echoBase + 0] = g_echo.sent;
        figures[echoBase + 1] = g_echo.answered;
        figures[echoBase + 2] = static_cast<uint64_t>(g_echo.rttSum);
        figures[echoBase + 3] = static_cast<uint64_t>(g_echo.rttMin);
        figures[echoBase + 4] = static_cast<uint64_t>(g_echo.rttMax);
    }
    std::vector<uint64_t> total(figures.size(), 0);
    MPI_Reduce(figures.data(),
               total.data(),
               static_cast<int>(figures.size()),
               MPI_UINT64_T,
               MPI_SUM,
               0,
               MPI_COMM_WORLD);

    Simulator::Destroy();

    if (rank == 0)
    {
        const double flowSeconds = duration - flowStart;
        std::ostringstream os;
        os << std::fixed << std::setprecision(3);
        auto fig = [&total](uint32_t i, Figure f) {
            return total[i * FIGURES + f];
        };
        auto pwLine = [&os](const std::string& name,
                            uint64_t tx,
                            uint64_t rx,
                            uint64_t drops,
                            uint64_t fragments) {
            os << "  " << name << ": " << tx << " frames sent (" << fragments
               << " outer fragments), " << rx << " delivered, " << drops << " dropped\n";
        };
        if (twoSites)
        {
            std::cout << "ranks: " << size << " (NetBSD_A's site on rank 0, NetBSD_B's on rank "
                      << spokeRank(0) << ")\n";
            os << "l2tp-mpi-example: the manual's two sites, WAN point-to-point " << wanRate << " "
               << wanDelayMs << " ms\n";
            uint64_t sent = total[echoBase];
            uint64_t answered = total[echoBase + 1];
            os << "  UDP echo Host_X -> Host_Y: " << sent << " sent, " << answered << " answered";
            if (answered > 0)
            {
                os << ", RTT min/avg/max " << total[echoBase + 3] / 1e6 << "/"
                   << total[echoBase + 2] / 1e6 / answered << "/" << total[echoBase + 4] / 1e6
                   << " ms";
            }
            os << "\n";
            os << "  TCP bulk Host_X -> Host_Y: " << fig(0, SINK_BYTES) << " bytes, goodput "
               << Mbps(fig(0, SINK_BYTES), flowSeconds) << " Mbit/s\n";
            pwLine("NetBSD_A l2tp0",
                   fig(0, HUB_TX),
                   fig(0, HUB_RX),
                   fig(0, HUB_DROPS),
                   fig(0, HUB_FRAGMENTS));
            pwLine("NetBSD_B l2tp0",
                   fig(0, SPOKE_TX),
                   fig(0, SPOKE_RX),
                   fig(0, SPOKE_DROPS),
                   fig(0, SPOKE_FRAGMENTS));
        }
        else
        {
            std::vector<uint32_t> perRank(size, 0);
            for (uint32_t i = 0; i < pseudowires; ++i)
            {
                ++perRank[spokeRank(i)];
            }
            std::cout << "ranks: " << size << " (the hub on rank 0; spokes per rank:";
            for (uint32_t r = 0; r < size; ++r)
            {
                std::cout << " " << perRank[r];
            }
            std::cout << ")\n";
            os << "l2tp-mpi-example: a hub and " << spokes << " spokes, WAN point-to-point "
               << wanRate << " " << wanDelayMs << " ms, hub LAN " << lanRate << "\n";
            uint64_t bytes = 0;
            uint64_t minBytes = UINT64_MAX;
            uint64_t maxBytes = 0;
            uint64_t tx = 0;
            uint64_t rx = 0;
            uint64_t drops = 0;
            uint64_t fragments = 0;
            for (uint32_t i = 0; i < pseudowires; ++i)
            {
                uint64_t b = fig(i, SINK_BYTES);
                bytes += b;
                minBytes = std::min(minBytes, b);
                maxBytes = std::max(maxBytes, b);
                tx += fig(i, SPOKE_TX);
                rx += fig(i, HUB_RX);
                drops += fig(i, HUB_DROPS) + fig(i, SPOKE_DROPS);
                fragments += fig(i, SPOKE_FRAGMENTS);
            }
            os << "  TCP bulk, every spoke host -> Hub_Host: " << bytes << " bytes, goodput "
               << Mbps(bytes, flowSeconds) << " Mbit/s in all, per spoke "
               << Mbps(minBytes, flowSeconds) << " to " << Mbps(maxBytes, flowSeconds)
               << " Mbit/s\n";
            pwLine("spokes' l2tp0 -> hub", tx, rx, drops, fragments);
            for (uint32_t i = 0; i < pseudowires; ++i)
            {
                os << "  Spoke_" << i << ": " << fig(i, SINK_BYTES) << " bytes; l2tp0 "
                   << fig(i, SPOKE_TX) << " sent, " << fig(i, SPOKE_RX) << " delivered; hub's l2tp"
                   << i << " " << fig(i, HUB_TX) << " sent, " << fig(i, HUB_RX) << " delivered\n";
            }
        }
        auto stat = [&ranks](uint32_t r, RankStat s) {
            return ranks[r * RANK_STATS + s];
        };
        auto percent = [](uint64_t part, uint64_t whole) {
            return whole > 0 ? 100.0 * part / whole : 0.0;
        };
        uint64_t events = 0;
        uint64_t digest = 0;
        uint64_t wentBack = 0;
        LinkCount links;
        for (uint32_t r = 0; r < size; ++r)
        {
            digest += stat(r, DIGEST);
            events += stat(r, EVENTS);
            links.all += stat(r, LINK_ALL);
            links.wan += stat(r, LINK_WAN);
            links.cross += stat(r, LINK_CROSS);
            wentBack += stat(r, WENT_BACK);
        }
        // Figures (the same on any number of ranks): how many packets the links
        // carried; how often a rank's clock went back (0, or the run is wrong).
        os << "  packets sent on links: " << links.all << " (" << links.wan << " on the WAN)\n";
        os << "  causality: a link event after a later one " << wentBack << " times\n";
        if (g_digest)
        {
            os << "  digest of every packet sent on links (time, bytes): " << std::hex
               << std::setw(16) << std::setfill('0') << digest << std::dec << std::setfill(' ')
               << "\n";
        }
        if (pcap)
        {
            os << "  pcap: " << pcapPrefix << "-<node>-<device>.pcap\n";
        }

        // The split (rank-dependent lines, all starting with "rank"), then the figures.
        std::ostringstream work;
        work << std::fixed << std::setprecision(1) << "rank work: " << simulatorImpl
             << "; events per rank";
        for (uint32_t r = 0; r < size; ++r)
        {
            work << " " << stat(r, EVENTS);
        }
        work << " (" << events << " in all; rank 0 " << percent(stat(0, EVENTS), events)
             << " %); cross-rank packets " << links.cross << " (" << percent(links.cross, links.all)
             << " % of the " << links.all << " packets sent on links, "
             << percent(links.cross, links.wan) << " % of the WAN's)\n";
        if (rankStats)
        {
            // Synchronisation: granted, one all-gather per window; nullmsg, a
            // blocking wait whenever nothing was safe to run. The time in them
            // is the price of synchronisation plus the wait for a slower rank;
            // Simulator::Run less that time is what the rank computed.
            for (uint32_t r = 0; r < size; ++r)
            {
                double run = stat(r, RUN_US) / 1e6;
                double cpu = stat(r, CPU_US) / 1e6;
                double sync = stat(r, SYNC_US) / 1e6;
                double syncCpu = stat(r, SYNC_CPU_US) / 1e6;
                uint64_t calls = stat(r, SYNC_CALLS);
                work << std::setprecision(3) << "rank " << r << " of " << size << ": "
                     << stat(r, NODES) << " nodes, " << stat(r, EVENTS) << " events, set-up "
                     << stat(r, SETUP_US) / 1e6 << " s, Simulator::Run " << run << " s wall ("
                     << cpu << " s CPU), of which in synchronisation " << sync << " s ("
                     << (scheduler == "nullmsg" ? "MPI_Waitany" : "MPI_Allgather") << ", " << calls
                     << " calls, " << std::setprecision(1) << (calls > 0 ? sync / calls * 1e6 : 0.0)
                     << " us each, " << std::setprecision(3) << syncCpu << " s CPU), computing "
                     << run - sync << " s (" << cpu - syncCpu << " s CPU), " << std::setprecision(0)
                     << (run - sync > 0 ? stat(r, EVENTS) / (run - sync) : 0.0) << " events/s\n";
            }
        }
        std::cout << work.str() << os.str() << std::flush;
    }

    MpiInterface::Disable();
    return 0;
}
