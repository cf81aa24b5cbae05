/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Determinism: two runs of the flagship scenario with the same seed write
// byte-identical pcap files, whatever ran before them in the process; other
// RngRun values change the run and every check still holds.

#include "ns3/l2tpv3-bridge-scenario.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/test.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <unistd.h>
#include <vector>

using namespace ns3;

namespace
{

/**
 * \param path a file
 * \return its bytes (empty if it cannot be read)
 */
std::vector<char>
ReadFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::vector<char>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// The pcap files the scenario writes, by node and device.
const std::vector<std::string> PCAP_FILES = {"NetBSD_A-wm0",
                                             "NetBSD_B-wm0",
                                             "NetBSD_A-wm1",
                                             "NetBSD_A-l2tp0",
                                             "NetBSD_B-l2tp0",
                                             "Host_Y-wm0"};

} // namespace

/**
 * \ingroup l2tp-tests
 * \brief Same seed, same bytes; another run number, another run that still passes.
 */
class L2tpv3DeterminismTestCase : public TestCase
{
  public:
    L2tpv3DeterminismTestCase()
        : TestCase("same seed: byte-identical pcap files; other RngRun values: checks hold")
    {
    }

  private:
    void DoRun() override
    {
        char pattern[] = "/tmp/l2tp-determinism-XXXXXX";
        char* dir = mkdtemp(pattern);
        NS_TEST_ASSERT_MSG_NE(dir, nullptr, "temporary directory");
        std::string base = std::string(dir) + "/";

        L2tpv3BridgeScenario::Parameters p;
        p.cookieLength = 4;
        p.sublayer = "default";
        p.sequencing = true;
        p.duration = 4;
        p.wanDataRate = "10Mbps"; // a short bulk flow still exercises TCP and CSMA backoff
        p.lanDataRate = "10Mbps";
        p.pcap = true;
        uint64_t run = RngSeedManager::GetRun();

        // Run 1, then something else, then run 1 again.
        p.pcapPrefix = base + "first";
        L2tpv3BridgeScenario::Results first = L2tpv3BridgeScenario::RunOnce(p);
        L2tpv3BridgeScenario::Parameters other = p;
        other.pcap = false;
        other.ipv6Underlay = true;
        L2tpv3BridgeScenario::RunOnce(other);
        p.pcapPrefix = base + "second";
        L2tpv3BridgeScenario::Results second = L2tpv3BridgeScenario::RunOnce(p);

        for (const auto& name : PCAP_FILES)
        {
            std::vector<char> a = ReadFile(base + "first-" + name + ".pcap");
            std::vector<char> b = ReadFile(base + "second-" + name + ".pcap");
            NS_TEST_EXPECT_MSG_GT(a.size(), 24, name << ": packets written");
            NS_TEST_EXPECT_MSG_EQ((a == b), true, name << ": byte-identical");
        }
        NS_TEST_EXPECT_MSG_EQ(first.bulkBytes, second.bulkBytes, "same goodput");

        // Other runs: different, and still correct.
        p.pcap = false;
        bool anyDifferent = false;
        for (uint64_t other : {run + 1, run + 2, run + 3})
        {
            RngSeedManager::SetRun(other);
            L2tpv3BridgeScenario::Results r = L2tpv3BridgeScenario::RunOnce(p);
            anyDifferent |= r.bulkBytes != first.bulkBytes;
            NS_TEST_EXPECT_MSG_EQ(r.repliesXtoY, r.pingsXtoY, "RngRun " << other << ": pings");
            NS_TEST_EXPECT_MSG_EQ(r.repliesYtoX, r.pingsYtoX, "RngRun " << other << ": pings");
            NS_TEST_EXPECT_MSG_EQ(r.pseudowireB.GetTotalDrops(), 0, "RngRun " << other);
            NS_TEST_EXPECT_MSG_GT(r.bulkBytes, 0, "RngRun " << other << ": flow");
        }
        RngSeedManager::SetRun(run);
        NS_TEST_EXPECT_MSG_EQ(anyDifferent, true, "the run number changes the run");

        for (const auto& prefix : {"first-", "second-"})
        {
            for (const auto& name : {"NetBSD_A-wm0",
                                     "NetBSD_B-wm0",
                                     "NetBSD_A-wm1",
                                     "NetBSD_B-wm1",
                                     "NetBSD_A-l2tp0",
                                     "NetBSD_B-l2tp0",
                                     "Host_X-wm0",
                                     "Host_Y-wm0"})
            {
                std::remove((base + prefix + name + ".pcap").c_str());
            }
        }
        rmdir(dir);
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Determinism test suite.
 */
class L2tpv3DeterminismTestSuite : public TestSuite
{
  public:
    L2tpv3DeterminismTestSuite()
        : TestSuite("l2tp-determinism")
    {
        AddTestCase(new L2tpv3DeterminismTestCase);
    }
};

/// Static instance.
static L2tpv3DeterminismTestSuite g_l2tpv3DeterminismTestSuite;
