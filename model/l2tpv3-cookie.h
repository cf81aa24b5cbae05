/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_COOKIE_H
#define L2TPV3_COOKIE_H

#include "ns3/attribute-helper.h"

#include <array>
#include <cstdint>
#include <iostream>
#include <string>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief An L2TPv3 cookie: 0, 4 or 8 bytes chosen per session (RFC 3931 §4.1).
 *
 * The cookie is carried right after the Session ID in network byte order. A
 * cookie is written as its length and its value, as l2tp(4) configures it
 * (`cookie 4 12345`): L2tpv3Cookie(4, 12345) is `00 00 30 39` on the wire.
 * The string form used by attributes and the command line is "LEN:VALUE"
 * (VALUE decimal or 0x-prefixed hex), or "0" / "none" for no cookie.
 */
class L2tpv3Cookie
{
  public:
    /** \brief Largest cookie length in bytes (RFC 3931 §4.1). */
    static constexpr uint8_t MAX_LENGTH = 8;

    /** \brief Construct the empty (0-byte) cookie. */
    L2tpv3Cookie();

    /**
     * \brief Construct a cookie of \p length bytes holding \p value.
     * \param length 0, 4 or 8
     * \param value the cookie as an unsigned integer; must fit in \p length bytes
     * \throws std::invalid_argument naming the parameter and value when either is invalid
     */
    L2tpv3Cookie(uint8_t length, uint64_t value);

    /** \return the length in bytes: 0, 4 or 8 */
    uint8_t GetLength() const;
    /** \return the value as an unsigned integer */
    uint64_t GetValue() const;
    /** \return the cookie bytes in wire (network) order; only GetLength() are used */
    const std::array<uint8_t, MAX_LENGTH>& GetBytes() const;

    /**
     * \brief Check that \p length is a cookie length RFC 3931 allows.
     * \param length the length to check
     * \param parameter the parameter name used in the error message
     * \throws std::invalid_argument when \p length is not 0, 4 or 8
     */
    static void CheckLength(uint32_t length, const std::string& parameter);

    /**
     * \brief Parse the "LEN:VALUE" string form.
     * \param text the text to parse
     * \param parameter the parameter name used in the error message
     * \return the cookie
     * \throws std::invalid_argument naming \p parameter and \p text when malformed
     */
    static L2tpv3Cookie Parse(const std::string& text, const std::string& parameter);

    /**
     * \brief Compare with bytes received on the wire.
     * \param wire pointer to GetLength() bytes
     * \return true when they equal this cookie byte for byte
     */
    bool Matches(const uint8_t* wire) const;

  private:
    uint8_t m_length;                          //!< 0, 4 or 8
    uint64_t m_value;                          //!< value as configured
    std::array<uint8_t, MAX_LENGTH> m_bytes{}; //!< network-order bytes, computed once
};

/**
 * \brief Equality: same length and same value.
 * \param a a cookie
 * \param b a cookie
 * \return true when equal
 */
bool operator==(const L2tpv3Cookie& a, const L2tpv3Cookie& b);
/**
 * \brief Inequality.
 * \param a a cookie
 * \param b a cookie
 * \return true when not equal
 */
bool operator!=(const L2tpv3Cookie& a, const L2tpv3Cookie& b);

/**
 * \brief Write "LEN:VALUE" (or "0" for no cookie).
 * \param os the stream
 * \param cookie the cookie
 * \return the stream
 */
std::ostream& operator<<(std::ostream& os, const L2tpv3Cookie& cookie);
/**
 * \brief Read the "LEN:VALUE" form; sets failbit when malformed.
 * \param is the stream
 * \param cookie the cookie read
 * \return the stream
 */
std::istream& operator>>(std::istream& is, L2tpv3Cookie& cookie);

ATTRIBUTE_HELPER_HEADER(L2tpv3Cookie);

} // namespace ns3

#endif /* L2TPV3_COOKIE_H */
