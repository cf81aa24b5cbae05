/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_REORDER_BUFFER_H
#define L2TPV3_REORDER_BUFFER_H

#include "l2tpv3-counters.h"

#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <map>
#include <utility>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief The receive side of data sequencing (RFC 3931 §4.6, Appendix C) of one session:
 * the next number expected, early frames held until the gap before them fills or times out.
 *
 * Owned by an L2tpv3NetDevice, whose ReorderTimeout and ReorderQueueSize attributes it
 * reads by reference each time it needs them (a change applies to the next frame and the
 * next expiry). In-order frames, and held frames once in order, are delivered;
 * old or duplicate numbers are dropped with SEQUENCE_ERROR, both through its Owner.
 */
class L2tpv3ReorderBuffer
{
  public:
    /**
     * \brief Where the frames go: the device that owns the buffer (an interface, not two
     * callbacks: a device per session, thousands of them, and no allocation for either).
     */
    class Owner
    {
      public:
        virtual ~Owner() = default;
        /**
         * \brief A frame in order: deliver it.
         * \param frame the Ethernet frame
         */
        virtual void DeliverInOrder(Ptr<Packet> frame) = 0;
        /**
         * \brief A frame refused (old or duplicate number), or a held frame discarded by
         * Flush: count and trace it.
         * \param frame the frame
         * \param reason SEQUENCE_ERROR, or the reason given to Flush
         */
        virtual void DropOutOfOrder(Ptr<const Packet> frame, L2tpv3DropReason reason) = 0;
    };

    /**
     * \param owner where frames go
     * \param timeout how long early frames wait (0: processed at once), read when used
     * \param queueSize most frames held, read when used
     * \param oosPackets the counter of frames received out of sequence (rx_oos_packets)
     */
    L2tpv3ReorderBuffer(Owner& owner,
                        const Time& timeout,
                        const uint32_t& queueSize,
                        uint64_t& oosPackets);

    /**
     * \brief Sequence check of RFC 3931 Appendix C, then delivery (possibly later, in order).
     * \param frame the Ethernet frame
     * \param sequence its 24-bit sequence number
     */
    void Receive(Ptr<Packet> frame, uint32_t sequence);

    /** \brief A new session: expect 0, forget held frames, stop the timer (Appendix C). */
    void Reset();

    /**
     * \brief The session went down: drop every held frame through the Owner with \p reason,
     * stop the timer, and expect 0 again, so that nothing held is delivered afterwards.
     * \param reason the drop reason the held frames are counted under
     * \return the number of frames dropped
     */
    std::size_t Flush(L2tpv3DropReason reason);

    /** \brief Forget everything (device disposal). */
    void Dispose();

    /** \return the number of frames held now */
    std::size_t GetNHeld() const;

  private:
    /** \brief Deliver held frames that are now in order. */
    void ReleaseHeldFrames();
    /** \brief The reorder timeout expired: skip the gap before the oldest held frame. */
    void Timeout();

    Owner& m_owner;              //!< the device
    const Time& m_timeout;       //!< the device's ReorderTimeout
    const uint32_t& m_queueSize; //!< the device's ReorderQueueSize
    uint64_t& m_oosPackets;      //!< the device's rx_oos_packets counter
    uint64_t m_expected{0};      //!< next sequence number expected, unwrapped
    std::map<uint64_t, std::pair<Ptr<Packet>, Time>> m_held; //!< early frames by sequence
    EventId m_event;                                         //!< reorder timeout
};

} // namespace ns3

#endif /* L2TPV3_REORDER_BUFFER_H */
