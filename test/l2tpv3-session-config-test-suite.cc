/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// One session configuration, applied in one step, and the one device factory: the
// control plane reaches the data plane through these two only.

#include "ns3/boolean.h"
#include "ns3/bridge-net-device.h"
#include "ns3/csma-helper.h"
#include "ns3/csma-net-device.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-interface-container.h"
#include "ns3/ipv6-address.h"
#include "ns3/l2tpv3-device-factory.h"
#include "ns3/l2tpv3-l4-protocol.h"
#include "ns3/l2tpv3-lcce-helper.h"
#include "ns3/l2tpv3-lcce.h"
#include "ns3/l2tpv3-net-device.h"
#include "ns3/l2tpv3-session-config.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// A complete IPv4 end: tunnel 192.0.2.1 -> 192.0.2.2, Session IDs 1234/4321.
L2tpv3SessionConfig
ValidConfig()
{
    L2tpv3SessionConfig c;
    c.tunnelSource = Ipv4Address("192.0.2.1");
    c.tunnelDestination = Ipv4Address("192.0.2.2");
    c.localSessionId = 1234;
    c.remoteSessionId = 4321;
    return c;
}

/**
 * \param f a call
 * \return the message of the std::invalid_argument it throws ("" if none)
 */
std::string
ErrorOf(const std::function<void()>& f)
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

/**
 * \brief A node with an IP stack and a bridge (no ports yet), as an LCCE's site has.
 * \return the bridge (its node through GetNode)
 */
Ptr<BridgeNetDevice>
NodeWithBridge()
{
    Ptr<Node> node = CreateObject<Node>();
    InternetStackHelper().Install(node);
    Ptr<BridgeNetDevice> bridge = CreateObject<BridgeNetDevice>();
    node->AddDevice(bridge);
    return bridge;
}

} // namespace

/// Validate names the bad field and its value, in the device's words.
class SessionConfigValidateTestCase : public TestCase
{
  public:
    SessionConfigValidateTestCase()
        : TestCase("Validate refuses each bad field with the device's message")
    {
    }

  private:
    void DoRun() override
    {
        NS_TEST_EXPECT_MSG_EQ(ErrorOf([]() {
                                  ValidConfig().Validate();
                              }),
                              "",
                              "valid");

        struct Bad
        {
            std::function<void(L2tpv3SessionConfig&)> spoil; //!< makes it bad
            std::string message;                             //!< the exact message
        };

        std::vector<Bad> bad = {
            {[](L2tpv3SessionConfig& c) {
                 c.localSessionId = 0;
             },
             "LocalSessionId 0 is reserved for control messages (RFC 3931 §4.1.1.2)"},
            {[](L2tpv3SessionConfig& c) {
                 c.remoteSessionId = 0;
             },
             "RemoteSessionId 0 is reserved for control messages (RFC 3931 §4.1.1.2)"},
            {[](L2tpv3SessionConfig& c) {
                 c.tunnelSource = Address();
             },
             "TunnelSource is unset: give an IPv4 or IPv6 address"},
            {[](L2tpv3SessionConfig& c) {
                 c.tunnelDestination = Ipv6Address("2001:db8::2");
             },
             "TunnelSource 192.0.2.1 is IPv4 but TunnelDestination 2001:db8::2 is IPv6"},
            {[](L2tpv3SessionConfig& c) {
                 c.udpSourcePort = 0;
             },
             "UdpSourcePort 0: must be 1 to 65535"},
            {[](L2tpv3SessionConfig& c) {
                 c.udpDestinationPort = 0;
             },
             "UdpDestinationPort 0: must be 1 to 65535"},
            {[](L2tpv3SessionConfig& c) {
                 c.sendSequence = true;
             },
             "SendSequenceNumbers/RequireSequenceNumbers need L2SpecificSublayer default "
             "(RFC 3931 §4.6), not none"},
            {[](L2tpv3SessionConfig& c) {
                 c.mtu = 67;
             },
             "Mtu 67: must be at least 68"},
        };
        for (const auto& b : bad)
        {
            L2tpv3SessionConfig c = ValidConfig();
            b.spoil(c);
            NS_TEST_EXPECT_MSG_EQ(ErrorOf([&c]() {
                                      c.Validate();
                                  }),
                                  b.message,
                                  "refused");
            // The device refuses it with the same message and stays as it was.
            Ptr<L2tpv3NetDevice> d = CreateObject<L2tpv3NetDevice>();
            L2tpv3SessionConfig before = d->GetSessionConfig();
            uint64_t passes = d->GetNReconfigurations(); // its attributes' initial values
            NS_TEST_EXPECT_MSG_EQ(ErrorOf([&]() {
                                      d->Configure(c);
                                  }),
                                  b.message,
                                  "device");
            NS_TEST_EXPECT_MSG_EQ((d->GetSessionConfig() == before), true, "unchanged");
            NS_TEST_EXPECT_MSG_EQ(d->GetNReconfigurations(), passes, "not reconfigured");
        }
        // The device's own check of the same input, for comparison: same words.
        NS_TEST_EXPECT_MSG_EQ(
            ErrorOf([]() {
                CreateObject<L2tpv3NetDevice>()->SetTunnel(Address(), Ipv4Address("192.0.2.2"));
            }),
            "TunnelSource is unset: give an IPv4 or IPv6 address",
            "as SetTunnel");
    }
};

/// Configure sets every field in one pass; GetSessionConfig reads back what was set.
class SessionConfigApplyTestCase : public TestCase
{
  public:
    SessionConfigApplyTestCase()
        : TestCase("Configure: one reconfiguration, one session-table update, round trip")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Node> node = CreateObject<Node>();
        InternetStackHelper().Install(node);
        Ptr<L2tpv3DeviceFactory> factory = CreateObject<L2tpv3DeviceFactory>();
        Ptr<L2tpv3NetDevice> d = factory->Create(node, nullptr);
        Ptr<L2tpv3L4Protocol> l4 = node->GetObject<L2tpv3L4Protocol>();
        NS_TEST_ASSERT_MSG_NE(l4, nullptr, "the node's L2TPv3 protocol");
        NS_TEST_EXPECT_MSG_EQ(d->IsLinkUp(), false, "created down");
        uint64_t passes = d->GetNReconfigurations();
        uint64_t updates = l4->GetNSessionTableUpdates();
        uint32_t linkChanges = 0;
        d->AddLinkChangeCallback(Callback<void>([&linkChanges]() {
            ++linkChanges;
        }));

        L2tpv3SessionConfig c = ValidConfig();
        c.localCookie = L2tpv3Cookie(8, 0x0102030405060708ULL);
        c.remoteCookie = L2tpv3Cookie(4, 0xa1b2c3d4);
        c.encapsulation = L2tpv3Encapsulation::UDP;
        c.udpSourcePort = 1702;
        c.udpDestinationPort = 1703;
        c.udpChecksum = true;
        c.sublayer = L2tpv3Sublayer::DEFAULT;
        c.sendSequence = true;
        c.requireSequence = true;
        c.mtu = 1400;
        d->Configure(c);
        NS_TEST_EXPECT_MSG_EQ(d->GetNReconfigurations() - passes, 1, "one reconfiguration");
        NS_TEST_EXPECT_MSG_EQ(l4->GetNSessionTableUpdates() - updates, 1, "one table update");
        NS_TEST_EXPECT_MSG_EQ(linkChanges, 1, "the link came up once");
        NS_TEST_EXPECT_MSG_EQ(d->IsLinkUp(), true, "up");
        NS_TEST_EXPECT_MSG_EQ((d->GetSessionConfig() == c), true, "read back as set");
        NS_TEST_EXPECT_MSG_EQ(d->GetMtu(), 1400, "Mtu");
        NS_TEST_EXPECT_MSG_EQ(d->GetSessionKey().udpPort, 1702, "registered on its UDP port");
        NS_TEST_EXPECT_MSG_EQ(l4->LookupSession(d->GetSessionKey()), d, "registered");
        // The attributes see the same values.
        UintegerValue port;
        d->GetAttribute("UdpDestinationPort", port);
        NS_TEST_EXPECT_MSG_EQ(port.Get(), 1703, "attribute");
        StringValue sublayer;
        d->GetAttribute("L2SpecificSublayer", sublayer);
        NS_TEST_EXPECT_MSG_EQ(sublayer.Get(), "default", "attribute");

        // A Session ID taken on the node: refused, the device as it was, still registered.
        Ptr<L2tpv3NetDevice> other = factory->Create(node, nullptr);
        L2tpv3SessionConfig taken = ValidConfig();
        taken.localSessionId = 99;
        other->Configure(taken);
        L2tpv3SessionConfig clash = c;
        clash.localSessionId = 99;
        clash.encapsulation = L2tpv3Encapsulation::IP;
        std::string error = ErrorOf([&]() {
            d->Configure(clash);
        });
        NS_TEST_EXPECT_MSG_NE(error.find("LocalSessionId 99 is already used on node"),
                              std::string::npos,
                              error);
        NS_TEST_EXPECT_MSG_EQ((d->GetSessionConfig() == c), true, "unchanged");
        NS_TEST_EXPECT_MSG_EQ(l4->LookupSession(d->GetSessionKey()), d, "still registered");
        NS_TEST_EXPECT_MSG_EQ(d->IsLinkUp(), true, "still up");
        Simulator::Destroy();
    }
};

/// Two routers, an LCCE on each, one pseudowire: what a session up costs the data plane.
class SessionConfigLcceTestCase : public TestCase
{
  public:
    /// \param encap ip or udp
    explicit SessionConfigLcceTestCase(const std::string& encap)
        : TestCase("LCCE session up (" + encap +
                   "): exactly one reconfiguration and one table update per device"),
          m_encap(encap)
    {
    }

  private:
    void DoRun() override
    {
        NodeContainer nodes;
        nodes.Create(2);
        CsmaHelper csma;
        NetDeviceContainer wan = csma.Install(nodes);
        InternetStackHelper().Install(nodes);
        Ipv4InterfaceContainer ifs = Ipv4AddressHelper("10.0.0.0", "255.255.255.0").Assign(wan);
        L2tpv3LcceHelper helper;
        helper.SetAttribute("Encapsulation", StringValue(m_encap));
        helper.SetAttribute("CookieLength", UintegerValue(4));
        helper.SetAttribute("L2SpecificSublayer", StringValue("default"));
        helper.SetAttribute("DataSequencing", BooleanValue(true));
        Ptr<L2tpv3Lcce> a = helper.Install(nodes.Get(0));
        Ptr<L2tpv3Lcce> b = helper.Install(nodes.Get(1));
        a->AddPseudowire(a->AddPeer(ifs.GetAddress(0), ifs.GetAddress(1)), "pw", nullptr);
        b->OfferPseudowire("pw", nullptr);
        Ptr<L2tpv3NetDevice> da = a->GetDevice("pw");
        Ptr<L2tpv3NetDevice> db = b->GetDevice("pw");
        uint64_t passesA = da->GetNReconfigurations();
        uint64_t passesB = db->GetNReconfigurations();
        Ptr<L2tpv3L4Protocol> l4a = L2tpv3L4Protocol::GetOrCreate(nodes.Get(0));
        Ptr<L2tpv3L4Protocol> l4b = L2tpv3L4Protocol::GetOrCreate(nodes.Get(1));
        uint64_t updatesA = l4a->GetNSessionTableUpdates();
        uint64_t updatesB = l4b->GetNSessionTableUpdates();
        uint32_t ups = 0;
        auto counted = [&ups](const L2tpv3SessionParameters&, Ptr<L2tpv3NetDevice>) {
            ++ups;
        };
        a->TraceConnectWithoutContext(
            "SessionUp",
            Callback<void, const L2tpv3SessionParameters&, Ptr<L2tpv3NetDevice>>(counted));
        b->TraceConnectWithoutContext(
            "SessionUp",
            Callback<void, const L2tpv3SessionParameters&, Ptr<L2tpv3NetDevice>>(counted));
        Simulator::Stop(Seconds(5));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(ups, 2, "the session is up at both ends");
        NS_TEST_EXPECT_MSG_EQ(da->IsLinkUp() && db->IsLinkUp(), true, "both devices up");
        // Setter by setter (the LCCE before the session configuration) this was 9 to 12
        // passes, each recomputing the headers and the link state.
        NS_TEST_EXPECT_MSG_EQ(da->GetNReconfigurations() - passesA, 1, "A: one pass");
        NS_TEST_EXPECT_MSG_EQ(db->GetNReconfigurations() - passesB, 1, "B: one pass");
        NS_TEST_EXPECT_MSG_EQ(l4a->GetNSessionTableUpdates() - updatesA, 1, "A: one update");
        NS_TEST_EXPECT_MSG_EQ(l4b->GetNSessionTableUpdates() - updatesB, 1, "B: one update");
        // What was negotiated is what the devices hold, mirror-image.
        L2tpv3SessionConfig ca = da->GetSessionConfig();
        L2tpv3SessionConfig cb = db->GetSessionConfig();
        NS_TEST_EXPECT_MSG_EQ(ca.localSessionId, cb.remoteSessionId, "IDs mirrored");
        NS_TEST_EXPECT_MSG_EQ(ca.remoteSessionId, cb.localSessionId, "IDs mirrored");
        NS_TEST_EXPECT_MSG_EQ((ca.localCookie == cb.remoteCookie), true, "cookies mirrored");
        NS_TEST_EXPECT_MSG_EQ(unsigned(ca.localCookie.GetLength()), 4, "CookieLength");
        NS_TEST_EXPECT_MSG_EQ((ca.sublayer == L2tpv3Sublayer::DEFAULT), true, "sublayer");
        NS_TEST_EXPECT_MSG_EQ(ca.sendSequence && ca.requireSequence, true, "sequencing");
        NS_TEST_EXPECT_MSG_EQ((ca.encapsulation == L2tpv3Encapsulation::UDP),
                              (m_encap == "udp"),
                              "encapsulation");
        NS_TEST_EXPECT_MSG_EQ((ca.tunnelDestination == Address(ifs.GetAddress(1))), true, "tunnel");
        Simulator::Destroy();
    }

    std::string m_encap; //!< ip or udp
};

/// The factory: device, channel, node, bridge port; a bad attachment refused.
class DeviceFactoryTestCase : public TestCase
{
  public:
    DeviceFactoryTestCase()
        : TestCase("L2tpv3DeviceFactory: node, channel, bridge port; bad attachments refused")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<BridgeNetDevice> bridge = NodeWithBridge();
        Ptr<Node> node = bridge->GetNode();
        Ptr<L2tpv3DeviceFactory> factory = CreateObject<L2tpv3DeviceFactory>();
        factory->SetDeviceAttribute("Mtu", UintegerValue(1400));
        NS_TEST_EXPECT_MSG_EQ(factory->GetBridgeRelearn(), false, "off by default");

        Ptr<L2tpv3NetDevice> d = factory->Create(node, bridge);
        NS_TEST_EXPECT_MSG_EQ(d->GetNode(), node, "on the node");
        NS_TEST_EXPECT_MSG_NE(d->GetChannel(), nullptr, "with a channel");
        NS_TEST_EXPECT_MSG_EQ(bridge->GetNBridgePorts(), 1, "a port of the bridge");
        NS_TEST_EXPECT_MSG_EQ(bridge->GetBridgePort(0), d, "this one");
        NS_TEST_EXPECT_MSG_EQ(d->GetMtu(), 1400, "the device attributes");
        NS_TEST_EXPECT_MSG_EQ(d->IsLinkUp(), false, "down");

        // A configured end (the lab's call): up at once.
        L2tpv3SessionConfig c = ValidConfig();
        Ptr<L2tpv3NetDevice> up = factory->Create(node, bridge, c);
        NS_TEST_EXPECT_MSG_EQ(up->IsLinkUp(), true, "configured and up");
        NS_TEST_EXPECT_MSG_EQ(bridge->GetNBridgePorts(), 2, "joined");

        // Refused: nothing added to the node.
        uint32_t devices = node->GetNDevices();
        std::string taken = ErrorOf([&]() {
            factory->Create(node, nullptr, c);
        });
        NS_TEST_EXPECT_MSG_NE(taken.find("LocalSessionId 1234 is already used"),
                              std::string::npos,
                              taken);
        Ptr<CsmaNetDevice> csma = CreateObject<CsmaNetDevice>();
        node->AddDevice(csma);
        ++devices;
        std::string notBridge = ErrorOf([&]() {
            factory->Create(node, csma);
        });
        NS_TEST_EXPECT_MSG_NE(notBridge.find("attachment ns3::CsmaNetDevice of node"),
                              std::string::npos,
                              notBridge);
        Ptr<Node> elsewhere = CreateObject<Node>();
        std::string otherNode = ErrorOf([&]() {
            factory->Create(elsewhere, bridge);
        });
        NS_TEST_EXPECT_MSG_NE(otherNode.find("the bridge is on node"),
                              std::string::npos,
                              otherNode);
        NS_TEST_EXPECT_MSG_EQ(node->GetNDevices(), devices, "nothing added when refused");
        NS_TEST_EXPECT_MSG_EQ(bridge->GetNBridgePorts(), 2, "no port added when refused");
        Simulator::Destroy();
    }
};

/// An LCCE installed without the helper makes its devices with a plain factory.
class LcceWithoutHelperTestCase : public TestCase
{
  public:
    LcceWithoutHelperTestCase()
        : TestCase("LCCE without the helper: a default factory; CookieLength refused when set")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<BridgeNetDevice> bridge = NodeWithBridge();
        Ptr<Node> node = bridge->GetNode();
        Ptr<L2tpv3Lcce> lcce = CreateObject<L2tpv3Lcce>();
        node->AddApplication(lcce);
        lcce->OfferPseudowire("pw", bridge); // a Ptr<BridgeNetDevice>, as before
        Ptr<L2tpv3NetDevice> d = lcce->GetDevice("pw");
        NS_TEST_ASSERT_MSG_NE(d, nullptr, "made");
        NS_TEST_EXPECT_MSG_EQ(bridge->GetBridgePort(0), d, "a port of the bridge");
        NS_TEST_EXPECT_MSG_NE(lcce->GetDeviceFactory(), nullptr, "a default factory");
        NS_TEST_EXPECT_MSG_EQ(lcce->GetDeviceFactory()->GetBridgeRelearn(), false, "plain");
        NS_TEST_EXPECT_MSG_EQ(ErrorOf([&]() {
                                  lcce->SetDeviceFactory(nullptr);
                              }),
                              "L2tpv3Lcce::SetDeviceFactory: factory is null",
                              "null refused");

        // RFC 3931 §4.1: 0, 4 or 8 octets; refused when set, not when the LCCE starts.
        for (uint32_t bad : {1U, 5U, 7U})
        {
            NS_TEST_EXPECT_MSG_EQ(ErrorOf([&]() {
                                      lcce->SetAttribute("CookieLength", UintegerValue(bad));
                                  }),
                                  "CookieLength " + std::to_string(bad) + ": must be 0, 4 or 8",
                                  "refused when set");
        }
        UintegerValue length;
        lcce->GetAttribute("CookieLength", length);
        NS_TEST_EXPECT_MSG_EQ(length.Get(), 0, "unchanged");
        lcce->SetAttribute("CookieLength", UintegerValue(8));
        lcce->GetAttribute("CookieLength", length);
        NS_TEST_EXPECT_MSG_EQ(length.Get(), 8, "8 accepted");
        Ptr<Node> other = CreateObject<Node>();
        InternetStackHelper().Install(other);
        L2tpv3LcceHelper helper;
        helper.SetAttribute("CookieLength", UintegerValue(5));
        NS_TEST_EXPECT_MSG_EQ(ErrorOf([&]() {
                                  helper.Install(other);
                              }),
                              "CookieLength 5: must be 0, 4 or 8",
                              "refused at Install");
        Simulator::Destroy();
    }
};

/// The suite.
class L2tpv3SessionConfigTestSuite : public TestSuite
{
  public:
    L2tpv3SessionConfigTestSuite()
        : TestSuite("l2tp-session-config")
    {
        AddTestCase(new SessionConfigValidateTestCase);
        AddTestCase(new SessionConfigApplyTestCase);
        AddTestCase(new SessionConfigLcceTestCase("ip"));
        AddTestCase(new SessionConfigLcceTestCase("udp"));
        AddTestCase(new DeviceFactoryTestCase);
        AddTestCase(new LcceWithoutHelperTestCase);
    }
};

static L2tpv3SessionConfigTestSuite g_l2tpv3SessionConfigTestSuite; //!< registers the suite
