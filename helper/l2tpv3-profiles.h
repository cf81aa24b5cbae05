/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_PROFILES_H
#define L2TPV3_PROFILES_H

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief Whose control-plane defaults an L2tpv3Lcce takes (L2tpv3LcceHelper::SetProfile).
 */
enum class L2tpv3LcceProfile
{
    RFC,       //!< RFC 3931's recommended values ("rfc")
    CISCO_IOS, //!< Cisco IOS l2tp-class / pseudowire-class defaults ("cisco-ios")
    FREERTR,   //!< freeRtr's L2TPv3 (commit 37cafe5) as read and captured ("freertr")
};

/**
 * \ingroup l2tp
 * \brief Whose data-plane defaults an L2tpv3NetDevice takes (L2tpv3Helper::SetPreset).
 */
enum class L2tpv3DevicePreset
{
    LINUX_IPROUTE2, //!< Linux's l2tp_eth configured by iproute2's ip l2tp ("linux-iproute2")
    QEMU,           //!< QEMU's -netdev l2tpv3 ("qemu")
};

/**
 * \ingroup l2tp
 * \brief One attribute value of a profile or preset, with where it comes from.
 */
struct L2tpv3ProfileValue
{
    std::string attribute; //!< attribute of ns3::L2tpv3Lcce or ns3::L2tpv3NetDevice
    std::string value;     //!< its value, as a StringValue the attribute's checker accepts
    std::string source;    //!< document, capture frame or code line; "RFC default" if unknown
};

/**
 * \ingroup l2tp
 * \brief The attributes of ns3::L2tpv3Lcce a profile sets, in order, each with its source.
 *
 * Every profile sets the same attributes, so that switching profiles leaves nothing of
 * the previous one.
 * \param profile the profile
 * \return its table
 */
std::vector<L2tpv3ProfileValue> L2tpv3GetLcceProfile(L2tpv3LcceProfile profile);

/**
 * \ingroup l2tp
 * \brief The attributes of ns3::L2tpv3NetDevice a preset sets, in order, each with its source.
 * \param preset the preset
 * \return its table
 */
std::vector<L2tpv3ProfileValue> L2tpv3GetDevicePreset(L2tpv3DevicePreset preset);

/**
 * \ingroup l2tp
 * \brief The name of a profile: "rfc", "cisco-ios" or "freertr".
 * \param profile the profile
 * \return its name
 */
std::string L2tpv3LcceProfileName(L2tpv3LcceProfile profile);

/**
 * \ingroup l2tp
 * \brief The profile of a name.
 * \param name "rfc", "cisco-ios" or "freertr"
 * \return the profile
 * \throws std::invalid_argument "profile 'NAME': must be rfc, cisco-ios or freertr"
 */
L2tpv3LcceProfile L2tpv3ParseLcceProfile(const std::string& name);

/**
 * \ingroup l2tp
 * \brief The name of a preset: "linux-iproute2" or "qemu".
 * \param preset the preset
 * \return its name
 */
std::string L2tpv3DevicePresetName(L2tpv3DevicePreset preset);

/**
 * \ingroup l2tp
 * \brief The preset of a name.
 * \param name "linux-iproute2" or "qemu"
 * \return the preset
 * \throws std::invalid_argument "preset 'NAME': must be linux-iproute2 or qemu"
 */
L2tpv3DevicePreset L2tpv3ParseDevicePreset(const std::string& name);

} // namespace ns3

#endif /* L2TPV3_PROFILES_H */
