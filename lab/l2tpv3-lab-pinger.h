/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_LAB_PINGER_H
#define L2TPV3_LAB_PINGER_H

// Internal to the lab (not installed): the lab's ICMP echo application. scenario/ is getting
// the module's one ping application; this file is the one place the lab's pings come from
// (Executor::InstallObservations creates them, Executor::Collect reads their RTTs).

#include "l2tpv3-lab.h"

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/socket.h"

#include <cstdint>
#include <map>
#include <vector>

namespace ns3
{
namespace lab
{

/**
 * \ingroup l2tp
 * \brief ICMP echo over a raw socket, IPv4 or IPv6, `count` requests `interval` apart.
 */
class Pinger : public Application
{
  public:
    /** \return the TypeId */
    static TypeId GetTypeId();

    L2tpv3Lab::PingResult* m_result{nullptr}; //!< where replies are counted
    Address m_remote;                         //!< the target
    Address m_source;                         //!< bound source (empty: any)
    uint32_t m_count{1};                      //!< requests
    Time m_interval{Seconds(1)};              //!< between requests
    uint16_t m_id{0};                         //!< ICMP identifier
    std::vector<Time> m_rtts;                 //!< RTTs of the replies

  private:
    bool IsV6() const;
    void StartApplication() override;
    void StopApplication() override;
    void SendEcho();
    void HandleRead(Ptr<Socket> socket);

    Ptr<Socket> m_socket;            //!< raw ICMP socket
    uint16_t m_seq{0};               //!< next sequence number
    std::map<uint16_t, Time> m_sent; //!< outstanding requests
    EventId m_next;                  //!< next request
};

} // namespace lab
} // namespace ns3

#endif /* L2TPV3_LAB_PINGER_H */
