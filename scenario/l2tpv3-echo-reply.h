/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_ECHO_REPLY_H
#define L2TPV3_ECHO_REPLY_H

#include "ns3/icmpv4.h"
#include "ns3/icmpv6-header.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv6-header.h"
#include "ns3/packet.h"

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief Reads an ICMP Echo Reply as a raw ICMP socket of the helpers' ping
 * applications receives it (the IP header first).
 *
 * Private to helper/: the bridge scenario's and the lab's pings share it.
 *
 * \param p the packet from the socket; its headers are removed
 * \param ipv6 whether it came from an ICMPv6 socket
 * \param id set to the Echo identifier
 * \param seq set to the Echo sequence number
 * \return false if the packet is not an Echo Reply
 */
inline bool
L2tpv3ReadEchoReply(Ptr<Packet> p, bool ipv6, uint16_t& id, uint16_t& seq)
{
    if (ipv6)
    {
        Ipv6Header ip;
        p->RemoveHeader(ip);
        uint8_t type = 0;
        if (p->CopyData(&type, 1) != 1 || type != Icmpv6Header::ICMPV6_ECHO_REPLY)
        {
            return false;
        }
        Icmpv6Echo reply(false);
        p->RemoveHeader(reply);
        id = reply.GetId();
        seq = reply.GetSeq();
        return true;
    }
    Ipv4Header ip;
    p->RemoveHeader(ip);
    Icmpv4Header icmp;
    p->RemoveHeader(icmp);
    if (icmp.GetType() != Icmpv4Header::ICMPV4_ECHO_REPLY)
    {
        return false;
    }
    Icmpv4Echo echo;
    p->RemoveHeader(echo);
    id = echo.GetIdentifier();
    seq = echo.GetSequenceNumber();
    return true;
}

} // namespace ns3

#endif /* L2TPV3_ECHO_REPLY_H */
