/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-reply-limiter.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ns3
{

double
L2tpv3ReplyLimiter::Capacity(double rate)
{
    return std::max(1.0, rate);
}

void
L2tpv3ReplyLimiter::Configure(double perSource, double total, uint32_t sources)
{
    if (!std::isfinite(perSource) || perSource < 0)
    {
        throw std::invalid_argument("UnknownReplyRate " + std::to_string(perSource) +
                                    ": must be 0 or more replies per second");
    }
    if (!std::isfinite(total) || total < 0)
    {
        throw std::invalid_argument("UnknownReplyTotalRate " + std::to_string(total) +
                                    ": must be 0 or more replies per second");
    }
    if (sources == 0)
    {
        throw std::invalid_argument("UnknownReplySources 0: must be 1 or more");
    }
    m_perSource = perSource;
    m_total = total;
    m_maxSources = sources;
    m_totalBucket = Bucket{Capacity(total), Time()};
    m_lru.clear();
    m_index.clear();
}

void
L2tpv3ReplyLimiter::Refill(Bucket& b, double rate, Time now)
{
    if (now > b.last)
    {
        b.tokens = std::min(Capacity(rate), b.tokens + rate * (now - b.last).GetSeconds());
        b.last = now;
    }
}

bool
L2tpv3ReplyLimiter::Allow(const std::string& source, Time now)
{
    if (m_perSource <= 0 || m_total <= 0)
    {
        return false; // 0: never (and no source is tracked)
    }
    auto it = m_index.find(source);
    if (it == m_index.end())
    {
        if (m_lru.size() >= m_maxSources)
        {
            // The table is full: the least recently used source makes room, so that a flood
            // from forged addresses only ever evicts.
            m_index.erase(m_lru.back().first);
            m_lru.pop_back();
        }
        m_lru.emplace_front(source, Bucket{Capacity(m_perSource), now});
        it = m_index.emplace(source, m_lru.begin()).first;
    }
    else if (it->second != m_lru.begin())
    {
        m_lru.splice(m_lru.begin(), m_lru, it->second);
    }
    Bucket& mine = it->second->second;
    Refill(mine, m_perSource, now);
    Refill(m_totalBucket, m_total, now);
    if (mine.tokens < 1 || m_totalBucket.tokens < 1)
    {
        return false;
    }
    mine.tokens -= 1;
    m_totalBucket.tokens -= 1;
    return true;
}

uint32_t
L2tpv3ReplyLimiter::GetNSources() const
{
    return static_cast<uint32_t>(m_lru.size());
}

uint32_t
L2tpv3ReplyLimiter::GetMaxSources() const
{
    return m_maxSources;
}

} // namespace ns3
