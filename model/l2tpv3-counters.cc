/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-counters.h"

namespace ns3
{

std::string
L2tpv3DropReasonName(L2tpv3DropReason reason)
{
    switch (reason)
    {
    case L2tpv3DropReason::PACKET_TOO_SHORT:
        return "packet_too_short";
    case L2tpv3DropReason::UNKNOWN_SESSION:
        return "unknown_session";
    case L2tpv3DropReason::CONTROL_MESSAGE:
        return "control_message";
    case L2tpv3DropReason::DEVICE_DOWN:
        return "device_down";
    case L2tpv3DropReason::PEER_MISMATCH:
        return "peer_mismatch";
    case L2tpv3DropReason::COOKIE_MISMATCH:
        return "cookie_mismatch";
    case L2tpv3DropReason::BAD_VERSION:
        return "bad_version";
    case L2tpv3DropReason::SEQUENCE_ERROR:
        return "sequence_error";
    case L2tpv3DropReason::FRAME_TOO_SHORT:
        return "frame_too_short";
    case L2tpv3DropReason::FRAME_BAD_LENGTH_TYPE:
        return "frame_bad_length_type";
    case L2tpv3DropReason::NO_ROUTE:
        return "no_route";
    case L2tpv3DropReason::FRAME_OVER_MTU:
        return "frame_over_mtu";
    case L2tpv3DropReason::TX_DEVICE_DOWN:
        return "tx_device_down";
    case L2tpv3DropReason::COUNT:
        break;
    }
    return "invalid";
}

bool
L2tpv3DropReasonIsTransmit(L2tpv3DropReason reason)
{
    switch (reason)
    {
    case L2tpv3DropReason::TX_DEVICE_DOWN:
    case L2tpv3DropReason::NO_ROUTE:
    case L2tpv3DropReason::FRAME_OVER_MTU:
        return true;
    default:
        return false;
    }
}

std::ostream&
operator<<(std::ostream& os, L2tpv3DropReason reason)
{
    return os << L2tpv3DropReasonName(reason);
}

uint64_t
L2tpv3Counters::GetDrops(L2tpv3DropReason reason) const
{
    return drops[static_cast<std::size_t>(reason)];
}

uint64_t
L2tpv3Counters::GetTotalDrops() const
{
    uint64_t total = 0;
    for (auto d : drops)
    {
        total += d;
    }
    return total;
}

uint64_t
L2tpv3Counters::GetRxSeqDiscards() const
{
    return GetDrops(L2tpv3DropReason::SEQUENCE_ERROR);
}

uint64_t
L2tpv3Counters::GetRxCookieDiscards() const
{
    return GetDrops(L2tpv3DropReason::COOKIE_MISMATCH);
}

uint64_t
L2tpv3Counters::GetTxErrors() const
{
    uint64_t total = 0;
    for (std::size_t i = 0; i < drops.size(); ++i)
    {
        total += L2tpv3DropReasonIsTransmit(static_cast<L2tpv3DropReason>(i)) ? drops[i] : 0;
    }
    return total;
}

uint64_t
L2tpv3Counters::GetRxErrors() const
{
    return GetTotalDrops() - GetTxErrors();
}

void
L2tpv3Counters::CountDrop(L2tpv3DropReason reason)
{
    ++drops[static_cast<std::size_t>(reason)];
}

L2tpv3Counters&
L2tpv3Counters::operator+=(const L2tpv3Counters& other)
{
    txPackets += other.txPackets;
    txBytes += other.txBytes;
    rxPackets += other.rxPackets;
    rxBytes += other.rxBytes;
    rxControl += other.rxControl;
    txFragmented += other.txFragmented;
    txFragments += other.txFragments;
    rxOosPackets += other.rxOosPackets;
    mssClamped += other.mssClamped;
    rxBadLengthType += other.rxBadLengthType;
    for (std::size_t i = 0; i < drops.size(); ++i)
    {
        drops[i] += other.drops[i];
    }
    return *this;
}

std::ostream&
operator<<(std::ostream& os, const L2tpv3Counters& c)
{
    os << "tx_packets=" << c.txPackets << " tx_bytes=" << c.txBytes
       << " tx_errors=" << c.GetTxErrors() << " rx_packets=" << c.rxPackets
       << " rx_bytes=" << c.rxBytes << " rx_seq_discards=" << c.GetRxSeqDiscards()
       << " rx_oos_packets=" << c.rxOosPackets << " rx_cookie_discards=" << c.GetRxCookieDiscards()
       << " rx_errors=" << c.GetRxErrors();
    if (c.mssClamped)
    {
        os << " mss_clamped=" << c.mssClamped;
    }
    if (c.rxBadLengthType)
    {
        os << " rx_bad_length_type=" << c.rxBadLengthType;
    }
    if (c.rxControl)
    {
        os << " rx_control=" << c.rxControl;
    }
    if (c.txFragmented)
    {
        os << " tx_fragmented=" << c.txFragmented << " tx_fragments=" << c.txFragments;
    }
    for (std::size_t i = 0; i < c.drops.size(); ++i)
    {
        if (c.drops[i])
        {
            os << " drop_" << L2tpv3DropReasonName(static_cast<L2tpv3DropReason>(i)) << "="
               << c.drops[i];
        }
    }
    return os;
}

} // namespace ns3
