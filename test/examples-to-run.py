#! /usr/bin/env python3

# A list of C++ examples to run in order to ensure that they remain
# buildable and runnable over time.  Each tuple in the list contains
#
#     (example_name, do_run, do_valgrind_run).
#
# See test.py for more information.
cpp_examples = [
    ("l2tp-bridge-example --time=4", "True", "True"),
    ("l2tp-bridge-example --cookie --ipv6 --innerIpv6 --time=4", "True", "True"),
    ("l2tp-bridge-example --cookieLen=8 --frameSize=1000 --time=4", "True", "True"),
    ("l2tp-bridge-example --encap=udp --sublayer=default --seq --time=4", "True", "True"),
    ("l2tp-blind-insertion-example --attackPackets=2000 --time=5", "True", "False"),
    ("l2tp-blind-insertion-example --attack=control", "True", "False"),
]

# A list of Python examples to run in order to ensure that they remain
# runnable over time.  Each tuple in the list contains
#
#     (example_name, do_run).
#
# See test.py for more information.
python_examples = []
