/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The lab's l2tpd dialect: the control-plane daemon (`l2tpd [options]`, `l2tpd peer`,
// `l2tpd pseudowire`, `l2tpd offer`), an L2tpv3Lcce per node, checked against the model and
// carried out by the ns-3 calls it leaves as actions; and what the daemons report while the
// lab runs (control messages, sessions up and down).

#include "l2tpv3-lab-executor.h"
#include "l2tpv3-lab-model.h"

#include "ns3/bridge-net-device.h"
#include "ns3/ipv4-address.h"
#include "ns3/l2tpv3-control-message.h"
#include "ns3/l2tpv3-control-session.h"
#include "ns3/l2tpv3-lcce-helper.h"
#include "ns3/l2tpv3-lcce.h"
#include "ns3/l2tpv3-names.h"
#include "ns3/nstime.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <iomanip>
#include <sstream>

namespace ns3
{
namespace lab
{

void
Checker::Daemon(NodeModel& n, const std::vector<std::string>& w)
{
    if (w.size() == 1 || (w[1] != "peer" && w[1] != "pseudowire" && w[1] != "offer"))
    {
        if (n.daemon)
        {
            Refuse("l2tpd already runs on " + n.name);
        }
        auto o = Options(w, 1, {"hello", "retries", "cookie-length", "encap", "rto"});
        DaemonSettings settings;
        if (o.count("hello"))
        {
            settings.hello = ParseTime(o["hello"], "hello");
        }
        if (o.count("rto"))
        {
            settings.rto = ParseTime(o["rto"], "rto");
        }
        if (o.count("retries"))
        {
            settings.retries = ParseUnsigned(o["retries"], "retries", 100);
        }
        if (o.count("cookie-length"))
        {
            uint64_t length = ParseUnsigned(o["cookie-length"], "cookie-length", 8);
            if (length != 0 && length != 4 && length != 8)
            {
                Refuse("cookie length must be 0, 4 or 8");
            }
            settings.cookieLength = length;
        }
        if (o.count("encap"))
        {
            settings.encap =
                L2tpv3EncapsulationName(ParseName(L2tpv3EncapsulationNames(), o["encap"], "encap"));
        }
        n.daemon = true;
        Emit([node = n.name, settings](Executor& x) {
            x.StartDaemon(node, settings);
        });
        return;
    }
    if (!n.daemon)
    {
        Refuse("l2tpd is not running on " + n.name + " (start it with `l2tpd`)");
    }
    if (w[1] == "peer")
    {
        if (w.size() != 4)
        {
            Refuse("usage: l2tpd peer LOCAL_ADDRESS PEER_ADDRESS");
        }
        Address local = ParseAddress(w[2], "local address");
        Address peer = ParseAddress(w[3], "peer address");
        if (Ipv4Address::IsMatchingType(local) != Ipv4Address::IsMatchingType(peer))
        {
            Refuse("local and peer addresses are of different address families");
        }
        if (!HasAddress(n, local))
        {
            Refuse("local address " + w[2] + " is not an address of " + n.name);
        }
        ++n.daemonPeers;
        Emit([node = n.name, local, peer](Executor& x) {
            x.Lcce(node)->AddPeer(local, peer);
        });
        return;
    }
    if (w.size() != 4)
    {
        Refuse("usage: l2tpd " + w[1] + " REMOTE_END_ID BRIDGE");
    }
    if (w[1] == "pseudowire" && n.daemonPeers == 0)
    {
        Refuse("l2tpd pseudowire needs an `l2tpd peer` line before it");
    }
    if (n.remoteEndIds.count(w[2]))
    {
        Refuse("Remote End ID " + w[2] + " is already used on " + n.name);
    }
    Interface& b = Need(n, w[3]);
    if (b.kind != Kind::BRIDGE)
    {
        Refuse(w[3] + " is not a bridge");
    }
    n.remoteEndIds.insert(w[2]);
    Emit([ref = Ref(n, b), pseudowire = w[1] == "pseudowire", peer = n.daemonPeers, id = w[2]](
             Executor& x) {
        Ptr<BridgeNetDevice> bridge = DynamicCast<BridgeNetDevice>(x.Device(ref));
        if (pseudowire)
        {
            x.Lcce(ref.node)->AddPseudowire(peer - 1, id, bridge);
        }
        else
        {
            x.Lcce(ref.node)->OfferPseudowire(id, bridge);
        }
    });
}

void
Executor::StartDaemon(const std::string& node, const DaemonSettings& settings)
{
    L2tpv3LcceHelper helper;
    if (settings.hello)
    {
        helper.SetAttribute("HelloInterval", TimeValue(Seconds(*settings.hello)));
    }
    if (settings.rto)
    {
        helper.SetAttribute("RetransmitTimeout", TimeValue(Seconds(*settings.rto)));
    }
    if (settings.retries)
    {
        helper.SetAttribute("MaxRetries", UintegerValue(*settings.retries));
    }
    if (settings.cookieLength)
    {
        helper.SetAttribute("CookieLength", UintegerValue(*settings.cookieLength));
    }
    if (settings.encap)
    {
        helper.SetAttribute("Encapsulation", StringValue(*settings.encap));
    }
    helper.SetAttribute("HostName", StringValue(node));
    Daemon& d = m_daemons[node];
    d.lcce = helper.Install(GetNode(node));
    d.index = m_results->daemons.size();
    L2tpv3Lab::DaemonResult r;
    r.node = node;
    m_results->daemons.push_back(r);
    d.lcce->TraceConnectWithoutContext("ControlTx",
                                       MakeCallback(&Executor::ControlTx, this).Bind(node));
    d.lcce->TraceConnectWithoutContext(
        "SessionUp",
        MakeCallback(&Executor::DaemonSessionUp, this).Bind(d.index));
    d.lcce->TraceConnectWithoutContext(
        "SessionDown",
        MakeCallback(&Executor::DaemonSessionDown, this).Bind(d.index));
}

Ptr<L2tpv3Lcce>
Executor::Lcce(const std::string& node)
{
    return m_daemons.at(node).lcce;
}

void
Executor::ControlTx(std::string node, uint32_t connection, const L2tpv3ControlMessage& message)
{
    std::ostringstream os;
    os << std::fixed << std::setprecision(3) << Simulator::Now().GetSeconds() << "s " << node
       << " sends "
       << (message.IsZlb() ? std::string("ZLB")
                           : L2tpv3MessageTypeName(static_cast<uint16_t>(message.GetMessageType())))
       << " Ns=" << message.GetNs() << " Nr=" << message.GetNr();
    m_results->controlMessages.push_back(os.str());
}

void
Executor::DaemonSessionUp(std::size_t index,
                          const L2tpv3SessionParameters& parameters,
                          Ptr<L2tpv3NetDevice> device)
{
    auto& r = m_results->daemons[index];
    if (r.sessionUpAt < 0)
    {
        r.sessionUpAt = Simulator::Now().GetSeconds();
    }
}

void
Executor::DaemonSessionDown(std::size_t index,
                            const L2tpv3SessionParameters& parameters,
                            L2tpv3SessionDownReason reason)
{
    auto& r = m_results->daemons[index];
    if (r.sessionDownAt < 0)
    {
        r.sessionDownAt = Simulator::Now().GetSeconds();
        r.sessionDownReason = L2tpv3SessionDownReasonName(reason);
    }
}

void
Executor::CollectDaemons(L2tpv3Lab::Results& results)
{
    for (auto& entry : m_daemons)
    {
        const Daemon& d = entry.second;
        L2tpv3LcceCounters c = d.lcce->GetCounters();
        auto& f = results.daemons[d.index].figures;
        for (uint16_t type = 1; type < c.txMessages.size(); ++type)
        {
            std::string name = L2tpv3MessageTypeName(type);
            if (name.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string::npos)
            {
                continue; // reserved types have no name
            }
            f["tx." + name] = c.txMessages[type];
            f["rx." + name] = c.rxMessages[type];
        }
        f["zlb_sent"] = c.zlbSent;
        f["retransmissions"] = c.retransmissions;
        f["timeouts"] = c.timeouts;
        f["connections_established"] = c.connectionsEstablished;
        f["sessions_up"] = c.sessionsUp;
        f["sessions_up_now"] = d.lcce->GetNSessionsUp();
    }
}

} // namespace lab
} // namespace ns3
