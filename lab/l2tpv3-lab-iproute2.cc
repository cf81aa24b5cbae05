/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The lab's iproute2 dialect: `ip l2tp` (tunnels and session devices), `ip link`, `ip addr`,
// `ip route`, each checked against the model and carried out by the ns-3 calls it leaves as
// actions.

#include "l2tpv3-lab-executor.h"
#include "l2tpv3-lab-model.h"

#include "ns3/boolean.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-address.h"
#include "ns3/ipv6-static-routing-helper.h"
#include "ns3/ipv6.h"
#include "ns3/l2tpv3-names.h"
#include "ns3/l2tpv3-net-device.h"
#include "ns3/nstime.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace lab
{

void
Checker::Ip(NodeModel& n, std::vector<std::string> w)
{
    bool v6 = false;
    if (w.size() > 1 && (w[1] == "-6" || w[1] == "-4"))
    {
        v6 = w[1] == "-6";
        w.erase(w.begin() + 1);
    }
    if (w.size() < 3)
    {
        Refuse("usage: ip l2tp|link|addr|route ...");
    }
    const std::string& object = w[1];
    if (object == "l2tp")
    {
        IpL2tp(n, w);
    }
    else if (object == "link" || object == "li")
    {
        // ip link set [dev] IF up|down|mtu N
        if (w[2] != "set")
        {
            Refuse("usage: ip link set [dev] IF up|down|mtu N");
        }
        std::size_t k = 3;
        if (k < w.size() && w[k] == "dev")
        {
            ++k;
        }
        if (k + 1 >= w.size())
        {
            Refuse("usage: ip link set [dev] IF up|down|mtu N");
        }
        Interface& i = Need(n, w[k]);
        if ((w[k + 1] == "up" || w[k + 1] == "down") && k + 2 == w.size())
        {
            SetUp(n, i, w[k + 1] == "up");
        }
        else if (w[k + 1] == "mtu" && k + 3 == w.size())
        {
            Ifconfig(n, {"ifconfig", w[k], "mtu", w[k + 2]}, false);
        }
        else
        {
            Refuse("usage: ip link set [dev] IF up|down|mtu N");
        }
    }
    else if (object == "addr" || object == "address" || object == "a")
    {
        // ip addr add [dev IF] ADDRESS[/LEN] [peer PEER] [dev IF]
        if (w[2] != "add")
        {
            Refuse("usage: ip addr add ADDRESS/LEN [peer ADDRESS] dev IF");
        }
        std::string dev;
        std::string addr;
        std::string peer;
        for (std::size_t k = 3; k < w.size(); ++k)
        {
            if ((w[k] == "dev" || w[k] == "peer") && k + 1 < w.size())
            {
                (w[k] == "dev" ? dev : peer) = w[k + 1];
                ++k;
            }
            else if (addr.empty())
            {
                addr = w[k];
            }
            else
            {
                Refuse("unexpected '" + w[k] + "'");
            }
        }
        if (dev.empty() || addr.empty())
        {
            Refuse("usage: ip addr add ADDRESS/LEN [peer ADDRESS] dev IF");
        }
        Interface& i = Need(n, dev);
        Prefix p = ParsePrefix(addr, "address", false);
        Address peerAddress;
        if (!peer.empty())
        {
            peerAddress = ParsePrefix(peer, "peer", false).address;
            if (Ipv6Address::IsMatchingType(peerAddress) != p.IsV6())
            {
                Refuse("address and peer are of different address families");
            }
        }
        if (v6 && !p.IsV6())
        {
            Refuse("'" + addr + "' is not an IPv6 address");
        }
        // iproute2: an address does not bring the link up.
        AddAddress(n, i, p, peerAddress, false);
    }
    else if (object == "route" || object == "ro" || object == "r")
    {
        IpRoute(n, w);
    }
    else
    {
        Refuse("unknown ip object '" + object + "' (l2tp, link, addr, route)");
    }
}

void
Checker::IpRoute(NodeModel& n, const std::vector<std::string>& w)
{
    if (w.size() != 6 || w[2] != "add" || w[4] != "via")
    {
        Refuse("usage: ip route add PREFIX via GATEWAY");
    }
    Prefix p = ParsePrefix(w[3], "route prefix", false);
    Address gw = ParseAddress(w[5], "gateway");
    if (Ipv6Address::IsMatchingType(gw) != p.IsV6())
    {
        Refuse("prefix and gateway are of different address families");
    }
    Interface* out = nullptr;
    for (auto& i : n.interfaces)
    {
        if (!i.exists)
        {
            continue;
        }
        for (auto& a : i.addresses)
        {
            if (a.peer == gw ||
                (a.prefix.IsV6() == p.IsV6() && a.prefix.length < (p.IsV6() ? 128u : 32u) &&
                 SamePrefix(a.prefix.address, gw, a.prefix.length)))
            {
                out = &i;
            }
        }
    }
    if (!out)
    {
        Refuse("gateway " + w[5] + " is on no interface of " + n.name);
    }
    Emit([ref = Ref(n, *out), p, gw](Executor& x) {
        Ptr<Node> node = x.GetNode(ref.node);
        if (!p.IsV6())
        {
            Ipv4StaticRoutingHelper helper;
            uint32_t mask = p.length == 0 ? 0 : (0xffffffffu << (32 - p.length));
            helper.GetStaticRouting(node->GetObject<Ipv4>())
                ->AddNetworkRouteTo(Ipv4Address::ConvertFrom(p.address).CombineMask(Ipv4Mask(mask)),
                                    Ipv4Mask(mask),
                                    Ipv4Address::ConvertFrom(gw),
                                    x.Ipv4If(ref));
        }
        else
        {
            Ipv6StaticRoutingHelper helper;
            helper.GetStaticRouting(node->GetObject<Ipv6>())
                ->AddNetworkRouteTo(Ipv6Address::ConvertFrom(p.address),
                                    Ipv6Prefix(static_cast<uint8_t>(p.length)),
                                    Ipv6Address::ConvertFrom(gw),
                                    x.Ipv6If(ref));
        }
    });
}

void
Checker::IpL2tp(NodeModel& n, const std::vector<std::string>& w)
{
    if (w.size() < 4 || (w[2] != "add" && w[2] != "del"))
    {
        Refuse("usage: ip l2tp add|del tunnel|session ...");
    }
    bool add = w[2] == "add";
    const std::string& what = w[3];
    if (what == "tunnel")
    {
        auto o = Options(w,
                         4,
                         add ? std::set<std::string>{"tunnel_id",
                                                     "peer_tunnel_id",
                                                     "encap",
                                                     "local",
                                                     "remote",
                                                     "udp_sport",
                                                     "udp_dport"}
                             : std::set<std::string>{"tunnel_id"});
        if (!o.count("tunnel_id"))
        {
            Refuse("tunnel_id is required");
        }
        uint32_t id = ParseUnsigned(o["tunnel_id"], "tunnel_id", 0xffffffffu);
        if (!add)
        {
            if (!n.tunnels.count(id))
            {
                Refuse("no tunnel " + o["tunnel_id"] + " on " + n.name);
            }
            for (auto& i : n.interfaces)
            {
                if (i.kind == Kind::L2TP && i.created && i.localSession != 0 && i.tunnelId == id)
                {
                    Refuse("tunnel " + o["tunnel_id"] + " still has session " +
                           std::to_string(i.localSession) + " (ip l2tp del session first)");
                }
            }
            n.tunnels.erase(id);
            return;
        }
        for (const char* required : {"peer_tunnel_id", "local", "remote"})
        {
            if (!o.count(required))
            {
                Refuse(std::string(required) + " is required");
            }
        }
        if (id == 0)
        {
            Refuse("tunnel_id 0 is reserved");
        }
        if (n.tunnels.count(id))
        {
            Refuse("tunnel " + o["tunnel_id"] + " already exists on " + n.name);
        }
        LinuxTunnel t;
        t.id = id;
        t.peerId = ParseUnsigned(o["peer_tunnel_id"], "peer_tunnel_id", 0xffffffffu);
        L2tpv3Encapsulation encap = L2tpv3Encapsulation::UDP; // iproute2's default
        if (o.count("encap"))
        {
            encap = ParseName(L2tpv3EncapsulationNames(), o["encap"], "encap");
        }
        t.udp = encap == L2tpv3Encapsulation::UDP;
        t.local = ParseAddress(o["local"], "local");
        t.remote = ParseAddress(o["remote"], "remote");
        if (Ipv4Address::IsMatchingType(t.local) != Ipv4Address::IsMatchingType(t.remote))
        {
            Refuse("local and remote are of different address families");
        }
        if (!HasAddress(n, t.local))
        {
            Refuse("local " + o["local"] + " is not an address of " + n.name);
        }
        if ((o.count("udp_sport") || o.count("udp_dport")) && !t.udp)
        {
            Refuse("udp_sport and udp_dport need encap udp");
        }
        if (o.count("udp_sport"))
        {
            t.sport = ParseUnsigned(o["udp_sport"], "udp_sport", 65535);
        }
        if (o.count("udp_dport"))
        {
            t.dport = ParseUnsigned(o["udp_dport"], "udp_dport", 65535);
        }
        n.tunnels[id] = t;
    }
    else if (what == "session")
    {
        if (!add)
        {
            auto o = Options(w, 4, {"tunnel_id", "session_id"});
            if (!o.count("tunnel_id") || !o.count("session_id"))
            {
                Refuse("tunnel_id and session_id are required");
            }
            uint32_t tid = ParseUnsigned(o["tunnel_id"], "tunnel_id", 0xffffffffu);
            uint32_t sid = ParseUnsigned(o["session_id"], "session_id", 0xffffffffu);
            for (auto& i : n.interfaces)
            {
                if (i.kind == Kind::L2TP && i.created && i.tunnelId == tid && i.localSession == sid)
                {
                    Destroy(n, i);
                    return;
                }
            }
            Refuse("no session " + o["session_id"] + " in tunnel " + o["tunnel_id"] + " on " +
                   n.name);
        }
        auto o = Options(w,
                         4,
                         {"name",
                          "tunnel_id",
                          "session_id",
                          "peer_session_id",
                          "cookie",
                          "peer_cookie",
                          "l2spec_type",
                          "seq",
                          "reorder_timeout",
                          "pw_type"});
        for (const char* required : {"tunnel_id", "session_id", "peer_session_id"})
        {
            if (!o.count(required))
            {
                Refuse(std::string(required) + " is required");
            }
        }
        uint32_t tid = ParseUnsigned(o["tunnel_id"], "tunnel_id", 0xffffffffu);
        auto t = n.tunnels.find(tid);
        if (t == n.tunnels.end())
        {
            Refuse("no tunnel " + o["tunnel_id"] + " on " + n.name + " (ip l2tp add tunnel first)");
        }
        if (o.count("pw_type") && o["pw_type"] != "eth")
        {
            Refuse("pw_type must be eth (Ethernet pseudowires only)");
        }
        std::string name = o.count("name") ? o["name"] : "";
        if (name.empty())
        {
            // iproute2 names session devices l2tpeth0, l2tpeth1, ...
            for (uint32_t k = 0; name.empty() || n.Find(name); ++k)
            {
                name = "l2tpeth" + std::to_string(k);
            }
        }
        if (!IsName(name))
        {
            Refuse("'" + name + "' is not an interface name");
        }
        uint32_t local = ParseUnsigned(o["session_id"], "session_id", 0xffffffffu);
        uint32_t remote = ParseUnsigned(o["peer_session_id"], "peer_session_id", 0xffffffffu);
        if (remote == 0)
        {
            Refuse("session ID 0 is reserved for control messages (RFC 3931 §4.1)");
        }
        Interface probe;
        CheckSessionFree(n, probe, local, t->second.udp, t->second.sport);
        L2tpv3Cookie cookie;
        L2tpv3Cookie peerCookie;
        if (o.count("cookie"))
        {
            cookie = ParseHexCookie(o["cookie"], "cookie");
        }
        if (o.count("peer_cookie"))
        {
            peerCookie = ParseHexCookie(o["peer_cookie"], "peer_cookie");
        }
        // Linux's default for L2TPv3 sessions is the default sublayer.
        L2tpv3Sublayer l2spec = L2tpv3Sublayer::DEFAULT;
        if (o.count("l2spec_type"))
        {
            l2spec = ParseName(L2tpv3SublayerNames(), o["l2spec_type"], "l2spec_type");
        }
        std::string seq = o.count("seq") ? o["seq"] : "none";
        if (seq != "none" && seq != "send" && seq != "recv" && seq != "both")
        {
            Refuse("seq must be none, send, recv or both");
        }
        if (seq != "none" && l2spec == L2tpv3Sublayer::NONE)
        {
            Refuse("seq " + seq +
                   " needs l2spec_type default (the sequence number lives "
                   "in the sublayer, RFC 3931 §4.6)");
        }
        double reorder = 0;
        if (o.count("reorder_timeout"))
        {
            reorder = ParseUnsigned(o["reorder_timeout"], "reorder_timeout", 60000) / 1000.0;
        }
        CreateL2tp(n, name);
        Interface& i = *n.Find(name);
        i.tunnelId = tid;
        i.udp = t->second.udp;
        i.udpSport = t->second.sport;
        i.udpDport = t->second.dport;
        i.sublayer = l2spec == L2tpv3Sublayer::DEFAULT;
        i.seqSend = seq == "send" || seq == "both";
        i.seqRecv = seq == "recv" || seq == "both";
        i.reorderTimeout = reorder;
        i.localSession = local;
        i.remoteSession = remote;
        i.localCookie = cookie;
        i.remoteCookie = peerCookie;
        i.tunnelSource = t->second.local;
        i.tunnelDestination = t->second.remote;
        if (i.udp)
        {
            m_plan.udpPorts.insert(i.udpSport);
            m_plan.udpPorts.insert(i.udpDport);
        }
        Emit([ref = Ref(n, i),
              udp = i.udp,
              sport = i.udpSport,
              dport = i.udpDport,
              l2spec,
              seqSend = i.seqSend,
              seqRecv = i.seqRecv,
              reorder,
              cookie,
              peerCookie,
              src = i.tunnelSource,
              dst = i.tunnelDestination,
              local,
              remote](Executor& x) {
            Ptr<L2tpv3NetDevice> d = x.L2tpDevice(ref);
            d->SetAttribute("Encapsulation",
                            StringValue(L2tpv3EncapsulationName(udp ? L2tpv3Encapsulation::UDP
                                                                    : L2tpv3Encapsulation::IP)));
            if (udp)
            {
                d->SetAttribute("UdpSourcePort", UintegerValue(sport));
                d->SetAttribute("UdpDestinationPort", UintegerValue(dport));
            }
            d->SetAttribute("L2SpecificSublayer", StringValue(L2tpv3SublayerName(l2spec)));
            d->SetAttribute("SendSequenceNumbers", BooleanValue(seqSend));
            d->SetAttribute("RequireSequenceNumbers", BooleanValue(seqRecv));
            d->SetAttribute("ReorderTimeout", TimeValue(Seconds(reorder)));
            d->SetCookies(cookie, peerCookie);
            // Linux checks the tunnel when the session is created: the endpoints are set
            // before the session registers, so that the UDP socket key is known.
            d->SetTunnel(src, dst);
            d->SetSessionIds(local, remote);
        });
        ApplyTunnel(n, i);
    }
    else
    {
        Refuse("usage: ip l2tp add|del tunnel|session ...");
    }
}

} // namespace lab
} // namespace ns3
