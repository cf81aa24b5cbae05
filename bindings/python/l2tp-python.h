/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TP_PYTHON_H
#define L2TP_PYTHON_H

// Shared by the binding files: ns3::Ptr as pybind11 holder type.

#include "ns3/ptr.h"

#include <pybind11/operators.h>
#include <pybind11/pybind11.h>

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
 * \brief Bind the classes needed to write the two-site topology in Python.
 * \param m the module
 */
void BindTopology(pybind11::module_& m);

#endif /* L2TP_PYTHON_H */
