/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TP_TEST_UTILS_H
#define L2TP_TEST_UTILS_H

// Helpers shared by the l2tp test suites: where the reference captures are,
// reading pcap files, taking an L2TPv3-over-IPv4 packet apart by hand (never
// with the codec under test), running tshark, and scratch directories.
//
// The process and directory helpers are inline, so a suite that needs only
// them does not depend on l2tp-test-utils.cc.

#include "ns3/ipv4-address.h"
#include "ns3/mac48-address.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <system_error>
#include <vector>

namespace ns3
{
namespace l2tptest
{

/**
 * \ingroup l2tp-tests
 * \brief The reference directory (RFC text, captures).
 * \return $L2TP_REFERENCE_DIR if set and not empty, else the L2TP_REFERENCE_DIR
 *         macro CMake defines (../shared/reference beside the repository), else ""
 */
std::string L2tpReferenceDir();

/**
 * \ingroup l2tp-tests
 * \brief The repository's own test data (test/data: the freeRtr captures).
 * \return $L2TP_TEST_DATA_DIR if set and not empty, else the L2TP_TEST_DATA_DIR macro CMake
 *         defines (test/data of this source tree), else ""
 */
std::string L2tpTestDataDir();

/**
 * \ingroup l2tp-tests
 * \brief One record of a pcap file.
 */
struct PcapRecord
{
    uint32_t seconds{0};         //!< time stamp, seconds
    uint32_t microseconds{0};    //!< time stamp, microseconds
    uint32_t originalLength{0};  //!< length on the wire
    std::vector<uint8_t> data{}; //!< the captured bytes
};

/**
 * \ingroup l2tp-tests
 * \brief Read every record of a pcap file with ns-3's PcapFile.
 * \param path the file
 * \param [out] dataLinkType the file's link type (1: Ethernet)
 * \param [out] error why the file could not be read ("" when it could)
 * \return the records, in file order
 */
std::vector<PcapRecord> ReadPcapFile(const std::string& path,
                                     uint32_t& dataLinkType,
                                     std::string& error);

/**
 * \ingroup l2tp-tests
 * \brief An L2TPv3 data packet over IPv4 (protocol 115) in an Ethernet frame, taken apart.
 */
struct L2tpv3OverIpv4
{
    Mac48Address ethernetSource;      //!< outer Ethernet source
    Mac48Address ethernetDestination; //!< outer Ethernet destination
    std::vector<uint8_t> ip;          //!< the IPv4 packet (Ethernet padding removed)
    Ipv4Address source;               //!< outer IPv4 source
    Ipv4Address destination;          //!< outer IPv4 destination
    uint32_t sessionId{0};            //!< the Session ID
    std::vector<uint8_t> cookie;      //!< the cookie bytes
    std::vector<uint8_t> sublayer;    //!< the L2-Specific Sublayer bytes
    std::vector<uint8_t> frame;       //!< the inner Ethernet frame
};

/**
 * \ingroup l2tp-tests
 * \brief Take an Ethernet frame carrying L2TPv3 over IPv4 apart.
 *
 * The cookie and sublayer lengths are not on the wire (RFC 3931 §4.1): the
 * caller says what the session was configured with.
 * \param ethernet the captured frame (DLT_EN10MB, no FCS)
 * \param cookieLength cookie bytes after the Session ID
 * \param sublayerLength L2-Specific Sublayer bytes after the cookie
 * \param [out] packet the parts
 * \return "" on success, else why the frame is not such a packet
 */
std::string ParseL2tpv3OverIpv4(const std::vector<uint8_t>& ethernet,
                                uint32_t cookieLength,
                                uint32_t sublayerLength,
                                L2tpv3OverIpv4& packet);

/**
 * \ingroup l2tp-tests
 * \brief The payload of an IP protocol 115 packet (L2TPv3 over IP, RFC 3931 §4.1.1) in an
 * Ethernet frame, IPv4 or IPv6, taken apart by hand.
 */
struct IpProtocol115Packet
{
    bool ipv6{false};             //!< the outer IP version is 6
    std::string source;           //!< outer source address, as text (dotted or RFC 5952)
    std::string destination;      //!< outer destination address, as text
    std::vector<uint8_t> payload; //!< the IP payload: the Session ID first (0: control)
};

/**
 * \ingroup l2tp-tests
 * \brief Take an Ethernet frame carrying IP protocol 115 apart (IPv4, or IPv6 with protocol
 * 115 as its first Next Header: no extension headers).
 * \param ethernet the captured frame (DLT_EN10MB, no FCS)
 * \param [out] packet the parts
 * \return "" on success, else why the frame is not such a packet
 */
std::string ParseIpProtocol115(const std::vector<uint8_t>& ethernet, IpProtocol115Packet& packet);

/**
 * \ingroup l2tp-tests
 * \brief Lower-case hexadecimal, no separators (tshark's rendering of FT_BYTES fields).
 * \param bytes the bytes
 * \param length how many
 * \return the text
 */
inline std::string
ToHex(const uint8_t* bytes, std::size_t length)
{
    std::ostringstream os;
    os << std::hex << std::setfill('0');
    for (std::size_t i = 0; i < length; ++i)
    {
        os << std::setw(2) << static_cast<uint32_t>(bytes[i]);
    }
    return os.str();
}

/**
 * \ingroup l2tp-tests
 * \brief Run a shell command and capture its standard output.
 * \param command the command (given to /bin/sh)
 * \param [out] status its exit status (-1 when it could not be started)
 * \return what it wrote on standard output
 */
inline std::string
RunCommand(const std::string& command, int& status)
{
    std::string output;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe)
    {
        status = -1;
        return output;
    }
    char buffer[4096];
    std::size_t n;
    while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0)
    {
        output.append(buffer, n);
    }
    int raw = pclose(pipe);
    status = (raw != -1 && WIFEXITED(raw)) ? WEXITSTATUS(raw) : -1;
    return output;
}

/**
 * \ingroup l2tp-tests
 * \brief Whether a program can be found on PATH.
 * \param program its name
 * \return true when `command -v` finds it
 */
inline bool
HaveProgram(const std::string& program)
{
    int status;
    RunCommand("command -v " + program + " >/dev/null 2>&1", status);
    return status == 0;
}

/**
 * \ingroup l2tp-tests
 * \brief Split text into lines, and lines into tab-separated fields.
 * \param text the text (e.g. `tshark -T fields` output)
 * \return the lines' fields; an empty line gives no row
 */
inline std::vector<std::vector<std::string>>
SplitFields(const std::string& text)
{
    std::vector<std::vector<std::string>> rows;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line))
    {
        if (line.empty())
        {
            continue;
        }
        std::vector<std::string> fields;
        std::string::size_type start = 0;
        while (true)
        {
            std::string::size_type tab = line.find('\t', start);
            fields.push_back(line.substr(start, tab - start));
            if (tab == std::string::npos)
            {
                break;
            }
            start = tab + 1;
        }
        rows.push_back(fields);
    }
    return rows;
}

/**
 * \ingroup l2tp-tests
 * \brief A fresh directory under the system's temporary directory, removed with its contents
 * when the object goes.
 */
class TemporaryDirectory
{
  public:
    /** \param prefix the start of the directory's name */
    explicit TemporaryDirectory(const std::string& prefix)
    {
        std::error_code ec;
        std::filesystem::path base = std::filesystem::temp_directory_path(ec);
        std::string pattern = (ec ? std::string("/tmp") : base.string()) + "/" + prefix + "-XXXXXX";
        std::vector<char> name(pattern.begin(), pattern.end());
        name.push_back('\0');
        if (mkdtemp(name.data()))
        {
            m_path = name.data();
        }
    }

    ~TemporaryDirectory()
    {
        if (!m_path.empty())
        {
            std::error_code ec;
            std::filesystem::remove_all(m_path, ec);
        }
    }

    TemporaryDirectory(const TemporaryDirectory&) = delete;
    TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;

    /** \return the directory, "" if it could not be created */
    const std::string& GetPath() const
    {
        return m_path;
    }

  private:
    std::string m_path; //!< the directory
};

} // namespace l2tptest
} // namespace ns3

#endif /* L2TP_TEST_UTILS_H */
