/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// MTU policy: l2tp(4)'s (keep the MTU, let the outer IP layer fragment) and
// Linux's (derive the MTU from the underlay so that nothing fragments). The
// derived figure is checked against the IP layer itself: a frame of exactly
// that size crosses in one piece, one byte more fragments.

#include "ns3/l2tpv3-bridge-scenario.h"
#include "ns3/l2tpv3-counters.h"
#include "ns3/l2tpv3-net-device.h"
#include "ns3/test.h"

using namespace ns3;

/**
 * \ingroup l2tp-tests
 * \brief The derived MTU for the reference configurations.
 */
class L2tpv3DerivedMtuTableTestCase : public TestCase
{
  public:
    L2tpv3DerivedMtuTableTestCase()
        : TestCase("derived MTU: 1462 for IPv4, IP, no cookie, no sublayer over 1500")
    {
    }

  private:
    void DoRun() override
    {
        using E = L2tpv3Encapsulation;
        using S = L2tpv3Sublayer;
        auto mtu = &L2tpv3NetDevice::ComputeDerivedMtu;
        // 1500 - 20 (IPv4) - 4 (Session ID) - 14 (Ethernet)
        NS_TEST_EXPECT_MSG_EQ(mtu(1500, false, E::IP, 0, S::NONE), 1462, "reference");
        NS_TEST_EXPECT_MSG_EQ(mtu(1500, true, E::IP, 0, S::NONE), 1442, "IPv6: 20 more");
        NS_TEST_EXPECT_MSG_EQ(mtu(1500, false, E::UDP, 0, S::NONE),
                              1450,
                              "UDP: 8 of UDP and 4 of T/Ver word");
        NS_TEST_EXPECT_MSG_EQ(mtu(1500, false, E::IP, 8, S::NONE), 1454, "8-byte cookie");
        NS_TEST_EXPECT_MSG_EQ(mtu(1500, false, E::IP, 4, S::DEFAULT), 1454, "cookie + sublayer");
        NS_TEST_EXPECT_MSG_EQ(mtu(1500, true, E::UDP, 8, S::DEFAULT), 1418, "everything");
        NS_TEST_EXPECT_MSG_EQ(mtu(38, false, E::IP, 0, S::NONE), 0, "headers do not fit");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief With l2tp(4)'s policy, outer fragments appear exactly when the
 * encapsulated packet exceeds the WAN MTU.
 */
class L2tpv3FragmentThresholdTestCase : public TestCase
{
  public:
    L2tpv3FragmentThresholdTestCase()
        : TestCase("fragments appear exactly when the encapsulated size exceeds the WAN MTU")
    {
    }

  private:
    void DoRun() override
    {
        for (bool ipv6 : {false, true})
        {
            for (std::string encap : {"ip", "udp"})
            {
                for (uint32_t cookie : {0, 4, 8})
                {
                    for (std::string sublayer : {"none", "default"})
                    {
                        Check(ipv6, encap, cookie, sublayer);
                    }
                }
            }
        }
    }

    /**
     * \brief Ping with the largest unfragmented frame, then one byte more.
     * \param ipv6 IPv6 underlay
     * \param encap ip or udp
     * \param cookie cookie length
     * \param sublayer none or default
     */
    void Check(bool ipv6, std::string encap, uint32_t cookie, std::string sublayer)
    {
        uint32_t wanMtu = 1400;
        uint32_t largest = L2tpv3NetDevice::ComputeDerivedMtu(
            wanMtu,
            ipv6,
            encap == "udp" ? L2tpv3Encapsulation::UDP : L2tpv3Encapsulation::IP,
            cookie,
            sublayer == "default" ? L2tpv3Sublayer::DEFAULT : L2tpv3Sublayer::NONE);
        for (uint32_t extra : {0, 1})
        {
            L2tpv3BridgeScenario::Parameters p;
            p.ipv6Underlay = ipv6;
            p.encapsulation = encap;
            p.cookieLength = cookie;
            p.sublayer = sublayer;
            p.wanMtu = wanMtu;
            p.bulk = false;
            p.duration = 4;
            p.pingSize = largest + extra - 28; // ICMP 8 + IPv4 20: an IP packet of largest+extra
            L2tpv3BridgeScenario::Results r = L2tpv3BridgeScenario::RunOnce(p);
            std::ostringstream what;
            what << (ipv6 ? "IPv6" : "IPv4") << "/" << encap << "/cookie " << cookie << "/"
                 << sublayer << ", " << largest + extra << "-byte IP packets";
            NS_TEST_EXPECT_MSG_EQ(r.repliesXtoY, r.pingsXtoY, what.str() << ": answered");
            NS_TEST_EXPECT_MSG_GT(r.pingsXtoY, 1, what.str());
            if (extra == 0)
            {
                NS_TEST_EXPECT_MSG_EQ(r.wanFragments, 0, what.str() << ": no fragment");
            }
            else
            {
                // Echo requests and replies, both directions: every one fragments.
                uint32_t frames = r.pingsXtoY + r.repliesXtoY + r.pingsYtoX + r.repliesYtoX;
                NS_TEST_EXPECT_MSG_EQ(r.wanFragments, 2 * frames, what.str() << ": two each");
            }
        }
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Linux's policy: the device takes the derived MTU and nothing fragments.
 */
class L2tpv3DerivedPolicyTestCase : public TestCase
{
  public:
    L2tpv3DerivedPolicyTestCase()
        : TestCase("MtuPolicy derived: device MTU from the underlay, larger frames dropped")
    {
    }

  private:
    void DoRun() override
    {
        for (std::string encap : {"ip", "udp"})
        {
            L2tpv3BridgeScenario::Parameters p;
            p.encapsulation = encap;
            p.cookieLength = 8;
            p.mtuPolicy = "derived";
            p.bulk = false;
            p.duration = 4;
            uint32_t derived = L2tpv3NetDevice::ComputeDerivedMtu(
                p.wanMtu,
                false,
                encap == "udp" ? L2tpv3Encapsulation::UDP : L2tpv3Encapsulation::IP,
                8,
                L2tpv3Sublayer::NONE);
            for (uint32_t extra : {0, 1})
            {
                p.pingSize = derived + extra - 28;
                L2tpv3BridgeScenario s(p);
                s.Build();
                L2tpv3BridgeScenario::Results r = s.Run();
                NS_TEST_EXPECT_MSG_EQ(s.GetPseudowire(0)->GetMtu(), derived, encap << ": MTU");
                NS_TEST_EXPECT_MSG_EQ(r.wanFragments, 0, encap << ": never a fragment");
                if (extra == 0)
                {
                    NS_TEST_EXPECT_MSG_EQ(r.repliesXtoY, r.pingsXtoY, encap << ": fits");
                }
                else
                {
                    NS_TEST_EXPECT_MSG_EQ(r.repliesXtoY, 0, encap << ": one byte too many");
                    NS_TEST_EXPECT_MSG_EQ(r.pseudowireA.GetDrops(L2tpv3DropReason::FRAME_OVER_MTU),
                                          r.pingsXtoY,
                                          encap << ": dropped as frame_over_mtu");
                }
            }
        }
    }
};

/**
 * \ingroup l2tp-tests
 * \brief MTU test suite.
 */
class L2tpv3MtuTestSuite : public TestSuite
{
  public:
    L2tpv3MtuTestSuite()
        : TestSuite("l2tp-mtu")
    {
        AddTestCase(new L2tpv3DerivedMtuTableTestCase);
        AddTestCase(new L2tpv3FragmentThresholdTestCase);
        AddTestCase(new L2tpv3DerivedPolicyTestCase);
    }
};

/// Static instance.
static L2tpv3MtuTestSuite g_l2tpv3MtuTestSuite;
