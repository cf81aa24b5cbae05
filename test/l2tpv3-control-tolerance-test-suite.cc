/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Our LCCE against what real peers do (issue 19, Part A): a scripted peer plays
// each behaviour seen from Cisco IOS, freeRtr and others, and each case states its
// pass condition. "Healthy" below means: the control connection stays established
// for at least 10 HELLO intervals, we send no StopCCN and no CDN, and no protocol
// error is counted.
//  - UDP port adoption (RFC 3931 §4.1.2.2): the responder answers from another port;
//  - the §5.4.3 tie breaker: a winner refuses with a StopCCN alone, equal values
//    restart, the peer is known by its Router ID;
//  - a CDN naming no session clears the connection (§7.1);
//  - tolerance: a constant tie breaker, M = 1 on Host Name, Receive Window Size and
//    Serial Number, a ZLB repeating an unacknowledged Ns, duplicates acknowledged only
//    for HELLO, a peer that forgets the connection, a late ICRQ, a peer that handles one
//    message at a time (MaxSetupWindow), a CDN for a session already gone.

#include "l2tp-scripted-peer.h"

#include "ns3/address.h"
#include "ns3/boolean.h"
#include "ns3/bridge-helper.h"
#include "ns3/bridge-net-device.h"
#include "ns3/callback.h"
#include "ns3/config.h"
#include "ns3/csma-helper.h"
#include "ns3/csma-net-device.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/error-model.h"
#include "ns3/ethernet-header.h"
#include "ns3/icmpv6-l4-protocol.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-interface-container.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-raw-socket-factory.h"
#include "ns3/ipv4-routing-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-address-helper.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-interface-container.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/ipv6-raw-socket-factory.h"
#include "ns3/ipv6-static-routing-helper.h"
#include "ns3/ipv6.h"
#include "ns3/l2tpv3-avp.h"
#include "ns3/l2tpv3-control-connection.h"
#include "ns3/l2tpv3-control-message.h"
#include "ns3/l2tpv3-control-session.h"
#include "ns3/l2tpv3-counters.h"
#include "ns3/l2tpv3-l4-protocol.h"
#include "ns3/l2tpv3-lcce-helper.h"
#include "ns3/l2tpv3-lcce.h"
#include "ns3/l2tpv3-net-device.h"
#include "ns3/l2tpv3-udp-header.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/pointer.h"
#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/udp-header.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

using A = L2tpv3AvpType;
using M = L2tpv3MessageType;

/// The HELLO interval of these cases (seconds): short, so 10 intervals are quick.
constexpr double HELLO = 2;
/// The peer's Control Connection ID and Session ID (the scripted peer's).
constexpr uint32_t PEER_CCID = SCRIPTED_PEER_CCID;
constexpr uint32_t PEER_SESSION = SCRIPTED_PEER_SESSION;

/**
 * \param peer the peer
 * \param type a message type
 * \return when our LCCE's messages of that type arrived (seconds)
 */
std::vector<double>
Times(const ScriptedPeer& peer, M type)
{
    std::vector<double> t;
    for (std::size_t i = 0; i < peer.answers.size(); ++i)
    {
        if (peer.answers[i].GetMessageType() == type)
        {
            t.push_back(peer.answeredAt[i]);
        }
    }
    return t;
}

/**
 * \param m a message
 * \return its Result Code AVP's Result Code and Error Code
 */
std::pair<uint16_t, uint16_t>
ResultOf(const L2tpv3ControlMessage& m)
{
    uint16_t result = 0;
    uint16_t error = 0;
    std::string why;
    if (const L2tpv3Avp* avp = m.Find(A::RESULT_CODE))
    {
        avp->GetResultCode(result, error, why);
    }
    return {result, error};
}

} // namespace

/// A case with the scripted peer and the "healthy" pass condition.
class ToleranceTestCase : public TestCase
{
  public:
    /** \param name the case's name */
    explicit ToleranceTestCase(const std::string& name)
        : TestCase(name)
    {
    }

  protected:
    /**
     * \brief The pass condition of a tolerated behaviour: established for 10 HELLO
     * intervals after \p from, HELLOs sent all along, no StopCCN, no CDN, no protocol error.
     * \param peer the peer
     * \param from when the behaviour was over (seconds)
     * \param sessions the sessions expected up
     */
    void ExpectHealthy(const ScriptedPeer& peer, double from, uint32_t sessions = 1)
    {
        uint32_t established = 0;
        for (const auto& [id, c] : peer.lcce->GetConnections())
        {
            established += c->GetState() == L2tpv3ConnectionState::ESTABLISHED;
        }
        NS_TEST_EXPECT_MSG_EQ(established, 1, "the connection is established at the end");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(Simulator::Now().GetSeconds(),
                                    from + 10 * HELLO,
                                    "the run covers 10 HELLO intervals after the behaviour");
        uint32_t hellos = 0;
        for (double t : Times(peer, M::HELLO))
        {
            hellos += t > from;
        }
        // HelloJitter shortens intervals: at least one HELLO per interval.
        NS_TEST_EXPECT_MSG_GT_OR_EQ(hellos, 10, "a HELLO every interval, acknowledged");
        NS_TEST_EXPECT_MSG_EQ(peer.Count(M::STOPCCN), 0, "no StopCCN: " << TypeNames(peer.Types()));
        NS_TEST_EXPECT_MSG_EQ(peer.Count(M::CDN), 0, "no CDN");
        L2tpv3LcceCounters c = peer.lcce->GetCounters();
        NS_TEST_EXPECT_MSG_EQ(c.protocolErrors, 0, "no protocol error");
        NS_TEST_EXPECT_MSG_EQ(c.timeouts, 0, "the peer never declared dead");
        NS_TEST_EXPECT_MSG_EQ(peer.lcce->GetNSessionsUp(), sessions, "sessions up");
    }

    /**
     * \param peer the peer
     * \param helloInterval the HELLO interval (seconds)
     */
    static void Configure(ScriptedPeer& peer, double helloInterval = HELLO)
    {
        peer.lcce->SetAttribute("HelloInterval", TimeValue(Seconds(helloInterval)));
    }
};

/// §4.1.2.2: the initiator adopts the port the responder's SCCRP came from.
class PortAdoptionTestCase : public ToleranceTestCase
{
  public:
    PortAdoptionTestCase()
        : ToleranceTestCase("§4.1.2.2: SCCRP from port 5000 for an SCCRQ to 1701: SCCCN, ICRQ, "
                            "ICCN, HELLOs and data all go to port 5000")
    {
    }

  private:
    void DoRun() override
    {
        ScriptedPeer peer(Ipv4Address("10.1.1.1"), 1701, Ipv4Address("10.1.1.2"));
        Configure(peer);
        peer.AddSocket(5000);
        peer.lcce->AddPseudowire(peer.lcce->AddPeer(peer.lcceAddress, peer.peerAddress),
                                 "vc1",
                                 nullptr);
        // The responder "picks a free port on its own system" and answers from it.
        peer.onAnswer = [&peer](const L2tpv3ControlMessage& m) {
            Respond(peer, m, 5000);
        };
        // On the wire: every UDP datagram our LCCE's router sends, (source, destination) port.
        std::vector<std::pair<uint16_t, uint16_t>> wire;
        peer.devices.Get(1)->TraceConnectWithoutContext(
            "PromiscSniffer",
            Callback<void, Ptr<const Packet>>([&wire, &peer](Ptr<const Packet> packet) {
                Ptr<Packet> copy = packet->Copy();
                EthernetHeader ethernet;
                copy->RemoveHeader(ethernet);
                Ipv4Header ip;
                UdpHeader udp;
                if (ethernet.GetLengthType() == 0x0800 && copy->RemoveHeader(ip) &&
                    ip.GetProtocol() == 17 && ip.GetSource() == peer.lcceAddress &&
                    copy->RemoveHeader(udp))
                {
                    wire.emplace_back(udp.GetSourcePort(), udp.GetDestinationPort());
                }
            }));
        Ptr<L2tpv3NetDevice> device = peer.lcce->GetDevice("vc1");
        for (double t : {2.0, 2.5, 3.0})
        {
            Simulator::Schedule(Seconds(t), [device]() {
                device->Send(Create<Packet>(64), Mac48Address("ff:ff:ff:ff:ff:ff"), 0x0800);
            });
        }
        Simulator::Stop(Seconds(6));
        Simulator::Run();

        std::map<M, std::vector<uint16_t>> ports;
        for (std::size_t i = 0; i < peer.answers.size(); ++i)
        {
            ports[peer.answers[i].GetMessageType()].push_back(peer.answeredOn[i]);
        }
        NS_TEST_EXPECT_MSG_EQ((ports[M::SCCRQ] == std::vector<uint16_t>{1701}),
                              true,
                              "one SCCRQ, to the well-known port 1701");
        for (M type : {M::SCCCN, M::ICRQ, M::ICCN, M::HELLO})
        {
            NS_TEST_EXPECT_MSG_GT(ports[type].size(), 0, L2tpv3MessageTypeName(uint16_t(type)));
            for (uint16_t port : ports[type])
            {
                NS_TEST_EXPECT_MSG_EQ(port,
                                      5000,
                                      L2tpv3MessageTypeName(uint16_t(type))
                                          << " to the SCCRP's source port");
            }
        }
        NS_TEST_EXPECT_MSG_EQ(peer.dataOn.size(), 3, "the three data packets arrived");
        for (uint16_t port : peer.dataOn)
        {
            NS_TEST_EXPECT_MSG_EQ(port, 5000, "data to the adopted port");
        }
        // SCCRQ, SCCCN, ICRQ, ICCN, 3 data packets, HELLOs and ZLBs at least.
        NS_TEST_ASSERT_MSG_GT_OR_EQ(wire.size(), 8, "UDP datagrams from our LCCE");
        NS_TEST_EXPECT_MSG_EQ(wire[0].second, 1701, "the SCCRQ to 1701 (PeerUdpPort)");
        for (std::size_t i = 0; i < wire.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(wire[i].first, 1701, "from our UdpPort, datagram " << i);
            if (i > 0)
            {
                NS_TEST_EXPECT_MSG_EQ(wire[i].second, 5000, "to 5000 on the wire, datagram " << i);
            }
        }
        UintegerValue port;
        device->GetAttribute("UdpDestinationPort", port);
        NS_TEST_EXPECT_MSG_EQ(port.Get(), 5000, "the device sends to the adopted port");
        for (const auto& [id, c] : peer.lcce->GetConnections())
        {
            NS_TEST_EXPECT_MSG_EQ(c->GetPeerPort(), 5000, "the connection's peer port");
        }
        NS_TEST_EXPECT_MSG_EQ(peer.lcce->GetNSessionsUp(), 1, "the session is up");
        NS_TEST_EXPECT_MSG_EQ(peer.lcce->GetCounters().retransmissions, 0, "no retransmission");
        Simulator::Destroy();
    }
};

/// §5.4.3: how our LCCE breaks a tie with the peer's SCCRQ.
class TieBreakerTestCase : public ToleranceTestCase
{
  public:
    /// The peer's tie breaker against ours.
    enum Kind
    {
        WE_WIN,    //!< the peer's is the largest value: we refuse its SCCRQ
        EQUAL,     //!< the peer sends ours back: both restart with new values
        ROUTER_ID, //!< the peer's SCCRQ comes from another address with its Router ID
    };

    /**
     * \param kind the case
     * \param name its name
     */
    TieBreakerTestCase(Kind kind, const std::string& name)
        : ToleranceTestCase(name),
          m_kind(kind)
    {
    }

  private:
    void DoRun() override
    {
        ScriptedPeer peer(Ipv4Address("10.1.1.1"), 1701, Ipv4Address("10.1.1.2"));
        Configure(peer);
        const Ipv4Address other("10.1.1.3");
        peer.AddAddress(other);
        const uint32_t losingId = 0x5555;
        const uint32_t routerId = 77;
        double tieAt = 0;
        uint32_t sccrqs = 0;
        std::vector<uint64_t> ourValues;
        std::vector<uint16_t> ourNs;
        Kind kind = m_kind;
        if (kind == ROUTER_ID)
        {
            // First a connection from 10.1.1.1 that tells us the peer's Router ID, cleared by
            // the peer; then our second SCCRQ to 10.1.1.1 crosses one from 10.1.1.3.
            peer.lcce->AddPeer(peer.lcceAddress, peer.peerAddress);
            Simulator::Schedule(Seconds(1), [&peer]() {
                L2tpv3ControlMessage stop(M::STOPCCN);
                stop.Add(L2tpv3Avp::MakeUint32(A::ASSIGNED_CONTROL_CONNECTION_ID, PEER_CCID))
                    .Add(L2tpv3Avp::MakeResultCode(1));
                peer.Reply(stop);
            });
            Simulator::Schedule(Seconds(2), [&peer]() {
                peer.ns = 0;
                peer.nr = 0;
                peer.lcce->AddPeer(peer.lcceAddress, peer.peerAddress);
            });
        }
        else
        {
            peer.lcce->AddPeer(peer.lcceAddress, peer.peerAddress);
        }
        peer.onAnswer = [&, kind](const L2tpv3ControlMessage& m) {
            if (m.GetMessageType() == M::STOPCCN && m.GetControlConnectionId() == losingId)
            {
                // The loser acknowledges the refusal (from the connection that sent it).
                uint32_t refuser = 0;
                m.GetUint32(A::ASSIGNED_CONTROL_CONNECTION_ID, refuser);
                L2tpv3ControlMessage zlb;
                zlb.SetControlConnectionId(refuser);
                zlb.SetNs(1);
                zlb.SetNr(static_cast<uint16_t>(m.GetNs() + 1));
                peer.SendFrom(zlb, 1701);
                return;
            }
            if (m.GetMessageType() != M::SCCRQ)
            {
                if (m.GetControlConnectionId() == PEER_CCID && peer.ourId != 0)
                {
                    Respond(peer, m);
                }
                return;
            }
            ++sccrqs;
            uint64_t ours = 0;
            m.GetUint64(A::CONTROL_CONNECTION_TIE_BREAKER, ours);
            ourValues.push_back(ours);
            ourNs.push_back(m.GetNs());
            bool cross = (kind == WE_WIN && sccrqs == 1) || (kind == EQUAL && sccrqs == 1) ||
                         (kind == ROUTER_ID && sccrqs == 2);
            if (!cross)
            {
                // Answered: the SCCRP tells our LCCE the Router ID (and, for EQUAL, our
                // restarted SCCRQ is answered as a compliant peer would).
                Respond(peer, m, 0, PeerStart(M::SCCRP, PEER_CCID, {5}, routerId));
                return;
            }
            tieAt = Simulator::Now().GetSeconds();
            L2tpv3ControlMessage sccrq = PeerStart(M::SCCRQ, losingId, {5}, routerId);
            sccrq.Add(L2tpv3Avp::MakeUint64(A::CONTROL_CONNECTION_TIE_BREAKER,
                                            kind == EQUAL ? ours : ~uint64_t(0)));
            sccrq.SetNs(0);
            sccrq.SetNr(0);
            peer.SendFrom(sccrq, 1701, 1701, kind == ROUTER_ID ? other : Ipv4Address::GetAny());
        };
        Simulator::Stop(Seconds(kind == EQUAL ? 2 + 10 * HELLO + 1 : 4));
        Simulator::Run();

        // What our LCCE sent to the losing SCCRQ's Assigned Control Connection ID.
        std::vector<const L2tpv3ControlMessage*> toLoser;
        for (const auto& m : peer.answers)
        {
            if (m.GetControlConnectionId() == losingId)
            {
                toLoser.push_back(&m);
            }
        }
        L2tpv3LcceCounters c = peer.lcce->GetCounters();
        if (kind == EQUAL)
        {
            // §5.4.3: "both sides MUST discard their control connections and restart control
            // connection negotiation with a new, random tie breaker value".
            NS_TEST_EXPECT_MSG_EQ(toLoser.size(), 0, "neither SCCRP nor StopCCN for it");
            NS_TEST_ASSERT_MSG_EQ(ourValues.size(), 2, "a second SCCRQ");
            if (ourValues.size() != 2)
            {
                Simulator::Destroy();
                return;
            }
            NS_TEST_EXPECT_MSG_NE(ourValues[1], ourValues[0], "with a new tie breaker");
            NS_TEST_EXPECT_MSG_NE(ourValues[1], 0, "a tie breaker still");
            NS_TEST_EXPECT_MSG_EQ(ourNs[1], 0, "a new negotiation: Ns 0");
            NS_TEST_EXPECT_MSG_LT(Times(peer, M::SCCRQ)[1] - tieAt, 0.01, "at once");
            NS_TEST_EXPECT_MSG_EQ(c.retransmissions, 0, "not a retransmission");
            ExpectHealthy(peer, 2, 0);
        }
        else
        {
            // §5.4.3: "A StopCCN SHOULD be sent by the winner as an explicit rejection for
            // the losing SCCRQ": that alone, no SCCRP first.
            std::string types;
            for (const auto* m : toLoser)
            {
                types += L2tpv3MessageTypeName(uint16_t(m->GetMessageType())) + " ";
            }
            NS_TEST_ASSERT_MSG_EQ(toLoser.size(), 1, "one message to the loser: " << types);
            if (toLoser.empty())
            {
                Simulator::Destroy();
                return;
            }
            NS_TEST_EXPECT_MSG_EQ((toLoser[0]->GetMessageType() == M::STOPCCN),
                                  true,
                                  "a StopCCN: " << types);
            NS_TEST_EXPECT_MSG_EQ(ResultOf(*toLoser[0]).first, 3, "Result Code 3");
            NS_TEST_EXPECT_MSG_EQ(toLoser[0]->GetNs(), 0, "Ns 0");
            NS_TEST_EXPECT_MSG_EQ(toLoser[0]->GetNr(), 1, "acknowledging the SCCRQ");
            NS_TEST_EXPECT_MSG_EQ(c.stopCcnSent[3], 1, "counted");
            NS_TEST_EXPECT_MSG_EQ(peer.lcce->GetNHalfOpen(), 0, "no half-open connection");
            NS_TEST_EXPECT_MSG_EQ(c.protocolErrors, 0, "no protocol error");
        }
        Simulator::Destroy();
    }

    Kind m_kind; //!< the case
};

/// §7.1: a session message naming no session clears the control connection.
class UnnamedCdnTestCase : public ToleranceTestCase
{
  public:
    /** \param vendor the Remote Session ID only in a vendor AVP with M = 1 */
    explicit UnnamedCdnTestCase(bool vendor)
        : ToleranceTestCase(vendor ? "CDN with the Remote Session ID only in an unknown M=1 "
                                     "vendor AVP: StopCCN 2, Error Code 8, session cleared"
                                   : "CDN without a Remote Session ID: StopCCN 2, Error Code 5, "
                                     "session cleared"),
          m_vendor(vendor)
    {
    }

  private:
    void DoRun() override
    {
        ScriptedPeer peer(Ipv4Address("10.1.1.1"), 1701, Ipv4Address("10.1.1.2"));
        Configure(peer);
        peer.lcce->AddPseudowire(peer.lcce->AddPeer(peer.lcceAddress, peer.peerAddress),
                                 "vc1",
                                 nullptr);
        bool vendor = m_vendor;
        peer.onAnswer = [&peer, vendor](const L2tpv3ControlMessage& m) {
            if (m.GetMessageType() != M::ICRQ)
            {
                Respond(peer, m);
                return;
            }
            // The peer refuses the ICRQ with a CDN that does not name our session.
            uint32_t ours = 0;
            m.GetUint32(A::LOCAL_SESSION_ID, ours);
            L2tpv3ControlMessage cdn(M::CDN);
            cdn.Add(L2tpv3Avp::MakeResultCode(4))
                .Add(L2tpv3Avp::MakeUint32(A::LOCAL_SESSION_ID, PEER_SESSION));
            if (vendor)
            {
                cdn.Add(L2tpv3Avp(
                    9,
                    64,
                    true,
                    {uint8_t(ours >> 24), uint8_t(ours >> 16), uint8_t(ours >> 8), uint8_t(ours)}));
            }
            peer.Reply(cdn);
        };
        Simulator::Stop(Seconds(5));
        Simulator::Run();
        L2tpv3LcceCounters c = peer.lcce->GetCounters();
        const L2tpv3ControlMessage* stop = peer.Find(M::STOPCCN);
        NS_TEST_ASSERT_MSG_NE(stop, nullptr, "StopCCN: " << TypeNames(peer.Types()));
        if (!stop)
        {
            Simulator::Destroy();
            return;
        }
        auto [result, error] = ResultOf(*stop);
        NS_TEST_EXPECT_MSG_EQ(result, 2, "§5.4.2 Result Code 2: general error");
        NS_TEST_EXPECT_MSG_EQ(error,
                              (m_vendor ? 8 : 5),
                              "Error Code 8 (unknown mandatory AVP) or 5 (invalid Session ID)");
        NS_TEST_EXPECT_MSG_EQ(c.stopCcnSent[2], 1, "counted");
        NS_TEST_EXPECT_MSG_EQ(c.unknownSession, 0, "not taken for a CDN for a gone session");
        for (const auto& [id, conn] : peer.lcce->GetConnections())
        {
            NS_TEST_EXPECT_MSG_EQ(L2tpv3ConnectionStateName(conn->GetState()),
                                  "idle",
                                  "the connection is cleared");
            NS_TEST_EXPECT_MSG_EQ(conn->GetSessions().size(), 0, "no session left in wait-reply");
        }
        NS_TEST_EXPECT_MSG_EQ(peer.Count(M::HELLO), 0, "no HELLO keeps it alive");
        Simulator::Destroy();
    }

    bool m_vendor; //!< vendor AVP variant
};

/// Tolerated behaviours with the "healthy" pass condition.
class TolerateTestCase : public ToleranceTestCase
{
  public:
    /// The behaviour.
    enum Kind
    {
        CONSTANT_TIE_BREAKER, //!< the same tie breaker (and Assigned ID) in every SCCRQ
        MANDATORY_BITS,       //!< M = 1 on Host Name, Receive Window Size, Serial Number
        ZLB_REPEATS_NS,       //!< ZLBs whose Ns repeats an unacknowledged one
        LATE_ICRQ,            //!< the ICRQ 5 s after the SCCCN
        CDN_FOR_GONE_SESSION, //!< a CDN for a session that is gone already
    };

    /**
     * \param kind the behaviour
     * \param name the case's name
     */
    TolerateTestCase(Kind kind, const std::string& name)
        : ToleranceTestCase(name),
          m_kind(kind)
    {
    }

  private:
    /**
     * \param peer the peer
     * \param sccrq the peer's SCCRQ (sent at once, Ns 0)
     */
    static void Open(ScriptedPeer& peer, L2tpv3ControlMessage sccrq)
    {
        peer.ourId = 0;
        peer.ns = 0;
        peer.nr = 0;
        peer.Reply(sccrq);
    }

    void DoRun() override
    {
        ScriptedPeer peer(Ipv4Address("10.1.1.1"), 1701, Ipv4Address("10.1.1.2"));
        Configure(peer);
        Kind kind = m_kind;
        double behaviourOver = 1;
        double secondSccrpAt = -1;
        double secondSccrqAt = -1;
        if (kind == CONSTANT_TIE_BREAKER)
        {
            // The peer's tie breaker is 1 in every SCCRQ, and it reuses its Assigned ID: it
            // wins the tie against our SCCRQ, then clears the connection and opens again.
            peer.lcce->AddPseudowire(peer.lcce->AddPeer(peer.lcceAddress, peer.peerAddress),
                                     "vc1",
                                     nullptr);
            peer.lcce->OfferPseudowire("vc2", nullptr); // for the peer's second connection
            auto sccrq = []() {
                L2tpv3ControlMessage m = PeerStart(M::SCCRQ, PEER_CCID);
                m.Add(L2tpv3Avp::MakeUint64(A::CONTROL_CONNECTION_TIE_BREAKER, 1));
                return m;
            };
            peer.onAnswer = [&peer, sccrq, &secondSccrpAt](const L2tpv3ControlMessage& m) {
                if (m.GetMessageType() == M::SCCRQ)
                {
                    Open(peer, sccrq()); // crosses ours, and wins
                    return;
                }
                if (m.GetMessageType() == M::SCCRP && secondSccrpAt < 0 &&
                    Simulator::Now() > Seconds(1))
                {
                    secondSccrpAt = Simulator::Now().GetSeconds();
                }
                if (m.GetMessageType() == M::ICRQ)
                {
                    Respond(peer, m);
                    return;
                }
                Initiate(peer, m);
            };
            Simulator::Schedule(Seconds(1), [&peer]() {
                L2tpv3ControlMessage stop(M::STOPCCN);
                stop.Add(L2tpv3Avp::MakeUint32(A::ASSIGNED_CONTROL_CONNECTION_ID, PEER_CCID))
                    .Add(L2tpv3Avp::MakeResultCode(1));
                peer.Reply(stop);
            });
            Simulator::Schedule(Seconds(2), [&peer, sccrq, &secondSccrqAt]() {
                secondSccrqAt = Simulator::Now().GetSeconds();
                Open(peer, sccrq());
            });
            Simulator::Schedule(Seconds(2.2), [&peer]() {
                peer.Reply(PeerIcrq(PEER_SESSION + 1, "vc2"));
            });
            behaviourOver = 2.5;
        }
        else
        {
            peer.lcce->OfferPseudowire("vc1", nullptr);
            L2tpv3ControlMessage sccrq = PeerStart(M::SCCRQ, PEER_CCID);
            if (kind == MANDATORY_BITS)
            {
                // Host Name and Receive Window Size with M = 1 (RFC 3931 §5.4.3 says M = 0
                // for the window; Cisco IOS sets it), and a window of 1024.
                sccrq = L2tpv3ControlMessage(M::SCCRQ);
                sccrq.Add(L2tpv3Avp(0, uint16_t(A::HOST_NAME), true, {'p', 'e', 'e', 'r'}))
                    .Add(L2tpv3Avp::MakeUint32(A::ROUTER_ID, 1))
                    .Add(L2tpv3Avp::MakeUint32(A::ASSIGNED_CONTROL_CONNECTION_ID, PEER_CCID))
                    .Add(L2tpv3Avp::MakeUint16List(A::PSEUDOWIRE_CAPABILITIES_LIST, {5}))
                    .Add(L2tpv3Avp(0, uint16_t(A::RECEIVE_WINDOW_SIZE), true, {0x04, 0x00}));
            }
            Simulator::Schedule(Seconds(0.1), [&peer, sccrq]() {
                Open(peer, sccrq);
            });
            double icrqAt = kind == LATE_ICRQ ? 5.1 : 0.2;
            Simulator::Schedule(Seconds(icrqAt), [&peer, kind]() {
                L2tpv3ControlMessage icrq = PeerIcrq(PEER_SESSION, "vc1");
                if (kind == MANDATORY_BITS)
                {
                    // The Serial Number (AVP 15, RFC 2661's Call Serial Number) with M = 1:
                    // §5.4.4 says it SHOULD be 0.
                    L2tpv3ControlMessage m(M::ICRQ);
                    for (const L2tpv3Avp& avp : icrq.GetAvps())
                    {
                        if (avp.Is(A::SERIAL_NUMBER))
                        {
                            m.Add(L2tpv3Avp(0, uint16_t(A::SERIAL_NUMBER), true, {0, 0, 0, 1}));
                        }
                        else if (!avp.Is(A::MESSAGE_TYPE))
                        {
                            m.Add(avp);
                        }
                    }
                    icrq = m;
                }
                peer.Reply(icrq);
                if (kind == ZLB_REPEATS_NS)
                {
                    // A ZLB whose Ns is the ICRQ's, not yet acknowledged (§4.2: it should be
                    // the next one). A ZLB carries no Ns of its own: nothing to do.
                    L2tpv3ControlMessage zlb;
                    zlb.SetControlConnectionId(peer.ourId);
                    zlb.SetNs(static_cast<uint16_t>(peer.ns - 1));
                    zlb.SetNr(peer.nr);
                    peer.SendFrom(zlb, 1701);
                }
            });
            peer.onAnswer = [&peer, kind](const L2tpv3ControlMessage& m) {
                if (kind == ZLB_REPEATS_NS && !m.IsZlb())
                {
                    // Every acknowledgement repeats the peer's last Ns.
                    L2tpv3ControlMessage zlb;
                    zlb.SetControlConnectionId(peer.ourId);
                    zlb.SetNs(static_cast<uint16_t>(peer.ns - 1));
                    zlb.SetNr(peer.nr);
                    if (m.GetMessageType() != M::SCCRP && m.GetMessageType() != M::ICRP)
                    {
                        peer.SendFrom(zlb, 1701);
                        return;
                    }
                }
                Initiate(peer, m);
            };
            behaviourOver = icrqAt + 0.5;
            if (kind == CDN_FOR_GONE_SESSION)
            {
                // The peer clears its session with a CDN, then (having dropped it already,
                // e.g. after a restart of its own) sends a CDN for it again.
                for (double t : {1.0, 1.5})
                {
                    Simulator::Schedule(Seconds(t), [&peer]() {
                        uint32_t ours = 0;
                        if (const L2tpv3ControlMessage* icrp = peer.Find(M::ICRP))
                        {
                            icrp->GetUint32(A::LOCAL_SESSION_ID, ours);
                        }
                        L2tpv3ControlMessage cdn(M::CDN);
                        cdn.Add(L2tpv3Avp::MakeResultCode(3))
                            .Add(L2tpv3Avp::MakeUint32(A::LOCAL_SESSION_ID, PEER_SESSION))
                            .Add(L2tpv3Avp::MakeUint32(A::REMOTE_SESSION_ID, ours));
                        peer.Reply(cdn);
                    });
                }
                behaviourOver = 2;
            }
        }
        Simulator::Stop(Seconds(behaviourOver + 10 * HELLO + 1));
        Simulator::Run();
        L2tpv3LcceCounters c = peer.lcce->GetCounters();
        ExpectHealthy(peer, behaviourOver, kind == CDN_FOR_GONE_SESSION ? 0 : 1);
        switch (kind)
        {
        case CONSTANT_TIE_BREAKER:
            NS_TEST_EXPECT_MSG_EQ(c.connectionsEstablished, 2, "both of the peer's connections");
            NS_TEST_EXPECT_MSG_GT(secondSccrpAt, 0, "the second SCCRQ answered");
            NS_TEST_EXPECT_MSG_LT(secondSccrpAt - secondSccrqAt,
                                  0.01,
                                  "at once, though the first connection's state is kept");
            NS_TEST_EXPECT_MSG_EQ(c.stopCcnReceived[1], 1, "the peer's StopCCN");
            break;
        case MANDATORY_BITS:
        case LATE_ICRQ:
            NS_TEST_EXPECT_MSG_EQ(peer.Count(M::ICRP), 1, "the ICRQ answered");
            NS_TEST_EXPECT_MSG_EQ(c.retransmissions, 0, "no retransmission");
            break;
        case ZLB_REPEATS_NS:
            NS_TEST_EXPECT_MSG_EQ(c.duplicates, 0, "a ZLB is no duplicate");
            NS_TEST_EXPECT_MSG_EQ(c.retransmissions, 0, "its Nr acknowledged ours");
            break;
        case CDN_FOR_GONE_SESSION:
            NS_TEST_EXPECT_MSG_EQ(c.cdnReceived[3], 1, "the first CDN took the session down");
            NS_TEST_EXPECT_MSG_EQ(c.unknownSession, 1, "the second counted, dropped");
            break;
        }
        Simulator::Destroy();
    }

    Kind m_kind; //!< the behaviour
};

/// A peer that acknowledges a duplicate only when it is a HELLO.
class DuplicatesOnlyForHelloTestCase : public ToleranceTestCase
{
  public:
    DuplicatesOnlyForHelloTestCase()
        : ToleranceTestCase("a peer that acknowledges duplicates only for HELLO: our ICCN "
                            "retransmitted at 1, 2, 4 s intervals until the peer's next Nr")
    {
    }

  private:
    void DoRun() override
    {
        ScriptedPeer peer(Ipv4Address("10.1.1.1"), 1701, Ipv4Address("10.1.1.2"));
        Configure(peer);
        peer.lcce->SetAttribute("MaxRetries", UintegerValue(5));
        peer.lcce->AddPseudowire(peer.lcce->AddPeer(peer.lcceAddress, peer.peerAddress),
                                 "vc1",
                                 nullptr);
        uint16_t expected = 0; // the peer's nr before this message
        peer.onAnswer = [&peer, &expected](const L2tpv3ControlMessage& m) {
            bool duplicate = !m.IsZlb() && m.GetNs() != expected;
            expected = peer.nr;
            if (m.GetMessageType() == M::ICCN && !duplicate)
            {
                return; // its acknowledgement is lost
            }
            if (duplicate && m.GetMessageType() != M::HELLO)
            {
                return; // duplicates are dropped unacknowledged, but for HELLO
            }
            Respond(peer, m);
        };
        // The peer's own HELLO at 10 s carries its Nr: that acknowledges the ICCN.
        Simulator::Schedule(Seconds(10), [&peer]() {
            peer.Reply(L2tpv3ControlMessage(M::HELLO));
        });
        Simulator::Stop(Seconds(10 + 10 * HELLO + 1));
        Simulator::Run();
        std::vector<double> iccn = Times(peer, M::ICCN);
        NS_TEST_ASSERT_MSG_EQ(iccn.size(), 4, "the ICCN and three retransmissions");
        // §4.2 and Appendix A: the timeout starts at 1 s and doubles.
        const double gaps[] = {1, 2, 4};
        for (std::size_t i = 1; i < std::min<std::size_t>(iccn.size(), 4); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ_TOL(iccn[i] - iccn[i - 1], gaps[i - 1], 0.01, "back-off " << i);
        }
        NS_TEST_EXPECT_MSG_EQ(peer.lcce->GetCounters().retransmissions, 3, "three counted");
        ExpectHealthy(peer, 10);
        Simulator::Destroy();
    }
};

/// A peer that forgets the connection after our CDN: our StopCCN is never acknowledged.
class ForgetfulPeerTestCase : public ToleranceTestCase
{
  public:
    ForgetfulPeerTestCase()
        : ToleranceTestCase("a peer that forgets the connection after our CDN: StopCCN "
                            "retransmitted 1, 2, 4 s apart, the state gone after 15 s, counted")
    {
    }

  private:
    void DoRun() override
    {
        ScriptedPeer peer(Ipv4Address("10.1.1.1"), 1701, Ipv4Address("10.1.1.2"));
        Configure(peer, 60);
        peer.lcce->SetAttribute("MaxRetries", UintegerValue(3));
        peer.lcce->AddPseudowire(peer.lcce->AddPeer(peer.lcceAddress, peer.peerAddress),
                                 "vc1",
                                 nullptr);
        bool forgot = false;
        peer.onAnswer = [&peer, &forgot](const L2tpv3ControlMessage& m) {
            if (forgot)
            {
                return;
            }
            Respond(peer, m);
            forgot = m.GetMessageType() == M::CDN; // acknowledged, then the state is gone
        };
        bool closed = false;
        Simulator::Schedule(Seconds(2), [&peer, &closed]() {
            closed = peer.lcce->ClosePseudowire("vc1");
        });
        Simulator::Schedule(Seconds(3), &L2tpv3Lcce::CloseAll, peer.lcce);
        std::size_t at17 = 99;
        std::size_t at19 = 99;
        Simulator::Schedule(Seconds(17.9), [&peer, &at17]() {
            at17 = peer.lcce->GetConnections().size();
        });
        Simulator::Schedule(Seconds(18.1), [&peer, &at19]() {
            at19 = peer.lcce->GetConnections().size();
        });
        Simulator::Stop(Seconds(25));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(closed, true, "ClosePseudowire sent the CDN");
        std::vector<double> stop = Times(peer, M::STOPCCN);
        NS_TEST_ASSERT_MSG_EQ(stop.size(), 4, "the StopCCN and MaxRetries (3) retransmissions");
        const double gaps[] = {1, 2, 4};
        for (std::size_t i = 1; i < std::min<std::size_t>(stop.size(), 4); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ_TOL(stop[i] - stop[i - 1], gaps[i - 1], 0.01, "back-off " << i);
        }
        // §7.1: the state is kept a full retransmission cycle (1 + 2 + 4 + 8 s) then goes.
        NS_TEST_EXPECT_MSG_EQ(at17, 1, "kept during the cycle");
        NS_TEST_EXPECT_MSG_EQ(at19, 0, "forgotten after it");
        L2tpv3LcceCounters c = peer.lcce->GetCounters();
        NS_TEST_EXPECT_MSG_EQ(c.stopCcnUnacknowledged, 1, "counted");
        NS_TEST_EXPECT_MSG_EQ(c.protocolErrors, 0, "no protocol error");
        NS_TEST_EXPECT_MSG_EQ(c.timeouts, 0, "not a peer death");
        NS_TEST_EXPECT_MSG_EQ(c.stopCcnSent[1], 1, "one StopCCN (Result Code 1)");
        NS_TEST_EXPECT_MSG_EQ(c.cdnSent[3], 1, "one CDN (Result Code 3)");
        Simulator::Destroy();
    }
};

/// MaxSetupWindow: a peer that advertises 1024 but handles one message at a time.
class SetupWindowTestCase : public ToleranceTestCase
{
  public:
    /** \param cap MaxSetupWindow (0: the default, no cap) */
    explicit SetupWindowTestCase(uint16_t cap)
        : ToleranceTestCase(cap ? "MaxSetupWindow 1: SCCCN and ICRQ one at a time to a peer "
                                  "that handles one message at a time, no retransmission"
                                : "MaxSetupWindow 0 (default): SCCCN and ICRQ pipelined as "
                                  "before; that peer drops the ICRQ, retransmitted"),
          m_cap(cap)
    {
    }

  private:
    void DoRun() override
    {
        ScriptedPeer peer(Ipv4Address("10.1.1.1"), 1701, Ipv4Address("10.1.1.2"));
        Configure(peer);
        peer.lcce->SetAttribute("MaxSetupWindow", UintegerValue(m_cap));
        peer.lcce->AddPseudowire(peer.lcce->AddPeer(peer.lcceAddress, peer.peerAddress),
                                 "vc1",
                                 nullptr);
        // The peer is busy 50 ms with each message: what arrives meanwhile is lost.
        Time busyUntil;
        uint32_t dropped = 0;
        L2tpv3ControlMessage sccrp = PeerStart(M::SCCRP, PEER_CCID);
        sccrp.Add(L2tpv3Avp::MakeUint16(A::RECEIVE_WINDOW_SIZE, 1024));
        peer.onAnswer = [&peer, &busyUntil, &dropped, sccrp](const L2tpv3ControlMessage& m) {
            if (m.IsZlb())
            {
                return;
            }
            if (Simulator::Now() < busyUntil)
            {
                ++dropped;
                if (peer.nr == static_cast<uint16_t>(m.GetNs() + 1))
                {
                    peer.nr = m.GetNs(); // never read
                }
                return;
            }
            busyUntil = Simulator::Now() + MilliSeconds(50);
            Simulator::Schedule(MilliSeconds(50), [&peer, m, sccrp]() {
                Respond(peer, m, 0, sccrp);
            });
        };
        Simulator::Stop(Seconds(1 + 10 * HELLO + 1));
        Simulator::Run();
        std::vector<double> scccn = Times(peer, M::SCCCN);
        std::vector<double> icrq = Times(peer, M::ICRQ);
        NS_TEST_ASSERT_MSG_GT(scccn.size(), 0, "SCCCN");
        NS_TEST_ASSERT_MSG_GT(icrq.size(), 0, "ICRQ");
        if (scccn.empty() || icrq.empty())
        {
            Simulator::Destroy();
            return;
        }
        L2tpv3LcceCounters c = peer.lcce->GetCounters();
        if (m_cap)
        {
            NS_TEST_EXPECT_MSG_GT_OR_EQ(icrq[0] - scccn[0], 0.05, "the ICRQ after the SCCCN's ack");
            NS_TEST_EXPECT_MSG_EQ(dropped, 0, "nothing lost");
            NS_TEST_EXPECT_MSG_EQ(c.retransmissions, 0, "no retransmission");
        }
        else
        {
            NS_TEST_EXPECT_MSG_LT(icrq[0] - scccn[0], 0.001, "pipelined (today's default)");
            NS_TEST_EXPECT_MSG_GT(dropped, 0, "the peer lost the ICRQ");
            NS_TEST_EXPECT_MSG_GT(c.retransmissions, 0, "retransmitted");
        }
        ExpectHealthy(peer, 1.5);
        Simulator::Destroy();
    }

    uint16_t m_cap; //!< MaxSetupWindow
};

/// The suite.
class L2tpv3ControlToleranceTestSuite : public TestSuite
{
  public:
    L2tpv3ControlToleranceTestSuite()
        : TestSuite("l2tp-control-tolerance")
    {
        AddTestCase(new PortAdoptionTestCase);
        using T = TieBreakerTestCase;
        AddTestCase(new T(T::WE_WIN,
                          "§5.4.3 tie won: the losing SCCRQ gets a StopCCN 3 (Ns 0, Nr 1) and "
                          "no SCCRP"));
        AddTestCase(new T(T::EQUAL,
                          "§5.4.3 equal tie breakers: no answer, a new SCCRQ (Ns 0) with a new "
                          "value at once, then established"));
        AddTestCase(new T(T::ROUTER_ID,
                          "§5.4.3 the peer known by its Router ID: its SCCRQ from another "
                          "address is a tie (StopCCN 3, no SCCRP)"));
        AddTestCase(new UnnamedCdnTestCase(false));
        AddTestCase(new UnnamedCdnTestCase(true));
        using K = TolerateTestCase;
        AddTestCase(new K(K::CONSTANT_TIE_BREAKER,
                          "a constant tie breaker and Assigned ID in every SCCRQ: tie lost, "
                          "then a new connection at once after the peer's StopCCN; healthy"));
        AddTestCase(new K(K::MANDATORY_BITS,
                          "M=1 on Host Name, Receive Window Size, Serial Number: healthy"));
        AddTestCase(new K(K::ZLB_REPEATS_NS,
                          "ZLBs whose Ns repeats an unacknowledged one: healthy, no duplicate"));
        AddTestCase(new K(K::LATE_ICRQ, "an ICRQ 5 s after the SCCCN: healthy"));
        AddTestCase(new K(K::CDN_FOR_GONE_SESSION,
                          "a CDN for a session already gone: counted (unknownSession), healthy"));
        AddTestCase(new DuplicatesOnlyForHelloTestCase);
        AddTestCase(new ForgetfulPeerTestCase);
        AddTestCase(new SetupWindowTestCase(1));
        AddTestCase(new SetupWindowTestCase(0));
    }
};

static L2tpv3ControlToleranceTestSuite g_l2tpv3ControlToleranceTestSuite; //!< registers the suite
