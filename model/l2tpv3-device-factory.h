/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_DEVICE_FACTORY_H
#define L2TPV3_DEVICE_FACTORY_H

#include "l2tpv3-channel.h"
#include "l2tpv3-session-config.h"

#include "ns3/object-factory.h"
#include "ns3/object.h"
#include "ns3/ptr.h"

#include <map>
#include <string>

namespace ns3
{

class L2tpv3NetDevice;
class NetDevice;
class Node;
struct L2tpv3NodeBridges;

/**
 * \ingroup l2tp
 * \brief Makes the L2tpv3NetDevice of a pseudowire: the one place a pseudowire device is
 * created, given its channel, added to its node and joined to its attachment.
 *
 * The control plane (L2tpv3Lcce) reaches the data plane only through this factory (a
 * device per pseudowire, created down) and L2tpv3NetDevice::Configure (an
 * L2tpv3SessionConfig when the session is up). L2tpv3Helper creates its devices through
 * one too, and so can any builder of topologies (Create with a configuration).
 *
 * The attachment is what the device joins besides its node: nullptr (nothing) or a
 * BridgeNetDevice of the node, of which it becomes a port. With SetBridgeRelearn(true)
 * (L2tpv3LcceHelper sets it) a bridge forgets what it learnt when one of its pseudowire
 * ports goes down: see SetBridgeRelearn.
 */
class L2tpv3DeviceFactory : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    L2tpv3DeviceFactory();
    ~L2tpv3DeviceFactory() override;

    /**
     * \brief Set an attribute of every device created from now on.
     * \param name an attribute of ns3::L2tpv3NetDevice, e.g. "MtuPolicy"
     * \param value its value
     */
    void SetDeviceAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief When a device of this factory that is a port of a BridgeNetDevice of its node
     * goes down, that bridge stops learning for one of its ExpirationTime, then learns again
     * with every old entry expired.
     *
     * A host learnt behind the dead pseudowire is flooded to meanwhile, not sent to the dead
     * port (Linux's bridge deletes the entries of a port whose carrier drops; ns-3's cannot
     * forget one port's). A bridge whose learning is off is left so. The bridge is the one
     * the device is a port of when it first comes up (the attachment, or one the user
     * added it to); devices made on a node that has no bridge yet are not watched.
     * \param relearn true to do so (false by default)
     */
    void SetBridgeRelearn(bool relearn);
    /** \return whether bridges relearn when a pseudowire port goes down */
    bool GetBridgeRelearn() const;

    /**
     * \brief A pseudowire device from the device attributes, with a new MAC address,
     * on no node yet.
     * \return the device
     */
    Ptr<L2tpv3NetDevice> CreateDevice() const;

    /**
     * \brief Put a device on its node, with its channel, and join its attachment.
     * \param node the node
     * \param device the device (from CreateDevice)
     * \param attachment nullptr or a BridgeNetDevice of \p node
     * \param channel the pseudowire's channel, shared by both ends on one simulation
     *        (nullptr: a new one)
     * \throws std::invalid_argument when the attachment is neither (nothing is changed then)
     */
    void Attach(Ptr<Node> node,
                Ptr<L2tpv3NetDevice> device,
                Ptr<NetDevice> attachment,
                Ptr<L2tpv3Channel> channel = nullptr);

    /**
     * \brief The control plane's call: a new device for a pseudowire, down until
     * L2tpv3NetDevice::Configure brings its session up.
     * \param node the node
     * \param attachment nullptr or a BridgeNetDevice of \p node
     * \return the device, on the node
     * \throws std::invalid_argument as Attach
     */
    Ptr<L2tpv3NetDevice> Create(Ptr<Node> node, Ptr<NetDevice> attachment);

    /**
     * \brief A configured pseudowire end on a node, joined to an attachment (a static
     * pseudowire, l2tp(4) style).
     *
     * Checked before the device joins the node, so that a refused configuration leaves
     * nothing behind.
     * \param node the node
     * \param attachment nullptr or a BridgeNetDevice of \p node
     * \param config the end's configuration (L2tpv3SessionConfig::Validate)
     * \param channel the pseudowire's channel (nullptr: a new one)
     * \return the device, up
     * \throws std::invalid_argument naming the bad field, a Session ID used on the node, or a
     *         bad attachment
     */
    Ptr<L2tpv3NetDevice> Create(Ptr<Node> node,
                                Ptr<NetDevice> attachment,
                                const L2tpv3SessionConfig& config,
                                Ptr<L2tpv3Channel> channel = nullptr);

  private:
    /**
     * \param node a node
     * \return its bridges, noted by a device-addition listener registered on first use
     */
    Ptr<L2tpv3NodeBridges> NodeBridgesOf(Ptr<Node> node);

    ObjectFactory m_device; //!< makes the devices
    bool m_bridgeRelearn;   //!< bridges relearn when a pseudowire port goes down
    std::map<uint32_t, Ptr<L2tpv3NodeBridges>> m_nodeBridges; //!< by node ID (bridge relearn only)
};

} // namespace ns3

#endif /* L2TPV3_DEVICE_FACTORY_H */
