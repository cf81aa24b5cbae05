/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Wireshark as the oracle for our wire format: the two-site scenario writes
// its WAN capture (<prefix>-NetBSD_A-wm0.pcap), tshark decodes it, and
//  - every L2TPv3 packet carries the Session ID, cookie (and UDP ports,
//    sublayer, sequence number) its sender's l2tp0 is configured to send;
//  - tshark finds exactly as many L2TPv3 packets each way as the receiving
//    pseudowire accepted, and exactly as many outer fragments as the routers
//    sent (it reassembles IPv4 and IPv6 fragments);
//  - the inner frames are Ethernet frames from the sending side's host,
//    carrying ARP (or neighbour discovery) and as many ICMP echo requests and
//    replies as the hosts' pingers counted.
// Expected values come from the devices the scenario built and from its
// results, never from the capture itself.

#include "l2tp-test-utils.h"

#include "ns3/address.h"
#include "ns3/arp-header.h"
#include "ns3/icmpv4.h"
#include "ns3/icmpv6-header.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/l2tpv3-bridge-scenario.h"
#include "ns3/l2tpv3-cookie.h"
#include "ns3/l2tpv3-helper.h"
#include "ns3/l2tpv3-net-device.h"
#include "ns3/mac48-address.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"
#include "ns3/test.h"
#include "ns3/trace-helper.h"
#include "ns3/uinteger.h"

#include <fstream>
#include <iomanip>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

/// l2tp(4) manual: `cookie 4 12345 4 54321` on NetBSD_A (local, then remote).
const uint64_t MANUAL_LOCAL_COOKIE = 12345;
/// NetBSD_A's remote cookie in the manual (NetBSD_B's local one).
const uint64_t MANUAL_REMOTE_COOKIE = 54321;

/// The fields of one tshark pass, in the order of the -e options.
enum Field
{
    IP_SRC,
    IP_MF,
    IP_FRAG_OFFSET,
    IPV6_SRC,
    IPV6_FRAG_ID,
    UDP_SRCPORT,
    UDP_DSTPORT,
    L2TP_VERSION,
    L2TP_SID,
    L2TP_COOKIE,
    L2TP_S,
    L2TP_SEQUENCE,
    ETH_SRC,
    ETH_DST,
    ETH_TYPE,
    ARP_OPCODE,
    ARP_SRC_IP,
    ARP_DST_IP,
    ICMP_TYPE,
    ICMPV6_TYPE,
    ND_NS_TARGET,
    ND_NA_TARGET,
    FIELD_COUNT
};

/// tshark's names of the fields (tshark -G fields), indexed by Field.
const char* const FIELD_NAMES[FIELD_COUNT] = {
    "ip.src",
    "ip.flags.mf",
    "ip.frag_offset",
    "ipv6.src",
    "ipv6.fraghdr.ident",
    "udp.srcport",
    "udp.dstport",
    "l2tp.version",
    "l2tp.sid",
    "l2tp.cookie",
    "l2tp.l2_spec_s",
    "l2tp.l2_spec_sequence",
    "eth.src",
    "eth.dst",
    "eth.type",
    "arp.opcode",
    "arp.src.proto_ipv4",
    "arp.dst.proto_ipv4",
    "icmp.type",
    "icmpv6.type",
    "icmpv6.nd.ns.target_address",
    "icmpv6.nd.na.target_address",
};

/**
 * \brief One frame as tshark decoded it: every occurrence of every field, outermost first.
 */
class DecodedFrame
{
  public:
    /** \param row the tab-separated fields of one line of `-E occurrence=a` output */
    explicit DecodedFrame(const std::vector<std::string>& row)
        : m_values(FIELD_COUNT)
    {
        for (std::size_t f = 0; f < FIELD_COUNT && f < row.size(); ++f)
        {
            std::istringstream occurrences(row[f]);
            std::string value;
            while (std::getline(occurrences, value, ','))
            {
                m_values[f].push_back(value);
            }
        }
    }

    /**
     * \param f a field
     * \return its first (outermost) occurrence, "" if absent
     */
    std::string First(Field f) const
    {
        return m_values[f].empty() ? "" : m_values[f].front();
    }

    /**
     * \param f a field
     * \return its last (innermost) occurrence, "" if absent
     */
    std::string Last(Field f) const
    {
        return m_values[f].empty() ? "" : m_values[f].back();
    }

    /**
     * \param f a field
     * \return how many times it occurs
     */
    std::size_t Count(Field f) const
    {
        return m_values[f].size();
    }

  private:
    std::vector<std::vector<std::string>> m_values; //!< occurrences, by field
};

/**
 * \param value a field value
 * \return true for a set boolean (tshark writes 1, or True in newer versions)
 */
bool
IsSet(const std::string& value)
{
    return value == "1" || value == "True" || value == "true";
}

/**
 * \param value a decimal field value ("" counts as -1)
 * \return the number
 */
int64_t
Number(const std::string& value)
{
    return value.empty() ? -1 : std::strtoll(value.c_str(), nullptr, 10);
}

/**
 * \param text an address as tshark writes it
 * \param address an Ipv4Address or Ipv6Address
 * \return true when they are the same address (IPv6 text may be compressed either way)
 */
bool
SameAddress(const std::string& text, const Address& address)
{
    if (text.empty())
    {
        return false;
    }
    if (Ipv4Address::IsMatchingType(address))
    {
        return Ipv4Address(text.c_str()) == Ipv4Address::ConvertFrom(address);
    }
    return Ipv6Address(text.c_str()) == Ipv6Address::ConvertFrom(address);
}

/**
 * \param text an address as tshark writes it
 * \param host an address as the scenario writes it (GetHostAddress)
 * \return true when they are the same IPv4 or IPv6 address
 */
bool
SameHostAddress(const std::string& text, const std::string& host)
{
    if (text.empty())
    {
        return false;
    }
    if (host.find(':') == std::string::npos)
    {
        return Ipv4Address(text.c_str()) == Ipv4Address(host.c_str());
    }
    return Ipv6Address(text.c_str()) == Ipv6Address(host.c_str());
}

/**
 * \param id a Session ID
 * \return tshark's rendering of l2tp.sid
 */
std::string
SessionIdText(uint32_t id)
{
    std::ostringstream os;
    os << "0x" << std::hex << std::setfill('0') << std::setw(8) << id;
    return os.str();
}

/**
 * \param cookieLength 0, 4 or 8
 * \param sublayer "none" or "default"
 * \return tshark options that decode L2TPv3 data packets of such a session as Ethernet
 */
std::string
TsharkL2tpOptions(uint32_t cookieLength, const std::string& sublayer)
{
    // The cookie length and the sublayer are not on the wire (RFC 3931 §4.1): tell tshark.
    return " -o l2tp.cookie_size:cookie" + std::to_string(cookieLength) +
           " -o l2tp.l2_specific:" + sublayer + " -d l2tp.pw_type==0,eth";
}

/**
 * \brief Run tshark.
 * \param arguments its arguments
 * \param dir a scratch directory for its standard error
 * \param [out] status its exit status
 * \param [out] errors what it wrote on standard error
 * \return what it wrote on standard output
 */
std::string
RunTshark(const std::string& arguments, const std::string& dir, int& status, std::string& errors)
{
    std::string errorFile = dir + "/tshark.err";
    std::string out = RunCommand("tshark " + arguments + " 2>" + errorFile, status);
    std::ifstream in(errorFile);
    errors.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return out;
}

/**
 * \param p the scenario's parameters
 * \return the configuration in a few words
 */
std::string
Describe(const L2tpv3BridgeScenario::Parameters& p)
{
    std::ostringstream os;
    os << (p.encapsulation == "udp" ? "UDP" : "IP") << " over "
       << (p.ipv6Underlay ? "IPv6" : "IPv4");
    if (p.manualCookie)
    {
        os << ", the manual's cookie 4 12345 4 54321";
    }
    else if (p.cookieLength > 0)
    {
        os << ", " << p.cookieLength << "-byte cookie";
    }
    else
    {
        os << ", no cookie";
    }
    os << (p.sublayer == "default" ? ", sublayer" : "") << (p.sequencing ? ", sequencing" : "")
       << (p.innerIpv6 ? ", inner IPv6" : "");
    return os.str();
}

/**
 * \brief What one router's l2tp0 sends, read from the device, and what its side's host is.
 */
struct Sender
{
    std::string name;               //!< NetBSD_A or NetBSD_B
    Address tunnelSource;           //!< outer source address
    std::string sessionId;          //!< remote Session ID, as tshark writes it
    std::string cookie;             //!< remote cookie, as tshark writes it
    uint64_t udpSourcePort{0};      //!< UDP source port (udp encapsulation)
    uint64_t udpDestinationPort{0}; //!< UDP destination port (udp encapsulation)
    Mac48Address hostMac;           //!< the LAN host whose frames this side sends
    std::string farHost;            //!< the other side's host address
};

/**
 * \brief What tshark showed from one sender.
 */
struct Seen
{
    uint64_t packets{0};           //!< L2TPv3 packets (reassembled)
    uint64_t resolveFarHost{0};    //!< ARP requests / neighbour solicitations for the far host
    uint64_t resolvedAsFarHost{0}; //!< ARP replies / neighbour advertisements by the far host
    uint64_t echoRequests{0};      //!< ICMP(v6) echo requests inside
    uint64_t echoReplies{0};       //!< ICMP(v6) echo replies inside
    int64_t lastSequence{-1};      //!< last sublayer sequence number
};

} // namespace

/**
 * \ingroup l2tp-tests
 * \brief One configuration of the two-site scenario, its WAN capture decoded by tshark.
 */
class L2tpv3WiresharkTestCase : public TestCase
{
  public:
    /**
     * \param p the scenario's parameters
     * \param largestPings ping with the largest payload the LAN MTU takes, so that the outer
     *        packets are fragmented
     */
    explicit L2tpv3WiresharkTestCase(const L2tpv3BridgeScenario::Parameters& p,
                                     bool largestPings = false)
        : TestCase(Describe(p) + (largestPings ? ", outer fragments" : "") +
                   ": tshark decodes each direction's Session ID and cookie" +
                   (largestPings ? " after reassembly" : "") + ", inner Ethernet with " +
                   (p.innerIpv6 ? "ND and ICMPv6 echo" : "ARP and ICMP echo")),
          m_parameters(p),
          m_largestPings(largestPings)
    {
    }

  private:
    void DoRun() override
    {
        // ns-3's ASSERT macros return only under --stop-on-failure: leave explicitly.
        bool tshark = HaveProgram("tshark");
        NS_TEST_ASSERT_MSG_EQ(tshark,
                              true,
                              "tshark not found on PATH (utils/install-deps installs it)");
        if (!tshark)
        {
            return;
        }
        TemporaryDirectory dir("l2tp-wireshark");
        NS_TEST_ASSERT_MSG_NE(dir.GetPath(), "", "temporary directory created");
        if (dir.GetPath().empty())
        {
            return;
        }

        L2tpv3BridgeScenario::Parameters p = m_parameters;
        p.pcap = true;
        p.pcapPrefix = dir.GetPath() + "/wan";
        p.bulk = false;
        p.duration = 4;
        if (m_largestPings)
        {
            // IP header and ICMP(v6) echo header: the echo fills a LAN MTU, its frame does
            // not fit in the WAN MTU once encapsulated.
            p.pingSize = p.lanMtu - (p.innerIpv6 ? 40 + 8 : 20 + 8);
        }
        const uint32_t cookieLength = p.manualCookie ? 4 : p.cookieLength;

        std::vector<Sender> senders;
        L2tpv3BridgeScenario::Results r;
        {
            L2tpv3BridgeScenario scenario(p);
            scenario.Build();
            Ptr<L2tpv3NetDevice> a = scenario.GetPseudowire(0);
            Ptr<L2tpv3NetDevice> b = scenario.GetPseudowire(1);
            CheckConfiguration(p, cookieLength, a, b);
            for (uint32_t i = 0; i < 2; ++i)
            {
                Ptr<L2tpv3NetDevice> d = scenario.GetPseudowire(i);
                Sender s;
                s.name = i == 0 ? "NetBSD_A" : "NetBSD_B";
                s.tunnelSource = d->GetTunnelSource();
                s.sessionId = SessionIdText(d->GetRemoteSessionId());
                L2tpv3Cookie cookie = d->GetRemoteCookie();
                s.cookie = ToHex(cookie.GetBytes().data(), cookie.GetLength());
                UintegerValue port;
                d->GetAttribute("UdpSourcePort", port);
                s.udpSourcePort = port.Get();
                d->GetAttribute("UdpDestinationPort", port);
                s.udpDestinationPort = port.Get();
                s.hostMac = Mac48Address::ConvertFrom(scenario.GetHostDevice(i)->GetAddress());
                s.farHost = scenario.GetHostAddress(1 - i);
                senders.push_back(s);
            }
            r = scenario.Run();
        } // the scenario's end closes the pcap files

        NS_TEST_ASSERT_MSG_GT(r.pingsXtoY, 0, "Host_X pinged");
        NS_TEST_ASSERT_MSG_GT(r.pingsYtoX, 0, "Host_Y pinged");
        if (m_largestPings)
        {
            NS_TEST_ASSERT_MSG_GT(r.wanFragments, 0, "the routers fragmented outer packets");
        }

        std::ostringstream arguments;
        arguments << "-r " << p.pcapPrefix << "-NetBSD_A-wm0.pcap"
                  << TsharkL2tpOptions(cookieLength, p.sublayer) << " -T fields -E occurrence=a";
        for (const char* name : FIELD_NAMES)
        {
            arguments << " -e " << name;
        }
        int status;
        std::string errors;
        std::string out = RunTshark(arguments.str(), dir.GetPath(), status, errors);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "tshark " << arguments.str() << ": " << errors);
        if (status != 0)
        {
            return;
        }

        Seen seen[2];
        uint64_t fragments = 0;
        for (const auto& row : SplitFields(out))
        {
            DecodedFrame f(row);
            // The first (outer) IP header is the tunnel's; the inner one is the hosts'.
            std::string source = f.First(p.ipv6Underlay ? IPV6_SRC : IP_SRC);
            bool fragment = p.ipv6Underlay
                                ? !f.First(IPV6_FRAG_ID).empty()
                                : (IsSet(f.First(IP_MF)) || Number(f.First(IP_FRAG_OFFSET)) > 0);
            fragments += fragment;
            if (f.First(L2TP_SID).empty())
            {
                continue; // the routers' ARP or ND, or a fragment tshark has not reassembled yet
            }
            int i = SameAddress(source, senders[0].tunnelSource)   ? 0
                    : SameAddress(source, senders[1].tunnelSource) ? 1
                                                                   : -1;
            NS_TEST_EXPECT_MSG_NE(i, -1, "L2TPv3 packet from a tunnel endpoint, not " << source);
            if (i < 0)
            {
                continue;
            }
            const Sender& s = senders[i];
            Seen& n = seen[i];
            ++n.packets;
            NS_TEST_EXPECT_MSG_EQ(f.First(L2TP_SID), s.sessionId, "Session ID from " << s.name);
            NS_TEST_EXPECT_MSG_EQ(f.First(L2TP_COOKIE), s.cookie, "cookie from " << s.name);
            if (p.encapsulation == "udp")
            {
                NS_TEST_EXPECT_MSG_EQ(Number(f.First(UDP_SRCPORT)),
                                      int64_t(s.udpSourcePort),
                                      "UDP source port from " << s.name);
                NS_TEST_EXPECT_MSG_EQ(Number(f.First(UDP_DSTPORT)),
                                      int64_t(s.udpDestinationPort),
                                      "UDP destination port from " << s.name);
                NS_TEST_EXPECT_MSG_EQ(f.First(L2TP_VERSION), "3", "version from " << s.name);
            }
            else
            {
                NS_TEST_EXPECT_MSG_EQ(f.Count(UDP_SRCPORT), 0, "no UDP from " << s.name);
            }
            if (p.sublayer == "default")
            {
                NS_TEST_EXPECT_MSG_EQ(IsSet(f.First(L2TP_S)),
                                      p.sequencing,
                                      "sublayer S bit from " << s.name);
                if (p.sequencing)
                {
                    // RFC 3931 Appendix C: each session's numbers start at 0 and go up by one.
                    int64_t sequence = Number(f.First(L2TP_SEQUENCE));
                    NS_TEST_EXPECT_MSG_EQ(sequence,
                                          n.lastSequence + 1,
                                          "consecutive sequence numbers from " << s.name);
                    n.lastSequence = sequence;
                }
            }

            // The inner frame: Ethernet (a second eth layer), from this side's host.
            NS_TEST_EXPECT_MSG_EQ(f.Count(ETH_SRC), 2, "an inner Ethernet frame from " << s.name);
            if (f.Count(ETH_SRC) != 2)
            {
                continue;
            }
            NS_TEST_EXPECT_MSG_EQ(Mac48Address(f.Last(ETH_SRC).c_str()),
                                  s.hostMac,
                                  "inner source is the host behind " << s.name);
            if (p.innerIpv6)
            {
                int64_t type = Number(f.Last(ICMPV6_TYPE));
                n.resolveFarHost += type == Icmpv6Header::ICMPV6_ND_NEIGHBOR_SOLICITATION &&
                                    SameHostAddress(f.Last(ND_NS_TARGET), s.farHost);
                n.resolvedAsFarHost +=
                    type == Icmpv6Header::ICMPV6_ND_NEIGHBOR_ADVERTISEMENT &&
                    SameHostAddress(f.Last(ND_NA_TARGET), senders[1 - i].farHost);
                n.echoRequests += type == Icmpv6Header::ICMPV6_ECHO_REQUEST;
                n.echoReplies += type == Icmpv6Header::ICMPV6_ECHO_REPLY;
            }
            else
            {
                int64_t opcode = Number(f.Last(ARP_OPCODE));
                n.resolveFarHost += opcode == ArpHeader::ARP_TYPE_REQUEST &&
                                    SameHostAddress(f.Last(ARP_DST_IP), s.farHost);
                n.resolvedAsFarHost += opcode == ArpHeader::ARP_TYPE_REPLY &&
                                       SameHostAddress(f.Last(ARP_SRC_IP), senders[1 - i].farHost);
                int64_t type = Number(f.Last(ICMP_TYPE));
                n.echoRequests += type == Icmpv4Header::ICMPV4_ECHO;
                n.echoReplies += type == Icmpv4Header::ICMPV4_ECHO_REPLY;
            }
        }

        // tshark decodes as many L2TPv3 packets each way as the receiving l2tp0 accepted,
        // and no more than the sending one encapsulated: the underlay may lose some (at the
        // start, the WAN's ARP queue holds three packets while it resolves the peer).
        NS_TEST_EXPECT_MSG_EQ(r.pseudowireA.GetTotalDrops() + r.pseudowireB.GetTotalDrops() +
                                  r.protocolA.GetTotalDrops() + r.protocolB.GetTotalDrops(),
                              0,
                              "no L2TPv3 drop");
        NS_TEST_EXPECT_MSG_EQ(seen[0].packets, r.pseudowireB.rxPackets, "A to B: as B received");
        NS_TEST_EXPECT_MSG_EQ(seen[1].packets, r.pseudowireA.rxPackets, "B to A: as A received");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(seen[0].packets, r.pseudowireA.txPackets, "A encapsulated");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(seen[1].packets, r.pseudowireB.txPackets, "B encapsulated");
        NS_TEST_EXPECT_MSG_EQ(fragments, r.wanFragments, "outer fragments the routers sent");

        // Host_X resolves Host_Y across the pseudowire: the request leaves through
        // NetBSD_A, Host_Y's answer through NetBSD_B.
        std::string resolution = p.innerIpv6 ? "neighbour solicitation" : "ARP request";
        NS_TEST_EXPECT_MSG_GT(seen[0].resolveFarHost, 0, resolution << " for Host_Y from A");
        NS_TEST_EXPECT_MSG_GT(seen[1].resolvedAsFarHost, 0, "Host_Y's answer from NetBSD_B");
        // Each echo crosses the WAN once: A carries Host_X's requests and its replies
        // to Host_Y, B the mirror.
        NS_TEST_EXPECT_MSG_EQ(seen[0].echoRequests, r.pingsXtoY, "echo requests from A");
        NS_TEST_EXPECT_MSG_EQ(seen[0].echoReplies, r.repliesYtoX, "echo replies from A");
        NS_TEST_EXPECT_MSG_EQ(seen[1].echoRequests, r.pingsYtoX, "echo requests from B");
        NS_TEST_EXPECT_MSG_EQ(seen[1].echoReplies, r.repliesXtoY, "echo replies from B");
    }

    /**
     * \brief The scenario configured l2tp0 as its parameters and the l2tp(4) manual say.
     * \param p the parameters
     * \param cookieLength the cookie length they ask for
     * \param a NetBSD_A's l2tp0
     * \param b NetBSD_B's l2tp0
     */
    void CheckConfiguration(const L2tpv3BridgeScenario::Parameters& p,
                            uint32_t cookieLength,
                            Ptr<L2tpv3NetDevice> a,
                            Ptr<L2tpv3NetDevice> b)
    {
        NS_TEST_EXPECT_MSG_EQ(a->GetLocalSessionId(), p.localSessionId, "A's local Session ID");
        NS_TEST_EXPECT_MSG_EQ(a->GetRemoteSessionId(), p.remoteSessionId, "A's remote ID");
        NS_TEST_EXPECT_MSG_EQ(b->GetLocalSessionId(), p.remoteSessionId, "B's local ID");
        NS_TEST_EXPECT_MSG_EQ(b->GetRemoteSessionId(), p.localSessionId, "B's remote ID");
        L2tpv3Cookie local;
        L2tpv3Cookie remote;
        if (cookieLength > 0)
        {
            local = L2tpv3Cookie(cookieLength, MANUAL_LOCAL_COOKIE);
            remote = L2tpv3Cookie(cookieLength, MANUAL_REMOTE_COOKIE);
        }
        NS_TEST_EXPECT_MSG_EQ(a->GetLocalCookie(), local, "A's local cookie");
        NS_TEST_EXPECT_MSG_EQ(a->GetRemoteCookie(), remote, "A's remote cookie");
        NS_TEST_EXPECT_MSG_EQ(b->GetLocalCookie(), remote, "B's local cookie");
        NS_TEST_EXPECT_MSG_EQ(b->GetRemoteCookie(), local, "B's remote cookie");
        NS_TEST_EXPECT_MSG_EQ(a->GetTunnelDestination(), b->GetTunnelSource(), "A's peer is B");
        NS_TEST_EXPECT_MSG_EQ(b->GetTunnelDestination(), a->GetTunnelSource(), "B's peer is A");
    }

    L2tpv3BridgeScenario::Parameters m_parameters; //!< the configuration
    bool m_largestPings;                           //!< ping with LAN-MTU-sized packets
};

/**
 * \ingroup l2tp-tests
 * \brief The helper's traces of a pseudowire: pcap of the inner Ethernet frames, ascii lines.
 */
class L2tpv3PseudowireTraceTestCase : public TestCase
{
  public:
    L2tpv3PseudowireTraceTestCase()
        : TestCase("pseudowire pcap holds every inner Ethernet frame; ascii + and r lines "
                   "for frames sent and frames received for the node")
    {
    }

  private:
    void DoRun() override
    {
        Packet::EnablePrinting(); // before any packet of this process, as ns-3 requires
        // ns-3's ASSERT macros return only under --stop-on-failure: leave explicitly.
        bool tshark = HaveProgram("tshark");
        NS_TEST_ASSERT_MSG_EQ(tshark,
                              true,
                              "tshark not found on PATH (utils/install-deps installs it)");
        if (!tshark)
        {
            return;
        }
        TemporaryDirectory dir("l2tp-trace");
        NS_TEST_ASSERT_MSG_NE(dir.GetPath(), "", "temporary directory created");
        if (dir.GetPath().empty())
        {
            return;
        }
        L2tpv3BridgeScenario::Parameters p;
        p.pcap = true;
        p.pcapPrefix = dir.GetPath() + "/pw";
        p.bulk = false;
        p.duration = 4;
        std::string ascii = dir.GetPath() + "/pw.tr";
        Mac48Address hostY;
        L2tpv3BridgeScenario::Results r;
        {
            // The trace files are complete once the scenario (and its simulation) ends.
            L2tpv3BridgeScenario s(p);
            s.Build();
            hostY = Mac48Address::ConvertFrom(s.GetHostDevice(1)->GetAddress());
            L2tpv3Helper helper;
            AsciiTraceHelper trace;
            helper.EnableAscii(trace.CreateFileStream(ascii), s.GetPseudowire(0));
            r = s.Run();
        }

        int status;
        std::string errors;
        std::string out = RunTshark("-r " + p.pcapPrefix +
                                        "-NetBSD_A-l2tp0.pcap -T fields -e frame.protocols"
                                        " -e eth.src -e eth.dst",
                                    dir.GetPath(),
                                    status,
                                    errors);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "tshark read the pseudowire's pcap: " << errors);
        if (status != 0)
        {
            return;
        }
        uint64_t records = 0;
        uint64_t ethernet = 0;
        uint64_t receivedForNode = 0;
        bool arp = false;
        bool icmp = false;
        for (const auto& row : SplitFields(out))
        {
            NS_TEST_EXPECT_MSG_EQ(row.size(), 3, "three fields per record");
            if (row.size() != 3)
            {
                continue;
            }
            ++records;
            ethernet += row[0].rfind("eth:ethertype:", 0) == 0;
            arp = arp || row[0].find(":arp") != std::string::npos;
            icmp = icmp || row[0].find(":ip:icmp") != std::string::npos;
            // MacRx (the r lines) sees only frames for the node: here the broadcasts and
            // multicasts from Host_Y; its unicasts to Host_X are OTHERHOST.
            receivedForNode +=
                Mac48Address(row[1].c_str()) == hostY && Mac48Address(row[2].c_str()).IsGroup();
        }
        NS_TEST_EXPECT_MSG_EQ(records,
                              r.pseudowireA.txPackets + r.pseudowireA.rxPackets,
                              "one record per frame sent or received on l2tp0");
        NS_TEST_EXPECT_MSG_EQ(ethernet, records, "every record an Ethernet frame (DLT_EN10MB)");
        NS_TEST_EXPECT_MSG_EQ(arp, true, "ARP among the frames");
        NS_TEST_EXPECT_MSG_EQ(icmp, true, "ICMP among the frames");

        uint64_t plus = 0;
        uint64_t received = 0;
        std::ifstream in(ascii);
        std::string line;
        while (std::getline(in, line))
        {
            plus += line.rfind('+', 0) == 0;
            received += line.rfind('r', 0) == 0;
        }
        NS_TEST_EXPECT_MSG_EQ(plus, r.pseudowireA.txPackets, "a + line per frame sent");
        NS_TEST_EXPECT_MSG_GT(receivedForNode, 0, "broadcasts from Host_Y received");
        NS_TEST_EXPECT_MSG_EQ(received, receivedForNode, "an r line per frame for the node");
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

        // The manual's two-site setup over both underlays, with every cookie size and both
        // inner families; outer fragments where the pings fill the LAN MTU; then UDP and the
        // default sublayer with sequencing, as Linux sends them.
        L2tpv3BridgeScenario::Parameters p;
        AddTestCase(new L2tpv3WiresharkTestCase(p));
        p.manualCookie = true;
        AddTestCase(new L2tpv3WiresharkTestCase(p));
        AddTestCase(new L2tpv3WiresharkTestCase(p, true));
        p.manualCookie = false;
        p.cookieLength = 8;
        AddTestCase(new L2tpv3WiresharkTestCase(p));
        p.innerIpv6 = true;
        AddTestCase(new L2tpv3WiresharkTestCase(p, true));
        p.ipv6Underlay = true;
        AddTestCase(new L2tpv3WiresharkTestCase(p));
        p.innerIpv6 = false;
        AddTestCase(new L2tpv3WiresharkTestCase(p));
        AddTestCase(new L2tpv3WiresharkTestCase(p, true));

        p.ipv6Underlay = false;
        p.encapsulation = "udp";
        p.cookieLength = 4;
        AddTestCase(new L2tpv3WiresharkTestCase(p));
        p.sublayer = "default";
        p.sequencing = true;
        p.cookieLength = 8;
        AddTestCase(new L2tpv3WiresharkTestCase(p));
        p.encapsulation = "ip";
        p.ipv6Underlay = true;
        AddTestCase(new L2tpv3WiresharkTestCase(p));
    }
};

/// Static instance.
static L2tpv3WiresharkTestSuite g_l2tpv3WiresharkTestSuite;
