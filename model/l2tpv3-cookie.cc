/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-cookie.h"

#include <cerrno>
#include <cstdlib>
#include <sstream>
#include <stdexcept>

namespace ns3
{

ATTRIBUTE_HELPER_CPP(L2tpv3Cookie);

L2tpv3Cookie::L2tpv3Cookie()
    : m_length(0),
      m_value(0)
{
}

L2tpv3Cookie::L2tpv3Cookie(uint8_t length, uint64_t value)
    : m_length(length),
      m_value(value)
{
    CheckLength(length, "cookie length");
    if (length == 4 && value > 0xffffffffULL)
    {
        std::ostringstream oss;
        oss << "cookie value " << value << " does not fit in a 4-byte cookie";
        throw std::invalid_argument(oss.str());
    }
    if (length == 0 && value != 0)
    {
        std::ostringstream oss;
        oss << "cookie value " << value << " given with cookie length 0";
        throw std::invalid_argument(oss.str());
    }
    // Network byte order, most significant byte first (RFC 3931 §4.1).
    for (uint8_t i = 0; i < length; ++i)
    {
        m_bytes[i] = static_cast<uint8_t>(value >> (8 * (length - 1 - i)));
    }
}

uint8_t
L2tpv3Cookie::GetLength() const
{
    return m_length;
}

uint64_t
L2tpv3Cookie::GetValue() const
{
    return m_value;
}

const std::array<uint8_t, L2tpv3Cookie::MAX_LENGTH>&
L2tpv3Cookie::GetBytes() const
{
    return m_bytes;
}

void
L2tpv3Cookie::CheckLength(uint32_t length, const std::string& parameter)
{
    // RFC 3931 §4.1: the cookie is 0, 32 or 64 bits long.
    if (length != 0 && length != 4 && length != 8)
    {
        std::ostringstream oss;
        oss << parameter << " must be 0, 4 or 8 bytes, not " << length;
        throw std::invalid_argument(oss.str());
    }
}

L2tpv3Cookie
L2tpv3Cookie::Parse(const std::string& text, const std::string& parameter)
{
    if (text.empty() || text == "0" || text == "none")
    {
        return L2tpv3Cookie();
    }
    auto colon = text.find(':');
    auto fail = [&]() {
        std::ostringstream oss;
        oss << parameter << " \"" << text << "\" is not LEN:VALUE with LEN 0, 4 or 8";
        return std::invalid_argument(oss.str());
    };
    if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
    {
        throw fail();
    }
    auto parseNumber = [&](const std::string& s) {
        if (s[0] == '-' || s[0] == '+')
        {
            throw fail();
        }
        char* end = nullptr;
        errno = 0;
        unsigned long long v = std::strtoull(s.c_str(), &end, 0);
        if (errno != 0 || end == s.c_str() || *end != '\0')
        {
            throw fail();
        }
        return static_cast<uint64_t>(v);
    };
    uint64_t length = parseNumber(text.substr(0, colon));
    uint64_t value = parseNumber(text.substr(colon + 1));
    CheckLength(length > 8 ? 9 : static_cast<uint32_t>(length), parameter + " length");
    try
    {
        return L2tpv3Cookie(static_cast<uint8_t>(length), value);
    }
    catch (const std::invalid_argument& e)
    {
        throw std::invalid_argument(parameter + ": " + e.what());
    }
}

bool
L2tpv3Cookie::Matches(const uint8_t* wire) const
{
    for (uint8_t i = 0; i < m_length; ++i)
    {
        if (wire[i] != m_bytes[i])
        {
            return false;
        }
    }
    return true;
}

bool
operator==(const L2tpv3Cookie& a, const L2tpv3Cookie& b)
{
    return a.GetLength() == b.GetLength() && a.GetValue() == b.GetValue();
}

bool
operator!=(const L2tpv3Cookie& a, const L2tpv3Cookie& b)
{
    return !(a == b);
}

std::ostream&
operator<<(std::ostream& os, const L2tpv3Cookie& cookie)
{
    if (cookie.GetLength() == 0)
    {
        os << "0";
    }
    else
    {
        os << unsigned(cookie.GetLength()) << ":" << cookie.GetValue();
    }
    return os;
}

std::istream&
operator>>(std::istream& is, L2tpv3Cookie& cookie)
{
    std::string text;
    is >> text;
    try
    {
        cookie = L2tpv3Cookie::Parse(text, "cookie");
    }
    catch (const std::invalid_argument&)
    {
        is.setstate(std::ios_base::failbit);
    }
    return is;
}

} // namespace ns3
