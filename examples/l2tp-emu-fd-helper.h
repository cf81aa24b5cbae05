/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TP_EMU_FD_HELPER_H
#define L2TP_EMU_FD_HELPER_H

#include "ns3/emu-fd-net-device-helper.h"
#include "ns3/tap-fd-net-device-helper.h"

#include <string>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief An EmuFdNetDeviceHelper that opens its packet socket in this process.
 *
 * ns-3's EmuFdNetDeviceHelper starts a separate program, raw-sock-creator, to
 * get the socket; Debian's libns3-fd-net-device looks for it at the path of
 * the package's build tree (/build/ns3-.../src/fd-net-device/), which does not
 * exist on an installed system (the program is in /usr/libexec/ns3/). This
 * helper does what that program does, in-process: a PF_PACKET socket for
 * every EtherType, which needs CAP_NET_RAW (root, or `ip netns exec` as root).
 * It also puts the interface in promiscuous mode, which the base class
 * requires and otherwise leaves to the user. Binding to the interface, MTU and
 * flags are the base class's.
 */
class L2tpEmuFdNetDeviceHelper : public EmuFdNetDeviceHelper
{
  protected:
    /**
     * \return a PF_PACKET socket, the interface put in promiscuous mode
     * \throws std::runtime_error naming the device when the socket cannot be opened
     */
    int CreateFileDescriptor() const override;
};

/**
 * \ingroup l2tp
 * \brief A TapFdNetDeviceHelper that attaches to an existing tap interface.
 *
 * ns-3's TapFdNetDeviceHelper starts tap-device-creator (looked for, in
 * Debian's build, at the same non-existent build path) to create and configure
 * a new tap. This helper opens /dev/net/tun and attaches to the tap named by
 * SetDeviceName (created beforehand, e.g. by utils/emu-peer with
 * `ip tuntap add dev NAME mode tap`), without packet information (DIX frames).
 * The tap's addresses and bridge membership stay what the set-up made them.
 */
class L2tpTapFdNetDeviceHelper : public TapFdNetDeviceHelper
{
  protected:
    /**
     * \return the tap's file descriptor
     * \throws std::runtime_error naming the device when it cannot be attached
     */
    int CreateFileDescriptor() const override;
};

} // namespace ns3

#endif /* L2TP_EMU_FD_HELPER_H */
