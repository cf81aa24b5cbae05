/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_SESSION_CONFIG_H
#define L2TPV3_SESSION_CONFIG_H

#include "l2tpv3-cookie.h"
#include "l2tpv3-types.h"

#include "ns3/address.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief The configuration of one pseudowire end (one session, RFC 3931 §4.1): what the
 * control plane negotiates and a data-plane device needs, as one value.
 *
 * L2tpv3NetDevice::Configure applies it in one step (one reconfiguration, one update of the
 * node's session table); L2tpv3NetDevice::GetSessionConfig reads it back. The defaults are
 * the device's attribute defaults: a value with both Session IDs and both tunnel endpoints
 * set is a working l2tp(4)-like end.
 */
struct L2tpv3SessionConfig
{
    uint32_t localSessionId{0};  //!< Session ID this end receives on (RFC 3931 §4.1.1.2)
    uint32_t remoteSessionId{0}; //!< Session ID the peer receives on, sent on the wire
    L2tpv3Cookie localCookie;    //!< cookie expected on received packets (§4.1)
    L2tpv3Cookie remoteCookie;   //!< cookie put on sent packets
    L2tpv3Encapsulation encapsulation{L2tpv3Encapsulation::IP}; //!< IP or UDP (§4.1.2)
    uint16_t udpSourcePort{1701};      //!< local UDP port (UDP encapsulation)
    uint16_t udpDestinationPort{1701}; //!< peer's UDP port (UDP encapsulation)
    bool udpChecksum{false};           //!< compute UDP checksums on sent packets (§4.1.2.3)
    Address tunnelSource;              //!< local tunnel endpoint, IPv4 or IPv6
    Address tunnelDestination;         //!< remote tunnel endpoint, same family
    L2tpv3Sublayer sublayer{L2tpv3Sublayer::NONE};        //!< L2-Specific Sublayer (§4.6)
    bool sendSequence{false};                             //!< number sent frames (S = 1)
    bool requireSequence{false};                          //!< drop received frames without a number
    L2tpv3MtuPolicy mtuPolicy{L2tpv3MtuPolicy::FRAGMENT}; //!< keep Mtu or derive it
    uint16_t mtu{1500}; //!< largest frame payload sent (replaced by the derived one if derived)

    /**
     * \brief Check that the value describes a working pseudowire end.
     *
     * The messages are the device's for the same bad input (the tunnel's as
     * L2tpv3NetDevice::CheckTunnel, the sequencing one as CheckConfiguration).
     * \throws std::invalid_argument naming the first bad field and its value
     */
    void Validate() const;
};

/**
 * \ingroup l2tp
 * \brief Check a pair of tunnel endpoints (l2tp(4) `tunnel src dst`).
 * \param source the local address
 * \param destination the remote address
 * \throws std::invalid_argument when an address is missing or not IP, or the families differ
 */
void L2tpv3CheckTunnel(const Address& source, const Address& destination);

/**
 * \param a a configuration
 * \param b another
 * \return true when every field is equal
 */
bool operator==(const L2tpv3SessionConfig& a, const L2tpv3SessionConfig& b);

/**
 * \param a a configuration
 * \param b another
 * \return true when a field differs
 */
bool operator!=(const L2tpv3SessionConfig& a, const L2tpv3SessionConfig& b);

} // namespace ns3

#endif /* L2TPV3_SESSION_CONFIG_H */
