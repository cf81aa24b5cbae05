/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-lab-values.h"

#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"

#include <cmath>
#include <limits>
#include <sstream>

namespace ns3
{
namespace lab
{

[[noreturn]] void
Refuse(const std::string& reason)
{
    throw Refusal{reason};
}

/** \return seconds from "12s", "500ms", "20us" or "3" */
double
ParseTime(const std::string& text, const std::string& what)
{
    std::size_t end = 0;
    double value = 0;
    try
    {
        value = std::stod(text, &end);
    }
    catch (const std::exception&)
    {
        Refuse(what + " '" + text + "' is not a time (e.g. 12s, 500ms)");
    }
    std::string unit = text.substr(end);
    double scale = 1;
    if (unit == "ms")
    {
        scale = 1e-3;
    }
    else if (unit == "us")
    {
        scale = 1e-6;
    }
    else if (!unit.empty() && unit != "s")
    {
        Refuse(what + " '" + text + "' is not a time (e.g. 12s, 500ms)");
    }
    if (value < 0 || !std::isfinite(value))
    {
        Refuse(what + " '" + text + "' is negative");
    }
    return value * scale;
}

/** \return the unsigned integer in \p text (decimal), at most \p max */
uint64_t
ParseUnsigned(const std::string& text, const std::string& what, uint64_t max)
{
    if (text.empty() || text.size() > 20 ||
        text.find_first_not_of("0123456789") != std::string::npos)
    {
        Refuse(what + " '" + text + "' is not a number");
    }
    unsigned long long value = std::stoull(text);
    if (value > max)
    {
        Refuse(what + " " + text + " is larger than " + std::to_string(max));
    }
    return value;
}

/** \return a loss or reordering probability from "1%" or "0.01" */
double
ParseProbability(const std::string& text, const std::string& what)
{
    std::size_t end = 0;
    double value = -1;
    try
    {
        value = std::stod(text, &end);
    }
    catch (const std::exception&)
    {
        Refuse(what + " '" + text + "' is not a probability (e.g. 1% or 0.01)");
    }
    if (text.substr(end) == "%")
    {
        value /= 100;
    }
    else if (end != text.size())
    {
        Refuse(what + " '" + text + "' is not a probability (e.g. 1% or 0.01)");
    }
    if (!(value >= 0 && value <= 1))
    {
        Refuse(what + " '" + text + "' is not between 0 and 100%");
    }
    return value;
}

/** \return true when \p text is a data rate ns-3 reads, e.g. 100Mbps */
bool
IsDataRate(const std::string& text)
{
    std::size_t end = text.find_first_not_of("0123456789.");
    if (end == 0 || end == std::string::npos)
    {
        return false;
    }
    std::string unit = text.substr(end);
    return unit == "bps" || unit == "kbps" || unit == "Kbps" || unit == "Mbps" || unit == "Gbps";
}

bool
IsIpv4Text(const std::string& text)
{
    int parts = 0;
    std::istringstream is(text);
    std::string part;
    while (std::getline(is, part, '.'))
    {
        if (part.empty() || part.size() > 3 ||
            part.find_first_not_of("0123456789") != std::string::npos || std::stoi(part) > 255)
        {
            return false;
        }
        ++parts;
    }
    return parts == 4 && text.back() != '.';
}

bool
IsIpv6Text(const std::string& text)
{
    if (text.find(':') == std::string::npos ||
        text.find_first_not_of("0123456789abcdefABCDEF:") != std::string::npos)
    {
        return false;
    }
    std::size_t doubleColon = text.find("::");
    if (doubleColon != std::string::npos && text.find("::", doubleColon + 1) != std::string::npos)
    {
        return false;
    }
    int groups = 0;
    std::istringstream is(text);
    std::string group;
    while (std::getline(is, group, ':'))
    {
        if (group.size() > 4)
        {
            return false;
        }
        groups += group.empty() ? 0 : 1;
    }
    return doubleColon != std::string::npos ? groups < 8 : groups == 8;
}

/** \return an IPv4 or IPv6 address from its text */
Address
ParseAddress(const std::string& text, const std::string& what)
{
    if (IsIpv4Text(text))
    {
        return Ipv4Address(text.c_str());
    }
    if (IsIpv6Text(text))
    {
        return Ipv6Address(text.c_str());
    }
    Refuse(what + " '" + text + "' is not an IPv4 or IPv6 address");
}

Prefix
ParsePrefix(const std::string& text, const std::string& what, bool lengthRequired)
{
    Prefix p;
    std::size_t slash = text.find('/');
    p.address = ParseAddress(text.substr(0, slash), what);
    uint32_t max = p.IsV6() ? 128 : 32;
    if (slash == std::string::npos)
    {
        if (lengthRequired)
        {
            Refuse(what + " '" + text + "' needs a prefix length (e.g. /24)");
        }
        p.length = max;
    }
    else
    {
        p.length = ParseUnsigned(text.substr(slash + 1), "prefix length", max);
    }
    return p;
}

/** \return the prefix length of a NetBSD netmask such as 0xffffff00 or 255.255.255.0 */
uint32_t
ParseNetmask(const std::string& text)
{
    uint32_t mask = 0;
    if (text.size() == 10 && text.compare(0, 2, "0x") == 0 &&
        text.find_first_not_of("0123456789abcdefABCDEF", 2) == std::string::npos)
    {
        mask = std::stoul(text.substr(2), nullptr, 16);
    }
    else if (IsIpv4Text(text))
    {
        mask = Ipv4Address(text.c_str()).Get();
    }
    else
    {
        Refuse("netmask '" + text + "' is neither 0xffffff00 nor 255.255.255.0 style");
    }
    uint32_t length = 0;
    while (length < 32 && (mask & (0x80000000u >> length)))
    {
        ++length;
    }
    if (length < 32 && (mask << length) != 0)
    {
        Refuse("netmask '" + text + "' is not contiguous");
    }
    return length;
}

/** \return true when \p a and \p b share the first \p length bits */
bool
SamePrefix(const Address& a, const Address& b, uint32_t length)
{
    if (Ipv4Address::IsMatchingType(a) && Ipv4Address::IsMatchingType(b))
    {
        Ipv4Mask mask(length == 0 ? 0 : (0xffffffffu << (32 - length)));
        return Ipv4Address::ConvertFrom(a).CombineMask(mask) ==
               Ipv4Address::ConvertFrom(b).CombineMask(mask);
    }
    if (Ipv6Address::IsMatchingType(a) && Ipv6Address::IsMatchingType(b))
    {
        Ipv6Prefix prefix(static_cast<uint8_t>(length));
        return Ipv6Address::ConvertFrom(a).CombinePrefix(prefix) ==
               Ipv6Address::ConvertFrom(b).CombinePrefix(prefix);
    }
    return false;
}

/** \return a cookie from iproute2's hex text (8 or 16 hex digits) */
L2tpv3Cookie
ParseHexCookie(const std::string& text, const std::string& what)
{
    if ((text.size() != 8 && text.size() != 16) ||
        text.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
    {
        Refuse(what + " '" + text + "' must be 8 or 16 hex digits (4 or 8 bytes)");
    }
    return L2tpv3Cookie(text.size() / 2, std::stoull(text, nullptr, 16));
}

std::string
NameList(const std::vector<std::string>& names)
{
    std::string text;
    for (std::size_t k = 0; k < names.size(); ++k)
    {
        if (k > 0)
        {
            text += k + 1 == names.size() ? " or " : ", ";
        }
        text += names[k];
    }
    return text;
}

bool
IsName(const std::string& text)
{
    return !text.empty() &&
           text.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"
                                  ".") == std::string::npos;
}

std::string
Join(const std::vector<std::string>& words, std::size_t from)
{
    std::string out;
    for (std::size_t i = from; i < words.size(); ++i)
    {
        out += (i > from ? " " : "") + words[i];
    }
    return out;
}

std::string
Trim(const std::string& s)
{
    std::size_t b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos)
    {
        return "";
    }
    std::size_t e = s.find_last_not_of(" \t\r");
    return s.substr(b, e - b + 1);
}

std::vector<std::string>
Split(const std::string& s)
{
    std::vector<std::string> words;
    std::istringstream is(s);
    std::string w;
    while (is >> w)
    {
        words.push_back(w);
    }
    return words;
}

L2tpv3Cookie
ParseCookie(const std::string& lengthText, const std::string& valueText)
{
    uint64_t length = ParseUnsigned(lengthText, "cookie length", 255);
    if (length != 0 && length != 4 && length != 8)
    {
        Refuse("cookie length must be 0, 4 or 8");
    }
    uint64_t max =
        length == 4 ? 0xffffffffull : (length == 8 ? std::numeric_limits<uint64_t>::max() : 0);
    uint64_t value = ParseUnsigned(valueText, "cookie value", std::numeric_limits<uint64_t>::max());
    if (value > max)
    {
        Refuse("cookie value " + valueText + " does not fit in " + lengthText + " bytes");
    }
    return L2tpv3Cookie(length, value);
}

} // namespace lab
} // namespace ns3
