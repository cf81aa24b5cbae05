/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TP_BENCH_MEASURE_H
#define L2TP_BENCH_MEASURE_H

// What the benchmark programs measure: wall time, resident and heap memory.

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

namespace l2tpbench
{

/// Wall clock.
using Clock = std::chrono::steady_clock;

/**
 * \param start a time point
 * \return seconds since \p start
 */
inline double
SecondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/** \return the current resident set size in bytes (/proc/self/statm) */
inline uint64_t
CurrentRss()
{
    uint64_t pages = 0;
    uint64_t resident = 0;
    if (FILE* f = std::fopen("/proc/self/statm", "r"))
    {
        if (std::fscanf(f, "%lu %lu", &pages, &resident) != 2)
        {
            resident = 0;
        }
        std::fclose(f);
    }
    return resident * uint64_t(sysconf(_SC_PAGESIZE));
}

/** \return bytes the heap has handed out and not yet taken back */
inline uint64_t
HeapInUse()
{
    struct mallinfo2 info = mallinfo2();
    return info.uordblks + info.hblkhd;
}

/** \return the processor time of this process so far (user and system), in seconds */
inline double
CpuSeconds()
{
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           1e-6 * double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

/** \return the peak resident set size in KiB */
inline uint64_t
PeakRssKib()
{
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return uint64_t(usage.ru_maxrss);
}

} // namespace l2tpbench

#endif /* L2TP_BENCH_MEASURE_H */
