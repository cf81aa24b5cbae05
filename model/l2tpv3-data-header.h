/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_DATA_HEADER_H
#define L2TPV3_DATA_HEADER_H

#include "l2tpv3-session-header.h"
#include "l2tpv3-sublayer-header.h"
#include "l2tpv3-udp-header.h"

#include "ns3/header.h"

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

    /** \return the T/Ver word (meaningful when HasUdpWord()) */
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
};

} // namespace ns3

#endif /* L2TPV3_DATA_HEADER_H */
