/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Runs a teaching lab: a lab file that describes a topology and configures each
// node with the l2tp(4) manual's own commands (ifconfig, brconfig) or iproute2's
// (ip l2tp, ip link, ip addr, ip route), then pings and captures. doc/lab.rst
// describes the file and the exercises built on labs/.
//
//   ./ns3 run l2tp-lab --file=labs/netbsd-manual.lab
//   ./ns3 run l2tp-lab --file=labs/netbsd-manual-cookie.lab --pcap
//   ./ns3 run l2tp-lab --file=labs/netbsd-manual.lab --set=WAN_MTU=1400
//   ./ns3 run l2tp-lab --file=labs/linux-selftest.lab --set=ENCAP=udp --keys
//
// A file with a command that cannot be carried out is refused before anything is
// built, each bad line as FILE:LINE: COMMAND: REASON, and the program exits 1.

#include "ns3/command-line.h"
#include "ns3/l2tp-module.h"
#include "ns3/l2tp-scenario-module.h"

#include <iostream>
#include <sstream>
#include <stdexcept>

using namespace ns3;

int
main(int argc, char* argv[])
{
    std::string file;
    std::string sets;
    bool pcap = false;
    std::string pcapPrefix;
    bool keys = false;

    CommandLine cmd(__FILE__);
    cmd.AddValue("file", "The lab file, e.g. labs/netbsd-manual.lab", file);
    cmd.AddValue("set",
                 "Variables for ${NAME} in the file, NAME=VALUE[,NAME=VALUE...]; they win over "
                 "the file's `set` lines",
                 sets);
    cmd.AddValue("pcap", "Write a pcap file for every `capture` line", pcap);
    cmd.AddValue("pcapPrefix", "pcap file prefix (default: the lab file's name)", pcapPrefix);
    cmd.AddValue("keys", "Print the figures as key=value lines (what doc/lab.rst uses)", keys);
    cmd.Parse(argc, argv);

    if (file.empty())
    {
        std::cerr << "l2tp-lab: give a lab file: --file=labs/netbsd-manual.lab" << std::endl;
        return 2;
    }
    try
    {
        L2tpv3Lab lab;
        std::istringstream list(sets);
        std::string item;
        while (std::getline(list, item, ','))
        {
            std::size_t eq = item.find('=');
            if (eq == std::string::npos)
            {
                throw std::invalid_argument("--set: '" + item + "' is not NAME=VALUE");
            }
            lab.Set(item.substr(0, eq), item.substr(eq + 1));
        }
        lab.SetPcap(pcap);
        if (!pcapPrefix.empty())
        {
            lab.SetPcapPrefix(pcapPrefix);
        }
        lab.LoadFile(file);
        L2tpv3Lab::Results results = lab.Run();
        if (keys)
        {
            for (const auto& k : results.GetKeys())
            {
                std::cout << k.first << "=" << k.second << "\n";
            }
        }
        else
        {
            L2tpv3Lab::Print(std::cout, results);
        }
    }
    catch (const std::invalid_argument& e)
    {
        std::cerr << e.what() << std::endl;
        return 1;
    }
    return 0;
}
