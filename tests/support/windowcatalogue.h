#pragma once

// Every window of the console, opened as a user meets it and filled from an in-process
// fabric-sandbox (the dashboard's harness: clock paused, signed in with its service principal),
// for the suites that check all of them alike: tst_accessibility and tst_window_layout.

#include "tests/support/dashboardharness.h"

#include "app/workspacebrowser.h"

#include <QPointer>
#include <QSize>
#include <QStringList>
#include <QWidget>

#include <memory>

class QSettings;
class QTemporaryDir;

namespace fmc {
class BackgroundWatch;
class BulkActionRunner;
class FleetLoader;
class MainWindow;
class ProfileSessions;
class ProfileStore;
class TrayController;
}

namespace fmc::test {

class WindowCatalogue
{
public:
    WindowCatalogue();
    ~WindowCatalogue();

    //! The windows: main, editor-create, editor-edit, dashboard-one, dashboard-all, settings,
    //! sign-in, about, background-watch, readiness (the checklist of LedgerMirror before Start),
    //! profiles (File ▸ Profiles… with a production profile selected, opened from its window).
    //! compare (LedgerMirror against SensorLanding), promote (LedgerMirror, before a dry run).
    //! fleet (every mirror, its details loaded).
    static QStringList names();
    //! Opens \a name at \a size, shown, and waits until it shows the sandbox's data (rows, a
    //! selection, a loaded definition). The window opened before is closed. nullptr, with
    //! \a error saying what never came, when it did not fill in time.
    QWidget *open(const QString &name, const QSize &size, QString *error);

    DashboardHarness harness;

private:
    WorkspaceBrowser m_browser;
    std::unique_ptr<MainWindow> m_main;
    QPointer<QWidget> m_window;       //!< the window open now (the main window or one that deletes itself)
    std::unique_ptr<QWidget> m_owned; //!< ... when the catalogue owns it
    // File ▸ Background watch… needs a watch (settings of its own) and the tray's actions.
    std::unique_ptr<QTemporaryDir> m_watchDir;
    std::unique_ptr<QSettings> m_watchSettings;
    std::unique_ptr<BackgroundWatch> m_watch;
    std::unique_ptr<TrayController> m_tray;
    // File ▸ Profiles… needs profiles (settings of their own) and sessions.
    std::unique_ptr<QSettings> m_profileSettings;
    std::unique_ptr<ProfileStore> m_profiles;
    std::unique_ptr<ProfileSessions> m_profileSessions;
    // The fleet window's loader and bulk runner (the window itself is m_owned).
    std::unique_ptr<FleetLoader> m_fleet;
    std::unique_ptr<BulkActionRunner> m_bulk;
};

} // namespace fmc::test
