/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-names.h"

#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"

#include <cstdlib>
#include <sstream>

namespace ns3
{

const L2tpv3NameTable<L2tpv3Encapsulation>&
L2tpv3EncapsulationNames()
{
    static const L2tpv3NameTable<L2tpv3Encapsulation> names{{L2tpv3Encapsulation::IP, "ip"},
                                                            {L2tpv3Encapsulation::UDP, "udp"}};
    return names;
}

const L2tpv3NameTable<L2tpv3Sublayer>&
L2tpv3SublayerNames()
{
    static const L2tpv3NameTable<L2tpv3Sublayer> names{{L2tpv3Sublayer::NONE, "none"},
                                                       {L2tpv3Sublayer::DEFAULT, "default"}};
    return names;
}

const L2tpv3NameTable<L2tpv3MtuPolicy>&
L2tpv3MtuPolicyNames()
{
    static const L2tpv3NameTable<L2tpv3MtuPolicy> names{{L2tpv3MtuPolicy::FRAGMENT, "fragment"},
                                                        {L2tpv3MtuPolicy::DERIVED, "derived"}};
    return names;
}

namespace
{

/**
 * \param names the accepted names
 * \param last the word before the last name ("or", "nor")
 * \return "a or b", "a, b or c"
 */
std::string
List(const std::vector<std::string>& names, const std::string& last)
{
    std::string text;
    for (std::size_t k = 0; k < names.size(); ++k)
    {
        if (k > 0)
        {
            text += k + 1 == names.size() ? " " + last + " " : ", ";
        }
        text += names[k];
    }
    return text;
}

} // namespace

std::string
L2tpv3RefusedName(const std::string& parameter,
                  const std::string& text,
                  const std::vector<std::string>& names,
                  L2tpv3NameWording wording)
{
    switch (wording)
    {
    case L2tpv3NameWording::ATTRIBUTE:
        // Two names read "is neither a nor b", more "is not a, b or c".
        return parameter + " \"" + text + "\" " +
               (names.size() == 2 ? "is neither " + List(names, "nor")
                                  : "is not " + List(names, "or"));
    case L2tpv3NameWording::QUOTED:
        return parameter + " '" + text + "': must be " + List(names, "or");
    case L2tpv3NameWording::OPTION:
        break;
    }
    return parameter + "=" + text + ": must be " + List(names, "or");
}

std::string
L2tpv3EncapsulationName(L2tpv3Encapsulation value)
{
    return L2tpv3NameOf(L2tpv3EncapsulationNames(), value);
}

std::string
L2tpv3SublayerName(L2tpv3Sublayer value)
{
    return L2tpv3NameOf(L2tpv3SublayerNames(), value);
}

std::string
L2tpv3MtuPolicyName(L2tpv3MtuPolicy value)
{
    return L2tpv3NameOf(L2tpv3MtuPolicyNames(), value);
}

L2tpv3Encapsulation
L2tpv3ParseEncapsulation(const std::string& text,
                         const std::string& parameter,
                         L2tpv3NameWording wording)
{
    return L2tpv3ParseName(L2tpv3EncapsulationNames(), text, parameter, wording);
}

L2tpv3Sublayer
L2tpv3ParseSublayer(const std::string& text,
                    const std::string& parameter,
                    L2tpv3NameWording wording)
{
    return L2tpv3ParseName(L2tpv3SublayerNames(), text, parameter, wording);
}

L2tpv3MtuPolicy
L2tpv3ParseMtuPolicy(const std::string& text,
                     const std::string& parameter,
                     L2tpv3NameWording wording)
{
    return L2tpv3ParseName(L2tpv3MtuPolicyNames(), text, parameter, wording);
}

L2tpv3MssClampSetting
L2tpv3ParseMssClamp(const std::string& text,
                    const std::string& parameter,
                    L2tpv3NameWording wording)
{
    L2tpv3MssClampSetting setting;
    if (text == "off")
    {
        return setting;
    }
    if (text == "auto")
    {
        setting.automatic = true;
        return setting;
    }
    // Digits only: strtoul would take a sign or leading blanks (and saturates when too long).
    bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
    unsigned long mss = digits ? std::strtoul(text.c_str(), nullptr, 10) : 0;
    // RFC 9293 §3.7.1: an MSS below 88 (IPv4's 576 minus headers and options) is unusable.
    if (mss < 88 || mss > 65495)
    {
        switch (wording)
        {
        case L2tpv3NameWording::ATTRIBUTE:
            throw std::invalid_argument(parameter + " " + text +
                                        " is neither off, auto nor an MSS from 88 to 65495");
        case L2tpv3NameWording::QUOTED:
            throw std::invalid_argument(parameter + " '" + text +
                                        "': must be off, auto or an MSS from 88 to 65495");
        case L2tpv3NameWording::OPTION:
            break;
        }
        throw std::invalid_argument(parameter + "=" + text +
                                    ": must be off, auto or an MSS from 88 to 65495");
    }
    setting.mss = static_cast<uint16_t>(mss);
    return setting;
}

std::string
L2tpv3AddressText(const Address& address)
{
    std::ostringstream os;
    if (Ipv4Address::IsMatchingType(address))
    {
        os << Ipv4Address::ConvertFrom(address);
    }
    else if (Ipv6Address::IsMatchingType(address))
    {
        os << Ipv6Address::ConvertFrom(address);
    }
    else if (!address.IsInvalid())
    {
        os << address;
    }
    return os.str();
}

Ptr<const AttributeChecker>
MakeL2tpv3EncapsulationChecker(const std::string& parameter, L2tpv3NameWording wording)
{
    return MakeL2tpv3NameChecker(L2tpv3EncapsulationNames(), parameter, wording);
}

Ptr<const AttributeChecker>
MakeL2tpv3SublayerChecker(const std::string& parameter, L2tpv3NameWording wording)
{
    return MakeL2tpv3NameChecker(L2tpv3SublayerNames(), parameter, wording);
}

Ptr<const AttributeChecker>
MakeL2tpv3MtuPolicyChecker(const std::string& parameter, L2tpv3NameWording wording)
{
    return MakeL2tpv3NameChecker(L2tpv3MtuPolicyNames(), parameter, wording);
}

} // namespace ns3
