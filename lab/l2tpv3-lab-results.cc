/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// What a lab run observed: the capture counts while it runs, the figures of the live objects
// at its end (Executor::Collect), and the two ways of showing them (GetKeys, Print).

#include "l2tpv3-lab-executor.h"
#include "l2tpv3-lab.h"

#include "ns3/ethernet-header.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv6-address.h"
#include "ns3/ipv6-header.h"
#include "ns3/l2tpv3-injector.h"
#include "ns3/l2tpv3-l4-protocol.h"
#include "ns3/l2tpv3-names.h"
#include "ns3/l2tpv3-net-device.h"
#include "ns3/l2tpv3-pinger.h"
#include "ns3/mac48-address.h"
#include "ns3/udp-header.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace ns3
{
namespace lab
{

void
Executor::CountFrame(L2tpv3Lab::CaptureResult* r, Ptr<const Packet> packet)
{
    Ptr<Packet> p = packet->Copy();
    EthernetHeader eth(false);
    if (p->GetSize() < eth.GetSerializedSize())
    {
        return;
    }
    ++r->frames;
    p->RemoveHeader(eth);
    if (eth.GetDestination() == Mac48Address::GetBroadcast())
    {
        ++r->broadcast;
    }
    uint16_t type = eth.GetLengthType();
    if (type == 0x0806)
    {
        ++r->arp;
    }
    else if (type == 0x0800)
    {
        ++r->ipv4;
        Ipv4Header ip;
        p->RemoveHeader(ip);
        r->largestIp =
            std::max<uint64_t>(r->largestIp, ip.GetSerializedSize() + ip.GetPayloadSize());
        bool fragment = !ip.IsLastFragment() || ip.GetFragmentOffset() != 0;
        r->fragments += fragment ? 1 : 0;
        if (ip.GetProtocol() == L2tpv3L4Protocol::PROT_NUMBER)
        {
            ++r->l2tp;
        }
        else if (ip.GetProtocol() == 17 && ip.GetFragmentOffset() == 0 && p->GetSize() >= 8)
        {
            UdpHeader udp;
            p->PeekHeader(udp);
            if (m_plan.udpPorts.count(udp.GetDestinationPort()) ||
                m_plan.udpPorts.count(udp.GetSourcePort()))
            {
                ++r->l2tp;
            }
        }
    }
    else if (type == 0x86DD)
    {
        ++r->ipv6;
        Ipv6Header ip;
        p->RemoveHeader(ip);
        r->largestIp = std::max<uint64_t>(r->largestIp, 40 + ip.GetPayloadLength());
        if (ip.GetNextHeader() == 44)
        {
            ++r->fragments;
        }
        if (ip.GetNextHeader() == L2tpv3L4Protocol::PROT_NUMBER)
        {
            ++r->l2tp;
        }
    }
}

void
Executor::Collect(L2tpv3Lab::Results& results)
{
    for (std::size_t k = 0; k < m_pingers.size(); ++k)
    {
        const L2tpv3Pinger& pinger = *m_pingers[k];
        L2tpv3Lab::PingResult& r = results.pings[k];
        r.sent = pinger.GetSent();
        r.answered = pinger.GetAnswered();
        r.sequence = pinger.GetReplyPattern();
        L2tpv3Pinger::RttSummary rtt = pinger.GetRttSummary();
        r.rttMinMs = rtt.minMs;
        r.rttAvgMs = rtt.avgMs;
        r.rttMaxMs = rtt.maxMs;
    }
    for (std::size_t k = 0; k < m_injectors.size(); ++k)
    {
        results.injections[k].sent = m_injectors[k]->GetSent();
    }
    CollectDaemons(results);
    // The model as the run left it: commands timed after the end never ran.
    const Model& model = *m_model;
    for (const auto& name : m_s.nodeOrder)
    {
        const NodeModel& n = model.at(name);
        bool any = false;
        for (std::size_t k = 0; k < n.interfaces.size(); ++k)
        {
            any |= n.interfaces[k].kind == Kind::L2TP && Device({name, k});
        }
        if (any)
        {
            results.nodeCounters[name] =
                L2tpv3L4Protocol::GetOrCreate(m_nodes[name])->GetCounters();
        }
    }
    for (auto& r : results.pseudowires)
    {
        const NodeModel& n = model.at(r.node);
        const Interface* found = nullptr;
        Ptr<L2tpv3NetDevice> d;
        for (std::size_t k = 0; k < n.interfaces.size(); ++k)
        {
            const Interface& i = n.interfaces[k];
            if (i.kind == Kind::L2TP && i.name == r.interface && Device({r.node, k}))
            {
                found = &i;
                d = L2tpDevice({r.node, k});
            }
        }
        if (!found)
        {
            continue;
        }
        r.encapsulation = L2tpv3EncapsulationName(d->GetEncapsulation());
        r.localCookieLength = d->GetLocalCookie().GetLength();
        r.remoteCookieLength = d->GetRemoteCookie().GetLength();
        r.sublayer = d->GetSublayer() == L2tpv3Sublayer::DEFAULT;
        bool v6 = Ipv6Address::IsMatchingType(found->tunnelSource);
        // RFC 3931 §4.1.1, §4.1.2.2: outer IP, UDP and its T/Ver word, Session ID, cookie,
        // sublayer (§4.6), then the frame's own Ethernet header (RFC 4719).
        r.overhead = (v6 ? 40 : 20) + (r.encapsulation == "udp" ? 12 : 0) + 4 +
                     r.remoteCookieLength + (r.sublayer ? 4 : 0) + 14;
        r.mtu = d->GetMtu();
        r.linkUp = d->IsLinkUp();
        r.counters = d->GetCounters();
        // The underlay: the interface holding the tunnel source.
        for (const auto& i : n.interfaces)
        {
            for (const auto& a : i.addresses)
            {
                if (!found->tunnelSource.IsInvalid() && a.prefix.address == found->tunnelSource)
                {
                    r.derivedMtu =
                        L2tpv3NetDevice::ComputeDerivedMtu(i.mtu,
                                                           v6,
                                                           d->GetEncapsulation(),
                                                           d->GetRemoteCookie().GetLength(),
                                                           d->GetSublayer());
                }
            }
        }
    }
}

} // namespace lab

std::map<std::string, std::string>
L2tpv3Lab::Results::GetKeys() const
{
    std::map<std::string, std::string> k;
    auto num = [](double v) {
        std::ostringstream os;
        os << std::fixed << std::setprecision(3) << v;
        return os.str();
    };
    for (std::size_t i = 0; i < pings.size(); ++i)
    {
        std::string p = "ping." + std::to_string(i + 1) + ".";
        k[p + "from"] = pings[i].from;
        k[p + "to"] = pings[i].to;
        k[p + "address"] = pings[i].address;
        k[p + "sent"] = std::to_string(pings[i].sent);
        k[p + "answered"] = std::to_string(pings[i].answered);
        k[p + "sequence"] = pings[i].sequence;
        k[p + "rtt_min_ms"] = num(pings[i].rttMinMs);
        k[p + "rtt_avg_ms"] = num(pings[i].rttAvgMs);
        k[p + "rtt_max_ms"] = num(pings[i].rttMaxMs);
    }
    for (const auto& c : captures)
    {
        std::string p = "capture." + c.node + "." + c.interface + ".";
        k[p + "frames"] = std::to_string(c.frames);
        k[p + "arp"] = std::to_string(c.arp);
        k[p + "ipv4"] = std::to_string(c.ipv4);
        k[p + "ipv6"] = std::to_string(c.ipv6);
        k[p + "l2tp"] = std::to_string(c.l2tp);
        k[p + "fragments"] = std::to_string(c.fragments);
        k[p + "broadcast"] = std::to_string(c.broadcast);
        k[p + "largest_ip"] = std::to_string(c.largestIp);
    }
    for (const auto& w : pseudowires)
    {
        std::string p = w.node + "." + w.interface + ".";
        const L2tpv3Counters& c = w.counters;
        k[p + "encap"] = w.encapsulation;
        k[p + "overhead"] = std::to_string(w.overhead);
        k[p + "mtu"] = std::to_string(w.mtu);
        k[p + "derived_mtu"] = std::to_string(w.derivedMtu);
        k[p + "link"] = w.linkUp ? "up" : "down";
        k[p + "tx_packets"] = std::to_string(c.txPackets);
        k[p + "rx_packets"] = std::to_string(c.rxPackets);
        k[p + "tx_fragmented"] = std::to_string(c.txFragmented);
        k[p + "tx_fragments"] = std::to_string(c.txFragments);
        k[p + "rx_oos_packets"] = std::to_string(c.rxOosPackets);
        k[p + "rx_cookie_discards"] = std::to_string(c.GetRxCookieDiscards());
        k[p + "rx_seq_discards"] = std::to_string(c.GetRxSeqDiscards());
        k[p + "rx_errors"] = std::to_string(c.GetRxErrors());
        k[p + "tx_errors"] = std::to_string(c.GetTxErrors());
        for (std::size_t r = 0; r < c.drops.size(); ++r)
        {
            k[p + "drop_" + L2tpv3DropReasonName(static_cast<L2tpv3DropReason>(r))] =
                std::to_string(c.drops[r]);
        }
    }
    for (const auto& n : nodeCounters)
    {
        for (std::size_t r = 0; r < n.second.drops.size(); ++r)
        {
            k[n.first + ".node.drop_" + L2tpv3DropReasonName(static_cast<L2tpv3DropReason>(r))] =
                std::to_string(n.second.drops[r]);
        }
    }
    for (std::size_t i = 0; i < injections.size(); ++i)
    {
        k["inject." + std::to_string(i + 1) + ".sent"] = std::to_string(injections[i].sent);
    }
    for (const auto& d : daemons)
    {
        for (const auto& f : d.figures)
        {
            k["l2tpd." + d.node + "." + f.first] = std::to_string(f.second);
        }
        k["l2tpd." + d.node + ".session_up_at"] = num(d.sessionUpAt);
        k["l2tpd." + d.node + ".session_down_at"] = num(d.sessionDownAt);
        k["l2tpd." + d.node + ".session_down_reason"] = d.sessionDownReason;
    }
    for (std::size_t i = 0; i < controlMessages.size(); ++i)
    {
        std::ostringstream index;
        index << std::setw(3) << std::setfill('0') << i + 1;
        k["control." + index.str()] = controlMessages[i];
    }
    return k;
}

void
L2tpv3Lab::Print(std::ostream& os, const Results& r)
{
    os << "lab " << r.file << ": " << r.duration << " simulated seconds\n";
    for (const auto& e : r.events)
    {
        os << "  " << e << "\n";
    }
    for (const auto& p : r.pings)
    {
        os << "ping " << p.from << " -> " << p.to;
        if (p.to != p.address)
        {
            os << " (" << p.address << ")";
        }
        os << ": " << p.sent << " sent, " << p.answered << " answered " << p.sequence;
        if (p.answered > 0)
        {
            os << std::fixed << std::setprecision(3) << ", rtt min/avg/max " << p.rttMinMs << "/"
               << p.rttAvgMs << "/" << p.rttMaxMs << " ms";
            os.unsetf(std::ios::fixed);
        }
        os << "\n";
    }
    for (const auto& w : r.pseudowires)
    {
        os << w.node << " " << w.interface << ": link " << (w.linkUp ? "up" : "down") << ", "
           << w.encapsulation << " encapsulation, cookie " << w.localCookieLength << "/"
           << w.remoteCookieLength << " bytes, sublayer "
           << L2tpv3SublayerName(w.sublayer ? L2tpv3Sublayer::DEFAULT : L2tpv3Sublayer::NONE)
           << ", overhead " << w.overhead << " bytes, mtu " << w.mtu;
        if (w.derivedMtu)
        {
            os << " (derived " << w.derivedMtu << ")";
        }
        os << "\n    " << w.counters << "\n";
    }
    for (const auto& n : r.nodeCounters)
    {
        uint64_t total = n.second.GetTotalDrops();
        if (total)
        {
            os << n.first << " (node): " << n.second << "\n";
        }
    }
    for (const auto& c : r.captures)
    {
        os << "capture " << c.node << ":" << c.interface << ": " << c.frames << " frames (arp "
           << c.arp << ", ipv4 " << c.ipv4 << ", ipv6 " << c.ipv6 << ", l2tp " << c.l2tp
           << ", fragments " << c.fragments << ", broadcast " << c.broadcast
           << "), largest IP packet " << c.largestIp << " bytes";
        if (!c.file.empty())
        {
            os << " -> " << c.file;
        }
        os << "\n";
    }
    for (const auto& i : r.injections)
    {
        os << "inject " << i.from << " " << i.attack << ": " << i.sent << " forged packets sent\n";
    }
    if (!r.controlMessages.empty())
    {
        os << "control messages sent:\n";
        for (const auto& m : r.controlMessages)
        {
            os << "  " << m << "\n";
        }
    }
    for (const auto& d : r.daemons)
    {
        os << "l2tpd " << d.node << ":";
        for (const auto& f : d.figures)
        {
            if (f.second)
            {
                os << " " << f.first << "=" << f.second;
            }
        }
        if (d.sessionUpAt >= 0)
        {
            os << ", session up at " << d.sessionUpAt << "s";
        }
        if (d.sessionDownAt >= 0)
        {
            os << ", down at " << d.sessionDownAt << "s (" << d.sessionDownReason << ")";
        }
        os << "\n";
    }
}

} // namespace ns3
