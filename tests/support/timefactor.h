#pragma once

// Wall-clock bounds in tests, scaled for slow builds. scripts/ci-sanitize.sh sets FMC_TIME_FACTOR
// (4 by default: AddressSanitizer runs the same code several times slower, on a machine shared with
// other jobs), so a bound that holds for a normal build holds there too without being raised for
// everyone. Unset, 0 or not a number: 1.

#include <QtGlobal>

#include <algorithm>

namespace fmc::test {

inline int timeFactor()
{
    return std::max(1, qEnvironmentVariableIntValue("FMC_TIME_FACTOR"));
}

//! \a ms times timeFactor(): the bound to wait for something a normal build does within \a ms.
inline int scaledMs(int ms)
{
    return ms * timeFactor();
}

} // namespace fmc::test
