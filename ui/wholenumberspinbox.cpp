#include "ui/wholenumberspinbox.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QRegularExpression>

namespace fmc {

WholeNumberSpinBox::WholeNumberSpinBox(QWidget *parent)
    : QSpinBox(parent)
{
    // Typing changes the line edit; setValue() changes it with its signals blocked, then says so.
    connect(lineEdit(), &QLineEdit::textChanged, this, [this] { emit typedTextChanged(typedText()); });
    connect(this, &QSpinBox::textChanged, this, [this] { emit typedTextChanged(typedText()); });
}

QString WholeNumberSpinBox::typedText() const
{
    QString text = lineEdit()->text();
    if (!prefix().isEmpty() && text.startsWith(prefix()))
        text.remove(0, prefix().size());
    if (!suffix().isEmpty() && text.endsWith(suffix()))
        text.chop(suffix().size());
    return text.trimmed();
}

bool WholeNumberSpinBox::isAcceptable() const
{
    QString text = lineEdit()->text();
    int at = 0;
    // The special value text ("Automatic") is accepted by the line edit's validator, before validate().
    if (!specialValueText().isEmpty() && text == specialValueText())
        return true;
    return validate(text, at) == QValidator::Acceptable;
}

QValidator::State WholeNumberSpinBox::validate(QString &input, int &pos) const
{
    // Digits only: QSpinBox takes "2,5" as 25 (a group separator of the C locale).
    static const QRegularExpression digits(QStringLiteral("^-?[0-9]+$"));
    QString number = input;
    if (!prefix().isEmpty() && number.startsWith(prefix()))
        number.remove(0, prefix().size());
    if (!suffix().isEmpty() && number.endsWith(suffix()))
        number.chop(suffix().size());
    if (!digits.match(number.trimmed()).hasMatch())
        return QValidator::Intermediate;
    // Never Invalid: a refused key would vanish from what the user sees ("2.5" → "25").
    const QValidator::State state = QSpinBox::validate(input, pos);
    return state == QValidator::Acceptable ? state : QValidator::Intermediate;
}

template <typename Base>
void WholeNumberSpinBox::keepingText(Base base)
{
    const QString typed = lineEdit()->text();
    const bool refused = !isAcceptable();
    base();
    if (refused && lineEdit()->text() != typed)
        lineEdit()->setText(typed);
}

void WholeNumberSpinBox::focusOutEvent(QFocusEvent *event)
{
    keepingText([&] { QSpinBox::focusOutEvent(event); });
}

void WholeNumberSpinBox::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)
        keepingText([&] { QSpinBox::keyPressEvent(event); });
    else
        QSpinBox::keyPressEvent(event);
}

} // namespace fmc
