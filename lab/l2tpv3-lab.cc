/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The lab's public face. A lab goes through four stages, one file each (doc/l2tp-design.rst):
//   l2tpv3-lab-parser.cc    text -> Script (statements; node commands as words)
//   l2tpv3-lab-model.cc     Script -> Plan: every node command checked once against the model
//                           of the interfaces, in the order the commands run, by its dialect:
//                           l2tpv3-lab-netbsd.cc, l2tpv3-lab-iproute2.cc, l2tpv3-lab-l2tpd.cc
//   l2tpv3-lab-executor.cc  Plan -> ns-3 objects: each command's actions run once
//   l2tpv3-lab-results.cc   live objects -> Results (GetKeys, Print)

#include "l2tpv3-lab.h"

#include "l2tpv3-lab-executor.h"
#include "l2tpv3-lab-model.h"
#include "l2tpv3-lab-parser.h"
#include "l2tpv3-lab-values.h"

#include "ns3/log.h"
#include "ns3/names.h"
#include "ns3/nstime.h"
#include "ns3/simulator.h"

#include <fstream>
#include <sstream>

NS_LOG_COMPONENT_DEFINE("L2tpv3Lab");

namespace ns3
{

// ---- L2tpv3LabError --------------------------------------------------------

namespace
{

std::string
JoinItems(const std::vector<L2tpv3LabError::Item>& items)
{
    std::ostringstream os;
    for (std::size_t i = 0; i < items.size(); ++i)
    {
        if (i > 0)
        {
            os << "\n";
        }
        os << items[i].file << ":" << items[i].line << ": " << items[i].command << ": "
           << items[i].reason;
    }
    return os.str();
}

} // namespace

L2tpv3LabError::L2tpv3LabError(const std::vector<Item>& items)
    : std::invalid_argument(JoinItems(items)),
      m_items(items)
{
}

const std::vector<L2tpv3LabError::Item>&
L2tpv3LabError::GetItems() const
{
    return m_items;
}

/** \brief A lab's stages: what the parser read, what the checker made of it, its executor. */
class L2tpv3Lab::Impl
{
  public:
    ~Impl()
    {
        if (m_ran)
        {
            Simulator::Destroy();
            Names::Clear();
        }
    }

    lab::Script m_script;                      //!< the parsed lab
    lab::Plan m_plan;                          //!< the checked commands
    std::unique_ptr<lab::Executor> m_executor; //!< the run (once)
    bool m_pcap{true};                         //!< write pcap files
    std::string m_pcapPrefix;                  //!< their prefix
    bool m_loaded{false};                      //!< LoadString succeeded
    bool m_ran{false};                         //!< Run was called
};

L2tpv3Lab::L2tpv3Lab()
    : m_impl(std::make_unique<Impl>())
{
}

L2tpv3Lab::~L2tpv3Lab() = default;

void
L2tpv3Lab::Set(const std::string& name, const std::string& value)
{
    if (!lab::IsName(name) || name.find_first_of(".-") != std::string::npos)
    {
        throw std::invalid_argument("L2tpv3Lab::Set: '" + name +
                                    "' is not a variable name (letters, digits and _)");
    }
    m_impl->m_script.overrides[name] = value;
}

void
L2tpv3Lab::SetPcap(bool pcap)
{
    m_impl->m_pcap = pcap;
}

void
L2tpv3Lab::SetPcapPrefix(const std::string& prefix)
{
    m_impl->m_pcapPrefix = prefix;
}

void
L2tpv3Lab::LoadFile(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
    {
        throw std::invalid_argument("L2tpv3Lab: cannot read lab file '" + path + "'");
    }
    std::ostringstream text;
    text << in.rdbuf();
    LoadString(text.str(), path);
}

void
L2tpv3Lab::LoadString(const std::string& text, const std::string& name)
{
    if (m_impl->m_loaded)
    {
        throw std::invalid_argument("L2tpv3Lab: a lab is already loaded");
    }
    m_impl->m_script.file = name;
    if (m_impl->m_pcapPrefix.empty())
    {
        std::string base = name.substr(name.find_last_of('/') + 1);
        m_impl->m_pcapPrefix = base.substr(0, base.rfind(".lab"));
    }
    lab::Parse(text, m_impl->m_script);
    lab::Checker checker(m_impl->m_script);
    m_impl->m_plan = checker.Check(); // throws L2tpv3LabError: nothing built
    m_impl->m_loaded = true;
}

L2tpv3Lab::Results
L2tpv3Lab::Run()
{
    if (!m_impl->m_loaded)
    {
        throw std::invalid_argument("L2tpv3Lab::Run: no lab loaded");
    }
    if (m_impl->m_ran)
    {
        throw std::invalid_argument("L2tpv3Lab::Run: a lab runs once");
    }
    m_impl->m_ran = true;
    Results results;
    m_impl->m_executor = std::make_unique<lab::Executor>(m_impl->m_script,
                                                         m_impl->m_plan,
                                                         m_impl->m_pcap,
                                                         m_impl->m_pcapPrefix);
    m_impl->m_executor->Build(results);
    const lab::Script& script = m_impl->m_script;
    double duration = script.duration > 0 ? script.duration : script.LastEvent() + 2;
    results.duration = duration;
    Simulator::Stop(Seconds(duration));
    Simulator::Run();
    m_impl->m_executor->Collect(results);
    return results;
}

} // namespace ns3
