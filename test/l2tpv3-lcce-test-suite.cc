/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// End-to-end tests of the control plane: two LCCEs on one Ethernet segment (and one LCCE
// against a scripted peer where a test needs exact control of what the peer sends).

#include "l2tp-scripted-peer.h"

#include "ns3/address.h"
#include "ns3/boolean.h"
#include "ns3/bridge-net-device.h"
#include "ns3/callback.h"
#include "ns3/csma-helper.h"
#include "ns3/error-model.h"
#include "ns3/ethernet-header.h"
#include "ns3/icmpv6-l4-protocol.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-interface-container.h"
#include "ns3/ipv6-address-helper.h"
#include "ns3/ipv6-address.h"
#include "ns3/ipv6-interface-container.h"
#include "ns3/l2tpv3-avp.h"
#include "ns3/l2tpv3-control-channel.h"
#include "ns3/l2tpv3-control-connection.h"
#include "ns3/l2tpv3-control-message.h"
#include "ns3/l2tpv3-control-session.h"
#include "ns3/l2tpv3-lcce-counters.h"
#include "ns3/l2tpv3-lcce-helper.h"
#include "ns3/l2tpv3-lcce.h"
#include "ns3/l2tpv3-net-device.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/pointer.h"
#include "ns3/ptr.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <iomanip>
#include <map>
#include <sstream>

using namespace ns3;

namespace
{

/// Two routers on a CSMA segment, an LCCE on each; A initiates, B offers.
struct Pair
{
    NodeContainer nodes;                   //!< A and B
    NetDeviceContainer wan;                //!< their wm0
    Ptr<L2tpv3Lcce> a;                     //!< A's LCCE
    Ptr<L2tpv3Lcce> b;                     //!< B's LCCE
    Ptr<RateErrorModel> lossA;             //!< drops what A receives
    Ptr<RateErrorModel> lossB;             //!< drops what B receives
    Address addressA;                      //!< A's address
    Address addressB;                      //!< B's address
    std::vector<L2tpv3MessageType> typesA; //!< A's messages sent, in order
    std::vector<L2tpv3MessageType> typesB; //!< B's messages sent, in order

    /**
     * \param encap ip or udp
     * \param cookieLength cookie octets
     */
    explicit Pair(const std::string& encap = "ip", uint32_t cookieLength = 0, bool ipv6 = false)
    {
        nodes.Create(2);
        CsmaHelper csma;
        csma.SetChannelAttribute("Delay", TimeValue(MilliSeconds(5)));
        wan = csma.Install(nodes);
        InternetStackHelper().Install(nodes);
        if (ipv6)
        {
            for (uint32_t i = 0; i < 2; ++i)
            {
                nodes.Get(i)->GetObject<Icmpv6L4Protocol>()->SetAttribute("DAD",
                                                                          BooleanValue(false));
            }
            Ipv6AddressHelper ip;
            ip.SetBase(Ipv6Address("2001:db8::"), Ipv6Prefix(64));
            Ipv6InterfaceContainer ifs = ip.Assign(wan);
            addressA = ifs.GetAddress(0, 1);
            addressB = ifs.GetAddress(1, 1);
        }
        else
        {
            Ipv4AddressHelper ip("192.168.0.0", "255.255.255.0");
            Ipv4InterfaceContainer ifs = ip.Assign(wan);
            addressA = ifs.GetAddress(0);
            addressB = ifs.GetAddress(1);
        }
        lossA = CreateObject<RateErrorModel>();
        lossB = CreateObject<RateErrorModel>();
        for (auto em : {lossA, lossB})
        {
            em->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
            em->SetRate(0);
        }
        wan.Get(0)->SetAttribute("ReceiveErrorModel", PointerValue(lossA));
        wan.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(lossB));
        L2tpv3LcceHelper helper;
        helper.SetAttribute("Encapsulation", StringValue(encap));
        helper.SetAttribute("CookieLength", UintegerValue(cookieLength));
        helper.SetAttribute("HelloInterval", TimeValue(Seconds(5)));
        helper.SetAttribute("MaxRetries", UintegerValue(3));
        helper.SetAttribute("RetransmitCap", TimeValue(Seconds(4)));
        a = helper.Install(nodes.Get(0));
        b = helper.Install(nodes.Get(1));
        a->AssignStreams(1);
        b->AssignStreams(2);
        a->TraceConnectWithoutContext("ControlTx",
                                      Callback<void, uint32_t, const L2tpv3ControlMessage&>(
                                          [this](uint32_t, const L2tpv3ControlMessage& m) {
                                              typesA.push_back(m.GetMessageType());
                                          }));
        b->TraceConnectWithoutContext("ControlTx",
                                      Callback<void, uint32_t, const L2tpv3ControlMessage&>(
                                          [this](uint32_t, const L2tpv3ControlMessage& m) {
                                              typesB.push_back(m.GetMessageType());
                                          }));
    }

    /** \return the number of A's connections in the established state */
    uint32_t EstablishedA() const
    {
        uint32_t n = 0;
        for (const auto& [id, c] : a->GetConnections())
        {
            n += c->GetState() == L2tpv3ConnectionState::ESTABLISHED;
        }
        return n;
    }
};

using M = L2tpv3MessageType;
using A = L2tpv3AvpType;

} // namespace

/// A session comes up: the RFC's message sequence, mirrored IDs and cookies, the devices up.
class LcceSessionUpTestCase : public TestCase
{
  public:
    /**
     * \param encap ip or udp
     * \param cookieLength cookie octets
     */
    LcceSessionUpTestCase(std::string encap, uint32_t cookieLength, bool ipv6 = false)
        : TestCase("session up over " + encap + (ipv6 ? " and IPv6" : " and IPv4") + " with a " +
                   std::to_string(cookieLength) +
                   "-byte cookie: SCCRQ, SCCRP, SCCCN, ICRQ, ICRP, ICCN, devices mirrored"),
          m_encap(encap),
          m_cookieLength(cookieLength),
          m_ipv6(ipv6)
    {
    }

  private:
    void DoRun() override
    {
        Pair p(m_encap, m_cookieLength, m_ipv6);
        uint32_t peer = p.a->AddPeer(p.addressA, p.addressB);
        p.a->AddPseudowire(peer, "vc100", nullptr);
        p.b->OfferPseudowire("vc100", nullptr);
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(p.a->GetNSessionsUp(), 1, "A's session is up");
        NS_TEST_ASSERT_MSG_EQ(p.b->GetNSessionsUp(), 1, "B's session is up");
        std::vector<M> a = {M::SCCRQ, M::SCCCN, M::ICRQ, M::ICCN};
        std::vector<M> b = {M::SCCRP, M::ICRP, M::ZLB};
        NS_TEST_EXPECT_MSG_EQ((p.typesA == a), true, "A sends SCCRQ, SCCCN, ICRQ, ICCN");
        NS_TEST_EXPECT_MSG_EQ((p.typesB == b), true, "B sends SCCRP, ICRP, then a ZLB for ICCN");
        Ptr<L2tpv3NetDevice> da = p.a->GetDevice("vc100");
        Ptr<L2tpv3NetDevice> db = p.b->GetDevice("vc100");
        NS_TEST_ASSERT_MSG_NE(da, nullptr, "A has the device");
        if (!da || !db)
        {
            Simulator::Destroy();
            return;
        }
        NS_TEST_EXPECT_MSG_EQ(da->IsLinkUp(), true, "A's device is up");
        bool tunnelIpv6 = Ipv6Address::IsMatchingType(da->GetTunnelDestination());
        NS_TEST_EXPECT_MSG_EQ(tunnelIpv6, m_ipv6, "the tunnel is over the underlay's family");
        NS_TEST_EXPECT_MSG_EQ((da->GetTunnelDestination() == p.addressB), true, "to B");
        NS_TEST_EXPECT_MSG_EQ(db->IsLinkUp(), true, "B's device is up");
        NS_TEST_EXPECT_MSG_EQ(da->GetLocalSessionId(), db->GetRemoteSessionId(), "IDs mirror");
        NS_TEST_EXPECT_MSG_EQ(da->GetRemoteSessionId(), db->GetLocalSessionId(), "IDs mirror");
        NS_TEST_EXPECT_MSG_EQ(unsigned(da->GetLocalCookie().GetLength()), m_cookieLength, "len");
        NS_TEST_EXPECT_MSG_EQ((da->GetLocalCookie() == db->GetRemoteCookie()), true, "cookie");
        NS_TEST_EXPECT_MSG_EQ((da->GetRemoteCookie() == db->GetLocalCookie()), true, "cookie");
        NS_TEST_EXPECT_MSG_EQ(
            (da->GetEncapsulation() ==
             (m_encap == "udp" ? L2tpv3Encapsulation::UDP : L2tpv3Encapsulation::IP)),
            true,
            "encapsulation");
        L2tpv3LcceCounters ca = p.a->GetCounters();
        NS_TEST_EXPECT_MSG_EQ(ca.GetRx(M::SCCRP), 1, "one SCCRP received");
        NS_TEST_EXPECT_MSG_EQ(ca.retransmissions, 0, "no retransmission");
        NS_TEST_EXPECT_MSG_EQ(ca.protocolErrors, 0, "no protocol error");
        NS_TEST_EXPECT_MSG_EQ(p.EstablishedA(), 1, "one connection established");
        Simulator::Destroy();
    }

    std::string m_encap;     //!< encapsulation
    uint32_t m_cookieLength; //!< cookie octets
    bool m_ipv6;             //!< IPv6 underlay
};

/// An ICRQ for a Remote End ID nobody offers is refused with CDN Result Code 5.
class LcceNotOfferedTestCase : public TestCase
{
  public:
    LcceNotOfferedTestCase()
        : TestCase("ICRQ for a Remote End ID nobody offers: CDN with Result Code 5, no device up")
    {
    }

  private:
    void DoRun() override
    {
        Pair p;
        p.a->AddPseudowire(p.a->AddPeer(p.addressA, p.addressB), "vc1", nullptr);
        p.b->OfferPseudowire("vc2", nullptr);
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        L2tpv3LcceCounters ca = p.a->GetCounters();
        L2tpv3LcceCounters cb = p.b->GetCounters();
        NS_TEST_EXPECT_MSG_EQ(cb.cdnSent[5], 1, "B refuses with Result Code 5");
        NS_TEST_EXPECT_MSG_EQ(ca.cdnReceived[5], 1, "A receives it");
        NS_TEST_EXPECT_MSG_EQ(p.a->GetNSessionsUp(), 0, "no session");
        NS_TEST_EXPECT_MSG_EQ(p.a->GetDevice("vc1")->IsLinkUp(), false, "device stays down");
        NS_TEST_EXPECT_MSG_EQ(p.EstablishedA(), 1, "the connection stays");
        Simulator::Destroy();
    }
};

/// The peer goes silent: HELLO unacknowledged, peer death found, devices down, then back.
class LccePeerDeathTestCase : public TestCase
{
  public:
    LccePeerDeathTestCase()
        : TestCase("peer death: HELLO unacknowledged for a retransmission cycle, device down, "
                   "reconnect when the link is back")
    {
    }

  private:
    void DoRun() override
    {
        Pair p;
        p.a->AddPseudowire(p.a->AddPeer(p.addressA, p.addressB), "vc1", nullptr);
        p.b->OfferPseudowire("vc1", nullptr);
        double detected = -1;
        p.a->TraceConnectWithoutContext(
            "SessionDown",
            Callback<void, const L2tpv3SessionParameters&, L2tpv3SessionDownReason>(
                [&detected](const L2tpv3SessionParameters&, L2tpv3SessionDownReason r) {
                    if (r == L2tpv3SessionDownReason::PEER_TIMEOUT && detected < 0)
                    {
                        detected = Simulator::Now().GetSeconds();
                    }
                }));
        Simulator::Schedule(Seconds(10), [&p]() {
            p.lossA->SetRate(1);
            p.lossB->SetRate(1);
        });
        bool downAt30 = true;
        Simulator::Schedule(Seconds(30), [&p, &downAt30]() {
            downAt30 = !p.a->GetDevice("vc1")->IsLinkUp();
            p.lossA->SetRate(0);
            p.lossB->SetRate(0);
        });
        Simulator::Stop(Seconds(50));
        Simulator::Run();
        // Detection bound: HELLO interval (5 s) + 1 + 2 + 4 + 4 s of retransmissions.
        NS_TEST_EXPECT_MSG_GT(detected, 10, "detected after the failure");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(detected, 10 + 5 + 11 + 0.1, "within HELLO + cycle");
        NS_TEST_EXPECT_MSG_EQ(downAt30, true, "device down while the WAN is");
        L2tpv3LcceCounters ca = p.a->GetCounters();
        NS_TEST_EXPECT_MSG_GT_OR_EQ(ca.timeouts, 1, "timeout counted");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(
            ca.sessionsDown[static_cast<std::size_t>(L2tpv3SessionDownReason::PEER_TIMEOUT)],
            1,
            "down reason counted");
        NS_TEST_EXPECT_MSG_EQ(p.a->GetNSessionsUp(), 1, "the session is back");
        NS_TEST_EXPECT_MSG_EQ(p.a->GetDevice("vc1")->IsLinkUp(), true, "the device is back");
        Simulator::Destroy();
    }
};

/// The connections' reliable channels seen through the LCCE's own traces (the connections
/// themselves are read-only): every retransmission of the peer-death run, and the
/// congestion window back to 1 after a timeout (RFC 3931 Appendix A).
class LcceChannelTracesTestCase : public TestCase
{
  public:
    LcceChannelTracesTestCase()
        : TestCase("the channels' Retransmit and CongestionWindow through the LCCE's traces")
    {
    }

  private:
    void DoRun() override
    {
        Pair p;
        p.a->AddPseudowire(p.a->AddPeer(p.addressA, p.addressB), "vc1", nullptr);
        p.b->OfferPseudowire("vc1", nullptr);
        std::map<uint32_t, uint64_t> retransmitted;
        p.a->TraceConnectWithoutContext(
            "ControlRetransmit",
            Callback<void, uint32_t, const L2tpv3ControlMessage&>(
                [&retransmitted](uint32_t id, const L2tpv3ControlMessage&) {
                    ++retransmitted[id];
                }));
        uint32_t cwndToOne = 0;
        uint32_t cwndId = 0;
        p.a->TraceConnectWithoutContext(
            "ControlCongestionWindow",
            Callback<void, uint32_t, uint16_t, uint16_t>(
                [&cwndToOne, &cwndId](uint32_t id, uint16_t from, uint16_t to) {
                    if (from > 1 && to == 1)
                    {
                        ++cwndToOne;
                        cwndId = id;
                    }
                }));
        Simulator::Schedule(Seconds(10), [&p]() {
            p.lossA->SetRate(1);
            p.lossB->SetRate(1);
        });
        Simulator::Schedule(Seconds(30), [&p]() {
            p.lossA->SetRate(0);
            p.lossB->SetRate(0);
        });
        Simulator::Stop(Seconds(50));
        Simulator::Run();
        uint64_t total = 0;
        for (const auto& [id, n] : retransmitted)
        {
            NS_TEST_EXPECT_MSG_NE(id, 0, "a connection's local ID");
            total += n;
        }
        L2tpv3LcceCounters ca = p.a->GetCounters();
        NS_TEST_EXPECT_MSG_GT(total, 0, "retransmissions while the WAN is lost");
        NS_TEST_EXPECT_MSG_EQ(total, ca.retransmissions, "one trace per retransmission counted");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(cwndToOne, 1, "the window back to 1 after a timeout");
        NS_TEST_EXPECT_MSG_EQ(retransmitted.count(cwndId), 1, "on a connection that retransmitted");
        Simulator::Destroy();
    }
};

/// An administrative close: StopCCN Result Code 1, both devices down.
class LcceStopCcnTestCase : public TestCase
{
  public:
    LcceStopCcnTestCase()
        : TestCase("CloseAll: StopCCN with Result Code 1, both devices down, reason counted")
    {
    }

  private:
    void DoRun() override
    {
        Pair p;
        p.a->AddPseudowire(p.a->AddPeer(p.addressA, p.addressB), "vc1", nullptr);
        p.b->OfferPseudowire("vc1", nullptr);
        Simulator::Schedule(Seconds(2), &L2tpv3Lcce::CloseAll, p.a);
        Simulator::Stop(Seconds(4));
        Simulator::Run();
        L2tpv3LcceCounters ca = p.a->GetCounters();
        L2tpv3LcceCounters cb = p.b->GetCounters();
        NS_TEST_EXPECT_MSG_EQ(ca.stopCcnSent[1], 1, "A sends StopCCN 1");
        NS_TEST_EXPECT_MSG_EQ(cb.stopCcnReceived[1], 1, "B receives it");
        auto closed = static_cast<std::size_t>(L2tpv3SessionDownReason::CONNECTION_CLOSED);
        NS_TEST_EXPECT_MSG_EQ(ca.sessionsDown[closed], 1, "A's session down: connection closed");
        NS_TEST_EXPECT_MSG_EQ(cb.sessionsDown[closed], 1, "B's too");
        NS_TEST_EXPECT_MSG_EQ(p.a->GetDevice("vc1")->IsLinkUp(), false, "A's device down");
        NS_TEST_EXPECT_MSG_EQ(p.b->GetDevice("vc1")->IsLinkUp(), false, "B's device down");
        Simulator::Destroy();
    }
};

/// Both LCCEs open a connection at once: the tie breaker leaves exactly one (§5.4.3).
class LcceTieBreakerTestCase : public TestCase
{
  public:
    LcceTieBreakerTestCase()
        : TestCase("simultaneous SCCRQs: one connection survives, the loser refused with "
                   "StopCCN 3")
    {
    }

  private:
    void DoRun() override
    {
        Pair p;
        p.a->AddPeer(p.addressA, p.addressB);
        p.b->AddPeer(p.addressB, p.addressA);
        Simulator::Stop(Seconds(30));
        Simulator::Run();
        uint32_t establishedB = 0;
        for (const auto& [id, c] : p.b->GetConnections())
        {
            establishedB += c->GetState() == L2tpv3ConnectionState::ESTABLISHED;
        }
        NS_TEST_EXPECT_MSG_EQ(p.EstablishedA(), 1, "A has one connection");
        NS_TEST_EXPECT_MSG_EQ(establishedB, 1, "B has one connection");
        L2tpv3LcceCounters ca = p.a->GetCounters();
        L2tpv3LcceCounters cb = p.b->GetCounters();
        NS_TEST_EXPECT_MSG_EQ(ca.stopCcnSent[3] + cb.stopCcnSent[3], 1, "one StopCCN 3");
        NS_TEST_EXPECT_MSG_EQ(ca.timeouts + cb.timeouts, 0, "no peer declared dead");
        // The loser acknowledges the refusal: the winner's StopCCN is sent once.
        NS_TEST_EXPECT_MSG_EQ(ca.retransmissions + cb.retransmissions, 0, "no retransmission");
        NS_TEST_EXPECT_MSG_EQ(ca.stopCcnUnacknowledged + cb.stopCcnUnacknowledged,
                              0,
                              "the StopCCN 3 acknowledged");
        Simulator::Destroy();
    }
};

/// A pseudowire added while the connection runs comes up over it.
class LcceLateAddTestCase : public TestCase
{
  public:
    LcceLateAddTestCase()
        : TestCase("a pseudowire added to a running connection sends its ICRQ and comes up")
    {
    }

  private:
    void DoRun() override
    {
        Pair p;
        uint32_t peer = p.a->AddPeer(p.addressA, p.addressB);
        p.a->AddPseudowire(peer, "vc1", nullptr);
        p.b->OfferPseudowire("vc1", nullptr);
        p.b->OfferPseudowire("vc2", nullptr);
        Simulator::Schedule(Seconds(1), [&p, peer]() {
            p.a->AddPseudowire(peer, "vc2", nullptr);
        });
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(p.a->GetNSessionsUp(), 2, "both sessions up");
        NS_TEST_EXPECT_MSG_EQ(p.b->GetDevice("vc2")->IsLinkUp(), true, "vc2 up at B");
        NS_TEST_EXPECT_MSG_EQ(p.a->GetCounters().GetTx(M::SCCRQ), 1, "over the one connection");
        NS_TEST_EXPECT_MSG_EQ(p.a->GetCounters().GetTx(M::ICRQ), 2, "two ICRQs");
        Simulator::Destroy();
    }
};

/// SLI: the attachment circuit's status reaches the peer (§6.13).
class LcceSliTestCase : public TestCase
{
  public:
    LcceSliTestCase()
        : TestCase("SetCircuitStatus sends an SLI; the peer records the Circuit Status A bit")
    {
    }

  private:
    void DoRun() override
    {
        Pair p;
        p.a->AddPseudowire(p.a->AddPeer(p.addressA, p.addressB), "vc1", nullptr);
        p.b->OfferPseudowire("vc1", nullptr);
        bool beforeUp = true;
        Simulator::Schedule(Seconds(0.001), [&p, &beforeUp]() {
            beforeUp = p.a->SetCircuitStatus("vc1", false);
        });
        bool seenDown = true;
        Simulator::Schedule(Seconds(1), [&p]() {
            p.a->SetCircuitStatus("vc1", false);
        });
        Simulator::Schedule(Seconds(1.5), [&p, &seenDown]() {
            seenDown = p.b->GetRemoteCircuitActive("vc1");
            p.a->SetCircuitStatus("vc1", true);
        });
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(beforeUp, false, "no SLI before the session is up");
        NS_TEST_EXPECT_MSG_EQ(seenDown, false, "B saw the circuit go down");
        NS_TEST_EXPECT_MSG_EQ(p.b->GetRemoteCircuitActive("vc1"), true, "and come back");
        NS_TEST_EXPECT_MSG_EQ(p.a->GetCounters().GetTx(M::SLI), 2, "two SLIs sent");
        NS_TEST_EXPECT_MSG_EQ(p.b->GetCounters().GetRx(M::SLI), 2, "two received");
        NS_TEST_EXPECT_MSG_EQ(p.b->GetCounters().protocolErrors, 0, "a row took each");
        bool threw = false;
        try
        {
            p.a->SetCircuitStatus("nope", true);
        }
        catch (const std::invalid_argument& e)
        {
            threw = std::string(e.what()).find("'nope'") != std::string::npos;
        }
        NS_TEST_EXPECT_MSG_EQ(threw, true, "an unknown Remote End ID is refused, named");
        Simulator::Destroy();
    }
};

/// Both LCCEs ask for the same pseudowire at once: the session tie breaker leaves one.
class LcceSessionTieTestCase : public TestCase
{
  public:
    LcceSessionTieTestCase()
        : TestCase("crossing ICRQs for one Remote End ID: one session, the loser's ICRQ "
                   "refused with CDN 13")
    {
    }

  private:
    void DoRun() override
    {
        Pair p;
        p.a->AddPseudowire(p.a->AddPeer(p.addressA, p.addressB), "vc1", nullptr);
        p.b->AddPseudowire(p.b->AddPeer(p.addressB, p.addressA), "vc1", nullptr);
        Simulator::Stop(Seconds(5));
        Simulator::Run();
        L2tpv3LcceCounters ca = p.a->GetCounters();
        L2tpv3LcceCounters cb = p.b->GetCounters();
        NS_TEST_EXPECT_MSG_EQ(p.a->GetNSessionsUp(), 1, "A has one session");
        NS_TEST_EXPECT_MSG_EQ(p.b->GetNSessionsUp(), 1, "B has one session");
        NS_TEST_EXPECT_MSG_EQ(ca.GetTx(M::ICRQ) + cb.GetTx(M::ICRQ), 2, "the ICRQs crossed");
        NS_TEST_EXPECT_MSG_EQ(ca.cdnSent[13] + cb.cdnSent[13], 1, "one CDN 13");
        NS_TEST_EXPECT_MSG_EQ(ca.protocolErrors + cb.protocolErrors, 0, "every event a row");
        Ptr<L2tpv3NetDevice> da = p.a->GetDevice("vc1");
        Ptr<L2tpv3NetDevice> db = p.b->GetDevice("vc1");
        NS_TEST_EXPECT_MSG_EQ(da->IsLinkUp() && db->IsLinkUp(), true, "both devices up");
        NS_TEST_EXPECT_MSG_EQ(da->GetLocalSessionId(), db->GetRemoteSessionId(), "IDs mirror");
        NS_TEST_EXPECT_MSG_EQ(da->GetRemoteSessionId(), db->GetLocalSessionId(), "IDs mirror");
        Simulator::Destroy();
    }
};

/// ClosePseudowire: one pseudowire ends with a CDN, its control connection stays.
class LcceClosePseudowireTestCase : public TestCase
{
  public:
    LcceClosePseudowireTestCase()
        : TestCase("ClosePseudowire: the CDN's bytes on the wire (Result Code 1), the device "
                   "and the peer's session down, the connection and HELLOs go on")
    {
    }

  private:
    void DoRun() override
    {
        Pair p;
        uint32_t peer = p.a->AddPeer(p.addressA, p.addressB);
        p.a->AddPseudowire(peer, "vc1", nullptr);
        p.a->AddPseudowire(peer, "vc2", nullptr);
        p.b->OfferPseudowire("vc1", nullptr);
        p.b->OfferPseudowire("vc2", nullptr);
        // What A puts on the wire: IPv4 protocol 115 payloads that carry a CDN.
        std::vector<std::vector<uint8_t>> cdns;
        std::vector<double> helloAt;
        p.wan.Get(0)->TraceConnectWithoutContext(
            "PromiscSniffer",
            Callback<void, Ptr<const Packet>>([&](Ptr<const Packet> packet) {
                Ptr<Packet> copy = packet->Copy();
                EthernetHeader ethernet;
                copy->RemoveHeader(ethernet);
                Ipv4Header ip;
                if (ethernet.GetLengthType() != 0x0800 || !copy->RemoveHeader(ip) ||
                    ip.GetProtocol() != 115 || Address(ip.GetSource()) != p.addressA)
                {
                    return;
                }
                std::vector<uint8_t> bytes(ip.GetPayloadSize());
                copy->CopyData(bytes.data(), bytes.size());
                // Session ID 0 (4), control header (12), Message Type AVP: its value at 22.
                if (bytes.size() >= 24 && bytes[22] == 0 && bytes[23] == 14)
                {
                    cdns.push_back(bytes);
                }
                if (bytes.size() >= 24 && bytes[22] == 0 && bytes[23] == 6)
                {
                    helloAt.push_back(Simulator::Now().GetSeconds());
                }
            }));
        uint32_t local = 0;
        uint32_t remote = 0;
        uint32_t ccid = 0;
        bool first = false;
        bool second = true;
        Simulator::Schedule(Seconds(2), [&]() {
            Ptr<L2tpv3NetDevice> d = p.a->GetDevice("vc2");
            local = d->GetLocalSessionId();
            remote = d->GetRemoteSessionId();
            ccid = p.b->GetConnections().begin()->first;
            first = p.a->ClosePseudowire("vc2", 1);
        });
        Simulator::Schedule(Seconds(3), [&]() {
            second = p.a->ClosePseudowire("vc2");
        });
        Simulator::Stop(Seconds(20));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(first, true, "a session to close");
        NS_TEST_EXPECT_MSG_EQ(second, false, "none the second time: nothing sent");
        NS_TEST_ASSERT_MSG_EQ(cdns.size(), 1, "one CDN on the wire");
        auto be32 = [](std::vector<uint8_t>& v, uint32_t x) {
            for (int shift : {24, 16, 8, 0})
            {
                v.push_back(static_cast<uint8_t>(x >> shift));
            }
        };
        // RFC 3931 §4.1.1.2 (Session ID 0), §3.2.1 (header: T, L, S, Ver 3, Length 48),
        // §6.11 (CDN: Message Type 14, Result Code, Local and Remote Session ID).
        std::vector<uint8_t> expected = {0, 0, 0, 0, 0xc8, 0x03, 0x00, 0x30};
        be32(expected, ccid);
        expected.insert(expected.end(), {0, 6, 0, 3}); // Ns 6 (A's seventh), Nr 3 (B's 3)
        expected.insert(expected.end(), {0x80, 0x08, 0, 0, 0, 0, 0, 14});
        expected.insert(expected.end(), {0x80, 0x0a, 0, 0, 0, 63});
        be32(expected, local);
        expected.insert(expected.end(), {0x80, 0x0a, 0, 0, 0, 64});
        be32(expected, remote);
        expected.insert(expected.end(), {0x80, 0x08, 0, 0, 0, 1, 0, 1}); // Result Code 1
        std::ostringstream got;
        std::ostringstream want;
        for (uint8_t b : cdns[0])
        {
            got << std::hex << std::setw(2) << std::setfill('0') << unsigned(b);
        }
        for (uint8_t b : expected)
        {
            want << std::hex << std::setw(2) << std::setfill('0') << unsigned(b);
        }
        NS_TEST_EXPECT_MSG_EQ(got.str(), want.str(), "the CDN's bytes");
        L2tpv3LcceCounters ca = p.a->GetCounters();
        L2tpv3LcceCounters cb = p.b->GetCounters();
        NS_TEST_EXPECT_MSG_EQ(ca.cdnSent[1], 1, "counted by Result Code");
        NS_TEST_EXPECT_MSG_EQ(cb.cdnReceived[1], 1, "the peer got it");
        NS_TEST_EXPECT_MSG_EQ(p.a->GetDevice("vc2")->IsLinkUp(), false, "A's vc2 down");
        NS_TEST_EXPECT_MSG_EQ(p.b->GetDevice("vc2")->IsLinkUp(), false, "B's vc2 down");
        NS_TEST_EXPECT_MSG_EQ(p.a->GetDevice("vc1")->IsLinkUp(), true, "vc1 stays up");
        NS_TEST_EXPECT_MSG_EQ(p.b->GetNSessionsUp(), 1, "the peer's vc2 session is down");
        auto sent = static_cast<std::size_t>(L2tpv3SessionDownReason::CDN_SENT);
        auto received = static_cast<std::size_t>(L2tpv3SessionDownReason::CDN_RECEIVED);
        NS_TEST_EXPECT_MSG_EQ(ca.sessionsDown[sent], 1, "A: down, cdn_sent");
        NS_TEST_EXPECT_MSG_EQ(cb.sessionsDown[received], 1, "B: down, cdn_received");
        NS_TEST_EXPECT_MSG_EQ(p.EstablishedA(), 1, "the connection stays established");
        NS_TEST_EXPECT_MSG_EQ(ca.stopCcnSent.size() + cb.stopCcnSent.size(), 0, "no StopCCN");
        uint32_t later = 0;
        for (double t : helloAt)
        {
            later += t > 3;
        }
        NS_TEST_EXPECT_MSG_GT_OR_EQ(later, 3, "HELLOs continue (interval 5 s)");
        NS_TEST_EXPECT_MSG_EQ(ca.protocolErrors + cb.protocolErrors, 0, "no protocol error");
        bool threw = false;
        try
        {
            p.a->ClosePseudowire("vc9");
        }
        catch (const std::invalid_argument& e)
        {
            threw = std::string(e.what()).find("remoteEndId 'vc9'") != std::string::npos;
        }
        NS_TEST_EXPECT_MSG_EQ(threw, true, "an unknown Remote End ID refused, named");
        threw = false;
        try
        {
            p.a->ClosePseudowire("vc1", 0);
        }
        catch (const std::invalid_argument& e)
        {
            threw = std::string(e.what()).find("resultCode 0") != std::string::npos;
        }
        NS_TEST_EXPECT_MSG_EQ(threw, true, "Result Code 0 refused, named");
        Simulator::Destroy();
    }
};

/// §5.4.3: a tie lost or a restart replaces the connection's channel; what the first channel
/// counted stays in the LCCE's counters, before and after the connection is forgotten.
class LcceReplacedChannelTestCase : public TestCase
{
  public:
    /** \param equal the peer's tie breaker equals ours (both restart) rather than wins */
    explicit LcceReplacedChannelTestCase(bool equal)
        : TestCase(std::string(equal ? "equal tie breakers, a restart" : "a tie lost") +
                   " (§5.4.3): the replaced channel's retransmission and duplicate stay in the "
                   "LCCE's counters, before and after the connection is forgotten"),
          m_equal(equal)
    {
    }

  private:
    void DoRun() override
    {
        using namespace l2tptest;
        ScriptedPeer peer(Ipv4Address("10.1.1.1"), 1701, Ipv4Address("10.1.1.2"));
        peer.lcce->AddPeer(peer.lcceAddress, peer.peerAddress);
        const uint32_t peerCcid = 0x5555;
        const bool equal = m_equal;
        uint32_t ourCcid = 0;
        uint64_t ours = 0;
        uint32_t sccrqs = 0;
        double tieAt = -1;
        peer.onAnswer = [&](const L2tpv3ControlMessage& m) {
            if (m.GetMessageType() == M::SCCRQ && ++sccrqs <= 2)
            {
                m.GetUint32(A::ASSIGNED_CONTROL_CONNECTION_ID, ourCcid);
                m.GetUint64(A::CONTROL_CONNECTION_TIE_BREAKER, ours);
                if (sccrqs == 1)
                {
                    return; // unanswered: our LCCE sends it again after RetransmitTimeout
                }
                // The retransmission: the peer's own SCCRQ crosses it, its tie breaker ours
                // (both restart) or one below (the lower wins: ours loses).
                tieAt = Simulator::Now().GetSeconds();
                L2tpv3ControlMessage sccrq = PeerStart(M::SCCRQ, peerCcid);
                sccrq.Add(L2tpv3Avp::MakeUint64(A::CONTROL_CONNECTION_TIE_BREAKER,
                                                equal ? ours : ours - 1));
                sccrq.SetNs(0);
                sccrq.SetNr(0);
                peer.SendFrom(sccrq, 1701);
                // Our new channel starts a new Ns space; after a tie lost it took the SCCRQ
                // as Ns 0.
                peer.nr = 0;
                peer.ns = equal ? 0 : 1;
                return;
            }
            if (equal)
            {
                // The restarted SCCRQ answered as a compliant responder; then SCCCN acked.
                Respond(peer, m, 0, PeerStart(M::SCCRP, peerCcid));
                return;
            }
            // Our SCCRP (on the new channel) answered with an SCCCN, the rest acknowledged.
            Initiate(peer, m);
        };
        // Half a second in, a message for our connection with Ns 65535 (the Ns before the
        // expected 0): a duplicate for the first channel (§4.2), acknowledged and dropped.
        Simulator::Schedule(Seconds(0.5), [&peer, &ourCcid]() {
            L2tpv3ControlMessage hello(M::HELLO);
            hello.SetControlConnectionId(ourCcid);
            hello.SetNs(65535);
            hello.SetNr(0);
            peer.SendFrom(hello, 1701);
        });
        // Once the new channel is established: what every counter says.
        L2tpv3LcceCounters before;
        L2tpv3ControlChannelCounters replaced;
        L2tpv3ControlChannelCounters current;
        uint32_t established = 0;
        Simulator::Schedule(Seconds(3), [&]() {
            before = peer.lcce->GetCounters();
            for (const auto& [id, c] : peer.lcce->GetConnections())
            {
                established += c->GetState() == L2tpv3ConnectionState::ESTABLISHED;
                replaced = c->GetReplacedChannelCounters();
                current = c->GetChannel()->GetCounters();
            }
            // Then the peer clears the connection (§7.1): forgotten a retransmission cycle
            // after our acknowledgement.
            L2tpv3ControlMessage stop(M::STOPCCN);
            stop.Add(L2tpv3Avp::MakeUint32(A::ASSIGNED_CONTROL_CONNECTION_ID, peerCcid))
                .Add(L2tpv3Avp::MakeResultCode(1));
            peer.Reply(stop);
        });
        Simulator::Stop(Seconds(100));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_GT(tieAt, 1, "the tie, after our first retransmission");
        NS_TEST_EXPECT_MSG_EQ(established, 1, "one connection, established on its new channel");
        NS_TEST_EXPECT_MSG_EQ(sccrqs, (equal ? 3 : 2), "our SCCRQs (a new one after a restart)");
        // The first channel: one retransmission (the SCCRQ), one duplicate (the HELLO).
        NS_TEST_EXPECT_MSG_EQ(replaced.retransmissions, 1, "the replaced channel retransmitted");
        NS_TEST_EXPECT_MSG_EQ(replaced.duplicates, 1, "and dropped a duplicate");
        NS_TEST_EXPECT_MSG_EQ(replaced.txMessages, 1, "it sent the SCCRQ");
        NS_TEST_EXPECT_MSG_EQ(replaced.rxMessages, 0, "and delivered nothing");
        NS_TEST_EXPECT_MSG_EQ(replaced.zlbSent, 1, "the duplicate acknowledged");
        NS_TEST_EXPECT_MSG_EQ(current.retransmissions, 0, "the new channel: no retransmission");
        NS_TEST_EXPECT_MSG_EQ(current.duplicates, 0, "no duplicate");
        // The LCCE's sums: every channel, current and replaced.
        NS_TEST_EXPECT_MSG_EQ(before.retransmissions, 1, "the LCCE counts the retransmission");
        NS_TEST_EXPECT_MSG_EQ(before.duplicates, 1, "and the duplicate");
        NS_TEST_EXPECT_MSG_EQ(before.outOfWindow + before.invalidNr + before.afterClose,
                              0,
                              "no other drop");
        // Forgotten: the counts stay.
        L2tpv3LcceCounters after = peer.lcce->GetCounters();
        NS_TEST_EXPECT_MSG_EQ(peer.lcce->GetConnections().size(), 0, "the connection forgotten");
        NS_TEST_EXPECT_MSG_EQ(after.stopCcnReceived[1], 1, "cleared by the peer's StopCCN");
        NS_TEST_EXPECT_MSG_EQ(after.retransmissions, 1, "the retransmission still counted");
        NS_TEST_EXPECT_MSG_EQ(after.duplicates, 1, "the duplicate still counted");
        NS_TEST_EXPECT_MSG_EQ(after.outOfWindow + after.invalidNr + after.afterClose,
                              0,
                              "no other drop");
        NS_TEST_EXPECT_MSG_EQ(after.stopCcnUnacknowledged, 0, "no StopCCN of ours unacked");
        NS_TEST_EXPECT_MSG_EQ(after.protocolErrors, 0, "a row took every message");
        Simulator::Destroy();
    }

    bool m_equal; //!< the restart case
};

/// The suite.
class L2tpv3LcceTestSuite : public TestSuite
{
  public:
    L2tpv3LcceTestSuite()
        : TestSuite("l2tp-lcce")
    {
        AddTestCase(new LcceSessionUpTestCase("ip", 0));
        AddTestCase(new LcceSessionUpTestCase("ip", 8));
        AddTestCase(new LcceSessionUpTestCase("udp", 4));
        AddTestCase(new LcceSessionUpTestCase("ip", 4, true));
        AddTestCase(new LcceSessionUpTestCase("udp", 8, true));
        AddTestCase(new LcceNotOfferedTestCase);
        AddTestCase(new LccePeerDeathTestCase);
        AddTestCase(new LcceChannelTracesTestCase);
        AddTestCase(new LcceStopCcnTestCase);
        AddTestCase(new LcceTieBreakerTestCase);
        AddTestCase(new LcceLateAddTestCase);
        AddTestCase(new LcceSliTestCase);
        AddTestCase(new LcceSessionTieTestCase);
        AddTestCase(new LcceClosePseudowireTestCase);
        AddTestCase(new LcceReplacedChannelTestCase(false));
        AddTestCase(new LcceReplacedChannelTestCase(true));
    }
};

static L2tpv3LcceTestSuite g_l2tpv3LcceTestSuite; //!< registers the suite
