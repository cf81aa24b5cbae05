#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""The model chapter builds as a chapter of ns-3's model library.

Does what ns-3's doc/models/Makefile does with a chapter listed in it: the chapter and
its l2tp-*.inc tables copied flat beside ns-3's own conf.py, replace.txt and _static,
its figures into figures/, then Sphinx with ns-3's configuration and theme. Fails on
any warning about the chapter (ns-3's configuration gives warnings of its own with this
Sphinx, which are not ours); a copy without one of its tables must fail the same check.

The ns-3 tree: L2TP_NS3_TREE, else the Debian 3.37 source utils/check-in-tree unpacks
(L2TP_NS3_CACHE, default ~/.cache/l2tp-ns3). Exit status 77 (skipped) without one.
"""

import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from l2tp_test_support import SOURCE_DIR  # noqa: E402

DOC_DIR = os.path.join(SOURCE_DIR, "doc")


def find_tree():
    tree = os.environ.get("L2TP_NS3_TREE")
    candidates = [tree] if tree else []
    cache = os.environ.get("L2TP_NS3_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "l2tp-ns3")
    candidates += sorted(glob.glob(os.path.join(cache, "ns3-*", "ns-3.*")))
    for candidate in candidates:
        if os.path.exists(os.path.join(candidate, "doc", "models", "source", "conf.py")):
            return candidate
    return None


TREE = find_tree()
if not TREE:
    print("skipped: no ns-3 tree with doc/models (set L2TP_NS3_TREE, or run "
          "utils/check-in-tree once to unpack Debian's ns-3 3.37 source)")
    sys.exit(77)
if subprocess.run(["/usr/bin/python3", "-c", "import sphinx"], capture_output=True).returncode:
    print("skipped: Sphinx not installed for /usr/bin/python3 (python3-sphinx)")
    sys.exit(77)


def build_in_ns3_layout(work, leave_out=()):
    """Lay the chapter out as ns-3's Makefile does and build it; (status, warnings, html)."""
    doc = os.path.join(work, "doc")
    source = os.path.join(doc, "models", "source-temp")
    ns3_source = os.path.join(TREE, "doc", "models", "source")
    os.makedirs(os.path.join(source, "figures"))
    for name in ("conf.py", "replace.txt"):
        shutil.copy(os.path.join(ns3_source, name), source)
    shutil.copytree(os.path.join(ns3_source, "_static"), os.path.join(source, "_static"))
    # conf.py: html_theme_path = ['../..'] from the source directory.
    os.symlink(os.path.join(TREE, "doc", "ns3_html_theme"), os.path.join(doc, "ns3_html_theme"))
    # The chapter's pages (l2tp.rst and the l2tp-*.rst its table of contents holds) and
    # tables, as doc/models/Makefile's SOURCES would list them.
    for path in sorted(glob.glob(os.path.join(DOC_DIR, "l2tp*.rst"))) + glob.glob(
            os.path.join(DOC_DIR, "l2tp-*.inc")):
        if os.path.basename(path) not in leave_out:
            shutil.copy(path, source)
    for path in glob.glob(os.path.join(DOC_DIR, "figures", "*")):
        shutil.copy(path, os.path.join(source, "figures"))
    with open(os.path.join(source, "index.rst"), "w") as f:
        f.write("Model Library\n=============\n\n.. toctree::\n   :maxdepth: 2\n\n   l2tp\n")
    html = os.path.join(work, "html")
    result = subprocess.run(["/usr/bin/python3", "-m", "sphinx", "-b", "html", "-q",
                             "-d", os.path.join(work, "doctrees"), source, html],
                            capture_output=True, text=True, timeout=300)
    ours = [line for line in result.stderr.splitlines()
            if re.search(r"l2tp", line) and ("WARNING" in line or "ERROR" in line
                                               or "SEVERE" in line or "CRITICAL" in line)]
    return result.returncode, ours, html, result.stderr


class InNs3TreeTest(unittest.TestCase):
    def test_chapter_builds_with_ns3_configuration(self):
        with tempfile.TemporaryDirectory(prefix="l2tp-doc-ns3-") as work:
            status, ours, html, log = build_in_ns3_layout(work)
            self.assertEqual(status, 0, log)
            self.assertEqual(ours, [])
            for name in ("l2tp.html", "l2tp-design.html", "l2tp-validation.html"):
                self.assertTrue(os.path.exists(os.path.join(html, name)), name)
            # The generated tables and the figures are on the chapter's user page.
            with open(os.path.join(html, "l2tp-user.html")) as f:
                page = f.read()
            for text in ("TcpMssClamp", "SessionUp", "frame_bad_length_type", "<img"):
                self.assertIn(text, page)
            self.assertTrue(os.path.exists(os.path.join(html, "_images", "goodput-vs-mtu.png")))

    def test_a_table_left_out_is_reported(self):
        with tempfile.TemporaryDirectory(prefix="l2tp-doc-ns3-broken-") as work:
            _, ours, _, _ = build_in_ns3_layout(work, leave_out=("l2tp-counters.inc",))
            self.assertTrue(any("l2tp-user.rst" in line and '"include"' in line for line in ours),
                            ours)


if __name__ == "__main__":
    unittest.main()
