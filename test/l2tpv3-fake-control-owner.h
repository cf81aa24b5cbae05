/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_FAKE_CONTROL_OWNER_H
#define L2TPV3_FAKE_CONTROL_OWNER_H

// A control connection's owner with no node, no LCCE and no transport: it records
// what a connection sends and reports (messages, counters, state changes, sessions up
// and down). Shared by the l2tp-control-owner suite, which checks exact messages and
// transitions, and the state-machine fuzzer (utils/fuzz-l2tp-fsm.cc), which turns the
// recording of strings and messages off (Record(false)) and keeps only numbers and the
// device view (which sessions the owner was told are up). And a reliable channel's owner
// made of functions, for the channel's own tests.

#include "ns3/l2tpv3-control-channel.h"
#include "ns3/l2tpv3-control-connection.h"
#include "ns3/l2tpv3-control-message.h"
#include "ns3/l2tpv3-control-owner.h"
#include "ns3/l2tpv3-control-session.h"
#include "ns3/nstime.h"

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace l2tptest
{

/**
 * A reliable channel's owner made of functions, for tests of the channel alone: each
 * call goes to its function, if set.
 */
class FunctionChannelOwner : public L2tpv3ControlChannelOwner
{
  public:
    std::function<void(const L2tpv3ControlMessage&)> transmit; //!< Transmit's
    std::function<void(const L2tpv3ControlMessage&)> deliver;  //!< Deliver's
    std::function<void()> peerTimeout;                         //!< PeerTimeout's

    void Transmit(const L2tpv3ControlMessage& message) override
    {
        if (transmit)
        {
            transmit(message);
        }
    }

    void Deliver(const L2tpv3ControlMessage& message) override
    {
        if (deliver)
        {
            deliver(message);
        }
    }

    void PeerTimeout() override
    {
        if (peerTimeout)
        {
            peerTimeout();
        }
    }
};

/// Number of L2tpv3ControlCounter values.
constexpr std::size_t CONTROL_COUNTERS = 8;

/// A control connection's owner that only records.
class FakeOwner : public L2tpv3ControlConnectionOwner
{
  public:
    /// A session as the owner knows it: its connection and local Session ID.
    typedef std::pair<const L2tpv3ControlConnection*, uint32_t> SessionKey;

    std::vector<L2tpv3ControlMessage> sent;            //!< messages sent (retransmissions too)
    std::vector<std::string> events;                   //!< state changes, up, down, finish, reject
    std::map<std::string, uint64_t> counts;            //!< counter name (and code) -> count
    std::map<std::string, L2tpv3CallOffer> offers;     //!< Remote End ID -> our answer
    std::vector<L2tpv3SessionParameters> up;           //!< sessions up
    const L2tpv3ControlSource* rejectSource{nullptr};  //!< RejectSccrq's source
    uint32_t nextSessionId{100};                       //!< AllocateSessionId's next answer
    std::array<uint64_t, CONTROL_COUNTERS> counters{}; //!< Count() per counter, any code
    uint64_t transmitted{0};                           //!< Transmit() calls
    uint64_t retransmitted{0};                         //!< of which retransmissions
    uint64_t rejected{0};                              //!< RejectSccrq() calls
    std::set<SessionKey> devicesUp; //!< the device view: sessions reported up, not yet down

    /**
     * \param on false: keep counters and the device view only (no strings, no copies of
     *        messages), for speed
     */
    void Record(bool on)
    {
        m_record = on;
    }

    void Transmit(const L2tpv3ControlConnection& /* connection */,
                  const L2tpv3ControlMessage& message,
                  bool retransmission) override
    {
        ++transmitted;
        retransmitted += retransmission ? 1 : 0;
        if (m_record)
        {
            sent.push_back(message);
        }
    }

    void Count(L2tpv3ControlCounter counter, uint16_t resultCode) override
    {
        ++counters[static_cast<std::size_t>(counter) % CONTROL_COUNTERS];
        if (!m_record)
        {
            return;
        }
        static const char* names[] = {"protocol_error",
                                      "unknown_session",
                                      "stopccn_sent",
                                      "stopccn_received",
                                      "cdn_sent",
                                      "cdn_received",
                                      "timeout",
                                      "nonce_missing"};
        std::string name = names[static_cast<int>(counter)];
        if (resultCode != 0)
        {
            name += " " + std::to_string(resultCode);
        }
        ++counts[name];
    }

    uint32_t AllocateSessionId() override
    {
        return nextSessionId++;
    }

    L2tpv3CallOffer IncomingCall(const std::string& remoteEndId) override
    {
        auto it = offers.find(remoteEndId);
        return it == offers.end() ? L2tpv3CallOffer::NOT_OFFERED : it->second;
    }

    void ConnectionChanged(const L2tpv3ControlConnection& /* connection */,
                           L2tpv3ConnectionState from,
                           L2tpv3ConnectionState to) override
    {
        if (!m_record)
        {
            return;
        }
        events.push_back("connection " + L2tpv3ConnectionStateName(from) + " -> " +
                         L2tpv3ConnectionStateName(to));
    }

    void SessionChanged(const L2tpv3ControlSession& session,
                        L2tpv3SessionState from,
                        L2tpv3SessionState to,
                        L2tpv3SessionDownReason reason) override
    {
        SessionKey key(session.GetConnection(), session.GetParameters().localSessionId);
        if (to == L2tpv3SessionState::ESTABLISHED)
        {
            devicesUp.insert(key);
        }
        if (from == L2tpv3SessionState::ESTABLISHED)
        {
            devicesUp.erase(key);
        }
        if (!m_record)
        {
            return;
        }
        std::string id = std::to_string(session.GetParameters().localSessionId);
        events.push_back("session " + id + " " + L2tpv3SessionStateName(from) + " -> " +
                         L2tpv3SessionStateName(to));
        if (to == L2tpv3SessionState::ESTABLISHED)
        {
            up.push_back(session.GetParameters());
            events.push_back("up " + id);
        }
        if (from == L2tpv3SessionState::ESTABLISHED)
        {
            events.push_back("down " + id + " " + L2tpv3SessionDownReasonName(reason));
        }
    }

    void Finish(const L2tpv3ControlConnection& /* connection */,
                Time /* delay */,
                bool peerDead) override
    {
        if (!m_record)
        {
            return;
        }
        events.push_back(std::string("finish") + (peerDead ? " peer dead" : ""));
    }

    void RejectSccrq(const L2tpv3ControlConnection& /* winner */,
                     const L2tpv3ControlMessage& /* sccrq */,
                     uint16_t resultCode,
                     const L2tpv3ControlSource* source) override
    {
        ++rejected;
        rejectSource = source;
        if (!m_record)
        {
            return;
        }
        events.push_back("reject sccrq " + std::to_string(resultCode));
    }

    /// \return the events since the last call, one a line, and forget them
    std::string TakeEvents()
    {
        std::ostringstream os;
        for (const auto& e : events)
        {
            os << e << "\n";
        }
        events.clear();
        return os.str();
    }

  private:
    bool m_record{true}; //!< record strings and messages
};

/**
 * \param type a message type
 * \param ccid the Control Connection ID in its header
 * \param ns its Ns
 * \param nr its Nr
 * \return the message, AVPs to be added
 */
inline L2tpv3ControlMessage
Msg(L2tpv3MessageType type, uint32_t ccid, uint16_t ns, uint16_t nr)
{
    L2tpv3ControlMessage m(type);
    m.SetControlConnectionId(ccid);
    m.SetNs(ns);
    m.SetNr(nr);
    return m;
}

} // namespace l2tptest
} // namespace ns3

#endif /* L2TPV3_FAKE_CONTROL_OWNER_H */
