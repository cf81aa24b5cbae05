/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_CONTROL_AUTH_H
#define L2TPV3_CONTROL_AUTH_H

#include "l2tpv3-control-message.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief Control message authentication (RFC 3931 §4.3, the Message Digest and Control
 * Message Authentication Nonce AVPs of §5.4.1) and AVP hiding (§5.3).
 *
 * Every hash is OpenSSL's (libcrypto's EVP and HMAC interfaces); nothing here
 * implements MD5 or SHA-1. The functions work on L2tpv3ControlMessage as the
 * reliable channel sees it: the control header first, without the 32 zero
 * bits that precede it over IP (§5.4.1: the digest covers the message from
 * the T bit on, over IP and over UDP alike).
 */
class L2tpv3ControlAuth
{
  public:
    /**
     * \brief The Digest Type octet of the Message Digest AVP (§5.4.1).
     *
     * A plain enum, so that it fits EnumValue in ns-3 3.37 and in ns-3-dev alike.
     */
    enum DigestAlgorithm
    {
        MD5 = 0,  //!< HMAC-MD5 (RFC 2104), 16 octets; MUST be supported
        SHA1 = 1, //!< HMAC-SHA-1 (RFC 2104), 20 octets; SHOULD be supported
    };

    /// What checking a received message's digests found.
    enum Verdict : uint8_t
    {
        VALID = 0, //!< a Message Digest matches a key
        MISSING,   //!< no Message Digest AVP right after the Message Type (ZLBs included)
        INVALID,   //!< Message Digest AVPs present, none matches
    };

    /// The two keys §4.3 and §5.3 derive from one shared secret.
    struct Keys
    {
        std::vector<uint8_t> digest; //!< HMAC_MD5(secret, 2): the Message Digest key (§5.4.1)
        std::vector<uint8_t> hiding; //!< HMAC_MD5(secret, 1): the AVP hiding key (§5.3)
    };

    /**
     * \param algorithm a digest algorithm
     * \return its digest's length: 16 (MD5) or 20 (SHA-1)
     */
    static std::size_t DigestSize(DigestAlgorithm algorithm);

    /**
     * \param data octets
     * \return MD5(data)
     */
    static std::vector<uint8_t> Md5(const std::vector<uint8_t>& data);

    /**
     * \param algorithm HMAC-MD5 or HMAC-SHA-1
     * \param key the key
     * \param data the octets
     * \return HMAC(key, data)
     */
    static std::vector<uint8_t> Hmac(DigestAlgorithm algorithm,
                                     const std::vector<uint8_t>& key,
                                     const std::vector<uint8_t>& data);

    /**
     * \brief Derive both keys of a shared secret.
     * \param secret the shared secret (a password)
     * \return HMAC_MD5(secret, 2) and HMAC_MD5(secret, 1)
     */
    static Keys DeriveKeys(const std::string& secret);

    /**
     * \brief The Message Digest of a message (§5.4.1).
     *
     * HMAC_Hash(key, senderNonce + receiverNonce + message) for every message but the
     * SCCRQ, HMAC_Hash(key, message) for the SCCRQ, where message is the encoded
     * message with the value of every Message Digest AVP after its Digest Type zeroed.
     * \param algorithm the hash
     * \param digestKey the derived digest key
     * \param senderNonce the nonce the message's sender advertised (its local nonce)
     * \param receiverNonce the nonce its receiver advertised
     * \param message the message (its digest AVPs' values are ignored)
     * \return the digest
     */
    static std::vector<uint8_t> ComputeDigest(DigestAlgorithm algorithm,
                                              const std::vector<uint8_t>& digestKey,
                                              const std::vector<uint8_t>& senderNonce,
                                              const std::vector<uint8_t>& receiverNonce,
                                              const L2tpv3ControlMessage& message);

    /**
     * \brief Put a Message Digest AVP right after the Message Type (§5.4.1) and fill it.
     *
     * Message Digest AVPs already present are replaced. A ZLB gets none (it has no
     * Message Type to follow; with authentication the channel sends ACKs instead).
     * \param message the message to sign
     * \param algorithm the hash
     * \param digestKey the derived digest key
     * \param localNonce our nonce (the sender's)
     * \param remoteNonce the peer's nonce (empty before it is known)
     */
    static void Sign(L2tpv3ControlMessage& message,
                     DigestAlgorithm algorithm,
                     const std::vector<uint8_t>& digestKey,
                     const std::vector<uint8_t>& localNonce,
                     const std::vector<uint8_t>& remoteNonce);

    /**
     * \brief Check a received message's digests (§5.4.1): one or two Message Digest AVPs
     * right after the Message Type; the message is accepted if either matches a key.
     * \param message the message as received
     * \param digestKeys the derived digest keys of the secrets we accept (one or two)
     * \param remoteNonce the peer's nonce (the message's sender's)
     * \param localNonce our nonce
     * \param [out] matchedKey index in \p digestKeys of the key that matched (VALID only)
     * \return VALID, MISSING or INVALID
     */
    static Verdict Verify(const L2tpv3ControlMessage& message,
                          const std::vector<std::vector<uint8_t>>& digestKeys,
                          const std::vector<uint8_t>& remoteNonce,
                          const std::vector<uint8_t>& localNonce,
                          std::size_t& matchedKey);

    /**
     * \brief Hide an Attribute Value (§5.3).
     * \param type the AVP's Attribute Type
     * \param hidingKey the derived hiding key
     * \param randomVector the Random Vector AVP's value
     * \param value the cleartext value
     * \param padding random octets appended to the Hidden AVP Subformat to mask the length
     * \return the hidden value: the subformat (length, value, padding) XORed with the MD5 chain
     */
    static std::vector<uint8_t> HideValue(uint16_t type,
                                          const std::vector<uint8_t>& hidingKey,
                                          const std::vector<uint8_t>& randomVector,
                                          const std::vector<uint8_t>& value,
                                          const std::vector<uint8_t>& padding);

    /**
     * \brief Recover a hidden Attribute Value (§5.3).
     * \param type the AVP's Attribute Type
     * \param hidingKey the derived hiding key
     * \param randomVector the value of the last Random Vector AVP before it
     * \param hidden the hidden value
     * \param [out] value the cleartext value
     * \return false if the hidden value is under 2 octets or its Length of Original
     *         Attribute Value runs past its end (wrong key, or corrupted)
     */
    static bool UnhideValue(uint16_t type,
                            const std::vector<uint8_t>& hidingKey,
                            const std::vector<uint8_t>& randomVector,
                            const std::vector<uint8_t>& hidden,
                            std::vector<uint8_t>& value);

    /**
     * \brief Hide every AVP of a message that the RFC lets be hidden (§5.4: "This AVP MAY
     * be hidden"), with one Random Vector AVP placed before the first of them.
     * \param message the message (AVPs already hidden are left alone)
     * \param hidingKey the derived hiding key
     * \param randomVector the random vector (at least one octet; §5.4.1 recommends 16)
     * \param padding random octets, used in order for the hidden AVPs' padding; each
     *        hidden AVP takes as many as it needs to round its subformat up to 16 octets
     * \return the number of AVPs hidden
     */
    static std::size_t HideAvps(L2tpv3ControlMessage& message,
                                const std::vector<uint8_t>& hidingKey,
                                const std::vector<uint8_t>& randomVector,
                                const std::vector<uint8_t>& padding);

    /**
     * \brief Replace every hidden AVP of a message by its cleartext (H = 0), each with the
     * Random Vector AVP most closely preceding it (§5.3).
     * \param message the message
     * \param hidingKey the derived hiding key
     * \return false if a hidden AVP has no Random Vector before it or does not unhide
     *         (the message must then be dropped)
     */
    static bool UnhideAvps(L2tpv3ControlMessage& message, const std::vector<uint8_t>& hidingKey);
};

} // namespace ns3

#endif /* L2TPV3_CONTROL_AUTH_H */
