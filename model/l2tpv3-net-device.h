/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_NET_DEVICE_H
#define L2TPV3_NET_DEVICE_H

#include "l2tpv3-cookie.h"
#include "l2tpv3-counters.h"
#include "l2tpv3-session-header.h"

#include "ns3/address.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device.h"
#include "ns3/traced-callback.h"

namespace ns3
{

class L2tpv3Channel;
class L2tpv3L4Protocol;
class Node;

/**
 * \ingroup l2tp
 * \brief An Ethernet pseudowire over L2TPv3 (RFC 3931, RFC 4719): NetBSD's l2tpN.
 *
 * One device is one session. Frames given to Send/SendFrom get an Ethernet
 * header (no preamble, no FCS), then the session header with the *remote*
 * Session ID and *remote* cookie, and leave through the node's IP layer
 * towards TunnelDestination as IP protocol 115. Received packets whose
 * *local* Session ID names this device are checked against the *local*
 * cookie byte for byte, stripped, and delivered as Ethernet frames.
 *
 * The device is a valid BridgeNetDevice port (SupportsSendFrom, a channel,
 * CsmaNetDevice's receive classification) and also a plain Ethernet-like L3
 * interface (ARP, neighbour discovery) when given addresses.
 *
 * The link is up when the tunnel endpoints and both Session IDs are set
 * (l2tp(4): `tunnel`, `session`); DeleteTunnel takes it down.
 */
class L2tpv3NetDevice : public NetDevice
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    L2tpv3NetDevice();
    ~L2tpv3NetDevice() override;

    /**
     * \brief Set the tunnel endpoints (l2tp(4) `tunnel src dst`).
     * \param source the local address, an Ipv4Address or Ipv6Address of this node
     * \param destination the remote LCCE's address, same family
     * \throws std::invalid_argument when an address is missing or the families differ
     */
    void SetTunnel(const Address& source, const Address& destination);
    /**
     * \brief Check a pair of tunnel endpoints without setting them.
     * \param source the local address
     * \param destination the remote address
     * \throws std::invalid_argument when an address is missing or the families differ
     */
    static void CheckTunnel(const Address& source, const Address& destination);
    /** \brief Remove the tunnel endpoints (l2tp(4) `deletetunnel`); the link goes down. */
    void DeleteTunnel();
    /** \return the tunnel's local address (empty when unset) */
    Address GetTunnelSource() const;
    /** \return the tunnel's remote address (empty when unset) */
    Address GetTunnelDestination() const;

    /**
     * \brief Set both Session IDs (l2tp(4) `session local remote`).
     * \param local the Session ID this end receives on
     * \param remote the Session ID the peer receives on, sent on the wire
     * \throws std::invalid_argument for 0 (reserved for control) or a local ID used on the node
     */
    void SetSessionIds(uint32_t local, uint32_t remote);
    /** \brief Clear both Session IDs (l2tp(4) `deletesession`); the link goes down. */
    void DeleteSession();
    /** \return the local Session ID (0 when unset) */
    uint32_t GetLocalSessionId() const;
    /** \return the remote Session ID (0 when unset) */
    uint32_t GetRemoteSessionId() const;

    /**
     * \brief Set both cookies (l2tp(4) `cookie llen lvalue rlen rvalue`).
     * \param local the cookie expected on received packets
     * \param remote the cookie put on sent packets
     */
    void SetCookies(const L2tpv3Cookie& local, const L2tpv3Cookie& remote);
    /** \return the local cookie */
    L2tpv3Cookie GetLocalCookie() const;
    /** \return the remote cookie */
    L2tpv3Cookie GetRemoteCookie() const;

    /**
     * \brief Check that the device is fully configured.
     * \throws std::invalid_argument naming what is missing or inconsistent
     */
    void CheckConfiguration() const;

    /** \return the device's counters */
    const L2tpv3Counters& GetCounters() const;

    /**
     * \brief Receive an L2TPv3 packet for this session from L2tpv3L4Protocol.
     * \param packet the packet, session header first
     * \param source the outer source address
     */
    void Receive(Ptr<Packet> packet, const Address& source);

    /** \param channel the pseudowire channel this device is an end of */
    void SetChannel(Ptr<L2tpv3Channel> channel);

    /**
     * TracedCallback signature for drops.
     * \param packet the packet or frame dropped
     * \param reason why
     */
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, L2tpv3DropReason reason);

    // Inherited from NetDevice
    void SetIfIndex(const uint32_t index) override;
    uint32_t GetIfIndex() const override;
    Ptr<Channel> GetChannel() const override;
    void SetAddress(Address address) override;
    Address GetAddress() const override;
    bool SetMtu(const uint16_t mtu) override;
    uint16_t GetMtu() const override;
    bool IsLinkUp() const override;
    void AddLinkChangeCallback(Callback<void> callback) override;
    bool IsBroadcast() const override;
    Address GetBroadcast() const override;
    bool IsMulticast() const override;
    Address GetMulticast(Ipv4Address multicastGroup) const override;
    Address GetMulticast(Ipv6Address addr) const override;
    bool IsPointToPoint() const override;
    bool IsBridge() const override;
    bool Send(Ptr<Packet> packet, const Address& dest, uint16_t protocolNumber) override;
    bool SendFrom(Ptr<Packet> packet,
                  const Address& source,
                  const Address& dest,
                  uint16_t protocolNumber) override;
    Ptr<Node> GetNode() const override;
    void SetNode(Ptr<Node> node) override;
    bool NeedsArp() const override;
    void SetReceiveCallback(NetDevice::ReceiveCallback cb) override;
    void SetPromiscReceiveCallback(NetDevice::PromiscReceiveCallback cb) override;
    bool SupportsSendFrom() const override;

  protected:
    void DoDispose() override;

  private:
    /** \param id the local Session ID (0 unsets it) */
    void SetLocalSessionId(uint32_t id);
    /** \param id the remote Session ID (0 unsets it) */
    void SetRemoteSessionId(uint32_t id);
    /** \param cookie the local cookie */
    void SetLocalCookie(const L2tpv3Cookie& cookie);
    /** \param cookie the remote cookie */
    void SetRemoteCookie(const L2tpv3Cookie& cookie);
    /** \param address the tunnel source */
    void SetTunnelSource(const Address& address);
    /** \param address the tunnel destination */
    void SetTunnelDestination(const Address& address);

    /** \brief Recompute the link state and the transmit header after a configuration change. */
    void Reconfigure();

    /**
     * \brief Count and trace a drop.
     * \param p the packet
     * \param reason why
     */
    void Drop(Ptr<const Packet> p, L2tpv3DropReason reason);

    Ptr<Node> m_node;                        //!< the node
    Ptr<L2tpv3L4Protocol> m_l4;              //!< the node's L2TPv3 protocol
    Ptr<L2tpv3Channel> m_channel;            //!< the pseudowire channel
    uint32_t m_ifIndex;                      //!< interface index
    Mac48Address m_address;                  //!< the device's MAC address
    uint16_t m_mtu;                          //!< largest frame payload sent
    uint32_t m_localSessionId;               //!< Session ID received on
    uint32_t m_remoteSessionId;              //!< Session ID sent
    uint32_t m_registeredSessionId;          //!< Session ID registered with m_l4 (0: none)
    L2tpv3Cookie m_localCookie;              //!< cookie expected
    L2tpv3Cookie m_remoteCookie;             //!< cookie sent
    Address m_tunnelSource;                  //!< local endpoint
    Address m_tunnelDestination;             //!< remote endpoint
    L2tpv3SessionHeader m_txHeader;          //!< header sent, built at configuration time
    bool m_linkUp;                           //!< link state
    L2tpv3Counters m_counters;               //!< counters
    NetDevice::ReceiveCallback m_rxCallback; //!< normal receive callback
    NetDevice::PromiscReceiveCallback m_promiscRxCallback; //!< promiscuous receive callback
    TracedCallback<> m_linkChangeCallbacks;                //!< link state change callbacks

    TracedCallback<Ptr<const Packet>> m_macTxTrace;          //!< MacTx trace
    TracedCallback<Ptr<const Packet>> m_macTxDropTrace;      //!< MacTxDrop trace
    TracedCallback<Ptr<const Packet>> m_macRxTrace;          //!< MacRx trace
    TracedCallback<Ptr<const Packet>> m_macPromiscRxTrace;   //!< MacPromiscRx trace
    TracedCallback<Ptr<const Packet>> m_snifferTrace;        //!< Sniffer trace (pcap)
    TracedCallback<Ptr<const Packet>> m_promiscSnifferTrace; //!< PromiscSniffer trace (pcap)
    TracedCallback<Ptr<const Packet>, L2tpv3DropReason> m_dropTrace; //!< Drop trace
};

} // namespace ns3

#endif /* L2TPV3_NET_DEVICE_H */
