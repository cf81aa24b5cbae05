/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_L4_PROTOCOL_H
#define L2TPV3_L4_PROTOCOL_H

#include "l2tpv3-counters.h"
#include "l2tpv3-route-cache.h"

#include "ns3/address.h"
#include "ns3/ip-l4-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6.h"
#include "ns3/traced-callback.h"

#include <vector>

namespace ns3
{

class Node;
class Packet;
class Socket;
class L2tpv3NetDevice;

/**
 * \ingroup l2tp
 * \brief Where a node looks a session up: its local Session ID, and for UDP
 * encapsulation the socket (local port and family) it arrives on.
 */
struct L2tpv3SessionKey
{
    uint32_t sessionId{0}; //!< local Session ID
    bool udp{false};       //!< UDP encapsulation (else IP, protocol 115)
    uint16_t udpPort{0};   //!< local UDP port (UDP only)
    bool ipv6{false};      //!< family of the UDP socket (UDP only)

    /**
     * \param other another key
     * \return true when both name the same session slot
     */
    bool operator==(const L2tpv3SessionKey& other) const;
};

/**
 * \brief Print a key as "session 1234 over ip" or "session 1234 over udp/1701 (IPv4)".
 * \param os the stream
 * \param key the key
 * \return the stream
 */
std::ostream& operator<<(std::ostream& os, const L2tpv3SessionKey& key);

/**
 * \ingroup l2tp
 * \brief Where a control message came from and how: what an LCCE needs to answer it.
 */
struct L2tpv3ControlSource
{
    Address peer;          //!< the peer's address (Ipv4Address or Ipv6Address)
    Address local;         //!< the address it was sent to (this node's)
    bool udp{false};       //!< over UDP (else IP, Session ID 0)
    uint16_t peerPort{0};  //!< the peer's UDP port (UDP only)
    uint16_t localPort{0}; //!< our UDP port it arrived on (UDP only)
};

/**
 * \ingroup l2tp
 * \brief The node's L2TPv3 transport: IP protocol 115 (RFC 3931 §4.1.1) and UDP (§4.1.2).
 *
 * One instance is aggregated to each node that has L2TPv3 sessions
 * (GetOrCreate does it). It is inserted into the node's Ipv4L3Protocol and
 * Ipv6L3Protocol for protocol 115 and opens one UDP socket per local port
 * and family that UDP sessions use. It owns the node's session tables, hash
 * maps keyed by local Session ID over IP and by (socket, Session ID) over UDP
 * (O(1) per packet whatever the number of sessions), hands received data
 * messages to the session's L2tpv3NetDevice and sends the devices'
 * encapsulated frames through the node's routing.
 *
 * Packets it cannot give to a session are dropped here and counted: too
 * short to hold a Session ID, a wrong version (UDP; all but the L2TPv2 SCCRQ
 * of RFC 3931 §4.7.3, which goes to the LCCE), an unknown Session ID.
 * Control messages (Session ID 0 over IP, T = 1 over UDP) are counted in
 * rxControl, not as drops, while no control plane is installed.
 */
class L2tpv3L4Protocol : public IpL4Protocol
{
  public:
    /** \brief IP protocol number of L2TPv3 (RFC 3931 §4.1.1.2). */
    static constexpr uint8_t PROT_NUMBER = 115;
    /** \brief IP protocol number of UDP (RFC 768), named here because ns-3 renames its own. */
    static constexpr uint8_t UDP_PROT_NUMBER = 17;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    L2tpv3L4Protocol();
    ~L2tpv3L4Protocol() override;

    /**
     * \brief Get the node's instance, creating and aggregating it if needed.
     * \param node the node
     * \return the node's L2tpv3L4Protocol
     */
    static Ptr<L2tpv3L4Protocol> GetOrCreate(Ptr<Node> node);

    /** \param node the node this protocol runs on */
    void SetNode(Ptr<Node> node);

    /**
     * \brief Check that a session could be registered under \p key.
     *
     * For UDP this opens the key's socket, so that a port in use is found here.
     * \param key the key
     * \throws std::invalid_argument if the Session ID is 0, the key is taken on this node,
     *         or its UDP port is bound by another socket
     */
    void CheckSessionFree(const L2tpv3SessionKey& key);

    /**
     * \brief Register a session.
     * \param key where received packets find it
     * \param device the session's pseudowire device
     * \throws std::invalid_argument as CheckSessionFree, or when UDP is not installed
     */
    void AddSession(const L2tpv3SessionKey& key, Ptr<L2tpv3NetDevice> device);

    /**
     * \brief Remove a session.
     * \param key the key it was registered with
     */
    void RemoveSession(const L2tpv3SessionKey& key);

    /**
     * \return how many times a session was added to or removed from the table (each
     *         reconfiguration of a device that moves its key counts; for tests and profiling)
     */
    uint64_t GetNSessionTableUpdates() const;

    /**
     * \brief Find a session.
     * \param key the key
     * \return the device, or nullptr
     */
    Ptr<L2tpv3NetDevice> LookupSession(const L2tpv3SessionKey& key) const;

    /**
     * \brief Find an IP-encapsulated session.
     * \param sessionId the local Session ID
     * \return the device, or nullptr
     */
    Ptr<L2tpv3NetDevice> LookupSession(uint32_t sessionId) const;

    /** \return the number of sessions registered on this node */
    std::size_t GetNSessions() const;

    /**
     * \brief Send an encapsulated frame (L2TPv3 header first) over IP, protocol 115.
     *
     * The packet crosses the node's routing, neighbour resolution and the
     * outer IP layer's fragmentation like any locally generated packet.
     * \param packet the L2TPv3 packet
     * \param source the tunnel's local address (Ipv4Address or Ipv6Address)
     * \param destination the tunnel's remote address, same family
     * \param [out] fragments the number of outer fragments the IP layer will make (1 if none)
     * \return false if there is no route (the caller counts the drop)
     */
    bool Send(Ptr<Packet> packet,
              const Address& source,
              const Address& destination,
              uint32_t& fragments);

    /**
     * \brief Send an encapsulated frame (T/Ver word first) over UDP (RFC 3931 §4.1.2).
     * \param packet the L2TPv3 packet
     * \param source the tunnel's local address
     * \param destination the tunnel's remote address, same family
     * \param sourcePort the local UDP port
     * \param destinationPort the peer's UDP port
     * \param checksum compute the UDP checksum (else send 0: over IPv6 only where both ends
     *        allow it, RFC 6935); control messages (T = 1) always carry one (RFC 3931
     *        §4.1.2.3: MUST), whatever this says
     * \param [out] fragments the number of outer fragments the IP layer will make (1 if none)
     * \return false if there is no route
     */
    bool SendUdp(Ptr<Packet> packet,
                 const Address& source,
                 const Address& destination,
                 uint16_t sourcePort,
                 uint16_t destinationPort,
                 bool checksum,
                 uint32_t& fragments);

    /**
     * \brief The MTU of the interface that reaches \p destination.
     * \param source the tunnel's local address
     * \param destination the tunnel's remote address
     * \return the MTU, or 0 when there is no route
     */
    uint32_t GetUnderlayMtu(const Address& source, const Address& destination) const;

    /**
     * \brief Where control messages go (RFC 3931 §4.1.1.2, §4.1.2.1): the node's LCCE.
     *
     * The packet starts with the control header: over IP the 32 zero bits of
     * Session ID 0 are removed first. Without a callback, control messages are
     * counted (rxControl) and dropped.
     * \param cb the LCCE's receive function, or a null callback to remove it
     */
    void SetControlCallback(Callback<void, Ptr<Packet>, const L2tpv3ControlSource&> cb);

    /**
     * \brief Open (if needed) the UDP socket of a port, so that control messages arrive on it.
     * \param port the local UDP port
     * \param ipv6 IPv6 (else IPv4)
     * \throws std::invalid_argument when UDP is not installed or the port is taken by another
     * socket
     */
    void OpenUdpPort(uint16_t port, bool ipv6);

    /**
     * \brief Send a control message over IP: Session ID 0, then the control header (§4.1.1.2).
     * \param packet the message, control header first
     * \param source our address
     * \param destination the peer's address, same family
     * \return false if there is no route
     */
    bool SendControl(Ptr<Packet> packet, const Address& source, const Address& destination);

    /**
     * \brief Drop the routes this node keeps for its tunnels (RouteCache), so that the next
     * packet to each peer, control or data, is routed again.
     *
     * ns-3 tells nobody when a static route is added, removed or replaced
     * (Ipv4StaticRouting::AddHostRouteTo, RemoveRoute, SetDefaultRoute, the IPv6 ones) or
     * when Ipv4GlobalRoutingHelper recomputes its tables. The cache notices interface and
     * address changes and a change in the number of routes by itself; a route replaced by
     * another needs this call (or FlushAllRouteCaches) to be followed.
     */
    void FlushRouteCache();

    /**
     * \brief FlushRouteCache on every node that has an L2tpv3L4Protocol.
     */
    static void FlushAllRouteCaches();

    /** \return what the route cache did so far (hits, misses, uncached lookups, drops) */
    const L2tpv3RouteCacheStats& GetRouteCacheStats() const;

    /** \return the routes the cache holds now (IPv4 and IPv6 pairs) */
    std::size_t GetRouteCacheSize() const;

    /** \return the node-level counters (drops before a session is found) */
    const L2tpv3Counters& GetCounters() const;

    /**
     * TracedCallback signature for drops.
     * \param packet the packet dropped
     * \param reason why
     */
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, L2tpv3DropReason reason);

    // Inherited from IpL4Protocol
    int GetProtocolNumber() const override;
    RxStatus Receive(Ptr<Packet> p,
                     const Ipv4Header& header,
                     Ptr<Ipv4Interface> incomingInterface) override;
    RxStatus Receive(Ptr<Packet> p,
                     const Ipv6Header& header,
                     Ptr<Ipv6Interface> incomingInterface) override;
    void SetDownTarget(IpL4Protocol::DownTargetCallback cb) override;
    void SetDownTarget6(IpL4Protocol::DownTargetCallback6 cb) override;
    IpL4Protocol::DownTargetCallback GetDownTarget() const override;
    IpL4Protocol::DownTargetCallback6 GetDownTarget6() const override;

  protected:
    void DoDispose() override;
    void NotifyNewAggregate() override;

  private:
    /**
     * \brief Common receive path of both address families over IP.
     * \param p the L2TPv3 packet (IP header removed)
     * \param source the outer source address
     */
    void ReceiveCommon(Ptr<Packet> p, const Address& source, const Address& destination);

    /**
     * \brief Whether a UDP payload with a Ver other than 3 is the L2TPv2 SCCRQ of RFC 3931
     * §4.7.3 (L2tpv3ControlMessage::IsL2tpv2Probe), the one such message the LCCE gets.
     * \param p the UDP payload (or the IP payload, the control header at \p offset)
     * \param offset where the control header starts
     * \return true for the probe
     */
    static bool IsL2tpv2Probe(Ptr<const Packet> p, uint32_t offset = 0);

    /**
     * \brief Receive from one of the UDP sockets.
     * \param index the socket's index in m_udpSockets (bound when it was opened)
     * \param socket the socket
     */
    void ReceiveUdp(uint32_t index, Ptr<Socket> socket);

    /**
     * \brief Send an IP packet of \p protocol through the node's routing.
     * \param packet the payload
     * \param source local address
     * \param destination remote address
     * \param protocol IP protocol number
     * \param [out] fragments outer fragments the IP layer will make
     * \return false if there is no route
     */
    bool SendIp(Ptr<Packet> packet,
                const Address& source,
                const Address& destination,
                uint8_t protocol,
                uint32_t& fragments);

    /**
     * \brief The index of the UDP socket for a port and family, opening it if needed.
     * \param port local UDP port
     * \param ipv6 IPv6 socket (else IPv4)
     * \return the index in m_udpSockets
     */
    uint32_t GetUdpSocket(uint16_t port, bool ipv6);

    /**
     * \param key a key
     * \return the UDP table key, or ~0 when the key's socket is not open
     */
    uint64_t UdpTableKey(const L2tpv3SessionKey& key) const;

    /**
     * \brief Sessions by key: an open-addressing hash table with linear probing.
     *
     * One probe usually lands on the slot holding both the key and the device, so
     * that a lookup among 10,000 sessions costs one cache line of the table, where a
     * node-based map costs its bucket, the node before and the node itself.
     */
    class SessionTable
    {
      public:
        /**
         * \param key a key
         * \return the device stored under it, or nullptr
         */
        L2tpv3NetDevice* Find(uint64_t key) const;
        /**
         * \brief Store or replace the device under a key.
         * \param key the key
         * \param device the device (not null)
         */
        void Insert(uint64_t key, Ptr<L2tpv3NetDevice> device);
        /** \param key the key to remove (absent: nothing happens) */
        void Erase(uint64_t key);
        /** \return how many keys are stored */
        std::size_t Size() const;
        /// Remove every key.
        void Clear();

      private:
        /// A slot: empty when device is null.
        struct Slot
        {
            uint64_t key{0};               //!< the key
            Ptr<L2tpv3NetDevice> device{}; //!< the device
        };

        /**
         * \param key a key
         * \return its home slot (Fibonacci hashing: sequential and random IDs spread alike)
         */
        std::size_t Home(uint64_t key) const;
        /** \param slots the new number of slots, a power of two */
        void Rehash(std::size_t slots);

        std::vector<Slot> m_slots; //!< the slots, a power of two of them (or none)
        std::size_t m_size{0};     //!< keys stored
        unsigned m_shift{64};      //!< 64 - log2(number of slots)
    };

    /// A UDP socket sessions receive on.
    struct UdpEndpoint
    {
        Ptr<Socket> socket; //!< the socket
        uint16_t port;      //!< its local port
        bool ipv6;          //!< its family
    };

    /**
     * \brief Count and trace a drop.
     * \param p the packet
     * \param reason why
     */
    void Drop(Ptr<const Packet> p, L2tpv3DropReason reason);

    /**
     * \param enabled the RouteCache attribute
     */
    void SetRouteCacheEnabled(bool enabled);
    /** \return the RouteCache attribute */
    bool GetRouteCacheEnabled() const;
    /** \param limit the RouteCacheLimit attribute */
    void SetRouteCacheLimit(uint32_t limit);
    /** \return the RouteCacheLimit attribute */
    uint32_t GetRouteCacheLimit() const;

    Ptr<Node> m_node;           //!< the node
    Ptr<Ipv4> m_ipv4;           //!< the node's IPv4, found once when aggregated (not per packet)
    Ptr<Ipv6> m_ipv6;           //!< the node's IPv6, found once when aggregated (not per packet)
    SessionTable m_sessions;    //!< IP, by Session ID
    SessionTable m_udpSessions; //!< UDP, by (socket, ID)
    uint64_t m_sessionTableUpdates{0};     //!< AddSession and RemoveSession calls that changed it
    std::vector<UdpEndpoint> m_udpSockets; //!< UDP sockets
    IpL4Protocol::DownTargetCallback m_downTarget;   //!< IPv4 send
    IpL4Protocol::DownTargetCallback6 m_downTarget6; //!< IPv6 send
    /// m_downTarget is the node's Ipv4::Send, set by NotifyNewAggregate: called directly
    bool m_sendDirect{false};
    /// m_downTarget6 is the node's Ipv6::Send, set by NotifyNewAggregate: called directly
    bool m_sendDirect6{false};
    L2tpv3Counters m_counters;                                         //!< node-level counters
    Callback<void, Ptr<Packet>, const L2tpv3ControlSource&> m_control; //!< the LCCE, if any
    TracedCallback<Ptr<const Packet>, L2tpv3DropReason> m_dropTrace;   //!< Drop trace
    /// The tunnels' routes (mutable: GetUnderlayMtu, a const query, fills it too).
    mutable L2tpv3RouteCache m_routeCache;
    uint32_t m_routeCacheLimit{65536}; //!< RouteCacheLimit
};

} // namespace ns3

#endif /* L2TPV3_L4_PROTOCOL_H */
