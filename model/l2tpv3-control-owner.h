/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_CONTROL_OWNER_H
#define L2TPV3_CONTROL_OWNER_H

#include "l2tpv3-control-message.h"
#include "l2tpv3-control-session.h"

#include "ns3/nstime.h"

#include <cstdint>
#include <string>

namespace ns3
{

class L2tpv3ControlConnection;
struct L2tpv3ControlSource;
enum class L2tpv3ConnectionState : uint8_t;

/**
 * \ingroup l2tp
 * \brief What a control connection and its sessions are configured with: a value fixed
 * when the connection is created (the LCCE fills it from its attributes).
 */
struct L2tpv3ControlConfig
{
    std::string hostName{"lcce"};       //!< Host Name AVP (§5.4.3)
    uint32_t routerId{0};               //!< Router ID AVP (§5.4.3)
    uint16_t receiveWindow{16};         //!< Receive Window Size AVP (§5.4.3)
    uint16_t maxSetupWindow{0};         //!< send window cap until a session is up (0: none)
    Time retransmitTimeout{Seconds(1)}; //!< the channel's first retransmission timeout
    Time retransmitCap{Seconds(8)};     //!< the channel's largest retransmission timeout
    uint32_t maxRetries{10};            //!< the channel's retransmissions before giving up
    Time ackDelay{MilliSeconds(100)};   //!< the channel's wait before a ZLB
    Time helloInterval{Seconds(60)};    //!< HELLO interval (§4.4); 0: never
    double helloJitter{0.1};            //!< each HELLO interval shortened by up to this
    bool tieBreaker{true};              //!< SCCRQs carry a Control Connection Tie Breaker
    uint16_t sublayer{0};               //!< L2-Specific Sublayer proposed: 0 none, 1 default
    bool sequencing{false};             //!< ask the peer for sequence numbers (§5.4.4)
    uint8_t cookieLength{0};            //!< octets of each session's cookie (0, 4, 8)
    bool authenticates{false};          //!< a Secret is set: nonces, signed messages (§4.3)
};

/**
 * \ingroup l2tp
 * \brief The counters a control connection and its sessions raise through their owner.
 */
enum class L2tpv3ControlCounter : uint8_t
{
    PROTOCOL_ERROR,   //!< an event no state-table row accepts
    UNKNOWN_SESSION,  //!< a CDN for no session of ours
    STOPCCN_SENT,     //!< a StopCCN sent (with its Result Code)
    STOPCCN_RECEIVED, //!< a StopCCN received (with its Result Code)
    CDN_SENT,         //!< a CDN sent (with its Result Code)
    CDN_RECEIVED,     //!< a CDN received (with its Result Code)
    TIMEOUT,          //!< the peer stopped acknowledging
    NONCE_MISSING,    //!< an SCCRQ or SCCRP without the Nonce AVP though we authenticate
};

/**
 * \ingroup l2tp
 * \brief What an owner says of the Remote End ID an ICRQ asks for (RFC 3931 §5.4.4).
 */
enum class L2tpv3CallOffer : uint8_t
{
    NOT_OFFERED, //!< nobody offers it (CDN Result Code 5)
    OFFERED,     //!< offered and free: the ICRQ is acceptable
    IN_USE,      //!< offered, and a session for it exists (CDN Result Code 4)
    INITIATED,   //!< we send the ICRQ for it ourselves: a tie if ours is outstanding (§5.4.4)
};

/**
 * \ingroup l2tp
 * \brief What a control connection (and, through it, each of its sessions) sees of the
 * LCCE that owns it: the control plane's seam upwards (L2tpv3Lcce implements it; a test
 * may implement it with no node at all).
 */
class L2tpv3ControlConnectionOwner
{
  public:
    virtual ~L2tpv3ControlConnectionOwner() = default;

    /**
     * \brief Put a message on the wire to a connection's peer.
     * \param connection the connection (its addresses, port and nonces)
     * \param message the message (Ns, Nr and Control Connection ID set)
     * \param retransmission true when it is sent again
     */
    virtual void Transmit(const L2tpv3ControlConnection& connection,
                          const L2tpv3ControlMessage& message,
                          bool retransmission) = 0;
    /**
     * \brief Count an event.
     * \param counter what
     * \param resultCode the Result Code of a StopCCN or CDN (0 for the other counters)
     */
    virtual void Count(L2tpv3ControlCounter counter, uint16_t resultCode) = 0;
    /** \return a fresh local Session ID, unused on this node (§4.1) */
    virtual uint32_t AllocateSessionId() = 0;
    /**
     * \param remoteEndId the Remote End ID an ICRQ asks for
     * \return whether we offer it
     */
    virtual L2tpv3CallOffer IncomingCall(const std::string& remoteEndId) = 0;
    /**
     * \param connection a connection whose state changed (established included)
     * \param from the state left
     * \param to the state entered
     */
    virtual void ConnectionChanged(const L2tpv3ControlConnection& connection,
                                   L2tpv3ConnectionState from,
                                   L2tpv3ConnectionState to) = 0;
    /**
     * \brief A session's state changed: its pseudowire comes up when it enters established
     * and goes down when it leaves established (for idle).
     * \param session the session
     * \param from the state left
     * \param to the state entered
     * \param reason why it went down (when it leaves established)
     */
    virtual void SessionChanged(const L2tpv3ControlSession& session,
                                L2tpv3SessionState from,
                                L2tpv3SessionState to,
                                L2tpv3SessionDownReason reason) = 0;
    /**
     * \brief Forget a connection after \p delay (its state kept that long, §7.1).
     * \param connection the connection
     * \param delay how long
     * \param peerDead true when the peer stopped acknowledging
     */
    virtual void Finish(const L2tpv3ControlConnection& connection, Time delay, bool peerDead) = 0;
    /**
     * \brief Refuse a peer's SCCRQ that lost a tie with a StopCCN from a short-lived
     * connection (§5.4.3: the winner's).
     * \param winner our connection to that peer
     * \param sccrq the SCCRQ refused
     * \param resultCode the StopCCN's Result Code
     * \param source where the SCCRQ came from (nullptr: the winner's peer)
     */
    virtual void RejectSccrq(const L2tpv3ControlConnection& winner,
                             const L2tpv3ControlMessage& sccrq,
                             uint16_t resultCode,
                             const L2tpv3ControlSource* source) = 0;
};

} // namespace ns3

#endif /* L2TPV3_CONTROL_OWNER_H */
