# SPDX-License-Identifier: GPL-2.0-only
"""doc/lab.rst's instructor keys against the real runs: utils/lab-keys --check runs every
exercise, fails if a figure of doc/lab.rst differs from what the runs give or a claim of a
key does not hold. Also checks that the check can fail (a tampered copy of the guide)."""

import os
import shutil
import subprocess
import tempfile
import unittest

from l2tp_test_support import BUILD_DIR, PYTHON, SOURCE_DIR

SCRIPT = os.path.join(SOURCE_DIR, "utils", "lab-keys")
PROGRAM = os.path.join(BUILD_DIR, "examples", "l2tp-lab")


def lab_keys(top, *options):
    return subprocess.run([PYTHON, os.path.join(top, "utils", "lab-keys"),
                           "--program=" + PROGRAM] + list(options),
                          capture_output=True, text=True, timeout=300)


class LabKeysTest(unittest.TestCase):
    def test_keys_match_the_runs(self):
        out = lab_keys(SOURCE_DIR, "--check")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("doc/lab.rst matches 13 runs", out.stdout)

    def test_exercises_and_their_parts(self):
        with open(os.path.join(SOURCE_DIR, "doc", "lab.rst")) as f:
            text = f.read()
        for n in range(1, 8):
            start = text.index(f"Exercise {n}:")
            end = text.find("Exercise ", start + 10)
            part = text[start:end if end > 0 else len(text)]
            for heading in ("**Goal.**", "**Lab file.**", "**Command.**",
                            "**What to look at.**", "**Questions.**", "**Instructor key.**"):
                self.assertIn(heading, part, f"exercise {n}")
            self.assertIn(".. lab-check:", part, f"exercise {n} has checked claims")
        self.assertNotIn("{{", text)

    def _tampered(self, edit):
        with tempfile.TemporaryDirectory() as tmp:
            for sub in ("utils", "doc"):
                os.makedirs(os.path.join(tmp, sub))
            shutil.copy(SCRIPT, os.path.join(tmp, "utils"))
            shutil.copytree(os.path.join(SOURCE_DIR, "labs"), os.path.join(tmp, "labs"))
            for name in ("lab.rst", "lab.rst.in"):
                shutil.copy(os.path.join(SOURCE_DIR, "doc", name), os.path.join(tmp, "doc"))
            edit(tmp)
            return lab_keys(tmp, "--check")

    def test_a_typed_in_figure_fails(self):
        def edit(tmp):
            path = os.path.join(tmp, "doc", "lab.rst")
            with open(path) as f:
                text = f.read()
            text = text.replace("derived MTU\n  1458", "derived MTU\n  1460", 1)
            text = text.replace("1458", "1460", 1)
            with open(path, "w") as f:
                f.write(text)
        out = self._tampered(edit)
        self.assertEqual(out.returncode, 1)
        self.assertIn("differs from what the runs give", out.stderr)

    def test_a_false_claim_fails(self):
        def edit(tmp):
            path = os.path.join(tmp, "doc", "lab.rst.in")
            with open(path) as f:
                text = f.read()
            text = text.replace(".. lab-check: ex3b:capture.NetBSD_A.wm0.fragments == 0",
                                ".. lab-check: ex3b:capture.NetBSD_A.wm0.fragments > 0")
            with open(path, "w") as f:
                f.write(text)
        out = self._tampered(edit)
        self.assertEqual(out.returncode, 1)
        self.assertIn("claim does not hold", out.stderr)


if __name__ == "__main__":
    unittest.main()
