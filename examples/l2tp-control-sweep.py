#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Sweep the L2TPv3 control plane: session set-up time and failure-detection time.

Two LCCEs (NetBSD_A initiates, NetBSD_B answers) on the two ends of a WAN link
(point to point, 100 Mbit/s, one-way delay RTT/2, losing each packet with the
given probability in each direction). Each run brings up --sessions pseudowires
over one control connection (SCCRQ, SCCRP, SCCCN, then ICRQ, ICRP, ICCN each),
then, once every session is up (or at --setupLimit), waits a time drawn
uniformly from [HelloInterval, 2 HelloInterval) -- so the failure falls at a
uniformly distributed phase of NetBSD_A's HELLO timer -- and takes the WAN down
(every packet lost both ways). NetBSD_A declares the peer dead when a message
stays unacknowledged through the full retransmission cycle (RFC 3931 §4.2);
the HELLO it sends on the idle connection (§4.4) is that message.

  set-up time     SessionUp at NetBSD_A - NetBSD_A's first SCCRQ, per session
  detection time  NetBSD_A's first PEER_TIMEOUT after the failure - failure time

Bounds of the detection time D, with cycle = sum of RetransmitTimeout doubled
per retransmission and capped at RetransmitCap, over the first transmission and
MaxRetries retransmissions (L2tpv3ControlChannel::GetFullRetransmissionCycle):

  cycle - (RTT + AckDelay) < D <= HelloInterval + cycle

The upper bound: after the failure the next HELLO goes at most one interval
later (HelloJitter only shortens it), then the cycle runs out. The lower bound:
a HELLO sent just before the failure and not yet acknowledged (the peer acks
after AckDelay, 100 ms) starts the cycle up to RTT + AckDelay earlier. Under
loss the upper bound still holds, but a message already retransmitted before
the failure can end its cycle sooner: the lower bound is for loss 0.

Each grid point (loss x RTT x HelloInterval x RetransmitTimeout x RetransmitCap
x MaxRetries) runs once per seed, in worker processes (one per core by default)
or on a Dask cluster (--scheduler=tcp://HOST:PORT; workers with --nthreads 1
and the module on their PYTHONPATH). Writes, in --output
(default l2tp-control-sweep-results/):

  control-sweep.csv            one row per run (grid point x seed), in grid order
  setup-times.csv              one row per session of every run
  setup-cdf.png/.svg           CDF of set-up time, one line per loss rate, one
                               panel per RTT (first RetransmitTimeout,
                               RetransmitCap and MaxRetries of the grid)
  detection-vs-hello.png/.svg  detection time vs HelloInterval at loss 0, one
                               panel per (RetransmitTimeout, RetransmitCap,
                               MaxRetries), with the bounds above

The default grid: loss 0,0.05,0.1,0.2,0.3, RTT 10 and 100 ms, HelloInterval 5,
10, 20, 40 and 60 s, RetransmitTimeout 1 s (RFC 3931 §4.2's recommendation) and
0.5 s, RetransmitCap 8 s, MaxRetries 10 (the RFC's) and 3; 10 seeds, 4 sessions
a run: 2000 runs.

  ./ns3 run l2tp-control-sweep.py
  ./ns3 run l2tp-control-sweep.py --loss=0,0.3 --hello=10 --seeds=20 --jobs=1
  ./ns3 run l2tp-control-sweep.py --scheduler=tcp://10.0.0.5:8786
"""

import argparse
import itertools
import os
import statistics
import sys
import time

import l2tp
from l2tp_sweep_support import float_list, int_list, run_points, save_figure, write_csv

ACK_DELAY = 0.1  # seconds: L2tpv3Lcce's AckDelay default, which the runs keep

# control-sweep.csv, in order: the grid point and seed, what follows from them, what
# the run measured.
COLUMNS = [
    "loss", "rttMs", "hello", "retransmitTimeout", "retransmitCap", "maxRetries", "seed",
    "sessions", "cycle", "detectionLower", "detectionUpper",
    "connectedAt", "sessionsUp", "setupMedian", "setupMax",
    "failAt", "sessionsUpAtFailure", "detectedAt", "detection", "earlyTimeouts",
    "retransmissionsA", "retransmissionsB", "timeoutsA",
]
# setup-times.csv, in order.
SETUP_COLUMNS = ["loss", "rttMs", "hello", "retransmitTimeout", "retransmitCap", "maxRetries",
                 "seed", "session", "setup"]
GRID_KEYS = ["loss", "rttMs", "hello", "retransmitTimeout", "retransmitCap", "maxRetries"]


def retransmission_cycle(timeout, cap, retries):
    """Seconds from a message's first transmission until the peer is declared dead.

    As L2tpv3ControlChannel does it: the first timeout is min(timeout, cap); each
    retransmission doubles it, never above cap; after the MaxRetries-th
    retransmission's timeout the peer is dead: MaxRetries + 1 timeouts in all.
    """
    total = 0.0
    for retransmissions in range(retries + 1):
        value = timeout
        for _ in range(retransmissions):
            if value >= cap:
                break
            value *= 2
        total += min(value, cap)
    return total


def detection_bounds(point):
    """(lower, upper) of the detection time after a failure, in seconds (see the docstring)."""
    cycle = retransmission_cycle(point["retransmitTimeout"], point["retransmitCap"],
                                 point["maxRetries"])
    lower = max(0.0, cycle - point["rttMs"] / 1000.0 - ACK_DELAY)
    return cycle, lower, point["hello"] + cycle


def grid(args):
    """The runs (grid point x seed), in a fixed order (the CSV's order)."""
    points = []
    for loss, rtt, hello, timeout, cap, retries in itertools.product(
            args.loss, args.rtt, args.hello, args.retransmitTimeout, args.retransmitCap,
            args.maxRetries):
        for seed in range(1, args.seeds + 1):
            points.append({"loss": loss, "rttMs": rtt, "hello": hello,
                           "retransmitTimeout": timeout, "retransmitCap": cap,
                           "maxRetries": retries, "seed": seed, "sessions": args.sessions,
                           "setupLimit": args.setupLimit})
    return points


def run_point(point):
    """One run; returns (its control-sweep.csv row, its setup-times.csv rows). Runs in a worker."""
    import random
    import zlib

    import l2tp as ns  # in a Dask worker, this function arrives by value

    # Every run its own random streams (loss, HELLO jitter) and failure phase, the same
    # for a point and seed wherever and in whatever order it runs: runs pooled across
    # grid points (the set-up CDF) are independent samples.
    key = ",".join(f"{point[k]!r}" for k in ("loss", "rttMs", "hello", "retransmitTimeout",
                                             "retransmitCap", "maxRetries", "seed"))
    ns.RngSeedManager.SetSeed(1)
    ns.RngSeedManager.SetRun(1 + zlib.crc32(key.encode()))
    phase = random.Random(key).random()

    nodes = ns.NodeContainer(2)
    router_a, router_b = nodes.Get(0), nodes.Get(1)
    wan = ns.PointToPointHelper()
    wan.SetDeviceAttribute("DataRate", "100Mbps")
    wan.SetChannelAttribute("Delay", f"{point['rttMs'] / 2!r}ms")
    devices = wan.Install(nodes)
    errors = []
    for i in range(2):
        em = ns.RateErrorModel()
        em.SetUnit(ns.RateErrorModel.ERROR_UNIT_PACKET)
        em.SetRate(point["loss"])
        em.AssignStreams(100 + i)
        devices.Get(i).SetAttribute("ReceiveErrorModel", em)
        errors.append(em)
    stack = ns.InternetStackHelper()
    stack.Install(nodes)
    addresses = ns.Ipv4AddressHelper("192.168.0.0", "255.255.255.0").Assign(devices)

    helper = ns.L2tpv3LcceHelper()
    helper.SetAttribute("HelloInterval", f"{point['hello']!r}s")
    helper.SetAttribute("RetransmitTimeout", f"{point['retransmitTimeout']!r}s")
    helper.SetAttribute("RetransmitCap", f"{point['retransmitCap']!r}s")
    helper.SetAttribute("MaxRetries", point["maxRetries"])
    lcce_a = helper.Install(router_a)
    lcce_b = helper.Install(router_b)
    lcce_a.AssignStreams(10)
    lcce_b.AssignStreams(20)
    peer = lcce_a.AddPeer(addresses.GetAddress(0), addresses.GetAddress(1))
    sessions = point["sessions"]
    for k in range(1, sessions + 1):
        lcce_a.AddPseudowire(peer, f"pw{k}")
        lcce_b.OfferPseudowire(f"pw{k}")

    cycle, _, upper = detection_bounds(point)
    state = {"sccrq": None, "connected": None, "up": {}, "failAt": None, "detected": None,
             "early": 0, "upAtFailure": 0}

    def fail():
        if state["failAt"] is None:
            state["failAt"] = ns.Simulator.Now().GetSeconds()
            state["upAtFailure"] = lcce_a.GetNSessionsUp()
            for em in errors:
                em.SetRate(1.0)
            # Past the upper bound: a detection later than it shows up as a late detection.
            ns.Simulator.Stop(ns.Seconds(upper + 1.0))

    def schedule_failure():
        ns.Simulator.Schedule(ns.Seconds(point["hello"] * (1.0 + phase)), fail)

    def control_tx(_connection, message):
        if state["sccrq"] is None and message.GetMessageType() == ns.L2tpv3MessageType.SCCRQ:
            state["sccrq"] = ns.Simulator.Now().GetSeconds()

    def connection_state(_connection, _from, to):
        if to == ns.L2tpv3ConnectionState.ESTABLISHED and state["connected"] is None:
            state["connected"] = ns.Simulator.Now().GetSeconds()

    def session_up(parameters, _device):
        if state["failAt"] is None and parameters.remoteEndId not in state["up"]:
            state["up"][parameters.remoteEndId] = ns.Simulator.Now().GetSeconds()
            if len(state["up"]) == sessions:
                schedule_failure()

    def session_down(_parameters, reason):
        if reason != ns.L2tpv3SessionDownReason.PEER_TIMEOUT:
            return
        if state["failAt"] is None:
            state["early"] += 1  # loss alone exhausted a retransmission cycle
        elif state["detected"] is None:
            state["detected"] = ns.Simulator.Now().GetSeconds()
            ns.Simulator.Stop(ns.Seconds(0))

    lcce_a.TraceConnectWithoutContext("ControlTx", control_tx)
    lcce_a.TraceConnectWithoutContext("ConnectionState", connection_state)
    lcce_a.TraceConnectWithoutContext("SessionUp", session_up)
    lcce_a.TraceConnectWithoutContext("SessionDown", session_down)

    # Sessions not all up by the limit: fail anyway (their set-up time stays empty).
    def setup_limit():
        if len(state["up"]) < sessions:
            schedule_failure()
    ns.Simulator.Schedule(ns.Seconds(point["setupLimit"]), setup_limit)
    ns.Simulator.Stop(ns.Seconds(point["setupLimit"] + 2 * point["hello"] + upper + 1.0))
    ns.Simulator.Run()

    start = state["sccrq"] if state["sccrq"] is not None else 0.0
    setups = {pw: at - start for pw, at in state["up"].items()}
    counters_a = lcce_a.GetCounters()
    counters_b = lcce_b.GetCounters()
    ns.Simulator.Destroy()

    def rounded(value):
        return "" if value is None else round(value, 6)

    grid_values = {k: point[k] for k in GRID_KEYS}
    row = dict(grid_values, seed=point["seed"], sessions=sessions)
    _, lower, upper = detection_bounds(point)
    detection = (state["detected"] - state["failAt"]
                 if state["detected"] is not None and state["failAt"] is not None else None)
    row.update({
        "cycle": round(cycle, 6), "detectionLower": round(lower, 6),
        "detectionUpper": round(upper, 6),
        "connectedAt": rounded(None if state["connected"] is None
                               else state["connected"] - start),
        "sessionsUp": len(setups),
        "setupMedian": rounded(statistics.median(setups.values()) if setups else None),
        "setupMax": rounded(max(setups.values()) if len(setups) == sessions else None),
        "failAt": rounded(state["failAt"]), "sessionsUpAtFailure": state["upAtFailure"],
        "detectedAt": rounded(state["detected"]),
        "detection": rounded(detection), "earlyTimeouts": state["early"],
        "retransmissionsA": counters_a.retransmissions,
        "retransmissionsB": counters_b.retransmissions,
        "timeoutsA": counters_a.timeouts,
    })
    setup_rows = []
    for k in range(1, sessions + 1):
        pw = f"pw{k}"
        setup_rows.append(dict(grid_values, seed=point["seed"], session=pw,
                               setup=rounded(setups.get(pw))))
    return row, setup_rows


def cdf(values):
    """(x, y) of the empirical CDF, as steps."""
    xs = sorted(values)
    return xs, [(i + 1) / len(xs) for i in range(len(xs))]


def plot_setup_cdf(setup_rows, args, path_stem):
    """CDF of session set-up time per loss rate; one panel per RTT."""
    import matplotlib.pyplot as plt

    fixed = {"retransmitTimeout": args.retransmitTimeout[0],
             "retransmitCap": args.retransmitCap[0], "maxRetries": args.maxRetries[0]}
    rtts = args.rtt
    figure, axes = plt.subplots(1, len(rtts), figsize=(5.5 * len(rtts), 4.2), squeeze=False,
                                sharey=True)
    for axis, rtt in zip(axes[0], rtts):
        for loss in args.loss:
            rows = [r for r in setup_rows if r["rttMs"] == rtt and r["loss"] == loss
                    and all(r[k] == v for k, v in fixed.items())]
            times = [r["setup"] for r in rows if r["setup"] != ""]
            if not times:
                continue
            xs, ys = cdf(times)
            # Sessions never up count in the denominator: the CDF stops below 1.
            ys = [y * len(times) / len(rows) for y in ys]
            axis.step(xs, ys, where="post",
                      label=f"loss {100 * loss:g} % (median {statistics.median(times):.2f} s)")
        axis.set_xscale("log")
        axis.set_title(f"RTT {rtt:g} ms")
        axis.set_xlabel("session set-up time (s, from the first SCCRQ)")
        axis.grid(True, which="both", alpha=0.3)
        axis.legend(fontsize="small", loc="lower right")
    axes[0][0].set_ylabel("fraction of sessions up")
    figure.suptitle(
        f"L2TPv3 session set-up time vs WAN loss ({args.sessions} sessions per run, "
        f"{args.seeds} seeds; RetransmitTimeout {fixed['retransmitTimeout']:g} s, "
        f"cap {fixed['retransmitCap']:g} s, MaxRetries {fixed['maxRetries']})",
        fontsize="medium")
    figure.tight_layout()
    return save_figure(figure, path_stem)


def plot_detection(rows, args, path_stem):
    """Detection time vs HelloInterval at loss 0 (or the lowest loss), with the bounds."""
    import matplotlib.pyplot as plt

    loss = min(args.loss)
    combos = list(itertools.product(args.retransmitTimeout, args.retransmitCap,
                                    args.maxRetries))
    columns = min(2, len(combos))
    lines = (len(combos) + columns - 1) // columns
    figure, axes = plt.subplots(lines, columns, figsize=(6.5 * columns, 4.4 * lines),
                                squeeze=False)
    for axis in axes.flat[len(combos):]:
        axis.set_visible(False)
    hellos = sorted(args.hello)
    for axis, (timeout, cap, retries) in zip(axes.flat, combos):
        point = {"retransmitTimeout": timeout, "retransmitCap": cap, "maxRetries": retries}
        rtt_max = max(args.rtt)
        cycle, _, _ = detection_bounds(dict(point, hello=0, rttMs=rtt_max))
        lower = [detection_bounds(dict(point, hello=h, rttMs=rtt_max))[1] for h in hellos]
        upper = [detection_bounds(dict(point, hello=h, rttMs=rtt_max))[2] for h in hellos]
        axis.fill_between(hellos, lower, upper, color="tab:gray", alpha=0.15,
                          label="bounds: cycle - RTT - AckDelay .. HELLO + cycle")
        axis.plot(hellos, upper, color="tab:gray", linestyle="--", linewidth=1)
        axis.plot(hellos, lower, color="tab:gray", linestyle=":", linewidth=1)
        axis.plot(hellos, [cycle + h / 2 for h in hellos], color="tab:gray", linewidth=0.8,
                  label="cycle + HELLO/2 (failure at a uniform phase)")
        for index, rtt in enumerate(args.rtt):
            selected = [r for r in rows if r["loss"] == loss and r["rttMs"] == rtt
                        and r["retransmitTimeout"] == timeout and r["retransmitCap"] == cap
                        and r["maxRetries"] == retries and r["detection"] != ""]
            # Side by side per RTT, so that the seeds' points do not hide each other.
            offset = (index - (len(args.rtt) - 1) / 2) * 0.012 * (hellos[-1] - hellos[0] + 1)
            axis.scatter([r["hello"] + offset for r in selected],
                         [r["detection"] for r in selected], s=12, alpha=0.7,
                         label=f"RTT {rtt:g} ms ({len(selected)} runs)")
            means = []
            for h in hellos:
                values = [r["detection"] for r in selected if r["hello"] == h]
                if values:
                    means.append((h, statistics.mean(values)))
            if means:
                axis.plot([h for h, _ in means], [m for _, m in means], linewidth=1,
                          color=axis.collections[-1].get_facecolor()[0])
        axis.set_title(f"RetransmitTimeout {timeout:g} s, cap {cap:g} s, "
                       f"MaxRetries {retries} (cycle {cycle:g} s)", fontsize="medium")
        axis.set_xlabel("HelloInterval (s)")
        axis.set_ylabel("failure-detection time (s after the WAN fails)")
        axis.grid(True, alpha=0.3)
        axis.legend(fontsize="x-small", loc="upper left")
    figure.suptitle(f"Time until NetBSD_A declares its peer dead (WAN loss {100 * loss:g} % "
                    "before the failure; lines: mean)", fontsize="medium")
    figure.tight_layout()
    return save_figure(figure, path_stem)


def write_figures(rows, setup_rows, args):
    import matplotlib
    matplotlib.use("Agg")
    paths = plot_setup_cdf(setup_rows, args, os.path.join(args.output, "setup-cdf"))
    paths += plot_detection(rows, args, os.path.join(args.output, "detection-vs-hello"))
    return paths


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        prog="l2tp-control-sweep.py",
        description="Sweep the L2TPv3 control plane (set-up and failure-detection times); "
        "write CSV and figures.",
        epilog="Lists are comma-separated, e.g. --loss=0,0.1,0.3 --hello=10,60.")
    parser.add_argument("--loss", type=float_list, default=[0.0, 0.05, 0.1, 0.2, 0.3],
                        help="WAN loss probabilities, each way, in [0, 1) [0,0.05,0.1,0.2,0.3]")
    parser.add_argument("--rtt", type=float_list, default=[10.0, 100.0],
                        help="WAN round-trip times in ms [10,100]")
    parser.add_argument("--hello", type=float_list, default=[5.0, 10.0, 20.0, 40.0, 60.0],
                        help="HelloInterval values in s [5,10,20,40,60]")
    parser.add_argument("--retransmitTimeout", type=float_list, default=[1.0, 0.5],
                        help="RetransmitTimeout values in s [1,0.5]")
    parser.add_argument("--retransmitCap", type=float_list, default=[8.0],
                        help="RetransmitCap values in s [8]")
    parser.add_argument("--maxRetries", type=int_list, default=[10, 3],
                        help="MaxRetries values [10,3]")
    parser.add_argument("--seeds", type=int, default=10,
                        help="runs per grid point (seeds 1..N; each run's ns-3 run number is "
                        "a hash of its grid point and seed) [%(default)s]")
    parser.add_argument("--sessions", type=int, default=4,
                        help="pseudowires per run, over one control connection [%(default)s]")
    parser.add_argument("--setupLimit", type=float, default=120.0,
                        help="simulated seconds after which the WAN fails even if not every "
                        "session is up [%(default)s]")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="worker processes [every core: %(default)s]")
    parser.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                        help="run on this Dask distributed scheduler instead of locally")
    parser.add_argument("--output", default="l2tp-control-sweep-results",
                        help="directory for the CSVs and figures [%(default)s]")
    parser.add_argument("--no-figures", dest="figures", action="store_false",
                        help="write the CSVs only")
    parser.add_argument("--no-progress", dest="progress", action="store_false",
                        help="no progress bar")
    args = parser.parse_args(argv)

    def bad(option, value, why):
        parser.error(f"--{option}={value:g}: {why}")

    for value in args.loss:
        if not 0 <= value < 1:
            bad("loss", value, "must be at least 0 and below 1")
    for value in args.rtt:
        if value <= 0:
            bad("rtt", value, "must be positive")
    for value in args.hello:
        if value <= 0:
            bad("hello", value, "must be positive (0 would mean no HELLOs: nothing to detect "
                "the failure)")
    for option in ("retransmitTimeout", "retransmitCap"):
        for value in getattr(args, option):
            if value < 0.001:
                bad(option, value, "must be at least 0.001 s")
    for value in args.maxRetries:
        if value < 0:
            parser.error(f"--maxRetries={value}: must be at least 0")
    for option in ("seeds", "sessions", "jobs"):
        if getattr(args, option) < 1:
            parser.error(f"--{option}={getattr(args, option)}: must be at least 1")
    if args.sessions > 10000:
        parser.error(f"--sessions={args.sessions}: must be at most 10000")
    if args.setupLimit <= 0:
        bad("setupLimit", args.setupLimit, "must be positive")
    return args


def main(argv):
    args = parse_arguments(argv)
    points = grid(args)
    os.makedirs(args.output, exist_ok=True)
    where = args.scheduler or f"{min(args.jobs, len(points))} local worker process(es)"
    print(f"l2tp-control-sweep (l2tp {l2tp.__version__}): {len(points)} runs "
          f"({len(points) // args.seeds} grid points x {args.seeds} seeds, {args.sessions} "
          f"sessions each) on {where}", file=sys.stderr)
    start = time.monotonic()
    try:
        results = run_points(run_point, points, args.jobs, args.scheduler, args.progress,
                             "l2tp control sweep")
    except ValueError as error:
        print(f"l2tp-control-sweep: {error}", file=sys.stderr)
        return 1
    elapsed = time.monotonic() - start
    rows = [row for row, _ in results]
    setup_rows = [r for _, session_rows in results for r in session_rows]
    written = [os.path.join(args.output, "control-sweep.csv"),
               os.path.join(args.output, "setup-times.csv")]
    write_csv(rows, COLUMNS, written[0])
    write_csv(setup_rows, SETUP_COLUMNS, written[1])
    if args.figures:
        written += write_figures(rows, setup_rows, args)
    # A failure finds nothing to detect where loss alone had the peer declared dead
    # (earlyTimeouts) and the sessions were not back yet.
    down = sum(1 for r in rows if r["sessionsUpAtFailure"] == 0)
    late = sum(1 for r in rows if r["sessionsUpAtFailure"] > 0
               and (r["detection"] == "" or r["detection"] > r["detectionUpper"]))
    early = sum(1 for r in rows if r["earlyTimeouts"] > 0)
    print(f"l2tp-control-sweep: {len(rows)} runs in {elapsed:.1f} s; "
          f"{sum(r['sessionsUp'] for r in rows)}/{len(setup_rows)} sessions up; "
          f"{early} run(s) with the peer declared dead by loss alone, {down} of them still "
          f"down at the failure; {late} detection(s) missing or above the bound; wrote:")
    for path in written:
        print(f"  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
