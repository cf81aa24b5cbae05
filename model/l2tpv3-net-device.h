/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_NET_DEVICE_H
#define L2TPV3_NET_DEVICE_H

#include "l2tpv3-cookie.h"
#include "l2tpv3-counters.h"
#include "l2tpv3-data-header.h"
#include "l2tpv3-l4-protocol.h"
#include "l2tpv3-reorder-buffer.h"
#include "l2tpv3-session-config.h"
#include "l2tpv3-types.h"

#include "ns3/address.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"

namespace ns3
{

class L2tpv3Channel;
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
 * (l2tp(4): `tunnel`, `session`); DeleteTunnel takes it down. Configure sets a whole
 * L2tpv3SessionConfig at once, as the control plane (L2tpv3Lcce) does.
 */
class L2tpv3NetDevice : public NetDevice, private L2tpv3ReorderBuffer::Owner
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
     * \brief Apply a whole pseudowire end in one step: one reconfiguration, one update of
     * the node's session table, the link up at most once.
     *
     * Nothing changes when the value is refused. The fields it does not hold (Address,
     * TcpMssClamp, the reorder settings) keep their values.
     * \param config the configuration
     * \throws std::invalid_argument when config.Validate() refuses it or its local Session ID
     *         is taken on the node
     */
    void Configure(const L2tpv3SessionConfig& config);
    /** \return the device's configuration now (what Configure would set to leave it so) */
    L2tpv3SessionConfig GetSessionConfig() const;
    /**
     * \return how many times the configuration was applied (one per Configure, setter or
     *         attribute change that reconfigures; for tests and profiling)
     */
    uint64_t GetNReconfigurations() const;

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
    /**
     * \brief Remove both cookies (l2tp(4) `deletecookie`): send none, expect none.
     *
     * The wire does not carry the cookie length (RFC 3931 §4.1): a peer that still sends
     * a cookie has it read as the start of the frame here (dropped as frame_bad_length_type
     * when the shifted length/type field is no EtherType), and this end's frames fail the cookie
     * check of a peer that still expects one (cookie_mismatch there).
     */
    void DeleteCookie();
    /** \return the local cookie */
    L2tpv3Cookie GetLocalCookie() const;
    /** \return the remote cookie */
    L2tpv3Cookie GetRemoteCookie() const;

    /** \param encapsulation IP or UDP */
    void SetEncapsulation(L2tpv3Encapsulation encapsulation);
    /** \return the encapsulation */
    L2tpv3Encapsulation GetEncapsulation() const;
    /** \param sublayer the L2-Specific Sublayer */
    void SetSublayer(L2tpv3Sublayer sublayer);
    /** \return the L2-Specific Sublayer */
    L2tpv3Sublayer GetSublayer() const;
    /**
     * \brief Set the MtuPolicy attribute.
     * \param policy FRAGMENT (keep Mtu) or DERIVED (Mtu from the route to the peer, now)
     */
    void SetMtuPolicy(L2tpv3MtuPolicy policy);
    /** \return the MtuPolicy attribute */
    L2tpv3MtuPolicy GetMtuPolicy() const;

    /**
     * \brief Set the sequence number the next sent frame carries.
     *
     * A session starts at zero (RFC 3931 Appendix C); this joins one already
     * running, e.g. to reproduce a captured exchange.
     * \param sequence the next number (24 bits)
     */
    void SetNextSequenceNumber(uint32_t sequence);

    /**
     * \brief The Linux MTU rule: the largest frame payload that crosses without fragments.
     *
     * underlay MTU - IP header (20 or 40) - UDP header and T/Ver word (8 + 4,
     * UDP only) - Session ID (4) - cookie - sublayer (4 if present) - Ethernet
     * header (14). IPv4, IP encapsulation, no cookie, no sublayer over 1500: 1462.
     * \param underlayMtu MTU of the interface towards the peer
     * \param ipv6 IPv6 underlay
     * \param encapsulation IP or UDP
     * \param cookieLength 0, 4 or 8
     * \param sublayer the L2-Specific Sublayer
     * \return the MTU, 0 if the headers do not fit
     */
    static uint32_t ComputeDerivedMtu(uint32_t underlayMtu,
                                      bool ipv6,
                                      L2tpv3Encapsulation encapsulation,
                                      uint8_t cookieLength,
                                      L2tpv3Sublayer sublayer);

    /**
     * \brief Where received packets find this session (local Session ID and transport).
     * \return the key for the current configuration
     */
    L2tpv3SessionKey GetSessionKey() const;

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

    /**
     * \brief Start loading the state every frame reads into the cache, all lines at once.
     *
     * With thousands of sessions a device's state is usually not cached when its next
     * frame comes; asked for together, its cache lines arrive in parallel rather than one
     * after another as the code reaches them. Only a hint: it changes no state.
     */
    void PrefetchFrameState() const;

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
    void DoInitialize() override;

  private:
    /**
     * \brief Set a configuration member and reconfigure; restore it if refused.
     * \param member the member
     * \param value its new value
     */
    template <typename T>
    void Apply(T& member, const T& value);

    /**
     * \brief Over IPv6, send UDP data messages with the zero checksum and accept it on
     * receive (RFC 6935, RFC 6936; Linux's udp6_zero_tx_csum and udp6_zero_rx_csum). Both
     * ends must set it; off (the default), IPv6 data messages carry a checksum whatever
     * UdpChecksum says (RFC 8200 §8.1).
     * \param zero true to allow the zero checksum over IPv6
     */
    void SetUdp6ZeroChecksum(bool zero);
    /** \return whether the zero UDP checksum is allowed over IPv6 */
    bool GetUdp6ZeroChecksum() const;

    /** \param port local UDP port */
    void SetUdpSourcePort(uint16_t port);
    /** \return local UDP port */
    uint16_t GetUdpSourcePort() const;

    /** \brief With MtuPolicy derived, set the MTU from the route to the peer. */
    void ApplyMtuPolicy();
    /** \param text "off", "auto" or an MSS */
    void SetMssClampName(std::string text);
    /** \return "off", "auto" or the MSS */
    std::string GetMssClampName() const;
    /**
     * \brief Clamp the MSS of a TCP SYN in a frame entering or leaving the pseudowire.
     * \param frame the Ethernet frame
     */
    void ClampMss(Ptr<Packet> frame);

    /**
     * \brief Set every field of a configuration, without reconfiguring.
     * \param config the configuration
     */
    void Assign(const L2tpv3SessionConfig& config);

    // L2tpv3ReorderBuffer::Owner: where the reorder buffer's frames go.
    void DeliverInOrder(Ptr<Packet> frame) override;
    void DropOutOfOrder(Ptr<const Packet> frame, L2tpv3DropReason reason) override;

    /**
     * \brief Hand a decapsulated Ethernet frame up (CsmaNetDevice's classification).
     * \param frame the frame, Ethernet header first
     */
    void DeliverFrame(Ptr<Packet> frame);
    /**
     * \brief Fire the Sniffer and PromiscSniffer traces, each only when it has a sink.
     * \param frame the Ethernet frame
     */
    void FireSniffers(const Ptr<Packet>& frame) const;
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

    // What every frame sent or received reads comes first, together, so that with
    // thousands of sessions a frame touches few cache lines of its device.
    bool m_linkUp;                           //!< link state
    L2tpv3Encapsulation m_encapsulation;     //!< IP or UDP
    L2tpv3Sublayer m_sublayer;               //!< L2-Specific Sublayer
    bool m_sendSequence;                     //!< put sequence numbers on sent frames
    bool m_requireSequence;                  //!< drop received frames without one
    bool m_udpChecksum;                      //!< compute UDP checksums
    bool m_udp6ZeroChecksum;                 //!< zero UDP checksums allowed over IPv6
    uint16_t m_mtu;                          //!< largest frame payload sent
    uint16_t m_mssClamp4;                    //!< largest MSS over IPv4 (0: no clamping)
    uint16_t m_mssClamp6;                    //!< largest MSS over IPv6 (0: no clamping)
    uint16_t m_udpSourcePort;                //!< local UDP port
    uint16_t m_udpDestinationPort;           //!< peer's UDP port
    Mac48Address m_address;                  //!< the device's MAC address
    uint32_t m_txSequence;                   //!< next sequence number sent
    Time m_reorderTimeout;                   //!< hold early frames this long (0: deliver)
    Ptr<L2tpv3L4Protocol> m_l4;              //!< the node's L2TPv3 protocol
    L2tpv3Cookie m_localCookie;              //!< cookie expected
    Address m_tunnelSource;                  //!< local endpoint
    Address m_tunnelDestination;             //!< remote endpoint
    L2tpv3DataHeader m_txHeader;             //!< header sent, built at configuration time
    L2tpv3DataHeader m_rxHeader;             //!< header expected, configured likewise
    NetDevice::ReceiveCallback m_rxCallback; //!< normal receive callback
    NetDevice::PromiscReceiveCallback m_promiscRxCallback;   //!< promiscuous receive callback
    TracedCallback<Ptr<const Packet>> m_macTxTrace;          //!< MacTx trace
    TracedCallback<Ptr<const Packet>> m_snifferTrace;        //!< Sniffer trace (pcap)
    TracedCallback<Ptr<const Packet>> m_promiscSnifferTrace; //!< PromiscSniffer trace (pcap)
    TracedCallback<Ptr<const Packet>> m_macRxTrace;          //!< MacRx trace
    TracedCallback<Ptr<const Packet>> m_macPromiscRxTrace;   //!< MacPromiscRx trace
    L2tpv3Counters m_counters; //!< counters (the packet and byte counts first)

    // Configuration and rare events.
    Ptr<Node> m_node;                                   //!< the node
    Ptr<L2tpv3Channel> m_channel;                       //!< the pseudowire channel
    uint32_t m_ifIndex;                                 //!< interface index
    uint32_t m_localSessionId;                          //!< Session ID received on
    uint32_t m_remoteSessionId;                         //!< Session ID sent
    bool m_registered;                                  //!< m_registration is in m_l4's table
    L2tpv3SessionKey m_registration;                    //!< the key registered with m_l4
    L2tpv3Cookie m_remoteCookie;                        //!< cookie sent
    uint32_t m_reorderQueueSize;                        //!< most frames held
    L2tpv3MtuPolicy m_mtuPolicy;                        //!< fragment or derive the MTU
    std::string m_mssClamp;                             //!< "off", "auto" or a fixed MSS
    L2tpv3ReorderBuffer m_reorder;                      //!< sequencing, receive side
    uint64_t m_reconfigurations;                        //!< Reconfigure passes
    bool m_udp6ZeroAccepted;                            //!< m_udp6ZeroPort accepts zero (v6)
    uint16_t m_udp6ZeroPort;                            //!< the port accepting it
    TracedCallback<> m_linkChangeCallbacks;             //!< link state change callbacks
    TracedCallback<Ptr<const Packet>> m_macTxDropTrace; //!< MacTxDrop trace
    TracedCallback<Ptr<const Packet>, L2tpv3DropReason> m_dropTrace; //!< Drop trace
};

} // namespace ns3

#endif /* L2TPV3_NET_DEVICE_H */
