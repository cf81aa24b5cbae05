/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_LAB_H
#define L2TPV3_LAB_H

#include "ns3/l2tpv3-counters.h"

#include <cstdint>
#include <iostream>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief A lab file refused: every line that cannot be carried out, as `file:line: command:
 * reason`, one per line of what().
 */
class L2tpv3LabError : public std::invalid_argument
{
  public:
    /** \brief One refused line. */
    struct Item
    {
        std::string file;    //!< the lab file's name as given
        uint32_t line{0};    //!< 1-based line number
        std::string command; //!< the command as written (without `NODE:` and `at T`)
        std::string reason;  //!< why it cannot be carried out
    };

    /** \param items the refused lines, in file order */
    explicit L2tpv3LabError(const std::vector<Item>& items);
    /** \return the refused lines */
    const std::vector<Item>& GetItems() const;

  private:
    std::vector<Item> m_items; //!< the refused lines
};

/**
 * \ingroup l2tp
 * \brief A teaching lab: a topology and each node's configuration in the l2tp(4) manual's own
 * command lines (ifconfig, brconfig) or iproute2's (`ip l2tp`, `ip link`, `ip addr`,
 * `ip route`), timed commands, pings and captures. doc/lab.rst documents the syntax.
 *
 * Load() parses and checks the whole file against a model of every node's interfaces, in the
 * order the commands would run (configuration first, then timed commands by time), before
 * anything is built: a file with one bad line builds nothing and throws L2tpv3LabError naming
 * each bad line. Run() builds the ns-3 topology, runs the commands and the observations, and
 * returns what was observed. The object owns the simulation: destroying it ends it
 * (Simulator::Destroy) and clears Names.
 */
class L2tpv3Lab
{
  public:
    /** \brief One ping observation: `ping SRC DST ...`. */
    struct PingResult
    {
        std::string from;     //!< the pinging node
        std::string to;       //!< the target as written (node name or address)
        std::string address;  //!< the address pinged
        uint32_t size{0};     //!< ICMP payload bytes
        uint32_t sent{0};     //!< echo requests sent
        uint32_t answered{0}; //!< replies received
        double rttMinMs{0};   //!< smallest RTT (0 when none answered)
        double rttAvgMs{0};   //!< mean RTT
        double rttMaxMs{0};   //!< largest RTT
        std::string sequence; //!< one character per request: '!' answered, '.' not
        uint32_t lineNo{0};   //!< the `ping` line
    };

    /** \brief One capture observation: `capture NODE:IF`. */
    struct CaptureResult
    {
        std::string node;      //!< node
        std::string interface; //!< interface name
        std::string file;      //!< the pcap file written ("" with --pcap=false)
        uint64_t frames{0};    //!< frames seen (both directions)
        uint64_t arp{0};       //!< of which ARP
        uint64_t ipv4{0};      //!< of which IPv4
        uint64_t ipv6{0};      //!< of which IPv6
        uint64_t l2tp{0};      //!< IP packets carrying L2TPv3 (protocol 115 or UDP 1701)
        uint64_t fragments{0}; //!< IPv4 fragments and IPv6 packets with a Fragment header
        uint64_t broadcast{0}; //!< frames to ff:ff:ff:ff:ff:ff
        uint64_t largestIp{0}; //!< largest IPv4 or IPv6 packet, its header included, bytes
    };

    /** \brief One pseudowire device at the end of the run. */
    struct PseudowireResult
    {
        std::string node;               //!< node
        std::string interface;          //!< e.g. l2tp0
        std::string encapsulation;      //!< ip or udp
        uint32_t localCookieLength{0};  //!< bytes
        uint32_t remoteCookieLength{0}; //!< bytes
        bool sublayer{false};           //!< default L2-Specific Sublayer
        uint32_t overhead{0};           //!< bytes added to a frame's payload on the WAN (outer IP
                              //!< header, UDP, session header, cookie, sublayer, Ethernet)
        uint32_t mtu{0};         //!< the device MTU
        uint32_t derivedMtu{0};  //!< Linux's rule over the link towards the peer (0 unknown)
        bool linkUp{false};      //!< link state at the end
        L2tpv3Counters counters; //!< the device's counters
    };

    /** \brief One `inject` observation (blind insertion, L2tpv3Injector). */
    struct InjectionResult
    {
        std::string from;   //!< attacking node
        std::string attack; //!< random-session, random-cookie, replay or forged
        uint64_t sent{0};   //!< forged packets sent
        uint32_t lineNo{0}; //!< the `inject` line
    };

    /** \brief One control-plane daemon (`l2tpd` lines): an L2tpv3Lcce. */
    struct DaemonResult
    {
        std::string node;                        //!< node
        std::map<std::string, uint64_t> figures; //!< counters: tx.SCCRQ, sessions_up, timeouts...
        double sessionUpAt{-1};                  //!< first session established (s; -1 never)
        double sessionDownAt{-1};                //!< first session down (s; -1 never)
        std::string sessionDownReason;           //!< why it went down
    };

    /** \brief What a run observed. */
    struct Results
    {
        std::string file;                                   //!< the lab file
        double duration{0};                                 //!< simulated seconds
        std::vector<std::string> events;                    //!< timed commands as they ran
        std::vector<PingResult> pings;                      //!< in file order
        std::vector<CaptureResult> captures;                //!< in file order
        std::vector<PseudowireResult> pseudowires;          //!< in creation order
        std::map<std::string, L2tpv3Counters> nodeCounters; //!< node-level L2TPv3 counters
        std::vector<InjectionResult> injections;            //!< in file order
        std::vector<DaemonResult> daemons;                  //!< `l2tpd` daemons, in file order
        std::vector<std::string> controlMessages; //!< every control message sent, in time order

        /**
         * \brief The figures as flat `key=value` pairs (what doc/lab.rst's keys are made of),
         * e.g. `ping.1.answered`, `NetBSD_B.l2tp0.drop_cookie_mismatch`,
         * `capture.NetBSD_A.wm0.fragments`.
         * \return the pairs, sorted by key
         */
        std::map<std::string, std::string> GetKeys() const;
    };

    L2tpv3Lab();
    ~L2tpv3Lab();
    L2tpv3Lab(const L2tpv3Lab&) = delete;
    L2tpv3Lab& operator=(const L2tpv3Lab&) = delete;

    /**
     * \brief Give a `${NAME}` variable a value that wins over the file's `set NAME VALUE`.
     * \param name the variable
     * \param value its value
     * \throws std::invalid_argument when the name is not letters, digits and _
     */
    void Set(const std::string& name, const std::string& value);

    /** \param pcap write the pcap files of `capture` lines (default true) */
    void SetPcap(bool pcap);
    /** \param prefix pcap file prefix (default: the lab file's base name) */
    void SetPcapPrefix(const std::string& prefix);

    /**
     * \brief Read, parse and check a lab file.
     * \param path the file
     * \throws L2tpv3LabError naming every line refused; nothing is built then
     * \throws std::invalid_argument when the file cannot be read
     */
    void LoadFile(const std::string& path);

    /**
     * \brief Parse and check a lab given as text.
     * \param text the lab
     * \param name the file name used in messages
     * \throws L2tpv3LabError naming every line refused; nothing is built then
     */
    void LoadString(const std::string& text, const std::string& name);

    /**
     * \brief Build the topology, run the simulation, collect what was observed.
     * \return the results
     */
    Results Run();

    /**
     * \brief Print the results for a reader (what examples/l2tp-lab prints).
     * \param os the stream
     * \param results what Run returned
     */
    static void Print(std::ostream& os, const Results& results);

    class Impl; //!< the stages: parser, checker, executor (lab/l2tpv3-lab-*.h)

  private:
    std::unique_ptr<Impl> m_impl; //!< owned
};

} // namespace ns3

#endif /* L2TPV3_LAB_H */
