/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// libFuzzer harness for the control message codec (RFC 3931 §3.2.1, §5).
//
// The input is one control message, control header first (as over UDP, or
// over IP after Session ID 0). It is decoded; a decoded message is checked
// (L2tpv3ControlMessage::Check), printed, re-encoded (which must give back
// its first Length octets: the harness aborts otherwise) and decoded again
// from a packet; every typed getter of every AVP and of the message runs.
// Each AVP is also decoded on its own from every offset of the input.
// Built and run by utils/fuzz.

#include "fuzz-print-stream.h"

#include "ns3/core-module.h"
#include "ns3/l2tp-module.h"
#include "ns3/network-module.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <vector>

using namespace ns3;

namespace
{

/**
 * \brief Abort with a message (a finding for libFuzzer).
 * \param what what went wrong
 */
[[noreturn]] void
Fail(const char* what)
{
    std::fprintf(stderr, "fuzz-l2tp-codec: %s\n", what);
    std::abort();
}

/**
 * \brief Every typed getter of an AVP, and its re-encoding.
 * \param avp the AVP
 */
void
ExerciseAvp(const L2tpv3Avp& avp)
{
    uint16_t u16;
    uint32_t u32;
    uint64_t u64;
    std::vector<uint16_t> list;
    uint16_t result;
    uint16_t error;
    std::string message;
    avp.GetUint16(u16);
    avp.GetUint32(u32);
    avp.GetUint64(u64);
    avp.GetUint16List(list);
    avp.GetResultCode(result, error, message);
    std::string text = avp.GetString();
    avp.IsWellFormed();
    avp.IsMandatory();
    avp.IsHidden();
    L2tpv3FindAvpDefinition(avp.GetVendorId(), avp.GetType());
    L2tpv3AvpName(avp.GetVendorId(), avp.GetType());
    avp.Print(l2tpfuzz::PrintStream());
    std::vector<uint8_t> bytes;
    avp.Serialize(bytes);
    if (bytes.size() != avp.GetLength())
    {
        Fail("an AVP's encoding is not GetLength() octets");
    }
    L2tpv3Avp again;
    if (L2tpv3Avp::Deserialize(bytes.data(), bytes.size(), again) != bytes.size() ||
        !(again == avp))
    {
        Fail("an AVP does not decode back from its encoding");
    }
}

/// AVPs are decoded on their own from the input's first this many offsets.
constexpr std::size_t kOffsets = 64;

/// Every IETF AVP type of the table, and a few beyond.
const std::vector<uint16_t>&
AvpTypes()
{
    static std::vector<uint16_t> types = [] {
        std::vector<uint16_t> t;
        for (uint16_t type = 0; type < 80; ++type)
        {
            t.push_back(type);
        }
        return t;
    }();
    return types;
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    // AVPs on their own, from every offset (bounded, to stay fast on long inputs).
    for (std::size_t offset = 0; offset + L2tpv3Avp::HEADER_SIZE <= size && offset < kOffsets;
         ++offset)
    {
        L2tpv3Avp avp;
        std::size_t used = L2tpv3Avp::Deserialize(data + offset, size - offset, avp);
        if (used > size - offset)
        {
            Fail("L2tpv3Avp::Deserialize consumed more than it was given");
        }
        if (used)
        {
            ExerciseAvp(avp);
        }
    }

    L2tpv3ControlMessage m;
    L2tpv3ControlDecodeError error = L2tpv3ControlMessage::Deserialize(data, size, m);
    L2tpv3ControlDecodeErrorName(error);
    if (error != L2tpv3ControlDecodeError::NONE)
    {
        return 0;
    }
    std::size_t length = (std::size_t(data[2]) << 8) | data[3];
    std::vector<uint8_t> encoded = m.Serialize();
    if (encoded.size() != length || m.GetSerializedSize() != length ||
        !std::equal(encoded.begin(), encoded.end(), data))
    {
        Fail("a decoded message does not re-encode to its first Length octets");
    }
    L2tpv3ControlMessage fromPacket;
    if (L2tpv3ControlMessage::FromPacket(m.ToPacket(), fromPacket) !=
            L2tpv3ControlDecodeError::NONE ||
        fromPacket.Serialize() != encoded)
    {
        Fail("a message does not decode back from its packet");
    }

    L2tpv3ControlCheck check = m.Check();
    check.Describe();
    L2tpv3MessageType type = m.GetMessageType();
    L2tpv3MessageTypeName(static_cast<uint16_t>(type));
    L2tpv3IsKnownMessageType(static_cast<uint16_t>(type));
    L2tpv3RequiredAvps(type);
    m.IsZlb();
    std::ostream& os = l2tpfuzz::PrintStream();
    m.Print(os);
    os << type;
    // The message's AVPs: those that start before the loop's bound above were exercised
    // there already, decoded by the same L2tpv3Avp::Deserialize from the same octets (the
    // message's decode reads each at its offset, within Length), so they are equal.
    std::size_t offset = L2tpv3ControlMessage::HEADER_SIZE;
    for (const L2tpv3Avp& avp : m.GetAvps())
    {
        if (offset >= kOffsets)
        {
            ExerciseAvp(avp);
        }
        offset += avp.GetLength();
    }
    // Authentication (RFC 3931 §4.3, §5.3) on whatever arrived: checking digests and
    // unhiding never read past a value; an unhidden message still encodes.
    static const L2tpv3ControlAuth::Keys keys = L2tpv3ControlAuth::DeriveKeys("fuzz");
    std::size_t matched = 0;
    L2tpv3ControlAuth::Verify(m, {keys.digest}, {1, 2, 3}, {4, 5, 6}, matched);
    L2tpv3ControlMessage unhidden = m;
    if (L2tpv3ControlAuth::UnhideAvps(unhidden, keys.hiding))
    {
        unhidden.Serialize();
        unhidden.Check();
    }
    for (uint16_t t : AvpTypes())
    {
        auto avpType = static_cast<L2tpv3AvpType>(t);
        uint16_t u16;
        uint32_t u32;
        uint64_t u64;
        m.Find(avpType);
        m.GetUint16(avpType, u16);
        m.GetUint32(avpType, u32);
        m.GetUint64(avpType, u64);
    }
    return 0;
}
