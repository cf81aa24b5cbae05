/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_UDP_ZERO_CHECKSUM_H
#define L2TPV3_UDP_ZERO_CHECKSUM_H

#include "ns3/ip-l4-protocol.h"

#include <set>

namespace ns3
{

class Node;

/**
 * \ingroup l2tp
 * \brief Lets UDP datagrams with the zero checksum reach the L2TPv3 UDP ports over IPv4 when
 * ns-3's global ChecksumEnabled is on, and counts them.
 *
 * RFC 768: a zero checksum over IPv4 means none was computed; Linux sends L2TPv3 over UDP
 * that way by default (RFC 3931 §4.1.2.3 leaves it optional). ns-3's UdpL4Protocol, when
 * it verifies checksums, takes zero for a wrong checksum and drops the datagram without a
 * trace. This protocol stands in front of the node's UdpL4Protocol for IPv4 (protocol 17):
 * a datagram for one of the ports given to Accept with a zero checksum gets its checksum
 * computed, is counted, and goes on to UdpL4Protocol like any other; every other datagram,
 * and everything else (ICMP errors, sending, IPv6, where the checksum is mandatory), is
 * UdpL4Protocol's as before.
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

    /** \return datagrams with the zero checksum accepted */
    uint64_t GetAccepted() const;

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
    void SetDownTarget(IpL4Protocol::DownTargetCallback cb) override;
    void SetDownTarget6(IpL4Protocol::DownTargetCallback6 cb) override;
    IpL4Protocol::DownTargetCallback GetDownTarget() const override;
    IpL4Protocol::DownTargetCallback6 GetDownTarget6() const override;

  protected:
    void DoDispose() override;

  private:
    Ptr<IpL4Protocol> m_udp;    //!< the node's UdpL4Protocol
    std::set<uint16_t> m_ports; //!< ports whose zero checksums are accepted
    uint64_t m_accepted;        //!< datagrams accepted with the zero checksum
};

} // namespace ns3

#endif /* L2TPV3_UDP_ZERO_CHECKSUM_H */
