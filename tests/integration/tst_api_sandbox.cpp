// FabricClient against the real fabric-sandbox, in-process over loopback: every endpoint round
// trip on the seeded demo tenant (paging with small pages, long-running operations always on),
// and the reliability rules (named as in docs/reliability-matrix.md) checked on the sandbox's own
// request log with its fault injection.
// The sandbox runs at 100× and the client at 1/100, so protocol waits shrink alike.
#include "app/api/fabricrequests.h"
#include "app/workspacebrowser.h"
#include "models/workspacelistmodel.h"
#include "sandbox/fabricstate.h"
#include "tests/support/sandboxfixture.h"

#include <QLoggingCategory>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QUrlQuery>

#include <numeric>

using namespace fmc;
using namespace fmc::sandbox;
using namespace fmc::test;

Q_DECLARE_METATYPE(fmc::ApiError::Kind)

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
    void tablesPagingStaysPost();
    void transientFailureRetriesThatPageOnly();
    void repeatedTokenAborts();
    void tooManyPagesAbort();
    void redirects_data();
    void redirects();
    void noSecretInApiLogs();
    void workspaceRolesFromFilteredListings_data();
    void workspaceRolesFromFilteredListings();

private:
    template <typename R>
    typename R::Value run(R *request, ApiError *error = nullptr) { return m_fx.run(request, error); }
    QList<RequestLogEntry> apiLog() const { return m_fx.apiLog(); }
    QString workspaceWithMirrors() const { return m_fx.workspaceWithMirrors(); }

    SandboxFixture m_fx;
};

void TestApiSandbox::init()
{
    SandboxOptions options;
    options.speed = 100;
    options.pageSize = 2;
    options.lroMode = LroMode::Always;
    QVERIFY(m_fx.up(options));
}

void TestApiSandbox::cleanup()
{
    m_fx.down();
}

void TestApiSandbox::everyEndpointRoundTrip()
{
    ApiError error;
    const auto workspaces = run(new ListWorkspacesRequest(), &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString()));
    QCOMPARE(workspaces.size(), m_fx.sandbox->state()->workspaces().size());
    const QString ws = workspaceWithMirrors();
    QVERIFY(!ws.isEmpty());
    const Workspace info = run(new GetWorkspaceRequest(ws), &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString()));
    QCOMPARE(info.id, ws);

    const auto mirrors = run(new ListMirroredDatabasesRequest(ws), &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString()));
    QCOMPARE(mirrors.size(), m_fx.sandbox->state()->mirrors(ws).size());
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
    m_fx.client->sendPaged(request, m_fx.owner.get(), [&](const QList<Workspace> &page) { pages << page.size(); },
                        [&](const ApiResult<QList<Workspace>> &r) { done = r.error; });
    QTRY_VERIFY(done.has_value());
    QVERIFY2(!done->isError(), qPrintable(done->toLogString()));
    const qsizetype total = m_fx.sandbox->state()->workspaces().size();
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
    const QString db = m_fx.sandbox->state()->mirrors(ws).first()->id;
    FaultRule rule;
    rule.kind = FaultRule::Kind::Status;
    rule.operation = operation;
    rule.status = status;
    if (!retryAfter.isEmpty())
        rule.retryAfter = retryAfter;
    m_fx.sandbox->addFault(rule);
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
    const QString db = m_fx.sandbox->state()->mirrors(ws).first()->id;
    FaultRule rule;
    rule.kind = FaultRule::Kind::ForeignLocation;
    m_fx.sandbox->addFault(rule); // every Location and continuationUri points at 127.0.0.2
    ApiError error;
    run(new GetMirroredDatabaseDefinitionRequest(ws, db), &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString()));
    run(new ListMirroredDatabasesRequest(ws), &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString())); // continuationToken still works
    int foreignWithToken = 0;
    for (const RequestLogEntry &e : m_fx.sandbox->requestLog())
        foreignWithToken += e.localAddress == QHostAddress(QStringLiteral("127.0.0.2")) && e.hadAuthorization;
    QCOMPARE(foreignWithToken, 0);
}

void TestApiSandbox::revokedTokenIsRefreshedOnce()
{
    ApiError error;
    run(new ListCapacitiesRequest(), &error);
    QVERIFY(!error.isError());
    QCOMPARE(m_fx.tokens->tokenRequests, 1);
    m_fx.sandbox->clearRequestLog();
    m_fx.sandbox->revokeAllTokens();
    run(new GetWorkspaceRequest(workspaceWithMirrors()), &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString()));
    QCOMPARE(m_fx.tokens->tokenRequests, 2); // one refresh
    const auto log = apiLog();
    QCOMPARE(log.size(), 2);               // the 401 and the replay
    QCOMPARE(log[0].status, 401);
    QCOMPARE(log[1].status, 200);
}

void TestApiSandbox::activityFollowsTheQueue()
{
    // One slot: of three calls, one is on the wire and two wait, then all drain to idle.
    FabricClient::Config config = m_fx.client->config();
    config.maxInFlight = 1;
    auto *client = new FabricClient(config, m_fx.tokens.get(), m_fx.owner.get());
    QSignalSpy activity(client, &FabricClient::activityChanged);
    FaultRule slow;
    slow.kind = FaultRule::Kind::Latency;
    slow.latencyMs = 50;
    m_fx.sandbox->addFault(slow);
    int done = 0;
    for (int i = 0; i < 3; ++i)
        client->send(new ListCapacitiesRequest(), m_fx.owner.get(), [&](const auto &r) { done += !r.error.isError(); });
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

// Pagination — getTablesMirroringStatus pages by re-POSTing with ?continuationToken=.
void TestApiSandbox::tablesPagingStaysPost()
{
    const auto [ws, db] = m_fx.salesMirror();
    QVERIFY(!ws.isEmpty());
    QList<int> pages;
    auto outcome = std::make_shared<Outcome<GetTablesMirroringStatusRequest>>();
    m_fx.client->sendPaged(new GetTablesMirroringStatusRequest(ws, db), m_fx.owner.get(),
                           [&](const auto &page) { pages << int(page.size()); },
                           [outcome](const auto &r) { outcome->result = r; });
    QTRY_VERIFY(outcome->done());
    QVERIFY2(!outcome->error().isError(), qPrintable(outcome->error().toLogString()));
    QVERIFY2(pages.size() >= 2, qPrintable(QString::number(pages.size())));
    const auto log = m_fx.apiLog();
    QCOMPARE(log.size(), pages.size());
    for (qsizetype i = 0; i < log.size(); ++i) {
        QCOMPARE(log[i].method, QByteArray("POST"));
        QCOMPARE(log[i].operationId, QStringLiteral("Mirroring_GetTablesMirroringStatus"));
        QCOMPARE(log[i].pathAndQuery.contains(QLatin1String("?continuationToken=")), i > 0);
    }
}

// Pagination — a transient failure on page k retries page k only.
void TestApiSandbox::transientFailureRetriesThatPageOnly()
{
    int pages = 0;
    auto outcome = std::make_shared<Outcome<ListWorkspacesRequest>>();
    m_fx.client->sendPaged(new ListWorkspacesRequest(), m_fx.owner.get(),
                           [&](const QList<Workspace> &) {
                               if (++pages == 2) { // page 3 fails once
                                   FaultRule rule;
                                   rule.kind = FaultRule::Kind::Status;
                                   rule.operation = QStringLiteral("listWorkspaces");
                                   rule.status = 503;
                                   rule.count = 1;
                                   m_fx.sandbox->addFault(rule);
                               }
                           },
                           [outcome](const auto &r) { outcome->result = r; });
    QTRY_VERIFY(outcome->done());
    QVERIFY2(!outcome->error().isError(), qPrintable(outcome->error().toLogString()));
    QCOMPARE(outcome->result->value.size(), m_fx.sandbox->state()->workspaces().size());
    const auto log = m_fx.apiLog();
    QCOMPARE(log.size(), pages + 1);
    QCOMPARE(log[2].status, 503);
    QCOMPARE(log[3].pathAndQuery, log[2].pathAndQuery); // page 3 again, with the same token
    QSet<QString> distinct;
    for (const RequestLogEntry &e : log)
        distinct.insert(e.pathAndQuery);
    QCOMPARE(distinct.size(), pages); // page 1 (and every other page) asked for once
}

// Pagination — a service that hands back the token it was asked with is not followed forever.
void TestApiSandbox::repeatedTokenAborts()
{
    FaultRule rule;
    rule.kind = FaultRule::Kind::RepeatContinuation;
    rule.operation = QStringLiteral("listWorkspaces");
    m_fx.sandbox->addFault(rule);
    ApiError error;
    m_fx.run(new ListWorkspacesRequest(), &error);
    QCOMPARE(error.kind(), ApiError::Kind::PagingLoop);
    QCOMPARE(m_fx.apiLog().size(), 2); // page 1, then page 2 naming itself as next
}

// Pagination — more pages than the limit (default 1 000; one less than the workspaces need
// here, so that the sandbox need not serve a thousand pages on a shared machine) abort with
// PagingLoop after exactly that many.
void TestApiSandbox::tooManyPagesAbort()
{
    QCOMPARE(RetryPolicy().maxPages, 1000);
    const int pages = int(m_fx.sandbox->state()->workspaces().size() + 1) / 2; // pages of 2
    QVERIFY(pages >= 2);
    FabricClient *client = m_fx.makeClient([&](FabricClient::Config &c) { c.retry.maxPages = pages - 1; });
    ApiError error;
    m_fx.run(new ListWorkspacesRequest(), &error, client);
    QCOMPARE(error.kind(), ApiError::Kind::PagingLoop);
    QCOMPARE(m_fx.apiLog().size(), pages - 1);
}

// Token confinement — a 3xx to another origin is not followed (redirects are manual); one to the
// same origin is, with the token.
void TestApiSandbox::redirects_data()
{
    QTest::addColumn<bool>("foreign");
    QTest::addRow("to another origin: refused") << true;
    QTest::addRow("to the same origin: followed") << false;
}

void TestApiSandbox::redirects()
{
    QFETCH(bool, foreign);
    FaultRule rule;
    rule.kind = FaultRule::Kind::Redirect;
    rule.operation = QStringLiteral("getWorkspace");
    rule.status = 307;
    rule.count = 1;
    if (!foreign)
        rule.foreignBaseUrl = m_fx.sandbox->serverUrl();
    m_fx.sandbox->addFault(rule);
    const QString ws = m_fx.workspaceWithMirrors();
    ApiError error;
    const Workspace got = m_fx.run(new GetWorkspaceRequest(ws), &error);
    const auto log = m_fx.apiLog();
    if (foreign) {
        QCOMPARE(error.kind(), ApiError::Kind::InvalidUrl);
        QCOMPARE(log.size(), 1);
    } else {
        QVERIFY2(!error.isError(), qPrintable(error.toLogString()));
        QCOMPARE(got.id, ws);
        QCOMPARE(log.size(), 2);
    }
    QCOMPARE(log[0].status, 307);
    for (const RequestLogEntry &e : log) {
        QCOMPARE(e.localAddress, QHostAddress(QHostAddress::LocalHost));
        QVERIFY(e.hadAuthorization);
    }
}

// No secrets in logs or on disk, for the API layer: with every fmc category at debug, neither an
// access token (first and refreshed) nor a continuation token (the sandbox makes them long,
// recognisable canaries) appears in any log line, although the URLs that carried them were logged.
namespace {
QStringList g_logLines;
void captureLog(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    g_logLines << QString::fromLatin1(context.category ? context.category : "") + QLatin1Char(' ') + message;
}
QLoggingCategory::CategoryFilter g_previousFilter = nullptr;
//! Every fmc category at every level, whatever QT_LOGGING_RULES says (ctest turns debug off).
void verboseFmc(QLoggingCategory *category)
{
    if (g_previousFilter)
        g_previousFilter(category);
    if (qstrncmp(category->categoryName(), "fmc", 3) == 0)
        for (QtMsgType type : {QtDebugMsg, QtInfoMsg, QtWarningMsg, QtCriticalMsg})
            category->setEnabled(type, true);
}
} // namespace

void TestApiSandbox::noSecretInApiLogs()
{
    g_logLines.clear();
    g_previousFilter = QLoggingCategory::installFilter(verboseFmc);
    const QtMessageHandler previous = qInstallMessageHandler(captureLog);
    auto restore = std::make_unique<QScopeGuard<std::function<void()>>>([previous] {
        qInstallMessageHandler(previous);
        QLoggingCategory::installFilter(g_previousFilter);
    });
    ApiError error;
    run(new ListWorkspacesRequest(), &error); // several pages
    QVERIFY2(!error.isError(), qPrintable(error.toLogString()));
    m_fx.sandbox->revokeAllTokens(); // a 401, a refresh, a replay
    run(new ListCapacitiesRequest(), &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString()));
    restore.reset(); // stop capturing before looking

    QStringList canaries = m_fx.tokens->issued;
    QCOMPARE(canaries.size(), 2);
    for (const RequestLogEntry &e : m_fx.sandbox->requestLog()) {
        const QUrlQuery query(QUrl(e.pathAndQuery).query());
        const QString token = query.queryItemValue(QStringLiteral("continuationToken"), QUrl::FullyDecoded);
        if (!token.isEmpty())
            canaries << token;
    }
    QVERIFY(canaries.size() >= 2 + 2); // two access tokens, at least two continuation tokens
    const QString all = g_logLines.join(QLatin1Char('\n'));
    QVERIFY(all.contains(QLatin1String("continuationToken=")));  // the paged URLs were logged...
    QVERIFY(all.contains(QLatin1String("REDACTED")));           // ...with their values redacted
    for (const QString &canary : std::as_const(canaries)) {
        QVERIFY(canary.size() >= 16);
        QVERIFY2(!all.contains(canary), qPrintable(canary.left(6) + QStringLiteral("... leaked")));
    }
}

void TestApiSandbox::workspaceRolesFromFilteredListings_data()
{
    QTest::addColumn<bool>("roleListingFails");
    QTest::newRow("listed") << false;
    QTest::newRow("a role listing fails") << true;
}

void TestApiSandbox::workspaceRolesFromFilteredListings()
{
    // WorkspaceBrowser learns the caller's role in each workspace from GET /workspaces?roles=
    // (Workspace has no role field): the plain listing, then Admin, Member and Contributor, each
    // paged (two per page here); a workspace in none of them is a Viewer's.
    QFETCH(bool, roleListingFails);
    WorkspaceBrowser browser(m_fx.client);
    QSignalSpy roles(&browser, &WorkspaceBrowser::rolesLoaded);
    if (roleListingFails) {
        // Once the plain listing is in: the first filtered one is refused (400: not retried).
        connect(&browser, &WorkspaceBrowser::workspacesLoaded, this, [this] {
            FaultRule fault;
            fault.kind = FaultRule::Kind::Status;
            fault.operation = QStringLiteral("Workspaces_ListWorkspaces");
            fault.status = 400;
            fault.errorCode = QStringLiteral("InvalidParameter");
            fault.count = 1;
            m_fx.sandbox->addFault(fault);
        });
    }
    browser.reloadWorkspaces();
    QVERIFY(roles.wait(10000));
    const auto &workspaces = m_fx.sandbox->state()->workspaces();
    QCOMPARE(browser.workspaces()->rowCount(), int(workspaces.size()));
    int viewers = 0;
    for (const auto &ws : workspaces) {
        const WorkspaceRole role = browser.workspaces()->role(ws.id);
        // A failed listing leaves every role Unknown: nothing is concluded from absence.
        QCOMPARE(workspaceRoleName(role), roleListingFails ? QString() : ws.role);
        const int row = browser.workspaces()->rowOfKey(ws.id);
        QCOMPARE(browser.workspaces()->index(row, WorkspaceListModel::Role).data().toString(), workspaceRoleName(role));
        viewers += ws.role == QLatin1String("Viewer") ? 1 : 0;
    }
    QVERIFY(viewers > 0); // the demo tenant has a workspace the caller only views
    // The first page of each listing: the plain one and one per role asked, never Viewer.
    QStringList firstPages;
    for (const auto &entry : apiLog()) {
        if (entry.operationId == QLatin1String("Workspaces_ListWorkspaces")
            && !entry.pathAndQuery.contains(QLatin1String("continuationToken")))
            firstPages << QUrlQuery(QUrl(entry.pathAndQuery).query()).queryItemValue(QStringLiteral("roles"));
    }
    QCOMPARE(firstPages, roleListingFails ? QStringList({QString(), QStringLiteral("Admin")})
                                          : QStringList({QString(), QStringLiteral("Admin"), QStringLiteral("Member"),
                                                         QStringLiteral("Contributor")}));
}

QTEST_GUILESS_MAIN(TestApiSandbox)
#include "tst_api_sandbox.moc"
