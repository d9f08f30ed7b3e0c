#pragma once

#include "app/monitor/statusmonitor.h"

#include <QDialog>

#include <functional>

class QCheckBox;
class QLabel;
class QListWidget;
class QPushButton;

namespace fmc {

class BackgroundWatch;
class TrayController;

//! \brief File ▸ Background watch…: which mirrors are watched when no window is open, whether the
//! console starts watching at login, and whether this desktop can show a tray icon at all.
class BackgroundWatchDialog : public QDialog
{
    Q_OBJECT
public:
    //! \a selection returns the databases selected in the main window now ("Add selected").
    BackgroundWatchDialog(BackgroundWatch *watch, TrayController *tray,
                          std::function<QList<WatchedDatabase>()> selection, QWidget *parent = nullptr);

    QListWidget *list() const { return m_list; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }
    QCheckBox *autostartCheck() const { return m_autostart; }

protected:
    //! The main window's selection may have changed while this dialog was in the background.
    void changeEvent(QEvent *event) override;

private:
    void reload();
    void updateButtons();

    BackgroundWatch *m_watch;
    std::function<QList<WatchedDatabase>()> m_selection;
    QLabel *m_trayNote;
    QListWidget *m_list;
    QPushButton *m_add;
    QPushButton *m_remove;
    QCheckBox *m_autostart;
};

} // namespace fmc
