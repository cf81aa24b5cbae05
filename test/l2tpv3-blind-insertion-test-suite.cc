/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Blind insertion (RFC 3931 §8.2): an attacker forges packets from the peer's
// address towards a live session. With a cookie and sequencing none is
// delivered, each is counted under its reason, and the real flow is not
// disturbed at all; without sequencing, replays get through, which is why
// the RFC offers it.

#include "ns3/l2tpv3-bridge-scenario.h"
#include "ns3/l2tpv3-counters.h"
#include "ns3/test.h"

using namespace ns3;

/**
 * \ingroup l2tp-tests
 * \brief Over 100,000 forgeries of three kinds, none delivered, each counted.
 */
class L2tpv3BlindInsertionTestCase : public TestCase
{
  public:
    /**
     * \param cookieLength 4 or 8
     * \param ipv6 IPv6 underlay
     */
    L2tpv3BlindInsertionTestCase(uint32_t cookieLength, bool ipv6)
        : TestCase("blind insertion, " + std::to_string(cookieLength) + "-byte cookie, " +
                   (ipv6 ? "IPv6" : "IPv4") + ": none of 102000 forgeries delivered"),
          m_cookieLength(cookieLength),
          m_ipv6(ipv6)
    {
    }

  private:
    void DoRun() override
    {
        L2tpv3BridgeScenario::Parameters p;
        p.cookieLength = m_cookieLength;
        p.ipv6Underlay = m_ipv6;
        p.sublayer = "default";
        p.sequencing = true;
        p.attacker = true;
        p.frameSize = 1400;
        p.duration = 6;
        p.attackPackets = 0;
        L2tpv3BridgeScenario::Results quiet = L2tpv3BridgeScenario::RunOnce(p);
        p.attackPackets = 34000;
        L2tpv3BridgeScenario::Results r = L2tpv3BridgeScenario::RunOnce(p);

        NS_TEST_ASSERT_MSG_EQ(r.attackSessionSent, p.attackPackets, "random Session IDs sent");
        NS_TEST_ASSERT_MSG_EQ(r.attackCookieSent, p.attackPackets, "random cookies sent");
        NS_TEST_ASSERT_MSG_EQ(r.attackReplaySent, p.attackPackets, "replays sent");
        NS_TEST_EXPECT_MSG_EQ(r.forgeriesOnLan, 0, "no forged frame on Host_Y's LAN");
        NS_TEST_EXPECT_MSG_EQ(r.protocolB.GetDrops(L2tpv3DropReason::UNKNOWN_SESSION),
                              r.attackSessionSent,
                              "every random Session ID dropped as unknown");
        NS_TEST_EXPECT_MSG_EQ(r.pseudowireB.GetRxCookieDiscards(),
                              r.attackCookieSent,
                              "every random cookie dropped as a mismatch");
        NS_TEST_EXPECT_MSG_EQ(r.pseudowireB.GetRxSeqDiscards(),
                              r.attackReplaySent,
                              "every replay dropped as old");
        NS_TEST_EXPECT_MSG_EQ(r.pseudowireB.rxPackets,
                              quiet.pseudowireB.rxPackets,
                              "NetBSD_B delivered exactly what it delivers without the attack");
        NS_TEST_EXPECT_MSG_EQ(r.bulkBytes, quiet.bulkBytes, "the real flow's goodput unchanged");
        NS_TEST_EXPECT_MSG_GT(r.bulkBytes, 0, "and the flow ran");
        // The tunnel's own frames are accounted for apart from the forgeries.
        NS_TEST_EXPECT_MSG_EQ(r.frames.Balances(), true, "every frame of the tunnel accounted");
        NS_TEST_EXPECT_MSG_EQ(r.frames.sent, quiet.frames.sent, "the same frames as without");
        NS_TEST_EXPECT_MSG_EQ(r.frames.GetDropped(), 0, "none of them dropped");
        auto other = [&r](L2tpv3DropReason reason) {
            return r.otherDrops[static_cast<std::size_t>(reason)];
        };
        NS_TEST_EXPECT_MSG_EQ(other(L2tpv3DropReason::UNKNOWN_SESSION),
                              r.attackSessionSent,
                              "forgeries apart");
        NS_TEST_EXPECT_MSG_EQ(other(L2tpv3DropReason::COOKIE_MISMATCH), r.attackCookieSent, "");
        NS_TEST_EXPECT_MSG_EQ(other(L2tpv3DropReason::SEQUENCE_ERROR), r.attackReplaySent, "");
    }

    uint32_t m_cookieLength; //!< cookie length
    bool m_ipv6;             //!< IPv6 underlay
};

/**
 * \ingroup l2tp-tests
 * \brief Without sequencing, replays of real packets are delivered again.
 */
class L2tpv3ReplayWithoutSequencingTestCase : public TestCase
{
  public:
    L2tpv3ReplayWithoutSequencingTestCase()
        : TestCase("without sequencing the cookie does not stop replays: they are delivered")
    {
    }

  private:
    void DoRun() override
    {
        L2tpv3BridgeScenario::Parameters p;
        p.cookieLength = 8;
        p.attacker = true;
        p.bulk = false;
        p.duration = 6;
        p.attackPackets = 0;
        L2tpv3BridgeScenario::Results quiet = L2tpv3BridgeScenario::RunOnce(p);
        p.attackPackets = 1000;
        L2tpv3BridgeScenario::Results r = L2tpv3BridgeScenario::RunOnce(p);
        NS_TEST_EXPECT_MSG_EQ(r.forgeriesOnLan, 0, "forged frames still stopped");
        NS_TEST_EXPECT_MSG_EQ(r.pseudowireB.rxPackets,
                              quiet.pseudowireB.rxPackets + r.attackReplaySent,
                              "every replay delivered once more");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Blind-insertion test suite.
 */
class L2tpv3BlindInsertionTestSuite : public TestSuite
{
  public:
    L2tpv3BlindInsertionTestSuite()
        : TestSuite("l2tp-blind-insertion")
    {
        AddTestCase(new L2tpv3BlindInsertionTestCase(8, false));
        AddTestCase(new L2tpv3BlindInsertionTestCase(4, true));
        AddTestCase(new L2tpv3ReplayWithoutSequencingTestCase);
    }
};

/// Static instance.
static L2tpv3BlindInsertionTestSuite g_l2tpv3BlindInsertionTestSuite;
