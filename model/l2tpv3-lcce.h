/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_LCCE_H
#define L2TPV3_LCCE_H

#include "l2tpv3-control-auth.h"
#include "l2tpv3-control-connection.h"
#include "l2tpv3-control-message.h"
#include "l2tpv3-control-security.h"
#include "l2tpv3-control-session.h"
#include "l2tpv3-device-factory.h"
#include "l2tpv3-l4-protocol.h"
#include "l2tpv3-lcce-counters.h"
#include "l2tpv3-net-device.h"
#include "l2tpv3-pseudowire-table.h"
#include "l2tpv3-reply-limiter.h"
#include "l2tpv3-session-id-allocator.h"

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <array>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ns3
{

class NetDevice;

/**
 * \ingroup l2tp
 * \brief An L2TPv3 Control Connection Endpoint: the daemon l2tp(4) leaves to userland
 * (RFC 3931 §3, §4.2, §7), as an ns-3 Application.
 *
 * It receives the node's control messages through L2tpv3L4Protocol (one
 * registration), keeps any number of control connections and sessions, and
 * drives pseudowire devices: each pseudowire's L2tpv3NetDevice is made by the
 * device factory (SetDeviceFactory), down, when the pseudowire is added or
 * offered, and joins the attachment (a bridge) it names then; when its session
 * is established the device is given one L2tpv3SessionConfig (Configure) with
 * the negotiated Session IDs, cookies, sublayer and sequencing and comes up;
 * when the session or its connection ends, for any reason, the device goes
 * down (DeleteSession) and the reason is counted.
 *
 * Pseudowires are named by Remote End ID (§5.4.4), like an `xconnect`'s VC
 * ID: OfferPseudowire() accepts ICRQs for an ID, AddPseudowire() sends one
 * over a connection opened with AddPeer(). An ICRQ for an ID nobody offers
 * gets a CDN with Result Code 5 (§5.4.2).
 *
 * Its control connections and their sessions see it only through
 * L2tpv3ControlConnectionOwner (implemented privately) and an
 * L2tpv3ControlConfig value made from the attributes when each connection
 * is created.
 */
class L2tpv3Lcce : public Application, private L2tpv3ControlConnectionOwner
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    L2tpv3Lcce();
    ~L2tpv3Lcce() override;

    /**
     * \brief Open a control connection to a peer when the application starts.
     * \param local our address (an Ipv4Address or Ipv6Address of this node)
     * \param peer the peer LCCE's address, same family
     * \return the connection's index, for AddPseudowire
     * \throws std::invalid_argument for a missing address or mixed families
     */
    uint32_t AddPeer(const Address& local, const Address& peer);

    /**
     * \brief Bring up a pseudowire over the connection \p peer (we send the ICRQ).
     *
     * Its device is made now, by the device factory, down until its session is up.
     * \param peer an index from AddPeer
     * \param remoteEndId the Remote End ID (VC ID), not empty
     * \param attachment what the device joins: a bridge of the node (the device factory's
     *        choice of what it accepts), or nullptr (the device only joins the node)
     * \throws std::invalid_argument for an unknown peer index, an empty or duplicate ID, or
     *         an attachment the device factory refuses
     */
    void AddPseudowire(uint32_t peer, const std::string& remoteEndId, Ptr<NetDevice> attachment);

    /**
     * \brief Accept ICRQs for a Remote End ID (we are the ICRQ recipient).
     *
     * Its device is made now, by the device factory, down until a session is up.
     * \param remoteEndId the Remote End ID, not empty
     * \param attachment what the device joins: a bridge of the node, or nullptr
     * \throws std::invalid_argument for an empty or duplicate ID, or an attachment the
     *         device factory refuses
     */
    void OfferPseudowire(const std::string& remoteEndId, Ptr<NetDevice> attachment);

    /**
     * \brief Accept ICRQs for any Remote End ID (we are the ICRQ recipient), without one
     * OfferPseudowire per ID: a catch-all offer.
     *
     * An ICRQ for an ID that no AddPseudowire or OfferPseudowire names offers that ID
     * then, as OfferPseudowire would: its device is made by the device factory when the
     * ICRQ arrives, joins \p attachment, and stays offered afterwards (GetDevice finds
     * it). IDs offered or added explicitly keep their own device.
     * \param attachment what each such device joins: a bridge of the node, or nullptr
     * \throws std::invalid_argument when the LCCE is on no node yet
     */
    void OfferAnyPseudowire(Ptr<NetDevice> attachment);

    /**
     * \brief Set what makes the pseudowire devices (L2tpv3LcceHelper sets one with
     * bridge relearning); before the first AddPseudowire or OfferPseudowire.
     * \param factory the factory
     * \throws std::invalid_argument for nullptr
     */
    void SetDeviceFactory(Ptr<L2tpv3DeviceFactory> factory);
    /**
     * \return the factory of the pseudowire devices (a plain L2tpv3DeviceFactory, made
     *         on first use, when none was set)
     */
    Ptr<L2tpv3DeviceFactory> GetDeviceFactory();

    /**
     * \brief Close every control connection (StopCCN, Result Code 1) now.
     */
    void CloseAll();

    /**
     * \brief End one pseudowire's session with a CDN (RFC 3931 §7.3.1, §7.3.2: local close
     * request) carrying \p resultCode; its control connection and other sessions stay.
     *
     * The device goes down (reason cdn_sent). A session still waiting for its connection
     * ends without a CDN (§7.3.1: nothing was sent yet). We send no new ICRQ for it.
     * \param remoteEndId the pseudowire
     * \param resultCode the CDN's Result Code (§5.4.2: 3, administrative reasons, by default)
     * \return false if the pseudowire has no session being set up or established (nothing
     *         to close)
     * \throws std::invalid_argument for an unknown Remote End ID or Result Code 0 (reserved)
     */
    bool ClosePseudowire(const std::string& remoteEndId, uint16_t resultCode = 3);

    /**
     * \brief Report our attachment circuit of a pseudowire up or down to the peer: an SLI
     * with the Circuit Status AVP (RFC 3931 §6.13, §5.4.5), when its session is established.
     *
     * Connect it to the LAN port's link-change callback, or call it from a scenario.
     * \param remoteEndId the pseudowire
     * \param active the Circuit Status A bit
     * \return false if the pseudowire has no established session (nothing sent)
     * \throws std::invalid_argument for an unknown Remote End ID
     */
    bool SetCircuitStatus(const std::string& remoteEndId, bool active);

    /**
     * \param remoteEndId a pseudowire
     * \return the peer's last Circuit Status A bit for it (ICRQ, ICRP or SLI); true if unknown
     * \throws std::invalid_argument for an unknown Remote End ID
     */
    bool GetRemoteCircuitActive(const std::string& remoteEndId) const;

    /** \return the counters */
    L2tpv3LcceCounters GetCounters() const;

    /**
     * \return the control connections, by local Control Connection ID, read-only: a copy of
     *         the table holding const connections, so only their getters are callable (to
     *         read their state: tests, fuzzer and scenarios; the LCCE alone drives them)
     */
    std::map<uint32_t, Ptr<const L2tpv3ControlConnection>> GetConnections() const;

    /** \return the number of sessions established now */
    uint32_t GetNSessionsUp() const;

    /** \return connections opened by a peer's SCCRQ and waiting for its SCCCN now */
    uint32_t GetNHalfOpen() const;

    /**
     * \return the sources the rate limit of replies to no connection tracks now (never
     *         more than UnknownReplySources)
     */
    uint32_t GetNReplySources() const;

    /**
     * \param remoteEndId a pseudowire's Remote End ID
     * \return its device (down until its session is up), or nullptr for an unknown ID
     */
    Ptr<L2tpv3NetDevice> GetDevice(const std::string& remoteEndId) const;

    /**
     * \brief Assign fixed random stream indices to the random variables.
     * \param stream first stream index
     * \return the number of streams used
     */
    int64_t AssignStreams(int64_t stream);

    /// TracedCallback signature for control messages sent or received.
    typedef void (*MessageTracedCallback)(uint32_t localConnectionId,
                                          const L2tpv3ControlMessage& message);
    /// TracedCallback signature for a connection's dropped control messages.
    typedef void (*ControlDropTracedCallback)(uint32_t localConnectionId,
                                              const L2tpv3ControlMessage& message,
                                              L2tpv3ControlDropReason reason);
    /// TracedCallback signature for a message dropped because of its source.
    typedef void (*WrongSourceTracedCallback)(uint32_t localConnectionId,
                                              const L2tpv3ControlMessage& message,
                                              const Address& source);
    /// TracedCallback signature for a connection's congestion window (Appendix A).
    typedef void (*CongestionWindowTracedCallback)(uint32_t localConnectionId,
                                                   uint16_t oldValue,
                                                   uint16_t newValue);
    /// TracedCallback signature for connection state changes.
    typedef void (*ConnectionStateTracedCallback)(uint32_t localConnectionId,
                                                  L2tpv3ConnectionState from,
                                                  L2tpv3ConnectionState to);
    /// TracedCallback signature for session state changes.
    typedef void (*SessionStateTracedCallback)(uint32_t localSessionId,
                                               L2tpv3SessionState from,
                                               L2tpv3SessionState to);
    /// TracedCallback signature for sessions up.
    typedef void (*SessionUpTracedCallback)(const L2tpv3SessionParameters& parameters,
                                            Ptr<L2tpv3NetDevice> device);
    /// TracedCallback signature for sessions down.
    typedef void (*SessionDownTracedCallback)(const L2tpv3SessionParameters& parameters,
                                              L2tpv3SessionDownReason reason);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    // L2tpv3ControlConnectionOwner: what connections and sessions see of the LCCE.
    void Transmit(const L2tpv3ControlConnection& connection,
                  const L2tpv3ControlMessage& message,
                  bool retransmission) override;
    void Count(L2tpv3ControlCounter counter, uint16_t resultCode) override;
    uint32_t AllocateSessionId() override;
    L2tpv3CallOffer IncomingCall(const std::string& remoteEndId) override;
    void ConnectionChanged(const L2tpv3ControlConnection& connection,
                           L2tpv3ConnectionState from,
                           L2tpv3ConnectionState to) override;
    void SessionChanged(const L2tpv3ControlSession& session,
                        L2tpv3SessionState from,
                        L2tpv3SessionState to,
                        L2tpv3SessionDownReason reason) override;

    /** \param session a session just established: configure and raise its device */
    void SessionUp(const L2tpv3ControlSession& session);
    /**
     * \param session a session that was established and is no more
     * \param reason why
     */
    void SessionDown(const L2tpv3ControlSession& session, L2tpv3SessionDownReason reason);
    void Finish(const L2tpv3ControlConnection& connection, Time delay, bool peerDead) override;
    void RejectSccrq(const L2tpv3ControlConnection& winner,
                     const L2tpv3ControlMessage& sccrq,
                     uint16_t resultCode,
                     const L2tpv3ControlSource* source) override;

    /**
     * \param message a control message
     * \return its type as an index of the per-type counters
     */
    static std::size_t TypeIndex(const L2tpv3ControlMessage& message);
    /**
     * \param address an address
     * \return it as text, a key of the tables by peer address
     */
    static std::string AddressKey(const Address& address);
    /** \return the configuration of a new connection, from the attributes now */
    L2tpv3ControlConfig MakeControlConfig() const;
    /** \return true when a Secret is set: control messages are signed and checked (§4.3) */
    bool Authenticates() const;
    /**
     * \param sent true for a StopCCN we sent
     * \param resultCode its Result Code
     */
    void CountStopCcn(bool sent, uint16_t resultCode);

    /// A peer of AddPeer.
    struct Peer
    {
        Address local;                        //!< our address
        Address peer;                         //!< theirs
        uint32_t connection{0};               //!< its live connection's local ID (0: none)
        std::vector<std::size_t> pseudowires; //!< its pseudowires (m_pseudowires indices)
        EventId reconnect;                    //!< its pending reconnection (Reconnect)
    };

    /**
     * \brief Receive a control message from the transport.
     * \param packet the message, control header first
     * \param source where it came from
     */
    void ReceiveControl(Ptr<Packet> packet, const L2tpv3ControlSource& source);
    /**
     * \brief Forward a connection's channel traces as the LCCE's own, with the connection's
     * local ID (the connections themselves are handed out read-only: GetConnections).
     * \param c the new connection
     */
    void ForwardChannelTraces(Ptr<L2tpv3ControlConnection> c);
    /**
     * \brief The channel's Retransmit trace, forwarded (the connection's ID bound in).
     * \param lcce the LCCE
     * \param id the local connection ID
     * \param message the message sent again
     */
    static void ChannelRetransmit(L2tpv3Lcce* lcce,
                                  uint32_t id,
                                  const L2tpv3ControlMessage& message);
    /**
     * \brief The channel's Drop trace, forwarded (the connection's ID bound in).
     * \param lcce the LCCE
     * \param id the local connection ID
     * \param message the message dropped
     * \param reason why
     */
    static void ChannelDrop(L2tpv3Lcce* lcce,
                            uint32_t id,
                            const L2tpv3ControlMessage& message,
                            L2tpv3ControlDropReason reason);
    /**
     * \brief The channel's CongestionWindow trace, forwarded (the connection's ID bound in).
     * \param lcce the LCCE
     * \param id the local connection ID
     * \param oldValue the window before
     * \param newValue the window after
     */
    static void ChannelCongestionWindow(L2tpv3Lcce* lcce,
                                        uint32_t id,
                                        uint16_t oldValue,
                                        uint16_t newValue);
    /**
     * \brief Open a new connection to a peer of AddPeer.
     * \param index the peer's index
     */
    void Connect(uint32_t index);
    /**
     * \param local our address
     * \param peer the peer's address
     * \param peerPort the peer's UDP port
     * \return a new connection with a fresh ID, registered
     */
    Ptr<L2tpv3ControlConnection> CreateConnection(const Address& local,
                                                  const Address& peer,
                                                  uint16_t peerPort);
    /**
     * \brief Start a session (ICRQ sender) for a pseudowire over a connection.
     * \param c the connection
     * \param remoteEndId the pseudowire's Remote End ID
     */
    void OpenSession(Ptr<L2tpv3ControlConnection> c, const std::string& remoteEndId);
    /**
     * \param remoteEndId a Remote End ID
     * \return its session that is not idle, or nullptr
     */
    Ptr<L2tpv3ControlSession> FindSession(const std::string& remoteEndId) const;
    /**
     * \param attachment what the device joins (or nullptr)
     * \return a new pseudowire device on the node, down until its session is up
     */
    Ptr<L2tpv3NetDevice> CreateDevice(Ptr<NetDevice> attachment);
    /**
     * \brief Whether an SCCRQ comes from the peer a connection of ours was opened to (a tie).
     * \param c our connection
     * \param sccrq the SCCRQ
     * \param source where it came from
     * \return true if it is the same LCCE
     */
    bool SamePeer(const L2tpv3ControlConnection& c,
                  const L2tpv3ControlMessage& sccrq,
                  const L2tpv3ControlSource& source) const;
    /**
     * \brief Whether a message for connection \p c comes from its peer: the address it was
     * opened with, and over UDP the port, once known (RFC 3931 §4.1.2.2).
     * \param c the connection
     * \param source where the message came from
     * \return true if it does
     */
    bool FromPeer(const L2tpv3ControlConnection& c, const L2tpv3ControlSource& source) const;
    /**
     * \brief Take a token for a reply to a message that belongs to no connection, or count
     * the reply suppressed (UnknownReplyRate, UnknownReplyTotalRate).
     * \param source where the reply would go
     * \return true to send it
     */
    bool AllowReply(const L2tpv3ControlSource& source);
    /**
     * \brief Forget a connection an SCCRQ opened and its state table refused at once: its
     * one StopCCN is sent (or suppressed), nothing is retransmitted, nothing kept.
     * \param c the connection, idle
     */
    void DiscardRefused(Ptr<L2tpv3ControlConnection> c);
    /**
     * \brief Acknowledge a message for no connection of ours when it is a StopCCN.
     * \param message the message
     * \param source where it came from
     */
    void AnswerUnknown(const L2tpv3ControlMessage& message, const L2tpv3ControlSource& source);
    /**
     * \param peer a peer address
     * \return our address towards it (routing's choice)
     */
    Address LocalAddressFor(const Address& peer) const;
    /**
     * \param packet the message bytes
     * \param local our address
     * \param peer the peer's address
     * \param peerPort the peer's UDP port
     */
    void SendBytes(Ptr<Packet> packet,
                   const Address& local,
                   const Address& peer,
                   uint16_t peerPort);
    /**
     * \param localId a connection that reached the end of its life: forget it,
     *        reconnecting if asked
     * \param peerDead true when the peer stopped acknowledging
     */
    void Forget(uint32_t localId, bool peerDead);
    /**
     * \brief Keep, in the LCCE's sums, what every channel of a connection going away counted
     * (its channel's drops and retransmissions, and those of the channels it replaced).
     * \param connection the connection
     */
    void RetireChannels(const L2tpv3ControlConnection& connection);
    /**
     * \brief Cancel a connection's pending Forget: it is forgotten now, or the LCCE goes.
     * \param localId the connection's local ID
     */
    void CancelForget(uint32_t localId);
    /**
     * \brief Check a received message's digest (§4.3, §5.4.1) and unhide its AVPs (§5.3).
     * \param message the message; its hidden AVPs are replaced by their cleartext
     * \param source where it came from (an unauthenticated SCCRQ is refused there)
     * \return false if the message is dropped (counted)
     */
    bool Authenticate(L2tpv3ControlMessage& message, const L2tpv3ControlSource& source);
    /**
     * \brief Refuse an SCCRQ that failed authentication: a StopCCN with Result Code 4
     * (§5.4.2: not authorized), sent without creating any connection state.
     * \param sccrq the SCCRQ
     * \param source where it came from
     * \param why the Error Message
     */
    void RefuseUnauthenticated(const L2tpv3ControlMessage& sccrq,
                               const L2tpv3ControlSource& source,
                               const std::string& why);
    /** \param secret the Secret attribute: keys derived now */
    void SetSecret(std::string secret);
    /** \return the Secret attribute */
    std::string GetSecret() const;
    /** \param secret the SecondSecret attribute */
    void SetSecondSecret(std::string secret);
    /** \return the SecondSecret attribute */
    std::string GetSecondSecret() const;
    /**
     * \param length the CookieLength attribute
     * \throws std::invalid_argument for a length other than 0, 4 or 8 (RFC 3931 §4.1)
     */
    void SetCookieLength(uint8_t length);
    /** \return the CookieLength attribute */
    uint8_t GetCookieLength() const;

    // Attributes
    std::string m_hostName; //!< Host Name AVP
    uint32_t m_routerId;    //!< Router ID AVP (0: the node ID + 1)
    L2tpv3Encapsulation m_encapsulation{L2tpv3Encapsulation::IP}; //!< IP or UDP
    uint16_t m_udpPort;                                           //!< our UDP port (1701)
    uint16_t m_peerUdpPort;                          //!< the port initiators send to (1701)
    bool m_udpChecksum;                              //!< UDP checksums on control and data packets
    uint16_t m_receiveWindow;                        //!< Receive Window Size AVP
    uint16_t m_maxSetupWindow;                       //!< send window cap until a session is up
    Time m_retransmitTimeout;                        //!< channel attribute
    Time m_retransmitCap;                            //!< channel attribute
    uint32_t m_maxRetries;                           //!< channel attribute
    Time m_ackDelay;                                 //!< channel attribute
    Time m_helloInterval;                            //!< HELLO interval (§4.4)
    double m_helloJitter;                            //!< HELLO jitter fraction
    bool m_tieBreaker;                               //!< send Control Connection Tie Breaker AVPs
    uint8_t m_cookieLength{0};                       //!< cookie octets per session (0, 4, 8)
    L2tpv3Sublayer m_sublayer{L2tpv3Sublayer::NONE}; //!< our L2-Specific Sublayer
    bool m_sequencing;                               //!< ask the peer for sequence numbers
    bool m_reconnect;                                //!< reopen a connection that died
    Time m_reconnectDelay;                           //!< wait before reopening
    uint32_t m_maxHalfOpen;                          //!< SCCRQs waiting for SCCCN (0: no limit)
    uint32_t m_maxConnections;                       //!< connections kept (0: no limit)
    uint32_t m_halfOpen{0};                          //!< connections in wait-ctl-conn now
    double m_replyRate;                //!< UnknownReplyRate: replies to one source per second
    double m_replyTotalRate;           //!< UnknownReplyTotalRate: replies to all per second
    uint32_t m_replySources;           //!< UnknownReplySources: sources the limit tracks
    L2tpv3ReplyLimiter m_replyLimiter; //!< the limit of replies to no connection
    /// While a new connection reads its first SCCRQ: where it came from (a StopCCN
    /// refusing it is a reply to no connection: limited, sent once), else nullptr.
    const L2tpv3ControlSource* m_admitting{nullptr};
    uint16_t m_admittingStop{0};     //!< the Result Code of a StopCCN refusing it (0: none)
    bool m_admittingFinished{false}; //!< the connection finished while reading it
    std::string m_secret;            //!< shared secret (empty: no authentication)
    std::string m_secondSecret;      //!< also accepted on receive (rollover)
    L2tpv3ControlAuth::DigestAlgorithm m_digestAlgorithm{L2tpv3ControlAuth::MD5}; //!< sent
    bool m_hideAvps;                  //!< hide the AVPs that may be hidden (§5.3)
    L2tpv3ControlSecurity m_security; //!< the keys of Secret and SecondSecret

    Ptr<L2tpv3L4Protocol> m_l4;                                     //!< the node's transport
    std::vector<Peer> m_peers;                                      //!< AddPeer's peers
    L2tpv3PseudowireTable m_pseudowires;                            //!< offered or added
    Ptr<L2tpv3DeviceFactory> m_deviceFactory;                       //!< makes their devices
    std::map<uint32_t, Ptr<L2tpv3ControlConnection>> m_connections; //!< by local ID
    /// The pending Forget of each finished connection (by local ID), cancelled when the
    /// LCCE is disposed: the event holds a raw pointer to the LCCE.
    std::map<uint32_t, EventId> m_forgetEvents;
    std::map<uint32_t, uint32_t> m_peerOfConnection;                //!< local ID -> AddPeer index
    std::map<std::pair<std::string, uint32_t>, uint32_t> m_bySccrq; //!< (peer, its ID) -> ours
    std::map<std::string, uint32_t> m_routerIdOf; //!< peer address -> its Router ID, once read
    std::vector<Ptr<L2tpv3ControlConnection>> m_retired; //!< kept until disposal
    L2tpv3LcceCounters m_counters;                       //!< counters
    L2tpv3ControlChannelCounters m_retiredChannels;      //!< of connections gone, every channel
    uint32_t m_sessionsUp{0};                            //!< sessions up now
    L2tpv3SessionIdAllocator m_sessionIds; //!< hands out our local Session IDs (§4.1)
    bool m_offerAny{false};                //!< OfferAnyPseudowire was called
    Ptr<NetDevice> m_anyAttachment;        //!< what OfferAnyPseudowire's devices join
    Ptr<UniformRandomVariable> m_random;   //!< IDs, cookies, jitter
    bool m_running{false};                 //!< started, not stopped

    TracedCallback<uint32_t, const L2tpv3ControlMessage&> m_txTrace;         //!< ControlTx
    TracedCallback<uint32_t, const L2tpv3ControlMessage&> m_rxTrace;         //!< ControlRx
    TracedCallback<uint32_t, const L2tpv3ControlMessage&> m_retransmitTrace; //!< ControlRetransmit
    TracedCallback<uint32_t, const L2tpv3ControlMessage&, L2tpv3ControlDropReason>
        m_controlDropTrace;                                   //!< ControlDrop
    TracedCallback<uint32_t, uint16_t, uint16_t> m_cwndTrace; //!< ControlCongestionWindow
    TracedCallback<uint32_t, const L2tpv3ControlMessage&, const Address&>
        m_wrongSourceTrace; //!< ControlWrongSource
    TracedCallback<uint32_t, L2tpv3ConnectionState, L2tpv3ConnectionState>
        m_connectionStateTrace; //!< ConnectionState
    TracedCallback<uint32_t, L2tpv3SessionState, L2tpv3SessionState>
        m_sessionStateTrace; //!< SessionState
    TracedCallback<const L2tpv3SessionParameters&, Ptr<L2tpv3NetDevice>> m_upTrace; //!< SessionUp
    TracedCallback<const L2tpv3SessionParameters&, L2tpv3SessionDownReason>
        m_downTrace; //!< SessionDown
};

} // namespace ns3

#endif /* L2TPV3_LCCE_H */
