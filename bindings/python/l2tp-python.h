/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TP_PYTHON_H
#define L2TP_PYTHON_H

// Shared by the binding files: ns3::Ptr as pybind11 holder type.

#include "ns3/l2tpv3-net-device.h"
#include "ns3/ptr.h"
#include "ns3/type-id.h"

#include <memory>
#include <pybind11/operators.h>
#include <pybind11/pybind11.h>
#include <string>
#include <utility>

// ns3::Ptr is intrusive (the count lives in the object): a Ptr made from a raw
// pointer pybind11 already holds is safe.
PYBIND11_DECLARE_HOLDER_TYPE(T, ns3::Ptr<T>, true);

namespace pybind11
{
namespace detail
{
/** \brief pybind11 reads the raw pointer of a holder with get(); ns3::Ptr spells it PeekPointer. */
template <typename T>
struct holder_helper<ns3::Ptr<T>>
{
    /**
     * \param p the holder
     * \return the raw pointer
     */
    static T* get(const ns3::Ptr<T>& p)
    {
        return ns3::PeekPointer(p);
    }
};
} // namespace detail
} // namespace pybind11

/**
 * \brief A Python callable for ns-3 callbacks, which may outlive the interpreter.
 *
 * Copies share one reference. The last copy lets go of the callable with the GIL
 * held, or not at all once the interpreter is finalizing (a simulation not destroyed
 * before exit keeps its trace sinks until then). Hidden, as pybind11's own types are.
 */
class __attribute__((visibility("hidden"))) PyCallable
{
  public:
    /** \param function the callable (taken with the GIL held) */
    explicit PyCallable(pybind11::function function)
        : m_function(new pybind11::function(std::move(function)), [](pybind11::function* f) {
              if (Py_IsInitialized() && !IsFinalizing())
              {
                  pybind11::gil_scoped_acquire gil;
                  delete f;
              }
          })
    {
    }

    /**
     * \brief Call it with the GIL held; a Python exception propagates as error_already_set.
     * \param args the arguments
     */
    template <typename... Args>
    void operator()(Args&&... args) const
    {
        pybind11::gil_scoped_acquire gil;
        (*m_function)(std::forward<Args>(args)...);
    }

  private:
    /** \return whether the interpreter is shutting down */
    static bool IsFinalizing()
    {
#if PY_VERSION_HEX >= 0x030D0000
        return Py_IsFinalizing();
#else
        return _Py_IsFinalizing();
#endif
    }

    std::shared_ptr<pybind11::function> m_function; //!< the callable
};

/**
 * \brief Bind the classes needed to write the two-site topology in Python.
 * \param m the module
 */
void BindTopology(pybind11::module_& m);

/**
 * \brief Bind the ns-3 helpers the topology needs: links, Internet stack and addresses,
 * bridge, applications, flow monitor (l2tp-ns3-helpers.cc).
 * \param m the module
 */
void BindNs3Helpers(pybind11::module_& m);

/**
 * \brief Bind the control plane: L2tpv3LcceHelper, L2tpv3Lcce, its counters, messages,
 * session parameters and state enums (l2tp-lcce.cc). After BindNs3Helpers (Application).
 * \param m the module
 */
void BindLcce(pybind11::module_& m);

/**
 * \brief Bind the teaching lab: Lab, LabResults, LabError (l2tp-lab.cc).
 * \param m the module
 */
void BindLab(pybind11::module_& m);

/**
 * \brief The ns-3 string form of a Python attribute value.
 * \param value a str, bool, int, float or any object with a str() ns-3 parses
 * \return the text
 */
std::string AttributeText(const pybind11::handle& value);

/**
 * \brief Raise ValueError unless \p text is a time ns-3 reads ("1.5s", "10ms", "2").
 *
 * Time's own parser ends the process on an unknown unit.
 * \param text the text
 * \param what the parameter, for the message
 */
void CheckTimeText(const std::string& text, const std::string& what);

/**
 * \brief Raise ValueError unless objects of \p tid have attribute \p name and accept \p text.
 *
 * Checked before ns-3 sees the value, where a bad one ends the process (ObjectFactory,
 * Time); the message names the call, the attribute and the value.
 * \param tid the objects' TypeId
 * \param name the attribute
 * \param text the value's text
 * \param what the call, e.g. "CsmaHelper.SetChannelAttribute"
 */
void CheckAttributeValue(ns3::TypeId tid,
                         const std::string& name,
                         const std::string& text,
                         const std::string& what);

/**
 * \brief L2tpv3NetDevice::ComputeDerivedMtu with the cookie length checked first
 * (ValueError with the model's message rather than a truncated uint8_t).
 * \param underlayMtu the underlay's MTU
 * \param ipv6 IPv6 underlay
 * \param encapsulation IP or UDP
 * \param cookieLength 0, 4 or 8
 * \param sublayer the L2-Specific Sublayer
 * \return the largest frame payload that crosses whole
 */
uint32_t DerivedMtu(uint32_t underlayMtu,
                    bool ipv6,
                    ns3::L2tpv3Encapsulation encapsulation,
                    uint32_t cookieLength,
                    ns3::L2tpv3Sublayer sublayer);

#endif /* L2TP_PYTHON_H */
