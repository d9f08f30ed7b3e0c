// fabric-sandbox's fault injection, request log, admin endpoint and state file, over real HTTP
// on loopback: what the client's reliability tests rely on.
#include "tests/support/sandboxhttpfixture.h"

#include "sandbox/fabricstate.h"
#include "sandbox/entra/entraemulator.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace fmc;
using namespace fmc::sandbox;
using namespace fmc::test;

class TestSandboxFaults : public SandboxHttpFixture
{
    Q_OBJECT

private:
    QString opsMirror() { return mirrorPath(QStringLiteral("Operations"), QStringLiteral("OpsMirror")); }
    static FaultRule rule(FaultRule::Kind kind, const QString &operation = {})
    {
        FaultRule r;
        r.kind = kind;
        r.operation = operation;
        return r;
    }

private Q_SLOTS:
    void init() { start(); }
    void cleanup() { stop(); }

    void statusFault_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("errorCode");
        QTest::addColumn<QByteArray>("retryAfter"); // "-" = unset
        QTest::addColumn<qint64>("retryAfterMs");    // -1 = unset
        QTest::addColumn<QByteArray>("expectedRetryAfter");
        QTest::newRow("429 default") << 429 << "" << QByteArray("-") << qint64(-1) << QByteArray("1");
        QTest::newRow("429 300 s") << 429 << "" << QByteArray("300") << qint64(-1) << QByteArray("300");
        QTest::newRow("429 no header") << 429 << "" << QByteArray("") << qint64(-1) << QByteArray();
        QTest::newRow("503 HTTP-date") << 503 << "" << QByteArray("Wed, 21 Oct 2026 07:28:00 GMT") << qint64(-1)
                                       << QByteArray("Wed, 21 Oct 2026 07:28:00 GMT");
        QTest::newRow("503 ms headers") << 503 << "" << QByteArray("2") << qint64(250) << QByteArray("2");
        QTest::newRow("500") << 500 << "" << QByteArray("-") << qint64(-1) << QByteArray();
        QTest::newRow("502") << 502 << "" << QByteArray("-") << qint64(-1) << QByteArray();
        QTest::newRow("504") << 504 << "" << QByteArray("-") << qint64(-1) << QByteArray();
        QTest::newRow("408") << 408 << "" << QByteArray("-") << qint64(-1) << QByteArray();
        QTest::newRow("401 TokenExpired") << 401 << "TokenExpired" << QByteArray("-") << qint64(-1) << QByteArray();
        QTest::newRow("400 custom code") << 400 << "InvalidRequest" << QByteArray("-") << qint64(-1) << QByteArray();
    }
    void statusFault()
    {
        QFETCH(int, status);
        QFETCH(QString, errorCode);
        QFETCH(QByteArray, retryAfter);
        QFETCH(qint64, retryAfterMs);
        QFETCH(QByteArray, expectedRetryAfter);
        FaultRule fault = rule(FaultRule::Kind::Status, QStringLiteral("startMirroring"));
        fault.status = status;
        fault.errorCode = errorCode;
        if (retryAfter != "-")
            fault.retryAfter = retryAfter;
        if (retryAfterMs >= 0)
            fault.retryAfterMs = retryAfterMs;
        m_sandbox->addFault(fault);
        const QString m = opsMirror();
        const auto r = m_http->post(m + "/startMirroring");
        QCOMPARE(r.status, status);
        QCOMPARE(r.header("Retry-After"), expectedRetryAfter);
        QCOMPARE(r.hasHeader("x-ms-retry-after-ms"), retryAfterMs >= 0);
        if (retryAfterMs >= 0)
            QCOMPARE(r.header("retry-after-ms"), QByteArray::number(retryAfterMs));
        QVERIFY(!r.errorCode().isEmpty());
        if (!errorCode.isEmpty())
            QCOMPARE(r.errorCode(), errorCode);
        QVERIFY(r.json().contains("requestId"));
        QCOMPARE(r.json().value("isRetriable", false), status == 429 || status == 408 || status >= 500);
        QCOMPARE(r.hasHeader("WWW-Authenticate"), status == 401);
        // The faulted request did nothing.
        QCOMPARE(mirrorStatus(m), QStringLiteral("Initialized"));
        const auto log = m_sandbox->requestLog();
        QCOMPARE(log.first().status, status);
        QCOMPARE(log.first().fault, QStringLiteral("status"));
    }

    void countAndProbability()
    {
        FaultRule fault = rule(FaultRule::Kind::Status, QStringLiteral("Mirroring_GetMirroringStatus"));
        fault.count = 2;
        m_sandbox->addFault(fault);
        FaultRule never = rule(FaultRule::Kind::Status, QStringLiteral("getMirroringStatus"));
        never.probability = 0;
        m_sandbox->addFault(never);
        const QString m = opsMirror();
        QCOMPARE(m_http->post(m + "/getMirroringStatus").status, 503);
        QCOMPARE(m_http->post(m + "/getMirroringStatus").status, 503);
        QCOMPARE(m_http->post(m + "/getMirroringStatus").status, 200);
        QCOMPARE(m_sandbox->faults().size(), 1); // the used-up rule is gone
    }

    void matching_data()
    {
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<bool>("tablesHit");
        QTest::addColumn<bool>("statusHit");
        QTest::addColumn<bool>("workspacesHit");
        QTest::newRow("global") << QString() << QString() << QByteArray() << true << true << true;
        QTest::newRow("operation short name") << "getTablesMirroringStatus" << QString() << QByteArray() << true << false << false;
        QTest::newRow("operationId") << "Mirroring_GetMirroringStatus" << QString() << QByteArray() << false << true << false;
        QTest::newRow("path pattern") << QString() << "/get\\w*MirroringStatus$" << QByteArray() << true << true << false;
        QTest::newRow("method") << QString() << QString() << QByteArray("GET") << false << false << true;
    }
    void matching()
    {
        QFETCH(QString, operation);
        QFETCH(QString, path);
        QFETCH(QByteArray, method);
        QFETCH(bool, tablesHit);
        QFETCH(bool, statusHit);
        QFETCH(bool, workspacesHit);
        FaultRule fault = rule(FaultRule::Kind::Status, operation);
        fault.pathPattern = path;
        fault.method = method;
        m_sandbox->addFault(fault);
        const QString m = opsMirror();
        QCOMPARE(m_http->post(m + "/getTablesMirroringStatus").status == 503, tablesHit);
        QCOMPARE(m_http->post(m + "/getMirroringStatus").status == 503, statusHit);
        QCOMPARE(m_http->get("/v1/workspaces").status == 503, workspacesHit);
        // Admin calls are never faulted.
        QCOMPARE(m_http->get("/_sandbox/faults").status, 200);
    }

    void transport_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<bool>("processed");
        QTest::newRow("drop") << int(FaultRule::Kind::Drop) << false;
        QTest::newRow("reset after part of the body") << int(FaultRule::Kind::Reset) << true;
        QTest::newRow("short body then close") << int(FaultRule::Kind::ShortBody) << true;
    }
    void transport()
    {
        QFETCH(int, kind);
        QFETCH(bool, processed);
        // getDefinition has a body to cut; startMirroring shows whether the request was processed.
        m_sandbox->setLroMode(LroMode::Never);
        // Unlimited: QNetworkAccessManager itself resends a request whose connection closed
        // before any response byte, so a one-shot drop would be hidden from the caller.
        const int id = m_sandbox->addFault(rule(FaultRule::Kind(kind)));
        const QString m = opsMirror();
        auto r = m_http->post(m + "/getDefinition");
        QVERIFY2(r.error != QNetworkReply::NoError, r.body.constData());
        QCOMPARE(m_sandbox->requestLog().first().fault, FaultRule::kindToString(FaultRule::Kind(kind)));
        r = m_http->post(m + "/startMirroring");
        QVERIFY(r.error != QNetworkReply::NoError);
        m_sandbox->removeFault(id);
        QCOMPARE(mirrorStatus(m), processed ? QStringLiteral("Starting") : QStringLiteral("Initialized"));
    }

    void stall()
    {
        m_sandbox->addFault(rule(FaultRule::Kind::Stall, QStringLiteral("getMirroringStatus")));
        const auto r = m_http->call("POST", opsMirror() + "/getMirroringStatus", {}, {}, 300);
        QVERIFY(r.error == QNetworkReply::OperationCanceledError || r.error == QNetworkReply::TimeoutError);
        QCOMPARE(m_sandbox->requestLog().first().status, 0);
        QCOMPARE(m_sandbox->requestLog().first().fault, QStringLiteral("stall"));
    }

    void latency()
    {
        FaultRule fault = rule(FaultRule::Kind::Latency);
        fault.latencyMs = 300;
        m_sandbox->addFault(fault);
        QElapsedTimer timer;
        timer.start();
        const auto r = m_http->get("/v1/workspaces");
        QCOMPARE(r.status, 200);
        QVERIFY(timer.elapsed() >= 290);
    }

    void malformedJson()
    {
        m_sandbox->addFault(rule(FaultRule::Kind::MalformedJson, QStringLiteral("getTablesMirroringStatus")));
        const auto r = m_http->post(mirrorPath(QStringLiteral("Sales Analytics"), QStringLiteral("SalesMirror")) + "/getTablesMirroringStatus");
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("Content-Type").startsWith("application/json"));
        QVERIFY(!parseJson(r.body));
        QCOMPARE(r.header("Content-Length"), QByteArray::number(r.body.size()));
    }

    void foreignLocation()
    {
        const quint16 foreignPort = m_sandbox->listen(QHostAddress(QStringLiteral("127.0.0.2")), 0);
        QVERIFY(foreignPort);
        m_sandbox->setLroMode(LroMode::Always);
        m_sandbox->addFault(rule(FaultRule::Kind::ForeignLocation));
        const auto accepted = m_http->post(opsMirror() + "/getDefinition");
        QCOMPARE(accepted.status, 202);
        const QUrl location(QString::fromLatin1(accepted.header("Location")));
        QCOMPARE(location.host(), QStringLiteral("127.0.0.2"));
        QCOMPARE(location.port(), int(foreignPort));
        // The foreign listener is the same sandbox: what reaches it is logged with its address.
        m_sandbox->clearFaults();
        m_sandbox->clearRequestLog();
        QCOMPARE(m_http->get(location.toString()).status, 200);
        QCOMPARE(m_sandbox->requestLog().first().localAddress, QHostAddress(QStringLiteral("127.0.0.2")));
        QCOMPARE(m_sandbox->requestLog().first().hadAuthorization, false);

        SandboxOptions options;
        options.pageSize = 1;
        start(options);
        FaultRule fault = rule(FaultRule::Kind::ForeignLocation);
        fault.foreignBaseUrl = QUrl(QStringLiteral("https://elsewhere.example:9443"));
        m_sandbox->addFault(fault);
        const QUrl next(toQString(m_http->get("/v1/workspaces").json().at("continuationUri").get<std::string>()));
        QCOMPARE(next.host(), QStringLiteral("elsewhere.example"));
        QCOMPARE(next.port(), 9443);
        QCOMPARE(next.path(), QStringLiteral("/v1/workspaces"));
    }

    void failOperation()
    {
        m_sandbox->setLroMode(LroMode::Never); // the fault forces a long-running answer anyway
        m_sandbox->addFault(rule(FaultRule::Kind::FailOperation, QStringLiteral("getDefinition")));
        const auto accepted = m_http->post(opsMirror() + "/getDefinition");
        QCOMPARE(accepted.status, 202);
        m_sandbox->advanceClock(m_sandbox->options().lroDurationMs);
        const QString op = QStringLiteral("/v1/operations/") + QString::fromLatin1(accepted.header("x-ms-operation-id"));
        const Json state = m_http->get(op).json();
        QCOMPARE(state.at("status").get<std::string>(), "Failed");
        QVERIFY(state.at("error").contains("errorCode"));
        QCOMPARE(m_http->get(op + "/result").errorCode(), QStringLiteral("OperationFailed"));
    }

    void requestLog()
    {
        QSignalSpy finished(m_sandbox.get(), &Sandbox::requestFinished);
        const auto r = m_http->call("POST", opsMirror() + "/getMirroringStatus?x=1", "{}",
                                    {{"x-ms-client-request-id", "abc-123"}, {"Authorization", "Bearer not-checked"}});
        QCOMPARE(r.status, 200);
        QCOMPARE(finished.count(), 1);
        const auto entry = m_sandbox->requestLog().first();
        QCOMPARE(entry.method, QByteArray("POST"));
        QCOMPARE(entry.pathAndQuery, opsMirror() + "/getMirroringStatus?x=1");
        QCOMPARE(entry.operationId, QStringLiteral("Mirroring_GetMirroringStatus"));
        QCOMPARE(entry.status, 200);
        QVERIFY(entry.hadAuthorization);
        QCOMPARE(entry.clientRequestId, QByteArray("abc-123"));
        QCOMPARE(entry.requestId.toLatin1(), r.header("RequestId"));
        QCOMPARE(entry.localAddress, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(int(entry.localPort), m_sandbox->serverUrl().port());
        QCOMPARE(entry.bodySize, 2);
        QVERIFY(entry.receivedUtc.isValid());
        m_http->get("/_sandbox/log"); // admin calls are not logged
        QCOMPARE(m_sandbox->requestLog().size(), 1);
        m_sandbox->clearRequestLog();
        QCOMPARE(m_sandbox->requestLog().size(), 0);
    }

    void adminEndpoint()
    {
        const QString m = opsMirror();
        auto r = m_http->post("/_sandbox/faults", R"({"kind":"status","status":429,"operation":"getMirroringStatus","retryAfter":7,"count":1})");
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json().at("ids").size(), size_t(1));
        QCOMPARE(m_http->get("/_sandbox/faults").json().at("faults").size(), size_t(1));
        r = m_http->post(m + "/getMirroringStatus");
        QCOMPARE(r.status, 429);
        QCOMPARE(r.header("Retry-After"), QByteArray("7"));
        QCOMPARE(m_http->post("/_sandbox/faults", R"({"kind":"explode"})").status, 400);
        QCOMPARE(m_http->post("/_sandbox/faults", R"([{"status":500},{"kind":"latency","latencyMs":1}])").status, 201);
        QCOMPARE(m_http->call("DELETE", "/_sandbox/faults/" + QString::number(m_sandbox->faults().first().id)).status, 200);
        QCOMPARE(m_http->call("DELETE", "/_sandbox/faults").status, 200);
        QVERIFY(m_sandbox->faults().isEmpty());

        const qint64 before = m_sandbox->clock()->nowMSecsSinceStart();
        QCOMPARE(m_http->post("/_sandbox/clock/advance", R"({"seconds":3600})").status, 200);
        QVERIFY(m_sandbox->clock()->nowMSecsSinceStart() - before >= 3600'000);

        QCOMPARE(m_http->call("PUT", "/_sandbox/lro", R"({"mode":"always"})").status, 200);
        QCOMPARE(m_http->post(m + "/getDefinition").status, 202);
        QCOMPARE(m_http->call("PUT", "/_sandbox/lro", R"({"mode":"never"})").status, 200);
        QCOMPARE(m_http->post(m + "/getDefinition").status, 200);
        QCOMPARE(m_http->call("PUT", "/_sandbox/lro", R"({"mode":"sometimes"})").status, 400);

        const QString capacity = m_sandbox->state()->capacities().first().id;
        QCOMPARE(m_http->post("/_sandbox/capacities/" + capacity + "/pause").status, 200);
        QCOMPARE(m_http->get(mirrorPath(QStringLiteral("Sales Analytics"), QStringLiteral("SalesMirror"))).errorCode(),
                 QStringLiteral("CapacityNotActive"));
        QCOMPARE(m_http->post("/_sandbox/capacities/" + capacity + "/resume").status, 200);
        QCOMPARE(m_http->post("/_sandbox/capacities/nope/pause").status, 404);

        QVERIFY(m_http->get("/_sandbox/log").json().at("entries").size() > 0);
        QCOMPARE(m_http->call("DELETE", "/_sandbox/log").status, 200);
        QCOMPARE(m_http->get("/_sandbox/log").json().at("entries").size(), size_t(0));
        QVERIFY(m_http->get("/_sandbox/state").json().contains("mirroredDatabases"));
        QCOMPARE(m_http->post("/_sandbox/reset").status, 200);
        QCOMPARE(m_http->get("/_sandbox/nothing").status, 404);
    }

    void tokensRevoked()
    {
        m_sandbox->setRequireAuth(true);
        m_http->setToken(m_http->clientCredentialsToken());
        QCOMPARE(m_http->get("/v1/workspaces").status, 200);
        QCOMPARE(m_http->post("/_sandbox/tokens/revoke").status, 200);
        QCOMPARE(m_http->get("/v1/workspaces").status, 401);
        // The log shows the token request too.
        bool tokenLogged = false;
        for (const auto &entry : m_sandbox->requestLog())
            tokenLogged = tokenLogged || entry.pathAndQuery.endsWith(QLatin1String("/oauth2/v2.0/token"));
        QVERIFY(tokenLogged);
    }

    void stateFile()
    {
        QTemporaryDir dir;
        SandboxOptions options;
        options.stateFile = dir.filePath(QStringLiteral("state.json"));
        start(options);
        QVERIFY(QFile::exists(options.stateFile));
        const QString ws = m_sandbox->state()->workspaces().first().id;
        const Json body{{"displayName", "Persisted"}, {"definition", definitionWith(sqlMirroringJson())}};
        QCOMPARE(m_http->post("/v1/workspaces/" + ws + "/mirroredDatabases", dumpJson(body)).status, 201);
        QTRY_VERIFY(QFile(options.stateFile).open(QIODevice::ReadOnly)
                    && QFile(options.stateFile).size() > 0
                    && [&] { QFile f(options.stateFile); f.open(QIODevice::ReadOnly); return f.readAll().contains("Persisted"); }());
        start(options);
        bool found = false;
        for (auto *m : m_sandbox->state()->mirrors(ws))
            found = found || m->displayName == QLatin1String("Persisted");
        QVERIFY(found);
    }
};

QTEST_MAIN(TestSandboxFaults)
#include "tst_sandbox_faults.moc"
