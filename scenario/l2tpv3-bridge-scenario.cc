/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-bridge-scenario.h"

#include "l2tpv3-pinger.h"
#include "l2tpv3-two-site-topology.h"

#include "ns3/abort.h"
#include "ns3/address.h"
#include "ns3/application-container.h"
#include "ns3/application.h"
#include "ns3/arp-cache.h"
#include "ns3/arp-l3-protocol.h"
#include "ns3/boolean.h"
#include "ns3/bridge-helper.h"
#include "ns3/bulk-send-helper.h"
#include "ns3/callback.h"
#include "ns3/config.h"
#include "ns3/csma-helper.h"
#include "ns3/ethernet-header.h"
#include "ns3/event-id.h"
#include "ns3/icmpv4.h"
#include "ns3/icmpv6-header.h"
#include "ns3/icmpv6-l4-protocol.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-interface-container.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-raw-socket-factory.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-address-helper.h"
#include "ns3/ipv6-address.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-interface-address.h"
#include "ns3/ipv6-interface-container.h"
#include "ns3/ipv6-interface.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/ipv6-raw-socket-factory.h"
#include "ns3/ipv6.h"
#include "ns3/l2tpv3-cookie.h"
#include "ns3/l2tpv3-counters.h"
#include "ns3/l2tpv3-helper.h"
#include "ns3/l2tpv3-injector.h"
#include "ns3/l2tpv3-l4-protocol.h"
#include "ns3/l2tpv3-names.h"
#include "ns3/l2tpv3-net-device.h"
#include "ns3/l2tpv3-udp-zero-checksum.h"
#include "ns3/log.h"
#include "ns3/mac48-address.h"
#include "ns3/names.h"
#include "ns3/ndisc-cache.h"
#include "ns3/net-device-container.h"
#include "ns3/net-device.h"
#include "ns3/node-container.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet-sink-helper.h"
#include "ns3/packet-sink.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"
#include "ns3/queue-disc.h"
#include "ns3/queue-item.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/tag.h"
#include "ns3/traffic-control-layer.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <deque>
#include <iomanip>
#include <limits>
#include <map>
#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpv3BridgeScenario");

namespace
{

/**
 * \param name the parameter's name
 * \param value its value
 * \param why what is wrong with it
 * \return an exception naming both
 */
std::invalid_argument
BadParameter(const std::string& name, const std::string& value, const std::string& why)
{
    return std::invalid_argument(name + "=" + value + ": " + why);
}

/**
 * \param name the parameter's name
 * \param seconds its value in seconds
 * \param why what is wrong with it
 * \return an exception naming both, the value as a person writes it ("3 s", "2.5 s")
 */
std::invalid_argument
BadParameter(const std::string& name, double seconds, const std::string& why)
{
    std::ostringstream value;
    value << seconds << " s";
    return BadParameter(name, value.str(), why);
}

/**
 * \ingroup l2tp
 * \brief The number of a frame given to a pseudowire, carried by its outer packets, their
 * fragments and copies, so that the scenario can follow each frame to its fate.
 */
class L2tpv3FrameTag : public Tag
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::L2tpv3FrameTag")
                                .SetParent<Tag>()
                                .SetGroupName("L2tp")
                                .AddConstructor<L2tpv3FrameTag>();
        return tid;
    }

    TypeId GetInstanceTypeId() const override
    {
        return GetTypeId();
    }

    uint32_t GetSerializedSize() const override
    {
        return 8;
    }

    void Serialize(TagBuffer buffer) const override
    {
        buffer.WriteU64(m_id);
    }

    void Deserialize(TagBuffer buffer) override
    {
        m_id = buffer.ReadU64();
    }

    void Print(std::ostream& os) const override
    {
        os << "frame=" << m_id;
    }

    uint64_t m_id{0}; //!< the frame's number, from 1
};

NS_OBJECT_ENSURE_REGISTERED(L2tpv3FrameTag);

/**
 * \ingroup l2tp
 * \brief Follows every frame given to the two pseudowires to what happened to it first:
 * delivered, dropped by a pseudowire, lost in the underlay (ns-3's drop traces), or, at the
 * end, still on its way.
 *
 * A frame's outer packet may become several fragments ("pieces"). A piece handed to the IP
 * interface (the IP Tx trace) either leaves it at once (the queue disc's Enqueue, or the
 * device's MacTx without a queue disc) or waits for ARP or neighbour discovery. Those queues
 * are first in, first out: when a piece leaves, the pieces that waited before it and did not
 * leave were dropped. ARP traces its drops; ns-3 3.37's neighbour cache drops the oldest
 * waiting packet with no trace, so such a frame is lost with its cause "unreported".
 */
class FrameAccountant
{
  public:
    using Accounting = L2tpv3BridgeScenario::FrameAccounting;
    /// Per reason, as in L2tpv3Counters.
    using PerReason = std::array<uint64_t, static_cast<std::size_t>(L2tpv3DropReason::COUNT)>;

    /**
     * \brief Connect to the traces of both routers.
     * \param routers NetBSD_A and NetBSD_B
     * \param pseudowires their l2tp0
     * \param wan their wm0
     * \param ipv6 IPv6 underlay
     */
    void Connect(const NodeContainer& routers,
                 const NetDeviceContainer& pseudowires,
                 const NetDeviceContainer& wan,
                 bool ipv6)
    {
        for (uint32_t i = 0; i < 2; ++i)
        {
            Ptr<Node> router = routers.Get(i);
            Ptr<NetDevice> pw = pseudowires.Get(i);
            Ptr<NetDevice> port = wan.Get(i);
            pw->TraceConnectWithoutContext("MacTx", Packet1([this, i](Ptr<const Packet> p) {
                                               OnPseudowireTx(i, p);
                                           }));
            pw->TraceConnectWithoutContext(
                "Drop",
                Callback<void, Ptr<const Packet>, L2tpv3DropReason>(
                    [this](Ptr<const Packet> p, L2tpv3DropReason reason) {
                        OnPseudowireDrop(p, reason);
                    }));
            pw->TraceConnectWithoutContext("MacPromiscRx", Packet1([this, i](Ptr<const Packet> p) {
                                               OnDelivered(i, p);
                                           }));
            router->GetObject<L2tpv3L4Protocol>()->TraceConnectWithoutContext(
                "Drop",
                Callback<void, Ptr<const Packet>, L2tpv3DropReason>(
                    [this](Ptr<const Packet> p, L2tpv3DropReason reason) {
                        OnPseudowireDrop(p, reason);
                    }));

            // Leaving IP: the root queue disc if there is one, else the device itself.
            Ptr<TrafficControlLayer> tc = router->GetObject<TrafficControlLayer>();
            Ptr<QueueDisc> qdisc = tc ? tc->GetRootQueueDiscOnDevice(port) : nullptr;
            if (qdisc)
            {
                qdisc->TraceConnectWithoutContext(
                    "Enqueue",
                    Callback<void, Ptr<const QueueDiscItem>>([this, i](Ptr<const QueueDiscItem> q) {
                        OnLeftIp(i, q->GetPacket());
                    }));
                qdisc->TraceConnectWithoutContext(
                    "Drop",
                    Callback<void, Ptr<const QueueDiscItem>>([this, i](Ptr<const QueueDiscItem> q) {
                        OnLost(i, q->GetPacket(), "queue_disc");
                    }));
            }
            else
            {
                port->TraceConnectWithoutContext("MacTx", Packet1([this, i](Ptr<const Packet> p) {
                                                     OnLeftIp(i, p);
                                                 }));
            }
            for (const char* trace : {"MacTxDrop", "PhyTxDrop", "PhyRxDrop", "MacRxDrop"})
            {
                std::string cause = trace == std::string("MacTxDrop")   ? "device_queue"
                                    : trace == std::string("PhyTxDrop") ? "phy_tx"
                                    : trace == std::string("PhyRxDrop") ? "phy_rx"
                                                                        : "mac_rx";
                port->TraceConnectWithoutContext(trace,
                                                 Packet1([this, i, cause](Ptr<const Packet> p) {
                                                     OnLost(i, p, cause);
                                                 }));
            }

            auto tx = [this, i](Ptr<const Packet> p) {
                OnIpTx(i, p);
            };
            auto rx = [this, i](Ptr<const Packet> p) {
                OnIpRx(i, p);
            };
            if (ipv6)
            {
                Ptr<Ipv6L3Protocol> ip = router->GetObject<Ipv6L3Protocol>();
                using Ip6 = Callback<void, Ptr<const Packet>, Ptr<Ipv6>, uint32_t>;
                ip->TraceConnectWithoutContext("Tx",
                                               Ip6([tx](Ptr<const Packet> p, Ptr<Ipv6>, uint32_t) {
                                                   tx(p);
                                               }));
                ip->TraceConnectWithoutContext("Rx",
                                               Ip6([rx](Ptr<const Packet> p, Ptr<Ipv6>, uint32_t) {
                                                   rx(p);
                                               }));
                ip->TraceConnectWithoutContext(
                    "Drop",
                    Callback<void,
                             const Ipv6Header&,
                             Ptr<const Packet>,
                             Ipv6L3Protocol::DropReason,
                             Ptr<Ipv6>,
                             uint32_t>([this, i](const Ipv6Header&,
                                                 Ptr<const Packet> p,
                                                 Ipv6L3Protocol::DropReason reason,
                                                 Ptr<Ipv6>,
                                                 uint32_t) {
                        OnLost(i, p, Ipv6Cause(reason));
                    }));
                m_waitLimit[i] = ip->GetInterface(ip->GetInterfaceForDevice(port))
                                     ->GetNdiscCache()
                                     ->GetUnresQlen();
            }
            else
            {
                Ptr<Ipv4L3Protocol> ip = router->GetObject<Ipv4L3Protocol>();
                using Ip4 = Callback<void, Ptr<const Packet>, Ptr<Ipv4>, uint32_t>;
                ip->TraceConnectWithoutContext("Tx",
                                               Ip4([tx](Ptr<const Packet> p, Ptr<Ipv4>, uint32_t) {
                                                   tx(p);
                                               }));
                ip->TraceConnectWithoutContext("Rx",
                                               Ip4([rx](Ptr<const Packet> p, Ptr<Ipv4>, uint32_t) {
                                                   rx(p);
                                               }));
                ip->TraceConnectWithoutContext(
                    "Drop",
                    Callback<void,
                             const Ipv4Header&,
                             Ptr<const Packet>,
                             Ipv4L3Protocol::DropReason,
                             Ptr<Ipv4>,
                             uint32_t>([this, i](const Ipv4Header&,
                                                 Ptr<const Packet> p,
                                                 Ipv4L3Protocol::DropReason reason,
                                                 Ptr<Ipv4>,
                                                 uint32_t) {
                        OnLost(i, p, Ipv4Cause(reason));
                    }));
                router->GetObject<ArpL3Protocol>()->TraceConnectWithoutContext(
                    "Drop",
                    Packet1([this, i](Ptr<const Packet> p) {
                        OnLost(i, p, "arp_queue");
                    }));
                ip->GetInterface(ip->GetInterfaceForDevice(port))
                    ->GetArpCache()
                    ->TraceConnectWithoutContext("Drop", Packet1([this, i](Ptr<const Packet> p) {
                                                     OnLost(i, p, "arp_no_reply");
                                                 }));
                // ARP traces every packet it drops: whatever still waits at the end waits.
                m_waitLimit[i] = std::numeric_limits<std::size_t>::max();
            }
        }
    }

    /**
     * \brief The run has ended: classify the frames still unresolved.
     * \param accounting where to write the figures
     * \param other where to write the drops of packets that were no frame of the tunnel
     */
    void Finish(Accounting& accounting, PerReason& other)
    {
        for (uint32_t i = 0; i < 2; ++i)
        {
            Settle(i);
            // Only the newest m_waitLimit pieces can still be waiting for their neighbour.
            std::deque<uint64_t>& waiting = m_waiting[i];
            while (waiting.size() > m_waitLimit[i])
            {
                Lose(waiting.front(), "unreported");
                waiting.pop_front();
            }
            for (uint64_t id : waiting)
            {
                m_frames[id - 1].waiting = true;
            }
        }
        for (Frame& f : m_frames)
        {
            if (f.resolved)
            {
                continue;
            }
            // On its way: waiting for a neighbour, or a piece between IP and the far IP
            // (queues, the wire), where ns-3 traces every loss. All pieces at the far IP and
            // nothing delivered: lost after arriving, with no trace.
            if (f.waiting || f.piecesArrived < f.piecesSent)
            {
                ++m_result.inFlight;
            }
            else
            {
                ++m_result.lost["unreported"];
            }
            f.resolved = true;
        }
        accounting = m_result;
        other = m_other;
    }

  private:
    /// A frame's state.
    struct Frame
    {
        uint32_t sender{0};        //!< 0: NetBSD_A, 1: NetBSD_B
        uint32_t piecesSent{0};    //!< outer packets or fragments handed to IP's interface
        uint32_t piecesArrived{0}; //!< of those, received by the far IP
        bool resolved{false};      //!< delivered, dropped or lost
        bool waiting{false};       //!< a piece waits for neighbour resolution at the end
    };

    /// Shorthand for a trace sink taking a packet.
    using Packet1 = Callback<void, Ptr<const Packet>>;

    /**
     * \param reason an IPv4 drop reason
     * \return its cause name
     */
    static std::string Ipv4Cause(Ipv4L3Protocol::DropReason reason)
    {
        switch (reason)
        {
        case Ipv4L3Protocol::DROP_TTL_EXPIRED:
            return "ip_ttl_expired";
        case Ipv4L3Protocol::DROP_NO_ROUTE:
            return "ip_no_route";
        case Ipv4L3Protocol::DROP_BAD_CHECKSUM:
            return "ip_bad_checksum";
        case Ipv4L3Protocol::DROP_INTERFACE_DOWN:
            return "ip_interface_down";
        case Ipv4L3Protocol::DROP_ROUTE_ERROR:
            return "ip_route_error";
        case Ipv4L3Protocol::DROP_FRAGMENT_TIMEOUT:
            return "fragment_timeout";
        default:
            return "ip_other";
        }
    }

    /**
     * \param reason an IPv6 drop reason
     * \return its cause name
     */
    static std::string Ipv6Cause(Ipv6L3Protocol::DropReason reason)
    {
        switch (reason)
        {
        case Ipv6L3Protocol::DROP_TTL_EXPIRED:
            return "ip_ttl_expired";
        case Ipv6L3Protocol::DROP_NO_ROUTE:
            return "ip_no_route";
        case Ipv6L3Protocol::DROP_INTERFACE_DOWN:
            return "ip_interface_down";
        case Ipv6L3Protocol::DROP_ROUTE_ERROR:
            return "ip_route_error";
        case Ipv6L3Protocol::DROP_FRAGMENT_TIMEOUT:
            return "fragment_timeout";
        default:
            return "ip_other";
        }
    }

    /**
     * \param p a packet
     * \return its frame's number, 0 when it carries none
     */
    uint64_t FrameOf(Ptr<const Packet> p) const
    {
        L2tpv3FrameTag tag;
        if (!p || !p->PeekPacketTag(tag) || tag.m_id == 0 || tag.m_id > m_frames.size())
        {
            return 0;
        }
        return tag.m_id;
    }

    /**
     * \param i the sender
     * \param p a frame given to its l2tp0, now accepted for sending
     */
    void OnPseudowireTx(uint32_t i, Ptr<const Packet> p)
    {
        L2tpv3FrameTag tag;
        if (p->PeekPacketTag(tag))
        {
            // A frame that already crossed a pseudowire: numbered anew.
            const_cast<Packet*>(PeekPointer(p))->RemovePacketTag(tag);
        }
        tag.m_id = m_frames.size() + 1;
        p->AddPacketTag(tag);
        Frame f;
        f.sender = i;
        m_frames.push_back(f);
        ++m_result.sent;
    }

    /**
     * \param p what a pseudowire or an L2TPv3 protocol dropped
     * \param reason why
     */
    void OnPseudowireDrop(Ptr<const Packet> p, L2tpv3DropReason reason)
    {
        uint64_t id = FrameOf(p);
        auto index = static_cast<std::size_t>(reason);
        if (id && !m_frames[id - 1].resolved)
        {
            m_frames[id - 1].resolved = true;
            ++m_result.dropped[index];
        }
        else if (!id && L2tpv3DropReasonIsTransmit(reason))
        {
            // Refused before MacTx (link down, over the MTU): sent and dropped at once.
            ++m_result.sent;
            ++m_result.dropped[index];
        }
        else
        {
            ++m_other[index]; // forgeries, replays, malformed packets
        }
    }

    /**
     * \param i the router whose l2tp0 delivered \p p
     * \param p the frame
     */
    void OnDelivered(uint32_t i, Ptr<const Packet> p)
    {
        uint64_t id = FrameOf(p);
        if (id && !m_frames[id - 1].resolved && m_frames[id - 1].sender != i)
        {
            m_frames[id - 1].resolved = true;
            ++m_result.delivered;
        }
    }

    /**
     * \param i a router
     * \param p a packet its IP layer hands to the interface (Tx trace)
     */
    void OnIpTx(uint32_t i, Ptr<const Packet> p)
    {
        uint64_t id = FrameOf(p);
        if (!id || m_frames[id - 1].sender != i)
        {
            return;
        }
        Settle(i);
        ++m_frames[id - 1].piecesSent;
        m_current[i] = id;
    }

    /**
     * \param i a router
     * \param p a packet its IP layer received (Rx trace)
     */
    void OnIpRx(uint32_t i, Ptr<const Packet> p)
    {
        uint64_t id = FrameOf(p);
        if (id && m_frames[id - 1].sender != i)
        {
            ++m_frames[id - 1].piecesArrived;
        }
    }

    /**
     * \brief A piece left IP for the queue disc or the device.
     * \param i the router
     * \param p the piece
     */
    void OnLeftIp(uint32_t i, Ptr<const Packet> p)
    {
        uint64_t id = FrameOf(p);
        if (!id || m_frames[id - 1].sender != i)
        {
            return;
        }
        if (m_current[i] == id)
        {
            m_current[i] = 0; // straight through
        }
        else
        {
            Settle(i);
            auto it = std::find(m_waiting[i].begin(), m_waiting[i].end(), id);
            if (it == m_waiting[i].end())
            {
                return;
            }
            m_waiting[i].erase(it); // released by ARP or neighbour discovery
        }
        // What waited before it and did not leave was dropped (FIFO queues).
        DropOlderThan(i, id);
    }

    /**
     * \brief The pieces that waited before \p id left: dropped, since the queues are FIFO.
     * \param i the router
     * \param id the frame of the piece that left
     */
    void DropOlderThan(uint32_t i, uint64_t id)
    {
        std::deque<uint64_t>& waiting = m_waiting[i];
        while (!waiting.empty() && waiting.front() < id)
        {
            Lose(waiting.front(), "unreported");
            waiting.pop_front();
        }
    }

    /**
     * \param i the router where a loss was traced
     * \param p the packet lost
     * \param cause the trace it came from
     */
    void OnLost(uint32_t i, Ptr<const Packet> p, const std::string& cause)
    {
        uint64_t id = FrameOf(p);
        if (!id)
        {
            return;
        }
        if (m_frames[id - 1].sender == i)
        {
            if (m_current[i] == id)
            {
                m_current[i] = 0;
            }
            else
            {
                auto it = std::find(m_waiting[i].begin(), m_waiting[i].end(), id);
                if (it != m_waiting[i].end())
                {
                    m_waiting[i].erase(it);
                }
            }
        }
        Lose(id, cause);
    }

    /**
     * \param id a frame
     * \param cause why it is lost, if it was not resolved already
     */
    void Lose(uint64_t id, const std::string& cause)
    {
        Frame& f = m_frames[id - 1];
        if (!f.resolved)
        {
            f.resolved = true;
            ++m_result.lost[cause];
        }
    }

    /**
     * \brief The last piece handed to the interface did not leave at once: it waits.
     * \param i the router
     */
    void Settle(uint32_t i)
    {
        if (m_current[i])
        {
            m_waiting[i].push_back(m_current[i]);
            m_current[i] = 0;
        }
    }

    std::vector<Frame> m_frames;                   //!< every frame, by number - 1
    std::array<uint64_t, 2> m_current{0, 0};       //!< piece being handed to the interface
    std::array<std::deque<uint64_t>, 2> m_waiting; //!< pieces waiting for a neighbour, oldest first
    std::array<std::size_t, 2> m_waitLimit{0, 0};  //!< most packets a neighbour entry holds
    Accounting m_result;                           //!< the figures
    PerReason m_other{};                           //!< drops of packets that were no frame
};

} // namespace

/// Bookkeeping the scenario keeps during a run.
class L2tpv3BridgeScenario::Impl
{
  public:
    std::vector<Time> rtts;                     //!< every RTT measured
    L2tpv3TwoSiteTopology topology;             //!< the manual's two sites
    Ptr<PacketSink> sink;                       //!< bulk sink on Host_Y
    std::vector<Ptr<L2tpv3Injector>> injectors; //!< random session, random cookie, replay
    FrameAccountant accountant;                 //!< where every frame went
};

L2tpv3BridgeScenario::L2tpv3BridgeScenario(const Parameters& parameters)
    : m_parameters(parameters),
      m_impl(new Impl)
{
    const Parameters& p = m_parameters;
    if (p.cookieLength != 0 && p.cookieLength != 4 && p.cookieLength != 8)
    {
        throw BadParameter("cookieLen", std::to_string(p.cookieLength), "must be 0, 4 or 8");
    }
    if (p.manualCookie && p.cookieLength != 0 && p.cookieLength != 4)
    {
        throw BadParameter("cookieLen",
                           std::to_string(p.cookieLength),
                           "--cookie is the manual's 4-byte cookie; use one or the other");
    }
    uint32_t minWan = p.ipv6Underlay ? 1280 : 68;
    if (p.wanMtu < minWan || p.wanMtu > 65535)
    {
        throw BadParameter("wanMtu",
                           std::to_string(p.wanMtu),
                           "must be between " + std::to_string(minWan) + " and 65535");
    }
    uint32_t minLan = p.innerIpv6 ? 1280 : 576;
    if (p.lanMtu < minLan || p.lanMtu > 65535)
    {
        throw BadParameter("lanMtu",
                           std::to_string(p.lanMtu),
                           "must be between " + std::to_string(minLan) + " and 65535");
    }
    uint32_t headers = 14 + (p.innerIpv6 ? 40 : 20) + 20 + 12; // Ethernet, IP, TCP, timestamps
    if (p.frameSize <= headers || p.frameSize > p.lanMtu + 14)
    {
        throw BadParameter("frameSize",
                           std::to_string(p.frameSize),
                           "must be between " + std::to_string(headers + 1) +
                               " and lanMtu + 14 = " + std::to_string(p.lanMtu + 14));
    }
    L2tpv3ParseEncapsulation(p.encapsulation, "encap", L2tpv3NameWording::OPTION);
    L2tpv3ParseSublayer(p.sublayer, "sublayer", L2tpv3NameWording::OPTION);
    if (p.sequencing && p.sublayer != "default")
    {
        throw BadParameter("sublayer",
                           p.sublayer,
                           "--seq needs --sublayer=default (RFC 3931 §4.6)");
    }
    L2tpv3ParseMtuPolicy(p.mtuPolicy, "mtuPolicy", L2tpv3NameWording::OPTION);
    L2tpv3ParseMssClamp(p.mssClamp, "mssClamp", L2tpv3NameWording::OPTION);
    if (!(p.duration >= 3.0))
    {
        throw BadParameter("time", p.duration, "must be at least 3 seconds");
    }
    // The forgeries are spread from attackStart to one second before the end.
    if (p.attacker && !(p.attackStart >= 0 && p.attackStart < p.duration - 1.0))
    {
        std::ostringstream why;
        why << "must be at least 0 and less than time - 1 (" << p.duration - 1.0 << " s)";
        throw BadParameter("attackStart", p.attackStart, why.str());
    }
    if (p.pingSize > p.lanMtu - (p.innerIpv6 ? 48 : 28))
    {
        throw BadParameter("pingSize", std::to_string(p.pingSize), "does not fit in lanMtu");
    }
}

L2tpv3BridgeScenario::~L2tpv3BridgeScenario()
{
    if (m_built)
    {
        Simulator::Destroy();
        Names::Clear();
    }
}

const NodeContainer&
L2tpv3BridgeScenario::GetNodes() const
{
    return m_nodes;
}

Ptr<L2tpv3NetDevice>
L2tpv3BridgeScenario::GetPseudowire(uint32_t index) const
{
    return DynamicCast<L2tpv3NetDevice>(m_pseudowires.Get(index));
}

Ptr<NetDevice>
L2tpv3BridgeScenario::GetHostDevice(uint32_t index) const
{
    return m_hosts.Get(index);
}

std::string
L2tpv3BridgeScenario::GetHostAddress(uint32_t index) const
{
    return L2tpv3AddressText(m_impl->topology.GetHostAddress(index));
}

void
L2tpv3BridgeScenario::Build()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(m_built, "L2tpv3BridgeScenario::Build called twice");
    m_built = true;
    const Parameters& p = m_parameters;

    // The manual's two sites: nodes, WAN, LANs and their addresses (the builder names them
    // as NetBSD does). MAC addresses and random streams do not depend on what ran before in
    // this process (ns-3's automatic stream numbers do): same run, same bytes.
    L2tpv3TwoSiteTopology& topology = m_impl->topology;
    topology.CreateNodes();
    m_nodes = topology.GetNodes();

    // WAN: wm0 of both routers on one Ethernet segment.
    CsmaHelper wan;
    wan.SetChannelAttribute("DataRate", StringValue(p.wanDataRate));
    wan.SetChannelAttribute("Delay", TimeValue(MicroSeconds(p.wanDelayMs * 1000)));
    wan.SetDeviceAttribute("Mtu", UintegerValue(p.wanMtu));
    m_wan = topology.InstallWan(wan);

    // LANs: Host_X -- NetBSD_A wm1, Host_Y -- NetBSD_B wm1.
    CsmaHelper lan;
    lan.SetChannelAttribute("DataRate", StringValue(p.lanDataRate));
    lan.SetChannelAttribute("Delay", TimeValue(MicroSeconds(1)));
    lan.SetDeviceAttribute("Mtu", UintegerValue(p.lanMtu));
    topology.InstallLans(lan);
    m_hosts = topology.GetHostDevices();

    InternetStackHelper stack;
    topology.InstallInternet(stack);
    int64_t stream = 1;
    stream += wan.AssignStreams(m_wan, stream);
    stream += lan.AssignStreams(topology.GetLanA(), stream);
    stream += lan.AssignStreams(topology.GetLanB(), stream);
    stream += stack.AssignStreams(m_nodes, stream);
    // The routers accept packets for any of their addresses on any interface, as
    // BSD and Linux do (the weak end-system model; IPv4 in 3.37 knows no other).
    for (uint32_t i = 0; i < 2; ++i)
    {
        m_nodes.Get(i)->GetObject<Ipv6L3Protocol>()->SetAttribute("StrongEndSystemModel",
                                                                  BooleanValue(false));
        m_nodes.Get(i)->GetObject<Ipv4L3Protocol>()->SetAttributeFailSafe("StrongEndSystemModel",
                                                                          BooleanValue(false));
    }

    // WAN addresses: 192.168.0.1/24 and .2 (the manual's), or 2001:db8::1/64 and ::2.
    topology.AssignWanAddresses(p.ipv6Underlay);
    Address tunnelA = topology.GetWanAddress(0);
    Address tunnelB = topology.GetWanAddress(1);

    // l2tp0 on both routers: session 1234 4321 (and the mirror), cookies as asked.
    L2tpv3Helper l2tp;
    l2tp.SetDeviceAttribute("Mtu", UintegerValue(p.lanMtu));
    l2tp.SetDeviceAttribute("Encapsulation", StringValue(p.encapsulation));
    l2tp.SetDeviceAttribute("L2SpecificSublayer", StringValue(p.sublayer));
    l2tp.SetDeviceAttribute("SendSequenceNumbers", BooleanValue(p.sequencing));
    l2tp.SetDeviceAttribute("RequireSequenceNumbers", BooleanValue(p.sequencing));
    l2tp.SetDeviceAttribute("MtuPolicy", StringValue(p.mtuPolicy));
    l2tp.SetDeviceAttribute("TcpMssClamp", StringValue(p.mssClamp));
    l2tp.SetSessionIds(p.localSessionId, p.remoteSessionId);
    uint32_t cookieLength = p.manualCookie ? 4 : p.cookieLength;
    if (cookieLength > 0)
    {
        l2tp.SetCookies(L2tpv3Cookie(cookieLength, 12345), L2tpv3Cookie(cookieLength, 54321));
    }
    m_pseudowires =
        l2tp.InstallPair(topology.GetRouterA(), tunnelA, topology.GetRouterB(), tunnelB);
    Names::Add("NetBSD_A/l2tp0", m_pseudowires.Get(0));
    Names::Add("NetBSD_B/l2tp0", m_pseudowires.Get(1));

    // bridge0 = wm1 + l2tp0 on both routers; the hosts on one IP subnet across both sites.
    topology.InstallBridges(m_pseudowires);
    topology.AssignHostAddresses(p.innerIpv6);

    if (p.pcap)
    {
        topology.EnablePcap(p.pcapPrefix, wan, lan);
        l2tp.EnablePcap(p.pcapPrefix, m_pseudowires, true);
    }

    if (p.attacker)
    {
        BuildAttacker();
    }

    if (p.deleteTunnelAt >= 0)
    {
        Simulator::Schedule(Seconds(p.deleteTunnelAt),
                            &L2tpv3NetDevice::DeleteTunnel,
                            GetPseudowire(0));
    }
}

void
L2tpv3BridgeScenario::BuildAttacker()
{
    const Parameters& p = m_parameters;
    Ptr<Node> routerB = m_nodes.Get(1);
    Ptr<Node> attacker = CreateObject<Node>();
    m_nodes.Add(attacker);
    Names::Add("Attacker", attacker);
    // Its own link to NetBSD_B, so that the attack takes nothing from the tunnel's WAN.
    CsmaHelper link;
    link.SetChannelAttribute("DataRate", StringValue("1Gbps"));
    NetDeviceContainer devices = link.Install(NodeContainer(attacker, routerB));
    Names::Add("Attacker/wm0", devices.Get(0));
    Names::Add("NetBSD_B/wm2", devices.Get(1));
    link.AssignStreams(devices, 900);
    InternetStackHelper attackerStack;
    attackerStack.Install(attacker);
    attackerStack.AssignStreams(NodeContainer(attacker), 950);
    attacker->GetObject<Icmpv6L4Protocol>()->SetAttribute("DAD", BooleanValue(false));
    Address forged;
    Address victim;
    if (p.ipv6Underlay)
    {
        L2tpv3AssignSequentialIpv6(devices, Ipv6Address("2001:db8:99::"));
        forged = m_impl->topology.GetWanAddress(0);
        victim = m_impl->topology.GetWanAddress(1);
    }
    else
    {
        Ipv4AddressHelper address("10.99.0.0", "255.255.255.0");
        address.Assign(devices);
        forged = m_impl->topology.GetWanAddress(0);
        victim = m_impl->topology.GetWanAddress(1);
    }
    Mac48Address victimMac = Mac48Address::ConvertFrom(devices.Get(1)->GetAddress());
    uint32_t cookieLength = p.manualCookie ? 4 : p.cookieLength;
    Time interval =
        Seconds((p.duration - 1.0 - p.attackStart) / std::max<uint64_t>(p.attackPackets, 1));
    int64_t stream = 1000;
    for (auto attack :
         {L2tpv3Injector::RANDOM_SESSION, L2tpv3Injector::RANDOM_COOKIE, L2tpv3Injector::REPLAY})
    {
        Ptr<L2tpv3Injector> injector = CreateObject<L2tpv3Injector>();
        injector->SetTarget(devices.Get(0), victimMac, forged, victim);
        injector->SetAttack(attack);
        if (attack == L2tpv3Injector::REPLAY)
        {
            injector->SetTap(m_wan.Get(1)); // an eavesdropper on the WAN
        }
        injector->SetAttribute("SessionId", UintegerValue(p.remoteSessionId));
        injector->SetAttribute("CookieLength", UintegerValue(cookieLength));
        injector->SetAttribute(
            "Sublayer",
            BooleanValue(L2tpv3ParseSublayer(p.sublayer) == L2tpv3Sublayer::DEFAULT));
        injector->SetAttribute("Count", UintegerValue(p.attackPackets));
        injector->SetAttribute("Interval", TimeValue(interval));
        stream += injector->AssignStreams(stream);
        attacker->AddApplication(injector);
        injector->SetStartTime(Seconds(p.attackStart));
        m_impl->injectors.push_back(injector);
    }
}

void
L2tpv3BridgeScenario::InstallApplications()
{
    const Parameters& p = m_parameters;
    Results& r = m_results;
    Address x = m_impl->topology.GetHostAddress(0);
    Address y = m_impl->topology.GetHostAddress(1);
    double deleteAt = p.deleteTunnelAt;
    auto afterDelete = [deleteAt](Time t) {
        return deleteAt >= 0 && t.GetSeconds() >= deleteAt;
    };
    auto onReply = [this, afterDelete](uint32_t* replies) {
        return Callback<void, uint16_t, Time>([this, afterDelete, replies](uint16_t, Time rtt) {
            ++*replies;
            m_impl->rtts.push_back(rtt);
            if (afterDelete(Simulator::Now() - rtt))
            {
                ++m_results.repliesAfterDelete;
            }
        });
    };
    auto onSend = [this, afterDelete](uint32_t* pings) {
        return Callback<void, uint16_t, Ptr<const Packet>>(
            [this, afterDelete, pings](uint16_t, Ptr<const Packet>) {
                ++*pings;
                if (afterDelete(Simulator::Now()))
                {
                    ++m_results.pingsAfterDelete;
                }
            });
    };
    auto ping =
        [&](Ptr<Node> node, Address remote, uint16_t id, uint32_t* pings, uint32_t* replies) {
            Ptr<L2tpv3Pinger> pinger = CreateObject<L2tpv3Pinger>();
            pinger->SetAttribute("Remote", AddressValue(remote));
            pinger->SetAttribute("Size", UintegerValue(p.pingSize));
            pinger->SetAttribute("Identifier", UintegerValue(id));
            pinger->TraceConnectWithoutContext("Tx", onSend(pings));
            pinger->TraceConnectWithoutContext("Rtt", onReply(replies));
            node->AddApplication(pinger);
            return pinger;
        };

    // Host_X pings Host_Y from 1 s, Host_Y pings Host_X from 1.5 s, once a second,
    // stopping one second before the end so that every request can be answered.
    Ptr<L2tpv3Pinger> pingX = ping(m_nodes.Get(2), y, 0x58, &r.pingsXtoY, &r.repliesXtoY);
    pingX->SetStartTime(Seconds(1.0));
    pingX->SetStopTime(Seconds(p.duration - 1.0));
    Ptr<L2tpv3Pinger> pingY = ping(m_nodes.Get(3), x, 0x59, &r.pingsYtoX, &r.repliesYtoX);
    pingY->SetStartTime(Seconds(1.5));
    pingY->SetStopTime(Seconds(p.duration - 1.0));

    if (p.bulk)
    {
        // Segment size for frames of frameSize bytes: Ethernet, IP, TCP and timestamp option.
        uint32_t segment = p.frameSize - 14 - (p.innerIpv6 ? 40 : 20) - 20 - 12;
        Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(segment));
        uint16_t port = 5001;
        Address sinkAddress = p.innerIpv6
                                  ? Address(Inet6SocketAddress(Ipv6Address::ConvertFrom(y), port))
                                  : Address(InetSocketAddress(Ipv4Address::ConvertFrom(y), port));
        Address anyAddress = p.innerIpv6 ? Address(Inet6SocketAddress(Ipv6Address::GetAny(), port))
                                         : Address(InetSocketAddress(Ipv4Address::GetAny(), port));
        PacketSinkHelper sink("ns3::TcpSocketFactory", anyAddress);
        ApplicationContainer sinkApp = sink.Install(m_nodes.Get(3));
        sinkApp.Start(Seconds(0.0));
        m_impl->sink = DynamicCast<PacketSink>(sinkApp.Get(0));
        BulkSendHelper bulk("ns3::TcpSocketFactory", sinkAddress);
        bulk.SetAttribute("MaxBytes", UintegerValue(0));
        bulk.SetAttribute("SendSize", UintegerValue(segment));
        ApplicationContainer bulkApp = bulk.Install(m_nodes.Get(2));
        bulkApp.Start(Seconds(2.0));
        bulkApp.Stop(Seconds(p.duration));
    }
}

L2tpv3BridgeScenario::Results
L2tpv3BridgeScenario::Run()
{
    NS_LOG_FUNCTION(this);
    if (!m_built)
    {
        Build();
    }
    InstallApplications();
    const Parameters& p = m_parameters;
    Results& r = m_results;

    // Count the outer L2TPv3 packets and fragments the routers put on the WAN.
    auto count4 = [&r](Ptr<const Packet> packet, Ptr<Ipv4>, uint32_t) {
        Ipv4Header ip;
        packet->PeekHeader(ip);
        // The routers send no IP traffic of their own but the tunnel's.
        if (ip.GetProtocol() == L2tpv3L4Protocol::PROT_NUMBER ||
            ip.GetProtocol() == L2tpv3L4Protocol::UDP_PROT_NUMBER)
        {
            ++r.wanL2tpPackets;
            if (!ip.IsLastFragment() || ip.GetFragmentOffset() != 0)
            {
                ++r.wanFragments;
            }
        }
    };
    auto count6 = [&r](Ptr<const Packet> packet, Ptr<Ipv6>, uint32_t) {
        Ipv6Header ip;
        packet->PeekHeader(ip);
        const uint8_t fragmentHeader = 44; // RFC 8200 §4.5
        if (ip.GetNextHeader() == L2tpv3L4Protocol::PROT_NUMBER ||
            ip.GetNextHeader() == L2tpv3L4Protocol::UDP_PROT_NUMBER ||
            ip.GetNextHeader() == fragmentHeader)
        {
            ++r.wanL2tpPackets;
            if (ip.GetNextHeader() == fragmentHeader)
            {
                ++r.wanFragments;
            }
        }
    };
    for (uint32_t i = 0; i < 2; ++i)
    {
        Ptr<Node> router = m_nodes.Get(i);
        if (p.ipv6Underlay)
        {
            router->GetObject<Ipv6L3Protocol>()->TraceConnectWithoutContext(
                "Tx",
                Callback<void, Ptr<const Packet>, Ptr<Ipv6>, uint32_t>(count6));
        }
        else
        {
            router->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
                "Tx",
                Callback<void, Ptr<const Packet>, Ptr<Ipv4>, uint32_t>(count4));
        }
    }

    // Forged frames carry EtherType 0x88b5; count any that reach Host_Y's LAN.
    m_hosts.Get(1)->TraceConnectWithoutContext(
        "PromiscSniffer",
        Callback<void, Ptr<const Packet>>([&r](Ptr<const Packet> frame) {
            EthernetHeader ethernet(false);
            frame->PeekHeader(ethernet);
            ++r.hostYFrames;
            r.forgeriesOnLan += ethernet.GetLengthType() == 0x88b5;
        }));

    m_impl->accountant.Connect(NodeContainer(m_nodes.Get(0), m_nodes.Get(1)),
                               m_pseudowires,
                               m_wan,
                               p.ipv6Underlay);

    Simulator::Stop(Seconds(p.duration));
    Simulator::Run();
    m_impl->accountant.Finish(r.frames, r.otherDrops);
    for (uint32_t i = 0; i < 2; ++i)
    {
        Ptr<L2tpv3UdpZeroChecksum> zero = m_nodes.Get(i)->GetObject<L2tpv3UdpZeroChecksum>();
        r.udpZeroChecksums += zero ? zero->GetAccepted() : 0;
    }

    if (m_impl->injectors.size() == 3)
    {
        r.attackSessionSent = m_impl->injectors[0]->GetSent();
        r.attackCookieSent = m_impl->injectors[1]->GetSent();
        r.attackReplaySent = m_impl->injectors[2]->GetSent();
    }

    if (!m_impl->rtts.empty())
    {
        Time sum;
        Time lo = m_impl->rtts.front();
        Time hi = m_impl->rtts.front();
        for (const Time& t : m_impl->rtts)
        {
            sum += t;
            lo = std::min(lo, t);
            hi = std::max(hi, t);
        }
        r.rttMinMs = lo.GetSeconds() * 1e3;
        r.rttMaxMs = hi.GetSeconds() * 1e3;
        r.rttAvgMs = sum.GetSeconds() * 1e3 / m_impl->rtts.size();
    }
    if (m_impl->sink)
    {
        r.bulkBytes = m_impl->sink->GetTotalRx();
        r.goodputMbps = r.bulkBytes * 8.0 / (p.duration - 2.0) / 1e6;
    }
    r.pseudowireA = GetPseudowire(0)->GetCounters();
    r.pseudowireB = GetPseudowire(1)->GetCounters();
    r.protocolA = m_nodes.Get(0)->GetObject<L2tpv3L4Protocol>()->GetCounters();
    r.protocolB = m_nodes.Get(1)->GetObject<L2tpv3L4Protocol>()->GetCounters();
    return r;
}

uint64_t
L2tpv3BridgeScenario::FrameAccounting::GetDropped() const
{
    uint64_t total = 0;
    for (uint64_t d : dropped)
    {
        total += d;
    }
    return total;
}

uint64_t
L2tpv3BridgeScenario::FrameAccounting::GetLost() const
{
    uint64_t total = 0;
    for (const auto& cause : lost)
    {
        total += cause.second;
    }
    return total;
}

bool
L2tpv3BridgeScenario::FrameAccounting::Balances() const
{
    return sent == delivered + GetDropped() + GetLost() + inFlight;
}

L2tpv3BridgeScenario::Results
L2tpv3BridgeScenario::RunOnce(const Parameters& parameters)
{
    L2tpv3BridgeScenario scenario(parameters);
    scenario.Build();
    return scenario.Run();
}

void
L2tpv3BridgeScenario::PrintSummary(std::ostream& os, const Parameters& p, const Results& r)
{
    auto loss = [](uint32_t sent, uint32_t received) {
        return sent == 0 ? 0.0 : 100.0 * (sent - received) / sent;
    };
    std::ostringstream cookie;
    uint32_t cookieLength = p.manualCookie ? 4 : p.cookieLength;
    if (cookieLength == 0)
    {
        cookie << "none";
    }
    else
    {
        cookie << cookieLength << " 12345 " << cookieLength << " 54321";
    }
    os << std::fixed << std::setprecision(2);
    os << "l2tp(4) two-site bridge: NetBSD_A " << (p.ipv6Underlay ? "2001:db8::1" : "192.168.0.1")
       << " <-> NetBSD_B " << (p.ipv6Underlay ? "2001:db8::2" : "192.168.0.2") << ", session "
       << p.localSessionId << " " << p.remoteSessionId << ", cookie " << cookie.str() << ", inner "
       << (p.innerIpv6 ? "IPv6" : "IPv4") << ", WAN MTU " << p.wanMtu << "\n";
    os << "  ping Host_X -> Host_Y: " << r.repliesXtoY << "/" << r.pingsXtoY << " answered, "
       << loss(r.pingsXtoY, r.repliesXtoY) << "% loss\n";
    os << "  ping Host_Y -> Host_X: " << r.repliesYtoX << "/" << r.pingsYtoX << " answered, "
       << loss(r.pingsYtoX, r.repliesYtoX) << "% loss\n";
    os << "  rtt min/avg/max: " << r.rttMinMs << "/" << r.rttAvgMs << "/" << r.rttMaxMs << " ms\n";
    if (p.bulk)
    {
        os << "  bulk TCP Host_X -> Host_Y (" << p.frameSize << "-byte frames): " << r.bulkBytes
           << " bytes, goodput " << r.goodputMbps << " Mbit/s\n";
    }
    os << "  NetBSD_A l2tp0: " << r.pseudowireA.txPackets << " frames encapsulated, "
       << r.pseudowireA.rxPackets << " decapsulated";
    if (p.mssClamp != "off")
    {
        os << ", " << r.pseudowireA.mssClamped << " SYN MSS clamped";
    }
    os << "\n";
    os << "  NetBSD_B l2tp0: " << r.pseudowireB.txPackets << " frames encapsulated, "
       << r.pseudowireB.rxPackets << " decapsulated\n";
    L2tpv3Counters all = r.pseudowireA;
    all += r.pseudowireB;
    // Every frame given to l2tp0, in one line: sent = delivered + dropped + lost + in flight.
    const FrameAccounting& f = r.frames;
    os << "  frames: " << f.sent << " sent = " << f.delivered << " delivered + " << f.GetDropped()
       << " dropped by l2tp0";
    std::string separator = " (";
    for (std::size_t i = 0; i < f.dropped.size(); ++i)
    {
        if (f.dropped[i])
        {
            os << separator << static_cast<L2tpv3DropReason>(i) << "=" << f.dropped[i];
            separator = " ";
        }
    }
    os << (separator == " " ? ")" : "") << " + " << f.GetLost() << " lost in the underlay";
    separator = " (";
    for (const auto& cause : f.lost)
    {
        if (cause.second)
        {
            os << separator << cause.first << "=" << cause.second;
            separator = " ";
        }
    }
    os << (separator == " " ? ")" : "") << " + " << f.inFlight << " in flight\n";
    if (r.udpZeroChecksums)
    {
        os << "  UDP datagrams with the zero checksum (RFC 768) accepted: " << r.udpZeroChecksums
           << "\n";
    }
    uint64_t other = 0;
    for (uint64_t d : r.otherDrops)
    {
        other += d;
    }
    if (other)
    {
        os << "  other packets dropped (no frame of the tunnel):";
        for (std::size_t i = 0; i < r.otherDrops.size(); ++i)
        {
            if (r.otherDrops[i])
            {
                os << " " << static_cast<L2tpv3DropReason>(i) << "=" << r.otherDrops[i];
            }
        }
        os << "\n";
    }
    if (p.attacker)
    {
        os << "  blind insertion from Attacker: " << r.attackSessionSent << " random Session IDs, "
           << r.attackCookieSent << " random cookies, " << r.attackReplaySent << " replays; "
           << r.forgeriesOnLan << " forged frames reached Host_Y's LAN\n";
    }
    os << "  outer fragments on the WAN: " << r.wanFragments << " of " << r.wanL2tpPackets
       << " L2TPv3 IP packets (" << all.txFragmented << " frames fragmented)\n";
    os.unsetf(std::ios::fixed);
}

} // namespace ns3
