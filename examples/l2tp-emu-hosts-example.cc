/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The two-site example of the l2tp(4) manual with real hosts: the routers, the
// pseudowire and the WAN are simulated, Host_X and Host_Y are Linux network
// namespaces running their own ping, iperf3 or tcpdump.
//
//   live                 simulated (this process, real time)                    live
//   Host_X --tap-x--wm1-- NetBSD_A --wm0== WAN ==wm0-- NetBSD_B --wm1--tap-y-- Host_Y
//                         bridge0 = wm1 + l2tp0        bridge0 = wm1 + l2tp0
//
// Each router's LAN port wm1 is an FdNetDevice on a tap interface that the
// set-up created (utils/emu-peer hosts: taps tap-x and tap-y, each in a Linux
// bridge with a veth pair whose other end is the host's eth0). The routers are
// configured as in l2tp-bridge-example (sessions 1234/4321, WAN 192.168.0.1/24
// and .2, --cookieLen applies 12345/54321); the hosts' addresses (10.0.0.1 and
// .2) are the set-up's, not the simulation's.
//
//   utils/emu-peer hosts                    # set up, run this example with traffic, tear down
//
// The program runs for --time seconds and prints the frames through each wm1
// and each l2tp0, drops by reason and the WAN's L2TPv3 packets.

#include "ns3/bridge-module.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/fd-net-device-module.h"
#include "ns3/internet-module.h"
#include "ns3/l2tp-module.h"
#include "ns3/network-module.h"

#include <chrono>
#include <iomanip>
#include <iostream>
#include <stdexcept>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("L2tpEmuHostsExample");

namespace
{

/** \brief Frames through one tap FdNetDevice. */
struct TapCount
{
    uint64_t sniffed{0}; //!< frames the PromiscSniffer saw, both directions
    uint64_t out{0};     //!< frames written to the tap (to the host)
    uint64_t outDrop{0}; //!< frames the device could not write
};

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

} // namespace

int
main(int argc, char* argv[])
{
    std::string tapX = "tap-x";
    std::string tapY = "tap-y";
    bool ipv6 = false;
    std::string encap = "ip";
    uint32_t cookieLen = 0;
    std::string sublayer = "none";
    bool seq = false;
    std::string wanRate = "100Mbps";
    double duration = 10.0;
    bool pcap = false;

    CommandLine cmd(__FILE__);
    cmd.AddValue("tapX", "Tap interface of NetBSD_A's wm1 (Host_X's side)", tapX);
    cmd.AddValue("tapY", "Tap interface of NetBSD_B's wm1 (Host_Y's side)", tapY);
    cmd.AddValue("ipv6", "IPv6 WAN between the routers (2001:db8::1 and ::2)", ipv6);
    cmd.AddValue("encap", "Encapsulation: ip (l2tp(4)) or udp (port 1701)", encap);
    cmd.AddValue("cookieLen", "Cookie length in bytes: 0, 4 or 8 (12345 / 54321)", cookieLen);
    cmd.AddValue("sublayer", "L2-Specific Sublayer: none or default", sublayer);
    cmd.AddValue("seq", "Send and require sequence numbers (needs --sublayer=default)", seq);
    cmd.AddValue("wanRate", "WAN data rate", wanRate);
    cmd.AddValue("pcap", "Write l2tp-emu-hosts-example-<node>-<device>.pcap files", pcap);
    cmd.AddValue("time", "Seconds to run (simulated = wall clock)", duration);
    cmd.Parse(argc, argv);

    try
    {
        L2tpv3ParseEncapsulation(encap, "encap", L2tpv3NameWording::OPTION);
        L2tpv3ParseSublayer(sublayer, "sublayer", L2tpv3NameWording::OPTION);
        if (seq && sublayer != "default")
        {
            throw BadOption("seq", "true", "needs --sublayer=default");
        }
        if (duration <= 0)
        {
            throw BadOption("time", std::to_string(duration), "must be positive");
        }
        L2tpv3Cookie::CheckLength(cookieLen, "cookieLen");
        DataRateValue rate;
        if (!rate.DeserializeFromString(wanRate, MakeDataRateChecker()))
        {
            throw BadOption("wanRate", wanRate, "not a data rate (e.g. 100Mbps)");
        }

        // Real time, because the hosts are; checksums, because the hosts check them.
        GlobalValue::Bind("SimulatorImplementationType", StringValue("ns3::RealtimeSimulatorImpl"));
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));

        NodeContainer routers;
        routers.Create(2);
        Names::Add("NetBSD_A", routers.Get(0));
        Names::Add("NetBSD_B", routers.Get(1));

        // The WAN, simulated.
        CsmaHelper wanHelper;
        wanHelper.SetChannelAttribute("DataRate", rate);
        wanHelper.SetChannelAttribute("Delay", TimeValue(MicroSeconds(10)));
        NetDeviceContainer wan = wanHelper.Install(routers);
        Names::Add("NetBSD_A/wm0", wan.Get(0));
        Names::Add("NetBSD_B/wm0", wan.Get(1));

        // wm1: the routers' LAN ports, on the hosts' taps.
        NetDeviceContainer lan;
        for (uint32_t i = 0; i < 2; ++i)
        {
            L2tpv3EmuHelper tap(L2tpv3EmuHelper::TAP);
            tap.SetDeviceName(i == 0 ? tapX : tapY);
            lan.Add(tap.Install(routers.Get(i)));
        }
        Names::Add("NetBSD_A/wm1", lan.Get(0));
        Names::Add("NetBSD_B/wm1", lan.Get(1));

        InternetStackHelper stack;
        stack.Install(routers);
        Address tunnelA;
        Address tunnelB;
        if (ipv6)
        {
            for (uint32_t i = 0; i < 2; ++i)
            {
                routers.Get(i)->GetObject<Icmpv6L4Protocol>()->SetAttribute("DAD",
                                                                            BooleanValue(false));
            }
            for (uint32_t i = 0; i < 2; ++i)
            {
                Ptr<Ipv6> ip = routers.Get(i)->GetObject<Ipv6>();
                uint32_t interface = ip->AddInterface(wan.Get(i));
                std::string text = "2001:db8::" + std::to_string(i + 1);
                ip->AddAddress(interface,
                               Ipv6InterfaceAddress(Ipv6Address(text.c_str()), Ipv6Prefix(64)));
                ip->SetUp(interface);
            }
            tunnelA = Ipv6Address("2001:db8::1");
            tunnelB = Ipv6Address("2001:db8::2");
        }
        else
        {
            Ipv4AddressHelper address;
            address.SetBase("192.168.0.0", "255.255.255.0");
            Ipv4InterfaceContainer a = address.Assign(wan);
            tunnelA = a.GetAddress(0);
            tunnelB = a.GetAddress(1);
        }

        L2tpv3Helper l2tp;
        l2tp.SetDeviceAttribute("Encapsulation", StringValue(encap));
        l2tp.SetDeviceAttribute("UdpChecksum", BooleanValue(true));
        l2tp.SetDeviceAttribute("L2SpecificSublayer", StringValue(sublayer));
        l2tp.SetDeviceAttribute("SendSequenceNumbers", BooleanValue(seq));
        l2tp.SetDeviceAttribute("RequireSequenceNumbers", BooleanValue(seq));
        l2tp.SetSessionIds(1234, 4321);
        if (cookieLen > 0)
        {
            l2tp.SetCookies(L2tpv3Cookie(cookieLen, 12345), L2tpv3Cookie(cookieLen, 54321));
        }
        NetDeviceContainer pw = l2tp.InstallPair(routers.Get(0), tunnelA, routers.Get(1), tunnelB);
        Names::Add("NetBSD_A/l2tp0", pw.Get(0));
        Names::Add("NetBSD_B/l2tp0", pw.Get(1));

        BridgeHelper bridge;
        for (uint32_t i = 0; i < 2; ++i)
        {
            NetDeviceContainer b =
                bridge.Install(routers.Get(i), NetDeviceContainer(lan.Get(i), pw.Get(i)));
            Names::Add(i == 0 ? "NetBSD_A/bridge0" : "NetBSD_B/bridge0", b.Get(0));
        }

        // FdNetDevice's PromiscSniffer fires for every frame read and for every frame given to
        // write (after MacTx): frames read = sniffed - MacTx.
        TapCount taps[2];
        for (uint32_t i = 0; i < 2; ++i)
        {
            lan.Get(i)->TraceConnectWithoutContext(
                "PromiscSniffer",
                MakeBoundCallback(&CountFrame, &taps[i].sniffed));
            lan.Get(i)->TraceConnectWithoutContext("MacTx",
                                                   MakeBoundCallback(&CountFrame, &taps[i].out));
            lan.Get(i)->TraceConnectWithoutContext(
                "MacTxDrop",
                MakeBoundCallback(&CountFrame, &taps[i].outDrop));
        }
        if (pcap)
        {
            wanHelper.EnablePcap("l2tp-emu-hosts-example", wan, true);
            l2tp.EnablePcap("l2tp-emu-hosts-example", pw, true);
        }

        std::cout << "l2tp(4) two-site bridge, real hosts: Host_X on " << tapX << ", Host_Y on "
                  << tapY << "; NetBSD_A " << (ipv6 ? "2001:db8::1" : "192.168.0.1")
                  << " <-> NetBSD_B " << (ipv6 ? "2001:db8::2" : "192.168.0.2")
                  << " (simulated), encap " << encap << ", session 1234 4321, cookie "
                  << (cookieLen ? std::to_string(cookieLen) + " 12345 " +
                                      std::to_string(cookieLen) + " 54321"
                                : "none")
                  << ", sublayer " << sublayer << std::endl;
        std::cout << "  running " << duration << " s" << std::endl; // set-up scripts wait for it

        Simulator::Stop(Seconds(duration));
        auto start = std::chrono::steady_clock::now();
        Simulator::Run();
        double wall =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

        std::cout << std::fixed << std::setprecision(2);
        const char* router[2] = {"NetBSD_A", "NetBSD_B"};
        const char* host[2] = {"Host_X", "Host_Y"};
        for (uint32_t i = 0; i < 2; ++i)
        {
            std::cout << "  " << router[i] << " wm1 (" << (i == 0 ? tapX : tapY)
                      << "): " << taps[i].sniffed - taps[i].out << " frames from " << host[i]
                      << ", " << taps[i].out << " to " << host[i] << ", " << taps[i].outDrop
                      << " not written\n";
        }
        L2tpv3Counters c[2];
        for (uint32_t i = 0; i < 2; ++i)
        {
            c[i] = DynamicCast<L2tpv3NetDevice>(pw.Get(i))->GetCounters();
            std::cout << "  " << router[i] << " l2tp0: " << c[i].txPackets
                      << " frames encapsulated, " << c[i].rxPackets << " decapsulated\n";
        }
        std::cout << "  drops:";
        bool any = false;
        for (std::size_t r = 0; r < c[0].drops.size(); ++r)
        {
            uint64_t n = c[0].drops[r] + c[1].drops[r];
            if (n)
            {
                std::cout << " " << static_cast<L2tpv3DropReason>(r) << "=" << n;
                any = true;
            }
        }
        std::cout << (any ? "" : " none") << "\n";
        std::cout << "  outer fragments on the WAN: " << c[0].txFragments + c[1].txFragments
                  << " (of " << c[0].txFragmented + c[1].txFragmented << " packets fragmented)\n";
        std::cout << "  real time: " << Simulator::Now().GetSeconds() << " simulated s in " << wall
                  << " wall s\n";
        for (uint32_t i = 0; i < 2; ++i)
        {
            std::cout << "  " << router[i] << " l2tp0 counters: " << c[i] << "\n";
        }
        Simulator::Destroy();
    }
    catch (const std::exception& e)
    {
        std::cerr << "l2tp-emu-hosts-example: " << e.what() << std::endl;
        return 1;
    }
    return 0;
}
