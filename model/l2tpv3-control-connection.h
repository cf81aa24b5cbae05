/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_CONTROL_CONNECTION_H
#define L2TPV3_CONTROL_CONNECTION_H

#include "l2tpv3-control-channel.h"
#include "l2tpv3-control-message.h"
#include "l2tpv3-control-session.h"
#include "l2tpv3-fsm.h"

#include "ns3/address.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"

#include <map>
#include <string>

namespace ns3
{

class L2tpv3Lcce;

/**
 * \ingroup l2tp
 * \brief States of a control connection (RFC 3931 §7.2).
 */
enum class L2tpv3ConnectionState : uint8_t
{
    IDLE,           //!< idle
    WAIT_CTL_REPLY, //!< SCCRQ sent, waiting for SCCRP
    WAIT_CTL_CONN,  //!< SCCRP sent, waiting for SCCCN
    ESTABLISHED,    //!< established
};

/**
 * \param state a connection state
 * \return its name as RFC 3931 §7.2 writes it, e.g. "wait-ctl-reply"
 */
std::string L2tpv3ConnectionStateName(L2tpv3ConnectionState state);

/**
 * \ingroup l2tp
 * \brief Events of the control connection state machine: the RFC's "Event" column.
 */
enum class L2tpv3ConnectionEvent : uint8_t
{
    LOCAL_OPEN,                       //!< local open request
    RX_SCCRQ_ACCEPTABLE,              //!< receive SCCRQ, acceptable
    RX_SCCRQ_NOT_ACCEPTABLE,          //!< receive SCCRQ, not acceptable
    RX_SCCRQ_LOSE_TIE_ACCEPTABLE,     //!< receive SCCRQ, lose tie breaker, SCCRQ acceptable
    RX_SCCRQ_LOSE_TIE_NOT_ACCEPTABLE, //!< receive SCCRQ, lose tie breaker, SCCRQ unacceptable
    RX_SCCRQ_WIN_TIE,                 //!< receive SCCRQ, win tie breaker
    RX_SCCRQ_EQUAL_TIE,               //!< receive SCCRQ, tie breakers equal (§5.4.3)
    RX_SCCRP_ACCEPTABLE,              //!< receive SCCRP, acceptable
    RX_SCCRP_NOT_ACCEPTABLE,          //!< receive SCCRP, not acceptable
    RX_SCCCN_ACCEPTABLE,              //!< receive SCCCN, acceptable
    RX_SCCCN_NOT_ACCEPTABLE,          //!< receive SCCCN, not acceptable
    RX_SCCRQ,                         //!< receive SCCRQ where it is an error
    RX_SCCRP,                         //!< receive SCCRP where it is an error
    RX_SCCCN,                         //!< receive SCCCN where it is an error
    RX_STOPCCN,                       //!< receive StopCCN
    RX_HELLO,                         //!< receive HELLO
    RX_MALFORMED,                     //!< a message to clear the connection for (§5.2, §7.1)
    ADMIN_CLOSE,                      //!< administrative control-conn close event
    PEER_TIMEOUT,                     //!< the reliable channel gave up (§4.2)
};

/**
 * \ingroup l2tp
 * \brief One control connection of an LCCE: the §7.2 state machine, its reliable
 * channel, HELLO keepalives (§4.4) and its sessions.
 */
class L2tpv3ControlConnection : public SimpleRefCount<L2tpv3ControlConnection>
{
  public:
    /**
     * \param lcce the LCCE that owns the connection
     * \param localId our Assigned Control Connection ID
     * \param local our address
     * \param peer the peer's address
     * \param peerPort the peer's UDP port (UDP encapsulation)
     */
    L2tpv3ControlConnection(L2tpv3Lcce* lcce,
                            uint32_t localId,
                            const Address& local,
                            const Address& peer,
                            uint16_t peerPort);
    ~L2tpv3ControlConnection();

    /** \return the state */
    L2tpv3ConnectionState GetState() const;
    /** \return our Control Connection ID */
    uint32_t GetLocalId() const;
    /** \return the peer's Control Connection ID (0 until known) */
    uint32_t GetPeerId() const;
    /** \return the peer's address */
    const Address& GetPeer() const;
    /** \return our address */
    const Address& GetLocal() const;
    /**
     * \return the peer's UDP port: PeerUdpPort or the SCCRQ's source port until an SCCRP
     * is accepted, then the port the SCCRP came from (§4.1.2.2)
     */
    uint16_t GetPeerPort() const;
    /** \return the peer's Router ID (0 until its SCCRQ or SCCRP is read) */
    uint32_t GetPeerRouterId() const;
    /** \return the LCCE */
    L2tpv3Lcce* GetLcce() const;
    /** \return the reliable channel */
    Ptr<L2tpv3ControlChannel> GetChannel() const;
    /** \return the peer's Host Name (once known) */
    const std::string& GetPeerHostName() const;
    /** \return the time the connection was opened (SCCRQ sent or received) */
    Time GetOpenedAt() const;
    /** \return the time it became established (negative while not) */
    Time GetEstablishedAt() const;
    /** \return true if we sent the SCCRQ that won */
    bool IsInitiator() const;
    /** \return true if our SCCRQ lost a tie and this connection answers the winner's */
    bool LostTie() const;
    /** \return our tie breaker value (0 when we sent none) */
    uint64_t GetTieBreaker() const;
    /** \return our Control Message Authentication Nonce (empty without a Secret, §5.4.1) */
    const std::vector<uint8_t>& GetLocalNonce() const;
    /** \return the peer's nonce, from its SCCRQ or SCCRP (empty until then) */
    const std::vector<uint8_t>& GetRemoteNonce() const;
    /**
     * \brief Sign as another connection would: a tie winner's short-lived refusal speaks
     * with the nonces the loser knows (§5.4.1, §5.4.3).
     * \param local the nonce to sign with as ours
     * \param remote the peer's
     */
    void SetNonces(const std::vector<uint8_t>& local, const std::vector<uint8_t>& remote);

    /**
     * \brief Raise a local event (LOCAL_OPEN, ADMIN_CLOSE).
     * \param event the event
     * \return false if no row accepts it
     */
    bool Handle(L2tpv3ConnectionEvent event);

    /**
     * \brief Take a message from the peer for this connection (header decoded).
     * \param message the message
     * \param sourcePort its UDP source port (0 over IP): an SCCRP's is adopted (§4.1.2.2)
     */
    void Receive(const L2tpv3ControlMessage& message, uint16_t sourcePort = 0);

    /**
     * \brief Acknowledge a message without acting on it: the §5.4.3 winner's short-lived
     * connection acknowledges the losing SCCRQ and refuses it with a StopCCN only.
     * \param message the message
     */
    void AcknowledgeOnly(const L2tpv3ControlMessage& message);

    /**
     * \brief Take the peer's SCCRQ that opens this (new, responding) connection.
     * \param sccrq the SCCRQ
     */
    void ReceiveFirstSccrq(const L2tpv3ControlMessage& sccrq);

    /**
     * \brief An SCCRQ from the same peer arrived while our own SCCRQ is outstanding (§5.4.3).
     * \param sccrq the peer's SCCRQ
     * \return 0 when there is no tie (open a new connection for it), 1 when this connection
     *         took it (we lost), 2 when we won (it was refused with a StopCCN), 3 when the
     *         values were equal (we restarted with a new value; the SCCRQ is dropped)
     */
    int ResolveTie(const L2tpv3ControlMessage& sccrq);

    /**
     * \brief Add a session (ICRQ sender) that opens once the connection is established.
     * \param session the session
     */
    void AddSession(Ptr<L2tpv3ControlSession> session);
    /**
     * \param localSessionId our Session ID
     * \return the session, or nullptr
     */
    Ptr<L2tpv3ControlSession> FindSession(uint32_t localSessionId) const;
    /** \return the sessions by local Session ID */
    const std::map<uint32_t, Ptr<L2tpv3ControlSession>>& GetSessions() const;
    /**
     * \brief Forget a session (it cleaned up).
     * \param localSessionId its local Session ID
     */
    void RemoveSession(uint32_t localSessionId);

    /**
     * \brief Send a message reliably on this connection.
     * \param message the message
     */
    void Send(const L2tpv3ControlMessage& message);

    /** \brief The channel hands a message to transmit. \param message the message */
    void Transmit(const L2tpv3ControlMessage& message);

    /** \return the result code of the last StopCCN sent or received (0 if none) */
    uint16_t GetLastResultCode() const;

  private:
    /// The state machine type.
    typedef L2tpv3Fsm<L2tpv3ControlConnection,
                      L2tpv3ConnectionState,
                      L2tpv3ConnectionEvent,
                      const L2tpv3ControlMessage*>
        Fsm;

    /** \return the §7.2 table */
    static const std::vector<Fsm::Row>& Table();

    // Actions, named after the RFC's Action column.
    /** \param m unused */
    void SendSccrq(const L2tpv3ControlMessage* m);
    /** \param m the SCCRQ */
    void SendSccrp(const L2tpv3ControlMessage* m);
    /** \param m the peer's SCCRQ, which this connection now answers */
    void CleanUpLosingSendSccrp(const L2tpv3ControlMessage* m);
    /** \param m the peer's SCCRQ, refused */
    void CleanUpLosingSendStopCcn(const L2tpv3ControlMessage* m);
    /** \param m the peer's losing SCCRQ */
    void SendStopCcnForLosing(const L2tpv3ControlMessage* m);
    /** \param m the peer's SCCRQ with our own tie breaker value: dropped, we restart */
    void DiscardRestartNewTieBreaker(const L2tpv3ControlMessage* m);
    /** \param m the SCCRP */
    void SendScccnOpenSessions(const L2tpv3ControlMessage* m);
    /** \param m the SCCCN */
    void OpenSessions(const L2tpv3ControlMessage* m);
    /** \param m the message that caused it */
    void SendStopCcnCleanUp(const L2tpv3ControlMessage* m);
    /** \param m the StopCCN received */
    void CleanUp(const L2tpv3ControlMessage* m);
    /** \param m unused */
    void PeerDead(const L2tpv3ControlMessage* m);
    /** \param m the HELLO (nothing to do: the channel acknowledged it) */
    void HelloReceived(const L2tpv3ControlMessage* m);

    /// A fresh reliable channel (a tie's loser or restart starts a new Ns space).
    void NewChannel();
    /**
     * \brief Clear the connection for a session message that names no session (§7.1).
     * \param message the message
     * \param check its verdict
     */
    void ClearForUnnamedSession(const L2tpv3ControlMessage& message,
                                const L2tpv3ControlCheck& check);
    /**
     * \brief Read the peer's SCCRQ or SCCRP.
     * \param m the message
     * \return true if acceptable
     */
    bool AcceptPeer(const L2tpv3ControlMessage& m);
    /**
     * \param type SCCRQ or SCCRP
     * \return the message with our Host Name, Router ID, ID, capabilities, window
     */
    L2tpv3ControlMessage MakeStart(L2tpv3MessageType type) const;
    /**
     * \brief Deliver a message in order (the channel's deliver callback).
     * \param message the message
     */
    void Deliver(const L2tpv3ControlMessage& message);
    /**
     * \brief Hand a session message to its session.
     * \param message the message
     * \param check its verdict
     */
    void DeliverToSession(const L2tpv3ControlMessage& message, const L2tpv3ControlCheck& check);
    /**
     * \brief Send StopCCN and clean up: sessions down, channel kept a retransmission cycle.
     * \param resultCode the Result Code
     * \param errorCode the Error Code
     * \param why the Error Message
     */
    void Stop(uint16_t resultCode, uint16_t errorCode, const std::string& why);
    /**
     * \brief Take every session down.
     * \param reason why
     */
    void SessionsDown(L2tpv3SessionDownReason reason);
    /// Arm the HELLO timer (§4.4), jittered.
    void ScheduleHello();
    /// The HELLO timer fired.
    void HelloTimeout();
    /** \param from the state left */
    void Changed(L2tpv3ConnectionState from);
    /**
     * \param event an event
     * \param m the message (or nullptr)
     */
    void Fire(L2tpv3ConnectionEvent event, const L2tpv3ControlMessage* m);

    L2tpv3Lcce* m_lcce;                  //!< the owner
    uint32_t m_localId;                  //!< our Control Connection ID
    uint32_t m_peerId{0};                //!< the peer's
    Address m_local;                     //!< our address
    Address m_peer;                      //!< the peer's address
    uint16_t m_peerPort;                 //!< the peer's UDP port
    Ptr<L2tpv3ControlChannel> m_channel; //!< reliable delivery
    Fsm m_fsm;                           //!< §7.2
    bool m_initiator{false};             //!< we sent the SCCRQ
    uint64_t m_tieBreaker{0};            //!< ours (0: none sent)
    std::string m_peerHostName;          //!< the peer's Host Name
    uint32_t m_peerRouterId{0};          //!< the peer's Router ID
    Time m_openedAt;                     //!< when opened
    Time m_establishedAt{Seconds(-1)};   //!< when established
    Time m_lastReceived;                 //!< when the peer last sent anything
    EventId m_helloEvent;                //!< the HELLO timer
    uint16_t m_lastResult{0};            //!< last StopCCN's Result Code
    bool m_sentAny{false};               //!< a sequenced message was sent
    uint16_t m_highestNs{0};             //!< the highest Ns sent (retransmissions reuse lower)
    bool m_lostTie{false};               //!< our SCCRQ lost a tie (§5.4.3)
    bool m_acknowledgeOnly{false};       //!< messages entering the channel are not acted on
    uint16_t m_rxSourcePort{0};          //!< UDP source port of the message being received
    uint16_t m_stopResult{0};            //!< StopCCN to send: Result Code
    uint16_t m_stopError{0};             //!< StopCCN to send: Error Code
    std::string m_stopWhy;               //!< StopCCN to send: Error Message
    std::map<uint32_t, Ptr<L2tpv3ControlSession>> m_sessions; //!< by local Session ID
    std::vector<uint8_t> m_localNonce;                        //!< ours (§5.4.1)
    std::vector<uint8_t> m_remoteNonce;                       //!< the peer's
};

} // namespace ns3

#endif /* L2TPV3_CONTROL_CONNECTION_H */
