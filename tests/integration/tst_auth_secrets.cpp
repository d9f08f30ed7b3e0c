// No secrets in logs or on disk (docs/reliability-matrix.md), for sign-in: with verbose logging on and every secret the Entra emulator issued
// or received as a canary (access and refresh tokens, client secret, device_code, authorization
// code, code_verifier), no canary appears in any log output or in any file under the app's
// config, data and cache directories (test locations), including QSettings and any keychain
// fallback file. The keychain is the real one: on this machine it is unavailable, so the secrets
// must stay in memory only.
#include "tests/support/browserdriver.h"
#include "tests/support/logcapture.h"
#include "tests/support/secretscan.h"

#include "app/auth/browsercredential.h"
#include "app/auth/clientsecretcredential.h"
#include "app/auth/devicecodecredential.h"
#include "app/auth/secretstore.h"
#include "app/auth/tokensession.h"
#include "sandbox/entra/entraemulator.h"
#include "sandbox/sandbox.h"

#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace fmc;
using namespace fmc::test;
using namespace fmc::sandbox;

namespace {

// This app's own directories in the test locations (~/.qttest/...), and the organisation's
// config directory where QSettings (and a keychain fallback file, were it on) would write.
// The generic locations are shared with other test programs and are left alone.
QStringList scannedDirectories()
{
    return {QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation),
            QStandardPaths::writableLocation(QStandardPaths::AppDataLocation),
            QStandardPaths::writableLocation(QStandardPaths::CacheLocation),
            QFileInfo(QSettings().fileName()).absolutePath()};
}

} // namespace

class TestAuthSecrets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        for (const QString &directory : scannedDirectories())
            QDir(directory).removeRecursively();
        LogCapture::install();
    }

    void noSecretInLogsOrFiles()
    {
        Sandbox sandbox([] {
            SandboxOptions options;
            options.speed = 100; // the device code is approved 10 s after issue: 0.1 s here
            return options;
        }());
        QVERIFY(sandbox.listen());
        AuthConfig config;
        config.authority = sandbox.serverUrl();
        config.clientId = EntraEmulator::defaultPublicClientId();
        config.speed = 100;

        // What the console would remember: the last choice and account, never a secret.
        QSettings settings;
        settings.setValue(QStringLiteral("signIn/lastProvider"), QStringLiteral("browser"));
        settings.sync();

        SecretStore store; // the real keychain, with its insecure fallback off
        TokenSession session(&store);

        // Device code: pending, then approved; then a forced refresh (rotation).
        auto *deviceCode = new DeviceCodeCredential(config);
        session.setCredential(deviceCode);
        session.signIn();
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), TokenSession::State::SignedIn, 10000);
        std::optional<AccessTokenResult> result;
        session.requestToken(true, this, [&result](const AccessTokenResult &r) { result = r; });
        QTRY_VERIFY_WITH_TIMEOUT(result && result->ok(), 10000);

        // Browser with PKCE, then a forged callback that must be refused.
        BrowserDriver browser;
        auto *browserCredential = new BrowserCredential(config);
        browserCredential->setBrowserOpener(browser.opener());
        browserCredential->setTimeoutSeconds(360000);
        session.setCredential(browserCredential);
        session.signIn();
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), TokenSession::State::SignedIn, 10000);
        BrowserDriver forger;
        forger.tamper = [](QUrl url) {
            url.setQuery(QUrlQuery(url).toString().replace(QLatin1String("state="), QLatin1String("state=x")));
            return url;
        };
        browserCredential->setBrowserOpener(forger.opener());
        QSignalSpy failed(&session, &TokenSession::signInFailed);
        session.signIn();
        QVERIFY(failed.wait(10000));

        // Service principal with its secret; then everything revoked: invalid_grant paths.
        AuthConfig servicePrincipal = config;
        servicePrincipal.tenant = sandbox.entra()->tenantId();
        servicePrincipal.clientId = EntraEmulator::defaultClientId();
        session.setCredential(new ClientSecretCredential(servicePrincipal, EntraEmulator::defaultClientSecret()));
        session.signIn();
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), TokenSession::State::SignedIn, 10000);
        session.setCredential(new BrowserCredential(config));
        static_cast<BrowserCredential *>(session.credential())->setBrowserOpener(browser.opener());
        session.signIn();
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), TokenSession::State::SignedIn, 10000);
        sandbox.revokeAllTokens();
        result.reset();
        session.requestToken(true, this, [&result](const AccessTokenResult &r) { result = r; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000);
        QCOMPARE(result->errorCode, QStringLiteral("interaction_required"));
        session.signOut();
        QTRY_COMPARE_WITH_TIMEOUT(store.pendingJobs(), 0, 30000);

        // No keychain here: nothing persisted, and the user is told.
        if (store.persistence() == SecretStore::Persistence::SessionOnly)
            QVERIFY(!session.persistenceNotice().isEmpty());

        QStringList canaries = sandbox.entra()->issuedSecrets();
        canaries << EntraEmulator::defaultClientSecret();
        canaries.removeIf([](const QString &canary) { return canary.size() < 16; });
        canaries.removeDuplicates();
        QVERIFY2(canaries.size() >= 10, qPrintable(QString::number(canaries.size())));

        const QString log = LogCapture::text();
        QVERIFY(log.contains(QLatin1String("fmc.auth: POST"))); // verbose logging was really on
        for (const QString &canary : std::as_const(canaries)) {
            QVERIFY2(!secretscan::leaks(log, canary), qPrintable(QStringLiteral("the log leaks %1...").arg(canary.left(8))));
        }

        const secretscan::FileScan scan = secretscan::scanFiles(scannedDirectories(), canaries);
        QVERIFY2(scan.findings.isEmpty(), qPrintable(scan.findings.join(QLatin1Char('\n'))));
        QVERIFY(scan.files.contains(settings.fileName()));
    }

    void cleanupTestCase()
    {
        LogCapture::uninstall();
        for (const QString &directory : scannedDirectories())
            QDir(directory).removeRecursively();
    }
};

int main(int argc, char **argv)
{
    // Verbose: every fmc category at debug, whatever the environment says.
    qputenv("QT_LOGGING_RULES", "fmc.*=true");
    QCoreApplication app(argc, argv);
    app.setOrganizationName(QStringLiteral("fmc-test"));
    app.setApplicationName(QStringLiteral("tst_auth_secrets"));
    TestAuthSecrets test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_auth_secrets.moc"
