/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_TYPES_H
#define L2TPV3_TYPES_H

#include <cstdint>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief How data messages travel: IP protocol 115 (RFC 3931 §4.1.1) or UDP (§4.1.2).
 */
enum class L2tpv3Encapsulation : uint8_t
{
    IP, //!< IP protocol 115, l2tp(4)'s only mode
    UDP //!< UDP, port 1701 by default
};

/**
 * \ingroup l2tp
 * \brief The L2-Specific Sublayer a session uses (RFC 3931 §3.2.2, §4.6).
 */
enum class L2tpv3Sublayer : uint8_t
{
    NONE,   //!< no sublayer (l2tp(4))
    DEFAULT //!< the Default L2-Specific Sublayer, needed for sequencing
};

/**
 * \ingroup l2tp
 * \brief How the device MTU relates to the underlay.
 */
enum class L2tpv3MtuPolicy : uint8_t
{
    FRAGMENT, //!< keep the configured Mtu; the outer IP layer fragments (l2tp(4))
    DERIVED   //!< Mtu = underlay MTU minus every header, so nothing fragments (Linux)
};

} // namespace ns3

#endif /* L2TPV3_TYPES_H */
