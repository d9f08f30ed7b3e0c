// Unit-level parts of the API client's reliability rules (docs/reliability-matrix.md) that need no
// server: backoff and jitter ("Backoff"), Retry-After parsing ("Retry-After"), HTTP status → error
// kind ("Retry classification", "401 handling and refresh"), the origin policy ("Token
// confinement", "HTTPS and TLS") and log redaction ("No secrets in logs or on disk").
#include "app/api/httplog.h"
#include "app/api/originpolicy.h"
#include "app/api/retrypolicy.h"
#include "models/apierror.h"

#include <QSet>
#include <QTest>

#include <random>

using namespace fmc;
using namespace std::chrono_literals;
using std::chrono::milliseconds;

class TestRetryPolicy : public QObject
{
    Q_OBJECT
private slots:
    void nominalDelays_data();
    void nominalDelays();
    void jitterStaysInBounds_data();
    void jitterStaysInBounds();
    void jitterVaries();
    void seededRngIsReproducible();
    void operationPollDelayIsClamped_data();
    void operationPollDelayIsClamped();
    void retryAfter_data();
    void retryAfter();
    void retryAfterHttpDate();
    void statusToKind_data();
    void statusToKind();
    void transientStatuses_data();
    void transientStatuses();
    void errorBodyDecoded();
    void errorBodyNotJson();
    void originPolicy_data();
    void originPolicy();
    void pinnedKeepsPathAndQuery();
    void headersRedacted();
    void urlQueryRedacted();
    void scrubRemovesTokens();
};

void TestRetryPolicy::nominalDelays_data()
{
    QTest::addColumn<int>("retry");
    QTest::addColumn<qint64>("expectedMs");
    QTest::addRow("0 is no wait") << 0 << qint64(0);
    QTest::addRow("1") << 1 << qint64(800);
    QTest::addRow("2") << 2 << qint64(1600);
    QTest::addRow("3") << 3 << qint64(3200);
    QTest::addRow("7 hits the cap") << 7 << qint64(51200);
    QTest::addRow("8 capped") << 8 << qint64(60000);
    QTest::addRow("huge capped") << 1000 << qint64(60000);
}

void TestRetryPolicy::nominalDelays()
{
    QFETCH(int, retry);
    QFETCH(qint64, expectedMs);
    QCOMPARE(RetryPolicy().nominalDelay(retry).count(), expectedMs);
}

void TestRetryPolicy::jitterStaysInBounds_data()
{
    QTest::addColumn<int>("retry");
    for (int n = 1; n <= 3; ++n)
        QTest::addRow("retry %d", n) << n;
    QTest::addRow("retry 9 (capped)") << 9;
}

void TestRetryPolicy::jitterStaysInBounds()
{
    QFETCH(int, retry);
    const RetryPolicy policy;
    std::mt19937 rng(42);
    const qint64 d = policy.nominalDelay(retry).count();
    for (int i = 0; i < 1000; ++i) {
        const qint64 delay = policy.delay(retry, rng).count();
        QVERIFY2(delay >= qint64(0.8 * double(d)) && delay <= qint64(1.3 * double(d) + 0.5),
                 qPrintable(QStringLiteral("%1 outside [0.8, 1.3]·%2").arg(delay).arg(d)));
    }
}

void TestRetryPolicy::jitterVaries()
{
    // Backoff (docs/reliability-matrix.md): 100 runs with a seeded RNG yield at least 10 distinct delays.
    const RetryPolicy policy;
    std::mt19937 rng(7);
    QSet<qint64> distinct;
    double sum = 0;
    for (int i = 0; i < 100; ++i) {
        const qint64 delay = policy.delay(1, rng).count();
        distinct.insert(delay);
        sum += double(delay);
    }
    QVERIFY2(distinct.size() >= 10, qPrintable(QString::number(distinct.size())));
    // Uniform on [640, 1040]: the mean of 100 draws lies well within ±60 ms of 840.
    QVERIFY2(std::abs(sum / 100 - 840) < 60, qPrintable(QString::number(sum / 100)));
}

void TestRetryPolicy::seededRngIsReproducible()
{
    const RetryPolicy policy;
    std::mt19937 a(123), b(123);
    for (int n = 1; n <= 3; ++n)
        QCOMPARE(policy.delay(n, a), policy.delay(n, b));
}

void TestRetryPolicy::operationPollDelayIsClamped_data()
{
    QTest::addColumn<qint64>("serverMs"); // -1: absent
    QTest::addColumn<qint64>("expectedMs");
    QTest::addRow("absent → 10 s") << qint64(-1) << qint64(10000);
    QTest::addRow("0 → 1 s") << qint64(0) << qint64(1000);
    QTest::addRow("30 s") << qint64(30000) << qint64(30000);
    QTest::addRow("300 s → 60 s") << qint64(300000) << qint64(60000);
}

void TestRetryPolicy::operationPollDelayIsClamped()
{
    QFETCH(qint64, serverMs);
    QFETCH(qint64, expectedMs);
    const auto server = serverMs < 0 ? std::nullopt : std::optional<milliseconds>(serverMs);
    QCOMPARE(RetryPolicy().operationPollDelay(server).count(), expectedMs);
}

void TestRetryPolicy::retryAfter_data()
{
    QTest::addColumn<HttpHeaders>("headers");
    QTest::addColumn<qint64>("expectedMs"); // -1: none
    QTest::addRow("none") << HttpHeaders{} << qint64(-1);
    QTest::addRow("seconds") << HttpHeaders{{"Retry-After", "5"}} << qint64(5000);
    QTest::addRow("seconds, odd case and spaces") << HttpHeaders{{"retry-AFTER", " 7 "}} << qint64(7000);
    QTest::addRow("zero") << HttpHeaders{{"Retry-After", "0"}} << qint64(0);
    QTest::addRow("300 s is reported, not capped") << HttpHeaders{{"Retry-After", "300"}} << qint64(300000);
    QTest::addRow("negative → backoff") << HttpHeaders{{"Retry-After", "-3"}} << qint64(-1);
    QTest::addRow("garbage → backoff") << HttpHeaders{{"Retry-After", "soon"}} << qint64(-1);
    QTest::addRow("fraction → backoff") << HttpHeaders{{"Retry-After", "1.5"}} << qint64(-1);
    QTest::addRow("retry-after-ms wins") << HttpHeaders{{"Retry-After", "9"}, {"retry-after-ms", "250"}} << qint64(250);
    QTest::addRow("x-ms-retry-after-ms") << HttpHeaders{{"Retry-After", "9"}, {"x-ms-retry-after-ms", "1500"}} << qint64(1500);
    QTest::addRow("retry-after-ms before x-ms-")
        << HttpHeaders{{"x-ms-retry-after-ms", "1500"}, {"retry-after-ms", "20"}} << qint64(20);
    QTest::addRow("invalid ms falls through")
        << HttpHeaders{{"retry-after-ms", "x"}, {"x-ms-retry-after-ms", "-1"}, {"Retry-After", "2"}} << qint64(2000);
}

void TestRetryPolicy::retryAfter()
{
    QFETCH(HttpHeaders, headers);
    QFETCH(qint64, expectedMs);
    const auto parsed = parseRetryAfter(headers);
    QCOMPARE(parsed.has_value(), expectedMs >= 0);
    if (parsed)
        QCOMPARE(parsed->count(), expectedMs);
}

void TestRetryPolicy::retryAfterHttpDate()
{
    const QDateTime now(QDate(2026, 11, 29), QTime(10, 0, 0), Qt::UTC);
    auto at = [&](const QByteArray &value) { return parseRetryAfter({{"Retry-After", value}}, now); };
    QCOMPARE(at("Sun, 29 Nov 2026 10:00:42 GMT").value().count(), 42000);
    QCOMPARE(at("Sunday, 29-Nov-26 10:01:00 GMT").value().count(), 60000);
    QCOMPARE(at("Sun, 29 Nov 2026 09:00:00 GMT").value().count(), 0); // in the past: retry now
    QVERIFY(!at("Sun, 29 Nov 2026 25:00:00 GMT"));
}

void TestRetryPolicy::statusToKind_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<ApiError::Kind>("kind");
    using K = ApiError::Kind;
    QTest::addRow("200") << 200 << K::None;
    QTest::addRow("202") << 202 << K::None;
    QTest::addRow("400") << 400 << K::BadRequest;
    QTest::addRow("401") << 401 << K::SignInRequired;
    QTest::addRow("403") << 403 << K::Forbidden;
    QTest::addRow("404") << 404 << K::NotFound;
    QTest::addRow("408") << 408 << K::Timeout;
    QTest::addRow("409") << 409 << K::Conflict;
    QTest::addRow("422") << 422 << K::BadRequest;
    QTest::addRow("429") << 429 << K::Throttled;
    QTest::addRow("500") << 500 << K::ServerError;
    QTest::addRow("501") << 501 << K::ServerError;
    QTest::addRow("503") << 503 << K::ServerError;
    QTest::addRow("599") << 599 << K::ServerError;
    QTest::addRow("0 (nonsense)") << 0 << K::BadRequest;
    QTest::addRow("999 (nonsense)") << 999 << K::BadRequest;
}

void TestRetryPolicy::statusToKind()
{
    QFETCH(int, status);
    QFETCH(ApiError::Kind, kind);
    QCOMPARE(ApiError::kindForHttpStatus(status), kind);
}

void TestRetryPolicy::transientStatuses_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("transient");
    for (int s : {408, 429, 500, 502, 503, 504})
        QTest::addRow("%d", s) << s << true;
    for (int s : {200, 400, 401, 403, 404, 409, 501, 505})
        QTest::addRow("%d", s) << s << false;
}

void TestRetryPolicy::transientStatuses()
{
    QFETCH(int, status);
    QFETCH(bool, transient);
    QCOMPARE(ApiError::isTransientHttpStatus(status), transient);
}

void TestRetryPolicy::errorBodyDecoded()
{
    QFile file(QStringLiteral(FMC_SPEC_DIR "/platform/examples/platform/ModifyOneLakeImmutabilityPolicyError.json"));
    QByteArray body;
    if (file.open(QIODevice::ReadOnly)) {
        // The example wraps the body as responses.<status>.body; take the first one.
        const auto doc = parseJson(file.readAll());
        QVERIFY(doc);
        for (const auto &[status, response] : (*doc)["responses"].items()) {
            Q_UNUSED(status);
            body = dumpJson(response["body"]);
            break;
        }
    } else {
        body = R"({"errorCode":"InvalidInput","message":"The request has an invalid input","requestId":"abc","moreDetails":[{"errorCode":"X","message":"y"}],"isRetriable":false})";
    }
    const ApiError error = ApiError::fromHttp(400, body);
    QCOMPARE(error.kind(), ApiError::Kind::BadRequest);
    QCOMPARE(error.httpStatus(), 400);
    QVERIFY(!error.errorCode().isEmpty());
    QVERIFY(!error.message().isEmpty());
    QVERIFY(error.details().contains("moreDetails"));
    QVERIFY(error.userMessage().contains(error.message()));

    const ApiError retriable = ApiError::fromHttp(503, R"({"errorCode":"Busy","message":"m","isRetriable":false,"requestId":"r-1"})");
    QCOMPARE(retriable.isRetriable(), std::optional<bool>(false));
    QCOMPARE(retriable.requestId(), QStringLiteral("r-1"));
}

void TestRetryPolicy::errorBodyNotJson()
{
    const ApiError error = ApiError::fromHttp(502, "<html>Bad Gateway</html>");
    QCOMPARE(error.kind(), ApiError::Kind::ServerError);
    QVERIFY(error.errorCode().isEmpty());
    QCOMPARE(error.message(), QStringLiteral("HTTP 502"));
    QVERIFY(error.details().is_null());
}

void TestRetryPolicy::originPolicy_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("url");
    QTest::addColumn<OriginPolicy::Verdict>("verdict");
    using V = OriginPolicy::Verdict;
    const QString fabric = QStringLiteral("https://api.fabric.microsoft.com/v1");
    QTest::addRow("same origin") << fabric << "https://api.fabric.microsoft.com/v1/operations/x" << V::Allowed;
    QTest::addRow("explicit default port") << fabric << "https://api.fabric.microsoft.com:443/v1/x" << V::Allowed;
    QTest::addRow("host case") << fabric << "https://API.Fabric.Microsoft.com/v1/x" << V::Allowed;
    QTest::addRow("other host") << fabric << "https://evil.example.com/v1/x" << V::ForeignOrigin;
    QTest::addRow("subdomain") << fabric << "https://x.api.fabric.microsoft.com/v1/x" << V::ForeignOrigin;
    QTest::addRow("other port") << fabric << "https://api.fabric.microsoft.com:8443/v1/x" << V::ForeignOrigin;
    QTest::addRow("downgrade to http") << fabric << "http://api.fabric.microsoft.com/v1/x" << V::Insecure;
    QTest::addRow("user info") << fabric << "https://user@api.fabric.microsoft.com/v1/x" << V::Invalid;
    QTest::addRow("relative") << fabric << "/v1/x" << V::Invalid;
    QTest::addRow("ftp") << fabric << "ftp://api.fabric.microsoft.com/v1/x" << V::Invalid;
    const QString loop = QStringLiteral("http://127.0.0.1:8123/v1");
    QTest::addRow("loopback http") << loop << "http://127.0.0.1:8123/v1/workspaces" << V::Allowed;
    QTest::addRow("loopback other port") << loop << "http://127.0.0.1:9999/v1/workspaces" << V::ForeignOrigin;
    QTest::addRow("second loopback address") << loop << "http://127.0.0.2:8123/v1/workspaces" << V::ForeignOrigin;
    QTest::addRow("http to LAN host") << "http://192.168.1.5/v1" << "http://192.168.1.5/v1/x" << V::Insecure;
    QTest::addRow("http base, non-loopback") << "http://api.fabric.microsoft.com/v1" << "http://api.fabric.microsoft.com/v1/x" << V::Insecure;
    QTest::addRow("localhost") << "http://localhost:1/v1" << "http://localhost:1/v1/x" << V::Allowed;
    QTest::addRow("ipv6 loopback") << "http://[::1]:1/v1" << "http://[::1]:1/v1/x" << V::Allowed;
}

void TestRetryPolicy::originPolicy()
{
    QFETCH(QString, base);
    QFETCH(QString, url);
    QFETCH(OriginPolicy::Verdict, verdict);
    QCOMPARE(OriginPolicy(QUrl(base)).check(QUrl(url)), verdict);
}

void TestRetryPolicy::pinnedKeepsPathAndQuery()
{
    const OriginPolicy policy(QUrl(QStringLiteral("http://127.0.0.1:8123/v1")));
    const QUrl pinned = policy.pinned(QUrl(QStringLiteral("http://u:p@127.0.0.2:9000/v1/operations/abc?x=1")));
    QCOMPARE(pinned.toString(), QStringLiteral("http://127.0.0.1:8123/v1/operations/abc?x=1"));
    QCOMPARE(policy.check(pinned), OriginPolicy::Verdict::Allowed);
}

void TestRetryPolicy::headersRedacted()
{
    const QString canary = QStringLiteral("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjYW5hcnkifQ.c2ln");
    const QString line = HttpLog::headers({{"Authorization", "Bearer " + canary.toLatin1()},
                                           {"Cookie", "session=secret"},
                                           {"x-ms-client-request-id", "rid-1"},
                                           {"requestId", "svc-1"},
                                           {"Retry-After", "5"},
                                           {"Location", "https://h/v1/x?continuationToken=CANARYTOKEN&hardDelete=true"}});
    QVERIFY(!line.contains(canary));
    QVERIFY(!line.contains(QLatin1String("secret")));
    QVERIFY(!line.contains(QLatin1String("CANARYTOKEN")));
    QVERIFY(line.contains(QLatin1String("Authorization: REDACTED")));
    QVERIFY(line.contains(QLatin1String("rid-1")));
    QVERIFY(line.contains(QLatin1String("svc-1")));
    QVERIFY(line.contains(QLatin1String("Retry-After: 5")));
    QVERIFY(line.contains(QLatin1String("hardDelete=true")));
}

void TestRetryPolicy::urlQueryRedacted()
{
    const QString shown = HttpLog::url(QUrl(QStringLiteral("https://u:pw@h/v1/w?continuationToken=LDEsMTAw%3D&roles=Admin,Viewer&code=abc")));
    QVERIFY(!shown.contains(QLatin1String("LDEsMTAw")));
    QVERIFY(!shown.contains(QLatin1String("pw")));
    QVERIFY(!shown.contains(QLatin1String("abc")));
    QVERIFY(shown.contains(QLatin1String("continuationToken=REDACTED")));
    QVERIFY(shown.contains(QLatin1String("roles=Admin,Viewer")));
}

void TestRetryPolicy::scrubRemovesTokens()
{
    const QString text = HttpLog::scrub(QStringLiteral("failed with Bearer abc.def-123 and eyJa.eyJb.sig here"));
    QVERIFY(!text.contains(QLatin1String("abc.def-123")));
    QVERIFY(!text.contains(QLatin1String("eyJa.eyJb")));
    QVERIFY(text.contains(QLatin1String("here")));
}

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
