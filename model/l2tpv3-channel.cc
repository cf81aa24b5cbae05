/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-channel.h"

#include "l2tpv3-net-device.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpv3Channel");

NS_OBJECT_ENSURE_REGISTERED(L2tpv3Channel);

TypeId
L2tpv3Channel::GetTypeId()
{
    static TypeId tid = TypeId("ns3::L2tpv3Channel")
                            .SetParent<Channel>()
                            .SetGroupName("L2tp")
                            .AddConstructor<L2tpv3Channel>();
    return tid;
}

L2tpv3Channel::L2tpv3Channel()
{
    NS_LOG_FUNCTION(this);
}

void
L2tpv3Channel::Attach(Ptr<L2tpv3NetDevice> device)
{
    NS_LOG_FUNCTION(this << device);
    if (std::find(m_devices.begin(), m_devices.end(), device) == m_devices.end())
    {
        m_devices.push_back(device);
    }
}

void
L2tpv3Channel::Detach(Ptr<L2tpv3NetDevice> device)
{
    NS_LOG_FUNCTION(this << device);
    m_devices.erase(std::remove(m_devices.begin(), m_devices.end(), device), m_devices.end());
}

std::size_t
L2tpv3Channel::GetNDevices() const
{
    return m_devices.size();
}

Ptr<NetDevice>
L2tpv3Channel::GetDevice(std::size_t i) const
{
    return i < m_devices.size() ? m_devices[i] : nullptr;
}

void
L2tpv3Channel::DoDispose()
{
    m_devices.clear();
    Channel::DoDispose();
}

} // namespace ns3
