/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-lab-executor.h"

#include "ns3/boolean.h"
#include "ns3/bridge-net-device.h"
#include "ns3/config.h"
#include "ns3/csma-helper.h"
#include "ns3/csma-net-device.h"
#include "ns3/error-model.h"
#include "ns3/icmpv6-l4-protocol.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-interface-address.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-address.h"
#include "ns3/ipv6-interface-address.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/ipv6-static-routing-helper.h"
#include "ns3/ipv6.h"
#include "ns3/l2tpv3-injector.h"
#include "ns3/l2tpv3-lcce.h"
#include "ns3/l2tpv3-names.h"
#include "ns3/l2tpv3-net-device.h"
#include "ns3/l2tpv3-pinger.h"
#include "ns3/mac48-address.h"
#include "ns3/names.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/pcap-file-wrapper.h"
#include "ns3/random-variable-stream.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/trace-helper.h"
#include "ns3/uinteger.h"

#include <set>
#include <sstream>

namespace ns3
{
namespace lab
{

namespace
{

/**
 * \ingroup l2tp
 * \brief A WAN link's receive impairment: loses a share of frames and delivers another share
 * late (reordering them behind later frames).
 */
class LabImpairment : public ErrorModel
{
  public:
    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::L2tpv3LabImpairment")
                                .SetParent<ErrorModel>()
                                .SetGroupName("L2tp")
                                .AddConstructor<LabImpairment>();
        return tid;
    }

    void Configure(Ptr<CsmaNetDevice> device,
                   Ptr<CsmaNetDevice> peer,
                   double loss,
                   double reorder,
                   Time delay,
                   int64_t stream)
    {
        m_device = PeekPointer(device);
        m_peer = PeekPointer(peer);
        m_loss = loss;
        m_reorder = reorder;
        m_delay = delay;
        m_random = CreateObject<UniformRandomVariable>();
        m_random->SetStream(stream);
    }

    uint64_t m_lost{0};    //!< frames lost
    uint64_t m_delayed{0}; //!< frames delivered late

  private:
    bool DoCorrupt(Ptr<Packet> p) override
    {
        auto late = m_late.find(p->GetUid());
        if (late != m_late.end())
        {
            m_late.erase(late);
            return false;
        }
        double u = m_random->GetValue();
        if (u < m_loss)
        {
            ++m_lost;
            return true;
        }
        if (u < m_loss + m_reorder)
        {
            // Delivered again later; counted here, not as a loss.
            ++m_delayed;
            m_late.insert(p->GetUid());
            Simulator::Schedule(m_delay,
                                &CsmaNetDevice::Receive,
                                m_device,
                                p->Copy(),
                                Ptr<CsmaNetDevice>(m_peer));
            return true;
        }
        return false;
    }

    void DoReset() override {}

    // Not owned: the device owns this model (a Ptr here would be a reference cycle).
    CsmaNetDevice* m_device{nullptr};    //!< receiving device
    CsmaNetDevice* m_peer{nullptr};      //!< the other end
    double m_loss{0};                    //!< loss probability
    double m_reorder{0};                 //!< late-delivery probability
    Time m_delay;                        //!< how late
    std::multiset<uint64_t> m_late;      //!< packets being delivered late
    Ptr<UniformRandomVariable> m_random; //!< draws
};

NS_OBJECT_ENSURE_REGISTERED(LabImpairment);

} // namespace

Executor::Executor(const Script& script, const Plan& plan, bool pcap, const std::string& pcapPrefix)
    : m_s(script),
      m_plan(plan),
      m_pcap(pcap),
      m_pcapPrefix(pcapPrefix)
{
}

Executor::~Executor() = default;

uint64_t
Executor::GetCommandsExecuted() const
{
    return m_commandsExecuted;
}

Executor::Live&
Executor::At(const IfRef& ref)
{
    std::vector<Live>& node = m_live[ref.node];
    if (node.size() <= ref.index)
    {
        node.resize(ref.index + 1);
    }
    return node[ref.index];
}

IfRef
Executor::Find(const Model& model, const std::string& node, const std::string& interface) const
{
    const NodeModel& n = model.at(node);
    const Interface* i = n.Find(interface);
    return {node, static_cast<std::size_t>(i - n.interfaces.data())};
}

Ptr<Node>
Executor::GetNode(const std::string& name)
{
    return m_nodes.at(name);
}

Ptr<NetDevice>
Executor::Device(const IfRef& ref)
{
    return At(ref).device;
}

Ptr<L2tpv3NetDevice>
Executor::L2tpDevice(const IfRef& ref)
{
    return DynamicCast<L2tpv3NetDevice>(At(ref).device);
}

int32_t
Executor::Ipv4If(const IfRef& ref)
{
    return At(ref).ipv4If;
}

int32_t
Executor::Ipv6If(const IfRef& ref)
{
    return At(ref).ipv6If;
}

void
Executor::ApplyTunnel(const IfRef& ref, bool up, const Address& src, const Address& dst)
{
    Ptr<L2tpv3NetDevice> d = L2tpDevice(ref);
    bool configured = !src.IsInvalid() && !dst.IsInvalid();
    if (up && configured)
    {
        d->SetTunnel(src, dst);
    }
    else if (!d->GetTunnelSource().IsInvalid())
    {
        // Administratively down, or no tunnel: l2tp(4) sends and accepts nothing.
        d->DeleteTunnel();
    }
}

void
Executor::SetUp(const IfRef& ref, Kind kind, bool up, const Address& src, const Address& dst)
{
    Live& i = At(ref);
    Ptr<Node> node = i.device ? i.device->GetNode() : nullptr;
    if (Ptr<CsmaNetDevice> csma = DynamicCast<CsmaNetDevice>(i.device))
    {
        csma->SetSendEnable(up);
        csma->SetReceiveEnable(up);
    }
    if (kind == Kind::L2TP)
    {
        ApplyTunnel(ref, up, src, dst);
    }
    if (node && i.ipv4If > 0)
    {
        up ? node->GetObject<Ipv4>()->SetUp(i.ipv4If) : node->GetObject<Ipv4>()->SetDown(i.ipv4If);
    }
    if (node && i.ipv6If > 0)
    {
        up ? node->GetObject<Ipv6>()->SetUp(i.ipv6If) : node->GetObject<Ipv6>()->SetDown(i.ipv6If);
    }
}

void
Executor::AddAddress(const IfRef& ref, const Prefix& p, const Address& peer)
{
    Live& i = At(ref);
    Ptr<Node> node = GetNode(ref.node);
    if (!p.IsV6())
    {
        Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
        if (i.ipv4If < 0)
        {
            i.ipv4If = ipv4->AddInterface(i.device);
        }
        ipv4->AddAddress(
            i.ipv4If,
            Ipv4InterfaceAddress(Ipv4Address::ConvertFrom(p.address),
                                 Ipv4Mask(p.length == 0 ? 0 : (0xffffffffu << (32 - p.length)))));
        if (!peer.IsInvalid())
        {
            Ipv4StaticRoutingHelper helper;
            helper.GetStaticRouting(ipv4)->AddHostRouteTo(Ipv4Address::ConvertFrom(peer), i.ipv4If);
        }
    }
    else
    {
        Ptr<Ipv6> ipv6 = node->GetObject<Ipv6>();
        if (i.ipv6If < 0)
        {
            i.ipv6If = ipv6->AddInterface(i.device);
            ipv6->SetForwarding(i.ipv6If, true);
        }
        ipv6->AddAddress(i.ipv6If,
                         Ipv6InterfaceAddress(Ipv6Address::ConvertFrom(p.address),
                                              Ipv6Prefix(static_cast<uint8_t>(p.length))));
        if (!peer.IsInvalid())
        {
            Ipv6StaticRoutingHelper helper;
            helper.GetStaticRouting(ipv6)->AddHostRouteTo(Ipv6Address::ConvertFrom(peer), i.ipv6If);
        }
    }
}

void
Executor::CreateL2tp(const IfRef& ref, const std::string& name)
{
    // The module's one device factory (MAC, node, L2tpv3Channel), as L2tpv3Helper and the
    // LCCE make theirs; the lab joins the device to a bridge later, with brconfig.
    if (!m_deviceFactory)
    {
        m_deviceFactory = CreateObject<L2tpv3DeviceFactory>();
    }
    Ptr<L2tpv3NetDevice> d = m_deviceFactory->Create(GetNode(ref.node), nullptr);
    Names::Add(ref.node + "/" + name, d);
    At(ref).device = d;
    L2tpv3Lab::PseudowireResult r;
    r.node = ref.node;
    r.interface = name;
    m_results->pseudowires.push_back(r);
}

void
Executor::CreateBridge(const IfRef& ref, const std::string& name)
{
    Ptr<BridgeNetDevice> b = CreateObject<BridgeNetDevice>();
    b->SetAddress(Mac48Address::Allocate());
    GetNode(ref.node)->AddDevice(b);
    Names::Add(ref.node + "/" + name, b);
    At(ref).device = b;
}

void
Executor::Run(const Step& step)
{
    for (const Action& action : step.actions)
    {
        action(*this);
    }
    m_model = step.after;
    ++m_commandsExecuted;
}

void
Executor::Build(L2tpv3Lab::Results& results)
{
    m_results = &results;
    results.file = m_s.file;
    Mac48Address::ResetAllocationIndex();
    Config::SetDefault("ns3::Ipv6L3Protocol::SendIcmpv6Redirect", BooleanValue(false));
    m_model = m_plan.initial;
    InternetStackHelper stack;
    NodeContainer all;
    for (const auto& name : m_s.nodeOrder)
    {
        Ptr<Node> node = CreateObject<Node>();
        Names::Add(name, node);
        m_nodes[name] = node;
        all.Add(node);
    }
    stack.Install(all);
    int64_t stream = 1;
    stream += stack.AssignStreams(all, stream);
    for (uint32_t k = 0; k < all.GetN(); ++k)
    {
        all.Get(k)->GetObject<Icmpv6L4Protocol>()->SetAttribute("DAD", BooleanValue(false));
        all.Get(k)->GetObject<Ipv6L3Protocol>()->SetAttribute("StrongEndSystemModel",
                                                              BooleanValue(false));
        all.Get(k)->GetObject<Ipv4L3Protocol>()->SetAttributeFailSafe("StrongEndSystemModel",
                                                                      BooleanValue(false));
    }
    for (const auto& name : m_s.nodeOrder)
    {
        // lo0 is IPv4's and IPv6's interface 0.
        Live& lo = At({name, 0});
        lo.ipv4If = 0;
        lo.ipv6If = 0;
    }
    for (const auto& l : m_s.links)
    {
        CsmaHelper csma;
        csma.SetChannelAttribute("DataRate", StringValue(l.rate));
        csma.SetChannelAttribute("Delay", TimeValue(Seconds(l.delay)));
        csma.SetDeviceAttribute("Mtu", UintegerValue(l.mtu));
        NetDeviceContainer d = csma.Install(NodeContainer(m_nodes[l.nodeA], m_nodes[l.nodeB]));
        stream += csma.AssignStreams(d, stream);
        Ptr<CsmaNetDevice> a = DynamicCast<CsmaNetDevice>(d.Get(0));
        Ptr<CsmaNetDevice> b = DynamicCast<CsmaNetDevice>(d.Get(1));
        IfRef ia = Find(*m_plan.initial, l.nodeA, l.ifA);
        IfRef ib = Find(*m_plan.initial, l.nodeB, l.ifB);
        At(ia).device = a;
        At(ib).device = b;
        Names::Add(l.nodeA + "/" + l.ifA, a);
        Names::Add(l.nodeB + "/" + l.ifB, b);
        // Interfaces start down, as on NetBSD and Linux, until `up` or an address.
        SetUp(ia, Kind::ETHERNET, false, Address(), Address());
        SetUp(ib, Kind::ETHERNET, false, Address(), Address());
        if (l.loss > 0 || l.reorder > 0)
        {
            for (int end = 0; end < 2; ++end)
            {
                Ptr<LabImpairment> e = CreateObject<LabImpairment>();
                e->Configure(end == 0 ? a : b,
                             end == 0 ? b : a,
                             l.loss,
                             l.reorder,
                             Seconds(l.reorderDelay),
                             stream++);
                (end == 0 ? a : b)->SetReceiveErrorModel(e);
            }
        }
    }
    for (const auto& name : m_s.nodeOrder)
    {
        At({name, 0}).device = m_nodes[name]->GetObject<Ipv4>()->GetNetDevice(0);
    }
    for (const Step& step : m_plan.configuration)
    {
        Run(step);
    }
    m_model = m_plan.configured;
    for (const Step& step : m_plan.timed)
    {
        const Step* s = &step;
        Simulator::Schedule(Seconds(s->command->time), [this, s]() {
            std::ostringstream os;
            os << "at " << Simulator::Now().GetSeconds() << "s " << s->command->node << ": "
               << Join(s->command->args);
            m_results->events.push_back(os.str());
            Run(*s);
        });
    }
    // Pseudowire attributes from the model (the l2tp(4) defaults otherwise).
    for (const auto& n : *m_plan.configured)
    {
        for (std::size_t k = 0; k < n.second.interfaces.size(); ++k)
        {
            const Interface& i = n.second.interfaces[k];
            if (i.kind == Kind::L2TP && i.mtu != 1500)
            {
                Device({n.first, k})->SetMtu(i.mtu);
            }
        }
    }
    InstallObservations(stream);
}

void
Executor::InstallObservations(int64_t stream)
{
    L2tpv3Lab::Results& results = *m_results;
    results.pings.resize(m_s.pings.size());
    uint16_t id = 0x4c00;
    for (std::size_t k = 0; k < m_s.pings.size(); ++k)
    {
        const PingSpec& s = m_s.pings[k];
        L2tpv3Lab::PingResult& r = results.pings[k];
        r.from = s.from;
        r.to = s.target;
        r.address = L2tpv3AddressText(s.address);
        r.size = s.size;
        r.lineNo = s.line;
        // The module's pinger; Collect reads its counts and RTTs when the run ends. The
        // identifiers 0x4c00, 0x4c01, ... in file order are what the lab's pcaps carry.
        Ptr<L2tpv3Pinger> pinger = CreateObject<L2tpv3Pinger>();
        pinger->SetAttribute("Remote", AddressValue(s.address));
        pinger->SetAttribute("Source", AddressValue(s.sourceAddress));
        pinger->SetAttribute("Size", UintegerValue(s.size));
        pinger->SetAttribute("Identifier", UintegerValue(id++));
        pinger->SetAttribute("Count", UintegerValue(s.count)); // at least 1 (the parser)
        pinger->SetAttribute("Interval", TimeValue(Seconds(s.interval)));
        m_nodes[s.from]->AddApplication(pinger);
        pinger->SetStartTime(Seconds(s.start));
        m_pingers.push_back(pinger);
    }
    const Model& model = *m_plan.configured;
    results.captures.resize(m_s.captures.size());
    for (std::size_t k = 0; k < m_s.captures.size(); ++k)
    {
        const CaptureSpec& s = m_s.captures[k];
        L2tpv3Lab::CaptureResult& r = results.captures[k];
        r.node = s.node;
        r.interface = s.interface;
        IfRef ref = Find(model, s.node, s.interface);
        Ptr<NetDevice> d = Device(ref);
        bool l2tp = model.at(s.node).interfaces[ref.index].kind == Kind::L2TP;
        m_sinks.push_back(std::make_unique<CaptureSink>(CaptureSink{this, &r}));
        d->TraceConnectWithoutContext("PromiscSniffer",
                                      MakeCallback(&CaptureSink::Frame, m_sinks.back().get()));
        if (m_pcap)
        {
            r.file = m_pcapPrefix + "-" + s.node + "-" + s.interface + ".pcap";
            PcapHelper pcap;
            Ptr<PcapFileWrapper> file =
                pcap.CreateFile(r.file, std::ios::out, static_cast<PcapHelper::DataLinkType>(1));
            if (l2tp)
            {
                pcap.HookDefaultSink<L2tpv3NetDevice>(DynamicCast<L2tpv3NetDevice>(d),
                                                      "PromiscSniffer",
                                                      file);
            }
            else
            {
                pcap.HookDefaultSink<CsmaNetDevice>(DynamicCast<CsmaNetDevice>(d),
                                                    "PromiscSniffer",
                                                    file);
            }
        }
    }
    for (const auto& s : m_s.injects)
    {
        Ptr<NetDevice> out = Device(Find(model, s.node, s.interface));
        Ptr<NetDevice> in = Device(Find(model, s.victim, s.victimInterface));
        Ptr<L2tpv3Injector> injector = CreateObject<L2tpv3Injector>();
        injector->SetTarget(out, Mac48Address::ConvertFrom(in->GetAddress()), s.forged, s.target);
        injector->SetAttribute("Attack", StringValue(s.attack));
        injector->SetAttribute("SessionId", UintegerValue(s.sessionId));
        injector->SetAttribute("CookieLength", UintegerValue(s.cookieLen));
        if (!s.cookie.empty())
        {
            injector->SetAttribute("Cookie", StringValue(s.cookie));
        }
        injector->SetAttribute("Sublayer", BooleanValue(s.sublayer));
        injector->SetAttribute(
            "Encapsulation",
            MakeL2tpv3EnumValue(s.udp ? L2tpv3Encapsulation::UDP : L2tpv3Encapsulation::IP));
        injector->SetAttribute("Count", UintegerValue(s.count));
        injector->SetAttribute("Interval", TimeValue(Seconds(s.interval)));
        if (!s.tapNode.empty())
        {
            injector->SetTap(Device(Find(model, s.tapNode, s.tapInterface)));
        }
        stream += injector->AssignStreams(stream);
        m_nodes[s.node]->AddApplication(injector);
        injector->SetStartTime(Seconds(s.start));
        m_injectors.push_back(injector);
        L2tpv3Lab::InjectionResult r;
        r.from = s.node;
        r.attack = s.attack;
        r.lineNo = s.line;
        m_results->injections.push_back(r);
    }
}

} // namespace lab
} // namespace ns3
