#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""The l2tp(4) manual's two sites with the control plane (Python twin).

  Host_X --wm1-- NetBSD_A --wm0===== WAN =====wm0-- NetBSD_B --wm1-- Host_Y
                 bridge0 = wm1 + l2tp0              bridge0 = wm1 + l2tp0

The twin of examples/l2tp-control-example.cc, built top to bottom with the bound
helpers: NetBSD_A's LCCE opens a control connection to NetBSD_B's (SCCRQ, SCCRP,
SCCCN) and asks for one pseudowire per --sessions (ICRQ, ICRP, ICCN); each LCCE
creates its l2tp0 with the negotiated Session IDs and cookies and bridges the
first with wm1. Host_X and Host_Y then send each other UDP echoes. The same
options (spelled --name=value, booleans also as bare --name), the same timeline
of control messages and the same summary.

  ./ns3 run l2tp-control-example.py
  ./ns3 run l2tp-control-example.py --cookieLen=8 --seq --sessions=3
  ./ns3 run l2tp-control-example.py --quiet --hello=5 --failAt=3 --recoverAt=20
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


# (option, type, default, help): the C++ example's CommandLine, in order.
OPTIONS = [
    ("encap", str, "ip", "ip (protocol 115) or udp (port 1701)"),
    ("ipv6", bool, False, "IPv6 WAN (2001:db8::1 and ::2)"),
    ("cookieLen", int, 0, "cookie octets each session assigns: 0, 4 or 8"),
    ("sublayer", bool, False, "the default L2-Specific Sublayer"),
    ("seq", bool, False, "ask for sequence numbers (implies --sublayer)"),
    ("sessions", int, 1, "pseudowires over the one control connection"),
    ("loss", float, 0.0, "probability that the WAN loses a packet, each way"),
    ("hello", float, 60.0, "HELLO interval in seconds"),
    ("failAt", float, -1.0, "time the WAN goes down (seconds; negative: never)"),
    ("recoverAt", float, -1.0, "time the WAN comes back (seconds; negative: never)"),
    ("pcap", bool, False, "write l2tp-control-example-<node>-<device>.pcap"),
    ("retries", int, 3, "MaxRetries: retransmissions before the peer is declared dead"),
    ("time", float, 0.0, "simulated seconds (0: 10, or recoverAt + 20, or failAt + 40)"),
    ("quiet", bool, False, "no timeline, only the summary"),
    ("secret", str, "", "shared secret of NetBSD_A: Message Digests and Nonces (RFC 3931 §4.3); "
     "empty: no authentication"),
    ("peerSecret", str, "=secret", "NetBSD_B's secret (default: the same as --secret)"),
    ("digest", str, "md5", "md5 or sha1: the Message Digest the LCCEs send"),
    ("hide", bool, False, "hide the AVPs that may be hidden (§5.3; needs --secret)"),
]


def parse_options(argv):
    parser = argparse.ArgumentParser(
        prog="l2tp-control-example.py",
        description="The two sites with the L2TPv3 control plane (Python twin).")
    for option, kind, default, text in OPTIONS:
        if kind is bool:
            parser.add_argument(f"--{option}", type=parse_bool, nargs="?", const=True,
                                default=default, help=f"{text} [{str(default).lower()}]")
        else:
            parser.add_argument(f"--{option}", type=kind, default=default,
                                help=f"{text} [{default}]")
    return parser.parse_args(argv)


def cpp_to_string(x):
    """std::to_string of a double."""
    return f"{x:f}"


class Stream:
    """Numbers as std::cout writes them: %g until the timeline sets std::fixed with
    precision 6, %.6f from then on."""

    fixed = False

    @classmethod
    def num(cls, x):
        return f"{x:.6f}" if cls.fixed else f"{x:g}"


def check(o):
    """The C++ example's checks, in its order; the message or None."""
    try:
        l2tp.parse_encapsulation(o.encap, "encap")  # the C++ example's table and message
    except ValueError as e:
        return str(e)
    if o.cookieLen not in (0, 4, 8):
        return f"cookieLen={o.cookieLen}: must be 0, 4 or 8"
    if o.sessions < 1 or o.sessions > 10000:
        return f"sessions={o.sessions}: must be 1 to 10000"
    if o.loss < 0 or o.loss >= 1:
        return f"loss={cpp_to_string(o.loss)}: must be at least 0 and below 1"
    if o.hello <= 0:
        return f"hello={cpp_to_string(o.hello)}: must be positive"
    if o.time < 0:
        return f"time={cpp_to_string(o.time)}: must be positive"
    if o.time == 0:
        o.time = o.recoverAt + 20 if o.recoverAt >= 0 else (
            o.failAt + 40 if o.failAt >= 0 else 10)
    if o.recoverAt >= 0 and (o.failAt < 0 or o.recoverAt <= o.failAt):
        return "recoverAt needs a failAt before it"
    if o.digest not in ("md5", "sha1"):
        return f"digest={o.digest}: must be md5 or sha1"
    if o.peerSecret == "=secret":
        o.peerSecret = o.secret
    if o.hide and (not o.secret or not o.peerSecret):
        return "hide needs --secret (and a non-empty --peerSecret): RFC 3931 §5.3"
    o.sublayer = o.sublayer or o.seq
    return None


def main(argv):
    o = parse_options(argv)
    error = check(o)
    if error:
        print(error, file=sys.stderr)
        return 1

    nodes = l2tp.NodeContainer(4)
    router_a, router_b, host_x, host_y = (nodes.Get(i) for i in range(4))
    for name, node in (("NetBSD_A", router_a), ("NetBSD_B", router_b),
                       ("Host_X", host_x), ("Host_Y", host_y)):
        l2tp.Names.Add(name, node)

    # The WAN, lossy both ways when asked: each wm0 drops what it receives at rate --loss.
    wan = l2tp.CsmaHelper()
    wan.SetChannelAttribute("DataRate", "100Mbps")
    wan.SetChannelAttribute("Delay", "5ms")
    wan_devices = wan.Install(l2tp.NodeContainer([router_a, router_b]))
    l2tp.Names.Add("NetBSD_A/wm0", wan_devices.Get(0))
    l2tp.Names.Add("NetBSD_B/wm0", wan_devices.Get(1))
    errors = []
    for i in range(2):
        em = l2tp.RateErrorModel()
        em.SetUnit(l2tp.RateErrorModel.ERROR_UNIT_PACKET)
        em.SetRate(o.loss)
        em.AssignStreams(100 + i)
        wan_devices.Get(i).SetAttribute("ReceiveErrorModel", em)
        errors.append(em)

    lan = l2tp.CsmaHelper()
    lan.SetChannelAttribute("DataRate", "100Mbps")
    lan.SetChannelAttribute("Delay", "1us")
    lan_a = lan.Install(l2tp.NodeContainer([host_x, router_a]))
    lan_b = lan.Install(l2tp.NodeContainer([host_y, router_b]))
    l2tp.Names.Add("Host_X/wm0", lan_a.Get(0))
    l2tp.Names.Add("Host_Y/wm0", lan_b.Get(0))
    l2tp.Names.Add("NetBSD_A/wm1", lan_a.Get(1))
    l2tp.Names.Add("NetBSD_B/wm1", lan_b.Get(1))

    stack = l2tp.InternetStackHelper()
    stack.Install(nodes)
    stack.AssignStreams(nodes, 1)
    for node in nodes:
        node.GetObject("ns3::Icmpv6L4Protocol").SetAttribute("DAD", False)

    if o.ipv6:
        wan6 = l2tp.Ipv6AddressHelper("2001:db8::", 64).Assign(wan_devices)
        address_a = wan6.GetAddress(0, 1)
        address_b = wan6.GetAddress(1, 1)
    else:
        wan4 = l2tp.Ipv4AddressHelper("192.168.0.0", "255.255.255.0").Assign(wan_devices)
        address_a = wan4.GetAddress(0)
        address_b = wan4.GetAddress(1)

    # bridge0 on each router, with wm1 only: the LCCE adds l2tp0 when the session is up.
    bridge = l2tp.BridgeHelper()
    bridge_a = bridge.Install(router_a, l2tp.NetDeviceContainer([lan_a.Get(1)])).Get(0)
    bridge_b = bridge.Install(router_b, l2tp.NetDeviceContainer([lan_b.Get(1)])).Get(0)

    # The LCCEs: NetBSD_A initiates, NetBSD_B offers the pseudowires by Remote End ID.
    lcce = l2tp.L2tpv3LcceHelper()
    lcce.SetAttribute("Encapsulation", o.encap)
    lcce.SetAttribute("CookieLength", o.cookieLen)
    lcce.SetAttribute("L2SpecificSublayer", l2tp.sublayer_name(
        l2tp.L2tpv3Sublayer.DEFAULT if o.sublayer else l2tp.L2tpv3Sublayer.NONE))
    lcce.SetAttribute("DataSequencing", o.seq)
    lcce.SetAttribute("HelloInterval", f"{o.hello!r}s")
    # A short retransmission cycle (1 + 2 + 4 + 4 s with the defaults) so that a WAN
    # failure is found within the run: HELLO interval + cycle (RFC 3931 §4.2, §4.4).
    lcce.SetAttribute("MaxRetries", o.retries)
    lcce.SetAttribute("RetransmitCap", "4s")
    lcce.SetAttribute("DigestAlgorithm", "SHA-1" if o.digest == "sha1" else "MD5")
    lcce.SetAttribute("HideAvps", o.hide)
    lcce.SetAttribute("HostName", "NetBSD_A")
    lcce.SetAttribute("Secret", o.secret)
    lcce_a = lcce.Install(router_a)
    lcce.SetAttribute("HostName", "NetBSD_B")
    lcce.SetAttribute("Secret", o.peerSecret)
    lcce_b = lcce.Install(router_b)
    lcce_a.AssignStreams(10)
    lcce_b.AssignStreams(20)
    peer = lcce_a.AddPeer(address_a, address_b)
    for k in range(1, o.sessions + 1):
        pw = f"pw{k}"
        lcce_a.AddPseudowire(peer, pw, bridge_a if k == 1 else None)
        lcce_b.OfferPseudowire(pw, bridge_b if k == 1 else None)

    l2tp.Names.Add("NetBSD_A/l2tp0", lcce_a.GetDevice("pw1"))
    l2tp.Names.Add("NetBSD_B/l2tp0", lcce_b.GetDevice("pw1"))

    # The timeline and the summary's figures.
    def printer(node, direction):
        def print_message(_connection, m):
            Stream.fixed = True
            now = l2tp.Simulator.Now().GetSeconds()
            print(f"{now:11.6f}  {node:<8} {direction} {m.GetMessageType().label:<7}"
                  f" ns={m.GetNs()} nr={m.GetNr()}")
        return print_message

    if not o.quiet:
        lcce_a.TraceConnectWithoutContext("ControlTx", printer("NetBSD_A", "->"))
        lcce_b.TraceConnectWithoutContext("ControlTx", printer("NetBSD_B", "->"))
    up_at = {}
    figures = {"connected_at": -1.0, "failure_detected_at": -1.0, "recovered": 0}

    def session_up(parameters, _device):
        if parameters.remoteEndId in up_at:
            figures["recovered"] += 1
        else:
            up_at[parameters.remoteEndId] = l2tp.Simulator.Now().GetSeconds()

    def connection_state(_connection, _from, to):
        if to == l2tp.L2tpv3ConnectionState.ESTABLISHED and figures["connected_at"] < 0:
            figures["connected_at"] = l2tp.Simulator.Now().GetSeconds()

    def session_down(_parameters, reason):
        if (reason == l2tp.L2tpv3SessionDownReason.PEER_TIMEOUT
                and figures["failure_detected_at"] < 0):
            figures["failure_detected_at"] = l2tp.Simulator.Now().GetSeconds()

    lcce_a.TraceConnectWithoutContext("SessionUp", session_up)
    lcce_a.TraceConnectWithoutContext("ConnectionState", connection_state)
    lcce_a.TraceConnectWithoutContext("SessionDown", session_down)

    # The WAN fails and comes back.
    def set_rate(rate):
        for em in errors:
            em.SetRate(rate)

    if o.failAt >= 0:
        l2tp.Simulator.Schedule(l2tp.Seconds(o.failAt), lambda: set_rate(1.0))
    if o.recoverAt >= 0:
        l2tp.Simulator.Schedule(l2tp.Seconds(o.recoverAt), lambda: set_rate(o.loss))

    # Host_X and Host_Y: one subnet across the pseudowire; UDP echoes once a second.
    inner = l2tp.Ipv4AddressHelper("10.0.0.0", "255.255.255.0")
    hosts = inner.Assign(l2tp.NetDeviceContainer([lan_a.Get(0), lan_b.Get(0)]))
    echoes = int(o.time) - 2 if int(o.time) > 2 else 1
    answered = {}
    server = l2tp.UdpEchoServerHelper(7)
    server.Install(host_x).Start(l2tp.Seconds(0))
    server.Install(host_y).Start(l2tp.Seconds(0))
    pairs = [("Host_X", "Host_Y"), ("Host_Y", "Host_X")]
    for i in range(2):
        client = l2tp.UdpEchoClientHelper(hosts.GetAddress(1 - i), 7)
        client.SetAttribute("MaxPackets", echoes)
        client.SetAttribute("Interval", "1s")
        client.SetAttribute("PacketSize", 56)
        app = client.Install(host_x if i == 0 else host_y)
        app.Start(l2tp.Seconds(1.5))
        key = f"{pairs[i][0]} -> {pairs[i][1]}"
        answered[key] = 0

        def count(_packet, key=key):
            answered[key] += 1
        app.Get(0).TraceConnectWithoutContext("Rx", count)

    if o.pcap:
        wan.EnablePcap("l2tp-control-example", wan_devices, True)
        lan.EnablePcap("l2tp-control-example", lan_a, True)
        lan.EnablePcap("l2tp-control-example", lan_b, True)
        pw_helper = l2tp.L2tpv3Helper()
        pw_helper.EnablePcap("l2tp-control-example", lcce_a.GetDevice("pw1"), True)
        pw_helper.EnablePcap("l2tp-control-example", lcce_b.GetDevice("pw1"), True)

    num = Stream.num
    print(f"l2tp control plane: NetBSD_A {address_a} <-> NetBSD_B {address_b}, "
          f"encap {o.encap}, cookie {o.cookieLen} bytes, "
          f"sublayer {'default' if o.sublayer else 'none'}{', sequencing' if o.seq else ''}, "
          f"{o.sessions} session(s), WAN loss {num(o.loss)}")
    if o.secret or o.peerSecret:
        print(f"authentication: HMAC-{'SHA-1' if o.digest == 'sha1' else 'MD5'}"
              f"{', hidden AVPs' if o.hide else ''}, "
              f"{'same secret' if o.secret == o.peerSecret else 'different secrets'}")
    if not o.quiet:
        print("       time  node     dir type    ns/nr")
    l2tp.Simulator.Stop(l2tp.Seconds(o.time))
    l2tp.Simulator.Run()

    a = lcce_a.GetCounters()
    b = lcce_b.GetCounters()
    print(f"sessions up: {lcce_a.GetNSessionsUp()}/{o.sessions}")
    if figures["connected_at"] >= 0:
        print(f"  control connection established at {num(figures['connected_at'])} s")
    for pw in sorted(up_at)[:8]:
        print(f"  session {pw} up at {num(up_at[pw])} s")
    print(f"  retransmissions: NetBSD_A {a.retransmissions}, NetBSD_B {b.retransmissions}")
    for name, c in (("NetBSD_A", a), ("NetBSD_B", b)):
        for code, n in sorted(c.stopCcnSent.items()):
            print(f"  {name} sent StopCCN result {code} (x{n})"
                  f"{': requester not authorized' if code == 4 else ''}")
        for code, n in sorted(c.stopCcnReceived.items()):
            print(f"  {name} received StopCCN result {code} (x{n})")
        if c.rxDigestInvalid or c.rxDigestMissing or c.rxNonceMissing:
            print(f"  {name} dropped: digest invalid {c.rxDigestInvalid}, digest missing "
                  f"{c.rxDigestMissing}, nonce missing {c.rxNonceMissing}")
    if o.failAt >= 0:
        detected = figures["failure_detected_at"]
        if detected >= 0:
            print(f"  WAN down at {num(o.failAt)} s; peer death detected at {num(detected)} s"
                  f" ({num(detected - o.failAt)} s later)")
        else:
            print(f"  WAN down at {num(o.failAt)} s; peer death not detected by {num(o.time)} s")
        if o.recoverAt >= 0:
            print(f"  WAN back at {num(o.recoverAt)} s; sessions re-established: "
                  f"{figures['recovered']}")
    for source, destination in pairs:
        key = f"{source} -> {destination}"
        print(f"  ping {key}: {answered[key]}/{echoes} answered")
    l2tp.Simulator.Destroy()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
