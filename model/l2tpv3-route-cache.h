/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_ROUTE_CACHE_H
#define L2TPV3_ROUTE_CACHE_H

#include "ns3/ipv4-address.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv6-address.h"
#include "ns3/ipv6-routing-protocol.h"
#include "ns3/ptr.h"

#include <cstddef>
#include <cstdint>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ns3
{

// Compatibility note. ns-3 3.37's RouteInput takes its four callbacks by value; later
// versions (ns-3-dev) take them by const reference. The watchers below declare each
// parameter with the type the base class declares, read from RouteInput's own signature.

/// \cond internal
namespace l2tpv3_route_shim
{
/// The parameter types of a member function, as a tuple.
template <typename R, typename C, typename... A>
std::tuple<A...> Parameters(R (C::*)(A...));
} // namespace l2tpv3_route_shim

/// \endcond

/**
 * \ingroup l2tp
 * \brief The type of parameter I of P::RouteInput in this ns-3 (a callback or a reference
 * to one).
 */
template <typename P, std::size_t I>
using L2tpv3RouteInputParameter =
    std::tuple_element_t<I, decltype(l2tpv3_route_shim::Parameters(&P::RouteInput))>;

class Ipv4;
class Ipv6;
class Ipv4ListRouting;
class Ipv4StaticRouting;
class Ipv6ListRouting;
class Ipv6StaticRouting;
class Ipv4Header;
class Ipv6Header;
class Ipv4Route;
class Ipv6Route;
class Packet;

/**
 * \ingroup l2tp
 * \brief A routing protocol that routes nothing and counts the node's interface and
 * address changes, for L2tpv3RouteCache.
 *
 * ns-3 tells a node's routing protocol, and nothing else, when an interface goes
 * up or down or its addresses change. The route cache adds one of these to the
 * node's Ipv4ListRouting at the lowest priority: RouteOutput returns no route and
 * RouteInput takes no packet, so the list answers exactly as without it; each
 * notification increments a generation that the cache compares before using a
 * stored route. It shows in the list's PrintRoutingTable as one line saying so.
 */
class L2tpv3Ipv4RouteWatcher : public Ipv4RoutingProtocol
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /** \return how many notifications it has had (interface up/down, address added/removed) */
    uint64_t GetGeneration() const
    {
        return m_generation;
    }

    Ptr<Ipv4Route> RouteOutput(Ptr<Packet> p,
                               const Ipv4Header& header,
                               Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override;
    bool RouteInput(Ptr<const Packet> p,
                    const Ipv4Header& header,
                    Ptr<const NetDevice> idev,
                    L2tpv3RouteInputParameter<Ipv4RoutingProtocol, 3> ucb,
                    L2tpv3RouteInputParameter<Ipv4RoutingProtocol, 4> mcb,
                    L2tpv3RouteInputParameter<Ipv4RoutingProtocol, 5> lcb,
                    L2tpv3RouteInputParameter<Ipv4RoutingProtocol, 6> ecb) override;
    void NotifyInterfaceUp(uint32_t interface) override;
    void NotifyInterfaceDown(uint32_t interface) override;
    void NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void SetIpv4(Ptr<Ipv4> ipv4) override;
    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream,
                           Time::Unit unit = Time::S) const override;

  private:
    uint64_t m_generation{0}; //!< notifications so far
};

/**
 * \ingroup l2tp
 * \brief L2tpv3Ipv4RouteWatcher's IPv6 twin, in the node's Ipv6ListRouting; it also counts
 * the routes IPv6 itself adds and removes (NotifyAddRoute, NotifyRemoveRoute: router
 * advertisements, redirects).
 */
class L2tpv3Ipv6RouteWatcher : public Ipv6RoutingProtocol
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /** \return how many notifications it has had */
    uint64_t GetGeneration() const
    {
        return m_generation;
    }

    Ptr<Ipv6Route> RouteOutput(Ptr<Packet> p,
                               const Ipv6Header& header,
                               Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override;
    bool RouteInput(Ptr<const Packet> p,
                    const Ipv6Header& header,
                    Ptr<const NetDevice> idev,
                    L2tpv3RouteInputParameter<Ipv6RoutingProtocol, 3> ucb,
                    L2tpv3RouteInputParameter<Ipv6RoutingProtocol, 4> mcb,
                    L2tpv3RouteInputParameter<Ipv6RoutingProtocol, 5> lcb,
                    L2tpv3RouteInputParameter<Ipv6RoutingProtocol, 6> ecb) override;
    void NotifyInterfaceUp(uint32_t interface) override;
    void NotifyInterfaceDown(uint32_t interface) override;
    void NotifyAddAddress(uint32_t interface, Ipv6InterfaceAddress address) override;
    void NotifyRemoveAddress(uint32_t interface, Ipv6InterfaceAddress address) override;
    void NotifyAddRoute(Ipv6Address dst,
                        Ipv6Prefix mask,
                        Ipv6Address nextHop,
                        uint32_t interface,
                        Ipv6Address prefixToUse) override;
    void NotifyRemoveRoute(Ipv6Address dst,
                           Ipv6Prefix mask,
                           Ipv6Address nextHop,
                           uint32_t interface,
                           Ipv6Address prefixToUse) override;
    void SetIpv6(Ptr<Ipv6> ipv6) override;
    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream,
                           Time::Unit unit = Time::S) const override;

  private:
    uint64_t m_generation{0}; //!< notifications so far
};

/**
 * \ingroup l2tp
 * \brief What a node's route cache did (L2tpv3L4Protocol::GetRouteCacheStats).
 */
struct L2tpv3RouteCacheStats
{
    uint64_t hits{0};          //!< packets sent on a stored route
    uint64_t misses{0};        //!< routing lookups whose route was then stored
    uint64_t uncached{0};      //!< routing lookups made because the routing is not cacheable
    uint64_t invalidations{0}; //!< times stored routes were dropped (a change seen, a flush,
                               //!< the limit), counted when there was one to drop
};

/**
 * \ingroup l2tp
 * \brief The routes of a node's tunnels, one per (local address, peer address), so that
 * a packet costs one hash lookup instead of a routing lookup.
 *
 * ns-3's Ipv4StaticRouting scans every route of every interface for each packet
 * (a hub with 1,000 spokes: 1,000 interfaces). The cache stores only what a
 * routing protocol answers when that answer can change only through what the
 * cache sees:
 *
 * - the node's routing is an Ipv4ListRouting (Ipv6ListRouting) whose protocols
 *   are exactly Ipv4StaticRouting (Ipv6StaticRouting), or an Ipv4GlobalRouting
 *   that holds no route (InternetStackHelper's IPv4 default, unless
 *   Ipv4GlobalRoutingHelper filled it), or a static routing alone (its IPv6
 *   default). Anything else (AODV, OLSR, DSDV, a global routing filled by
 *   GlobalRouteManager, whose RecomputeRoutingTables replaces routes silently
 *   and whose ECMP draws a route per packet, a subclass) is asked for every
 *   packet, as without the cache;
 * - in a list, the stored routes are dropped when an interface goes up or down
 *   or an address is added or removed (a L2tpv3Ipv4RouteWatcher added to the
 *   list sees it); with a static routing alone, which nobody else hears from,
 *   when the number of its routes changes (ns-3's static routing adds or removes
 *   routes on each of those events) and when a stored route's interface is down;
 * - in both, when the number of routes changes (a route added or removed), when
 *   the list's protocols or the node's routing protocol change, and when
 *   L2tpv3L4Protocol::FlushRouteCache is called;
 * - what ns-3 does not notify, a static route replaced by another (one removed
 *   and one added between two packets), and with a static routing alone
 *   interface and address changes that leave the number of routes unchanged,
 *   need that call.
 *
 * Only routes found are stored; a destination without a route is looked up again
 * for each packet. The routing protocol sees the first packet of each pair, as
 * before; the route it returned (its output device, gateway and source) is
 * handed to the IP layer for the following ones.
 */
class L2tpv3RouteCache
{
  public:
    L2tpv3RouteCache();
    ~L2tpv3RouteCache();
    L2tpv3RouteCache(const L2tpv3RouteCache&) = delete;
    L2tpv3RouteCache& operator=(const L2tpv3RouteCache&) = delete;

    /** \param enabled store routes (else every packet is routed) */
    void SetEnabled(bool enabled);
    /** \return whether routes are stored */
    bool IsEnabled() const;
    /** \param limit the most routes stored per family; a full table is emptied */
    void SetLimit(uint32_t limit);

    /**
     * \brief The route of an IPv4 packet: the stored one, or the routing protocol's.
     * \param ipv4 the node's IPv4
     * \param packet the packet (handed to RouteOutput on a miss)
     * \param header its header (source, destination, protocol)
     * \return the route, or nullptr when there is none: a reference to the stored one, or
     * to the cache's last answer otherwise, valid until the next call (no reference count
     * moves per packet on a hit)
     */
    const Ptr<Ipv4Route>& Route(const Ptr<Ipv4>& ipv4,
                                const Ptr<Packet>& packet,
                                const Ipv4Header& header);

    /**
     * \brief The route of an IPv6 packet, likewise.
     * \param ipv6 the node's IPv6
     * \param packet the packet
     * \param header its header
     * \return the route, or nullptr
     */
    const Ptr<Ipv6Route>& Route(const Ptr<Ipv6>& ipv6,
                                const Ptr<Packet>& packet,
                                const Ipv6Header& header);

    /// Drop every stored route (they are looked up again on the next packet).
    void Flush();

    /** \return the counts so far */
    const L2tpv3RouteCacheStats& GetStats() const;

    /** \return the routes stored now, both families */
    std::size_t GetSize() const;

    /// Forget everything (disposal).
    void Clear();

  private:
    /// The key of an IPv6 pair: both addresses' bytes.
    struct Ipv6Pair
    {
        uint8_t bytes[32]; //!< source, then destination

        /**
         * \param other another pair
         * \return true when both are the same addresses
         */
        bool operator==(const Ipv6Pair& other) const;
    };

    /// Hash of an Ipv6Pair.
    struct Ipv6PairHash
    {
        /**
         * \param pair a pair
         * \return its hash
         */
        std::size_t operator()(const Ipv6Pair& pair) const;
    };

    /// What the stored routes of one family were found under.
    struct Validity
    {
        const void* routing{nullptr}; //!< the node's routing protocol then (never dereferenced)
        uint32_t protocols{0};        //!< the list's protocols then
        uint64_t generation{0};       //!< the watcher's generation then
        uint64_t routes{0};           //!< the counted protocols' routes then
        bool cacheable{false};        //!< whether routes may be stored
        bool plain{false};            //!< a static routing alone, without a list (no watcher)
        Ptr<Ipv4ListRouting> list4;   //!< the IPv4 list, when the routing is one
        Ptr<Ipv6ListRouting> list6;   //!< the IPv6 list, likewise
        std::vector<Ptr<Ipv4StaticRouting>> static4; //!< the IPv4 list's static protocols
        /// The IPv4 list's global routings (empty when cacheable), each with a function that
        /// counts its routes: a static_cast chosen when it was examined, no dynamic_cast per
        /// packet (ns-3-dev's Ipv4GlobalRouting is a typedef, not declared here).
        std::vector<std::pair<Ptr<Ipv4RoutingProtocol>, uint32_t (*)(Ipv4RoutingProtocol*)>>
            global4;
        std::vector<Ptr<Ipv6StaticRouting>> static6; //!< the IPv6 list's static protocols
        /// The IPv6 list's global routings (ns-3-dev; empty when cacheable), likewise.
        std::vector<std::pair<Ptr<Ipv6RoutingProtocol>, uint32_t (*)(Ipv6RoutingProtocol*)>>
            global6;
        Ptr<L2tpv3Ipv4RouteWatcher> w4; //!< IPv4's watcher
        Ptr<L2tpv3Ipv6RouteWatcher> w6; //!< IPv6's watcher
    };

    /**
     * \param routing the node's IPv4 routing protocol
     * \return whether IPv4 routes may be stored now (the table emptied if anything changed)
     */
    bool Check4(Ipv4RoutingProtocol* routing);
    /**
     * \param routing the node's IPv6 routing protocol
     * \return whether IPv6 routes may be stored now
     */
    bool Check6(Ipv6RoutingProtocol* routing);
    /// Drop the stored IPv4 routes (counted when there were some).
    void Drop4();
    /// Drop the stored IPv6 routes (counted when there were some).
    void Drop6();
    /**
     * \param v a family's validity
     * \return the routes of its counted protocols now
     */
    static uint64_t CountRoutes(const Validity& v);
    /**
     * \brief Find whether the IPv4 routing may be cached, and add the watcher if so.
     * \param routing the node's routing protocol
     */
    void Examine4(Ipv4RoutingProtocol* routing);
    /**
     * \brief Likewise for IPv6.
     * \param routing the node's routing protocol
     */
    void Examine6(Ipv6RoutingProtocol* routing);

    bool m_enabled{true};    //!< store routes
    uint32_t m_limit{65536}; //!< most routes per family
    Validity m_v4;           //!< IPv4's validity
    Validity m_v6;           //!< IPv6's validity

    /// A stored route and the interface it leaves by.
    template <typename Route>
    struct Entry
    {
        Ptr<Route> route;   //!< what the routing protocol returned
        uint32_t interface; //!< the index of its output device's interface
    };

    std::unordered_map<uint64_t, Entry<Ipv4Route>> m_routes4; //!< by (source, destination)
    uint64_t m_lastKey4{0};                                   //!< the IPv4 pair of the last hit
    const Entry<Ipv4Route>* m_last4{nullptr}; //!< its entry (node-based map: stable until erased)
    std::unordered_map<Ipv6Pair, Entry<Ipv6Route>, Ipv6PairHash> m_routes6; //!< likewise
    Ptr<Ipv4Route> m_answer4;      //!< the last IPv4 answer that is not a stored route
    Ptr<Ipv6Route> m_answer6;      //!< the last IPv6 answer that is not a stored route
    L2tpv3RouteCacheStats m_stats; //!< counts
};

} // namespace ns3

#endif /* L2TPV3_ROUTE_CACHE_H */
