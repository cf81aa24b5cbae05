/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// NetBSD_A of the l2tp(4) manual, simulated, against a live L2TPv3 peer.
//
//   simulated (this process, real time)          live (Linux network namespaces)
//   Host_X --wm1-- NetBSD_A --wm0 ======== veth ======== peer LCCE --tap-- Host_Y
//                  bridge0 = wm1 + l2tp0    (wm0 is an FdNetDevice on the veth end)
//
// NetBSD_A:
//   ifconfig wm0 inet 192.168.0.1/24
//   ifconfig l2tp0 create
//   ifconfig l2tp0 tunnel 192.168.0.1 192.168.0.2
//   ifconfig l2tp0 session 1234 4321
//   [ifconfig l2tp0 cookie 4 12345 4 54321]
//   ifconfig bridge0 create
//   brconfig bridge0 add wm1 add l2tp0 up
//
// The far end of the pseudowire is a real L2TPv3 implementation outside ns-3:
// QEMU's user-space `-netdev l2tpv3` (utils/emu-peer starts it, with a real
// Linux host behind its tap) or Linux's `ip l2tp` (doc/l2tp-user.rst, Emulation).
// The simulator runs in real time with checksums on; wm0 reads and writes the
// veth end named by --device through a packet socket, so the program needs
// root and the veth's network namespace:
//
//   utils/emu-peer run                      # set up, run this example, tear down
//   utils/emu-peer run --encap=udp --cookie-len=8 --ipv6
//
// Host_X pings Host_Y (the real host) and answers its pings; the program
// prints ping results, the frames through l2tp0 and every drop by reason.

#include "ns3/bridge-module.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/fd-net-device-module.h"
#include "ns3/icmpv4.h"
#include "ns3/internet-module.h"
#include "ns3/l2tp-module.h"
#include "ns3/l2tp-scenario-module.h"
#include "ns3/network-module.h"

#include <algorithm>
#include <chrono>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("L2tpEmuExample");

namespace
{

/** \brief ICMP echoes seen on Host_X's LAN port. */
struct EchoCount
{
    Ipv4Address hostX;       //!< Host_X
    Ipv4Address hostY;       //!< the real host
    uint32_t requestsIn{0};  //!< echo requests from Host_Y received
    uint32_t repliesOut{0};  //!< echo replies to Host_Y sent
    uint64_t framesIn{0};    //!< frames from the pseudowire side received
    uint64_t framesOut{0};   //!< frames sent towards the pseudowire
    Mac48Address hostXMac{}; //!< Host_X's MAC address
};

/**
 * \brief Count Host_X's ICMP echoes with the real host (a CsmaNetDevice sniffer: frames with
 * their Ethernet header, both directions).
 * \param count the counts
 * \param frame the frame
 */
void
SniffHostX(EchoCount* count, Ptr<const Packet> frame)
{
    Ptr<Packet> p = frame->Copy();
    EthernetHeader eth;
    if (p->RemoveHeader(eth) == 0)
    {
        return;
    }
    bool out = eth.GetSource() == count->hostXMac;
    ++(out ? count->framesOut : count->framesIn);
    Ipv4Header ip;
    Icmpv4Header icmp;
    if (eth.GetLengthType() != 0x0800 || p->RemoveHeader(ip) == 0 || ip.GetProtocol() != 1 ||
        p->GetSize() < 4)
    {
        return;
    }
    p->RemoveHeader(icmp);
    if (!out && ip.GetSource() == count->hostY && icmp.GetType() == Icmpv4Header::ICMPV4_ECHO)
    {
        ++count->requestsIn;
    }
    if (out && ip.GetDestination() == count->hostY &&
        icmp.GetType() == Icmpv4Header::ICMPV4_ECHO_REPLY)
    {
        ++count->repliesOut;
    }
}

/**
 * \param counter the frame counter
 * \param packet the frame (unused)
 */
void
CountFrame(uint64_t* counter, Ptr<const Packet> packet)
{
    ++*counter;
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
    return std::invalid_argument(name + "=" + value + ": " + why);
}

/**
 * \param length 0, 4 or 8
 * \param value the cookie value
 * \return "none" or "LEN VALUE"
 */
std::string
CookieText(uint32_t length, uint64_t value)
{
    return length == 0 ? "none" : std::to_string(length) + " " + std::to_string(value);
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string device = "wan-a";
    std::string local;
    std::string peer;
    bool ipv6 = false;
    std::string encap = "ip";
    uint32_t localPort = 1701;
    uint32_t peerPort = 1701;
    bool udpChecksum = true;
    uint32_t localSession = 1234;
    uint32_t remoteSession = 4321;
    uint32_t cookieLen = 0;
    uint64_t localCookie = 12345;
    uint64_t remoteCookie = 54321;
    std::string sublayer = "none";
    bool seq = false;
    std::string hostY = "10.0.0.2";
    uint32_t pings = 5;
    double interval = 1.0;
    double duration = 8.0;
    bool pcap = false;

    CommandLine cmd(__FILE__);
    cmd.AddValue("device",
                 "Linux interface of wm0 (a veth end; utils/emu-peer makes wan-a)",
                 device);
    cmd.AddValue("local",
                 "NetBSD_A's WAN address (192.168.0.1, or 2001:db8::1 with --ipv6)",
                 local);
    cmd.AddValue("peer", "The live peer's address (192.168.0.2, or 2001:db8::2 with --ipv6)", peer);
    cmd.AddValue("ipv6", "IPv6 underlay", ipv6);
    cmd.AddValue("encap", "Encapsulation: ip (protocol 115, l2tp(4)) or udp", encap);
    cmd.AddValue("localPort", "Our UDP port (udp encapsulation)", localPort);
    cmd.AddValue("peerPort", "The peer's UDP port (udp encapsulation)", peerPort);
    cmd.AddValue("udpChecksum", "Compute UDP checksums (IPv6 requires them)", udpChecksum);
    cmd.AddValue("localSession", "Session ID we receive on", localSession);
    cmd.AddValue("remoteSession", "Session ID the peer receives on (we send it)", remoteSession);
    cmd.AddValue("cookieLen", "Cookie length in bytes: 0, 4 or 8", cookieLen);
    cmd.AddValue("localCookie", "Cookie we expect on received packets", localCookie);
    cmd.AddValue("remoteCookie", "Cookie we send", remoteCookie);
    cmd.AddValue("sublayer", "L2-Specific Sublayer: none or default (RFC 3931 4.6)", sublayer);
    cmd.AddValue("seq", "Send sequence numbers (needs --sublayer=default)", seq);
    cmd.AddValue("hostY", "IPv4 address of the real host behind the peer", hostY);
    cmd.AddValue("pings", "Echo requests Host_X sends to Host_Y, from 1 s on", pings);
    cmd.AddValue("interval", "Seconds between Host_X's echo requests", interval);
    cmd.AddValue("pcap", "Write l2tp-emu-example-<node>-<device>.pcap files", pcap);
    cmd.AddValue("time", "Seconds to run (simulated = wall clock)", duration);
    cmd.Parse(argc, argv);

    try
    {
        if (local.empty())
        {
            local = ipv6 ? "2001:db8::1" : "192.168.0.1";
        }
        if (peer.empty())
        {
            peer = ipv6 ? "2001:db8::2" : "192.168.0.2";
        }
        Address localAddress = L2tpv3ParseAddressOption("local", local, ipv6);
        Address peerAddress = L2tpv3ParseAddressOption("peer", peer, ipv6);
        Ipv4Address hostYAddress =
            Ipv4Address::ConvertFrom(L2tpv3ParseAddressOption("hostY", hostY, false));
        L2tpv3ParseEncapsulation(encap, "encap", L2tpv3NameWording::OPTION);
        L2tpv3ParseSublayer(sublayer, "sublayer", L2tpv3NameWording::OPTION);
        if (seq && sublayer != "default")
        {
            throw BadOption("seq", "true", "needs --sublayer=default");
        }
        for (auto [name, port] :
             {std::make_pair("localPort", localPort), std::make_pair("peerPort", peerPort)})
        {
            if (port == 0 || port > 65535)
            {
                throw BadOption(name, std::to_string(port), "must be 1 to 65535");
            }
        }
        if (duration < 2 || interval <= 0)
        {
            throw BadOption(duration < 2 ? "time" : "interval",
                            std::to_string(duration < 2 ? duration : interval),
                            duration < 2 ? "must be at least 2 s" : "must be positive");
        }
        L2tpv3Cookie::CheckLength(cookieLen, "cookieLen");
        L2tpv3Cookie ourCookie = cookieLen ? L2tpv3Cookie(cookieLen, localCookie) : L2tpv3Cookie();
        L2tpv3Cookie theirCookie =
            cookieLen ? L2tpv3Cookie(cookieLen, remoteCookie) : L2tpv3Cookie();

        // Real time: wm0 exchanges frames with the kernel as they come. Checksums on:
        // the real peer drops packets whose checksums ns-3 would otherwise leave zero.
        GlobalValue::Bind("SimulatorImplementationType", StringValue("ns3::RealtimeSimulatorImpl"));
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));

        NodeContainer nodes;
        nodes.Create(2);
        Ptr<Node> routerA = nodes.Get(0);
        Ptr<Node> hostX = nodes.Get(1);
        Names::Add("NetBSD_A", routerA);
        Names::Add("Host_X", hostX);

        // wm0: the emulation device on the veth end (a packet socket, promiscuous).
        L2tpv3EmuHelper emu(L2tpv3EmuHelper::PACKET_SOCKET);
        emu.SetDeviceName(device);
        NetDeviceContainer wan = emu.Install(routerA);
        Names::Add("NetBSD_A/wm0", wan.Get(0));

        // wm1: NetBSD_A's LAN port, with Host_X on the segment.
        CsmaHelper lan;
        lan.SetChannelAttribute("DataRate", StringValue("100Mbps"));
        lan.SetChannelAttribute("Delay", TimeValue(MicroSeconds(1)));
        NetDeviceContainer lanDevices = lan.Install(NodeContainer(hostX, routerA));
        Names::Add("Host_X/wm0", lanDevices.Get(0));
        Names::Add("NetBSD_A/wm1", lanDevices.Get(1));

        InternetStackHelper stack;
        stack.Install(nodes);
        routerA->GetObject<Icmpv6L4Protocol>()->SetAttribute("DAD", BooleanValue(false));
        L2tpv3AddInterfaceAddress(wan.Get(0), localAddress, ipv6 ? 64 : 24);

        // l2tp0: session and cookies as l2tp(4) takes them; Linux's options by attribute.
        L2tpv3Helper l2tp;
        l2tp.SetDeviceAttribute("Encapsulation", StringValue(encap));
        l2tp.SetDeviceAttribute("UdpSourcePort", UintegerValue(localPort));
        l2tp.SetDeviceAttribute("UdpDestinationPort", UintegerValue(peerPort));
        l2tp.SetDeviceAttribute("UdpChecksum", BooleanValue(udpChecksum));
        l2tp.SetDeviceAttribute("L2SpecificSublayer", StringValue(sublayer));
        l2tp.SetDeviceAttribute("SendSequenceNumbers", BooleanValue(seq));
        l2tp.SetSessionIds(localSession, remoteSession);
        l2tp.SetCookies(ourCookie, theirCookie);
        NetDeviceContainer pw = l2tp.Install(routerA, localAddress, peerAddress);
        Ptr<L2tpv3NetDevice> l2tp0 = DynamicCast<L2tpv3NetDevice>(pw.Get(0));
        Names::Add("NetBSD_A/l2tp0", l2tp0);

        BridgeHelper bridge;
        NetDeviceContainer bridge0 =
            bridge.Install(routerA, NetDeviceContainer(lanDevices.Get(1), pw.Get(0)));
        Names::Add("NetBSD_A/bridge0", bridge0.Get(0));

        Ipv4AddressHelper inner;
        inner.SetBase("10.0.0.0", "255.255.255.0");
        Ipv4InterfaceContainer hostAddress = inner.Assign(NetDeviceContainer(lanDevices.Get(0)));

        // ICMP checksums are on (ChecksumEnabled): the real host drops echoes without one.
        Ptr<L2tpv3Pinger> pinger = CreateObject<L2tpv3Pinger>();
        pinger->SetAttribute("Remote", AddressValue(hostYAddress));
        pinger->SetAttribute("Identifier", UintegerValue(0x58));
        pinger->SetAttribute("Count", UintegerValue(pings));
        pinger->SetAttribute("Interval", TimeValue(Seconds(interval)));
        hostX->AddApplication(pinger);
        pinger->SetStartTime(Seconds(1.0));
        pinger->SetStopTime(Seconds(duration));

        EchoCount echoes;
        echoes.hostX = hostAddress.GetAddress(0);
        echoes.hostY = hostYAddress;
        echoes.hostXMac = Mac48Address::ConvertFrom(lanDevices.Get(0)->GetAddress());
        lanDevices.Get(0)->TraceConnectWithoutContext("Sniffer",
                                                      MakeBoundCallback(&SniffHostX, &echoes));
        uint64_t wanTx = 0;
        uint64_t wanRx = 0;
        wan.Get(0)->TraceConnectWithoutContext("MacTx", MakeBoundCallback(&CountFrame, &wanTx));
        wan.Get(0)->TraceConnectWithoutContext("PromiscSniffer",
                                               MakeBoundCallback(&CountFrame, &wanRx));

        if (pcap)
        {
            emu.EnablePcap("l2tp-emu-example", wan, true);
            lan.EnablePcap("l2tp-emu-example", lanDevices, true);
            l2tp.EnablePcap("l2tp-emu-example", pw, true);
        }

        std::ostringstream ports;
        if (encap == "udp")
        {
            ports << " (ports " << localPort << " " << peerPort << ")";
        }
        std::cout << std::fixed << std::setprecision(2);
        std::cout << "l2tp emulation: NetBSD_A " << local << " (simulated, wm0 on " << device
                  << ") <-> live peer " << peer << ", encap " << encap << ports.str()
                  << ", session " << localSession << " " << remoteSession << ", cookie "
                  << (cookieLen ? CookieText(cookieLen, localCookie) + " " +
                                      CookieText(cookieLen, remoteCookie)
                                : "none")
                  << ", sublayer " << sublayer << std::endl; // set-up scripts wait for it
        Simulator::Stop(Seconds(duration));
        auto start = std::chrono::steady_clock::now();
        Simulator::Run();
        double wall =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

        const L2tpv3Counters& c = l2tp0->GetCounters();
        const L2tpv3Counters& node = routerA->GetObject<L2tpv3L4Protocol>()->GetCounters();
        L2tpv3Pinger::RttSummary rtt = pinger->GetRttSummary();
        uint32_t sent = pinger->GetSent();
        uint32_t answered = pinger->GetAnswered();
        double loss = sent ? 100.0 * (sent - answered) / sent : 0.0;
        std::cout << "  ping Host_X -> Host_Y (" << hostY << ", live): " << answered << "/" << sent
                  << " answered, " << loss << "% loss\n";
        std::cout << "  ping Host_Y -> Host_X: " << echoes.requestsIn
                  << " echo requests reached Host_X, " << echoes.repliesOut << " answered\n";
        std::cout << "  rtt min/avg/max: " << rtt.minMs << "/" << rtt.avgMs << "/" << rtt.maxMs
                  << " ms\n";
        std::cout << "  NetBSD_A l2tp0: " << c.txPackets << " frames encapsulated, " << c.rxPackets
                  << " decapsulated\n";
        std::cout << "  Host_X's LAN: " << echoes.framesOut << " frames sent, " << echoes.framesIn
                  << " received\n";
        std::cout << "  drops:";
        bool any = false;
        for (std::size_t i = 0; i < c.drops.size(); ++i)
        {
            uint64_t n = c.drops[i] + node.drops[i];
            if (n)
            {
                std::cout << " " << static_cast<L2tpv3DropReason>(i) << "=" << n;
                any = true;
            }
        }
        std::cout << (any ? "" : " none") << "\n";
        // FdNetDevice's PromiscSniffer fires for every frame read and for every frame given to
        // write (after MacTx): frames read = sniffed - MacTx.
        std::cout << "  wm0 (FdNetDevice on " << device << "): " << wanTx << " frames sent, "
                  << wanRx - wanTx << " received\n";
        std::cout << "  real time: " << Simulator::Now().GetSeconds() << " simulated s in " << wall
                  << " wall s\n";
        std::cout << "  l2tp0 counters: " << c << "\n";
        std::cout << "  node counters: " << node << "\n";
        Simulator::Destroy();
    }
    catch (const std::exception& e)
    {
        std::cerr << "l2tp-emu-example: " << e.what() << std::endl;
        return 1;
    }
    return 0;
}
