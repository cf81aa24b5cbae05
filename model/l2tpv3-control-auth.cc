/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-control-auth.h"

#include <algorithm>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdexcept>

namespace ns3
{

namespace
{

/// The Hidden AVP Subformat is processed in MD5-sized chunks (§5.3).
constexpr std::size_t CHUNK = 16;

const EVP_MD*
Md(L2tpv3ControlAuth::DigestAlgorithm algorithm)
{
    return algorithm == L2tpv3ControlAuth::SHA1 ? EVP_sha1() : EVP_md5();
}

/// A copy of \p message with every Message Digest value zeroed after its Digest Type.
L2tpv3ControlMessage
WithZeroedDigests(const L2tpv3ControlMessage& message)
{
    std::vector<L2tpv3Avp> avps = message.GetAvps();
    for (auto& avp : avps)
    {
        if (avp.Is(L2tpv3AvpType::MESSAGE_DIGEST) && !avp.GetValue().empty())
        {
            std::vector<uint8_t> value(avp.GetValue().size(), 0);
            value[0] = avp.GetValue()[0];
            avp.SetValue(value);
        }
    }
    L2tpv3ControlMessage copy = message;
    copy.SetAvps(avps);
    return copy;
}

} // namespace

std::size_t
L2tpv3ControlAuth::DigestSize(DigestAlgorithm algorithm)
{
    return algorithm == SHA1 ? 20 : 16;
}

std::vector<uint8_t>
L2tpv3ControlAuth::Md5(const std::vector<uint8_t>& data)
{
    std::vector<uint8_t> out(EVP_MAX_MD_SIZE);
    unsigned int n = 0;
    if (!EVP_Digest(data.data(), data.size(), out.data(), &n, EVP_md5(), nullptr))
    {
        throw std::runtime_error("L2tpv3ControlAuth: libcrypto's EVP_Digest(MD5) failed");
    }
    out.resize(n);
    return out;
}

std::vector<uint8_t>
L2tpv3ControlAuth::Hmac(DigestAlgorithm algorithm,
                        const std::vector<uint8_t>& key,
                        const std::vector<uint8_t>& data)
{
    std::vector<uint8_t> out(EVP_MAX_MD_SIZE);
    unsigned int n = 0;
    // HMAC() accepts an empty key only as a non-null pointer.
    static const uint8_t none = 0;
    if (!HMAC(Md(algorithm),
              key.empty() ? &none : key.data(),
              static_cast<int>(key.size()),
              data.data(),
              data.size(),
              out.data(),
              &n))
    {
        throw std::runtime_error("L2tpv3ControlAuth: libcrypto's HMAC failed");
    }
    out.resize(n);
    return out;
}

L2tpv3ControlAuth::Keys
L2tpv3ControlAuth::DeriveKeys(const std::string& secret)
{
    std::vector<uint8_t> s(secret.begin(), secret.end());
    Keys keys;
    keys.digest = Hmac(MD5, s, {2}); // §5.4.1: shared_key = HMAC_MD5(shared_secret, 2)
    keys.hiding = Hmac(MD5, s, {1}); // §5.3: shared_key = HMAC_MD5(shared_secret, 1)
    return keys;
}

std::vector<uint8_t>
L2tpv3ControlAuth::ComputeDigest(DigestAlgorithm algorithm,
                                 const std::vector<uint8_t>& digestKey,
                                 const std::vector<uint8_t>& senderNonce,
                                 const std::vector<uint8_t>& receiverNonce,
                                 const L2tpv3ControlMessage& message)
{
    std::vector<uint8_t> data;
    // §5.4.1: the SCCRQ carries its only nonce itself and is hashed alone.
    if (message.GetMessageType() != L2tpv3MessageType::SCCRQ)
    {
        data.insert(data.end(), senderNonce.begin(), senderNonce.end());
        data.insert(data.end(), receiverNonce.begin(), receiverNonce.end());
    }
    std::vector<uint8_t> bytes = WithZeroedDigests(message).Serialize();
    data.insert(data.end(), bytes.begin(), bytes.end());
    return Hmac(algorithm, digestKey, data);
}

void
L2tpv3ControlAuth::Sign(L2tpv3ControlMessage& message,
                        DigestAlgorithm algorithm,
                        const std::vector<uint8_t>& digestKey,
                        const std::vector<uint8_t>& localNonce,
                        const std::vector<uint8_t>& remoteNonce)
{
    if (message.IsZlb())
    {
        return;
    }
    std::vector<L2tpv3Avp> avps;
    std::vector<uint8_t> placeholder(1 + DigestSize(algorithm), 0);
    placeholder[0] = static_cast<uint8_t>(algorithm);
    for (std::size_t i = 0; i < message.GetAvps().size(); ++i)
    {
        const L2tpv3Avp& avp = message.GetAvps()[i];
        if (avp.Is(L2tpv3AvpType::MESSAGE_DIGEST))
        {
            continue;
        }
        avps.push_back(avp);
        if (i == 0)
        {
            // §5.4.1: "MUST be placed immediately after the Message Type AVP"; M = 1.
            avps.emplace_back(L2tpv3Avp::IETF_VENDOR_ID,
                              static_cast<uint16_t>(L2tpv3AvpType::MESSAGE_DIGEST),
                              true,
                              placeholder);
        }
    }
    message.SetAvps(avps);
    std::vector<uint8_t> digest =
        ComputeDigest(algorithm, digestKey, localNonce, remoteNonce, message);
    std::vector<uint8_t> value(1, static_cast<uint8_t>(algorithm));
    value.insert(value.end(), digest.begin(), digest.end());
    avps[1].SetValue(value);
    message.SetAvps(avps);
}

L2tpv3ControlAuth::Verdict
L2tpv3ControlAuth::Verify(const L2tpv3ControlMessage& message,
                          const std::vector<std::vector<uint8_t>>& digestKeys,
                          const std::vector<uint8_t>& remoteNonce,
                          const std::vector<uint8_t>& localNonce,
                          std::size_t& matchedKey)
{
    const std::vector<L2tpv3Avp>& avps = message.GetAvps();
    bool any = false;
    // §5.4.1: one Message Digest right after the Message Type, a second one right after it.
    for (std::size_t i = 1; i <= 2 && i < avps.size(); ++i)
    {
        const L2tpv3Avp& avp = avps[i];
        if (!avp.Is(L2tpv3AvpType::MESSAGE_DIGEST) || avp.IsHidden())
        {
            break;
        }
        any = true;
        const L2tpv3AvpValue& value = avp.GetValue();
        if (value.empty() || value[0] > SHA1)
        {
            continue; // a Digest Type we do not know cannot match
        }
        auto algorithm = static_cast<DigestAlgorithm>(value[0]);
        if (value.size() != 1 + DigestSize(algorithm))
        {
            continue;
        }
        std::vector<uint8_t> received(value.begin() + 1, value.end());
        for (std::size_t k = 0; k < digestKeys.size(); ++k)
        {
            if (ComputeDigest(algorithm, digestKeys[k], remoteNonce, localNonce, message) ==
                received)
            {
                matchedKey = k;
                return VALID;
            }
        }
    }
    return any ? INVALID : MISSING;
}

namespace
{

/**
 * \param type the AVP's Attribute Type
 * \param hidingKey the shared secret's hiding key
 * \param randomVector the Random Vector AVP's value
 * \return A + S + RV, what the first MD5 of the hiding chain is over (RFC 3931 §5.3)
 */
std::vector<uint8_t>
FirstSeed(uint16_t type,
          const std::vector<uint8_t>& hidingKey,
          const std::vector<uint8_t>& randomVector)
{
    // Sized once and filled by copy: GCC 12 at -O3 takes inserts after a two-element
    // initializer list for writes past its end (-Warray-bounds, a false positive).
    std::vector<uint8_t> seed(2 + hidingKey.size() + randomVector.size());
    seed[0] = static_cast<uint8_t>(type >> 8);
    seed[1] = static_cast<uint8_t>(type);
    std::copy(hidingKey.begin(), hidingKey.end(), seed.begin() + 2);
    std::copy(randomVector.begin(), randomVector.end(), seed.begin() + 2 + hidingKey.size());
    return seed;
}

} // namespace

std::vector<uint8_t>
L2tpv3ControlAuth::HideValue(uint16_t type,
                             const std::vector<uint8_t>& hidingKey,
                             const std::vector<uint8_t>& randomVector,
                             const std::vector<uint8_t>& value,
                             const std::vector<uint8_t>& padding)
{
    // Figure 5.3: Length of Original Value, the value, padding.
    std::vector<uint8_t> out;
    out.push_back(static_cast<uint8_t>(value.size() >> 8));
    out.push_back(static_cast<uint8_t>(value.size()));
    out.insert(out.end(), value.begin(), value.end());
    out.insert(out.end(), padding.begin(), padding.end());
    // b_1 = MD5(A + S + RV), b_i = MD5(S + c_(i-1)); c_i = p_i xor b_i.
    std::vector<uint8_t> seed = FirstSeed(type, hidingKey, randomVector);
    for (std::size_t at = 0; at < out.size(); at += CHUNK)
    {
        std::vector<uint8_t> b = Md5(seed);
        std::size_t end = std::min(out.size(), at + CHUNK);
        for (std::size_t i = at; i < end; ++i)
        {
            out[i] ^= b[i - at];
        }
        seed = hidingKey;
        seed.insert(seed.end(), out.begin() + at, out.begin() + end);
    }
    return out;
}

bool
L2tpv3ControlAuth::UnhideValue(uint16_t type,
                               const std::vector<uint8_t>& hidingKey,
                               const std::vector<uint8_t>& randomVector,
                               const std::vector<uint8_t>& hidden,
                               std::vector<uint8_t>& value)
{
    if (hidden.size() < 2)
    {
        return false;
    }
    std::vector<uint8_t> plain(hidden.size());
    std::vector<uint8_t> seed = FirstSeed(type, hidingKey, randomVector);
    for (std::size_t at = 0; at < hidden.size(); at += CHUNK)
    {
        std::vector<uint8_t> b = Md5(seed);
        std::size_t end = std::min(hidden.size(), at + CHUNK);
        for (std::size_t i = at; i < end; ++i)
        {
            plain[i] = hidden[i] ^ b[i - at];
        }
        seed = hidingKey;
        seed.insert(seed.end(), hidden.begin() + at, hidden.begin() + end);
    }
    std::size_t length = (std::size_t(plain[0]) << 8) | plain[1];
    if (length > plain.size() - 2)
    {
        return false;
    }
    value.assign(plain.begin() + 2, plain.begin() + 2 + length);
    return true;
}

std::size_t
L2tpv3ControlAuth::HideAvps(L2tpv3ControlMessage& message,
                            const std::vector<uint8_t>& hidingKey,
                            const std::vector<uint8_t>& randomVector,
                            const std::vector<uint8_t>& padding)
{
    std::vector<L2tpv3Avp> avps;
    std::size_t hidden = 0;
    std::size_t used = 0;
    for (const auto& avp : message.GetAvps())
    {
        const L2tpv3AvpDefinition* def = L2tpv3FindAvpDefinition(avp.GetVendorId(), avp.GetType());
        if (!def || !def->hideable || avp.IsHidden())
        {
            avps.push_back(avp);
            continue;
        }
        if (hidden == 0)
        {
            // §5.3: the Random Vector AVP MUST precede the first hidden AVP.
            avps.emplace_back(L2tpv3Avp::IETF_VENDOR_ID,
                              static_cast<uint16_t>(L2tpv3AvpType::RANDOM_VECTOR),
                              true,
                              randomVector);
        }
        // Pad the subformat up to a whole number of MD5 chunks.
        std::size_t subformat = 2 + avp.GetValue().size();
        std::size_t want = (CHUNK - subformat % CHUNK) % CHUNK;
        std::size_t take = std::min(want, padding.size() - used);
        std::vector<uint8_t> pad(padding.begin() + used, padding.begin() + used + take);
        used += take;
        std::vector<uint8_t> value =
            HideValue(avp.GetType(), hidingKey, randomVector, avp.GetValue().ToVector(), pad);
        if (L2tpv3Avp::HEADER_SIZE + value.size() > L2tpv3Avp::MAX_LENGTH)
        {
            avps.push_back(avp); // too long to hide (a 1,000-octet Remote End ID): sent clear
            continue;
        }
        L2tpv3Avp h(avp.GetVendorId(), avp.GetType(), avp.IsMandatory(), value);
        h.SetHidden(true);
        avps.push_back(h);
        ++hidden;
    }
    message.SetAvps(avps);
    return hidden;
}

bool
L2tpv3ControlAuth::UnhideAvps(L2tpv3ControlMessage& message, const std::vector<uint8_t>& hidingKey)
{
    std::vector<L2tpv3Avp> avps;
    const L2tpv3AvpValue* randomVector = nullptr;
    bool changed = false;
    for (const auto& avp : message.GetAvps())
    {
        if (avp.Is(L2tpv3AvpType::RANDOM_VECTOR) && !avp.IsHidden())
        {
            randomVector = &avp.GetValue();
        }
        // RFC 3931 §5.2: an L2TPv2 AVP is recognized and ignored (L2tpv3IsIgnoredL2tpv2Avp),
        // hidden or not; its hiding may not even be ours to undo.
        if (!avp.IsHidden() || L2tpv3IsIgnoredL2tpv2Avp(avp.GetVendorId(), avp.GetType()))
        {
            avps.push_back(avp);
            continue;
        }
        std::vector<uint8_t> value;
        if (!randomVector || !UnhideValue(avp.GetType(),
                                          hidingKey,
                                          randomVector->ToVector(),
                                          avp.GetValue().ToVector(),
                                          value))
        {
            return false;
        }
        avps.emplace_back(avp.GetVendorId(), avp.GetType(), avp.IsMandatory(), value);
        changed = true;
    }
    if (changed)
    {
        message.SetAvps(avps);
    }
    return true;
}

} // namespace ns3
