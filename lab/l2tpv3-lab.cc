/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-lab.h"

#include "../scenario/l2tpv3-echo-reply.h"

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/boolean.h"
#include "ns3/bridge-net-device.h"
#include "ns3/callback.h"
#include "ns3/config.h"
#include "ns3/csma-helper.h"
#include "ns3/csma-net-device.h"
#include "ns3/error-model.h"
#include "ns3/ethernet-header.h"
#include "ns3/event-id.h"
#include "ns3/icmpv4.h"
#include "ns3/icmpv6-header.h"
#include "ns3/icmpv6-l4-protocol.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-interface-address.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-raw-socket-factory.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-address.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-interface-address.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/ipv6-raw-socket-factory.h"
#include "ns3/ipv6-static-routing-helper.h"
#include "ns3/ipv6.h"
#include "ns3/l2tpv3-channel.h"
#include "ns3/l2tpv3-control-message.h"
#include "ns3/l2tpv3-control-session.h"
#include "ns3/l2tpv3-cookie.h"
#include "ns3/l2tpv3-counters.h"
#include "ns3/l2tpv3-injector.h"
#include "ns3/l2tpv3-l4-protocol.h"
#include "ns3/l2tpv3-lcce-helper.h"
#include "ns3/l2tpv3-lcce.h"
#include "ns3/l2tpv3-net-device.h"
#include "ns3/log.h"
#include "ns3/mac48-address.h"
#include "ns3/names.h"
#include "ns3/net-device-container.h"
#include "ns3/net-device.h"
#include "ns3/node-container.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/pcap-file-wrapper.h"
#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/trace-helper.h"
#include "ns3/udp-header.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <iomanip>
#include <limits>
#include <set>
#include <sstream>

NS_LOG_COMPONENT_DEFINE("L2tpv3Lab");

namespace ns3
{

// ---- L2tpv3LabError --------------------------------------------------------

namespace
{

std::string
JoinItems(const std::vector<L2tpv3LabError::Item>& items)
{
    std::ostringstream os;
    for (std::size_t i = 0; i < items.size(); ++i)
    {
        if (i > 0)
        {
            os << "\n";
        }
        os << items[i].file << ":" << items[i].line << ": " << items[i].command << ": "
           << items[i].reason;
    }
    return os.str();
}

} // namespace

L2tpv3LabError::L2tpv3LabError(const std::vector<Item>& items)
    : std::invalid_argument(JoinItems(items)),
      m_items(items)
{
}

const std::vector<L2tpv3LabError::Item>&
L2tpv3LabError::GetItems() const
{
    return m_items;
}

namespace
{

/** A command refused: the reason; the caller adds file, line and command. */
struct Refusal
{
    std::string reason; //!< why
};

[[noreturn]] void
Refuse(const std::string& reason)
{
    throw Refusal{reason};
}

// ---- Values ------------------------------------------------------------------

/** \return seconds from "12s", "500ms", "20us" or "3" */
double
ParseTime(const std::string& text, const std::string& what)
{
    std::size_t end = 0;
    double value = 0;
    try
    {
        value = std::stod(text, &end);
    }
    catch (const std::exception&)
    {
        Refuse(what + " '" + text + "' is not a time (e.g. 12s, 500ms)");
    }
    std::string unit = text.substr(end);
    double scale = 1;
    if (unit == "ms")
    {
        scale = 1e-3;
    }
    else if (unit == "us")
    {
        scale = 1e-6;
    }
    else if (!unit.empty() && unit != "s")
    {
        Refuse(what + " '" + text + "' is not a time (e.g. 12s, 500ms)");
    }
    if (value < 0 || !std::isfinite(value))
    {
        Refuse(what + " '" + text + "' is negative");
    }
    return value * scale;
}

/** \return the unsigned integer in \p text (decimal), at most \p max */
uint64_t
ParseUnsigned(const std::string& text, const std::string& what, uint64_t max)
{
    if (text.empty() || text.size() > 20 ||
        text.find_first_not_of("0123456789") != std::string::npos)
    {
        Refuse(what + " '" + text + "' is not a number");
    }
    unsigned long long value = std::stoull(text);
    if (value > max)
    {
        Refuse(what + " " + text + " is larger than " + std::to_string(max));
    }
    return value;
}

/** \return a loss or reordering probability from "1%" or "0.01" */
double
ParseProbability(const std::string& text, const std::string& what)
{
    std::size_t end = 0;
    double value = -1;
    try
    {
        value = std::stod(text, &end);
    }
    catch (const std::exception&)
    {
        Refuse(what + " '" + text + "' is not a probability (e.g. 1% or 0.01)");
    }
    if (text.substr(end) == "%")
    {
        value /= 100;
    }
    else if (end != text.size())
    {
        Refuse(what + " '" + text + "' is not a probability (e.g. 1% or 0.01)");
    }
    if (!(value >= 0 && value <= 1))
    {
        Refuse(what + " '" + text + "' is not between 0 and 100%");
    }
    return value;
}

/** \return true when \p text is a data rate ns-3 reads, e.g. 100Mbps */
bool
IsDataRate(const std::string& text)
{
    std::size_t end = text.find_first_not_of("0123456789.");
    if (end == 0 || end == std::string::npos)
    {
        return false;
    }
    std::string unit = text.substr(end);
    return unit == "bps" || unit == "kbps" || unit == "Kbps" || unit == "Mbps" || unit == "Gbps";
}

bool
IsIpv4Text(const std::string& text)
{
    int parts = 0;
    std::istringstream is(text);
    std::string part;
    while (std::getline(is, part, '.'))
    {
        if (part.empty() || part.size() > 3 ||
            part.find_first_not_of("0123456789") != std::string::npos || std::stoi(part) > 255)
        {
            return false;
        }
        ++parts;
    }
    return parts == 4 && text.back() != '.';
}

bool
IsIpv6Text(const std::string& text)
{
    if (text.find(':') == std::string::npos ||
        text.find_first_not_of("0123456789abcdefABCDEF:") != std::string::npos)
    {
        return false;
    }
    std::size_t doubleColon = text.find("::");
    if (doubleColon != std::string::npos && text.find("::", doubleColon + 1) != std::string::npos)
    {
        return false;
    }
    int groups = 0;
    std::istringstream is(text);
    std::string group;
    while (std::getline(is, group, ':'))
    {
        if (group.size() > 4)
        {
            return false;
        }
        groups += group.empty() ? 0 : 1;
    }
    return doubleColon != std::string::npos ? groups < 8 : groups == 8;
}

/** \return an IPv4 or IPv6 address from its text */
Address
ParseAddress(const std::string& text, const std::string& what)
{
    if (IsIpv4Text(text))
    {
        return Ipv4Address(text.c_str());
    }
    if (IsIpv6Text(text))
    {
        return Ipv6Address(text.c_str());
    }
    Refuse(what + " '" + text + "' is not an IPv4 or IPv6 address");
}

/** An address with its prefix length (A/LEN). */
struct Prefix
{
    Address address;    //!< Ipv4Address or Ipv6Address
    uint32_t length{0}; //!< prefix length

    bool IsV6() const
    {
        return Ipv6Address::IsMatchingType(address);
    }
};

Prefix
ParsePrefix(const std::string& text, const std::string& what, bool lengthRequired)
{
    Prefix p;
    std::size_t slash = text.find('/');
    p.address = ParseAddress(text.substr(0, slash), what);
    uint32_t max = p.IsV6() ? 128 : 32;
    if (slash == std::string::npos)
    {
        if (lengthRequired)
        {
            Refuse(what + " '" + text + "' needs a prefix length (e.g. /24)");
        }
        p.length = max;
    }
    else
    {
        p.length = ParseUnsigned(text.substr(slash + 1), "prefix length", max);
    }
    return p;
}

/** \return the prefix length of a NetBSD netmask such as 0xffffff00 or 255.255.255.0 */
uint32_t
ParseNetmask(const std::string& text)
{
    uint32_t mask = 0;
    if (text.size() == 10 && text.compare(0, 2, "0x") == 0 &&
        text.find_first_not_of("0123456789abcdefABCDEF", 2) == std::string::npos)
    {
        mask = std::stoul(text.substr(2), nullptr, 16);
    }
    else if (IsIpv4Text(text))
    {
        mask = Ipv4Address(text.c_str()).Get();
    }
    else
    {
        Refuse("netmask '" + text + "' is neither 0xffffff00 nor 255.255.255.0 style");
    }
    uint32_t length = 0;
    while (length < 32 && (mask & (0x80000000u >> length)))
    {
        ++length;
    }
    if (length < 32 && (mask << length) != 0)
    {
        Refuse("netmask '" + text + "' is not contiguous");
    }
    return length;
}

/** \return true when \p a and \p b share the first \p length bits */
bool
SamePrefix(const Address& a, const Address& b, uint32_t length)
{
    if (Ipv4Address::IsMatchingType(a) && Ipv4Address::IsMatchingType(b))
    {
        Ipv4Mask mask(length == 0 ? 0 : (0xffffffffu << (32 - length)));
        return Ipv4Address::ConvertFrom(a).CombineMask(mask) ==
               Ipv4Address::ConvertFrom(b).CombineMask(mask);
    }
    if (Ipv6Address::IsMatchingType(a) && Ipv6Address::IsMatchingType(b))
    {
        Ipv6Prefix prefix(static_cast<uint8_t>(length));
        return Ipv6Address::ConvertFrom(a).CombinePrefix(prefix) ==
               Ipv6Address::ConvertFrom(b).CombinePrefix(prefix);
    }
    return false;
}

std::string
AddressText(const Address& a)
{
    std::ostringstream os;
    if (Ipv4Address::IsMatchingType(a))
    {
        os << Ipv4Address::ConvertFrom(a);
    }
    else if (Ipv6Address::IsMatchingType(a))
    {
        os << Ipv6Address::ConvertFrom(a);
    }
    return os.str();
}

/** \return a cookie from iproute2's hex text (8 or 16 hex digits) */
L2tpv3Cookie
ParseHexCookie(const std::string& text, const std::string& what)
{
    if ((text.size() != 8 && text.size() != 16) ||
        text.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
    {
        Refuse(what + " '" + text + "' must be 8 or 16 hex digits (4 or 8 bytes)");
    }
    return L2tpv3Cookie(text.size() / 2, std::stoull(text, nullptr, 16));
}

bool
IsName(const std::string& text)
{
    return !text.empty() &&
           text.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"
                                  ".") == std::string::npos;
}

std::string
Join(const std::vector<std::string>& words, std::size_t from = 0)
{
    std::string out;
    for (std::size_t i = from; i < words.size(); ++i)
    {
        out += (i > from ? " " : "") + words[i];
    }
    return out;
}

// ---- Impairments and pings -----------------------------------------------------

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

/**
 * \ingroup l2tp
 * \brief ICMP echo over a raw socket, IPv4 or IPv6, `count` requests `interval` apart.
 */
class LabPinger : public Application
{
  public:
    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::L2tpv3LabPinger")
                                .SetParent<Application>()
                                .SetGroupName("L2tp")
                                .AddConstructor<LabPinger>();
        return tid;
    }

    L2tpv3Lab::PingResult* m_result{nullptr}; //!< where replies are counted
    Address m_remote;                         //!< the target
    Address m_source;                         //!< bound source (empty: any)
    uint32_t m_count{1};                      //!< requests
    Time m_interval{Seconds(1)};              //!< between requests
    uint16_t m_id{0};                         //!< ICMP identifier
    std::vector<Time> m_rtts;                 //!< RTTs of the replies

  private:
    bool IsV6() const
    {
        return Ipv6Address::IsMatchingType(m_remote);
    }

    void StartApplication() override
    {
        m_socket = Socket::CreateSocket(GetNode(),
                                        IsV6() ? Ipv6RawSocketFactory::GetTypeId()
                                               : Ipv4RawSocketFactory::GetTypeId());
        m_socket->SetAttribute("Protocol", UintegerValue(IsV6() ? 58 : 1));
        m_socket->SetRecvCallback(MakeCallback(&LabPinger::HandleRead, this));
        if (IsV6())
        {
            m_socket->Bind(Inet6SocketAddress(Ipv6Address::IsMatchingType(m_source)
                                                  ? Ipv6Address::ConvertFrom(m_source)
                                                  : Ipv6Address::GetAny(),
                                              0));
            m_socket->Connect(Inet6SocketAddress(Ipv6Address::ConvertFrom(m_remote), 0));
        }
        else
        {
            // Bound to any: ns-3's raw socket bound to a loopback address would send out of
            // the loopback device; a given source is handed to IP directly (SendEcho).
            m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), 0));
            m_socket->Connect(InetSocketAddress(Ipv4Address::ConvertFrom(m_remote), 0));
        }
        SendEcho();
    }

    void StopApplication() override
    {
        m_next.Cancel();
        if (m_socket)
        {
            m_socket->Close();
            m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
            m_socket = nullptr;
        }
    }

    void SendEcho()
    {
        Ptr<Packet> p = Create<Packet>(m_result->size);
        if (IsV6())
        {
            Icmpv6Echo request(true);
            request.SetId(m_id);
            request.SetSeq(m_seq);
            p->AddHeader(request);
        }
        else
        {
            Icmpv4Echo echo;
            echo.SetIdentifier(m_id);
            echo.SetSequenceNumber(m_seq);
            echo.SetData(p);
            p = Create<Packet>();
            p->AddHeader(echo);
            Icmpv4Header header;
            header.SetType(Icmpv4Header::ICMPV4_ECHO);
            header.SetCode(0);
            if (Node::ChecksumEnabled())
            {
                header.EnableChecksum();
            }
            p->AddHeader(header);
        }
        m_sent[m_seq] = Simulator::Now();
        m_result->sequence += '.';
        ++m_result->sent;
        if (Ipv4Address::IsMatchingType(m_source))
        {
            // `ping -I SOURCE`: the routing table picks the interface, SOURCE stays the source.
            GetNode()->GetObject<Ipv4>()->Send(p,
                                               Ipv4Address::ConvertFrom(m_source),
                                               Ipv4Address::ConvertFrom(m_remote),
                                               1,
                                               nullptr);
        }
        else
        {
            m_socket->Send(p);
        }
        ++m_seq;
        if (m_seq < m_count)
        {
            m_next = Simulator::Schedule(m_interval, &LabPinger::SendEcho, this);
        }
    }

    void HandleRead(Ptr<Socket> socket)
    {
        Ptr<Packet> p;
        Address from;
        while ((p = socket->RecvFrom(from)))
        {
            uint16_t id = 0;
            uint16_t seq = 0;
            if (!L2tpv3ReadEchoReply(p, IsV6(), id, seq))
            {
                continue;
            }
            auto it = m_sent.find(seq);
            if (id != m_id || it == m_sent.end())
            {
                continue;
            }
            m_rtts.push_back(Simulator::Now() - it->second);
            ++m_result->answered;
            m_result->sequence[seq] = '!';
            m_sent.erase(it);
        }
    }

    Ptr<Socket> m_socket;            //!< raw ICMP socket
    uint16_t m_seq{0};               //!< next sequence number
    std::map<uint16_t, Time> m_sent; //!< outstanding requests
    EventId m_next;                  //!< next request
};

NS_OBJECT_ENSURE_REGISTERED(LabPinger);

} // namespace

// ---- The lab -------------------------------------------------------------------

/** \brief Parser, checker and executor of a lab file. */
class L2tpv3Lab::Impl
{
  public:
    /** One command for a node: configuration (time < 0) or timed. */
    struct Command
    {
        uint32_t line{0};              //!< line number
        double time{-1};               //!< seconds, -1 for configuration
        std::string node;              //!< which node
        std::vector<std::string> args; //!< words
    };

    struct LinkSpec
    {
        uint32_t line{0};
        std::string nodeA, ifA, nodeB, ifB;
        std::string rate{"100Mbps"};
        double delay{0.0001};
        uint32_t mtu{1500};
        double loss{0};
        double reorder{0};
        double reorderDelay{0.002};
    };

    struct PingSpec
    {
        uint32_t line{0};
        std::string text;
        std::string from, target;
        uint32_t count{5};
        double interval{1};
        double start{1};
        uint32_t size{56};
        bool v6{false};
        std::string source;
        Address address; //!< resolved
        Address sourceAddress;
    };

    struct CaptureSpec
    {
        uint32_t line{0};
        std::string text;
        std::string node, interface;
    };

    struct InjectSpec
    {
        uint32_t line{0};
        std::string text;
        std::string node, interface, victim, victimInterface;
        std::string attack{"random-session"};
        uint64_t count{100};
        double start{2};
        double interval{0.001};
        int64_t session{-1};
        int64_t cookieLength{-1};
        std::string cookie;
        std::string spoof;
        std::string tapNode, tapInterface;
        Address forged, target; //!< resolved
        uint32_t sessionId{0};
        uint32_t cookieLen{0};
        bool udp{false};
        bool sublayer{false};
    };

    enum class Kind
    {
        ETHERNET,
        LOOPBACK,
        L2TP,
        BRIDGE
    };

    /** An address configured on an interface. */
    struct IfAddress
    {
        Prefix prefix;
        Address peer; //!< `ip addr add A peer P` (point-to-point), else empty
    };

    /** What an interface is, in the model every command is checked against. */
    struct Interface
    {
        std::string name;
        Kind kind{Kind::ETHERNET};
        bool exists{true};
        bool up{false};
        uint32_t mtu{1500};
        std::vector<IfAddress> addresses;
        std::string bridge; //!< the bridge it is a port of
        std::vector<std::string> ports;
        // l2tp
        Address tunnelSource, tunnelDestination;
        uint32_t localSession{0}, remoteSession{0};
        L2tpv3Cookie localCookie, remoteCookie;
        bool udp{false};
        uint16_t udpSport{1701}, udpDport{1701};
        bool sublayer{false};
        bool seqSend{false}, seqRecv{false};
        double reorderTimeout{0};
        uint32_t tunnelId{0}; //!< `ip l2tp` tunnel the session belongs to
        bool created{false};  //!< l2tp device object exists (never destroyed in ns-3)
        // live objects
        Ptr<NetDevice> device;
        int32_t ipv4If{-1};
        int32_t ipv6If{-1};
        Ptr<CsmaNetDevice> csmaPeer;
        uint32_t linkMtu{1500};
    };

    struct LinuxTunnel
    {
        uint32_t id{0}, peerId{0};
        bool udp{false};
        Address local, remote;
        uint16_t sport{1701}, dport{1701};
    };

    struct NodeModel
    {
        std::string name;
        std::vector<Interface> interfaces; //!< in creation order
        std::map<uint32_t, LinuxTunnel> tunnels;
        bool daemon{false};                 //!< `l2tpd` started
        uint32_t daemonPeers{0};            //!< `l2tpd peer` lines so far
        std::set<std::string> remoteEndIds; //!< pseudowires offered or requested
        Ptr<L2tpv3Lcce> lcce;               //!< live daemon
        std::size_t daemonIndex{0};         //!< its entry in Results::daemons
        Ptr<Node> node;

        Interface* Find(const std::string& name)
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
    };

    std::string m_file;
    std::map<std::string, std::string> m_overrides;
    std::map<std::string, std::string> m_variables;
    std::vector<std::string> m_nodeOrder;
    std::vector<LinkSpec> m_links;
    std::vector<Command> m_commands;
    std::vector<PingSpec> m_pings;
    std::vector<CaptureSpec> m_captures;
    std::vector<InjectSpec> m_injects;
    double m_duration{-1};
    bool m_pcap{true};
    std::string m_pcapPrefix;
    bool m_loaded{false};
    bool m_ran{false};

    // The model; rebuilt for the live run.
    std::map<std::string, NodeModel> m_nodes;
    bool m_live{false};
    L2tpv3Lab::Results* m_results{nullptr};
    std::vector<L2tpv3LabError::Item> m_errors;
    std::set<uint16_t> m_udpPorts;
    std::vector<Ptr<LabPinger>> m_pingers;
    std::vector<Ptr<L2tpv3Injector>> m_injectors;

    ~Impl()
    {
        if (m_ran)
        {
            Simulator::Destroy();
            Names::Clear();
        }
    }

    void Error(uint32_t line, const std::string& command, const std::string& reason)
    {
        m_errors.push_back({m_file, line, command, reason});
    }

    // ---- Parsing -----------------------------------------------------------

    std::string Substitute(const std::string& text, uint32_t line, bool& ok)
    {
        std::string out;
        std::size_t i = 0;
        while (i < text.size())
        {
            std::size_t start = text.find("${", i);
            if (start == std::string::npos)
            {
                out += text.substr(i);
                break;
            }
            out += text.substr(i, start - i);
            std::size_t end = text.find('}', start);
            if (end == std::string::npos)
            {
                Error(line, Trim(text), "'${' without '}'");
                ok = false;
                return "";
            }
            std::string name = text.substr(start + 2, end - start - 2);
            auto over = m_overrides.find(name);
            auto var = m_variables.find(name);
            if (over != m_overrides.end())
            {
                out += over->second;
            }
            else if (var != m_variables.end())
            {
                out += var->second;
            }
            else
            {
                Error(line,
                      Trim(text),
                      "unknown variable ${" + name + "} (set it with `set " + name +
                          " VALUE` or --set=" + name + "=VALUE)");
                ok = false;
                return "";
            }
            i = end + 1;
        }
        return out;
    }

    static std::string Trim(const std::string& s)
    {
        std::size_t b = s.find_first_not_of(" \t\r");
        if (b == std::string::npos)
        {
            return "";
        }
        std::size_t e = s.find_last_not_of(" \t\r");
        return s.substr(b, e - b + 1);
    }

    static std::vector<std::string> Split(const std::string& s)
    {
        std::vector<std::string> words;
        std::istringstream is(s);
        std::string w;
        while (is >> w)
        {
            words.push_back(w);
        }
        return words;
    }

    bool IsNode(const std::string& name) const
    {
        return std::find(m_nodeOrder.begin(), m_nodeOrder.end(), name) != m_nodeOrder.end();
    }

    /** Split NODE:IF. */
    void NodeInterface(const std::string& text, std::string& node, std::string& interface)
    {
        std::size_t colon = text.find(':');
        if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
        {
            Refuse("'" + text + "' is not NODE:INTERFACE");
        }
        node = text.substr(0, colon);
        interface = text.substr(colon + 1);
        if (!IsNode(node))
        {
            Refuse("unknown node " + node + " (declare it with `node " + node + "`)");
        }
        if (!IsName(interface))
        {
            Refuse("'" + interface + "' is not an interface name");
        }
    }

    void Parse(const std::string& text)
    {
        std::istringstream is(text);
        std::string raw;
        uint32_t lineNo = 0;
        std::string block; // node of an open `NODE:` block
        while (std::getline(is, raw))
        {
            ++lineNo;
            std::size_t hash = raw.find('#');
            std::string line = hash == std::string::npos ? raw : raw.substr(0, hash);
            if (Trim(line).empty())
            {
                continue;
            }
            bool indented = line[0] == ' ' || line[0] == '\t';
            bool ok = true;
            std::string expanded = Substitute(line, lineNo, ok);
            if (!ok)
            {
                continue;
            }
            std::vector<std::string> words = Split(expanded);
            std::string shown = Join(words);
            if (indented && !block.empty())
            {
                m_commands.push_back({lineNo, -1, block, words});
                continue;
            }
            block.clear();
            try
            {
                ParseTopLevel(lineNo, words, block);
            }
            catch (const Refusal& r)
            {
                Error(lineNo, shown, r.reason);
            }
        }
    }

    void ParseTopLevel(uint32_t lineNo, const std::vector<std::string>& w, std::string& block)
    {
        const std::string& k = w[0];
        if (k == "set")
        {
            if (w.size() < 2 || !IsName(w[1]) || w[1].find_first_of(".-") != std::string::npos)
            {
                Refuse("usage: set NAME VALUE (NAME: letters, digits and _)");
            }
            if (!m_variables.count(w[1]))
            {
                m_variables[w[1]] = Join(w, 2);
            }
        }
        else if (k == "node")
        {
            if (w.size() < 2)
            {
                Refuse("usage: node NAME [NAME...]");
            }
            for (std::size_t i = 1; i < w.size(); ++i)
            {
                if (!IsName(w[i]) || w[i].find('.') != std::string::npos)
                {
                    Refuse("'" + w[i] + "' is not a node name (letters, digits, _ and -)");
                }
                if (IsNode(w[i]))
                {
                    Refuse("node " + w[i] + " is declared twice");
                }
                m_nodeOrder.push_back(w[i]);
            }
        }
        else if (k == "link")
        {
            ParseLink(lineNo, w);
        }
        else if (k == "ping")
        {
            ParsePing(lineNo, w);
        }
        else if (k == "capture")
        {
            if (w.size() != 2)
            {
                Refuse("usage: capture NODE:INTERFACE");
            }
            CaptureSpec c;
            c.line = lineNo;
            c.text = Join(w);
            NodeInterface(w[1], c.node, c.interface);
            m_captures.push_back(c);
        }
        else if (k == "inject")
        {
            ParseInject(lineNo, w);
        }
        else if (k == "run")
        {
            if (w.size() != 2)
            {
                Refuse("usage: run TIME");
            }
            m_duration = ParseTime(w[1], "run time");
            if (m_duration <= 0)
            {
                Refuse("run time must be positive");
            }
        }
        else if (k == "at")
        {
            if (w.size() < 4 || w[2].back() != ':')
            {
                Refuse("usage: at TIME NODE: COMMAND");
            }
            double t = ParseTime(w[1], "time");
            std::string node = w[2].substr(0, w[2].size() - 1);
            if (!IsNode(node))
            {
                Refuse("unknown node " + node + " (declare it with `node " + node + "`)");
            }
            m_commands.push_back(
                {lineNo, t, node, std::vector<std::string>(w.begin() + 3, w.end())});
        }
        else if (k.back() == ':')
        {
            std::string node = k.substr(0, k.size() - 1);
            if (!IsNode(node))
            {
                Refuse("unknown node " + node + " (declare it with `node " + node + "`)");
            }
            if (w.size() == 1)
            {
                block = node;
            }
            else
            {
                m_commands.push_back(
                    {lineNo, -1, node, std::vector<std::string>(w.begin() + 1, w.end())});
            }
        }
        else
        {
            Refuse("unknown statement '" + k +
                   "' (set, node, link, NODE: COMMAND, at, ping, capture, inject, run)");
        }
    }

    void ParseLink(uint32_t lineNo, const std::vector<std::string>& w)
    {
        if (w.size() < 3)
        {
            Refuse("usage: link NODE:IF NODE:IF [rate R] [delay T] [mtu N] [loss P] "
                   "[reorder P [T]]");
        }
        LinkSpec l;
        l.line = lineNo;
        NodeInterface(w[1], l.nodeA, l.ifA);
        NodeInterface(w[2], l.nodeB, l.ifB);
        if (l.nodeA == l.nodeB)
        {
            Refuse("a link joins two different nodes");
        }
        for (const auto& other : m_links)
        {
            for (auto& end : {std::make_pair(l.nodeA, l.ifA), std::make_pair(l.nodeB, l.ifB)})
            {
                if ((other.nodeA == end.first && other.ifA == end.second) ||
                    (other.nodeB == end.first && other.ifB == end.second))
                {
                    Refuse(end.first + ":" + end.second + " is already on the link of line " +
                           std::to_string(other.line));
                }
            }
        }
        for (std::size_t i = 3; i < w.size(); ++i)
        {
            const std::string& o = w[i];
            auto value = [&]() -> const std::string& {
                if (i + 1 >= w.size())
                {
                    Refuse("link option " + o + " needs a value");
                }
                return w[++i];
            };
            if (o == "rate")
            {
                l.rate = value();
                if (!IsDataRate(l.rate))
                {
                    Refuse("rate '" + l.rate + "' is not a data rate (e.g. 100Mbps)");
                }
            }
            else if (o == "delay")
            {
                l.delay = ParseTime(value(), "delay");
            }
            else if (o == "mtu")
            {
                l.mtu = ParseUnsigned(value(), "mtu", 65535);
                if (l.mtu < 68)
                {
                    Refuse("mtu " + std::to_string(l.mtu) + " is below IPv4's minimum 68");
                }
            }
            else if (o == "loss")
            {
                l.loss = ParseProbability(value(), "loss");
            }
            else if (o == "reorder")
            {
                l.reorder = ParseProbability(value(), "reorder");
                if (i + 1 < w.size() && std::isdigit(static_cast<unsigned char>(w[i + 1][0])))
                {
                    l.reorderDelay = ParseTime(w[++i], "reorder delay");
                }
            }
            else
            {
                Refuse("unknown link option '" + o + "' (rate, delay, mtu, loss, reorder)");
            }
        }
        if (l.loss + l.reorder > 1)
        {
            Refuse("loss and reorder add up to more than 100%");
        }
        m_links.push_back(l);
    }

    void ParsePing(uint32_t lineNo, const std::vector<std::string>& w)
    {
        std::size_t first = 1;
        PingSpec p;
        if (w.size() > 1 && (w[1] == "-6" || w[1] == "-4"))
        {
            p.v6 = w[1] == "-6";
            first = 2;
        }
        if (w.size() < first + 2)
        {
            Refuse("usage: ping [-4|-6] NODE TARGET [count N] [interval T] [start T] [size N] "
                   "[from ADDRESS]");
        }
        p.line = lineNo;
        p.text = Join(w);
        p.from = w[first];
        p.target = w[first + 1];
        if (!IsNode(p.from))
        {
            Refuse("unknown node " + p.from + " (declare it with `node " + p.from + "`)");
        }
        if (!IsNode(p.target))
        {
            p.address = ParseAddress(p.target, "ping target");
            p.v6 = Ipv6Address::IsMatchingType(p.address);
        }
        for (std::size_t i = first + 2; i < w.size(); ++i)
        {
            const std::string& o = w[i];
            if (i + 1 >= w.size())
            {
                Refuse("ping option " + o + " needs a value");
            }
            const std::string& v = w[++i];
            if (o == "count")
            {
                p.count = ParseUnsigned(v, "count", 65535);
                if (p.count == 0)
                {
                    Refuse("count must be at least 1");
                }
            }
            else if (o == "interval")
            {
                p.interval = ParseTime(v, "interval");
                if (p.interval <= 0)
                {
                    Refuse("interval must be positive");
                }
            }
            else if (o == "start")
            {
                p.start = ParseTime(v, "start");
            }
            else if (o == "size")
            {
                p.size = ParseUnsigned(v, "size", 65000);
                if (p.size < 8)
                {
                    Refuse("size must be at least 8 (the ping's timestamp)");
                }
            }
            else if (o == "from")
            {
                p.source = v;
                p.sourceAddress = ParseAddress(v, "from");
            }
            else
            {
                Refuse("unknown ping option '" + o + "' (count, interval, start, size, from)");
            }
        }
        m_pings.push_back(p);
    }

    void ParseInject(uint32_t lineNo, const std::vector<std::string>& w)
    {
        if (w.size() < 3)
        {
            Refuse("usage: inject NODE:IF VICTIM:IF [attack A] [count N] [start T] [interval T] "
                   "[session N] [cookie-length N] [cookie LEN:VALUE] [spoof ADDRESS] "
                   "[tap NODE:IF]");
        }
        InjectSpec s;
        s.line = lineNo;
        s.text = Join(w);
        NodeInterface(w[1], s.node, s.interface);
        NodeInterface(w[2], s.victim, s.victimInterface);
        for (std::size_t i = 3; i < w.size(); ++i)
        {
            const std::string& o = w[i];
            if (i + 1 >= w.size())
            {
                Refuse("inject option " + o + " needs a value");
            }
            const std::string& v = w[++i];
            if (o == "attack")
            {
                if (v != "random-session" && v != "random-cookie" && v != "replay" && v != "forged")
                {
                    Refuse("attack '" + v +
                           "' is not random-session, random-cookie, replay or forged");
                }
                s.attack = v;
            }
            else if (o == "count")
            {
                s.count = ParseUnsigned(v, "count", 10000000);
            }
            else if (o == "start")
            {
                s.start = ParseTime(v, "start");
            }
            else if (o == "interval")
            {
                s.interval = ParseTime(v, "interval");
                if (s.interval <= 0)
                {
                    Refuse("interval must be positive");
                }
            }
            else if (o == "session")
            {
                s.session = ParseUnsigned(v, "session", 0xffffffffu);
            }
            else if (o == "cookie-length")
            {
                s.cookieLength = ParseUnsigned(v, "cookie-length", 8);
                if (s.cookieLength != 0 && s.cookieLength != 4 && s.cookieLength != 8)
                {
                    Refuse("cookie length must be 0, 4 or 8");
                }
            }
            else if (o == "cookie")
            {
                s.cookie = v;
            }
            else if (o == "spoof")
            {
                s.spoof = v;
                s.forged = ParseAddress(v, "spoof");
            }
            else if (o == "tap")
            {
                NodeInterface(v, s.tapNode, s.tapInterface);
            }
            else
            {
                Refuse("unknown inject option '" + o +
                       "' (attack, count, start, interval, session, cookie-length, cookie, "
                       "spoof, tap)");
            }
        }
        if (s.attack == "replay" && s.tapNode.empty())
        {
            Refuse("attack replay needs `tap NODE:IF` (where the attacker listens)");
        }
        m_injects.push_back(s);
    }

    // ---- The model: every command checked (and, live, carried out) --------------

    void InitModel()
    {
        m_nodes.clear();
        for (const auto& name : m_nodeOrder)
        {
            NodeModel n;
            n.name = name;
            Interface lo;
            lo.name = "lo0";
            lo.kind = Kind::LOOPBACK;
            lo.up = true;
            lo.mtu = 65535;
            lo.ipv4If = 0;
            lo.ipv6If = 0;
            n.interfaces.push_back(lo);
            m_nodes[name] = n;
        }
        for (const auto& l : m_links)
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

    Interface& Need(NodeModel& n, const std::string& name)
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

    Interface& NeedL2tp(NodeModel& n, const std::string& name)
    {
        Interface& i = Need(n, name);
        if (i.kind != Kind::L2TP)
        {
            Refuse(name + " is not an l2tp interface");
        }
        return i;
    }

    bool HasAddress(NodeModel& n, const Address& a)
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

    Ptr<L2tpv3NetDevice> L2tpDevice(Interface& i)
    {
        return DynamicCast<L2tpv3NetDevice>(i.device);
    }

    /** Carry out a command on one node (check only, unless live). */
    void Apply(const Command& c)
    {
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

    void CheckSessionFree(NodeModel& n, const Interface& self, uint32_t id, bool udp, uint16_t port)
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

    void ApplyTunnelLive(Interface& i)
    {
        if (!m_live)
        {
            return;
        }
        Ptr<L2tpv3NetDevice> d = L2tpDevice(i);
        bool configured = !i.tunnelSource.IsInvalid() && !i.tunnelDestination.IsInvalid();
        if (i.up && configured)
        {
            d->SetTunnel(i.tunnelSource, i.tunnelDestination);
        }
        else if (!d->GetTunnelSource().IsInvalid())
        {
            // Administratively down, or no tunnel: l2tp(4) sends and accepts nothing.
            d->DeleteTunnel();
        }
    }

    void SetUpLive(Interface& i, bool up)
    {
        if (!m_live)
        {
            return;
        }
        Ptr<Node> node = i.device ? i.device->GetNode() : nullptr;
        if (Ptr<CsmaNetDevice> csma = DynamicCast<CsmaNetDevice>(i.device))
        {
            csma->SetSendEnable(up);
            csma->SetReceiveEnable(up);
        }
        if (i.kind == Kind::L2TP)
        {
            ApplyTunnelLive(i);
        }
        if (node && i.ipv4If > 0)
        {
            up ? node->GetObject<Ipv4>()->SetUp(i.ipv4If)
               : node->GetObject<Ipv4>()->SetDown(i.ipv4If);
        }
        if (node && i.ipv6If > 0)
        {
            up ? node->GetObject<Ipv6>()->SetUp(i.ipv6If)
               : node->GetObject<Ipv6>()->SetDown(i.ipv6If);
        }
    }

    void SetUp(NodeModel& n, Interface& i, bool up)
    {
        if (i.kind == Kind::BRIDGE && !up)
        {
            Refuse("bridge down is not modelled (ns-3's BridgeNetDevice always forwards)");
        }
        i.up = up;
        SetUpLive(i, up);
    }

    void AddAddress(NodeModel& n, Interface& i, const Prefix& p, const Address& peer, bool bringUp)
    {
        if (!i.bridge.empty())
        {
            Refuse(i.name + " is a port of " + i.bridge +
                   "; give the address to the bridge, not to its port");
        }
        if (HasAddress(n, p.address))
        {
            Refuse("address " + AddressText(p.address) + " is already on " + n.name);
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
        if (!m_live)
        {
            return;
        }
        Ptr<Node> node = n.node;
        if (!p.IsV6())
        {
            Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
            if (i.ipv4If < 0)
            {
                i.ipv4If = ipv4->AddInterface(i.device);
            }
            ipv4->AddAddress(i.ipv4If,
                             Ipv4InterfaceAddress(
                                 Ipv4Address::ConvertFrom(p.address),
                                 Ipv4Mask(p.length == 0 ? 0 : (0xffffffffu << (32 - p.length)))));
            if (!peer.IsInvalid())
            {
                Ipv4StaticRoutingHelper helper;
                helper.GetStaticRouting(ipv4)->AddHostRouteTo(Ipv4Address::ConvertFrom(peer),
                                                              i.ipv4If);
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
                helper.GetStaticRouting(ipv6)->AddHostRouteTo(Ipv6Address::ConvertFrom(peer),
                                                              i.ipv6If);
            }
        }
        SetUpLive(i, i.up);
    }

    void CreateL2tp(NodeModel& n, const std::string& name)
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
        if (m_live)
        {
            Ptr<L2tpv3NetDevice> d = CreateObject<L2tpv3NetDevice>();
            d->SetAddress(Mac48Address::Allocate());
            n.node->AddDevice(d);
            d->SetChannel(CreateObject<L2tpv3Channel>());
            Names::Add(n.name + "/" + name, d);
            i.device = d;
            L2tpv3Lab::PseudowireResult r;
            r.node = n.name;
            r.interface = name;
            m_results->pseudowires.push_back(r);
        }
        n.interfaces.push_back(i);
    }

    void CreateBridge(NodeModel& n, const std::string& name)
    {
        if (n.Find(name))
        {
            Refuse(name + " already exists on " + n.name);
        }
        Interface i;
        i.name = name;
        i.kind = Kind::BRIDGE;
        if (m_live)
        {
            Ptr<BridgeNetDevice> b = CreateObject<BridgeNetDevice>();
            b->SetAddress(Mac48Address::Allocate());
            n.node->AddDevice(b);
            Names::Add(n.name + "/" + name, b);
            i.device = b;
        }
        n.interfaces.push_back(i);
    }

    void Ifconfig(NodeModel& n, const std::vector<std::string>& w, bool timed)
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
            // ns-3 cannot remove a device from a node: the device stays, inert (no tunnel, no
            // session), as l2tp(4)'s destroy leaves nothing that sends or receives.
            i.tunnelSource = Address();
            i.tunnelDestination = Address();
            i.up = false;
            if (m_live)
            {
                L2tpDevice(i)->DeleteTunnel();
                L2tpDevice(i)->DeleteSession();
            }
            i.localSession = 0;
            i.remoteSession = 0;
            i.exists = false;
            i.created = false;
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
            if (m_live)
            {
                i.device->SetMtu(mtu);
            }
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

    void L2tpCommand(NodeModel& n, Interface& i, const std::vector<std::string>& w)
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
            ApplyTunnelLive(i);
        }
        else if (op == "deletetunnel")
        {
            args(0, "deletetunnel");
            i.tunnelSource = Address();
            i.tunnelDestination = Address();
            ApplyTunnelLive(i);
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
            if (m_live)
            {
                L2tpDevice(i)->SetSessionIds(local, remote);
            }
        }
        else if (op == "deletesession")
        {
            args(0, "deletesession");
            i.localSession = 0;
            i.remoteSession = 0;
            if (m_live)
            {
                L2tpDevice(i)->DeleteSession();
            }
        }
        else if (op == "cookie")
        {
            args(4, "cookie LOCAL_LENGTH LOCAL_VALUE REMOTE_LENGTH REMOTE_VALUE");
            L2tpv3Cookie local = ParseCookie(w[3], w[4]);
            L2tpv3Cookie remote = ParseCookie(w[5], w[6]);
            i.localCookie = local;
            i.remoteCookie = remote;
            if (m_live)
            {
                L2tpDevice(i)->SetCookies(local, remote);
            }
        }
        else if (op == "deletecookie")
        {
            args(0, "deletecookie");
            i.localCookie = L2tpv3Cookie();
            i.remoteCookie = L2tpv3Cookie();
            if (m_live)
            {
                L2tpDevice(i)->DeleteCookie();
            }
        }
        else
        {
            Refuse("unknown l2tp parameter '" + op +
                   "' (tunnel, deletetunnel, session, deletesession, cookie, deletecookie, "
                   "up, down, mtu, inet, inet6, create, destroy)");
        }
    }

    static L2tpv3Cookie ParseCookie(const std::string& lengthText, const std::string& valueText)
    {
        uint64_t length = ParseUnsigned(lengthText, "cookie length", 255);
        if (length != 0 && length != 4 && length != 8)
        {
            Refuse("cookie length must be 0, 4 or 8");
        }
        uint64_t max =
            length == 4 ? 0xffffffffull : (length == 8 ? std::numeric_limits<uint64_t>::max() : 0);
        uint64_t value =
            ParseUnsigned(valueText, "cookie value", std::numeric_limits<uint64_t>::max());
        if (value > max)
        {
            Refuse("cookie value " + valueText + " does not fit in " + lengthText + " bytes");
        }
        return L2tpv3Cookie(length, value);
    }

    void Brconfig(NodeModel& n, const std::vector<std::string>& w)
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
        if (m_live)
        {
            DynamicCast<BridgeNetDevice>(b.device)->AddBridgePort(port.device);
        }
    }

    void Ip(NodeModel& n, std::vector<std::string> w)
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

    void IpRoute(NodeModel& n, const std::vector<std::string>& w)
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
        if (!m_live)
        {
            return;
        }
        if (!p.IsV6())
        {
            Ipv4StaticRoutingHelper helper;
            uint32_t mask = p.length == 0 ? 0 : (0xffffffffu << (32 - p.length));
            helper.GetStaticRouting(n.node->GetObject<Ipv4>())
                ->AddNetworkRouteTo(Ipv4Address::ConvertFrom(p.address).CombineMask(Ipv4Mask(mask)),
                                    Ipv4Mask(mask),
                                    Ipv4Address::ConvertFrom(gw),
                                    out->ipv4If);
        }
        else
        {
            Ipv6StaticRoutingHelper helper;
            helper.GetStaticRouting(n.node->GetObject<Ipv6>())
                ->AddNetworkRouteTo(Ipv6Address::ConvertFrom(p.address),
                                    Ipv6Prefix(static_cast<uint8_t>(p.length)),
                                    Ipv6Address::ConvertFrom(gw),
                                    out->ipv6If);
        }
    }

    /** Read `key value` pairs; refuses unknown keys and repeated ones. */
    static std::map<std::string, std::string> Options(const std::vector<std::string>& w,
                                                      std::size_t from,
                                                      const std::set<std::string>& known)
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

    /** The control-plane daemon: `l2tpd [options]`, `l2tpd peer`, `pseudowire`, `offer`. */
    void Daemon(NodeModel& n, const std::vector<std::string>& w)
    {
        if (w.size() == 1 || (w[1] != "peer" && w[1] != "pseudowire" && w[1] != "offer"))
        {
            if (n.daemon)
            {
                Refuse("l2tpd already runs on " + n.name);
            }
            auto o = Options(w, 1, {"hello", "retries", "cookie-length", "encap", "rto"});
            L2tpv3LcceHelper helper;
            if (o.count("hello"))
            {
                helper.SetAttribute("HelloInterval",
                                    TimeValue(Seconds(ParseTime(o["hello"], "hello"))));
            }
            if (o.count("rto"))
            {
                helper.SetAttribute("RetransmitTimeout",
                                    TimeValue(Seconds(ParseTime(o["rto"], "rto"))));
            }
            if (o.count("retries"))
            {
                helper.SetAttribute("MaxRetries",
                                    UintegerValue(ParseUnsigned(o["retries"], "retries", 100)));
            }
            if (o.count("cookie-length"))
            {
                uint64_t length = ParseUnsigned(o["cookie-length"], "cookie-length", 8);
                if (length != 0 && length != 4 && length != 8)
                {
                    Refuse("cookie length must be 0, 4 or 8");
                }
                helper.SetAttribute("CookieLength", UintegerValue(length));
            }
            if (o.count("encap"))
            {
                if (o["encap"] != "ip" && o["encap"] != "udp")
                {
                    Refuse("encap must be ip or udp");
                }
                helper.SetAttribute("Encapsulation", StringValue(o["encap"]));
            }
            n.daemon = true;
            if (m_live)
            {
                helper.SetAttribute("HostName", StringValue(n.name));
                n.lcce = helper.Install(n.node);
                n.daemonIndex = m_results->daemons.size();
                L2tpv3Lab::DaemonResult r;
                r.node = n.name;
                m_results->daemons.push_back(r);
                n.lcce->TraceConnectWithoutContext(
                    "ControlTx",
                    MakeCallback(&Impl::ControlTx, this).Bind(n.name));
                n.lcce->TraceConnectWithoutContext(
                    "SessionUp",
                    MakeCallback(&Impl::DaemonSessionUp, this).Bind(n.daemonIndex));
                n.lcce->TraceConnectWithoutContext(
                    "SessionDown",
                    MakeCallback(&Impl::DaemonSessionDown, this).Bind(n.daemonIndex));
            }
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
            if (m_live)
            {
                n.lcce->AddPeer(local, peer);
            }
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
        if (m_live)
        {
            Ptr<BridgeNetDevice> bridge = DynamicCast<BridgeNetDevice>(b.device);
            if (w[1] == "pseudowire")
            {
                n.lcce->AddPseudowire(n.daemonPeers - 1, w[2], bridge);
            }
            else
            {
                n.lcce->OfferPseudowire(w[2], bridge);
            }
        }
    }

    void ControlTx(std::string node, uint32_t connection, const L2tpv3ControlMessage& message)
    {
        std::ostringstream os;
        os << std::fixed << std::setprecision(3) << Simulator::Now().GetSeconds() << "s " << node
           << " sends "
           << (message.IsZlb()
                   ? std::string("ZLB")
                   : L2tpv3MessageTypeName(static_cast<uint16_t>(message.GetMessageType())))
           << " Ns=" << message.GetNs() << " Nr=" << message.GetNr();
        m_results->controlMessages.push_back(os.str());
    }

    void DaemonSessionUp(std::size_t index,
                         const L2tpv3SessionParameters& parameters,
                         Ptr<L2tpv3NetDevice> device)
    {
        auto& r = m_results->daemons[index];
        if (r.sessionUpAt < 0)
        {
            r.sessionUpAt = Simulator::Now().GetSeconds();
        }
    }

    void DaemonSessionDown(std::size_t index,
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

    void IpL2tp(NodeModel& n, const std::vector<std::string>& w)
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
                    if (i.kind == Kind::L2TP && i.created && i.localSession != 0 &&
                        i.tunnelId == id)
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
            std::string encap = o.count("encap") ? o["encap"] : "udp"; // iproute2's default
            if (encap != "ip" && encap != "udp")
            {
                Refuse("encap must be ip or udp");
            }
            t.udp = encap == "udp";
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
                    if (i.kind == Kind::L2TP && i.created && i.tunnelId == tid &&
                        i.localSession == sid)
                    {
                        i.tunnelSource = Address();
                        i.tunnelDestination = Address();
                        i.up = false;
                        if (m_live)
                        {
                            L2tpDevice(i)->DeleteTunnel();
                            L2tpDevice(i)->DeleteSession();
                        }
                        i.localSession = 0;
                        i.remoteSession = 0;
                        i.exists = false;
                        i.created = false;
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
                Refuse("no tunnel " + o["tunnel_id"] + " on " + n.name +
                       " (ip l2tp add tunnel first)");
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
            std::string l2spec = o.count("l2spec_type") ? o["l2spec_type"] : "default";
            if (l2spec != "none" && l2spec != "default")
            {
                Refuse("l2spec_type must be none or default");
            }
            std::string seq = o.count("seq") ? o["seq"] : "none";
            if (seq != "none" && seq != "send" && seq != "recv" && seq != "both")
            {
                Refuse("seq must be none, send, recv or both");
            }
            if (seq != "none" && l2spec == "none")
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
            i.sublayer = l2spec == "default";
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
                m_udpPorts.insert(i.udpSport);
                m_udpPorts.insert(i.udpDport);
            }
            if (m_live)
            {
                Ptr<L2tpv3NetDevice> d = L2tpDevice(i);
                d->SetAttribute("Encapsulation", StringValue(i.udp ? "udp" : "ip"));
                if (i.udp)
                {
                    d->SetAttribute("UdpSourcePort", UintegerValue(i.udpSport));
                    d->SetAttribute("UdpDestinationPort", UintegerValue(i.udpDport));
                }
                d->SetAttribute("L2SpecificSublayer", StringValue(l2spec));
                d->SetAttribute("SendSequenceNumbers", BooleanValue(i.seqSend));
                d->SetAttribute("RequireSequenceNumbers", BooleanValue(i.seqRecv));
                d->SetAttribute("ReorderTimeout", TimeValue(Seconds(reorder)));
                d->SetCookies(cookie, peerCookie);
                // Linux checks the tunnel when the session is created: the endpoints are set
                // before the session registers, so that the UDP socket key is known.
                d->SetTunnel(i.tunnelSource, i.tunnelDestination);
                d->SetSessionIds(local, remote);
                ApplyTunnelLive(i);
            }
        }
        else
        {
            Refuse("usage: ip l2tp add|del tunnel|session ...");
        }
    }

    // ---- Checking and building ------------------------------------------------

    /** Commands in the order they run: configuration in file order, then by time. */
    std::vector<const Command*> Ordered() const
    {
        std::vector<const Command*> out;
        for (const auto& c : m_commands)
        {
            out.push_back(&c);
        }
        std::stable_sort(out.begin(), out.end(), [](const Command* a, const Command* b) {
            return a->time < b->time;
        });
        return out;
    }

    std::string CommandText(const Command& c) const
    {
        return Join(c.args);
    }

    /** The first address of \p node in a family, for `ping NODE` targets. */
    Address FirstAddress(NodeModel& n, bool v6)
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

    Interface* FirstL2tp(NodeModel& n)
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
    void ResolveObservations()
    {
        for (auto& p : m_pings)
        {
            try
            {
                if (IsNode(p.target))
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
                Error(p.line, p.text, r.reason);
            }
        }
        for (auto& c : m_captures)
        {
            try
            {
                Interface& i = Need(m_nodes[c.node], c.interface);
                if (i.kind == Kind::BRIDGE || i.kind == Kind::LOOPBACK)
                {
                    Refuse("captures are taken on Ethernet and l2tp interfaces, not on " +
                           c.interface);
                }
            }
            catch (const Refusal& r)
            {
                Error(c.line, c.text, r.reason);
            }
        }
        for (auto& s : m_injects)
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
                for (const auto& l : m_links)
                {
                    linked |= (l.nodeA == s.node && l.ifA == s.interface && l.nodeB == s.victim &&
                               l.ifB == s.victimInterface) ||
                              (l.nodeB == s.node && l.ifB == s.interface && l.nodeA == s.victim &&
                               l.ifA == s.victimInterface);
                }
                if (!linked)
                {
                    Refuse(s.node + ":" + s.interface + " and " + s.victim + ":" +
                           s.victimInterface + " are not the two ends of one link");
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
                Error(s.line, s.text, r.reason);
            }
        }
    }

    void Check()
    {
        m_live = false;
        if (m_nodeOrder.empty() && m_errors.empty())
        {
            m_errors.push_back({m_file, 1, "(file)", "no node declared"});
        }
        InitModel();
        bool resolved = false;
        for (const Command* c : Ordered())
        {
            if (c->time >= 0 && !resolved)
            {
                ResolveObservations();
                resolved = true;
            }
            try
            {
                Apply(*c);
            }
            catch (const Refusal& r)
            {
                Error(c->line, CommandText(*c), r.reason);
            }
        }
        if (!resolved)
        {
            ResolveObservations();
        }
        if (!m_errors.empty())
        {
            std::stable_sort(m_errors.begin(),
                             m_errors.end(),
                             [](const L2tpv3LabError::Item& a, const L2tpv3LabError::Item& b) {
                                 return a.line < b.line;
                             });
            throw L2tpv3LabError(m_errors);
        }
    }

    double LastEvent() const
    {
        double last = 0;
        for (const auto& c : m_commands)
        {
            last = std::max(last, c.time);
        }
        for (const auto& p : m_pings)
        {
            last = std::max(last, p.start + p.interval * (p.count - 1));
        }
        for (const auto& s : m_injects)
        {
            last = std::max(last, s.start + s.interval * s.count);
        }
        return last;
    }

    /** Counts the frames of one capture. */
    struct CaptureSink
    {
        CaptureSink(Impl* impl, L2tpv3Lab::CaptureResult* result)
            : impl(impl),
              result(result)
        {
        }

        void Frame(Ptr<const Packet> packet)
        {
            impl->CountFrame(result, packet);
        }

        Impl* impl;                       //!< the lab
        L2tpv3Lab::CaptureResult* result; //!< its figures
    };

    std::vector<std::unique_ptr<CaptureSink>> m_sinks; //!< one per capture

    void CountFrame(L2tpv3Lab::CaptureResult* r, Ptr<const Packet> packet)
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
                if (m_udpPorts.count(udp.GetDestinationPort()) ||
                    m_udpPorts.count(udp.GetSourcePort()))
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

    void Build(L2tpv3Lab::Results& results)
    {
        m_results = &results;
        m_live = true;
        results.file = m_file;
        Mac48Address::ResetAllocationIndex();
        Config::SetDefault("ns3::Ipv6L3Protocol::SendIcmpv6Redirect", BooleanValue(false));
        InitModel();
        InternetStackHelper stack;
        NodeContainer all;
        for (const auto& name : m_nodeOrder)
        {
            Ptr<Node> node = CreateObject<Node>();
            Names::Add(name, node);
            m_nodes[name].node = node;
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
        for (const auto& l : m_links)
        {
            CsmaHelper csma;
            csma.SetChannelAttribute("DataRate", StringValue(l.rate));
            csma.SetChannelAttribute("Delay", TimeValue(Seconds(l.delay)));
            csma.SetDeviceAttribute("Mtu", UintegerValue(l.mtu));
            NetDeviceContainer d =
                csma.Install(NodeContainer(m_nodes[l.nodeA].node, m_nodes[l.nodeB].node));
            stream += csma.AssignStreams(d, stream);
            Ptr<CsmaNetDevice> a = DynamicCast<CsmaNetDevice>(d.Get(0));
            Ptr<CsmaNetDevice> b = DynamicCast<CsmaNetDevice>(d.Get(1));
            Interface* ia = m_nodes[l.nodeA].Find(l.ifA);
            Interface* ib = m_nodes[l.nodeB].Find(l.ifB);
            ia->device = a;
            ib->device = b;
            Names::Add(l.nodeA + "/" + l.ifA, a);
            Names::Add(l.nodeB + "/" + l.ifB, b);
            // Interfaces start down, as on NetBSD and Linux, until `up` or an address.
            SetUpLive(*ia, false);
            SetUpLive(*ib, false);
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
        for (auto& n : m_nodes)
        {
            n.second.interfaces[0].device = n.second.node->GetObject<Ipv4>()->GetNetDevice(0);
        }
        bool scheduled = false;
        for (const Command* c : Ordered())
        {
            if (c->time < 0)
            {
                Apply(*c);
                continue;
            }
            if (!scheduled)
            {
                scheduled = true;
            }
            Simulator::Schedule(Seconds(c->time), [this, c]() {
                std::ostringstream os;
                os << "at " << Simulator::Now().GetSeconds() << "s " << c->node << ": "
                   << CommandText(*c);
                m_results->events.push_back(os.str());
                try
                {
                    Apply(*c);
                }
                catch (const Refusal& r)
                {
                    // Checked before the run; kept visible should the model and ns-3 differ.
                    m_results->events.push_back("  refused: " + r.reason);
                }
            });
        }
        // Pseudowire attributes from the model (the l2tp(4) defaults otherwise).
        for (auto& n : m_nodes)
        {
            for (auto& i : n.second.interfaces)
            {
                if (i.kind == Kind::L2TP && i.mtu != 1500)
                {
                    i.device->SetMtu(i.mtu);
                }
            }
        }
        InstallObservations(stream);
    }

    void InstallObservations(int64_t stream)
    {
        L2tpv3Lab::Results& results = *m_results;
        results.pings.resize(m_pings.size());
        uint16_t id = 0x4c00;
        for (std::size_t k = 0; k < m_pings.size(); ++k)
        {
            const PingSpec& s = m_pings[k];
            L2tpv3Lab::PingResult& r = results.pings[k];
            r.from = s.from;
            r.to = s.target;
            r.address = AddressText(s.address);
            r.size = s.size;
            r.lineNo = s.line;
            Ptr<LabPinger> pinger = CreateObject<LabPinger>();
            pinger->m_result = &r;
            pinger->m_remote = s.address;
            pinger->m_source = s.sourceAddress;
            pinger->m_count = s.count;
            pinger->m_interval = Seconds(s.interval);
            pinger->m_id = id++;
            m_nodes[s.from].node->AddApplication(pinger);
            pinger->SetStartTime(Seconds(s.start));
            m_pingers.push_back(pinger);
        }
        results.captures.resize(m_captures.size());
        for (std::size_t k = 0; k < m_captures.size(); ++k)
        {
            const CaptureSpec& s = m_captures[k];
            L2tpv3Lab::CaptureResult& r = results.captures[k];
            r.node = s.node;
            r.interface = s.interface;
            Interface* i = m_nodes[s.node].Find(s.interface);
            Ptr<NetDevice> d = i->device;
            bool l2tp = i->kind == Kind::L2TP;
            m_sinks.push_back(std::make_unique<CaptureSink>(this, &r));
            d->TraceConnectWithoutContext("PromiscSniffer",
                                          MakeCallback(&CaptureSink::Frame, m_sinks.back().get()));
            if (m_pcap)
            {
                r.file = m_pcapPrefix + "-" + s.node + "-" + s.interface + ".pcap";
                PcapHelper pcap;
                Ptr<PcapFileWrapper> file =
                    pcap.CreateFile(r.file,
                                    std::ios::out,
                                    static_cast<PcapHelper::DataLinkType>(1));
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
        for (const auto& s : m_injects)
        {
            Interface* out = m_nodes[s.node].Find(s.interface);
            Interface* in = m_nodes[s.victim].Find(s.victimInterface);
            Ptr<L2tpv3Injector> injector = CreateObject<L2tpv3Injector>();
            injector->SetTarget(out->device,
                                Mac48Address::ConvertFrom(in->device->GetAddress()),
                                s.forged,
                                s.target);
            injector->SetAttribute("Attack", StringValue(s.attack));
            injector->SetAttribute("SessionId", UintegerValue(s.sessionId));
            injector->SetAttribute("CookieLength", UintegerValue(s.cookieLen));
            if (!s.cookie.empty())
            {
                injector->SetAttribute("Cookie", StringValue(s.cookie));
            }
            injector->SetAttribute("Sublayer", BooleanValue(s.sublayer));
            injector->SetAttribute("Encapsulation", StringValue(s.udp ? "udp" : "ip"));
            injector->SetAttribute("Count", UintegerValue(s.count));
            injector->SetAttribute("Interval", TimeValue(Seconds(s.interval)));
            if (!s.tapNode.empty())
            {
                injector->SetTap(m_nodes[s.tapNode].Find(s.tapInterface)->device);
            }
            stream += injector->AssignStreams(stream);
            m_nodes[s.node].node->AddApplication(injector);
            injector->SetStartTime(Seconds(s.start));
            m_injectors.push_back(injector);
            L2tpv3Lab::InjectionResult r;
            r.from = s.node;
            r.attack = s.attack;
            r.lineNo = s.line;
            m_results->injections.push_back(r);
        }
    }

    void Collect(L2tpv3Lab::Results& results)
    {
        for (std::size_t k = 0; k < m_pingers.size(); ++k)
        {
            const auto& rtts = m_pingers[k]->m_rtts;
            L2tpv3Lab::PingResult& r = results.pings[k];
            if (!rtts.empty())
            {
                double sum = 0;
                r.rttMinMs = std::numeric_limits<double>::max();
                for (const Time& t : rtts)
                {
                    double ms = t.GetSeconds() * 1000;
                    r.rttMinMs = std::min(r.rttMinMs, ms);
                    r.rttMaxMs = std::max(r.rttMaxMs, ms);
                    sum += ms;
                }
                r.rttAvgMs = sum / rtts.size();
            }
        }
        for (std::size_t k = 0; k < m_injectors.size(); ++k)
        {
            results.injections[k].sent = m_injectors[k]->GetSent();
        }
        for (auto& entry : m_nodes)
        {
            NodeModel& n = entry.second;
            if (!n.lcce)
            {
                continue;
            }
            L2tpv3LcceCounters c = n.lcce->GetCounters();
            auto& f = results.daemons[n.daemonIndex].figures;
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
            f["sessions_up_now"] = n.lcce->GetNSessionsUp();
        }
        std::size_t next = 0;
        for (const auto& name : m_nodeOrder)
        {
            NodeModel& n = m_nodes[name];
            bool any = false;
            for (auto& i : n.interfaces)
            {
                if (i.kind != Kind::L2TP || !i.device)
                {
                    continue;
                }
                any = true;
                (void)next;
            }
            if (any)
            {
                results.nodeCounters[name] = L2tpv3L4Protocol::GetOrCreate(n.node)->GetCounters();
            }
        }
        for (auto& r : results.pseudowires)
        {
            NodeModel& n = m_nodes[r.node];
            Interface* found = nullptr;
            for (auto& i : n.interfaces)
            {
                if (i.kind == Kind::L2TP && i.name == r.interface && i.device)
                {
                    found = &i;
                }
            }
            if (!found)
            {
                continue;
            }
            Ptr<L2tpv3NetDevice> d = L2tpDevice(*found);
            r.encapsulation = d->GetEncapsulation() == L2tpv3Encapsulation::UDP ? "udp" : "ip";
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
            for (auto& i : n.interfaces)
            {
                for (auto& a : i.addresses)
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
};

// The session interface's tunnel, for `ip l2tp del`: kept beside the model's other fields.

// ---- L2tpv3Lab ---------------------------------------------------------------------

L2tpv3Lab::L2tpv3Lab()
    : m_impl(std::make_unique<Impl>())
{
}

L2tpv3Lab::~L2tpv3Lab() = default;

void
L2tpv3Lab::Set(const std::string& name, const std::string& value)
{
    if (!IsName(name) || name.find_first_of(".-") != std::string::npos)
    {
        throw std::invalid_argument("L2tpv3Lab::Set: '" + name +
                                    "' is not a variable name (letters, digits and _)");
    }
    m_impl->m_overrides[name] = value;
}

void
L2tpv3Lab::SetPcap(bool pcap)
{
    m_impl->m_pcap = pcap;
}

void
L2tpv3Lab::SetPcapPrefix(const std::string& prefix)
{
    m_impl->m_pcapPrefix = prefix;
}

void
L2tpv3Lab::LoadFile(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
    {
        throw std::invalid_argument("L2tpv3Lab: cannot read lab file '" + path + "'");
    }
    std::ostringstream text;
    text << in.rdbuf();
    LoadString(text.str(), path);
}

void
L2tpv3Lab::LoadString(const std::string& text, const std::string& name)
{
    if (m_impl->m_loaded)
    {
        throw std::invalid_argument("L2tpv3Lab: a lab is already loaded");
    }
    m_impl->m_file = name;
    if (m_impl->m_pcapPrefix.empty())
    {
        std::string base = name.substr(name.find_last_of('/') + 1);
        m_impl->m_pcapPrefix = base.substr(0, base.rfind(".lab"));
    }
    m_impl->Parse(text);
    m_impl->Check(); // throws L2tpv3LabError: nothing built
    m_impl->m_loaded = true;
}

L2tpv3Lab::Results
L2tpv3Lab::Run()
{
    if (!m_impl->m_loaded)
    {
        throw std::invalid_argument("L2tpv3Lab::Run: no lab loaded");
    }
    if (m_impl->m_ran)
    {
        throw std::invalid_argument("L2tpv3Lab::Run: a lab runs once");
    }
    m_impl->m_ran = true;
    Results results;
    m_impl->Build(results);
    double duration = m_impl->m_duration > 0 ? m_impl->m_duration : m_impl->LastEvent() + 2;
    results.duration = duration;
    Simulator::Stop(Seconds(duration));
    Simulator::Run();
    m_impl->Collect(results);
    return results;
}

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
           << w.remoteCookieLength << " bytes, sublayer " << (w.sublayer ? "default" : "none")
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
