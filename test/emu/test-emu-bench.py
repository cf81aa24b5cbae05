#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Live suite l2tp-emu-bench: utils/emu-bench run small (3 LCCEs x 2 sessions, a few
seconds) against the second simulated LCCE (--role=peer) in its own real-time process.

Asserts: every session up on both sides, 3 distinct source addresses seen on the peer's
veth end (tshark), the teardown complete (every StopCCN acknowledged, no session left up),
no session failure and no namespace left behind.

Exit status: 0 passed, 1 failed, 77 skipped (not root, no network namespaces, no
tshark...: CTest's SKIP_RETURN_CODE), with the reason printed.
"""

import argparse
import os
import re
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EMU_BENCH = os.path.join(TOP, "utils", "emu-bench")
SKIP = 77
LCCES = 3
SESSIONS = 2


class Failure(Exception):
    pass


def check(condition, what):
    if not condition:
        raise Failure(what)


def number(pattern, output, what):
    m = re.search(pattern, output)
    check(m is not None, "no %s in the output" % what)
    return [int(g) for g in m.groups()]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--build", required=True, help="the build tree")
    args = parser.parse_args()
    prefix = "eb-t%d" % os.getpid()
    cmd = [EMU_BENCH, "run", "--build=" + args.build, "--prefix=" + prefix,
           "--lcces=%d" % LCCES, "--sessions=%d" % SESSIONS, "--hold=3", "--hello=1"]
    print("$ " + " ".join(cmd), flush=True)
    try:
        done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              timeout=180)
    except FileNotFoundError as e:
        print("skipped: %s" % e)
        return SKIP
    print(done.stdout, flush=True)
    if done.returncode == SKIP:
        return SKIP
    try:
        left = subprocess.run(["ip", "netns", "list"], stdout=subprocess.PIPE,
                              text=True).stdout
        check(prefix + "-" not in left, "namespaces left behind: " + left)
        out = done.stdout
        wanted = LCCES * SESSIONS
        up, total = number(r"sessions up: (\d+)/(\d+)", out, "'sessions up'")
        check(total == wanted and up == wanted,
              "sessions up %d/%d, expected %d/%d" % (up, total, wanted, wanted))
        (never,) = number(r"failures: (\d+) sessions never up", out, "'failures'")
        check(never == 0, "%d sessions never up" % never)
        check("CDN received none" in out, "the peer sent a CDN: " + out)
        (peer_max,) = number(r"peer: sessions up at most (\d+)", out, "the peer's summary")
        check(peer_max == wanted, "the peer had %d sessions up at most, expected %d"
              % (peer_max, wanted))
        (sources,) = number(r"distinct source addresses seen on eb-b \(tshark[^:]*: (\d+)", out,
                            "the tshark count")
        check(sources == LCCES, "%d distinct source addresses on the veth, expected %d"
              % (sources, LCCES))
        (sent,) = number(r"distinct IPv4 sources sent on eb-a: (\d+)", out,
                         "the bench's own count")
        check(sent == LCCES, "the bench sent from %d addresses, expected %d" % (sent, LCCES))
        check(re.search(r"teardown: %d StopCCN sent, %d/%d connections closed and acknowledged, "
                        r"0 StopCCN unacknowledged, 0 sessions still up: teardown complete"
                        % (LCCES, LCCES, LCCES), out) is not None, "teardown not complete")
        (received,) = number(r"peer: StopCCN received result1=(\d+)", out,
                             "the peer's StopCCN count")
        check(received == LCCES, "the peer received %d StopCCN, expected %d"
              % (received, LCCES))
        check(done.returncode == 0, "utils/emu-bench exited %d" % done.returncode)
    except Failure as e:
        print("FAIL l2tp-emu-bench: %s" % e)
        return 1
    print("PASS l2tp-emu-bench: %d sessions over %d LCCEs up, %d source addresses, "
          "teardown complete" % (wanted, LCCES, LCCES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
