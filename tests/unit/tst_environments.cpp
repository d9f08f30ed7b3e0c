// The pure parts of compare and promote (issue #21): the semantic summary of two definitions for
// each kind of difference, the rebinding map (applied, written, read back, refused when foreign),
// where maps are remembered and shared (QSettings per pair, a JSON file), the fabric-cicd
// parameter.yml text exactly, and the readable request preview with its parts decoded.
#include "app/environments/rebindingstore.h"
#include "models/definitioncomparison.h"
#include "models/fabriccicdparameters.h"
#include "models/rebindingmap.h"
#include "models/requestpreview.h"
#include "models/itemdefinition.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace fmc;
using Aspect = ComparisonLine::Aspect;

namespace {

const QByteArray kBase = R"({
  "properties": {
    "source": {
      "type": "AzureSqlDatabase",
      "typeProperties": { "connection": "c0ffee00-0000-4000-8000-000000000001", "database": "sales" }
    },
    "target": {
      "type": "MountedRelationalDatabase",
      "typeProperties": { "format": "Delta", "defaultSchema": "dbo", "retentionInDays": 7 }
    },
    "mountedTables": [
      { "source": { "typeProperties": { "schemaName": "dbo", "tableName": "orders" } } },
      { "source": { "typeProperties": { "schemaName": "dbo", "tableName": "customers" } } }
    ]
  }
})";

MirroringDefinition base()
{
    return *MirroringDefinition::fromJsonBytes(kBase);
}

RebindingMap devToProd()
{
    RebindingMap map = RebindingMap::identity(base(), QStringLiteral("SalesMirror"));
    map.connection.to = QStringLiteral("c0ffee00-0000-4000-8000-0000000000ff");
    map.database.to = QStringLiteral("sales_prod");
    map.displayName.to = QStringLiteral("SalesMirror \"prod\"");
    return map;
}

} // namespace

Q_DECLARE_METATYPE(QList<fmc::ComparisonLine::Aspect>)

class TestEnvironments : public QObject
{
    Q_OBJECT
private slots:
    void comparison_data();
    void comparison();
    void comparisonOfMirrorAllAndTables();
    void rebindingApplies();
    void mapJsonRoundTrip();
    void mapRefusesForeignJson_data();
    void mapRefusesForeignJson();
    void mapFileRoundTrip();
    void mapRememberedPerPair();
    void parameterYml();
    void parameterYmlWithNothingToReplace();
    void previewDecodesParts();
};

void TestEnvironments::comparison_data()
{
    QTest::addColumn<QByteArray>("edit"); // a JSON merge of the right side's properties
    QTest::addColumn<QList<Aspect>>("aspects");
    QTest::addColumn<QString>("left");
    QTest::addColumn<QString>("right");
    QTest::addRow("same") << QByteArray("{}") << QList<Aspect>{} << QString() << QString();
    QTest::addRow("source type") << QByteArray(R"({"source":{"type":"AzureSqlMI"}})") << QList<Aspect>{Aspect::SourceType}
                                 << "AzureSqlDatabase" << "AzureSqlMI";
    QTest::addRow("connection") << QByteArray(R"({"source":{"typeProperties":{"connection":"c0ffee00-0000-4000-8000-0000000000ff"}}})")
                                << QList<Aspect>{Aspect::Connection} << "c0ffee00-0000-4000-8000-000000000001"
                                << "c0ffee00-0000-4000-8000-0000000000ff";
    QTest::addRow("database") << QByteArray(R"({"source":{"typeProperties":{"database":"sales_prod"}}})")
                              << QList<Aspect>{Aspect::Database} << "sales" << "sales_prod";
    QTest::addRow("target schema") << QByteArray(R"({"target":{"typeProperties":{"defaultSchema":null}}})")
                                   << QList<Aspect>{Aspect::TargetSchema} << "dbo" << "(none)";
    QTest::addRow("retention") << QByteArray(R"({"target":{"typeProperties":{"retentionInDays":30}}})")
                               << QList<Aspect>{Aspect::Retention} << "7 days" << "30 days";
    QTest::addRow("change data feed") << QByteArray(R"({"target":{"typeProperties":{"enableDeltaChangeDataFeed":true}}})")
                                      << QList<Aspect>{Aspect::ChangeDataFeed} << "off" << "on";
    QTest::addRow("other field") << QByteArray(R"({"target":{"typeProperties":{"format":"Parquet"}}})")
                                 << QList<Aspect>{Aspect::Other} << "properties.target.typeProperties.format"
                                 << "properties.target.typeProperties.format";
    QTest::addRow("database and retention") << QByteArray(R"({"source":{"typeProperties":{"database":"x"}},"target":{"typeProperties":{"retentionInDays":1}}})")
                                            << QList<Aspect>{Aspect::Database, Aspect::Retention} << QString() << QString();
}

void TestEnvironments::comparison()
{
    QFETCH(QByteArray, edit);
    QFETCH(QList<Aspect>, aspects);
    QFETCH(QString, left);
    QFETCH(QString, right);
    Json doc = base().document();
    doc["properties"].merge_patch(Json::parse(edit.toStdString()));
    const MirroringDefinition other = *MirroringDefinition::fromJsonBytes(dumpJson(doc));
    const DefinitionComparison c = DefinitionComparison::compare(base(), other);
    QCOMPARE(c.differingAspects(), aspects);
    QCOMPARE(c.isSame(), aspects.isEmpty());
    if (aspects.size() == 1) {
        const auto line = std::find_if(c.lines().begin(), c.lines().end(),
                                       [&](const ComparisonLine &l) { return l.aspect == aspects.first(); });
        QCOMPARE(line->left, left);
        QCOMPARE(line->right, right);
    }
    QVERIFY(c.tablesOnlyLeft().isEmpty());
    // Reversed, the same aspects differ.
    QCOMPARE(DefinitionComparison::compare(other, base()).differingAspects(), aspects);
}

void TestEnvironments::comparisonOfMirrorAllAndTables()
{
    MirroringDefinition right = base();
    right.setMountedTables({{QStringLiteral("DBO"), QStringLiteral("ORDERS")}, {QStringLiteral("sales"), QStringLiteral("returns")}});
    DefinitionComparison c = DefinitionComparison::compare(base(), right);
    QCOMPARE(c.differingAspects(), QList<Aspect>{Aspect::Tables});
    // Names compare case-blind, as SQL Server's do.
    QCOMPARE(c.tablesOnlyLeft(), QStringList{"dbo.customers"});
    QCOMPARE(c.tablesOnlyRight(), QStringList{"sales.returns"});

    right.setMirrorAll(true);
    c = DefinitionComparison::compare(base(), right);
    QCOMPARE(c.differingAspects(), QList<Aspect>{Aspect::Tables});
    QCOMPARE(c.lines()[int(Aspect::Tables)].left, QStringLiteral("2 tables"));
    QCOMPARE(c.lines()[int(Aspect::Tables)].right, QStringLiteral("all data"));
    QVERIFY(c.tablesOnlyLeft().isEmpty()); // "all data" has no list to compare with

    // The diff aligns both sides in one layout, whatever the bytes looked like.
    const MirroringDefinition compact = *MirroringDefinition::fromJsonBytes(dumpJson(base().document()));
    const QList<DiffRow> rows = DefinitionComparison::compare(base(), compact).diffRows(-1);
    QVERIFY(std::all_of(rows.begin(), rows.end(), [](const DiffRow &r) { return r.kind == DiffRow::Kind::Same; }));
}

void TestEnvironments::rebindingApplies()
{
    RebindingMap map = devToProd();
    map.defaultSchema.to = QStringLiteral("reporting");
    const MirroringDefinition promoted = map.apply(base());
    QCOMPARE(promoted.connection(), map.connection.to);
    QCOMPARE(promoted.database(), QStringLiteral("sales_prod"));
    QCOMPARE(promoted.defaultSchema(), QStringLiteral("reporting"));
    QCOMPARE(promoted.mountedTables(), base().mountedTables());
    QCOMPARE(map.targetName(), QStringLiteral("SalesMirror \"prod\""));
    // Empty "to" keeps the source's value.
    const MirroringDefinition kept = RebindingMap::identity(base(), QStringLiteral("SalesMirror")).apply(base());
    QVERIFY(kept.document() == base().document());
    QCOMPARE(RebindingMap::identity(base(), QStringLiteral("SalesMirror")).targetName(), QStringLiteral("SalesMirror"));
}

void TestEnvironments::mapJsonRoundTrip()
{
    const RebindingMap map = devToProd();
    const Json json = map.toJson();
    QVERIFY(json.at("format") == Json("fmc-rebinding-map"));
    QCOMPARE(RebindingMap::fromJson(json), std::optional<RebindingMap>(map));
}

void TestEnvironments::mapRefusesForeignJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("why");
    QTest::addRow("not an object") << QByteArray("[1]") << "not a rebinding map";
    QTest::addRow("other format") << QByteArray(R"({"format":"x","version":1})") << "not a rebinding map";
    QTest::addRow("newer version") << QByteArray(R"({"format":"fmc-rebinding-map","version":2})") << "version";
    QTest::addRow("number as value") << QByteArray(R"({"format":"fmc-rebinding-map","version":1,"database":{"to":5}})")
                                     << "\"database.to\"";
}

void TestEnvironments::mapRefusesForeignJson()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, why);
    QString error;
    QVERIFY(!RebindingMap::fromJson(Json::parse(json.toStdString()), &error));
    QVERIFY2(error.contains(why), qPrintable(error));
}

void TestEnvironments::mapFileRoundTrip()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sales-dev-to-prod.json"));
    QString error;
    QVERIFY2(RebindingStore::saveFile(path, devToProd(), &error), qPrintable(error));
    QCOMPARE(RebindingStore::loadFile(path, &error), std::optional<RebindingMap>(devToProd()));
    // Not JSON, and too large: refused with a reason, nothing half-read.
    QFile bad(dir.filePath(QStringLiteral("bad.json")));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("{ not json");
    bad.close();
    QVERIFY(!RebindingStore::loadFile(bad.fileName(), &error));
    QVERIFY(error.contains(QLatin1String("not JSON")));
    QFile big(dir.filePath(QStringLiteral("big.json")));
    QVERIFY(big.open(QIODevice::WriteOnly));
    big.write(QByteArray(RebindingStore::kMaxFileBytes + 1, ' '));
    big.close();
    QVERIFY(!RebindingStore::loadFile(big.fileName(), &error));
    QVERIFY(error.contains(QLatin1String("too large")));
    QVERIFY(!RebindingStore::saveFile(dir.filePath(QStringLiteral("missing/dir/map.json")), devToProd(), &error));
}

void TestEnvironments::mapRememberedPerPair()
{
    QTemporaryDir dir;
    const QString ini = dir.filePath(QStringLiteral("settings.ini"));
    const QString pair = RebindingStore::pairKey(QStringLiteral("DEV"), QStringLiteral("ws1"), QStringLiteral("db1"),
                                                 QStringLiteral("PROD"), QStringLiteral("ws2"));
    const QString other = RebindingStore::pairKey(QStringLiteral("DEV"), QStringLiteral("ws1"), QStringLiteral("db1"),
                                                  QStringLiteral("TEST"), QStringLiteral("ws3"));
    {
        QSettings settings(ini, QSettings::IniFormat);
        RebindingStore(settings).remember(pair, devToProd());
    }
    QSettings settings(ini, QSettings::IniFormat); // read back from the file, as the next session does
    QCOMPARE(RebindingStore(settings).remembered(pair), std::optional<RebindingMap>(devToProd()));
    QVERIFY(!RebindingStore(settings).remembered(other));
}

void TestEnvironments::parameterYml()
{
    RebindingMap map = devToProd();
    map.defaultSchema.to = QStringLiteral("reporting");
    const QString expected = QStringLiteral(
        "# fabric-cicd deployment parameters, written by Fabric Mirroring Console\n"
        "# for the mirrored database \"SalesMirror\" (environment \"PROD\").\n"
        "find_replace:\n"
        "    # source connection id\n"
        "    - find_value: \"c0ffee00-0000-4000-8000-000000000001\"\n"
        "      replace_value:\n"
        "          \"PROD\": \"c0ffee00-0000-4000-8000-0000000000ff\"\n"
        "      item_type: \"MirroredDatabase\"\n"
        "      item_name: \"SalesMirror\"\n"
        "    # source database name\n"
        "    - find_value: \"sales\"\n"
        "      replace_value:\n"
        "          \"PROD\": \"sales_prod\"\n"
        "      item_type: \"MirroredDatabase\"\n"
        "      item_name: \"SalesMirror\"\n"
        "# Not written here: the default schema \"dbo\" → \"reporting\" and the display name \"SalesMirror\" → \"SalesMirror \\\"prod\\\"\"\n"
        "# (rebind them in the item's folder or name it in the target workspace).\n");
    QCOMPARE(FabricCicdParameters::parameterYml(map, QStringLiteral("PROD")), expected);
}

void TestEnvironments::parameterYmlWithNothingToReplace()
{
    const QString yml = FabricCicdParameters::parameterYml(RebindingMap::identity(base(), QStringLiteral("a\nb")),
                                                           QStringLiteral("TEST"));
    QCOMPARE(yml, QStringLiteral("# fabric-cicd deployment parameters, written by Fabric Mirroring Console\n"
                                 "# for the mirrored database \"a\\nb\" (environment \"TEST\").\n"
                                 "# The rebinding map changes no connection id or database name.\n"
                                 "find_replace: []\n"));
    QCOMPARE(FabricCicdParameters::quoted(QStringLiteral("a\"\\\t\x01")), QStringLiteral("\"a\\\"\\\\\\t\\x01\""));
}

void TestEnvironments::previewDecodesParts()
{
    const ItemDefinition item = ItemDefinition::fromMirroringDefinition(base());
    const RequestPreview preview{QStringLiteral("POST"), QStringLiteral("https://api.example/v1/workspaces/w/mirroredDatabases"),
                                 Json{{"displayName", "SalesMirror"}, {"definition", item.toJson()}}};
    const QString text = preview.readableText();
    QVERIFY(text.startsWith(QLatin1String("POST https://api.example/v1/workspaces/w/mirroredDatabases\n\n{")));
    QVERIFY(text.contains(QLatin1String("\"payload (decoded)\": {")));
    QVERIFY(text.contains(QLatin1String("\"tableName\": \"customers\"")));
    // The body sent keeps the Base64 only.
    QVERIFY(!preview.body["definition"]["parts"][0].contains("payload (decoded)"));
}

QTEST_GUILESS_MAIN(TestEnvironments)
#include "tst_environments.moc"
