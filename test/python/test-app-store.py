#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""ns-3 App Store readiness: bakeconf.xml, one version, release notes, licence, tested versions."""

import os
import re
import sys
import unittest
import xml.etree.ElementTree as ElementTree

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from l2tp_test_support import SOURCE_DIR  # noqa: E402


def read(name):
    with open(os.path.join(SOURCE_DIR, name), encoding="utf-8") as f:
        return f.read()


VERSION = read("VERSION").strip()


class AppStoreTest(unittest.TestCase):
    def test_version_is_one_line_semver(self):
        self.assertRegex(read("VERSION"), r"^\d+\.\d+\.\d+\n$")

    def test_bakeconf_names_the_module_and_its_ns3_dependency(self):
        root = ElementTree.parse(os.path.join(SOURCE_DIR, "bakeconf.xml")).getroot()
        self.assertEqual(root.tag, "configuration")
        modules = {m.get("name"): m for m in root.iter("module")}
        self.assertIn("l2tp", modules)
        release = modules["l2tp"]
        self.assertEqual(release.get("type"), "ns-contrib")
        self.assertEqual(release.get("min_version"), "ns-3.37")
        depends = [d.get("name") for d in release.iter("depends_on")]
        self.assertIn("ns-3.37", depends)
        source = release.find("source")
        self.assertEqual(source.get("type"), "git")
        attributes = {a.get("name"): a.get("value") for a in source.iter("attribute")}
        self.assertRegex(attributes["url"], r"^https://.+\.git$")
        self.assertEqual(attributes["module_directory"], "l2tp")
        self.assertEqual(attributes["revision"], "v" + VERSION)
        self.assertEqual(release.find("build").get("type"), "none")
        for module in modules.values():
            self.assertTrue(any(d.get("name", "").startswith("ns-3")
                                for d in module.iter("depends_on")), module.get("name"))

    def test_python_module_reads_the_version(self):
        import l2tp
        self.assertEqual(l2tp.__version__, VERSION)

    def test_cmake_reads_the_version(self):
        cmake = read("CMakeLists.txt")
        self.assertIn("file(STRINGS ${CMAKE_CURRENT_SOURCE_DIR}/VERSION l2tp_version", cmake)
        self.assertIn("project(l2tp VERSION ${l2tp_version}", cmake)
        # No other file spells the version out, except the release notes and bake's tag.
        for name in ("CMakeLists.txt", "README.md", "doc/l2tp.rst", "doc/l2tp-design.rst",
                     "doc/l2tp-user.rst", "doc/l2tp-validation.rst",
                     "bindings/python/CMakeLists.txt", "bindings/python/l2tp-module.cc"):
            self.assertNotIn(VERSION, read(name), name)

    def test_release_notes_start_with_this_version(self):
        headings = re.findall(r"^## (\d+\.\d+\.\d+)\b", read("CHANGES.md"), re.M)
        self.assertTrue(headings, "CHANGES.md has no '## MAJOR.MINOR.PATCH' release heading")
        self.assertEqual(headings[0], VERSION)

    def test_licence_is_gplv2_as_ns3(self):
        licence = read("LICENSE")
        self.assertIn("GNU GENERAL PUBLIC LICENSE", licence)
        self.assertIn("Version 2, June 1991", licence)
        self.assertGreater(len(licence), 17000)
        for name in ("model/l2tpv3-net-device.cc", "helper/l2tpv3-helper.h"):
            self.assertIn("SPDX-License-Identifier: GPL-2.0-only", read(name))

    def test_readme_tables_the_ns3_versions_tested(self):
        readme = read("README.md")
        section = readme[readme.index("## ns-3 versions tested"):]
        self.assertRegex(section, r"\|\s*3\.37\b[^\n]*Debian")
        self.assertRegex(section, r"\|\s*3\.4[89]-dev\b[^\n]*check-in-tree")


if __name__ == "__main__":
    unittest.main()
