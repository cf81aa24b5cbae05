/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// NetBSD_A of the l2tp(4) manual, simulated WITH its control plane (an L2tpv3Lcce, not
// static sessions), in real time, against a live L2TPv3 peer given by address.
//
//   simulated (this process, real time)                 live
//   Host_X --wm1-- NetBSD_A --wm0 ====== veth ====== peer LCCE ---- host behind it
//                  bridge0 = wm1 + the pseudowire    (wm0: an FdNetDevice on the veth end)
//
// The peer is whatever speaks L2TPv3 on the other end of the veth: a second copy of this
// program (--role=answer --side=b: NetBSD_B with Host_Y behind it, in its own real-time
// process), or a real router (freeRtr). utils/emu-peer lcce sets up the namespaces and
// starts both:
//
//   utils/emu-peer lcce                                 # we initiate, a simulated peer answers
//   utils/emu-peer lcce --role=answer --encap=udp       # the simulated peer initiates
//   FREERTR=/path/to/freeRtr utils/emu-peer lcce        # freeRtr answers (server l2tp3)
//
// --role=initiate: we open the control connection (AddPeer) and the session (ICRQ,
// AddPseudowire); --role=answer: we answer the peer's SCCRQ and its ICRQ for --end-id
// (OfferPseudowire). Once the session is up, Host_X pings --target (--pings requests).
// On SIGINT or SIGTERM (or at the end of --time) the LCCE closes its connections
// (StopCCN, RFC 3931 §6.4 / §7.1) and the simulator keeps running until every StopCCN is
// acknowledged or its retransmission cycle ends, so that a real router is not left
// holding a connection: then the program prints its counters and exits 0.

#include "ns3/bridge-module.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/fd-net-device-module.h"
#include "ns3/internet-module.h"
#include "ns3/l2tp-module.h"
#include "ns3/l2tp-scenario-module.h"
#include "ns3/network-module.h"

#include <csignal>
#include <cstring>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("L2tpEmuLcceExample");

namespace
{

/// The last signal that asked us to stop (0: none yet), and how many came. Only the handler
/// writes them; periodic simulator events read them: no simulator call happens inside the
/// handler (it may interrupt the scheduler or the FdNetDevice's reader thread anywhere).
volatile std::sig_atomic_t g_signal = 0;
volatile std::sig_atomic_t g_signals = 0; //!< signals received

/**
 * \brief SIGINT/SIGTERM handler: remembers the signal, nothing else (async-signal-safe).
 * \param signo the signal
 */
void
OnSignal(int signo)
{
    g_signal = signo;
    g_signals = g_signals + 1;
}

/** \brief How often the simulator looks at g_signal and at the closing connections. */
const Time POLL = MilliSeconds(50);

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
 * \brief Router ID AVP (RFC 3931 §5.4.3: a 32-bit value unique to the LCCE): the IPv4
 * address, or the low 32 bits of the IPv6 address (as freeRtr does), so that two copies of
 * this program (both node 0) do not send the same one.
 * \param address our address
 * \return the Router ID
 */
uint32_t
RouterIdOf(const Address& address)
{
    if (Ipv4Address::IsMatchingType(address))
    {
        return Ipv4Address::ConvertFrom(address).Get();
    }
    uint8_t bytes[16];
    Ipv6Address::ConvertFrom(address).GetBytes(bytes);
    return (uint32_t(bytes[12]) << 24) | (uint32_t(bytes[13]) << 16) | (uint32_t(bytes[14]) << 8) |
           bytes[15];
}

/** \brief The run: what the events and the summary need. */
struct Run
{
    Ptr<L2tpv3Lcce> lcce;       //!< NetBSD_A's LCCE
    Ptr<Node> host;             //!< Host_X
    Ptr<L2tpv3Pinger> pinger;   //!< Host_X's ping, made when the first session is up
    std::string routerName;     //!< NetBSD_A or NetBSD_B
    std::string hostName;       //!< Host_X or Host_Y
    Ipv4Address target;         //!< the host pinged
    uint32_t pings{0};          //!< requests to send
    Time interval;              //!< between them
    Time stopWait;              //!< longest wait for the StopCCNs' acknowledgements
    bool closing{false};        //!< CloseAll called
    Time closeStart;            //!< when
    std::set<uint32_t> pending; //!< connections whose StopCCN is not acknowledged yet
    uint32_t closed{0};         //!< connections closed by us
    uint32_t acknowledged{0};   //!< ... whose StopCCN the peer acknowledged
    uint32_t unacknowledged{0}; //!< ... forgotten with it unacknowledged, or still waiting
    std::string why;            //!< what made us close
    uint32_t sessionsUpNow{0};  //!< sessions up at the moment CloseAll was called
    int signalsAtClose{0};      //!< signals received when the close began
};

/**
 * \brief Print one line of the timeline, stamped with the simulated (= wall-clock) time.
 * \param run the run
 * \param text what happened
 */
void
Say(const Run& run, const std::string& text)
{
    std::cout << std::fixed << std::setprecision(3) << Simulator::Now().GetSeconds() << " s "
              << run.routerName << ": " << text << std::endl;
}

/**
 * \brief Are all the StopCCNs acknowledged (or given up)? Stops the simulator when so.
 * \param run the run
 */
void
PollClose(Run* run)
{
    auto connections = run->lcce->GetConnections();
    for (auto it = run->pending.begin(); it != run->pending.end();)
    {
        auto c = connections.find(*it);
        if (c == connections.end())
        {
            // Forgotten: its StopCCN's retransmission cycle ran out (RFC 3931 §7.1).
            ++run->unacknowledged;
            it = run->pending.erase(it);
        }
        else if (c->second->GetState() == L2tpv3ConnectionState::IDLE &&
                 c->second->GetChannel()->GetInFlight() == 0 &&
                 c->second->GetChannel()->GetQueued() == 0)
        {
            ++run->acknowledged;
            it = run->pending.erase(it);
        }
        else
        {
            ++it;
        }
    }
    bool late = Simulator::Now() - run->closeStart >= run->stopWait;
    // A signal after the close began: the user does not want to wait for the
    // acknowledgements.
    bool impatient = g_signals > run->signalsAtClose;
    if (run->pending.empty() || late || impatient)
    {
        run->unacknowledged += run->pending.size();
        std::ostringstream text;
        text << "StopCCN acknowledged on " << run->acknowledged << " of " << run->closed
             << " connection(s)";
        if (run->unacknowledged)
        {
            text << ", " << run->unacknowledged << " not acknowledged"
                 << (impatient ? " (second signal: not waiting)"
                     : late    ? " (gave up after --stop-wait)"
                               : " (retransmission cycle ended)");
        }
        Say(*run, text.str());
        Simulator::Stop();
        return;
    }
    Simulator::Schedule(POLL, &PollClose, run);
}

/**
 * \brief Close every control connection (StopCCN) and wait for the acknowledgements.
 * \param run the run
 * \param why what asked for it
 */
void
BeginClose(Run* run, const std::string& why)
{
    if (run->closing)
    {
        return;
    }
    run->closing = true;
    run->why = why;
    run->closeStart = Simulator::Now();
    run->signalsAtClose = g_signals;
    run->sessionsUpNow = run->lcce->GetNSessionsUp();
    for (const auto& [id, c] : run->lcce->GetConnections())
    {
        if (c->GetState() != L2tpv3ConnectionState::IDLE)
        {
            run->pending.insert(id);
        }
    }
    run->closed = run->pending.size();
    Say(*run,
        why + ": closing " + std::to_string(run->closed) + " control connection(s) (StopCCN)");
    run->lcce->CloseAll();
    PollClose(run);
}

/**
 * \brief Looks at the flag the signal handler sets, every POLL.
 * \param run the run
 */
void
PollSignal(Run* run)
{
    if (g_signal != 0)
    {
        BeginClose(run, g_signal == SIGINT ? "SIGINT" : "SIGTERM");
        return;
    }
    if (!run->closing)
    {
        Simulator::Schedule(POLL, &PollSignal, run);
    }
}

/**
 * \brief A session is up: print it, and start Host_X's ping with the first one.
 * \param run the run
 * \param p its parameters
 * \param device its device
 */
void
SessionUp(Run* run, const L2tpv3SessionParameters& p, Ptr<L2tpv3NetDevice> device)
{
    Say(*run,
        "session up: Remote End ID '" + p.remoteEndId + "', local session " +
            std::to_string(p.localSessionId) + ", remote session " +
            std::to_string(p.remoteSessionId));
    if (run->pinger || run->pings == 0 || run->closing)
    {
        return;
    }
    // One second after the session is up: the peer may bring its end up a little later (an
    // ICCN in flight), and the first request waits for ARP across the pseudowire anyway.
    run->pinger = CreateObject<L2tpv3Pinger>();
    run->pinger->SetAttribute("Remote", AddressValue(run->target));
    run->pinger->SetAttribute("Identifier", UintegerValue(0x58));
    run->pinger->SetAttribute("Count", UintegerValue(run->pings));
    run->pinger->SetAttribute("Interval", TimeValue(run->interval));
    run->pinger->SetStartTime(Seconds(1));
    run->host->AddApplication(run->pinger);
    // The last request's reply is awaited one interval and one second more: then the
    // result is final (utils/emu-peer waits for this line before it sends SIGTERM).
    Time done = Seconds(1) + run->interval * run->pings + Seconds(1);
    Simulator::Schedule(done, [run]() {
        Say(*run,
            "pings done: " + std::to_string(run->pinger->GetAnswered()) + "/" +
                std::to_string(run->pinger->GetSent()) + " answered (" +
                run->pinger->GetReplyPattern() + ")");
    });
}

/**
 * \param run the run
 * \param p the session's parameters
 * \param reason why it ended
 */
void
SessionDown(Run* run, const L2tpv3SessionParameters& p, L2tpv3SessionDownReason reason)
{
    Say(*run,
        "session down: Remote End ID '" + p.remoteEndId + "' (" +
            L2tpv3SessionDownReasonName(reason) + ")");
}

/**
 * \param run the run
 * \param id the local Control Connection ID
 * \param from the old state
 * \param to the new state
 */
void
ConnectionState(Run* run, uint32_t id, L2tpv3ConnectionState from, L2tpv3ConnectionState to)
{
    Say(*run,
        "control connection " + std::to_string(id) + ": " + L2tpv3ConnectionStateName(from) +
            " -> " + L2tpv3ConnectionStateName(to));
}

/**
 * \brief Parse an unsigned option that may be left empty (the profile's value then).
 * \param name the option
 * \param text its text
 * \param max the largest value
 * \return the value
 */
uint32_t
ParseUnsigned(const std::string& name, const std::string& text, uint32_t max)
{
    char* end = nullptr;
    unsigned long v = std::strtoul(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || text[0] == '-' || v > max)
    {
        throw BadOption(name, text, "must be a number from 0 to " + std::to_string(max));
    }
    return static_cast<uint32_t>(v);
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string device = "wan-a";
    std::string local;
    std::string peer;
    bool ipv6 = false;
    std::string role = "initiate";
    std::string side = "a";
    std::string endId = "1234";
    std::string profile = "rfc";
    std::string encap;
    std::string cookieLen;
    std::string secret;
    std::string hello;
    uint32_t localPort = 1701;
    uint32_t peerPort = 1701;
    std::string target;
    uint32_t pings = 5;
    double interval = 1.0;
    double duration = 0;
    double stopWait = 70;
    bool pcap = false;

    CommandLine cmd(__FILE__);
    cmd.Usage("NetBSD_A with its LCCE (L2TPv3 control plane), simulated in real time, its WAN "
              "port on a real interface, against a live L2TPv3 peer. SIGINT/SIGTERM: StopCCN, "
              "wait for its acknowledgement, exit 0. Needs root (utils/emu-peer lcce).");
    cmd.AddValue("device",
                 "Linux interface of wm0 (a veth end; utils/emu-peer makes wan-a)",
                 device);
    cmd.AddValue("local",
                 "Our WAN address (192.168.0.1, 2001:db8::1 with --ipv6; side b: .2)",
                 local);
    cmd.AddValue("peer", "The live peer's address (192.168.0.2, 2001:db8::2; side b: .1)", peer);
    cmd.AddValue("ipv6", "IPv6 underlay (control and data)", ipv6);
    cmd.AddValue("role",
                 "initiate (we send SCCRQ and ICRQ) or answer (we answer the peer's)",
                 role);
    cmd.AddValue("side",
                 "a: NetBSD_A with Host_X 10.0.0.1; b: NetBSD_B with Host_Y 10.0.0.2 (the "
                 "second simulated LCCE)",
                 side);
    cmd.AddValue("end-id", "Remote End ID of the pseudowire (freeRtr's vcid)", endId);
    cmd.AddValue("profile", "Control-plane defaults: rfc, cisco-ios or freertr", profile);
    cmd.AddValue("encap", "Encapsulation: ip or udp (default: the profile's)", encap);
    cmd.AddValue("cookie-len", "Cookie length 0, 4 or 8 (default: the profile's)", cookieLen);
    cmd.AddValue("secret",
                 "Shared secret: RFC 3931 Message Digest and Nonce (default: none)",
                 secret);
    cmd.AddValue("hello", "HELLO interval in seconds, 0: none (default: the profile's)", hello);
    cmd.AddValue("local-port", "Our UDP port (udp encapsulation)", localPort);
    cmd.AddValue("peer-port", "The UDP port we send SCCRQ to (udp encapsulation)", peerPort);
    cmd.AddValue("target",
                 "IPv4 address the simulated host pings (side a: 10.0.0.2; b: 10.0.0.1)",
                 target);
    cmd.AddValue("pings", "Echo requests, from 1 s after the session is up (0: none)", pings);
    cmd.AddValue("interval", "Seconds between echo requests", interval);
    cmd.AddValue("time", "Close (StopCCN) after this many seconds; 0: at SIGINT/SIGTERM", duration);
    cmd.AddValue("stop-wait",
                 "Longest wait in seconds for the StopCCNs' acknowledgements (another "
                 "SIGINT/SIGTERM ends the wait at once)",
                 stopWait);
    cmd.AddValue("pcap", "Write l2tp-emu-lcce-<node>-<device>.pcap files", pcap);
    cmd.Parse(argc, argv);

    try
    {
        if (role != "initiate" && role != "answer")
        {
            throw BadOption("role", role, "must be initiate or answer");
        }
        if (side != "a" && side != "b")
        {
            throw BadOption("side", side, "must be a or b");
        }
        bool a = side == "a";
        if (local.empty())
        {
            local =
                ipv6 ? (a ? "2001:db8::1" : "2001:db8::2") : (a ? "192.168.0.1" : "192.168.0.2");
        }
        if (peer.empty())
        {
            peer = ipv6 ? (a ? "2001:db8::2" : "2001:db8::1") : (a ? "192.168.0.2" : "192.168.0.1");
        }
        if (target.empty())
        {
            target = a ? "10.0.0.2" : "10.0.0.1";
        }
        Address localAddress = L2tpv3ParseAddressOption("local", local, ipv6);
        Address peerAddress = L2tpv3ParseAddressOption("peer", peer, ipv6);
        Ipv4Address targetAddress =
            Ipv4Address::ConvertFrom(L2tpv3ParseAddressOption("target", target, false));
        if (endId.empty())
        {
            throw BadOption("end-id", endId, "must not be empty");
        }
        L2tpv3LcceProfile lcceProfile = L2tpv3ParseLcceProfile(profile);
        if (!encap.empty())
        {
            L2tpv3ParseEncapsulation(encap, "encap", L2tpv3NameWording::OPTION);
        }
        if (!cookieLen.empty())
        {
            uint32_t n = ParseUnsigned("cookie-len", cookieLen, 8);
            L2tpv3Cookie::CheckLength(n, "cookie-len");
        }
        if (!hello.empty())
        {
            ParseUnsigned("hello", hello, 86400);
        }
        for (auto [name, port] :
             {std::make_pair("local-port", localPort), std::make_pair("peer-port", peerPort)})
        {
            if (port == 0 || port > 65535)
            {
                throw BadOption(name, std::to_string(port), "must be 1 to 65535");
            }
        }
        if (interval <= 0)
        {
            throw BadOption("interval", std::to_string(interval), "must be positive");
        }
        if (duration < 0)
        {
            throw BadOption("time", std::to_string(duration), "must be 0 or positive");
        }
        if (stopWait <= 0)
        {
            throw BadOption("stop-wait", std::to_string(stopWait), "must be positive");
        }

        // Real time: wm0 exchanges frames with the kernel as they come. Checksums on: the
        // real peer drops packets whose checksums ns-3 would otherwise leave zero.
        GlobalValue::Bind("SimulatorImplementationType", StringValue("ns3::RealtimeSimulatorImpl"));
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));

        Run run;
        run.routerName = a ? "NetBSD_A" : "NetBSD_B";
        run.hostName = a ? "Host_X" : "Host_Y";
        run.target = targetAddress;
        run.pings = pings;
        run.interval = Seconds(interval);
        run.stopWait = Seconds(stopWait);

        NodeContainer nodes;
        nodes.Create(2);
        Ptr<Node> router = nodes.Get(0);
        run.host = nodes.Get(1);
        Names::Add(run.routerName, router);
        Names::Add(run.hostName, run.host);

        // Fixed MAC addresses per side: two copies of this program on one veth would
        // otherwise allocate the same ones (locally administered, 02:...:0a or 0b:NN).
        std::string mac = a ? "02:00:00:00:0a:" : "02:00:00:00:0b:";

        // wm0: the emulation device on the veth end (a packet socket, promiscuous).
        L2tpv3EmuHelper emu(L2tpv3EmuHelper::PACKET_SOCKET);
        emu.SetDeviceName(device);
        emu.SetMacAddress(mac + "01");
        NetDeviceContainer wan = emu.Install(router);
        Names::Add(run.routerName + "/wm0", wan.Get(0));

        // wm1: the router's LAN port, with the host on the segment.
        CsmaHelper lan;
        lan.SetChannelAttribute("DataRate", StringValue("100Mbps"));
        lan.SetChannelAttribute("Delay", TimeValue(MicroSeconds(1)));
        NetDeviceContainer lanDevices = lan.Install(NodeContainer(run.host, router));
        lanDevices.Get(0)->SetAddress(Mac48Address((mac + "03").c_str()));
        lanDevices.Get(1)->SetAddress(Mac48Address((mac + "02").c_str()));
        Names::Add(run.hostName + "/wm0", lanDevices.Get(0));
        Names::Add(run.routerName + "/wm1", lanDevices.Get(1));

        InternetStackHelper stack;
        stack.Install(nodes);
        router->GetObject<Icmpv6L4Protocol>()->SetAttribute("DAD", BooleanValue(false));
        L2tpv3AddInterfaceAddress(wan.Get(0), localAddress, ipv6 ? 64 : 24);

        // bridge0: the LAN port now; the LCCE adds the pseudowire device to it.
        BridgeHelper bridge;
        NetDeviceContainer bridge0 = bridge.Install(router, NetDeviceContainer(lanDevices.Get(1)));
        Names::Add(run.routerName + "/bridge0", bridge0.Get(0));

        Ipv4AddressHelper inner;
        inner.SetBase("10.0.0.0", "255.255.255.0", a ? "0.0.0.1" : "0.0.0.2");
        Ipv4InterfaceContainer hostAddress = inner.Assign(NetDeviceContainer(lanDevices.Get(0)));

        // The control plane: the profile first, then the options given on top of it.
        L2tpv3LcceHelper lcceHelper;
        lcceHelper.SetProfile(lcceProfile);
        if (!encap.empty())
        {
            lcceHelper.SetAttribute("Encapsulation", StringValue(encap));
        }
        if (!cookieLen.empty())
        {
            lcceHelper.SetAttribute("CookieLength", UintegerValue(std::stoul(cookieLen)));
        }
        if (!hello.empty())
        {
            lcceHelper.SetAttribute("HelloInterval", TimeValue(Seconds(std::stoul(hello))));
        }
        if (ipv6)
        {
            // RFC 8200 §8.1: UDP over IPv6 carries a checksum; a zero one is dropped
            // (RFC 6935 allows it only where configured), by Linux and by our own LCCE.
            lcceHelper.SetAttribute("UdpChecksum", BooleanValue(true));
        }
        lcceHelper.SetAttribute("Secret", StringValue(secret));
        lcceHelper.SetAttribute("HostName", StringValue(run.routerName));
        lcceHelper.SetAttribute("RouterId", UintegerValue(RouterIdOf(localAddress)));
        lcceHelper.SetAttribute("UdpPort", UintegerValue(localPort));
        lcceHelper.SetAttribute("PeerUdpPort", UintegerValue(peerPort));
        run.lcce = lcceHelper.Install(router);
        // Different streams per side: two copies of this program would otherwise draw the
        // same Control Connection IDs, Session IDs and tie breakers.
        run.lcce->AssignStreams(a ? 100 : 200);
        if (role == "initiate")
        {
            uint32_t index = run.lcce->AddPeer(localAddress, peerAddress);
            run.lcce->AddPseudowire(index, endId, bridge0.Get(0));
        }
        else
        {
            run.lcce->OfferPseudowire(endId, bridge0.Get(0));
        }
        Names::Add(run.routerName + "/l2tp0", run.lcce->GetDevice(endId));

        run.lcce->TraceConnectWithoutContext("SessionUp", MakeBoundCallback(&SessionUp, &run));
        run.lcce->TraceConnectWithoutContext("SessionDown", MakeBoundCallback(&SessionDown, &run));
        run.lcce->TraceConnectWithoutContext("ConnectionState",
                                             MakeBoundCallback(&ConnectionState, &run));

        if (pcap)
        {
            emu.EnablePcap("l2tp-emu-lcce", wan, true);
            lan.EnablePcap("l2tp-emu-lcce", lanDevices.Get(0), true);
        }

        // Signals: the handler sets a flag; PollSignal, a simulator event, reads it.
        struct sigaction action;
        std::memset(&action, 0, sizeof(action));
        action.sa_handler = &OnSignal;
        action.sa_flags = SA_RESTART; // the reader thread's reads are not cut short
        sigemptyset(&action.sa_mask);
        sigaction(SIGINT, &action, nullptr);
        sigaction(SIGTERM, &action, nullptr);
        Simulator::Schedule(POLL, &PollSignal, &run);
        if (duration > 0)
        {
            Simulator::Schedule(Seconds(duration), [&run]() {
                BeginClose(&run, "--time");
            });
        }

        std::cout << "l2tp emu lcce: " << run.routerName << " " << local << " (simulated, wm0 on "
                  << device << "), role " << role << ", live peer " << peer << ", Remote End ID '"
                  << endId << "', profile " << profile << ", encap "
                  << (encap.empty() ? "(profile)" : encap) << ", " << run.hostName << " "
                  << hostAddress.GetAddress(0) << " pings " << target << ": running"
                  << std::endl; // set-up scripts wait for this line
        Simulator::Run();

        L2tpv3LcceCounters c = run.lcce->GetCounters();
        uint32_t sent = run.pinger ? run.pinger->GetSent() : 0;
        uint32_t answered = run.pinger ? run.pinger->GetAnswered() : 0;
        std::cout << "summary " << run.routerName << " (" << role << "):\n";
        std::cout << "  connections established: " << c.connectionsEstablished << "\n";
        std::cout << "  sessions up: " << c.sessionsUp << " (" << run.sessionsUpNow
                  << " up when closing)\n";
        std::cout << "  ping " << run.hostName << " -> " << target << ": " << answered << "/"
                  << sent << " answered";
        if (run.pinger)
        {
            L2tpv3Pinger::RttSummary rtt = run.pinger->GetRttSummary();
            std::cout << " (" << run.pinger->GetReplyPattern() << "), rtt min/avg/max "
                      << std::setprecision(2) << rtt.minMs << "/" << rtt.avgMs << "/" << rtt.maxMs
                      << " ms";
        }
        std::cout << "\n";
        std::cout << "  closed by " << (run.closing ? run.why : "nothing") << ": StopCCN on "
                  << run.closed << ", acknowledged " << run.acknowledged << ", unacknowledged "
                  << run.unacknowledged << "\n";
        // The data plane: the pseudowire device's frames and every drop, by reason (the
        // device's and the node's: packets for no session are the node's).
        Ptr<L2tpv3NetDevice> l2tp0 = run.lcce->GetDevice(endId);
        const L2tpv3Counters& dc = l2tp0->GetCounters();
        Ptr<L2tpv3L4Protocol> l4 = router->GetObject<L2tpv3L4Protocol>();
        std::cout << "  l2tp0: " << dc.txPackets << " frames encapsulated, " << dc.rxPackets
                  << " decapsulated; drops:";
        bool any = false;
        for (std::size_t i = 0; i < dc.drops.size(); ++i)
        {
            uint64_t n = dc.drops[i] + (l4 ? l4->GetCounters().drops[i] : 0);
            if (n)
            {
                std::cout << " " << static_cast<L2tpv3DropReason>(i) << "=" << n;
                any = true;
            }
        }
        std::cout << (any ? "" : " none") << "\n";
        std::cout << "  LCCE counters:\n";
        std::istringstream lines([&c]() {
            std::ostringstream os;
            os << c;
            return os.str();
        }());
        for (std::string line; std::getline(lines, line);)
        {
            std::cout << "    " << line << "\n";
        }
        std::cout << std::flush;
        Simulator::Destroy();
    }
    catch (const std::exception& e)
    {
        std::cerr << "l2tp-emu-lcce-example: " << e.what() << std::endl;
        return 1;
    }
    return 0;
}
