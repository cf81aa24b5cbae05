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

#include <boost/circular_buffer.hpp>

#include <cstdint>
#include <deque>
#include <map>

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
 * \brief Counters of a reliable control channel.
 */
struct L2tpv3ControlChannelCounters
{
    uint64_t txMessages{0};      //!< sequenced messages sent for the first time
    uint64_t rxMessages{0};      //!< sequenced messages delivered in order
    uint64_t retransmissions{0}; //!< messages sent again after a timeout
    uint64_t duplicates{0};      //!< messages received again (Ns already delivered): acked, dropped
    uint64_t outOfWindow{0};     //!< messages too far ahead to queue: acked, dropped
    uint64_t queuedOutOfOrder{0}; //!< messages received ahead of Nr and held for in-order delivery
    uint64_t zlbSent{0};         //!< ZLB acknowledgements sent
    uint64_t zlbReceived{0};     //!< ZLB (or explicit ACK) acknowledgements received
    uint64_t acked{0};           //!< sent messages acknowledged by the peer's Nr
    uint64_t timeouts{0};        //!< times the channel gave up (MaxRetries exceeded)
};

/**
 * \ingroup l2tp
 * \brief The reliable delivery of control messages of one control connection
 * (RFC 3931 §4.2 and Appendix A).
 *
 * Sending: Send() queues a message; when the peer's window allows it, the
 * channel gives it the next Ns, sets Nr and the peer's Control Connection
 * ID, and hands it to the transmit callback. It is sent again after
 * RetransmitTimeout, the timeout doubling up to RetransmitCap, until the
 * peer's Nr acknowledges it; after MaxRetries retransmissions of one
 * message the failure callback fires and the channel stops. The window is
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
    ~L2tpv3ControlChannel() override;

    /// Callback with a message (to transmit, or delivered in order).
    typedef Callback<void, const L2tpv3ControlMessage&> MessageCallback;

    /** \param cb called with every message to put on the wire (Ns, Nr, CCID set) */
    void SetTransmitCallback(MessageCallback cb);
    /** \param cb called with every sequenced message received, in order, once */
    void SetDeliverCallback(MessageCallback cb);
    /** \param cb called once when a message exhausted MaxRetries (the peer is gone) */
    void SetFailureCallback(Callback<void> cb);

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
     * \brief Queue a sequenced message (not a ZLB) for reliable delivery.
     * \param message the message; its Ns, Nr and Control Connection ID are set by the channel
     */
    void Send(const L2tpv3ControlMessage& message);

    /**
     * \brief Take a message received from the peer (its header already checked).
     * \param message the message
     */
    void Receive(const L2tpv3ControlMessage& message);

    /** \return true when every message sent was acknowledged and none waits */
    bool IsIdle() const;

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

  protected:
    void DoDispose() override;

  private:
    // Implementation chosen by the implementer; see the class description.
    // Suggested members (boost::circular_buffer for the windows, DESIGN.md):
    //   unacknowledged messages in flight, queued messages, held out-of-order
    //   messages, Ns/Nr state, cwnd/ssthresh/ack counter, retry count and
    //   current timeout, one retransmission EventId, one ACK EventId, counters,
    //   traces.
};

} // namespace ns3

#endif /* L2TPV3_CONTROL_CHANNEL_H */
