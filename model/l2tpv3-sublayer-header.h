/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_SUBLAYER_HEADER_H
#define L2TPV3_SUBLAYER_HEADER_H

#include "ns3/header.h"

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief The Default L2-Specific Sublayer (RFC 3931 §4.6).
 *
 * \verbatim
   0                   1                   2                   3
   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
  |x|S|x|x|x|x|x|x|              Sequence Number                  |
  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 \endverbatim
 *
 * S = 1 when the 24-bit Sequence Number is valid; with S = 0 the number is
 * undefined and ignored. The x bits are sent as zero.
 */
class L2tpv3SublayerHeader : public Header
{
  public:
    /** \brief Sequence numbers are 24 bits and wrap (RFC 3931 §4.6). */
    static constexpr uint32_t SEQUENCE_MASK = 0xffffff;

    L2tpv3SublayerHeader();

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

    /** \return the S bit */
    bool HasSequence() const;
    /**
     * \brief Set S = 1 and the sequence number.
     * \param sequence the number; only the low 24 bits are sent
     */
    void SetSequence(uint32_t sequence);
    /** \brief Set S = 0 (no valid sequence number). */
    void ClearSequence();
    /** \return the sequence number (meaningful when HasSequence()) */
    uint32_t GetSequence() const;
    /** \return the sublayer's 32-bit word as sent, in host byte order */
    uint32_t GetWord() const;

  private:
    bool m_hasSequence;  //!< S bit
    uint32_t m_sequence; //!< 24-bit sequence number
};

} // namespace ns3

#endif /* L2TPV3_SUBLAYER_HEADER_H */
