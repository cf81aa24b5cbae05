/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-route-cache.h"

// Compatibility note: ns-3-dev declares Ipv4GlobalRouting (a typedef of a class template
// there) in global-routing.h; ns-3 3.37 in ipv4-global-routing.h, a class.
// ns-3-dev also has an IPv6 global routing, in InternetStackHelper's IPv6 list.
#if __has_include("ns3/global-routing.h")
#include "ns3/global-routing.h"
#define L2TPV3_HAVE_IPV6_GLOBAL_ROUTING 1
#else
#include "ns3/ipv4-global-routing.h"
#endif
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-list-routing.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-list-routing.h"
#include "ns3/ipv6-route.h"
#include "ns3/ipv6-static-routing.h"
#include "ns3/ipv6.h"
#include "ns3/log.h"
#include "ns3/output-stream-wrapper.h"
#include "ns3/packet.h"

#include <cstring>
#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpv3RouteCache");

NS_OBJECT_ENSURE_REGISTERED(L2tpv3Ipv4RouteWatcher);
NS_OBJECT_ENSURE_REGISTERED(L2tpv3Ipv6RouteWatcher);

namespace
{
/// Below every other protocol of the list: the list asks it last, and it never answers.
constexpr int16_t WATCHER_PRIORITY = std::numeric_limits<int16_t>::min();

/// What the watchers print in the list's routing table.
constexpr const char* WATCHER_TEXT =
    "  (no routes: tells the L2TPv3 route cache of interface and address changes)\n";
} // namespace

// --- L2tpv3Ipv4RouteWatcher ---

TypeId
L2tpv3Ipv4RouteWatcher::GetTypeId()
{
    static TypeId tid = TypeId("ns3::L2tpv3Ipv4RouteWatcher")
                            .SetParent<Ipv4RoutingProtocol>()
                            .SetGroupName("L2tp")
                            .AddConstructor<L2tpv3Ipv4RouteWatcher>();
    return tid;
}

Ptr<Ipv4Route>
L2tpv3Ipv4RouteWatcher::RouteOutput(Ptr<Packet> p,
                                    const Ipv4Header& header,
                                    Ptr<NetDevice> oif,
                                    Socket::SocketErrno& sockerr)
{
    sockerr = Socket::ERROR_NOROUTETOHOST;
    return nullptr;
}

bool
L2tpv3Ipv4RouteWatcher::RouteInput(Ptr<const Packet> p,
                                   const Ipv4Header& header,
                                   Ptr<const NetDevice> idev,
                                   L2tpv3RouteInputParameter<Ipv4RoutingProtocol, 3> ucb,
                                   L2tpv3RouteInputParameter<Ipv4RoutingProtocol, 4> mcb,
                                   L2tpv3RouteInputParameter<Ipv4RoutingProtocol, 5> lcb,
                                   L2tpv3RouteInputParameter<Ipv4RoutingProtocol, 6> ecb)
{
    return false;
}

void
L2tpv3Ipv4RouteWatcher::NotifyInterfaceUp(uint32_t interface)
{
    ++m_generation;
}

void
L2tpv3Ipv4RouteWatcher::NotifyInterfaceDown(uint32_t interface)
{
    ++m_generation;
}

void
L2tpv3Ipv4RouteWatcher::NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    ++m_generation;
}

void
L2tpv3Ipv4RouteWatcher::NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    ++m_generation;
}

void
L2tpv3Ipv4RouteWatcher::SetIpv4(Ptr<Ipv4> ipv4)
{
    // Nothing to keep: the watcher only counts.
}

void
L2tpv3Ipv4RouteWatcher::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit unit) const
{
    *stream->GetStream() << WATCHER_TEXT;
}

// --- L2tpv3Ipv6RouteWatcher ---

TypeId
L2tpv3Ipv6RouteWatcher::GetTypeId()
{
    static TypeId tid = TypeId("ns3::L2tpv3Ipv6RouteWatcher")
                            .SetParent<Ipv6RoutingProtocol>()
                            .SetGroupName("L2tp")
                            .AddConstructor<L2tpv3Ipv6RouteWatcher>();
    return tid;
}

Ptr<Ipv6Route>
L2tpv3Ipv6RouteWatcher::RouteOutput(Ptr<Packet> p,
                                    const Ipv6Header& header,
                                    Ptr<NetDevice> oif,
                                    Socket::SocketErrno& sockerr)
{
    sockerr = Socket::ERROR_NOROUTETOHOST;
    return nullptr;
}

bool
L2tpv3Ipv6RouteWatcher::RouteInput(Ptr<const Packet> p,
                                   const Ipv6Header& header,
                                   Ptr<const NetDevice> idev,
                                   L2tpv3RouteInputParameter<Ipv6RoutingProtocol, 3> ucb,
                                   L2tpv3RouteInputParameter<Ipv6RoutingProtocol, 4> mcb,
                                   L2tpv3RouteInputParameter<Ipv6RoutingProtocol, 5> lcb,
                                   L2tpv3RouteInputParameter<Ipv6RoutingProtocol, 6> ecb)
{
    return false;
}

void
L2tpv3Ipv6RouteWatcher::NotifyInterfaceUp(uint32_t interface)
{
    ++m_generation;
}

void
L2tpv3Ipv6RouteWatcher::NotifyInterfaceDown(uint32_t interface)
{
    ++m_generation;
}

void
L2tpv3Ipv6RouteWatcher::NotifyAddAddress(uint32_t interface, Ipv6InterfaceAddress address)
{
    ++m_generation;
}

void
L2tpv3Ipv6RouteWatcher::NotifyRemoveAddress(uint32_t interface, Ipv6InterfaceAddress address)
{
    ++m_generation;
}

void
L2tpv3Ipv6RouteWatcher::NotifyAddRoute(Ipv6Address dst,
                                       Ipv6Prefix mask,
                                       Ipv6Address nextHop,
                                       uint32_t interface,
                                       Ipv6Address prefixToUse)
{
    ++m_generation;
}

void
L2tpv3Ipv6RouteWatcher::NotifyRemoveRoute(Ipv6Address dst,
                                          Ipv6Prefix mask,
                                          Ipv6Address nextHop,
                                          uint32_t interface,
                                          Ipv6Address prefixToUse)
{
    ++m_generation;
}

void
L2tpv3Ipv6RouteWatcher::SetIpv6(Ptr<Ipv6> ipv6)
{
    // Nothing to keep: the watcher only counts.
}

void
L2tpv3Ipv6RouteWatcher::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit unit) const
{
    *stream->GetStream() << WATCHER_TEXT;
}

// --- L2tpv3RouteCache ---

bool
L2tpv3RouteCache::Ipv6Pair::operator==(const Ipv6Pair& other) const
{
    return std::memcmp(bytes, other.bytes, sizeof(bytes)) == 0;
}

std::size_t
L2tpv3RouteCache::Ipv6PairHash::operator()(const Ipv6Pair& pair) const
{
    // The low halves (interface identifiers) differ most between peers; mix all four words.
    uint64_t words[4];
    std::memcpy(words, pair.bytes, sizeof(words));
    uint64_t h = words[0];
    for (int i = 1; i < 4; ++i)
    {
        h = (h ^ words[i]) * 0x9e3779b97f4a7c15ULL;
        h ^= h >> 29;
    }
    return std::size_t(h);
}

// Out of line: the routing protocols the validity holds are complete types only here.
L2tpv3RouteCache::L2tpv3RouteCache() = default;
L2tpv3RouteCache::~L2tpv3RouteCache() = default;

void
L2tpv3RouteCache::SetEnabled(bool enabled)
{
    if (!enabled)
    {
        Flush();
    }
    m_enabled = enabled;
}

bool
L2tpv3RouteCache::IsEnabled() const
{
    return m_enabled;
}

void
L2tpv3RouteCache::SetLimit(uint32_t limit)
{
    m_limit = limit;
    if (m_routes4.size() > m_limit || m_routes6.size() > m_limit)
    {
        Flush();
    }
}

void
L2tpv3RouteCache::Flush()
{
    NS_LOG_FUNCTION(this);
    Drop4();
    Drop6();
}

void
L2tpv3RouteCache::Drop4()
{
    m_last4 = nullptr;
    if (!m_routes4.empty())
    {
        m_routes4.clear();
        ++m_stats.invalidations;
    }
}

void
L2tpv3RouteCache::Drop6()
{
    if (!m_routes6.empty())
    {
        m_routes6.clear();
        ++m_stats.invalidations;
    }
}

const L2tpv3RouteCacheStats&
L2tpv3RouteCache::GetStats() const
{
    return m_stats;
}

std::size_t
L2tpv3RouteCache::GetSize() const
{
    return m_routes4.size() + m_routes6.size();
}

void
L2tpv3RouteCache::Clear()
{
    m_last4 = nullptr;
    m_routes4.clear();
    m_routes6.clear();
    m_v4 = Validity();
    m_v6 = Validity();
}

uint64_t
L2tpv3RouteCache::CountRoutes(const Validity& v)
{
    uint64_t n = 0;
    for (const auto& p : v.static4)
    {
        n += p->GetNRoutes();
    }
    for (const auto& [p, count] : v.global4)
    {
        n += count(PeekPointer(p));
    }
    for (const auto& p : v.static6)
    {
        n += p->GetNRoutes();
    }
#ifdef L2TPV3_HAVE_IPV6_GLOBAL_ROUTING
    for (const auto& [p, count] : v.global6)
    {
        n += count(PeekPointer(p));
    }
#endif
    return n;
}

void
L2tpv3RouteCache::Examine4(Ipv4RoutingProtocol* routing)
{
    Validity& v = m_v4;
    Ptr<L2tpv3Ipv4RouteWatcher> watcher = v.w4;
    v = Validity();
    v.routing = routing;
    Ptr<Ipv4ListRouting> list =
        routing ? DynamicCast<Ipv4ListRouting>(Ptr<Ipv4RoutingProtocol>(routing)) : nullptr;
    // Only a list hears of interface and address changes through a protocol we can add.
    bool cacheable = list && list->GetInstanceTypeId() == Ipv4ListRouting::GetTypeId();
    for (uint32_t i = 0; cacheable && i < list->GetNRoutingProtocols(); ++i)
    {
        int16_t priority;
        Ptr<Ipv4RoutingProtocol> p = list->GetRoutingProtocol(i, priority);
        // Exact types: a subclass may answer otherwise (and change silently).
        const TypeId type = p->GetInstanceTypeId();
        if (type == L2tpv3Ipv4RouteWatcher::GetTypeId())
        {
            watcher = DynamicCast<L2tpv3Ipv4RouteWatcher>(p);
        }
        else if (type == Ipv4StaticRouting::GetTypeId())
        {
            v.static4.push_back(DynamicCast<Ipv4StaticRouting>(p));
        }
        else if (type == Ipv4GlobalRouting::GetTypeId() &&
                 DynamicCast<Ipv4GlobalRouting>(p)->GetNRoutes() == 0)
        {
            // Empty, it answers nothing; filled (GlobalRouteManager), it is not cached, as
            // RecomputeRoutingTables replaces its routes with no notification: counting its
            // routes sees it filled.
            v.global4.emplace_back(p, [](Ipv4RoutingProtocol* r) {
                return static_cast<Ipv4GlobalRouting*>(r)->GetNRoutes();
            });
        }
        else
        {
            cacheable = false;
        }
    }
    if (!list && routing && routing->GetInstanceTypeId() == Ipv4StaticRouting::GetTypeId())
    {
        // Alone, it hears the notifications itself: its number of routes tells of them.
        v.static4.push_back(DynamicCast<Ipv4StaticRouting>(Ptr<Ipv4RoutingProtocol>(routing)));
        v.plain = true;
        cacheable = true;
    }
    else if (cacheable && !watcher)
    {
        watcher = CreateObject<L2tpv3Ipv4RouteWatcher>();
        list->AddRoutingProtocol(watcher, WATCHER_PRIORITY);
    }
    v.list4 = list;
    v.cacheable = cacheable;
    v.w4 = watcher;
    v.protocols = list ? list->GetNRoutingProtocols() : 0;
    v.generation = watcher ? watcher->GetGeneration() : 0;
    v.routes = CountRoutes(v);
    NS_LOG_LOGIC("IPv4 routing " << (cacheable ? "cached" : "not cached"));
}

void
L2tpv3RouteCache::Examine6(Ipv6RoutingProtocol* routing)
{
    Validity& v = m_v6;
    Ptr<L2tpv3Ipv6RouteWatcher> watcher = v.w6;
    v = Validity();
    v.routing = routing;
    Ptr<Ipv6ListRouting> list =
        routing ? DynamicCast<Ipv6ListRouting>(Ptr<Ipv6RoutingProtocol>(routing)) : nullptr;
    bool cacheable = list && list->GetInstanceTypeId() == Ipv6ListRouting::GetTypeId();
    for (uint32_t i = 0; cacheable && i < list->GetNRoutingProtocols(); ++i)
    {
        int16_t priority;
        Ptr<Ipv6RoutingProtocol> p = list->GetRoutingProtocol(i, priority);
        const TypeId type = p->GetInstanceTypeId();
        if (type == L2tpv3Ipv6RouteWatcher::GetTypeId())
        {
            watcher = DynamicCast<L2tpv3Ipv6RouteWatcher>(p);
        }
        else if (type == Ipv6StaticRouting::GetTypeId())
        {
            v.static6.push_back(DynamicCast<Ipv6StaticRouting>(p));
        }
#ifdef L2TPV3_HAVE_IPV6_GLOBAL_ROUTING
        else if (type == Ipv6GlobalRouting::GetTypeId() &&
                 DynamicCast<Ipv6GlobalRouting>(p)->GetNRoutes() == 0)
        {
            // As the IPv4 global routing: empty, it answers nothing; filled, not cached.
            v.global6.emplace_back(p, [](Ipv6RoutingProtocol* r) {
                return static_cast<Ipv6GlobalRouting*>(r)->GetNRoutes();
            });
        }
#endif
        else
        {
            cacheable = false;
        }
    }
    if (!list && routing && routing->GetInstanceTypeId() == Ipv6StaticRouting::GetTypeId())
    {
        // InternetStackHelper's IPv6 default: see Examine4.
        v.static6.push_back(DynamicCast<Ipv6StaticRouting>(Ptr<Ipv6RoutingProtocol>(routing)));
        v.plain = true;
        cacheable = true;
    }
    else if (cacheable && !watcher)
    {
        watcher = CreateObject<L2tpv3Ipv6RouteWatcher>();
        list->AddRoutingProtocol(watcher, WATCHER_PRIORITY);
    }
    v.list6 = list;
    v.cacheable = cacheable;
    v.w6 = watcher;
    v.protocols = list ? list->GetNRoutingProtocols() : 0;
    v.generation = watcher ? watcher->GetGeneration() : 0;
    v.routes = CountRoutes(v);
    NS_LOG_LOGIC("IPv6 routing " << (cacheable ? "cached" : "not cached"));
}

bool
L2tpv3RouteCache::Check4(Ipv4RoutingProtocol* routing)
{
    Validity& v = m_v4;
    // Another routing protocol or list member; an interface or address change; a route
    // added or removed (or a global routing filled, which then is not cached): look again.
    if (routing != v.routing || (v.list4 && v.list4->GetNRoutingProtocols() != v.protocols) ||
        (v.w4 && v.w4->GetGeneration() != v.generation) || CountRoutes(v) != v.routes)
    {
        Drop4();
        Examine4(routing);
    }
    return v.cacheable;
}

bool
L2tpv3RouteCache::Check6(Ipv6RoutingProtocol* routing)
{
    Validity& v = m_v6;
    if (routing != v.routing || (v.list6 && v.list6->GetNRoutingProtocols() != v.protocols) ||
        (v.w6 && v.w6->GetGeneration() != v.generation) || CountRoutes(v) != v.routes)
    {
        Drop6();
        Examine6(routing);
    }
    return v.cacheable;
}

const Ptr<Ipv4Route>&
L2tpv3RouteCache::Route(const Ptr<Ipv4>& ipv4, const Ptr<Packet>& packet, const Ipv4Header& header)
{
    // The node holds it (SendIp no longer asks for it first: one virtual call per packet).
    Ipv4RoutingProtocol* routing = PeekPointer(ipv4->GetRoutingProtocol());
    if (!routing)
    {
        m_answer4 = nullptr;
        return m_answer4;
    }
    Socket::SocketErrno err;
    if (!m_enabled || !Check4(routing))
    {
        ++m_stats.uncached;
        m_answer4 = routing->RouteOutput(packet, header, nullptr, err);
        return m_answer4;
    }
    const uint64_t key = (uint64_t(header.GetSource().Get()) << 32) | header.GetDestination().Get();
    // The pair of the last hit first: a node with one peer does not hash.
    if (m_last4 && key == m_lastKey4 && (!m_v4.plain || ipv4->IsUp(m_last4->interface)))
    {
        ++m_stats.hits;
        return m_last4->route;
    }
    auto found = m_routes4.find(key);
    if (found != m_routes4.end())
    {
        // A static routing alone: its interface down is noticed here even when routes
        // added elsewhere kept the number of routes.
        if (!m_v4.plain || ipv4->IsUp(found->second.interface))
        {
            ++m_stats.hits;
            m_lastKey4 = key;
            m_last4 = &found->second;
            return found->second.route;
        }
        m_last4 = nullptr;
        m_routes4.erase(found);
        ++m_stats.invalidations;
    }
    ++m_stats.misses;
    m_answer4 = routing->RouteOutput(packet, header, nullptr, err);
    const Ptr<Ipv4Route>& route = m_answer4;
    if (route)
    {
        if (m_routes4.size() >= m_limit)
        {
            Drop4();
        }
        const int32_t interface = ipv4->GetInterfaceForDevice(route->GetOutputDevice());
        if (interface >= 0)
        {
            m_routes4.emplace(key, Entry<Ipv4Route>{route, uint32_t(interface)});
        }
    }
    return m_answer4;
}

const Ptr<Ipv6Route>&
L2tpv3RouteCache::Route(const Ptr<Ipv6>& ipv6, const Ptr<Packet>& packet, const Ipv6Header& header)
{
    // The node holds it, as above.
    Ipv6RoutingProtocol* routing = PeekPointer(ipv6->GetRoutingProtocol());
    if (!routing)
    {
        m_answer6 = nullptr;
        return m_answer6;
    }
    Socket::SocketErrno err;
    if (!m_enabled || !Check6(routing))
    {
        ++m_stats.uncached;
        m_answer6 = routing->RouteOutput(packet, header, nullptr, err);
        return m_answer6;
    }
    Ipv6Pair key;
    header.GetSource().GetBytes(key.bytes);
    header.GetDestination().GetBytes(key.bytes + 16);
    auto found = m_routes6.find(key);
    if (found != m_routes6.end())
    {
        // A static routing alone: its interface down is noticed here even when routes
        // added elsewhere kept the number of routes.
        if (!m_v6.plain || ipv6->IsUp(found->second.interface))
        {
            ++m_stats.hits;
            return found->second.route;
        }
        m_routes6.erase(found);
        ++m_stats.invalidations;
    }
    ++m_stats.misses;
    m_answer6 = routing->RouteOutput(packet, header, nullptr, err);
    const Ptr<Ipv6Route>& route = m_answer6;
    if (route)
    {
        if (m_routes6.size() >= m_limit)
        {
            Drop6();
        }
        const int32_t interface = ipv6->GetInterfaceForDevice(route->GetOutputDevice());
        if (interface >= 0)
        {
            m_routes6.emplace(key, Entry<Ipv6Route>{route, uint32_t(interface)});
        }
    }
    return m_answer6;
}

} // namespace ns3
