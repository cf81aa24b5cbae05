/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// A control connection and its sessions driven through a fake owner: no node,
// no LCCE, no transport. The fake records what the connection sends and
// reports (messages, counters, state changes, sessions up and down); the test
// feeds the peer's messages and checks the exact message types, header fields
// and AVPs sent and every state transition (RFC 3931 §7.2, §7.3.1, §7.3.2).

#include "l2tpv3-fake-control-owner.h"

#include "ns3/boolean.h"
#include "ns3/ipv4-address.h"
#include "ns3/l2tpv3-avp.h"
#include "ns3/l2tpv3-control-connection.h"
#include "ns3/l2tpv3-control-message.h"
#include "ns3/l2tpv3-control-session.h"
#include "ns3/l2tpv3-l4-protocol.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

using M = L2tpv3MessageType;
using A = L2tpv3AvpType;
using l2tptest::FakeOwner;
using l2tptest::Msg;

/// The peer's Control Connection ID in every case.
constexpr uint32_t PEER_CCID = 0x1234;
/// The peer's Session IDs.
constexpr uint32_t PEER_SID = 0x55;

/**
 * \param m a message
 * \return its AVP types in order, e.g. "7 60 61 62 10"
 */
std::string
AvpTypes(const L2tpv3ControlMessage& m)
{
    std::ostringstream os;
    for (const auto& avp : m.GetAvps())
    {
        os << (os.tellp() > 0 ? " " : "") << avp.GetType();
    }
    return os.str();
}

/**
 * \param m a message
 * \param type an AVP type
 * \return its 16-bit value, or 0xffff when absent
 */
uint32_t
U16(const L2tpv3ControlMessage& m, A type)
{
    uint16_t v = 0xffff;
    m.GetUint16(type, v);
    return v;
}

/**
 * \param m a message
 * \param type an AVP type
 * \return its 32-bit value, or 0xffffffff when absent
 */
uint32_t
U32(const L2tpv3ControlMessage& m, A type)
{
    uint32_t v = 0xffffffff;
    m.GetUint32(type, v);
    return v;
}

/**
 * \param m a StopCCN or CDN
 * \return "result/error why", or "" without a Result Code AVP
 */
std::string
ResultOf(const L2tpv3ControlMessage& m)
{
    const L2tpv3Avp* avp = m.Find(A::RESULT_CODE);
    uint16_t result = 0;
    uint16_t error = 0;
    std::string why;
    if (!avp || !avp->GetResultCode(result, error, why))
    {
        return "";
    }
    return std::to_string(result) + "/" + std::to_string(error) + " " + why;
}

/// \return the fake owner's configuration
L2tpv3ControlConfig
Config()
{
    L2tpv3ControlConfig c;
    c.hostName = "fake";
    c.routerId = 7;
    c.receiveWindow = 8;
    c.helloInterval = Seconds(0); // no HELLO timer: every message sent is one the test caused
    c.cookieLength = 4;
    return c;
}

/// \return the peer's SCCRQ or SCCRP AVPs on \p m
L2tpv3ControlMessage
Start(M type, uint32_t ccid, uint16_t ns, uint16_t nr)
{
    L2tpv3ControlMessage m = Msg(type, ccid, ns, nr);
    m.Add(L2tpv3Avp::MakeString(A::HOST_NAME, "peer"));
    m.Add(L2tpv3Avp::MakeUint32(A::ROUTER_ID, 9));
    m.Add(L2tpv3Avp::MakeUint32(A::ASSIGNED_CONTROL_CONNECTION_ID, PEER_CCID));
    m.Add(L2tpv3Avp::MakeUint16List(A::PSEUDOWIRE_CAPABILITIES_LIST, {5}));
    return m;
}

/**
 * \return the peer's ICRQ for \p remoteEndId
 * \param ccid our Control Connection ID
 * \param ns its Ns
 * \param nr its Nr
 * \param remoteEndId the Remote End ID
 * \param pwType the Pseudowire Type
 * \param sid the peer's Local Session ID
 */
L2tpv3ControlMessage
Icrq(uint32_t ccid,
     uint16_t ns,
     uint16_t nr,
     const std::string& remoteEndId,
     uint16_t pwType,
     uint32_t sid)
{
    L2tpv3ControlMessage m = Msg(M::ICRQ, ccid, ns, nr);
    m.Add(L2tpv3Avp::MakeUint32(A::LOCAL_SESSION_ID, sid));
    m.Add(L2tpv3Avp::MakeUint32(A::REMOTE_SESSION_ID, 0));
    m.Add(L2tpv3Avp::MakeUint32(A::SERIAL_NUMBER, 1, false));
    m.Add(L2tpv3Avp::MakeUint16(A::PSEUDOWIRE_TYPE, pwType));
    m.Add(L2tpv3Avp::MakeString(A::REMOTE_END_ID, remoteEndId));
    m.Add(L2tpv3Avp::MakeUint16(A::CIRCUIT_STATUS, 3));
    return m;
}

/// The recipient's side: SCCRQ -> SCCRP, SCCCN, ICRQ -> ICRP, ICCN (up), CDN (down),
/// refused ICRQs (Result Codes 5 and 14), a second session, StopCCN (down, finish).
class ResponderTestCase : public TestCase
{
  public:
    ResponderTestCase()
        : TestCase("a responding connection and its recipient sessions, through a fake owner")
    {
    }

  private:
    void DoRun() override
    {
        FakeOwner owner;
        owner.offers["vc1"] = L2tpv3CallOffer::OFFERED;
        Ptr<UniformRandomVariable> random = CreateObject<UniformRandomVariable>();
        random->SetStream(1);
        const uint32_t ours = 0xabc;
        Ptr<L2tpv3ControlConnection> c = Create<L2tpv3ControlConnection>(&owner,
                                                                         Config(),
                                                                         random,
                                                                         ours,
                                                                         Ipv4Address("10.0.0.1"),
                                                                         Ipv4Address("10.0.0.2"),
                                                                         1701);

        // §7.2: idle, receive SCCRQ, acceptable: send SCCRP, wait-ctl-conn.
        c->ReceiveFirstSccrq(Start(M::SCCRQ, 0, 0, 0));
        NS_TEST_ASSERT_MSG_EQ(owner.sent.size(), 1, "one message sent");
        const L2tpv3ControlMessage& sccrp = owner.sent[0];
        NS_TEST_EXPECT_MSG_EQ(L2tpv3MessageTypeName(uint16_t(sccrp.GetMessageType())),
                              "SCCRP",
                              "an SCCRP");
        NS_TEST_EXPECT_MSG_EQ(sccrp.GetControlConnectionId(), PEER_CCID, "to the peer's ID");
        NS_TEST_EXPECT_MSG_EQ(sccrp.GetNs(), 0, "Ns 0");
        NS_TEST_EXPECT_MSG_EQ(sccrp.GetNr(), 1, "Nr 1: the SCCRQ acknowledged");
        // Message Type 0 (always first, §5.4.1), Host Name 7, Router ID 60, Assigned CCID 61, PW
        // Capabilities 62, RWS 10 (§5.4.3).
        NS_TEST_EXPECT_MSG_EQ(AvpTypes(sccrp), "0 7 60 61 62 10", "the SCCRP's AVPs, in order");
        NS_TEST_EXPECT_MSG_EQ(sccrp.Find(A::HOST_NAME)->GetString(), "fake", "our Host Name");
        NS_TEST_EXPECT_MSG_EQ(U32(sccrp, A::ROUTER_ID), 7, "our Router ID");
        NS_TEST_EXPECT_MSG_EQ(U32(sccrp, A::ASSIGNED_CONTROL_CONNECTION_ID), ours, "our ID");
        NS_TEST_EXPECT_MSG_EQ(U16(sccrp, A::RECEIVE_WINDOW_SIZE), 8, "the configured window");
        std::vector<uint16_t> caps;
        sccrp.Find(A::PSEUDOWIRE_CAPABILITIES_LIST)->GetUint16List(caps);
        NS_TEST_EXPECT_MSG_EQ(caps.size(), 2, "two pseudowire types");
        NS_TEST_EXPECT_MSG_EQ(caps[0] * 100 + caps[1], 504, "Ethernet (5), Ethernet VLAN (4)");
        NS_TEST_EXPECT_MSG_EQ(owner.TakeEvents(),
                              "connection idle -> wait-ctl-conn\n",
                              "wait-ctl-conn");
        NS_TEST_EXPECT_MSG_EQ(c->GetPeerHostName(), "peer", "the peer's Host Name read");
        NS_TEST_EXPECT_MSG_EQ(c->GetPeerRouterId(), 9, "the peer's Router ID read");

        // §7.2: wait-ctl-conn, receive SCCCN, acceptable: established.
        c->Receive(Msg(M::SCCCN, ours, 1, 1));
        NS_TEST_EXPECT_MSG_EQ(owner.TakeEvents(),
                              "connection wait-ctl-conn -> established\n",
                              "established");

        // §7.3.2: idle, receive ICRQ, acceptable: send ICRP, wait-connect.
        owner.sent.clear();
        c->Receive(Icrq(ours, 2, 1, "vc1", 5, PEER_SID));
        NS_TEST_ASSERT_MSG_EQ(owner.sent.size(), 1, "one message sent");
        const L2tpv3ControlMessage& icrp = owner.sent[0];
        NS_TEST_EXPECT_MSG_EQ(L2tpv3MessageTypeName(uint16_t(icrp.GetMessageType())),
                              "ICRP",
                              "an ICRP");
        NS_TEST_EXPECT_MSG_EQ(icrp.GetNs(), 1, "Ns 1");
        NS_TEST_EXPECT_MSG_EQ(icrp.GetNr(), 3, "Nr 3");
        // Local and Remote Session ID 63 64, Circuit Status 71, Assigned Cookie 65,
        // L2-Specific Sublayer 69, Data Sequencing 70.
        NS_TEST_EXPECT_MSG_EQ(AvpTypes(icrp), "0 63 64 71 65 69 70", "the ICRP's AVPs, in order");
        NS_TEST_EXPECT_MSG_EQ(U32(icrp, A::LOCAL_SESSION_ID), 100, "the ID the owner allocated");
        NS_TEST_EXPECT_MSG_EQ(U32(icrp, A::REMOTE_SESSION_ID), PEER_SID, "the peer's ID");
        NS_TEST_EXPECT_MSG_EQ(U16(icrp, A::CIRCUIT_STATUS), 3, "active, new");
        NS_TEST_EXPECT_MSG_EQ(icrp.Find(A::ASSIGNED_COOKIE)->GetValue().size(),
                              4,
                              "a cookie of the configured length");
        NS_TEST_EXPECT_MSG_EQ(U16(icrp, A::L2_SPECIFIC_SUBLAYER), 0, "no sublayer (the ICRQ's)");
        NS_TEST_EXPECT_MSG_EQ(U16(icrp, A::DATA_SEQUENCING), 0, "no sequencing asked");
        NS_TEST_EXPECT_MSG_EQ(owner.TakeEvents(),
                              "session 100 idle -> wait-connect\n",
                              "wait-connect");

        // §7.3.2: wait-connect, receive ICCN, acceptable: prepare for data, established.
        L2tpv3ControlMessage iccn = Msg(M::ICCN, ours, 3, 2);
        iccn.Add(L2tpv3Avp::MakeUint32(A::LOCAL_SESSION_ID, PEER_SID));
        iccn.Add(L2tpv3Avp::MakeUint32(A::REMOTE_SESSION_ID, 100));
        c->Receive(iccn);
        NS_TEST_EXPECT_MSG_EQ(owner.TakeEvents(),
                              "session 100 wait-connect -> established\nup 100\n",
                              "the session is up");
        NS_TEST_ASSERT_MSG_EQ(owner.up.size(), 1, "one session up");
        NS_TEST_EXPECT_MSG_EQ(owner.up[0].remoteSessionId, PEER_SID, "with the peer's ID");
        NS_TEST_EXPECT_MSG_EQ(owner.up[0].remoteEndId, "vc1", "for vc1");
        NS_TEST_EXPECT_MSG_EQ(owner.up[0].localCookie.GetLength(), 4, "with our cookie");
        NS_TEST_EXPECT_MSG_EQ(c->GetSessions().size(), 1, "one session");

        // §7.3.2: established, receive CDN: clean up; the owner takes the pseudowire down.
        L2tpv3ControlMessage cdn = Msg(M::CDN, ours, 4, 2);
        cdn.Add(L2tpv3Avp::MakeResultCode(3, 0, ""));
        cdn.Add(L2tpv3Avp::MakeUint32(A::LOCAL_SESSION_ID, PEER_SID));
        cdn.Add(L2tpv3Avp::MakeUint32(A::REMOTE_SESSION_ID, 100));
        c->Receive(cdn);
        NS_TEST_EXPECT_MSG_EQ(owner.TakeEvents(),
                              "session 100 established -> idle\ndown 100 cdn_received\n",
                              "the session is down");
        NS_TEST_EXPECT_MSG_EQ(owner.counts["cdn_received 3"], 1, "the CDN counted");
        NS_TEST_EXPECT_MSG_EQ(c->GetSessions().size(), 0, "the session forgotten");

        // §5.4.2 Result Code 5: an ICRQ for a Remote End ID nobody offers, refused by the
        // recipient's "receive ICRQ, not acceptable" row.
        owner.sent.clear();
        c->Receive(Icrq(ours, 5, 2, "vc9", 5, PEER_SID + 1));
        NS_TEST_ASSERT_MSG_EQ(owner.sent.size(), 1, "one message sent");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3MessageTypeName(uint16_t(owner.sent[0].GetMessageType())),
                              "CDN",
                              "a CDN");
        NS_TEST_EXPECT_MSG_EQ(AvpTypes(owner.sent[0]), "0 63 64 1", "IDs, Result Code");
        NS_TEST_EXPECT_MSG_EQ(U32(owner.sent[0], A::LOCAL_SESSION_ID), 101, "our new ID");
        NS_TEST_EXPECT_MSG_EQ(U32(owner.sent[0], A::REMOTE_SESSION_ID), PEER_SID + 1, "the peer's");
        NS_TEST_EXPECT_MSG_EQ(ResultOf(owner.sent[0]),
                              "5/0 Remote End ID 'vc9' not offered",
                              "Result Code 5");
        NS_TEST_EXPECT_MSG_EQ(owner.TakeEvents(), "", "no state left idle, nothing up");
        NS_TEST_EXPECT_MSG_EQ(c->GetSessions().size(), 0, "no session kept");

        // §5.4.2 Result Code 14: a pseudowire type other than Ethernet (5) or VLAN (4).
        owner.sent.clear();
        c->Receive(Icrq(ours, 6, 3, "vc1", 7, PEER_SID + 2));
        NS_TEST_ASSERT_MSG_EQ(owner.sent.size(), 1, "one message sent");
        NS_TEST_EXPECT_MSG_EQ(ResultOf(owner.sent[0]),
                              "14/0 pseudowire type 7 not supported",
                              "Result Code 14");

        // §5.4.2 Result Code 4: the owner says the pseudowire has a session already.
        owner.offers["vc1"] = L2tpv3CallOffer::IN_USE;
        owner.sent.clear();
        c->Receive(Icrq(ours, 7, 4, "vc1", 5, PEER_SID + 3));
        NS_TEST_ASSERT_MSG_EQ(owner.sent.size(), 1, "one message sent");
        NS_TEST_EXPECT_MSG_EQ(ResultOf(owner.sent[0]),
                              "4/0 Remote End ID 'vc1' has a session already",
                              "Result Code 4");
        NS_TEST_EXPECT_MSG_EQ(owner.counts["cdn_sent 5"] * 100 + owner.counts["cdn_sent 14"] * 10 +
                                  owner.counts["cdn_sent 4"],
                              111,
                              "each refusal counted by its Result Code");

        // A second session comes up, then the peer's StopCCN takes it down with the connection.
        owner.offers["vc1"] = L2tpv3CallOffer::OFFERED;
        c->Receive(Icrq(ours, 8, 5, "vc1", 5, PEER_SID + 4));
        L2tpv3ControlMessage iccn2 = Msg(M::ICCN, ours, 9, 6);
        iccn2.Add(L2tpv3Avp::MakeUint32(A::LOCAL_SESSION_ID, PEER_SID + 4));
        iccn2.Add(L2tpv3Avp::MakeUint32(A::REMOTE_SESSION_ID, 104));
        c->Receive(iccn2);
        NS_TEST_EXPECT_MSG_EQ(owner.TakeEvents(),
                              "session 104 idle -> wait-connect\n"
                              "session 104 wait-connect -> established\nup 104\n",
                              "the second session is up");
        L2tpv3ControlMessage stop = Msg(M::STOPCCN, ours, 10, 6);
        stop.Add(L2tpv3Avp::MakeUint32(A::ASSIGNED_CONTROL_CONNECTION_ID, PEER_CCID));
        stop.Add(L2tpv3Avp::MakeResultCode(1, 0, ""));
        c->Receive(stop);
        // §7.2: any state, receive StopCCN: clean up; sessions go without CDNs (§7.1).
        NS_TEST_EXPECT_MSG_EQ(owner.TakeEvents(),
                              "session 104 established -> idle\ndown 104 connection_closed\n"
                              "finish\nconnection established -> idle\n",
                              "the session and the connection are down");
        NS_TEST_EXPECT_MSG_EQ(owner.counts["stopccn_received 1"], 1, "the StopCCN counted");
        NS_TEST_EXPECT_MSG_EQ(owner.counts["protocol_error"], 0, "no protocol error");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3ConnectionStateName(c->GetState()), "idle", "idle");
        Simulator::Destroy();
    }
};

/// The initiator's side over UDP: local open -> SCCRQ (tie breaker); SCCRP from another
/// port (adopted) -> SCCCN and the waiting session's ICRQ; the peer's crossing ICRQ loses
/// the session tie breaker (CDN 13); ICRP -> ICCN, up; an SCCRQ tie won (StopCCN row).
class InitiatorTestCase : public TestCase
{
  public:
    InitiatorTestCase()
        : TestCase("an initiating connection, its sender session and both tie breakers")
    {
    }

  private:
    void DoRun() override
    {
        FakeOwner owner;
        owner.offers["vc2"] = L2tpv3CallOffer::INITIATED;
        Ptr<UniformRandomVariable> random = CreateObject<UniformRandomVariable>();
        random->SetStream(2);
        const uint32_t ours = 0xdef;
        Ptr<L2tpv3ControlConnection> c = Create<L2tpv3ControlConnection>(&owner,
                                                                         Config(),
                                                                         random,
                                                                         ours,
                                                                         Ipv4Address("10.0.0.1"),
                                                                         Ipv4Address("10.0.0.2"),
                                                                         1701);
        L2tpv3SessionParameters p;
        p.localSessionId = 200;
        p.remoteEndId = "vc2";
        p.serialNumber = 42;
        p.tieBreaker = 5;
        c->OpenSession(p);
        NS_TEST_EXPECT_MSG_EQ(owner.TakeEvents(),
                              "session 200 idle -> wait-control-conn\n",
                              "§7.3.1: the session waits for its connection");
        NS_TEST_EXPECT_MSG_EQ(owner.sent.size(), 0, "nothing sent before the connection opens");

        NS_TEST_EXPECT_MSG_EQ(c->Handle(L2tpv3ConnectionEvent::LOCAL_OPEN), true, "a row");
        NS_TEST_ASSERT_MSG_EQ(owner.sent.size(), 1, "one message sent");
        const L2tpv3ControlMessage sccrq = owner.sent[0];
        NS_TEST_EXPECT_MSG_EQ(L2tpv3MessageTypeName(uint16_t(sccrq.GetMessageType())),
                              "SCCRQ",
                              "an SCCRQ");
        NS_TEST_EXPECT_MSG_EQ(sccrq.GetControlConnectionId(), 0, "§3.2.1: to ID 0");
        // ... and the Control Connection Tie Breaker (5), drawn since the config asks.
        NS_TEST_EXPECT_MSG_EQ(AvpTypes(sccrq), "0 7 60 61 62 10 5", "the SCCRQ's AVPs, in order");
        uint64_t tie = 0;
        NS_TEST_EXPECT_MSG_EQ(sccrq.GetUint64(A::CONTROL_CONNECTION_TIE_BREAKER, tie),
                              true,
                              "a tie breaker");
        NS_TEST_EXPECT_MSG_EQ(tie, c->GetTieBreaker(), "the connection's tie breaker");
        NS_TEST_EXPECT_MSG_NE(tie, 0, "non-zero");
        NS_TEST_EXPECT_MSG_EQ(owner.TakeEvents(),
                              "connection idle -> wait-ctl-reply\n",
                              "wait-ctl-reply");

        // §5.4.3: a crossing SCCRQ from the same peer with a larger value: we win; the
        // table's row hands the refusal (StopCCN 3) to the owner with the SCCRQ's source.
        L2tpv3ControlMessage theirs = Start(M::SCCRQ, 0, 0, 0);
        theirs.Add(L2tpv3Avp::MakeUint64(A::CONTROL_CONNECTION_TIE_BREAKER, tie + 1));
        L2tpv3ControlSource source;
        source.peer = Ipv4Address("10.0.0.2");
        NS_TEST_EXPECT_MSG_EQ(c->ResolveTie(theirs, &source), 2, "we won");
        NS_TEST_EXPECT_MSG_EQ(owner.TakeEvents(), "reject sccrq 3\n", "refused, state kept");
        NS_TEST_EXPECT_MSG_EQ((owner.rejectSource == &source), true, "with the SCCRQ's source");
        L2tpv3ControlMessage none = Start(M::SCCRQ, 0, 0, 0);
        NS_TEST_EXPECT_MSG_EQ(c->ResolveTie(none, nullptr), 2, "one with no tie breaker loses");
        owner.TakeEvents();

        // §7.2: wait-ctl-reply, receive SCCRP, acceptable: send SCCCN, established; the
        // waiting session sends its ICRQ. §4.1.2.2: the SCCRP's source port is adopted.
        owner.sent.clear();
        c->Receive(Start(M::SCCRP, ours, 0, 1), 5000);
        NS_TEST_EXPECT_MSG_EQ(c->GetPeerPort(), 5000, "the SCCRP's source port adopted");
        NS_TEST_ASSERT_MSG_EQ(owner.sent.size(), 2, "two messages sent");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3MessageTypeName(uint16_t(owner.sent[0].GetMessageType())),
                              "SCCCN",
                              "the SCCCN first");
        NS_TEST_EXPECT_MSG_EQ(owner.sent[0].GetControlConnectionId(), PEER_CCID, "to the peer");
        NS_TEST_EXPECT_MSG_EQ(AvpTypes(owner.sent[0]), "0", "the Message Type alone");
        const L2tpv3ControlMessage icrq = owner.sent[1];
        NS_TEST_EXPECT_MSG_EQ(L2tpv3MessageTypeName(uint16_t(icrq.GetMessageType())),
                              "ICRQ",
                              "then the ICRQ");
        NS_TEST_EXPECT_MSG_EQ(icrq.GetNs(), 2, "Ns 2");
        // IDs 63 64, Serial 15, PW Type 68, Remote End ID 66, Circuit Status 71, Session Tie
        // Breaker 5, sublayer 69, sequencing 70 (no cookie: none in the parameters).
        NS_TEST_EXPECT_MSG_EQ(AvpTypes(icrq),
                              "0 63 64 15 68 66 71 5 69 70",
                              "the ICRQ's AVPs, in order");
        NS_TEST_EXPECT_MSG_EQ(U32(icrq, A::LOCAL_SESSION_ID), 200, "our Session ID");
        NS_TEST_EXPECT_MSG_EQ(U32(icrq, A::REMOTE_SESSION_ID), 0, "none of the peer's yet");
        NS_TEST_EXPECT_MSG_EQ(U32(icrq, A::SERIAL_NUMBER), 42, "the Serial Number");
        NS_TEST_EXPECT_MSG_EQ(icrq.Find(A::REMOTE_END_ID)->GetString(), "vc2", "vc2");
        NS_TEST_EXPECT_MSG_EQ(owner.TakeEvents(),
                              "session 200 wait-control-conn -> wait-reply\n"
                              "connection wait-ctl-reply -> established\n",
                              "the session moves before the connection reports established");

        // §5.4.4: the peer's ICRQ for the same pseudowire crosses ours with a larger Session
        // Tie Breaker: ours wins, theirs is refused with CDN 13, our session waits on.
        owner.sent.clear();
        L2tpv3ControlMessage crossing = Icrq(ours, 1, 3, "vc2", 5, PEER_SID);
        crossing.Add(L2tpv3Avp::MakeUint64(A::CONTROL_CONNECTION_TIE_BREAKER, 9));
        c->Receive(crossing);
        NS_TEST_ASSERT_MSG_EQ(owner.sent.size(), 1, "one message sent");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3MessageTypeName(uint16_t(owner.sent[0].GetMessageType())),
                              "CDN",
                              "a CDN");
        NS_TEST_EXPECT_MSG_EQ(U32(owner.sent[0], A::LOCAL_SESSION_ID), 0, "no session of ours");
        NS_TEST_EXPECT_MSG_EQ(U32(owner.sent[0], A::REMOTE_SESSION_ID), PEER_SID, "theirs");
        NS_TEST_EXPECT_MSG_EQ(ResultOf(owner.sent[0]),
                              "13/0 session tie breaker lost",
                              "Result Code 13");
        NS_TEST_EXPECT_MSG_EQ(owner.TakeEvents(), "", "our session stays in wait-reply");
        NS_TEST_EXPECT_MSG_EQ(owner.nextSessionId, 100, "no Session ID allocated for theirs");

        // §7.3.1: wait-reply, receive ICRP, acceptable: send ICCN, established.
        owner.sent.clear();
        L2tpv3ControlMessage icrp = Msg(M::ICRP, ours, 2, 4);
        icrp.Add(L2tpv3Avp::MakeUint32(A::LOCAL_SESSION_ID, PEER_SID + 1));
        icrp.Add(L2tpv3Avp::MakeUint32(A::REMOTE_SESSION_ID, 200));
        icrp.Add(L2tpv3Avp::MakeUint16(A::CIRCUIT_STATUS, 1)); // §5.4.5: required in ICRP
        c->Receive(icrp, 5000);
        NS_TEST_ASSERT_MSG_EQ(owner.sent.size(), 1, "one message sent");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3MessageTypeName(uint16_t(owner.sent[0].GetMessageType())),
                              "ICCN",
                              "an ICCN");
        NS_TEST_EXPECT_MSG_EQ(AvpTypes(owner.sent[0]), "0 63 64", "the IDs");
        NS_TEST_EXPECT_MSG_EQ(U32(owner.sent[0], A::REMOTE_SESSION_ID), PEER_SID + 1, "theirs");
        NS_TEST_EXPECT_MSG_EQ(owner.TakeEvents(),
                              "session 200 wait-reply -> established\nup 200\n",
                              "the session is up");

        // A local close request (§7.3.1): CDN with the given Result Code, down, cdn_sent.
        owner.sent.clear();
        Ptr<L2tpv3ControlSession> session = c->FindSession(200);
        NS_TEST_ASSERT_MSG_EQ(bool(session), true, "the session is kept");
        if (!session)
        {
            return;
        }
        NS_TEST_EXPECT_MSG_EQ(session->Close(3), true, "a row");
        NS_TEST_ASSERT_MSG_EQ(owner.sent.size(), 1, "one message sent");
        NS_TEST_EXPECT_MSG_EQ(ResultOf(owner.sent[0]), "3/0 ", "Result Code 3");
        NS_TEST_EXPECT_MSG_EQ(owner.TakeEvents(),
                              "session 200 established -> idle\ndown 200 cdn_sent\n",
                              "the session is down");

        // An administrative close: StopCCN Result Code 1 (§5.4.2), finish after the
        // retransmission cycle (§7.1).
        owner.sent.clear();
        NS_TEST_EXPECT_MSG_EQ(c->Handle(L2tpv3ConnectionEvent::ADMIN_CLOSE), true, "a row");
        NS_TEST_ASSERT_MSG_EQ(owner.sent.size(), 1, "one message sent");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3MessageTypeName(uint16_t(owner.sent[0].GetMessageType())),
                              "StopCCN",
                              "a StopCCN");
        NS_TEST_EXPECT_MSG_EQ(AvpTypes(owner.sent[0]), "0 61 1", "Assigned CCID, Result Code");
        NS_TEST_EXPECT_MSG_EQ(ResultOf(owner.sent[0]), "1/0 ", "Result Code 1");
        NS_TEST_EXPECT_MSG_EQ(owner.TakeEvents(),
                              "finish\nconnection established -> idle\n",
                              "idle");
        NS_TEST_EXPECT_MSG_EQ(owner.counts["stopccn_sent 1"], 1, "counted");
        Simulator::Destroy();
    }
};

/// Found by utils/fuzz-l2tp-fsm: a connection cleaned up by the peer's StopCCN lingers in
/// idle (§7.1); an SCCRQ with its Control Connection ID then took §7.2's idle row (SCCRP,
/// wait-ctl-conn), so sessions could come up on a connection the owner had been told to
/// forget (Finish), and were forgotten with it, their devices up. Now an error, counted.
class FinishedConnectionTestCase : public TestCase
{
  public:
    FinishedConnectionTestCase()
        : TestCase("a connection cleaned up lingers only: an SCCRQ does not reopen it")
    {
    }

  private:
    void DoRun() override
    {
        FakeOwner owner;
        Ptr<UniformRandomVariable> random = CreateObject<UniformRandomVariable>();
        random->SetStream(1);
        const uint32_t ours = 0xabc;
        Ptr<L2tpv3ControlConnection> c = Create<L2tpv3ControlConnection>(&owner,
                                                                         Config(),
                                                                         random,
                                                                         ours,
                                                                         Ipv4Address("10.0.0.1"),
                                                                         Ipv4Address("10.0.0.2"),
                                                                         1701);
        c->ReceiveFirstSccrq(Start(M::SCCRQ, 0, 0, 0));
        c->Receive(Msg(M::SCCCN, ours, 1, 1));
        L2tpv3ControlMessage stop = Msg(M::STOPCCN, ours, 2, 1);
        stop.Add(L2tpv3Avp::MakeUint32(A::ASSIGNED_CONTROL_CONNECTION_ID, PEER_CCID));
        stop.Add(L2tpv3Avp::MakeResultCode(1, 0, ""));
        c->Receive(stop);
        NS_TEST_EXPECT_MSG_EQ(owner.TakeEvents(),
                              "connection idle -> wait-ctl-conn\n"
                              "connection wait-ctl-conn -> established\n"
                              "finish\n"
                              "connection established -> idle\n",
                              "established, then cleaned up by the StopCCN");
        owner.sent.clear();

        // §7.1: lingering, the connection acknowledges (the channel) and acts on nothing.
        c->Receive(Start(M::SCCRQ, ours, 3, 1));
        NS_TEST_EXPECT_MSG_EQ(L2tpv3ConnectionStateName(c->GetState()), "idle", "still idle");
        NS_TEST_EXPECT_MSG_EQ(owner.TakeEvents(), "", "no second life (no wait-ctl-conn)");
        for (const auto& m : owner.sent)
        {
            NS_TEST_EXPECT_MSG_EQ(L2tpv3MessageTypeName(uint16_t(m.GetMessageType())),
                                  "ZLB",
                                  "no SCCRP: only an acknowledgement");
        }
        NS_TEST_EXPECT_MSG_EQ(owner.counts["protocol_error"], 1, "the SCCRQ counted as an error");
        NS_TEST_EXPECT_MSG_EQ(c->GetChannel()->GetCounters().rxMessages, 4, "all four delivered");
        Simulator::Run(); // the acknowledgement timer
        Simulator::Destroy();
    }
};

/// A connection's channel is a copy of a prototype channel (CopyObject: no attribute
/// construction per channel, NewChannel); it must still be an ns3::L2tpv3ControlChannel to
/// ns-3's attribute and trace lookups by name, and carry the connection's configuration.
class ChannelByNameTestCase : public TestCase
{
  public:
    ChannelByNameTestCase()
        : TestCase("a connection's channel: its TypeId, attributes and traces by name")
    {
    }

  private:
    void DoRun() override
    {
        FakeOwner owner;
        Ptr<UniformRandomVariable> random = CreateObject<UniformRandomVariable>();
        random->SetStream(1);
        L2tpv3ControlConfig config = Config();
        config.retransmitTimeout = MilliSeconds(700);
        config.maxRetries = 3;
        config.authenticates = true; // ExplicitAck
        Ptr<L2tpv3ControlConnection> c = Create<L2tpv3ControlConnection>(&owner,
                                                                         config,
                                                                         random,
                                                                         0xabc,
                                                                         Ipv4Address("10.0.0.1"),
                                                                         Ipv4Address("10.0.0.2"),
                                                                         1701);
        Ptr<L2tpv3ControlChannel> ch = c->GetChannel();
        NS_TEST_ASSERT_MSG_NE(ch, nullptr, "a channel");
        NS_TEST_EXPECT_MSG_EQ(ch->GetInstanceTypeId().GetName(),
                              "ns3::L2tpv3ControlChannel",
                              "its own TypeId, not Object's");
        TimeValue timeout;
        ch->GetAttribute("RetransmitTimeout", timeout);
        NS_TEST_EXPECT_MSG_EQ(timeout.Get(), MilliSeconds(700), "the connection's timeout");
        UintegerValue retries;
        ch->GetAttribute("MaxRetries", retries);
        NS_TEST_EXPECT_MSG_EQ(retries.Get(), 3, "the connection's MaxRetries");
        UintegerValue window;
        ch->GetAttribute("ReceiveWindowSize", window);
        NS_TEST_EXPECT_MSG_EQ(window.Get(), 8, "the connection's Receive Window Size");
        BooleanValue explicitAck;
        ch->GetAttribute("ExplicitAck", explicitAck);
        NS_TEST_EXPECT_MSG_EQ(explicitAck.Get(), true, "ACK messages with authentication");
        // A trace connected by name fires for what the connection sends.
        uint32_t tx = 0;
        bool connected =
            ch->TraceConnectWithoutContext("Tx",
                                           Callback<void, const L2tpv3ControlMessage&, bool>(
                                               [&tx](const L2tpv3ControlMessage&, bool) {
                                                   ++tx;
                                               }));
        NS_TEST_EXPECT_MSG_EQ(connected, true, "Tx connected by name");
        c->Handle(L2tpv3ConnectionEvent::LOCAL_OPEN);
        NS_TEST_EXPECT_MSG_EQ(tx, 1, "the SCCRQ seen on the Tx trace");
        NS_TEST_EXPECT_MSG_EQ(owner.sent.size(), 1, "and sent");
        // A new attribute value by name takes effect on the channel.
        ch->SetAttribute("MaxRetries", UintegerValue(5));
        ch->GetAttribute("MaxRetries", retries);
        NS_TEST_EXPECT_MSG_EQ(retries.Get(), 5, "set by name");
        ch->Close();
        Simulator::Run();
        Simulator::Destroy();
    }
};

/// The suite.
class L2tpv3ControlOwnerTestSuite : public TestSuite
{
  public:
    L2tpv3ControlOwnerTestSuite()
        : TestSuite("l2tp-control-owner")
    {
        AddTestCase(new ResponderTestCase);
        AddTestCase(new InitiatorTestCase);
        AddTestCase(new FinishedConnectionTestCase);
        AddTestCase(new ChannelByNameTestCase);
    }
};

/// The suite's instance.
static L2tpv3ControlOwnerTestSuite g_l2tpv3ControlOwnerTestSuite;

} // namespace
