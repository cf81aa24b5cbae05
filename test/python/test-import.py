#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""The l2tp module imports, and its runner level behaves as the C++ one."""

import pickle
import unittest

import l2tp

Parameters = l2tp.L2tpv3BridgeScenario.Parameters


class ImportTest(unittest.TestCase):
    def test_names(self):
        for name in ("L2tpv3BridgeScenario", "L2tpv3Counters", "L2tpv3Cookie",
                     "L2tpv3DropReason", "L2tpv3NetDevice", "L2tpv3Helper",
                     "run_once", "print_summary", "compute_derived_mtu",
                     "Simulator", "Config", "Names", "NodeContainer",
                     "NetDeviceContainer", "LogComponentEnable"):
            self.assertTrue(hasattr(l2tp, name), name)

    def test_parameters_keywords_and_defaults(self):
        p = Parameters(cookieLength=4, wanMtu=1400, encapsulation="udp")
        self.assertEqual((p.cookieLength, p.wanMtu, p.encapsulation), (4, 1400, "udp"))
        self.assertEqual(p.frameSize, 1514)
        p.frameSize = 1000
        self.assertEqual(p.frameSize, 1000)
        self.assertEqual(list(p.to_dict()), Parameters.fields())
        self.assertEqual(pickle.loads(pickle.dumps(p)), p)
        with self.assertRaises(TypeError):
            Parameters(noSuchField=1)

    def test_cookie_errors_are_value_errors_with_the_cpp_message(self):
        with self.assertRaisesRegex(ValueError, "^cookie length must be 0, 4 or 8 bytes, not 5$"):
            l2tp.L2tpv3Cookie(5, 1)
        with self.assertRaisesRegex(ValueError, "does not fit in a 4-byte cookie"):
            l2tp.L2tpv3Cookie(4, 1 << 40)
        self.assertEqual(l2tp.L2tpv3Cookie(4, 12345).GetBytes(), b"\x00\x00\x30\x39")
        self.assertEqual(str(l2tp.L2tpv3Cookie.Parse("8:0x10")), "8:16")

    def test_bad_parameter_raises_value_error(self):
        with self.assertRaisesRegex(ValueError, "^cookieLen=5: must be 0, 4 or 8$"):
            l2tp.run_once(Parameters(cookieLength=5))
        with self.assertRaisesRegex(ValueError, "^encap=gre: must be ip or udp$"):
            l2tp.run_once(Parameters(encapsulation="gre"))

    def test_derived_mtu(self):
        self.assertEqual(l2tp.compute_derived_mtu(1500), 1462)
        self.assertEqual(l2tp.L2tpv3NetDevice.ComputeDerivedMtu(
            1500, True, l2tp.L2tpv3Encapsulation.UDP, 8, l2tp.L2tpv3Sublayer.DEFAULT),
            1500 - 40 - 12 - 4 - 8 - 4 - 14)

    def test_run_once_results_and_counters(self):
        p = Parameters(duration=3, cookieLength=8)
        r = l2tp.run_once(p)
        self.assertEqual(r.repliesXtoY, r.pingsXtoY)
        self.assertGreater(r.goodputMbps, 0)
        a = r.pseudowireA
        self.assertEqual(a.tx_packets, a.txPackets)
        self.assertEqual(a.GetDrops(l2tp.L2tpv3DropReason.COOKIE_MISMATCH), 0)
        self.assertEqual(a.rx_cookie_discards, 0)
        self.assertEqual(set(a.drops), {reason.label for reason in l2tp.drop_reasons()})
        self.assertEqual(pickle.loads(pickle.dumps(r)).to_dict(), r.to_dict())
        # After a static route is replaced mid-run (none here): drops every node's kept routes.
        self.assertIsNone(l2tp.flush_route_caches())
        self.assertEqual(l2tp.run_once(p).to_dict(), r.to_dict())
        total = r.pseudowireA + r.pseudowireB
        self.assertEqual(total.txPackets, r.pseudowireA.txPackets + r.pseudowireB.txPackets)
        f = r.frames
        self.assertTrue(f.Balances())
        self.assertEqual(f.sent, a.txPackets + r.pseudowireB.txPackets)
        self.assertEqual(f.delivered, a.rxPackets + r.pseudowireB.rxPackets)
        self.assertEqual(f.sent, f.delivered + f.GetDropped() + f.GetLost() + f.inFlight)
        self.assertEqual(pickle.loads(pickle.dumps(r)).frames.to_dict(), f.to_dict())
        summary = l2tp.print_summary(p, r)
        self.assertIn(f"  frames: {f.sent} sent = {f.delivered} delivered + ", summary)
        self.assertIn("cookie 8 12345 8 54321", summary)
        self.assertTrue(summary.endswith("\n"))

    def test_topology_level_traces_and_attributes(self):
        scenario = l2tp.L2tpv3BridgeScenario(Parameters(duration=3, bulk=False))
        scenario.Build()
        device = scenario.GetPseudowire(0)
        self.assertEqual(device.GetInstanceTypeId(), "ns3::L2tpv3NetDevice")
        self.assertEqual(device.GetAttribute("LocalSessionId"), "1234")
        sent = []
        device.TraceConnectWithoutContext("MacTx", lambda packet: sent.append(packet.GetSize()))
        with self.assertRaisesRegex(ValueError,
                                    "^LocalCookie length must be 0, 4 or 8 bytes, not 5$"):
            device.SetAttribute("LocalCookie", "5:1")
        with self.assertRaises(ValueError):
            device.SetAttribute("NoSuchAttribute", 1)
        with self.assertRaises(ValueError):
            l2tp.Config.SetDefault("ns3::TcpSocket::NoSuchAttribute", 1)
        results = scenario.Run()
        self.assertEqual(len(sent), results.pseudowireA.txPackets)
        self.assertEqual(device.GetCounters().txPackets, results.pseudowireA.txPackets)
        del scenario

    def test_drop_trace(self):
        """The Drop trace calls back with the packet and its reason, once per counted drop."""
        scenario = l2tp.L2tpv3BridgeScenario(
            Parameters(duration=6, bulk=False, attacker=True, attackPackets=50, cookieLength=4))
        scenario.Build()
        reasons = []
        scenario.GetPseudowire(1).TraceConnectWithoutContext(
            "Drop", lambda packet, reason: reasons.append(reason))
        results = scenario.Run()
        counted = results.pseudowireB
        self.assertGreater(counted.GetTotalDrops(), 0)
        self.assertEqual(len(reasons), counted.GetTotalDrops())
        for reason in set(reasons):
            self.assertEqual(reasons.count(reason), counted.GetDrops(reason))
        del scenario
        with self.assertRaisesRegex(
                ValueError, r"^attackStart=3 s: must be at least 0 and less than time - 1 \(2 s\)$"):
            l2tp.L2tpv3BridgeScenario(Parameters(duration=3, attacker=True))

    def test_delete_cookie(self):
        """deletecookie on a device and through the helper; every frame is then a mismatch."""
        scenario = l2tp.L2tpv3BridgeScenario(Parameters(duration=4, bulk=False, cookieLength=8))
        scenario.Build()
        b = scenario.GetPseudowire(1)
        self.assertEqual(b.GetLocalCookie().GetLength(), 8)
        l2tp.L2tpv3Helper().DeleteCookie(l2tp.NetDeviceContainer([b]))
        self.assertEqual(b.GetLocalCookie().GetLength(), 0)
        self.assertEqual(b.GetRemoteCookie().GetLength(), 0)
        scenario.GetPseudowire(0).DeleteCookie()
        self.assertEqual(scenario.GetPseudowire(0).GetRemoteCookie().GetLength(), 0)
        results = scenario.Run()
        self.assertEqual(results.repliesXtoY, results.pingsXtoY)
        self.assertEqual(results.pseudowireB.rxBadLengthType, 0)
        del scenario
        with self.assertRaisesRegex(ValueError, "^L2tpv3Helper::DeleteCookie: device 0 "):
            l2tp.L2tpv3Helper().DeleteCookie(
                l2tp.NetDeviceContainer([l2tp.CsmaHelper().Install(l2tp.NodeContainer(1)).Get(0)]))


if __name__ == "__main__":
    unittest.main()
