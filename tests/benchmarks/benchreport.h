#pragma once

// What every fmc-bench-* prints (README, "Benchmarks"): one line per figure, with its target
// and PASS or MISS, and the median of the repeats a figure is taken from.

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace fmc::bench {

inline double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

//! Prints `BENCH <name> <value> <unit> target <op> <target> PASS|MISS`; op is <=, <, >=, > or ==.
inline void report(const char *name, double value, const char *unit, const char *op, double target)
{
    const std::string o(op);
    const bool pass = o == "<=" ? value <= target
                    : o == "<"  ? value < target
                    : o == ">=" ? value >= target
                    : o == ">"  ? value > target
                                : value == target;
    std::printf("BENCH %s %.3g %s target %s %g %s\n", name, value, unit, op, target, pass ? "PASS" : "MISS");
    std::fflush(stdout); // a benchmark killed later still shows the figures it had
}

} // namespace fmc::bench
