/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// What real LCCEs send from L2TPv2 (issue 19, part A, items 1 and 2):
//  - the AVPs of RFC 2661 that RFC 3931 does not define (Protocol Version,
//    Framing Capabilities, ...) are recognized, so that their M bit is of no
//    consequence (RFC 3931 §5.2), ignored and counted per type; a vendor's
//    AVP with M = 1 still clears the connection;
//  - the probe of RFC 3931 §4.7.3, an SCCRQ with Ver = 2 and Control
//    Connection ID 0 written from RFC 2661 §6.1 with its M bits, is answered
//    in L2TPv3 over UDP; every other Ver = 2 message is dropped and counted.

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

#include <functional>
#include <iomanip>
#include <sstream>
#include <vector>

using namespace ns3;

namespace
{

using A = L2tpv3AvpType;
using M = L2tpv3MessageType;

/**
 * \param hex octets as hexadecimal pairs, spaces ignored
 * \return the octets
 */
std::vector<uint8_t>
FromHex(const std::string& hex)
{
    std::vector<uint8_t> out;
    std::string digits;
    for (char c : hex)
    {
        if (c != ' ')
        {
            digits += c;
        }
    }
    for (std::size_t i = 0; i + 1 < digits.size(); i += 2)
    {
        out.push_back(static_cast<uint8_t>(std::stoul(digits.substr(i, 2), nullptr, 16)));
    }
    return out;
}

/**
 * \param bytes octets
 * \return them as hexadecimal pairs separated by spaces
 */
std::string
Hex(const std::vector<uint8_t>& bytes)
{
    std::ostringstream os;
    for (std::size_t i = 0; i < bytes.size(); ++i)
    {
        os << (i ? " " : "") << std::hex << std::setw(2) << std::setfill('0') << unsigned(bytes[i]);
    }
    return os.str();
}

/**
 * \brief RFC 2661 §6.1's SCCRQ, by hand: the AVPs an L2TPv2 LCCE must send, each with the
 * M bit RFC 2661 §4.4 gives it (all 1 here). Ver = 2, Tunnel ID 0, Session ID 0 (§4.7.3:
 * "always 0 for an SCCRQ"), Ns 0, Nr 0; Length 66.
 */
const std::string L2TPV2_SCCRQ = "c8 02 00 42 00 00 00 00 00 00 00 00 "
                                 "80 08 00 00 00 00 00 01 "             // Message Type 1 (SCCRQ)
                                 "80 08 00 00 00 02 01 00 "             // Protocol Version 1.0
                                 "80 0a 00 00 00 03 00 00 00 03 "       // Framing Cap.: A and S
                                 "80 0c 00 00 00 07 70 72 6f 62 65 32 " // Host Name "probe2"
                                 "80 08 00 00 00 09 12 34 "             // Assigned Tunnel ID
                                 "80 08 00 00 00 0a 00 04";             // Receive Window Size 4

/**
 * \brief The same SCCRQ made into RFC 3931 §4.7.3's probe: the L2TPv3 AVPs SCCRQ needs
 * (§6.1) appended with M = 0, so that an L2TPv2-only peer ignores them: Router ID
 * 192.0.2.2, Assigned Control Connection ID 0xabcd0001, Pseudowire Capabilities List
 * (Ethernet, 5). Length 94.
 */
const std::string PROBE = "c8 02 00 5e 00 00 00 00 00 00 00 00 "
                          "80 08 00 00 00 00 00 01 "
                          "80 08 00 00 00 02 01 00 "
                          "80 0a 00 00 00 03 00 00 00 03 "
                          "80 0c 00 00 00 07 70 72 6f 62 65 32 "
                          "80 08 00 00 00 09 12 34 "
                          "80 08 00 00 00 0a 00 04 "
                          "00 0a 00 00 00 3c c0 00 02 02 " // Router ID
                          "00 0a 00 00 00 3d ab cd 00 01 " // Assigned Control Connection ID
                          "00 08 00 00 00 3e 00 05";       // PW Capabilities List: 5

/**
 * \param bytes octets
 * \param [out] m the message
 * \return the decode error's name
 */
std::string
Decode(const std::vector<uint8_t>& bytes, L2tpv3ControlMessage& m)
{
    return L2tpv3ControlDecodeErrorName(
        L2tpv3ControlMessage::Deserialize(bytes.data(), bytes.size(), m));
}

/**
 * \param types Attribute Types
 * \return them as "2 3 9"
 */
std::string
Types(const std::vector<uint16_t>& types)
{
    std::ostringstream os;
    for (std::size_t i = 0; i < types.size(); ++i)
    {
        os << (i ? " " : "") << types[i];
    }
    return os.str();
}

} // namespace

/**
 * \ingroup l2tp-tests
 * \brief Which AVPs are RFC 2661's alone, and what Check does with them (RFC 3931 §5.2).
 */
class L2tpv3Rfc2661AvpTestCase : public TestCase
{
  public:
    L2tpv3Rfc2661AvpTestCase()
        : TestCase("RFC 2661 AVPs: recognized, M = 1 of no consequence, never validated, listed "
                   "for counting; vendor 9 with M = 1 still refused")
    {
    }

  private:
    void DoRun() override
    {
        // RFC 2661 §4.4's Attribute Types that RFC 3931 does not define (its §10.1 and §5.4
        // list the ones it keeps: 0, 1, 5, 7, 8, 10, 15, 25, 34, 36; 20 is reserved).
        for (uint16_t t : {2,  3,  4,  6,  9,  11, 12, 13, 14, 16, 17, 18, 19, 21, 22,
                           23, 24, 26, 27, 28, 29, 30, 31, 32, 33, 35, 37, 38, 39})
        {
            NS_TEST_EXPECT_MSG_EQ(L2tpv3IsIgnoredL2tpv2Avp(0, t), true, "type " << t);
            NS_TEST_EXPECT_MSG_NE(L2tpv3FindAvpDefinition(0, t), nullptr, "recognized: " << t);
            NS_TEST_EXPECT_MSG_EQ(L2tpv3IsIgnoredL2tpv2Avp(9, t), false, "vendor 9 type " << t);
        }
        for (uint16_t t : {0, 1, 5, 7, 8, 10, 15, 20, 25, 34, 36, 40, 58, 60, 61, 62, 75, 200})
        {
            NS_TEST_EXPECT_MSG_EQ(L2tpv3IsIgnoredL2tpv2Avp(0, t), false, "type " << t);
        }
        NS_TEST_EXPECT_MSG_EQ(L2tpv3AvpName(0, 2), "Protocol Version", "name of 2");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3AvpName(0, 3), "Framing Capabilities", "name of 3");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3AvpName(0, 4), "Bearer Capabilities", "name of 4");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3AvpName(0, 38), "Rx Connect Speed (L2TPv2)", "name of 38");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3AvpName(0, 20), "vendor 0 type 20", "20 is reserved");

        // What Cisco IOS and freeRtr put in SCCRQ and SCCRP, all with M = 1, plus an ICCN's
        // Rx Connect Speed (38): before, "unknown mandatory AVP vendor 0 type 2".
        L2tpv3ControlMessage hello(M::HELLO);
        hello.Add(L2tpv3Avp(0, 2, true, {1, 0}))
            .Add(L2tpv3Avp(0, 3, true, {0, 0, 0, 3}))
            .Add(L2tpv3Avp(0, 4, true, {0, 0, 0, 0}))
            .Add(L2tpv3Avp(0, 38, true, {0, 0x98, 0x96, 0x80}))
            .Add(L2tpv3Avp(0, 2, true, {1, 0}));
        NS_TEST_EXPECT_MSG_EQ(hello.Check().Describe(), "ok", "recognized: M = 1 irrelevant");
        NS_TEST_EXPECT_MSG_EQ(Types(hello.GetIgnoredL2tpv2Avps()), "2 3 4 38 2", "listed");
        std::ostringstream printed;
        printed << hello;
        NS_TEST_EXPECT_MSG_EQ(printed.str(),
                              "HELLO ccid=0 ns=0 nr=0 [Protocol Version(M)=0x0100, Framing "
                              "Capabilities(M)=3, Bearer Capabilities(M)=0, Rx Connect Speed "
                              "(L2TPv2)(M)=10000000, Protocol Version(M)=0x0100]",
                              "printed with their RFC 2661 names");

        // Ignored means not validated either (§7.1 applies to AVPs one acts on): a Framing
        // Capabilities of 3 octets, a hidden Protocol Version, an empty Sequencing Required.
        L2tpv3ControlMessage odd(M::HELLO);
        L2tpv3Avp hidden(0, 2, true, {1, 0, 7, 7});
        hidden.SetHidden(true);
        odd.Add(L2tpv3Avp(0, 3, true, {0, 0, 3})).Add(hidden).Add(L2tpv3Avp(0, 39, true, {}));
        NS_TEST_EXPECT_MSG_EQ(odd.Check().Describe(), "ok", "malformed but ignored");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3Avp(0, 39, true, {}).IsWellFormed(),
                              true,
                              "Sequencing Required carries no value");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3Avp(0, 39, true, {0}).IsWellFormed(), false, "and only none");

        // An SCCRQ's required AVPs are still required: RFC 2661's do not stand in for them.
        L2tpv3ControlMessage v2only;
        NS_TEST_ASSERT_MSG_EQ(Decode(FromHex(L2TPV2_SCCRQ), v2only), "none", "decodes");
        NS_TEST_EXPECT_MSG_EQ(v2only.Check().Describe(),
                              "missing AVP Router ID",
                              "an L2TPv2-only SCCRQ");

        // A vendor's AVP with M = 1 (Cisco's, vendor 9, in its older mode) is still refused.
        L2tpv3ControlMessage cisco(M::HELLO);
        cisco.Add(L2tpv3Avp(0, 2, true, {1, 0})).Add(L2tpv3Avp(9, 2, true, {1, 0}));
        L2tpv3ControlCheck c = cisco.Check();
        NS_TEST_EXPECT_MSG_EQ(c.verdict, L2tpv3ControlCheck::UNKNOWN_MANDATORY_AVP, "vendor 9");
        NS_TEST_EXPECT_MSG_EQ(c.Describe(), "unknown mandatory AVP vendor 9 type 2", "text");
        NS_TEST_EXPECT_MSG_EQ(Types(cisco.GetIgnoredL2tpv2Avps()), "2", "vendor 9 not listed");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief The codec takes the §4.7.3 probe and no other Ver = 2 message.
 */
class L2tpv3Rfc2661ProbeCodecTestCase : public TestCase
{
  public:
    L2tpv3Rfc2661ProbeCodecTestCase()
        : TestCase("§4.7.3 probe: Ver 2 SCCRQ to CCID 0 decodes and re-encodes as received; "
                   "Ver 2 with another ID, type, O bit or Length is bad_version")
    {
    }

  private:
    void DoRun() override
    {
        std::vector<uint8_t> probe = FromHex(PROBE);
        NS_TEST_ASSERT_MSG_EQ(probe.size(), 94, "the probe's Length");
        L2tpv3ControlMessage m;
        NS_TEST_ASSERT_MSG_EQ(Decode(probe, m), "none", "the probe decodes");
        NS_TEST_EXPECT_MSG_EQ(unsigned(m.GetVersion()), 2, "Ver 2 kept");
        NS_TEST_EXPECT_MSG_EQ(m.GetMessageType(), M::SCCRQ, "an SCCRQ");
        NS_TEST_EXPECT_MSG_EQ(m.GetControlConnectionId(), 0, "Tunnel ID and Session ID 0");
        NS_TEST_EXPECT_MSG_EQ(m.Check().Describe(), "ok", "every M = 1 AVP recognized");
        NS_TEST_EXPECT_MSG_EQ(Types(m.GetIgnoredL2tpv2Avps()), "2 3 9", "ignored: 2, 3, 9");
        uint32_t id = 0;
        NS_TEST_EXPECT_MSG_EQ(m.GetUint32(A::ASSIGNED_CONTROL_CONNECTION_ID, id), true, "61");
        NS_TEST_EXPECT_MSG_EQ(id, 0xabcd0001, "the L2TPv3 AVPs are read as usual");
        NS_TEST_EXPECT_MSG_EQ(Hex(m.Serialize()), Hex(probe), "re-encoded as received");
        std::ostringstream printed;
        printed << m;
        NS_TEST_EXPECT_MSG_EQ(printed.str().rfind("SCCRQ ver=2 ccid=0 ns=0 nr=0 [", 0),
                              0,
                              "printed with its version: " << printed.str());
        NS_TEST_EXPECT_MSG_EQ(L2tpv3ControlMessage::IsL2tpv2Probe(probe.data(), probe.size()),
                              true,
                              "recognized from its prefix");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3ControlMessage::IsL2tpv2Probe(probe.data(), 19),
                              false,
                              "19 octets are not enough to tell");
        L2tpv3ControlMessage ours(M::SCCRQ);
        NS_TEST_EXPECT_MSG_EQ(unsigned(ours.GetVersion()), 3, "we send Ver 3");

        struct Vector
        {
            std::size_t offset; //!< the octet changed
            uint8_t value;      //!< its new value
            std::string why;    //!< what is then wrong
        };

        const std::vector<Vector> refused = {
            {5, 0x01, "Session ID 1"},
            {4, 0x01, "Tunnel ID 256"},
            {0, 0xca, "O bit set: an Offset Size would follow Nr"},
            {0, 0x88, "L clear"},
            {0, 0xc0, "S clear"},
            {19, 0x06, "a HELLO"},
            {19, 0x02, "an SCCRP"},
            {12, 0xc0, "a hidden Message Type"},
            {15, 0x09, "a Message Type of vendor 9"},
            {3, 0x13, "Length 19: the Message Type past Length"},
            {1, 0x01, "Ver 1"},
        };
        for (const Vector& v : refused)
        {
            std::vector<uint8_t> bytes = probe;
            bytes[v.offset] = v.value;
            L2tpv3ControlMessage refusedMessage;
            NS_TEST_EXPECT_MSG_EQ(Decode(bytes, refusedMessage), "bad_version", v.why);
            NS_TEST_EXPECT_MSG_EQ(L2tpv3ControlMessage::IsL2tpv2Probe(bytes.data(), bytes.size()),
                                  false,
                                  v.why);
        }
        // The P bit and the x bits are not looked at (§4.7.3: "be liberal").
        std::vector<uint8_t> priority = probe;
        priority[0] = 0xf9;
        priority[1] = 0xf2;
        NS_TEST_EXPECT_MSG_EQ(Decode(priority, m), "none", "P and x bits set");
        // The probe's M bits may be anything on its Message Type too.
        std::vector<uint8_t> typeWithoutM = probe;
        typeWithoutM[12] = 0x00;
        NS_TEST_EXPECT_MSG_EQ(Decode(typeWithoutM, m), "none", "Message Type with M = 0");
        // A probe whose Length runs past the octets is a bad Length, as for Ver 3.
        std::vector<uint8_t> cut(probe.begin(), probe.end() - 1);
        NS_TEST_EXPECT_MSG_EQ(Decode(cut, m), "bad_length", "one octet short");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief A peer that speaks to our LCCE over UDP from port 40000 with raw octets and keeps
 * the raw octets of what comes back.
 */
class ProbeBed
{
  public:
    ProbeBed()
    {
        m_nodes.Create(2);
        CsmaHelper csma;
        csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(100)));
        NetDeviceContainer devices = csma.Install(m_nodes);
        InternetStackHelper().Install(m_nodes);
        Ipv4AddressHelper("192.0.2.0", "255.255.255.0").Assign(devices);
        L2tpv3LcceHelper helper;
        helper.SetAttribute("Encapsulation", StringValue("udp"));
        helper.SetAttribute("HostName", StringValue("ns-3"));
        m_lcce = helper.Install(m_nodes.Get(0));
        m_lcce->AssignStreams(3);
        m_lcce->OfferPseudowire("pw1", nullptr);
        m_socket = Socket::CreateSocket(m_nodes.Get(1), UdpSocketFactory::GetTypeId());
        m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), 40000));
        m_socket->SetRecvCallback(MakeCallback(&ProbeBed::Read, this));
    }

    ~ProbeBed()
    {
        Simulator::Destroy();
    }

    /**
     * \param at when
     * \param bytes a UDP payload for our LCCE's port 1701
     */
    void SendAt(Time at, const std::vector<uint8_t>& bytes)
    {
        Simulator::Schedule(at, [this, bytes]() {
            m_socket->SendTo(Create<Packet>(bytes.data(), bytes.size()),
                             0,
                             InetSocketAddress(Ipv4Address("192.0.2.1"), 1701));
        });
    }

    /** \param s the socket */
    void Read(Ptr<Socket> s)
    {
        Ptr<Packet> p;
        while ((p = s->Recv()))
        {
            std::vector<uint8_t> bytes(p->GetSize());
            p->CopyData(bytes.data(), bytes.size());
            replies.push_back(bytes);
            if (onReply)
            {
                onReply(bytes);
            }
        }
    }

    /** \return our LCCE */
    Ptr<L2tpv3Lcce> Lcce() const
    {
        return m_lcce;
    }

    /** \return the peer's node */
    Ptr<Node> PeerNode() const
    {
        return m_nodes.Get(1);
    }

    /** \return our LCCE's node's transport counters */
    const L2tpv3Counters& Transport() const
    {
        return m_nodes.Get(0)->GetObject<L2tpv3L4Protocol>()->GetCounters();
    }

    std::vector<std::vector<uint8_t>> replies;                //!< what came back, raw
    std::function<void(const std::vector<uint8_t>&)> onReply; //!< the peer's reaction

  private:
    NodeContainer m_nodes;  //!< our LCCE, the peer
    Ptr<L2tpv3Lcce> m_lcce; //!< our LCCE
    Ptr<Socket> m_socket;   //!< the peer's socket
};

/**
 * \ingroup l2tp-tests
 * \brief Our LCCE answers the §4.7.3 probe in L2TPv3 and the connection comes up.
 */
class L2tpv3Rfc2661ProbeAnsweredTestCase : public TestCase
{
  public:
    L2tpv3Rfc2661ProbeAnsweredTestCase()
        : TestCase("§4.7.3 probe over UDP: SCCRP with Ver 3 to the probe's port and assigned "
                   "ID, then established; L2TPv2 AVPs counted; other Ver 2 dropped, counted")
    {
    }

  private:
    void DoRun() override
    {
        ProbeBed bed;
        bed.onReply = [&bed](const std::vector<uint8_t>& reply) {
            L2tpv3ControlMessage m;
            if (L2tpv3ControlMessage::Deserialize(reply.data(), reply.size(), m) !=
                    L2tpv3ControlDecodeError::NONE ||
                m.GetMessageType() != M::SCCRP)
            {
                return;
            }
            // The prober now knows we speak L2TPv3 (§4.7.3) and goes on in it: SCCCN.
            uint32_t ours = 0;
            m.GetUint32(A::ASSIGNED_CONTROL_CONNECTION_ID, ours);
            L2tpv3ControlMessage scccn(M::SCCCN);
            scccn.SetControlConnectionId(ours);
            scccn.SetNs(1);
            scccn.SetNr(1);
            bed.SendAt(MilliSeconds(1), scccn.Serialize());
        };
        // L2TPv2 messages that are not the probe, before it: the transport drops them.
        std::vector<uint8_t> hello = FromHex(PROBE);
        hello[19] = 0x06;
        std::vector<uint8_t> toTunnel = FromHex(PROBE);
        toTunnel[5] = 0x07;
        bed.SendAt(Seconds(1.0), hello);
        bed.SendAt(Seconds(1.1), toTunnel);
        bed.SendAt(Seconds(1.5), FromHex(PROBE));
        Simulator::Stop(Seconds(5));
        Simulator::Run();

        // The test runner goes on after a failed assertion: return before indexing.
        NS_TEST_ASSERT_MSG_GT_OR_EQ(bed.replies.size(), 1, "an answer");
        if (bed.replies.empty() || bed.replies[0].size() < 20)
        {
            NS_TEST_ASSERT_MSG_GT_OR_EQ((bed.replies.empty() ? 0 : bed.replies[0].size()),
                                        20,
                                        "header and Message Type");
            return;
        }
        const std::vector<uint8_t>& sccrp = bed.replies[0];
        // RFC 3931 §4.7.3: "a control message with the Ver field set to 3 and an L2TPv3 header
        // and message format will be sent in response to the SCCRQ".
        std::vector<uint8_t> head(sccrp.begin(), sccrp.begin() + 20);
        std::vector<uint8_t> length = {uint8_t(sccrp.size() >> 8), uint8_t(sccrp.size())};
        NS_TEST_EXPECT_MSG_EQ(Hex(head),
                              "c8 03 " + Hex(length) +
                                  " ab cd 00 01 00 00 00 01 80 08 00 00 00 00 00 02",
                              "T L S Ver 3, to the probe's Assigned Control Connection ID, Ns 0, "
                              "Nr 1, SCCRP");
        L2tpv3ControlMessage reply;
        NS_TEST_ASSERT_MSG_EQ(Decode(sccrp, reply), "none", "the SCCRP decodes");
        NS_TEST_EXPECT_MSG_EQ(reply.Check().Describe(), "ok", "a valid SCCRP");
        NS_TEST_EXPECT_MSG_EQ(Types(reply.GetIgnoredL2tpv2Avps()), "", "no L2TPv2 AVP sent");

        const L2tpv3LcceCounters& c = bed.Lcce()->GetCounters();
        NS_TEST_EXPECT_MSG_EQ(c.connectionsEstablished, 1, "SCCCN accepted: established");
        NS_TEST_EXPECT_MSG_EQ(c.GetRx(M::SCCRQ), 1, "the probe reached the LCCE, alone");
        NS_TEST_EXPECT_MSG_EQ(c.GetTx(M::STOPCCN), 0, "no StopCCN");
        NS_TEST_EXPECT_MSG_EQ(c.protocolErrors, 0, "no protocol error");
        NS_TEST_EXPECT_MSG_EQ(c.rxIgnoredAvps.size(), 3, "three types ignored");
        for (uint16_t type : {2, 3, 9})
        {
            auto it = c.rxIgnoredAvps.find(type);
            NS_TEST_EXPECT_MSG_EQ((it != c.rxIgnoredAvps.end() ? it->second : 0),
                                  1,
                                  "type " << type << " counted once");
        }
        uint64_t decodeErrors = 0;
        for (uint64_t n : c.decodeErrors)
        {
            decodeErrors += n;
        }
        NS_TEST_EXPECT_MSG_EQ(decodeErrors, 0, "nothing refused by the codec");
        std::ostringstream printed;
        printed << c;
        NS_TEST_EXPECT_MSG_NE(printed.str().find("rx_ignored_avp type 9 1\n"),
                              std::string::npos,
                              "printed: " << printed.str());
        // The Ver 2 HELLO and the Ver 2 SCCRQ to Tunnel ID 7: dropped by the transport.
        NS_TEST_EXPECT_MSG_EQ(bed.Transport().GetDrops(L2tpv3DropReason::BAD_VERSION),
                              2,
                              "other Ver 2 messages dropped and counted");
        NS_TEST_EXPECT_MSG_EQ(bed.Transport().rxControl, 2, "the probe and the SCCCN");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief An L2TPv2-only SCCRQ (no L2TPv3 AVP at all) gets an L2TPv3 StopCCN: the answer
 * §4.7.3 tells the prober to read as "this peer speaks L2TPv3".
 */
class L2tpv3Rfc2661OnlySccrqTestCase : public TestCase
{
  public:
    L2tpv3Rfc2661OnlySccrqTestCase()
        : TestCase("L2TPv2-only SCCRQ over UDP: StopCCN with Ver 3 to CCID 0, Result 2 Error 3 "
                   "(missing AVP Router ID), L2TPv2 AVPs ignored and counted")
    {
    }

  private:
    void DoRun() override
    {
        ProbeBed bed;
        bed.SendAt(Seconds(1), FromHex(L2TPV2_SCCRQ));
        Simulator::Stop(Seconds(3));
        Simulator::Run();

        // The test runner goes on after a failed assertion: return before indexing.
        NS_TEST_ASSERT_MSG_GT_OR_EQ(bed.replies.size(), 1, "an answer");
        if (bed.replies.empty() || bed.replies[0].size() < 20)
        {
            NS_TEST_ASSERT_MSG_GT_OR_EQ((bed.replies.empty() ? 0 : bed.replies[0].size()),
                                        20,
                                        "header and Message Type");
            return;
        }
        const std::vector<uint8_t>& stop = bed.replies[0];
        std::vector<uint8_t> head(stop.begin(), stop.begin() + 20);
        std::vector<uint8_t> length = {uint8_t(stop.size() >> 8), uint8_t(stop.size())};
        // No Assigned Control Connection ID came: the StopCCN goes to ID 0 (§3.2.1).
        NS_TEST_EXPECT_MSG_EQ(Hex(head),
                              "c8 03 " + Hex(length) +
                                  " 00 00 00 00 00 00 00 01 80 08 00 00 00 00 00 04",
                              "T L S Ver 3, CCID 0, Ns 0, Nr 1, StopCCN");
        L2tpv3ControlMessage m;
        NS_TEST_ASSERT_MSG_EQ(Decode(stop, m), "none", "decodes");
        const L2tpv3Avp* result = m.Find(A::RESULT_CODE);
        NS_TEST_ASSERT_MSG_NE(result, nullptr, "a Result Code");
        if (!result)
        {
            return;
        }
        uint16_t code = 0;
        uint16_t error = 0;
        std::string message;
        NS_TEST_EXPECT_MSG_EQ(result->GetResultCode(code, error, message), true, "readable");
        NS_TEST_EXPECT_MSG_EQ(code, 2, "Result Code 2: general error (§5.4.2)");
        NS_TEST_EXPECT_MSG_EQ(error, 3, "Error Code 3, as for any SCCRQ lacking a required AVP");
        NS_TEST_EXPECT_MSG_EQ(message, "missing AVP Router ID", "the Error Message says what");

        const L2tpv3LcceCounters& c = bed.Lcce()->GetCounters();
        NS_TEST_EXPECT_MSG_EQ(c.GetRx(M::SCCRQ), 1, "the SCCRQ reached the LCCE");
        NS_TEST_EXPECT_MSG_EQ(c.connectionsEstablished, 0, "no connection");
        auto it = c.stopCcnSent.find(2);
        NS_TEST_EXPECT_MSG_EQ((it != c.stopCcnSent.end() ? it->second : 0), 1, "one StopCCN 2");
        NS_TEST_EXPECT_MSG_EQ(c.rxIgnoredAvps.size(), 3, "2, 3 and 9 ignored");
        NS_TEST_EXPECT_MSG_EQ(bed.Transport().GetDrops(L2tpv3DropReason::BAD_VERSION),
                              0,
                              "the transport let it through");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Over IP there is no L2TPv2 (RFC 3931 §4.7.1): the probe is dropped and counted.
 */
class L2tpv3Rfc2661ProbeOverIpTestCase : public TestCase
{
  public:
    L2tpv3Rfc2661ProbeOverIpTestCase()
        : TestCase("§4.7.3 probe over IP (protocol 115, Session ID 0): dropped by the transport "
                   "as bad_version, no answer")
    {
    }

  private:
    void DoRun() override
    {
        ProbeBed bed;
        Ptr<Socket> raw = Socket::CreateSocket(bed.PeerNode(), Ipv4RawSocketFactory::GetTypeId());
        raw->SetAttribute("Protocol", UintegerValue(115));
        std::vector<uint8_t> bytes = {0, 0, 0, 0}; // Session ID 0: a control message (§4.1.1.2)
        std::vector<uint8_t> probe = FromHex(PROBE);
        bytes.insert(bytes.end(), probe.begin(), probe.end());
        Simulator::Schedule(Seconds(1), [raw, bytes]() {
            raw->SendTo(Create<Packet>(bytes.data(), bytes.size()),
                        0,
                        InetSocketAddress(Ipv4Address("192.0.2.1"), 0));
        });
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(bed.Transport().GetDrops(L2tpv3DropReason::BAD_VERSION),
                              1,
                              "dropped and counted");
        NS_TEST_EXPECT_MSG_EQ(bed.Transport().rxControl, 0, "not given to the LCCE");
        NS_TEST_EXPECT_MSG_EQ(bed.Lcce()->GetCounters().GetRx(M::SCCRQ), 0, "no SCCRQ");
        NS_TEST_EXPECT_MSG_EQ(bed.replies.size(), 0, "no answer");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief L2TPv2 AVPs real LCCEs send, test suite.
 */
class L2tpv3ControlRfc2661TestSuite : public TestSuite
{
  public:
    L2tpv3ControlRfc2661TestSuite()
        : TestSuite("l2tp-control-rfc2661")
    {
        AddTestCase(new L2tpv3Rfc2661AvpTestCase);
        AddTestCase(new L2tpv3Rfc2661ProbeCodecTestCase);
        AddTestCase(new L2tpv3Rfc2661ProbeAnsweredTestCase);
        AddTestCase(new L2tpv3Rfc2661OnlySccrqTestCase);
        AddTestCase(new L2tpv3Rfc2661ProbeOverIpTestCase);
    }
};

/// Static instance.
static L2tpv3ControlRfc2661TestSuite g_l2tpv3ControlRfc2661TestSuite;
