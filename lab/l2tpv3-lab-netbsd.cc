/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The lab's NetBSD dialect: ifconfig (l2tp(4)'s tunnel, session and cookie parameters, create,
// destroy, up, down, mtu, inet, inet6) and brconfig, each checked against the model and carried
// out by the ns-3 calls it leaves as actions.

#include "l2tpv3-lab-executor.h"
#include "l2tpv3-lab-model.h"

#include "ns3/bridge-net-device.h"
#include "ns3/ipv4-address.h"
#include "ns3/l2tpv3-net-device.h"

namespace ns3
{
namespace lab
{

void
Checker::Ifconfig(NodeModel& n, const std::vector<std::string>& w, bool timed)
{
    if (w.size() < 2)
    {
        Refuse("usage: ifconfig IF ...");
    }
    const std::string& name = w[1];
    if (!IsName(name))
    {
        Refuse("'" + name + "' is not an interface name");
    }
    bool isL2tp = name.compare(0, 4, "l2tp") == 0;
    bool isBridge = name.compare(0, 6, "bridge") == 0;
    if (w.size() == 3 && w[2] == "create")
    {
        if (!isL2tp && !isBridge)
        {
            Refuse("only l2tpN and bridgeN interfaces can be created");
        }
        if (timed)
        {
            Refuse("interfaces are created in the configuration, not at a time");
        }
        isL2tp ? CreateL2tp(n, name) : CreateBridge(n, name);
        return;
    }
    if (w.size() == 2)
    {
        Refuse("missing parameter after " + name);
    }
    Interface& i = Need(n, name);
    const std::string& op = w[2];
    auto args = [&](std::size_t count, const std::string& usage) {
        if (w.size() != 3 + count)
        {
            Refuse("usage: ifconfig " + name + " " + usage);
        }
    };
    if (op == "up" || op == "down")
    {
        args(0, op);
        SetUp(n, i, op == "up");
    }
    else if (op == "destroy")
    {
        args(0, "destroy");
        if (i.kind == Kind::BRIDGE)
        {
            Refuse("bridge destroy is not modelled (ns-3's BridgeNetDevice keeps its ports)");
        }
        if (i.kind != Kind::L2TP)
        {
            Refuse("only l2tp interfaces can be destroyed here");
        }
        Destroy(n, i);
    }
    else if (op == "inet" || op == "inet6")
    {
        if (w.size() != 4 && !(w.size() == 6 && (w[4] == "netmask" || w[4] == "prefixlen")))
        {
            Refuse("usage: ifconfig " + name + " " + op + " ADDRESS/LEN (or ADDRESS " +
                   (op == "inet" ? "netmask MASK)" : "prefixlen LEN)"));
        }
        Prefix p = ParsePrefix(w[3], op + " address", w.size() == 4);
        if (p.IsV6() != (op == "inet6"))
        {
            Refuse("'" + w[3] + "' is not an " + (op == "inet" ? "IPv4" : "IPv6") + " address");
        }
        if (w.size() == 6)
        {
            if (w[4] == "netmask" && op == "inet")
            {
                p.length = ParseNetmask(w[5]);
            }
            else if (w[4] == "prefixlen" && op == "inet6")
            {
                p.length = ParseUnsigned(w[5], "prefixlen", 128);
            }
            else
            {
                Refuse("'" + w[4] + "' does not go with " + op);
            }
        }
        // NetBSD: giving an address brings the interface up.
        AddAddress(n, i, p, Address(), true);
    }
    else if (op == "mtu")
    {
        args(1, "mtu N");
        uint32_t mtu = ParseUnsigned(w[3], "mtu", 65535);
        if (mtu < 68)
        {
            Refuse("mtu " + w[3] + " is below IPv4's minimum 68");
        }
        if (i.kind == Kind::ETHERNET && mtu > i.linkMtu)
        {
            Refuse("mtu " + w[3] + " is larger than the link's " + std::to_string(i.linkMtu));
        }
        if (i.kind == Kind::BRIDGE || i.kind == Kind::LOOPBACK)
        {
            Refuse("the mtu of " + name + " is not settable here");
        }
        i.mtu = mtu;
        Emit([ref = Ref(n, i), mtu](Executor& x) {
            x.Device(ref)->SetMtu(mtu);
        });
    }
    else if (i.kind == Kind::L2TP)
    {
        L2tpCommand(n, i, w);
    }
    else
    {
        Refuse("unknown parameter '" + op + "' for " + name);
    }
}

void
Checker::L2tpCommand(NodeModel& n, Interface& i, const std::vector<std::string>& w)
{
    const std::string& name = i.name;
    const std::string& op = w[2];
    auto args = [&](std::size_t count, const std::string& usage) {
        if (w.size() != 3 + count)
        {
            Refuse("usage: ifconfig " + name + " " + usage);
        }
    };
    if (op == "tunnel")
    {
        args(2, "tunnel SOURCE DESTINATION");
        Address src = ParseAddress(w[3], "tunnel source");
        Address dst = ParseAddress(w[4], "tunnel destination");
        if (Ipv4Address::IsMatchingType(src) != Ipv4Address::IsMatchingType(dst))
        {
            Refuse("tunnel source and destination are of different address families");
        }
        if (!HasAddress(n, src))
        {
            Refuse("tunnel source " + w[3] + " is not an address of " + n.name);
        }
        i.tunnelSource = src;
        i.tunnelDestination = dst;
        ApplyTunnel(n, i);
    }
    else if (op == "deletetunnel")
    {
        args(0, "deletetunnel");
        i.tunnelSource = Address();
        i.tunnelDestination = Address();
        ApplyTunnel(n, i);
    }
    else if (op == "session")
    {
        args(2, "session LOCAL REMOTE");
        uint32_t local = ParseUnsigned(w[3], "local session ID", 0xffffffffu);
        uint32_t remote = ParseUnsigned(w[4], "remote session ID", 0xffffffffu);
        CheckSessionFree(n, i, local, false, 0);
        if (remote == 0)
        {
            Refuse("session ID 0 is reserved for control messages (RFC 3931 §4.1)");
        }
        i.localSession = local;
        i.remoteSession = remote;
        Emit([ref = Ref(n, i), local, remote](Executor& x) {
            x.L2tpDevice(ref)->SetSessionIds(local, remote);
        });
    }
    else if (op == "deletesession")
    {
        args(0, "deletesession");
        i.localSession = 0;
        i.remoteSession = 0;
        Emit([ref = Ref(n, i)](Executor& x) {
            x.L2tpDevice(ref)->DeleteSession();
        });
    }
    else if (op == "cookie")
    {
        args(4, "cookie LOCAL_LENGTH LOCAL_VALUE REMOTE_LENGTH REMOTE_VALUE");
        L2tpv3Cookie local = ParseCookie(w[3], w[4]);
        L2tpv3Cookie remote = ParseCookie(w[5], w[6]);
        i.localCookie = local;
        i.remoteCookie = remote;
        Emit([ref = Ref(n, i), local, remote](Executor& x) {
            x.L2tpDevice(ref)->SetCookies(local, remote);
        });
    }
    else if (op == "deletecookie")
    {
        args(0, "deletecookie");
        i.localCookie = L2tpv3Cookie();
        i.remoteCookie = L2tpv3Cookie();
        Emit([ref = Ref(n, i)](Executor& x) {
            x.L2tpDevice(ref)->DeleteCookie();
        });
    }
    else
    {
        Refuse("unknown l2tp parameter '" + op +
               "' (tunnel, deletetunnel, session, deletesession, cookie, deletecookie, "
               "up, down, mtu, inet, inet6, create, destroy)");
    }
}

void
Checker::Brconfig(NodeModel& n, const std::vector<std::string>& w)
{
    if (w.size() != 4 || (w[2] != "add" && w[2] != "delete"))
    {
        Refuse("usage: brconfig BRIDGE add INTERFACE");
    }
    Interface& b = Need(n, w[1]);
    if (b.kind != Kind::BRIDGE)
    {
        Refuse(w[1] + " is not a bridge");
    }
    if (w[2] == "delete")
    {
        Refuse("brconfig delete is not modelled (ns-3's BridgeNetDevice keeps its ports)");
    }
    Interface& port = Need(n, w[3]);
    if (port.kind != Kind::ETHERNET && port.kind != Kind::L2TP)
    {
        Refuse(w[3] + " cannot be a bridge port");
    }
    if (!port.bridge.empty())
    {
        Refuse(w[3] + " is already a port of " + port.bridge);
    }
    if (!port.addresses.empty())
    {
        Refuse(w[3] + " has an address; a bridge port carries none here");
    }
    port.bridge = b.name;
    b.ports.push_back(port.name);
    Emit([bridge = Ref(n, b), port = Ref(n, port)](Executor& x) {
        DynamicCast<BridgeNetDevice>(x.Device(bridge))->AddBridgePort(x.Device(port));
    });
}

} // namespace lab
} // namespace ns3
