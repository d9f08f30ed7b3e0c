// FabricClient against a scripted loopback HTTP server: one test (or data set) per reliability
// rule of docs/reliability-matrix.md, from "Retry classification" to "HTTPS and TLS", and the 401
// part of "401 handling and refresh", asserting on what the server received. Time runs at 1/100
// (Config::timeScale) so backoff, Retry-After and LRO waits take milliseconds; the assertions
// compare the server's clock with the scaled delays.
#include "app/api/fabricclient.h"
#include "app/api/fabricrequests.h"
#include "tests/support/countingtokensource.h"
#include "tests/support/scriptedserver.h"
#include "tests/support/timefactor.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslKey>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QTest>
#include <QUrlQuery>

using namespace fmc;
using namespace fmc::test;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(fmc::ApiError::Kind)
Q_DECLARE_METATYPE(fmc::test::Headers)

namespace {

constexpr double Scale = 0.01;
const QString Ws = QStringLiteral("11111111-1111-1111-1111-111111111111");
const QString Db = QStringLiteral("22222222-2222-2222-2222-222222222222");

const QByteArray DefinitionBody = R"({"definition":{"parts":[{"path":"mirroring.json","payload":"e30=","payloadType":"InlineBase64"}]}})";

ItemDefinition sampleDefinition()
{
    return ItemDefinition::fromJson(parseJson(DefinitionBody).value()).value();
}

template <typename R>
struct Outcome {
    std::optional<ApiResult<typename R::Value>> result;
    bool done() const { return result.has_value(); }
};

} // namespace

class TestApiClient : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void retryClassification_data();
    void retryClassification();
    void nonIdempotentPostSafety_data();
    void nonIdempotentPostSafety();
    void createIsNeverDuplicated();
    void connectionRefusedIsRetriedEvenForPost();
    void backoffDelaysAndJitter();
    void retryAfterIsHonoured_data();
    void retryAfterIsHonoured();
    void retryAfterAboveLimitFailsAfterOneRequest();
    void throttlePausesTheWholeQueue();
    void transportFaults_data();
    void transportFaults();
    void truncatedBodyNeverGivesPartialData();
    void cancelDuringBackoff();
    void cancelInFlight();
    void bigBodiesAreParsedInAWorker_data();
    void bigBodiesAreParsedInAWorker();
    void overallDeadline();
    void lroSucceedsWithResult();
    void lroWithoutResult();
    void lroOperationHasNoResult();
    void lroFailed_data();
    void lroFailed();
    void lroCancelStopsPolling();
    void lroStillRunning();
    void lroResume();
    void lroForeignLocationIsPinned();
    void pagingFollowsTokens();
    void pagingTablesStaysPost();
    void pagingRepeatedTokenAborts();
    void pagingTransientFailureRetriesThatPageOnly();
    void pagingContinuationUri();
    void pagingForeignContinuationUriRejected();
    void redirectToForeignOriginRejected();
    void redirectSameOriginFollowed();
    void insecureBaseUrlRefusedBeforeConnecting();
    void tlsSelfSignedCertificateFails();
    void unauthorizedRefreshesOnce();
    void authFailuresAreFinal_data();
    void authFailuresAreFinal();
    void contextDestroyedDropsCallback();
    void clientDestroyedWithRequestsInFlight();
    void resultsAreAsynchronous();
    void backgroundYieldsToForeground();
    void everyEndpointRoundTrip_data();
    void everyEndpointRoundTrip();

private:
    FabricClient::Config config(const QUrl &base) const;
    FabricClient *client(FabricClient::Config config);
    FabricClient *client() { return client(config(m_server->baseUrl())); }
    template <typename R>
    std::shared_ptr<Outcome<R>> send(FabricClient *c, R *request);
    void verifySameClientRequestId();

    std::unique_ptr<ScriptedServer> m_server;
    std::unique_ptr<CountingTokenSource> m_tokens;
    std::unique_ptr<QObject> m_owner;
};

void TestApiClient::init()
{
    m_server = std::make_unique<ScriptedServer>();
    QVERIFY(m_server->listen());
    m_tokens = std::make_unique<CountingTokenSource>();
    m_owner = std::make_unique<QObject>();
}

void TestApiClient::cleanup()
{
    m_owner.reset();
    m_server.reset();
    m_tokens.reset();
}

FabricClient::Config TestApiClient::config(const QUrl &base) const
{
    FabricClient::Config c;
    c.apiBaseUrl = base;
    c.timeScale = Scale;
    c.seed = 1;
    return c;
}

FabricClient *TestApiClient::client(FabricClient::Config config)
{
    return new FabricClient(config, m_tokens.get(), m_owner.get());
}

template <typename R>
std::shared_ptr<Outcome<R>> TestApiClient::send(FabricClient *c, R *request)
{
    auto outcome = std::make_shared<Outcome<R>>();
    c->send(request, m_owner.get(), [outcome](const ApiResult<typename R::Value> &r) { outcome->result = r; });
    return outcome;
}

void TestApiClient::verifySameClientRequestId()
{
    QVERIFY(!m_server->log.isEmpty());
    const QByteArray id = m_server->log.first().header("x-ms-client-request-id");
    QVERIFY(!id.isEmpty());
    for (const Received &r : std::as_const(m_server->log))
        QCOMPARE(r.header("x-ms-client-request-id"), id);
}

// Retry classification — idempotent requests.
void TestApiClient::retryClassification_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Headers>("headers");
    QTest::addColumn<int>("requests");
    QTest::addColumn<ApiError::Kind>("kind");
    using K = ApiError::Kind;
    const QByteArray err = R"({"errorCode":"E","message":"m","requestId":"svc-1"})";
    for (int s : {500, 502, 503, 504})
        QTest::addRow("%d retried 3 times", s) << s << err << Headers{} << 4 << K::ServerError;
    QTest::addRow("408 retried") << 408 << err << Headers{} << 4 << K::Timeout;
    QTest::addRow("429 retried") << 429 << err << Headers{{"Retry-After", "0"}} << 4 << K::Throttled;
    QTest::addRow("400 once") << 400 << err << Headers{} << 1 << K::BadRequest;
    QTest::addRow("404 once") << 404 << err << Headers{} << 1 << K::NotFound;
    QTest::addRow("409 once") << 409 << err << Headers{} << 1 << K::Conflict;
    QTest::addRow("501 once") << 501 << err << Headers{} << 1 << K::ServerError;
    QTest::addRow("505 once") << 505 << err << Headers{} << 1 << K::ServerError;
    QTest::addRow("503 isRetriable false once")
        << 503 << QByteArray(R"({"errorCode":"E","message":"m","isRetriable":false})") << Headers{} << 1 << K::ServerError;
}

void TestApiClient::retryClassification()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(Headers, headers);
    QFETCH(int, requests);
    QFETCH(ApiError::Kind, kind);
    m_server->handler = [&](const Received &) { return Scripted::json(status, body, headers); };
    auto outcome = send(client(), new UpdateMirroredDatabaseRequest(Ws, Db, QStringLiteral("renamed")));
    QTRY_VERIFY(outcome->done());
    QCOMPARE(m_server->log.size(), requests);
    QCOMPARE(outcome->result->error.kind(), kind);
    QCOMPARE(outcome->result->error.httpStatus(), status);
    QCOMPARE(outcome->result->error.errorCode(), QStringLiteral("E"));
    verifySameClientRequestId();
    QCOMPARE(outcome->result->error.clientRequestId().toLatin1(), m_server->log.first().header("x-ms-client-request-id"));
    for (const Received &r : std::as_const(m_server->log)) {
        QCOMPARE(r.method, QByteArray("PATCH"));
        QCOMPARE(r.body, m_server->log.first().body);
        QCOMPARE(r.header("Authorization"), QByteArray("Bearer token-1"));
    }
    QVERIFY(m_server->log.first().body.contains("renamed"));
}

// Non-idempotent POST safety — re-sent only when they provably did not arrive.
void TestApiClient::nonIdempotentPostSafety_data()
{
    QTest::addColumn<Scripted>("answer");
    QTest::addColumn<int>("requests");
    QTest::addColumn<ApiError::Kind>("kind");
    using K = ApiError::Kind;
    for (int s : {500, 502, 503, 504})
        QTest::addRow("%d → outcome unknown", s) << Scripted::json(s, "{}") << 1 << K::OutcomeUnknown;
    QTest::addRow("408 → outcome unknown") << Scripted::json(408, "{}") << 1 << K::OutcomeUnknown;
    QTest::addRow("429 without retry header") << Scripted::json(429, "{}") << 1 << K::Throttled;
    QTest::addRow("429 with Retry-After is re-sent") << Scripted::json(429, "{}", {{"Retry-After", "1"}}) << 4 << K::Throttled;
    QTest::addRow("429 with x-ms-retry-after-ms is re-sent")
        << Scripted::json(429, "{}", {{"x-ms-retry-after-ms", "10"}}) << 4 << K::Throttled;
    Scripted reset;
    reset.action = Scripted::Action::CloseWithoutAnswer;
    QTest::addRow("reset after the body was sent") << reset << 1 << K::OutcomeUnknown;
    Scripted stall;
    stall.action = Scripted::Action::Stall;
    QTest::addRow("per-try timeout") << stall << 1 << K::OutcomeUnknown;
    Scripted garbage = Scripted::json(200, "{\"status\":");
    QTest::addRow("2xx with invalid JSON") << garbage << 1 << K::OutcomeUnknown;
}

void TestApiClient::nonIdempotentPostSafety()
{
    QFETCH(Scripted, answer);
    QFETCH(int, requests);
    QFETCH(ApiError::Kind, kind);
    m_server->handler = [&](const Received &) { return answer; };
    auto outcome = send(client(), new StartMirroringRequest(Ws, Db));
    QTRY_VERIFY_WITH_TIMEOUT(outcome->done(), 10000);
    QCOMPARE(m_server->log.size(), requests);
    QCOMPARE(outcome->result->error.kind(), kind);
    verifySameClientRequestId();
    if (kind == ApiError::Kind::OutcomeUnknown)
        QVERIFY(outcome->result->error.userMessage().contains(QLatin1String("re-check")));
}

void TestApiClient::createIsNeverDuplicated()
{
    m_server->handler = [](const Received &) { return Scripted::json(503, R"({"errorCode":"ServiceUnavailable","message":"busy"})"); };
    auto outcome = send(client(), new CreateMirroredDatabaseRequest(Ws, QStringLiteral("db"), sampleDefinition()));
    QTRY_VERIFY(outcome->done());
    QCOMPARE(m_server->log.size(), 1);
    QCOMPARE(m_server->log.first().method, QByteArray("POST"));
    QCOMPARE(outcome->result->error.kind(), ApiError::Kind::OutcomeUnknown);
    QCOMPARE(outcome->result->error.httpStatus(), 503);
    QCOMPARE(outcome->result->error.errorCode(), QStringLiteral("ServiceUnavailable"));
}

void TestApiClient::connectionRefusedIsRetriedEvenForPost()
{
    const QUrl base = m_server->baseUrl();
    m_server.reset(); // nobody listens on that port any more
    FabricClient *c = client(config(base));
    auto *request = new StartMirroringRequest(Ws, Db);
    QSignalSpy retries(request, &ApiRequest::retryScheduled);
    auto outcome = send(c, request);
    QTRY_VERIFY(outcome->done());
    QCOMPARE(retries.size(), 3); // 4 attempts, none of which reached a server
    QCOMPARE(outcome->result->error.kind(), ApiError::Kind::Network);
    m_server = std::make_unique<ScriptedServer>();
}

// Backoff — with jitter, measured on the server's clock.
void TestApiClient::backoffDelaysAndJitter()
{
    m_server->handler = [](const Received &) { return Scripted::json(503, "{}"); };
    FabricClient::Config c = config(m_server->baseUrl());
    c.timeScale = 0.05; // 0.8 s → 40 ms: large against timer noise
    auto *request = new GetMirroringStatusRequest(Ws, Db);
    QSignalSpy retries(request, &ApiRequest::retryScheduled);
    auto outcome = send(client(c), request);
    QTRY_VERIFY(outcome->done());
    QCOMPARE(retries.size(), 3);
    QCOMPARE(m_server->log.size(), 4);
    const RetryPolicy policy;
    for (int n = 1; n <= 3; ++n) {
        QCOMPARE(retries[n - 1][0].toInt(), n);
        const int delay = retries[n - 1][1].toInt();
        const double d = double(policy.nominalDelay(n).count());
        QVERIFY2(delay >= 0.8 * d && delay <= 1.3 * d, qPrintable(QString::number(delay)));
        const qint64 gap = m_server->log[n].atMs - m_server->log[n - 1].atMs;
        QVERIFY2(gap >= qint64(delay * c.timeScale) - 2, qPrintable(QStringLiteral("gap %1 < %2").arg(gap).arg(delay * c.timeScale)));
    }
}

// Retry-After — all three headers win over the computed delay.
void TestApiClient::retryAfterIsHonoured_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<Headers>("headers");
    QTest::addColumn<int>("expectedMs");
    QTest::addRow("429 Retry-After seconds") << 429 << Headers{{"Retry-After", "4"}} << 4000;
    QTest::addRow("503 Retry-After seconds") << 503 << Headers{{"Retry-After", "3"}} << 3000;
    QTest::addRow("retry-after-ms first") << 429 << Headers{{"Retry-After", "9"}, {"retry-after-ms", "2500"}} << 2500;
    QTest::addRow("x-ms-retry-after-ms") << 429 << Headers{{"x-ms-retry-after-ms", "1200"}} << 1200;
    const QByteArray date = QLocale::c().toString(QDateTime::currentDateTimeUtc().addSecs(6),
                                                  QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'")).toLatin1();
    QTest::addRow("HTTP-date") << 429 << Headers{{"Retry-After", date}} << -1;
}

void TestApiClient::retryAfterIsHonoured()
{
    QFETCH(int, status);
    QFETCH(Headers, headers);
    QFETCH(int, expectedMs);
    m_server->handler = [&](const Received &) {
        return m_server->log.size() == 1 ? Scripted::json(status, "{}", headers) : Scripted::json(200, R"({"status":"Running"})");
    };
    auto *request = new GetMirroringStatusRequest(Ws, Db);
    QSignalSpy retries(request, &ApiRequest::retryScheduled);
    auto outcome = send(client(), request);
    QTRY_VERIFY(outcome->done());
    QVERIFY(outcome->result->ok());
    QCOMPARE(m_server->log.size(), 2);
    QCOMPARE(retries.size(), 1);
    const int delay = retries[0][1].toInt();
    if (expectedMs >= 0)
        QCOMPARE(delay, expectedMs);
    else
        QVERIFY2(delay > 4000 && delay <= 6000, qPrintable(QString::number(delay)));
    const qint64 gap = m_server->log[1].atMs - m_server->log[0].atMs;
    QVERIFY2(gap >= qint64(delay * Scale) - 2, qPrintable(QString::number(gap)));
}

void TestApiClient::retryAfterAboveLimitFailsAfterOneRequest()
{
    m_server->handler = [](const Received &) { return Scripted::json(429, R"({"errorCode":"TooManyRequests","message":"slow down"})", {{"Retry-After", "300"}}); };
    auto outcome = send(client(), new ListWorkspacesRequest());
    QTRY_VERIFY(outcome->done());
    QCOMPARE(m_server->log.size(), 1);
    const ApiError &error = outcome->result->error;
    QCOMPARE(error.kind(), ApiError::Kind::Throttled);
    QCOMPARE(error.retryAfter().value(), std::chrono::milliseconds(300'000));
    QVERIFY(error.userMessage().contains(QLatin1String("300")));
}

void TestApiClient::throttlePausesTheWholeQueue()
{
    // The first request to arrive is throttled for 5 s (50 ms scaled); the other must not reach the
    // server during that pause, although it was sent while it lasted.
    m_server->handler = [&](const Received &r) {
        if (m_server->log.size() == 1)
            return Scripted::json(429, "{}", {{"Retry-After", "5"}});
        return r.path().endsWith("workspaces") ? Scripted::json(200, R"({"value":[]})") : Scripted::json(200, R"({"id":"w"})");
    };
    FabricClient *c = client();
    QSignalSpy throttled(c, &FabricClient::throttled);
    auto first = send(c, new GetWorkspaceRequest(Ws));
    QTRY_COMPARE(m_server->log.size(), 1);
    QTRY_COMPARE(throttled.size(), 1);
    QCOMPARE(throttled[0][0].toInt(), 5000);
    auto second = send(c, new ListWorkspacesRequest());
    QTRY_VERIFY(first->done() && second->done());
    QVERIFY(first->result->ok());
    QVERIFY(second->result->ok());
    QCOMPARE(m_server->log.size(), 3);
    for (int i = 1; i < 3; ++i)
        QVERIFY2(m_server->log[i].atMs - m_server->log[0].atMs >= 48, qPrintable(QString::number(m_server->log[i].atMs - m_server->log[0].atMs)));
}

// Transport faults — stalls, cut bodies and invalid JSON are transient for idempotent calls.
void TestApiClient::transportFaults_data()
{
    QTest::addColumn<Scripted>("fault");
    Scripted stall;
    stall.action = Scripted::Action::Stall;
    QTest::addRow("stall past the per-try timeout") << stall;
    Scripted reset;
    reset.action = Scripted::Action::CloseWithoutAnswer;
    QTest::addRow("reset before the answer") << reset;
    Scripted truncated = Scripted::json(200, R"({"id":"x","displayName":"half)");
    truncated.action = Scripted::Action::TruncateBody;
    QTest::addRow("short body under a longer Content-Length") << truncated;
    // Invalid JSON on a 200 is final, not retried: tst_api_hostile::undecodableBodyIsNotRetried.
}

void TestApiClient::transportFaults()
{
    QFETCH(Scripted, fault);
    m_server->handler = [&](const Received &) {
        return m_server->log.size() == 1 ? fault : Scripted::json(200, R"({"id":"x","displayName":"whole"})");
    };
    FabricClient::Config c = config(m_server->baseUrl());
    auto *request = new GetWorkspaceRequest(Ws);
    QElapsedTimer timer;
    timer.start();
    auto outcome = send(client(c), request);
    QTRY_VERIFY_WITH_TIMEOUT(outcome->done(), 5000);
    QVERIFY(outcome->result->ok());
    QCOMPARE(m_server->log.size(), 2);
    QCOMPARE(outcome->result->value.displayName, QStringLiteral("whole"));
    if (fault.action == Scripted::Action::Stall) {
        // Abandoned after the per-try timeout (30 s scaled: 300 ms), ±10 %, plus the backoff.
        const qint64 firstAbandoned = m_server->log[1].atMs - m_server->log[0].atMs;
        QVERIFY2(firstAbandoned >= 270 && firstAbandoned < 330 + 20, qPrintable(QString::number(firstAbandoned)));
    }
}

void TestApiClient::truncatedBodyNeverGivesPartialData()
{
    m_server->handler = [](const Received &) {
        Scripted cut = Scripted::json(200, R"({"value":[{"id":"a"},{"id":"b"}],"continuationToken":"x)");
        cut.action = Scripted::Action::TruncateBody;
        return cut;
    };
    auto *request = new ListWorkspacesRequest();
    QSignalSpy pages(request, &ApiRequest::pageReceived);
    auto outcome = send(client(), request);
    QTRY_VERIFY(outcome->done());
    QCOMPARE(m_server->log.size(), 4);
    QVERIFY(!outcome->result->ok());
    QCOMPARE(outcome->result->error.kind(), ApiError::Kind::Network);
    QVERIFY(outcome->result->value.isEmpty());
    QCOMPARE(pages.size(), 0);
}

// Cancellation and deadlines — either ends the call within 200 ms, with nothing sent after.
void TestApiClient::cancelDuringBackoff()
{
    m_server->handler = [](const Received &) { return Scripted::json(503, "{}", {{"Retry-After", "30"}}); };
    FabricClient::Config c = config(m_server->baseUrl());
    c.timeScale = 1.0; // a real 30 s wait
    auto *request = new GetMirroringStatusRequest(Ws, Db);
    QSignalSpy retries(request, &ApiRequest::retryScheduled);
    auto outcome = send(client(c), request);
    QTRY_COMPARE(retries.size(), 1);
    QElapsedTimer timer;
    timer.start();
    request->cancel();
    QTRY_VERIFY_WITH_TIMEOUT(outcome->done(), scaledMs(200));
    QVERIFY2(timer.elapsed() < scaledMs(200), qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(outcome->result->error.kind(), ApiError::Kind::Cancelled);
    QTest::qWait(100);
    QCOMPARE(m_server->log.size(), 1);
}

void TestApiClient::bigBodiesAreParsedInAWorker_data()
{
    QTest::addColumn<bool>("cancelWhileParsing");
    QTest::addColumn<bool>("decodes");
    QTest::newRow("parsed and decoded") << false << true;
    QTest::newRow("cancelled while parsing") << true << true;
    QTest::newRow("parsed, does not decode") << false << false;
}

void TestApiClient::bigBodiesAreParsedInAWorker()
{
    QFETCH(bool, cancelWhileParsing);
    QFETCH(bool, decodes);
    // 24 MB take well over the 50 ms between two looks of QTRY to parse, so that the test sees a
    // worker busy with it; parsed on the GUI thread, no worker would ever be busy. A page is
    // decoded there too: one whose items are not a list fails as Decode, with no page delivered.
    const QByteArray padding(24 * 1024 * 1024, 'x');
    const QByteArray body = decodes ? R"({"value":[{"id":"a","displayName":"A","type":"Workspace","notes":")" + padding + R"("}]})"
                                    : R"({"value":")" + padding + R"("})";
    m_server->handler = [&body](const Received &) { return Scripted::json(200, body); };
    QThreadPool *pool = QThreadPool::globalInstance();
    QTRY_COMPARE(pool->activeThreadCount(), 0);
    // Real time: moving and parsing 24 MB on a loaded machine can outlast a scaled try timeout.
    FabricClient::Config realTime = config(m_server->baseUrl());
    realTime.timeScale = 1.0;
    auto *request = new ListWorkspacesRequest();
    QSignalSpy completed(request, &ApiRequest::completed);
    QSignalSpy pages(request, &ApiRequest::pageReceived);
    auto outcome = send(client(realTime), request);
    QTRY_VERIFY_WITH_TIMEOUT(pool->activeThreadCount() > 0 || outcome->done(), 30000);
    QVERIFY2(!outcome->done(), "done before a worker was seen parsing");
    if (cancelWhileParsing) {
        request->cancel();
        QTRY_VERIFY(outcome->done());
        QCOMPARE(outcome->result->error.kind(), ApiError::Kind::Cancelled);
        QTRY_COMPARE_WITH_TIMEOUT(pool->activeThreadCount(), 0, 30000);
        QTest::qWait(50); // the parse's end must not complete the call a second time
        QCOMPARE(completed.count(), 1);
        QCOMPARE(pages.count(), 0);
        return;
    }
    QTRY_VERIFY_WITH_TIMEOUT(outcome->done(), 30000);
    QCOMPARE(completed.count(), 1);
    QCOMPARE(m_server->log.size(), 1);
    if (!decodes) {
        QCOMPARE(outcome->result->error.kind(), ApiError::Kind::Decode);
        QCOMPARE(pages.count(), 0);
        QVERIFY(outcome->result->value.isEmpty());
        return;
    }
    QVERIFY2(outcome->result->ok(), qPrintable(outcome->result->error.toLogString()));
    QCOMPARE(pages.count(), 1);
    QCOMPARE(outcome->result->value.size(), 1);
    QCOMPARE(outcome->result->value.first().id, QStringLiteral("a"));
}

void TestApiClient::cancelInFlight()
{
    m_server->handler = [](const Received &) { Scripted s; s.action = Scripted::Action::Stall; return s; };
    auto *request = new GetMirroringStatusRequest(Ws, Db);
    auto outcome = send(client(), request);
    QTRY_COMPARE(m_server->log.size(), 1);
    QElapsedTimer timer;
    timer.start();
    request->cancel();
    QTRY_VERIFY_WITH_TIMEOUT(outcome->done(), scaledMs(200));
    QVERIFY2(timer.elapsed() < scaledMs(200), qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(outcome->result->error.kind(), ApiError::Kind::Cancelled);
    QTest::qWait(400); // longer than the scaled per-try timeout: no retry may follow
    QCOMPARE(m_server->log.size(), 1);
}

void TestApiClient::overallDeadline()
{
    m_server->handler = [](const Received &) { Scripted s; s.action = Scripted::Action::Stall; return s; };
    FabricClient::Config c = config(m_server->baseUrl());
    c.timeScale = 1.0;
    c.retry.overallDeadline = 300ms; // the per-try timeout (30 s) never fires
    QElapsedTimer timer;
    timer.start();
    auto outcome = send(client(c), new GetWorkspaceRequest(Ws));
    QTRY_VERIFY_WITH_TIMEOUT(outcome->done(), scaledMs(1000));
    QVERIFY2(timer.elapsed() < 300 + scaledMs(200), qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(outcome->result->error.kind(), ApiError::Kind::Timeout);
    QCOMPARE(m_server->log.size(), 1);
}

// LRO state machine and LRO lifetime — long-running operations.
namespace {

ScriptedServer::Handler lroHandler(ScriptedServer *server, QList<QByteArray> states, Scripted result = Scripted::json(200, DefinitionBody),
                                   Headers pollHeaders = {{"Retry-After", "1"}})
{
    auto remaining = std::make_shared<QList<QByteArray>>(std::move(states));
    return [server, remaining, result, pollHeaders](const Received &r) {
        Q_UNUSED(server);
        if (r.method == "POST")
            return Scripted::empty(202, {{"Location", "http://127.0.0.1/ignored"}, {"x-ms-operation-id", "op-1"}, {"Retry-After", "2"}});
        if (r.path().endsWith("/operations/op-1/result"))
            return result;
        if (r.path().endsWith("/operations/op-1")) {
            const QByteArray state = remaining->size() > 1 ? remaining->takeFirst() : remaining->first();
            return Scripted::json(200, state, pollHeaders);
        }
        return Scripted::json(404, R"({"errorCode":"NotFound","message":"?"})");
    };
}

const QByteArray Running40 = R"({"status":"Running","percentComplete":40,"createdTimeUtc":"2026-01-01T00:00:00Z","lastUpdatedTimeUtc":"2026-01-01T00:00:00Z"})";
const QByteArray Succeeded = R"({"status":"Succeeded","percentComplete":100,"createdTimeUtc":"2026-01-01T00:00:00Z","lastUpdatedTimeUtc":"2026-01-01T00:00:00Z"})";

} // namespace

void TestApiClient::lroSucceedsWithResult()
{
    m_server->handler = lroHandler(m_server.get(), {Running40, Succeeded});
    auto *request = new GetMirroredDatabaseDefinitionRequest(Ws, Db);
    QSignalSpy started(request, &ApiRequest::operationStarted);
    QSignalSpy progress(request, &ApiRequest::progress);
    auto outcome = send(client(), request);
    QTRY_VERIFY(outcome->done());
    QVERIFY2(outcome->result->ok(), qPrintable(outcome->result->error.toLogString()));
    QVERIFY(outcome->result->value.part(QStringLiteral("mirroring.json")));
    QCOMPARE(started.size(), 1);
    QCOMPARE(started[0][0].toString(), QStringLiteral("op-1"));
    QCOMPARE(progress.size(), 2);
    QCOMPARE(progress[0][0].toInt(), 40);
    QCOMPARE(progress[1][0].toInt(), 100);
    QStringList seen;
    for (const Received &r : std::as_const(m_server->log))
        seen << QString::fromLatin1(r.method + ' ' + r.path());
    QCOMPARE(seen, QStringList({QStringLiteral("POST /v1/workspaces/%1/mirroredDatabases/%2/getDefinition").arg(Ws, Db),
                                QStringLiteral("GET /v1/operations/op-1"), QStringLiteral("GET /v1/operations/op-1"),
                                QStringLiteral("GET /v1/operations/op-1/result")}));
    // Waited Retry-After (2 s, then 1 s; scaled) before each poll.
    QVERIFY(m_server->log[1].atMs - m_server->log[0].atMs >= 18);
    QVERIFY(m_server->log[2].atMs - m_server->log[1].atMs >= 8);
    for (const Received &r : std::as_const(m_server->log))
        QCOMPARE(r.header("Authorization"), QByteArray("Bearer token-1"));
}

void TestApiClient::lroWithoutResult()
{
    m_server->handler = lroHandler(m_server.get(), {Succeeded});
    auto outcome = send(client(), new UpdateMirroredDatabaseDefinitionRequest(Ws, Db, sampleDefinition()));
    QTRY_VERIFY(outcome->done());
    QVERIFY(outcome->result->ok());
    QCOMPARE(m_server->log.size(), 2); // no /result for updateDefinition
    QVERIFY(m_server->log[0].body.contains("\"definition\""));
}

void TestApiClient::lroOperationHasNoResult()
{
    m_server->handler = lroHandler(m_server.get(), {Succeeded},
                                   Scripted::json(400, R"({"errorCode":"OperationHasNoResult","message":"none"})"));
    auto outcome = send(client(), new GetMirroredDatabaseDefinitionRequest(Ws, Db));
    QTRY_VERIFY(outcome->done());
    QVERIFY(outcome->result->ok());
    QCOMPARE(m_server->log.size(), 3);
}

void TestApiClient::lroFailed_data()
{
    QTest::addColumn<QByteArray>("state");
    QTest::addColumn<QString>("requestId");
    QTest::addRow("Failed") << QByteArray(R"({"status":"Failed","error":{"errorCode":"CorruptedPayload","message":"bad part","requestId":"req-9"}})") << "req-9";
    QTest::addRow("Undefined") << QByteArray(R"({"status":"Undefined","error":{"errorCode":"CorruptedPayload","message":"bad part","requestId":"req-9"}})") << "req-9";
    QTest::addRow("unknown terminal") << QByteArray(R"({"status":"Exploded","error":{"errorCode":"CorruptedPayload","message":"bad part","requestId":"req-9"}})") << "req-9";
    // No requestId in the error: the poll's x-ms-request-id header names the request.
    QTest::addRow("Failed, request id in the headers") << QByteArray(R"({"status":"Failed","error":{"errorCode":"CorruptedPayload","message":"bad part"}})") << "poll-7";
}

void TestApiClient::lroFailed()
{
    QFETCH(QByteArray, state);
    QFETCH(QString, requestId);
    m_server->handler = lroHandler(m_server.get(), {state}, Scripted::json(200, DefinitionBody),
                                   {{"Retry-After", "1"}, {"x-ms-request-id", "poll-7"}});
    auto outcome = send(client(), new GetMirroredDatabaseDefinitionRequest(Ws, Db));
    QTRY_VERIFY(outcome->done());
    const ApiError &error = outcome->result->error;
    QCOMPARE(error.kind(), ApiError::Kind::OperationFailed);
    QCOMPARE(error.errorCode(), QStringLiteral("CorruptedPayload"));
    QCOMPARE(error.message(), QStringLiteral("bad part"));
    QCOMPARE(error.requestId(), requestId);
    QCOMPARE(error.operationId(), QStringLiteral("op-1"));
    QCOMPARE(m_server->log.size(), 2);
}

void TestApiClient::lroCancelStopsPolling()
{
    m_server->handler = lroHandler(m_server.get(), {Running40});
    auto *request = new GetMirroredDatabaseDefinitionRequest(Ws, Db);
    auto outcome = send(client(), request);
    QTRY_VERIFY(m_server->log.size() >= 3); // the call and at least two polls
    QElapsedTimer timer;
    timer.start();
    request->cancel();
    QTRY_VERIFY_WITH_TIMEOUT(outcome->done(), scaledMs(200));
    QVERIFY2(timer.elapsed() < scaledMs(200), qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(outcome->result->error.kind(), ApiError::Kind::Cancelled);
    QCOMPARE(outcome->result->error.operationId(), QStringLiteral("op-1"));
    const qsizetype before = m_server->log.size();
    QTest::qWait(100); // ten poll intervals
    QCOMPARE(m_server->log.size(), before);
    for (const Received &r : std::as_const(m_server->log))
        QVERIFY(r.method != "DELETE" && !r.path().endsWith("/cancel"));
}

void TestApiClient::lroStillRunning()
{
    m_server->handler = lroHandler(m_server.get(), {Running40});
    FabricClient::Config c = config(m_server->baseUrl());
    c.retry.operationLimit = 15s; // 150 ms scaled
    QElapsedTimer timer;
    timer.start();
    auto outcome = send(client(c), new GetMirroredDatabaseDefinitionRequest(Ws, Db));
    QTRY_VERIFY(outcome->done());
    QCOMPARE(outcome->result->error.kind(), ApiError::Kind::StillRunning);
    QCOMPARE(outcome->result->error.operationId(), QStringLiteral("op-1"));
    QVERIFY(outcome->result->error.userMessage().contains(QLatin1String("op-1")));
    QVERIFY2(timer.elapsed() >= 150 && timer.elapsed() < 150 + scaledMs(200), qPrintable(QString::number(timer.elapsed())));
}

void TestApiClient::lroResume()
{
    m_server->handler = lroHandler(m_server.get(), {Running40, Succeeded});
    auto outcome = send(client(), new ResumeOperationRequest(QStringLiteral("op-1"), true));
    QTRY_VERIFY(outcome->done());
    QVERIFY(outcome->result->ok());
    QVERIFY(outcome->result->value.json.contains("definition"));
    QCOMPARE(m_server->log.size(), 3);
    QCOMPARE(m_server->log[0].path(), QByteArray("/v1/operations/op-1"));
}

// Token confinement — a Location on another origin never receives the token (pinned to ours).
void TestApiClient::lroForeignLocationIsPinned()
{
    ScriptedServer foreign;
    QVERIFY(foreign.listen(QHostAddress(QStringLiteral("127.0.0.2")), m_server->baseUrl().port()));
    const QByteArray location = foreign.baseUrl().toEncoded() + "/operations/op-7";
    m_server->handler = [&](const Received &r) {
        if (r.method == "POST")
            return Scripted::empty(202, {{"Location", location}, {"Retry-After", "1"}}); // no x-ms-operation-id
        return Scripted::json(200, Succeeded);
    };
    auto outcome = send(client(), new UpdateMirroredDatabaseDefinitionRequest(Ws, Db, sampleDefinition()));
    QTRY_VERIFY(outcome->done());
    QVERIFY2(outcome->result->ok(), qPrintable(outcome->result->error.toLogString()));
    QCOMPARE(foreign.log.size(), 0);
    QCOMPARE(foreign.connections, 0);
    QCOMPARE(m_server->log.size(), 2);
    QCOMPARE(m_server->log[1].path(), QByteArray("/v1/operations/op-7"));
}

// Pagination.
void TestApiClient::pagingFollowsTokens()
{
    const QString token1 = QStringLiteral("a b+c/=&d");
    const QString token2 = QStringLiteral("LDEsMTAwMDAwLDA%3D"); // already URL-encoded, as Fabric sends it
    m_server->handler = [&](const Received &r) {
        const QString token = QUrlQuery(QUrl::fromEncoded(r.target)).queryItemValue(QStringLiteral("continuationToken"), QUrl::FullyDecoded);
        if (token.isEmpty())
            return Scripted::json(200, R"({"value":[{"id":"1"},{"id":"2"}],"continuationToken":"a b+c/=&d","continuationUri":"http://elsewhere/x"})");
        if (token == token1)
            return Scripted::json(200, R"({"value":[{"id":"3"}],"continuationToken":"LDEsMTAwMDAwLDA%3D"})");
        if (token == QLatin1String("LDEsMTAwMDAwLDA="))
            return Scripted::json(200, R"({"value":[{"id":"4"}],"continuationToken":null,"continuationUri":null})");
        return Scripted::json(400, R"({"errorCode":"InvalidContinuationToken","message":"?"})");
    };
    auto *request = new ListWorkspacesRequest({QStringLiteral("Admin"), QStringLiteral("Member")});
    QList<int> seenAtPage;
    QList<qsizetype> pageSizes;
    FabricClient *c = client();
    auto outcome = std::make_shared<Outcome<ListWorkspacesRequest>>();
    c->sendPaged(request, m_owner.get(),
                 [&](const QList<Workspace> &page) {
                     pageSizes << page.size();
                     seenAtPage << int(m_server->log.size());
                 },
                 [outcome](const ApiResult<QList<Workspace>> &r) { outcome->result = r; });
    QTRY_VERIFY(outcome->done());
    QVERIFY2(outcome->result->ok(), qPrintable(outcome->result->error.toLogString()));
    QCOMPARE(outcome->result->value.size(), 4);
    QCOMPARE(pageSizes, QList<qsizetype>({2, 1, 1}));
    QCOMPARE(seenAtPage, QList<int>({1, 2, 3})); // each page delivered before the next is requested
    QCOMPARE(m_server->log.size(), 3);
    for (const Received &r : std::as_const(m_server->log)) {
        QCOMPARE(r.method, QByteArray("GET"));
        QVERIFY(r.target.contains("roles=Admin,Member"));
    }
    verifySameClientRequestId();
}

void TestApiClient::pagingTablesStaysPost()
{
    m_server->handler = [](const Received &r) {
        if (!r.target.contains("continuationToken"))
            return Scripted::json(200, R"({"data":[{"sourceTableName":"t1","status":"Replicating","sourceObjectType":"Table"}],"continuationToken":"p2"})");
        return Scripted::json(200, R"({"data":[{"sourceTableName":"t2","status":"Failed","sourceObjectType":"Table"}]})");
    };
    auto outcome = send(client(), new GetTablesMirroringStatusRequest(Ws, Db));
    QTRY_VERIFY(outcome->done());
    QVERIFY(outcome->result->ok());
    QCOMPARE(outcome->result->value.size(), 2);
    QCOMPARE(m_server->log.size(), 2);
    QCOMPARE(m_server->log[1].method, QByteArray("POST"));
    QCOMPARE(m_server->log[1].target,
             QStringLiteral("/v1/workspaces/%1/mirroredDatabases/%2/getTablesMirroringStatus?continuationToken=p2").arg(Ws, Db).toLatin1());
}

void TestApiClient::pagingRepeatedTokenAborts()
{
    m_server->handler = [](const Received &) { return Scripted::json(200, R"({"value":[{"id":"1","connectivityType":"ShareableCloud"}],"continuationToken":"same"})"); };
    auto outcome = send(client(), new ListConnectionsRequest());
    QTRY_VERIFY(outcome->done());
    QCOMPARE(outcome->result->error.kind(), ApiError::Kind::PagingLoop);
    QCOMPARE(m_server->log.size(), 2);
}

void TestApiClient::pagingTransientFailureRetriesThatPageOnly()
{
    auto page2Failures = std::make_shared<int>(1);
    m_server->handler = [page2Failures](const Received &r) {
        if (!r.target.contains("continuationToken"))
            return Scripted::json(200, R"({"value":[{"id":"1"}],"continuationToken":"t2"})");
        if ((*page2Failures)-- > 0)
            return Scripted::json(503, "{}");
        return Scripted::json(200, R"({"value":[{"id":"2"}]})");
    };
    auto outcome = send(client(), new ListCapacitiesRequest());
    QTRY_VERIFY(outcome->done());
    QVERIFY(outcome->result->ok());
    QCOMPARE(outcome->result->value.size(), 2);
    int firstPageRequests = 0;
    for (const Received &r : std::as_const(m_server->log))
        firstPageRequests += r.target.contains("continuationToken") ? 0 : 1;
    QCOMPARE(firstPageRequests, 1);
    QCOMPARE(m_server->log.size(), 3);
}

void TestApiClient::pagingContinuationUri()
{
    const QByteArray next = m_server->baseUrl().toEncoded() + "/workspaces/" + Ws.toLatin1() + "/mirroredDatabases?page=2";
    m_server->handler = [&](const Received &r) {
        if (!r.target.contains("page=2"))
            return Scripted::json(200, R"({"value":[{"id":"1"}],"continuationUri":")" + next + "\"}");
        return Scripted::json(200, R"({"value":[{"id":"2"}]})");
    };
    auto outcome = send(client(), new ListMirroredDatabasesRequest(Ws));
    QTRY_VERIFY(outcome->done());
    QVERIFY2(outcome->result->ok(), qPrintable(outcome->result->error.toLogString()));
    QCOMPARE(outcome->result->value.size(), 2);
    QCOMPARE(m_server->log[1].header("Authorization"), QByteArray("Bearer token-1"));
}

void TestApiClient::pagingForeignContinuationUriRejected()
{
    ScriptedServer foreign;
    QVERIFY(foreign.listen(QHostAddress(QStringLiteral("127.0.0.2")), m_server->baseUrl().port()));
    const QByteArray next = foreign.baseUrl().toEncoded() + "/workspaces?page=2";
    m_server->handler = [&](const Received &) { return Scripted::json(200, R"({"value":[{"id":"1"}],"continuationUri":")" + next + "\"}"); };
    auto outcome = send(client(), new ListWorkspacesRequest());
    QTRY_VERIFY(outcome->done());
    QCOMPARE(outcome->result->error.kind(), ApiError::Kind::InvalidUrl);
    QTest::qWait(50);
    QCOMPARE(foreign.connections, 0);
    QCOMPARE(m_server->log.size(), 1);
}

// Token confinement — 3xx is not auto-followed; to another origin it is refused.
void TestApiClient::redirectToForeignOriginRejected()
{
    ScriptedServer foreign;
    QVERIFY(foreign.listen(QHostAddress(QStringLiteral("127.0.0.2")), m_server->baseUrl().port()));
    const QByteArray target = foreign.baseUrl().toEncoded() + "/workspaces";
    m_server->handler = [&](const Received &) { return Scripted::empty(307, {{"Location", target}}); };
    auto outcome = send(client(), new ListWorkspacesRequest());
    QTRY_VERIFY(outcome->done());
    QCOMPARE(outcome->result->error.kind(), ApiError::Kind::InvalidUrl);
    QTest::qWait(50);
    QCOMPARE(foreign.connections, 0);
    QCOMPARE(foreign.log.size(), 0);
}

void TestApiClient::redirectSameOriginFollowed()
{
    // The workspace moved: ids in paths are GUIDs (docs/reliability-matrix.md, "Ids in URL paths").
    const QString oldWs = QStringLiteral("33333333-3333-3333-3333-333333333333");
    m_server->handler = [&](const Received &r) {
        if (r.path().endsWith(oldWs.toLatin1()))
            return Scripted::empty(307, {{"Location", "/v1/workspaces/" + Ws.toLatin1()}});
        return Scripted::json(200, R"({"id":"w"})");
    };
    auto outcome = send(client(), new GetWorkspaceRequest(oldWs));
    QTRY_VERIFY(outcome->done());
    QVERIFY(outcome->result->ok());
    QCOMPARE(m_server->log.size(), 2);
    QCOMPARE(m_server->log[1].header("Authorization"), QByteArray("Bearer token-1"));
}

// HTTPS and TLS — https only (loopback excepted), certificates checked, nothing sent otherwise.
void TestApiClient::insecureBaseUrlRefusedBeforeConnecting()
{
    QElapsedTimer timer;
    timer.start();
    auto outcome = send(client(config(QUrl(QStringLiteral("http://10.255.255.1/v1")))), new ListWorkspacesRequest());
    QTRY_VERIFY(outcome->done());
    QCOMPARE(outcome->result->error.kind(), ApiError::Kind::Insecure);
    QVERIFY2(timer.elapsed() < scaledMs(100), qPrintable(QString::number(timer.elapsed()))); // no connection attempt to a black-hole address
    QCOMPARE(m_tokens->requests, 0);  // not even a token was fetched
}

void TestApiClient::tlsSelfSignedCertificateFails()
{
    QTemporaryDir dir;
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                   QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-subj"),
                   QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1"),
                   QStringLiteral("-keyout"), dir.filePath(QStringLiteral("key.pem")), QStringLiteral("-out"),
                   dir.filePath(QStringLiteral("cert.pem"))});
    if (!openssl.waitForStarted())
        QSKIP("the openssl command is not installed");
    QVERIFY(openssl.waitForFinished(30000));
    QCOMPARE(openssl.exitCode(), 0);
    QFile certFile(dir.filePath(QStringLiteral("cert.pem")));
    QFile keyFile(dir.filePath(QStringLiteral("key.pem")));
    QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(QSslCertificate(certFile.readAll()));
    tls.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Rsa));
    ScriptedServer server;
    server.setTls(tls);
    QVERIFY(server.listen());
    auto outcome = send(client(config(server.baseUrl())), new ListWorkspacesRequest());
    QTRY_VERIFY(outcome->done());
    QCOMPARE(outcome->result->error.kind(), ApiError::Kind::Insecure);
    QVERIFY(server.connections >= 1); // it did connect …
    QCOMPARE(server.rawBytesReceived, 0); // … and sent no HTTP byte
    QCOMPARE(server.log.size(), 0);
}

// 401 handling and refresh (the 401 part).
void TestApiClient::unauthorizedRefreshesOnce()
{
    m_server->handler = [](const Received &r) {
        if (r.header("Authorization") == "Bearer token-2")
            return Scripted::json(200, R"({"status":"Running"})");
        return Scripted::json(401, R"({"errorCode":"TokenExpired","message":"expired"})");
    };
    auto outcome = send(client(), new GetMirroringStatusRequest(Ws, Db));
    QTRY_VERIFY(outcome->done());
    QVERIFY(outcome->result->ok());
    QCOMPARE(m_server->log.size(), 2);
    QCOMPARE(m_tokens->forcedRefreshes, 1);
    verifySameClientRequestId();
}

void TestApiClient::authFailuresAreFinal_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("refreshFails");
    QTest::addColumn<int>("requests");
    QTest::addColumn<int>("refreshes");
    QTest::addColumn<ApiError::Kind>("kind");
    QTest::addColumn<QString>("errorCode");
    using K = ApiError::Kind;
    QTest::addRow("second 401 → sign in") << 401 << false << 2 << 1 << K::SignInRequired << QStringLiteral("TokenExpired");
    QTest::addRow("refresh fails → sign in") << 401 << true << 1 << 1 << K::SignInRequired << QStringLiteral("invalid_grant");
    QTest::addRow("403 never retried") << 403 << false << 1 << 0 << K::Forbidden << QStringLiteral("TokenExpired");
}

void TestApiClient::authFailuresAreFinal()
{
    QFETCH(int, status);
    QFETCH(bool, refreshFails);
    QFETCH(int, requests);
    QFETCH(int, refreshes);
    QFETCH(ApiError::Kind, kind);
    QFETCH(QString, errorCode);
    m_tokens->failRefresh = refreshFails;
    m_server->handler = [&](const Received &) { return Scripted::json(status, R"({"errorCode":"TokenExpired","message":"expired"})"); };
    auto outcome = send(client(), new StopMirroringRequest(Ws, Db));
    QTRY_VERIFY(outcome->done());
    QCOMPARE(outcome->result->error.kind(), kind);
    QCOMPARE(outcome->result->error.errorCode(), errorCode);
    QCOMPARE(m_server->log.size(), requests);
    QCOMPARE(m_tokens->forcedRefreshes, refreshes);
}

// Lifetimes: a callback whose context object is gone is dropped, never called, and objects
// destroyed in flight neither crash nor call back.
void TestApiClient::contextDestroyedDropsCallback()
{
    m_server->handler = [](const Received &) { Scripted s = Scripted::json(200, R"({"id":"w"})"); s.delayMs = 50; return s; };
    FabricClient *c = client();
    auto *context = new QObject;
    bool called = false;
    auto *request = c->send(new GetWorkspaceRequest(Ws), context, [&](const auto &) { called = true; });
    QPointer<ApiRequest> watch(request);
    QTRY_COMPARE(m_server->log.size(), 1);
    delete context;
    QTRY_VERIFY(!watch); // the request completed and deleted itself
    QVERIFY(!called);
}

void TestApiClient::clientDestroyedWithRequestsInFlight()
{
    m_server->handler = [](const Received &) { Scripted s; s.action = Scripted::Action::Stall; return s; };
    FabricClient *c = client();
    bool called = false;
    QList<QPointer<ApiRequest>> requests;
    for (int i = 0; i < 3; ++i)
        requests << c->send(new GetWorkspaceRequest(Ws), m_owner.get(), [&](const auto &) { called = true; });
    requests << c->send(new StartMirroringRequest(Ws, Db), m_owner.get(), [&](const auto &) { called = true; });
    QTRY_COMPARE(m_server->log.size(), 4);
    delete c;
    for (const auto &r : std::as_const(requests))
        QVERIFY(!r);
    QTest::qWait(50);
    QVERIFY(!called);
}

void TestApiClient::resultsAreAsynchronous()
{
    bool called = false;
    FabricClient *c = client(config(QUrl(QStringLiteral("ftp://nowhere/v1"))));
    c->send(new ListWorkspacesRequest(), m_owner.get(), [&](const auto &r) {
        called = true;
        QCOMPARE(r.error.kind(), ApiError::Kind::InvalidUrl);
    });
    QVERIFY(!called); // even a failure known before sending arrives from the event loop
    QTRY_VERIFY(called);
}

void TestApiClient::backgroundYieldsToForeground()
{
    m_server->handler = [](const Received &) { Scripted s = Scripted::json(200, R"({"status":"Running"})"); s.delayMs = 60; return s; };
    FabricClient::Config c = config(m_server->baseUrl());
    c.maxInFlight = 1;
    FabricClient *fc = client(c);
    // Ids in paths are GUIDs: the last group tells the three apart.
    const QString first = QStringLiteral("22222222-2222-2222-2222-000000000001");
    const QString background = QStringLiteral("22222222-2222-2222-2222-000000000002");
    const QString user = QStringLiteral("22222222-2222-2222-2222-000000000003");
    auto firstDone = send(fc, new GetMirroringStatusRequest(Ws, first));
    QTRY_COMPARE(m_server->log.size(), 1);
    auto *poll = new GetMirroringStatusRequest(Ws, background);
    poll->setPriority(ApiRequest::Priority::Background);
    auto backgroundDone = send(fc, poll);
    auto userDone = send(fc, new GetMirroringStatusRequest(Ws, user));
    QTRY_VERIFY(firstDone->done() && backgroundDone->done() && userDone->done());
    QCOMPARE(m_server->log.size(), 3);
    QVERIFY(m_server->log[1].path().contains(user.toLatin1()));
    QVERIFY(m_server->log[2].path().contains(background.toLatin1()));
}

// Every endpoint: verb, path, query, body, and the decoded result.
void TestApiClient::everyEndpointRoundTrip_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("target");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<int>("which");
    const QString db = QStringLiteral("/v1/workspaces/%1/mirroredDatabases/%2").arg(Ws, Db);
    const QByteArray item = R"({"id":"22222222-2222-2222-2222-222222222222","type":"MirroredDatabase","displayName":"db"})";
    QTest::addRow("list") << QByteArray("GET") << QStringLiteral("/v1/workspaces/%1/mirroredDatabases?recursive=false").arg(Ws) << 200 << QByteArray(R"({"value":[)" + item + "]}") << 0;
    QTest::addRow("create") << QByteArray("POST") << QStringLiteral("/v1/workspaces/%1/mirroredDatabases").arg(Ws) << 201 << item << 1;
    QTest::addRow("get") << QByteArray("GET") << db << 200 << item << 2;
    QTest::addRow("update") << QByteArray("PATCH") << db << 200 << item << 3;
    QTest::addRow("delete") << QByteArray("DELETE") << db + QStringLiteral("?hardDelete=true") << 200 << QByteArray() << 4;
    QTest::addRow("getDefinition") << QByteArray("POST") << db + QStringLiteral("/getDefinition") << 200 << DefinitionBody << 5;
    QTest::addRow("updateDefinition") << QByteArray("POST") << db + QStringLiteral("/updateDefinition?updateMetadata=true") << 200 << QByteArray() << 6;
    QTest::addRow("start") << QByteArray("POST") << db + QStringLiteral("/startMirroring") << 200 << QByteArray() << 7;
    QTest::addRow("stop") << QByteArray("POST") << db + QStringLiteral("/stopMirroring") << 200 << QByteArray() << 8;
    QTest::addRow("status") << QByteArray("POST") << db + QStringLiteral("/getMirroringStatus") << 200 << QByteArray(R"({"status":"Running"})") << 9;
    QTest::addRow("tables") << QByteArray("POST") << db + QStringLiteral("/getTablesMirroringStatus") << 200 << QByteArray(R"({"data":[]})") << 10;
    QTest::addRow("workspaces") << QByteArray("GET") << QStringLiteral("/v1/workspaces?roles=Admin") << 200 << QByteArray(R"({"value":[]})") << 11;
    QTest::addRow("workspace") << QByteArray("GET") << QStringLiteral("/v1/workspaces/%1").arg(Ws) << 200 << QByteArray(R"({"id":"w"})") << 12;
    QTest::addRow("connections") << QByteArray("GET") << QStringLiteral("/v1/connections") << 200 << QByteArray(R"({"value":[]})") << 13;
    QTest::addRow("capacities") << QByteArray("GET") << QStringLiteral("/v1/capacities") << 200 << QByteArray(R"({"value":[]})") << 14;
    QTest::addRow("operation state") << QByteArray("GET") << QStringLiteral("/v1/operations/op-1") << 200 << QByteArray(Succeeded) << 15;
    QTest::addRow("operation result") << QByteArray("GET") << QStringLiteral("/v1/operations/op-1/result") << 200 << QByteArray(R"({"definition":{}})") << 16;
}

void TestApiClient::everyEndpointRoundTrip()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, target);
    QFETCH(int, status);
    QFETCH(QByteArray, response);
    QFETCH(int, which);
    m_server->handler = [&](const Received &) { return response.isEmpty() ? Scripted::empty(status) : Scripted::json(status, response); };
    FabricClient *c = client();
    const ItemDefinition definition = sampleDefinition();
    std::optional<ApiError> error;
    auto done = [&](const auto &r) { error = r.error; };
    QObject *ctx = m_owner.get();
    switch (which) {
    case 0: c->send(new ListMirroredDatabasesRequest(Ws, false), ctx, done); break;
    case 1: c->send(new CreateMirroredDatabaseRequest(Ws, QStringLiteral("db"), definition, QStringLiteral("d")), ctx, done); break;
    case 2: c->send(new GetMirroredDatabaseRequest(Ws, Db), ctx, done); break;
    case 3: c->send(new UpdateMirroredDatabaseRequest(Ws, Db, QStringLiteral("db"), QStringLiteral("d")), ctx, done); break;
    case 4: c->send(new DeleteMirroredDatabaseRequest(Ws, Db, true), ctx, done); break;
    case 5: c->send(new GetMirroredDatabaseDefinitionRequest(Ws, Db), ctx, done); break;
    case 6: c->send(new UpdateMirroredDatabaseDefinitionRequest(Ws, Db, definition, true), ctx, done); break;
    case 7: c->send(new StartMirroringRequest(Ws, Db), ctx, done); break;
    case 8: c->send(new StopMirroringRequest(Ws, Db), ctx, done); break;
    case 9: c->send(new GetMirroringStatusRequest(Ws, Db), ctx, done); break;
    case 10: c->send(new GetTablesMirroringStatusRequest(Ws, Db), ctx, done); break;
    case 11: c->send(new ListWorkspacesRequest({QStringLiteral("Admin")}), ctx, done); break;
    case 12: c->send(new GetWorkspaceRequest(Ws), ctx, done); break;
    case 13: c->send(new ListConnectionsRequest(), ctx, done); break;
    case 14: c->send(new ListCapacitiesRequest(), ctx, done); break;
    case 15: c->send(new GetOperationStateRequest(QStringLiteral("op-1")), ctx, done); break;
    case 16: c->send(new GetOperationResultRequest(QStringLiteral("op-1")), ctx, done); break;
    }
    QTRY_VERIFY(error.has_value());
    QVERIFY2(!error->isError(), qPrintable(error->toLogString()));
    QCOMPARE(m_server->log.size(), 1);
    QCOMPARE(m_server->log[0].method, method);
    QCOMPARE(QString::fromLatin1(m_server->log[0].target), target);
    if (which == 1) {
        const auto body = parseJson(m_server->log[0].body);
        QVERIFY(body);
        QVERIFY((*body)["displayName"] == Json("db"));
        QVERIFY((*body)["definition"] == definition.toJson());
    }
}

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_api_client.moc"
