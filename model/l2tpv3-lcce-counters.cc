/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-lcce-counters.h"

namespace ns3
{

uint64_t
L2tpv3LcceCounters::GetTx(L2tpv3MessageType type) const
{
    auto i = static_cast<std::size_t>(type);
    return i < TYPES ? txMessages[i] : 0;
}

uint64_t
L2tpv3LcceCounters::GetRx(L2tpv3MessageType type) const
{
    auto i = static_cast<std::size_t>(type);
    return i < TYPES ? rxMessages[i] : 0;
}

std::ostream&
operator<<(std::ostream& os, const L2tpv3LcceCounters& c)
{
    for (std::size_t i = 0; i < L2tpv3LcceCounters::TYPES; ++i)
    {
        if (c.txMessages[i] || c.rxMessages[i])
        {
            os << L2tpv3MessageTypeName(static_cast<uint16_t>(i)) << " tx " << c.txMessages[i]
               << " rx " << c.rxMessages[i] << "\n";
        }
    }
    os << "retransmissions " << c.retransmissions << "\nduplicates " << c.duplicates
       << "\nzlb_sent " << c.zlbSent << "\ntimeouts " << c.timeouts << "\nprotocol_errors "
       << c.protocolErrors << "\nrx_digest_invalid " << c.rxDigestInvalid << "\nrx_digest_missing "
       << c.rxDigestMissing << "\n";
    if (c.rxNonceMissing)
    {
        os << "rx_nonce_missing " << c.rxNonceMissing << "\n";
    }
    if (c.rxHiddenInvalid)
    {
        os << "rx_hidden_invalid " << c.rxHiddenInvalid << "\n";
    }
    for (const auto& [type, n] : c.rxIgnoredAvps)
    {
        os << "rx_ignored_avp type " << type << " " << n << "\n";
    }
    if (c.wrongSource)
    {
        os << "wrong_source " << c.wrongSource << "\n";
    }
    if (c.afterClose)
    {
        os << "after_close " << c.afterClose << "\n";
    }
    if (c.replySuppressed)
    {
        os << "reply_suppressed " << c.replySuppressed << "\n";
    }
    if (c.unknownConnection || c.unknownSession || c.invalidNr || c.sccrqRefused)
    {
        os << "unknown_connection " << c.unknownConnection << "\nunknown_session "
           << c.unknownSession << "\ninvalid_nr " << c.invalidNr << "\nsccrq_refused "
           << c.sccrqRefused << "\n";
    }
    for (const auto& [code, n] : c.stopCcnSent)
    {
        os << "stopccn_sent result " << code << " " << n << "\n";
    }
    for (const auto& [code, n] : c.stopCcnReceived)
    {
        os << "stopccn_received result " << code << " " << n << "\n";
    }
    for (const auto& [code, n] : c.cdnSent)
    {
        os << "cdn_sent result " << code << " " << n << "\n";
    }
    for (const auto& [code, n] : c.cdnReceived)
    {
        os << "cdn_received result " << code << " " << n << "\n";
    }
    for (std::size_t i = 0; i < c.sessionsDown.size(); ++i)
    {
        if (c.sessionsDown[i])
        {
            os << "sessions_down " << L2tpv3SessionDownReasonName(L2tpv3SessionDownReason(i)) << " "
               << c.sessionsDown[i] << "\n";
        }
    }
    if (c.stopCcnUnacknowledged)
    {
        os << "stopccn_unacknowledged " << c.stopCcnUnacknowledged << "\n";
    }
    return os;
}

} // namespace ns3
