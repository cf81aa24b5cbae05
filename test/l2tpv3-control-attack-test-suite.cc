/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Attacks on the control channel (RFC 3931 §8.1): the injector's forged control
// messages byte for byte (our codec, tshark), its bad parameters, and what each
// attack achieves against two LCCEs (L2tpv3ControlAttackScenario).

#include "l2tp-test-utils.h"

#include "ns3/boolean.h"
#include "ns3/callback.h"
#include "ns3/csma-helper.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-interface-container.h"
#include "ns3/l2tpv3-avp.h"
#include "ns3/l2tpv3-control-attack-scenario.h"
#include "ns3/l2tpv3-control-message.h"
#include "ns3/l2tpv3-control-session.h"
#include "ns3/l2tpv3-injector.h"
#include "ns3/l2tpv3-lcce-helper.h"
#include "ns3/l2tpv3-lcce.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/pcap-file.h"
#include "ns3/ptr.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <stdexcept>

using namespace ns3;
using namespace l2tptest;

namespace
{

/// One node with one CSMA device and an injector on it; Tx collects the forged IP packets.
struct InjectorBench
{
    NodeContainer nodes;                  //!< the attacker and a peer
    NetDeviceContainer devices;           //!< their devices
    Ptr<L2tpv3Injector> injector;         //!< the attacker's injector
    std::vector<std::vector<uint8_t>> tx; //!< forged IP packets, as sent

    InjectorBench()
    {
        nodes.Create(2);
        devices = CsmaHelper().Install(nodes);
        injector = CreateObject<L2tpv3Injector>();
        injector->SetTarget(devices.Get(0),
                            Mac48Address::ConvertFrom(devices.Get(1)->GetAddress()),
                            Ipv4Address("192.168.0.1"),
                            Ipv4Address("192.168.0.2"));
        injector->SetAttribute("Interval", TimeValue(MilliSeconds(1)));
        injector->AssignStreams(7);
        nodes.Get(0)->AddApplication(injector);
        injector->TraceConnectWithoutContext(
            "Tx",
            Callback<void, Ptr<const Packet>>([this](Ptr<const Packet> p) {
                std::vector<uint8_t> b(p->GetSize());
                p->CopyData(b.data(), b.size());
                tx.push_back(b);
            }));
    }

    void Run()
    {
        Simulator::Stop(Seconds(1));
        Simulator::Run();
        Simulator::Destroy();
    }
};

/// \return the bytes after the 20-octet IPv4 header
std::vector<uint8_t>
AfterIp(const std::vector<uint8_t>& ip)
{
    return std::vector<uint8_t>(ip.begin() + std::min<std::size_t>(20, ip.size()), ip.end());
}

/// \return the decoder's verdict ("none": decoded) on \p l2tp after \p skip octets
std::string
Decode(const std::vector<uint8_t>& l2tp, std::size_t skip, L2tpv3ControlMessage& m)
{
    if (l2tp.size() < skip)
    {
        return L2tpv3ControlDecodeErrorName(L2tpv3ControlDecodeError::TOO_SHORT);
    }
    return L2tpv3ControlDecodeErrorName(
        L2tpv3ControlMessage::Deserialize(l2tp.data() + skip, l2tp.size() - skip, m));
}

/// The decoder's name for success.
const std::string DECODED = L2tpv3ControlDecodeErrorName(L2tpv3ControlDecodeError::NONE);

} // namespace

/// A StopCCN and a CDN with fixed identifiers, over IP: every octet after the IP header.
class ControlForgeryBytesTestCase : public TestCase
{
  public:
    ControlForgeryBytesTestCase()
        : TestCase("injector: StopCCN and CDN over IP, octet by octet, decoded by the codec")
    {
    }

  private:
    void DoRun() override
    {
        for (const std::string attack : {"stopccn", "cdn"})
        {
            InjectorBench b;
            b.injector->SetAttribute("Attack", StringValue(attack));
            b.injector->SetAttribute("Identifiers", StringValue("fixed"));
            b.injector->SetAttribute("ControlConnectionId", UintegerValue(0x11223344));
            b.injector->SetAttribute("PeerControlConnectionId", UintegerValue(0x55667788));
            b.injector->SetAttribute("SessionId", UintegerValue(0xa1a2a3a4));
            b.injector->SetAttribute("PeerSessionId", UintegerValue(0xb1b2b3b4));
            b.injector->SetAttribute("Ns", UintegerValue(5));
            b.injector->SetAttribute("Nr", UintegerValue(7));
            b.injector->SetAttribute("ResultCode", UintegerValue(3));
            b.injector->SetAttribute("Count", UintegerValue(2));
            b.Run();
            NS_TEST_ASSERT_MSG_EQ(b.tx.size(), 2, attack << ": two messages sent");
            std::vector<uint8_t> expected;
            if (attack == "stopccn")
            {
                expected = {0,    0,    0, 0,                          // Session ID 0
                            0xc8, 0x03, 0, 38, 0x11, 0x22, 0x33, 0x44, // T L S Ver 3, Length
                            0,    5,    0, 7,                          // Ns, Nr
                            0x80, 8,    0, 0,  0,    0,    0,    4,    // Message Type 4
                            0x80, 10,   0, 0,  0,    61,   0x55, 0x66, 0x77, 0x88, // Assigned CCID
                            0x80, 8,    0, 0,  0,    1,    0,    3};               // Result Code 3
            }
            else
            {
                expected = {0,
                            0,
                            0,
                            0,
                            0xc8,
                            0x03,
                            0,
                            48,
                            0x11,
                            0x22,
                            0x33,
                            0x44,
                            0,
                            5,
                            0,
                            7,
                            0x80,
                            8,
                            0,
                            0,
                            0,
                            0,
                            0,
                            14, // Message Type 14
                                // (CDN)
                            0x80,
                            8,
                            0,
                            0,
                            0,
                            1,
                            0,
                            3, // Result Code 3
                            0x80,
                            10,
                            0,
                            0,
                            0,
                            63,
                            0xb1,
                            0xb2,
                            0xb3,
                            0xb4,
                            0x80,
                            10,
                            0,
                            0,
                            0,
                            64,
                            0xa1,
                            0xa2,
                            0xa3,
                            0xa4};
            }
            std::vector<uint8_t> got = AfterIp(b.tx[0]);
            NS_TEST_EXPECT_MSG_EQ(ToHex(got.data(), got.size()),
                                  ToHex(expected.data(), expected.size()),
                                  attack << ": the octets after the IP header");
            NS_TEST_EXPECT_MSG_EQ(b.tx[0][9], 115, attack << ": IP protocol 115");
            NS_TEST_EXPECT_MSG_EQ(ToHex(b.tx[0].data() + 12, 8),
                                  "c0a80001c0a80002",
                                  attack << ": forged source, the victim");
            NS_TEST_EXPECT_MSG_EQ(ToHex(b.tx[1].data() + 20, b.tx[1].size() - 20),
                                  ToHex(expected.data(), expected.size()),
                                  attack << ": fixed identifiers: the second is the same");
            L2tpv3ControlMessage m;
            NS_TEST_ASSERT_MSG_EQ(Decode(got, 4, m), DECODED, attack << ": decodes");
            NS_TEST_EXPECT_MSG_EQ(m.Check().verdict,
                                  L2tpv3ControlCheck::OK,
                                  attack << ": carries what §6 requires");
            NS_TEST_EXPECT_MSG_EQ(m.GetControlConnectionId(), 0x11223344, attack << ": CCID");
        }
    }
};

/// Over UDP (T = 1 first), the sweep's Control Connection IDs, a fake digest, the flood.
class ControlForgeryVariantsTestCase : public TestCase
{
  public:
    ControlForgeryVariantsTestCase()
        : TestCase("injector: UDP control, CCID sweep, fake digest, SCCRQ flood sources")
    {
    }

  private:
    void DoRun() override
    {
        {
            InjectorBench b;
            b.injector->SetAttribute("Attack", StringValue("stopccn"));
            b.injector->SetAttribute("Encapsulation", StringValue("udp"));
            b.injector->SetAttribute("Identifiers", StringValue("sweep"));
            b.injector->SetAttribute("ControlConnectionId", UintegerValue(0xfffffffe));
            b.injector->SetAttribute("FakeDigest", BooleanValue(true));
            b.injector->SetAttribute("Count", UintegerValue(3));
            b.Run();
            NS_TEST_ASSERT_MSG_EQ(b.tx.size(), 3, "three StopCCNs");
            const uint32_t expected[] = {0xfffffffe, 0xffffffff, 1}; // 0 is skipped
            for (std::size_t i = 0; i < 3; ++i)
            {
                NS_TEST_EXPECT_MSG_EQ(b.tx[i][9], 17, "UDP");
                std::vector<uint8_t> udp = AfterIp(b.tx[i]);
                NS_TEST_EXPECT_MSG_EQ(ToHex(udp.data(), 4), "06a506a5", "ports 1701");
                L2tpv3ControlMessage m;
                NS_TEST_ASSERT_MSG_EQ(Decode(udp, 8, m),
                                      DECODED,
                                      "T = 1 right after the UDP header");
                NS_TEST_EXPECT_MSG_EQ(m.GetControlConnectionId(), expected[i], "sweep " << i);
                NS_TEST_ASSERT_MSG_GT(m.GetAvps().size(), 1, "AVPs");
                const L2tpv3Avp& digest = m.GetAvps()[1];
                NS_TEST_EXPECT_MSG_EQ(digest.Is(L2tpv3AvpType::MESSAGE_DIGEST),
                                      true,
                                      "§5.4.1: the digest right after the Message Type");
                NS_TEST_EXPECT_MSG_EQ(digest.GetValue().size(), 17, "type 0 + 16 octets");
                NS_TEST_EXPECT_MSG_EQ(uint32_t(digest.GetValue()[0]), 0, "HMAC-MD5");
            }
        }
        {
            InjectorBench b;
            b.injector->SetAttribute("Attack", StringValue("sccrq-flood"));
            b.injector->SetAttribute("Source", StringValue("198.51.100.254"));
            b.injector->SetAttribute("FloodSources", UintegerValue(3));
            b.injector->SetAttribute("Count", UintegerValue(4));
            b.Run();
            NS_TEST_ASSERT_MSG_EQ(b.tx.size(), 4, "four SCCRQs");
            const char* sources[] = {"c63364fe", "c63364ff", "c6336500", "c63364fe"};
            std::set<uint32_t> ids;
            for (std::size_t i = 0; i < 4; ++i)
            {
                NS_TEST_EXPECT_MSG_EQ(ToHex(b.tx[i].data() + 12, 4), sources[i], "source " << i);
                L2tpv3ControlMessage m;
                std::vector<uint8_t> l2tp = AfterIp(b.tx[i]);
                NS_TEST_ASSERT_MSG_EQ(Decode(l2tp, 4, m), DECODED, "SCCRQ");
                NS_TEST_EXPECT_MSG_EQ(m.GetMessageType(), L2tpv3MessageType::SCCRQ, "type");
                NS_TEST_EXPECT_MSG_EQ(m.GetControlConnectionId(), 0, "§3.2.1: CCID 0");
                NS_TEST_EXPECT_MSG_EQ(m.GetNs(), 0, "Ns 0");
                NS_TEST_EXPECT_MSG_EQ(m.Check().verdict, L2tpv3ControlCheck::OK, "§6.1 AVPs");
                uint32_t id = 0;
                m.GetUint32(L2tpv3AvpType::ASSIGNED_CONTROL_CONNECTION_ID, id);
                NS_TEST_EXPECT_MSG_NE(id, 0, "an Assigned CCID");
                ids.insert(id);
            }
            NS_TEST_EXPECT_MSG_EQ(ids.size(), 4, "a fresh Assigned CCID each time");
        }
        {
            // IPv6: the flood's sources count up in the last 32 bits (wrapping within them).
            InjectorBench b;
            b.injector->SetAttribute("Attack", StringValue("sccrq-flood"));
            b.injector->SetAttribute("Source", StringValue("2001:db8::ffff:ffff"));
            b.injector->SetAttribute("Destination", StringValue("2001:db8:1::2"));
            b.injector->SetAttribute("FloodSources", UintegerValue(2));
            b.injector->SetAttribute("Count", UintegerValue(2));
            b.Run();
            NS_TEST_ASSERT_MSG_EQ(b.tx.size(), 2, "two SCCRQs over IPv6");
            NS_TEST_EXPECT_MSG_EQ(uint32_t(b.tx[0][6]), 115, "Next Header 115");
            NS_TEST_EXPECT_MSG_EQ(ToHex(b.tx[0].data() + 8, 16),
                                  "20010db80000000000000000ffffffff",
                                  "first source");
            NS_TEST_EXPECT_MSG_EQ(ToHex(b.tx[1].data() + 8, 16),
                                  "20010db8000000000000000000000000",
                                  "second: the last 32 bits wrapped");
            L2tpv3ControlMessage m;
            std::vector<uint8_t> l2tp(b.tx[1].begin() + 40, b.tx[1].end());
            NS_TEST_EXPECT_MSG_EQ(Decode(l2tp, 4, m), DECODED, "after Session ID 0");
        }
    }
};

/// tshark reads the forged messages as we meant them.
class ControlForgeryTsharkTestCase : public TestCase
{
  public:
    ControlForgeryTsharkTestCase()
        : TestCase("injector: tshark decodes the forged StopCCN, CDN and SCCRQ (IP and UDP)")
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
        TemporaryDirectory dir("l2tp-control-attack");
        NS_TEST_ASSERT_MSG_NE(dir.GetPath(), "", "temporary directory");
        std::string path = dir.GetPath() + "/forged.pcap";
        PcapFile file;
        file.Open(path, std::ios::out);
        NS_TEST_ASSERT_MSG_EQ(file.Fail(), false, "pcap file opened");
        file.Init(101, 65535); // LINKTYPE_RAW: IP packets
        uint32_t second = 1;
        for (const std::string encap : {"ip", "udp"})
        {
            for (const std::string attack : {"stopccn", "cdn", "sccrq-flood"})
            {
                InjectorBench b;
                b.injector->SetAttribute("Attack", StringValue(attack));
                b.injector->SetAttribute("Encapsulation", StringValue(encap));
                b.injector->SetAttribute("Identifiers", StringValue("fixed"));
                b.injector->SetAttribute("ControlConnectionId", UintegerValue(0x01020304));
                b.injector->SetAttribute("SessionId", UintegerValue(0x0a0b0c0d));
                b.injector->SetAttribute("Ns", UintegerValue(9));
                b.injector->SetAttribute("Nr", UintegerValue(4));
                b.injector->SetAttribute("Count", UintegerValue(1));
                b.Run();
                NS_TEST_ASSERT_MSG_EQ(b.tx.size(), 1, attack << " over " << encap);
                file.Write(second++, 0, b.tx[0].data(), b.tx[0].size());
            }
        }
        file.Close();
        int status = 0;
        std::string out = RunCommand("tshark -r '" + path +
                                         "' -T fields -e l2tp.ccid -e l2tp.Ns -e l2tp.Nr "
                                         "-e l2tp.avp.message_type -e l2tp.avp.remote_session_id "
                                         "-E separator=/t 2>/dev/null",
                                     status);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "tshark ran");
        std::vector<std::vector<std::string>> rows = SplitFields(out);
        NS_TEST_ASSERT_MSG_EQ(rows.size(), 6, "six packets decoded: " << out);
        // l2tp.ccid is the header's Control Connection ID; an SCCRQ carries 0 (§3.2.1).
        const std::vector<std::vector<std::string>> expected = {
            {"0x01020304", "9", "4", "4", ""},
            {"0x01020304", "9", "4", "14", "168496141"},
            {"0x00000000", "0", "0", "1", ""},
        };
        for (std::size_t i = 0; i < rows.size(); ++i)
        {
            const std::vector<std::string>& want = expected[i % 3];
            NS_TEST_ASSERT_MSG_GT_OR_EQ(rows[i].size(), 4, "fields of " << i << ": " << out);
            for (std::size_t k = 0; k < want.size() && k < rows[i].size(); ++k)
            {
                NS_TEST_EXPECT_MSG_EQ(rows[i][k], want[k], "packet " << i << " field " << k);
            }
        }
    }
};

/// Bad parameters: a clear error naming the parameter and the value.
class ControlForgeryParametersTestCase : public TestCase
{
  public:
    ControlForgeryParametersTestCase()
        : TestCase("injector and scenario: bad parameters named with their values")
    {
    }

  private:
    /// \return the message of the std::invalid_argument \p f throws ("" if none)
    template <typename F>
    static std::string Error(F f)
    {
        try
        {
            f();
        }
        catch (const std::invalid_argument& e)
        {
            return e.what();
        }
        return "";
    }

    static bool Has(const std::string& text, const std::string& part)
    {
        return text.find(part) != std::string::npos;
    }

    void DoRun() override
    {
        Ptr<L2tpv3Injector> i = CreateObject<L2tpv3Injector>();
        std::string e = Error([&]() {
            i->SetAttribute("Attack", StringValue("stopcnn"));
        });
        NS_TEST_EXPECT_MSG_EQ(Has(e, "Attack \"stopcnn\""), true, e);
        e = Error([&]() {
            i->SetAttribute("Identifiers", StringValue("guess"));
        });
        NS_TEST_EXPECT_MSG_EQ(Has(e, "Identifiers \"guess\""), true, e);
        e = Error([&]() {
            i->SetAttribute("FloodSources", UintegerValue(0));
        });
        NS_TEST_EXPECT_MSG_EQ(Has(e, "FloodSources 0"), true, e);
        {
            InjectorBench b;
            b.injector->SetAttribute("Attack", StringValue("stopccn"));
            b.injector->SetAttribute("Identifiers", StringValue("sniffed"));
            e = Error([&]() {
                b.injector->CheckConfiguration();
            });
            NS_TEST_EXPECT_MSG_EQ(Has(e, "Identifiers \"sniffed\""), true, e);
            NS_TEST_EXPECT_MSG_EQ(Has(e, "SetTap"), true, e);
            b.injector->SetAttribute("Attack", StringValue("control-replay"));
            e = Error([&]() {
                b.injector->CheckConfiguration();
            });
            NS_TEST_EXPECT_MSG_EQ(Has(e, "control-replay"), true, e);
            b.injector->SetTap(b.devices.Get(1));
            e = Error([&]() {
                b.injector->CheckConfiguration();
            });
            NS_TEST_EXPECT_MSG_EQ(e, "", "a tap is all control-replay needs");
            NS_TEST_EXPECT_MSG_EQ(b.injector->GetAttack(),
                                  L2tpv3Injector::CONTROL_REPLAY,
                                  "SetTap keeps a control attack");
            Simulator::Destroy();
        }
        L2tpv3ControlAttackScenario::Parameters p;
        p.attack = "teardown";
        e = Error([&]() {
            L2tpv3ControlAttackScenario::Run(p);
        });
        NS_TEST_EXPECT_MSG_EQ(Has(e, "attack 'teardown'"), true, e);
        p.attack = "stopccn";
        p.identifiers = "psychic";
        e = Error([&]() {
            L2tpv3ControlAttackScenario::Run(p);
        });
        NS_TEST_EXPECT_MSG_EQ(Has(e, "identifiers 'psychic'"), true, e);
        p.identifiers = "sniffed";
        p.from = "elsewhere";
        e = Error([&]() {
            L2tpv3ControlAttackScenario::Run(p);
        });
        NS_TEST_EXPECT_MSG_EQ(Has(e, "from 'elsewhere'"), true, e);
        p.from = "own";
        p.identifiers = "random";
        e = Error([&]() {
            L2tpv3ControlAttackScenario::Run(p);
        });
        NS_TEST_EXPECT_MSG_EQ(Has(e, "not 'random'"), true, e);
    }
};

/// What each attack achieves without a secret (the on-path attacker of §8 wins).
class ControlAttackNoSecretTestCase : public TestCase
{
  public:
    /**
     * \param attack stopccn, cdn, replay or flood
     * \param identifiers sniffed or random
     * \param encapsulation ip or udp
     */
    ControlAttackNoSecretTestCase(const std::string& attack,
                                  const std::string& identifiers,
                                  const std::string& encapsulation)
        : TestCase("no secret: " + attack + " (" + identifiers + ", " + encapsulation +
                   "): what the attacker achieves, counted"),
          m_attack(attack),
          m_identifiers(identifiers),
          m_encapsulation(encapsulation)
    {
    }

  private:
    void DoRun() override
    {
        L2tpv3ControlAttackScenario::Parameters p;
        p.attack = m_attack;
        p.identifiers = m_identifiers;
        p.encapsulation = m_encapsulation;
        L2tpv3ControlAttackScenario::Results r = L2tpv3ControlAttackScenario::Run(p);
        NS_TEST_EXPECT_MSG_EQ(r.sessionsUpBeforeA, 2, "both sessions up before the attack");
        NS_TEST_EXPECT_MSG_EQ(r.sessionsUpBeforeB, 2, "on both sides");
        auto closed = static_cast<std::size_t>(L2tpv3SessionDownReason::CONNECTION_CLOSED);
        auto timeout = static_cast<std::size_t>(L2tpv3SessionDownReason::PEER_TIMEOUT);
        auto cdn = static_cast<std::size_t>(L2tpv3SessionDownReason::CDN_RECEIVED);
        if (m_attack == "stopccn" && m_identifiers == "sniffed")
        {
            // One StopCCN with the sniffed CCID and next Ns tears NetBSD_B's side down at
            // once; NetBSD_A finds out when its HELLO goes unanswered, and reconnects.
            NS_TEST_EXPECT_MSG_EQ(r.sent, 1, "one forged StopCCN");
            NS_TEST_EXPECT_MSG_EQ(r.b.stopCcnReceived[1], 1, "NetBSD_B takes it");
            NS_TEST_EXPECT_MSG_EQ(r.connectionsTornDownB, 1, "NetBSD_B's connection down");
            NS_TEST_EXPECT_MSG_EQ(r.b.sessionsDown[closed], 2, "with both its sessions");
            NS_TEST_EXPECT_MSG_EQ(r.connectionsTornDownA, 1, "NetBSD_A's connection down");
            NS_TEST_EXPECT_MSG_EQ(r.a.sessionsDown[timeout], 2, "found dead by its HELLO");
            NS_TEST_EXPECT_MSG_EQ(r.a.invalidNr, 1, "NetBSD_B's ack of the forgery");
            NS_TEST_EXPECT_MSG_EQ(r.a.connectionsEstablished, 2, "NetBSD_A reconnected");
            NS_TEST_EXPECT_MSG_EQ(r.sessionsUpA, 2, "and its sessions are back");
        }
        else if (m_attack == "cdn")
        {
            // The sniffed CDN takes one session down on NetBSD_B; NetBSD_A does not know.
            NS_TEST_EXPECT_MSG_EQ(r.sent, 1, "one forged CDN");
            NS_TEST_EXPECT_MSG_EQ(r.b.cdnReceived[1], 1, "NetBSD_B takes it");
            NS_TEST_EXPECT_MSG_EQ(r.b.sessionsDown[cdn], 1, "one session down on NetBSD_B");
            NS_TEST_EXPECT_MSG_EQ(r.sessionsTornDownB, 1, "and only that one");
            NS_TEST_EXPECT_MSG_EQ(r.sessionsUpB, 1, "NetBSD_B: one session left");
            NS_TEST_EXPECT_MSG_EQ(r.sessionsUpA, 2, "NetBSD_A still counts two");
            NS_TEST_EXPECT_MSG_EQ(r.connectionsTornDownB, 0, "the connection stays");
            NS_TEST_EXPECT_MSG_EQ(r.b.duplicates, 1, "NetBSD_A's next message: Ns taken");
        }
        else if (m_attack == "stopccn")
        {
            // Guessed Control Connection IDs: every one unknown, nothing torn down.
            NS_TEST_EXPECT_MSG_EQ(r.sent, 10000, "10,000 guesses");
            NS_TEST_EXPECT_MSG_EQ(r.b.unknownConnection, 10000, "each unknown to NetBSD_B");
            // Each StopCCN for no connection was acknowledged with a ZLB to its forged
            // source (§4.2) until issue 21: now within UnknownReplyRate (2 per second, a
            // burst of 2, from one source): 2 + 2 x 1.9998 s = 5 over the 2 s attack.
            NS_TEST_EXPECT_MSG_EQ(r.a.unknownConnection, 5, "5 ZLBs reflected, not 10,000");
            NS_TEST_EXPECT_MSG_EQ(r.b.replySuppressed, 10000 - 5, "the rest suppressed");
            NS_TEST_EXPECT_MSG_EQ(r.GetTeardowns(), 0, "nothing torn down");
            NS_TEST_EXPECT_MSG_EQ(r.sessionsUpB, 2, "sessions up");
        }
        else if (m_attack == "replay")
        {
            // Every replayed message has an Ns NetBSD_B delivered already.
            NS_TEST_EXPECT_MSG_EQ(r.sent, 100, "100 replays");
            NS_TEST_EXPECT_MSG_GT(r.recorded, 0, "recorded from the tap");
            NS_TEST_EXPECT_MSG_GT(r.sentSequenced, 0, "some with an Ns");
            NS_TEST_EXPECT_MSG_EQ(r.b.duplicates, r.sentSequenced, "each a duplicate");
            NS_TEST_EXPECT_MSG_EQ(r.GetTeardowns(), 0, "nothing torn down");
        }
        else if (m_attack == "flood")
        {
            // 2,000 SCCRQs in 1 s from 256 addresses; NetBSD_B keeps at most 100 half-open.
            NS_TEST_EXPECT_MSG_EQ(r.sent, 2000, "2,000 SCCRQs");
            NS_TEST_EXPECT_MSG_EQ(r.peakHalfOpenB, 100, "bounded by MaxHalfOpenConnections");
            NS_TEST_EXPECT_MSG_EQ(r.peakConnectionsB, 101, "plus NetBSD_A's connection");
            NS_TEST_EXPECT_MSG_EQ(r.b.sccrqRefused, 1900, "the rest refused, counted");
            NS_TEST_EXPECT_MSG_EQ(r.b.rxMessages[1], 2001, "NetBSD_A's SCCRQ and the flood");
            NS_TEST_EXPECT_MSG_EQ(r.connectionsB, 1, "half-open state expired by the end");
            NS_TEST_EXPECT_MSG_EQ(r.GetTeardowns(), 0, "nothing torn down");
            NS_TEST_EXPECT_MSG_EQ(r.sessionsUpB, 2, "sessions up");
        }
    }

    std::string m_attack;        //!< the attack
    std::string m_identifiers;   //!< sniffed or guessed
    std::string m_encapsulation; //!< ip or udp
};

/// With a secret (RFC 3931 §4.3) nothing is torn down, and each forgery is counted.
class ControlAttackSecretTestCase : public TestCase
{
  public:
    /**
     * \param attack stopccn, cdn, replay or flood
     * \param fakeDigest forged messages carry a random Message Digest
     */
    ControlAttackSecretTestCase(const std::string& attack,
                                bool fakeDigest,
                                const std::string& identifiers = "sniffed")
        : TestCase("secret: " + attack + " (" + identifiers + ")" +
                   (fakeDigest ? " with a fake digest" : "") +
                   ": zero teardowns, each forgery counted under its reason"),
          m_attack(attack),
          m_fakeDigest(fakeDigest),
          m_identifiers(identifiers)
    {
    }

  private:
    void DoRun() override
    {
        L2tpv3ControlAttackScenario::Parameters p;
        p.attack = m_attack;
        p.secret = "s3cret";
        p.fakeDigest = m_fakeDigest;
        p.identifiers = m_identifiers;
        L2tpv3ControlAttackScenario::Results r = L2tpv3ControlAttackScenario::Run(p);
        NS_TEST_EXPECT_MSG_EQ(r.sessionsUpBeforeB, 2, "both sessions up before the attack");
        NS_TEST_EXPECT_MSG_EQ(r.GetTeardowns(), 0, "nothing torn down");
        NS_TEST_EXPECT_MSG_EQ(r.sessionsUpA, 2, "NetBSD_A's sessions up at the end");
        NS_TEST_EXPECT_MSG_EQ(r.sessionsUpB, 2, "NetBSD_B's too");
        NS_TEST_EXPECT_MSG_EQ(r.a.connectionsEstablished, 1, "no reconnection");
        NS_TEST_EXPECT_MSG_EQ(r.b.stopCcnReceived.size(), 0, "no StopCCN taken");
        NS_TEST_EXPECT_MSG_EQ(r.b.cdnReceived.size(), 0, "no CDN taken");
        uint64_t forged = r.sent;
        if (m_identifiers == "random")
        {
            // No connection, no nonces to check a digest against: unknown, and unanswered.
            NS_TEST_EXPECT_MSG_EQ(r.b.unknownConnection, forged, "each unknown");
            NS_TEST_EXPECT_MSG_EQ(r.b.rxDigestMissing, 0, "not judged by the digest");
            NS_TEST_EXPECT_MSG_EQ(r.a.unknownConnection, 0, "no ZLB reflected (§6.15)");
            return;
        }
        if (m_attack == "replay")
        {
            // A replay inside the connection carries a valid digest: the Ns stops it.
            NS_TEST_EXPECT_MSG_EQ(r.b.rxDigestInvalid + r.b.rxDigestMissing,
                                  0,
                                  "the recorded digests are valid");
            NS_TEST_EXPECT_MSG_EQ(r.b.duplicates, r.sentSequenced, "each a duplicate");
            return;
        }
        if (m_fakeDigest)
        {
            NS_TEST_EXPECT_MSG_EQ(r.b.rxDigestInvalid, forged, "each digest invalid");
            NS_TEST_EXPECT_MSG_EQ(r.b.rxDigestMissing, 0, "none missing");
        }
        else
        {
            NS_TEST_EXPECT_MSG_EQ(r.b.rxDigestMissing, forged, "each digest missing");
            NS_TEST_EXPECT_MSG_EQ(r.b.rxDigestInvalid, 0, "none invalid");
        }
        if (m_attack == "flood")
        {
            NS_TEST_EXPECT_MSG_EQ(r.peakHalfOpenB, 0, "no state for a flooded SCCRQ");
            NS_TEST_EXPECT_MSG_EQ(r.b.sccrqRefused, 0, "the digest refused them first");
            // Refused statelessly with StopCCN 4 (not authorized), each until issue 21; now
            // within UnknownReplyTotalRate (20 per second, a burst of 20; the 256 sources
            // get about 8 each, under their own rate): 20 + 20 x 0.9995 s = 39.
            NS_TEST_EXPECT_MSG_EQ(r.b.stopCcnSent[4], 39, "39 StopCCN 4, not one per SCCRQ");
            NS_TEST_EXPECT_MSG_EQ(r.b.replySuppressed, forged - 39, "the rest suppressed");
        }
    }

    std::string m_attack;      //!< the attack
    bool m_fakeDigest;         //!< forged messages carry a random digest
    std::string m_identifiers; //!< sniffed or guessed
};

/// The sniffed StopCCN or CDN from the attacker's own address: dropped as from the wrong
/// source (RFC 3931 §4.1.2.2), with or without a secret.
class ControlAttackOwnAddressTestCase : public TestCase
{
  public:
    /**
     * \param attack stopccn or cdn
     * \param secret the LCCEs' secret (empty: none)
     * \param encapsulation ip or udp
     */
    ControlAttackOwnAddressTestCase(const std::string& attack,
                                    const std::string& secret,
                                    const std::string& encapsulation)
        : TestCase("own address: sniffed " + attack + " from the attacker's address, " +
                   encapsulation + (secret.empty() ? ", no secret" : ", secret") +
                   ": dropped as from the wrong source, nothing torn down"),
          m_attack(attack),
          m_secret(secret),
          m_encapsulation(encapsulation)
    {
    }

  private:
    void DoRun() override
    {
        L2tpv3ControlAttackScenario::Parameters p;
        p.attack = m_attack;
        p.from = "own";
        p.secret = m_secret;
        p.encapsulation = m_encapsulation;
        L2tpv3ControlAttackScenario::Results r = L2tpv3ControlAttackScenario::Run(p);
        NS_TEST_EXPECT_MSG_EQ(r.sent, 1, "one forged message");
        NS_TEST_EXPECT_MSG_EQ(r.sessionsUpBeforeB, 2, "both sessions up before the attack");
        NS_TEST_EXPECT_MSG_EQ(r.b.wrongSource, 1, "dropped as from the wrong source");
        NS_TEST_EXPECT_MSG_EQ(r.b.rxDigestMissing + r.b.rxDigestInvalid,
                              0,
                              "before the digest is checked");
        NS_TEST_EXPECT_MSG_EQ(r.b.duplicates, 0, "the forgery took no Ns");
        NS_TEST_EXPECT_MSG_EQ(r.b.stopCcnReceived.size(), 0, "no StopCCN taken");
        NS_TEST_EXPECT_MSG_EQ(r.b.cdnReceived.size(), 0, "no CDN taken");
        NS_TEST_EXPECT_MSG_EQ(r.GetTeardowns(), 0, "nothing torn down");
        NS_TEST_EXPECT_MSG_EQ(r.sessionsUpA, 2, "NetBSD_A's sessions up at the end");
        NS_TEST_EXPECT_MSG_EQ(r.sessionsUpB, 2, "NetBSD_B's too");
        NS_TEST_EXPECT_MSG_EQ(r.a.connectionsEstablished, 1, "no reconnection");
        NS_TEST_EXPECT_MSG_EQ(r.repliesB, 0, "nothing sent to the attacker");
    }

    std::string m_attack;        //!< stopccn or cdn
    std::string m_secret;        //!< the secret
    std::string m_encapsulation; //!< ip or udp
};

/// Without a limit the flood's state grows with the flood: the limit is what bounds it.
class ControlAttackFloodUnlimitedTestCase : public TestCase
{
  public:
    ControlAttackFloodUnlimitedTestCase()
        : TestCase("no limit: each flooded SCCRQ holds a half-open connection")
    {
    }

  private:
    void DoRun() override
    {
        L2tpv3ControlAttackScenario::Parameters p;
        p.attack = "flood";
        p.maxHalfOpen = 0;
        p.count = 500;
        L2tpv3ControlAttackScenario::Results r = L2tpv3ControlAttackScenario::Run(p);
        NS_TEST_EXPECT_MSG_EQ(r.peakHalfOpenB, 500, "one per SCCRQ");
        NS_TEST_EXPECT_MSG_EQ(r.b.sccrqRefused, 0, "none refused");
        p.maxHalfOpen = 0;
        p.maxConnections = 50;
        r = L2tpv3ControlAttackScenario::Run(p);
        NS_TEST_EXPECT_MSG_EQ(r.peakConnectionsB, 50, "MaxControlConnections bounds them all");
        NS_TEST_EXPECT_MSG_EQ(r.b.sccrqRefused, 451, "the rest refused");
    }
};

/// A real peer refused by the limit retransmits its SCCRQ and gets in once a place is free.
class ControlAttackLimitRetryTestCase : public TestCase
{
  public:
    ControlAttackLimitRetryTestCase()
        : TestCase("limit: a second peer's SCCRQ refused while one is half-open, then accepted")
    {
    }

  private:
    void DoRun() override
    {
        NodeContainer nodes;
        nodes.Create(3); // two initiators and NetBSD_B
        CsmaHelper csma;
        csma.SetChannelAttribute("Delay", TimeValue(MilliSeconds(5)));
        NetDeviceContainer devices = csma.Install(nodes);
        InternetStackHelper().Install(nodes);
        Ipv4InterfaceContainer ifs =
            Ipv4AddressHelper("192.168.0.0", "255.255.255.0").Assign(devices);
        L2tpv3LcceHelper helper;
        helper.SetAttribute("MaxHalfOpenConnections", UintegerValue(1));
        std::vector<Ptr<L2tpv3Lcce>> lcces;
        for (uint32_t i = 0; i < 3; ++i)
        {
            lcces.push_back(helper.Install(nodes.Get(i)));
            lcces.back()->AssignStreams(1 + i);
        }
        for (uint32_t i = 0; i < 2; ++i)
        {
            lcces[i]->AddPeer(ifs.GetAddress(i), ifs.GetAddress(2));
        }
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        L2tpv3LcceCounters b = lcces[2]->GetCounters();
        NS_TEST_EXPECT_MSG_EQ(b.sccrqRefused, 1, "the second SCCRQ refused");
        NS_TEST_EXPECT_MSG_EQ(b.connectionsEstablished, 2, "both connections established");
        NS_TEST_EXPECT_MSG_EQ(lcces[0]->GetCounters().connectionsEstablished +
                                  lcces[1]->GetCounters().connectionsEstablished,
                              2,
                              "on the initiators too");
        NS_TEST_EXPECT_MSG_EQ(lcces[0]->GetCounters().retransmissions +
                                  lcces[1]->GetCounters().retransmissions,
                              1,
                              "after one retransmitted SCCRQ (§4.2)");
        NS_TEST_EXPECT_MSG_EQ(lcces[2]->GetNHalfOpen(), 0, "none half-open at the end");
        Simulator::Destroy();
    }
};

/// The suite.
class L2tpv3ControlAttackTestSuite : public TestSuite
{
  public:
    L2tpv3ControlAttackTestSuite()
        : TestSuite("l2tp-control-attack")
    {
        AddTestCase(new ControlForgeryBytesTestCase);
        AddTestCase(new ControlForgeryVariantsTestCase);
        AddTestCase(new ControlForgeryTsharkTestCase);
        AddTestCase(new ControlForgeryParametersTestCase);
        AddTestCase(new ControlAttackNoSecretTestCase("stopccn", "sniffed", "ip"));
        AddTestCase(new ControlAttackNoSecretTestCase("stopccn", "sniffed", "udp"));
        AddTestCase(new ControlAttackNoSecretTestCase("stopccn", "random", "ip"));
        AddTestCase(new ControlAttackNoSecretTestCase("cdn", "sniffed", "ip"));
        AddTestCase(new ControlAttackNoSecretTestCase("replay", "sniffed", "ip"));
        AddTestCase(new ControlAttackNoSecretTestCase("flood", "sniffed", "ip"));
        AddTestCase(new ControlAttackOwnAddressTestCase("stopccn", "", "ip"));
        AddTestCase(new ControlAttackOwnAddressTestCase("cdn", "", "ip"));
        AddTestCase(new ControlAttackOwnAddressTestCase("stopccn", "s3cret", "ip"));
        AddTestCase(new ControlAttackOwnAddressTestCase("cdn", "s3cret", "ip"));
        AddTestCase(new ControlAttackOwnAddressTestCase("stopccn", "", "udp"));
        AddTestCase(new ControlAttackFloodUnlimitedTestCase);
        AddTestCase(new ControlAttackLimitRetryTestCase);
        AddTestCase(new ControlAttackSecretTestCase("stopccn", false));
        AddTestCase(new ControlAttackSecretTestCase("stopccn", true));
        AddTestCase(new ControlAttackSecretTestCase("stopccn", false, "random"));
        AddTestCase(new ControlAttackSecretTestCase("cdn", false));
        AddTestCase(new ControlAttackSecretTestCase("cdn", true));
        AddTestCase(new ControlAttackSecretTestCase("replay", false));
        AddTestCase(new ControlAttackSecretTestCase("flood", false));
        AddTestCase(new ControlAttackSecretTestCase("flood", true));
    }
};

static L2tpv3ControlAttackTestSuite g_l2tpv3ControlAttackTestSuite; //!< registers the suite
