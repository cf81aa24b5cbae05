/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-profiles.h"

#include <stdexcept>

namespace ns3
{

namespace
{

// Where the values come from. Cisco: the command reference pages of Cisco's L2TPv3
// feature guide and WAN command reference (no capture of a Cisco router exists here).
// freeRtr: the sources at commit 37cafe5fa40832c080770a7506e51499d7da99b2 (paths under
// src/org/freertr/) and the captures made with it (freertr-l2tpv3-*.pcap). A value none of
// them gives is the RFC's, and says so.
const std::string CISCO_GUIDE =
    "Cisco, \"Layer 2 Tunnel Protocol Version 3\", Cisco IOS Releases 12.0(29)S and 12.2(25)S";
const std::string RFC_DEFAULT = "RFC default";

/// RFC 3931's recommended values; where the RFC recommends none, what it implies.
std::vector<L2tpv3ProfileValue>
RfcProfile()
{
    return {
        {"HelloInterval", "60s", "RFC 3931 §4.4: a recommended default is 60 seconds"},
        {"RetransmitTimeout", "1s", "RFC 3931 §4.2: a recommended default is 1 second"},
        {"RetransmitCap",
         "8s",
         "RFC 3931 §4.2: the cap SHOULD be no less than 8 seconds (Appendix A: 1, 2, 4, 8, 8...)"},
        {"MaxRetries", "10", "RFC 3931 §4.2: a recommended default is 10"},
        {"ReceiveWindowSize",
         "4",
         "RFC 3931 §5.4.3 Receive Window Size: a peer assumes 4 when the AVP is absent"},
        {"MaxSetupWindow",
         "0",
         "RFC 3931 §4.2: the peer's Receive Window Size alone limits what we send"},
        {"CookieLength", "0", "RFC 3931 §4.1: the Cookie is optional"},
        {"L2SpecificSublayer",
         "none",
         "RFC 3931 §4.6: the Default L2-Specific Sublayer is used when a peer requests it"},
        {"DataSequencing",
         "false",
         "RFC 3931 §5.4.4 Data Sequencing: absent means level 0, no sequencing"},
        {"Encapsulation",
         "ip",
         "RFC 3931 §4.1: implementations MUST support L2TP over IP (UDP only SHOULD)"},
    };
}

/// Cisco IOS's l2tp-class and pseudowire-class defaults.
std::vector<L2tpv3ProfileValue>
CiscoProfile()
{
    return {
        {"HelloInterval",
         "60s",
         "Cisco IOS Wide-Area Networking Command Reference (March 2011), hello (L2TP class "
         "configuration): 60 second intervals by default"},
        {"RetransmitTimeout",
         "1s",
         CISCO_GUIDE + ", retransmit: minimum timeout interval 1 second by default"},
        {"RetransmitCap",
         "8s",
         CISCO_GUIDE + ", retransmit: maximum timeout interval 8 seconds by default"},
        // Cisco's "initial retries" (2, SCCRQ only) has no attribute here: MaxRetries counts
        // for every message (RFC 3931 §4.2 allows the SCCRQ a different maximum).
        {"MaxRetries",
         "15",
         CISCO_GUIDE + ", retransmit: retries 15 by default (initial retries 2 for SCCRQ "
                       "not modelled)"},
        {"ReceiveWindowSize",
         "4",
         RFC_DEFAULT + " (RFC 3931 §5.4.3); " + CISCO_GUIDE +
             ", receive-window: the default is the platform's upper limit, no number given"},
        {"MaxSetupWindow", "0", RFC_DEFAULT + " (RFC 3931 §4.2; no Cisco document found)"},
        {"CookieLength",
         "0",
         RFC_DEFAULT + " (RFC 3931 §4.1); " + CISCO_GUIDE +
             ", Session Cookie: 0, 4 or 8 bytes as the platform decapsulates, no default given"},
        {"L2SpecificSublayer",
         "none",
         "iproute2 ip-l2tp(8), since commit 9c064b53: some vendor implementations (e.g. Cisco) "
         "default to a Layer2SpecificHeader type of None"},
        {"DataSequencing",
         "false",
         CISCO_GUIDE + ", sequencing (pseudowire class): off by default"},
        {"Encapsulation",
         "ip",
         RFC_DEFAULT +
             " (RFC 3931 §4.1); Cisco's L2TPv3 pseudowires run over IP protocol 115 "
             "(" +
             CISCO_GUIDE + ", L2TPv3 Header Description)"},
    };
}

/// freeRtr's L2TPv3 (clntL2tp3.java: vpdn ... protocol l2tp3; servL2tp3*.java: server l2tp3).
std::vector<L2tpv3ProfileValue>
FreeRtrProfile()
{
    return {
        {"HelloInterval",
         "5s",
         "freeRtr 37cafe5 cfg/cfgAll.java:1425 (client l2tp3-timer hello 5, in 1 s passes of "
         "clntL2tp3.java:454); capture freertr-l2tpv3-vpdnin.pcap frames 34-57: a HELLO every "
         "5 s"},
        {"RetransmitTimeout",
         "1s",
         "freeRtr 37cafe5 clntL2tp3.java:454 (1 s loop); capture run1 "
         "freertr-l2tpv3-vpdnin.pcap frames 12-35: the SLI resent every 1 s"},
        // RetransmitCap = RetransmitTimeout: no back-off. freeRtr's 5 s during set-up
        // (clntL2tp3.java:477-491) is not modelled.
        {"RetransmitCap",
         "1s",
         "freeRtr 37cafe5 clntL2tp3.java:454,477-491: a fixed interval, no back-off (5 s while "
         "setting up, not modelled)"},
        {"MaxRetries",
         "7",
         "freeRtr 37cafe5 cfg/cfgAll.java:1430 (l2tp3-timer retry 8): 8 transmissions, so 7 "
         "retransmissions; capture freertr-l2tpv3-vpdnin.pcap frames 58-62"},
        {"ReceiveWindowSize",
         "1024",
         "freeRtr 37cafe5 pack/packL2tp3.java:246,276; capture freertr-l2tpv3-server.pcap "
         "frames 1-2: Receive Window Size 1024"},
        // It advertises 1024 but sends, and handles, one message at a time: our SCCCN and
        // ICRQ must not be pipelined (issue 19 item 4).
        {"MaxSetupWindow",
         "1",
         "freeRtr 37cafe5 clntL2tp3.java:545-551, serv/servL2tp3conn.java:231-236: one message "
         "at a time; capture freertr-l2tpv3-server.pcap frames 3-5"},
        {"CookieLength",
         "0",
         "freeRtr 37cafe5 pack/packL2tp3.java:51,69-78: no cookie sent or expected, AVP 65 "
         "never sent; capture freertr-l2tpv3-server.pcap frames 14-33"},
        {"L2SpecificSublayer",
         "none",
         "freeRtr 37cafe5 pack/packL2tp.java:1095-1097: AVP 69 never sent or parsed; capture "
         "freertr-l2tpv3-server.pcap frames 14-33"},
        {"DataSequencing",
         "false",
         "freeRtr 37cafe5 pack/packL2tp.java:1095-1097: AVP 70 never sent or parsed"},
        {"Encapsulation",
         "ip",
         "freeRtr 37cafe5 pack/packL2tp3.java:21 (IP protocol 115), no UDP code path; all "
         "freertr-l2tpv3-*.pcap captures"},
    };
}

/// Linux's l2tp_eth sessions as ip l2tp configures them when an option is not given.
std::vector<L2tpv3ProfileValue>
LinuxPreset()
{
    return {
        {"Encapsulation", "udp", "iproute2 ip-l2tp(8), add tunnel: encap defaults to udp"},
        {"UdpSourcePort",
         "1701",
         RFC_DEFAULT + " (RFC 3931 §4.1.2.2, port 1701); ip-l2tp(8): udp_sport must be given"},
        {"UdpDestinationPort",
         "1701",
         RFC_DEFAULT + " (RFC 3931 §4.1.2.2, port 1701); ip-l2tp(8): udp_dport must be given"},
        {"UdpChecksum",
         "false",
         "iproute2 ip-l2tp(8) (commit 51a9d01a), add tunnel: udp_csum \"Default is off\" (IPv4)"},
        {"L2SpecificSublayer",
         "default",
         "iproute2 ip-l2tp(8), since commit 9c064b53: Linux defaults to the Default "
         "Layer2SpecificHeader type of RFC 3931"},
        {"SendSequenceNumbers", "false", "iproute2 ip-l2tp(8), add session: seq none unless given"},
        {"RequireSequenceNumbers",
         "false",
         "iproute2 ip-l2tp(8), add session: seq none unless given"},
        {"MtuPolicy",
         "derived",
         "Linux net/l2tp/l2tp_eth.c: the session device's MTU is the underlay's minus every "
         "header (this module's MtuPolicy=derived models it)"},
    };
}

/// QEMU's -netdev l2tpv3 with only the required options given.
std::vector<L2tpv3ProfileValue>
QemuPreset()
{
    return {
        {"Encapsulation",
         "ip",
         "QEMU 7.2 net/l2tpv3.c net_init_l2tpv3: UDP only with udp=on, otherwise IP protocol "
         "115"},
        {"UdpSourcePort",
         "1701",
         RFC_DEFAULT + " (RFC 3931 §4.1.2.2); QEMU requires srcport and dstport with udp=on"},
        {"UdpDestinationPort",
         "1701",
         RFC_DEFAULT + " (RFC 3931 §4.1.2.2); QEMU requires srcport and dstport with udp=on"},
        {"UdpChecksum",
         "true",
         "QEMU 7.2 net/l2tpv3.c: sends through an ordinary UDP socket, whose checksum the "
         "kernel computes"},
        {"L2SpecificSublayer",
         "none",
         "QEMU 7.2 net/l2tpv3.c net_init_l2tpv3: the 4-byte counter word only with counter=on"},
        {"SendSequenceNumbers",
         "false",
         "QEMU 7.2 net/l2tpv3.c: no counter word by default (counter=on would be the default "
         "sublayer, S = 0)"},
        {"RequireSequenceNumbers",
         "false",
         "QEMU 7.2 net/l2tpv3.c: the counter word is skipped unchecked on receive"},
        {"MtuPolicy",
         "fragment",
         "QEMU 7.2 net/l2tpv3.c: each frame of its tap is sent whole, the kernel fragments the "
         "outer packet"},
    };
}

} // namespace

std::vector<L2tpv3ProfileValue>
L2tpv3GetLcceProfile(L2tpv3LcceProfile profile)
{
    switch (profile)
    {
    case L2tpv3LcceProfile::RFC:
        return RfcProfile();
    case L2tpv3LcceProfile::CISCO_IOS:
        return CiscoProfile();
    case L2tpv3LcceProfile::FREERTR:
        return FreeRtrProfile();
    }
    throw std::invalid_argument("profile " + std::to_string(static_cast<int>(profile)) +
                                ": must be rfc, cisco-ios or freertr");
}

std::vector<L2tpv3ProfileValue>
L2tpv3GetDevicePreset(L2tpv3DevicePreset preset)
{
    switch (preset)
    {
    case L2tpv3DevicePreset::LINUX_IPROUTE2:
        return LinuxPreset();
    case L2tpv3DevicePreset::QEMU:
        return QemuPreset();
    }
    throw std::invalid_argument("preset " + std::to_string(static_cast<int>(preset)) +
                                ": must be linux-iproute2 or qemu");
}

std::string
L2tpv3LcceProfileName(L2tpv3LcceProfile profile)
{
    switch (profile)
    {
    case L2tpv3LcceProfile::RFC:
        return "rfc";
    case L2tpv3LcceProfile::CISCO_IOS:
        return "cisco-ios";
    case L2tpv3LcceProfile::FREERTR:
        return "freertr";
    }
    return "?";
}

L2tpv3LcceProfile
L2tpv3ParseLcceProfile(const std::string& name)
{
    for (auto p :
         {L2tpv3LcceProfile::RFC, L2tpv3LcceProfile::CISCO_IOS, L2tpv3LcceProfile::FREERTR})
    {
        if (name == L2tpv3LcceProfileName(p))
        {
            return p;
        }
    }
    throw std::invalid_argument("profile '" + name + "': must be rfc, cisco-ios or freertr");
}

std::string
L2tpv3DevicePresetName(L2tpv3DevicePreset preset)
{
    switch (preset)
    {
    case L2tpv3DevicePreset::LINUX_IPROUTE2:
        return "linux-iproute2";
    case L2tpv3DevicePreset::QEMU:
        return "qemu";
    }
    return "?";
}

L2tpv3DevicePreset
L2tpv3ParseDevicePreset(const std::string& name)
{
    for (auto p : {L2tpv3DevicePreset::LINUX_IPROUTE2, L2tpv3DevicePreset::QEMU})
    {
        if (name == L2tpv3DevicePresetName(p))
        {
            return p;
        }
    }
    throw std::invalid_argument("preset '" + name + "': must be linux-iproute2 or qemu");
}

} // namespace ns3
