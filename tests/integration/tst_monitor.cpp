// The status monitor against the real fabric-sandbox over loopback, signed in with the sandbox's
// service principal: paging, keyed diffs, health words, transitions, faults, concurrency.

#include "app/api/fabricclient.h"
#include "app/auth/clientsecretcredential.h"
#include "app/auth/secretstore.h"
#include "app/auth/tokensession.h"
#include "app/monitor/statusmonitor.h"
#include "sandbox/entra/entraemulator.h"
#include "sandbox/fabricstate.h"
#include "sandbox/faultrule.h"
#include "sandbox/sandbox.h"

#include "tests/support/timefactor.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace fmc;
using sandbox::FabricState;
using sandbox::FaultRule;
using sandbox::Sandbox;
using test::scaledMs;

namespace {

//! One sandbox, one signed-in session, one client and one monitor.
struct Harness {
    explicit Harness(double speed = 1.0, int pageSize = 100)
    {
        sandbox::SandboxOptions options;
        options.speed = speed;
        options.pageSize = pageSize;
        sandbox = std::make_unique<Sandbox>(options);
        sandbox->listen();

        AuthConfig auth;
        auth.authority = sandbox->serverUrl();
        auth.tenant = sandbox->entra()->tenantId();
        auth.clientId = sandbox::EntraEmulator::defaultClientId();
        session = std::make_unique<TokenSession>(&store);
        session->setCredential(
            new ClientSecretCredential(auth, sandbox::EntraEmulator::defaultClientSecret()));
        session->signIn();

        FabricClient::Config config;
        QUrl api = sandbox->serverUrl();
        api.setPath(QStringLiteral("/v1"));
        config.apiBaseUrl = api;
        config.timeScale = 0.01; // Retry-After: 1 s waits 10 ms
        config.seed = 7;
        client = std::make_unique<FabricClient>(config, session.get());
        monitor = std::make_unique<StatusMonitor>(client.get());
        monitor->setSeed(3);
        monitor->setInterval(std::chrono::hours(1)); // refreshes only when a test asks
    }

    WatchedDatabase database(const QString &name) const
    {
        for (const auto &ws : sandbox->state()->workspaces())
            for (FabricState::Mirror *m : sandbox->state()->mirrors(ws.id))
                if (m->displayName == name)
                    return {ws.id, m->id, name};
        qFatal("no mirror %s in the sandbox", qPrintable(name));
    }

    FabricState::Mirror *mirror(const WatchedDatabase &db) const
    {
        return sandbox->state()->mirror(db.workspaceId, db.databaseId);
    }

    //! Runs one refresh to its end; false on timeout.
    bool refresh()
    {
        QSignalSpy finished(monitor.get(), &StatusMonitor::refreshFinished);
        monitor->refreshNow();
        return finished.wait(scaledMs(15000));
    }

    int requestsTo(const QString &operation) const
    {
        int n = 0;
        for (const auto &e : sandbox->requestLog())
            if (e.operationId.contains(operation, Qt::CaseInsensitive))
                ++n;
        return n;
    }

    SecretStore store;
    std::unique_ptr<Sandbox> sandbox;
    std::unique_ptr<TokenSession> session;
    std::unique_ptr<FabricClient> client;
    std::unique_ptr<StatusMonitor> monitor;
};

} // namespace

class TestMonitor : public QObject
{
    Q_OBJECT
private slots:
    void firstRefreshFillsModelPageByPage();
    void healthWords_data();
    void healthWords();
    void unchangedTablesSignalNothing();
    void historyGivesRates();
    void stopIsATransition();
    void tableTurningFailedIsATransition();
    void recoversFromFaults_data();
    void recoversFromFaults();
    void failedRefreshKeepsRows();
    void concurrencyIsBounded();
    void unwatchDuringRefresh();
    void pollsOnItsOwnUntilPaused();
};

void TestMonitor::firstRefreshFillsModelPageByPage()
{
    Harness h(1.0, 7);
    const WatchedDatabase db = h.database(QStringLiteral("SalesMirror"));
    h.monitor->watch(db);
    TableStatusModel *model = h.monitor->tableModel(db.databaseId);
    QVERIFY(model);
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy pages(h.monitor.get(), &StatusMonitor::tablesPageApplied);
    QSignalSpy updated(h.monitor.get(), &StatusMonitor::databaseUpdated);

    QVERIFY(h.refresh());
    const int expected = int(h.sandbox->state()->tables(h.mirror(db)).size());
    QVERIFY(expected > 7);
    QCOMPARE(model->rowCount(), expected);
    QCOMPARE(pages.count(), (expected + 6) / 7);           // one signal per page of 7
    QCOMPARE(pages.first().at(1).toInt(), 7);               // the first page showed on its own
    QCOMPARE(h.requestsTo(QStringLiteral("GetTablesMirroringStatus")), (expected + 6) / 7);
    QCOMPARE(updated.count(), 1);

    const DatabaseSnapshot s = h.monitor->snapshot(db.databaseId);
    QVERIFY(s.status);
    QCOMPARE(s.status->status.text, QStringLiteral("Running"));
    int counted = 0;
    for (int n : s.tablesByStatus)
        counted += n;
    QCOMPARE(counted, expected);
    QVERIFY(s.totalRows > 0);
    QVERIFY(s.lastRefreshUtc.isValid());
    QVERIFY(!s.lastError.isError());
    QVERIFY(!s.refreshing);
    // What the history records from: the rows this refresh read carry its sample time.
    QVERIFY(s.refreshSerial > 0);
    QVERIFY(s.tablesSampledMs > 0);
    for (int row = 0; row < model->rowCount(); ++row)
        QCOMPARE(model->rowAt(row).sampledAtMSecs, s.tablesSampledMs);
}

void TestMonitor::healthWords_data()
{
    QTest::addColumn<QString>("mirror");
    QTest::addColumn<QString>("health");
    QTest::addColumn<bool>("hasTables");

    QTest::addRow("running") << QStringLiteral("SalesMirror") << QStringLiteral("Running") << true;
    // SensorLanding's open-mirroring tables are all missing at the source: every one failed.
    QTest::addRow("every table failing") << QStringLiteral("SensorLanding") << QStringLiteral("Failed") << true;
    QTest::addRow("stopped") << QStringLiteral("LedgerMirror") << QStringLiteral("Stopped") << false;
    QTest::addRow("initialized") << QStringLiteral("OpsMirror") << QStringLiteral("Initialized") << false;
}

void TestMonitor::healthWords()
{
    QFETCH(QString, mirror);
    QFETCH(QString, health);
    QFETCH(bool, hasTables);
    Harness h;
    const WatchedDatabase db = h.database(mirror);
    h.monitor->watch(db);
    QVERIFY(h.refresh());
    const DatabaseSnapshot s = h.monitor->snapshot(db.databaseId);
    // The simulation lets some tables of any running mirror fail: "Running" then reads
    // "Running with warning", exactly when a Failed table is in the model.
    const int failed = s.tablesByStatus.value(QStringLiteral("Failed"));
    if (health == QLatin1String("Running") && failed > 0)
        health = QStringLiteral("Running with warning");
    QCOMPARE(s.health.text, health);
    QCOMPARE(h.monitor->tableModel(db.databaseId)->rowCount() > 0, hasTables);
    // Tables status is only asked for while Running (docs/fabric-api-notes.md#status-gating).
    QCOMPARE(h.requestsTo(QStringLiteral("GetTablesMirroringStatus")) > 0, hasTables);
    if (health == QLatin1String("Running with warning"))
        QVERIFY(s.tablesByStatus.value(QStringLiteral("Failed")) >= 1);
    if (health == QLatin1String("Failed"))
        QCOMPARE(failed, h.monitor->tableModel(db.databaseId)->rowCount());
}

void TestMonitor::unchangedTablesSignalNothing()
{
    Harness h;
    h.sandbox->pauseClock(); // nothing replicates between refreshes
    const WatchedDatabase db = h.database(QStringLiteral("SalesMirror"));
    h.monitor->watch(db);
    QVERIFY(h.refresh());
    QVERIFY(h.refresh()); // rates appear (0 rows/s) with the second sample
    TableStatusModel *model = h.monitor->tableModel(db.databaseId);
    QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(model, &QAbstractItemModel::modelReset);
    QVERIFY(h.refresh());
    QCOMPARE(changed.count(), 0);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(reset.count(), 0);
}

void TestMonitor::historyGivesRates()
{
    Harness h(20.0); // 20 sandbox seconds per second: rows move between refreshes
    const WatchedDatabase db = h.database(QStringLiteral("SalesMirror"));
    h.monitor->watch(db);
    QVERIFY(h.refresh());
    QTest::qWait(200);
    QVERIFY(h.refresh());
    const TableHistory *total = h.monitor->databaseHistory(db.databaseId);
    QVERIFY(total);
    QCOMPARE(total->size(), 2);
    QVERIFY(total->last().processedRows >= total->at(0).processedRows);
    const TableStatusModel *model = h.monitor->tableModel(db.databaseId);
    const TableStatusRow &row = model->rowAt(0);
    const TableHistory *table =
        h.monitor->tableHistory(db.databaseId, row.status.sourceSchemaName, row.status.sourceTableName);
    QVERIFY(table);
    QCOMPARE(table->size(), 2);
}

void TestMonitor::stopIsATransition()
{
    Harness h;
    const WatchedDatabase db = h.database(QStringLiteral("SalesMirror"));
    h.monitor->watch(db);
    QVERIFY(h.refresh());
    const DatabaseSnapshot running = h.monitor->snapshot(db.databaseId);
    QSignalSpy events(h.monitor.get(), &StatusMonitor::transitions);
    QVERIFY(!h.sandbox->state()->stopMirroring(h.mirror(db)));
    QVERIFY(h.refresh());
    // A new answer, with no tables read: the rows kept are not this refresh's samples.
    const DatabaseSnapshot stopped = h.monitor->snapshot(db.databaseId);
    QVERIFY(stopped.refreshSerial > running.refreshSerial);
    QCOMPARE(stopped.tablesSampledMs, 0);
    QCOMPARE(h.monitor->tableModel(db.databaseId)->rowAt(0).sampledAtMSecs, running.tablesSampledMs);
    QCOMPARE(events.count(), 1);
    const auto list = events.first().first().value<QList<MonitorEvent>>();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.first().kind, MonitorEvent::Kind::MirroringStopped);
    QCOMPARE(list.first().before, QStringLiteral("Running"));
    QVERIFY(list.first().isAlert());
    // The rows stay, so the operator still sees the tables as they were.
    QVERIFY(h.monitor->tableModel(db.databaseId)->rowCount() > 0);
}

void TestMonitor::tableTurningFailedIsATransition()
{
    Harness h;
    const WatchedDatabase db = h.database(QStringLiteral("SensorLanding"));
    h.monitor->watch(db);
    QSignalSpy events(h.monitor.get(), &StatusMonitor::transitions);
    QVERIFY(h.refresh());
    QCOMPARE(events.count(), 0); // the first answer is the baseline: no alert for old failures

    // Add a table the source does not have, as an operator would with updateDefinition.
    const QByteArray json = R"({"properties":{"source":{"type":"GenericMirror","typeProperties":{}},)"
                            R"("target":{"type":"MountedRelationalDatabase","typeProperties":{"format":"Delta"}},)"
                            R"("mountedTables":[)"
                            R"({"source":{"typeProperties":{"schemaName":"dbo","tableName":"customers"}}},)"
                            R"({"source":{"typeProperties":{"schemaName":"dbo","tableName":"legacy_sensors"}}},)"
                            R"({"source":{"typeProperties":{"schemaName":"sales","tableName":"orders"}}},)"
                            R"({"source":{"typeProperties":{"schemaName":"dbo","tableName":"ghost"}}}]}})";
    QVERIFY(!h.sandbox->state()->updateDefinition(h.mirror(db), json));
    h.sandbox->advanceClock(60'000);
    QVERIFY(h.refresh());
    QTRY_VERIFY_WITH_TIMEOUT(events.count() >= 1, scaledMs(5000));
    bool found = false;
    for (const auto &args : events)
        for (const MonitorEvent &e : args.first().value<QList<MonitorEvent>>())
            if (e.kind == MonitorEvent::Kind::TableFailed && e.table == QLatin1String("ghost")) {
                found = true;
                QCOMPARE(e.schema, QStringLiteral("dbo"));
                QCOMPARE(e.after, QStringLiteral("Failed"));
                QCOMPARE(e.errorCode, QStringLiteral("SourceTableNotFound"));
                QVERIFY(e.isAlert());
            }
    QVERIFY2(found, "no TableFailed event for dbo.ghost");
    QCOMPARE(h.monitor->tableModel(db.databaseId)->rowCount(), 4);
}

void TestMonitor::recoversFromFaults_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("operation");

    QTest::addRow("429 on tables") << int(FaultRule::Kind::Status) << 429
                                   << QStringLiteral("getTablesMirroringStatus");
    QTest::addRow("503 on status") << int(FaultRule::Kind::Status) << 503 << QStringLiteral("getMirroringStatus");
    QTest::addRow("dropped on tables") << int(FaultRule::Kind::Drop) << 0
                                       << QStringLiteral("getTablesMirroringStatus");
    QTest::addRow("short body on tables") << int(FaultRule::Kind::ShortBody) << 0
                                          << QStringLiteral("getTablesMirroringStatus");
    QTest::addRow("malformed JSON on status") << int(FaultRule::Kind::MalformedJson) << 0
                                              << QStringLiteral("getMirroringStatus");
}

void TestMonitor::recoversFromFaults()
{
    QFETCH(int, kind);
    QFETCH(int, status);
    QFETCH(QString, operation);
    Harness h(1.0, 10);
    const WatchedDatabase db = h.database(QStringLiteral("SalesMirror"));
    h.monitor->watch(db);
    FaultRule rule;
    rule.kind = FaultRule::Kind(kind);
    rule.status = status;
    rule.operation = operation;
    rule.count = 2;
    h.sandbox->addFault(rule);

    QSignalSpy finished(h.monitor.get(), &StatusMonitor::refreshFinished);
    QVERIFY(h.refresh());
    if (FaultRule::Kind(kind) == FaultRule::Kind::MalformedJson) {
        // A whole body that is not JSON is not retried (the same bytes would come again): each
        // faulted answer fails its refresh, and the next refresh recovers.
        QCOMPARE(finished.first().at(1).toInt(), 1);
        QVERIFY(h.refresh());
        QVERIFY(h.refresh());
    }
    QCOMPARE(finished.last().at(1).toInt(), 0); // nothing failed in the end
    const int expected = int(h.sandbox->state()->tables(h.mirror(db)).size());
    QCOMPARE(h.monitor->tableModel(db.databaseId)->rowCount(), expected);
    QVERIFY(!h.monitor->snapshot(db.databaseId).lastError.isError());
    int faulted = 0;
    for (const auto &e : h.sandbox->requestLog())
        if (!e.fault.isEmpty())
            ++faulted;
    QCOMPARE(faulted, 2);
}

void TestMonitor::failedRefreshKeepsRows()
{
    Harness h(1.0, 10);
    const WatchedDatabase db = h.database(QStringLiteral("SalesMirror"));
    h.monitor->watch(db);
    QVERIFY(h.refresh());
    const int rows = h.monitor->tableModel(db.databaseId)->rowCount();
    const quint64 serial = h.monitor->snapshot(db.databaseId).refreshSerial;

    // Tables status now fails for good (a 4xx is not retried): the refresh fails, and no row is
    // removed for not having been seen.
    FaultRule rule;
    rule.kind = FaultRule::Kind::Status;
    rule.status = 400;
    rule.errorCode = QStringLiteral("InvalidRequest");
    rule.operation = QStringLiteral("getTablesMirroringStatus");
    h.sandbox->addFault(rule);
    QSignalSpy finished(h.monitor.get(), &StatusMonitor::refreshFinished);
    QVERIFY(h.refresh());
    QCOMPARE(finished.first().at(1).toInt(), 1);
    QCOMPARE(h.monitor->tableModel(db.databaseId)->rowCount(), rows);
    const DatabaseSnapshot s = h.monitor->snapshot(db.databaseId);
    QVERIFY(s.lastError.isError());
    QCOMPARE(s.lastError.httpStatus(), 400);
    QCOMPARE(s.refreshSerial, serial); // no new answer: the history records nothing for it
}

void TestMonitor::concurrencyIsBounded()
{
    Harness h;
    h.monitor->setMaxConcurrentDatabases(2);
    int watched = 0;
    for (const auto &ws : h.sandbox->state()->workspaces())
        for (FabricState::Mirror *m : h.sandbox->state()->mirrors(ws.id)) {
            h.monitor->watch({ws.id, m->id, m->displayName});
            ++watched;
        }
    QVERIFY(watched >= 5);
    QSignalSpy updated(h.monitor.get(), &StatusMonitor::databaseUpdated);
    QVERIFY(h.refresh());
    QCOMPARE(updated.count(), watched);
    QCOMPARE(h.monitor->maxObservedConcurrency(), 2);
}

void TestMonitor::unwatchDuringRefresh()
{
    Harness h;
    const WatchedDatabase a = h.database(QStringLiteral("SalesMirror"));
    const WatchedDatabase b = h.database(QStringLiteral("SalesArchive"));
    h.monitor->watch(a);
    h.monitor->watch(b);
    QSignalSpy finished(h.monitor.get(), &StatusMonitor::refreshFinished);
    QSignalSpy started(h.monitor.get(), &StatusMonitor::refreshStarted);
    h.monitor->refreshNow();
    QVERIFY(started.wait(scaledMs(5000)));
    h.monitor->unwatch(a.databaseId); // its answer is now stale and must be dropped
    QVERIFY(finished.wait(scaledMs(15000)));
    QVERIFY(!h.monitor->tableModel(a.databaseId));
    QVERIFY(h.monitor->tableModel(b.databaseId)->rowCount() > 0);
    QCOMPARE(h.monitor->watched().size(), 1);
}

void TestMonitor::pollsOnItsOwnUntilPaused()
{
    Harness h;
    h.sandbox->pauseClock(); // every refresh sees the same state
    h.monitor->watch(h.database(QStringLiteral("ReportsMirror")));
    h.monitor->setInterval(std::chrono::milliseconds(30));
    QSignalSpy finished(h.monitor.get(), &StatusMonitor::refreshFinished);
    h.monitor->start();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() >= 3, scaledMs(10000));
    QVERIFY(h.monitor->nextRefreshUtc().isValid() || h.monitor->isRefreshing());
    h.monitor->pause();
    QTRY_VERIFY_WITH_TIMEOUT(!h.monitor->isRefreshing(), scaledMs(5000));
    const int after = finished.count();
    QTest::qWait(150);
    QCOMPARE(finished.count(), after);
    QVERIFY(!h.monitor->nextRefreshUtc().isValid());
}

QTEST_GUILESS_MAIN(TestMonitor)
#include "tst_monitor.moc"
