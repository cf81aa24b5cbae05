/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_INJECTOR_H
#define L2TPV3_INJECTOR_H

#include "l2tpv3-control-message.h"
#include "l2tpv3-cookie.h"
#include "l2tpv3-types.h"

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/mac48-address.h"
#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <vector>

namespace ns3
{

class NetDevice;
class Packet;

/**
 * \ingroup l2tp
 * \brief An attacker on L2TPv3: forges data messages (blind insertion, RFC 3931 §8.2)
 * or control messages (§8.1) towards an LCCE, over IP (protocol 115) or UDP, IPv4 or IPv6.
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
 *
 * Four attacks on the control channel (RFC 3931 §8.1: what the message digest of
 * §4.3 is for), each a control message (Session ID 0 over IP, T = 1 over UDP):
 * - STOP_CCN ("stopccn"): a StopCCN (§6.6) with Result Code ResultCode;
 * - CDN ("cdn"): a CDN (§6.14) with Result Code ResultCode, Remote Session ID
 *   SessionId (the victim's session) and Local Session ID PeerSessionId;
 * - CONTROL_REPLAY ("control-replay"): control messages from the victim's peer
 *   recorded from a tap (SetTap), sent again later;
 * - SCCRQ_FLOOD ("sccrq-flood"): SCCRQs (§6.1) from FloodSources addresses,
 *   Source, Source + 1, ..., in turn, each with a fresh Assigned Control
 *   Connection ID.
 * Identifiers chooses the Control Connection ID, Session IDs, Ns and Nr of
 * StopCCN and CDN: "fixed" (ControlConnectionId, SessionId, PeerSessionId, Ns,
 * Nr), "sweep" (ControlConnectionId + k for the k-th message), "random" (a
 * random Control Connection ID and, for CDN, Session ID per message), or
 * "sniffed": learned from the messages between the victim and its peer that a
 * tap (SetTap) sees, the on-path attacker of §8: the victim's Control
 * Connection ID, the next Ns it expects, an Nr it accepts and both Session
 * IDs. Until the tap has seen a control message, nothing is sent (counted as
 * skipped). FakeDigest adds a Message Digest AVP of random octets after the
 * Message Type (§5.4.1), so that a victim with a secret finds a digest, and a
 * wrong one.
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
        FORGED,         //!< the Session ID, cookie and sublayer word configured
        STOP_CCN,       //!< forged StopCCN
        CDN,            //!< forged CDN
        CONTROL_REPLAY, //!< recorded control messages of the peer, sent again
        SCCRQ_FLOOD     //!< SCCRQs from many forged sources
    };

    /** \brief How StopCCN and CDN choose their identifiers (attribute Identifiers). */
    enum Identifiers
    {
        FIXED,  //!< the attributes' values
        SWEEP,  //!< ControlConnectionId + k for the k-th message
        RANDOM, //!< a random Control Connection ID (and Session ID) per message
        SNIFFED //!< learned from the tap
    };

    /** \brief What the tap has learned of the control connection (Identifiers sniffed). */
    struct Sniffed
    {
        bool connection{false};       //!< a control message of the connection was seen
        uint32_t connectionId{0};     //!< the victim's Control Connection ID
        uint32_t peerConnectionId{0}; //!< the peer's (the victim writes it in its messages)
        uint16_t ns{0};               //!< the next Ns the victim expects
        uint16_t nr{0};               //!< an Nr the victim accepts (its next Ns)
        bool session{false};          //!< the victim's Session ID was seen
        uint32_t sessionId{0};        //!< the victim's Session ID
        uint32_t peerSessionId{0};    //!< the peer's Session ID (0 until seen)
    };

    /// TracedCallback signature for forged packets.
    typedef void (*TxTracedCallback)(Ptr<const Packet> packet);

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
     * \brief Choose the attack (SetTap chooses REPLAY unless a control attack is chosen).
     * \param attack the attack
     */
    void SetAttack(Attack attack);

    /**
     * \brief Record, from a tap on the path, the session's packets to replay, and learn
     * the control connection's identifiers (Identifiers sniffed).
     *
     * A data attack becomes REPLAY; a control attack stays (control-replay records
     * the peer's control messages, the others learn from what the tap sees).
     * \param tap a device whose PromiscSniffer sees the peer's packets (Ethernet frames)
     */
    void SetTap(Ptr<NetDevice> tap);

    /** \return the attack */
    Attack GetAttack() const;

    /**
     * \brief Check that the injector can start (StartApplication does).
     * \throws std::invalid_argument when SetTarget was not called, Source and Destination
     * are not of one family, or Identifiers is sniffed (or Attack is replay or
     * control-replay) without a tap, naming them
     */
    void CheckConfiguration() const;

    /** \return forged packets sent */
    uint64_t GetSent() const;
    /** \return packets recorded for replay */
    std::size_t GetRecorded() const;
    /** \return send times skipped: Identifiers sniffed and nothing learned yet */
    uint64_t GetSkipped() const;
    /** \return what the tap has learned */
    const Sniffed& GetSniffed() const;
    /**
     * \param source the forged source (Source)
     * \param index the flood's k-th source, 0 first
     * \return \p source + \p index (IPv4: the address as a number; IPv6: its last 32 bits)
     */
    static Address NthSource(const Address& source, uint32_t index);

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

    /** \param length 0, 4 or 8 */
    void SetCookieLength(uint32_t length);
    /** \return the length of random cookies */
    uint32_t GetCookieLength() const;
    /** \param encapsulation IP or UDP (attribute Encapsulation) */
    void SetEncapsulation(L2tpv3Encapsulation encapsulation);
    /** \return the encapsulation */
    L2tpv3Encapsulation GetEncapsulation() const;
    /** \param count 1 or more */
    void SetFloodSources(uint32_t count);
    /** \return the number of forged SCCRQ sources */
    uint32_t GetFloodSources() const;
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
     * \brief Wrap an L2TPv3 packet in UDP (udp encapsulation) and an IP header, and send it.
     * \param l2tp the L2TPv3 packet
     * \param source the source address to write
     */
    void SendIp(Ptr<Packet> l2tp, const Address& source);
    /**
     * \brief Build the next forged control message (StopCCN, CDN, SCCRQ).
     * \param message the message, filled in
     * \return false if Identifiers is sniffed and nothing was learned yet
     */
    bool BuildControl(L2tpv3ControlMessage& message);
    /**
     * \brief Send a control message: after Session ID 0 over IP, alone over UDP (T = 1).
     * \param message the message
     * \param source the source address to write
     */
    void SendControl(const L2tpv3ControlMessage& message, const Address& source);
    /**
     * \brief Learn identifiers from an L2TPv3 packet between the victim and its peer.
     * \param l2tp the L2TPv3 packet (after IP, or the UDP payload)
     * \param udp true if it came over UDP
     * \param toVictim true if the peer sent it to the victim
     * \return true if it is a control message
     */
    bool Learn(Ptr<const Packet> l2tp, bool udp, bool toVictim);
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
    Identifiers m_identifiers;           //!< how StopCCN and CDN choose identifiers
    uint32_t m_connectionId;             //!< Control Connection ID (fixed, sweep)
    uint32_t m_peerSessionId;            //!< Local Session ID of a forged CDN (fixed)
    uint32_t m_peerConnectionId;         //!< Assigned Control Connection ID of a StopCCN
    uint16_t m_ns;                       //!< Ns of forged messages (fixed, sweep, random)
    uint16_t m_nr;                       //!< Nr of forged messages (fixed, sweep, random)
    uint16_t m_resultCode;               //!< Result Code of StopCCN and CDN
    bool m_fakeDigest;                   //!< add a Message Digest AVP of random octets
    uint32_t m_floodSources;             //!< forged SCCRQ sources
    bool m_tapped;                       //!< SetTap was called
    Sniffed m_sniffed;                   //!< learned from the tap
    uint64_t m_skipped;                  //!< send times with nothing learned
    TracedCallback<Ptr<const Packet>> m_txTrace; //!< Tx: each forged IP packet
};

} // namespace ns3

#endif /* L2TPV3_INJECTOR_H */
