/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-data-header.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpv3DataHeader");

NS_OBJECT_ENSURE_REGISTERED(L2tpv3DataHeader);

L2tpv3DataHeader::L2tpv3DataHeader()
    : m_udp(false),
      m_sublayer(false),
      m_image{},
      m_imageSize(0)
{
}

TypeId
L2tpv3DataHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::L2tpv3DataHeader")
                            .SetParent<Header>()
                            .SetGroupName("L2tp")
                            .AddConstructor<L2tpv3DataHeader>();
    return tid;
}

TypeId
L2tpv3DataHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
L2tpv3DataHeader::Print(std::ostream& os) const
{
    if (m_udp)
    {
        m_udpWord.Print(os);
        os << " ";
    }
    m_session.Print(os);
    if (m_sublayer)
    {
        os << " ";
        m_sublayerHeader.Print(os);
    }
}

uint32_t
L2tpv3DataHeader::GetSerializedSize() const
{
    if (m_imageSize != 0)
    {
        return m_imageSize;
    }
    return (m_udp ? m_udpWord.GetSerializedSize() : 0) + m_session.GetSerializedSize() +
           (m_sublayer ? m_sublayerHeader.GetSerializedSize() : 0);
}

void
L2tpv3DataHeader::Serialize(Buffer::Iterator start) const
{
    if (m_imageSize == 0)
    {
        BuildImage();
    }
    start.Write(m_image.data(), m_imageSize);
}

void
L2tpv3DataHeader::BuildImage() const
{
    uint32_t size = GetSerializedSize();
    NS_ASSERT(size <= MAX_SIZE);
    Buffer buffer;
    buffer.AddAtStart(size);
    Buffer::Iterator start = buffer.Begin();
    if (m_udp)
    {
        m_udpWord.Serialize(start);
        start.Next(m_udpWord.GetSerializedSize());
    }
    m_session.Serialize(start);
    start.Next(m_session.GetSerializedSize());
    if (m_sublayer)
    {
        m_sublayerHeader.Serialize(start);
    }
    buffer.CopyData(m_image.data(), size);
    m_imageSize = size;
}

uint32_t
L2tpv3DataHeader::Deserialize(Buffer::Iterator start)
{
    m_imageSize = 0;
    if (m_udp)
    {
        start.Next(m_udpWord.Deserialize(start));
    }
    start.Next(m_session.Deserialize(start));
    if (m_sublayer)
    {
        m_sublayerHeader.Deserialize(start);
    }
    return GetSerializedSize();
}

void
L2tpv3DataHeader::Configure(bool udp, uint8_t cookieLength, bool sublayer)
{
    m_imageSize = 0;
    m_udp = udp;
    m_session.SetCookieLength(cookieLength);
    m_sublayer = sublayer;
}

bool
L2tpv3DataHeader::HasUdpWord() const
{
    return m_udp;
}

bool
L2tpv3DataHeader::HasSublayer() const
{
    return m_sublayer;
}

void
L2tpv3DataHeader::SetSequence(uint32_t sequence)
{
    NS_ASSERT(m_sublayer);
    m_sublayerHeader.SetSequence(sequence);
    PatchSublayer();
}

void
L2tpv3DataHeader::ClearSequence()
{
    NS_ASSERT(m_sublayer);
    m_sublayerHeader.ClearSequence();
    PatchSublayer();
}

void
L2tpv3DataHeader::PatchSublayer()
{
    if (m_imageSize == 0)
    {
        return; // built with the new number by the next Serialize
    }
    // The sublayer is the image's last word (RFC 3931 §4.1: after the Session ID and cookie),
    // in network byte order.
    uint32_t word = m_sublayerHeader.GetWord();
    uint8_t* last = m_image.data() + m_imageSize - 4;
    last[0] = word >> 24;
    last[1] = (word >> 16) & 0xff;
    last[2] = (word >> 8) & 0xff;
    last[3] = word & 0xff;
}

L2tpv3UdpHeader&
L2tpv3DataHeader::GetUdpWord()
{
    m_imageSize = 0;
    return m_udpWord;
}

L2tpv3SessionHeader&
L2tpv3DataHeader::GetSession()
{
    m_imageSize = 0;
    return m_session;
}

const L2tpv3SessionHeader&
L2tpv3DataHeader::GetSession() const
{
    return m_session;
}

L2tpv3SublayerHeader&
L2tpv3DataHeader::GetSublayer()
{
    m_imageSize = 0;
    return m_sublayerHeader;
}

const L2tpv3SublayerHeader&
L2tpv3DataHeader::GetSublayer() const
{
    return m_sublayerHeader;
}

} // namespace ns3
