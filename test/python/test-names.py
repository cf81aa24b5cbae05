#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""The module's name tables from Python: ip/udp, none/default, fragment/derived and the MSS
clamp parse as in C++ and a bad name raises ValueError with the C++ message; addresses
print as the module's messages print them; enum attributes (the injector's, an EnumValue)
and the string-valued ones of the device and the LCCE take the names users type."""

import unittest

import l2tp


class NamesTest(unittest.TestCase):
    def test_encapsulation(self):
        self.assertEqual(l2tp.encapsulation_names(), ["ip", "udp"])
        self.assertEqual(l2tp.parse_encapsulation("ip"), l2tp.L2tpv3Encapsulation.IP)
        self.assertEqual(l2tp.parse_encapsulation("udp"), l2tp.L2tpv3Encapsulation.UDP)
        self.assertEqual(l2tp.encapsulation_name(l2tp.L2tpv3Encapsulation.UDP), "udp")
        self.assertEqual(l2tp.encapsulation_name(l2tp.L2tpv3Encapsulation.IP), "ip")

    def test_sublayer_and_mtu_policy(self):
        self.assertEqual(l2tp.sublayer_names(), ["none", "default"])
        self.assertEqual(l2tp.parse_sublayer("default"), l2tp.L2tpv3Sublayer.DEFAULT)
        self.assertEqual(l2tp.sublayer_name(l2tp.L2tpv3Sublayer.NONE), "none")
        self.assertEqual(l2tp.mtu_policy_names(), ["fragment", "derived"])
        self.assertEqual(l2tp.parse_mtu_policy("derived"), l2tp.L2tpv3MtuPolicy.DERIVED)
        self.assertEqual(l2tp.mtu_policy_name(l2tp.L2tpv3MtuPolicy.FRAGMENT), "fragment")

    def test_bad_names_raise_the_cpp_messages(self):
        with self.assertRaisesRegex(ValueError, r"^encap=gre: must be ip or udp$"):
            l2tp.parse_encapsulation("gre")
        with self.assertRaisesRegex(ValueError, r'^Encapsulation "gre" is neither ip nor udp$'):
            l2tp.parse_encapsulation("gre", "Encapsulation", l2tp.L2tpv3NameWording.ATTRIBUTE)
        with self.assertRaisesRegex(ValueError, r"^Encapsulation 'gre': must be ip or udp$"):
            l2tp.parse_encapsulation("gre", parameter="Encapsulation",
                                     wording=l2tp.L2tpv3NameWording.QUOTED)
        with self.assertRaisesRegex(ValueError, r"^sublayer=x: must be none or default$"):
            l2tp.parse_sublayer("x")
        with self.assertRaisesRegex(ValueError, r"^mtuPolicy=x: must be fragment or derived$"):
            l2tp.parse_mtu_policy("x")
        # Names are exact: no case folding, no blanks.
        with self.assertRaisesRegex(ValueError, r"^encap=UDP: must be ip or udp$"):
            l2tp.parse_encapsulation("UDP")
        with self.assertRaisesRegex(ValueError, r"^encap= udp: must be ip or udp$"):
            l2tp.parse_encapsulation(" udp")

    def test_mss_clamp(self):
        self.assertIsNone(l2tp.parse_mss_clamp("off"))
        self.assertEqual(l2tp.parse_mss_clamp("auto"), "auto")
        self.assertEqual(l2tp.parse_mss_clamp("88"), 88)
        self.assertEqual(l2tp.parse_mss_clamp("65495"), 65495)
        for bad in ("87", "65496", "-100", "+100", "1e3", ""):
            with self.subTest(text=bad):
                with self.assertRaisesRegex(
                        ValueError,
                        "^mssClamp=" + bad.replace("+", r"\+") +
                        ": must be off, auto or an MSS from 88 to 65495$"):
                    l2tp.parse_mss_clamp(bad)
        with self.assertRaisesRegex(
                ValueError, "^TcpMssClamp 40 is neither off, auto nor an MSS from 88 to 65495$"):
            l2tp.parse_mss_clamp("40", "TcpMssClamp", l2tp.L2tpv3NameWording.ATTRIBUTE)

    def test_address_text(self):
        self.assertEqual(l2tp.address_text(l2tp.Ipv4Address("192.0.2.1")), "192.0.2.1")
        self.assertEqual(l2tp.address_text(l2tp.Ipv6Address("2001:db8::1")), "2001:db8::1")
        self.assertEqual(l2tp.address_text(None), "")
        # Not an IP address: ns-3's own form, not mistaken for one.
        socket = l2tp.address_text(l2tp.InetSocketAddress(l2tp.Ipv4Address("192.0.2.1"), 7))
        self.assertNotEqual(socket, "192.0.2.1")
        self.assertNotEqual(socket, "")


class EnumAttributesTest(unittest.TestCase):
    def test_injector_enum_attributes_take_and_give_names(self):
        injector = l2tp.L2tpv3Injector()
        self.assertEqual(injector.GetAttribute("Encapsulation"), "ip")
        self.assertEqual(injector.GetAttribute("Attack"), "random-session")
        self.assertEqual(injector.GetAttribute("Identifiers"), "random")
        injector.SetAttribute("Encapsulation", "udp")
        injector.SetAttribute("Attack", "control-replay")
        injector.SetAttribute("Identifiers", "sniffed")
        self.assertEqual(injector.GetAttribute("Encapsulation"), "udp")
        self.assertEqual(injector.GetAttribute("Attack"), "control-replay")
        self.assertEqual(injector.GetAttributes()["Identifiers"], "sniffed")

    def test_injector_refuses_bad_names_when_set(self):
        injector = l2tp.L2tpv3Injector()
        injector.SetAttribute("Encapsulation", "udp")
        with self.assertRaisesRegex(
                ValueError, r'^L2tpv3Injector Encapsulation "gre" is neither ip nor udp$'):
            injector.SetAttribute("Encapsulation", "gre")
        with self.assertRaisesRegex(
                ValueError,
                r'^L2tpv3Injector Attack "flood" is not random-session, random-cookie, forged, '
                r"replay, stopccn, cdn, control-replay or sccrq-flood$"):
            injector.SetAttribute("Attack", "flood")
        # A refused value leaves the attribute as it was.
        self.assertEqual(injector.GetAttribute("Encapsulation"), "udp")

    def test_device_takes_names(self):
        device = l2tp.L2tpv3NetDevice()
        for name, value in (("Encapsulation", "udp"), ("L2SpecificSublayer", "default"),
                            ("MtuPolicy", "derived")):
            device.SetAttribute(name, value)
            self.assertEqual(device.GetAttribute(name), value)
        with self.assertRaisesRegex(ValueError, r'^Encapsulation "gre" is neither ip nor udp$'):
            device.SetAttribute("Encapsulation", "gre")
        self.assertEqual(device.GetAttribute("Encapsulation"), "udp")

    def test_lcce_takes_names(self):
        nodes = l2tp.NodeContainer(1)
        l2tp.InternetStackHelper().Install(nodes)
        helper = l2tp.L2tpv3LcceHelper()
        helper.SetAttribute("Encapsulation", "udp")
        helper.SetAttribute("L2SpecificSublayer", "default")
        lcce = helper.Install(nodes).Get(0)
        self.assertEqual(lcce.GetAttribute("Encapsulation"), "udp")
        self.assertEqual(lcce.GetAttribute("L2SpecificSublayer"), "default")
        lcce.SetAttribute("Encapsulation", "ip")
        self.assertEqual(lcce.GetAttribute("Encapsulation"), "ip")
        with self.assertRaisesRegex(ValueError, r"^Encapsulation 'gre': must be ip or udp$"):
            lcce.SetAttribute("Encapsulation", "gre")
        l2tp.Simulator.Destroy()


if __name__ == "__main__":
    unittest.main()
