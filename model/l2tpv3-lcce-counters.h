/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_LCCE_COUNTERS_H
#define L2TPV3_LCCE_COUNTERS_H

#include "l2tpv3-control-message.h"
#include "l2tpv3-control-session.h"

#include <array>
#include <cstdint>
#include <map>
#include <ostream>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief The counters of an LCCE (all its control connections together).
 */
struct L2tpv3LcceCounters
{
    /// Message types are small numbers: one slot per value up to ACK (20); 0 counts ZLBs.
    static constexpr std::size_t TYPES = 21;
    std::array<uint64_t, TYPES> txMessages{}; //!< messages sent per type (retransmissions apart)
    std::array<uint64_t, TYPES> rxMessages{}; //!< messages received per type (before sequencing)
    uint64_t rxOtherType{0};                  //!< received with a type beyond the table
    uint64_t retransmissions{0};              //!< messages sent again
    uint64_t duplicates{0};                   //!< duplicates acknowledged and dropped
    uint64_t outOfWindow{0};                  //!< beyond the receive window, dropped
    uint64_t zlbSent{0};                      //!< ZLB acknowledgements sent
    uint64_t timeouts{0};                     //!< connections whose peer stopped acknowledging
    uint64_t stopCcnUnacknowledged{0}; //!< connections forgotten with their StopCCN never acked
    uint64_t protocolErrors{0};        //!< events no state-table row accepts
    uint64_t unknownConnection{0};     //!< messages for no connection of ours
    uint64_t wrongSource{0}; //!< for a connection of ours from another address or port: dropped
    uint64_t afterClose{0}; //!< for a connection whose channel closed (peer dead, cleared): dropped
    uint64_t replySuppressed{0}; //!< replies to no connection (ZLB, StopCCN) over the rate
    uint64_t unknownSession{0};  //!< CDNs for no session of ours (dropped)
    uint64_t invalidNr{0};       //!< Nr acknowledging what we never sent (§4.2)
    uint64_t sccrqRefused{0};    //!< SCCRQs dropped by MaxHalfOpenConnections/MaxControlConnections
    uint64_t rxDigestInvalid{0}; //!< Message Digest matching no Secret (§4.3): dropped
    uint64_t rxDigestMissing{0}; //!< no Message Digest though a Secret is set (ZLBs too): dropped
    uint64_t rxNonceMissing{0};  //!< SCCRQ or SCCRP without a Nonce though a Secret is set: refused
    uint64_t rxHiddenInvalid{0}; //!< a hidden AVP that does not unhide (§5.3): message dropped
    std::map<uint16_t, uint64_t> rxIgnoredAvps; //!< L2TPv2 AVPs ignored (§4.7.3), per type
    std::array<uint64_t, static_cast<std::size_t>(L2tpv3ControlDecodeError::COUNT)>
        decodeErrors{};                           //!< malformed messages dropped, per error
    std::map<uint16_t, uint64_t> stopCcnSent;     //!< StopCCN sent per Result Code
    std::map<uint16_t, uint64_t> stopCcnReceived; //!< StopCCN received per Result Code
    std::map<uint16_t, uint64_t> cdnSent;         //!< CDN sent per Result Code
    std::map<uint16_t, uint64_t> cdnReceived;     //!< CDN received per Result Code
    uint64_t connectionsEstablished{0};           //!< control connections established
    uint64_t sessionsUp{0};                       //!< sessions established
    std::array<uint64_t, static_cast<std::size_t>(L2tpv3SessionDownReason::COUNT)>
        sessionsDown{}; //!< sessions (and devices) down, per reason

    /**
     * \param type a message type
     * \return the messages of that type sent
     */
    uint64_t GetTx(L2tpv3MessageType type) const;
    /**
     * \param type a message type
     * \return the messages of that type received
     */
    uint64_t GetRx(L2tpv3MessageType type) const;
};

/**
 * \brief Print the non-zero counters, one "name value" a line.
 * \param os the stream
 * \param counters the counters
 * \return the stream
 */
std::ostream& operator<<(std::ostream& os, const L2tpv3LcceCounters& counters);

} // namespace ns3

#endif /* L2TPV3_LCCE_COUNTERS_H */
