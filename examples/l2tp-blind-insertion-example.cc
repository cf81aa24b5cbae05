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
// With --attack=stopccn, cdn, replay or flood (or control, all four) it
// attacks the control channel instead (RFC 3931 §8.1), between two LCCEs
// that brought their sessions up (L2tpv3ControlAttackScenario): a StopCCN or
// a CDN with the Control Connection ID, Session IDs and next Ns sniffed from
// the WAN (--guess=sniffed, the on-path attacker) or guessed (--guess=random
// or sweep), replays of NetBSD_A's recorded control messages, or an SCCRQ
// flood from --floodSources spoofed addresses against NetBSD_B's limit of
// --maxHalfOpen half-open connections. --from=own sends the sniffed StopCCN
// or CDN from the attacker's own address instead of NetBSD_A's (an attacker
// who can read the WAN but not forge its source): NetBSD_B drops it, whatever
// the secret, as from the wrong source (RFC 3931 §4.1.2.2). It prints what
// the attacker achieved: teardowns, sessions up, NetBSD_B's state, each
// rejected message under its reason, and the replies NetBSD_B sent to
// messages for no connection (rate-limited). --secret=S gives both LCCEs a
// shared secret (§4.3); --secret alone runs the control attacks (the four,
// and the sniffed StopCCN and CDN from the attacker's own address).
//
//   ./ns3 run l2tp-blind-insertion-example
//   ./ns3 run l2tp-blind-insertion-example --cookieLen=4 --attackPackets=100000
//   ./ns3 run "l2tp-blind-insertion-example --attack=stopccn"
//   ./ns3 run "l2tp-blind-insertion-example --attack=stopccn --from=own"
//   ./ns3 run "l2tp-blind-insertion-example --attack=control --secret=s3cret"

#include "ns3/command-line.h"
#include "ns3/l2tp-module.h"
#include "ns3/l2tp-scenario-module.h"

#include <iomanip>
#include <iostream>
#include <stdexcept>
#include <vector>

using namespace ns3;

namespace
{

/**
 * \brief Run the control-channel attacks and print what each achieved.
 * \param attack stopccn, cdn, replay, flood or control (all four)
 * \param base the parameters common to them
 * \return 0, or 1 for a bad parameter
 */
int
RunControlAttacks(const std::string& attack, const L2tpv3ControlAttackScenario::Parameters& base)
{
    if (attack != "stopccn" && attack != "cdn" && attack != "replay" && attack != "flood" &&
        attack != "control")
    {
        std::cerr << "l2tp-blind-insertion-example: --attack=" << attack
                  << ": must be data, stopccn, cdn, replay, flood or control" << std::endl;
        return 1;
    }
    // Each attack, and the forged source: NetBSD_A's address, or for stopccn and cdn with
    // sniffed identifiers in the run of all four, the attacker's own address too.
    std::vector<std::pair<std::string, std::string>> attacks = {{attack, base.from}};
    if (attack == "control")
    {
        attacks = {{"stopccn", "peer"}, {"cdn", "peer"}, {"replay", "peer"}, {"flood", "peer"}};
        if (base.identifiers == "sniffed")
        {
            attacks.insert(attacks.begin() + 2, {{"stopccn", "own"}, {"cdn", "own"}});
        }
    }
    uint64_t teardowns = 0;
    for (const auto& [a, from] : attacks)
    {
        L2tpv3ControlAttackScenario::Parameters p = base;
        p.attack = a;
        p.from = from;
        L2tpv3ControlAttackScenario::Results r = L2tpv3ControlAttackScenario::Run(p);
        L2tpv3ControlAttackScenario::Print(std::cout, p, r);
        teardowns += r.GetTeardowns();
    }
    if (attacks.size() > 1)
    {
        std::cout << "teardowns over the " << attacks.size() << " attacks: " << teardowns << "\n";
    }
    return 0;
}

} // namespace

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
    std::string attack;
    L2tpv3ControlAttackScenario::Parameters control;
    cmd.AddValue("attack",
                 "data (blind insertion), or on the control channel: stopccn, cdn, replay, "
                 "flood or control (all four); default data, control with --secret",
                 attack);
    cmd.AddValue("guess",
                 "stopccn, cdn: identifiers sniffed on the WAN, or guessed (random, sweep)",
                 control.identifiers);
    cmd.AddValue("from",
                 "stopccn, cdn with sniffed identifiers: forge NetBSD_A's address (peer) or "
                 "send from the attacker's own (own; stopped by the source check, RFC 3931 "
                 "§4.1.2.2)",
                 control.from);
    cmd.AddValue("secret",
                 "control attacks: the LCCEs' shared secret (RFC 3931 §4.3)",
                 control.secret);
    cmd.AddValue("fakeDigest",
                 "control attacks: forged messages carry a random digest",
                 control.fakeDigest);
    cmd.AddValue("encap", "control attacks: ip or udp", control.encapsulation);
    cmd.AddValue("sessions", "control attacks: pseudowires over the connection", control.sessions);
    cmd.AddValue("count",
                 "control attacks: forged messages (0: the attack's default)",
                 control.count);
    cmd.AddValue("floodSources", "flood: spoofed source addresses", control.floodSources);
    cmd.AddValue("maxHalfOpen",
                 "flood: NetBSD_B's MaxHalfOpenConnections (0: no limit)",
                 control.maxHalfOpen);
    cmd.Parse(argc, argv);
    if (attack.empty())
    {
        attack = control.secret.empty() ? "data" : "control";
    }
    if (attack != "data")
    {
        try
        {
            return RunControlAttacks(attack, control);
        }
        catch (const std::invalid_argument& e)
        {
            std::cerr << "l2tp-blind-insertion-example: " << e.what() << std::endl;
            return 1;
        }
    }
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
