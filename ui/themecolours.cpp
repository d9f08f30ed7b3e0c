#include "themecolours.h"

#include <array>

namespace fmc::ThemeColours {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor colour(Meaning meaning, const QPalette &palette)
{
    // Per meaning: the shade for a light window, then for a dark one. Text colours reach at least
    // 4.5:1 (WCAG AA) against white to #efefef, and against the #2a2a2a to #353535 of dark
    // desktop themes; backgrounds stand out from the base colour and carry AlertText at 4.5:1.
    static constexpr std::array<std::pair<QRgb, QRgb>, 7> shades{{
        {0xa4262c, 0xff8a8a}, // Failed
        {0x9a4f00, 0xffb35c}, // Warning
        {0x276b2b, 0x7fd88a}, // Fine
        {0xfde2e1, 0x6e2228}, // AlertBackground
        {0x801010, 0xffd6d6}, // AlertText
        {0xe6ffec, 0x1f4a2a}, // AddedBackground
        {0xffebe9, 0x5a1e22}, // RemovedBackground
    }};
    const auto &pair = shades.at(size_t(meaning));
    return QColor::fromRgb(isDark(palette) ? pair.second : pair.first);
}

QColor muted(const QPalette &palette)
{
    // Two thirds of the way from the window's colour to its text: readable (about 5:1) in both,
    // where the disabled text colour is not (Fusion's light one is #bebebe on #efefef).
    const QColor text = palette.color(QPalette::WindowText), window = palette.color(QPalette::Window);
    const auto mix = [](int a, int b) { return (2 * a + b) / 3; };
    return QColor(mix(text.red(), window.red()), mix(text.green(), window.green()), mix(text.blue(), window.blue()));
}

} // namespace fmc::ThemeColours
