/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_LAB_EXECUTOR_H
#define L2TPV3_LAB_EXECUTOR_H

// Internal to the lab (not installed): builds the ns-3 topology of a checked Plan and runs each
// command's actions once, when the command runs; installs the observations (pings, captures,
// injections) and collects what they saw. The dialects' own ns-3 calls are in their files
// (l2tpv3-lab-netbsd.cc, l2tpv3-lab-iproute2.cc, l2tpv3-lab-l2tpd.cc); the calls every
// dialect shares (create, up and down, addresses) are here.

#include "l2tpv3-lab-model.h"
#include "l2tpv3-lab-parser.h"
#include "l2tpv3-lab.h"

#include "ns3/address.h"
#include "ns3/l2tpv3-control-session.h"
#include "ns3/l2tpv3-device-factory.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{

class L2tpv3ControlMessage;
class L2tpv3Injector;
class L2tpv3Lcce;
class L2tpv3NetDevice;
class L2tpv3Pinger;

namespace lab
{

/** \ingroup l2tp \brief `l2tpd` options, as the helper's attributes take them. */
struct DaemonSettings
{
    std::optional<double> hello;          //!< HelloInterval, seconds
    std::optional<double> rto;            //!< RetransmitTimeout, seconds
    std::optional<uint64_t> retries;      //!< MaxRetries
    std::optional<uint64_t> cookieLength; //!< CookieLength
    std::optional<std::string> encap;     //!< Encapsulation (ip or udp)
};

/**
 * \ingroup l2tp
 * \brief Builds and runs a checked lab: every command's actions run once.
 */
class Executor
{
  public:
    /**
     * \param script the lab (its observations resolved)
     * \param plan what the checker made of it
     * \param pcap write the captures' pcap files
     * \param pcapPrefix their prefix
     */
    Executor(const Script& script, const Plan& plan, bool pcap, const std::string& pcapPrefix);
    ~Executor();
    Executor(const Executor&) = delete;
    Executor& operator=(const Executor&) = delete;

    /**
     * \brief Build the topology, carry out the configuration, schedule the timed commands and
     * install the observations.
     * \param results where the run's observations go (kept until Collect)
     */
    void Build(L2tpv3Lab::Results& results);

    /**
     * \brief Read the figures of the live objects at the end of the run (l2tpv3-lab-results.cc).
     * \param results as given to Build
     */
    void Collect(L2tpv3Lab::Results& results);

    /** \return commands whose actions ran so far (each at most once) */
    uint64_t GetCommandsExecuted() const;

    /** \name For the actions of the checked commands */
    //@{
    /** \return the node \p name */
    Ptr<Node> GetNode(const std::string& name);
    /** \return the device of an interface */
    Ptr<NetDevice> Device(const IfRef& ref);
    /** \return the device of an l2tp interface */
    Ptr<L2tpv3NetDevice> L2tpDevice(const IfRef& ref);
    /** \return the IPv4 interface index of an interface (-1 none yet) */
    int32_t Ipv4If(const IfRef& ref);
    /** \return the IPv6 interface index of an interface (-1 none yet) */
    int32_t Ipv6If(const IfRef& ref);
    /**
     * \brief Set an l2tp device's tunnel as the model has it (none when down).
     * \param ref the interface
     * \param up administratively up
     * \param src tunnel source (invalid: none)
     * \param dst tunnel destination (invalid: none)
     */
    void ApplyTunnel(const IfRef& ref, bool up, const Address& src, const Address& dst);
    /**
     * \brief Bring an interface up or down: link, tunnel, IPv4 and IPv6 interfaces.
     * \param ref the interface
     * \param kind what it is
     * \param up up or down
     * \param src its tunnel source (l2tp)
     * \param dst its tunnel destination (l2tp)
     */
    void SetUp(const IfRef& ref, Kind kind, bool up, const Address& src, const Address& dst);
    /**
     * \brief Give an interface an address (and a host route to a point-to-point peer).
     * \param ref the interface
     * \param p address and length
     * \param peer the peer (invalid: none)
     */
    void AddAddress(const IfRef& ref, const Prefix& p, const Address& peer);
    /**
     * \brief Create an l2tp interface's device (the lab's one device factory).
     * \param ref the interface
     * \param name its name
     */
    void CreateL2tp(const IfRef& ref, const std::string& name);
    /**
     * \brief Create a bridge's device.
     * \param ref the interface
     * \param name its name
     */
    void CreateBridge(const IfRef& ref, const std::string& name);
    /**
     * \brief Start `l2tpd` on a node (l2tpv3-lab-l2tpd.cc).
     * \param node the node
     * \param settings its options
     */
    void StartDaemon(const std::string& node, const DaemonSettings& settings);
    /** \return the LCCE of a node's `l2tpd` */
    Ptr<L2tpv3Lcce> Lcce(const std::string& node);
    //@}

  private:
    /** The ns-3 side of one interface of the model. */
    struct Live
    {
        Ptr<NetDevice> device; //!< its device
        int32_t ipv4If{-1};    //!< IPv4 interface index
        int32_t ipv6If{-1};    //!< IPv6 interface index
    };

    /** A running `l2tpd`. */
    struct Daemon
    {
        Ptr<L2tpv3Lcce> lcce; //!< the LCCE
        std::size_t index{0}; //!< its entry in Results::daemons
    };

    /** Counts the frames of one capture. */
    struct CaptureSink
    {
        Executor* executor;               //!< the lab
        L2tpv3Lab::CaptureResult* result; //!< its figures

        /** \param packet a frame seen */
        void Frame(Ptr<const Packet> packet)
        {
            executor->CountFrame(result, packet);
        }
    };

    Live& At(const IfRef& ref);
    IfRef Find(const Model& model, const std::string& node, const std::string& interface) const;
    void Run(const Step& step);
    void InstallObservations(int64_t stream);
    void CountFrame(L2tpv3Lab::CaptureResult* r, Ptr<const Packet> packet);
    void ControlTx(std::string node, uint32_t connection, const L2tpv3ControlMessage& message);
    void DaemonSessionUp(std::size_t index,
                         const L2tpv3SessionParameters& parameters,
                         Ptr<L2tpv3NetDevice> device);
    void DaemonSessionDown(std::size_t index,
                           const L2tpv3SessionParameters& parameters,
                           L2tpv3SessionDownReason reason);
    void CollectDaemons(L2tpv3Lab::Results& results);

    const Script& m_s;                                 //!< the lab
    const Plan& m_plan;                                //!< the checked commands
    bool m_pcap;                                       //!< write pcap files
    std::string m_pcapPrefix;                          //!< their prefix
    L2tpv3Lab::Results* m_results{nullptr};            //!< what the run observes
    std::shared_ptr<const Model> m_model;              //!< the model as the run has it now
    std::map<std::string, Ptr<Node>> m_nodes;          //!< nodes by name
    std::map<std::string, std::vector<Live>> m_live;   //!< per node, by interface index
    std::map<std::string, Daemon> m_daemons;           //!< `l2tpd`s by node
    std::vector<Ptr<L2tpv3Pinger>> m_pingers;          //!< one per ping, in file order
    std::vector<Ptr<L2tpv3Injector>> m_injectors;      //!< one per inject, in file order
    std::vector<std::unique_ptr<CaptureSink>> m_sinks; //!< one per capture
    uint64_t m_commandsExecuted{0};                    //!< commands whose actions ran
    Ptr<L2tpv3DeviceFactory> m_deviceFactory;          //!< makes the l2tp devices
};

} // namespace lab
} // namespace ns3

#endif /* L2TPV3_LAB_EXECUTOR_H */
