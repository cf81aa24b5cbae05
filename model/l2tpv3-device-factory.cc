/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-device-factory.h"

#include "l2tpv3-channel.h"
#include "l2tpv3-l4-protocol.h"
#include "l2tpv3-net-device.h"

#include "ns3/boolean.h"
#include "ns3/bridge-net-device.h"
#include "ns3/log.h"
#include "ns3/mac48-address.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/simple-ref-count.h"
#include "ns3/simulator.h"

#include <stdexcept>
#include <string>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpv3DeviceFactory");

NS_OBJECT_ENSURE_REGISTERED(L2tpv3DeviceFactory);

/**
 * \ingroup l2tp
 * \brief The bridges of one node, for the bridge relearn of L2tpv3DeviceFactory.
 */
struct L2tpv3NodeBridges : public SimpleRefCount<L2tpv3NodeBridges>
{
    /// The node's bridges (a few), noted as they are added. Plain pointers, read only while
    /// the node runs: a Ptr would hold the bridge, its learnt entries the ports, a port's
    /// callbacks this.
    std::vector<BridgeNetDevice*> bridges;
};

namespace
{

/**
 * \ingroup l2tp
 * \brief What one pseudowire device keeps to find its bridge when it first comes up, so
 * that the bridge forgets what it learnt when the device goes down.
 *
 * Linux's bridge deletes the forwarding entries of a port whose carrier drops; without
 * that a host that was behind a pseudowire now down, and is now behind another port,
 * is sent to the dead port until its entry expires. ns-3's BridgeNetDevice cannot
 * forget one port's entries, so the bridge stops learning for one ExpirationTime and
 * floods meanwhile (as it does for any destination it does not know): when it learns
 * again every entry it had is expired.
 */
struct BridgeWatch : public SimpleRefCount<BridgeWatch>
{
    /// The device. A plain pointer: this is held by the device's own link-change callback.
    L2tpv3NetDevice* device{nullptr};
    Ptr<L2tpv3NodeBridges> node; //!< its node's bridges
    bool watched{false};         //!< the device's bridge was found and is watched
};

/**
 * \param bridge a bridge that stopped learning one ExpirationTime ago
 */
void
ResumeLearning(Ptr<BridgeNetDevice> bridge)
{
    NS_LOG_LOGIC("bridge " << bridge->GetIfIndex() << " of node " << bridge->GetNode()->GetId()
                           << " learns again");
    bridge->SetAttribute("EnableLearning", BooleanValue(true));
}

/**
 * \brief A pseudowire device's link changed: if it went down, its bridge forgets what
 * it learnt (every entry, for want of a way to forget one port's).
 *
 * Plain pointers: this callback is the port's own, and a Ptr to the bridge would make a
 * cycle (the bridge's learnt entries, which its DoDispose keeps, hold the port), leaking
 * both and every port the bridge learnt, with the pcap files traced on them. The bridge
 * lives as long as its node; the node disposes the port (its node then null) with it.
 * \param bridge the bridge the device is a port of
 * \param port the device
 */
void
ForgetPortIfDown(BridgeNetDevice* bridge, const NetDevice* port)
{
    if (port->IsLinkUp() || !port->GetNode())
    {
        return;
    }
    BooleanValue learning;
    bridge->GetAttribute("EnableLearning", learning);
    TimeValue expiration;
    bridge->GetAttribute("ExpirationTime", expiration);
    // Learning off already: turned off by the user (nothing learnt to forget), or by an
    // earlier pseudowire, whose ResumeLearning comes when every entry, older still, expired.
    if (!learning.Get() || !expiration.Get().IsStrictlyPositive())
    {
        return;
    }
    NS_LOG_LOGIC("port " << port->GetIfIndex() << " of node " << bridge->GetNode()->GetId()
                         << " down: bridge " << bridge->GetIfIndex() << " floods for "
                         << expiration.Get().As(Time::S));
    // Learn() stamps an entry now + ExpirationTime; none is learnt while learning is off,
    // so one ExpirationTime from now every entry has expired (GetLearnedState drops it).
    bridge->SetAttribute("EnableLearning", BooleanValue(false));
    Simulator::Schedule(expiration.Get(), &ResumeLearning, Ptr<BridgeNetDevice>(bridge));
}

/**
 * \brief A pseudowire device's link changed: each time it comes up until its bridge is
 * found, find the bridge of its node it is a port of (among the few bridges noted, not
 * every device of the node: a node may have thousands of pseudowires) and watch the
 * device's link for it (devices are created down, so no down goes unseen).
 * \param watch the device's state
 */
void
WatchWhenUp(Ptr<BridgeWatch> watch)
{
    L2tpv3NetDevice* device = watch->device;
    if (watch->watched || !device->IsLinkUp() || !device->GetNode())
    {
        return;
    }
    for (BridgeNetDevice* bridge : watch->node->bridges)
    {
        for (uint32_t i = 0; i < bridge->GetNBridgePorts(); ++i)
        {
            if (PeekPointer(bridge->GetBridgePort(i)) == device)
            {
                watch->watched = true;
                device->AddLinkChangeCallback(
                    MakeBoundCallback(&ForgetPortIfDown,
                                      bridge,
                                      static_cast<const NetDevice*>(device)));
                return;
            }
        }
    }
}

/**
 * \brief Node device-addition listener: note the bridges.
 * \param node the node's bridges
 * \param device a device added to the node
 */
void
NoteBridge(Ptr<L2tpv3NodeBridges> node, Ptr<NetDevice> device)
{
    if (Ptr<BridgeNetDevice> bridge = DynamicCast<BridgeNetDevice>(device))
    {
        node->bridges.push_back(PeekPointer(bridge));
    }
}

} // namespace

TypeId
L2tpv3DeviceFactory::GetTypeId()
{
    static TypeId tid = TypeId("ns3::L2tpv3DeviceFactory")
                            .SetParent<Object>()
                            .SetGroupName("L2tp")
                            .AddConstructor<L2tpv3DeviceFactory>();
    return tid;
}

L2tpv3DeviceFactory::L2tpv3DeviceFactory()
    : m_bridgeRelearn(false)
{
    m_device.SetTypeId(L2tpv3NetDevice::GetTypeId());
}

L2tpv3DeviceFactory::~L2tpv3DeviceFactory() = default;

void
L2tpv3DeviceFactory::SetDeviceAttribute(const std::string& name, const AttributeValue& value)
{
    m_device.Set(name, value);
}

void
L2tpv3DeviceFactory::SetBridgeRelearn(bool relearn)
{
    m_bridgeRelearn = relearn;
}

bool
L2tpv3DeviceFactory::GetBridgeRelearn() const
{
    return m_bridgeRelearn;
}

Ptr<L2tpv3NetDevice>
L2tpv3DeviceFactory::CreateDevice() const
{
    Ptr<L2tpv3NetDevice> device = m_device.Create<L2tpv3NetDevice>();
    device->SetAddress(Mac48Address::Allocate());
    return device;
}

void
L2tpv3DeviceFactory::Attach(Ptr<Node> node,
                            Ptr<L2tpv3NetDevice> device,
                            Ptr<NetDevice> attachment,
                            Ptr<L2tpv3Channel> channel)
{
    NS_LOG_FUNCTION(this << node << device << attachment << channel);
    Ptr<BridgeNetDevice> bridge = DynamicCast<BridgeNetDevice>(attachment);
    if (attachment && !bridge)
    {
        throw std::invalid_argument("L2tpv3DeviceFactory: attachment " +
                                    attachment->GetInstanceTypeId().GetName() + " of node " +
                                    std::to_string(node->GetId()) +
                                    " is no BridgeNetDevice: a pseudowire device joins a bridge "
                                    "or nothing (nullptr)");
    }
    if (bridge && bridge->GetNode() != node)
    {
        throw std::invalid_argument(
            "L2tpv3DeviceFactory: the bridge is on node " +
            (bridge->GetNode() ? std::to_string(bridge->GetNode()->GetId()) : "none") +
            ", the pseudowire device on node " + std::to_string(node->GetId()));
    }
    node->AddDevice(device);
    device->SetChannel(channel ? channel : CreateObject<L2tpv3Channel>());
    if (bridge)
    {
        bridge->AddBridgePort(device);
    }
    // Only where the node has a bridge: a node with thousands of pseudowires and no bridge
    // pays nothing per device.
    Ptr<L2tpv3NodeBridges> bridges = m_bridgeRelearn ? NodeBridgesOf(node) : nullptr;
    if (bridges && !bridges->bridges.empty())
    {
        Ptr<BridgeWatch> watch = ns3::Create<BridgeWatch>();
        watch->device = PeekPointer(device);
        watch->node = bridges;
        device->AddLinkChangeCallback(MakeBoundCallback(&WatchWhenUp, watch));
    }
}

Ptr<L2tpv3NodeBridges>
L2tpv3DeviceFactory::NodeBridgesOf(Ptr<Node> node)
{
    // One listener per node, registered when the factory first attaches a device there;
    // it is called at once for the devices the node has already.
    auto it = m_nodeBridges.find(node->GetId());
    if (it != m_nodeBridges.end())
    {
        return it->second;
    }
    Ptr<L2tpv3NodeBridges> bridges = ns3::Create<L2tpv3NodeBridges>();
    m_nodeBridges[node->GetId()] = bridges;
    node->RegisterDeviceAdditionListener(MakeBoundCallback(&NoteBridge, bridges));
    return bridges;
}

Ptr<L2tpv3NetDevice>
L2tpv3DeviceFactory::Create(Ptr<Node> node, Ptr<NetDevice> attachment)
{
    // Created down (no Session IDs) and joined now: the session's negotiation configures it.
    Ptr<L2tpv3NetDevice> device = CreateDevice();
    Attach(node, device, attachment);
    return device;
}

Ptr<L2tpv3NetDevice>
L2tpv3DeviceFactory::Create(Ptr<Node> node,
                            Ptr<NetDevice> attachment,
                            const L2tpv3SessionConfig& config,
                            Ptr<L2tpv3Channel> channel)
{
    Ptr<L2tpv3NetDevice> device = CreateDevice();
    device->Configure(config);
    // Checked before the device joins the node, so that a refused device leaves no trace.
    L2tpv3L4Protocol::GetOrCreate(node)->CheckSessionFree(device->GetSessionKey());
    Attach(node, device, attachment, channel);
    return device;
}

} // namespace ns3
