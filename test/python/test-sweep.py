#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""A small sweep writes its CSV and figures, and its numbers obey physics."""

import csv
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from l2tp_test_support import EXAMPLES_DIR, PYTHON, environment  # noqa: E402

SWEEP = os.path.join(EXAMPLES_DIR, "l2tp-sweep.py")
GRID = ["--wanMtu=1400,1500,1540,1544,1548,1560,1564,1568,1600", "--cookieLen=0,4,8",
        "--family=ipv4,ipv6", "--encap=ip,udp", "--time=10"]
FIGURES = ["goodput-vs-mtu", "fragments-vs-mtu", "overhead-vs-frame-size"]


def rfc_header_bytes(family, encap, cookie_len):
    """Outer IP header (RFC 791/8200), UDP + T/Ver word (RFC 3931 §4.1.2.1), Session ID, cookie."""
    return (40 if family == "ipv6" else 20) + (12 if encap == "udp" else 0) + 4 + cookie_len


class SweepTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.directory = tempfile.TemporaryDirectory(prefix="l2tp-sweep-test-")
        cls.output = cls.directory.name
        cls.process = subprocess.run([PYTHON, SWEEP, *GRID, "--jobs=2", "--no-progress",
                                  f"--output={cls.output}"],
                                 capture_output=True, text=True, env=environment(), timeout=240)
        path = os.path.join(cls.output, "sweep.csv")
        cls.rows = list(csv.DictReader(open(path))) if os.path.exists(path) else []

    @classmethod
    def tearDownClass(cls):
        cls.directory.cleanup()

    def test_csv_and_figures(self):
        self.assertEqual(self.process.returncode, 0, self.process.stderr)
        self.assertEqual(len(self.rows), 9 * 3 * 2 * 2)
        for stem in FIGURES:
            png = os.path.join(self.output, stem + ".png")
            svg = os.path.join(self.output, stem + ".svg")
            with open(png, "rb") as f:
                self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n", png)
            with open(svg) as f:
                self.assertIn("<svg", f.read(), svg)

    def test_every_run_healthy(self):
        for row in self.rows:
            self.assertEqual(row["drops"], "0", row)
            self.assertGreater(int(row["pingsAnswered"]), 0, row)
            self.assertGreater(float(row["goodputMbps"]), 0, row)

    def test_goodput_does_not_rise_with_cookie_length(self):
        # Goodput counts bytes received by the end; up to one receive window is still in
        # flight then, so two runs can be that far apart whatever their headers.
        row = self.rows[0]
        self.tolerance = int(row["rcvBuf"]) * 8 / (float(row["time"]) - 2) / 1e6
        goodput = {}
        for row in self.rows:
            key = (row["family"], row["encap"], row["wanMtu"], row["frameSize"])
            goodput.setdefault(key, {})[int(row["cookieLen"])] = float(row["goodputMbps"])
        for key, by_cookie in goodput.items():
            with self.subTest(point=key):
                lengths = sorted(by_cookie)
                for shorter, longer in zip(lengths, lengths[1:]):
                    self.assertLessEqual(by_cookie[longer], by_cookie[shorter] + self.tolerance,
                                         by_cookie)

    def test_fragments_exactly_when_encapsulated_size_exceeds_wan_mtu(self):
        for row in self.rows:
            with self.subTest(row=row):
                size = int(row["frameSize"]) + rfc_header_bytes(
                    row["family"], row["encap"], int(row["cookieLen"]))
                self.assertEqual(int(row["encapsulatedSize"]), size)
                fragmented = int(row["fragmentedA"])
                if size > int(row["wanMtu"]):
                    self.assertGreater(fragmented, 0)
                    # Each 1514-byte frame of the flow becomes two fragments over these MTUs.
                    self.assertEqual(int(row["fragmentsA"]), 2 * fragmented)
                else:
                    self.assertEqual(fragmented, 0)
                    self.assertEqual(int(row["wanFragments"]), 0)


if __name__ == "__main__":
    unittest.main()
