#include "models/mirroringdefinition.h"
#include "models/mirroringdefinitiontext.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTest>

#include <functional>

using namespace fmc;
using Severity = ValidationProblem::Severity;

namespace {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

QByteArray fixture(const QString &name)
{
    return readFile(QStringLiteral(FMC_TEST_DATA_DIR "/definitions/") + name);
}

QByteArray sample(const QString &name)
{
    return readFile(QStringLiteral(FMC_TEST_DATA_DIR "/../../resources/samples/") + name);
}

QByteArray compact(const QByteArray &pretty) { return dumpJson(*parseJson(pretty)); }

// The decoded payload of the documentation's Snowflake sample (compact, as the service sends it).
const QByteArray docsSnowflake = R"({"properties":{"source":{"type":"Snowflake","typeProperties":{"connection":"01a0a58c-718b-4a60-9667-58b894dece34","database":"TESTDB"}},"target":{"type":"MountedRelationalDatabase","typeProperties":{"defaultSchema":"dbo","format":"Delta"}},"mountedTables":[{"source":{"typeProperties":{"schemaName":"dbo","tableName":"testtable"}}}]}})";

// A document with fields this version does not know, at every level, in an odd but valid layout.
const QByteArray withUnknowns =
    "{\r\n\t\"$comment\": \"kept\",\r\n\t\"properties\": {\r\n\t\t\"source\": {\r\n\t\t\t\"type\": \"AzureSqlDatabase\",\r\n"
    "\t\t\t\"typeProperties\": {\r\n\t\t\t\t\"connection\": \"3F2B8C1E-5D4A-4E6B-9A7C-0D1E2F3A4B5C\",\r\n"
    "\t\t\t\t\"database\": \"Sales\",\r\n\t\t\t\t\"futureOption\": {\"a\": [1, 2.50, 1e3], \"b\": \"caf\\u00e9\"}\r\n\t\t\t}\r\n\t\t},\r\n"
    "\t\t\"target\": {\r\n\t\t\t\"type\": \"MountedRelationalDatabase\",\r\n\t\t\t\"typeProperties\": {\r\n"
    "\t\t\t\t\"format\": \"Delta\",\r\n\t\t\t\t\"retentionInDays\": 7\r\n\t\t\t},\r\n\t\t\t\"extra\": null\r\n\t\t},\r\n"
    "\t\t\"mountedTables\": [\r\n\t\t\t{\"source\": {\"typeProperties\": {\"schemaName\": \"dbo\", \"tableName\": \"A\"}}, \"target\": {\"x\": 1}},\r\n"
    "\t\t\t{\"source\": {\"typeProperties\": {\"schemaName\": \"dbo\", \"tableName\": \"B\"}}}\r\n\t\t],\r\n"
    "\t\t\"views\": true\r\n\t}\r\n}\r\n";

MirroringDefinition load(const QByteArray &bytes)
{
    QString error;
    auto definition = MirroringDefinition::fromJsonBytes(bytes, &error);
    if (!definition)
        qFatal("fixture does not parse: %s", qPrintable(error));
    return *definition;
}

QStringList describe(const QList<ValidationProblem> &problems)
{
    QStringList lines;
    for (const auto &p : problems)
        lines << QStringLiteral("%1 %2: %3").arg(p.isError() ? QStringLiteral("E") : QStringLiteral("W"), p.jsonPath, p.message);
    return lines;
}

struct Edit {
    std::function<void(MirroringDefinition &)> apply;
    std::function<void(MirroringDefinition &, const MirroringDefinition &)> restore;
    std::function<bool(const MirroringDefinition &)> check;
};

QHash<QString, Edit> edits()
{
    QHash<QString, Edit> e;
    e[QStringLiteral("retention 14")] = {
        [](MirroringDefinition &d) { d.setRetentionInDays(14); },
        [](MirroringDefinition &d, const MirroringDefinition &o) { d.setRetentionInDays(o.retentionInDays()); },
        [](const MirroringDefinition &d) { return d.retentionInDays() == 14; }};
    e[QStringLiteral("retention unset")] = {
        [](MirroringDefinition &d) { d.setRetentionInDays(std::nullopt); },
        [](MirroringDefinition &d, const MirroringDefinition &o) { d.setRetentionInDays(o.retentionInDays()); },
        [](const MirroringDefinition &d) { return !d.retentionInDays() && !d.toJsonBytes().contains("retentionInDays"); }};
    e[QStringLiteral("connection")] = {
        [](MirroringDefinition &d) { d.setConnection(QStringLiteral("00000000-1111-2222-3333-444444444444")); },
        [](MirroringDefinition &d, const MirroringDefinition &o) { d.setConnection(o.connection()); },
        [](const MirroringDefinition &d) { return d.connection() == QLatin1String("00000000-1111-2222-3333-444444444444"); }};
    e[QStringLiteral("database")] = {
        [](MirroringDefinition &d) { d.setDatabase(QStringLiteral("Ünïcode \"db\"")); },
        [](MirroringDefinition &d, const MirroringDefinition &o) { d.setDatabase(o.database()); },
        [](const MirroringDefinition &d) { return d.database() == QStringLiteral("Ünïcode \"db\""); }};
    e[QStringLiteral("default schema unset")] = {
        [](MirroringDefinition &d) { d.setDefaultSchema({}); },
        [](MirroringDefinition &d, const MirroringDefinition &o) { d.setDefaultSchema(o.defaultSchema()); },
        [](const MirroringDefinition &d) { return d.defaultSchema().isEmpty(); }};
    e[QStringLiteral("change data feed on")] = {
        [](MirroringDefinition &d) { d.setEnableDeltaChangeDataFeed(true); },
        [](MirroringDefinition &d, const MirroringDefinition &o) { d.setEnableDeltaChangeDataFeed(o.enableDeltaChangeDataFeed()); },
        [](const MirroringDefinition &d) { return d.enableDeltaChangeDataFeed() == true; }};
    e[QStringLiteral("source type")] = {
        [](MirroringDefinition &d) { d.setSourceType(QStringLiteral("SqlServer2025")); },
        [](MirroringDefinition &d, const MirroringDefinition &o) { d.setSourceType(o.sourceType()); },
        [](const MirroringDefinition &d) { return d.sourceType() == QLatin1String("SqlServer2025"); }};
    e[QStringLiteral("mirror all toggled")] = {
        [](MirroringDefinition &d) {
            if (d.mirrorAll())
                d.setMountedTables({{QStringLiteral("dbo"), QStringLiteral("T1")}});
            else
                d.setMirrorAll(true);
        },
        [](MirroringDefinition &d, const MirroringDefinition &o) {
            if (o.mirrorAll())
                d.setMirrorAll(true);
            else
                d.setMountedTables(o.mountedTables());
        },
        [](const MirroringDefinition &) { return true; }};
    e[QStringLiteral("append table")] = {
        [](MirroringDefinition &d) {
            auto tables = d.mountedTables();
            tables.append({QStringLiteral("hr"), QStringLiteral("Employees")});
            d.setMountedTables(tables);
        },
        [](MirroringDefinition &d, const MirroringDefinition &o) { d.setMountedTables(o.mountedTables()); },
        [](const MirroringDefinition &d) { return d.mountedTables().last().tableName == QLatin1String("Employees"); }};
    e[QStringLiteral("remove first table")] = {
        [](MirroringDefinition &d) {
            auto tables = d.mountedTables();
            tables.removeFirst();
            d.setMountedTables(tables);
        },
        [](MirroringDefinition &d, const MirroringDefinition &o) { d.setMountedTables(o.mountedTables()); },
        [](const MirroringDefinition &d) { return !d.mirrorAll(); }};
    e[QStringLiteral("rename first table")] = {
        [](MirroringDefinition &d) {
            auto tables = d.mountedTables();
            tables.first().tableName = QStringLiteral("Renamed");
            d.setMountedTables(tables);
        },
        [](MirroringDefinition &d, const MirroringDefinition &o) { d.setMountedTables(o.mountedTables()); },
        [](const MirroringDefinition &d) { return d.mountedTables().first().tableName == QLatin1String("Renamed"); }};
    e[QStringLiteral("add external storage")] = {
        [](MirroringDefinition &d) {
            auto list = d.externalStorages();
            list.append({QStringLiteral("AzureBlob"), QStringLiteral("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee")});
            d.setExternalStorages(list);
        },
        [](MirroringDefinition &d, const MirroringDefinition &o) { d.setExternalStorages(o.externalStorages()); },
        [](const MirroringDefinition &d) { return d.externalStorages().last().type == QLatin1String("AzureBlob"); }};
    e[QStringLiteral("landing zone folder")] = {
        [](MirroringDefinition &d) {
            auto zone = d.landingZone().value_or(LandingZone{});
            zone.rootFolder = QStringLiteral("Files/other");
            d.setLandingZone(zone);
        },
        [](MirroringDefinition &d, const MirroringDefinition &o) { d.setLandingZone(o.landingZone()); },
        [](const MirroringDefinition &d) { return d.landingZone()->rootFolder == QLatin1String("Files/other"); }};
    e[QStringLiteral("sap subtype unset")] = {
        [](MirroringDefinition &d) { d.setSapSubType({}); },
        [](MirroringDefinition &d, const MirroringDefinition &o) { d.setSapSubType(o.sapSubType()); },
        [](const MirroringDefinition &d) { return d.sapSubType().isEmpty(); }};
    return e;
}


Json randomValue(QRandomGenerator &random, int depth = 0)
{
    switch (random.bounded(depth > 1 ? 5 : 8)) {
    case 0: return Json(random.bounded(-5, 100));
    case 1: return Json(std::string("v\"\\é\t") + std::to_string(random.bounded(10)));
    case 2: return Json(random.bounded(2) == 1);
    case 3: return Json(nullptr);
    case 4: return Json(2.5);
    case 5: return Json::object();
    case 6: {
        Json object = Json::object();
        for (int i = 0, n = random.bounded(1, 4); i < n; ++i)
            object["k" + std::to_string(random.bounded(6))] = randomValue(random, depth + 1);
        return object;
    }
    default: {
        Json array = Json::array();
        for (int i = 0, n = random.bounded(0, 4); i < n; ++i)
            array.push_back(randomValue(random, depth + 1));
        return array;
    }
    }
}

// One random change somewhere in \a value: add, remove or replace a member or an item.
void mutate(Json &value, QRandomGenerator &random)
{
    Json *current = &value;
    while ((current->is_object() || current->is_array()) && !current->empty() && random.bounded(3) != 0) {
        auto it = current->begin();
        std::advance(it, random.bounded(int(current->size())));
        current = &*it;
    }
    if (current->is_object()) {
        const int op = random.bounded(3);
        if (op == 0 || current->empty()) {
            // Insert at a random position, as a setter placing a documented key would.
            const std::string key = "new" + std::to_string(random.bounded(1000));
            if (current->contains(key))
                return;
            const int at = random.bounded(int(current->size()) + 1);
            Json rebuilt = Json::object();
            int i = 0;
            for (auto it = current->begin(); it != current->end(); ++it, ++i) {
                if (i == at)
                    rebuilt[key] = randomValue(random);
                rebuilt[it.key()] = *it;
            }
            if (at == int(current->size()))
                rebuilt[key] = randomValue(random);
            *current = std::move(rebuilt);
        } else {
            auto it = current->begin();
            std::advance(it, random.bounded(int(current->size())));
            if (op == 1)
                current->erase(it.key());
            else
                it.value() = randomValue(random);
        }
    } else if (current->is_array()) {
        const int op = random.bounded(3);
        if (op == 0 || current->empty())
            current->insert(current->begin() + random.bounded(int(current->size()) + 1), randomValue(random));
        else if (op == 1)
            current->erase(current->begin() + random.bounded(int(current->size())));
        else
            (*current)[size_t(random.bounded(int(current->size())))] = randomValue(random);
    } else {
        *current = randomValue(random);
    }
}

} // namespace

class TestMirroringDefinition : public QObject
{
    Q_OBJECT
private slots:
    void examples_data();
    void examples();
    void oneFieldEdit_data();
    void oneFieldEdit();
    void exactEdits_data();
    void exactEdits();
    void unknownFieldsSurvive();
    void nonSapLandingZoneRoundTrips();
    void newDocument_data();
    void newDocument();
    void validate_data();
    void validate();
    void tableLimit_data();
    void tableLimit();
    void sourceTypes();
    void unsetAndMirrorAll();
    void tablesKeepTheirUnknownFields();
    void rejectsNonDefinitions_data();
    void rejectsNonDefinitions();
    void randomEdits_data();
    void randomEdits();
    void damagedInput_data();
    void damagedInput();
    void restrictedChanges_data();
    void restrictedChanges();
    void parseTableList_data();
    void parseTableList();
};

void TestMirroringDefinition::examples_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("sourceType");
    QTest::addColumn<bool>("mirrorAll");
    QTest::addColumn<int>("tables");
    QTest::addColumn<int>("warnings");

    // The examples of Microsoft's mirroring REST API article keep "<your source type>", which is kept
    // and only warned about.
    QTest::addRow("seed: whole database") << fixture(QStringLiteral("seed-whole-database.json"))
                                          << QStringLiteral("<your source type>") << true << 0 << 1;
    QTest::addRow("seed: selected tables") << fixture(QStringLiteral("seed-selected-tables.json"))
                                           << QStringLiteral("<your source type>") << false << 1 << 1;
    QTest::addRow("article: Snowflake with external storage")
        << sample(QStringLiteral("snowflake-external-storage.json")) << QStringLiteral("Snowflake") << false << 1 << 0;
    QTest::addRow("article: SAP Datasphere") << sample(QStringLiteral("sap-datasphere.json")) << QStringLiteral("SAP")
                                             << true << 0 << 0;
    QTest::addRow("sample: whole database") << sample(QStringLiteral("whole-database.json"))
                                            << QStringLiteral("AzureSqlDatabase") << true << 0 << 0;
    QTest::addRow("sample: selected tables") << sample(QStringLiteral("selected-tables.json"))
                                             << QStringLiteral("AzureSqlMI") << false << 2 << 0;
    QTest::addRow("docs Snowflake payload (compact)") << docsSnowflake << QStringLiteral("Snowflake") << false << 1 << 0;
    QTest::addRow("seed compact") << compact(fixture(QStringLiteral("seed-selected-tables.json")))
                                  << QStringLiteral("<your source type>") << false << 1 << 1;
    QTest::addRow("tabs, CRLF, unknown fields") << withUnknowns << QStringLiteral("AzureSqlDatabase") << false << 2 << 0;
}

void TestMirroringDefinition::examples()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, sourceType);
    QFETCH(bool, mirrorAll);
    QFETCH(int, tables);
    QFETCH(int, warnings);

    QString error;
    const auto definition = MirroringDefinition::fromJsonBytes(bytes, &error);
    QVERIFY2(definition, qPrintable(error));
    QCOMPARE(definition->sourceType(), sourceType);
    QCOMPARE(definition->mirrorAll(), mirrorAll);
    QCOMPARE(definition->mountedTables().size(), tables);
    QCOMPARE(definition->targetType(), QStringLiteral("MountedRelationalDatabase"));
    QCOMPARE(definition->format(), QStringLiteral("Delta"));
    const auto problems = definition->validate();
    QVERIFY2(!MirroringDefinition::hasErrors(problems), qPrintable(describe(problems).join('\n')));
    QCOMPARE(problems.size(), warnings);
    QVERIFY(!definition->isModified());
    QCOMPARE(definition->toJsonBytes(), bytes);

    // A copy that is edited and edited back is byte-identical too.
    MirroringDefinition copy = *definition;
    copy.setDefaultSchema(QStringLiteral("zzz"));
    copy.setDefaultSchema(definition->defaultSchema());
    QCOMPARE(copy.toJsonBytes(), bytes);
}

void TestMirroringDefinition::oneFieldEdit_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("edit");

    const QList<QPair<QString, QByteArray>> documents = {
        {QStringLiteral("seed whole"), fixture(QStringLiteral("seed-whole-database.json"))},
        {QStringLiteral("seed tables"), fixture(QStringLiteral("seed-selected-tables.json"))},
        {QStringLiteral("snowflake"), sample(QStringLiteral("snowflake-external-storage.json"))},
        {QStringLiteral("selected"), sample(QStringLiteral("selected-tables.json"))},
        {QStringLiteral("compact"), docsSnowflake},
        {QStringLiteral("tabs+crlf"), withUnknowns},
    };
    const QStringList common = {QStringLiteral("retention 14"), QStringLiteral("retention unset"),
                                QStringLiteral("connection"), QStringLiteral("database"),
                                QStringLiteral("default schema unset"), QStringLiteral("change data feed on"),
                                QStringLiteral("source type"), QStringLiteral("mirror all toggled"),
                                QStringLiteral("add external storage")};
    const QStringList withTables = {QStringLiteral("append table"), QStringLiteral("remove first table"),
                                    QStringLiteral("rename first table")};
    // Removing a table that has unknown fields cannot be undone from names alone; those two
    // edits are left out for the document with unknown fields.
    const QStringList lossy = {QStringLiteral("tabs+crlf: remove first table"), QStringLiteral("tabs+crlf: mirror all toggled")};
    for (const auto &[name, bytes] : documents) {
        QStringList names = common;
        if (!load(bytes).mirrorAll())
            names += withTables;
        for (const QString &edit : names) {
            const QString row = name + QStringLiteral(": ") + edit;
            if (!lossy.contains(row))
                QTest::newRow(qPrintable(row)) << bytes << edit;
        }
    }
    const QByteArray sap = sample(QStringLiteral("sap-datasphere.json"));
    for (const QString &edit : {QStringLiteral("landing zone folder"), QStringLiteral("sap subtype unset"),
                                QStringLiteral("retention 14"), QStringLiteral("mirror all toggled")})
        QTest::addRow("sap: %s", qPrintable(edit)) << sap << edit;
}

void TestMirroringDefinition::oneFieldEdit()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, edit);
    const Edit e = edits().value(edit);
    QVERIFY(e.apply);

    const MirroringDefinition original = load(bytes);
    MirroringDefinition edited = original;
    e.apply(edited);
    const QByteArray out = edited.toJsonBytes();

    // The new text parses, carries the edit, and holds exactly the edited document.
    const MirroringDefinition reloaded = load(out);
    QVERIFY(e.check(reloaded));
    QCOMPARE(dumpJson(reloaded.document()), dumpJson(edited.document()));

    // Restoring the field in the new text gives back the original bytes: nothing else moved.
    MirroringDefinition restored = reloaded;
    e.restore(restored, original);
    QCOMPARE(dumpJson(restored.document()), dumpJson(original.document()));
    QCOMPARE(restored.toJsonBytes(), bytes);
}

void TestMirroringDefinition::exactEdits_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("edit");
    QTest::addColumn<QByteArray>("expected");

    const QByteArray snowflake = sample(QStringLiteral("snowflake-external-storage.json"));
    QTest::addRow("retention value") << snowflake << QStringLiteral("retention 14")
                                     << QByteArray(snowflake).replace("\"retentionInDays\": 1", "\"retentionInDays\": 14");
    const QByteArray whole = fixture(QStringLiteral("seed-whole-database.json"));
    QTest::addRow("retention added after format")
        << whole << QStringLiteral("retention 14")
        << QByteArray(whole).replace("\"format\": \"Delta\"",
                                     "\"format\": \"Delta\",\n                \"retentionInDays\": 14");
    QTest::addRow("retention removed") << snowflake << QStringLiteral("retention unset")
                                       << QByteArray(snowflake).replace(",\n                \"retentionInDays\": 1", "");
    QTest::addRow("compact retention added")
        << docsSnowflake << QStringLiteral("retention 14")
        << QByteArray(docsSnowflake).replace("\"format\":\"Delta\"", "\"format\":\"Delta\",\"retentionInDays\":14");
    QTest::addRow("crlf tabs retention")
        << withUnknowns << QStringLiteral("retention 14")
        << QByteArray(withUnknowns).replace("\"retentionInDays\": 7", "\"retentionInDays\": 14");
    QTest::addRow("crlf tabs table appended inline")
        << withUnknowns << QStringLiteral("append table")
        << QByteArray(withUnknowns)
               .replace("\"tableName\": \"B\"}}}\r\n",
                        "\"tableName\": \"B\"}}},\r\n\t\t\t{\r\n\t\t\t\t\"source\": {\r\n\t\t\t\t\t\"typeProperties\": {\r\n"
                        "\t\t\t\t\t\t\"schemaName\": \"hr\",\r\n\t\t\t\t\t\t\"tableName\": \"Employees\"\r\n"
                        "\t\t\t\t\t}\r\n\t\t\t\t}\r\n\t\t\t}\r\n");
}

void TestMirroringDefinition::exactEdits()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, edit);
    QFETCH(QByteArray, expected);
    QVERIFY(bytes != expected);
    MirroringDefinition definition = load(bytes);
    edits().value(edit).apply(definition);
    QCOMPARE(definition.toJsonBytes(), expected);
}

void TestMirroringDefinition::unknownFieldsSurvive()
{
    MirroringDefinition definition = load(withUnknowns);
    definition.setRetentionInDays(3);
    definition.setSourceType(QStringLiteral("FutureSource"));
    definition.setMountedTables({{QStringLiteral("dbo"), QStringLiteral("B")}, {QStringLiteral("dbo"), QStringLiteral("A")}});
    const QByteArray out = definition.toJsonBytes();
    const Json doc = *parseJson(out);
    QCOMPARE(dumpJson(doc.at("$comment")), dumpJson(Json("kept")));
    QCOMPARE(dumpJson(doc.at("properties").at("views")), dumpJson(Json(true)));
    QVERIFY(doc.at("properties").at("target").at("extra").is_null());
    QCOMPARE(dumpJson(doc.at("properties").at("source").at("typeProperties").at("futureOption")),
             QByteArray(R"({"a":[1,2.5,1000.0],"b":"café"})"));
    // The spelling of untouched values is the original one.
    QVERIFY(out.contains("[1, 2.50, 1e3]"));
    QVERIFY(out.contains("caf\\u00e9"));
    QCOMPARE(dumpJson(doc.at("properties").at("source").at("type")), dumpJson(Json("FutureSource")));
    // Table A moved to the end and kept its unknown "target".
    QCOMPARE(dumpJson(doc.at("properties").at("mountedTables").at(1).at("target").at("x")), dumpJson(Json(1)));
    QVERIFY(!doc.at("properties").at("mountedTables").at(0).contains("target"));
    QCOMPARE(load(out).retentionInDays(), 3);
}

void TestMirroringDefinition::newDocument_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("tablesFirst");
    QTest::addRow("seed whole database") << QStringLiteral("seed-whole-database.json") << false;
    QTest::addRow("seed selected tables") << QStringLiteral("seed-selected-tables.json") << false;
    QTest::addRow("seed selected tables, tables set first") << QStringLiteral("seed-selected-tables.json") << true;
}

void TestMirroringDefinition::newDocument()
{
    QFETCH(QString, file);
    QFETCH(bool, tablesFirst);
    const MirroringDefinition reference = load(fixture(file));

    // Setters run in an order unlike the document's; the keys still come out in documented order.
    MirroringDefinition definition;
    QVERIFY(definition.mirrorAll());
    QCOMPARE(definition.targetType(), QStringLiteral("MountedRelationalDatabase"));
    if (tablesFirst && !reference.mirrorAll())
        definition.setMountedTables(reference.mountedTables());
    definition.setDefaultSchema(reference.defaultSchema());
    definition.setDatabase(reference.database());
    definition.setConnection(reference.connection());
    definition.setSourceType(reference.sourceType());
    if (!tablesFirst && !reference.mirrorAll())
        definition.setMountedTables(reference.mountedTables());
    QVERIFY(definition.isModified());

    // The documentation's four-space style, without a final newline.
    QCOMPARE(definition.toJsonBytes(), fixture(file).trimmed());
}

void TestMirroringDefinition::nonSapLandingZoneRoundTrips()
{
    // Loaded, one field edited, saved: the landingZone other tools wrote stays, byte for byte.
    const QByteArray bytes = fixture(QStringLiteral("azuresql-landingzone.json"));
    MirroringDefinition definition = load(bytes);
    QVERIFY(!MirroringDefinition::hasErrors(definition.validate()));
    QCOMPARE(definition.toJsonBytes(), bytes);
    definition.setDatabase(QStringLiteral("sales_eu"));
    QCOMPARE(definition.toJsonBytes(), QByteArray(bytes).replace("\"sales\"", "\"sales_eu\""));
    QCOMPARE(definition.landingZone()->type, QStringLiteral("MountedRelationalDatabase"));
    QVERIFY(definition.landingZone()->connection.isEmpty());
}

void TestMirroringDefinition::validate_data()
{
    QTest::addColumn<QByteArray>("base");
    QTest::addColumn<QString>("pointer");   // JSON pointer to change
    QTest::addColumn<QByteArray>("value");  // new JSON value; empty removes the key
    QTest::addColumn<QString>("path");      // expected problem path; empty: no errors at all
    QTest::addColumn<int>("severity");

    const QByteArray sql = sample(QStringLiteral("whole-database.json"));
    const QByteArray tables = sample(QStringLiteral("selected-tables.json"));
    const QByteArray snowflake = sample(QStringLiteral("snowflake-external-storage.json"));
    const QByteArray sap = sample(QStringLiteral("sap-datasphere.json"));
    const int E = int(Severity::Error), W = int(Severity::Warning);
    const QString src = QStringLiteral("/properties/source/typeProperties/");
    const QString tgt = QStringLiteral("/properties/target/typeProperties/");
    const QString p = QStringLiteral("properties.source.typeProperties.");
    const QString t = QStringLiteral("properties.target.typeProperties.");

    QTest::addRow("valid sql") << sql << QString() << QByteArray() << QString() << E;
    QTest::addRow("no properties") << sql << QStringLiteral("/properties") << QByteArray() << QStringLiteral("properties") << E;
    QTest::addRow("properties not object") << sql << QStringLiteral("/properties") << QByteArray("[]") << QStringLiteral("properties") << E;
    QTest::addRow("no source") << sql << QStringLiteral("/properties/source") << QByteArray() << QStringLiteral("properties.source") << E;
    QTest::addRow("no source type") << sql << QStringLiteral("/properties/source/type") << QByteArray() << QStringLiteral("properties.source.type") << E;
    QTest::addRow("source type not text") << sql << QStringLiteral("/properties/source/type") << QByteArray("5") << QStringLiteral("properties.source.type") << E;
    QTest::addRow("unknown source type warns") << sql << QStringLiteral("/properties/source/type") << QByteArray("\"FutureDb\"") << QStringLiteral("properties.source.type") << W;
    QTest::addRow("connection missing") << sql << src + "connection" << QByteArray() << p + "connection" << E;
    QTest::addRow("connection not guid") << sql << src + "connection" << QByteArray("\"my-connection\"") << p + "connection" << E;
    QTest::addRow("connection guid upper case ok") << sql << src + "connection" << QByteArray("\"3F2B8C1E-5D4A-4E6B-9A7C-0D1E2F3A4B5C\"") << QString() << E;
    QTest::addRow("connection with braces") << sql << src + "connection" << QByteArray("\"{3f2b8c1e-5d4a-4e6b-9a7c-0d1e2f3a4b5c}\"") << p + "connection" << E;
    QTest::addRow("GenericMirror needs no connection") << sql << QStringLiteral("/properties/source")
        << QByteArray(R"({"type":"GenericMirror","typeProperties":{}})") << QString() << E;
    QTest::addRow("database optional for Azure SQL") << sql << src + "database" << QByteArray() << QString() << E;
    QTest::addRow("database required for Snowflake") << snowflake << src + "database" << QByteArray() << p + "database" << E;
    QTest::addRow("database required for CosmosDb") << sql << QStringLiteral("/properties/source")
        << QByteArray(R"({"type":"CosmosDb","typeProperties":{"connection":"3f2b8c1e-5d4a-4e6b-9a7c-0d1e2f3a4b5c"}})") << p + "database" << E;
    QTest::addRow("CosmosDb with database") << sql << QStringLiteral("/properties/source")
        << QByteArray(R"({"type":"CosmosDb","typeProperties":{"connection":"3f2b8c1e-5d4a-4e6b-9a7c-0d1e2f3a4b5c","database":"db"}})") << QString() << E;
    QTest::addRow("valid snowflake") << snowflake << QString() << QByteArray() << QString() << E;
    QTest::addRow("storage without type") << snowflake << src + "externalStorages/0/type" << QByteArray() << p + "externalStorages[0].type" << E;
    QTest::addRow("storage bad connection") << snowflake << src + "externalStorages/0/typeProperties/connection" << QByteArray("\"x\"") << p + "externalStorages[0].typeProperties.connection" << E;
    QTest::addRow("storage no connection") << snowflake << src + "externalStorages/0/typeProperties" << QByteArray("{}") << p + "externalStorages[0].typeProperties.connection" << E;
    QTest::addRow("storages not a list") << snowflake << src + "externalStorages" << QByteArray("{}") << p + "externalStorages" << E;
    QTest::addRow("storages on Azure SQL warn") << sql << src + "externalStorages" << QByteArray(R"([{"type":"AmazonS3","typeProperties":{"connection":"5e8f1a2b-3c4d-4e5f-a6b7-c8d9e0f1a2b3"}}])") << p + "externalStorages" << W;
    QTest::addRow("valid sap (no connection)") << sap << QString() << QByteArray() << QString() << E;
    QTest::addRow("sap without landing zone") << sap << src + "landingZone" << QByteArray() << p + "landingZone" << E;
    QTest::addRow("landing zone no type") << sap << src + "landingZone/type" << QByteArray() << p + "landingZone.type" << E;
    for (const char *field : {"connection", "workspaceId", "artifactId", "rootFolder"}) {
        QTest::addRow("landing zone no %s", field) << sap << src + "landingZone/typeProperties/" + field << QByteArray()
                                                   << p + "landingZone.typeProperties." + field << E;
    }
    // Other Fabric tools write a landingZone of their own for non-SAP sources: kept, not checked.
    const QByteArray sqlZone = fixture(QStringLiteral("azuresql-landingzone.json"));
    QTest::addRow("non-SAP landing zone is valid") << sqlZone << QString() << QByteArray() << QString() << E;
    QTest::addRow("non-SAP landing zone, any shape") << sqlZone << src + "landingZone"
        << QByteArray(R"({"type":"Lakehouse","typeProperties":{"rootFolder":" "}})") << QString() << E;
    QTest::addRow("non-SAP landing zone not an object") << sqlZone << src + "landingZone" << QByteArray("\"x\"") << QString() << E;
    QTest::addRow("SAP landing zone of the non-SAP shape") << sap << src + "landingZone"
        << QByteArray(R"({"type":"MountedRelationalDatabase"})") << p + "landingZone.typeProperties.connection" << E;
    QTest::addRow("SAP landing zone not an object") << sap << src + "landingZone" << QByteArray("\"x\"") << p + "landingZone" << E;
    QTest::addRow("landing zone bad workspace id") << sap << src + "landingZone/typeProperties/workspaceId" << QByteArray("\"ws\"") << p + "landingZone.typeProperties.workspaceId" << E;
    QTest::addRow("landing zone blank root folder") << sap << src + "landingZone/typeProperties/rootFolder" << QByteArray("\" \"") << p + "landingZone.typeProperties.rootFolder" << E;
    QTest::addRow("no target") << sql << QStringLiteral("/properties/target") << QByteArray() << QStringLiteral("properties.target") << E;
    QTest::addRow("wrong target type") << sql << QStringLiteral("/properties/target/type") << QByteArray("\"Lakehouse\"") << QStringLiteral("properties.target.type") << E;
    QTest::addRow("no target type") << sql << QStringLiteral("/properties/target/type") << QByteArray() << QStringLiteral("properties.target.type") << E;
    QTest::addRow("no target typeProperties") << sql << QStringLiteral("/properties/target/typeProperties") << QByteArray() << QStringLiteral("properties.target.typeProperties") << E;
    QTest::addRow("format Parquet") << sql << tgt + "format" << QByteArray("\"Parquet\"") << t + "format" << E;
    QTest::addRow("format missing") << sql << tgt + "format" << QByteArray() << t + "format" << E;
    QTest::addRow("retention 0") << sql << tgt + "retentionInDays" << QByteArray("0") << t + "retentionInDays" << E;
    QTest::addRow("retention 31") << sql << tgt + "retentionInDays" << QByteArray("31") << t + "retentionInDays" << E;
    QTest::addRow("retention -1") << sql << tgt + "retentionInDays" << QByteArray("-1") << t + "retentionInDays" << E;
    QTest::addRow("retention 7.5") << sql << tgt + "retentionInDays" << QByteArray("7.5") << t + "retentionInDays" << E;
    QTest::addRow("retention \"7\"") << sql << tgt + "retentionInDays" << QByteArray("\"7\"") << t + "retentionInDays" << E;
    QTest::addRow("retention 1") << sql << tgt + "retentionInDays" << QByteArray("1") << QString() << E;
    QTest::addRow("retention 30") << sql << tgt + "retentionInDays" << QByteArray("30") << QString() << E;
    QTest::addRow("retention absent") << sql << tgt + "retentionInDays" << QByteArray() << QString() << E;
    QTest::addRow("cdf not boolean") << sql << tgt + "enableDeltaChangeDataFeed" << QByteArray("\"yes\"") << t + "enableDeltaChangeDataFeed" << E;
    QTest::addRow("cdf true") << sql << tgt + "enableDeltaChangeDataFeed" << QByteArray("true") << QString() << E;
    QTest::addRow("blank default schema") << sql << tgt + "defaultSchema" << QByteArray("\"\"") << t + "defaultSchema" << E;
    QTest::addRow("valid tables") << tables << QString() << QByteArray() << QString() << E;
    QTest::addRow("tables not a list") << tables << QStringLiteral("/properties/mountedTables") << QByteArray("{}") << QStringLiteral("properties.mountedTables") << E;
    QTest::addRow("empty table list warns") << tables << QStringLiteral("/properties/mountedTables") << QByteArray("[]") << QStringLiteral("properties.mountedTables") << W;
    QTest::addRow("empty table name") << tables << QStringLiteral("/properties/mountedTables/1/source/typeProperties/tableName") << QByteArray("\"\"")
                                      << QStringLiteral("properties.mountedTables[1].source.typeProperties.tableName") << E;
    QTest::addRow("no schema name") << tables << QStringLiteral("/properties/mountedTables/1/source/typeProperties/schemaName") << QByteArray()
                                    << QStringLiteral("properties.mountedTables[1].source.typeProperties.schemaName") << E;
    QTest::addRow("table entry not an object") << tables << QStringLiteral("/properties/mountedTables/1") << QByteArray("\"sales.Orders\"")
                                               << QStringLiteral("properties.mountedTables[1]") << E;
    QTest::addRow("duplicate table, other case") << tables << QStringLiteral("/properties/mountedTables/1/source/typeProperties")
        << QByteArray(R"({"schemaName":"DBO","tableName":"products"})") << QStringLiteral("properties.mountedTables[1].source.typeProperties.tableName") << E;
    QTest::addRow("same table, other schema") << tables << QStringLiteral("/properties/mountedTables/1/source/typeProperties")
        << QByteArray(R"({"schemaName":"archive","tableName":"Products"})") << QString() << E;

    // A hand-edited or generated file may hold a megabyte where a name belongs: the message quotes
    // an excerpt of it, not all of it (validate() checks the length of every message).
    const QByteArray huge = '"' + QByteArray(1024 * 1024, 'x') + '"';
    QTest::addRow("1 MB source type") << sql << QStringLiteral("/properties/source/type") << huge << QStringLiteral("properties.source.type") << W;
    QTest::addRow("1 MB connection") << sql << src + "connection" << huge << p + "connection" << E;
    QTest::addRow("1 MB storage connection") << snowflake << src + "externalStorages/0/typeProperties/connection" << huge
                                             << p + "externalStorages[0].typeProperties.connection" << E;
    QTest::addRow("1 MB landing zone workspace id") << sap << src + "landingZone/typeProperties/workspaceId" << huge
                                                    << p + "landingZone.typeProperties.workspaceId" << E;
    QTest::addRow("1 MB retention text") << sql << tgt + "retentionInDays" << huge << t + "retentionInDays" << E;
    QTest::addRow("100 KB retention list") << sql << tgt + "retentionInDays" << "[" + QByteArray("1,").repeated(50000) + "1]"
                                         << t + "retentionInDays" << E;
    const QByteArray hugeTable = R"({"source":{"typeProperties":{"schemaName":)" + huge + R"(,"tableName":)" + huge + "}}}";
    QTest::addRow("1 MB names listed twice") << tables << QStringLiteral("/properties/mountedTables")
        << "[" + hugeTable + "," + hugeTable + "]" << QStringLiteral("properties.mountedTables[1].source.typeProperties.tableName") << E;
}

void TestMirroringDefinition::validate()
{
    QFETCH(QByteArray, base);
    QFETCH(QString, pointer);
    QFETCH(QByteArray, value);
    QFETCH(QString, path);
    QFETCH(int, severity);

    Json doc = *parseJson(base);
    if (!pointer.isEmpty()) {
        const Json::json_pointer where(toStdString(pointer));
        if (value.isEmpty())
            doc[where.parent_pointer()].erase(where.back());
        else
            doc[where] = *parseJson(value);
    }
    const MirroringDefinition definition = load(dumpJson(doc, 4));
    const auto problems = definition.validate();
    const QString all = describe(problems).join('\n');
    if (path.isEmpty()) {
        QVERIFY2(!MirroringDefinition::hasErrors(problems), qPrintable(all));
        return;
    }
    const auto found = std::find_if(problems.begin(), problems.end(), [&](const ValidationProblem &p) {
        return p.jsonPath == path && int(p.severity) == severity;
    });
    QVERIFY2(found != problems.end(), qPrintable(QStringLiteral("expected %1, got:\n%2").arg(path, all).left(2000)));
    QVERIFY(found->message.endsWith('.'));
    QVERIFY(found->message.size() > 15);
    // A sentence, not an echo of the whole value: a long value is quoted as a cut excerpt.
    for (const ValidationProblem &problem : problems)
        QVERIFY2(problem.message.size() < 300, qPrintable(problem.message.left(300)));
    if (value.size() > 1000)
        QVERIFY2(found->message.contains(QChar(0x2026)), qPrintable(found->message));
    // An error blocks; these warnings come alone and do not.
    QCOMPARE(MirroringDefinition::hasErrors(problems), severity == int(Severity::Error));
}

void TestMirroringDefinition::tableLimit_data()
{
    QTest::addColumn<QString>("sourceType");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("customLimit"); // 0: the defaults
    QTest::addColumn<bool>("tooMany");
    QTest::addRow("Azure SQL 500") << QStringLiteral("AzureSqlDatabase") << 500 << 0 << false;
    QTest::addRow("Azure SQL 501") << QStringLiteral("AzureSqlDatabase") << 501 << 0 << true;
    QTest::addRow("Snowflake 1000") << QStringLiteral("Snowflake") << 1000 << 0 << false;
    QTest::addRow("Snowflake 1001") << QStringLiteral("Snowflake") << 1001 << 0 << true;
    QTest::addRow("Oracle limited to 10, 10") << QStringLiteral("Oracle") << 10 << 10 << false;
    QTest::addRow("Oracle limited to 10, 11") << QStringLiteral("Oracle") << 11 << 10 << true;
}

void TestMirroringDefinition::tableLimit()
{
    QFETCH(QString, sourceType);
    QFETCH(int, count);
    QFETCH(int, customLimit);
    QFETCH(bool, tooMany);

    MirroringDefinition definition;
    definition.setSourceType(sourceType);
    definition.setConnection(QStringLiteral("3f2b8c1e-5d4a-4e6b-9a7c-0d1e2f3a4b5c"));
    definition.setDatabase(QStringLiteral("db"));
    QList<MountedTable> tables;
    for (int i = 0; i < count; ++i)
        tables.append({QStringLiteral("dbo"), QStringLiteral("t%1").arg(i)});
    definition.setMountedTables(tables);
    DefinitionLimits limits;
    if (customLimit)
        limits.maxTablesBySourceType.insert(sourceType, customLimit);
    const auto problems = definition.validate(limits);
    QCOMPARE(MirroringDefinition::hasErrors(problems), tooMany);
    if (tooMany) {
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.first().jsonPath, QStringLiteral("properties.mountedTables"));
        QCOMPARE(problems.first().field, ValidationProblem::Field::MountedTables);
        QVERIFY2(problems.first().message.contains(QString::number(limits.maxTables(sourceType))),
                 qPrintable(problems.first().message));
    }
}

void TestMirroringDefinition::sourceTypes()
{
    const auto &types = MirroringDefinition::knownSourceTypes();
    QCOMPARE(types.size(), 13);
    QSet<QString> names;
    for (const auto &info : types) {
        QVERIFY(!info.displayName.isEmpty());
        names.insert(info.type);
    }
    QCOMPARE(names.size(), 13);
    for (const char *type : {"AzureMySql", "AzurePostgreSql", "AzureSqlDatabase", "AzureSqlMI", "CosmosDb",
                             "GenericMirror", "GoogleBigQuery", "MSSQL", "Oracle", "SAP", "SharePointList",
                             "Snowflake", "SqlServer2025"})
        QVERIFY2(names.contains(QLatin1String(type)), type);
    QVERIFY(!MirroringDefinition::sourceTypeInfo(QStringLiteral("GenericMirror"))->needsConnection);
    QVERIFY(!MirroringDefinition::sourceTypeInfo(QStringLiteral("SAP"))->needsConnection);
    QVERIFY(MirroringDefinition::sourceTypeInfo(QStringLiteral("CosmosDb"))->needsDatabase);
    QVERIFY(!MirroringDefinition::sourceTypeInfo(QStringLiteral("snowflake"))); // case matters
    QVERIFY(!MirroringDefinition::sourceTypeInfo(QStringLiteral("FutureDb")));
}

void TestMirroringDefinition::unsetAndMirrorAll()
{
    MirroringDefinition definition = load(sample(QStringLiteral("selected-tables.json")));
    QVERIFY(!definition.mirrorAll());

    definition.setMountedTables({});
    QVERIFY(!definition.mirrorAll());
    QVERIFY(definition.toJsonBytes().contains("\"mountedTables\": []"));
    definition.setMirrorAll(true);
    QVERIFY(definition.mirrorAll());
    QVERIFY(!definition.toJsonBytes().contains("mountedTables"));
    definition.setMirrorAll(false);
    QCOMPARE(definition.mountedTables().size(), 0);
    QVERIFY(!definition.mirrorAll());

    definition.setDatabase({});
    QVERIFY(!definition.toJsonBytes().contains("\"database\""));
    definition.setRetentionInDays(5);
    QCOMPARE(definition.retentionInDays(), 5);
    definition.setRetentionInDays(std::nullopt);
    QVERIFY(!definition.toJsonBytes().contains("retentionInDays"));
    definition.setEnableDeltaChangeDataFeed(false);
    QCOMPARE(definition.enableDeltaChangeDataFeed(), false);
    definition.setEnableDeltaChangeDataFeed(std::nullopt);
    QVERIFY(!definition.enableDeltaChangeDataFeed().has_value());
    definition.setLandingZone(std::nullopt);
    QVERIFY(!definition.landingZone());
    definition.setExternalStorages({{QStringLiteral("AmazonS3"), QStringLiteral("5e8f1a2b-3c4d-4e5f-a6b7-c8d9e0f1a2b3")}});
    QCOMPARE(definition.externalStorages().size(), 1);
    definition.setExternalStorages({});
    QVERIFY(!definition.toJsonBytes().contains("externalStorages"));

    // A field of the wrong type reads as unset and is replaced by a setter.
    MirroringDefinition odd = load(R"({"properties":{"target":{"typeProperties":{"retentionInDays":"7"}}}})");
    QVERIFY(!odd.retentionInDays());
    odd.setRetentionInDays(7);
    QCOMPARE(odd.toJsonBytes(), QByteArray(R"({"properties":{"target":{"typeProperties":{"retentionInDays":7}}}})"));
}

void TestMirroringDefinition::tablesKeepTheirUnknownFields()
{
    MirroringDefinition definition = load(withUnknowns);
    // Rename A (at position 0) in place: its unknown "target" stays with it.
    definition.setMountedTables({{QStringLiteral("dbo"), QStringLiteral("A2")}, {QStringLiteral("dbo"), QStringLiteral("B")}});
    const Json tables = definition.document().at("properties").at("mountedTables");
    QCOMPARE(dumpJson(tables.at(0).at("target").at("x")), dumpJson(Json(1)));
    QCOMPARE(dumpJson(tables.at(0).at("source").at("typeProperties").at("tableName")), dumpJson(Json("A2")));
    // Only the name changed in the text.
    QCOMPARE(definition.toJsonBytes(), QByteArray(withUnknowns).replace("\"tableName\": \"A\"", "\"tableName\": \"A2\""));
}

void TestMirroringDefinition::rejectsNonDefinitions_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("errorContains");
    QTest::addRow("empty") << QByteArray() << QStringLiteral("Not valid JSON");
    QTest::addRow("array") << QByteArray("[]") << QStringLiteral("object");
    QTest::addRow("string") << QByteArray("\"x\"") << QStringLiteral("object");
    QTest::addRow("binary") << QByteArray("\x89PNG\r\n\x1a\n\0\0", 10) << QStringLiteral("Not valid JSON");
    QTest::addRow("bad utf-8 in string") << QByteArray("{\"a\":\"\xff\"}") << QStringLiteral("Not valid JSON");
    QTest::addRow("deep") << QByteArray(40, '[') + QByteArray(40, ']') << QStringLiteral("nested deeper");
    QTest::addRow("truncated") << fixture(QStringLiteral("seed-whole-database.json")).left(50) << QStringLiteral("Not valid JSON");
}

void TestMirroringDefinition::rejectsNonDefinitions()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, errorContains);
    QString error;
    QVERIFY(!MirroringDefinition::fromJsonBytes(bytes, &error));
    QVERIFY2(error.contains(errorContains), qPrintable(error));
}

void TestMirroringDefinition::randomEdits_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("canonical"); // laid out as DefinitionText would write it
    QTest::addColumn<quint32>("seed");
    const QList<std::tuple<const char *, QByteArray, bool>> documents = {
        {"seed", fixture(QStringLiteral("seed-selected-tables.json")), true},
        {"snowflake", sample(QStringLiteral("snowflake-external-storage.json")), true},
        {"compact", docsSnowflake, true},
        {"tabs+crlf", withUnknowns, false},
    };
    for (const auto &[name, bytes, canonical] : documents) {
        for (quint32 seed = 1; seed <= 60; ++seed)
            QTest::addRow("%s #%u", name, seed) << bytes << canonical << seed;
    }
}

void TestMirroringDefinition::randomEdits()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, canonical);
    QFETCH(quint32, seed);
    QRandomGenerator random(seed);
    const Json before = *parseJson(bytes);
    Json after = before;
    for (int i = 0, n = random.bounded(1, 4); i < n; ++i)
        mutate(after, random);

    // Whatever changed, the text holds exactly the new document ...
    const QByteArray out = DefinitionText::patch(bytes, before, after);
    QString error;
    const auto reparsed = parseJson(out, &error);
    QVERIFY2(reparsed, qPrintable(error + QStringLiteral("\n") + QString::fromUtf8(out)));
    QCOMPARE(dumpJson(*reparsed), dumpJson(after));
    // ... and, for a document in our own layout, undoing the change gives back the same bytes
    // (unless the change emptied the whole document: "{}" keeps no layout to go back to).
    if (canonical && !after.empty())
        QCOMPARE(DefinitionText::patch(out, after, before), bytes);
}

void TestMirroringDefinition::damagedInput_data()
{
    QTest::addColumn<QByteArray>("bytes");
    // Hand-picked odd but valid documents ...
    QTest::addRow("duplicate keys") << QByteArray(R"({"properties":{"target":{"type":"A","type":"B"}},"properties":{"x":1}})");
    QTest::addRow("escaped keys") << QByteArray(R"({"prop\u0065rties":{"target":{"typeProperties":{"form\u0061t":"Delta"}}}})");
    QTest::addRow("byte order mark") << QByteArray("\xEF\xBB\xBF{\"properties\": {}}\n");
    QTest::addRow("spaces around colons") << QByteArray("{ \"properties\" : { \"target\" : { } } }");
    QTest::addRow("properties is a list") << QByteArray(R"({"properties":[1,2]})");
    QTest::addRow("empty object") << QByteArray("{}");
    // ... and damaged copies of a real one: most fail to parse, the rest must behave.
    const QByteArray base = sample(QStringLiteral("snowflake-external-storage.json"));
    QRandomGenerator random(7);
    for (int i = 0; i < 300; ++i) {
        QByteArray bytes = base;
        for (int j = 0, n = random.bounded(1, 4); j < n; ++j) {
            const int at = random.bounded(int(bytes.size()));
            switch (random.bounded(3)) {
            case 0: bytes[at] = char(random.bounded(256)); break;
            case 1: bytes.remove(at, random.bounded(1, 8)); break;
            default: bytes.insert(at, "{}[],:\"\\ \n"[random.bounded(11)]); break;
            }
        }
        QTest::addRow("damaged #%d", i) << bytes;
    }
}

void TestMirroringDefinition::damagedInput()
{
    QFETCH(QByteArray, bytes);
    QString error;
    const auto loaded = MirroringDefinition::fromJsonBytes(bytes, &error);
    if (!loaded) {
        QVERIFY(!error.isEmpty());
        return;
    }
    QCOMPARE(loaded->toJsonBytes(), bytes);
    loaded->validate(); // must not throw or crash on any shape
    MirroringDefinition edited = *loaded;
    edited.setRetentionInDays(12);
    edited.setMountedTables(edited.mountedTables() + QList<MountedTable>{{QStringLiteral("s"), QStringLiteral("t")}});
    edited.setLandingZone(LandingZone{QStringLiteral("Lakehouse"), {}, {}, {}, QStringLiteral("Files")});
    const auto reparsed = parseJson(edited.toJsonBytes(), &error);
    QVERIFY2(reparsed, qPrintable(error));
    QCOMPARE(dumpJson(*reparsed), dumpJson(edited.document()));
    QCOMPARE(edited.retentionInDays(), 12);
}

void TestMirroringDefinition::restrictedChanges_data()
{
    QTest::addColumn<QString>("edit");
    QTest::addColumn<QStringList>("paths");
    QTest::addRow("nothing") << QString() << QStringList();
    QTest::addRow("connection") << QStringLiteral("connection") << QStringList{QStringLiteral("properties.source.typeProperties.connection")};
    QTest::addRow("database") << QStringLiteral("database") << QStringList{QStringLiteral("properties.source.typeProperties.database")};
    QTest::addRow("default schema removed") << QStringLiteral("default schema unset")
                                            << QStringList{QStringLiteral("properties.target.typeProperties.defaultSchema")};
    QTest::addRow("retention is free") << QStringLiteral("retention 14") << QStringList();
    QTest::addRow("tables are free") << QStringLiteral("append table") << QStringList();
    QTest::addRow("change data feed is free") << QStringLiteral("change data feed on") << QStringList();
}

void TestMirroringDefinition::restrictedChanges()
{
    QFETCH(QString, edit);
    QFETCH(QStringList, paths);
    const MirroringDefinition before = load(sample(QStringLiteral("selected-tables.json")));
    MirroringDefinition after = before;
    if (!edit.isEmpty())
        edits().value(edit).apply(after);
    QStringList found;
    for (const auto &problem : after.restrictedChanges(before)) {
        QVERIFY(problem.isError());
        QVERIFY(problem.message.contains(QStringLiteral("Stopped")));
        found << problem.jsonPath;
    }
    QCOMPARE(found, paths);

    QVERIFY(MirroringDefinition::allowsRestrictedChanges(QStringLiteral("Initialized")));
    QVERIFY(MirroringDefinition::allowsRestrictedChanges(QStringLiteral("Stopped")));
    for (const char *status : {"Running", "Initializing", "Starting", "Stopping", "Paused", "stopped", ""})
        QVERIFY2(!MirroringDefinition::allowsRestrictedChanges(QLatin1String(status)), status);
}

void TestMirroringDefinition::parseTableList_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("tables");     // "schema|table" joined with ";"
    QTest::addColumn<QStringList>("unreadable");
    QTest::addRow("dotted lines") << QStringLiteral("dbo.Orders\n  sales.Customers  \r\n\nhr.Emp") << QStringLiteral("dbo|Orders;sales|Customers;hr|Emp") << QStringList();
    QTest::addRow("csv with header") << QStringLiteral("schemaName,tableName\ndbo,Orders\nsales , Customers\n") << QStringLiteral("dbo|Orders;sales|Customers") << QStringList();
    QTest::addRow("tsv") << QStringLiteral("dbo\tOrders\ndbo\tOrder Lines") << QStringLiteral("dbo|Orders;dbo|Order Lines") << QStringList();
    QTest::addRow("semicolons") << QStringLiteral("dbo;Orders") << QStringLiteral("dbo|Orders") << QStringList();
    QTest::addRow("quoted names keep dots") << QStringLiteral("\"my.schema\".\"a\"\"b\"\n[x.y].[t]]1]") << QStringLiteral("my.schema|a\"b;x.y|t]1") << QStringList();
    QTest::addRow("csv quoted comma") << QStringLiteral("\"dbo\",\"Orders, old\"") << QStringLiteral("dbo|Orders, old") << QStringList();
    QTest::addRow("header only on the first line") << QStringLiteral("dbo.A\nschema,table") << QStringLiteral("dbo|A;schema|table") << QStringList();
    QTest::addRow("unreadable lines") << QStringLiteral("Orders\na.b.c\n.x\n\"open\n dbo.ok ")
                                      << QStringLiteral("dbo|ok")
                                      << QStringList{QStringLiteral("Orders"), QStringLiteral("a.b.c"), QStringLiteral(".x"), QStringLiteral("\"open")};
    QTest::addRow("empty") << QString() << QString() << QStringList();
}

void TestMirroringDefinition::parseTableList()
{
    QFETCH(QString, text);
    QFETCH(QString, tables);
    QFETCH(QStringList, unreadable);
    QStringList rejected;
    QStringList got;
    for (const MountedTable &t : MirroringDefinition::parseTableList(text, &rejected))
        got << t.schemaName + QLatin1Char('|') + t.tableName;
    QCOMPARE(got.join(QLatin1Char(';')), tables);
    QCOMPARE(rejected, unreadable);
}

QTEST_GUILESS_MAIN(TestMirroringDefinition)
#include "tst_mirroringdefinition.moc"
