/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tpv3-emu-helper.h"

#include "ns3/emu-fd-net-device-helper.h"
#include "ns3/log.h"
#include "ns3/tap-fd-net-device-helper.h"

#include <arpa/inet.h>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/if_ether.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <netpacket/packet.h>
#include <stdexcept>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpv3EmuHelper");

namespace
{

/**
 * \param device the interface
 * \param what what failed
 * \return an error naming the interface, what failed and errno's text
 */
std::runtime_error
SystemError(const std::string& device, const std::string& what)
{
    return std::runtime_error("L2tpv3EmuHelper: device '" + device + "': " + what + " (" +
                              std::strerror(errno) + ")");
}

/**
 * \param name an interface name
 * \throws std::invalid_argument when the name does not fit IFNAMSIZ
 */
void
CheckName(const std::string& name)
{
    if (name.empty() || name.size() >= IFNAMSIZ)
    {
        throw std::invalid_argument("L2tpv3EmuHelper: device '" + name +
                                    "': an interface name has 1 to " +
                                    std::to_string(IFNAMSIZ - 1) + " characters");
    }
}

/**
 * \param name an interface name (CheckName accepted it)
 * \return an ifreq naming it
 */
struct ifreq
NameRequest(const std::string& name)
{
    CheckName(name);
    struct ifreq ifr;
    std::memset(&ifr, 0, sizeof(ifr));
    std::strncpy(ifr.ifr_name, name.c_str(), IFNAMSIZ - 1);
    return ifr;
}

/**
 * \brief ns-3's EmuFdNetDeviceHelper, its packet socket opened in this process.
 *
 * The base class starts raw-sock-creator for the socket; this does the same in-process: a
 * PF_PACKET socket for every EtherType (CAP_NET_RAW). It also puts the interface in
 * promiscuous mode, which the base class requires and otherwise leaves to the user.
 * Binding to the interface, MTU and flags are the base class's.
 */
class PacketSocketHelper : public EmuFdNetDeviceHelper
{
  protected:
    /**
     * \return a PF_PACKET socket, the interface put in promiscuous mode
     * \throws std::runtime_error naming the device when the socket cannot be opened
     */
    int CreateFileDescriptor() const override
    {
        NS_LOG_FUNCTION(this << m_deviceName);
        struct ifreq ifr = NameRequest(m_deviceName);
        int fd = socket(PF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
        if (fd < 0)
        {
            throw SystemError(m_deviceName,
                              "cannot open a packet socket; run as root (or with CAP_NET_RAW)");
        }
        if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0)
        {
            close(fd);
            throw SystemError(m_deviceName, "no such interface in this network namespace");
        }
        // The device receives frames for its own (ns-3) MAC address, not the interface's.
        if ((ifr.ifr_flags & IFF_PROMISC) == 0)
        {
            ifr.ifr_flags |= IFF_PROMISC;
            if (ioctl(fd, SIOCSIFFLAGS, &ifr) < 0)
            {
                close(fd);
                throw SystemError(m_deviceName, "cannot set promiscuous mode");
            }
        }
#ifdef PACKET_IGNORE_OUTGOING
        // The socket would also read back every frame the device writes (Linux 4.20+ can skip
        // them).
        int one = 1;
        if (setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof(one)) < 0)
        {
            NS_LOG_WARN("device " << m_deviceName << ": PACKET_IGNORE_OUTGOING refused; the "
                                  << "device will also read the frames it sends");
        }
#endif
        return fd;
    }
};

/**
 * \brief ns-3's TapFdNetDeviceHelper, attached to an existing tap in this process.
 *
 * The base class starts tap-device-creator to create and configure a new tap; this opens
 * /dev/net/tun and attaches to the tap named by SetDeviceName, without packet information.
 */
class TapHelper : public TapFdNetDeviceHelper
{
  protected:
    /**
     * \return the tap's file descriptor
     * \throws std::runtime_error naming the device when it cannot be attached
     */
    int CreateFileDescriptor() const override
    {
        NS_LOG_FUNCTION(this << m_deviceName);
        struct ifreq ifr = NameRequest(m_deviceName);
        // TUNSETIFF on an unknown name would create a new tap nobody configured.
        if (if_nametoindex(m_deviceName.c_str()) == 0)
        {
            throw SystemError(m_deviceName, "no such tap in this network namespace");
        }
        int fd = open("/dev/net/tun", O_RDWR);
        if (fd < 0)
        {
            throw SystemError(m_deviceName, "cannot open /dev/net/tun");
        }
        ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
        if (ioctl(fd, TUNSETIFF, &ifr) < 0)
        {
            close(fd);
            throw SystemError(m_deviceName,
                              "cannot attach to the tap (is it a tap? create it first, as root)");
        }
        return fd;
    }
};

} // namespace

L2tpv3EmuHelper::L2tpv3EmuHelper(Attachment attachment)
    : m_attachment(attachment),
      m_hasMac(false),
      m_socket(std::make_unique<PacketSocketHelper>()),
      m_tap(std::make_unique<TapHelper>())
{
    NS_LOG_FUNCTION(this << attachment);
}

L2tpv3EmuHelper::~L2tpv3EmuHelper() = default;

void
L2tpv3EmuHelper::SetAttachment(Attachment attachment)
{
    NS_LOG_FUNCTION(this << attachment);
    m_attachment = attachment;
}

L2tpv3EmuHelper::Attachment
L2tpv3EmuHelper::GetAttachment() const
{
    return m_attachment;
}

void
L2tpv3EmuHelper::SetDeviceName(const std::string& name)
{
    NS_LOG_FUNCTION(this << name);
    CheckName(name);
    m_deviceName = name;
}

std::string
L2tpv3EmuHelper::GetDeviceName() const
{
    return m_deviceName;
}

void
L2tpv3EmuHelper::SetMacAddress(const std::string& mac)
{
    NS_LOG_FUNCTION(this << mac);
    if (mac.empty())
    {
        m_hasMac = false;
        return;
    }
    // "xx:xx:xx:xx:xx:xx": Mac48Address's constructor does not check its text.
    bool wellFormed = mac.size() == 17;
    for (std::size_t i = 0; wellFormed && i < mac.size(); ++i)
    {
        wellFormed =
            (i % 3 == 2) ? mac[i] == ':' : std::isxdigit(static_cast<unsigned char>(mac[i])) != 0;
    }
    if (!wellFormed)
    {
        throw std::invalid_argument("L2tpv3EmuHelper: mac '" + mac +
                                    "': not a MAC-48 address (e.g. 02:00:00:00:00:01)");
    }
    Mac48Address address(mac.c_str());
    // The device sends with this source address: a group address is not one (IEEE 802
    // I/G bit, the least significant bit of the first octet).
    if (address.IsGroup())
    {
        throw std::invalid_argument("L2tpv3EmuHelper: mac '" + mac +
                                    "': a group (multicast) address, not a unicast one");
    }
    m_mac = address;
    m_hasMac = true;
}

void
L2tpv3EmuHelper::SetDeviceAttribute(const std::string& name, const AttributeValue& value)
{
    NS_LOG_FUNCTION(this << name);
    m_socket->SetAttribute(name, value);
    m_tap->SetAttribute(name, value);
}

NetDeviceContainer
L2tpv3EmuHelper::Install(Ptr<Node> node) const
{
    NS_LOG_FUNCTION(this << node << m_deviceName);
    if (m_deviceName.empty())
    {
        throw std::invalid_argument("L2tpv3EmuHelper: device '': no interface name set "
                                    "(SetDeviceName)");
    }
    // Checked before ns-3's helper creates the device and adds it to the node, so that a
    // mistyped name leaves the node as it was, and is reported as what it is even when the
    // program could not open a packet socket anyway (not root).
    if (if_nametoindex(m_deviceName.c_str()) == 0)
    {
        throw std::invalid_argument("L2tpv3EmuHelper: device '" + m_deviceName +
                                    "': no such interface in this network namespace");
    }
    EmuFdNetDeviceHelper& helper = m_attachment == TAP ? *m_tap : *m_socket;
    helper.SetDeviceName(m_deviceName);
    NetDeviceContainer devices = helper.Install(node);
    if (m_hasMac)
    {
        for (uint32_t i = 0; i < devices.GetN(); ++i)
        {
            devices.Get(i)->SetAddress(m_mac);
        }
    }
    return devices;
}

void
L2tpv3EmuHelper::EnablePcapInternal(std::string prefix,
                                    Ptr<NetDevice> nd,
                                    bool promiscuous,
                                    bool explicitFilename)
{
    NS_LOG_FUNCTION(this << prefix << nd << promiscuous << explicitFilename);
    // ns-3's FdNetDeviceHelper writes the file (same name, link type and trace source).
    m_socket->EnablePcap(prefix, nd, promiscuous, explicitFilename);
}

void
L2tpv3EmuHelper::EnableAsciiInternal(Ptr<OutputStreamWrapper> stream,
                                     std::string prefix,
                                     Ptr<NetDevice> nd,
                                     bool explicitFilename)
{
    NS_LOG_FUNCTION(this << stream << prefix << nd << explicitFilename);
    if (stream)
    {
        m_socket->EnableAscii(stream, nd);
    }
    else
    {
        m_socket->EnableAscii(prefix, nd, explicitFilename);
    }
}

} // namespace ns3
