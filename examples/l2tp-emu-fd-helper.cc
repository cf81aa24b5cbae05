/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "l2tp-emu-fd-helper.h"

#include "ns3/log.h"

#include <arpa/inet.h>
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

NS_LOG_COMPONENT_DEFINE("L2tpEmuFdHelper");

namespace
{

/**
 * \param device the interface
 * \param what what failed
 * \return an error naming the device, what failed and errno's text
 */
std::runtime_error
DeviceError(const std::string& device, const std::string& what)
{
    return std::runtime_error("device=" + device + ": " + what + " (" + std::strerror(errno) + ")");
}

/**
 * \param name an interface name
 * \return an ifreq naming it
 * \throws std::runtime_error when the name does not fit IFNAMSIZ
 */
struct ifreq
NameRequest(const std::string& name)
{
    if (name.empty() || name.size() >= IFNAMSIZ)
    {
        throw std::runtime_error("device=" + name + ": an interface name has 1 to " +
                                 std::to_string(IFNAMSIZ - 1) + " characters");
    }
    struct ifreq ifr;
    std::memset(&ifr, 0, sizeof(ifr));
    std::strncpy(ifr.ifr_name, name.c_str(), IFNAMSIZ - 1);
    return ifr;
}

} // namespace

int
L2tpEmuFdNetDeviceHelper::CreateFileDescriptor() const
{
    NS_LOG_FUNCTION(this << m_deviceName);
    struct ifreq ifr = NameRequest(m_deviceName);
    int fd = socket(PF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
    if (fd < 0)
    {
        throw DeviceError(m_deviceName,
                          "cannot open a packet socket; run as root (utils/emu-peer does)");
    }
    if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0)
    {
        close(fd);
        throw DeviceError(m_deviceName, "no such interface in this network namespace");
    }
    // The device receives frames for its own (ns-3) MAC address, not the interface's.
    if ((ifr.ifr_flags & IFF_PROMISC) == 0)
    {
        ifr.ifr_flags |= IFF_PROMISC;
        if (ioctl(fd, SIOCSIFFLAGS, &ifr) < 0)
        {
            close(fd);
            throw DeviceError(m_deviceName, "cannot set promiscuous mode");
        }
    }
#ifdef PACKET_IGNORE_OUTGOING
    // The socket would also read back every frame the device writes (Linux 4.20+ can skip them).
    int one = 1;
    if (setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof(one)) < 0)
    {
        NS_LOG_WARN("device " << m_deviceName << ": PACKET_IGNORE_OUTGOING refused; the device "
                              << "will also read the frames it sends");
    }
#endif
    return fd;
}

int
L2tpTapFdNetDeviceHelper::CreateFileDescriptor() const
{
    NS_LOG_FUNCTION(this << m_deviceName);
    struct ifreq ifr = NameRequest(m_deviceName);
    // TUNSETIFF on an unknown name would create a new tap nobody configured.
    if (if_nametoindex(m_deviceName.c_str()) == 0)
    {
        throw DeviceError(m_deviceName, "no such tap in this network namespace");
    }
    int fd = open("/dev/net/tun", O_RDWR);
    if (fd < 0)
    {
        throw DeviceError(m_deviceName, "cannot open /dev/net/tun");
    }
    ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
    if (ioctl(fd, TUNSETIFF, &ifr) < 0)
    {
        close(fd);
        throw DeviceError(m_deviceName, "cannot attach to the tap (create it first, as root)");
    }
    return fd;
}

} // namespace ns3
