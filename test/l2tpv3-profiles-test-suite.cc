/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Profiles (L2tpv3LcceHelper::SetProfile) and presets (L2tpv3Helper::SetPreset): each sets
// exactly its table's values, names are checked, and two freeRtr-profile LCCEs work.

#include "ns3/boolean.h"
#include "ns3/callback.h"
#include "ns3/csma-helper.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-interface-container.h"
#include "ns3/l2tpv3-control-message.h"
#include "ns3/l2tpv3-helper.h"
#include "ns3/l2tpv3-lcce-helper.h"
#include "ns3/l2tpv3-lcce.h"
#include "ns3/l2tpv3-net-device.h"
#include "ns3/l2tpv3-profiles.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// The attributes every LCCE profile sets, in the tables' order.
const std::vector<std::string> LCCE_ATTRIBUTES = {"HelloInterval",
                                                  "RetransmitTimeout",
                                                  "RetransmitCap",
                                                  "MaxRetries",
                                                  "ReceiveWindowSize",
                                                  "MaxSetupWindow",
                                                  "CookieLength",
                                                  "L2SpecificSublayer",
                                                  "DataSequencing",
                                                  "Encapsulation"};

/**
 * \param tid the type
 * \param v a table entry
 * \return the entry's value as the attribute serializes it (e.g. "5s" as a Time)
 */
std::string
Canonical(const TypeId& tid, const L2tpv3ProfileValue& v)
{
    TypeId::AttributeInformation info;
    if (!tid.LookupAttributeByName(v.attribute, &info))
    {
        return "no attribute " + v.attribute;
    }
    Ptr<AttributeValue> value = info.checker->CreateValidValue(StringValue(v.value));
    return value ? value->SerializeToString(info.checker) : "invalid " + v.value;
}

/**
 * \param object the object
 * \param name its attribute
 * \return the attribute's value as a string
 */
std::string
Get(Ptr<Object> object, const std::string& name)
{
    StringValue s;
    object->GetAttribute(name, s);
    return s.Get();
}

/**
 * \param profile a profile
 * \return an LCCE installed by a helper with that profile, on a new node
 */
Ptr<L2tpv3Lcce>
InstallWith(L2tpv3LcceProfile profile)
{
    Ptr<Node> node = CreateObject<Node>();
    InternetStackHelper().Install(node);
    L2tpv3LcceHelper helper;
    helper.SetProfile(profile);
    return helper.Install(node);
}

} // namespace

/// Each profile sets exactly its table's values on an installed LCCE.
class ProfileValuesTestCase : public TestCase
{
  public:
    /** \param profile the profile */
    explicit ProfileValuesTestCase(L2tpv3LcceProfile profile)
        : TestCase("profile " + L2tpv3LcceProfileName(profile) +
                   ": the installed LCCE has every value of the table, each with a source"),
          m_profile(profile)
    {
    }

  private:
    void DoRun() override
    {
        std::vector<L2tpv3ProfileValue> table = L2tpv3GetLcceProfile(m_profile);
        std::vector<std::string> names;
        for (const auto& v : table)
        {
            names.push_back(v.attribute);
        }
        NS_TEST_ASSERT_MSG_EQ((names == LCCE_ATTRIBUTES), true, "the same attributes, in order");
        Ptr<L2tpv3Lcce> lcce = InstallWith(m_profile);
        std::vector<L2tpv3ProfileValue> rfc = L2tpv3GetLcceProfile(L2tpv3LcceProfile::RFC);
        for (std::size_t i = 0; i < table.size(); ++i)
        {
            const L2tpv3ProfileValue& v = table[i];
            NS_TEST_EXPECT_MSG_EQ(Get(lcce, v.attribute),
                                  Canonical(L2tpv3Lcce::GetTypeId(), v),
                                  v.attribute);
            NS_TEST_EXPECT_MSG_EQ(v.source.empty(), false, v.attribute + " has a source");
            // A value no document gives is the RFC's, and says so.
            if (v.source.rfind("RFC default", 0) == 0)
            {
                NS_TEST_EXPECT_MSG_EQ(v.value, rfc[i].value, v.attribute + " is the RFC's");
            }
        }
        Simulator::Destroy();
    }

    L2tpv3LcceProfile m_profile; //!< the profile
};

/// The values that set the profiles apart, typed: a wrong table entry fails here.
class ProfileKeyValuesTestCase : public TestCase
{
  public:
    ProfileKeyValuesTestCase()
        : TestCase("profiles: RFC 60 s, 1 to 8 s, 10, window 4; Cisco 15 retries; freeRtr "
                   "5 s, fixed 1 s, 7 retries, window 1024, one message during set-up")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<L2tpv3Lcce> rfc = InstallWith(L2tpv3LcceProfile::RFC);
        Ptr<L2tpv3Lcce> cisco = InstallWith(L2tpv3LcceProfile::CISCO_IOS);
        Ptr<L2tpv3Lcce> freertr = InstallWith(L2tpv3LcceProfile::FREERTR);
        auto time = [](Ptr<L2tpv3Lcce> l, const std::string& n) {
            TimeValue t;
            l->GetAttribute(n, t);
            return t.Get();
        };
        auto uint = [](Ptr<L2tpv3Lcce> l, const std::string& n) {
            UintegerValue u;
            l->GetAttribute(n, u);
            return u.Get();
        };
        NS_TEST_EXPECT_MSG_EQ(time(rfc, "HelloInterval"), Seconds(60), "RFC §4.4");
        NS_TEST_EXPECT_MSG_EQ(time(rfc, "RetransmitTimeout"), Seconds(1), "RFC §4.2");
        NS_TEST_EXPECT_MSG_EQ(time(rfc, "RetransmitCap"), Seconds(8), "RFC §4.2");
        NS_TEST_EXPECT_MSG_EQ(uint(rfc, "MaxRetries"), 10, "RFC §4.2");
        NS_TEST_EXPECT_MSG_EQ(uint(rfc, "ReceiveWindowSize"), 4, "RFC §5.4.3");
        NS_TEST_EXPECT_MSG_EQ(uint(rfc, "MaxSetupWindow"), 0, "no cap");
        NS_TEST_EXPECT_MSG_EQ(time(cisco, "HelloInterval"), Seconds(60), "Cisco hello");
        NS_TEST_EXPECT_MSG_EQ(uint(cisco, "MaxRetries"), 15, "Cisco retransmit retries");
        NS_TEST_EXPECT_MSG_EQ(time(cisco, "RetransmitCap"), Seconds(8), "Cisco timeout max");
        NS_TEST_EXPECT_MSG_EQ(Get(cisco, "L2SpecificSublayer"), "none", "Cisco: none");
        NS_TEST_EXPECT_MSG_EQ(time(freertr, "HelloInterval"), Seconds(5), "freeRtr hello");
        NS_TEST_EXPECT_MSG_EQ(time(freertr, "RetransmitTimeout"), Seconds(1), "freeRtr 1 s");
        NS_TEST_EXPECT_MSG_EQ(time(freertr, "RetransmitCap"), Seconds(1), "no back-off");
        NS_TEST_EXPECT_MSG_EQ(uint(freertr, "MaxRetries"), 7, "8 transmissions");
        NS_TEST_EXPECT_MSG_EQ(uint(freertr, "ReceiveWindowSize"), 1024, "advertised");
        NS_TEST_EXPECT_MSG_EQ(uint(freertr, "MaxSetupWindow"), 1, "one at a time");
        NS_TEST_EXPECT_MSG_EQ(uint(freertr, "CookieLength"), 0, "no cookies");
        NS_TEST_EXPECT_MSG_EQ(Get(freertr, "Encapsulation"), "ip", "IP only");
        Simulator::Destroy();
    }
};

/// The last profile wins whole; SetAttribute after it overrides one value; names are checked.
class ProfileOrderAndNamesTestCase : public TestCase
{
  public:
    ProfileOrderAndNamesTestCase()
        : TestCase("profiles: the last one wins, SetAttribute after it overrides, an unknown "
                   "name is refused naming it and changes nothing")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Node> n1 = CreateObject<Node>();
        Ptr<Node> n2 = CreateObject<Node>();
        Ptr<Node> n3 = CreateObject<Node>();
        InternetStackHelper().Install(NodeContainer(n1, n2, n3));
        L2tpv3LcceHelper helper;
        helper.SetProfile("freertr");
        helper.SetProfile("cisco-ios");
        Ptr<L2tpv3Lcce> a = helper.Install(n1);
        UintegerValue u;
        a->GetAttribute("MaxSetupWindow", u);
        NS_TEST_EXPECT_MSG_EQ(u.Get(), 0, "nothing of freeRtr's left");
        a->GetAttribute("ReceiveWindowSize", u);
        NS_TEST_EXPECT_MSG_EQ(u.Get(), 4, "Cisco's (RFC default)");

        helper.SetProfile(L2tpv3LcceProfile::FREERTR);
        helper.SetAttribute("HelloInterval", TimeValue(Seconds(30)));
        std::string message;
        try
        {
            helper.SetProfile("cisco");
        }
        catch (const std::invalid_argument& e)
        {
            message = e.what();
        }
        NS_TEST_EXPECT_MSG_EQ(message,
                              "profile 'cisco': must be rfc, cisco-ios or freertr",
                              "refused, naming the value");
        Ptr<L2tpv3Lcce> b = helper.Install(n2);
        TimeValue t;
        b->GetAttribute("HelloInterval", t);
        NS_TEST_EXPECT_MSG_EQ(t.Get(), Seconds(30), "SetAttribute after the profile wins");
        b->GetAttribute("MaxSetupWindow", u);
        NS_TEST_EXPECT_MSG_EQ(u.Get(), 1, "freeRtr's, untouched by the refused name");

        NS_TEST_EXPECT_MSG_EQ((L2tpv3ParseLcceProfile("rfc") == L2tpv3LcceProfile::RFC),
                              true,
                              "rfc");
        message.clear();
        try
        {
            L2tpv3ParseLcceProfile("RFC");
        }
        catch (const std::invalid_argument& e)
        {
            message = e.what();
        }
        NS_TEST_EXPECT_MSG_EQ(message,
                              "profile 'RFC': must be rfc, cisco-ios or freertr",
                              "names are lower case");
        Simulator::Destroy();
    }
};

/// Two LCCEs with the freeRtr profile: a session comes up, one message at a time, HELLO
/// every 5 s, over IP without cookie or sublayer.
class ProfileFreeRtrSessionTestCase : public TestCase
{
  public:
    ProfileFreeRtrSessionTestCase()
        : TestCase("freertr profile on both LCCEs: session up over IP, no cookie, no sublayer, "
                   "ICRQ only after SCCCN is acknowledged, HELLOs every 5 s")
    {
    }

  private:
    void DoRun() override
    {
        NodeContainer nodes;
        nodes.Create(2);
        CsmaHelper csma;
        csma.SetChannelAttribute("Delay", TimeValue(MilliSeconds(5)));
        NetDeviceContainer wan = csma.Install(nodes);
        InternetStackHelper().Install(nodes);
        Ipv4AddressHelper ip("192.168.0.0", "255.255.255.0");
        Ipv4InterfaceContainer ifs = ip.Assign(wan);
        L2tpv3LcceHelper helper;
        helper.SetProfile("freertr");
        Ptr<L2tpv3Lcce> a = helper.Install(nodes.Get(0));
        Ptr<L2tpv3Lcce> b = helper.Install(nodes.Get(1));
        a->AssignStreams(1);
        b->AssignStreams(2);
        std::vector<std::pair<Time, L2tpv3MessageType>> sentA;
        std::vector<std::pair<Time, L2tpv3MessageType>> sentB;
        a->TraceConnectWithoutContext("ControlTx",
                                      Callback<void, uint32_t, const L2tpv3ControlMessage&>(
                                          [&sentA](uint32_t, const L2tpv3ControlMessage& m) {
                                              sentA.emplace_back(Simulator::Now(),
                                                                 m.GetMessageType());
                                          }));
        b->TraceConnectWithoutContext("ControlTx",
                                      Callback<void, uint32_t, const L2tpv3ControlMessage&>(
                                          [&sentB](uint32_t, const L2tpv3ControlMessage& m) {
                                              sentB.emplace_back(Simulator::Now(),
                                                                 m.GetMessageType());
                                          }));
        a->AddPseudowire(a->AddPeer(ifs.GetAddress(0), ifs.GetAddress(1)), "vc1", nullptr);
        b->OfferPseudowire("vc1", nullptr);
        Simulator::Stop(Seconds(32));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(a->GetNSessionsUp(), 1, "A's session is up");
        NS_TEST_ASSERT_MSG_EQ(b->GetNSessionsUp(), 1, "B's session is up");
        Ptr<L2tpv3NetDevice> da = a->GetDevice("vc1");
        NS_TEST_ASSERT_MSG_NE(da, nullptr, "A has the device");
        NS_TEST_EXPECT_MSG_EQ(Get(da, "Encapsulation"), "ip", "IP, as freeRtr");
        NS_TEST_EXPECT_MSG_EQ(unsigned(da->GetLocalCookie().GetLength()), 0, "no cookie");
        NS_TEST_EXPECT_MSG_EQ(unsigned(da->GetRemoteCookie().GetLength()), 0, "no cookie");
        NS_TEST_EXPECT_MSG_EQ(Get(da, "L2SpecificSublayer"), "none", "no sublayer");

        // MaxSetupWindow 1: A's ICRQ leaves only after B acknowledged the SCCCN, so B sends
        // a ZLB between SCCRP and ICRP (with no cap the ICRQ would carry that ack).
        auto firstA = [&sentA](L2tpv3MessageType t) {
            for (const auto& [when, type] : sentA)
            {
                if (type == t)
                {
                    return when;
                }
            }
            return Seconds(-1);
        };
        Time scccn = firstA(L2tpv3MessageType::SCCCN);
        Time icrq = firstA(L2tpv3MessageType::ICRQ);
        NS_TEST_EXPECT_MSG_GT(icrq, scccn, "ICRQ after SCCCN");
        std::vector<L2tpv3MessageType> setupB;
        for (const auto& [when, type] : sentB)
        {
            if (when <= icrq)
            {
                setupB.push_back(type);
            }
        }
        std::vector<L2tpv3MessageType> expected = {L2tpv3MessageType::SCCRP,
                                                   L2tpv3MessageType::ZLB};
        NS_TEST_EXPECT_MSG_EQ((setupB == expected),
                              true,
                              "B sent SCCRP and the ZLB for SCCCN before A's ICRQ");

        // HelloInterval 5 s (jitter up to 10 % shorter): between 5 and 7 HELLOs from each
        // side in the idle 30 s (with the default 60 s there would be none).
        auto hellos = [](const std::vector<std::pair<Time, L2tpv3MessageType>>& sent) {
            return std::count_if(sent.begin(), sent.end(), [](const auto& s) {
                return s.second == L2tpv3MessageType::HELLO;
            });
        };
        NS_TEST_EXPECT_MSG_GT_OR_EQ(hellos(sentA) + hellos(sentB), 5, "HELLOs every 5 s");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(hellos(sentA), 7, "not more often than every 4.5 s");
        NS_TEST_EXPECT_MSG_EQ(a->GetCounters().retransmissions, 0, "no retransmission");
        NS_TEST_EXPECT_MSG_EQ(a->GetCounters().protocolErrors, 0, "no protocol error");
        NS_TEST_EXPECT_MSG_EQ(b->GetCounters().protocolErrors, 0, "no protocol error");
        Simulator::Destroy();
    }
};

/// Each preset sets exactly its table's values on the devices L2tpv3Helper installs.
class PresetValuesTestCase : public TestCase
{
  public:
    /** \param preset the preset */
    explicit PresetValuesTestCase(L2tpv3DevicePreset preset)
        : TestCase("preset " + L2tpv3DevicePresetName(preset) +
                   ": both installed ends have every value of the table"),
          m_preset(preset)
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Node> a = CreateObject<Node>();
        Ptr<Node> b = CreateObject<Node>();
        InternetStackHelper().Install(NodeContainer(a, b));
        L2tpv3Helper helper;
        helper.SetPreset(L2tpv3DevicePresetName(m_preset));
        helper.SetSessionIds(1234, 4321);
        NetDeviceContainer pw =
            helper.InstallPair(a, Ipv4Address("192.0.2.1"), b, Ipv4Address("192.0.2.2"));
        NS_TEST_ASSERT_MSG_EQ(pw.GetN(), 2, "two ends");
        for (uint32_t end = 0; end < 2; ++end)
        {
            for (const auto& v : L2tpv3GetDevicePreset(m_preset))
            {
                NS_TEST_EXPECT_MSG_EQ(Get(pw.Get(end), v.attribute),
                                      Canonical(L2tpv3NetDevice::GetTypeId(), v),
                                      v.attribute);
                NS_TEST_EXPECT_MSG_EQ(v.source.empty(), false, v.attribute + " has a source");
            }
        }
        Ptr<L2tpv3NetDevice> d = DynamicCast<L2tpv3NetDevice>(pw.Get(0));
        if (m_preset == L2tpv3DevicePreset::LINUX_IPROUTE2)
        {
            NS_TEST_EXPECT_MSG_EQ((d->GetEncapsulation() == L2tpv3Encapsulation::UDP),
                                  true,
                                  "ip l2tp's default encap udp");
            NS_TEST_EXPECT_MSG_EQ(Get(d, "L2SpecificSublayer"), "default", "Linux's default");
            NS_TEST_EXPECT_MSG_EQ(Get(d, "MtuPolicy"), "derived", "Linux derives the MTU");
        }
        else
        {
            NS_TEST_EXPECT_MSG_EQ((d->GetEncapsulation() == L2tpv3Encapsulation::IP),
                                  true,
                                  "QEMU without udp=on: IP");
            NS_TEST_EXPECT_MSG_EQ(Get(d, "L2SpecificSublayer"), "none", "no counter=on");
        }
        NS_TEST_EXPECT_MSG_EQ(unsigned(d->GetLocalCookie().GetLength()), 0, "no cookie");
        Simulator::Destroy();
    }

    L2tpv3DevicePreset m_preset; //!< the preset
};

/// An unknown preset name is refused naming it, and the helper keeps what it had.
class PresetNamesTestCase : public TestCase
{
  public:
    PresetNamesTestCase()
        : TestCase("presets: an unknown name is refused naming it and changes nothing")
    {
    }

  private:
    void DoRun() override
    {
        L2tpv3Helper helper;
        helper.SetPreset(L2tpv3DevicePreset::QEMU);
        std::string message;
        try
        {
            helper.SetPreset("linux");
        }
        catch (const std::invalid_argument& e)
        {
            message = e.what();
        }
        NS_TEST_EXPECT_MSG_EQ(message,
                              "preset 'linux': must be linux-iproute2 or qemu",
                              "refused, naming the value");
        Ptr<Node> a = CreateObject<Node>();
        InternetStackHelper().Install(a);
        helper.SetSessionIds(1, 2);
        NetDeviceContainer d =
            helper.Install(a, Ipv4Address("192.0.2.1"), Ipv4Address("192.0.2.2"));
        NS_TEST_EXPECT_MSG_EQ(Get(d.Get(0), "Encapsulation"), "ip", "still QEMU's");
        NS_TEST_EXPECT_MSG_EQ(Get(d.Get(0), "UdpChecksum"), "true", "still QEMU's");
        Simulator::Destroy();
    }
};

/// The profile and preset tests.
class L2tpv3ProfilesTestSuite : public TestSuite
{
  public:
    L2tpv3ProfilesTestSuite()
        : TestSuite("l2tp-profiles")
    {
        AddTestCase(new ProfileValuesTestCase(L2tpv3LcceProfile::RFC));
        AddTestCase(new ProfileValuesTestCase(L2tpv3LcceProfile::CISCO_IOS));
        AddTestCase(new ProfileValuesTestCase(L2tpv3LcceProfile::FREERTR));
        AddTestCase(new ProfileKeyValuesTestCase);
        AddTestCase(new ProfileOrderAndNamesTestCase);
        AddTestCase(new ProfileFreeRtrSessionTestCase);
        AddTestCase(new PresetValuesTestCase(L2tpv3DevicePreset::LINUX_IPROUTE2));
        AddTestCase(new PresetValuesTestCase(L2tpv3DevicePreset::QEMU));
        AddTestCase(new PresetNamesTestCase);
    }
};

/// The suite's instance.
static L2tpv3ProfilesTestSuite g_l2tpv3ProfilesTestSuite;
