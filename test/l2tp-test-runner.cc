/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Test runner for the standalone build: ns-3's TestRunner, as ns-3's own
// test-runner program provides it in a source tree.

#include "ns3/test.h"

int
main(int argc, char* argv[])
{
    return ns3::TestRunner::Run(argc, argv);
}
