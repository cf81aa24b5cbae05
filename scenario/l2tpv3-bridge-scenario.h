/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_BRIDGE_SCENARIO_H
#define L2TPV3_BRIDGE_SCENARIO_H

#include "ns3/l2tpv3-counters.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"

#include <array>
#include <cstdint>
#include <iostream>
#include <map>
#include <memory>
#include <string>

namespace ns3
{

class L2tpv3NetDevice;

/**
 * \ingroup l2tp
 * \brief The two-site topology of the l2tp(4) manual, as one runnable scenario.
 *
 * \verbatim
   Host_X --wm1-- NetBSD_A --wm0==== WAN ====wm0-- NetBSD_B --wm1-- Host_Y
                  bridge0 = wm1 + l2tp0        bridge0 = wm1 + l2tp0
 \endverbatim
 *
 * NetBSD_A (192.168.0.1) and NetBSD_B (192.168.0.2) carry one Ethernet
 * pseudowire, sessions 1234/4321, bridged with their LAN port, so that Host_X
 * and Host_Y share one Ethernet segment and one IP subnet. Host_X pings
 * Host_Y and Host_Y pings Host_X; Host_X sends a TCP bulk flow to Host_Y.
 *
 * The example program, the tests and (later) the Python sweep all use this
 * class, so there is one definition of the scenario and of its figures.
 * Build() creates the topology, Run() runs it and returns the figures; the
 * nodes and devices stay readable until the object is destroyed, which ends
 * the simulation (Simulator::Destroy) and clears Names.
 */
class L2tpv3BridgeScenario
{
  public:
    /** \brief What to run. */
    struct Parameters
    {
        bool ipv6Underlay{false};           //!< IPv6 between the routers (else IPv4)
        bool innerIpv6{false};              //!< IPv6 between the hosts (else IPv4)
        bool manualCookie{false};           //!< the manual's `cookie 4 12345 4 54321`
        uint32_t cookieLength{0};           //!< 0, 4 or 8 (values 12345 and 54321)
        uint32_t wanMtu{1500};              //!< MTU of the routers' WAN ports
        uint32_t lanMtu{1500};              //!< MTU of the LAN ports and of l2tp0
        uint32_t frameSize{1514};           //!< Ethernet frame size of the bulk flow
        uint32_t pingSize{56};              //!< ICMP echo payload bytes
        double duration{10.0};              //!< simulated seconds
        std::string wanDataRate{"100Mbps"}; //!< WAN rate
        double wanDelayMs{
            0.01}; //!< WAN one-way delay (CSMA: the channel is busy while a frame propagates)
        std::string lanDataRate{"100Mbps"}; //!< LAN rate
        bool bulk{true};                    //!< run the TCP bulk flow
        double deleteTunnelAt{-1};          //!< when NetBSD_A deletes its tunnel (<0: never)
        bool pcap{false};                   //!< write pcap files
        bool attacker{false};               //!< add node Attacker, linked to NetBSD_B's wm2
        uint64_t attackPackets{0};          //!< forged packets per attack (Attacker only)
        double attackStart{3.0};            //!< when the attacks begin (replays record before)
        std::string pcapPrefix{"l2tp-bridge-example"}; //!< pcap file prefix
        uint32_t localSessionId{1234};                 //!< NetBSD_A's local Session ID
        uint32_t remoteSessionId{4321};                //!< NetBSD_A's remote Session ID
        std::string encapsulation{"ip"};               //!< ip or udp
        std::string sublayer{"none"};                  //!< none or default
        bool sequencing{false};                        //!< send and require sequence numbers
        std::string mtuPolicy{"fragment"};             //!< fragment (l2tp(4)) or derived (Linux)
        std::string mssClamp{"off"}; //!< TCP MSS clamping on l2tp0: off, auto or an MSS
    };

    /**
     * \brief Where every frame given to a pseudowire went: sent = delivered + dropped + lost +
     * in flight, exactly.
     *
     * Frames are followed one by one (a packet tag from l2tp0's MacTx on), through their outer
     * packets and fragments, to the first thing that happened to them: delivered by the far
     * l2tp0, dropped by a pseudowire (its Drop trace, per reason), lost in the underlay (per
     * cause, from ns-3's own drop traces: IP, ARP, queue discs, devices, fragment
     * reassembly; a loss ns-3 reports with no trace, such as the neighbour cache's queue
     * overflowing in ns-3 3.37, is counted as "unreported"), or still on its way at the end.
     */
    struct FrameAccounting
    {
        uint64_t sent{0};      //!< frames given to either l2tp0 to send
        uint64_t delivered{0}; //!< of those, delivered by the far l2tp0
        std::array<uint64_t, static_cast<std::size_t>(L2tpv3DropReason::COUNT)>
            dropped{};                        //!< dropped by a pseudowire (either end), per reason
        std::map<std::string, uint64_t> lost; //!< lost in the underlay, per cause
        uint64_t inFlight{0};                 //!< neither delivered nor lost when the run ended

        /** \return the frames dropped by the pseudowires, every reason */
        uint64_t GetDropped() const;
        /** \return the frames lost in the underlay, every cause */
        uint64_t GetLost() const;
        /** \return true when sent = delivered + dropped + lost + in flight */
        bool Balances() const;
    };

    /** \brief What a run measured. */
    struct Results
    {
        uint32_t pingsXtoY{0};          //!< echo requests Host_X sent
        uint32_t repliesXtoY{0};        //!< replies Host_X received
        uint32_t pingsYtoX{0};          //!< echo requests Host_Y sent
        uint32_t repliesYtoX{0};        //!< replies Host_Y received
        uint32_t pingsAfterDelete{0};   //!< requests sent after the tunnel was deleted
        uint32_t repliesAfterDelete{0}; //!< replies to those
        double rttMinMs{0};             //!< smallest RTT
        double rttAvgMs{0};             //!< mean RTT
        double rttMaxMs{0};             //!< largest RTT
        uint64_t bulkBytes{0};          //!< bytes the bulk sink received
        double goodputMbps{0};          //!< bulk goodput
        L2tpv3Counters pseudowireA;     //!< NetBSD_A's l2tp0 counters
        L2tpv3Counters pseudowireB;     //!< NetBSD_B's l2tp0 counters
        L2tpv3Counters protocolA;       //!< NetBSD_A's node-level L2TPv3 counters
        L2tpv3Counters protocolB;       //!< NetBSD_B's node-level L2TPv3 counters
        uint64_t wanL2tpPackets{0};     //!< outer L2TPv3 IP packets and fragments sent on the WAN
        uint64_t wanFragments{0};       //!< of which outer fragments
        uint64_t attackSessionSent{0};  //!< forgeries with random Session IDs sent
        uint64_t attackCookieSent{0};   //!< forgeries with the right ID, random cookies sent
        uint64_t attackReplaySent{0};   //!< replayed packets sent
        uint64_t forgeriesOnLan{0};     //!< forged frames that reached Host_Y's LAN
        uint64_t hostYFrames{0};        //!< frames Host_Y's LAN port received
        FrameAccounting frames;         //!< where every frame sent through the tunnel went
        /// UDP datagrams with the zero checksum (RFC 768) the routers accepted while ns-3's
        /// global ChecksumEnabled is on (L2tpv3UdpZeroChecksum)
        uint64_t udpZeroChecksums{0};
        /// packets dropped by the pseudowires that were not frames sent through the tunnel
        /// (forgeries, malformed packets), per reason
        std::array<uint64_t, static_cast<std::size_t>(L2tpv3DropReason::COUNT)> otherDrops{};
    };

    /**
     * \brief Check the parameters.
     * \param parameters what to run
     * \throws std::invalid_argument naming the parameter and value when one is invalid
     */
    explicit L2tpv3BridgeScenario(const Parameters& parameters);
    ~L2tpv3BridgeScenario();

    L2tpv3BridgeScenario(const L2tpv3BridgeScenario&) = delete;
    L2tpv3BridgeScenario& operator=(const L2tpv3BridgeScenario&) = delete;

    /** \brief Create nodes, devices, addresses, the pseudowire and the bridges. */
    void Build();

    /**
     * \brief Install the applications, run the simulation and collect the figures.
     * \return the results
     */
    Results Run();

    /**
     * \brief Build, run and tear down in one call.
     * \param parameters what to run
     * \return the results
     */
    static Results RunOnce(const Parameters& parameters);

    /** \return NetBSD_A, NetBSD_B, Host_X, Host_Y in that order */
    const NodeContainer& GetNodes() const;
    /** \return NetBSD_A's (index 0) and NetBSD_B's (index 1) l2tp0 */
    Ptr<L2tpv3NetDevice> GetPseudowire(uint32_t index) const;
    /** \return Host_X's (index 0) and Host_Y's (index 1) LAN device */
    Ptr<NetDevice> GetHostDevice(uint32_t index) const;
    /** \return Host_X's (index 0) and Host_Y's (index 1) inner address as text */
    std::string GetHostAddress(uint32_t index) const;

    /**
     * \brief Print a short human-readable summary.
     * \param os the stream
     * \param parameters what was run
     * \param results what it measured
     */
    static void PrintSummary(std::ostream& os,
                             const Parameters& parameters,
                             const Results& results);

  private:
    /** \brief Schedule the ping applications and the bulk flow. */
    void InstallApplications();
    /** \brief Add the Attacker node and its blind-insertion applications. */
    void BuildAttacker();

    Parameters m_parameters;          //!< what to run
    bool m_built{false};              //!< Build() done
    NodeContainer m_nodes;            //!< NetBSD_A, NetBSD_B, Host_X, Host_Y
    NetDeviceContainer m_wan;         //!< the routers' wm0
    NetDeviceContainer m_hosts;       //!< the hosts' LAN devices
    NetDeviceContainer m_pseudowires; //!< the routers' l2tp0
    Results m_results;                //!< figures collected during the run
    class Impl;                       //!< ping and trace bookkeeping
    std::unique_ptr<Impl> m_impl;     //!< owned
};

} // namespace ns3

#endif /* L2TPV3_BRIDGE_SCENARIO_H */
