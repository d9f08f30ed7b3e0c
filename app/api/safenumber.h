#pragma once

#include "models/json.h"

#include <QString>

#include <cmath>
#include <limits>
#include <optional>

namespace fmc {

//! \brief \a value clamped into [\a lo, \a hi] as a whole number; NaN gives std::nullopt.
//! A double outside the range of the target type is undefined behaviour when converted
//! directly (UBSan: "is outside the range of representable values"), so every number from the
//! service goes through here before it becomes an integer.
inline std::optional<qint64> clampedInteger(double value, qint64 lo, qint64 hi)
{
    if (std::isnan(value))
        return std::nullopt;
    if (value <= double(lo))
        return lo;
    if (value >= double(hi))
        return hi;
    return qint64(value);
}

//! \brief A JSON number, or a decimal string (the v1 endpoints and some proxies send those), as a
//! whole number clamped into [\a lo, \a hi]; std::nullopt for anything else (and for NaN).
inline std::optional<qint64> clampedInteger(const Json &value, qint64 lo, qint64 hi)
{
    if (value.is_number_unsigned()) {
        const auto n = value.get<std::uint64_t>();
        return n > std::uint64_t(hi) ? hi : std::max(lo, qint64(n));
    }
    if (value.is_number_integer())
        return std::clamp(value.get<qint64>(), lo, hi);
    if (value.is_number_float())
        return clampedInteger(value.get<double>(), lo, hi);
    if (value.is_string()) {
        bool ok = false;
        const double number = toQString(value.get<std::string>()).trimmed().toDouble(&ok);
        // An overflowing text ("1e400") is not ok, but reads as ±infinity: clamped like 1e400 itself.
        return ok || std::isinf(number) ? clampedInteger(number, lo, hi) : std::nullopt;
    }
    return std::nullopt;
}

//! Seconds that can safely be multiplied by 1000: a hundred years, far beyond any token lifetime.
inline constexpr qint64 kMaxServiceSeconds = qint64(100) * 366 * 24 * 3600;

} // namespace fmc
