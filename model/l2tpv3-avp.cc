/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-avp.h"

#include <algorithm>
#include <cstring>
#include <iomanip>
#include <stdexcept>

namespace ns3
{

namespace
{

/// Bit masks of the AVP's first octet (RFC 3931 §5.1).
constexpr uint8_t AVP_M_BIT = 0x80;
constexpr uint8_t AVP_H_BIT = 0x40;

using T = L2tpv3AvpType;
using D = L2tpv3AvpDataType;

/// The AVPs the codec recognizes (RFC 3931 §5.4); hideable where the AVP's text says
/// "This AVP MAY be hidden", not where it says "MUST NOT be hidden". The L2TPv2 AVPs of
/// RFC 2661 that RFC 3931 does not define (its §4.7.3: "L2TPv2 AVPs ... MUST [be] ignore[d]")
/// are recognized so that real LCCEs' M = 1 on them no longer clears the connection (§5.2),
/// and are otherwise ignored: their layouts serve Print only, their H bit is never checked.
const L2tpv3AvpDefinition g_avps[] = {
    {T::MESSAGE_TYPE, "Message Type", D::UINT16, false, false},
    {T::RESULT_CODE, "Result Code", D::RESULT_CODE, false, false},
    {T::PROTOCOL_VERSION, "Protocol Version", D::OCTETS, false, true},
    {T::FRAMING_CAPABILITIES, "Framing Capabilities", D::UINT32, true, true},
    {T::BEARER_CAPABILITIES, "Bearer Capabilities", D::UINT32, true, true},
    {T::CONTROL_CONNECTION_TIE_BREAKER, "Tie Breaker", D::UINT64, false, false},
    {T::FIRMWARE_REVISION, "Firmware Revision", D::UINT16, true, true},
    {T::HOST_NAME, "Host Name", D::STRING, false, false},
    {T::VENDOR_NAME, "Vendor Name", D::STRING, true, false},
    {T::ASSIGNED_TUNNEL_ID, "Assigned Tunnel ID", D::UINT16, true, true},
    {T::RECEIVE_WINDOW_SIZE, "Receive Window Size", D::UINT16, false, false},
    {T::CHALLENGE, "Challenge", D::OCTETS, true, true},
    {T::Q931_CAUSE_CODE, "Q.931 Cause Code", D::OCTETS, true, true},
    {T::CHALLENGE_RESPONSE, "Challenge Response", D::OCTETS, true, true},
    {T::ASSIGNED_SESSION_ID, "Assigned Session ID", D::UINT16, true, true},
    {T::SERIAL_NUMBER, "Serial Number", D::UINT32, true, false},
    {T::MINIMUM_BPS, "Minimum BPS", D::UINT32, true, true},
    {T::MAXIMUM_BPS, "Maximum BPS", D::UINT32, true, true},
    {T::BEARER_TYPE, "Bearer Type", D::UINT32, true, true},
    {T::FRAMING_TYPE, "Framing Type", D::UINT32, true, true},
    {T::CALLED_NUMBER, "Called Number", D::STRING, true, true},
    {T::CALLING_NUMBER, "Calling Number", D::STRING, true, true},
    {T::SUB_ADDRESS, "Sub-Address", D::STRING, true, true},
    {T::TX_CONNECT_SPEED_V2, "Tx Connect Speed (L2TPv2)", D::UINT32, true, true},
    {T::PHYSICAL_CHANNEL_ID, "Physical Channel ID", D::UINT32, true, false},
    {T::INITIAL_RECEIVED_LCP_CONFREQ, "Initial Received LCP CONFREQ", D::OCTETS, true, true},
    {T::LAST_SENT_LCP_CONFREQ, "Last Sent LCP CONFREQ", D::OCTETS, true, true},
    {T::LAST_RECEIVED_LCP_CONFREQ, "Last Received LCP CONFREQ", D::OCTETS, true, true},
    {T::PROXY_AUTHEN_TYPE, "Proxy Authen Type", D::UINT16, true, true},
    {T::PROXY_AUTHEN_NAME, "Proxy Authen Name", D::STRING, true, true},
    {T::PROXY_AUTHEN_CHALLENGE, "Proxy Authen Challenge", D::OCTETS, true, true},
    {T::PROXY_AUTHEN_ID, "Proxy Authen ID", D::UINT16, true, true},
    {T::PROXY_AUTHEN_RESPONSE, "Proxy Authen Response", D::OCTETS, true, true},
    {T::CIRCUIT_ERRORS, "Circuit Errors", D::CIRCUIT_ERRORS, true, false},
    {T::ACCM, "ACCM", D::OCTETS, true, true},
    {T::RANDOM_VECTOR, "Random Vector", D::OCTETS, false, false},
    {T::PRIVATE_GROUP_ID, "Private Group ID", D::OCTETS, true, true},
    {T::RX_CONNECT_SPEED_V2, "Rx Connect Speed (L2TPv2)", D::UINT32, true, true},
    {T::SEQUENCING_REQUIRED, "Sequencing Required", D::EMPTY, false, true},
    {T::EXTENDED_VENDOR_ID, "Extended Vendor ID", D::OCTETS, true, false},
    {T::MESSAGE_DIGEST, "Message Digest", D::DIGEST, false, false},
    {T::ROUTER_ID, "Router ID", D::UINT32, false, false},
    {T::ASSIGNED_CONTROL_CONNECTION_ID, "Assigned Control Connection ID", D::UINT32, true, false},
    {T::PSEUDOWIRE_CAPABILITIES_LIST, "Pseudowire Capabilities List", D::UINT16_LIST, true, false},
    {T::LOCAL_SESSION_ID, "Local Session ID", D::UINT32, true, false},
    {T::REMOTE_SESSION_ID, "Remote Session ID", D::UINT32, true, false},
    {T::ASSIGNED_COOKIE, "Assigned Cookie", D::COOKIE, true, false},
    {T::REMOTE_END_ID, "Remote End ID", D::OCTETS, true, false},
    {T::PSEUDOWIRE_TYPE, "Pseudowire Type", D::UINT16, true, false},
    {T::L2_SPECIFIC_SUBLAYER, "L2-Specific Sublayer", D::UINT16, true, false},
    {T::DATA_SEQUENCING, "Data Sequencing", D::UINT16, true, false},
    {T::CIRCUIT_STATUS, "Circuit Status", D::UINT16, true, false},
    {T::PREFERRED_LANGUAGE, "Preferred Language", D::OCTETS, true, false},
    {T::CONTROL_MESSAGE_AUTH_NONCE, "Nonce", D::OCTETS, false, false},
    {T::TX_CONNECT_SPEED, "Tx Connect Speed", D::UINT64, true, false},
    {T::RX_CONNECT_SPEED, "Rx Connect Speed", D::UINT64, true, false},
};

void
PutUint16(std::vector<uint8_t>& out, uint16_t v)
{
    out.push_back(static_cast<uint8_t>(v >> 8));
    out.push_back(static_cast<uint8_t>(v));
}

uint64_t
ReadBigEndian(const uint8_t* p, std::size_t n)
{
    uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i)
    {
        v = (v << 8) | p[i];
    }
    return v;
}

/// Write \p v as \p n octets, most significant first, at \p out.
void
BigEndian(uint64_t v, std::size_t n, uint8_t* out)
{
    for (std::size_t i = n; i-- > 0;)
    {
        out[i] = static_cast<uint8_t>(v);
        v >>= 8;
    }
}

/// The exception for a value too long for an AVP (RFC 3931 §5.1: Length <= 1023).
std::invalid_argument
ValueTooLong(uint16_t vendorId, uint16_t type, std::size_t size)
{
    return std::invalid_argument("AVP " + L2tpv3AvpName(vendorId, type) + ": value of " +
                                 std::to_string(size) +
                                 " octets exceeds the 1017 an AVP can carry (RFC 3931 §5.1)");
}

} // namespace

const L2tpv3AvpDefinition*
L2tpv3FindAvpDefinition(uint16_t vendorId, uint16_t type)
{
    // Indexed by type once: every M = 1 AVP of every message received is looked up.
    static const std::vector<const L2tpv3AvpDefinition*> byType = []() {
        std::vector<const L2tpv3AvpDefinition*> index;
        for (const auto& row : g_avps)
        {
            auto t = static_cast<std::size_t>(row.type);
            index.resize(std::max(index.size(), t + 1), nullptr);
            index[t] = &row;
        }
        return index;
    }();
    if (vendorId != L2tpv3Avp::IETF_VENDOR_ID || type >= byType.size())
    {
        return nullptr;
    }
    return byType[type];
}

bool
L2tpv3IsIgnoredL2tpv2Avp(uint16_t vendorId, uint16_t type)
{
    const L2tpv3AvpDefinition* def = L2tpv3FindAvpDefinition(vendorId, type);
    return def && def->l2tpv2Only;
}

std::string
L2tpv3AvpName(uint16_t vendorId, uint16_t type)
{
    if (const L2tpv3AvpDefinition* def = L2tpv3FindAvpDefinition(vendorId, type))
    {
        return def->name;
    }
    return "vendor " + std::to_string(vendorId) + " type " + std::to_string(type);
}

L2tpv3AvpValue::L2tpv3AvpValue(const uint8_t* data, std::size_t size)
{
    Assign(data, size);
}

L2tpv3AvpValue::L2tpv3AvpValue(const std::vector<uint8_t>& value)
{
    Assign(value.data(), value.size());
}

L2tpv3AvpValue::L2tpv3AvpValue(const L2tpv3AvpValue& other)
{
    Assign(other.data(), other.size());
}

L2tpv3AvpValue::L2tpv3AvpValue(L2tpv3AvpValue&& other) noexcept
{
    *this = std::move(other);
}

L2tpv3AvpValue&
L2tpv3AvpValue::operator=(const L2tpv3AvpValue& other)
{
    if (this != &other)
    {
        Assign(other.data(), other.size());
    }
    return *this;
}

L2tpv3AvpValue&
L2tpv3AvpValue::operator=(L2tpv3AvpValue&& other) noexcept
{
    if (this == &other)
    {
        return *this;
    }
    if (other.IsOnHeap())
    {
        // Take the other's buffer; it is left empty and inline.
        Release();
        m_storage.heap = other.m_storage.heap;
        m_capacity = other.m_capacity;
        m_size = other.m_size;
        other.m_capacity = 0;
        other.m_size = 0;
    }
    else
    {
        // Inline octets are copied (no more than INLINE_CAPACITY; only those in use).
        Assign(other.data(), other.size());
        other.m_size = 0;
    }
    return *this;
}

L2tpv3AvpValue::~L2tpv3AvpValue()
{
    Release();
}

void
L2tpv3AvpValue::Release()
{
    if (IsOnHeap())
    {
        delete[] m_storage.heap;
        m_capacity = 0;
    }
    m_size = 0;
}

void
L2tpv3AvpValue::Assign(const uint8_t* data, std::size_t size)
{
    if (size <= INLINE_CAPACITY)
    {
        if (IsOnHeap())
        {
            // The source may lie in the buffer freed below: copy it out first.
            uint8_t copy[INLINE_CAPACITY];
            if (size != 0)
            {
                std::memcpy(copy, data, size);
            }
            Release();
            data = copy;
            if (size != 0)
            {
                std::memcpy(m_storage.inlined, data, size);
            }
        }
        else if (size != 0)
        {
            std::memmove(m_storage.inlined, data, size);
        }
        m_size = static_cast<uint32_t>(size);
        return;
    }
    if (IsOnHeap() && m_capacity >= size)
    {
        std::memmove(m_storage.heap, data, size); // may overlap: a value's own octets
        m_size = static_cast<uint32_t>(size);
        return;
    }
    auto* buffer = new uint8_t[size];
    std::memcpy(buffer, data, size);
    Release();
    m_storage.heap = buffer;
    m_capacity = static_cast<uint32_t>(size);
    m_size = static_cast<uint32_t>(size);
}

void
L2tpv3AvpValue::Resize(std::size_t size)
{
    std::size_t keep = std::min<std::size_t>(size, m_size);
    if (size <= INLINE_CAPACITY && !IsOnHeap())
    {
        std::fill(m_storage.inlined + keep, m_storage.inlined + size, uint8_t{0});
        m_size = static_cast<uint32_t>(size);
        return;
    }
    if (IsOnHeap() && size <= m_capacity && size > INLINE_CAPACITY)
    {
        std::fill(m_storage.heap + keep, m_storage.heap + size, uint8_t{0});
        m_size = static_cast<uint32_t>(size);
        return;
    }
    // Moves between inline and heap storage: build the new octets apart.
    L2tpv3AvpValue resized;
    if (size > INLINE_CAPACITY)
    {
        resized.m_storage.heap = new uint8_t[size]();
        resized.m_capacity = static_cast<uint32_t>(size);
    }
    else
    {
        std::fill(resized.m_storage.inlined, resized.m_storage.inlined + size, uint8_t{0});
    }
    if (keep != 0)
    {
        std::memcpy(resized.data(), data(), keep);
    }
    resized.m_size = static_cast<uint32_t>(size);
    *this = std::move(resized);
}

std::vector<uint8_t>
L2tpv3AvpValue::ToVector() const
{
    return std::vector<uint8_t>(begin(), end());
}

bool
operator==(const L2tpv3AvpValue& a, const L2tpv3AvpValue& b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

bool
operator==(const L2tpv3AvpValue& a, const std::vector<uint8_t>& b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

bool
operator==(const std::vector<uint8_t>& a, const L2tpv3AvpValue& b)
{
    return b == a;
}

L2tpv3Avp::L2tpv3Avp() = default;

L2tpv3Avp::L2tpv3Avp(uint16_t vendorId,
                     uint16_t type,
                     bool mandatory,
                     const std::vector<uint8_t>& value)
    : L2tpv3Avp(vendorId, type, mandatory, value.data(), value.size())
{
}

L2tpv3Avp::L2tpv3Avp(uint16_t vendorId,
                     uint16_t type,
                     bool mandatory,
                     const uint8_t* data,
                     std::size_t size)
    : m_flags(mandatory ? AVP_M_BIT : 0),
      m_vendorId(vendorId),
      m_type(type)
{
    CheckValueSize(size);
    m_value.Assign(data, size);
}

void
L2tpv3Avp::CheckValueSize(std::size_t size) const
{
    if (size + HEADER_SIZE > MAX_LENGTH)
    {
        throw ValueTooLong(m_vendorId, m_type, size);
    }
}

L2tpv3Avp
L2tpv3Avp::MakeIetf(L2tpv3AvpType type, bool mandatory, std::size_t size)
{
    L2tpv3Avp avp;
    avp.m_flags = mandatory ? AVP_M_BIT : 0;
    avp.m_vendorId = IETF_VENDOR_ID;
    avp.m_type = static_cast<uint16_t>(type);
    avp.CheckValueSize(size);
    avp.m_value.Resize(size);
    return avp;
}

L2tpv3Avp
L2tpv3Avp::MakeUint16(L2tpv3AvpType type, uint16_t value, bool mandatory)
{
    L2tpv3Avp avp = MakeIetf(type, mandatory, 2);
    BigEndian(value, 2, avp.m_value.data());
    return avp;
}

L2tpv3Avp
L2tpv3Avp::MakeUint32(L2tpv3AvpType type, uint32_t value, bool mandatory)
{
    L2tpv3Avp avp = MakeIetf(type, mandatory, 4);
    BigEndian(value, 4, avp.m_value.data());
    return avp;
}

L2tpv3Avp
L2tpv3Avp::MakeUint64(L2tpv3AvpType type, uint64_t value, bool mandatory)
{
    L2tpv3Avp avp = MakeIetf(type, mandatory, 8);
    BigEndian(value, 8, avp.m_value.data());
    return avp;
}

L2tpv3Avp
L2tpv3Avp::MakeUint16List(L2tpv3AvpType type, const std::vector<uint16_t>& values, bool mandatory)
{
    L2tpv3Avp avp = MakeIetf(type, mandatory, 2 * values.size());
    uint8_t* out = avp.m_value.data();
    for (uint16_t v : values)
    {
        BigEndian(v, 2, out);
        out += 2;
    }
    return avp;
}

L2tpv3Avp
L2tpv3Avp::MakeString(L2tpv3AvpType type, const std::string& value, bool mandatory)
{
    return L2tpv3Avp(IETF_VENDOR_ID,
                     static_cast<uint16_t>(type),
                     mandatory,
                     reinterpret_cast<const uint8_t*>(value.data()),
                     value.size());
}

L2tpv3Avp
L2tpv3Avp::MakeResultCode(uint16_t resultCode, uint16_t errorCode, const std::string& errorMessage)
{
    // RFC 3931 §5.4.2: the Result Code AVP SHOULD be mandatory and MUST NOT be hidden. The
    // Error Code (and Error Message) only when there is one.
    bool withError = errorCode != 0 || !errorMessage.empty();
    L2tpv3Avp avp =
        MakeIetf(L2tpv3AvpType::RESULT_CODE, true, withError ? 4 + errorMessage.size() : 2);
    uint8_t* out = avp.m_value.data();
    BigEndian(resultCode, 2, out);
    if (withError)
    {
        BigEndian(errorCode, 2, out + 2);
        std::copy(errorMessage.begin(), errorMessage.end(), out + 4);
    }
    return avp;
}

uint16_t
L2tpv3Avp::GetVendorId() const
{
    return m_vendorId;
}

uint16_t
L2tpv3Avp::GetType() const
{
    return m_type;
}

bool
L2tpv3Avp::Is(L2tpv3AvpType type) const
{
    return m_vendorId == IETF_VENDOR_ID && m_type == static_cast<uint16_t>(type);
}

bool
L2tpv3Avp::IsMandatory() const
{
    return (m_flags & AVP_M_BIT) != 0;
}

bool
L2tpv3Avp::IsHidden() const
{
    return (m_flags & AVP_H_BIT) != 0;
}

void
L2tpv3Avp::SetHidden(bool hidden)
{
    m_flags = hidden ? (m_flags | AVP_H_BIT) : (m_flags & ~AVP_H_BIT);
}

void
L2tpv3Avp::SetValue(const std::vector<uint8_t>& value)
{
    SetValue(value.data(), value.size());
}

void
L2tpv3Avp::SetValue(const uint8_t* data, std::size_t size)
{
    CheckValueSize(size);
    m_value.Assign(data, size);
}

const L2tpv3AvpValue&
L2tpv3Avp::GetValue() const
{
    return m_value;
}

std::size_t
L2tpv3Avp::GetLength() const
{
    return HEADER_SIZE + m_value.size();
}

bool
L2tpv3Avp::GetUint16(uint16_t& value) const
{
    if (m_value.size() != 2 || IsHidden())
    {
        return false;
    }
    value = static_cast<uint16_t>(ReadBigEndian(m_value.data(), 2));
    return true;
}

bool
L2tpv3Avp::GetUint32(uint32_t& value) const
{
    if (m_value.size() != 4 || IsHidden())
    {
        return false;
    }
    value = static_cast<uint32_t>(ReadBigEndian(m_value.data(), 4));
    return true;
}

bool
L2tpv3Avp::GetUint64(uint64_t& value) const
{
    if (m_value.size() != 8 || IsHidden())
    {
        return false;
    }
    value = ReadBigEndian(m_value.data(), 8);
    return true;
}

bool
L2tpv3Avp::GetUint16List(std::vector<uint16_t>& values) const
{
    if (m_value.empty() || m_value.size() % 2 != 0 || IsHidden())
    {
        return false;
    }
    values.clear();
    for (std::size_t i = 0; i < m_value.size(); i += 2)
    {
        values.push_back(static_cast<uint16_t>(ReadBigEndian(&m_value[i], 2)));
    }
    return true;
}

std::string
L2tpv3Avp::GetString() const
{
    return std::string(m_value.begin(), m_value.end());
}

bool
L2tpv3Avp::GetResultCode(uint16_t& resultCode, uint16_t& errorCode, std::string& errorMessage) const
{
    // RFC 3931 §5.4.2: Length 8 (code), 10 (code + error) or more (+ message).
    if (m_value.size() < 2 || m_value.size() == 3)
    {
        return false;
    }
    resultCode = static_cast<uint16_t>(ReadBigEndian(m_value.data(), 2));
    errorCode = m_value.size() >= 4 ? static_cast<uint16_t>(ReadBigEndian(&m_value[2], 2)) : 0;
    errorMessage = m_value.size() > 4 ? std::string(m_value.begin() + 4, m_value.end()) : "";
    return true;
}

bool
L2tpv3Avp::IsWellFormed() const
{
    const L2tpv3AvpDefinition* def = L2tpv3FindAvpDefinition(m_vendorId, m_type);
    if (!def)
    {
        return true;
    }
    if (IsHidden())
    {
        return def->hideable;
    }
    std::size_t n = m_value.size();
    if (m_vendorId == IETF_VENDOR_ID &&
        m_type == static_cast<uint16_t>(L2tpv3AvpType::EXTENDED_VENDOR_ID))
    {
        // RFC 3931 §5.1, Figure 5.2: a 32-bit Vendor ID and an Attribute Type before the
        // (possibly empty) value: "The Length of the AVP is 12 plus the length of the
        // Attribute Value".
        return n >= 6;
    }
    switch (def->dataType)
    {
    case L2tpv3AvpDataType::UINT16:
        return n == 2;
    case L2tpv3AvpDataType::UINT32:
        return n == 4;
    case L2tpv3AvpDataType::UINT64:
        return n == 8;
    case L2tpv3AvpDataType::UINT16_LIST:
        // §5.4.3: "Length ... is 8 octets with one PW type specified, plus 2 octets for each
        // additional PW type": at least one type.
        return n >= 2 && n % 2 == 0;
    case L2tpv3AvpDataType::STRING:
    case L2tpv3AvpDataType::OCTETS:
        return n >= 1;
    case L2tpv3AvpDataType::RESULT_CODE:
        return n >= 2 && n != 3;
    case L2tpv3AvpDataType::COOKIE:
        // §5.4.4: "Length ... may be 6, 10, or 14 octets"; an empty value means no cookie.
        return n == 0 || n == 4 || n == 8;
    case L2tpv3AvpDataType::DIGEST:
        // §5.4.1: type 0 (HMAC-MD5) carries 16 octets, type 1 (HMAC-SHA-1) 20.
        return (n == 17 && m_value[0] == 0) || (n == 21 && m_value[0] == 1);
    case L2tpv3AvpDataType::CIRCUIT_ERRORS:
        return n == 26;
    case L2tpv3AvpDataType::EMPTY:
        return n == 0;
    }
    return false;
}

void
L2tpv3Avp::Serialize(std::vector<uint8_t>& out) const
{
    std::size_t length = GetLength();
    out.push_back(static_cast<uint8_t>((m_flags & 0xfc) | ((length >> 8) & 0x03)));
    out.push_back(static_cast<uint8_t>(length));
    PutUint16(out, m_vendorId);
    PutUint16(out, m_type);
    out.insert(out.end(), m_value.begin(), m_value.end());
}

std::size_t
L2tpv3Avp::Deserialize(const uint8_t* data, std::size_t size, L2tpv3Avp& avp)
{
    if (size < HEADER_SIZE)
    {
        return 0;
    }
    std::size_t length = (std::size_t(data[0] & 0x03) << 8) | data[1];
    if (length < HEADER_SIZE || length > size)
    {
        return 0;
    }
    avp.m_flags = data[0] & 0xfc;
    avp.m_vendorId = static_cast<uint16_t>(ReadBigEndian(data + 2, 2));
    avp.m_type = static_cast<uint16_t>(ReadBigEndian(data + 4, 2));
    avp.m_value.Assign(data + HEADER_SIZE, length - HEADER_SIZE);
    return length;
}

void
L2tpv3Avp::Print(std::ostream& os) const
{
    // The name as L2tpv3AvpName gives it, without building a string when it is known.
    const L2tpv3AvpDefinition* def = L2tpv3FindAvpDefinition(m_vendorId, m_type);
    if (def)
    {
        os << def->name;
    }
    else
    {
        os << L2tpv3AvpName(m_vendorId, m_type);
    }
    if (IsMandatory() || IsHidden())
    {
        os << "(" << (IsMandatory() ? "M" : "") << (IsHidden() ? "H" : "") << ")";
    }
    os << "=";
    if (def && IsWellFormed() && !IsHidden())
    {
        // Zero-initialised: a well-formed AVP always decodes (IsWellFormed above), but the
        // compiler cannot see that the getters then write their output.
        uint16_t u16 = 0;
        uint32_t u32 = 0;
        uint64_t u64 = 0;
        switch (def->dataType)
        {
        case L2tpv3AvpDataType::UINT16:
            GetUint16(u16);
            os << u16;
            return;
        case L2tpv3AvpDataType::UINT32:
            GetUint32(u32);
            os << u32;
            return;
        case L2tpv3AvpDataType::UINT64:
            GetUint64(u64);
            os << u64;
            return;
        case L2tpv3AvpDataType::UINT16_LIST: {
            std::vector<uint16_t> values;
            GetUint16List(values);
            for (std::size_t i = 0; i < values.size(); ++i)
            {
                os << (i ? "," : "") << values[i];
            }
            return;
        }
        case L2tpv3AvpDataType::STRING:
            os << GetString();
            return;
        case L2tpv3AvpDataType::RESULT_CODE: {
            uint16_t result;
            uint16_t error;
            std::string message;
            GetResultCode(result, error, message);
            os << result << "/" << error;
            if (!message.empty())
            {
                os << " \"" << message << "\"";
            }
            return;
        }
        default:
            break;
        }
    }
    // Two lowercase hex digits per octet, written a buffer at a time (formatting each
    // octet through the stream was most of printing an unknown AVP).
    static const char digits[] = "0123456789abcdef";
    os << "0x";
    char buffer[64];
    std::size_t used = 0;
    for (uint8_t b : m_value)
    {
        buffer[used++] = digits[b >> 4];
        buffer[used++] = digits[b & 15];
        if (used == sizeof(buffer))
        {
            os.write(buffer, static_cast<std::streamsize>(used));
            used = 0;
        }
    }
    os.write(buffer, static_cast<std::streamsize>(used));
    os << std::dec << std::setfill(' ');
}

bool
L2tpv3Avp::operator==(const L2tpv3Avp& other) const
{
    return m_flags == other.m_flags && m_vendorId == other.m_vendorId && m_type == other.m_type &&
           m_value == other.m_value;
}

std::ostream&
operator<<(std::ostream& os, const L2tpv3Avp& avp)
{
    avp.Print(os);
    return os;
}

} // namespace ns3
