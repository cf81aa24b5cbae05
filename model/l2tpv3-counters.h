/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_COUNTERS_H
#define L2TPV3_COUNTERS_H

#include <array>
#include <cstdint>
#include <iostream>
#include <string>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief Why a packet or frame was dropped; each reason has its own counter.
 *
 * Each reason belongs to one direction (L2tpv3DropReasonIsTransmit): frames refused on
 * transmit count in tx_errors, packets refused on receive in rx_errors.
 */
enum class L2tpv3DropReason : uint8_t
{
    PACKET_TOO_SHORT = 0,  //!< shorter than the L2TPv3 header configured for the session
    UNKNOWN_SESSION,       //!< no session with this local Session ID on the node
    CONTROL_MESSAGE,       //!< reserved: control messages are counted in rxControl, not dropped
    DEVICE_DOWN,           //!< received while the device is down (tunnel deleted or unset)
    PEER_MISMATCH,         //!< outer source is not the tunnel's remote endpoint
    COOKIE_MISMATCH,       //!< cookie differs from the session's local cookie
    BAD_VERSION,           //!< version field is not 3 (UDP encapsulation)
    SEQUENCE_ERROR,        //!< sequence number out of window (sequencing)
    FRAME_TOO_SHORT,       //!< inner frame shorter than an Ethernet header (14 bytes)
    NO_ROUTE,              //!< no route to the tunnel's remote endpoint
    FRAME_OVER_MTU,        //!< frame payload larger than the device MTU
    TX_DEVICE_DOWN,        //!< given to send while the device is down (tunnel deleted or unset)
    FRAME_BAD_LENGTH_TYPE, //!< inner frame's length/type neither an EtherType nor a length that
                           //!< fits
    COUNT                  //!< number of reasons, not a reason
};

/**
 * \ingroup l2tp
 * \brief Name of a drop reason, as shown by traces and summaries.
 * \param reason the reason
 * \return a short snake_case name, e.g. "cookie_mismatch"
 */
std::string L2tpv3DropReasonName(L2tpv3DropReason reason);

/**
 * \ingroup l2tp
 * \brief The direction of a drop reason.
 * \param reason the reason
 * \return true for a frame refused on transmit (tx_errors), false for a packet refused on
 * receive (rx_errors)
 */
bool L2tpv3DropReasonIsTransmit(L2tpv3DropReason reason);

/**
 * \brief Output the reason's name.
 * \param os the stream
 * \param reason the reason
 * \return the stream
 */
std::ostream& operator<<(std::ostream& os, L2tpv3DropReason reason);

/**
 * \ingroup l2tp
 * \brief The counters of a pseudowire device or of a node's L2TPv3 protocol.
 *
 * One structure holds them all, as Linux's `struct l2tp_stats` does; it is
 * plain data, read with L2tpv3NetDevice::GetCounters or
 * L2tpv3L4Protocol::GetCounters.
 */
struct L2tpv3Counters
{
    uint64_t txPackets{0};    //!< frames encapsulated and handed to IP
    uint64_t txBytes{0};      //!< bytes of those frames (Ethernet header included)
    uint64_t rxPackets{0};    //!< frames decapsulated and delivered
    uint64_t rxBytes{0};      //!< bytes of those frames (Ethernet header included)
    uint64_t rxControl{0};    //!< control messages received (Session ID 0)
    uint64_t txFragmented{0}; //!< encapsulated packets the outer IP layer had to fragment
    uint64_t txFragments{0};  //!< outer fragments those packets became
    uint64_t rxOosPackets{0}; //!< frames received ahead of the expected sequence number
    uint64_t mssClamped{0};   //!< TCP SYNs whose MSS option was lowered (both directions)
    /// frames dropped (frame_bad_length_type) whose length/type field is neither an EtherType
    /// nor an 802.3 length that fits the frame: typically a peer's cookie read as the start
    uint64_t rxBadLengthType{0};
    std::array<uint64_t, static_cast<std::size_t>(L2tpv3DropReason::COUNT)> drops{}; //!< per reason

    /**
     * \param reason a drop reason
     * \return the packets dropped for \p reason
     */
    uint64_t GetDrops(L2tpv3DropReason reason) const;
    /** \return the packets dropped for any reason */
    uint64_t GetTotalDrops() const;
    /** \return Linux's rx_seq_discards: frames dropped by the sequence check */
    uint64_t GetRxSeqDiscards() const;
    /** \return Linux's rx_cookie_discards: packets dropped for a wrong cookie */
    uint64_t GetRxCookieDiscards() const;
    /** \return Linux's rx_errors: received packets dropped for any receive reason */
    uint64_t GetRxErrors() const;
    /** \return Linux's tx_errors: frames that could not be sent, for any transmit reason */
    uint64_t GetTxErrors() const;
    /**
     * \brief Count one drop.
     * \param reason the reason
     */
    void CountDrop(L2tpv3DropReason reason);
    /**
     * \brief Add another set of counters to this one.
     * \param other the counters to add
     * \return this
     */
    L2tpv3Counters& operator+=(const L2tpv3Counters& other);
};

/**
 * \brief Print the counters with Linux's names (tx_packets, rx_seq_discards, ...), then
 * every non-zero drop reason.
 * \param os the stream
 * \param counters the counters
 * \return the stream
 */
std::ostream& operator<<(std::ostream& os, const L2tpv3Counters& counters);

} // namespace ns3

#endif /* L2TPV3_COUNTERS_H */
