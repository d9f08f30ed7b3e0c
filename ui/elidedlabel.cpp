#include "ui/elidedlabel.h"

#include <QPainter>
#include <QStyle>

#include <algorithm>

namespace fmc {

ElidedLabel::ElidedLabel(QWidget *parent)
    : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
}

bool ElidedLabel::isElided() const
{
    return !wordWrap() && fontMetrics().horizontalAdvance(text()) > contentsRect().width();
}

QSize ElidedLabel::minimumSizeHint() const
{
    const QSize hint = QLabel::minimumSizeHint();
    if (wordWrap())
        return hint;
    const QMargins margins = contentsMargins();
    const int ellipsis = fontMetrics().horizontalAdvance(QChar(0x2026)) + margins.left() + margins.right();
    return {std::min(hint.width(), ellipsis), hint.height()};
}

void ElidedLabel::paintEvent(QPaintEvent *event)
{
    // Text that fits is QLabel's to draw: selection by mouse and the rest keep working.
    if (!isElided()) {
        QLabel::paintEvent(event);
        return;
    }
    QPainter painter(this);
    const QRect room = contentsRect();
    const QString shown = fontMetrics().elidedText(text(), Qt::ElideRight, room.width());
    style()->drawItemText(&painter, room, int(alignment()), palette(), isEnabled(), shown, foregroundRole());
}

} // namespace fmc
