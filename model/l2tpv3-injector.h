/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_INJECTOR_H
#define L2TPV3_INJECTOR_H

#include "l2tpv3-cookie.h"

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/mac48-address.h"
#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"

#include <vector>

namespace ns3
{

class NetDevice;
class Packet;

/**
 * \ingroup l2tp
 * \brief A blind-insertion attacker (RFC 3931 §8.2): sends forged L2TPv3 data
 * messages towards an LCCE, over IP (protocol 115) or UDP, IPv4 or IPv6.
 *
 * It writes whole IP packets with a forged source (the victim's peer) and
 * hands them to its node's device addressed to the victim's MAC address, so
 * that they reach the victim's IP layer as if they came from the peer. Four
 * attacks (attribute Attack):
 * - RANDOM_SESSION ("random-session"): random Session IDs, random cookies of
 *   CookieLength bytes;
 * - RANDOM_COOKIE ("random-cookie"): Session ID SessionId with random cookies
 *   of CookieLength bytes;
 * - FORGED ("forged"): exactly the packet described: Session ID SessionId,
 *   cookie Cookie (length and value), sublayer word (Sublayer,
 *   SublayerSequence);
 * - REPLAY ("replay"): packets of the real session recorded earlier from a tap
 *   (SetTap), sent again later.
 * Encapsulation (ip or udp, with UdpSourcePort, UdpDestinationPort and
 * UdpChecksum), Source and Destination (whose family chooses IPv4 or IPv6)
 * apply to every attack but the replay, which sends the recorded bytes.
 * Each forged packet carries an Ethernet frame to the broadcast address, so
 * that a delivered forgery would be seen on the victim's LAN.
 */
class L2tpv3Injector : public Application
{
  public:
    /** \brief The attack. */
    enum Attack
    {
        RANDOM_SESSION, //!< random Session IDs
        RANDOM_COOKIE,  //!< the right Session ID, random cookies
        REPLAY,         //!< recorded packets of the session, sent again
        FORGED          //!< the Session ID, cookie and sublayer word configured
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    L2tpv3Injector();
    ~L2tpv3Injector() override;

    /**
     * \brief Where forged packets go.
     * \param device this node's device to send them on
     * \param victimMac the next hop's MAC address on that link
     * \param forgedSource the source address to forge (the victim's peer)
     * \param victim the victim LCCE's address (same family)
     */
    void SetTarget(Ptr<NetDevice> device,
                   Mac48Address victimMac,
                   const Address& forgedSource,
                   const Address& victim);

    /**
     * \brief Choose the attack (SetTap chooses REPLAY).
     * \param attack the attack
     */
    void SetAttack(Attack attack);

    /**
     * \brief Record, from a tap on the path, the session's packets to replay.
     * \param tap a device whose PromiscSniffer sees the peer's packets (Ethernet frames)
     */
    void SetTap(Ptr<NetDevice> tap);

    /** \return the attack */
    Attack GetAttack() const;

    /**
     * \brief Check that the injector can start (StartApplication does).
     * \throws std::invalid_argument when SetTarget was not called or Source and Destination
     * are not of one family, naming them
     */
    void CheckConfiguration() const;

    /** \return forged packets sent */
    uint64_t GetSent() const;
    /** \return packets recorded for replay */
    std::size_t GetRecorded() const;

    /**
     * \brief Assign a fixed random variable stream number.
     * \param stream first stream index
     * \return the number of streams used
     */
    int64_t AssignStreams(int64_t stream);

  private:
    void StartApplication() override;
    void StopApplication() override;
    void DoDispose() override;

    /** \param text random-session, random-cookie, replay or forged */
    void SetAttackName(std::string text);
    /** \return random-session, random-cookie, replay or forged */
    std::string GetAttackName() const;
    /** \param length 0, 4 or 8 */
    void SetCookieLength(uint32_t length);
    /** \return the length of random cookies */
    uint32_t GetCookieLength() const;
    /** \param text ip or udp */
    void SetEncapsulationName(std::string text);
    /** \return ip or udp */
    std::string GetEncapsulationName() const;
    /** \param text an IPv4 or IPv6 address, or empty (the one SetTarget gave) */
    void SetSourceText(std::string text);
    /** \return the forged source as text */
    std::string GetSourceText() const;
    /** \param text an IPv4 or IPv6 address, or empty (the one SetTarget gave) */
    void SetDestinationText(std::string text);
    /** \return the destination as text */
    std::string GetDestinationText() const;

    /** \brief Send one forged packet and schedule the next. */
    void SendOne();
    /**
     * \brief Wrap an L2TPv3 packet in UDP (udp encapsulation) and an IP header from the
     * forged source, and send it.
     * \param l2tp the L2TPv3 packet
     */
    void SendIp(Ptr<Packet> l2tp);
    /**
     * \brief Tap callback: keep the peer's L2TPv3 packets.
     * \param frame an Ethernet frame seen by the tap
     */
    void Record(Ptr<const Packet> frame);

    Attack m_attack;                     //!< which attack
    uint32_t m_sessionId;                //!< the victim's Session ID (RANDOM_COOKIE, FORGED)
    uint32_t m_cookieLength;             //!< cookie length of random cookies
    L2tpv3Cookie m_cookie;               //!< the cookie of FORGED packets
    bool m_sublayer;                     //!< add a default sublayer word
    int32_t m_sublayerSequence;          //!< its sequence number (S = 1), -1 for S = 0
    bool m_udp;                          //!< UDP encapsulation
    uint16_t m_udpSourcePort;            //!< UDP source port
    uint16_t m_udpDestinationPort;       //!< UDP destination port
    bool m_udpChecksum;                  //!< compute the UDP checksum (else zero)
    uint64_t m_count;                    //!< packets to send
    Time m_interval;                     //!< time between packets
    Ptr<NetDevice> m_device;             //!< device to send on
    Mac48Address m_victimMac;            //!< next hop
    Address m_forgedSource;              //!< forged source address
    Address m_victim;                    //!< victim address
    std::vector<Ptr<Packet>> m_recorded; //!< L2TPv3 packets recorded for replay
    uint64_t m_sent;                     //!< forged packets sent
    EventId m_next;                      //!< next send
    bool m_started;                      //!< sending has begun (recording has ended)
    Ptr<UniformRandomVariable> m_random; //!< random Session IDs and cookies
};

} // namespace ns3

#endif /* L2TPV3_INJECTOR_H */
