/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-control-session.h"

#include "l2tpv3-control-connection.h"

#include "ns3/log.h"

#include <utility>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpv3ControlSession");

namespace
{
/// Circuit Status bits (RFC 3931 §5.4.5): A (active) and N (new).
constexpr uint16_t CIRCUIT_ACTIVE = 0x0001;
constexpr uint16_t CIRCUIT_NEW = 0x0002;
/// Data Sequencing values (§5.4.4).
constexpr uint16_t SEQUENCING_ALL = 2;
/// Result Codes for the CDN (§5.4.2).
constexpr uint16_t CDN_GENERAL_ERROR = 2;
constexpr uint16_t CDN_FSM_ERROR = 16;
} // namespace

std::string
L2tpv3SessionStateName(L2tpv3SessionState state)
{
    switch (state)
    {
    case L2tpv3SessionState::IDLE:
        return "idle";
    case L2tpv3SessionState::WAIT_CONTROL_CONN:
        return "wait-control-conn";
    case L2tpv3SessionState::WAIT_REPLY:
        return "wait-reply";
    case L2tpv3SessionState::WAIT_CONNECT:
        return "wait-connect";
    case L2tpv3SessionState::ESTABLISHED:
        return "established";
    }
    return "?";
}

std::string
L2tpv3SessionDownReasonName(L2tpv3SessionDownReason reason)
{
    switch (reason)
    {
    case L2tpv3SessionDownReason::CDN_RECEIVED:
        return "cdn_received";
    case L2tpv3SessionDownReason::CDN_SENT:
        return "cdn_sent";
    case L2tpv3SessionDownReason::CONNECTION_CLOSED:
        return "connection_closed";
    case L2tpv3SessionDownReason::PEER_TIMEOUT:
        return "peer_timeout";
    case L2tpv3SessionDownReason::COUNT:
        break;
    }
    return "?";
}

using S = L2tpv3SessionState;
using E = L2tpv3SessionEvent;

const std::vector<L2tpv3ControlSession::Fsm::Row>&
L2tpv3ControlSession::SenderTable()
{
    // RFC 3931 §7.3.1, ICRQ Sender States, row for row.
    using C = L2tpv3ControlSession;
    static const std::vector<Fsm::Row> table = {
        {{S::IDLE}, E::LOCAL_OPEN, &C::InitiateControlConnOpen, S::WAIT_CONTROL_CONN},
        {{S::IDLE}, E::RX_ICCN, &C::CleanUp, S::IDLE},
        {{S::IDLE}, E::RX_ICRP, &C::CleanUp, S::IDLE},
        {{S::IDLE}, E::RX_CDN, &C::CleanUp, S::IDLE},
        {{S::WAIT_CONTROL_CONN}, E::LOCAL_CLOSE, &C::CleanUp, S::IDLE},
        {{S::WAIT_CONTROL_CONN}, E::CONTROL_CONN_OPEN, &C::SendIcrq, S::WAIT_REPLY},
        {{S::WAIT_REPLY}, E::RX_ICRP_ACCEPTABLE, &C::SendIccn, S::ESTABLISHED},
        {{S::WAIT_REPLY}, E::RX_ICRP_NOT_ACCEPTABLE, &C::SendCdnCleanUp, S::IDLE},
        {{S::WAIT_REPLY}, E::RX_ICRQ_LOSE_TIE, &C::ProcessAsRecipient, S::IDLE},
        {{S::WAIT_REPLY}, E::RX_ICRQ_WIN_TIE, &C::SendCdnForLosing, S::WAIT_REPLY},
        {{S::WAIT_REPLY}, E::RX_CDN, &C::CleanUp, S::IDLE},
        {{S::WAIT_REPLY}, E::RX_ICCN, &C::CleanUp, S::IDLE},
        {{S::WAIT_REPLY}, E::LOCAL_CLOSE, &C::SendCdnCleanUp, S::IDLE},
        {{S::ESTABLISHED}, E::RX_CDN, &C::CleanUp, S::IDLE},
        {{S::ESTABLISHED}, E::RX_ICRQ, &C::SendCdnCleanUp, S::IDLE},
        {{S::ESTABLISHED}, E::RX_ICRP, &C::SendCdnCleanUp, S::IDLE},
        {{S::ESTABLISHED}, E::RX_ICCN, &C::SendCdnCleanUp, S::IDLE},
        {{S::ESTABLISHED}, E::LOCAL_CLOSE, &C::SendCdnCleanUp, S::IDLE},
        // §7.1: a connection that is gone takes its sessions with it, without CDNs.
        {{S::WAIT_CONTROL_CONN, S::WAIT_REPLY, S::ESTABLISHED},
         E::CONNECTION_DOWN,
         &C::CleanUp,
         S::IDLE},
        // §5.2: a message with an AVP error refuses the session with a CDN, in any state.
        {{S::IDLE, S::WAIT_CONTROL_CONN, S::WAIT_REPLY, S::ESTABLISHED},
         E::RX_MALFORMED,
         &C::SendCdnCleanUp,
         S::IDLE},
    };
    return table;
}

const std::vector<L2tpv3ControlSession::Fsm::Row>&
L2tpv3ControlSession::RecipientTable()
{
    // RFC 3931 §7.3.2, ICRQ Recipient States, row for row.
    using C = L2tpv3ControlSession;
    static const std::vector<Fsm::Row> table = {
        {{S::IDLE}, E::RX_ICRQ_ACCEPTABLE, &C::SendIcrp, S::WAIT_CONNECT},
        {{S::IDLE}, E::RX_ICRQ_NOT_ACCEPTABLE, &C::SendCdnCleanUp, S::IDLE},
        {{S::IDLE}, E::RX_ICRP, &C::SendCdnCleanUp, S::IDLE},
        {{S::IDLE}, E::RX_ICCN, &C::CleanUp, S::IDLE},
        {{S::WAIT_CONNECT}, E::RX_ICCN_ACCEPTABLE, &C::PrepareForData, S::ESTABLISHED},
        {{S::WAIT_CONNECT}, E::RX_ICCN_NOT_ACCEPTABLE, &C::SendCdnCleanUp, S::IDLE},
        {{S::WAIT_CONNECT}, E::RX_ICRQ, &C::SendCdnCleanUp, S::IDLE},
        {{S::WAIT_CONNECT}, E::RX_ICRP, &C::SendCdnCleanUp, S::IDLE},
        {{S::IDLE, S::WAIT_CONNECT, S::ESTABLISHED}, E::RX_CDN, &C::CleanUp, S::IDLE},
        {{S::WAIT_CONNECT, S::ESTABLISHED}, E::LOCAL_CLOSE, &C::SendCdnCleanUp, S::IDLE},
        {{S::ESTABLISHED}, E::RX_ICRQ, &C::SendCdnCleanUp, S::IDLE},
        {{S::ESTABLISHED}, E::RX_ICRP, &C::SendCdnCleanUp, S::IDLE},
        {{S::ESTABLISHED}, E::RX_ICCN, &C::SendCdnCleanUp, S::IDLE},
        // §7.1: a connection that is gone takes its sessions with it, without CDNs.
        {{S::WAIT_CONNECT, S::ESTABLISHED}, E::CONNECTION_DOWN, &C::CleanUp, S::IDLE},
        // §5.2: a message with an AVP error refuses the session with a CDN, in any state.
        {{S::IDLE, S::WAIT_CONNECT, S::ESTABLISHED}, E::RX_MALFORMED, &C::SendCdnCleanUp, S::IDLE},
    };
    return table;
}

std::vector<L2tpv3FsmRowInfo>
L2tpv3ControlSession::DescribeTable(bool sender)
{
    return Fsm::Describe(sender ? SenderTable() : RecipientTable());
}

L2tpv3ControlSession::L2tpv3ControlSession(L2tpv3ControlConnection* connection,
                                           bool sender,
                                           const L2tpv3SessionParameters& parameters)
    : m_connection(connection),
      m_sender(sender),
      m_parameters(parameters),
      m_fsm(this, sender ? SenderTable() : RecipientTable(), S::IDLE)
{
}

L2tpv3SessionState
L2tpv3ControlSession::GetState() const
{
    return m_fsm.GetState();
}

const L2tpv3SessionParameters&
L2tpv3ControlSession::GetParameters() const
{
    return m_parameters;
}

bool
L2tpv3ControlSession::IsSender() const
{
    return m_sender;
}

L2tpv3ControlConnection*
L2tpv3ControlSession::GetConnection()
{
    return m_connection;
}

const L2tpv3ControlConnection*
L2tpv3ControlSession::GetConnection() const
{
    return m_connection;
}

uint16_t
L2tpv3ControlSession::GetLastResultCode() const
{
    return m_lastResult;
}

bool
L2tpv3ControlSession::Handle(L2tpv3SessionEvent event)
{
    L2tpv3SessionInput in;
    if (event == E::LOCAL_CLOSE)
    {
        // §5.4.2: Result Code 3, administrative reasons.
        in.cdnResult = 3;
    }
    return Raise(event, in);
}

bool
L2tpv3ControlSession::ConnectionDown(L2tpv3SessionDownReason reason)
{
    L2tpv3SessionInput in;
    in.reason = reason;
    return Raise(E::CONNECTION_DOWN, in);
}

bool
L2tpv3ControlSession::Close(uint16_t resultCode)
{
    L2tpv3SessionInput in;
    in.cdnResult = resultCode;
    return Raise(E::LOCAL_CLOSE, in);
}

bool
L2tpv3ControlSession::Raise(L2tpv3SessionEvent event, const L2tpv3SessionInput& in)
{
    S from = m_fsm.GetState();
    Ptr<L2tpv3ControlSession> self(this); // an action may remove the session from its connection
    bool handled = m_fsm.Handle(event, in);
    if (handled)
    {
        Entered(from);
    }
    return handled;
}

bool
L2tpv3ControlSession::Receive(const L2tpv3ControlMessage& message)
{
    E event;
    L2tpv3SessionInput in;
    in.message = &message;
    switch (message.GetMessageType())
    {
    case L2tpv3MessageType::ICRQ:
        event = m_fsm.GetState() == S::IDLE && !m_sender
                    ? (Accept(message, in) ? E::RX_ICRQ_ACCEPTABLE : E::RX_ICRQ_NOT_ACCEPTABLE)
                    : E::RX_ICRQ;
        break;
    case L2tpv3MessageType::ICRP:
        event = m_fsm.GetState() == S::WAIT_REPLY
                    ? (Accept(message, in) ? E::RX_ICRP_ACCEPTABLE : E::RX_ICRP_NOT_ACCEPTABLE)
                    : E::RX_ICRP;
        break;
    case L2tpv3MessageType::ICCN:
        event = m_fsm.GetState() == S::WAIT_CONNECT ? E::RX_ICCN_ACCEPTABLE : E::RX_ICCN;
        break;
    case L2tpv3MessageType::CDN: {
        event = E::RX_CDN;
        uint16_t error;
        std::string why;
        const L2tpv3Avp* result = message.Find(L2tpv3AvpType::RESULT_CODE);
        if (result && result->GetResultCode(m_lastResult, error, why))
        {
            m_connection->Count(L2tpv3ControlCounter::CDN_RECEIVED, m_lastResult);
        }
        in.reason = L2tpv3SessionDownReason::CDN_RECEIVED;
        break;
    }
    case L2tpv3MessageType::SLI: {
        // §6.13: the peer's attachment circuit changed; recorded, the pseudowire stays up.
        uint16_t status;
        if (message.GetUint16(L2tpv3AvpType::CIRCUIT_STATUS, status))
        {
            m_parameters.remoteCircuitActive = (status & CIRCUIT_ACTIVE) != 0;
        }
        return true;
    }
    default:
        return false;
    }
    return Raise(event, in);
}

void
L2tpv3ControlSession::Refuse(const L2tpv3ControlMessage& message, const L2tpv3Refusal& refusal)
{
    L2tpv3SessionInput in;
    in.message = &message;
    in.cdnResult = refusal.result;
    in.cdnError = refusal.error;
    in.cdnWhy = refusal.why;
    // §7.3.2: the recipient's "receive ICRQ, not acceptable" row; any other message with an
    // AVP error takes the RX_MALFORMED row (§5.2), which every state has.
    bool icrq = !m_sender && m_fsm.GetState() == S::IDLE &&
                message.GetMessageType() == L2tpv3MessageType::ICRQ;
    Raise(icrq ? E::RX_ICRQ_NOT_ACCEPTABLE : E::RX_MALFORMED, in);
}

void
L2tpv3ControlSession::ResolveTie(const L2tpv3ControlMessage& icrq, bool weWin)
{
    L2tpv3SessionInput in;
    in.message = &icrq;
    if (!Raise(weWin ? E::RX_ICRQ_WIN_TIE : E::RX_ICRQ_LOSE_TIE, in))
    {
        m_connection->Count(L2tpv3ControlCounter::PROTOCOL_ERROR);
    }
}

void
L2tpv3ControlSession::SendCdnForLosing(const L2tpv3SessionInput& in)
{
    const L2tpv3ControlMessage* m = in.message;
    // §5.4.2 Result Code 13: not established due to losing tie breaker. The losing
    // session has no Session ID of ours: Local Session ID 0, theirs as Remote.
    uint32_t theirs = 0;
    m->GetUint32(L2tpv3AvpType::LOCAL_SESSION_ID, theirs);
    L2tpv3ControlMessage cdn(L2tpv3MessageType::CDN);
    cdn.Add(L2tpv3Avp::MakeUint32(L2tpv3AvpType::LOCAL_SESSION_ID, 0));
    cdn.Add(L2tpv3Avp::MakeUint32(L2tpv3AvpType::REMOTE_SESSION_ID, theirs));
    cdn.Add(L2tpv3Avp::MakeResultCode(13, 0, "session tie breaker lost"));
    m_connection->Count(L2tpv3ControlCounter::CDN_SENT, 13);
    m_connection->Send(std::move(cdn));
}

void
L2tpv3ControlSession::ProcessAsRecipient(const L2tpv3SessionInput&)
{
    // §7.3.1: our ICRQ lost; the winner's CDN 13 for it finds this session gone (the idle
    // row), and the LCCE answers the winner's ICRQ with a recipient session.
}

void
L2tpv3ControlSession::SendSli(bool active)
{
    if (m_fsm.GetState() != S::ESTABLISHED)
    {
        return;
    }
    L2tpv3ControlMessage sli = Make(L2tpv3MessageType::SLI);
    sli.Add(L2tpv3Avp::MakeUint16(L2tpv3AvpType::CIRCUIT_STATUS, active ? CIRCUIT_ACTIVE : 0));
    m_connection->Send(std::move(sli));
}

bool
L2tpv3ControlSession::Accept(const L2tpv3ControlMessage& m, L2tpv3SessionInput& in)
{
    in.cdnResult = CDN_GENERAL_ERROR;
    in.cdnError = 3; // §5.4.2: a field value out of range
    uint32_t peerId = 0;
    if (!m.GetUint32(L2tpv3AvpType::LOCAL_SESSION_ID, peerId) || peerId == 0)
    {
        in.cdnWhy = "Local Session ID missing or 0";
        return false;
    }
    m_parameters.remoteSessionId = peerId;
    if (const L2tpv3Avp* cookie = m.Find(L2tpv3AvpType::ASSIGNED_COOKIE))
    {
        if (!cookie->IsWellFormed() || cookie->IsHidden())
        {
            in.cdnWhy = "Assigned Cookie not 4 or 8 octets";
            return false;
        }
        uint64_t value = 0;
        for (uint8_t b : cookie->GetValue())
        {
            value = (value << 8) | b;
        }
        m_parameters.remoteCookie =
            L2tpv3Cookie(static_cast<uint8_t>(cookie->GetValue().size()), value);
    }
    uint16_t status;
    if (m.GetUint16(L2tpv3AvpType::CIRCUIT_STATUS, status))
    {
        m_parameters.remoteCircuitActive = (status & CIRCUIT_ACTIVE) != 0;
    }
    uint16_t sublayer = 0;
    if (m.GetUint16(L2tpv3AvpType::L2_SPECIFIC_SUBLAYER, sublayer))
    {
        if (sublayer > 1)
        {
            in.cdnWhy = "L2-Specific Sublayer " + std::to_string(sublayer) + " not supported";
            return false;
        }
        if (!m_sender)
        {
            // The recipient adopts the sender's sublayer (one setting per device, both ways).
            m_parameters.sublayer = sublayer;
        }
        else if (sublayer != m_parameters.sublayer)
        {
            in.cdnWhy = "L2-Specific Sublayer " + std::to_string(sublayer) + " differs from " +
                        std::to_string(m_parameters.sublayer);
            return false;
        }
    }
    else if (!m_sender)
    {
        m_parameters.sublayer = 0;
    }
    uint16_t sequencing = 0;
    m.GetUint16(L2tpv3AvpType::DATA_SEQUENCING, sequencing);
    m_parameters.sendSequence = sequencing == SEQUENCING_ALL;
    if ((m_parameters.sendSequence || m_parameters.requireSequence) && m_parameters.sublayer == 0)
    {
        // §5.4.2 Result Code 15: sequencing required without a valid L2-Specific Sublayer.
        in.cdnResult = 15;
        in.cdnError = 0;
        in.cdnWhy = "sequencing needs the default L2-Specific Sublayer";
        return false;
    }
    if (!m_sender)
    {
        uint16_t type = 0;
        m.GetUint16(L2tpv3AvpType::PSEUDOWIRE_TYPE, type);
        m_parameters.pseudowireType = type;
        const L2tpv3Avp* end = m.Find(L2tpv3AvpType::REMOTE_END_ID);
        m_parameters.remoteEndId = end ? end->GetString() : "";
        m.GetUint32(L2tpv3AvpType::SERIAL_NUMBER, m_parameters.serialNumber);
    }
    // Accepted: a later refusal in a wrong state is an FSM error (Result Code 16), not this.
    in.cdnResult = 0;
    in.cdnError = 0;
    in.cdnWhy = "";
    return true;
}

L2tpv3ControlMessage
L2tpv3ControlSession::Make(L2tpv3MessageType type) const
{
    L2tpv3ControlMessage m(type);
    m.Add(L2tpv3Avp::MakeUint32(L2tpv3AvpType::LOCAL_SESSION_ID, m_parameters.localSessionId));
    m.Add(L2tpv3Avp::MakeUint32(L2tpv3AvpType::REMOTE_SESSION_ID, m_parameters.remoteSessionId));
    return m;
}

void
L2tpv3ControlSession::AddDataPlaneAvps(L2tpv3ControlMessage& m) const
{
    if (m_parameters.localCookie.GetLength() > 0)
    {
        const auto& bytes = m_parameters.localCookie.GetBytes();
        m.Add(
            L2tpv3Avp(L2tpv3Avp::IETF_VENDOR_ID,
                      static_cast<uint16_t>(L2tpv3AvpType::ASSIGNED_COOKIE),
                      true,
                      std::vector<uint8_t>(bytes.begin(),
                                           bytes.begin() + m_parameters.localCookie.GetLength())));
    }
    m.Add(L2tpv3Avp::MakeUint16(L2tpv3AvpType::L2_SPECIFIC_SUBLAYER, m_parameters.sublayer));
    m.Add(L2tpv3Avp::MakeUint16(L2tpv3AvpType::DATA_SEQUENCING,
                                m_parameters.requireSequence ? SEQUENCING_ALL : 0));
}

void
L2tpv3ControlSession::InitiateControlConnOpen(const L2tpv3SessionInput&)
{
    if (m_connection->GetState() == L2tpv3ConnectionState::ESTABLISHED)
    {
        // §7.2, established + local open request: send control-conn open event now.
        Handle(E::CONTROL_CONN_OPEN);
    }
}

void
L2tpv3ControlSession::SendIcrq(const L2tpv3SessionInput&)
{
    L2tpv3ControlMessage icrq = Make(L2tpv3MessageType::ICRQ);
    // RFC 3931 §5.4.4: the Serial Number's M bit SHOULD be 0.
    icrq.Add(L2tpv3Avp::MakeUint32(L2tpv3AvpType::SERIAL_NUMBER, m_parameters.serialNumber, false));
    icrq.Add(L2tpv3Avp::MakeUint16(L2tpv3AvpType::PSEUDOWIRE_TYPE, m_parameters.pseudowireType));
    icrq.Add(L2tpv3Avp::MakeString(L2tpv3AvpType::REMOTE_END_ID, m_parameters.remoteEndId));
    icrq.Add(L2tpv3Avp::MakeUint16(L2tpv3AvpType::CIRCUIT_STATUS, CIRCUIT_ACTIVE | CIRCUIT_NEW));
    if (m_parameters.tieBreaker != 0)
    {
        // §5.4.4: the Session Tie Breaker shares the Control Connection Tie Breaker's type.
        icrq.Add(L2tpv3Avp::MakeUint64(L2tpv3AvpType::CONTROL_CONNECTION_TIE_BREAKER,
                                       m_parameters.tieBreaker));
    }
    AddDataPlaneAvps(icrq);
    m_connection->Send(std::move(icrq));
}

void
L2tpv3ControlSession::SendIcrp(const L2tpv3SessionInput&)
{
    L2tpv3ControlMessage icrp = Make(L2tpv3MessageType::ICRP);
    icrp.Add(L2tpv3Avp::MakeUint16(L2tpv3AvpType::CIRCUIT_STATUS, CIRCUIT_ACTIVE | CIRCUIT_NEW));
    AddDataPlaneAvps(icrp);
    m_connection->Send(std::move(icrp));
}

void
L2tpv3ControlSession::SendIccn(const L2tpv3SessionInput&)
{
    L2tpv3ControlMessage iccn = Make(L2tpv3MessageType::ICCN);
    m_connection->Send(std::move(iccn));
}

void
L2tpv3ControlSession::PrepareForData(const L2tpv3SessionInput&)
{
    // §7.3.2: prepare for data; the LCCE raises the device when the state is entered.
}

void
L2tpv3ControlSession::SendCdnCleanUp(const L2tpv3SessionInput& in)
{
    uint16_t result = in.cdnResult ? in.cdnResult : CDN_FSM_ERROR;
    L2tpv3ControlMessage cdn = Make(L2tpv3MessageType::CDN);
    cdn.Add(L2tpv3Avp::MakeResultCode(result, in.cdnError, in.cdnWhy));
    m_lastResult = result;
    m_downReason = L2tpv3SessionDownReason::CDN_SENT;
    m_connection->Count(L2tpv3ControlCounter::CDN_SENT, result);
    m_connection->Send(std::move(cdn));
}

void
L2tpv3ControlSession::CleanUp(const L2tpv3SessionInput& in)
{
    // A CDN received or the connection gone: the reason the pseudowire is down, if it was up.
    m_downReason = in.reason;
}

void
L2tpv3ControlSession::Entered(L2tpv3SessionState from)
{
    m_connection->SessionEntered(*this, from, m_downReason);
}

} // namespace ns3
