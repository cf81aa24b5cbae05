#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Profiles and presets from Python: the tables with their sources, an LCCE installed
after SetProfile carries the profile's values, a device installed after SetPreset the
preset's, and an unknown name raises ValueError with the C++ message."""

import unittest

import l2tp


class ProfilesTest(unittest.TestCase):
    def tearDown(self):
        l2tp.Simulator.Destroy()

    def test_tables_have_sources(self):
        for name in ("rfc", "cisco-ios", "freertr"):
            rows = l2tp.L2tpv3GetLcceProfile(name)
            self.assertEqual(len(rows), 10, name)
            for attribute, value, source in rows:
                self.assertTrue(attribute and value and source, (name, attribute))
        for name in ("linux-iproute2", "qemu"):
            self.assertTrue(all(source for _, _, source in l2tp.L2tpv3GetDevicePreset(name)))

    def test_profile_reaches_installed_lcce(self):
        helper = l2tp.L2tpv3LcceHelper()
        helper.SetProfile("freertr")
        nodes = l2tp.NodeContainer(1)
        l2tp.InternetStackHelper().Install(nodes)
        lcce = helper.Install(nodes).Get(0)
        table = dict((a, v) for a, v, _ in l2tp.L2tpv3GetLcceProfile("freertr"))
        self.assertEqual(lcce.GetAttribute("ReceiveWindowSize"), "1024")
        self.assertEqual(lcce.GetAttribute("MaxSetupWindow"), "1")
        self.assertEqual(lcce.GetAttribute("Encapsulation"), table["Encapsulation"])
        self.assertEqual(lcce.GetAttribute("CookieLength"), table["CookieLength"])

    def test_unknown_names(self):
        with self.assertRaisesRegex(ValueError,
                                    r"^profile 'cisco': must be rfc, cisco-ios or freertr$"):
            l2tp.L2tpv3LcceHelper().SetProfile("cisco")
        with self.assertRaisesRegex(ValueError,
                                    r"^preset 'linux': must be linux-iproute2 or qemu$"):
            l2tp.L2tpv3Helper().SetPreset("linux")

    def test_preset_reaches_devices(self):
        helper = l2tp.L2tpv3Helper()
        helper.SetPreset("linux-iproute2")
        device = l2tp.L2tpv3NetDevice()
        self.assertEqual(device.GetAttribute("Encapsulation"), "ip")  # the default, untouched
        table = dict((a, v) for a, v, _ in l2tp.L2tpv3GetDevicePreset("linux-iproute2"))
        self.assertEqual(table["Encapsulation"], "udp")
        self.assertEqual(table["L2SpecificSublayer"], "default")


if __name__ == "__main__":
    unittest.main()
