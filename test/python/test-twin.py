#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""The Python twin and the C++ example agree on every summary figure."""

import os
import re
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from l2tp_test_support import BUILD_DIR, EXAMPLES_DIR, PYTHON, environment  # noqa: E402

CPP = os.path.join(BUILD_DIR, "examples", "l2tp-bridge-example")
TWIN = os.path.join(EXAMPLES_DIR, "l2tp-bridge-example.py")

OPTION_SETS = [
    ["--time=3"],
    ["--cookie", "--ipv6", "--time=4"],
    ["--innerIpv6", "--cookieLen=8", "--encap=udp", "--sublayer=default", "--seq", "--time=3"],
    ["--wanMtu=1600", "--frameSize=1400", "--mtuPolicy=derived", "--mssClamp=auto",
     "--pingSize=1000", "--time=3"],
    ["--cookieLen=4", "--lanMtu=1400", "--frameSize=1414", "--seq=false", "--time=3"],
]
BAD_OPTION_SETS = [["--cookieLen=5"], ["--encap=gre"], ["--time=2"]]


def run(command):
    return subprocess.run(command, capture_output=True, text=True, env=environment(),
                          timeout=120)


def figures(text):
    """Every number of a summary, in order."""
    return re.findall(r"-?\d+(?:\.\d+)?", text)


class TwinTest(unittest.TestCase):
    def test_same_summary(self):
        self.assertTrue(os.access(CPP, os.X_OK), f"{CPP} not built")
        for options in OPTION_SETS:
            with self.subTest(options=" ".join(options)):
                cpp = run([CPP] + options)
                twin = run([PYTHON, TWIN] + options)
                self.assertEqual(cpp.returncode, 0, cpp.stderr)
                self.assertEqual(twin.returncode, 0, twin.stderr)
                self.assertGreater(len(figures(cpp.stdout)), 20)
                self.assertEqual(figures(twin.stdout), figures(cpp.stdout))
                self.assertEqual(twin.stdout, cpp.stdout)

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
