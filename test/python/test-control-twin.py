#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""The control-plane example's Python twin prints what the C++ example prints:
the same timeline of control messages and the same summary."""

import os
import re
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from l2tp_test_support import BUILD_DIR, EXAMPLES_DIR, PYTHON, environment  # noqa: E402

CPP = os.path.join(BUILD_DIR, "examples", "l2tp-control-example")
TWIN = os.path.join(EXAMPLES_DIR, "l2tp-control-example.py")

OPTION_SETS = [
    [],  # the timeline of one session over IPv4
    ["--ipv6", "--encap=udp", "--cookieLen=8", "--seq", "--sessions=3", "--time=5"],
    ["--hello=5", "--failAt=3", "--recoverAt=20", "--loss=0.1"],  # death found, re-established
]
BAD_OPTION_SETS = [["--cookieLen=5"], ["--encap=gre"], ["--recoverAt=3"]]


def run(command):
    return subprocess.run(command, capture_output=True, text=True, env=environment(),
                          timeout=120)


def figures(text):
    """Every number of an output, in order."""
    return re.findall(r"-?\d+(?:\.\d+)?", text)


class ControlTwinTest(unittest.TestCase):
    def test_same_output(self):
        self.assertTrue(os.access(CPP, os.X_OK), f"{CPP} not built")
        for options in OPTION_SETS:
            with self.subTest(options=" ".join(options)):
                cpp = run([CPP] + options)
                twin = run([PYTHON, TWIN] + options)
                self.assertEqual(cpp.returncode, 0, cpp.stderr)
                self.assertEqual(twin.returncode, 0, twin.stderr)
                self.assertIn("sessions up:", cpp.stdout)
                self.assertGreater(len(figures(cpp.stdout)), 20)
                self.assertEqual(figures(twin.stdout), figures(cpp.stdout))
                self.assertEqual(twin.stdout, cpp.stdout)

    def test_timeline(self):
        twin = run([PYTHON, TWIN])
        self.assertEqual(twin.returncode, 0, twin.stderr)
        sent = re.findall(r"^\s+\S+\s+(NetBSD_\w) -> (\w+)", twin.stdout, re.M)
        self.assertEqual([t for n, t in sent if n == "NetBSD_A"][:4],
                         ["SCCRQ", "SCCCN", "ICRQ", "ICCN"])
        self.assertIn("sessions up: 1/1", twin.stdout)

    def test_same_errors(self):
        for options in BAD_OPTION_SETS:
            with self.subTest(options=" ".join(options)):
                cpp = run([CPP] + options)
                twin = run([PYTHON, TWIN] + options)
                self.assertEqual(cpp.returncode, 1)
                self.assertEqual(twin.returncode, 1)
                self.assertEqual(twin.stderr.strip(), cpp.stderr.strip())


if __name__ == "__main__":
    unittest.main()
