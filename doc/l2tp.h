/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TP_H
#define L2TP_H

/**
 * \defgroup l2tp L2TPv3 pseudowires
 *
 * This section documents the API of the l2tp module: L2TPv3 Ethernet pseudowires
 * (RFC 3931, RFC 4719) over IP or UDP, the data plane (L2tpv3NetDevice, L2tpv3L4Protocol,
 * the headers and cookies), the control plane (L2tpv3Lcce, its control connections and
 * sessions) and the helpers that install them. For a functional description, the design
 * and the validation, please refer to the module's chapter (doc/l2tp.rst).
 *
 * Doxygen reads this file; the build neither compiles nor installs it (ns-3's modules keep
 * theirs in doc/ too, e.g. src/applications/doc/applications.h).
 */

#endif /* L2TP_H */
