/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_CONTROL_SECURITY_H
#define L2TPV3_CONTROL_SECURITY_H

#include "l2tpv3-control-auth.h"
#include "l2tpv3-control-message.h"

#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief The keys an LCCE derives from its shared secrets, and what it does with them:
 * sign and hide what it sends, check and unhide what it receives (RFC 3931 §4.3, §5.3,
 * §5.4.1).
 *
 * A value: the LCCE holds one, rebuilt whenever its Secret or SecondSecret changes. The
 * first key signs and hides; every key is accepted on receive (§5.4.1: a second secret
 * for rollover). Nonces belong to connections and are passed in.
 */
class L2tpv3ControlSecurity
{
  public:
    /**
     * \brief Derive the keys of the secrets (§4.3, §5.3).
     * \param secret the shared secret (empty: no authentication, no key at all)
     * \param secondSecret also accepted on receive (ignored without \p secret or when empty)
     */
    void SetSecrets(const std::string& secret, const std::string& secondSecret);

    /** \return true when a secret is set: control messages are signed and checked (§4.3) */
    bool IsEnabled() const;

    /**
     * \brief Hide (when asked) and sign a message with the first secret's keys.
     * \param message the message
     * \param algorithm the Message Digest's hash (§5.4.1)
     * \param hide hide the AVPs that may be hidden (§5.3)
     * \param random the stream Random Vectors and padding are drawn from
     * \param localNonce our nonce
     * \param remoteNonce the peer's (empty before it is known)
     */
    void Protect(L2tpv3ControlMessage& message,
                 L2tpv3ControlAuth::DigestAlgorithm algorithm,
                 bool hide,
                 Ptr<UniformRandomVariable> random,
                 const std::vector<uint8_t>& localNonce,
                 const std::vector<uint8_t>& remoteNonce) const;

    /**
     * \brief Check a received message's Message Digest against every key (§5.4.1).
     * \param message the message as received
     * \param remoteNonce the peer's nonce (the message's sender's)
     * \param localNonce our nonce
     * \param [out] matched the index of the key that matched (VALID only), for Unhide
     * \return VALID, MISSING or INVALID
     */
    L2tpv3ControlAuth::Verdict Verify(const L2tpv3ControlMessage& message,
                                      const std::vector<uint8_t>& remoteNonce,
                                      const std::vector<uint8_t>& localNonce,
                                      std::size_t& matched) const;

    /**
     * \brief Replace a verified message's hidden AVPs by their cleartext (§5.3).
     * \param message the message
     * \param matched the key Verify found
     * \return false if a hidden AVP does not unhide
     */
    bool Unhide(L2tpv3ControlMessage& message, std::size_t matched) const;

  private:
    std::vector<L2tpv3ControlAuth::Keys> m_keys; //!< the Secret's keys, then SecondSecret's
};

} // namespace ns3

#endif /* L2TPV3_CONTROL_SECURITY_H */
