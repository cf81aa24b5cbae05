/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The names of the module's enums and their attribute checkers (model/l2tpv3-names.h):
// one table per enum, one message per refusal, and an enum attribute that takes the
// strings users type in ns-3 3.37 and in ns-3-dev alike.

#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/l2tpv3-lcce.h"
#include "ns3/l2tpv3-names.h"
#include "ns3/l2tpv3-net-device.h"
#include "ns3/mac48-address.h"
#include "ns3/object-factory.h"
#include "ns3/object.h"
#include "ns3/string.h"
#include "ns3/test.h"

#include <stdexcept>
#include <string>

using namespace ns3;

namespace
{

/**
 * \ingroup l2tp
 * \brief A tiny object with enum attributes declared as the device's will be: the
 * encapsulation through a member, the sublayer through a setter and a getter.
 */
class NamedEnumObject : public Object
{
  public:
    /** \return the type */
    static TypeId GetTypeId()
    {
        static TypeId tid =
            TypeId("ns3::L2tpv3NamesTestObject")
                .SetParent<Object>()
                .SetGroupName("L2tp")
                .AddConstructor<NamedEnumObject>()
                .AddAttribute("Encapsulation",
                              "ip or udp",
                              MakeL2tpv3EnumValue(L2tpv3Encapsulation::IP),
                              MakeL2tpv3EnumAccessor(&NamedEnumObject::m_encapsulation),
                              MakeL2tpv3EncapsulationChecker())
                .AddAttribute(
                    "L2SpecificSublayer",
                    "none or default",
                    MakeL2tpv3EnumValue(L2tpv3Sublayer::NONE),
                    MakeL2tpv3EnumAccessor(&NamedEnumObject::SetSublayer,
                                           &NamedEnumObject::GetSublayer),
                    MakeL2tpv3SublayerChecker("L2SpecificSublayer", L2tpv3NameWording::QUOTED))
                .AddAttribute("MtuPolicy",
                              "fragment or derived",
                              MakeL2tpv3EnumValue(L2tpv3MtuPolicy::FRAGMENT),
                              MakeL2tpv3EnumAccessor(&NamedEnumObject::m_mtuPolicy),
                              MakeL2tpv3MtuPolicyChecker());
        return tid;
    }

    /** \param s the sublayer */
    void SetSublayer(L2tpv3Sublayer s)
    {
        ++m_sublayerSets;
        m_sublayer = s;
    }

    /** \return the sublayer */
    L2tpv3Sublayer GetSublayer() const
    {
        return m_sublayer;
    }

    L2tpv3Encapsulation m_encapsulation{L2tpv3Encapsulation::IP}; //!< the encapsulation
    L2tpv3Sublayer m_sublayer{L2tpv3Sublayer::NONE};              //!< the sublayer
    L2tpv3MtuPolicy m_mtuPolicy{L2tpv3MtuPolicy::FRAGMENT};       //!< the MTU policy
    uint32_t m_sublayerSets{0};                                   //!< setter calls
};

NS_OBJECT_ENSURE_REGISTERED(NamedEnumObject);

/**
 * \param f a callable
 * \return the message of the std::invalid_argument it throws ("accepted" if none)
 */
template <typename F>
std::string
Refusal(F f)
{
    try
    {
        f();
    }
    catch (const std::invalid_argument& e)
    {
        return e.what();
    }
    return "accepted";
}

/**
 * \ingroup l2tp
 * \brief Each enum's names, both ways, and the refusals as users read them today.
 */
class L2tpv3NamesMappingTestCase : public TestCase
{
  public:
    L2tpv3NamesMappingTestCase()
        : TestCase("names map to values and back; a bad name is refused with its message")
    {
    }

  private:
    void DoRun() override
    {
        NS_TEST_EXPECT_MSG_EQ(L2tpv3EncapsulationName(L2tpv3Encapsulation::IP), "ip", "ip");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3EncapsulationName(L2tpv3Encapsulation::UDP), "udp", "udp");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3SublayerName(L2tpv3Sublayer::NONE), "none", "none");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3SublayerName(L2tpv3Sublayer::DEFAULT), "default", "default");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3MtuPolicyName(L2tpv3MtuPolicy::FRAGMENT), "fragment", "f");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3MtuPolicyName(L2tpv3MtuPolicy::DERIVED), "derived", "d");
        NS_TEST_EXPECT_MSG_EQ((L2tpv3ParseEncapsulation("udp") == L2tpv3Encapsulation::UDP),
                              true,
                              "udp parses");
        NS_TEST_EXPECT_MSG_EQ((L2tpv3ParseSublayer("default") == L2tpv3Sublayer::DEFAULT),
                              true,
                              "default parses");
        NS_TEST_EXPECT_MSG_EQ((L2tpv3ParseMtuPolicy("derived") == L2tpv3MtuPolicy::DERIVED),
                              true,
                              "derived parses");

        // The three wordings are the messages the device, the LCCE and the scenarios give
        // today (test/python matches them).
        NS_TEST_EXPECT_MSG_EQ(Refusal([]() {
                                  L2tpv3ParseEncapsulation("gre");
                              }),
                              "Encapsulation \"gre\" is neither ip nor udp",
                              "the device's wording");
        NS_TEST_EXPECT_MSG_EQ(
            Refusal([]() {
                L2tpv3ParseEncapsulation("gre", "Encapsulation", L2tpv3NameWording::QUOTED);
            }),
            "Encapsulation 'gre': must be ip or udp",
            "the LCCE's wording");
        NS_TEST_EXPECT_MSG_EQ(
            Refusal([]() {
                L2tpv3ParseEncapsulation("gre", "encap", L2tpv3NameWording::OPTION);
            }),
            "encap=gre: must be ip or udp",
            "the options' wording");
        NS_TEST_EXPECT_MSG_EQ(Refusal([]() {
                                  L2tpv3ParseSublayer("atm");
                              }),
                              "L2SpecificSublayer \"atm\" is neither none nor default",
                              "sublayer");
        NS_TEST_EXPECT_MSG_EQ(Refusal([]() {
                                  L2tpv3ParseMtuPolicy("linux");
                              }),
                              "MtuPolicy \"linux\" is neither fragment nor derived",
                              "MTU policy");
        NS_TEST_EXPECT_MSG_EQ(Refusal([]() {
                                  L2tpv3ParseSublayer("", "sublayer", L2tpv3NameWording::OPTION);
                              }),
                              "sublayer=: must be none or default",
                              "an empty name is refused too");
        // Names are exact: no case folding, no blanks.
        NS_TEST_EXPECT_MSG_EQ(Refusal([]() {
                                  L2tpv3ParseEncapsulation("UDP");
                              }),
                              "Encapsulation \"UDP\" is neither ip nor udp",
                              "case matters");

        // More than two names read as a list.
        L2tpv3NameTable<int> three{{1, "a"}, {2, "b"}, {3, "c"}};
        NS_TEST_EXPECT_MSG_EQ(Refusal([&three]() {
                                  L2tpv3ParseName(three, "d", "X", L2tpv3NameWording::ATTRIBUTE);
                              }),
                              "X \"d\" is not a, b or c",
                              "three names");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3ParseName(three, "c", "X", L2tpv3NameWording::ATTRIBUTE),
                              3,
                              "c is 3");
    }
};

/**
 * \ingroup l2tp
 * \brief TcpMssClamp / mssClamp: off, auto or an MSS from 88 to 65495.
 */
class L2tpv3NamesMssClampTestCase : public TestCase
{
  public:
    L2tpv3NamesMssClampTestCase()
        : TestCase("MSS clamping: off, auto or an MSS from 88 to 65495")
    {
    }

  private:
    void DoRun() override
    {
        L2tpv3MssClampSetting off = L2tpv3ParseMssClamp("off");
        NS_TEST_EXPECT_MSG_EQ((off.automatic || off.mss != 0), false, "off");
        L2tpv3MssClampSetting automatic = L2tpv3ParseMssClamp("auto");
        NS_TEST_EXPECT_MSG_EQ(automatic.automatic, true, "auto");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3ParseMssClamp("88").mss, 88, "the smallest MSS");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3ParseMssClamp("65495").mss, 65495, "the largest MSS");
        NS_TEST_EXPECT_MSG_EQ(Refusal([]() {
                                  L2tpv3ParseMssClamp("40");
                              }),
                              "TcpMssClamp 40 is neither off, auto nor an MSS from 88 to 65495",
                              "the device's wording");
        NS_TEST_EXPECT_MSG_EQ(
            Refusal([]() {
                L2tpv3ParseMssClamp("65496", "mssClamp", L2tpv3NameWording::OPTION);
            }),
            "mssClamp=65496: must be off, auto or an MSS from 88 to 65495",
            "the scenario's wording");
        for (const std::string bad : {"", "+100", " 100", "100x", "99999999999999999999"})
        {
            NS_TEST_EXPECT_MSG_NE(Refusal([&bad]() {
                                      L2tpv3ParseMssClamp(bad);
                                  }),
                                  "accepted",
                                  "'" << bad << "' is refused");
        }
    }
};

/**
 * \ingroup l2tp
 * \brief An enum attribute declared with the module's checker takes the strings users type.
 */
class L2tpv3NamesAttributeTestCase : public TestCase
{
  public:
    L2tpv3NamesAttributeTestCase()
        : TestCase("an enum attribute accepts StringValue udp and reads it back as udp")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<NamedEnumObject> o = CreateObject<NamedEnumObject>();
        StringValue text;
        o->GetAttribute("Encapsulation", text);
        NS_TEST_EXPECT_MSG_EQ(text.Get(), "ip", "the initial value reads as its name");

        o->SetAttribute("Encapsulation", StringValue("udp"));
        NS_TEST_EXPECT_MSG_EQ((o->m_encapsulation == L2tpv3Encapsulation::UDP),
                              true,
                              "StringValue(\"udp\") sets UDP");
        o->GetAttribute("Encapsulation", text);
        NS_TEST_EXPECT_MSG_EQ(text.Get(), "udp", "reads back as udp");

        // This ns-3's EnumValue is accepted as is, and read back typed.
        o->SetAttribute("Encapsulation", MakeL2tpv3EnumValue(L2tpv3Encapsulation::IP));
        NS_TEST_EXPECT_MSG_EQ((o->m_encapsulation == L2tpv3Encapsulation::IP), true, "ip");
        L2tpv3NameValue<L2tpv3Encapsulation> typed(L2tpv3Encapsulation::UDP);
        o->GetAttribute("Encapsulation", typed);
        NS_TEST_EXPECT_MSG_EQ((typed.GetValue() == L2tpv3Encapsulation::IP), true, "typed get");

        // Through a setter, with the LCCE's wording.
        o->SetAttribute("L2SpecificSublayer", StringValue("default"));
        NS_TEST_EXPECT_MSG_EQ((o->GetSublayer() == L2tpv3Sublayer::DEFAULT), true, "default");
        NS_TEST_EXPECT_MSG_EQ(o->m_sublayerSets, 2, "the setter ran (construction, then here)");
        o->GetAttribute("L2SpecificSublayer", text);
        NS_TEST_EXPECT_MSG_EQ(text.Get(), "default", "reads back as default");

        // A bad name is refused when it is set, by an exception naming the attribute and the
        // value (not an abort), and the attribute keeps its value.
        NS_TEST_EXPECT_MSG_EQ(Refusal([&o]() {
                                  o->SetAttribute("Encapsulation", StringValue("gre"));
                              }),
                              "Encapsulation \"gre\" is neither ip nor udp",
                              "refused when set");
        NS_TEST_EXPECT_MSG_EQ(Refusal([&o]() {
                                  o->SetAttributeFailSafe("L2SpecificSublayer", StringValue("x"));
                              }),
                              "L2SpecificSublayer 'x': must be none or default",
                              "refused when set, fail-safe or not");
        o->GetAttribute("Encapsulation", text);
        NS_TEST_EXPECT_MSG_EQ(text.Get(), "ip", "unchanged after a refusal");
        NS_TEST_EXPECT_MSG_EQ((o->GetSublayer() == L2tpv3Sublayer::DEFAULT), true, "unchanged");

        // Created through an ObjectFactory-style attribute list, as helpers do.
        ObjectFactory factory;
        factory.SetTypeId(NamedEnumObject::GetTypeId());
        factory.Set("MtuPolicy", StringValue("derived"));
        Ptr<NamedEnumObject> made = factory.Create<NamedEnumObject>();
        NS_TEST_EXPECT_MSG_EQ((made->m_mtuPolicy == L2tpv3MtuPolicy::DERIVED), true, "derived");

        // The checker lists the names (ns-3 prints them in --PrintAttributes and the docs).
        TypeId::AttributeInformation info;
        NS_TEST_ASSERT_MSG_EQ(
            NamedEnumObject::GetTypeId().LookupAttributeByName("MtuPolicy", &info),
            true,
            "declared");
        NS_TEST_EXPECT_MSG_EQ(info.checker->GetUnderlyingTypeInformation(),
                              "fragment|derived",
                              "the names, default first");
        NS_TEST_EXPECT_MSG_EQ(info.initialValue->SerializeToString(info.checker),
                              "fragment",
                              "the initial value's name");
    }
};

/**
 * \ingroup l2tp
 * \brief The enum attributes of the device and the LCCE are EnumValue attributes that take
 * the strings users type, read back as those strings and refuse a bad name when it is set,
 * with the message users read before they were EnumValue attributes.
 */
class L2tpv3NamesDeviceLcceTestCase : public TestCase
{
  public:
    L2tpv3NamesDeviceLcceTestCase()
        : TestCase("the device's and the LCCE's enum attributes are EnumValue, set from names")
    {
    }

  private:
    /**
     * \brief Expect \p name of \p tid to be an enum attribute of T whose initial value is
     * \p initial.
     * \param tid the type
     * \param name the attribute
     * \param initial the initial value's name
     */
    template <typename T>
    void ExpectEnumAttribute(TypeId tid, const std::string& name, const std::string& initial)
    {
        std::string where = tid.GetName() + "::" + name;
        TypeId::AttributeInformation info;
        NS_TEST_ASSERT_MSG_EQ(tid.LookupAttributeByName(name, &info), true, where);
        NS_TEST_EXPECT_MSG_NE(DynamicCast<const L2tpv3EnumCheckerBase<T>>(info.checker),
                              nullptr,
                              where << ": an EnumChecker");
        NS_TEST_EXPECT_MSG_EQ(info.checker->GetValueTypeName().rfind("ns3::EnumValue", 0),
                              0,
                              where << ": an EnumValue, not " << info.checker->GetValueTypeName());
        NS_TEST_EXPECT_MSG_EQ(info.initialValue->SerializeToString(info.checker),
                              initial,
                              where << ": the default");
    }

    void DoRun() override
    {
        TypeId device = L2tpv3NetDevice::GetTypeId();
        TypeId lcce = L2tpv3Lcce::GetTypeId();
        ExpectEnumAttribute<L2tpv3Encapsulation>(device, "Encapsulation", "ip");
        ExpectEnumAttribute<L2tpv3Sublayer>(device, "L2SpecificSublayer", "none");
        ExpectEnumAttribute<L2tpv3MtuPolicy>(device, "MtuPolicy", "fragment");
        ExpectEnumAttribute<L2tpv3Encapsulation>(lcce, "Encapsulation", "ip");
        ExpectEnumAttribute<L2tpv3Sublayer>(lcce, "L2SpecificSublayer", "none");
        // TcpMssClamp ("off", "auto" or an MSS) is not an enum: it stays a string.
        TypeId::AttributeInformation info;
        NS_TEST_ASSERT_MSG_EQ(device.LookupAttributeByName("TcpMssClamp", &info), true, "mss");
        // 3.37 names it "StringValue", ns-3-dev "ns3::StringValue".
        std::string valueType = info.checker->GetValueTypeName();
        if (valueType.rfind("ns3::", 0) == 0)
        {
            valueType = valueType.substr(5);
        }
        NS_TEST_EXPECT_MSG_EQ(valueType, "StringValue", "mss");

        // The device: names in, names out, the typed getters agree.
        Ptr<L2tpv3NetDevice> d = CreateObject<L2tpv3NetDevice>();
        StringValue text;
        d->SetAttribute("Encapsulation", StringValue("udp"));
        NS_TEST_EXPECT_MSG_EQ((d->GetEncapsulation() == L2tpv3Encapsulation::UDP), true, "udp");
        d->GetAttribute("Encapsulation", text);
        NS_TEST_EXPECT_MSG_EQ(text.Get(), "udp", "the device reads back udp");
        d->SetAttribute("L2SpecificSublayer", StringValue("default"));
        NS_TEST_EXPECT_MSG_EQ((d->GetSublayer() == L2tpv3Sublayer::DEFAULT), true, "default");
        d->SetAttribute("MtuPolicy", StringValue("derived"));
        NS_TEST_EXPECT_MSG_EQ((d->GetMtuPolicy() == L2tpv3MtuPolicy::DERIVED), true, "derived");
        d->GetAttribute("MtuPolicy", text);
        NS_TEST_EXPECT_MSG_EQ(text.Get(), "derived", "the device reads back derived");
        NS_TEST_EXPECT_MSG_EQ(Refusal([&d]() {
                                  d->SetAttribute("Encapsulation", StringValue("gre"));
                              }),
                              "Encapsulation \"gre\" is neither ip nor udp",
                              "the device refuses gre when it is set");
        NS_TEST_EXPECT_MSG_EQ(Refusal([&d]() {
                                  d->SetAttribute("MtuPolicy", StringValue("path"));
                              }),
                              "MtuPolicy \"path\" is neither fragment nor derived",
                              "the device refuses path when it is set");
        NS_TEST_EXPECT_MSG_EQ((d->GetEncapsulation() == L2tpv3Encapsulation::UDP),
                              true,
                              "unchanged after a refusal");

        // The LCCE, with its own wording.
        Ptr<L2tpv3Lcce> l = CreateObject<L2tpv3Lcce>();
        l->GetAttribute("Encapsulation", text);
        NS_TEST_EXPECT_MSG_EQ(text.Get(), "ip", "the LCCE's default");
        l->SetAttribute("Encapsulation", StringValue("udp"));
        l->GetAttribute("Encapsulation", text);
        NS_TEST_EXPECT_MSG_EQ(text.Get(), "udp", "the LCCE reads back udp");
        l->SetAttribute("L2SpecificSublayer", StringValue("default"));
        l->GetAttribute("L2SpecificSublayer", text);
        NS_TEST_EXPECT_MSG_EQ(text.Get(), "default", "the LCCE reads back default");
        NS_TEST_EXPECT_MSG_EQ(Refusal([&l]() {
                                  l->SetAttribute("Encapsulation", StringValue("gre"));
                              }),
                              "Encapsulation 'gre': must be ip or udp",
                              "the LCCE refuses gre when it is set");
        NS_TEST_EXPECT_MSG_EQ(Refusal([&l]() {
                                  l->SetAttribute("L2SpecificSublayer", StringValue("atm"));
                              }),
                              "L2SpecificSublayer 'atm': must be none or default",
                              "the LCCE refuses atm when it is set");
        l->GetAttribute("Encapsulation", text);
        NS_TEST_EXPECT_MSG_EQ(text.Get(), "udp", "unchanged after a refusal");

        // Through an ObjectFactory, as helpers create them.
        ObjectFactory factory;
        factory.SetTypeId(lcce);
        factory.Set("Encapsulation", StringValue("udp"));
        Ptr<L2tpv3Lcce> made = factory.Create<L2tpv3Lcce>();
        made->GetAttribute("Encapsulation", text);
        NS_TEST_EXPECT_MSG_EQ(text.Get(), "udp", "set through a factory");
    }
};

/**
 * \ingroup l2tp
 * \brief One text for an address, as the device, the injector and the lab print it.
 */
class L2tpv3NamesAddressTextTestCase : public TestCase
{
  public:
    L2tpv3NamesAddressTextTestCase()
        : TestCase("an address as text: IPv4, IPv6, empty")
    {
    }

  private:
    void DoRun() override
    {
        NS_TEST_EXPECT_MSG_EQ(L2tpv3AddressText(Ipv4Address("192.0.2.1")), "192.0.2.1", "v4");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3AddressText(Ipv6Address("2001:db8::1")), "2001:db8::1", "v6");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3AddressText(Address()), "", "an empty address");
        NS_TEST_EXPECT_MSG_NE(L2tpv3AddressText(Mac48Address("00:00:00:00:00:01")),
                              "",
                              "another kind is printed, not lost");
    }
};

/**
 * \ingroup l2tp
 * \brief The names suite.
 */
class L2tpv3NamesTestSuite : public TestSuite
{
  public:
    L2tpv3NamesTestSuite()
        : TestSuite("l2tp-names")
    {
        AddTestCase(new L2tpv3NamesMappingTestCase());
        AddTestCase(new L2tpv3NamesMssClampTestCase());
        AddTestCase(new L2tpv3NamesAttributeTestCase());
        AddTestCase(new L2tpv3NamesDeviceLcceTestCase());
        AddTestCase(new L2tpv3NamesAddressTextTestCase());
    }
};

/// The suite's instance.
L2tpv3NamesTestSuite g_l2tpv3NamesTestSuite;

} // namespace
