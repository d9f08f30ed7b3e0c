// The ladder's re-sync of one table (TableResync) and its full restart (MirroringRestart) against
// the in-process fabric-sandbox. Evidence comes from the sandbox: its request log (which calls
// arrived, in which order, with which answer) and the mirroring.json bytes it holds, compared
// byte for byte with those before the re-sync. A fault is injected at each step as that step
// begins, so the steps before it run normally.
#include "app/admin/mirroringrestart.h"
#include "app/admin/tableresync.h"
#include "app/api/fabricrequests.h"
#include "sandbox/fabricstate.h"
#include "tests/support/sandboxfixture.h"

#include <QSignalSpy>

using namespace fmc;
using namespace fmc::sandbox;
using namespace fmc::test;

Q_DECLARE_METATYPE(fmc::TableResync::Step)
Q_DECLARE_METATYPE(fmc::TableResync::Outcome)
Q_DECLARE_METATYPE(fmc::sandbox::FaultRule::Kind)

namespace {
const QString kUpdate = QStringLiteral("Items_UpdateMirroredDatabaseDefinition");
const QString kGetDefinition = QStringLiteral("Items_GetMirroredDatabaseDefinition");
const QString kTables = QStringLiteral("Mirroring_GetTablesMirroringStatus");

//! The request log reduced to the mirroring calls, as "operation status" lines.
QStringList calls(const QList<RequestLogEntry> &log)
{
    QStringList lines;
    for (const RequestLogEntry &e : log)
        if (e.operationId.startsWith(QLatin1String("Items_")) || e.operationId.startsWith(QLatin1String("Mirroring_")))
            lines << QStringLiteral("%1 %2").arg(e.operationId).arg(e.status);
    return lines;
}

qsizetype countOf(const QStringList &lines, const QString &prefix)
{
    return std::count_if(lines.cbegin(), lines.cend(), [&](const QString &l) { return l.startsWith(prefix); });
}
} // namespace

class TestTableResync : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void resyncSucceeds_data();
    void resyncSucceeds();
    void faultAtEachStepRestoresTheDefinition_data();
    void faultAtEachStepRestoresTheDefinition();
    void cancelAtEachStepRestoresTheDefinition_data();
    void cancelAtEachStepRestoresTheDefinition();
    void refusalsChangeNothing_data();
    void refusalsChangeNothing();
    void mirrorAllNeedsATableListFirst();
    void restartStopsThenStarts();

private:
    FabricState::Mirror *mirrorNamed(const QString &name, QString *workspaceId);
    //! Runs \a resync to its end; false on timeout.
    bool waitFinished(QSignalSpy &finished, int timeoutMs = 15000);

    SandboxFixture m_fx;
    QString m_ws;
    QString m_db;
    FabricState::Mirror *m_mirror = nullptr;
    QByteArray m_before;
};

FabricState::Mirror *TestTableResync::mirrorNamed(const QString &name, QString *workspaceId)
{
    for (const auto &ws : m_fx.sandbox->state()->workspaces())
        for (FabricState::Mirror *mirror : m_fx.sandbox->state()->mirrors(ws.id))
            if (mirror->displayName == name) {
                *workspaceId = ws.id;
                return mirror;
            }
    return nullptr;
}

bool TestTableResync::waitFinished(QSignalSpy &finished, int timeoutMs)
{
    return QTest::qWaitFor([&] { return finished.count() > 0; }, timeoutMs);
}

void TestTableResync::init()
{
    SandboxOptions options;
    options.speed = 100;
    options.pageSize = 2; // the tables status comes in pages: the wait reads every page
    options.lroMode = LroMode::Never;
    QVERIFY(m_fx.up(options));
    // Open mirroring with three selected tables, running.
    m_mirror = mirrorNamed(QStringLiteral("SensorLanding"), &m_ws);
    QVERIFY(m_mirror);
    m_db = m_mirror->id;
    m_before = m_mirror->mirroringJson;
    QVERIFY(m_before.contains("customers"));
    m_fx.sandbox->clearRequestLog();
}

void TestTableResync::cleanup()
{
    m_fx.down();
}

void TestTableResync::resyncSucceeds_data()
{
    QTest::addColumn<bool>("longRunning");
    QTest::newRow("200") << false;
    QTest::newRow("202 and operation polling") << true;
}

void TestTableResync::resyncSucceeds()
{
    QFETCH(bool, longRunning);
    m_fx.sandbox->state()->setLroMode(longRunning ? LroMode::Always : LroMode::Never);
    TableResync resync(m_fx.client);
    resync.setPollInterval(std::chrono::milliseconds(1000));
    QSignalSpy finished(&resync, &TableResync::finished);
    QByteArray whileWaiting;
    QList<TableResync::Step> steps;
    connect(&resync, &TableResync::stepChanged, this, [&](TableResync::Step step) {
        steps << step;
        if (step == TableResync::Step::WaitingForRemoval)
            whileWaiting = m_mirror->mirroringJson;
    });
    resync.resync(m_ws, m_db, QStringLiteral("dbo"), QStringLiteral("customers"));
    QVERIFY(resync.isBusy());
    QVERIFY(waitFinished(finished));
    QCOMPARE(finished.first().at(0).value<TableResync::Outcome>(), TableResync::Outcome::Succeeded);
    QCOMPARE(steps, (QList<TableResync::Step>{TableResync::Step::ReadingDefinition, TableResync::Step::RemovingTable,
                                             TableResync::Step::WaitingForRemoval, TableResync::Step::AddingTable}));
    // In between, the service held the definition without the table and with the two others.
    QVERIFY(!whileWaiting.contains("\"customers\""));
    QVERIFY(whileWaiting.contains("legacy_sensors"));
    QVERIFY(whileWaiting.contains("orders"));
    // In the end, the original bytes, and the calls in their order.
    QCOMPARE(m_mirror->mirroringJson, m_before);
    // The sandbox, like the service, snapshots the table added back afresh (from the add-back on).
    QVERIFY(m_mirror->tableAddedMs.value(QStringLiteral("dbo.customers"), -1) > m_mirror->runningSinceMs);
    QVERIFY(!m_mirror->tableAddedMs.contains(QStringLiteral("sales.orders"))); // never left: untouched
    const QStringList log = calls(m_fx.apiLog());
    qInfo() << "sandbox log:" << log;
    QCOMPARE(log.first(), kGetDefinition + (longRunning ? QStringLiteral(" 202") : QStringLiteral(" 200")));
    QCOMPARE(countOf(log, kUpdate), 2);
    QVERIFY(countOf(log, kTables) >= 1);
    QVERIFY(log.last().startsWith(kUpdate));
    QVERIFY(log.at(1).startsWith(kUpdate) && log.at(2).startsWith(kTables)); // removed, then waited
    QVERIFY(!resync.isBusy());
}

void TestTableResync::faultAtEachStepRestoresTheDefinition_data()
{
    QTest::addColumn<TableResync::Step>("step");
    QTest::addColumn<QString>("operation");
    QTest::addColumn<FaultRule::Kind>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("updates"); // updateDefinition calls that reach the sandbox
    // Reading fails: nothing was sent, nothing to restore.
    QTest::newRow("read: 400") << TableResync::Step::ReadingDefinition << "getDefinition" << FaultRule::Kind::Status << 400 << 0;
    // The removal's outcome is unknown (500, not re-sent) or refused (409): restored anyway.
    QTest::newRow("remove: 500") << TableResync::Step::RemovingTable << "updateDefinition" << FaultRule::Kind::Status << 500 << 2;
    QTest::newRow("remove: 409") << TableResync::Step::RemovingTable << "updateDefinition" << FaultRule::Kind::Status << 409 << 2;
    QTest::newRow("remove: operation Failed") << TableResync::Step::RemovingTable << "updateDefinition" << FaultRule::Kind::FailOperation << 0 << 2;
    QTest::newRow("wait: 400") << TableResync::Step::WaitingForRemoval << "getTablesMirroringStatus" << FaultRule::Kind::Status << 400 << 2;
    QTest::newRow("wait: malformed body") << TableResync::Step::WaitingForRemoval << "getTablesMirroringStatus" << FaultRule::Kind::MalformedJson << 0 << 2;
    // Adding back fails once: the restore's next try puts the table back.
    QTest::newRow("add back: 500") << TableResync::Step::AddingTable << "updateDefinition" << FaultRule::Kind::Status << 500 << 3;
    QTest::newRow("add back: operation Failed") << TableResync::Step::AddingTable << "updateDefinition" << FaultRule::Kind::FailOperation << 0 << 3;
}

void TestTableResync::faultAtEachStepRestoresTheDefinition()
{
    QFETCH(TableResync::Step, step);
    QFETCH(QString, operation);
    QFETCH(FaultRule::Kind, kind);
    QFETCH(int, status);
    QFETCH(int, updates);
    TableResync resync(m_fx.client);
    resync.setPollInterval(std::chrono::milliseconds(1000));
    QSignalSpy finished(&resync, &TableResync::finished);
    connect(&resync, &TableResync::stepChanged, this, [&](TableResync::Step now) {
        if (now != step)
            return;
        FaultRule rule;
        rule.kind = kind;
        rule.operation = operation;
        // Every try of an idempotent read fails (it is retried on 5xx and transport faults).
        rule.count = kind == FaultRule::Kind::Status && status < 500 ? 1 : (operation == QLatin1String("updateDefinition") ? 1 : -1);
        if (status)
            rule.status = status;
        m_fx.sandbox->addFault(rule);
    });
    resync.resync(m_ws, m_db, QStringLiteral("dbo"), QStringLiteral("customers"));
    QVERIFY(waitFinished(finished, 30000));
    const auto outcome = finished.first().at(0).value<TableResync::Outcome>();
    const QString message = finished.first().at(1).toString();
    QCOMPARE(outcome, TableResync::Outcome::Failed);
    QCOMPARE(m_mirror->mirroringJson, m_before); // byte-identical
    const QStringList log = calls(m_fx.apiLog());
    qInfo() << "sandbox log:" << log;
    QCOMPARE(countOf(log, kUpdate), updates);
    if (updates > 0) {
        QCOMPARE(log.last(), kUpdate + QStringLiteral(" 200")); // the restore, last
        QVERIFY2(message.contains(QLatin1String("restored")), qPrintable(message));
    }
}

void TestTableResync::cancelAtEachStepRestoresTheDefinition_data()
{
    QTest::addColumn<TableResync::Step>("step");
    QTest::addColumn<int>("updates");
    QTest::newRow("read") << TableResync::Step::ReadingDefinition << 0;
    QTest::newRow("remove") << TableResync::Step::RemovingTable << 2;
    QTest::newRow("wait") << TableResync::Step::WaitingForRemoval << 2;
    QTest::newRow("add back") << TableResync::Step::AddingTable << 3;
}

void TestTableResync::cancelAtEachStepRestoresTheDefinition()
{
    QFETCH(TableResync::Step, step);
    QFETCH(int, updates);
    // The service holds each call long enough for the cancel to land while it is on the wire.
    FaultRule slow;
    slow.kind = FaultRule::Kind::Latency;
    slow.latencyMs = 150; // below the client's per-try timeout (30 s scaled by 1/100)
    m_fx.sandbox->addFault(slow);
    TableResync resync(m_fx.client);
    resync.setPollInterval(std::chrono::milliseconds(1000));
    QSignalSpy finished(&resync, &TableResync::finished);
    connect(&resync, &TableResync::stepChanged, this, [&](TableResync::Step now) {
        if (now == step) {
            QVERIFY(resync.canCancel());
            QTimer::singleShot(40, &resync, &TableResync::cancel);
        }
    });
    resync.resync(m_ws, m_db, QStringLiteral("dbo"), QStringLiteral("customers"));
    QVERIFY(waitFinished(finished, 30000));
    QCOMPARE(finished.first().at(0).value<TableResync::Outcome>(), TableResync::Outcome::Cancelled);
    // Let a cancelled call that still reached the service land before comparing.
    QTest::qWait(200); // longer than the injected latency
    QCOMPARE(m_mirror->mirroringJson, m_before);
    const QStringList log = calls(m_fx.apiLog());
    qInfo() << "sandbox log:" << log;
    // A cancelled call may or may not have reached the sandbox; the restore always does.
    QVERIFY(countOf(log, kUpdate) >= updates - 1 && countOf(log, kUpdate) <= updates);
    if (updates > 0)
        QVERIFY(log.last().startsWith(kUpdate));
}

void TestTableResync::refusalsChangeNothing_data()
{
    QTest::addColumn<QString>("mirror");
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QString>("table");
    QTest::addColumn<TableResync::Outcome>("outcome");
    QTest::newRow("mirror all") << "SalesMirror" << "dbo" << "customers" << TableResync::Outcome::MirrorAll;
    QTest::newRow("not in the list") << "SensorLanding" << "dbo" << "nosuchtable" << TableResync::Outcome::NotMounted;
}

void TestTableResync::refusalsChangeNothing()
{
    QFETCH(QString, mirror);
    QFETCH(QString, schema);
    QFETCH(QString, table);
    QFETCH(TableResync::Outcome, outcome);
    QString ws;
    FabricState::Mirror *m = mirrorNamed(mirror, &ws);
    QVERIFY(m);
    const QByteArray before = m->mirroringJson;
    TableResync resync(m_fx.client);
    QSignalSpy finished(&resync, &TableResync::finished);
    resync.resync(ws, m->id, schema, table);
    QVERIFY(waitFinished(finished));
    QCOMPARE(finished.first().at(0).value<TableResync::Outcome>(), outcome);
    QCOMPARE(m->mirroringJson, before);
    QCOMPARE(calls(m_fx.apiLog()), QStringList{kGetDefinition + QStringLiteral(" 200")});
}

void TestTableResync::mirrorAllNeedsATableListFirst()
{
    QString ws;
    FabricState::Mirror *sales = mirrorNamed(QStringLiteral("SalesMirror"), &ws);
    QVERIFY(sales);
    ApiError error;
    const QList<TableMirroringStatus> tables = m_fx.run(new GetTablesMirroringStatusRequest(ws, sales->id), &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString()));
    QVERIFY(tables.size() > 2);
    QList<MountedTable> list;
    for (const TableMirroringStatus &t : tables)
        list << MountedTable{t.sourceSchemaName, t.sourceTableName};

    TableResync resync(m_fx.client);
    resync.setPollInterval(std::chrono::milliseconds(1000));
    QSignalSpy finished(&resync, &TableResync::finished);
    resync.writeTableList(ws, sales->id, list);
    QVERIFY(waitFinished(finished));
    QCOMPARE(finished.takeFirst().at(0).value<TableResync::Outcome>(), TableResync::Outcome::Succeeded);
    const auto written = MirroringDefinition::fromJsonBytes(sales->mirroringJson);
    QVERIFY(written);
    QVERIFY(!written->mirrorAll());
    QCOMPARE(written->mountedTables(), list);
    // The same tables replicate, and now one of them can be re-synced.
    const QByteArray listed = sales->mirroringJson;
    resync.resync(ws, sales->id, list.first().schemaName, list.first().tableName);
    QVERIFY(waitFinished(finished));
    QCOMPARE(finished.takeFirst().at(0).value<TableResync::Outcome>(), TableResync::Outcome::Succeeded);
    QCOMPARE(sales->mirroringJson, listed);
}

void TestTableResync::restartStopsThenStarts()
{
    MirroringRestart restart(m_fx.client);
    restart.setPollInterval(std::chrono::milliseconds(1000));
    QSignalSpy finished(&restart, &MirroringRestart::finished);
    restart.restart(m_ws, m_db);
    QVERIFY(QTest::qWaitFor([&] { return finished.count() > 0; }, 20000));
    QCOMPARE(finished.first().at(0).value<MirroringRestart::Outcome>(), MirroringRestart::Outcome::Succeeded);
    const QStringList log = calls(m_fx.apiLog());
    qInfo() << "sandbox log:" << log;
    QCOMPARE(log.first(), QStringLiteral("Mirroring_StopMirroring 200"));
    QCOMPARE(log.last(), QStringLiteral("Mirroring_StartMirroring 200"));
    QVERIFY(countOf(log, QStringLiteral("Mirroring_GetMirroringStatus")) >= 1);
    QCOMPARE(m_mirror->status, QStringLiteral("Starting"));
}

QTEST_GUILESS_MAIN(TestTableResync)
#include "tst_table_resync.moc"
