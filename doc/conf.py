# SPDX-License-Identifier: GPL-2.0-only
# Sphinx configuration of the standalone HTML build (./ns3 docs, Debian's python3-sphinx).
#
# Inside an ns-3 tree the chapter (l2tp.rst and its pages l2tp-design.rst, l2tp-user.rst,
# l2tp-validation.rst, with the l2tp-*.inc tables and figures/) is built by ns-3's
# doc/models instead, with ns-3's conf.py; this file, index.rst and
# replace.txt are for the standalone build only.
import os

_top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
try:
    with open(os.path.join(_top, "VERSION")) as _f:
        release = version = _f.readline().strip()
except OSError:  # doc/ copied without the repository around it
    release = version = ""

project = "ns-3 l2tp module"
copyright = "the l2tp module's authors, GPL-2.0-only"
master_doc = "index"
source_suffix = ".rst"
exclude_patterns = ["_build", "**.ipynb_checkpoints"]
pygments_style = "sphinx"
html_theme = "alabaster"
html_title = f"l2tp {release}: L2TPv3 pseudowires for ns-3"
html_theme_options = {"page_width": "1200px", "sidebar_width": "260px"}
html_sidebars = {"**": ["about.html", "navigation.html", "searchbox.html"]}
html_last_updated_fmt = None
html_copy_source = False
