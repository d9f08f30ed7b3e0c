// The sign-in dialog with real widgets (offscreen) against the real Entra emulator over loopback:
// device code end to end (code and link shown, copy and open-browser buttons, approval through
// the emulator's admin API), cancel and decline, service principal (and a wrong secret shown with
// its AADSTS code), pasted token and FABRIC_TOKEN, environment, a missing Azure CLI; and through
// the ConsoleController: the remembered method and account restored, sign-out clearing the
// secrets, and no secret in the settings file.
#include "tests/support/entrahost.h"

#include "app/api/fabricclient.h"
#include "app/auth/clientsecretcredential.h"
#include "app/auth/credentialfactory.h"
#include "app/auth/secretstore.h"
#include "app/auth/tokensession.h"
#include "app/workspacebrowser.h"
#include "models/workspacelistmodel.h"
#include "sandbox/entra/entraemulator.h"
#include "sandbox/sandbox.h"
#include "app/main/consolecontroller.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/signin/signindialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDirIterator>
#include <QFile>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace fmc;
using namespace fmc::test;
using namespace fmc::sandbox;

namespace {

constexpr double kSpeed = 20.0; // protocol seconds per wall second: a 5 s poll interval is 250 ms

template <typename T>
T *child(QObject *parent, const char *name)
{
    T *found = parent->findChild<T *>(QLatin1String(name));
    if (!found)
        qWarning("no child %s", name);
    return found;
}

void click(QWidget *widget)
{
    QVERIFY(widget);
    QVERIFY2(widget->isEnabled(), qPrintable(widget->objectName() + QStringLiteral(" is disabled: ") + widget->toolTip()));
    QTest::mouseClick(widget, Qt::LeftButton);
}

// POSTs to the emulator's admin API, as an operator (or a test) approving a sign-in would.
int adminPost(const QUrl &base, const QString &path)
{
    QNetworkAccessManager network;
    QNetworkRequest request(base.resolved(QUrl(path)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QNetworkReply *reply = network.post(request, QByteArray("{}"));
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!done.wait(5000))
        return 0;
    reply->deleteLater();
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

// A session whose secrets stay in memory: tests never touch the keychain.
struct MemorySession {
    SecretStore store;
    TokenSession session{&store};
    MemorySession() { store.setKeychainEnabled(false); }
};

QStringList capturedLog;

void captureMessage(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    capturedLog << QString::fromLatin1(context.category ? context.category : "default") + QLatin1String(": ") + message;
}

// A canary, or its first or last 20 characters (a truncated copy is a leak too).
bool leaks(const QString &text, const QString &secret)
{
    if (secret.size() < 12)
        return text.contains(secret);
    return text.contains(secret.left(20)) || text.contains(secret.right(20));
}

SandboxOptions quietSandbox()
{
    SandboxOptions options;
    options.demoData = true;
    return options;
}

// The command line of a run against \a sandbox as if it were the real service (no --sandbox).
ConsoleOptions endpointsOf(const Sandbox &sandbox)
{
    ConsoleOptions options;
    options.apiBaseUrl = sandbox.serverUrl().resolved(QUrl(QStringLiteral("/v1")));
    options.authority = sandbox.serverUrl();
    options.tenant = sandbox.entra()->tenantId();
    options.clientId = EntraEmulator::defaultPublicClientId();
    return options;
}

AuthConfig sandboxAuth(const Sandbox &sandbox)
{
    AuthConfig config;
    config.authority = sandbox.serverUrl();
    config.tenant = sandbox.entra()->tenantId();
    config.clientId = EntraEmulator::defaultPublicClientId();
    return config;
}

} // namespace

class TestSignIn : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_shots;

    // An Entra emulator that never approves by itself, at kSpeed.
    std::unique_ptr<EntraHost> entraHost()
    {
        EntraOptions options;
        options.deviceCodeAutoApproveAfterSeconds = -1;
        auto host = std::make_unique<EntraHost>(options, kSpeed);
        return host;
    }
    AuthConfig hostAuth(EntraHost &host)
    {
        AuthConfig config;
        config.authority = host.url();
        config.tenant = host.entra().tenantId();
        config.clientId = EntraEmulator::defaultPublicClientId();
        config.speed = kSpeed;
        return config;
    }
    void shoot(QWidget *widget, const QString &name)
    {
        if (!m_shots.isEmpty())
            QVERIFY(widget->grab().save(m_shots + QLatin1Char('/') + name + QStringLiteral(".png")));
    }
    // Starts a device-code sign-in in \a dialog and waits for the code to show; the user code.
    QString startDeviceCode(SignInDialog &dialog)
    {
        dialog.setMethod(Credential::Kind::DeviceCode);
        click(child<QPushButton>(&dialog, "signInButton"));
        auto *code = child<QLabel>(&dialog, "userCodeLabel");
        [&] { QTRY_VERIFY_WITH_TIMEOUT(code->isVisible() && !code->text().isEmpty(), 5000); }();
        return code->text();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_shots = qEnvironmentVariable("FMC_SCREENSHOT_DIR");
    }

    void deviceCodeEndToEnd()
    {
        auto host = entraHost();
        MemorySession memory;
        TokenSession &session = memory.session;
        SignInDialog dialog(&session, hostAuth(*host));
        QList<QUrl> opened;
        dialog.setUrlOpener([&opened](const QUrl &url) { opened << url; return true; });
        QSignalSpy signedIn(&dialog, &SignInDialog::signedIn);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        shoot(&dialog, QStringLiteral("signin-device-code-idle"));

        const QString code = startDeviceCode(dialog);
        QVERIFY(dialog.isBusy());
        QVERIFY(child<QProgressBar>(&dialog, "signInProgress")->isVisible());
        QVERIFY(!child<QListWidget>(&dialog, "methodList")->isEnabled());
        QVERIFY(child<QLabel>(&dialog, "verificationLink")->text().contains(QLatin1String("/devicelogin")));
        QVERIFY(child<QLabel>(&dialog, "expiryLabel")->text().contains(QLatin1String("expires in")));
        QCOMPARE(child<QPushButton>(&dialog, "cancelButton")->text(), QStringLiteral("Cancel sign-in"));

        click(child<QPushButton>(&dialog, "copyCodeButton"));
        QCOMPARE(QGuiApplication::clipboard()->text(), code);
        click(child<QPushButton>(&dialog, "openBrowserButton"));
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.constFirst().path(), QStringLiteral("/devicelogin"));
        shoot(&dialog, QStringLiteral("signin-device-code-waiting"));

        // Still pending: the dialog keeps polling until someone approves.
        QTRY_VERIFY_WITH_TIMEOUT(host->pollTimesMs.size() >= 1, 5000);
        QCOMPARE(session.state(), TokenSession::State::SigningIn);
        QCOMPARE(adminPost(host->url(), QStringLiteral("/_sandbox/entra/device-codes/%1/approve").arg(code)), 200);

        QTRY_COMPARE_WITH_TIMEOUT(session.state(), TokenSession::State::SignedIn, 5000);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(!dialog.isVisible());
        QCOMPARE(signedIn.size(), 1);
        QCOMPARE(signedIn.constFirst().constFirst().value<Credential::Kind>(), Credential::Kind::DeviceCode);
        QVERIFY(!session.identity().label().isEmpty());
    }

    void deviceCodeCancelStopsPolling()
    {
        auto host = entraHost();
        MemorySession memory;
        TokenSession &session = memory.session;
        SignInDialog dialog(&session, hostAuth(*host));
        dialog.show();
        startDeviceCode(dialog);
        Credential *credential = session.credential();
        QVERIFY(credential && credential->isBusy());

        click(child<QPushButton>(&dialog, "cancelButton"));
        QVERIFY(!dialog.isBusy());
        QVERIFY(!credential->isBusy());
        QCOMPARE(session.state(), TokenSession::State::SignedOut);
        QVERIFY(dialog.isVisible()); // cancel stops the sign-in, not the dialog
        QVERIFY(!child<QWidget>(&dialog, "deviceCodeBox")->isVisible());
        QVERIFY(child<QLabel>(&dialog, "statusLabel")->text().contains(QLatin1String("cancelled")));
        QVERIFY(child<QPushButton>(&dialog, "signInButton")->isEnabled());
        QCOMPARE(child<QPushButton>(&dialog, "cancelButton")->text(), QStringLiteral("Close"));
    }

    void deviceCodeDeclinedShowsWhy()
    {
        auto host = entraHost();
        MemorySession memory;
        TokenSession &session = memory.session;
        SignInDialog dialog(&session, hostAuth(*host));
        dialog.show();
        const QString code = startDeviceCode(dialog);
        QCOMPARE(adminPost(host->url(), QStringLiteral("/_sandbox/entra/device-codes/%1/decline").arg(code)), 200);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy(), 5000);
        QVERIFY(dialog.isVisible());
        QVERIFY2(dialog.errorText().contains(QLatin1String("authorization_declined"))
                     || dialog.errorText().contains(QLatin1String("AADSTS")),
                 qPrintable(dialog.errorText()));
        QVERIFY(child<QLabel>(&dialog, "errorLabel")->isVisible());
        QCOMPARE(session.state(), TokenSession::State::SignedOut);
        shoot(&dialog, QStringLiteral("signin-device-code-declined"));
    }

    void servicePrincipal()
    {
        Sandbox sandbox(quietSandbox());
        QVERIFY(sandbox.listen());
        MemorySession memory;
        TokenSession &session = memory.session;
        SignInDialog dialog(&session, sandboxAuth(sandbox));
        dialog.setMethod(Credential::Kind::ClientSecret);
        dialog.show();
        auto *signIn = child<QPushButton>(&dialog, "signInButton");
        auto *tenant = child<QLineEdit>(&dialog, "spTenantEdit");
        auto *clientId = child<QLineEdit>(&dialog, "spClientIdEdit");
        auto *secret = child<QLineEdit>(&dialog, "spSecretEdit");
        QCOMPARE(secret->echoMode(), QLineEdit::Password);
        QVERIFY(!signIn->isEnabled()); // nothing entered yet
        QTest::keyClicks(tenant, sandbox.entra()->tenantId());
        QTest::keyClicks(clientId, EntraEmulator::defaultClientId());
        QVERIFY(!signIn->isEnabled());
        QVERIFY(signIn->toolTip().contains(QLatin1String("secret")));

        // A wrong secret: the service's AADSTS code is shown and the dialog stays usable.
        QTest::keyClicks(secret, QStringLiteral("not-the-secret"));
        shoot(&dialog, QStringLiteral("signin-service-principal"));
        click(signIn);
        QVERIFY(secret->text().isEmpty()); // handed to the credential, gone from the widget
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy(), 5000);
        QVERIFY2(dialog.errorText().contains(QLatin1String("AADSTS7000215")), qPrintable(dialog.errorText()));
        QVERIFY2(dialog.errorText().contains(QLatin1String("invalid_client")), qPrintable(dialog.errorText()));
        QVERIFY(!dialog.errorText().contains(QLatin1String("not-the-secret")));
        shoot(&dialog, QStringLiteral("signin-error"));

        QTest::keyClicks(secret, EntraEmulator::defaultClientSecret());
        click(signIn);
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), TokenSession::State::SignedIn, 5000);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(session.credential()->kind(), Credential::Kind::ClientSecret);
        QCOMPARE(session.credential()->config().clientId, EntraEmulator::defaultClientId());
    }

    void servicePrincipalRefusesMultiTenantNames_data()
    {
        QTest::addColumn<QString>("tenant");
        QTest::addColumn<bool>("refused");
        QTest::addRow("organizations") << "organizations" << true;
        QTest::addRow("common") << "common" << true;
        QTest::addRow("consumers") << "consumers" << true;
        QTest::addRow("any case") << "Organizations" << true;
        QTest::addRow("a domain") << "contoso.onmicrosoft.com" << false;
        QTest::addRow("a tenant id") << "72f988bf-86f1-41af-91ab-2d7cd011db47" << false;
    }
    //! Entra ID refuses the multi-tenant names for client credentials: the dialog says so under
    //! the tenant as soon as it is typed, keeps Sign in disabled and sends nothing.
    void servicePrincipalRefusesMultiTenantNames()
    {
        QFETCH(QString, tenant);
        QFETCH(bool, refused);
        MemorySession memory;
        SignInDialog dialog(&memory.session, AuthConfig{});
        dialog.setMethod(Credential::Kind::ClientSecret);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClicks(child<QLineEdit>(&dialog, "spTenantEdit"), tenant);
        QTest::keyClicks(child<QLineEdit>(&dialog, "spClientIdEdit"), EntraEmulator::defaultClientId());
        QTest::keyClicks(child<QLineEdit>(&dialog, "spSecretEdit"), QStringLiteral("a secret"));
        auto *problem = child<QLabel>(&dialog, "spTenantProblem");
        auto *signIn = child<QPushButton>(&dialog, "signInButton");
        QCOMPARE(problem->isVisible(), refused);
        QCOMPARE(signIn->isEnabled(), !refused);
        if (!refused)
            return;
        QVERIFY2(problem->text().contains(QLatin1String("Entra ID refuses it")), qPrintable(problem->text()));
        QVERIFY(signIn->toolTip().contains(QLatin1String("Entra ID refuses it")));
        dialog.startSignIn();
        QVERIFY(!dialog.isBusy());
        QVERIFY(dialog.errorText().contains(QLatin1String("names no tenant")));
        QCOMPARE(memory.session.state(), TokenSession::State::SignedOut);
    }

    void pastedTokenAndFabricToken()
    {
        Sandbox sandbox(quietSandbox());
        QVERIFY(sandbox.listen());
        // A real token from the emulator, as a user would copy it from elsewhere.
        MemorySession memory;
        TokenSession &issuer = memory.session;
        AuthConfig sp = sandboxAuth(sandbox);
        sp.clientId = EntraEmulator::defaultClientId();
        issuer.setCredential(new ClientSecretCredential(sp, EntraEmulator::defaultClientSecret()));
        issuer.signIn();
        QTRY_COMPARE_WITH_TIMEOUT(issuer.state(), TokenSession::State::SignedIn, 5000);
        QString token;
        issuer.requestToken(false, this, [&token](const AccessTokenResult &r) { token = r.accessToken; });
        QTRY_VERIFY_WITH_TIMEOUT(!token.isEmpty(), 5000);

        TokenSession session(&memory.store);
        {
            SignInDialog dialog(&session, sandboxAuth(sandbox));
            dialog.setEnvironment(QProcessEnvironment());
            dialog.setMethod(Credential::Kind::StaticToken);
            dialog.show();
            auto *signIn = child<QPushButton>(&dialog, "signInButton");
            QVERIFY(!signIn->isEnabled());
            QVERIFY(child<QLabel>(&dialog, "tokenHint")->text().contains(QLatin1String("not set")));
            auto *edit = child<QLineEdit>(&dialog, "tokenEdit");
            QCOMPARE(edit->echoMode(), QLineEdit::Password);
            edit->setText(QStringLiteral("Bearer ") + token); // pasted, with the prefix some tools add
            shoot(&dialog, QStringLiteral("signin-token"));
            click(signIn);
            QVERIFY(edit->text().isEmpty());
            QTRY_COMPARE_WITH_TIMEOUT(session.state(), TokenSession::State::SignedIn, 5000);
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
        }
        session.signOut();

        SignInDialog dialog(&session, sandboxAuth(sandbox));
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("FABRIC_TOKEN"), token);
        dialog.setEnvironment(environment);
        dialog.setMethod(Credential::Kind::StaticToken);
        dialog.show();
        QVERIFY(child<QLabel>(&dialog, "tokenHint")->text().contains(QLatin1String("FABRIC_TOKEN is set")));
        click(child<QPushButton>(&dialog, "signInButton"));
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), TokenSession::State::SignedIn, 5000);
    }

    void environment()
    {
        Sandbox sandbox(quietSandbox());
        QVERIFY(sandbox.listen());
        MemorySession memory;
        TokenSession &session = memory.session;
        SignInDialog dialog(&session, sandboxAuth(sandbox));
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("AZURE_TENANT_ID"), sandbox.entra()->tenantId());
        dialog.setEnvironment(environment);
        dialog.setMethod(Credential::Kind::Environment);
        dialog.show();
        auto *signIn = child<QPushButton>(&dialog, "signInButton");
        QVERIFY(!signIn->isEnabled());
        QVERIFY(signIn->toolTip().contains(QLatin1String("AZURE_CLIENT_ID, AZURE_CLIENT_SECRET")));

        environment.insert(QStringLiteral("AZURE_CLIENT_ID"), EntraEmulator::defaultClientId());
        environment.insert(QStringLiteral("AZURE_CLIENT_SECRET"), EntraEmulator::defaultClientSecret());
        environment.insert(QStringLiteral("AZURE_AUTHORITY_HOST"), sandbox.serverUrl().toString());
        dialog.setEnvironment(environment);
        const QString state = child<QLabel>(&dialog, "environmentState")->text();
        QVERIFY(state.contains(EntraEmulator::defaultClientId()));
        QVERIFY(!state.contains(EntraEmulator::defaultClientSecret())); // "set (hidden)"
        shoot(&dialog, QStringLiteral("signin-environment"));
        click(signIn);
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), TokenSession::State::SignedIn, 5000);
    }

    void azureCliMissing()
    {
        MemorySession memory;
        TokenSession &session = memory.session;
        SignInDialog dialog(&session, AuthConfig{});
        dialog.setAzureCliProgram(QStringLiteral("az-not-installed-here"));
        dialog.setMethod(Credential::Kind::AzureCli);
        dialog.show();
        QVERIFY(!child<QPushButton>(&dialog, "signInButton")->isEnabled());
        const QString state = child<QLabel>(&dialog, "azureCliState")->text();
        QVERIFY2(state.contains(QLatin1String("was not found")) && state.contains(QLatin1String("az login")),
                 qPrintable(state));
        shoot(&dialog, QStringLiteral("signin-azure-cli-missing"));
        // Forcing it anyway shows the reason instead of starting anything.
        dialog.startSignIn();
        QVERIFY(!dialog.isBusy());
        QVERIFY(dialog.errorText().contains(QLatin1String("was not found")));
        QCOMPARE(session.state(), TokenSession::State::SignedOut);
    }

    void browserPageWithoutClientId()
    {
        MemorySession memory;
        TokenSession &session = memory.session;
        AuthConfig config;
        config.clientId.clear();
        SignInDialog dialog(&session, config);
        dialog.setMethod(Credential::Kind::Browser);
        dialog.show();
        QVERIFY(!child<QPushButton>(&dialog, "signInButton")->isEnabled());
        QVERIFY(child<QLabel>(&dialog, "browserIntro")->text().contains(QLatin1String("--client-id")));
        QVERIFY(
            child<QLabel>(&dialog, "browserIntro")->text().startsWith(QLatin1String("Sign in with your web browser.")));
    }

    void browserSignInOpensTheLink()
    {
        Sandbox sandbox(quietSandbox());
        QVERIFY(sandbox.listen());
        MemorySession memory;
        TokenSession &session = memory.session;
        SignInDialog dialog(&session, sandboxAuth(sandbox));
        QUrl opened;
        // The "browser" here opens nothing: the page waits, shows the link, and can be cancelled.
        dialog.setUrlOpener([&opened](const QUrl &url) { opened = url; return true; });
        dialog.setMethod(Credential::Kind::Browser);
        dialog.show();
        click(child<QPushButton>(&dialog, "signInButton"));
        QTRY_VERIFY_WITH_TIMEOUT(opened.isValid(), 5000);
        QVERIFY(opened.path().endsWith(QLatin1String("/oauth2/v2.0/authorize")));
        QTRY_VERIFY(child<QWidget>(&dialog, "browserBox")->isVisible());
        QVERIFY(child<QLabel>(&dialog, "authorizeLink")->text().contains(QLatin1String("authorize")));
        shoot(&dialog, QStringLiteral("signin-browser-waiting"));
        click(child<QPushButton>(&dialog, "cancelButton"));
        QVERIFY(!dialog.isBusy());
        QCOMPARE(session.state(), TokenSession::State::SignedOut);
    }

    // Through the controller, with the command line pointing at the sandbox as real endpoints.
    void rememberedChoiceRestoredAndSignOutClears()
    {
        Sandbox sandbox(quietSandbox());
        QVERIFY(sandbox.listen());
        const QString iniPath = m_dir.filePath(QStringLiteral("remember.ini"));
        const ConsoleOptions options = endpointsOf(sandbox);

        {
            QSettings settings(iniPath, QSettings::IniFormat);
            ConsoleController console(&settings);
            console.setKeychainEnabled(false);
            console.setCommandLine(options);
            console.start();
            // Nothing remembered: the dialog opens on its own.
            QTRY_VERIFY(console.signInDialog());
            SignInDialog *dialog = console.signInDialog();
            QTRY_VERIFY(dialog->isVisible());
            dialog->setMethod(Credential::Kind::ClientSecret);
            child<QLineEdit>(dialog, "spTenantEdit")->setText(sandbox.entra()->tenantId());
            child<QLineEdit>(dialog, "spClientIdEdit")->setText(EntraEmulator::defaultClientId());
            child<QLineEdit>(dialog, "spSecretEdit")->setText(EntraEmulator::defaultClientSecret());
            click(child<QPushButton>(dialog, "signInButton"));
            QTRY_COMPARE_WITH_TIMEOUT(console.session()->state(), TokenSession::State::SignedIn, 5000);
            QTRY_VERIFY(!console.signInDialog());
            QVERIFY(!console.signedInAs().isEmpty());

            // The secret is held for the session (memory; the keychain is off in tests)...
            // (under the profile's prefix: each profile keeps its own keychain entries)
            const QString key = console.session()->storedKey(
                TokenSession::clientSecretKey(console.session()->credential()->config()));
            QString held = QStringLiteral("<pending>");
            console.secretStore()->read(key, this, [&held](const QString &s) { held = s; });
            QTRY_VERIFY(held != QLatin1String("<pending>"));
            QCOMPARE(held, EntraEmulator::defaultClientSecret());
            // ... and sign-out forgets it and the tokens.
            QSignalSpy out(&console, &ConsoleController::signedOut);
            console.signOut();
            QCOMPARE(out.size(), 1);
            QCOMPARE(console.session()->state(), TokenSession::State::SignedOut);
            held = QStringLiteral("<pending>");
            console.secretStore()->read(key, this, [&held](const QString &s) { held = s; });
            QTRY_VERIFY(held != QLatin1String("<pending>"));
            QVERIFY(held.isEmpty());
            std::optional<AccessTokenResult> after;
            console.session()->requestToken(false, this, [&after](const AccessTokenResult &r) { after = r; });
            QTRY_VERIFY(after.has_value());
            QCOMPARE(after->errorCode, QStringLiteral("not_signed_in"));
        }

        // The settings file names the method and the account, and holds no secret or token.
        QFile file(iniPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray saved = file.readAll();
        QVERIFY(saved.contains("client-secret"));
        QVERIFY(saved.contains(EntraEmulator::defaultClientId().toUtf8()));
        QVERIFY(!saved.contains(EntraEmulator::defaultClientSecret().toUtf8()));
        const QStringList secrets = sandbox.entra()->issuedSecrets();
        QVERIFY(!secrets.isEmpty());
        for (const QString &secret : secrets)
            QVERIFY2(!saved.contains(secret.toUtf8()), "a secret reached the settings file");

        // Next start: the remembered method, account and service principal are preselected
        // (the secret was session-only here, so the user is asked for it again).
        QSettings settings(iniPath, QSettings::IniFormat);
        ConsoleController console(&settings);
        console.setKeychainEnabled(false);
        console.setCommandLine(options);
        console.start();
        QTRY_VERIFY(console.signInDialog() && console.signInDialog()->isVisible());
        SignInDialog *dialog = console.signInDialog();
        QCOMPARE(dialog->method(), Credential::Kind::ClientSecret);
        QVERIFY(child<QLabel>(dialog, "rememberedLabel")->isVisible());
        QVERIFY(child<QLabel>(dialog, "rememberedLabel")->text().contains(console.settings().lastAccount));
        QVERIFY(!console.settings().lastAccount.isEmpty());
        QCOMPARE(dialog->servicePrincipalClientId(), EntraEmulator::defaultClientId());
        QCOMPARE(dialog->servicePrincipalTenant(), sandbox.entra()->tenantId());
        QVERIFY(child<QLineEdit>(dialog, "spSecretEdit")->text().isEmpty());
        shoot(dialog, QStringLiteral("signin-remembered"));
    }

    // No secrets in logs or on disk (docs/reliability-matrix.md), through the dialogs: with every fmc category at debug, a service principal
    // typed into the dialog and a pasted token leave no canary (the emulator's issued and
    // received secrets) in the log or in the settings file and the app's directories.
    void noSecretInLogsOrFiles()
    {
        Sandbox sandbox(quietSandbox());
        QVERIFY(sandbox.listen());
        QLoggingCategory::setFilterRules(QStringLiteral("fmc.*=true"));
        const auto previous = qInstallMessageHandler(captureMessage);
        const auto restore = qScopeGuard([previous] {
            qInstallMessageHandler(previous);
            QLoggingCategory::setFilterRules(QString());
        });
        const ConsoleOptions options = endpointsOf(sandbox);
        QString token;
        {
            QSettings settings; // the test-mode location, scanned below
            settings.clear();   // nothing remembered from an earlier run
            ConsoleController console(&settings);
            console.setKeychainEnabled(false);
            console.setCommandLine(options);
            console.start();
            QTRY_VERIFY(console.signInDialog() && console.signInDialog()->isVisible());
            SignInDialog *dialog = console.signInDialog();
            dialog->setMethod(Credential::Kind::ClientSecret);
            QCOMPARE(dialog->servicePrincipalTenant(), sandbox.entra()->tenantId()); // prefilled
            QTest::keyClicks(child<QLineEdit>(dialog, "spClientIdEdit"), EntraEmulator::defaultClientId());
            QTest::keyClicks(child<QLineEdit>(dialog, "spSecretEdit"), EntraEmulator::defaultClientSecret());
            click(child<QPushButton>(dialog, "signInButton"));
            QTRY_COMPARE_WITH_TIMEOUT(console.session()->state(), TokenSession::State::SignedIn, 5000);
            console.session()->requestToken(false, this, [&token](const AccessTokenResult &r) { token = r.accessToken; });
            QTRY_VERIFY(!token.isEmpty());
            // Sign in again by pasting that token.
            console.showSignIn();
            QTRY_VERIFY(console.signInDialog() && console.signInDialog()->isVisible());
            dialog = console.signInDialog();
            dialog->setMethod(Credential::Kind::StaticToken);
            child<QLineEdit>(dialog, "tokenEdit")->setText(token);
            // signedIn() comes once the sign-in's disk work (the remembered method) is done.
            QSignalSpy signedIn(&console, &ConsoleController::signedIn);
            click(child<QPushButton>(dialog, "signInButton"));
            QTRY_VERIFY_WITH_TIMEOUT(!console.signInDialog(), 5000);
            QCOMPARE(console.session()->state(), TokenSession::State::SignedIn);
            QTRY_VERIFY_WITH_TIMEOUT(signedIn.count() > 0, 5000);
            QTRY_VERIFY_WITH_TIMEOUT(console.browser()->workspaces()->rowCount() > 0, 5000);
        }
        QStringList canaries = sandbox.entra()->issuedSecrets();
        canaries << EntraEmulator::defaultClientSecret() << token;
        const QString log = capturedLog.join(QLatin1Char('\n'));
        QVERIFY(log.contains(QLatin1String("fmc.api.http"))); // the log was really captured
        QString files;
        for (const QString &dir : {QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation),
                                   QStandardPaths::writableLocation(QStandardPaths::AppDataLocation),
                                   QFileInfo(QSettings().fileName()).absolutePath()}) {
            QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile file(it.next());
                if (file.open(QIODevice::ReadOnly))
                    files += QString::fromUtf8(file.readAll());
            }
        }
        QVERIFY(files.contains(QLatin1String("method=token"))); // the settings were written there
        for (const QString &canary : std::as_const(canaries)) {
            QVERIFY2(!leaks(log, canary), "a secret reached the log");
            QVERIFY2(!leaks(files, canary), "a secret reached a file");
        }
    }

    void sandboxModeSignsInByItself()
    {
        Sandbox sandbox(quietSandbox());
        QVERIFY(sandbox.listen());
        QSettings settings(m_dir.filePath(QStringLiteral("sandbox.ini")), QSettings::IniFormat);
        ConsoleController console(&settings);
        ConsoleController::SandboxEndpoints endpoints;
        endpoints.apiBaseUrl = sandbox.serverUrl().resolved(QUrl(QStringLiteral("/v1")));
        endpoints.auth = sandboxAuth(sandbox);
        endpoints.servicePrincipalId = EntraEmulator::defaultClientId();
        endpoints.servicePrincipalSecret = EntraEmulator::defaultClientSecret();
        console.useSandbox(endpoints);
        QSignalSpy signedIn(&console, &ConsoleController::signedIn);
        console.start();
        QTRY_COMPARE_WITH_TIMEOUT(signedIn.size(), 1, 5000);
        QVERIFY(!console.signInDialog());
        QCOMPARE(console.secretStore()->persistence(), SecretStore::Persistence::SessionOnly);
        // The status bar: who, to which endpoint, and network activity from the client's signal.
        auto *who = child<QLabel>(console.mainWindow(), "signedInLabel");
        QVERIFY(who->text().contains(console.signedInAs()));
        QVERIFY(who->text().contains(endpoints.apiBaseUrl.toDisplayString()));
        auto *activity = child<QLabel>(console.mainWindow(), "networkActivityLabel");
        QVERIFY(activity->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(console.browser()->workspaces()->rowCount() > 0, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(activity->text(), QStringLiteral("Network: idle"), 5000);
        QSignalSpy activityChanges(console.client(), &FabricClient::activityChanged);
        console.browser()->reloadWorkspaces();
        QTRY_VERIFY(activity->text().contains(QLatin1String("request")));
        QTRY_COMPARE_WITH_TIMEOUT(activity->text(), QStringLiteral("Network: idle"), 5000);
        QVERIFY(activityChanges.size() >= 2);
        // Signing out shows it, and the window's sign-in action brings the dialog back.
        console.signOut();
        QVERIFY(who->text().contains(QLatin1String("Not signed in")));
        // The sandbox's demo account is not remembered as the user's.
        QVERIFY(console.settings().lastSignInMethod.isEmpty());
        // The dialog can still be used against the sandbox's Entra, prefilled with its principal.
        console.showSignIn();
        QTRY_VERIFY(console.signInDialog() && console.signInDialog()->isVisible());
        QCOMPARE(console.signInDialog()->servicePrincipalClientId(), EntraEmulator::defaultClientId());
    }
};

int main(int argc, char **argv)
{
    // The leak test needs every fmc category at debug, whatever ctest's environment says
    // (environment rules are read once, when logging starts).
    qputenv("QT_LOGGING_RULES", "fmc.*=true");
    QApplication app(argc, argv);
    TestSignIn test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_signin.moc"
