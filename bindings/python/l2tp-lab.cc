/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Python bindings of the teaching lab (L2tpv3Lab): the same parser and executor as
// examples/l2tp-lab. A refused lab file raises l2tp.LabError (a ValueError) whose message
// is the file:line: command: reason lines.

#include "l2tp-python.h"

#include "ns3/l2tpv3-lab.h"

#include <pybind11/stl.h>
#include <sstream>

namespace py = pybind11;
using namespace ns3;

void
BindLab(py::module_& m)
{
    py::register_exception<L2tpv3LabError>(m, "LabError", PyExc_ValueError);

    py::class_<L2tpv3Lab::Results>(m, "LabResults", "What a lab run observed")
        .def_property_readonly(
            "keys",
            [](const L2tpv3Lab::Results& r) {
                return r.GetKeys();
            },
            "the figures as a dict of key -> text (what `l2tp-lab --keys` prints)")
        .def_property_readonly(
            "text",
            [](const L2tpv3Lab::Results& r) {
                std::ostringstream os;
                L2tpv3Lab::Print(os, r);
                return os.str();
            },
            "the report examples/l2tp-lab prints")
        .def_readonly("duration", &L2tpv3Lab::Results::duration, "simulated seconds")
        .def_readonly("events", &L2tpv3Lab::Results::events, "timed commands as they ran");

    py::class_<L2tpv3Lab>(m, "Lab", "A teaching lab file: topology, the manual's commands, pings")
        .def(py::init<>())
        .def("set",
             &L2tpv3Lab::Set,
             py::arg("name"),
             py::arg("value"),
             "give ${NAME} a value that wins over the file's `set` line")
        .def("set_pcap", &L2tpv3Lab::SetPcap, py::arg("pcap"), "write the captures' pcap files")
        .def("set_pcap_prefix", &L2tpv3Lab::SetPcapPrefix, py::arg("prefix"), "pcap file prefix")
        .def("load_file",
             &L2tpv3Lab::LoadFile,
             py::arg("path"),
             "parse and check a lab file; LabError names every refused line")
        .def("load_string",
             &L2tpv3Lab::LoadString,
             py::arg("text"),
             py::arg("name") = "<string>",
             "parse and check a lab given as text")
        .def("run", &L2tpv3Lab::Run, "build, run and return the LabResults (once per Lab)");
}
