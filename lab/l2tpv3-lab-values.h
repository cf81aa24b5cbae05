/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_LAB_VALUES_H
#define L2TPV3_LAB_VALUES_H

// Internal to the lab (not installed): the values a lab line is made of (times, numbers,
// addresses, prefixes, cookies) and the refusal every parser and checker throws.

#include "ns3/address.h"
#include "ns3/ipv6-address.h"
#include "ns3/l2tpv3-cookie.h"
#include "ns3/l2tpv3-names.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace lab
{

/**
 * \ingroup l2tp
 * \brief A command refused: the reason; the caller adds file, line and command.
 */
struct Refusal
{
    std::string reason; //!< why
};

/**
 * \brief Refuse the command being read or checked.
 * \param reason why
 */
[[noreturn]] void Refuse(const std::string& reason);

/** \return seconds from "12s", "500ms", "20us" or "3" (\p what names it in a refusal) */
double ParseTime(const std::string& text, const std::string& what);
/** \return the unsigned integer in \p text (decimal), at most \p max */
uint64_t ParseUnsigned(const std::string& text, const std::string& what, uint64_t max);
/** \return a loss or reordering probability from "1%" or "0.01" */
double ParseProbability(const std::string& text, const std::string& what);
/** \return true when \p text is a data rate ns-3 reads, e.g. 100Mbps */
bool IsDataRate(const std::string& text);
/** \return true when \p text is a dotted-quad IPv4 address */
bool IsIpv4Text(const std::string& text);
/** \return true when \p text is an IPv6 address (hex groups, at most one ::) */
bool IsIpv6Text(const std::string& text);
/** \return an IPv4 or IPv6 address from its text */
Address ParseAddress(const std::string& text, const std::string& what);

/**
 * \ingroup l2tp
 * \brief An address with its prefix length (A/LEN).
 */
struct Prefix
{
    Address address;    //!< Ipv4Address or Ipv6Address
    uint32_t length{0}; //!< prefix length

    /** \return true for an IPv6 prefix */
    bool IsV6() const
    {
        return Ipv6Address::IsMatchingType(address);
    }
};

/** \return A or A/LEN; without /LEN the host length, or a refusal when \p lengthRequired */
Prefix ParsePrefix(const std::string& text, const std::string& what, bool lengthRequired);
/** \return the prefix length of a NetBSD netmask such as 0xffffff00 or 255.255.255.0 */
uint32_t ParseNetmask(const std::string& text);
/** \return true when \p a and \p b share the first \p length bits */
bool SamePrefix(const Address& a, const Address& b, uint32_t length);
/** \return a cookie from iproute2's hex text (8 or 16 hex digits) */
L2tpv3Cookie ParseHexCookie(const std::string& text, const std::string& what);
/** \return a cookie from l2tp(4)'s LENGTH and decimal VALUE */
L2tpv3Cookie ParseCookie(const std::string& lengthText, const std::string& valueText);

/**
 * \param names the accepted names
 * \return "a or b", "a, b or c"
 */
std::string NameList(const std::vector<std::string>& names);

/**
 * \brief The value \p text names in one of model/'s name tables (ip/udp, none/default).
 *
 * The lab keeps its own refusal, `WHAT must be a or b` (e.g. `encap must be ip or udp`),
 * which the caller prefixes with `file:line: command:`; the names come from the table.
 * \param table the enum's names (L2tpv3EncapsulationNames(), L2tpv3SublayerNames())
 * \param text the option's value
 * \param what the option, as the command writes it
 * \return the value
 */
template <typename T>
T
ParseName(const L2tpv3NameTable<T>& table, const std::string& text, const std::string& what)
{
    T value{};
    if (!L2tpv3FindName(table, text, value))
    {
        std::vector<std::string> names;
        for (const auto& entry : table)
        {
            names.push_back(entry.second);
        }
        Refuse(what + " must be " + NameList(names));
    }
    return value;
}

/** \return true when \p text is a name: letters, digits, _, - and . */
bool IsName(const std::string& text);
/** \return the words from \p from on, joined by one space */
std::string Join(const std::vector<std::string>& words, std::size_t from = 0);
/** \return \p s without leading and trailing blanks */
std::string Trim(const std::string& s);
/** \return the blank-separated words of \p s */
std::vector<std::string> Split(const std::string& s);

} // namespace lab
} // namespace ns3

#endif /* L2TPV3_LAB_VALUES_H */
