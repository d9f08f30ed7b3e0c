// Long-running operations ("LRO state machine" and "LRO lifetime" in docs/reliability-matrix.md)
// against fabric-sandbox, asserted on its request log and clock: the wait before every poll
// (Retry-After, its 10 s default and its 1–60 s clamp), polling on through NotStarted/Running,
// /result fetched exactly once after Succeeded (and OperationHasNoResult taken as success),
// Failed/Undefined/unknown endings reported with the service's errorCode, message and requestId;
// cancel sends nothing more and keeps the id for a resume; an operation still running at the
// default 30-minute limit ends with StillRunning. The sandbox runs at 100× (2000× for the limit)
// and the client at the inverse.
#include "app/api/fabricrequests.h"
#include "sandbox/fabricstate.h"
#include "tests/support/sandboxfixture.h"
#include "tests/support/timefactor.h"

#include <QSignalSpy>

using namespace fmc;
using namespace fmc::sandbox;
using namespace fmc::test;
using namespace std::chrono_literals;

class TestApiSandboxLro : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    // LRO state machine
    void pollWaits_data();
    void pollWaits();
    void noResultOperationFetchesNoResult();
    void operationHasNoResultIsSuccess();
    void terminalFailure_data();
    void terminalFailure();
    // LRO lifetime
    void cancelStopsPollingAndKeepsTheId();
    void stillRunningAtTheDefaultLimit();

private:
    bool up(double speed);
    QList<RequestLogEntry> polls(const QString &operationId) const;
    int results(const QString &operationId) const;

    SandboxFixture m_fx;
    QString m_ws;
    QString m_db;
};

bool TestApiSandboxLro::up(double speed)
{
    m_fx.down();
    SandboxOptions options;
    options.speed = speed;
    options.lroMode = LroMode::Always;
    if (!m_fx.up(options))
        return false;
    m_ws = m_fx.workspaceWithMirrors();
    m_db = m_fx.firstMirror(m_ws);
    return !m_ws.isEmpty();
}

void TestApiSandboxLro::init()
{
    QVERIFY(up(100));
}

void TestApiSandboxLro::cleanup()
{
    m_fx.down();
}

QList<RequestLogEntry> TestApiSandboxLro::polls(const QString &operationId) const
{
    QList<RequestLogEntry> out;
    for (const RequestLogEntry &e : m_fx.apiLog())
        if (e.method == "GET" && e.pathAndQuery == QLatin1String("/v1/operations/") + operationId)
            out << e;
    return out;
}

int TestApiSandboxLro::results(const QString &operationId) const
{
    int n = 0;
    for (const RequestLogEntry &e : m_fx.apiLog())
        n += e.pathAndQuery == QLatin1String("/v1/operations/") + operationId + QLatin1String("/result");
    return n;
}

void TestApiSandboxLro::pollWaits_data()
{
    QTest::addColumn<int>("retryAfter"); // seconds on the 202 and on each running state; < 0: none
    QTest::addColumn<int>("durationMs");
    QTest::addColumn<int>("minGap");
    QTest::addColumn<int>("maxGap");
    QTest::addColumn<int>("minPolls");
    // Durations leave room for wall-clock overhead (×100 on the sandbox clock) on a loaded machine.
    QTest::addRow("Retry-After 2 s") << 2 << 8000 << 2000 << 2000 + 5000 << 2;
    QTest::addRow("no Retry-After: 10 s") << -1 << 25000 << 10000 << 15000 << 2;
    QTest::addRow("Retry-After 0: clamped to 1 s") << 0 << 5000 << 1000 << 6000 << 2;
    QTest::addRow("Retry-After 120: clamped to 60 s") << 120 << 30000 << 60000 << 100000 << 1;
}

void TestApiSandboxLro::pollWaits()
{
    QFETCH(int, retryAfter);
    QFETCH(int, durationMs);
    QFETCH(int, minGap);
    QFETCH(int, maxGap);
    // The slack is wall-clock overhead seen on the fast sandbox clock (1 ms is 100 there): it
    // grows with the sanitizers' slowdown like every other wall-clock bound.
    maxGap = minGap + fmc::test::scaledMs(maxGap - minGap);
    QFETCH(int, minPolls);
    m_fx.sandbox->setLroRetryAfterSeconds(retryAfter);
    m_fx.sandbox->setLroDurationMs(durationMs);
    auto *request = new GetMirroredDatabaseDefinitionRequest(m_ws, m_db);
    QSignalSpy started(request, &ApiRequest::operationStarted);
    QSignalSpy progress(request, &ApiRequest::progress);
    auto outcome = m_fx.send(request);
    QTRY_VERIFY_WITH_TIMEOUT(outcome->done(), 10000);
    QVERIFY2(!outcome->error().isError(), qPrintable(outcome->error().toLogString()));
    QVERIFY(outcome->result->value.mirroringDefinition().has_value());
    QCOMPARE(started.size(), 1);
    const QString id = started.first().first().toString();
    QVERIFY(m_fx.sandbox->state()->operation(id));

    const auto log = m_fx.apiLog();
    QCOMPARE(log.first().operationId, QStringLiteral("Items_GetMirroredDatabaseDefinition"));
    QCOMPARE(log.first().status, 202);
    const auto statePolls = polls(id);
    QVERIFY2(statePolls.size() >= minPolls, qPrintable(QString::number(statePolls.size())));
    QCOMPARE(results(id), 1); // exactly once, after Succeeded
    QCOMPARE(log.size(), 1 + statePolls.size() + 1);
    QVERIFY(log.last().pathAndQuery.endsWith(QLatin1String("/result")));
    // The wait before every poll, the first one (after the 202) included, on the sandbox clock.
    qint64 previous = log.first().receivedMs;
    for (const RequestLogEntry &poll : statePolls) {
        const qint64 gap = poll.receivedMs - previous;
        qInfo("poll after %lld ms", gap);
        QVERIFY2(gap >= 0.95 * minGap && gap <= maxGap, qPrintable(QString::number(gap)));
        previous = poll.receivedMs;
    }
    // Polled on through NotStarted/Running: progress rose to 100.
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().first().toInt(), 100);
}

void TestApiSandboxLro::noResultOperationFetchesNoResult()
{
    ApiError error;
    const ItemDefinition definition = m_fx.run(new GetMirroredDatabaseDefinitionRequest(m_ws, m_db), &error);
    QVERIFY(!error.isError());
    m_fx.sandbox->clearRequestLog();
    auto *request = new UpdateMirroredDatabaseDefinitionRequest(
        m_ws, m_db, ItemDefinition::fromMirroringDefinition(*definition.mirroringDefinition()));
    QSignalSpy started(request, &ApiRequest::operationStarted);
    m_fx.run(request, &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString()));
    QCOMPARE(started.size(), 1);
    QCOMPARE(results(started.first().first().toString()), 0);
}

void TestApiSandboxLro::operationHasNoResultIsSuccess()
{
    // An updateDefinition operation has no result; a caller that asks for one (resuming with
    // hasResult) gets OperationHasNoResult from the service, which is success without a payload.
    ApiError error;
    const ItemDefinition definition = m_fx.run(new GetMirroredDatabaseDefinitionRequest(m_ws, m_db), &error);
    QVERIFY(!error.isError());
    auto *update = new UpdateMirroredDatabaseDefinitionRequest(
        m_ws, m_db, ItemDefinition::fromMirroringDefinition(*definition.mirroringDefinition()));
    QSignalSpy started(update, &ApiRequest::operationStarted);
    // The operation must still be running when the test cancels it: at 100× a loaded machine
    // could otherwise see it finish before the cancel, and there would be no operation to resume.
    m_fx.sandbox->pauseClock();
    auto first = m_fx.send(update);
    QTRY_COMPARE(started.size(), 1);
    update->cancel();
    QTRY_VERIFY(first->done());
    m_fx.sandbox->resumeClock();
    const QString id = first->error().operationId();
    QCOMPARE(id, started.first().first().toString());
    m_fx.sandbox->clearRequestLog();
    const RawJson result = m_fx.run(new ResumeOperationRequest(id, true), &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString()));
    QVERIFY(result.json.is_null());
    QCOMPARE(results(id), 1);
    const auto log = m_fx.apiLog();
    QCOMPARE(log.last().status, 400); // OperationHasNoResult
}

void TestApiSandboxLro::terminalFailure_data()
{
    QTest::addColumn<QString>("endStatus");
    QTest::addColumn<bool>("viaFault");
    QTest::addRow("Failed (fault)") << QStringLiteral("Failed") << true;
    QTest::addRow("Failed") << QStringLiteral("Failed") << false;
    QTest::addRow("Undefined") << QStringLiteral("Undefined") << false;
    QTest::addRow("unknown terminal status") << QStringLiteral("Evaporated") << false;
}

void TestApiSandboxLro::terminalFailure()
{
    QFETCH(QString, endStatus);
    QFETCH(bool, viaFault);
    if (viaFault) {
        FaultRule rule;
        rule.kind = FaultRule::Kind::FailOperation;
        rule.operation = QStringLiteral("getDefinition");
        m_fx.sandbox->addFault(rule);
    } else {
        m_fx.sandbox->setLroEndStatus(endStatus);
    }
    auto *request = new GetMirroredDatabaseDefinitionRequest(m_ws, m_db);
    QSignalSpy started(request, &ApiRequest::operationStarted);
    ApiError error;
    const ItemDefinition definition = m_fx.run(request, &error);
    QCOMPARE(error.kind(), ApiError::Kind::OperationFailed);
    QVERIFY(definition.parts().isEmpty());
    QCOMPARE(started.size(), 1);
    const QString id = started.first().first().toString();
    const FabricState::Operation *op = m_fx.sandbox->state()->operation(id);
    QVERIFY(op);
    QCOMPARE(error.operationId(), id);
    QCOMPARE(error.errorCode(), op->errorCode);
    QVERIFY(!error.errorCode().isEmpty());
    QVERIFY(error.message().contains(QLatin1String("fabric-sandbox")));
    QCOMPARE(error.requestId(), op->errorRequestId);
    QVERIFY(!error.requestId().isEmpty());
    QCOMPARE(results(id), 0);
    QVERIFY(polls(id).size() >= 1);
}

void TestApiSandboxLro::cancelStopsPollingAndKeepsTheId()
{
    m_fx.sandbox->setLroDurationMs(-1); // runs until told otherwise
    m_fx.sandbox->setLroRetryAfterSeconds(5);
    auto *request = new GetMirroredDatabaseDefinitionRequest(m_ws, m_db);
    QSignalSpy started(request, &ApiRequest::operationStarted);
    auto outcome = m_fx.send(request);
    QTRY_COMPARE(started.size(), 1);
    const QString id = started.first().first().toString();
    QTRY_VERIFY(polls(id).size() >= 2);
    request->cancel();
    QTRY_VERIFY_WITH_TIMEOUT(outcome->done(), fmc::test::scaledMs(200));
    QCOMPARE(outcome->error().kind(), ApiError::Kind::Cancelled);
    QCOMPARE(outcome->error().operationId(), id); // kept, to resume after a restart
    const qsizetype sent = m_fx.apiLog().size();
    QTest::qWait(300); // six poll intervals
    QCOMPARE(m_fx.apiLog().size(), sent);
    for (const RequestLogEntry &e : m_fx.apiLog())
        QVERIFY(e.method != "DELETE" && !e.pathAndQuery.contains(QLatin1String("cancel")));

    // "After a restart": a new client resumes the operation by its id; nothing is started again.
    m_fx.sandbox->state()->operation(id)->durationMs = 0;
    m_fx.sandbox->clearRequestLog();
    FabricClient *restarted = m_fx.makeClient();
    ApiError error;
    const RawJson result = m_fx.run(new ResumeOperationRequest(id, true), &error, restarted);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString()));
    QVERIFY(result.json.contains("definition"));
    const auto log = m_fx.apiLog();
    QCOMPARE(log.size(), 2);
    QCOMPARE(log[0].pathAndQuery, QLatin1String("/v1/operations/") + id);
    QCOMPARE(log[1].pathAndQuery, QLatin1String("/v1/operations/") + id + QLatin1String("/result"));
}

void TestApiSandboxLro::stillRunningAtTheDefaultLimit()
{
    // 2000×: the default 30-minute limit passes in 0.9 s; the service asks for a poll a minute.
    QVERIFY(up(2000));
    QCOMPARE(m_fx.client->config().retry.operationLimit, 30min);
    // At 1/2000 the per-poll timeout and deadline (30 s, 120 s) would be 15 and 60 ms of wall
    // time, shorter than a loaded machine may take to answer; they are not what is tested here.
    FabricClient *client = m_fx.makeClient([](FabricClient::Config &c) {
        c.retry.perTryTimeout = 20min;
        c.retry.overallDeadline = 20min;
    });
    QCOMPARE(client->config().retry.operationLimit, 30min);
    m_fx.sandbox->setLroDurationMs(-1);
    m_fx.sandbox->setLroRetryAfterSeconds(60);
    auto *request = new GetMirroredDatabaseDefinitionRequest(m_ws, m_db);
    QSignalSpy started(request, &ApiRequest::operationStarted);
    auto outcome = m_fx.send(request, client);
    QTRY_VERIFY_WITH_TIMEOUT(outcome->done(), 10000);
    QCOMPARE(outcome->error().kind(), ApiError::Kind::StillRunning);
    QCOMPARE(started.size(), 1);
    const QString id = started.first().first().toString();
    QCOMPARE(outcome->error().operationId(), id);
    QVERIFY(outcome->error().userMessage().contains(id));
    const auto log = m_fx.apiLog();
    const auto statePolls = polls(id);
    const double minutes = double(statePolls.last().receivedMs - log.first().receivedMs) / 60'000;
    qInfo("%lld polls over %.1f sandbox minutes", qint64(statePolls.size()), minutes);
    QVERIFY2(minutes >= 28.5 && minutes <= 31, qPrintable(QString::number(minutes)));
    // At most one poll a minute (the service's Retry-After), and polling went on.
    QVERIFY2(statePolls.size() >= 2 && statePolls.size() <= 31, qPrintable(QString::number(statePolls.size())));
    QCOMPARE(results(id), 0);
    const qsizetype sent = log.size();
    QTest::qWait(200); // several poll intervals
    QCOMPARE(m_fx.apiLog().size(), sent);
}

QTEST_GUILESS_MAIN(TestApiSandboxLro)
#include "tst_api_sandbox_lro.moc"
