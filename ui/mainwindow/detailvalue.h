#pragma once

#include <QLabel>

namespace fmc {

//! \brief One value of the details pane: plain text, selectable, wrapped to the pane's width.
//! Ids, paths and connection strings have no spaces to wrap at, so those (breakAnywhere) get a
//! break opportunity after every character; copying (Ctrl+C, the context menu, value()) gives
//! the text without them.
class DetailValue : public QLabel
{
    Q_OBJECT
public:
    explicit DetailValue(bool breakAnywhere, QWidget *parent = nullptr);

    //! Shows \a text (already made fit to show: displayText()).
    void setValue(const QString &text);
    //! The text shown, without the break opportunities.
    QString value() const { return m_value; }
    //! The selected text without the break opportunities (empty: nothing selected).
    QString selectedValue() const;
    //! \a text with a zero-width space after each character: a line may break anywhere.
    static QString breakableAnywhere(const QString &text);

protected:
    bool event(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void copy() const;

    bool m_breakAnywhere;
    QString m_value;
};

} // namespace fmc
