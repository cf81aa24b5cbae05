/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/*
 * The l2tp(4) manual's two sites, with the control plane bringing the
 * pseudowires up instead of static sessions:
 *
 *   Host_X --wm1-- NetBSD_A --wm0===== WAN =====wm0-- NetBSD_B --wm1-- Host_Y
 *                  bridge0 = wm1 + l2tp0              bridge0 = wm1 + l2tp0
 *
 * NetBSD_A's LCCE opens a control connection to NetBSD_B's (SCCRQ, SCCRP,
 * SCCCN) and asks for one pseudowire per --sessions (ICRQ, ICRP, ICCN);
 * each LCCE creates its l2tp0 with the negotiated Session IDs and cookies
 * and bridges the first with wm1. Host_X and Host_Y then ping each other.
 * The program prints the control messages as they cross and a summary.
 */

#include "ns3/applications-module.h"
#include "ns3/bridge-module.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-module.h"
#include "ns3/l2tp-module.h"
#include "ns3/l2tp-scenario-module.h"
#include "ns3/network-module.h"

#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>

using namespace ns3;

namespace
{

/// Prints the timeline: one line per control message sent or received by a router.
void
PrintMessage(std::string node, std::string direction, uint32_t, const L2tpv3ControlMessage& m)
{
    std::cout << std::fixed << std::setprecision(6) << std::setw(11)
              << Simulator::Now().GetSeconds() << "  " << std::setw(8) << std::left << node
              << std::right << " " << direction << " " << std::setw(7) << std::left
              << L2tpv3MessageTypeName(static_cast<uint16_t>(m.GetMessageType())) << std::right
              << " ns=" << m.GetNs() << " nr=" << m.GetNr() << "\n";
}

/// An address as the manual writes it.
std::string
Show(const Address& a)
{
    std::ostringstream os;
    if (Ipv4Address::IsMatchingType(a))
    {
        os << Ipv4Address::ConvertFrom(a);
    }
    else
    {
        os << Ipv6Address::ConvertFrom(a);
    }
    return os.str();
}

int
Fail(const std::string& message)
{
    std::cerr << message << "\n";
    return 1;
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string encap = "ip";
    bool ipv6 = false;
    uint32_t cookieLen = 0;
    bool sublayer = false;
    bool seq = false;
    uint32_t sessions = 1;
    double loss = 0;
    double hello = 60;
    double failAt = -1;
    double recoverAt = -1;
    bool pcap = false;
    double time = 0;
    uint32_t retries = 3;
    bool quiet = false;
    std::string secret;
    std::string peerSecret = "=secret";
    std::string digest = "md5";
    bool hide = false;

    CommandLine cmd(__FILE__);
    cmd.AddValue("encap", "ip (protocol 115) or udp (port 1701)", encap);
    cmd.AddValue("ipv6", "IPv6 WAN (2001:db8::1 and ::2)", ipv6);
    cmd.AddValue("cookieLen", "cookie octets each session assigns: 0, 4 or 8", cookieLen);
    cmd.AddValue("sublayer", "the default L2-Specific Sublayer", sublayer);
    cmd.AddValue("seq", "ask for sequence numbers (implies --sublayer)", seq);
    cmd.AddValue("sessions", "pseudowires over the one control connection", sessions);
    cmd.AddValue("loss", "probability that the WAN loses a packet, each way", loss);
    cmd.AddValue("hello", "HELLO interval in seconds", hello);
    cmd.AddValue("failAt", "time the WAN goes down (seconds; negative: never)", failAt);
    cmd.AddValue("recoverAt", "time the WAN comes back (seconds; negative: never)", recoverAt);
    cmd.AddValue("pcap", "write l2tp-control-example-<node>-<device>.pcap", pcap);
    cmd.AddValue("retries",
                 "MaxRetries: retransmissions before the peer is declared dead",
                 retries);
    cmd.AddValue("time", "simulated seconds (0: 10, or recoverAt + 20, or failAt + 40)", time);
    cmd.AddValue("quiet", "no timeline, only the summary", quiet);
    cmd.AddValue("secret",
                 "shared secret of NetBSD_A: Message Digests and Nonces (RFC 3931 §4.3); "
                 "empty: no authentication",
                 secret);
    cmd.AddValue("peerSecret", "NetBSD_B's secret (default: the same as --secret)", peerSecret);
    cmd.AddValue("digest", "md5 or sha1: the Message Digest the LCCEs send", digest);
    cmd.AddValue("hide", "hide the AVPs that may be hidden (§5.3; needs --secret)", hide);
    cmd.Parse(argc, argv);

    try
    {
        L2tpv3ParseEncapsulation(encap, "encap", L2tpv3NameWording::OPTION);
    }
    catch (const std::invalid_argument& e)
    {
        return Fail(e.what());
    }
    if (cookieLen != 0 && cookieLen != 4 && cookieLen != 8)
    {
        return Fail("cookieLen=" + std::to_string(cookieLen) + ": must be 0, 4 or 8");
    }
    if (sessions < 1 || sessions > 10000)
    {
        return Fail("sessions=" + std::to_string(sessions) + ": must be 1 to 10000");
    }
    if (loss < 0 || loss >= 1)
    {
        return Fail("loss=" + std::to_string(loss) + ": must be at least 0 and below 1");
    }
    if (hello <= 0)
    {
        return Fail("hello=" + std::to_string(hello) + ": must be positive");
    }
    if (time < 0)
    {
        return Fail("time=" + std::to_string(time) + ": must be positive");
    }
    if (time == 0)
    {
        time = recoverAt >= 0 ? recoverAt + 20 : (failAt >= 0 ? failAt + 40 : 10);
    }
    if (recoverAt >= 0 && (failAt < 0 || recoverAt <= failAt))
    {
        return Fail("recoverAt needs a failAt before it");
    }
    if (digest != "md5" && digest != "sha1")
    {
        return Fail("digest=" + digest + ": must be md5 or sha1");
    }
    if (peerSecret == "=secret")
    {
        peerSecret = secret;
    }
    if (hide && (secret.empty() || peerSecret.empty()))
    {
        return Fail("hide needs --secret (and a non-empty --peerSecret): RFC 3931 §5.3");
    }
    sublayer = sublayer || seq;

    // The manual's two sites (nodes, WAN, LANs, addresses): l2tp0 is the LCCEs' to create.
    L2tpv3TwoSiteTopology topology;
    topology.CreateNodes();
    const NodeContainer& nodes = topology.GetNodes();
    Ptr<Node> routerA = topology.GetRouterA();
    Ptr<Node> routerB = topology.GetRouterB();
    Ptr<Node> hostX = topology.GetHostX();
    Ptr<Node> hostY = topology.GetHostY();

    // The WAN, lossy both ways when asked: each wm0 drops what it receives at rate --loss.
    CsmaHelper wan;
    wan.SetChannelAttribute("DataRate", StringValue("100Mbps"));
    wan.SetChannelAttribute("Delay", TimeValue(MilliSeconds(5)));
    NetDeviceContainer wanDevices = topology.InstallWan(wan);
    std::vector<Ptr<RateErrorModel>> errors;
    for (uint32_t i = 0; i < 2; ++i)
    {
        Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
        em->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
        em->SetRate(loss);
        em->AssignStreams(100 + i);
        wanDevices.Get(i)->SetAttribute("ReceiveErrorModel", PointerValue(em));
        errors.push_back(em);
    }

    CsmaHelper lan;
    lan.SetChannelAttribute("DataRate", StringValue("100Mbps"));
    lan.SetChannelAttribute("Delay", TimeValue(MicroSeconds(1)));
    topology.InstallLans(lan);

    InternetStackHelper stack;
    topology.InstallInternet(stack);
    stack.AssignStreams(nodes, 1);

    topology.AssignWanAddresses(ipv6, L2tpv3TwoSiteTopology::Ipv6Numbering::FROM_MAC);
    Address addressA = topology.GetWanAddress(0);
    Address addressB = topology.GetWanAddress(1);

    // bridge0 on each router, with wm1: the LCCE adds l2tp0 (down until its session is up).
    topology.InstallBridges();
    Ptr<BridgeNetDevice> bridgeA = DynamicCast<BridgeNetDevice>(topology.GetBridges().Get(0));
    Ptr<BridgeNetDevice> bridgeB = DynamicCast<BridgeNetDevice>(topology.GetBridges().Get(1));

    // The LCCEs: NetBSD_A initiates, NetBSD_B offers the pseudowires by Remote End ID.
    L2tpv3LcceHelper lcce;
    lcce.SetAttribute("Encapsulation", StringValue(encap));
    lcce.SetAttribute("CookieLength", UintegerValue(cookieLen));
    lcce.SetAttribute("L2SpecificSublayer", StringValue(sublayer ? "default" : "none"));
    lcce.SetAttribute("DataSequencing", BooleanValue(seq));
    lcce.SetAttribute("HelloInterval", TimeValue(Seconds(hello)));
    // A short retransmission cycle (1 + 2 + 4 + 4 s with the defaults) so that a WAN failure
    // is found within the run: HELLO interval + cycle (RFC 3931 §4.2, §4.4).
    lcce.SetAttribute("MaxRetries", UintegerValue(retries));
    lcce.SetAttribute("RetransmitCap", TimeValue(Seconds(4)));
    lcce.SetAttribute("DigestAlgorithm", StringValue(digest == "sha1" ? "SHA-1" : "MD5"));
    lcce.SetAttribute("HideAvps", BooleanValue(hide));
    lcce.SetAttribute("HostName", StringValue("NetBSD_A"));
    lcce.SetAttribute("Secret", StringValue(secret));
    Ptr<L2tpv3Lcce> lcceA = lcce.Install(routerA);
    lcce.SetAttribute("HostName", StringValue("NetBSD_B"));
    lcce.SetAttribute("Secret", StringValue(peerSecret));
    Ptr<L2tpv3Lcce> lcceB = lcce.Install(routerB);
    lcceA->AssignStreams(10);
    lcceB->AssignStreams(20);
    uint32_t peer = lcceA->AddPeer(addressA, addressB);
    for (uint32_t k = 1; k <= sessions; ++k)
    {
        std::string id = "pw" + std::to_string(k);
        lcceA->AddPseudowire(peer, id, k == 1 ? bridgeA : nullptr);
        lcceB->OfferPseudowire(id, k == 1 ? bridgeB : nullptr);
    }

    Names::Add("NetBSD_A/l2tp0", lcceA->GetDevice("pw1"));
    Names::Add("NetBSD_B/l2tp0", lcceB->GetDevice("pw1"));

    // The timeline and the summary's figures.
    if (!quiet)
    {
        lcceA->TraceConnectWithoutContext(
            "ControlTx",
            MakeBoundCallback(&PrintMessage, std::string("NetBSD_A"), std::string("->")));
        lcceB->TraceConnectWithoutContext(
            "ControlTx",
            MakeBoundCallback(&PrintMessage, std::string("NetBSD_B"), std::string("->")));
    }
    std::map<std::string, double> upAt;
    double connectedAt = -1;
    double failureDetectedAt = -1;
    uint32_t recovered = 0;
    lcceA->TraceConnectWithoutContext(
        "SessionUp",
        Callback<void, const L2tpv3SessionParameters&, Ptr<L2tpv3NetDevice>>(
            [&](const L2tpv3SessionParameters& p, Ptr<L2tpv3NetDevice> d) {
                if (upAt.count(p.remoteEndId))
                {
                    ++recovered;
                }
                else
                {
                    upAt[p.remoteEndId] = Simulator::Now().GetSeconds();
                }
            }));
    lcceA->TraceConnectWithoutContext(
        "ConnectionState",
        Callback<void, uint32_t, L2tpv3ConnectionState, L2tpv3ConnectionState>(
            [&](uint32_t, L2tpv3ConnectionState, L2tpv3ConnectionState to) {
                if (to == L2tpv3ConnectionState::ESTABLISHED && connectedAt < 0)
                {
                    connectedAt = Simulator::Now().GetSeconds();
                }
            }));
    lcceA->TraceConnectWithoutContext(
        "SessionDown",
        Callback<void, const L2tpv3SessionParameters&, L2tpv3SessionDownReason>(
            [&](const L2tpv3SessionParameters&, L2tpv3SessionDownReason reason) {
                if (reason == L2tpv3SessionDownReason::PEER_TIMEOUT && failureDetectedAt < 0)
                {
                    failureDetectedAt = Simulator::Now().GetSeconds();
                }
            }));

    // The WAN fails and comes back.
    if (failAt >= 0)
    {
        Simulator::Schedule(Seconds(failAt), [&errors]() {
            for (auto& em : errors)
            {
                em->SetRate(1.0);
            }
        });
    }
    if (recoverAt >= 0)
    {
        Simulator::Schedule(Seconds(recoverAt), [&errors, loss]() {
            for (auto& em : errors)
            {
                em->SetRate(loss);
            }
        });
    }

    // Host_X and Host_Y: one subnet across the pseudowire; UDP echoes once a second.
    topology.AssignHostAddresses(false);
    uint32_t echoes = static_cast<uint32_t>(time) > 2 ? static_cast<uint32_t>(time) - 2 : 1;
    std::map<std::string, uint32_t> answered;
    UdpEchoServerHelper server(7);
    server.Install(hostX).Start(Seconds(0));
    server.Install(hostY).Start(Seconds(0));
    std::vector<std::pair<std::string, std::string>> pairs = {{"Host_X", "Host_Y"},
                                                              {"Host_Y", "Host_X"}};
    for (uint32_t i = 0; i < 2; ++i)
    {
        UdpEchoClientHelper client(topology.GetHostAddress(1 - i), 7);
        client.SetAttribute("MaxPackets", UintegerValue(echoes));
        client.SetAttribute("Interval", TimeValue(Seconds(1)));
        client.SetAttribute("PacketSize", UintegerValue(56));
        ApplicationContainer app = client.Install(i == 0 ? hostX : hostY);
        app.Start(Seconds(1.5));
        std::string key = pairs[i].first + " -> " + pairs[i].second;
        app.Get(0)->TraceConnectWithoutContext(
            "Rx",
            Callback<void, Ptr<const Packet>>([&answered, key](Ptr<const Packet>) {
                ++answered[key];
            }));
    }

    if (pcap)
    {
        topology.EnablePcap("l2tp-control-example", wan, lan);
        L2tpv3Helper l2tp;
        l2tp.EnablePcap("l2tp-control-example", lcceA->GetDevice("pw1"), true);
        l2tp.EnablePcap("l2tp-control-example", lcceB->GetDevice("pw1"), true);
    }

    std::cout << "l2tp control plane: NetBSD_A " << Show(addressA) << " <-> NetBSD_B "
              << Show(addressB) << ", encap " << encap << ", cookie " << cookieLen
              << " bytes, sublayer " << (sublayer ? "default" : "none")
              << (seq ? ", sequencing" : "") << ", " << sessions << " session(s), WAN loss " << loss
              << "\n";
    if (!secret.empty() || !peerSecret.empty())
    {
        std::cout << "authentication: HMAC-" << (digest == "sha1" ? "SHA-1" : "MD5")
                  << (hide ? ", hidden AVPs" : "") << ", "
                  << (secret == peerSecret ? "same secret" : "different secrets") << "\n";
    }
    if (!quiet)
    {
        std::cout << "       time  node     dir type    ns/nr\n";
    }
    Simulator::Stop(Seconds(time));
    Simulator::Run();

    L2tpv3LcceCounters a = lcceA->GetCounters();
    L2tpv3LcceCounters b = lcceB->GetCounters();
    std::cout << "sessions up: " << lcceA->GetNSessionsUp() << "/" << sessions << "\n";
    if (connectedAt >= 0)
    {
        std::cout << "  control connection established at " << connectedAt << " s\n";
    }
    uint32_t shown = 0;
    for (const auto& [id, at] : upAt)
    {
        if (shown++ < 8)
        {
            std::cout << "  session " << id << " up at " << at << " s\n";
        }
    }
    std::cout << "  retransmissions: NetBSD_A " << a.retransmissions << ", NetBSD_B "
              << b.retransmissions << "\n";
    for (const auto& [name, c] : {std::make_pair("NetBSD_A", &a), std::make_pair("NetBSD_B", &b)})
    {
        for (const auto& [code, n] : c->stopCcnSent)
        {
            std::cout << "  " << name << " sent StopCCN result " << code << " (x" << n << ")"
                      << (code == 4 ? ": requester not authorized" : "") << "\n";
        }
        for (const auto& [code, n] : c->stopCcnReceived)
        {
            std::cout << "  " << name << " received StopCCN result " << code << " (x" << n << ")\n";
        }
        if (c->rxDigestInvalid || c->rxDigestMissing || c->rxNonceMissing)
        {
            std::cout << "  " << name << " dropped: digest invalid " << c->rxDigestInvalid
                      << ", digest missing " << c->rxDigestMissing << ", nonce missing "
                      << c->rxNonceMissing << "\n";
        }
    }
    if (failAt >= 0)
    {
        if (failureDetectedAt >= 0)
        {
            std::cout << "  WAN down at " << failAt << " s; peer death detected at "
                      << failureDetectedAt << " s (" << failureDetectedAt - failAt << " s later)\n";
        }
        else
        {
            std::cout << "  WAN down at " << failAt << " s; peer death not detected by " << time
                      << " s\n";
        }
        if (recoverAt >= 0)
        {
            std::cout << "  WAN back at " << recoverAt
                      << " s; sessions re-established: " << recovered << "\n";
        }
    }
    for (const auto& [from, to] : pairs)
    {
        std::string key = from + " -> " + to;
        std::cout << "  ping " << key << ": " << answered[key] << "/" << echoes << " answered\n";
    }
    Simulator::Destroy();
    return 0;
}
