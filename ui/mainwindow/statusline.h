#pragma once

#include "ui/elidedlabel.h"

#include <QDateTime>
#include <QList>
#include <QPointer>

class QDialog;
class QTimer;

namespace fmc {

//! \brief The main window's status message: one line, drawn cut with "…" to the room it has
//! (ElidedLabel: text() and the tooltip have it whole), that never overlaps the permanent labels beside it. Each message may belong to
//! a scope ("workspace:<id>", a database's key); clearScopes() drops it once what it is about is
//! no longer shown. Errors are kept (the last kHistory); clicking the line opens them in a
//! dialog, so a cut message can always be read in full.
class StatusLine : public ElidedLabel
{
    Q_OBJECT
public:
    enum class Kind { Info, Error };
    //! Errors kept for the "Recent messages" dialog.
    static constexpr int kHistory = 50;

    explicit StatusLine(QWidget *parent = nullptr);

    //! Shows \a text (plain text; line breaks become "; "). \a timeoutMs 0 keeps it until replaced.
    void showMessage(const QString &text, Kind kind = Kind::Info, const QString &scope = {}, int timeoutMs = 0);
    //! Removes the message shown when its scope is not in \a keep (an unscoped message stays).
    void clearScopes(const QStringList &keep);
    void clearMessage();
    //! The whole text of the message shown (empty when none).
    QString message() const { return m_text; }
    QString scope() const { return m_scope; }

    struct Entry {
        QDateTime when;
        QString text;
    };
    //! The errors shown so far, oldest first.
    const QList<Entry> &errors() const { return m_errors; }
    //! Opens the "Recent messages" dialog (also on a click); returns it.
    QDialog *showHistory();

Q_SIGNALS:
    void messageChanged(const QString &text);

protected:
    void mousePressEvent(QMouseEvent *event) override;
    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

private:
    QString m_text;
    QString m_scope;
    QList<Entry> m_errors;
    QTimer *m_timeout;
    QPointer<QDialog> m_history;
};

} // namespace fmc
