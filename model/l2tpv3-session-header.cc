/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-session-header.h"

#include "ns3/log.h"
#include "ns3/packet.h"

#include <iomanip>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpv3SessionHeader");

NS_OBJECT_ENSURE_REGISTERED(L2tpv3SessionHeader);

L2tpv3SessionHeader::L2tpv3SessionHeader()
    : m_sessionId(0),
      m_cookieLength(0)
{
}

TypeId
L2tpv3SessionHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::L2tpv3SessionHeader")
                            .SetParent<Header>()
                            .SetGroupName("L2tp")
                            .AddConstructor<L2tpv3SessionHeader>();
    return tid;
}

TypeId
L2tpv3SessionHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
L2tpv3SessionHeader::Print(std::ostream& os) const
{
    os << "session=" << m_sessionId;
    if (m_cookieLength > 0)
    {
        os << " cookie=0x" << std::hex << std::setfill('0');
        for (uint8_t i = 0; i < m_cookieLength; ++i)
        {
            os << std::setw(2) << unsigned(m_cookie[i]);
        }
        os << std::dec << std::setfill(' ');
    }
}

uint32_t
L2tpv3SessionHeader::GetSerializedSize() const
{
    return 4 + m_cookieLength;
}

void
L2tpv3SessionHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteHtonU32(m_sessionId);
    start.Write(m_cookie.data(), m_cookieLength);
}

uint32_t
L2tpv3SessionHeader::Deserialize(Buffer::Iterator start)
{
    m_sessionId = start.ReadNtohU32();
    start.Read(m_cookie.data(), m_cookieLength);
    return GetSerializedSize();
}

void
L2tpv3SessionHeader::SetSessionId(uint32_t sessionId)
{
    m_sessionId = sessionId;
}

uint32_t
L2tpv3SessionHeader::GetSessionId() const
{
    return m_sessionId;
}

void
L2tpv3SessionHeader::SetCookie(const L2tpv3Cookie& cookie)
{
    m_cookieLength = cookie.GetLength();
    m_cookie = cookie.GetBytes();
}

void
L2tpv3SessionHeader::SetCookieLength(uint8_t length)
{
    L2tpv3Cookie::CheckLength(length, "cookie length");
    m_cookieLength = length;
}

uint8_t
L2tpv3SessionHeader::GetCookieLength() const
{
    return m_cookieLength;
}

const uint8_t*
L2tpv3SessionHeader::GetCookieBytes() const
{
    return m_cookie.data();
}

bool
L2tpv3SessionHeader::PeekSessionId(Ptr<const Packet> packet, uint32_t& sessionId, uint32_t offset)
{
    NS_ASSERT(offset <= 4);
    uint8_t buf[8];
    if (packet->CopyData(buf, offset + 4) < offset + 4)
    {
        return false;
    }
    const uint8_t* id = buf + offset;
    sessionId = (uint32_t(id[0]) << 24) | (uint32_t(id[1]) << 16) | (uint32_t(id[2]) << 8) |
                uint32_t(id[3]);
    return true;
}

} // namespace ns3
