/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The topology level of the Python bindings (see l2tp-module.cc): the classes
// needed to write the two-site topology in Python. Attribute values cross as
// text (any ns-3 attribute accepts its string form); a value ns-3 refuses
// raises ValueError instead of ending the process. The ns-3 helpers (links,
// Internet stack, bridge, applications, flow monitor) are in l2tp-ns3-helpers.cc.

#include "l2tp-python.h"

#include "ns3/config.h"
#include "ns3/core-module.h"
#include "ns3/l2tp-module.h"
#include "ns3/l2tp-scenario-module.h"
#include "ns3/network-module.h"

#include <pybind11/functional.h>
#include <pybind11/stl.h>
#include <sstream>

namespace py = pybind11;
using namespace ns3;

std::string
AttributeText(const py::handle& value)
{
    if (py::isinstance<py::bool_>(value))
    {
        return value.cast<bool>() ? "true" : "false";
    }
    return py::str(value);
}

namespace
{

/**
 * \brief Check a Config.SetDefault value first where ns-3 would end the process on it.
 * \param name "ns3::Type::Attribute"
 * \param text the value's text
 */
void
CheckDefault(const std::string& name, const std::string& text)
{
    std::string::size_type split = name.rfind("::");
    TypeId tid;
    if (split != std::string::npos && TypeId::LookupByNameFailSafe(name.substr(0, split), &tid))
    {
        CheckAttributeValue(tid, name.substr(split + 2), text, "Config.SetDefault");
    }
}

/**
 * \brief Check a Config.Set value on every object the path matches, first.
 * \param path "/NodeList/.../Attribute"
 * \param text the value's text
 */
void
CheckPath(const std::string& path, const std::string& text)
{
    std::string::size_type split = path.rfind('/');
    if (split == std::string::npos || split == 0)
    {
        return;
    }
    Config::MatchContainer matches = Config::LookupMatches(path.substr(0, split));
    for (uint32_t i = 0; i < matches.GetN(); ++i)
    {
        TypeId tid = matches.Get(i)->GetInstanceTypeId();
        TypeId::AttributeInformation info;
        if (tid.LookupAttributeByName(path.substr(split + 1), &info))
        {
            CheckAttributeValue(tid, path.substr(split + 1), text, "Config.Set");
        }
    }
}

/**
 * \brief Raise ValueError unless \p ok.
 * \param ok whether ns-3 accepted the value
 * \param what the call, e.g. "Config.SetDefault"
 * \param name the attribute or path
 * \param value the value's text
 */
void
Check(bool ok, const char* what, const std::string& name, const std::string& value)
{
    if (!ok)
    {
        throw py::value_error(std::string(what) + ": could not set " + name + " to '" + value +
                              "'");
    }
}

/**
 * \brief Read an attribute as text.
 * \param object the object
 * \param name the attribute
 * \return the value's string form
 */
std::string
GetAttributeText(const Ptr<Object>& object, const std::string& name)
{
    StringValue value;
    if (!object->GetAttributeFailSafe(name, value))
    {
        throw py::value_error("GetAttribute: " + object->GetInstanceTypeId().GetName() +
                              " has no attribute '" + name + "'");
    }
    return value.Get();
}

/**
 * \brief TypeError unless \p function can be called with \p count positional arguments
 * (checked when connecting, rather than at the first event inside Simulator.Run).
 * Callables without a signature (some builtins) are not checked.
 * \param function the callable
 * \param count the trace source's arguments
 * \param name the trace source
 * \param signature its callback signature, for the message
 */
void
CheckArity(const py::function& function,
           std::size_t count,
           const std::string& name,
           const std::string& signature)
{
    py::object sig;
    try
    {
        sig = py::module_::import("inspect").attr("signature")(function);
    }
    catch (py::error_already_set&)
    {
        return; // no signature to check
    }
    py::list arguments;
    for (std::size_t i = 0; i < count; ++i)
    {
        arguments.append(py::none());
    }
    try
    {
        sig.attr("bind")(*arguments);
    }
    catch (py::error_already_set& e)
    {
        if (!e.matches(PyExc_TypeError))
        {
            throw;
        }
        throw py::type_error("TraceConnectWithoutContext: '" + name + "' (" + signature +
                             ") calls back with " + std::to_string(count) + " argument" +
                             (count == 1 ? "" : "s") + "; " + std::string(py::repr(function)) +
                             " takes " + std::string(py::str(sig)));
    }
}

/**
 * \brief Connect a Python callable to a trace source whose sinks take \p Args.
 * \param object the object
 * \param name the trace source
 * \param function the callable (called with the GIL held); TypeError unless it takes
 *        as many arguments
 * \param signature the trace source's callback signature, for messages
 * \return whether ns-3 connected it
 */
template <typename... Args>
bool
Connect(const Ptr<Object>& object,
        const std::string& name,
        const py::function& function,
        const std::string& signature)
{
    CheckArity(function, sizeof...(Args), name, signature);
    PyCallable callback(function);
    return object->TraceConnectWithoutContext(name,
                                              Callback<void, Args...>([callback](Args... args) {
                                                  callback(args...);
                                              }));
}

/**
 * \brief Connect a Python callable to a trace source of \p object, argument by argument.
 * \param object the object
 * \param name the trace source
 * \param function a callable taking the trace source's arguments
 */
void
ConnectTrace(const Ptr<Object>& object, const std::string& name, py::function function)
{
    TypeId tid = object->GetInstanceTypeId();
    TypeId::TraceSourceInformation info;
    if (!tid.LookupTraceSourceByName(name, &info))
    {
        throw py::value_error("TraceConnectWithoutContext: " + tid.GetName() +
                              " has no trace source '" + name + "'");
    }
    bool ok = false;
    const std::string& signature = info.callback;
    const py::function& f = function;
    if (signature == "ns3::L2tpv3NetDevice::DropTracedCallback")
    {
        ok = Connect<Ptr<const Packet>, L2tpv3DropReason>(object, name, f, signature);
    }
    else if (signature == "ns3::Packet::TracedCallback")
    {
        ok = Connect<Ptr<const Packet>>(object, name, f, signature);
    }
    else if (signature == "ns3::TracedValueCallback::Uint32")
    {
        ok = Connect<uint32_t, uint32_t>(object, name, f, signature);
    }
    else if (signature == "ns3::Time::TracedCallback")
    {
        ok = Connect<Time>(object, name, f, signature);
    }
    else if (signature == "ns3::Ping::RttTrace")
    {
        ok = Connect<uint16_t, Time>(object, name, f, signature);
    }
    // L2tpv3Pinger: Rtt (seq, Time) as ns-3's Ping, Tx (seq, ICMP message).
    else if (signature == "ns3::L2tpv3Pinger::RttTracedCallback")
    {
        ok = Connect<uint16_t, Time>(object, name, f, signature);
    }
    else if (signature == "ns3::L2tpv3Pinger::TxTracedCallback")
    {
        ok = Connect<uint16_t, Ptr<const Packet>>(object, name, f, signature);
    }
    else if (signature == "ns3::Packet::AddressTracedCallback")
    {
        ok = Connect<Ptr<const Packet>, const Address&>(object, name, f, signature);
    }
    // The control plane (L2tpv3Lcce): ControlTx, ControlRx, ConnectionState,
    // SessionState, SessionUp, SessionDown.
    else if (signature == "ns3::L2tpv3Lcce::MessageTracedCallback")
    {
        ok = Connect<uint32_t, const L2tpv3ControlMessage&>(object, name, f, signature);
    }
    else if (signature == "ns3::L2tpv3Lcce::ConnectionStateTracedCallback")
    {
        ok = Connect<uint32_t, L2tpv3ConnectionState, L2tpv3ConnectionState>(object,
                                                                             name,
                                                                             f,
                                                                             signature);
    }
    else if (signature == "ns3::L2tpv3Lcce::SessionStateTracedCallback")
    {
        ok = Connect<uint32_t, L2tpv3SessionState, L2tpv3SessionState>(object, name, f, signature);
    }
    else if (signature == "ns3::L2tpv3Lcce::SessionUpTracedCallback")
    {
        ok = Connect<const L2tpv3SessionParameters&, Ptr<L2tpv3NetDevice>>(object,
                                                                           name,
                                                                           f,
                                                                           signature);
    }
    else if (signature == "ns3::L2tpv3Lcce::SessionDownTracedCallback")
    {
        ok = Connect<const L2tpv3SessionParameters&, L2tpv3SessionDownReason>(object,
                                                                              name,
                                                                              f,
                                                                              signature);
    }
    else
    {
        throw py::value_error("TraceConnectWithoutContext: trace source '" + name +
                              "' has signature " + signature +
                              ", which the Python bindings do not connect");
    }
    if (!ok)
    {
        throw py::value_error("TraceConnectWithoutContext: could not connect '" + name + "'");
    }
}

/**
 * \brief Set a pointer attribute (PointerValue) to an object; ValueError unless the
 * attribute is one and takes objects of that type.
 * \param object the object
 * \param name the attribute
 * \param value the object it will point to
 */
void
SetPointerAttribute(const Ptr<Object>& object, const std::string& name, const Ptr<Object>& value)
{
    TypeId tid = object->GetInstanceTypeId();
    TypeId::AttributeInformation info;
    if (!tid.LookupAttributeByName(name, &info))
    {
        throw py::value_error("SetAttribute: " + tid.GetName() + " has no attribute '" + name +
                              "'");
    }
    if (info.checker->GetValueTypeName() != "ns3::PointerValue" ||
        !object->SetAttributeFailSafe(name, PointerValue(value)))
    {
        throw py::value_error("SetAttribute: could not set " + name + " to a " +
                              value->GetInstanceTypeId().GetName() + " (" + tid.GetName() +
                              "::" + name + " takes " +
                              info.checker->GetUnderlyingTypeInformation() + ")");
    }
}

/**
 * \brief Read an object's attributes as {name: text}.
 * \param object the object
 * \return every attribute of its TypeId and parents
 */
py::dict
AttributesOf(const Ptr<Object>& object)
{
    py::dict d;
    for (TypeId tid = object->GetInstanceTypeId();; tid = tid.GetParent())
    {
        for (uint32_t i = 0; i < tid.GetAttributeN(); ++i)
        {
            std::string name = tid.GetAttribute(i).name;
            if (!d.contains(name))
            {
                StringValue value;
                if (object->GetAttributeFailSafe(name, value))
                {
                    d[py::str(name)] = value.Get();
                }
            }
        }
        if (tid == tid.GetParent())
        {
            break;
        }
    }
    return d;
}

} // namespace

uint32_t
DerivedMtu(uint32_t underlayMtu,
           bool ipv6,
           L2tpv3Encapsulation encapsulation,
           uint32_t cookieLength,
           L2tpv3Sublayer sublayer)
{
    L2tpv3Cookie::CheckLength(cookieLength, "cookie length");
    return L2tpv3NetDevice::ComputeDerivedMtu(underlayMtu,
                                              ipv6,
                                              encapsulation,
                                              static_cast<uint8_t>(cookieLength),
                                              sublayer);
}

void
BindTopology(py::module_& m)
{
    // ---- Time, Simulator ------------------------------------------------
    py::class_<Time>(m, "Time", "ns-3 simulation time")
        .def(py::init<>())
        .def(py::init([](const std::string& text) {
                 CheckTimeText(text, "Time");
                 return Time(text);
             }),
             py::arg("text"),
             "e.g. Time('1.5s'); ValueError for an unknown unit")
        .def("GetSeconds", &Time::GetSeconds)
        .def("GetMilliSeconds", &Time::GetMilliSeconds)
        .def("GetMicroSeconds", &Time::GetMicroSeconds)
        .def("GetNanoSeconds", &Time::GetNanoSeconds)
        .def(py::self + py::self)
        .def(py::self - py::self)
        .def(py::self < py::self)
        .def(py::self == py::self)
        .def("__str__",
             [](const Time& t) {
                 std::ostringstream os;
                 os << t.As(Time::S);
                 return os.str();
             })
        .def("__repr__", [](const Time& t) {
            std::ostringstream os;
            os << "Time('" << t.GetSeconds() << "s')";
            return os.str();
        });
    m.def(
        "Seconds",
        [](double s) {
            return Seconds(s);
        },
        py::arg("seconds"));
    m.def(
        "MilliSeconds",
        [](uint64_t ms) {
            return MilliSeconds(ms);
        },
        py::arg("ms"));
    m.def(
        "MicroSeconds",
        [](uint64_t us) {
            return MicroSeconds(us);
        },
        py::arg("us"));

    py::class_<Simulator, std::unique_ptr<Simulator, py::nodelete>>(
        m,
        "Simulator",
        "The ns-3 simulator (one per process)")
        .def_static("Run", &Simulator::Run)
        .def_static(
            "Stop",
            [](const Time& delay) {
                Simulator::Stop(delay);
            },
            py::arg("delay"))
        .def_static("Now", &Simulator::Now)
        .def_static("Destroy", &Simulator::Destroy)
        .def_static("IsFinished", &Simulator::IsFinished)
        .def_static(
            "Schedule",
            [](const Time& delay, py::function f) {
                Simulator::Schedule(delay, [f = PyCallable(f)]() {
                    f();
                });
            },
            py::arg("delay"),
            py::arg("callable"),
            "Call a Python callable (no arguments) after delay");

    // ---- Config, logging, RNG ------------------------------------------
    py::module_ config = m.def_submodule("Config", "ns-3 Config: attribute defaults and paths");
    config.def(
        "SetDefault",
        [](const std::string& name, const py::object& value) {
            std::string text = AttributeText(value);
            CheckDefault(name, text);
            Check(Config::SetDefaultFailSafe(name, StringValue(text)),
                  "Config.SetDefault",
                  name,
                  text);
        },
        py::arg("name"),
        py::arg("value"),
        "e.g. Config.SetDefault('ns3::TcpSocket::SegmentSize', 1448)");
    config.def(
        "Set",
        [](const std::string& path, const py::object& value) {
            std::string text = AttributeText(value);
            CheckPath(path, text);
            Check(Config::SetFailSafe(path, StringValue(text)), "Config.Set", path, text);
        },
        py::arg("path"),
        py::arg("value"),
        "Set an attribute on every object matching path; ValueError if none took it");
    config.def(
        "SetGlobal",
        [](const std::string& name, const py::object& value) {
            std::string text = AttributeText(value);
            Check(Config::SetGlobalFailSafe(name, StringValue(text)),
                  "Config.SetGlobal",
                  name,
                  text);
        },
        py::arg("name"),
        py::arg("value"));
    config.def("Reset", &Config::Reset, "Restore every default");

    py::enum_<LogLevel>(m, "LogLevel", py::arithmetic())
        .value("LOG_NONE", LOG_NONE)
        .value("LOG_ERROR", LOG_ERROR)
        .value("LOG_WARN", LOG_WARN)
        .value("LOG_DEBUG", LOG_DEBUG)
        .value("LOG_INFO", LOG_INFO)
        .value("LOG_FUNCTION", LOG_FUNCTION)
        .value("LOG_LOGIC", LOG_LOGIC)
        .value("LOG_LEVEL_ERROR", LOG_LEVEL_ERROR)
        .value("LOG_LEVEL_WARN", LOG_LEVEL_WARN)
        .value("LOG_LEVEL_DEBUG", LOG_LEVEL_DEBUG)
        .value("LOG_LEVEL_INFO", LOG_LEVEL_INFO)
        .value("LOG_LEVEL_FUNCTION", LOG_LEVEL_FUNCTION)
        .value("LOG_LEVEL_LOGIC", LOG_LEVEL_LOGIC)
        .value("LOG_LEVEL_ALL", LOG_LEVEL_ALL)
        .value("LOG_PREFIX_FUNC", LOG_PREFIX_FUNC)
        .value("LOG_PREFIX_TIME", LOG_PREFIX_TIME)
        .value("LOG_PREFIX_NODE", LOG_PREFIX_NODE)
        .value("LOG_PREFIX_LEVEL", LOG_PREFIX_LEVEL)
        .value("LOG_PREFIX_ALL", LOG_PREFIX_ALL)
        .export_values();
    m.def(
        "LogComponentEnable",
        [](const std::string& name, int level) {
            if (LogComponent::GetComponentList()->count(name) == 0)
            {
                throw py::value_error("LogComponentEnable: no log component named '" + name + "'");
            }
            LogComponentEnable(name.c_str(), static_cast<LogLevel>(level));
        },
        py::arg("name"),
        py::arg("level"));
    m.def("LogComponentDisable", [](const std::string& name, int level) {
        LogComponentDisable(name.c_str(), static_cast<LogLevel>(level));
    });
    py::class_<RngSeedManager, std::unique_ptr<RngSeedManager, py::nodelete>>(m, "RngSeedManager")
        .def_static("SetSeed", &RngSeedManager::SetSeed)
        .def_static("SetRun", &RngSeedManager::SetRun)
        .def_static("GetSeed", &RngSeedManager::GetSeed)
        .def_static("GetRun", &RngSeedManager::GetRun);

    // ---- Object, Packet, Node, NetDevice ------------------------------
    py::class_<Object, Ptr<Object>>(m, "Object", "ns-3 Object: attributes and trace sources")
        .def("GetInstanceTypeId",
             [](const Ptr<Object>& o) {
                 return o->GetInstanceTypeId().GetName();
             })
        .def(
            "SetAttribute",
            [](const Ptr<Object>& o, const std::string& name, const py::object& value) {
                if (py::isinstance<Object>(value))
                {
                    SetPointerAttribute(o, name, value.cast<Ptr<Object>>());
                    return;
                }
                std::string text = AttributeText(value);
                if (name == "LocalCookie" || name == "RemoteCookie")
                {
                    L2tpv3Cookie::Parse(text, name); // the C++ message for a bad cookie
                }
                bool ok = false;
                try
                {
                    CheckAttributeValue(o->GetInstanceTypeId(), name, text, "SetAttribute");
                    ok = o->SetAttributeFailSafe(name, StringValue(text));
                }
                catch (const std::invalid_argument& e)
                {
                    throw py::value_error(e.what());
                }
                Check(ok, "SetAttribute", name, text);
            },
            py::arg("name"),
            py::arg("value"),
            "Set an attribute from its text (bools as True/False), or a pointer attribute "
            "to an object (e.g. a device's ReceiveErrorModel)")
        .def(
            "GetObject",
            [](const Ptr<Object>& o, const std::string& typeName) -> Ptr<Object> {
                TypeId tid;
                if (!TypeId::LookupByNameFailSafe(typeName, &tid))
                {
                    throw py::value_error("GetObject: no TypeId named '" + typeName + "'");
                }
                return o->GetObject<Object>(tid);
            },
            py::arg("typeName"),
            "The object of that type aggregated to this one (e.g. "
            "node.GetObject('ns3::Icmpv6L4Protocol')), or None")
        .def("GetAttribute", &GetAttributeText, py::arg("name"), "An attribute's text")
        .def("GetAttributes", &AttributesOf, "{attribute: text}")
        .def("TraceConnectWithoutContext",
             &ConnectTrace,
             py::arg("name"),
             py::arg("callback"),
             "Call a Python callable on each event of a trace source");

    py::class_<Packet, Ptr<Packet>>(m, "Packet", "An ns-3 packet (read-only here)")
        .def("GetSize", &Packet::GetSize)
        .def("GetUid", &Packet::GetUid)
        .def("__len__", &Packet::GetSize)
        .def("__str__", [](const Ptr<Packet>& p) {
            std::ostringstream os;
            p->Print(os);
            return os.str();
        });

    py::class_<Node, Object, Ptr<Node>>(m, "Node")
        .def(py::init([]() {
            return CreateObject<Node>();
        }))
        .def("GetId", &Node::GetId)
        .def("GetNDevices", &Node::GetNDevices)
        .def("GetDevice", &Node::GetDevice, py::arg("index"))
        .def("AddDevice", &Node::AddDevice, py::arg("device"));

    py::class_<NetDevice, Object, Ptr<NetDevice>>(m, "NetDevice")
        .def("GetIfIndex", &NetDevice::GetIfIndex)
        .def("GetNode", &NetDevice::GetNode)
        .def("GetMtu", &NetDevice::GetMtu)
        .def("SetMtu", &NetDevice::SetMtu, py::arg("mtu"))
        .def("IsLinkUp", &NetDevice::IsLinkUp)
        .def("GetAddress", [](const Ptr<NetDevice>& d) {
            std::ostringstream os;
            os << Mac48Address::ConvertFrom(d->GetAddress());
            return os.str();
        });

    py::class_<NodeContainer>(m, "NodeContainer")
        .def(py::init<>())
        .def(py::init([](uint32_t n) {
                 NodeContainer c;
                 c.Create(n);
                 return c;
             }),
             py::arg("count"))
        .def(py::init([](const std::vector<Ptr<Node>>& nodes) {
                 NodeContainer c;
                 for (const auto& n : nodes)
                 {
                     c.Add(n);
                 }
                 return c;
             }),
             py::arg("nodes"))
        .def("Create", py::overload_cast<uint32_t>(&NodeContainer::Create), py::arg("count"))
        .def(
            "Add",
            [](NodeContainer& c, Ptr<Node> node) {
                c.Add(node);
            },
            py::arg("node"))
        .def("Add",
             [](NodeContainer& c, const NodeContainer& other) {
                 c.Add(other);
             })
        .def("Get", &NodeContainer::Get, py::arg("index"))
        .def("GetN", &NodeContainer::GetN)
        .def("__len__", &NodeContainer::GetN)
        .def("__getitem__",
             [](const NodeContainer& c, uint32_t i) {
                 if (i >= c.GetN())
                 {
                     throw py::index_error();
                 }
                 return c.Get(i);
             })
        .def_static("GetGlobal", &NodeContainer::GetGlobal);

    py::class_<NetDeviceContainer>(m, "NetDeviceContainer")
        .def(py::init<>())
        .def(py::init([](const std::vector<Ptr<NetDevice>>& devices) {
                 NetDeviceContainer c;
                 for (const auto& d : devices)
                 {
                     c.Add(d);
                 }
                 return c;
             }),
             py::arg("devices"))
        .def("Add",
             [](NetDeviceContainer& c, Ptr<NetDevice> device) {
                 c.Add(device);
             })
        .def("Add",
             [](NetDeviceContainer& c, const NetDeviceContainer& other) {
                 c.Add(other);
             })
        .def("Get", &NetDeviceContainer::Get, py::arg("index"))
        .def("GetN", &NetDeviceContainer::GetN)
        .def("__len__", &NetDeviceContainer::GetN)
        .def("__getitem__", [](const NetDeviceContainer& c, uint32_t i) {
            if (i >= c.GetN())
            {
                throw py::index_error();
            }
            return c.Get(i);
        });

    py::module_ names = m.def_submodule("Names", "ns-3 Names: objects by name");
    names.def("Add",
              py::overload_cast<std::string, Ptr<Object>>(&Names::Add),
              py::arg("name"),
              py::arg("object"));
    names.def("FindName", &Names::FindName, py::arg("object"));
    names.def(
        "Find",
        [](const std::string& path) -> Ptr<Object> {
            return Names::Find<Object>(path);
        },
        py::arg("path"));
    names.def("Clear", &Names::Clear);

    // ---- L2tpv3NetDevice, L2tpv3Helper ---------------------------------
    py::class_<L2tpv3NetDevice, NetDevice, Ptr<L2tpv3NetDevice>>(
        m,
        "L2tpv3NetDevice",
        "An Ethernet pseudowire over L2TPv3: NetBSD's l2tpN")
        .def(py::init([]() {
            return CreateObject<L2tpv3NetDevice>();
        }))
        .def_static("From",
                    [](const Ptr<NetDevice>& d) {
                        Ptr<L2tpv3NetDevice> l = DynamicCast<L2tpv3NetDevice>(d);
                        if (!l)
                        {
                            throw py::type_error("not an L2tpv3NetDevice");
                        }
                        return l;
                    })
        .def("GetCounters", &L2tpv3NetDevice::GetCounters)
        .def("GetLocalSessionId", &L2tpv3NetDevice::GetLocalSessionId)
        .def("GetRemoteSessionId", &L2tpv3NetDevice::GetRemoteSessionId)
        .def("SetSessionIds", &L2tpv3NetDevice::SetSessionIds)
        .def("SetCookies", &L2tpv3NetDevice::SetCookies)
        .def("GetLocalCookie", &L2tpv3NetDevice::GetLocalCookie)
        .def("GetRemoteCookie", &L2tpv3NetDevice::GetRemoteCookie)
        .def("DeleteTunnel", &L2tpv3NetDevice::DeleteTunnel)
        .def("DeleteSession", &L2tpv3NetDevice::DeleteSession)
        .def("DeleteCookie", &L2tpv3NetDevice::DeleteCookie)
        .def("CheckConfiguration", &L2tpv3NetDevice::CheckConfiguration)
        .def_static("ComputeDerivedMtu",
                    &DerivedMtu,
                    py::arg("underlayMtu"),
                    py::arg("ipv6"),
                    py::arg("encapsulation"),
                    py::arg("cookieLength"),
                    py::arg("sublayer"));

    py::class_<L2tpv3Helper>(m, "L2tpv3Helper", "Installs l2tp0 devices (as PointToPointHelper)")
        .def(py::init<>())
        .def(
            "SetDeviceAttribute",
            [](L2tpv3Helper& h, const std::string& name, const py::object& value) {
                // Check on a scratch device, so that a bad value raises here.
                std::string text = AttributeText(value);
                if (name == "LocalCookie" || name == "RemoteCookie")
                {
                    L2tpv3Cookie::Parse(text, name); // the C++ message for a bad cookie
                }
                Ptr<L2tpv3NetDevice> probe = CreateObject<L2tpv3NetDevice>();
                try
                {
                    CheckAttributeValue(probe->GetInstanceTypeId(),
                                        name,
                                        text,
                                        "L2tpv3Helper.SetDeviceAttribute");
                    Check(probe->SetAttributeFailSafe(name, StringValue(text)),
                          "SetDeviceAttribute",
                          name,
                          text);
                }
                catch (const std::invalid_argument& e)
                {
                    throw py::value_error(e.what());
                }
                h.SetDeviceAttribute(name, StringValue(text));
            },
            py::arg("name"),
            py::arg("value"))
        .def("SetSessionIds", &L2tpv3Helper::SetSessionIds, py::arg("local"), py::arg("remote"))
        .def("SetCookies", &L2tpv3Helper::SetCookies, py::arg("local"), py::arg("remote"))
        .def("SetPreset",
             py::overload_cast<const std::string&>(&L2tpv3Helper::SetPreset),
             py::arg("name"),
             "linux-iproute2 or qemu: that peer's data-plane defaults for the devices "
             "installed from now on")
        .def(
            "DeleteCookie",
            [](L2tpv3Helper& h, const py::object& devices) {
                if (devices.is_none())
                {
                    h.DeleteCookie();
                    return;
                }
                try
                {
                    L2tpv3Helper::DeleteCookie(devices.cast<NetDeviceContainer>());
                }
                catch (const std::invalid_argument& e)
                {
                    throw py::value_error(e.what());
                }
            },
            py::arg("devices") = py::none(),
            "l2tp(4) deletecookie: on the devices given, else on those installed from now on")
        .def(
            "InstallPair",
            [](L2tpv3Helper& h,
               Ptr<Node> a,
               const std::string& addressA,
               Ptr<Node> b,
               const std::string& addressB) {
                auto parse = [](const std::string& text) -> Address {
                    if (text.find(':') != std::string::npos)
                    {
                        return Ipv6Address(text.c_str());
                    }
                    return Ipv4Address(text.c_str());
                };
                return h.InstallPair(a, parse(addressA), b, parse(addressB));
            },
            py::arg("nodeA"),
            py::arg("addressA"),
            py::arg("nodeB"),
            py::arg("addressB"),
            "InstallPair(nodeA, '192.168.0.1', nodeB, '192.168.0.2')")
        .def(
            "EnablePcapAll",
            [](L2tpv3Helper& h, const std::string& prefix, bool promiscuous) {
                h.EnablePcapAll(prefix, promiscuous);
            },
            py::arg("prefix"),
            py::arg("promiscuous") = false);

    // ---- The scenario object: build, reach inside, run --------------------
    using Scenario = L2tpv3BridgeScenario;
    py::class_<Scenario> scenario =
        py::reinterpret_borrow<py::class_<Scenario>>(m.attr("L2tpv3BridgeScenario"));
    scenario.def(py::init<const Scenario::Parameters&>(), py::arg("parameters"))
        .def("Build", &Scenario::Build)
        .def("Run", &Scenario::Run)
        .def("GetNodes", &Scenario::GetNodes, py::return_value_policy::copy)
        .def("GetPseudowire", &Scenario::GetPseudowire, py::arg("index"))
        .def("GetHostDevice", &Scenario::GetHostDevice, py::arg("index"))
        .def("GetHostAddress", &Scenario::GetHostAddress, py::arg("index"));
}
