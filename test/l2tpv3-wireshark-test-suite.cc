/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Wireshark as the oracle for our wire format: the two-site scenario writes
// its WAN capture, tshark decodes it, and every L2TPv3 packet must carry the
// Session ID, cookie and sublayer fields configured for its direction, with
// Ethernet frames carrying ARP (or neighbour discovery) and ICMP echo inside.

#include "ns3/core-module.h"
#include "ns3/l2tp-module.h"
#include "ns3/test.h"

#include <cstdio>
#include <cstdlib>
#include <iomanip>
#include <map>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

using namespace ns3;

namespace
{

/**
 * \param command a shell command
 * \param [out] status its exit status
 * \return what it wrote on standard output
 */
std::string
RunCommand(const std::string& command, int& status)
{
    std::string output;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe)
    {
        status = -1;
        return output;
    }
    char buffer[4096];
    size_t n;
    while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0)
    {
        output.append(buffer, n);
    }
    status = pclose(pipe);
    return output;
}

/**
 * \param text tab-separated fields, one packet a line
 * \return the lines split into fields
 */
std::vector<std::vector<std::string>>
Split(const std::string& text)
{
    std::vector<std::vector<std::string>> rows;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line))
    {
        std::vector<std::string> fields;
        std::string field;
        std::istringstream cells(line);
        while (std::getline(cells, field, '\t'))
        {
            fields.push_back(field);
        }
        fields.resize(8);
        rows.push_back(fields);
    }
    return rows;
}

/**
 * \param value a number
 * \param bytes how many bytes it is shown with
 * \return tshark's rendering of a cookie: lower-case hex, no separators
 */
std::string
Hex(uint64_t value, uint32_t bytes)
{
    std::ostringstream os;
    os << std::hex << std::setfill('0') << std::setw(2 * bytes) << value;
    return os.str();
}

} // namespace

/**
 * \ingroup l2tp-tests
 * \brief One configuration of the scenario, decoded by tshark.
 */
class L2tpv3WiresharkTestCase : public TestCase
{
  public:
    /**
     * \param name what is checked
     * \param p the scenario's parameters
     */
    L2tpv3WiresharkTestCase(std::string name, L2tpv3BridgeScenario::Parameters p)
        : TestCase("tshark decodes " + name),
          m_parameters(p)
    {
    }

  private:
    void DoRun() override
    {
        int status;
        RunCommand("command -v tshark >/dev/null 2>&1", status);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "tshark is installed (utils/install-deps installs it)");

        char pattern[] = "/tmp/l2tp-wireshark-XXXXXX";
        char* dir = mkdtemp(pattern);
        NS_TEST_ASSERT_MSG_NE(dir, nullptr, "temporary directory");
        L2tpv3BridgeScenario::Parameters p = m_parameters;
        p.pcap = true;
        p.pcapPrefix = std::string(dir) + "/wan";
        p.bulk = false;
        p.duration = 4;
        L2tpv3BridgeScenario::Results r = L2tpv3BridgeScenario::RunOnce(p);
        NS_TEST_ASSERT_MSG_GT(r.repliesXtoY, 0, "pings answered");

        uint32_t cookieLength = p.manualCookie ? 4 : p.cookieLength;
        bool sublayer = p.sublayer == "default";
        std::ostringstream cmd;
        cmd << "tshark -r " << p.pcapPrefix << "-NetBSD_A-wm0.pcap"
            << " -o l2tp.cookie_size:cookie" << cookieLength
            << " -o l2tp.l2_specific:" << (sublayer ? "default" : "none")
            << " -d l2tp.pw_type==0,eth -Y l2tp -T fields -E occurrence=f"
            << " -e ipv6.src -e ip.src -e l2tp.sid -e l2tp.cookie -e l2tp.l2_spec_s"
            << " -e l2tp.l2_spec_sequence -e eth.type -e _ws.col.Protocol 2>/dev/null";
        std::string out = RunCommand(cmd.str(), status);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "tshark ran: " << cmd.str());

        // Per direction: the remote Session ID and remote cookie of the sender.
        std::string addressA = p.ipv6Underlay ? "2001:db8::1" : "192.168.0.1";
        std::map<bool, std::string> sid = {{true, Hex(p.remoteSessionId, 4)},
                                           {false, Hex(p.localSessionId, 4)}};
        std::map<bool, std::string> cookie = {{true, Hex(54321, cookieLength)},
                                              {false, Hex(12345, cookieLength)}};
        std::map<bool, uint32_t> packets;
        std::map<bool, int64_t> lastSequence = {{true, -1}, {false, -1}};
        uint32_t arp = 0;
        uint32_t echo = 0;
        for (const auto& f : Split(out))
        {
            // The inner frame's first protocol after the outer ones (eth.type lists both).
            std::string source = p.ipv6Underlay ? f[0] : f[1];
            bool fromA = source == addressA;
            ++packets[fromA];
            NS_TEST_EXPECT_MSG_EQ(f[2], "0x" + sid[fromA], "Session ID from " << source);
            if (cookieLength > 0)
            {
                NS_TEST_EXPECT_MSG_EQ(f[3], cookie[fromA], "cookie from " << source);
            }
            else
            {
                NS_TEST_EXPECT_MSG_EQ(f[3], "", "no cookie from " << source);
            }
            if (sublayer && p.sequencing)
            {
                NS_TEST_EXPECT_MSG_EQ(f[4], "1", "S bit from " << source);
                int64_t sequence = std::strtoll(f[5].c_str(), nullptr, 10);
                NS_TEST_EXPECT_MSG_EQ(sequence,
                                      lastSequence[fromA] + 1,
                                      "consecutive sequence numbers from " << source);
                lastSequence[fromA] = sequence;
            }
            std::string protocol = f[7];
            arp += protocol == "ARP" || protocol == "ICMPv6";
            echo += protocol == "ICMP" || protocol == "ICMPv6";
        }
        NS_TEST_EXPECT_MSG_GT(packets[true], 2, "L2TPv3 packets from NetBSD_A");
        NS_TEST_EXPECT_MSG_GT(packets[false], 2, "L2TPv3 packets from NetBSD_B");
        // Nothing on the WAN that is L2TPv3 by its IP protocol or port fails to decode.
        std::ostringstream undecoded;
        undecoded << "tshark -r " << p.pcapPrefix << "-NetBSD_A-wm0.pcap"
                  << " -o l2tp.cookie_size:cookie" << cookieLength
                  << " -o l2tp.l2_specific:" << (sublayer ? "default" : "none")
                  << " -Y '(ip.proto == 115 || ipv6.nxt == 115 || udp.port == 1701) && "
                     "!l2tp.sid' 2>/dev/null | wc -l";
        NS_TEST_EXPECT_MSG_EQ(std::atoi(RunCommand(undecoded.str(), status).c_str()),
                              0,
                              "every L2TPv3 packet on the WAN decoded");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(packets[true],
                                    r.pseudowireA.txPackets,
                                    "no more packets than NetBSD_A encapsulated");

        // The inner frames: ARP (or neighbour discovery) and ICMP echo.
        std::ostringstream inner;
        inner << "tshark -r " << p.pcapPrefix << "-NetBSD_A-wm0.pcap"
              << " -o l2tp.cookie_size:cookie" << cookieLength
              << " -o l2tp.l2_specific:" << (sublayer ? "default" : "none")
              << " -d l2tp.pw_type==0,eth -Y l2tp"
              << " -T fields -e frame.protocols 2>/dev/null";
        std::string stacks = RunCommand(inner.str(), status);
        auto count = [&stacks](const std::string& what) {
            uint32_t n = 0;
            for (std::size_t at = stacks.find(what); at != std::string::npos;
                 at = stacks.find(what, at + 1))
            {
                ++n;
            }
            return n;
        };
        // tshark names the pseudowire's Ethernet "ethertype" (or "eth:ethertype").
        for (std::size_t at = stacks.find("l2tp:eth:"); at != std::string::npos;
             at = stacks.find("l2tp:eth:"))
        {
            stacks.erase(at + 5, 4);
        }
        std::string l2tp = p.encapsulation == "udp" ? "udp:l2tp:ethertype:" : "l2tp:ethertype:";
        if (p.innerIpv6)
        {
            NS_TEST_EXPECT_MSG_GT(count(l2tp + "ipv6:icmpv6"), 0, "ICMPv6 inside Ethernet");
        }
        else
        {
            NS_TEST_EXPECT_MSG_GT(count(l2tp + "arp"), 0, "ARP inside Ethernet");
            NS_TEST_EXPECT_MSG_GT(count(l2tp + "ip:icmp"), 0, "ICMP inside Ethernet");
        }
        NS_TEST_EXPECT_MSG_GT(arp + echo, 0, "inner protocols decoded");
        RunCommand("rm -rf " + std::string(dir), status);
    }

    L2tpv3BridgeScenario::Parameters m_parameters; //!< the configuration
};

/**
 * \ingroup l2tp-tests
 * \brief The helper's traces of a pseudowire: pcap of the inner Ethernet frames, ascii lines.
 */
class L2tpv3PseudowireTraceTestCase : public TestCase
{
  public:
    L2tpv3PseudowireTraceTestCase()
        : TestCase("pseudowire pcap holds the inner Ethernet frames; ascii trace lines written")
    {
    }

  private:
    void DoRun() override
    {
        Packet::EnablePrinting(); // before any packet of this process, as ns-3 requires
        char pattern[] = "/tmp/l2tp-trace-XXXXXX";
        char* dir = mkdtemp(pattern);
        NS_TEST_ASSERT_MSG_NE(dir, nullptr, "temporary directory");
        L2tpv3BridgeScenario::Parameters p;
        p.pcap = true;
        p.pcapPrefix = std::string(dir) + "/pw";
        p.bulk = false;
        p.duration = 4;
        std::string ascii = std::string(dir) + "/pw.tr";
        L2tpv3BridgeScenario::Results r;
        {
            // The trace files are complete once the scenario (and its simulation) ends.
            L2tpv3BridgeScenario s(p);
            s.Build();
            L2tpv3Helper helper;
            AsciiTraceHelper trace;
            helper.EnableAscii(trace.CreateFileStream(ascii), s.GetPseudowire(0));
            r = s.Run();
        }

        int status;
        std::string frames =
            RunCommand("tshark -r " + p.pcapPrefix +
                           "-NetBSD_A-l2tp0.pcap -T fields -e frame.protocols 2>/dev/null",
                       status);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "tshark read the pseudowire's pcap");
        uint32_t lines = 0;
        uint32_t ethernet = 0;
        std::istringstream in(frames);
        std::string line;
        while (std::getline(in, line))
        {
            ++lines;
            ethernet += line.rfind("eth:ethertype:", 0) == 0;
        }
        NS_TEST_EXPECT_MSG_EQ(lines,
                              r.pseudowireA.txPackets + r.pseudowireA.rxPackets,
                              "one record per frame sent or received on l2tp0");
        NS_TEST_EXPECT_MSG_EQ(ethernet, lines, "every record an Ethernet frame (DLT_EN10MB)");
        NS_TEST_EXPECT_MSG_NE(frames.find("eth:ethertype:arp"), std::string::npos, "ARP");
        NS_TEST_EXPECT_MSG_NE(frames.find("eth:ethertype:ip:icmp"), std::string::npos, "ICMP");

        std::string plus = RunCommand("grep -c '^+' " + ascii, status);
        std::string received = RunCommand("grep -c '^r' " + ascii, status);
        NS_TEST_EXPECT_MSG_EQ(uint64_t(std::atoi(plus.c_str())),
                              r.pseudowireA.txPackets,
                              "a + line per frame sent");
        NS_TEST_EXPECT_MSG_GT(std::atoi(received.c_str()), 0, "r lines for frames received");
        RunCommand("rm -rf " + std::string(dir), status);
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Wireshark oracle test suite.
 */
class L2tpv3WiresharkTestSuite : public TestSuite
{
  public:
    L2tpv3WiresharkTestSuite()
        : TestSuite("l2tp-wireshark")
    {
        // First: ascii tracing turns packet metadata on, which must precede any packet.
        AddTestCase(new L2tpv3PseudowireTraceTestCase);
        L2tpv3BridgeScenario::Parameters p;
        AddTestCase(new L2tpv3WiresharkTestCase("IP, no cookie", p));
        p.manualCookie = true;
        AddTestCase(new L2tpv3WiresharkTestCase("IP, the manual's cookie 4 12345 4 54321", p));
        p.manualCookie = false;
        p.cookieLength = 8;
        AddTestCase(new L2tpv3WiresharkTestCase("IP, 8-byte cookie", p));
        p.ipv6Underlay = true;
        AddTestCase(new L2tpv3WiresharkTestCase("IP over IPv6, 8-byte cookie", p));
        p.innerIpv6 = true;
        AddTestCase(new L2tpv3WiresharkTestCase("IP over IPv6, inner IPv6", p));
        p.ipv6Underlay = false;
        p.innerIpv6 = false;
        p.encapsulation = "udp";
        p.cookieLength = 4;
        AddTestCase(new L2tpv3WiresharkTestCase("UDP, 4-byte cookie", p));
        p.sublayer = "default";
        p.sequencing = true;
        p.cookieLength = 8;
        AddTestCase(new L2tpv3WiresharkTestCase("UDP, 8-byte cookie, sublayer, sequencing", p));
        p.encapsulation = "ip";
        p.ipv6Underlay = true;
        AddTestCase(new L2tpv3WiresharkTestCase("IP over IPv6, sublayer, sequencing", p));
    }
};

/// Static instance.
static L2tpv3WiresharkTestSuite g_l2tpv3WiresharkTestSuite;
