/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Blind insertion into a live L2TPv3 session (RFC 3931 §8.2), in the
// two-site topology of the l2tp(4) manual.
//
//   Host_X -- NetBSD_A ===== WAN ===== NetBSD_B -- Host_Y
//                                        |
//                                     Attacker
//
// The Attacker forges packets from NetBSD_A's address towards NetBSD_B:
// random Session IDs, the right Session ID with random cookies, and replays
// of real packets it overheard on the WAN. The session uses a cookie and
// sequencing, so none gets through: each is dropped under its own reason.
// The program runs the same scenario without and with the attack and prints
// what was sent, what was dropped and why, and the goodput of the real flow.
//
//   ./ns3 run l2tp-blind-insertion-example
//   ./ns3 run l2tp-blind-insertion-example --cookieLen=4 --attackPackets=100000

#include "ns3/command-line.h"
#include "ns3/l2tp-module.h"

#include <iomanip>
#include <iostream>
#include <stdexcept>

using namespace ns3;

int
main(int argc, char* argv[])
{
    L2tpv3BridgeScenario::Parameters p;
    p.cookieLength = 8;
    p.sublayer = "default";
    p.sequencing = true;
    p.attacker = true;
    p.attackPackets = 40000;
    p.frameSize = 1400;

    CommandLine cmd(__FILE__);
    cmd.AddValue("cookieLen", "Cookie length in bytes: 0, 4 or 8", p.cookieLength);
    cmd.AddValue("seq", "Sequencing (default sublayer, send and require numbers)", p.sequencing);
    cmd.AddValue("ipv6", "IPv6 underlay", p.ipv6Underlay);
    cmd.AddValue("attackPackets", "Forged packets per attack (three attacks)", p.attackPackets);
    cmd.AddValue("time", "Simulated seconds", p.duration);
    cmd.Parse(argc, argv);
    if (!p.sequencing)
    {
        p.sublayer = "none";
    }

    try
    {
        L2tpv3BridgeScenario::Parameters quiet = p;
        quiet.attackPackets = 0;
        L2tpv3BridgeScenario::Results base = L2tpv3BridgeScenario::RunOnce(quiet);
        L2tpv3BridgeScenario::Results r = L2tpv3BridgeScenario::RunOnce(p);

        uint64_t sent = r.attackSessionSent + r.attackCookieSent + r.attackReplaySent;
        const L2tpv3Counters& node = r.protocolB;
        const L2tpv3Counters& pw = r.pseudowireB;
        std::cout << "Blind insertion against NetBSD_B (cookie " << p.cookieLength
                  << " bytes, sequencing " << (p.sequencing ? "on" : "off") << ")\n"
                  << "  forged packets sent:      " << sent << " (" << r.attackSessionSent
                  << " random Session IDs, " << r.attackCookieSent << " random cookies, "
                  << r.attackReplaySent << " replays)\n"
                  << "  dropped, unknown session: "
                  << node.GetDrops(L2tpv3DropReason::UNKNOWN_SESSION) << "\n"
                  << "  dropped, cookie mismatch: " << pw.GetRxCookieDiscards() << "\n"
                  << "  dropped, sequence (old):  " << pw.GetRxSeqDiscards() << "\n"
                  << "  forged frames on Host_Y's LAN: " << r.forgeriesOnLan << "\n"
                  << "  frames NetBSD_B delivered beyond those NetBSD_A sent: "
                  << (pw.rxPackets > r.pseudowireA.txPackets
                          ? pw.rxPackets - r.pseudowireA.txPackets
                          : 0)
                  << "\n"
                  << std::fixed << std::setprecision(3)
                  << "  goodput Host_X -> Host_Y: " << base.goodputMbps
                  << " Mbit/s without the attack, " << r.goodputMbps << " Mbit/s with it\n";
    }
    catch (const std::invalid_argument& e)
    {
        std::cerr << "l2tp-blind-insertion-example: " << e.what() << std::endl;
        return 1;
    }
    return 0;
}
