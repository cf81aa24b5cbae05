/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_LAB_PARSER_H
#define L2TPV3_LAB_PARSER_H

// Internal to the lab (not installed): a lab file read into typed statements. The node
// commands (ifconfig, brconfig, ip, l2tpd) stay words here: what they mean depends on the
// interfaces at the time they run, which the checker (l2tpv3-lab-model.h) knows.

#include "l2tpv3-lab-values.h"
#include "l2tpv3-lab.h"

#include "ns3/address.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ns3
{
namespace lab
{

/** \ingroup l2tp \brief One command for a node: configuration (time < 0) or timed. */
struct Command
{
    uint32_t line{0};              //!< line number
    double time{-1};               //!< seconds, -1 for configuration
    std::string node;              //!< which node
    std::vector<std::string> args; //!< words
};

/** \ingroup l2tp \brief `link NODE:IF NODE:IF [options]`. */
struct LinkSpec
{
    uint32_t line{0};            //!< line number
    std::string nodeA;           //!< first end's node
    std::string ifA;             //!< first end's interface
    std::string nodeB;           //!< second end's node
    std::string ifB;             //!< second end's interface
    std::string rate{"100Mbps"}; //!< data rate
    double delay{0.0001};        //!< seconds
    uint32_t mtu{1500};          //!< bytes
    double loss{0};              //!< loss probability (each direction)
    double reorder{0};           //!< late-delivery probability
    double reorderDelay{0.002};  //!< how late, seconds
};

/** \ingroup l2tp \brief `ping [-4|-6] NODE TARGET [options]`. */
struct PingSpec
{
    uint32_t line{0};      //!< line number
    std::string text;      //!< the line as written
    std::string from;      //!< pinging node
    std::string target;    //!< node name or address
    uint32_t count{5};     //!< requests
    double interval{1};    //!< seconds between requests
    double start{1};       //!< seconds
    uint32_t size{56};     //!< ICMP payload bytes
    bool v6{false};        //!< -6 (or an IPv6 target)
    std::string source;    //!< `from ADDRESS` as written
    Address address;       //!< the target address (resolved by the checker for a node)
    Address sourceAddress; //!< `from ADDRESS`
};

/** \ingroup l2tp \brief `capture NODE:IF`. */
struct CaptureSpec
{
    uint32_t line{0};      //!< line number
    std::string text;      //!< the line as written
    std::string node;      //!< node
    std::string interface; //!< interface
};

/** \ingroup l2tp \brief `inject NODE:IF VICTIM:IF [options]`; the checker fills the rest. */
struct InjectSpec
{
    uint32_t line{0};                     //!< line number
    std::string text;                     //!< the line as written
    std::string node;                     //!< attacking node
    std::string interface;                //!< its interface
    std::string victim;                   //!< victim node
    std::string victimInterface;          //!< its interface
    std::string attack{"random-session"}; //!< attack
    uint64_t count{100};                  //!< forged packets
    double start{2};                      //!< seconds
    double interval{0.001};               //!< seconds
    int64_t session{-1};                  //!< session ID (-1: the victim's)
    int64_t cookieLength{-1};             //!< cookie length (-1: the victim's)
    std::string cookie;                   //!< LEN:VALUE
    std::string spoof;                    //!< forged source as written
    std::string tapNode;                  //!< where a replay attacker listens
    std::string tapInterface;             //!< its interface
    Address forged;                       //!< forged source (resolved)
    Address target;                       //!< the victim's tunnel address (resolved)
    uint32_t sessionId{0};                //!< resolved session ID
    uint32_t cookieLen{0};                //!< resolved cookie length
    bool udp{false};                      //!< the victim's encapsulation
    bool sublayer{false};                 //!< the victim's sublayer
};

/**
 * \ingroup l2tp
 * \brief A lab file as statements: nodes, links, node commands, observations.
 */
struct Script
{
    std::string file;                             //!< name used in messages
    std::map<std::string, std::string> overrides; //!< L2tpv3Lab::Set values
    std::map<std::string, std::string> variables; //!< the file's `set` lines
    std::vector<std::string> nodeOrder;           //!< `node` names in file order
    std::vector<LinkSpec> links;                  //!< in file order
    std::vector<Command> commands;                //!< in file order
    std::vector<PingSpec> pings;                  //!< in file order
    std::vector<CaptureSpec> captures;            //!< in file order
    std::vector<InjectSpec> injects;              //!< in file order
    double duration{-1};                          //!< `run TIME` (-1: none)
    std::vector<L2tpv3LabError::Item> errors;     //!< lines refused so far

    /** \return true when \p name is a declared node */
    bool IsNode(const std::string& name) const;
    /**
     * \brief Record a refused line.
     * \param line its number
     * \param command the command as written
     * \param reason why
     */
    void Error(uint32_t line, const std::string& command, const std::string& reason);
    /** \return the commands in the order they run: configuration in file order, then by time */
    std::vector<const Command*> Ordered() const;
    /** \return the time of the last command, ping or injection (s) */
    double LastEvent() const;
};

/**
 * \brief Read a lab's text into \p script (whose file and overrides are set): every line
 * that cannot be read is recorded in script.errors.
 * \param text the lab
 * \param script where the statements go
 */
void Parse(const std::string& text, Script& script);

} // namespace lab
} // namespace ns3

#endif /* L2TPV3_LAB_PARSER_H */
