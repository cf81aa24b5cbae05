/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-session-config.h"

#include "l2tpv3-names.h"

#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"

#include <stdexcept>
#include <string>

namespace ns3
{

namespace
{

/**
 * \param a an address
 * \return "IPv4", "IPv6" or "unset/other" for messages
 */
std::string
FamilyName(const Address& a)
{
    if (Ipv4Address::IsMatchingType(a))
    {
        return "IPv4";
    }
    if (Ipv6Address::IsMatchingType(a))
    {
        return "IPv6";
    }
    return a.IsInvalid() ? "unset" : "not an IP address";
}

/**
 * \param a an address
 * \return true for an Ipv4Address or Ipv6Address
 */
bool
IsIpAddress(const Address& a)
{
    return Ipv4Address::IsMatchingType(a) || Ipv6Address::IsMatchingType(a);
}

} // namespace

void
L2tpv3CheckTunnel(const Address& source, const Address& destination)
{
    if (!IsIpAddress(source))
    {
        throw std::invalid_argument("TunnelSource is " + FamilyName(source) +
                                    ": give an IPv4 or IPv6 address");
    }
    if (!IsIpAddress(destination))
    {
        throw std::invalid_argument("TunnelDestination is " + FamilyName(destination) +
                                    ": give an IPv4 or IPv6 address");
    }
    if (FamilyName(source) != FamilyName(destination))
    {
        throw std::invalid_argument("TunnelSource " + L2tpv3AddressText(source) + " is " +
                                    FamilyName(source) + " but TunnelDestination " +
                                    L2tpv3AddressText(destination) + " is " +
                                    FamilyName(destination));
    }
}

void
L2tpv3SessionConfig::Validate() const
{
    // In the order the device checks them (tunnel, then session, l2tp(4)'s order).
    L2tpv3CheckTunnel(tunnelSource, tunnelDestination);
    // RFC 3931 §4.1: Session ID 0 is reserved for control messages over IP.
    if (localSessionId == 0)
    {
        throw std::invalid_argument(
            "LocalSessionId 0 is reserved for control messages (RFC 3931 §4.1.1.2)");
    }
    if (remoteSessionId == 0)
    {
        throw std::invalid_argument(
            "RemoteSessionId 0 is reserved for control messages (RFC 3931 §4.1.1.2)");
    }
    // RFC 768: port 0 is "no port"; the device's attributes refuse it too.
    if (udpSourcePort == 0)
    {
        throw std::invalid_argument("UdpSourcePort 0: must be 1 to 65535");
    }
    if (udpDestinationPort == 0)
    {
        throw std::invalid_argument("UdpDestinationPort 0: must be 1 to 65535");
    }
    if ((sendSequence || requireSequence) && sublayer != L2tpv3Sublayer::DEFAULT)
    {
        throw std::invalid_argument(
            "SendSequenceNumbers/RequireSequenceNumbers need L2SpecificSublayer default "
            "(RFC 3931 §4.6), not none");
    }
    // RFC 791: every IPv4 link carries 68 octets without fragmenting; the Mtu attribute's floor.
    if (mtu < 68)
    {
        throw std::invalid_argument("Mtu " + std::to_string(mtu) + ": must be at least 68");
    }
}

bool
operator==(const L2tpv3SessionConfig& a, const L2tpv3SessionConfig& b)
{
    return a.localSessionId == b.localSessionId && a.remoteSessionId == b.remoteSessionId &&
           a.localCookie == b.localCookie && a.remoteCookie == b.remoteCookie &&
           a.encapsulation == b.encapsulation && a.udpSourcePort == b.udpSourcePort &&
           a.udpDestinationPort == b.udpDestinationPort && a.udpChecksum == b.udpChecksum &&
           a.tunnelSource == b.tunnelSource && a.tunnelDestination == b.tunnelDestination &&
           a.sublayer == b.sublayer && a.sendSequence == b.sendSequence &&
           a.requireSequence == b.requireSequence && a.mtuPolicy == b.mtuPolicy && a.mtu == b.mtu;
}

bool
operator!=(const L2tpv3SessionConfig& a, const L2tpv3SessionConfig& b)
{
    return !(a == b);
}

} // namespace ns3
