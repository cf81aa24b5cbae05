#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Sweep the two-site l2tp(4) scenario over WAN MTU x cookie x family x encapsulation.

Each grid point is one run of the C++ L2tpv3BridgeScenario (the scenario of
l2tp-bridge-example), through the `l2tp` Python module. Runs go to a pool of
worker processes, one per core by default, or with --scheduler=tcp://HOST:PORT
to a Dask distributed cluster (start workers with --nthreads 1 and the module
on their PYTHONPATH). Writes, in --output (default l2tp-sweep-results/):

  sweep.csv                      one row per run, in grid order
  goodput-vs-mtu.png/.svg        bulk TCP goodput vs WAN MTU, one line per cookie length
  fragments-vs-mtu.png/.svg      outer fragments per encapsulated frame vs WAN MTU
  overhead-vs-frame-size.png/.svg  bytes added on the WAN per frame, as a share of it

The default grid (60 runs of 10 simulated seconds, about 10 s on 2 cores):
WAN MTU 1280 1400 1500 1540 1544 1548 1560 1564 1568 1600, cookie 0/4/8,
IPv4 and IPv6 underlay, IP encapsulation, 1514-byte frames, a 10 Mbit/s WAN
between 100 Mbit/s LANs and a 64 KiB TCP receive window (so the WAN queue
never overflows and goodput reflects the headers, not loss recovery). The
MTUs straddle the points where a 1514-byte frame plus its L2TPv3 headers
stops fitting.

  ./ns3 run l2tp-sweep.py
  ./ns3 run l2tp-sweep.py --wanMtu=1400,1500,1600 --encap=ip,udp --jobs=1
  ./ns3 run l2tp-sweep.py --scheduler=tcp://10.0.0.5:8786
"""

import argparse
import itertools
import math
import os
import sys
import time

import l2tp
from l2tp_sweep_support import choice_list, int_list, run_points, save_figure, write_csv

DEFAULT_MTUS = [1280, 1400, 1500, 1540, 1544, 1548, 1560, 1564, 1568, 1600]
FAMILIES = {"ipv4": False, "ipv6": True}
# ip, udp: the module's own name table (l2tpv3-names.h), as the C++ examples use it.
ENCAPSULATIONS = l2tp.encapsulation_names()

# CSV columns, in order: the grid point, what follows from the headers, what the run measured.
COLUMNS = [
    "family", "encap", "cookieLen", "wanMtu", "frameSize", "wanRate", "rcvBuf", "time",
    "headerBytes", "encapsulatedSize", "fragmentsExpected",
    "goodputMbps", "bulkBytes", "framesA", "fragmentedA", "fragmentsA",
    "fragmentsPerFrame", "wanL2tpPackets", "wanFragments",
    "pingsAnswered", "pingsSent", "rttAvgMs", "drops",
]


def header_bytes(family, encap, cookie_len):
    """Bytes the outer IP header and the L2TPv3 headers add to a frame (no fragments).

    From the C++ derived-MTU rule: derived = MTU - headers - 14 (Ethernet header).
    """
    mtu = 1500
    derived = l2tp.compute_derived_mtu(mtu, FAMILIES[family], l2tp.parse_encapsulation(encap),
                                       cookie_len)
    return mtu - derived - 14


def wan_overhead(frame_size, family, encap, cookie_len, wan_mtu):
    """Bytes on the WAN beyond the frame itself, and the outer packets it became.

    Outer fragmentation as IPv4 (RFC 791) and IPv6 (RFC 8200 §4.5) do it: each
    fragment but the last carries a multiple of 8 payload bytes; IPv6 adds a
    Fragment Header to each fragment.
    """
    ip_header = 40 if family == "ipv6" else 20
    headers = header_bytes(family, encap, cookie_len)
    size = frame_size + headers
    if size <= wan_mtu:
        return headers, 1
    fragment_header = 8 if family == "ipv6" else 0
    per_fragment = (wan_mtu - ip_header - fragment_header) // 8 * 8
    count = math.ceil((size - ip_header) / per_fragment)
    return headers + fragment_header + (count - 1) * (ip_header + fragment_header), count


def grid(args):
    """The grid points, in a fixed order (the CSV's order)."""
    points = []
    for family, encap, cookie_len, wan_mtu, frame_size in itertools.product(
            args.family, args.encap, args.cookieLen, args.wanMtu, args.frameSize):
        points.append({"family": family, "encap": encap, "cookieLen": cookie_len,
                       "wanMtu": wan_mtu, "frameSize": frame_size, "time": args.time,
                       "wanRate": args.wanRate, "rcvBuf": args.rcvBuf})
    return points


def run_point(point):
    """Run one grid point; return its CSV row (a dict). Runs in a worker."""
    import l2tp as module  # in a Dask worker, this function arrives by value

    parameters = module.L2tpv3BridgeScenario.Parameters(
        ipv6Underlay=point["family"] == "ipv6",
        encapsulation=point["encap"],
        cookieLength=point["cookieLen"],
        wanMtu=point["wanMtu"],
        frameSize=point["frameSize"],
        duration=point["time"],
        wanDataRate=point["wanRate"])
    # A receive window the WAN queue always holds: no loss, so goodput reflects the headers.
    module.Config.SetDefault("ns3::TcpSocket::RcvBufSize", point["rcvBuf"])
    r = module.run_once(parameters)
    a = r.pseudowireA
    total = r.pseudowireA + r.pseudowireB + r.protocolA + r.protocolB
    headers = header_bytes(point["family"], point["encap"], point["cookieLen"])
    row = dict(point)
    row.update({
        "headerBytes": headers,
        "encapsulatedSize": point["frameSize"] + headers,
        "fragmentsExpected": int(point["frameSize"] + headers > point["wanMtu"]),
        "goodputMbps": round(r.goodputMbps, 4),
        "bulkBytes": r.bulkBytes,
        "framesA": a.txPackets,
        "fragmentedA": a.txFragmented,
        "fragmentsA": a.txFragments,
        "fragmentsPerFrame": round(a.txFragments / a.txPackets, 4) if a.txPackets else 0.0,
        "wanL2tpPackets": r.wanL2tpPackets,
        "wanFragments": r.wanFragments,
        "pingsAnswered": r.repliesXtoY + r.repliesYtoX,
        "pingsSent": r.pingsXtoY + r.pingsYtoX,
        "rttAvgMs": round(r.rttAvgMs, 4),
        "drops": total.GetTotalDrops(),
    })
    return row


def panels(rows):
    """(family, encap) combinations present, in a fixed order."""
    return sorted({(row["family"], row["encap"]) for row in rows})


def plot_versus_mtu(rows, column, ylabel, title, path_stem, reference=None, steps=False):
    """One panel per (family, encap); x = WAN MTU, one line per cookie length."""
    import matplotlib.pyplot as plt

    combos = panels(rows)
    frame_sizes = sorted({row["frameSize"] for row in rows})
    figure, axes = plt.subplots(1, len(combos), figsize=(5.5 * len(combos), 4.2),
                                squeeze=False, sharey=True)
    for axis, (family, encap) in zip(axes[0], combos):
        for frame_size in frame_sizes:
            for cookie_len in sorted({row["cookieLen"] for row in rows}):
                line = sorted((row["wanMtu"], row[column]) for row in rows
                              if row["family"] == family and row["encap"] == encap
                              and row["cookieLen"] == cookie_len
                              and row["frameSize"] == frame_size)
                if not line:
                    continue
                label = f"cookie {cookie_len} B"
                if len(frame_sizes) > 1:
                    label += f", {frame_size}-B frames"
                # Steps: a count holds from one measured MTU to the next, it does not slope.
                axis.plot([x for x, _ in line], [y for _, y in line], marker="o",
                          markersize=4, label=label,
                          drawstyle="steps-post" if steps else "default")
                if reference:
                    threshold = frame_size + header_bytes(family, encap, cookie_len)
                    axis.axvline(threshold, color=axis.lines[-1].get_color(),
                                 linestyle=":", linewidth=1)
        axis.set_title(f"{family.upper()} underlay, {encap.upper()} encapsulation")
        axis.set_xlabel("WAN MTU (bytes)")
        axis.grid(True, alpha=0.3)
        axis.legend(fontsize="small")
    axes[0][0].set_ylabel(ylabel)
    note = f" (dotted: {reference})" if reference else ""
    figure.suptitle(title + note)
    figure.tight_layout()
    return save_figure(figure, path_stem)


def plot_overhead(rows, wan_mtu, path_stem):
    """WAN bytes added per frame, as a share of the frame, vs frame size."""
    import matplotlib.pyplot as plt

    figure, axis = plt.subplots(figsize=(7, 4.5))
    sizes = list(range(64, 1515, 2))
    for family, encap in panels(rows):
        for cookie_len in sorted({row["cookieLen"] for row in rows}):
            shares = [100.0 * wan_overhead(size, family, encap, cookie_len, wan_mtu)[0] / size
                      for size in sizes]
            axis.plot(sizes, shares, linewidth=1.2,
                      label=f"{family.upper()}/{encap.upper()}, cookie {cookie_len} B")
    axis.set_yscale("log")
    axis.set_xlabel("Ethernet frame size (bytes, header included)")
    axis.set_ylabel("WAN overhead (% of the frame)")
    axis.set_title(f"Bytes L2TPv3 adds on the WAN per frame (WAN MTU {wan_mtu}; "
                   "steps: outer fragments)", fontsize="medium")
    axis.grid(True, which="both", alpha=0.3)
    axis.legend(fontsize="x-small", ncol=2)
    figure.tight_layout()
    return save_figure(figure, path_stem)


def write_figures(rows, output, overhead_mtu):
    import matplotlib
    matplotlib.use("Agg")
    paths = []
    paths += plot_versus_mtu(
        rows, "goodputMbps", "bulk TCP goodput (Mbit/s)",
        "Goodput Host_X -> Host_Y vs WAN MTU",
        os.path.join(output, "goodput-vs-mtu"),
        reference="frame + headers = MTU")
    paths += plot_versus_mtu(
        rows, "fragmentsPerFrame", "outer fragments per frame (NetBSD_A l2tp0)",
        "Outer IP fragments per encapsulated frame vs WAN MTU",
        os.path.join(output, "fragments-vs-mtu"),
        reference="frame + headers = MTU", steps=True)
    paths += plot_overhead(rows, overhead_mtu, os.path.join(output, "overhead-vs-frame-size"))
    return paths


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        prog="l2tp-sweep.py",
        description="Sweep the two-site l2tp(4) scenario; write CSV and figures.",
        epilog="Lists are comma-separated, e.g. --wanMtu=1400,1500 --encap=ip,udp.")
    parser.add_argument("--wanMtu", type=int_list, default=DEFAULT_MTUS,
                        help="WAN MTUs [%(default)s]")
    parser.add_argument("--cookieLen", type=int_list, default=[0, 4, 8],
                        help="cookie lengths, each 0, 4 or 8 [0,4,8]")
    parser.add_argument("--family", type=choice_list(list(FAMILIES)),
                        default=["ipv4", "ipv6"], help="underlay families [ipv4,ipv6]")
    parser.add_argument("--encap", type=choice_list(ENCAPSULATIONS),
                        default=["ip"], help="encapsulations: ip, udp [ip]")
    parser.add_argument("--frameSize", type=int_list, default=[1514],
                        help="bulk flow frame sizes [1514]")
    parser.add_argument("--wanRate", default="10Mbps",
                        help="WAN data rate; below the LANs' 100Mbps so that the "
                        "tunnel's headers, not CSMA contention, limit goodput [%(default)s]")
    parser.add_argument("--rcvBuf", type=int, default=65536,
                        help="TCP receive buffer (bytes); small enough that the WAN "
                        "queue never overflows [%(default)s]")
    parser.add_argument("--time", type=float, default=10.0,
                        help="simulated seconds per run (at least 3) [10]")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="worker processes [every core: %(default)s]")
    parser.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                        help="run on this Dask distributed scheduler instead of locally")
    parser.add_argument("--output", default="l2tp-sweep-results",
                        help="directory for the CSV and figures [%(default)s]")
    parser.add_argument("--overheadMtu", type=int, default=1500,
                        help="WAN MTU of the overhead figure [1500]")
    parser.add_argument("--no-figures", dest="figures", action="store_false",
                        help="write the CSV only")
    parser.add_argument("--no-progress", dest="progress", action="store_false",
                        help="no progress bar")
    args = parser.parse_args(argv)
    for length in args.cookieLen:
        try:
            l2tp.L2tpv3Cookie.CheckLength(length, "cookieLen")
        except ValueError as error:
            parser.error(str(error))
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    return args


def main(argv):
    args = parse_arguments(argv)
    points = grid(args)
    # Check every point before starting any (same checks as the C++ example).
    for point in points:
        if point["time"] < 3:
            print("l2tp-sweep: time=%g: must be at least 3 seconds" % point["time"],
                  file=sys.stderr)
            return 1
    os.makedirs(args.output, exist_ok=True)
    where = args.scheduler or f"{args.jobs} local worker process(es)"
    print(f"l2tp-sweep: {len(points)} runs of {args.time:g} s on {where}", file=sys.stderr)
    start = time.monotonic()
    try:
        rows = run_points(run_point, points, args.jobs, args.scheduler, args.progress,
                          "l2tp sweep")
    except ValueError as error:
        print(f"l2tp-sweep: {error}", file=sys.stderr)
        return 1
    elapsed = time.monotonic() - start
    csv_path = os.path.join(args.output, "sweep.csv")
    write_csv(rows, COLUMNS, csv_path)
    written = [csv_path]
    if args.figures:
        written += write_figures(rows, args.output, args.overheadMtu)
    print(f"l2tp-sweep: {len(rows)} runs in {elapsed:.1f} s; wrote:")
    for path in written:
        print(f"  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
