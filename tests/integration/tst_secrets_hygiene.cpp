// Secret hygiene (docs/reliability-matrix.md: token confinement, HTTPS and TLS, no secrets in
// logs or on disk), one row per sign-in method: the console
// (ConsoleController, its sign-in dialog, client, editor, settings) signs in against the
// in-process sandbox's Entra emulator with every logging category on at every level; then the
// status monitor refreshes while the access tokens expire (so a renewal happens), the definition
// editor autosaves a draft, and the settings are saved. Every secret that existed (access and
// refresh tokens, client secret, authorization code, PKCE verifier, device code) must then be
// absent from the settings file, the drafts and every other file under the app's (temporary)
// XDG directories, from the captured log, and from what reached the foreign host (127.0.0.2,
// where every Location and continuationUri points); no Authorization header reached it. A
// canary planted in each of those places must be found, so each scan can fail.
// A second test: http:// to a non-loopback host is refused at every door that takes an API base
// URL or an authority. tst_auth_secrets covers the invalid_grant and forged-callback paths.
#include "tests/support/browserdriver.h"
#include "tests/support/logcapture.h"
#include "tests/support/secretscan.h"
#include "tests/support/temporaryhome.h"

#include "app/api/fabricclient.h"
#include "app/api/fabricrequests.h"
#include "app/auth/browsercredential.h"
#include "app/auth/credentialfactory.h"
#include "app/auth/secretstore.h"
#include "app/auth/tokensession.h"
#include "app/editor/draftstore.h"
#include "app/commandline.h"
#include "app/monitor/statusmonitor.h"
#include "app/settings/consolesettings.h"
#include "sandbox/entra/entraemulator.h"
#include "sandbox/fabricstate.h"
#include "sandbox/faultrule.h"
#include "sandbox/sandbox.h"
#include "app/main/consolecontroller.h"
#include "ui/editor/definitioneditor.h"
#include "ui/editor/definitioneditorlauncher.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/settings/settingsdialog.h"
#include "ui/signin/signindialog.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace fmc;
using namespace fmc::test;
using sandbox::EntraEmulator;
using sandbox::FaultRule;
using sandbox::RequestLogEntry;
using sandbox::Sandbox;

Q_LOGGING_CATEGORY(lcHygiene, "fmc.test.hygiene")

namespace {

constexpr double kSpeed = 100.0; // device codes are approved 10 s after issue: 0.1 s here
const QHostAddress kForeignHost(QStringLiteral("127.0.0.2"));

// Where the console's QSettings, drafts and caches go (XDG_* point below it, set in main()).
TemporaryHome *g_home = nullptr;

template <typename T>
T *child(QObject *parent, const char *name)
{
    return parent ? parent->findChild<T *>(QLatin1String(name)) : nullptr;
}

// An access token the way a user would paste one: from the sandbox's token endpoint.
QString fetchServicePrincipalToken(const Sandbox &sandbox)
{
    QNetworkAccessManager network;
    QUrl url = sandbox.serverUrl();
    url.setPath(QStringLiteral("/%1/oauth2/v2.0/token").arg(sandbox.entra()->tenantId()));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("client_credentials"));
    form.addQueryItem(QStringLiteral("client_id"), EntraEmulator::defaultClientId());
    form.addQueryItem(QStringLiteral("client_secret"), EntraEmulator::defaultClientSecret());
    form.addQueryItem(QStringLiteral("scope"), QStringLiteral("https://api.fabric.microsoft.com/.default"));
    std::unique_ptr<QNetworkReply> reply(network.post(request, form.toString(QUrl::FullyEncoded).toUtf8()));
    if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 10000))
        return {};
    const auto json = parseJson(reply->readAll());
    return json ? toQString(json->value("access_token", std::string())) : QString();
}

// A stand-in for the Azure CLI: `az account get-access-token` answered from the sandbox's token
// endpoint (client credentials, with curl and jq from packaging/install-deps.sh), in az's format.
QString writeFakeAz(const QString &directory, const Sandbox &sandbox)
{
    const QString path = directory + QStringLiteral("/az");
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    QUrl url = sandbox.serverUrl();
    url.setPath(QStringLiteral("/%1/oauth2/v2.0/token").arg(sandbox.entra()->tenantId()));
    file.write(QStringLiteral("#!/bin/sh\n"
                              "curl -sf '%1' -d grant_type=client_credentials -d client_id=%2 -d client_secret='%3'"
                              " --data-urlencode scope=https://api.fabric.microsoft.com/.default"
                              " | jq '{accessToken: .access_token, expires_on: ((now | floor) + .expires_in),"
                              " tokenType: \"Bearer\"}'\n")
                   .arg(url.toString(), EntraEmulator::defaultClientId(), EntraEmulator::defaultClientSecret())
                   .toUtf8());
    file.close();
    file.setPermissions(file.permissions() | QFile::ExeOwner);
    return path;
}

} // namespace

class TestSecretsHygiene : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(g_home && g_home->isValid());
        LogCapture::enableAllLevels(true);
        LogCapture::install();
    }

    void init()
    {
        for (const QString &directory : g_home->directories())
            QDir(directory).removeRecursively();
        LogCapture::clear();
    }

    void cleanupTestCase() { LogCapture::uninstall(); }

    void noSecretLeftBehind_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<bool>("renewable"); // a pasted token cannot be renewed: sign-in required
        QTest::addRow("device code") << int(Credential::Kind::DeviceCode) << true;
        QTest::addRow("browser (PKCE)") << int(Credential::Kind::Browser) << true;
        QTest::addRow("service principal") << int(Credential::Kind::ClientSecret) << true;
        QTest::addRow("azure cli") << int(Credential::Kind::AzureCli) << true;
        QTest::addRow("environment") << int(Credential::Kind::Environment) << true;
        QTest::addRow("access token") << int(Credential::Kind::StaticToken) << false;
    }

    void noSecretLeftBehind()
    {
        QFETCH(int, kind);
        QFETCH(bool, renewable);
        const auto method = Credential::Kind(kind);

        sandbox::SandboxOptions options;
        options.speed = kSpeed;
        options.pageSize = 2; // lists come in pages, each with a continuationUri
        options.lroMode = sandbox::LroMode::Always; // getDefinition answers 202 + Location
        Sandbox sandbox(options);
        QVERIFY(sandbox.listen() > 0);
        QVERIFY(sandbox.listen(kForeignHost) > 0);
        // Every Location and continuationUri the API hands out points at the foreign host.
        FaultRule foreign;
        foreign.kind = FaultRule::Kind::ForeignLocation;
        sandbox.addFault(foreign);

        QTemporaryDir tools; // the fake az lives outside the scanned directories
        QVERIFY(tools.isValid());
        QUrl api = sandbox.serverUrl();
        api.setPath(QStringLiteral("/v1"));
        {
            QSettings settings;
            settings.setValue(QStringLiteral("api/baseUrl"), api.toString());
            settings.setValue(QStringLiteral("auth/authority"), sandbox.serverUrl().toString());
            settings.setValue(QStringLiteral("auth/tenant"), sandbox.entra()->tenantId());
            settings.setValue(QStringLiteral("auth/clientId"), EntraEmulator::defaultPublicClientId());
        }

        QSettings settings;
        auto console = std::make_unique<ConsoleController>(&settings);
        QVERIFY2(console->settingsProblems().isEmpty(), qPrintable(console->settingsProblems().join(u' ')));
        QSignalSpy signedIn(console.get(), &ConsoleController::signedIn);
        console->start();
        QTRY_VERIFY(console->signInDialog() && console->signInDialog()->isVisible());

        // --- Sign in through the dialog, as the user would --------------------------------------
        SignInDialog *dialog = console->signInDialog();
        BrowserDriver browser;
        dialog->setUrlOpener(method == Credential::Kind::Browser ? browser.opener()
                                                                 : [](const QUrl &) { return true; });
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("AZURE_TENANT_ID"), sandbox.entra()->tenantId());
        environment.insert(QStringLiteral("AZURE_CLIENT_ID"), EntraEmulator::defaultClientId());
        environment.insert(QStringLiteral("AZURE_CLIENT_SECRET"), EntraEmulator::defaultClientSecret());
        environment.insert(QStringLiteral("AZURE_AUTHORITY_HOST"), sandbox.serverUrl().toString());
        dialog->setEnvironment(environment);
        dialog->setMethod(method);
        switch (method) {
        case Credential::Kind::ClientSecret:
            dialog->setServicePrincipal(sandbox.entra()->tenantId(), EntraEmulator::defaultClientId());
            child<QLineEdit>(dialog, "spSecretEdit")->setText(EntraEmulator::defaultClientSecret());
            break;
        case Credential::Kind::AzureCli:
            dialog->setAzureCliProgram(writeFakeAz(tools.path(), sandbox));
            break;
        case Credential::Kind::StaticToken: {
            const QString token = fetchServicePrincipalToken(sandbox);
            QVERIFY(!token.isEmpty());
            child<QLineEdit>(dialog, "tokenEdit")->setText(token);
            break;
        }
        default:
            break;
        }
        QPushButton *signInButton = child<QPushButton>(dialog, "signInButton");
        QVERIFY(signInButton && signInButton->isEnabled());
        signInButton->click();
        QTRY_COMPARE_WITH_TIMEOUT(signedIn.size(), 1, 15000);
        QTRY_VERIFY(!console->signInDialog());
        QCOMPARE(settings.value(QStringLiteral("signIn/method")).toString(), CredentialFactory::key(method));

        // --- Work: the editor autosaves a draft (getDefinition through a 202 + Location) ---------
        const auto workspaces = sandbox.state()->workspaces();
        QString workspaceId;
        sandbox::FabricState::Mirror *mirror = nullptr;
        for (const auto &workspace : workspaces)
            for (auto *m : sandbox.state()->mirrors(workspace.id))
                if (m->displayName == QLatin1String("SalesMirror")) {
                    workspaceId = workspace.id;
                    mirror = m;
                }
        QVERIFY(mirror);
        QPointer<DefinitionEditor> editor =
            DefinitionEditorLauncher::openEdit(console->client(), workspaceId, mirror->id, console->mainWindow());
        QTRY_VERIFY_WITH_TIMEOUT(editor && !editor->isLoading(), 10000);
        QVERIFY(!editor->backend()->previewJson().isEmpty());
        editor->drafts()->setAutosaveDelay(10);
        editor->backend()->setRetentionInDays(editor->backend()->retentionInDays() == 7 ? 8 : 7);
        editor->backend()->setDescription(QStringLiteral("edited during the hygiene test"));
        const QString draft = editor->drafts()->path();
        QVERIFY(draft.startsWith(g_home->path()));
        QTRY_VERIFY(QFile::exists(draft));

        // --- Work: the monitor refreshes; the access tokens expire; it refreshes again ----------
        StatusMonitor monitor(console->client());
        monitor.watch({workspaceId, mirror->id, mirror->displayName});
        QSignalSpy refreshed(&monitor, &StatusMonitor::refreshFinished);
        monitor.refreshNow();
        QTRY_COMPARE_WITH_TIMEOUT(refreshed.size(), 1, 10000);
        QCOMPARE(refreshed.last().at(1).toInt(), 0);
        std::optional<ApiResult<QList<MirroredDatabase>>> listed; // paged: continuationUri, pinned
        console->client()->send(new ListMirroredDatabasesRequest(workspaceId), this,
                                [&listed](const ApiResult<QList<MirroredDatabase>> &r) { listed = r; });
        QTRY_VERIFY_WITH_TIMEOUT(listed.has_value(), 10000);
        QVERIFY2(listed->ok(), qPrintable(listed->error.toLogString()));

        const int tokenRequests = sandbox.entra()->tokenRequestCount();
        const int azRuns = method == Credential::Kind::AzureCli ? tokenRequests : 0;
        sandbox.entra()->expireAccessTokens();
        QSignalSpy required(console->session(), &TokenSession::signInRequired);
        monitor.refreshNow();
        QTRY_COMPARE_WITH_TIMEOUT(refreshed.size(), 2, 10000);
        if (renewable) {
            QCOMPARE(refreshed.last().at(1).toInt(), 0); // renewed once and replayed
            QVERIFY(sandbox.entra()->tokenRequestCount() > tokenRequests);
            Q_UNUSED(azRuns);
        } else {
            QCOMPARE(refreshed.last().at(1).toInt(), 1);
            QTRY_VERIFY(!required.isEmpty());
        }

        // --- Settings saved through the settings dialog (OK) ------------------------------------
        console->showSettings();
        QTRY_VERIFY(console->settingsDialog() && console->settingsDialog()->isVisible());
        console->settingsDialog()->accept();
        QTRY_VERIFY(!console->settingsDialog());
        settings.sync();
        QVERIFY(QFile::exists(settings.fileName()));
        if (editor)
            editor->drafts()->save(); // what the editor holds now, whatever the timer did

        // --- Scan -------------------------------------------------------------------------------
        QStringList canaries = sandbox.entra()->issuedSecrets();
        canaries << EntraEmulator::defaultClientSecret();
        canaries.removeIf([](const QString &canary) { return canary.size() < 16; });
        canaries.removeDuplicates();
        QVERIFY2(canaries.size() >= 2, qPrintable(QString::number(canaries.size())));

        // Files: settings, drafts and anything else under the app's directories.
        secretscan::FileScan files = secretscan::scanFiles(g_home->directories(), canaries);
        QVERIFY2(files.findings.isEmpty(), qPrintable(files.findings.join(u'\n')));
        QVERIFY(files.files.contains(settings.fileName()));
        QVERIFY(files.files.contains(draft));

        // The log, verbose: every request and response line of fmc.api.http included.
        QString log = LogCapture::text();
        QVERIFY(log.contains(QLatin1String("fmc.api.http: ")));
        QVERIFY(log.contains(QLatin1String("fmc.auth: ")));
        QStringList inLog = secretscan::leaked(log, canaries);
        QVERIFY2(inLog.isEmpty(), qPrintable(QStringLiteral("the log holds %1 secret(s), e.g. in: %2")
                                                 .arg(inLog.size()).arg(secretscan::whereLeaked(log, inLog.value(0)))));

        // The foreign host: Location and continuationUri pointed there, yet nothing with a
        // token reached it (neither a header nor a secret in the URL).
        auto foreignFindings = [&sandbox, &canaries] {
            QStringList findings;
            for (const RequestLogEntry &e : sandbox.requestLog()) {
                if (e.localAddress != kForeignHost)
                    continue;
                if (e.hadAuthorization)
                    findings << QStringLiteral("Authorization on %1 %2").arg(QString::fromLatin1(e.method), e.pathAndQuery);
                for (const QString &canary : secretscan::leaked(QUrl::fromPercentEncoding(e.pathAndQuery.toUtf8()), canaries))
                    findings << QStringLiteral("%1... in %2").arg(canary.left(8), e.pathAndQuery);
            }
            return findings;
        };
        QVERIFY2(foreignFindings().isEmpty(), qPrintable(foreignFindings().join(u'\n')));
        int foreignHandedOut = 0;
        for (const RequestLogEntry &e : sandbox.requestLog())
            foreignHandedOut += e.fault.compare(QLatin1String("foreignLocation"), Qt::CaseInsensitive) == 0;
        QVERIFY(foreignHandedOut > 0); // the client really was sent elsewhere

        // --- Positive controls: a canary planted in each place is found -------------------------
        const QString planted = QStringLiteral("planted-%1-canary-5e3c7a91").arg(kind);
        canaries << planted;
        settings.setValue(QStringLiteral("hygiene/planted"), planted);
        settings.sync();
        editor->backend()->setDescription(planted);
        QVERIFY(editor->drafts()->save());
        files = secretscan::scanFiles(g_home->directories(), canaries);
        QVERIFY2(files.findings.contains(QStringLiteral("%1 holds %2...").arg(settings.fileName(), planted.left(8))),
                 qPrintable(files.findings.join(u'\n')));
        QVERIFY2(files.findings.contains(QStringLiteral("%1 holds %2...").arg(draft, planted.left(8))),
                 qPrintable(files.findings.join(u'\n')));
        qCDebug(lcHygiene) << "planted" << planted.left(22); // a truncated copy is caught too
        QVERIFY(secretscan::leaked(LogCapture::text(), canaries).contains(planted));
        QNetworkAccessManager network;
        QUrl foreignUrl = sandbox.serverUrl();
        foreignUrl.setHost(kForeignHost.toString());
        for (const QUrl &url : sandbox.listenerUrls())
            if (url.host() == kForeignHost.toString())
                foreignUrl = url;
        foreignUrl.setPath(QStringLiteral("/v1/workspaces"));
        foreignUrl.setQuery(QStringLiteral("continuationToken=") + planted);
        QNetworkRequest request(foreignUrl);
        request.setRawHeader("Authorization", "Bearer " + planted.toUtf8());
        std::unique_ptr<QNetworkReply> reply(network.get(request));
        QTRY_VERIFY(reply->isFinished());
        const QStringList controls = foreignFindings();
        QCOMPARE(controls.size(), 2);
        QVERIFY(controls.first().startsWith(QLatin1String("Authorization on GET")));

        delete editor;
        console.reset();
    }

    void plainHttpRefused_data()
    {
        QTest::addColumn<QString>("door");
        QTest::addColumn<QString>("url");
        for (const char *door : {"settings: API base URL", "settings: authority", "settings dialog: API base URL",
                                 "settings dialog: authority", "command line: API base URL", "command line: authority",
                                 "client config",
                                 "sign-in: device code", "sign-in: browser", "sign-in: service principal",
                                 "sign-in: environment (AZURE_AUTHORITY_HOST)"}) {
            QTest::addRow("%s, example.com", door) << QString::fromLatin1(door) << "http://fabric.example.com";
            QTest::addRow("%s, LAN address", door) << QString::fromLatin1(door) << "http://192.168.1.20:8080";
        }
        QTest::addRow("settings: API base URL, loopback allowed") << "settings: API base URL, loopback"
                                                                   << "http://127.0.0.1:8080";
        QTest::addRow("command line: authority, loopback allowed") << "command line: authority, loopback"
                                                                    << "http://127.0.0.1:8080";
    }

    void plainHttpRefused()
    {
        QFETCH(QString, door);
        QFETCH(QString, url);
        const QUrl insecure(url + (door.contains(QLatin1String("API")) || door == QLatin1String("client config")
                                       ? QStringLiteral("/v1")
                                       : QString()));
        const bool api = door.contains(QLatin1String("API"));
        const bool loopback = door.endsWith(QLatin1String("loopback"));
        if (door.startsWith(QLatin1String("command line"))) {
            const CommandLineResult cli = parseConsoleCommandLine(
                {QStringLiteral("fabric-mirroring-console"), api ? QStringLiteral("--api-url") : QStringLiteral("--authority"),
                 insecure.toString()});
            QCOMPARE(cli.action == CommandLineResult::Action::Error, !loopback);
            if (!loopback)
                QVERIFY2(cli.errorText.contains(QLatin1String("https")), qPrintable(cli.errorText));
            return;
        }
        if (door.startsWith(QLatin1String("settings dialog"))) {
            SettingsDialog dialog{ConsoleSettings()};
            auto *edit = child<QLineEdit>(&dialog, api ? "apiUrlEdit" : "authorityEdit");
            QVERIFY(edit);
            edit->setText(insecure.toString());
            QVERIFY(!dialog.isValid());
            QVERIFY(!child<QLabel>(&dialog, api ? "apiUrlError" : "authorityError")->text().isEmpty());
            return;
        }
        if (door.startsWith(QLatin1String("settings"))) {
            QCOMPARE(ConsoleSettings::checkEndpointUrl(insecure, QStringLiteral("x")).isEmpty(), loopback);
            // A hand-edited settings file: the value is replaced by its default, with a message.
            QTemporaryDir dir;
            QSettings file(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
            file.setValue(api ? QStringLiteral("api/baseUrl") : QStringLiteral("auth/authority"), insecure.toString());
            QStringList problems;
            const ConsoleSettings loaded = ConsoleSettings::load(file, &problems);
            const QUrl used = api ? loaded.apiBaseUrl : loaded.authority;
            QCOMPARE(used == insecure, loopback);
            QCOMPARE(problems.isEmpty(), loopback);
            if (!loopback)
                QCOMPARE(used, api ? ConsoleSettings::defaultApiBaseUrl() : ConsoleSettings::defaultAuthority());
            return;
        }

        // Token sources that count requests: a refused URL must not even ask for a token, and
        // the sandbox on loopback must see nothing.
        Sandbox sandbox;
        QVERIFY(sandbox.listen() > 0);
        if (door == QLatin1String("client config")) {
            SecretStore store;
            store.setKeychainEnabled(false);
            TokenSession session(&store);
            FabricClient::Config config;
            config.apiBaseUrl = insecure;
            FabricClient client(config, &session);
            QCOMPARE(client.originPolicy().checkBase(), OriginPolicy::Verdict::Insecure);
            std::optional<ApiResult<QList<MirroredDatabase>>> result;
            client.send(new ListMirroredDatabasesRequest(QStringLiteral("ws")), this,
                        [&result](const ApiResult<QList<MirroredDatabase>> &r) { result = r; });
            QTRY_VERIFY(result.has_value());
            QCOMPARE(result->error.kind(), ApiError::Kind::Insecure);
            return;
        }

        CredentialChoice choice;
        choice.config.authority = insecure;
        choice.config.tenant = sandbox.entra()->tenantId();
        choice.config.clientId = EntraEmulator::defaultPublicClientId();
        QProcessEnvironment environment;
        if (door.contains(QLatin1String("device code"))) {
            choice.kind = Credential::Kind::DeviceCode;
        } else if (door.contains(QLatin1String("browser"))) {
            choice.kind = Credential::Kind::Browser;
        } else if (door.contains(QLatin1String("service principal"))) {
            choice.kind = Credential::Kind::ClientSecret;
            choice.config.clientId = EntraEmulator::defaultClientId();
            choice.clientSecret = EntraEmulator::defaultClientSecret();
        } else {
            choice.kind = Credential::Kind::Environment;
            choice.config.authority = sandbox.serverUrl(); // the variable must win and be refused
            environment.insert(QStringLiteral("AZURE_TENANT_ID"), sandbox.entra()->tenantId());
            environment.insert(QStringLiteral("AZURE_CLIENT_ID"), EntraEmulator::defaultClientId());
            environment.insert(QStringLiteral("AZURE_CLIENT_SECRET"), EntraEmulator::defaultClientSecret());
            environment.insert(QStringLiteral("AZURE_AUTHORITY_HOST"), insecure.toString());
        }
        SecretStore store;
        store.setKeychainEnabled(false);
        TokenSession session(&store);
        Credential *credential = CredentialFactory::create(choice, environment);
        if (auto *browserCredential = qobject_cast<BrowserCredential *>(credential))
            browserCredential->setBrowserOpener([](const QUrl &) { return true; });
        session.setCredential(credential);
        QSignalSpy failed(&session, &TokenSession::signInFailed);
        session.signIn();
        QTRY_COMPARE(failed.size(), 1);
        const QString message = failed.first().at(1).toString();
        QVERIFY2(message.contains(QLatin1String("https")), qPrintable(message));
        QCOMPARE(session.state(), TokenSession::State::SignedOut);
        QCOMPARE(sandbox.entra()->tokenRequestCount(), 0);
    }
};

int main(int argc, char **argv)
{
    // The console's settings, drafts and caches in a temporary home, through the XDG variables
    // QSettings and QStandardPaths read (set before anything reads them).
    TemporaryHome home;
    g_home = &home;
    home.exportToEnvironment();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("FabricMirroringConsole"));
    QApplication::setApplicationName(QStringLiteral("fabric-mirroring-console"));
    TestSecretsHygiene test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_secrets_hygiene.moc"
