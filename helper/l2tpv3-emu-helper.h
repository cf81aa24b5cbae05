/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_EMU_HELPER_H
#define L2TPV3_EMU_HELPER_H

#include "ns3/attribute.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device-container.h"
#include "ns3/node.h"
#include "ns3/trace-helper.h"

#include <memory>
#include <string>

namespace ns3
{

class EmuFdNetDeviceHelper;

/**
 * \ingroup l2tp
 * \brief Gives a simulated node an FdNetDevice on a real Linux interface, opened in this
 * process (emulation: a simulated router exchanging frames with real hosts and peers).
 *
 * Two attachments:
 *  - PACKET_SOCKET: a PF_PACKET socket bound to an existing interface (e.g. a veth end),
 *    the interface put in promiscuous mode (the device receives frames for its own ns-3
 *    MAC address, not the interface's). Needs CAP_NET_RAW (root).
 *  - TAP: attaches to an existing tap interface (created beforehand, e.g. `ip tuntap add
 *    dev NAME mode tap`), without packet information (DIX frames). The tap's addresses and
 *    bridge membership stay what the set-up made them. Needs access to /dev/net/tun.
 *
 * ns-3's EmuFdNetDeviceHelper and TapFdNetDeviceHelper start separate programs
 * (raw-sock-creator, tap-device-creator) to get the file descriptor; Debian's
 * libns3-fd-net-device looks for them under the package's build tree, which does not exist
 * on an installed system. This helper does their work in-process instead, so it works with
 * Debian's ns-3 and with an ns-3 tree alike. Built only where ns-3 has its fd-net-device
 * module.
 *
 * The program must run in real time (ns3::RealtimeSimulatorImpl) and usually with
 * ChecksumEnabled, as every emulation with FdNetDevice does.
 *
 * \code
 *   L2tpv3EmuHelper emu;                 // PACKET_SOCKET by default
 *   emu.SetDeviceName("wan-a");          // refused at once if the name cannot be one
 *   NetDeviceContainer wan = emu.Install(router);   // throws if wan-a does not exist
 *   emu.EnablePcap("emu", wan, true);  // ns-3's FdNetDevice tracing, as its helpers do
 * \endcode
 *
 * Errors are exceptions (std::invalid_argument for a bad value, std::runtime_error when
 * the system refuses), each naming the parameter and its value, so that a program can
 * report a mistyped interface name instead of aborting.
 */
class L2tpv3EmuHelper : public PcapHelperForDevice, public AsciiTraceHelperForDevice
{
  public:
    /** \brief How the FdNetDevice reaches the real interface. */
    enum Attachment
    {
        PACKET_SOCKET, //!< a PF_PACKET socket on an existing interface (root)
        TAP            //!< an existing tap interface, through /dev/net/tun
    };

    /**
     * \brief A helper with no device name yet.
     * \param attachment how the devices reach their interface
     */
    explicit L2tpv3EmuHelper(Attachment attachment = PACKET_SOCKET);
    ~L2tpv3EmuHelper() override;

    // Not copyable: it owns ns-3's helpers, whose settings it forwards.
    L2tpv3EmuHelper(const L2tpv3EmuHelper&) = delete;
    L2tpv3EmuHelper& operator=(const L2tpv3EmuHelper&) = delete;

    /**
     * \brief Sets how the next devices reach their interface.
     * \param attachment PACKET_SOCKET or TAP
     */
    void SetAttachment(Attachment attachment);

    /** \return how the devices reach their interface */
    Attachment GetAttachment() const;

    /**
     * \brief Names the Linux interface the next device is bound to.
     * \param name an interface name, 1 to 15 characters (IFNAMSIZ - 1)
     * \throws std::invalid_argument naming the value when it cannot be an interface name;
     *         whether the interface exists is checked by Install
     */
    void SetDeviceName(const std::string& name);

    /** \return the interface name set by SetDeviceName (empty if none) */
    std::string GetDeviceName() const;

    /**
     * \brief Gives the next devices this MAC address instead of an allocated one.
     * \param mac a unicast MAC-48 address, six pairs of hex digits separated by ':'
     *        (e.g. "02:00:00:00:00:01"); an empty string returns to allocated addresses
     * \throws std::invalid_argument naming the value when it is not a unicast MAC-48
     *         address (an FdNetDevice sends with it as the source address)
     */
    void SetMacAddress(const std::string& mac);

    /**
     * \brief Sets an attribute of the FdNetDevices this helper creates.
     * \param name the attribute's name (e.g. "RxQueueSize")
     * \param value its value
     */
    void SetDeviceAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Gives the node an FdNetDevice on the interface named by SetDeviceName.
     * \param node the node
     * \return a container with the new device
     * \throws std::invalid_argument when no name was set, or no interface of that name
     *         exists in this network namespace (the node is then left without a new device)
     * \throws std::runtime_error naming the interface when the system refuses to open it
     *         (not root, not a tap, ...)
     */
    NetDeviceContainer Install(Ptr<Node> node) const;

  private:
    void EnablePcapInternal(std::string prefix,
                            Ptr<NetDevice> nd,
                            bool promiscuous,
                            bool explicitFilename) override;

    void EnableAsciiInternal(Ptr<OutputStreamWrapper> stream,
                             std::string prefix,
                             Ptr<NetDevice> nd,
                             bool explicitFilename) override;

    Attachment m_attachment;                        //!< how the devices reach their interface
    std::string m_deviceName;                       //!< the interface, as SetDeviceName set it
    bool m_hasMac;                                  //!< true when SetMacAddress gave an address
    Mac48Address m_mac;                             //!< the address SetMacAddress gave
    std::unique_ptr<EmuFdNetDeviceHelper> m_socket; //!< ns-3's helper, PACKET_SOCKET in-process
    std::unique_ptr<EmuFdNetDeviceHelper> m_tap;    //!< ns-3's tap helper, TAP in-process
};

} // namespace ns3

#endif /* L2TPV3_EMU_HELPER_H */
