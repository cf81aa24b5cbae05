/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_LAB_MODEL_H
#define L2TPV3_LAB_MODEL_H

// Internal to the lab (not installed): the model of every node's interfaces that each command
// is checked against, and the checker that turns a Script into a Plan. The checker reads each
// node command once, in the order the commands run; a command it accepts changes the model
// and leaves the ns-3 calls that carry it out as actions of its Step, which the Executor
// (l2tpv3-lab-executor.h) runs once, when the command runs. The dialects live in their own
// files: l2tpv3-lab-netbsd.cc (ifconfig, brconfig), l2tpv3-lab-iproute2.cc (ip) and
// l2tpv3-lab-l2tpd.cc (l2tpd).

#include "l2tpv3-lab-parser.h"
#include "l2tpv3-lab-values.h"

#include "ns3/address.h"
#include "ns3/l2tpv3-cookie.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace ns3
{
namespace lab
{

class Executor;

/** \ingroup l2tp \brief What an interface is. */
enum class Kind
{
    ETHERNET, //!< one end of a `link`
    LOOPBACK, //!< lo0
    L2TP,     //!< an l2tp(4) interface or an iproute2 session device
    BRIDGE    //!< a bridge(4)
};

/** \ingroup l2tp \brief An address configured on an interface. */
struct IfAddress
{
    Prefix prefix; //!< address and length
    Address peer;  //!< `ip addr add A peer P` (point-to-point), else empty
};

/** \ingroup l2tp \brief What an interface is, in the model every command is checked against. */
struct Interface
{
    std::string name;                 //!< as the commands name it
    Kind kind{Kind::ETHERNET};        //!< what it is
    bool exists{true};                //!< false once destroyed
    bool up{false};                   //!< administratively up
    uint32_t mtu{1500};               //!< bytes
    std::vector<IfAddress> addresses; //!< in the order given
    std::string bridge;               //!< the bridge it is a port of
    std::vector<std::string> ports;   //!< a bridge's ports
    Address tunnelSource;             //!< l2tp: tunnel source
    Address tunnelDestination;        //!< l2tp: tunnel destination
    uint32_t localSession{0};         //!< l2tp: local session ID
    uint32_t remoteSession{0};        //!< l2tp: remote session ID
    L2tpv3Cookie localCookie;         //!< l2tp: cookie expected
    L2tpv3Cookie remoteCookie;        //!< l2tp: cookie sent
    bool udp{false};                  //!< l2tp: UDP encapsulation
    uint16_t udpSport{1701};          //!< l2tp: UDP source port
    uint16_t udpDport{1701};          //!< l2tp: UDP destination port
    bool sublayer{false};             //!< l2tp: default L2-Specific Sublayer
    bool seqSend{false};              //!< l2tp: send sequence numbers
    bool seqRecv{false};              //!< l2tp: require sequence numbers
    double reorderTimeout{0};         //!< l2tp: seconds
    uint32_t tunnelId{0};             //!< `ip l2tp` tunnel the session belongs to
    bool created{false};              //!< l2tp device object exists (never destroyed in ns-3)
    uint32_t linkMtu{1500};           //!< Ethernet: the link's MTU
};

/** \ingroup l2tp \brief An `ip l2tp add tunnel`. */
struct LinuxTunnel
{
    uint32_t id{0};       //!< tunnel_id
    uint32_t peerId{0};   //!< peer_tunnel_id
    bool udp{false};      //!< encap udp
    Address local;        //!< local
    Address remote;       //!< remote
    uint16_t sport{1701}; //!< udp_sport
    uint16_t dport{1701}; //!< udp_dport
};

/** \ingroup l2tp \brief One node's interfaces, tunnels and daemon. */
struct NodeModel
{
    std::string name;                        //!< node
    std::vector<Interface> interfaces;       //!< in creation order (an index never changes)
    std::map<uint32_t, LinuxTunnel> tunnels; //!< `ip l2tp` tunnels
    bool daemon{false};                      //!< `l2tpd` started
    uint32_t daemonPeers{0};                 //!< `l2tpd peer` lines so far
    std::set<std::string> remoteEndIds;      //!< pseudowires offered or requested

    /** \return the existing interface \p name, or nullptr */
    Interface* Find(const std::string& name);
    /** \return the existing interface \p name, or nullptr */
    const Interface* Find(const std::string& name) const;
};

/** \ingroup l2tp \brief Every node's model, by name. */
using Model = std::map<std::string, NodeModel>;

/** \ingroup l2tp \brief An interface as the executor finds it: node and index. */
struct IfRef
{
    std::string node;     //!< node
    std::size_t index{0}; //!< in NodeModel::interfaces
};

/** \ingroup l2tp \brief The ns-3 calls that carry out one accepted command. */
using Action = std::function<void(Executor&)>;

/** \ingroup l2tp \brief One command, checked: what it does to ns-3 and the model after it. */
struct Step
{
    const Command* command{nullptr};    //!< the command (in the Script)
    std::vector<Action> actions;        //!< in order
    std::shared_ptr<const Model> after; //!< the model once it ran
};

/** \ingroup l2tp \brief A checked lab: what the executor builds and runs. */
struct Plan
{
    std::shared_ptr<const Model> initial;    //!< the links' interfaces, before any command
    std::vector<Step> configuration;         //!< in file order
    std::shared_ptr<const Model> configured; //!< after the configuration (observations' model)
    std::vector<Step> timed;                 //!< in time order
    std::set<uint16_t> udpPorts;             //!< UDP ports of every L2TPv3 session (captures)
};

/**
 * \ingroup l2tp
 * \brief Checks every command of a Script against the model, in the order they run, and
 * resolves the observations; each command is read once.
 */
class Checker
{
  public:
    /** \param script the parsed lab; its observations are resolved in place */
    explicit Checker(Script& script);

    /**
     * \brief Check the whole lab.
     * \return the plan
     * \throws L2tpv3LabError naming every line refused (the parser's too)
     */
    Plan Check();

    /** \return node commands read so far (each exactly once) */
    uint64_t GetCommandsChecked() const;

  private:
    // l2tpv3-lab-model.cc: the model and the commands every dialect shares.
    void InitModel();
    Interface& Need(NodeModel& n, const std::string& name);
    bool HasAddress(NodeModel& n, const Address& a);
    IfRef Ref(NodeModel& n, const Interface& i) const;
    void Emit(Action action);
    void Apply(const Command& c);
    void CheckSessionFree(NodeModel& n,
                          const Interface& self,
                          uint32_t id,
                          bool udp,
                          uint16_t port);
    void ApplyTunnel(NodeModel& n, Interface& i);
    void SetUp(NodeModel& n, Interface& i, bool up);
    void AddAddress(NodeModel& n, Interface& i, const Prefix& p, const Address& peer, bool bringUp);
    void CreateL2tp(NodeModel& n, const std::string& name);
    void CreateBridge(NodeModel& n, const std::string& name);
    void Destroy(NodeModel& n, Interface& i);
    Address FirstAddress(NodeModel& n, bool v6);
    Interface* FirstL2tp(NodeModel& n);
    void ResolveObservations();

    // l2tpv3-lab-netbsd.cc: NetBSD's ifconfig and brconfig.
    void Ifconfig(NodeModel& n, const std::vector<std::string>& w, bool timed);
    void L2tpCommand(NodeModel& n, Interface& i, const std::vector<std::string>& w);
    void Brconfig(NodeModel& n, const std::vector<std::string>& w);

    // l2tpv3-lab-iproute2.cc: iproute2's ip.
    void Ip(NodeModel& n, std::vector<std::string> w);
    void IpRoute(NodeModel& n, const std::vector<std::string>& w);
    void IpL2tp(NodeModel& n, const std::vector<std::string>& w);

    // l2tpv3-lab-l2tpd.cc: the control-plane daemon.
    void Daemon(NodeModel& n, const std::vector<std::string>& w);

    Script& m_s;                             //!< the lab
    Model m_nodes;                           //!< the model
    Plan m_plan;                             //!< what is being checked into
    std::vector<Action>* m_actions{nullptr}; //!< the actions of the command being checked
    uint64_t m_commandsChecked{0};           //!< node commands read
};

/**
 * \brief Read `key value` pairs of \p w from \p from on; refuses unknown and repeated keys.
 * \param w the words
 * \param from first key
 * \param known the keys
 * \return the pairs
 */
std::map<std::string, std::string> Options(const std::vector<std::string>& w,
                                           std::size_t from,
                                           const std::set<std::string>& known);

} // namespace lab
} // namespace ns3

#endif /* L2TPV3_LAB_MODEL_H */
