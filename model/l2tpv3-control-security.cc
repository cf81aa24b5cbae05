/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-control-security.h"

#include "l2tpv3-control-connection.h"

namespace ns3
{

void
L2tpv3ControlSecurity::SetSecrets(const std::string& secret, const std::string& secondSecret)
{
    m_keys.clear();
    if (!secret.empty())
    {
        m_keys.push_back(L2tpv3ControlAuth::DeriveKeys(secret));
        if (!secondSecret.empty())
        {
            m_keys.push_back(L2tpv3ControlAuth::DeriveKeys(secondSecret));
        }
    }
}

bool
L2tpv3ControlSecurity::IsEnabled() const
{
    return !m_keys.empty();
}

void
L2tpv3ControlSecurity::Protect(L2tpv3ControlMessage& message,
                               L2tpv3ControlAuth::DigestAlgorithm algorithm,
                               bool hide,
                               Ptr<UniformRandomVariable> random,
                               const std::vector<uint8_t>& localNonce,
                               const std::vector<uint8_t>& remoteNonce) const
{
    if (hide)
    {
        // §5.3: a fresh Random Vector per message; padding masks the values' lengths.
        std::vector<uint8_t> padding;
        for (std::size_t i = 0; i < 4; ++i)
        {
            std::vector<uint8_t> more = L2tpv3DrawNonce(random);
            padding.insert(padding.end(), more.begin(), more.end());
        }
        L2tpv3ControlAuth::HideAvps(message, m_keys[0].hiding, L2tpv3DrawNonce(random), padding);
    }
    L2tpv3ControlAuth::Sign(message, algorithm, m_keys[0].digest, localNonce, remoteNonce);
}

L2tpv3ControlAuth::Verdict
L2tpv3ControlSecurity::Verify(const L2tpv3ControlMessage& message,
                              const std::vector<uint8_t>& remoteNonce,
                              const std::vector<uint8_t>& localNonce,
                              std::size_t& matched) const
{
    std::vector<std::vector<uint8_t>> keys;
    for (const auto& k : m_keys)
    {
        keys.push_back(k.digest);
    }
    return L2tpv3ControlAuth::Verify(message, keys, remoteNonce, localNonce, matched);
}

bool
L2tpv3ControlSecurity::Unhide(L2tpv3ControlMessage& message, std::size_t matched) const
{
    return L2tpv3ControlAuth::UnhideAvps(message, m_keys[matched].hiding);
}

} // namespace ns3
