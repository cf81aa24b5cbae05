#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""doc/lab/sweep.ipynb runs headless (Debian's python3-nbclient and python3-ipykernel)
without a cell error and draws its figures; a notebook with an error or without a figure
fails the same check."""

import base64
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from l2tp_test_support import SOURCE_DIR, environment  # noqa: E402

NOTEBOOK = os.path.join(SOURCE_DIR, "doc", "lab", "sweep.ipynb")
FIGURES = ["fragments-vs-mtu.png", "goodput-vs-mtu.png"]
PNG = b"\x89PNG\r\n\x1a\n"

try:
    import nbclient
    import nbformat
    from nbclient.exceptions import CellExecutionError
except ImportError as error:  # reported as skipped by CTest (SKIP_RETURN_CODE 77)
    print(f"skipped: {error} (utils/install-deps installs python3-nbclient, python3-ipykernel)")
    sys.exit(77)


def execute(path, output_dir, timeout=120):
    """Run a notebook in its own directory; return (notebook, error text or None)."""
    notebook = nbformat.read(path, as_version=4)
    os.environ.update({key: value for key, value in environment().items()
                       if key == "PYTHONPATH"})
    os.environ["L2TP_SOURCE_DIR"] = SOURCE_DIR
    os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"  # the kernel's debugger warning
    os.environ["L2TP_NOTEBOOK_OUTPUT"] = output_dir
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    client = nbclient.NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                                     resources={"metadata": {"path": os.path.dirname(path)}})
    try:
        client.execute()
    except CellExecutionError as error:
        return notebook, str(error)
    return notebook, None


def inline_figures(notebook):
    """The PNG images the notebook's cells displayed, decoded."""
    images = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data:
                images.append(base64.b64decode(data["image/png"]))
    return images


def problems(notebook, error, output_dir, figures):
    """What is wrong with an executed notebook: a cell error, a figure missing."""
    found = []
    if error:
        found.append("cell error: " + error.strip().splitlines()[-1])
    shown = [image for image in inline_figures(notebook) if image.startswith(PNG)]
    if len(shown) < len(figures):
        found.append(f"{len(shown)} figures displayed, {len(figures)} expected")
    for name in figures:
        path = os.path.join(output_dir, name)
        if not os.path.exists(path):
            found.append(f"figure not written: {name}")
            continue
        with open(path, "rb") as f:
            data = f.read()
        if not data.startswith(PNG) or len(data) < 1000:
            found.append(f"figure is no PNG image: {name}")
    return found


def tiny_notebook(path, source):
    """A one-cell notebook."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    nbformat.write(notebook, path)


class NotebookTest(unittest.TestCase):
    def test_sweep_notebook_runs_and_draws_its_figures(self):
        with tempfile.TemporaryDirectory(prefix="l2tp-notebook-") as output:
            notebook, error = execute(NOTEBOOK, output)
            self.assertEqual(problems(notebook, error, output, FIGURES), [])
            # The comparison cell printed one line per cookie length, computed = measured.
            text = "".join(o.get("text", "") for c in notebook.cells
                           for o in c.get("outputs", []))
            for cookie, mtu in ((0, 1538), (4, 1542), (8, 1546)):
                self.assertIn(f"cookie {cookie} B: computed {mtu}, measured {mtu}", text)

    def test_the_check_fails_on_a_cell_error_and_on_a_missing_figure(self):
        with tempfile.TemporaryDirectory(prefix="l2tp-notebook-broken-") as tmp:
            broken = os.path.join(tmp, "error.ipynb")
            tiny_notebook(broken, "raise RuntimeError('deliberately broken')")
            notebook, error = execute(broken, tmp)
            found = problems(notebook, error, tmp, FIGURES)
            self.assertTrue(any("deliberately broken" in p for p in found), found)

            quiet = os.path.join(tmp, "no-figure.ipynb")
            tiny_notebook(quiet, "print('no figure here')")
            notebook, error = execute(quiet, tmp)
            found = problems(notebook, error, tmp, FIGURES)
            self.assertIsNone(error)
            self.assertIn("0 figures displayed, 2 expected", found)
            self.assertIn("figure not written: goodput-vs-mtu.png", found)


if __name__ == "__main__":
    unittest.main()
