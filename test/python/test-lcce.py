#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""The control plane through the bindings: two LCCEs on one CSMA segment, built in
Python, bring a pseudowire up; the traces reach Python callables with the right
arguments; an unoffered Remote End ID is refused with a CDN (Result Code 5); bad
inputs raise ValueError with the C++ message, before Simulator.Run.

  NetBSD_A wm0 ---- CSMA 192.168.0.0/24 ---- wm0 NetBSD_B
  bridge0 = wm1 + l2tp0 (pw1)                bridge0 = wm1 + l2tp0 (pw1)
"""

import sys
import unittest

import l2tp

M = l2tp.L2tpv3MessageType


def two_lcces(initiator_ids=("pw1",), responder_ids=("pw1",), **attributes):
    """Two routers on a CSMA segment, each with an LCCE and a bridge over its LAN port;
    NetBSD_A adds initiator_ids over its one peer, NetBSD_B offers responder_ids."""
    nodes = l2tp.NodeContainer(2)
    router_a, router_b = nodes.Get(0), nodes.Get(1)
    l2tp.Names.Add("NetBSD_A", router_a)
    l2tp.Names.Add("NetBSD_B", router_b)
    csma = l2tp.CsmaHelper()
    csma.SetChannelAttribute("DataRate", "100Mbps")
    csma.SetChannelAttribute("Delay", "1ms")
    wan = csma.Install(nodes)
    lan_a = csma.Install(router_a)  # a LAN port each, for the bridges
    lan_b = csma.Install(router_b)
    l2tp.InternetStackHelper().Install(nodes)
    wan_if = l2tp.Ipv4AddressHelper("192.168.0.0", "/24").Assign(wan)
    bridge = l2tp.BridgeHelper()
    bridge_a = bridge.Install(router_a, lan_a).Get(0)
    bridge_b = bridge.Install(router_b, lan_b).Get(0)

    helper = l2tp.L2tpv3LcceHelper()
    for name, value in attributes.items():
        helper.SetAttribute(name, value)
    lcces = helper.Install(nodes)
    lcce_a, lcce_b = lcces.Get(0), lcces.Get(1)
    lcce_a.AssignStreams(1)
    lcce_b.AssignStreams(2)
    peer = lcce_a.AddPeer(wan_if.GetAddress(0), wan_if.GetAddress(1))
    for pw in initiator_ids:
        lcce_a.AddPseudowire(peer, pw, bridge_a)
    for pw in responder_ids:
        lcce_b.OfferPseudowire(pw, bridge_b)
    return {"nodes": nodes, "a": lcce_a, "b": lcce_b, "bridge_a": bridge_a,
            "bridge_b": bridge_b, "peer": peer, "wan_if": wan_if}


def run(seconds):
    l2tp.Simulator.Stop(l2tp.Seconds(seconds))
    l2tp.Simulator.Run()


class LcceTest(unittest.TestCase):
    def tearDown(self):
        l2tp.Simulator.Destroy()
        l2tp.Names.Clear()

    def test_session_comes_up(self):
        t = two_lcces(CookieLength=8, L2SpecificSublayer="default", DataSequencing=True)
        a, b = t["a"], t["b"]
        self.assertIsInstance(a, l2tp.L2tpv3Lcce)
        self.assertIsInstance(t["bridge_a"], l2tp.BridgeNetDevice)
        sent_a, received_b, states, sessions, up, down = [], [], [], [], [], []
        a.TraceConnectWithoutContext(
            "ControlTx", lambda ccid, m: sent_a.append((ccid, m.GetMessageType(), m.GetNs())))
        b.TraceConnectWithoutContext("ControlRx", lambda ccid, m: received_b.append(m))
        a.TraceConnectWithoutContext("ConnectionState",
                                     lambda ccid, old, new: states.append((old, new)))
        a.TraceConnectWithoutContext("SessionState",
                                     lambda sid, old, new: sessions.append(new))
        a.TraceConnectWithoutContext("SessionUp", lambda p, device: up.append((p, device)))
        a.TraceConnectWithoutContext("SessionDown", lambda p, reason: down.append(reason))
        run(2)

        self.assertEqual(a.GetNSessionsUp(), 1)
        self.assertEqual(b.GetNSessionsUp(), 1)
        # The initiator sends exactly SCCRQ, SCCCN, ICRQ, ICCN (the responder acks the last).
        self.assertEqual([m for _, m, _ in sent_a], [M.SCCRQ, M.SCCCN, M.ICRQ, M.ICCN])
        self.assertEqual([ns for _, _, ns in sent_a], [0, 1, 2, 3])
        self.assertEqual(sent_a[0][0], sent_a[-1][0])  # one connection
        self.assertEqual([m.GetMessageType().label for m in received_b],
                         ["SCCRQ", "SCCCN", "ICRQ", "ICCN"])
        self.assertIn("SCCRQ", str(received_b[0]))
        self.assertFalse(received_b[0].IsZlb())
        self.assertEqual(received_b[0].GetControlConnectionId(), 0)  # SCCRQ: none yet
        self.assertEqual(states[-1][1], l2tp.L2tpv3ConnectionState.ESTABLISHED)
        self.assertEqual(states[0][0], l2tp.L2tpv3ConnectionState.IDLE)
        self.assertEqual(sessions[-1], l2tp.L2tpv3SessionState.ESTABLISHED)
        self.assertEqual(down, [])

        # The devices' Session IDs and cookies mirror each other.
        da, db = a.GetDevice("pw1"), b.GetDevice("pw1")
        self.assertIsInstance(da, l2tp.L2tpv3NetDevice)
        self.assertTrue(da.IsLinkUp() and db.IsLinkUp())
        self.assertNotEqual(da.GetLocalSessionId(), 0)
        self.assertEqual(da.GetLocalSessionId(), db.GetRemoteSessionId())
        self.assertEqual(da.GetRemoteSessionId(), db.GetLocalSessionId())
        self.assertEqual(str(da.GetLocalCookie()), str(db.GetRemoteCookie()))
        self.assertIsNone(a.GetDevice("nope"))
        # Each bridge has its LAN port and the pseudowire.
        self.assertEqual(t["bridge_a"].GetNBridgePorts(), 2)

        # SessionUp carried the negotiated parameters and the device.
        (params, device), = up
        self.assertEqual(params.remoteEndId, "pw1")
        self.assertEqual(params.localSessionId, da.GetLocalSessionId())
        self.assertEqual(params.remoteSessionId, da.GetRemoteSessionId())
        self.assertEqual(params.sublayer, 1)
        self.assertTrue(params.requireSequence)
        self.assertEqual(device.GetLocalSessionId(), da.GetLocalSessionId())
        with self.assertRaises(AttributeError):
            params.remoteEndId = "x"  # read-only

        # Counters: per type, as dicts, read-only.
        c = a.GetCounters()
        self.assertEqual(c.GetTx(M.SCCRQ), 1)
        self.assertEqual(c.GetTx(M.ICCN), 1)
        self.assertEqual(c.GetRx(M.SCCRP), 1)
        self.assertEqual(c.txMessages["ICRQ"], 1)
        self.assertEqual(c.connectionsEstablished, 1)
        self.assertEqual(c.sessionsUp, 1)
        self.assertEqual(c.retransmissions, 0)
        self.assertEqual(c.sessionsDown, {"cdn_received": 0, "cdn_sent": 0,
                                          "connection_closed": 0, "peer_timeout": 0})
        self.assertEqual(c.cdnSent, {})
        self.assertEqual((c.wrongSource, c.replySuppressed), (0, 0))  # one honest peer
        self.assertIn("SCCRQ tx 1", str(c))
        with self.assertRaises(AttributeError):
            c.retransmissions = 5

    def test_unoffered_remote_end_id(self):
        t = two_lcces(initiator_ids=("pw1", "pw9"), responder_ids=("pw1",))
        run(2)
        a, b = t["a"], t["b"]
        self.assertEqual(a.GetNSessionsUp(), 1)
        self.assertEqual(b.GetCounters().cdnSent, {5: 1})  # §5.4.2: no such Remote End ID
        self.assertEqual(a.GetCounters().cdnReceived, {5: 1})
        self.assertEqual(b.GetCounters().GetTx(M.CDN), 1)
        self.assertFalse(a.GetDevice("pw9").IsLinkUp())
        self.assertEqual(b.GetNReplySources(), 0)  # every message belonged to a connection

    def test_offer_any(self):
        t = two_lcces(initiator_ids=("pw1", "site-7"), responder_ids=())
        t["b"].OfferAnyPseudowire(t["bridge_b"])
        run(2)
        a, b = t["a"], t["b"]
        self.assertEqual(a.GetNSessionsUp(), 2)  # no CDN 5: every ID accepted
        self.assertEqual(b.GetCounters().cdnSent, {})
        self.assertTrue(b.GetDevice("site-7").IsLinkUp())

    def test_close_all(self):
        t = two_lcces()
        a, b = t["a"], t["b"]
        down = []
        b.TraceConnectWithoutContext(
            "SessionDown", lambda p, reason: down.append((p.remoteEndId, reason.label)))
        l2tp.Simulator.Schedule(l2tp.Seconds(1), a.CloseAll)
        run(3)
        self.assertEqual(b.GetNSessionsUp(), 0)
        self.assertEqual(down, [("pw1", "connection_closed")])
        self.assertEqual(b.GetCounters().stopCcnReceived, {1: 1})

    def test_close_pseudowire(self):
        t = two_lcces(initiator_ids=("pw1", "pw2"), responder_ids=("pw1", "pw2"))
        a, b = t["a"], t["b"]
        down = []
        b.TraceConnectWithoutContext(
            "SessionDown", lambda p, reason: down.append((p.remoteEndId, reason.label)))
        results = []
        l2tp.Simulator.Schedule(l2tp.Seconds(1),
                                lambda: results.append(a.ClosePseudowire("pw2", 1)))
        l2tp.Simulator.Schedule(l2tp.Seconds(2),
                                lambda: results.append(a.ClosePseudowire("pw2")))
        run(3)
        self.assertEqual(results, [True, False])  # the second: no session left to close
        self.assertEqual(a.GetCounters().cdnSent, {1: 1})
        self.assertEqual(b.GetCounters().cdnReceived, {1: 1})
        self.assertEqual(down, [("pw2", "cdn_received")])
        self.assertEqual((a.GetNSessionsUp(), b.GetNSessionsUp()), (1, 1))  # pw1 stays
        self.assertEqual(a.GetNConnections(), 1)
        self.assertEqual(a.GetCounters().GetTx(M.STOPCCN), 0)
        self.assertEqual(a.GetCounters().stopCcnUnacknowledged, 0)
        with self.assertRaisesRegex(ValueError, r"^ClosePseudowire: remoteEndId 'nope' names "
                                    r"no pseudowire of this LCCE$"):
            a.ClosePseudowire("nope")
        with self.assertRaisesRegex(ValueError, r"^ClosePseudowire: resultCode 0 is reserved"):
            a.ClosePseudowire("pw1", 0)

    def test_start_time(self):
        t = two_lcces()
        t["a"].SetStartTime(l2tp.Seconds(1))
        sent = []
        t["a"].TraceConnectWithoutContext(
            "ControlTx", lambda ccid, m: sent.append(l2tp.Simulator.Now().GetSeconds()))
        run(2)
        self.assertEqual(sent[0], 1.0)
        self.assertEqual(t["a"].GetNSessionsUp(), 1)

    def test_authentication(self):
        # RFC 3931 §4.3: the same Secret on both sides, HMAC-SHA-1, hidden AVPs: up, nothing
        # refused; the new counters are read from Python.
        t = two_lcces(Secret="s3cret", DigestAlgorithm="SHA-1", HideAvps=True)
        run(3)
        self.assertEqual(t["a"].GetNSessionsUp(), 1)
        for side in ("a", "b"):
            c = t[side].GetCounters()
            self.assertEqual((c.rxDigestInvalid, c.rxDigestMissing, c.rxNonceMissing,
                              c.rxHiddenInvalid), (0, 0, 0, 0))
            self.assertEqual(c.GetTx(M.ZLB), 0)  # §6.15: no ZLBs with authentication
            self.assertIn("rx_digest_invalid 0", str(c))
        self.assertGreater(t["a"].GetCounters().GetTx(M.ACK) + t["b"].GetCounters().GetTx(M.ACK),
                           0)
        self.assertEqual(t["a"].GetAttribute("Secret"), "s3cret")
        self.assertEqual(t["a"].GetAttribute("DigestAlgorithm"), "SHA-1")
        self.assertEqual(t["a"].GetAttribute("HideAvps"), "true")

    def test_wrong_secret(self):
        t = two_lcces(Secret="a")
        t["b"].SetAttribute("Secret", "b")
        run(3)
        self.assertEqual(t["a"].GetNSessionsUp(), 0)
        a, b = t["a"].GetCounters(), t["b"].GetCounters()
        self.assertGreater(b.rxDigestInvalid, 0)
        self.assertGreater(b.stopCcnSent.get(4, 0), 0)  # §5.4.2: not authorized
        self.assertGreater(a.rxDigestInvalid, 0)
        self.assertIn("rx_digest_invalid", str(b))

    def test_bad_digest_algorithm(self):
        with self.assertRaises(ValueError):
            two_lcces(DigestAlgorithm="SHA-256")

    def test_bad_inputs(self):
        t = two_lcces()
        a, b = t["a"], t["b"]
        with self.assertRaisesRegex(ValueError, r"^AddPseudowire: peer 7 is not an index "
                                    r"AddPeer returned \(1 peers\)$"):
            a.AddPseudowire(7, "pw2", None)
        with self.assertRaisesRegex(ValueError, r"^AddPseudowire: Remote End ID '' is empty"):
            a.AddPseudowire(t["peer"], "", None)
        with self.assertRaisesRegex(ValueError, r"^OfferPseudowire: Remote End ID 'pw1' is "
                                    r"empty or already used on this LCCE$"):
            b.OfferPseudowire("pw1")
        with self.assertRaisesRegex(ValueError, r"bridge must be a BridgeNetDevice or None, "
                                    r"not ns3::CsmaNetDevice"):
            a.AddPseudowire(t["peer"], "pw3", t["nodes"].Get(0).GetDevice(1))
        with self.assertRaisesRegex(ValueError, "'192.168.0.300' is not an IPv4 or IPv6"):
            a.AddPeer("192.168.0.1", "192.168.0.300")
        with self.assertRaises(ValueError):  # mixed families: the C++ check
            a.AddPeer("192.168.0.1", "2001:db8::2")
        with self.assertRaisesRegex(ValueError, "has an LCCE already"):
            l2tp.L2tpv3LcceHelper().Install(t["nodes"].Get(0))
        with self.assertRaisesRegex(ValueError, "has no Internet stack"):
            l2tp.L2tpv3LcceHelper().Install(l2tp.Node())
        with self.assertRaisesRegex(ValueError, "^CookieLength 5: must be 0, 4 or 8$"):
            a.SetAttribute("CookieLength", 5)

        helper = l2tp.L2tpv3LcceHelper()
        with self.assertRaisesRegex(ValueError, "^CookieLength 5: must be 0, 4 or 8$"):
            helper.SetAttribute("CookieLength", 5)
        with self.assertRaisesRegex(ValueError, r"could not set CookieLength to '9'"):
            helper.SetAttribute("CookieLength", 9)
        with self.assertRaisesRegex(ValueError, "^Encapsulation 'gre': must be ip or udp$"):
            helper.SetAttribute("Encapsulation", "gre")
        with self.assertRaisesRegex(ValueError, "^L2SpecificSublayer 'x': must be none or"):
            helper.SetAttribute("L2SpecificSublayer", "x")
        with self.assertRaisesRegex(ValueError, r"HelloInterval.*'soon' is not a time"):
            helper.SetAttribute("HelloInterval", "soon")
        with self.assertRaisesRegex(ValueError, "has no attribute 'Cookie'"):
            helper.SetAttribute("Cookie", 4)
        helper.SetAttribute("DataSequencing", True)
        with self.assertRaisesRegex(ValueError, "^DataSequencing needs L2SpecificSublayer "
                                    "default"):
            helper.Install(l2tp.NodeContainer(1))

        # A callable that cannot take the trace's arguments is refused when connected.
        with self.assertRaisesRegex(TypeError, "'ControlTx'.*calls back with 2 arguments"):
            a.TraceConnectWithoutContext("ControlTx", lambda message: None)
        with self.assertRaisesRegex(ValueError, "has no trace source 'Nope'"):
            a.TraceConnectWithoutContext("Nope", lambda: None)

    def test_enums(self):
        self.assertEqual(M.SCCRQ.label, "SCCRQ")
        self.assertEqual(int(M.ICCN.value), 12)
        self.assertEqual(l2tp.L2tpv3MessageTypeName(M.ZLB), "ZLB")
        self.assertEqual(l2tp.L2tpv3MessageTypeName(99), "type 99")
        self.assertEqual(l2tp.L2tpv3ConnectionState.WAIT_CTL_REPLY.label, "wait-ctl-reply")
        self.assertEqual(l2tp.L2tpv3SessionState.WAIT_REPLY.label, "wait-reply")
        self.assertEqual(l2tp.L2tpv3SessionDownReason.PEER_TIMEOUT.label, "peer_timeout")


if __name__ == "__main__":
    unittest.main(argv=sys.argv)
