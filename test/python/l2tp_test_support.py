# SPDX-License-Identifier: GPL-2.0-only
"""Paths and checks shared by the Python tests (run by CTest with the module on PYTHONPATH)."""

import os
import re
import subprocess

SOURCE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD_DIR = os.environ.get("L2TP_BUILD_DIR", os.path.join(SOURCE_DIR, "build"))
EXAMPLES_DIR = os.path.join(SOURCE_DIR, "examples")
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else "python3"


def environment():
    """os.environ with the bindings on PYTHONPATH (for child processes)."""
    env = dict(os.environ)
    bindings = os.path.join(BUILD_DIR, "bindings", "python")
    env["PYTHONPATH"] = os.pathsep.join(
        [bindings] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
    return env


def run(command):
    """Run a program with the bindings on PYTHONPATH; its output as text."""
    return subprocess.run(command, capture_output=True, text=True, env=environment(),
                          timeout=120)


def figures(text):
    """Every number of an output, in order."""
    return re.findall(r"-?\d+(?:\.\d+)?", text)


def check_twin_output(test, cpp_program, twin_script, option_sets, marker=None):
    """The C++ program and its Python twin print the same for each option set."""
    test.assertTrue(os.access(cpp_program, os.X_OK), f"{cpp_program} not built")
    for options in option_sets:
        with test.subTest(options=" ".join(options)):
            cpp = run([cpp_program] + options)
            twin = run([PYTHON, twin_script] + options)
            test.assertEqual(cpp.returncode, 0, cpp.stderr)
            test.assertEqual(twin.returncode, 0, twin.stderr)
            if marker:
                test.assertIn(marker, cpp.stdout)
            test.assertGreater(len(figures(cpp.stdout)), 20)
            test.assertEqual(figures(twin.stdout), figures(cpp.stdout))
            test.assertEqual(twin.stdout, cpp.stdout)


def check_twin_errors(test, cpp_program, twin_script, option_sets):
    """Both refuse each option set with exit status 1 and the same message."""
    for options in option_sets:
        with test.subTest(options=" ".join(options)):
            cpp = run([cpp_program] + options)
            twin = run([PYTHON, twin_script] + options)
            test.assertEqual(cpp.returncode, 1)
            test.assertEqual(twin.returncode, 1)
            test.assertEqual(twin.stderr.strip(), cpp.stderr.strip())
