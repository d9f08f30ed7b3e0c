#include "app/main/consolecontroller.h"

#include "app/api/fabricclient.h"
#include "app/auth/clientsecretcredential.h"
#include "app/auth/credentialfactory.h"
#include "app/auth/secretstore.h"
#include "app/auth/tokensession.h"
#include "app/dashboard/dashboardtargetresolver.h"
#include "app/profiles/profilesecretmigration.h"
#include "app/profiles/profilesession.h"
#include "app/profiles/profilesessions.h"
#include "app/profiles/profilestore.h"
#include "app/watch/backgroundwatch.h"
#include "models/mirroreddatabaselistmodel.h"
#include "app/history/historyfile.h"
#include "app/history/historyrecorder.h"
#include "app/history/historystore.h"
#include "app/history/historysummary.h"
#include "app/monitor/statusmonitor.h"
#include "app/workspacebrowser.h"
#include "models/mirroreddatabaselistmodel.h"
#include "models/workspacelistmodel.h"
#include "app/fleet/bulkactionrunner.h"
#include "app/fleet/fleetloader.h"
#include "models/fleetmodel.h"
#include "ui/fleet/fleetwindow.h"
#include "ui/dashboard/dashboardwindow.h"
#include "ui/environments/environmentlauncher.h"
#include "ui/dashboard/sincelastlookeddialog.h"
#include "ui/dashboard/tabletimelinedialog.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/profiles/profiledecorator.h"
#include "ui/profiles/profilemanagerdialog.h"
#include "ui/settings/settingsdialog.h"
#include "ui/signin/signindialog.h"
#include "ui/tray/backgroundwatchdialog.h"
#include "ui/tray/traycontroller.h"

#include <QApplication>
#include <QCheckBox>
#include <QDateTime>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <utility>

namespace fmc {

namespace {

//! Marks a dashboard this controller paused at sign-out (and resumes at the next sign-in).
constexpr char kPausedBySignOut[] = "fmcPausedBySignOut";

//! The remembered way \a profile signed in, preselected in \a dialog.
void preselect(SignInDialog *dialog, const Profile &profile)
{
    if (!profile.signInMethod.isEmpty())
        dialog->setMethod(CredentialFactory::kindFromKey(profile.signInMethod));
    dialog->setRememberedAccount(profile.account);
    dialog->setServicePrincipal(profile.servicePrincipalTenant.isEmpty() ? profile.tenant : profile.servicePrincipalTenant,
                                profile.servicePrincipalId);
}

} // namespace

//! A main window for a profile other than the first window's: its own browser over the
//! profile's client, and the dashboards it opened (closed with it).
struct ConsoleController::ProfileWindow {
    QPointer<ProfileSession> session;
    std::unique_ptr<WorkspaceBrowser> browser;
    std::unique_ptr<MainWindow> window;
    QList<QPointer<DashboardWindow>> dashboards;
    ~ProfileWindow()
    {
        for (const QPointer<DashboardWindow> &dashboard : std::as_const(dashboards))
            delete dashboard.data();
        window.reset(); // before the browser it shows
    }
};

ConsoleController::ConsoleController(QSettings *settings, QObject *parent)
    : QObject(parent)
    , m_store(settings)
    , m_settings(ConsoleSettings::load(*settings, &m_settingsProblems))
    , m_secrets(new SecretStore(QStringLiteral("fabric-mirroring-console"), this))
    , m_session(new TokenSession(m_secrets, this))
    , m_history(new HistoryStore(this))
    , m_profiles(new ProfileStore(settings, this))
    , m_profileSessions(new ProfileSessions(m_secrets, {}, this))
{
    // The console works on without history; the status bar says why, once per file.
    connect(m_history, &HistoryStore::unavailable, this, [this](const QString &sentence) {
        Q_EMIT message(tr("History: %1").arg(sentence));
    });
    connect(m_history, &HistoryStore::stateChanged, this, [this](HistoryStore::State state) {
        if (state == HistoryStore::State::Writing || state == HistoryStore::State::ReadOnly)
            showStartSummary();
    });
    // A hand-edited file with bad values still starts the console, with defaults and a warning.
    for (const QString &problem : std::as_const(m_settingsProblems))
        qWarning("%s", qPrintable(problem));
    connect(m_session, &TokenSession::stateChanged, this, &ConsoleController::onSessionStateChanged);
    connect(m_session, &TokenSession::signInFailed, this, [this](const QString &code, const QString &text) {
        if (m_signInDialog)
            return; // the dialog shows it
        // A silent sign-in that did not work: ask the user instead.
        if (code != QLatin1String("no_saved_session"))
            Q_EMIT message(tr("Sign-in failed: %1").arg(text));
        showSignIn();
    });
    connect(m_session, &TokenSession::signInRequired, this, [this](const QString &text) {
        Q_EMIT message(tr("Please sign in again: %1").arg(text));
        showSignIn();
    });
}

ConsoleController::~ConsoleController()
{
    // Windows and dialogs first: they hold pointers to the client and the session.
    delete m_profileManager;
    m_profileWindows.clear();
    delete m_signInDialog;
    delete m_settingsDialog;
    qDeleteAll(dashboards()); // top-level, so nothing else deletes them before the client goes
    m_fleetWindow.reset();
    m_bulk.reset();
    m_fleet.reset();
    m_window.reset();
    m_browser.reset();
    m_client.reset();
}

void ConsoleController::setCommandLine(const ConsoleOptions &options)
{
    m_options = options;
}

void ConsoleController::useSandbox(const SandboxEndpoints &sandbox)
{
    m_sandbox = std::make_unique<SandboxEndpoints>(sandbox);
    // The sandbox's demo secret and tokens never go to the keychain.
    m_secrets->setKeychainEnabled(false);
}

void ConsoleController::setKeychainEnabled(bool enabled)
{
    m_secrets->setKeychainEnabled(enabled);
}

MainWindow *ConsoleController::mainWindow() const
{
    return m_window.get();
}

SignInDialog *ConsoleController::signInDialog() const
{
    return m_signInDialog;
}

SettingsDialog *ConsoleController::settingsDialog() const
{
    return m_settingsDialog;
}

QUrl ConsoleController::apiBaseUrl() const
{
    if (m_sandbox)
        return m_sandbox->apiBaseUrl;
    return m_options.apiBaseUrl.isEmpty() ? m_settings.apiBaseUrl : m_options.apiBaseUrl;
}

AuthConfig ConsoleController::authConfig() const
{
    if (m_sandbox)
        return m_sandbox->auth;
    AuthConfig config;
    config.authority = m_options.authority.isEmpty() ? m_settings.authority : m_options.authority;
    config.tenant = m_options.tenant.isEmpty() ? m_settings.tenant : m_options.tenant;
    config.clientId = m_options.clientId.isEmpty() ? m_settings.clientId : m_options.clientId;
    return config;
}

QString ConsoleController::signedInAs() const
{
    if (m_session->state() != TokenSession::State::SignedIn)
        return {};
    // An opaque (non-JWT) token names nobody, yet requests succeed: still "signed in".
    const QString label = m_session->identity().label();
    return label.isEmpty() ? tr("an account the token does not name") : label;
}

QString ConsoleController::endpointText() const
{
    const QUrl api = apiBaseUrl();
    return m_sandbox ? tr("sandbox %1").arg(api.toDisplayString()) : api.toDisplayString();
}

void ConsoleController::createParts()
{
    FabricClient::Config config;
    config.apiBaseUrl = apiBaseUrl();
    m_client = std::make_unique<FabricClient>(config, m_session);
    m_primary = new ProfileSession(effectiveProfile(), m_session, m_client.get(), this);
    m_profileSessions->adopt(m_primary);
    connect(m_primary, &ProfileSession::interactionNeeded, this, &ConsoleController::showSignIn);
    m_browser = std::make_unique<WorkspaceBrowser>(m_client.get());
}

void ConsoleController::createWindowParts()
{
    m_window = std::make_unique<MainWindow>();
    m_window->setBrowser(m_browser.get());
    m_window->setClient(m_client.get());
    m_window->setRefreshInterval(std::chrono::seconds(m_settings.refreshIntervalSeconds));
    m_window->setDefinitionLimits(m_settings.definitionLimits());
    m_window->sqlEndpointControl()->setTimeout(std::chrono::minutes(m_settings.sqlEndpointRefreshTimeoutMinutes));
    connect(m_window.get(), &MainWindow::signInRequested, this, &ConsoleController::showSignIn);
    connect(m_window.get(), &MainWindow::signOutRequested, this, &ConsoleController::signOut);
    connect(m_window.get(), &MainWindow::settingsRequested, this, &ConsoleController::showSettings);
    connect(m_window.get(), &MainWindow::dashboardRequested, this, &ConsoleController::openDashboard);
    connect(m_window.get(), &MainWindow::backgroundWatchRequested, this, &ConsoleController::showBackgroundWatch);

    // The background watch polls only while the console lives in the tray: with a window open
    // the main window and the dashboards already poll, and twice the requests would be waste.
    m_watch = std::make_unique<BackgroundWatch>(m_client.get(), m_store);
    m_watch->setInterval(std::chrono::seconds(m_settings.refreshIntervalSeconds));
    // What the tray watch sees goes into the history file like a dashboard's (#20).
    new HistoryRecorder(m_watch->monitor(), m_history, m_watch.get());
    m_tray = std::make_unique<TrayController>(m_watch.get(), QCoreApplication::applicationFilePath());
    connect(m_tray.get(), &TrayController::openConsoleRequested, this, &ConsoleController::leaveTrayMode);
    connect(m_tray.get(), &TrayController::dashboardRequested, this,
            [this](const WatchedDatabase &database) { openDashboard({database}); });
    connect(m_tray.get(), &TrayController::quitRequested, qApp, &QCoreApplication::quit, Qt::QueuedConnection);
    connect(m_tray.get(), &TrayController::problem, this, [this](const QString &text) {
        m_window->showMessage(text, true);
    });
    connect(m_window.get(), &MainWindow::fleetRequested, this, &ConsoleController::openFleet);
    connect(m_window.get(), &MainWindow::profilesRequested, this, &ConsoleController::showProfiles);
    ProfileDecorator::setProfile(m_window.get(), m_profile);
    connect(m_profileSessions, &ProfileSessions::changed, this, &ConsoleController::updateEnvironmentTargets);
    updateEnvironmentTargets();

    // Network activity in the status bar, from the client's own counts (no polling).
    m_activity = new QLabel(tr("Network: idle"));
    m_activity->setObjectName(QStringLiteral("networkActivityLabel"));
    m_window->statusBar()->addPermanentWidget(m_activity);
    const auto showActivity = [this] {
        const int inFlight = m_client->inFlightCount();
        const int queued = m_client->queuedCount();
        if (inFlight == 0 && queued == 0 && m_client->pendingCount() > 0)
            m_activity->setText(tr("Network: %n call(s) waiting", nullptr, m_client->pendingCount()));
        else if (inFlight == 0 && queued == 0)
            m_activity->setText(tr("Network: idle"));
        else if (queued == 0)
            m_activity->setText(tr("Network: %n request(s)", nullptr, inFlight));
        else
            m_activity->setText(tr("Network: %n request(s), %1 queued", nullptr, inFlight).arg(queued));
    };
    connect(m_client.get(), &FabricClient::activityChanged, m_activity, showActivity);
    // Calls waiting for a retry or a token count too: "idle" during 6 s of retries misled (#17).
    connect(m_client.get(), &FabricClient::pendingChanged, m_activity, showActivity);
    connect(m_client.get(), &FabricClient::throttled, m_window.get(), [this](int delayMs) {
        m_window->showMessage(tr("The service is throttling requests; waiting %1 s.").arg((delayMs + 999) / 1000),
                              false, delayMs);
    });
    updateSignInHint();
}

void ConsoleController::start()
{
    if (m_started)
        return;
    m_started = true;
    selectProfile();
    // Every dialog a window opens carries its profile's strip (ProfileDecorator).
    m_decorator = new ProfileDecorator(this);
    qApp->installEventFilter(m_decorator);
    createParts();
    // A message (a failed silent sign-in) that comes before the window waits for it.
    connect(this, &ConsoleController::message, this, [this](const QString &text) {
        if (m_window)
            m_window->showMessage(text);
        else
            m_earlyMessages << text;
    });
    // The upgrade: today's keychain entries are copied to the first profile's keys before its
    // silent sign-in looks for them there (after the window: this rare start can wait).
    const bool migrateSecrets = m_migrated && !m_sandbox;
    // The sign-in goes out before the window is built, so that its round trip (and the first
    // listing's, which follows from the event loop) overlaps the window's construction: #19's
    // time to the first list. What it answers before the window exists waits for the window.
    if (!migrateSecrets)
        signInSilently();
    createWindowParts();
    if (!m_options.background || !enterTrayMode())
        m_window->show();
    if (m_options.background && !m_inTray)
        m_window->showMessage(tr("Could not start in the tray: %1").arg(trayModeProblem()), true);
    for (const QString &text : std::exchange(m_earlyMessages, {}))
        m_window->showMessage(text);
    updateStatus();
    // Last, so that a message from the early sign-in does not hide it (it stays in the errors).
    if (!m_settingsProblems.isEmpty())
        m_window->showMessage(m_settingsProblems.join(QLatin1Char(' ')), true);
    if (std::exchange(m_signInWanted, false))
        showSignIn();
    if (migrateSecrets)
        ProfileSecretMigration::run(m_secrets, m_profile, this, [this](int) { signInSilently(); });
}

void ConsoleController::selectProfile()
{
    std::optional<Profile> chosen;
    if (m_profiles->needsMigration()) {
        chosen = m_profiles->migrateLegacySettings();
        m_migrated = true;
    }
    if (!chosen && !m_options.profile.isEmpty()) {
        chosen = m_profiles->find(m_options.profile);
        if (!chosen)
            m_settingsProblems << tr("--profile %1: there is no such profile (File ▸ Profiles lists them); "
                                     "this window uses the profile used last.")
                                      .arg(m_options.profile);
    }
    if (!chosen)
        chosen = m_profiles->find(m_profiles->lastUsedId());
    if (!chosen && !m_profiles->profiles().isEmpty())
        chosen = m_profiles->profiles().constFirst();
    if (!chosen) {
        // Every profile was deleted: a fresh one with the default endpoints.
        const Profile fresh = Profile::fromSettings(ConsoleSettings());
        m_profiles->save(fresh);
        chosen = fresh;
    }
    m_profiles->setLastUsedId(chosen->id);
    applyProfile(*chosen);
}

void ConsoleController::applyProfile(const Profile &profile)
{
    // The settings' endpoint and sign-in values are the profile's, so that everything reading
    // them (this run's endpoints, the settings dialog) follows the profile; saveSettings() also
    // writes them to the old top-level keys, which an older console still reads.
    m_profile = profile;
    profile.applyTo(m_settings);
    m_session->setKeyPrefix(profile.keyPrefix());
    if (m_primary)
        m_primary->setProfile(effectiveProfile());
}

Profile ConsoleController::effectiveProfile() const
{
    Profile effective = m_profile;
    const AuthConfig auth = authConfig();
    effective.apiBaseUrl = apiBaseUrl();
    effective.authority = auth.authority;
    effective.tenant = auth.tenant;
    effective.clientId = auth.clientId;
    return effective;
}

void ConsoleController::signInSilently()
{
    if (m_sandbox) {
        // --sandbox: the demo tenant's service principal, so a newcomer sees data at once.
        AuthConfig config = m_sandbox->auth;
        config.clientId = m_sandbox->servicePrincipalId;
        m_session->setCredential(new ClientSecretCredential(config, m_sandbox->servicePrincipalSecret));
        m_session->signIn();
        return;
    }
    // The profile's remembered method and keychain entries; interactionNeeded opens the dialog.
    m_primary->signInSilently();
}

void ConsoleController::onSessionStateChanged()
{
    switch (m_session->state()) {
    case TokenSession::State::SignedIn:
        // The first listing goes out first: at start the user waits for that list (#19's time
        // to the first list). The rest follows from the event loop, after the listing's queued
        // dispatch and once the window exists (the sign-in may answer while it is built).
        if (m_browser)
            m_browser->reloadWorkspaces();
        // Only the last of several sign-ins before the event loop runs does the work once.
        QMetaObject::invokeMethod(
            this, [this, serial = ++m_signInSerial] {
                if (serial == m_signInSerial)
                    finishSignIn();
            },
            Qt::QueuedConnection);
        break;
    case TokenSession::State::SignedOut:
        updateStatus();
        m_history->close();
        // Open dashboards stop polling a tenant whose tokens are gone, and say so.
        for (DashboardWindow *window : dashboards()) {
            window->setProperty(kPausedBySignOut, true);
            window->setPaused(true);
            window->statusBar()->showMessage(tr("Signed out — this dashboard stopped refreshing. Sign in to go on."));
        }
        Q_EMIT signedOut();
        break;
    case TokenSession::State::SigningIn:
    case TokenSession::State::SignInRequired:
        updateStatus();
        break;
    }
}

void ConsoleController::finishSignIn()
{
    if (m_session->state() != TokenSession::State::SignedIn)
        return; // signed out meanwhile
    // Disk (settings, history file) after the first listing went out.
    if (m_session->credential())
        rememberSignIn(int(m_session->credential()->kind()));
    updateStatus();
    openHistory();
    resolveDashboardArgument();
    // Dashboards stopped by a sign-out go on with the new session.
    for (DashboardWindow *window : dashboards()) {
        if (window->property(kPausedBySignOut).toBool()) {
            window->setProperty(kPausedBySignOut, false);
            window->setPaused(false);
            window->statusBar()->clearMessage();
        }
    }
    Q_EMIT signedIn(signedInAs());
}

QList<DashboardWindow *> ConsoleController::dashboards() const
{
    QList<DashboardWindow *> open;
    for (const QPointer<DashboardWindow> &window : m_dashboards) {
        if (window)
            open << window.data();
    }
    return open;
}

void ConsoleController::openDashboard(const QList<WatchedDatabase> &databases)
{
    openDashboardWindow(databases, true);
}

DashboardWindow *ConsoleController::openDashboardWindow(const QList<WatchedDatabase> &databases, bool withSummary)
{
    if (!m_client || databases.isEmpty())
        return nullptr;
    // Top-level and self-deleting: an operator leaves it on a second screen, apart from the
    // main window; the controller (and so the client) outlives it.
    auto *window = new DashboardWindow(m_client.get());
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->setRefreshInterval(std::chrono::seconds(m_settings.refreshIntervalSeconds));
    if (m_window) // the endpoint id and role come from the main window's lists
        window->setSqlEndpoint(m_window->sqlEndpointRefresher(), [this](const WatchedDatabase &database) {
            SqlEndpointRefreshControl::Subject subject;
            // Another mirror item type: "select one mirrored database", not "not provisioned yet".
            if (database.kind() != MirrorItemKind::MirroredDatabase)
                return subject;
            subject.target = {database.workspaceId, database.databaseId, database.displayName, {}};
            if (const MirroredDatabaseRow *row = m_browser ? m_browser->databases()->find(database.workspaceId, database.databaseId) : nullptr) {
                subject.target = SqlEndpointRefresher::targetOf(row->database);
                subject.workspaceName = row->workspaceName;
            }
            if (m_browser)
                subject.role = m_browser->workspaces()->role(database.workspaceId);
            return subject;
        }, std::chrono::minutes(m_settings.sqlEndpointRefreshTimeoutMinutes));
    ProfileDecorator::setProfile(window, m_profile);
    window->watch(databases);
    new HistoryRecorder(window->monitor(), m_history, window);
    // A second console (ReadOnly) still charts what the first one records.
    if (m_history->state() == HistoryStore::State::Writing || m_history->state() == HistoryStore::State::ReadOnly
        || m_history->state() == HistoryStore::State::Opening) {
        window->setHistoryFile(m_history->filePath());
        // What the start's summary, still open, lists is news told already.
        QList<WatchedDatabase> untold, told;
        for (const WatchedDatabase &db : databases)
            (withSummary && !(m_startSummary && m_startSummaryIds.contains(db.databaseId)) ? untold : told).append(db);
        if (!untold.isEmpty())
            showSinceLastLooked(window, untold);
        if (!told.isEmpty())
            markSeenWhileOpen(window, told, QDateTime::currentMSecsSinceEpoch());
    }
    window->show();
    m_dashboards << window;
    Q_EMIT dashboardOpened(window);
    return window;
}

void ConsoleController::markSeenWhileOpen(DashboardWindow *window, const QList<WatchedDatabase> &databases,
                                          qint64 nowMs)
{
    for (const WatchedDatabase &db : databases)
        m_history->markSeen(db.databaseId, nowMs, db.workspaceId, db.displayName);
    connect(window, &QObject::destroyed, m_history, [history = QPointer<HistoryStore>(m_history), databases] {
        for (const WatchedDatabase &db : databases)
            if (history)
                history->markSeen(db.databaseId, QDateTime::currentMSecsSinceEpoch(), db.workspaceId, db.displayName);
    });
}

void ConsoleController::showTimeline(DashboardWindow *window, const QString &databaseId, const QString &schema,
                                     const QString &table)
{
    // A dashboard just opened has no rows before its first refresh.
    if (!window->selectTable(databaseId, schema, table))
        connect(window->monitor(), &StatusMonitor::refreshFinished, window,
                [window, databaseId, schema, table] { window->selectTable(databaseId, schema, table); },
                Qt::SingleShotConnection);
    openTimeline(window, databaseId, schema, table);
}

void ConsoleController::openTimeline(QWidget *parent, const QString &databaseId, const QString &schema,
                                     const QString &table)
{
    const qint64 end = QDateTime::currentMSecsSinceEpoch();
    HistorySummary::loadTimeline(m_history->filePath(), databaseId, schema, table, end - 30LL * 24 * 3600 * 1000, end,
                                 parent, [parent, schema, table, end](const QList<TableSample> &changes) {
                                     auto *timeline = new TableTimelineDialog(schema + QLatin1Char('.') + table,
                                                                              changes, end, parent);
                                     timeline->setAttribute(Qt::WA_DeleteOnClose);
                                     timeline->show();
                                 });
}

void ConsoleController::showSinceLastLooked(DashboardWindow *window, const QList<WatchedDatabase> &databases)
{
    QStringList ids;
    for (const WatchedDatabase &db : databases)
        ids << db.databaseId;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    HistorySummary::load(m_history->filePath(), ids, now, window, [this, window, databases, now](const QList<SummaryLine> &lines) {
        // Seen from now on; marked after the read, so that the read still finds the last visit.
        markSeenWhileOpen(window, databases, now);
        if (lines.isEmpty())
            return;
        auto *dialog = new SinceLastLookedDialog(lines, window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &SinceLastLookedDialog::tableActivated, window,
                [this, window](const QString &db, const QString &schema, const QString &table) {
                    showTimeline(window, db, schema, table);
                });
        dialog->show();
    });
}

SinceLastLookedDialog *ConsoleController::startSummary() const
{
    return m_startSummary;
}

void ConsoleController::showStartSummary()
{
    if (m_startSummaryDone || m_inTray || !m_window || !m_watch)
        return;
    m_startSummaryDone = true;
    if (!m_settings.sinceLastLookedAtStart) {
        Q_EMIT startSummaryLoaded(0);
        return;
    }
    // A watched database counts from its first record: the tray watched it for the user.
    QList<SeenDatabase> watched;
    for (const WatchedDatabase &db : m_watch->databases())
        watched.append({db.databaseId, db.workspaceId, db.displayName, 0});
    const QString path = m_history->filePath();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    HistorySummary::loadSeen(path, watched, now, m_window.get(), [this, path, now](QList<DatabaseSummary> databases) {
        // A dashboard opened meanwhile (--dashboard) told its databases' news itself.
        QSet<QString> inDashboards;
        for (DashboardWindow *window : dashboards())
            for (const WatchedDatabase &db : window->watched())
                inDashboards.insert(db.databaseId);
        databases.removeIf([&](const DatabaseSummary &d) { return inDashboards.contains(d.database.databaseId); });
        Q_EMIT startSummaryLoaded(int(databases.size()));
        if (databases.isEmpty())
            return;
        auto *dialog = new SinceLastLookedDialog(databases, m_window.get());
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        m_startSummary = dialog;
        m_startSummaryIds.clear();
        for (const DatabaseSummary &d : std::as_const(databases))
            m_startSummaryIds.insert(d.database.databaseId);
        dialog->atStartCheck()->setChecked(m_settings.sinceLastLookedAtStart);
        connect(dialog->atStartCheck(), &QCheckBox::toggled, this, [this](bool on) {
            m_settings.sinceLastLookedAtStart = on;
            saveSettings();
        });
        // Closing it is having looked: what it listed is no news next time (unless the user
        // signed in elsewhere meanwhile).
        connect(dialog, &QDialog::finished, this, [this, path, now, databases] {
            if (m_history->filePath() != path)
                return;
            for (const DatabaseSummary &d : databases)
                m_history->markSeen(d.database.databaseId, now, d.database.workspaceId, d.database.name);
        });
        connect(dialog, &SinceLastLookedDialog::tableActivated, this,
                [this, dialog, databases](const QString &id, const QString &schema, const QString &table) {
                    const auto it = std::find_if(databases.cbegin(), databases.cend(),
                                                 [&id](const DatabaseSummary &d) { return d.database.databaseId == id; });
                    if (it == databases.cend())
                        return;
                    if (it->database.workspaceId.isEmpty()) {
                        // Looked at before this console kept workspaces: its timeline alone.
                        openTimeline(dialog, id, schema, table);
                        return;
                    }
                    DashboardWindow *window = openDashboardWindow(
                        {WatchedDatabase{it->database.workspaceId, id, it->database.name}}, false);
                    if (window)
                        showTimeline(window, id, schema, table);
                });
        dialog->show();
    });
}

void ConsoleController::openHistory()
{
    // One file per tenant and account: ids from the token, names never reach the disk.
    const TokenIdentity who = m_session->identity();
    const QString tenant = who.tenantId.isEmpty() ? authConfig().tenant : who.tenantId;
    const QString account = !who.objectId.isEmpty() ? who.objectId
                          : !who.appId.isEmpty()    ? who.appId
                                                    : who.userPrincipalName;
    const QString path = HistoryFile::path(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation),
                                           tenant, account);
    if (m_history->state() != HistoryStore::State::Closed && m_history->filePath() == path)
        return;
    HistoryStore::Options options;
    options.retentionDays = m_settings.historyRetentionDays;
    options.sizeCapBytes = qint64(m_settings.historySizeCapMiB) * 1024 * 1024;
    m_history->setOptions(options);
    m_history->open(path);
}

void ConsoleController::openFleet()
{
    if (!m_client || !m_browser)
        return;
    if (!m_fleetWindow) {
        // One fleet window, top-level like a dashboard; it shares the browser's workspaces
        // (capacity, role) and lists each of them when catalog search is refused.
        m_fleet = std::make_unique<FleetLoader>(m_client.get(), m_browser.get());
        m_bulk = std::make_unique<BulkActionRunner>(m_client.get());
        if (m_window) // one SQL endpoint refresh at a time, the main window's and the batch's
            m_bulk->setSqlEndpointRefresher(m_window->sqlEndpointRefresher(),
                                            std::chrono::minutes(m_settings.sqlEndpointRefreshTimeoutMinutes));
        m_fleetWindow = std::make_unique<FleetWindow>(m_fleet.get(), m_bulk.get());
        ProfileDecorator::setProfile(m_fleetWindow.get(), m_profile);
        connect(m_fleetWindow.get(), &FleetWindow::dashboardRequested, this, &ConsoleController::openDashboard);
        // Nothing of the tenant stays on screen, nor in what the loader learnt.
        connect(this, &ConsoleController::signedOut, m_fleet.get(), &FleetLoader::clear);
        // Nor does a batch go on sending to it, its results naming its mirrors.
        connect(this, &ConsoleController::signedOut, m_bulk.get(), &BulkActionRunner::cancel);
    }
    m_fleetWindow->show();
    m_fleetWindow->raise();
    m_fleetWindow->activateWindow();
}

void ConsoleController::resolveDashboardArgument()
{
    if (m_dashboardArgumentDone || m_options.dashboard.isEmpty() || !m_client)
        return;
    m_dashboardArgumentDone = true;
    m_dashboardResolver = new DashboardTargetResolver(m_client.get(), this);
    connect(m_dashboardResolver, &DashboardTargetResolver::resolved, this,
            [this](const QList<WatchedDatabase> &databases) {
                if (databases.isEmpty())
                    Q_EMIT message(tr("--dashboard %1: no mirrored database matches.").arg(m_options.dashboard));
                else
                    openDashboard(databases);
            });
    connect(m_dashboardResolver, &DashboardTargetResolver::failed, this, [this](const QString &text) {
        Q_EMIT message(tr("--dashboard %1: %2").arg(m_options.dashboard, text));
    });
    m_dashboardResolver->resolve(m_options.dashboard);
}

void ConsoleController::rememberSignIn(int kind)
{
    if (m_sandbox)
        return; // the sandbox's demo accounts are not the user's
    const auto k = Credential::Kind(kind);
    const ConsoleSettings before = m_settings;
    m_settings.lastSignInMethod = CredentialFactory::key(k);
    m_settings.lastAccount = m_session->identity().label();
    if (k == Credential::Kind::ClientSecret && m_session->credential()) {
        m_settings.lastServicePrincipalId = m_session->credential()->config().clientId;
        m_settings.lastServicePrincipalTenant = m_session->credential()->config().tenant;
    }
    const bool unchanged = m_settings.lastSignInMethod == before.lastSignInMethod
                        && m_settings.lastAccount == before.lastAccount
                        && m_settings.lastServicePrincipalId == before.lastServicePrincipalId
                        && m_settings.lastServicePrincipalTenant == before.lastServicePrincipalTenant
                        && m_profile.signInMethod == m_settings.lastSignInMethod
                        && m_profile.account == m_settings.lastAccount
                        && m_profile.servicePrincipalId == m_settings.lastServicePrincipalId
                        && m_profile.servicePrincipalTenant == m_settings.lastServicePrincipalTenant;
    if (unchanged)
        return; // the everyday start: nothing to write, and no file synced on the GUI thread
    saveSettings();
    m_profile.signInMethod = m_settings.lastSignInMethod;
    m_profile.account = m_settings.lastAccount;
    m_profile.servicePrincipalId = m_settings.lastServicePrincipalId;
    m_profile.servicePrincipalTenant = m_settings.lastServicePrincipalTenant;
    m_profiles->save(m_profile);
    m_primary->setProfile(effectiveProfile());
}

void ConsoleController::saveSettings()
{
    m_settings.save(*m_store);
    m_store->sync();
}

void ConsoleController::updateStatus()
{
    if (!m_window)
        return;
    switch (m_session->state()) {
    case TokenSession::State::SignedIn:
        m_window->setSignedIn(signedInAs(), endpointText());
        break;
    case TokenSession::State::SigningIn:
        m_window->showMessage(tr("Signing in…"));
        break;
    case TokenSession::State::SignedOut:
    case TokenSession::State::SignInRequired:
        m_window->setSignedIn(QString(), endpointText());
        break;
    }
}

void ConsoleController::updateSignInHint()
{
    if (!m_window)
        return;
    // Browser and device-code sign-in need a public client id; without one the empty panes point
    // at Settings, and at the sandbox for a first look.
    m_window->setSignInSetupHint(
        m_sandbox || !authConfig().clientId.isEmpty()
            ? QString()
            : tr("No client id (app registration) is configured: browser and device-code sign-in need one "
                 "in Settings. To try the console without a tenant, start it with --sandbox."));
}

void ConsoleController::showSignIn()
{
    if (!m_window) {
        m_signInWanted = true; // the silent sign-in answered before the window was built
        return;
    }
    if (m_signInDialog) {
        m_signInDialog->raise();
        m_signInDialog->activateWindow();
        return;
    }
    auto *dialog = new SignInDialog(m_session, authConfig(), m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const AuthConfig auth = authConfig();
    dialog->setEndpointDescription(tr("Fabric API: %1\nSign-in: %2 (tenant %3)")
                                       .arg(endpointText(), auth.authority.toDisplayString(), auth.tenant));
    if (m_sandbox) {
        dialog->setServicePrincipal(m_sandbox->auth.tenant, m_sandbox->servicePrincipalId);
    } else {
        preselect(dialog, effectiveProfile()); // this run's --tenant prefills the service principal's
    }
    m_signInDialog = dialog;
    dialog->open();
}

void ConsoleController::signOut()
{
    m_session->signOut();
    if (m_window)
        m_window->showMessage(tr("Signed out; tokens were removed from memory and the keychain."));
}

void ConsoleController::showSettings()
{
    if (!m_window)
        return;
    if (m_settingsDialog) {
        m_settingsDialog->raise();
        return;
    }
    auto *dialog = new SettingsDialog(m_settings, m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QStringList notes{tr("A new API base URL applies the next time the console starts; sign-in settings apply "
                         "to the next sign-in.")};
    QStringList overridden;
    if (!m_options.apiBaseUrl.isEmpty())
        overridden << QStringLiteral("--api-url");
    if (!m_options.authority.isEmpty())
        overridden << QStringLiteral("--authority");
    if (!m_options.tenant.isEmpty())
        overridden << QStringLiteral("--tenant");
    if (!m_options.clientId.isEmpty())
        overridden << QStringLiteral("--client-id");
    if (!overridden.isEmpty())
        notes << tr("This run uses %1 from the command line instead.").arg(overridden.join(QStringLiteral(", ")));
    if (m_sandbox)
        notes << tr("This run talks to the sandbox, whatever the endpoints say.");
    dialog->setNote(notes.join(QLatin1Char(' ')));
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        m_settings = dialog->settings();
        saveSettings();
        // The endpoint and sign-in values belong to the window's profile.
        Profile edited = m_profile;
        edited.apiBaseUrl = m_settings.apiBaseUrl;
        edited.authority = m_settings.authority;
        edited.tenant = m_settings.tenant;
        edited.clientId = m_settings.clientId;
        m_profiles->save(edited);
        onProfileSaved(edited);
        if (m_window)
            m_window->setRefreshInterval(std::chrono::seconds(m_settings.refreshIntervalSeconds));
        if (m_watch)
            m_watch->setInterval(std::chrono::seconds(m_settings.refreshIntervalSeconds));
        if (m_window)
            m_window->setDefinitionLimits(m_settings.definitionLimits());
        const std::chrono::minutes sqlTimeout(m_settings.sqlEndpointRefreshTimeoutMinutes);
        if (m_window)
            m_window->sqlEndpointControl()->setTimeout(sqlTimeout);
        for (DashboardWindow *window : dashboards())
            if (window->sqlEndpointControl())
                window->sqlEndpointControl()->setTimeout(sqlTimeout);
        updateSignInHint();
        Q_EMIT message(tr("Settings saved."));
    });
    m_settingsDialog = dialog;
    dialog->open();
}

void ConsoleController::setManagesApplicationLifetime(bool manages)
{
    QGuiApplication::setQuitOnLastWindowClosed(!manages);
    if (!manages)
        return;
    connect(qApp, &QGuiApplication::lastWindowClosed, this, [this] {
        if (!enterTrayMode())
            QCoreApplication::quit();
    });
}

QString ConsoleController::trayModeProblem() const
{
    if (!m_watch || m_watch->databases().isEmpty())
        return tr("no mirrored database is chosen in File ▸ Background watch.");
    if (!TrayController::isAvailable())
        return tr("this desktop shows no system tray.");
    return {};
}

bool ConsoleController::enterTrayMode()
{
    if (m_inTray)
        return true;
    if (!trayModeProblem().isEmpty())
        return false;
    m_inTray = true;
    m_tray->show();
    m_tray->announceWatching();
    m_watch->start();
    return true;
}

void ConsoleController::leaveTrayMode()
{
    if (m_inTray) {
        m_inTray = false;
        m_watch->stop();
        m_tray->hide();
    }
    m_window->show();
    m_window->raise();
    m_window->activateWindow();
}

void ConsoleController::showBackgroundWatch()
{
    auto *dialog = new BackgroundWatchDialog(
        m_watch.get(), m_tray.get(),
        [window = QPointer<MainWindow>(m_window.get())] {
            QList<WatchedDatabase> chosen;
            if (window)
                for (const MirroredDatabaseRow *row : window->selectedRows())
                    chosen.append({row->database.workspaceId, row->database.id, row->database.displayName});
            return chosen;
        },
        m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace fmc

namespace fmc {

ProfileManagerDialog *ConsoleController::profileManager() const
{
    return m_profileManager;
}

void ConsoleController::showProfiles()
{
    if (!m_window)
        return;
    if (m_profileManager) {
        m_profileManager->raise();
        m_profileManager->activateWindow();
        return;
    }
    auto *dialog = new ProfileManagerDialog(m_profiles, m_profileSessions, m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setProtectedProfile(m_profile.id);
    dialog->select(m_profile.id);
    connect(dialog, &ProfileManagerDialog::signInRequested, this, &ConsoleController::signInProfile);
    connect(dialog, &ProfileManagerDialog::signOutRequested, this, [this](const QString &id) {
        if (id == m_profile.id)
            signOut();
        else if (ProfileSession *session = m_profileSessions->session(id))
            session->signOut();
    });
    connect(dialog, &ProfileManagerDialog::openWindowRequested, this, [this](const QString &id) {
        if (id != m_profile.id) {
            openProfileWindow(id);
            return;
        }
        m_window->show();
        m_window->raise();
    });
    connect(dialog, &ProfileManagerDialog::profileSaved, this, &ConsoleController::onProfileSaved);
    m_profileManager = dialog;
    dialog->open();
}

void ConsoleController::onProfileSaved(const Profile &profile)
{
    m_profileSessions->updateProfile(profile);
    if (profile.id == m_profile.id) {
        applyProfile(profile);
        updateSignInHint();
    }
    // Windows and their dashboards show the edited label and colour at once.
    const auto mark = [&profile](QWidget *window) {
        const std::optional<Profile> shown = ProfileDecorator::profileOf(window);
        if (shown && shown->id == profile.id)
            ProfileDecorator::setProfile(window, profile);
    };
    if (m_window)
        mark(m_window.get());
    for (DashboardWindow *window : dashboards())
        mark(window);
    if (m_fleetWindow)
        mark(m_fleetWindow.get());
    for (const auto &entry : m_profileWindows) {
        mark(entry->window.get());
        for (const QPointer<DashboardWindow> &dashboard : std::as_const(entry->dashboards))
            if (dashboard)
                mark(dashboard);
    }
}

void ConsoleController::signInProfile(const QString &profileId)
{
    if (profileId == m_profile.id) {
        if (m_session->state() != TokenSession::State::SignedIn)
            showSignIn();
        return;
    }
    const std::optional<Profile> profile = m_profiles->find(profileId);
    if (!profile)
        return;
    ProfileSession *session = m_profileSessions->open(*profile);
    session->setProfile(*profile);
    if (!session->property("fmcWired").toBool()) {
        session->setProperty("fmcWired", true);
        const auto askUser = [this, session] {
            QWidget *parent = m_profileManager ? static_cast<QWidget *>(m_profileManager.data()) : m_window.get();
            auto *dialog = new SignInDialog(session->tokenSession(), session->profile().authConfig(), parent);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            // Marked with the profile it signs in, not with the window it was opened from.
            ProfileDecorator::setProfile(dialog, session->profile());
            dialog->setEndpointDescription(tr("Fabric API: %1\nSign-in: %2 (tenant %3)")
                                               .arg(session->profile().apiBaseUrl.toDisplayString(),
                                                    session->profile().authority.toDisplayString(),
                                                    session->profile().tenant));
            preselect(dialog, session->profile());
            dialog->open();
        };
        connect(session, &ProfileSession::interactionNeeded, this, askUser);
        connect(session->tokenSession(), &TokenSession::signInFailed, this, [askUser](const QString &code, const QString &) {
            if (code == QLatin1String("no_saved_session"))
                askUser();
        });
        connect(session->tokenSession(), &TokenSession::stateChanged, this, [this, session](TokenSession::State state) {
            if (state != TokenSession::State::SignedIn || !session->tokenSession()->credential())
                return;
            // Remembered per profile, as the first window remembers its own.
            Profile p = session->profile();
            const Credential *credential = session->tokenSession()->credential();
            p.signInMethod = CredentialFactory::key(credential->kind());
            p.account = session->tokenSession()->identity().label();
            if (credential->kind() == Credential::Kind::ClientSecret) {
                p.servicePrincipalId = credential->config().clientId;
                p.servicePrincipalTenant = credential->config().tenant;
            }
            if (credential->kind() != Credential::Kind::StaticToken && m_profiles->find(p.id)) {
                m_profiles->save(p);
                session->setProfile(p);
            }
        });
    }
    if (!session->isSignedIn())
        session->signInSilently();
}

MainWindow *ConsoleController::openProfileWindow(const QString &profileId)
{
    ProfileSession *session = m_profileSessions->session(profileId);
    if (profileId == m_profile.id)
        return m_window.get();
    if (!session || !session->isSignedIn())
        return nullptr;
    for (const auto &entry : m_profileWindows) {
        if (entry->session == session) {
            entry->window->show();
            entry->window->raise();
            entry->window->activateWindow();
            return entry->window.get();
        }
    }
    auto entry = std::make_unique<ProfileWindow>();
    entry->session = session;
    entry->browser = std::make_unique<WorkspaceBrowser>(session->client());
    entry->window = std::make_unique<MainWindow>();
    MainWindow *window = entry->window.get();
    window->setBrowser(entry->browser.get());
    window->setClient(session->client());
    window->setRefreshInterval(std::chrono::seconds(m_settings.refreshIntervalSeconds));
    window->setDefinitionLimits(m_settings.definitionLimits());
    window->sqlEndpointControl()->setTimeout(std::chrono::minutes(m_settings.sqlEndpointRefreshTimeoutMinutes));
    ProfileDecorator::setProfile(window, session->profile());
    const auto showState = [window, session] {
        const bool in = session->isSignedIn();
        const QString who = session->tokenSession()->identity().label();
        window->setSignedIn(in ? (who.isEmpty() ? tr("an account the token does not name") : who) : QString(),
                            session->profile().apiBaseUrl.toDisplayString());
    };
    connect(session, &ProfileSession::stateChanged, window, showState);
    connect(window, &MainWindow::signOutRequested, session, &ProfileSession::signOut);
    connect(window, &MainWindow::signInRequested, this, [this, profileId] { signInProfile(profileId); });
    connect(window, &MainWindow::settingsRequested, this, &ConsoleController::showSettings);
    connect(window, &MainWindow::profilesRequested, this, &ConsoleController::showProfiles);
    connect(window, &MainWindow::dashboardRequested, this, [this, session](const QList<WatchedDatabase> &databases) {
        openProfileDashboard(session, databases);
    });
    const auto firstWindowOnly = [window] {
        window->showMessage(tr("The fleet view and the background watch follow the first window's profile."), true);
    };
    connect(window, &MainWindow::fleetRequested, window, firstWindowOnly);
    connect(window, &MainWindow::backgroundWatchRequested, window, firstWindowOnly);
    // A deleted profile takes its window along, before its client goes.
    connect(m_profileSessions, &ProfileSessions::aboutToClose, this, [this, window, profileId](const QString &closing) {
        if (closing == profileId)
            std::erase_if(m_profileWindows, [window](const auto &e) { return e->window.get() == window; });
    });
    showState();
    entry->browser->reloadWorkspaces();
    window->show();
    m_profileWindows.push_back(std::move(entry));
    updateEnvironmentTargets();
    return window;
}

void ConsoleController::updateEnvironmentTargets()
{
    const QList<ProfileSessions::Target> signedIn = m_profileSessions->signedIn();
    const auto offer = [&signedIn](MainWindow *window, FabricClient *own) {
        if (!window || !window->environments())
            return;
        EnvironmentTargets others;
        for (const ProfileSessions::Target &t : signedIn) {
            if (t.client == own || !t.client)
                continue;
            others << EnvironmentTarget{t.client, t.label, t.colour, t.production};
        }
        for (const ProfileSessions::Target &t : signedIn) {
            if (t.client == own)
                window->environments()->setCurrent(EnvironmentTarget{own, t.label, t.colour, t.production});
        }
        window->environments()->setOtherTargets(others);
    };
    offer(m_window.get(), m_client.get());
    for (const auto &entry : m_profileWindows)
        offer(entry->window.get(), entry->session->client());
}

QList<MainWindow *> ConsoleController::profileWindows() const
{
    QList<MainWindow *> windows;
    for (const auto &entry : m_profileWindows)
        windows << entry->window.get();
    return windows;
}

void ConsoleController::openProfileDashboard(ProfileSession *session, const QList<WatchedDatabase> &databases)
{
    if (databases.isEmpty())
        return;
    for (const auto &entry : m_profileWindows) {
        if (entry->session != session)
            continue;
        // Live status only: the history file and the tray watch follow the first window's profile.
        auto *window = new DashboardWindow(session->client());
        window->setAttribute(Qt::WA_DeleteOnClose);
        window->setRefreshInterval(std::chrono::seconds(m_settings.refreshIntervalSeconds));
        ProfileDecorator::setProfile(window, session->profile());
        window->watch(databases);
        window->show();
        entry->dashboards << window;
        Q_EMIT dashboardOpened(window);
        return;
    }
}

} // namespace fmc
