/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_CONTROL_SESSION_H
#define L2TPV3_CONTROL_SESSION_H

#include "l2tpv3-control-message.h"
#include "l2tpv3-cookie.h"
#include "l2tpv3-fsm.h"

#include "ns3/simple-ref-count.h"

#include <string>

namespace ns3
{

class L2tpv3ControlConnection;
struct L2tpv3Refusal;

/**
 * \ingroup l2tp
 * \brief States of an incoming-call session (RFC 3931 §7.3.1 and §7.3.2).
 */
enum class L2tpv3SessionState : uint8_t
{
    IDLE,              //!< idle
    WAIT_CONTROL_CONN, //!< ICRQ sender: waiting for the control connection
    WAIT_REPLY,        //!< ICRQ sender: ICRQ sent, waiting for ICRP
    WAIT_CONNECT,      //!< ICRQ recipient: ICRP sent, waiting for ICCN
    ESTABLISHED,       //!< data flows
};

/**
 * \param state a session state
 * \return its name as RFC 3931 §7.3 writes it, e.g. "wait-reply"
 */
std::string L2tpv3SessionStateName(L2tpv3SessionState state);

/**
 * \ingroup l2tp
 * \brief Events of the session state machines: the RFC's "Event" column.
 */
enum class L2tpv3SessionEvent : uint8_t
{
    LOCAL_OPEN,             //!< call signal or ready to receive incoming conn
    CONTROL_CONN_OPEN,      //!< control-conn-open
    RX_ICRQ_ACCEPTABLE,     //!< receive ICRQ, acceptable
    RX_ICRQ_NOT_ACCEPTABLE, //!< receive ICRQ, not acceptable
    RX_ICRP_ACCEPTABLE,     //!< receive ICRP, acceptable
    RX_ICRP_NOT_ACCEPTABLE, //!< receive ICRP, not acceptable
    RX_ICCN_ACCEPTABLE,     //!< receive ICCN, acceptable
    RX_ICCN_NOT_ACCEPTABLE, //!< receive ICCN, not acceptable
    RX_ICRQ_LOSE_TIE,       //!< receive ICRQ, lose tie breaker (§5.4.4)
    RX_ICRQ_WIN_TIE,        //!< receive ICRQ, win tie breaker
    RX_ICRQ,                //!< receive ICRQ (in a state where it is an error)
    RX_ICRP,                //!< receive ICRP (likewise)
    RX_ICCN,                //!< receive ICCN (likewise)
    RX_CDN,                 //!< receive CDN
    LOCAL_CLOSE,            //!< local close request (or bearer line drop)
    CONNECTION_DOWN,        //!< the control connection is gone: clean up without a CDN
    RX_MALFORMED,           //!< a message to refuse with a CDN in any state (§5.2)
};

/**
 * \ingroup l2tp
 * \brief Why a session (and its pseudowire device) went down; each reason is counted.
 */
enum class L2tpv3SessionDownReason : uint8_t
{
    CDN_RECEIVED = 0,  //!< the peer sent a CDN
    CDN_SENT,          //!< we refused or closed the session with a CDN
    CONNECTION_CLOSED, //!< the control connection ended (StopCCN either way)
    PEER_TIMEOUT,      //!< the control connection's peer stopped acknowledging
    COUNT              //!< number of reasons, not a reason
};

/**
 * \param reason a reason
 * \return its snake_case name, e.g. "peer_timeout"
 */
std::string L2tpv3SessionDownReasonName(L2tpv3SessionDownReason reason);

/**
 * \ingroup l2tp
 * \brief What the two LCCEs agreed for one Ethernet pseudowire (RFC 3931 §5.4.4, RFC 4719).
 */
struct L2tpv3SessionParameters
{
    uint32_t localSessionId{0};     //!< ours: the peer sends it on data packets
    uint32_t remoteSessionId{0};    //!< the peer's: we send it
    L2tpv3Cookie localCookie;       //!< the cookie we assigned (expected on received packets)
    L2tpv3Cookie remoteCookie;      //!< the cookie the peer assigned (put on sent packets)
    uint16_t pseudowireType{5};     //!< 5 Ethernet, 4 Ethernet VLAN (RFC 4719 §4.2)
    std::string remoteEndId;        //!< the Remote End ID (the xconnect's VC ID)
    uint16_t sublayer{0};           //!< L2-Specific Sublayer: 0 none, 1 default (§4.6)
    bool sendSequence{false};       //!< the peer asked for sequence numbers (Data Sequencing 2)
    bool requireSequence{false};    //!< we asked for them
    uint32_t serialNumber{0};       //!< the ICRQ's Serial Number
    uint64_t tieBreaker{0};         //!< our Session Tie Breaker (0: none sent, §5.4.4)
    bool remoteCircuitActive{true}; //!< the peer's Circuit Status A bit (ICRQ/ICRP/SLI)
};

/**
 * \ingroup l2tp
 * \brief What an action of a session table receives: the message that raised the event
 * and what the event's caller decided (no member variables carry arguments).
 */
struct L2tpv3SessionInput
{
    const L2tpv3ControlMessage* message{nullptr}; //!< the message (nullptr for local events)
    uint16_t cdnResult{0};                        //!< CDN Result Code (0: 16, FSM error)
    uint16_t cdnError{0};                         //!< CDN Error Code
    std::string cdnWhy;                           //!< CDN Error Message
    /// why the session goes down if this event ends it established
    L2tpv3SessionDownReason reason{L2tpv3SessionDownReason::CDN_SENT};
};

/**
 * \ingroup l2tp
 * \brief One session of a control connection: the ICRQ sender (§7.3.1) or recipient
 * (§7.3.2) state machine, and the parameters it negotiates.
 *
 * The session builds and reads the session messages (ICRQ, ICRP, ICCN,
 * CDN, SLI); its control connection sends them reliably and reports its
 * state, up and down to the connection's owner (the LCCE, which drives the
 * pseudowire device). A session sees only its connection.
 */
class L2tpv3ControlSession : public SimpleRefCount<L2tpv3ControlSession>
{
  public:
    /**
     * \param connection the control connection (outlives the session)
     * \param sender true for the ICRQ sender, false for the recipient
     * \param parameters the local half of the parameters (IDs, cookie, Remote End ID, ...)
     */
    L2tpv3ControlSession(L2tpv3ControlConnection* connection,
                         bool sender,
                         const L2tpv3SessionParameters& parameters);

    /**
     * \param sender true for the ICRQ sender's table (§7.3.1), false for the recipient's
     *        (§7.3.2)
     * \return that table as (state, event) pairs, in table order (what a table-row
     *         coverage report counts against, see L2tpv3FsmObserver)
     */
    static std::vector<L2tpv3FsmRowInfo> DescribeTable(bool sender);

    /** \return the state */
    L2tpv3SessionState GetState() const;
    /** \return the parameters (complete once established) */
    const L2tpv3SessionParameters& GetParameters() const;
    /** \return true for the ICRQ sender */
    bool IsSender() const;
    /** \return the connection */
    L2tpv3ControlConnection* GetConnection();
    /** \return the connection, read-only */
    const L2tpv3ControlConnection* GetConnection() const;
    /** \return the result code of the last CDN sent or received (0 if none) */
    uint16_t GetLastResultCode() const;

    /**
     * \brief Raise a local event (LOCAL_OPEN, CONTROL_CONN_OPEN).
     * \param event the event
     * \return false if no row accepts it (a protocol error the caller counts)
     */
    bool Handle(L2tpv3SessionEvent event);

    /**
     * \brief The control connection is gone (§7.1): clean up without a CDN.
     * \param reason why the session goes down if it is established
     * \return false if no row accepts it
     */
    bool ConnectionDown(L2tpv3SessionDownReason reason);

    /**
     * \brief Take a session message addressed to this session.
     * \param message the message (its Check() verdict already OK)
     * \return false if no row accepts it in this state
     */
    bool Receive(const L2tpv3ControlMessage& message);

    /**
     * \brief Refuse a message with a CDN carrying \p refusal, then clean up: an ICRQ the
     * recipient cannot accept (the "not acceptable" row), or a malformed message (§5.2).
     * \param message the message
     * \param refusal the CDN's Result Code, Error Code and Error Message
     */
    void Refuse(const L2tpv3ControlMessage& message, const L2tpv3Refusal& refusal);

    /**
     * \brief A local close request (§7.3.1, §7.3.2 "local close request") whose CDN carries
     * \p resultCode (§5.4.2); the control connection stays.
     * \param resultCode the CDN's Result Code
     * \return false if no row accepts a local close in this state
     */
    bool Close(uint16_t resultCode);
    /**
     * \brief The peer's ICRQ for our pseudowire crossed ours (§5.4.4, §7.3.1).
     * \param icrq the peer's ICRQ
     * \param weWin true if our tie breaker wins: we refuse theirs with CDN 13; else we
     *        clean up and the caller processes their ICRQ as its recipient
     */
    void ResolveTie(const L2tpv3ControlMessage& icrq, bool weWin);

    /**
     * \brief Tell the peer our attachment circuit went up or down (SLI, §6.13).
     * \param active the Circuit Status A bit
     */
    void SendSli(bool active);

  private:
    /// The state machine type.
    typedef L2tpv3Fsm<L2tpv3ControlSession,
                      L2tpv3SessionState,
                      L2tpv3SessionEvent,
                      const L2tpv3SessionInput&>
        Fsm;

    /** \return §7.3.1: the ICRQ sender's table */
    static const std::vector<Fsm::Row>& SenderTable();
    /** \return §7.3.2: the ICRQ recipient's table */
    static const std::vector<Fsm::Row>& RecipientTable();

    // Actions, named after the RFC's Action column.
    /** \param in unused */
    void InitiateControlConnOpen(const L2tpv3SessionInput& in);
    /** \param in unused */
    void SendIcrq(const L2tpv3SessionInput& in);
    /** \param in the ICRP */
    void SendIccn(const L2tpv3SessionInput& in);
    /** \param in the ICRQ */
    void SendIcrp(const L2tpv3SessionInput& in);
    /** \param in the ICCN */
    void PrepareForData(const L2tpv3SessionInput& in);
    /** \param in the message refused */
    void SendCdnCleanUp(const L2tpv3SessionInput& in);
    /** \param in the peer's losing ICRQ: refused with CDN 13, our session kept */
    void SendCdnForLosing(const L2tpv3SessionInput& in);
    /** \param in the peer's winning ICRQ (the LCCE answers it as recipient) */
    void ProcessAsRecipient(const L2tpv3SessionInput& in);
    /** \param in the CDN received (or nullptr) */
    void CleanUp(const L2tpv3SessionInput& in);

    /**
     * \brief Run an event through the table and report the state change.
     * \param event the event
     * \param in the action's input
     * \return false if no row accepts it
     */
    bool Raise(L2tpv3SessionEvent event, const L2tpv3SessionInput& in);
    /**
     * \brief Read the peer's half of the parameters from an ICRQ or ICRP.
     * \param m the message
     * \param in set to the CDN to send when not acceptable
     * \return true if acceptable
     */
    bool Accept(const L2tpv3ControlMessage& m, L2tpv3SessionInput& in);
    /**
     * \param type the message type
     * \return a session message with the IDs, ready to be completed
     */
    L2tpv3ControlMessage Make(L2tpv3MessageType type) const;
    /** \param m the message to add our negotiated AVPs to (cookie, sublayer, sequencing) */
    void AddDataPlaneAvps(L2tpv3ControlMessage& m) const;
    /**
     * \param state the state entered
     */
    void Entered(L2tpv3SessionState state);

    L2tpv3ControlConnection* m_connection; //!< the connection
    bool m_sender;                         //!< ICRQ sender, else recipient
    L2tpv3SessionParameters m_parameters;  //!< the negotiated parameters
    Fsm m_fsm;                             //!< the state machine
    uint16_t m_lastResult{0};              //!< last CDN's Result Code
    L2tpv3SessionDownReason m_downReason{L2tpv3SessionDownReason::CDN_SENT}; //!< why down
};

} // namespace ns3

#endif /* L2TPV3_CONTROL_SESSION_H */
