/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_CHANNEL_H
#define L2TPV3_CHANNEL_H

#include "ns3/channel.h"

#include <vector>

namespace ns3
{

class L2tpv3NetDevice;

/**
 * \ingroup l2tp
 * \brief The pseudowire as a channel: the ends of one L2TPv3 session.
 *
 * Frames do not travel through this object (they travel inside IP packets
 * across the underlay); it exists so that a pseudowire device has a channel,
 * as BridgeNetDevice requires of its ports, and so that a program can walk
 * from one end of a pseudowire to the other. L2tpv3Helper::InstallPair
 * attaches both ends to one channel; Install gives a device its own.
 *
 * It is the one object of the module that points to two devices: in a
 * distributed simulation (MPI) whose pseudowire ends are on different ranks,
 * install each end with Install (a channel of its own), never InstallPair
 * (see examples/l2tp-mpi-example.cc).
 */
class L2tpv3Channel : public Channel
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    L2tpv3Channel();

    /**
     * \brief Attach a pseudowire end.
     * \param device the device
     */
    void Attach(Ptr<L2tpv3NetDevice> device);

    /**
     * \brief Detach a pseudowire end.
     * \param device the device
     */
    void Detach(Ptr<L2tpv3NetDevice> device);

    std::size_t GetNDevices() const override;
    Ptr<NetDevice> GetDevice(std::size_t i) const override;

  protected:
    void DoDispose() override;

  private:
    std::vector<Ptr<L2tpv3NetDevice>> m_devices; //!< the ends
};

} // namespace ns3

#endif /* L2TPV3_CHANNEL_H */
