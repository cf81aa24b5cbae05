#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""The two-site example of the NetBSD l2tp(4) manual, in simulation (Python twin).

  Host_X --wm1-- NetBSD_A --wm0===== WAN =====wm0-- NetBSD_B --wm1-- Host_Y
                 bridge0 = wm1 + l2tp0              bridge0 = wm1 + l2tp0

The twin of examples/l2tp-bridge-example.cc: the same options (spelled
--name=value, booleans also as bare --name), the same scenario (the C++
L2tpv3BridgeScenario, through the `l2tp` module) and the same summary.

  ./ns3 run l2tp-bridge-example.py
  ./ns3 run l2tp-bridge-example.py --cookie --pcap
  ./ns3 run l2tp-bridge-example.py --ipv6 --innerIpv6 --cookieLen=8
"""

import argparse
import sys

import l2tp


def parse_bool(text):
    """A boolean option value, as ns-3's CommandLine reads it."""
    value = text.strip().lower()
    if value in ("1", "true", "t", "yes", "on"):
        return True
    if value in ("0", "false", "f", "no", "off"):
        return False
    raise argparse.ArgumentTypeError(f"'{text}' is not a boolean (true/false)")


# (option, Parameters field, type, help): the C++ example's CommandLine, in order.
OPTIONS = [
    ("cookie", "manualCookie", bool,
     "Use the manual's cookies (cookie 4 12345 4 54321)"),
    ("cookieLen", "cookieLength", int, "Cookie length in bytes: 0, 4 or 8"),
    ("ipv6", "ipv6Underlay", bool,
     "IPv6 underlay between the routers (2001:db8::1 and ::2)"),
    ("innerIpv6", "innerIpv6", bool,
     "IPv6 between the hosts (2001:db8:1::1 and ::2)"),
    ("wanMtu", "wanMtu", int, "MTU of the routers' WAN ports (wm0)"),
    ("lanMtu", "lanMtu", int, "MTU of the LAN ports (wm1) and of l2tp0"),
    ("frameSize", "frameSize", int,
     "Ethernet frame size of the bulk TCP flow, in bytes"),
    ("pingSize", "pingSize", int, "ICMP echo payload, in bytes"),
    ("encap", "encapsulation", str,
     "Encapsulation: ip (l2tp(4)) or udp (port 1701)"),
    ("sublayer", "sublayer", str, "L2-Specific Sublayer: none or default"),
    ("seq", "sequencing", bool,
     "Send and require sequence numbers (needs --sublayer=default)"),
    ("mtuPolicy", "mtuPolicy", str,
     "fragment (l2tp(4): outer fragmentation) or derived (Linux: no fragments)"),
    ("mssClamp", "mssClamp", str,
     "TCP MSS clamping on l2tp0: off, auto or an MSS"),
    ("pcap", "pcap", bool,
     "Write l2tp-bridge-example-<node>-<device>.pcap files"),
    ("time", "duration", float, "Simulated seconds"),
]


def parse_parameters(argv):
    """Parameters from the command line, defaults from the C++ scenario."""
    defaults = l2tp.L2tpv3BridgeScenario.Parameters()
    parser = argparse.ArgumentParser(
        prog="l2tp-bridge-example.py",
        description="The two-site l2tp(4) bridge example (Python twin).")
    for option, field, kind, text in OPTIONS:
        default = getattr(defaults, field)
        if kind is bool:
            parser.add_argument(f"--{option}", dest=field, type=parse_bool,
                                nargs="?", const=True, default=default,
                                help=f"{text} [{str(default).lower()}]")
        else:
            parser.add_argument(f"--{option}", dest=field, type=kind,
                                default=default, help=f"{text} [{default}]")
    values = vars(parser.parse_args(argv))
    return l2tp.L2tpv3BridgeScenario.Parameters(**values)


def main(argv):
    parameters = parse_parameters(argv)
    try:
        results = l2tp.run_once(parameters)
    except ValueError as error:
        print(f"l2tp-bridge-example: {error}", file=sys.stderr)
        return 1
    sys.stdout.write(l2tp.print_summary(parameters, results))
    if parameters.pcap:
        prefix = parameters.pcapPrefix
        print(f"  pcap: {prefix}-<node>-<device>.pcap, e.g. "
              f"{prefix}-NetBSD_A-wm0.pcap (WAN, L2TPv3)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
