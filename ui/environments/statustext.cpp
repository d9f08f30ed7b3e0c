#include "ui/environments/statustext.h"

#include "ui/themecolours.h"

#include <QLabel>

namespace fmc {

void showStatusText(QLabel *label, const QString &text, bool error)
{
    label->setText(text);
    QPalette palette = label->palette();
    const QPalette window = label->window()->palette();
    palette.setColor(QPalette::WindowText, error ? ThemeColours::failed(window) : window.color(QPalette::WindowText));
    label->setPalette(palette);
}

} // namespace fmc
