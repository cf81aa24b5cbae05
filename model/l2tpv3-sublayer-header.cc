/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-sublayer-header.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpv3SublayerHeader");

NS_OBJECT_ENSURE_REGISTERED(L2tpv3SublayerHeader);

L2tpv3SublayerHeader::L2tpv3SublayerHeader()
    : m_hasSequence(false),
      m_sequence(0)
{
}

TypeId
L2tpv3SublayerHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::L2tpv3SublayerHeader")
                            .SetParent<Header>()
                            .SetGroupName("L2tp")
                            .AddConstructor<L2tpv3SublayerHeader>();
    return tid;
}

TypeId
L2tpv3SublayerHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
L2tpv3SublayerHeader::Print(std::ostream& os) const
{
    if (m_hasSequence)
    {
        os << "seq=" << m_sequence;
    }
    else
    {
        os << "no-seq";
    }
}

uint32_t
L2tpv3SublayerHeader::GetSerializedSize() const
{
    return 4;
}

void
L2tpv3SublayerHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteHtonU32(GetWord());
}

uint32_t
L2tpv3SublayerHeader::GetWord() const
{
    // RFC 4719 §3.2 (RFC 3931 §4.6): S is bit 1, the 24-bit Sequence Number the low bits.
    return m_hasSequence ? (0x40000000U | (m_sequence & SEQUENCE_MASK)) : 0;
}

uint32_t
L2tpv3SublayerHeader::Deserialize(Buffer::Iterator start)
{
    uint32_t word = start.ReadNtohU32();
    m_hasSequence = (word & 0x40000000U) != 0;
    // RFC 3931 §4.6: with S = 0 the Sequence Number is undefined and ignored.
    m_sequence = m_hasSequence ? (word & SEQUENCE_MASK) : 0;
    return 4;
}

bool
L2tpv3SublayerHeader::HasSequence() const
{
    return m_hasSequence;
}

void
L2tpv3SublayerHeader::SetSequence(uint32_t sequence)
{
    m_hasSequence = true;
    m_sequence = sequence & SEQUENCE_MASK;
}

void
L2tpv3SublayerHeader::ClearSequence()
{
    m_hasSequence = false;
    m_sequence = 0;
}

uint32_t
L2tpv3SublayerHeader::GetSequence() const
{
    return m_sequence;
}

} // namespace ns3
