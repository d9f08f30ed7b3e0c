#include "models/itemdefinition.h"

#include <QFile>
#include <QTest>

using namespace fmc;

namespace {

Json readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return *parseJson(file.readAll());
}

QByteArray sample(const QString &name)
{
    QFile file(QStringLiteral(FMC_TEST_DATA_DIR "/../../resources/samples/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read sample %s", qPrintable(name));
    return file.readAll();
}

// The Snowflake sample payload of Microsoft's definition article, the only decodable one
// (docs/fabric-api-notes.md#spec-quirks).
const QByteArray docsPayload =
    "eyJwcm9wZXJ0aWVzIjp7InNvdXJjZSI6eyJ0eXBlIjoiU25vd2ZsYWtlIiwidHlwZVByb3BlcnRpZXMiOnsiY29ubmVjdGlvbiI6IjAx"
    "YTBhNThjLTcxOGItNGE2MC05NjY3LTU4Yjg5NGRlY2UzNCIsImRhdGFiYXNlIjoiVEVTVERCIn19LCJ0YXJnZXQiOnsidHlwZSI6Ik1v"
    "dW50ZWRSZWxhdGlvbmFsRGF0YWJhc2UiLCJ0eXBlUHJvcGVydGllcyI6eyJkZWZhdWx0U2NoZW1hIjoiZGJvIiwiZm9ybWF0IjoiRGVs"
    "dGEifX0sIm1vdW50ZWRUYWJsZXMiOlt7InNvdXJjZSI6eyJ0eXBlUHJvcGVydGllcyI6eyJzY2hlbWFOYW1lIjoiZGJvIiwidGFibGVO"
    "YW1lIjoidGVzdHRhYmxlIn19fV19fQ==";

Json part(const char *path, const QByteArray &payload, const char *type = "InlineBase64")
{
    return Json{{"path", path}, {"payload", payload.toStdString()}, {"payloadType", type}};
}

Json body(const Json &parts) { return Json{{"definition", {{"parts", parts}}}}; }

} // namespace

class TestItemDefinition : public QObject
{
    Q_OBJECT
private slots:
    void base64RoundTrip_data();
    void base64RoundTrip();
    void docsSample();
    void requestBody();
    void bareAndWrapped();
    void keepsPlatformAndUnknowns();
    void sampleRoundTrip_data();
    void sampleRoundTrip();
    void rejects_data();
    void rejects();
    void specExamplesAreErrorsNotCrashes_data();
    void specExamplesAreErrorsNotCrashes();
};

void TestItemDefinition::base64RoundTrip_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addRow("empty") << QByteArray();
    QTest::addRow("one byte") << QByteArray("a");
    QTest::addRow("two bytes") << QByteArray("ab");
    QTest::addRow("three bytes") << QByteArray("abc");
    QTest::addRow("all byte values") << [] {
        QByteArray all;
        for (int i = 0; i < 256; ++i)
            all.append(char(i));
        return all;
    }();
    QTest::addRow("utf-8 json") << QByteArray("{\"database\":\"Ünïcødé ✓\"}\n");
    QTest::addRow("crlf") << QByteArray("{\r\n}\r\n");
}

void TestItemDefinition::base64RoundTrip()
{
    QFETCH(QByteArray, bytes);
    const DefinitionPart p = DefinitionPart::fromBytes(QStringLiteral("x"), bytes);
    QCOMPARE(p.payload, QString::fromLatin1(bytes.toBase64()));
    QCOMPARE(p.payload.size() % 4, 0);
    QString error;
    const auto decoded = p.decodedPayload(&error);
    QVERIFY2(decoded, qPrintable(error));
    QCOMPARE(*decoded, bytes);
}

void TestItemDefinition::docsSample()
{
    QString error;
    const auto item = ItemDefinition::fromJson(Json{{"parts", Json::array({part("mirroring.json", docsPayload)})}}, &error);
    QVERIFY2(item, qPrintable(error));
    const auto definition = item->mirroringDefinition(&error);
    QVERIFY2(definition, qPrintable(error));
    QCOMPARE(definition->sourceType(), QStringLiteral("Snowflake"));
    QCOMPARE(definition->connection(), QStringLiteral("01a0a58c-718b-4a60-9667-58b894dece34"));
    QCOMPARE(definition->database(), QStringLiteral("TESTDB"));
    QCOMPARE(definition->defaultSchema(), QStringLiteral("dbo"));
    QCOMPARE(definition->mountedTables(), (QList<MountedTable>{{QStringLiteral("dbo"), QStringLiteral("testtable")}}));
    QVERIFY(definition->validate().isEmpty());
    // Unchanged, it encodes to the very same payload.
    QCOMPARE(ItemDefinition::fromMirroringDefinition(*definition).part(QStringLiteral("mirroring.json"))->payload,
             QString::fromLatin1(docsPayload));
}

void TestItemDefinition::requestBody()
{
    MirroringDefinition definition;
    definition.setSourceType(QStringLiteral("GenericMirror"));
    const ItemDefinition item = ItemDefinition::fromMirroringDefinition(definition);
    const QByteArray expectedPayload = definition.toJsonBytes().toBase64();
    QCOMPARE(dumpJson(item.toRequestBody()),
             QByteArray("{\"definition\":{\"parts\":[{\"path\":\"mirroring.json\",\"payload\":\"") + expectedPayload
                 + "\",\"payloadType\":\"InlineBase64\"}]}}");
    QCOMPARE(dumpJson(item.toJson()), dumpJson(item.toRequestBody().at("definition")));

    ItemDefinition withFormat = item;
    withFormat.setFormat(QStringLiteral("Default"));
    QVERIFY(dumpJson(withFormat.toJson()).startsWith("{\"format\":\"Default\",\"parts\":"));
}

void TestItemDefinition::bareAndWrapped()
{
    const Json parts = Json::array({part("mirroring.json", docsPayload)});
    QString error;
    const auto wrapped = ItemDefinition::fromJson(body(parts), &error);
    QVERIFY2(wrapped, qPrintable(error));
    const auto bare = ItemDefinition::fromJson(Json{{"parts", parts}}, &error);
    QVERIFY2(bare, qPrintable(error));
    QCOMPARE(dumpJson(wrapped->toRequestBody()), dumpJson(bare->toRequestBody()));
    QCOMPARE(dumpJson(wrapped->toRequestBody()), dumpJson(body(parts)));
    // A create request body carries the definition next to the display name.
    Json create = body(parts);
    create["displayName"] = "Mirrored database 1";
    QVERIFY(ItemDefinition::fromJson(create, &error));
}

void TestItemDefinition::keepsPlatformAndUnknowns()
{
    Json parts = Json::array({part("mirroring.json", docsPayload), part(".platform", "ZG90UGxhdGZvcm1CYXNlNjRTdHJpbmc=")});
    parts[1]["futurePartField"] = 3;
    Json input = body(parts);
    input["definition"]["format"] = "Default";
    input["definition"]["futureDefinitionField"] = Json::array({1});
    QString error;
    auto item = ItemDefinition::fromJson(input, &error);
    QVERIFY2(item, qPrintable(error));
    QCOMPARE(*item->format(), QStringLiteral("Default"));
    QCOMPARE(item->parts().size(), 2);
    QCOMPARE(*item->part(QStringLiteral(".platform"))->decodedPayload(), QByteArray("dotPlatformBase64String"));
    QCOMPARE(dumpJson(item->toRequestBody()), dumpJson(input));

    // Replacing the definition keeps the .platform part, its place and its payload.
    auto definition = *item->mirroringDefinition(&error);
    definition.setRetentionInDays(9);
    item->setMirroringDefinition(definition);
    QCOMPARE(item->parts().at(0).path, QStringLiteral("mirroring.json"));
    QCOMPARE(item->parts().at(1).payload, QStringLiteral("ZG90UGxhdGZvcm1CYXNlNjRTdHJpbmc="));
    QCOMPARE(item->mirroringDefinition(&error)->retentionInDays(), 9);

    const auto platform = item->part(QStringLiteral(".platform"));
    const ItemDefinition rebuilt = ItemDefinition::fromMirroringDefinition(definition, platform);
    QCOMPARE(rebuilt.parts().size(), 2);
    QCOMPARE(rebuilt.parts().at(1).path, QStringLiteral(".platform"));
    QCOMPARE(dumpJson(rebuilt.toJson().at("parts").at(1)), dumpJson(parts[1]));

    // Without updateMetadata the .platform part is dropped before updateDefinition.
    ItemDefinition update = rebuilt;
    QVERIFY(update.removePart(QStringLiteral(".platform")));
    QVERIFY(!update.removePart(QStringLiteral(".platform")));
    QCOMPARE(update.parts().size(), 1);
    QCOMPARE(update.parts().first().path, QStringLiteral("mirroring.json"));
}

void TestItemDefinition::sampleRoundTrip_data()
{
    QTest::addColumn<QString>("file");
    for (const char *name : {"whole-database.json", "selected-tables.json", "snowflake-external-storage.json", "sap-datasphere.json"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestItemDefinition::sampleRoundTrip()
{
    QFETCH(QString, file);
    const QByteArray bytes = sample(file);
    const auto definition = MirroringDefinition::fromJsonBytes(bytes);
    QVERIFY(definition);
    QVERIFY(!MirroringDefinition::hasErrors(definition->validate()));
    const Json requestBody = ItemDefinition::fromMirroringDefinition(*definition).toRequestBody();
    // Through text, as it travels.
    const auto item = ItemDefinition::fromJson(*parseJson(dumpJson(requestBody)));
    QVERIFY(item);
    QString error;
    const auto back = item->mirroringDefinition(&error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->toJsonBytes(), bytes);
}

void TestItemDefinition::rejects_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("parses");         // fromJson succeeds; the failure is in mirroringDefinition()
    QTest::addColumn<QString>("errorContains");

    auto text = [](const Json &j) { return dumpJson(j); };
    const QByteArray notJson = QByteArray("not json").toBase64();
    QTest::addRow("not an object") << text(Json::array()) << false << QStringLiteral("object");
    QTest::addRow("no parts") << text(Json{{"definition", Json::object()}}) << false << QStringLiteral("“parts”");
    QTest::addRow("parts not a list") << text(Json{{"parts", "x"}}) << false << QStringLiteral("“parts”");
    QTest::addRow("definition not an object") << text(Json{{"definition", 1}}) << false << QStringLiteral("“definition”");
    QTest::addRow("part not an object") << text(Json{{"parts", Json::array({1})}}) << false << QStringLiteral("Part 1");
    QTest::addRow("part without path") << text(Json{{"parts", Json::array({Json{{"payload", ""}, {"payloadType", "InlineBase64"}}})}})
                                       << false << QStringLiteral("no path");
    QTest::addRow("part without payload") << text(Json{{"parts", Json::array({Json{{"path", "mirroring.json"}, {"payloadType", "InlineBase64"}}})}})
                                          << false << QStringLiteral("“mirroring.json” has no payload");
    QTest::addRow("payload type") << text(body(Json::array({part("mirroring.json", docsPayload, "Inline")})))
                                  << false << QStringLiteral("only InlineBase64");
    QTest::addRow("not base64: dots") << text(body(Json::array({part("mirroring.json", "eyAicHJvcGVydGllcy..WJsZSIgfSB9IH0")})))
                                      << false << QStringLiteral("“mirroring.json” is not valid Base64");
    QTest::addRow("not base64: line break") << text(body(Json::array({part("mirroring.json", "e30=\n")})))
                                            << false << QStringLiteral("not valid Base64");
    QTest::addRow("not base64: lone character") << text(body(Json::array({part("mirroring.json", "e30=e")})))
                                                << false << QStringLiteral("not valid Base64");
    QTest::addRow("not base64 in .platform") << text(body(Json::array({part("mirroring.json", docsPayload), part(".platform", "%%%")})))
                                             << false << QStringLiteral("“.platform” is not valid Base64");
    QTest::addRow("duplicate part") << text(body(Json::array({part("mirroring.json", docsPayload), part("mirroring.json", docsPayload)})))
                                    << false << QStringLiteral("two parts");
    QTest::addRow("wrong part name") << text(body(Json::array({part("MirroredDatabase.json", docsPayload)})))
                                     << false << QStringLiteral("no mirroring.json part (it has MirroredDatabase.json)");
    QTest::addRow("no parts at all") << text(body(Json::array())) << false << QStringLiteral("no mirroring.json part");
    QTest::addRow("payload not json") << text(body(Json::array({part("mirroring.json", notJson)})))
                                      << true << QStringLiteral("“mirroring.json” is not a valid definition");
    QTest::addRow("payload json array") << text(body(Json::array({part("mirroring.json", QByteArray("[]").toBase64())})))
                                        << true << QStringLiteral("“mirroring.json”");
    QTest::addRow("payload binary") << text(body(Json::array({part("mirroring.json", QByteArray("\xff\xfe{\0}", 5).toBase64())})))
                                    << true << QStringLiteral("Not valid JSON");
}

void TestItemDefinition::rejects()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, parses);
    QFETCH(QString, errorContains);
    QString error;
    const auto item = ItemDefinition::fromJson(*parseJson(input), &error);
    QCOMPARE(bool(item), parses);
    if (item) {
        QVERIFY(!item->mirroringDefinition(&error));
    }
    QVERIFY2(error.contains(errorContains), qPrintable(error));
}

void TestItemDefinition::specExamplesAreErrorsNotCrashes_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("pointer");
    QTest::addRow("getDefinition 200") << QStringLiteral("GetMirroredDatabaseDefinition.json") << QStringLiteral("/responses/200/body");
    QTest::addRow("updateDefinition request")
        << QStringLiteral("UpdateMirroredDatabaseDefinition.json") << QStringLiteral("/parameters/updateMirroredDatabaseDefinitionRequest");
    QTest::addRow("create request") << QStringLiteral("CreateMirroredDatabase.json") << QStringLiteral("/parameters/createMirroredDatabaseRequest");
}

void TestItemDefinition::specExamplesAreErrorsNotCrashes()
{
    QFETCH(QString, file);
    QFETCH(QString, pointer);
    const Json example = readJson(QStringLiteral(FMC_SPEC_DIR "/mirroredDatabase/examples/") + file);
    const Json &requestOrResponse = example.at(Json::json_pointer(pointer.toStdString()));
    // The spec's payload is elided ("..."), so it cannot be decoded: a clear error, not a crash.
    QString error;
    QVERIFY(!ItemDefinition::fromJson(requestOrResponse, &error));
    QCOMPARE(error, QStringLiteral("The payload of part “mirroring.json” is not valid Base64."));

    // With the payload replaced, the same shape (including its .platform part) is accepted.
    Json fixed = requestOrResponse;
    fixed["definition"]["parts"][0]["payload"] = docsPayload.toStdString();
    const auto item = ItemDefinition::fromJson(fixed, &error);
    QVERIFY2(item, qPrintable(error));
    QVERIFY(item->mirroringDefinition(&error));
    QCOMPARE(dumpJson(item->toRequestBody().at("definition")), dumpJson(fixed.at("definition")));
}

QTEST_GUILESS_MAIN(TestItemDefinition)
#include "tst_itemdefinition.moc"
