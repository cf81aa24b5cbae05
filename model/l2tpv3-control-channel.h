/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_CONTROL_CHANNEL_H
#define L2TPV3_CONTROL_CHANNEL_H

#include "l2tpv3-control-message.h"

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"
#include "ns3/traced-value.h"

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief RFC 3931 §4.2 sequence comparison modulo 2^16: true if \p a comes before \p b.
 *
 * A value is "less than" another when it lies at most 32767 behind it (modulo 65536).
 * \param a a sequence number
 * \param b another
 * \return true if a < b in sequence space
 */
bool L2tpv3SeqLess(uint16_t a, uint16_t b);

/**
 * \ingroup l2tp
 * \brief Why the reliable control channel dropped a received message (its Drop trace).
 */
enum class L2tpv3ControlDropReason : uint8_t
{
    DUPLICATE,     //!< Ns already delivered, or already held (§4.2)
    OUT_OF_WINDOW, //!< Ns too far ahead of the expected one to be held (§4.2, §5.4.3)
    INVALID_NR,    //!< Nr acknowledges a message never sent (§4.2: "clearly invalid")
    CLOSED,        //!< received after Close(): the channel takes nothing more
};

/**
 * \ingroup l2tp
 * \param reason a drop reason
 * \return its snake_case name, e.g. "out_of_window"
 */
std::string L2tpv3ControlDropReasonName(L2tpv3ControlDropReason reason);

/**
 * \ingroup l2tp
 * \brief Counters of a reliable control channel.
 */
struct L2tpv3ControlChannelCounters
{
    uint64_t txMessages{0};      //!< sequenced messages sent for the first time
    uint64_t rxMessages{0};      //!< sequenced messages delivered in order
    uint64_t retransmissions{0}; //!< messages sent again after a timeout
    uint64_t duplicates{0};      //!< messages received again (Ns already delivered): acked, dropped
    uint64_t outOfWindow{0};     //!< messages too far ahead to queue: acked, dropped
    uint64_t invalidNr{0};       //!< messages whose Nr acknowledges what was never sent: dropped
    uint64_t queuedOutOfOrder{0}; //!< messages received ahead of Nr and held for in-order delivery
    uint64_t zlbSent{0};          //!< ZLB acknowledgements sent
    uint64_t zlbReceived{0};      //!< ZLB (or explicit ACK) acknowledgements received
    uint64_t acked{0};            //!< sent messages acknowledged by the peer's Nr
    uint64_t timeouts{0};         //!< times the channel gave up (MaxRetries exceeded)
    uint64_t afterClose{0};       //!< messages received after Close(): dropped
};

/**
 * \ingroup l2tp
 * \brief What a reliable control channel sees of the connection it serves: where its
 * messages go on the wire, where it delivers what it received, whom it tells that the
 * peer is gone (RFC 3931 §4.2). L2tpv3ControlConnection implements it: a channel sees
 * its connection through this interface only, as a connection sees the LCCE through
 * L2tpv3ControlConnectionOwner.
 */
class L2tpv3ControlChannelOwner
{
  public:
    virtual ~L2tpv3ControlChannelOwner() = default;
    /**
     * \brief Put a message on the wire.
     * \param message the message, its Ns, Nr and Control Connection ID set
     */
    virtual void Transmit(const L2tpv3ControlMessage& message) = 0;
    /**
     * \brief A sequenced message received, handed up in order, once.
     * \param message the message
     */
    virtual void Deliver(const L2tpv3ControlMessage& message) = 0;
    /**
     * \brief A message exhausted MaxRetries (§4.2): the peer is gone. Called once; the
     * channel is closed by then.
     */
    virtual void PeerTimeout() = 0;
};

/**
 * \ingroup l2tp
 * \brief The reliable delivery of control messages of one control connection
 * (RFC 3931 §4.2 and Appendix A).
 *
 * Sending: Send() queues a message; when the peer's window allows it, the
 * channel gives it the next Ns, sets Nr and the peer's Control Connection
 * ID, and hands it to its owner (L2tpv3ControlChannelOwner::Transmit). It is sent again after
 * RetransmitTimeout, the timeout doubling up to RetransmitCap, until the
 * peer's Nr acknowledges it; after MaxRetries retransmissions of one
 * message the channel stops and tells its owner (PeerTimeout). The window is
 * the peer's Receive Window Size, used with slow start and congestion
 * avoidance (Appendix A): the congestion window starts at 1, grows by one
 * per acknowledgement up to the slow-start threshold (initially the peer's
 * window), then by one per window of acknowledgements; a retransmission
 * halves the threshold and sets the window back to 1.
 *
 * Receiving: Receive() takes every message of the connection. Its Nr
 * acknowledges what we sent. A sequenced message whose Ns is the next
 * expected is delivered, with any held messages that follow it; one ahead
 * of it within our Receive Window Size is held; a duplicate (already
 * delivered) or one beyond our window is acknowledged and dropped, counted.
 * ZLBs and explicit ACKs (type 20, §5.4.1) carry no Ns of their own: they
 * only acknowledge. Every delivered message is acknowledged, piggybacked on
 * the next message sent or by a ZLB after AckDelay.
 *
 * Timers are per channel (one retransmission timer, one acknowledgement
 * timer), never per message or per session.
 */
class L2tpv3ControlChannel : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    L2tpv3ControlChannel();
    /**
     * \brief A new channel with \p prototype's TypeId and attribute values and none of its
     * state (no message, timer, owner or trace connected): what CopyObject makes. A
     * control connection copies each channel it opens from one made with CreateObject and
     * then configures it (Configure), which is cheaper than ns-3's attribute construction per
     * channel (each attribute's default looked up and set by name).
     * \param prototype the channel to take the attribute values from
     */
    L2tpv3ControlChannel(const L2tpv3ControlChannel& prototype);
    L2tpv3ControlChannel& operator=(const L2tpv3ControlChannel&) = delete;
    ~L2tpv3ControlChannel() override;

    /**
     * \brief Set the connection this channel serves: it transmits the messages, takes
     * those delivered in order and learns of the peer's death. A channel without one
     * sends and delivers nothing (its traces and counters still see everything).
     * \param owner the owner (not owned; it outlives the channel's use, or is unset with
     * nullptr first)
     */
    void SetOwner(L2tpv3ControlChannelOwner* owner);

    /** \param id the peer's Control Connection ID, written in every message sent */
    void SetPeerControlConnectionId(uint32_t id);
    /** \return the peer's Control Connection ID */
    uint32_t GetPeerControlConnectionId() const;

    /**
     * \brief The peer's Receive Window Size (§5.4.3; 4 until the peer says).
     * \param window the peer's window, 1 or more (0 is taken as 1)
     */
    void SetPeerReceiveWindow(uint16_t window);

    /**
     * \brief Cap the send window below the peer's Receive Window Size and CWND (a local
     * choice: §4.2 only bounds the window from above).
     * \param cap at most this many messages unacknowledged; 0: no cap
     */
    void SetSendWindowCap(uint16_t cap);

    /**
     * \brief Set the six attributes at once (RetransmitTimeout, RetransmitCap, MaxRetries,
     * AckDelay, ReceiveWindowSize, ExplicitAck), with the attributes' checks, without
     * looking each up by name: a control connection configures every channel it opens
     * this way (the six lookups were a third of a new connection's cost).
     * \param retransmitTimeout first retransmission timeout (at least 1 ns)
     * \param retransmitCap cap on the doubled timeout (at least 1 ns)
     * \param maxRetries retransmissions of one message before the peer is declared gone
     * \param ackDelay wait for a message to piggyback an acknowledgement on (not negative)
     * \param receiveWindow our Receive Window Size (1 to 32767)
     * \param explicitAck acknowledge with an ACK message instead of a ZLB
     */
    void Configure(Time retransmitTimeout,
                   Time retransmitCap,
                   uint32_t maxRetries,
                   Time ackDelay,
                   uint16_t receiveWindow,
                   bool explicitAck);
    /** \return the send window cap (0: none) */
    uint16_t GetSendWindowCap() const;

    /**
     * \brief Queue a sequenced message (not a ZLB) for reliable delivery.
     * \param message the message; its Ns, Nr and Control Connection ID are set by the channel
     * (taken by value: a caller done with its message moves it in, no copy)
     */
    void Send(L2tpv3ControlMessage message);

    /**
     * \brief Take a message received from the peer (its header already checked).
     * \param message the message
     */
    void Receive(const L2tpv3ControlMessage& message);

    /** \return true when every message sent was acknowledged and none waits */
    bool IsIdle() const;
    /**
     * \return true once Close() was called or the peer was declared dead: Receive() then
     *         drops every message without counting it (its owner counts what it hands in)
     */
    bool IsClosed() const;

    /**
     * \return the time a message takes to exhaust its retries: the sum of its
     * MaxRetries + 1 retransmission timeouts (§7.1: state is kept that long after StopCCN)
     */
    Time GetFullRetransmissionCycle() const;

    /// Stop the timers and drop everything queued; the channel sends nothing more.
    void Close();

    /** \return the counters */
    const L2tpv3ControlChannelCounters& GetCounters() const;

    /** \return the next Ns we will use */
    uint16_t GetNextNs() const;
    /** \return the next Ns we expect from the peer (the Nr we send) */
    uint16_t GetExpectedNs() const;
    /** \return the congestion window (Appendix A) */
    uint16_t GetCongestionWindow() const;
    /** \return the slow-start threshold (Appendix A) */
    uint16_t GetSlowStartThreshold() const;
    /** \return messages sent and not yet acknowledged */
    std::size_t GetInFlight() const;
    /** \return messages queued behind the window */
    std::size_t GetQueued() const;

    /**
     * TracedCallback signature for transmitted messages.
     * \param [in] message the message put on the wire
     * \param [in] retransmission true if it was sent before
     */
    typedef void (*TxTracedCallback)(const L2tpv3ControlMessage& message, bool retransmission);

    /**
     * TracedCallback signature for received and retransmitted messages.
     * \param [in] message the message
     */
    typedef void (*MessageTracedCallback)(const L2tpv3ControlMessage& message);

    /**
     * TracedCallback signature for dropped messages.
     * \param [in] message the message
     * \param [in] reason why it was dropped
     */
    typedef void (*DropTracedCallback)(const L2tpv3ControlMessage& message,
                                       L2tpv3ControlDropReason reason);

  protected:
    void DoDispose() override;

  private:
    /// A message sent and not yet acknowledged.
    struct InFlight
    {
        L2tpv3ControlMessage message; //!< as sent (Ns fixed, Nr refreshed on each resend)
        uint32_t retransmissions{0};  //!< times it was sent again
    };

    /**
     * The send and receive windows: ring buffers (Boost's circular_buffer, kept out of
     * this installed header so that users need no Boost headers).
     */
    struct Windows;

    /// Send queued messages while the window allows (§4.2, Appendix A).
    void TrySend();
    /**
     * \brief Put a message on the wire with the current Nr and CCID.
     * \param message the message (its Nr is refreshed)
     * \param retransmission true if sent before
     */
    void Transmit(L2tpv3ControlMessage& message, bool retransmission);
    /**
     * \brief Flush what the peer's Nr acknowledges (§4.2, cumulative).
     * \param nr the peer's Nr
     * \return false if Nr is invalid (beyond the last Ns sent + 1)
     */
    bool ProcessNr(uint16_t nr);
    /// Appendix A: open the congestion window for one acknowledged message.
    void OpenCongestionWindow();
    /**
     * \brief Take a sequenced message: deliver, hold or drop it.
     * \param message the message
     */
    void ReceiveSequenced(const L2tpv3ControlMessage& message);
    /// Send a ZLB (or an explicit ACK) with the next Ns and the current Nr now.
    void SendAck();
    /// Owe the peer an acknowledgement: start the ACK timer unless it runs.
    void ScheduleAck();
    /// The retransmission timer expired: resend the oldest message or give up.
    void RetransmitTimeout();
    /// (Re)start the retransmission timer with the current timeout.
    void StartRetransmitTimer();
    /**
     * \param retransmissions how many retransmissions preceded
     * \return the timeout after that many retransmissions (capped doubling)
     */
    Time TimeoutAfter(uint32_t retransmissions) const;

    // Attributes
    Time m_retransmitTimeout;     //!< first retransmission timeout (§4.2: 1 s)
    Time m_retransmitCap;         //!< cap on the doubled timeout (§4.2: at least 8 s)
    uint32_t m_maxRetries;        //!< retransmissions of one message before failure
    Time m_ackDelay;              //!< wait for a message to piggyback an ACK on, then send a ZLB
    uint16_t m_receiveWindow;     //!< our Receive Window Size: messages ahead we accept
    uint32_t m_unacknowledged{0}; //!< messages delivered since our Nr last went out
    bool m_explicitAck;           //!< acknowledge with an ACK message (type 20) instead of a ZLB

    // Owner and identity
    L2tpv3ControlChannelOwner* m_owner{nullptr}; //!< the connection served
    uint32_t m_peerConnectionId{0};              //!< written in every message sent
    uint16_t m_peerWindow{4}; //!< the peer's Receive Window Size (§5.4.3: 4 by default)
    uint16_t m_windowCap{0};  //!< local cap on the send window (0: none)

    /// Sent, unacknowledged messages in Ns order; early messages held by distance.
    std::unique_ptr<Windows> m_windows;

    // Send state (§4.2)
    uint16_t m_nextNs{0};                     //!< Ns of the next new message
    std::deque<L2tpv3ControlMessage> m_queue; //!< waiting for the window to open
    TracedValue<uint16_t> m_cwnd;             //!< congestion window (Appendix A)
    uint16_t m_ssthresh{4};                   //!< slow-start threshold (Appendix A)
    uint16_t m_caAcks{0};                     //!< acks counted in congestion avoidance
    Time m_timeout;                           //!< current retransmission timeout
    EventId m_retransmitEvent;                //!< the one retransmission timer

    // Receive state (§4.2)
    uint16_t m_expectedNs{0}; //!< the Nr we send
    bool m_ackOwed{false};    //!< a delivered message is not yet acknowledged
    EventId m_ackEvent;       //!< the one acknowledgement timer

    bool m_closed{false};                    //!< Close() called or the peer gone: nothing more sent
    L2tpv3ControlChannelCounters m_counters; //!< counters

    TracedCallback<const L2tpv3ControlMessage&, bool> m_txTrace;   //!< Tx trace
    TracedCallback<const L2tpv3ControlMessage&> m_rxTrace;         //!< Rx trace
    TracedCallback<const L2tpv3ControlMessage&> m_retransmitTrace; //!< Retransmit trace
    TracedCallback<const L2tpv3ControlMessage&, L2tpv3ControlDropReason>
        m_dropTrace; //!< Drop trace
};

} // namespace ns3

#endif /* L2TPV3_CONTROL_CHANNEL_H */
