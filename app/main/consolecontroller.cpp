#include "app/main/consolecontroller.h"

#include "app/api/fabricclient.h"
#include "app/auth/clientsecretcredential.h"
#include "app/auth/credentialfactory.h"
#include "app/auth/secretstore.h"
#include "app/auth/tokensession.h"
#include "app/dashboard/dashboardtargetresolver.h"
#include "app/workspacebrowser.h"
#include "app/fleet/bulkactionrunner.h"
#include "app/fleet/fleetloader.h"
#include "models/fleetmodel.h"
#include "ui/fleet/fleetwindow.h"
#include "ui/dashboard/dashboardwindow.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/settings/settingsdialog.h"
#include "ui/signin/signindialog.h"

#include <QLabel>
#include <QSettings>
#include <QStatusBar>

namespace fmc {

namespace {

//! Marks a dashboard this controller paused at sign-out (and resumes at the next sign-in).
constexpr char kPausedBySignOut[] = "fmcPausedBySignOut";

} // namespace

ConsoleController::ConsoleController(QSettings *settings, QObject *parent)
    : QObject(parent)
    , m_store(settings)
    , m_settings(ConsoleSettings::load(*settings, &m_settingsProblems))
    , m_secrets(new SecretStore(QStringLiteral("fabric-mirroring-console"), this))
    , m_session(new TokenSession(m_secrets, this))
{
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
    m_browser = std::make_unique<WorkspaceBrowser>(m_client.get());
    m_window = std::make_unique<MainWindow>();
    m_window->setBrowser(m_browser.get());
    m_window->setClient(m_client.get());
    m_window->setRefreshInterval(std::chrono::seconds(m_settings.refreshIntervalSeconds));
    m_window->setDefinitionLimits(m_settings.definitionLimits());
    connect(m_window.get(), &MainWindow::signInRequested, this, &ConsoleController::showSignIn);
    connect(m_window.get(), &MainWindow::signOutRequested, this, &ConsoleController::signOut);
    connect(m_window.get(), &MainWindow::settingsRequested, this, &ConsoleController::showSettings);
    connect(m_window.get(), &MainWindow::dashboardRequested, this, &ConsoleController::openDashboard);
    connect(m_window.get(), &MainWindow::fleetRequested, this, &ConsoleController::openFleet);

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
    createParts();
    m_window->show();
    if (!m_settingsProblems.isEmpty())
        m_window->showMessage(m_settingsProblems.join(QLatin1Char(' ')), true);
    connect(this, &ConsoleController::message, m_window.get(),
            [this](const QString &text) { m_window->showMessage(text); });
    signInSilently();
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
    const QString key = m_settings.lastSignInMethod;
    if (key.isEmpty()) {
        showSignIn();
        return;
    }
    const Credential::Kind kind = CredentialFactory::kindFromKey(key);
    CredentialChoice choice;
    choice.kind = kind;
    choice.config = authConfig();
    switch (kind) {
    case Credential::Kind::StaticToken:
        showSignIn(); // a pasted token is never kept
        return;
    case Credential::Kind::ClientSecret: {
        // The secret is in the keychain (if it could be kept); the ids in the settings.
        choice.config.tenant = m_settings.lastServicePrincipalTenant;
        choice.config.clientId = m_settings.lastServicePrincipalId;
        if (choice.config.clientId.isEmpty() || choice.config.tenant.isEmpty()) {
            showSignIn();
            return;
        }
        m_secrets->read(TokenSession::clientSecretKey(choice.config), this, [this, choice](const QString &secret) {
            if (secret.isEmpty() || m_session->state() != TokenSession::State::SignedOut) {
                if (m_session->state() == TokenSession::State::SignedOut)
                    showSignIn();
                return;
            }
            CredentialChoice withSecret = choice;
            withSecret.clientSecret = secret;
            m_session->setCredential(CredentialFactory::create(withSecret));
            m_session->signIn();
        });
        return;
    }
    case Credential::Kind::DeviceCode:
    case Credential::Kind::Browser:
    case Credential::Kind::Environment:
    case Credential::Kind::AzureCli:
        // Refresh token from the keychain (public clients), or a silent sign-in (env, az);
        // signInFailed opens the dialog when there is nothing to restore.
        m_session->setCredential(CredentialFactory::create(choice));
        m_session->restore();
        return;
    }
}

void ConsoleController::onSessionStateChanged()
{
    switch (m_session->state()) {
    case TokenSession::State::SignedIn:
        if (m_session->credential())
            rememberSignIn(int(m_session->credential()->kind()));
        updateStatus();
        if (m_browser)
            m_browser->reloadWorkspaces();
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
        break;
    case TokenSession::State::SignedOut:
        updateStatus();
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
    if (!m_client || databases.isEmpty())
        return;
    // Top-level and self-deleting: an operator leaves it on a second screen, apart from the
    // main window; the controller (and so the client) outlives it.
    auto *window = new DashboardWindow(m_client.get());
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->setRefreshInterval(std::chrono::seconds(m_settings.refreshIntervalSeconds));
    window->watch(databases);
    window->show();
    m_dashboards << window;
    Q_EMIT dashboardOpened(window);
}

void ConsoleController::openFleet()
{
    if (!m_client || !m_browser)
        return;
    if (!m_fleetWindow) {
        // One fleet window, top-level like a dashboard; it shares the browser's workspaces
        // (capacity, role) and falls back on its crawl when catalog search is refused.
        m_fleet = std::make_unique<FleetLoader>(m_client.get(), m_browser.get());
        m_bulk = std::make_unique<BulkActionRunner>(m_client.get());
        m_fleetWindow = std::make_unique<FleetWindow>(m_fleet.get(), m_bulk.get());
        connect(m_fleetWindow.get(), &FleetWindow::dashboardRequested, this, &ConsoleController::openDashboard);
        connect(this, &ConsoleController::signedOut, m_fleet.get(), [this] {
            m_fleet->cancel();
            m_fleet->model()->clear(); // nothing of the tenant stays on screen
        });
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
    m_settings.lastSignInMethod = CredentialFactory::key(k);
    m_settings.lastAccount = m_session->identity().label();
    if (k == Credential::Kind::ClientSecret && m_session->credential()) {
        m_settings.lastServicePrincipalId = m_session->credential()->config().clientId;
        m_settings.lastServicePrincipalTenant = m_session->credential()->config().tenant;
    }
    saveSettings();
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
    if (!m_window)
        return;
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
        if (!m_settings.lastSignInMethod.isEmpty())
            dialog->setMethod(CredentialFactory::kindFromKey(m_settings.lastSignInMethod));
        dialog->setRememberedAccount(m_settings.lastAccount);
        dialog->setServicePrincipal(m_settings.lastServicePrincipalTenant.isEmpty() ? auth.tenant
                                                                                     : m_settings.lastServicePrincipalTenant,
                                    m_settings.lastServicePrincipalId);
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
        if (m_window)
            m_window->setRefreshInterval(std::chrono::seconds(m_settings.refreshIntervalSeconds));
        if (m_window)
            m_window->setDefinitionLimits(m_settings.definitionLimits());
        updateSignInHint();
        Q_EMIT message(tr("Settings saved."));
    });
    m_settingsDialog = dialog;
    dialog->open();
}

} // namespace fmc
