/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The two-site example of the NetBSD l2tp(4) manual, in simulation.
//
//   Host_X --wm1-- NetBSD_A --wm0===== WAN =====wm0-- NetBSD_B --wm1-- Host_Y
//                  bridge0 = wm1 + l2tp0              bridge0 = wm1 + l2tp0
//
// NetBSD_A:                                NetBSD_B:
//   ifconfig wm0 inet 192.168.0.1/24         ifconfig wm0 inet 192.168.0.2/24
//   ifconfig l2tp0 create                    ifconfig l2tp0 create
//   ifconfig l2tp0 tunnel 192.168.0.1 192.168.0.2
//                                            ifconfig l2tp0 tunnel 192.168.0.2 192.168.0.1
//   ifconfig l2tp0 session 1234 4321         ifconfig l2tp0 session 4321 1234
//   [ifconfig l2tp0 cookie 4 12345 4 54321]  [ifconfig l2tp0 cookie 4 54321 4 12345]
//   ifconfig bridge0 create                  ifconfig bridge0 create
//   brconfig bridge0 add wm1 add l2tp0 up    brconfig bridge0 add wm1 add l2tp0 up
//
// Host_X (10.0.0.1) and Host_Y (10.0.0.2) share one Ethernet segment across
// the tunnel. They ping each other and Host_X sends a TCP bulk flow to
// Host_Y; the program prints ping RTT and loss, goodput, frames through the
// tunnel, drops and outer fragments.
//
//   ./ns3 run l2tp-bridge-example
//   ./ns3 run l2tp-bridge-example --cookie --pcap
//   ./ns3 run l2tp-bridge-example --ipv6 --innerIpv6 --cookieLen=8

#include "ns3/command-line.h"
#include "ns3/l2tp-module.h"
#include "ns3/l2tp-scenario-module.h"

#include <iostream>
#include <stdexcept>

using namespace ns3;

int
main(int argc, char* argv[])
{
    L2tpv3BridgeScenario::Parameters p;

    CommandLine cmd(__FILE__);
    cmd.AddValue("cookie", "Use the manual's cookies (cookie 4 12345 4 54321)", p.manualCookie);
    cmd.AddValue("cookieLen", "Cookie length in bytes: 0, 4 or 8", p.cookieLength);
    cmd.AddValue("ipv6", "IPv6 underlay between the routers (2001:db8::1 and ::2)", p.ipv6Underlay);
    cmd.AddValue("innerIpv6", "IPv6 between the hosts (2001:db8:1::1 and ::2)", p.innerIpv6);
    cmd.AddValue("wanMtu", "MTU of the routers' WAN ports (wm0)", p.wanMtu);
    cmd.AddValue("lanMtu", "MTU of the LAN ports (wm1) and of l2tp0", p.lanMtu);
    cmd.AddValue("frameSize", "Ethernet frame size of the bulk TCP flow, in bytes", p.frameSize);
    cmd.AddValue("pingSize", "ICMP echo payload, in bytes", p.pingSize);
    cmd.AddValue("encap", "Encapsulation: ip (l2tp(4)) or udp (port 1701)", p.encapsulation);
    cmd.AddValue("sublayer", "L2-Specific Sublayer: none or default", p.sublayer);
    cmd.AddValue("seq",
                 "Send and require sequence numbers (needs --sublayer=default)",
                 p.sequencing);
    cmd.AddValue("mtuPolicy",
                 "fragment (l2tp(4): outer fragmentation) or derived (Linux: no fragments)",
                 p.mtuPolicy);
    cmd.AddValue("mssClamp", "TCP MSS clamping on l2tp0: off, auto or an MSS", p.mssClamp);
    cmd.AddValue("pcap", "Write l2tp-bridge-example-<node>-<device>.pcap files", p.pcap);
    cmd.AddValue("time", "Simulated seconds", p.duration);
    cmd.Parse(argc, argv);

    try
    {
        L2tpv3BridgeScenario::Results r = L2tpv3BridgeScenario::RunOnce(p);
        L2tpv3BridgeScenario::PrintSummary(std::cout, p, r);
        if (p.pcap)
        {
            std::cout << "  pcap: " << p.pcapPrefix << "-<node>-<device>.pcap, e.g. "
                      << p.pcapPrefix << "-NetBSD_A-wm0.pcap (WAN, L2TPv3)\n";
        }
    }
    catch (const std::invalid_argument& e)
    {
        std::cerr << "l2tp-bridge-example: " << e.what() << std::endl;
        return 1;
    }
    return 0;
}
