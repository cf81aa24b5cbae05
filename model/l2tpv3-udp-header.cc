/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-udp-header.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpv3UdpHeader");

NS_OBJECT_ENSURE_REGISTERED(L2tpv3UdpHeader);

L2tpv3UdpHeader::L2tpv3UdpHeader()
    : m_control(false),
      m_version(VERSION)
{
}

TypeId
L2tpv3UdpHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::L2tpv3UdpHeader")
                            .SetParent<Header>()
                            .SetGroupName("L2tp")
                            .AddConstructor<L2tpv3UdpHeader>();
    return tid;
}

TypeId
L2tpv3UdpHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
L2tpv3UdpHeader::Print(std::ostream& os) const
{
    os << (m_control ? "control" : "data") << " ver=" << unsigned(m_version);
}

uint32_t
L2tpv3UdpHeader::GetSerializedSize() const
{
    return 4;
}

void
L2tpv3UdpHeader::Serialize(Buffer::Iterator start) const
{
    // RFC 3931 §4.1.2.1: reserved bits are sent as zero.
    uint16_t word = (m_control ? 0x8000 : 0) | (m_version & 0x0f);
    start.WriteHtonU16(word);
    start.WriteHtonU16(0);
}

uint32_t
L2tpv3UdpHeader::Deserialize(Buffer::Iterator start)
{
    // RFC 3931 §4.1.2.1: reserved bits are ignored on receipt.
    uint16_t word = start.ReadNtohU16();
    start.ReadNtohU16();
    m_control = (word & 0x8000) != 0;
    m_version = word & 0x0f;
    return 4;
}

bool
L2tpv3UdpHeader::IsControl() const
{
    return m_control;
}

void
L2tpv3UdpHeader::SetControl(bool control)
{
    m_control = control;
}

uint8_t
L2tpv3UdpHeader::GetVersion() const
{
    return m_version;
}

void
L2tpv3UdpHeader::SetVersion(uint8_t version)
{
    m_version = version & 0x0f;
}

} // namespace ns3
