#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""The HTML documentation builds with warnings as errors, and every page renders in
headless Chromium with its internal links, anchors and figures resolving.

The HTML is built by utils/build-docs (what ./ns3 docs runs) from a copy of doc/ into a
temporary directory; a copy of the built tree, deliberately broken, must fail the same
check. Exit status 77 (CTest: skipped) when Sphinx or Chromium is not installed.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from l2tp_test_support import SOURCE_DIR  # noqa: E402
import l2tp_docs_browser  # noqa: E402

BUILD_DOCS = os.path.join(SOURCE_DIR, "utils", "build-docs")
DOC_DIR = os.path.join(SOURCE_DIR, "doc")

CHROMIUM = l2tp_docs_browser.find_chromium()
if subprocess.run(["/usr/bin/python3", "-c", "import sphinx"], capture_output=True).returncode:
    print("skipped: Sphinx not installed for /usr/bin/python3 (utils/install-deps installs "
          "python3-sphinx)")
    sys.exit(77)
if not CHROMIUM:
    print("skipped: no chromium binary (utils/install-deps installs chromium)")
    sys.exit(77)


def build(doc_dir, html_dir):
    return subprocess.run([BUILD_DOCS, doc_dir, html_dir], capture_output=True, text=True,
                          timeout=300)


class DocsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="l2tp-docs-test-")
        cls.html = os.path.join(cls.tmp.name, "html")
        cls.built = build(DOC_DIR, cls.html)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_build_without_warnings(self):
        self.assertEqual(self.built.returncode, 0, self.built.stdout + self.built.stderr)
        # The chapter's top page and the pages its table of contents holds.
        for page in ("index.html", "l2tp.html", "l2tp-design.html", "l2tp-user.html",
                     "l2tp-validation.html"):
            self.assertTrue(os.path.exists(os.path.join(self.html, page)), page)
        if os.path.exists(os.path.join(DOC_DIR, "lab.rst")):
            self.assertTrue(os.path.exists(os.path.join(self.html, "lab.html")))

    def test_every_page_renders_in_chromium(self):
        self.assertEqual(self.built.returncode, 0, self.built.stderr)
        count, problems = l2tp_docs_browser.check_tree(self.html, CHROMIUM)
        self.assertEqual(problems, [])
        self.assertGreaterEqual(count, 4)  # index, l2tp, genindex, search at least
        # The chapter's figures are in the pages (and were checked as loaded above); they
        # are on the user page since the chapter was split.
        with open(os.path.join(self.html, "l2tp-user.html")) as f:
            self.assertIn("<img", f.read())

    def test_generated_tables_are_in_the_chapter(self):
        self.assertEqual(self.built.returncode, 0, self.built.stderr)
        # The chapter's user page includes the tables.
        with open(os.path.join(self.html, "l2tp-user.html")) as f:
            page = f.read()
        for text in ("ns3::L2tpv3NetDevice</span></code> attributes", "TcpMssClamp",
                     "ns3::L2tpv3Lcce</span></code> trace sources", "SessionUp",
                     "rxBadLengthType", "frame_bad_length_type", "sessionsDown"):
            self.assertIn(text, page)

    def test_the_check_fails_on_a_broken_copy(self):
        self.assertEqual(self.built.returncode, 0, self.built.stderr)
        broken = os.path.join(self.tmp.name, "broken")
        shutil.copytree(self.html, broken)
        # A figure that does not load: every image file emptied.
        images = os.path.join(broken, "_images")
        names = sorted(os.listdir(images))
        self.assertTrue(names, "no figure in the build")
        for name in names:
            open(os.path.join(images, name), "wb").close()
        # A link to a missing page and one to a missing anchor, in the index.
        index = os.path.join(broken, "index.html")
        with open(index) as f:
            text = f.read()
        text = text.replace("</body>", '<a href="no-such-page.html">x</a>'
                            '<a href="l2tp.html#no-such-anchor">y</a></body>')
        with open(index, "w") as f:
            f.write(text)
        # A page that does not render: its content gone.
        with open(os.path.join(broken, "search.html"), "w") as f:
            f.write("<html><head><title>x</title></head><body></body></html>")
        _, problems = l2tp_docs_browser.check_tree(broken, CHROMIUM)
        text = "\n".join(problems)
        self.assertIn("index.html: link to a missing file: no-such-page.html", text)
        self.assertIn("index.html: link to a missing anchor: l2tp.html#no-such-anchor", text)
        self.assertIn("search.html: does not render", text)
        self.assertIn("l2tp-user.html: figure does not load: file://", text)

    def test_a_lab_guide_is_taken_into_the_table_of_contents(self):
        copy = os.path.join(self.tmp.name, "with-lab", "doc")
        shutil.copytree(DOC_DIR, copy)
        lab = os.path.join(copy, "lab.rst")
        if not os.path.exists(lab):  # until the lab guide arrives: one of our own
            with open(lab, "w") as f:
                f.write("Lab guide\n=========\n\nSee :ref:`l2tp-attributes`.\n")
        html = os.path.join(self.tmp.name, "html-with-lab")
        result = build(copy, html)
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(os.path.join(html, "index.html")) as f:
            self.assertIn('href="lab.html"', f.read())
        _, problems = l2tp_docs_browser.check_tree(html, CHROMIUM)
        self.assertEqual(problems, [])

    def test_a_broken_reference_fails_the_build(self):
        copy = os.path.join(self.tmp.name, "repository", "doc")
        shutil.copytree(DOC_DIR, copy)
        shutil.copy(os.path.join(SOURCE_DIR, "VERSION"), os.path.dirname(copy))
        # The copy builds as it is ...
        result = build(copy, os.path.join(self.tmp.name, "html-copy"))
        self.assertEqual(result.returncode, 0, result.stderr)
        # ... and not with a reference to no section.
        with open(os.path.join(copy, "l2tp.rst"), "a") as f:
            f.write("\nSee :ref:`no-such-section-anywhere`.\n")
        result = build(copy, os.path.join(self.tmp.name, "html-broken"))
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("no-such-section-anywhere", result.stderr)


if __name__ == "__main__":
    unittest.main()
