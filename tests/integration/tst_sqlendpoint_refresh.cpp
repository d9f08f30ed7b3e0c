// "Refresh SQL endpoint" against fabric-sandbox over loopback (issue #18, part 1): the app-layer
// SqlEndpointRefresher sends RefreshSqlEndpointMetadataRequest through the real FabricClient.
// Evidence is the sandbox's request log: the 200 path is one POST; the 202 path is the POST, the
// operation's polls and exactly one GET of its /result; a cancel sends nothing more; failures
// (named tables failing, the operation failing, a Viewer, an unknown endpoint) end as the service
// said and leave the stored result alone. The sandbox runs at 100× and the client at 1/100.
#include "app/sqlendpoint/sqlendpointrefresher.h"
#include "models/sqlendpointsyncstore.h"
#include "sandbox/fabricstate.h"
#include "tests/support/sandboxfixture.h"

#include <QSignalSpy>

using namespace fmc;
using namespace fmc::sandbox;
using namespace fmc::test;
using namespace std::chrono_literals;

class TestSqlEndpointRefresh : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void refreshes_data();
    void refreshes();
    void failures_data();
    void failures();
    void cancelSendsNothingMore();
    void pathIdIsChecked();

private:
    //! A new mirror-all database in "Sales Analytics", running long enough that every table replicates.
    SqlEndpointRefresher::Target replicatingTarget();
    SqlEndpointRefresher::Target demoTarget(const QString &workspace, const QString &mirror);
    QList<RequestLogEntry> refreshCalls() const;
    bool waitFinished(QSignalSpy &spy) const { return QTest::qWaitFor([&] { return spy.count() > 0; }, 10000); }

    SandboxFixture m_fx;
    std::unique_ptr<SqlEndpointSyncStore> m_store;
    std::unique_ptr<SqlEndpointRefresher> m_refresher;
};

void TestSqlEndpointRefresh::init()
{
    SandboxOptions options;
    options.speed = 100;
    options.lroMode = LroMode::Never;
    QVERIFY(m_fx.up(options));
    m_store = std::make_unique<SqlEndpointSyncStore>();
    m_refresher = std::make_unique<SqlEndpointRefresher>(m_fx.client, m_store.get());
}

void TestSqlEndpointRefresh::cleanup()
{
    m_refresher.reset();
    m_store.reset();
    m_fx.down();
}

SqlEndpointRefresher::Target TestSqlEndpointRefresh::demoTarget(const QString &workspace, const QString &mirror)
{
    const FabricState::Mirror *m = m_fx.mirrorNamed(workspace, mirror);
    return m ? SqlEndpointRefresher::Target{m->workspaceId, m->id, m->displayName, m->sqlEndpointId}
             : SqlEndpointRefresher::Target{};
}

SqlEndpointRefresher::Target TestSqlEndpointRefresh::replicatingTarget()
{
    FabricState *state = m_fx.sandbox->state();
    const SqlEndpointRefresher::Target sales = demoTarget(QStringLiteral("Sales Analytics"), QStringLiteral("SalesMirror"));
    FabricState::Mirror *created = nullptr;
    const QByteArray json = R"({"properties":{"source":{"type":"AzureSqlDatabase","typeProperties":{"connection":")"
                            + state->connections().first().id.toUtf8()
                            + R"(","database":"crm"}},"target":{"type":"MountedRelationalDatabase","typeProperties":{"format":"Delta"}}}})";
    if (state->createMirror(sales.workspaceId, QStringLiteral("EndpointProbe"), {}, {}, json, {}, &created) || !created)
        return {};
    m_fx.sandbox->advanceClock(20'000);  // provisioned: Initialized, endpoint id shown
    state->settle(created);
    if (state->startMirroring(created))
        return {};
    m_fx.sandbox->advanceClock(300'000); // started, every table snapshotted and replicating
    m_fx.sandbox->clearRequestLog();
    return {sales.workspaceId, created->id, created->displayName, created->sqlEndpointId};
}

QList<RequestLogEntry> TestSqlEndpointRefresh::refreshCalls() const
{
    QList<RequestLogEntry> out;
    for (const RequestLogEntry &e : m_fx.apiLog())
        if (e.operationId == QLatin1String("Items_RefreshSqlEndpointMetadata"))
            out << e;
    return out;
}

void TestSqlEndpointRefresh::refreshes_data()
{
    QTest::addColumn<bool>("recreateTables");
    QTest::addColumn<bool>("large");
    QTest::addColumn<int>("firstStatus");
    QTest::newRow("small endpoint: 200 with the result") << false << false << 200;
    QTest::newRow("recreateTables: 202, operation, result") << true << false << 202;
    QTest::newRow("large endpoint (500 tables): 202") << false << true << 202;
}

void TestSqlEndpointRefresh::refreshes()
{
    QFETCH(bool, recreateTables);
    QFETCH(bool, large);
    QFETCH(int, firstStatus);
    SqlEndpointRefresher::Target target = large ? demoTarget(QStringLiteral("Sales Analytics"), QStringLiteral("SalesArchive"))
                                                : replicatingTarget();
    QVERIFY(!target.sqlEndpointId.isEmpty());
    m_fx.sandbox->clearRequestLog();
    FabricState *state = m_fx.sandbox->state();
    const auto tables = state->tables(state->mirror(target.workspaceId, target.databaseId));

    QSignalSpy busy(m_refresher.get(), &SqlEndpointRefresher::busyChanged);
    QSignalSpy finished(m_refresher.get(), &SqlEndpointRefresher::finished);
    QVERIFY(m_refresher->refresh(target, 15min, recreateTables));
    QVERIFY(m_refresher->isBusy());
    QVERIFY(!m_refresher->refresh(target, 15min, false)); // one at a time
    QVERIFY(waitFinished(finished));
    QVERIFY(!m_refresher->isBusy());
    QCOMPARE(busy.count(), 2);
    const auto error = finished.first().at(2).value<ApiError>();
    QVERIFY2(!error.isError(), qPrintable(error.message()));
    const auto result = finished.first().at(1).value<TableSyncStatuses>();

    // The request log: the POST, when the sandbox took it.
    const QList<RequestLogEntry> calls = refreshCalls();
    QCOMPARE(calls.size(), 1);
    const QDateTime asked = calls.first().receivedSandboxUtc;

    // Every table of the endpoint synced, level with replication as of the request: the
    // endpoint's last sync is at or after every change replicated by then.
    QCOMPARE(result.value.size(), qsizetype(tables.size()));
    QCOMPARE(result.count(SyncStatus::Success), int(tables.size()));
    for (const FabricState::SimTable &t : tables) {
        const TableSyncStatus *synced = m_store->table(target.databaseId, t.schema, t.table);
        QVERIFY2(synced, qPrintable(t.schema + u'.' + t.table));
        QVERIFY(synced->lastSuccessfulSyncDateTime >= asked);
        QCOMPARE(SqlEndpointSyncStore::visibility(synced, asked), SqlEndpointSyncStore::Visibility::Visible);
    }

    // On 202, polls and exactly one /result.
    QCOMPARE(calls.first().status, firstStatus);
    QCOMPARE(calls.first().method, QByteArray("POST"));
    QVERIFY(calls.first().pathAndQuery.contains(target.sqlEndpointId));
    int polls = 0, results = 0;
    for (const RequestLogEntry &e : m_fx.apiLog()) {
        polls += e.operationId == QLatin1String("LongRunningOperations_GetOperationState");
        results += e.operationId == QLatin1String("LongRunningOperations_GetOperationResult");
    }
    QCOMPARE(results, firstStatus == 202 ? 1 : 0);
    QCOMPARE(polls > 0, firstStatus == 202);
}

void TestSqlEndpointRefresh::failures_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("errorCode"); // of the call; empty: the call succeeds
    QTest::newRow("named tables fail") << "failTables" << "";
    QTest::newRow("the operation fails") << "failOperation" << "OperationFailed";
    QTest::newRow("a Viewer is refused") << "viewer" << "InsufficientWorkspaceRole";
    QTest::newRow("unknown endpoint") << "unknown" << "ItemNotFound";
    QTest::newRow("throttled, then served") << "throttle" << "";
}

void TestSqlEndpointRefresh::failures()
{
    QFETCH(QString, kind);
    QFETCH(QString, errorCode);
    SqlEndpointRefresher::Target target = replicatingTarget();
    QVERIFY(!target.sqlEndpointId.isEmpty());
    if (kind == QLatin1String("viewer"))
        target = demoTarget(QStringLiteral("Shared Reports"), QStringLiteral("ReportsMirror"));
    if (kind == QLatin1String("unknown"))
        target.sqlEndpointId = QStringLiteral("00000000-0000-4000-8000-000000000000");
    FaultRule rule;
    rule.operation = QStringLiteral("refreshSqlEndpointMetadata");
    rule.count = 1;
    if (kind == QLatin1String("failTables")) {
        rule.kind = FaultRule::Kind::FailTables;
        rule.tables = {QStringLiteral("customers")};
        m_fx.sandbox->addFault(rule);
    } else if (kind == QLatin1String("failOperation")) {
        rule.kind = FaultRule::Kind::FailOperation;
        m_fx.sandbox->addFault(rule);
    } else if (kind == QLatin1String("throttle")) {
        rule.kind = FaultRule::Kind::Status;
        rule.status = 429;
        rule.retryAfter = QByteArray("2");
        m_fx.sandbox->addFault(rule);
    }
    m_store->setResult(target.databaseId, {}, QDateTime::fromSecsSinceEpoch(0, Qt::UTC)); // an older result
    QSignalSpy finished(m_refresher.get(), &SqlEndpointRefresher::finished);
    QVERIFY(m_refresher->refresh(target, 15min, false));
    QVERIFY(waitFinished(finished));
    const auto error = finished.first().at(2).value<ApiError>();
    const auto result = finished.first().at(1).value<TableSyncStatuses>();
    if (!errorCode.isEmpty()) {
        QVERIFY(error.isError());
        QCOMPARE(error.errorCode(), errorCode);
        QCOMPARE(m_store->refreshedAt(target.databaseId), QDateTime::fromSecsSinceEpoch(0, Qt::UTC)); // kept
        QVERIFY(!SqlEndpointRefresher::summary(result).isEmpty());
        return;
    }
    QVERIFY2(!error.isError(), qPrintable(error.message()));
    QVERIFY(m_store->refreshedAt(target.databaseId) > QDateTime::fromSecsSinceEpoch(0, Qt::UTC));
    const QList<RequestLogEntry> calls = refreshCalls();
    if (kind == QLatin1String("throttle")) {
        QCOMPARE(calls.size(), 2); // the 429, then the retry after Retry-After
        QCOMPARE(calls.at(0).status, 429);
        QCOMPARE(calls.at(1).status, 200);
        QCOMPARE(calls.at(0).clientRequestId, calls.at(1).clientRequestId);
        QCOMPARE(calls.at(0).bodySha256, calls.at(1).bodySha256);
        return;
    }
    QCOMPARE(calls.size(), 1);
    QCOMPARE(calls.first().fault, QStringLiteral("failTables"));
    // Every "customers" table failed with the service's error and kept its older sync time.
    int failed = 0;
    for (const TableSyncStatus &t : result.value) {
        const bool named = t.tableName.endsWith(QLatin1String(".customers"));
        QCOMPARE(t.status.value, named ? SyncStatus::Failure : SyncStatus::Success);
        if (!named)
            continue;
        ++failed;
        QVERIFY(t.error);
        QCOMPARE(t.error->errorCode, QStringLiteral("AdalRetryException"));
        QVERIFY(t.lastSuccessfulSyncDateTime < t.endDateTime);
        const auto dot = t.tableName.indexOf(u'.');
        const TableSyncStatus *stored = m_store->table(target.databaseId, t.tableName.left(dot), t.tableName.mid(dot + 1));
        QVERIFY(stored);
        // Replication is ahead of the endpoint's last good sync: not visible, and why.
        QCOMPARE(SqlEndpointSyncStore::visibility(stored, t.endDateTime), SqlEndpointSyncStore::Visibility::SyncFailed);
    }
    QVERIFY(failed >= 1);
    QCOMPARE(result.count(SyncStatus::Failure), failed);
    QVERIFY(SqlEndpointRefresher::summary(result).contains(QLatin1String("failed")));
}

void TestSqlEndpointRefresh::cancelSendsNothingMore()
{
    const SqlEndpointRefresher::Target target = replicatingTarget();
    QVERIFY(!target.sqlEndpointId.isEmpty());
    m_fx.sandbox->setLroDurationMs(-1); // the operation never ends
    QSignalSpy finished(m_refresher.get(), &SqlEndpointRefresher::finished);
    QVERIFY(m_refresher->refresh(target, 15min, true));
    // Wait until the operation is being polled, then cancel.
    QVERIFY(QTest::qWaitFor([&] {
        for (const RequestLogEntry &e : m_fx.apiLog())
            if (e.operationId == QLatin1String("LongRunningOperations_GetOperationState"))
                return true;
        return false;
    }, 10000));
    m_refresher->cancel();
    QVERIFY(waitFinished(finished));
    QCOMPARE(finished.first().at(2).value<ApiError>().kind(), ApiError::Kind::Cancelled);
    QVERIFY(!m_refresher->isBusy());
    QVERIFY(!m_store->hasResult(target.databaseId));
    const qsizetype sent = m_fx.apiLog().size();
    QTest::qWait(300); // 30 s of sandbox time: polls would come every second
    QCOMPARE(m_fx.apiLog().size(), sent);
}

void TestSqlEndpointRefresh::pathIdIsChecked()
{
    // An endpoint id from the service goes into the path only if it is a GUID.
    SqlEndpointRefresher::Target target = replicatingTarget();
    target.sqlEndpointId = QStringLiteral("..");
    QSignalSpy finished(m_refresher.get(), &SqlEndpointRefresher::finished);
    QVERIFY(m_refresher->refresh(target, 15min, false));
    QVERIFY(waitFinished(finished));
    QVERIFY(finished.first().at(2).value<ApiError>().isError());
    QVERIFY(refreshCalls().isEmpty());
}

QTEST_GUILESS_MAIN(TestSqlEndpointRefresh)
#include "tst_sqlendpoint_refresh.moc"
