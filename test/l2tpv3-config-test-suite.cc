/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Configuration is validated where it is given: each rule of DESIGN.md
// raises an error whose message names the parameter and the value, and a
// refused configuration installs nothing.

#include "ns3/address.h"
#include "ns3/boolean.h"
#include "ns3/callback.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/l2tpv3-bridge-scenario.h"
#include "ns3/l2tpv3-cookie.h"
#include "ns3/l2tpv3-counters.h"
#include "ns3/l2tpv3-helper.h"
#include "ns3/l2tpv3-l4-protocol.h"
#include "ns3/l2tpv3-net-device.h"
#include "ns3/mac48-address.h"
#include "ns3/node-container.h"
#include "ns3/node.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

using namespace ns3;

/**
 * \ingroup l2tp-tests
 * \brief One invalid configuration: it must throw std::invalid_argument whose
 * message contains every expected fragment (the parameter and the value).
 */
class L2tpv3ConfigRuleTestCase : public TestCase
{
  public:
    /**
     * \param name the rule
     * \param action the configuration step that must be refused
     * \param fragments text the message must contain
     */
    L2tpv3ConfigRuleTestCase(std::string name,
                             std::function<void()> action,
                             std::vector<std::string> fragments)
        : TestCase(name),
          m_action(action),
          m_fragments(fragments)
    {
    }

  private:
    void DoRun() override
    {
        std::string message;
        try
        {
            m_action();
        }
        catch (const std::invalid_argument& e)
        {
            message = e.what();
        }
        NS_TEST_ASSERT_MSG_EQ(message.empty(), false, "configuration was refused");
        for (const auto& fragment : m_fragments)
        {
            NS_TEST_EXPECT_MSG_NE(message.find(fragment),
                                  std::string::npos,
                                  "message \"" << message << "\" names \"" << fragment << "\"");
        }
        Simulator::Destroy();
    }

    std::function<void()> m_action;       //!< the refused step
    std::vector<std::string> m_fragments; //!< expected message text
};

/**
 * \ingroup l2tp-tests
 * \brief A duplicate local Session ID on a node is refused and installs nothing.
 */
class L2tpv3DuplicateSessionTestCase : public TestCase
{
  public:
    L2tpv3DuplicateSessionTestCase()
        : TestCase("duplicate local Session ID on a node: refused, nothing installed")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Node> a = CreateObject<Node>();
        Ptr<Node> b = CreateObject<Node>();
        InternetStackHelper().Install(NodeContainer(a, b));
        L2tpv3Helper helper;
        helper.SetSessionIds(1234, 4321);
        helper.InstallPair(a, Ipv4Address("192.0.2.1"), b, Ipv4Address("192.0.2.2"));
        uint32_t devicesA = a->GetNDevices();
        uint32_t devicesB = b->GetNDevices();

        helper.SetSessionIds(1234, 999); // 1234 is taken on a
        std::string message;
        try
        {
            helper.InstallPair(a, Ipv4Address("192.0.2.1"), b, Ipv4Address("192.0.2.3"));
        }
        catch (const std::invalid_argument& e)
        {
            message = e.what();
        }
        NS_TEST_EXPECT_MSG_NE(message.find("LocalSessionId 1234"),
                              std::string::npos,
                              "names the Session ID: " << message);
        NS_TEST_EXPECT_MSG_NE(message.find("node " + std::to_string(a->GetId())),
                              std::string::npos,
                              "names the node: " << message);
        NS_TEST_EXPECT_MSG_EQ(a->GetNDevices(), devicesA, "nothing installed on a");
        NS_TEST_EXPECT_MSG_EQ(b->GetNDevices(), devicesB, "nothing installed on b");

        // Changing an installed device's local Session ID to a used one is refused too.
        helper.SetSessionIds(5678, 8765);
        Ptr<L2tpv3NetDevice> second = DynamicCast<L2tpv3NetDevice>(
            helper.Install(a, Ipv4Address("192.0.2.1"), Ipv4Address("192.0.2.9")).Get(0));
        message.clear();
        try
        {
            second->SetSessionIds(1234, 8765);
        }
        catch (const std::invalid_argument& e)
        {
            message = e.what();
        }
        NS_TEST_EXPECT_MSG_NE(message.find("LocalSessionId 1234"),
                              std::string::npos,
                              "names the Session ID: " << message);
        NS_TEST_EXPECT_MSG_EQ(second->GetLocalSessionId(), 5678, "old Session ID kept");
        NS_TEST_EXPECT_MSG_EQ(a->GetObject<L2tpv3L4Protocol>()->LookupSession(5678),
                              second,
                              "still registered under the old ID");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief The link is up only when endpoints and both Session IDs are set.
 */
class L2tpv3LinkStateTestCase : public TestCase
{
  public:
    L2tpv3LinkStateTestCase()
        : TestCase("link up only with tunnel endpoints and both Session IDs; attributes checked")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Node> node = CreateObject<Node>();
        InternetStackHelper().Install(node);
        Ptr<L2tpv3NetDevice> device = CreateObject<L2tpv3NetDevice>();
        node->AddDevice(device);
        uint32_t changes = 0;
        device->AddLinkChangeCallback(Callback<void>([&changes]() {
            ++changes;
        }));
        NS_TEST_EXPECT_MSG_EQ(device->IsLinkUp(), false, "bare device is down");
        device->SetSessionIds(1, 2);
        NS_TEST_EXPECT_MSG_EQ(device->IsLinkUp(), false, "no tunnel yet");
        device->SetTunnel(Ipv6Address("2001:db8::1"), Ipv6Address("2001:db8::2"));
        NS_TEST_EXPECT_MSG_EQ(device->IsLinkUp(), true, "configured");
        device->DeleteTunnel();
        NS_TEST_EXPECT_MSG_EQ(device->IsLinkUp(), false, "deletetunnel");
        device->SetTunnel(Ipv6Address("2001:db8::1"), Ipv6Address("2001:db8::2"));
        device->DeleteSession();
        NS_TEST_EXPECT_MSG_EQ(device->IsLinkUp(), false, "deletesession");
        NS_TEST_EXPECT_MSG_EQ(node->GetObject<L2tpv3L4Protocol>()->GetNSessions(),
                              0,
                              "session unregistered");
        NS_TEST_EXPECT_MSG_EQ(changes, 4, "each change notified");

        // Attributes with invalid values are refused and leave the value unchanged.
        NS_TEST_EXPECT_MSG_EQ(device->SetAttributeFailSafe("LocalCookie", StringValue("5:1")),
                              false,
                              "cookie length 5 refused");
        NS_TEST_EXPECT_MSG_EQ(device->GetLocalCookie().GetLength(), 0, "cookie unchanged");
        NS_TEST_EXPECT_MSG_EQ(device->SetAttributeFailSafe("Mtu", UintegerValue(10)),
                              false,
                              "MTU 10 refused");
        NS_TEST_EXPECT_MSG_EQ(device->GetMtu(), 1500, "MTU unchanged");
        NS_TEST_EXPECT_MSG_EQ(device->SetAttributeFailSafe("LocalCookie", StringValue("4:12345")),
                              true,
                              "a valid cookie accepted");
        NS_TEST_EXPECT_MSG_EQ(device->GetLocalCookie(), L2tpv3Cookie(4, 12345), "cookie set");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Each drop reason belongs to one direction: tx_errors counts every frame that could not
 * be sent, rx_errors every packet that could not be delivered.
 */
class L2tpv3ErrorDirectionTestCase : public TestCase
{
  public:
    L2tpv3ErrorDirectionTestCase()
        : TestCase("tx_errors: frames refused on transmit (link down, over MTU, no route); "
                   "rx_errors: packets refused on receive; each reason one direction")
    {
    }

  private:
    void DoRun() override
    {
        // Every reason counts in exactly one of the two, the one its direction names.
        uint32_t transmitReasons = 0;
        for (std::size_t i = 0; i < static_cast<std::size_t>(L2tpv3DropReason::COUNT); ++i)
        {
            auto reason = static_cast<L2tpv3DropReason>(i);
            L2tpv3Counters c;
            c.CountDrop(reason);
            bool tx = L2tpv3DropReasonIsTransmit(reason);
            transmitReasons += tx;
            uint64_t txErrors = tx ? 1 : 0; // no conditional inside the macros (in-tree -Werror)
            uint64_t rxErrors = 1 - txErrors;
            NS_TEST_EXPECT_MSG_EQ(c.GetTxErrors(), txErrors, reason << " in tx_errors");
            NS_TEST_EXPECT_MSG_EQ(c.GetRxErrors(), rxErrors, reason << " in rx_errors");
        }
        NS_TEST_EXPECT_MSG_EQ(transmitReasons, 3, "tx_device_down, no_route, frame_over_mtu");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3DropReasonName(L2tpv3DropReason::TX_DEVICE_DOWN),
                              "tx_device_down",
                              "the transmit side of device_down has its own name");

        Ptr<Node> node = CreateObject<Node>();
        InternetStackHelper().Install(node);
        Ptr<L2tpv3NetDevice> device = CreateObject<L2tpv3NetDevice>();
        node->AddDevice(device);
        uint32_t macTxDrops = 0;
        device->TraceConnectWithoutContext(
            "MacTxDrop",
            Callback<void, Ptr<const Packet>>([&macTxDrops](Ptr<const Packet>) {
                ++macTxDrops;
            }));
        Mac48Address peer("02:00:00:00:00:02");

        // Link down (no tunnel, no session): three frames refused on transmit.
        for (int i = 0; i < 3; ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(device->Send(Create<Packet>(100), peer, 0x0800),
                                  false,
                                  "refused while down");
        }
        NS_TEST_EXPECT_MSG_EQ(device->GetCounters().GetDrops(L2tpv3DropReason::TX_DEVICE_DOWN),
                              3,
                              "counted as tx_device_down");
        NS_TEST_EXPECT_MSG_EQ(device->GetCounters().GetTxErrors(), 3, "tx_errors");
        NS_TEST_EXPECT_MSG_EQ(device->GetCounters().GetRxErrors(), 0, "not rx_errors");

        // A packet received while down is a receive error.
        device->Receive(Create<Packet>(40), Ipv4Address("192.0.2.2"));
        NS_TEST_EXPECT_MSG_EQ(device->GetCounters().GetDrops(L2tpv3DropReason::DEVICE_DOWN),
                              1,
                              "received while down: device_down");
        NS_TEST_EXPECT_MSG_EQ(device->GetCounters().GetRxErrors(), 1, "rx_errors");
        NS_TEST_EXPECT_MSG_EQ(device->GetCounters().GetTxErrors(), 3, "tx_errors unchanged");

        // Up, but the node has no route to the peer; then a frame over the MTU.
        device->SetTunnel(Ipv4Address("192.0.2.1"), Ipv4Address("192.0.2.2"));
        device->SetSessionIds(1, 2);
        NS_TEST_EXPECT_MSG_EQ(device->Send(Create<Packet>(100), peer, 0x0800), false, "no route");
        NS_TEST_EXPECT_MSG_EQ(device->Send(Create<Packet>(device->GetMtu() + 1), peer, 0x0800),
                              false,
                              "over the MTU");
        const L2tpv3Counters& c = device->GetCounters();
        NS_TEST_EXPECT_MSG_EQ(c.GetDrops(L2tpv3DropReason::NO_ROUTE), 1, "no_route");
        NS_TEST_EXPECT_MSG_EQ(c.GetDrops(L2tpv3DropReason::FRAME_OVER_MTU), 1, "frame_over_mtu");
        NS_TEST_EXPECT_MSG_EQ(c.GetTxErrors(), 5, "every frame not sent");
        NS_TEST_EXPECT_MSG_EQ(c.GetRxErrors(), 1, "every packet not delivered");
        NS_TEST_EXPECT_MSG_EQ(macTxDrops, 5, "MacTxDrop for each frame not sent");
        NS_TEST_EXPECT_MSG_EQ(c.txPackets, 0, "nothing sent");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief The session table keeps every key through growth and scattered removals.
 */
class L2tpv3SessionTableTestCase : public TestCase
{
  public:
    L2tpv3SessionTableTestCase()
        : TestCase("session table: 3000 sessions, every other one removed, lookups exact")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Node> node = CreateObject<Node>();
        InternetStackHelper().Install(node);
        Ptr<L2tpv3L4Protocol> l4 = L2tpv3L4Protocol::GetOrCreate(node);
        // Sequential IDs, IDs a multiple of 2^20 apart (one home slot for a weak hash),
        // and scattered ones.
        std::vector<uint32_t> ids;
        for (uint32_t i = 1; i <= 1000; ++i)
        {
            ids.push_back(i);
            ids.push_back(i << 20);
            ids.push_back(0x9e3779b9U * i + 0x7f4a7c15U);
        }
        std::vector<Ptr<L2tpv3NetDevice>> devices;
        for (uint32_t id : ids)
        {
            L2tpv3SessionKey key;
            key.sessionId = id;
            devices.push_back(CreateObject<L2tpv3NetDevice>());
            l4->AddSession(key, devices.back());
        }
        NS_TEST_ASSERT_MSG_EQ(l4->GetNSessions(), ids.size(), "all stored");
        // Remove every other one, from the end backwards (runs of collisions break apart).
        for (std::size_t i = ids.size(); i-- > 0;)
        {
            if (i % 2 == 1)
            {
                L2tpv3SessionKey key;
                key.sessionId = ids[i];
                l4->RemoveSession(key);
            }
        }
        NS_TEST_ASSERT_MSG_EQ(l4->GetNSessions(), ids.size() / 2, "half removed");
        uint32_t wrong = 0;
        for (std::size_t i = 0; i < ids.size(); ++i)
        {
            Ptr<L2tpv3NetDevice> found = l4->LookupSession(ids[i]);
            Ptr<L2tpv3NetDevice> want = i % 2 == 0 ? devices[i] : nullptr;
            wrong += found == want ? 0 : 1;
        }
        NS_TEST_EXPECT_MSG_EQ(wrong, 0, "lookups that found the wrong device or none");
        NS_TEST_EXPECT_MSG_EQ(l4->LookupSession(12345678), nullptr, "never added");
        // Removed IDs can be used again; a removed key removed twice changes nothing.
        L2tpv3SessionKey again;
        again.sessionId = ids[1];
        l4->AddSession(again, devices[1]);
        l4->RemoveSession(again);
        l4->RemoveSession(again);
        l4->AddSession(again, devices[1]);
        NS_TEST_EXPECT_MSG_EQ(l4->LookupSession(ids[1]), devices[1], "re-added");
        NS_TEST_EXPECT_MSG_EQ(l4->GetNSessions(), ids.size() / 2 + 1, "count");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief The configuration test suite.
 */
class L2tpv3ConfigTestSuite : public TestSuite
{
  public:
    L2tpv3ConfigTestSuite()
        : TestSuite("l2tp-config")
    {
        AddTestCase(new L2tpv3ConfigRuleTestCase("cookie length other than 0, 4 or 8",
                                                 []() {
                                                     L2tpv3Cookie(5, 1);
                                                 },
                                                 {"cookie length", "5"}));
        AddTestCase(new L2tpv3ConfigRuleTestCase("cookie value too large for its length",
                                                 []() {
                                                     L2tpv3Cookie(4, 0x100000000ULL);
                                                 },
                                                 {"4294967296", "4-byte"}));
        AddTestCase(new L2tpv3ConfigRuleTestCase("local Session ID 0",
                                                 []() {
                                                     L2tpv3Helper().SetSessionIds(0, 4321);
                                                 },
                                                 {"LocalSessionId", "0"}));
        AddTestCase(new L2tpv3ConfigRuleTestCase(
            "remote Session ID 0",
            []() {
                CreateObject<L2tpv3NetDevice>()->SetSessionIds(1234, 0);
            },
            {"RemoteSessionId", "0"}));
        AddTestCase(new L2tpv3ConfigRuleTestCase(
            "mixed address families",
            []() {
                CreateObject<L2tpv3NetDevice>()->SetTunnel(Ipv4Address("192.168.0.1"),
                                                           Ipv6Address("2001:db8::2"));
            },
            {"TunnelSource 192.168.0.1", "IPv4", "TunnelDestination 2001:db8::2", "IPv6"}));
        AddTestCase(new L2tpv3ConfigRuleTestCase(
            "missing tunnel source",
            []() {
                CreateObject<L2tpv3NetDevice>()->SetTunnel(Address(), Ipv4Address("192.168.0.2"));
            },
            {"TunnelSource", "unset"}));
        AddTestCase(new L2tpv3ConfigRuleTestCase(
            "missing endpoints at install",
            []() {
                Ptr<Node> node = CreateObject<Node>();
                L2tpv3Helper helper;
                helper.SetSessionIds(1, 2);
                helper.Install(node, Ipv4Address("192.0.2.1"), Address());
            },
            {"TunnelDestination", "unset"}));
        AddTestCase(new L2tpv3ConfigRuleTestCase("incomplete device configuration",
                                                 []() {
                                                     Ptr<L2tpv3NetDevice> d =
                                                         CreateObject<L2tpv3NetDevice>();
                                                     d->SetTunnel(Ipv4Address("192.0.2.1"),
                                                                  Ipv4Address("192.0.2.2"));
                                                     d->CheckConfiguration();
                                                 },
                                                 {"LocalSessionId", "not set"}));
        AddTestCase(new L2tpv3ConfigRuleTestCase(
            "install before SetSessionIds",
            []() {
                Ptr<Node> node = CreateObject<Node>();
                L2tpv3Helper().Install(node, Ipv4Address("192.0.2.1"), Ipv4Address("192.0.2.2"));
            },
            {"SetSessionIds"}));
        AddTestCase(new L2tpv3ConfigRuleTestCase("scenario: cookieLen 5",
                                                 []() {
                                                     L2tpv3BridgeScenario::Parameters p;
                                                     p.cookieLength = 5;
                                                     L2tpv3BridgeScenario s(p);
                                                 },
                                                 {"cookieLen=5"}));
        AddTestCase(new L2tpv3ConfigRuleTestCase("scenario: frame larger than the LAN MTU",
                                                 []() {
                                                     L2tpv3BridgeScenario::Parameters p;
                                                     p.frameSize = 9000;
                                                     L2tpv3BridgeScenario s(p);
                                                 },
                                                 {"frameSize=9000"}));
        AddTestCase(new L2tpv3ConfigRuleTestCase("scenario: IPv6 underlay below 1280",
                                                 []() {
                                                     L2tpv3BridgeScenario::Parameters p;
                                                     p.ipv6Underlay = true;
                                                     p.wanMtu = 1000;
                                                     L2tpv3BridgeScenario s(p);
                                                 },
                                                 {"wanMtu=1000"}));
        AddTestCase(new L2tpv3ConfigRuleTestCase(
            "encapsulation neither ip nor udp",
            []() {
                CreateObject<L2tpv3NetDevice>()->SetAttribute("Encapsulation", StringValue("gre"));
            },
            {"Encapsulation", "gre"}));
        AddTestCase(new L2tpv3ConfigRuleTestCase("sublayer neither none nor default",
                                                 []() {
                                                     CreateObject<L2tpv3NetDevice>()->SetAttribute(
                                                         "L2SpecificSublayer",
                                                         StringValue("atm"));
                                                 },
                                                 {"L2SpecificSublayer", "atm"}));
        AddTestCase(new L2tpv3ConfigRuleTestCase(
            "MTU policy neither fragment nor derived",
            []() {
                CreateObject<L2tpv3NetDevice>()->SetAttribute("MtuPolicy", StringValue("linux"));
            },
            {"MtuPolicy", "linux"}));
        AddTestCase(new L2tpv3ConfigRuleTestCase(
            "sequencing without the default sublayer",
            []() {
                Ptr<L2tpv3NetDevice> d = CreateObject<L2tpv3NetDevice>();
                d->SetTunnel(Ipv4Address("192.0.2.1"), Ipv4Address("192.0.2.2"));
                d->SetSessionIds(1, 2);
                d->SetAttribute("SendSequenceNumbers", BooleanValue(true));
                d->CheckConfiguration();
            },
            {"SendSequenceNumbers", "L2SpecificSublayer", "none"}));
        AddTestCase(new L2tpv3ConfigRuleTestCase(
            "UDP port taken by another socket",
            []() {
                Ptr<Node> node = CreateObject<Node>();
                InternetStackHelper().Install(node);
                Ptr<Socket> s = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
                s->Bind(InetSocketAddress(Ipv4Address::GetAny(), 1701));
                L2tpv3Helper helper;
                helper.SetSessionIds(1, 2);
                helper.SetDeviceAttribute("Encapsulation", StringValue("udp"));
                uint32_t devices = node->GetNDevices();
                try
                {
                    helper.Install(node, Ipv4Address("192.0.2.1"), Ipv4Address("192.0.2.2"));
                }
                catch (const std::invalid_argument&)
                {
                    // Refused before the device joined the node.
                    if (node->GetNDevices() == devices)
                    {
                        throw;
                    }
                }
            },
            {"UdpSourcePort 1701", "in use"}));
        AddTestCase(new L2tpv3ConfigRuleTestCase("scenario: --seq without --sublayer=default",
                                                 []() {
                                                     L2tpv3BridgeScenario::Parameters p;
                                                     p.sequencing = true;
                                                     L2tpv3BridgeScenario s(p);
                                                 },
                                                 {"sublayer=none", "--seq"}));
        AddTestCase(new L2tpv3ConfigRuleTestCase("scenario: attack starting after the run",
                                                 []() {
                                                     L2tpv3BridgeScenario::Parameters p;
                                                     p.attacker = true;
                                                     p.duration = 3;
                                                     L2tpv3BridgeScenario s(p);
                                                 },
                                                 {"attackStart=3 s: must be at least 0 and "
                                                  "less than time - 1 (2 s)"}));
        AddTestCase(new L2tpv3ConfigRuleTestCase("scenario: a run shorter than 3 s",
                                                 []() {
                                                     L2tpv3BridgeScenario::Parameters p;
                                                     p.duration = 2.5;
                                                     L2tpv3BridgeScenario s(p);
                                                 },
                                                 {"time=2.5 s: must be at least 3 seconds"}));
        AddTestCase(new L2tpv3DuplicateSessionTestCase);
        AddTestCase(new L2tpv3LinkStateTestCase);
        AddTestCase(new L2tpv3ErrorDirectionTestCase);
        AddTestCase(new L2tpv3SessionTableTestCase);
    }
};

/// Static instance.
static L2tpv3ConfigTestSuite g_l2tpv3ConfigTestSuite;
