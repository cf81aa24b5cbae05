/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-lab-model.h"

#include "l2tpv3-lab-executor.h"

#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/l2tpv3-names.h"
#include "ns3/l2tpv3-net-device.h"

#include <algorithm>

namespace ns3
{
namespace lab
{

Interface*
NodeModel::Find(const std::string& name)
{
    for (auto& i : interfaces)
    {
        if (i.name == name && i.exists)
        {
            return &i;
        }
    }
    return nullptr;
}

const Interface*
NodeModel::Find(const std::string& name) const
{
    return const_cast<NodeModel*>(this)->Find(name);
}

std::map<std::string, std::string>
Options(const std::vector<std::string>& w, std::size_t from, const std::set<std::string>& known)
{
    std::map<std::string, std::string> out;
    for (std::size_t k = from; k < w.size(); k += 2)
    {
        if (!known.count(w[k]))
        {
            std::string list;
            for (const auto& s : known)
            {
                list += (list.empty() ? "" : ", ") + s;
            }
            Refuse("unknown option '" + w[k] + "' (" + list + ")");
        }
        if (k + 1 >= w.size())
        {
            Refuse("option " + w[k] + " needs a value");
        }
        if (out.count(w[k]))
        {
            Refuse("option " + w[k] + " given twice");
        }
        out[w[k]] = w[k + 1];
    }
    return out;
}

Checker::Checker(Script& script)
    : m_s(script)
{
}

uint64_t
Checker::GetCommandsChecked() const
{
    return m_commandsChecked;
}

void
Checker::InitModel()
{
    m_nodes.clear();
    for (const auto& name : m_s.nodeOrder)
    {
        NodeModel n;
        n.name = name;
        Interface lo;
        lo.name = "lo0";
        lo.kind = Kind::LOOPBACK;
        lo.up = true;
        lo.mtu = 65535;
        n.interfaces.push_back(lo);
        m_nodes[name] = n;
    }
    for (const auto& l : m_s.links)
    {
        for (int end = 0; end < 2; ++end)
        {
            Interface i;
            i.name = end == 0 ? l.ifA : l.ifB;
            i.kind = Kind::ETHERNET;
            i.mtu = l.mtu;
            i.linkMtu = l.mtu;
            m_nodes[end == 0 ? l.nodeA : l.nodeB].interfaces.push_back(i);
        }
    }
}

Interface&
Checker::Need(NodeModel& n, const std::string& name)
{
    std::string lookup = name == "lo" ? "lo0" : name;
    Interface* i = n.Find(lookup);
    if (!i)
    {
        if (name.compare(0, 4, "l2tp") == 0 || name.compare(0, 6, "bridge") == 0)
        {
            Refuse("no interface " + name + " on " + n.name + " (create it first: ifconfig " +
                   name + " create)");
        }
        Refuse("no interface " + name + " on " + n.name);
    }
    return *i;
}

bool
Checker::HasAddress(NodeModel& n, const Address& a)
{
    for (auto& i : n.interfaces)
    {
        if (!i.exists)
        {
            continue;
        }
        for (auto& ad : i.addresses)
        {
            if (ad.prefix.address == a)
            {
                return true;
            }
        }
    }
    return false;
}

IfRef
Checker::Ref(NodeModel& n, const Interface& i) const
{
    return {n.name, static_cast<std::size_t>(&i - n.interfaces.data())};
}

void
Checker::Emit(Action action)
{
    m_actions->push_back(std::move(action));
}

void
Checker::Apply(const Command& c)
{
    ++m_commandsChecked;
    NodeModel& n = m_nodes[c.node];
    const auto& w = c.args;
    if (w[0] == "ifconfig")
    {
        Ifconfig(n, w, c.time >= 0);
    }
    else if (w[0] == "brconfig")
    {
        Brconfig(n, w);
    }
    else if (w[0] == "ip")
    {
        Ip(n, w);
    }
    else if (w[0] == "l2tpd")
    {
        if (c.time >= 0)
        {
            Refuse("the daemon is configured in the configuration, not at a time");
        }
        Daemon(n, w);
    }
    else
    {
        Refuse("unknown command '" + w[0] + "' (ifconfig, brconfig, ip, l2tpd)");
    }
}

void
Checker::CheckSessionFree(NodeModel& n, const Interface& self, uint32_t id, bool udp, uint16_t port)
{
    if (id == 0)
    {
        Refuse("session ID 0 is reserved for control messages (RFC 3931 §4.1)");
    }
    for (auto& i : n.interfaces)
    {
        if (&i != &self && i.kind == Kind::L2TP && i.created && i.localSession == id &&
            i.udp == udp && (!udp || i.udpSport == port))
        {
            Refuse("local session ID " + std::to_string(id) + " is already used by " + i.name +
                   " on " + n.name);
        }
    }
}

void
Checker::ApplyTunnel(NodeModel& n, Interface& i)
{
    Emit(
        [ref = Ref(n, i), up = i.up, src = i.tunnelSource, dst = i.tunnelDestination](Executor& x) {
            x.ApplyTunnel(ref, up, src, dst);
        });
}

void
Checker::SetUp(NodeModel& n, Interface& i, bool up)
{
    if (i.kind == Kind::BRIDGE && !up)
    {
        Refuse("bridge down is not modelled (ns-3's BridgeNetDevice always forwards)");
    }
    i.up = up;
    Emit([ref = Ref(n, i), kind = i.kind, up, src = i.tunnelSource, dst = i.tunnelDestination](
             Executor& x) {
        x.SetUp(ref, kind, up, src, dst);
    });
}

void
Checker::AddAddress(NodeModel& n, Interface& i, const Prefix& p, const Address& peer, bool bringUp)
{
    if (!i.bridge.empty())
    {
        Refuse(i.name + " is a port of " + i.bridge +
               "; give the address to the bridge, not to its port");
    }
    if (HasAddress(n, p.address))
    {
        Refuse("address " + L2tpv3AddressText(p.address) + " is already on " + n.name);
    }
    if (p.IsV6() == false && p.length == 0)
    {
        Refuse("prefix length 0 is not an interface address");
    }
    i.addresses.push_back({p, peer});
    if (bringUp)
    {
        i.up = true;
    }
    Emit([ref = Ref(n, i),
          p,
          peer,
          kind = i.kind,
          up = i.up,
          src = i.tunnelSource,
          dst = i.tunnelDestination](Executor& x) {
        x.AddAddress(ref, p, peer);
        x.SetUp(ref, kind, up, src, dst);
    });
}

void
Checker::CreateL2tp(NodeModel& n, const std::string& name)
{
    if (n.Find(name))
    {
        Refuse(name + " already exists on " + n.name);
    }
    Interface i;
    i.name = name;
    i.kind = Kind::L2TP;
    i.created = true;
    i.mtu = 1500;
    n.interfaces.push_back(i);
    Emit([ref = Ref(n, n.interfaces.back()), name](Executor& x) {
        x.CreateL2tp(ref, name);
    });
}

void
Checker::CreateBridge(NodeModel& n, const std::string& name)
{
    if (n.Find(name))
    {
        Refuse(name + " already exists on " + n.name);
    }
    Interface i;
    i.name = name;
    i.kind = Kind::BRIDGE;
    n.interfaces.push_back(i);
    Emit([ref = Ref(n, n.interfaces.back()), name](Executor& x) {
        x.CreateBridge(ref, name);
    });
}

void
Checker::Destroy(NodeModel& n, Interface& i)
{
    // ns-3 cannot remove a device from a node: the device stays, inert (no tunnel, no
    // session), as l2tp(4)'s destroy leaves nothing that sends or receives.
    i.tunnelSource = Address();
    i.tunnelDestination = Address();
    i.up = false;
    Emit([ref = Ref(n, i)](Executor& x) {
        x.L2tpDevice(ref)->DeleteTunnel();
        x.L2tpDevice(ref)->DeleteSession();
    });
    i.localSession = 0;
    i.remoteSession = 0;
    i.exists = false;
    i.created = false;
}

Address
Checker::FirstAddress(NodeModel& n, bool v6)
{
    for (auto& i : n.interfaces)
    {
        if (!i.exists || i.kind == Kind::LOOPBACK)
        {
            continue;
        }
        for (auto& a : i.addresses)
        {
            if (a.prefix.IsV6() == v6)
            {
                return a.prefix.address;
            }
        }
    }
    return Address();
}

Interface*
Checker::FirstL2tp(NodeModel& n)
{
    for (auto& i : n.interfaces)
    {
        if (i.kind == Kind::L2TP && i.created)
        {
            return &i;
        }
    }
    return nullptr;
}

/** Resolve observations against the configured model (after time-0 commands). */
void
Checker::ResolveObservations()
{
    for (auto& p : m_s.pings)
    {
        try
        {
            if (m_s.IsNode(p.target))
            {
                p.address = FirstAddress(m_nodes[p.target], p.v6);
                if (p.address.IsInvalid())
                {
                    Refuse("node " + p.target + " has no " + (p.v6 ? "IPv6" : "IPv4") +
                           " address to ping");
                }
            }
            if (!p.sourceAddress.IsInvalid() && !HasAddress(m_nodes[p.from], p.sourceAddress))
            {
                Refuse("from " + p.source + " is not an address of " + p.from);
            }
        }
        catch (const Refusal& r)
        {
            m_s.Error(p.line, p.text, r.reason);
        }
    }
    for (auto& c : m_s.captures)
    {
        try
        {
            Interface& i = Need(m_nodes[c.node], c.interface);
            if (i.kind == Kind::BRIDGE || i.kind == Kind::LOOPBACK)
            {
                Refuse("captures are taken on Ethernet and l2tp interfaces, not on " + c.interface);
            }
        }
        catch (const Refusal& r)
        {
            m_s.Error(c.line, c.text, r.reason);
        }
    }
    for (auto& s : m_s.injects)
    {
        try
        {
            Interface& out = Need(m_nodes[s.node], s.interface);
            if (out.kind != Kind::ETHERNET)
            {
                Refuse("the attacker sends on an Ethernet interface, not " + s.interface);
            }
            Interface& in = Need(m_nodes[s.victim], s.victimInterface);
            if (in.kind != Kind::ETHERNET)
            {
                Refuse("the victim's interface must be an Ethernet interface");
            }
            bool linked = false;
            for (const auto& l : m_s.links)
            {
                linked |= (l.nodeA == s.node && l.ifA == s.interface && l.nodeB == s.victim &&
                           l.ifB == s.victimInterface) ||
                          (l.nodeB == s.node && l.ifB == s.interface && l.nodeA == s.victim &&
                           l.ifA == s.victimInterface);
            }
            if (!linked)
            {
                Refuse(s.node + ":" + s.interface + " and " + s.victim + ":" + s.victimInterface +
                       " are not the two ends of one link");
            }
            Interface* pw = FirstL2tp(m_nodes[s.victim]);
            if (!pw || pw->tunnelSource.IsInvalid())
            {
                Refuse(s.victim + " has no l2tp interface with a tunnel to attack");
            }
            s.target = pw->tunnelSource;
            if (s.forged.IsInvalid())
            {
                s.forged = pw->tunnelDestination;
            }
            if (Ipv4Address::IsMatchingType(s.forged) != Ipv4Address::IsMatchingType(s.target))
            {
                Refuse("spoof " + s.spoof + " is not of the tunnel's address family");
            }
            s.sessionId = s.session >= 0 ? s.session : pw->localSession;
            s.cookieLen = s.cookieLength >= 0 ? s.cookieLength : pw->localCookie.GetLength();
            s.udp = pw->udp;
            s.sublayer = pw->sublayer;
            if (!s.cookie.empty())
            {
                std::size_t colon = s.cookie.find(':');
                if (colon == std::string::npos)
                {
                    Refuse("cookie '" + s.cookie + "' is not LEN:VALUE");
                }
                ParseCookie(s.cookie.substr(0, colon), s.cookie.substr(colon + 1));
            }
            if (!s.tapNode.empty())
            {
                Interface& tap = Need(m_nodes[s.tapNode], s.tapInterface);
                if (tap.kind != Kind::ETHERNET)
                {
                    Refuse("tap must be an Ethernet interface");
                }
            }
        }
        catch (const Refusal& r)
        {
            m_s.Error(s.line, s.text, r.reason);
        }
    }
}

Plan
Checker::Check()
{
    if (m_s.nodeOrder.empty() && m_s.errors.empty())
    {
        m_s.errors.push_back({m_s.file, 1, "(file)", "no node declared"});
    }
    InitModel();
    m_plan.initial = std::make_shared<const Model>(m_nodes);
    bool resolved = false;
    for (const Command* c : m_s.Ordered())
    {
        if (c->time >= 0 && !resolved)
        {
            ResolveObservations();
            m_plan.configured = std::make_shared<const Model>(m_nodes);
            resolved = true;
        }
        Step step;
        step.command = c;
        m_actions = &step.actions;
        try
        {
            Apply(*c);
        }
        catch (const Refusal& r)
        {
            m_s.Error(c->line, Join(c->args), r.reason);
        }
        m_actions = nullptr;
        step.after = std::make_shared<const Model>(m_nodes);
        (c->time < 0 ? m_plan.configuration : m_plan.timed).push_back(std::move(step));
    }
    if (!resolved)
    {
        ResolveObservations();
        m_plan.configured = std::make_shared<const Model>(m_nodes);
    }
    if (!m_s.errors.empty())
    {
        std::stable_sort(m_s.errors.begin(),
                         m_s.errors.end(),
                         [](const L2tpv3LabError::Item& a, const L2tpv3LabError::Item& b) {
                             return a.line < b.line;
                         });
        throw L2tpv3LabError(m_s.errors);
    }
    return std::move(m_plan);
}

} // namespace lab
} // namespace ns3
