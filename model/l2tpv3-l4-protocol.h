/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_L4_PROTOCOL_H
#define L2TPV3_L4_PROTOCOL_H

#include "l2tpv3-counters.h"

#include "ns3/address.h"
#include "ns3/ip-l4-protocol.h"
#include "ns3/traced-callback.h"

#include <unordered_map>

namespace ns3
{

class Node;
class Packet;
class L2tpv3NetDevice;

/**
 * \ingroup l2tp
 * \brief L2TPv3 over IP: the node's handler for IP protocol 115 (RFC 3931 §4.1.1).
 *
 * One instance is aggregated to each node that has L2TPv3 sessions
 * (GetOrCreate does it). It is inserted into the node's Ipv4L3Protocol and
 * Ipv6L3Protocol, owns the node's session table keyed by local Session ID
 * (a hash map, O(1) per packet whatever the number of sessions), hands
 * received data messages to the session's L2tpv3NetDevice and sends the
 * devices' encapsulated frames through the node's routing.
 *
 * Packets it cannot give to a session are dropped here and counted: too
 * short to hold a Session ID, an unknown Session ID, and control messages
 * (Session ID 0) while no control plane is installed.
 */
class L2tpv3L4Protocol : public IpL4Protocol
{
  public:
    /** \brief IP protocol number of L2TPv3 (RFC 3931 §4.1.1.2). */
    static constexpr uint8_t PROT_NUMBER = 115;

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
     * \brief Register a session under its local Session ID.
     * \param sessionId the local Session ID
     * \param device the session's pseudowire device
     * \throws std::invalid_argument if the ID is 0 or already registered on this node
     */
    void AddSession(uint32_t sessionId, Ptr<L2tpv3NetDevice> device);

    /**
     * \brief Remove a session.
     * \param sessionId the local Session ID
     */
    void RemoveSession(uint32_t sessionId);

    /**
     * \brief Find a session.
     * \param sessionId the local Session ID
     * \return the device, or nullptr
     */
    Ptr<L2tpv3NetDevice> LookupSession(uint32_t sessionId) const;

    /** \return the number of sessions registered on this node */
    std::size_t GetNSessions() const;

    /**
     * \brief Send an encapsulated frame (L2TPv3 header first) over IP.
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
     * \brief Common receive path of both address families.
     * \param p the L2TPv3 packet (IP header removed)
     * \param source the outer source address
     */
    void ReceiveCommon(Ptr<Packet> p, const Address& source);

    /**
     * \brief Count and trace a drop.
     * \param p the packet
     * \param reason why
     */
    void Drop(Ptr<const Packet> p, L2tpv3DropReason reason);

    Ptr<Node> m_node;                                                //!< the node
    std::unordered_map<uint32_t, Ptr<L2tpv3NetDevice>> m_sessions;   //!< by local Session ID
    IpL4Protocol::DownTargetCallback m_downTarget;                   //!< IPv4 send
    IpL4Protocol::DownTargetCallback6 m_downTarget6;                 //!< IPv6 send
    L2tpv3Counters m_counters;                                       //!< node-level counters
    TracedCallback<Ptr<const Packet>, L2tpv3DropReason> m_dropTrace; //!< Drop trace
};

} // namespace ns3

#endif /* L2TPV3_L4_PROTOCOL_H */
