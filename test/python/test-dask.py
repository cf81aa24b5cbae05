#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""The sweeps through a Dask scheduler and two workers on loopback give the local pool's CSVs."""

import os
import socket
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from l2tp_test_support import EXAMPLES_DIR, PYTHON, environment  # noqa: E402

SWEEP = os.path.join(EXAMPLES_DIR, "l2tp-sweep.py")
GRID = ["--wanMtu=1500,1548,1600", "--cookieLen=0,4,8", "--family=ipv4,ipv6",
        "--encap=ip", "--time=4", "--no-progress", "--no-figures"]
CONTROL_SWEEP = os.path.join(EXAMPLES_DIR, "l2tp-control-sweep.py")
CONTROL_GRID = ["--loss=0,0.2", "--rtt=10", "--hello=5,10", "--retransmitTimeout=1",
                "--maxRetries=3", "--seeds=3", "--sessions=2", "--no-progress", "--no-figures"]
START_TIMEOUT = 60  # seconds for the scheduler and both workers to come up


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class DaskTest(unittest.TestCase):
    def setUp(self):
        self.processes = []
        self.directory = tempfile.TemporaryDirectory(prefix="l2tp-dask-test-")
        self.address = f"tcp://127.0.0.1:{free_port()}"
        log = open(os.path.join(self.directory.name, "dask.log"), "w")
        self.log = log
        common = {"env": environment(), "stdout": log, "stderr": subprocess.STDOUT,
                  "cwd": self.directory.name}
        self.processes.append(subprocess.Popen(
            [PYTHON, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
             "--port", self.address.rsplit(":", 1)[1], "--no-dashboard"], **common))
        for _ in range(2):
            # One thread each: one simulation at a time per process.
            self.processes.append(subprocess.Popen(
                [PYTHON, "-m", "distributed.cli.dask_worker", self.address,
                 "--host", "127.0.0.1", "--nthreads", "1", "--nworkers", "1",
                 "--no-dashboard", "--local-directory", self.directory.name], **common))

    def tearDown(self):
        for process in reversed(self.processes):
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.log.close()
        self.directory.cleanup()

    def wait_for_workers(self):
        from distributed import Client
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                with Client(self.address, timeout="5s") as client:
                    client.wait_for_workers(2, timeout=max(1, deadline - time.monotonic()))
                    return
            except (OSError, TimeoutError):
                if time.monotonic() > deadline:
                    with open(self.log.name) as f:
                        self.fail("Dask cluster did not start:\n" + f.read()[-3000:])
                time.sleep(0.5)

    def sweep(self, *options, script=SWEEP, grid=GRID, files=("sweep.csv",)):
        output = os.path.join(self.directory.name,
                              f"out-{os.path.basename(script)}-{len(options)}")
        run = subprocess.run([PYTHON, script, *grid, f"--output={output}", *options],
                             capture_output=True, text=True, env=environment(), timeout=180)
        self.assertEqual(run.returncode, 0, run.stderr)
        contents = []
        for name in files:
            with open(os.path.join(output, name)) as f:
                contents.append(f.read())
        return contents

    def test_same_csv_as_local_pool(self):
        self.wait_for_workers()
        distributed, = self.sweep(f"--scheduler={self.address}")
        local, = self.sweep("--jobs=2", "--no-progress")
        self.assertEqual(len(local.splitlines()), 1 + 3 * 3 * 2)
        self.assertEqual(distributed, local)

        # The control sweep runs on the same machinery (examples/l2tp_sweep_support.py).
        control = {"script": CONTROL_SWEEP, "grid": CONTROL_GRID,
                   "files": ("control-sweep.csv", "setup-times.csv")}
        distributed = self.sweep(f"--scheduler={self.address}", **control)
        local = self.sweep("--jobs=2", **control)
        self.assertEqual(len(local[0].splitlines()), 1 + 2 * 2 * 3)
        self.assertEqual(len(local[1].splitlines()), 1 + 2 * 2 * 3 * 2)
        self.assertEqual(distributed, local)


if __name__ == "__main__":
    unittest.main()
