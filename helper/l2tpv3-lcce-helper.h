/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_LCCE_HELPER_H
#define L2TPV3_LCCE_HELPER_H

#include "ns3/application-container.h"
#include "ns3/attribute.h"
#include "ns3/l2tpv3-profiles.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"

#include <string>
#include <utility>
#include <vector>

namespace ns3
{

class L2tpv3Lcce;

/**
 * \ingroup l2tp
 * \brief Installs L2tpv3Lcce applications (the control plane) on nodes.
 *
 * \code
 *   L2tpv3LcceHelper lcce;
 *   lcce.SetAttribute("CookieLength", UintegerValue(8));
 *   Ptr<L2tpv3Lcce> a = lcce.Install(routerA);
 *   Ptr<L2tpv3Lcce> b = lcce.Install(routerB);
 *   a->AddPseudowire(a->AddPeer(addressA, addressB), "pw1", bridgeA);
 *   b->OfferPseudowire("pw1", bridgeB);
 * \endcode
 */
class L2tpv3LcceHelper
{
  public:
    L2tpv3LcceHelper();

    /**
     * \brief Set an attribute of the LCCEs installed from now on.
     * \param name the attribute's name
     * \param value its value
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Set an attribute of the pseudowire devices of the LCCEs installed from now on.
     * \param name an attribute of ns3::L2tpv3NetDevice, e.g. "MtuPolicy"
     * \param value its value
     */
    void SetDeviceAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Give the LCCEs installed from now on another implementation's defaults.
     *
     * Sets HelloInterval, RetransmitTimeout, RetransmitCap, MaxRetries, ReceiveWindowSize,
     * MaxSetupWindow, CookieLength, L2SpecificSublayer, DataSequencing and Encapsulation to
     * the values of L2tpv3GetLcceProfile(profile), each of which names its source. Every
     * profile sets all of them, so the last profile wins; SetAttribute calls after it
     * override single values.
     * \param profile RFC, CISCO_IOS or FREERTR
     */
    void SetProfile(L2tpv3LcceProfile profile);

    /**
     * \brief SetProfile by name.
     * \param name "rfc", "cisco-ios" or "freertr"
     * \throws std::invalid_argument "profile 'NAME': must be rfc, cisco-ios or freertr";
     * nothing is changed then
     */
    void SetProfile(const std::string& name);

    /**
     * \brief Install an LCCE on a node (one per node: it takes the node's control messages).
     *
     * The LCCE gets an L2tpv3DeviceFactory of its own, with the device attributes set here
     * and bridge relearning on: when one of the LCCE's pseudowire devices that is a port of
     * a BridgeNetDevice of the node goes down, that bridge stops learning for one of its
     * ExpirationTime, then learns again with every old entry expired: a host learnt behind
     * the dead pseudowire is flooded to meanwhile, not sent to the dead port (Linux's bridge
     * deletes the entries of a port whose carrier drops; ns-3's cannot forget one port's).
     * A bridge whose learning is off is left so.
     * \param node the node (with an Internet stack)
     * \return the LCCE
     * \throws std::invalid_argument if the node has no Internet stack or has an LCCE already
     */
    Ptr<L2tpv3Lcce> Install(Ptr<Node> node) const;

    /**
     * \brief Install an LCCE on each node.
     * \param nodes the nodes
     * \return the LCCEs
     */
    ApplicationContainer Install(const NodeContainer& nodes) const;

  private:
    ObjectFactory m_factory; //!< checks the LCCE attributes when they are given
    /// The LCCE attributes in the order given, set on each LCCE after it is created, so that
    /// a setter's refusal (CookieLength 5) reaches the caller with the LCCE held by a Ptr
    /// (ObjectFactory::Create would lose the half-built object).
    std::vector<std::pair<std::string, Ptr<AttributeValue>>> m_attributes;
    /// Attributes of the pseudowire devices, in the order they were set.
    std::vector<std::pair<std::string, Ptr<AttributeValue>>> m_deviceAttributes;
};

} // namespace ns3

#endif /* L2TPV3_LCCE_HELPER_H */
