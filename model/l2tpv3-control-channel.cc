/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-control-channel.h"

#include "ns3/abort.h"
#include "ns3/assert.h"
#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <boost/circular_buffer.hpp>
#include <utility>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpv3ControlChannel");

NS_OBJECT_ENSURE_REGISTERED(L2tpv3ControlChannel);

namespace
{

/// Half the sequence space: the most messages that can be told apart in flight (§4.2).
constexpr uint16_t MAX_WINDOW = 32767;

/// The in-flight buffer's first capacity; it grows up to the peer's window.
constexpr std::size_t INITIAL_IN_FLIGHT_CAPACITY = 4;

} // namespace

struct L2tpv3ControlChannel::Windows
{
    /// Sent, unacknowledged, in Ns order; grows from INITIAL_IN_FLIGHT_CAPACITY up to the
    /// peer's window.
    boost::circular_buffer<InFlight> inFlight{INITIAL_IN_FLIGHT_CAPACITY};
    /// Early messages by distance from m_expectedNs (slot 0 is always empty).
    boost::circular_buffer<std::optional<L2tpv3ControlMessage>> held;
};

bool
L2tpv3SeqLess(uint16_t a, uint16_t b)
{
    // RFC 3931 §4.2: a lies in the 32767 values before b (modulo 65536).
    const uint16_t distance = static_cast<uint16_t>(b - a);
    return distance != 0 && distance <= MAX_WINDOW;
}

std::string
L2tpv3ControlDropReasonName(L2tpv3ControlDropReason reason)
{
    switch (reason)
    {
    case L2tpv3ControlDropReason::DUPLICATE:
        return "duplicate";
    case L2tpv3ControlDropReason::OUT_OF_WINDOW:
        return "out_of_window";
    case L2tpv3ControlDropReason::INVALID_NR:
        return "invalid_nr";
    case L2tpv3ControlDropReason::CLOSED:
        return "closed";
    }
    return "unknown";
}

TypeId
L2tpv3ControlChannel::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::L2tpv3ControlChannel")
            .SetParent<Object>()
            .SetGroupName("L2tp")
            .AddConstructor<L2tpv3ControlChannel>()
            .AddAttribute("RetransmitTimeout",
                          "First retransmission timeout, doubled on each retransmission "
                          "(RFC 3931 §4.2 recommends 1 s)",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&L2tpv3ControlChannel::m_retransmitTimeout),
                          MakeTimeChecker(NanoSeconds(1)))
            .AddAttribute("RetransmitCap",
                          "Cap on the doubled retransmission timeout (RFC 3931 §4.2: "
                          "no less than 8 s)",
                          TimeValue(Seconds(8)),
                          MakeTimeAccessor(&L2tpv3ControlChannel::m_retransmitCap),
                          MakeTimeChecker(NanoSeconds(1)))
            .AddAttribute("MaxRetries",
                          "After MaxRetries retransmissions of one message without "
                          "acknowledgement, the peer is declared gone (RFC 3931 §4.2: 10)",
                          UintegerValue(10),
                          MakeUintegerAccessor(&L2tpv3ControlChannel::m_maxRetries),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("AckDelay",
                          "Wait this long for a message to piggyback an acknowledgement on, "
                          "then send a ZLB; short (RFC 3931 §4.2: acks MUST NOT be delayed "
                          "for flow control), a tenth of the 1 s retransmission timeout",
                          TimeValue(MilliSeconds(100)),
                          MakeTimeAccessor(&L2tpv3ControlChannel::m_ackDelay),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("ReceiveWindowSize",
                          "Our Receive Window Size (RFC 3931 §5.4.3): messages from the "
                          "expected Ns on that we accept, holding early ones; advertised to "
                          "the peer",
                          UintegerValue(16),
                          MakeUintegerAccessor(&L2tpv3ControlChannel::m_receiveWindow),
                          MakeUintegerChecker<uint16_t>(1, MAX_WINDOW))
            .AddAttribute("ExplicitAck",
                          "Acknowledge with an ACK message (type 20, RFC 3931 §5.4.1) "
                          "instead of a ZLB (ZLBs are not allowed with authentication, §6.15)",
                          BooleanValue(false),
                          MakeBooleanAccessor(&L2tpv3ControlChannel::m_explicitAck),
                          MakeBooleanChecker())
            .AddTraceSource("Tx",
                            "A message put on the wire (ZLBs included), and whether it "
                            "is a retransmission",
                            MakeTraceSourceAccessor(&L2tpv3ControlChannel::m_txTrace),
                            "ns3::L2tpv3ControlChannel::TxTracedCallback")
            .AddTraceSource("Rx",
                            "A message received from the peer (ZLBs included)",
                            MakeTraceSourceAccessor(&L2tpv3ControlChannel::m_rxTrace),
                            "ns3::L2tpv3ControlChannel::MessageTracedCallback")
            .AddTraceSource("Retransmit",
                            "A message sent again after a timeout",
                            MakeTraceSourceAccessor(&L2tpv3ControlChannel::m_retransmitTrace),
                            "ns3::L2tpv3ControlChannel::MessageTracedCallback")
            .AddTraceSource("Drop",
                            "A received message dropped, and why",
                            MakeTraceSourceAccessor(&L2tpv3ControlChannel::m_dropTrace),
                            "ns3::L2tpv3ControlChannel::DropTracedCallback")
            .AddTraceSource("CongestionWindow",
                            "The congestion window (RFC 3931 Appendix A)",
                            MakeTraceSourceAccessor(&L2tpv3ControlChannel::m_cwnd),
                            "ns3::TracedValueCallback::Uint16");
    return tid;
}

L2tpv3ControlChannel::L2tpv3ControlChannel()
    : m_retransmitTimeout(Seconds(1)),
      m_retransmitCap(Seconds(8)),
      m_maxRetries(10),
      m_ackDelay(MilliSeconds(100)),
      m_receiveWindow(16),
      m_explicitAck(false),
      m_windows(std::make_unique<Windows>()),
      m_cwnd(1)
{
    NS_LOG_FUNCTION(this);
}

L2tpv3ControlChannel::L2tpv3ControlChannel(const L2tpv3ControlChannel& prototype)
    : Object(prototype),
      m_retransmitTimeout(prototype.m_retransmitTimeout),
      m_retransmitCap(prototype.m_retransmitCap),
      m_maxRetries(prototype.m_maxRetries),
      m_ackDelay(prototype.m_ackDelay),
      m_receiveWindow(prototype.m_receiveWindow),
      m_explicitAck(prototype.m_explicitAck),
      m_windows(std::make_unique<Windows>()),
      m_cwnd(1)
{
    // Everything else as the default constructor leaves it: a channel that never sent.
    NS_LOG_FUNCTION(this << &prototype);
}

L2tpv3ControlChannel::~L2tpv3ControlChannel()
{
    NS_LOG_FUNCTION(this);
}

void
L2tpv3ControlChannel::DoDispose()
{
    NS_LOG_FUNCTION(this);
    Close();
    m_owner = nullptr;
    Object::DoDispose();
}

void
L2tpv3ControlChannel::SetOwner(L2tpv3ControlChannelOwner* owner)
{
    m_owner = owner;
}

void
L2tpv3ControlChannel::SetPeerControlConnectionId(uint32_t id)
{
    m_peerConnectionId = id;
}

uint32_t
L2tpv3ControlChannel::GetPeerControlConnectionId() const
{
    return m_peerConnectionId;
}

void
L2tpv3ControlChannel::SetPeerReceiveWindow(uint16_t window)
{
    NS_LOG_FUNCTION(this << window);
    // §5.4.3: a window of 0 would stop us for ever; beyond half the sequence
    // space Nr could no longer be told from an old one (§4.2).
    m_peerWindow = std::clamp<uint16_t>(window, 1, MAX_WINDOW);
    // Appendix A: SSTHRESH starts at the advertised window; CWND never exceeds it.
    m_ssthresh = m_peerWindow;
    if (m_cwnd.Get() > m_peerWindow)
    {
        m_cwnd = m_peerWindow;
    }
    TrySend();
}

void
L2tpv3ControlChannel::SetSendWindowCap(uint16_t cap)
{
    NS_LOG_FUNCTION(this << cap);
    m_windowCap = cap;
    TrySend();
}

void
L2tpv3ControlChannel::Configure(Time retransmitTimeout,
                                Time retransmitCap,
                                uint32_t maxRetries,
                                Time ackDelay,
                                uint16_t receiveWindow,
                                bool explicitAck)
{
    NS_LOG_FUNCTION(this << retransmitTimeout << retransmitCap << maxRetries << ackDelay
                         << receiveWindow << explicitAck);
    // The attributes' checkers, as SetAttribute would apply them. 1 ns from an integer:
    // NanoSeconds(1) converts a double, through long double, for every connection.
    const Time oneNs = Time::FromInteger(1, Time::NS);
    NS_ABORT_MSG_IF(retransmitTimeout < oneNs,
                    "L2tpv3ControlChannel: RetransmitTimeout " << retransmitTimeout
                                                               << " is below 1 ns");
    NS_ABORT_MSG_IF(retransmitCap < oneNs,
                    "L2tpv3ControlChannel: RetransmitCap " << retransmitCap << " is below 1 ns");
    NS_ABORT_MSG_IF(ackDelay.IsStrictlyNegative(),
                    "L2tpv3ControlChannel: AckDelay " << ackDelay << " is negative");
    NS_ABORT_MSG_IF(receiveWindow < 1 || receiveWindow > MAX_WINDOW,
                    "L2tpv3ControlChannel: ReceiveWindowSize "
                        << receiveWindow << " is outside 1 to " << MAX_WINDOW);
    m_retransmitTimeout = retransmitTimeout;
    m_retransmitCap = retransmitCap;
    m_maxRetries = maxRetries;
    m_ackDelay = ackDelay;
    m_receiveWindow = receiveWindow;
    m_explicitAck = explicitAck;
}

uint16_t
L2tpv3ControlChannel::GetSendWindowCap() const
{
    return m_windowCap;
}

void
L2tpv3ControlChannel::Send(L2tpv3ControlMessage message)
{
    NS_LOG_FUNCTION(this << message);
    NS_ASSERT_MSG(!message.IsZlb() && message.GetMessageType() != L2tpv3MessageType::ACK,
                  "L2tpv3ControlChannel::Send: a ZLB or ACK takes no Ns; the channel sends them");
    if (m_closed)
    {
        NS_LOG_LOGIC("closed: " << message << " not sent");
        return;
    }
    m_queue.push_back(std::move(message));
    TrySend();
}

void
L2tpv3ControlChannel::TrySend()
{
    // §4.2: at most the peer's window unacknowledged; Appendix A: and CWND.
    std::size_t window = std::min<std::size_t>(m_cwnd.Get(), m_peerWindow);
    if (m_windowCap != 0)
    {
        window = std::min<std::size_t>(window, m_windowCap);
    }
    while (!m_closed && !m_queue.empty() && m_windows->inFlight.size() < window)
    {
        if (m_windows->inFlight.full())
        {
            m_windows->inFlight.set_capacity(
                std::min<std::size_t>(2 * m_windows->inFlight.capacity(), m_peerWindow));
        }
        InFlight entry{std::move(m_queue.front()), 0};
        m_queue.pop_front();
        // §4.2: Ns starts at 0 and takes the next value for every message but ACKs.
        entry.message.SetNs(m_nextNs++);
        m_windows->inFlight.push_back(std::move(entry));
        ++m_counters.txMessages;
        if (m_windows->inFlight.size() == 1)
        {
            // The timer covers the oldest unacknowledged message: this one.
            m_timeout = TimeoutAfter(0);
            StartRetransmitTimer();
        }
        Transmit(m_windows->inFlight.back().message, false);
    }
}

void
L2tpv3ControlChannel::Transmit(L2tpv3ControlMessage& message, bool retransmission)
{
    // §4.2: every message, retransmissions too, carries the current Nr.
    message.SetNr(m_expectedNs);
    message.SetControlConnectionId(m_peerConnectionId);
    NS_LOG_LOGIC((retransmission ? "resend " : "send ") << message);
    // The message carries our Nr: no acknowledgement is owed any more.
    m_ackOwed = false;
    m_unacknowledged = 0;
    m_ackEvent.Cancel();
    m_txTrace(message, retransmission);
    if (m_owner)
    {
        m_owner->Transmit(message);
    }
}

void
L2tpv3ControlChannel::Receive(const L2tpv3ControlMessage& message)
{
    NS_LOG_FUNCTION(this << message);
    if (m_closed)
    {
        // The peer died or the connection is cleared and its retransmission cycle over:
        // nothing is acknowledged or delivered any more, but the message is counted.
        ++m_counters.afterClose;
        m_dropTrace(message, L2tpv3ControlDropReason::CLOSED);
        return;
    }
    m_rxTrace(message);
    if (!ProcessNr(message.GetNr()))
    {
        // §4.2: Nr beyond the last Ns sent + 1: the message is clearly invalid.
        NS_LOG_WARN("invalid Nr " << message.GetNr() << " (next Ns " << m_nextNs << "): " << message
                                  << " dropped");
        ++m_counters.invalidNr;
        m_dropTrace(message, L2tpv3ControlDropReason::INVALID_NR);
        return;
    }
    // §4.2, §6.15: ZLBs and ACKs take no Ns; they only acknowledge.
    if (message.IsZlb() || message.GetMessageType() == L2tpv3MessageType::ACK)
    {
        ++m_counters.zlbReceived;
    }
    else
    {
        ReceiveSequenced(message);
    }
    TrySend();
}

bool
L2tpv3ControlChannel::ProcessNr(uint16_t nr)
{
    const uint16_t oldest =
        m_windows->inFlight.empty() ? m_nextNs : m_windows->inFlight.front().message.GetNs();
    if (L2tpv3SeqLess(m_nextNs, nr))
    {
        return false;
    }
    if (!L2tpv3SeqLess(oldest, nr))
    {
        return true; // acknowledges nothing new
    }
    // Cumulative: Nr acknowledges every message with Ns < Nr.
    while (!m_windows->inFlight.empty() &&
           L2tpv3SeqLess(m_windows->inFlight.front().message.GetNs(), nr))
    {
        NS_LOG_LOGIC("acked ns=" << m_windows->inFlight.front().message.GetNs());
        m_windows->inFlight.pop_front();
        ++m_counters.acked;
        OpenCongestionWindow();
    }
    // §4.2: the backoff starts again for the new oldest message.
    m_timeout = TimeoutAfter(0);
    if (m_windows->inFlight.empty())
    {
        m_retransmitEvent.Cancel();
    }
    else
    {
        StartRetransmitTimer();
    }
    return true;
}

void
L2tpv3ControlChannel::OpenCongestionWindow()
{
    // Appendix A, counted per acknowledged message (cumulative or not).
    const uint16_t cwnd = m_cwnd;
    if (cwnd < m_ssthresh)
    {
        m_cwnd = static_cast<uint16_t>(cwnd + 1); // slow start: +1 per ack
        m_caAcks = 0;
    }
    else if (++m_caAcks >= cwnd)
    {
        m_caAcks = 0; // congestion avoidance: +1 per CWND acks
        if (cwnd < m_peerWindow)
        {
            m_cwnd = static_cast<uint16_t>(cwnd + 1);
        }
    }
}

void
L2tpv3ControlChannel::ReceiveSequenced(const L2tpv3ControlMessage& message)
{
    const uint16_t ns = message.GetNs();
    // §4.2: a duplicate is the last received Ns or one of the 32767 before it.
    const uint16_t last = static_cast<uint16_t>(m_expectedNs - 1);
    if (ns == last || L2tpv3SeqLess(ns, last))
    {
        // §4.2: already delivered; the peer lost our ack: acknowledge now.
        NS_LOG_LOGIC("duplicate ns=" << ns << " (expected " << m_expectedNs << ")");
        ++m_counters.duplicates;
        m_dropTrace(message, L2tpv3ControlDropReason::DUPLICATE);
        SendAck();
        return;
    }
    const uint16_t distance = static_cast<uint16_t>(ns - m_expectedNs);
    if (distance >= m_receiveWindow)
    {
        // Beyond what we advertised (§5.4.3): drop it, tell the peer where we are.
        NS_LOG_LOGIC("out of window ns=" << ns << " (expected " << m_expectedNs << ")");
        ++m_counters.outOfWindow;
        m_dropTrace(message, L2tpv3ControlDropReason::OUT_OF_WINDOW);
        SendAck();
        return;
    }
    if (distance > 0)
    {
        // §4.2: queued for in-order delivery when the missing messages arrive.
        if (distance >= m_windows->held.size())
        {
            if (distance >= m_windows->held.capacity())
            {
                m_windows->held.set_capacity(std::min<std::size_t>(
                    std::max<std::size_t>(2 * m_windows->held.capacity(), distance + 1),
                    m_receiveWindow));
            }
            m_windows->held.resize(distance + 1);
        }
        if (m_windows->held[distance])
        {
            NS_LOG_LOGIC("duplicate of held ns=" << ns);
            ++m_counters.duplicates;
            m_dropTrace(message, L2tpv3ControlDropReason::DUPLICATE);
            return;
        }
        NS_LOG_LOGIC("hold ns=" << ns << " (expected " << m_expectedNs << ")");
        m_windows->held[distance] = message;
        ++m_counters.queuedOutOfOrder;
        return;
    }
    // The expected message (delivered as received, not copied), then every held one that
    // follows it (moved out of the buffer before it is delivered).
    const L2tpv3ControlMessage* delivered = &message;
    std::optional<L2tpv3ControlMessage> current;
    while (delivered && !m_closed)
    {
        if (!m_windows->held.empty())
        {
            m_windows->held.pop_front(); // slot 0: the message being delivered
        }
        // Nr advances before the upper level sees the message, so that a reply
        // sent while the owner handles it (Deliver) acknowledges it.
        ++m_expectedNs;
        m_ackOwed = true;
        ++m_unacknowledged;
        ++m_counters.rxMessages;
        std::optional<L2tpv3ControlMessage> next;
        if (!m_windows->held.empty() && m_windows->held.front())
        {
            next = std::move(m_windows->held.front());
            m_windows->held.front().reset();
        }
        NS_LOG_LOGIC("deliver " << *delivered);
        if (m_owner)
        {
            m_owner->Deliver(*delivered);
        }
        current = std::move(next);
        delivered = current ? &*current : nullptr;
    }
    ScheduleAck();
}

void
L2tpv3ControlChannel::ScheduleAck()
{
    // §4.2 forbids holding acknowledgements back as flow control: once half our window
    // waits for one, the peer may be stalled on its window, so the ZLB goes now.
    if (m_ackOwed && !m_closed && m_unacknowledged >= std::max<uint32_t>(1, m_receiveWindow / 2))
    {
        m_ackEvent.Cancel();
        SendAck();
        return;
    }
    if (m_ackOwed && !m_closed && m_ackEvent.IsExpired())
    {
        m_ackEvent = Simulator::Schedule(m_ackDelay, &L2tpv3ControlChannel::SendAck, this);
    }
}

void
L2tpv3ControlChannel::SendAck()
{
    if (m_closed)
    {
        return;
    }
    // §4.2: an ACK takes no slot in the sequence space: Ns is the next one to be used.
    L2tpv3ControlMessage ack =
        m_explicitAck ? L2tpv3ControlMessage(L2tpv3MessageType::ACK) : L2tpv3ControlMessage();
    ack.SetNs(m_nextNs);
    ++m_counters.zlbSent;
    Transmit(ack, false);
}

void
L2tpv3ControlChannel::StartRetransmitTimer()
{
    m_retransmitEvent.Cancel();
    m_retransmitEvent =
        Simulator::Schedule(m_timeout, &L2tpv3ControlChannel::RetransmitTimeout, this);
}

Time
L2tpv3ControlChannel::TimeoutAfter(uint32_t retransmissions) const
{
    // §4.2: exponential backoff, capped (the cap also bounds the first timeout).
    Time timeout = m_retransmitTimeout;
    for (uint32_t i = 0; i < retransmissions && timeout < m_retransmitCap; ++i)
    {
        timeout = timeout * 2;
    }
    return std::min(timeout, m_retransmitCap);
}

void
L2tpv3ControlChannel::RetransmitTimeout()
{
    NS_LOG_FUNCTION(this);
    NS_ASSERT(!m_windows->inFlight.empty());
    InFlight& oldest = m_windows->inFlight.front();
    if (oldest.retransmissions >= m_maxRetries)
    {
        // §4.2: no response after MaxRetries retransmissions: the peer is gone.
        NS_LOG_WARN("ns=" << oldest.message.GetNs() << " unacknowledged after "
                          << oldest.retransmissions << " retransmissions: giving up");
        ++m_counters.timeouts;
        Close();
        if (m_owner)
        {
            m_owner->PeerTimeout();
        }
        return;
    }
    // Appendix A: a retransmission halves SSTHRESH and restarts slow start.
    const uint16_t cwnd = m_cwnd;
    m_ssthresh = std::max<uint16_t>(1, cwnd / 2);
    m_cwnd = 1;
    m_caAcks = 0;
    // Only the oldest is resent: CWND is now 1, and the peer holds what came
    // after it (§4.2), so its next Nr says what is still missing.
    ++oldest.retransmissions;
    ++m_counters.retransmissions;
    m_timeout = TimeoutAfter(oldest.retransmissions);
    StartRetransmitTimer();
    m_retransmitTrace(oldest.message);
    Transmit(oldest.message, true);
}

bool
L2tpv3ControlChannel::IsIdle() const
{
    return m_windows->inFlight.empty() && m_queue.empty();
}

bool
L2tpv3ControlChannel::IsClosed() const
{
    return m_closed;
}

Time
L2tpv3ControlChannel::GetFullRetransmissionCycle() const
{
    Time total;
    for (uint32_t i = 0; i <= m_maxRetries; ++i)
    {
        total += TimeoutAfter(i);
    }
    return total;
}

void
L2tpv3ControlChannel::Close()
{
    NS_LOG_FUNCTION(this);
    m_closed = true;
    m_retransmitEvent.Cancel();
    m_ackEvent.Cancel();
    m_ackOwed = false;
    m_unacknowledged = 0;
    m_windows->inFlight.clear();
    m_queue.clear();
    m_windows->held.clear();
}

const L2tpv3ControlChannelCounters&
L2tpv3ControlChannel::GetCounters() const
{
    return m_counters;
}

uint16_t
L2tpv3ControlChannel::GetNextNs() const
{
    return m_nextNs;
}

uint16_t
L2tpv3ControlChannel::GetExpectedNs() const
{
    return m_expectedNs;
}

uint16_t
L2tpv3ControlChannel::GetCongestionWindow() const
{
    return m_cwnd;
}

uint16_t
L2tpv3ControlChannel::GetSlowStartThreshold() const
{
    return m_ssthresh;
}

std::size_t
L2tpv3ControlChannel::GetInFlight() const
{
    return m_windows->inFlight.size();
}

std::size_t
L2tpv3ControlChannel::GetQueued() const
{
    return m_queue.size();
}

} // namespace ns3
