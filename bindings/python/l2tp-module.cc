/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Python bindings of the l2tp module (pybind11), with ns3::Ptr as holder type.
//
// Two levels:
//  - the scenario runner: L2tpv3BridgeScenario.Parameters -> run_once -> Results,
//    print_summary, the counters, cookies, drop reasons and the derived MTU rule;
//    this is what the Python twin of the example and the sweep use;
//  - the topology classes (see l2tp-topology.cc): Simulator, Config, Names, nodes,
//    helpers, L2tpv3NetDevice with attributes, counters and trace hooks; and the
//    ns-3 helpers a topology needs (see l2tp-ns3-helpers.cc): CSMA, point-to-point,
//    Internet stack and addresses, bridge, applications, flow monitor; and the
//    control plane (see l2tp-lcce.cc): L2tpv3LcceHelper, L2tpv3Lcce, its counters,
//    messages and traces.
//
// C++ std::invalid_argument arrives in Python as ValueError with the same message.

#include "ns3/l2tp-module.h"

#include "l2tp-python.h"

#include "ns3/l2tp-scenario-module.h"

#include <algorithm>
#include <mutex>
#include <pybind11/stl.h>
#include <sstream>

namespace py = pybind11;
using namespace ns3;

namespace
{

/**
 * \brief Names of the data members bound on a struct, in declaration order.
 *
 * to_dict, the keyword constructor and pickling read them, so that each member
 * is named once, where it is bound.
 */
using FieldNames = std::vector<std::string>;

/**
 * \brief Bind a data member read/write and remember its name.
 * \param cls the class
 * \param names the list of field names
 * \param name the member's name, as in C++
 * \param member the member
 * \param doc one-line help
 */
template <typename Class, typename T, typename Member>
void
Field(py::class_<T>& cls,
      FieldNames& names,
      const char* name,
      Member Class::*member,
      const char* doc)
{
    cls.def_readwrite(name, member, doc);
    names.emplace_back(name);
}

/**
 * \brief A dict of the named fields of \p self.
 * \param self the Python object
 * \param names its field names
 * \return {name: value}
 */
py::dict
FieldsToDict(const py::object& self, const FieldNames& names)
{
    py::dict d;
    for (const auto& name : names)
    {
        py::object value = self.attr(name.c_str());
        if (py::hasattr(value, "to_dict"))
        {
            value = value.attr("to_dict")();
        }
        d[name.c_str()] = value;
    }
    return d;
}

/**
 * \brief Set the named fields of \p self from keyword arguments or a dict.
 * \param self the Python object
 * \param names its field names
 * \param values {name: value}; unknown names raise TypeError
 * \param type the type name for error messages
 */
void
SetFields(py::object self, const FieldNames& names, const py::dict& values, const char* type)
{
    for (auto item : values)
    {
        std::string key = py::str(item.first);
        if (std::find(names.begin(), names.end(), key) == names.end())
        {
            throw py::type_error(std::string(type) + ": unknown field '" + key + "'");
        }
        self.attr(key.c_str()) = item.second;
    }
}

/**
 * \brief repr() of a struct: Type(name=value, ...).
 * \param self the Python object
 * \param names its field names
 * \param type the type name
 * \return the text
 */
std::string
FieldsRepr(const py::object& self, const FieldNames& names, const char* type)
{
    std::ostringstream os;
    os << type << "(";
    for (std::size_t i = 0; i < names.size(); ++i)
    {
        os << (i ? ", " : "") << names[i] << "="
           << std::string(py::repr(self.attr(names[i].c_str())));
    }
    os << ")";
    return os.str();
}

/**
 * \brief One simulation at a time per process: ns-3's Simulator is a singleton, and
 * run_once releases the GIL so that other Python threads (e.g. a Dask worker's) go on.
 */
std::mutex g_simulationMutex;

/**
 * \brief Bind one enum's names (l2tpv3-names.h): parse_<name>(text, parameter, wording),
 * <name>_name(value), <name>_names().
 * \param m the module
 * \param name the Python stem, e.g. "encapsulation"
 * \param parameter the default parameter named in a refusal, as the examples' options
 * \param table the enum's names
 */
template <typename T>
void
BindNameTable(py::module_& m,
              const std::string& name,
              const std::string& parameter,
              const L2tpv3NameTable<T>& (*table)())
{
    m.def(
        ("parse_" + name).c_str(),
        [table](const std::string& text, const std::string& parameter, L2tpv3NameWording wording) {
            // std::invalid_argument: ValueError with the C++ message.
            return L2tpv3ParseName(table(), text, parameter, wording);
        },
        py::arg("text"),
        py::arg("parameter") = parameter,
        py::arg("wording") = L2tpv3NameWording::OPTION,
        ("The value a name stands for; ValueError with the C++ message otherwise (e.g. '" +
         L2tpv3RefusedName(
             parameter,
             "x",
             [table]() {
                 std::vector<std::string> all;
                 for (const auto& entry : table())
                 {
                     all.push_back(entry.second);
                 }
                 return all;
             }(),
             L2tpv3NameWording::OPTION) +
         "')")
            .c_str());
    m.def((name + "_name").c_str(),
          [table](T value) {
              return L2tpv3NameOf(table(), value);
          },
          py::arg("value"),
          "The name users type for a value");
    m.def((name + "_names").c_str(),
          [table]() {
              std::vector<std::string> all;
              for (const auto& entry : table())
              {
                  all.push_back(entry.second);
              }
              return all;
          },
          "Every name, the default first");
}

/**
 * \brief Bind the name tables of the module's enums and the MSS clamp parser, so that
 * Python parses and prints ip/udp, none/default and fragment/derived as C++ does.
 * \param m the module
 */
void
BindNames(py::module_& m)
{
    py::enum_<L2tpv3NameWording>(m, "L2tpv3NameWording", "How a refused name is worded")
        .value("ATTRIBUTE",
               L2tpv3NameWording::ATTRIBUTE,
               "Encapsulation \"gre\" is neither ip nor udp")
        .value("QUOTED", L2tpv3NameWording::QUOTED, "Encapsulation 'gre': must be ip or udp")
        .value("OPTION", L2tpv3NameWording::OPTION, "encap=gre: must be ip or udp");
    BindNameTable(m, "encapsulation", "encap", &L2tpv3EncapsulationNames);
    BindNameTable(m, "sublayer", "sublayer", &L2tpv3SublayerNames);
    BindNameTable(m, "mtu_policy", "mtuPolicy", &L2tpv3MtuPolicyNames);
    m.def(
        "parse_mss_clamp",
        [](const std::string& text,
           const std::string& parameter,
           L2tpv3NameWording wording) -> py::object {
            L2tpv3MssClampSetting setting = L2tpv3ParseMssClamp(text, parameter, wording);
            if (setting.automatic)
            {
                return py::str("auto");
            }
            if (setting.mss == 0)
            {
                return py::none();
            }
            return py::int_(setting.mss);
        },
        py::arg("text"),
        py::arg("parameter") = "mssClamp",
        py::arg("wording") = L2tpv3NameWording::OPTION,
        "TCP MSS clamping as written: None for 'off', 'auto', or the MSS (88 to 65495); "
        "ValueError with the C++ message otherwise");
}

} // namespace

/**
 * \brief The scenario-runner level: counters, cookie, drop reasons, the scenario.
 * \param m the module
 */
static void
BindRunner(py::module_& m)
{
    py::enum_<L2tpv3DropReason> reason(m,
                                       "L2tpv3DropReason",
                                       "Why a packet or frame was dropped (one counter each)");
    for (std::size_t i = 0; i < static_cast<std::size_t>(L2tpv3DropReason::COUNT); ++i)
    {
        auto r = static_cast<L2tpv3DropReason>(i);
        std::string name = L2tpv3DropReasonName(r);
        std::transform(name.begin(), name.end(), name.begin(), ::toupper);
        reason.value(name.c_str(), r);
    }
    reason.def_property_readonly(
        "label",
        [](L2tpv3DropReason r) {
            return L2tpv3DropReasonName(r);
        },
        "snake_case name, as in traces and summaries (e.g. cookie_mismatch)");
    m.def("L2tpv3DropReasonName",
          &L2tpv3DropReasonName,
          py::arg("reason"),
          "Name of a drop reason, e.g. cookie_mismatch");
    m.def(
        "drop_reasons",
        []() {
            std::vector<L2tpv3DropReason> all;
            for (std::size_t i = 0; i < static_cast<std::size_t>(L2tpv3DropReason::COUNT); ++i)
            {
                all.push_back(static_cast<L2tpv3DropReason>(i));
            }
            return all;
        },
        "Every drop reason, in counter order");
    m.def(
        "flush_route_caches",
        []() {
            L2tpv3L4Protocol::FlushAllRouteCaches();
        },
        "Drop every node's kept tunnel routes (L2tpv3L4Protocol::FlushAllRouteCaches): call it "
        "after replacing a static route mid-run");

    py::enum_<L2tpv3Encapsulation>(m, "L2tpv3Encapsulation", "IP protocol 115 or UDP")
        .value("IP", L2tpv3Encapsulation::IP)
        .value("UDP", L2tpv3Encapsulation::UDP);
    py::enum_<L2tpv3Sublayer>(m, "L2tpv3Sublayer", "The L2-Specific Sublayer")
        .value("NONE", L2tpv3Sublayer::NONE)
        .value("DEFAULT", L2tpv3Sublayer::DEFAULT);
    py::enum_<L2tpv3MtuPolicy>(m, "L2tpv3MtuPolicy", "How the device MTU relates to the underlay")
        .value("FRAGMENT", L2tpv3MtuPolicy::FRAGMENT)
        .value("DERIVED", L2tpv3MtuPolicy::DERIVED);
    BindNames(m);

    // ---- L2tpv3Cookie --------------------------------------------------
    py::class_<L2tpv3Cookie>(m, "L2tpv3Cookie", "A session cookie: 0, 4 or 8 bytes (RFC 3931 §4.1)")
        .def(py::init<>(), "The empty (0-byte) cookie")
        .def(py::init([](uint32_t length, uint64_t value) {
                 // Check before narrowing to uint8_t, with the constructor's own message.
                 L2tpv3Cookie::CheckLength(length, "cookie length");
                 return L2tpv3Cookie(static_cast<uint8_t>(length), value);
             }),
             py::arg("length"),
             py::arg("value"),
             "A cookie of length (0, 4 or 8) bytes holding value; ValueError otherwise")
        .def_static("Parse",
                    &L2tpv3Cookie::Parse,
                    py::arg("text"),
                    py::arg("parameter") = "cookie",
                    "Parse 'LEN:VALUE' (or '0' / 'none'); ValueError when malformed")
        .def_static("CheckLength",
                    &L2tpv3Cookie::CheckLength,
                    py::arg("length"),
                    py::arg("parameter") = "cookie length",
                    "ValueError unless length is 0, 4 or 8")
        .def("GetLength",
             [](const L2tpv3Cookie& c) {
                 return static_cast<uint32_t>(c.GetLength());
             })
        .def("GetValue", &L2tpv3Cookie::GetValue)
        .def_property_readonly("length",
                               [](const L2tpv3Cookie& c) {
                                   return static_cast<uint32_t>(c.GetLength());
                               })
        .def_property_readonly("value", &L2tpv3Cookie::GetValue)
        .def(
            "GetBytes",
            [](const L2tpv3Cookie& c) {
                const auto& b = c.GetBytes();
                return py::bytes(reinterpret_cast<const char*>(b.data()), c.GetLength());
            },
            "The cookie bytes in wire (network) order")
        .def(py::self == py::self)
        .def(py::self != py::self)
        .def("__hash__",
             [](const L2tpv3Cookie& c) {
                 return py::hash(
                     py::make_tuple(static_cast<uint32_t>(c.GetLength()), c.GetValue()));
             })
        .def("__str__",
             [](const L2tpv3Cookie& c) {
                 std::ostringstream os;
                 os << c;
                 return os.str();
             })
        .def("__repr__",
             [](const L2tpv3Cookie& c) {
                 std::ostringstream os;
                 os << "L2tpv3Cookie(" << static_cast<uint32_t>(c.GetLength()) << ", "
                    << c.GetValue() << ")";
                 return os.str();
             })
        .def(py::pickle(
            [](const L2tpv3Cookie& c) {
                return py::make_tuple(static_cast<uint32_t>(c.GetLength()), c.GetValue());
            },
            [](const py::tuple& t) {
                return L2tpv3Cookie(static_cast<uint8_t>(t[0].cast<uint32_t>()),
                                    t[1].cast<uint64_t>());
            }));

    // ---- L2tpv3Counters ------------------------------------------------
    static FieldNames counterFields;
    py::class_<L2tpv3Counters> counters(m,
                                        "L2tpv3Counters",
                                        "Counters of a pseudowire device or of a node's L2TPv3 "
                                        "protocol (Linux's struct l2tp_stats)");
    counters.def(py::init<>());
    Field(counters,
          counterFields,
          "txPackets",
          &L2tpv3Counters::txPackets,
          "frames encapsulated and handed to IP");
    Field(counters, counterFields, "txBytes", &L2tpv3Counters::txBytes, "bytes of those frames");
    Field(counters,
          counterFields,
          "rxPackets",
          &L2tpv3Counters::rxPackets,
          "frames decapsulated and delivered");
    Field(counters, counterFields, "rxBytes", &L2tpv3Counters::rxBytes, "bytes of those frames");
    Field(counters,
          counterFields,
          "rxControl",
          &L2tpv3Counters::rxControl,
          "control messages received (Session ID 0)");
    Field(counters,
          counterFields,
          "txFragmented",
          &L2tpv3Counters::txFragmented,
          "encapsulated packets the outer IP layer had to fragment");
    Field(counters,
          counterFields,
          "txFragments",
          &L2tpv3Counters::txFragments,
          "outer fragments those packets became");
    Field(counters,
          counterFields,
          "rxOosPackets",
          &L2tpv3Counters::rxOosPackets,
          "frames received ahead of the expected sequence number");
    Field(counters,
          counterFields,
          "mssClamped",
          &L2tpv3Counters::mssClamped,
          "TCP SYNs whose MSS option was lowered");
    Field(counters,
          counterFields,
          "rxBadLengthType",
          &L2tpv3Counters::rxBadLengthType,
          "frames delivered whose length/type field is no EtherType nor a fitting 802.3 length");
    counters
        .def_property(
            "drops",
            [](const L2tpv3Counters& c) {
                py::dict d;
                for (std::size_t i = 0; i < c.drops.size(); ++i)
                {
                    d[py::str(L2tpv3DropReasonName(static_cast<L2tpv3DropReason>(i)))] = c.drops[i];
                }
                return d;
            },
            [](L2tpv3Counters& c, const py::dict& d) {
                for (std::size_t i = 0; i < c.drops.size(); ++i)
                {
                    std::string name = L2tpv3DropReasonName(static_cast<L2tpv3DropReason>(i));
                    c.drops[i] = d.contains(name) ? d[py::str(name)].cast<uint64_t>() : 0;
                }
            },
            "{reason name: packets dropped}, every reason (a copy)")
        .def("GetDrops", &L2tpv3Counters::GetDrops, py::arg("reason"))
        .def("GetTotalDrops", &L2tpv3Counters::GetTotalDrops)
        .def("GetRxSeqDiscards", &L2tpv3Counters::GetRxSeqDiscards)
        .def("GetRxCookieDiscards", &L2tpv3Counters::GetRxCookieDiscards)
        .def("GetRxErrors", &L2tpv3Counters::GetRxErrors)
        .def("GetTxErrors", &L2tpv3Counters::GetTxErrors)
        .def("CountDrop", &L2tpv3Counters::CountDrop, py::arg("reason"))
        // Linux's names (ip l2tp show session -s / struct l2tp_stats).
        .def_property_readonly("tx_packets",
                               [](const L2tpv3Counters& c) {
                                   return c.txPackets;
                               })
        .def_property_readonly("tx_bytes",
                               [](const L2tpv3Counters& c) {
                                   return c.txBytes;
                               })
        .def_property_readonly("rx_packets",
                               [](const L2tpv3Counters& c) {
                                   return c.rxPackets;
                               })
        .def_property_readonly("rx_bytes",
                               [](const L2tpv3Counters& c) {
                                   return c.rxBytes;
                               })
        .def_property_readonly("rx_oos_packets",
                               [](const L2tpv3Counters& c) {
                                   return c.rxOosPackets;
                               })
        .def_property_readonly("rx_seq_discards", &L2tpv3Counters::GetRxSeqDiscards)
        .def_property_readonly("rx_cookie_discards", &L2tpv3Counters::GetRxCookieDiscards)
        .def_property_readonly("rx_errors", &L2tpv3Counters::GetRxErrors)
        .def_property_readonly("tx_errors", &L2tpv3Counters::GetTxErrors)
        .def(py::self += py::self)
        .def(
            "__add__",
            [](const L2tpv3Counters& a, const L2tpv3Counters& b) {
                L2tpv3Counters sum = a;
                sum += b;
                return sum;
            },
            py::is_operator())
        .def(
            "to_dict",
            [](const py::object& self) {
                py::dict d = FieldsToDict(self, counterFields);
                d["drops"] = self.attr("drops");
                return d;
            },
            "{field: value}, drops as {reason name: count}")
        .def_static(
            "from_dict",
            [](const py::dict& d) {
                L2tpv3Counters c;
                py::object o = py::cast(&c, py::return_value_policy::reference);
                py::dict fields;
                for (auto item : d)
                {
                    if (std::string(py::str(item.first)) != "drops")
                    {
                        fields[item.first] = item.second;
                    }
                }
                SetFields(o, counterFields, fields, "L2tpv3Counters");
                if (d.contains("drops"))
                {
                    o.attr("drops") = d["drops"];
                }
                return c;
            },
            py::arg("values"))
        .def("__str__",
             [](const L2tpv3Counters& c) {
                 std::ostringstream os;
                 os << c;
                 return os.str();
             })
        .def("__repr__",
             [](const py::object& self) {
                 return "L2tpv3Counters(" + std::string(py::str(self.attr("to_dict")())) + ")";
             })
        .def(py::pickle(
            [](const py::object& self) {
                return py::dict(self.attr("to_dict")());
            },
            [](const py::dict& d) {
                return py::module_::import("l2tp")
                    .attr("L2tpv3Counters")
                    .attr("from_dict")(d)
                    .cast<L2tpv3Counters>();
            }));

    // ---- L2tpv3BridgeScenario ------------------------------------------
    using Scenario = L2tpv3BridgeScenario;
    py::class_<Scenario> scenario(m,
                                  "L2tpv3BridgeScenario",
                                  "The two-site topology of the l2tp(4) manual, as one "
                                  "runnable scenario (the same C++ code as the example)");

    static FieldNames parameterFields;
    using P = Scenario::Parameters;
    py::class_<P> parameters(scenario,
                             "Parameters",
                             "What to run; keyword-constructible: Parameters(cookieLength=4)");
    Field(parameters, parameterFields, "ipv6Underlay", &P::ipv6Underlay, "IPv6 between routers");
    Field(parameters, parameterFields, "innerIpv6", &P::innerIpv6, "IPv6 between the hosts");
    Field(parameters, parameterFields, "manualCookie", &P::manualCookie, "cookie 4 12345 4 54321");
    Field(parameters, parameterFields, "cookieLength", &P::cookieLength, "0, 4 or 8");
    Field(parameters, parameterFields, "wanMtu", &P::wanMtu, "MTU of the WAN ports");
    Field(parameters, parameterFields, "lanMtu", &P::lanMtu, "MTU of the LAN ports and l2tp0");
    Field(parameters, parameterFields, "frameSize", &P::frameSize, "bulk flow frame size");
    Field(parameters, parameterFields, "pingSize", &P::pingSize, "ICMP echo payload bytes");
    Field(parameters, parameterFields, "duration", &P::duration, "simulated seconds");
    Field(parameters, parameterFields, "wanDataRate", &P::wanDataRate, "WAN rate");
    Field(parameters, parameterFields, "wanDelayMs", &P::wanDelayMs, "WAN one-way delay (ms)");
    Field(parameters, parameterFields, "lanDataRate", &P::lanDataRate, "LAN rate");
    Field(parameters, parameterFields, "bulk", &P::bulk, "run the TCP bulk flow");
    Field(parameters, parameterFields, "deleteTunnelAt", &P::deleteTunnelAt, "<0: never");
    Field(parameters, parameterFields, "pcap", &P::pcap, "write pcap files");
    Field(parameters, parameterFields, "attacker", &P::attacker, "add node Attacker");
    Field(parameters, parameterFields, "attackPackets", &P::attackPackets, "forgeries per attack");
    Field(parameters, parameterFields, "attackStart", &P::attackStart, "when the attacks begin");
    Field(parameters, parameterFields, "pcapPrefix", &P::pcapPrefix, "pcap file prefix");
    Field(parameters, parameterFields, "localSessionId", &P::localSessionId, "NetBSD_A's local ID");
    Field(parameters, parameterFields, "remoteSessionId", &P::remoteSessionId, "its remote ID");
    Field(parameters, parameterFields, "encapsulation", &P::encapsulation, "ip or udp");
    Field(parameters, parameterFields, "sublayer", &P::sublayer, "none or default");
    Field(parameters, parameterFields, "sequencing", &P::sequencing, "sequence numbers");
    Field(parameters, parameterFields, "mtuPolicy", &P::mtuPolicy, "fragment or derived");
    Field(parameters, parameterFields, "mssClamp", &P::mssClamp, "off, auto or an MSS");
    parameters
        .def(py::init([](const py::kwargs& kwargs) {
                 P p;
                 SetFields(py::cast(&p, py::return_value_policy::reference),
                           parameterFields,
                           kwargs,
                           "Parameters");
                 return p;
             }),
             "Parameters(**fields): defaults of the C++ example, overridden by keyword")
        .def(
            "replace",
            [](const P& self, const py::kwargs& kwargs) {
                P p = self;
                SetFields(py::cast(&p, py::return_value_policy::reference),
                          parameterFields,
                          kwargs,
                          "Parameters");
                return p;
            },
            "A copy with some fields changed")
        .def(
            "to_dict",
            [](const py::object& self) {
                return FieldsToDict(self, parameterFields);
            },
            "{field: value}")
        .def_static(
            "fields",
            []() {
                return parameterFields;
            },
            "The field names, in C++ declaration order")
        .def("__repr__",
             [](const py::object& self) {
                 return FieldsRepr(self, parameterFields, "Parameters");
             })
        .def("__eq__",
             [](const py::object& a, const py::object& b) {
                 return py::isinstance<P>(b) &&
                        FieldsToDict(a, parameterFields).equal(FieldsToDict(b, parameterFields));
             })
        .def(py::pickle(
            [](const py::object& self) {
                return FieldsToDict(self, parameterFields);
            },
            [](const py::dict& d) {
                P p;
                SetFields(py::cast(&p, py::return_value_policy::reference),
                          parameterFields,
                          d,
                          "Parameters");
                return p;
            }));

    using F = Scenario::FrameAccounting;
    auto droppedToDict = [](const F& f) {
        py::dict d;
        for (std::size_t i = 0; i < f.dropped.size(); ++i)
        {
            d[py::str(L2tpv3DropReasonName(static_cast<L2tpv3DropReason>(i)))] = f.dropped[i];
        }
        return d;
    };
    auto droppedFromDict = [](F& f, const py::dict& d) {
        for (std::size_t i = 0; i < f.dropped.size(); ++i)
        {
            std::string name = L2tpv3DropReasonName(static_cast<L2tpv3DropReason>(i));
            f.dropped[i] = d.contains(name) ? d[py::str(name)].cast<uint64_t>() : 0;
        }
    };
    py::class_<F>(scenario,
                  "FrameAccounting",
                  "Where every frame went: sent = delivered + dropped + lost + in flight")
        .def(py::init<>())
        .def_readwrite("sent", &F::sent, "frames given to either l2tp0 to send")
        .def_readwrite("delivered", &F::delivered, "of those, delivered by the far l2tp0")
        .def_property("dropped",
                      droppedToDict,
                      droppedFromDict,
                      "{reason name: frames dropped by a pseudowire} (a copy)")
        .def_readwrite("lost", &F::lost, "{cause: frames lost in the underlay} (a copy)")
        .def_readwrite("inFlight", &F::inFlight, "neither delivered nor lost at the end")
        .def("GetDropped", &F::GetDropped)
        .def("GetLost", &F::GetLost)
        .def("Balances", &F::Balances)
        .def("to_dict",
             [droppedToDict](const F& f) {
                 py::dict d;
                 d["sent"] = f.sent;
                 d["delivered"] = f.delivered;
                 d["dropped"] = droppedToDict(f);
                 d["lost"] = f.lost;
                 d["inFlight"] = f.inFlight;
                 return d;
             })
        .def_static("from_dict",
                    [droppedFromDict](const py::dict& d) {
                        F f;
                        f.sent = d["sent"].cast<uint64_t>();
                        f.delivered = d["delivered"].cast<uint64_t>();
                        droppedFromDict(f, d["dropped"].cast<py::dict>());
                        f.lost = d["lost"].cast<std::map<std::string, uint64_t>>();
                        f.inFlight = d["inFlight"].cast<uint64_t>();
                        return f;
                    })
        .def("__repr__", [](const F& f) {
            std::ostringstream os;
            os << "FrameAccounting(sent=" << f.sent << ", delivered=" << f.delivered
               << ", dropped=" << f.GetDropped() << ", lost=" << f.GetLost()
               << ", inFlight=" << f.inFlight << ")";
            return os.str();
        });

    static FieldNames resultFields;
    using R = Scenario::Results;
    py::class_<R> results(scenario, "Results", "What a run measured");
    results.def(py::init<>());
    Field(results, resultFields, "pingsXtoY", &R::pingsXtoY, "echo requests Host_X sent");
    Field(results, resultFields, "repliesXtoY", &R::repliesXtoY, "replies Host_X received");
    Field(results, resultFields, "pingsYtoX", &R::pingsYtoX, "echo requests Host_Y sent");
    Field(results, resultFields, "repliesYtoX", &R::repliesYtoX, "replies Host_Y received");
    Field(results, resultFields, "pingsAfterDelete", &R::pingsAfterDelete, "after deletetunnel");
    Field(results, resultFields, "repliesAfterDelete", &R::repliesAfterDelete, "replies to those");
    Field(results, resultFields, "rttMinMs", &R::rttMinMs, "smallest RTT (ms)");
    Field(results, resultFields, "rttAvgMs", &R::rttAvgMs, "mean RTT (ms)");
    Field(results, resultFields, "rttMaxMs", &R::rttMaxMs, "largest RTT (ms)");
    Field(results, resultFields, "bulkBytes", &R::bulkBytes, "bytes the bulk sink received");
    Field(results, resultFields, "goodputMbps", &R::goodputMbps, "bulk goodput (Mbit/s)");
    Field(results, resultFields, "pseudowireA", &R::pseudowireA, "NetBSD_A's l2tp0 counters");
    Field(results, resultFields, "pseudowireB", &R::pseudowireB, "NetBSD_B's l2tp0 counters");
    Field(results, resultFields, "protocolA", &R::protocolA, "NetBSD_A's node-level counters");
    Field(results, resultFields, "protocolB", &R::protocolB, "NetBSD_B's node-level counters");
    Field(results, resultFields, "wanL2tpPackets", &R::wanL2tpPackets, "outer packets on the WAN");
    Field(results, resultFields, "wanFragments", &R::wanFragments, "of which outer fragments");
    Field(results, resultFields, "attackSessionSent", &R::attackSessionSent, "random Session IDs");
    Field(results, resultFields, "attackCookieSent", &R::attackCookieSent, "random cookies");
    Field(results, resultFields, "attackReplaySent", &R::attackReplaySent, "replays");
    Field(results, resultFields, "forgeriesOnLan", &R::forgeriesOnLan, "forgeries on the LAN");
    Field(results, resultFields, "hostYFrames", &R::hostYFrames, "frames Host_Y's port received");
    Field(results, resultFields, "frames", &R::frames, "where every frame went");
    Field(results,
          resultFields,
          "udpZeroChecksums",
          &R::udpZeroChecksums,
          "zero-checksum UDP datagrams accepted (ChecksumEnabled on)");
    Field(results,
          resultFields,
          "otherDrops",
          &R::otherDrops,
          "drops of packets that were no frame of the tunnel, by reason index");
    results
        .def(
            "to_dict",
            [](const py::object& self) {
                return FieldsToDict(self, resultFields);
            },
            "{field: value}, counters as nested dicts")
        .def_static(
            "fields",
            []() {
                return resultFields;
            },
            "The field names, in C++ declaration order")
        .def("__repr__",
             [](const py::object& self) {
                 return FieldsRepr(self, resultFields, "Results");
             })
        .def(py::pickle(
            [](const py::object& self) {
                return FieldsToDict(self, resultFields);
            },
            [](const py::dict& d) {
                R r;
                py::object o = py::cast(&r, py::return_value_policy::reference);
                py::object l2tp = py::module_::import("l2tp");
                py::object fromDict = l2tp.attr("L2tpv3Counters").attr("from_dict");
                py::object framesFromDict =
                    l2tp.attr("L2tpv3BridgeScenario").attr("FrameAccounting").attr("from_dict");
                for (auto item : d)
                {
                    py::object value = py::reinterpret_borrow<py::object>(item.second);
                    if (py::isinstance<py::dict>(value))
                    {
                        value = std::string(py::str(item.first)) == "frames" ? framesFromDict(value)
                                                                             : fromDict(value);
                    }
                    o.attr(item.first) = value;
                }
                return r;
            }));

    auto runOnce = [](const P& p) {
        std::lock_guard<std::mutex> lock(g_simulationMutex);
        return Scenario::RunOnce(p);
    };
    auto printSummary = [](const P& p, const R& r) {
        std::ostringstream os;
        Scenario::PrintSummary(os, p, r);
        return os.str();
    };
    scenario
        .def_static("RunOnce",
                    runOnce,
                    py::arg("parameters"),
                    py::call_guard<py::gil_scoped_release>(),
                    "Build, run and tear down; ValueError naming a bad parameter")
        .def_static("PrintSummary",
                    printSummary,
                    py::arg("parameters"),
                    py::arg("results"),
                    "The example's human-readable summary, as text");
    m.def("run_once",
          runOnce,
          py::arg("parameters"),
          py::call_guard<py::gil_scoped_release>(),
          "L2tpv3BridgeScenario.RunOnce: build, run and tear down the two-site scenario");
    m.def("print_summary",
          printSummary,
          py::arg("parameters"),
          py::arg("results"),
          "L2tpv3BridgeScenario.PrintSummary, as text");

    m.def("compute_derived_mtu",
          &DerivedMtu,
          py::arg("underlayMtu"),
          py::arg("ipv6") = false,
          py::arg("encapsulation") = L2tpv3Encapsulation::IP,
          py::arg("cookieLength") = 0,
          py::arg("sublayer") = L2tpv3Sublayer::NONE,
          "L2tpv3NetDevice::ComputeDerivedMtu: the largest frame payload that crosses whole");
}

PYBIND11_MODULE(l2tp, m)
{
    m.doc() = "ns-3 l2tp module: L2TPv3 Ethernet pseudowires (RFC 3931/4719), NetBSD l2tp(4)";
    m.attr("__version__") = L2TP_VERSION; // from the file VERSION, through CMake
    BindRunner(m);
    BindTopology(m);
    BindNs3Helpers(m);
    BindLcce(m);
    BindLab(m);
}
