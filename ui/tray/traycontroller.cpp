#include "ui/tray/traycontroller.h"

#include "app/settings/autostartentry.h"
#include "models/displaytext.h"
#include "ui/aboutdialog.h"

#include <QAction>
#include <QMenu>
#include <QSystemTrayIcon>

namespace fmc {

TrayController::TrayController(BackgroundWatch *watch, const QString &executable, QObject *parent)
    : QObject(parent)
    , m_watch(watch)
    , m_autostartEntry(std::make_unique<AutostartEntry>(executable))
    , m_menu(new QMenu)
{
    m_menu->setObjectName(QStringLiteral("trayMenu"));
    QAction *open = m_menu->addAction(tr("&Open the console"));
    connect(open, &QAction::triggered, this, &TrayController::openConsoleRequested);
    m_watchedMenu = m_menu->addMenu(QString());
    m_menu->addSeparator();
    m_pause = m_menu->addAction(tr("&Pause watching"));
    m_pause->setCheckable(true);
    connect(m_pause, &QAction::toggled, this, [this](bool paused) {
        if (paused)
            m_watch->stop();
        else
            m_watch->start();
        updateToolTip();
    });
    m_autostart = m_menu->addAction(tr("Start watching at &login"));
    m_autostart->setCheckable(true);
    m_autostart->setChecked(m_autostartEntry->isEnabled());
    m_autostart->setToolTip(AutostartEntry::path());
    connect(m_autostart, &QAction::toggled, this, [this](bool on) {
        const QString error = m_autostartEntry->setEnabled(on);
        if (!error.isEmpty()) {
            const QSignalBlocker block(m_autostart);
            m_autostart->setChecked(m_autostartEntry->isEnabled());
            Q_EMIT problem(error);
        }
    });
    m_menu->addSeparator();
    m_quit = m_menu->addAction(tr("&Quit (stops watching)"));
    connect(m_quit, &QAction::triggered, this, &TrayController::quitRequested);

    if (isAvailable()) {
        m_icon = new QSystemTrayIcon(AboutDialog::applicationIcon(), this);
        m_icon->setContextMenu(m_menu);
        connect(m_icon, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                Q_EMIT openConsoleRequested();
        });
        connect(m_icon, &QSystemTrayIcon::messageClicked, this, &TrayController::openConsoleRequested);
    }
    connect(m_watch, &BackgroundWatch::notify, this, &TrayController::onNotify);
    connect(m_watch, &BackgroundWatch::databasesChanged, this, &TrayController::rebuildMenu);
    rebuildMenu();
}

TrayController::~TrayController()
{
    delete m_menu; // a QMenu cannot have a QObject parent that is not a widget
}

bool TrayController::isAvailable()
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

void TrayController::show()
{
    if (m_icon)
        m_icon->show();
}

void TrayController::hide()
{
    if (m_icon)
        m_icon->hide();
}

bool TrayController::isVisible() const
{
    return m_icon && m_icon->isVisible();
}

void TrayController::announceWatching()
{
    if (m_icon && m_icon->isVisible())
        m_icon->showMessage(tr("Fabric Mirroring Console is still watching"),
                            tr("%n mirrored database(s) are watched from the tray. Quit from this icon's menu "
                               "to stop.",
                               nullptr, int(m_watch->databases().size())),
                            QSystemTrayIcon::Information, 8000);
}

void TrayController::rebuildMenu()
{
    const QList<WatchedDatabase> databases = m_watch->databases();
    m_watchedMenu->clear();
    m_watchedMenu->setTitle(tr("&Watching %n mirrored database(s)", nullptr, int(databases.size())));
    m_watchedMenu->setEnabled(!databases.isEmpty());
    for (const WatchedDatabase &d : databases) {
        // Names come from the service: plain text, cut, and no '&' taken as a mnemonic.
        QAction *item = m_watchedMenu->addAction(withoutMnemonics(displayText(d.displayName, 80)));
        connect(item, &QAction::triggered, this, [this, d] { Q_EMIT dashboardRequested(d); });
    }
    updateToolTip();
}

void TrayController::updateToolTip()
{
    if (!m_icon)
        return;
    const int n = int(m_watch->databases().size());
    m_icon->setToolTip(m_watch->isRunning()
                           ? tr("Fabric Mirroring Console: watching %n mirrored database(s)", nullptr, n)
                           : tr("Fabric Mirroring Console: watching paused"));
}

void TrayController::onNotify(const WatchNotification &notification)
{
    m_lastNotification = notification.title + QLatin1Char('\n') + notification.body;
    // Freedesktop notification servers may read the body as markup (links, images), and table
    // names come from the service: escaped, they show as written and can never become a link.
    if (m_icon && m_icon->isVisible())
        m_icon->showMessage(notification.title, notification.body.toHtmlEscaped(),
                            notification.kind == WatchNotification::Kind::Failure ? QSystemTrayIcon::Warning
                                                                                  : QSystemTrayIcon::Information,
                            notification.kind == WatchNotification::Kind::Failure ? 0 : 10000);
}

} // namespace fmc
