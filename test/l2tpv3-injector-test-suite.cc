/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// L2tpv3Injector forges any packet a user can describe: chosen or random Session ID and
// cookie, sublayer word, IP or UDP with ports, IPv4 or IPv6, any source; each forgery is
// checked on the wire byte for byte and by what the victim's session does with it.

#include "ns3/address.h"
#include "ns3/boolean.h"
#include "ns3/callback.h"
#include "ns3/csma-helper.h"
#include "ns3/icmpv6-l4-protocol.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-interface-container.h"
#include "ns3/ipv6-address-helper.h"
#include "ns3/ipv6-address.h"
#include "ns3/ipv6-interface-container.h"
#include "ns3/l2tpv3-cookie.h"
#include "ns3/l2tpv3-counters.h"
#include "ns3/l2tpv3-helper.h"
#include "ns3/l2tpv3-injector.h"
#include "ns3/l2tpv3-l4-protocol.h"
#include "ns3/l2tpv3-net-device.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device-container.h"
#include "ns3/net-device.h"
#include "ns3/node-container.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"
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

/**
 * \ingroup l2tp-tests
 * \brief An attacker and a victim LCCE on one Ethernet link, IPv4 and IPv6; the victim's
 * session's peer is an address nobody on the link has (the attacker forges it).
 */
class InjectorTestbed
{
  public:
    /**
     * \param ipv6 IPv6 addresses (else IPv4)
     * \param configure called on the victim's helper before Install
     */
    InjectorTestbed(bool ipv6, std::function<void(L2tpv3Helper&)> configure)
    {
        m_nodes.Create(2);
        m_link = CsmaHelper().Install(m_nodes);
        InternetStackHelper().Install(m_nodes);
        for (uint32_t i = 0; i < 2; ++i)
        {
            m_nodes.Get(i)->GetObject<Icmpv6L4Protocol>()->SetAttribute("DAD", BooleanValue(false));
        }
        if (ipv6)
        {
            Ipv6AddressHelper address;
            address.SetBase(Ipv6Address("2001:db8::"), Ipv6Prefix(64));
            Ipv6InterfaceContainer i = address.Assign(m_link);
            m_victim = i.GetAddress(1, 1);
            m_peer = Ipv6Address("2001:db8::99");
        }
        else
        {
            Ipv4AddressHelper address("192.0.2.0", "255.255.255.0");
            Ipv4InterfaceContainer i = address.Assign(m_link);
            m_victim = i.GetAddress(1);
            m_peer = Ipv4Address("192.0.2.99");
        }
        L2tpv3Helper helper;
        helper.SetSessionIds(77, 88);
        configure(helper);
        m_session =
            DynamicCast<L2tpv3NetDevice>(helper.Install(m_nodes.Get(1), m_victim, m_peer).Get(0));
        m_session->SetPromiscReceiveCallback(MakeCallback(&InjectorTestbed::Delivered, this));
        m_link.Get(1)->TraceConnectWithoutContext("PromiscSniffer",
                                                  MakeCallback(&InjectorTestbed::OnWire, this));
    }

    /**
     * \param attack the attack's attribute values, applied after SetTarget
     * \param count packets to send
     * \return the injector, installed on the attacker and started at 1 s
     */
    Ptr<L2tpv3Injector> Inject(const std::vector<std::pair<std::string, std::string>>& attack,
                               uint32_t count)
    {
        Ptr<L2tpv3Injector> injector = CreateObject<L2tpv3Injector>();
        injector->SetTarget(m_link.Get(0),
                            Mac48Address::ConvertFrom(m_link.Get(1)->GetAddress()),
                            m_peer,
                            m_victim);
        for (const auto& attribute : attack)
        {
            injector->SetAttribute(attribute.first, StringValue(attribute.second));
        }
        injector->SetAttribute("Count", UintegerValue(count));
        injector->SetAttribute("Interval", TimeValue(MilliSeconds(1)));
        injector->AssignStreams(5);
        m_nodes.Get(0)->AddApplication(injector);
        injector->SetStartTime(Seconds(1));
        return injector;
    }

    /** \brief Run the simulation. */
    void Run()
    {
        Simulator::Stop(Seconds(2));
        Simulator::Run();
    }

    /**
     * \brief Is this frame one of the forgeries (or any L2TPv3 packet) seen at the victim?
     * \param frame an Ethernet frame
     */
    void OnWire(Ptr<const Packet> frame)
    {
        std::vector<uint8_t> bytes(frame->GetSize());
        frame->CopyData(bytes.data(), bytes.size());
        if (bytes.size() > 14 &&
            ((bytes[12] == 0x08 && bytes[13] == 0x00) || (bytes[12] == 0x86 && bytes[13] == 0xdd)))
        {
            uint8_t protocol = bytes[12] == 0x08 ? bytes[14 + 9] : bytes[14 + 6];
            if (protocol == 115 || protocol == 17)
            {
                wire.push_back(bytes);
            }
        }
    }

    /**
     * \brief The session's promiscuous receive callback.
     * \return true
     */
    bool Delivered(Ptr<NetDevice>,
                   Ptr<const Packet>,
                   uint16_t,
                   const Address&,
                   const Address&,
                   NetDevice::PacketType)
    {
        ++delivered;
        return true;
    }

    /** \return the victim's session */
    Ptr<L2tpv3NetDevice> Session() const
    {
        return m_session;
    }

    /** \return the victim's node-level counters */
    const L2tpv3Counters& Node() const
    {
        return m_nodes.Get(1)->GetObject<L2tpv3L4Protocol>()->GetCounters();
    }

    std::vector<std::vector<uint8_t>> wire; //!< IP/UDP packets the victim received, as frames
    uint32_t delivered{0};                  //!< frames the session delivered

  private:
    NodeContainer m_nodes;          //!< attacker, victim
    NetDeviceContainer m_link;      //!< their devices
    Address m_victim;               //!< victim's address
    Address m_peer;                 //!< the session's peer, forged
    Ptr<L2tpv3NetDevice> m_session; //!< victim's session
};

/**
 * \param bytes a frame
 * \param from first byte
 * \param count how many
 * \return those bytes
 */
std::vector<uint8_t>
Slice(const std::vector<uint8_t>& bytes, std::size_t from, std::size_t count)
{
    if (from + count > bytes.size())
    {
        return {};
    }
    return std::vector<uint8_t>(bytes.begin() + from, bytes.begin() + from + count);
}

} // namespace

/**
 * \ingroup l2tp-tests
 * \brief A chosen Session ID, 8-byte cookie and sublayer word over IPv4: the exact header on
 * the wire, and a session configured alike takes the first packet and discards the replays of
 * its sequence number.
 */
class L2tpv3InjectorForgedIpTestCase : public TestCase
{
  public:
    L2tpv3InjectorForgedIpTestCase()
        : TestCase("forged, IP over IPv4: Session ID 77, cookie 8:0x0102030405060708, "
                   "sublayer S=1 seq 0 on the wire byte for byte; one delivered, two old")
    {
    }

  private:
    void DoRun() override
    {
        InjectorTestbed bed(false, [](L2tpv3Helper& h) {
            h.SetCookies(L2tpv3Cookie(8, 0x0102030405060708ULL), L2tpv3Cookie());
            h.SetDeviceAttribute("L2SpecificSublayer", StringValue("default"));
            h.SetDeviceAttribute("RequireSequenceNumbers", BooleanValue(true));
        });
        Ptr<L2tpv3Injector> injector = bed.Inject({{"Attack", "forged"},
                                                   {"SessionId", "77"},
                                                   {"Cookie", "8:0x0102030405060708"},
                                                   {"Sublayer", "true"},
                                                   {"SublayerSequence", "0"}},
                                                  3);
        bed.Run();
        NS_TEST_EXPECT_MSG_EQ(injector->GetSent(), 3, "three sent");
        NS_TEST_ASSERT_MSG_EQ(bed.wire.size(), 3, "three on the wire");
        const std::vector<uint8_t>& f = bed.wire[0];
        NS_TEST_EXPECT_MSG_EQ(int(f[14 + 9]), 115, "IP protocol 115");
        NS_TEST_EXPECT_MSG_EQ((Slice(f, 14 + 12, 4) == std::vector<uint8_t>{192, 0, 2, 99}),
                              true,
                              "forged source 192.0.2.99");
        std::vector<uint8_t> l2tp{0, 0, 0, 77, 1, 2, 3, 4, 5, 6, 7, 8, 0x40, 0, 0, 0};
        NS_TEST_EXPECT_MSG_EQ((Slice(f, 34, l2tp.size()) == l2tp),
                              true,
                              "Session ID, cookie, sublayer word with S = 1, sequence 0");
        const L2tpv3Counters& c = bed.Session()->GetCounters();
        NS_TEST_EXPECT_MSG_EQ(c.rxPackets, 1, "the first delivered");
        NS_TEST_EXPECT_MSG_EQ(bed.delivered, 1, "one frame up");
        NS_TEST_EXPECT_MSG_EQ(c.GetRxSeqDiscards(), 2, "the same number again: old");
        NS_TEST_EXPECT_MSG_EQ(c.GetRxCookieDiscards(), 0, "the cookie matched");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Forgeries over UDP with chosen ports, IPv4 and IPv6: the UDP header and T/Ver word
 * on the wire, delivered by a UDP session on the destination port.
 */
class L2tpv3InjectorForgedUdpTestCase : public TestCase
{
  public:
    /** \param ipv6 IPv6 (else IPv4) */
    explicit L2tpv3InjectorForgedUdpTestCase(bool ipv6)
        : TestCase(std::string("forged over ") + (ipv6 ? "IPv6" : "IPv4") +
                   ", UDP from port 5000 to 1701, 4-byte cookie, no sublayer: on the wire, "
                   "each delivered"),
          m_ipv6(ipv6)
    {
    }

  private:
    void DoRun() override
    {
        InjectorTestbed bed(m_ipv6, [](L2tpv3Helper& h) {
            h.SetCookies(L2tpv3Cookie(4, 12345), L2tpv3Cookie());
            h.SetDeviceAttribute("Encapsulation", StringValue("udp"));
        });
        Ptr<L2tpv3Injector> injector =
            bed.Inject({{"Attack", "forged"},
                        {"SessionId", "77"},
                        {"Cookie", "4:12345"},
                        {"Encapsulation", "udp"},
                        {"UdpSourcePort", "5000"},
                        {"UdpDestinationPort", "1701"},
                        {"Source", m_ipv6 ? "2001:db8::99" : "192.0.2.99"}},
                       4);
        bed.Run();
        NS_TEST_ASSERT_MSG_EQ(bed.wire.size(), 4, "four on the wire");
        const std::vector<uint8_t>& f = bed.wire[0];
        std::size_t udp = 14 + (m_ipv6 ? 40 : 20);
        NS_TEST_EXPECT_MSG_EQ(int(f[m_ipv6 ? 14 + 6 : 14 + 9]), 17, "UDP");
        NS_TEST_EXPECT_MSG_EQ((Slice(f, udp, 4) == std::vector<uint8_t>{0x13, 0x88, 0x06, 0xa5}),
                              true,
                              "ports 5000 -> 1701");
        NS_TEST_EXPECT_MSG_EQ((Slice(f, udp + 6, 2) != std::vector<uint8_t>{0, 0}),
                              true,
                              "a checksum computed");
        std::vector<uint8_t> l2tp{0, 3, 0, 0, 0, 0, 0, 77, 0, 0, 0x30, 0x39};
        NS_TEST_EXPECT_MSG_EQ((Slice(f, udp + 8, l2tp.size()) == l2tp),
                              true,
                              "T/Ver word, Session ID 77, cookie 12345");
        NS_TEST_EXPECT_MSG_EQ(bed.Session()->GetCounters().rxPackets, 4, "each one delivered");
        NS_TEST_EXPECT_MSG_EQ(bed.delivered, 4, "four frames up");
        NS_TEST_EXPECT_MSG_EQ(injector->GetSent(), 4, "four sent");
        Simulator::Destroy();
    }

    bool m_ipv6; //!< IPv6
};

/**
 * \ingroup l2tp-tests
 * \brief The random modes beside the chosen ones: random Session IDs miss the session,
 * random cookies fail its check; a forged source that is not the peer is a peer mismatch.
 */
class L2tpv3InjectorRandomTestCase : public TestCase
{
  public:
    L2tpv3InjectorRandomTestCase()
        : TestCase("random Session IDs: unknown_session; random 4-byte cookies: cookie_mismatch; "
                   "a chosen source other than the peer: peer_mismatch")
    {
    }

  private:
    void DoRun() override
    {
        InjectorTestbed bed(true, [](L2tpv3Helper& h) {
            h.SetCookies(L2tpv3Cookie(4, 12345), L2tpv3Cookie());
        });
        bed.Inject({{"Attack", "random-session"}, {"CookieLength", "4"}}, 20);
        bed.Inject({{"Attack", "random-cookie"}, {"SessionId", "77"}, {"CookieLength", "4"}}, 30);
        bed.Inject({{"Attack", "forged"},
                    {"SessionId", "77"},
                    {"Cookie", "4:12345"},
                    {"Source", "2001:db8::98"}},
                   5);
        bed.Run();
        const L2tpv3Counters& c = bed.Session()->GetCounters();
        NS_TEST_EXPECT_MSG_EQ(bed.Node().GetDrops(L2tpv3DropReason::UNKNOWN_SESSION),
                              20,
                              "random Session IDs");
        NS_TEST_EXPECT_MSG_EQ(c.GetRxCookieDiscards(), 30, "random cookies");
        NS_TEST_EXPECT_MSG_EQ(c.GetDrops(L2tpv3DropReason::PEER_MISMATCH), 5, "wrong source");
        NS_TEST_EXPECT_MSG_EQ(bed.delivered, 0, "nothing delivered");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Bad injector attributes are refused with the attribute's name and the value.
 */
class L2tpv3InjectorAttributesTestCase : public TestCase
{
  public:
    L2tpv3InjectorAttributesTestCase()
        : TestCase("injector attributes: bad values refused, naming the attribute and the value")
    {
    }

  private:
    /**
     * \param name an attribute
     * \param value a bad value
     * \param expected what the message must contain
     */
    void ExpectRefused(const std::string& name,
                       const std::string& value,
                       const std::string& expected)
    {
        Ptr<L2tpv3Injector> injector = CreateObject<L2tpv3Injector>();
        std::string message = "accepted";
        try
        {
            if (!injector->SetAttributeFailSafe(name, StringValue(value)))
            {
                message = "refused by the checker";
            }
        }
        catch (const std::invalid_argument& e)
        {
            message = e.what();
        }
        NS_TEST_EXPECT_MSG_NE(message.find(expected),
                              std::string::npos,
                              name << "=" << value << ": " << message);
    }

    void DoRun() override
    {
        ExpectRefused("Attack", "flood", "Attack \"flood\" is not random-session");
        ExpectRefused("Encapsulation", "gre", "Encapsulation \"gre\" is neither ip nor udp");
        ExpectRefused("CookieLength", "5", "CookieLength");
        ExpectRefused("CookieLength", "9", "refused by the checker");
        ExpectRefused("Cookie", "5:1", "refused by the checker");
        ExpectRefused("SublayerSequence", "16777216", "refused by the checker");
        ExpectRefused("SublayerSequence", "-2", "refused by the checker");
        ExpectRefused("UdpDestinationPort", "0", "refused by the checker");
        ExpectRefused("Source", "192.0.2.300", "Source \"192.0.2.300\" is neither an IPv4");
        ExpectRefused("Destination", "victim", "Destination \"victim\" is neither an IPv4");

        Ptr<L2tpv3Injector> injector = CreateObject<L2tpv3Injector>();
        injector->SetAttribute("Attack", StringValue("forged"));
        NS_TEST_EXPECT_MSG_EQ(injector->GetAttack(), L2tpv3Injector::FORGED, "forged");
        StringValue text;
        injector->SetAttribute("Source", StringValue("2001:db8::1"));
        injector->GetAttribute("Source", text);
        NS_TEST_EXPECT_MSG_EQ(text.Get(), "2001:db8::1", "Source read back");

        // Mixed families are refused when the attack starts (CheckConfiguration).
        std::string message;
        try
        {
            injector->CheckConfiguration();
        }
        catch (const std::invalid_argument& e)
        {
            message = e.what();
        }
        NS_TEST_EXPECT_MSG_NE(message.find("call SetTarget"), std::string::npos, message);
        NetDeviceContainer d = CsmaHelper().Install(NodeContainer(2));
        injector->SetTarget(d.Get(0),
                            Mac48Address("02:00:00:00:00:01"),
                            Ipv4Address("192.0.2.1"),
                            Ipv4Address("192.0.2.2"));
        injector->CheckConfiguration(); // one family: accepted
        injector->SetAttribute("Source", StringValue("2001:db8::1"));
        message.clear();
        try
        {
            injector->CheckConfiguration();
        }
        catch (const std::invalid_argument& e)
        {
            message = e.what();
        }
        NS_TEST_EXPECT_MSG_NE(message.find("Source \"2001:db8::1\" and Destination \"192.0.2.2\" "
                                           "must both be IPv4 or both IPv6"),
                              std::string::npos,
                              message);
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief The injector's test suite.
 */
class L2tpv3InjectorTestSuite : public TestSuite
{
  public:
    L2tpv3InjectorTestSuite()
        : TestSuite("l2tp-injector")
    {
        AddTestCase(new L2tpv3InjectorForgedIpTestCase);
        AddTestCase(new L2tpv3InjectorForgedUdpTestCase(false));
        AddTestCase(new L2tpv3InjectorForgedUdpTestCase(true));
        AddTestCase(new L2tpv3InjectorRandomTestCase);
        AddTestCase(new L2tpv3InjectorAttributesTestCase);
    }
};

/// Static instance.
static L2tpv3InjectorTestSuite g_l2tpv3InjectorTestSuite;
