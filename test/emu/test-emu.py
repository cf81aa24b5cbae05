#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Live-peer tests: the simulated LCCE against QEMU's user-space L2TPv3, and real
hosts across the simulated pseudowire (utils/emu-peer runs each case in network
namespaces it creates and deletes).

    test-emu.py --suite=l2tp-emu-qemu-ipv4|l2tp-emu-qemu-ipv6|l2tp-emu-qemu-mismatch|l2tp-emu-hosts

Exit status: 0 passed, 1 failed, 77 skipped (not root, no network namespaces,
no QEMU...: CTest's SKIP_RETURN_CODE), with the reason printed.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EMU_PEER = os.path.join(TOP, "utils", "emu-peer")
SKIP = 77
PINGS = 5


class Failure(Exception):
    pass


def check(condition, what):
    if not condition:
        raise Failure(what)


RUNS = [0]


def emu_peer(mode, options, build):
    """Run utils/emu-peer; return (exit status, output). Afterwards none of its namespaces
    is left."""
    RUNS[0] += 1
    prefix = "l2e-t%d-%d" % (os.getpid(), RUNS[0])
    cmd = [EMU_PEER, mode, "--build=" + build, "--prefix=" + prefix] + options
    print("$ " + " ".join(cmd), flush=True)
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          timeout=120)
    print(done.stdout, flush=True)
    if done.returncode == SKIP:
        sys.exit(SKIP)
    left = subprocess.run(["ip", "netns", "list"], stdout=subprocess.PIPE, text=True).stdout
    check(prefix + "-" not in left, "namespaces left behind: " + left)
    return done.returncode, done.stdout


def counters(output, label):
    """The key=value counters printed after LABEL (e.g. 'l2tp0 counters:')."""
    m = re.search(re.escape(label) + r" (.*)", output)
    check(m is not None, "no '%s' line" % label)
    return {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", m.group(1))}


def number(pattern, output, what):
    m = re.search(pattern, output)
    check(m is not None, "no %s in the output" % what)
    return [int(g) for g in m.groups()]


def cookie_hex(length, value):
    return "%0*x" % (2 * length, value) if length else ""


def l2tp_packets(capture, cookie_len, sublayer, udp_ports):
    """tshark's L2TPv3 data packets in CAPTURE: (source, session id, cookie, sequence, ports)."""
    cmd = ["tshark", "-r", capture, "-o", "l2tp.cookie_size:cookie%d" % cookie_len,
           "-o", "l2tp.l2_specific:" + sublayer]
    for port in sorted(set(udp_ports)):
        cmd += ["-d", "udp.port==%d,l2tp" % port]
    # Not an L2TPv3 packet quoted in an ICMP error (none expected; a packet if one came).
    cmd += ["-Y", "l2tp && !(icmp.type == 3 || icmp.type == 11 || icmpv6.type < 128)",
            "-T", "fields", "-E", "separator=|",
            "-e", "ip.src", "-e", "ipv6.src", "-e", "l2tp.sid", "-e", "l2tp.cookie",
            "-e", "udp.srcport", "-e", "udp.dstport", "-e", "eth.type",
            "-e", "l2tp.l2_spec_s", "-e", "l2tp.l2_spec_sequence"]
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    check(done.returncode == 0, "tshark failed: " + done.stderr)
    packets = []
    for line in done.stdout.splitlines():
        f = line.split("|")
        packets.append({"src": f[0] or f[1], "sid": int(f[2], 16),
                        "cookie": f[3].replace(":", "").lower(), "sport": f[4], "dport": f[5],
                        "inner": f[6], "s": f[7], "seq": f[8]})
    return packets


class Case:
    def __init__(self, encap="ip", ipv6=False, cookie_len=0, local_session=1234,
                 remote_session=4321, local_cookie=12345, remote_cookie=54321,
                 ports=(1701, 1701), sublayer="none", fault=None):
        self.__dict__.update(locals())
        del self.__dict__["self"]

    def name(self):
        s = "%s over %s, cookie %d, sessions %d/%d" % (
            self.encap, "IPv6" if self.ipv6 else "IPv4", self.cookie_len, self.local_session,
            self.remote_session)
        if self.encap == "udp":
            s += ", ports %d/%d" % self.ports
        if self.sublayer != "none":
            s += ", sublayer " + self.sublayer
        if self.fault:
            s += ", fault " + self.fault[0]
        return s

    def options(self, capture):
        o = ["--encap=" + self.encap, "--cookie-len=%d" % self.cookie_len,
             "--local-session=%d" % self.local_session,
             "--remote-session=%d" % self.remote_session,
             "--local-cookie=%d" % self.local_cookie, "--remote-cookie=%d" % self.remote_cookie,
             "--ports=%d:%d" % self.ports, "--sublayer=" + self.sublayer,
             "--pings=%d" % PINGS, "--interval=0.2", "--time=3", "--capture=" + capture]
        if self.ipv6:
            o.append("--ipv6")
        if self.fault:
            o.append(self.fault[1])
        return o


def run_qemu_case(case, build, tmp):
    capture = os.path.join(tmp, "qemu.pcap")
    rc, out = emu_peer("run", case.options(capture), build)
    check(rc == 0, "emu-peer run exited %d" % rc)
    answered, sent = number(r"ping Host_X -> Host_Y \([^)]*\): (\d+)/(\d+) answered", out,
                            "Host_X's ping line")
    reached, replied = number(r"ping Host_Y -> Host_X: (\d+) echo requests reached Host_X, "
                              r"(\d+) answered", out, "Host_Y's requests line")
    linux_sent, linux_received = number(r"ping Host_Y -> Host_X \(Linux ping\): (\d+) "
                                        r"transmitted, (\d+) received", out, "Linux ping line")
    tap_rx, tap_tx = number(r"Host_Y eth0 \(QEMU's tap\): rx_packets=(\d+) tx_packets=(\d+)",
                            out, "tap counters")
    pw = counters(out, "l2tp0 counters:")
    node = counters(out, "node counters:")
    ours_addr = "2001:db8::1" if case.ipv6 else "192.168.0.1"
    peer_addr = "2001:db8::2" if case.ipv6 else "192.168.0.2"
    packets = l2tp_packets(capture, case.cookie_len, case.sublayer,
                           case.ports if case.encap == "udp" else ())
    ours = [p for p in packets if p["src"] == ours_addr]
    theirs = [p for p in packets if p["src"] == peer_addr]
    check(sent == PINGS and linux_sent == PINGS, "both sides sent %d echo requests" % PINGS)

    # On the wire: our packets carry the remote Session ID and cookie, QEMU's ours.
    check(len(ours) == pw["tx_packets"],
          "tshark saw %d L2TPv3 packets from us, l2tp0 counted %d encapsulated"
          % (len(ours), pw["tx_packets"]))
    check(len(ours) > 0, "we sent L2TPv3 packets")
    for p in ours:
        check(p["sid"] == case.remote_session, "our packet's Session ID %d, configured %d"
              % (p["sid"], case.remote_session))
        check(p["cookie"] == cookie_hex(case.cookie_len, case.remote_cookie),
              "our packet's cookie '%s', configured %d bytes %d"
              % (p["cookie"], case.cookie_len, case.remote_cookie))
        if case.encap == "udp":
            check((int(p["sport"]), int(p["dport"])) == case.ports, "our UDP ports")
    check(len(theirs) == tap_tx,
          "tshark saw %d packets from QEMU, its tap handed it %d frames" % (len(theirs), tap_tx))
    check(len(theirs) > 0, "QEMU sent L2TPv3 packets")
    peer_sid = case.local_session
    peer_cookie = cookie_hex(case.cookie_len, case.local_cookie)
    if case.fault and case.fault[0] == "wrong-session":
        peer_sid = 999
    if case.fault and case.fault[0] == "wrong-cookie":
        peer_cookie = cookie_hex(case.cookie_len, 99999)
    if case.sublayer == "default":
        # QEMU's counter=on: a counter from 1 in the sequence field, S clear; ours: S clear.
        check([p["seq"] for p in theirs] == [str(i) for i in range(1, len(theirs) + 1)],
              "QEMU's counter word: %s" % [p["seq"] for p in theirs])
        check(all(p["s"] in ("0", "False") for p in ours + theirs), "S bits clear")
    for p in theirs:
        check(p["sid"] == peer_sid, "QEMU's Session ID %d, expected %d" % (p["sid"], peer_sid))
        check(p["cookie"] == peer_cookie,
              "QEMU's cookie '%s', expected '%s'" % (p["cookie"], peer_cookie))
        if case.encap == "udp":
            check((int(p["sport"]), int(p["dport"])) == case.ports[::-1], "QEMU's UDP ports")

    fault = case.fault[0] if case.fault else None
    if fault is None:
        check(answered == PINGS, "Host_X's pings answered: %d of %d" % (answered, PINGS))
        check(reached == PINGS and replied == PINGS,
              "Host_Y's requests at Host_X: %d reached, %d answered" % (reached, replied))
        check(linux_received == PINGS, "Host_Y's ping: %d of %d received"
              % (linux_received, PINGS))
        # What crossed, counted three ways: l2tp0, tshark on the veth, the kernel's tap.
        check(pw["tx_packets"] == tap_rx, "l2tp0 encapsulated %d, QEMU wrote %d to its tap"
              % (pw["tx_packets"], tap_rx))
        check(pw["rx_packets"] == len(theirs), "l2tp0 decapsulated %d of QEMU's %d packets"
              % (pw["rx_packets"], len(theirs)))
        check(pw["rx_errors"] == 0 and node["rx_errors"] == 0, "no receive errors")
        return
    # A fault: no ping gets through either way, and the side that drops counts every packet.
    check(answered == 0 and linux_received == 0 and replied == 0,
          "no ping answered (Host_X %d, Host_Y %d)" % (answered, linux_received))
    if fault == "wrong-cookie":
        check(pw.get("drop_cookie_mismatch", 0) == len(theirs)
              and pw["rx_cookie_discards"] == len(theirs),
              "l2tp0 counted %d cookie mismatches for QEMU's %d packets"
              % (pw.get("drop_cookie_mismatch", 0), len(theirs)))
        check(pw["rx_packets"] == 0, "nothing decapsulated")
    elif fault == "wrong-session":
        check(node.get("drop_unknown_session", 0) == len(theirs),
              "the node counted %d unknown-session drops for QEMU's %d packets"
              % (node.get("drop_unknown_session", 0), len(theirs)))
        check(pw["rx_packets"] == 0, "nothing decapsulated")
    elif fault == "peer-rx-cookie":
        # QEMU drops ours (it has no counter): nothing reaches Host_Y's tap.
        check(tap_rx == 0, "QEMU wrote %d frames to its tap" % tap_rx)
        check(pw["tx_packets"] > 0, "we kept sending")


def qemu_cases(suite):
    if suite == "l2tp-emu-qemu-mismatch":
        return [
            Case("ip", False, 4, fault=("wrong-cookie", "--peer-tx-cookie=99999")),
            Case("udp", True, 8, fault=("wrong-session", "--peer-tx-session=999")),
            Case("ip", True, 8, fault=("peer-rx-cookie", "--peer-rx-cookie=77777")),
        ]
    ipv6 = suite == "l2tp-emu-qemu-ipv6"
    cases = []
    for encap in ("ip", "udp"):
        for cookie in (0, 4, 8):
            cases.append(Case(encap, ipv6, cookie))
    # The options carry over: other Session IDs, cookie values, ports, QEMU's counter word.
    cases[2].local_session, cases[2].remote_session = 70000, 0x7fffffff
    cases[2].local_cookie, cases[2].remote_cookie = 0x0102030405060708, 0xfffffffffffffffe
    cases[4].ports = (1701, 17010)
    cases[4].sublayer = "default"
    return cases


def run_hosts(build, tmp, example_args):
    capture = os.path.join(tmp, "hosty.pcap")
    rc, out = emu_peer("hosts", ["--time=8", "--pings=%d" % PINGS, "--interval=0.2",
                                 "--bytes=1M", "--capture=" + capture, "--"] + example_args,
                       build)
    check(rc == 0, "emu-peer hosts exited %d" % rc)
    for who in ("Host_X -> Host_Y", "Host_Y -> Host_X"):
        s, r = number(re.escape("ping " + who) + r" \(Linux ping\): (\d+) transmitted, (\d+) "
                      r"received", out, who + " ping line")
        check(s == PINGS and r == PINGS, "%s: %d of %d received" % (who, r, s))
    check(re.search(r"iperf3 Host_X -> Host_Y: .* sec 1.00 MBytes .* sender", out) is not None
          and re.search(r"iperf3 Host_X -> Host_Y: .* receiver", out) is not None,
          "iperf3 sent its 1 MiB over TCP and the receiver reported")
    a = counters(out, "NetBSD_A l2tp0 counters:")
    b = counters(out, "NetBSD_B l2tp0 counters:")
    x_from, x_to = number(r"NetBSD_A wm1 \([^)]*\): (\d+) frames from Host_X, (\d+) to", out,
                          "NetBSD_A wm1 line")
    y_from, y_to = number(r"NetBSD_B wm1 \([^)]*\): (\d+) frames from Host_Y, (\d+) to", out,
                          "NetBSD_B wm1 line")
    x_rx, x_tx = number(r"Host_X eth0: rx_packets=(\d+) tx_packets=(\d+)", out,
                        "Host_X counters")
    y_rx, y_tx = number(r"Host_Y eth0: rx_packets=(\d+) tx_packets=(\d+)", out,
                        "Host_Y counters")
    check(x_tx > 500, "Host_X sent the transfer (%d frames)" % x_tx)
    # Every frame Host_X's kernel sent went through both l2tp0 to Host_Y, and back.
    check(x_tx == x_from == a["tx_packets"] == b["rx_packets"] == y_to,
          "Host_X's frames: eth0 %d, wm1 %d, A l2tp0 encapsulated %d, B decapsulated %d, "
          "to Host_Y %d" % (x_tx, x_from, a["tx_packets"], b["rx_packets"], y_to))
    check(y_tx == y_from == b["tx_packets"] == a["rx_packets"] == x_to,
          "Host_Y's frames: eth0 %d, wm1 %d, B l2tp0 encapsulated %d, A decapsulated %d, "
          "to Host_X %d" % (y_tx, y_from, b["tx_packets"], a["rx_packets"], x_to))
    # ... and each host's kernel received exactly what its router's wm1 wrote to the tap.
    check(x_rx == x_to and y_rx == y_to, "hosts received %d and %d frames, wm1 wrote %d and %d"
          % (x_rx, y_rx, x_to, y_to))
    check(a["rx_errors"] == 0 and b["rx_errors"] == 0, "no receive errors")
    # Host_Y's own capture: exactly the frames B's l2tp0 decapsulated arrived from Host_X.
    done = subprocess.run(["tshark", "-r", capture, "-T", "fields", "-E", "separator=|",
                           "-e", "ip.src", "-e", "arp.src.proto_ipv4"],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    from_x = sum(1 for line in done.stdout.splitlines() if "10.0.0.1" in line.split("|"))
    check(from_x == b["rx_packets"], "Host_Y's capture has %d frames from Host_X, B's l2tp0 "
          "decapsulated %d" % (from_x, b["rx_packets"]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--suite", required=True)
    parser.add_argument("--build", default=os.environ.get("L2TP_BUILD_DIR",
                                                         os.path.join(TOP, "build")))
    args = parser.parse_args()
    failures = 0
    ran = 0
    with tempfile.TemporaryDirectory(prefix="l2tp-emu-test-") as tmp:
        if args.suite == "l2tp-emu-hosts":
            jobs = [("real hosts, %s: ping both ways, iperf3 TCP, counters" % " ".join(a),
                     (lambda a: lambda: run_hosts(args.build, tmp, a))(a))
                    # IPv4 WAN: over an IPv6 WAN ns-3's neighbour cache loses frames while
                    # it probes (README, frame accounting), so the counts could not agree.
                    for a in (["--encap=ip"],
                              ["--encap=udp", "--cookieLen=8", "--sublayer=default",
                               "--seq"])]
        elif args.suite.startswith("l2tp-emu-qemu"):
            jobs = [(c.name(), (lambda c: lambda: run_qemu_case(c, args.build, tmp))(c))
                    for c in qemu_cases(args.suite)]
        else:
            print("unknown suite " + args.suite)
            return 1
        for name, job in jobs:
            ran += 1
            try:
                job()
                print("PASS: " + name, flush=True)
            except Failure as e:
                failures += 1
                print("FAIL: %s: %s" % (name, e), flush=True)
    print("%d passed, %d failed" % (ran - failures, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
