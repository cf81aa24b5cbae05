#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""utils/check-in-tree copies what git tracks, with the working tree's changes, and nothing else."""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from l2tp_test_support import SOURCE_DIR  # noqa: E402


def git(repo, *args):
    return subprocess.run(["git", "-C", repo] + list(args), check=True, capture_output=True,
                          text=True).stdout


class CheckInTreeCopyTest(unittest.TestCase):
    def test_copies_tracked_and_modified_files_only(self):
        with tempfile.TemporaryDirectory() as tmp:
            clone = os.path.join(tmp, "l2tp")
            subprocess.run(["git", "clone", "-q", "--no-hardlinks", SOURCE_DIR, clone], check=True)
            tracked = set(git(clone, "ls-files", "-z").split("\0")) - {""}
            # The script under test is the working tree's (a modified tracked file too).
            shutil.copy2(os.path.join(SOURCE_DIR, "utils", "check-in-tree"),
                         os.path.join(clone, "utils", "check-in-tree"))
            # Untracked files, one of them where a build would leave pcap files.
            with open(os.path.join(clone, "left-over.pcap"), "wb") as f:
                f.write(b"\xd4\xc3\xb2\xa1" + bytes(1000))
            os.mkdir(os.path.join(clone, "scratch"))
            with open(os.path.join(clone, "scratch", "notes.txt"), "w") as f:
                f.write("untracked\n")
            # A tracked file modified, one deleted.
            with open(os.path.join(clone, "README.md"), "a") as f:
                f.write("\nlocal modification\n")
            os.remove(os.path.join(clone, "doc", "l2tp.rst"))

            dest = os.path.join(tmp, "contrib-l2tp")
            run = subprocess.run([os.path.join(clone, "utils", "check-in-tree"), "--copy-to", dest],
                                 capture_output=True, text=True, timeout=120)
            self.assertEqual(run.returncode, 0, run.stdout + run.stderr)

            copied = set()
            for root, _, files in os.walk(dest):
                for name in files:
                    copied.add(os.path.relpath(os.path.join(root, name), dest))
            self.assertEqual(copied, tracked - {"doc/l2tp.rst"})
            self.assertNotIn("left-over.pcap", copied)
            with open(os.path.join(dest, "README.md")) as f:
                self.assertTrue(f.read().endswith("\nlocal modification\n"))
            self.assertTrue(os.access(os.path.join(dest, "utils", "check-in-tree"), os.X_OK))


if __name__ == "__main__":
    unittest.main()
