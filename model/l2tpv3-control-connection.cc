/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-control-connection.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

#include <utility>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpv3ControlConnection");

namespace
{
/// StopCCN Result Codes (RFC 3931 §5.4.2).
constexpr uint16_t STOP_CLEAR = 1;
constexpr uint16_t STOP_GENERAL_ERROR = 2;
constexpr uint16_t STOP_ALREADY_EXISTS = 3;
constexpr uint16_t STOP_NOT_AUTHORIZED = 4;
constexpr uint16_t STOP_FSM_ERROR = 7;
/// General Error Codes (§5.4.2).
constexpr uint16_t ERROR_OUT_OF_RANGE = 3;
constexpr uint16_t ERROR_INVALID_SESSION_ID = 5;
constexpr uint16_t ERROR_UNKNOWN_MANDATORY_AVP = 8;
/// Pseudowire types the LCCE carries (RFC 4719 §4): Ethernet VLAN and Ethernet.
constexpr uint16_t PW_ETHERNET_VLAN = 4;
constexpr uint16_t PW_ETHERNET = 5;

/**
 * \brief Add one channel's counters to a sum, field by field.
 * \param sum the sum
 * \param c the counters added
 */
void
AddChannelCounters(L2tpv3ControlChannelCounters& sum, const L2tpv3ControlChannelCounters& c)
{
    // Every field below: a field added to the struct must be added here too.
    static_assert(sizeof(L2tpv3ControlChannelCounters) == 12 * sizeof(uint64_t),
                  "L2tpv3ControlChannelCounters changed: update AddChannelCounters");
    sum.txMessages += c.txMessages;
    sum.rxMessages += c.rxMessages;
    sum.retransmissions += c.retransmissions;
    sum.duplicates += c.duplicates;
    sum.outOfWindow += c.outOfWindow;
    sum.invalidNr += c.invalidNr;
    sum.queuedOutOfOrder += c.queuedOutOfOrder;
    sum.zlbSent += c.zlbSent;
    sum.zlbReceived += c.zlbReceived;
    sum.acked += c.acked;
    sum.timeouts += c.timeouts;
    sum.afterClose += c.afterClose;
}
} // namespace

std::string
L2tpv3ConnectionStateName(L2tpv3ConnectionState state)
{
    switch (state)
    {
    case L2tpv3ConnectionState::IDLE:
        return "idle";
    case L2tpv3ConnectionState::WAIT_CTL_REPLY:
        return "wait-ctl-reply";
    case L2tpv3ConnectionState::WAIT_CTL_CONN:
        return "wait-ctl-conn";
    case L2tpv3ConnectionState::ESTABLISHED:
        return "established";
    }
    return "?";
}

L2tpv3Tie
L2tpv3BreakTie(uint64_t ours, bool theyHave, uint64_t theirs)
{
    if (!theyHave && ours == 0)
    {
        return L2tpv3Tie::NONE; // §5.4.3: neither side sent one: two connections are opened
    }
    if (theyHave && ours != 0 && theirs == ours)
    {
        return L2tpv3Tie::EQUAL;
    }
    // §5.4.3, §5.4.4: the lower value wins; one that sent a tie breaker wins over one that
    // did not.
    bool weWin = !theyHave || (ours != 0 && ours < theirs);
    return weWin ? L2tpv3Tie::WIN : L2tpv3Tie::LOSE;
}

std::vector<uint8_t>
L2tpv3DrawNonce(Ptr<UniformRandomVariable> random)
{
    // §5.4.1 asks for a cryptographically random nonce; a simulation draws it from its
    // own seeded stream, so that runs repeat.
    std::vector<uint8_t> nonce(16);
    for (auto& octet : nonce)
    {
        octet = static_cast<uint8_t>(random->GetInteger(0, 255));
    }
    return nonce;
}

uint64_t
L2tpv3DrawTieBreaker(Ptr<UniformRandomVariable> random)
{
    uint64_t high = random->GetInteger(0, 0xffffffffU);
    uint64_t low = random->GetInteger(1, 0xffffffffU);
    return (high << 32) | low;
}

L2tpv3Cookie
L2tpv3DrawCookie(Ptr<UniformRandomVariable> random, uint8_t length)
{
    if (length == 0)
    {
        return L2tpv3Cookie();
    }
    uint64_t value = random->GetInteger(0, 0xffffffffU);
    if (length == 8)
    {
        value = (value << 32) | random->GetInteger(0, 0xffffffffU);
    }
    return L2tpv3Cookie(length, value);
}

using S = L2tpv3ConnectionState;
using E = L2tpv3ConnectionEvent;

const std::vector<L2tpv3ControlConnection::Fsm::Row>&
L2tpv3ControlConnection::Table()
{
    // RFC 3931 §7.2, row for row; the last three rows are §4.2, §4.4 and §5.2/§7.1.
    using C = L2tpv3ControlConnection;
    static const std::vector<Fsm::Row> table = {
        {{S::IDLE}, E::LOCAL_OPEN, &C::SendSccrq, S::WAIT_CTL_REPLY},
        {{S::IDLE}, E::RX_SCCRQ_ACCEPTABLE, &C::SendSccrp, S::WAIT_CTL_CONN},
        {{S::IDLE}, E::RX_SCCRQ_NOT_ACCEPTABLE, &C::SendStopCcnCleanUp, S::IDLE},
        {{S::IDLE}, E::RX_SCCRP, &C::SendStopCcnCleanUp, S::IDLE},
        {{S::IDLE}, E::RX_SCCCN, &C::SendStopCcnCleanUp, S::IDLE},
        {{S::WAIT_CTL_REPLY}, E::RX_SCCRP_ACCEPTABLE, &C::SendScccnOpenSessions, S::ESTABLISHED},
        {{S::WAIT_CTL_REPLY}, E::RX_SCCRP_NOT_ACCEPTABLE, &C::SendStopCcnCleanUp, S::IDLE},
        {{S::WAIT_CTL_REPLY},
         E::RX_SCCRQ_LOSE_TIE_ACCEPTABLE,
         &C::CleanUpLosingSendSccrp,
         S::WAIT_CTL_CONN},
        {{S::WAIT_CTL_REPLY},
         E::RX_SCCRQ_LOSE_TIE_NOT_ACCEPTABLE,
         &C::CleanUpLosingSendStopCcn,
         S::IDLE},
        {{S::WAIT_CTL_REPLY}, E::RX_SCCRQ_WIN_TIE, &C::SendStopCcnForLosing, S::WAIT_CTL_REPLY},
        // §5.4.3: "the value is equal, both sides MUST discard their control connections and
        // restart control connection negotiation with a new, random tie breaker value".
        {{S::WAIT_CTL_REPLY},
         E::RX_SCCRQ_EQUAL_TIE,
         &C::DiscardRestartNewTieBreaker,
         S::WAIT_CTL_REPLY},
        {{S::WAIT_CTL_REPLY}, E::RX_SCCCN, &C::SendStopCcnCleanUp, S::IDLE},
        {{S::WAIT_CTL_CONN}, E::RX_SCCCN_ACCEPTABLE, &C::OpenSessions, S::ESTABLISHED},
        {{S::WAIT_CTL_CONN}, E::RX_SCCCN_NOT_ACCEPTABLE, &C::SendStopCcnCleanUp, S::IDLE},
        {{S::WAIT_CTL_CONN}, E::RX_SCCRQ, &C::SendStopCcnCleanUp, S::IDLE},
        {{S::WAIT_CTL_CONN}, E::RX_SCCRP, &C::SendStopCcnCleanUp, S::IDLE},
        {{S::ESTABLISHED}, E::ADMIN_CLOSE, &C::SendStopCcnCleanUp, S::IDLE},
        {{S::ESTABLISHED}, E::RX_SCCRQ, &C::SendStopCcnCleanUp, S::IDLE},
        {{S::ESTABLISHED}, E::RX_SCCRP, &C::SendStopCcnCleanUp, S::IDLE},
        {{S::ESTABLISHED}, E::RX_SCCCN, &C::SendStopCcnCleanUp, S::IDLE},
        {{S::IDLE, S::WAIT_CTL_REPLY, S::WAIT_CTL_CONN, S::ESTABLISHED},
         E::RX_STOPCCN,
         &C::CleanUp,
         S::IDLE},
        {{S::WAIT_CTL_REPLY, S::WAIT_CTL_CONN, S::ESTABLISHED},
         E::PEER_TIMEOUT,
         &C::PeerDead,
         S::IDLE},
        // §7.1: after a StopCCN "the reliable delivery mechanism must be allowed to run";
        // when it runs out unacknowledged the state goes all the same (not an error; the
        // LCCE counts it when it forgets the connection).
        {{S::IDLE}, E::PEER_TIMEOUT, nullptr, S::IDLE},
        {{S::WAIT_CTL_CONN}, E::RX_HELLO, &C::HelloReceived, S::WAIT_CTL_CONN},
        {{S::ESTABLISHED}, E::RX_HELLO, &C::HelloReceived, S::ESTABLISHED},
        {{S::WAIT_CTL_REPLY, S::WAIT_CTL_CONN, S::ESTABLISHED},
         E::RX_MALFORMED,
         &C::SendStopCcnCleanUp,
         S::IDLE},
        {{S::WAIT_CTL_REPLY, S::WAIT_CTL_CONN}, E::ADMIN_CLOSE, &C::SendStopCcnCleanUp, S::IDLE},
        // §5.2, §7.1: an SCCRQ, SCCRP or SCCCN with an AVP error is refused in every state,
        // idle included (a StopCCN to the ID it assigned).
        {{S::IDLE, S::WAIT_CTL_REPLY, S::WAIT_CTL_CONN, S::ESTABLISHED},
         E::RX_INVALID,
         &C::SendStopCcnCleanUp,
         S::IDLE},
    };
    return table;
}

std::vector<L2tpv3FsmRowInfo>
L2tpv3ControlConnection::DescribeTable()
{
    return Fsm::Describe(Table());
}

L2tpv3ControlConnection::L2tpv3ControlConnection(L2tpv3ControlConnectionOwner* owner,
                                                 const L2tpv3ControlConfig& config,
                                                 Ptr<UniformRandomVariable> random,
                                                 uint32_t localId,
                                                 const Address& local,
                                                 const Address& peer,
                                                 uint16_t peerPort)
    : m_owner(owner),
      m_config(config),
      m_random(random),
      m_localId(localId),
      m_local(local),
      m_peer(peer),
      m_peerPort(peerPort),
      m_fsm(this, Table(), S::IDLE),
      m_openedAt(Simulator::Now()),
      m_lastReceived(Simulator::Now())
{
    NewChannel();
    if (m_config.authenticates)
    {
        m_localNonce = L2tpv3DrawNonce(m_random);
    }
}

L2tpv3ControlConnection::~L2tpv3ControlConnection()
{
    m_helloEvent.Cancel();
}

L2tpv3ConnectionState
L2tpv3ControlConnection::GetState() const
{
    return m_fsm.GetState();
}

uint32_t
L2tpv3ControlConnection::GetLocalId() const
{
    return m_localId;
}

uint32_t
L2tpv3ControlConnection::GetPeerId() const
{
    return m_peerId;
}

const Address&
L2tpv3ControlConnection::GetPeer() const
{
    return m_peer;
}

const Address&
L2tpv3ControlConnection::GetLocal() const
{
    return m_local;
}

uint16_t
L2tpv3ControlConnection::GetPeerPort() const
{
    return m_peerPort;
}

uint32_t
L2tpv3ControlConnection::GetPeerRouterId() const
{
    return m_peerRouterId;
}

void
L2tpv3ControlConnection::NewChannel()
{
    if (m_channel)
    {
        m_channel->Close();
        // §5.4.3: a tie lost or a restart discards the channel with its Ns space; what it
        // counted is kept. Closed and no longer reachable (nothing hands it a message any
        // more), it counts nothing after this.
        AddChannelCounters(m_replacedChannels, m_channel->GetCounters());
    }
    // A copy of one channel made with CreateObject, then configured: Configure below sets
    // every attribute the channel has, so ns-3's attribute construction per channel (each
    // attribute's default looked up and set by name) would only be overwritten, and it was a
    // fifth of opening a connection (the state-machine fuzzer opens one every few
    // operations). The copy has the channel's TypeId, so its attributes and traces are found
    // by name as before.
    static const Ptr<const L2tpv3ControlChannel> prototype = CreateObject<L2tpv3ControlChannel>();
    m_channel = CopyObject<L2tpv3ControlChannel>(prototype);
    // §6.15: "ZLB messages are only permitted when Control Message Authentication ... is not
    // enabled": acknowledgements become ACK messages, which carry a digest.
    m_channel->Configure(m_config.retransmitTimeout,
                         m_config.retransmitCap,
                         m_config.maxRetries,
                         m_config.ackDelay,
                         m_config.receiveWindow,
                         m_config.authenticates);
    // Lifted when the connection's first session is up (SessionEntered).
    m_channel->SetSendWindowCap(m_config.maxSetupWindow);
    m_channel->SetOwner(this);
    m_sentAny = false;
}

const L2tpv3ControlConfig&
L2tpv3ControlConnection::GetConfig() const
{
    return m_config;
}

Ptr<L2tpv3ControlChannel>
L2tpv3ControlConnection::GetChannel()
{
    return m_channel;
}

Ptr<const L2tpv3ControlChannel>
L2tpv3ControlConnection::GetChannel() const
{
    return m_channel;
}

const L2tpv3ControlChannelCounters&
L2tpv3ControlConnection::GetReplacedChannelCounters() const
{
    return m_replacedChannels;
}

const std::string&
L2tpv3ControlConnection::GetPeerHostName() const
{
    return m_peerHostName;
}

Time
L2tpv3ControlConnection::GetOpenedAt() const
{
    return m_openedAt;
}

Time
L2tpv3ControlConnection::GetEstablishedAt() const
{
    return m_establishedAt;
}

bool
L2tpv3ControlConnection::IsInitiator() const
{
    return m_initiator;
}

bool
L2tpv3ControlConnection::LostTie() const
{
    return m_lostTie;
}

uint64_t
L2tpv3ControlConnection::GetTieBreaker() const
{
    return m_tieBreaker;
}

const std::vector<uint8_t>&
L2tpv3ControlConnection::GetLocalNonce() const
{
    return m_localNonce;
}

const std::vector<uint8_t>&
L2tpv3ControlConnection::GetRemoteNonce() const
{
    return m_remoteNonce;
}

void
L2tpv3ControlConnection::SetNonces(const std::vector<uint8_t>& local,
                                   const std::vector<uint8_t>& remote)
{
    m_localNonce = local;
    m_remoteNonce = remote;
}

uint16_t
L2tpv3ControlConnection::GetLastResultCode() const
{
    return m_lastResult;
}

bool
L2tpv3ControlConnection::Handle(L2tpv3ConnectionEvent event)
{
    L2tpv3ConnectionInput in;
    if (event == E::ADMIN_CLOSE)
    {
        in.stop.result = STOP_CLEAR;
    }
    S from = m_fsm.GetState();
    bool handled = m_fsm.Handle(event, in);
    if (handled)
    {
        Changed(from);
    }
    return handled;
}

void
L2tpv3ControlConnection::Fire(L2tpv3ConnectionEvent event, const L2tpv3ConnectionInput& in)
{
    S from = m_fsm.GetState();
    if (!m_fsm.Handle(event, in))
    {
        NS_LOG_LOGIC("connection " << m_localId << ": no row for event " << int(event) << " in "
                                   << L2tpv3ConnectionStateName(from));
        m_owner->Count(L2tpv3ControlCounter::PROTOCOL_ERROR, 0);
        return;
    }
    Changed(from);
}

void
L2tpv3ControlConnection::Changed(L2tpv3ConnectionState from)
{
    S to = m_fsm.GetState();
    if (from != to)
    {
        m_owner->ConnectionChanged(*this, from, to);
    }
}

void
L2tpv3ControlConnection::Send(L2tpv3ControlMessage message)
{
    m_channel->Send(std::move(message));
}

void
L2tpv3ControlConnection::Transmit(const L2tpv3ControlMessage& message)
{
    bool retransmission = false;
    if (!message.IsZlb() && message.GetMessageType() != L2tpv3MessageType::ACK)
    {
        // A sequenced message whose Ns we used before is a retransmission.
        retransmission = m_sentAny && !L2tpv3SeqLess(m_highestNs, message.GetNs());
        if (!retransmission)
        {
            m_highestNs = message.GetNs();
            m_sentAny = true;
        }
    }
    m_owner->Transmit(*this, message, retransmission);
}

void
L2tpv3ControlConnection::ReceiveFirstSccrq(const L2tpv3ControlMessage& sccrq)
{
    m_channel->Receive(sccrq);
}

void
L2tpv3ControlConnection::Receive(const L2tpv3ControlMessage& message, uint16_t sourcePort)
{
    m_lastReceived = Simulator::Now();
    if (sourcePort == 0 || m_fsm.GetState() != S::WAIT_CTL_REPLY)
    {
        // Over IP, or where no row reads the port (only wait-ctl-reply's SCCRP row does, and
        // no delivered message leads into wait-ctl-reply): the standing callback, port 0.
        m_channel->Receive(message);
        return;
    }
    // What the channel delivers now carries the datagram's source port to the actions (the
    // SCCRP's row adopts it, §4.1.2.2).
    ReceiveThrough(message, sourcePort, false);
}

void
L2tpv3ControlConnection::AcknowledgeOnly(const L2tpv3ControlMessage& message)
{
    // Acknowledged by the channel; answered (or refused) by the caller.
    ReceiveThrough(message, 0, true);
}

void
L2tpv3ControlConnection::ReceiveThrough(const L2tpv3ControlMessage& message,
                                        uint16_t sourcePort,
                                        bool acknowledgeOnly)
{
    Ptr<L2tpv3ControlChannel> channel = m_channel; // an action may replace m_channel
    // Only this channel's deliveries: a channel that replaces it meanwhile (a tie lost,
    // which acknowledges the winner's SCCRQ through ReceiveThrough again) has its own.
    const Through outer = m_through;
    m_through = Through{PeekPointer(channel), sourcePort, acknowledgeOnly};
    channel->Receive(message);
    m_through = outer;
}

void
L2tpv3ControlConnection::Deliver(const L2tpv3ControlMessage& message)
{
    // A replaced channel is closed and delivers nothing more: what is delivered comes from
    // m_channel.
    if (m_through.channel != PeekPointer(m_channel))
    {
        Deliver(0, message);
    }
    else if (!m_through.acknowledgeOnly)
    {
        Deliver(m_through.sourcePort, message);
    }
}

void
L2tpv3ControlConnection::PeerTimeout()
{
    Fire(E::PEER_TIMEOUT, L2tpv3ConnectionInput());
}

int
L2tpv3ControlConnection::ResolveTie(const L2tpv3ControlMessage& sccrq,
                                    const L2tpv3ControlSource* source)
{
    if (m_fsm.GetState() != S::WAIT_CTL_REPLY)
    {
        return 0;
    }
    uint64_t theirs = 0;
    bool theyHave = sccrq.GetUint64(L2tpv3AvpType::CONTROL_CONNECTION_TIE_BREAKER, theirs);
    L2tpv3ConnectionInput in;
    in.message = &sccrq;
    in.source = source;
    switch (L2tpv3BreakTie(m_tieBreaker, theyHave, theirs))
    {
    case L2tpv3Tie::NONE:
        return 0;
    case L2tpv3Tie::EQUAL:
        Fire(E::RX_SCCRQ_EQUAL_TIE, in);
        return 3;
    case L2tpv3Tie::WIN:
        Fire(E::RX_SCCRQ_WIN_TIE, in);
        return 2;
    case L2tpv3Tie::LOSE:
        break;
    }
    Fire(AcceptPeer(sccrq, in.stop) ? E::RX_SCCRQ_LOSE_TIE_ACCEPTABLE
                                    : E::RX_SCCRQ_LOSE_TIE_NOT_ACCEPTABLE,
         in);
    return 1;
}

void
L2tpv3ControlConnection::Deliver(uint16_t sourcePort, const L2tpv3ControlMessage& message)
{
    L2tpv3ConnectionInput in;
    in.message = &message;
    in.sourcePort = sourcePort;
    L2tpv3ControlCheck check = message.Check();
    if (check.verdict == L2tpv3ControlCheck::IGNORE_MESSAGE)
    {
        return; // §5.4.1: an unknown message type without M is ignored
    }
    L2tpv3MessageType type = message.GetMessageType();
    bool connectionMessage = type == L2tpv3MessageType::SCCRQ || type == L2tpv3MessageType::SCCRP ||
                             type == L2tpv3MessageType::SCCCN ||
                             type == L2tpv3MessageType::STOPCCN ||
                             type == L2tpv3MessageType::HELLO || type == L2tpv3MessageType::ACK;
    if (check.verdict == L2tpv3ControlCheck::UNKNOWN_MESSAGE_TYPE)
    {
        // §5.4.1: an unknown message type with M set clears the control connection.
        in.stop = {STOP_GENERAL_ERROR, ERROR_UNKNOWN_MANDATORY_AVP, check.Describe()};
        Fire(E::RX_MALFORMED, in);
        return;
    }
    if (!connectionMessage)
    {
        DeliverToSession(message, check);
        return;
    }
    if (check.verdict != L2tpv3ControlCheck::OK && type != L2tpv3MessageType::STOPCCN)
    {
        // §5.2 and §7.1: StopCCN with Result Code 2 and Error Code 8 (unknown) or 3.
        in.stop = {STOP_GENERAL_ERROR,
                   check.verdict == L2tpv3ControlCheck::UNKNOWN_MANDATORY_AVP
                       ? ERROR_UNKNOWN_MANDATORY_AVP
                       : ERROR_OUT_OF_RANGE,
                   check.Describe()};
        uint32_t peerId = 0;
        if (m_peerId == 0 &&
            message.GetUint32(L2tpv3AvpType::ASSIGNED_CONTROL_CONNECTION_ID, peerId))
        {
            // The StopCCN goes to the ID the refused message assigned, when it has one.
            m_peerId = peerId;
            m_channel->SetPeerControlConnectionId(peerId);
        }
        Fire(E::RX_INVALID, in);
        return;
    }
    in.stop = {STOP_FSM_ERROR, 0, ""};
    switch (type)
    {
    case L2tpv3MessageType::SCCRQ:
        // §7.2's idle row answers the SCCRQ that opens the connection; a connection that
        // was cleaned up (StopCCN either way, peer dead) only lingers to acknowledge (§7.1):
        // an SCCRQ then is an error (no row in idle: counted), never a second life whose
        // sessions would outlive the owner's Finish.
        if (m_fsm.GetState() == S::IDLE && !m_finished)
        {
            Fire(AcceptPeer(message, in.stop) ? E::RX_SCCRQ_ACCEPTABLE : E::RX_SCCRQ_NOT_ACCEPTABLE,
                 in);
        }
        else
        {
            Fire(E::RX_SCCRQ, in);
        }
        break;
    case L2tpv3MessageType::SCCRP:
        if (m_fsm.GetState() == S::WAIT_CTL_REPLY)
        {
            Fire(AcceptPeer(message, in.stop) ? E::RX_SCCRP_ACCEPTABLE : E::RX_SCCRP_NOT_ACCEPTABLE,
                 in);
        }
        else
        {
            Fire(E::RX_SCCRP, in);
        }
        break;
    case L2tpv3MessageType::SCCCN:
        Fire(m_fsm.GetState() == S::WAIT_CTL_CONN ? E::RX_SCCCN_ACCEPTABLE : E::RX_SCCCN, in);
        break;
    case L2tpv3MessageType::STOPCCN: {
        uint16_t error;
        std::string why;
        const L2tpv3Avp* result = message.Find(L2tpv3AvpType::RESULT_CODE);
        if (result && result->GetResultCode(m_lastResult, error, why))
        {
            m_owner->Count(L2tpv3ControlCounter::STOPCCN_RECEIVED, m_lastResult);
        }
        Fire(E::RX_STOPCCN, in);
        break;
    }
    case L2tpv3MessageType::HELLO:
        Fire(E::RX_HELLO, in);
        break;
    default:
        break; // an explicit ACK only acknowledges (the channel took it)
    }
}

void
L2tpv3ControlConnection::DeliverToSession(const L2tpv3ControlMessage& message,
                                          const L2tpv3ControlCheck& check)
{
    if (m_fsm.GetState() != S::ESTABLISHED)
    {
        // §7.3: session messages need an established connection
        m_owner->Count(L2tpv3ControlCounter::PROTOCOL_ERROR, 0);
        return;
    }
    uint32_t ours = 0;
    bool named = message.GetUint32(L2tpv3AvpType::REMOTE_SESSION_ID, ours);
    L2tpv3MessageType type = message.GetMessageType();
    if (!named && type != L2tpv3MessageType::ICRQ)
    {
        ClearForUnnamedSession(message, check);
        return;
    }
    if (type == L2tpv3MessageType::ICRQ && ours == 0)
    {
        if (check.verdict != L2tpv3ControlCheck::OK)
        {
            // §5.2: CDN with Result Code 2, Error Code 8 for an unknown mandatory AVP.
            uint32_t theirs = 0;
            message.GetUint32(L2tpv3AvpType::LOCAL_SESSION_ID, theirs);
            L2tpv3SessionParameters p;
            p.localSessionId = m_owner->AllocateSessionId();
            p.remoteSessionId = theirs;
            Ptr<L2tpv3ControlSession> session = Create<L2tpv3ControlSession>(this, false, p);
            m_sessions[p.localSessionId] = session;
            session->Refuse(
                message,
                {2,
                 uint16_t(check.verdict == L2tpv3ControlCheck::UNKNOWN_MANDATORY_AVP ? 8 : 3),
                 check.Describe()});
            return;
        }
        IncomingCall(message);
        return;
    }
    Ptr<L2tpv3ControlSession> session = FindSession(ours);
    if (!session)
    {
        // §7.3: idle, receive CDN: clean up (e.g. the CDN 13 for an ICRQ that lost a tie);
        // dropped, and counted (a forged CDN, or a late one).
        m_owner->Count(type != L2tpv3MessageType::CDN ? L2tpv3ControlCounter::PROTOCOL_ERROR
                                                      : L2tpv3ControlCounter::UNKNOWN_SESSION,
                       0);
        return;
    }
    if (check.verdict != L2tpv3ControlCheck::OK)
    {
        session->Refuse(
            message,
            {2,
             uint16_t(check.verdict == L2tpv3ControlCheck::UNKNOWN_MANDATORY_AVP ? 8 : 3),
             check.Describe()});
        return;
    }
    if (!session->Receive(message))
    {
        m_owner->Count(L2tpv3ControlCounter::PROTOCOL_ERROR, 0);
    }
}

void
L2tpv3ControlConnection::IncomingCall(const L2tpv3ControlMessage& icrq)
{
    const L2tpv3Avp* end = icrq.Find(L2tpv3AvpType::REMOTE_END_ID);
    std::string remoteEndId = end ? end->GetString() : "";
    L2tpv3CallOffer offer = end ? m_owner->IncomingCall(remoteEndId) : L2tpv3CallOffer::NOT_OFFERED;
    bool lostTie = false;
    if (offer == L2tpv3CallOffer::INITIATED)
    {
        // §5.4.4, §7.3.1: an ICRQ for a pseudowire whose own ICRQ is outstanding is a tie.
        Ptr<L2tpv3ControlSession> mine;
        for (const auto& [sid, s] : m_sessions)
        {
            if (s->IsSender() && s->GetState() == L2tpv3SessionState::WAIT_REPLY &&
                s->GetParameters().remoteEndId == remoteEndId)
            {
                mine = s;
            }
        }
        uint64_t theirs = 0;
        bool theyHave = icrq.GetUint64(L2tpv3AvpType::CONTROL_CONNECTION_TIE_BREAKER, theirs);
        L2tpv3Tie tie = mine ? L2tpv3BreakTie(mine->GetParameters().tieBreaker, theyHave, theirs)
                             : L2tpv3Tie::NONE;
        if (tie != L2tpv3Tie::NONE)
        {
            // Equal values: our ICRQ loses (the session's rows have no restart, unlike §5.4.3).
            bool weWin = tie == L2tpv3Tie::WIN;
            mine->ResolveTie(icrq, weWin);
            if (weWin)
            {
                return;
            }
            lostTie = true;
        }
    }
    L2tpv3SessionParameters p;
    p.localSessionId = m_owner->AllocateSessionId();
    p.localCookie = L2tpv3DrawCookie(m_random, m_config.cookieLength);
    p.requireSequence = m_config.sequencing;
    icrq.GetUint32(L2tpv3AvpType::LOCAL_SESSION_ID, p.remoteSessionId);
    Ptr<L2tpv3ControlSession> s = Create<L2tpv3ControlSession>(this, false, p);
    m_sessions[p.localSessionId] = s;
    uint16_t type = 0;
    icrq.GetUint16(L2tpv3AvpType::PSEUDOWIRE_TYPE, type);
    if (type != 5 && type != 4)
    {
        // §5.4.2 Result Code 14: unsupported PW type (RFC 4719 carries types 4 and 5).
        s->Refuse(icrq, {14, 0, "pseudowire type " + std::to_string(type) + " not supported"});
        return;
    }
    if (offer == L2tpv3CallOffer::IN_USE)
    {
        // §5.4.2 Result Code 4: lack of facilities, temporary: the pseudowire is taken.
        s->Refuse(icrq, {4, 0, "Remote End ID '" + remoteEndId + "' has a session already"});
        return;
    }
    if (offer == L2tpv3CallOffer::NOT_OFFERED || (offer == L2tpv3CallOffer::INITIATED && !lostTie))
    {
        // §5.4.2 Result Code 5: lack of facilities, permanent: nobody offers that ID.
        s->Refuse(icrq, {5, 0, "Remote End ID '" + remoteEndId + "' not offered"});
        return;
    }
    s->Receive(icrq);
}

void
L2tpv3ControlConnection::ClearForUnnamedSession(const L2tpv3ControlMessage& message,
                                                const L2tpv3ControlCheck& check)
{
    // §5.4.4: the Remote Session ID "MUST be present in all session-level control
    // messages"; without it (or with it only inside an AVP we cannot read) the message
    // names no session, none can be cleaned up, and a session waiting for an answer would
    // wait for ever, kept alive by HELLOs. §7.1: a message "missing a required AVP" is
    // malformed and "the control connection cleared to ensure recovery to a known state":
    // StopCCN Result Code 2 with Error Code 5 (Invalid Session ID, §5.4.2), or 8 when an
    // unknown mandatory AVP is why it could not be read (§5.2).
    L2tpv3ConnectionInput in;
    in.message = &message;
    in.stop.result = STOP_GENERAL_ERROR;
    in.stop.error = check.verdict == L2tpv3ControlCheck::UNKNOWN_MANDATORY_AVP
                        ? ERROR_UNKNOWN_MANDATORY_AVP
                        : ERROR_INVALID_SESSION_ID;
    in.stop.why = L2tpv3MessageTypeName(static_cast<uint16_t>(message.GetMessageType())) +
                  " without a Remote Session ID" +
                  (check.verdict == L2tpv3ControlCheck::OK ? "" : " (" + check.Describe() + ")");
    Fire(E::RX_MALFORMED, in);
}

bool
L2tpv3ControlConnection::AcceptPeer(const L2tpv3ControlMessage& m, L2tpv3Refusal& refusal)
{
    uint32_t peerId = 0;
    std::vector<uint16_t> capabilities;
    const L2tpv3Avp* list = m.Find(L2tpv3AvpType::PSEUDOWIRE_CAPABILITIES_LIST);
    if (!m.GetUint32(L2tpv3AvpType::ASSIGNED_CONTROL_CONNECTION_ID, peerId) || peerId == 0 || !list)
    {
        refusal = {STOP_GENERAL_ERROR,
                   ERROR_OUT_OF_RANGE,
                   "Assigned Control Connection ID missing or 0"};
        return false;
    }
    if (m_config.authenticates)
    {
        // §4.3: the Nonce in SCCRQ and SCCRP says authentication is on; we require it.
        const L2tpv3Avp* nonce = m.Find(L2tpv3AvpType::CONTROL_MESSAGE_AUTH_NONCE);
        if (!nonce)
        {
            m_owner->Count(L2tpv3ControlCounter::NONCE_MISSING, 0);
            refusal = {STOP_NOT_AUTHORIZED, 0, "no Control Message Authentication Nonce"};
            m_peerId = peerId;
            m_channel->SetPeerControlConnectionId(peerId);
            return false;
        }
        m_remoteNonce = nonce->GetValue();
    }
    list->GetUint16List(capabilities);
    bool ethernet = false;
    for (uint16_t type : capabilities)
    {
        ethernet = ethernet || type == PW_ETHERNET || type == PW_ETHERNET_VLAN;
    }
    m_peerId = peerId;
    m_channel->SetPeerControlConnectionId(peerId);
    uint16_t window = 4; // §5.4.3: 4 when the AVP is absent
    m.GetUint16(L2tpv3AvpType::RECEIVE_WINDOW_SIZE, window);
    m_channel->SetPeerReceiveWindow(window);
    if (const L2tpv3Avp* host = m.Find(L2tpv3AvpType::HOST_NAME))
    {
        m_peerHostName = host->GetString();
    }
    m.GetUint32(L2tpv3AvpType::ROUTER_ID, m_peerRouterId);
    if (!ethernet)
    {
        refusal = {STOP_GENERAL_ERROR,
                   ERROR_OUT_OF_RANGE,
                   "no Ethernet pseudowire type (4 or 5) in the capabilities list"};
        return false;
    }
    return true;
}

L2tpv3ControlMessage
L2tpv3ControlConnection::MakeStart(L2tpv3MessageType type) const
{
    L2tpv3ControlMessage m(type);
    m.Add(L2tpv3Avp::MakeString(L2tpv3AvpType::HOST_NAME, m_config.hostName));
    m.Add(L2tpv3Avp::MakeUint32(L2tpv3AvpType::ROUTER_ID, m_config.routerId));
    m.Add(L2tpv3Avp::MakeUint32(L2tpv3AvpType::ASSIGNED_CONTROL_CONNECTION_ID, m_localId));
    m.Add(L2tpv3Avp::MakeUint16List(L2tpv3AvpType::PSEUDOWIRE_CAPABILITIES_LIST,
                                    {PW_ETHERNET, PW_ETHERNET_VLAN}));
    m.Add(L2tpv3Avp::MakeUint16(L2tpv3AvpType::RECEIVE_WINDOW_SIZE, m_config.receiveWindow));
    if (!m_localNonce.empty())
    {
        // §5.4.1: "If Control Message Authentication is enabled, this AVP MUST be present in
        // the SCCRQ and SCCRP messages."
        m.Add(L2tpv3Avp(L2tpv3Avp::IETF_VENDOR_ID,
                        static_cast<uint16_t>(L2tpv3AvpType::CONTROL_MESSAGE_AUTH_NONCE),
                        true,
                        m_localNonce));
    }
    return m;
}

void
L2tpv3ControlConnection::SendSccrq(const L2tpv3ConnectionInput&)
{
    m_initiator = true;
    m_openedAt = Simulator::Now();
    L2tpv3ControlMessage sccrq = MakeStart(L2tpv3MessageType::SCCRQ);
    if (m_config.tieBreaker)
    {
        m_tieBreaker = L2tpv3DrawTieBreaker(m_random);
        sccrq.Add(
            L2tpv3Avp::MakeUint64(L2tpv3AvpType::CONTROL_CONNECTION_TIE_BREAKER, m_tieBreaker));
    }
    Send(std::move(sccrq));
}

void
L2tpv3ControlConnection::SendSccrp(const L2tpv3ConnectionInput&)
{
    m_openedAt = Simulator::Now();
    Send(MakeStart(L2tpv3MessageType::SCCRP));
}

void
L2tpv3ControlConnection::CleanUpLosingSendSccrp(const L2tpv3ConnectionInput& in)
{
    // §5.4.3: the loser discards its own SCCRQ and answers the winner's with this object.
    m_initiator = false;
    m_lostTie = true;
    m_tieBreaker = 0;
    NewChannel();
    m_channel->SetPeerControlConnectionId(m_peerId);
    // The SCCRQ enters the new channel as its first message (Ns 0) and is acknowledged there.
    AcknowledgeOnly(*in.message);
    SendSccrp(in);
}

void
L2tpv3ControlConnection::DiscardRestartNewTieBreaker(const L2tpv3ConnectionInput& in)
{
    // §5.4.3: our SCCRQ is discarded (a fresh channel: Ns 0 again) and a new one goes with
    // a new value; the peer's SCCRQ is neither answered nor refused (the peer restarts too).
    NewChannel();
    SendSccrq(in);
}

void
L2tpv3ControlConnection::CleanUpLosingSendStopCcn(const L2tpv3ConnectionInput& in)
{
    SendStopCcnCleanUp(in);
}

void
L2tpv3ControlConnection::SendStopCcnForLosing(const L2tpv3ConnectionInput& in)
{
    // §5.4.3: the winner SHOULD reject the losing SCCRQ with a StopCCN (Result Code 3).
    m_owner->RejectSccrq(*this, *in.message, STOP_ALREADY_EXISTS, in.source);
}

void
L2tpv3ControlConnection::SendScccnOpenSessions(const L2tpv3ConnectionInput& in)
{
    if (in.sourcePort != 0 && in.sourcePort != m_peerPort)
    {
        // §4.1.2.2: the recipient "sends its reply ... setting its own source port to the
        // free port it found"; "any subsequent traffic associated with this control
        // connection (either control traffic or data traffic ...) must use these same
        // UDP ports".
        NS_LOG_INFO("connection " << m_localId << ": peer port " << m_peerPort << " -> "
                                  << in.sourcePort << " (the SCCRP's source port)");
        m_peerPort = in.sourcePort;
    }
    Send(L2tpv3ControlMessage(L2tpv3MessageType::SCCCN));
    OpenSessions(in);
}

void
L2tpv3ControlConnection::OpenSessions(const L2tpv3ConnectionInput&)
{
    m_establishedAt = Simulator::Now();
    ScheduleHello();
    // §7.2: send control-conn open event to waiting sessions.
    std::vector<Ptr<L2tpv3ControlSession>> waiting;
    for (const auto& [id, session] : m_sessions)
    {
        if (session->GetState() == L2tpv3SessionState::WAIT_CONTROL_CONN)
        {
            waiting.push_back(session);
        }
    }
    for (const auto& session : waiting)
    {
        session->Handle(L2tpv3SessionEvent::CONTROL_CONN_OPEN);
    }
}

void
L2tpv3ControlConnection::SendStopCcnCleanUp(const L2tpv3ConnectionInput& in)
{
    Stop(in.stop.result ? in.stop.result : STOP_FSM_ERROR, in.stop.error, in.stop.why);
}

void
L2tpv3ControlConnection::Stop(uint16_t resultCode, uint16_t errorCode, const std::string& why)
{
    L2tpv3ControlMessage stop(L2tpv3MessageType::STOPCCN);
    stop.Add(L2tpv3Avp::MakeUint32(L2tpv3AvpType::ASSIGNED_CONTROL_CONNECTION_ID, m_localId));
    stop.Add(L2tpv3Avp::MakeResultCode(resultCode, errorCode, why));
    m_lastResult = resultCode;
    m_owner->Count(L2tpv3ControlCounter::STOPCCN_SENT, resultCode);
    if (m_channel->GetPeerControlConnectionId() == 0 && m_peerId != 0)
    {
        m_channel->SetPeerControlConnectionId(m_peerId);
    }
    Send(std::move(stop));
    SessionsDown(L2tpv3SessionDownReason::CONNECTION_CLOSED);
    m_helloEvent.Cancel();
    // §7.1: the reliable delivery runs a full retransmission cycle before the state goes.
    m_finished = true;
    m_owner->Finish(*this, m_channel->GetFullRetransmissionCycle(), false);
}

void
L2tpv3ControlConnection::CleanUp(const L2tpv3ConnectionInput&)
{
    SessionsDown(L2tpv3SessionDownReason::CONNECTION_CLOSED);
    m_helloEvent.Cancel();
    // §7.1: stay a full retransmission cycle to acknowledge a retransmitted StopCCN.
    m_finished = true;
    m_owner->Finish(*this, m_channel->GetFullRetransmissionCycle(), false);
}

void
L2tpv3ControlConnection::PeerDead(const L2tpv3ConnectionInput&)
{
    m_owner->Count(L2tpv3ControlCounter::TIMEOUT, 0);
    SessionsDown(L2tpv3SessionDownReason::PEER_TIMEOUT);
    m_helloEvent.Cancel();
    m_channel->Close();
    m_finished = true;
    m_owner->Finish(*this, Time(0), true);
}

void
L2tpv3ControlConnection::HelloReceived(const L2tpv3ConnectionInput&)
{
    // §4.4: a HELLO only proves the peer alive; the channel acknowledged it.
}

void
L2tpv3ControlConnection::SessionsDown(L2tpv3SessionDownReason reason)
{
    std::vector<Ptr<L2tpv3ControlSession>> sessions;
    for (const auto& [id, session] : m_sessions)
    {
        sessions.push_back(session);
    }
    for (const auto& session : sessions)
    {
        session->ConnectionDown(reason);
    }
    m_sessions.clear();
}

void
L2tpv3ControlConnection::ScheduleHello()
{
    m_helloEvent.Cancel();
    Time interval = m_config.helloInterval;
    if (interval.IsZero())
    {
        return;
    }
    double jitter = 1.0 - m_config.helloJitter * m_random->GetValue(0, 1);
    m_helloEvent =
        Simulator::Schedule(interval * jitter, &L2tpv3ControlConnection::HelloTimeout, this);
}

void
L2tpv3ControlConnection::HelloTimeout()
{
    if (m_fsm.GetState() != S::ESTABLISHED)
    {
        return;
    }
    // §4.4: a HELLO when nothing came from the peer for a while; its loss shows the peer dead.
    if (Simulator::Now() - m_lastReceived >= m_config.helloInterval * 0.5 || m_channel->IsIdle())
    {
        Send(L2tpv3ControlMessage(L2tpv3MessageType::HELLO));
    }
    ScheduleHello();
}

Ptr<L2tpv3ControlSession>
L2tpv3ControlConnection::OpenSession(const L2tpv3SessionParameters& parameters)
{
    Ptr<L2tpv3ControlSession> s = Create<L2tpv3ControlSession>(this, true, parameters);
    m_sessions[parameters.localSessionId] = s;
    // §7.3.1: local open; the ICRQ goes now if the connection is established, else once it is.
    s->Handle(L2tpv3SessionEvent::LOCAL_OPEN);
    return s;
}

void
L2tpv3ControlConnection::Count(L2tpv3ControlCounter counter, uint16_t resultCode)
{
    m_owner->Count(counter, resultCode);
}

void
L2tpv3ControlConnection::SessionEntered(const L2tpv3ControlSession& session,
                                        L2tpv3SessionState from,
                                        L2tpv3SessionDownReason reason)
{
    L2tpv3SessionState to = session.GetState();
    if (from != to)
    {
        m_owner->SessionChanged(session, from, to, reason);
    }
    if (to == L2tpv3SessionState::ESTABLISHED && from != L2tpv3SessionState::ESTABLISHED)
    {
        // MaxSetupWindow holds until the first session is up; the full window from now on.
        m_channel->SetSendWindowCap(0);
    }
    if (to == L2tpv3SessionState::IDLE)
    {
        RemoveSession(session.GetParameters().localSessionId);
    }
}

Ptr<L2tpv3ControlSession>
L2tpv3ControlConnection::FindSession(uint32_t localSessionId)
{
    auto it = m_sessions.find(localSessionId);
    return it == m_sessions.end() ? nullptr : it->second;
}

Ptr<const L2tpv3ControlSession>
L2tpv3ControlConnection::FindSession(uint32_t localSessionId) const
{
    auto it = m_sessions.find(localSessionId);
    return it == m_sessions.end() ? nullptr : it->second;
}

const std::map<uint32_t, Ptr<L2tpv3ControlSession>>&
L2tpv3ControlConnection::GetSessions()
{
    return m_sessions;
}

std::map<uint32_t, Ptr<const L2tpv3ControlSession>>
L2tpv3ControlConnection::GetSessions() const
{
    return {m_sessions.begin(), m_sessions.end()};
}

void
L2tpv3ControlConnection::RemoveSession(uint32_t localSessionId)
{
    m_sessions.erase(localSessionId);
}

} // namespace ns3
