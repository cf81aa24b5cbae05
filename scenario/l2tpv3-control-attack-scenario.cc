/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-control-attack-scenario.h"

#include "ns3/boolean.h"
#include "ns3/bridge-net-device.h"
#include "ns3/csma-helper.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-header.h"
#include "ns3/l2tpv3-control-channel.h"
#include "ns3/l2tpv3-injector.h"
#include "ns3/l2tpv3-l4-protocol.h"
#include "ns3/l2tpv3-lcce-helper.h"
#include "ns3/l2tpv3-names.h"
#include "ns3/log.h"
#include "ns3/mac48-address.h"
#include "ns3/names.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/udp-header.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <iomanip>
#include <stdexcept>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpv3ControlAttackScenario");

uint64_t
L2tpv3ControlAttackScenario::Results::GetTeardowns() const
{
    return connectionsTornDownA + connectionsTornDownB + sessionsTornDownA + sessionsTornDownB;
}

bool
L2tpv3ControlAttackScenario::HasAuthentication()
{
    TypeId::AttributeInformation info;
    return L2tpv3Lcce::GetTypeId().LookupAttributeByName("Secret", &info);
}

namespace
{

/**
 * \param ip a forged IPv4 packet
 * \return true if it carries a control message that takes an Ns (not a ZLB, not an ACK)
 */
bool
IsSequencedControl(Ptr<const Packet> ip)
{
    Ptr<Packet> p = ip->Copy();
    Ipv4Header header;
    p->RemoveHeader(header);
    if (header.GetProtocol() == L2tpv3L4Protocol::UDP_PROT_NUMBER)
    {
        UdpHeader udp;
        p->RemoveHeader(udp);
    }
    else
    {
        p->RemoveAtStart(4); // Session ID 0 (RFC 3931 §4.1.1.2)
    }
    L2tpv3ControlMessage m;
    if (L2tpv3ControlMessage::FromPacket(p, m) != L2tpv3ControlDecodeError::NONE)
    {
        return false;
    }
    return !m.IsZlb() && m.GetMessageType() != L2tpv3MessageType::ACK;
}

} // namespace

L2tpv3ControlAttackScenario::Results
L2tpv3ControlAttackScenario::Run(const Parameters& p)
{
    std::string injectorAttack;
    uint64_t count = p.count;
    Time interval;
    if (p.attack == "stopccn" || p.attack == "cdn")
    {
        if (p.identifiers != "sniffed" && p.identifiers != "random" && p.identifiers != "sweep")
        {
            throw std::invalid_argument("identifiers '" + p.identifiers +
                                        "': must be sniffed, random or sweep");
        }
        if (p.from != "peer" && p.from != "own")
        {
            throw std::invalid_argument("from '" + p.from + "': must be peer or own");
        }
        if (p.from == "own" && p.identifiers != "sniffed")
        {
            throw std::invalid_argument("from 'own' needs identifiers 'sniffed', not '" +
                                        p.identifiers + "'");
        }
        injectorAttack = p.attack;
        // One sniffed message is enough; a guesser needs many.
        count = count ? count : (p.identifiers == "sniffed" ? 1 : 10000);
        interval = MicroSeconds(200);
    }
    else if (p.attack == "replay")
    {
        injectorAttack = "control-replay";
        count = count ? count : 100;
        interval = MilliSeconds(10);
    }
    else if (p.attack == "flood")
    {
        injectorAttack = "sccrq-flood";
        count = count ? count : 2000;
        interval = MicroSeconds(500);
    }
    else
    {
        throw std::invalid_argument("attack '" + p.attack +
                                    "': must be stopccn, cdn, replay or flood");
    }
    L2tpv3ParseEncapsulation(p.encapsulation, "encapsulation", L2tpv3NameWording::QUOTED);
    if (p.sessions < 1 || p.sessions > 1000)
    {
        throw std::invalid_argument("sessions " + std::to_string(p.sessions) +
                                    ": must be 1 to 1000");
    }
    if (!(p.attackStart > 0 && p.attackStart < p.duration))
    {
        throw std::invalid_argument("attackStart " + std::to_string(p.attackStart) +
                                    ": must be after 0 and before duration " +
                                    std::to_string(p.duration));
    }
    if (!p.secret.empty() && !HasAuthentication())
    {
        throw std::invalid_argument("secret '" + p.secret +
                                    "': this build's L2tpv3Lcce has no message authentication");
    }

    Mac48Address::ResetAllocationIndex();
    NodeContainer nodes;
    nodes.Create(3);
    Ptr<Node> routerA = nodes.Get(0);
    Ptr<Node> routerB = nodes.Get(1);
    Ptr<Node> attacker = nodes.Get(2);
    Names::Add("NetBSD_A", routerA);
    Names::Add("NetBSD_B", routerB);
    Names::Add("Attacker", attacker);

    CsmaHelper wan;
    wan.SetChannelAttribute("DataRate", StringValue("100Mbps"));
    // 100 us: ns-3's CSMA channel stays busy for the propagation delay of every frame, so a
    // 5 ms segment would carry only 200 frames/s, fewer than the ZLBs NetBSD_B sends back
    // for guessed StopCCNs (one each, to the forged source).
    wan.SetChannelAttribute("Delay", TimeValue(MicroSeconds(100)));
    NetDeviceContainer wanDevices = wan.Install(NodeContainer(routerA, routerB));
    // The attacker's own link to NetBSD_B: the attack takes nothing from the WAN.
    CsmaHelper link;
    link.SetChannelAttribute("DataRate", StringValue("1Gbps"));
    NetDeviceContainer attackDevices = link.Install(NodeContainer(attacker, routerB));

    InternetStackHelper stack;
    stack.Install(nodes);
    stack.AssignStreams(nodes, 1);
    Ipv4InterfaceContainer wan4 =
        Ipv4AddressHelper("192.168.0.0", "255.255.255.0").Assign(wanDevices);
    Ipv4AddressHelper("10.99.0.0", "255.255.255.0").Assign(attackDevices);
    Address addressA = wan4.GetAddress(0);
    Address addressB = wan4.GetAddress(1);

    // A short HELLO interval and retransmission cycle (1 + 2 + 4 + 4 s): what the attack
    // breaks is noticed within the run (RFC 3931 §4.2, §4.4).
    L2tpv3LcceHelper helper;
    helper.SetAttribute("Encapsulation", StringValue(p.encapsulation));
    helper.SetAttribute("HelloInterval", TimeValue(Seconds(10)));
    helper.SetAttribute("MaxRetries", UintegerValue(3));
    helper.SetAttribute("RetransmitCap", TimeValue(Seconds(4)));
    helper.SetAttribute("MaxHalfOpenConnections", UintegerValue(p.maxHalfOpen));
    helper.SetAttribute("MaxControlConnections", UintegerValue(p.maxConnections));
    if (!p.secret.empty())
    {
        helper.SetAttribute("Secret", StringValue(p.secret));
    }
    helper.SetAttribute("HostName", StringValue("NetBSD_A"));
    Ptr<L2tpv3Lcce> lcceA = helper.Install(routerA);
    helper.SetAttribute("HostName", StringValue("NetBSD_B"));
    Ptr<L2tpv3Lcce> lcceB = helper.Install(routerB);
    lcceA->AssignStreams(10);
    lcceB->AssignStreams(20);
    uint32_t peer = lcceA->AddPeer(addressA, addressB);
    for (uint32_t k = 1; k <= p.sessions; ++k)
    {
        std::string id = "pw" + std::to_string(k);
        lcceA->AddPseudowire(peer, id, nullptr);
        lcceB->OfferPseudowire(id, nullptr);
    }

    Ptr<L2tpv3Injector> injector = CreateObject<L2tpv3Injector>();
    injector->SetTarget(attackDevices.Get(0),
                        Mac48Address::ConvertFrom(attackDevices.Get(1)->GetAddress()),
                        addressA,
                        addressB);
    injector->SetAttribute("Attack", StringValue(injectorAttack));
    injector->SetAttribute("Encapsulation", StringValue(p.encapsulation));
    injector->SetAttribute("UdpChecksum", BooleanValue(false));
    injector->SetAttribute("Count", UintegerValue(count));
    injector->SetAttribute("Interval", TimeValue(interval));
    injector->SetAttribute("FakeDigest", BooleanValue(p.fakeDigest));
    bool own = (p.attack == "stopccn" || p.attack == "cdn") && p.from == "own";
    if (p.attack == "stopccn" || p.attack == "cdn")
    {
        injector->SetAttribute("Identifiers", StringValue(own ? "fixed" : p.identifiers));
    }
    if (own)
    {
        // The attacker speaks from its own address with what a sniffer on the WAN learned
        // by the attack (NetBSD_B's connection and session IDs, the next Ns it expects, an
        // Nr it accepts), read from NetBSD_B just before: the injector's own sniffer
        // matches NetBSD_A's address, which this attacker does not use. (The same
        // identifiers sent from NetBSD_A's address tear the connection down.)
        injector->SetAttribute("Source", StringValue("10.99.0.1"));
        Simulator::Schedule(Seconds(p.attackStart) - NanoSeconds(2), [lcceB, injector]() {
            auto connections = lcceB->GetConnections();
            for (const auto& [id, c] : connections)
            {
                if (c->GetState() != L2tpv3ConnectionState::ESTABLISHED)
                {
                    continue;
                }
                Ptr<const L2tpv3ControlChannel> channel = c->GetChannel();
                injector->SetAttribute("ControlConnectionId", UintegerValue(id));
                injector->SetAttribute("PeerControlConnectionId", UintegerValue(c->GetPeerId()));
                injector->SetAttribute("Ns", UintegerValue(channel->GetExpectedNs()));
                injector->SetAttribute("Nr", UintegerValue(channel->GetNextNs()));
                auto sessions = c->GetSessions();
                if (!sessions.empty())
                {
                    const L2tpv3SessionParameters& s = sessions.begin()->second->GetParameters();
                    injector->SetAttribute("SessionId", UintegerValue(s.localSessionId));
                    injector->SetAttribute("PeerSessionId", UintegerValue(s.remoteSessionId));
                }
                return;
            }
        });
    }
    if (p.attack == "flood")
    {
        // TEST-NET-2 (RFC 5737): addresses nobody has; NetBSD_B has no route back.
        injector->SetAttribute("Source", StringValue("198.51.100.1"));
        injector->SetAttribute("FloodSources", UintegerValue(p.floodSources));
    }
    injector->SetTap(wanDevices.Get(1)); // an eavesdropper on the WAN
    injector->AssignStreams(30);
    attacker->AddApplication(injector);
    injector->SetStartTime(Seconds(p.attackStart));

    Results r;
    uint64_t sequenced = 0;
    injector->TraceConnectWithoutContext(
        "Tx",
        Callback<void, Ptr<const Packet>>([&sequenced](Ptr<const Packet> ip) {
            sequenced += IsSequencedControl(ip);
        }));
    // Replies to no connection are sent, and traced, with local connection ID 0.
    lcceB->TraceConnectWithoutContext("ControlTx",
                                      Callback<void, uint32_t, const L2tpv3ControlMessage&>(
                                          [&r](uint32_t id, const L2tpv3ControlMessage&) {
                                              r.repliesB += (id == 0);
                                          }));
    Time start = Seconds(p.attackStart);
    auto watch = [&r, start](Ptr<L2tpv3Lcce> lcce, uint32_t* tornDown, bool sampleB) {
        // A plain pointer: a Ptr captured in the LCCE's own trace would keep it alive forever.
        L2tpv3Lcce* raw = PeekPointer(lcce);
        lcce->TraceConnectWithoutContext(
            "ConnectionState",
            Callback<void, uint32_t, L2tpv3ConnectionState, L2tpv3ConnectionState>(
                [&r, raw, tornDown, sampleB, start](uint32_t,
                                                    L2tpv3ConnectionState from,
                                                    L2tpv3ConnectionState to) {
                    if (from == L2tpv3ConnectionState::ESTABLISHED &&
                        to == L2tpv3ConnectionState::IDLE)
                    {
                        ++*tornDown;
                    }
                    if (sampleB && Simulator::Now() >= start)
                    {
                        r.peakConnectionsB =
                            std::max<uint32_t>(r.peakConnectionsB, raw->GetConnections().size());
                        r.peakHalfOpenB = std::max(r.peakHalfOpenB, raw->GetNHalfOpen());
                    }
                }));
    };
    watch(lcceA, &r.connectionsTornDownA, false);
    watch(lcceB, &r.connectionsTornDownB, true);
    Simulator::Schedule(Seconds(p.attackStart) - NanoSeconds(1), [&r, lcceA, lcceB]() {
        r.sessionsUpBeforeA = lcceA->GetNSessionsUp();
        r.sessionsUpBeforeB = lcceB->GetNSessionsUp();
        r.peakConnectionsB = lcceB->GetConnections().size();
        r.peakHalfOpenB = lcceB->GetNHalfOpen();
    });

    Simulator::Stop(Seconds(p.duration));
    Simulator::Run();

    r.sent = injector->GetSent();
    r.skipped = injector->GetSkipped();
    r.recorded = injector->GetRecorded();
    r.sentSequenced = sequenced;
    r.sessionsUpA = lcceA->GetNSessionsUp();
    r.sessionsUpB = lcceB->GetNSessionsUp();
    r.connectionsB = lcceB->GetConnections().size();
    r.a = lcceA->GetCounters();
    r.b = lcceB->GetCounters();
    for (uint64_t n : r.a.sessionsDown)
    {
        r.sessionsTornDownA += n;
    }
    for (uint64_t n : r.b.sessionsDown)
    {
        r.sessionsTornDownB += n;
    }
    Simulator::Destroy();
    Names::Clear();
    return r;
}

void
L2tpv3ControlAttackScenario::Print(std::ostream& os, const Parameters& p, const Results& r)
{
    std::string what = p.attack;
    if (p.attack == "stopccn" || p.attack == "cdn")
    {
        what += " (" + p.identifiers + " identifiers, from " +
                (p.from == "own" ? "the attacker's own address" : "NetBSD_A's address") + ")";
    }
    os << "Attack on the control channel: " << what << ", "
       << (p.secret.empty() ? "no secret" : "secret \"" + p.secret + "\"") << ", "
       << p.encapsulation << " encapsulation, " << p.sessions << " session(s)\n"
       << "  forged messages sent: " << r.sent;
    if (p.attack == "replay")
    {
        os << " (" << r.sentSequenced << " with an Ns; " << r.recorded << " recorded)";
    }
    if (r.skipped)
    {
        os << " (" << r.skipped << " times nothing sniffed yet)";
    }
    os << "\n  teardowns: " << r.GetTeardowns() << " (connections: NetBSD_A "
       << r.connectionsTornDownA << ", NetBSD_B " << r.connectionsTornDownB
       << "; sessions: NetBSD_A " << r.sessionsTornDownA << ", NetBSD_B " << r.sessionsTornDownB
       << ")\n"
       << "  sessions up: NetBSD_A " << r.sessionsUpBeforeA << " before the attack, "
       << r.sessionsUpA << " at the end; NetBSD_B " << r.sessionsUpBeforeB << ", " << r.sessionsUpB
       << "\n"
       << "  NetBSD_B's state: " << r.connectionsB << " connection(s) at the end, at most "
       << r.peakConnectionsB << " (at most " << r.peakHalfOpenB << " half-open, limit "
       << p.maxHalfOpen << ")\n";
    auto sum = [](const std::map<uint16_t, uint64_t>& perCode) {
        uint64_t n = 0;
        for (const auto& [code, k] : perCode)
        {
            n += k;
        }
        return n;
    };
    os << "  StopCCN received: NetBSD_A " << sum(r.a.stopCcnReceived) << ", NetBSD_B "
       << sum(r.b.stopCcnReceived) << "; CDN received: NetBSD_A " << sum(r.a.cdnReceived)
       << ", NetBSD_B " << sum(r.b.cdnReceived)
       << "; StopCCN sent by NetBSD_B: " << sum(r.b.stopCcnSent) << "\n"
       << "  rejected, by reason           NetBSD_A  NetBSD_B\n";
    auto row = [&os](const std::string& name, uint64_t a, uint64_t b) {
        os << "    " << std::left << std::setw(28) << name << std::right << std::setw(8) << a
           << std::setw(10) << b << "\n";
    };
    row("wrong source (address, port)", r.a.wrongSource, r.b.wrongSource);
    row("unknown connection", r.a.unknownConnection, r.b.unknownConnection);
    row("unknown session", r.a.unknownSession, r.b.unknownSession);
    row("duplicate Ns", r.a.duplicates, r.b.duplicates);
    row("Ns out of window", r.a.outOfWindow, r.b.outOfWindow);
    row("invalid Nr", r.a.invalidNr, r.b.invalidNr);
    row("SCCRQ refused (limit)", r.a.sccrqRefused, r.b.sccrqRefused);
    row("digest missing", r.a.rxDigestMissing, r.b.rxDigestMissing);
    row("digest invalid", r.a.rxDigestInvalid, r.b.rxDigestInvalid);
    row("nonce missing", r.a.rxNonceMissing, r.b.rxNonceMissing);
    os << "  replies to no connection (ZLB to a StopCCN, StopCCN refusing an SCCRQ): NetBSD_B "
       << "sent " << r.repliesB << ", suppressed " << r.b.replySuppressed
       << " (UnknownReplyRate, UnknownReplyTotalRate)\n";
}

} // namespace ns3
