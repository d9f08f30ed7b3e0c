#include "ui/profiles/profilestrip.h"

#include "models/displaytext.h"

#include <algorithm>
#include <cmath>

namespace fmc {
namespace {

double relativeLuminance(const QColor &colour)
{
    // sRGB to linear light, per channel (WCAG 2 definition).
    const auto linear = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    const QColor rgb = colour.toRgb();
    return 0.2126 * linear(rgb.redF()) + 0.7152 * linear(rgb.greenF()) + 0.0722 * linear(rgb.blueF());
}

} // namespace

ProfileStrip::ProfileStrip(const Profile &profile, QWidget *parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("profileStrip"));
    setTextFormat(Qt::PlainText);
    setAutoFillBackground(true);
    setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    QFont bold = font();
    bold.setBold(true);
    setFont(bold);
    // Padding in font units, so that the band grows with the text at 200 %.
    const int pad = fontMetrics().height() / 4;
    setContentsMargins(pad * 2, pad, pad * 2, pad);
    setProfile(profile);
}

void ProfileStrip::setProfile(const Profile &profile)
{
    m_profile = profile;
    const QColor background = profile.colour.isValid() ? profile.colour : Profile::defaultColour();
    QPalette colours = palette();
    colours.setColor(QPalette::Window, background);
    colours.setColor(QPalette::WindowText, textColourOn(background));
    setPalette(colours);
    const QString label = displayText(profile.displayLabel(), 40);
    QString text = profile.production ? tr("%1 · PRODUCTION").arg(label) : label;
    if (!profile.label.isEmpty() && profile.label != profile.name)
        text += QStringLiteral("  —  ") + displayText(profile.name, 60);
    setText(text);
    setAccessibleName(profile.production ? tr("Profile %1, production").arg(displayText(profile.name, 60))
                                         : tr("Profile %1").arg(displayText(profile.name, 60)));
    setToolTip(plainToolTip(tr("Profile: %1\nAPI: %2\nTenant: %3")
                                .arg(profile.name, profile.apiBaseUrl.toDisplayString(), profile.tenant)));
}

double ProfileStrip::contrastRatio(const QColor &a, const QColor &b)
{
    const double x = relativeLuminance(a);
    const double y = relativeLuminance(b);
    return (std::max(x, y) + 0.05) / (std::min(x, y) + 0.05);
}

QColor ProfileStrip::textColourOn(const QColor &background)
{
    const QColor black(Qt::black);
    const QColor white(Qt::white);
    return contrastRatio(black, background) >= contrastRatio(white, background) ? black : white;
}

} // namespace fmc
