#pragma once

#include "app/watch/backgroundwatch.h"

#include <QObject>
#include <QPointer>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace fmc {

class AutostartEntry;

//! \brief The console's life in the system tray while it watches mirrors with no window open:
//! the icon, its menu (open the console, the watched mirrors, pause, start at login, quit) and
//! the desktop notifications of the background watch.
//!
//! Where the desktop has no tray (isAvailable() false) nothing is shown and the console says it
//! cannot watch in the background rather than running on invisibly.
class TrayController : public QObject
{
    Q_OBJECT
public:
    TrayController(BackgroundWatch *watch, const QString &executable, QObject *parent = nullptr);
    ~TrayController() override;

    static bool isAvailable();
    //! Shows the icon (when the desktop has a tray); the watch keeps running either way.
    void show();
    void hide();
    bool isVisible() const;
    //! Says, once, that the console went on watching in the tray and how to stop it.
    void announceWatching();

    QMenu *menu() const { return m_menu; }
    QAction *pauseAction() const { return m_pause; }
    QAction *autostartAction() const { return m_autostart; }
    QAction *quitAction() const { return m_quit; }
    //! The last notification shown (tests; the desktop's own popup cannot be read back).
    QString lastNotification() const { return m_lastNotification; }

Q_SIGNALS:
    void openConsoleRequested();
    void dashboardRequested(const fmc::WatchedDatabase &database);
    void quitRequested();
    //! A sentence for whoever shows errors (autostart could not be written).
    void problem(const QString &text);

private:
    void rebuildMenu();
    void onNotify(const WatchNotification &notification);
    void updateToolTip();

    BackgroundWatch *m_watch;
    std::unique_ptr<AutostartEntry> m_autostartEntry;
    QSystemTrayIcon *m_icon = nullptr;
    QMenu *m_menu;
    QMenu *m_watchedMenu = nullptr;
    QAction *m_pause;
    QAction *m_autostart;
    QAction *m_quit;
    QString m_lastNotification;
};

} // namespace fmc
