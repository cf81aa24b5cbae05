/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_CONTROL_ATTACK_SCENARIO_H
#define L2TPV3_CONTROL_ATTACK_SCENARIO_H

#include "ns3/l2tpv3-lcce.h"

#include <cstdint>
#include <iostream>
#include <string>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief Attacks on the control channel (RFC 3931 §8.1), as one runnable scenario.
 *
 * \verbatim
   NetBSD_A --wm0==== WAN ====wm0-- NetBSD_B --wm2-- Attacker
   (LCCE, initiator)               (LCCE)           (L2tpv3Injector, tap on NetBSD_B's wm0)
 \endverbatim
 *
 * NetBSD_A opens a control connection to NetBSD_B and brings up Sessions
 * pseudowires over it; at AttackStart the Attacker forges control messages
 * from NetBSD_A's address (or its own, with the identifiers it sniffed; or,
 * for the flood, from many addresses) towards
 * NetBSD_B: a StopCCN, a CDN, replays of NetBSD_A's control messages
 * recorded from the tap, or an SCCRQ flood. The results say what the
 * attacker achieved: connections and sessions torn down on each LCCE, the
 * state NetBSD_B kept, and every rejected message under its reason. The
 * example program and the tests both use this class.
 */
class L2tpv3ControlAttackScenario
{
  public:
    /** \brief What to run. */
    struct Parameters
    {
        std::string attack{"stopccn"};      //!< stopccn, cdn, replay or flood
        std::string identifiers{"sniffed"}; //!< stopccn, cdn: sniffed, random or sweep
        /// stopccn, cdn with sniffed identifiers: the forged source, "peer" (NetBSD_A's
        /// address, as an on-path forger) or "own" (the attacker's own address: it knows the
        /// identifiers but not how to forge its source; RFC 3931 §4.1.2.2 stops it)
        std::string from{"peer"};
        std::string secret;              //!< the LCCEs' shared secret (empty: none)
        std::string encapsulation{"ip"}; //!< ip or udp
        uint32_t sessions{2};            //!< pseudowires over the connection
        uint64_t count{0};               //!< forged messages (0: the attack's default)
        double attackStart{3.0};         //!< when the attacker starts (seconds)
        double duration{40.0};           //!< simulated seconds
        uint32_t floodSources{256};      //!< forged sources of the flood
        uint32_t maxHalfOpen{100};       //!< NetBSD_B's MaxHalfOpenConnections
        uint32_t maxConnections{0};      //!< NetBSD_B's MaxControlConnections
        bool fakeDigest{false};          //!< forged messages carry a random digest
    };

    /** \brief What happened. */
    struct Results
    {
        uint64_t sent{0};                 //!< forged messages sent
        uint64_t skipped{0};              //!< send times with nothing sniffed yet
        uint64_t recorded{0};             //!< control messages recorded for replay
        uint64_t sentSequenced{0};        //!< forged messages with an Ns (not ZLB or ACK)
        uint32_t sessionsUpBeforeA{0};    //!< NetBSD_A's sessions up when the attack began
        uint32_t sessionsUpBeforeB{0};    //!< NetBSD_B's
        uint32_t sessionsUpA{0};          //!< NetBSD_A's sessions up at the end
        uint32_t sessionsUpB{0};          //!< NetBSD_B's
        uint32_t connectionsTornDownA{0}; //!< NetBSD_A's connections established -> idle
        uint32_t connectionsTornDownB{0}; //!< NetBSD_B's
        uint64_t sessionsTornDownA{0};    //!< NetBSD_A's sessions down, any reason
        uint64_t sessionsTornDownB{0};    //!< NetBSD_B's
        uint32_t connectionsB{0};         //!< NetBSD_B's connections at the end
        uint32_t peakConnectionsB{0};     //!< the most NetBSD_B kept at once (from AttackStart)
        uint32_t peakHalfOpenB{0};        //!< the most half-open on NetBSD_B (from AttackStart)
        uint64_t repliesB{0}; //!< NetBSD_B's replies to no connection (ZLBs, StopCCNs) sent
        L2tpv3LcceCounters a; //!< NetBSD_A's counters
        L2tpv3LcceCounters b; //!< NetBSD_B's counters

        /** \return connections and sessions torn down on both LCCEs */
        uint64_t GetTeardowns() const;
    };

    /**
     * \brief Build, run and tear down (Simulator::Destroy) in one call.
     * \param parameters what to run
     * \return the results
     * \throws std::invalid_argument for a bad parameter, naming it and its value
     */
    static Results Run(const Parameters& parameters);

    /**
     * \brief Print the results as the example does.
     * \param os the stream
     * \param parameters what was run
     * \param results what happened
     */
    static void Print(std::ostream& os, const Parameters& parameters, const Results& results);

    /**
     * \return true if this build's L2tpv3Lcce has message authentication (a Secret attribute)
     */
    static bool HasAuthentication();
};

} // namespace ns3

#endif /* L2TPV3_CONTROL_ATTACK_SCENARIO_H */
