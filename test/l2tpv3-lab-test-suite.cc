/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// L2tpv3Lab: every command of a lab file is accepted or refused with its exact message
// (file:line: command: reason), a refused file builds nothing, and a small lab runs with its
// pings answered, stopped by a timed deletesession, an interface taken down, a broken cookie.

#include "l2tp-lab-test-text.h"

#include "ns3/l2tpv3-lab.h"
#include "ns3/node-list.h"
#include "ns3/test.h"

#include <string>
#include <vector>

using namespace ns3;

namespace
{

/** The two-site topology of the manual; COMMANDS goes after the configuration. */
const std::string& g_manual = L2tpTestManualLab();

/** Lines in g_manual: an appended line is line g_manualLines + 1. */
uint32_t
ManualLines()
{
    uint32_t n = 0;
    for (char c : g_manual)
    {
        n += c == '\n' ? 1 : 0;
    }
    return n;
}

/**
 * \ingroup l2tp-tests
 * \brief Each line appended to the manual's lab is refused with exactly its message, or
 * accepted.
 */
class LabCommandTestCase : public TestCase
{
  public:
    LabCommandTestCase()
        : TestCase("every command accepted or refused with its exact message")
    {
    }

  private:
    void DoRun() override
    {
        struct Case
        {
            std::string line;   //!< appended to the manual's lab
            std::string reason; //!< "" when accepted
        };

        const std::vector<Case> cases = {
            {"A: ifconfig l2tp0 cookie 5 12345 4 54321",
             "ifconfig l2tp0 cookie 5 12345 4 54321: cookie length must be 0, 4 or 8"},
            {"A: ifconfig l2tp0 cookie 4 12345 4 54321", ""},
            {"A: ifconfig l2tp0 cookie 4 4294967296 4 1",
             "ifconfig l2tp0 cookie 4 4294967296 4 1: cookie value 4294967296 does not fit in 4 "
             "bytes"},
            {"A: ifconfig l2tp0 cookie 8 18446744073709551615 0 0", ""},
            {"A: ifconfig l2tp0 cookie 4 x 4 1",
             "ifconfig l2tp0 cookie 4 x 4 1: cookie value 'x' is not a number"},
            {"A: ifconfig l2tp0 cookie 4 1",
             "ifconfig l2tp0 cookie 4 1: usage: ifconfig l2tp0 "
             "cookie LOCAL_LENGTH LOCAL_VALUE REMOTE_LENGTH "
             "REMOTE_VALUE"},
            {"A: ifconfig l2tp0 session 0 4321",
             "ifconfig l2tp0 session 0 4321: session ID 0 is reserved for control messages (RFC "
             "3931 §4.1)"},
            {"A: ifconfig l2tp0 session 1234 0",
             "ifconfig l2tp0 session 1234 0: session ID 0 is reserved for control messages (RFC "
             "3931 §4.1)"},
            {"A: ifconfig l2tp0 session 99 4321", ""},
            {"A: ifconfig l2tp1 create", ""},
            {"A: ifconfig l2tp0 create", "ifconfig l2tp0 create: l2tp0 already exists on A"},
            {"A: ifconfig l2tp1 session 1 2",
             "ifconfig l2tp1 session 1 2: no interface l2tp1 on A (create it first: ifconfig "
             "l2tp1 create)"},
            {"A: ifconfig l2tp0 tunnel 192.168.0.9 192.168.0.2",
             "ifconfig l2tp0 tunnel 192.168.0.9 192.168.0.2: tunnel source 192.168.0.9 is not "
             "an address of A"},
            {"A: ifconfig l2tp0 tunnel 192.168.0.1 2001:db8::2",
             "ifconfig l2tp0 tunnel 192.168.0.1 2001:db8::2: tunnel source and destination are "
             "of different address families"},
            {"A: ifconfig l2tp0 tunnel 192.168.0.1 banana",
             "ifconfig l2tp0 tunnel 192.168.0.1 banana: tunnel destination 'banana' is not an "
             "IPv4 or IPv6 address"},
            {"A: ifconfig l2tp0 deletetunnel", ""},
            {"A: ifconfig l2tp0 deletesession", ""},
            {"A: ifconfig l2tp0 deletecookie", ""},
            {"A: ifconfig l2tp0 down", ""},
            {"A: ifconfig l2tp0 mtu 1400", ""},
            {"A: ifconfig wm0 mtu 9000",
             "ifconfig wm0 mtu 9000: mtu 9000 is larger than the link's 1500"},
            {"A: ifconfig l2tp0 frobnicate",
             "ifconfig l2tp0 frobnicate: unknown l2tp parameter 'frobnicate' (tunnel, "
             "deletetunnel, session, deletesession, cookie, deletecookie, up, down, mtu, inet, "
             "inet6, create, destroy)"},
            {"A: ifconfig wm0 inet6 2001:db8::1/64", ""},
            {"A: ifconfig wm0 inet 192.168.0.1/24",
             "ifconfig wm0 inet 192.168.0.1/24: address 192.168.0.1 is already on A"},
            {"A: ifconfig wm1 inet 10.0.0.9/24",
             "ifconfig wm1 inet 10.0.0.9/24: wm1 is a port of bridge0; give the address to the "
             "bridge, not to its port"},
            {"A: ifconfig wm0 inet 10.1.1.1 netmask 0xffffff00", ""},
            {"A: ifconfig wm0 inet 10.1.1.1 netmask 0xff00ff00",
             "ifconfig wm0 inet 10.1.1.1 netmask 0xff00ff00: netmask '0xff00ff00' is not "
             "contiguous"},
            {"A: ifconfig wm9 up", "ifconfig wm9 up: no interface wm9 on A"},
            {"A: ifconfig bridge0 down",
             "ifconfig bridge0 down: bridge down is not modelled (ns-3's BridgeNetDevice always "
             "forwards)"},
            {"A: brconfig bridge0 add wm1",
             "brconfig bridge0 add wm1: wm1 is already a port of "
             "bridge0"},
            {"A: brconfig bridge0 add wm0",
             "brconfig bridge0 add wm0: wm0 has an address; a bridge port carries none here"},
            {"A: brconfig wm0 add wm1", "brconfig wm0 add wm1: wm0 is not a bridge"},
            {"A: route add default 1.2.3.4",
             "route add default 1.2.3.4: unknown command 'route' (ifconfig, brconfig, ip, l2tpd)"},
            {"A: l2tpd hello 10s retries 4", ""},
            {"A: l2tpd cookie-length 5", "l2tpd cookie-length 5: cookie length must be 0, 4 or 8"},
            {"A: l2tpd encap udp", ""},
            {"A: l2tpd encap gre", "l2tpd encap gre: encap must be ip or udp"},
            {"A: l2tpd peer 192.168.0.1 192.168.0.2",
             "l2tpd peer 192.168.0.1 192.168.0.2: l2tpd is not running on A (start it with "
             "`l2tpd`)"},
            {"at 1s A: l2tpd",
             "l2tpd: the daemon is configured in the configuration, not at a time"},
            {"at 12s A: ifconfig l2tp0 deletesession", ""},
            {"at 12 parsecs A: ifconfig l2tp0 up",
             "at 12 parsecs A: ifconfig l2tp0 up: usage: "
             "at TIME NODE: COMMAND"},
            {"at 5x A: ifconfig l2tp0 up",
             "at 5x A: ifconfig l2tp0 up: time '5x' is not a time (e.g. 12s, 500ms)"},
            {"at 1s A: ifconfig l2tp2 create",
             "ifconfig l2tp2 create: interfaces are created in the configuration, not at a time"},
            {"at 1s Q: ifconfig l2tp0 up",
             "at 1s Q: ifconfig l2tp0 up: unknown node Q (declare it with `node Q`)"},
            {"ping X Y count 3", ""},
            {"ping X Q", "ping X Q: ping target 'Q' is not an IPv4 or IPv6 address"},
            {"ping -6 X Y", "ping -6 X Y: node Y has no IPv6 address to ping"},
            {"ping X Y count 0", "ping X Y count 0: count must be at least 1"},
            {"capture A:wm0", ""},
            {"capture A:bridge0",
             "capture A:bridge0: captures are taken on Ethernet and l2tp interfaces, not on "
             "bridge0"},
            {"link A:wm5 X:wm1 loss 150%",
             "link A:wm5 X:wm1 loss 150%: loss '150%' is not between 0 and 100%"},
            {"link A:wm0 X:wm1", "link A:wm0 X:wm1: A:wm0 is already on the link of line 2"},
            {"link A:wm5 X:wm1 rate fast",
             "link A:wm5 X:wm1 rate fast: rate 'fast' is not a data rate (e.g. 100Mbps)"},
            {"node A", "node A: node A is declared twice"},
            {"frobnicate",
             "frobnicate: unknown statement 'frobnicate' (set, node, link, NODE: "
             "COMMAND, at, ping, capture, inject, run)"},
            {"X: ifconfig wm0 inet ${NOPE}",
             "X: ifconfig wm0 inet ${NOPE}: unknown variable ${NOPE} (set it with `set NOPE "
             "VALUE` or --set=NOPE=VALUE)"},
            {"X: ip addr add 10.0.0.7/24 dev wm0", ""},
            {"X: ip link set dev wm0 down", ""},
            {"X: ip route add 10.9.0.0/16 via 10.0.0.254", ""},
            {"X: ip route add 10.9.0.0/16 via 10.7.0.254",
             "ip route add 10.9.0.0/16 via 10.7.0.254: gateway 10.7.0.254 is on no interface of "
             "X"},
            {"X: ip l2tp add session tunnel_id 1 session_id 1 peer_session_id 2",
             "ip l2tp add session tunnel_id 1 session_id 1 peer_session_id 2: no tunnel 1 on X "
             "(ip l2tp add tunnel first)"},
            {"X: ip l2tp add tunnel tunnel_id 1 peer_tunnel_id 2 encap gre local 10.0.0.1 "
             "remote 10.0.0.2",
             "ip l2tp add tunnel tunnel_id 1 peer_tunnel_id 2 encap gre local 10.0.0.1 remote "
             "10.0.0.2: encap must be ip or udp"},
            {"X: ip l2tp add tunnel tunnel_id 1 peer_tunnel_id 2 encap ip local 10.0.0.1",
             "ip l2tp add tunnel tunnel_id 1 peer_tunnel_id 2 encap ip local 10.0.0.1: remote "
             "is required"},
            {"X: ip l2tp add tunnel tunnel_id 1 peer_tunnel_id 2 encap ip local 10.0.0.1 "
             "remote 10.0.0.2 colour blue",
             "ip l2tp add tunnel tunnel_id 1 peer_tunnel_id 2 encap ip local 10.0.0.1 remote "
             "10.0.0.2 colour blue: unknown option 'colour' (encap, local, peer_tunnel_id, "
             "remote, tunnel_id, udp_dport, udp_sport)"},
        };
        uint32_t line = ManualLines() + 1;
        for (const auto& c : cases)
        {
            L2tpv3Lab lab;
            std::string message;
            try
            {
                lab.LoadString(g_manual + c.line + "\n", "labs/x.lab");
            }
            catch (const L2tpv3LabError& e)
            {
                message = e.what();
            }
            std::string expected =
                c.reason.empty() ? "" : "labs/x.lab:" + std::to_string(line) + ": " + c.reason;
            NS_TEST_EXPECT_MSG_EQ(message, expected, "line: " << c.line);
        }
    }
};

/**
 * \ingroup l2tp-tests
 * \brief iproute2's l2spec_type is read through the sublayer's name table (none, default)
 * with the lab's message; it needs a tunnel first, hence two appended lines.
 */
class LabSublayerNameTestCase : public TestCase
{
  public:
    LabSublayerNameTestCase()
        : TestCase("l2spec_type none or default, anything else refused with the lab's message")
    {
    }

  private:
    void DoRun() override
    {
        const std::string tunnel =
            "X: ip l2tp add tunnel tunnel_id 1 peer_tunnel_id 2 encap ip local 10.0.0.1 "
            "remote 10.0.0.2\n";
        const std::string session =
            "X: ip l2tp add session tunnel_id 1 session_id 1 peer_session_id 2 l2spec_type ";
        for (const std::string value : {"none", "default", "sometimes"})
        {
            L2tpv3Lab lab;
            std::string message;
            try
            {
                lab.LoadString(g_manual + tunnel + session + value + "\n", "labs/x.lab");
            }
            catch (const L2tpv3LabError& e)
            {
                message = e.what();
            }
            std::string expected =
                value == "sometimes"
                    ? "labs/x.lab:" + std::to_string(ManualLines() + 2) +
                          ": ip l2tp add session tunnel_id 1 session_id 1 peer_session_id 2 "
                          "l2spec_type sometimes: l2spec_type must be none or default"
                    : "";
            NS_TEST_EXPECT_MSG_EQ(message, expected, "l2spec_type " << value);
        }
    }
};

/**
 * \ingroup l2tp-tests
 * \brief A file with several bad lines names each, in line order, and builds nothing.
 */
class LabRefusedFileTestCase : public TestCase
{
  public:
    LabRefusedFileTestCase()
        : TestCase("a refused file names every bad line and builds nothing")
    {
    }

  private:
    void DoRun() override
    {
        const std::string text = "node A B\n"
                                 "link A:wm0 B:wm0\n"
                                 "A: ifconfig wm0 inet 192.168.0.1/24\n"
                                 "A: ifconfig l2tp0 create\n"
                                 "\n"
                                 "# a comment\n"
                                 "A: ifconfig l2tp0 cookie 5 12345 4 54321\n"
                                 "B: ifconfig l2tp0 session 1 2\n";
        uint32_t nodesBefore = NodeList::GetNNodes();
        L2tpv3Lab lab;
        std::vector<L2tpv3LabError::Item> items;
        try
        {
            lab.LoadString(text, "labs/x.lab");
        }
        catch (const L2tpv3LabError& e)
        {
            items = e.GetItems();
            NS_TEST_EXPECT_MSG_EQ(
                std::string(e.what()),
                "labs/x.lab:7: ifconfig l2tp0 cookie 5 12345 4 54321: cookie length must be 0, "
                "4 or 8\nlabs/x.lab:8: ifconfig l2tp0 session 1 2: no interface l2tp0 on B "
                "(create it first: ifconfig l2tp0 create)",
                "both lines, in order");
        }
        NS_TEST_ASSERT_MSG_EQ(items.size(), 2, "two refused lines");
        NS_TEST_EXPECT_MSG_EQ(items[0].line, 7, "line of the first");
        NS_TEST_EXPECT_MSG_EQ(items[1].command, "ifconfig l2tp0 session 1 2", "second command");
        NS_TEST_EXPECT_MSG_EQ(NodeList::GetNNodes(), nodesBefore, "no node was created");
        bool threw = false;
        try
        {
            lab.Run();
        }
        catch (const std::invalid_argument&)
        {
            threw = true;
        }
        NS_TEST_EXPECT_MSG_EQ(threw, true, "a refused lab does not run");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief The manual's lab runs: pings answered both ways; a timed deletesession, a down
 * l2tp0 or a wrong cookie on one side stop them, each with its counter.
 */
class LabRunTestCase : public TestCase
{
  public:
    /**
     * \param name the case
     * \param extra lines appended to the manual's lab
     * \param answered replies expected of X's 6 pings (1 s apart from 1 s)
     * \param key a figure of GetKeys() to check
     * \param value its expected value
     */
    LabRunTestCase(std::string name,
                   std::string extra,
                   std::string answered,
                   std::string key,
                   std::string value)
        : TestCase(name),
          m_extra(extra),
          m_answered(answered),
          m_key(key),
          m_value(value)
    {
    }

  private:
    void DoRun() override
    {
        L2tpv3Lab lab;
        lab.SetPcap(false);
        lab.LoadString(g_manual + m_extra + "ping X Y count 6 start 1s\nrun 8s\n", "run.lab");
        L2tpv3Lab::Results r = lab.Run();
        NS_TEST_ASSERT_MSG_EQ(r.pings.size(), 1, "one ping line");
        NS_TEST_EXPECT_MSG_EQ(r.pings[0].sent, 6, "requests sent");
        NS_TEST_EXPECT_MSG_EQ(r.pings[0].sequence, m_answered, "which were answered");
        auto keys = r.GetKeys();
        NS_TEST_EXPECT_MSG_EQ(keys[m_key], m_value, m_key);
    }

    std::string m_extra;    //!< appended lines
    std::string m_answered; //!< the ping's answer sequence
    std::string m_key;      //!< key checked
    std::string m_value;    //!< its value
};

/**
 * \ingroup l2tp-tests
 * \brief The lab parser and executor.
 */
class L2tpv3LabTestSuite : public TestSuite
{
  public:
    L2tpv3LabTestSuite()
        : TestSuite("l2tp-lab")
    {
        AddTestCase(new LabCommandTestCase);
        AddTestCase(new LabSublayerNameTestCase);
        AddTestCase(new LabRefusedFileTestCase);
        AddTestCase(new LabRunTestCase("the manual's lab answers every ping",
                                       "",
                                       "!!!!!!",
                                       "B.l2tp0.drop_cookie_mismatch",
                                       "0"));
        AddTestCase(new LabRunTestCase("a timed deletesession stops the pings",
                                       "at 3.5s B: ifconfig l2tp0 deletesession\n",
                                       "!!!...",
                                       "B.node.drop_unknown_session",
                                       "3"));
        AddTestCase(new LabRunTestCase("l2tp0 down drops what arrives, up brings it back",
                                       "at 2.5s B: ifconfig l2tp0 down\n"
                                       "at 4.5s B: ifconfig l2tp0 up\n",
                                       "!!..!!",
                                       "B.l2tp0.drop_device_down",
                                       "2"));
        // RFC 3931 §4.1: the cookie length is not on the wire; B reads A's 4-byte cookie as
        // the frame's first bytes. X's ARP request and its retries (ns-3's ArpCache sends
        // one request and MaxRetries = 3 more) are the 4 frames A sends; none is delivered.
        AddTestCase(new LabRunTestCase("a cookie sent to a side that expects none",
                                       "A: ifconfig l2tp0 cookie 0 0 4 7\n",
                                       "......",
                                       "B.l2tp0.drop_frame_bad_length_type",
                                       "4"));
    }
};

/** The suite's one instance. */
static L2tpv3LabTestSuite g_l2tpv3LabTestSuite;

} // namespace
