/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-lcce.h"

#include "l2tpv3-channel.h"
#include "l2tpv3-names.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpv3Lcce");

NS_OBJECT_ENSURE_REGISTERED(L2tpv3Lcce);

namespace
{
/// The EnumValue type that holds a DigestAlgorithm in ns-3 3.37 and ns-3-dev alike (the
/// shim in l2tpv3-names.h).
using DigestEnumValue = L2tpv3EnumValueBase<L2tpv3ControlAuth::DigestAlgorithm>;

/**
 * \brief Add what a channel counted to the sums the LCCE's counters take from its channels.
 *
 * Those are the reliable channel's retransmissions and its drops (§4.2: duplicates, out of
 * window, invalid Nr; after Close). The channel's other counters are not summed: the LCCE
 * counts the same events itself, for every channel (txMessages and rxMessages per message
 * type as they are sent and received, zlbSent per ZLB it sends, timeouts per connection
 * whose peer stopped acknowledging), or has no counter for them (queuedOutOfOrder,
 * zlbReceived, acked).
 * \param sum the sums
 * \param c the channel's counters
 */
void
AddChannelDrops(L2tpv3ControlChannelCounters& sum, const L2tpv3ControlChannelCounters& c)
{
    sum.retransmissions += c.retransmissions;
    sum.duplicates += c.duplicates;
    sum.outOfWindow += c.outOfWindow;
    sum.invalidNr += c.invalidNr;
    sum.afterClose += c.afterClose;
}

/**
 * \brief Add what every channel of a connection counted: its channel's and, of the channels
 * it replaced (a tie lost or restarted, §5.4.3), their sum.
 * \param sum the sums
 * \param connection the connection
 */
void
AddConnectionDrops(L2tpv3ControlChannelCounters& sum, const L2tpv3ControlConnection& connection)
{
    AddChannelDrops(sum, connection.GetChannel()->GetCounters());
    AddChannelDrops(sum, connection.GetReplacedChannelCounters());
}
} // namespace

TypeId
L2tpv3Lcce::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::L2tpv3Lcce")
            .SetParent<Application>()
            .SetGroupName("L2tp")
            .AddConstructor<L2tpv3Lcce>()
            .AddAttribute("HostName",
                          "Host Name AVP sent in SCCRQ and SCCRP (RFC 3931 §5.4.3)",
                          StringValue("lcce"),
                          MakeStringAccessor(&L2tpv3Lcce::m_hostName),
                          MakeStringChecker())
            .AddAttribute("RouterId",
                          "Router ID AVP (§5.4.3); 0 takes the node ID + 1",
                          UintegerValue(0),
                          MakeUintegerAccessor(&L2tpv3Lcce::m_routerId),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute(
                "Encapsulation",
                "ip (protocol 115, Session ID 0) or udp (port UdpPort, T = 1)",
                MakeL2tpv3EnumValue(L2tpv3Encapsulation::IP),
                MakeL2tpv3EnumAccessor(&L2tpv3Lcce::m_encapsulation),
                MakeL2tpv3EncapsulationChecker("Encapsulation", L2tpv3NameWording::QUOTED))
            .AddAttribute("UdpPort",
                          "Our UDP port for control and data (udp encapsulation)",
                          UintegerValue(1701),
                          MakeUintegerAccessor(&L2tpv3Lcce::m_udpPort),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("PeerUdpPort",
                          "The UDP port an initiator sends its SCCRQ to",
                          UintegerValue(1701),
                          MakeUintegerAccessor(&L2tpv3Lcce::m_peerUdpPort),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("UdpChecksum",
                          "Compute UDP checksums on data packets (control messages always "
                          "carry one: RFC 3931 §4.1.2.3)",
                          BooleanValue(false),
                          MakeBooleanAccessor(&L2tpv3Lcce::m_udpChecksum),
                          MakeBooleanChecker())
            .AddAttribute("ReceiveWindowSize",
                          "Receive Window Size AVP: messages we hold out of order (§5.4.3)",
                          UintegerValue(16),
                          MakeUintegerAccessor(&L2tpv3Lcce::m_receiveWindow),
                          MakeUintegerChecker<uint16_t>(1, 32767))
            .AddAttribute("MaxSetupWindow",
                          "Send at most this many control messages unacknowledged until a "
                          "connection's first session is up (SCCCN and ICRQ one at a time, for "
                          "peers that advertise a window they do not honour); 0: no cap",
                          UintegerValue(0),
                          MakeUintegerAccessor(&L2tpv3Lcce::m_maxSetupWindow),
                          MakeUintegerChecker<uint16_t>(0, 32767))
            .AddAttribute("RetransmitTimeout",
                          "First retransmission timeout of control messages (§4.2)",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&L2tpv3Lcce::m_retransmitTimeout),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("RetransmitCap",
                          "Largest retransmission timeout (the timeout doubles up to it)",
                          TimeValue(Seconds(8)),
                          MakeTimeAccessor(&L2tpv3Lcce::m_retransmitCap),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("MaxRetries",
                          "Retransmissions of one message before the peer is declared dead",
                          UintegerValue(10),
                          MakeUintegerAccessor(&L2tpv3Lcce::m_maxRetries),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("AckDelay",
                          "Wait for a message to piggyback an acknowledgement on before a ZLB",
                          TimeValue(MilliSeconds(100)),
                          MakeTimeAccessor(&L2tpv3Lcce::m_ackDelay),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("HelloInterval",
                          "Send a HELLO this often on an idle connection (§4.4); 0: never",
                          TimeValue(Seconds(60)),
                          MakeTimeAccessor(&L2tpv3Lcce::m_helloInterval),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("HelloJitter",
                          "Each HELLO interval is shortened by up to this fraction, at random",
                          DoubleValue(0.1),
                          MakeDoubleAccessor(&L2tpv3Lcce::m_helloJitter),
                          MakeDoubleChecker<double>(0, 0.5))
            .AddAttribute("TieBreaker",
                          "Send a Control Connection Tie Breaker AVP in SCCRQs (§5.4.3)",
                          BooleanValue(true),
                          MakeBooleanAccessor(&L2tpv3Lcce::m_tieBreaker),
                          MakeBooleanChecker())
            .AddAttribute(
                "CookieLength",
                "Octets of the cookie each session assigns (0, 4 or 8; §5.4.4)",
                UintegerValue(0),
                MakeUintegerAccessor(&L2tpv3Lcce::SetCookieLength, &L2tpv3Lcce::GetCookieLength),
                MakeUintegerChecker<uint8_t>(0, 8))
            .AddAttribute(
                "L2SpecificSublayer",
                "none or default (§4.6): the sublayer the ICRQ sender proposes",
                MakeL2tpv3EnumValue(L2tpv3Sublayer::NONE),
                MakeL2tpv3EnumAccessor(&L2tpv3Lcce::m_sublayer),
                MakeL2tpv3SublayerChecker("L2SpecificSublayer", L2tpv3NameWording::QUOTED))
            .AddAttribute("DataSequencing",
                          "Ask the peer to number all data packets (Data Sequencing 2)",
                          BooleanValue(false),
                          MakeBooleanAccessor(&L2tpv3Lcce::m_sequencing),
                          MakeBooleanChecker())
            .AddAttribute("Reconnect",
                          "Reopen a connection (and its sessions) whose peer died",
                          BooleanValue(true),
                          MakeBooleanAccessor(&L2tpv3Lcce::m_reconnect),
                          MakeBooleanChecker())
            .AddAttribute("ReconnectDelay",
                          "Wait this long before reopening a connection whose peer died",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&L2tpv3Lcce::m_reconnectDelay),
                          MakeTimeChecker(Seconds(0)))
            // RFC 3931 §4.3: "MAY rate-limit ... SCCRQ messages ... against denial of service".
            .AddAttribute("MaxHalfOpenConnections",
                          "SCCRQs answered and waiting for their SCCCN at once; more are "
                          "dropped unanswered and counted (sccrqRefused); 0: no limit",
                          UintegerValue(1024),
                          MakeUintegerAccessor(&L2tpv3Lcce::m_maxHalfOpen),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("MaxControlConnections",
                          "Control connections kept at once; a peer's SCCRQ beyond is dropped "
                          "unanswered and counted (sccrqRefused); 0: no limit. The default, "
                          "4096, bounds what a flood of SCCRQs from many sources can make "
                          "the LCCE keep (each connection holds its channel's state and "
                          "timers) while leaving room for four times MaxHalfOpenConnections "
                          "and for the 1,000-peer benchmarks; raise it for more peers",
                          UintegerValue(4096),
                          MakeUintegerAccessor(&L2tpv3Lcce::m_maxConnections),
                          MakeUintegerChecker<uint32_t>())
            // RFC 3931 §8.1 leaves denial of service to the implementation: a reply to a
            // message for no connection goes to its source address, which anyone can forge.
            .AddAttribute("UnknownReplyRate",
                          "Replies to messages that belong to no connection (a ZLB to a "
                          "StopCCN for an unknown connection, a StopCCN refusing an SCCRQ) "
                          "sent to one source (address and port) per second, in bursts of up "
                          "to one second's worth (at least 1); the rest are dropped and "
                          "counted (replySuppressed); 0: never reply",
                          DoubleValue(2),
                          MakeDoubleAccessor(&L2tpv3Lcce::m_replyRate),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("UnknownReplyTotalRate",
                          "Replies to messages that belong to no connection sent to all "
                          "sources together per second (bursts as UnknownReplyRate); the "
                          "rest are dropped and counted (replySuppressed); 0: never reply",
                          DoubleValue(20),
                          MakeDoubleAccessor(&L2tpv3Lcce::m_replyTotalRate),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("UnknownReplySources",
                          "Sources UnknownReplyRate tracks at once: a table of fixed size, the "
                          "least recently used source evicted (a flood from forged sources "
                          "cannot grow it; UnknownReplyTotalRate bounds what evicted sources "
                          "get)",
                          UintegerValue(1024),
                          MakeUintegerAccessor(&L2tpv3Lcce::m_replySources),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("Secret",
                          "Shared secret for control message authentication (RFC 3931 §4.3: "
                          "Message Digest and Nonce AVPs) and AVP hiding; empty: none",
                          StringValue(""),
                          MakeStringAccessor(&L2tpv3Lcce::SetSecret, &L2tpv3Lcce::GetSecret),
                          MakeStringChecker())
            .AddAttribute(
                "SecondSecret",
                "A second secret also accepted on receive, for rollover (§5.4.1)",
                StringValue(""),
                MakeStringAccessor(&L2tpv3Lcce::SetSecondSecret, &L2tpv3Lcce::GetSecondSecret),
                MakeStringChecker())
            .AddAttribute(
                "DigestAlgorithm",
                "The Message Digest we send: HMAC-MD5 or HMAC-SHA-1 (§5.4.1)",
                DigestEnumValue(L2tpv3ControlAuth::MD5),
                MakeAccessorHelper<DigestEnumValue>(&L2tpv3Lcce::m_digestAlgorithm),
                MakeEnumChecker(L2tpv3ControlAuth::MD5, "MD5", L2tpv3ControlAuth::SHA1, "SHA-1"))
            .AddAttribute("HideAvps",
                          "Hide the AVPs the RFC lets be hidden (§5.3; needs a Secret)",
                          BooleanValue(false),
                          MakeBooleanAccessor(&L2tpv3Lcce::m_hideAvps),
                          MakeBooleanChecker())
            .AddTraceSource("ControlTx",
                            "A control message sent (retransmissions included)",
                            MakeTraceSourceAccessor(&L2tpv3Lcce::m_txTrace),
                            "ns3::L2tpv3Lcce::MessageTracedCallback")
            .AddTraceSource("ControlRx",
                            "A control message received (before the reliable channel)",
                            MakeTraceSourceAccessor(&L2tpv3Lcce::m_rxTrace),
                            "ns3::L2tpv3Lcce::MessageTracedCallback")
            .AddTraceSource("ControlRetransmit",
                            "A control message sent again after a timeout (each connection's "
                            "reliable channel, RFC 3931 §4.2), with its local connection ID",
                            MakeTraceSourceAccessor(&L2tpv3Lcce::m_retransmitTrace),
                            "ns3::L2tpv3Lcce::MessageTracedCallback")
            .AddTraceSource("ControlDrop",
                            "A received control message the reliable channel dropped, and why, "
                            "with its local connection ID",
                            MakeTraceSourceAccessor(&L2tpv3Lcce::m_controlDropTrace),
                            "ns3::L2tpv3Lcce::ControlDropTracedCallback")
            .AddTraceSource("ControlCongestionWindow",
                            "A connection's congestion window (RFC 3931 Appendix A), with its "
                            "local connection ID",
                            MakeTraceSourceAccessor(&L2tpv3Lcce::m_cwndTrace),
                            "ns3::L2tpv3Lcce::CongestionWindowTracedCallback")
            .AddTraceSource("ControlWrongSource",
                            "A control message for a connection of ours from another address or "
                            "UDP port than its peer's (§4.1.2.2), dropped before the reliable "
                            "channel (wrongSource), with the local connection ID and the source",
                            MakeTraceSourceAccessor(&L2tpv3Lcce::m_wrongSourceTrace),
                            "ns3::L2tpv3Lcce::WrongSourceTracedCallback")
            .AddTraceSource("ConnectionState",
                            "A control connection changed state (§7.2)",
                            MakeTraceSourceAccessor(&L2tpv3Lcce::m_connectionStateTrace),
                            "ns3::L2tpv3Lcce::ConnectionStateTracedCallback")
            .AddTraceSource("SessionState",
                            "A session changed state (§7.3)",
                            MakeTraceSourceAccessor(&L2tpv3Lcce::m_sessionStateTrace),
                            "ns3::L2tpv3Lcce::SessionStateTracedCallback")
            .AddTraceSource("SessionUp",
                            "A session was established and its device configured",
                            MakeTraceSourceAccessor(&L2tpv3Lcce::m_upTrace),
                            "ns3::L2tpv3Lcce::SessionUpTracedCallback")
            .AddTraceSource("SessionDown",
                            "An established session ended, with the reason",
                            MakeTraceSourceAccessor(&L2tpv3Lcce::m_downTrace),
                            "ns3::L2tpv3Lcce::SessionDownTracedCallback");
    return tid;
}

std::size_t
L2tpv3Lcce::TypeIndex(const L2tpv3ControlMessage& message)
{
    return static_cast<std::size_t>(message.GetMessageType());
}

std::string
L2tpv3Lcce::AddressKey(const Address& address)
{
    std::ostringstream os;
    os << address;
    return os.str();
}

L2tpv3Lcce::L2tpv3Lcce()
    : m_maxSetupWindow(0),
      m_maxHalfOpen(1024),
      m_maxConnections(4096),
      m_replyRate(2),
      m_replyTotalRate(20),
      m_replySources(1024),
      m_random(CreateObject<UniformRandomVariable>())
{
}

L2tpv3Lcce::~L2tpv3Lcce() = default;

int64_t
L2tpv3Lcce::AssignStreams(int64_t stream)
{
    m_random->SetStream(stream);
    return 1;
}

uint32_t
L2tpv3Lcce::AddPeer(const Address& local, const Address& peer)
{
    L2tpv3NetDevice::CheckTunnel(local, peer);
    Peer added;
    added.local = local;
    added.peer = peer;
    m_peers.push_back(added);
    if (m_running)
    {
        Connect(m_peers.size() - 1);
    }
    return m_peers.size() - 1;
}

void
L2tpv3Lcce::AddPseudowire(uint32_t peer, const std::string& remoteEndId, Ptr<NetDevice> attachment)
{
    if (peer >= m_peers.size())
    {
        throw std::invalid_argument("AddPseudowire: peer " + std::to_string(peer) +
                                    " is not an index AddPeer returned (" +
                                    std::to_string(m_peers.size()) + " peers)");
    }
    m_pseudowires.CheckNew(remoteEndId, "AddPseudowire");
    L2tpv3Pseudowire pw;
    pw.remoteEndId = remoteEndId;
    pw.attachment = attachment;
    pw.initiate = true;
    pw.peer = peer;
    pw.device = CreateDevice(attachment);
    m_peers[peer].pseudowires.push_back(m_pseudowires.Add(pw, "AddPseudowire"));
    auto it = m_connections.find(m_peers[peer].connection);
    if (m_running && it != m_connections.end())
    {
        OpenSession(it->second, remoteEndId); // added while the connection runs
    }
}

void
L2tpv3Lcce::OfferPseudowire(const std::string& remoteEndId, Ptr<NetDevice> attachment)
{
    m_pseudowires.CheckNew(remoteEndId, "OfferPseudowire");
    L2tpv3Pseudowire pw;
    pw.remoteEndId = remoteEndId;
    pw.attachment = attachment;
    pw.device = CreateDevice(attachment);
    m_pseudowires.Add(pw, "OfferPseudowire");
}

void
L2tpv3Lcce::OfferAnyPseudowire(Ptr<NetDevice> attachment)
{
    if (!GetNode())
    {
        throw std::invalid_argument(
            "OfferAnyPseudowire: add the LCCE to a node before its pseudowires");
    }
    m_offerAny = true;
    m_anyAttachment = attachment;
}

void
L2tpv3Lcce::SetDeviceFactory(Ptr<L2tpv3DeviceFactory> factory)
{
    if (!factory)
    {
        throw std::invalid_argument("L2tpv3Lcce::SetDeviceFactory: factory is null");
    }
    m_deviceFactory = factory;
}

Ptr<L2tpv3DeviceFactory>
L2tpv3Lcce::GetDeviceFactory()
{
    if (!m_deviceFactory)
    {
        m_deviceFactory = CreateObject<L2tpv3DeviceFactory>();
    }
    return m_deviceFactory;
}

Ptr<L2tpv3NetDevice>
L2tpv3Lcce::CreateDevice(Ptr<NetDevice> attachment)
{
    if (!GetNode())
    {
        throw std::invalid_argument("L2tpv3Lcce: add the LCCE to a node before its pseudowires");
    }
    return GetDeviceFactory()->Create(GetNode(), attachment);
}

void
L2tpv3Lcce::SetCookieLength(uint8_t length)
{
    // RFC 3931 §4.1: "the cookie ... 0, 32, or 64 bits"; refused here, when it is set.
    if (length != 0 && length != 4 && length != 8)
    {
        throw std::invalid_argument("CookieLength " + std::to_string(length) +
                                    ": must be 0, 4 or 8");
    }
    m_cookieLength = length;
}

uint8_t
L2tpv3Lcce::GetCookieLength() const
{
    return m_cookieLength;
}

void
L2tpv3Lcce::StartApplication()
{
    NS_LOG_FUNCTION(this);
    if (m_sequencing && m_sublayer == L2tpv3Sublayer::NONE)
    {
        throw std::invalid_argument(
            "DataSequencing needs L2SpecificSublayer default (RFC 3931 §4.6)");
    }
    m_replyLimiter.Configure(m_replyRate, m_replyTotalRate, m_replySources);
    m_l4 = L2tpv3L4Protocol::GetOrCreate(GetNode());
    m_l4->SetControlCallback(MakeCallback(&L2tpv3Lcce::ReceiveControl, this));
    if (m_encapsulation == L2tpv3Encapsulation::UDP)
    {
        if (GetNode()->GetObject<Ipv4>())
        {
            m_l4->OpenUdpPort(m_udpPort, false);
        }
        if (GetNode()->GetObject<Ipv6>())
        {
            m_l4->OpenUdpPort(m_udpPort, true);
        }
    }
    if (m_routerId == 0)
    {
        m_routerId = GetNode()->GetId() + 1;
    }
    m_running = true;
    for (uint32_t i = 0; i < m_peers.size(); ++i)
    {
        Connect(i);
    }
}

void
L2tpv3Lcce::StopApplication()
{
    NS_LOG_FUNCTION(this);
    CloseAll();
    m_running = false;
}

void
L2tpv3Lcce::CloseAll()
{
    std::vector<Ptr<L2tpv3ControlConnection>> all;
    for (const auto& [id, c] : m_connections)
    {
        all.push_back(c);
    }
    for (const auto& c : all)
    {
        if (c->GetState() != L2tpv3ConnectionState::IDLE)
        {
            c->Handle(L2tpv3ConnectionEvent::ADMIN_CLOSE);
        }
    }
    for (auto& peer : m_peers)
    {
        peer.connection = 0;
    }
}

bool
L2tpv3Lcce::ClosePseudowire(const std::string& remoteEndId, uint16_t resultCode)
{
    if (!m_pseudowires.Find(remoteEndId))
    {
        throw std::invalid_argument("ClosePseudowire: remoteEndId '" + remoteEndId +
                                    "' names no pseudowire of this LCCE");
    }
    if (resultCode == 0)
    {
        // RFC 3931 §5.4.2: CDN Result Code 0 is reserved.
        throw std::invalid_argument("ClosePseudowire: resultCode 0 is reserved (RFC 3931 "
                                    "§5.4.2); use 1 to 5 or 13 to 16");
    }
    Ptr<L2tpv3ControlSession> s = FindSession(remoteEndId);
    if (!s)
    {
        return false;
    }
    // §7.3.1 and §7.3.2: "local close request": send CDN, clean up; the connection stays.
    return s->Close(resultCode);
}

void
L2tpv3Lcce::DoDispose()
{
    // No event may point at this LCCE once it is gone: a Forget runs a full retransmission
    // cycle after its connection closed (§7.1), a reconnection ReconnectDelay after a death.
    for (auto& [id, event] : m_forgetEvents)
    {
        event.Cancel();
    }
    m_forgetEvents.clear();
    for (auto& peer : m_peers)
    {
        peer.reconnect.Cancel();
    }
    for (const auto& [id, c] : m_connections)
    {
        c->GetChannel()->Close();
        c->GetChannel()->Dispose();
        m_retired.push_back(c);
    }
    m_connections.clear();
    if (m_l4)
    {
        m_l4->SetControlCallback(Callback<void, Ptr<Packet>, const L2tpv3ControlSource&>());
    }
    m_l4 = nullptr;
    m_retired.clear();
    m_pseudowires.Clear();
    m_anyAttachment = nullptr;
    m_deviceFactory = nullptr;
    Application::DoDispose();
}

Ptr<L2tpv3ControlConnection>
L2tpv3Lcce::CreateConnection(const Address& local, const Address& peer, uint16_t peerPort)
{
    uint32_t id;
    do
    {
        id = m_random->GetInteger(1, 0xffffffffU);
    } while (m_connections.count(id));
    L2tpv3ControlConnectionOwner* owner = this;
    Ptr<L2tpv3ControlConnection> c = Create<L2tpv3ControlConnection>(owner,
                                                                     MakeControlConfig(),
                                                                     m_random,
                                                                     id,
                                                                     local,
                                                                     peer,
                                                                     peerPort);
    m_connections[id] = c;
    ForwardChannelTraces(c);
    return c;
}

void
L2tpv3Lcce::Connect(uint32_t index)
{
    Peer& peer = m_peers[index];
    Ptr<L2tpv3ControlConnection> c = CreateConnection(peer.local, peer.peer, m_peerUdpPort);
    peer.connection = c->GetLocalId();
    m_peerOfConnection[c->GetLocalId()] = index;
    // The peer's own list, not a scan of every pseudowire (1,000 peers of 10 made one).
    for (std::size_t i : peer.pseudowires)
    {
        OpenSession(c, m_pseudowires.At(i).remoteEndId);
    }
    c->Handle(L2tpv3ConnectionEvent::LOCAL_OPEN);
}

void
L2tpv3Lcce::OpenSession(Ptr<L2tpv3ControlConnection> c, const std::string& remoteEndId)
{
    L2tpv3SessionParameters p;
    p.localSessionId = AllocateSessionId();
    p.localCookie = L2tpv3DrawCookie(m_random, m_cookieLength);
    p.remoteEndId = remoteEndId;
    p.sublayer = m_sublayer == L2tpv3Sublayer::DEFAULT ? 1 : 0;
    p.requireSequence = m_sequencing;
    p.serialNumber = static_cast<uint32_t>(m_random->GetInteger(1, 0xffffffffU));
    p.tieBreaker = m_tieBreaker ? L2tpv3DrawTieBreaker(m_random) : 0;
    c->OpenSession(p);
}

Ptr<L2tpv3ControlSession>
L2tpv3Lcce::FindSession(const std::string& remoteEndId) const
{
    for (const auto& [id, c] : m_connections)
    {
        for (const auto& [sid, s] : c->GetSessions())
        {
            if (s->GetParameters().remoteEndId == remoteEndId &&
                s->GetState() != L2tpv3SessionState::IDLE)
            {
                return s;
            }
        }
    }
    return nullptr;
}

bool
L2tpv3Lcce::SetCircuitStatus(const std::string& remoteEndId, bool active)
{
    if (!m_pseudowires.Find(remoteEndId))
    {
        throw std::invalid_argument("SetCircuitStatus: no pseudowire with Remote End ID '" +
                                    remoteEndId + "'");
    }
    Ptr<L2tpv3ControlSession> s = FindSession(remoteEndId);
    if (!s || s->GetState() != L2tpv3SessionState::ESTABLISHED)
    {
        return false;
    }
    s->SendSli(active);
    return true;
}

bool
L2tpv3Lcce::GetRemoteCircuitActive(const std::string& remoteEndId) const
{
    if (!m_pseudowires.Find(remoteEndId))
    {
        throw std::invalid_argument("GetRemoteCircuitActive: no pseudowire with Remote End ID '" +
                                    remoteEndId + "'");
    }
    Ptr<L2tpv3ControlSession> s = FindSession(remoteEndId);
    return !s || s->GetParameters().remoteCircuitActive;
}

L2tpv3CallOffer
L2tpv3Lcce::IncomingCall(const std::string& remoteEndId)
{
    const L2tpv3Pseudowire* pw = m_pseudowires.Find(remoteEndId);
    if (!pw && m_offerAny && !remoteEndId.empty())
    {
        // The catch-all offer (OfferAnyPseudowire): offered now, as OfferPseudowire would.
        OfferPseudowire(remoteEndId, m_anyAttachment);
        pw = m_pseudowires.Find(remoteEndId);
    }
    if (!pw)
    {
        return L2tpv3CallOffer::NOT_OFFERED;
    }
    if (pw->initiate)
    {
        return L2tpv3CallOffer::INITIATED;
    }
    return m_pseudowires.InUse(pw->remoteEndId) ? L2tpv3CallOffer::IN_USE
                                                : L2tpv3CallOffer::OFFERED;
}

L2tpv3ControlConfig
L2tpv3Lcce::MakeControlConfig() const
{
    L2tpv3ControlConfig config;
    config.hostName = m_hostName;
    config.routerId = m_routerId;
    config.receiveWindow = m_receiveWindow;
    config.maxSetupWindow = m_maxSetupWindow;
    config.retransmitTimeout = m_retransmitTimeout;
    config.retransmitCap = m_retransmitCap;
    config.maxRetries = m_maxRetries;
    config.ackDelay = m_ackDelay;
    config.helloInterval = m_helloInterval;
    config.helloJitter = m_helloJitter;
    config.tieBreaker = m_tieBreaker;
    config.sublayer = m_sublayer == L2tpv3Sublayer::DEFAULT ? 1 : 0;
    config.sequencing = m_sequencing;
    config.cookieLength = m_cookieLength;
    config.authenticates = Authenticates();
    return config;
}

void
L2tpv3Lcce::ConnectionChanged(const L2tpv3ControlConnection& connection,
                              L2tpv3ConnectionState from,
                              L2tpv3ConnectionState to)
{
    NS_LOG_INFO("connection " << connection.GetLocalId() << " " << L2tpv3ConnectionStateName(from)
                              << " -> " << L2tpv3ConnectionStateName(to));
    // Half-open: a peer's SCCRQ answered, its SCCCN awaited (MaxHalfOpenConnections).
    m_halfOpen += (to == L2tpv3ConnectionState::WAIT_CTL_CONN);
    m_halfOpen -= (from == L2tpv3ConnectionState::WAIT_CTL_CONN && m_halfOpen > 0);
    if (to == L2tpv3ConnectionState::ESTABLISHED)
    {
        ++m_counters.connectionsEstablished;
        if (connection.GetPeerRouterId() != 0)
        {
            m_routerIdOf[AddressKey(connection.GetPeer())] = connection.GetPeerRouterId();
        }
    }
    m_connectionStateTrace(connection.GetLocalId(), from, to);
}

void
L2tpv3Lcce::Finish(const L2tpv3ControlConnection& connection, Time delay, bool peerDead)
{
    if (m_admitting)
    {
        // Refused while reading its first SCCRQ: ReceiveControl discards it at once.
        m_admittingFinished = true;
        return;
    }
    // One Forget per connection, the earliest: a later one would find the connection gone,
    // or a new connection that reused its local ID.
    EventId& forget = m_forgetEvents[connection.GetLocalId()];
    if (forget.IsExpired() || Simulator::Now() + delay < TimeStep(forget.GetTs()))
    {
        forget.Cancel();
        forget = Simulator::Schedule(delay,
                                     &L2tpv3Lcce::Forget,
                                     this,
                                     connection.GetLocalId(),
                                     peerDead);
    }
    auto it = m_peerOfConnection.find(connection.GetLocalId());
    if (it != m_peerOfConnection.end() && m_peers[it->second].connection == connection.GetLocalId())
    {
        m_peers[it->second].connection = 0;
        if (peerDead && m_reconnect && m_running)
        {
            uint32_t index = it->second;
            m_peers[index].reconnect.Cancel();
            m_peers[index].reconnect = Simulator::Schedule(m_reconnectDelay, [this, index]() {
                if (m_running && m_peers[index].connection == 0)
                {
                    Connect(index);
                }
            });
        }
    }
}

void
L2tpv3Lcce::CancelForget(uint32_t localId)
{
    auto event = m_forgetEvents.find(localId);
    if (event != m_forgetEvents.end())
    {
        event->second.Cancel();
        m_forgetEvents.erase(event);
    }
}

void
L2tpv3Lcce::RetireChannels(const L2tpv3ControlConnection& connection)
{
    AddConnectionDrops(m_retiredChannels, connection);
}

void
L2tpv3Lcce::Forget(uint32_t localId, bool peerDead)
{
    CancelForget(localId);
    auto it = m_connections.find(localId);
    if (it == m_connections.end())
    {
        return;
    }
    Ptr<L2tpv3ControlConnection> c = it->second;
    RetireChannels(*c);
    // §7.1 below reads the current channel alone: one replaced by a tie or a restart
    // (§5.4.3) never carried a StopCCN.
    const L2tpv3ControlChannelCounters& cc = c->GetChannel()->GetCounters();
    if (!peerDead && c->GetState() == L2tpv3ConnectionState::IDLE &&
        (c->GetChannel()->GetInFlight() > 0 || cc.timeouts > 0))
    {
        // §7.1: the StopCCN's retransmission cycle ran out: the peer forgot the connection.
        // Or the channel gave up on a message sent before the StopCCN (a HELLO to a silent
        // peer) and dropped the StopCCN with it: unacknowledged all the same. (A channel
        // that gives up while the connection is open makes a peer death instead.)
        ++m_counters.stopCcnUnacknowledged;
    }
    c->GetChannel()->Close();
    m_connections.erase(it);
    m_peerOfConnection.erase(localId);
    for (auto s = m_bySccrq.begin(); s != m_bySccrq.end();)
    {
        s = s->second == localId ? m_bySccrq.erase(s) : std::next(s);
    }
    // Disposed later: a timer of the channel may still be on the stack.
    m_retired.push_back(c);
}

void
L2tpv3Lcce::SessionChanged(const L2tpv3ControlSession& session,
                           L2tpv3SessionState from,
                           L2tpv3SessionState to,
                           L2tpv3SessionDownReason reason)
{
    NS_LOG_INFO("session " << session.GetParameters().localSessionId << " "
                           << L2tpv3SessionStateName(from) << " -> " << L2tpv3SessionStateName(to));
    m_sessionStateTrace(session.GetParameters().localSessionId, from, to);
    // A session leaves IDLE with its Remote End ID known (the sender's from the start,
    // the recipient's from the ICRQ it accepts) and is forgotten when it returns to IDLE.
    bool wasIdle = from == L2tpv3SessionState::IDLE;
    bool isIdle = to == L2tpv3SessionState::IDLE;
    if (wasIdle != isIdle)
    {
        m_pseudowires.CountSession(session.GetParameters().remoteEndId, isIdle);
    }
    if (to == L2tpv3SessionState::ESTABLISHED)
    {
        SessionUp(session);
    }
    else if (from == L2tpv3SessionState::ESTABLISHED && to == L2tpv3SessionState::IDLE)
    {
        SessionDown(session, reason);
    }
}

void
L2tpv3Lcce::SessionUp(const L2tpv3ControlSession& session)
{
    const L2tpv3SessionParameters& p = session.GetParameters();
    const L2tpv3ControlConnection* c = session.GetConnection();
    const L2tpv3Pseudowire* pw = m_pseudowires.Find(p.remoteEndId);
    if (!pw)
    {
        return;
    }
    Ptr<L2tpv3NetDevice> d = pw->device;
    if (d->GetLocalSessionId() != 0 || d->GetRemoteSessionId() != 0)
    {
        d->DeleteSession(); // an older session still holds the device: it ends first
    }
    // The device's own settings (MtuPolicy, Mtu, and UDP ports over IP) stay; the
    // negotiated ones are set, the device comes up in one step (RFC 3931 Appendix C:
    // its sequence numbers start at zero).
    L2tpv3SessionConfig config = d->GetSessionConfig();
    config.encapsulation = m_encapsulation;
    if (m_encapsulation == L2tpv3Encapsulation::UDP)
    {
        config.udpSourcePort = m_udpPort;
        config.udpDestinationPort = c->GetPeerPort();
        config.udpChecksum = m_udpChecksum;
    }
    config.tunnelSource = c->GetLocal();
    config.tunnelDestination = c->GetPeer();
    config.localCookie = p.localCookie;
    config.remoteCookie = p.remoteCookie;
    config.sublayer = p.sublayer == 1 ? L2tpv3Sublayer::DEFAULT : L2tpv3Sublayer::NONE;
    config.sendSequence = p.sendSequence;
    config.requireSequence = p.requireSequence;
    config.localSessionId = p.localSessionId;
    config.remoteSessionId = p.remoteSessionId;
    d->Configure(config);
    ++m_sessionsUp;
    ++m_counters.sessionsUp;
    m_upTrace(p, d);
}

void
L2tpv3Lcce::SessionDown(const L2tpv3ControlSession& session, L2tpv3SessionDownReason reason)
{
    const L2tpv3SessionParameters& p = session.GetParameters();
    const L2tpv3Pseudowire* pw = m_pseudowires.Find(p.remoteEndId);
    if (pw && pw->device && pw->device->GetLocalSessionId() == p.localSessionId)
    {
        pw->device->DeleteSession();
    }
    if (m_sessionsUp > 0)
    {
        --m_sessionsUp;
    }
    ++m_counters.sessionsDown[static_cast<std::size_t>(reason)];
    m_downTrace(p, reason);
}

void
L2tpv3Lcce::Count(L2tpv3ControlCounter counter, uint16_t resultCode)
{
    switch (counter)
    {
    case L2tpv3ControlCounter::PROTOCOL_ERROR:
        ++m_counters.protocolErrors;
        break;
    case L2tpv3ControlCounter::UNKNOWN_SESSION:
        ++m_counters.unknownSession;
        break;
    case L2tpv3ControlCounter::STOPCCN_SENT:
        if (m_admitting)
        {
            m_admittingStop = resultCode; // counted once on the wire (Transmit)
            break;
        }
        ++m_counters.stopCcnSent[resultCode];
        break;
    case L2tpv3ControlCounter::STOPCCN_RECEIVED:
        ++m_counters.stopCcnReceived[resultCode];
        break;
    case L2tpv3ControlCounter::CDN_SENT:
        ++m_counters.cdnSent[resultCode];
        break;
    case L2tpv3ControlCounter::CDN_RECEIVED:
        ++m_counters.cdnReceived[resultCode];
        break;
    case L2tpv3ControlCounter::TIMEOUT:
        ++m_counters.timeouts;
        break;
    case L2tpv3ControlCounter::NONCE_MISSING:
        ++m_counters.rxNonceMissing;
        break;
    }
}

void
L2tpv3Lcce::CountStopCcn(bool sent, uint16_t resultCode)
{
    Count(sent ? L2tpv3ControlCounter::STOPCCN_SENT : L2tpv3ControlCounter::STOPCCN_RECEIVED,
          resultCode);
}

L2tpv3LcceCounters
L2tpv3Lcce::GetCounters() const
{
    // The channels' counters: of the connections forgotten, then of every channel, current
    // or replaced, of the connections held.
    L2tpv3ControlChannelCounters channels = m_retiredChannels;
    for (const auto& [id, connection] : m_connections)
    {
        AddConnectionDrops(channels, *connection);
    }
    L2tpv3LcceCounters c = m_counters;
    c.retransmissions = channels.retransmissions;
    c.duplicates = channels.duplicates;
    c.outOfWindow = channels.outOfWindow;
    c.invalidNr = channels.invalidNr;
    c.afterClose = channels.afterClose;
    return c;
}

std::map<uint32_t, Ptr<const L2tpv3ControlConnection>>
L2tpv3Lcce::GetConnections() const
{
    return {m_connections.begin(), m_connections.end()};
}

uint32_t
L2tpv3Lcce::GetNSessionsUp() const
{
    return m_sessionsUp;
}

uint32_t
L2tpv3Lcce::GetNHalfOpen() const
{
    return m_halfOpen;
}

uint32_t
L2tpv3Lcce::GetNReplySources() const
{
    return m_replyLimiter.GetNSources();
}

Ptr<L2tpv3NetDevice>
L2tpv3Lcce::GetDevice(const std::string& remoteEndId) const
{
    const L2tpv3Pseudowire* pw = m_pseudowires.Find(remoteEndId);
    return pw ? pw->device : nullptr;
}

bool
L2tpv3Lcce::Authenticates() const
{
    return m_security.IsEnabled();
}

void
L2tpv3Lcce::SetSecret(std::string secret)
{
    m_secret = secret;
    m_security.SetSecrets(m_secret, m_secondSecret);
}

std::string
L2tpv3Lcce::GetSecret() const
{
    return m_secret;
}

void
L2tpv3Lcce::SetSecondSecret(std::string secret)
{
    m_secondSecret = secret;
    SetSecret(m_secret);
}

std::string
L2tpv3Lcce::GetSecondSecret() const
{
    return m_secondSecret;
}

uint32_t
L2tpv3Lcce::AllocateSessionId()
{
    Ptr<L2tpv3L4Protocol> l4 = m_l4 ? m_l4 : L2tpv3L4Protocol::GetOrCreate(GetNode());
    return m_sessionIds.Allocate(m_random, l4, m_connections, m_pseudowires);
}

} // namespace ns3
