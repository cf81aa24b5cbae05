/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tp-test-utils.h"

#include "ns3/ipv6-address.h"
#include "ns3/pcap-file.h"

namespace ns3
{
namespace l2tptest
{

namespace
{

/// Ethernet header: destination, source, EtherType (no 802.1Q tag in the captures).
constexpr uint32_t ETHERNET_HEADER_SIZE = 14;
/// EtherType of IPv4.
constexpr uint16_t ETHERTYPE_IPV4 = 0x0800;
/// RFC 3931 §4.1.1: L2TPv3 over IP is IP protocol 115.
constexpr uint8_t IP_PROTOCOL_L2TP = 115;
/// EtherType of IPv6.
constexpr uint16_t ETHERTYPE_IPV6 = 0x86dd;
/// The IPv6 fixed header (RFC 8200 §3).
constexpr uint32_t IPV6_HEADER_SIZE = 40;
/// The Session ID field (RFC 3931 §4.1.1.1).
constexpr uint32_t SESSION_ID_SIZE = 4;

/**
 * \param b bytes
 * \return the big-endian 16-bit number they start with
 */
uint16_t
Read16(const uint8_t* b)
{
    return static_cast<uint16_t>((b[0] << 8) | b[1]);
}

/**
 * \param b bytes
 * \return the big-endian 32-bit number they start with
 */
uint32_t
Read32(const uint8_t* b)
{
    return (uint32_t(b[0]) << 24) | (uint32_t(b[1]) << 16) | (uint32_t(b[2]) << 8) | b[3];
}

} // namespace

std::string
L2tpReferenceDir()
{
    const char* env = std::getenv("L2TP_REFERENCE_DIR");
    if (env && *env)
    {
        return env;
    }
#ifdef L2TP_REFERENCE_DIR
    return L2TP_REFERENCE_DIR;
#else
    return "";
#endif
}

std::string
L2tpTestDataDir()
{
    const char* env = std::getenv("L2TP_TEST_DATA_DIR");
    if (env && *env)
    {
        return env;
    }
#ifdef L2TP_TEST_DATA_DIR
    return L2TP_TEST_DATA_DIR;
#else
    return "";
#endif
}

std::vector<PcapRecord>
ReadPcapFile(const std::string& path, uint32_t& dataLinkType, std::string& error)
{
    std::vector<PcapRecord> records;
    error.clear();
    dataLinkType = 0;
    PcapFile file;
    file.Open(path, std::ios::in);
    if (file.Fail())
    {
        error = "cannot open pcap file " + path;
        return records;
    }
    dataLinkType = file.GetDataLinkType();
    // 65535 is the largest snap length libpcap writes for Ethernet.
    std::vector<uint8_t> buffer(65535);
    while (true)
    {
        PcapRecord record;
        uint32_t includedLength = 0;
        uint32_t readLength = 0;
        file.Read(buffer.data(),
                  buffer.size(),
                  record.seconds,
                  record.microseconds,
                  includedLength,
                  record.originalLength,
                  readLength);
        if (file.Eof())
        {
            break;
        }
        if (file.Fail())
        {
            error = "cannot read record " + std::to_string(records.size()) + " of " + path;
            break;
        }
        record.data.assign(buffer.begin(), buffer.begin() + readLength);
        records.push_back(std::move(record));
    }
    file.Close();
    return records;
}

std::string
ParseL2tpv3OverIpv4(const std::vector<uint8_t>& ethernet,
                    uint32_t cookieLength,
                    uint32_t sublayerLength,
                    L2tpv3OverIpv4& packet)
{
    const uint32_t minimumIpv4Header = 20;
    if (ethernet.size() < ETHERNET_HEADER_SIZE + minimumIpv4Header)
    {
        return "shorter than Ethernet and IPv4 headers";
    }
    const uint8_t* e = ethernet.data();
    if (Read16(e + 12) != ETHERTYPE_IPV4)
    {
        return "EtherType is not IPv4";
    }
    packet.ethernetDestination.CopyFrom(e);
    packet.ethernetSource.CopyFrom(e + 6);

    const uint8_t* ip = e + ETHERNET_HEADER_SIZE;
    const uint32_t available = ethernet.size() - ETHERNET_HEADER_SIZE;
    if ((ip[0] >> 4) != 4)
    {
        return "IP version is not 4";
    }
    const uint32_t headerLength = (ip[0] & 0x0f) * 4u;
    const uint32_t totalLength = Read16(ip + 2);
    if (headerLength < minimumIpv4Header || totalLength < headerLength || totalLength > available)
    {
        return "IPv4 header or total length inconsistent with the frame";
    }
    if (ip[9] != IP_PROTOCOL_L2TP)
    {
        return "IPv4 protocol is " + std::to_string(ip[9]) + ", not 115";
    }
    // More Fragments set or a non-zero offset: only a whole packet has every part.
    if ((Read16(ip + 6) & 0x3fff) != 0)
    {
        return "an IPv4 fragment";
    }
    const uint32_t l2tpHeader = SESSION_ID_SIZE + cookieLength + sublayerLength;
    if (totalLength - headerLength < l2tpHeader)
    {
        return "shorter than the L2TPv3 header";
    }
    // The IPv4 total length, not the frame length: Ethernet may pad short packets.
    packet.ip.assign(ip, ip + totalLength);
    packet.source = Ipv4Address(Read32(ip + 12));
    packet.destination = Ipv4Address(Read32(ip + 16));
    const uint8_t* l2tp = ip + headerLength;
    packet.sessionId = Read32(l2tp);
    const uint8_t* cookie = l2tp + SESSION_ID_SIZE;
    packet.cookie.assign(cookie, cookie + cookieLength);
    const uint8_t* sublayer = cookie + cookieLength;
    packet.sublayer.assign(sublayer, sublayer + sublayerLength);
    packet.frame.assign(sublayer + sublayerLength, ip + totalLength);
    return "";
}

std::string
ParseIpProtocol115(const std::vector<uint8_t>& ethernet, IpProtocol115Packet& packet)
{
    if (ethernet.size() < ETHERNET_HEADER_SIZE + 20)
    {
        return "shorter than Ethernet and IPv4 headers";
    }
    const uint8_t* ip = ethernet.data() + ETHERNET_HEADER_SIZE;
    const uint32_t available = ethernet.size() - ETHERNET_HEADER_SIZE;
    const uint16_t etherType = Read16(ethernet.data() + 12);
    if (etherType == ETHERTYPE_IPV4)
    {
        const uint32_t headerLength = (ip[0] & 0x0f) * 4u;
        const uint32_t totalLength = Read16(ip + 2);
        if ((ip[0] >> 4) != 4 || headerLength < 20 || totalLength < headerLength ||
            totalLength > available)
        {
            return "IPv4 header or total length inconsistent with the frame";
        }
        if (ip[9] != IP_PROTOCOL_L2TP)
        {
            return "IPv4 protocol is " + std::to_string(ip[9]) + ", not 115";
        }
        if ((Read16(ip + 6) & 0x3fff) != 0)
        {
            return "an IPv4 fragment";
        }
        std::ostringstream src;
        std::ostringstream dst;
        Ipv4Address(Read32(ip + 12)).Print(src);
        Ipv4Address(Read32(ip + 16)).Print(dst);
        packet.ipv6 = false;
        packet.source = src.str();
        packet.destination = dst.str();
        // The total length, not the frame's: Ethernet pads short packets.
        packet.payload.assign(ip + headerLength, ip + totalLength);
        return "";
    }
    if (etherType == ETHERTYPE_IPV6)
    {
        if (available < IPV6_HEADER_SIZE || (ip[0] >> 4) != 6)
        {
            return "IPv6 header inconsistent with the frame";
        }
        const uint32_t payloadLength = Read16(ip + 4);
        if (IPV6_HEADER_SIZE + payloadLength > available)
        {
            return "IPv6 payload length beyond the frame";
        }
        if (ip[6] != IP_PROTOCOL_L2TP)
        {
            return "IPv6 next header is " + std::to_string(ip[6]) + ", not 115";
        }
        std::ostringstream src;
        std::ostringstream dst;
        Ipv6Address::Deserialize(ip + 8).Print(src);
        Ipv6Address::Deserialize(ip + 24).Print(dst);
        packet.ipv6 = true;
        packet.source = src.str();
        packet.destination = dst.str();
        packet.payload.assign(ip + IPV6_HEADER_SIZE, ip + IPV6_HEADER_SIZE + payloadLength);
        return "";
    }
    return "EtherType is neither IPv4 nor IPv6";
}

} // namespace l2tptest
} // namespace ns3
