/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-mss-clamp.h"

#include "ns3/header.h"
#include "ns3/log.h"
#include "ns3/packet.h"

#include <algorithm>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpv3MssClamp");

namespace
{

/**
 * \ingroup l2tp
 * \brief The rewritten start of a frame, put back in front of the rest.
 */
class RewrittenBytes : public Header
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::L2tpv3RewrittenBytes")
                                .SetParent<Header>()
                                .SetGroupName("L2tp")
                                .AddConstructor<RewrittenBytes>();
        return tid;
    }

    RewrittenBytes() = default;

    /** \param bytes the bytes */
    explicit RewrittenBytes(std::vector<uint8_t> bytes)
        : m_bytes(std::move(bytes))
    {
    }

    TypeId GetInstanceTypeId() const override
    {
        return GetTypeId();
    }

    void Print(std::ostream& os) const override
    {
        os << m_bytes.size() << " rewritten bytes";
    }

    uint32_t GetSerializedSize() const override
    {
        return m_bytes.size();
    }

    void Serialize(Buffer::Iterator start) const override
    {
        start.Write(m_bytes.data(), m_bytes.size());
    }

    uint32_t Deserialize(Buffer::Iterator start) override
    {
        start.Read(m_bytes.data(), m_bytes.size());
        return m_bytes.size();
    }

  private:
    std::vector<uint8_t> m_bytes; //!< the bytes
};

/**
 * \param b bytes
 * \return the big-endian 16-bit value at \p b
 */
uint16_t
Read16(const uint8_t* b)
{
    return (uint16_t(b[0]) << 8) | b[1];
}

/**
 * \param b where to write
 * \param v the value, big-endian
 */
void
Write16(uint8_t* b, uint16_t v)
{
    b[0] = uint8_t(v >> 8);
    b[1] = uint8_t(v);
}

} // namespace

bool
L2tpv3ClampTcpMss(Ptr<Packet> frame, uint16_t mss4, uint16_t mss6)
{
    uint16_t mss = mss4;
    // Ethernet 14 + tag 4 + IPv6 40 (or IPv4 up to 60) + TCP up to 60.
    uint8_t b[14 + 4 + 60 + 60];
    uint32_t n = frame->CopyData(b, sizeof(b));
    if (n < 14)
    {
        return false;
    }
    uint32_t l3 = 14;
    uint16_t type = Read16(b + 12);
    if (type == 0x8100 || type == 0x88a8)
    {
        if (n < 18)
        {
            return false;
        }
        type = Read16(b + 16);
        l3 = 18;
    }
    uint32_t l4;
    if (type == 0x0800)
    {
        if (n < l3 + 20 || (b[l3] >> 4) != 4)
        {
            return false;
        }
        uint32_t ihl = (b[l3] & 0x0f) * 4;
        bool firstFragment = (Read16(b + l3 + 6) & 0x1fff) == 0;
        if (ihl < 20 || b[l3 + 9] != 6 || !firstFragment)
        {
            return false;
        }
        l4 = l3 + ihl;
    }
    else if (type == 0x86dd)
    {
        if (n < l3 + 40 || (b[l3] >> 4) != 6 || b[l3 + 6] != 6)
        {
            return false;
        }
        l4 = l3 + 40;
        mss = mss6;
    }
    else
    {
        return false;
    }
    if (n < l4 + 20 || !(b[l4 + 13] & 0x02)) // SYN (RFC 9293 §3.1)
    {
        return false;
    }
    uint32_t end = l4 + (b[l4 + 12] >> 4) * 4;
    if (end < l4 + 20 || end > n)
    {
        return false;
    }
    for (uint32_t i = l4 + 20; i < end;)
    {
        uint8_t kind = b[i];
        if (kind == 0)
        {
            break; // end of option list
        }
        if (kind == 1)
        {
            ++i; // no-operation
            continue;
        }
        if (i + 1 >= end || b[i + 1] < 2 || i + b[i + 1] > end)
        {
            return false; // malformed options: leave the segment alone
        }
        if (kind == 2 && b[i + 1] == 4)
        {
            uint16_t old = Read16(b + i + 2);
            if (old <= mss)
            {
                return false;
            }
            Write16(b + i + 2, mss);
            // RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m').
            uint32_t sum = uint16_t(~Read16(b + l4 + 16)) + uint16_t(~old) + uint32_t(mss);
            sum = (sum & 0xffff) + (sum >> 16);
            sum = (sum & 0xffff) + (sum >> 16);
            Write16(b + l4 + 16, uint16_t(~sum));
            NS_LOG_LOGIC("MSS " << old << " clamped to " << mss);
            frame->RemoveAtStart(end);
            frame->AddHeader(RewrittenBytes(std::vector<uint8_t>(b, b + end)));
            return true;
        }
        i += b[i + 1];
    }
    return false;
}

} // namespace ns3
