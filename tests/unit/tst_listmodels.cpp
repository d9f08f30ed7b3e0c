// WorkspaceListModel, ConnectionListModel and MirroredDatabaseListModel: refreshed by keyed diff,
// exactly the changed rows and columns signalled, status set by the monitor survives a refresh.
#include "models/connectionlistmodel.h"
#include "models/displaytext.h"
#include "models/mirroreddatabaselistmodel.h"
#include "models/workspacelistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace fmc;

namespace {

Workspace workspace(const QString &id, const QString &name)
{
    Workspace w;
    w.id = id;
    w.displayName = name;
    w.type = EnumText<WorkspaceType>::fromText("Workspace");
    return w;
}

MirroredDatabase database(const QString &workspaceId, const QString &id, const QString &name)
{
    MirroredDatabase d;
    d.id = id;
    d.workspaceId = workspaceId;
    d.displayName = name;
    d.type = QStringLiteral("MirroredDatabase");
    return d;
}

TableMirroringStatus table(const QString &name, const char *status, const QDateTime &lastSync)
{
    TableMirroringStatus t;
    t.sourceSchemaName = QStringLiteral("dbo");
    t.sourceTableName = name;
    t.status = EnumText<TableStatus>::fromText(status);
    t.metrics = TableMirroringMetrics {1, 1, lastSync, {}, {}};
    return t;
}

// Every signal of a refresh as text: "changed 1-1:0-0", "removed 2-2", "inserted 3-4", "reset".
class SignalLog
{
public:
    explicit SignalLog(QAbstractItemModel *model)
    {
        QObject::connect(model, &QAbstractItemModel::dataChanged, model, [this](const QModelIndex &a, const QModelIndex &b) {
            m_log << QStringLiteral("changed %1-%2:%3-%4").arg(a.row()).arg(b.row()).arg(a.column()).arg(b.column());
        });
        QObject::connect(model, &QAbstractItemModel::rowsRemoved, model, [this](const QModelIndex &, int first, int last) {
            m_log << QStringLiteral("removed %1-%2").arg(first).arg(last);
        });
        QObject::connect(model, &QAbstractItemModel::rowsInserted, model, [this](const QModelIndex &, int first, int last) {
            m_log << QStringLiteral("inserted %1-%2").arg(first).arg(last);
        });
        QObject::connect(model, &QAbstractItemModel::modelReset, model, [this] { m_log << QStringLiteral("reset"); });
    }
    QStringList take() { return std::exchange(m_log, {}); }

private:
    QStringList m_log;
};

} // namespace

class TestListModels : public QObject
{
    Q_OBJECT
private slots:
    void workspacesByKeyedDiff();
    void connectionsChangeOnlyTheirColumns();
    void databasesPerWorkspace();
    void databaseStatusColumns();
    void databaseEditsAndSummaries();
    void workspaceDatabaseCounts();
};

void TestListModels::workspacesByKeyedDiff()
{
    WorkspaceListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    SignalLog log(&model);
    model.setWorkspaces({workspace("a", "A"), workspace("b", "B"), workspace("c", "C")});
    QCOMPARE(log.take(), QStringList {"inserted 0-2"});
    model.setWorkspaces({workspace("a", "A"), workspace("b", "B"), workspace("c", "C")});
    QCOMPARE(log.take(), QStringList {});

    // b vanished, c renamed, d new: one removal, c (now row 1) renamed, one insertion.
    model.setWorkspaces({workspace("d", "D"), workspace("a", "A"), workspace("c", "C2")});
    QCOMPARE(log.take(), (QStringList {"changed 2-2:0-0", "inserted 3-3", "removed 1-1"}));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(1, WorkspaceListModel::Name).data().toString(), QStringLiteral("C2"));
    QCOMPARE(model.index(2, WorkspaceListModel::Id).data().toString(), QStringLiteral("d"));
    QCOMPARE(model.index(2, 0).data(KeyRole).toString(), QStringLiteral("d"));
    QCOMPARE(model.rowOfKey(QStringLiteral("c")), 1);
    QCOMPARE(model.rowOfKey(QStringLiteral("b")), -1);
}

void TestListModels::connectionsChangeOnlyTheirColumns()
{
    ConnectionListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto connection = [](const char *id, const char *path) {
        Connection c;
        c.id = QString::fromLatin1(id);
        c.displayName = QStringLiteral("conn ") + c.id;
        c.connectivityType = EnumText<ConnectivityType>::fromText("ShareableCloud");
        c.connectionDetails = Connection::Details {QStringLiteral("SQL"), QString::fromLatin1(path), {}};
        return c;
    };
    SignalLog log(&model);
    model.setConnections({connection("1", "server;db"), connection("2", "other;db")});
    log.take();
    model.setConnections({connection("1", "server;db"), connection("2", "moved;db")});
    QCOMPARE(log.take(), QStringList {"changed 1-1:3-3"});
    QCOMPARE(model.index(1, ConnectionListModel::Path).data().toString(), QStringLiteral("moved;db"));
    QCOMPARE(model.index(0, ConnectionListModel::ConnectivityType).data().toString(), QStringLiteral("ShareableCloud"));
}

void TestListModels::databasesPerWorkspace()
{
    MirroredDatabaseListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    SignalLog log(&model);
    model.setDatabases(workspace("w1", "Sales"), {database("w1", "a", "A"), database("w1", "b", "B")});
    model.setDatabases(workspace("w2", "Finance"), {database("", "c", "C")}); // workspaceId filled in
    QCOMPARE(log.take(), (QStringList {"inserted 0-1", "inserted 2-2"}));
    QCOMPARE(model.index(2, MirroredDatabaseListModel::Workspace).data().toString(), QStringLiteral("Finance"));
    QCOMPARE(model.index(2, 0).data(MirroredDatabaseListModel::WorkspaceIdRole).toString(), QStringLiteral("w2"));

    // A refresh of w1 leaves w2's databases alone.
    model.setDatabases(workspace("w1", "Sales"), {database("w1", "a", "A")});
    QCOMPARE(log.take(), QStringList {"removed 1-1"});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowOfKey(MirroredDatabaseListModel::keyText("w2", "c")), 1);
    model.removeWorkspace(QStringLiteral("w2"));
    QCOMPARE(log.take(), QStringList {"removed 1-1"});
}

void TestListModels::databaseStatusColumns()
{
    using M = MirroredDatabaseListModel;
    M model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDatabases(workspace("w", "W"), {database("w", "a", "A"), database("w", "b", "B")});
    SignalLog log(&model);
    QVERIFY(model.index(1, M::Health).data().toString().isEmpty()); // no status yet

    model.setMirroringStatus("w", "b", *MirroringStatusResponse::fromJson(Json {{"status", "Running"}}));
    QCOMPARE(log.take(), QStringList {"changed 1-1:2-2"});
    QCOMPARE(model.index(1, M::Health).data().toString(), QStringLiteral("Running"));

    const QDateTime t0(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC);
    model.setTableStatuses("w", "b", {table("x", "Replicating", t0), table("y", "Failed", t0.addSecs(-60)),
                                      table("z", "Replicating", t0.addSecs(5))});
    QCOMPARE(log.take(), QStringList {"changed 1-1:2-5"}); // health, tables and last sync; not the endpoint
    QCOMPARE(model.index(1, M::Health).data().toString(), QStringLiteral("Running with warning"));
    QCOMPARE(model.index(1, M::Health).data(M::HealthLevelRole).toInt(), int(MirroringHealth::Warning));
    QCOMPARE(model.index(1, M::Tables).data().toString(), QStringLiteral("1 Failed, 2 Replicating"));
    // Every table failed: Failed, as in the dashboard's header (then back to the three above).
    model.setTableStatuses("w", "b", {table("x", "Failed", t0), table("y", "Failed", t0.addSecs(-60))});
    log.take();
    QCOMPARE(model.index(1, M::Health).data().toString(), QStringLiteral("Failed"));
    QCOMPARE(model.index(1, M::Health).data(M::HealthLevelRole).toInt(), int(MirroringHealth::Failed));
    model.setTableStatuses("w", "b", {table("x", "Replicating", t0), table("y", "Failed", t0.addSecs(-60)),
                                      table("z", "Replicating", t0.addSecs(5))});
    log.take();
    QCOMPARE(model.index(1, M::LastSync).data(UnderlyingDataRole).toDateTime(), t0.addSecs(-60));

    // A list refresh that renames b keeps the monitor's status and signals the name only.
    model.setDatabases(workspace("w", "W"), {database("w", "a", "A"), database("w", "b", "B2")});
    QCOMPARE(log.take(), QStringList {"changed 1-1:0-0"});
    QCOMPARE(model.index(1, M::Health).data().toString(), QStringLiteral("Running with warning"));

    model.setMirroringStatus("w", "b", *MirroringStatusResponse::fromJson(
        Json {{"status", "Running"}, {"error", {{"errorCode", "SourceDown"}, {"message", "Cannot reach the source."}}}}));
    QCOMPARE(model.index(1, M::Health).data().toString(), QStringLiteral("Failed"));
    QCOMPARE(model.index(1, M::Health).data(Qt::ToolTipRole).toString(),
             plainToolTip(QStringLiteral("Cannot reach the source.")));
    model.setMirroringStatus("w", "unknown", *MirroringStatusResponse::fromJson(Json {{"status", "Stopped"}}));
    QCOMPARE(log.take(), QStringList {"changed 1-1:2-2"});
}

void TestListModels::databaseEditsAndSummaries()
{
    using M = MirroredDatabaseListModel;
    M model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    MirroredDatabase a = database("w", "a", "A");
    a.properties = MirroredDatabaseProperties{QStringLiteral("https://onelake/w/a/Tables"), {}, QStringLiteral("dbo"), {}};
    model.setDatabases(workspace("w", "W"), {a, database("w", "b", "B"), database("v", "c", "C")});
    QCOMPARE(model.countInWorkspace(QStringLiteral("w")), 2);
    SignalLog log(&model);

    // A PATCH answer has no properties: the listed ones are kept, only the name column changes.
    MirroredDatabase patched = database("w", "a", "A renamed");
    patched.description = QStringLiteral("new");
    model.updateDatabase(patched);
    QCOMPARE(log.take(), QStringList {"changed 0-0:0-0"});
    const MirroredDatabaseRow *row = model.find(QStringLiteral("w"), QStringLiteral("a"));
    QVERIFY(row);
    QCOMPARE(row->database.description, QStringLiteral("new"));
    QCOMPARE(row->database.properties->defaultSchema, QStringLiteral("dbo"));

    // The monitor's summary without the table list.
    const QDateTime t0(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC);
    model.setMirroringStatus("w", "a", *MirroringStatusResponse::fromJson(Json {{"status", "Running"}}));
    log.take();
    model.setTableSummary("w", "a", {{QStringLiteral("Failed"), 1}, {QStringLiteral("Replicating"), 3}}, 1, t0);
    QCOMPARE(log.take(), QStringList {"changed 0-0:2-5"});
    QCOMPARE(model.index(0, M::Health).data().toString(), QStringLiteral("Running with warning"));
    QCOMPARE(model.index(0, M::Tables).data().toString(), QStringLiteral("1 Failed, 3 Replicating"));

    // Copy as JSON: the item with its status, unknown fields and all.
    const QString json = M::jsonText(*model.find(QStringLiteral("w"), QStringLiteral("a")));
    QVERIFY(json.contains(QStringLiteral("\"displayName\": \"A renamed\"")));
    QVERIFY(json.contains(QStringLiteral("\"mirroringStatus\"")));
    QVERIFY(json.contains(QStringLiteral("\"oneLakeTablesPath\"")));

    // Deleting one row removes exactly it, in any workspace.
    model.removeDatabase(QStringLiteral("w"), QStringLiteral("b"));
    QCOMPARE(log.take(), QStringList {"removed 1-1"});
    QVERIFY(!model.find(QStringLiteral("w"), QStringLiteral("b")));
    QCOMPARE(model.countInWorkspace(QStringLiteral("w")), 1);
    QCOMPARE(model.countInWorkspace(QStringLiteral("v")), 1);
}

void TestListModels::workspaceDatabaseCounts()
{
    WorkspaceListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setWorkspaces({workspace("a", "A"), workspace("b", "B")});
    SignalLog log(&model);
    QVERIFY(!model.index(1, WorkspaceListModel::Databases).data().isValid()); // not known yet
    model.setDatabaseCount(QStringLiteral("b"), 3);
    QCOMPARE(log.take(), QStringList{"changed 1-1:4-4"}); // the Databases column
    model.setDatabaseCount(QStringLiteral("b"), 3);
    QCOMPARE(log.take(), QStringList {}); // unchanged: no signal
    QCOMPARE(model.index(1, WorkspaceListModel::Databases).data().toInt(), 3);
    // A refresh of the list keeps the count.
    model.setWorkspaces({workspace("a", "A"), workspace("b", "B")});
    QCOMPARE(model.index(1, WorkspaceListModel::Databases).data().toInt(), 3);
}

QTEST_GUILESS_MAIN(TestListModels)
#include "tst_listmodels.moc"
