#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Attributes set from Python by their kind: the enum attributes of the device and the LCCE
(EnumValue) take and read back the names users type and refuse a bad one with the C++
message; a string attribute takes a text with blanks (ns-3 names StringValue without
"ns3::", which the check of one-word values once missed)."""

import unittest

import l2tp


class AttributeKindsTest(unittest.TestCase):
    def test_device_enum_attributes(self):
        device = l2tp.L2tpv3NetDevice()
        self.assertEqual(device.GetAttribute("MtuPolicy"), "fragment")
        device.SetAttribute("MtuPolicy", "derived")
        self.assertEqual(device.GetAttribute("MtuPolicy"), "derived")
        with self.assertRaisesRegex(ValueError,
                                    r'^MtuPolicy "path" is neither fragment nor derived$'):
            device.SetAttribute("MtuPolicy", "path")
        self.assertEqual(device.GetAttribute("MtuPolicy"), "derived")

    def test_lcce_enum_attributes(self):
        helper = l2tp.L2tpv3LcceHelper()
        with self.assertRaisesRegex(ValueError,
                                    r"^L2SpecificSublayer 'atm': must be none or default$"):
            helper.SetAttribute("L2SpecificSublayer", "atm")
        with self.assertRaisesRegex(ValueError, r"^CookieLength 5: must be 0, 4 or 8$"):
            helper.SetAttribute("CookieLength", 5)

    def test_string_with_blanks(self):
        helper = l2tp.L2tpv3LcceHelper()
        helper.SetAttribute("HostName", "site a lcce")
        nodes = l2tp.NodeContainer(1)
        l2tp.InternetStackHelper().Install(nodes)
        lcce = helper.Install(nodes).Get(0)
        self.assertEqual(lcce.GetAttribute("HostName"), "site a lcce")
        l2tp.Simulator.Destroy()


if __name__ == "__main__":
    unittest.main()
