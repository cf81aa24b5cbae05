/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-lcce-helper.h"

#include "ns3/boolean.h"
#include "ns3/bridge-net-device.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6.h"
#include "ns3/l2tpv3-lcce.h"
#include "ns3/l2tpv3-net-device.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/simple-ref-count.h"
#include "ns3/simulator.h"

#include <set>
#include <stdexcept>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpv3LcceHelper");

namespace
{

/**
 * \ingroup l2tp
 * \brief What the helper keeps for one LCCE to make a bridge forget a pseudowire that
 * went down: its node's bridges, and the pseudowire devices already watched.
 *
 * Linux's bridge deletes the forwarding entries of a port whose carrier drops; without
 * that a host that was behind a pseudowire now down, and is now behind another port,
 * is sent to the dead port until its entry expires. ns-3's BridgeNetDevice cannot
 * forget one port's entries, so the bridge stops learning for one ExpirationTime and
 * floods meanwhile (as it does for any destination it does not know): when it learns
 * again every entry it had is expired.
 */
struct BridgeForgetting : public SimpleRefCount<BridgeForgetting>
{
    /// The node's bridges (a few). Plain pointers, read only while the node runs: a Ptr
    /// would hold the bridge, its learnt entries the ports, a port's callbacks maybe the
    /// LCCE, and the LCCE this.
    std::vector<BridgeNetDevice*> bridges;
    std::set<const NetDevice*> watched; //!< pseudowire devices with our callback
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
 * \brief Node device-addition listener: note the bridges.
 * \param state the LCCE's state
 * \param device a device added to the node
 */
void
NoteBridge(Ptr<BridgeForgetting> state, Ptr<NetDevice> device)
{
    if (Ptr<BridgeNetDevice> bridge = DynamicCast<BridgeNetDevice>(device))
    {
        state->bridges.push_back(PeekPointer(bridge));
    }
}

/**
 * \brief SessionUp trace: the first time a pseudowire's device comes up, watch its link
 * if it is a bridge port (devices are created down, so no down goes unseen).
 * \param state the LCCE's state
 * \param device the session's device
 */
void
WatchPseudowire(Ptr<BridgeForgetting> state,
                const L2tpv3SessionParameters& /* parameters */,
                Ptr<L2tpv3NetDevice> device)
{
    if (state->watched.count(PeekPointer(device)))
    {
        return;
    }
    for (BridgeNetDevice* bridge : state->bridges)
    {
        for (uint32_t i = 0; i < bridge->GetNBridgePorts(); ++i)
        {
            if (bridge->GetBridgePort(i) == device)
            {
                state->watched.insert(PeekPointer(device));
                device->AddLinkChangeCallback(
                    MakeBoundCallback(&ForgetPortIfDown,
                                      bridge,
                                      static_cast<const NetDevice*>(PeekPointer(device))));
                return;
            }
        }
    }
}

} // namespace

L2tpv3LcceHelper::L2tpv3LcceHelper()
{
    m_factory.SetTypeId(L2tpv3Lcce::GetTypeId());
}

void
L2tpv3LcceHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

Ptr<L2tpv3Lcce>
L2tpv3LcceHelper::Install(Ptr<Node> node) const
{
    if (!node->GetObject<Ipv4>() && !node->GetObject<Ipv6>())
    {
        throw std::invalid_argument("L2tpv3LcceHelper::Install: node " +
                                    std::to_string(node->GetId()) +
                                    " has no Internet stack (InternetStackHelper first)");
    }
    for (uint32_t i = 0; i < node->GetNApplications(); ++i)
    {
        if (DynamicCast<L2tpv3Lcce>(node->GetApplication(i)))
        {
            throw std::invalid_argument("L2tpv3LcceHelper::Install: node " +
                                        std::to_string(node->GetId()) + " has an LCCE already");
        }
    }
    Ptr<L2tpv3Lcce> lcce = m_factory.Create<L2tpv3Lcce>();
    node->AddApplication(lcce);
    // Control-plane events only: a device addition, a session up, a link down.
    Ptr<BridgeForgetting> state = Create<BridgeForgetting>();
    node->RegisterDeviceAdditionListener(MakeBoundCallback(&NoteBridge, state));
    lcce->TraceConnectWithoutContext("SessionUp", MakeBoundCallback(&WatchPseudowire, state));
    return lcce;
}

ApplicationContainer
L2tpv3LcceHelper::Install(const NodeContainer& nodes) const
{
    ApplicationContainer apps;
    for (auto i = nodes.Begin(); i != nodes.End(); ++i)
    {
        apps.Add(Install(*i));
    }
    return apps;
}

} // namespace ns3
