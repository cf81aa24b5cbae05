#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""L2tpv3EmuHelper from Python, without root: a bad interface name or MAC raises
ValueError with the C++ message when it is set, Install on an interface that does not
exist raises ValueError and leaves the node without a device. Exit 77 (skipped, with the
reason) where the module was built without ns-3's fd-net-device."""

import sys
import unittest

import l2tp

if not hasattr(l2tp, "L2tpv3EmuHelper"):
    print("l2tp-python-emu-helper: skipped: the module was built without ns-3's "
          "fd-net-device (no L2tpv3EmuHelper)")
    sys.exit(77)


class EmuHelperTest(unittest.TestCase):
    def test_names_and_macs(self):
        emu = l2tp.L2tpv3EmuHelper()
        self.assertEqual(emu.GetAttachment(), l2tp.L2tpv3EmuHelper.PACKET_SOCKET)
        with self.assertRaisesRegex(
                ValueError,
                r"^L2tpv3EmuHelper: device '': an interface name has 1 to 15 characters$"):
            emu.SetDeviceName("")
        with self.assertRaisesRegex(ValueError, r"an interface name has 1 to 15 characters$"):
            emu.SetDeviceName("x" * 16)
        emu.SetDeviceName("x" * 15)
        self.assertEqual(emu.GetDeviceName(), "x" * 15)
        with self.assertRaisesRegex(ValueError, r"^L2tpv3EmuHelper: mac '01:00:5e:00:00:01': "
                                    r"a group \(multicast\) address, not a unicast one$"):
            emu.SetMacAddress("01:00:5e:00:00:01")
        with self.assertRaisesRegex(ValueError, r"^L2tpv3EmuHelper: mac '02:00:00:00:00': "
                                    r"not a MAC-48 address"):
            emu.SetMacAddress("02:00:00:00:00")

    def test_install_unknown_interface(self):
        for attachment in (l2tp.L2tpv3EmuHelper.PACKET_SOCKET, l2tp.L2tpv3EmuHelper.TAP):
            emu = l2tp.L2tpv3EmuHelper(attachment)
            node = l2tp.NodeContainer(1).Get(0)
            with self.assertRaisesRegex(ValueError, r"^L2tpv3EmuHelper: device '': no interface "
                                        r"name set \(SetDeviceName\)$"):
                emu.Install(node)
            emu.SetDeviceName("l2tp-nosuch0")
            with self.assertRaisesRegex(ValueError, r"^L2tpv3EmuHelper: device 'l2tp-nosuch0': "
                                        r"no such interface in this network namespace$"):
                emu.Install(node)
            self.assertEqual(node.GetNDevices(), 0)
        l2tp.Simulator.Destroy()


if __name__ == "__main__":
    unittest.main()
