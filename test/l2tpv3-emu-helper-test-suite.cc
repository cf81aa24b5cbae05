/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The emulation helper's refusals (helper/l2tpv3-emu-helper.h): what it refuses before it
// touches the system, each with a message naming the parameter and the value, so that it
// runs without root. Opening real interfaces is what the live tests (test/emu) check.

#include "ns3/fd-net-device.h"
#include "ns3/l2tpv3-emu-helper.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/system-path.h"
#include "ns3/test.h"

#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>

using namespace ns3;

namespace
{

/**
 * \param call what to run
 * \return the message of the std::invalid_argument it threw, or "(no error)" /
 *         "(other error: ...)"
 */
template <typename Call>
std::string
Refusal(Call call)
{
    try
    {
        call();
    }
    catch (const std::invalid_argument& e)
    {
        return e.what();
    }
    catch (const std::exception& e)
    {
        return std::string("(other error: ") + e.what() + ")";
    }
    return "(no error)";
}

/**
 * \ingroup l2tp
 * \brief Interface names: 1 to 15 characters (IFNAMSIZ), refused when set.
 */
class L2tpv3EmuHelperNameTestCase : public TestCase
{
  public:
    L2tpv3EmuHelperNameTestCase()
        : TestCase("interface names that cannot be one are refused when set")
    {
    }

  private:
    void DoRun() override
    {
        L2tpv3EmuHelper emu;
        NS_TEST_ASSERT_MSG_EQ(emu.GetAttachment(),
                              L2tpv3EmuHelper::PACKET_SOCKET,
                              "a packet socket by default");
        NS_TEST_ASSERT_MSG_EQ(Refusal([&] {
                                  emu.SetDeviceName("");
                              }),
                              "L2tpv3EmuHelper: device '': an interface name has 1 to 15 "
                              "characters",
                              "an empty name");
        NS_TEST_ASSERT_MSG_EQ(Refusal([&] {
                                  emu.SetDeviceName("abcdefghijklmnop");
                              }),
                              "L2tpv3EmuHelper: device 'abcdefghijklmnop': an interface name "
                              "has 1 to 15 characters",
                              "16 characters do not fit IFNAMSIZ");
        NS_TEST_ASSERT_MSG_EQ(emu.GetDeviceName(), "", "a refused name is not kept");
        NS_TEST_ASSERT_MSG_EQ(Refusal([&] {
                                  emu.SetDeviceName("abcdefghijklmno");
                              }),
                              "(no error)",
                              "15 characters fit");
        NS_TEST_ASSERT_MSG_EQ(emu.GetDeviceName(), "abcdefghijklmno", "the name is kept");
    }
};

/**
 * \ingroup l2tp
 * \brief MAC addresses: six hex pairs, unicast.
 */
class L2tpv3EmuHelperMacTestCase : public TestCase
{
  public:
    L2tpv3EmuHelperMacTestCase()
        : TestCase("MAC addresses that are not unicast MAC-48 addresses are refused")
    {
    }

  private:
    void DoRun() override
    {
        L2tpv3EmuHelper emu;
        for (const char* bad : {"02:00:00:00:00:0g",
                                "02:00:00:00:00",
                                "02-00-00-00-00-01",
                                "02:00:00:00:00:001",
                                "020:00:00:00:00:1"})
        {
            NS_TEST_ASSERT_MSG_EQ(Refusal([&] {
                                      emu.SetMacAddress(bad);
                                  }),
                                  std::string("L2tpv3EmuHelper: mac '") + bad +
                                      "': not a MAC-48 address (e.g. 02:00:00:00:00:01)",
                                  "malformed: " << bad);
        }
        NS_TEST_ASSERT_MSG_EQ(Refusal([&] {
                                  emu.SetMacAddress("01:00:5e:00:00:01");
                              }),
                              "L2tpv3EmuHelper: mac '01:00:5e:00:00:01': a group (multicast) "
                              "address, not a unicast one",
                              "a source address is never a group address");
        NS_TEST_ASSERT_MSG_EQ(Refusal([&] {
                                  emu.SetMacAddress("02:00:0A:bc:00:01");
                              }),
                              "(no error)",
                              "a locally administered unicast address, either case");
        NS_TEST_ASSERT_MSG_EQ(Refusal([&] {
                                  emu.SetMacAddress("");
                              }),
                              "(no error)",
                              "empty: back to allocated addresses");
    }
};

/**
 * \ingroup l2tp
 * \brief Install refuses a missing or unknown interface before it changes the node.
 */
class L2tpv3EmuHelperInstallTestCase : public TestCase
{
  public:
    L2tpv3EmuHelperInstallTestCase()
        : TestCase("Install refuses an interface that does not exist, leaving the node as it was")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Node> node = CreateObject<Node>();
        for (auto attachment : {L2tpv3EmuHelper::PACKET_SOCKET, L2tpv3EmuHelper::TAP})
        {
            L2tpv3EmuHelper emu(attachment);
            NS_TEST_ASSERT_MSG_EQ(emu.GetAttachment(), attachment, "the attachment is kept");
            NS_TEST_ASSERT_MSG_EQ(Refusal([&] {
                                      emu.Install(node);
                                  }),
                                  "L2tpv3EmuHelper: device '': no interface name set "
                                  "(SetDeviceName)",
                                  "no name, attachment " << attachment);
            // A name no set-up makes; root or not, the same refusal (not "run as root").
            emu.SetDeviceName("l2tp-nosuch0");
            NS_TEST_ASSERT_MSG_EQ(Refusal([&] {
                                      emu.Install(node);
                                  }),
                                  "L2tpv3EmuHelper: device 'l2tp-nosuch0': no such interface "
                                  "in this network namespace",
                                  "unknown interface, attachment " << attachment);
            NS_TEST_ASSERT_MSG_EQ(node->GetNDevices(), 0, "no device added to the node");
        }
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp
 * \brief Tracing goes to ns-3's FdNetDevice tracing: the files are written.
 */
class L2tpv3EmuHelperTracingTestCase : public TestCase
{
  public:
    L2tpv3EmuHelperTracingTestCase()
        : TestCase("EnablePcap and EnableAscii write the files of ns-3 FdNetDevice tracing")
    {
    }

  private:
    void DoRun() override
    {
        // A device with no descriptor, as Install would have made it before opening one.
        Ptr<Node> node = CreateObject<Node>();
        Ptr<FdNetDevice> device = CreateObject<FdNetDevice>();
        node->AddDevice(device);
        L2tpv3EmuHelper emu;
        std::string dir = CreateTempDirFilename("");
        SystemPath::MakeDirectories(dir);
        std::string pcap = dir + "l2tp-emu-helper-test.pcap";
        std::string ascii = dir + "l2tp-emu-helper-test.tr";
        std::remove(pcap.c_str());
        std::remove(ascii.c_str());
        emu.EnablePcap(pcap, device, true, true);
        emu.EnableAscii(ascii, device, true);
        // The trace sinks hold the files until the device goes.
        node->Dispose();
        device = nullptr;
        node = nullptr;
        Simulator::Destroy();
        std::ifstream pcapFile(pcap, std::ios::binary);
        char magic[4] = {};
        pcapFile.read(magic, sizeof(magic));
        NS_TEST_ASSERT_MSG_EQ(pcapFile.gcount(), 4, "a pcap file was written: " << pcap);
        // libpcap's magic number, written in the host's byte order (little-endian here).
        NS_TEST_ASSERT_MSG_EQ(
            (static_cast<uint8_t>(magic[0]) == 0xd4 && static_cast<uint8_t>(magic[3]) == 0xa1) ||
                (static_cast<uint8_t>(magic[0]) == 0xa1 && static_cast<uint8_t>(magic[3]) == 0xd4),
            true,
            "the pcap file starts with libpcap's magic number");
        NS_TEST_ASSERT_MSG_EQ(std::ifstream(ascii).good(), true, "an ascii trace was opened");
        std::remove(pcap.c_str());
        std::remove(ascii.c_str());
    }
};

/**
 * \ingroup l2tp
 * \brief The emulation helper suite.
 */
class L2tpv3EmuHelperTestSuite : public TestSuite
{
  public:
    L2tpv3EmuHelperTestSuite()
        : TestSuite("l2tp-emu-helper")
    {
        AddTestCase(new L2tpv3EmuHelperNameTestCase());
        AddTestCase(new L2tpv3EmuHelperMacTestCase());
        AddTestCase(new L2tpv3EmuHelperInstallTestCase());
        AddTestCase(new L2tpv3EmuHelperTracingTestCase());
    }
};

/// The suite's instance.
L2tpv3EmuHelperTestSuite g_l2tpv3EmuHelperTestSuite;

} // namespace
