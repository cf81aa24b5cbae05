#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""The Python twin and the C++ example agree on every summary figure."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from l2tp_test_support import (BUILD_DIR, EXAMPLES_DIR, check_twin_errors,  # noqa: E402
                               check_twin_output)

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


class TwinTest(unittest.TestCase):
    def test_same_summary(self):
        check_twin_output(self, CPP, TWIN, OPTION_SETS)

    def test_same_errors(self):
        check_twin_errors(self, CPP, TWIN, BAD_OPTION_SETS)


if __name__ == "__main__":
    unittest.main()
