/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_DATA_HEADER_H
#define L2TPV3_DATA_HEADER_H

#include "l2tpv3-session-header.h"
#include "l2tpv3-sublayer-header.h"
#include "l2tpv3-udp-header.h"

#include "ns3/header.h"

#include <array>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief Everything a data message carries before the frame, as one header.
 *
 * Over IP (RFC 3931 §4.1.1.2): session header. Over UDP (§4.1.2.1): the
 * T/Ver word, then the session header. With the Default L2-Specific
 * Sublayer (§4.6), its word follows. The parts are the codecs
 * L2tpv3UdpHeader, L2tpv3SessionHeader and L2tpv3SublayerHeader; this class
 * only strings them together, so that a device serializes one header per
 * packet and parses what its session is configured to receive.
 */
class L2tpv3DataHeader : public Header
{
  public:
    L2tpv3DataHeader();

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

    /**
     * \brief Choose which parts are present.
     * \param udp the T/Ver word is present (UDP encapsulation)
     * \param cookieLength 0, 4 or 8
     * \param sublayer the Default L2-Specific Sublayer is present
     */
    void Configure(bool udp, uint8_t cookieLength, bool sublayer);

    /** \return true when the T/Ver word is present */
    bool HasUdpWord() const;
    /** \return true when the sublayer is present */
    bool HasSublayer() const;

    /**
     * \brief Number the next packet: S = 1 and the sequence number in the sublayer.
     *
     * Unlike GetSublayer().SetSequence(), this keeps the precomputed image of the
     * header and rewrites only the sublayer's four bytes of it, so that a device
     * numbering every frame still adds its header with one copy.
     * \param sequence the sequence number (RFC 3931 §4.6: 24 bits, higher bits ignored)
     */
    void SetSequence(uint32_t sequence);
    /** \brief S = 0 in the sublayer, keeping the precomputed image (see SetSequence). */
    void ClearSequence();

    /**
     * The non-const accessors below let a caller change a part of the header:
     * each of them drops the precomputed image, which the next Serialize builds
     * again.
     * \return the T/Ver word (meaningful when HasUdpWord())
     */
    L2tpv3UdpHeader& GetUdpWord();
    /** \return the session header */
    L2tpv3SessionHeader& GetSession();
    /** \return the session header */
    const L2tpv3SessionHeader& GetSession() const;
    /** \return the sublayer (meaningful when HasSublayer()) */
    L2tpv3SublayerHeader& GetSublayer();
    /** \return the sublayer (meaningful when HasSublayer()) */
    const L2tpv3SublayerHeader& GetSublayer() const;

  private:
    bool m_udp;                            //!< T/Ver word present
    bool m_sublayer;                       //!< sublayer present
    L2tpv3UdpHeader m_udpWord;             //!< T/Ver word
    L2tpv3SessionHeader m_session;         //!< Session ID and cookie
    L2tpv3SublayerHeader m_sublayerHeader; //!< Default L2-Specific Sublayer

    /// The largest header: T/Ver word 4, Session ID 4, cookie 8, sublayer 4.
    static constexpr uint32_t MAX_SIZE = 20;
    /// \brief Serialize the parts into m_image and set m_imageSize.
    void BuildImage() const;
    /// \brief Rewrite the sublayer's word in m_image, when it is built.
    void PatchSublayer();
    /// The serialized header, built by the first Serialize after a change: a device
    /// sending many packets with the same header copies these bytes instead of
    /// serializing each part again.
    mutable std::array<uint8_t, MAX_SIZE> m_image;
    mutable uint32_t m_imageSize; //!< bytes in m_image; 0 when it must be built again
};

} // namespace ns3

#endif /* L2TPV3_DATA_HEADER_H */
