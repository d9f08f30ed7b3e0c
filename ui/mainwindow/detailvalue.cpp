#include "detailvalue.h"

#include <QAction>
#include <QClipboard>
#include <QFontMetrics>
#include <QGuiApplication>
#include <QKeyEvent>

namespace fmc {

namespace {
constexpr QChar kBreak(0x200B); // ZERO WIDTH SPACE: a line break opportunity that shows nothing
}

DetailValue::DetailValue(QWidget *parent)
    : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setWordWrap(true);
    setAlignment(Qt::AlignLeft | Qt::AlignTop);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setFocusPolicy(Qt::StrongFocus);
    // QLabel's own menu would copy the break opportunities with the text.
    auto *copyAction = new QAction(tr("&Copy"), this);
    connect(copyAction, &QAction::triggered, this, &DetailValue::copy);
    addAction(copyAction);
    setContextMenuPolicy(Qt::ActionsContextMenu);
}

QString DetailValue::breakable(const QString &text, const QFontMetrics &metrics, int width)
{
    QString out;
    out.reserve(text.size() * 2);
    qsizetype i = 0;
    while (i < text.size()) {
        if (text.at(i).isSpace()) {
            out += text.at(i++); // a space already is a break opportunity
            continue;
        }
        qsizetype end = i;
        while (end < text.size() && !text.at(end).isSpace())
            ++end;
        const QString word = text.mid(i, end - i);
        if (metrics.horizontalAdvance(word) <= width) {
            out += word;
        } else {
            for (qsizetype k = 0; k < word.size(); ++k) {
                out += word.at(k);
                if (!word.at(k).isHighSurrogate() && k + 1 < word.size()) // not inside a surrogate pair
                    out += kBreak;
            }
        }
        i = end;
    }
    return out;
}

void DetailValue::setValue(const QString &text)
{
    if (text == m_value)
        return; // a live refresh must not drop what the user selected
    m_value = text;
    showBreakable();
}

void DetailValue::showBreakable()
{
    const QString shown = breakable(m_value, fontMetrics(), contentsRect().width() - 2 * margin());
    if (shown != text())
        setText(shown);
}

void DetailValue::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    showBreakable(); // which words need to break depends on the width
}

QString DetailValue::selectedValue() const
{
    return selectedText().remove(kBreak);
}

void DetailValue::copy() const
{
    const QString selected = selectedValue();
    QGuiApplication::clipboard()->setText(selected.isEmpty() ? m_value : selected);
}

bool DetailValue::event(QEvent *event)
{
    // Ctrl+C is ours, not QLabel's (which would copy the break opportunities).
    if (event->type() == QEvent::ShortcutOverride && static_cast<QKeyEvent *>(event)->matches(QKeySequence::Copy)) {
        event->accept();
        return true;
    }
    return QLabel::event(event);
}

void DetailValue::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        copy();
        event->accept();
        return;
    }
    QLabel::keyPressEvent(event);
}

} // namespace fmc
