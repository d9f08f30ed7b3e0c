// Compare and promote across two fabric-sandbox instances playing two tenants, dev and prod, each
// with its own Entra emulator and token (issue #21): promote dev → prod with a rebinding map
// (create, then an in-place update of the now running target), each sandbox's request log
// showing exactly the calls made; a dry run sends no write; a running target refuses a changed
// database before anything is written; cancel sends nothing more; compare gives the expected
// summary for each kind of difference, database against database across tenants and against a file.
#include "app/api/fabricrequests.h"
#include "app/environments/definitioncomparer.h"
#include "app/environments/definitionpromoter.h"
#include "sandbox/fabricstate.h"
#include "tests/support/sandboxfixture.h"

#include <QSignalSpy>

using namespace fmc;
using namespace fmc::sandbox;
using namespace fmc::test;

Q_DECLARE_METATYPE(QList<fmc::ComparisonLine::Aspect>)

namespace {

const QString kSales = QStringLiteral("Sales Analytics");
const QString kSqlConnection = QStringLiteral("contoso-sales (Azure SQL)");

SandboxOptions tenantOptions(quint32 seed)
{
    SandboxOptions options;
    options.seed = seed;             // another seed: other ids, as another tenant has
    options.speed = 20;              // provisioning and starting pass in a few hundred ms
    options.lroMode = LroMode::Never;
    options.provisioningMs = 2000;
    options.startingMs = 2000;
    return options;
}

//! The spec operation ids of the API calls \a fx received after the first \a from of them.
QStringList operations(const SandboxFixture &fx, qsizetype from = 0)
{
    QStringList ids;
    const auto log = fx.apiLog();
    for (qsizetype i = from; i < log.size(); ++i)
        ids << log[i].operationId;
    return ids;
}

MirroringDefinition definitionFrom(const Json &document)
{
    return *MirroringDefinition::fromJsonBytes(dumpJson(document));
}

//! An Azure SQL definition of dbo.orders and dbo.customers on \a connection.
MirroringDefinition tablesDefinition(const QString &connection)
{
    MirroringDefinition d = definitionFrom(Json::parse(R"({"properties":{"source":{"type":"AzureSqlDatabase",
        "typeProperties":{"connection":"","database":"sales"}},"target":{"type":"MountedRelationalDatabase",
        "typeProperties":{"format":"Delta","defaultSchema":"dbo","retentionInDays":7}}}})"));
    d.setConnection(connection);
    d.setMountedTables({{QStringLiteral("dbo"), QStringLiteral("orders")}, {QStringLiteral("dbo"), QStringLiteral("customers")}});
    return d;
}

} // namespace

class TestPromote : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void promoteCreatesThenUpdatesRunningTarget();
    void dryRunSendsNoWrite();
    void runningTargetRefusesChangedDatabase();
    void cancelSendsNothingMore();
    void compare_data();
    void compare();
    void compareWithFile();

private:
    EnvironmentTarget side(SandboxFixture &fx, const QString &label, bool production) const;
    PromotePlan salesPlan();
    bool runPromoter(DefinitionPromoter &promoter, const PromotePlan &plan, bool write, QString *message);
    QString createMirror(SandboxFixture &fx, const QString &name, const MirroringDefinition &definition);
    bool waitForStatus(SandboxFixture &fx, const QString &ws, const QString &id, const QString &status);

    SandboxFixture m_dev;
    SandboxFixture m_prod;
};

void TestPromote::init()
{
    QVERIFY(m_dev.up(tenantOptions(1)));
    QVERIFY(m_prod.up(tenantOptions(2)));
    // Two tenants: nothing in common but the demo names.
    QVERIFY(m_dev.connectionNamed(kSqlConnection) != m_prod.connectionNamed(kSqlConnection));
}

void TestPromote::cleanup()
{
    m_dev.down();
    m_prod.down();
}

EnvironmentTarget TestPromote::side(SandboxFixture &fx, const QString &label, bool production) const
{
    return EnvironmentTarget{fx.client, label, production ? QColor(Qt::red) : QColor(Qt::darkGreen), production};
}

PromotePlan TestPromote::salesPlan()
{
    PromotePlan plan;
    const auto [ws, id] = m_dev.salesMirror();
    plan.source = DefinitionSource{side(m_dev, QStringLiteral("DEV"), false), ws, id, QStringLiteral("SalesMirror"), std::nullopt};
    plan.target = side(m_prod, QStringLiteral("PROD"), true);
    plan.targetWorkspaceId = m_prod.workspaceNamed(kSales);
    plan.map.connection = {m_dev.connectionNamed(kSqlConnection), m_prod.connectionNamed(kSqlConnection)};
    plan.map.database = {QStringLiteral("sales"), QStringLiteral("sales_prod")};
    plan.map.displayName = {QStringLiteral("SalesMirror"), QStringLiteral("SalesMirrorProd")};
    return plan;
}

bool TestPromote::runPromoter(DefinitionPromoter &promoter, const PromotePlan &plan, bool write, QString *message)
{
    QSignalSpy finished(&promoter, &DefinitionPromoter::finished);
    write ? promoter.apply(plan) : promoter.dryRun(plan);
    if (!QTest::qWaitFor([&] { return finished.count() == 1; }, 10000))
        return false;
    *message = finished.first().at(1).toString();
    return finished.first().at(0).toBool();
}

QString TestPromote::createMirror(SandboxFixture &fx, const QString &name, const MirroringDefinition &definition)
{
    ApiError error;
    const MirroredDatabase db = fx.run(new CreateMirroredDatabaseRequest(fx.workspaceNamed(kSales), name,
                                                                         ItemDefinition::fromMirroringDefinition(definition)),
                                       &error);
    return error.isError() ? QString() : db.id;
}

bool TestPromote::waitForStatus(SandboxFixture &fx, const QString &ws, const QString &id, const QString &status)
{
    return QTest::qWaitFor([&] { return fx.run(new GetMirroringStatusRequest(ws, id)).status.text == status; }, 10000);
}

void TestPromote::promoteCreatesThenUpdatesRunningTarget()
{
    DefinitionPromoter promoter;
    QSignalSpy progress(&promoter, &DefinitionPromoter::progress);
    const PromotePlan plan = salesPlan();
    QString message;
    QVERIFY2(runPromoter(promoter, plan, true, &message), qPrintable(message));
    QCOMPARE(promoter.action(), DefinitionPromoter::Action::Create);
    QCOMPARE(operations(m_dev), QStringList{"Items_GetMirroredDatabaseDefinition"});
    QCOMPARE(operations(m_prod), (QStringList{"Items_ListMirroredDatabases", "Connections_TestConnection",
                                              "Items_CreateMirroredDatabase"}));
    QCOMPARE(progress.last().at(0).toInt(), 4);
    QCOMPARE(progress.last().at(1).toInt(), 4);

    // The target carries the rebound definition under the new name.
    FabricState::Mirror *created = m_prod.mirrorNamed(kSales, QStringLiteral("SalesMirrorProd"));
    QVERIFY(created);
    QCOMPARE(created->id, promoter.targetDatabaseId());
    const auto onTarget = MirroringDefinition::fromJsonBytes(created->mirroringJson);
    QVERIFY(onTarget);
    QCOMPARE(onTarget->connection(), plan.map.connection.to);
    QCOMPARE(onTarget->database(), QStringLiteral("sales_prod"));
    QCOMPARE(onTarget->sourceType(), QStringLiteral("AzureSqlDatabase"));
    QVERIFY(onTarget->mirrorAll());

    // Start the target, then change the tables on dev and promote again: an update in place.
    const QString ws = plan.targetWorkspaceId, id = created->id;
    QVERIFY(waitForStatus(m_prod, ws, id, QStringLiteral("Initialized")));
    ApiError error;
    m_prod.run(new StartMirroringRequest(ws, id), &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString()));
    QVERIFY(waitForStatus(m_prod, ws, id, QStringLiteral("Running")));
    MirroringDefinition devTables = *MirroringDefinition::fromJsonBytes(m_dev.mirrorNamed(kSales, QStringLiteral("SalesMirror"))->mirroringJson);
    devTables.setMountedTables({{QStringLiteral("dbo"), QStringLiteral("orders")}});
    m_dev.run(new UpdateMirroredDatabaseDefinitionRequest(plan.source.workspaceId, plan.source.databaseId,
                                                          ItemDefinition::fromMirroringDefinition(devTables)), &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString()));
    const qsizetype devMark = m_dev.apiLog().size(), prodMark = m_prod.apiLog().size();

    QVERIFY2(runPromoter(promoter, plan, true, &message), qPrintable(message));
    QCOMPARE(promoter.action(), DefinitionPromoter::Action::Update);
    QCOMPARE(operations(m_dev, devMark), QStringList{"Items_GetMirroredDatabaseDefinition"});
    QCOMPARE(operations(m_prod, prodMark),
             (QStringList{"Items_ListMirroredDatabases", "Mirroring_GetMirroringStatus", "Items_GetMirroredDatabaseDefinition",
                          "Connections_TestConnection", "Items_UpdateMirroredDatabaseDefinition"}));
    const auto updated = MirroringDefinition::fromJsonBytes(m_prod.mirrorNamed(kSales, QStringLiteral("SalesMirrorProd"))->mirroringJson);
    QCOMPARE(updated->mountedTables(), (QList<MountedTable>{{QStringLiteral("dbo"), QStringLiteral("orders")}}));
    QCOMPARE(updated->connection(), plan.map.connection.to);
    QCOMPARE(m_prod.run(new GetMirroringStatusRequest(ws, id)).status.text, QStringLiteral("Running"));
    QCOMPARE(m_prod.sandbox->state()->mirrors(ws).size(), qsizetype(3)); // the two demo mirrors and ours
}

void TestPromote::dryRunSendsNoWrite()
{
    DefinitionPromoter promoter;
    const PromotePlan plan = salesPlan();
    QString message;
    QVERIFY2(runPromoter(promoter, plan, false, &message), qPrintable(message));
    QVERIFY(message.contains(QLatin1String("nothing was written")));
    QCOMPARE(operations(m_prod), (QStringList{"Items_ListMirroredDatabases", "Connections_TestConnection"}));
    QVERIFY(!m_prod.mirrorNamed(kSales, QStringLiteral("SalesMirrorProd")));

    // Every check named, and the exact request shown with its payload decoded.
    QCOMPARE(promoter.checks().size(), 4);
    QVERIFY(promoter.checksPassed());
    QVERIFY(promoter.preview());
    QCOMPARE(promoter.preview()->method, QStringLiteral("POST"));
    QCOMPARE(promoter.preview()->url, m_prod.client->config().apiBaseUrl.toString() + QStringLiteral("/workspaces/")
                                          + plan.targetWorkspaceId + QStringLiteral("/mirroredDatabases"));
    QCOMPARE(toQString(promoter.preview()->body.at("displayName").get<std::string>()), QStringLiteral("SalesMirrorProd"));
    const QString readable = promoter.preview()->readableText();
    QVERIFY(readable.contains(QLatin1String("\"payload (decoded)\"")));
    QVERIFY(readable.contains(QLatin1String("\"database\": \"sales_prod\"")));
    QVERIFY(readable.contains(plan.map.connection.to));
}

void TestPromote::runningTargetRefusesChangedDatabase()
{
    // A running target named like the source, on another database: the rebound database differs.
    const QString prodConnection = m_prod.connectionNamed(kSqlConnection);
    MirroringDefinition other = tablesDefinition(prodConnection);
    other.setDatabase(QStringLiteral("sales_other"));
    const QString id = createMirror(m_prod, QStringLiteral("SalesMirrorProd"), other);
    QVERIFY(!id.isEmpty());
    const QString ws = m_prod.workspaceNamed(kSales);
    QVERIFY(waitForStatus(m_prod, ws, id, QStringLiteral("Initialized")));
    m_prod.run(new StartMirroringRequest(ws, id));
    QVERIFY(waitForStatus(m_prod, ws, id, QStringLiteral("Running")));
    const qsizetype mark = m_prod.apiLog().size();

    DefinitionPromoter promoter;
    QString message;
    QVERIFY(!runPromoter(promoter, salesPlan(), true, &message));
    QVERIFY(message.contains(QLatin1String("Nothing was written")));
    QCOMPARE(operations(m_prod, mark), (QStringList{"Items_ListMirroredDatabases", "Mirroring_GetMirroringStatus",
                                                    "Items_GetMirroredDatabaseDefinition", "Connections_TestConnection"}));
    const auto status = std::find_if(promoter.checks().begin(), promoter.checks().end(),
                                     [](const PromoteCheck &c) { return c.kind == PromoteCheck::Kind::Status; });
    QVERIFY(status != promoter.checks().end());
    QCOMPARE(status->outcome, ReadinessLine::Outcome::Failed);
    QVERIFY(status->summary.contains(QLatin1String("Running")));
    QVERIFY(status->detail.contains(QLatin1String("database")));
}

void TestPromote::cancelSendsNothingMore()
{
    DefinitionPromoter promoter;
    QSignalSpy cancelled(&promoter, &DefinitionPromoter::cancelled);
    QSignalSpy finished(&promoter, &DefinitionPromoter::finished);
    promoter.apply(salesPlan());
    promoter.cancel();
    QCOMPARE(cancelled.count(), 1);
    QVERIFY(cancelled.first().at(0).toString().contains(QLatin1String("Nothing was written")));
    QTest::qWait(300); // sandbox time: longer than the whole promote takes
    QCOMPARE(finished.count(), 0);
    QVERIFY(operations(m_prod).isEmpty());
    QVERIFY(operations(m_dev).size() <= 1);
}

void TestPromote::compare_data()
{
    using A = ComparisonLine::Aspect;
    QTest::addColumn<QString>("change");
    QTest::addColumn<QList<A>>("aspects");
    QTest::addColumn<QStringList>("onlyLeft");
    QTest::addColumn<QStringList>("onlyRight");
    QTest::addRow("same") << "" << QList<A>{} << QStringList{} << QStringList{};
    QTest::addRow("source type") << "sourceType" << QList<A>{A::SourceType} << QStringList{} << QStringList{};
    QTest::addRow("connection") << "connection" << QList<A>{A::Connection} << QStringList{} << QStringList{};
    QTest::addRow("database") << "database" << QList<A>{A::Database} << QStringList{} << QStringList{};
    QTest::addRow("target schema") << "schema" << QList<A>{A::TargetSchema} << QStringList{} << QStringList{};
    QTest::addRow("retention") << "retention" << QList<A>{A::Retention} << QStringList{} << QStringList{};
    QTest::addRow("change data feed") << "feed" << QList<A>{A::ChangeDataFeed} << QStringList{} << QStringList{};
    QTest::addRow("tables only left, only right") << "tables" << QList<A>{A::Tables} << QStringList{"dbo.customers"}
                                                  << QStringList{"sales.returns"};
    QTest::addRow("other field") << "other" << QList<A>{A::Other} << QStringList{} << QStringList{};
    QTest::addRow("connection and tables") << "connection+tables" << QList<A>{A::Connection, A::Tables}
                                           << QStringList{"dbo.customers"} << QStringList{"sales.returns"};
}

void TestPromote::compare()
{
    QFETCH(QString, change);
    QFETCH(QList<ComparisonLine::Aspect>, aspects);
    QFETCH(QStringList, onlyLeft);
    QFETCH(QStringList, onlyRight);
    const QString devConnection = m_dev.connectionNamed(kSqlConnection);
    const MirroringDefinition left = tablesDefinition(devConnection);
    MirroringDefinition right = left;
    if (change == QLatin1String("sourceType"))
        right.setSourceType(QStringLiteral("AzureSqlMI"));
    if (change.contains(QLatin1String("connection")))
        right.setConnection(m_prod.connectionNamed(kSqlConnection));
    if (change == QLatin1String("database"))
        right.setDatabase(QStringLiteral("sales_prod"));
    if (change == QLatin1String("schema"))
        right.setDefaultSchema(QStringLiteral("reporting"));
    if (change == QLatin1String("retention"))
        right.setRetentionInDays(30);
    if (change == QLatin1String("feed"))
        right.setEnableDeltaChangeDataFeed(true);
    if (change.contains(QLatin1String("tables")))
        right.setMountedTables({{QStringLiteral("dbo"), QStringLiteral("orders")}, {QStringLiteral("sales"), QStringLiteral("returns")}});
    if (change == QLatin1String("other")) {
        Json doc = right.document();
        doc["properties"]["target"]["typeProperties"]["preview"] = Json{{"tier", "fast"}};
        right = definitionFrom(doc);
    }
    const QString leftId = createMirror(m_dev, QStringLiteral("Left"), left);
    const QString rightId = createMirror(m_prod, QStringLiteral("Right"), right);
    QVERIFY(!leftId.isEmpty() && !rightId.isEmpty());

    DefinitionComparer comparer;
    QSignalSpy finished(&comparer, &DefinitionComparer::finished);
    QSignalSpy failed(&comparer, &DefinitionComparer::failed);
    comparer.compare({side(m_dev, QStringLiteral("DEV"), false), m_dev.workspaceNamed(kSales), leftId, QStringLiteral("Left"), std::nullopt},
                     {side(m_prod, QStringLiteral("PROD"), true), m_prod.workspaceNamed(kSales), rightId, QStringLiteral("Right"), std::nullopt});
    QVERIFY(QTest::qWaitFor([&] { return finished.count() + failed.count() > 0; }, 10000));
    QCOMPARE(failed.count(), 0);
    const auto comparison = finished.first().at(0).value<DefinitionComparison>();
    QCOMPARE(comparison.differingAspects(), aspects);
    QCOMPARE(comparison.tablesOnlyLeft(), onlyLeft);
    QCOMPARE(comparison.tablesOnlyRight(), onlyRight);
    if (change == QLatin1String("other"))
        QCOMPARE(comparison.otherPaths(), QStringList{"properties.target.typeProperties.preview"});
    // The text diff has a changed or added line exactly when something differs.
    const QList<DiffRow> rows = comparison.diffRows();
    const bool anyChange = std::any_of(rows.begin(), rows.end(), [](const DiffRow &r) {
        return r.kind != DiffRow::Kind::Same && r.kind != DiffRow::Kind::Folded;
    });
    QCOMPARE(anyChange, !aspects.isEmpty());
    // One read per side, each on its own tenant, and no write.
    QCOMPARE(operations(m_dev).last(), QStringLiteral("Items_GetMirroredDatabaseDefinition"));
    QCOMPARE(operations(m_prod).last(), QStringLiteral("Items_GetMirroredDatabaseDefinition"));
}

void TestPromote::compareWithFile()
{
    const auto [ws, id] = m_dev.salesMirror();
    MirroringDefinition file = tablesDefinition(m_dev.connectionNamed(kSqlConnection));
    DefinitionComparer comparer;
    QSignalSpy finished(&comparer, &DefinitionComparer::finished);
    comparer.compare({side(m_dev, QStringLiteral("DEV"), false), ws, id, QStringLiteral("SalesMirror"), std::nullopt},
                     {EnvironmentTarget{}, {}, {}, QStringLiteral("mirroring.json"), file});
    QVERIFY(finished.wait(10000));
    const auto comparison = finished.first().at(0).value<DefinitionComparison>();
    // SalesMirror mirrors all data with no schema or retention set; the file names two tables.
    QVERIFY(comparison.differingAspects().contains(ComparisonLine::Aspect::Tables));
    QCOMPARE(comparison.lines()[int(ComparisonLine::Aspect::Tables)].left, QStringLiteral("all data"));
    QCOMPARE(comparison.lines()[int(ComparisonLine::Aspect::Tables)].right, QStringLiteral("2 tables"));
    QCOMPARE(operations(m_dev), QStringList{"Items_GetMirroredDatabaseDefinition"});
    QVERIFY(operations(m_prod).isEmpty());
}

QTEST_GUILESS_MAIN(TestPromote)
#include "tst_promote.moc"
