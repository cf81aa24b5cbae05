#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Live two-process test: l2tp-emu-lcce-example (the simulated NetBSD_A with its LCCE, in
real time, its WAN port on a veth end) against a second simulated LCCE in its own real-time
process (utils/emu-peer lcce, network namespaces it creates and deletes).

    test-emu-lcce.py --suite=l2tp-emu-lcce-initiate|l2tp-emu-lcce-answer --build=DIR

initiate: we send SCCRQ and ICRQ, the peer answers; answer: the peer does, we answer.
Passes when both sides bring the session up, Host_X's pings are all answered, and on
SIGTERM our side sends one StopCCN that the peer acknowledges (our count, the peer's count,
and the capture on the veth: a ZLB from the peer whose Nr is the StopCCN's Ns + 1), then
exits 0.

Exit status: 0 passed, 1 failed, 77 skipped (not root, no network namespaces, ...: CTest's
SKIP_RETURN_CODE), with the reason printed.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EMU_PEER = os.path.join(TOP, "utils", "emu-peer")
SKIP = 77
PINGS = 5
OURS = {"ip": "192.168.0.1", "ipv6": "2001:db8::1"}


class Failure(Exception):
    pass


def check(condition, what):
    if not condition:
        raise Failure(what)


def one(pattern, text, what):
    """The groups of PATTERN's only match in TEXT (a failure names WHAT otherwise)."""
    found = re.findall(pattern, text, re.M)
    check(len(found) == 1, "%s: expected one line matching %r, found %d" %
          (what, pattern, len(found)))
    return found[0]


def control_messages(capture):
    """(source, message type or 'ZLB', Ns, Nr) of every L2TPv3 control message in CAPTURE."""
    out = subprocess.run(
        ["tshark", "-r", capture, "-Y", "l2tp && l2tp.type == 1", "-T", "fields",
         "-E", "separator=|", "-e", "ip.src", "-e", "l2tp.avp.message_type", "-e", "l2tp.Ns",
         "-e", "l2tp.Nr"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, check=True).stdout
    rows = []
    for line in out.splitlines():
        src, mtype, ns, nr = line.split("|")
        rows.append((src, mtype.split(",")[0] if mtype else "ZLB", int(ns), int(nr)))
    return rows


def run(suite, build):
    role = {"l2tp-emu-lcce-initiate": "initiate", "l2tp-emu-lcce-answer": "answer"}[suite]
    tmp = tempfile.mkdtemp(prefix="l2tp-emu-lcce-")
    capture = os.path.join(tmp, "wan-a.pcapng")
    prefix = "el-t%d" % os.getpid()
    cmd = [EMU_PEER, "lcce", "--build=" + build, "--prefix=" + prefix, "--role=" + role,
           "--pings=%d" % PINGS, "--interval=0.2", "--hello=2", "--hold=3"]
    if shutil.which("tshark"):
        cmd.append("--capture=" + capture)
    print("$ " + " ".join(cmd), flush=True)
    try:
        done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              timeout=150)
        print(done.stdout, flush=True)
        if done.returncode == SKIP:
            sys.exit(SKIP)
        left = subprocess.run(["ip", "netns", "list"], stdout=subprocess.PIPE, text=True).stdout
        check(prefix + "-" not in left, "namespaces left behind: " + left)
        out = done.stdout
        check(done.returncode == 0, "utils/emu-peer lcce exited with %d" % done.returncode)
        ours = "\n".join(l for l in out.splitlines() if not l.startswith("peer| "))
        peer = "\n".join(l[6:] for l in out.splitlines() if l.startswith("peer| "))
        check(peer, "no output from the simulated peer")
        check("our example exited with status 0 after SIGTERM" in out,
              "our example did not exit 0 after SIGTERM")
        check("the simulated peer exited with status 0" in out, "the peer did not exit 0")
        # Both sides: one connection, one session, up; the session's IDs cross-checked.
        for text, name in ((ours, "ours"), (peer, "peer")):
            one(r"^  connections established: 1$", text, name)
            one(r"^  sessions up: 1 \(1 up when closing\)$" if name == "ours"
                else r"^  sessions up: 1 \(0 up when closing\)$", text, name)
        a_local, a_remote = one(r"session up: Remote End ID '1234', local session (\d+), "
                                r"remote session (\d+)$", ours, "ours")
        b_local, b_remote = one(r"session up: Remote End ID '1234', local session (\d+), "
                                r"remote session (\d+)$", peer, "peer")
        check((a_local, a_remote) == (b_remote, b_local),
              "session IDs do not cross: ours %s/%s, peer's %s/%s" %
              (a_local, a_remote, b_local, b_remote))
        # Every ping answered.
        one(r"^  ping Host_X -> 10\.0\.0\.2: %d/%d answered \(%s\)" % (PINGS, PINGS, "!" * PINGS),
            ours, "ours")
        # SIGTERM: one StopCCN (Result Code 1, RFC 3931 §5.4.2: general request to clear),
        # acknowledged, and the peer saw it.
        one(r"^  closed by SIGTERM: StopCCN on 1, acknowledged 1, unacknowledged 0$", ours, "ours")
        one(r"^    stopccn_sent result 1 1$", ours, "ours")
        one(r"^    stopccn_received result 1 1$", peer, "peer")
        check("session down: Remote End ID '1234' (stopccn_received)" in peer or
              re.search(r"session down: Remote End ID '1234' \(", peer),
              "the peer's session did not go down")
        # HELLOs were exchanged during the 3 s hold (HELLO every 2 s, jitter 10 %).
        hello = one(r"^    HELLO tx (\d+) rx (\d+)$", ours, "ours")
        check(int(hello[0]) >= 1 and int(hello[1]) >= 1, "no HELLO exchanged: %s" % (hello,))
        if os.path.exists(capture):
            rows = control_messages(capture)
            stops = [r for r in rows if r[1] == "4"]
            # (a retransmission repeats the same Ns: one StopCCN still)
            check(len({(r[0], r[2]) for r in stops}) == 1 and stops[0][0] == OURS["ip"],
                  "capture: expected one StopCCN from us, got %s" % stops)
            ns = stops[0][2]
            acks = [r for r in rows[rows.index(stops[0]) + 1:]
                    if r[0] != OURS["ip"] and r[1] == "ZLB" and r[3] == (ns + 1) % 65536]
            check(acks, "capture: no ZLB from the peer with Nr %d after our StopCCN (Ns %d): %s"
                  % (ns + 1, ns, rows))
            print("capture: StopCCN Ns %d acknowledged by the peer's ZLB Nr %d" % (ns, ns + 1))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", required=True,
                        choices=["l2tp-emu-lcce-initiate", "l2tp-emu-lcce-answer"])
    parser.add_argument("--build", default=os.path.join(TOP, "build"))
    args = parser.parse_args()
    try:
        run(args.suite, os.path.abspath(args.build))
    except Failure as e:
        print("%s: FAIL: %s" % (args.suite, e))
        return 1
    except subprocess.TimeoutExpired:
        print("%s: FAIL: utils/emu-peer lcce did not finish in time" % args.suite)
        return 1
    print("%s: PASS" % args.suite)
    return 0


if __name__ == "__main__":
    sys.exit(main())
