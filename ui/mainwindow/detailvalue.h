#pragma once

#include <QLabel>

class QFontMetrics;

namespace fmc {

//! \brief One value of the details pane: plain text, selectable, wrapped to its width.
//! QLabel wraps only between words, and ids, paths and connection strings are one long word: a
//! word wider than the label gets a break opportunity after each of its characters (so it wraps
//! anywhere), while words that fit are left whole. Copying (Ctrl+C, the context menu, value())
//! gives the text without the break opportunities.
class DetailValue : public QLabel
{
    Q_OBJECT
public:
    explicit DetailValue(QWidget *parent = nullptr);

    //! Shows \a text (already made fit to show: displayText()).
    void setValue(const QString &text);
    //! The text shown, without the break opportunities.
    QString value() const { return m_value; }
    //! The selected text without the break opportunities (empty: nothing selected).
    QString selectedValue() const;
    //! \brief \a text with a zero-width space after each character of every word wider than
    //! \a width pixels in \a metrics: a line may break there.
    static QString breakable(const QString &text, const QFontMetrics &metrics, int width);

protected:
    bool event(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void copy() const;
    void showBreakable();

    QString m_value;
};

} // namespace fmc
