/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TP_LAB_TEST_TEXT_H
#define L2TP_LAB_TEST_TEXT_H

// The lab text the lab suites share: the manual's two sites (labs/netbsd-manual.lab without
// its comments, variables, captures, pings and run), so that each suite appends the commands
// it tests after a configuration that is known to work.

#include <string>

namespace ns3
{

/**
 * \ingroup l2tp-tests
 * \brief The manual's two-site topology as lab text: nodes A, B, X, Y; A and B bridge wm1 with
 * l2tp0 (sessions 1234 and 4321, no cookie) across wm0 (192.168.0.1 and .2); X is 10.0.0.1 and
 * Y 10.0.0.2. 22 node commands, no ping and no run.
 * \return the text, each line ending in a newline
 */
inline const std::string&
L2tpTestManualLab()
{
    static const std::string text = R"(node A B X Y
link A:wm0 B:wm0 delay 1ms
link A:wm1 X:wm0
link B:wm1 Y:wm0
A:
    ifconfig wm0 inet 192.168.0.1/24
    ifconfig l2tp0 create
    ifconfig l2tp0 tunnel 192.168.0.1 192.168.0.2
    ifconfig l2tp0 session 1234 4321
    ifconfig bridge0 create
    brconfig bridge0 add wm1
    brconfig bridge0 add l2tp0
    ifconfig l2tp0 up
    ifconfig wm1 up
    ifconfig bridge0 up
B:
    ifconfig wm0 inet 192.168.0.2/24
    ifconfig l2tp0 create
    ifconfig l2tp0 tunnel 192.168.0.2 192.168.0.1
    ifconfig l2tp0 session 4321 1234
    ifconfig bridge0 create
    brconfig bridge0 add wm1
    brconfig bridge0 add l2tp0
    ifconfig l2tp0 up
    ifconfig wm1 up
    ifconfig bridge0 up
X: ifconfig wm0 inet 10.0.0.1/24
Y: ifconfig wm0 inet 10.0.0.2/24
)";
    return text;
}

} // namespace ns3

#endif /* L2TP_LAB_TEST_TEXT_H */
