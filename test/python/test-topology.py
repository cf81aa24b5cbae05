#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""The two-site topology, built by hand through the bindings, behaves as it must.

  Host_X --wm1-- NetBSD_A --wm0== point-to-point WAN ==wm0-- NetBSD_B --wm1-- Host_Y
                 bridge0 = wm1 + l2tp0                       bridge0 = wm1 + l2tp0

One run: pings both ways and a TCP transfer of a fixed size that ends well before
the simulation does, so that nothing is in flight at the end and the counters of
the two ends, the flow monitor and the packet sink can be compared exactly.
Then the errors: ns-3 ends the process on a bad attribute, a time in an unknown
unit, a second Internet stack or an address collision; the bindings raise
ValueError naming the parameter and the value, and the process goes on.
"""

import os
import re
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from l2tp_test_support import EXAMPLES_DIR, PYTHON, environment  # noqa: E402

import l2tp  # noqa: E402

DURATION = 8.0
WAN_DELAY_S = 0.005
TRANSFER = 2_000_000  # bytes the bulk flow sends: done by about 3 s
PORT = 5001
# With timestamps, window scaling and SACK off, ns-3's TCP puts no option in any
# segment (it sends no MSS option either): every header is 20 bytes, and so is
# every IPv4 header. The flow monitor counts IP bytes, the sink TCP payload.
IP_TCP_HEADERS = 20 + 20
ETHERNET_HEADER = 14
MIN_FRAME = 60  # Ethernet minimum without FCS: what CSMA pads shorter frames to
SEGMENT = 1460
PING_SIZE = 56
PING_FRAME = ETHERNET_HEADER + 20 + 8 + PING_SIZE  # IPv4, ICMP echo header, payload
PING_X_START, PING_Y_START, PING_STOP = 1.0, 1.5, DURATION - 0.75


def build_and_run():
    """Build the two-site topology with the bound helpers, run it, return what it measured."""
    l2tp.Config.SetDefault("ns3::TcpSocketBase::Timestamp", False)
    l2tp.Config.SetDefault("ns3::TcpSocketBase::WindowScaling", False)
    l2tp.Config.SetDefault("ns3::TcpSocketBase::Sack", False)
    l2tp.Config.SetDefault("ns3::TcpSocket::SegmentSize", SEGMENT)

    nodes = l2tp.NodeContainer(4)
    router_a, router_b, host_x, host_y = (nodes.Get(i) for i in range(4))
    for name, node in (("NetBSD_A", router_a), ("NetBSD_B", router_b),
                       ("Host_X", host_x), ("Host_Y", host_y)):
        l2tp.Names.Add(name, node)

    lan = l2tp.CsmaHelper()
    lan.SetChannelAttribute("DataRate", "100Mbps")
    lan.SetChannelAttribute("Delay", "1us")
    lan_a = lan.Install(l2tp.NodeContainer([host_x, router_a]))
    lan_b = lan.Install(l2tp.NodeContainer([host_y, router_b]))

    # The WAN is faster than the LANs, so that no queue on it overflows: every frame
    # NetBSD_A encapsulates reaches NetBSD_B.
    wan = l2tp.PointToPointHelper()
    wan.SetDeviceAttribute("DataRate", "1Gbps")
    wan.SetChannelAttribute("Delay", "5ms")
    wan_devices = wan.Install(router_a, router_b)

    stack = l2tp.InternetStackHelper()
    stack.Install(nodes)
    wan_if = l2tp.Ipv4AddressHelper("192.168.0.0", "255.255.255.0").Assign(wan_devices)

    helper = l2tp.L2tpv3Helper()
    helper.SetSessionIds(1234, 4321)
    helper.SetCookies(l2tp.L2tpv3Cookie(4, 12345), l2tp.L2tpv3Cookie(4, 54321))
    pseudowires = helper.InstallPair(router_a, wan_if.GetAddress(0),
                                     router_b, wan_if.GetAddress(1))

    bridge = l2tp.BridgeHelper()
    bridge.Install(router_a, l2tp.NetDeviceContainer([lan_a.Get(1), pseudowires.Get(0)]))
    bridge.Install("NetBSD_B", l2tp.NetDeviceContainer([lan_b.Get(1), pseudowires.Get(1)]))

    hosts_if = l2tp.Ipv4AddressHelper("10.0.0.0", "/24").Assign(
        l2tp.NetDeviceContainer([lan_a.Get(0), lan_b.Get(0)]))
    x, y = hosts_if.GetAddress(0), hosts_if.GetAddress(1)

    rtts = {"x": [], "y": []}
    for source, destination, start, key in ((host_x, y, PING_X_START, "x"),
                                            (host_y, x, PING_Y_START, "y")):
        ping = l2tp.V4PingHelper(destination)
        ping.SetAttribute("Interval", "1s")
        ping.SetAttribute("Size", PING_SIZE)
        apps = ping.Install(source)
        apps.Start(l2tp.Seconds(start))
        apps.Stop(l2tp.Seconds(PING_STOP))
        apps.Get(0).TraceConnectWithoutContext(
            "Rtt", lambda rtt, key=key: rtts[key].append(rtt.GetSeconds()))

    sink_apps = l2tp.PacketSinkHelper(
        "ns3::TcpSocketFactory", l2tp.InetSocketAddress(l2tp.Ipv4Address.GetAny(), PORT)
    ).Install(host_y)
    sink_apps.Start(l2tp.Seconds(0))
    bulk = l2tp.BulkSendHelper("ns3::TcpSocketFactory", l2tp.InetSocketAddress(y, PORT))
    bulk.SetAttribute("MaxBytes", TRANSFER)
    bulk.SetAttribute("SendSize", SEGMENT)
    bulk_apps = bulk.Install(host_x)
    bulk_apps.Start(l2tp.Seconds(2))

    flowmon = l2tp.FlowMonitorHelper()
    monitor = flowmon.Install(l2tp.NodeContainer([host_x, host_y]))

    l2tp.Simulator.Stop(l2tp.Seconds(DURATION))
    l2tp.Simulator.Run()
    monitor.CheckForLostPackets()
    classifier = flowmon.GetClassifier()
    flows = {}
    for flow_id, stats in monitor.GetFlowStats().items():
        flows[flow_id] = (classifier.FindFlow(flow_id), stats)
    return {
        "x": str(x), "y": str(y), "rtts": rtts, "flows": flows,
        "sink": sink_apps.Get(0).GetTotalRx(),
        "a": pseudowires.Get(0).GetCounters(), "b": pseudowires.Get(1).GetCounters(),
        "classifier": classifier, "bulk_app": bulk_apps.Get(0), "sink_app": sink_apps.Get(0),
    }


class TopologyTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.r = build_and_run()

    @classmethod
    def tearDownClass(cls):
        l2tp.Simulator.Destroy()
        l2tp.Names.Clear()
        l2tp.Config.Reset()

    def flow(self, source, destination):
        """The (five-tuple, stats) of the one TCP flow source -> destination."""
        found = [(t, s) for t, s in self.r["flows"].values()
                 if (str(t.sourceAddress), str(t.destinationAddress), t.protocol)
                 == (source, destination, 6)]
        self.assertEqual(len(found), 1, f"flows {source} -> {destination}: {found}")
        return found[0]

    def test_addresses_and_downcasts(self):
        self.assertEqual((self.r["x"], self.r["y"]), ("10.0.0.1", "10.0.0.2"))
        # pybind11 returns the most derived bound class of an application.
        self.assertIsInstance(self.r["bulk_app"], l2tp.BulkSendApplication)
        self.assertIsInstance(self.r["sink_app"], l2tp.PacketSink)
        self.assertIsInstance(self.r["classifier"], l2tp.Ipv4FlowClassifier)

    def test_pings_answered_across_the_wan(self):
        # V4Ping sends at its start and once a second until it stops.
        for key, start in (("x", PING_X_START), ("y", PING_Y_START)):
            rtts = self.r["rtts"][key]
            expected = len([t for t in range(100) if start + t < PING_STOP])
            self.assertEqual(len(rtts), expected, f"replies to Host_{key.upper()}'s pings")
            # The only way between the hosts is the tunnel: each RTT crosses the WAN twice.
            self.assertGreaterEqual(min(rtts), 2 * WAN_DELAY_S)

    def test_sink_received_the_transfer_and_the_flow_monitor_agrees(self):
        self.assertEqual(self.r["sink"], TRANSFER)
        five, data = self.flow("10.0.0.1", "10.0.0.2")
        self.assertEqual(five.destinationPort, PORT)
        self.assertGreater(data.rxPackets, TRANSFER // SEGMENT)
        # Nothing lost, nothing left in flight, nothing sent twice: the IP bytes the
        # flow monitor saw arrive are the sink's bytes plus 40 bytes of headers each.
        self.assertEqual(data.lostPackets, 0)
        self.assertEqual((data.rxPackets, data.rxBytes), (data.txPackets, data.txBytes))
        self.assertEqual(data.rxBytes - IP_TCP_HEADERS * data.rxPackets, self.r["sink"])
        self.assertGreaterEqual(data.delaySum.GetSeconds(), WAN_DELAY_S * data.rxPackets)
        # The reverse flow: acknowledgements only (SYN-ACK and FIN carry no payload).
        back_five, back = self.flow("10.0.0.2", "10.0.0.1")
        self.assertEqual(back_five.sourcePort, PORT)
        self.assertEqual(back.rxBytes, IP_TCP_HEADERS * back.rxPackets)
        self.assertEqual(back.lostPackets, 0)

    def test_pseudowire_counters_agree_across_the_two_ends(self):
        a, b = self.r["a"], self.r["b"]
        self.assertGreater(a.txPackets, 0)
        self.assertGreater(b.txPackets, 0)
        # Every frame one end encapsulated, the other decapsulated, byte for byte.
        self.assertEqual((b.rxPackets, b.rxBytes), (a.txPackets, a.txBytes))
        self.assertEqual((a.rxPackets, a.rxBytes), (b.txPackets, b.txBytes))
        self.assertEqual(a.GetTotalDrops() + b.GetTotalDrops(), 0)

    def test_pseudowire_carried_each_packet_as_one_frame(self):
        # Site A to site B: the data flow's segments, Host_X's echo requests and
        # replies, and ARP; site B to site A the same with the acknowledgements. Each
        # as one Ethernet frame: 14 bytes on its IP packet, padded to the 60-byte
        # minimum when shorter (the CSMA LAN pads, the bridge forwards as it got it).
        _, data = self.flow("10.0.0.1", "10.0.0.2")
        _, acks = self.flow("10.0.0.2", "10.0.0.1")
        pings = {key: len(rtts) for key, rtts in self.r["rtts"].items()}
        segments = -(-TRANSFER // SEGMENT)  # with SendSize = SegmentSize, one write each
        for counters, tcp, payload_segments, icmp in (
                (self.r["b"], data, segments, pings["x"] + pings["y"]),
                (self.r["a"], acks, 0, pings["y"] + pings["x"])):
            arp = counters.rxPackets - tcp.rxPackets - icmp
            # A request for the other host crosses, and perhaps a reply to its request.
            self.assertIn(arp, (1, 2))
            short = tcp.rxPackets - payload_segments  # SYN, ACK, FIN: padded
            self.assertEqual(counters.rxBytes,
                             tcp.rxBytes + ETHERNET_HEADER * tcp.rxPackets
                             + (MIN_FRAME - ETHERNET_HEADER - IP_TCP_HEADERS) * short
                             + PING_FRAME * icmp + MIN_FRAME * arp)

    def test_five_tuple_lookup_of_an_unknown_flow_is_a_key_error(self):
        with self.assertRaisesRegex(KeyError, "no flow 99"):
            self.r["classifier"].FindFlow(99)


class ExampleTest(unittest.TestCase):
    def test_example_runs_and_reports(self):
        out = subprocess.run([PYTHON, os.path.join(EXAMPLES_DIR, "l2tp-topology.py"),
                              "--time=5", "--cookieLen=8"],
                             capture_output=True, text=True, env=environment(), timeout=120)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertRegex(out.stdout, r"ping Host_X -> Host_Y \(10\.0\.0\.2\): 4/4 answered")
        self.assertRegex(out.stdout, r"ping Host_Y -> Host_X \(10\.0\.0\.1\): 3/3 answered")
        self.assertRegex(out.stdout, r"flow 1 10\.0\.0\.1:\d+ -> 10\.0\.0\.2:5001 TCP")
        self.assertIn("cookie 8 12345 8 54321", out.stdout)
        self.assertEqual(out.stdout.count("drops: none"), 2)
        received = int(re.search(r"bulk TCP Host_X -> Host_Y: (\d+) bytes", out.stdout)[1])
        self.assertGreater(received, 0)

    def test_example_bad_option(self):
        out = subprocess.run([PYTHON, os.path.join(EXAMPLES_DIR, "l2tp-topology.py"),
                              "--wanDelay=5parsecs"],
                             capture_output=True, text=True, env=environment(), timeout=60)
        self.assertEqual(out.returncode, 1)
        self.assertIn("Delay", out.stderr)
        self.assertIn("'5parsecs'", out.stderr)


class ErrorTest(unittest.TestCase):
    """Each of these would end the process in ns-3; here it is a ValueError."""

    def tearDown(self):
        l2tp.Simulator.Destroy()
        l2tp.Names.Clear()

    def test_bad_cookie_length(self):
        with self.assertRaisesRegex(ValueError, "^cookie length must be 0, 4 or 8 bytes, not 5$"):
            l2tp.L2tpv3Cookie(5, 12345)
        with self.assertRaisesRegex(ValueError,
                                    "^LocalCookie length must be 0, 4 or 8 bytes, not 5$"):
            l2tp.L2tpv3Helper().SetDeviceAttribute("LocalCookie", "5:12345")
        device = l2tp.L2tpv3NetDevice()
        with self.assertRaisesRegex(ValueError,
                                    "^RemoteCookie length must be 0, 4 or 8 bytes, not 3$"):
            device.SetAttribute("RemoteCookie", "3:7")

    def test_bad_attribute_values(self):
        with self.assertRaisesRegex(ValueError, r"CsmaHelper\.SetChannelAttribute: could not "
                                    r"set DataRate to 'fast' \(ns3::CsmaChannel::DataRate"):
            l2tp.CsmaHelper().SetChannelAttribute("DataRate", "fast")
        # A time in an unknown unit aborts ns-3's parser.
        with self.assertRaisesRegex(ValueError, "Delay: '5 parsecs' is not a time"):
            l2tp.PointToPointHelper().SetChannelAttribute("Delay", "5 parsecs")
        with self.assertRaisesRegex(ValueError, "'1 fortnight' is not a time"):
            l2tp.Time("1 fortnight")
        with self.assertRaisesRegex(ValueError, "could not set Mtu to '-3'"):
            l2tp.CsmaHelper().SetDeviceAttribute("Mtu", -3)
        with self.assertRaisesRegex(ValueError, "could not set SegmentSize to 'big'"):
            l2tp.Config.SetDefault("ns3::TcpSocket::SegmentSize", "big")
        # The model's own checker: its C++ message, unchanged.
        with self.assertRaisesRegex(ValueError, '^Encapsulation "gre" is neither ip nor udp$'):
            l2tp.L2tpv3Helper().SetDeviceAttribute("Encapsulation", "gre")

    def test_unknown_attribute(self):
        bulk = l2tp.BulkSendHelper("ns3::TcpSocketFactory",
                                   l2tp.InetSocketAddress("10.0.0.2", PORT))
        with self.assertRaisesRegex(ValueError, "ns3::BulkSendApplication has no attribute "
                                    "'MaxBites'"):
            bulk.SetAttribute("MaxBites", 1)
        with self.assertRaisesRegex(ValueError, "ns3::FlowMonitor has no attribute 'Nope'"):
            l2tp.FlowMonitorHelper().SetMonitorAttribute("Nope", 1)
        with self.assertRaisesRegex(ValueError, "'ns3::GreSocketFactory' is not a socket "
                                    "factory"):
            l2tp.PacketSinkHelper("ns3::GreSocketFactory", l2tp.InetSocketAddress("0.0.0.0", 1))

    def test_bad_addresses(self):
        with self.assertRaisesRegex(ValueError, "'10.0.0.256' is not an IPv4 address"):
            l2tp.Ipv4Address("10.0.0.256")
        with self.assertRaisesRegex(ValueError, "'255.0.255.0' is not a contiguous netmask"):
            l2tp.Ipv4AddressHelper("10.0.0.0", "255.0.255.0")
        with self.assertRaisesRegex(ValueError, "network 10.0.0.1 has host bits set"):
            l2tp.Ipv4AddressHelper("10.0.0.1", "/24")
        with self.assertRaisesRegex(ValueError, "'2001:db8::g' is not an IPv6 address"):
            l2tp.Ipv6Address("2001:db8::g")

    def test_stack_and_address_mistakes(self):
        nodes = l2tp.NodeContainer(3)
        devices = l2tp.CsmaHelper().Install(nodes)
        with self.assertRaisesRegex(ValueError, r"node \d+ has no IPv4 stack"):
            l2tp.Ipv4AddressHelper("10.1.0.0", "/24").Assign(devices)
        stack = l2tp.InternetStackHelper()
        stack.Install(nodes)
        l2tp.Names.Add("Twice", nodes.Get(0))
        with self.assertRaisesRegex(ValueError, r"node \d+ \(Twice\) already has an Internet "
                                    "stack"):
            stack.Install(nodes.Get(0))
        l2tp.Ipv4AddressHelper("10.1.0.0", "/24").Assign(devices)
        with self.assertRaisesRegex(ValueError, "10.1.0.1 is already assigned"):
            l2tp.Ipv4AddressHelper("10.1.0.0", "/24").Assign(devices)
        with self.assertRaisesRegex(ValueError, "no address left in 10.2.0.0/30"):
            l2tp.Ipv4AddressHelper("10.2.0.0", "/30").Assign(devices)
        with self.assertRaisesRegex(ValueError, "a link joins 2 nodes, not 3"):
            l2tp.PointToPointHelper().Install(nodes)
        with self.assertRaisesRegex(ValueError, r"port 1 \(ns3::CsmaNetDevice\) is not on"):
            l2tp.BridgeHelper().Install(nodes.Get(0),
                                        l2tp.NetDeviceContainer([devices.Get(0), devices.Get(1)]))
        with self.assertRaisesRegex(ValueError, "no node named 'Nobody'"):
            l2tp.InternetStackHelper().Install("Nobody")
        # And the process is still there to build more.
        v6 = l2tp.Ipv6AddressHelper("2001:db8:7::", 64).Assign(devices)
        self.assertTrue(str(v6.GetAddress(0, 1)).startswith("2001:db8:7:0:"))
        with self.assertRaisesRegex(IndexError, "has no address 5"):
            v6.GetAddress(0, 5)


if __name__ == "__main__":
    unittest.main()
