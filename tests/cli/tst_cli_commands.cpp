// fmc as a script runs it: ls and status, table and JSON, exit codes for usage, sign-in and not
// found, and what it never prints (secrets), against the in-process sandbox.

#include "app/profiles/profilestore.h"
#include "sandbox/entra/entraemulator.h"
#include "sandbox/fabricstate.h"
#include "tests/support/clifixture.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSettings>
#include <QTest>
#include <QUrlQuery>

#include <fcntl.h>
#include <pty.h>
#include <unistd.h>

using namespace fmc;
using namespace fmc::test;

class TestCliCommands : public CliFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { startSandbox(); }

    void lsWorkspaces()
    {
        const CliRun table = fmc({QStringLiteral("ls")});
        QVERIFY2(table.finished, table.err.constData());
        QCOMPARE(table.exitCode, 0);
        QVERIFY(table.outText().startsWith(QLatin1String("NAME")));
        for (const char *name : {"Sales Analytics", "Finance", "Operations", "Shared Reports"})
            QVERIFY2(table.outText().contains(QLatin1String(name)), name);
        QVERIFY2(table.err.isEmpty(), table.err.constData()); // quiet when piped

        const CliRun json = fmc({QStringLiteral("ls"), QStringLiteral("--output"), QStringLiteral("json")});
        QCOMPARE(json.exitCode, 0);
        Json list = json.json();
        QVERIFY(list.is_array());
        QCOMPARE(list.size(), m_sandbox->state()->workspaces().size());
        bool found = false;
        for (const Json &w : list) {
            for (const char *key : {"id", "displayName", "type", "capacityId"})
                QVERIFY2(w.contains(key), key);
            if (w["displayName"] == "Finance") {
                found = true;
                QCOMPARE(toQString(w["id"].get<std::string>()), workspaceId(QStringLiteral("Finance")));
            }
        }
        QVERIFY(found);
    }

    void lsWorkspace_data()
    {
        QTest::addColumn<QString>("workspace");
        QTest::addRow("by name") << QStringLiteral("Sales Analytics");
        QTest::addRow("by name, other case") << QStringLiteral("sales analytics");
        QTest::addRow("by id") << QString();
    }
    void lsWorkspace()
    {
        QFETCH(QString, workspace);
        if (workspace.isEmpty())
            workspace = workspaceId(QStringLiteral("Sales Analytics"));
        const CliRun json = fmc({QStringLiteral("--output"), QStringLiteral("json"), QStringLiteral("ls"), workspace});
        QCOMPARE(json.exitCode, 0);
        QStringList names;
        for (const Json &db : json.json()) {
            names << toQString(db["displayName"].get<std::string>());
            QCOMPARE(toQString(db["workspaceId"].get<std::string>()), workspaceId(QStringLiteral("Sales Analytics")));
            QCOMPARE(toQString(db["status"].get<std::string>()), QStringLiteral("Running"));
        }
        QCOMPARE(names, (QStringList{QStringLiteral("SalesArchive"), QStringLiteral("SalesMirror")}));
        const CliRun table = fmc({QStringLiteral("ls"), workspace});
        QCOMPARE(table.exitCode, 0);
        QVERIFY(table.outText().contains(mirrorId(QStringLiteral("Sales Analytics"), QStringLiteral("SalesMirror"))));
    }

    void status()
    {
        const QString db = QStringLiteral("Operations/SensorLanding");
        const CliRun table = fmc({QStringLiteral("status"), db, QStringLiteral("--tables")});
        QCOMPARE(table.exitCode, 0);
        QVERIFY(table.outText().contains(QLatin1String("SensorLanding")));
        QVERIFY(table.outText().contains(QLatin1String("dbo.legacy_sensors")));
        QVERIFY(table.outText().contains(QLatin1String("SourceTableNotFound")));

        const CliRun json = fmc({QStringLiteral("status"), db, QStringLiteral("--tables"), QStringLiteral("--output"),
                                 QStringLiteral("json")});
        QCOMPARE(json.exitCode, 0);
        Json doc = json.json();
        QCOMPARE(toQString(doc["id"].get<std::string>()), mirrorId(QStringLiteral("Operations"), QStringLiteral("SensorLanding")));
        QCOMPARE(toQString(doc["status"].get<std::string>()), mirrorStatus(QStringLiteral("Operations"), QStringLiteral("SensorLanding")));
        QVERIFY(doc["tables"].is_array());
        QCOMPARE(doc["tables"].size(), size_t(3));
        for (const Json &t : doc["tables"])
            for (const char *key : {"schema", "table", "status", "freshness", "processedRows", "processedBytes",
                                    "lastSyncDateTime", "lastSyncLatencyInSeconds", "error"})
                QVERIFY2(t.contains(key), key);

        const CliRun bare = fmc({QStringLiteral("status"), db, QStringLiteral("--output"), QStringLiteral("json")});
        QCOMPARE(bare.exitCode, 0);
        QVERIFY(!bare.json().contains("tables"));
    }

    void statusWatchOnTerminal()
    {
        // On a terminal (a pseudo-terminal as both stdout and stderr), --watch redraws one table
        // in place: the screen is cleared before each refresh instead of the tables scrolling by,
        // and the progress line is erased before the table is drawn.
        int terminal = -1;
        int child = -1;
        QVERIFY(::openpty(&terminal, &child, nullptr, nullptr, nullptr) == 0);
        QProcess process;
        process.setProcessEnvironment(environment());
        process.setChildProcessModifier([child] {
            ::dup2(child, STDOUT_FILENO);
            ::dup2(child, STDERR_FILENO);
        });
        process.start(fmcPath(), {QStringLiteral("--api-url"), m_sandbox->serverUrl().resolved(QUrl(QStringLiteral("/v1"))).toString(),
                                  QStringLiteral("status"), QStringLiteral("Finance/LedgerMirror"), QStringLiteral("--watch"),
                                  QStringLiteral("--interval"), QStringLiteral("2s")});
        ::close(child);
        ::fcntl(terminal, F_SETFL, ::fcntl(terminal, F_GETFL) | O_NONBLOCK);
        QByteArray screen;
        const QByteArray clear("\x1b[H\x1b[2J");
        const bool redrawn = QTest::qWaitFor([&] {
            char buffer[4096];
            for (ssize_t n; (n = ::read(terminal, buffer, sizeof buffer)) > 0;)
                screen.append(buffer, n);
            return screen.count(clear) >= 3 && screen.endsWith('\n');
        }, 20000);
        process.kill();
        process.waitForFinished(5000);
        ::close(terminal);
        QVERIFY2(redrawn, screen.constData());
        QVERIFY(screen.contains("\r\x1b[K")); // the progress line, erased in place
        // Each redraw holds exactly one table: nothing scrolls by underneath.
        const QByteArray last = screen.mid(screen.lastIndexOf(clear) + clear.size());
        QCOMPARE(last.count("DATABASE"), 1);
        QVERIFY2(last.contains("LedgerMirror"), last.constData());
        QCOMPARE(screen.count("DATABASE"), screen.count(clear));
        QVERIFY(!screen.contains("{\""));
    }

    void statusWatch()
    {
        // Piped, --watch prints one JSON document per line and refreshes until interrupted.
        const CliRun run = fmc({QStringLiteral("status"), QStringLiteral("Finance/LedgerMirror"), QStringLiteral("--watch"),
                                QStringLiteral("--interval"), QStringLiteral("2s"), QStringLiteral("--output"),
                                QStringLiteral("json")},
                               {}, {}, 5000);
        QVERIFY(!run.finished); // still watching when the test stopped it
        const QList<QByteArray> lines = run.out.trimmed().split('\n');
        QVERIFY2(lines.size() >= 2, run.out.constData());
        for (const QByteArray &line : lines) {
            const auto doc = parseJson(line);
            QVERIFY2(doc && doc->value("displayName", std::string()) == "LedgerMirror", line.constData());
        }
    }

    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::addRow("no command") << QStringList{} << 2 << "name a command";
        QTest::addRow("unknown command") << QStringList{"frobnicate"} << 2 << "not a command";
        QTest::addRow("unknown option") << QStringList{"ls", "--colour"} << 2 << "colour";
        QTest::addRow("bad output") << QStringList{"ls", "--output", "yaml"} << 2 << "table or json";
        QTest::addRow("status without WS/DB") << QStringList{"status"} << 2 << "WS/DB";
        QTest::addRow("not WS/DB") << QStringList{"status", "SalesMirror"} << 2 << "WORKSPACE/DATABASE";
        QTest::addRow("bad duration") << QStringList{"wait", "Finance/LedgerMirror", "--until", "Running", "--timeout", "soon"} << 2 << "--timeout";
        QTest::addRow("unknown state") << QStringList{"wait", "Finance/LedgerMirror", "--until", "Flying"} << 2 << "--until";
        QTest::addRow("rm without --yes") << QStringList{"rm", "Finance/LedgerMirror"} << 2 << "--yes";
        QTest::addRow("unknown profile") << QStringList{"ls", "--profile", "nightly"} << 2 << "nightly";
        QTest::addRow("unknown workspace") << QStringList{"status", "Nowhere/SalesMirror"} << 4 << "Nowhere";
        QTest::addRow("unknown database") << QStringList{"status", "Finance/Nothing"} << 4 << "Nothing";
        QTest::addRow("unknown workspace for ls") << QStringList{"ls", "Nowhere"} << 4 << "Nowhere";
    }
    void exitCodes()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const CliRun run = fmc(args);
        QVERIFY(run.finished);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(run.errText().contains(message), run.err.constData());
    }

    // --profile reads the console's profile store (app/profiles/): by name, label or id, and an
    // unknown name lists the profiles there are.
    void profileFromTheConsolesStore()
    {
        // The file fmc's QSettings opens below the temporary home's XDG_CONFIG_HOME.
        QSettings settings(m_home.filePath(QStringLiteral("config"))
                               + QStringLiteral("/FabricMirroringConsole/fabric-mirroring-console.conf"),
                           QSettings::IniFormat);
        ProfileStore store(&settings);
        Profile dev;
        dev.id = Profile::newId();
        dev.name = QStringLiteral("Contoso dev");
        dev.label = QStringLiteral("DEV");
        dev.apiBaseUrl = m_sandbox->serverUrl().resolved(QUrl(QStringLiteral("/v1")));
        store.save(dev);
        settings.sync();

        for (const QString &key : {QStringLiteral("contoso DEV"), QStringLiteral("dev"), dev.id}) {
            const CliRun run = fmc({QStringLiteral("ls"), QStringLiteral("--profile"), key});
            QVERIFY2(run.finished, run.err.constData());
            QCOMPARE(run.exitCode, 0);
            QVERIFY(run.outText().contains(QLatin1String("Finance")));
        }
        const CliRun unknown = fmc({QStringLiteral("ls"), QStringLiteral("--profile"), QStringLiteral("nightly")});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.errText().contains(QLatin1String("Contoso dev")), unknown.err.constData());

        store.remove(dev.id);
        settings.sync();
    }

    void help()
    {
        const CliRun top = fmc({QStringLiteral("--help")});
        QCOMPARE(top.exitCode, 0);
        for (const char *text : {"check-freshness", "definition new", "Exit codes:", "--output", "--profile"})
            QVERIFY2(top.outText().contains(QLatin1String(text)), text);
        const CliRun wait = fmc({QStringLiteral("wait"), QStringLiteral("--help")});
        QCOMPARE(wait.exitCode, 0);
        QVERIFY(wait.outText().startsWith(QLatin1String("Usage: fmc wait [options] WS/DB --until STATE")));
        QVERIFY(wait.outText().contains(QLatin1String("--timeout")));
    }

    void signIn_data()
    {
        QTest::addColumn<QString>("variant");
        QTest::addColumn<int>("exitCode");
        QTest::addRow("nothing configured") << "none" << 3;
        QTest::addRow("wrong secret") << "wrong-secret" << 3;
        QTest::addRow("token on stdin") << "stdin" << 0;
        QTest::addRow("token in FABRIC_TOKEN") << "env-token" << 0;
        QTest::addRow("not a token on stdin") << "bad-stdin" << 3;
    }
    void signIn()
    {
        QFETCH(QString, variant);
        QFETCH(int, exitCode);
        QProcessEnvironment env = environment();
        QByteArray input;
        QStringList args{QStringLiteral("ls")};
        if (variant != u"wrong-secret")
            for (const char *name : {"AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET"})
                env.remove(QString::fromLatin1(name));
        else
            env.insert(QStringLiteral("AZURE_CLIENT_SECRET"), QStringLiteral("not-the-secret"));
        if (variant == u"stdin" || variant == u"env-token" || variant == u"bad-stdin") {
            // A token from the sandbox's sign-in, as `az account get-access-token` would give one.
            input = variant == u"bad-stdin" ? QByteArray("not a token") : issueToken();
            if (variant == u"env-token")
                env.insert(QStringLiteral("FABRIC_TOKEN"), QString::fromLatin1(input));
            else
                args << QStringLiteral("--token-stdin");
            if (variant == u"env-token")
                input.clear();
        }
        const CliRun run = fmc(args, env, input);
        QCOMPARE(run.exitCode, exitCode);
        if (exitCode != 0)
            QVERIFY2(run.errText().contains(QLatin1String("sign")) || run.errText().contains(QLatin1String("Sign")),
                     run.err.constData());
    }

    void login()
    {
        const CliRun login = fmc({QStringLiteral("login"), QStringLiteral("--output"), QStringLiteral("json")});
        QCOMPARE(login.exitCode, 0);
        QVERIFY(login.json()["signedIn"] == Json(true));
        QVERIFY(login.json()["method"] == Json("environment"));
        QVERIFY(!login.outText().contains(QLatin1String("eyJ"))); // no token in output
    }

    void noSecretInOutput()
    {
        const CliRun run = fmc({QStringLiteral("--verbose"), QStringLiteral("status"),
                                QStringLiteral("Sales Analytics/SalesMirror"), QStringLiteral("--tables")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.errText().contains(QLatin1String("fmc.")));
        const QByteArray all = run.out + run.err;
        QVERIFY(!all.contains(sandbox::EntraEmulator::defaultClientSecret().toUtf8()));
        QVERIFY(!all.contains("eyJ")); // no JWT (access token) anywhere
    }

private:
    QByteArray issueToken()
    {
        // The client-credentials grant over HTTP, as any tool would get a token.
        QNetworkAccessManager nam;
        QNetworkRequest request(m_sandbox->serverUrl().resolved(
            QUrl(QStringLiteral("/%1/oauth2/v2.0/token").arg(m_sandbox->entra()->tenantId()))));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/x-www-form-urlencoded"));
        QUrlQuery form;
        form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("client_credentials"));
        form.addQueryItem(QStringLiteral("client_id"), sandbox::EntraEmulator::defaultClientId());
        form.addQueryItem(QStringLiteral("client_secret"), sandbox::EntraEmulator::defaultClientSecret());
        form.addQueryItem(QStringLiteral("scope"), QStringLiteral("https://api.fabric.microsoft.com/.default"));
        QNetworkReply *reply = nam.post(request, form.toString(QUrl::FullyEncoded).toUtf8());
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 5000))
            return {};
        const auto json = parseJson(reply->readAll());
        reply->deleteLater();
        return json ? QByteArray::fromStdString(json->value("access_token", std::string())) : QByteArray();
    }
};

QTEST_GUILESS_MAIN(TestCliCommands)
#include "tst_cli_commands.moc"
