# SPDX-License-Identifier: GPL-2.0-only
"""The teaching lab from the command line and from Python: every lab of labs/ runs with its
pings answered (and, in NetBSD's if_l2tp lab, failing after the teardown), a bad lab file is
refused with file:line and the reason and exit status 1, and l2tp.Lab gives the same figures
as examples/l2tp-lab --keys."""

import os
import tempfile
import unittest

from l2tp_test_support import BUILD_DIR, SOURCE_DIR, run

import l2tp

PROGRAM = os.path.join(BUILD_DIR, "examples", "l2tp-lab")
LABS = os.path.join(SOURCE_DIR, "labs")


def keys_of(lab, *options):
    out = run([PROGRAM, "--file=" + os.path.join(LABS, lab), "--keys"] + list(options))
    if out.returncode != 0:
        raise AssertionError(out.stderr)
    return dict(line.split("=", 1) for line in out.stdout.splitlines())


class LabFilesTest(unittest.TestCase):
    def test_every_lab_is_exercised(self):
        labs = sorted(f for f in os.listdir(LABS) if f.endswith(".lab"))
        self.assertEqual(labs, ["linux-selftest.lab", "netbsd-blind-insertion.lab",
                                "netbsd-if-l2tp.lab", "netbsd-manual-cookie.lab",
                                "netbsd-manual-l2tpd.lab", "netbsd-manual.lab"])

    def test_manual_pings_answered_across_the_tunnel(self):
        for lab in ("netbsd-manual.lab", "netbsd-manual-cookie.lab"):
            with self.subTest(lab=lab):
                k = keys_of(lab)
                for ping in ("1", "2"):
                    self.assertEqual(k[f"ping.{ping}.sent"], "5")
                    self.assertEqual(k[f"ping.{ping}.answered"], "5")
                # They crossed l2tp0: NetBSD_B decapsulated frames, nothing dropped.
                self.assertGreaterEqual(int(k["NetBSD_B.l2tp0.rx_packets"]), 10)
                self.assertEqual(k["NetBSD_B.l2tp0.rx_errors"], "0")

    def test_manual_program_prints_the_pings(self):
        out = run([PROGRAM, "--file=" + os.path.join(LABS, "netbsd-manual.lab")])
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("ping Host_X -> Host_Y (10.0.0.2): 5 sent, 5 answered !!!!!", out.stdout)
        self.assertIn("NetBSD_A l2tp0: link up", out.stdout)

    def test_netbsd_if_l2tp_setup_and_teardown(self):
        wan6 = "WAN=inet6,LAC1_WANIP=fc00::1,LAC2_WANIP=fc00::2,WAN_LEN=64,WAN_PING=-6"
        lan6 = ("LAN=inet6,CLIENT1_LANIP=fc00:1::1,CLIENT2_LANIP=fc00:1::2,"
                "LAN_LEN=64,LAN_PING=-6")
        # t_l2tp.sh's four families: LAN over WAN, each IPv4 or IPv6.
        for lan, wan in (("", ""), ("", wan6), (lan6, ""), (lan6, wan6)):
            sets = ",".join(x for x in (lan, wan) if x)
            with self.subTest(lan="ipv6" if lan else "ipv4", wan="ipv6" if wan else "ipv4"):
                self.check_if_l2tp(keys_of("netbsd-if-l2tp.lab", *(["--set=" + sets] if sets else [])),
                                   ":" in (lan and "fc00:1::2"), bool(wan))

    def check_if_l2tp(self, k, lan6, wan6):
        self.assertEqual(k["ping.3.address"], "fc00:1::2" if lan6 else "192.168.1.2")
        self.assertEqual(k["ping.1.address"], "fc00::2" if wan6 else "10.0.0.2")
        self.assertEqual(k["ping.1.answered"], "1")   # LAC1 -> LAC2 over the WAN
        self.assertEqual(k["ping.2.answered"], "1")
        self.assertEqual(k["ping.3.sequence"], "!!!")  # clients through the tunnel
        self.assertEqual(k["ping.4.sequence"], "!!!")
        self.assertEqual(k["ping.5.sequence"], "...")  # after deletetunnel, destroy
        self.assertEqual(k["ping.6.sequence"], "...")
        self.assertEqual(k["LAC1.l2tp0.link"], "down")

    def test_linux_selftest_basic_and_route_through(self):
        for encap in ("ip", "udp"):
            with self.subTest(encap=encap):
                k = keys_of("linux-selftest.lab", "--set=ENCAP=" + encap)
                self.assertEqual(k["ping.1.answered"], "2")  # IPv4 basic L2TP tunnel
                self.assertEqual(k["ping.2.answered"], "2")  # IPv4 route through
                self.assertEqual(k["host-2.l2tp4.encap"], encap)

    def test_blind_insertion_lab(self):
        k = keys_of("netbsd-blind-insertion.lab", "--set=ATTACKS=20")
        self.assertEqual(k["inject.1.sent"], "20")
        self.assertEqual(k["NetBSD_B.node.drop_unknown_session"], "20")
        self.assertEqual(k["NetBSD_B.l2tp0.drop_cookie_mismatch"], "20")

    def test_control_plane_lab(self):
        k = keys_of("netbsd-manual-l2tpd.lab")
        self.assertEqual(k["ping.1.answered"], "5")
        sent = [k[f"control.{i:03d}"].split(" sends ")[1].split()[0] for i in range(1, 7)]
        self.assertEqual(sent, ["SCCRQ", "SCCRP", "SCCCN", "ICRQ", "ICRP", "ICCN"])
        self.assertEqual(k["l2tpd.NetBSD_A.session_down_reason"], "peer_timeout")
        self.assertGreater(float(k["l2tpd.NetBSD_A.session_down_at"]), 20)

    def test_bad_lab_file_line_and_reason(self):
        with tempfile.TemporaryDirectory() as tmp:
            with open(os.path.join(LABS, "netbsd-manual.lab")) as f:
                lines = f.read().splitlines()
            number = next(i for i, l in enumerate(lines, 1) if "session 1234 4321" in l)
            lines.insert(number, "    ifconfig l2tp0 cookie 5 12345 4 54321")
            path = os.path.join(tmp, "x.lab")
            with open(path, "w") as f:
                f.write("\n".join(lines) + "\n")
            out = run([PROGRAM, "--file=" + path])
            self.assertEqual(out.returncode, 1)
            self.assertEqual(out.stdout, "")  # nothing ran
            self.assertEqual(out.stderr.strip(),
                             f"{path}:{number + 1}: ifconfig l2tp0 cookie 5 12345 4 54321: "
                             "cookie length must be 0, 4 or 8")

    def test_unreadable_file(self):
        out = run([PROGRAM, "--file=/nonexistent.lab"])
        self.assertEqual(out.returncode, 1)
        self.assertIn("cannot read lab file '/nonexistent.lab'", out.stderr)


class LabPythonTest(unittest.TestCase):
    def test_same_figures_as_the_program(self):
        lab = l2tp.Lab()
        lab.set("COOKIE_B", "99999")
        lab.set_pcap(False)
        lab.load_file(os.path.join(LABS, "netbsd-manual-cookie.lab"))
        results = lab.run()
        self.assertEqual(results.keys,
                         keys_of("netbsd-manual-cookie.lab", "--set=COOKIE_B=99999"))
        self.assertEqual(results.keys["ping.1.answered"], "0")
        self.assertIn("drop_cookie_mismatch=", results.text)

    def test_refused_lab_raises_lab_error(self):
        lab = l2tp.Lab()
        with self.assertRaises(l2tp.LabError) as caught:
            lab.load_string("node A\nA: ifconfig l2tp0 create\n"
                            "A: ifconfig l2tp0 cookie 5 12345 4 54321\n", "labs/x.lab")
        self.assertEqual(str(caught.exception),
                         "labs/x.lab:3: ifconfig l2tp0 cookie 5 12345 4 54321: "
                         "cookie length must be 0, 4 or 8")
        self.assertTrue(issubclass(l2tp.LabError, ValueError))


if __name__ == "__main__":
    unittest.main()
