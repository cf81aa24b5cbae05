/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// l2tp-doc-tables: the reference tables of doc/l2tp.rst, generated from the code.
//
//   l2tp-doc-tables --output=DIR   write DIR/l2tp-attributes.inc, l2tp-traces.inc,
//                                  l2tp-counters.inc
//   l2tp-doc-tables --check=DIR    exit 1, naming each file, if those in DIR differ from
//                                  what the code gives now (a CTest test: l2tp-doc-tables)
//   --source=DIR                   the module's source tree (for the counter headers)
//
// Attributes and trace sources come from ns-3's TypeId introspection: every registered
// TypeId named ns3::L2tpv3*, its own attributes (name, value type, default, help) and
// trace sources (name, callback signature, help). A class added to the module appears
// without touching this program.
//
// The counters are plain structs (L2tpv3Counters, L2tpv3LcceCounters,
// L2tpv3ControlChannelCounters), which C++ cannot enumerate by name: their members and
// doc comments are read from the headers, and the number of members read is checked
// against the number the compiler counts in each struct (aggregate initialization), so
// a member added without being found here fails the generation and the test. The drop
// reasons come from the code itself (L2tpv3DropReasonName, L2tpv3DropReasonIsTransmit),
// their descriptions from the enum's doc comments, checked against
// L2tpv3DropReason::COUNT.

#include "ns3/address.h"
#include "ns3/core-module.h"
#include "ns3/l2tp-module.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#ifndef L2TP_SOURCE_DIR
#define L2TP_SOURCE_DIR "."
#endif

using namespace ns3;

namespace
{

// ---- Counting the members of an aggregate -------------------------------------------

/// Converts to any member type: T{AnyMember{}, ...} compiles for up to as many members
/// as T has.
struct AnyMember
{
    /// \return never called (unevaluated operands only)
    template <typename T>
    operator T() const;
};

/// \return true when T can be brace-initialized from sizeof...(I) AnyMember values
template <typename T, std::size_t... I>
constexpr auto
BraceInitializable(std::index_sequence<I...>, int)
    -> decltype(T{(static_cast<void>(I), AnyMember{})...}, true)
{
    return true;
}

/// \return false (the overload chosen when the brace initialization does not compile)
template <typename T, std::size_t... I>
constexpr bool
BraceInitializable(std::index_sequence<I...>, long)
{
    return false;
}

/// \return the number of members of the aggregate T
template <typename T, std::size_t N = 0>
constexpr std::size_t
CountMembers()
{
    if constexpr (N < 64 && BraceInitializable<T>(std::make_index_sequence<N + 1>{}, 0))
    {
        return CountMembers<T, N + 1>();
    }
    else
    {
        return N;
    }
}

// ---- reStructuredText ------------------------------------------------------------

/**
 * \param text plain text
 * \return the text with the characters reStructuredText would interpret escaped
 */
std::string
EscapeRst(const std::string& text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i)
    {
        char c = text[i];
        bool wordEnd =
            i + 1 == text.size() ||
            !(std::isalnum(static_cast<unsigned char>(text[i + 1])) || text[i + 1] == '_');
        if (c == '*' || c == '`' || c == '|' || c == '\\' || (c == '_' && wordEnd))
        {
            out += '\\';
        }
        out += c;
    }
    return out;
}

/**
 * \param text text (may be empty)
 * \return an inline literal, or "(empty)"
 */
std::string
Literal(const std::string& text)
{
    if (text.empty())
    {
        return "(empty)";
    }
    return "``" + text + "``";
}

/**
 * \brief A list-table.
 * \param os the output
 * \param widths column widths
 * \param header the header row
 * \param rows the rows (already reStructuredText)
 */
void
ListTable(std::ostream& os,
          const std::vector<int>& widths,
          const std::vector<std::string>& header,
          const std::vector<std::vector<std::string>>& rows)
{
    os << ".. list-table::\n   :header-rows: 1\n   :widths:";
    for (int w : widths)
    {
        os << " " << w;
    }
    os << "\n\n";
    auto row = [&os](const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i)
        {
            os << (i == 0 ? "   * - " : "     - ") << cells[i] << "\n";
        }
    };
    row(header);
    for (const auto& r : rows)
    {
        row(r);
    }
    os << "\n";
}

/**
 * \param title a heading's text
 * \param underline the underline character
 * \return the heading, underlined to its length
 */
std::string
Heading(const std::string& title, char underline)
{
    return title + "\n" + std::string(title.size(), underline) + "\n\n";
}

/// Generated-file banner (a reStructuredText comment).
const char* const BANNER =
    ".. Generated by utils/l2tp-doc-tables from the code (./ns3 docs); do not edit.\n"
    "   The test l2tp-doc-tables fails when this file differs from what the code gives.\n\n";

// ---- Attributes and trace sources -------------------------------------------------

/// \return every registered TypeId of the module (ns3::L2tpv3*), sorted by name
std::vector<TypeId>
ModuleTypeIds()
{
    std::vector<TypeId> ids;
    for (uint16_t i = 0; i < TypeId::GetRegisteredN(); ++i)
    {
        TypeId tid = TypeId::GetRegistered(i);
        if (tid.GetName().rfind("ns3::L2tpv3", 0) == 0)
        {
            ids.push_back(tid);
        }
    }
    std::sort(ids.begin(), ids.end(), [](const TypeId& a, const TypeId& b) {
        return a.GetName() < b.GetName();
    });
    return ids;
}

/**
 * \param t a time
 * \return it in the largest unit that gives a whole number ("100 ms")
 */
std::string
TimeText(Time t)
{
    if (t.IsZero())
    {
        return "0 s";
    }
    std::ostringstream os;
    for (auto [unit, name] : {std::pair{Time::S, "s"}, {Time::MS, "ms"}, {Time::US, "us"}})
    {
        double value = t.ToDouble(unit);
        if (value >= 1 && value == static_cast<double>(static_cast<int64_t>(value)))
        {
            os << static_cast<int64_t>(value) << " " << name;
            return os.str();
        }
    }
    os << t.GetNanoSeconds() << " ns";
    return os.str();
}

/**
 * \param info an attribute
 * \return its default value as text; times with a unit a reader knows
 */
std::string
DefaultText(const TypeId::AttributeInformation& info)
{
    Ptr<const TimeValue> time = DynamicCast<const TimeValue>(info.initialValue);
    if (time)
    {
        return TimeText(time->Get());
    }
    Ptr<const AddressValue> address = DynamicCast<const AddressValue>(info.initialValue);
    if (address && address->Get().IsInvalid())
    {
        return "unset";
    }
    return info.initialValue->SerializeToString(info.checker);
}

/**
 * \param info an attribute
 * \return its value type, as the checker describes it ("uint16_t 68:65535"), the range
 * left out when it is the whole type's, a time's minimum in a unit a reader knows
 */
std::string
TypeText(const TypeId::AttributeInformation& info)
{
    std::string type = info.checker->GetUnderlyingTypeInformation();
    if (type.empty())
    {
        return info.checker->GetValueTypeName();
    }
    static const std::regex rangeRe(R"(^(\S+) (\S+):(\S+)$)");
    std::smatch m;
    if (!std::regex_match(type, m, rangeRe))
    {
        return type;
    }
    const std::string base = m[1].str();
    const std::string low = m[2].str();
    const std::string high = m[3].str();
    auto whole = [&](auto limits) {
        using L = decltype(limits);
        return low == std::to_string(std::numeric_limits<L>::min()) &&
               high == std::to_string(std::numeric_limits<L>::max());
    };
    if ((base == "uint8_t" && whole(uint8_t{})) || (base == "uint16_t" && whole(uint16_t{})) ||
        (base == "uint32_t" && whole(uint32_t{})) || (base == "uint64_t" && whole(uint64_t{})) ||
        (base == "int32_t" && whole(int32_t{})) || (base == "int64_t" && whole(int64_t{})))
    {
        return base;
    }
    if (base == "double" && low.find("e+308") != std::string::npos &&
        high.find("e+308") != std::string::npos)
    {
        return base;
    }
    if (base == "Time" && high == "+9.22337e+18ns")
    {
        return "Time, at least " + TimeText(Time(low));
    }
    return base + " " + low + " to " + high;
}

/**
 * \param info an attribute
 * \return what may be done with it, when not everything
 */
std::string
FlagsText(const TypeId::AttributeInformation& info)
{
    std::vector<std::string> missing;
    if (!(info.flags & TypeId::ATTR_SET))
    {
        missing.emplace_back("not settable after construction");
    }
    if (!(info.flags & TypeId::ATTR_GET))
    {
        missing.emplace_back("write-only");
    }
    if (!(info.flags & TypeId::ATTR_CONSTRUCT))
    {
        missing.emplace_back("not settable at construction");
    }
    std::string text;
    for (const auto& m : missing)
    {
        text += " (" + m + ")";
    }
    return text;
}

/// \return the attributes of every module class
std::string
AttributeTables()
{
    std::ostringstream os;
    os << BANNER;
    std::vector<std::string> without;
    for (const TypeId& tid : ModuleTypeIds())
    {
        if (tid.GetAttributeN() == 0)
        {
            without.push_back(Literal(tid.GetName()));
            continue;
        }
        os << Heading("``" + tid.GetName() + "`` attributes", '#');
        os << "Parent: ``" << tid.GetParent().GetName() << "``; set with ``SetAttribute``, "
           << "``Config::SetDefault(\"" << tid.GetName() << "::NAME\", ...)`` or a helper.\n\n";
        std::vector<std::vector<std::string>> rows;
        for (std::size_t i = 0; i < tid.GetAttributeN(); ++i)
        {
            TypeId::AttributeInformation info = tid.GetAttribute(i);
            rows.push_back({Literal(info.name),
                            Literal(TypeText(info)),
                            Literal(DefaultText(info)),
                            EscapeRst(info.help) + EscapeRst(FlagsText(info))});
        }
        ListTable(os, {18, 20, 14, 48}, {"Attribute", "Type", "Default", "Description"}, rows);
    }
    if (!without.empty())
    {
        os << "Without attributes:";
        for (std::size_t i = 0; i < without.size(); ++i)
        {
            os << (i == 0 ? " " : ", ") << without[i];
        }
        os << ".\n";
    }
    return os.str();
}

/// \return the trace sources of every module class
std::string
TraceTables()
{
    std::ostringstream os;
    os << BANNER;
    for (const TypeId& tid : ModuleTypeIds())
    {
        if (tid.GetTraceSourceN() == 0)
        {
            continue;
        }
        os << Heading("``" + tid.GetName() + "`` trace sources", '#');
        std::vector<std::vector<std::string>> rows;
        for (std::size_t i = 0; i < tid.GetTraceSourceN(); ++i)
        {
            TypeId::TraceSourceInformation info = tid.GetTraceSource(i);
            rows.push_back({Literal(info.name), Literal(info.callback), EscapeRst(info.help)});
        }
        ListTable(os, {18, 34, 48}, {"Trace source", "Callback signature", "Description"}, rows);
    }
    return os.str();
}

// ---- Counters, from the headers ------------------------------------------------------

/// One data member read from a header.
struct Member
{
    std::string type; //!< its declared type
    std::string name; //!< its name
    std::string doc;  //!< its doc comment
};

/**
 * \param path a header
 * \return its text; exits when it cannot be read
 */
std::string
ReadFile(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
    {
        std::cerr << "l2tp-doc-tables: cannot read " << path
                  << " (give the module's source tree with --source=DIR)" << std::endl;
        std::exit(1);
    }
    std::ostringstream os;
    os << in.rdbuf();
    return os.str();
}

/**
 * \param s text
 * \return it without leading and trailing white space, inner runs made one space
 */
std::string
Squeeze(const std::string& s)
{
    std::string out;
    bool space = false;
    for (char c : s)
    {
        if (std::isspace(static_cast<unsigned char>(c)))
        {
            space = !out.empty();
            continue;
        }
        if (space)
        {
            out += ' ';
            space = false;
        }
        out += c;
    }
    return out;
}

/**
 * \brief The body of `struct NAME { ... };` or `enum class NAME ... { ... };` in a header.
 * \param text the header
 * \param opener "struct NAME" or "enum class NAME"
 * \param path the header's path, for the error
 * \return the lines between the braces
 */
std::vector<std::string>
Body(const std::string& text, const std::string& opener, const std::string& path)
{
    std::istringstream in(text);
    std::string line;
    std::vector<std::string> body;
    bool inside = false;
    bool found = false;
    while (std::getline(in, line))
    {
        if (!found)
        {
            found = line.rfind(opener, 0) == 0 &&
                    (line.size() == opener.size() ||
                     !std::isalnum(static_cast<unsigned char>(line[opener.size()])));
            continue;
        }
        if (!inside)
        {
            inside = line.rfind("{", 0) == 0;
            continue;
        }
        if (line.rfind("};", 0) == 0)
        {
            return body;
        }
        body.push_back(line);
    }
    std::cerr << "l2tp-doc-tables: no '" << opener << "' with a body in " << path << std::endl;
    std::exit(1);
}

/**
 * \brief The data members of a struct, in order, with their doc comments.
 *
 * A declaration ends with ';' outside parentheses; its doc is the `//!<` comment after
 * it (continued on following lines that hold only a `//!<` comment) or the `///` lines
 * before it. Declarations with a '(' outside template arguments are member functions;
 * static members are not members of an aggregate and are skipped.
 * \param path the header
 * \param name the struct
 * \return the members
 */
std::vector<Member>
StructMembers(const std::string& path, const std::string& name)
{
    std::vector<std::string> lines = Body(ReadFile(path), "struct " + name, path);
    std::vector<Member> members;
    std::string code;
    std::string before;       // /// lines before the declaration
    bool inBlock = false;     // inside /** ... */
    bool continuable = false; // the last line ended a member with //!<
    static const std::regex memberRe(R"(^(.*[^\w])(\w+)\s*(\{[^{}]*\})?\s*;$)");
    for (const std::string& raw : lines)
    {
        std::string line = raw;
        if (inBlock)
        {
            inBlock = line.find("*/") == std::string::npos;
            continue;
        }
        std::string trimmed = Squeeze(line);
        if (trimmed.rfind("/**", 0) == 0 || trimmed.rfind("/*", 0) == 0)
        {
            inBlock = trimmed.find("*/") == std::string::npos;
            before.clear();
            continuable = false;
            continue;
        }
        if (trimmed.rfind("//!<", 0) == 0 && continuable && !members.empty())
        {
            members.back().doc += " " + Squeeze(trimmed.substr(4));
            continue;
        }
        continuable = false;
        if (trimmed.rfind("///", 0) == 0)
        {
            before += (before.empty() ? "" : " ") + Squeeze(trimmed.substr(3));
            continue;
        }
        std::string trailing;
        std::size_t comment = line.find("//");
        if (comment != std::string::npos)
        {
            std::string c = line.substr(comment);
            trailing = c.rfind("//!<", 0) == 0 ? Squeeze(c.substr(4)) : "";
            line = line.substr(0, comment);
        }
        code += " " + line;
        int parens = 0;
        std::size_t end = std::string::npos;
        for (std::size_t i = 0; i < code.size(); ++i)
        {
            parens += code[i] == '(' ? 1 : code[i] == ')' ? -1 : 0;
            if (code[i] == ';' && parens == 0)
            {
                end = i;
                break;
            }
        }
        if (end == std::string::npos)
        {
            continue;
        }
        std::string declaration = Squeeze(code.substr(0, end + 1));
        code.clear();
        std::string doc = trailing.empty() ? before : trailing;
        before.clear();
        int angles = 0;
        bool function = false;
        for (char c : declaration)
        {
            angles += c == '<' ? 1 : c == '>' ? -1 : 0;
            function = function || (c == '(' && angles == 0);
        }
        if (function || declaration.rfind("static ", 0) == 0 ||
            declaration.rfind("using ", 0) == 0 || declaration.rfind("typedef ", 0) == 0)
        {
            continue;
        }
        std::smatch m;
        if (!std::regex_match(declaration, m, memberRe))
        {
            std::cerr << "l2tp-doc-tables: " << path << ": cannot read the member declaration '"
                      << declaration << "' of " << name << std::endl;
            std::exit(1);
        }
        if (doc.empty())
        {
            std::cerr << "l2tp-doc-tables: " << path << ": " << name << "::" << m[2].str()
                      << " has no doc comment (//!< or ///)" << std::endl;
            std::exit(1);
        }
        members.push_back({Squeeze(m[1].str()), m[2].str(), doc});
        continuable = !trailing.empty();
    }
    return members;
}

/**
 * \brief The doc comments of an enum's enumerators, in order.
 * \param path the header
 * \param name the enum class
 * \return (enumerator, doc) pairs, the trailing COUNT left out
 */
std::vector<std::pair<std::string, std::string>>
EnumDocs(const std::string& path, const std::string& name)
{
    std::vector<std::pair<std::string, std::string>> values;
    static const std::regex valueRe(R"(^\s*([A-Z_0-9]+)\s*(=\s*[^,]+)?,?\s*(//!<(.*))?$)");
    static const std::regex moreRe(R"(^\s*//!<(.*)$)");
    for (const std::string& line : Body(ReadFile(path), "enum class " + name, path))
    {
        std::smatch m;
        if (std::regex_match(line, m, moreRe) && !values.empty())
        {
            values.back().second += " " + Squeeze(m[1].str());
        }
        else if (std::regex_match(line, m, valueRe))
        {
            values.emplace_back(m[1].str(), Squeeze(m[4].str()));
        }
    }
    if (!values.empty() && values.back().first == "COUNT")
    {
        values.pop_back();
    }
    return values;
}

/// A counter struct to document.
struct CounterStruct
{
    std::string name;      //!< the struct
    std::string header;    //!< its header, relative to the source tree
    std::size_t compiled;  //!< members the compiler counts
    std::string how;       //!< how it is read
    std::string paragraph; //!< what it counts
};

/// \return the counters and drop reasons, as tables
std::string
CounterTables(const std::string& source)
{
    std::vector<CounterStruct> structs = {
        {"L2tpv3Counters",
         "model/l2tpv3-counters.h",
         CountMembers<L2tpv3Counters>(),
         "``L2tpv3NetDevice::GetCounters()``, ``L2tpv3L4Protocol::GetCounters()``",
         "One pseudowire device's counters, or a node's for what is dropped before a session "
         "is found (Linux's ``struct l2tp_stats``)."},
        {"L2tpv3LcceCounters",
         "model/l2tpv3-lcce-counters.h",
         CountMembers<L2tpv3LcceCounters>(),
         "``L2tpv3Lcce::GetCounters()``",
         "All the connections of one LCCE together, those already forgotten included."},
        {"L2tpv3ControlChannelCounters",
         "model/l2tpv3-control-channel.h",
         CountMembers<L2tpv3ControlChannelCounters>(),
         "``L2tpv3ControlChannel::GetCounters()``",
         "One control connection's reliable channel."},
    };
    std::ostringstream os;
    os << BANNER;
    for (const auto& s : structs)
    {
        std::vector<Member> members = StructMembers(source + "/" + s.header, s.name);
        if (members.size() != s.compiled)
        {
            std::cerr << "l2tp-doc-tables: " << s.header << ": read " << members.size()
                      << " members of " << s.name << ", the compiler counts " << s.compiled
                      << "; every member needs a declaration this program reads" << std::endl;
            std::exit(1);
        }
        os << Heading("``" + s.name + "``", '#');
        os << s.paragraph << " Read with " << s.how << " (``" << s.header << "``).\n\n";
        std::vector<std::vector<std::string>> rows;
        for (const auto& m : members)
        {
            rows.push_back({Literal(m.name), Literal(m.type), EscapeRst(m.doc)});
        }
        ListTable(os, {20, 30, 50}, {"Counter", "Type", "Counts"}, rows);
    }

    auto reasons = EnumDocs(source + "/model/l2tpv3-counters.h", "L2tpv3DropReason");
    const auto count = static_cast<std::size_t>(L2tpv3DropReason::COUNT);
    if (reasons.size() != count)
    {
        std::cerr << "l2tp-doc-tables: model/l2tpv3-counters.h: read " << reasons.size()
                  << " drop reasons, L2tpv3DropReason::COUNT is " << count << std::endl;
        std::exit(1);
    }
    os << Heading("Drop reasons", '#');
    os << "``L2tpv3Counters::GetDrops(reason)`` for each ``L2tpv3DropReason``, named as "
          "``L2tpv3DropReasonName`` gives it (traces, summaries, Python). Direction from "
          "``L2tpv3DropReasonIsTransmit``: tx reasons add up to ``GetTxErrors()``, rx reasons "
          "to ``GetRxErrors()``.\n\n";
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < count; ++i)
    {
        auto reason = static_cast<L2tpv3DropReason>(i);
        rows.push_back({Literal(L2tpv3DropReasonName(reason)),
                        Literal("L2tpv3DropReason::" + reasons[i].first),
                        L2tpv3DropReasonIsTransmit(reason) ? "tx" : "rx",
                        EscapeRst(reasons[i].second)});
    }
    ListTable(os, {22, 32, 6, 40}, {"Reason", "Enumerator", "Dir.", "Counted when"}, rows);
    return os.str();
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string output;
    std::string check;
    std::string source = L2TP_SOURCE_DIR;
    for (int i = 1; i < argc; ++i)
    {
        std::string arg = argv[i];
        if (arg.rfind("--output=", 0) == 0)
        {
            output = arg.substr(9);
        }
        else if (arg.rfind("--check=", 0) == 0)
        {
            check = arg.substr(8);
        }
        else if (arg.rfind("--source=", 0) == 0)
        {
            source = arg.substr(9);
        }
        else
        {
            std::cerr << "l2tp-doc-tables: unknown argument '" << arg
                      << "' (--output=DIR, --check=DIR, --source=DIR)" << std::endl;
            return 1;
        }
    }
    if (output.empty() == check.empty())
    {
        std::cerr << "l2tp-doc-tables: give one of --output=DIR or --check=DIR" << std::endl;
        return 1;
    }
    const std::map<std::string, std::string> files = {
        {"l2tp-attributes.inc", AttributeTables()},
        {"l2tp-traces.inc", TraceTables()},
        {"l2tp-counters.inc", CounterTables(source)},
    };
    int status = 0;
    for (const auto& [name, text] : files)
    {
        if (!output.empty())
        {
            std::string path = output + "/" + name;
            std::ifstream in(path);
            std::ostringstream old;
            old << in.rdbuf();
            if (in && old.str() == text)
            {
                continue;
            }
            std::ofstream out(path);
            out << text;
            if (!out)
            {
                std::cerr << "l2tp-doc-tables: cannot write " << path << std::endl;
                return 1;
            }
            std::cout << "l2tp-doc-tables: wrote " << path << std::endl;
            continue;
        }
        std::string path = check + "/" + name;
        std::ifstream in(path);
        std::ostringstream old;
        old << in.rdbuf();
        if (!in || old.str() != text)
        {
            std::cout << "l2tp-doc-tables: " << path
                      << (in ? " differs from the code" : " is missing")
                      << "; run ./ns3 docs and commit it" << std::endl;
            status = 1;
        }
        else
        {
            std::cout << "l2tp-doc-tables: " << path << " is up to date" << std::endl;
        }
    }
    return status;
}
