#pragma once

// The WCAG 2 contrast ratio, for the suites that check colours are readable (header-only, QtGui).

#include <QColor>

#include <algorithm>
#include <cmath>

namespace fmc::test {

//! The contrast ratio of two colours, 1 (none) to 21 (black on white); text wants 4.5 (WCAG AA).
inline double contrast(const QColor &a, const QColor &b)
{
    const auto luminance = [](const QColor &c) {
        const auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    };
    const double x = luminance(a), y = luminance(b);
    return (std::max(x, y) + 0.05) / (std::min(x, y) + 0.05);
}

} // namespace fmc::test
