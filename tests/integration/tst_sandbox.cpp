// fabric-sandbox's Fabric API over real HTTP on loopback: every endpoint, status codes, headers,
// bodies, validation, the mirroring state machine, replication, paging and long-running calls,
// and the clock that drives them (advance, pause, resume, start paused).
#include "tests/support/sandboxhttpfixture.h"

#include "sandbox/entra/entraemulator.h"
#include "sandbox/fabricstate.h"

#include "tests/support/timefactor.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace fmc;
using namespace fmc::sandbox;
using namespace fmc::test;

class TestSandbox : public SandboxHttpFixture
{
    Q_OBJECT

private:
    QString createMirror(const QString &workspace, const QString &name, const QByteArray &mirroringJson)
    {
        const Json body{{"displayName", toStdString(name)}, {"definition", definitionWith(mirroringJson)}};
        const auto r = m_http->post(QStringLiteral("/v1/workspaces/%1/mirroredDatabases").arg(workspaceId(workspace)),
                                    dumpJson(body));
        if (r.status != 201)
            return {};
        return QStringLiteral("/v1/workspaces/%1/mirroredDatabases/%2")
            .arg(workspaceId(workspace), toQString(r.json().at("id").get<std::string>()));
    }
    //! Every item of a paged list, following continuationUri with \a method.
    Json collect(const QByteArray &method, const QString &path, const char *itemName, int *pages)
    {
        Json all = Json::array();
        QString next = path;
        *pages = 0;
        while (!next.isEmpty() && *pages < 1000) {
            const auto r = m_http->call(method, next);
            if (r.status != 200)
                return Json();
            ++*pages;
            const Json json = r.json();
            for (const auto &item : json.at(itemName))
                all.push_back(item);
            next = json.contains("continuationUri") ? toQString(json.at("continuationUri").get<std::string>()) : QString();
            if (json.contains("continuationUri") != json.contains("continuationToken"))
                return Json();
        }
        return all;
    }


    //! GET /_sandbox/clock of the sandbox at \a base (empty: the in-process one).
    Json clock(const QString &base = {}) { return m_http->get(base + QStringLiteral("/_sandbox/clock")).json(); }
    static qint64 msSinceStart(const Json &clock) { return clock.value("msSinceStart", qint64(-1)); }
    //! Pauses or resumes the clock over the admin endpoint or through the C++ API.
    void setPaused(bool paused, bool viaHttp)
    {
        if (viaHttp)
            QCOMPARE(m_http->post(paused ? QStringLiteral("/_sandbox/clock/pause") : QStringLiteral("/_sandbox/clock/resume")).status, 200);
        else if (paused)
            m_sandbox->pauseClock();
        else
            m_sandbox->resumeClock();
        QCOMPARE(m_sandbox->isClockPaused(), paused);
    }
    //! The tables status of \a mirror as the API answers it (every field, metrics included).
    Json tables(const QString &mirror) { return m_http->post(mirror + "/getTablesMirroringStatus").json().value("data", Json()); }
    //! The sandbox's speed in these tests: 100 sandbox ms per wall ms, so a still clock is plain.
    static SandboxOptions fastOptions(bool startPaused = false)
    {
        SandboxOptions options;
        options.speed = 100;
        options.startPaused = startPaused;
        return options;
    }

private Q_SLOTS:
    void init() { start(); }
    void cleanup() { stop(); }

    void endpointsAnswer_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("itemName");
        QTest::newRow("list workspaces") << QByteArray("GET") << "/v1/workspaces" << 200 << "value";
        QTest::newRow("get workspace") << QByteArray("GET") << "/v1/workspaces/{ws}" << 200 << "id";
        QTest::newRow("list connections") << QByteArray("GET") << "/v1/connections" << 200 << "value";
        QTest::newRow("list capacities") << QByteArray("GET") << "/v1/capacities" << 200 << "value";
        QTest::newRow("list mirrors") << QByteArray("GET") << "/v1/workspaces/{ws}/mirroredDatabases" << 200 << "value";
        QTest::newRow("get mirror") << QByteArray("GET") << "{m}" << 200 << "properties";
        QTest::newRow("status") << QByteArray("POST") << "{m}/getMirroringStatus" << 200 << "status";
        QTest::newRow("tables") << QByteArray("POST") << "{m}/getTablesMirroringStatus" << 200 << "data";
        QTest::newRow("list items") << QByteArray("GET") << "/v1/workspaces/{ws}/items" << 200 << "value";
        QTest::newRow("get item") << QByteArray("GET") << "/v1/workspaces/{ws}/items/{id}" << 200 << "type";
        QTest::newRow("item connections") << QByteArray("GET") << "/v1/workspaces/{ws}/items/{id}/connections" << 200 << "value";
        QTest::newRow("unknown operation") << QByteArray("GET") << "/v1/operations/00000000-0000-4000-8000-000000000000" << 404 << "errorCode";
    }
    void endpointsAnswer()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(int, status);
        QFETCH(QString, itemName);
        const QString m = mirrorPath(QStringLiteral("Sales Analytics"), QStringLiteral("SalesMirror"));
        path.replace(QLatin1String("{m}"), m)
            .replace(QLatin1String("{ws}"), workspaceId(QStringLiteral("Sales Analytics")))
            .replace(QLatin1String("{id}"), m.section(u'/', -1));
        const auto r = m_http->call(method, path);
        QCOMPARE(r.status, status);
        QVERIFY(r.header("Content-Type").startsWith("application/json"));
        QVERIFY2(r.json().contains(itemName.toStdString()), r.body.constData());
        QVERIFY(!r.header("RequestId").isEmpty());
        QCOMPARE(r.header("x-ms-request-id"), r.header("RequestId"));
    }

    void itemConnectionsName()
    {
        const QString m = mirrorPath(QStringLiteral("Sales Analytics"), QStringLiteral("SalesMirror"));
        const QString path = m;
        const auto r = m_http->get(QString(path).replace(QLatin1String("mirroredDatabases"), QLatin1String("items")) + "/connections");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().at("value").size(), size_t(1));
        QCOMPARE(r.json().at("value")[0].at("connectionDetails").at("type").get<std::string>(), "SQL");
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("errorCode");
        const QByteArray json("application/json");
        QTest::newRow("unknown mirror") << QByteArray("GET") << "/v1/workspaces/{ws}/mirroredDatabases/00000000-0000-4000-8000-000000000001" << QByteArray() << json << 404 << "ItemNotFound";
        QTest::newRow("unknown item") << QByteArray("GET") << "/v1/workspaces/{ws}/items/00000000-0000-4000-8000-000000000001" << QByteArray() << json << 404 << "ItemNotFound";
        QTest::newRow("unknown workspace") << QByteArray("GET") << "/v1/workspaces/00000000-0000-4000-8000-000000000001" << QByteArray() << json << 404 << "WorkspaceNotFound";
        QTest::newRow("GET on a POST action") << QByteArray("GET") << "{m}/getMirroringStatus" << QByteArray() << json << 405 << "UnsupportedHttpMethod";
        QTest::newRow("PUT on a mirror") << QByteArray("PUT") << "{m}" << QByteArray("{}") << json << 405 << "UnsupportedHttpMethod";
        QTest::newRow("unknown path") << QByteArray("GET") << "/v1/nothing/here" << QByteArray() << json << 404 << "EntityNotFound";
        QTest::newRow("wrong content type") << QByteArray("PATCH") << "{m}" << QByteArray("{\"description\":\"x\"}") << QByteArray("text/plain") << 415 << "UnsupportedMediaType";
        QTest::newRow("malformed JSON") << QByteArray("PATCH") << "{m}" << QByteArray("{\"description\":") << json << 400 << "InvalidRequest";
        QTest::newRow("JSON array body") << QByteArray("PATCH") << "{m}" << QByteArray("[1]") << json << 400 << "InvalidRequest";
        QTest::newRow("no body on create") << QByteArray("POST") << "/v1/workspaces/{ws}/mirroredDatabases" << QByteArray() << json << 400 << "InvalidRequest";
        QTest::newRow("bad role") << QByteArray("GET") << "/v1/workspaces?roles=Admin,Owner" << QByteArray() << json << 400 << "InvalidParameter";
        QTest::newRow("bad token") << QByteArray("GET") << "/v1/workspaces?continuationToken=bm9wZQ" << QByteArray() << json << 400 << "InvalidContinuationToken";
        QTest::newRow("bad hardDelete") << QByteArray("DELETE") << "{m}?hardDelete=maybe" << QByteArray() << json << 400 << "InvalidParameter";
    }
    void errors()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(int, status);
        QFETCH(QString, errorCode);
        path.replace(QLatin1String("{m}"), mirrorPath(QStringLiteral("Sales Analytics"), QStringLiteral("SalesMirror")))
            .replace(QLatin1String("{ws}"), workspaceId(QStringLiteral("Sales Analytics")));
        const auto r = m_http->call(method, path, body, {{"Content-Type", contentType}});
        QCOMPARE(r.status, status);
        QCOMPARE(r.errorCode(), errorCode);
        const Json json = r.json();
        QVERIFY(json.contains("message"));
        QCOMPARE(QByteArray::fromStdString(json.at("requestId").get<std::string>()), r.header("RequestId"));
        QCOMPARE(r.header("x-ms-public-api-error-code"), errorCode.toLatin1());
    }

    void createValidation_data()
    {
        QTest::addColumn<QString>("workspace");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("errorCode");
        auto body = [](const QString &name, const QString &description, const Json &definition) {
            Json json{{"displayName", toStdString(name)}};
            if (!description.isNull())
                json["description"] = toStdString(description);
            if (!definition.is_null())
                json["definition"] = definition;
            return dumpJson(json);
        };
        const Json good = definitionWith(sqlMirroringJson());
        const QString sales = QStringLiteral("Sales Analytics");
        QTest::newRow("valid") << sales << body("NewMirror", QString(), good) << 201 << "";
        QTest::newRow("256-char description") << sales << body("NewMirror", QString(256, u'd'), good) << 201 << "";
        QTest::newRow("257-char description") << sales << body("NewMirror", QString(257, u'd'), good) << 400 << "InvalidRequest";
        QTest::newRow("no definition") << sales << body("NewMirror", QString(), Json()) << 400 << "InvalidRequest";
        QTest::newRow("no displayName") << sales << body(QString(), QString(), good) << 400 << "InvalidRequest";
        QTest::newRow("name in use") << sales << body("salesmirror", QString(), good) << 409 << "ItemDisplayNameAlreadyInUse";
        Json notBase64 = good;
        notBase64["parts"][0]["payload"] = "not base64 at all!";
        QTest::newRow("payload not Base64") << sales << body("NewMirror", QString(), notBase64) << 400 << "CorruptedPayload";
        QTest::newRow("payload not JSON") << sales << body("NewMirror", QString(), definitionWith("{\"properties\":")) << 400 << "CorruptedPayload";
        QTest::newRow("wrong target") << sales << body("NewMirror", QString(), definitionWith(sqlMirroringJson().replace("MountedRelationalDatabase", "Lakehouse"))) << 400 << "CorruptedPayload";
        Json noMirroringJson = good;
        noMirroringJson["parts"][0]["path"] = "MirroredDatabase.json";
        QTest::newRow("wrong part path") << sales << body("NewMirror", QString(), noMirroringJson) << 400 << "CorruptedPayload";
        QTest::newRow("viewer workspace") << QStringLiteral("Shared Reports") << body("NewMirror", QString(), good) << 403 << "InsufficientWorkspaceRole";
    }
    void createValidation()
    {
        QFETCH(QString, workspace);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, errorCode);
        const auto r = m_http->post(QStringLiteral("/v1/workspaces/%1/mirroredDatabases").arg(workspaceId(workspace)), body);
        QCOMPARE(r.status, status);
        QCOMPARE(r.errorCode(), errorCode);
        if (status == 201) {
            const Json json = r.json();
            QCOMPARE(json.at("type").get<std::string>(), "MirroredDatabase");
            QCOMPARE(json.at("properties").at("sqlEndpointProperties").at("provisioningStatus").get<std::string>(), "InProgress");
        }
    }

    void stateMachine()
    {
        const QString m = createMirror(QStringLiteral("Sales Analytics"), QStringLiteral("Lifecycle"), sqlMirroringJson());
        QVERIFY(!m.isEmpty());
        QCOMPARE(mirrorStatus(m), QStringLiteral("Initializing"));
        auto start = m_http->post(m + "/startMirroring");
        QCOMPARE(start.status, 400);
        QCOMPARE(start.errorCode(), QStringLiteral("InvalidMirroringState"));
        QCOMPARE(m_http->post(m + "/stopMirroring").status, 400);

        m_sandbox->advanceClock(m_sandbox->options().provisioningMs);
        QCOMPARE(mirrorStatus(m), QStringLiteral("Initialized"));
        QCOMPARE(m_http->get(m).json().at("properties").at("sqlEndpointProperties").at("provisioningStatus").get<std::string>(), "Success");
        QCOMPARE(m_http->post(m + "/getTablesMirroringStatus").json().at("data").size(), size_t(0));

        start = m_http->post(m + "/startMirroring");
        QCOMPARE(start.status, 200);
        QVERIFY(start.body.isEmpty());
        QVERIFY(!start.hasHeader("Content-Type"));
        QCOMPARE(mirrorStatus(m), QStringLiteral("Starting"));
        QCOMPARE(m_http->post(m + "/startMirroring").status, 400);
        m_sandbox->advanceClock(m_sandbox->options().startingMs);
        QCOMPARE(mirrorStatus(m), QStringLiteral("Running"));

        // Replication: tables appear, snapshot, then replicate with growing rows.
        Json tables = m_http->post(m + "/getTablesMirroringStatus").json().at("data");
        QVERIFY(tables.size() > 0);
        m_sandbox->advanceClock(120'000);
        tables = m_http->post(m + "/getTablesMirroringStatus").json().at("data");
        auto replicatingRows = [&] {
            QMap<std::string, qint64> rows;
            for (const auto &t : Json(m_http->post(m + "/getTablesMirroringStatus").json().at("data"))) {
                if (t.at("status") == "Replicating" && t.contains("sourceObjectType"))
                    rows[t.at("sourceSchemaName").get<std::string>() + '.' + t.at("sourceTableName").get<std::string>()] =
                        t.at("metrics").at("processedRows").get<qint64>();
            }
            return rows;
        };
        const auto before = replicatingRows();
        QVERIFY(!before.isEmpty());
        m_sandbox->advanceClock(60'000);
        const auto after = replicatingRows();
        int grown = 0;
        for (auto it = before.begin(); it != before.end(); ++it)
            if (after.contains(it.key())) {
                QVERIFY(after[it.key()] >= it.value());
                grown += after[it.key()] > it.value();
            }
        QVERIFY(grown > 0);

        QCOMPARE(m_http->post(m + "/stopMirroring").status, 200);
        QCOMPARE(mirrorStatus(m), QStringLiteral("Stopping"));
        m_sandbox->advanceClock(m_sandbox->options().stoppingMs);
        QCOMPARE(mirrorStatus(m), QStringLiteral("Stopped"));
        QCOMPARE(m_http->post(m + "/getTablesMirroringStatus").json().at("data").size(), size_t(0));

        // A start after a stop reseeds every table: they begin again from scratch.
        QCOMPARE(m_http->post(m + "/startMirroring").status, 200);
        m_sandbox->advanceClock(m_sandbox->options().startingMs);
        for (const auto &t : Json(m_http->post(m + "/getTablesMirroringStatus").json().at("data")))
            QCOMPARE(t.at("status").get<std::string>(), "Initialized");
    }

    void actionWithoutBody_data()
    {
        QTest::addColumn<bool>("withContentType");
        QTest::newRow("no Content-Type") << false;
        QTest::newRow("Content-Type: application/json") << true;
    }
    void actionWithoutBody()
    {
        QFETCH(bool, withContentType);
        const QString m = mirrorPath(QStringLiteral("Operations"), QStringLiteral("OpsMirror"));
        QList<std::pair<QByteArray, QByteArray>> headers;
        if (withContentType)
            headers.append(std::pair<QByteArray, QByteArray>("Content-Type", "application/json"));
        QCOMPARE(m_http->call("POST", m + "/startMirroring", {}, headers).status, 200);
        QCOMPARE(m_http->call("POST", m + "/getMirroringStatus", {}, headers).status, 200);
        QCOMPARE(m_http->call("POST", m + "/getTablesMirroringStatus", {}, headers).status, 200);
    }

    void updateDefinitionRules()
    {
        m_sandbox->setLroMode(LroMode::Never);
        const QString m = createMirror(QStringLiteral("Sales Analytics"), QStringLiteral("Rules"), sqlMirroringJson());
        m_sandbox->advanceClock(m_sandbox->options().provisioningMs);
        QCOMPARE(m_http->post(m + "/startMirroring").status, 200);
        m_sandbox->advanceClock(m_sandbox->options().startingMs);
        auto update = [&](const QByteArray &mirroringJson) {
            return m_http->post(m + "/updateDefinition", dumpJson(Json{{"definition", definitionWith(mirroringJson)}}));
        };
        // mountedTables can change while running.
        const auto tablesChange = update(sqlMirroringJson(QStringLiteral("sales"),
                                                          QStringLiteral(R"([{"source":{"typeProperties":{"schemaName":"dbo","tableName":"orders"}}}])")));
        QCOMPARE(tablesChange.status, 200);
        QVERIFY(tablesChange.body.isEmpty());
        QVERIFY(!tablesChange.hasHeader("Content-Type"));
        const Json tables = m_http->post(m + "/getTablesMirroringStatus").json().at("data");
        QCOMPARE(tables.size(), size_t(1));
        QCOMPARE(tables[0].at("sourceTableName").get<std::string>(), "orders");
        // The source database cannot while running, and can once stopped.
        const auto sourceChange = update(sqlMirroringJson(QStringLiteral("other")));
        QCOMPARE(sourceChange.status, 400);
        QCOMPARE(sourceChange.errorCode(), QStringLiteral("InvalidMirroringState"));
        QCOMPARE(update("not json").errorCode(), QStringLiteral("CorruptedPayload"));
        QCOMPARE(m_http->post(m + "/stopMirroring").status, 200);
        m_sandbox->advanceClock(m_sandbox->options().stoppingMs);
        QCOMPARE(update(sqlMirroringJson(QStringLiteral("other"))).status, 200);
        // getDefinition returns what was stored, plus .platform.
        const Json parts = m_http->post(m + "/getDefinition").json().at("definition").at("parts");
        QCOMPARE(parts.size(), size_t(2));
        QCOMPARE(QByteArray::fromBase64(QByteArray::fromStdString(parts[0].at("payload").get<std::string>())),
                 sqlMirroringJson(QStringLiteral("other")));
        QCOMPARE(parts[1].at("path").get<std::string>(), ".platform");
    }

    void mirrorAllTakesSortedTablesUpToTheLimit()
    {
        SandboxOptions options;
        options.tableLimit = 500;
        options.pageSize = 1000;
        start(options);
        const QString m = mirrorPath(QStringLiteral("Sales Analytics"), QStringLiteral("SalesArchive"));
        const Json tables = m_http->post(m + "/getTablesMirroringStatus").json().at("data");
        QCOMPARE(tables.size(), size_t(500)); // the simulated source has 700
        for (size_t i = 1; i < tables.size(); ++i) {
            const auto a = std::pair(tables[i - 1].at("sourceSchemaName").get<std::string>(), tables[i - 1].at("sourceTableName").get<std::string>());
            const auto b = std::pair(tables[i].at("sourceSchemaName").get<std::string>(), tables[i].at("sourceTableName").get<std::string>());
            QVERIFY(a < b);
        }
    }

    void failingTable()
    {
        const QString m = mirrorPath(QStringLiteral("Operations"), QStringLiteral("SensorLanding"));
        bool failed = false;
        for (const auto &t : Json(m_http->post(m + "/getTablesMirroringStatus").json().at("data")))
            if (t.at("status") == "Failed") {
                failed = true;
                QVERIFY(t.at("error").contains("errorCode"));
                QVERIFY(t.at("error").contains("message"));
            }
        QVERIFY(failed);
        // Open mirroring has no source commit time: no latency.
        for (const auto &t : Json(m_http->post(m + "/getTablesMirroringStatus").json().at("data")))
            if (t.contains("metrics"))
                QVERIFY(!t.at("metrics").contains("lastSyncLatencyInSeconds"));
    }

    void patchAndDelete()
    {
        const QString m = createMirror(QStringLiteral("Sales Analytics"), QStringLiteral("Renamed"), sqlMirroringJson());
        auto r = m_http->call("PATCH", m, R"({"displayName":"Renamed2","description":"new"})");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().at("displayName").get<std::string>(), "Renamed2");
        QCOMPARE(m_http->call("PATCH", m, R"({"displayName":"SalesMirror"})").errorCode(), QStringLiteral("ItemDisplayNameAlreadyInUse"));
        QCOMPARE(m_http->call("PATCH", m, dumpJson(Json{{"description", std::string(257, 'x')}})).status, 400);
        r = m_http->call("DELETE", m);
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.isEmpty());
        QVERIFY(!r.hasHeader("Content-Type"));
        QCOMPARE(m_http->get(m).errorCode(), QStringLiteral("ItemNotFound"));
        // A hard delete needs the Admin role; Finance grants Member.
        const QString ledger = mirrorPath(QStringLiteral("Finance"), QStringLiteral("LedgerMirror"));
        QCOMPARE(m_http->call("DELETE", ledger + "?hardDelete=true").errorCode(), QStringLiteral("InsufficientWorkspaceRole"));
        QCOMPARE(m_http->call("DELETE", ledger + "?hardDelete=false").status, 200);
    }

    void longRunning_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<bool>("hasResult");
        QTest::newRow("getDefinition") << "getDefinition" << true;
        QTest::newRow("updateDefinition") << "updateDefinition" << false;
    }
    void longRunning()
    {
        QFETCH(QString, action);
        QFETCH(bool, hasResult);
        // The operation reads NotStarted for its first 600 ms: on a loaded machine two requests
        // can take longer than that. Paused, it moves only by the advances below.
        m_sandbox->pauseClock();
        m_sandbox->setLroMode(LroMode::Always);
        const QString m = mirrorPath(QStringLiteral("Operations"), QStringLiteral("OpsMirror"));
        const QByteArray body = hasResult ? QByteArray() : dumpJson(Json{{"definition", definitionWith(sqlMirroringJson(QStringLiteral("ops")))}});
        const auto accepted = m_http->post(m + '/' + action, body);
        QCOMPARE(accepted.status, 202);
        QVERIFY(accepted.body.isEmpty());
        const QByteArray opId = accepted.header("x-ms-operation-id");
        QVERIFY(!QUuid::fromString(QString::fromLatin1(opId)).isNull());
        QCOMPARE(accepted.header("Location"), m_sandbox->serverUrl().toString().toLatin1() + "/v1/operations/" + opId);
        QCOMPARE(accepted.header("Retry-After"), QByteArray("1"));

        auto state = m_http->get(QString::fromLatin1(accepted.header("Location")));
        QCOMPARE(state.status, 200);
        QCOMPARE(state.json().at("status").get<std::string>(), "NotStarted");
        QCOMPARE(state.header("x-ms-operation-id"), opId);
        QVERIFY(state.json().contains("createdTimeUtc"));
        QCOMPARE(m_http->get("/v1/operations/" + opId + "/result").status, 400);
        m_sandbox->advanceClock(m_sandbox->options().lroDurationMs / 2);
        QCOMPARE(m_http->get("/v1/operations/" + opId).json().at("status").get<std::string>(), "Running");
        m_sandbox->advanceClock(m_sandbox->options().lroDurationMs);
        state = m_http->get("/v1/operations/" + opId);
        QCOMPARE(state.json().at("status").get<std::string>(), "Succeeded");
        QCOMPARE(state.json().at("percentComplete").get<int>(), 100);
        const auto result = m_http->get("/v1/operations/" + opId + "/result");
        if (hasResult) {
            QVERIFY(state.header("Location").endsWith("/result"));
            QCOMPARE(result.status, 200);
            QVERIFY(result.json().at("definition").contains("parts"));
        } else {
            QVERIFY(!state.hasHeader("Location"));
            QCOMPARE(result.errorCode(), QStringLiteral("OperationHasNoResult"));
        }
        m_sandbox->setLroMode(LroMode::Never);
        QCOMPARE(m_http->post(m + '/' + action, body).status, 200);
    }

    void paging_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("itemName");
        QTest::newRow("workspaces") << QByteArray("GET") << "/v1/workspaces" << "value";
        QTest::newRow("workspaces by role") << QByteArray("GET") << "/v1/workspaces?roles=Admin,Viewer" << "value";
        QTest::newRow("connections") << QByteArray("GET") << "/v1/connections" << "value";
        QTest::newRow("items") << QByteArray("GET") << "/v1/workspaces/{ws}/items" << "value";
        QTest::newRow("mirrors") << QByteArray("GET") << "/v1/workspaces/{ws}/mirroredDatabases" << "value";
        QTest::newRow("tables (POST)") << QByteArray("POST") << "{m}/getTablesMirroringStatus" << "data";
    }
    void paging()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QString, itemName);
        path.replace(QLatin1String("{m}"), mirrorPath(QStringLiteral("Sales Analytics"), QStringLiteral("SalesMirror")))
            .replace(QLatin1String("{ws}"), workspaceId(QStringLiteral("Sales Analytics")));
        int pages = 0;
        const Json whole = collect(method, path, itemName.toLatin1().constData(), &pages);
        QCOMPARE(pages, 1);
        SandboxOptions options;
        options.pageSize = 2;
        start(options);
        const Json paged = collect(method, path, itemName.toLatin1().constData(), &pages);
        QCOMPARE(paged.size(), whole.size());
        QCOMPARE(pages, int((whole.size() + 1) / 2));
        if (itemName != QLatin1String("data")) // tables' metrics move with the clock
            QVERIFY(paged == whole);
    }

    void continuationUriFollowsTheGateway()
    {
        SandboxOptions options;
        options.pageSize = 1;
        start(options);
        auto r = m_http->call("GET", "/v1/workspaces?roles=Admin", {},
                              {{"X-Forwarded-Host", "gateway.example:8443"}, {"X-Forwarded-Proto", "https"}});
        const QUrl next(toQString(r.json().at("continuationUri").get<std::string>()));
        QCOMPARE(next.scheme(), QStringLiteral("https"));
        QCOMPARE(next.host(), QStringLiteral("gateway.example"));
        QCOMPARE(next.port(), 8443);
        QCOMPARE(QUrlQuery(next).queryItemValue("roles"), QStringLiteral("Admin"));
        QCOMPARE(QUrlQuery(next).queryItemValue("continuationToken"), toQString(r.json().at("continuationToken").get<std::string>()));
        m_sandbox->setPublicBaseUrl(QUrl(QStringLiteral("https://api.fabric.example")));
        r = m_http->get("/v1/workspaces");
        QVERIFY(toQString(r.json().at("continuationUri").get<std::string>()).startsWith(QLatin1String("https://api.fabric.example/v1/workspaces?")));
    }

    void rolesFilter_data()
    {
        QTest::addColumn<QString>("roles");
        QTest::addColumn<int>("count");
        QTest::newRow("all") << QString() << 5;
        QTest::newRow("Admin") << "Admin" << 2;
        QTest::newRow("Viewer") << "Viewer" << 1;
        QTest::newRow("Member,Contributor") << "Member,Contributor" << 2;
        QTest::newRow("lower case") << "admin" << 2;
    }
    void rolesFilter()
    {
        QFETCH(QString, roles);
        QFETCH(int, count);
        const auto r = m_http->get(roles.isNull() ? QStringLiteral("/v1/workspaces") : "/v1/workspaces?roles=" + roles);
        QCOMPARE(r.status, 200);
        QCOMPARE(int(r.json().at("value").size()), count);
    }

    void itemsTypeFilter_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<int>("count");
        QTest::newRow("MirroredDatabase") << "MirroredDatabase" << 2;
        QTest::newRow("SQLEndpoint") << "SQLEndpoint" << 2;
        QTest::newRow("Lakehouse") << "Lakehouse" << 1;
        QTest::newRow("Notebook") << "Notebook" << 0;
    }
    void itemsTypeFilter()
    {
        QFETCH(QString, type);
        QFETCH(int, count);
        const auto r = m_http->get(QStringLiteral("/v1/workspaces/%1/items?type=%2").arg(workspaceId(QStringLiteral("Sales Analytics")), type));
        // One named document: a range-for over r.json().at("value") would iterate a member of a
        // temporary destroyed before the loop body runs (AddressSanitizer: heap-use-after-free).
        const Json body = r.json();
        QCOMPARE(int(body.at("value").size()), count);
        for (const auto &item : body.at("value"))
            QCOMPARE(toQString(item.at("type").get<std::string>()), type);
    }

    void genericGetDefinition()
    {
        m_sandbox->setLroMode(LroMode::Never);
        const QString ws = workspaceId(QStringLiteral("Sales Analytics"));
        const QString m = mirrorPath(QStringLiteral("Sales Analytics"), QStringLiteral("SalesMirror"));
        const auto r = m_http->post(QStringLiteral("/v1/workspaces/%1/items/%2/getDefinition").arg(ws, m.section(u'/', -1)));
        QCOMPARE(r.status, 200);
        QVERIFY(r.json().at("definition").contains("parts"));
        for (const auto &item : Json(m_http->get("/v1/workspaces/" + ws + "/items?type=Lakehouse").json().at("value")))
            QCOMPARE(m_http->post(QStringLiteral("/v1/workspaces/%1/items/%2/getDefinition").arg(ws, toQString(item.at("id").get<std::string>()))).errorCode(),
                     QStringLiteral("OperationNotSupportedForItem"));
    }

    void capacityPauseAndResume()
    {
        const QString m = mirrorPath(QStringLiteral("Sales Analytics"), QStringLiteral("SalesMirror"));
        const QString capacity = m_sandbox->state()->workspace(workspaceId(QStringLiteral("Sales Analytics")))->capacityId;
        QVERIFY(m_sandbox->pauseCapacity(capacity));
        QCOMPARE(m_http->post(m + "/getMirroringStatus").errorCode(), QStringLiteral("CapacityNotActive"));
        bool inactive = false;
        for (const auto &c : Json(m_http->get("/v1/capacities").json().at("value")))
            inactive = inactive || c.at("state") == "Inactive";
        QVERIFY(inactive);
        QVERIFY(m_sandbox->resumeCapacity(capacity));
        QCOMPARE(mirrorStatus(m), QStringLiteral("Paused"));
        // Paused stays Paused: no resume call in the API, Start is refused; Stop, then Start.
        QCOMPARE(m_http->post(m + "/startMirroring").errorCode(), QStringLiteral("InvalidMirroringState"));
        QCOMPARE(mirrorStatus(m), QStringLiteral("Paused"));
        QCOMPARE(m_http->post(m + "/stopMirroring").status, 200);
        m_sandbox->clock()->advance(60'000);
        QCOMPARE(mirrorStatus(m), QStringLiteral("Stopped"));
        QCOMPARE(m_http->post(m + "/startMirroring").status, 200);
        QCOMPARE(mirrorStatus(m), QStringLiteral("Starting"));
    }

    void viewerCannotWrite()
    {
        const QString m = mirrorPath(QStringLiteral("Shared Reports"), QStringLiteral("ReportsMirror"));
        QCOMPARE(m_http->post(m + "/getMirroringStatus").status, 200);
        QCOMPARE(m_http->post(m + "/stopMirroring").errorCode(), QStringLiteral("InsufficientWorkspaceRole"));
        QCOMPARE(m_http->post(m + "/getDefinition").errorCode(), QStringLiteral("InsufficientWorkspaceRole"));
    }

    void deterministicUnderSeed()
    {
        auto snapshot = [this](quint32 seed) {
            SandboxOptions options;
            options.seed = seed;
            start(options);
            Json all = m_http->get("/v1/workspaces").json();
            all["tables"] = m_http->post(mirrorPath(QStringLiteral("Sales Analytics"), QStringLiteral("SalesMirror")) + "/getTablesMirroringStatus")
                                .json().at("data").size();
            for (auto &ws : all["value"])
                ws.erase("capacityRegion");
            return all;
        };
        const Json a = snapshot(7), b = snapshot(7), c = snapshot(8);
        QVERIFY(a == b);
        QVERIFY(a != c);
    }

    void bearerTokens()
    {
        SandboxOptions options;
        options.tokenLifetimeSeconds = 600;
        m_http.reset();
        m_sandbox = std::make_unique<Sandbox>(options);
        QVERIFY(m_sandbox->listen());
        m_http = std::make_unique<SandboxHttpClient>(m_sandbox.get());
        auto r = m_http->get("/v1/workspaces");
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errorCode(), QStringLiteral("Unauthorized"));
        QCOMPARE(r.header("WWW-Authenticate"), QByteArray("Bearer"));
        const QByteArray token = m_http->clientCredentialsToken();
        QVERIFY(!token.isEmpty());
        m_http->setToken(token);
        QCOMPARE(m_http->get("/v1/workspaces").status, 200);
        m_sandbox->advanceClock(601'000);
        r = m_http->get("/v1/workspaces");
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errorCode(), QStringLiteral("TokenExpired"));
    }
    void pauseFreezesClockAndReplication_data()
    {
        QTest::addColumn<bool>("viaHttp");
        QTest::newRow("POST /_sandbox/clock/pause") << true;
        QTest::newRow("Sandbox::pauseClock()") << false;
    }
    void pauseFreezesClockAndReplication()
    {
        QFETCH(bool, viaHttp);
        start(fastOptions());
        const QString running = mirrorPath(QStringLiteral("Sales Analytics"), QStringLiteral("SalesMirror"));
        const QString stopped = mirrorPath(QStringLiteral("Finance"), QStringLiteral("LedgerMirror"));
        QVERIFY(!running.isEmpty() && !stopped.isEmpty());
        setPaused(true, viaHttp);
        QCOMPARE(clock().value("paused", false), true);
        // Actions still work while paused; only their time-driven consequences wait.
        QCOMPARE(m_http->post(stopped + "/startMirroring").status, 200);
        QCOMPARE(mirrorStatus(stopped), QStringLiteral("Starting"));

        const Json clockBefore = clock();
        const Json tablesBefore = tables(running);
        QVERIFY(tablesBefore.is_array() && !tablesBefore.empty());
        QTest::qWait(300); // 30 sandbox seconds were it running: Starting would be Running by far
        const Json clockAfter = clock();
        QCOMPARE(msSinceStart(clockAfter), msSinceStart(clockBefore));
        QCOMPARE(toQString(clockAfter.value("nowUtc", std::string())), toQString(clockBefore.value("nowUtc", std::string())));
        QVERIFY2(tables(running) == tablesBefore, "the tables status moved while the clock was paused");
        QCOMPARE(mirrorStatus(stopped), QStringLiteral("Starting"));
        QCOMPARE(m_sandbox->state()->nowMs(), m_sandbox->clock()->now().toMSecsSinceEpoch());
    }

    void advanceWhilePaused_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<qint64>("ms");
        QTest::newRow("1 ms") << QByteArray(R"({"ms":1})") << qint64(1);
        QTest::newRow("1500 ms") << QByteArray(R"({"ms":1500})") << qint64(1500);
        QTest::newRow("2.5 s") << QByteArray(R"({"seconds":2.5})") << qint64(2500);
        QTest::newRow("an hour") << QByteArray(R"({"seconds":3600})") << qint64(3'600'000);
        QTest::newRow("C++ advanceClock") << QByteArray() << qint64(60'000);
    }
    void advanceWhilePaused()
    {
        QFETCH(QByteArray, body);
        QFETCH(qint64, ms);
        start(fastOptions());
        const QString mirror = mirrorPath(QStringLiteral("Sales Analytics"), QStringLiteral("SalesMirror"));
        m_sandbox->pauseClock();
        const qint64 before = msSinceStart(clock());
        const QDateTime beforeUtc = m_sandbox->clock()->now();
        const Json tablesBefore = tables(mirror);
        if (body.isEmpty()) {
            m_sandbox->advanceClock(ms);
        } else {
            const auto r = m_http->post(QStringLiteral("/_sandbox/clock/advance"), body);
            QCOMPARE(r.status, 200);
            QCOMPARE(msSinceStart(r.json()), before + ms); // the answer is the clock after the move
            QCOMPARE(r.json().value("paused", false), true);
        }
        QCOMPARE(msSinceStart(clock()), before + ms);
        QCOMPARE(beforeUtc.msecsTo(m_sandbox->clock()->now()), ms);
        QVERIFY(m_sandbox->isClockPaused());
        QTest::qWait(100);
        QCOMPARE(msSinceStart(clock()), before + ms); // and stands still there
        if (ms >= 60'000)
            QVERIFY2(tables(mirror) != tablesBefore, "an advance while paused moves replication");
    }

    void resumeContinues_data()
    {
        QTest::addColumn<bool>("viaHttp");
        QTest::addColumn<int>("pauses"); // pausing an already paused clock changes nothing
        QTest::newRow("POST /_sandbox/clock/resume") << true << 1;
        QTest::newRow("Sandbox::resumeClock()") << false << 1;
        QTest::newRow("paused twice, resumed once") << true << 2;
    }
    void resumeContinues()
    {
        QFETCH(bool, viaHttp);
        QFETCH(int, pauses);
        start(fastOptions());
        const QString starting = mirrorPath(QStringLiteral("Finance"), QStringLiteral("LedgerMirror"));
        for (int i = 0; i < pauses; ++i)
            setPaused(true, viaHttp);
        QCOMPARE(m_http->post(starting + "/startMirroring").status, 200);
        const qint64 stood = msSinceStart(clock());
        QTest::qWait(200);
        QCOMPARE(msSinceStart(clock()), stood);

        QElapsedTimer sinceResume;
        sinceResume.start();
        setPaused(false, viaHttp);
        setPaused(false, viaHttp); // resuming a running clock changes nothing either
        const qint64 resumed = msSinceStart(clock());
        const qint64 bound = sinceResume.elapsed() * 100 + 100; // speed 100, plus a tick of rounding
        QVERIFY2(resumed >= stood && resumed - stood <= bound,
                 qPrintable(QStringLiteral("resumed at %1 after standing at %2: the paused time was counted")
                                .arg(resumed).arg(stood)));
        QCOMPARE(clock().value("paused", true), false);
        // It runs again: the clock moves, and Starting turns Running (5 sandbox s, 50 ms here).
        QTRY_VERIFY_WITH_TIMEOUT(msSinceStart(clock()) > resumed, fmc::test::scaledMs(5000));
        QTRY_COMPARE_WITH_TIMEOUT(mirrorStatus(starting), QStringLiteral("Running"), fmc::test::scaledMs(5000));
    }

    void startPaused_data()
    {
        QTest::addColumn<bool>("commandLine");
        QTest::newRow("SandboxOptions::startPaused") << false;
        QTest::newRow("fabric-sandbox --paused") << true;
    }
    void startPaused()
    {
        QFETCH(bool, commandLine);
        QString base; // empty: the in-process sandbox
        QProcess process;
        if (commandLine) {
            process.setProgram(QStringLiteral(FMC_SANDBOX_BIN));
            process.setArguments({QStringLiteral("--paused"), QStringLiteral("--no-auth"), QStringLiteral("--speed"),
                                  QStringLiteral("100"), QStringLiteral("--port"), QStringLiteral("0")});
            process.start();
            QVERIFY2(process.waitForStarted(fmc::test::scaledMs(10000)), qPrintable(process.errorString()));
            QByteArray out;
            // "clock paused" comes after the port and the credentials: waited for, not assumed
            // to be in the same read (it was not, once, under the sanitizers).
            QVERIFY2(QTest::qWaitFor([&] {
                out += process.readAllStandardOutput();
                return out.contains("\nport ") && out.contains("clock paused");
            }, fmc::test::scaledMs(10000)), out.constData());
            const qsizetype at = out.indexOf("\nport ") + 6;
            base = QStringLiteral("http://127.0.0.1:") + QString::fromLatin1(out.mid(at, out.indexOf('\n', at) - at));
        } else {
            start(fastOptions(true));
            QVERIFY(m_sandbox->isClockPaused());
        }
        Json now = clock(base);
        QCOMPARE(now.value("paused", false), true);
        QCOMPARE(msSinceStart(now), qint64(0));
        QTest::qWait(200);
        QCOMPARE(msSinceStart(clock(base)), qint64(0));
        QCOMPARE(m_http->get(base + QStringLiteral("/_sandbox")).json().value("paused", false), true);
        QCOMPARE(m_http->post(base + QStringLiteral("/_sandbox/clock/advance"), R"({"ms":1234})").status, 200);
        QCOMPARE(msSinceStart(clock(base)), qint64(1234));
        QCOMPARE(m_http->post(base + QStringLiteral("/_sandbox/clock/resume")).status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(msSinceStart(clock(base)) > 1234, fmc::test::scaledMs(5000));
        if (commandLine) {
            process.kill();
            process.waitForFinished();
        }
    }

    void clockAdminErrors_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::newRow("GET pause") << QByteArray("GET") << "/_sandbox/clock/pause" << QByteArray() << 404;
        QTest::newRow("PUT resume") << QByteArray("PUT") << "/_sandbox/clock/resume" << QByteArray() << 404;
        QTest::newRow("unknown action") << QByteArray("POST") << "/_sandbox/clock/stop" << QByteArray() << 404;
        QTest::newRow("advance backwards") << QByteArray("POST") << "/_sandbox/clock/advance" << QByteArray(R"({"ms":-1})") << 400;
        QTest::newRow("advance by nothing") << QByteArray("POST") << "/_sandbox/clock/advance" << QByteArray("{}") << 400;
    }
    void clockAdminErrors()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QCOMPARE(m_http->call(method, path, body).status, status);
        QVERIFY(!m_sandbox->isClockPaused());
    }
};

QTEST_MAIN(TestSandbox)
#include "tst_sandbox.moc"
