#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""A small control-plane sweep: its CSVs and figures, and the physics of its numbers.

Failure detection (RFC 3931 §4.2, §4.4): after the WAN fails, NetBSD_A's next HELLO
goes out within one HelloInterval (the jitter only shortens it) and is retransmitted
until the full retransmission cycle has run out. With the failure at a uniformly
drawn phase of the HELLO timer, the detection time D therefore lies in

    cycle - (RTT + AckDelay) < D <= HelloInterval + cycle

(the lower end: a HELLO sent just before the failure, not yet acknowledged), and
D - cycle spreads over the whole HELLO interval. "D >= HelloInterval" is not a
property of the protocol: a failure just before a HELLO is found after one cycle.
"""

import csv
import os
import statistics
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from l2tp_test_support import EXAMPLES_DIR, PYTHON, environment  # noqa: E402

SWEEP = os.path.join(EXAMPLES_DIR, "l2tp-control-sweep.py")
LOSSES = [0.0, 0.3]
HELLOS = [4.0, 12.0]
RTT_MS = 10.0
TIMEOUT, CAP, RETRIES = 0.5, 2.0, 4
SEEDS, SESSIONS = 12, 3
ACK_DELAY = 0.1  # L2tpv3Lcce's AckDelay default
GRID = [f"--loss={','.join(map(str, LOSSES))}", f"--rtt={RTT_MS}",
        f"--hello={','.join(map(str, HELLOS))}", f"--retransmitTimeout={TIMEOUT}",
        f"--retransmitCap={CAP}", f"--maxRetries={RETRIES}", f"--seeds={SEEDS}",
        f"--sessions={SESSIONS}"]
COLUMNS = [
    "loss", "rttMs", "hello", "retransmitTimeout", "retransmitCap", "maxRetries", "seed",
    "sessions", "cycle", "detectionLower", "detectionUpper",
    "connectedAt", "sessionsUp", "setupMedian", "setupMax",
    "failAt", "sessionsUpAtFailure", "detectedAt", "detection", "earlyTimeouts",
    "retransmissionsA", "retransmissionsB", "timeoutsA",
]
SETUP_COLUMNS = ["loss", "rttMs", "hello", "retransmitTimeout", "retransmitCap", "maxRetries",
                 "seed", "session", "setup"]
FIGURES = ["setup-cdf", "detection-vs-hello"]


def cycle(timeout, cap, retries):
    """The first transmission's timeout and MaxRetries retransmissions' ones, each
    min(timeout * 2^i, cap) (L2tpv3ControlChannel::TimeoutAfter)."""
    return sum(min(timeout * 2 ** i, cap) for i in range(retries + 1))


def read(path):
    """(header, rows) of a CSV; ([], []) if the sweep did not write it."""
    if not os.path.exists(path):
        return [], []
    with open(path) as f:
        reader = csv.DictReader(f)
        return reader.fieldnames, list(reader)


class ControlSweepTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.directory = tempfile.TemporaryDirectory(prefix="l2tp-control-sweep-test-")
        cls.output = cls.directory.name
        cls.process = subprocess.run([PYTHON, SWEEP, *GRID, "--jobs=2", "--no-progress",
                                      f"--output={cls.output}"],
                                     capture_output=True, text=True, env=environment(),
                                     timeout=240)
        cls.header, cls.rows = read(os.path.join(cls.output, "control-sweep.csv"))
        cls.setup_header, cls.setups = read(os.path.join(cls.output, "setup-times.csv"))

    @classmethod
    def tearDownClass(cls):
        cls.directory.cleanup()

    def runs(self, loss, hello=None):
        return [r for r in self.rows if float(r["loss"]) == loss
                and (hello is None or float(r["hello"]) == hello)]

    def test_csvs_and_figures(self):
        self.assertEqual(self.process.returncode, 0, self.process.stderr)
        self.assertEqual(self.header, COLUMNS)
        self.assertEqual(self.setup_header, SETUP_COLUMNS)
        # One row per grid point and seed, in grid order (seed fastest).
        expected = [(loss, hello, seed) for loss in LOSSES for hello in HELLOS
                    for seed in range(1, SEEDS + 1)]
        got = [(float(r["loss"]), float(r["hello"]), int(r["seed"])) for r in self.rows]
        self.assertEqual(got, expected)
        self.assertEqual(len(self.setups), len(expected) * SESSIONS)
        for r in self.rows:
            self.assertEqual((float(r["rttMs"]), float(r["retransmitTimeout"]),
                              float(r["retransmitCap"]), int(r["maxRetries"]),
                              int(r["sessions"])), (RTT_MS, TIMEOUT, CAP, RETRIES, SESSIONS))
        for stem in FIGURES:
            with open(os.path.join(self.output, stem + ".png"), "rb") as f:
                self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n", stem)
            with open(os.path.join(self.output, stem + ".svg")) as f:
                self.assertIn("<svg", f.read(), stem)

    def test_cycle_as_the_channel_computes_it(self):
        # 0.5 + 1 + 2 + 2 + 2: the doubling stops at the cap.
        self.assertEqual(cycle(TIMEOUT, CAP, RETRIES), 7.5)
        for r in self.rows:
            self.assertAlmostEqual(float(r["cycle"]), cycle(TIMEOUT, CAP, RETRIES), places=6)
            self.assertAlmostEqual(float(r["detectionUpper"]),
                                   float(r["hello"]) + cycle(TIMEOUT, CAP, RETRIES), places=6)

    def test_detection_within_hello_plus_cycle(self):
        full = cycle(TIMEOUT, CAP, RETRIES)
        for hello in HELLOS:
            rows = self.runs(0.0, hello)
            self.assertEqual(len(rows), SEEDS)
            residuals = []
            for r in rows:
                with self.subTest(hello=hello, seed=r["seed"]):
                    self.assertEqual(int(r["sessionsUpAtFailure"]), SESSIONS)
                    self.assertEqual(int(r["earlyTimeouts"]), 0)
                    detection = float(r["detection"])
                    self.assertGreater(detection, full - RTT_MS / 1000 - ACK_DELAY)
                    self.assertLessEqual(detection, hello + full + 1e-6)
                    # Without loss, the only retransmissions are the lost HELLO's.
                    self.assertEqual(int(r["retransmissionsA"]), RETRIES)
                    self.assertEqual(int(r["timeoutsA"]), 1)
                    residuals.append(detection - full)
            # The failure's phase is uniform: the wait for the next HELLO covers the interval.
            self.assertLess(min(residuals), 0.35 * hello, residuals)
            self.assertGreater(max(residuals), 0.65 * hello, residuals)

    def test_detection_grows_with_hello_interval(self):
        short, long = (statistics.mean(float(r["detection"]) for r in self.runs(0.0, h))
                       for h in HELLOS)
        # Expected: cycle + about half an interval, so the means differ by about 4 s.
        self.assertGreater(long - short, 0.25 * (HELLOS[1] - HELLOS[0]))

    def test_detection_never_above_the_bound_under_loss(self):
        # Loss before the failure can only shorten the wait; a connection that loss had
        # already torn down (earlyTimeouts) with no session back has nothing to detect.
        for r in self.runs(0.3):
            if int(r["sessionsUpAtFailure"]) > 0:
                with self.subTest(seed=r["seed"], hello=r["hello"]):
                    self.assertNotEqual(r["detection"], "")
                    self.assertLessEqual(float(r["detection"]),
                                         float(r["detectionUpper"]) + 1e-6)

    def test_setup_without_loss_takes_two_round_trips(self):
        rtt = RTT_MS / 1000
        for r in self.setups:
            if float(r["loss"]) == 0.0:
                # SCCRQ/SCCRP, then ICRQ/ICRP: ICCN sent, the session is up; no timeout.
                self.assertGreaterEqual(float(r["setup"]), 2 * rtt, r)
                self.assertLess(float(r["setup"]), TIMEOUT, r)

    def test_setup_grows_with_loss(self):
        times = {}
        for loss in LOSSES:
            values = [float(r["setup"]) for r in self.setups
                      if float(r["loss"]) == loss and r["setup"] != ""]
            self.assertGreaterEqual(len(values), 0.9 * len(HELLOS) * SEEDS * SESSIONS)
            times[loss] = values
        # At 30 % each way, most sessions wait for at least one retransmission timeout.
        self.assertGreaterEqual(statistics.median(times[0.3]), TIMEOUT)
        self.assertGreater(statistics.median(times[0.3]), 10 * statistics.median(times[0.0]))
        self.assertGreater(statistics.mean(times[0.3]), 10 * statistics.mean(times[0.0]))

    def test_bad_values_refused_by_name(self):
        for option, text in (("--loss=0,1", "--loss=1"), ("--hello=0", "--hello=0"),
                             ("--seeds=0", "--seeds=0"), ("--rtt=abc", "--rtt")):
            with self.subTest(option=option):
                run = subprocess.run([PYTHON, SWEEP, option, "--no-progress",
                                      f"--output={self.output}/refused"],
                                     capture_output=True, text=True, env=environment(),
                                     timeout=60)
                self.assertEqual(run.returncode, 2, run.stderr)
                self.assertIn(text, run.stderr)
                self.assertNotIn("Traceback", run.stderr)
                self.assertFalse(os.path.exists(f"{self.output}/refused"))


if __name__ == "__main__":
    unittest.main()
