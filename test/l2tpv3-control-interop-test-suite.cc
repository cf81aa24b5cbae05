/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The control plane against what others send and read (issue: interop):
//  - replay: our LCCE as responder is fed the initiator's messages of the commercial
//    LCCE's exchange in v3-13.pcap and answers as the capture's responder did;
//  - a scripted peer sends what our own LCCE never would (unknown mandatory AVPs,
//    unsupported pseudowire types, sequencing without a sublayer) and gets the RFC's answer;
//  - tshark decodes every control message two of our LCCEs exchange.

#include "l2tp-scripted-peer.h"
#include "l2tp-test-utils.h"

#include "ns3/bridge-net-device.h"
#include "ns3/callback.h"
#include "ns3/csma-helper.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-interface-address.h"
#include "ns3/ipv4-interface-container.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/l2tpv3-avp.h"
#include "ns3/l2tpv3-control-message.h"
#include "ns3/l2tpv3-lcce-helper.h"
#include "ns3/l2tpv3-lcce.h"
#include "ns3/l2tpv3-net-device.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <functional>
#include <map>

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

using A = L2tpv3AvpType;
using M = L2tpv3MessageType;

/// A control message of a capture with where it came from.
struct CapturedMessage
{
    double time;                  //!< seconds from the capture's start
    std::string source;           //!< source IPv4 address, dotted
    uint16_t sourcePort;          //!< UDP source port
    std::vector<uint8_t> payload; //!< the UDP payload (control header first)
};

/**
 * \param name a capture of the reference directory
 * \return its UDP control messages (T bit set), in order
 */
std::vector<CapturedMessage>
ReadControlMessages(const std::string& name)
{
    std::vector<CapturedMessage> out;
    std::string error;
    uint32_t link = 0;
    std::vector<PcapRecord> records =
        ReadPcapFile(L2tpReferenceDir() + "/captures/linux-l2tpv3/" + name, link, error);
    double start = records.empty() ? 0 : records[0].seconds + records[0].microseconds * 1e-6;
    for (const auto& r : records)
    {
        const std::vector<uint8_t>& d = r.data;
        if (d.size() < 14 + 20 + 8 + 12 || d[12] != 0x08 || d[13] != 0x00 || d[14 + 9] != 17)
        {
            continue;
        }
        std::size_t ip = 14;
        std::size_t udp = ip + (d[ip] & 0x0f) * 4;
        std::size_t payload = udp + 8;
        if (payload + 2 > d.size() || !(d[payload] & 0x80))
        {
            continue;
        }
        CapturedMessage m;
        m.time = r.seconds + r.microseconds * 1e-6 - start;
        std::ostringstream src;
        src << unsigned(d[ip + 12]) << "." << unsigned(d[ip + 13]) << "." << unsigned(d[ip + 14])
            << "." << unsigned(d[ip + 15]);
        m.source = src.str();
        m.sourcePort = static_cast<uint16_t>((d[udp] << 8) | d[udp + 1]);
        m.payload.assign(d.begin() + payload, d.end());
        out.push_back(m);
    }
    return out;
}

/**
 * \brief Rebuild a message with another Control Connection ID and, when given, another
 * Remote Session ID (what the capture's responder assigned becomes what ours did).
 * \param original the message
 * \param ccid the Control Connection ID to write
 * \param remoteSessionId the Remote Session ID AVP's new value (0: unchanged)
 * \return the message
 */
L2tpv3ControlMessage
Patch(const L2tpv3ControlMessage& original, uint32_t ccid, uint32_t remoteSessionId)
{
    L2tpv3ControlMessage m;
    m.SetControlConnectionId(ccid);
    m.SetNs(original.GetNs());
    m.SetNr(original.GetNr());
    for (const L2tpv3Avp& avp : original.GetAvps())
    {
        if (remoteSessionId != 0 && avp.Is(A::REMOTE_SESSION_ID))
        {
            m.Add(L2tpv3Avp::MakeUint32(A::REMOTE_SESSION_ID, remoteSessionId));
        }
        else
        {
            m.Add(avp);
        }
    }
    return m;
}

} // namespace

/// Replay of v3-13: the commercial LCCE's initiator against our responder.
class ReplayV313TestCase : public TestCase
{
  public:
    ReplayV313TestCase()
        : TestCase("replay of v3-13's initiator: SCCRP, ICRP, ZLB, HELLO acknowledged, "
                   "the session up with the captured Session ID")
    {
    }

  private:
    void DoRun() override
    {
        std::vector<CapturedMessage> captured = ReadControlMessages("v3-13.pcap");
        NS_TEST_ASSERT_MSG_EQ(captured.size(), 18, "v3-13 holds 18 control messages");
        if (captured.size() != 18)
        {
            return;
        }
        const std::string initiator = captured[0].source;
        ScriptedPeer peer(Ipv4Address(initiator.c_str()),
                          captured[0].sourcePort,
                          Ipv4Address("192.168.11.250"));
        peer.lcce->OfferPseudowire("mxtunnel", nullptr);

        // The initiator's sequenced messages, at the captured times.
        std::vector<L2tpv3ControlMessage> script;
        std::vector<double> times;
        for (const auto& c : captured)
        {
            L2tpv3ControlMessage m;
            NS_TEST_ASSERT_MSG_EQ(
                (L2tpv3ControlMessage::Deserialize(c.payload.data(), c.payload.size(), m) ==
                 L2tpv3ControlDecodeError::NONE),
                true,
                "captured message decodes");
            M type = m.GetMessageType();
            bool sequenced = type != M::ACK && type != M::ZLB;
            // The capture's first SCCRQ went unanswered; its retransmission (captured[1]) is
            // the one the responder answered, and the replay's time origin.
            if (c.source != initiator || !sequenced || &c == &captured[0])
            {
                continue;
            }
            script.push_back(m);
            times.push_back(c.time - captured[1].time + 0.1);
        }
        NS_TEST_ASSERT_MSG_EQ(script.size(), 4, "SCCRQ, SCCCN, ICRQ, ICCN");
        if (script.size() != 4)
        {
            return;
        }
        uint32_t ourSession = 0;
        for (std::size_t i = 0; i < script.size(); ++i)
        {
            Simulator::Schedule(Seconds(times[i]), [&peer, &script, &ourSession, i]() {
                const L2tpv3ControlMessage* icrp = peer.Find(M::ICRP);
                if (icrp)
                {
                    icrp->GetUint32(A::LOCAL_SESSION_ID, ourSession);
                }
                uint32_t ccid = i == 0 ? 0 : peer.OurConnectionId();
                peer.Send(
                    Patch(script[i], ccid, script[i].GetMessageType() == M::ICCN ? ourSession : 0));
            });
        }
        // The capture's responder sent HELLOs; here the initiator sends one (the capture's
        // HELLO with its vendor AVPs, M = 0), Ns 4 after ICCN's 3, to be acknowledged.
        const L2tpv3ControlMessage* capturedHello = nullptr;
        L2tpv3ControlMessage hello;
        for (const auto& c : captured)
        {
            L2tpv3ControlMessage m;
            L2tpv3ControlMessage::Deserialize(c.payload.data(), c.payload.size(), m);
            if (m.GetMessageType() == M::HELLO && m.GetAvps().size() > 2)
            {
                hello = m;
                capturedHello = &hello;
                break;
            }
        }
        NS_TEST_ASSERT_MSG_NE(capturedHello, nullptr, "the capture's padded HELLO");
        if (!capturedHello)
        {
            return;
        }
        Simulator::Schedule(Seconds(2), [&peer, &hello]() {
            L2tpv3ControlMessage m = Patch(hello, peer.OurConnectionId(), 0);
            m.SetNs(4);
            m.SetNr(2);
            peer.Send(m);
        });
        Simulator::Stop(Seconds(3));
        Simulator::Run();

        // Our answers. The capture's responder sent SCCRP, ACK, ICRP, ACK and an ACK for the
        // HELLO; it acknowledged at once, with explicit ACKs because digests were on. We
        // acknowledge the SCCCN on the ICRP (the ICRQ came 23 ms later, within AckDelay) and
        // the ICCN and the HELLO with ZLBs (§4.2): the same acknowledgements, fewer messages.
        std::vector<M> expected = {M::SCCRP, M::ICRP, M::ZLB, M::ZLB};
        NS_TEST_EXPECT_MSG_EQ((peer.Types() == expected),
                              true,
                              "answers: " + TypeNames(peer.Types()));
        const L2tpv3ControlMessage* sccrp = peer.Find(M::SCCRP);
        NS_TEST_ASSERT_MSG_NE(sccrp, nullptr, "SCCRP sent");
        if (!sccrp)
        {
            Simulator::Destroy();
            return;
        }
        NS_TEST_EXPECT_MSG_EQ((sccrp->Check().verdict == L2tpv3ControlCheck::OK),
                              true,
                              "SCCRP carries the AVPs §6.2 requires");
        NS_TEST_EXPECT_MSG_EQ(sccrp->GetControlConnectionId(),
                              0x92c98460,
                              "SCCRP to the initiator's Assigned Control Connection ID");
        NS_TEST_EXPECT_MSG_EQ(sccrp->GetNr(), 1, "SCCRP acknowledges the SCCRQ");
        std::vector<uint16_t> capabilities;
        sccrp->Find(A::PSEUDOWIRE_CAPABILITIES_LIST)->GetUint16List(capabilities);
        NS_TEST_EXPECT_MSG_EQ(capabilities.size(), 2, "Ethernet and Ethernet VLAN offered");
        const L2tpv3ControlMessage* icrp = peer.Find(M::ICRP);
        NS_TEST_ASSERT_MSG_NE(icrp, nullptr, "ICRP sent");
        if (!icrp)
        {
            Simulator::Destroy();
            return;
        }
        NS_TEST_EXPECT_MSG_EQ((icrp->Check().verdict == L2tpv3ControlCheck::OK),
                              true,
                              "ICRP carries the AVPs §6.7 requires");
        uint32_t remote = 0;
        icrp->GetUint32(A::REMOTE_SESSION_ID, remote);
        NS_TEST_EXPECT_MSG_EQ(remote, 0xbb9a6221, "ICRP names the captured Local Session ID");
        NS_TEST_EXPECT_MSG_EQ(icrp->GetNs(), 1, "ICRP is our second sequenced message");
        NS_TEST_EXPECT_MSG_EQ(icrp->GetNr(), 3, "ICRP acknowledges the ICRQ");
        NS_TEST_EXPECT_MSG_EQ(peer.answers.back().GetNr(), 5, "the HELLO is acknowledged");
        NS_TEST_EXPECT_MSG_EQ(peer.lcce->GetNSessionsUp(), 1, "our session is up");
        Ptr<L2tpv3NetDevice> device = peer.lcce->GetDevice("mxtunnel");
        NS_TEST_EXPECT_MSG_EQ(device->IsLinkUp(), true, "the pseudowire device is up");
        NS_TEST_EXPECT_MSG_EQ(device->GetRemoteSessionId(), 0xbb9a6221, "remote Session ID");
        NS_TEST_EXPECT_MSG_EQ(device->GetLocalSessionId(), ourSession, "local Session ID");
        UintegerValue port;
        device->GetAttribute("UdpDestinationPort", port);
        NS_TEST_EXPECT_MSG_EQ(port.Get(), 36025, "data to the initiator's port");
        L2tpv3LcceCounters c = peer.lcce->GetCounters();
        NS_TEST_EXPECT_MSG_EQ(c.protocolErrors, 0, "no protocol error");
        NS_TEST_EXPECT_MSG_EQ(c.duplicates, 0, "no duplicate");
        Simulator::Destroy();
    }
};

/// A scripted peer's SCCRQ, then an ICRQ of its choosing; what comes back.
class ScriptedRefusalTestCase : public TestCase
{
  public:
    /// What the peer does wrong.
    enum Fault
    {
        SCCRQ_UNKNOWN_MANDATORY_AVP, //!< vendor AVP with M = 1 in the SCCRQ
        ICRQ_UNKNOWN_MANDATORY_AVP,  //!< vendor AVP with M = 1 in the ICRQ
        PW_TYPE_UNSUPPORTED,         //!< PW type 3 (not Ethernet)
        SEQUENCING_WITHOUT_SUBLAYER, //!< Data Sequencing 2, L2-Specific Sublayer 0
        ETHERNET_VLAN,               //!< PW type 4: accepted
        SECOND_ICRQ_SAME_ID,         //!< a second ICRQ for a Remote End ID in use
    };

    /**
     * \param fault the peer's fault
     * \param name the case's name
     */
    ScriptedRefusalTestCase(Fault fault, const std::string& name)
        : TestCase(name),
          m_fault(fault)
    {
    }

  private:
    void DoRun() override
    {
        ScriptedPeer peer(Ipv4Address("10.1.1.1"), 1701, Ipv4Address("10.1.1.2"));
        peer.lcce->OfferPseudowire("vc7", nullptr);
        L2tpv3Avp vendorMandatory(9, 77, true, {1, 2, 3});
        L2tpv3ControlMessage sccrq(M::SCCRQ);
        sccrq.Add(L2tpv3Avp::MakeString(A::HOST_NAME, "peer"))
            .Add(L2tpv3Avp::MakeUint32(A::ROUTER_ID, 1))
            .Add(L2tpv3Avp::MakeUint32(A::ASSIGNED_CONTROL_CONNECTION_ID, 0x1111))
            .Add(L2tpv3Avp::MakeUint16List(A::PSEUDOWIRE_CAPABILITIES_LIST, {5}));
        if (m_fault == SCCRQ_UNKNOWN_MANDATORY_AVP)
        {
            sccrq.Add(vendorMandatory);
        }
        Simulator::Schedule(Seconds(0.1), [&peer, sccrq]() {
            peer.Send(sccrq);
        });
        Simulator::Schedule(Seconds(0.2), [&peer]() {
            L2tpv3ControlMessage scccn(M::SCCCN);
            scccn.SetControlConnectionId(peer.OurConnectionId());
            scccn.SetNs(1);
            scccn.SetNr(1);
            peer.Send(scccn);
        });
        Simulator::Schedule(Seconds(0.3), [this, &peer, vendorMandatory]() {
            L2tpv3ControlMessage icrq(M::ICRQ);
            icrq.SetControlConnectionId(peer.OurConnectionId());
            icrq.SetNs(2);
            icrq.SetNr(1);
            icrq.Add(L2tpv3Avp::MakeUint32(A::LOCAL_SESSION_ID, 0x2222))
                .Add(L2tpv3Avp::MakeUint32(A::REMOTE_SESSION_ID, 0))
                .Add(L2tpv3Avp::MakeUint32(A::SERIAL_NUMBER, 1))
                .Add(L2tpv3Avp::MakeUint16(
                    A::PSEUDOWIRE_TYPE,
                    m_fault == PW_TYPE_UNSUPPORTED ? 3 : (m_fault == ETHERNET_VLAN ? 4 : 5)))
                .Add(L2tpv3Avp::MakeString(A::REMOTE_END_ID, "vc7"))
                .Add(L2tpv3Avp::MakeUint16(A::CIRCUIT_STATUS, 3));
            if (m_fault == SEQUENCING_WITHOUT_SUBLAYER)
            {
                icrq.Add(L2tpv3Avp::MakeUint16(A::L2_SPECIFIC_SUBLAYER, 0))
                    .Add(L2tpv3Avp::MakeUint16(A::DATA_SEQUENCING, 2));
            }
            if (m_fault == ICRQ_UNKNOWN_MANDATORY_AVP)
            {
                icrq.Add(vendorMandatory);
            }
            peer.Send(icrq);
            if (m_fault == SECOND_ICRQ_SAME_ID)
            {
                L2tpv3ControlMessage second;
                second.SetControlConnectionId(icrq.GetControlConnectionId());
                second.SetNs(3);
                second.SetNr(1);
                for (const L2tpv3Avp& avp : icrq.GetAvps())
                {
                    second.Add(avp.Is(A::LOCAL_SESSION_ID)
                                   ? L2tpv3Avp::MakeUint32(A::LOCAL_SESSION_ID, 0x2223)
                                   : avp);
                }
                peer.Send(second);
            }
        });
        Simulator::Stop(Seconds(1));
        Simulator::Run();
        L2tpv3LcceCounters c = peer.lcce->GetCounters();
        uint16_t result = 0;
        uint16_t error = 0;
        std::string why;
        switch (m_fault)
        {
        case SCCRQ_UNKNOWN_MANDATORY_AVP: {
            const L2tpv3ControlMessage* stop = peer.Find(M::STOPCCN);
            NS_TEST_ASSERT_MSG_NE(stop, nullptr, "StopCCN: " + TypeNames(peer.Types()));
            if (!stop)
            {
                break;
            }
            NS_TEST_EXPECT_MSG_EQ(peer.Find(M::SCCRP), nullptr, "no SCCRP");
            stop->Find(A::RESULT_CODE)->GetResultCode(result, error, why);
            NS_TEST_EXPECT_MSG_EQ(result, 2, "§5.2: Result Code 2");
            NS_TEST_EXPECT_MSG_EQ(error, 8, "§5.2: Error Code 8");
            NS_TEST_EXPECT_MSG_EQ(stop->GetControlConnectionId(), 0x1111, "to the peer's ID");
            NS_TEST_EXPECT_MSG_EQ(c.stopCcnSent[2], 1, "counted");
            break;
        }
        case ICRQ_UNKNOWN_MANDATORY_AVP:
        case PW_TYPE_UNSUPPORTED:
        case SEQUENCING_WITHOUT_SUBLAYER: {
            const L2tpv3ControlMessage* cdn = peer.Find(M::CDN);
            NS_TEST_ASSERT_MSG_NE(cdn, nullptr, "CDN: " + TypeNames(peer.Types()));
            if (!cdn)
            {
                break;
            }
            NS_TEST_EXPECT_MSG_EQ(peer.Find(M::ICRP), nullptr, "no ICRP");
            cdn->Find(A::RESULT_CODE)->GetResultCode(result, error, why);
            uint16_t expected = m_fault == PW_TYPE_UNSUPPORTED
                                    ? 14
                                    : (m_fault == SEQUENCING_WITHOUT_SUBLAYER ? 15 : 2);
            NS_TEST_EXPECT_MSG_EQ(result, expected, "Result Code (§5.4.2)");
            if (m_fault == ICRQ_UNKNOWN_MANDATORY_AVP)
            {
                NS_TEST_EXPECT_MSG_EQ(error, 8, "§5.2: Error Code 8");
            }
            uint32_t remote = 0;
            cdn->GetUint32(A::REMOTE_SESSION_ID, remote);
            NS_TEST_EXPECT_MSG_EQ(remote, 0x2222, "CDN names the peer's session");
            NS_TEST_EXPECT_MSG_EQ(c.cdnSent[expected], 1, "counted per Result Code");
            NS_TEST_EXPECT_MSG_EQ(peer.lcce->GetNSessionsUp(), 0, "no session");
            break;
        }
        case SECOND_ICRQ_SAME_ID: {
            const L2tpv3ControlMessage* cdn = peer.Find(M::CDN);
            NS_TEST_ASSERT_MSG_NE(cdn, nullptr, "CDN: " + TypeNames(peer.Types()));
            if (!cdn)
            {
                break;
            }
            cdn->Find(A::RESULT_CODE)->GetResultCode(result, error, why);
            NS_TEST_EXPECT_MSG_EQ(result, 4, "§5.4.2 Result Code 4: the pseudowire is taken");
            uint32_t remote = 0;
            cdn->GetUint32(A::REMOTE_SESSION_ID, remote);
            NS_TEST_EXPECT_MSG_EQ(remote, 0x2223, "the CDN refuses the second ICRQ");
            NS_TEST_EXPECT_MSG_NE(peer.Find(M::ICRP), nullptr, "the first ICRQ answered");
            break;
        }
        case ETHERNET_VLAN: {
            NS_TEST_EXPECT_MSG_NE(peer.Find(M::ICRP), nullptr, "ICRP: " + TypeNames(peer.Types()));
            NS_TEST_EXPECT_MSG_EQ(peer.Find(M::CDN), nullptr, "no CDN");
            break;
        }
        }
        Simulator::Destroy();
    }

    Fault m_fault; //!< the peer's fault
};

/// One row of the §7.2 or §7.3 tables that only a misbehaving peer reaches.
class StateTableRowTestCase : public TestCase
{
  public:
    /// The row, by the state our LCCE is in and what the peer does.
    enum Row
    {
        IDLE_SCCRQ_NOT_ACCEPTABLE,           //!< idle, SCCRQ without an Ethernet PW type
        WAIT_CTL_CONN_SCCRQ,                 //!< wait-ctl-conn, receive SCCRQ
        WAIT_CTL_CONN_SCCRP,                 //!< wait-ctl-conn, receive SCCRP
        ESTABLISHED_SCCRQ,                   //!< established, receive SCCRQ
        ESTABLISHED_MALFORMED_HELLO,         //!< established, HELLO with an unknown mandatory AVP
        WAIT_CTL_REPLY_SCCRP_NOT_ACCEPTABLE, //!< wait-ctl-reply, SCCRP without PW types we carry
        WAIT_CTL_REPLY_SCCCN,                //!< wait-ctl-reply, receive SCCCN
        WAIT_REPLY_ICRP_NOT_ACCEPTABLE,      //!< session wait-reply, ICRP with a 3-octet cookie
        WAIT_CONNECT_CDN,                    //!< session wait-connect, receive CDN
        ESTABLISHED_ICCN_UNKNOWN,            //!< connection established, ICCN for no session
    };

    /**
     * \param row the row
     * \param name the case's name
     */
    StateTableRowTestCase(Row row, const std::string& name)
        : TestCase(name),
          m_row(row)
    {
    }

  private:
    void DoRun() override
    {
        ScriptedPeer peer(Ipv4Address("10.1.1.1"), 1701, Ipv4Address("10.1.1.2"));
        peer.lcce->OfferPseudowire("vc7", nullptr);
        bool weInitiate = m_row == WAIT_CTL_REPLY_SCCRP_NOT_ACCEPTABLE ||
                          m_row == WAIT_CTL_REPLY_SCCCN || m_row == WAIT_REPLY_ICRP_NOT_ACCEPTABLE;
        auto start = [](M type, uint32_t ccid, std::vector<uint16_t> capabilities) {
            L2tpv3ControlMessage m(type);
            m.Add(L2tpv3Avp::MakeString(A::HOST_NAME, "peer"))
                .Add(L2tpv3Avp::MakeUint32(A::ROUTER_ID, 1))
                .Add(L2tpv3Avp::MakeUint32(A::ASSIGNED_CONTROL_CONNECTION_ID, ccid))
                .Add(L2tpv3Avp::MakeUint16List(A::PSEUDOWIRE_CAPABILITIES_LIST, capabilities));
            return m;
        };
        auto to = [&peer](L2tpv3ControlMessage m, uint16_t ns, uint16_t nr) {
            m.SetControlConnectionId(peer.OurConnectionId());
            m.SetNs(ns);
            m.SetNr(nr);
            return m;
        };
        uint16_t expectStop = 0;
        uint16_t expectCdn = 0;
        if (weInitiate)
        {
            Ptr<L2tpv3Lcce> lcce = peer.lcce;
            uint32_t index = lcce->AddPeer(peer.lcceAddress, peer.peerAddress);
            lcce->AddPseudowire(index, "vc9", nullptr);
            Row row = m_row;
            peer.onAnswer = [&peer, row, start](const L2tpv3ControlMessage& m) {
                uint32_t ours = 0;
                m.GetUint32(A::ASSIGNED_CONTROL_CONNECTION_ID, ours);
                if (m.GetMessageType() == M::SCCRQ)
                {
                    L2tpv3ControlMessage reply =
                        row == WAIT_CTL_REPLY_SCCCN
                            ? L2tpv3ControlMessage(M::SCCCN)
                            : start(M::SCCRP,
                                    0x3333,
                                    row == WAIT_CTL_REPLY_SCCRP_NOT_ACCEPTABLE
                                        ? std::vector<uint16_t>{3}
                                        : std::vector<uint16_t>{5});
                    reply.SetControlConnectionId(ours);
                    reply.SetNs(0);
                    reply.SetNr(1);
                    peer.Send(reply);
                }
                if (m.GetMessageType() == M::ICRQ)
                {
                    uint32_t session = 0;
                    m.GetUint32(A::LOCAL_SESSION_ID, session);
                    L2tpv3ControlMessage icrp(M::ICRP);
                    icrp.Add(L2tpv3Avp::MakeUint32(A::LOCAL_SESSION_ID, 0x4444))
                        .Add(L2tpv3Avp::MakeUint32(A::REMOTE_SESSION_ID, session))
                        .Add(L2tpv3Avp::MakeUint16(A::CIRCUIT_STATUS, 3))
                        .Add(L2tpv3Avp(L2tpv3Avp::IETF_VENDOR_ID,
                                       static_cast<uint16_t>(A::ASSIGNED_COOKIE),
                                       true,
                                       {1, 2, 3}));
                    icrp.SetControlConnectionId(peer.lastInitiatorId);
                    icrp.SetNs(1);
                    icrp.SetNr(3);
                    peer.Send(icrp);
                }
                if (m.GetMessageType() == M::SCCRQ)
                {
                    peer.lastInitiatorId = ours;
                }
            };
            expectStop = row == WAIT_CTL_REPLY_SCCRP_NOT_ACCEPTABLE ? 2
                         : row == WAIT_CTL_REPLY_SCCCN              ? 7
                                                                    : 0;
            expectCdn = row == WAIT_REPLY_ICRP_NOT_ACCEPTABLE ? 2 : 0;
        }
        else
        {
            std::vector<uint16_t> capabilities = m_row == IDLE_SCCRQ_NOT_ACCEPTABLE
                                                     ? std::vector<uint16_t>{3}
                                                     : std::vector<uint16_t>{5};
            L2tpv3ControlMessage sccrq = start(M::SCCRQ, 0x1111, capabilities);
            Simulator::Schedule(Seconds(0.1), [&peer, sccrq]() {
                peer.Send(sccrq);
            });
            Row row = m_row;
            Simulator::Schedule(Seconds(0.2), [&peer, row, start, to]() {
                switch (row)
                {
                case WAIT_CTL_CONN_SCCRQ:
                    peer.Send(to(start(M::SCCRQ, 0x1111, {5}), 1, 1));
                    return;
                case WAIT_CTL_CONN_SCCRP:
                    peer.Send(to(start(M::SCCRP, 0x1111, {5}), 1, 1));
                    return;
                default:
                    peer.Send(to(L2tpv3ControlMessage(M::SCCCN), 1, 1));
                }
            });
            Simulator::Schedule(Seconds(0.3), [&peer, row, start, to]() {
                switch (row)
                {
                case ESTABLISHED_SCCRQ:
                    peer.Send(to(start(M::SCCRQ, 0x1111, {5}), 2, 1));
                    return;
                case ESTABLISHED_MALFORMED_HELLO: {
                    L2tpv3ControlMessage hello(M::HELLO);
                    hello.Add(L2tpv3Avp(9, 77, true, {1}));
                    peer.Send(to(hello, 2, 1));
                    return;
                }
                case WAIT_CONNECT_CDN:
                case ESTABLISHED_ICCN_UNKNOWN: {
                    L2tpv3ControlMessage icrq(M::ICRQ);
                    icrq.Add(L2tpv3Avp::MakeUint32(A::LOCAL_SESSION_ID, 0x2222))
                        .Add(L2tpv3Avp::MakeUint32(A::REMOTE_SESSION_ID, 0))
                        .Add(L2tpv3Avp::MakeUint32(A::SERIAL_NUMBER, 1))
                        .Add(L2tpv3Avp::MakeUint16(A::PSEUDOWIRE_TYPE, 5))
                        .Add(L2tpv3Avp::MakeString(A::REMOTE_END_ID, "vc7"))
                        .Add(L2tpv3Avp::MakeUint16(A::CIRCUIT_STATUS, 3));
                    peer.Send(to(icrq, 2, 1));
                    return;
                }
                default:
                    return;
                }
            });
            Simulator::Schedule(Seconds(0.4), [&peer, row, to]() {
                uint32_t ours = 0;
                if (const L2tpv3ControlMessage* icrp = peer.Find(M::ICRP))
                {
                    icrp->GetUint32(A::LOCAL_SESSION_ID, ours);
                }
                if (row == WAIT_CONNECT_CDN)
                {
                    L2tpv3ControlMessage cdn(M::CDN);
                    cdn.Add(L2tpv3Avp::MakeResultCode(3))
                        .Add(L2tpv3Avp::MakeUint32(A::LOCAL_SESSION_ID, 0x2222))
                        .Add(L2tpv3Avp::MakeUint32(A::REMOTE_SESSION_ID, ours));
                    peer.Send(to(cdn, 3, 2));
                }
                if (row == ESTABLISHED_ICCN_UNKNOWN)
                {
                    L2tpv3ControlMessage iccn(M::ICCN);
                    iccn.Add(L2tpv3Avp::MakeUint32(A::LOCAL_SESSION_ID, 0x2222))
                        .Add(L2tpv3Avp::MakeUint32(A::REMOTE_SESSION_ID, ours + 1));
                    peer.Send(to(iccn, 3, 2));
                }
            });
            expectStop = m_row == IDLE_SCCRQ_NOT_ACCEPTABLE     ? 2
                         : m_row == WAIT_CTL_CONN_SCCRQ         ? 7
                         : m_row == WAIT_CTL_CONN_SCCRP         ? 7
                         : m_row == ESTABLISHED_SCCRQ           ? 7
                         : m_row == ESTABLISHED_MALFORMED_HELLO ? 2
                                                                : 0;
        }
        Simulator::Stop(Seconds(1));
        Simulator::Run();
        L2tpv3LcceCounters c = peer.lcce->GetCounters();
        const L2tpv3ControlMessage* stop = peer.Find(M::STOPCCN);
        if (expectStop)
        {
            NS_TEST_ASSERT_MSG_NE(stop, nullptr, "StopCCN expected: " << TypeNames(peer.Types()));
            if (stop)
            {
                uint16_t result = 0;
                uint16_t error = 0;
                std::string why;
                stop->Find(A::RESULT_CODE)->GetResultCode(result, error, why);
                NS_TEST_EXPECT_MSG_EQ(result, expectStop, "StopCCN Result Code: " << why);
                NS_TEST_EXPECT_MSG_EQ(c.stopCcnSent[expectStop], 1, "counted per Result Code");
            }
            NS_TEST_EXPECT_MSG_EQ(peer.lcce->GetNSessionsUp(), 0, "no session");
        }
        else
        {
            NS_TEST_EXPECT_MSG_EQ(stop, nullptr, "no StopCCN: " << TypeNames(peer.Types()));
        }
        const L2tpv3ControlMessage* cdn = peer.Find(M::CDN);
        if (expectCdn)
        {
            NS_TEST_ASSERT_MSG_NE(cdn, nullptr, "CDN expected: " << TypeNames(peer.Types()));
            if (cdn)
            {
                uint16_t result = 0;
                uint16_t error = 0;
                std::string why;
                cdn->Find(A::RESULT_CODE)->GetResultCode(result, error, why);
                NS_TEST_EXPECT_MSG_EQ(result, expectCdn, "CDN Result Code: " << why);
            }
            NS_TEST_EXPECT_MSG_EQ(peer.lcce->GetNSessionsUp(), 0, "no session");
        }
        if (m_row == WAIT_CONNECT_CDN)
        {
            NS_TEST_EXPECT_MSG_EQ(c.cdnReceived[3], 1, "the peer's CDN counted");
            NS_TEST_EXPECT_MSG_EQ(peer.lcce->GetNSessionsUp(), 0, "the session never came up");
            NS_TEST_EXPECT_MSG_EQ(c.protocolErrors, 0, "a row took the CDN");
        }
        if (m_row == ESTABLISHED_ICCN_UNKNOWN)
        {
            NS_TEST_EXPECT_MSG_EQ(c.protocolErrors, 1, "an ICCN for no session is an error");
            NS_TEST_EXPECT_MSG_EQ(cdn, nullptr, "no CDN for it");
        }
        Simulator::Destroy();
    }

    Row m_row; //!< the row
};

/// tshark reads every control message two of our LCCEs exchange.
class TsharkControlTestCase : public TestCase
{
  public:
    /** \param encap ip or udp */
    explicit TsharkControlTestCase(const std::string& encap)
        : TestCase("tshark decodes our control exchange over " + encap +
                   ": types, Ns, Nr and AVP types as sent, consecutive Ns, nothing malformed"),
          m_encap(encap)
    {
    }

  private:
    void DoRun() override
    {
        if (!HaveProgram("tshark"))
        {
            std::cout << "skipped: tshark not found" << std::endl;
            return;
        }
        TemporaryDirectory dir("l2tp-control-interop");
        std::string prefix = dir.GetPath() + "/control";
        // What each LCCE sent, as sent: the oracle for tshark's reading.
        std::vector<L2tpv3ControlMessage> sent;
        std::vector<uint32_t> senders; // the sending connection's own ID: the direction
        {
            // In a block: the pcap file is complete once the devices holding it are gone.
            NodeContainer nodes;
            nodes.Create(2);
            CsmaHelper csma;
            NetDeviceContainer devices = csma.Install(nodes);
            InternetStackHelper().Install(nodes);
            Ipv4AddressHelper ip("192.168.0.0", "255.255.255.0");
            Ipv4InterfaceContainer ifs = ip.Assign(devices);
            L2tpv3LcceHelper helper;
            helper.SetAttribute("Encapsulation", StringValue(m_encap));
            helper.SetAttribute("CookieLength", UintegerValue(4));
            helper.SetAttribute("HelloInterval", TimeValue(Seconds(2)));
            Ptr<L2tpv3Lcce> a = helper.Install(nodes.Get(0));
            Ptr<L2tpv3Lcce> b = helper.Install(nodes.Get(1));
            a->AddPseudowire(a->AddPeer(ifs.GetAddress(0), ifs.GetAddress(1)), "pw1", nullptr);
            a->AddPseudowire(0, "pw2", nullptr);
            b->OfferPseudowire("pw1", nullptr);
            Simulator::Schedule(Seconds(5), &L2tpv3Lcce::CloseAll, a);
            for (auto lcce : {a, b})
            {
                lcce->TraceConnectWithoutContext(
                    "ControlTx",
                    Callback<void, uint32_t, const L2tpv3ControlMessage&>(
                        [&sent, &senders](uint32_t local, const L2tpv3ControlMessage& m) {
                            sent.push_back(m);
                            senders.push_back(local);
                        }));
            }
            csma.EnablePcap(prefix, devices.Get(0), true);
            Simulator::Stop(Seconds(7));
            Simulator::Run();
            Simulator::Destroy();
        }

        int status = 0;
        std::string out = RunCommand(
            "tshark -r \"$(ls '" + prefix +
                "'-*.pcap | head -n 1)\" -Y l2tp.type==1 -T fields -E occurrence=a "
                "-E aggregator=, -e l2tp.ccid -e l2tp.Ns -e l2tp.Nr -e l2tp.avp.message_type "
                "-e l2tp.avp.type -e _ws.malformed 2>/dev/null",
            status);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "tshark ran");
        auto rows = SplitFields(out);
        NS_TEST_ASSERT_MSG_EQ(rows.size(),
                              sent.size(),
                              "one control message per message sent: " << out);
        if (rows.size() != sent.size())
        {
            return;
        }
        std::map<uint32_t, uint16_t> nextNs; // per direction (the CCID it is sent to)
        std::map<uint16_t, uint32_t> seenTypes;
        for (std::size_t i = 0; i < rows.size(); ++i)
        {
            const L2tpv3ControlMessage& m = sent[i];
            NS_TEST_ASSERT_MSG_GT_OR_EQ(rows[i].size(), 5, "fields of message " << i);
            if (rows[i].size() < 5)
            {
                return;
            }
            NS_TEST_EXPECT_MSG_EQ(std::stoul(rows[i][0], nullptr, 0),
                                  m.GetControlConnectionId(),
                                  "CCID");
            NS_TEST_EXPECT_MSG_EQ(std::stoul(rows[i][1]), m.GetNs(), "Ns of message " << i);
            NS_TEST_EXPECT_MSG_EQ(std::stoul(rows[i][2]), m.GetNr(), "Nr of message " << i);
            std::string types;
            for (const auto& avp : m.GetAvps())
            {
                types += (types.empty() ? "" : ",") + std::to_string(avp.GetType());
            }
            NS_TEST_EXPECT_MSG_EQ(rows[i][4], types, "AVP types of message " << i);
            if (!m.IsZlb())
            {
                NS_TEST_EXPECT_MSG_EQ(std::stoul(rows[i][3]),
                                      static_cast<uint16_t>(m.GetMessageType()),
                                      "message type of message " << i);
                // Consecutive Ns per direction: each sequenced message takes the next.
                uint32_t dir = senders[i];
                NS_TEST_EXPECT_MSG_EQ(m.GetNs(), nextNs[dir], "consecutive Ns from 0");
                nextNs[dir] = static_cast<uint16_t>(m.GetNs() + 1);
                ++seenTypes[static_cast<uint16_t>(m.GetMessageType())];
            }
            NS_TEST_EXPECT_MSG_EQ((rows[i].size() < 6 || rows[i][5].empty()),
                                  true,
                                  "message " << i << " not malformed");
        }
        for (M t : {M::SCCRQ,
                    M::SCCRP,
                    M::SCCCN,
                    M::ICRQ,
                    M::ICRP,
                    M::ICCN,
                    M::HELLO,
                    M::CDN,
                    M::STOPCCN})
        {
            NS_TEST_EXPECT_MSG_GT(seenTypes[static_cast<uint16_t>(t)],
                                  0,
                                  "tshark saw a " << L2tpv3MessageTypeName(uint16_t(t)));
        }
    }

    std::string m_encap; //!< encapsulation
};

/// The suite.
class L2tpv3ControlInteropTestSuite : public TestSuite
{
  public:
    L2tpv3ControlInteropTestSuite()
        : TestSuite("l2tp-control-interop")
    {
        using F = ScriptedRefusalTestCase;
        AddTestCase(new ReplayV313TestCase);
        AddTestCase(new F(F::SCCRQ_UNKNOWN_MANDATORY_AVP,
                          "SCCRQ with an unknown mandatory AVP: StopCCN 2, Error Code 8"));
        AddTestCase(new F(F::ICRQ_UNKNOWN_MANDATORY_AVP,
                          "ICRQ with an unknown mandatory AVP: CDN 2, Error Code 8"));
        AddTestCase(new F(F::PW_TYPE_UNSUPPORTED, "ICRQ for PW type 3: CDN 14"));
        AddTestCase(new F(F::SEQUENCING_WITHOUT_SUBLAYER,
                          "ICRQ asking sequencing without a sublayer: CDN 15"));
        AddTestCase(new F(F::ETHERNET_VLAN, "ICRQ for Ethernet VLAN (PW type 4): ICRP"));
        AddTestCase(new F(F::SECOND_ICRQ_SAME_ID,
                          "a second ICRQ for a Remote End ID in use: CDN 4, the first kept"));
        using R = StateTableRowTestCase;
        AddTestCase(new R(R::IDLE_SCCRQ_NOT_ACCEPTABLE,
                          "§7.2 idle, SCCRQ not acceptable (no Ethernet PW type): StopCCN 2"));
        AddTestCase(new R(R::WAIT_CTL_CONN_SCCRQ, "§7.2 wait-ctl-conn, receive SCCRQ: StopCCN 7"));
        AddTestCase(new R(R::WAIT_CTL_CONN_SCCRP, "§7.2 wait-ctl-conn, receive SCCRP: StopCCN 7"));
        AddTestCase(new R(R::ESTABLISHED_SCCRQ, "§7.2 established, receive SCCRQ: StopCCN 7"));
        AddTestCase(new R(R::ESTABLISHED_MALFORMED_HELLO,
                          "§5.2 established, HELLO with an unknown mandatory AVP: StopCCN 2"));
        AddTestCase(new R(R::WAIT_CTL_REPLY_SCCRP_NOT_ACCEPTABLE,
                          "§7.2 wait-ctl-reply, SCCRP not acceptable: StopCCN 2"));
        AddTestCase(
            new R(R::WAIT_CTL_REPLY_SCCCN, "§7.2 wait-ctl-reply, receive SCCCN: StopCCN 7"));
        AddTestCase(new R(R::WAIT_REPLY_ICRP_NOT_ACCEPTABLE,
                          "§7.3.1 wait-reply, ICRP with a malformed mandatory cookie: CDN 2"));
        AddTestCase(new R(R::WAIT_CONNECT_CDN, "§7.3.2 wait-connect, receive CDN: clean up"));
        AddTestCase(new R(R::ESTABLISHED_ICCN_UNKNOWN,
                          "ICCN for no session: a counted protocol error, nothing sent"));
        AddTestCase(new TsharkControlTestCase("ip"));
        AddTestCase(new TsharkControlTestCase("udp"));
    }
};

static L2tpv3ControlInteropTestSuite g_l2tpv3ControlInteropTestSuite; //!< registers the suite
