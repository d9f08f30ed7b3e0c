// fabric-sandbox's generic item endpoints for mirrored databases (POST /workspaces/{ws}/items,
// DELETE /workspaces/{ws}/items/{id}, POST .../items/{id}/updateDefinition) against the typed
// ones, over real HTTP: every case runs on both paths and must give the same status, errorCode
// and state (issue #21, "The sandbox, as other Fabric clients use it").
#include "tests/support/sandboxhttpfixture.h"

#include "sandbox/fabricstate.h"

#include <QTest>

using namespace fmc;
using namespace fmc::sandbox;
using namespace fmc::test;

namespace {

const QByteArray kLandingZone = R"({"properties":{"source":{"type":"AzureSqlDatabase","typeProperties":{"connection":"11111111-2222-4333-8444-555555555555","database":"sales","landingZone":{"type":"MountedRelationalDatabase"}}},"target":{"type":"MountedRelationalDatabase","typeProperties":{"format":"Delta"}}}})";

} // namespace

class TestSandboxGenericItems : public SandboxHttpFixture
{
    Q_OBJECT

private:
    static QString base(const QString &ws, bool generic)
    {
        return QStringLiteral("/v1/workspaces/%1/%2").arg(ws, generic ? QStringLiteral("items") : QStringLiteral("mirroredDatabases"));
    }
    //! The create body of either path: the generic one names the item type.
    static QByteArray createBody(const QString &name, const Json &definition, bool generic)
    {
        Json body{{"displayName", toStdString(name)}};
        if (generic)
            body["type"] = "MirroredDatabase";
        if (!definition.is_null())
            body["definition"] = definition;
        return dumpJson(body);
    }
    static Json brokenBase64()
    {
        return Json{{"parts", Json::array({Json{{"path", "mirroring.json"}, {"payload", "not base64!"}, {"payloadType", "InlineBase64"}}})}};
    }
    //! Creates \a name in \a ws on either path; the new item's id, or empty.
    QString create(const QString &ws, const QString &name, const QByteArray &mirroringJson, bool generic)
    {
        const auto r = m_http->post(base(ws, generic), createBody(name, definitionWith(mirroringJson), generic));
        return r.status == 201 ? toQString(r.json().value("id", std::string())) : QString();
    }

private slots:
    void init()
    {
        SandboxOptions options;
        options.lroMode = LroMode::Never;
        start(options);
    }
    void cleanup() { stop(); }

    void create_data()
    {
        QTest::addColumn<bool>("generic");
        QTest::addColumn<QString>("workspace");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("definition"); // JSON; "null" leaves it out
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("errorCode");

        const QByteArray valid = dumpJson(definitionWith(sqlMirroringJson()));
        const QByteArray zone = dumpJson(definitionWith(kLandingZone));
        const QByteArray invalid = dumpJson(definitionWith(sqlMirroringJson().replace("MountedRelationalDatabase", "Lakehouse")));
        const QByteArray notBase64 = dumpJson(brokenBase64());
        const QByteArray noParts = R"({"format":"Default"})";
        for (const bool generic : {false, true}) {
            const char *p = generic ? "generic" : "typed";
            QTest::addRow("%s: created", p) << generic << "Sales Analytics" << "NewMirror" << valid << 201 << QString();
            QTest::addRow("%s: non-SAP landingZone", p) << generic << "Sales Analytics" << "ZoneMirror" << zone << 201 << QString();
            QTest::addRow("%s: name in use", p) << generic << "Sales Analytics" << "salesmirror" << valid << 409 << "ItemDisplayNameAlreadyInUse";
            QTest::addRow("%s: invalid mirroring.json", p) << generic << "Sales Analytics" << "Bad" << invalid << 400 << "CorruptedPayload";
            QTest::addRow("%s: payload not Base64", p) << generic << "Sales Analytics" << "Bad" << notBase64 << 400 << "CorruptedPayload";
            QTest::addRow("%s: no parts", p) << generic << "Sales Analytics" << "Bad" << noParts << 400 << "CorruptedPayload";
            QTest::addRow("%s: no definition", p) << generic << "Sales Analytics" << "Bad" << QByteArray("null") << 400 << "InvalidRequest";
            QTest::addRow("%s: viewer", p) << generic << "Shared Reports" << "NewMirror" << valid << 403 << "InsufficientWorkspaceRole";
        }
    }
    void create()
    {
        QFETCH(bool, generic);
        QFETCH(QString, workspace);
        QFETCH(QString, name);
        QFETCH(QByteArray, definition);
        QFETCH(int, status);
        QFETCH(QString, errorCode);
        const QString ws = workspaceId(workspace);
        const int before = int(m_sandbox->state()->mirrors(ws).size());
        const auto r = m_http->post(base(ws, generic), createBody(name, *parseJson(definition), generic));
        QCOMPARE(r.status, status);
        QCOMPARE(r.errorCode(), errorCode);
        QCOMPARE(int(m_sandbox->state()->mirrors(ws).size()), before + (status == 201 ? 1 : 0));
        if (status != 201)
            return;
        // The same item on both paths: readable typed, Initializing, the definition kept byte for byte.
        const QString id = toQString(r.json().at("id").get<std::string>());
        QCOMPARE(toQString(r.json().value("type", std::string())), QStringLiteral("MirroredDatabase"));
        const QString typed = base(ws, false) + u'/' + id;
        QCOMPARE(m_http->get(typed).status, 200);
        QCOMPARE(mirrorStatus(typed), QStringLiteral("Initializing"));
        FabricState::Mirror *mirror = m_sandbox->state()->mirror(ws, id);
        QVERIFY(mirror);
        const auto sent = QByteArray::fromBase64(QByteArray::fromStdString(parseJson(definition)->at("parts")[0].at("payload").get<std::string>()));
        QCOMPARE(mirror->mirroringJson, sent);
    }

    void genericRefusesOtherTypes()
    {
        const QString ws = workspaceId(QStringLiteral("Sales Analytics"));
        Json body = *parseJson(createBody(QStringLiteral("Lake"), definitionWith(sqlMirroringJson()), true));
        body["type"] = "Lakehouse";
        QCOMPARE(m_http->post(base(ws, true), dumpJson(body)).errorCode(), QStringLiteral("InvalidItemType"));
        body.erase("type");
        const auto r = m_http->post(base(ws, true), dumpJson(body));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), QStringLiteral("InvalidRequest"));
    }

    void createLongRunning()
    {
        // The generic create may answer 202: the operation ends Succeeded, its result is the item.
        m_sandbox->setLroMode(LroMode::Always);
        const QString ws = workspaceId(QStringLiteral("Sales Analytics"));
        const auto r = m_http->post(base(ws, true), createBody(QStringLiteral("LroMirror"), definitionWith(sqlMirroringJson()), true));
        QCOMPARE(r.status, 202);
        const QByteArray operation = r.header("x-ms-operation-id");
        QVERIFY(!operation.isEmpty());
        QVERIFY(r.header("Location").endsWith("/v1/operations/" + operation));
        m_sandbox->advanceClock(m_sandbox->options().lroDurationMs + 1);
        QCOMPARE(toQString(m_http->get("/v1/operations/" + QString::fromLatin1(operation)).json().value("status", std::string())),
                 QStringLiteral("Succeeded"));
        const auto result = m_http->get("/v1/operations/" + QString::fromLatin1(operation) + "/result");
        QCOMPARE(result.status, 200);
        const QString id = toQString(result.json().value("id", std::string()));
        QVERIFY(m_sandbox->state()->mirror(ws, id));
        QCOMPARE(toQString(result.json().value("displayName", std::string())), QStringLiteral("LroMirror"));
    }

    void updateDefinition_data()
    {
        QTest::addColumn<bool>("generic");
        QTest::addColumn<QString>("mirror");
        QTest::addColumn<QString>("change"); // made to the mirror's own mirroring.json
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("errorCode");
        for (const bool generic : {false, true}) {
            const char *p = generic ? "generic" : "typed";
            // SalesMirror runs: its tables may change, its source database may not.
            QTest::addRow("%s: tables while running", p) << generic << "SalesMirror" << "tables" << 200 << QString();
            QTest::addRow("%s: database while running", p) << generic << "SalesMirror" << "database" << 400 << "InvalidMirroringState";
            QTest::addRow("%s: non-SAP landingZone", p) << generic << "SalesMirror" << "landingZone" << 200 << QString();
            QTest::addRow("%s: invalid", p) << generic << "SalesMirror" << "invalid" << 400 << "CorruptedPayload";
            QTest::addRow("%s: unknown item", p) << generic << "" << "tables" << 404 << "ItemNotFound";
        }
    }
    void updateDefinition()
    {
        QFETCH(bool, generic);
        QFETCH(QString, mirror);
        QFETCH(QString, change);
        QFETCH(int, status);
        QFETCH(QString, errorCode);
        const QString ws = workspaceId(QStringLiteral("Sales Analytics"));
        FabricState::Mirror *target = nullptr;
        for (FabricState::Mirror *m : m_sandbox->state()->mirrors(ws))
            if (m->displayName == mirror)
                target = m;
        const QString id = target ? target->id : QStringLiteral("00000000-0000-4000-8000-000000000000");
        const QByteArray before = target ? target->mirroringJson : sqlMirroringJson();
        Json doc = *parseJson(before);
        Json &source = doc["properties"]["source"]["typeProperties"];
        if (change == QLatin1String("tables"))
            doc["properties"]["mountedTables"] = *parseJson(R"([{"source":{"typeProperties":{"schemaName":"dbo","tableName":"orders"}}}])");
        else if (change == QLatin1String("database"))
            source["database"] = "other";
        else if (change == QLatin1String("landingZone"))
            source["landingZone"] = Json{{"type", "MountedRelationalDatabase"}};
        const QByteArray sent = change == QLatin1String("invalid") ? QByteArray("{\"properties\":") : dumpJson(doc);
        const auto r = m_http->post(base(ws, generic) + u'/' + id + QStringLiteral("/updateDefinition"),
                                    dumpJson(Json{{"definition", definitionWith(sent)}}));
        QCOMPARE(r.status, status);
        if (status != 200)
            QCOMPARE(r.errorCode(), errorCode);
        if (target)
            QCOMPARE(target->mirroringJson, status == 200 ? sent : before);
    }

    void updateMetadataOnBothPaths_data()
    {
        QTest::addColumn<bool>("generic");
        QTest::newRow("typed") << false;
        QTest::newRow("generic") << true;
    }
    void updateMetadataOnBothPaths()
    {
        // .platform counts only with updateMetadata=true, and then renames the item.
        QFETCH(bool, generic);
        const QString ws = workspaceId(QStringLiteral("Sales Analytics"));
        const QString id = create(ws, QStringLiteral("Meta"), sqlMirroringJson(), generic);
        QVERIFY(!id.isEmpty());
        const QByteArray platform = R"({"$schema":"x","metadata":{"type":"MirroredDatabase","displayName":"Meta Renamed","description":"from .platform"},"config":{"version":"2.0","logicalId":"8d1f3e2a-4b5c-4d6e-9f70-a1b2c3d4e5f6"},"x-kept":1})";
        Json definition = definitionWith(sqlMirroringJson());
        definition["parts"].push_back(Json{{"path", ".platform"}, {"payload", platform.toBase64().toStdString()}, {"payloadType", "InlineBase64"}});
        const QString path = base(ws, generic) + u'/' + id + QStringLiteral("/updateDefinition");
        QCOMPARE(m_http->post(path, dumpJson(Json{{"definition", definition}})).status, 200);
        QCOMPARE(m_sandbox->state()->mirror(ws, id)->displayName, QStringLiteral("Meta"));
        QCOMPARE(m_http->post(path + QStringLiteral("?updateMetadata=true"), dumpJson(Json{{"definition", definition}})).status, 200);
        QCOMPARE(m_sandbox->state()->mirror(ws, id)->displayName, QStringLiteral("Meta Renamed"));
        QCOMPARE(m_sandbox->state()->mirror(ws, id)->platformJson, platform);
    }

    void remove_data()
    {
        QTest::addColumn<bool>("generic");
        QTest::addColumn<QString>("workspace");
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("errorCode");
        for (const bool generic : {false, true}) {
            const char *p = generic ? "generic" : "typed";
            QTest::addRow("%s: soft", p) << generic << "Sales Analytics" << "" << 200 << QString();
            QTest::addRow("%s: hard, as Admin", p) << generic << "Sales Analytics" << "?hardDelete=true" << 200 << QString();
            QTest::addRow("%s: hard, as Contributor", p) << generic << "Operations" << "?hardDelete=true" << 403 << "InsufficientWorkspaceRole";
            QTest::addRow("%s: hardDelete not a flag", p) << generic << "Sales Analytics" << "?hardDelete=yes" << 400 << "InvalidParameter";
        }
    }
    void remove()
    {
        QFETCH(bool, generic);
        QFETCH(QString, workspace);
        QFETCH(QString, query);
        QFETCH(int, status);
        QFETCH(QString, errorCode);
        const QString ws = workspaceId(workspace);
        const QString id = create(ws, QStringLiteral("ToDelete"), sqlMirroringJson(), false);
        QVERIFY(!id.isEmpty());
        const QString path = base(ws, generic) + u'/' + id;
        const auto r = m_http->call("DELETE", path + query);
        QCOMPARE(r.status, status);
        if (status != 200)
            QCOMPARE(r.errorCode(), errorCode);
        QCOMPARE(m_sandbox->state()->mirror(ws, id) == nullptr, status == 200);
        if (status == 200) { // gone on both paths
            QCOMPARE(m_http->call("DELETE", path).errorCode(), QStringLiteral("ItemNotFound"));
            QCOMPARE(m_http->get(base(ws, false) + u'/' + id).status, 404);
        }
    }

    void otherItemTypes()
    {
        // The sandbox's lakehouses and SQL endpoints are listed, not managed: refused by name.
        const QString ws = workspaceId(QStringLiteral("Sales Analytics"));
        const QList<FabricState::Item> others = m_sandbox->state()->otherItems(ws);
        QVERIFY(!others.isEmpty());
        const QString path = base(ws, true) + u'/' + others.first().id;
        QCOMPARE(m_http->call("DELETE", path).errorCode(), QStringLiteral("UnsupportedItemType"));
        QCOMPARE(m_http->post(path + QStringLiteral("/updateDefinition"), dumpJson(Json{{"definition", definitionWith(sqlMirroringJson())}})).errorCode(),
                 QStringLiteral("OperationNotSupportedForItem"));
        QCOMPARE(int(m_sandbox->state()->otherItems(ws).size()), int(others.size()));
    }
};

QTEST_GUILESS_MAIN(TestSandboxGenericItems)
#include "tst_sandbox_generic_items.moc"
