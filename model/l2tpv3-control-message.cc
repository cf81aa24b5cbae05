/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-control-message.h"

#include "ns3/packet.h"

#include <map>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace ns3
{

namespace
{

/// Bits of the control header's first 16 bits (RFC 3931 §3.2.1).
constexpr uint16_t T_BIT = 0x8000;
constexpr uint16_t L_BIT = 0x4000;
constexpr uint16_t S_BIT = 0x0800;
constexpr uint16_t VERSION_MASK = 0x000f;
constexpr uint16_t VERSION = 3;
/// Room for the AVPs of most messages at once (an SCCRQ has about ten, an ICRQ eight, a
/// HELLO one): a message grows its AVP list without reallocating it two or three times.
constexpr std::size_t TYPICAL_AVPS = 10;
/// L2TPv2's Ver and its O bit (RFC 2661 §3.1): an Offset Size would follow Nr.
constexpr uint16_t L2TPV2_VERSION = 2;
constexpr uint16_t L2TPV2_O_BIT = 0x0200;

uint16_t
Read16(const uint8_t* p)
{
    return static_cast<uint16_t>((p[0] << 8) | p[1]);
}

uint32_t
Read32(const uint8_t* p)
{
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}

} // namespace

std::string
L2tpv3MessageTypeName(uint16_t type)
{
    switch (static_cast<L2tpv3MessageType>(type))
    {
    case L2tpv3MessageType::ZLB:
        return "ZLB";
    case L2tpv3MessageType::SCCRQ:
        return "SCCRQ";
    case L2tpv3MessageType::SCCRP:
        return "SCCRP";
    case L2tpv3MessageType::SCCCN:
        return "SCCCN";
    case L2tpv3MessageType::STOPCCN:
        return "StopCCN";
    case L2tpv3MessageType::HELLO:
        return "HELLO";
    case L2tpv3MessageType::OCRQ:
        return "OCRQ";
    case L2tpv3MessageType::OCRP:
        return "OCRP";
    case L2tpv3MessageType::OCCN:
        return "OCCN";
    case L2tpv3MessageType::ICRQ:
        return "ICRQ";
    case L2tpv3MessageType::ICRP:
        return "ICRP";
    case L2tpv3MessageType::ICCN:
        return "ICCN";
    case L2tpv3MessageType::CDN:
        return "CDN";
    case L2tpv3MessageType::WEN:
        return "WEN";
    case L2tpv3MessageType::SLI:
        return "SLI";
    case L2tpv3MessageType::ACK:
        return "ACK";
    }
    return "type " + std::to_string(type);
}

std::ostream&
operator<<(std::ostream& os, L2tpv3MessageType type)
{
    return os << L2tpv3MessageTypeName(static_cast<uint16_t>(type));
}

bool
L2tpv3IsKnownMessageType(uint16_t type)
{
    return type != 0 && L2tpv3MessageTypeName(type).rfind("type ", 0) != 0;
}

const std::vector<L2tpv3AvpType>&
L2tpv3RequiredAvps(L2tpv3MessageType type)
{
    using A = L2tpv3AvpType;
    using M = L2tpv3MessageType;
    // RFC 3931 §6: "The following AVPs MUST be present in the ...".
    static const std::vector<A> connection = {A::MESSAGE_TYPE,
                                              A::HOST_NAME,
                                              A::ROUTER_ID,
                                              A::ASSIGNED_CONTROL_CONNECTION_ID,
                                              A::PSEUDOWIRE_CAPABILITIES_LIST};
    static const std::vector<A> typeOnly = {A::MESSAGE_TYPE};
    static const std::vector<A> stop = {A::MESSAGE_TYPE, A::RESULT_CODE};
    static const std::vector<A> request = {A::MESSAGE_TYPE,
                                           A::LOCAL_SESSION_ID,
                                           A::REMOTE_SESSION_ID,
                                           A::SERIAL_NUMBER,
                                           A::PSEUDOWIRE_TYPE,
                                           A::REMOTE_END_ID,
                                           A::CIRCUIT_STATUS};
    static const std::vector<A> reply = {A::MESSAGE_TYPE,
                                         A::LOCAL_SESSION_ID,
                                         A::REMOTE_SESSION_ID,
                                         A::CIRCUIT_STATUS};
    static const std::vector<A> connected = {A::MESSAGE_TYPE,
                                             A::LOCAL_SESSION_ID,
                                             A::REMOTE_SESSION_ID};
    static const std::vector<A> disconnect = {A::MESSAGE_TYPE,
                                              A::RESULT_CODE,
                                              A::LOCAL_SESSION_ID,
                                              A::REMOTE_SESSION_ID};
    static const std::vector<A> wen = {A::MESSAGE_TYPE,
                                       A::LOCAL_SESSION_ID,
                                       A::REMOTE_SESSION_ID,
                                       A::CIRCUIT_ERRORS};
    static const std::vector<A> sli = {A::MESSAGE_TYPE, A::LOCAL_SESSION_ID, A::REMOTE_SESSION_ID};
    static const std::vector<A> none;
    switch (type)
    {
    case M::SCCRQ:
    case M::SCCRP:
        return connection;
    case M::SCCCN:
    case M::HELLO:
    case M::ACK:
        return typeOnly;
    case M::STOPCCN:
        return stop;
    case M::ICRQ:
    case M::OCRQ:
        return request;
    case M::ICRP:
    case M::OCRP:
        return reply;
    case M::ICCN:
    case M::OCCN:
        return connected;
    case M::CDN:
        return disconnect;
    case M::WEN:
        return wen;
    case M::SLI:
        return sli;
    case M::ZLB:
        break;
    }
    return none;
}

std::string
L2tpv3ControlDecodeErrorName(L2tpv3ControlDecodeError error)
{
    switch (error)
    {
    case L2tpv3ControlDecodeError::NONE:
        return "none";
    case L2tpv3ControlDecodeError::TOO_SHORT:
        return "too_short";
    case L2tpv3ControlDecodeError::NOT_CONTROL:
        return "not_control";
    case L2tpv3ControlDecodeError::BAD_FLAGS:
        return "bad_flags";
    case L2tpv3ControlDecodeError::BAD_VERSION:
        return "bad_version";
    case L2tpv3ControlDecodeError::BAD_LENGTH:
        return "bad_length";
    case L2tpv3ControlDecodeError::AVP_LENGTH:
        return "avp_length";
    case L2tpv3ControlDecodeError::NO_MESSAGE_TYPE:
        return "no_message_type";
    case L2tpv3ControlDecodeError::COUNT:
        break;
    }
    return "unknown";
}

std::string
L2tpv3ControlCheck::Describe() const
{
    std::string avp = L2tpv3AvpName(vendorId, avpType);
    // RFC 3931 §5.4.1: a vendor's message types are numbered in the vendor's own space.
    std::string messageType = std::to_string(avpType);
    if (vendorId != L2tpv3Avp::IETF_VENDOR_ID)
    {
        messageType += " of vendor " + std::to_string(vendorId);
    }
    switch (verdict)
    {
    case OK:
        return "ok";
    case UNKNOWN_MANDATORY_AVP:
        return "unknown mandatory AVP " + avp;
    case MALFORMED_MANDATORY_AVP:
        return "malformed mandatory AVP " + avp;
    case MISSING_AVP:
        return "missing AVP " + avp;
    case UNKNOWN_MESSAGE_TYPE:
        return "unknown mandatory message type " + messageType;
    case IGNORE_MESSAGE:
        return "unknown message type " + messageType + " ignored";
    }
    return "?";
}

L2tpv3ControlMessage::L2tpv3ControlMessage() = default;

L2tpv3ControlMessage::L2tpv3ControlMessage(L2tpv3MessageType type)
{
    if (type != L2tpv3MessageType::ZLB)
    {
        m_avps.reserve(TYPICAL_AVPS);
        // RFC 3931 §5.4.1: the M bit MUST be set on every message type the RFC defines.
        m_avps.push_back(
            L2tpv3Avp::MakeUint16(L2tpv3AvpType::MESSAGE_TYPE, static_cast<uint16_t>(type)));
    }
}

L2tpv3MessageType
L2tpv3ControlMessage::GetMessageType() const
{
    uint16_t type = 0;
    if (m_avps.empty() || !m_avps.front().GetUint16(type))
    {
        return L2tpv3MessageType::ZLB;
    }
    if (m_avps.front().GetVendorId() != L2tpv3Avp::IETF_VENDOR_ID)
    {
        // RFC 3931 §5.4.1: "A vendor-specific control message may be defined by setting the
        // Vendor ID of the Message Type AVP to a value other than the IETF Vendor ID of 0":
        // its number is the vendor's, not one of the IETF types.
        return VENDOR_SPECIFIC;
    }
    return static_cast<L2tpv3MessageType>(type);
}

bool
L2tpv3ControlMessage::IsZlb() const
{
    return m_avps.empty();
}

uint8_t
L2tpv3ControlMessage::GetVersion() const
{
    return static_cast<uint8_t>(m_flags & VERSION_MASK);
}

std::vector<uint16_t>
L2tpv3ControlMessage::GetIgnoredL2tpv2Avps() const
{
    std::vector<uint16_t> types;
    for (const auto& avp : m_avps)
    {
        if (L2tpv3IsIgnoredL2tpv2Avp(avp.GetVendorId(), avp.GetType()))
        {
            types.push_back(avp.GetType());
        }
    }
    return types;
}

bool
L2tpv3ControlMessage::IsL2tpv2Probe(const uint8_t* data, std::size_t size)
{
    if (size < PROBE_PREFIX_SIZE)
    {
        return false;
    }
    uint16_t flags = Read16(data);
    // RFC 2661 §3.1: T, L and S set on control messages, O clear so that the AVPs follow Nr
    // where L2TPv3's do; RFC 3931 §4.7.3: Tunnel ID and Session ID 0 ("always 0 for an
    // SCCRQ"). The P bit and the x bits are not looked at (§4.7.3: "be liberal").
    if ((flags & VERSION_MASK) != L2TPV2_VERSION || !(flags & T_BIT) || !(flags & L_BIT) ||
        !(flags & S_BIT) || (flags & L2TPV2_O_BIT) || Read32(data + 4) != 0 ||
        Read16(data + 2) < PROBE_PREFIX_SIZE)
    {
        return false;
    }
    // The first AVP, inside Length: a Message Type (M may be anything, H clear), Length 8,
    // value SCCRQ.
    const uint8_t* avp = data + HEADER_SIZE;
    std::size_t length = (std::size_t(avp[0] & 0x03) << 8) | avp[1];
    return (avp[0] & 0x40) == 0 && length == 8 && Read16(avp + 2) == L2tpv3Avp::IETF_VENDOR_ID &&
           Read16(avp + 4) == static_cast<uint16_t>(L2tpv3AvpType::MESSAGE_TYPE) &&
           Read16(avp + 6) == static_cast<uint16_t>(L2tpv3MessageType::SCCRQ);
}

void
L2tpv3ControlMessage::SetControlConnectionId(uint32_t id)
{
    m_connectionId = id;
}

uint32_t
L2tpv3ControlMessage::GetControlConnectionId() const
{
    return m_connectionId;
}

void
L2tpv3ControlMessage::SetNs(uint16_t ns)
{
    m_ns = ns;
}

uint16_t
L2tpv3ControlMessage::GetNs() const
{
    return m_ns;
}

void
L2tpv3ControlMessage::SetNr(uint16_t nr)
{
    m_nr = nr;
}

uint16_t
L2tpv3ControlMessage::GetNr() const
{
    return m_nr;
}

L2tpv3ControlMessage&
L2tpv3ControlMessage::Add(const L2tpv3Avp& avp)
{
    m_avps.push_back(avp);
    return *this;
}

L2tpv3ControlMessage&
L2tpv3ControlMessage::Add(L2tpv3Avp&& avp)
{
    m_avps.push_back(std::move(avp));
    return *this;
}

const std::vector<L2tpv3Avp>&
L2tpv3ControlMessage::GetAvps() const
{
    return m_avps;
}

void
L2tpv3ControlMessage::SetAvps(std::vector<L2tpv3Avp> avps)
{
    m_avps = std::move(avps);
}

const L2tpv3Avp*
L2tpv3ControlMessage::Find(L2tpv3AvpType type) const
{
    for (const auto& avp : m_avps)
    {
        if (avp.Is(type))
        {
            return &avp;
        }
    }
    return nullptr;
}

bool
L2tpv3ControlMessage::GetUint16(L2tpv3AvpType type, uint16_t& value) const
{
    const L2tpv3Avp* avp = Find(type);
    return avp && avp->GetUint16(value);
}

bool
L2tpv3ControlMessage::GetUint32(L2tpv3AvpType type, uint32_t& value) const
{
    const L2tpv3Avp* avp = Find(type);
    return avp && avp->GetUint32(value);
}

bool
L2tpv3ControlMessage::GetUint64(L2tpv3AvpType type, uint64_t& value) const
{
    const L2tpv3Avp* avp = Find(type);
    return avp && avp->GetUint64(value);
}

L2tpv3ControlCheck
L2tpv3ControlMessage::Check() const
{
    L2tpv3ControlCheck check;
    if (m_avps.empty())
    {
        return check;
    }
    const L2tpv3Avp& first = m_avps.front();
    uint16_t type = 0;
    first.GetUint16(type);
    if (first.GetVendorId() != L2tpv3Avp::IETF_VENDOR_ID || !L2tpv3IsKnownMessageType(type))
    {
        // RFC 3931 §5.4.1: the Message Type's M bit says whether to clear or to ignore.
        check.verdict = first.IsMandatory() ? L2tpv3ControlCheck::UNKNOWN_MESSAGE_TYPE
                                            : L2tpv3ControlCheck::IGNORE_MESSAGE;
        check.vendorId = first.GetVendorId();
        check.avpType = type;
        return check;
    }
    for (std::size_t i = 1; i < m_avps.size(); ++i)
    {
        const L2tpv3Avp& avp = m_avps[i];
        if (!avp.IsMandatory())
        {
            continue; // §5.2: an unrecognized AVP without M is ignored; §7.1 likewise if malformed
        }
        check.vendorId = avp.GetVendorId();
        check.avpType = avp.GetType();
        const L2tpv3AvpDefinition* def = L2tpv3FindAvpDefinition(avp.GetVendorId(), avp.GetType());
        if (!def)
        {
            check.verdict = L2tpv3ControlCheck::UNKNOWN_MANDATORY_AVP;
            return check;
        }
        if (def->l2tpv2Only)
        {
            // §5.2: "If the AVP is recognized ..., then by definition, the M bit is of no
            // consequence"; §4.7.3: L2TPv2's AVPs are ignored "even if the M bit is set".
            continue;
        }
        if (!avp.IsWellFormed())
        {
            check.verdict = L2tpv3ControlCheck::MALFORMED_MANDATORY_AVP;
            return check;
        }
    }
    for (L2tpv3AvpType required : L2tpv3RequiredAvps(static_cast<L2tpv3MessageType>(type)))
    {
        const L2tpv3Avp* avp = Find(required);
        if (!avp || !avp->IsWellFormed())
        {
            check.verdict = L2tpv3ControlCheck::MISSING_AVP;
            check.vendorId = L2tpv3Avp::IETF_VENDOR_ID;
            check.avpType = static_cast<uint16_t>(required);
            return check;
        }
    }
    check = L2tpv3ControlCheck();
    return check;
}

std::size_t
L2tpv3ControlMessage::GetSerializedSize() const
{
    std::size_t size = HEADER_SIZE;
    for (const auto& avp : m_avps)
    {
        size += avp.GetLength();
    }
    return size;
}

std::vector<uint8_t>
L2tpv3ControlMessage::Serialize() const
{
    std::vector<uint8_t> out;
    std::size_t length = GetSerializedSize();
    if (length > MAX_LENGTH)
    {
        throw std::length_error("control message of " + std::to_string(length) +
                                " octets exceeds the 65535 its Length field can say "
                                "(RFC 3931 §3.2.1)");
    }
    out.reserve(length);
    auto put16 = [&out](uint16_t v) {
        out.push_back(static_cast<uint8_t>(v >> 8));
        out.push_back(static_cast<uint8_t>(v));
    };
    put16(m_flags);
    put16(static_cast<uint16_t>(length));
    put16(static_cast<uint16_t>(m_connectionId >> 16));
    put16(static_cast<uint16_t>(m_connectionId));
    put16(m_ns);
    put16(m_nr);
    for (const auto& avp : m_avps)
    {
        avp.Serialize(out);
    }
    return out;
}

Ptr<Packet>
L2tpv3ControlMessage::ToPacket() const
{
    std::vector<uint8_t> bytes = Serialize();
    return Create<Packet>(bytes.data(), static_cast<uint32_t>(bytes.size()));
}

L2tpv3ControlDecodeError
L2tpv3ControlMessage::Deserialize(const uint8_t* data,
                                  std::size_t size,
                                  L2tpv3ControlMessage& message)
{
    if (size < HEADER_SIZE)
    {
        return L2tpv3ControlDecodeError::TOO_SHORT;
    }
    uint16_t flags = Read16(data);
    if (!(flags & T_BIT))
    {
        return L2tpv3ControlDecodeError::NOT_CONTROL;
    }
    // RFC 3931 §3.2.1: Ver first; L and S MUST be 1 on control messages. §4.7.3: an
    // L2TPv3 LCCE over UDP must accept the SCCRQ with Ver 2 and Control Connection ID 0
    // (the probe of an LCCE that speaks both); other L2TPv2 messages are not ours.
    if ((flags & VERSION_MASK) != VERSION && !IsL2tpv2Probe(data, size))
    {
        return L2tpv3ControlDecodeError::BAD_VERSION;
    }
    if (!(flags & L_BIT) || !(flags & S_BIT))
    {
        return L2tpv3ControlDecodeError::BAD_FLAGS;
    }
    std::size_t length = Read16(data + 2);
    if (length < HEADER_SIZE || length > size)
    {
        return L2tpv3ControlDecodeError::BAD_LENGTH;
    }
    L2tpv3ControlMessage decoded;
    decoded.m_flags = flags;
    decoded.m_connectionId = Read32(data + 4);
    decoded.m_ns = Read16(data + 8);
    decoded.m_nr = Read16(data + 10);
    std::size_t offset = HEADER_SIZE;
    if (offset < length)
    {
        decoded.m_avps.reserve(TYPICAL_AVPS);
    }
    while (offset < length)
    {
        L2tpv3Avp avp;
        std::size_t used = L2tpv3Avp::Deserialize(data + offset, length - offset, avp);
        if (used == 0)
        {
            return L2tpv3ControlDecodeError::AVP_LENGTH;
        }
        decoded.m_avps.push_back(std::move(avp));
        offset += used;
    }
    if (!decoded.m_avps.empty())
    {
        const L2tpv3Avp& first = decoded.m_avps.front();
        // §5.4.1: the Message Type AVP (any Vendor ID) first, 8 octets long.
        if (first.GetType() != 0 || first.GetValue().size() != 2 || first.IsHidden())
        {
            return L2tpv3ControlDecodeError::NO_MESSAGE_TYPE;
        }
    }
    message = std::move(decoded);
    return L2tpv3ControlDecodeError::NONE;
}

L2tpv3ControlDecodeError
L2tpv3ControlMessage::FromPacket(Ptr<const Packet> packet, L2tpv3ControlMessage& message)
{
    std::vector<uint8_t> bytes(packet->GetSize());
    packet->CopyData(bytes.data(), bytes.size());
    return Deserialize(bytes.data(), bytes.size(), message);
}

void
L2tpv3ControlMessage::Print(std::ostream& os) const
{
    os << L2tpv3MessageTypeName(static_cast<uint16_t>(GetMessageType()));
    if (GetVersion() != VERSION)
    {
        os << " ver=" << unsigned(GetVersion());
    }
    os << " ccid=" << m_connectionId << " ns=" << m_ns << " nr=" << m_nr;
    if (m_avps.size() > 1)
    {
        os << " [";
        for (std::size_t i = 1; i < m_avps.size(); ++i)
        {
            os << (i > 1 ? ", " : "") << m_avps[i];
        }
        os << "]";
    }
}

std::ostream&
operator<<(std::ostream& os, const L2tpv3ControlMessage& message)
{
    message.Print(os);
    return os;
}

} // namespace ns3
