/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_CONTROL_MESSAGE_H
#define L2TPV3_CONTROL_MESSAGE_H

#include "l2tpv3-avp.h"

#include "ns3/ptr.h"

#include <cstdint>
#include <iostream>
#include <string>
#include <vector>

namespace ns3
{

class Packet;

/**
 * \ingroup l2tp
 * \brief Control message types (RFC 3931 §3.1, values of the Message Type AVP).
 */
enum class L2tpv3MessageType : uint16_t
{
    ZLB = 0,     //!< not a type: a message without AVPs (Zero-Length Body, §4.2)
    SCCRQ = 1,   //!< Start-Control-Connection-Request
    SCCRP = 2,   //!< Start-Control-Connection-Reply
    SCCCN = 3,   //!< Start-Control-Connection-Connected
    STOPCCN = 4, //!< Stop-Control-Connection-Notification
    HELLO = 6,   //!< Hello
    OCRQ = 7,    //!< Outgoing-Call-Request
    OCRP = 8,    //!< Outgoing-Call-Reply
    OCCN = 9,    //!< Outgoing-Call-Connected
    ICRQ = 10,   //!< Incoming-Call-Request
    ICRP = 11,   //!< Incoming-Call-Reply
    ICCN = 12,   //!< Incoming-Call-Connected
    CDN = 14,    //!< Call-Disconnect-Notify
    WEN = 15,    //!< WAN-Error-Notify
    SLI = 16,    //!< Set-Link-Info
    ACK = 20,    //!< Explicit Acknowledgement (§5.4.1)
};

/**
 * \ingroup l2tp
 * \brief The name of a message type, e.g. "SCCRQ"; "type N" for unknown ones.
 * \param type the Message Type AVP's value
 * \return the name
 */
std::string L2tpv3MessageTypeName(uint16_t type);

/**
 * \brief Output a message type's name.
 * \param os the stream
 * \param type the type
 * \return the stream
 */
std::ostream& operator<<(std::ostream& os, L2tpv3MessageType type);

/**
 * \ingroup l2tp
 * \param type a message type value
 * \return true if it is one of the types of L2tpv3MessageType (ZLB excluded)
 */
bool L2tpv3IsKnownMessageType(uint16_t type);

/**
 * \ingroup l2tp
 * \brief The AVPs a message MUST carry (RFC 3931 §6), Message Type included.
 * \param type a message type
 * \return the AVP types, empty for unknown types and ZLBs
 */
const std::vector<L2tpv3AvpType>& L2tpv3RequiredAvps(L2tpv3MessageType type);

/**
 * \ingroup l2tp
 * \brief Why the decoder dropped a control message (the message is not looked at further).
 */
enum class L2tpv3ControlDecodeError : uint8_t
{
    NONE = 0,        //!< decoded
    TOO_SHORT,       //!< shorter than the 12-octet control header
    NOT_CONTROL,     //!< T = 0: a data message
    BAD_FLAGS,       //!< L or S clear (§3.2.1: both MUST be 1 on control messages)
    BAD_VERSION,     //!< Ver is not 3 (nor 2 on the §4.7.3 probe: an SCCRQ to Connection ID 0)
    BAD_LENGTH,      //!< Length under 12 or past the end of the packet
    AVP_LENGTH,      //!< an AVP's Length under 6 or past the message's Length
    NO_MESSAGE_TYPE, //!< AVPs present, but the first is not a Message Type of 2 octets (§5.4.1)
    COUNT            //!< number of errors, not an error
};

/**
 * \ingroup l2tp
 * \param error a decode error
 * \return its snake_case name, e.g. "avp_length"
 */
std::string L2tpv3ControlDecodeErrorName(L2tpv3ControlDecodeError error);

/**
 * \ingroup l2tp
 * \brief What a decoded message's AVPs say it must be done with (RFC 3931 §5.2, §7.1).
 */
struct L2tpv3ControlCheck
{
    /// The verdict.
    enum Verdict : uint8_t
    {
        OK = 0,                  //!< every AVP is known or ignorable, the required ones present
        UNKNOWN_MANDATORY_AVP,   //!< an unrecognized AVP has M = 1 (§5.2): shut down, error 8
        MALFORMED_MANDATORY_AVP, //!< a known AVP with M = 1 has a value it cannot hold (§7.1)
        MISSING_AVP,             //!< a required AVP (§6) is absent
        UNKNOWN_MESSAGE_TYPE,    //!< an unknown type with the Message Type's M bit set (§5.4.1)
        IGNORE_MESSAGE,          //!< an unknown type with M = 0: ignore the message (§5.4.1)
    };

    Verdict verdict{OK};  //!< the verdict
    uint16_t vendorId{0}; //!< the offending AVP's Vendor ID (AVP verdicts)
    uint16_t avpType{0};  //!< the offending or missing AVP's type (AVP verdicts)

    /** \return a sentence for logs and Error Messages, e.g. "unknown mandatory AVP vendor 9 type 3"
     */
    std::string Describe() const;
};

/**
 * \ingroup l2tp
 * \brief An L2TPv3 control message: the control header (RFC 3931 §3.2.1) and its AVPs (§5).
 *
 * \verbatim
   0                   1                   2                   3
   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
  |T|L|x|x|S|x|x|x|x|x|x|x|  Ver  |             Length            |
  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
  |                     Control Connection ID                     |
  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
  |               Ns              |               Nr              |
  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 \endverbatim
 *
 * This is the message as the reliable channel and the state machines see
 * it; over IP the transport adds and removes the 32 zero bits of Session ID
 * 0 in front (§4.1.1.2), over UDP the header starts right after the UDP
 * header (§4.1.2.1). A message without AVPs is a ZLB acknowledgement.
 * The header's reserved bits are kept as received so that a decoded
 * message re-encodes byte for byte.
 *
 * One L2TPv2 message is decoded too: the SCCRQ with Ver = 2 that an LCCE
 * sends to learn whether its peer speaks L2TPv3 (RFC 3931 §4.7.3). Its
 * header has the layout above when the O bit is clear (RFC 2661 §3.1: T L x
 * x S x O P x x x x Ver, Length, Tunnel ID, Session ID, Ns, Nr), and its
 * Tunnel ID and Session ID, where L2TPv3 has the Control Connection ID, are
 * 0. It is then an SCCRQ like any other: its L2TPv2 AVPs are ignored
 * whatever their M bit (L2tpv3IsIgnoredL2tpv2Avp) and it is answered in
 * L2TPv3 (Ver = 3). Every other Ver = 2 message is BAD_VERSION.
 */
class L2tpv3ControlMessage
{
  public:
    /** \brief Octets of the control header. */
    static constexpr std::size_t HEADER_SIZE = 12;
    /** \brief The 16-bit Length field's largest value (§3.2.1). */
    static constexpr std::size_t MAX_LENGTH = 65535;
    /** \brief The first 16 bits of a control header we send: T, L, S set, Ver 3. */
    static constexpr uint16_t FLAGS_AND_VERSION = 0xc803;
    /**
     * \brief What GetMessageType returns for a vendor-specific message (RFC 3931 §5.4.1: the
     * Message Type AVP's Vendor ID is not 0), whatever its number: not an IETF type (the
     * IETF number 65535 is unassigned), so not known (L2tpv3IsKnownMessageType).
     */
    static constexpr L2tpv3MessageType VENDOR_SPECIFIC = static_cast<L2tpv3MessageType>(0xffff);

    L2tpv3ControlMessage();

    /**
     * \brief A message whose first AVP is the Message Type (M = 1).
     * \param type the message type (ZLB: a message without AVPs)
     */
    explicit L2tpv3ControlMessage(L2tpv3MessageType type);

    /**
     * \return the message type, ZLB when there are no AVPs; the raw value for unknown types;
     * VENDOR_SPECIFIC when the Message Type AVP's Vendor ID is not 0 (RFC 3931 §5.4.1: a
     * vendor's message numbered 1 is not an SCCRQ; its number stays in the AVP)
     */
    L2tpv3MessageType GetMessageType() const;
    /** \return true when the message has no AVPs */
    bool IsZlb() const;
    /** \return the header's Ver field: 3, or 2 for the §4.7.3 probe */
    uint8_t GetVersion() const;

    /**
     * \brief The L2TPv2 AVPs of this message that L2TPv3 ignores (RFC 3931 §4.7.3), e.g.
     * Protocol Version and Framing Capabilities, for the receiver to count.
     * \return their Attribute Types, in the message's order (empty for most messages)
     */
    std::vector<uint16_t> GetIgnoredL2tpv2Avps() const;

    /**
     * \brief Whether octets start the RFC 3931 §4.7.3 probe: an L2TPv2 control header (T, L,
     * S set, O clear, Ver 2) with Tunnel ID and Session ID 0, whose first AVP is a Message
     * Type SCCRQ. A transport reads this much to tell it from other L2TPv2 traffic.
     * \param data the octets, control header first
     * \param size how many (20 are enough: the header and the Message Type AVP)
     * \return true for the probe
     */
    static bool IsL2tpv2Probe(const uint8_t* data, std::size_t size);
    /** \brief Octets IsL2tpv2Probe reads: the control header and the Message Type AVP. */
    static constexpr std::size_t PROBE_PREFIX_SIZE = HEADER_SIZE + 8;

    /** \param id the Control Connection ID (the peer's, §3.2.1) */
    void SetControlConnectionId(uint32_t id);
    /** \return the Control Connection ID */
    uint32_t GetControlConnectionId() const;
    /** \param ns the sequence number of this message */
    void SetNs(uint16_t ns);
    /** \return Ns */
    uint16_t GetNs() const;
    /** \param nr the next sequence number expected from the peer */
    void SetNr(uint16_t nr);
    /** \return Nr */
    uint16_t GetNr() const;

    /**
     * \brief Append an AVP.
     * \param avp the AVP
     * \return this message
     */
    L2tpv3ControlMessage& Add(const L2tpv3Avp& avp);
    /**
     * \brief Append an AVP, taking its value over (no copy: Add(L2tpv3Avp::MakeUint32(...))).
     * \param avp the AVP
     * \return this message
     */
    L2tpv3ControlMessage& Add(L2tpv3Avp&& avp);
    /** \return the AVPs in order */
    const std::vector<L2tpv3Avp>& GetAvps() const;
    /**
     * \brief Replace all AVPs (signing inserts a Message Digest, hiding a Random Vector).
     * \param avps the AVPs, Message Type first
     */
    void SetAvps(std::vector<L2tpv3Avp> avps);
    /**
     * \param type an IETF AVP type
     * \return the first AVP of that type, or nullptr
     */
    const L2tpv3Avp* Find(L2tpv3AvpType type) const;
    /**
     * \param type an IETF AVP type
     * \param [out] value its value
     * \return false if the AVP is absent or not 2 octets
     */
    bool GetUint16(L2tpv3AvpType type, uint16_t& value) const;
    /** \copydoc GetUint16 */
    bool GetUint32(L2tpv3AvpType type, uint32_t& value) const;
    /** \copydoc GetUint16 */
    bool GetUint64(L2tpv3AvpType type, uint64_t& value) const;

    /**
     * \brief Check the AVPs as a receiver must before acting on the message.
     * \return the verdict; OK for ZLBs
     */
    L2tpv3ControlCheck Check() const;

    /** \return the Length field: 12 + the AVPs */
    std::size_t GetSerializedSize() const;

    /**
     * \brief Encode the message (the Length field is computed).
     * \return the octets, control header first
     * \throws std::length_error if the message is longer than 65535 octets
     */
    std::vector<uint8_t> Serialize() const;

    /**
     * \return the message as a packet, control header first
     * \throws std::length_error if the message is longer than 65535 octets
     */
    Ptr<Packet> ToPacket() const;

    /**
     * \brief Decode a message; octets past the Length field are ignored (§3.2.1).
     * \param data the octets, control header first
     * \param size how many
     * \param [out] message the message
     * \return NONE, or why the message must be dropped
     */
    static L2tpv3ControlDecodeError Deserialize(const uint8_t* data,
                                                std::size_t size,
                                                L2tpv3ControlMessage& message);

    /**
     * \brief Decode a packet (control header first).
     * \param packet the packet
     * \param [out] message the message
     * \return NONE, or why the message must be dropped
     */
    static L2tpv3ControlDecodeError FromPacket(Ptr<const Packet> packet,
                                               L2tpv3ControlMessage& message);

    /**
     * \brief Print as "SCCRQ ccid=0 ns=0 nr=0 [Host Name(M)=A, ...]".
     * \param os the stream
     */
    void Print(std::ostream& os) const;

  private:
    uint16_t m_flags{FLAGS_AND_VERSION}; //!< T, L, reserved, S, reserved, Ver as received
    uint32_t m_connectionId{0};          //!< Control Connection ID
    uint16_t m_ns{0};                    //!< Ns
    uint16_t m_nr{0};                    //!< Nr
    std::vector<L2tpv3Avp> m_avps;       //!< AVPs, Message Type first
};

/**
 * \brief Print a control message.
 * \param os the stream
 * \param message the message
 * \return the stream
 */
std::ostream& operator<<(std::ostream& os, const L2tpv3ControlMessage& message);

} // namespace ns3

#endif /* L2TPV3_CONTROL_MESSAGE_H */
