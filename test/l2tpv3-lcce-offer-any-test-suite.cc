/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// L2tpv3Lcce::OfferAnyPseudowire: a responder that accepts an ICRQ for any Remote End ID
// without one OfferPseudowire per ID.

#include "ns3/csma-helper.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-interface-container.h"
#include "ns3/l2tpv3-lcce-helper.h"
#include "ns3/l2tpv3-lcce.h"
#include "ns3/l2tpv3-net-device.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <stdexcept>

using namespace ns3;

/// A responder with the catch-all offer: every pseudowire the initiator adds comes up.
class L2tpv3OfferAnyTestCase : public TestCase
{
  public:
    /// \param explicitToo the responder also offers one of the IDs explicitly
    explicit L2tpv3OfferAnyTestCase(bool explicitToo)
        : TestCase(std::string("OfferAnyPseudowire accepts ICRQs for any Remote End ID") +
                   (explicitToo ? ", an explicit offer keeps its device" : "")),
          m_explicitToo(explicitToo)
    {
    }

  private:
    void DoRun() override
    {
        NodeContainer nodes;
        nodes.Create(2);
        CsmaHelper csma;
        NetDeviceContainer devices = csma.Install(nodes);
        InternetStackHelper().Install(nodes);
        Ipv4InterfaceContainer ifs =
            Ipv4AddressHelper("192.168.0.0", "255.255.255.0").Assign(devices);
        L2tpv3LcceHelper helper;
        Ptr<L2tpv3Lcce> b = helper.Install(nodes.Get(1));
        Ptr<L2tpv3NetDevice> explicitDevice;
        if (m_explicitToo)
        {
            b->OfferPseudowire("vc9", nullptr);
            explicitDevice = b->GetDevice("vc9");
        }
        b->OfferAnyPseudowire(nullptr);
        NS_TEST_EXPECT_MSG_EQ(b->GetDevice("vc7"), nullptr, "no device before its ICRQ");
        Ptr<L2tpv3Lcce> a = helper.Install(nodes.Get(0));
        uint32_t peer = a->AddPeer(ifs.GetAddress(0), ifs.GetAddress(1));
        a->AddPseudowire(peer, "vc7", nullptr);
        a->AddPseudowire(peer, "vc9", nullptr);
        Simulator::Stop(Seconds(5));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(a->GetNSessionsUp(), 2, "both sessions up at the initiator");
        NS_TEST_EXPECT_MSG_EQ(b->GetNSessionsUp(), 2, "and at the responder");
        for (const char* id : {"vc7", "vc9"})
        {
            Ptr<L2tpv3NetDevice> d = b->GetDevice(id);
            NS_TEST_EXPECT_MSG_NE(d, nullptr, "a device made for " << id);
            NS_TEST_EXPECT_MSG_EQ((d && d->IsLinkUp()), true, id << " up");
            NS_TEST_EXPECT_MSG_EQ(d->GetRemoteSessionId(),
                                  a->GetDevice(id)->GetLocalSessionId(),
                                  id << ": the responder's device sends to the initiator's");
        }
        if (m_explicitToo)
        {
            NS_TEST_EXPECT_MSG_EQ(b->GetDevice("vc9"), explicitDevice, "the explicit device");
        }
        NS_TEST_EXPECT_MSG_EQ(b->GetDevice("vc8"), nullptr, "nothing for an ID never asked");
        L2tpv3LcceCounters c = b->GetCounters();
        NS_TEST_EXPECT_MSG_EQ(c.cdnSent[5], 0, "no ICRQ refused as not offered");
        Simulator::Destroy();
    }

    bool m_explicitToo; //!< vc9 offered explicitly as well
};

/// Without the catch-all offer, an ICRQ for an ID nobody offers is refused (Result Code 5).
class L2tpv3OfferAnyAbsentTestCase : public TestCase
{
  public:
    L2tpv3OfferAnyAbsentTestCase()
        : TestCase("without OfferAnyPseudowire an unknown Remote End ID is refused; an LCCE "
                   "on no node throws")
    {
    }

  private:
    void DoRun() override
    {
        NodeContainer nodes;
        nodes.Create(2);
        CsmaHelper csma;
        NetDeviceContainer devices = csma.Install(nodes);
        InternetStackHelper().Install(nodes);
        Ipv4InterfaceContainer ifs =
            Ipv4AddressHelper("192.168.0.0", "255.255.255.0").Assign(devices);
        L2tpv3LcceHelper helper;
        Ptr<L2tpv3Lcce> b = helper.Install(nodes.Get(1));
        Ptr<L2tpv3Lcce> a = helper.Install(nodes.Get(0));
        a->AddPseudowire(a->AddPeer(ifs.GetAddress(0), ifs.GetAddress(1)), "vc7", nullptr);
        Simulator::Stop(Seconds(5));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(b->GetNSessionsUp(), 0, "no session");
        NS_TEST_EXPECT_MSG_EQ(b->GetDevice("vc7"), nullptr, "no device");
        NS_TEST_EXPECT_MSG_GT(b->GetCounters().cdnSent[5], 0, "refused: not offered");
        Simulator::Destroy();

        bool threw = false;
        try
        {
            CreateObject<L2tpv3Lcce>()->OfferAnyPseudowire(nullptr);
        }
        catch (const std::invalid_argument& e)
        {
            threw = std::string(e.what()).find("OfferAnyPseudowire") != std::string::npos;
        }
        NS_TEST_EXPECT_MSG_EQ(threw, true, "no node: an error naming OfferAnyPseudowire");
    }
};

/// \ingroup l2tp-tests
/// \brief L2tpv3Lcce::OfferAnyPseudowire, the catch-all offer.
class L2tpv3LcceOfferAnyTestSuite : public TestSuite
{
  public:
    L2tpv3LcceOfferAnyTestSuite()
        : TestSuite("l2tp-lcce-offer-any")
    {
        AddTestCase(new L2tpv3OfferAnyTestCase(false));
        AddTestCase(new L2tpv3OfferAnyTestCase(true));
        AddTestCase(new L2tpv3OfferAnyAbsentTestCase());
    }
};

static L2tpv3LcceOfferAnyTestSuite g_l2tpv3LcceOfferAnyTestSuite; //!< registers the suite
