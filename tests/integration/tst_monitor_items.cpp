// The status monitor on the other mirror item types (issue #19 part 3) against fabric-sandbox over
// loopback: a mirrored catalog polled like a database (status, every page of its tables, table
// failed / recovered events), a Databricks catalog's syncDetails as its health, no call at all for
// a SQL database or another Mirrored* type, beta=true only on the preview's calls, and a 429
// handled by the same machinery. Evidence is the monitor's snapshots, models and events and the
// sandbox's request log.
#include "app/monitor/statusmonitor.h"
#include "sandbox/faultrule.h"
#include "sandbox/mirroritemstore.h"
#include "tests/support/sandboxfixture.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

using namespace fmc;
using namespace fmc::sandbox;
using namespace fmc::test;

class TestMonitorItems : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void catalogTablesEveryPage();
    void catalogTableFailsAndRecovers();
    void catalogStatusTransitions();
    void databricksSyncDetailsIsTheHealth_data();
    void databricksSyncDetailsIsTheHealth();
    void typesWithoutStatusCallSendNothing_data();
    void typesWithoutStatusCallSendNothing();
    void betaOnlyWhereTheSpecAsks();
    void throttledCatalogTablesAreRetried();

private:
    bool up(int pageSize = 100);
    WatchedDatabase item(const QString &workspaceName, const QString &name) const;
    MirrorItemStore::Catalog *catalog(const WatchedDatabase &item) const;
    //! Runs one refresh of every watched item to its end; false on timeout.
    bool refresh();
    QList<MonitorEvent> refreshForEvents();

    SandboxFixture m_fx;
    std::unique_ptr<StatusMonitor> m_monitor;
};

bool TestMonitorItems::up(int pageSize)
{
    m_monitor.reset();
    m_fx.down();
    SandboxOptions options;
    options.speed = 100;
    options.pageSize = pageSize;
    if (!m_fx.up(options))
        return false;
    m_monitor = std::make_unique<StatusMonitor>(m_fx.client);
    m_monitor->setInterval(std::chrono::hours(1)); // refreshes only when a test asks
    return true;
}

void TestMonitorItems::init()
{
    QVERIFY(up());
}

void TestMonitorItems::cleanup()
{
    m_monitor.reset();
    m_fx.down();
}

WatchedDatabase TestMonitorItems::item(const QString &workspaceName, const QString &name) const
{
    return m_fx.watchedItem(workspaceName, name);
}

MirrorItemStore::Catalog *TestMonitorItems::catalog(const WatchedDatabase &item) const
{
    return m_fx.sandbox->state()->mirrorItems().catalog(item.workspaceId, item.databaseId);
}

bool TestMonitorItems::refresh()
{
    QSignalSpy finished(m_monitor.get(), &StatusMonitor::refreshFinished);
    m_monitor->refreshNow();
    return finished.wait(15000);
}

QList<MonitorEvent> TestMonitorItems::refreshForEvents()
{
    QList<MonitorEvent> events;
    const auto connection = connect(m_monitor.get(), &StatusMonitor::transitions, this,
                                    [&events](const QList<MonitorEvent> &batch) { events << batch; });
    const bool done = refresh();
    disconnect(connection);
    if (!done)
        qWarning("refresh timed out");
    return events;
}

void TestMonitorItems::catalogTablesEveryPage()
{
    QVERIFY(up(2));
    const WatchedDatabase iceberg = item(QStringLiteral("Sales Analytics"), QStringLiteral("IcebergSales"));
    QCOMPARE(iceberg.kind(), MirrorItemKind::MirroredCatalog);
    m_monitor->watch(iceberg);
    TableStatusModel *model = m_monitor->tableModel(iceberg.databaseId);
    QVERIFY(model);
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy pages(m_monitor.get(), &StatusMonitor::tablesPageApplied);
    m_fx.sandbox->clearRequestLog();
    QVERIFY(refresh());

    // 9 tables in pages of 2: five pages, each applied as it came, each asked once.
    QCOMPARE(model->rowCount(), 9);
    QCOMPARE(pages.count(), 5);
    int tableCalls = 0;
    for (const RequestLogEntry &e : m_fx.apiLog())
        tableCalls += e.operationId == QLatin1String("Monitoring_Tables_Mirroring_Status_(beta)");
    QCOMPARE(tableCalls, 5);

    const DatabaseSnapshot s = m_monitor->snapshot(iceberg.databaseId);
    QVERIFY(s.hasAnswer());
    QVERIFY(!s.status); // not a mirrored database's status
    QVERIFY(s.mirrorItem && s.mirrorItem->catalogStatus);
    QCOMPARE(s.health.text, QStringLiteral("Running, 1 table failed"));
    QCOMPARE(s.health.level, MirroringHealth::Warning);
    QCOMPARE(s.tablesByStatus.value(QStringLiteral("Running")), 8);
    QCOMPARE(s.tablesByStatus.value(QStringLiteral("Failed")), 1);
    QVERIFY(!s.lastError.isError());

    // The failed table with its error and last sync; rows and bytes not given: n/a, never 0.
    int failedRow = -1, neverSynced = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        const TableStatusRow &r = model->rowAt(row);
        if (r.status.status == TableStatus::Failed)
            failedRow = row;
        neverSynced += !(r.status.metrics && r.status.metrics->lastSyncDateTime.isValid());
        QCOMPARE(model->index(row, TableStatusModel::ProcessedRows).data().toString(), QStringLiteral("n/a"));
        QCOMPARE(model->index(row, TableStatusModel::ProcessedBytes).data().toString(), QStringLiteral("n/a"));
    }
    QVERIFY(failedRow >= 0);
    QCOMPARE(neverSynced, 1);
    QCOMPARE(model->index(failedRow, TableStatusModel::ErrorCode).data().toString(),
             QStringLiteral("TableLocationNotAccessible"));
    QCOMPARE(model->index(failedRow, TableStatusModel::Status).data().toString(), QStringLiteral("Failed"));
    // A shortcut's last update: none for the failed table nor for the one never synced.
    int updated = 0;
    for (int row = 0; row < model->rowCount(); ++row)
        updated += model->index(row, TableStatusModel::LastUpdate).data(UnderlyingDataRole).toDateTime().isValid();
    QCOMPARE(updated, 7);
    QVERIFY(model->index(failedRow, TableStatusModel::LastUpdate).data().toString().isEmpty());
    // No rows or latency to chart: no history of zeros.
    QVERIFY(!m_monitor->tableHistory(iceberg.databaseId, QStringLiteral("Taxes"), QStringLiteral("Invoices")));
    QCOMPARE(m_monitor->databaseHistory(iceberg.databaseId)->size(), 0);

    // A second refresh is a keyed diff: no rows removed or inserted.
    QSignalSpy removed(model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(model, &QAbstractItemModel::rowsInserted);
    QVERIFY(refresh());
    QCOMPARE(removed.count(), 0);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(model->rowCount(), 9);
}

void TestMonitorItems::catalogTableFailsAndRecovers()
{
    const WatchedDatabase iceberg = item(QStringLiteral("Sales Analytics"), QStringLiteral("IcebergSales"));
    m_monitor->watch(iceberg);
    QVERIFY(refreshForEvents().isEmpty()); // the first refresh is the baseline
    MirrorItemStore::Catalog *source = catalog(iceberg);
    QVERIFY(source);
    MirrorItemStore::CatalogTable &orders = source->tables[6]; // Orders.Invoices
    QCOMPARE(orders.schema, QStringLiteral("Orders"));
    QCOMPARE(orders.status, QStringLiteral("Running"));

    orders.status = QStringLiteral("Failed");
    orders.errorCode = QStringLiteral("TableLocationNotAccessible");
    orders.errorMessage = QStringLiteral("Table location not accessible: s3://bucket/orders");
    QList<MonitorEvent> events = refreshForEvents();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().kind, MonitorEvent::Kind::TableFailed);
    QVERIFY(events.first().isAlert());
    QCOMPARE(events.first().databaseId, iceberg.databaseId);
    QCOMPARE(events.first().schema, QStringLiteral("Orders"));
    QCOMPARE(events.first().table, orders.name);
    QCOMPARE(events.first().before, QStringLiteral("Running"));
    QCOMPARE(events.first().errorCode, QStringLiteral("TableLocationNotAccessible"));
    QCOMPARE(m_monitor->snapshot(iceberg.databaseId).health.text, QStringLiteral("Running, 2 tables failed"));

    orders.status = QStringLiteral("Running");
    orders.errorCode.clear();
    orders.errorMessage.clear();
    events = refreshForEvents();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().kind, MonitorEvent::Kind::TableRecovered);
    QCOMPARE(events.first().table, orders.name);
    QCOMPARE(events.first().after, QStringLiteral("Running"));
    QCOMPARE(m_monitor->snapshot(iceberg.databaseId).health.text, QStringLiteral("Running, 1 table failed"));
}

void TestMonitorItems::catalogStatusTransitions()
{
    const WatchedDatabase iceberg = item(QStringLiteral("Sales Analytics"), QStringLiteral("IcebergSales"));
    m_monitor->watch(iceberg);
    QVERIFY(refresh());
    MirrorItemStore::Catalog *source = catalog(iceberg);
    source->status = QStringLiteral("Failed");
    source->errorCode = QStringLiteral("InvalidInput");
    source->errorMessage = QStringLiteral("Authentication to the source catalog failed.");
    const QList<MonitorEvent> events = refreshForEvents();
    QList<MonitorEvent::Kind> kinds;
    for (const MonitorEvent &e : events)
        kinds << e.kind;
    QVERIFY2(kinds.contains(MonitorEvent::Kind::MirroringStopped), "Running → Failed leaves Running");
    QVERIFY(kinds.contains(MonitorEvent::Kind::DatabaseError));
    const DatabaseSnapshot s = m_monitor->snapshot(iceberg.databaseId);
    QCOMPARE(s.health.text, QStringLiteral("Failed"));
    QCOMPARE(s.health.level, MirroringHealth::Failed);
    QVERIFY(s.itemError());
    QCOMPARE(s.itemError()->errorCode, QStringLiteral("InvalidInput"));
    // A failed catalog still says which of its tables failed.
    QCOMPARE(m_monitor->tableModel(iceberg.databaseId)->rowCount(), 9);
}

void TestMonitorItems::databricksSyncDetailsIsTheHealth_data()
{
    QTest::addColumn<QString>("workspace");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("health");
    QTest::addColumn<int>("level");
    QTest::addColumn<QString>("errorCode");
    QTest::newRow("Success") << "Sales Analytics" << "UnitySales" << "Synced" << int(MirroringHealth::Normal) << "";
    QTest::newRow("Failed, errorInfo") << "Finance" << "UnityFinance" << "Sync failed" << int(MirroringHealth::Failed)
                                       << "CatalogNotAccessible";
    QTest::newRow("NotStarted") << "Operations" << "UnityOps" << "Not synced yet" << int(MirroringHealth::Warning) << "";
    QTest::newRow("InProgress") << "Operations" << "UnityPlant" << "Syncing" << int(MirroringHealth::Normal) << "";
}

void TestMonitorItems::databricksSyncDetailsIsTheHealth()
{
    QFETCH(QString, workspace);
    QFETCH(QString, name);
    QFETCH(QString, health);
    QFETCH(int, level);
    QFETCH(QString, errorCode);
    const WatchedDatabase unity = item(workspace, name);
    QCOMPARE(unity.kind(), MirrorItemKind::AzureDatabricksCatalog);
    m_monitor->watch(unity);
    m_fx.sandbox->clearRequestLog();
    QVERIFY(refresh());
    const DatabaseSnapshot s = m_monitor->snapshot(unity.databaseId);
    QCOMPARE(s.health.text, health);
    QCOMPARE(int(s.health.level), level);
    QCOMPARE(s.itemError() ? s.itemError()->errorCode : QString(), errorCode);
    QVERIFY(s.mirrorItem && s.mirrorItem->databricks);
    QVERIFY(s.mirrorItem->databricks->autoSync.isKnown());
    QVERIFY(s.mirrorItem->databricks->mirroringMode.isKnown());
    // No per-table status in its API: no tables, and one GET of the item per refresh.
    QCOMPARE(m_monitor->tableModel(unity.databaseId)->rowCount(), 0);
    const QList<RequestLogEntry> log = m_fx.apiLog();
    QCOMPARE(log.size(), 1);
    QCOMPARE(log.first().operationId, QStringLiteral("Items_GetMirroredAzureDatabricksCatalog"));
}

void TestMonitorItems::typesWithoutStatusCallSendNothing_data()
{
    QTest::addColumn<QString>("workspace");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("health");
    QTest::newRow("SQL database") << "Sales Analytics" << "OrdersDb" << "No status call";
    QTest::newRow("MirroredCosmosDbContainer") << "Operations" << "SensorEvents" << "Read-only";
}

void TestMonitorItems::typesWithoutStatusCallSendNothing()
{
    QFETCH(QString, workspace);
    QFETCH(QString, name);
    QFETCH(QString, health);
    const WatchedDatabase watched = item(workspace, name);
    QVERIFY(!watched.databaseId.isEmpty());
    m_monitor->watch(watched);
    m_fx.sandbox->clearRequestLog();
    QSignalSpy updated(m_monitor.get(), &StatusMonitor::databaseUpdated);
    QVERIFY(refresh());
    QVERIFY(refresh());
    QCOMPARE(m_fx.apiLog().size(), 0); // no status call exists: none is made up
    QCOMPARE(updated.count(), 1);      // said once, not again every refresh
    const DatabaseSnapshot s = m_monitor->snapshot(watched.databaseId);
    QVERIFY(s.hasAnswer());
    QCOMPARE(s.health.text, health);
    QVERIFY(!s.itemError());
    QVERIFY(!s.lastRefreshUtc.isValid()); // nothing was read
    QCOMPARE(s.mirrorItem->item.type, watched.itemType);
}

void TestMonitorItems::betaOnlyWhereTheSpecAsks()
{
    for (const auto &[ws, name] : {std::pair{"Sales Analytics", "IcebergSales"}, std::pair{"Sales Analytics", "UnitySales"},
                                   std::pair{"Sales Analytics", "OrdersDb"}, std::pair{"Sales Analytics", "SalesMirror"},
                                   std::pair{"Finance", "GlueFinance"}, std::pair{"Operations", "SensorEvents"}})
        m_monitor->watch(item(QString::fromLatin1(ws), QString::fromLatin1(name)));
    QCOMPARE(m_monitor->watched().size(), 6);
    m_fx.sandbox->clearRequestLog();
    QVERIFY(refresh());
    int beta = 0;
    for (const RequestLogEntry &e : m_fx.apiLog()) {
        QVERIFY2(e.status == 200, qPrintable(e.pathAndQuery));
        const bool preview = e.operationId.endsWith(QLatin1String("(beta)"));
        QVERIFY2(e.pathAndQuery.contains(QLatin1String("beta=")) == preview, qPrintable(e.pathAndQuery));
        if (preview)
            QVERIFY(e.pathAndQuery.contains(QLatin1String("beta=true")));
        beta += preview;
    }
    QCOMPARE(beta, 4); // status and tables of each of the two mirrored catalogs
    for (const auto &name : {"IcebergSales", "UnitySales", "SalesMirror"})
        QVERIFY2(!m_monitor->snapshot(item(QStringLiteral("Sales Analytics"), QString::fromLatin1(name)).databaseId)
                      .lastError.isError(),
                 name);
}

void TestMonitorItems::throttledCatalogTablesAreRetried()
{
    const WatchedDatabase iceberg = item(QStringLiteral("Sales Analytics"), QStringLiteral("IcebergSales"));
    m_monitor->watch(iceberg);
    FaultRule rule;
    rule.kind = FaultRule::Kind::Status;
    rule.status = 429;
    rule.operation = QStringLiteral("Monitoring_Tables_Mirroring_Status_(beta)");
    rule.count = 1;
    m_fx.sandbox->addFault(rule);
    QSignalSpy throttled(m_monitor.get(), &StatusMonitor::throttled);
    QSignalSpy finished(m_monitor.get(), &StatusMonitor::refreshFinished);
    m_monitor->refreshNow();
    QVERIFY(finished.wait(15000));
    // The client's throttling rules (wait Retry-After, then retry) hold for the catalog's calls.
    QCOMPARE(throttled.count(), 1);
    QCOMPARE(finished.first().at(1).toInt(), 0);
    QCOMPARE(m_monitor->tableModel(iceberg.databaseId)->rowCount(), 9);
}

QTEST_MAIN(TestMonitorItems)
#include "tst_monitor_items.moc"
