#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""L2tpv3Pinger from Python: installed with L2tpv3PingerHelper as ns-3's pings are, it
counts every request and reply between two hosts on one link (IPv4 and IPv6), its RTTs
are those of the link, and requests to an address nobody has stay unanswered."""

import unittest

import l2tp

DELAY_MS = 2  # one way: an RTT is at least twice that
COUNT = 5


def two_hosts(ipv6):
    """Two nodes on one CSMA link, addressed; returns (nodes, the second's address)."""
    nodes = l2tp.NodeContainer(2)
    csma = l2tp.CsmaHelper()
    csma.SetChannelAttribute("DataRate", "100Mbps")
    csma.SetChannelAttribute("Delay", f"{DELAY_MS}ms")
    devices = csma.Install(nodes)
    l2tp.InternetStackHelper().Install(nodes)
    if ipv6:
        for i in range(2):
            nodes.Get(i).GetObject("ns3::Icmpv6L4Protocol").SetAttribute("DAD", False)
        interfaces = l2tp.Ipv6AddressHelper("2001:db8::", 64).Assign(devices)
        return nodes, interfaces.GetAddress(1, 1)
    interfaces = l2tp.Ipv4AddressHelper("10.0.0.0", "/24").Assign(devices)
    return nodes, interfaces.GetAddress(1)


def ping(ipv6, remote=None, traces=None):
    nodes, address = two_hosts(ipv6)
    helper = l2tp.L2tpv3PingerHelper(remote if remote is not None else address)
    helper.SetAttribute("Count", COUNT)
    helper.SetAttribute("Interval", "1s")
    helper.SetAttribute("Size", 100)
    apps = helper.Install(nodes.Get(0))
    apps.Start(l2tp.Seconds(1))
    pinger = apps.Get(0)
    if traces is not None:
        pinger.TraceConnectWithoutContext("Rtt", lambda seq, rtt: traces.append((seq, rtt)))
    l2tp.Simulator.Stop(l2tp.Seconds(COUNT + 3))
    l2tp.Simulator.Run()
    result = (pinger.GetSent(), pinger.GetAnswered(), pinger.GetReplyPattern(),
              pinger.GetRttSummary(), pinger.GetRtts())
    l2tp.Simulator.Destroy()
    return pinger, result


class PingerTest(unittest.TestCase):
    def check_answered(self, ipv6):
        traces = []
        pinger, (sent, answered, pattern, summary, rtts) = ping(ipv6, traces=traces)
        self.assertIsInstance(pinger, l2tp.L2tpv3Pinger)
        self.assertEqual(sent, COUNT)
        self.assertEqual(answered, sent)
        self.assertEqual(pattern, "!" * COUNT)
        self.assertEqual(len(rtts), COUNT)
        ms = [t.GetSeconds() * 1000 for t in rtts]
        # Two propagation delays and two 100-byte frames at 100 Mbit/s; the first request
        # also waits for address resolution (ARP's request jitter, or neighbour discovery).
        self.assertGreaterEqual(ms[0], 2 * DELAY_MS)
        for rtt in ms[1:]:
            self.assertGreaterEqual(rtt, 2 * DELAY_MS)
            self.assertLess(rtt, 2 * DELAY_MS + 0.1)
        self.assertEqual([seq for seq, _ in traces], list(range(COUNT)))
        self.assertEqual([rtt for _, rtt in traces], rtts)
        self.assertAlmostEqual(summary.minMs, min(ms), places=6)
        self.assertAlmostEqual(summary.maxMs, max(ms), places=6)
        self.assertAlmostEqual(summary.avgMs, sum(ms) / len(ms), places=6)

    def test_ipv4_every_request_answered(self):
        self.check_answered(ipv6=False)

    def test_ipv6_every_request_answered(self):
        self.check_answered(ipv6=True)

    def test_nobody_answers_an_unused_address(self):
        _, (sent, answered, pattern, summary, rtts) = ping(False, remote="10.0.0.99")
        self.assertEqual(sent, COUNT)
        self.assertEqual(answered, 0)
        self.assertEqual(pattern, "." * COUNT)
        self.assertEqual(rtts, [])
        self.assertEqual((summary.minMs, summary.avgMs, summary.maxMs), (0, 0, 0))

    def test_errors(self):
        with self.assertRaisesRegex(ValueError,
                                    r"^L2tpv3PingerHelper: '10\.0\.0' is not an IPv4 address$"):
            l2tp.L2tpv3PingerHelper("10.0.0")
        helper = l2tp.L2tpv3PingerHelper("10.0.0.2")
        with self.assertRaisesRegex(ValueError, "is not of the remote's family"):
            helper.SetAttribute("Source", "2001:db8::1")
        with self.assertRaisesRegex(ValueError, "has no attribute 'Cuont'"):
            helper.SetAttribute("Cuont", 3)
        bare = l2tp.NodeContainer(1)
        with self.assertRaisesRegex(ValueError, r"^L2tpv3PingerHelper\.Install: node \d+ has no "
                                                r"IPv4 stack \(InternetStackHelper\.Install "
                                                r"first\)$"):
            helper.Install(bare.Get(0))
        l2tp.Simulator.Destroy()


if __name__ == "__main__":
    unittest.main()
