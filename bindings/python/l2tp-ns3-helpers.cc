/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The ns-3 helpers the two-site topology needs beside the l2tp classes (see
// l2tp-topology.cc): CSMA and point-to-point links, the Internet stack and its
// address helpers, the bridge, error models, ping, UDP echo, bulk TCP and packet
// sink applications and the flow monitor.
//
// ns-3 ends the process (NS_FATAL_ERROR, NS_ABORT) on a bad attribute, an address
// collision or a second Internet stack on a node; from Python that would kill the
// interpreter. Each such case is checked here first and raised as ValueError with
// a message naming the parameter and the value.

#include "l2tp-python.h"

#include "ns3/applications-module.h"
#include "ns3/bridge-module.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/flow-monitor-module.h"
#include "ns3/internet-module.h"
#include "ns3/l2tp-module.h"
#include "ns3/l2tpv3-pinger.h"
#ifdef L2TP_HAVE_EMU_HELPER
#include "ns3/l2tpv3-emu-helper.h"
#endif
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#if __has_include("ns3/v4ping-helper.h")
#include "ns3/v4ping-helper.h"
#include "ns3/v4ping.h"
#define L2TP_PYTHON_V4PING 1 // ns-3 3.37: V4Ping (IPv4 only)
#endif
#if __has_include("ns3/ping-helper.h")
#include "ns3/ping-helper.h"
#include "ns3/ping.h"
#define L2TP_PYTHON_PING 1 // ns-3 3.38+: Ping (IPv4 and IPv6)
#endif

#include <arpa/inet.h>
#include <pybind11/stl.h>
#include <sstream>

namespace py = pybind11;
using namespace ns3;

// ---- Checks shared with l2tp-topology.cc -----------------------------------

void
CheckTimeText(const std::string& text, const std::string& what)
{
    // The grammar of Time(std::string), which aborts on anything else.
    static const std::vector<std::string> units =
        {"s", "ms", "us", "ns", "ps", "fs", "min", "h", "d", "y"};
    std::string::size_type n = text.find_first_not_of("+-0123456789.eE");
    std::string number = text.substr(0, n);
    std::string unit = n == std::string::npos ? "" : text.substr(n);
    std::istringstream iss(number);
    double value;
    bool ok = !number.empty() && (iss >> value) && iss.eof() &&
              (unit.empty() || std::find(units.begin(), units.end(), unit) != units.end());
    if (!ok)
    {
        throw py::value_error(what + ": '" + text +
                              "' is not a time (a number and one of s, ms, us, ns, ps, fs, min, "
                              "h, d, y)");
    }
}

void
CheckAttributeValue(TypeId tid,
                    const std::string& name,
                    const std::string& text,
                    const std::string& what)
{
    TypeId::AttributeInformation info;
    if (!tid.LookupAttributeByName(name, &info))
    {
        throw py::value_error(what + ": " + tid.GetName() + " has no attribute '" + name + "'");
    }
    std::string type = info.checker->GetValueTypeName();
    // ns-3 names the value types of ATTRIBUTE_HELPER ("StringValue", "BooleanValue",
    // "TypeIdValue") without the namespace it gives the others ("ns3::UintegerValue",
    // "ns3::EnumValue"): one spelling for the checks below, so that a string with blanks
    // is not read as one word and a TypeId is looked up before ns-3 would abort on it.
    if (type.rfind("ns3::", 0) != 0)
    {
        type = "ns3::" + type;
    }
    std::string bad = what + ": could not set " + name + " to '" + text + "' (" + tid.GetName() +
                      "::" + name + " takes " + info.checker->GetUnderlyingTypeInformation() + ")";
    // Most value types end the process, rather than refuse, when their reader stops
    // before the end of the text (ATTRIBUTE_VALUE_IMPLEMENT): read it here first.
    auto readsWhole = [&text](auto value) {
        std::istringstream iss(text);
        return (iss >> value) && iss.eof();
    };
    if (type == "ns3::TimeValue")
    {
        CheckTimeText(text, what + ": " + name);
    }
    else if ((type == "ns3::UintegerValue" || type == "ns3::IntegerValue") &&
             (text.empty() || text.find_first_not_of("+-0123456789") != std::string::npos ||
              !readsWhole(int64_t())))
    {
        // A negative number, read into a uint64_t, becomes a large one: the checker's
        // range refuses it below.
        if (!(type == "ns3::UintegerValue" && readsWhole(uint64_t())))
        {
            throw py::value_error(bad);
        }
    }
    else if (type == "ns3::DoubleValue" && !readsWhole(double()))
    {
        throw py::value_error(bad);
    }
    // An enum's value type is ns3::EnumValue in 3.37, ns3::EnumValue<T> from ns-3.41 on.
    else if (type != "ns3::StringValue" && type != "ns3::BooleanValue" &&
             type.rfind("ns3::EnumValue", 0) != 0 && type != "ns3::PointerValue" &&
             type != "ns3::ObjectPtrContainerValue" && type != "ns3::CallbackValue" &&
             text.find_first_of(" \t\n\r\f\v") != std::string::npos)
    {
        // The others read one word: a text of several would end the process.
        throw py::value_error(bad);
    }
    else if (type == "ns3::TypeIdValue")
    {
        TypeId unused;
        if (!TypeId::LookupByNameFailSafe(text, &unused))
        {
            throw py::value_error(what + ": could not set " + name + " to '" + text +
                                  "' (no such TypeId)");
        }
    }
    // A pointer's text is an ObjectFactory, whose reader ends the process on a bad
    // attribute in it: set those from C++.
    else if (type == "ns3::ObjectPtrContainerValue" || type == "ns3::PointerValue" ||
             type == "ns3::CallbackValue")
    {
        throw py::value_error(what + ": " + name + " (" + type + ") cannot be set from text");
    }
    Ptr<AttributeValue> value;
    try
    {
        value = info.checker->CreateValidValue(StringValue(text));
    }
    catch (const std::invalid_argument& e)
    {
        throw py::value_error(e.what());
    }
    if (!value)
    {
        throw py::value_error(bad);
    }
}

namespace
{

/**
 * \brief Check an attribute for objects of type \p typeName, then hand its text to \p set.
 * \param typeName the TypeId name of the objects the helper creates
 * \param what the call, for messages (e.g. "CsmaHelper.SetChannelAttribute")
 * \param name the attribute
 * \param value its Python value
 * \param set what stores the checked value
 */
template <typename Setter>
void
SetChecked(const std::string& typeName,
           const std::string& what,
           const std::string& name,
           const py::object& value,
           Setter set)
{
    std::string text = AttributeText(value);
    CheckAttributeValue(TypeId::LookupByName(typeName), name, text, what);
    set(name, StringValue(text));
}

/**
 * \param node a node
 * \return "node 2 (Host_X)", or "node 2" when it has no name
 */
std::string
NodeText(const Ptr<Node>& node)
{
    std::string name = Names::FindName(node);
    return "node " + std::to_string(node->GetId()) + (name.empty() ? "" : " (" + name + ")");
}

/**
 * \param name a name given with Names::Add
 * \param what the call, for messages
 * \return the node of that name; ValueError when there is none
 */
Ptr<Node>
NodeByName(const std::string& name, const std::string& what)
{
    Ptr<Node> node = Names::Find<Node>(name);
    if (!node)
    {
        throw py::value_error(what + ": no node named '" + name + "'");
    }
    return node;
}

/**
 * \param device a device
 * \param what the call, for messages
 * \return its node; ValueError when it has none
 */
Ptr<Node>
NodeOf(const Ptr<NetDevice>& device, const std::string& what)
{
    Ptr<Node> node = device ? device->GetNode() : nullptr;
    if (!node)
    {
        throw py::value_error(what + ": the device is on no node");
    }
    return node;
}

/**
 * \brief Parse a dotted-quad IPv4 address; ValueError otherwise.
 * \param text the address
 * \param what the parameter, for messages
 * \return the address
 */
Ipv4Address
ParseIpv4(const std::string& text, const std::string& what)
{
    in_addr a;
    if (inet_pton(AF_INET, text.c_str(), &a) != 1)
    {
        throw py::value_error(what + ": '" + text + "' is not an IPv4 address");
    }
    return Ipv4Address(ntohl(a.s_addr));
}

/**
 * \brief Parse an IPv6 address; ValueError otherwise.
 * \param text the address
 * \param what the parameter, for messages
 * \return the address
 */
Ipv6Address
ParseIpv6(const std::string& text, const std::string& what)
{
    uint8_t bytes[16];
    if (inet_pton(AF_INET6, text.c_str(), bytes) != 1)
    {
        throw py::value_error(what + ": '" + text + "' is not an IPv6 address");
    }
    return Ipv6Address(bytes);
}

/**
 * \brief Parse a netmask: "255.255.255.0" or "/24"; ValueError unless contiguous.
 * \param text the mask
 * \return the mask
 */
Ipv4Mask
ParseMask(const std::string& text)
{
    uint32_t bits = 0;
    if (!text.empty() && text[0] == '/')
    {
        std::string digits = text.substr(1);
        if (digits.empty() || digits.size() > 2 ||
            digits.find_first_not_of("0123456789") != std::string::npos || std::stoi(digits) > 32)
        {
            throw py::value_error("Ipv4Mask: '" + text + "' is not a prefix length /0 to /32");
        }
        int length = std::stoi(digits);
        bits = length == 0 ? 0 : ~uint32_t(0) << (32 - length);
    }
    else
    {
        bits = ParseIpv4(text, "Ipv4Mask").Get();
    }
    if ((~bits & (~bits + 1)) != 0) // ones then zeros: ~bits + 1 is a power of two
    {
        throw py::value_error("Ipv4Mask: '" + text + "' is not a contiguous netmask");
    }
    return Ipv4Mask(bits);
}

/**
 * \brief An IPv4 address from an Ipv4Address or its text; ValueError naming \p what if bad.
 * \param o the Python value
 * \param what the parameter, for messages
 * \return the address
 */
Ipv4Address
ToIpv4(const py::handle& o, const std::string& what)
{
    if (py::isinstance<Ipv4Address>(o))
    {
        return o.cast<Ipv4Address>();
    }
    if (!py::isinstance<py::str>(o))
    {
        throw py::type_error(what + ": expected an Ipv4Address or a str, not " +
                             std::string(py::str(o.get_type().attr("__name__"))));
    }
    return ParseIpv4(o.cast<std::string>(), what);
}

/**
 * \brief An IPv6 address from an Ipv6Address or its text; ValueError naming \p what if bad.
 * \param o the Python value
 * \param what the parameter, for messages
 * \return the address
 */
Ipv6Address
ToIpv6(const py::handle& o, const std::string& what)
{
    if (py::isinstance<Ipv6Address>(o))
    {
        return o.cast<Ipv6Address>();
    }
    if (!py::isinstance<py::str>(o))
    {
        throw py::type_error(what + ": expected an Ipv6Address or a str, not " +
                             std::string(py::str(o.get_type().attr("__name__"))));
    }
    return ParseIpv6(o.cast<std::string>(), what);
}

/**
 * \param o an Ipv4Mask or its text ("255.255.255.0", "/24")
 * \return the mask; ValueError if bad
 */
Ipv4Mask
ToMask(const py::handle& o)
{
    if (py::isinstance<Ipv4Mask>(o))
    {
        return o.cast<Ipv4Mask>();
    }
    return ParseMask(std::string(py::str(o)));
}

/**
 * \param length a prefix length
 * \return the prefix; ValueError unless 0 to 128
 */
Ipv6Prefix
MakePrefix(int64_t length)
{
    if (length < 0 || length > 128)
    {
        throw py::value_error("Ipv6Prefix: length " + std::to_string(length) +
                              " is not between 0 and 128");
    }
    return Ipv6Prefix(static_cast<uint8_t>(length));
}

/**
 * \param o an Ipv6Prefix or a length (64)
 * \return the prefix; ValueError if bad
 */
Ipv6Prefix
ToPrefix(const py::handle& o)
{
    if (py::isinstance<Ipv6Prefix>(o))
    {
        return o.cast<Ipv6Prefix>();
    }
    return MakePrefix(o.cast<int64_t>());
}

/**
 * \param value an object with operator<<
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
 * \brief Whether a node's interface already has \p address. ns-3's own check
 * (Ipv4AddressGenerator) ends the process on a collision, and its IsAddressAllocated
 * answers the other way round in 3.37: look at the interfaces instead.
 * \param address an address
 * \return true if some interface of some node has it
 */
bool
AddressInUse(Ipv4Address address)
{
    for (auto node = NodeList::Begin(); node != NodeList::End(); ++node)
    {
        Ptr<Ipv4> ipv4 = (*node)->GetObject<Ipv4>();
        for (uint32_t i = 0; ipv4 && i < ipv4->GetNInterfaces(); ++i)
        {
            for (uint32_t j = 0; j < ipv4->GetNAddresses(i); ++j)
            {
                if (ipv4->GetAddress(i, j).GetLocal() == address)
                {
                    return true;
                }
            }
        }
    }
    return false;
}

/**
 * \param address an address
 * \return true if some interface of some node has it
 */
bool
AddressInUse(Ipv6Address address)
{
    for (auto node = NodeList::Begin(); node != NodeList::End(); ++node)
    {
        Ptr<Ipv6> ipv6 = (*node)->GetObject<Ipv6>();
        for (uint32_t i = 0; ipv6 && i < ipv6->GetNInterfaces(); ++i)
        {
            for (uint32_t j = 0; j < ipv6->GetNAddresses(i); ++j)
            {
                if (ipv6->GetAddress(i, j).GetAddress() == address)
                {
                    return true;
                }
            }
        }
    }
    return false;
}

/**
 * \brief Ipv4AddressHelper, checked: ns-3's own ends the process on an address
 * collision or overflow, so this one knows which address comes next and refuses first.
 */
class CheckedIpv4AddressHelper
{
  public:
    /**
     * \param network the network number
     * \param mask its mask
     * \param base the first host number
     */
    void SetBase(Ipv4Address network, Ipv4Mask mask, Ipv4Address base)
    {
        uint32_t m = mask.Get();
        if ((network.Get() & ~m) != 0)
        {
            throw py::value_error("Ipv4AddressHelper.SetBase: network " + Text(network) +
                                  " has host bits set for mask " + Text(mask));
        }
        uint32_t hostBits = ~m;
        if (base.Get() == 0 || (base.Get() & m) != 0 || base.Get() >= hostBits)
        {
            throw py::value_error("Ipv4AddressHelper.SetBase: base " + Text(base) +
                                  " is not a host number under mask " + Text(mask));
        }
        m_helper.SetBase(network, mask, base);
        m_network = network.Get();
        m_mask = m;
        m_base = m_next = base.Get();
        m_set = true;
    }

    /** \return the next network, the host numbers starting again from the base */
    Ipv4Address NewNetwork()
    {
        RequireBase("NewNetwork");
        uint32_t step = ~m_mask + 1;
        if (m_mask == 0 || m_network > ~uint32_t(0) - step + 1 - step)
        {
            throw py::value_error("Ipv4AddressHelper.NewNetwork: no network after " +
                                  Text(Ipv4Address(m_network)) + Text(Ipv4Mask(m_mask)));
        }
        m_network += step;
        m_next = m_base;
        return m_helper.NewNetwork();
    }

    /**
     * \param devices the devices, each on a node with an IPv4 stack
     * \return their interfaces, with the next addresses
     */
    Ipv4InterfaceContainer Assign(const NetDeviceContainer& devices)
    {
        for (uint32_t i = 0; i < devices.GetN(); ++i)
        {
            Ptr<Node> node = NodeOf(devices.Get(i), "Ipv4AddressHelper.Assign");
            if (!node->GetObject<Ipv4>())
            {
                throw py::value_error("Ipv4AddressHelper.Assign: " + NodeText(node) +
                                      " has no IPv4 stack (InternetStackHelper.Install first)");
            }
        }
        CheckNext(devices.GetN(), "Ipv4AddressHelper.Assign");
        m_next += devices.GetN();
        return m_helper.Assign(devices);
    }

  private:
    /** \param what the call, for messages */
    void RequireBase(const std::string& what) const
    {
        if (!m_set)
        {
            throw py::value_error("Ipv4AddressHelper." + what + ": call SetBase first");
        }
    }

    /**
     * \brief ValueError unless the next \p count addresses are free and in the network.
     * \param count how many
     * \param what the call, for messages
     */
    void CheckNext(uint32_t count, const std::string& what) const
    {
        RequireBase(what.substr(what.find('.') + 1));
        for (uint32_t i = 0; i < count; ++i)
        {
            uint32_t host = m_next + i;
            if (host >= ~m_mask) // the all-ones host is the broadcast address
            {
                throw py::value_error(what + ": no address left in " +
                                      Text(Ipv4Address(m_network)) + "/" +
                                      std::to_string(Ipv4Mask(m_mask).GetPrefixLength()));
            }
            Ipv4Address address(m_network | host);
            if (AddressInUse(address))
            {
                throw py::value_error(what + ": " + Text(address) + " is already assigned");
            }
        }
    }

    Ipv4AddressHelper m_helper; //!< ns-3's helper
    uint32_t m_network{0};      //!< network number (not shifted)
    uint32_t m_mask{0};         //!< netmask
    uint32_t m_base{0};         //!< first host number
    uint32_t m_next{0};         //!< next host number
    bool m_set{false};          //!< SetBase called
};

/** \brief Ipv6AddressHelper, checked against collisions as CheckedIpv4AddressHelper. */
class CheckedIpv6AddressHelper
{
  public:
    /**
     * \param network the network prefix
     * \param prefix its length
     * \param base the first host number
     */
    void SetBase(Ipv6Address network, Ipv6Prefix prefix, Ipv6Address base)
    {
        if (!(network.CombinePrefix(prefix) == network))
        {
            throw py::value_error("Ipv6AddressHelper.SetBase: network " + Text(network) +
                                  " has host bits set for prefix /" +
                                  std::to_string(prefix.GetPrefixLength()));
        }
        if (!(base.CombinePrefix(prefix) == Ipv6Address::GetZero()))
        {
            throw py::value_error("Ipv6AddressHelper.SetBase: base " + Text(base) +
                                  " is not a host number under prefix /" +
                                  std::to_string(prefix.GetPrefixLength()));
        }
        m_helper.SetBase(network, prefix, base);
        m_network = network;
        m_prefixLength = prefix.GetPrefixLength();
    }

    /** \brief The next network: add one at the prefix's last bit, as the helper does. */
    void NewNetwork()
    {
        if (m_prefixLength == 0)
        {
            throw py::value_error("Ipv6AddressHelper.NewNetwork: no network after ::/0");
        }
        uint8_t bytes[16];
        m_network.GetBytes(bytes);
        uint32_t bit = 128 - m_prefixLength; // counted from the least significant bit
        uint32_t carry = 1U << (bit % 8);
        for (int i = 15 - static_cast<int>(bit / 8); i >= 0 && carry; --i)
        {
            uint32_t sum = bytes[i] + carry;
            bytes[i] = static_cast<uint8_t>(sum);
            carry = sum >> 8;
        }
        m_network = Ipv6Address(bytes);
        m_helper.NewNetwork();
    }

    /**
     * \param devices Ethernet-like devices on nodes with an IPv6 stack
     * \return their interfaces, each with an address made from its MAC address (EUI-64)
     */
    Ipv6InterfaceContainer Assign(const NetDeviceContainer& devices)
    {
        CheckDevices(devices, "Ipv6AddressHelper.Assign");
        for (uint32_t i = 0; i < devices.GetN(); ++i)
        {
            Address mac = devices.Get(i)->GetAddress();
            if (!Mac48Address::IsMatchingType(mac))
            {
                throw py::value_error("Ipv6AddressHelper.Assign: device " +
                                      std::to_string(devices.Get(i)->GetIfIndex()) + " of " +
                                      NodeText(devices.Get(i)->GetNode()) +
                                      " has no 48-bit MAC address");
            }
            Ipv6Address address =
                Ipv6Address::MakeAutoconfiguredAddress(Mac48Address::ConvertFrom(mac), m_network);
            if (AddressInUse(address))
            {
                throw py::value_error("Ipv6AddressHelper.Assign: " + Text(address) +
                                      " is already assigned");
            }
        }
        return m_helper.Assign(devices);
    }

    /**
     * \param devices devices on nodes with an IPv6 stack
     * \return their interfaces, with link-local addresses only
     */
    Ipv6InterfaceContainer AssignWithoutAddress(const NetDeviceContainer& devices)
    {
        CheckDevices(devices, "Ipv6AddressHelper.AssignWithoutAddress");
        return m_helper.AssignWithoutAddress(devices);
    }

  private:
    /**
     * \param devices devices
     * \param what the call, for messages
     */
    static void CheckDevices(const NetDeviceContainer& devices, const std::string& what)
    {
        for (uint32_t i = 0; i < devices.GetN(); ++i)
        {
            Ptr<Node> node = NodeOf(devices.Get(i), what);
            if (!node->GetObject<Ipv6>())
            {
                throw py::value_error(what + ": " + NodeText(node) +
                                      " has no IPv6 stack (InternetStackHelper.Install first)");
            }
        }
    }

    Ipv6AddressHelper m_helper;                       //!< ns-3's helper
    Ipv6Address m_network{Ipv6Address("2001:db8::")}; //!< its network (its default first)
    uint32_t m_prefixLength{64};                      //!< its prefix length
};

/** \brief InternetStackHelper that refuses a second stack instead of ending the process. */
class CheckedInternetStackHelper
{
  public:
    /** \param enable install IPv4 */
    void SetIpv4StackInstall(bool enable)
    {
        m_ipv4 = enable;
        m_helper.SetIpv4StackInstall(enable);
    }

    /** \param enable install IPv6 */
    void SetIpv6StackInstall(bool enable)
    {
        m_ipv6 = enable;
        m_helper.SetIpv6StackInstall(enable);
    }

    /** \param nodes where to install the stack */
    void Install(const NodeContainer& nodes)
    {
        for (uint32_t i = 0; i < nodes.GetN(); ++i)
        {
            Ptr<Node> node = nodes.Get(i);
            if ((m_ipv4 && node->GetObject<Ipv4>()) || (m_ipv6 && node->GetObject<Ipv6>()))
            {
                throw py::value_error("InternetStackHelper.Install: " + NodeText(node) +
                                      " already has an Internet stack");
            }
        }
        m_helper.Install(nodes);
    }

    /**
     * \param nodes nodes with the stack
     * \param stream first random stream number
     * \return how many streams were used
     */
    int64_t AssignStreams(const NodeContainer& nodes, int64_t stream)
    {
        return m_helper.AssignStreams(nodes, stream);
    }

  private:
    InternetStackHelper m_helper; //!< ns-3's helper
    bool m_ipv4{true};            //!< install IPv4
    bool m_ipv6{true};            //!< install IPv6
};

/**
 * \brief ValueError unless \p protocol names a socket factory every node of \p nodes has.
 * \param protocol e.g. "ns3::TcpSocketFactory"
 * \param nodes where an application will open its socket
 * \param what the call, for messages
 */
void
CheckSocketFactory(const std::string& protocol, const NodeContainer& nodes, const std::string& what)
{
    TypeId tid;
    if (!TypeId::LookupByNameFailSafe(protocol, &tid) ||
        !tid.IsChildOf(TypeId::LookupByName("ns3::SocketFactory")))
    {
        throw py::value_error(what + ": '" + protocol +
                              "' is not a socket factory (e.g. ns3::TcpSocketFactory)");
    }
    for (uint32_t i = 0; i < nodes.GetN(); ++i)
    {
        if (!nodes.Get(i)->GetObject<SocketFactory>(tid))
        {
            throw py::value_error(what + ": " + NodeText(nodes.Get(i)) + " has no " + protocol +
                                  " (InternetStackHelper.Install first)");
        }
    }
}

/**
 * \brief An application helper with the socket factory it was given, so that Install
 * can check that the nodes have it (an application without one ends the process).
 */
template <typename Helper>
struct SocketApplicationHelper
{
    Helper helper;        //!< ns-3's helper
    std::string protocol; //!< e.g. ns3::TcpSocketFactory

    /**
     * \param nodes where to install
     * \return the applications
     */
    ApplicationContainer Install(const NodeContainer& nodes)
    {
        CheckSocketFactory(protocol, nodes, "Install");
        return helper.Install(nodes);
    }

    /**
     * \param node where to install
     * \return the application
     */
    ApplicationContainer Install(Ptr<Node> node)
    {
        return Install(NodeContainer(node));
    }
};

/**
 * \brief Bind Install(NodeContainer | Node | name) for an application helper.
 * \param cls the helper's class
 * \param check a check of the nodes before installing
 */
template <typename Helper, typename Check>
void
BindApplicationInstall(py::class_<Helper>& cls, Check check)
{
    cls.def(
           "Install",
           [check](Helper& h, const NodeContainer& nodes) {
               check(h, nodes);
               return h.Install(nodes);
           },
           py::arg("nodes"))
        .def(
            "Install",
            [check](Helper& h, Ptr<Node> node) {
                check(h, NodeContainer(node));
                return h.Install(node);
            },
            py::arg("node"))
        .def(
            "Install",
            [check](Helper& h, const std::string& name) {
                Ptr<Node> node = NodeByName(name, "Install");
                check(h, NodeContainer(node));
                return h.Install(node);
            },
            py::arg("nodeName"));
}

/**
 * \brief Installs L2tpv3Pinger applications (ns-3 3.37 has no ApplicationHelper): the
 * remote address given once, the other attributes checked before ns-3 sees them.
 */
struct PingerHelper
{
    ObjectFactory factory; //!< makes the pingers
    bool ipv6{false};      //!< the remote is an IPv6 address

    /**
     * \param nodes where to install
     * \return one pinger per node
     */
    ApplicationContainer Install(const NodeContainer& nodes) const
    {
        ApplicationContainer apps;
        for (uint32_t i = 0; i < nodes.GetN(); ++i)
        {
            Ptr<L2tpv3Pinger> pinger = factory.Create<L2tpv3Pinger>();
            nodes.Get(i)->AddApplication(pinger);
            apps.Add(pinger);
        }
        return apps;
    }

    /**
     * \param node where to install
     * \return the pinger
     */
    ApplicationContainer Install(Ptr<Node> node) const
    {
        return Install(NodeContainer(node));
    }
};

/**
 * \brief An IPv4 or IPv6 address from an Ipv4Address, an Ipv6Address or their text.
 * \param o the Python value
 * \param what the parameter, for messages
 * \return the address
 */
Address
ToIpAddress(const py::handle& o, const std::string& what)
{
    if (py::isinstance<Ipv6Address>(o) ||
        (py::isinstance<py::str>(o) && std::string(py::str(o)).find(':') != std::string::npos))
    {
        return ToIpv6(o, what);
    }
    return ToIpv4(o, what);
}

/**
 * \brief Bind the pcap and ASCII tracing of a device helper (PcapHelperForDevice,
 * AsciiTraceHelperForDevice).
 * \param cls the helper's class
 */
template <typename Helper>
void
BindDeviceTracing(py::class_<Helper>& cls)
{
    cls.def(
           "EnablePcap",
           [](Helper& h, const std::string& prefix, const NetDeviceContainer& d, bool promisc) {
               h.EnablePcap(prefix, d, promisc);
           },
           py::arg("prefix"),
           py::arg("devices"),
           py::arg("promiscuous") = false,
           "Write <prefix>-<node>-<device>.pcap for each device")
        .def(
            "EnablePcap",
            [](Helper& h,
               const std::string& prefix,
               Ptr<NetDevice> device,
               bool promisc,
               bool explicitFilename) {
                h.EnablePcap(prefix, device, promisc, explicitFilename);
            },
            py::arg("prefix"),
            py::arg("device"),
            py::arg("promiscuous") = false,
            py::arg("explicitFilename") = false)
        .def(
            "EnablePcapAll",
            [](Helper& h, const std::string& prefix, bool promisc) {
                h.EnablePcapAll(prefix, promisc);
            },
            py::arg("prefix"),
            py::arg("promiscuous") = false)
        .def(
            "EnableAsciiAll",
            [](Helper& h, const std::string& prefix) {
                h.EnableAsciiAll(prefix);
            },
            py::arg("prefix"));
}

/**
 * \brief FindFlow of a flow classifier, which ends the process on an unknown flow:
 * look the flow up in the classifier's own XML first.
 * \param classifier the classifier
 * \param flowId the flow
 */
template <typename Classifier>
typename Classifier::FiveTuple
FindFlowChecked(const Classifier& classifier, FlowId flowId)
{
    std::ostringstream xml;
    classifier.SerializeToXmlStream(xml, 0);
    if (xml.str().find("flowId=\"" + std::to_string(flowId) + "\"") == std::string::npos)
    {
        throw py::key_error("FindFlow: no flow " + std::to_string(flowId));
    }
    return classifier.FindFlow(flowId);
}

/**
 * \brief Bind a classifier's FiveTuple.
 * \param scope the classifier's class
 */
template <typename Tuple, typename Scope>
void
BindFiveTuple(Scope& scope)
{
    py::class_<Tuple>(scope, "FiveTuple", "A flow's addresses, protocol and ports")
        .def_readonly("sourceAddress", &Tuple::sourceAddress)
        .def_readonly("destinationAddress", &Tuple::destinationAddress)
        .def_property_readonly("protocol",
                               [](const Tuple& t) {
                                   return static_cast<uint32_t>(t.protocol);
                               })
        .def_readonly("sourcePort", &Tuple::sourcePort)
        .def_readonly("destinationPort", &Tuple::destinationPort)
        .def("__repr__", [](const Tuple& t) {
            std::ostringstream os;
            os << "FiveTuple(" << t.sourceAddress << ":" << t.sourcePort << " -> "
               << t.destinationAddress << ":" << t.destinationPort << ", protocol "
               << static_cast<uint32_t>(t.protocol) << ")";
            return os.str();
        });
}

/**
 * \brief Bind an address type constructed from text, comparable, hashable and printable.
 * \param m the module
 * \param name the class name
 * \param parse the parser
 * \param doc the docstring
 * \return the class
 */
template <typename T, typename Parse>
py::class_<T>
BindAddress(py::module_& m, const char* name, Parse parse, const char* doc)
{
    py::class_<T> cls(m, name, doc);
    cls.def(py::init([parse, name](const std::string& text) {
                return parse(text, name);
            }),
            py::arg("address"))
        .def("__str__", &Text<T>)
        .def("__repr__",
             [name](const T& a) {
                 return std::string(name) + "('" + Text(a) + "')";
             })
        .def("__eq__",
             [](const T& a, const T& b) {
                 return a == b;
             })
        .def("__hash__", [](const T& a) {
            return py::hash(py::str(Text(a)));
        });
    py::implicitly_convertible<std::string, T>();
    return cls;
}

} // namespace

void
BindNs3Helpers(py::module_& m)
{
    // ---- Addresses ------------------------------------------------------
    BindAddress<Ipv4Address>(m, "Ipv4Address", &ParseIpv4, "An IPv4 address, e.g. '10.0.0.1'")
        .def_static("GetAny", &Ipv4Address::GetAny)
        .def("Get", &Ipv4Address::Get, "As a 32-bit number");
    py::class_<Ipv4Mask>(m, "Ipv4Mask", "An IPv4 netmask: '255.255.255.0' or '/24'")
        .def(py::init(&ParseMask), py::arg("mask"))
        .def("GetPrefixLength",
             [](const Ipv4Mask& mask) {
                 return static_cast<uint32_t>(mask.GetPrefixLength());
             })
        .def("__str__", &Text<Ipv4Mask>)
        .def("__repr__", [](const Ipv4Mask& mask) {
            return "Ipv4Mask('" + Text(mask) + "')";
        });
    py::implicitly_convertible<std::string, Ipv4Mask>();
    BindAddress<Ipv6Address>(m, "Ipv6Address", &ParseIpv6, "An IPv6 address, e.g. '2001:db8::1'")
        .def_static("GetAny", &Ipv6Address::GetAny)
        .def("IsLinkLocal", &Ipv6Address::IsLinkLocal);
    py::class_<Ipv6Prefix>(m, "Ipv6Prefix", "An IPv6 prefix length, e.g. Ipv6Prefix(64)")
        .def(py::init(&MakePrefix), py::arg("length"))
        .def("GetPrefixLength",
             [](const Ipv6Prefix& p) {
                 return static_cast<uint32_t>(p.GetPrefixLength());
             })
        .def("__str__", [](const Ipv6Prefix& p) {
            return "/" + std::to_string(p.GetPrefixLength());
        });

    py::class_<InetSocketAddress>(m, "InetSocketAddress", "IPv4 address and port")
        .def(py::init([](const py::object& address, uint16_t port) {
                 return InetSocketAddress(ToIpv4(address, "InetSocketAddress"), port);
             }),
             py::arg("address"),
             py::arg("port"))
        .def("GetIpv4", &InetSocketAddress::GetIpv4)
        .def("GetPort", &InetSocketAddress::GetPort)
        .def("__repr__", [](const InetSocketAddress& a) {
            return "InetSocketAddress('" + Text(a.GetIpv4()) + "', " + std::to_string(a.GetPort()) +
                   ")";
        });
    py::class_<Inet6SocketAddress>(m, "Inet6SocketAddress", "IPv6 address and port")
        .def(py::init([](const py::object& address, uint16_t port) {
                 return Inet6SocketAddress(ToIpv6(address, "Inet6SocketAddress"), port);
             }),
             py::arg("address"),
             py::arg("port"))
        .def("GetIpv6", &Inet6SocketAddress::GetIpv6)
        .def("GetPort", &Inet6SocketAddress::GetPort)
        .def("__repr__", [](const Inet6SocketAddress& a) {
            return "Inet6SocketAddress('" + Text(a.GetIpv6()) + "', " +
                   std::to_string(a.GetPort()) + ")";
        });
    py::class_<Address>(m, "Address", "A generic ns-3 address (e.g. a socket address)")
        .def("__str__", &Text<Address>)
        .def(py::init([](const InetSocketAddress& a) {
            return Address(a);
        }))
        .def(py::init([](const Inet6SocketAddress& a) {
            return Address(a);
        }));
    py::implicitly_convertible<InetSocketAddress, Address>();
    py::implicitly_convertible<Inet6SocketAddress, Address>();

    // ---- Links: CSMA, point-to-point ---------------------------------------
    py::class_<CsmaHelper> csma(m, "CsmaHelper", "Ethernet-like shared links (ns-3 csma)");
    csma.def(py::init<>())
        .def(
            "SetDeviceAttribute",
            [](CsmaHelper& h, const std::string& name, const py::object& value) {
                SetChecked("ns3::CsmaNetDevice",
                           "CsmaHelper.SetDeviceAttribute",
                           name,
                           value,
                           [&h](const std::string& n, const StringValue& v) {
                               h.SetDeviceAttribute(n, v);
                           });
            },
            py::arg("name"),
            py::arg("value"),
            "e.g. SetDeviceAttribute('Mtu', 1500)")
        .def(
            "SetChannelAttribute",
            [](CsmaHelper& h, const std::string& name, const py::object& value) {
                SetChecked("ns3::CsmaChannel",
                           "CsmaHelper.SetChannelAttribute",
                           name,
                           value,
                           [&h](const std::string& n, const StringValue& v) {
                               h.SetChannelAttribute(n, v);
                           });
            },
            py::arg("name"),
            py::arg("value"),
            "e.g. SetChannelAttribute('DataRate', '100Mbps')")
        .def(
            "Install",
            [](const CsmaHelper& h, const NodeContainer& nodes) {
                return h.Install(nodes);
            },
            py::arg("nodes"),
            "One channel, one device per node")
        .def(
            "Install",
            [](const CsmaHelper& h, Ptr<Node> node) {
                return h.Install(node);
            },
            py::arg("node"))
        .def("AssignStreams", &CsmaHelper::AssignStreams, py::arg("devices"), py::arg("stream"));
    BindDeviceTracing(csma);

    py::class_<PointToPointHelper> p2p(m, "PointToPointHelper", "Point-to-point links");
    p2p.def(py::init<>())
        .def(
            "SetDeviceAttribute",
            [](PointToPointHelper& h, const std::string& name, const py::object& value) {
                SetChecked("ns3::PointToPointNetDevice",
                           "PointToPointHelper.SetDeviceAttribute",
                           name,
                           value,
                           [&h](const std::string& n, const StringValue& v) {
                               h.SetDeviceAttribute(n, v);
                           });
            },
            py::arg("name"),
            py::arg("value"),
            "e.g. SetDeviceAttribute('DataRate', '10Mbps')")
        .def(
            "SetChannelAttribute",
            [](PointToPointHelper& h, const std::string& name, const py::object& value) {
                SetChecked("ns3::PointToPointChannel",
                           "PointToPointHelper.SetChannelAttribute",
                           name,
                           value,
                           [&h](const std::string& n, const StringValue& v) {
                               h.SetChannelAttribute(n, v);
                           });
            },
            py::arg("name"),
            py::arg("value"),
            "e.g. SetChannelAttribute('Delay', '5ms')")
        .def(
            "Install",
            [](PointToPointHelper& h, const NodeContainer& nodes) {
                if (nodes.GetN() != 2)
                {
                    throw py::value_error("PointToPointHelper.Install: a link joins 2 nodes, not " +
                                          std::to_string(nodes.GetN()));
                }
                return h.Install(nodes);
            },
            py::arg("nodes"))
        .def(
            "Install",
            [](PointToPointHelper& h, Ptr<Node> a, Ptr<Node> b) {
                return h.Install(a, b);
            },
            py::arg("a"),
            py::arg("b"));
    BindDeviceTracing(p2p);

    // ---- Internet stack and addresses ----------------------------------
    py::class_<CheckedInternetStackHelper>(m,
                                           "InternetStackHelper",
                                           "IPv4, IPv6, ARP, ICMP, UDP, TCP on nodes")
        .def(py::init<>())
        .def("Install", &CheckedInternetStackHelper::Install, py::arg("nodes"))
        .def(
            "Install",
            [](CheckedInternetStackHelper& h, Ptr<Node> node) {
                h.Install(NodeContainer(node));
            },
            py::arg("node"))
        .def(
            "Install",
            [](CheckedInternetStackHelper& h, const std::string& name) {
                h.Install(NodeContainer(NodeByName(name, "InternetStackHelper.Install")));
            },
            py::arg("nodeName"))
        .def("InstallAll",
             [](CheckedInternetStackHelper& h) {
                 h.Install(NodeContainer::GetGlobal());
             })
        .def("SetIpv4StackInstall",
             &CheckedInternetStackHelper::SetIpv4StackInstall,
             py::arg("enable"))
        .def("SetIpv6StackInstall",
             &CheckedInternetStackHelper::SetIpv6StackInstall,
             py::arg("enable"))
        .def("AssignStreams",
             &CheckedInternetStackHelper::AssignStreams,
             py::arg("nodes"),
             py::arg("stream"));

    py::class_<CheckedIpv4AddressHelper>(m,
                                         "Ipv4AddressHelper",
                                         "Sequential IPv4 addresses on devices")
        .def(py::init<>())
        .def(
            py::init([](const py::object& network, const py::object& mask, const py::object& base) {
                CheckedIpv4AddressHelper h;
                h.SetBase(ToIpv4(network, "Ipv4AddressHelper network"),
                          ToMask(mask),
                          ToIpv4(base, "Ipv4AddressHelper base"));
                return h;
            }),
            py::arg("network"),
            py::arg("mask"),
            py::arg("base") = "0.0.0.1",
            "e.g. Ipv4AddressHelper('10.0.0.0', '255.255.255.0') or ('10.0.0.0', '/24')")
        .def(
            "SetBase",
            [](CheckedIpv4AddressHelper& h,
               const py::object& network,
               const py::object& mask,
               const py::object& base) {
                h.SetBase(ToIpv4(network, "Ipv4AddressHelper.SetBase network"),
                          ToMask(mask),
                          ToIpv4(base, "Ipv4AddressHelper.SetBase base"));
            },
            py::arg("network"),
            py::arg("mask"),
            py::arg("base") = "0.0.0.1")
        .def("NewNetwork", &CheckedIpv4AddressHelper::NewNetwork)
        .def("Assign", &CheckedIpv4AddressHelper::Assign, py::arg("devices"));

    py::class_<Ipv4InterfaceContainer>(m, "Ipv4InterfaceContainer", "(IPv4, interface) pairs")
        .def(py::init<>())
        .def("GetN", &Ipv4InterfaceContainer::GetN)
        .def("__len__", &Ipv4InterfaceContainer::GetN)
        .def(
            "GetAddress",
            [](const Ipv4InterfaceContainer& c, uint32_t i, uint32_t j) {
                if (i >= c.GetN())
                {
                    throw py::index_error("Ipv4InterfaceContainer.GetAddress: no interface " +
                                          std::to_string(i));
                }
                auto [ipv4, interface] = c.Get(i);
                if (j >= ipv4->GetNAddresses(interface))
                {
                    throw py::index_error("Ipv4InterfaceContainer.GetAddress: interface " +
                                          std::to_string(i) + " has no address " +
                                          std::to_string(j));
                }
                return c.GetAddress(i, j);
            },
            py::arg("i"),
            py::arg("j") = 0)
        .def("Add",
             py::overload_cast<const Ipv4InterfaceContainer&>(&Ipv4InterfaceContainer::Add),
             py::arg("other"));

    py::class_<CheckedIpv6AddressHelper>(m,
                                         "Ipv6AddressHelper",
                                         "IPv6 addresses on devices (EUI-64 from the MAC)")
        .def(py::init<>())
        .def(py::init(
                 [](const py::object& network, const py::object& prefix, const py::object& base) {
                     CheckedIpv6AddressHelper h;
                     h.SetBase(ToIpv6(network, "Ipv6AddressHelper network"),
                               ToPrefix(prefix),
                               ToIpv6(base, "Ipv6AddressHelper base"));
                     return h;
                 }),
             py::arg("network"),
             py::arg("prefix"),
             py::arg("base") = "::1",
             "e.g. Ipv6AddressHelper('2001:db8:1::', 64)")
        .def(
            "SetBase",
            [](CheckedIpv6AddressHelper& h,
               const py::object& network,
               const py::object& prefix,
               const py::object& base) {
                h.SetBase(ToIpv6(network, "Ipv6AddressHelper.SetBase network"),
                          ToPrefix(prefix),
                          ToIpv6(base, "Ipv6AddressHelper.SetBase base"));
            },
            py::arg("network"),
            py::arg("prefix"),
            py::arg("base") = "::1")
        .def("NewNetwork", &CheckedIpv6AddressHelper::NewNetwork)
        .def("Assign", &CheckedIpv6AddressHelper::Assign, py::arg("devices"))
        .def("AssignWithoutAddress",
             &CheckedIpv6AddressHelper::AssignWithoutAddress,
             py::arg("devices"));

    py::class_<Ipv6InterfaceContainer>(m, "Ipv6InterfaceContainer", "(IPv6, interface) pairs")
        .def(py::init<>())
        .def("GetN", &Ipv6InterfaceContainer::GetN)
        .def("__len__", &Ipv6InterfaceContainer::GetN)
        .def(
            "GetAddress",
            [](const Ipv6InterfaceContainer& c, uint32_t i, uint32_t j) {
                if (i >= c.GetN())
                {
                    throw py::index_error("Ipv6InterfaceContainer.GetAddress: no interface " +
                                          std::to_string(i));
                }
                auto [ipv6, interface] = c.Get(i);
                if (j >= ipv6->GetNAddresses(interface))
                {
                    throw py::index_error("Ipv6InterfaceContainer.GetAddress: interface " +
                                          std::to_string(i) + " has no address " +
                                          std::to_string(j) + " (0 is the link-local one)");
                }
                return c.GetAddress(i, j);
            },
            py::arg("i"),
            py::arg("j"),
            "Address j of interface i; 0 is the link-local address, 1 the first global one")
        .def(
            "GetLinkLocalAddress",
            [](Ipv6InterfaceContainer& c, uint32_t i) {
                if (i >= c.GetN())
                {
                    throw py::index_error("Ipv6InterfaceContainer: no interface " +
                                          std::to_string(i));
                }
                return c.GetLinkLocalAddress(i);
            },
            py::arg("i"))
        .def("SetForwarding", &Ipv6InterfaceContainer::SetForwarding, py::arg("i"), py::arg("on"))
        .def("SetDefaultRouteInAllNodes",
             py::overload_cast<uint32_t>(&Ipv6InterfaceContainer::SetDefaultRouteInAllNodes),
             py::arg("router"))
        .def("Add",
             py::overload_cast<const Ipv6InterfaceContainer&>(&Ipv6InterfaceContainer::Add),
             py::arg("other"));

    py::class_<Ipv4GlobalRoutingHelper>(m, "Ipv4GlobalRoutingHelper")
        .def_static("PopulateRoutingTables", &Ipv4GlobalRoutingHelper::PopulateRoutingTables)
        .def_static("RecomputeRoutingTables", &Ipv4GlobalRoutingHelper::RecomputeRoutingTables);

    // ---- Bridge ---------------------------------------------------------
    auto bridgeInstall = [](BridgeHelper& h, Ptr<Node> node, const NetDeviceContainer& ports) {
        for (uint32_t i = 0; i < ports.GetN(); ++i)
        {
            Ptr<NetDevice> port = ports.Get(i);
            std::string which =
                "port " + std::to_string(i) + " (" + port->GetInstanceTypeId().GetName() + ")";
            if (port->GetNode() != node)
            {
                throw py::value_error("BridgeHelper.Install: " + which + " is not on " +
                                      NodeText(node));
            }
            if (!Mac48Address::IsMatchingType(port->GetAddress()))
            {
                throw py::value_error("BridgeHelper.Install: " + which +
                                      " has no 48-bit MAC address");
            }
            if (!port->SupportsSendFrom())
            {
                throw py::value_error("BridgeHelper.Install: " + which +
                                      " does not support SendFrom");
            }
        }
        return h.Install(node, ports);
    };
    py::class_<BridgeNetDevice, NetDevice, Ptr<BridgeNetDevice>>(
        m,
        "BridgeNetDevice",
        "A learning bridge (what BridgeHelper.Install returns, e.g. an LCCE pseudowire's)")
        .def_static(
            "From",
            [](const Ptr<NetDevice>& d) {
                Ptr<BridgeNetDevice> b = DynamicCast<BridgeNetDevice>(d);
                if (!b)
                {
                    throw py::type_error("not a BridgeNetDevice");
                }
                return b;
            },
            py::arg("device"))
        .def(
            "AddBridgePort",
            [](BridgeNetDevice& b, Ptr<NetDevice> port) {
                if (!port->GetNode() || port->GetNode() != b.GetNode())
                {
                    throw py::value_error("BridgeNetDevice.AddBridgePort: the port is not on "
                                          "the bridge's node");
                }
                if (!Mac48Address::IsMatchingType(port->GetAddress()) || !port->SupportsSendFrom())
                {
                    throw py::value_error("BridgeNetDevice.AddBridgePort: a " +
                                          port->GetInstanceTypeId().GetName() +
                                          " cannot be a bridge port (48-bit MAC and SendFrom "
                                          "needed)");
                }
                b.AddBridgePort(port);
            },
            py::arg("port"))
        .def("GetNBridgePorts", &BridgeNetDevice::GetNBridgePorts)
        .def(
            "GetBridgePort",
            [](const BridgeNetDevice& b, uint32_t i) {
                if (i >= b.GetNBridgePorts())
                {
                    throw py::index_error("BridgeNetDevice.GetBridgePort: no port " +
                                          std::to_string(i));
                }
                return b.GetBridgePort(i);
            },
            py::arg("index"));

    py::class_<BridgeHelper>(m, "BridgeHelper", "A learning bridge over a node's devices")
        .def(py::init<>())
        .def(
            "SetDeviceAttribute",
            [](BridgeHelper& h, const std::string& name, const py::object& value) {
                SetChecked("ns3::BridgeNetDevice",
                           "BridgeHelper.SetDeviceAttribute",
                           name,
                           value,
                           [&h](const std::string& n, const StringValue& v) {
                               h.SetDeviceAttribute(n, v);
                           });
            },
            py::arg("name"),
            py::arg("value"))
        .def("Install", bridgeInstall, py::arg("node"), py::arg("ports"))
        .def(
            "Install",
            [bridgeInstall](BridgeHelper& h,
                            const std::string& name,
                            const NetDeviceContainer& ports) {
                return bridgeInstall(h, NodeByName(name, "BridgeHelper.Install"), ports);
            },
            py::arg("nodeName"),
            py::arg("ports"));

    // ---- L2tpv3Helper.InstallPair with address objects -------------------
    py::class_<L2tpv3Helper> l2tpHelper =
        py::reinterpret_borrow<py::class_<L2tpv3Helper>>(m.attr("L2tpv3Helper"));
    l2tpHelper
        .def(
            "InstallPair",
            [](L2tpv3Helper& h,
               Ptr<Node> a,
               Ipv4Address addressA,
               Ptr<Node> b,
               Ipv4Address addressB) {
                return h.InstallPair(a, addressA, b, addressB);
            },
            py::arg("nodeA"),
            py::arg("addressA"),
            py::arg("nodeB"),
            py::arg("addressB"),
            "InstallPair(nodeA, wan.GetAddress(0), nodeB, wan.GetAddress(1))")
        .def(
            "InstallPair",
            [](L2tpv3Helper& h,
               Ptr<Node> a,
               Ipv6Address addressA,
               Ptr<Node> b,
               Ipv6Address addressB) {
                return h.InstallPair(a, addressA, b, addressB);
            },
            py::arg("nodeA"),
            py::arg("addressA"),
            py::arg("nodeB"),
            py::arg("addressB"));

    BindDeviceTracing(l2tpHelper);

#ifdef L2TP_HAVE_EMU_HELPER
    // ---- Emulation (where ns-3 has fd-net-device) ----------------------------
    py::class_<L2tpv3EmuHelper> emu(m,
                                    "L2tpv3EmuHelper",
                                    "An FdNetDevice on a real interface (packet socket) or a "
                                    "tap, opened in-process");
    py::enum_<L2tpv3EmuHelper::Attachment>(emu, "Attachment")
        .value("PACKET_SOCKET", L2tpv3EmuHelper::PACKET_SOCKET)
        .value("TAP", L2tpv3EmuHelper::TAP)
        .export_values();
    emu.def(py::init<L2tpv3EmuHelper::Attachment>(),
            py::arg("attachment") = L2tpv3EmuHelper::PACKET_SOCKET)
        .def("SetAttachment", &L2tpv3EmuHelper::SetAttachment, py::arg("attachment"))
        .def("GetAttachment", &L2tpv3EmuHelper::GetAttachment)
        .def("SetDeviceName", &L2tpv3EmuHelper::SetDeviceName, py::arg("name"))
        .def("GetDeviceName", &L2tpv3EmuHelper::GetDeviceName)
        .def("SetMacAddress", &L2tpv3EmuHelper::SetMacAddress, py::arg("mac"))
        .def("Install", &L2tpv3EmuHelper::Install, py::arg("node"));
    BindDeviceTracing(emu);
#endif

    // ---- Error models -----------------------------------------------------
    py::class_<ErrorModel, Object, Ptr<ErrorModel>>(m,
                                                    "ErrorModel",
                                                    "Drops packets a device receives "
                                                    "(a device's ReceiveErrorModel)")
        .def("Enable", &ErrorModel::Enable)
        .def("Disable", &ErrorModel::Disable)
        .def("IsEnabled", &ErrorModel::IsEnabled)
        .def("Reset", &ErrorModel::Reset);
    py::class_<RateErrorModel, ErrorModel, Ptr<RateErrorModel>> rateErrors(
        m,
        "RateErrorModel",
        "Drops each packet (byte, bit) with a probability");
    py::enum_<RateErrorModel::ErrorUnit>(rateErrors, "ErrorUnit")
        .value("ERROR_UNIT_BIT", RateErrorModel::ERROR_UNIT_BIT)
        .value("ERROR_UNIT_BYTE", RateErrorModel::ERROR_UNIT_BYTE)
        .value("ERROR_UNIT_PACKET", RateErrorModel::ERROR_UNIT_PACKET)
        .export_values();
    rateErrors
        .def(py::init([]() {
            return CreateObject<RateErrorModel>();
        }))
        .def("SetUnit", &RateErrorModel::SetUnit, py::arg("unit"))
        .def("GetUnit", &RateErrorModel::GetUnit)
        .def(
            "SetRate",
            [](RateErrorModel& em, double rate) {
                if (!(rate >= 0 && rate <= 1))
                {
                    throw py::value_error("RateErrorModel.SetRate: " + Text(rate) +
                                          " is not a probability (0 to 1)");
                }
                em.SetRate(rate);
            },
            py::arg("rate"))
        .def("GetRate", &RateErrorModel::GetRate)
        .def("AssignStreams", &RateErrorModel::AssignStreams, py::arg("stream"));

    // ---- Applications -----------------------------------------------------
    py::class_<Application, Object, Ptr<Application>>(m, "Application")
        .def("SetStartTime", &Application::SetStartTime, py::arg("start"))
        .def("SetStopTime", &Application::SetStopTime, py::arg("stop"))
        .def("GetNode", &Application::GetNode);

    py::class_<ApplicationContainer>(m, "ApplicationContainer")
        .def(py::init<>())
        .def("Start", &ApplicationContainer::Start, py::arg("start"))
        .def("Stop", &ApplicationContainer::Stop, py::arg("stop"))
        .def("GetN", &ApplicationContainer::GetN)
        .def("__len__", &ApplicationContainer::GetN)
        .def("Get", &ApplicationContainer::Get, py::arg("index"))
        .def("__getitem__",
             [](const ApplicationContainer& c, uint32_t i) {
                 if (i >= c.GetN())
                 {
                     throw py::index_error();
                 }
                 return c.Get(i);
             })
        .def("Add",
             py::overload_cast<ApplicationContainer>(&ApplicationContainer::Add),
             py::arg("other"))
        .def("Add",
             py::overload_cast<Ptr<Application>>(&ApplicationContainer::Add),
             py::arg("application"));

    py::class_<PacketSink, Application, Ptr<PacketSink>>(m,
                                                         "PacketSink",
                                                         "Receives and counts bytes (TCP or UDP)")
        .def("GetTotalRx", &PacketSink::GetTotalRx, "Bytes received so far");
    py::class_<BulkSendApplication, Application, Ptr<BulkSendApplication>>(
        m,
        "BulkSendApplication",
        "Sends as fast as the socket allows");

    using SinkHelper = SocketApplicationHelper<PacketSinkHelper>;
    py::class_<SinkHelper> sink(m, "PacketSinkHelper", "Installs PacketSink applications");
    sink.def(py::init([](const std::string& protocol, const Address& local) {
                 CheckSocketFactory(protocol, NodeContainer(), "PacketSinkHelper");
                 return SinkHelper{PacketSinkHelper(protocol, local), protocol};
             }),
             py::arg("protocol"),
             py::arg("local"),
             "PacketSinkHelper('ns3::TcpSocketFactory', InetSocketAddress(Ipv4Address.GetAny(), "
             "5001))")
        .def(
            "SetAttribute",
            [](SinkHelper& h, const std::string& name, const py::object& value) {
                SetChecked("ns3::PacketSink",
                           "PacketSinkHelper.SetAttribute",
                           name,
                           value,
                           [&h](const std::string& n, const StringValue& v) {
                               h.helper.SetAttribute(n, v);
                           });
            },
            py::arg("name"),
            py::arg("value"));
    BindApplicationInstall(sink, [](const SinkHelper&, const NodeContainer&) {});

    using BulkHelper = SocketApplicationHelper<BulkSendHelper>;
    py::class_<BulkHelper> bulk(m, "BulkSendHelper", "Installs BulkSendApplication");
    bulk.def(py::init([](const std::string& protocol, const Address& remote) {
                 CheckSocketFactory(protocol, NodeContainer(), "BulkSendHelper");
                 return BulkHelper{BulkSendHelper(protocol, remote), protocol};
             }),
             py::arg("protocol"),
             py::arg("remote"),
             "BulkSendHelper('ns3::TcpSocketFactory', InetSocketAddress('10.0.0.2', 5001))")
        .def(
            "SetAttribute",
            [](BulkHelper& h, const std::string& name, const py::object& value) {
                SetChecked("ns3::BulkSendApplication",
                           "BulkSendHelper.SetAttribute",
                           name,
                           value,
                           [&h](const std::string& n, const StringValue& v) {
                               h.helper.SetAttribute(n, v);
                           });
            },
            py::arg("name"),
            py::arg("value"),
            "e.g. SetAttribute('MaxBytes', 1000000)");
    BindApplicationInstall(bulk, [](const BulkHelper&, const NodeContainer&) {});

    auto checkUdp = [](const std::string& what) {
        return [what](const auto&, const NodeContainer& nodes) {
            CheckSocketFactory("ns3::UdpSocketFactory", nodes, what);
        };
    };
    py::class_<UdpEchoServer, Application, Ptr<UdpEchoServer>>(m,
                                                               "UdpEchoServer",
                                                               "Echoes UDP packets back");
    py::class_<UdpEchoClient, Application, Ptr<UdpEchoClient>>(
        m,
        "UdpEchoClient",
        "Sends UDP packets to an echo server; trace sources Tx, Rx (packet)");
    py::class_<UdpEchoServerHelper> echoServer(m,
                                               "UdpEchoServerHelper",
                                               "Installs UdpEchoServer applications");
    echoServer.def(py::init<uint16_t>(), py::arg("port"))
        .def(
            "SetAttribute",
            [](UdpEchoServerHelper& h, const std::string& name, const py::object& value) {
                SetChecked("ns3::UdpEchoServer",
                           "UdpEchoServerHelper.SetAttribute",
                           name,
                           value,
                           [&h](const std::string& n, const StringValue& v) {
                               h.SetAttribute(n, v);
                           });
            },
            py::arg("name"),
            py::arg("value"));
    BindApplicationInstall(echoServer, checkUdp("UdpEchoServerHelper.Install"));
    py::class_<UdpEchoClientHelper> echoClient(m,
                                               "UdpEchoClientHelper",
                                               "Installs UdpEchoClient applications");
    echoClient
        .def(py::init([](const py::object& remote, uint16_t port) {
                 if (py::isinstance<Ipv6Address>(remote) ||
                     (py::isinstance<py::str>(remote) &&
                      std::string(py::str(remote)).find(':') != std::string::npos))
                 {
                     return UdpEchoClientHelper(ToIpv6(remote, "UdpEchoClientHelper"), port);
                 }
                 return UdpEchoClientHelper(ToIpv4(remote, "UdpEchoClientHelper"), port);
             }),
             py::arg("remote"),
             py::arg("port"),
             "UdpEchoClientHelper(hosts.GetAddress(1), 7)")
        .def(
            "SetAttribute",
            [](UdpEchoClientHelper& h, const std::string& name, const py::object& value) {
                SetChecked("ns3::UdpEchoClient",
                           "UdpEchoClientHelper.SetAttribute",
                           name,
                           value,
                           [&h](const std::string& n, const StringValue& v) {
                               h.SetAttribute(n, v);
                           });
            },
            py::arg("name"),
            py::arg("value"),
            "MaxPackets, Interval, PacketSize");
    BindApplicationInstall(echoClient, checkUdp("UdpEchoClientHelper.Install"));

#ifdef L2TP_PYTHON_V4PING
    py::class_<V4Ping, Application, Ptr<V4Ping>>(
        m,
        "V4Ping",
        "ICMP echo over IPv4 (ns-3 3.37); trace source Rtt calls back with a Time");
    py::class_<V4PingHelper> v4ping(m, "V4PingHelper", "Installs V4Ping applications");
    v4ping
        .def(py::init([](const py::object& remote) {
                 return V4PingHelper(ToIpv4(remote, "V4PingHelper"));
             }),
             py::arg("remote"))
        .def(
            "SetAttribute",
            [](V4PingHelper& h, const std::string& name, const py::object& value) {
                SetChecked("ns3::V4Ping",
                           "V4PingHelper.SetAttribute",
                           name,
                           value,
                           [&h](const std::string& n, const StringValue& v) {
                               h.SetAttribute(n, v);
                           });
            },
            py::arg("name"),
            py::arg("value"),
            "Interval, Size, Verbose");
    BindApplicationInstall(v4ping, [](const V4PingHelper&, const NodeContainer& nodes) {
        for (uint32_t i = 0; i < nodes.GetN(); ++i)
        {
            if (!nodes.Get(i)->GetObject<Ipv4>())
            {
                throw py::value_error("V4PingHelper.Install: " + NodeText(nodes.Get(i)) +
                                      " has no IPv4 stack (InternetStackHelper.Install first)");
            }
        }
    });
#endif
#ifdef L2TP_PYTHON_PING
    py::class_<Ping, Application, Ptr<Ping>>(
        m,
        "Ping",
        "ICMP echo over IPv4 or IPv6; trace source Rtt calls back with (seq, Time)");
    py::class_<PingHelper> ping(m, "PingHelper", "Installs Ping applications");
    ping.def(py::init([](const py::object& remote) {
                 if (py::isinstance<Ipv6Address>(remote) ||
                     (py::isinstance<py::str>(remote) &&
                      std::string(py::str(remote)).find(':') != std::string::npos))
                 {
                     return PingHelper(ToIpv6(remote, "PingHelper"));
                 }
                 return PingHelper(ToIpv4(remote, "PingHelper"));
             }),
             py::arg("remote"))
        .def(
            "SetAttribute",
            [](PingHelper& h, const std::string& name, const py::object& value) {
                SetChecked("ns3::Ping",
                           "PingHelper.SetAttribute",
                           name,
                           value,
                           [&h](const std::string& n, const StringValue& v) {
                               h.SetAttribute(n, v);
                           });
            },
            py::arg("name"),
            py::arg("value"),
            "Interval, Size, Count, VerboseMode");
    BindApplicationInstall(ping, [](const PingHelper&, const NodeContainer& nodes) {
        for (uint32_t i = 0; i < nodes.GetN(); ++i)
        {
            if (!nodes.Get(i)->GetObject<Ipv4>() && !nodes.Get(i)->GetObject<Ipv6>())
            {
                throw py::value_error("PingHelper.Install: " + NodeText(nodes.Get(i)) +
                                      " has no Internet stack (InternetStackHelper.Install "
                                      "first)");
            }
        }
    });
#endif

    // ---- The module's pinger, its injector -----------------------------------
    using RttSummary = L2tpv3Pinger::RttSummary;
    py::class_<L2tpv3Pinger, Application, Ptr<L2tpv3Pinger>> pinger(
        m,
        "L2tpv3Pinger",
        "ICMP echo over a raw socket, IPv4 and IPv6 (the scenarios' and the lab's ping); "
        "trace sources Tx (seq, packet), Rtt (seq, Time)");
    py::class_<RttSummary>(pinger, "RttSummary", "Round-trip times in milliseconds")
        .def_readonly("minMs", &RttSummary::minMs)
        .def_readonly("avgMs", &RttSummary::avgMs)
        .def_readonly("maxMs", &RttSummary::maxMs)
        .def("__repr__", [](const RttSummary& r) {
            std::ostringstream os;
            os << "RttSummary(minMs=" << r.minMs << ", avgMs=" << r.avgMs << ", maxMs=" << r.maxMs
               << ")";
            return os.str();
        });
    pinger.def("GetSent", &L2tpv3Pinger::GetSent, "Echo requests sent")
        .def("GetAnswered", &L2tpv3Pinger::GetAnswered, "Replies received")
        .def("GetRtts",
             &L2tpv3Pinger::GetRtts,
             py::return_value_policy::copy,
             "The RTT of each reply (Time), in arrival order")
        .def("GetRttSummary", &L2tpv3Pinger::GetRttSummary, "min, mean and max RTT in ms")
        .def("GetReplyPattern",
             &L2tpv3Pinger::GetReplyPattern,
             py::return_value_policy::copy,
             "One character per request: '!' answered, '.' not (yet)");
    py::class_<PingerHelper> pingerHelper(m,
                                          "L2tpv3PingerHelper",
                                          "Installs L2tpv3Pinger applications");
    pingerHelper
        .def(py::init([](const py::object& remote) {
                 PingerHelper h;
                 h.factory.SetTypeId("ns3::L2tpv3Pinger");
                 Address address = ToIpAddress(remote, "L2tpv3PingerHelper");
                 h.ipv6 = Ipv6Address::IsMatchingType(address);
                 h.factory.Set("Remote", AddressValue(address));
                 return h;
             }),
             py::arg("remote"),
             "L2tpv3PingerHelper('10.0.0.2') or an Ipv4Address / Ipv6Address")
        .def(
            "SetAttribute",
            [](PingerHelper& h, const std::string& name, const py::object& value) {
                if (name == "Remote" || name == "Source")
                {
                    // An Address attribute's text is ns-3's hexadecimal form: take an IP
                    // address instead, of the remote's family.
                    Address address = ToIpAddress(value, "L2tpv3PingerHelper.SetAttribute " + name);
                    if (Ipv6Address::IsMatchingType(address) != h.ipv6)
                    {
                        throw py::value_error("L2tpv3PingerHelper.SetAttribute: " + name + " " +
                                              L2tpv3AddressText(address) +
                                              " is not of the remote's family");
                    }
                    h.factory.Set(name, AddressValue(address));
                    return;
                }
                SetChecked("ns3::L2tpv3Pinger",
                           "L2tpv3PingerHelper.SetAttribute",
                           name,
                           value,
                           [&h](const std::string& n, const StringValue& v) {
                               h.factory.Set(n, v);
                           });
            },
            py::arg("name"),
            py::arg("value"),
            "Count, Interval, Size, Identifier, Source");
    BindApplicationInstall(pingerHelper, [](const PingerHelper& h, const NodeContainer& nodes) {
        for (uint32_t i = 0; i < nodes.GetN(); ++i)
        {
            // The pinger opens a raw socket of the remote's family when it starts.
            if (h.ipv6 ? !nodes.Get(i)->GetObject<Ipv6>() : !nodes.Get(i)->GetObject<Ipv4>())
            {
                throw py::value_error("L2tpv3PingerHelper.Install: " + NodeText(nodes.Get(i)) +
                                      " has no " + (h.ipv6 ? "IPv6" : "IPv4") +
                                      " stack (InternetStackHelper.Install first)");
            }
        }
    });

    py::class_<L2tpv3Injector, Application, Ptr<L2tpv3Injector>>(
        m,
        "L2tpv3Injector",
        "Forged L2TPv3 packets from a node (the attack scenarios' injector); its attributes "
        "(Attack, Encapsulation, Identifiers, ...) are set as text with SetAttribute")
        .def(py::init([]() {
                 return CreateObject<L2tpv3Injector>();
             }),
             "A new injector on no node (its attributes set and read)")
        .def("GetSent", &L2tpv3Injector::GetSent, "Packets sent");

    m.def(
        "address_text",
        [](const py::object& address) {
            if (address.is_none())
            {
                return L2tpv3AddressText(Address());
            }
            if (py::isinstance<Ipv4Address>(address))
            {
                return L2tpv3AddressText(address.cast<Ipv4Address>());
            }
            if (py::isinstance<Ipv6Address>(address))
            {
                return L2tpv3AddressText(address.cast<Ipv6Address>());
            }
            return L2tpv3AddressText(address.cast<Address>());
        },
        py::arg("address"),
        "An address as the module's messages print it: '192.0.2.1', '2001:db8::1', '' for "
        "None, ns-3's hexadecimal form for any other kind");

    // ---- Flow monitor -----------------------------------------------------
    using FlowStats = FlowMonitor::FlowStats;
    py::class_<FlowStats>(m, "FlowStats", "Statistics of one flow (FlowMonitor::FlowStats)")
        .def_readonly("timeFirstTxPacket", &FlowStats::timeFirstTxPacket)
        .def_readonly("timeFirstRxPacket", &FlowStats::timeFirstRxPacket)
        .def_readonly("timeLastTxPacket", &FlowStats::timeLastTxPacket)
        .def_readonly("timeLastRxPacket", &FlowStats::timeLastRxPacket)
        .def_readonly("delaySum", &FlowStats::delaySum, "sum of end-to-end delays (rxPackets)")
        .def_readonly("jitterSum", &FlowStats::jitterSum)
        .def_readonly("lastDelay", &FlowStats::lastDelay)
        .def_readonly("txBytes", &FlowStats::txBytes, "IP bytes sent (headers included)")
        .def_readonly("rxBytes", &FlowStats::rxBytes, "IP bytes received (headers included)")
        .def_readonly("txPackets", &FlowStats::txPackets)
        .def_readonly("rxPackets", &FlowStats::rxPackets)
        .def_readonly("lostPackets", &FlowStats::lostPackets)
        .def_readonly("timesForwarded", &FlowStats::timesForwarded)
        .def_readonly("packetsDropped", &FlowStats::packetsDropped, "per drop reason")
        .def_readonly("bytesDropped", &FlowStats::bytesDropped, "per drop reason")
        .def("__repr__", [](const FlowStats& s) {
            std::ostringstream os;
            os << "FlowStats(txPackets=" << s.txPackets << ", rxPackets=" << s.rxPackets
               << ", txBytes=" << s.txBytes << ", rxBytes=" << s.rxBytes
               << ", lostPackets=" << s.lostPackets << ", delaySum=" << s.delaySum.As(Time::S)
               << ")";
            return os.str();
        });

    py::class_<FlowMonitor, Object, Ptr<FlowMonitor>>(m,
                                                      "FlowMonitor",
                                                      "Per-flow statistics of IP traffic")
        .def("CheckForLostPackets",
             py::overload_cast<>(&FlowMonitor::CheckForLostPackets),
             "Count as lost the packets in flight longer than MaxPerHopDelay")
        .def("CheckForLostPackets",
             py::overload_cast<Time>(&FlowMonitor::CheckForLostPackets),
             py::arg("maxDelay"))
        .def(
            "GetFlowStats",
            [](const FlowMonitor& monitor) {
                return monitor.GetFlowStats();
            },
            "{flow id: FlowStats} (a copy)")
        .def("SerializeToXmlString",
             &FlowMonitor::SerializeToXmlString,
             py::arg("indent") = 0,
             py::arg("enableHistograms") = false,
             py::arg("enableProbes") = false)
        .def("SerializeToXmlFile",
             &FlowMonitor::SerializeToXmlFile,
             py::arg("fileName"),
             py::arg("enableHistograms") = false,
             py::arg("enableProbes") = false);

    py::class_<FlowClassifier, Ptr<FlowClassifier>>(m, "FlowClassifier");
    py::class_<Ipv4FlowClassifier, FlowClassifier, Ptr<Ipv4FlowClassifier>> classifier4(
        m,
        "Ipv4FlowClassifier",
        "Flows by IPv4 five-tuple (TCP and UDP)");
    BindFiveTuple<Ipv4FlowClassifier::FiveTuple>(classifier4);
    classifier4.def("FindFlow",
                    &FindFlowChecked<Ipv4FlowClassifier>,
                    py::arg("flowId"),
                    "The five-tuple of a flow; KeyError for an unknown flow");
    py::class_<Ipv6FlowClassifier, FlowClassifier, Ptr<Ipv6FlowClassifier>> classifier6(
        m,
        "Ipv6FlowClassifier",
        "Flows by IPv6 five-tuple (TCP and UDP)");
    BindFiveTuple<Ipv6FlowClassifier::FiveTuple>(classifier6);
    classifier6.def("FindFlow",
                    &FindFlowChecked<Ipv6FlowClassifier>,
                    py::arg("flowId"),
                    "The five-tuple of a flow; KeyError for an unknown flow");

    py::class_<FlowMonitorHelper>(m, "FlowMonitorHelper", "Installs the flow monitor's probes")
        .def(py::init<>())
        .def(
            "SetMonitorAttribute",
            [](FlowMonitorHelper& h, const std::string& name, const py::object& value) {
                SetChecked("ns3::FlowMonitor",
                           "FlowMonitorHelper.SetMonitorAttribute",
                           name,
                           value,
                           [&h](const std::string& n, const StringValue& v) {
                               h.SetMonitorAttribute(n, v);
                           });
            },
            py::arg("name"),
            py::arg("value"))
        .def("Install",
             py::overload_cast<NodeContainer>(&FlowMonitorHelper::Install),
             py::arg("nodes"))
        .def("Install", py::overload_cast<Ptr<Node>>(&FlowMonitorHelper::Install), py::arg("node"))
        .def("InstallAll", &FlowMonitorHelper::InstallAll)
        .def("GetMonitor", &FlowMonitorHelper::GetMonitor)
        .def("GetClassifier", &FlowMonitorHelper::GetClassifier, "The IPv4 classifier")
        .def("GetClassifier6", &FlowMonitorHelper::GetClassifier6, "The IPv6 classifier")
        .def("SerializeToXmlString",
             &FlowMonitorHelper::SerializeToXmlString,
             py::arg("indent") = 0,
             py::arg("enableHistograms") = false,
             py::arg("enableProbes") = false);
}
