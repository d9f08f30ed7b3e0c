#pragma once

#include "app/auth/authconfig.h"
#include "app/commandline.h"
#include "app/profiles/profile.h"
#include "app/settings/consolesettings.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <QUrl>

#include <memory>
#include <vector>

class QLabel;
class QWidget;
class QSettings;

namespace fmc {

class BackgroundWatch;
class DashboardTargetResolver;
class BulkActionRunner;
class DashboardWindow;
class FabricClient;
class HistoryStore;
class FleetLoader;
class FleetWindow;
class MainWindow;
class ProfileDecorator;
class ProfileManagerDialog;
class ProfileSession;
class ProfileSessions;
class ProfileStore;
class SecretStore;
class SettingsDialog;
class SignInDialog;
class SinceLastLookedDialog;
class TokenSession;
class TrayController;
class WorkspaceBrowser;
struct WatchedDatabase;

//! \brief The console's wiring, so that main() stays a few lines: owns the settings, the token
//! session (with its secret store), the Fabric client, the workspace browser, the main window,
//! the sign-in and settings dialogs, and opened dashboards.
//!
//! Endpoints come from the settings, overridden for this run by the command line
//! (--api-url, --authority, --tenant, --client-id), or from a sandbox given with useSandbox().
//! start() shows the window and signs in: silently with the remembered method when the keychain
//! still holds what it needs, through the sandbox's service principal in sandbox mode, otherwise
//! by opening the sign-in dialog (window-modal, never a nested event loop).
class ConsoleController : public QObject
{
    Q_OBJECT
public:
    //! An in-process sandbox to talk to (main() starts it; the UI layer cannot link it).
    struct SandboxEndpoints {
        QUrl apiBaseUrl;           //!< http://127.0.0.1:port/v1
        AuthConfig auth;           //!< its Entra: authority, tenant, public client, speed
        QString servicePrincipalId;
        QString servicePrincipalSecret; //!< the demo secret; never written to the keychain
    };

    //! Reads and writes preferences through \a settings (owned by the caller).
    explicit ConsoleController(QSettings *settings, QObject *parent = nullptr);
    ~ConsoleController() override;

    //! Values given on the command line; they override the settings for this run only.
    void setCommandLine(const ConsoleOptions &options);
    //! Talk to \a sandbox instead of Fabric, and sign in with its service principal at start().
    void useSandbox(const SandboxEndpoints &sandbox);
    //! Off: secrets stay in memory only (tests, the sandbox).
    void setKeychainEnabled(bool enabled);

    //! Creates the client and the window, shows the window and starts signing in.
    void start();

    //! \name Parts, for tests and the dashboard
    //! @{
    MainWindow *mainWindow() const;
    TokenSession *session() const { return m_session; }
    SecretStore *secretStore() const { return m_secrets; }
    FabricClient *client() const { return m_client.get(); }
    WorkspaceBrowser *browser() const { return m_browser.get(); }
    //! The sign-in dialog while it is open, else null.
    SignInDialog *signInDialog() const;
    SettingsDialog *settingsDialog() const;
    //! Dashboards opened so far and still open.
    QList<DashboardWindow *> dashboards() const;
    //! The signed-in tenant's and account's history file (opened at sign-in, closed at sign-out).
    HistoryStore *history() const { return m_history; }
    //! The fleet window once opened (openFleet()), else null.
    FleetWindow *fleetWindow() const { return m_fleetWindow.get(); }
    //! "Since you last looked" as the console's start showed it, while open; else null.
    SinceLastLookedDialog *startSummary() const;
    //! @}

    //! \name Profiles (issue #21)
    //! @{
    //! The profile of the main window (chosen at start(): --profile, else the last used).
    const Profile &profile() const { return m_profile; }
    ProfileStore *profiles() const { return m_profiles; }
    //! Every profile with a session; signedIn() is what compare and promote offer as targets.
    ProfileSessions *profileSessions() const { return m_profileSessions; }
    //! File ▸ Profiles… while open, else null.
    ProfileManagerDialog *profileManager() const;
    //! \brief A main window of its own for the signed-in profile \a profileId (raised when it
    //! exists); null when that profile is not signed in. The main window's profile gets mainWindow().
    MainWindow *openProfileWindow(const QString &profileId);
    //! Main windows opened for other profiles, still existing.
    QList<MainWindow *> profileWindows() const;
    //! @}

    //! \brief Opens a dashboard window watching \a databases (the main window's Open dashboard).
    //! Other mirror item types go in too, with WatchedDatabase::itemType set (WatchedDatabase::ofItem()):
    //! the Other mirror items panes and the fleet call this for catalogs, SQL databases and the rest.
    void openDashboard(const QList<WatchedDatabase> &databases);
    //! Opens (or raises) the fleet window; it finds the fleet when first shown.
    void openFleet();

    //! \name Background watch (File ▸ Background watch…, the tray, --background)
    //! @{
    BackgroundWatch *backgroundWatch() const { return m_watch.get(); }
    TrayController *tray() const { return m_tray.get(); }
    //! \brief main() only: with the last window closed the console stays in the tray while
    //! mirrors are chosen and a tray exists, and quits otherwise (tests keep Qt's default).
    void setManagesApplicationLifetime(bool manages);
    //! \brief Hides in the tray and starts the background watch; false (and nothing changes)
    //! when no mirror is chosen or the desktop has no tray.
    bool enterTrayMode();
    //! Stops the background watch and shows the main window again.
    void leaveTrayMode();
    bool isInTrayMode() const { return m_inTray; }
    //! Why enterTrayMode() cannot work now, or empty when it can.
    QString trayModeProblem() const;
    //! @}

    //! The stored preferences (without command-line overrides).
    const ConsoleSettings &settings() const { return m_settings; }
    //! Problems found in the settings file at start (each replaced by its default).
    QStringList settingsProblems() const { return m_settingsProblems; }
    //! The API base URL in use this run.
    QUrl apiBaseUrl() const;
    //! Where and as which public client interactive sign-in goes this run.
    AuthConfig authConfig() const;
    //! "user@contoso.com" / app id, or empty when signed out.
    QString signedInAs() const;

public Q_SLOTS:
    //! Opens the sign-in dialog (window-modal) with the remembered method preselected.
    void showSignIn();
    //! Signs out: tokens forgotten in memory and deleted from the keychain.
    void signOut();
    //! Opens the settings dialog; OK stores the values.
    void showSettings();
    //! Opens File ▸ Background watch…
    void showBackgroundWatch();
    //! Opens File ▸ Profiles… (the profile manager).
    void showProfiles();
    //! \brief Signs \a profileId in: silently when its keychain entries allow, else with the
    //! sign-in dialog. The main window's profile goes through showSignIn().
    void signInProfile(const QString &profileId);

Q_SIGNALS:
    //! The session signed in (interactive or silent).
    void signedIn(const QString &who);
    void signedOut();
    //! A sentence for the status bar (sign-in failures, settings problems).
    void message(const QString &text);
    //! A dashboard window was opened (from the main window or --dashboard).
    void dashboardOpened(fmc::DashboardWindow *window);
    //! \brief The start's "since you last looked" was read: \a databases had news (0: nothing
    //! to show, and nothing shown).
    void startSummaryLoaded(int databases);

private:
    //! What the first listing needs: the client, the primary profile's session, the browser.
    void createParts();
    //! The main window and what hangs off it (status bar, tray, background watch).
    void createWindowParts();
    void signInSilently();
    void onSessionStateChanged();
    //! The signed-in state's work after the first listing went out.
    void finishSignIn();
    void rememberSignIn(int kind);
    void resolveDashboardArgument();
    void updateStatus();
    void updateSignInHint();
    void saveSettings();
    void openHistory();
    //! Shows what the history recorded since the user last looked at \a databases (if anything).
    void showSinceLastLooked(DashboardWindow *window, const QList<WatchedDatabase> &databases);
    //! \brief Once per start, when the history file opens: what changed since the user last
    //! looked at any database (or since a watched one was chosen), read off the GUI thread.
    void showStartSummary();
    //! Marks \a databases seen at \a nowMs, and again when \a window closes.
    void markSeenWhileOpen(DashboardWindow *window, const QList<WatchedDatabase> &databases, qint64 nowMs);
    //! Selects a table in \a window (after its first refresh when not there yet) and opens its timeline.
    void showTimeline(DashboardWindow *window, const QString &databaseId, const QString &schema, const QString &table);
    //! Reads one table's timeline off the GUI thread and shows it over \a parent.
    void openTimeline(QWidget *parent, const QString &databaseId, const QString &schema, const QString &table);
    DashboardWindow *openDashboardWindow(const QList<WatchedDatabase> &databases, bool withSummary);
    QString endpointText() const;
    void selectProfile();
    void applyProfile(const Profile &profile);
    //! m_profile with this run's command-line (or sandbox) endpoints: what the session uses.
    Profile effectiveProfile() const;
    void onProfileSaved(const Profile &profile);
    void openProfileDashboard(ProfileSession *session, const QList<WatchedDatabase> &databases);
    //! \brief Offers every signed-in profile to each main window's Compare and Promote (#21):
    //! its own profile first, the others after, each with its label, colour and production flag.
    void updateEnvironmentTargets();
    struct ProfileWindow;

    QSettings *m_store;
    ConsoleSettings m_settings;
    QStringList m_settingsProblems;
    ConsoleOptions m_options;
    std::unique_ptr<SandboxEndpoints> m_sandbox;
    SecretStore *m_secrets = nullptr;
    TokenSession *m_session = nullptr;
    std::unique_ptr<FabricClient> m_client;
    std::unique_ptr<WorkspaceBrowser> m_browser;
    std::unique_ptr<FleetLoader> m_fleet;
    std::unique_ptr<BulkActionRunner> m_bulk;
    std::unique_ptr<FleetWindow> m_fleetWindow; // before m_window: destroyed first
    std::unique_ptr<MainWindow> m_window;
    QPointer<SignInDialog> m_signInDialog;
    QPointer<SettingsDialog> m_settingsDialog;
    QLabel *m_activity = nullptr;
    QList<QPointer<DashboardWindow>> m_dashboards;
    DashboardTargetResolver *m_dashboardResolver = nullptr;
    std::unique_ptr<BackgroundWatch> m_watch;
    std::unique_ptr<TrayController> m_tray;
    bool m_inTray = false;
    HistoryStore *m_history = nullptr;
    QPointer<SinceLastLookedDialog> m_startSummary;
    //! The databases the start's summary lists while it is open: a dashboard opened on one of
    //! them meanwhile (--dashboard) does not tell the same news again.
    QSet<QString> m_startSummaryIds;
    bool m_startSummaryDone = false; //!< the start's summary is read once, at the first opening
    bool m_dashboardArgumentDone = false; //!< --dashboard is resolved once, after the first sign-in
    bool m_started = false;
    QStringList m_earlyMessages; //!< messages from before the window existed
    bool m_signInWanted = false; //!< the sign-in dialog was asked for before the window existed
    quint64 m_signInSerial = 0; //!< counts SignedIn states: a queued finishSignIn() of an older one does nothing

    ProfileStore *m_profiles = nullptr;
    ProfileSessions *m_profileSessions = nullptr;
    ProfileSession *m_primary = nullptr; //!< wraps m_session and m_client
    ProfileDecorator *m_decorator = nullptr;
    Profile m_profile;
    bool m_migrated = false; //!< this start turned today's settings into the first profile
    QPointer<ProfileManagerDialog> m_profileManager;
    std::vector<std::unique_ptr<ProfileWindow>> m_profileWindows;
};

} // namespace fmc
