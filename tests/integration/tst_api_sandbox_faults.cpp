// The client's retry, transport-fault and cancellation rules (the first six rows of
// docs/reliability-matrix.md) against the real fabric-sandbox with its fault injection, asserted
// on the sandbox's request log: how many requests arrived, with which x-ms-client-request-id and
// body, and when on the sandbox clock. The sandbox runs at 100× and the client at 1/100, so a
// wait of n ms on the client shows as a gap of n ms between two requests on the sandbox clock.
// Request counts are asserted strictly; times with the slack a loaded machine needs (lower
// bounds are the meaningful ones), scaled by FMC_TIME_FACTOR for slow builds
// (tests/support/timefactor.h).
#include "app/api/fabricrequests.h"
#include "sandbox/fabricstate.h"
#include "tests/support/sandboxfixture.h"
#include "tests/support/timefactor.h"

#include <QElapsedTimer>
#include <QLocale>
#include <QSignalSpy>

#include <set>

using namespace fmc;
using namespace fmc::sandbox;
using namespace fmc::test;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(fmc::ApiError::Kind)
Q_DECLARE_METATYPE(fmc::sandbox::FaultRule::Kind)

namespace {
//! How much later than announced a retry may reach the sandbox, in sandbox ms: 300 ms of wall
//! time on a loaded 2-core machine, times FMC_TIME_FACTOR (the lower bound is the strict one).
qint64 slackMs()
{
    return qint64(scaledMs(30'000));
}
} // namespace

class TestApiSandboxFaults : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    // Retry classification
    void retryClassification_data();
    void retryClassification();
    void retriesRepeatTheSameBody();
    // Backoff
    void backoffOnTheSandboxClock();
    void backoffHasJitter();
    // Retry-After
    void retryAfter_data();
    void retryAfter();
    // Non-idempotent POST safety
    void nonIdempotentPost_data();
    void nonIdempotentPost();
    void createIsNeverDuplicated_data();
    void createIsNeverDuplicated();
    // Transport faults
    void transportFaultIsRetried_data();
    void transportFaultIsRetried();
    void stallIsAbandonedAfterThePerTryTimeout();
    void brokenBodyNeverGivesPartialData_data();
    void brokenBodyNeverGivesPartialData();
    void brokenPageAddsNothing();
    // Cancellation and deadlines
    void cancelWhileSleeping_data();
    void cancelWhileSleeping();
    void cancelInFlight();
    void deadlineWhileSleeping();
    void deadlineWhileStalled();

private:
    //! Calls \a operation on the fixture's mirror (or on \a client) and returns its error.
    ApiError call(const QString &operation, FabricClient *client = nullptr);
    std::shared_ptr<Outcome<GetMirroringStatusRequest>> startStatusCall(FabricClient *client, QSignalSpy **retries);
    void addStatusFault(const QString &operation, int status, const QByteArray &retryAfter = {}, int count = -1);
    void addFault(const QString &operation, FaultRule::Kind kind, int count = -1);
    ItemDefinition someDefinition();
    //! Cancels \a request, checks it ends within 200 ms and that nothing follows for \a watchMs.
    void cancelAndWatch(ApiRequest *request, const std::shared_ptr<Outcome<GetMirroringStatusRequest>> &outcome,
                        int watchMs);

    SandboxFixture m_fx;
    QString m_ws;
    QString m_db;
};

void TestApiSandboxFaults::init()
{
    SandboxOptions options;
    options.speed = 100;
    options.pageSize = 2;
    options.lroMode = LroMode::Never;
    QVERIFY(m_fx.up(options));
    // A mirror that replicates, so that its tables status has pages.
    std::tie(m_ws, m_db) = m_fx.salesMirror();
    QVERIFY(!m_ws.isEmpty());
}

void TestApiSandboxFaults::cleanup()
{
    m_fx.down();
}

ApiError TestApiSandboxFaults::call(const QString &operation, FabricClient *client)
{
    ApiError error;
    if (operation == QLatin1String("getMirroringStatus"))
        m_fx.run(new GetMirroringStatusRequest(m_ws, m_db), &error, client);
    else if (operation == QLatin1String("getMirroredDatabase"))
        m_fx.run(new GetMirroredDatabaseRequest(m_ws, m_db), &error, client);
    else if (operation == QLatin1String("updateMirroredDatabase"))
        m_fx.run(new UpdateMirroredDatabaseRequest(m_ws, m_db, QStringLiteral("renamed by a retried PATCH")), &error, client);
    else if (operation == QLatin1String("startMirroring"))
        m_fx.run(new StartMirroringRequest(m_ws, m_db), &error, client);
    else if (operation == QLatin1String("stopMirroring"))
        m_fx.run(new StopMirroringRequest(m_ws, m_db), &error, client);
    else
        qFatal("unknown operation %s", qPrintable(operation));
    return error;
}

void TestApiSandboxFaults::addStatusFault(const QString &operation, int status, const QByteArray &retryAfter, int count)
{
    FaultRule rule;
    rule.kind = FaultRule::Kind::Status;
    rule.operation = operation;
    rule.status = status;
    rule.count = count;
    if (!retryAfter.isNull())
        rule.retryAfter = retryAfter;
    m_fx.sandbox->addFault(rule);
}

void TestApiSandboxFaults::addFault(const QString &operation, FaultRule::Kind kind, int count)
{
    FaultRule rule;
    rule.kind = kind;
    rule.operation = operation;
    rule.count = count;
    m_fx.sandbox->addFault(rule);
}

ItemDefinition TestApiSandboxFaults::someDefinition()
{
    ApiError error;
    const ItemDefinition definition = m_fx.run(new GetMirroredDatabaseDefinitionRequest(m_ws, m_db), &error);
    const auto mirroring = definition.mirroringDefinition();
    m_fx.sandbox->clearRequestLog();
    return mirroring ? ItemDefinition::fromMirroringDefinition(*mirroring) : ItemDefinition();
}

std::shared_ptr<Outcome<GetMirroringStatusRequest>> TestApiSandboxFaults::startStatusCall(FabricClient *client,
                                                                                           QSignalSpy **retries)
{
    auto *request = new GetMirroringStatusRequest(m_ws, m_db);
    *retries = new QSignalSpy(request, &ApiRequest::retryScheduled);
    return m_fx.send(request, client);
}

// --- Retry classification -----------------------------------------------------------------------

void TestApiSandboxFaults::retryClassification_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<FaultRule::Kind>("fault");
    QTest::addColumn<int>("requests");
    QTest::addColumn<ApiError::Kind>("kind");
    using K = ApiError::Kind;
    using F = FaultRule::Kind;
    for (int s : {500, 502, 503, 504})
        QTest::addRow("%d: 4 requests", s) << s << F::Status << 4 << K::ServerError;
    QTest::addRow("408: 4 requests") << 408 << F::Status << 4 << K::Timeout;
    QTest::addRow("429 Retry-After 0: 4 requests") << 429 << F::Status << 4 << K::Throttled;
    QTest::addRow("400: 1 request") << 400 << F::Status << 1 << K::BadRequest;
    QTest::addRow("403: 1 request") << 403 << F::Status << 1 << K::Forbidden;
    QTest::addRow("404: 1 request") << 404 << F::Status << 1 << K::NotFound;
    QTest::addRow("409: 1 request") << 409 << F::Status << 1 << K::Conflict;
    QTest::addRow("501: 1 request") << 501 << F::Status << 1 << K::ServerError;
    QTest::addRow("505: 1 request") << 505 << F::Status << 1 << K::ServerError;
    QTest::addRow("connection dropped: 4 requests") << 0 << F::Drop << 4 << K::Network;
    QTest::addRow("connection reset: 4 requests") << 0 << F::Reset << 4 << K::Network;
}

void TestApiSandboxFaults::retryClassification()
{
    QFETCH(int, status);
    QFETCH(FaultRule::Kind, fault);
    QFETCH(int, requests);
    QFETCH(ApiError::Kind, kind);
    if (fault == FaultRule::Kind::Status)
        addStatusFault(QStringLiteral("getMirroringStatus"), status, status == 429 ? QByteArray("0") : QByteArray());
    else
        addFault(QStringLiteral("getMirroringStatus"), fault);
    const ApiError error = call(QStringLiteral("getMirroringStatus"));
    QCOMPARE(error.kind(), kind);
    if (status)
        QCOMPARE(error.httpStatus(), status);
    const auto log = m_fx.apiLog();
    QCOMPARE(log.size(), requests);
    for (const RequestLogEntry &e : log) {
        QCOMPARE(e.clientRequestId, log.first().clientRequestId);
        QCOMPARE(e.operationId, QStringLiteral("Mirroring_GetMirroringStatus"));
    }
    QVERIFY(!log.first().clientRequestId.isEmpty());
}

void TestApiSandboxFaults::retriesRepeatTheSameBody()
{
    addStatusFault(QStringLiteral("updateMirroredDatabase"), 503);
    const ApiError error = call(QStringLiteral("updateMirroredDatabase"));
    QCOMPARE(error.kind(), ApiError::Kind::ServerError);
    const auto log = m_fx.apiLog();
    QCOMPARE(log.size(), 4); // PATCH is idempotent
    for (const RequestLogEntry &e : log) {
        QCOMPARE(e.method, QByteArray("PATCH"));
        QVERIFY(e.bodySize > 0);
        QCOMPARE(e.bodySha256, log.first().bodySha256);
        QCOMPARE(e.clientRequestId, log.first().clientRequestId);
    }
}

// --- Backoff ------------------------------------------------------------------------------------

void TestApiSandboxFaults::backoffOnTheSandboxClock()
{
    addStatusFault(QStringLiteral("getMirroringStatus"), 503);
    QSignalSpy *spy = nullptr;
    auto outcome = startStatusCall(m_fx.client, &spy);
    std::unique_ptr<QSignalSpy> retries(spy);
    QTRY_VERIFY_WITH_TIMEOUT(outcome->done(), scaledMs(5000));
    QCOMPARE(retries->size(), 3);
    const auto log = m_fx.apiLog();
    QCOMPARE(log.size(), 4);
    for (int n = 1; n <= 3; ++n) {
        const qint64 nominal = std::min<qint64>(800LL << (n - 1), 60'000);
        const int delay = retries->at(n - 1).at(1).toInt();
        QVERIFY2(delay >= 0.8 * nominal && delay <= 1.3 * nominal, qPrintable(QString::number(delay)));
        // The sandbox saw the retry no earlier than the announced delay (timer slack aside).
        const qint64 gap = log[n].receivedMs - log[n - 1].receivedMs;
        qInfo("retry %d: delay %d ms, sandbox gap %lld ms", n, delay, gap);
        QVERIFY2(gap >= 0.95 * delay && gap <= delay + slackMs(), qPrintable(QString::number(gap)));
    }
}

void TestApiSandboxFaults::backoffHasJitter()
{
    addStatusFault(QStringLiteral("getMirroringStatus"), 503);
    std::vector<std::unique_ptr<QSignalSpy>> spies;
    std::vector<std::shared_ptr<Outcome<GetMirroringStatusRequest>>> outcomes;
    for (int i = 0; i < 12; ++i) {
        QSignalSpy *spy = nullptr;
        outcomes.push_back(startStatusCall(m_fx.client, &spy));
        spies.emplace_back(spy);
    }
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(outcomes.begin(), outcomes.end(), [](const auto &o) { return o->done(); }), scaledMs(20000));
    std::set<int> distinct;
    for (const auto &spy : spies) {
        QCOMPARE(spy->size(), 3);
        for (const QVariantList &args : std::as_const(*spy))
            distinct.insert(args.at(1).toInt());
    }
    QVERIFY2(distinct.size() >= 10, qPrintable(QString::number(distinct.size())));
    QCOMPARE(m_fx.apiLog().size(), 12 * 4);
}

// --- Retry-After --------------------------------------------------------------------------------

void TestApiSandboxFaults::retryAfter_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<qint64>("retryAfterMs");
    QTest::addColumn<int>("minDelay");
    QTest::addColumn<int>("maxDelay");
    const QByteArray soon = QLocale::c()
                                .toString(QDateTime::currentDateTimeUtc().addSecs(4), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
                                .toLatin1();
    QTest::addRow("429 Retry-After 2") << 429 << QByteArray("2") << qint64(-1) << 2000 << 2000;
    QTest::addRow("503 Retry-After 3") << 503 << QByteArray("3") << qint64(-1) << 3000 << 3000;
    QTest::addRow("retry-after-ms before Retry-After") << 429 << QByteArray("9") << qint64(1500) << 1500 << 1500;
    QTest::addRow("HTTP-date") << 429 << soon << qint64(-1) << 2000 << 4000;
    QTest::addRow("invalid: backoff") << 429 << QByteArray("soon") << qint64(-1) << 640 << 1040;
    QTest::addRow("negative: backoff") << 503 << QByteArray("-5") << qint64(-1) << 640 << 1040;
}

void TestApiSandboxFaults::retryAfter()
{
    QFETCH(int, status);
    QFETCH(QByteArray, retryAfter);
    QFETCH(qint64, retryAfterMs);
    QFETCH(int, minDelay);
    QFETCH(int, maxDelay);
    FaultRule rule;
    rule.kind = FaultRule::Kind::Status;
    rule.operation = QStringLiteral("getMirroringStatus");
    rule.status = status;
    rule.count = 1;
    rule.retryAfter = retryAfter;
    if (retryAfterMs >= 0)
        rule.retryAfterMs = retryAfterMs;
    m_fx.sandbox->addFault(rule);
    QSignalSpy *spy = nullptr;
    auto outcome = startStatusCall(m_fx.client, &spy);
    std::unique_ptr<QSignalSpy> retries(spy);
    QTRY_VERIFY_WITH_TIMEOUT(outcome->done(), scaledMs(5000));
    QVERIFY2(!outcome->error().isError(), qPrintable(outcome->error().toLogString()));
    QCOMPARE(retries->size(), 1);
    const int delay = retries->first().at(1).toInt();
    QVERIFY2(delay >= minDelay && delay <= maxDelay, qPrintable(QString::number(delay)));
    const auto log = m_fx.apiLog();
    QCOMPARE(log.size(), 2);
    const qint64 gap = log[1].receivedMs - log[0].receivedMs;
    qInfo("delay %d ms, sandbox gap %lld ms", delay, gap);
    QVERIFY2(gap >= 0.95 * delay && gap <= delay + slackMs(), qPrintable(QString::number(gap)));
}

// --- Non-idempotent POST safety -----------------------------------------------------------------

void TestApiSandboxFaults::nonIdempotentPost_data()
{
    QTest::addColumn<FaultRule::Kind>("fault");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<int>("requests");
    QTest::addColumn<ApiError::Kind>("kind");
    using K = ApiError::Kind;
    using F = FaultRule::Kind;
    for (int s : {500, 502, 503, 504})
        QTest::addRow("%d: 1 request, outcome unknown", s) << F::Status << s << QByteArray() << 1 << K::OutcomeUnknown;
    QTest::addRow("stall past the per-try timeout: 1 request") << F::Stall << 0 << QByteArray() << 1 << K::OutcomeUnknown;
    QTest::addRow("reset after the request: 1 request") << F::Reset << 0 << QByteArray() << 1 << K::OutcomeUnknown;
    QTest::addRow("dropped after the request: 1 request") << F::Drop << 0 << QByteArray() << 1 << K::OutcomeUnknown;
    QTest::addRow("429 without Retry-After: 1 request") << F::Status << 429 << QByteArray("") << 1 << K::Throttled;
    QTest::addRow("429 with Retry-After: re-sent") << F::Status << 429 << QByteArray("1") << 4 << K::Throttled;
}

void TestApiSandboxFaults::nonIdempotentPost()
{
    QFETCH(FaultRule::Kind, fault);
    QFETCH(int, status);
    QFETCH(QByteArray, retryAfter);
    QFETCH(int, requests);
    QFETCH(ApiError::Kind, kind);
    for (const QString &operation : {QStringLiteral("startMirroring"), QStringLiteral("stopMirroring")}) {
        m_fx.sandbox->clearFaults();
        m_fx.sandbox->clearRequestLog();
        if (fault == FaultRule::Kind::Status)
            addStatusFault(operation, status, retryAfter);
        else
            addFault(operation, fault);
        const ApiError error = call(operation);
        QCOMPARE(error.kind(), kind);
        QVERIFY(error.userMessage().size() > 0);
        QCOMPARE(m_fx.apiLog().size(), requests);
    }
}

void TestApiSandboxFaults::createIsNeverDuplicated_data()
{
    QTest::addColumn<FaultRule::Kind>("fault");
    QTest::addColumn<int>("created");
    using F = FaultRule::Kind;
    QTest::addRow("503 before processing") << F::Status << 0;
    QTest::addRow("reset after processing") << F::Reset << 1;
    QTest::addRow("short body after processing") << F::ShortBody << 1;
    QTest::addRow("invalid JSON after processing") << F::MalformedJson << 1;
    QTest::addRow("stall") << F::Stall << 0;
}

void TestApiSandboxFaults::createIsNeverDuplicated()
{
    QFETCH(FaultRule::Kind, fault);
    QFETCH(int, created);
    const ItemDefinition definition = someDefinition();
    QVERIFY(!definition.parts().isEmpty());
    const qsizetype before = m_fx.sandbox->state()->mirrors(m_ws).size();
    if (fault == FaultRule::Kind::Status)
        addStatusFault(QStringLiteral("createMirroredDatabase"), 503);
    else
        addFault(QStringLiteral("createMirroredDatabase"), fault);
    ApiError error;
    const MirroredDatabase made = m_fx.run(new CreateMirroredDatabaseRequest(m_ws, QStringLiteral("once"), definition), &error);
    QCOMPARE(error.kind(), ApiError::Kind::OutcomeUnknown);
    QVERIFY(made.id.isEmpty()); // nothing half-decoded
    QCOMPARE(m_fx.apiLog().size(), 1);
    QCOMPARE(m_fx.sandbox->state()->mirrors(m_ws).size(), before + created);
}

// --- Transport faults ---------------------------------------------------------------------------

void TestApiSandboxFaults::transportFaultIsRetried_data()
{
    QTest::addColumn<FaultRule::Kind>("fault");
    using F = FaultRule::Kind;
    QTest::addRow("stall") << F::Stall;
    QTest::addRow("reset mid-body") << F::Reset;
    QTest::addRow("short body under Content-Length") << F::ShortBody;
    QTest::addRow("dropped") << F::Drop;
    // Invalid JSON on a 200 is not retried (the same bytes would come again): see
    // brokenBodyNeverGivesPartialData.
}

void TestApiSandboxFaults::transportFaultIsRetried()
{
    QFETCH(FaultRule::Kind, fault);
    addFault(QStringLiteral("getMirroredDatabase"), fault, 1);
    ApiError error;
    const MirroredDatabase db = m_fx.run(new GetMirroredDatabaseRequest(m_ws, m_db), &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString()));
    QCOMPARE(db.id, m_db);
    QCOMPARE(db.displayName, QStringLiteral("SalesMirror"));
    const auto log = m_fx.apiLog();
    QCOMPARE(log.size(), 2);
    QCOMPARE(log[0].fault, FaultRule::kindToString(fault));
    QVERIFY(log[1].fault.isEmpty());
    QCOMPARE(log[1].clientRequestId, log[0].clientRequestId);
}

void TestApiSandboxFaults::stallIsAbandonedAfterThePerTryTimeout()
{
    // The default per-try timeout (30 s) at the client's 1/100: 300 ms of wall time.
    QCOMPARE(m_fx.client->config().retry.perTryTimeout, 30'000ms);
    addFault(QStringLiteral("getMirroringStatus"), FaultRule::Kind::Stall, 1);
    QSignalSpy *spy = nullptr;
    auto outcome = startStatusCall(m_fx.client, &spy);
    std::unique_ptr<QSignalSpy> retries(spy);
    QTRY_VERIFY_WITH_TIMEOUT(outcome->done(), scaledMs(5000));
    QVERIFY(!outcome->error().isError());
    const auto log = m_fx.apiLog();
    QCOMPARE(log.size(), 2);
    // Wall clock: timeout + the first backoff (≤ 1.04 s scaled to ≤ 10.4 ms).
    const qint64 gap = log[0].receivedUtc.msecsTo(log[1].receivedUtc);
    const int backoff = qRound(retries->first().at(1).toInt() * m_fx.client->config().timeScale);
    qInfo("stall abandoned and retried after %lld ms (timeout 300 ms + backoff %d ms)", gap, backoff);
    QVERIFY2(gap >= 270 + backoff && gap <= 330 + backoff + 500, qPrintable(QString::number(gap)));
}

void TestApiSandboxFaults::brokenBodyNeverGivesPartialData_data()
{
    QTest::addColumn<FaultRule::Kind>("fault");
    QTest::addColumn<ApiError::Kind>("kind");
    QTest::addRow("short body") << FaultRule::Kind::ShortBody << ApiError::Kind::Network;
    QTest::addRow("reset") << FaultRule::Kind::Reset << ApiError::Kind::Network;
    QTest::addRow("invalid JSON") << FaultRule::Kind::MalformedJson << ApiError::Kind::Decode;
}

void TestApiSandboxFaults::brokenBodyNeverGivesPartialData()
{
    QFETCH(FaultRule::Kind, fault);
    QFETCH(ApiError::Kind, kind);
    addFault(QStringLiteral("getMirroredDatabase"), fault);
    addFault(QStringLiteral("getTablesMirroringStatus"), fault);
    ApiError error;
    const MirroredDatabase db = m_fx.run(new GetMirroredDatabaseRequest(m_ws, m_db), &error);
    QCOMPARE(error.kind(), kind);
    QVERIFY(db.id.isEmpty() && db.displayName.isEmpty());
    int pages = 0;
    auto outcome = std::make_shared<Outcome<GetTablesMirroringStatusRequest>>();
    m_fx.client->sendPaged(new GetTablesMirroringStatusRequest(m_ws, m_db), m_fx.owner.get(),
                           [&](const auto &) { ++pages; }, [outcome](const auto &r) { outcome->result = r; });
    QTRY_VERIFY_WITH_TIMEOUT(outcome->done(), scaledMs(5000));
    QCOMPARE(outcome->error().kind(), kind);
    QVERIFY(outcome->result->value.isEmpty());
    QCOMPARE(pages, 0);
    // A body cut short is retried (transient); one that arrives whole but is not JSON is not: the
    // same bytes would come again (docs/reliability-matrix.md, "Response size").
    QCOMPARE(m_fx.apiLog().size(), kind == ApiError::Kind::Decode ? 2 : 8);
}

void TestApiSandboxFaults::brokenPageAddsNothing()
{
    // Page 1 arrives whole; page 2 is cut short every time: the call fails, and nothing of
    // page 2 reaches the caller (no partial page).
    QList<int> pageSizes;
    auto outcome = std::make_shared<Outcome<ListWorkspacesRequest>>();
    m_fx.client->sendPaged(new ListWorkspacesRequest(), m_fx.owner.get(),
                           [&](const QList<Workspace> &page) {
                               pageSizes << int(page.size());
                               addFault(QStringLiteral("listWorkspaces"), FaultRule::Kind::ShortBody);
                           },
                           [outcome](const auto &r) { outcome->result = r; });
    QTRY_VERIFY_WITH_TIMEOUT(outcome->done(), scaledMs(5000));
    QCOMPARE(outcome->error().kind(), ApiError::Kind::Network);
    QCOMPARE(pageSizes, QList<int>{2});
    QCOMPARE(outcome->result->value.size(), 2);
    const auto log = m_fx.apiLog();
    QCOMPARE(log.size(), 1 + 4);
    for (qsizetype i = 1; i < log.size(); ++i)
        QCOMPARE(log[i].pathAndQuery, log[1].pathAndQuery); // page 2 only, not page 1 again
}

// --- Cancellation and deadlines -----------------------------------------------------------------

void TestApiSandboxFaults::cancelAndWatch(ApiRequest *request,
                                          const std::shared_ptr<Outcome<GetMirroringStatusRequest>> &outcome,
                                          int watchMs)
{
    QElapsedTimer timer;
    timer.start();
    request->cancel();
    QTRY_VERIFY_WITH_TIMEOUT(outcome->done(), scaledMs(1000));
    const qint64 ended = timer.elapsed();
    qInfo("cancelled call ended after %lld ms", ended);
    QVERIFY2(ended < scaledMs(200), qPrintable(QString::number(ended)));
    QCOMPARE(outcome->error().kind(), ApiError::Kind::Cancelled);
    QTest::qWait(watchMs); // the observation window: nothing may be sent in it
    QCOMPARE(m_fx.apiLog().size(), 1);
}

void TestApiSandboxFaults::cancelWhileSleeping_data()
{
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addRow("sleeping for Retry-After 30 s") << QByteArray("30");
    QTest::addRow("sleeping for backoff (base 30 s)") << QByteArray();
}

void TestApiSandboxFaults::cancelWhileSleeping()
{
    QFETCH(QByteArray, retryAfter);
    FabricClient *client = m_fx.makeClient([](FabricClient::Config &c) { c.retry.baseDelay = 30s; });
    addStatusFault(QStringLiteral("getMirroringStatus"), 503, retryAfter.isEmpty() ? QByteArray() : retryAfter);
    auto *request = new GetMirroringStatusRequest(m_ws, m_db);
    QSignalSpy retries(request, &ApiRequest::retryScheduled);
    auto outcome = m_fx.send(request, client);
    QTRY_COMPARE_WITH_TIMEOUT(retries.size(), 1, scaledMs(5000));
    QVERIFY(retries.first().at(1).toInt() >= 24'000); // a sleep of ≥ 240 ms of wall time lies ahead
    cancelAndWatch(request, outcome, 800); // well past the retry that was due (≤ 390 ms)
}

void TestApiSandboxFaults::cancelInFlight()
{
    addFault(QStringLiteral("getMirroringStatus"), FaultRule::Kind::Stall);
    auto *request = new GetMirroringStatusRequest(m_ws, m_db);
    auto outcome = m_fx.send(request);
    QTRY_COMPARE_WITH_TIMEOUT(m_fx.apiLog().size(), 1, scaledMs(5000));
    cancelAndWatch(request, outcome, 700); // past the per-try timeout (300 ms): no retry may follow
}

void TestApiSandboxFaults::deadlineWhileSleeping()
{
    // Deadline 50 s (500 ms); Retry-After 20 s (200 ms) each time: the third wait would end past
    // the deadline, so the call ends instead of sleeping through it.
    FabricClient *client = m_fx.makeClient([](FabricClient::Config &c) { c.retry.overallDeadline = 50s; });
    addStatusFault(QStringLiteral("getMirroringStatus"), 503, "20");
    QElapsedTimer timer;
    timer.start();
    auto outcome = m_fx.send(new GetMirroringStatusRequest(m_ws, m_db), client);
    QTRY_VERIFY_WITH_TIMEOUT(outcome->done(), scaledMs(3000));
    const qint64 ended = timer.elapsed();
    qInfo("call with a 500 ms deadline ended after %lld ms", ended);
    QVERIFY2(ended < 500 + scaledMs(200), qPrintable(QString::number(ended)));
    QVERIFY(outcome->error().isError());
    const qsizetype requests = m_fx.apiLog().size();
    QVERIFY2(requests >= 2 && requests <= 3, qPrintable(QString::number(requests)));
    QTest::qWait(500);
    QCOMPARE(m_fx.apiLog().size(), requests);
}

void TestApiSandboxFaults::deadlineWhileStalled()
{
    FabricClient *client = m_fx.makeClient([](FabricClient::Config &c) {
        c.retry.overallDeadline = 50s; // 500 ms
        c.retry.perTryTimeout = 600s;  // never first
    });
    addFault(QStringLiteral("getMirroringStatus"), FaultRule::Kind::Stall);
    QElapsedTimer timer;
    timer.start();
    auto outcome = m_fx.send(new GetMirroringStatusRequest(m_ws, m_db), client);
    QTRY_VERIFY_WITH_TIMEOUT(outcome->done(), scaledMs(3000));
    const qint64 ended = timer.elapsed();
    qInfo("stalled call with a 500 ms deadline ended after %lld ms", ended);
    QVERIFY2(ended >= 450 && ended < 500 + scaledMs(200), qPrintable(QString::number(ended)));
    QCOMPARE(outcome->error().kind(), ApiError::Kind::Timeout);
    QTest::qWait(500);
    QCOMPARE(m_fx.apiLog().size(), 1);
}

QTEST_GUILESS_MAIN(TestApiSandboxFaults)
#include "tst_api_sandbox_faults.moc"
