#pragma once

#include <QList>
#include <QWidget>

class QAction;
class QLabel;
class QPushButton;

namespace fmc {

//! \brief What an empty pane shows instead of an empty table: why it is empty, and buttons for
//! the way forward ("Sign in…", "New mirrored database…"), each bound to a window action so it
//! is enabled and named as the action is. The message is plain text: it may name a workspace.
class EmptyState : public QWidget
{
    Q_OBJECT
public:
    explicit EmptyState(QWidget *parent = nullptr);

    //! Shows \a message, a smaller \a hint under it, and one button per action in \a actions.
    void setState(const QString &message, const QList<QAction *> &actions = {}, const QString &hint = {});
    QString message() const;
    QString hint() const;
    //! The buttons shown, in order (for tests).
    QList<QPushButton *> buttons() const { return m_buttons; }

private:
    QLabel *m_message;
    QLabel *m_hint;
    QWidget *m_buttonRow;
    QList<QPushButton *> m_buttons;
    QList<QAction *> m_actions;
};

} // namespace fmc
