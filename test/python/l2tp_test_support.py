# SPDX-License-Identifier: GPL-2.0-only
"""Paths shared by the Python tests (run by CTest with the module on PYTHONPATH)."""

import os

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
