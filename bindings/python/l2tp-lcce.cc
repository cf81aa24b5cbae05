/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The control plane in the Python bindings (see l2tp-module.cc): L2tpv3LcceHelper,
// the L2tpv3Lcce application and what its calls and traces carry (counters, control
// messages, session parameters, the state and reason enums). The traces connect
// through Object.TraceConnectWithoutContext (l2tp-topology.cc).
//
// C++ std::invalid_argument arrives as ValueError with the same message; what the
// model would only refuse when the application starts (inside Simulator.Run) is
// refused here, where it is given.

#include "l2tp-python.h"

#include "ns3/bridge-net-device.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/l2tp-module.h"
#include "ns3/network-module.h"

#include <arpa/inet.h>
#include <pybind11/stl.h>
#include <sstream>

namespace py = pybind11;
using namespace ns3;

namespace
{

/**
 * \brief An LCCE address from an Ipv4Address, an Ipv6Address or its text.
 * \param o the Python value
 * \param what the parameter, for messages
 * \return the address; ValueError if bad
 */
Address
ToAddress(const py::handle& o, const std::string& what)
{
    if (py::isinstance<Ipv4Address>(o))
    {
        return o.cast<Ipv4Address>();
    }
    if (py::isinstance<Ipv6Address>(o))
    {
        return o.cast<Ipv6Address>();
    }
    if (!py::isinstance<py::str>(o))
    {
        throw py::type_error(what + ": expected an Ipv4Address, an Ipv6Address or a str, not " +
                             std::string(py::str(o.get_type().attr("__name__"))));
    }
    std::string text = o.cast<std::string>();
    in_addr a4;
    uint8_t a6[16];
    if (inet_pton(AF_INET, text.c_str(), &a4) == 1)
    {
        return Ipv4Address(ntohl(a4.s_addr));
    }
    if (inet_pton(AF_INET6, text.c_str(), a6) == 1)
    {
        return Ipv6Address(a6);
    }
    throw py::value_error(what + ": '" + text + "' is not an IPv4 or IPv6 address");
}

/**
 * \brief The bridge a pseudowire joins: a BridgeNetDevice, or None for none.
 * \param o the Python value
 * \param what the call, for messages
 * \return the bridge or nullptr; ValueError for another device
 */
Ptr<BridgeNetDevice>
ToBridge(const py::handle& o, const std::string& what)
{
    if (o.is_none())
    {
        return nullptr;
    }
    Ptr<NetDevice> device = o.cast<Ptr<NetDevice>>();
    Ptr<BridgeNetDevice> bridge = DynamicCast<BridgeNetDevice>(device);
    if (!bridge)
    {
        throw py::value_error(what + ": bridge must be a BridgeNetDevice or None, not " +
                              (device ? device->GetInstanceTypeId().GetName() : "a null device"));
    }
    return bridge;
}

/**
 * \brief Set an attribute of an LCCE from Python, checked first.
 * \param lcce the LCCE (or the helper's probe)
 * \param name the attribute
 * \param text the value's text
 * \param what the call, for messages
 */
void
SetLcceAttribute(const Ptr<L2tpv3Lcce>& lcce,
                 const std::string& name,
                 const std::string& text,
                 const std::string& what)
{
    CheckAttributeValue(lcce->GetInstanceTypeId(), name, text, what);
    bool ok = false;
    try
    {
        ok = lcce->SetAttributeFailSafe(name, StringValue(text)); // the setters throw
    }
    catch (const std::invalid_argument& e)
    {
        throw py::value_error(e.what());
    }
    if (!ok)
    {
        throw py::value_error(what + ": could not set " + name + " to '" + text + "'");
    }
}

/**
 * \brief L2tpv3LcceHelper that checks each attribute when it is set, on a probe LCCE
 * carrying every attribute set so far, so that a bad value or combination raises
 * ValueError from SetAttribute or Install rather than from Simulator.Run.
 */
class CheckedLcceHelper
{
  public:
    CheckedLcceHelper()
        : m_probe(CreateObject<L2tpv3Lcce>())
    {
    }

    /**
     * \param name the attribute
     * \param value its Python value
     */
    void SetAttribute(const std::string& name, const py::object& value)
    {
        std::string text = AttributeText(value);
        SetLcceAttribute(m_probe, name, text, "L2tpv3LcceHelper.SetAttribute");
        m_helper.SetAttribute(name, StringValue(text));
    }

    /**
     * \param node the node
     * \return its LCCE
     */
    Ptr<L2tpv3Lcce> Install(Ptr<Node> node) const
    {
        CheckCombination();
        return m_helper.Install(node);
    }

    /**
     * \param nodes the nodes
     * \return their LCCEs
     */
    ApplicationContainer Install(const NodeContainer& nodes) const
    {
        CheckCombination();
        for (uint32_t i = 0; i < nodes.GetN(); ++i)
        {
            for (uint32_t j = 0; j < i; ++j)
            {
                if (nodes.Get(i) == nodes.Get(j))
                {
                    throw py::value_error("L2tpv3LcceHelper.Install: node " +
                                          std::to_string(nodes.Get(i)->GetId()) +
                                          " is in the container twice (one LCCE per node)");
                }
            }
        }
        return m_helper.Install(nodes);
    }

    /**
     * \param name "rfc", "cisco-ios" or "freertr"
     */
    void SetProfile(const std::string& name)
    {
        L2tpv3LcceProfile profile = L2tpv3ParseLcceProfile(name); // ValueError if unknown
        for (const auto& v : L2tpv3GetLcceProfile(profile))
        {
            SetLcceAttribute(m_probe, v.attribute, v.value, "L2tpv3LcceHelper.SetProfile");
        }
        m_helper.SetProfile(profile);
    }

  private:
    /** \brief The attributes' combination StartApplication would refuse. */
    void CheckCombination() const
    {
        BooleanValue sequencing;
        StringValue sublayer;
        m_probe->GetAttribute("DataSequencing", sequencing);
        m_probe->GetAttribute("L2SpecificSublayer", sublayer);
        if (sequencing.Get() && sublayer.Get() == "none")
        {
            throw py::value_error(
                "DataSequencing needs L2SpecificSublayer default (RFC 3931 §4.6)");
        }
    }

    L2tpv3LcceHelper m_helper; //!< the C++ helper
    Ptr<L2tpv3Lcce> m_probe;   //!< carries the attributes set so far
};

/**
 * \brief {name: count} of an array indexed by an enum.
 * \param values the counts
 * \param name the enum's name function
 * \return the dict, every value
 */
template <typename Enum, std::size_t N, typename Name>
py::dict
ByName(const std::array<uint64_t, N>& values, Name name)
{
    py::dict d;
    for (std::size_t i = 0; i < N; ++i)
    {
        d[py::str(name(static_cast<Enum>(i)))] = values[i];
    }
    return d;
}

/**
 * \brief {message type: count} of the known types (and ZLB) of a per-type array.
 * \param values the counts, indexed by type value
 * \return the dict
 */
py::dict
ByMessageType(const std::array<uint64_t, L2tpv3LcceCounters::TYPES>& values)
{
    py::dict d;
    for (std::size_t i = 0; i < L2tpv3LcceCounters::TYPES; ++i)
    {
        if (i == 0 || L2tpv3IsKnownMessageType(static_cast<uint16_t>(i)))
        {
            d[py::str(L2tpv3MessageTypeName(static_cast<uint16_t>(i)))] = values[i];
        }
    }
    return d;
}

/**
 * \param value an object with operator<< or Print
 * \return its text
 */
template <typename T>
std::string
Text(const T& value)
{
    std::ostringstream os;
    os << value;
    return os.str();
}

/**
 * \brief Bind a state or reason enum with its RFC names as `label`.
 * \param m the module
 * \param name the class name
 * \param doc the docstring
 * \param values (Python name, value) pairs
 * \param label the C++ name function
 */
template <typename Enum, typename Label>
void
BindEnum(py::module_& m,
         const char* name,
         const char* doc,
         const std::vector<std::pair<const char*, Enum>>& values,
         Label label)
{
    py::enum_<Enum> e(m, name, doc);
    for (const auto& [n, v] : values)
    {
        e.value(n, v);
    }
    e.def_property_readonly("label", label, "the name traces and summaries print");
}

} // namespace

void
BindLcce(py::module_& m)
{
    // ---- Enums ------------------------------------------------------------
    py::enum_<L2tpv3MessageType>(m,
                                 "L2tpv3MessageType",
                                 "Control message types (RFC 3931 §3.1); ZLB: no AVPs")
        .value("ZLB", L2tpv3MessageType::ZLB)
        .value("SCCRQ", L2tpv3MessageType::SCCRQ)
        .value("SCCRP", L2tpv3MessageType::SCCRP)
        .value("SCCCN", L2tpv3MessageType::SCCCN)
        .value("STOPCCN", L2tpv3MessageType::STOPCCN)
        .value("HELLO", L2tpv3MessageType::HELLO)
        .value("OCRQ", L2tpv3MessageType::OCRQ)
        .value("OCRP", L2tpv3MessageType::OCRP)
        .value("OCCN", L2tpv3MessageType::OCCN)
        .value("ICRQ", L2tpv3MessageType::ICRQ)
        .value("ICRP", L2tpv3MessageType::ICRP)
        .value("ICCN", L2tpv3MessageType::ICCN)
        .value("CDN", L2tpv3MessageType::CDN)
        .value("WEN", L2tpv3MessageType::WEN)
        .value("SLI", L2tpv3MessageType::SLI)
        .value("ACK", L2tpv3MessageType::ACK)
        .def_property_readonly(
            "label",
            [](L2tpv3MessageType t) {
                return L2tpv3MessageTypeName(static_cast<uint16_t>(t));
            },
            "e.g. SCCRQ");
    m.def(
        "L2tpv3MessageTypeName",
        [](L2tpv3MessageType t) {
            return L2tpv3MessageTypeName(static_cast<uint16_t>(t));
        },
        py::arg("type"),
        "e.g. SCCRQ");
    m.def("L2tpv3MessageTypeName",
          &L2tpv3MessageTypeName,
          py::arg("type"),
          "The name of a Message Type value; 'type N' for unknown ones");

    BindEnum<L2tpv3ConnectionState>(m,
                                    "L2tpv3ConnectionState",
                                    "Control connection states (RFC 3931 §7.2)",
                                    {{"IDLE", L2tpv3ConnectionState::IDLE},
                                     {"WAIT_CTL_REPLY", L2tpv3ConnectionState::WAIT_CTL_REPLY},
                                     {"WAIT_CTL_CONN", L2tpv3ConnectionState::WAIT_CTL_CONN},
                                     {"ESTABLISHED", L2tpv3ConnectionState::ESTABLISHED}},
                                    &L2tpv3ConnectionStateName);
    // Profiles and presets as lists of (attribute, value, source).
    auto rows = [](const std::vector<L2tpv3ProfileValue>& table) {
        std::vector<std::tuple<std::string, std::string, std::string>> out;
        for (const auto& v : table)
        {
            out.emplace_back(v.attribute, v.value, v.source);
        }
        return out;
    };
    m.def(
        "L2tpv3GetLcceProfile",
        [rows](const std::string& name) {
            return rows(L2tpv3GetLcceProfile(L2tpv3ParseLcceProfile(name)));
        },
        py::arg("name"),
        "The LCCE attributes profile NAME sets: (attribute, value, source) tuples");
    m.def(
        "L2tpv3GetDevicePreset",
        [rows](const std::string& name) {
            return rows(L2tpv3GetDevicePreset(L2tpv3ParseDevicePreset(name)));
        },
        py::arg("name"),
        "The device attributes preset NAME sets: (attribute, value, source) tuples");
    m.def("L2tpv3ConnectionStateName", &L2tpv3ConnectionStateName, py::arg("state"));
    BindEnum<L2tpv3SessionState>(m,
                                 "L2tpv3SessionState",
                                 "Incoming-call session states (RFC 3931 §7.3)",
                                 {{"IDLE", L2tpv3SessionState::IDLE},
                                  {"WAIT_CONTROL_CONN", L2tpv3SessionState::WAIT_CONTROL_CONN},
                                  {"WAIT_REPLY", L2tpv3SessionState::WAIT_REPLY},
                                  {"WAIT_CONNECT", L2tpv3SessionState::WAIT_CONNECT},
                                  {"ESTABLISHED", L2tpv3SessionState::ESTABLISHED}},
                                 &L2tpv3SessionStateName);
    m.def("L2tpv3SessionStateName", &L2tpv3SessionStateName, py::arg("state"));
    BindEnum<L2tpv3SessionDownReason>(
        m,
        "L2tpv3SessionDownReason",
        "Why a session (and its pseudowire device) went down",
        {{"CDN_RECEIVED", L2tpv3SessionDownReason::CDN_RECEIVED},
         {"CDN_SENT", L2tpv3SessionDownReason::CDN_SENT},
         {"CONNECTION_CLOSED", L2tpv3SessionDownReason::CONNECTION_CLOSED},
         {"PEER_TIMEOUT", L2tpv3SessionDownReason::PEER_TIMEOUT}},
        &L2tpv3SessionDownReasonName);
    m.def("L2tpv3SessionDownReasonName", &L2tpv3SessionDownReasonName, py::arg("reason"));

    // ---- What the traces carry -------------------------------------------
    py::class_<L2tpv3ControlMessage>(m,
                                     "L2tpv3ControlMessage",
                                     "A control message (RFC 3931 §3.2.1), as a trace saw it")
        .def("GetMessageType", &L2tpv3ControlMessage::GetMessageType)
        .def("GetNs", &L2tpv3ControlMessage::GetNs)
        .def("GetNr", &L2tpv3ControlMessage::GetNr)
        .def("GetControlConnectionId", &L2tpv3ControlMessage::GetControlConnectionId)
        .def("IsZlb", &L2tpv3ControlMessage::IsZlb)
        .def("GetSerializedSize", &L2tpv3ControlMessage::GetSerializedSize)
        .def("__str__",
             [](const L2tpv3ControlMessage& msg) {
                 std::ostringstream os;
                 msg.Print(os);
                 return os.str();
             })
        .def("__repr__", [](const L2tpv3ControlMessage& msg) {
            std::ostringstream os;
            msg.Print(os);
            return "<L2tpv3ControlMessage " + os.str() + ">";
        });

    using Parameters = L2tpv3SessionParameters;
    py::class_<Parameters>(m,
                           "L2tpv3SessionParameters",
                           "What two LCCEs agreed for one pseudowire (read-only)")
        .def_readonly("localSessionId", &Parameters::localSessionId)
        .def_readonly("remoteSessionId", &Parameters::remoteSessionId)
        .def_readonly("localCookie", &Parameters::localCookie)
        .def_readonly("remoteCookie", &Parameters::remoteCookie)
        .def_readonly("pseudowireType", &Parameters::pseudowireType)
        .def_readonly("remoteEndId", &Parameters::remoteEndId)
        .def_readonly("sublayer", &Parameters::sublayer)
        .def_readonly("sendSequence", &Parameters::sendSequence)
        .def_readonly("requireSequence", &Parameters::requireSequence)
        .def_readonly("serialNumber", &Parameters::serialNumber)
        .def_readonly("remoteCircuitActive", &Parameters::remoteCircuitActive)
        .def("__repr__", [](const Parameters& p) {
            std::ostringstream os;
            os << "L2tpv3SessionParameters(remoteEndId='" << p.remoteEndId
               << "', localSessionId=" << p.localSessionId
               << ", remoteSessionId=" << p.remoteSessionId << ", sublayer=" << p.sublayer << ")";
            return os.str();
        });

    using Counters = L2tpv3LcceCounters;
    py::class_<Counters>(m, "L2tpv3LcceCounters", "An LCCE's counters (a copy; read-only)")
        .def("GetTx", &Counters::GetTx, py::arg("type"), "Messages of that type sent")
        .def("GetRx", &Counters::GetRx, py::arg("type"), "Messages of that type received")
        .def_property_readonly(
            "txMessages",
            [](const Counters& c) {
                return ByMessageType(c.txMessages);
            },
            "{type name: sent} (retransmissions apart)")
        .def_property_readonly(
            "rxMessages",
            [](const Counters& c) {
                return ByMessageType(c.rxMessages);
            },
            "{type name: received}")
        .def_readonly("rxOtherType", &Counters::rxOtherType)
        .def_readonly("retransmissions", &Counters::retransmissions)
        .def_readonly("duplicates", &Counters::duplicates)
        .def_readonly("outOfWindow", &Counters::outOfWindow)
        .def_readonly("invalidNr", &Counters::invalidNr, "Nr acknowledging what we never sent")
        .def_readonly("afterClose",
                      &Counters::afterClose,
                      "for a connection whose channel closed (peer dead, cleared): dropped")
        .def_readonly("unknownSession", &Counters::unknownSession, "CDNs for no session of ours")
        .def_readonly("sccrqRefused",
                      &Counters::sccrqRefused,
                      "SCCRQs dropped by MaxHalfOpenConnections or MaxControlConnections")
        .def_readonly("zlbSent", &Counters::zlbSent)
        .def_readonly("timeouts", &Counters::timeouts)
        .def_readonly("stopCcnUnacknowledged",
                      &Counters::stopCcnUnacknowledged,
                      "connections forgotten with their StopCCN never acknowledged (§7.1)")
        .def_readonly("protocolErrors", &Counters::protocolErrors)
        .def_readonly("unknownConnection", &Counters::unknownConnection)
        .def_readonly("wrongSource",
                      &Counters::wrongSource,
                      "messages for a connection of ours from another address or port (dropped)")
        .def_readonly("replySuppressed",
                      &Counters::replySuppressed,
                      "replies to messages for no connection over UnknownReplyRate or "
                      "UnknownReplyTotalRate (not sent)")
        .def_readonly("rxDigestInvalid",
                      &Counters::rxDigestInvalid,
                      "messages whose Message Digest matches no Secret (dropped)")
        .def_readonly("rxDigestMissing",
                      &Counters::rxDigestMissing,
                      "messages without a Message Digest though a Secret is set (dropped)")
        .def_readonly("rxNonceMissing",
                      &Counters::rxNonceMissing,
                      "SCCRQ/SCCRP without a Nonce though a Secret is set (refused)")
        .def_readonly("rxHiddenInvalid",
                      &Counters::rxHiddenInvalid,
                      "messages with a hidden AVP that does not unhide (dropped)")
        .def_property_readonly(
            "decodeErrors",
            [](const Counters& c) {
                return ByName<L2tpv3ControlDecodeError>(c.decodeErrors,
                                                        &L2tpv3ControlDecodeErrorName);
            },
            "{decode error name: messages dropped}")
        .def_readonly("stopCcnSent", &Counters::stopCcnSent, "{Result Code: count}")
        .def_readonly("stopCcnReceived", &Counters::stopCcnReceived, "{Result Code: count}")
        .def_readonly("cdnSent", &Counters::cdnSent, "{Result Code: count}")
        .def_readonly("cdnReceived", &Counters::cdnReceived, "{Result Code: count}")
        .def_readonly("connectionsEstablished", &Counters::connectionsEstablished)
        .def_readonly("sessionsUp", &Counters::sessionsUp, "sessions established (ever)")
        .def_property_readonly(
            "sessionsDown",
            [](const Counters& c) {
                return ByName<L2tpv3SessionDownReason>(c.sessionsDown,
                                                       &L2tpv3SessionDownReasonName);
            },
            "{reason name: sessions down}")
        .def("__str__", &Text<Counters>);

    // ---- The LCCE and its helper ------------------------------------------
    py::class_<L2tpv3Lcce, Application, Ptr<L2tpv3Lcce>>(
        m,
        "L2tpv3Lcce",
        "An L2TPv3 Control Connection Endpoint (ns-3 Application); traces ControlTx, "
        "ControlRx (connection ID, message), ConnectionState, SessionState (ID, from, to), "
        "SessionUp (parameters, device), SessionDown (parameters, reason)")
        .def_static(
            "From",
            [](const Ptr<Application>& a) {
                Ptr<L2tpv3Lcce> l = DynamicCast<L2tpv3Lcce>(a);
                if (!l)
                {
                    throw py::type_error("not an L2tpv3Lcce");
                }
                return l;
            },
            py::arg("application"))
        .def(
            "AddPeer",
            [](L2tpv3Lcce& l, const py::object& local, const py::object& peer) {
                return l.AddPeer(ToAddress(local, "AddPeer local"),
                                 ToAddress(peer, "AddPeer peer"));
            },
            py::arg("local"),
            py::arg("peer"),
            "Open a control connection to a peer when the application starts; returns its "
            "index for AddPseudowire")
        .def(
            "AddPseudowire",
            [](L2tpv3Lcce& l, uint32_t peer, const std::string& id, const py::object& bridge) {
                l.AddPseudowire(peer, id, ToBridge(bridge, "AddPseudowire"));
            },
            py::arg("peer"),
            py::arg("remoteEndId"),
            py::arg("bridge") = py::none(),
            "Bring up a pseudowire over a peer's connection (we send the ICRQ)")
        .def(
            "OfferPseudowire",
            [](L2tpv3Lcce& l, const std::string& id, const py::object& bridge) {
                l.OfferPseudowire(id, ToBridge(bridge, "OfferPseudowire"));
            },
            py::arg("remoteEndId"),
            py::arg("bridge") = py::none(),
            "Accept ICRQs for a Remote End ID")
        .def(
            "OfferAnyPseudowire",
            [](L2tpv3Lcce& l, const py::object& bridge) {
                l.OfferAnyPseudowire(ToBridge(bridge, "OfferAnyPseudowire"));
            },
            py::arg("bridge") = py::none(),
            "Accept ICRQs for any Remote End ID (a catch-all offer: each new ID offered with "
            "its device when its first ICRQ arrives)")
        .def("CloseAll", &L2tpv3Lcce::CloseAll, "StopCCN (Result Code 1) on every connection")
        .def("ClosePseudowire",
             &L2tpv3Lcce::ClosePseudowire,
             py::arg("remoteEndId"),
             py::arg("resultCode") = 3,
             "End one pseudowire with a CDN carrying resultCode (RFC 3931 §5.4.2); its control "
             "connection stays. False if it had no session; ValueError for an unknown ID or "
             "Result Code 0")
        .def("GetCounters", &L2tpv3Lcce::GetCounters)
        .def("GetNSessionsUp", &L2tpv3Lcce::GetNSessionsUp)
        .def("GetNReplySources",
             &L2tpv3Lcce::GetNReplySources,
             "Sources the rate limit of replies to no connection tracks now")
        .def("GetNHalfOpen",
             &L2tpv3Lcce::GetNHalfOpen,
             "Connections opened by a peer's SCCRQ and waiting for its SCCCN")
        .def("GetNConnections",
             [](const L2tpv3Lcce& l) {
                 return l.GetConnections().size();
             })
        .def("GetDevice",
             &L2tpv3Lcce::GetDevice,
             py::arg("remoteEndId"),
             "A pseudowire's device (down until its session is up); None for an unknown ID")
        .def("AssignStreams", &L2tpv3Lcce::AssignStreams, py::arg("stream"))
        .def(
            "SetAttribute",
            [](const Ptr<L2tpv3Lcce>& l, const std::string& name, const py::object& value) {
                SetLcceAttribute(l, name, AttributeText(value), "SetAttribute");
            },
            py::arg("name"),
            py::arg("value"));

    py::class_<CheckedLcceHelper>(m, "L2tpv3LcceHelper", "Installs L2tpv3Lcce applications")
        .def(py::init<>())
        .def("SetAttribute",
             &CheckedLcceHelper::SetAttribute,
             py::arg("name"),
             py::arg("value"),
             "An attribute of the LCCEs installed from now on; ValueError for a bad one")
        .def("SetProfile",
             &CheckedLcceHelper::SetProfile,
             py::arg("name"),
             "rfc, cisco-ios or freertr: that implementation's timers, windows, cookie, "
             "sublayer, sequencing and encapsulation for the LCCEs installed from now on")
        .def("Install",
             py::overload_cast<Ptr<Node>>(&CheckedLcceHelper::Install, py::const_),
             py::arg("node"),
             "An LCCE on a node with an Internet stack (one per node)")
        .def("Install",
             py::overload_cast<const NodeContainer&>(&CheckedLcceHelper::Install, py::const_),
             py::arg("nodes"));
}
