/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// libFuzzer harness for the control plane's state machines, in process: per input, new
// L2tpv3ControlConnection and L2tpv3ControlSession objects driven through a fake owner
// (test/l2tpv3-fake-control-owner.h: no node, no LCCE, no sockets), so that an input costs
// microseconds, LeakSanitizer checks each input and a crash input replays alone.
//
// The harness is the owner: it routes each message as an LCCE would (Control Connection
// ID 0 and an SCCRQ: a tie with our own SCCRQ to that peer (§5.4.3) or a new responding
// connection; otherwise the connection with that ID), answers IncomingCall from a fixed
// pseudowire table, forgets a connection Finish() names after its delay, and refuses a
// losing SCCRQ from a short-lived connection (RejectSccrq). Every message is encoded with
// the codec, decoded again (Deserialize) and goes through the connection's reliable channel
// and both state machines; time is simulated (Simulator::Stop/Run), so acknowledgement,
// retransmission, HELLO and clean-up timers fire between operations.
//
// Input: byte 0 configures the owner, then operations until the input ends (a missing
// operand byte reads as 0):
//   byte 0: bit 0 authenticates (Nonce AVPs required), bit 1 HELLO every 10 s (else none),
//           bit 2 Receive Window 4 (else 16), bit 3 no tie breakers, bits 4-5 MaxRetries
//           1, 2, 3 or 5, bit 6 4-octet cookies, bit 7 sequencing asked for
//   operation byte o, kind o & 15, argument a = o >> 4:
//     0-5  a message built field by field from peer a & 3 (see Message()), encoded,
//          optionally damaged (lengths at 0, 1, maximum, one past the buffer), decoded, routed
//     6    a raw message from peer a & 3: 2-octet length, that many octets (decoded, routed)
//     7    timers: run the next a + 1 events (whatever they are)
//     8    timers: advance simulated time by kAdvance[a]
//     9    local open: a control connection to peer a & 3 (§7.2 local open)
//     10   local open of a session on connection a (§7.3.1), Remote End ID "vc2" or "vc3"
//     11   local close of session a (CDN Result Code 3)
//     12   close all: administrative close of every connection
//     13   circuit status: an SLI on session a >> 1, A bit a & 1 (established sessions only)
//     14   administrative close of connection a
//     15   run on until nothing is pending or 300 s have passed
//
// After each operation the invariants are checked (abort() on violation, so libFuzzer
// keeps the input): each session is established exactly when the owner was told its device
// is up; every message the harness handed in is accounted for (the counters' equation,
// below); a connection the owner forgets has no session up. At the end every connection is
// torn down (its channel closed, the objects freed) and the simulator runs on: an event left
// for a freed connection, channel or session is a use-after-free that AddressSanitizer
// reports; LeakSanitizer reports what the input leaked.
//
// The counters' equation, per message handed to the harness:
//   received = decode errors (per codec reason) + no such connection + tie restart (equal
//              tie breakers, §5.4.3) + connection gone (its channel closed: the peer died,
//              or a lingering connection's retransmissions ran out; the channel counts it
//              in afterClose, checked) + over the connection limit
//            + invalid Nr + duplicate + out of window (the channel's drops, §4.2)
//            + acknowledgements (ZLB/ACK: consumed by the channel)
//            + held out of order (delivered later, or discarded with the connection)
//            + delivered (handed in order to the §7.2/§7.3 state machines)
// Each message moves exactly one of these; one that moves none is a silent drop (abort).
//
// Environment: L2TP_FUZZ_FSM_SEEDS=DIR writes the seed corpus (scenarios reaching every
// reachable row of the §7.2 and §7.3 tables) and exits; at exit the binary prints its
// figures (inputs, timer expiries and messages delivered per 1,000 inputs, the equation's
// terms) and, with L2TP_FUZZ_FSM_ROWS=1, the table rows reached and the rows never reached
// with why. Built and run by utils/fuzz.

#include "../test/l2tpv3-fake-control-owner.h"

#include "ns3/global-value.h"
#include "ns3/heap-scheduler.h"
#include "ns3/ipv4-address.h"
#include "ns3/l2tpv3-avp.h"
#include "ns3/l2tpv3-control-channel.h"
#include "ns3/l2tpv3-control-connection.h"
#include "ns3/l2tpv3-control-message.h"
#include "ns3/l2tpv3-control-session.h"
#include "ns3/l2tpv3-fsm.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"
#include "ns3/simulator.h"
#include "ns3/string.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace ns3;

extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t maxSize);

namespace
{

using M = L2tpv3MessageType;
using A = L2tpv3AvpType;

/// How far the advance operation moves time.
const Time kAdvance[16] = {MilliSeconds(1),
                           MilliSeconds(50),
                           MilliSeconds(100),
                           MilliSeconds(500),
                           Seconds(1),
                           Seconds(2),
                           Seconds(4),
                           Seconds(8),
                           Seconds(10),
                           Seconds(16),
                           Seconds(30),
                           Seconds(60),
                           Seconds(90),
                           Seconds(120),
                           Seconds(200),
                           Seconds(400)};
/// Constant times, converted once (a Time from a double goes through long double
/// arithmetic: a few percent of an input's time when it was done per operation).
const Time kHello = Seconds(10);         //!< the HELLO interval with byte 0 bit 1
const Time kNoHello = Seconds(0);        //!< no HELLO
const Time kRunOn = Seconds(300);        //!< operation 15's time
const Time kNextEventMax = Seconds(400); //!< how long operation 7 waits for an event
const Time kFirstStep = MilliSeconds(1); //!< operation 7's first step

/**
 * The simulator's scheduler, one the harness can ask when the next event is due. A heap
 * (ns-3's HeapScheduler), not the default map: events run in the same order, by time then
 * by the order they were scheduled, whichever scheduler holds them, and a heap allocates
 * nothing per event. Knowing when the next event is due, operation 7 stops the simulator
 * once, at the step boundary its loop of growing steps would have reached, instead of once
 * per step (up to eleven stop events and runs for one operation).
 */
class PeekScheduler : public HeapScheduler
{
  public:
    /** \return the TypeId */
    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::L2tpFuzzPeekScheduler")
                                .SetParent<HeapScheduler>()
                                .SetGroupName("L2tp")
                                .AddConstructor<PeekScheduler>();
        return tid;
    }

    PeekScheduler()
    {
        s_current = this;
    }

    ~PeekScheduler() override
    {
        if (s_current == this)
        {
            s_current = nullptr;
        }
    }

    /// The simulator's scheduler now (null before the simulator exists).
    static PeekScheduler* s_current;
};

PeekScheduler* PeekScheduler::s_current = nullptr;
NS_OBJECT_ENSURE_REGISTERED(PeekScheduler);
const Time kRestart = Seconds(1e8); //!< start the simulator afresh after this

/// Message types a built message can have (the last: an unknown type with M set).
const uint16_t kTypes[] = {1, 2, 3, 4, 6, 10, 11, 12, 14, 16, 0, 20, 99, 5};
/// Number of kTypes.
constexpr std::size_t kTypeCount = sizeof(kTypes) / sizeof(kTypes[0]);
/// Connections the owner holds at most (a spoofed flood must not grow the harness).
constexpr std::size_t kMaxConnections = 8;
/// Operations per input at most (bounds an input's time).
constexpr std::size_t kMaxOperations = 256;

/// Why a message handed to the harness went where it went: the equation's terms.
enum Term : uint8_t
{
    T_DECODE,      //!< the codec refused it (the per-reason split is in decodeErrors)
    T_NO_CONN,     //!< no connection has that ID (or ID 0 and not an SCCRQ)
    T_TIE_RESTART, //!< equal tie breakers: discarded, we restart (§5.4.3)
    T_TIE_REFUSED, //!< lost tie, not acceptable: refused by the table row, no channel (§5.4.3)
    T_GONE,        //!< the connection's channel closed (peer dead, or its cycle ran out)
    T_LIMIT,       //!< an SCCRQ over kMaxConnections
    T_INVALID_NR,  //!< the channel: Nr acknowledges what was never sent
    T_DUPLICATE,   //!< the channel: Ns already delivered or held
    T_WINDOW,      //!< the channel: Ns beyond the receive window
    T_ACK,         //!< a ZLB or ACK: acknowledgement only
    T_HELD,        //!< held for in-order delivery
    T_DELIVERED,   //!< delivered in order to the state machines
    T_COUNT
};

/// The terms' names, as the figures print them.
const char* const kTermNames[T_COUNT] = {"decode error",
                                         "no such connection",
                                         "tie restart",
                                         "tie lost, refused",
                                         "connection gone",
                                         "connection limit",
                                         "invalid Nr",
                                         "duplicate",
                                         "out of window",
                                         "acknowledgement",
                                         "held out of order",
                                         "delivered"};

/// Figures over the process's life.
struct Figures
{
    uint64_t inputs{0};                                                           //!< inputs run
    uint64_t timers{0};                                                           //!< events run
    uint64_t received{0};                                                         //!< messages in
    std::array<uint64_t, T_COUNT> terms{};                                        //!< per term
    std::array<uint64_t, size_t(L2tpv3ControlDecodeError::COUNT)> decodeErrors{}; //!< per reason
    uint64_t deliveredFromHeld{0}; //!< held messages delivered later (channel rxMessages)
    uint64_t sent{0};              //!< messages our connections transmitted
};

Figures g_figures; //!< the figures

/// One (state, event) row pair and how often it fired.
struct RowCount
{
    L2tpv3FsmRowInfo info; //!< the pair
    int table{0};          //!< 0: §7.2, 1: §7.3.1, 2: §7.3.2
    uint64_t fired{0};     //!< how often
};

std::vector<RowCount> g_rows; //!< every pair of the three tables

/**
 * \param table a table
 * \param row a row index
 * \param state the state it fired in
 */
void
RowFired(const void* table, std::size_t row, int state)
{
    for (RowCount& r : g_rows)
    {
        if (r.info.table == table && r.info.row == row && r.info.state == state)
        {
            ++r.fired;
            return;
        }
    }
}

/// Register the tables' pairs and the observer (once).
void
WatchRows()
{
    if (!g_rows.empty())
    {
        return;
    }
    for (const auto& i : L2tpv3ControlConnection::DescribeTable())
    {
        g_rows.push_back({i, 0, 0});
    }
    for (const auto& i : L2tpv3ControlSession::DescribeTable(true))
    {
        g_rows.push_back({i, 1, 0});
    }
    for (const auto& i : L2tpv3ControlSession::DescribeTable(false))
    {
        g_rows.push_back({i, 2, 0});
    }
    L2tpv3FsmObserver::rowFired = &RowFired;
}

/**
 * \param what the invariant violated
 */
[[noreturn]] void
Violation(const std::string& what)
{
    std::fprintf(stderr, "fuzz-l2tp-fsm: invariant violated: %s\n", what.c_str());
    std::abort();
}

/// Reads operands from the input; 0 past its end.
class Reader
{
  public:
    /**
     * \param data the octets
     * \param size how many
     */
    Reader(const uint8_t* data, std::size_t size)
        : m_data(data),
          m_size(size)
    {
    }

    /** \return true when every octet was read */
    bool Done() const
    {
        return m_pos >= m_size;
    }

    /** \return the next octet (0 past the end) */
    uint8_t U8()
    {
        return m_pos < m_size ? m_data[m_pos++] : 0;
    }

    /** \return the next two octets, big-endian */
    uint16_t U16()
    {
        uint16_t hi = U8();
        return static_cast<uint16_t>(hi << 8 | U8());
    }

    /** \return the next four octets, big-endian */
    uint32_t U32()
    {
        uint32_t hi = U16();
        return hi << 16 | U16();
    }

    /**
     * \param n how many octets
     * \return up to \p n next octets
     */
    std::vector<uint8_t> Bytes(std::size_t n)
    {
        n = std::min(n, m_size - std::min(m_pos, m_size));
        std::vector<uint8_t> v(m_data + m_pos, m_data + m_pos + n);
        m_pos += n;
        return v;
    }

  private:
    const uint8_t* m_data; //!< the octets
    std::size_t m_size;    //!< how many
    std::size_t m_pos{0};  //!< the next to read
};

/**
 * Control messages written straight into octets, as L2tpv3ControlMessage::Serialize
 * writes them (RFC 3931 §3.2.1: the header with T, L, S and Ver 3; §5.1: each AVP's
 * M bit, Length, Vendor ID, Attribute Type and value). The harness builds a message per
 * operation only to put it on the wire: building an L2tpv3ControlMessage with its AVPs,
 * encoding it and freeing it was a sixth of its time per input. One buffer for all.
 */
class Wire
{
  public:
    /**
     * \brief Start a message: its header and, unless a ZLB (type 0), its Message Type AVP.
     * \param type the message type
     * \param ccid the Control Connection ID
     * \param ns Ns
     * \param nr Nr
     */
    void Begin(uint16_t type, uint32_t ccid, uint16_t ns, uint16_t nr)
    {
        m_octets.clear();
        Put16(L2tpv3ControlMessage::FLAGS_AND_VERSION);
        Put16(0); // the Length, set by End
        Put32(ccid);
        Put16(ns);
        Put16(nr);
        if (type != 0)
        {
            Uint16(A::MESSAGE_TYPE, type);
        }
    }

    /**
     * \brief An AVP's header; its value of \p size octets follows.
     * \param vendor the Vendor ID
     * \param type the Attribute Type
     * \param mandatory the M bit
     * \param size the value's octets
     */
    void Header(uint16_t vendor, uint16_t type, bool mandatory, std::size_t size)
    {
        std::size_t length = L2tpv3Avp::HEADER_SIZE + size;
        m_octets.push_back(uint8_t((mandatory ? 0x80 : 0) | ((length >> 8) & 3)));
        m_octets.push_back(uint8_t(length));
        Put16(vendor);
        Put16(type);
    }

    /** \param type an IETF type \param value its value \param mandatory the M bit */
    void Uint16(A type, uint16_t value, bool mandatory = true)
    {
        Header(0, uint16_t(type), mandatory, 2);
        Put16(value);
    }

    /** \param type an IETF type \param value its value \param mandatory the M bit */
    void Uint32(A type, uint32_t value, bool mandatory = true)
    {
        Header(0, uint16_t(type), mandatory, 4);
        Put32(value);
    }

    /** \param type an IETF type \param value its value */
    void Uint64(A type, uint64_t value)
    {
        Header(0, uint16_t(type), true, 8);
        Put32(uint32_t(value >> 32));
        Put32(uint32_t(value));
    }

    /** \param type an IETF type \param value its octets */
    void String(A type, const std::string& value)
    {
        Header(0, uint16_t(type), true, value.size());
        m_octets.insert(m_octets.end(), value.begin(), value.end());
    }

    /**
     * \param vendor the Vendor ID \param type the Attribute Type \param mandatory the M bit
     * \param value its octets
     */
    void Octets(uint16_t vendor, uint16_t type, bool mandatory, const std::vector<uint8_t>& value)
    {
        Header(vendor, type, mandatory, value.size());
        m_octets.insert(m_octets.end(), value.begin(), value.end());
    }

    /** \param type an IETF type \param size the value's octets, each \p fill \param fill it */
    void Filled(A type, std::size_t size, uint8_t fill)
    {
        Header(0, uint16_t(type), true, size);
        m_octets.insert(m_octets.end(), size, fill);
    }

    /** \param result a Result Code, with Error Code 0 and Error Message "fuzz" (§5.4.2) */
    void ResultCode(uint16_t result)
    {
        static const std::string message = "fuzz";
        Header(0, uint16_t(A::RESULT_CODE), true, 4 + message.size());
        Put16(result);
        Put16(0);
        m_octets.insert(m_octets.end(), message.begin(), message.end());
    }

    /** \return the message's octets, its Length set */
    std::vector<uint8_t>& End()
    {
        m_octets[2] = uint8_t(m_octets.size() >> 8);
        m_octets[3] = uint8_t(m_octets.size());
        return m_octets;
    }

  private:
    /** \param v a 16-bit value, in network order */
    void Put16(uint16_t v)
    {
        m_octets.push_back(uint8_t(v >> 8));
        m_octets.push_back(uint8_t(v));
    }

    /** \param v a 32-bit value, in network order */
    void Put32(uint32_t v)
    {
        Put16(uint16_t(v >> 16));
        Put16(uint16_t(v));
    }

    std::vector<uint8_t> m_octets; //!< the message being written
};

/// The channel counters the equation reads.
struct ChannelSum
{
    uint64_t invalidNr{0};  //!< invalid Nr
    uint64_t duplicates{0}; //!< duplicates
    uint64_t window{0};     //!< out of window
    uint64_t acks{0};       //!< ZLB/ACK received
    uint64_t held{0};       //!< held out of order
    uint64_t delivered{0};  //!< delivered in order
    uint64_t afterClose{0}; //!< received after the channel closed

    /** \param c a channel's counters, added */
    void Add(const L2tpv3ControlChannelCounters& c)
    {
        invalidNr += c.invalidNr;
        duplicates += c.duplicates;
        window += c.outOfWindow;
        acks += c.zlbReceived;
        held += c.queuedOutOfOrder;
        delivered += c.rxMessages;
        afterClose += c.afterClose;
    }
};

/// The harness: the connections' owner for one input.
class Harness : public l2tptest::FakeOwner
{
  public:
    /// A connection the owner holds.
    struct Conn
    {
        Ptr<L2tpv3ControlConnection> c; //!< the connection
        int peer{0};                    //!< which peer
        bool dead{false};               //!< its peer died: the channel is closed
        std::vector<EventId> forget;    //!< the Forget events scheduled by Finish
    };

    /// \param config byte 0 of the input
    explicit Harness(uint8_t config)
    {
        Record(false);
        m_config.hostName = "fuzz";
        m_config.routerId = 1;
        m_config.authenticates = config & 1;
        m_config.helloInterval = (config & 2) ? kHello : kNoHello;
        m_config.receiveWindow = (config & 4) ? 4 : 16;
        m_config.tieBreaker = !(config & 8);
        static const uint32_t retries[] = {1, 2, 3, 5};
        m_config.maxRetries = retries[(config >> 4) & 3];
        m_config.cookieLength = (config & 64) ? 4 : 0;
        m_config.sequencing = config & 128;
        // One random variable for the process (its construction applies attributes by
        // name: a tenth of an input's time), its stream reset per input: the same draws for
        // the same input, so that crash replay works.
        static Ptr<UniformRandomVariable> random = CreateObject<UniformRandomVariable>();
        m_random = random;
        m_random->SetStream(7);
    }

    ~Harness() override
    {
        TearDown();
    }

    /// The peers' addresses.
    static Ipv4Address Peer(int i)
    {
        return Ipv4Address(0x0a000002 + i);
    }

    /// Run one operation. \param in the input
    void Operate(Reader& in)
    {
        uint8_t o = in.U8();
        uint8_t a = o >> 4;
        switch (o & 15)
        {
        case 0:
        case 1:
        case 2:
        case 3:
        case 4:
        case 5:
            Message(a & 3, in);
            break;
        case 6: {
            uint16_t n = in.U16();
            std::vector<uint8_t> raw = in.Bytes(n);
            Decode(raw, a & 3, (a & 4) ? 0 : 1701);
            break;
        }
        case 7:
            for (int i = 0; i <= a; ++i)
            {
                NextEvent();
            }
            break;
        case 8:
            Advance(kAdvance[a]);
            break;
        case 9:
            LocalOpen(a & 3);
            break;
        case 10:
            OpenSession(a);
            break;
        case 11:
            if (Ptr<L2tpv3ControlSession> s = SessionAt(a))
            {
                s->Close(3);
            }
            break;
        case 12:
            for (Ptr<L2tpv3ControlConnection> c : Connections())
            {
                c->Handle(L2tpv3ConnectionEvent::ADMIN_CLOSE);
            }
            break;
        case 13:
            if (Ptr<L2tpv3ControlSession> s = SessionAt(a >> 1))
            {
                s->SendSli(a & 1);
            }
            break;
        case 14:
            if (Ptr<L2tpv3ControlConnection> c = ConnectionAt(a))
            {
                c->Handle(L2tpv3ConnectionEvent::ADMIN_CLOSE);
            }
            break;
        case 15:
            Advance(kRunOn);
            break;
        }
        Check();
    }

    /// Close every channel, free every object, run the simulator on (an event left for a
    /// freed object is a use-after-free).
    void TearDown()
    {
        for (auto& [id, k] : m_conns)
        {
            for (EventId& e : k.forget)
            {
                e.Cancel();
            }
            k.c->GetChannel()->Close();
        }
        AccountHeld();
        m_conns.clear();
        m_retired.clear();
        // Nothing of ours is left: only cancelled events may remain.
        Simulator::Run();
    }

    // --- the owner (L2tpv3ControlConnectionOwner) ---

    void Transmit(const L2tpv3ControlConnection& connection,
                  const L2tpv3ControlMessage& message,
                  bool retransmission) override
    {
        FakeOwner::Transmit(connection, message, retransmission);
        ++g_figures.sent;
    }

    L2tpv3CallOffer IncomingCall(const std::string& remoteEndId) override
    {
        // The pseudowire table: vc0 and vc1 offered, vc2 and vc3 ours to initiate.
        if (remoteEndId == "vc2" || remoteEndId == "vc3")
        {
            return L2tpv3CallOffer::INITIATED;
        }
        if (remoteEndId != "vc0" && remoteEndId != "vc1")
        {
            return L2tpv3CallOffer::NOT_OFFERED;
        }
        for (const auto& [id, k] : m_conns)
        {
            for (const auto& [sid, s] : k.c->GetSessions())
            {
                if (s->GetParameters().remoteEndId == remoteEndId)
                {
                    return L2tpv3CallOffer::IN_USE;
                }
            }
        }
        return L2tpv3CallOffer::OFFERED;
    }

    void Finish(const L2tpv3ControlConnection& connection, Time delay, bool peerDead) override
    {
        FakeOwner::Finish(connection, delay, peerDead);
        auto it = m_conns.find(connection.GetLocalId());
        if (it == m_conns.end())
        {
            return; // forgotten already
        }
        it->second.dead = it->second.dead || peerDead;
        it->second.forget.push_back(
            Simulator::Schedule(delay, &Harness::Forget, this, connection.GetLocalId()));
    }

    void RejectSccrq(const L2tpv3ControlConnection& winner,
                     const L2tpv3ControlMessage& sccrq,
                     uint16_t resultCode,
                     const L2tpv3ControlSource* source) override
    {
        FakeOwner::RejectSccrq(winner, sccrq, resultCode, source);
        // As an LCCE does: a short-lived connection acknowledges the SCCRQ and refuses it
        // with a StopCCN alone (§5.4.3), then lingers a retransmission cycle.
        uint32_t peerId = 0;
        sccrq.GetUint32(A::ASSIGNED_CONTROL_CONNECTION_ID, peerId);
        Ptr<L2tpv3ControlConnection> c = Add(m_conns[winner.GetLocalId()].peer);
        c->GetChannel()->SetPeerControlConnectionId(peerId);
        c->AcknowledgeOnly(sccrq);
        L2tpv3ControlMessage stop(M::STOPCCN);
        stop.Add(L2tpv3Avp::MakeUint32(A::ASSIGNED_CONTROL_CONNECTION_ID, c->GetLocalId()));
        stop.Add(L2tpv3Avp::MakeResultCode(resultCode, 0, "tie breaker lost"));
        c->Send(stop);
        Finish(*c, c->GetChannel()->GetFullRetransmissionCycle(), false);
    }

    /// \return a connection's tie breaker for the peer's SCCRQ to copy (0: none)
    /// \param peer the peer
    uint64_t TieBreakerFor(int peer) const
    {
        for (const auto& [id, k] : m_conns)
        {
            if (k.peer == peer && k.c->GetTieBreaker() != 0)
            {
                return k.c->GetTieBreaker();
            }
        }
        return 0;
    }

  private:
    /**
     * \param peer the peer
     * \return a new connection (registered)
     */
    Ptr<L2tpv3ControlConnection> Add(int peer)
    {
        uint32_t id = m_nextId++;
        Conn k;
        k.c = Create<L2tpv3ControlConnection>(this,
                                              m_config,
                                              m_random,
                                              id,
                                              Ipv4Address("10.0.0.1"),
                                              Peer(peer),
                                              1701);
        k.peer = peer;
        m_conns[id] = k;
        return k.c;
    }

    /// \param id a connection forgotten after Finish()'s delay
    void Forget(uint32_t id)
    {
        auto it = m_conns.find(id);
        if (it == m_conns.end())
        {
            return;
        }
        for (const auto& key : devicesUp)
        {
            if (key.first == PeekPointer(it->second.c))
            {
                Violation("connection " + std::to_string(id) + " forgotten with session " +
                          std::to_string(key.second) + "'s device up");
            }
        }
        // As the LCCE: the channel closed, the connection dropped (its counters kept).
        it->second.c->GetChannel()->Close();
        AddConnection(m_retiredSum, *it->second.c);
        m_retired.push_back(it->second.c->GetChannel());
        m_conns.erase(it);
    }

    /**
     * \param sum where to add
     * \param c a connection: its channel's counters and those of the channels it replaced
     *        (a tie's loser, a restart), which it keeps
     */
    static void AddConnection(ChannelSum& sum, L2tpv3ControlConnection& c)
    {
        sum.Add(c.GetChannel()->GetCounters());
        sum.Add(c.GetReplacedChannelCounters());
    }

    /// \return the channel counters summed over every channel of this input
    ChannelSum Total()
    {
        ChannelSum s = m_retiredSum;
        for (const auto& [id, k] : m_conns)
        {
            AddConnection(s, *k.c);
        }
        return s;
    }

    /// The equation's held term: messages held then delivered are counted as such.
    void AccountHeld()
    {
        ChannelSum s = Total();
        g_figures.deliveredFromHeld += s.delivered - m_deliveredOnArrival;
    }

    /**
     * \brief Hand a decoded message to its connection as an LCCE would, and account for it.
     * \param m the message
     * \param peer which peer sent it
     * \param port its UDP source port (0: over IP)
     */
    void Route(const L2tpv3ControlMessage& m, int peer, uint16_t port)
    {
        ++g_figures.received;
        ChannelSum before = Total();
        Term term = T_COUNT;
        uint32_t ccid = m.GetControlConnectionId();
        if (ccid == 0)
        {
            if (m.IsZlb() || m.GetMessageType() != M::SCCRQ)
            {
                ++g_figures.terms[T_NO_CONN];
                return;
            }
            // §5.4.3: an SCCRQ while ours to that peer is outstanding is a tie.
            for (auto& [id, k] : m_conns)
            {
                if (k.peer != peer || k.dead ||
                    k.c->GetState() != L2tpv3ConnectionState::WAIT_CTL_REPLY)
                {
                    continue;
                }
                int tie = k.c->ResolveTie(m, nullptr);
                if (tie == 3)
                {
                    ++g_figures.terms[T_TIE_RESTART];
                    return;
                }
                if (tie != 0)
                {
                    // 1: the loser acknowledged it in its new channel, or (not acceptable)
                    // refused it from the table row alone; 2: the refusal acknowledged it.
                    Account(before, m, tie == 1);
                    return;
                }
                break;
            }
            if (m_conns.size() >= kMaxConnections)
            {
                ++g_figures.terms[T_LIMIT];
                return;
            }
            Add(peer)->ReceiveFirstSccrq(m);
            Account(before, m);
            return;
        }
        auto it = m_conns.find(ccid);
        if (it == m_conns.end())
        {
            term = T_NO_CONN;
        }
        else if (it->second.dead || it->second.c->GetChannel()->IsClosed())
        {
            // Peer dead, or (idle, lingering) the StopCCN's retransmissions ran out: the
            // channel is closed until the owner forgets the connection.
            it->second.c->Receive(m, port);
            term = T_GONE;
            ChannelSum after = Total();
            if (after.delivered != before.delivered || after.acks != before.acks ||
                after.held != before.held)
            {
                Violation("a closed channel took a message");
            }
            if (after.afterClose != before.afterClose + 1)
            {
                Violation("a closed channel did not count a message (afterClose)");
            }
        }
        else
        {
            it->second.c->Receive(m, port);
            Account(before, m);
            return;
        }
        ++g_figures.terms[term];
    }

    /**
     * \brief Which channel counter a message moved: exactly one term, or a violation.
     * \param before the sums before it was handed in
     * \param m the message
     * \param lostTie an SCCRQ that won a tie against ours (§5.4.3): its "not acceptable"
     *        row refuses it without a channel taking it
     */
    void Account(const ChannelSum& before, const L2tpv3ControlMessage& m, bool lostTie = false)
    {
        ChannelSum after = Total();
        uint64_t moved[] = {after.invalidNr - before.invalidNr,
                            after.duplicates - before.duplicates,
                            after.window - before.window,
                            after.acks - before.acks,
                            after.held - before.held};
        const Term terms[] = {T_INVALID_NR, T_DUPLICATE, T_WINDOW, T_ACK, T_HELD};
        uint64_t delivered = after.delivered - before.delivered;
        uint64_t total = 0;
        Term term = T_DELIVERED;
        for (int i = 0; i < 5; ++i)
        {
            total += moved[i];
            if (moved[i] != 0)
            {
                term = terms[i];
            }
        }
        if (lostTie && total == 0 && delivered == 0)
        {
            ++g_figures.terms[T_TIE_REFUSED];
            return;
        }
        // Delivered: the message itself, then any held messages it released.
        if (!(total == 1 && delivered == 0) && !(total == 0 && delivered >= 1))
        {
            std::ostringstream os;
            os << "message " << m << " accounted " << total << " times by drops and " << delivered
               << " deliveries: the equation does not hold";
            Violation(os.str());
        }
        if (term == T_DELIVERED)
        {
            ++m_deliveredOnArrival;
        }
        ++g_figures.terms[term];
    }

    /**
     * \brief Decode octets and route the message (a decode error counted per reason).
     * \param octets the message, control header first
     * \param peer the peer
     * \param port its UDP source port (0: over IP)
     */
    void Decode(const std::vector<uint8_t>& octets, int peer, uint16_t port)
    {
        L2tpv3ControlMessage m;
        L2tpv3ControlDecodeError e =
            L2tpv3ControlMessage::Deserialize(octets.data(), octets.size(), m);
        if (e != L2tpv3ControlDecodeError::NONE)
        {
            ++g_figures.received;
            ++g_figures.terms[T_DECODE];
            ++g_figures.decodeErrors[std::size_t(e) % g_figures.decodeErrors.size()];
            return;
        }
        Route(m, peer, port);
    }

    /**
     * \brief Build a message from the input's fields, encode, damage, decode, route.
     * \param peer the peer
     * \param in the input
     *
     * Fields: t (type: kTypes[t % 14]; bit 7: Local Session ID from the input), c (Control
     * Connection ID: 0-1 the newest connection to the peer (else 0), 2 zero, 3 any, 4+
     * connection c - 4), n (Ns/Nr: bits 0-1 in order, ahead by bits 2-4, 16-bit values
     * from the input, one behind; bit 5 UDP port 1702, bit 6 over IP), v (bits 0-6 drop the
     * standard AVP of that index; bit 7 add extra AVPs, count from the next octet), s
     * (which of the connection's sessions the session IDs name; bits 5-7 the tie breaker:
     * ours - 1, ours, ours + 1, from the input, none), r (a Result Code or Circuit Status),
     * d (damage: 0 none, 1-4 Length 0, 1, 65535, one past the buffer, 5 truncated, 6 an
     * AVP length 0/1/max, 7 a flipped octet).
     */
    void Message(int peer, Reader& in)
    {
        uint8_t t = in.U8();
        uint8_t c = in.U8();
        uint8_t n = in.U8();
        uint8_t v = in.U8();
        uint8_t s = in.U8();
        uint8_t r = in.U8();
        uint8_t d = in.U8();
        uint16_t type = kTypes[(t & 127) % kTypeCount];
        Conn* target = nullptr;
        if (c < 2)
        {
            for (auto& [id, k] : m_conns)
            {
                if (k.peer == peer)
                {
                    target = &k;
                }
            }
        }
        else if (c >= 4)
        {
            Ptr<L2tpv3ControlConnection> k = ConnectionAt(c - 4);
            target = k ? &m_conns[k->GetLocalId()] : nullptr;
        }
        uint32_t ccid = target ? target->c->GetLocalId() : 0;
        if (c == 2)
        {
            ccid = 0;
        }
        else if (c == 3)
        {
            ccid = in.U32();
        }
        uint16_t ns = 0;
        uint16_t nr = 0;
        if (target)
        {
            ns = target->c->GetChannel()->GetExpectedNs();
            nr = target->c->GetChannel()->GetNextNs();
        }
        switch (n & 3)
        {
        case 1:
            ns = static_cast<uint16_t>(ns + ((n >> 2) & 7) + 1);
            break;
        case 2:
            ns = in.U16();
            nr = in.U16();
            break;
        case 3:
            ns = static_cast<uint16_t>(ns - 1);
            break;
        }
        uint16_t port = (n & 64) ? 0 : ((n & 32) ? 1702 : 1701);

        // The peer's session (for session messages) and ours they name.
        Ptr<L2tpv3ControlSession> ours;
        if (target && !target->c->GetSessions().empty())
        {
            const auto& sessions = target->c->GetSessions();
            auto it = sessions.begin();
            std::advance(it, (s & 31) % sessions.size());
            ours = it->second;
        }
        uint32_t oursId = ours ? ours->GetParameters().localSessionId : 0;
        uint32_t theirsId = ours && ours->GetParameters().remoteSessionId
                                ? ours->GetParameters().remoteSessionId
                                : 0x500 + (s & 31);
        if (t & 128)
        {
            theirsId = in.U32();
        }
        uint64_t tie = 0;
        bool hasTie = true;
        uint64_t mine = type == 10 && ours ? ours->GetParameters().tieBreaker : TieBreakerFor(peer);
        switch (s >> 5)
        {
        case 0:
            tie = mine - 1;
            break;
        case 1:
            tie = mine;
            break;
        case 2:
            tie = mine + 1;
            break;
        case 3:
            tie = (uint64_t(in.U32()) << 32) | in.U32();
            break;
        default:
            hasTie = false;
        }
        // The standard AVPs in order, each written unless its bit in v (0-6) drops it.
        Wire& w = m_wire;
        w.Begin(type, ccid, ns, nr);
        std::size_t avpIndex = 0;
        auto keep = [&avpIndex, v]() {
            bool kept = avpIndex >= 7 || !(v & (1u << avpIndex));
            ++avpIndex;
            return kept;
        };
        switch (type)
        {
        case 1:
        case 2:
            if (keep())
            {
                w.String(A::HOST_NAME, "peer" + std::to_string(peer));
            }
            if (keep())
            {
                w.Uint32(A::ROUTER_ID, 100 + peer);
            }
            if (keep())
            {
                w.Uint32(A::ASSIGNED_CONTROL_CONNECTION_ID, 0x1000 + peer * 16 + (r & 15));
            }
            if (keep())
            {
                w.Uint16(A::PSEUDOWIRE_CAPABILITIES_LIST, (r & 16) ? 7 : 5);
            }
            if (keep())
            {
                w.Uint16(A::RECEIVE_WINDOW_SIZE, (r >> 5) + 1);
            }
            if (keep())
            {
                w.Filled(A::CONTROL_MESSAGE_AUTH_NONCE, 16, uint8_t(peer));
            }
            if (type == 1 && hasTie && keep())
            {
                w.Uint64(A::CONTROL_CONNECTION_TIE_BREAKER, tie);
            }
            break;
        case 4:
            if (keep())
            {
                w.Uint32(A::ASSIGNED_CONTROL_CONNECTION_ID,
                         target ? target->c->GetPeerId() : 0x1000);
            }
            if (keep())
            {
                w.ResultCode(r % 8);
            }
            break;
        case 10:
            if (keep())
            {
                w.Uint32(A::LOCAL_SESSION_ID, theirsId);
            }
            // r bit 6: an ICRQ naming a session of ours (an error in every state, §7.3)
            if (keep())
            {
                w.Uint32(A::REMOTE_SESSION_ID, (r & 64) ? oursId : 0);
            }
            if (keep())
            {
                w.Uint32(A::SERIAL_NUMBER, r, false);
            }
            if (keep())
            {
                w.Uint16(A::PSEUDOWIRE_TYPE, (r & 16) ? 7 : 5);
            }
            if (keep())
            {
                w.String(A::REMOTE_END_ID, "vc" + std::to_string(r & 3));
            }
            if (keep())
            {
                w.Uint16(A::CIRCUIT_STATUS, 3);
            }
            if (hasTie && keep())
            {
                w.Uint64(A::CONTROL_CONNECTION_TIE_BREAKER, tie);
            }
            break;
        case 11:
        case 12:
            if (keep())
            {
                w.Uint32(A::LOCAL_SESSION_ID, theirsId);
            }
            if (keep())
            {
                w.Uint32(A::REMOTE_SESSION_ID, oursId);
            }
            if (keep())
            {
                w.Uint16(A::CIRCUIT_STATUS, 3);
            }
            if ((r & 32) && keep())
            {
                w.Filled(A::ASSIGNED_COOKIE, (r & 64) ? 8 : 4, 0xc0);
            }
            break;
        case 14:
            if (keep())
            {
                w.ResultCode(r % 16);
            }
            if (keep())
            {
                w.Uint32(A::LOCAL_SESSION_ID, theirsId);
            }
            if (keep())
            {
                w.Uint32(A::REMOTE_SESSION_ID, oursId);
            }
            break;
        case 16:
            if (keep())
            {
                w.Uint32(A::LOCAL_SESSION_ID, theirsId);
            }
            if (keep())
            {
                w.Uint32(A::REMOTE_SESSION_ID, oursId);
            }
            if (keep())
            {
                w.Uint16(A::CIRCUIT_STATUS, r & 1);
            }
            break;
        default:
            break;
        }
        if (v & 128)
        {
            uint8_t extra = in.U8() & 3;
            for (uint8_t i = 0; i < extra; ++i)
            {
                uint8_t at = in.U8();
                uint8_t len = in.U8();
                // bit 7: mandatory; 0-79 an IETF type, above a vendor's
                uint16_t avpType = at & 127;
                w.Octets(avpType < 80 ? L2tpv3Avp::IETF_VENDOR_ID : 9,
                         avpType,
                         at & 128,
                         in.Bytes(len % 24));
            }
        }
        std::vector<uint8_t>& octets = w.End();
        Damage(octets, d, in);
        Decode(octets, peer, port);
    }

    /**
     * \brief Damage an encoded message: the 16-bit lengths at their bounds.
     * \param o the octets
     * \param d what to do
     * \param in the input (for operands)
     */
    static void Damage(std::vector<uint8_t>& o, uint8_t d, Reader& in)
    {
        auto setLength = [&o](std::size_t at, uint16_t value) {
            if (at + 1 < o.size())
            {
                o[at] = uint8_t(value >> 8);
                o[at + 1] = uint8_t(value);
            }
        };
        switch (d & 7)
        {
        case 1:
            setLength(2, 0);
            break;
        case 2:
            setLength(2, 1);
            break;
        case 3:
            setLength(2, 0xffff);
            break;
        case 4:
            setLength(2, uint16_t(o.size() + 1));
            break;
        case 5:
            o.resize(std::min<std::size_t>(o.size(), d >> 3));
            break;
        case 6: {
            // An AVP's Length (10 bits after M and H) at 0, 1, its maximum or one past the end.
            std::size_t at = 12;
            for (uint8_t skip = (d >> 3) & 7; skip > 0 && at + 6 <= o.size(); --skip)
            {
                std::size_t len = ((o[at] & 3) << 8) | o[at + 1];
                at += std::max<std::size_t>(len, 6);
            }
            if (at + 1 < o.size())
            {
                static const uint16_t lengths[] = {0, 1, 0x3ff, 0};
                uint16_t len = lengths[d >> 6];
                if (d >> 6 == 3)
                {
                    len = uint16_t(o.size() - at + 1);
                }
                o[at] = uint8_t((o[at] & 0xfc) | ((len >> 8) & 3));
                o[at + 1] = uint8_t(len);
            }
            break;
        }
        case 7: {
            uint8_t where = in.U8();
            if (!o.empty())
            {
                o[where % o.size()] ^= uint8_t(1u << (d >> 5));
            }
            break;
        }
        default:
            break;
        }
    }

    /// Run the next event (timers), stepping time until one runs or 400 s pass.
    void NextEvent()
    {
        // Steps of 1 ms, 4 ms, 16 ms, ... until one runs an event (a cancelled one counts)
        // or 400 s have been waited: the time stops at the end of the step that reaches the
        // next event. Found from the scheduler and run to at once: the same events run, the
        // same time reached.
        Time next = Time::Max();
        if (PeekScheduler::s_current && !PeekScheduler::s_current->IsEmpty())
        {
            next = TimeStep(PeekScheduler::s_current->PeekNext().key.m_ts) - Simulator::Now();
        }
        Time step = kFirstStep;
        Time waited;
        while (waited < kNextEventMax)
        {
            waited += step;
            if (waited >= next)
            {
                break;
            }
            step = NanoSeconds(step.GetNanoSeconds() * 4);
        }
        RunFor(waited);
    }

    /// \param d how far to advance time
    void Advance(Time d)
    {
        RunFor(d);
    }

    /**
     * \param d how long
     * \return events run (timers, Forget), the stop event not counted
     */
    uint64_t RunFor(Time d)
    {
        uint64_t before = Simulator::GetEventCount();
        Simulator::Stop(d);
        Simulator::Run();
        uint64_t ran = Simulator::GetEventCount() - before - 1;
        g_figures.timers += ran;
        return ran;
    }

    /// \param peer a peer: our SCCRQ to it (§7.2 local open)
    void LocalOpen(int peer)
    {
        if (m_conns.size() >= kMaxConnections)
        {
            return;
        }
        Add(peer)->Handle(L2tpv3ConnectionEvent::LOCAL_OPEN);
    }

    /// \param index a connection: a session of ours on it (§7.3.1 local open)
    void OpenSession(uint8_t index)
    {
        Ptr<L2tpv3ControlConnection> c = ConnectionAt(index);
        // As an LCCE: sessions only on connections that are up or coming up.
        if (!c || c->GetState() == L2tpv3ConnectionState::IDLE || m_conns[c->GetLocalId()].dead)
        {
            return;
        }
        L2tpv3SessionParameters p;
        p.localSessionId = AllocateSessionId();
        p.localCookie = L2tpv3DrawCookie(m_random, m_config.cookieLength);
        p.remoteEndId = (index & 8) ? "vc3" : "vc2";
        p.sublayer = m_config.sublayer;
        p.requireSequence = m_config.sequencing;
        p.tieBreaker = m_config.tieBreaker ? L2tpv3DrawTieBreaker(m_random) : 0;
        c->OpenSession(p);
    }

    /// \return the connections, in ID order
    std::vector<Ptr<L2tpv3ControlConnection>> Connections() const
    {
        std::vector<Ptr<L2tpv3ControlConnection>> v;
        for (const auto& [id, k] : m_conns)
        {
            v.push_back(k.c);
        }
        return v;
    }

    /// \param index any number \return the connection it picks, or nullptr
    Ptr<L2tpv3ControlConnection> ConnectionAt(std::size_t index) const
    {
        if (m_conns.empty())
        {
            return nullptr;
        }
        auto it = m_conns.begin();
        std::advance(it, index % m_conns.size());
        return it->second.c;
    }

    /// \param index any number \return the session it picks (over every connection)
    Ptr<L2tpv3ControlSession> SessionAt(std::size_t index) const
    {
        std::vector<Ptr<L2tpv3ControlSession>> all;
        for (const auto& [id, k] : m_conns)
        {
            for (const auto& [sid, s] : k.c->GetSessions())
            {
                all.push_back(s);
            }
        }
        return all.empty() ? nullptr : all[index % all.size()];
    }

    /// The invariants after each operation.
    void Check()
    {
        std::size_t established = 0;
        for (const auto& [id, k] : m_conns)
        {
            for (const auto& [sid, s] : k.c->GetSessions())
            {
                bool up = s->GetState() == L2tpv3SessionState::ESTABLISHED;
                bool device = devicesUp.count({PeekPointer(k.c), sid}) != 0;
                if (up != device)
                {
                    Violation("session " + std::to_string(sid) + " is " +
                              L2tpv3SessionStateName(s->GetState()) + " but its device is " +
                              (device ? "up" : "down"));
                }
                if (s->GetState() == L2tpv3SessionState::IDLE)
                {
                    Violation("session " + std::to_string(sid) + " idle but still held");
                }
                established += up ? 1 : 0;
            }
        }
        if (established != devicesUp.size())
        {
            Violation(std::to_string(devicesUp.size()) + " devices up for " +
                      std::to_string(established) + " established sessions");
        }
    }

    L2tpv3ControlConfig m_config;        //!< the connections' configuration
    Ptr<UniformRandomVariable> m_random; //!< their random stream
    std::map<uint32_t, Conn> m_conns;    //!< by local Control Connection ID
    uint32_t m_nextId{1};                //!< the next local ID
    Wire m_wire;                         //!< the octets of the message being sent to us
    ChannelSum m_retiredSum;             //!< counters of the channels of connections forgotten
    /// Channels of connections forgotten, freed at the end of the input (as the LCCE
    /// frees them later: a timer of the channel may still be on the stack)
    std::vector<Ptr<L2tpv3ControlChannel>> m_retired;
    uint64_t m_deliveredOnArrival{0}; //!< the equation's delivered term
};

/// Print the raw counts (utils/fuzz sums each job's last line).
void
PrintCounts()
{
    const Figures& f = g_figures;
    std::fprintf(stderr,
                 "fsm-counts: inputs %llu timers %llu received %llu delivered %llu sent %llu\n",
                 (unsigned long long)f.inputs,
                 (unsigned long long)f.timers,
                 (unsigned long long)f.received,
                 (unsigned long long)(f.terms[T_DELIVERED] + f.deliveredFromHeld),
                 (unsigned long long)f.sent);
}

/// Print the figures at exit (and the rows, with L2TP_FUZZ_FSM_ROWS set).
void
PrintFigures()
{
    if (g_figures.inputs == 0)
    {
        return;
    }
    const Figures& f = g_figures;
    double k = 1000.0 / double(f.inputs);
    PrintCounts();
    std::fprintf(stderr,
                 "fsm-figures: inputs %llu, per 1000 inputs: timer expiries %.0f, messages "
                 "received %.0f, delivered %.0f, sent %.0f\n",
                 (unsigned long long)f.inputs,
                 double(f.timers) * k,
                 double(f.received) * k,
                 double(f.terms[T_DELIVERED] + f.deliveredFromHeld) * k,
                 double(f.sent) * k);
    uint64_t sum = 0;
    std::string terms;
    for (int i = 0; i < T_COUNT; ++i)
    {
        sum += f.terms[i];
        terms += std::string(i ? " + " : "") + kTermNames[i] + " " + std::to_string(f.terms[i]);
    }
    std::fprintf(stderr,
                 "fsm-equation: received %llu = %s (%s); held later delivered %llu\n",
                 (unsigned long long)f.received,
                 terms.c_str(),
                 sum == f.received ? "holds" : "DOES NOT HOLD",
                 (unsigned long long)f.deliveredFromHeld);
    if (!std::getenv("L2TP_FUZZ_FSM_ROWS"))
    {
        return;
    }
    static const char* const tables[] = {"7.2", "7.3.1", "7.3.2"};
    static const char* const connectionStates[] = {"idle",
                                                   "wait-ctl-reply",
                                                   "wait-ctl-conn",
                                                   "established"};
    static const char* const sessionStates[] = {"idle",
                                                "wait-control-conn",
                                                "wait-reply",
                                                "wait-connect",
                                                "established"};
    static const char* const connectionEvents[] = {"local open",
                                                   "SCCRQ acceptable",
                                                   "SCCRQ not acceptable",
                                                   "SCCRQ lose tie, acceptable",
                                                   "SCCRQ lose tie, not acceptable",
                                                   "SCCRQ win tie",
                                                   "SCCRQ equal tie",
                                                   "SCCRP acceptable",
                                                   "SCCRP not acceptable",
                                                   "SCCCN acceptable",
                                                   "SCCCN not acceptable",
                                                   "SCCRQ",
                                                   "SCCRP",
                                                   "SCCCN",
                                                   "StopCCN",
                                                   "HELLO",
                                                   "malformed",
                                                   "invalid (AVP error)",
                                                   "admin close",
                                                   "peer timeout"};
    static const char* const sessionEvents[] = {"local open",
                                                "control-conn-open",
                                                "ICRQ acceptable",
                                                "ICRQ not acceptable",
                                                "ICRP acceptable",
                                                "ICRP not acceptable",
                                                "ICCN acceptable",
                                                "ICCN not acceptable",
                                                "ICRQ lose tie",
                                                "ICRQ win tie",
                                                "ICRQ",
                                                "ICRP",
                                                "ICCN",
                                                "CDN",
                                                "local close",
                                                "connection down",
                                                "malformed"};

    // Why a row cannot fire (from the code, not from a run): table, state, event, why.
    struct Unreachable
    {
        int table;
        int state;
        int event;
        const char* why;
    };

    const char* idleSender =
        "a sender session is idle only inside OpenSession, before its local open, and is "
        "forgotten the moment it returns to idle (SessionEntered): no message can reach it; a "
        "CDN naming a forgotten session is counted as unknown_session";
    const char* idleRecipient =
        "a recipient session is created for an ICRQ and, while idle, handed only that ICRQ "
        "(an ICRQ with an AVP error takes the not-acceptable row, Refuse); it is forgotten "
        "when it returns to idle, so no later message reaches it";
    using CE = L2tpv3ConnectionEvent;
    using SE = L2tpv3SessionEvent;
    using CS = L2tpv3ConnectionState;
    using SS = L2tpv3SessionState;
    const Unreachable unreachable[] = {
        {0,
         int(CS::WAIT_CTL_CONN),
         int(CE::RX_SCCCN_NOT_ACCEPTABLE),
         "an SCCCN carries no AVP the connection reads: Deliver raises SCCCN acceptable in "
         "wait-ctl-conn; an SCCCN with an AVP error takes the invalid row (§5.2)"},
        {1, int(SS::IDLE), int(SE::RX_ICCN), idleSender},
        {1, int(SS::IDLE), int(SE::RX_ICRP), idleSender},
        {1, int(SS::IDLE), int(SE::RX_CDN), idleSender},
        {1, int(SS::IDLE), int(SE::RX_MALFORMED), idleSender},
        {1,
         int(SS::WAIT_CONTROL_CONN),
         int(SE::RX_MALFORMED),
         "session messages reach sessions only on an established connection "
         "(DeliverToSession), and establishing moves every session waiting for the "
         "connection to wait-reply at once (control-conn-open)"},
        {2, int(SS::IDLE), int(SE::RX_ICRP), idleRecipient},
        {2, int(SS::IDLE), int(SE::RX_ICCN), idleRecipient},
        {2, int(SS::IDLE), int(SE::RX_CDN), idleRecipient},
        {2, int(SS::IDLE), int(SE::RX_MALFORMED), idleRecipient},
        {2,
         int(SS::WAIT_CONNECT),
         int(SE::RX_ICCN_NOT_ACCEPTABLE),
         "an ICCN is not checked beyond its AVPs: Receive raises ICCN acceptable in "
         "wait-connect; an ICCN with an AVP error takes the malformed row (§5.2)"},
    };
    std::size_t reached = 0;
    for (const RowCount& r : g_rows)
    {
        reached += r.fired ? 1 : 0;
    }
    std::fprintf(stderr,
                 "rows reached %zu/%zu (%zu unreachable by construction)\n",
                 reached,
                 g_rows.size(),
                 sizeof(unreachable) / sizeof(unreachable[0]));
    for (const RowCount& r : g_rows)
    {
        bool connection = r.table == 0;
        std::string why;
        if (!r.fired)
        {
            why = ": reachable, but no input reached it";
            for (const Unreachable& u : unreachable)
            {
                if (u.table == r.table && u.state == r.info.state && u.event == r.info.event)
                {
                    why = std::string(": unreachable: ") + u.why;
                }
            }
        }
        std::fprintf(stderr,
                     "row §%s %-18s %-32s %s %llu%s\n",
                     tables[r.table],
                     connection ? connectionStates[r.info.state] : sessionStates[r.info.state],
                     connection ? connectionEvents[r.info.event] : sessionEvents[r.info.event],
                     r.fired ? "reached" : "NOT REACHED",
                     (unsigned long long)r.fired,
                     why.c_str());
    }
}

/// Writes the seed corpus: scenarios, each an input in the operation format.
class SeedWriter
{
  public:
    /// \param dir the directory
    explicit SeedWriter(std::string dir)
        : m_dir(std::move(dir))
    {
    }

    /// Start a seed. \param name its file name \param config byte 0
    SeedWriter& Begin(const std::string& name, uint8_t config = 0)
    {
        m_name = name;
        m_bytes.assign(1, config);
        return *this;
    }

    /**
     * \brief A built message (operation 0): the fields of Harness::Message.
     * \return this
     */
    SeedWriter& Msg(int peer,
                    uint8_t t,
                    uint8_t c = 0,
                    uint8_t n = 0,
                    uint8_t v = 0,
                    uint8_t s = 0x80,
                    uint8_t r = 0,
                    uint8_t d = 0,
                    std::vector<uint8_t> extra = {})
    {
        m_bytes.insert(m_bytes.end(), {uint8_t(peer << 4), t, c, n, v, s, r, d});
        m_bytes.insert(m_bytes.end(), extra.begin(), extra.end());
        return *this;
    }

    /// \param kind an operation \param a its argument \return this
    SeedWriter& Op(uint8_t kind, uint8_t a = 0)
    {
        m_bytes.push_back(uint8_t(a << 4 | kind));
        return *this;
    }

    /// Write the seed.
    void End()
    {
        std::ofstream(m_dir + "/" + m_name, std::ios::binary)
            .write(reinterpret_cast<const char*>(m_bytes.data()), m_bytes.size());
    }

  private:
    std::string m_dir;            //!< the directory
    std::string m_name;           //!< the seed's name
    std::vector<uint8_t> m_bytes; //!< its octets
};

// Type indices into kTypes.
constexpr uint8_t SCCRQ = 0, SCCRP = 1, SCCCN = 2, STOPCCN = 3, HELLO = 4, ICRQ = 5, ICRP = 6,
                  ICCN = 7, CDN = 8, SLI = 9, ZLB = 10, ACK = 11, UNKNOWN_M = 12;
// Operation kinds.
constexpr uint8_t TIMERS = 7, ADVANCE = 8, OPEN = 9, OPEN_SESSION = 10, CLOSE_SESSION = 11,
                  CLOSE_ALL = 12, SLI_OP = 13, CLOSE = 14, RUN_ON = 15;
/// The tie breaker field: ours - 1, ours, ours + 1 (with session index 0), none.
constexpr uint8_t TIE_BELOW = 0x00, TIE_EQUAL = 0x20, TIE_ABOVE = 0x40, NO_TIE = 0x80;
/// Drop the standard AVP at index 3 (the capabilities list of an SCCRQ/SCCRP).
constexpr uint8_t NO_CAPS = 1 << 3;
/// Drop the Local Session ID of an ICRQ/ICRP (index 0).
constexpr uint8_t NO_LOCAL_SID = 1;

/// \param dir where: writes the seeds
void
WriteSeeds(const std::string& dir)
{
    SeedWriter w(dir);
    // Responder: SCCRQ, SCCCN, ICRQ (vc0), ICCN, SLI, CDN, HELLO, StopCCN; timers between.
    w.Begin("responder")
        .Msg(0, SCCRQ, 2, 0, 0x20, NO_TIE)
        .Msg(0, SCCCN)
        .Op(ADVANCE, 2)
        .Msg(0, ICRQ, 0, 0, 0, NO_TIE, 0)
        .Msg(0, ICCN)
        .Msg(0, SLI)
        .Op(SLI_OP, 0)
        .Msg(0, HELLO)
        .Msg(0, CDN, 0, 0, 0, 0x80, 3)
        .Msg(0, ICRQ, 0, 0, 0, NO_TIE, 1)
        .Msg(0, ICCN)
        .Msg(0, ZLB)
        .Msg(0, STOPCCN, 0, 0, 0, 0x80, 1)
        .Op(RUN_ON)
        .End();
    // Initiator: local open, SCCRP, a session (ICRQ, ICRP, ICCN), HELLO timer, close all.
    w.Begin("initiator", 2)
        .Op(OPEN, 1)
        .Op(OPEN_SESSION, 0)
        .Msg(1, SCCRP, 0, 0, 0x20)
        .Msg(1, ICRP, 0, 0, 0, 0x80)
        .Op(TIMERS, 3)
        .Op(ADVANCE, 11)
        .Msg(1, ZLB)
        .Op(CLOSE_SESSION, 0)
        .Op(OPEN_SESSION, 0)
        .Op(CLOSE_ALL)
        .Op(RUN_ON)
        .End();
    // Refusals in idle: an SCCRQ without capabilities; one with an unknown M AVP (invalid).
    w.Begin("idle-refusals")
        .Msg(0, SCCRQ, 2, 0, NO_CAPS, NO_TIE)
        .Msg(1, SCCRQ, 2, 0, 0x80 | 0x20, NO_TIE, 0, 0, {1, 0x80 | 77, 2, 0, 0})
        .Msg(2, SCCRQ, 2, 0, 0x20, NO_TIE)
        .Msg(2, STOPCCN)
        // idle (lingering): SCCRP, SCCCN, StopCCN, an invalid SCCRQ, then the cycle runs out
        .Msg(2, SCCRP)
        .Msg(2, SCCCN)
        .Msg(2, SCCRQ, 0, 0, 0x80 | 0x20, NO_TIE, 0, 0, {1, 0x80 | 77, 2, 0, 0})
        .Msg(2, STOPCCN)
        .Op(RUN_ON)
        .End();
    // wait-ctl-reply: each event in turn, on fresh connections.
    w.Begin("wait-ctl-reply")
        .Op(OPEN, 0)
        .Msg(0, SCCRP, 0, 0, NO_CAPS)
        .Op(OPEN, 1)
        .Msg(1, SCCCN)
        .Op(OPEN, 2)
        .Msg(2, STOPCCN)
        .Op(OPEN, 3)
        .Msg(3, UNKNOWN_M)
        .Op(OPEN, 0)
        .Op(CLOSE, 4)
        .Op(OPEN, 1)
        .Msg(1, SCCRP, 0, 0, 0x80 | 0x20, 0x80, 0, 0, {1, 0x80 | 77, 2, 0, 0})
        .Op(RUN_ON)
        .End();
    // wait-ctl-reply: ties (§5.4.3): lose (acceptable, then not), win, equal.
    for (uint8_t tie : {TIE_BELOW, TIE_ABOVE, TIE_EQUAL})
    {
        for (uint8_t caps : {uint8_t(0), NO_CAPS})
        {
            w.Begin("tie-" + std::to_string(tie) + "-" + std::to_string(caps))
                .Op(OPEN, 0)
                .Msg(0, SCCRQ, 2, 0, uint8_t(0x20 | caps), tie)
                .Msg(0, SCCCN, 4)
                .Op(TIMERS, 2)
                .Op(RUN_ON)
                .End();
        }
    }
    // wait-ctl-conn: SCCRQ, SCCRP, HELLO, malformed, admin close, invalid, StopCCN, timeout.
    int i = 0;
    for (auto [type, v, extra] : std::vector<std::tuple<uint8_t, uint8_t, std::vector<uint8_t>>>{
             {SCCRQ, 0x20, {}},
             {SCCRP, 0x20, {}},
             {HELLO, 0, {}},
             {UNKNOWN_M, 0, {}},
             {STOPCCN, 0, {}},
             {SCCCN, 0x80, {1, 0x80 | 77, 2, 0, 0}}})
    {
        w.Begin("wait-ctl-conn-" + std::to_string(i++))
            .Msg(0, SCCRQ, 2, 0, 0x20, NO_TIE)
            .Msg(0, type, 0, 0, v, NO_TIE, 0, 0, extra)
            .Op(RUN_ON)
            .End();
    }
    w.Begin("wait-ctl-conn-close").Msg(0, SCCRQ, 2, 0, 0x20, NO_TIE).Op(CLOSE_ALL).Op(RUN_ON).End();
    w.Begin("wait-ctl-conn-timeout", 0x10)
        .Msg(0, SCCRQ, 2, 0, 0x20, NO_TIE)
        .Op(RUN_ON)
        .Op(RUN_ON)
        .End();
    // established: SCCRQ, SCCRP, SCCCN, malformed, invalid, timeout (HELLO unanswered).
    i = 0;
    for (auto [type, v, extra] : std::vector<std::tuple<uint8_t, uint8_t, std::vector<uint8_t>>>{
             {SCCRQ, 0x20, {}},
             {SCCRP, 0x20, {}},
             {SCCCN, 0, {}},
             {UNKNOWN_M, 0, {}},
             {HELLO, 0x80, {1, 0x80 | 77, 2, 0, 0}},
             {ICCN, 0, {}},
             {ACK, 0, {}}})
    {
        w.Begin("established-" + std::to_string(i++))
            .Msg(0, SCCRQ, 2, 0, 0x20, NO_TIE)
            .Msg(0, SCCCN)
            .Msg(0, type, 0, 0, v, NO_TIE, 0, 0, extra)
            .Op(RUN_ON)
            .End();
    }
    w.Begin("established-timeout", 0x12)
        .Msg(0, SCCRQ, 2, 0, 0x20, NO_TIE)
        .Msg(0, SCCCN)
        .Op(OPEN_SESSION, 0)
        .Op(RUN_ON)
        .Op(RUN_ON)
        .End();
    // §7.3.1, the sender: wait-control-conn (close, connection down), wait-reply (ICRP not
    // acceptable, CDN, ICCN, close, ICRQ ties won and lost), established (CDN, ICRQ, ICRP,
    // ICCN, close, connection down), malformed in wait-reply and established.
    w.Begin("sender-wait-control-conn")
        .Op(OPEN, 0)
        .Op(OPEN_SESSION, 0)
        .Op(OPEN_SESSION, 0)
        .Op(CLOSE_SESSION, 0)
        .Msg(0, STOPCCN)
        .Op(RUN_ON)
        .End();
    i = 0;
    for (auto [type, v, s, r] :
         std::vector<std::tuple<uint8_t, uint8_t, uint8_t, uint8_t>>{{ICRP, NO_LOCAL_SID, 0x80, 0},
                                                                     {CDN, 0, 0x80, 3},
                                                                     {ICCN, 0, 0x80, 0},
                                                                     {ICRQ, 0, TIE_BELOW, 2},
                                                                     {ICRQ, 0, TIE_ABOVE, 2},
                                                                     {ICRP, 0x80, 0x80, 0}})
    {
        w.Begin("sender-wait-reply-" + std::to_string(i++))
            .Msg(0, SCCRQ, 2, 0, 0x20, NO_TIE)
            .Msg(0, SCCCN)
            .Op(OPEN_SESSION, 0)
            .Msg(0,
                 type,
                 0,
                 0,
                 v,
                 s,
                 r,
                 0,
                 v == 0x80 ? std::vector<uint8_t>{1, 0x80 | 77, 2, 0, 0} : std::vector<uint8_t>{})
            .Msg(0, CDN, 0, 0, 0, 0x80, 13)
            .Op(RUN_ON)
            .End();
    }
    // An ICRP with Local Session ID 0: not acceptable (§5.4.4).
    w.Begin("sender-wait-reply-icrp-0")
        .Msg(0, SCCRQ, 2, 0, 0x20, NO_TIE)
        .Msg(0, SCCCN)
        .Op(OPEN_SESSION, 0)
        .Msg(0, ICRP | 128, 0, 0, 0, 0x80, 0, 0, {0, 0, 0, 0})
        .Op(RUN_ON)
        .End();
    // Our SCCRQ unanswered (wait-ctl-reply, peer timeout); established, admin close (one
    // connection, then all); a StopCCN that leaves our ICRQ unacknowledged (idle, timeout).
    w.Begin("wait-ctl-reply-timeout").Op(OPEN, 0).Op(RUN_ON).Op(RUN_ON).End();
    w.Begin("established-close")
        .Msg(0, SCCRQ, 2, 0, 0x20, NO_TIE)
        .Msg(0, SCCCN)
        .Op(CLOSE, 0)
        .Msg(1, SCCRQ, 2, 0, 0x20, NO_TIE)
        .Msg(1, SCCCN)
        .Op(CLOSE_ALL)
        .Op(RUN_ON)
        .End();
    w.Begin("idle-timeout", 0x30)
        .Msg(0, SCCRQ, 2, 0, 0x20, NO_TIE)
        .Msg(0, SCCCN)
        .Op(OPEN_SESSION, 0)
        .Op(ADVANCE, 5)
        .Msg(0, STOPCCN, 0, 2, 0, 0x80, 1, 0, {0, 2, 0, 1})
        .Op(RUN_ON)
        .Op(RUN_ON)
        .End();
    // ICRQs naming a session of ours: the sender's established row, the recipient's
    // wait-connect and established rows.
    w.Begin("icrq-named")
        .Msg(0, SCCRQ, 2, 0, 0x20, NO_TIE)
        .Msg(0, SCCCN)
        .Op(OPEN_SESSION, 0)
        .Msg(0, ICRP)
        .Msg(0, ICRQ, 0, 0, 0, 0x80, 64)
        .Msg(0, ICRQ, 0, 0, 0, NO_TIE, 0)
        .Msg(0, ICRQ, 0, 0, 0, 0x80, 64)
        .Msg(0, ICRQ, 0, 0, 0, NO_TIE, 1)
        .Msg(0, ICCN)
        .Msg(0, ICRQ, 0, 0, 0, 0x80, 64)
        .Op(RUN_ON)
        .End();
    w.Begin("sender-wait-reply-close")
        .Msg(0, SCCRQ, 2, 0, 0x20, NO_TIE)
        .Msg(0, SCCCN)
        .Op(OPEN_SESSION, 0)
        .Op(CLOSE_SESSION, 0)
        .Op(RUN_ON)
        .End();
    i = 0;
    for (auto [type, v] : std::vector<std::tuple<uint8_t, uint8_t>>{{CDN, 0},
                                                                    {ICRQ, 0},
                                                                    {ICRP, 0},
                                                                    {ICCN, 0},
                                                                    {SLI, 0x80},
                                                                    {STOPCCN, 0}})
    {
        w.Begin("sender-established-" + std::to_string(i++))
            .Msg(0, SCCRQ, 2, 0, 0x20, NO_TIE)
            .Msg(0, SCCCN)
            .Op(OPEN_SESSION, 0)
            .Msg(0, ICRP)
            .Msg(0,
                 type,
                 0,
                 0,
                 v,
                 0x80,
                 2,
                 0,
                 v == 0x80 ? std::vector<uint8_t>{1, 0x80 | 77, 2, 0, 0} : std::vector<uint8_t>{})
            .Op(CLOSE_SESSION, 0)
            .Op(RUN_ON)
            .End();
    }
    // §7.3.2, the recipient: ICRQ not acceptable (PW type, not offered, in use, malformed),
    // wait-connect (ICCN not acceptable, ICRQ, ICRP, CDN, close, connection down, malformed),
    // established (ICRQ, ICRP, ICCN, CDN, close, malformed).
    w.Begin("recipient-refusals")
        .Msg(0, SCCRQ, 2, 0, 0x20, NO_TIE)
        .Msg(0, SCCCN)
        .Msg(0, ICRQ, 0, 0, 0, NO_TIE, 16)
        .Msg(0, ICRQ, 0, 0, 0, NO_TIE, 2 | 4)
        .Msg(0, ICRQ, 0, 0, 0, NO_TIE, 0)
        .Msg(0, ICRQ, 0, 0, 0, NO_TIE, 0)
        .Msg(0, ICRQ, 0, 0, 0x80, NO_TIE, 1, 0, {1, 0x80 | 77, 2, 0, 0})
        .Msg(0, ICRQ, 0, 0, NO_LOCAL_SID, NO_TIE, 1)
        .Op(RUN_ON)
        .End();
    i = 0;
    for (auto [type, v] : std::vector<std::tuple<uint8_t, uint8_t>>{{ICRQ, 0},
                                                                    {ICRP, 0},
                                                                    {CDN, 0},
                                                                    {ICCN, 0x80},
                                                                    {STOPCCN, 0},
                                                                    {SLI, 0}})
    {
        w.Begin("recipient-wait-connect-" + std::to_string(i++))
            .Msg(0, SCCRQ, 2, 0, 0x20, NO_TIE)
            .Msg(0, SCCCN)
            .Msg(0, ICRQ, 0, 0, 0, NO_TIE, 0)
            .Msg(0,
                 type,
                 0,
                 0,
                 v,
                 0x80,
                 0,
                 0,
                 v == 0x80 ? std::vector<uint8_t>{1, 0x80 | 77, 2, 0, 0} : std::vector<uint8_t>{})
            .Op(CLOSE_SESSION, 0)
            .Op(RUN_ON)
            .End();
    }
    i = 0;
    for (auto [type, v] : std::vector<std::tuple<uint8_t, uint8_t>>{{ICRQ, 0},
                                                                    {ICRP, 0},
                                                                    {ICCN, 0},
                                                                    {CDN, 0x80},
                                                                    {STOPCCN, 0}})
    {
        w.Begin("recipient-established-" + std::to_string(i++))
            .Msg(0, SCCRQ, 2, 0, 0x20, NO_TIE)
            .Msg(0, SCCCN)
            .Msg(0, ICRQ, 0, 0, 0, NO_TIE, 0)
            .Msg(0, ICCN)
            .Msg(0,
                 type,
                 0,
                 0,
                 v,
                 0x80,
                 0,
                 0,
                 v == 0x80 ? std::vector<uint8_t>{1, 0x80 | 77, 2, 0, 0} : std::vector<uint8_t>{})
            .Op(CLOSE_SESSION, 0)
            .Op(RUN_ON)
            .End();
    }
    // The reliable channel: out of order (held, then delivered), duplicates, out of window,
    // invalid Nr, Ns/Nr near the 16-bit wrap; damaged lengths.
    w.Begin("channel", 4)
        .Msg(0, SCCRQ, 2, 0, 0x20, NO_TIE)
        .Msg(0, HELLO, 0, 1 | (1 << 2))
        .Msg(0, SCCCN)
        .Msg(0, HELLO)
        .Msg(0, HELLO, 0, 3)
        .Msg(0, HELLO, 0, 1 | (6 << 2))
        .Msg(0, HELLO, 0, 2, 0, 0x80, 0, 0, {0xff, 0xfe, 0xff, 0xff})
        .Msg(0, HELLO, 0, 2, 0, 0x80, 0, 0, {0x00, 0x02, 0x00, 0x40})
        .Msg(0, HELLO, 0, 0, 0, 0x80, 0, 1)
        .Msg(0, HELLO, 0, 0, 0, 0x80, 0, 2)
        .Msg(0, HELLO, 0, 0, 0, 0x80, 0, 3)
        .Msg(0, HELLO, 0, 0, 0, 0x80, 0, 4)
        .Msg(0, HELLO, 0, 0, 0, 0x80, 0, 5 | (7 << 3))
        .Msg(0, SCCRQ, 0, 0, 0x20, 0x80, 0, 6 | (1 << 3))
        .Msg(0, SCCRQ, 0, 0, 0x20, 0x80, 0, 6 | (2 << 3) | (3 << 6))
        .Msg(0, HELLO, 0, 0, 0, 0x80, 0, 7, {5})
        .Msg(3, HELLO, 3, 0, 0, 0x80, 0, 0, {0, 0, 0, 99})
        .Op(6, 1)
        .Op(0, 0)
        .Op(0, 12)
        .Op(RUN_ON)
        .End();
    // Authentication on: SCCRQ and SCCRP without a Nonce (index 5).
    w.Begin("nonce", 1)
        .Msg(0, SCCRQ, 2, 0, 0x20 | 0x40, NO_TIE)
        .Op(OPEN, 1)
        .Msg(1, SCCRP, 0, 0, 0x20 | 0x40)
        .Msg(2, SCCRQ, 2, 0, 0x20, NO_TIE)
        .Msg(2, SCCCN)
        .Op(RUN_ON)
        .End();
}

/**
 * \brief One octet of the input changed the way the format reads it: structure-aware.
 * \param data the input
 * \param size its size
 * \param maxSize the largest it may become
 * \param seed the mutation's seed
 * \return the new size
 */
size_t
Mutate(uint8_t* data, size_t size, size_t maxSize, unsigned int seed)
{
    // A generator of its own, seeded per call (std::srand's state set-up was a hundredth
    // of the harness's time).
    std::minstd_rand random(seed);
    if (size < 2 || random() % 4 == 0)
    {
        return LLVMFuzzerMutate(data, size, maxSize);
    }
    // Find the operations' offsets (each message operation: 8 octets and its extras).
    std::vector<std::size_t> ops;
    std::size_t at = 1;
    while (at < size && ops.size() < kMaxOperations)
    {
        ops.push_back(at);
        uint8_t kind = data[at] & 15;
        at += kind <= 5 ? 8 : (kind == 6 ? 3 : 1);
    }
    std::size_t op = ops[random() % ops.size()];
    uint8_t kind = data[op] & 15;
    auto set = [&](std::size_t offset, uint8_t value) {
        if (op + offset < size)
        {
            data[op + offset] = value;
        }
    };
    switch (random() % 10)
    {
    case 0: // a header field: the type, the connection ID choice, Ns/Nr
        if (kind <= 5)
        {
            set(1 + random() % 3, uint8_t(random()));
        }
        break;
    case 1: // the AVP list: drop standard AVPs, add extras
        if (kind <= 5)
        {
            set(4, uint8_t(random()));
        }
        break;
    case 2: { // a length at its bounds: 0, 1, maximum, one past the buffer; an AVP's
        static const uint8_t damage[] =
            {1, 2, 3, 4, 6 | (0 << 6), 6 | (1 << 6), 6 | (2 << 6), 6 | (3 << 6)};
        if (kind <= 5)
        {
            set(7, uint8_t(damage[random() % 8] | ((random() % 4) << 3)));
        }
        break;
    }
    case 3: // Ns/Nr from the input, near the 16-bit wrap
        if (kind <= 5 && size + 4 <= maxSize)
        {
            set(3, uint8_t((data[op + 3] & ~3) | 2));
            std::size_t tail = op + 8;
            if (tail <= size)
            {
                std::memmove(data + tail + 4, data + tail, size - tail);
                uint16_t ns = uint16_t(0xfffe + random() % 4);
                uint16_t nr = uint16_t(0xfffe + random() % 4);
                data[tail] = uint8_t(ns >> 8);
                data[tail + 1] = uint8_t(ns);
                data[tail + 2] = uint8_t(nr >> 8);
                data[tail + 3] = uint8_t(nr);
                size += 4;
            }
        }
        break;
    case 4: // the peer, or the kind of operation
        data[op] = uint8_t(random());
        break;
    case 5: // a timer operation inserted
    case 6: {
        if (size + 1 <= maxSize)
        {
            std::memmove(data + op + 1, data + op, size - op);
            data[op] = uint8_t((random() % 16) << 4 | (random() % 2 ? 7 : 8));
            ++size;
        }
        break;
    }
    case 7: // an operation dropped
        if (ops.size() > 1)
        {
            std::size_t next = op + (kind <= 5 ? 8 : 1);
            next = std::min(next, size);
            std::memmove(data + op, data + next, size - next);
            size -= next - op;
        }
        break;
    case 8: // an operation duplicated
        if (kind <= 5 && size + 8 <= maxSize && op + 8 <= size)
        {
            std::memmove(data + op + 8, data + op, size - op);
            size += 8;
        }
        break;
    default: // the configuration
        data[0] = uint8_t(random());
        break;
    }
    return size;
}

} // namespace

extern "C" int
LLVMFuzzerInitialize(int*, char***)
{
    // Before the simulator exists, and for every simulator after a Destroy.
    GlobalValue::Bind("SchedulerType", StringValue("ns3::L2tpFuzzPeekScheduler"));
    WatchRows();
    std::atexit(PrintFigures);
    if (const char* dir = std::getenv("L2TP_FUZZ_FSM_SEEDS"))
    {
        WriteSeeds(dir);
        std::exit(0);
    }
    return 0;
}

extern "C" size_t
LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t maxSize, unsigned int seed)
{
    return Mutate(data, size, maxSize, seed);
}

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
    {
        return 0;
    }
    ++g_figures.inputs;
    {
        Reader in(data + 1, size - 1);
        Harness h(data[0]);
        for (std::size_t i = 0; i < kMaxOperations && !in.Done(); ++i)
        {
            h.Operate(in);
        }
    }
    // Now grows by at most a few thousand simulated seconds per input; start afresh
    // well before any Time could overflow (no input depends on the absolute time).
    // L2TP_FUZZ_FSM_DESTROY=1: a whole Simulator::Destroy per input instead (measured
    // against the cheap reset: see utils/fuzz's header).
    static const char* const destroyVar = std::getenv("L2TP_FUZZ_FSM_DESTROY");
    static const bool destroy = destroyVar && *destroyVar == '1';
    if (destroy || Simulator::Now() > kRestart)
    {
        Simulator::Destroy();
    }
    if ((g_figures.inputs & 0x3fff) == 0)
    {
        PrintCounts(); // a job stopped by -max_total_time may not reach its atexit
    }
    return 0;
}
