/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The control-plane codec (RFC 3931 §3.2.1 header, §5 AVPs, §6 required AVPs,
// §5.2/§5.4.1/§7.1 receiver checks):
//  - vectors computed by hand from the RFC's figures, written here as hex:
//    exact bytes on encode, the typed values back on decode;
//  - every control message of a real LCCE (the Linux captures v3-13, v3-14)
//    decodes, passes the checks and re-encodes byte for byte;
//  - malformed input refused with its exact error; every truncation and
//    every single-bit flip of the real messages either decodes or is refused;
//  - the Check() verdicts, the §6 table and the AVP size limit;
//  - tshark decodes what we encode.

#include "l2tp-test-utils.h"

#include "ns3/l2tpv3-avp.h"
#include "ns3/l2tpv3-control-message.h"
#include "ns3/packet.h"
#include "ns3/pcap-file.h"
#include "ns3/ptr.h"
#include "ns3/test.h"

#include <algorithm>
#include <cctype>
#include <iomanip>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

/// RFC 3931 §4.1.2.1: L2TP over UDP uses port 1701.
constexpr uint16_t L2TP_UDP_PORT = 1701;

/**
 * \param hex hexadecimal digits, spaces allowed between octets
 * \return the octets
 */
std::vector<uint8_t>
FromHex(const std::string& hex)
{
    std::string digits;
    for (char c : hex)
    {
        if (!std::isspace(static_cast<unsigned char>(c)))
        {
            digits.push_back(c);
        }
    }
    std::vector<uint8_t> bytes;
    for (std::size_t i = 0; i + 1 < digits.size(); i += 2)
    {
        bytes.push_back(static_cast<uint8_t>(std::stoul(digits.substr(i, 2), nullptr, 16)));
    }
    return bytes;
}

/**
 * \param bytes octets
 * \return lower-case hex without separators, as ToHex writes it
 */
std::string
Hex(const std::vector<uint8_t>& bytes)
{
    return ToHex(bytes.data(), bytes.size());
}

/**
 * \param hex hexadecimal digits with spaces
 * \return the same without spaces, lower case
 */
std::string
Compact(const std::string& hex)
{
    return Hex(FromHex(hex));
}

/**
 * \param bytes octets of a control message
 * \param [out] message the message
 * \return the decode error's name ("none" when decoded)
 */
std::string
Decode(const std::vector<uint8_t>& bytes, L2tpv3ControlMessage& message)
{
    return L2tpv3ControlDecodeErrorName(
        L2tpv3ControlMessage::Deserialize(bytes.data(), bytes.size(), message));
}

/**
 * \param bytes octets of a control message
 * \return the decode error's name ("none" when decoded)
 */
std::string
Decode(const std::vector<uint8_t>& bytes)
{
    L2tpv3ControlMessage message;
    return Decode(bytes, message);
}

/**
 * \brief The AVP boundaries of a message, walked by hand (not with the codec under test).
 * \param bytes a well-formed control message
 * \return the offsets at which an AVP ends, the control header's end first
 */
std::vector<std::size_t>
AvpBoundaries(const std::vector<uint8_t>& bytes)
{
    std::vector<std::size_t> ends{12};
    std::size_t length = (std::size_t(bytes[2]) << 8) | bytes[3];
    std::size_t offset = 12;
    while (offset + 6 <= length)
    {
        std::size_t avpLength = (std::size_t(bytes[offset] & 0x03) << 8) | bytes[offset + 1];
        if (avpLength < 6)
        {
            break;
        }
        offset += avpLength;
        ends.push_back(offset);
    }
    return ends;
}

/**
 * \brief The L2TP messages over UDP in a capture, taken apart by hand.
 * \param name capture file name without .pcap
 * \param [out] control the control messages (T = 1), UDP payloads in file order
 * \param [out] data how many L2TP data messages (T = 0) the capture holds
 * \return "" on success, else why the capture could not be read
 */
std::string
ReadL2tpOverUdp(const std::string& name, std::vector<std::vector<uint8_t>>& control, int& data)
{
    control.clear();
    data = 0;
    std::string path = L2tpReferenceDir() + "/captures/linux-l2tpv3/" + name + ".pcap";
    uint32_t linkType = 0;
    std::string error;
    std::vector<PcapRecord> records = ReadPcapFile(path, linkType, error);
    if (!error.empty())
    {
        return error + " (set L2TP_REFERENCE_DIR)";
    }
    if (linkType != 1)
    {
        return path + ": link type " + std::to_string(linkType) + ", not Ethernet";
    }
    for (const PcapRecord& r : records)
    {
        const std::vector<uint8_t>& b = r.data;
        // Ethernet (14), IPv4 (>= 20), UDP (8): only IPv4 in these captures.
        if (b.size() < 14 + 20 + 8 || b[12] != 0x08 || b[13] != 0x00 || b[14 + 9] != 17)
        {
            continue;
        }
        const uint8_t* ip = b.data() + 14;
        std::size_t ihl = (ip[0] & 0x0f) * 4;
        std::size_t total = (std::size_t(ip[2]) << 8) | ip[3];
        if (ihl < 20 || total < ihl + 8 || 14 + total > b.size())
        {
            return path + ": an IPv4/UDP packet longer than its record";
        }
        const uint8_t* udp = ip + ihl;
        uint16_t sport = static_cast<uint16_t>((udp[0] << 8) | udp[1]);
        uint16_t dport = static_cast<uint16_t>((udp[2] << 8) | udp[3]);
        std::size_t udpLength = (std::size_t(udp[4]) << 8) | udp[5];
        if ((sport != L2TP_UDP_PORT && dport != L2TP_UDP_PORT) || udpLength < 8 + 2 ||
            udpLength > total - ihl)
        {
            continue;
        }
        // RFC 3931 §3.2: the T bit, first of the 16 bits after the UDP header.
        if (udp[8] & 0x80)
        {
            control.emplace_back(udp + 8, udp + udpLength);
        }
        else
        {
            ++data;
        }
    }
    return "";
}

} // namespace

/**
 * \ingroup l2tp-tests
 * \brief An SCCRQ built from typed AVPs gives the bytes computed by hand from RFC 3931 §3.2.1
 * and §5.1, and decodes back to the same values.
 */
class L2tpv3SccrqVectorTestCase : public TestCase
{
  public:
    L2tpv3SccrqVectorTestCase()
        : TestCase("SCCRQ vector: exact bytes, Length 84, M bits, typed values back")
    {
    }

  private:
    void DoRun() override
    {
        // Computed by hand: header T L S Ver 3, Length 84, CCID 0, Ns 0, Nr 0; each AVP
        // M=1 | Length | Vendor 0 | Type | value (§5.4.1, §5.4.3).
        const std::string expected = "c8 03 00 54 00 00 00 00 00 00 00 00"
                                     "80 08 00 00 00 00 00 01"             // Message Type 1
                                     "80 0c 00 00 00 07 4c 43 43 45 2d 41" // Host Name LCCE-A
                                     "80 0a 00 00 00 3c 0a 00 00 01"       // Router ID 10.0.0.1
                                     "80 0a 00 00 00 3d 12 34 56 78"       // Assigned CCID
                                     "80 0a 00 00 00 3e 00 05 00 04"       // PW Capabilities 5,4
                                     "80 08 00 00 00 0a 00 08"             // Receive Window 8
                                     "80 0e 00 00 00 05 01 02 03 04 05 06 07 08"; // Tie Breaker
        using A = L2tpv3AvpType;
        L2tpv3ControlMessage sccrq(L2tpv3MessageType::SCCRQ);
        sccrq.Add(L2tpv3Avp::MakeString(A::HOST_NAME, "LCCE-A"))
            .Add(L2tpv3Avp::MakeUint32(A::ROUTER_ID, 0x0a000001))
            .Add(L2tpv3Avp::MakeUint32(A::ASSIGNED_CONTROL_CONNECTION_ID, 0x12345678))
            .Add(L2tpv3Avp::MakeUint16List(A::PSEUDOWIRE_CAPABILITIES_LIST, {5, 4}))
            .Add(L2tpv3Avp::MakeUint16(A::RECEIVE_WINDOW_SIZE, 8))
            .Add(L2tpv3Avp::MakeUint64(A::CONTROL_CONNECTION_TIE_BREAKER, 0x0102030405060708ULL));
        NS_TEST_EXPECT_MSG_EQ(sccrq.GetSerializedSize(), 84, "Length: 12 + 72 octets of AVPs");
        std::vector<uint8_t> bytes = sccrq.Serialize();
        NS_TEST_EXPECT_MSG_EQ(Hex(bytes), Compact(expected), "SCCRQ bytes");
        NS_TEST_EXPECT_MSG_EQ(sccrq.Check().Describe(), "ok", "a valid SCCRQ");

        // The same through a packet, then back.
        Ptr<Packet> packet = sccrq.ToPacket();
        std::vector<uint8_t> fromPacket(packet->GetSize());
        packet->CopyData(fromPacket.data(), fromPacket.size());
        NS_TEST_EXPECT_MSG_EQ(Hex(fromPacket), Compact(expected), "ToPacket bytes");
        L2tpv3ControlMessage decoded;
        NS_TEST_ASSERT_MSG_EQ(
            L2tpv3ControlDecodeErrorName(L2tpv3ControlMessage::FromPacket(packet, decoded)),
            "none",
            "FromPacket");
        NS_TEST_EXPECT_MSG_EQ(decoded.GetMessageType(), L2tpv3MessageType::SCCRQ, "type");
        NS_TEST_EXPECT_MSG_EQ(decoded.GetControlConnectionId(), 0, "CCID 0 in an SCCRQ");
        NS_TEST_EXPECT_MSG_EQ(decoded.GetNs(), 0, "Ns");
        NS_TEST_EXPECT_MSG_EQ(decoded.GetNr(), 0, "Nr");
        NS_TEST_ASSERT_MSG_EQ(decoded.GetAvps().size(), 7, "seven AVPs");
        for (const L2tpv3Avp& avp : decoded.GetAvps())
        {
            NS_TEST_EXPECT_MSG_EQ(avp.IsMandatory(), true, "M bit of " << avp);
            NS_TEST_EXPECT_MSG_EQ(avp.IsHidden(), false, "H bit of " << avp);
            NS_TEST_EXPECT_MSG_EQ(avp.GetVendorId(), 0, "IETF AVP " << avp);
        }
        const L2tpv3Avp* host = decoded.Find(A::HOST_NAME);
        NS_TEST_ASSERT_MSG_NE(host, nullptr, "Host Name present");
        NS_TEST_EXPECT_MSG_EQ(host->GetString(), "LCCE-A", "Host Name");
        NS_TEST_EXPECT_MSG_EQ(host->GetLength(), 12, "Host Name AVP Length 6 + 6");
        uint32_t u32 = 0;
        NS_TEST_EXPECT_MSG_EQ(decoded.GetUint32(A::ROUTER_ID, u32), true, "Router ID");
        NS_TEST_EXPECT_MSG_EQ(u32, 0x0a000001, "Router ID value");
        NS_TEST_EXPECT_MSG_EQ(decoded.GetUint32(A::ASSIGNED_CONTROL_CONNECTION_ID, u32),
                              true,
                              "Assigned CCID");
        NS_TEST_EXPECT_MSG_EQ(u32, 0x12345678, "Assigned CCID value");
        std::vector<uint16_t> types;
        NS_TEST_EXPECT_MSG_EQ(decoded.Find(A::PSEUDOWIRE_CAPABILITIES_LIST)->GetUint16List(types),
                              true,
                              "PW Capabilities List");
        NS_TEST_EXPECT_MSG_EQ((types == std::vector<uint16_t>{5, 4}), true, "PW types 5, 4");
        uint16_t u16 = 0;
        NS_TEST_EXPECT_MSG_EQ(decoded.GetUint16(A::RECEIVE_WINDOW_SIZE, u16), true, "window");
        NS_TEST_EXPECT_MSG_EQ(u16, 8, "Receive Window Size");
        uint64_t u64 = 0;
        NS_TEST_EXPECT_MSG_EQ(decoded.GetUint64(A::CONTROL_CONNECTION_TIE_BREAKER, u64),
                              true,
                              "Tie Breaker");
        NS_TEST_EXPECT_MSG_EQ(u64, 0x0102030405060708ULL, "Tie Breaker value");
        // A typed getter refuses a value of another size.
        NS_TEST_EXPECT_MSG_EQ(decoded.GetUint16(A::ROUTER_ID, u16), false, "4 octets, not 2");
        NS_TEST_EXPECT_MSG_EQ(decoded.GetUint32(A::RESULT_CODE, u32), false, "absent AVP");
        NS_TEST_EXPECT_MSG_EQ(Hex(decoded.Serialize()), Compact(expected), "re-encoded");
        NS_TEST_EXPECT_MSG_EQ((decoded.GetAvps() == sccrq.GetAvps()), true, "same AVPs");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief A ZLB is the 12-octet control header alone (RFC 3931 §4.2, §6.15).
 */
class L2tpv3ZlbVectorTestCase : public TestCase
{
  public:
    L2tpv3ZlbVectorTestCase()
        : TestCase("ZLB vector: 12 octets c8 03 00 0c, CCID, Ns, Nr, no AVPs")
    {
    }

  private:
    void DoRun() override
    {
        const std::string expected = "c8 03 00 0c de ad be ef 00 03 01 02";
        L2tpv3ControlMessage zlb(L2tpv3MessageType::ZLB);
        zlb.SetControlConnectionId(0xdeadbeef);
        zlb.SetNs(3);
        zlb.SetNr(0x0102);
        NS_TEST_EXPECT_MSG_EQ(zlb.IsZlb(), true, "no AVPs");
        NS_TEST_EXPECT_MSG_EQ(zlb.GetSerializedSize(), 12, "Length 12");
        NS_TEST_EXPECT_MSG_EQ(Hex(zlb.Serialize()), Compact(expected), "ZLB bytes");

        L2tpv3ControlMessage decoded;
        NS_TEST_ASSERT_MSG_EQ(Decode(FromHex(expected), decoded), "none", "ZLB decodes");
        NS_TEST_EXPECT_MSG_EQ(decoded.IsZlb(), true, "no AVPs");
        NS_TEST_EXPECT_MSG_EQ(decoded.GetMessageType(), L2tpv3MessageType::ZLB, "type ZLB");
        NS_TEST_EXPECT_MSG_EQ(decoded.GetControlConnectionId(), 0xdeadbeef, "CCID");
        NS_TEST_EXPECT_MSG_EQ(decoded.GetNs(), 3, "Ns");
        NS_TEST_EXPECT_MSG_EQ(decoded.GetNr(), 0x0102, "Nr");
        NS_TEST_EXPECT_MSG_EQ(decoded.Check().verdict, L2tpv3ControlCheck::OK, "a ZLB is OK");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3RequiredAvps(L2tpv3MessageType::ZLB).size(), 0, "none");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief The Result Code AVP's three layouts (RFC 3931 §5.4.2): Length 8, 10 and 10 + n.
 */
class L2tpv3StopCcnVectorTestCase : public TestCase
{
  public:
    L2tpv3StopCcnVectorTestCase()
        : TestCase("StopCCN vectors: Result Code AVP of Length 8, 10 and 10 + message")
    {
    }

  private:
    void DoRun() override
    {
        struct Vector
        {
            uint16_t result;     //!< Result Code
            uint16_t error;      //!< Error Code
            std::string message; //!< Error Message
            std::size_t length;  //!< the Result Code AVP's Length
            std::string bytes;   //!< the message, by hand
            std::string printed; //!< Print()
        };

        const std::string header = "00 00 ab cd 00 05 00 07 80 08 00 00 00 00 00 04";
        const std::vector<Vector> vectors = {
            {1,
             0,
             "",
             8,
             "c8 03 00 1c" + header + "80 08 00 00 00 01 00 01",
             "StopCCN ccid=43981 ns=5 nr=7 [Result Code(M)=1/0]"},
            {2,
             8,
             "",
             10,
             "c8 03 00 1e" + header + "80 0a 00 00 00 01 00 02 00 08",
             "StopCCN ccid=43981 ns=5 nr=7 [Result Code(M)=2/8]"},
            {2,
             8,
             "bad",
             13,
             "c8 03 00 21" + header + "80 0d 00 00 00 01 00 02 00 08 62 61 64",
             "StopCCN ccid=43981 ns=5 nr=7 [Result Code(M)=2/8 \"bad\"]"},
        };
        for (const Vector& v : vectors)
        {
            L2tpv3ControlMessage stop(L2tpv3MessageType::STOPCCN);
            stop.SetControlConnectionId(0xabcd);
            stop.SetNs(5);
            stop.SetNr(7);
            L2tpv3Avp result = L2tpv3Avp::MakeResultCode(v.result, v.error, v.message);
            NS_TEST_EXPECT_MSG_EQ(result.GetLength(), v.length, "Result Code AVP Length");
            NS_TEST_EXPECT_MSG_EQ(result.IsMandatory(), true, "§5.4.2: M set");
            stop.Add(result);
            NS_TEST_EXPECT_MSG_EQ(stop.GetSerializedSize(), 12 + 8 + v.length, "Length");
            NS_TEST_EXPECT_MSG_EQ(Hex(stop.Serialize()), Compact(v.bytes), "StopCCN bytes");
            std::ostringstream printed;
            printed << stop;
            NS_TEST_EXPECT_MSG_EQ(printed.str(), v.printed, "Print");

            L2tpv3ControlMessage decoded;
            NS_TEST_ASSERT_MSG_EQ(Decode(FromHex(v.bytes), decoded), "none", "decodes");
            NS_TEST_EXPECT_MSG_EQ(decoded.GetMessageType(), L2tpv3MessageType::STOPCCN, "type");
            NS_TEST_EXPECT_MSG_EQ(decoded.Check().Describe(), "ok", "a valid StopCCN");
            const L2tpv3Avp* avp = decoded.Find(L2tpv3AvpType::RESULT_CODE);
            NS_TEST_ASSERT_MSG_NE(avp, nullptr, "Result Code present");
            uint16_t result2 = 99;
            uint16_t error2 = 99;
            std::string message2 = "x";
            NS_TEST_EXPECT_MSG_EQ(avp->GetResultCode(result2, error2, message2), true, "read");
            NS_TEST_EXPECT_MSG_EQ(result2, v.result, "Result Code");
            NS_TEST_EXPECT_MSG_EQ(error2, v.error, "Error Code (0 when absent)");
            NS_TEST_EXPECT_MSG_EQ(message2, v.message, "Error Message");
        }

        // A torn Error Code (value of 3 octets, AVP Length 9) is not a Result Code.
        L2tpv3Avp torn(0, 1, true, {0x00, 0x02, 0x00});
        uint16_t r;
        uint16_t e;
        std::string m;
        NS_TEST_EXPECT_MSG_EQ(torn.GetResultCode(r, e, m), false, "Length 9 refused");
        NS_TEST_EXPECT_MSG_EQ(torn.IsWellFormed(), false, "Length 9 malformed");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3Avp(0, 1, true, {0x00}).IsWellFormed(), false, "Length 7");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief An ICRQ for an Ethernet pseudowire with the session AVPs of RFC 3931 §5.4.4/§5.4.5.
 */
class L2tpv3IcrqVectorTestCase : public TestCase
{
  public:
    L2tpv3IcrqVectorTestCase()
        : TestCase("ICRQ vectors: session AVPs with 4- and 8-octet Assigned Cookie")
    {
    }

  private:
    void DoRun() override
    {
        using A = L2tpv3AvpType;
        // Everything but the cookie, by hand; the cookie AVP goes between Remote End ID and
        // L2-Specific Sublayer.
        const std::string head = "7d 7e 5c c9 00 02 00 01"
                                 "80 08 00 00 00 00 00 0a"       // Message Type 10
                                 "80 0a 00 00 00 3f bb 9a 62 21" // Local Session ID
                                 "80 0a 00 00 00 40 00 00 00 00" // Remote Session ID 0
                                 "00 0a 00 00 00 0f f4 17 b6 62" // Serial Number, M = 0
                                 "80 08 00 00 00 44 00 05"       // PW Type 5 (Ethernet)
                                 "80 09 00 00 00 42 70 77 31";   // Remote End ID "pw1"
        const std::string tail = "80 08 00 00 00 45 00 01"       // L2-Specific Sublayer 1
                                 "80 08 00 00 00 46 00 02"       // Data Sequencing 2
                                 "80 08 00 00 00 47 00 03";      // Circuit Status N | A

        struct Vector
        {
            std::size_t cookieLength; //!< 4 or 8
            std::string bytes;        //!< the whole message, by hand
        };

        const std::vector<Vector> vectors = {
            {4, "c8 03 00 65" + head + "80 0a 00 00 00 41 ca fe ba be" + tail},
            {8, "c8 03 00 69" + head + "80 0e 00 00 00 41 de ad be ef ca fe ba be" + tail},
        };
        for (const Vector& v : vectors)
        {
            L2tpv3ControlMessage icrq(L2tpv3MessageType::ICRQ);
            icrq.SetControlConnectionId(0x7d7e5cc9);
            icrq.SetNs(2);
            icrq.SetNr(1);
            icrq.Add(L2tpv3Avp::MakeUint32(A::LOCAL_SESSION_ID, 0xbb9a6221))
                .Add(L2tpv3Avp::MakeUint32(A::REMOTE_SESSION_ID, 0))
                .Add(L2tpv3Avp::MakeUint32(A::SERIAL_NUMBER, 0xf417b662, false))
                .Add(L2tpv3Avp::MakeUint16(A::PSEUDOWIRE_TYPE, 5))
                .Add(L2tpv3Avp::MakeString(A::REMOTE_END_ID, "pw1"))
                .Add(v.cookieLength == 4
                         ? L2tpv3Avp::MakeUint32(A::ASSIGNED_COOKIE, 0xcafebabe)
                         : L2tpv3Avp::MakeUint64(A::ASSIGNED_COOKIE, 0xdeadbeefcafebabeULL))
                .Add(L2tpv3Avp::MakeUint16(A::L2_SPECIFIC_SUBLAYER, 1))
                .Add(L2tpv3Avp::MakeUint16(A::DATA_SEQUENCING, 2))
                .Add(L2tpv3Avp::MakeUint16(A::CIRCUIT_STATUS, 3));
            NS_TEST_EXPECT_MSG_EQ(icrq.GetSerializedSize(),
                                  (v.cookieLength == 4 ? 101u : 105u),
                                  "Length");
            NS_TEST_EXPECT_MSG_EQ(Hex(icrq.Serialize()), Compact(v.bytes), "ICRQ bytes");
            NS_TEST_EXPECT_MSG_EQ(icrq.Check().Describe(), "ok", "a valid ICRQ");

            L2tpv3ControlMessage d;
            NS_TEST_ASSERT_MSG_EQ(Decode(FromHex(v.bytes), d), "none", "decodes");
            NS_TEST_EXPECT_MSG_EQ(d.GetMessageType(), L2tpv3MessageType::ICRQ, "type");
            NS_TEST_EXPECT_MSG_EQ(d.GetControlConnectionId(), 0x7d7e5cc9, "CCID");
            NS_TEST_EXPECT_MSG_EQ(d.GetNs(), 2, "Ns");
            NS_TEST_EXPECT_MSG_EQ(d.GetNr(), 1, "Nr");
            uint32_t u32 = 0;
            uint16_t u16 = 0;
            uint64_t u64 = 0;
            NS_TEST_EXPECT_MSG_EQ(d.GetUint32(A::LOCAL_SESSION_ID, u32), true, "Local SID");
            NS_TEST_EXPECT_MSG_EQ(u32, 0xbb9a6221, "Local Session ID");
            NS_TEST_EXPECT_MSG_EQ(d.GetUint32(A::REMOTE_SESSION_ID, u32), true, "Remote SID");
            NS_TEST_EXPECT_MSG_EQ(u32, 0, "Remote Session ID 0 in an ICRQ");
            NS_TEST_EXPECT_MSG_EQ(d.GetUint32(A::SERIAL_NUMBER, u32), true, "Serial Number");
            NS_TEST_EXPECT_MSG_EQ(u32, 0xf417b662, "Serial Number value");
            NS_TEST_EXPECT_MSG_EQ(d.Find(A::SERIAL_NUMBER)->IsMandatory(), false, "M = 0");
            NS_TEST_EXPECT_MSG_EQ(d.GetUint16(A::PSEUDOWIRE_TYPE, u16), true, "PW Type");
            NS_TEST_EXPECT_MSG_EQ(u16, 5, "PW Type 5 (Ethernet)");
            NS_TEST_EXPECT_MSG_EQ(d.Find(A::REMOTE_END_ID)->GetString(), "pw1", "Remote End");
            const L2tpv3Avp* cookie = d.Find(A::ASSIGNED_COOKIE);
            NS_TEST_ASSERT_MSG_NE(cookie, nullptr, "Assigned Cookie present");
            NS_TEST_EXPECT_MSG_EQ(cookie->GetValue().size(), v.cookieLength, "cookie length");
            if (v.cookieLength == 4)
            {
                NS_TEST_EXPECT_MSG_EQ(cookie->GetUint32(u32), true, "4-octet cookie");
                NS_TEST_EXPECT_MSG_EQ(u32, 0xcafebabe, "cookie value");
            }
            else
            {
                NS_TEST_EXPECT_MSG_EQ(cookie->GetUint64(u64), true, "8-octet cookie");
                NS_TEST_EXPECT_MSG_EQ(u64, 0xdeadbeefcafebabeULL, "cookie value");
            }
            NS_TEST_EXPECT_MSG_EQ(d.GetUint16(A::L2_SPECIFIC_SUBLAYER, u16), true, "sublayer");
            NS_TEST_EXPECT_MSG_EQ(u16, 1, "Default L2-Specific Sublayer");
            NS_TEST_EXPECT_MSG_EQ(d.GetUint16(A::DATA_SEQUENCING, u16), true, "sequencing");
            NS_TEST_EXPECT_MSG_EQ(u16, 2, "Data Sequencing: all packets");
            NS_TEST_EXPECT_MSG_EQ(d.GetUint16(A::CIRCUIT_STATUS, u16), true, "status");
            NS_TEST_EXPECT_MSG_EQ(u16, 3, "Circuit Status N | A");
            NS_TEST_EXPECT_MSG_EQ(Hex(d.Serialize()), Compact(v.bytes), "re-encoded");
        }
    }
};

/**
 * \ingroup l2tp-tests
 * \brief A vendor's AVP and reserved bits travel through decode and encode unchanged.
 */
class L2tpv3VendorAvpTestCase : public TestCase
{
  public:
    L2tpv3VendorAvpTestCase()
        : TestCase("vendor AVP (vendor 9) and reserved bits kept and re-encoded as received")
    {
    }

  private:
    void DoRun() override
    {
        // HELLO, CCID 1, Ns 4, Nr 4, then vendor 9 type 1, M = 0, value 01 02 03 (Length 9).
        const std::string hello = "c8 03 00 1d 00 00 00 01 00 04 00 04"
                                  "80 08 00 00 00 00 00 06"
                                  "00 09 00 09 00 01 01 02 03";
        L2tpv3ControlMessage built(L2tpv3MessageType::HELLO);
        built.SetControlConnectionId(1);
        built.SetNs(4);
        built.SetNr(4);
        built.Add(L2tpv3Avp(9, 1, false, {0x01, 0x02, 0x03}));
        NS_TEST_EXPECT_MSG_EQ(Hex(built.Serialize()), Compact(hello), "HELLO with vendor AVP");

        L2tpv3ControlMessage d;
        NS_TEST_ASSERT_MSG_EQ(Decode(FromHex(hello), d), "none", "decodes");
        NS_TEST_ASSERT_MSG_EQ(d.GetAvps().size(), 2, "Message Type and the vendor AVP");
        const L2tpv3Avp& vendor = d.GetAvps()[1];
        NS_TEST_EXPECT_MSG_EQ(vendor.GetVendorId(), 9, "Vendor ID");
        NS_TEST_EXPECT_MSG_EQ(vendor.GetType(), 1, "Attribute Type");
        NS_TEST_EXPECT_MSG_EQ(vendor.IsMandatory(), false, "M = 0");
        NS_TEST_EXPECT_MSG_EQ(Hex(vendor.GetValue()), "010203", "value kept");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3AvpName(9, 1), "vendor 9 type 1", "name");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3FindAvpDefinition(9, 7), nullptr, "vendor 9 type 7 unknown");
        std::ostringstream printedVendor;
        vendor.Print(printedVendor);
        NS_TEST_EXPECT_MSG_EQ(printedVendor.str(), "vendor 9 type 1=0x010203", "printed");
        // An unknown value printed in hex, two digits per octet, longer than Print's buffer
        // of 32 octets; the stream left in decimal with a blank fill, as before.
        std::vector<uint8_t> long40(40);
        for (std::size_t i = 0; i < long40.size(); ++i)
        {
            long40[i] = static_cast<uint8_t>(i * 7);
        }
        std::string hex40 = "0x";
        for (uint8_t b : long40)
        {
            const char* digits = "0123456789abcdef";
            hex40 += digits[b >> 4];
            hex40 += digits[b & 15];
        }
        std::ostringstream printedLong;
        printedLong << std::hex << std::setfill('*');
        L2tpv3Avp(9, 300, true, long40).Print(printedLong);
        printedLong << 255 << std::setw(3) << 1;
        NS_TEST_EXPECT_MSG_EQ(printedLong.str(),
                              "vendor 9 type 300(M)=" + hex40 + "255  1",
                              "40 octets printed; decimal and blank fill after");
        NS_TEST_EXPECT_MSG_EQ(vendor.IsWellFormed(), true, "unknown AVPs always fit");
        NS_TEST_EXPECT_MSG_EQ(d.Check().Describe(), "ok", "ignored: M = 0 (§5.2)");
        NS_TEST_EXPECT_MSG_EQ(Hex(d.Serialize()), Compact(hello), "re-encoded");

        // RFC 3931 §3.2.1, §5.1: reserved bits are ignored on receipt; the codec keeps them so
        // that what it decoded re-encodes as it came (header ff f3, AVP flags 3c: M=0 H=0).
        const std::string reserved = "ff f3 00 1d 00 00 00 01 00 04 00 04"
                                     "80 08 00 00 00 00 00 06"
                                     "3c 09 00 09 00 01 01 02 03";
        NS_TEST_ASSERT_MSG_EQ(Decode(FromHex(reserved), d), "none", "reserved bits ignored");
        NS_TEST_EXPECT_MSG_EQ(d.GetMessageType(), L2tpv3MessageType::HELLO, "a HELLO");
        NS_TEST_EXPECT_MSG_EQ(d.GetAvps()[1].IsMandatory(), false, "reserved bits are not M");
        NS_TEST_EXPECT_MSG_EQ(d.GetAvps()[1].IsHidden(), false, "reserved bits are not H");
        NS_TEST_EXPECT_MSG_EQ(Hex(d.Serialize()), Compact(reserved), "re-encoded as received");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Every control message of the real LCCE in v3-13 decodes, is OK and re-encodes
 * byte for byte; the exchange is the one the capture holds.
 */
class L2tpv3CaptureRoundTripTestCase : public TestCase
{
  public:
    L2tpv3CaptureRoundTripTestCase()
        : TestCase("v3-13: 18 control messages decode, Check OK, re-encode byte for byte, "
                   "types, Ns and Nr in order")
    {
    }

  private:
    void DoRun() override
    {
        std::vector<std::vector<uint8_t>> control;
        int data = 0;
        NS_TEST_ASSERT_MSG_EQ(ReadL2tpOverUdp("v3-13", control, data), "", "capture read");
        // Read from the capture with tshark and a separate script, not with this codec.
        using M = L2tpv3MessageType;
        const std::vector<M> types = {M::SCCRQ,
                                      M::SCCRQ,
                                      M::SCCRP,
                                      M::SCCCN,
                                      M::ACK,
                                      M::ACK,
                                      M::ICRQ,
                                      M::ICRP,
                                      M::ACK,
                                      M::ICCN,
                                      M::ACK,
                                      M::ACK,
                                      M::HELLO,
                                      M::ACK,
                                      M::HELLO,
                                      M::ACK,
                                      M::HELLO,
                                      M::ACK};
        const std::vector<std::pair<uint16_t, uint16_t>> nsNr = {{0, 0},
                                                                 {0, 0},
                                                                 {0, 1},
                                                                 {1, 1},
                                                                 {1, 2},
                                                                 {1, 2},
                                                                 {2, 1},
                                                                 {1, 3},
                                                                 {2, 3},
                                                                 {3, 2},
                                                                 {2, 4},
                                                                 {2, 4},
                                                                 {2, 4},
                                                                 {4, 3},
                                                                 {3, 4},
                                                                 {4, 4},
                                                                 {4, 4},
                                                                 {4, 5}};
        NS_TEST_ASSERT_MSG_EQ(control.size(), types.size(), "18 control messages");
        NS_TEST_EXPECT_MSG_EQ(data, 117, "and 117 data messages");
        for (std::size_t i = 0; i < control.size(); ++i)
        {
            L2tpv3ControlMessage m;
            NS_TEST_EXPECT_MSG_EQ(Decode(control[i], m), "none", "message " << i << " decodes");
            NS_TEST_EXPECT_MSG_EQ(m.GetMessageType(), types[i], "message " << i << " type");
            NS_TEST_EXPECT_MSG_EQ(m.GetNs(), nsNr[i].first, "message " << i << " Ns");
            NS_TEST_EXPECT_MSG_EQ(m.GetNr(), nsNr[i].second, "message " << i << " Nr");
            L2tpv3ControlCheck check = m.Check();
            NS_TEST_EXPECT_MSG_EQ(check.Describe(), "ok", "message " << i << " " << m);
            NS_TEST_EXPECT_MSG_EQ(m.GetSerializedSize(), control[i].size(), "Length " << i);
            NS_TEST_EXPECT_MSG_EQ(Hex(m.Serialize()),
                                  Hex(control[i]),
                                  "message " << i << " re-encoded byte for byte");
            // Every message of this LCCE carries a Message Digest (type 1, HMAC-SHA-1)
            // right after the Message Type (§5.4.1).
            NS_TEST_ASSERT_MSG_GT_OR_EQ(m.GetAvps().size(), 2, "message " << i);
            const L2tpv3Avp& digest = m.GetAvps()[1];
            NS_TEST_EXPECT_MSG_EQ(digest.Is(L2tpv3AvpType::MESSAGE_DIGEST), true, "digest");
            NS_TEST_EXPECT_MSG_EQ(digest.GetLength(), 27, "HMAC-SHA-1 digest AVP");
            NS_TEST_EXPECT_MSG_EQ(digest.IsWellFormed(), true, "digest well formed");
        }
    }
};

/**
 * \ingroup l2tp-tests
 * \brief The values the real LCCE sent in v3-13, decoded.
 */
class L2tpv3CaptureValuesTestCase : public TestCase
{
  public:
    L2tpv3CaptureValuesTestCase()
        : TestCase("v3-13: SCCRQ, SCCRP, ICRQ, ICRP, ICCN and HELLO values as sent")
    {
    }

  private:
    void DoRun() override
    {
        using A = L2tpv3AvpType;
        std::vector<std::vector<uint8_t>> control;
        int data = 0;
        NS_TEST_ASSERT_MSG_EQ(ReadL2tpOverUdp("v3-13", control, data), "", "capture read");
        NS_TEST_ASSERT_MSG_EQ(control.size(), 18, "18 control messages");
        std::vector<L2tpv3ControlMessage> m(control.size());
        for (std::size_t i = 0; i < control.size(); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(Decode(control[i], m[i]), "none", "message " << i);
        }
        uint16_t u16 = 0;
        uint32_t u32 = 0;
        uint64_t u64 = 0;
        std::vector<uint16_t> list;

        // SCCRQ (message 0).
        const L2tpv3ControlMessage& sccrq = m[0];
        NS_TEST_EXPECT_MSG_EQ(sccrq.GetControlConnectionId(), 0, "SCCRQ to CCID 0");
        NS_TEST_EXPECT_MSG_EQ(sccrq.GetUint16(A::RECEIVE_WINDOW_SIZE, u16), true, "window");
        NS_TEST_EXPECT_MSG_EQ(u16, 8, "Receive Window Size 8");
        NS_TEST_EXPECT_MSG_EQ(sccrq.Find(A::PSEUDOWIRE_CAPABILITIES_LIST)->GetUint16List(list),
                              true,
                              "PW Capabilities List");
        NS_TEST_EXPECT_MSG_EQ((list == std::vector<uint16_t>{5, 4}), true, "PW types 5, 4");
        NS_TEST_EXPECT_MSG_EQ(sccrq.Find(A::HOST_NAME)->GetString(), "5c5b35cef20d", "Host");
        NS_TEST_EXPECT_MSG_EQ(sccrq.GetUint32(A::ROUTER_ID, u32), true, "Router ID");
        NS_TEST_EXPECT_MSG_EQ(u32, 0x35cef20d, "Router ID value");
        NS_TEST_EXPECT_MSG_EQ(sccrq.GetUint32(A::ASSIGNED_CONTROL_CONNECTION_ID, u32),
                              true,
                              "Assigned CCID");
        NS_TEST_EXPECT_MSG_EQ(u32, 0x92c98460, "Assigned CCID value");
        NS_TEST_EXPECT_MSG_EQ(sccrq.GetUint64(A::CONTROL_CONNECTION_TIE_BREAKER, u64),
                              true,
                              "Tie Breaker");
        NS_TEST_EXPECT_MSG_EQ(u64, 0x8883bc6495808a42ULL, "Tie Breaker value");
        NS_TEST_EXPECT_MSG_EQ(sccrq.Find(A::VENDOR_NAME)->GetString(), "Mist Systems", "vendor");
        NS_TEST_EXPECT_MSG_EQ(sccrq.Find(A::VENDOR_NAME)->IsMandatory(), false, "M = 0");
        NS_TEST_EXPECT_MSG_EQ(sccrq.Find(A::CONTROL_MESSAGE_AUTH_NONCE)->GetValue().size(),
                              16,
                              "16-octet Nonce");
        int vendorAvps = 0;
        for (const L2tpv3Avp& avp : sccrq.GetAvps())
        {
            if (avp.GetVendorId() == 52845)
            {
                ++vendorAvps;
                NS_TEST_EXPECT_MSG_EQ(avp.IsMandatory(), false, "vendor 52845 AVPs have M = 0");
            }
        }
        NS_TEST_EXPECT_MSG_EQ(vendorAvps, 3, "three AVPs of vendor 52845");
        NS_TEST_EXPECT_MSG_EQ(Hex(control[1]), Hex(control[0]), "the SCCRQ retransmitted");

        // SCCRP (message 2): to the CCID the SCCRQ assigned.
        NS_TEST_EXPECT_MSG_EQ(m[2].GetControlConnectionId(), 0x92c98460, "SCCRP CCID");
        NS_TEST_EXPECT_MSG_EQ(m[2].Find(A::HOST_NAME)->GetString(),
                              "EC2-Metal-VMWare-Workstation",
                              "SCCRP Host Name");
        NS_TEST_EXPECT_MSG_EQ(m[2].GetUint32(A::ASSIGNED_CONTROL_CONNECTION_ID, u32), true, "");
        NS_TEST_EXPECT_MSG_EQ(u32, 0x7d7e5cc9, "SCCRP Assigned CCID");
        NS_TEST_EXPECT_MSG_EQ(m[3].GetControlConnectionId(), 0x7d7e5cc9, "SCCCN CCID");

        // ICRQ (message 6).
        const L2tpv3ControlMessage& icrq = m[6];
        NS_TEST_EXPECT_MSG_EQ(icrq.GetUint16(A::PSEUDOWIRE_TYPE, u16), true, "PW Type");
        NS_TEST_EXPECT_MSG_EQ(u16, 4, "PW Type 4");
        NS_TEST_EXPECT_MSG_EQ(icrq.Find(A::REMOTE_END_ID)->GetString(), "mxtunnel", "Remote End");
        NS_TEST_EXPECT_MSG_EQ(icrq.GetUint32(A::LOCAL_SESSION_ID, u32), true, "Local SID");
        NS_TEST_EXPECT_MSG_EQ(u32, 0xbb9a6221, "Local Session ID");
        NS_TEST_EXPECT_MSG_EQ(icrq.GetUint32(A::REMOTE_SESSION_ID, u32), true, "Remote SID");
        NS_TEST_EXPECT_MSG_EQ(u32, 0, "Remote Session ID 0");
        NS_TEST_EXPECT_MSG_EQ(icrq.GetUint16(A::CIRCUIT_STATUS, u16), true, "Circuit Status");
        NS_TEST_EXPECT_MSG_EQ(u16, 3, "Circuit Status 3 (new, active)");
        NS_TEST_EXPECT_MSG_EQ(icrq.GetUint16(A::L2_SPECIFIC_SUBLAYER, u16), true, "sublayer");
        NS_TEST_EXPECT_MSG_EQ(u16, 0, "no L2-Specific Sublayer");
        NS_TEST_EXPECT_MSG_EQ(icrq.GetUint32(A::SERIAL_NUMBER, u32), true, "Serial Number");
        NS_TEST_EXPECT_MSG_EQ(u32, 0xf417b662, "Serial Number value");

        // ICRP (7) and ICCN (9): the two Session IDs, crossed.
        NS_TEST_EXPECT_MSG_EQ(m[7].GetUint32(A::LOCAL_SESSION_ID, u32), true, "ICRP Local");
        NS_TEST_EXPECT_MSG_EQ(u32, 0x1b3902e7, "ICRP Local Session ID");
        NS_TEST_EXPECT_MSG_EQ(m[7].GetUint32(A::REMOTE_SESSION_ID, u32), true, "ICRP Remote");
        NS_TEST_EXPECT_MSG_EQ(u32, 0xbb9a6221, "ICRP Remote Session ID");
        NS_TEST_EXPECT_MSG_EQ(m[9].GetUint32(A::REMOTE_SESSION_ID, u32), true, "ICCN Remote");
        NS_TEST_EXPECT_MSG_EQ(u32, 0x1b3902e7, "ICCN Remote Session ID");
        // The ICCN's L2TPv2 AVPs (Framing Type 19, Tx Connect Speed 24) have M = 0.
        const L2tpv3Avp* framing = m[9].Find(A::FRAMING_TYPE);
        NS_TEST_ASSERT_MSG_NE(framing, nullptr, "Framing Type present");
        NS_TEST_EXPECT_MSG_EQ(framing->IsMandatory(), false, "L2TPv2 AVP with M = 0");
        NS_TEST_EXPECT_MSG_NE(m[9].Find(A::TX_CONNECT_SPEED_V2), nullptr, "Tx Connect Speed");

        // The first HELLO (12) is padded to 1372 octets with vendor AVPs (PMTU probing).
        NS_TEST_EXPECT_MSG_EQ(m[12].GetSerializedSize(), 1372, "padded HELLO");
        NS_TEST_EXPECT_MSG_EQ(m[12].GetAvps().size(), 9, "Message Type, Digest, 7 vendor AVPs");
        NS_TEST_EXPECT_MSG_EQ(m[14].GetSerializedSize(), 47, "plain HELLO");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief v3-14 holds data messages only: the codec has nothing to decode there.
 */
class L2tpv3CaptureDataOnlyTestCase : public TestCase
{
  public:
    L2tpv3CaptureDataOnlyTestCase()
        : TestCase("v3-14: data messages only (PW type 4 frames), no control message")
    {
    }

  private:
    void DoRun() override
    {
        std::vector<std::vector<uint8_t>> control;
        int data = 0;
        NS_TEST_ASSERT_MSG_EQ(ReadL2tpOverUdp("v3-14", control, data), "", "capture read");
        // The capture README lists v3-13 and v3-14 together, but v3-14 carries the session's
        // data (T = 0) alone: every one of its 177 L2TP packets is a data message.
        NS_TEST_EXPECT_MSG_EQ(control.size(), 0, "no control message in v3-14");
        NS_TEST_EXPECT_MSG_EQ(data, 177, "177 data messages");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief A control header the decoder must drop, each with its own error (RFC 3931 §3.2.1).
 */
class L2tpv3MalformedHeaderTestCase : public TestCase
{
  public:
    L2tpv3MalformedHeaderTestCase()
        : TestCase("malformed header: too short, not control, Ver 2 (but the §4.7.3 probe), L "
                   "or S clear, bad Length")
    {
    }

  private:
    void DoRun() override
    {
        const std::vector<uint8_t> zlb = FromHex("c8 03 00 0c 00 00 00 01 00 00 00 00");
        for (std::size_t n = 0; n < 12; ++n)
        {
            std::vector<uint8_t> cut(zlb.begin(), zlb.begin() + n);
            NS_TEST_EXPECT_MSG_EQ(Decode(cut), "too_short", n << " octets");
        }
        L2tpv3ControlMessage empty;
        NS_TEST_EXPECT_MSG_EQ(
            L2tpv3ControlDecodeErrorName(L2tpv3ControlMessage::Deserialize(nullptr, 0, empty)),
            "too_short",
            "no octets at all");

        struct Vector
        {
            std::string bytes; //!< the input
            std::string error; //!< the expected error
            std::string why;   //!< what is wrong
        };

        const std::vector<Vector> vectors = {
            {"48 03 00 0c 00 00 00 01 00 00 00 00", "not_control", "T = 0"},
            {"00 03 00 00 00 00 00 01 00 00 00 00", "not_control", "a UDP data header"},
            {"c8 02 00 0c 00 00 00 01 00 00 00 00", "bad_version", "Ver 2 (L2TPv2)"},
            // RFC 3931 §4.7.3: of L2TPv2, only the SCCRQ to Tunnel ID 0 and Session ID 0.
            {"c8 02 00 14 00 00 00 00 00 00 00 00 80 08 00 00 00 00 00 01",
             "none",
             "Ver 2 SCCRQ to ID 0: the §4.7.3 probe"},
            {"c8 02 00 14 00 00 00 01 00 00 00 00 80 08 00 00 00 00 00 01",
             "bad_version",
             "Ver 2 SCCRQ to Session ID 1"},
            {"c8 02 00 14 00 00 00 00 00 00 00 00 80 08 00 00 00 00 00 06",
             "bad_version",
             "Ver 2 HELLO to ID 0"},
            {"c8 02 00 0c 00 00 00 00 00 00 00 00", "bad_version", "Ver 2 ZLB to ID 0"},
            {"c8 01 00 0c 00 00 00 01 00 00 00 00", "bad_version", "Ver 1 (L2F)"},
            {"c8 0f 00 0c 00 00 00 01 00 00 00 00", "bad_version", "Ver 15"},
            {"88 03 00 0c 00 00 00 01 00 00 00 00", "bad_flags", "L clear"},
            {"c0 03 00 0c 00 00 00 01 00 00 00 00", "bad_flags", "S clear"},
            {"80 03 00 0c 00 00 00 01 00 00 00 00", "bad_flags", "L and S clear"},
            {"c8 03 00 0b 00 00 00 01 00 00 00 00", "bad_length", "Length 11"},
            {"c8 03 00 00 00 00 00 01 00 00 00 00", "bad_length", "Length 0"},
            {"c8 03 00 0d 00 00 00 01 00 00 00 00", "bad_length", "Length 13 past 12 octets"},
            {"c8 03 ff ff 00 00 00 01 00 00 00 00", "bad_length", "Length 65535"},
            {"c8 03 00 0c 00 00 00 01 00 00 00 00", "none", "the ZLB itself"},
        };
        for (const Vector& v : vectors)
        {
            NS_TEST_EXPECT_MSG_EQ(Decode(FromHex(v.bytes)), v.error, v.why);
        }
        NS_TEST_EXPECT_MSG_EQ(L2tpv3ControlDecodeErrorName(L2tpv3ControlDecodeError::COUNT),
                              "unknown",
                              "COUNT is not an error");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief AVPs the decoder must refuse (RFC 3931 §5.1, §5.4.1), and octets past Length.
 */
class L2tpv3MalformedAvpTestCase : public TestCase
{
  public:
    L2tpv3MalformedAvpTestCase()
        : TestCase("malformed AVPs: Length under 6 or past the message, Message Type not "
                   "first; octets past Length ignored")
    {
    }

  private:
    void DoRun() override
    {
        struct Vector
        {
            std::string bytes; //!< the input
            std::string error; //!< the expected error
            std::string why;   //!< what is wrong
        };

        const std::vector<Vector> vectors = {
            {"c8 03 00 14 00 00 00 01 00 00 00 00 80 05 00 00 00 00 00 06",
             "avp_length",
             "AVP Length 5"},
            {"c8 03 00 14 00 00 00 01 00 00 00 00 80 00 00 00 00 00 00 06",
             "avp_length",
             "AVP Length 0 (no endless loop)"},
            {"c8 03 00 14 00 00 00 01 00 00 00 00 80 09 00 00 00 00 00 06 ff",
             "avp_length",
             "AVP Length 9 past the message's Length 20, although the buffer holds 21"},
            {"c8 03 00 10 00 00 00 01 00 00 00 00 80 08 00 00 00 00 00 06",
             "avp_length",
             "Length 16 leaves 4 octets: a torn AVP header"},
            {"c8 03 00 1a 00 00 00 01 00 00 00 00 80 08 00 00 00 00 00 06 80 07 00 00 00",
             "bad_length",
             "Length 26 past the 25 octets"},
            {"c8 03 00 1a 00 00 00 01 00 00 00 00 80 08 00 00 00 00 00 06 83 ff 00 00 00 07",
             "avp_length",
             "second AVP's Length 1023 past the message"},
            {"c8 03 00 14 00 00 00 01 00 00 00 00 80 08 00 00 00 07 41 42",
             "no_message_type",
             "first AVP a Host Name"},
            {"c8 03 00 13 00 00 00 01 00 00 00 00 80 07 00 00 00 00 06",
             "no_message_type",
             "Message Type of 1 octet"},
            {"c8 03 00 15 00 00 00 01 00 00 00 00 80 09 00 00 00 00 00 06 00",
             "no_message_type",
             "Message Type of 3 octets"},
            {"c8 03 00 14 00 00 00 01 00 00 00 00 c0 08 00 00 00 00 00 06",
             "no_message_type",
             "hidden Message Type (§5.4.1: MUST NOT be hidden)"},
            {"c8 03 00 1c 00 00 00 01 00 00 00 00 80 08 00 00 00 0a 00 08 "
             "80 08 00 00 00 00 00 06",
             "no_message_type",
             "Message Type second"},
            {"c8 03 00 12 00 00 00 01 00 00 00 00 80 06 00 00 00 00",
             "no_message_type",
             "Message Type without a value"},
        };
        for (const Vector& v : vectors)
        {
            NS_TEST_EXPECT_MSG_EQ(Decode(FromHex(v.bytes)), v.error, v.why);
        }

        // RFC 3931 §3.2.1: Length says where the message ends; what follows is not read.
        L2tpv3ControlMessage m;
        NS_TEST_EXPECT_MSG_EQ(Decode(FromHex("c8 03 00 0c 00 00 00 09 00 01 00 02 ff ff ff"), m),
                              "none",
                              "ZLB followed by 3 octets");
        NS_TEST_EXPECT_MSG_EQ(m.IsZlb(), true, "trailing octets are not AVPs");
        NS_TEST_EXPECT_MSG_EQ(Hex(m.Serialize()),
                              Compact("c8 03 00 0c 00 00 00 09 00 01 00 02"),
                              "re-encoded without them");
        const std::string hello = "c8 03 00 14 00 00 00 09 00 01 00 02 80 08 00 00 00 00 00 06";
        NS_TEST_EXPECT_MSG_EQ(Decode(FromHex(hello + "00 00 00 00 00 00"), m),
                              "none",
                              "HELLO followed by a zero AVP header");
        NS_TEST_EXPECT_MSG_EQ(m.GetAvps().size(), 1, "the Message Type only");
        NS_TEST_EXPECT_MSG_EQ(Hex(m.Serialize()), Compact(hello), "re-encoded without them");
        // A vendor's control message (§5.4.1) is still a Message Type AVP first.
        NS_TEST_EXPECT_MSG_EQ(
            Decode(FromHex("c8 03 00 14 00 00 00 01 00 00 00 00 80 08 00 09 00 00 00 01")),
            "none",
            "vendor 9 Message Type");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Every truncation and every single-bit flip of the real messages: decoded or refused,
 * never a crash; what decodes re-encodes as the first Length octets of its input.
 */
class L2tpv3TruncationAndBitFlipTestCase : public TestCase
{
  public:
    L2tpv3TruncationAndBitFlipTestCase()
        : TestCase("v3-13 messages truncated at every length and with every bit flipped: "
                   "decoded or refused, never a crash")
    {
    }

  private:
    void DoRun() override
    {
        std::vector<std::vector<uint8_t>> control;
        int data = 0;
        NS_TEST_ASSERT_MSG_EQ(ReadL2tpOverUdp("v3-13", control, data), "", "capture read");
        NS_TEST_ASSERT_MSG_EQ(control.size(), 18, "18 control messages");
        uint32_t decoded = 0;
        uint32_t refused = 0;
        for (std::size_t i = 0; i < control.size(); ++i)
        {
            const std::vector<uint8_t>& full = control[i];
            std::vector<std::size_t> ends = AvpBoundaries(full);
            NS_TEST_EXPECT_MSG_EQ(ends.back(), full.size(), "AVPs fill message " << i);
            for (std::size_t n = 0; n < full.size(); ++n)
            {
                // The packet cut short: its Length now points past the end.
                std::vector<uint8_t> cut(full.begin(), full.begin() + n);
                NS_TEST_EXPECT_MSG_EQ(Decode(cut),
                                      std::string(n < 12 ? "too_short" : "bad_length"),
                                      "message " << i << " cut at " << n);
                if (n < 12)
                {
                    continue;
                }
                // The same with Length rewritten to n: only whole AVPs decode.
                cut[2] = static_cast<uint8_t>(n >> 8);
                cut[3] = static_cast<uint8_t>(n);
                bool boundary = std::find(ends.begin(), ends.end(), n) != ends.end();
                L2tpv3ControlMessage m;
                std::string error = Decode(cut, m);
                NS_TEST_EXPECT_MSG_EQ(error,
                                      std::string(boundary ? "none" : "avp_length"),
                                      "message " << i << " with Length " << n);
                if (error == "none")
                {
                    NS_TEST_EXPECT_MSG_EQ(Hex(m.Serialize()), Hex(cut), "re-encoded " << n);
                }
            }
            for (std::size_t bit = 0; bit < full.size() * 8; ++bit)
            {
                std::vector<uint8_t> flipped = full;
                flipped[bit / 8] ^= static_cast<uint8_t>(0x80 >> (bit % 8));
                L2tpv3ControlMessage m;
                L2tpv3ControlDecodeError error =
                    L2tpv3ControlMessage::Deserialize(flipped.data(), flipped.size(), m);
                NS_TEST_EXPECT_MSG_LT(static_cast<unsigned>(error),
                                      static_cast<unsigned>(L2tpv3ControlDecodeError::COUNT),
                                      "a defined error");
                if (error != L2tpv3ControlDecodeError::NONE)
                {
                    ++refused;
                    continue;
                }
                ++decoded;
                // Whatever decodes can be checked, printed and re-encoded as it came.
                std::size_t length = (std::size_t(flipped[2]) << 8) | flipped[3];
                std::vector<uint8_t> message(flipped.begin(), flipped.begin() + length);
                std::ostringstream os;
                os << m << " " << m.Check().Describe();
                NS_TEST_EXPECT_MSG_EQ(os.str().empty(), false, "printable");
                NS_TEST_EXPECT_MSG_EQ(Hex(m.Serialize()),
                                      Hex(message),
                                      "message " << i << " bit " << bit << " re-encoded");
            }
        }
        // Both outcomes occur: flipped value bits decode, flipped header bits do not.
        NS_TEST_EXPECT_MSG_GT(decoded, 0, "some flips decode");
        NS_TEST_EXPECT_MSG_GT(refused, 0, "some flips are refused");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Unrecognized AVPs: M = 1 shuts down, M = 0 is ignored (RFC 3931 §5.2).
 */
class L2tpv3CheckUnknownAvpTestCase : public TestCase
{
  public:
    L2tpv3CheckUnknownAvpTestCase()
        : TestCase("Check: unknown AVP with M = 1 is UNKNOWN_MANDATORY_AVP naming it, "
                   "with M = 0 ignored")
    {
    }

  private:
    void DoRun() override
    {
        L2tpv3ControlMessage hello(L2tpv3MessageType::HELLO);
        hello.Add(L2tpv3Avp(9, 3, true, {0x01}));
        L2tpv3ControlCheck c = hello.Check();
        NS_TEST_EXPECT_MSG_EQ(c.verdict, L2tpv3ControlCheck::UNKNOWN_MANDATORY_AVP, "verdict");
        NS_TEST_EXPECT_MSG_EQ(c.vendorId, 9, "Vendor ID");
        NS_TEST_EXPECT_MSG_EQ(c.avpType, 3, "Attribute Type");
        NS_TEST_EXPECT_MSG_EQ(c.Describe(), "unknown mandatory AVP vendor 9 type 3", "text");

        L2tpv3ControlMessage ietf(L2tpv3MessageType::HELLO);
        ietf.Add(L2tpv3Avp(0, 200, true, {}));
        c = ietf.Check();
        NS_TEST_EXPECT_MSG_EQ(c.verdict, L2tpv3ControlCheck::UNKNOWN_MANDATORY_AVP, "IETF 200");
        NS_TEST_EXPECT_MSG_EQ(c.Describe(), "unknown mandatory AVP vendor 0 type 200", "text");

        L2tpv3ControlMessage ignored(L2tpv3MessageType::HELLO);
        ignored.Add(L2tpv3Avp(9, 3, false, {0x01})).Add(L2tpv3Avp(0, 200, false, {}));
        NS_TEST_EXPECT_MSG_EQ(ignored.Check().Describe(), "ok", "M = 0: ignored");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief A recognized AVP whose value does not fit its type (RFC 3931 §7.1).
 */
class L2tpv3CheckMalformedAvpTestCase : public TestCase
{
  public:
    L2tpv3CheckMalformedAvpTestCase()
        : TestCase("Check: malformed known AVP with M = 1 is MALFORMED_MANDATORY_AVP, "
                   "with M = 0 ignored")
    {
    }

  private:
    /**
     * \return an SCCRQ with every required AVP
     */
    static L2tpv3ControlMessage Sccrq()
    {
        using A = L2tpv3AvpType;
        L2tpv3ControlMessage m(L2tpv3MessageType::SCCRQ);
        m.Add(L2tpv3Avp::MakeString(A::HOST_NAME, "A"))
            .Add(L2tpv3Avp::MakeUint32(A::ASSIGNED_CONTROL_CONNECTION_ID, 1))
            .Add(L2tpv3Avp::MakeUint16List(A::PSEUDOWIRE_CAPABILITIES_LIST, {5}));
        return m;
    }

    void DoRun() override
    {
        const std::vector<uint8_t> three{10, 0, 0};
        L2tpv3ControlMessage m = Sccrq();
        m.Add(L2tpv3Avp(0, 60, true, three)); // Router ID of 3 octets, M = 1
        L2tpv3ControlCheck c = m.Check();
        NS_TEST_EXPECT_MSG_EQ(c.verdict, L2tpv3ControlCheck::MALFORMED_MANDATORY_AVP, "M = 1");
        NS_TEST_EXPECT_MSG_EQ(c.avpType, 60, "names the Router ID");
        NS_TEST_EXPECT_MSG_EQ(c.Describe(), "malformed mandatory AVP Router ID", "text");

        // M = 0: ignored (§7.1), the message read as if the AVP were not there. Where the
        // AVP is not required that is OK ...
        L2tpv3ControlMessage hello(L2tpv3MessageType::HELLO);
        hello.Add(L2tpv3Avp(0, 60, false, three));
        NS_TEST_EXPECT_MSG_EQ(hello.Check().Describe(), "ok", "ignored in a HELLO");
        L2tpv3ControlMessage window = Sccrq();
        window.Add(L2tpv3Avp::MakeUint32(L2tpv3AvpType::ROUTER_ID, 1))
            .Add(L2tpv3Avp(0, 10, false, three)); // Receive Window Size of 3 octets
        NS_TEST_EXPECT_MSG_EQ(window.Check().Describe(), "ok", "ignored in an SCCRQ");
        // ... but the SCCRQ must carry a Router ID (§6.1): an ignored one is a missing one.
        L2tpv3ControlMessage ignoredRouterId = Sccrq();
        ignoredRouterId.Add(L2tpv3Avp(0, 60, false, three));
        c = ignoredRouterId.Check();
        NS_TEST_EXPECT_MSG_EQ(c.verdict, L2tpv3ControlCheck::MISSING_AVP, "required, ignored");
        NS_TEST_EXPECT_MSG_EQ(c.Describe(), "missing AVP Router ID", "text");

        // §7.1's own example: an Rx Connect Speed of 4 octets rather than 8.
        L2tpv3ControlMessage icrq(L2tpv3MessageType::ICRQ);
        using A = L2tpv3AvpType;
        icrq.Add(L2tpv3Avp::MakeUint32(A::LOCAL_SESSION_ID, 1))
            .Add(L2tpv3Avp::MakeUint32(A::REMOTE_SESSION_ID, 0))
            .Add(L2tpv3Avp::MakeUint32(A::SERIAL_NUMBER, 1))
            .Add(L2tpv3Avp::MakeUint16(A::PSEUDOWIRE_TYPE, 5))
            .Add(L2tpv3Avp::MakeString(A::REMOTE_END_ID, "x"))
            .Add(L2tpv3Avp::MakeUint16(A::CIRCUIT_STATUS, 1));
        L2tpv3ControlMessage speed0 = icrq;
        speed0.Add(L2tpv3Avp::MakeUint32(A::RX_CONNECT_SPEED, 1000000, false));
        NS_TEST_EXPECT_MSG_EQ(speed0.Check().Describe(), "ok", "4-octet Rx Connect Speed, M=0");
        L2tpv3ControlMessage speed1 = icrq;
        speed1.Add(L2tpv3Avp::MakeUint32(A::RX_CONNECT_SPEED, 1000000, true));
        NS_TEST_EXPECT_MSG_EQ(speed1.Check().Describe(),
                              "malformed mandatory AVP Rx Connect Speed",
                              "4-octet Rx Connect Speed, M=1");

        // The lengths each value type accepts.
        struct Length
        {
            L2tpv3Avp avp;   //!< the AVP
            bool wellFormed; //!< whether the value fits
        };

        const std::vector<Length> lengths = {
            {L2tpv3Avp(0, 5, true, std::vector<uint8_t>(8)), true},   // Tie Breaker
            {L2tpv3Avp(0, 5, true, std::vector<uint8_t>(7)), false},  // Tie Breaker
            {L2tpv3Avp(0, 7, true, {}), false},                       // Host Name, empty
            {L2tpv3Avp(0, 62, true, {0, 5, 0}), false},               // PW list, odd
            {L2tpv3Avp(0, 65, true, std::vector<uint8_t>(4)), true},  // Assigned Cookie 4
            {L2tpv3Avp(0, 65, true, std::vector<uint8_t>(8)), true},  // Assigned Cookie 8
            {L2tpv3Avp(0, 65, true, std::vector<uint8_t>(5)), false}, // Assigned Cookie 5
            {L2tpv3Avp(0, 59, true, FromHex("00" + std::string(32, '0'))), true}, // MD5
            {L2tpv3Avp(0, 59, true, FromHex("01" + std::string(40, '0'))), true}, // SHA-1
            {L2tpv3Avp(0, 59, true, FromHex("01" + std::string(32, '0'))), false},
            {L2tpv3Avp(0, 59, true, FromHex("02" + std::string(40, '0'))), false},
            {L2tpv3Avp(0, 34, true, std::vector<uint8_t>(26)), true},  // Circuit Errors
            {L2tpv3Avp(0, 34, true, std::vector<uint8_t>(24)), false}, // Circuit Errors
        };
        for (const Length& l : lengths)
        {
            NS_TEST_EXPECT_MSG_EQ(l.avp.IsWellFormed(),
                                  l.wellFormed,
                                  l.avp << " of " << l.avp.GetValue().size() << " octets");
        }
    }
};

/**
 * \ingroup l2tp-tests
 * \brief RFC 3931 §5.3 and §5.4: the H bit where an AVP MAY be hidden, and where it MUST NOT;
 * §5.4.4: an Assigned Cookie of zero length; §5.4.3: a PW Capabilities List holds a type.
 */
class L2tpv3CheckHiddenAndLengthTestCase : public TestCase
{
  public:
    L2tpv3CheckHiddenAndLengthTestCase()
        : TestCase("Check: hidden AVPs where §5.4 allows it, not where it forbids it; "
                   "empty Assigned Cookie accepted, empty PW Capabilities List refused")
    {
    }

  private:
    void DoRun() override
    {
        // §5.4: "This AVP MAY be hidden" for these; "MUST NOT be hidden" for the others.
        const std::vector<uint16_t> hideable = {6,  8,  15, 19, 24, 25, 34, 58, 61, 62, 63,
                                                64, 65, 66, 68, 69, 70, 71, 72, 74, 75};
        const std::vector<uint16_t> notHideable = {0, 1, 5, 7, 10, 36, 59, 60, 73};
        for (uint16_t type : hideable)
        {
            const L2tpv3AvpDefinition* def = L2tpv3FindAvpDefinition(0, type);
            NS_TEST_ASSERT_MSG_NE(def, nullptr, "AVP type " << type << " known");
            NS_TEST_EXPECT_MSG_EQ(def->hideable, true, def->name << " MAY be hidden");
            L2tpv3Avp hidden(0, type, true, std::vector<uint8_t>(18));
            hidden.SetHidden(true);
            NS_TEST_EXPECT_MSG_EQ(hidden.IsWellFormed(), true, "hidden " << def->name);
        }
        for (uint16_t type : notHideable)
        {
            const L2tpv3AvpDefinition* def = L2tpv3FindAvpDefinition(0, type);
            NS_TEST_ASSERT_MSG_NE(def, nullptr, "AVP type " << type << " known");
            NS_TEST_EXPECT_MSG_EQ(def->hideable, false, def->name << " MUST NOT be hidden");
            L2tpv3Avp hidden(0, type, true, std::vector<uint8_t>(18));
            hidden.SetHidden(true);
            NS_TEST_EXPECT_MSG_EQ(hidden.IsWellFormed(), false, "hidden " << def->name);
        }

        // An ICRQ whose session AVPs are hidden (after a Random Vector, §5.3) is OK.
        using A = L2tpv3AvpType;
        L2tpv3ControlMessage icrq(L2tpv3MessageType::ICRQ);
        icrq.Add(L2tpv3Avp(0, 36, true, std::vector<uint8_t>(16, 0x5a)));
        for (A type : {A::LOCAL_SESSION_ID,
                       A::REMOTE_SESSION_ID,
                       A::SERIAL_NUMBER,
                       A::PSEUDOWIRE_TYPE,
                       A::REMOTE_END_ID,
                       A::CIRCUIT_STATUS})
        {
            L2tpv3Avp avp(0, static_cast<uint16_t>(type), true, std::vector<uint8_t>(18, 0xa5));
            avp.SetHidden(true);
            icrq.Add(avp);
        }
        NS_TEST_EXPECT_MSG_EQ(icrq.Check().Describe(), "ok", "hidden session AVPs");
        uint32_t u32 = 0;
        NS_TEST_EXPECT_MSG_EQ(icrq.GetUint32(A::LOCAL_SESSION_ID, u32),
                              false,
                              "a hidden value is not read as a number");
        // A hidden Host Name (MUST NOT be hidden) with M = 1 is malformed.
        L2tpv3ControlMessage sccrq(L2tpv3MessageType::SCCRQ);
        L2tpv3Avp host = L2tpv3Avp::MakeString(A::HOST_NAME, "A");
        host.SetHidden(true);
        sccrq.Add(host);
        NS_TEST_EXPECT_MSG_EQ(sccrq.Check().Describe(),
                              "malformed mandatory AVP Host Name",
                              "hidden Host Name");

        // §5.4.4: "Length ... may be 6, 10, or 14 octets"; zero length means no cookie.
        NS_TEST_EXPECT_MSG_EQ(L2tpv3Avp(0, 65, true, {}).IsWellFormed(), true, "empty cookie");
        // §5.4.3: "Length ... is 8 octets with one PW type specified".
        NS_TEST_EXPECT_MSG_EQ(L2tpv3Avp(0, 62, true, {}).IsWellFormed(), false, "no PW type");
        NS_TEST_EXPECT_MSG_EQ(L2tpv3Avp(0, 62, true, {0, 5}).IsWellFormed(), true, "one type");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief A message without an AVP RFC 3931 §6 requires.
 */
class L2tpv3CheckMissingAvpTestCase : public TestCase
{
  public:
    L2tpv3CheckMissingAvpTestCase()
        : TestCase("Check: a required AVP missing is MISSING_AVP naming it")
    {
    }

  private:
    void DoRun() override
    {
        using A = L2tpv3AvpType;
        L2tpv3ControlMessage sccrq(L2tpv3MessageType::SCCRQ);
        sccrq.Add(L2tpv3Avp::MakeUint32(A::ROUTER_ID, 1))
            .Add(L2tpv3Avp::MakeUint32(A::ASSIGNED_CONTROL_CONNECTION_ID, 1))
            .Add(L2tpv3Avp::MakeUint16List(A::PSEUDOWIRE_CAPABILITIES_LIST, {5}));
        L2tpv3ControlCheck c = sccrq.Check();
        NS_TEST_EXPECT_MSG_EQ(c.verdict, L2tpv3ControlCheck::MISSING_AVP, "no Host Name");
        NS_TEST_EXPECT_MSG_EQ(c.vendorId, 0, "IETF");
        NS_TEST_EXPECT_MSG_EQ(c.avpType, 7, "Host Name");
        NS_TEST_EXPECT_MSG_EQ(c.Describe(), "missing AVP Host Name", "text");
        sccrq.Add(L2tpv3Avp::MakeString(A::HOST_NAME, "A"));
        NS_TEST_EXPECT_MSG_EQ(sccrq.Check().Describe(), "ok", "with a Host Name");

        L2tpv3ControlMessage stop(L2tpv3MessageType::STOPCCN);
        NS_TEST_EXPECT_MSG_EQ(stop.Check().Describe(), "missing AVP Result Code", "StopCCN");
        L2tpv3ControlMessage cdn(L2tpv3MessageType::CDN);
        cdn.Add(L2tpv3Avp::MakeResultCode(3)).Add(L2tpv3Avp::MakeUint32(A::LOCAL_SESSION_ID, 1));
        NS_TEST_EXPECT_MSG_EQ(cdn.Check().Describe(), "missing AVP Remote Session ID", "CDN");
        L2tpv3ControlMessage wen(L2tpv3MessageType::WEN);
        wen.Add(L2tpv3Avp::MakeUint32(A::REMOTE_SESSION_ID, 1))
            .Add(L2tpv3Avp(0, 34, true, std::vector<uint8_t>(26)));
        NS_TEST_EXPECT_MSG_EQ(wen.Check().Describe(), "missing AVP Local Session ID", "WEN");
        L2tpv3ControlMessage hello(L2tpv3MessageType::HELLO);
        NS_TEST_EXPECT_MSG_EQ(hello.Check().Describe(), "ok", "HELLO needs only its type");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Unknown and vendor message types: the Message Type's M bit decides (RFC 3931 §5.4.1).
 */
class L2tpv3CheckMessageTypeTestCase : public TestCase
{
  public:
    L2tpv3CheckMessageTypeTestCase()
        : TestCase("Check: unknown or vendor message type with M = 1 is UNKNOWN_MESSAGE_TYPE, "
                   "with M = 0 IGNORE_MESSAGE")
    {
    }

  private:
    void DoRun() override
    {
        struct Vector
        {
            std::string bytes;                   //!< the message
            L2tpv3ControlCheck::Verdict verdict; //!< expected verdict
            uint16_t vendorId;                   //!< expected Vendor ID
            uint16_t type;                       //!< expected message type
            std::string describe;                //!< expected Describe()
        };

        const std::string header = "c8 03 00 14 00 00 00 01 00 00 00 00";
        const std::vector<Vector> vectors = {
            {header + "80 08 00 00 00 00 00 63",
             L2tpv3ControlCheck::UNKNOWN_MESSAGE_TYPE,
             0,
             99,
             "unknown mandatory message type 99"},
            {header + "00 08 00 00 00 00 00 63",
             L2tpv3ControlCheck::IGNORE_MESSAGE,
             0,
             99,
             "unknown message type 99 ignored"},
            {header + "80 08 00 00 00 00 00 00",
             L2tpv3ControlCheck::UNKNOWN_MESSAGE_TYPE,
             0,
             0,
             "unknown mandatory message type 0"},
            {header + "80 08 00 09 00 00 00 01",
             L2tpv3ControlCheck::UNKNOWN_MESSAGE_TYPE,
             9,
             1,
             "unknown mandatory message type 1 of vendor 9"},
            {header + "00 08 00 09 00 00 00 01",
             L2tpv3ControlCheck::IGNORE_MESSAGE,
             9,
             1,
             "unknown message type 1 of vendor 9 ignored"},
        };
        for (const Vector& v : vectors)
        {
            L2tpv3ControlMessage m;
            NS_TEST_ASSERT_MSG_EQ(Decode(FromHex(v.bytes), m), "none", v.describe << " decodes");
            L2tpv3ControlCheck c = m.Check();
            NS_TEST_EXPECT_MSG_EQ(c.verdict, v.verdict, v.describe);
            NS_TEST_EXPECT_MSG_EQ(c.vendorId, v.vendorId, v.describe);
            NS_TEST_EXPECT_MSG_EQ(c.avpType, v.type, v.describe);
            NS_TEST_EXPECT_MSG_EQ(c.Describe(), v.describe, "text");
        }
        // The type decides before any AVP: an unknown mandatory AVP in an ignored message.
        L2tpv3ControlMessage m;
        NS_TEST_ASSERT_MSG_EQ(
            Decode(FromHex("c8 03 00 1b 00 00 00 01 00 00 00 00 00 08 00 00 00 00 00 63 "
                           "80 07 00 09 00 03 01"),
                   m),
            "none",
            "decodes");
        NS_TEST_EXPECT_MSG_EQ(m.Check().verdict, L2tpv3ControlCheck::IGNORE_MESSAGE, "ignored");
        for (uint16_t known : {1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 20})
        {
            NS_TEST_EXPECT_MSG_EQ(L2tpv3IsKnownMessageType(known), true, "type " << known);
        }
        for (uint16_t unknown : {0, 5, 13, 17, 18, 19, 21, 0xffff})
        {
            NS_TEST_EXPECT_MSG_EQ(L2tpv3IsKnownMessageType(unknown), false, "type " << unknown);
        }
    }
};

/**
 * \ingroup l2tp-tests
 * \brief L2tpv3RequiredAvps is RFC 3931 §6's "MUST be present" lists, in the RFC's order.
 */
class L2tpv3RequiredAvpsTestCase : public TestCase
{
  public:
    L2tpv3RequiredAvpsTestCase()
        : TestCase("required AVPs per message type match RFC 3931 §6")
    {
    }

  private:
    void DoRun() override
    {
        using M = L2tpv3MessageType;
        // §6.1 to §6.14, copied from the RFC's text as type numbers.
        const std::vector<std::pair<M, std::vector<uint16_t>>> table = {
            {M::SCCRQ, {0, 7, 60, 61, 62}},
            {M::SCCRP, {0, 7, 60, 61, 62}},
            {M::SCCCN, {0}},
            {M::STOPCCN, {0, 1}},
            {M::HELLO, {0}},
            {M::ICRQ, {0, 63, 64, 15, 68, 66, 71}},
            {M::ICRP, {0, 63, 64, 71}},
            {M::ICCN, {0, 63, 64}},
            {M::OCRQ, {0, 63, 64, 15, 68, 66, 71}},
            {M::OCRP, {0, 63, 64, 71}},
            {M::OCCN, {0, 63, 64}},
            {M::CDN, {0, 1, 63, 64}},
            {M::WEN, {0, 63, 64, 34}},
            {M::SLI, {0, 63, 64}},
            {M::ACK, {0}},
        };
        for (const auto& [type, expected] : table)
        {
            std::vector<uint16_t> actual;
            for (L2tpv3AvpType avp : L2tpv3RequiredAvps(type))
            {
                actual.push_back(static_cast<uint16_t>(avp));
            }
            std::ostringstream a;
            std::ostringstream e;
            for (uint16_t t : actual)
            {
                a << t << " ";
            }
            for (uint16_t t : expected)
            {
                e << t << " ";
            }
            NS_TEST_EXPECT_MSG_EQ(a.str(), e.str(), type << " (§6)");
        }
        NS_TEST_EXPECT_MSG_EQ(L2tpv3RequiredAvps(static_cast<M>(99)).size(), 0, "unknown type");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief The 10-bit AVP Length (RFC 3931 §5.1) caps a value at 1017 octets.
 */
class L2tpv3AvpSizeLimitTestCase : public TestCase
{
  public:
    L2tpv3AvpSizeLimitTestCase()
        : TestCase("AVP value over 1017 octets refused with std::invalid_argument naming it")
    {
    }

  private:
    void DoRun() override
    {
        L2tpv3Avp largest(0, 7, true, std::vector<uint8_t>(1017, 'a'));
        NS_TEST_EXPECT_MSG_EQ(largest.GetLength(), 1023, "Length 1023");
        std::vector<uint8_t> bytes;
        largest.Serialize(bytes);
        NS_TEST_ASSERT_MSG_EQ(bytes.size(), 1023, "1023 octets");
        NS_TEST_EXPECT_MSG_EQ(Hex({bytes[0], bytes[1]}), "83ff", "M | Length 0x3ff");

        auto refused = [](auto make) {
            try
            {
                make();
            }
            catch (const std::invalid_argument& e)
            {
                return std::string(e.what());
            }
            return std::string("accepted");
        };
        std::string what = refused([] {
            return L2tpv3Avp(0, 7, true, std::vector<uint8_t>(1018));
        });
        NS_TEST_EXPECT_MSG_NE(what.find("Host Name"), std::string::npos, what);
        NS_TEST_EXPECT_MSG_NE(what.find("1018"), std::string::npos, what);
        what = refused([] {
            return L2tpv3Avp::MakeString(L2tpv3AvpType::REMOTE_END_ID, std::string(2000, 'x'));
        });
        NS_TEST_EXPECT_MSG_NE(what.find("Remote End ID"), std::string::npos, what);
        what = refused([] {
            return L2tpv3Avp(9, 3, false, std::vector<uint8_t>(1018));
        });
        NS_TEST_EXPECT_MSG_NE(what.find("vendor 9 type 3"), std::string::npos, what);
        what = refused([] {
            return L2tpv3Avp::MakeResultCode(2, 6, std::string(1014, 'e'));
        });
        NS_TEST_EXPECT_MSG_NE(what.find("Result Code"), std::string::npos, what);
        what = refused([] {
            return L2tpv3Avp::MakeResultCode(2, 6, std::string(1013, 'e'));
        });
        NS_TEST_EXPECT_MSG_EQ(what, "accepted", "2 + 2 + 1013 = 1017 octets fit");

        // The message's 16-bit Length (§3.2.1) caps the whole message at 65535 octets.
        L2tpv3ControlMessage big(L2tpv3MessageType::HELLO);
        for (int i = 0; i < 64; ++i)
        {
            big.Add(L2tpv3Avp(9, 1, false, std::vector<uint8_t>(1017)));
        }
        NS_TEST_EXPECT_MSG_EQ(big.GetSerializedSize(), 12 + 8 + 64 * 1023, "65492 octets");
        NS_TEST_EXPECT_MSG_EQ(big.Serialize().size(), 65492, "fits");
        big.Add(L2tpv3Avp(9, 1, false, std::vector<uint8_t>(1017)));
        bool thrown = false;
        try
        {
            big.Serialize();
        }
        catch (const std::length_error& e)
        {
            thrown = true;
            NS_TEST_EXPECT_MSG_NE(std::string(e.what()).find("66515"), std::string::npos, "size");
        }
        NS_TEST_EXPECT_MSG_EQ(thrown, true, "66515 octets refused, not sent with a wrong Length");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief The AVP value's inline and heap storage: 0 octets, exactly INLINE_CAPACITY, one more
 * and the largest an AVP carries (1017, RFC 3931 §5.1); copies and moves of each kind,
 * comparison with std::vector, the value built in place by the Make functions, and the AVP
 * round trip (Serialize, Deserialize) with exact octets.
 */
class L2tpv3AvpValueTestCase : public TestCase
{
  public:
    L2tpv3AvpValueTestCase()
        : TestCase(
              "AVP value: inline up to 24 octets, heap beyond; copy, move, compare, round trip")
    {
    }

  private:
    /**
     * \param n octets
     * \param seed the first octet's value
     * \return n octets, each 7 more than the one before (mod 256)
     */
    static std::vector<uint8_t> Pattern(std::size_t n, uint8_t seed)
    {
        std::vector<uint8_t> v(n);
        for (std::size_t i = 0; i < n; ++i)
        {
            v[i] = static_cast<uint8_t>(seed + 7 * i);
        }
        return v;
    }

    /**
     * \brief Expect a value to hold exactly \p expected, through every read accessor.
     * \param value the value
     * \param expected the octets
     * \param what names the check
     */
    void ExpectHolds(const L2tpv3AvpValue& value,
                     const std::vector<uint8_t>& expected,
                     const std::string& what)
    {
        NS_TEST_EXPECT_MSG_EQ(value.size(), expected.size(), what << ": size");
        NS_TEST_EXPECT_MSG_EQ(value.empty(), expected.empty(), what << ": empty");
        NS_TEST_EXPECT_MSG_EQ(value.IsOnHeap(),
                              (expected.size() > L2tpv3AvpValue::INLINE_CAPACITY),
                              what << ": storage");
        NS_TEST_EXPECT_MSG_EQ(std::size_t(value.end() - value.begin()),
                              expected.size(),
                              what << ": end - begin");
        NS_TEST_EXPECT_MSG_EQ(ToHex(value.data(), value.size()), Hex(expected), what << ": octets");
        for (std::size_t i = 0; i < expected.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(unsigned(value[i]), unsigned(expected[i]), what << ": [" << i);
        }
        NS_TEST_EXPECT_MSG_EQ(Hex(value.ToVector()), Hex(expected), what << ": ToVector");
        NS_TEST_EXPECT_MSG_EQ((value == expected), true, what << ": == vector");
        NS_TEST_EXPECT_MSG_EQ((expected == value), true, what << ": vector ==");
        NS_TEST_EXPECT_MSG_EQ((value != expected), false, what << ": != vector");
        NS_TEST_EXPECT_MSG_EQ((expected != value), false, what << ": vector !=");
    }

    void DoRun() override
    {
        const std::size_t inlineCapacity = L2tpv3AvpValue::INLINE_CAPACITY;
        NS_TEST_ASSERT_MSG_EQ(inlineCapacity, 24, "24 octets inline");
        L2tpv3AvpValue none;
        ExpectHolds(none, {}, "default");
        NS_TEST_EXPECT_MSG_EQ((none.data() != nullptr), true, "data() of an empty value");

        for (std::size_t n :
             {std::size_t(0), inlineCapacity, inlineCapacity + 1, std::size_t(1017)})
        {
            std::ostringstream label;
            label << n << " octets";
            const std::string what = label.str();
            const std::vector<uint8_t> octets = Pattern(n, 0x11);
            const L2tpv3AvpValue value(octets);
            ExpectHolds(value, octets, what);
            ExpectHolds(L2tpv3AvpValue(octets.data(), octets.size()),
                        octets,
                        what + " from buffer");

            // Inequality: another length, or the same length with the last octet changed.
            std::vector<uint8_t> longer = octets;
            longer.push_back(0);
            NS_TEST_EXPECT_MSG_EQ((value == longer), false, what << ": == longer");
            NS_TEST_EXPECT_MSG_EQ((value != longer), true, what << ": != longer");
            NS_TEST_EXPECT_MSG_EQ((value == L2tpv3AvpValue(longer)), false, what << ": == value");
            if (n > 0)
            {
                std::vector<uint8_t> other = octets;
                other.back() ^= 0x80;
                NS_TEST_EXPECT_MSG_EQ((value == other), false, what << ": last octet differs");
                NS_TEST_EXPECT_MSG_EQ((other == value), false, what << ": last octet differs");
                NS_TEST_EXPECT_MSG_EQ((value != L2tpv3AvpValue(other)), true, what << ": !=");
            }

            // Copy: equal, and independent of the original.
            L2tpv3AvpValue copy(value);
            ExpectHolds(copy, octets, what + " copied");
            NS_TEST_EXPECT_MSG_EQ((copy == value), true, what << ": copy == original");
            if (n > 0)
            {
                NS_TEST_EXPECT_MSG_EQ((copy.data() != value.data()), true, what << ": own octets");
                copy[n - 1] ^= 0xff;
                NS_TEST_EXPECT_MSG_EQ((copy == value), false, what << ": copy changed");
                ExpectHolds(value, octets, what + " after its copy changed");
            }

            // Move: the octets (a heap buffer itself) go over; the source is left empty.
            L2tpv3AvpValue source(octets);
            const uint8_t* buffer = source.data();
            L2tpv3AvpValue moved(std::move(source));
            ExpectHolds(moved, octets, what + " moved");
            NS_TEST_EXPECT_MSG_EQ((moved.data() == buffer),
                                  (n > inlineCapacity),
                                  what << ": buffer");
            ExpectHolds(source, {}, what + " moved from"); // NOLINT(bugprone-use-after-move)
            source = moved;                                // a moved-from value is usable
            ExpectHolds(source, octets, what + " moved from, assigned");

            // Assignments between every pair of kinds: empty, inline, heap.
            const std::vector<std::vector<uint8_t>> kinds = {{},
                                                             Pattern(3, 0xa0),
                                                             Pattern(inlineCapacity, 0xb0),
                                                             Pattern(40, 0xc0)};
            for (const auto& kind : kinds)
            {
                std::ostringstream into;
                into << what << " into " << kind.size() << " octets";
                L2tpv3AvpValue target(kind);
                target = value;
                ExpectHolds(target, octets, into.str() + ", copy-assigned");
                L2tpv3AvpValue target2(kind);
                L2tpv3AvpValue from(octets);
                target2 = std::move(from);
                ExpectHolds(target2, octets, into.str() + ", move-assigned");
                ExpectHolds(from, {}, into.str() + ", moved from"); // NOLINT
                L2tpv3AvpValue back(value);
                back = L2tpv3AvpValue(kind);
                ExpectHolds(back, kind, into.str() + ", and back");
            }
            L2tpv3AvpValue self(octets);
            const L2tpv3AvpValue& alias = self;
            self = alias;
            ExpectHolds(self, octets, what + " self-assigned");

            // The AVP round trip: vendor 9, type 1, M = 1; flags and Length 0x80 | (6 + n),
            // Vendor ID 0009, Attribute Type 0001, then the value.
            std::ostringstream header;
            header << std::hex << std::setfill('0') << std::setw(4) << (0x8000 | (6 + n))
                   << "00090001";
            L2tpv3Avp avp(9, 1, true, octets);
            ExpectHolds(avp.GetValue(), octets, what + " in an AVP");
            std::vector<uint8_t> wire;
            avp.Serialize(wire);
            NS_TEST_EXPECT_MSG_EQ(Hex(wire), header.str() + Hex(octets), what << ": on the wire");
            L2tpv3Avp read;
            std::size_t used = L2tpv3Avp::Deserialize(wire.data(), wire.size(), read);
            NS_TEST_EXPECT_MSG_EQ(used, 6 + n, what << ": octets read");
            ExpectHolds(read.GetValue(), octets, what + " decoded");
            NS_TEST_EXPECT_MSG_EQ((read == avp), true, what << ": decoded == built");
            std::vector<uint8_t> again;
            read.Serialize(again);
            NS_TEST_EXPECT_MSG_EQ(Hex(again), Hex(wire), what << ": re-encoded");
            // Decoding into an AVP that holds a value of each kind replaces it.
            for (const auto& kind : kinds)
            {
                L2tpv3Avp reused(9, 2, false, kind);
                used = L2tpv3Avp::Deserialize(wire.data(), wire.size(), reused);
                NS_TEST_EXPECT_MSG_EQ(used, 6 + n, what << ": octets read");
                NS_TEST_EXPECT_MSG_EQ((reused == avp), true, what << " over " << kind.size());
            }
            L2tpv3Avp set(9, 1, true, std::vector<uint8_t>(30, 0xee));
            set.SetValue(octets.data(), octets.size());
            NS_TEST_EXPECT_MSG_EQ((set == avp), true, what << ": SetValue(data, size)");
            set.SetValue(std::vector<uint8_t>{1, 2});
            set.SetValue(octets);
            NS_TEST_EXPECT_MSG_EQ((set == avp), true, what << ": SetValue(vector)");
        }

        // A value's own octets as the source (a sub-range, inline and heap).
        L2tpv3AvpValue shift(Pattern(40, 1));
        shift.Assign(shift.data() + 1, 39);
        ExpectHolds(shift, Pattern(39, 1 + 7), "own tail");
        shift.Assign(shift.data() + 20, 19);
        ExpectHolds(shift, Pattern(19, static_cast<uint8_t>(1 + 7 * 21)), "own tail, inline");
        shift.Assign(shift.data() + 1, 18);
        ExpectHolds(shift, Pattern(18, static_cast<uint8_t>(1 + 7 * 22)), "own inline tail");

        // Resize keeps the octets that remain and zeroes the new ones.
        L2tpv3AvpValue grown(Pattern(20, 5));
        grown.Resize(30);
        std::vector<uint8_t> expected = Pattern(20, 5);
        expected.resize(30, 0);
        ExpectHolds(grown, expected, "grown to the heap");
        grown.Resize(10);
        expected.resize(10);
        ExpectHolds(grown, expected, "shrunk inline");
        grown.Resize(0);
        ExpectHolds(grown, {}, "emptied");

        // The Make functions write their values in place; exact octets.
        NS_TEST_EXPECT_MSG_EQ(
            Hex(L2tpv3Avp::MakeUint16(L2tpv3AvpType::MESSAGE_TYPE, 0x1234).GetValue().ToVector()),
            "1234",
            "16 bits");
        NS_TEST_EXPECT_MSG_EQ(
            Hex(L2tpv3Avp::MakeUint32(L2tpv3AvpType::ROUTER_ID, 0x0a0b0c0d).GetValue()),
            "0a0b0c0d",
            "32 bits");
        NS_TEST_EXPECT_MSG_EQ(
            Hex(L2tpv3Avp::MakeUint64(L2tpv3AvpType::TX_CONNECT_SPEED, 0x0102030405060708ULL)
                    .GetValue()),
            "0102030405060708",
            "64 bits");
        NS_TEST_EXPECT_MSG_EQ(
            Hex(L2tpv3Avp::MakeUint16List(L2tpv3AvpType::PSEUDOWIRE_CAPABILITIES_LIST, {5, 0x1234})
                    .GetValue()),
            "00051234",
            "a list");
        NS_TEST_EXPECT_MSG_EQ(Hex(L2tpv3Avp::MakeResultCode(2).GetValue()), "0002", "result only");
        NS_TEST_EXPECT_MSG_EQ(Hex(L2tpv3Avp::MakeResultCode(2, 6, "ab").GetValue()),
                              "000200066162",
                              "result, error, message");
        L2tpv3Avp name =
            L2tpv3Avp::MakeString(L2tpv3AvpType::HOST_NAME, std::string(25, 'h'), false);
        NS_TEST_EXPECT_MSG_EQ(name.GetValue().IsOnHeap(), true, "25 characters on the heap");
        NS_TEST_EXPECT_MSG_EQ(name.GetString(), std::string(25, 'h'), "the name");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief tshark's L2TP dissector reads the messages we encode.
 */
class L2tpv3ControlTsharkTestCase : public TestCase
{
  public:
    L2tpv3ControlTsharkTestCase()
        : TestCase("tshark decodes our SCCRQ, ICRQ and StopCCN: Ns, Nr, CCID, AVP types")
    {
    }

  private:
    /**
     * \param payload a UDP payload
     * \return an Ethernet frame carrying it in IPv4/UDP from 192.0.2.1:1701 to 192.0.2.2:1701
     */
    static std::vector<uint8_t> Frame(const std::vector<uint8_t>& payload)
    {
        std::vector<uint8_t> f = FromHex("02 00 00 00 00 02 02 00 00 00 00 01 08 00");
        std::size_t ipLength = 20 + 8 + payload.size();
        std::vector<uint8_t> ip = FromHex("45 00 00 00 00 01 00 00 40 11 00 00 c0 00 02 01 "
                                          "c0 00 02 02");
        ip[2] = static_cast<uint8_t>(ipLength >> 8);
        ip[3] = static_cast<uint8_t>(ipLength);
        uint32_t sum = 0;
        for (std::size_t i = 0; i < ip.size(); i += 2)
        {
            sum += (uint32_t(ip[i]) << 8) | ip[i + 1];
        }
        while (sum >> 16)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        ip[10] = static_cast<uint8_t>(~sum >> 8);
        ip[11] = static_cast<uint8_t>(~sum);
        std::size_t udpLength = 8 + payload.size();
        std::vector<uint8_t> udp = {0x06,
                                    0xa5,
                                    0x06,
                                    0xa5,
                                    static_cast<uint8_t>(udpLength >> 8),
                                    static_cast<uint8_t>(udpLength),
                                    0,
                                    0}; // checksum 0: none (IPv4)
        f.insert(f.end(), ip.begin(), ip.end());
        f.insert(f.end(), udp.begin(), udp.end());
        f.insert(f.end(), payload.begin(), payload.end());
        return f;
    }

    void DoRun() override
    {
        if (!HaveProgram("tshark"))
        {
            std::cout << "skipped: tshark not found" << std::endl;
            return;
        }
        TemporaryDirectory dir("l2tp-control-codec");
        NS_TEST_ASSERT_MSG_NE(dir.GetPath(), "", "temporary directory");
        using A = L2tpv3AvpType;
        L2tpv3ControlMessage sccrq(L2tpv3MessageType::SCCRQ);
        sccrq.Add(L2tpv3Avp::MakeString(A::HOST_NAME, "LCCE-A"))
            .Add(L2tpv3Avp::MakeUint32(A::ROUTER_ID, 0x0a000001))
            .Add(L2tpv3Avp::MakeUint32(A::ASSIGNED_CONTROL_CONNECTION_ID, 0x12345678))
            .Add(L2tpv3Avp::MakeUint16List(A::PSEUDOWIRE_CAPABILITIES_LIST, {5, 4}))
            .Add(L2tpv3Avp::MakeUint16(A::RECEIVE_WINDOW_SIZE, 8))
            .Add(L2tpv3Avp::MakeUint64(A::CONTROL_CONNECTION_TIE_BREAKER, 0x0102030405060708ULL));
        L2tpv3ControlMessage icrq(L2tpv3MessageType::ICRQ);
        icrq.SetControlConnectionId(0x7d7e5cc9);
        icrq.SetNs(2);
        icrq.SetNr(1);
        icrq.Add(L2tpv3Avp::MakeUint32(A::LOCAL_SESSION_ID, 0xbb9a6221))
            .Add(L2tpv3Avp::MakeUint32(A::REMOTE_SESSION_ID, 0))
            .Add(L2tpv3Avp::MakeUint32(A::SERIAL_NUMBER, 7, false))
            .Add(L2tpv3Avp::MakeUint16(A::PSEUDOWIRE_TYPE, 5))
            .Add(L2tpv3Avp::MakeString(A::REMOTE_END_ID, "pw1"))
            .Add(L2tpv3Avp::MakeUint32(A::ASSIGNED_COOKIE, 0xcafebabe))
            .Add(L2tpv3Avp::MakeUint16(A::CIRCUIT_STATUS, 3));
        L2tpv3ControlMessage stop(L2tpv3MessageType::STOPCCN);
        stop.SetControlConnectionId(0xabcd);
        stop.SetNs(5);
        stop.SetNr(7);
        stop.Add(L2tpv3Avp::MakeResultCode(2, 8, "bad"));

        std::string path = dir.GetPath() + "/control.pcap";
        {
            PcapFile file;
            file.Open(path, std::ios::out);
            NS_TEST_ASSERT_MSG_EQ(file.Fail(), false, "pcap file opened");
            file.Init(1, 65535); // DLT_EN10MB
            uint32_t second = 1;
            for (const L2tpv3ControlMessage* m : {&sccrq, &icrq, &stop})
            {
                std::vector<uint8_t> frame = Frame(m->Serialize());
                file.Write(second++, 0, frame.data(), frame.size());
            }
            file.Close();
        }
        int status = 0;
        std::string out = RunCommand("tshark -r '" + path +
                                         "' -T fields -e l2tp.type -e l2tp.version "
                                         "-e l2tp.length -e l2tp.ccid -e l2tp.Ns -e l2tp.Nr "
                                         "-e l2tp.avp.message_type -e l2tp.avp.type "
                                         "-e l2tp.avp.host_name -e l2tp.avp.remote_end_id "
                                         "-e l2tp.avp.error_code 2>/dev/null",
                                     status);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "tshark ran");
        std::vector<std::vector<std::string>> rows = SplitFields(out);
        const std::vector<std::vector<std::string>> expected = {
            {"1", "3", "84", "0x00000000", "0", "0", "1", "0,7,60,61,62,10,5", "LCCE-A", "", ""},
            {"1", "3", "85", "0x7d7e5cc9", "2", "1", "10", "0,63,64,15,68,66,65,71", "", "pw1", ""},
            {"1", "3", "33", "0x0000abcd", "5", "7", "4", "0,1", "", "", "8"},
        };
        NS_TEST_ASSERT_MSG_EQ(rows.size(), expected.size(), "three L2TP packets: " << out);
        for (std::size_t i = 0; i < rows.size(); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(rows[i].size(), expected[i].size(), "fields of packet " << i);
            for (std::size_t f = 0; f < rows[i].size(); ++f)
            {
                NS_TEST_EXPECT_MSG_EQ(rows[i][f], expected[i][f], "packet " << i << " field " << f);
            }
        }
    }
};

/**
 * \ingroup l2tp-tests
 * \brief The control-plane codec's test suite.
 */
class L2tpv3ControlCodecTestSuite : public TestSuite
{
  public:
    L2tpv3ControlCodecTestSuite()
        : TestSuite("l2tp-control-codec")
    {
        AddTestCase(new L2tpv3SccrqVectorTestCase);
        AddTestCase(new L2tpv3ZlbVectorTestCase);
        AddTestCase(new L2tpv3StopCcnVectorTestCase);
        AddTestCase(new L2tpv3IcrqVectorTestCase);
        AddTestCase(new L2tpv3VendorAvpTestCase);
        AddTestCase(new L2tpv3CaptureRoundTripTestCase);
        AddTestCase(new L2tpv3CaptureValuesTestCase);
        AddTestCase(new L2tpv3CaptureDataOnlyTestCase);
        AddTestCase(new L2tpv3MalformedHeaderTestCase);
        AddTestCase(new L2tpv3MalformedAvpTestCase);
        AddTestCase(new L2tpv3TruncationAndBitFlipTestCase);
        AddTestCase(new L2tpv3CheckUnknownAvpTestCase);
        AddTestCase(new L2tpv3CheckMalformedAvpTestCase);
        AddTestCase(new L2tpv3CheckHiddenAndLengthTestCase);
        AddTestCase(new L2tpv3CheckMissingAvpTestCase);
        AddTestCase(new L2tpv3CheckMessageTypeTestCase);
        AddTestCase(new L2tpv3RequiredAvpsTestCase);
        AddTestCase(new L2tpv3AvpSizeLimitTestCase);
        AddTestCase(new L2tpv3AvpValueTestCase);
        AddTestCase(new L2tpv3ControlTsharkTestCase);
    }
};

/// Static instance.
static L2tpv3ControlCodecTestSuite g_l2tpv3ControlCodecTestSuite;
