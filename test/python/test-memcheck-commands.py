#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Every program utils/memcheck runs under valgrind accepts its options and exits 0 without it.

memcheck takes minutes; this runs its command lines natively in seconds, so that an example
refusing an option memcheck passes (as --time=4 once was) fails here, not only in CI.
"""

import os
import re
import shlex
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from l2tp_test_support import BUILD_DIR, SOURCE_DIR, environment  # noqa: E402

MEMCHECK = os.path.join(SOURCE_DIR, "utils", "memcheck")


def commands():
    """The example and benchmark command lines of utils/memcheck, $mode loops expanded."""
    result = []
    modes = []
    with open(MEMCHECK) as f:
        for line in f:
            loop = re.match(r"\s*for mode in ([\w ]+); do", line)
            if loop:
                modes = loop.group(1).split()
                continue
            m = re.match(r'\s*check "\$top/build/((examples|utils)/[^"]+)"(.*)$', line)
            if not m:
                continue
            program = os.path.join(BUILD_DIR, m.group(1))
            arguments = m.group(3).replace("$top", SOURCE_DIR)
            for mode in (modes if "$mode" in arguments else [None]):
                expanded = arguments.replace("$mode", mode) if mode else arguments
                result.append([program] + shlex.split(expanded))
    return result


class MemcheckCommandsTest(unittest.TestCase):
    def test_every_command_runs(self):
        found = commands()
        self.assertGreaterEqual(len(found), 7, "memcheck's command lines not found")
        self.assertTrue(any("l2tp-blind-insertion-example" in c[0] for c in found))
        for command in found:
            with self.subTest(command=" ".join(os.path.basename(c) for c in command)):
                self.assertTrue(os.access(command[0], os.X_OK), f"{command[0]} not built")
                run = subprocess.run(command, capture_output=True, text=True,
                                     env=environment(), timeout=300)
                self.assertEqual(run.returncode, 0, run.stderr)

    def test_ci_runs_memcheck(self):
        with open(os.path.join(SOURCE_DIR, ".ci", "run")) as f:
            ci = f.read()
        self.assertRegex(ci, r'stage "[^"]*memcheck[^"]*"\nutils/memcheck --quick\n')

    def test_install_deps_installs_valgrind(self):
        with open(os.path.join(SOURCE_DIR, "utils", "install-deps")) as f:
            self.assertRegex(f.read(), r"\n\s*valgrind\s")


if __name__ == "__main__":
    unittest.main()
