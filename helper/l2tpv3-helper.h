/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_HELPER_H
#define L2TPV3_HELPER_H

#include "ns3/address.h"
#include "ns3/l2tpv3-cookie.h"
#include "ns3/l2tpv3-device-factory.h"
#include "ns3/net-device-container.h"
#include "ns3/node.h"
#include "ns3/object-factory.h"
#include "ns3/trace-helper.h"

#include <string>

namespace ns3
{

class L2tpv3Channel;
class L2tpv3NetDevice;

/**
 * \ingroup l2tp
 * \brief Creates and configures L2TPv3 Ethernet pseudowires (L2tpv3NetDevice).
 *
 * Mirrors the l2tp(4) configuration steps: SetSessionIds is `session`,
 * SetCookies is `cookie`, the addresses given to Install are `tunnel`.
 * InstallPair configures both ends mirror-image, so that what one end sends
 * the other expects. EnablePcap writes the inner Ethernet frames
 * (DLT_EN10MB) that cross a pseudowire. The devices come from an
 * L2tpv3DeviceFactory, as the control plane's do.
 *
 * \code
 *   L2tpv3Helper l2tp;
 *   l2tp.SetSessionIds(1234, 4321);
 *   l2tp.SetCookies(L2tpv3Cookie(4, 12345), L2tpv3Cookie(4, 54321));
 *   NetDeviceContainer pw = l2tp.InstallPair(routerA, Ipv4Address("192.168.0.1"),
 *                                            routerB, Ipv4Address("192.168.0.2"));
 * \endcode
 */
class L2tpv3Helper : public PcapHelperForDevice, public AsciiTraceHelperForDevice
{
  public:
    L2tpv3Helper();
    ~L2tpv3Helper() override;

    /**
     * \brief Set an attribute of every device created from now on.
     * \param name the attribute name, e.g. "Mtu"
     * \param value the value
     */
    void SetDeviceAttribute(std::string name, const AttributeValue& value);

    /**
     * \brief Session IDs of the first end (the mirror for the second end of a pair).
     * \param local Session ID the first end receives on
     * \param remote Session ID the first end sends (the second end receives on)
     * \throws std::invalid_argument for 0 (reserved for control messages)
     */
    void SetSessionIds(uint32_t local, uint32_t remote);

    /**
     * \brief Cookies of the first end (the mirror for the second end of a pair).
     * \param local cookie the first end expects
     * \param remote cookie the first end sends
     */
    void SetCookies(const L2tpv3Cookie& local, const L2tpv3Cookie& remote);

    /** \brief Devices installed from now on have no cookies (l2tp(4) `deletecookie`). */
    void DeleteCookie();

    /**
     * \brief l2tp(4) `deletecookie` on installed devices (L2tpv3NetDevice::DeleteCookie).
     * \param devices pseudowire devices, e.g. what Install or InstallPair returned
     * \throws std::invalid_argument naming the device when one is not an L2tpv3NetDevice
     */
    static void DeleteCookie(const NetDeviceContainer& devices);

    /**
     * \brief Install one pseudowire end on \p node.
     * \param node the LCCE
     * \param localAddress the tunnel source, an address of \p node
     * \param remoteAddress the tunnel destination, the peer LCCE's address
     * \return a container with the new L2tpv3NetDevice
     * \throws std::invalid_argument on any invalid configuration; nothing is installed then
     */
    NetDeviceContainer Install(Ptr<Node> node,
                               const Address& localAddress,
                               const Address& remoteAddress);

    /**
     * \brief Install both ends of a pseudowire, configured mirror-image.
     *
     * The first end uses the Session IDs and cookies as set; the second end
     * swaps local and remote, so that each end sends what the other expects.
     * Both ends share one L2tpv3Channel: not for ends on different MPI ranks
     * (use Install on each rank's node, as examples/l2tp-mpi-example.cc does).
     * \param nodeA the first LCCE
     * \param addressA its tunnel address
     * \param nodeB the second LCCE
     * \param addressB its tunnel address
     * \return the two devices, the first end first
     * \throws std::invalid_argument on any invalid configuration; nothing is installed then
     */
    NetDeviceContainer InstallPair(Ptr<Node> nodeA,
                                   const Address& addressA,
                                   Ptr<Node> nodeB,
                                   const Address& addressB);

  private:
    /**
     * \brief Create and configure one end, not yet attached to a node.
     * \param localAddress tunnel source
     * \param remoteAddress tunnel destination
     * \param localId local Session ID
     * \param remoteId remote Session ID
     * \param localCookie local cookie
     * \param remoteCookie remote cookie
     * \return the device
     * \throws std::invalid_argument when the configuration is invalid
     */
    Ptr<L2tpv3NetDevice> CreateEnd(const Address& localAddress,
                                   const Address& remoteAddress,
                                   uint32_t localId,
                                   uint32_t remoteId,
                                   const L2tpv3Cookie& localCookie,
                                   const L2tpv3Cookie& remoteCookie);

    /**
     * \brief Add a checked end to its node and its pseudowire channel.
     * \param node the node
     * \param device the device
     * \param channel the channel
     */
    void Attach(Ptr<Node> node, Ptr<L2tpv3NetDevice> device, Ptr<L2tpv3Channel> channel);

    void EnablePcapInternal(std::string prefix,
                            Ptr<NetDevice> nd,
                            bool promiscuous,
                            bool explicitFilename) override;
    void EnableAsciiInternal(Ptr<OutputStreamWrapper> stream,
                             std::string prefix,
                             Ptr<NetDevice> nd,
                             bool explicitFilename) override;

    Ptr<L2tpv3DeviceFactory> m_deviceFactory; //!< makes and attaches the devices
    uint32_t m_localSessionId;                //!< first end's local Session ID
    uint32_t m_remoteSessionId;               //!< first end's remote Session ID
    L2tpv3Cookie m_localCookie;               //!< first end's local cookie
    L2tpv3Cookie m_remoteCookie;              //!< first end's remote cookie
};

} // namespace ns3

#endif /* L2TPV3_HELPER_H */
