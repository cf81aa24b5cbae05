/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_UDP_ZERO_CHECKSUM_H
#define L2TPV3_UDP_ZERO_CHECKSUM_H

#include "ns3/ip-l4-protocol.h"

#include <map>
#include <set>

namespace ns3
{

class Node;

/**
 * \ingroup l2tp
 * \brief Lets UDP datagrams with the zero checksum reach the L2TPv3 UDP ports when ns-3's
 * global ChecksumEnabled is on, where allowed, and counts them; counts those refused.
 *
 * RFC 768: a zero checksum over IPv4 means none was computed; Linux sends L2TPv3 over UDP
 * that way by default (RFC 3931 §4.1.2.3 leaves it optional). ns-3's UdpL4Protocol, when
 * it verifies checksums, takes zero for a wrong checksum and drops the datagram without a
 * trace. This protocol stands in front of the node's UdpL4Protocol (protocol 17): a
 * datagram for one of the ports given to Accept with a zero checksum gets its checksum
 * computed, is counted, and goes on to UdpL4Protocol like any other.
 *
 * Over IPv6 the checksum is mandatory (RFC 8200 §8.1), except on tunnel ports configured
 * for zero checksums at both ends (RFC 6935, RFC 6936; Linux's udp6_zero_rx_csum): a zero
 * checksum on a port given to AcceptIpv6 is accepted as above; on a port only given to
 * WatchIpv6 it is counted as refused and left to UdpL4Protocol, which drops it. Everything
 * else (computed checksums, ICMP errors, sending, ChecksumEnabled off) is UdpL4Protocol's
 * as before.
 */
class L2tpv3UdpZeroChecksum : public IpL4Protocol
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    L2tpv3UdpZeroChecksum();
    ~L2tpv3UdpZeroChecksum() override;

    /**
     * \brief Accept zero checksums on \p port of \p node, installing the protocol on the
     * node the first time (aggregated to it; nothing happens without IPv4 and UDP).
     * \param node the node
     * \param port a local UDP port
     */
    static void Accept(Ptr<Node> node, uint16_t port);

    /**
     * \brief Count the zero checksums refused on \p port of \p node over IPv6, installing
     * the protocol in front of IPv6's UDP the first time (nothing happens without IPv6 and
     * UDP).
     * \param node the node
     * \param port a local UDP port
     */
    static void WatchIpv6(Ptr<Node> node, uint16_t port);

    /**
     * \brief Accept zero checksums on \p port of \p node over IPv6 (RFC 6935), or take
     * back one earlier acceptance: the port accepts them while at least one acceptance
     * stands. Watches the port as WatchIpv6 does.
     * \param node the node
     * \param port a local UDP port
     * \param accept true to add an acceptance, false to take one back
     */
    static void AcceptIpv6(Ptr<Node> node, uint16_t port, bool accept);

    /** \return datagrams with the zero checksum accepted (IPv4 and IPv6) */
    uint64_t GetAccepted() const;

    /**
     * \return datagrams over IPv6 with the zero checksum refused on a watched port that
     * does not accept them (RFC 8200 §8.1), dropped here
     */
    uint64_t GetRefused() const;

    // Inherited from IpL4Protocol
    int GetProtocolNumber() const override;
    RxStatus Receive(Ptr<Packet> p,
                     const Ipv4Header& header,
                     Ptr<Ipv4Interface> incomingInterface) override;
    RxStatus Receive(Ptr<Packet> p,
                     const Ipv6Header& header,
                     Ptr<Ipv6Interface> incomingInterface) override;
    void ReceiveIcmp(Ipv4Address icmpSource,
                     uint8_t icmpTtl,
                     uint8_t icmpType,
                     uint8_t icmpCode,
                     uint32_t icmpInfo,
                     Ipv4Address payloadSource,
                     Ipv4Address payloadDestination,
                     const uint8_t payload[8]) override;
    void ReceiveIcmp(Ipv6Address icmpSource,
                     uint8_t icmpTtl,
                     uint8_t icmpType,
                     uint8_t icmpCode,
                     uint32_t icmpInfo,
                     Ipv6Address payloadSource,
                     Ipv6Address payloadDestination,
                     const uint8_t payload[8]) override;
    void SetDownTarget(IpL4Protocol::DownTargetCallback cb) override;
    void SetDownTarget6(IpL4Protocol::DownTargetCallback6 cb) override;
    IpL4Protocol::DownTargetCallback GetDownTarget() const override;
    IpL4Protocol::DownTargetCallback6 GetDownTarget6() const override;

  protected:
    void DoDispose() override;

  private:
    /**
     * \brief The node's instance, created and aggregated the first time.
     * \param node the node
     * \return the instance, or null when the node has no UdpL4Protocol
     */
    static Ptr<L2tpv3UdpZeroChecksum> Get(Ptr<Node> node);
    /** \return whether this stands in front of IPv6's UDP (inserted the first time) */
    bool InsertIpv6();

    Ptr<IpL4Protocol> m_udp;                  //!< the node's UdpL4Protocol
    bool m_ipv4{false};                       //!< in front of IPv4's UDP
    bool m_ipv6{false};                       //!< in front of IPv6's UDP
    std::set<uint16_t> m_ports;               //!< IPv4 ports whose zero checksums are accepted
    std::set<uint16_t> m_watched6;            //!< IPv6 ports whose zero checksums are counted
    std::map<uint16_t, uint32_t> m_accepted6; //!< IPv6 ports accepting them: acceptances
    uint64_t m_accepted;                      //!< datagrams accepted with the zero checksum
    uint64_t m_refused{0};                    //!< IPv6 datagrams refused with it
};

} // namespace ns3

#endif /* L2TPV3_UDP_ZERO_CHECKSUM_H */
