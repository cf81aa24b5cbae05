/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_UDP_HEADER_H
#define L2TPV3_UDP_HEADER_H

#include "ns3/header.h"

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief The word that precedes the session header over UDP (RFC 3931 §4.1.2.1).
 *
 * \verbatim
   0                   1                   2                   3
   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
  |T|x|x|x|x|x|x|x|x|x|x|x|  Ver  |          Reserved             |
  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 \endverbatim
 *
 * A data message has T = 0 and Ver = 3; the x bits and Reserved are sent as
 * zero and ignored on receipt. A receiver checks Ver first (§4.1.2.1: the
 * bits have meaning in L2TPv2). The Session ID and cookie follow as
 * L2tpv3SessionHeader.
 */
class L2tpv3UdpHeader : public Header
{
  public:
    /** \brief The L2TP version this module speaks. */
    static constexpr uint8_t VERSION = 3;
    /** \brief Registered UDP port of L2TP (RFC 3931 §4.1.2.2). */
    static constexpr uint16_t PORT = 1701;

    L2tpv3UdpHeader();

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

    /** \return true for a control message (T = 1) */
    bool IsControl() const;
    /** \param control true for a control message (T = 1) */
    void SetControl(bool control);
    /** \return the Ver field */
    uint8_t GetVersion() const;
    /** \param version the Ver field (4 bits) */
    void SetVersion(uint8_t version);

  private:
    bool m_control;    //!< T bit
    uint8_t m_version; //!< Ver field
};

} // namespace ns3

#endif /* L2TPV3_UDP_HEADER_H */
