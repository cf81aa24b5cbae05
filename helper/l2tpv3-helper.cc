/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-helper.h"

#include "ns3/config.h"
#include "ns3/l2tpv3-channel.h"
#include "ns3/l2tpv3-l4-protocol.h"
#include "ns3/l2tpv3-net-device.h"
#include "ns3/log.h"
#include "ns3/mac48-address.h"
#include "ns3/names.h"

#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpv3Helper");

L2tpv3Helper::L2tpv3Helper()
    : m_localSessionId(0),
      m_remoteSessionId(0)
{
    m_deviceFactory = CreateObject<L2tpv3DeviceFactory>();
}

L2tpv3Helper::~L2tpv3Helper() {}

void
L2tpv3Helper::SetDeviceAttribute(std::string name, const AttributeValue& value)
{
    m_deviceFactory->SetDeviceAttribute(name, value);
}

void
L2tpv3Helper::SetSessionIds(uint32_t local, uint32_t remote)
{
    // RFC 3931 §4.1.1.2: Session ID 0 over IP marks a control message.
    if (local == 0)
    {
        throw std::invalid_argument(
            "LocalSessionId 0 is reserved for control messages (RFC 3931 §4.1.1.2)");
    }
    if (remote == 0)
    {
        throw std::invalid_argument(
            "RemoteSessionId 0 is reserved for control messages (RFC 3931 §4.1.1.2)");
    }
    m_localSessionId = local;
    m_remoteSessionId = remote;
}

void
L2tpv3Helper::SetCookies(const L2tpv3Cookie& local, const L2tpv3Cookie& remote)
{
    m_localCookie = local;
    m_remoteCookie = remote;
}

void
L2tpv3Helper::DeleteCookie()
{
    m_localCookie = L2tpv3Cookie();
    m_remoteCookie = L2tpv3Cookie();
}

void
L2tpv3Helper::DeleteCookie(const NetDeviceContainer& devices)
{
    for (uint32_t i = 0; i < devices.GetN(); ++i)
    {
        Ptr<L2tpv3NetDevice> device = DynamicCast<L2tpv3NetDevice>(devices.Get(i));
        if (!device)
        {
            std::ostringstream what;
            what << "L2tpv3Helper::DeleteCookie: device " << i << " ("
                 << (devices.Get(i) ? devices.Get(i)->GetInstanceTypeId().GetName() : "null")
                 << ") is not an L2tpv3NetDevice";
            throw std::invalid_argument(what.str());
        }
    }
    for (uint32_t i = 0; i < devices.GetN(); ++i)
    {
        DynamicCast<L2tpv3NetDevice>(devices.Get(i))->DeleteCookie();
    }
}

Ptr<L2tpv3NetDevice>
L2tpv3Helper::CreateEnd(const Address& localAddress,
                        const Address& remoteAddress,
                        uint32_t localId,
                        uint32_t remoteId,
                        const L2tpv3Cookie& localCookie,
                        const L2tpv3Cookie& remoteCookie)
{
    if (m_localSessionId == 0)
    {
        throw std::invalid_argument("L2tpv3Helper: call SetSessionIds before Install");
    }
    Ptr<L2tpv3NetDevice> device = m_deviceFactory->CreateDevice();
    // The device attributes (Mtu, MtuPolicy, Encapsulation, ...) stay; the end is set in one step.
    L2tpv3SessionConfig config = device->GetSessionConfig();
    config.tunnelSource = localAddress;
    config.tunnelDestination = remoteAddress;
    config.localSessionId = localId;
    config.remoteSessionId = remoteId;
    config.localCookie = localCookie;
    config.remoteCookie = remoteCookie;
    device->Configure(config);
    return device;
}

void
L2tpv3Helper::Attach(Ptr<Node> node, Ptr<L2tpv3NetDevice> device, Ptr<L2tpv3Channel> channel)
{
    m_deviceFactory->Attach(node, device, nullptr, channel);
}

NetDeviceContainer
L2tpv3Helper::Install(Ptr<Node> node, const Address& localAddress, const Address& remoteAddress)
{
    NS_LOG_FUNCTION(this << node << localAddress << remoteAddress);
    Ptr<L2tpv3NetDevice> device = CreateEnd(localAddress,
                                            remoteAddress,
                                            m_localSessionId,
                                            m_remoteSessionId,
                                            m_localCookie,
                                            m_remoteCookie);
    // Checked before the device joins the node, so that a refused device leaves no trace.
    L2tpv3L4Protocol::GetOrCreate(node)->CheckSessionFree(device->GetSessionKey());
    Attach(node, device, CreateObject<L2tpv3Channel>());
    return NetDeviceContainer(device);
}

NetDeviceContainer
L2tpv3Helper::InstallPair(Ptr<Node> nodeA,
                          const Address& addressA,
                          Ptr<Node> nodeB,
                          const Address& addressB)
{
    NS_LOG_FUNCTION(this << nodeA << addressA << nodeB << addressB);
    Ptr<L2tpv3NetDevice> a = CreateEnd(addressA,
                                       addressB,
                                       m_localSessionId,
                                       m_remoteSessionId,
                                       m_localCookie,
                                       m_remoteCookie);
    Ptr<L2tpv3NetDevice> b = CreateEnd(addressB,
                                       addressA,
                                       m_remoteSessionId,
                                       m_localSessionId,
                                       m_remoteCookie,
                                       m_localCookie);
    // Check both ends before attaching either, so that a bad pair installs nothing.
    L2tpv3L4Protocol::GetOrCreate(nodeA)->CheckSessionFree(a->GetSessionKey());
    L2tpv3L4Protocol::GetOrCreate(nodeB)->CheckSessionFree(b->GetSessionKey());
    if (nodeA == nodeB && a->GetSessionKey() == b->GetSessionKey())
    {
        std::ostringstream oss;
        oss << "LocalSessionId " << m_localSessionId << " would be used twice on node "
            << nodeA->GetId();
        throw std::invalid_argument(oss.str());
    }
    Ptr<L2tpv3Channel> channel = CreateObject<L2tpv3Channel>();
    Attach(nodeA, a, channel);
    Attach(nodeB, b, channel);
    NetDeviceContainer devices(a);
    devices.Add(b);
    return devices;
}

void
L2tpv3Helper::EnablePcapInternal(std::string prefix,
                                 Ptr<NetDevice> nd,
                                 bool promiscuous,
                                 bool explicitFilename)
{
    Ptr<L2tpv3NetDevice> device = nd->GetObject<L2tpv3NetDevice>();
    if (!device)
    {
        NS_LOG_INFO("L2tpv3Helper::EnablePcapInternal(): device " << nd
                                                                  << " is not an L2tpv3NetDevice");
        return;
    }
    PcapHelper pcapHelper;
    std::string filename =
        explicitFilename ? prefix : pcapHelper.GetFilenameFromDevice(prefix, device);
    // The pseudowire carries Ethernet frames without preamble and FCS (RFC 4719).
    // DLT_EN10MB (1); named differently across ns-3 versions, so given by value.
    Ptr<PcapFileWrapper> file =
        pcapHelper.CreateFile(filename, std::ios::out, static_cast<PcapHelper::DataLinkType>(1));
    pcapHelper.HookDefaultSink<L2tpv3NetDevice>(device,
                                                promiscuous ? "PromiscSniffer" : "Sniffer",
                                                file);
}

void
L2tpv3Helper::EnableAsciiInternal(Ptr<OutputStreamWrapper> stream,
                                  std::string prefix,
                                  Ptr<NetDevice> nd,
                                  bool explicitFilename)
{
    Ptr<L2tpv3NetDevice> device = nd->GetObject<L2tpv3NetDevice>();
    if (!device)
    {
        NS_LOG_INFO("L2tpv3Helper::EnableAsciiInternal(): device " << nd
                                                                   << " is not an L2tpv3NetDevice");
        return;
    }
    Packet::EnablePrinting();
    if (!stream)
    {
        AsciiTraceHelper asciiTraceHelper;
        std::string filename =
            explicitFilename ? prefix : asciiTraceHelper.GetFilenameFromDevice(prefix, device);
        Ptr<OutputStreamWrapper> theStream = asciiTraceHelper.CreateFileStream(filename);
        asciiTraceHelper.HookDefaultEnqueueSinkWithoutContext<L2tpv3NetDevice>(device,
                                                                               "MacTx",
                                                                               theStream);
        asciiTraceHelper.HookDefaultDropSinkWithoutContext<L2tpv3NetDevice>(device,
                                                                            "MacTxDrop",
                                                                            theStream);
        asciiTraceHelper.HookDefaultReceiveSinkWithoutContext<L2tpv3NetDevice>(device,
                                                                               "MacRx",
                                                                               theStream);
        return;
    }
    std::ostringstream path;
    path << "/NodeList/" << device->GetNode()->GetId() << "/DeviceList/" << device->GetIfIndex()
         << "/$ns3::L2tpv3NetDevice/";
    Config::Connect(path.str() + "MacTx",
                    MakeBoundCallback(&AsciiTraceHelper::DefaultEnqueueSinkWithContext, stream));
    Config::Connect(path.str() + "MacTxDrop",
                    MakeBoundCallback(&AsciiTraceHelper::DefaultDropSinkWithContext, stream));
    Config::Connect(path.str() + "MacRx",
                    MakeBoundCallback(&AsciiTraceHelper::DefaultReceiveSinkWithContext, stream));
}

} // namespace ns3
