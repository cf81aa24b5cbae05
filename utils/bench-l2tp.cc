/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup l2tp
 * \brief Benchmark: frames per wall second through the two-site topology.
 *
 * \verbatim
   Host_X --wm1-- NetBSD_A --(tunnel)-- NetBSD_B --wm1-- Host_Y
                  bridge0 = wm1 + tunnel port(s)
 \endverbatim
 *
 * Host_X sends --frames UDP datagrams to Host_Y, each an Ethernet frame of
 * --frameSize bytes on the LAN (header included, FCS not), paced at a fixed
 * interval that every link carries without queueing, so that nothing is
 * dropped and every mode simulates the same frames over the same simulated
 * time. What joins the two routers is the --mode:
 *
 *  - wire: a plain CSMA link bridged with each LAN port (the floor: the same
 *    frames, no encapsulation, no IP on the routers' path);
 *  - vnd:  a VirtualNetDevice on each router, bridged with the LAN port, whose
 *    send callback puts the frame's Ethernet header on and sends it over a UDP
 *    socket to the peer, whose socket callback takes it off and calls
 *    VirtualNetDevice::Receive (ns-3's virtual-net-device example, made
 *    Ethernet so that it can be a bridge port);
 *  - l2tp: L2tpv3NetDevice pseudowires (--encap, --cookieLen, --sublayer, --seq).
 *
 * With --sessions=N (l2tp only) the routers share N pseudowires. N bridge
 * ports on both routers would form a loop, so each router joins its LAN port
 * to the N pseudowires with a small attachment-circuit multiplexer instead of
 * a bridge (--forward=mux): frames from the LAN leave round-robin over the N
 * sessions, frames from any session leave on the LAN. The multiplexer is
 * the pseudowires' promiscuous receive callback, so that the node's
 * protocol-handler list (scanned for every received frame) does not grow
 * with N: what is measured is the pseudowires' per-frame cost, not ns-3's
 * handler scan. --forward=mux also works for wire and vnd and for one session.
 *
 * The routers' WAN ports get what IPv4 address assignment installs (an
 * FqCoDel root queue disc), as in L2tpv3BridgeScenario; --wanQdisc=none
 * removes it, to show what traffic control costs (packets still cross the
 * traffic-control layer).
 *
 * One line is printed per run (key=value): the mode and its options, frames
 * delivered, wall seconds of the frame phase, frames per wall second,
 * simulator events of the frame phase (Simulator::GetEventCount) and events per
 * wall second of it (the simulator's throughput, whatever a frame costs in
 * events), peak resident memory, and the setup
 * time and memory of the tunnel (per session: both ends of one pseudowire).
 * The exit status is 2 when a frame was lost or a pseudowire counted a drop.
 *
 * --mode=control is another benchmark: sessions brought up by the control plane
 * (L2tpv3Lcce), between two LCCEs or between a hub and its spokes, with wall time,
 * simulated time, events and memory per connection and per session; its topology,
 * options and output are described in bench-l2tp-control.h.
 */

#include "bench-l2tp-control.h"
#include "bench-measure.h"

#include "ns3/bridge-module.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-module.h"
#include "ns3/l2tp-module.h"
#include "ns3/network-module.h"
#include "ns3/traffic-control-module.h"
#include "ns3/virtual-net-device.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <malloc.h>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/resource.h>
#include <unistd.h>
#include <vector>

using namespace ns3;

namespace
{

/// UDP port of Host_Y's sink.
constexpr uint16_t SINK_PORT = 5000;
/// UDP port of the vnd tunnel (ns-3's virtual-net-device example uses 667).
constexpr uint16_t VND_PORT = 667;
/// Ethernet header without preamble and FCS.
constexpr uint32_t ETHERNET_HEADER = 14;

using l2tpbench::Clock;
using l2tpbench::CurrentRss;
using l2tpbench::HeapInUse;
using l2tpbench::PeakRssKib;
using l2tpbench::SecondsSince;

/**
 * \brief A bijective 32-bit mixer (MurmurHash3's finalizer), so that Session IDs
 * look like the random ones a control plane allocates; nonzero in, nonzero out.
 * \param x the input
 * \return the mixed value
 */
uint32_t
Mix32(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x85ebca6bU;
    x ^= x >> 13;
    x *= 0xc2b2ae35U;
    x ^= x >> 16;
    return x;
}

/**
 * \brief Sends a warm-up datagram (ARP on both LANs and the WAN), then
 * `count` datagrams at a fixed interval.
 */
class FrameSource : public Application
{
  public:
    /**
     * \param destination Host_Y's address
     * \param payload UDP payload bytes
     * \param warmup when to send the warm-up datagram
     * \param start when to send the first measured datagram
     * \param interval time between measured datagrams
     * \param count measured datagrams
     */
    void Configure(Ipv4Address destination,
                   uint32_t payload,
                   Time warmup,
                   Time start,
                   Time interval,
                   uint64_t count)
    {
        m_destination = destination;
        m_payload = payload;
        m_warmup = warmup;
        m_start = start;
        m_interval = interval;
        m_count = count;
    }

  private:
    void StartApplication() override
    {
        m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
        m_socket->Bind();
        m_socket->Connect(InetSocketAddress(m_destination, SINK_PORT));
        Simulator::Schedule(m_warmup - Simulator::Now(), &FrameSource::SendWarmup, this);
        if (m_count > 0)
        {
            m_next = Simulator::Schedule(m_start - Simulator::Now(), &FrameSource::SendFrame, this);
        }
    }

    void StopApplication() override
    {
        m_next.Cancel();
        if (m_socket)
        {
            m_socket->Close();
            m_socket = nullptr;
        }
    }

    void SendWarmup()
    {
        m_socket->Send(Create<Packet>(m_payload));
    }

    void SendFrame()
    {
        m_socket->Send(Create<Packet>(m_payload));
        if (++m_sent < m_count)
        {
            m_next = Simulator::Schedule(m_interval, &FrameSource::SendFrame, this);
        }
    }

    Ptr<Socket> m_socket;      //!< UDP socket
    Ipv4Address m_destination; //!< Host_Y
    uint32_t m_payload{0};     //!< UDP payload bytes
    Time m_warmup;             //!< warm-up send time
    Time m_start;              //!< first measured send
    Time m_interval;           //!< pacing
    uint64_t m_count{0};       //!< measured datagrams
    uint64_t m_sent{0};        //!< measured datagrams sent
    EventId m_next;            //!< next send
};

/// Counts the datagrams Host_Y receives.
class FrameSink
{
  public:
    /** \param node Host_Y */
    void Install(Ptr<Node> node)
    {
        m_socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), SINK_PORT));
        m_socket->SetRecvCallback(MakeCallback(&FrameSink::Receive, this));
    }

    /** \return datagrams received */
    uint64_t GetReceived() const
    {
        return m_received;
    }

  private:
    void Receive(Ptr<Socket> socket)
    {
        while (socket->Recv())
        {
            ++m_received;
        }
    }

    Ptr<Socket> m_socket;   //!< UDP socket
    uint64_t m_received{0}; //!< datagrams received
};

/**
 * \brief One end of the vnd tunnel: a VirtualNetDevice whose frames travel in
 * UDP datagrams between the routers' WAN addresses, as in ns-3's
 * virtual-net-device example (send callback: Socket::SendTo; socket receive
 * callback: VirtualNetDevice::Receive). The frame's Ethernet header rides
 * along so that the device can be a bridge port.
 */
class VndTunnelEnd
{
  public:
    /**
     * \param node the router
     * \param local its WAN address
     * \param peer the other router's WAN address
     * \param mtu the device MTU
     * \return the device, already added to \p node
     */
    Ptr<VirtualNetDevice> Install(Ptr<Node> node, Ipv4Address local, Ipv4Address peer, uint16_t mtu)
    {
        m_peer = peer;
        m_socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        m_socket->Bind(InetSocketAddress(local, VND_PORT));
        m_socket->SetRecvCallback(MakeCallback(&VndTunnelEnd::SocketReceive, this));
        m_device = CreateObject<VirtualNetDevice>();
        m_device->SetAddress(Mac48Address::Allocate());
        m_device->SetMtu(mtu);
        m_device->SetSendCallback(MakeCallback(&VndTunnelEnd::DeviceSend, this));
        node->AddDevice(m_device);
        return m_device;
    }

  private:
    bool DeviceSend(Ptr<Packet> packet,
                    const Address& source,
                    const Address& dest,
                    uint16_t protocol)
    {
        EthernetHeader ethernet(false);
        ethernet.SetSource(Mac48Address::ConvertFrom(source));
        ethernet.SetDestination(Mac48Address::ConvertFrom(dest));
        ethernet.SetLengthType(protocol);
        packet->AddHeader(ethernet);
        m_socket->SendTo(packet, 0, InetSocketAddress(m_peer, VND_PORT));
        return true;
    }

    void SocketReceive(Ptr<Socket> socket)
    {
        while (Ptr<Packet> packet = socket->Recv())
        {
            EthernetHeader ethernet(false);
            packet->RemoveHeader(ethernet);
            Mac48Address destination = ethernet.GetDestination();
            NetDevice::PacketType type = NetDevice::PACKET_OTHERHOST;
            if (destination.IsBroadcast())
            {
                type = NetDevice::PACKET_BROADCAST;
            }
            else if (destination.IsGroup())
            {
                type = NetDevice::PACKET_MULTICAST;
            }
            else if (destination == Mac48Address::ConvertFrom(m_device->GetAddress()))
            {
                type = NetDevice::PACKET_HOST;
            }
            m_device->Receive(packet,
                              ethernet.GetLengthType(),
                              ethernet.GetSource(),
                              destination,
                              type);
        }
    }

    Ptr<VirtualNetDevice> m_device; //!< the tunnel device
    Ptr<Socket> m_socket;           //!< UDP socket on the WAN address
    Ipv4Address m_peer;             //!< the other router
};

/**
 * \brief Joins a router's LAN port to its tunnel ports without a bridge:
 * LAN frames leave round-robin over the tunnel ports, tunnel frames leave on
 * the LAN (an attachment-circuit multiplexer; no learning, no loop).
 */
class AttachmentMux
{
  public:
    /**
     * \param node the router
     * \param lanPort its LAN port
     * \param tunnels its tunnel ports
     */
    void Install(Ptr<Node> node, Ptr<NetDevice> lanPort, const std::vector<Ptr<NetDevice>>& tunnels)
    {
        m_lanPort = lanPort;
        m_tunnels = tunnels;
        // The LAN port as a bridge port is: one promiscuous protocol handler.
        node->RegisterProtocolHandler(MakeCallback(&AttachmentMux::FromLan, this),
                                      0,
                                      lanPort,
                                      true);
        // The tunnel ports call the multiplexer directly: N handlers would make
        // every frame the node receives scan N entries (Node::ReceiveFromDevice).
        for (const auto& tunnel : m_tunnels)
        {
            tunnel->SetPromiscReceiveCallback(MakeCallback(&AttachmentMux::FromTunnel, this));
        }
    }

  private:
    void FromLan(Ptr<NetDevice> device,
                 Ptr<const Packet> packet,
                 uint16_t protocol,
                 const Address& source,
                 const Address& destination,
                 NetDevice::PacketType type)
    {
        Ptr<NetDevice> tunnel = m_tunnels[m_next];
        if (++m_next == m_tunnels.size())
        {
            m_next = 0;
        }
        tunnel->SendFrom(packet->Copy(), source, destination, protocol);
    }

    bool FromTunnel(Ptr<NetDevice> device,
                    Ptr<const Packet> packet,
                    uint16_t protocol,
                    const Address& source,
                    const Address& destination,
                    NetDevice::PacketType type)
    {
        m_lanPort->SendFrom(packet->Copy(), source, destination, protocol);
        return true;
    }

    Ptr<NetDevice> m_lanPort;              //!< the LAN port
    std::vector<Ptr<NetDevice>> m_tunnels; //!< the tunnel ports
    std::size_t m_next{0};                 //!< next tunnel port for a LAN frame
};

/**
 * \brief Print a bad option and exit 1.
 * \param name the option
 * \param value its value
 * \param why what is wrong
 */
[[noreturn]] void
BadOption(const std::string& name, const std::string& value, const std::string& why)
{
    std::cerr << name << "=" << value << ": " << why << std::endl;
    std::exit(1);
}

} // namespace

int
main(int argc, char* argv[])
{
    // The control plane has a topology and options of its own (bench-l2tp-control.h).
    for (int i = 1; i < argc; ++i)
    {
        if (std::string(argv[i]) == "--mode=control")
        {
            return l2tpbench::ControlMain(argc, argv);
        }
    }
    std::string mode = "l2tp";
    std::string encap = "ip";
    uint32_t cookieLen = 0;
    std::string sublayer = "none";
    bool seq = false;
    uint64_t frames = 100000;
    uint32_t frameSize = 1000;
    uint32_t sessions = 1;
    std::string forward = "auto";
    std::string rate = "10Gbps";
    double delayNs = 10;
    uint32_t wanMtu = 1500;
    std::string wanQdisc = "default";
    bool verbose = false;

    CommandLine cmd(__FILE__);
    cmd.Usage("Frames per wall second through the two-site topology (see the file's comment).");
    cmd.AddValue("mode",
                 "what joins the routers: wire, vnd or l2tp; or control, the control plane "
                 "(--mode=control --help lists its options)",
                 mode);
    cmd.AddValue("encap", "l2tp: ip (protocol 115) or udp (port 1701)", encap);
    cmd.AddValue("cookieLen", "l2tp: cookie length, 0, 4 or 8", cookieLen);
    cmd.AddValue("sublayer", "l2tp: none or default (RFC 3931 §4.6)", sublayer);
    cmd.AddValue("seq", "l2tp: send and require sequence numbers (needs --sublayer=default)", seq);
    cmd.AddValue("frames", "frames Host_X sends to Host_Y", frames);
    cmd.AddValue("frameSize",
                 "Ethernet frame size on the LANs, header included, FCS not",
                 frameSize);
    cmd.AddValue("sessions",
                 "l2tp: pseudowires between the routers, traffic round-robin",
                 sessions);
    cmd.AddValue("forward",
                 "LAN port to tunnel: bridge, mux, or auto (bridge for one tunnel port)",
                 forward);
    cmd.AddValue("rate", "data rate of every link", rate);
    cmd.AddValue("delayNs", "propagation delay of every link, ns", delayNs);
    cmd.AddValue("wanMtu", "MTU of the routers' WAN ports", wanMtu);
    cmd.AddValue("wanQdisc",
                 "root queue disc of the routers' WAN ports (vnd, l2tp): default (what address "
                 "assignment installs, FqCoDel) or none (the traffic-control layer hands packets "
                 "straight to the device)",
                 wanQdisc);
    cmd.AddValue("verbose", "print counters to stderr", verbose);
    cmd.Parse(argc, argv);

    if (mode != "wire" && mode != "vnd" && mode != "l2tp")
    {
        BadOption("mode", mode, "must be wire, vnd, l2tp or control (written --mode=control)");
    }
    // ip/udp and none/default through the module's name tables (l2tpv3-names.h), whose
    // option wording is this program's: "encap=gre: must be ip or udp".
    auto parse = [](auto parser, const std::string& name, const std::string& value) {
        try
        {
            return parser(value, name, L2tpv3NameWording::OPTION);
        }
        catch (const std::invalid_argument& e)
        {
            std::cerr << e.what() << std::endl;
            std::exit(1);
        }
    };
    const L2tpv3Encapsulation encapsulation = parse(&L2tpv3ParseEncapsulation, "encap", encap);
    if (cookieLen != 0 && cookieLen != 4 && cookieLen != 8)
    {
        BadOption("cookieLen", std::to_string(cookieLen), "must be 0, 4 or 8");
    }
    const L2tpv3Sublayer l2Sublayer = parse(&L2tpv3ParseSublayer, "sublayer", sublayer);
    if (seq && l2Sublayer != L2tpv3Sublayer::DEFAULT)
    {
        BadOption("sublayer", sublayer, "--seq needs --sublayer=default (RFC 3931 §4.6)");
    }
    const uint32_t udpHeaders = ETHERNET_HEADER + 20 + 8;
    if (frameSize < 64 || frameSize > 65535 - 100)
    {
        BadOption("frameSize", std::to_string(frameSize), "must be between 64 and 65435");
    }
    if (sessions < 1)
    {
        BadOption("sessions", std::to_string(sessions), "must be at least 1");
    }
    if (sessions > 1 && mode != "l2tp")
    {
        BadOption("sessions", std::to_string(sessions), "only --mode=l2tp has sessions");
    }
    if (forward == "auto")
    {
        forward = sessions == 1 ? "bridge" : "mux";
    }
    if (forward != "bridge" && forward != "mux")
    {
        BadOption("forward", forward, "must be bridge, mux or auto");
    }
    if (forward == "bridge" && sessions > 1)
    {
        BadOption("forward",
                  forward,
                  "N pseudowires bridged on both routers form a loop; use --forward=mux");
    }
    if (wanMtu < 576 || wanMtu > 65535)
    {
        BadOption("wanMtu", std::to_string(wanMtu), "must be between 576 and 65535");
    }
    if (wanQdisc != "default" && wanQdisc != "none")
    {
        BadOption("wanQdisc", wanQdisc, "must be default or none");
    }
    if (!(delayNs >= 0))
    {
        BadOption("delayNs", std::to_string(delayNs), "must not be negative");
    }
    DataRate linkRate;
    {
        DataRateValue parsed;
        if (!parsed.DeserializeFromString(rate, MakeDataRateChecker()))
        {
            BadOption("rate", rate, "not a data rate (e.g. 10Gbps)");
        }
        linkRate = parsed.Get();
    }

    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    Mac48Address::ResetAllocationIndex();
    const uint16_t lanMtu = uint16_t(std::max<uint32_t>(1500, frameSize - ETHERNET_HEADER));

    // Pacing: every link carries a frame before the next, in every mode. Worst case on
    // the WAN: the frame plus CSMA header and FCS, IPv4, UDP and the largest L2TPv3
    // header, fragmented into ceil(size/MTU) packets each with its own headers.
    const uint32_t outer = frameSize + 20 + 8 + 4 + 4 + 8 + 4;
    const uint32_t packets = (outer + wanMtu - 1) / wanMtu;
    const uint32_t wireBytes = outer + packets * (ETHERNET_HEADER + 4 + 20 + 8);
    const Time delay = NanoSeconds(uint64_t(delayNs));
    const Time interval =
        NanoSeconds(uint64_t(std::ceil(wireBytes * 8.0 * 1e9 / linkRate.GetBitRate() * 1.1))) +
        delay;
    const Time warmupAt = MilliSeconds(10);
    const Time measureAt = MilliSeconds(100);
    const Time startAt = measureAt + MicroSeconds(1);

    // ---- Topology -------------------------------------------------------------
    NodeContainer nodes;
    nodes.Create(4);
    Ptr<Node> routerA = nodes.Get(0);
    Ptr<Node> routerB = nodes.Get(1);
    Ptr<Node> hostX = nodes.Get(2);
    Ptr<Node> hostY = nodes.Get(3);

    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", DataRateValue(linkRate));
    csma.SetChannelAttribute("Delay", TimeValue(delay));
    csma.SetDeviceAttribute("Mtu", UintegerValue(lanMtu));
    NetDeviceContainer lanA = csma.Install(NodeContainer(hostX, routerA));
    NetDeviceContainer lanB = csma.Install(NodeContainer(hostY, routerB));
    csma.SetDeviceAttribute("Mtu", UintegerValue(mode == "wire" ? lanMtu : wanMtu));
    NetDeviceContainer wan = csma.Install(NodeContainer(routerA, routerB));

    InternetStackHelper stack;
    stack.Install(nodes);
    int64_t stream = 1;
    stream += csma.AssignStreams(lanA, stream);
    stream += csma.AssignStreams(lanB, stream);
    stream += csma.AssignStreams(wan, stream);
    stack.AssignStreams(nodes, stream);

    Ipv4Address wanA("192.168.0.1");
    Ipv4Address wanB("192.168.0.2");
    if (mode != "wire")
    {
        Ipv4AddressHelper address("192.168.0.0", "255.255.255.0");
        address.Assign(wan);
        if (wanQdisc == "none")
        {
            TrafficControlHelper().Uninstall(wan);
        }
    }

    // ---- The tunnel: setup time and memory measured here ----------------------
    std::vector<Ptr<NetDevice>> portsA;
    std::vector<Ptr<NetDevice>> portsB;
    std::vector<Ptr<L2tpv3NetDevice>> pseudowires;
    VndTunnelEnd vndA;
    VndTunnelEnd vndB;
    const uint64_t rssBefore = CurrentRss();
    const uint64_t heapBefore = HeapInUse();
    const Clock::time_point setupStart = Clock::now();
    if (mode == "wire")
    {
        portsA.push_back(wan.Get(0));
        portsB.push_back(wan.Get(1));
    }
    else if (mode == "vnd")
    {
        portsA.push_back(vndA.Install(routerA, wanA, wanB, lanMtu));
        portsB.push_back(vndB.Install(routerB, wanB, wanA, lanMtu));
    }
    else
    {
        L2tpv3Helper l2tp;
        l2tp.SetDeviceAttribute("Mtu", UintegerValue(lanMtu));
        l2tp.SetDeviceAttribute("Encapsulation",
                                StringValue(L2tpv3EncapsulationName(encapsulation)));
        l2tp.SetDeviceAttribute("L2SpecificSublayer", StringValue(L2tpv3SublayerName(l2Sublayer)));
        l2tp.SetDeviceAttribute("SendSequenceNumbers", BooleanValue(seq));
        l2tp.SetDeviceAttribute("RequireSequenceNumbers", BooleanValue(seq));
        pseudowires.reserve(2 * sessions);
        portsA.reserve(sessions);
        portsB.reserve(sessions);
        for (uint32_t i = 0; i < sessions; ++i)
        {
            l2tp.SetSessionIds(Mix32(2 * i + 1), Mix32(2 * i + 2));
            if (cookieLen > 0)
            {
                uint64_t limit = cookieLen == 4 ? 0xffffffffULL : ~0ULL;
                l2tp.SetCookies(L2tpv3Cookie(cookieLen, (Mix32(3 * i + 1) * 7919ULL) & limit),
                                L2tpv3Cookie(cookieLen, (Mix32(3 * i + 2) * 7919ULL) & limit));
            }
            NetDeviceContainer pair = l2tp.InstallPair(routerA, wanA, routerB, wanB);
            portsA.push_back(pair.Get(0));
            portsB.push_back(pair.Get(1));
            pseudowires.push_back(DynamicCast<L2tpv3NetDevice>(pair.Get(0)));
            pseudowires.push_back(DynamicCast<L2tpv3NetDevice>(pair.Get(1)));
        }
    }
    const double setupSeconds = SecondsSince(setupStart);
    const uint64_t rssAfter = CurrentRss();
    const uint64_t heapAfter = HeapInUse();
    const uint32_t tunnelUnits = mode == "l2tp" ? sessions : 1;
    const double setupRssPerSession =
        rssAfter > rssBefore ? double(rssAfter - rssBefore) / tunnelUnits : 0.0;
    const double setupHeapPerSession =
        heapAfter > heapBefore ? double(heapAfter - heapBefore) / tunnelUnits : 0.0;

    // ---- LAN port to tunnel port(s) -----------------------------------------------
    AttachmentMux muxA;
    AttachmentMux muxB;
    if (forward == "bridge")
    {
        BridgeHelper bridge;
        bridge.Install(routerA, NetDeviceContainer(lanA.Get(1), portsA.front()));
        bridge.Install(routerB, NetDeviceContainer(lanB.Get(1), portsB.front()));
    }
    else
    {
        muxA.Install(routerA, lanA.Get(1), portsA);
        muxB.Install(routerB, lanB.Get(1), portsB);
    }

    // Hosts: one IP subnet across both sites.
    Ipv4AddressHelper inner("10.0.0.0", "255.255.255.0");
    NetDeviceContainer hostDevices(lanA.Get(0), lanB.Get(0));
    Ipv4InterfaceContainer hostAddresses = inner.Assign(hostDevices);

    Ptr<FrameSource> source = CreateObject<FrameSource>();
    source->Configure(hostAddresses.GetAddress(1),
                      frameSize - udpHeaders,
                      warmupAt,
                      startAt,
                      interval,
                      frames);
    hostX->AddApplication(source);
    source->SetStartTime(Seconds(0));
    FrameSink sink;
    sink.Install(hostY);

    // ---- Run: warm-up (device initialization, ARP), then the measured frames ----
    Simulator::Stop(measureAt);
    Simulator::Run();
    const uint64_t warmupReceived = sink.GetReceived();
    const uint64_t eventsBefore = Simulator::GetEventCount();
    const Time end = startAt + interval * int64_t(frames) + MilliSeconds(1);
    Simulator::Stop(end - Simulator::Now());
    const Clock::time_point runStart = Clock::now();
    Simulator::Run();
    const double wallSeconds = SecondsSince(runStart);
    const uint64_t events = Simulator::GetEventCount() - eventsBefore;
    const uint64_t delivered = sink.GetReceived() - warmupReceived;

    L2tpv3Counters counters;
    for (const auto& pw : pseudowires)
    {
        counters += pw->GetCounters();
    }
    for (Ptr<Node> router : {routerA, routerB})
    {
        if (Ptr<L2tpv3L4Protocol> l4 = router->GetObject<L2tpv3L4Protocol>())
        {
            counters += l4->GetCounters();
        }
    }

    std::ostringstream line;
    line << std::fixed;
    line << "mode=" << mode;
    if (mode == "l2tp")
    {
        line << " encap=" << encap << " cookieLen=" << cookieLen << " sublayer=" << sublayer
             << " seq=" << (seq ? 1 : 0);
    }
    if (mode != "wire" && wanQdisc != "default")
    {
        line << " wanQdisc=" << wanQdisc;
    }
    line << " sessions=" << sessions << " forward=" << forward << " frameSize=" << frameSize
         << " frames=" << frames << " delivered=" << delivered << std::setprecision(4)
         << " wall_s=" << wallSeconds << std::setprecision(0)
         << " frames_per_wall_s=" << (wallSeconds > 0 ? delivered / wallSeconds : 0.0)
         << " events=" << events
         << " events_per_s=" << (wallSeconds > 0 ? double(events) / wallSeconds : 0.0)
         << std::setprecision(2)
         << " events_per_frame=" << (frames > 0 ? double(events) / frames : 0.0)
         << " peak_rss_kib=" << PeakRssKib() << std::setprecision(6) << " setup_s=" << setupSeconds
         << std::setprecision(0) << " session_rss_b=" << setupRssPerSession
         << " session_heap_b=" << setupHeapPerSession << " drops=" << counters.GetTotalDrops();
    std::cout << line.str() << std::endl;

    if (verbose)
    {
        std::cerr << "interval " << interval.GetNanoSeconds() << " ns, simulated "
                  << (end - measureAt).GetSeconds() << " s, warm-up frames " << warmupReceived
                  << "\n";
        if (mode == "l2tp")
        {
            std::cerr << "pseudowires and L4 protocols together: " << counters << "\n";
        }
    }

    Simulator::Destroy();
    if (delivered != frames || counters.GetTotalDrops() != 0)
    {
        std::cerr << "bench-l2tp: " << delivered << " of " << frames << " frames delivered, "
                  << counters.GetTotalDrops() << " drops counted" << std::endl;
        return 2;
    }
    return 0;
}
