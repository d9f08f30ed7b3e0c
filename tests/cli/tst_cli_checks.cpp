// fmc wait and fmc check-freshness as a pipeline uses them: the exit code is the answer
// (0 reached / fresh, 6 cannot be reached / not fresh, 7 timeout), and the reason is said.

#include "sandbox/fabricstate.h"
#include "sandbox/sandboxclock.h"
#include "tests/support/clifixture.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QScopeGuard>
#include <QTest>

using namespace fmc;
using namespace fmc::test;

class TestCliChecks : public CliFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        sandbox::SandboxOptions options;
        options.speed = 20; // Starting → Running in 250 ms
        startSandbox(options);
    }

    void checkFreshnessIdleTable()
    {
        // First, while the sandbox clock (at 20x) is still close to fmc's: an idle table is one
        // whose source had no changes, so its last sync is old while it replicates caught up.
        // It passes --max-lag; a failed table beside it fails the check and is the only one listed.
        const QString database = QStringLiteral("Sales Analytics/SalesArchive");
        const CliRun status = fmc({QStringLiteral("status"), database, QStringLiteral("--tables"), QStringLiteral("--output"),
                                   QStringLiteral("json")});
        QCOMPARE(status.exitCode, 0);
        Json tables = status.json()["tables"];
        QString idle, failed;
        for (const Json &t : tables) {
            const QString name = toQString(t["schema"].get<std::string>() + "." + t["table"].get<std::string>());
            if (idle.isEmpty() && t["status"] == "Replicating" && t["error"].is_null())
                idle = name;
            if (failed.isEmpty() && t["status"] == "Failed")
                failed = name;
        }
        QVERIFY(!idle.isEmpty());
        QVERIFY(!failed.isEmpty());
        const QStringList checkIdle{QStringLiteral("check-freshness"), database, QStringLiteral("--max-lag"),
                                    QStringLiteral("15m"), QStringLiteral("--table"), idle};
        const auto freshnessOf = [](const CliRun &run) {
            Json doc = run.json();
            return doc["tables"].size() == 1 ? toQString(doc["tables"][0].value("freshness", "")) : QString();
        };
        QCOMPARE(freshnessOf(fmc(checkIdle + QStringList{QStringLiteral("--output"), QStringLiteral("json")})),
                 QStringLiteral("Current"));

        // Its source has had no changes for an hour (the sandbox's admin endpoint, which refuses
        // a database it does not know and a body without the table).
        const QString archive = mirrorId(QStringLiteral("Sales Analytics"), QStringLiteral("SalesArchive"));
        QCOMPARE(quietSource(workspaceId(QStringLiteral("Sales Analytics")), idle, 3600), 404);
        QCOMPARE(quietSource(archive, QStringLiteral("dbo"), 3600), 400);
        QCOMPARE(quietSource(archive, idle, 3600), 200);
        const CliRun passed = fmc(checkIdle + QStringList{QStringLiteral("--output"), QStringLiteral("json")});
        QVERIFY2(passed.exitCode == 0, passed.err.constData());
        QCOMPARE(freshnessOf(passed), QStringLiteral("Idle"));
        Json passedDoc = passed.json();
        QVERIFY(passedDoc["fresh"] == true);
        const Json &idleTable = passedDoc["tables"][0];
        QCOMPARE(toQString(idleTable.value("status", "")), QStringLiteral("Replicating"));
        const QDateTime lastSync = QDateTime::fromString(toQString(idleTable.value("lastSyncDateTime", "")), Qt::ISODateWithMs);
        QVERIFY(lastSync.isValid());
        QVERIFY2(lastSync.secsTo(QDateTime::currentDateTimeUtc()) > 15 * 60, qPrintable(lastSync.toString(Qt::ISODate)));
        const CliRun table = fmc(checkIdle);
        QCOMPARE(table.exitCode, 0);
        QVERIFY2(table.outText().contains(QLatin1String("Idle")), table.out.constData());

        const QStringList checkBoth = checkIdle + QStringList{QStringLiteral("--table"), failed};
        const CliRun stale = fmc(checkBoth);
        QCOMPARE(stale.exitCode, 6);
        QVERIFY2(stale.errText().contains(failed + QStringLiteral(": Failed")), stale.err.constData());
        QVERIFY2(!stale.errText().contains(idle + u':'), stale.err.constData());
        const CliRun staleJson = fmc(checkBoth + QStringList{QStringLiteral("--output"), QStringLiteral("json")});
        QCOMPARE(staleJson.exitCode, 6);
        Json problems = staleJson.json()["problems"];
        QCOMPARE(int(problems.size()), 1);
        QCOMPARE(toQString(problems[0].value("table", "")), failed);
    }

    void waitUnreachable_data()
    {
        QTest::addColumn<QString>("database");
        QTest::addColumn<QString>("until");
        QTest::addColumn<QString>("reason");
        QTest::addRow("Stopped, waiting for Running") << "Finance/LedgerMirror" << "Running" << "started again";
        QTest::addRow("Running, waiting for Initialized") << "Sales Analytics/SalesMirror" << "initialized" << "does not go back";
    }
    void waitUnreachable()
    {
        QFETCH(QString, database);
        QFETCH(QString, until);
        QFETCH(QString, reason);
        const CliRun run = fmc({QStringLiteral("wait"), database, QStringLiteral("--until"), until,
                                QStringLiteral("--output"), QStringLiteral("json")});
        QCOMPARE(run.exitCode, 6);
        QVERIFY2(run.errText().contains(reason), run.err.constData());
        Json json = run.json();
        QVERIFY(json["reached"] == Json(false));
        QVERIFY(json["reason"].is_string());
    }

    void waitReached()
    {
        sandbox::FabricState *state = m_sandbox->state();
        auto *ledger = state->mirror(workspaceId(QStringLiteral("Finance")),
                                     mirrorId(QStringLiteral("Finance"), QStringLiteral("LedgerMirror")));
        QVERIFY(ledger);
        QVERIFY(!state->startMirroring(ledger));
        const CliRun run = fmc({QStringLiteral("wait"), QStringLiteral("Finance/LedgerMirror"), QStringLiteral("--until"),
                                QStringLiteral("Running"), QStringLiteral("--interval"), QStringLiteral("1s"),
                                QStringLiteral("--output"), QStringLiteral("json")});
        QCOMPARE(run.exitCode, 0);
        Json json = run.json();
        QVERIFY(json["reached"] == Json(true));
        QVERIFY(json["status"] == Json("Running"));
        QVERIFY(json["until"] == Json("Running"));
        QCOMPARE(mirrorStatus(QStringLiteral("Finance"), QStringLiteral("LedgerMirror")), QStringLiteral("Running"));
        const CliRun table = fmc({QStringLiteral("wait"), QStringLiteral("Finance/LedgerMirror"), QStringLiteral("--until"),
                                  QStringLiteral("Running")});
        QCOMPARE(table.exitCode, 0);
        QVERIFY(table.out.isEmpty()); // quiet on success when piped
    }

    void waitTimeout()
    {
        // Initialized moves on only when someone starts it: the wait runs out.
        const CliRun run = fmc({QStringLiteral("wait"), QStringLiteral("Operations/OpsMirror"), QStringLiteral("--until"),
                                QStringLiteral("Running"), QStringLiteral("--timeout"), QStringLiteral("2s"),
                                QStringLiteral("--interval"), QStringLiteral("1s")});
        QCOMPARE(run.exitCode, 7);
        QVERIFY2(run.errText().contains(QLatin1String("still Initialized after 2s")), run.err.constData());
        QVERIFY(requestsFor(QStringLiteral("Mirroring_GetMirroringStatus")) >= 2);
    }

    void checkFreshness_data()
    {
        QTest::addColumn<QString>("database");
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QStringList>("listed");
        QTest::addRow("failed tables")
            << "Operations/SensorLanding" << QStringList{"--max-lag", "15m"} << 6
            << QStringList{"dbo.customers: Failed with error SourceTableNotFound", "dbo.legacy_sensors", "sales.orders"};
        QTest::addRow("one named failed table")
            << "Operations/SensorLanding" << QStringList{"--max-lag", "15m", "--table", "SALES.orders"} << 6
            << QStringList{"sales.orders: Failed"};
        QTest::addRow("a table that is not mirrored")
            << "Operations/SensorLanding" << QStringList{"--max-lag", "15m", "--table", "dbo.nothing"} << 6
            << QStringList{"dbo.nothing: not mirrored"};
        QTest::addRow("healthy table") << "Sales Analytics/SalesMirror" << QStringList{"--max-lag", "1h", "--table", "@good"}
                                       << 0 << QStringList{};
        QTest::addRow("healthy table, latency over the limit")
            << "Sales Analytics/SalesMirror" << QStringList{"--max-lag", "1s", "--table", "@good"} << 6
            << QStringList{"over the 1s allowed"};
        QTest::addRow("a stopped database") << "Sales Analytics/SalesArchive" << QStringList{"--max-lag", "15m", "--table", "@good"}
                                            << 6 << QStringList{"the database is Stopped"};
    }
    void checkFreshness()
    {
        QFETCH(QString, database);
        QFETCH(QStringList, options);
        QFETCH(int, exitCode);
        QFETCH(QStringList, listed);
        if (database.endsWith(QLatin1String("SalesArchive"))) {
            auto *archive = m_sandbox->state()->mirror(workspaceId(QStringLiteral("Sales Analytics")),
                                                       mirrorId(QStringLiteral("Sales Analytics"), QStringLiteral("SalesArchive")));
            if (mirrorStatus(QStringLiteral("Sales Analytics"), QStringLiteral("SalesArchive")) == u"Running")
                QVERIFY(!m_sandbox->state()->stopMirroring(archive));
            QVERIFY(QTest::qWaitFor([this] {
                return mirrorStatus(QStringLiteral("Sales Analytics"), QStringLiteral("SalesArchive")) == u"Stopped";
            }, 5000));
        }
        const int good = int(options.indexOf(QStringLiteral("@good")));
        // The sandbox draws each table's latency anew every 15 s of its clock (1 to 30 s): stood
        // still, the table picked for its latency over 1 s keeps it for the two runs below.
        m_sandbox->clock()->pause();
        const auto resume = qScopeGuard([this] { m_sandbox->clock()->resume(); });
        if (good >= 0)
            options[good] = replicatingTable(database);
        const CliRun run = fmc(QStringList{QStringLiteral("check-freshness"), database} + options);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY(run.outText().startsWith(QLatin1String("TABLE")));
        for (const QString &text : listed)
            QVERIFY2(run.errText().contains(text), qPrintable(run.errText()));
        if (exitCode == 0)
            QVERIFY2(run.err.isEmpty(), run.err.constData());

        const CliRun json = fmc(QStringList{QStringLiteral("check-freshness"), database, QStringLiteral("--output"),
                                            QStringLiteral("json")} + options);
        QCOMPARE(json.exitCode, exitCode);
        Json doc = json.json();
        QVERIFY(doc["fresh"] == Json(exitCode == 0));
        QVERIFY(doc["maxLagSeconds"].is_number_integer());
        QCOMPARE(doc["problems"].size() == 0, exitCode == 0);
    }

private:
    //! `POST /_sandbox/mirrors/{id}/quiet` for \a table ("schema.table"): its HTTP status.
    int quietSource(const QString &mirror, const QString &table, int seconds)
    {
        QNetworkAccessManager network;
        QNetworkRequest request(m_sandbox->serverUrl().resolved(QUrl(QStringLiteral("/_sandbox/mirrors/%1/quiet").arg(mirror))));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        const Json body{{"schema", toStdString(table.section(u'.', 0, 0))},
                        {"table", toStdString(table.section(u'.', 1))},
                        {"seconds", seconds}};
        std::unique_ptr<QNetworkReply> reply(network.post(request, QByteArray::fromStdString(body.dump())));
        if (!QTest::qWaitFor([&reply] { return reply->isFinished(); }, 5000))
            return 0;
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }

    //! A table of \a database that replicates without error and whose latency is over 1 s.
    QString replicatingTable(const QString &database)
    {
        const CliRun run = fmc({QStringLiteral("status"), database, QStringLiteral("--tables"), QStringLiteral("--output"),
                                QStringLiteral("json")});
        Json status = run.json(); // kept: a range over a temporary's member would dangle
        for (const Json &t : status["tables"])
            if (t["status"] == "Replicating" && t["error"].is_null() && t["lastSyncLatencyInSeconds"].is_number()
                && t["lastSyncLatencyInSeconds"].get<int>() > 1)
                return toQString(t["schema"].get<std::string>() + "." + t["table"].get<std::string>());
        return QStringLiteral("no.such_table");
    }
};

QTEST_GUILESS_MAIN(TestCliChecks)
#include "tst_cli_checks.moc"
