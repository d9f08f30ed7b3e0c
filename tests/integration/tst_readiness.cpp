// "Will it start?" against fabric-sandbox over loopback (issue #18 part 3 and 4): the
// testConnection request (Online, Offline with errors, the long-running path, an unknown id), the
// readiness check of the demo mirrors (ready, offline connection, over the table limit, Paused
// after a capacity pause and resume, a paused capacity, Initializing, open mirroring), and cancel.
// Each case also reads the sandbox's request log: which calls the check made, in which order.
#include "app/admin/mirroreddatabaseadmin.h"
#include "app/api/fabricrequests.h"
#include "app/readiness/readinesscheck.h"
#include "sandbox/fabricstate.h"
#include "tests/support/sandboxfixture.h"

#include <QSignalSpy>

using namespace fmc;
using namespace fmc::sandbox;
using namespace fmc::test;

namespace {

using Check = ReadinessLine::Check;
using LineOutcome = ReadinessLine::Outcome;

QString outcomeName(LineOutcome outcome)
{
    switch (outcome) {
    case LineOutcome::Pending: return QStringLiteral("Pending");
    case LineOutcome::Running: return QStringLiteral("Running");
    case LineOutcome::Passed: return QStringLiteral("Passed");
    case LineOutcome::Warning: return QStringLiteral("Warning");
    case LineOutcome::ToDo: return QStringLiteral("ToDo");
    case LineOutcome::Failed: return QStringLiteral("Failed");
    case LineOutcome::Cancelled: return QStringLiteral("Cancelled");
    }
    return {};
}

} // namespace

class TestReadiness : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void testConnection_data();
    void testConnection();
    void unknownConnection();
    void takenOfflineAndBack();
    void readiness_data();
    void readiness();
    void pausedStaysPausedUntilStopped();
    void cancelSendsNothingMore();

private:
    QString workspace(const QString &name) const;
    QString mirror(const QString &workspaceName, const QString &name) const;
    QString connection(const QString &name) const;
    QStringList operations() const;

    SandboxFixture m_fx;
};

void TestReadiness::init()
{
    SandboxOptions options;
    options.speed = 20;                // LRO polls (Retry-After 1 s) take 50 ms of wall time
    options.lroMode = LroMode::Never;
    options.provisioningMs = 3600'000; // SnowflakeMirror stays Initializing
    QVERIFY(m_fx.up(options));
}

void TestReadiness::cleanup()
{
    m_fx.down();
}

QString TestReadiness::workspace(const QString &name) const
{
    for (const auto &w : m_fx.sandbox->state()->workspaces())
        if (w.displayName == name)
            return w.id;
    return {};
}

QString TestReadiness::mirror(const QString &workspaceName, const QString &name) const
{
    for (auto *m : m_fx.sandbox->state()->mirrors(workspace(workspaceName)))
        if (m->displayName == name)
            return m->id;
    return {};
}

QString TestReadiness::connection(const QString &name) const
{
    for (const auto &c : m_fx.sandbox->state()->connections())
        if (c.displayName == name)
            return c.id;
    return {};
}

QStringList TestReadiness::operations() const
{
    QStringList ids;
    for (const auto &entry : m_fx.apiLog())
        if (!entry.operationId.isEmpty())
            ids << entry.operationId;
    return ids;
}

void TestReadiness::testConnection_data()
{
    QTest::addColumn<QString>("connection");
    QTest::addColumn<bool>("longRunning");
    QTest::addColumn<bool>("online");
    QTest::addColumn<QString>("errorCode");
    QTest::addRow("online, 200") << "contoso-sales (Azure SQL)" << false << true << QString();
    QTest::addRow("online, 202 then the operation's result") << "ops-sqlmi" << true << true << QString();
    QTest::addRow("offline, 200") << "finance-pg" << false << false << "DM_GWPipeline_Gateway_DataSourceAccessError";
    QTest::addRow("offline, 202") << "finance-pg" << true << false << "DM_GWPipeline_Gateway_DataSourceAccessError";
}

void TestReadiness::testConnection()
{
    QFETCH(QString, connection);
    QFETCH(bool, longRunning);
    QFETCH(bool, online);
    QFETCH(QString, errorCode);
    m_fx.sandbox->setLroMode(longRunning ? LroMode::Always : LroMode::Never);
    ApiError error;
    const ConnectionStatus status = m_fx.run(new TestConnectionRequest(this->connection(connection)), &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString()));
    QCOMPARE(status.isOnline(), online);
    QCOMPARE(status.status.text, online ? QStringLiteral("Online") : QStringLiteral("Offline"));
    QCOMPARE(status.errors.isEmpty(), online);
    if (!online) {
        QCOMPARE(status.errors.first().errorCode, errorCode);
        QVERIFY(status.errors.first().message.contains(QStringLiteral("password authentication failed")));
    }
    const QStringList ops = operations();
    QCOMPARE(ops.first(), QStringLiteral("Connections_TestConnection"));
    QCOMPARE(ops.contains(QStringLiteral("LongRunningOperations_GetOperationResult")), longRunning);
}

void TestReadiness::unknownConnection()
{
    ApiError error;
    m_fx.run(new TestConnectionRequest(QStringLiteral("00000000-0000-4000-8000-000000000000")), &error);
    QCOMPARE(error.kind(), ApiError::Kind::NotFound);
    QCOMPARE(error.errorCode(), QStringLiteral("EntityNotFound"));
    // An id that is not a GUID never reaches the service.
    m_fx.run(new TestConnectionRequest(QStringLiteral("..")), &error);
    QVERIFY(error.isError());
    QCOMPARE(m_fx.apiLog().size(), 1);
}

void TestReadiness::takenOfflineAndBack()
{
    const QString id = connection(QStringLiteral("contoso-sales (Azure SQL)"));
    QVERIFY(m_fx.sandbox->state()->setConnectionOnline(id, false, QStringLiteral("DM_GWPipeline_Gateway_MashupDataAccessError"),
                                                        QStringLiteral("Login failed for user 'mirror'.")));
    ApiError error;
    ConnectionStatus status = m_fx.run(new TestConnectionRequest(id), &error);
    QCOMPARE(status.status.text, QStringLiteral("Offline"));
    QCOMPARE(status.errors.first().errorCode, QStringLiteral("DM_GWPipeline_Gateway_MashupDataAccessError"));
    QVERIFY(m_fx.sandbox->state()->setConnectionOnline(id, true));
    status = m_fx.run(new TestConnectionRequest(id), &error);
    QVERIFY(status.isOnline());
    QVERIFY(status.errors.isEmpty());
}

void TestReadiness::readiness_data()
{
    QTest::addColumn<QString>("workspace");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("setup");   // what to do to the tenant first
    QTest::addColumn<int>("tableLimit");  // 0: the default limits
    QTest::addColumn<QStringList>("outcomes"); // Status, Connection, Tables, Prerequisites
    QTest::addColumn<QString>("says");    // a phrase the failing (or first) line must contain
    QTest::addColumn<QStringList>("calls");
    QTest::addColumn<bool>("passed");

    const QStringList all{QStringLiteral("Mirroring_GetMirroringStatus"), QStringLiteral("Items_GetMirroredDatabaseDefinition"),
                          QStringLiteral("Connections_TestConnection")};
    QTest::addRow("Initialized, connection online")
        << "Operations" << "OpsMirror" << "" << 0 << QStringList{"Passed", "Passed", "Passed", "ToDo"}
        << "Initialized" << all << true;
    QTest::addRow("Stopped, connection offline")
        << "Finance" << "LedgerMirror" << "" << 0 << QStringList{"Passed", "Failed", "Passed", "ToDo"}
        << "DM_GWPipeline_Gateway_DataSourceAccessError" << all << false;
    QTest::addRow("over the table limit")
        << "Finance" << "LedgerMirror" << "online" << 2 << QStringList{"Passed", "Passed", "Failed", "ToDo"}
        << "Left out: public.ledger" << all << false;
    QTest::addRow("Paused after a capacity pause and resume")
        << "Sales Analytics" << "SalesMirror" << "pause-resume" << 0 << QStringList{"Failed", "Passed", "Passed", "ToDo"}
        << "Resume replication" << all << false;
    QTest::addRow("capacity paused")
        << "Sales Analytics" << "SalesMirror" << "pause" << 0 << QStringList{"Failed", "Failed", "Failed", "Failed"}
        << "capacity is paused"
        << QStringList{QStringLiteral("Mirroring_GetMirroringStatus"), QStringLiteral("Items_GetMirroredDatabaseDefinition")}
        << false;
    QTest::addRow("Initializing")
        << "Finance" << "SnowflakeMirror" << "" << 0 << QStringList{"Failed", "Passed", "Passed", "ToDo"}
        << "Initializing" << all << false;
    QTest::addRow("open mirroring, already running")
        << "Operations" << "SensorLanding" << "" << 0 << QStringList{"Failed", "Passed", "Passed", "Passed"}
        << "already"
        << QStringList{QStringLiteral("Mirroring_GetMirroringStatus"), QStringLiteral("Items_GetMirroredDatabaseDefinition")}
        << false;
}

void TestReadiness::readiness()
{
    QFETCH(QString, workspace);
    QFETCH(QString, database);
    QFETCH(QString, setup);
    QFETCH(int, tableLimit);
    QFETCH(QStringList, outcomes);
    QFETCH(QString, says);
    QFETCH(QStringList, calls);
    QFETCH(bool, passed);
    const QString ws = this->workspace(workspace);
    const QString db = mirror(workspace, database);
    QVERIFY(!db.isEmpty());
    const QString capacity = m_fx.sandbox->state()->workspace(ws)->capacityId;
    if (setup == QLatin1String("online"))
        QVERIFY(m_fx.sandbox->state()->setConnectionOnline(connection(QStringLiteral("finance-pg")), true));
    if (setup.startsWith(QLatin1String("pause")))
        QVERIFY(m_fx.sandbox->pauseCapacity(capacity));
    if (setup == QLatin1String("pause-resume"))
        QVERIFY(m_fx.sandbox->resumeCapacity(capacity));
    m_fx.sandbox->clearRequestLog();

    ReadinessCheck check(m_fx.client);
    if (tableLimit > 0) {
        DefinitionLimits limits;
        limits.defaultMaxTables = tableLimit;
        check.setLimits(limits);
    }
    QSignalSpy finished(&check, &ReadinessCheck::finished);
    QSignalSpy changed(&check, &ReadinessCheck::lineChanged);
    check.run(ws, db);
    QVERIFY(check.isRunning());
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().toBool(), passed);
    QCOMPARE(check.passed(), passed);
    QCOMPARE(check.doneCount(), ReadinessLine::CheckCount);
    QVERIFY(changed.size() >= ReadinessLine::CheckCount);
    QStringList actual;
    for (int i = 0; i < ReadinessLine::CheckCount; ++i)
        actual << outcomeName(check.line(Check(i)).outcome);
    QCOMPARE(actual, outcomes);
    bool said = false;
    for (int i = 0; i < ReadinessLine::CheckCount; ++i) {
        const auto &line = check.line(Check(i));
        said = said || line.summary.contains(says) || line.detail.contains(says);
    }
    QVERIFY2(said, qPrintable(says));
    QCOMPARE(operations(), calls);
    // The prerequisites of a source that has them come with a Learn link and text to copy.
    const auto &prerequisites = check.line(Check::Prerequisites);
    if (prerequisites.outcome == LineOutcome::ToDo) {
        QVERIFY(prerequisites.link.toString().startsWith(QStringLiteral("https://learn.microsoft.com/")));
        QCOMPARE(prerequisites.copyText, prerequisites.detail);
    }
}

void TestReadiness::pausedStaysPausedUntilStopped()
{
    // Through the client: a capacity pause makes the item unreachable (CapacityNotActive, 404),
    // the resume leaves it Paused, Start is refused, Stop then Start gets it going again.
    const QString ws = workspace(QStringLiteral("Sales Analytics"));
    const QString db = mirror(QStringLiteral("Sales Analytics"), QStringLiteral("SalesMirror"));
    const QString capacity = m_fx.sandbox->state()->workspace(ws)->capacityId;
    ApiError error;
    QVERIFY(m_fx.sandbox->pauseCapacity(capacity));
    m_fx.run(new GetMirroringStatusRequest(ws, db), &error);
    QCOMPARE(error.errorCode(), QStringLiteral("CapacityNotActive"));
    QCOMPARE(error.httpStatus(), 404);
    QVERIFY(m_fx.sandbox->resumeCapacity(capacity));
    auto status = m_fx.run(new GetMirroringStatusRequest(ws, db), &error);
    QCOMPARE(status.status.text, QStringLiteral("Paused"));
    QVERIFY(!MirroredDatabaseAdmin::canStart(status).allowed);
    QVERIFY(MirroredDatabaseAdmin::canStop(status).allowed);
    m_fx.run(new StartMirroringRequest(ws, db), &error);
    QCOMPARE(error.errorCode(), QStringLiteral("InvalidMirroringState"));
    m_fx.sandbox->clock()->advance(600'000); // time does not resume it
    status = m_fx.run(new GetMirroringStatusRequest(ws, db), &error);
    QCOMPARE(status.status.text, QStringLiteral("Paused"));
    m_fx.run(new StopMirroringRequest(ws, db), &error);
    QVERIFY(!error.isError());
    m_fx.sandbox->clock()->advance(60'000);
    status = m_fx.run(new GetMirroringStatusRequest(ws, db), &error);
    QCOMPARE(status.status.text, QStringLiteral("Stopped"));
    m_fx.run(new StartMirroringRequest(ws, db), &error);
    QVERIFY(!error.isError());
}

void TestReadiness::cancelSendsNothingMore()
{
    // The definition call is long-running and never ends: cancel during it.
    m_fx.sandbox->setLroMode(LroMode::Always);
    m_fx.sandbox->state()->setLroTiming(1, -1);
    const QString ws = workspace(QStringLiteral("Operations"));
    const QString db = mirror(QStringLiteral("Operations"), QStringLiteral("OpsMirror"));
    ReadinessCheck check(m_fx.client);
    QSignalSpy finished(&check, &ReadinessCheck::finished);
    check.run(ws, db);
    QVERIFY(QTest::qWaitFor([&] {
        return operations().contains(QStringLiteral("LongRunningOperations_GetOperationState"));
    }, 10000));
    QCOMPARE(check.line(Check::Tables).outcome, LineOutcome::Running);
    check.cancel();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().toBool(), false);
    QCOMPARE(check.line(Check::Status).outcome, LineOutcome::Passed);
    QCOMPARE(check.line(Check::Tables).outcome, LineOutcome::Cancelled);
    QCOMPARE(check.line(Check::Connection).outcome, LineOutcome::Cancelled);
    QVERIFY(!check.isRunning());
    const qsizetype sent = m_fx.apiLog().size();
    QTest::qWait(300); // several poll intervals at this speed
    QCOMPARE(m_fx.apiLog().size(), sent);
    QVERIFY(!operations().contains(QStringLiteral("Connections_TestConnection")));
}

QTEST_MAIN(TestReadiness)
#include "tst_readiness.moc"
