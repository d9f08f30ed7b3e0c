#pragma once

#include <QSpinBox>

namespace fmc {

//! \brief A QSpinBox that never turns what was typed into another number.
//!
//! QSpinBox drops the keys it refuses ("2.5" becomes 25, "1" below a minimum of 2 waits for a
//! second digit) and, when focus leaves, puts the last valid value back (a typed 1 becomes 10
//! again). This one keeps every key and keeps the text when focus leaves or Enter is pressed;
//! value() then stays the last valid number. The owner refuses the text with a message, from
//! isAcceptable() and typedText(), and keeps its OK or Apply disabled meanwhile.
class WholeNumberSpinBox : public QSpinBox
{
    Q_OBJECT
public:
    explicit WholeNumberSpinBox(QWidget *parent = nullptr);

    //! What is typed, without the prefix and suffix, trimmed.
    QString typedText() const;
    //! True when the text is a whole number in range (or the special value text): value() is it.
    bool isAcceptable() const;

Q_SIGNALS:
    //! The text changed, typed or set (typedText()); not emitted while signals are blocked.
    void typedTextChanged(const QString &text);

protected:
    QValidator::State validate(QString &input, int &pos) const override;
    void focusOutEvent(QFocusEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    //! Runs \a base, then puts back text it replaced by the last valid value.
    template <typename Base>
    void keepingText(Base base);
};

} // namespace fmc
