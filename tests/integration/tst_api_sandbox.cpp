// FabricClient against the real fabric-sandbox, in-process over loopback: every endpoint round
// trip on the seeded demo tenant (paging with small pages, long-running operations always on),
// and the reliability rules checked on the sandbox's own request log with its fault injection.
// The sandbox runs at 100× and the client at 1/100, so protocol waits shrink alike.
#include "app/api/fabricclient.h"
#include "app/api/fabricrequests.h"
#include "app/auth/accesstokensource.h"
#include "sandbox/entra/entraemulator.h"
#include "sandbox/fabricstate.h"
#include "sandbox/sandbox.h"

#include <QNetworkAccessManager>
#include <numeric>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace fmc;
using namespace fmc::sandbox;

Q_DECLARE_METATYPE(fmc::ApiError::Kind)

namespace {

//! Signs in as the sandbox's built-in service principal (client credentials) on every forced
//! refresh; a trivial AccessTokenSource so that this suite does not depend on app/auth.
class SandboxTokenSource : public AccessTokenSource
{
public:
    SandboxTokenSource(const QUrl &tokenUrl, QObject *parent = nullptr)
        : AccessTokenSource(parent)
        , m_tokenUrl(tokenUrl)
    {
    }

    void requestToken(bool forceRefresh, QObject *context, Callback callback) override
    {
        if (!m_token.isEmpty() && !forceRefresh) {
            QTimer::singleShot(0, context, [callback, token = m_token] { callback({token, {}, {}, {}}); });
            return;
        }
        ++tokenRequests;
        QNetworkRequest request(m_tokenUrl);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/x-www-form-urlencoded"));
        QUrlQuery form;
        form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("client_credentials"));
        form.addQueryItem(QStringLiteral("client_id"), EntraEmulator::defaultClientId());
        form.addQueryItem(QStringLiteral("client_secret"), EntraEmulator::defaultClientSecret());
        form.addQueryItem(QStringLiteral("scope"), QStringLiteral("https://api.fabric.microsoft.com/.default"));
        QNetworkReply *reply = m_nam.post(request, form.toString(QUrl::FullyEncoded).toLatin1());
        connect(reply, &QNetworkReply::finished, context, [this, reply, callback] {
            reply->deleteLater();
            AccessTokenResult result;
            if (auto json = parseJson(reply->readAll()); json && json->contains("access_token"))
                result.accessToken = toQString((*json)["access_token"].get<std::string>());
            else
                result.errorCode = QStringLiteral("invalid_grant");
            m_token = result.accessToken;
            callback(result);
        });
    }

    int tokenRequests = 0;

private:
    QUrl m_tokenUrl;
    QString m_token;
    QNetworkAccessManager m_nam;
};

template <typename R>
struct Outcome {
    std::optional<ApiResult<typename R::Value>> result;
    bool done() const { return result.has_value(); }
};

} // namespace

class TestApiSandbox : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void everyEndpointRoundTrip();
    void pagingAcrossPages();
    void retriesOnTheRequestLog_data();
    void retriesOnTheRequestLog();
    void foreignLocationGetsNoToken();
    void revokedTokenIsRefreshedOnce();
    void activityFollowsTheQueue();

private:
    template <typename R>
    typename R::Value run(R *request, ApiError *error = nullptr);
    QList<RequestLogEntry> apiLog() const;
    QString workspaceWithMirrors();

    std::unique_ptr<Sandbox> m_sandbox;
    std::unique_ptr<SandboxTokenSource> m_tokens;
    FabricClient *m_client = nullptr;
    std::unique_ptr<QObject> m_owner;
};

void TestApiSandbox::init()
{
    SandboxOptions options;
    options.speed = 100;
    options.pageSize = 2;
    options.lroMode = LroMode::Always;
    m_sandbox = std::make_unique<Sandbox>(options);
    QVERIFY(m_sandbox->listen(QHostAddress::LocalHost) > 0);
    QVERIFY(m_sandbox->listen(QHostAddress(QStringLiteral("127.0.0.2"))) > 0); // the "foreign host"
    const QUrl server = m_sandbox->serverUrl();
    m_tokens = std::make_unique<SandboxTokenSource>(
        QUrl(server.toString() + QStringLiteral("/%1/oauth2/v2.0/token").arg(m_sandbox->entra()->tenantId())));
    m_owner = std::make_unique<QObject>();
    FabricClient::Config config;
    config.apiBaseUrl = QUrl(server.toString() + QStringLiteral("/v1"));
    config.timeScale = 0.01;
    config.seed = 1;
    m_client = new FabricClient(config, m_tokens.get(), m_owner.get());
}

void TestApiSandbox::cleanup()
{
    m_owner.reset();
    m_tokens.reset();
    m_sandbox.reset();
}

template <typename R>
typename R::Value TestApiSandbox::run(R *request, ApiError *error)
{
    auto outcome = std::make_shared<Outcome<R>>();
    m_client->send(request, m_owner.get(), [outcome](const ApiResult<typename R::Value> &r) { outcome->result = r; });
    if (!QTest::qWaitFor([&] { return outcome->done(); }, 10000)) {
        if (error)
            *error = ApiError(ApiError::Kind::Timeout, QStringLiteral("test timeout"));
        return {};
    }
    if (error)
        *error = outcome->result->error;
    return outcome->result->value;
}

QList<RequestLogEntry> TestApiSandbox::apiLog() const
{
    QList<RequestLogEntry> api;
    for (const RequestLogEntry &e : m_sandbox->requestLog())
        if (e.pathAndQuery.startsWith(QLatin1String("/v1/")))
            api << e;
    return api;
}

QString TestApiSandbox::workspaceWithMirrors()
{
    QString best;
    qsizetype most = 0;
    for (const auto &ws : m_sandbox->state()->workspaces()) {
        const qsizetype n = m_sandbox->state()->mirrors(ws.id).size();
        if (n > most && m_sandbox->state()->workspaceActive(ws)) {
            most = n;
            best = ws.id;
        }
    }
    return best;
}

void TestApiSandbox::everyEndpointRoundTrip()
{
    ApiError error;
    const auto workspaces = run(new ListWorkspacesRequest(), &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString()));
    QCOMPARE(workspaces.size(), m_sandbox->state()->workspaces().size());
    const QString ws = workspaceWithMirrors();
    QVERIFY(!ws.isEmpty());
    const Workspace info = run(new GetWorkspaceRequest(ws), &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString()));
    QCOMPARE(info.id, ws);

    const auto mirrors = run(new ListMirroredDatabasesRequest(ws), &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString()));
    QCOMPARE(mirrors.size(), m_sandbox->state()->mirrors(ws).size());
    const QString db = mirrors.first().id;
    const MirroredDatabase got = run(new GetMirroredDatabaseRequest(ws, db), &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString()));
    QCOMPARE(got.id, db);
    run(new GetMirroringStatusRequest(ws, db), &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString()));
    run(new GetTablesMirroringStatusRequest(ws, db), &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString()));

    // getDefinition and updateDefinition are long-running here (LroMode::Always).
    const ItemDefinition definition = run(new GetMirroredDatabaseDefinitionRequest(ws, db), &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString()));
    const auto mirroring = definition.mirroringDefinition();
    QVERIFY(mirroring.has_value());
    const ItemDefinition onlyMirroring = ItemDefinition::fromMirroringDefinition(*mirroring);
    run(new UpdateMirroredDatabaseDefinitionRequest(ws, db, onlyMirroring), &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString()));

    const MirroredDatabase created = run(new CreateMirroredDatabaseRequest(ws, QStringLiteral("api-test"), onlyMirroring), &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString()));
    QVERIFY(!created.id.isEmpty());
    const MirroredDatabase renamed = run(new UpdateMirroredDatabaseRequest(ws, created.id, QStringLiteral("api-test-2")), &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString()));
    QCOMPARE(renamed.displayName, QStringLiteral("api-test-2"));

    // Start once provisioning is over (Initializing → Initialized), stop once it runs.
    auto waitFor = [&](MirroringStatus wanted) {
        return QTest::qWaitFor([&] {
            const MirroringStatusResponse s = run(new GetMirroringStatusRequest(ws, created.id), &error);
            return !error.isError() && s.status == wanted;
        }, 5000);
    };
    QVERIFY(waitFor(MirroringStatus::Initialized));
    run(new StartMirroringRequest(ws, created.id), &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString()));
    QVERIFY(waitFor(MirroringStatus::Running));
    run(new StopMirroringRequest(ws, created.id), &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString()));

    run(new DeleteMirroredDatabaseRequest(ws, created.id, true), &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString()));
    run(new GetMirroredDatabaseRequest(ws, created.id), &error);
    QCOMPARE(error.kind(), ApiError::Kind::NotFound);
    QVERIFY(!error.requestId().isEmpty());

    run(new ListConnectionsRequest(), &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString()));
    run(new ListCapacitiesRequest(), &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString()));

    for (const RequestLogEntry &e : apiLog()) {
        QVERIFY(e.hadAuthorization);
        QCOMPARE(e.localAddress, QHostAddress(QHostAddress::LocalHost));
    }
}

void TestApiSandbox::pagingAcrossPages()
{
    auto *request = new ListWorkspacesRequest();
    QList<qsizetype> pages;
    std::optional<ApiError> done;
    m_client->sendPaged(request, m_owner.get(), [&](const QList<Workspace> &page) { pages << page.size(); },
                        [&](const ApiResult<QList<Workspace>> &r) { done = r.error; });
    QTRY_VERIFY(done.has_value());
    QVERIFY2(!done->isError(), qPrintable(done->toLogString()));
    const qsizetype total = m_sandbox->state()->workspaces().size();
    QVERIFY(total > 2);
    QCOMPARE(pages.size(), (total + 1) / 2);
    QCOMPARE(std::accumulate(pages.begin(), pages.end(), qsizetype(0)), total);
    const auto log = apiLog();
    QCOMPARE(log.size(), pages.size());
    for (qsizetype i = 1; i < log.size(); ++i) {
        QVERIFY(log[i].pathAndQuery.contains(QLatin1String("continuationToken=")));
        QCOMPARE(log[i].clientRequestId, log[0].clientRequestId);
    }
}

void TestApiSandbox::retriesOnTheRequestLog_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<int>("requests");
    QTest::addColumn<ApiError::Kind>("kind");
    using K = ApiError::Kind;
    QTest::addRow("503 on status: 4 requests") << "getMirroringStatus" << 503 << QByteArray() << 4 << K::ServerError;
    QTest::addRow("503 on start: 1 request") << "startMirroring" << 503 << QByteArray() << 1 << K::OutcomeUnknown;
    QTest::addRow("429 Retry-After 300: 1 request") << "getMirroringStatus" << 429 << QByteArray("300") << 1 << K::Throttled;
    QTest::addRow("429 Retry-After 1 on stop: re-sent") << "stopMirroring" << 429 << QByteArray("1") << 4 << K::Throttled;
    QTest::addRow("404 once") << "getMirroredDatabase" << 404 << QByteArray() << 1 << K::NotFound;
}

void TestApiSandbox::retriesOnTheRequestLog()
{
    QFETCH(QString, operation);
    QFETCH(int, status);
    QFETCH(QByteArray, retryAfter);
    QFETCH(int, requests);
    QFETCH(ApiError::Kind, kind);
    const QString ws = workspaceWithMirrors();
    QVERIFY(!ws.isEmpty());
    const QString db = m_sandbox->state()->mirrors(ws).first()->id;
    FaultRule rule;
    rule.kind = FaultRule::Kind::Status;
    rule.operation = operation;
    rule.status = status;
    if (!retryAfter.isEmpty())
        rule.retryAfter = retryAfter;
    m_sandbox->addFault(rule);
    ApiError error;
    if (operation == QLatin1String("startMirroring"))
        run(new StartMirroringRequest(ws, db), &error);
    else if (operation == QLatin1String("stopMirroring"))
        run(new StopMirroringRequest(ws, db), &error);
    else if (operation == QLatin1String("getMirroredDatabase"))
        run(new GetMirroredDatabaseRequest(ws, db), &error);
    else
        run(new GetMirroringStatusRequest(ws, db), &error);
    QCOMPARE(error.kind(), kind);
    QCOMPARE(error.httpStatus(), status);
    const auto log = apiLog();
    QCOMPARE(log.size(), requests);
    for (const RequestLogEntry &e : log)
        QCOMPARE(e.clientRequestId, log.first().clientRequestId);
    if (status == 429 && retryAfter == "300")
        QCOMPARE(error.retryAfter().value(), std::chrono::milliseconds(300'000));
    if (status == 429 && retryAfter == "1")
        for (qsizetype i = 1; i < log.size(); ++i) // Retry-After 1 s honoured on the sandbox clock (100×)
            QVERIFY2(log[i].receivedMs - log[i - 1].receivedMs >= 900,
                     qPrintable(QString::number(log[i].receivedMs - log[i - 1].receivedMs)));
}

void TestApiSandbox::foreignLocationGetsNoToken()
{
    const QString ws = workspaceWithMirrors();
    QVERIFY(!ws.isEmpty());
    const QString db = m_sandbox->state()->mirrors(ws).first()->id;
    FaultRule rule;
    rule.kind = FaultRule::Kind::ForeignLocation;
    m_sandbox->addFault(rule); // every Location and continuationUri points at 127.0.0.2
    ApiError error;
    run(new GetMirroredDatabaseDefinitionRequest(ws, db), &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString()));
    run(new ListMirroredDatabasesRequest(ws), &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString())); // continuationToken still works
    int foreignWithToken = 0;
    for (const RequestLogEntry &e : m_sandbox->requestLog())
        foreignWithToken += e.localAddress == QHostAddress(QStringLiteral("127.0.0.2")) && e.hadAuthorization;
    QCOMPARE(foreignWithToken, 0);
}

void TestApiSandbox::revokedTokenIsRefreshedOnce()
{
    ApiError error;
    run(new ListCapacitiesRequest(), &error);
    QVERIFY(!error.isError());
    QCOMPARE(m_tokens->tokenRequests, 1);
    m_sandbox->clearRequestLog();
    m_sandbox->revokeAllTokens();
    run(new GetWorkspaceRequest(workspaceWithMirrors()), &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString()));
    QCOMPARE(m_tokens->tokenRequests, 2); // one refresh
    const auto log = apiLog();
    QCOMPARE(log.size(), 2);               // the 401 and the replay
    QCOMPARE(log[0].status, 401);
    QCOMPARE(log[1].status, 200);
}

void TestApiSandbox::activityFollowsTheQueue()
{
    // One slot: of three calls, one is on the wire and two wait, then all drain to idle.
    FabricClient::Config config = m_client->config();
    config.maxInFlight = 1;
    auto *client = new FabricClient(config, m_tokens.get(), m_owner.get());
    QSignalSpy activity(client, &FabricClient::activityChanged);
    FaultRule slow;
    slow.kind = FaultRule::Kind::Latency;
    slow.latencyMs = 50;
    m_sandbox->addFault(slow);
    int done = 0;
    for (int i = 0; i < 3; ++i)
        client->send(new ListCapacitiesRequest(), m_owner.get(), [&](const auto &r) { done += !r.error.isError(); });
    QTRY_COMPARE(done, 3);
    QTRY_VERIFY(!activity.isEmpty() && activity.last() == QVariantList({0, 0}));
    int maxInFlight = 0;
    QVariantList previous{0, 0};
    QList<QVariantList> seen;
    for (const QVariantList &args : std::as_const(activity)) {
        QVERIFY2(args != previous, "emitted without a change");
        previous = args;
        seen << args;
        maxInFlight = std::max(maxInFlight, args[0].toInt());
    }
    QCOMPARE(maxInFlight, 1);
    // The queue drains one by one while the single slot is busy.
    for (int queued : {2, 1, 0})
        QVERIFY2(seen.contains(QVariantList({1, queued})), qPrintable(QString::number(queued)));
    QCOMPARE(client->inFlightCount(), 0);
    QCOMPARE(client->queuedCount(), 0);
    QCOMPARE(apiLog().size(), 3);
}

QTEST_GUILESS_MAIN(TestApiSandbox)
#include "tst_api_sandbox.moc"
