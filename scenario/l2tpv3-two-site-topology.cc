/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-two-site-topology.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/bridge-helper.h"
#include "ns3/icmpv6-l4-protocol.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-interface-address.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-address-helper.h"
#include "ns3/ipv6-interface-address.h"
#include "ns3/ipv6.h"
#include "ns3/l2tpv3-names.h"
#include "ns3/log.h"
#include "ns3/mac48-address.h"
#include "ns3/names.h"

#include <arpa/inet.h>
#include <stdexcept>
#include <string>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpv3TwoSiteTopology");

Ipv6InterfaceContainer
L2tpv3AssignSequentialIpv6(const NetDeviceContainer& devices, Ipv6Address network)
{
    Ipv6AddressHelper helper;
    helper.SetBase(network, Ipv6Prefix(64));
    Ipv6InterfaceContainer interfaces = helper.AssignWithoutAddress(devices);
    for (uint32_t i = 0; i < interfaces.GetN(); ++i)
    {
        Ptr<Ipv6> ipv6 = interfaces.Get(i).first;
        ipv6->AddAddress(interfaces.Get(i).second,
                         Ipv6InterfaceAddress(helper.NewAddress(), Ipv6Prefix(64)));
    }
    return interfaces;
}

Address
L2tpv3ParseAddressOption(const std::string& name, const std::string& text, bool ipv6)
{
    unsigned char parsed[16];
    if (ipv6)
    {
        if (inet_pton(AF_INET6, text.c_str(), parsed) != 1)
        {
            throw std::invalid_argument(name + "=" + text +
                                        ": not an IPv6 address (the underlay is IPv6: --ipv6)");
        }
        return Ipv6Address(text.c_str());
    }
    if (inet_pton(AF_INET, text.c_str(), parsed) != 1)
    {
        throw std::invalid_argument(name + "=" + text + ": " +
                                    (text.find(':') == std::string::npos
                                         ? "not an IPv4 address"
                                         : "not an IPv4 address (an IPv6 underlay needs --ipv6)"));
    }
    return Ipv4Address(text.c_str());
}

uint32_t
L2tpv3AddInterfaceAddress(Ptr<NetDevice> device, const Address& address, uint8_t prefixLength)
{
    NS_LOG_FUNCTION(device << address << unsigned(prefixLength));
    const std::string where = "L2tpv3AddInterfaceAddress: ";
    if (!device || !device->GetNode())
    {
        throw std::invalid_argument(where + "the device is null or on no node");
    }
    Ptr<Node> node = device->GetNode();
    if (Ipv4Address::IsMatchingType(address))
    {
        Ptr<Ipv4> ip = node->GetObject<Ipv4>();
        if (!ip || prefixLength > 32)
        {
            throw std::invalid_argument(
                where +
                (ip ? "prefix length " + std::to_string(prefixLength) + ": must be at most 32"
                    : "node " + std::to_string(node->GetId()) + " has no IPv4 stack"));
        }
        int32_t i = ip->GetInterfaceForDevice(device);
        uint32_t interface = i >= 0 ? uint32_t(i) : ip->AddInterface(device);
        ip->AddAddress(
            interface,
            Ipv4InterfaceAddress(Ipv4Address::ConvertFrom(address),
                                 Ipv4Mask(("/" + std::to_string(prefixLength)).c_str())));
        ip->SetUp(interface);
        return interface;
    }
    if (Ipv6Address::IsMatchingType(address))
    {
        Ptr<Ipv6> ip = node->GetObject<Ipv6>();
        if (!ip || prefixLength > 128)
        {
            throw std::invalid_argument(
                where +
                (ip ? "prefix length " + std::to_string(prefixLength) + ": must be at most 128"
                    : "node " + std::to_string(node->GetId()) + " has no IPv6 stack"));
        }
        int32_t i = ip->GetInterfaceForDevice(device);
        uint32_t interface = i >= 0 ? uint32_t(i) : ip->AddInterface(device);
        ip->AddAddress(
            interface,
            Ipv6InterfaceAddress(Ipv6Address::ConvertFrom(address), Ipv6Prefix(prefixLength)));
        ip->SetUp(interface);
        return interface;
    }
    throw std::invalid_argument(where + "address " + L2tpv3AddressText(address) +
                                ": not an IPv4 or IPv6 address");
}

void
L2tpv3TwoSiteTopology::CreateNodes()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(m_nodes.GetN() != 0, "L2tpv3TwoSiteTopology::CreateNodes called twice");
    // Same run, same bytes: MAC addresses do not depend on what ran before in this process.
    Mac48Address::ResetAllocationIndex();
    m_nodes.Create(4);
    Names::Add("NetBSD_A", GetRouterA());
    Names::Add("NetBSD_B", GetRouterB());
    Names::Add("Host_X", GetHostX());
    Names::Add("Host_Y", GetHostY());
}

NetDeviceContainer
L2tpv3TwoSiteTopology::InstallWan(const CsmaHelper& wan)
{
    NS_LOG_FUNCTION(this);
    m_wan = wan.Install(NodeContainer(GetRouterA(), GetRouterB()));
    Names::Add("NetBSD_A/wm0", m_wan.Get(0));
    Names::Add("NetBSD_B/wm0", m_wan.Get(1));
    return m_wan;
}

void
L2tpv3TwoSiteTopology::InstallLans(const CsmaHelper& lan)
{
    NS_LOG_FUNCTION(this);
    m_lanA = lan.Install(NodeContainer(GetHostX(), GetRouterA()));
    m_lanB = lan.Install(NodeContainer(GetHostY(), GetRouterB()));
    m_hosts = NetDeviceContainer(m_lanA.Get(0), m_lanB.Get(0));
    Names::Add("Host_X/wm0", m_lanA.Get(0));
    Names::Add("Host_Y/wm0", m_lanB.Get(0));
    Names::Add("NetBSD_A/wm1", m_lanA.Get(1));
    Names::Add("NetBSD_B/wm1", m_lanB.Get(1));
}

void
L2tpv3TwoSiteTopology::InstallInternet(const InternetStackHelper& stack)
{
    NS_LOG_FUNCTION(this);
    stack.Install(m_nodes);
    // Addresses are usable at once: no duplicate address detection delay.
    for (uint32_t i = 0; i < m_nodes.GetN(); ++i)
    {
        m_nodes.Get(i)->GetObject<Icmpv6L4Protocol>()->SetAttribute("DAD", BooleanValue(false));
    }
}

void
L2tpv3TwoSiteTopology::AssignWanAddresses(bool ipv6, Ipv6Numbering numbering)
{
    NS_LOG_FUNCTION(this << ipv6);
    m_wanIpv6 = ipv6;
    if (!ipv6)
    {
        Ipv4AddressHelper address("192.168.0.0", "255.255.255.0");
        m_wan4 = address.Assign(m_wan);
    }
    else if (numbering == Ipv6Numbering::SEQUENTIAL)
    {
        m_wan6 = L2tpv3AssignSequentialIpv6(m_wan, Ipv6Address("2001:db8::"));
    }
    else
    {
        Ipv6AddressHelper address;
        address.SetBase(Ipv6Address("2001:db8::"), Ipv6Prefix(64));
        m_wan6 = address.Assign(m_wan);
    }
}

void
L2tpv3TwoSiteTopology::InstallBridges(const NetDeviceContainer& l2tp0)
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_UNLESS(l2tp0.GetN() == 0 || l2tp0.GetN() == 2,
                        "InstallBridges: give both routers' l2tp0, or none");
    BridgeHelper bridge;
    NetDeviceContainer portsA(m_lanA.Get(1));
    NetDeviceContainer portsB(m_lanB.Get(1));
    if (l2tp0.GetN() == 2)
    {
        portsA.Add(l2tp0.Get(0));
        portsB.Add(l2tp0.Get(1));
    }
    m_bridges = bridge.Install(GetRouterA(), portsA);
    m_bridges.Add(bridge.Install(GetRouterB(), portsB));
    Names::Add("NetBSD_A/bridge0", m_bridges.Get(0));
    Names::Add("NetBSD_B/bridge0", m_bridges.Get(1));
}

void
L2tpv3TwoSiteTopology::AssignHostAddresses(bool ipv6)
{
    NS_LOG_FUNCTION(this << ipv6);
    m_innerIpv6 = ipv6;
    if (ipv6)
    {
        m_inner6 = L2tpv3AssignSequentialIpv6(m_hosts, Ipv6Address("2001:db8:1::"));
    }
    else
    {
        Ipv4AddressHelper address("10.0.0.0", "255.255.255.0");
        m_inner4 = address.Assign(m_hosts);
    }
}

void
L2tpv3TwoSiteTopology::EnablePcap(const std::string& prefix, CsmaHelper& wan, CsmaHelper& lan) const
{
    wan.EnablePcap(prefix, m_wan, true);
    lan.EnablePcap(prefix, m_lanA, true);
    lan.EnablePcap(prefix, m_lanB, true);
}

const NodeContainer&
L2tpv3TwoSiteTopology::GetNodes() const
{
    return m_nodes;
}

Ptr<Node>
L2tpv3TwoSiteTopology::GetRouterA() const
{
    return m_nodes.Get(0);
}

Ptr<Node>
L2tpv3TwoSiteTopology::GetRouterB() const
{
    return m_nodes.Get(1);
}

Ptr<Node>
L2tpv3TwoSiteTopology::GetHostX() const
{
    return m_nodes.Get(2);
}

Ptr<Node>
L2tpv3TwoSiteTopology::GetHostY() const
{
    return m_nodes.Get(3);
}

const NetDeviceContainer&
L2tpv3TwoSiteTopology::GetWanDevices() const
{
    return m_wan;
}

const NetDeviceContainer&
L2tpv3TwoSiteTopology::GetLanA() const
{
    return m_lanA;
}

const NetDeviceContainer&
L2tpv3TwoSiteTopology::GetLanB() const
{
    return m_lanB;
}

const NetDeviceContainer&
L2tpv3TwoSiteTopology::GetHostDevices() const
{
    return m_hosts;
}

const NetDeviceContainer&
L2tpv3TwoSiteTopology::GetBridges() const
{
    return m_bridges;
}

Address
L2tpv3TwoSiteTopology::GetWanAddress(uint32_t index) const
{
    return m_wanIpv6 ? Address(m_wan6.GetAddress(index, 1)) : Address(m_wan4.GetAddress(index));
}

Address
L2tpv3TwoSiteTopology::GetHostAddress(uint32_t index) const
{
    return m_innerIpv6 ? Address(m_inner6.GetAddress(index, 1))
                       : Address(m_inner4.GetAddress(index));
}

} // namespace ns3
