/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_MSS_CLAMP_H
#define L2TPV3_MSS_CLAMP_H

#include "ns3/ptr.h"

#include <cstdint>

namespace ns3
{

class Packet;

/**
 * \ingroup l2tp
 * \brief Clamp the MSS option of a TCP SYN inside an Ethernet frame.
 *
 * The frame may carry one 802.1Q or 802.1ad tag; the IP packet may be IPv4
 * (first fragment, any header length) or IPv6 (TCP as the first next header).
 * When the frame is a TCP segment with SYN set and an MSS option larger than
 * the limit for its IP version, the option is lowered to it and the TCP checksum is updated
 * incrementally (RFC 1624), so a valid checksum stays valid. Anything else
 * is left as it is. This is NetBSD's (disabled) and Linux's TCPMSS clamping,
 * done where frames enter and leave the pseudowire.
 *
 * \param frame the Ethernet frame, header first; modified in place (its tags kept)
 * \param mss4 the largest MSS allowed in TCP over IPv4
 * \param mss6 the largest MSS allowed in TCP over IPv6
 * \return true when the frame was changed
 */
bool L2tpv3ClampTcpMss(Ptr<Packet> frame, uint16_t mss4, uint16_t mss6);

} // namespace ns3

#endif /* L2TPV3_MSS_CLAMP_H */
