/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_AVP_H
#define L2TPV3_AVP_H

#include <cstddef>
#include <cstdint>
#include <iostream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief Attribute Types of the IETF AVPs (Vendor ID 0) that L2TPv3 control messages
 * use (RFC 3931 §5.4, and the L2TPv2 AVPs of RFC 2661 that LCCEs still send).
 */
enum class L2tpv3AvpType : uint16_t
{
    MESSAGE_TYPE = 0,                    //!< §5.4.1
    RESULT_CODE = 1,                     //!< §5.4.2
    PROTOCOL_VERSION = 2,                //!< RFC 2661 §4.4 (L2TPv2 only: ignored)
    FRAMING_CAPABILITIES = 3,            //!< RFC 2661 §4.4 (L2TPv2 only: ignored)
    BEARER_CAPABILITIES = 4,             //!< RFC 2661 §4.4 (L2TPv2 only: ignored)
    CONTROL_CONNECTION_TIE_BREAKER = 5,  //!< §5.4.3 (also the Session Tie Breaker, §5.4.4)
    FIRMWARE_REVISION = 6,               //!< RFC 2661 §4.4.3 (L2TPv2, sent by some LCCEs)
    HOST_NAME = 7,                       //!< §5.4.3
    VENDOR_NAME = 8,                     //!< §5.4.3
    ASSIGNED_TUNNEL_ID = 9,              //!< RFC 2661 §4.4 (L2TPv2 only: ignored)
    RECEIVE_WINDOW_SIZE = 10,            //!< §5.4.3
    CHALLENGE = 11,                      //!< RFC 2661 §4.4 (L2TPv2 only: ignored)
    Q931_CAUSE_CODE = 12,                //!< RFC 2661 §4.4 (L2TPv2 only: ignored)
    CHALLENGE_RESPONSE = 13,             //!< RFC 2661 §4.4 (L2TPv2 only: ignored)
    ASSIGNED_SESSION_ID = 14,            //!< RFC 2661 §4.4 (L2TPv2 only: ignored)
    SERIAL_NUMBER = 15,                  //!< §5.4.4
    MINIMUM_BPS = 16,                    //!< RFC 2661 §4.4 (L2TPv2 only: ignored)
    MAXIMUM_BPS = 17,                    //!< RFC 2661 §4.4 (L2TPv2 only: ignored)
    BEARER_TYPE = 18,                    //!< RFC 2661 §4.4 (L2TPv2 only: ignored)
    FRAMING_TYPE = 19,                   //!< RFC 2661 §4.4.5 (L2TPv2, sent by some LCCEs)
    CALLED_NUMBER = 21,                  //!< RFC 2661 §4.4 (L2TPv2 only: ignored)
    CALLING_NUMBER = 22,                 //!< RFC 2661 §4.4 (L2TPv2 only: ignored)
    SUB_ADDRESS = 23,                    //!< RFC 2661 §4.4 (L2TPv2 only: ignored)
    TX_CONNECT_SPEED_V2 = 24,            //!< RFC 2661 §4.4.5 (L2TPv2, sent by some LCCEs)
    PHYSICAL_CHANNEL_ID = 25,            //!< §5.4.5
    INITIAL_RECEIVED_LCP_CONFREQ = 26,   //!< RFC 2661 §4.4 (L2TPv2 only: ignored)
    LAST_SENT_LCP_CONFREQ = 27,          //!< RFC 2661 §4.4 (L2TPv2 only: ignored)
    LAST_RECEIVED_LCP_CONFREQ = 28,      //!< RFC 2661 §4.4 (L2TPv2 only: ignored)
    PROXY_AUTHEN_TYPE = 29,              //!< RFC 2661 §4.4 (L2TPv2 only: ignored)
    PROXY_AUTHEN_NAME = 30,              //!< RFC 2661 §4.4 (L2TPv2 only: ignored)
    PROXY_AUTHEN_CHALLENGE = 31,         //!< RFC 2661 §4.4 (L2TPv2 only: ignored)
    PROXY_AUTHEN_ID = 32,                //!< RFC 2661 §4.4 (L2TPv2 only: ignored)
    PROXY_AUTHEN_RESPONSE = 33,          //!< RFC 2661 §4.4 (L2TPv2 only: ignored)
    CIRCUIT_ERRORS = 34,                 //!< §5.4.5
    ACCM = 35,                           //!< RFC 2661 §4.4 (L2TPv2 only: ignored)
    RANDOM_VECTOR = 36,                  //!< §5.4.1
    PRIVATE_GROUP_ID = 37,               //!< RFC 2661 §4.4 (L2TPv2 only: ignored)
    RX_CONNECT_SPEED_V2 = 38,            //!< RFC 2661 §4.4 (L2TPv2 only: ignored)
    SEQUENCING_REQUIRED = 39,            //!< RFC 2661 §4.4 (L2TPv2 only: ignored)
    EXTENDED_VENDOR_ID = 58,             //!< §5.1
    MESSAGE_DIGEST = 59,                 //!< §5.4.1
    ROUTER_ID = 60,                      //!< §5.4.3
    ASSIGNED_CONTROL_CONNECTION_ID = 61, //!< §5.4.3
    PSEUDOWIRE_CAPABILITIES_LIST = 62,   //!< §5.4.3
    LOCAL_SESSION_ID = 63,               //!< §5.4.4
    REMOTE_SESSION_ID = 64,              //!< §5.4.4
    ASSIGNED_COOKIE = 65,                //!< §5.4.4
    REMOTE_END_ID = 66,                  //!< §5.4.4
    PSEUDOWIRE_TYPE = 68,                //!< §5.4.4
    L2_SPECIFIC_SUBLAYER = 69,           //!< §5.4.4
    DATA_SEQUENCING = 70,                //!< §5.4.4
    CIRCUIT_STATUS = 71,                 //!< §5.4.5
    PREFERRED_LANGUAGE = 72,             //!< §5.4.3
    CONTROL_MESSAGE_AUTH_NONCE = 73,     //!< §5.4.1
    TX_CONNECT_SPEED = 74,               //!< §5.4.4
    RX_CONNECT_SPEED = 75,               //!< §5.4.4
};

/**
 * \ingroup l2tp
 * \brief How an AVP's Attribute Value is laid out; decides the lengths a decoder accepts.
 */
enum class L2tpv3AvpDataType : uint8_t
{
    UINT16,         //!< one 16-bit integer, network order
    UINT32,         //!< one 32-bit integer
    UINT64,         //!< one 64-bit integer
    UINT16_LIST,    //!< one or more 16-bit integers (Pseudowire Capabilities List)
    STRING,         //!< text (Host Name, Vendor Name), at least one octet
    OCTETS,         //!< opaque octets, at least one (Remote End ID, Random Vector, Nonce)
    RESULT_CODE,    //!< Result Code, optional Error Code and Error Message (§5.4.2)
    COOKIE,         //!< 0, 4 or 8 octets (Assigned Cookie, §5.4.4; 0: no cookie)
    DIGEST,         //!< Digest Type octet + 16 or 20 octets (Message Digest, §5.4.1)
    CIRCUIT_ERRORS, //!< 2 reserved octets + six 32-bit counters (§5.4.5)
    EMPTY,          //!< no value at all (RFC 2661's Sequencing Required)
};

/**
 * \ingroup l2tp
 * \brief One row of the AVP table: what the codec knows of an AVP type.
 */
struct L2tpv3AvpDefinition
{
    L2tpv3AvpType type;         //!< the Attribute Type (Vendor ID 0)
    const char* name;           //!< the RFC's name, e.g. "Host Name"
    L2tpv3AvpDataType dataType; //!< layout of the value
    bool hideable;              //!< the H bit is allowed (§5.3); else it MUST be 0
    /// Defined by RFC 2661 and not by RFC 3931: recognized (so its M bit is of no
    /// consequence, §5.2), never acted on nor validated (§4.7.3), counted, never sent.
    bool l2tpv2Only;
};

/**
 * \ingroup l2tp
 * \brief Look an IETF AVP up in the table.
 * \param vendorId the AVP's Vendor ID
 * \param type its Attribute Type
 * \return the row, or nullptr when the AVP is not one the codec recognizes (§5.2)
 */
const L2tpv3AvpDefinition* L2tpv3FindAvpDefinition(uint16_t vendorId, uint16_t type);

/**
 * \ingroup l2tp
 * \brief The name of an AVP: the RFC's for IETF AVPs, "vendor V type T" otherwise.
 * \param vendorId the Vendor ID
 * \param type the Attribute Type
 * \return the name
 */
std::string L2tpv3AvpName(uint16_t vendorId, uint16_t type);

/**
 * \ingroup l2tp
 * \brief Whether an AVP is one of L2TPv2's that L2TPv3 ignores (RFC 3931 §4.7.3: "those
 * defined in RFC 2661 and not in this document"), e.g. Protocol Version (2).
 * \param vendorId the Vendor ID
 * \param type the Attribute Type
 * \return true for IETF AVPs of RFC 2661 that RFC 3931 does not define
 */
bool L2tpv3IsIgnoredL2tpv2Avp(uint16_t vendorId, uint16_t type);

/**
 * \ingroup l2tp
 * \brief The octets of an AVP's Attribute Value (RFC 3931 §5.1): a byte string that keeps
 * short values inline and takes a heap buffer only beyond INLINE_CAPACITY octets.
 *
 * Read like a \c std::vector<uint8_t> (size(), data(), begin(), end(), operator[],
 * comparison with a vector), so that code written for the vector this class replaced
 * reads it unchanged. It converts to a \c std::vector<uint8_t> implicitly (so that e.g.
 * <tt>nonce ? nonce->GetValue() : std::vector<uint8_t>()</tt> still compiles) and
 * explicitly with ToVector(); both copy. It is built from a vector only explicitly.
 */
class L2tpv3AvpValue
{
  public:
    /**
     * \brief Octets kept without a heap allocation.
     *
     * 24 covers nearly every AVP RFC 3931 messages carry: Message Type and the 16-bit
     * AVPs (2 octets, §5.4.1, §5.4.4), the control connection and session IDs and Router
     * ID (4, §5.4.3, §5.4.4), tie breakers and connect speeds (8), an Assigned Cookie (0,
     * 4 or 8, §5.4.4), a Pseudowire Capabilities List of up to 12 types (§5.4.3), a Nonce
     * or Random Vector of the 16 octets §5.4.1 recommends (what this module draws), a
     * Message Digest (17 for HMAC-MD5, 21 for HMAC-SHA-1, §5.4.1), a Result Code with an
     * Error Message of up to 20 characters (§5.4.2) and a Host Name of up to 24 (§5.4.3).
     * Longer values (Circuit Errors, 26; long names and messages; hidden values padded
     * to whole MD5 chunks, §5.3) take a heap buffer. With it the class is 32 octets.
     */
    static constexpr std::size_t INLINE_CAPACITY = 24;

    using value_type = uint8_t;            //!< an octet
    using size_type = std::size_t;         //!< a count of octets
    using const_iterator = const uint8_t*; //!< iterates the octets
    using iterator = const uint8_t*;       //!< iterates the octets (read only)

    /** \brief An empty value. */
    L2tpv3AvpValue() = default;
    /**
     * \brief A copy of octets.
     * \param data the first octet (may be nullptr when \p size is 0)
     * \param size how many
     */
    L2tpv3AvpValue(const uint8_t* data, std::size_t size);
    /**
     * \brief A copy of a vector's octets.
     * \param value the octets
     */
    explicit L2tpv3AvpValue(const std::vector<uint8_t>& value);
    /** \param other the value copied */
    L2tpv3AvpValue(const L2tpv3AvpValue& other);
    /** \param other the value moved from (left empty) */
    L2tpv3AvpValue(L2tpv3AvpValue&& other) noexcept;
    /**
     * \param other the value copied
     * \return this value
     */
    L2tpv3AvpValue& operator=(const L2tpv3AvpValue& other);
    /**
     * \param other the value moved from (left empty)
     * \return this value
     */
    L2tpv3AvpValue& operator=(L2tpv3AvpValue&& other) noexcept;
    /** \brief Frees the heap buffer, if any. */
    ~L2tpv3AvpValue();

    /**
     * \brief Replace the octets with a copy of others.
     * \param data the first octet (may be nullptr when \p size is 0; may point into this
     * value)
     * \param size how many
     */
    void Assign(const uint8_t* data, std::size_t size);
    /**
     * \brief Change the size, keeping the octets that remain; new octets are 0.
     * \param size the new size
     */
    void Resize(std::size_t size);

    /** \return the number of octets */
    std::size_t size() const
    {
        return m_size;
    }

    /** \return true when there are no octets */
    bool empty() const
    {
        return m_size == 0;
    }

    /** \return the first octet (never nullptr; not to be read when empty) */
    const uint8_t* data() const
    {
        return IsOnHeap() ? m_storage.heap : m_storage.inlined;
    }

    /** \return the first octet, writable (never nullptr; not to be read when empty) */
    uint8_t* data()
    {
        return IsOnHeap() ? m_storage.heap : m_storage.inlined;
    }

    /** \return an iterator to the first octet */
    const uint8_t* begin() const
    {
        return data();
    }

    /** \return an iterator past the last octet */
    const uint8_t* end() const
    {
        return data() + m_size;
    }

    /**
     * \param i an index below size()
     * \return the octet
     */
    const uint8_t& operator[](std::size_t i) const
    {
        return data()[i];
    }

    /**
     * \param i an index below size()
     * \return the octet, writable
     */
    uint8_t& operator[](std::size_t i)
    {
        return data()[i];
    }

    /** \return the octets as a vector (a copy) */
    std::vector<uint8_t> ToVector() const;

    /** \return the octets as a vector (a copy); see ToVector() */
    operator std::vector<uint8_t>() const // NOLINT(google-explicit-constructor)
    {
        return ToVector();
    }

    /** \return true when the octets are on the heap (more than INLINE_CAPACITY of them) */
    bool IsOnHeap() const
    {
        return m_capacity != 0;
    }

  private:
    /// Free the heap buffer, if any; the value is then empty and inline.
    void Release();

    /// The octets: inline while m_capacity is 0, else a heap buffer of m_capacity octets.
    union Storage {
        uint8_t inlined[INLINE_CAPACITY]; //!< the octets of a short value
        uint8_t* heap;                    //!< the buffer of a long one
    } m_storage;

    uint32_t m_size{0};     //!< octets in use
    uint32_t m_capacity{0}; //!< octets of the heap buffer; 0: the value is inline
};

/**
 * \param a a value
 * \param b another
 * \return true when both hold the same octets
 */
bool operator==(const L2tpv3AvpValue& a, const L2tpv3AvpValue& b);
/** \copydoc operator==(const L2tpv3AvpValue&,const L2tpv3AvpValue&) */
bool operator==(const L2tpv3AvpValue& a, const std::vector<uint8_t>& b);
/** \copydoc operator==(const L2tpv3AvpValue&,const L2tpv3AvpValue&) */
bool operator==(const std::vector<uint8_t>& a, const L2tpv3AvpValue& b);

/**
 * \param a a value
 * \param b another
 * \return true when the octets differ
 */
inline bool
operator!=(const L2tpv3AvpValue& a, const L2tpv3AvpValue& b)
{
    return !(a == b);
}

/** \copydoc operator!=(const L2tpv3AvpValue&,const L2tpv3AvpValue&) */
inline bool
operator!=(const L2tpv3AvpValue& a, const std::vector<uint8_t>& b)
{
    return !(a == b);
}

/** \copydoc operator!=(const L2tpv3AvpValue&,const L2tpv3AvpValue&) */
inline bool
operator!=(const std::vector<uint8_t>& a, const L2tpv3AvpValue& b)
{
    return !(a == b);
}

/**
 * \ingroup l2tp
 * \brief An Attribute Value Pair (RFC 3931 §5.1).
 *
 * \verbatim
   0                   1                   2                   3
   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
  |M|H| rsvd  |      Length       |           Vendor ID           |
  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
  |         Attribute Type        |        Attribute Value ...
  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 \endverbatim
 *
 * The value is kept as the octets received, so that any AVP, a vendor's
 * included, is re-encoded exactly as it arrived; the typed getters read
 * those octets and say false when the length does not fit the type. A
 * hidden value (H = 1, §5.3) is kept as received and not interpreted.
 */
class L2tpv3Avp
{
  public:
    /** \brief Octets of the AVP header: flags and length, Vendor ID, Attribute Type. */
    static constexpr std::size_t HEADER_SIZE = 6;
    /** \brief The 10-bit Length field's largest value (§5.1). */
    static constexpr std::size_t MAX_LENGTH = 1023;
    /** \brief Vendor ID of IETF AVPs. */
    static constexpr uint16_t IETF_VENDOR_ID = 0;

    L2tpv3Avp();

    /**
     * \brief An AVP with raw value octets.
     * \param vendorId the Vendor ID
     * \param type the Attribute Type
     * \param mandatory the M bit
     * \param value the Attribute Value
     * \throws std::invalid_argument if the value makes the AVP longer than 1023 octets
     */
    L2tpv3Avp(uint16_t vendorId, uint16_t type, bool mandatory, const std::vector<uint8_t>& value);

    /**
     * \brief An AVP with raw value octets, copied from a buffer.
     * \param vendorId the Vendor ID
     * \param type the Attribute Type
     * \param mandatory the M bit
     * \param data the first octet of the Attribute Value (may be nullptr when \p size is 0)
     * \param size its octets
     * \throws std::invalid_argument if the value makes the AVP longer than 1023 octets
     */
    L2tpv3Avp(uint16_t vendorId,
              uint16_t type,
              bool mandatory,
              const uint8_t* data,
              std::size_t size);

    /**
     * \param type an IETF AVP type
     * \param value the value
     * \param mandatory the M bit
     * \return the AVP
     */
    static L2tpv3Avp MakeUint16(L2tpv3AvpType type, uint16_t value, bool mandatory = true);
    /** \copydoc MakeUint16 */
    static L2tpv3Avp MakeUint32(L2tpv3AvpType type, uint32_t value, bool mandatory = true);
    /** \copydoc MakeUint16 */
    static L2tpv3Avp MakeUint64(L2tpv3AvpType type, uint64_t value, bool mandatory = true);
    /**
     * \param type an IETF AVP type
     * \param values the 16-bit values, in order
     * \param mandatory the M bit
     * \return the AVP
     */
    static L2tpv3Avp MakeUint16List(L2tpv3AvpType type,
                                    const std::vector<uint16_t>& values,
                                    bool mandatory = true);
    /**
     * \param type an IETF AVP type
     * \param value text or octets, sent as they are (no terminating zero)
     * \param mandatory the M bit
     * \return the AVP
     */
    static L2tpv3Avp MakeString(L2tpv3AvpType type,
                                const std::string& value,
                                bool mandatory = true);
    /**
     * \brief A Result Code AVP (§5.4.2): M = 1, never hidden.
     * \param resultCode the Result Code
     * \param errorCode the Error Code (sent when non-zero or when \p errorMessage is not empty)
     * \param errorMessage the Error Message (may be empty)
     * \return the AVP
     */
    static L2tpv3Avp MakeResultCode(uint16_t resultCode,
                                    uint16_t errorCode = 0,
                                    const std::string& errorMessage = "");

    /** \return the Vendor ID */
    uint16_t GetVendorId() const;
    /** \return the Attribute Type */
    uint16_t GetType() const;
    /**
     * \param type an IETF AVP type
     * \return true if this is that IETF AVP
     */
    bool Is(L2tpv3AvpType type) const;
    /** \return the M bit */
    bool IsMandatory() const;
    /** \return the H bit */
    bool IsHidden() const;
    /** \param hidden the H bit (the value must then be hidden by the caller, §5.3) */
    void SetHidden(bool hidden);
    /** \return the Attribute Value octets */
    const L2tpv3AvpValue& GetValue() const;
    /**
     * \brief Replace the Attribute Value (a digest filled in, a value hidden or unhidden).
     * \param value the new value
     * \throws std::invalid_argument if the value makes the AVP longer than 1023 octets
     */
    void SetValue(const std::vector<uint8_t>& value);
    /**
     * \brief Replace the Attribute Value with octets copied from a buffer.
     * \param data the first octet (may be nullptr when \p size is 0)
     * \param size its octets
     * \throws std::invalid_argument if the value makes the AVP longer than 1023 octets
     */
    void SetValue(const uint8_t* data, std::size_t size);
    /** \return the Length field: 6 + value octets */
    std::size_t GetLength() const;

    /**
     * \param [out] value the value
     * \return false if the value is not exactly 2 octets
     */
    bool GetUint16(uint16_t& value) const;
    /**
     * \param [out] value the value
     * \return false if the value is not exactly 4 octets
     */
    bool GetUint32(uint32_t& value) const;
    /**
     * \param [out] value the value
     * \return false if the value is not exactly 8 octets
     */
    bool GetUint64(uint64_t& value) const;
    /**
     * \param [out] values the values
     * \return false if the value is empty or of an odd length
     */
    bool GetUint16List(std::vector<uint16_t>& values) const;
    /** \return the value as text */
    std::string GetString() const;
    /**
     * \param [out] resultCode the Result Code
     * \param [out] errorCode the Error Code (0 when absent)
     * \param [out] errorMessage the Error Message (empty when absent)
     * \return false if the value is shorter than 2 octets or 3 (a torn Error Code)
     */
    bool GetResultCode(uint16_t& resultCode, uint16_t& errorCode, std::string& errorMessage) const;

    /**
     * \brief Whether the value's length fits the AVP's type (unknown AVPs always fit).
     * \return true if a decoder can interpret the value
     */
    bool IsWellFormed() const;

    /**
     * \brief Write the AVP.
     * \param [out] out octets are appended here
     */
    void Serialize(std::vector<uint8_t>& out) const;

    /**
     * \brief Read one AVP.
     * \param data the octets
     * \param size how many remain in the message
     * \param [out] avp the AVP read
     * \return the octets consumed, or 0 if the Length is under 6 or overruns \p size
     */
    static std::size_t Deserialize(const uint8_t* data, std::size_t size, L2tpv3Avp& avp);

    /**
     * \brief Print as "Host Name(M)=LCCE-A" (typed values decoded, others in hex).
     * \param os the stream
     */
    void Print(std::ostream& os) const;

    /**
     * \param other another AVP
     * \return true if both have the same flags, Vendor ID, type and value
     */
    bool operator==(const L2tpv3Avp& other) const;

  private:
    /**
     * \brief An IETF AVP whose value is \p size zero octets, for the caller to fill in.
     * \param type the Attribute Type
     * \param mandatory the M bit
     * \param size the value's octets
     * \return the AVP
     * \throws std::invalid_argument if the value makes the AVP longer than 1023 octets
     */
    static L2tpv3Avp MakeIetf(L2tpv3AvpType type, bool mandatory, std::size_t size);
    /**
     * \brief Throw unless a value of \p size octets fits an AVP (§5.1: Length <= 1023).
     * \param size the value's octets
     */
    void CheckValueSize(std::size_t size) const;

    uint8_t m_flags{0};     //!< the first six bits as received: M, H, reserved
    uint16_t m_vendorId{0}; //!< Vendor ID
    uint16_t m_type{0};     //!< Attribute Type
    L2tpv3AvpValue m_value; //!< Attribute Value
};

/**
 * \brief Print an AVP.
 * \param os the stream
 * \param avp the AVP
 * \return the stream
 */
std::ostream& operator<<(std::ostream& os, const L2tpv3Avp& avp);

} // namespace ns3

#endif /* L2TPV3_AVP_H */
