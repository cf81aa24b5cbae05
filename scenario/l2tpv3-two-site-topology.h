/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_TWO_SITE_TOPOLOGY_H
#define L2TPV3_TWO_SITE_TOPOLOGY_H

#include "ns3/address.h"
#include "ns3/csma-helper.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-interface-container.h"
#include "ns3/ipv6-address.h"
#include "ns3/ipv6-interface-container.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"

#include <string>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief Give devices the addresses network::1, ::2, ... (as the manual writes them),
 * rather than addresses derived from their MAC addresses (Ipv6AddressHelper::Assign).
 * \param devices the devices, in address order
 * \param network the /64 network
 * \return their interfaces
 */
Ipv6InterfaceContainer L2tpv3AssignSequentialIpv6(const NetDeviceContainer& devices,
                                                  Ipv6Address network);

/**
 * \ingroup l2tp
 * \brief Give one device of a node with an IP stack one address and bring its interface up,
 * as `ifconfig DEVICE inet ADDRESS/PREFIX` does: for ports no address helper numbers (an
 * emulated WAN port, a router's links in a bench).
 * \param device the device (on a node with an Internet stack)
 * \param address an IPv4 or IPv6 address
 * \param prefixLength its prefix length (at most 32 for IPv4, 128 for IPv6)
 * \return the interface index (the device's interface, added when it had none)
 * \throws std::invalid_argument for a device without a node or without the stack of the
 * address's family, another kind of address, or a prefix length out of range
 */
uint32_t L2tpv3AddInterfaceAddress(Ptr<NetDevice> device,
                                   const Address& address,
                                   uint8_t prefixLength);

/**
 * \ingroup l2tp
 * \brief An address given on an example's command line, in the underlay's family.
 * \param name the option (for the message)
 * \param text what was given
 * \param ipv6 whether the underlay is IPv6
 * \return the address
 * \throws std::invalid_argument "NAME=TEXT: not an IPv4 address" (saying when the text is
 * an IPv6 address that the underlay needs --ipv6) or "NAME=TEXT: not an IPv6 address"
 */
Address L2tpv3ParseAddressOption(const std::string& name, const std::string& text, bool ipv6);

/**
 * \ingroup l2tp
 * \brief The plumbing of the NetBSD l2tp(4) manual's two-site example, built once for the
 * scenarios, the examples and the tests:
 *
 * \verbatim
   Host_X --wm1-- NetBSD_A --wm0===== WAN =====wm0-- NetBSD_B --wm1-- Host_Y
                  bridge0 = wm1 + l2tp0              bridge0 = wm1 + l2tp0
   \endverbatim
 *
 * The steps are separate so that each user keeps its own order of construction (object
 * creation order decides ns-3's automatic random streams, hence the bytes and times of a
 * run) and adds its own between them (error models, stream numbers, the pseudowires
 * themselves, static or by an LCCE). In the manual's order:
 *
 * 1. CreateNodes: NetBSD_A, NetBSD_B, Host_X, Host_Y (node 0 to 3), named;
 * 2. InstallWan: wm0 of both routers on one CSMA segment;
 * 3. InstallLans: Host_X -- NetBSD_A wm1, Host_Y -- NetBSD_B wm1;
 * 4. InstallInternet: IPv4 and IPv6 on all four, addresses usable at once (no DAD);
 * 5. AssignWanAddresses: 192.168.0.1/24 and .2, or 2001:db8::/64;
 * 6. (the caller) l2tp0 on both routers;
 * 7. InstallBridges: bridge0 = wm1 (+ l2tp0) on each router;
 * 8. AssignHostAddresses: 10.0.0.1/24 and .2, or 2001:db8:1::1/64 and ::2.
 *
 * Every device is named as NetBSD names it (Names: "NetBSD_A/wm0", "Host_X/wm0", ...), so
 * that pcap files read l2tp-bridge-example-NetBSD_A-wm0.pcap.
 */
class L2tpv3TwoSiteTopology
{
  public:
    /** \brief How IPv6 addresses are numbered. */
    enum class Ipv6Numbering
    {
        SEQUENTIAL, //!< network::1, ::2, as the manual writes them
        FROM_MAC    //!< derived from the MAC addresses (Ipv6AddressHelper::Assign)
    };

    /**
     * \brief Create the four nodes, in the order NetBSD_A, NetBSD_B, Host_X, Host_Y, and
     * name them. MAC addresses restart at 00:00:00:00:00:01, so that the same run gives the
     * same bytes whatever ran before in this process.
     */
    void CreateNodes();

    /**
     * \brief Connect wm0 of NetBSD_A and NetBSD_B through one CSMA segment.
     * \param wan the helper, its channel and device attributes set
     * \return the WAN devices: NetBSD_A's, NetBSD_B's
     */
    NetDeviceContainer InstallWan(const CsmaHelper& wan);

    /**
     * \brief Connect Host_X to NetBSD_A's wm1 and Host_Y to NetBSD_B's wm1 (the host's device
     * first on each segment).
     * \param lan the helper, its channel and device attributes set
     */
    void InstallLans(const CsmaHelper& lan);

    /**
     * \brief Install IPv4 and IPv6 on the four nodes, with duplicate address detection off
     * (addresses usable at once).
     * \param stack the helper
     */
    void InstallInternet(const InternetStackHelper& stack);

    /**
     * \brief Address the routers' WAN ports: 192.168.0.1/24 and .2 (the manual's), or
     * 2001:db8::/64.
     * \param ipv6 an IPv6 underlay
     * \param numbering how IPv6 addresses are numbered
     */
    void AssignWanAddresses(bool ipv6, Ipv6Numbering numbering = Ipv6Numbering::SEQUENTIAL);

    /**
     * \brief bridge0 on each router: wm1 and, when given, that router's l2tp0.
     * \param l2tp0 NetBSD_A's and NetBSD_B's pseudowire devices, or an empty container (an
     * LCCE adds its devices to the bridges later)
     */
    void InstallBridges(const NetDeviceContainer& l2tp0 = NetDeviceContainer());

    /**
     * \brief Address the hosts on one subnet across both sites: 10.0.0.1/24 and .2, or
     * 2001:db8:1::1/64 and ::2.
     * \param ipv6 IPv6 between the hosts
     */
    void AssignHostAddresses(bool ipv6);

    /**
     * \brief Write pcap files of wm0 on both routers and of both LANs.
     * \param prefix the file name prefix
     * \param wan the helper the WAN was installed with
     * \param lan the helper the LANs were installed with
     */
    void EnablePcap(const std::string& prefix, CsmaHelper& wan, CsmaHelper& lan) const;

    /** \return the four nodes: NetBSD_A, NetBSD_B, Host_X, Host_Y */
    const NodeContainer& GetNodes() const;
    /** \return NetBSD_A */
    Ptr<Node> GetRouterA() const;
    /** \return NetBSD_B */
    Ptr<Node> GetRouterB() const;
    /** \return Host_X */
    Ptr<Node> GetHostX() const;
    /** \return Host_Y */
    Ptr<Node> GetHostY() const;
    /** \return wm0 of NetBSD_A and of NetBSD_B */
    const NetDeviceContainer& GetWanDevices() const;
    /** \return Host_X's device and NetBSD_A's wm1 */
    const NetDeviceContainer& GetLanA() const;
    /** \return Host_Y's device and NetBSD_B's wm1 */
    const NetDeviceContainer& GetLanB() const;
    /** \return Host_X's and Host_Y's devices */
    const NetDeviceContainer& GetHostDevices() const;
    /** \return bridge0 of NetBSD_A and of NetBSD_B */
    const NetDeviceContainer& GetBridges() const;
    /**
     * \param index 0 for NetBSD_A, 1 for NetBSD_B
     * \return that router's WAN address, its tunnel endpoint
     */
    Address GetWanAddress(uint32_t index) const;
    /**
     * \param index 0 for Host_X, 1 for Host_Y
     * \return that host's address
     */
    Address GetHostAddress(uint32_t index) const;

  private:
    NodeContainer m_nodes;           //!< NetBSD_A, NetBSD_B, Host_X, Host_Y
    NetDeviceContainer m_wan;        //!< wm0 of both routers
    NetDeviceContainer m_lanA;       //!< Host_X's device, NetBSD_A's wm1
    NetDeviceContainer m_lanB;       //!< Host_Y's device, NetBSD_B's wm1
    NetDeviceContainer m_hosts;      //!< the hosts' devices
    NetDeviceContainer m_bridges;    //!< bridge0 of both routers
    Ipv4InterfaceContainer m_wan4;   //!< routers' IPv4 WAN interfaces
    Ipv6InterfaceContainer m_wan6;   //!< routers' IPv6 WAN interfaces
    bool m_wanIpv6{false};           //!< the WAN is IPv6
    Ipv4InterfaceContainer m_inner4; //!< hosts' IPv4 interfaces
    Ipv6InterfaceContainer m_inner6; //!< hosts' IPv6 interfaces
    bool m_innerIpv6{false};         //!< the hosts speak IPv6
};

} // namespace ns3

#endif /* L2TPV3_TWO_SITE_TOPOLOGY_H */
