/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_NAMES_H
#define L2TPV3_NAMES_H

#include "l2tpv3-types.h"

#include "ns3/address.h"
#include "ns3/attribute-accessor-helper.h"
#include "ns3/attribute.h"
#include "ns3/enum.h"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

/**
 * \file
 * \ingroup l2tp
 * The names users type for the module's enums ("ip", "udp", "none", "default",
 * "fragment", "derived"), one table per enum, and the text of an address: each
 * exists once, for the attributes, the scenarios, the lab and the examples alike.
 */

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief How a refused name is worded. Each wording is one that users, tests and the
 * Python module already see, so that moving a check here changes no message.
 */
enum class L2tpv3NameWording : uint8_t
{
    ATTRIBUTE, //!< `Encapsulation "gre" is neither ip nor udp` (device and injector attributes)
    QUOTED,    //!< `Encapsulation 'gre': must be ip or udp` (LCCE attributes)
    OPTION     //!< `encap=gre: must be ip or udp` (command-line options, scenario parameters)
};

/**
 * \ingroup l2tp
 * \brief The names of an enum's values, in the order they are listed to users (the
 * first is the default).
 */
template <typename T>
using L2tpv3NameTable = std::vector<std::pair<T, std::string>>;

/** \ingroup l2tp \return the names of L2tpv3Encapsulation: ip, udp */
const L2tpv3NameTable<L2tpv3Encapsulation>& L2tpv3EncapsulationNames();
/** \ingroup l2tp \return the names of L2tpv3Sublayer: none, default */
const L2tpv3NameTable<L2tpv3Sublayer>& L2tpv3SublayerNames();
/** \ingroup l2tp \return the names of L2tpv3MtuPolicy: fragment, derived */
const L2tpv3NameTable<L2tpv3MtuPolicy>& L2tpv3MtuPolicyNames();

/**
 * \ingroup l2tp
 * \brief The message refusing a value that is none of \p names.
 * \param parameter the attribute or option, as the user wrote it ("Encapsulation", "encap")
 * \param text the refused value
 * \param names the accepted names
 * \param wording how the message reads
 * \return e.g. `Encapsulation "gre" is neither ip nor udp`, `encap=gre: must be ip or udp`
 */
std::string L2tpv3RefusedName(const std::string& parameter,
                              const std::string& text,
                              const std::vector<std::string>& names,
                              L2tpv3NameWording wording);

/**
 * \ingroup l2tp
 * \brief The name of \p value in \p table ("" if the table misses it).
 * \param table the enum's names
 * \param value a value
 * \return its name
 */
template <typename T>
std::string
L2tpv3NameOf(const L2tpv3NameTable<T>& table, T value)
{
    for (const auto& [v, name] : table)
    {
        if (v == value)
        {
            return name;
        }
    }
    return "";
}

/**
 * \ingroup l2tp
 * \brief Looks \p text up in \p table.
 * \param table the enum's names
 * \param text a name
 * \param value set to the value named \p text
 * \return false if \p text names no value (\p value unchanged)
 */
template <typename T>
bool
L2tpv3FindName(const L2tpv3NameTable<T>& table, const std::string& text, T& value)
{
    for (const auto& [v, name] : table)
    {
        if (name == text)
        {
            value = v;
            return true;
        }
    }
    return false;
}

/**
 * \ingroup l2tp
 * \brief The value \p text names in \p table.
 * \param table the enum's names
 * \param text a name
 * \param parameter the attribute or option, for the message
 * \param wording how the message reads
 * \return the value
 * \throws std::invalid_argument naming \p parameter and \p text when \p text names none
 */
template <typename T>
T
L2tpv3ParseName(const L2tpv3NameTable<T>& table,
                const std::string& text,
                const std::string& parameter,
                L2tpv3NameWording wording)
{
    T value{};
    if (!L2tpv3FindName(table, text, value))
    {
        std::vector<std::string> names;
        for (const auto& entry : table)
        {
            names.push_back(entry.second);
        }
        throw std::invalid_argument(L2tpv3RefusedName(parameter, text, names, wording));
    }
    return value;
}

/** \ingroup l2tp \param value an encapsulation \return "ip" or "udp" */
std::string L2tpv3EncapsulationName(L2tpv3Encapsulation value);
/** \ingroup l2tp \param value a sublayer \return "none" or "default" */
std::string L2tpv3SublayerName(L2tpv3Sublayer value);
/** \ingroup l2tp \param value an MTU policy \return "fragment" or "derived" */
std::string L2tpv3MtuPolicyName(L2tpv3MtuPolicy value);

/**
 * \ingroup l2tp
 * \param text "ip" or "udp"
 * \param parameter the attribute or option, for the message
 * \param wording how the message reads
 * \return the encapsulation
 * \throws std::invalid_argument naming \p parameter and \p text for any other text
 */
L2tpv3Encapsulation L2tpv3ParseEncapsulation(
    const std::string& text,
    const std::string& parameter = "Encapsulation",
    L2tpv3NameWording wording = L2tpv3NameWording::ATTRIBUTE);

/**
 * \ingroup l2tp
 * \param text "none" or "default"
 * \param parameter the attribute or option, for the message
 * \param wording how the message reads
 * \return the sublayer
 * \throws std::invalid_argument naming \p parameter and \p text for any other text
 */
L2tpv3Sublayer L2tpv3ParseSublayer(const std::string& text,
                                   const std::string& parameter = "L2SpecificSublayer",
                                   L2tpv3NameWording wording = L2tpv3NameWording::ATTRIBUTE);

/**
 * \ingroup l2tp
 * \param text "fragment" or "derived"
 * \param parameter the attribute or option, for the message
 * \param wording how the message reads
 * \return the MTU policy
 * \throws std::invalid_argument naming \p parameter and \p text for any other text
 */
L2tpv3MtuPolicy L2tpv3ParseMtuPolicy(const std::string& text,
                                     const std::string& parameter = "MtuPolicy",
                                     L2tpv3NameWording wording = L2tpv3NameWording::ATTRIBUTE);

/**
 * \ingroup l2tp
 * \brief TCP MSS clamping as users write it (the device's TcpMssClamp, the scenarios'
 * mssClamp): "off", "auto" (from the derived MTU) or an MSS. Not an enum, so no
 * EnumValue: one parser instead.
 */
struct L2tpv3MssClampSetting
{
    bool automatic{false}; //!< "auto"
    uint16_t mss{0};       //!< the fixed MSS; 0 with "off" and "auto"
};

/**
 * \ingroup l2tp
 * \param text "off", "auto" or an MSS from 88 to 65495
 * \param parameter the attribute or option, for the message
 * \param wording how the message reads (ATTRIBUTE: `TcpMssClamp 40 is neither off, auto nor
 * an MSS from 88 to 65495`, the device's message, unquoted as it always was)
 * \return the setting
 * \throws std::invalid_argument naming \p parameter and \p text for any other text
 */
L2tpv3MssClampSetting L2tpv3ParseMssClamp(const std::string& text,
                                          const std::string& parameter = "TcpMssClamp",
                                          L2tpv3NameWording wording = L2tpv3NameWording::ATTRIBUTE);

/**
 * \ingroup l2tp
 * \brief The text of an address as messages and results print it.
 * \param address an address
 * \return an Ipv4Address or Ipv6Address in its usual text form ("192.0.2.1", "2001:db8::1"),
 * "" for an empty address, ns-3's hexadecimal form for any other kind
 */
std::string L2tpv3AddressText(const Address& address);

// ---- Enum attributes in ns-3 3.37 and ns-3-dev ---------------------------------------------
//
// Compatibility note. ns-3 3.37's EnumValue and EnumChecker are classes holding an int
// (MakeEnumChecker(int, name, ...)); from ns-3.41 on they are class templates,
// EnumValue<T> and EnumChecker<T> holding a T (MakeEnumChecker(T, name, ...), and a name
// the checker does not know fails an NS_ASSERT). An `enum class` converts to neither int
// implicitly, so neither MakeEnumChecker nor MakeEnumAccessor takes one in 3.37. The shim
// below picks the EnumValue / EnumChecker this ns-3 has and converts at one place, and its
// checker keeps today's behaviour for a bad name: std::invalid_argument with the message
// users, tests and Python see, thrown when the attribute is set (an ns-3 checker failure
// would abort, and the Python module and the lab report exceptions).

/// \cond internal
namespace l2tpv3_enum_shim
{
/// Chosen when E is a class template (ns-3.41 on): E<T>.
template <template <typename> class E, typename T>
E<T> Pick(int);
/// Chosen when E is a class (ns-3 3.37): E.
template <typename E, typename T>
E Pick(long);
} // namespace l2tpv3_enum_shim

/// \endcond

/**
 * \ingroup l2tp
 * \brief The EnumValue type this ns-3 stores a T in: EnumValue (3.37) or EnumValue<T>.
 */
template <typename T>
using L2tpv3EnumValueBase = decltype(l2tpv3_enum_shim::Pick<EnumValue, T>(0));

/**
 * \ingroup l2tp
 * \brief The EnumChecker type for a T: EnumChecker (3.37) or EnumChecker<T>.
 */
template <typename T>
using L2tpv3EnumCheckerBase = decltype(l2tpv3_enum_shim::Pick<EnumChecker, T>(0));

/**
 * \ingroup l2tp
 * \brief What this ns-3's EnumValue holds for a T: int (3.37) or T.
 */
template <typename T>
using L2tpv3EnumRaw = decltype(std::declval<const L2tpv3EnumValueBase<T>&>().Get());

/**
 * \ingroup l2tp
 * \brief An enum checker that knows the names of one enum's values and the parameter it
 * checks, so that a bad name is refused with the module's message (see the compatibility
 * note above).
 */
template <typename T>
class L2tpv3NameChecker : public L2tpv3EnumCheckerBase<T>
{
  public:
    /**
     * \param table the names; the first is the default
     * \param parameter the attribute's name, for the message
     * \param wording how the message reads
     */
    L2tpv3NameChecker(const L2tpv3NameTable<T>& table,
                      const std::string& parameter,
                      L2tpv3NameWording wording)
        : m_table(table),
          m_parameter(parameter),
          m_wording(wording)
    {
        bool first = true;
        for (const auto& [value, name] : table)
        {
            if (first)
            {
                this->AddDefault(static_cast<L2tpv3EnumRaw<T>>(value), name);
            }
            else
            {
                this->Add(static_cast<L2tpv3EnumRaw<T>>(value), name);
            }
            first = false;
        }
    }

    /**
     * \param text a name
     * \return the value it names
     * \throws std::invalid_argument naming the parameter and \p text when it names none
     */
    T Parse(const std::string& text) const
    {
        return L2tpv3ParseName(m_table, text, m_parameter, m_wording);
    }

    Ptr<AttributeValue> Create() const override;

  private:
    L2tpv3NameTable<T> m_table;  //!< the names
    std::string m_parameter;     //!< the attribute's name
    L2tpv3NameWording m_wording; //!< how a refusal reads
};

/**
 * \ingroup l2tp
 * \brief The value an L2tpv3NameChecker creates when an attribute is set from a string:
 * this ns-3's EnumValue, parsing with the module's message.
 */
template <typename T>
class L2tpv3NameValue : public L2tpv3EnumValueBase<T>
{
  public:
    L2tpv3NameValue() = default;

    /** \param value the value held */
    explicit L2tpv3NameValue(T value)
    {
        this->Set(static_cast<L2tpv3EnumRaw<T>>(value));
    }

    /** \return the value held */
    T GetValue() const
    {
        return static_cast<T>(this->Get());
    }

    Ptr<AttributeValue> Copy() const override
    {
        return ns3::Create<L2tpv3NameValue<T>>(*this);
    }

    /**
     * \param text a name
     * \param checker the attribute's checker
     * \return true (a name the checker does not know throws)
     * \throws std::invalid_argument naming the parameter and \p text when it names no value
     */
    bool DeserializeFromString(std::string text, Ptr<const AttributeChecker> checker) override
    {
        const auto* names = dynamic_cast<const L2tpv3NameChecker<T>*>(PeekPointer(checker));
        if (names == nullptr)
        {
            return L2tpv3EnumValueBase<T>::DeserializeFromString(text, checker);
        }
        this->Set(static_cast<L2tpv3EnumRaw<T>>(names->Parse(text)));
        return true;
    }
};

template <typename T>
Ptr<AttributeValue>
L2tpv3NameChecker<T>::Create() const
{
    return ns3::Create<L2tpv3NameValue<T>>();
}

/**
 * \ingroup l2tp
 * \brief A checker for an enum attribute whose values are named by \p table.
 * \param table the names; the first is the default
 * \param parameter the attribute's name, for the message
 * \param wording how a refusal reads
 * \return the checker (this ns-3's EnumChecker)
 */
template <typename T>
Ptr<const AttributeChecker>
MakeL2tpv3NameChecker(const L2tpv3NameTable<T>& table,
                      const std::string& parameter,
                      L2tpv3NameWording wording = L2tpv3NameWording::ATTRIBUTE)
{
    return Ptr<const AttributeChecker>(new L2tpv3NameChecker<T>(table, parameter, wording), false);
}

/**
 * \ingroup l2tp
 * \param parameter the attribute's name, for the message
 * \param wording how a refusal reads
 * \return the checker of an Encapsulation attribute: ip, udp
 */
Ptr<const AttributeChecker> MakeL2tpv3EncapsulationChecker(
    const std::string& parameter = "Encapsulation",
    L2tpv3NameWording wording = L2tpv3NameWording::ATTRIBUTE);

/**
 * \ingroup l2tp
 * \param parameter the attribute's name, for the message
 * \param wording how a refusal reads
 * \return the checker of an L2-Specific Sublayer attribute: none, default
 */
Ptr<const AttributeChecker> MakeL2tpv3SublayerChecker(
    const std::string& parameter = "L2SpecificSublayer",
    L2tpv3NameWording wording = L2tpv3NameWording::ATTRIBUTE);

/**
 * \ingroup l2tp
 * \param parameter the attribute's name, for the message
 * \param wording how a refusal reads
 * \return the checker of an MTU policy attribute: fragment, derived
 */
Ptr<const AttributeChecker> MakeL2tpv3MtuPolicyChecker(
    const std::string& parameter = "MtuPolicy",
    L2tpv3NameWording wording = L2tpv3NameWording::ATTRIBUTE);

/// \cond internal
namespace l2tpv3_enum_shim
{
/**
 * \brief Sets and gets an enum attribute through a setter and a getter, whatever EnumValue
 * this ns-3 has (MakeEnumAccessor passes an `enum class` to 3.37's EnumValue::Set(int)).
 */
template <typename T, typename C, typename Setter, typename Getter>
class Accessor : public AttributeAccessor
{
  public:
    /**
     * \param set the setter
     * \param get the getter
     */
    Accessor(Setter set, Getter get)
        : m_set(set),
          m_get(get)
    {
    }

    bool Set(ObjectBase* object, const AttributeValue& value) const override
    {
        auto* o = dynamic_cast<C*>(object);
        const auto* v = dynamic_cast<const L2tpv3EnumValueBase<T>*>(&value);
        if (o == nullptr || v == nullptr)
        {
            return false;
        }
        m_set(*o, static_cast<T>(v->Get()));
        return true;
    }

    bool Get(const ObjectBase* object, AttributeValue& value) const override
    {
        const auto* o = dynamic_cast<const C*>(object);
        auto* v = dynamic_cast<L2tpv3EnumValueBase<T>*>(&value);
        if (o == nullptr || v == nullptr)
        {
            return false;
        }
        v->Set(static_cast<L2tpv3EnumRaw<T>>(m_get(*o)));
        return true;
    }

    bool HasGetter() const override
    {
        return true;
    }

    bool HasSetter() const override
    {
        return true;
    }

  private:
    Setter m_set; //!< stores a value into an object
    Getter m_get; //!< reads a value from an object
};

/**
 * \param set the setter
 * \param get the getter
 * \return the accessor
 */
template <typename T, typename C, typename Setter, typename Getter>
Ptr<const AttributeAccessor>
MakeAccessor(Setter set, Getter get)
{
    return Ptr<const AttributeAccessor>(new Accessor<T, C, Setter, Getter>(set, get), false);
}
} // namespace l2tpv3_enum_shim

/// \endcond

/**
 * \ingroup l2tp
 * \brief The accessor of an enum attribute held in a member, as MakeEnumAccessor in both
 * ns-3 3.37 and ns-3-dev.
 * \param member the member
 * \return the accessor
 */
template <typename T, typename C>
Ptr<const AttributeAccessor>
MakeL2tpv3EnumAccessor(T C::*member)
{
    static_assert(std::is_enum_v<T>, "an enum member");
    return l2tpv3_enum_shim::MakeAccessor<T, C>(
        [member](C& o, T v) {
            o.*member = v;
        },
        [member](const C& o) {
            return o.*member;
        });
}

/**
 * \ingroup l2tp
 * \brief The accessor of an enum attribute with a setter and a getter, as MakeEnumAccessor
 * in both ns-3 3.37 and ns-3-dev.
 * \param setter the setter (it may throw std::invalid_argument to refuse a value)
 * \param getter the getter
 * \return the accessor
 */
template <typename T, typename C, typename R>
Ptr<const AttributeAccessor>
MakeL2tpv3EnumAccessor(R (C::*setter)(T), T (C::*getter)() const)
{
    static_assert(std::is_enum_v<T>, "an enum attribute");
    return l2tpv3_enum_shim::MakeAccessor<T, C>(
        [setter](C& o, T v) {
            (o.*setter)(v);
        },
        [getter](const C& o) {
            return (o.*getter)();
        });
}

/**
 * \ingroup l2tp
 * \brief An attribute value holding \p value, for an attribute's initial value or
 * SetAttribute, in both ns-3 3.37 and ns-3-dev.
 * \param value the value
 * \return this ns-3's EnumValue holding it
 */
template <typename T>
L2tpv3NameValue<T>
MakeL2tpv3EnumValue(T value)
{
    return L2tpv3NameValue<T>(value);
}

} // namespace ns3

#endif /* L2TPV3_NAMES_H */
