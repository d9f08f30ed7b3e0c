// fmc's device-code sign-in and the sign-in it shares with the console (issue #22), against the
// sandbox's Entra emulator and a real keychain of the test's own (TemporaryKeychain: a private
// D-Bus session with gnome-keyring's Secret Service). `fmc login` runs as a process, its code is
// read from stderr and approved (or declined, or left to expire) on the emulator as a person
// would on the sign-in page; later fmc runs and the console's own start-up classes then sign in
// from the keychain without asking. Nothing secret may appear in any output or settings file.

#include "app/api/fabricclient.h"
#include "app/auth/browsercredential.h"
#include "app/auth/secretstore.h"
#include "app/auth/tokensession.h"
#include "app/profiles/profilesecretmigration.h"
#include "app/profiles/profilesession.h"
#include "app/profiles/profilestore.h"
#include "sandbox/entra/entraemulator.h"
#include "tests/support/browserdriver.h"
#include "tests/support/clifixture.h"
#include "tests/support/secretscan.h"
#include "tests/support/temporarykeychain.h"

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace fmc;
using namespace fmc::test;

namespace {

const QString kDatabase = QStringLiteral("Sales Analytics/SalesMirror");

} // namespace

class TestCliSignIn : public CliFixture
{
    Q_OBJECT

    TemporaryKeychain m_keychain{m_home};
    QStringList m_outputs; //!< everything fmc printed, for the secret scan at the end

    //! The console's settings file in the temporary home (where fmc's QSettings looks).
    std::unique_ptr<QSettings> consoleSettings() const
    {
        return std::make_unique<QSettings>(m_home.filePath(QStringLiteral("config"))
                                               + QStringLiteral("/FabricMirroringConsole/fabric-mirroring-console.conf"),
                                           QSettings::IniFormat);
    }

    //! Endpoints as a user of this tenant would have set them in the console, no sign-in yet.
    void writeConsoleEndpoints(bool withProfile)
    {
        QFile::remove(consoleSettings()->fileName());
        const std::unique_ptr<QSettings> settings = consoleSettings();
        if (withProfile) {
            ProfileStore profiles(settings.get());
            Profile profile;
            profile.id = Profile::newId();
            profile.name = QStringLiteral("Sandbox tenant");
            profile.apiBaseUrl = apiUrl();
            profile.authority = m_sandbox->serverUrl();
            profile.clientId = sandbox::EntraEmulator::defaultPublicClientId();
            profiles.save(profile);
            profiles.setLastUsedId(profile.id);
        } else {
            settings->setValue(QStringLiteral("api/baseUrl"), apiUrl().toString());
            settings->setValue(QStringLiteral("auth/authority"), m_sandbox->serverUrl().toString());
            settings->setValue(QStringLiteral("auth/clientId"), sandbox::EntraEmulator::defaultPublicClientId());
        }
        settings->sync();
    }

    QUrl apiUrl() const { return m_sandbox->serverUrl().resolved(QUrl(QStringLiteral("/v1"))); }

    //! \brief fmc's environment with the keychain (or none: no D-Bus session) and no service
    //! principal: only what the console left.
    QProcessEnvironment signInEnvironment(bool keychain = true) const
    {
        QProcessEnvironment env = environment();
        for (const char *name : {"AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_AUTHORITY_HOST"})
            env.remove(QString::fromLatin1(name));
        if (keychain)
            m_keychain.addTo(env);
        return env;
    }

    CliRun run(const QStringList &args)
    {
        CliRun result = fmc(args, signInEnvironment());
        m_outputs << result.outText() << result.errText();
        return result;
    }

    //! \brief `fmc login ARGS`: reads the code fmc prints on stderr and lets \a answer decide on
    //! it on the sign-in page (approve, decline, or nothing). \a printedCode gets the code.
    CliRun login(const QStringList &args, const std::function<void(const QString &code)> &answer, QString *printedCode,
                 bool keychain = true)
    {
        QProcess process;
        process.setProcessEnvironment(signInEnvironment(keychain));
        process.start(fmcPath(), QStringList{QStringLiteral("--api-url"), apiUrl().toString(), QStringLiteral("login")} + args);
        process.closeWriteChannel();
        CliRun result;
        static const QRegularExpression prompt(QStringLiteral("open (\\S+) and enter the code (\\S+)"));
        QRegularExpressionMatch match;
        const bool prompted = QTest::qWaitFor([&] {
            result.err += process.readAllStandardError();
            match = prompt.match(QString::fromUtf8(result.err));
            return match.hasMatch() || process.state() == QProcess::NotRunning;
        }, 20000);
        if (prompted && match.hasMatch()) {
            *printedCode = match.captured(2);
            answer(*printedCode);
        }
        result.finished = QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 20000);
        if (!result.finished) {
            process.kill();
            process.waitForFinished(2000);
        }
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.out = process.readAllStandardOutput();
        result.err += process.readAllStandardError();
        m_outputs << result.outText() << result.errText();
        return result;
    }

    struct ConsoleStart {
        bool signedIn = false;
        bool askedToSignIn = false;
        QString account;
        QString method;
    };

    //! \brief What the console does at start (ConsoleController::start): the profile used last
    //! (made from the settings at the upgrade, with the keychain entries copied), then
    //! ProfileSession::signInSilently() with its remembered method.
    ConsoleStart startConsole()
    {
        ConsoleStart result;
        const std::unique_ptr<QSettings> settings = consoleSettings();
        ProfileStore profiles(settings.get());
        SecretStore secrets;
        const bool upgrade = profiles.needsMigration();
        const Profile profile = upgrade ? profiles.migrateLegacySettings() : profiles.find(profiles.lastUsedId()).value_or(Profile());
        result.method = profile.signInMethod;
        FabricClient::Config clientConfig;
        clientConfig.apiBaseUrl = apiUrl();
        ProfileSession session(profile, &secrets, clientConfig);
        QSignalSpy asked(&session, &ProfileSession::interactionNeeded);
        QSignalSpy failed(session.tokenSession(), &TokenSession::signInFailed);
        if (upgrade)
            ProfileSecretMigration::run(&secrets, profile, this, [&session](int) { session.signInSilently(); });
        else
            session.signInSilently();
        const bool settled =
            QTest::qWaitFor([&] { return session.isSignedIn() || !asked.isEmpty() || !failed.isEmpty(); }, 20000);
        result.signedIn = settled && session.isSignedIn();
        result.askedToSignIn = !asked.isEmpty() || !failed.isEmpty();
        result.account = session.tokenSession()->identity().label();
        // A rotated refresh token must reach the keychain before the next reader.
        if (!QTest::qWaitFor([&secrets] { return secrets.pendingJobs() == 0; }, 20000))
            result.signedIn = false;
        return result;
    }

    //! The console signs in with the browser (its PKCE flow) and remembers it, as after its dialog.
    QString consoleSignsInWithBrowser()
    {
        const std::unique_ptr<QSettings> settings = consoleSettings();
        ProfileStore profiles(settings.get());
        Profile profile = profiles.find(profiles.lastUsedId()).value_or(Profile());
        SecretStore secrets;
        TokenSession session(&secrets);
        session.setKeyPrefix(profile.keyPrefix());
        BrowserDriver browser;
        auto *credential = new BrowserCredential(profile.authConfig());
        credential->setBrowserOpener(browser.opener());
        session.setCredential(credential);
        session.signIn();
        if (!QTest::qWaitFor([&session] { return session.state() == TokenSession::State::SignedIn; }, 20000))
            return {};
        if (!QTest::qWaitFor([&secrets] { return secrets.pendingJobs() == 0; }, 20000))
            return {};
        // ConsoleController::rememberSignIn
        profile.signInMethod = QStringLiteral("browser");
        profile.account = session.identity().label();
        profiles.save(profile);
        return profile.account;
    }

private Q_SLOTS:
    void initTestCase()
    {
        startSandbox();
        QString error;
        QVERIFY2(m_keychain.start(&error), qPrintable(error));
        m_keychain.exportToEnvironment(); // the console's classes in this process use it too
        // fmc cannot be sped up like the console's credential in tests: the emulator's codes ask
        // for a poll every second instead of five.
        m_sandbox->entra()->setDeviceCodeTiming(1, 60);
    }

    void loginNotCompleted_data()
    {
        QTest::addColumn<bool>("decline");
        QTest::addColumn<QString>("message");
        QTest::addRow("declined on the sign-in page") << true << QStringLiteral("Sign-in was declined.");
        QTest::addRow("code expired unused") << false << QStringLiteral("expired before it was used");
    }
    void loginNotCompleted()
    {
        QFETCH(bool, decline);
        QFETCH(QString, message);
        writeConsoleEndpoints(false);
        if (!decline)
            m_sandbox->entra()->setDeviceCodeTiming(1, 3);
        QString code;
        const CliRun run = login({}, [&](const QString &userCode) {
            if (decline)
                QVERIFY(m_sandbox->entra()->declineDeviceCode(userCode));
        }, &code);
        m_sandbox->entra()->setDeviceCodeTiming(1, 60);
        QVERIFY2(run.finished, run.err.constData());
        QVERIFY2(!code.isEmpty(), run.err.constData());
        QCOMPARE(run.exitCode, 3); // not signed in
        QVERIFY2(run.errText().contains(message), run.err.constData());
        QVERIFY(run.out.isEmpty());
        // stderr holds the prompt and the error, not the core's notes (those need --verbose).
        QVERIFY2(!run.errText().contains(QLatin1String("fmc.auth")), run.err.constData());
        // Nothing was kept: the next command is not signed in either, and says how to be.
        const CliRun status = this->run({QStringLiteral("status"), kDatabase});
        QCOMPARE(status.exitCode, 3);
        QVERIFY2(status.errText().contains(QLatin1String("fmc login")), status.err.constData());
        QVERIFY(consoleSettings()->value(QStringLiteral("signIn/method")).toString().isEmpty());
    }

    void loginIsKeptForFmcAndTheConsole()
    {
        writeConsoleEndpoints(false); // a console from before profiles: the upgrade takes it up
        const int deviceCodeGrants = m_sandbox->entra()->tokenRequestCount(QStringLiteral("device_code"));
        QString code;
        const CliRun run = login({QStringLiteral("--output"), QStringLiteral("json")}, [&](const QString &userCode) {
            QVERIFY(m_sandbox->entra()->approveDeviceCode(userCode));
        }, &code);
        QVERIFY2(run.finished && run.exitCode == 0, run.err.constData());
        QVERIFY2(run.errText().contains(m_sandbox->serverUrl().resolved(QUrl(QStringLiteral("/devicelogin"))).toString()),
                 run.err.constData());
        const Json json = run.json();
        QCOMPARE(json.value("signedIn", false), true);
        QCOMPARE(toQString(json.value("method", "")), QStringLiteral("device-code"));
        QCOMPARE(json.value("persistent", false), true);
        QCOMPARE(json.value("console", false), true);
        const QString account = toQString(json.value("account", ""));
        QVERIFY(!account.isEmpty());
        // The console's remembered sign-in, where it reads it at start.
        {
            const std::unique_ptr<QSettings> settings = consoleSettings();
            QCOMPARE(settings->value(QStringLiteral("signIn/method")).toString(), QStringLiteral("device-code"));
            QCOMPARE(settings->value(QStringLiteral("signIn/account")).toString(), account);
        }
        const int grantsAfterLogin = m_sandbox->entra()->tokenRequestCount(QStringLiteral("device_code"));
        QVERIFY(grantsAfterLogin > deviceCodeGrants);

        // Later commands sign in from the keychain, twice: each renewal rotates the refresh token,
        // so the second works only if the first left the new one behind.
        const int refreshGrants = m_sandbox->entra()->tokenRequestCount(QStringLiteral("refresh_token"));
        for (int i = 0; i < 2; ++i) {
            const CliRun status = this->run({QStringLiteral("status"), kDatabase, QStringLiteral("--output"),
                                             QStringLiteral("json")});
            QVERIFY2(status.exitCode == 0, status.err.constData());
            QCOMPARE(toQString(status.json().value("displayName", "")), QStringLiteral("SalesMirror"));
            QVERIFY2(!status.errText().contains(QLatin1String("enter the code")), status.err.constData());
        }
        QCOMPARE(m_sandbox->entra()->tokenRequestCount(QStringLiteral("refresh_token")), refreshGrants + 2);
        QCOMPARE(m_sandbox->entra()->tokenRequestCount(QStringLiteral("device_code")), grantsAfterLogin);

        // The console starts signed in the same way, without its sign-in dialog.
        const ConsoleStart console = startConsole();
        QVERIFY(!console.askedToSignIn);
        QVERIFY(console.signedIn);
        QCOMPARE(console.method, QStringLiteral("device-code"));
        QCOMPARE(console.account, account);
        // ... and fmc after it (the console rotated the token under its new profile's key).
        const CliRun after = this->run({QStringLiteral("status"), kDatabase});
        QVERIFY2(after.exitCode == 0, after.err.constData());
        QCOMPARE(m_sandbox->entra()->tokenRequestCount(QStringLiteral("device_code")), grantsAfterLogin);
    }

    void consoleSignInIsUsedByFmc()
    {
        writeConsoleEndpoints(true);
        const QString account = consoleSignsInWithBrowser();
        QVERIFY(!account.isEmpty());
        const int deviceCodeGrants = m_sandbox->entra()->tokenRequestCount(QStringLiteral("device_code"));
        const int refreshGrants = m_sandbox->entra()->tokenRequestCount(QStringLiteral("refresh_token"));
        const CliRun status = run({QStringLiteral("status"), kDatabase, QStringLiteral("--output"), QStringLiteral("json")});
        QVERIFY2(status.exitCode == 0, status.err.constData());
        QCOMPARE(toQString(status.json().value("displayName", "")), QStringLiteral("SalesMirror"));
        QCOMPARE(m_sandbox->entra()->tokenRequestCount(QStringLiteral("refresh_token")), refreshGrants + 1);
        QCOMPARE(m_sandbox->entra()->tokenRequestCount(QStringLiteral("device_code")), deviceCodeGrants);
        // The console still signs in with what fmc left (the rotated token).
        const ConsoleStart console = startConsole();
        QVERIFY(console.signedIn);
        QCOMPARE(console.account, account);
        QCOMPARE(console.method, QStringLiteral("browser"));
    }

    void loginForAnotherTenantLeavesTheConsoleAlone()
    {
        // A refresh token kept for another tenant than the profile's is not one the console
        // looks for: fmc must not make the console believe it can sign in with it.
        writeConsoleEndpoints(true);
        QString code;
        const CliRun run = login({QStringLiteral("--tenant"), m_sandbox->entra()->tenantId(), QStringLiteral("--output"),
                                  QStringLiteral("json")},
                                 [&](const QString &userCode) { QVERIFY(m_sandbox->entra()->approveDeviceCode(userCode)); },
                                 &code);
        QVERIFY2(run.finished && run.exitCode == 0, run.err.constData());
        QCOMPARE(run.json().value("console", true), false);
        const std::unique_ptr<QSettings> settings = consoleSettings();
        ProfileStore profiles(settings.get());
        QVERIFY(profiles.find(profiles.lastUsedId())->signInMethod.isEmpty());
        // fmc itself finds it again when told the same tenant.
        const CliRun status = this->run({QStringLiteral("status"), kDatabase, QStringLiteral("--sign-in"),
                                         QStringLiteral("device-code"), QStringLiteral("--tenant"),
                                         m_sandbox->entra()->tenantId()});
        QVERIFY2(status.exitCode == 0, status.err.constData());
        QVERIFY(!status.errText().contains(QLatin1String("enter the code")));
    }

    void servicePrincipalLoginIsKeptForTheConsole()
    {
        // The secret comes from the environment only; login keeps it in the keychain under the
        // profile's key and names the service principal in the profile, as the console's dialog does.
        writeConsoleEndpoints(true);
        QProcessEnvironment env = signInEnvironment();
        env.insert(QStringLiteral("AZURE_CLIENT_SECRET"), sandbox::EntraEmulator::defaultClientSecret());
        const CliRun run = fmc({QStringLiteral("login"), QStringLiteral("--sign-in"), QStringLiteral("service-principal"),
                                QStringLiteral("--tenant"), m_sandbox->entra()->tenantId(), QStringLiteral("--client-id"),
                                sandbox::EntraEmulator::defaultClientId(), QStringLiteral("--output"), QStringLiteral("json")},
                               env);
        m_outputs << run.outText() << run.errText();
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(run.json().value("console", false), true);
        {
            const std::unique_ptr<QSettings> settings = consoleSettings();
            ProfileStore profiles(settings.get());
            const Profile profile = *profiles.find(profiles.lastUsedId());
            QCOMPARE(profile.signInMethod, QStringLiteral("client-secret"));
            QCOMPARE(profile.servicePrincipalId, sandbox::EntraEmulator::defaultClientId());
            QCOMPARE(profile.servicePrincipalTenant, m_sandbox->entra()->tenantId());
        }
        const ConsoleStart console = startConsole();
        QVERIFY(console.signedIn);
        QCOMPARE(console.method, QStringLiteral("client-secret"));
        // fmc without the secret in its environment takes it from the keychain as well.
        const CliRun status = this->run({QStringLiteral("status"), kDatabase});
        QVERIFY2(status.exitCode == 0, status.err.constData());
    }

    void loginWithoutKeychainSaysSo()
    {
        // No keychain (no D-Bus session): signed in for this run only, and told so; the console
        // is not told it could start signed in.
        writeConsoleEndpoints(true);
        QString code;
        const CliRun run = login({}, [&](const QString &userCode) { QVERIFY(m_sandbox->entra()->approveDeviceCode(userCode)); },
                                 &code, false);
        QVERIFY2(run.finished && run.exitCode == 0, run.err.constData());
        QVERIFY(run.outText().startsWith(QLatin1String("Signed in as")));
        QVERIFY2(run.errText().contains(QLatin1String("this session only")), run.err.constData());
        const std::unique_ptr<QSettings> settings = consoleSettings();
        ProfileStore profiles(settings.get());
        QVERIFY(profiles.find(profiles.lastUsedId())->signInMethod.isEmpty());
        const CliRun json = login({QStringLiteral("--output"), QStringLiteral("json")},
                                  [&](const QString &userCode) { QVERIFY(m_sandbox->entra()->approveDeviceCode(userCode)); },
                                  &code, false);
        QVERIFY2(json.exitCode == 0, json.err.constData());
        QCOMPARE(json.json().value("persistent", true), false);
        QCOMPARE(json.json().value("console", true), false);
    }

    void nothingSecretPrinted()
    {
        QStringList canaries = m_sandbox->entra()->issuedSecrets();
        canaries.removeIf([](const QString &canary) { return canary.size() < 16; });
        QVERIFY2(canaries.size() >= 6, qPrintable(QString::number(canaries.size())));
        const QString printed = m_outputs.join(QLatin1Char('\n'));
        QVERIFY(printed.contains(QLatin1String("enter the code"))); // the scan saw the runs
        for (const QString &canary : std::as_const(canaries))
            QVERIFY2(!secretscan::leaks(printed, canary), qPrintable(secretscan::whereLeaked(printed, canary)));
        const secretscan::FileScan scan = secretscan::scanFiles({m_home.filePath(QStringLiteral("config"))}, canaries);
        QVERIFY(!scan.files.isEmpty());
        QVERIFY2(scan.findings.isEmpty(), qPrintable(scan.findings.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(TestCliSignIn)
#include "tst_cli_signin.moc"
