/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TP_FUZZ_PRINT_STREAM_H
#define L2TP_FUZZ_PRINT_STREAM_H

// The stream the data and codec fuzz harnesses (utils/fuzz-l2tp.cc,
// utils/fuzz-l2tp-codec.cc) hand to every Print.

#include <ios>
#include <ostream>
#include <sstream>
#include <string>

namespace l2tpfuzz
{

/**
 * \brief The stream every Print writes to: emptied, with a new stream's format.
 *
 * One stream for all inputs: constructing an ostringstream (its locale, its buffer) for
 * each Print was a large part of an input's time. Print runs the same code; the format is
 * reset as a new stream's would be (a Print that set std::hex and did not restore it would
 * otherwise change the next one's).
 * \return the stream
 */
inline std::ostream&
PrintStream()
{
    static std::ostringstream os;
    static const std::ios::fmtflags flags = os.flags();
    static const char fill = os.fill();
    static const std::streamsize precision = os.precision();
    os.str(std::string()); // keeps the buffer's capacity
    os.clear();
    os.flags(flags);
    os.fill(fill);
    os.width(0);
    os.precision(precision);
    return os;
}

} // namespace l2tpfuzz

#endif // L2TP_FUZZ_PRINT_STREAM_H
