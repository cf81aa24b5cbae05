#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""The two-site topology of the NetBSD l2tp(4) manual, written by hand in Python.

  Host_X --wm1-- NetBSD_A --wm0==== WAN (point-to-point) ====wm0-- NetBSD_B --wm1-- Host_Y
                 bridge0 = wm1 + l2tp0                            bridge0 = wm1 + l2tp0

Where examples/l2tp-bridge-example.py runs the C++ scenario (L2tpv3BridgeScenario),
this script builds the topology itself from the bound ns-3 helpers, line by line as
one would in C++: CSMA LANs, a point-to-point WAN, the Internet stack on every node,
an l2tp0 pseudowire per router (L2tpv3Helper.InstallPair), a bridge joining each
router's LAN port and its l2tp0, and the two hosts in one IPv4 subnet across the
tunnel. Host_X and Host_Y ping each other (ns-3's V4Ping), Host_X sends a bulk TCP
flow to Host_Y, and the flow monitor on the hosts reports each flow.

  ./ns3 run l2tp-topology.py
  ./ns3 run l2tp-topology.py --cookieLen=8 --wanDelay=20ms --pcap
"""

import argparse
import math
import sys

import l2tp

PORT = 5001
PROTOCOLS = {6: "TCP", 17: "UDP"}


def build(args):
    """Build the topology; return what the run and the summary need."""
    # Full-size frames: 1514 = 14 Ethernet + 20 IP + 20 TCP + 12 timestamps + 1448.
    l2tp.Config.SetDefault("ns3::TcpSocket::SegmentSize", 1448)

    nodes = l2tp.NodeContainer(4)
    router_a, router_b, host_x, host_y = (nodes.Get(i) for i in range(4))
    for name, node in (("NetBSD_A", router_a), ("NetBSD_B", router_b),
                       ("Host_X", host_x), ("Host_Y", host_y)):
        l2tp.Names.Add(name, node)

    # The LANs: Host_X -- NetBSD_A wm1, Host_Y -- NetBSD_B wm1.
    lan = l2tp.CsmaHelper()
    lan.SetChannelAttribute("DataRate", args.lanRate)
    lan.SetChannelAttribute("Delay", "1us")
    lan_a = lan.Install(l2tp.NodeContainer([host_x, router_a]))
    lan_b = lan.Install(l2tp.NodeContainer([host_y, router_b]))

    # The WAN: wm0 of both routers on a point-to-point link.
    wan = l2tp.PointToPointHelper()
    wan.SetDeviceAttribute("DataRate", args.wanRate)
    wan.SetDeviceAttribute("Mtu", args.wanMtu)
    wan.SetChannelAttribute("Delay", args.wanDelay)
    wan_devices = wan.Install(router_a, router_b)

    for name, device in (("Host_X/wm0", lan_a.Get(0)), ("NetBSD_A/wm1", lan_a.Get(1)),
                         ("Host_Y/wm0", lan_b.Get(0)), ("NetBSD_B/wm1", lan_b.Get(1)),
                         ("NetBSD_A/wm0", wan_devices.Get(0)),
                         ("NetBSD_B/wm0", wan_devices.Get(1))):
        l2tp.Names.Add(name, device)

    l2tp.InternetStackHelper().Install(nodes)

    # The routers' WAN addresses, as in the manual: 192.168.0.1/24 and .2.
    wan_interfaces = l2tp.Ipv4AddressHelper("192.168.0.0", "255.255.255.0").Assign(wan_devices)

    # l2tp0 on both routers: session 1234 4321 (and the mirror on NetBSD_B).
    pw_helper = l2tp.L2tpv3Helper()
    pw_helper.SetSessionIds(1234, 4321)
    if args.cookieLen:
        pw_helper.SetCookies(l2tp.L2tpv3Cookie(args.cookieLen, 12345),
                             l2tp.L2tpv3Cookie(args.cookieLen, 54321))
    pseudowires = pw_helper.InstallPair(router_a, wan_interfaces.GetAddress(0),
                                        router_b, wan_interfaces.GetAddress(1))
    l2tp.Names.Add("NetBSD_A/l2tp0", pseudowires.Get(0))
    l2tp.Names.Add("NetBSD_B/l2tp0", pseudowires.Get(1))

    # bridge0 = wm1 + l2tp0 on each router.
    bridge = l2tp.BridgeHelper()
    bridge.Install(router_a, l2tp.NetDeviceContainer([lan_a.Get(1), pseudowires.Get(0)]))
    bridge.Install(router_b, l2tp.NetDeviceContainer([lan_b.Get(1), pseudowires.Get(1)]))

    # The hosts: one subnet across both sites.
    hosts = l2tp.NetDeviceContainer([lan_a.Get(0), lan_b.Get(0)])
    host_interfaces = l2tp.Ipv4AddressHelper("10.0.0.0", "/24").Assign(hosts)
    x = host_interfaces.GetAddress(0)
    y = host_interfaces.GetAddress(1)

    if args.pcap:
        lan.EnablePcapAll("l2tp-topology", True)
        wan.EnablePcapAll("l2tp-topology", True)
        pw_helper.EnablePcapAll("l2tp-topology", True)

    return {"nodes": nodes, "x": x, "y": y, "pseudowires": pseudowires,
            "host_x": host_x, "host_y": host_y}


def ping(source, destination, start, stop, rtts):
    """V4Ping from source to destination once a second; RTTs appended to rtts."""
    helper = l2tp.V4PingHelper(destination)
    helper.SetAttribute("Interval", "1s")
    apps = helper.Install(source)
    apps.Start(l2tp.Seconds(start))
    apps.Stop(l2tp.Seconds(stop))
    apps.Get(0).TraceConnectWithoutContext("Rtt", lambda rtt: rtts.append(rtt.GetSeconds()))
    # V4Ping does not count what it sends: one request at start, then one a second
    # until stop (which falls between two requests).
    return math.ceil(stop - start)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time", type=float, default=10.0, help="simulated seconds")
    parser.add_argument("--cookieLen", type=int, default=0, help="cookie length: 0, 4 or 8")
    parser.add_argument("--lanRate", default="100Mbps", help="LAN data rate")
    parser.add_argument("--wanRate", default="1Gbps", help="WAN data rate")
    parser.add_argument("--wanDelay", default="5ms", help="WAN one-way delay")
    parser.add_argument("--wanMtu", type=int, default=1500, help="MTU of the WAN ports")
    parser.add_argument("--maxBytes", type=int, default=0,
                        help="bytes the bulk flow sends (0: until the end)")
    parser.add_argument("--pcap", action="store_true",
                        help="write l2tp-topology-<node>-<device>.pcap files")
    args = parser.parse_args(argv)
    if args.time < 4:
        parser.error(f"--time={args.time}: must be at least 4 seconds")

    try:
        t = build(args)
    except ValueError as error:  # a bad option, refused with ns-3's reason
        print(error, file=sys.stderr)
        return 1

    # Pings both ways, stopping 0.75 s before the end so that each is answered.
    rtts_x, rtts_y = [], []
    sent_x = ping(t["host_x"], t["y"], 1.0, args.time - 0.75, rtts_x)
    sent_y = ping(t["host_y"], t["x"], 1.5, args.time - 0.75, rtts_y)

    # Bulk TCP Host_X -> Host_Y.
    sink_apps = l2tp.PacketSinkHelper(
        "ns3::TcpSocketFactory", l2tp.InetSocketAddress(l2tp.Ipv4Address.GetAny(), PORT)
    ).Install(t["host_y"])
    sink_apps.Start(l2tp.Seconds(0))
    bulk = l2tp.BulkSendHelper("ns3::TcpSocketFactory", l2tp.InetSocketAddress(t["y"], PORT))
    bulk.SetAttribute("MaxBytes", args.maxBytes)
    bulk.SetAttribute("SendSize", 1448)
    bulk_apps = bulk.Install(t["host_x"])
    bulk_apps.Start(l2tp.Seconds(2))
    bulk_apps.Stop(l2tp.Seconds(args.time))

    # The flow monitor on the hosts: the flows as they see them, inside the tunnel.
    flowmon_helper = l2tp.FlowMonitorHelper()
    monitor = flowmon_helper.Install(l2tp.NodeContainer([t["host_x"], t["host_y"]]))

    l2tp.Simulator.Stop(l2tp.Seconds(args.time))
    l2tp.Simulator.Run()

    monitor.CheckForLostPackets()
    classifier = flowmon_helper.GetClassifier()
    sink = sink_apps.Get(0)
    rtts = rtts_x + rtts_y

    print(f"l2tp two-site topology (Python, by hand): NetBSD_A 192.168.0.1 <-> NetBSD_B "
          f"192.168.0.2, {args.wanRate}/{args.wanDelay} point-to-point WAN, "
          f"session 1234 4321, cookie "
          f"{f'{args.cookieLen} 12345 {args.cookieLen} 54321' if args.cookieLen else 'none'}")
    print(f"  ping Host_X -> Host_Y ({t['y']}): {len(rtts_x)}/{sent_x} answered")
    print(f"  ping Host_Y -> Host_X ({t['x']}): {len(rtts_y)}/{sent_y} answered")
    if rtts:
        print(f"  rtt min/avg/max: {min(rtts) * 1e3:.2f}/{sum(rtts) / len(rtts) * 1e3:.2f}/"
              f"{max(rtts) * 1e3:.2f} ms")
    received = sink.GetTotalRx()
    print(f"  bulk TCP Host_X -> Host_Y: {received} bytes received, goodput "
          f"{received * 8 / (args.time - 2) / 1e6:.2f} Mbit/s")
    print("  flow monitor on the hosts:")
    for flow_id, stats in sorted(monitor.GetFlowStats().items()):
        five = classifier.FindFlow(flow_id)
        delay = stats.delaySum.GetSeconds() / stats.rxPackets * 1e3 if stats.rxPackets else 0
        print(f"    flow {flow_id} {five.sourceAddress}:{five.sourcePort} -> "
              f"{five.destinationAddress}:{five.destinationPort} "
              f"{PROTOCOLS.get(five.protocol, five.protocol)}: "
              f"tx {stats.txPackets} packets {stats.txBytes} bytes, "
              f"rx {stats.rxPackets} packets {stats.rxBytes} bytes, "
              f"lost {stats.lostPackets}, mean delay {delay:.2f} ms")
    for name, device in (("NetBSD_A", t["pseudowires"].Get(0)),
                         ("NetBSD_B", t["pseudowires"].Get(1))):
        c = device.GetCounters()
        drops = {reason: n for reason, n in c.drops.items() if n}
        print(f"  {name} l2tp0: {c.txPackets} frames encapsulated ({c.txBytes} bytes), "
              f"{c.rxPackets} decapsulated ({c.rxBytes} bytes), "
              f"drops: {drops or 'none'}")

    l2tp.Simulator.Destroy()
    l2tp.Names.Clear()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
