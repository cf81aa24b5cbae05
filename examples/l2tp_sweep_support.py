# SPDX-License-Identifier: GPL-2.0-only
"""What the sweeps (l2tp-sweep.py, l2tp-control-sweep.py) share: option parsers, the
local process pool and the Dask client that run the grid points, the progress bar,
the CSV writer and the figure saver.

Not an example: the sweeps import it from their own directory. A grid point is a
dict; a run function takes one and returns its CSV row(s). It runs in a worker: a
forked process of the local pool, or a Dask worker, to which it travels by value
(so it imports `l2tp` itself and uses nothing from this module).
"""

import argparse
import csv
import multiprocessing
import sys


def int_list(text):
    """'1400,1500' -> [1400, 1500]."""
    try:
        return [int(item) for item in text.split(",") if item]
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}': expected integers, e.g. 1400,1500")


def float_list(text):
    """'0,0.1,0.3' -> [0.0, 0.1, 0.3]."""
    try:
        values = [float(item) for item in text.split(",") if item]
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}': expected numbers, e.g. 0,0.1,0.3")
    if not values:
        raise argparse.ArgumentTypeError(f"'{text}': expected at least one number")
    return values


def choice_list(choices):
    """A parser of comma-separated names out of choices."""
    def parse(text):
        items = [item for item in text.split(",") if item]
        bad = [item for item in items if item not in choices]
        if bad or not items:
            raise argparse.ArgumentTypeError(
                f"'{text}': choose from {','.join(choices)}")
        return items
    return parse


def progress(total, enabled, desc):
    """A tqdm progress bar on stderr (or a no-op one)."""
    from tqdm import tqdm
    return tqdm(total=total, unit="run", desc=desc, disable=not enabled,
                file=sys.stderr, dynamic_ncols=True)


def _run_indexed(item):
    function, index, point = item
    return index, function(point)


def run_local(function, points, jobs, show_progress, desc):
    """function(point) for every point on jobs worker processes; results in grid order."""
    results = [None] * len(points)
    with progress(len(points), show_progress, desc) as bar:
        if jobs == 1:
            for index, point in enumerate(points):
                results[index] = function(point)
                bar.update()
            return results
        # fork: the workers inherit the imported module; each runs one simulation at a time.
        context = multiprocessing.get_context("fork")
        with context.Pool(processes=jobs) as pool:
            items = [(function, index, point) for index, point in enumerate(points)]
            for index, result in pool.imap_unordered(_run_indexed, items):
                results[index] = result
                bar.update()
    return results


def run_dask(function, points, scheduler, show_progress, desc):
    """function(point) for every point on a Dask distributed scheduler; results in grid order."""
    from distributed import Client, as_completed

    results = [None] * len(points)
    with Client(scheduler, timeout="30s") as client:
        futures = client.map(function, points, pure=False)
        index_of = {future.key: index for index, future in enumerate(futures)}
        with progress(len(points), show_progress, desc) as bar:
            for future in as_completed(futures):
                results[index_of[future.key]] = future.result()
                bar.update()
    return results


def run_points(function, points, jobs, scheduler, show_progress, desc):
    """On the Dask scheduler if one is named, else on min(jobs, points) local processes."""
    if scheduler:
        return run_dask(function, points, scheduler, show_progress, desc)
    return run_local(function, points, max(1, min(jobs, len(points))), show_progress, desc)


def write_csv(rows, columns, path):
    """The rows (dicts), the columns in order, one line each."""
    with open(path, "w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({column: row[column] for column in columns})


def save_figure(figure, path_stem):
    """Write the figure as PNG and SVG, close it and return the two paths."""
    import matplotlib.pyplot as plt

    paths = []
    for extension in ("png", "svg"):
        path = f"{path_stem}.{extension}"
        figure.savefig(path, dpi=120)
        paths.append(path)
    plt.close(figure)
    return paths
