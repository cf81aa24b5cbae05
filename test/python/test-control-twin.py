#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""The control-plane example's Python twin prints what the C++ example prints:
the same timeline of control messages and the same summary."""

import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from l2tp_test_support import (BUILD_DIR, EXAMPLES_DIR, PYTHON,  # noqa: E402
                               check_twin_errors, check_twin_output, run)

CPP = os.path.join(BUILD_DIR, "examples", "l2tp-control-example")
TWIN = os.path.join(EXAMPLES_DIR, "l2tp-control-example.py")

OPTION_SETS = [
    [],  # the timeline of one session over IPv4
    ["--ipv6", "--encap=udp", "--cookieLen=8", "--seq", "--sessions=3", "--time=5"],
    ["--hello=5", "--failAt=3", "--recoverAt=20", "--loss=0.1"],  # death found, re-established
    ["--secret=s3cret", "--digest=sha1", "--hide", "--time=4"],  # authenticated, hidden AVPs
    ["--secret=a", "--peerSecret=b", "--quiet"],  # refused: StopCCN Result Code 4
]
BAD_OPTION_SETS = [["--cookieLen=5"], ["--encap=gre"], ["--recoverAt=3"], ["--digest=sha256"],
                   ["--hide"]]


class ControlTwinTest(unittest.TestCase):
    def test_same_output(self):
        check_twin_output(self, CPP, TWIN, OPTION_SETS, marker="sessions up:")

    def test_timeline(self):
        twin = run([PYTHON, TWIN])
        self.assertEqual(twin.returncode, 0, twin.stderr)
        sent = re.findall(r"^\s+\S+\s+(NetBSD_\w) -> (\w+)", twin.stdout, re.M)
        self.assertEqual([t for n, t in sent if n == "NetBSD_A"][:4],
                         ["SCCRQ", "SCCCN", "ICRQ", "ICCN"])
        self.assertIn("sessions up: 1/1", twin.stdout)

    def test_wrong_secret_refused(self):
        twin = run([PYTHON, TWIN, "--secret=a", "--peerSecret=b", "--quiet"])
        self.assertEqual(twin.returncode, 0, twin.stderr)
        self.assertIn("sessions up: 0/1", twin.stdout)
        self.assertRegex(twin.stdout, r"NetBSD_B sent StopCCN result 4 \(x[1-9]")
        self.assertRegex(twin.stdout, r"NetBSD_A dropped: digest invalid [1-9]")

    def test_same_errors(self):
        check_twin_errors(self, CPP, TWIN, BAD_OPTION_SETS)


if __name__ == "__main__":
    unittest.main()
