/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-lab-parser.h"

#include "ns3/ipv6-address.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace ns3
{
namespace lab
{

bool
Script::IsNode(const std::string& name) const
{
    return std::find(nodeOrder.begin(), nodeOrder.end(), name) != nodeOrder.end();
}

void
Script::Error(uint32_t line, const std::string& command, const std::string& reason)
{
    errors.push_back({file, line, command, reason});
}

std::vector<const Command*>
Script::Ordered() const
{
    std::vector<const Command*> out;
    for (const auto& c : commands)
    {
        out.push_back(&c);
    }
    std::stable_sort(out.begin(), out.end(), [](const Command* a, const Command* b) {
        return a->time < b->time;
    });
    return out;
}

double
Script::LastEvent() const
{
    double last = 0;
    for (const auto& c : commands)
    {
        last = std::max(last, c.time);
    }
    for (const auto& p : pings)
    {
        last = std::max(last, p.start + p.interval * (p.count - 1));
    }
    for (const auto& s : injects)
    {
        last = std::max(last, s.start + s.interval * s.count);
    }
    return last;
}

namespace
{

/** Reads the statements of a lab file, line by line, into a Script. */
class Parser
{
  public:
    /** \param script where the statements go */
    explicit Parser(Script& script)
        : m_s(script)
    {
    }

    std::string Substitute(const std::string& text, uint32_t line, bool& ok)
    {
        std::string out;
        std::size_t i = 0;
        while (i < text.size())
        {
            std::size_t start = text.find("${", i);
            if (start == std::string::npos)
            {
                out += text.substr(i);
                break;
            }
            out += text.substr(i, start - i);
            std::size_t end = text.find('}', start);
            if (end == std::string::npos)
            {
                m_s.Error(line, Trim(text), "'${' without '}'");
                ok = false;
                return "";
            }
            std::string name = text.substr(start + 2, end - start - 2);
            auto over = m_s.overrides.find(name);
            auto var = m_s.variables.find(name);
            if (over != m_s.overrides.end())
            {
                out += over->second;
            }
            else if (var != m_s.variables.end())
            {
                out += var->second;
            }
            else
            {
                m_s.Error(line,
                          Trim(text),
                          "unknown variable ${" + name + "} (set it with `set " + name +
                              " VALUE` or --set=" + name + "=VALUE)");
                ok = false;
                return "";
            }
            i = end + 1;
        }
        return out;
    }

    /** Split NODE:IF. */
    void NodeInterface(const std::string& text, std::string& node, std::string& interface)
    {
        std::size_t colon = text.find(':');
        if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
        {
            Refuse("'" + text + "' is not NODE:INTERFACE");
        }
        node = text.substr(0, colon);
        interface = text.substr(colon + 1);
        if (!m_s.IsNode(node))
        {
            Refuse("unknown node " + node + " (declare it with `node " + node + "`)");
        }
        if (!IsName(interface))
        {
            Refuse("'" + interface + "' is not an interface name");
        }
    }

    void Parse(const std::string& text)
    {
        std::istringstream is(text);
        std::string raw;
        uint32_t lineNo = 0;
        std::string block; // node of an open `NODE:` block
        while (std::getline(is, raw))
        {
            ++lineNo;
            std::size_t hash = raw.find('#');
            std::string line = hash == std::string::npos ? raw : raw.substr(0, hash);
            if (Trim(line).empty())
            {
                continue;
            }
            bool indented = line[0] == ' ' || line[0] == '\t';
            bool ok = true;
            std::string expanded = Substitute(line, lineNo, ok);
            if (!ok)
            {
                continue;
            }
            std::vector<std::string> words = Split(expanded);
            std::string shown = Join(words);
            if (indented && !block.empty())
            {
                m_s.commands.push_back({lineNo, -1, block, words});
                continue;
            }
            block.clear();
            try
            {
                ParseTopLevel(lineNo, words, block);
            }
            catch (const Refusal& r)
            {
                m_s.Error(lineNo, shown, r.reason);
            }
        }
    }

    void ParseTopLevel(uint32_t lineNo, const std::vector<std::string>& w, std::string& block)
    {
        const std::string& k = w[0];
        if (k == "set")
        {
            if (w.size() < 2 || !IsName(w[1]) || w[1].find_first_of(".-") != std::string::npos)
            {
                Refuse("usage: set NAME VALUE (NAME: letters, digits and _)");
            }
            if (!m_s.variables.count(w[1]))
            {
                m_s.variables[w[1]] = Join(w, 2);
            }
        }
        else if (k == "node")
        {
            if (w.size() < 2)
            {
                Refuse("usage: node NAME [NAME...]");
            }
            for (std::size_t i = 1; i < w.size(); ++i)
            {
                if (!IsName(w[i]) || w[i].find('.') != std::string::npos)
                {
                    Refuse("'" + w[i] + "' is not a node name (letters, digits, _ and -)");
                }
                if (m_s.IsNode(w[i]))
                {
                    Refuse("node " + w[i] + " is declared twice");
                }
                m_s.nodeOrder.push_back(w[i]);
            }
        }
        else if (k == "link")
        {
            ParseLink(lineNo, w);
        }
        else if (k == "ping")
        {
            ParsePing(lineNo, w);
        }
        else if (k == "capture")
        {
            if (w.size() != 2)
            {
                Refuse("usage: capture NODE:INTERFACE");
            }
            CaptureSpec c;
            c.line = lineNo;
            c.text = Join(w);
            NodeInterface(w[1], c.node, c.interface);
            m_s.captures.push_back(c);
        }
        else if (k == "inject")
        {
            ParseInject(lineNo, w);
        }
        else if (k == "run")
        {
            if (w.size() != 2)
            {
                Refuse("usage: run TIME");
            }
            m_s.duration = ParseTime(w[1], "run time");
            if (m_s.duration <= 0)
            {
                Refuse("run time must be positive");
            }
        }
        else if (k == "at")
        {
            if (w.size() < 4 || w[2].back() != ':')
            {
                Refuse("usage: at TIME NODE: COMMAND");
            }
            double t = ParseTime(w[1], "time");
            std::string node = w[2].substr(0, w[2].size() - 1);
            if (!m_s.IsNode(node))
            {
                Refuse("unknown node " + node + " (declare it with `node " + node + "`)");
            }
            m_s.commands.push_back(
                {lineNo, t, node, std::vector<std::string>(w.begin() + 3, w.end())});
        }
        else if (k.back() == ':')
        {
            std::string node = k.substr(0, k.size() - 1);
            if (!m_s.IsNode(node))
            {
                Refuse("unknown node " + node + " (declare it with `node " + node + "`)");
            }
            if (w.size() == 1)
            {
                block = node;
            }
            else
            {
                m_s.commands.push_back(
                    {lineNo, -1, node, std::vector<std::string>(w.begin() + 1, w.end())});
            }
        }
        else
        {
            Refuse("unknown statement '" + k +
                   "' (set, node, link, NODE: COMMAND, at, ping, capture, inject, run)");
        }
    }

    void ParseLink(uint32_t lineNo, const std::vector<std::string>& w)
    {
        if (w.size() < 3)
        {
            Refuse("usage: link NODE:IF NODE:IF [rate R] [delay T] [mtu N] [loss P] "
                   "[reorder P [T]]");
        }
        LinkSpec l;
        l.line = lineNo;
        NodeInterface(w[1], l.nodeA, l.ifA);
        NodeInterface(w[2], l.nodeB, l.ifB);
        if (l.nodeA == l.nodeB)
        {
            Refuse("a link joins two different nodes");
        }
        for (const auto& other : m_s.links)
        {
            for (auto& end : {std::make_pair(l.nodeA, l.ifA), std::make_pair(l.nodeB, l.ifB)})
            {
                if ((other.nodeA == end.first && other.ifA == end.second) ||
                    (other.nodeB == end.first && other.ifB == end.second))
                {
                    Refuse(end.first + ":" + end.second + " is already on the link of line " +
                           std::to_string(other.line));
                }
            }
        }
        for (std::size_t i = 3; i < w.size(); ++i)
        {
            const std::string& o = w[i];
            auto value = [&]() -> const std::string& {
                if (i + 1 >= w.size())
                {
                    Refuse("link option " + o + " needs a value");
                }
                return w[++i];
            };
            if (o == "rate")
            {
                l.rate = value();
                if (!IsDataRate(l.rate))
                {
                    Refuse("rate '" + l.rate + "' is not a data rate (e.g. 100Mbps)");
                }
            }
            else if (o == "delay")
            {
                l.delay = ParseTime(value(), "delay");
            }
            else if (o == "mtu")
            {
                l.mtu = ParseUnsigned(value(), "mtu", 65535);
                if (l.mtu < 68)
                {
                    Refuse("mtu " + std::to_string(l.mtu) + " is below IPv4's minimum 68");
                }
            }
            else if (o == "loss")
            {
                l.loss = ParseProbability(value(), "loss");
            }
            else if (o == "reorder")
            {
                l.reorder = ParseProbability(value(), "reorder");
                if (i + 1 < w.size() && std::isdigit(static_cast<unsigned char>(w[i + 1][0])))
                {
                    l.reorderDelay = ParseTime(w[++i], "reorder delay");
                }
            }
            else
            {
                Refuse("unknown link option '" + o + "' (rate, delay, mtu, loss, reorder)");
            }
        }
        if (l.loss + l.reorder > 1)
        {
            Refuse("loss and reorder add up to more than 100%");
        }
        m_s.links.push_back(l);
    }

    void ParsePing(uint32_t lineNo, const std::vector<std::string>& w)
    {
        std::size_t first = 1;
        PingSpec p;
        if (w.size() > 1 && (w[1] == "-6" || w[1] == "-4"))
        {
            p.v6 = w[1] == "-6";
            first = 2;
        }
        if (w.size() < first + 2)
        {
            Refuse("usage: ping [-4|-6] NODE TARGET [count N] [interval T] [start T] [size N] "
                   "[from ADDRESS]");
        }
        p.line = lineNo;
        p.text = Join(w);
        p.from = w[first];
        p.target = w[first + 1];
        if (!m_s.IsNode(p.from))
        {
            Refuse("unknown node " + p.from + " (declare it with `node " + p.from + "`)");
        }
        if (!m_s.IsNode(p.target))
        {
            p.address = ParseAddress(p.target, "ping target");
            p.v6 = Ipv6Address::IsMatchingType(p.address);
        }
        for (std::size_t i = first + 2; i < w.size(); ++i)
        {
            const std::string& o = w[i];
            if (i + 1 >= w.size())
            {
                Refuse("ping option " + o + " needs a value");
            }
            const std::string& v = w[++i];
            if (o == "count")
            {
                p.count = ParseUnsigned(v, "count", 65535);
                if (p.count == 0)
                {
                    Refuse("count must be at least 1");
                }
            }
            else if (o == "interval")
            {
                p.interval = ParseTime(v, "interval");
                if (p.interval <= 0)
                {
                    Refuse("interval must be positive");
                }
            }
            else if (o == "start")
            {
                p.start = ParseTime(v, "start");
            }
            else if (o == "size")
            {
                p.size = ParseUnsigned(v, "size", 65000);
                if (p.size < 8)
                {
                    Refuse("size must be at least 8 (the ping's timestamp)");
                }
            }
            else if (o == "from")
            {
                p.source = v;
                p.sourceAddress = ParseAddress(v, "from");
            }
            else
            {
                Refuse("unknown ping option '" + o + "' (count, interval, start, size, from)");
            }
        }
        m_s.pings.push_back(p);
    }

    void ParseInject(uint32_t lineNo, const std::vector<std::string>& w)
    {
        if (w.size() < 3)
        {
            Refuse("usage: inject NODE:IF VICTIM:IF [attack A] [count N] [start T] [interval T] "
                   "[session N] [cookie-length N] [cookie LEN:VALUE] [spoof ADDRESS] "
                   "[tap NODE:IF]");
        }
        InjectSpec s;
        s.line = lineNo;
        s.text = Join(w);
        NodeInterface(w[1], s.node, s.interface);
        NodeInterface(w[2], s.victim, s.victimInterface);
        for (std::size_t i = 3; i < w.size(); ++i)
        {
            const std::string& o = w[i];
            if (i + 1 >= w.size())
            {
                Refuse("inject option " + o + " needs a value");
            }
            const std::string& v = w[++i];
            if (o == "attack")
            {
                if (v != "random-session" && v != "random-cookie" && v != "replay" && v != "forged")
                {
                    Refuse("attack '" + v +
                           "' is not random-session, random-cookie, replay or forged");
                }
                s.attack = v;
            }
            else if (o == "count")
            {
                s.count = ParseUnsigned(v, "count", 10000000);
            }
            else if (o == "start")
            {
                s.start = ParseTime(v, "start");
            }
            else if (o == "interval")
            {
                s.interval = ParseTime(v, "interval");
                if (s.interval <= 0)
                {
                    Refuse("interval must be positive");
                }
            }
            else if (o == "session")
            {
                s.session = ParseUnsigned(v, "session", 0xffffffffu);
            }
            else if (o == "cookie-length")
            {
                s.cookieLength = ParseUnsigned(v, "cookie-length", 8);
                if (s.cookieLength != 0 && s.cookieLength != 4 && s.cookieLength != 8)
                {
                    Refuse("cookie length must be 0, 4 or 8");
                }
            }
            else if (o == "cookie")
            {
                s.cookie = v;
            }
            else if (o == "spoof")
            {
                s.spoof = v;
                s.forged = ParseAddress(v, "spoof");
            }
            else if (o == "tap")
            {
                NodeInterface(v, s.tapNode, s.tapInterface);
            }
            else
            {
                Refuse("unknown inject option '" + o +
                       "' (attack, count, start, interval, session, cookie-length, cookie, "
                       "spoof, tap)");
            }
        }
        if (s.attack == "replay" && s.tapNode.empty())
        {
            Refuse("attack replay needs `tap NODE:IF` (where the attacker listens)");
        }
        m_s.injects.push_back(s);
    }

  private:
    Script& m_s; //!< what is read
};

} // namespace

void
Parse(const std::string& text, Script& script)
{
    Parser(script).Parse(text);
}

} // namespace lab
} // namespace ns3
