#include "detailvalue.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QKeyEvent>

namespace fmc {

namespace {
constexpr QChar kBreak(0x200B); // ZERO WIDTH SPACE: a line break opportunity that shows nothing
}

DetailValue::DetailValue(bool breakAnywhere, QWidget *parent)
    : QLabel(parent)
    , m_breakAnywhere(breakAnywhere)
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

QString DetailValue::breakableAnywhere(const QString &text)
{
    QString out;
    out.reserve(text.size() * 2);
    for (qsizetype i = 0; i < text.size(); ++i) {
        out += text.at(i);
        // Not inside a surrogate pair, and not after a space (which already is one).
        if (!text.at(i).isHighSurrogate() && !text.at(i).isSpace() && i + 1 < text.size())
            out += kBreak;
    }
    return out;
}

void DetailValue::setValue(const QString &text)
{
    if (text == m_value)
        return; // a live refresh must not drop what the user selected
    m_value = text;
    setText(m_breakAnywhere ? breakableAnywhere(text) : text);
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
