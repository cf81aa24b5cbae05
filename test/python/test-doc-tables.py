#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""utils/l2tp-doc-tables: the committed tables are what the code gives, and each way they
can drift is caught: a table edited by hand, a counter member the header reader misses,
an undocumented member, a drop reason without its description."""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from l2tp_test_support import BUILD_DIR, SOURCE_DIR  # noqa: E402

PROGRAM = os.path.join(BUILD_DIR, "utils", "l2tp-doc-tables")
FILES = ["l2tp-attributes.inc", "l2tp-traces.inc", "l2tp-counters.inc"]


def run(*arguments):
    return subprocess.run([PROGRAM, *arguments], capture_output=True, text=True, timeout=60)


def copy_headers(tmp):
    """A source tree with the model headers only (what the program reads)."""
    source = os.path.join(tmp, "source")
    shutil.copytree(os.path.join(SOURCE_DIR, "model"), os.path.join(source, "model"))
    return source


def edit(path, old, new):
    with open(path) as f:
        text = f.read()
    if old not in text:
        raise AssertionError(f"{old!r} not in {path}")
    with open(path, "w") as f:
        f.write(text.replace(old, new, 1))


class DocTablesTest(unittest.TestCase):
    def setUp(self):
        self.assertTrue(os.access(PROGRAM, os.X_OK), f"{PROGRAM} not built")
        self.tmp = tempfile.TemporaryDirectory(prefix="l2tp-doc-tables-")

    def tearDown(self):
        self.tmp.cleanup()

    def test_committed_tables_are_current(self):
        result = run(f"--check={os.path.join(SOURCE_DIR, 'doc')}")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_tables_name_what_the_code_has(self):
        out = os.path.join(self.tmp.name, "out")
        os.mkdir(out)
        self.assertEqual(run(f"--output={out}").returncode, 0)
        with open(os.path.join(out, "l2tp-attributes.inc")) as f:
            attributes = f.read()
        # A row: name, type, default (as the TypeId gives them).
        self.assertRegex(attributes, r"``Mtu``\n     - ``uint16_t 68 to 65535``\n     - ``1500``")
        self.assertRegex(attributes, r"``AckDelay``\n     - ``Time, at least 0 s``\n"
                                     r"     - ``100 ms``")
        with open(os.path.join(out, "l2tp-counters.inc")) as f:
            counters = f.read()
        self.assertIn("``cookie_mismatch``\n     - ``L2tpv3DropReason::COOKIE_MISMATCH``\n"
                      "     - rx", counters)
        self.assertIn("``no_route``\n     - ``L2tpv3DropReason::NO_ROUTE``\n     - tx", counters)

    def test_a_hand_edited_table_fails_the_check(self):
        doc = os.path.join(self.tmp.name, "doc")
        os.mkdir(doc)
        for name in FILES:
            shutil.copy(os.path.join(SOURCE_DIR, "doc", name), doc)
        self.assertEqual(run(f"--check={doc}").returncode, 0)
        edit(os.path.join(doc, "l2tp-attributes.inc"), "``1500``", "``1400``")
        os.remove(os.path.join(doc, "l2tp-traces.inc"))
        result = run(f"--check={doc}")
        self.assertEqual(result.returncode, 1)
        self.assertIn("l2tp-attributes.inc differs from the code", result.stdout)
        self.assertIn("l2tp-traces.inc is missing", result.stdout)
        self.assertIn("l2tp-counters.inc is up to date", result.stdout)

    def test_a_member_the_reader_does_not_see_in_the_struct_fails(self):
        # The header copy declares one member more than the compiled struct has.
        source = copy_headers(self.tmp.name)
        edit(os.path.join(source, "model", "l2tpv3-counters.h"),
             "    uint64_t mssClamped{0};",
             "    uint64_t extraCounter{0}; //!< not in the compiled struct\n"
             "    uint64_t mssClamped{0};")
        result = run(f"--source={source}", f"--output={self.tmp.name}")
        self.assertEqual(result.returncode, 1)
        found = re.search(r"read (\d+) members of L2tpv3Counters, the compiler counts (\d+)",
                          result.stderr)
        self.assertIsNotNone(found, result.stderr)
        self.assertEqual(int(found.group(1)), int(found.group(2)) + 1, result.stderr)

    def test_a_member_declaration_hidden_from_the_reader_fails(self):
        # One member fewer read than compiled: a declaration the reader does not take.
        source = copy_headers(self.tmp.name)
        edit(os.path.join(source, "model", "l2tpv3-control-channel.h"),
             "    uint64_t acked{0};", "    /* uint64_t acked{0}; */")
        result = run(f"--source={source}", f"--output={self.tmp.name}")
        self.assertEqual(result.returncode, 1)
        found = re.search(r"read (\d+) members of L2tpv3ControlChannelCounters, the compiler "
                          r"counts (\d+)", result.stderr)
        self.assertIsNotNone(found, result.stderr)
        self.assertEqual(int(found.group(1)) + 1, int(found.group(2)), result.stderr)

    def test_an_undocumented_member_fails(self):
        source = copy_headers(self.tmp.name)
        path = os.path.join(source, "model", "l2tpv3-lcce-counters.h")
        with open(path) as f:
            text = f.read()
        text = re.sub(r"(uint64_t zlbSent\{0\};)\s*//!<[^\n]*", r"\1", text, count=1)
        with open(path, "w") as f:
            f.write(text)
        result = run(f"--source={source}", f"--output={self.tmp.name}")
        self.assertEqual(result.returncode, 1)
        self.assertIn("L2tpv3LcceCounters::zlbSent has no doc comment", result.stderr)

    def test_a_drop_reason_missing_from_the_header_fails(self):
        source = copy_headers(self.tmp.name)
        edit(os.path.join(source, "model", "l2tpv3-counters.h"),
             "    NO_ROUTE,", "")
        result = run(f"--source={source}", f"--output={self.tmp.name}")
        self.assertEqual(result.returncode, 1)
        self.assertIn("drop reasons, L2tpv3DropReason::COUNT is 13", result.stderr)


if __name__ == "__main__":
    unittest.main()
