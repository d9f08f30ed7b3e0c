// The mirror item types beside mirrored databases (issue #19 part 3): every response body of the
// official mirroredCatalog, mirroredAzureDatabricksCatalog and sqlDatabase examples decodes into
// our types and toJson() gives it back (unknown fields such as `scope`, `mirrorStatus` and the
// restore points kept; nulls count as absent); enum values added later are kept as text; the
// item type decides what applies; and the list model's health words come from each type's status.
#include "models/catalogmirroringstatus.h"
#include "models/catalogtablestatus.h"
#include "models/fleetmodel.h"
#include "models/mirroredazuredatabrickscatalog.h"
#include "models/mirroredcatalog.h"
#include "models/mirroritemkind.h"
#include "models/mirroritemlistmodel.h"
#include "models/page.h"
#include "models/sqldatabase.h"
#include "models/tablestatusmodel.h"
#include "tests/support/normalisedjson.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

#include <functional>
#include <map>

using namespace fmc;
using namespace fmc::test;

Q_DECLARE_METATYPE(fmc::FleetModel::Bucket)

namespace {

Json exampleBody(const QString &file)
{
    QFile f(QStringLiteral(FMC_SPEC_DIR "/") + file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const auto json = parseJson(f.readAll());
    return json ? json->at("responses").at("200").at("body") : Json();
}

template <typename T>
bool roundTrips(const Json &body, QString *why)
{
    std::optional<T> value = T::fromJson(body, why);
    if (!value)
        return false;
    if (normalisedJson(value->toJson(), true) != normalisedJson(body, true)) {
        *why = QStringLiteral("toJson() differs:\n%1\nwas:\n%2").arg(toQString(value->toJson().dump(1)), toQString(body.dump(1)));
        return false;
    }
    return true;
}

} // namespace

class TestMirrorItemModels : public QObject
{
    Q_OBJECT
private slots:
    void examplesRoundTrip_data();
    void examplesRoundTrip();
    void unknownValuesAreKept();
    void kinds_data();
    void kinds();
    void health_data();
    void health();
    void fleetBucketOfAMirroredDatabase_data();
    void fleetBucketOfAMirroredDatabase();
    void fleetRoleChangeIsSignalled();
    void listsByKeyedDiff();
    void catalogTableOnTheDashboard_data();
    void catalogTableOnTheDashboard();
};

void TestMirrorItemModels::examplesRoundTrip_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("codec");
    QTest::newRow("GetMirroredCatalog") << "mirroredCatalog/examples/GetMirroredCatalog.json" << "MirroredCatalog";
    QTest::newRow("ListMirroredCatalogs") << "mirroredCatalog/examples/ListMirroredCatalogsInWorkspace.json" << "Page<MirroredCatalog>";
    QTest::newRow("MirroringStatus") << "mirroredCatalog/examples/MirroringStatus.json" << "CatalogMirroringStatus";
    QTest::newRow("MirroringStatusFailed") << "mirroredCatalog/examples/MirroringStatusFailed.json" << "CatalogMirroringStatus";
    QTest::newRow("TablesMirroringStatus") << "mirroredCatalog/examples/TablesMirroringStatus.json" << "Page<CatalogTableStatus>";
    QTest::newRow("GetMirroredAzureDatabricksCatalog") << "mirroredAzureDatabricksCatalog/examples/GetMirroredAzureDatabricksCatalog.json"
                                                       << "MirroredAzureDatabricksCatalog";
    QTest::newRow("ListMirroredAzureDatabricksCatalogs")
        << "mirroredAzureDatabricksCatalog/examples/ListMirroredAzureDatabricksCatalogsInWorkspace.json"
        << "Page<MirroredAzureDatabricksCatalog>";
    QTest::newRow("GetSQLDatabase") << "sqlDatabase/examples/GetSQLDatabase.json" << "SqlDatabase";
    QTest::newRow("ListSQLDatabases") << "sqlDatabase/examples/ListSQLDatabasesInWorkspace.json" << "Page<SqlDatabase>";
}

void TestMirrorItemModels::examplesRoundTrip()
{
    QFETCH(QString, file);
    QFETCH(QString, codec);
    const Json body = exampleBody(file);
    QVERIFY2(body.is_object(), qPrintable(file));
    const std::map<QString, std::function<bool(const Json &, QString *)>> codecs{
        {QStringLiteral("MirroredCatalog"), roundTrips<MirroredCatalog>},
        {QStringLiteral("Page<MirroredCatalog>"), roundTrips<Page<MirroredCatalog>>},
        {QStringLiteral("CatalogMirroringStatus"), roundTrips<CatalogMirroringStatus>},
        {QStringLiteral("Page<CatalogTableStatus>"), roundTrips<Page<CatalogTableStatus>>},
        {QStringLiteral("MirroredAzureDatabricksCatalog"), roundTrips<MirroredAzureDatabricksCatalog>},
        {QStringLiteral("Page<MirroredAzureDatabricksCatalog>"), roundTrips<Page<MirroredAzureDatabricksCatalog>>},
        {QStringLiteral("SqlDatabase"), roundTrips<SqlDatabase>},
        {QStringLiteral("Page<SqlDatabase>"), roundTrips<Page<SqlDatabase>>},
    };
    QString why;
    QVERIFY2(codecs.at(codec)(body, &why), qPrintable(why));
}

void TestMirrorItemModels::unknownValuesAreKept()
{
    // A status and a sync status added after this version, and a field nobody knows yet.
    const auto status = CatalogMirroringStatus::fromJson(Json::parse(R"({"status":"Paused","pausedBy":"admin"})"));
    QVERIFY(status);
    QCOMPARE(status->status.value, CatalogMirroringState::Unknown);
    QCOMPARE(status->status.text, QStringLiteral("Paused"));
    QCOMPARE(status->toJson().at("pausedBy").get<std::string>(), "admin");
    const auto catalog = MirroredAzureDatabricksCatalog::fromJson(Json::parse(
        R"({"id":"1","type":"MirroredAzureDatabricksCatalog","properties":{"catalogName":"c","autoSync":"Scheduled",
            "mirroringMode":"Full","syncDetails":{"status":"Queued","lastSyncDateTime":"0001-01-01T00:00:00Z"}}})"));
    QVERIFY(catalog && catalog->properties && catalog->properties->syncDetails);
    QCOMPARE(catalog->properties->autoSync.text, QStringLiteral("Scheduled"));
    QCOMPARE(catalog->properties->syncDetails->status.text, QStringLiteral("Queued"));
    MirrorItemRow row;
    row.kind = MirrorItemKind::AzureDatabricksCatalog;
    row.databricks = catalog->properties;
    QCOMPARE(MirrorItemListModel::healthOf(row).text, QStringLiteral("Queued")); // shown as sent
    QVERIFY(!MirrorItemListModel::lastSyncOf(row).isValid()); // DateTime.MinValue is "never"
}

void TestMirrorItemModels::kinds_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("listed");
    QTest::addColumn<QString>("typeText");
    QTest::newRow("MirroredDatabase: its own list") << "MirroredDatabase" << int(MirrorItemKind::MirroredDatabase) << false << "Mirrored database";
    QTest::newRow("MirroredCatalog") << "MirroredCatalog" << int(MirrorItemKind::MirroredCatalog) << true << "Mirrored catalog (preview)";
    QTest::newRow("Databricks") << "MirroredAzureDatabricksCatalog" << int(MirrorItemKind::AzureDatabricksCatalog) << true << "Azure Databricks catalog";
    QTest::newRow("SQLDatabase") << "SQLDatabase" << int(MirrorItemKind::SqlDatabase) << true << "SQL database";
    QTest::newRow("MirroredWarehouse: as given") << "MirroredWarehouse" << int(MirrorItemKind::OtherMirror) << true << "MirroredWarehouse";
    QTest::newRow("a future Mirrored* type") << "MirroredSomethingNew" << int(MirrorItemKind::OtherMirror) << true << "MirroredSomethingNew";
    // A type's text is the service's: what does not read as a type name is not taken for a mirror
    // (it would go into the fleet's search filter).
    QTest::newRow("a quote in the type") << "Mirrored' or Type ne 'x" << int(MirrorItemKind::NotMirror) << false << "Mirrored' or Type ne 'x";
    QTest::newRow("a space in the type") << "Mirrored Thing" << int(MirrorItemKind::NotMirror) << false << "Mirrored Thing";
    QTest::newRow("non-ASCII letters") << QStringLiteral("MirroredDätabase") << int(MirrorItemKind::NotMirror) << false << QStringLiteral("MirroredDätabase");
    QTest::newRow("64 characters: a type") << "Mirrored" + QString(56, u'X') << int(MirrorItemKind::OtherMirror) << true << "Mirrored" + QString(56, u'X');
    QTest::newRow("65 characters: too long") << "Mirrored" + QString(57, u'X') << int(MirrorItemKind::NotMirror) << false << "Mirrored" + QString(57, u'X');
    QTest::newRow("Lakehouse: not a mirror") << "Lakehouse" << int(MirrorItemKind::NotMirror) << false << "Lakehouse";
    QTest::newRow("SQLEndpoint: not a mirror") << "SQLEndpoint" << int(MirrorItemKind::NotMirror) << false << "SQLEndpoint";
}

void TestMirrorItemModels::kinds()
{
    QFETCH(QString, type);
    QFETCH(int, kind);
    QFETCH(bool, listed);
    QFETCH(QString, typeText);
    QCOMPARE(int(MirrorItemKind::of(type)), kind);
    QCOMPARE(MirrorItemKind::listedBesideDatabases(type), listed);
    QCOMPARE(MirrorItemKind::typeText(MirrorItemKind::Kind(kind), type), typeText);
}

void TestMirrorItemModels::health_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("status"); // a catalog's status, or a Databricks catalog's syncDetails
    QTest::addColumn<int>("failedTables");
    QTest::addColumn<QString>("health");
    QTest::addColumn<int>("level");
    QTest::newRow("catalog Running") << "MirroredCatalog" << R"({"status":"Running"})" << 0 << "Running" << int(MirroringHealth::Normal);
    QTest::newRow("catalog Running, tables failed") << "MirroredCatalog" << R"({"status":"Running"})" << 2 << "Running, 2 tables failed" << int(MirroringHealth::Warning);
    QTest::newRow("catalog Failed") << "MirroredCatalog" << R"({"status":"Failed","error":{"errorCode":"X","message":"m"}})" << 0 << "Failed" << int(MirroringHealth::Failed);
    QTest::newRow("catalog Stopped") << "MirroredCatalog" << R"({"status":"Stopped"})" << 0 << "Stopped" << int(MirroringHealth::Normal);
    QTest::newRow("Databricks Success") << "MirroredAzureDatabricksCatalog" << R"({"status":"Success","lastSyncDateTime":"2024-12-26T09:40:38Z"})" << 0 << "Synced" << int(MirroringHealth::Normal);
    QTest::newRow("Databricks InProgress") << "MirroredAzureDatabricksCatalog" << R"({"status":"InProgress","lastSyncDateTime":"2024-12-26T09:40:38Z"})" << 0 << "Syncing" << int(MirroringHealth::Normal);
    QTest::newRow("Databricks NotStarted") << "MirroredAzureDatabricksCatalog" << R"({"status":"NotStarted","lastSyncDateTime":"0001-01-01T00:00:00Z"})" << 0 << "Not synced yet" << int(MirroringHealth::Warning);
    QTest::newRow("Databricks Failed") << "MirroredAzureDatabricksCatalog" << R"({"status":"Failed","lastSyncDateTime":"2024-12-26T09:40:38Z","errorInfo":{"errorCode":"E","errorMessage":"m"}})" << 0 << "Sync failed" << int(MirroringHealth::Failed);
    QTest::newRow("SQL database: no status call") << "SQLDatabase" << "" << 0 << "No status call" << int(MirroringHealth::Normal);
    QTest::newRow("other: read-only") << "MirroredWarehouse" << "" << 0 << "Read-only" << int(MirroringHealth::Normal);
}

void TestMirrorItemModels::health()
{
    QFETCH(QString, type);
    QFETCH(QString, status);
    QFETCH(int, failedTables);
    QFETCH(QString, health);
    QFETCH(int, level);
    MirrorItemRow row;
    row.item.type = type;
    row.kind = MirrorItemKind::of(type);
    if (row.kind == MirrorItemKind::MirroredCatalog) {
        row.catalogStatus = CatalogMirroringStatus::fromJson(Json::parse(status.toStdString()));
        row.catalogTables = 5;
        row.catalogFailedTables = failedTables;
    } else if (row.kind == MirrorItemKind::AzureDatabricksCatalog) {
        row.databricks = MirroredAzureDatabricksCatalog::Properties{};
        row.databricks->syncDetails = MirroredAzureDatabricksCatalog::SyncDetails::fromJson(Json::parse(status.toStdString()));
        QVERIFY(row.databricks->syncDetails);
    }
    QCOMPARE(MirrorItemListModel::healthOf(row).text, health);
    QCOMPARE(int(MirrorItemListModel::healthOf(row).level), level);
    // The error behind a Failed health is what its tooltip adds.
    QCOMPARE(!MirrorItemListModel::errorOf(row).isEmpty(), level == int(MirroringHealth::Failed));
}

void TestMirrorItemModels::listsByKeyedDiff()
{
    MirrorItemListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto item = [](const QString &id, const QString &type) {
        Item i;
        i.id = id;
        i.type = type;
        i.displayName = id;
        return i;
    };
    model.setItems(QStringLiteral("ws1"), QStringLiteral("One"),
                   {item(QStringLiteral("a"), QStringLiteral("MirroredCatalog")), item(QStringLiteral("b"), QStringLiteral("Lakehouse")),
                    item(QStringLiteral("c"), QStringLiteral("MirroredDatabase")), item(QStringLiteral("d"), QStringLiteral("SQLDatabase"))});
    model.setItems(QStringLiteral("ws2"), QStringLiteral("Two"), {item(QStringLiteral("e"), QStringLiteral("MirroredWarehouse"))});
    QCOMPARE(model.rowCount(), 3); // a, d, e: no Lakehouse, no mirrored database
    model.setCatalogStatus(QStringLiteral("ws1"), QStringLiteral("a"),
                           *CatalogMirroringStatus::fromJson(Json::parse(R"({"status":"Stopped"})")));
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    // ws1 listed again without d: d goes, a keeps its status, ws2 is untouched.
    model.setItems(QStringLiteral("ws1"), QStringLiteral("One"), {item(QStringLiteral("a"), QStringLiteral("MirroredCatalog"))});
    QCOMPARE(reset.count(), 0);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(model.find(QStringLiteral("ws1"), QStringLiteral("a"))->catalogStatus);
    QVERIFY(model.find(QStringLiteral("WS2"), QStringLiteral("E"))); // ids compare case-insensitively
    QCOMPARE(model.index(model.rowOfKey(MirrorItemListModel::keyText(QStringLiteral("ws1"), QStringLiteral("a"))),
                         MirrorItemListModel::Health).data().toString(),
             QStringLiteral("Stopped"));
}

void TestMirrorItemModels::catalogTableOnTheDashboard_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<int>("tableStatus"); // what ranks and counts it
    QTest::addColumn<int>("rank");        // TableStatusModel::statusRank: 0 Failed, 1 needs a look, 3 Stopped, 6 fine
    QTest::newRow("Running: fine, as a replicating table") << "Running" << int(TableStatus::Replicating) << 6;
    QTest::newRow("Failed") << "Failed" << int(TableStatus::Failed) << 0;
    QTest::newRow("Stopped") << "Stopped" << int(TableStatus::Stopped) << 3;
    QTest::newRow("a state added later: kept, a warning") << "Throttled" << int(TableStatus::Unknown) << 1;
}

void TestMirrorItemModels::catalogTableOnTheDashboard()
{
    QFETCH(QString, status);
    QFETCH(int, tableStatus);
    QFETCH(int, rank);
    const QDateTime sync = QDateTime::fromString(QStringLiteral("2026-05-01T10:00:00Z"), Qt::ISODate);
    CatalogTableStatus table;
    table.schemaName = QStringLiteral("Sales");
    table.name = QStringLiteral("Orders");
    table.status = EnumText<CatalogMirroringState>::fromText(status.toStdString());
    table.lastSyncDateTime = sync;
    table.lastUpdateDateTime = sync.addSecs(600);
    const TableMirroringStatus mapped = table.asTableStatus();
    QCOMPARE(mapped.status.text, status); // the word as the service sent it
    QCOMPARE(int(mapped.status.value), tableStatus);
    QCOMPARE(TableStatusModel::statusRank(mapped), rank);
    QVERIFY(mapped.metrics);
    QCOMPARE(mapped.metrics->lastSyncDateTime, sync);
    QVERIFY(!mapped.metrics->processedRows); // not given, not 0

    TableStatusModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMetricsAvailable(false);
    model.beginRefresh(sync.addSecs(700));
    model.applyCatalogPage({table});
    model.endRefresh();
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, TableStatusModel::Status).data().toString(), status);
    for (int column : {TableStatusModel::ProcessedRows, TableStatusModel::ProcessedBytes, TableStatusModel::RowsPerSecond,
                       TableStatusModel::Latency}) {
        QCOMPARE(model.index(0, column).data().toString(), TableStatusModel::notAvailableText());
        QVERIFY(!model.index(0, column).data(UnderlyingDataRole).isValid()); // sorts last, never as 0
    }
    QCOMPARE(model.index(0, TableStatusModel::LastUpdate).data(UnderlyingDataRole).toDateTime(), sync.addSecs(600));
    // A new last update alone is a change of that cell.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    table.lastUpdateDateTime = sync.addSecs(1200);
    model.beginRefresh(sync.addSecs(1300));
    model.applyCatalogPage({table});
    model.endRefresh();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).value<QModelIndex>().column(), int(TableStatusModel::LastUpdate));
}

void TestMirrorItemModels::fleetBucketOfAMirroredDatabase_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<int>("failedTables");
    QTest::addColumn<bool>("error");
    QTest::addColumn<FleetModel::Bucket>("bucket");
    QTest::newRow("Running") << "Running" << 0 << false << FleetModel::Bucket::Running;
    QTest::newRow("Running, a table failed") << "Running" << 1 << false << FleetModel::Bucket::Warning;
    QTest::newRow("Running, every table failed") << "Running" << 2 << false << FleetModel::Bucket::Failed;
    // Paused has a bucket of its own (the roll-up's and the status filter's): it was counted as
    // "Running with warning", Paused always 0.
    QTest::newRow("Paused") << "Paused" << 0 << false << FleetModel::Bucket::Paused;
    QTest::newRow("Paused with an error") << "Paused" << 0 << true << FleetModel::Bucket::Failed;
    QTest::newRow("Stopped") << "Stopped" << 0 << false << FleetModel::Bucket::Stopped;
    QTest::newRow("Stopping") << "Stopping" << 0 << false << FleetModel::Bucket::Stopped;
    QTest::newRow("Initializing") << "Initializing" << 0 << false << FleetModel::Bucket::Initializing;
    QTest::newRow("a status added since") << "Hibernating" << 0 << false << FleetModel::Bucket::Other;
}

void TestMirrorItemModels::fleetBucketOfAMirroredDatabase()
{
    QFETCH(QString, status);
    QFETCH(int, failedTables);
    QFETCH(bool, error);
    QFETCH(FleetModel::Bucket, bucket);
    FleetRow row = FleetModel::rowFor(QStringLiteral("ws"), QStringLiteral("Workspace"), QStringLiteral("db"),
                                      QStringLiteral("SalesMirror"), QString(), QStringLiteral("MirroredDatabase"));
    MirroringStatusResponse response;
    response.status = EnumText<MirroringStatus>::fromText(status.toStdString());
    if (error)
        response.error = ErrorResponse{};
    row.mirror.status = response;
    row.mirror.failedTables = failedTables;
    row.mirror.tablesByStatus.insert(QStringLiteral("Failed"), failedTables);
    if (failedTables < 2)
        row.mirror.tablesByStatus.insert(QStringLiteral("Replicating"), 2 - failedTables);
    QCOMPARE(FleetModel::bucketOf(row), bucket);
}

// A workspace's role arriving alone (capacity as before) changes no column, yet it gates the bulk
// actions on a selection: the row says it changed, or the buttons kept the Unknown role's state.
void TestMirrorItemModels::fleetRoleChangeIsSignalled()
{
    FleetModel model;
    new QAbstractItemModelTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest, &model);
    model.beginRefresh();
    model.applyPage({FleetModel::rowFor(QStringLiteral("ws"), QStringLiteral("Workspace"), QStringLiteral("a"),
                                        QStringLiteral("SalesMirror"), QString()),
                     FleetModel::rowFor(QStringLiteral("other"), QStringLiteral("Other"), QStringLiteral("b"),
                                        QStringLiteral("OpsMirror"), QString())});
    model.endRefresh();
    model.setWorkspaceInfo({{QStringLiteral("ws"), {QStringLiteral("cap"), QStringLiteral("F64"), WorkspaceRole::Unknown}}});
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setWorkspaceInfo({{QStringLiteral("ws"), {QStringLiteral("cap"), QStringLiteral("F64"), WorkspaceRole::Viewer}}});
    QVERIFY(!changed.isEmpty());
    const int row = changed.constLast().at(0).value<QModelIndex>().row();
    QCOMPARE(model.rowAt(row).role, WorkspaceRole::Viewer);
    QCOMPARE(model.rowAt(row).mirror.database.id, QStringLiteral("a"));
    changed.clear();
    model.setWorkspaceInfo({{QStringLiteral("ws"), {QStringLiteral("cap"), QStringLiteral("F64"), WorkspaceRole::Viewer}}});
    QVERIFY(changed.isEmpty()); // nothing changed, nothing said
}

QTEST_GUILESS_MAIN(TestMirrorItemModels)
#include "tst_mirror_item_models.moc"
