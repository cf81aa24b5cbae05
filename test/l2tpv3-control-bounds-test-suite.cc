/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The receive side at its bounds, the classes of bug behind CVE-2026-43080 (a 16-bit length
// truncated), FreeBSD D57383 (a message shorter than its fixed header) and CVE-2026-23072 (an
// error path that skips a release): every length field at 0, 1, its minimum - 1, its
// minimum, its maximum and one past the buffer; messages shorter than the fixed header over
// IP and UDP, IPv4 and IPv6; and every decode error and refusal of the receive side, each
// followed by the run to its end, leaving no connection, no session, no event and a counter
// that says why.

#include "l2tp-scripted-peer.h"

#include "ns3/test.h"

#include <numeric>
#include <stdexcept>

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

using A = L2tpv3AvpType;
using M = L2tpv3MessageType;
using E = L2tpv3ControlDecodeError;
using Drop = L2tpv3DropReason;

/// How the octets reach our LCCE's node.
enum class Transport
{
    UDP4, //!< a UDP datagram to port 1701 over IPv4
    UDP6, //!< over IPv6
    IP4,  //!< IP protocol 115 over IPv4 (the Session ID first)
    IP6,  //!< over IPv6
};

/**
 * \param t a transport
 * \return its name
 */
std::string
Name(Transport t)
{
    switch (t)
    {
    case Transport::UDP4:
        return "UDP over IPv4";
    case Transport::UDP6:
        return "UDP over IPv6";
    case Transport::IP4:
        return "IP over IPv4";
    case Transport::IP6:
        return "IP over IPv6";
    }
    return "?";
}

/**
 * \param bytes octets
 * \param at where
 * \param value a 16-bit value written there, big-endian
 */
void
Put16(std::vector<uint8_t>& bytes, std::size_t at, uint16_t value)
{
    bytes[at] = static_cast<uint8_t>(value >> 8);
    bytes[at + 1] = static_cast<uint8_t>(value);
}

/**
 * \param m a message
 * \return its octets
 */
std::vector<uint8_t>
Bytes(const L2tpv3ControlMessage& m)
{
    return m.Serialize();
}

/**
 * \param bytes octets
 * \return their decode error
 */
E
Decode(const std::vector<uint8_t>& bytes)
{
    L2tpv3ControlMessage m;
    return L2tpv3ControlMessage::Deserialize(bytes.data(), bytes.size(), m);
}

/// What is left after octets were sent to our LCCE once and the run went to its end.
struct Outcome
{
    L2tpv3LcceCounters lcce;                  //!< the LCCE's counters
    L2tpv3Counters l4;                        //!< the node's L2TPv3 protocol's counters
    std::size_t connections{0};               //!< connections left
    uint32_t halfOpen{0};                     //!< half-open connections left
    uint32_t sessionsUp{0};                   //!< sessions up
    std::vector<L2tpv3MessageType> answers{}; //!< what our LCCE sent the peer
    double end{0};                            //!< when the last event ran (seconds)
    uint64_t events{0};                       //!< events the simulator ran

    /** \return the messages the LCCE decoded, every type together */
    uint64_t Decoded() const
    {
        return std::accumulate(lcce.rxMessages.begin(), lcce.rxMessages.end(), uint64_t(0)) +
               lcce.rxOtherType;
    }

    /** \return the decode errors, every kind together */
    uint64_t DecodeErrors() const
    {
        return std::accumulate(lcce.decodeErrors.begin(), lcce.decodeErrors.end(), uint64_t(0));
    }
};

/**
 * \brief Send each of some octet strings once to a fresh LCCE (UDP encapsulation, whose
 * node's L2TPv3 protocol also takes protocol 115), 10 ms apart from 1 s, and run to the end.
 * \param sends the octets, in order (the L2TPv3 header first: the Session ID over IP, the
 * header word over UDP)
 * \param transport how
 * \param configure called on the peer before the run (attributes, earlier messages)
 * \return what is left
 */
Outcome
SendAndRun(const std::vector<std::vector<uint8_t>>& sends,
           Transport transport,
           const std::function<void(ScriptedPeer&)>& configure = nullptr)
{
    ScriptedPeer peer(Ipv4Address("10.1.1.1"), 1701, Ipv4Address("10.1.1.2"));
    const bool ipv6 = transport == Transport::UDP6 || transport == Transport::IP6;
    if (ipv6)
    {
        peer.EnableIpv6();
    }
    // The stack's random delays (ARP jitter, neighbour discovery) fixed, whatever ran
    // before in this process: runs that send alike run alike, event for event.
    InternetStackHelper().AssignStreams(peer.nodes, 1000);
    CsmaHelper().AssignStreams(peer.devices, 2000);
    if (configure)
    {
        configure(peer);
    }
    for (std::size_t i = 0; i < sends.size(); ++i)
    {
        std::vector<uint8_t> bytes = sends[i];
        Simulator::Schedule(Seconds(1) + MilliSeconds(10 * i), [&peer, bytes, transport, ipv6]() {
            if (transport == Transport::UDP4 || transport == Transport::UDP6)
            {
                peer.SendUdp(bytes, ipv6);
            }
            else
            {
                peer.SendRaw(bytes, L2tpv3L4Protocol::PROT_NUMBER, ipv6);
            }
        });
    }
    Simulator::Run(); // no Stop: the run ends when no event is left
    Outcome o;
    o.end = Simulator::Now().GetSeconds();
    o.events = Simulator::GetEventCount();
    o.lcce = peer.lcce->GetCounters();
    o.l4 = L2tpv3L4Protocol::GetOrCreate(peer.nodes.Get(1))->GetCounters();
    o.connections = peer.lcce->GetConnections().size();
    o.halfOpen = peer.lcce->GetNHalfOpen();
    o.sessionsUp = peer.lcce->GetNSessionsUp();
    o.answers = peer.Types();
    Simulator::Destroy();
    return o;
}

/**
 * \param bytes a control message
 * \param transport how it travels
 * \return the octets to send: over IP after the 32 zero bits of Session ID 0 (§4.1.1.2)
 */
std::vector<uint8_t>
Frame(std::vector<uint8_t> bytes, Transport transport)
{
    if (transport == Transport::IP4 || transport == Transport::IP6)
    {
        bytes.insert(bytes.begin(), 4, 0);
    }
    return bytes;
}

/**
 * \brief The events of a run whose sends the node drops before the LCCE sees them (empty
 * payloads: packet_too_short), for the stack's own events (ARP, neighbour discovery, the
 * wire): a run that sends as many packets and leaves nothing behind runs as many events.
 * \param n how many sends
 * \param transport how
 * \return the baseline's event count
 */
uint64_t
BaselineEvents(std::size_t n, Transport transport)
{
    return SendAndRun(std::vector<std::vector<uint8_t>>(n), transport).events;
}

} // namespace

/// The control message's 16-bit Length field at its bounds, and the buffer's.
class MessageLengthBoundsTestCase : public TestCase
{
  public:
    MessageLengthBoundsTestCase()
        : TestCase("control message Length at 0, 1, 11, 12, the buffer, one past it, 65535; "
                   "buffers of 0 to 11 octets; a message of exactly 65535 octets and one more")
    {
    }

  private:
    void DoRun() override
    {
        const std::vector<uint8_t> hello = Bytes(L2tpv3ControlMessage(M::HELLO)); // 20 octets
        NS_TEST_ASSERT_MSG_EQ(hello.size(), 20, "a HELLO: header and Message Type AVP");

        struct Row
        {
            uint16_t length;  //!< the Length field
            E error;          //!< the decode error
            std::size_t avps; //!< AVPs decoded (when NONE)
        };

        const std::vector<Row> rows{
            {0, E::BAD_LENGTH, 0},
            {1, E::BAD_LENGTH, 0},
            {11, E::BAD_LENGTH, 0},    // the minimum - 1
            {12, E::NONE, 0},          // the minimum: a ZLB, the AVPs past Length ignored
            {13, E::AVP_LENGTH, 0},    // one octet of an AVP header
            {19, E::AVP_LENGTH, 0},    // the Message Type AVP cut by one octet
            {20, E::NONE, 1},          // the buffer
            {21, E::BAD_LENGTH, 0},    // one past the buffer
            {65535, E::BAD_LENGTH, 0}, // the maximum, past a 20-octet buffer
        };
        for (const Row& row : rows)
        {
            std::vector<uint8_t> b = hello;
            Put16(b, 2, row.length);
            L2tpv3ControlMessage m;
            E error = L2tpv3ControlMessage::Deserialize(b.data(), b.size(), m);
            NS_TEST_EXPECT_MSG_EQ(L2tpv3ControlDecodeErrorName(error),
                                  L2tpv3ControlDecodeErrorName(row.error),
                                  "Length " << row.length);
            if (error == E::NONE)
            {
                NS_TEST_EXPECT_MSG_EQ(m.GetAvps().size(), row.avps, "AVPs, Length " << row.length);
            }
        }
        for (std::size_t size = 0; size < L2tpv3ControlMessage::HEADER_SIZE; ++size)
        {
            L2tpv3ControlMessage m;
            NS_TEST_EXPECT_MSG_EQ(L2tpv3ControlDecodeErrorName(
                                      L2tpv3ControlMessage::Deserialize(hello.data(), size, m)),
                                  "too_short",
                                  "a buffer of " << size << " octets");
        }
        // The largest message: 12 + 8 (Message Type) + 64 AVPs of 1023 + one of 43 = 65535.
        L2tpv3ControlMessage big(M::HELLO);
        for (uint32_t i = 0; i < 64; ++i)
        {
            big.Add(L2tpv3Avp(9, 1, false, std::vector<uint8_t>(1017, uint8_t(i))));
        }
        big.Add(L2tpv3Avp(9, 2, false, std::vector<uint8_t>(37, 0xee)));
        NS_TEST_EXPECT_MSG_EQ(big.GetSerializedSize(), 65535, "the largest Length");
        std::vector<uint8_t> b = big.Serialize();
        NS_TEST_ASSERT_MSG_EQ(b.size(), 65535, "serialized whole");
        NS_TEST_EXPECT_MSG_EQ(b[2] * 256 + b[3], 65535, "the Length field");
        L2tpv3ControlMessage decoded;
        NS_TEST_EXPECT_MSG_EQ(L2tpv3ControlDecodeErrorName(
                                  L2tpv3ControlMessage::Deserialize(b.data(), b.size(), decoded)),
                              "none",
                              "65535 octets decode");
        NS_TEST_EXPECT_MSG_EQ(decoded.GetAvps().size(), 66, "every AVP");
        NS_TEST_EXPECT_MSG_EQ(decoded.GetAvps().back().GetValue().size(), 37, "the last whole");
        // A buffer one octet longer than the largest Length: the octet past it ignored.
        b.push_back(0xff);
        NS_TEST_EXPECT_MSG_EQ(L2tpv3ControlDecodeErrorName(Decode(b)),
                              "none",
                              "octets past Length ignored");
        // One octet more than 65535 cannot be encoded: a clear error, never a wrapped Length.
        big.Add(L2tpv3Avp(9, 3, false, std::vector<uint8_t>()));
        bool threw = false;
        try
        {
            big.Serialize();
        }
        catch (const std::length_error& e)
        {
            threw = std::string(e.what()).find("65541") != std::string::npos;
        }
        NS_TEST_EXPECT_MSG_EQ(threw, true, "65541 octets refused, the size named");
    }
};

/// The AVP's 10-bit Length at its bounds (RFC 3931 §5.1).
class AvpLengthBoundsTestCase : public TestCase
{
  public:
    AvpLengthBoundsTestCase()
        : TestCase("AVP Length at 0, 1, 5, 6, 1023, one past the message; the Extended Vendor ID "
                   "AVP at 11 and 12; a value of 1017 octets and 1018 on encoding")
    {
    }

  private:
    void DoRun() override
    {
        // A HELLO whose second AVP (vendor 9, type 1, M = 0) holds 1017 octets: 1043 octets.
        L2tpv3ControlMessage m(M::HELLO);
        m.Add(L2tpv3Avp(9, 1, false, std::vector<uint8_t>(1017, 0xab)));
        const std::vector<uint8_t> full = m.Serialize();
        NS_TEST_ASSERT_MSG_EQ(full.size(), 12 + 8 + 1023, "the largest AVP");
        L2tpv3ControlMessage decoded;
        NS_TEST_EXPECT_MSG_EQ(L2tpv3ControlDecodeErrorName(Decode(full)),
                              "none",
                              "AVP Length 1023 (the maximum)");
        L2tpv3ControlMessage::Deserialize(full.data(), full.size(), decoded);
        NS_TEST_EXPECT_MSG_EQ(decoded.GetAvps().size(), 2, "both AVPs");
        NS_TEST_EXPECT_MSG_EQ(decoded.GetAvps()[1].GetValue().size(), 1017, "the value whole");

        const std::size_t at = 20; // the second AVP's first octet

        struct Row
        {
            uint16_t avpLength;     //!< the AVP's Length field
            uint16_t messageLength; //!< the message's Length field
            E error;                //!< the decode error
        };

        const std::vector<Row> rows{
            {0, 1043, E::AVP_LENGTH},
            {1, 1043, E::AVP_LENGTH},
            {5, 1043, E::AVP_LENGTH},    // the minimum - 1
            {6, 26, E::NONE},            // the minimum: an empty value, the message cut there
            {6, 1043, E::AVP_LENGTH},    // the next "AVP" starts inside the value: 0xabab...
            {1023, 1043, E::NONE},       // the maximum
            {1023, 1042, E::AVP_LENGTH}, // one past the message's Length
            {7, 26, E::AVP_LENGTH},      // one past a message cut after an empty AVP
            {6, 25, E::AVP_LENGTH},      // an AVP header cut by one octet
        };
        for (const Row& row : rows)
        {
            std::vector<uint8_t> b = full;
            // Length is the low 10 bits of the first 16 (§5.1); M = 0, H = 0, reserved 0.
            Put16(b, at, row.avpLength & 0x3ff);
            Put16(b, 2, row.messageLength);
            NS_TEST_EXPECT_MSG_EQ(L2tpv3ControlDecodeErrorName(Decode(b)),
                                  L2tpv3ControlDecodeErrorName(row.error),
                                  "AVP Length " << row.avpLength << " in a message of Length "
                                                << row.messageLength);
        }
        // Reserved bits above the Length field do not lengthen it (Length 6, not 6 + 1024).
        std::vector<uint8_t> b = full;
        Put16(b, at, 0x3c00 | 6);
        Put16(b, 2, 26);
        NS_TEST_EXPECT_MSG_EQ(L2tpv3ControlDecodeErrorName(Decode(b)),
                              "none",
                              "reserved bits ignored");
        L2tpv3ControlMessage::Deserialize(b.data(), b.size(), decoded);
        NS_TEST_EXPECT_MSG_EQ(decoded.GetAvps().size(), 2, "the empty AVP");
        NS_TEST_EXPECT_MSG_EQ(decoded.GetAvps()[1].GetValue().size(), 0, "empty");

        // The Extended Vendor ID AVP (§5.1, Figure 5.2) holds a 32-bit Vendor ID and an
        // Attribute Type before its value: Length 12 at least (its value 6 octets).
        for (std::size_t n : {0, 1, 5, 6, 7})
        {
            L2tpv3Avp ext(0,
                          static_cast<uint16_t>(A::EXTENDED_VENDOR_ID),
                          false,
                          std::vector<uint8_t>(n, 1));
            NS_TEST_EXPECT_MSG_EQ(ext.IsWellFormed(),
                                  (n >= 6),
                                  "Extended Vendor ID of Length " << n + 6);
        }

        // Encoding: 1017 octets of value is the largest; 1018 is refused with the AVP named.
        bool threw = false;
        try
        {
            L2tpv3Avp(9, 1, false, std::vector<uint8_t>(1018, 0));
        }
        catch (const std::invalid_argument& e)
        {
            threw = std::string(e.what()).find("1018") != std::string::npos;
        }
        NS_TEST_EXPECT_MSG_EQ(threw, true, "a value of 1018 octets refused, its size named");
    }
};

/// Every decode error of the receive side: dropped, counted by name, nothing left behind.
class DecodeErrorPathTestCase : public TestCase
{
  public:
    /** \param transport how the messages travel */
    explicit DecodeErrorPathTestCase(Transport transport)
        : TestCase("every decode error over " + Name(transport) +
                   ": dropped and counted by name, no connection, no answer, no event left"),
          m_transport(transport)
    {
    }

  private:
    void DoRun() override
    {
        const bool ip = m_transport == Transport::IP4 || m_transport == Transport::IP6;
        L2tpv3ControlMessage helloMessage(M::HELLO);
        helloMessage.SetControlConnectionId(0x1234);
        const std::vector<uint8_t> hello = Bytes(helloMessage);

        struct Row
        {
            std::string what;           //!< the case
            std::vector<uint8_t> bytes; //!< the control message
            E error;                    //!< the LCCE's decode error (NONE: dropped before it)
            Drop drop;                  //!< else the node's drop reason
        };

        std::vector<Row> rows;
        rows.push_back({"4 octets of header", {0xc8, 0x03, 0x00, 0x0c}, E::TOO_SHORT, Drop::COUNT});
        std::vector<uint8_t> b = hello;
        b[0] = 0x88; // L clear
        rows.push_back({"L clear", b, E::BAD_FLAGS, Drop::COUNT});
        b = hello;
        b[1] = 0x02; // Ver 2, not the §4.7.3 probe
        rows.push_back(
            {"Ver 2", b, ip ? E::BAD_VERSION : E::NONE, ip ? Drop::COUNT : Drop::BAD_VERSION});
        b = hello;
        Put16(b, 2, 21);
        rows.push_back({"Length one past the message", b, E::BAD_LENGTH, Drop::COUNT});
        b = hello;
        Put16(b, 12, 0x8005); // the Message Type AVP's Length 5
        rows.push_back({"AVP Length 5", b, E::AVP_LENGTH, Drop::COUNT});
        b = hello;
        b[17] = 1; // the first AVP's type 1 (Result Code), not 0
        rows.push_back({"no Message Type first", b, E::NO_MESSAGE_TYPE, Drop::COUNT});
        if (ip)
        {
            b = hello;
            b[0] = 0x48; // T clear after Session ID 0: a data header where control is due
            rows.push_back({"T clear", b, E::NOT_CONTROL, Drop::COUNT});
        }
        const uint64_t baseline = BaselineEvents(1, m_transport);
        for (const Row& row : rows)
        {
            Outcome o = SendAndRun({Frame(row.bytes, m_transport)}, m_transport);
            const std::string what = row.what + " over " + Name(m_transport);
            if (row.error != E::NONE)
            {
                NS_TEST_EXPECT_MSG_EQ(o.lcce.decodeErrors[static_cast<std::size_t>(row.error)],
                                      1,
                                      what << ": " << L2tpv3ControlDecodeErrorName(row.error));
                NS_TEST_EXPECT_MSG_EQ(o.DecodeErrors(), 1, what << ": no other decode error");
                NS_TEST_EXPECT_MSG_EQ(o.l4.rxControl, 1, what << ": a control message");
                NS_TEST_EXPECT_MSG_EQ(o.l4.GetTotalDrops(), 0, what << ": not a node drop");
            }
            else
            {
                NS_TEST_EXPECT_MSG_EQ(o.l4.GetDrops(row.drop),
                                      1,
                                      what << ": " << L2tpv3DropReasonName(row.drop));
                NS_TEST_EXPECT_MSG_EQ(o.l4.GetTotalDrops(), 1, what << ": no other drop");
                NS_TEST_EXPECT_MSG_EQ(o.DecodeErrors(), 0, what << ": never decoded");
                NS_TEST_EXPECT_MSG_EQ(o.l4.rxControl, 0, what << ": not for the LCCE");
            }
            NS_TEST_EXPECT_MSG_EQ(o.Decoded(), 0, what << ": nothing decoded");
            NS_TEST_EXPECT_MSG_EQ(o.connections, 0, what << ": no connection");
            NS_TEST_EXPECT_MSG_EQ(o.answers.size(), 0, what << ": no answer");
            NS_TEST_EXPECT_MSG_EQ(o.lcce.unknownConnection, 0, what << ": not looked up");
            // As many events as a packet the node drops at once: none scheduled by the path.
            NS_TEST_EXPECT_MSG_EQ(o.events, baseline, what << ": no event left by the error path");
        }
    }

    Transport m_transport; //!< how the messages travel
};

/// Every refusal of the receive side: counted by its reason, no state left after the run.
class RefusalPathTestCase : public TestCase
{
  public:
    RefusalPathTestCase()
        : TestCase("every refusal (unknown connection, CCID 0, unknown mandatory AVP, missing "
                   "AVP, connection limit, digest): no connection, session or event left")
    {
    }

  private:
    void DoRun() override
    {
        // The peer never answers our SCCRP: a half-open connection dies after 1 + 1 s.
        auto quick = [](ScriptedPeer& peer) {
            peer.lcce->SetAttribute("MaxRetries", UintegerValue(1));
            peer.lcce->SetAttribute("RetransmitCap", TimeValue(Seconds(1)));
        };
        L2tpv3ControlMessage zlb;
        zlb.SetControlConnectionId(0x1234);
        L2tpv3ControlMessage stop(M::STOPCCN);
        stop.SetControlConnectionId(0x1234);
        stop.Add(L2tpv3Avp::MakeUint32(A::ASSIGNED_CONTROL_CONNECTION_ID, 7))
            .Add(L2tpv3Avp::MakeResultCode(1));
        L2tpv3ControlMessage hello0(M::HELLO);
        L2tpv3ControlMessage icrq0 = PeerIcrq(5, "vc1");
        L2tpv3ControlMessage unknownMandatory = PeerStart(M::SCCRQ, 7);
        unknownMandatory.Add(L2tpv3Avp(9, 1, true, {1, 2}));
        L2tpv3ControlMessage missing(M::SCCRQ); // no Host Name, no Assigned CCID
        missing.Add(L2tpv3Avp::MakeUint16List(A::PSEUDOWIRE_CAPABILITIES_LIST, {5}));

        // A HELLO for a connection we do not have.
        Outcome o = SendAndRun({Bytes(zlb), Bytes(stop)}, Transport::UDP4);
        NS_TEST_EXPECT_MSG_EQ(o.lcce.unknownConnection, 2, "ZLB and StopCCN for CCID 0x1234");
        NS_TEST_EXPECT_MSG_EQ(o.connections, 0, "unknown connection: no connection");
        NS_TEST_EXPECT_MSG_LT(o.end, 3, "unknown connection: the run ends");

        o = SendAndRun({Bytes(hello0), Bytes(icrq0)}, Transport::UDP4);
        NS_TEST_EXPECT_MSG_EQ(o.lcce.unknownConnection, 2, "HELLO and ICRQ on CCID 0 (§3.2.1)");
        NS_TEST_EXPECT_MSG_EQ(o.connections, 0, "CCID 0: no connection");
        NS_TEST_EXPECT_MSG_EQ(o.answers.size(), 0, "CCID 0: no answer");
        NS_TEST_EXPECT_MSG_EQ(o.events,
                              BaselineEvents(2, Transport::UDP4),
                              "CCID 0: no event left");

        o = SendAndRun({Bytes(unknownMandatory)}, Transport::UDP4, quick);
        NS_TEST_EXPECT_MSG_EQ(o.lcce.stopCcnSent[2], 1, "unknown mandatory AVP: StopCCN 2");
        NS_TEST_EXPECT_MSG_EQ(o.lcce.connectionsEstablished, 0, "never established");
        NS_TEST_EXPECT_MSG_EQ(o.connections, 0, "unknown mandatory AVP: no connection at the end");
        NS_TEST_EXPECT_MSG_EQ(o.halfOpen, 0, "unknown mandatory AVP: none half-open");
        NS_TEST_EXPECT_MSG_LT(o.end, 10, "unknown mandatory AVP: the run ends");

        o = SendAndRun({Bytes(missing)}, Transport::UDP4, quick);
        NS_TEST_EXPECT_MSG_EQ(o.lcce.stopCcnSent[2], 1, "missing AVP: StopCCN 2");
        NS_TEST_EXPECT_MSG_EQ(o.connections, 0, "missing AVP: no connection at the end");
        NS_TEST_EXPECT_MSG_EQ(o.halfOpen, 0, "missing AVP: none half-open");
        NS_TEST_EXPECT_MSG_LT(o.end, 10, "missing AVP: the run ends");

        // MaxControlConnections 1: the second SCCRQ (another Assigned CCID) refused.
        o = SendAndRun({Bytes(PeerStart(M::SCCRQ, 7)), Bytes(PeerStart(M::SCCRQ, 8))},
                       Transport::UDP4,
                       [quick](ScriptedPeer& peer) {
                           quick(peer);
                           peer.lcce->SetAttribute("MaxControlConnections", UintegerValue(1));
                       });
        NS_TEST_EXPECT_MSG_EQ(o.lcce.sccrqRefused, 1, "over the limit: counted");
        NS_TEST_EXPECT_MSG_EQ(o.lcce.GetTx(M::SCCRP), 1, "one SCCRP, for the first");
        NS_TEST_EXPECT_MSG_EQ(o.lcce.timeouts, 1, "the first never completed");
        NS_TEST_EXPECT_MSG_EQ(o.connections, 0, "limit: no connection at the end");
        NS_TEST_EXPECT_MSG_EQ(o.halfOpen, 0, "limit: none half-open");
        NS_TEST_EXPECT_MSG_LT(o.end, 10, "limit: the run ends");

        // A vendor-specific message (§5.4.1: the Message Type AVP's Vendor ID not 0) whose
        // number is SCCRQ's, with an SCCRQ's AVPs, on CCID 0: not an SCCRQ, a message for no
        // connection; and the same number 4 (StopCCN's) from another vendor.
        L2tpv3ControlMessage vendor = PeerStart(M::SCCRQ, 7);
        std::vector<L2tpv3Avp> avps = vendor.GetAvps();
        avps[0] = L2tpv3Avp(9, 0, true, {0x00, 0x01});
        vendor.SetAvps(avps);
        NS_TEST_EXPECT_MSG_EQ(L2tpv3IsKnownMessageType(uint16_t(vendor.GetMessageType())),
                              false,
                              "a vendor's message type 1 is not SCCRQ");
        o = SendAndRun({Bytes(vendor)}, Transport::UDP4, quick);
        NS_TEST_EXPECT_MSG_EQ(o.lcce.GetRx(M::SCCRQ), 0, "vendor message: not counted as SCCRQ");
        NS_TEST_EXPECT_MSG_EQ(o.lcce.rxOtherType, 1, "vendor message: counted as another type");
        NS_TEST_EXPECT_MSG_EQ(o.lcce.unknownConnection, 1, "vendor message: for no connection");
        NS_TEST_EXPECT_MSG_EQ(o.answers.size(), 0, "vendor message: no answer");
        NS_TEST_EXPECT_MSG_EQ(o.connections, 0, "vendor message: no connection");

        // A Secret, and an SCCRQ without a Message Digest (§4.3).
        o = SendAndRun({Bytes(PeerStart(M::SCCRQ, 7))},
                       Transport::UDP4,
                       [quick](ScriptedPeer& peer) {
                           quick(peer);
                           peer.lcce->SetAttribute("Secret", StringValue("s3cret"));
                       });
        NS_TEST_EXPECT_MSG_EQ(o.lcce.rxDigestMissing, 1, "no digest: counted");
        NS_TEST_EXPECT_MSG_EQ(o.lcce.GetTx(M::SCCRP), 0, "no digest: never answered");
        NS_TEST_EXPECT_MSG_EQ(o.connections, 0, "no digest: no connection at the end");
        NS_TEST_EXPECT_MSG_EQ(o.halfOpen, 0, "no digest: none half-open");
        NS_TEST_EXPECT_MSG_LT(o.end, 10, "no digest: the run ends");
    }
};

/// Messages shorter than the fixed headers, over IP and UDP, IPv4 and IPv6 (FreeBSD D57383).
class ShortMessageTestCase : public TestCase
{
  public:
    /** \param transport how the messages travel */
    explicit ShortMessageTestCase(Transport transport)
        : TestCase("messages shorter than the fixed header over " + Name(transport) +
                   ": packet_too_short at the node, too_short at the LCCE"),
          m_transport(transport)
    {
    }

  private:
    void DoRun() override
    {
        const bool ip = m_transport == Transport::IP4 || m_transport == Transport::IP6;
        const std::vector<uint8_t> hello = Bytes(L2tpv3ControlMessage(M::HELLO));
        std::vector<std::vector<uint8_t>> sends;
        // 0 to 3 octets: not even the Session ID (IP) or the header word (UDP).
        for (std::size_t n = 0; n < 4; ++n)
        {
            sends.emplace_back(hello.begin(), hello.begin() + n);
        }
        if (!ip)
        {
            // Over UDP, a data header word (T = 0) without its Session ID: 4 to 7 octets.
            for (std::size_t n = 4; n < 8; ++n)
            {
                std::vector<uint8_t> data{0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00};
                data.resize(n);
                sends.push_back(data);
            }
        }
        // The control header cut: 0 to 11 octets after Session ID 0 (IP), 4 to 11 over UDP.
        for (std::size_t n = ip ? 0 : 4; n < L2tpv3ControlMessage::HEADER_SIZE; ++n)
        {
            sends.push_back(Frame({hello.begin(), hello.begin() + n}, m_transport));
        }
        const uint64_t nodeDrops = ip ? 4 : 8;
        const uint64_t tooShort = ip ? 12 : 8;
        Outcome o = SendAndRun(sends, m_transport);
        NS_TEST_EXPECT_MSG_EQ(o.l4.GetDrops(Drop::PACKET_TOO_SHORT),
                              nodeDrops,
                              "packet_too_short at the node");
        NS_TEST_EXPECT_MSG_EQ(o.l4.GetTotalDrops(), nodeDrops, "no other node drop");
        NS_TEST_EXPECT_MSG_EQ(o.l4.rxControl, tooShort, "control messages to the LCCE");
        NS_TEST_EXPECT_MSG_EQ(o.lcce.decodeErrors[static_cast<std::size_t>(E::TOO_SHORT)],
                              tooShort,
                              "too_short at the LCCE");
        NS_TEST_EXPECT_MSG_EQ(o.DecodeErrors(), tooShort, "no other decode error");
        NS_TEST_EXPECT_MSG_EQ(o.Decoded(), 0, "nothing decoded");
        NS_TEST_EXPECT_MSG_EQ(o.connections, 0, "no connection");
        NS_TEST_EXPECT_MSG_EQ(o.answers.size(), 0, "no answer");
        NS_TEST_EXPECT_MSG_EQ(o.events, BaselineEvents(sends.size(), m_transport), "no event left");
    }

    Transport m_transport; //!< how the messages travel
};

/// The UDP header's 16-bit Length at its bounds (CVE-2026-43080's class: a length trusted).
class UdpLengthBoundsTestCase : public TestCase
{
  public:
    /** \param ipv6 over IPv6 rather than IPv4 */
    explicit UdpLengthBoundsTestCase(bool ipv6)
        : TestCase(std::string("UDP Length at 0, 1, 7, 8, the datagram, one past it, 65535 over ") +
                   (ipv6 ? "IPv6" : "IPv4")),
          m_ipv6(ipv6)
    {
    }

  private:
    void DoRun() override
    {
        // A ZLB on Control Connection ID 0 after the UDP header: a message for no
        // connection (§3.2.1), counted as unknownConnection when it reaches the LCCE.
        // ns-3's UdpL4Protocol reads the Length field but never checks it against the
        // datagram (Linux drops a Length under 8 or past the datagram, and trims one short
        // of it): every datagram reaches the socket whole. What holds whatever the Length:
        // the control message's own Length frames it (§3.2.1), so each is decoded once,
        // counted once, and leaves nothing behind.
        const std::vector<uint8_t> zlb = Bytes(L2tpv3ControlMessage());
        const Transport transport = m_ipv6 ? Transport::UDP6 : Transport::UDP4;
        const uint64_t baseline = BaselineEvents(1, transport);
        for (uint32_t length : {0U, 1U, 7U, 8U, 20U, 21U, 65535U})
        {
            std::vector<uint8_t> udp{0x06, 0xa5, 0x06, 0xa5, 0, 0, 0, 0}; // 1701 to 1701
            Put16(udp, 4, static_cast<uint16_t>(length));
            udp.insert(udp.end(), zlb.begin(), zlb.end());
            bool ipv6 = m_ipv6;
            Outcome o = SendAndRun({}, transport, [udp, ipv6](ScriptedPeer& peer) {
                Simulator::Schedule(Seconds(1), [&peer, udp, ipv6]() {
                    peer.SendRaw(udp, 17, ipv6);
                });
            });
            const std::string what = "UDP Length " + std::to_string(length);
            NS_TEST_EXPECT_MSG_EQ(o.l4.rxControl, 1, what << ": one control message");
            NS_TEST_EXPECT_MSG_EQ(o.lcce.unknownConnection, 1, what << ": counted once");
            NS_TEST_EXPECT_MSG_EQ(o.lcce.GetRx(M::ZLB), 1, what << ": decoded whole");
            NS_TEST_EXPECT_MSG_EQ(o.DecodeErrors(), 0, what << ": no decode error");
            NS_TEST_EXPECT_MSG_EQ(o.l4.GetTotalDrops(), 0, what << ": no node drop");
            NS_TEST_EXPECT_MSG_EQ(o.connections, 0, what << ": no connection");
            NS_TEST_EXPECT_MSG_EQ(o.answers.size(), 0, what << ": no answer");
            NS_TEST_EXPECT_MSG_EQ(o.events, baseline, what << ": no event left");
        }
    }

    bool m_ipv6; //!< over IPv6
};

/// \ingroup l2tp-tests
/// \brief The receive side at its bounds: lengths, short messages, error and refusal paths.
class L2tpv3ControlBoundsTestSuite : public TestSuite
{
  public:
    L2tpv3ControlBoundsTestSuite()
        : TestSuite("l2tp-control-bounds")
    {
        AddTestCase(new MessageLengthBoundsTestCase);
        AddTestCase(new AvpLengthBoundsTestCase);
        for (Transport t : {Transport::UDP4, Transport::UDP6, Transport::IP4, Transport::IP6})
        {
            AddTestCase(new DecodeErrorPathTestCase(t));
            AddTestCase(new ShortMessageTestCase(t));
        }
        AddTestCase(new RefusalPathTestCase);
        AddTestCase(new UdpLengthBoundsTestCase(false));
        AddTestCase(new UdpLengthBoundsTestCase(true));
    }
};

static L2tpv3ControlBoundsTestSuite g_l2tpv3ControlBoundsTestSuite; //!< registers the suite
