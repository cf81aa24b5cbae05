/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-lcce-helper.h"

#include "ns3/ipv4.h"
#include "ns3/ipv6.h"
#include "ns3/l2tpv3-device-factory.h"
#include "ns3/l2tpv3-lcce.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/string.h"

#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpv3LcceHelper");

L2tpv3LcceHelper::L2tpv3LcceHelper()
{
    m_factory.SetTypeId(L2tpv3Lcce::GetTypeId());
}

void
L2tpv3LcceHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value); // the name and the checker, now
    m_attributes.emplace_back(name, value.Copy());
}

void
L2tpv3LcceHelper::SetDeviceAttribute(const std::string& name, const AttributeValue& value)
{
    m_deviceAttributes.emplace_back(name, value.Copy());
}

void
L2tpv3LcceHelper::SetProfile(L2tpv3LcceProfile profile)
{
    NS_LOG_FUNCTION(this << L2tpv3LcceProfileName(profile));
    for (const auto& v : L2tpv3GetLcceProfile(profile))
    {
        SetAttribute(v.attribute, StringValue(v.value));
    }
}

void
L2tpv3LcceHelper::SetProfile(const std::string& name)
{
    SetProfile(L2tpv3ParseLcceProfile(name));
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
    Ptr<L2tpv3Lcce> lcce = CreateObject<L2tpv3Lcce>();
    for (const auto& [name, value] : m_attributes)
    {
        lcce->SetAttribute(name, *value);
    }
    node->AddApplication(lcce);
    // One factory per LCCE: its pseudowire devices, ports of their bridges, which relearn
    // when one goes down (L2tpv3DeviceFactory::SetBridgeRelearn).
    Ptr<L2tpv3DeviceFactory> devices = CreateObject<L2tpv3DeviceFactory>();
    for (const auto& [name, value] : m_deviceAttributes)
    {
        devices->SetDeviceAttribute(name, *value);
    }
    devices->SetBridgeRelearn(true);
    lcce->SetDeviceFactory(devices);
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
