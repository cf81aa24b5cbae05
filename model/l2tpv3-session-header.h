/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_SESSION_HEADER_H
#define L2TPV3_SESSION_HEADER_H

#include "l2tpv3-cookie.h"

#include "ns3/header.h"
#include "ns3/ptr.h"

namespace ns3
{

class Packet;

/**
 * \ingroup l2tp
 * \brief The L2TPv3 session header: Session ID and optional cookie (RFC 3931 §4.1).
 *
 * \verbatim
   0                   1                   2                   3
   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
  |                           Session ID                          |
  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
  |               Cookie (optional, maximum 64 bits)...
  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 \endverbatim
 *
 * Over IP (protocol 115) this is the whole L2TPv3 data header (§4.1.1.2).
 * The cookie length is not on the wire: a receiver reads the Session ID
 * (PeekSessionId), finds the session, then calls SetCookieLength with the
 * session's configured length before Deserialize.
 */
class L2tpv3SessionHeader : public Header
{
  public:
    /** \brief Session ID 0 over IP marks a control message (RFC 3931 §4.1.1.2). */
    static constexpr uint32_t CONTROL_SESSION_ID = 0;

    L2tpv3SessionHeader();

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;

    /** \param sessionId the Session ID */
    void SetSessionId(uint32_t sessionId);
    /** \return the Session ID */
    uint32_t GetSessionId() const;

    /**
     * \brief Set the cookie to send; also sets the cookie length.
     * \param cookie the cookie
     */
    void SetCookie(const L2tpv3Cookie& cookie);

    /**
     * \brief Set how many cookie bytes Deserialize reads.
     * \param length 0, 4 or 8
     * \throws std::invalid_argument for any other length
     */
    void SetCookieLength(uint8_t length);
    /** \return the cookie length in bytes */
    uint8_t GetCookieLength() const;

    /** \return the cookie bytes (GetCookieLength() of them) in wire order */
    const uint8_t* GetCookieBytes() const;

    /**
     * \brief Read the Session ID of \p packet without removing anything.
     * \param packet the packet
     * \param [out] sessionId the Session ID read
     * \param offset where the session header starts: 0 over IP, 4 over UDP
     * \return false when the packet is shorter than offset + a Session ID
     */
    static bool PeekSessionId(Ptr<const Packet> packet, uint32_t& sessionId, uint32_t offset = 0);

  private:
    uint32_t m_sessionId;                                     //!< Session ID
    uint8_t m_cookieLength;                                   //!< cookie length in bytes
    std::array<uint8_t, L2tpv3Cookie::MAX_LENGTH> m_cookie{}; //!< cookie bytes, wire order
};

} // namespace ns3

#endif /* L2TPV3_SESSION_HEADER_H */
