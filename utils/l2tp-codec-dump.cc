/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The differential check's producer (utils/tshark-diff): control messages our codec accepts,
// with our decode of each, and the same messages in two pcap files for tshark.
//
//   l2tp-codec-dump --seeds=FILE --count=N --out=DIR [--rng=S]
//
// FILE holds control messages as hexadecimal, one a line, control header first (as over
// UDP). Those our codec decodes come first; then messages built from every IETF AVP our
// codec knows, and mutations of them all (header fields, AVPs' flags, Vendor IDs, types,
// values and lengths, AVPs added, removed, repeated): each kept only when our codec decodes
// it, until N. Written to DIR:
//   ours.tsv   index, message type (ZLB, vendor for a vendor-specific one, or the number),
//              Control Connection ID, Ns, Nr, and the AVP list, comma-separated, in order,
//              each vendor:type:length:form with form h (hidden), v (an L2TPv2 AVP, ignored),
//              w (well formed or unknown to us) or m (a known AVP whose value its type cannot
//              hold: decoded, refused by Check)
//   ip.pcap    each message over IPv4 as protocol 115 after Session ID 0 (RFC 3931 §4.1.1.2)
//   udp.pcap   each message over IPv4 in a UDP datagram from and to port 1701 (§4.1.2)
// Both pcap files are raw IPv4 (link type 101), one record per message, in order.

#include "ns3/l2tpv3-avp.h"
#include "ns3/l2tpv3-control-message.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/**
 * \brief Print the usage and exit with status 2.
 * \param why what was wrong
 */
[[noreturn]] void
Usage(const std::string& why)
{
    std::cerr << "l2tp-codec-dump: " << why << "\n"
              << "usage: l2tp-codec-dump --seeds=FILE --count=N --out=DIR [--rng=S]\n";
    std::exit(2);
}

/**
 * \param hex hexadecimal digits
 * \param [out] bytes their octets
 * \return false if \p hex is not an even number of hex digits
 */
bool
FromHex(const std::string& hex, std::vector<uint8_t>& bytes)
{
    if (hex.size() % 2)
    {
        return false;
    }
    bytes.clear();
    for (std::size_t i = 0; i < hex.size(); i += 2)
    {
        char* end = nullptr;
        std::string pair = hex.substr(i, 2);
        unsigned long v = std::strtoul(pair.c_str(), &end, 16);
        if (*end != '\0')
        {
            return false;
        }
        bytes.push_back(static_cast<uint8_t>(v));
    }
    return true;
}

/// Writes a pcap file of raw IPv4 packets (link type 101).
class PcapWriter
{
  public:
    /** \param path the file */
    explicit PcapWriter(const std::string& path)
        : m_out(path, std::ios::binary)
    {
        if (!m_out)
        {
            throw std::runtime_error("cannot write " + path);
        }
        const uint32_t header[] = {0xa1b2c3d4, 0x00040002, 0, 0, 65535, 101};
        // 0x00040002: version 2.4 as two 16-bit fields, little-endian like the magic.
        Put32(header[0]);
        Put16(2);
        Put16(4);
        for (std::size_t i = 2; i < 6; ++i)
        {
            Put32(header[i]);
        }
    }

    /**
     * \param protocol the IPv4 protocol
     * \param payload the IPv4 payload
     * \param index the record's number (its time stamp, in seconds)
     */
    void Write(uint8_t protocol, const std::vector<uint8_t>& payload, uint32_t index)
    {
        std::vector<uint8_t> ip{0x45, 0, 0,  0, 0, 0, 0,  0, 64, protocol,
                                0,    0, 10, 0, 0, 1, 10, 0, 0,  2};
        const uint32_t total = static_cast<uint32_t>(ip.size() + payload.size());
        ip[2] = static_cast<uint8_t>(total >> 8);
        ip[3] = static_cast<uint8_t>(total);
        ip[4] = static_cast<uint8_t>(index >> 8);
        ip[5] = static_cast<uint8_t>(index);
        uint32_t sum = 0;
        for (std::size_t i = 0; i < ip.size(); i += 2)
        {
            sum += (uint32_t(ip[i]) << 8) | ip[i + 1];
        }
        sum = (sum & 0xffff) + (sum >> 16);
        sum = (sum & 0xffff) + (sum >> 16);
        ip[10] = static_cast<uint8_t>(~sum >> 8);
        ip[11] = static_cast<uint8_t>(~sum);
        ip.insert(ip.end(), payload.begin(), payload.end());
        Put32(index);
        Put32(0);
        Put32(static_cast<uint32_t>(ip.size()));
        Put32(static_cast<uint32_t>(ip.size()));
        m_out.write(reinterpret_cast<const char*>(ip.data()), ip.size());
    }

  private:
    /** \param v a 32-bit value, little-endian */
    void Put32(uint32_t v)
    {
        for (int i = 0; i < 4; ++i)
        {
            m_out.put(static_cast<char>(v >> (8 * i)));
        }
    }

    /** \param v a 16-bit value, little-endian */
    void Put16(uint16_t v)
    {
        m_out.put(static_cast<char>(v));
        m_out.put(static_cast<char>(v >> 8));
    }

    std::ofstream m_out; //!< the file
};

/// Builds and mutates control messages.
class Generator
{
  public:
    /** \param seed the random seed */
    explicit Generator(uint32_t seed)
        : m_rng(seed)
    {
        for (uint16_t t = 0; t < 128; ++t)
        {
            if (L2tpv3FindAvpDefinition(L2tpv3Avp::IETF_VENDOR_ID, t))
            {
                m_known.push_back(t);
            }
        }
    }

    /**
     * \param below a bound
     * \return a number in [0, below)
     */
    uint32_t Below(uint32_t below)
    {
        return std::uniform_int_distribution<uint32_t>(0, below - 1)(m_rng);
    }

    /**
     * \param n how many
     * \return random octets
     */
    std::vector<uint8_t> Octets(std::size_t n)
    {
        std::vector<uint8_t> v(n);
        for (auto& b : v)
        {
            b = static_cast<uint8_t>(Below(256));
        }
        return v;
    }

    /**
     * \param type an IETF AVP type our codec knows
     * \return a well-formed value for it
     */
    std::vector<uint8_t> ValueFor(uint16_t type)
    {
        const L2tpv3AvpDefinition* def = L2tpv3FindAvpDefinition(0, type);
        switch (def->dataType)
        {
        case L2tpv3AvpDataType::UINT16:
            return Octets(2);
        case L2tpv3AvpDataType::UINT32:
            return Octets(4);
        case L2tpv3AvpDataType::UINT64:
            return Octets(8);
        case L2tpv3AvpDataType::UINT16_LIST:
            return Octets(2 * (1 + Below(4)));
        case L2tpv3AvpDataType::STRING: {
            std::vector<uint8_t> v(1 + Below(16));
            for (auto& b : v)
            {
                b = static_cast<uint8_t>('a' + Below(26));
            }
            return v;
        }
        case L2tpv3AvpDataType::OCTETS:
            return Octets(1 + Below(24));
        case L2tpv3AvpDataType::RESULT_CODE: {
            std::vector<uint8_t> v = Octets(Below(3) == 0 ? 2 : 4);
            if (Below(2))
            {
                for (std::size_t i = 0, n = Below(12); i < n; ++i)
                {
                    v.push_back(static_cast<uint8_t>('a' + Below(26)));
                }
            }
            return v;
        }
        case L2tpv3AvpDataType::COOKIE:
            return Octets(std::vector<std::size_t>{0, 4, 8}[Below(3)]);
        case L2tpv3AvpDataType::DIGEST: {
            std::vector<uint8_t> v = Octets(Below(2) ? 17 : 21);
            v[0] = v.size() == 17 ? 1 : 2;
            return v;
        }
        case L2tpv3AvpDataType::CIRCUIT_ERRORS:
            return Octets(26);
        case L2tpv3AvpDataType::EMPTY:
            return {};
        }
        return {};
    }

    /** \return a message of a random type with a random set of known AVPs, well formed */
    L2tpv3ControlMessage Build()
    {
        L2tpv3ControlMessage m(static_cast<L2tpv3MessageType>(Below(21)));
        m.SetControlConnectionId(static_cast<uint32_t>(Below(4) ? Below(1u << 31) : 0));
        m.SetNs(static_cast<uint16_t>(Below(65536)));
        m.SetNr(static_cast<uint16_t>(Below(65536)));
        for (std::size_t i = 0, n = Below(10); i < n; ++i)
        {
            uint16_t type = m_known[Below(m_known.size())];
            if (type == 0)
            {
                continue;
            }
            m.Add(L2tpv3Avp(0, type, Below(2), ValueFor(type)));
        }
        return m;
    }

    /**
     * \param m a message
     * \return it mutated once (header, AVP flags, Vendor ID, type, value, list)
     */
    L2tpv3ControlMessage Mutate(L2tpv3ControlMessage m)
    {
        std::vector<L2tpv3Avp> avps = m.GetAvps();
        const std::size_t n = avps.size();
        switch (Below(11))
        {
        case 0:
            m.SetControlConnectionId(static_cast<uint32_t>(Below(2) ? 0 : m_rng()));
            break;
        case 1:
            m.SetNs(static_cast<uint16_t>(Below(65536)));
            m.SetNr(static_cast<uint16_t>(Below(65536)));
            break;
        case 2: // the message type: any 16-bit value, small ones more often
            if (n > 0)
            {
                uint16_t t = static_cast<uint16_t>(Below(2) ? Below(32) : Below(65536));
                avps[0] = L2tpv3Avp(avps[0].GetVendorId(),
                                    0,
                                    avps[0].IsMandatory(),
                                    {static_cast<uint8_t>(t >> 8), static_cast<uint8_t>(t)});
            }
            break;
        case 3: // an AVP's M bit
            if (n > 1)
            {
                std::size_t i = 1 + Below(n - 1);
                avps[i] = L2tpv3Avp(avps[i].GetVendorId(),
                                    avps[i].GetType(),
                                    !avps[i].IsMandatory(),
                                    avps[i].GetValue());
                avps[i].SetHidden(false);
            }
            break;
        case 4: // an AVP's H bit (its value then reads as hidden)
            if (n > 1)
            {
                std::size_t i = 1 + Below(n - 1);
                avps[i].SetHidden(!avps[i].IsHidden());
            }
            break;
        case 5: { // a vendor AVP: Cisco (9), Microsoft (311), or any
            std::vector<uint16_t> vendors{9, 311, static_cast<uint16_t>(1 + Below(65535))};
            avps.push_back(L2tpv3Avp(vendors[Below(3)],
                                     static_cast<uint16_t>(Below(64)),
                                     Below(2),
                                     Octets(Below(16))));
            break;
        }
        case 6: // an IETF AVP of any type, any value
            avps.push_back(
                L2tpv3Avp(0, static_cast<uint16_t>(1 + Below(200)), Below(2), Octets(Below(24))));
            break;
        case 7: // a known AVP, well formed
        {
            uint16_t type = m_known[Below(m_known.size())];
            if (type != 0)
            {
                avps.push_back(L2tpv3Avp(0, type, Below(2), ValueFor(type)));
            }
            break;
        }
        case 8: // a value's length: 0, 1, shorter, longer
            if (n > 1)
            {
                std::size_t i = 1 + Below(n - 1);
                std::vector<uint8_t> v = avps[i].GetValue();
                std::vector<std::size_t> sizes{0, 1, v.size() / 2, v.size() + 1, 1017};
                std::size_t size = sizes[Below(sizes.size())];
                v.resize(size, static_cast<uint8_t>(Below(256)));
                bool hidden = avps[i].IsHidden();
                avps[i] =
                    L2tpv3Avp(avps[i].GetVendorId(), avps[i].GetType(), avps[i].IsMandatory(), v);
                avps[i].SetHidden(hidden);
            }
            break;
        case 9: // remove or repeat an AVP
            if (n > 1)
            {
                std::size_t i = 1 + Below(n - 1);
                if (Below(2))
                {
                    avps.erase(avps.begin() + i);
                }
                else
                {
                    avps.push_back(avps[i]);
                }
            }
            break;
        case 10: // no AVPs at all: a ZLB
            avps.clear();
            break;
        }
        m.SetAvps(avps);
        return m;
    }

  private:
    std::mt19937 m_rng;            //!< the random numbers
    std::vector<uint16_t> m_known; //!< IETF AVP types our codec knows
};

/**
 * \param avp an AVP
 * \return how our codec sees its value: h hidden, v an L2TPv2 AVP (ignored, never validated,
 * RFC 3931 §4.7.3), m a known AVP whose value its type cannot hold, w well formed or unknown
 */
char
Form(const L2tpv3Avp& avp)
{
    if (avp.IsHidden())
    {
        return 'h';
    }
    const L2tpv3AvpDefinition* def = L2tpv3FindAvpDefinition(avp.GetVendorId(), avp.GetType());
    if (def && def->l2tpv2Only)
    {
        return 'v';
    }
    return avp.IsWellFormed() ? 'w' : 'm';
}

/**
 * \param m a decoded message
 * \return its line of ours.tsv, without the index
 */
std::string
Describe(const L2tpv3ControlMessage& m)
{
    std::ostringstream os;
    if (m.IsZlb())
    {
        os << "ZLB";
    }
    else if (m.GetMessageType() == L2tpv3ControlMessage::VENDOR_SPECIFIC)
    {
        os << "vendor";
    }
    else
    {
        os << static_cast<uint16_t>(m.GetMessageType());
    }
    os << "\t" << m.GetControlConnectionId() << "\t" << m.GetNs() << "\t" << m.GetNr() << "\t";
    bool first = true;
    for (const L2tpv3Avp& avp : m.GetAvps())
    {
        // A known IETF AVP whose value its type cannot hold is marked: our codec decodes it
        // (the framing is sound) and refuses it later (L2tpv3ControlMessage::Check, §7.1).
        os << (first ? "" : ",") << avp.GetVendorId() << ":" << avp.GetType() << ":"
           << (avp.GetValue().size() + L2tpv3Avp::HEADER_SIZE) << ":" << Form(avp);
        first = false;
    }
    return os.str();
}

} // namespace

int
main(int argc, char** argv)
{
    std::string seeds;
    std::string out;
    long count = -1;
    uint32_t rng = 1;
    for (int i = 1; i < argc; ++i)
    {
        std::string arg = argv[i];
        auto value = [&arg](const std::string& name) -> const char* {
            return arg.rfind(name, 0) == 0 ? arg.c_str() + name.size() : nullptr;
        };
        if (const char* v = value("--seeds="))
        {
            seeds = v;
        }
        else if (const char* v = value("--out="))
        {
            out = v;
        }
        else if (const char* v = value("--count="))
        {
            char* end = nullptr;
            count = std::strtol(v, &end, 10);
            if (*end != '\0' || count < 1 || count > 1000000)
            {
                Usage("--count: '" + std::string(v) + "' is not a number from 1 to 1000000");
            }
        }
        else if (const char* v = value("--rng="))
        {
            rng = static_cast<uint32_t>(std::strtoul(v, nullptr, 10));
        }
        else
        {
            Usage("unknown argument '" + arg + "'");
        }
    }
    if (out.empty() || count < 1)
    {
        Usage("--out and --count are required");
    }
    std::vector<std::vector<uint8_t>> accepted;
    std::vector<L2tpv3ControlMessage> pool;
    uint64_t seedLines = 0;
    uint64_t seedsRefused = 0;
    if (!seeds.empty())
    {
        std::ifstream in(seeds);
        if (!in)
        {
            Usage("--seeds: cannot read '" + seeds + "'");
        }
        std::string line;
        while (std::getline(in, line))
        {
            std::vector<uint8_t> bytes;
            if (line.empty() || !FromHex(line, bytes))
            {
                continue;
            }
            ++seedLines;
            L2tpv3ControlMessage m;
            if (L2tpv3ControlMessage::Deserialize(bytes.data(), bytes.size(), m) !=
                L2tpv3ControlDecodeError::NONE)
            {
                ++seedsRefused;
                continue;
            }
            pool.push_back(m);
            if (accepted.size() < static_cast<std::size_t>(count))
            {
                accepted.push_back(bytes);
            }
        }
    }
    Generator gen(rng);
    uint64_t built = 0;
    uint64_t refused = 0;
    while (accepted.size() < static_cast<std::size_t>(count))
    {
        L2tpv3ControlMessage m;
        if (pool.empty() || gen.Below(4) == 0)
        {
            m = gen.Build();
        }
        else
        {
            m = pool[gen.Below(pool.size())];
        }
        ++built;
        std::vector<uint8_t> bytes;
        try
        {
            // A mutation may ask for more than an AVP or a message holds: refused by the
            // encoder (std::invalid_argument, std::length_error), not sent.
            for (uint32_t i = 0, n = 1 + gen.Below(3); i < n; ++i)
            {
                m = gen.Mutate(m);
            }
            bytes = m.Serialize();
        }
        catch (const std::exception&)
        {
            ++refused;
            continue;
        }
        if (bytes.size() > 60000)
        {
            ++refused; // an IPv4 packet holds it with room for the headers
            continue;
        }
        L2tpv3ControlMessage decoded;
        if (L2tpv3ControlMessage::Deserialize(bytes.data(), bytes.size(), decoded) !=
            L2tpv3ControlDecodeError::NONE)
        {
            ++refused;
            continue;
        }
        accepted.push_back(bytes);
        if (pool.size() < 4096)
        {
            pool.push_back(decoded);
        }
    }
    try
    {
        PcapWriter ip(out + "/ip.pcap");
        PcapWriter udp(out + "/udp.pcap");
        std::ofstream tsv(out + "/ours.tsv");
        for (std::size_t i = 0; i < accepted.size(); ++i)
        {
            const std::vector<uint8_t>& bytes = accepted[i];
            L2tpv3ControlMessage m;
            L2tpv3ControlMessage::Deserialize(bytes.data(), bytes.size(), m);
            tsv << (i + 1) << "\t" << Describe(m) << "\n";
            std::vector<uint8_t> overIp(4, 0);
            overIp.insert(overIp.end(), bytes.begin(), bytes.end());
            ip.Write(115, overIp, static_cast<uint32_t>(i + 1));
            const std::size_t length = 8 + bytes.size();
            std::vector<uint8_t> overUdp{0x06,
                                         0xa5,
                                         0x06,
                                         0xa5,
                                         static_cast<uint8_t>(length >> 8),
                                         static_cast<uint8_t>(length),
                                         0,
                                         0};
            overUdp.insert(overUdp.end(), bytes.begin(), bytes.end());
            udp.Write(17, overUdp, static_cast<uint32_t>(i + 1));
        }
    }
    catch (const std::exception& e)
    {
        std::cerr << "l2tp-codec-dump: " << e.what() << "\n";
        return 1;
    }
    std::cout << "l2tp-codec-dump: " << accepted.size() << " messages ("
              << (seedLines - seedsRefused) << " of " << seedLines << " seeds accepted; " << built
              << " built or mutated, " << refused << " of them refused by our codec)\n";
    return 0;
}
