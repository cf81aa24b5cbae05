/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Interop and load bench: many simulated LCCEs behind one emulated router, against a
// live L2TPv3 peer, in real time (issue 19 item 12).
//
//   simulated (this process, real time)                               live
//   LCCE 0 (10.100.0.2) --csma--+
//   LCCE 1 (10.100.0.6) --csma--+-- router --wan0 ===== veth ===== peer LCCE (or freeRtr)
//   ...                         |   192.168.200.1    (FdNetDevice   192.168.200.2
//   LCCE N-1            --csma--+                     on --device)
//
// Each LCCE has its own link to the router (a /30 of 10.100.0.0/16), so its control
// messages leave the veth with its own source address; the router forwards. The peer
// needs a route back to 10.100.0.0/16 through the router's veth address. Each LCCE opens
// one control connection to the peer and brings up --sessions sessions over it (Remote
// End IDs "<lcce>-<session>", or --vcid+k for a numeric peer such as freeRtr), holds
// them with HELLOs for --hold seconds, then closes everything (StopCCN) and checks that
// the teardown completed.
//
// The peer is, by default, this same program with --role=peer in another network
// namespace: one simulated LCCE that offers every Remote End ID the bench will use.
// utils/emu-bench sets up the namespaces, the veth, the capture and both processes. With
// FREERTR=DIR the peer is a built freeRtr's "server l2tp3" instead (numeric Remote End
// IDs, --vcid; one session at a time per connection, --window=1 --gap=150: see --help).
//
// Printed: set-up rate, set-up latency percentiles (ICRQ sent -> session established,
// from the LCCEs' SessionState trace), failures per Result Code, retransmissions, the
// distinct IPv4 sources this process sent on the veth, the load average, and how far
// the real-time scheduler fell behind the wall clock ("could not keep up" past --maxLag).

#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/fd-net-device-module.h"
#include "ns3/internet-module.h"
#include "ns3/l2tp-module.h"
#include "ns3/l2tp-scenario-module.h"
#include "ns3/network-module.h"

#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <csignal>
#include <deque>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <vector>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("L2tpEmuLcceBench");

namespace
{

/// Set by SIGINT/SIGTERM; a periodic event reads it (no simulator call in a handler).
std::atomic<bool> g_signalled{false};

/**
 * \brief Remember the signal; the tick event ends the run.
 * \param sig the signal (unused)
 */
void
OnSignal(int sig)
{
    g_signalled = true;
}

/**
 * \param name the option
 * \param value its value
 * \param why what is wrong
 * \return an error naming both
 */
std::invalid_argument
BadOption(const std::string& name, const std::string& value, const std::string& why)
{
    return std::invalid_argument("--" + name + "=" + value + ": " + why);
}

/**
 * \param name the option
 * \param text an IPv4 address
 * \return the address
 * \throws std::invalid_argument naming the option when it is not one
 */
Ipv4Address
ParseIpv4(const std::string& name, const std::string& text)
{
    unsigned char parsed[4];
    if (inet_pton(AF_INET, text.c_str(), parsed) != 1)
    {
        throw BadOption(name, text, "not an IPv4 address");
    }
    return Ipv4Address(text.c_str());
}

/** \return the first three fields of /proc/loadavg, or "unknown" */
std::string
LoadAverage()
{
    std::ifstream f("/proc/loadavg");
    std::string a;
    std::string b;
    std::string c;
    if (!(f >> a >> b >> c))
    {
        return "unknown";
    }
    return a + " " + b + " " + c;
}

/**
 * \param sorted values in increasing order, not empty
 * \param p a percentile, 0 to 100
 * \return the nearest-rank percentile
 */
double
Percentile(const std::vector<double>& sorted, double p)
{
    std::size_t rank = static_cast<std::size_t>(std::ceil(p / 100.0 * sorted.size()));
    return sorted[std::min(sorted.size() - 1, rank == 0 ? 0 : rank - 1)];
}

/**
 * \brief How far the real-time scheduler runs behind the wall clock: a periodic event
 * compares Simulator::Now() with the wall time since the event at 0 s ran.
 */
struct LagMeter
{
    Time period{MilliSeconds(10)};                   //!< how often it looks
    std::chrono::steady_clock::time_point wallStart; //!< wall clock at simulated 0 s
    double maxLagMs{0};                              //!< the largest lag seen
    double maxLagAtS{0};                             //!< simulated time of that lag
    uint64_t samples{0};                             //!< ticks run
    uint64_t overBound{0};                           //!< ticks whose lag exceeded the bound
    double boundMs{100};                             //!< --maxLag
    std::function<void()> onSignal;                  //!< what a SIGINT/SIGTERM does
    bool signalHandled{false};                       //!< onSignal ran

    /** \brief One look at the clocks, then the next one. */
    void Tick()
    {
        double wall =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
        double lagMs = (wall - Simulator::Now().GetSeconds()) * 1000.0;
        ++samples;
        if (lagMs > maxLagMs)
        {
            maxLagMs = lagMs;
            maxLagAtS = Simulator::Now().GetSeconds();
        }
        if (lagMs > boundMs)
        {
            ++overBound;
        }
        if (g_signalled && !signalHandled)
        {
            signalHandled = true;
            onSignal();
        }
        Simulator::Schedule(period, &LagMeter::Tick, this);
    }

    /**
     * \brief Start at simulated 0 s; call right before Simulator::Run(), which takes the
     * wall clock's origin of the real-time scheduler (a late first event is lag too).
     */
    void Start()
    {
        wallStart = std::chrono::steady_clock::now();
        Simulator::ScheduleNow(&LagMeter::Tick, this);
    }

    /**
     * \param os where to print the verdict
     */
    void Print(std::ostream& os) const
    {
        os << "  real-time lag: max " << maxLagMs << " ms (at " << maxLagAtS << " s), " << overBound
           << " of " << samples << " checks over " << boundMs << " ms\n";
        if (maxLagMs > boundMs)
        {
            os << "  could not keep up: the real-time scheduler fell " << maxLagMs
               << " ms behind the wall clock (bound " << boundMs << " ms)\n";
        }
        else
        {
            os << "  kept up: max lag " << maxLagMs << " ms <= " << boundMs << " ms\n";
        }
    }
};

/** \brief IPv4 source addresses of the frames an FdNetDevice sends on the veth. */
struct SourceSet
{
    std::set<uint32_t> sources; //!< distinct IPv4 sources sent
};

/**
 * \brief MacTx of the veth device: frames with their Ethernet header.
 * \param set the sources
 * \param frame the frame
 */
void
SeeSource(SourceSet* set, Ptr<const Packet> frame)
{
    Ptr<Packet> p = frame->Copy();
    EthernetHeader eth;
    Ipv4Header ip;
    if (p->RemoveHeader(eth) == 0 || eth.GetLengthType() != 0x0800 || p->GetSize() < 20)
    {
        return;
    }
    p->RemoveHeader(ip);
    set->sources.insert(ip.GetSource().Get());
}

/** \brief What the bench side records of the sessions. */
struct Sessions
{
    uint32_t wanted{0};                                     //!< N x M
    uint32_t up{0};                                         //!< sessions established (first time)
    uint32_t upNow{0};                                      //!< established now
    double firstRequestS{-1};                               //!< first AddPseudowire (simulated s)
    double firstIcrqS{-1};                                  //!< first ICRQ sent
    double lastUpS{-1};                                     //!< last session established
    std::map<std::pair<uint32_t, uint32_t>, double> icrqAt; //!< (LCCE, local Session ID)
    std::vector<double> latencyMs;                          //!< ICRQ sent -> established
    std::function<void()> allUp;                            //!< called once when up == wanted
    std::function<void(uint32_t)> setupEnded; //!< a session of this LCCE is up or failed
};

/**
 * \brief SessionState of LCCE \p lcce: ICRQ sent (wait-reply) and established.
 * \param s the records
 * \param lcce the LCCE's index
 * \param localSessionId the session
 * \param from the old state
 * \param to the new state
 */
void
SessionState(Sessions* s,
             uint32_t lcce,
             uint32_t localSessionId,
             L2tpv3SessionState from,
             L2tpv3SessionState to)
{
    double now = Simulator::Now().GetSeconds();
    auto key = std::make_pair(lcce, localSessionId);
    if (to == L2tpv3SessionState::WAIT_REPLY)
    {
        s->icrqAt[key] = now;
        if (s->firstIcrqS < 0)
        {
            s->firstIcrqS = now;
        }
    }
    else if (to == L2tpv3SessionState::ESTABLISHED)
    {
        auto it = s->icrqAt.find(key);
        if (it != s->icrqAt.end())
        {
            s->latencyMs.push_back((now - it->second) * 1000.0);
            s->icrqAt.erase(it);
        }
        ++s->up;
        ++s->upNow;
        s->lastUpS = now;
        if (s->setupEnded)
        {
            s->setupEnded(lcce);
        }
        if (s->up == s->wanted && s->allUp)
        {
            s->allUp();
        }
    }
    else if (from == L2tpv3SessionState::ESTABLISHED)
    {
        --s->upNow;
    }
    else if (to == L2tpv3SessionState::IDLE && s->setupEnded)
    {
        s->icrqAt.erase(key);
        s->setupEnded(lcce); // failed before it was established
    }
}

/**
 * \brief Sum a per-Result-Code map into another.
 * \param into the sum
 * \param from one LCCE's map
 */
void
AddCodes(std::map<uint16_t, uint64_t>& into, const std::map<uint16_t, uint64_t>& from)
{
    for (const auto& [code, n] : from)
    {
        into[code] += n;
    }
}

/**
 * \param codes counts per Result Code
 * \return "none" or "code=count ..."
 */
std::string
CodesText(const std::map<uint16_t, uint64_t>& codes)
{
    std::ostringstream os;
    for (const auto& [code, n] : codes)
    {
        os << (os.tellp() > 0 ? " " : "") << "result" << code << "=" << n;
    }
    return codes.empty() ? "none" : os.str();
}

/**
 * \param lcce an LCCE index
 * \param session a session index
 * \param vcid 0 for "<lcce>-<session>", else the first of numeric IDs
 * \param sessions sessions per LCCE
 * \return the Remote End ID of that session
 */
std::string
RemoteEndId(uint32_t lcce, uint32_t session, uint32_t vcid, uint32_t sessions)
{
    if (vcid != 0)
    {
        return std::to_string(vcid + lcce * sessions + session);
    }
    return std::to_string(lcce) + "-" + std::to_string(session);
}

/** \brief The command-line options of both roles. */
struct Options
{
    std::string role{"bench"};         //!< bench or peer
    std::string device;                //!< the veth end
    std::string local;                 //!< our veth address
    std::string peer{"192.168.200.2"}; //!< the peer's address (bench)
    std::string via{"192.168.200.1"};  //!< the router's veth address (peer role route)
    std::string mac;                   //!< MAC address of the veth device
    uint32_t lcces{10};                //!< N
    uint32_t sessions{10};             //!< M
    double rate{0};                    //!< sessions/s, 0: all at once
    double hold{5};                    //!< seconds held after all are up
    double hello{1};                   //!< HelloInterval, s
    double setupTimeout{30};           //!< seconds to wait for the last session
    double drain{3};                   //!< seconds after CloseAll
    double maxLagMs{100};              //!< the real-time bound
    double time{600};                  //!< peer role: seconds to run at most
    std::string encap{"ip"};           //!< ip or udp
    uint32_t vcid{0};                  //!< numeric Remote End IDs from this (0: "<i>-<j>")
    uint32_t window{0};                //!< sessions being set up per LCCE at most (0: any)
    uint32_t gapMs{0};                 //!< with window: wait after a session is up (ms)
};

/** \brief The peer's sessions. */
struct PeerCount
{
    uint32_t up{0};    //!< established now
    uint32_t maxUp{0}; //!< the most at once
};

/**
 * \brief SessionUp of the peer's LCCE.
 * \param count the counts
 * \param parameters the session (unused)
 * \param device its device (unused)
 */
void
PeerUp(PeerCount* count, const L2tpv3SessionParameters& parameters, Ptr<L2tpv3NetDevice> device)
{
    count->maxUp = std::max(count->maxUp, ++count->up);
}

/**
 * \brief SessionDown of the peer's LCCE.
 * \param count the counts
 * \param parameters the session (unused)
 * \param reason why (unused)
 */
void
PeerDown(PeerCount* count,
         const L2tpv3SessionParameters& parameters,
         L2tpv3SessionDownReason reason)
{
    --count->up;
}

/**
 * \param o the options
 * \param lag the lag meter
 * \return the exit status
 */
int
RunPeer(const Options& o, LagMeter& lag)
{
    Ptr<Node> node = CreateObject<Node>();
    L2tpv3EmuHelper emu;
    emu.SetDeviceName(o.device);
    emu.SetMacAddress(o.mac.empty() ? "02:00:00:eb:00:02" : o.mac);
    Ptr<NetDevice> wan = emu.Install(node).Get(0);
    InternetStackHelper stack;
    stack.SetIpv6StackInstall(false);
    stack.Install(node);
    Ipv4Address local = ParseIpv4("local", o.local.empty() ? "192.168.200.2" : o.local);
    uint32_t wanIf = L2tpv3AddInterfaceAddress(wan, local, 24);
    // The LCCEs' prefix is behind the bench's router.
    Ipv4StaticRoutingHelper routing;
    routing.GetStaticRouting(node->GetObject<Ipv4>())
        ->AddNetworkRouteTo(Ipv4Address("10.100.0.0"),
                            Ipv4Mask("/16"),
                            ParseIpv4("via", o.via),
                            wanIf);

    L2tpv3LcceHelper helper;
    helper.SetAttribute("Encapsulation", StringValue(o.encap));
    helper.SetAttribute("HelloInterval", TimeValue(Seconds(o.hello)));
    helper.SetAttribute("HostName", StringValue("eb-peer"));
    helper.SetAttribute("MaxHalfOpenConnections", UintegerValue(0));
    Ptr<L2tpv3Lcce> lcce = helper.Install(node);
    // The LCCE accepts an ICRQ only for an offered Remote End ID: offer all N x M.
    for (uint32_t i = 0; i < o.lcces; ++i)
    {
        for (uint32_t j = 0; j < o.sessions; ++j)
        {
            lcce->OfferPseudowire(RemoteEndId(i, j, o.vcid, o.sessions), nullptr);
        }
    }
    PeerCount count;
    lcce->TraceConnectWithoutContext("SessionUp", MakeBoundCallback(&PeerUp, &count));
    lcce->TraceConnectWithoutContext("SessionDown", MakeBoundCallback(&PeerDown, &count));
    lag.onSignal = []() {
        Simulator::Stop();
    };
    Simulator::Stop(Seconds(o.time));
    std::cout << "l2tp-emu-lcce-bench peer: " << local << " on " << o.device << ", offering "
              << o.lcces * o.sessions << " Remote End IDs, encap " << o.encap << std::endl;
    lag.Start();
    Simulator::Run();
    L2tpv3LcceCounters c = lcce->GetCounters();
    std::cout << std::fixed << std::setprecision(1);
    std::cout << "peer: sessions up at most " << count.maxUp << ", up at the end " << count.up
              << ", connections established " << c.connectionsEstablished << "\n";
    std::cout << "peer: StopCCN received " << CodesText(c.stopCcnReceived) << ", CDN sent "
              << CodesText(c.cdnSent) << ", retransmissions " << c.retransmissions << "\n";
    lag.Print(std::cout);
    std::cout << "  load average: " << LoadAverage() << "\n";
    Simulator::Destroy();
    return 0;
}

/**
 * \param o the options
 * \param lag the lag meter
 * \return the exit status: 0 when every session came up and the teardown completed
 */
int
RunBench(const Options& o, LagMeter& lag)
{
    Ipv4Address local = ParseIpv4("local", o.local.empty() ? "192.168.200.1" : o.local);
    Ipv4Address peer = ParseIpv4("peer", o.peer);

    Ptr<Node> router = CreateObject<Node>();
    NodeContainer lcceNodes;
    lcceNodes.Create(o.lcces);
    L2tpv3EmuHelper emu;
    emu.SetDeviceName(o.device);
    emu.SetMacAddress(o.mac.empty() ? "02:00:00:eb:00:01" : o.mac);
    Ptr<NetDevice> wan = emu.Install(router).Get(0);

    InternetStackHelper stack;
    stack.SetIpv6StackInstall(false);
    stack.Install(router);
    stack.Install(lcceNodes);
    L2tpv3AddInterfaceAddress(wan, local, 24);
    router->GetObject<Ipv4>()->SetAttribute("IpForward", BooleanValue(true));

    // One link per LCCE: 10.100.0.0 + 4i is its /30, the router .1, the LCCE .2.
    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", StringValue("1Gbps"));
    csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(1)));
    Ipv4StaticRoutingHelper routing;
    std::vector<Ipv4Address> addresses;
    for (uint32_t i = 0; i < o.lcces; ++i)
    {
        NetDeviceContainer link = csma.Install(NodeContainer(router, lcceNodes.Get(i)));
        uint32_t base = Ipv4Address("10.100.0.0").Get() + 4 * i;
        L2tpv3AddInterfaceAddress(link.Get(0), Ipv4Address(base + 1), 30);
        uint32_t lcceIf = L2tpv3AddInterfaceAddress(link.Get(1), Ipv4Address(base + 2), 30);
        routing.GetStaticRouting(lcceNodes.Get(i)->GetObject<Ipv4>())
            ->SetDefaultRoute(Ipv4Address(base + 1), lcceIf);
        addresses.emplace_back(base + 2);
    }

    L2tpv3LcceHelper helper;
    helper.SetAttribute("Encapsulation", StringValue(o.encap));
    helper.SetAttribute("HelloInterval", TimeValue(Seconds(o.hello)));
    helper.SetAttribute("Reconnect", BooleanValue(false));
    std::vector<Ptr<L2tpv3Lcce>> lcces;
    std::vector<uint32_t> peerIndex;
    Sessions s;
    s.wanted = o.lcces * o.sessions;
    for (uint32_t i = 0; i < o.lcces; ++i)
    {
        helper.SetAttribute("HostName", StringValue("eb-lcce-" + std::to_string(i)));
        Ptr<L2tpv3Lcce> lcce = helper.Install(lcceNodes.Get(i));
        lcce->SetStartTime(Seconds(0));
        lcce->TraceConnectWithoutContext("SessionState", MakeBoundCallback(&SessionState, &s, i));
        lcces.push_back(lcce);
        peerIndex.push_back(0);
    }

    // Requests: all at 0.5 s (--rate=0), or session k = j*N + i at 0.5 + k/rate s (round
    // robin over the LCCEs, so that each opens its connection with its first one). With
    // --window=K an LCCE has at most K sessions being set up: the others wait in `pending`
    // until one is up or failed (for a peer that mishandles pipelined ICRQs).
    bool closed = false; // CloseAll called: no new session
    auto issue = [&](uint32_t i, uint32_t j) {
        if (closed)
        {
            return;
        }
        if (s.firstRequestS < 0)
        {
            s.firstRequestS = Simulator::Now().GetSeconds();
        }
        if (j == 0)
        {
            peerIndex[i] = lcces[i]->AddPeer(addresses[i], peer);
        }
        lcces[i]->AddPseudowire(peerIndex[i], RemoteEndId(i, j, o.vcid, o.sessions), nullptr);
    };
    std::vector<std::deque<uint32_t>> pending(o.lcces);
    std::vector<uint32_t> outstanding(o.lcces, 0);
    auto pump = [&](uint32_t i) {
        while (!pending[i].empty() && (o.window == 0 || outstanding[i] < o.window))
        {
            uint32_t j = pending[i].front();
            pending[i].pop_front();
            ++outstanding[i];
            issue(i, j);
        }
    };
    auto request = [&](uint32_t i, uint32_t j) {
        pending[i].push_back(j);
        pump(i);
    };
    s.setupEnded = [&](uint32_t i) {
        if (outstanding[i] > 0)
        {
            --outstanding[i];
        }
        if (o.gapMs > 0)
        {
            Simulator::Schedule(MilliSeconds(o.gapMs), [&pump, i]() {
                pump(i);
            });
        }
        else
        {
            pump(i);
        }
    };
    double lastRequestS = 0.5;
    for (uint32_t j = 0; j < o.sessions; ++j)
    {
        for (uint32_t i = 0; i < o.lcces; ++i)
        {
            if (o.rate > 0)
            {
                lastRequestS = 0.5 + (j * o.lcces + i) / o.rate;
                Simulator::Schedule(Seconds(lastRequestS), [&request, i, j]() {
                    request(i, j);
                });
            }
            else
            {
                Simulator::Schedule(Seconds(0.5), [&request, i, j]() {
                    request(i, j);
                });
            }
        }
    }

    // All up: hold, then close. Not all up by the timeout: close anyway.
    double closeS = -1;
    auto closeAll = [&]() {
        if (closed)
        {
            return;
        }
        closed = true;
        closeS = Simulator::Now().GetSeconds();
        for (auto& l : lcces)
        {
            l->CloseAll();
        }
        Simulator::Schedule(Seconds(o.drain), []() {
            Simulator::Stop();
        });
    };
    s.allUp = [&]() {
        // utils/emu-bench waits for this line to ask a live peer for its count.
        std::cout << "  all sessions up at " << Simulator::Now().GetSeconds() << " s, held "
                  << o.hold << " s" << std::endl;
        Simulator::Schedule(Seconds(o.hold), closeAll);
    };
    Simulator::Schedule(Seconds(lastRequestS + o.setupTimeout), closeAll);
    lag.onSignal = closeAll;

    SourceSet sent;
    wan->TraceConnectWithoutContext("MacTx", MakeBoundCallback(&SeeSource, &sent));

    std::string loadBefore = LoadAverage();
    std::cout << "l2tp-emu-lcce-bench: " << o.lcces << " LCCEs x " << o.sessions
              << " sessions against " << peer << " (router " << local << " on " << o.device
              << "), rate " << (o.rate > 0 ? std::to_string(o.rate) + " sessions/s" : "unlimited")
              << (o.window ? ", window " + std::to_string(o.window) : std::string()) << ", encap "
              << o.encap << ", hold " << o.hold << " s, hello " << o.hello << " s" << std::endl;
    lag.Start();
    Simulator::Run();

    // Teardown: every connection idle with nothing unacknowledged (our StopCCN acked),
    // no session up.
    uint32_t connections = 0;
    uint32_t idle = 0;
    L2tpv3LcceCounters sum;
    std::map<uint16_t, uint64_t> cdnReceived;
    std::map<uint16_t, uint64_t> cdnSent;
    std::map<uint16_t, uint64_t> stopReceived;
    std::map<uint16_t, uint64_t> stopSent;
    uint64_t retransmissions = 0;
    uint64_t timeouts = 0;
    uint64_t stopUnacked = 0;
    uint32_t upAtEnd = 0;
    for (auto& l : lcces)
    {
        for (const auto& [id, c] : l->GetConnections())
        {
            ++connections;
            if (c->GetState() == L2tpv3ConnectionState::IDLE && c->GetChannel()->IsIdle())
            {
                ++idle;
            }
        }
        L2tpv3LcceCounters c = l->GetCounters();
        AddCodes(cdnReceived, c.cdnReceived);
        AddCodes(cdnSent, c.cdnSent);
        AddCodes(stopReceived, c.stopCcnReceived);
        AddCodes(stopSent, c.stopCcnSent);
        retransmissions += c.retransmissions;
        timeouts += c.timeouts;
        stopUnacked += c.stopCcnUnacknowledged;
        upAtEnd += l->GetNSessionsUp();
    }
    uint64_t closedByUs = stopSent.count(1) ? stopSent.at(1) : 0;

    std::sort(s.latencyMs.begin(), s.latencyMs.end());
    std::cout << std::fixed << std::setprecision(1);
    std::cout << "  sessions up: " << s.up << "/" << s.wanted << " over " << o.lcces << " LCCEs\n";
    if (s.up > 0)
    {
        double span = s.lastUpS - s.firstRequestS;
        std::cout << "  set-up rate: " << (span > 0 ? s.up / span : 0.0) << " sessions/s (" << s.up
                  << " in " << std::setprecision(3) << span
                  << " s, first request to last up; offered "
                  << (o.rate > 0 ? std::to_string(static_cast<uint64_t>(o.rate)) + "/s"
                                 : "all at once")
                  << ")\n"
                  << std::setprecision(1);
        std::cout << "  set-up latency (ICRQ sent -> established, " << s.latencyMs.size()
                  << " sessions): p50 " << Percentile(s.latencyMs, 50) << " ms, p90 "
                  << Percentile(s.latencyMs, 90) << " ms, p99 " << Percentile(s.latencyMs, 99)
                  << " ms, max " << s.latencyMs.back() << " ms\n";
    }
    std::cout << "  failures: " << (s.wanted - std::min(s.up, s.wanted))
              << " sessions never up; CDN received " << CodesText(cdnReceived) << "; CDN sent "
              << CodesText(cdnSent) << "; StopCCN received " << CodesText(stopReceived)
              << "; peers timed out " << timeouts << "\n";
    std::cout << "  retransmissions: " << retransmissions << "\n";
    std::cout << "  distinct IPv4 sources sent on " << o.device << ": " << sent.sources.size()
              << "\n";
    std::cout << "  teardown: " << closedByUs << " StopCCN sent, " << idle << "/" << connections
              << " connections closed and acknowledged, " << stopUnacked
              << " StopCCN unacknowledged, " << upAtEnd << " sessions still up";
    bool teardownOk = closed && idle == connections && connections == o.lcces &&
                      closedByUs == o.lcces && stopUnacked == 0 && upAtEnd == 0;
    std::cout << (teardownOk ? ": teardown complete\n" : ": teardown INCOMPLETE\n");
    lag.Print(std::cout);
    std::cout << "  load average: before " << loadBefore << ", after " << LoadAverage() << "\n";
    Simulator::Destroy();
    return (s.up == s.wanted && teardownOk) ? 0 : 2;
}

} // namespace

int
main(int argc, char* argv[])
{
    Options o;
    CommandLine cmd(__FILE__);
    cmd.AddValue("role", "bench (the N LCCEs) or peer (one LCCE accepting them all)", o.role);
    cmd.AddValue("device", "Linux interface of the veth device (bench eb-a, peer eb-b)", o.device);
    cmd.AddValue("local", "Our veth address (bench 192.168.200.1, peer 192.168.200.2)", o.local);
    cmd.AddValue("peer", "bench: the live peer's address", o.peer);
    cmd.AddValue("via", "peer: the bench router's veth address (route to 10.100.0.0/16)", o.via);
    cmd.AddValue("mac", "MAC address of the veth device (02:00:00:eb:00:01 / :02)", o.mac);
    cmd.AddValue("lcces", "Simulated LCCEs, each with its own address (N)", o.lcces);
    cmd.AddValue("sessions", "Sessions per LCCE (M)", o.sessions);
    cmd.AddValue("rate", "Sessions requested per second, round robin (0: all at once)", o.rate);
    cmd.AddValue("hold", "Seconds the sessions are held (HELLOs) once all are up", o.hold);
    cmd.AddValue("hello", "HelloInterval in seconds", o.hello);
    cmd.AddValue("setupTimeout",
                 "Seconds after the last request before closing anyway",
                 o.setupTimeout);
    cmd.AddValue("drain", "Seconds after CloseAll for the StopCCNs to be acknowledged", o.drain);
    cmd.AddValue("maxLag", "Real-time lag bound in ms ('could not keep up' beyond)", o.maxLagMs);
    cmd.AddValue("time", "peer: seconds to run at most (SIGINT/SIGTERM end it earlier)", o.time);
    cmd.AddValue("encap", "Encapsulation: ip (protocol 115) or udp", o.encap);
    cmd.AddValue("vcid", "Numeric Remote End IDs from this value (0: '<lcce>-<session>')", o.vcid);
    cmd.AddValue("window",
                 "Sessions an LCCE sets up at once at most; the next ICRQ waits for one to be "
                 "up or failed (0: no limit; 1 for freeRtr, which answers pipelined ICRQs "
                 "with a repeated Ns)",
                 o.window);
    cmd.AddValue("gap",
                 "With --window: ms to wait after a session is up or failed before the "
                 "LCCE's next ICRQ (freeRtr answers an ICRQ sent right after an ICCN only "
                 "when our next message comes)",
                 o.gapMs);
    cmd.Parse(argc, argv);

    try
    {
        if (o.role != "bench" && o.role != "peer")
        {
            throw BadOption("role", o.role, "must be bench or peer");
        }
        if (o.device.empty())
        {
            o.device = o.role == "bench" ? "eb-a" : "eb-b";
        }
        if (o.lcces == 0 || o.lcces > 16000)
        {
            throw BadOption("lcces", std::to_string(o.lcces), "must be 1 to 16000");
        }
        if (o.sessions == 0)
        {
            throw BadOption("sessions", "0", "must be at least 1");
        }
        if (o.rate < 0 || o.hold < 0 || o.hello <= 0 || o.drain < 0 || o.maxLagMs <= 0 ||
            o.setupTimeout <= 0 || o.time <= 0)
        {
            throw std::invalid_argument(
                "--rate, --hold and --drain must not be negative; --hello, --maxLag, "
                "--setupTimeout and --time must be positive");
        }
        L2tpv3ParseEncapsulation(o.encap, "encap", L2tpv3NameWording::OPTION);

        // Real time, best effort (no hard limit: the lag is measured and reported instead
        // of aborting); checksums on, as the real peer checks them.
        GlobalValue::Bind("SimulatorImplementationType", StringValue("ns3::RealtimeSimulatorImpl"));
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
        Config::SetDefault("ns3::RealtimeSimulatorImpl::SynchronizationMode",
                           EnumValue(RealtimeSimulatorImpl::SYNC_BEST_EFFORT));
        // The router's first SCCRQs wait for its ARP reply for the peer: keep them all
        // (ns-3 keeps 3 by default and drops the rest, which then wait 1 s to be resent).
        Config::SetDefault("ns3::ArpCache::PendingQueueSize",
                           UintegerValue(std::max<uint32_t>(16, o.lcces * o.sessions)));
        std::signal(SIGINT, OnSignal);
        std::signal(SIGTERM, OnSignal);

        LagMeter lag;
        lag.boundMs = o.maxLagMs;
        return o.role == "bench" ? RunBench(o, lag) : RunPeer(o, lag);
    }
    catch (const std::exception& e)
    {
        std::cerr << "l2tp-emu-lcce-bench: " << e.what() << std::endl;
        return 1;
    }
}
