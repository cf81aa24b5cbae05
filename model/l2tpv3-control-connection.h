/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_CONTROL_CONNECTION_H
#define L2TPV3_CONTROL_CONNECTION_H

#include "l2tpv3-control-channel.h"
#include "l2tpv3-control-message.h"
#include "l2tpv3-control-owner.h"
#include "l2tpv3-control-session.h"
#include "l2tpv3-fsm.h"

#include "ns3/address.h"
#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"
#include "ns3/simple-ref-count.h"

#include <map>
#include <string>

namespace ns3
{

class L2tpv3ControlConnection;
struct L2tpv3ControlSource;

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
    RX_INVALID,                       //!< SCCRQ, SCCRP or SCCCN with an AVP error (§5.2)
    ADMIN_CLOSE,                      //!< administrative control-conn close event
    PEER_TIMEOUT,                     //!< the reliable channel gave up (§4.2)
};

/**
 * \ingroup l2tp
 * \brief The result of a tie breaker (RFC 3931 §5.4.3 for SCCRQs, §5.4.4 for ICRQs).
 */
enum class L2tpv3Tie : uint8_t
{
    NONE,  //!< neither side sent a tie breaker: no tie
    WIN,   //!< ours wins
    LOSE,  //!< theirs wins
    EQUAL, //!< both sent the same value
};

/**
 * \brief The tie breaker rule, written once for connections and sessions.
 * \param ours our tie breaker (0: none sent)
 * \param theyHave true if the peer's message carries one
 * \param theirs its value
 * \return the result
 */
L2tpv3Tie L2tpv3BreakTie(uint64_t ours, bool theyHave, uint64_t theirs);

/**
 * \ingroup l2tp
 * \brief Why a StopCCN or a CDN is sent: the Result Code AVP's fields (RFC 3931 §5.4.2).
 */
struct L2tpv3Refusal
{
    uint16_t result{0}; //!< Result Code (0: none given, the table's default applies)
    uint16_t error{0};  //!< Error Code
    std::string why;    //!< Error Message
};

/**
 * \param random a stream
 * \return a Control Message Authentication Nonce: 16 random octets (§5.4.1)
 */
std::vector<uint8_t> L2tpv3DrawNonce(Ptr<UniformRandomVariable> random);
/**
 * \param random a stream
 * \return a non-zero tie breaker value (§5.4.3)
 */
uint64_t L2tpv3DrawTieBreaker(Ptr<UniformRandomVariable> random);
/**
 * \param random a stream
 * \param length 0, 4 or 8
 * \return a random cookie of that length (empty for 0)
 */
L2tpv3Cookie L2tpv3DrawCookie(Ptr<UniformRandomVariable> random, uint8_t length);

/**
 * \ingroup l2tp
 * \brief What an action of the connection table receives: the message that raised the
 * event and what the event's caller decided (no member variables carry arguments).
 */
struct L2tpv3ConnectionInput
{
    const L2tpv3ControlMessage* message{nullptr}; //!< the message (nullptr for local events)
    uint16_t sourcePort{0};                       //!< its UDP source port (0 over IP)
    const L2tpv3ControlSource* source{nullptr};   //!< where a tie's SCCRQ came from (or nullptr)
    L2tpv3Refusal stop;                           //!< the StopCCN to send, if the row sends one
};

/**
 * \ingroup l2tp
 * \brief One control connection of an LCCE: the §7.2 state machine, its reliable
 * channel, HELLO keepalives (§4.4) and its sessions.
 */
class L2tpv3ControlConnection : public SimpleRefCount<L2tpv3ControlConnection>,
                                private L2tpv3ControlChannelOwner
{
  public:
    /**
     * \param owner what the connection reports to (outlives it)
     * \param config the configuration, fixed for the connection's life
     * \param random the stream nonces, tie breakers, cookies and HELLO jitter are drawn from
     * \param localId our Assigned Control Connection ID
     * \param local our address
     * \param peer the peer's address
     * \param peerPort the peer's UDP port (UDP encapsulation)
     */
    L2tpv3ControlConnection(L2tpv3ControlConnectionOwner* owner,
                            const L2tpv3ControlConfig& config,
                            Ptr<UniformRandomVariable> random,
                            uint32_t localId,
                            const Address& local,
                            const Address& peer,
                            uint16_t peerPort);
    ~L2tpv3ControlConnection();

    /**
     * \return the §7.2 table as (state, event) pairs, in table order (what a table-row
     *         coverage report counts against, see L2tpv3FsmObserver)
     */
    static std::vector<L2tpv3FsmRowInfo> DescribeTable();

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
    /** \return the configuration */
    const L2tpv3ControlConfig& GetConfig() const;
    /** \return the reliable channel (the LCCE drives it: close, peer ID) */
    Ptr<L2tpv3ControlChannel> GetChannel();
    /** \return the reliable channel, to read its state (sequence numbers, counters) */
    Ptr<const L2tpv3ControlChannel> GetChannel() const;
    /**
     * \brief The counters of the reliable channels this connection replaced, summed.
     *
     * A tie lost, or equal tie breakers (RFC 3931 §5.4.3), discards the connection's
     * channel and starts a new one (a new Ns space); what the old one counted is added here
     * when it is replaced. The current channel's counters (GetChannel()->GetCounters()) are
     * not included: the two together are what all of the connection's channels counted.
     * \return the sum, every field (all zero while the first channel is in use)
     */
    const L2tpv3ControlChannelCounters& GetReplacedChannelCounters() const;
    /** \return the peer's Host Name (once known) */
    const std::string& GetPeerHostName() const;
    /** \return the time the connection was opened (SCCRQ sent or received) */
    Time GetOpenedAt() const;
    /** \return the time it became established (negative, Time::Min(), while not) */
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
     * \param source where it came from (a refusal goes there; nullptr: to our peer)
     * \return 0 when there is no tie (open a new connection for it), 1 when this connection
     *         took it (we lost), 2 when we won (it was refused with a StopCCN), 3 when the
     *         values were equal (we restarted with a new value; the SCCRQ is dropped)
     */
    int ResolveTie(const L2tpv3ControlMessage& sccrq, const L2tpv3ControlSource* source);

    /**
     * \brief Add a session (ICRQ sender) and raise its local open: its ICRQ goes now if the
     * connection is established, else once it is (§7.3.1).
     * \param parameters its local half (Session ID, cookie, Remote End ID, tie breaker, ...)
     * \return the session
     */
    Ptr<L2tpv3ControlSession> OpenSession(const L2tpv3SessionParameters& parameters);
    /**
     * \param localSessionId our Session ID
     * \return the session, or nullptr
     */
    Ptr<L2tpv3ControlSession> FindSession(uint32_t localSessionId);
    /**
     * \param localSessionId our Session ID
     * \return the session, read-only, or nullptr
     */
    Ptr<const L2tpv3ControlSession> FindSession(uint32_t localSessionId) const;
    /** \return the sessions by local Session ID (the LCCE drives them) */
    const std::map<uint32_t, Ptr<L2tpv3ControlSession>>& GetSessions();
    /**
     * \return the sessions by local Session ID, read-only: a copy of the table holding
     *         const sessions (only their getters are callable)
     */
    std::map<uint32_t, Ptr<const L2tpv3ControlSession>> GetSessions() const;
    /**
     * \brief Forget a session (it cleaned up).
     * \param localSessionId its local Session ID
     */
    void RemoveSession(uint32_t localSessionId);

    /**
     * \brief Send a message reliably on this connection.
     * \param message the message (taken by value: a caller done with it moves it in)
     */
    void Send(L2tpv3ControlMessage message);

    /** \return the result code of the last StopCCN sent or received (0 if none) */
    uint16_t GetLastResultCode() const;

    // --- used by L2tpv3ControlSession: what a session needs goes through its connection ---

    /**
     * \brief Count an event of a session (through the owner).
     * \param counter what
     * \param resultCode a CDN's Result Code (0 for the other counters)
     */
    void Count(L2tpv3ControlCounter counter, uint16_t resultCode = 0);
    /**
     * \brief A session's state changed: reported to the owner (state, up, down) and the
     * session forgotten when it returns to idle.
     * \param session the session
     * \param from the state left
     * \param reason why it went down, if it leaves established
     */
    void SessionEntered(const L2tpv3ControlSession& session,
                        L2tpv3SessionState from,
                        L2tpv3SessionDownReason reason);

  private:
    /// The state machine type.
    typedef L2tpv3Fsm<L2tpv3ControlConnection,
                      L2tpv3ConnectionState,
                      L2tpv3ConnectionEvent,
                      const L2tpv3ConnectionInput&>
        Fsm;

    /** \return the §7.2 table */
    static const std::vector<Fsm::Row>& Table();

    // Actions, named after the RFC's Action column.
    /** \param in unused */
    void SendSccrq(const L2tpv3ConnectionInput& in);
    /** \param in the SCCRQ */
    void SendSccrp(const L2tpv3ConnectionInput& in);
    /** \param in the peer's SCCRQ, which this connection now answers */
    void CleanUpLosingSendSccrp(const L2tpv3ConnectionInput& in);
    /** \param in the peer's SCCRQ, refused */
    void CleanUpLosingSendStopCcn(const L2tpv3ConnectionInput& in);
    /** \param in the peer's losing SCCRQ */
    void SendStopCcnForLosing(const L2tpv3ConnectionInput& in);
    /** \param in the peer's SCCRQ with our own tie breaker value: dropped, we restart */
    void DiscardRestartNewTieBreaker(const L2tpv3ConnectionInput& in);
    /** \param in the SCCRP */
    void SendScccnOpenSessions(const L2tpv3ConnectionInput& in);
    /** \param in the SCCCN */
    void OpenSessions(const L2tpv3ConnectionInput& in);
    /** \param in the message that caused it */
    void SendStopCcnCleanUp(const L2tpv3ConnectionInput& in);
    /** \param in the StopCCN received */
    void CleanUp(const L2tpv3ConnectionInput& in);
    /** \param in unused */
    void PeerDead(const L2tpv3ConnectionInput& in);
    /** \param in the HELLO (nothing to do: the channel acknowledged it) */
    void HelloReceived(const L2tpv3ConnectionInput& in);

    /// A fresh reliable channel (a tie's loser or restart starts a new Ns space); the old
    /// one's counters are added to m_replacedChannels.
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
     * \param refusal set to the StopCCN to send when not acceptable
     * \return true if acceptable
     */
    bool AcceptPeer(const L2tpv3ControlMessage& m, L2tpv3Refusal& refusal);
    /**
     * \brief An ICRQ for a new session (§7.3.2): the tie with our own ICRQ (§5.4.4) and
     * the owner's offer decide which row of the recipient's table takes it.
     * \param icrq the ICRQ
     */
    void IncomingCall(const L2tpv3ControlMessage& icrq);
    /**
     * \param type SCCRQ or SCCRP
     * \return the message with our Host Name, Router ID, ID, capabilities, window
     */
    L2tpv3ControlMessage MakeStart(L2tpv3MessageType type) const;
    // L2tpv3ControlChannelOwner: what the channel sees of this connection
    void Transmit(const L2tpv3ControlMessage& message) override;
    void Deliver(const L2tpv3ControlMessage& message) override;
    void PeerTimeout() override;
    /**
     * \brief Handle a message the channel delivered in order.
     * \param sourcePort the UDP source port of the datagram being received (0 over IP)
     * \param message the message
     */
    void Deliver(uint16_t sourcePort, const L2tpv3ControlMessage& message);
    /**
     * \brief Give a message to the channel; what that channel delivers meanwhile comes from
     * \p sourcePort, or is only acknowledged.
     * \param message the message
     * \param sourcePort the UDP source port of its datagram (0 over IP)
     * \param acknowledgeOnly true: what the channel delivers meanwhile is not handled
     */
    void ReceiveThrough(const L2tpv3ControlMessage& message,
                        uint16_t sourcePort,
                        bool acknowledgeOnly);
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
     * \param in the action's input
     */
    void Fire(L2tpv3ConnectionEvent event, const L2tpv3ConnectionInput& in);

    L2tpv3ControlConnectionOwner* m_owner; //!< the owner
    const L2tpv3ControlConfig m_config;    //!< the configuration
    Ptr<UniformRandomVariable> m_random;   //!< nonces, tie breakers, cookies, jitter
    uint32_t m_localId;                    //!< our Control Connection ID
    uint32_t m_peerId{0};                  //!< the peer's
    Address m_local;                       //!< our address
    Address m_peer;                        //!< the peer's address
    uint16_t m_peerPort;                   //!< the peer's UDP port
    Ptr<L2tpv3ControlChannel> m_channel;   //!< reliable delivery
    Fsm m_fsm;                             //!< §7.2
    bool m_initiator{false};               //!< we sent the SCCRQ
    uint64_t m_tieBreaker{0};              //!< ours (0: none sent)
    std::string m_peerHostName;            //!< the peer's Host Name
    uint32_t m_peerRouterId{0};            //!< the peer's Router ID
    Time m_openedAt;                       //!< when opened
    Time m_establishedAt{Time::Min()};     //!< when established (Time::Min() while not)
    Time m_lastReceived;                   //!< when the peer last sent anything
    EventId m_helloEvent;                  //!< the HELLO timer
    uint16_t m_lastResult{0};              //!< last StopCCN's Result Code
    bool m_sentAny{false};                 //!< a sequenced message was sent
    uint16_t m_highestNs{0};               //!< the highest Ns sent (retransmissions reuse lower)
    bool m_lostTie{false};                 //!< our SCCRQ lost a tie (§5.4.3)
    bool m_finished{false}; //!< cleaned up, the owner told (Finish): lingering only (§7.1)

    /// What one channel delivers while ReceiveThrough gives it a message.
    struct Through
    {
        const L2tpv3ControlChannel* channel{nullptr}; //!< that channel (none: port 0, handled)
        uint16_t sourcePort{0};                       //!< the datagram's UDP source port
        bool acknowledgeOnly{false};                  //!< delivered messages are not handled
    };

    Through m_through; //!< ReceiveThrough's channel and how its messages are handled
    std::map<uint32_t, Ptr<L2tpv3ControlSession>> m_sessions; //!< by local Session ID
    std::vector<uint8_t> m_localNonce;                        //!< ours (§5.4.1)
    std::vector<uint8_t> m_remoteNonce;                       //!< the peer's
    L2tpv3ControlChannelCounters m_replacedChannels;          //!< of the channels replaced
};

} // namespace ns3

#endif /* L2TPV3_CONTROL_CONNECTION_H */
