// The mirror items beside mirrored databases (issue #19 part 3) against fabric-sandbox over
// loopback: MirrorItemBrowser lists them from the generic item list and reads each type's status
// with its own call; MirrorItemActions refreshes catalog metadata (long-running, cancellable) and
// starts / stops a SQL database's mirroring. Evidence is the decoded answers and the sandbox's
// request log: which calls were sent, how often, and that only the preview's calls carry beta=true.
#include "app/api/requests/getmirroredcatalogstatusrequest.h"
#include "app/api/requests/getmirroredcatalogtablesstatusrequest.h"
#include "app/api/requests/getmirroredazuredatabrickscatalogrequest.h"
#include "app/mirroritems/mirroritemactions.h"
#include "app/mirroritems/mirroritembrowser.h"
#include "models/mirroritemlistmodel.h"
#include "sandbox/fabricstate.h"
#include "sandbox/faultinjector.h"
#include "sandbox/faultrule.h"
#include "tests/support/sandboxfixture.h"
#include "tests/support/sandboxhttpclient.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

using namespace fmc;
using namespace fmc::sandbox;
using namespace fmc::test;

class TestMirrorItems : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void listsEveryMirrorType();
    void unknownMirrorTypeIsReadOnly();
    void catalogStatus_data();
    void catalogStatus();
    void catalogTablesArePaged();
    void betaOnlyWhereTheSpecAsks();
    void sandboxRefusesPreviewWithoutBeta_data();
    void sandboxRefusesPreviewWithoutBeta();
    void databricksSyncDetailsIsTheHealth_data();
    void databricksSyncDetailsIsTheHealth();
    void refreshCatalogMetadata_data();
    void refreshCatalogMetadata();
    void refreshCancelSendsNothingMore();
    void faultOperationNames_data();
    void faultOperationNames();
    void faultByShortOperationName_data();
    void faultByShortOperationName();
    void sqlDatabaseStartStop();
    void sqlDatabaseStartIsNotResent();
    void actionsAreGated_data();
    void actionsAreGated();

private:
    Workspace workspace(const QString &name) const;
    //! Shows \a workspaceName in a browser and waits until every list and status call answered.
    bool showAndWait(MirrorItemBrowser &browser, const QString &workspaceName);
    const MirrorItemRow *rowNamed(const MirrorItemBrowser &browser, const QString &name) const;
    MirrorItemActions::Target targetNamed(const QString &workspaceName, const QString &itemName);
    QList<RequestLogEntry> calls(const QString &operationId) const;

    SandboxFixture m_fx;
};

void TestMirrorItems::init()
{
    SandboxOptions options;
    options.speed = 100;
    options.lroMode = LroMode::Never;
    QVERIFY(m_fx.up(options));
}

void TestMirrorItems::cleanup()
{
    m_fx.down();
}

Workspace TestMirrorItems::workspace(const QString &name) const
{
    for (const auto &ws : m_fx.sandbox->state()->workspaces())
        if (ws.displayName == name) {
            Workspace found;
            found.id = ws.id;
            found.displayName = ws.displayName;
            return found;
        }
    return {};
}

bool TestMirrorItems::showAndWait(MirrorItemBrowser &browser, const QString &workspaceName)
{
    QSignalSpy idle(&browser, &MirrorItemBrowser::idle);
    browser.showWorkspaces({workspace(workspaceName)});
    return QTest::qWaitFor([&] { return idle.count() > 0 && browser.pendingCount() == 0; }, 10000);
}

const MirrorItemRow *TestMirrorItems::rowNamed(const MirrorItemBrowser &browser, const QString &name) const
{
    for (int row = 0; row < browser.model()->rowCount(); ++row)
        if (browser.model()->rowAt(row).item.displayName == name)
            return &browser.model()->rowAt(row);
    return nullptr;
}

MirrorItemActions::Target TestMirrorItems::targetNamed(const QString &workspaceName, const QString &itemName)
{
    const Workspace ws = workspace(workspaceName);
    for (const auto &listed : m_fx.sandbox->state()->mirrorItems().listed(ws.id))
        if (listed.displayName == itemName)
            return {ws.id, listed.id, listed.displayName, listed.type, MirrorItemKind::of(listed.type)};
    return {};
}

QList<RequestLogEntry> TestMirrorItems::calls(const QString &operationId) const
{
    QList<RequestLogEntry> out;
    for (const RequestLogEntry &e : m_fx.apiLog())
        if (e.operationId == operationId)
            out << e;
    return out;
}

void TestMirrorItems::listsEveryMirrorType()
{
    MirrorItemBrowser browser(m_fx.client);
    QAbstractItemModelTester tester(browser.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(showAndWait(browser, QStringLiteral("Sales Analytics")));
    // Every mirror but the mirrored databases (they have their own list); no Lakehouse, no endpoint.
    QStringList names;
    for (int row = 0; row < browser.model()->rowCount(); ++row)
        names << browser.model()->rowAt(row).item.displayName;
    names.sort();
    QCOMPARE(names, (QStringList{QStringLiteral("IcebergSales"), QStringLiteral("LegacyWarehouse"),
                                 QStringLiteral("OrdersDb"), QStringLiteral("UnitySales")}));
    const MirrorItemRow *iceberg = rowNamed(browser, QStringLiteral("IcebergSales"));
    QVERIFY(iceberg);
    QCOMPARE(iceberg->kind, MirrorItemKind::MirroredCatalog);
    QCOMPARE(MirrorItemListModel::healthOf(*iceberg).text, QStringLiteral("Running, 1 table failed"));
    QCOMPARE(MirrorItemListModel::healthOf(*iceberg).level, MirroringHealth::Warning);
    QCOMPARE(MirrorItemListModel::detailsOf(*iceberg), QStringLiteral("9 tables, 1 failed"));
    const MirrorItemRow *orders = rowNamed(browser, QStringLiteral("OrdersDb"));
    QVERIFY(orders && orders->sqlDatabase);
    QVERIFY(orders->sqlDatabase->databaseName.startsWith(QLatin1String("OrdersDb-")));
    // Say plainly that there is no status call, instead of guessing one.
    QCOMPARE(MirrorItemListModel::healthOf(*orders).text, QStringLiteral("No status call"));
    const QModelIndex health = browser.model()->index(
        browser.model()->rowOfKey(MirrorItemListModel::keyText(orders->item.workspaceId, orders->item.id)),
        MirrorItemListModel::Health);
    QVERIFY(health.data(Qt::ToolTipRole).toString().contains(QLatin1String("no mirroring status call")));

    // A refresh is a keyed diff: the rows stay, no reset, and the statuses survive the list.
    QSignalSpy reset(browser.model(), &QAbstractItemModel::modelReset);
    QSignalSpy removed(browser.model(), &QAbstractItemModel::rowsRemoved);
    QVERIFY(showAndWait(browser, QStringLiteral("Sales Analytics")));
    QCOMPARE(reset.count(), 0);
    QCOMPARE(removed.count(), 0);
    QVERIFY(rowNamed(browser, QStringLiteral("IcebergSales"))->catalogStatus);

    // Another workspace replaces the rows of the first.
    QVERIFY(showAndWait(browser, QStringLiteral("Finance")));
    QVERIFY(!rowNamed(browser, QStringLiteral("IcebergSales")));
    QVERIFY(rowNamed(browser, QStringLiteral("GlueFinance")));
}

void TestMirrorItems::unknownMirrorTypeIsReadOnly()
{
    MirrorItemBrowser browser(m_fx.client);
    m_fx.sandbox->clearRequestLog();
    QVERIFY(showAndWait(browser, QStringLiteral("Operations")));
    const MirrorItemRow *events = rowNamed(browser, QStringLiteral("SensorEvents"));
    QVERIFY(events);
    QCOMPARE(events->item.type, QStringLiteral("MirroredCosmosDbContainer"));
    QCOMPARE(events->kind, MirrorItemKind::OtherMirror);
    // Its type's text as given, and no call made for it beyond the list.
    const QModelIndex type = browser.model()->index(browser.model()->rowOfKey(MirrorItemListModel::keyText(
                                                        events->item.workspaceId, events->item.id)),
                                                    MirrorItemListModel::Type);
    QCOMPARE(type.data().toString(), QStringLiteral("MirroredCosmosDbContainer"));
    for (const RequestLogEntry &e : m_fx.apiLog())
        QVERIFY2(!e.pathAndQuery.contains(events->item.id, Qt::CaseInsensitive), qPrintable(e.pathAndQuery));
    MirrorItemActions actions(m_fx.client);
    const auto target = MirrorItemActions::targetOf(*events);
    for (auto action : {MirrorItemActions::Action::RefreshMetadata, MirrorItemActions::Action::StartMirroring,
                        MirrorItemActions::Action::StopMirroring}) {
        QVERIFY(actions.whyNot(action, target, WorkspaceRole::Admin).contains(QLatin1String("read-only")));
        QVERIFY(!actions.run(action, target));
    }
    QVERIFY(MirrorItemListModel::healthOf(*events).text.startsWith(QLatin1String("Read-only")));
}

void TestMirrorItems::catalogStatus_data()
{
    QTest::addColumn<QString>("workspace");
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("errorCode");
    QTest::addColumn<bool>("lastSync");
    QTest::newRow("Running") << "Sales Analytics" << "IcebergSales" << int(CatalogMirroringState::Running) << "" << true;
    QTest::newRow("Failed, with its error") << "Finance" << "GlueFinance" << int(CatalogMirroringState::Failed)
                                            << "InvalidInput" << true;
    QTest::newRow("Stopped") << "Operations" << "DremioOps" << int(CatalogMirroringState::Stopped) << "" << true;
}

void TestMirrorItems::catalogStatus()
{
    QFETCH(QString, workspace);
    QFETCH(QString, name);
    QFETCH(int, status);
    QFETCH(QString, errorCode);
    QFETCH(bool, lastSync);
    const auto target = targetNamed(workspace, name);
    QVERIFY(!target.itemId.isEmpty());
    ApiError error;
    const CatalogMirroringStatus answer = m_fx.run(new GetMirroredCatalogStatusRequest(target.workspaceId, target.itemId), &error);
    QVERIFY2(!error.isError(), qPrintable(error.message()));
    QCOMPARE(int(answer.status.value), status);
    QCOMPARE(answer.lastSyncDateTime.isValid(), lastSync);
    QCOMPARE(answer.error.has_value(), !errorCode.isEmpty());
    if (answer.error)
        QCOMPARE(answer.error->errorCode, errorCode);
}

void TestMirrorItems::catalogTablesArePaged()
{
    m_fx.down();
    SandboxOptions options;
    options.speed = 100;
    options.pageSize = 2;
    QVERIFY(m_fx.up(options));
    const auto target = targetNamed(QStringLiteral("Sales Analytics"), QStringLiteral("IcebergSales"));
    auto *request = new GetMirroredCatalogTablesStatusRequest(target.workspaceId, target.itemId);
    QSignalSpy pages(request, &ApiRequest::pageReceived);
    ApiError error;
    const QList<CatalogTableStatus> tables = m_fx.run(request, &error);
    QVERIFY2(!error.isError(), qPrintable(error.message()));
    QCOMPARE(tables.size(), 9);
    QCOMPARE(pages.count(), 5); // 2 + 2 + 2 + 2 + 1
    // Each page was asked once, with beta=true kept beside the continuation token.
    const QList<RequestLogEntry> sent = calls(QStringLiteral("Monitoring_Tables_Mirroring_Status_(beta)"));
    QCOMPARE(sent.size(), 5);
    for (const RequestLogEntry &e : sent) {
        QCOMPARE(e.status, 200);
        QVERIFY2(e.pathAndQuery.contains(QLatin1String("beta=true")), qPrintable(e.pathAndQuery));
    }
    QVERIFY(!sent.first().pathAndQuery.contains(QLatin1String("continuationToken")));
    QVERIFY(sent.last().pathAndQuery.contains(QLatin1String("continuationToken")));
    // The spec example's shapes: one Failed table with its error, one not synced yet (null).
    int failed = 0, neverSynced = 0;
    for (const CatalogTableStatus &t : tables) {
        if (t.status == CatalogMirroringState::Failed) {
            ++failed;
            QVERIFY(t.error);
            QCOMPARE(t.error->errorCode, QStringLiteral("TableLocationNotAccessible"));
        }
        neverSynced += !t.lastSyncDateTime.isValid();
    }
    QCOMPARE(failed, 1);
    QCOMPARE(neverSynced, 1);
}

void TestMirrorItems::betaOnlyWhereTheSpecAsks()
{
    MirrorItemBrowser browser(m_fx.client);
    m_fx.sandbox->clearRequestLog();
    QVERIFY(showAndWait(browser, QStringLiteral("Sales Analytics")));
    MirrorItemActions actions(m_fx.client);
    QSignalSpy finished(&actions, &MirrorItemActions::finished);
    for (const QString &name : {QStringLiteral("IcebergSales"), QStringLiteral("UnitySales")}) {
        finished.clear();
        QVERIFY(actions.run(MirrorItemActions::Action::RefreshMetadata, targetNamed(QStringLiteral("Sales Analytics"), name)));
        QVERIFY(QTest::qWaitFor([&] { return finished.count() > 0; }, 10000));
    }
    int beta = 0;
    for (const RequestLogEntry &e : m_fx.apiLog()) {
        const bool preview = e.operationId.endsWith(QLatin1String("(beta)"));
        QCOMPARE(e.pathAndQuery.contains(QLatin1String("beta=")), preview);
        beta += preview;
    }
    QCOMPARE(beta, 3); // status, tables status, refresh of the mirrored catalog
}

void TestMirrorItems::sandboxRefusesPreviewWithoutBeta_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("call");
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("status");
    QTest::newRow("status without beta") << QByteArray("GET") << "mirroringStatus" << "" << 400;
    QTest::newRow("tables without beta") << QByteArray("GET") << "tablesMirroringStatus" << "" << 400;
    QTest::newRow("refresh without beta") << QByteArray("POST") << "refreshCatalogMetadata" << "" << 400;
    QTest::newRow("refresh, beta=false") << QByteArray("POST") << "refreshCatalogMetadata" << "?beta=false" << 400;
    QTest::newRow("status with beta") << QByteArray("GET") << "mirroringStatus" << "?beta=true" << 200;
    QTest::newRow("DELETE on status: 405") << QByteArray("DELETE") << "mirroringStatus" << "?beta=true" << 405;
}

void TestMirrorItems::sandboxRefusesPreviewWithoutBeta()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, call);
    QFETCH(QString, query);
    QFETCH(int, status);
    const auto target = targetNamed(QStringLiteral("Sales Analytics"), QStringLiteral("IcebergSales"));
    SandboxHttpClient http(m_fx.sandbox.get());
    http.setToken(http.clientCredentialsToken());
    const HttpResult r = http.call(method, QStringLiteral("/v1/workspaces/%1/mirroredCatalogs/%2/%3%4")
                                               .arg(target.workspaceId, target.itemId, call, query));
    QCOMPARE(r.status, status);
    if (status == 400)
        QCOMPARE(r.errorCode(), QStringLiteral("InvalidParameter"));
}

void TestMirrorItems::databricksSyncDetailsIsTheHealth_data()
{
    QTest::addColumn<QString>("workspace");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("health");
    QTest::addColumn<int>("level");
    QTest::addColumn<QString>("error");
    QTest::newRow("Success") << "Sales Analytics" << "UnitySales" << "Synced" << int(MirroringHealth::Normal) << "";
    QTest::newRow("Failed, errorInfo") << "Finance" << "UnityFinance" << "Sync failed" << int(MirroringHealth::Failed)
                                       << "CatalogNotAccessible";
    QTest::newRow("NotStarted") << "Operations" << "UnityOps" << "Not synced yet" << int(MirroringHealth::Warning) << "";
    QTest::newRow("InProgress") << "Operations" << "UnityPlant" << "Syncing" << int(MirroringHealth::Normal) << "";
}

void TestMirrorItems::databricksSyncDetailsIsTheHealth()
{
    QFETCH(QString, workspace);
    QFETCH(QString, name);
    QFETCH(QString, health);
    QFETCH(int, level);
    QFETCH(QString, error);
    MirrorItemBrowser browser(m_fx.client);
    QVERIFY(showAndWait(browser, workspace));
    const MirrorItemRow *row = rowNamed(browser, name);
    QVERIFY(row && row->databricks);
    QCOMPARE(MirrorItemListModel::healthOf(*row).text, health);
    QCOMPARE(int(MirrorItemListModel::healthOf(*row).level), level);
    QCOMPARE(MirrorItemListModel::errorOf(*row).section(u':', 0, 0), error);
    QVERIFY(row->databricks->autoSync.isKnown());
    QVERIFY(row->databricks->mirroringMode.isKnown());
    // mirrorStatus is not modelled: kept with the unknown fields, not dropped.
    QVERIFY(row->databricks->extra.contains("mirrorStatus"));
}

void TestMirrorItems::refreshCatalogMetadata_data()
{
    QTest::addColumn<QString>("workspace");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("longRunning");
    QTest::addColumn<QString>("errorCode");
    QTest::addColumn<QString>("operationId");
    const QString catalogRefresh = QStringLiteral("Refresh_Refresh_Catalog_Metadata_(beta)");
    const QString databricksRefresh = QStringLiteral("Refresh_RefreshCatalogMetadata");
    QTest::newRow("catalog, 200") << "Sales Analytics" << "IcebergSales" << false << "" << catalogRefresh;
    QTest::newRow("catalog, 202 and polls") << "Sales Analytics" << "IcebergSales" << true << "" << catalogRefresh;
    QTest::newRow("failed catalog: the operation fails") << "Finance" << "GlueFinance" << true << "OperationFailed"
                                                         << catalogRefresh;
    QTest::newRow("Databricks, 200") << "Operations" << "UnityOps" << false << "" << databricksRefresh;
    QTest::newRow("Databricks, 202 and polls") << "Operations" << "UnityOps" << true << "" << databricksRefresh;
}

void TestMirrorItems::refreshCatalogMetadata()
{
    QFETCH(QString, workspace);
    QFETCH(QString, name);
    QFETCH(bool, longRunning);
    QFETCH(QString, errorCode);
    QFETCH(QString, operationId);
    m_fx.sandbox->setLroMode(longRunning ? LroMode::Always : LroMode::Never);
    const auto target = targetNamed(workspace, name);
    QVERIFY(!target.itemId.isEmpty());
    m_fx.sandbox->clearRequestLog();
    MirrorItemActions actions(m_fx.client);
    QSignalSpy busy(&actions, &MirrorItemActions::busyChanged);
    QSignalSpy finished(&actions, &MirrorItemActions::finished);
    QVERIFY(actions.run(MirrorItemActions::Action::RefreshMetadata, target));
    QVERIFY(actions.isBusy());
    QVERIFY(!actions.run(MirrorItemActions::Action::RefreshMetadata, target)); // one at a time
    QVERIFY(!actions.whyNot(MirrorItemActions::Action::RefreshMetadata, target, WorkspaceRole::Admin).isEmpty());
    QVERIFY(QTest::qWaitFor([&] { return finished.count() > 0; }, 10000));
    QCOMPARE(busy.count(), 2);
    const auto error = finished.first().at(2).value<ApiError>();
    QCOMPARE(error.errorCode(), errorCode);

    const QList<RequestLogEntry> sent = calls(operationId);
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent.first().status, longRunning ? 202 : 200);
    int polls = 0, results = 0;
    for (const RequestLogEntry &e : m_fx.apiLog()) {
        polls += e.operationId == QLatin1String("LongRunningOperations_GetOperationState");
        results += e.operationId == QLatin1String("LongRunningOperations_GetOperationResult");
    }
    QCOMPARE(polls > 0, longRunning);
    QCOMPARE(results, 0); // the refresh has no result to fetch
    if (target.kind != MirrorItemKind::AzureDatabricksCatalog || error.isError())
        return;
    // The Databricks catalog's syncDetails moved: Success, synced at or after the request.
    ApiError getError;
    const MirroredAzureDatabricksCatalog after
        = m_fx.run(new GetMirroredAzureDatabricksCatalogRequest(target.workspaceId, target.itemId), &getError);
    QVERIFY(!getError.isError());
    QVERIFY(after.properties && after.properties->syncDetails);
    QCOMPARE(after.properties->syncDetails->status.value, CatalogSyncStatus::Success);
    QVERIFY(after.properties->syncDetails->lastSyncDateTime >= sent.first().receivedSandboxUtc.addMSecs(-1));
}

void TestMirrorItems::refreshCancelSendsNothingMore()
{
    m_fx.sandbox->setLroMode(LroMode::Always);
    m_fx.sandbox->setLroDurationMs(-1); // the operation never ends
    const auto target = targetNamed(QStringLiteral("Operations"), QStringLiteral("UnityOps"));
    MirrorItemActions actions(m_fx.client);
    QSignalSpy finished(&actions, &MirrorItemActions::finished);
    QVERIFY(actions.run(MirrorItemActions::Action::RefreshMetadata, target));
    QVERIFY(QTest::qWaitFor([&] { return !calls(QStringLiteral("LongRunningOperations_GetOperationState")).isEmpty(); },
                            10000));
    actions.cancel();
    QVERIFY(QTest::qWaitFor([&] { return finished.count() > 0; }, 2000));
    QCOMPARE(finished.first().at(2).value<ApiError>().kind(), ApiError::Kind::Cancelled);
    QVERIFY(!actions.isBusy());
    const qsizetype sent = m_fx.apiLog().size();
    QTest::qWait(300); // several poll intervals at this speed
    QCOMPARE(m_fx.apiLog().size(), sent);
}

void TestMirrorItems::sqlDatabaseStartStop()
{
    const auto target = targetNamed(QStringLiteral("Sales Analytics"), QStringLiteral("OrdersDb"));
    QCOMPARE(target.kind, MirrorItemKind::SqlDatabase);
    const auto *database = m_fx.sandbox->state()->mirrorItems().sqlDatabase(target.workspaceId, target.itemId);
    QVERIFY(database && database->mirroring);
    MirrorItemActions actions(m_fx.client);
    QSignalSpy finished(&actions, &MirrorItemActions::finished);
    m_fx.sandbox->clearRequestLog();
    QVERIFY(actions.run(MirrorItemActions::Action::StopMirroring, target));
    QVERIFY(QTest::qWaitFor([&] { return finished.count() == 1; }, 10000));
    QVERIFY(!finished.last().at(2).value<ApiError>().isError());
    QVERIFY(!database->mirroring);
    QVERIFY(actions.run(MirrorItemActions::Action::StartMirroring, target));
    QVERIFY(QTest::qWaitFor([&] { return finished.count() == 2; }, 10000));
    QVERIFY(!finished.last().at(2).value<ApiError>().isError());
    QVERIFY(database->mirroring);
    QCOMPARE(database->stops, 1);
    QCOMPARE(database->starts, 1);
    const QList<RequestLogEntry> log = m_fx.apiLog();
    QCOMPARE(log.size(), 2);
    QVERIFY(log.at(0).pathAndQuery.endsWith(QLatin1String("/stopMirroring")));
    QVERIFY(log.at(1).pathAndQuery.endsWith(QLatin1String("/startMirroring")));
    QVERIFY(log.at(0).pathAndQuery.contains(QLatin1String("/sqlDatabases/")));
}

void TestMirrorItems::faultOperationNames_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("operationId");
    QTest::addColumn<bool>("matches");
    QTest::newRow("the operationId") << "Refresh_RefreshCatalogMetadata" << "Refresh_RefreshCatalogMetadata" << true;
    QTest::newRow("the part after '_'") << "getMirroringStatus" << "Mirroring_GetMirroringStatus" << true;
    QTest::newRow("without MirroredDatabase") << "getDefinition" << "Items_GetMirroredDatabaseDefinition" << true;
    QTest::newRow("Databricks refresh") << "refreshCatalogMetadata" << "Refresh_RefreshCatalogMetadata" << true;
    // The preview operations' ids: words joined by '_', "(beta)" at the end.
    QTest::newRow("catalog refresh (beta)") << "refreshCatalogMetadata" << "Refresh_Refresh_Catalog_Metadata_(beta)" << true;
    QTest::newRow("catalog status (beta)") << "mirroringStatus" << "Monitoring_Mirroring_Status_(beta)" << true;
    QTest::newRow("catalog tables (beta)") << "tablesMirroringStatus" << "Monitoring_Tables_Mirroring_Status_(beta)" << true;
    QTest::newRow("another operation") << "getMirroringStatus" << "Monitoring_Mirroring_Status_(beta)" << false;
    QTest::newRow("a part only") << "refresh" << "Refresh_Refresh_Catalog_Metadata_(beta)" << false;
    QTest::newRow("no operation: every one") << "" << "Items_GetMirroredCatalog" << true;
    QTest::newRow("off the API") << "getMirroringStatus" << "" << false;
}

void TestMirrorItems::faultOperationNames()
{
    QFETCH(QString, operation);
    QFETCH(QString, operationId);
    QFETCH(bool, matches);
    QCOMPARE(FaultInjector::operationMatches(operation, operationId), matches);
}

void TestMirrorItems::faultByShortOperationName_data()
{
    QTest::addColumn<QString>("workspace");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("operationId");
    QTest::newRow("mirrored catalog") << "Sales Analytics" << "IcebergSales" << "Refresh_Refresh_Catalog_Metadata_(beta)";
    QTest::newRow("Databricks catalog") << "Operations" << "UnityOps" << "Refresh_RefreshCatalogMetadata";
}

// A fault named "refreshCatalogMetadata" (as the README's --fault examples name operations) hits
// both catalogs' refresh: it hit only the Databricks one, whose operationId has no "(beta)".
void TestMirrorItems::faultByShortOperationName()
{
    QFETCH(QString, workspace);
    QFETCH(QString, name);
    QFETCH(QString, operationId);
    const auto target = targetNamed(workspace, name);
    QVERIFY(!target.itemId.isEmpty());
    FaultRule rule;
    rule.kind = FaultRule::Kind::Status;
    rule.status = 400; // not retried: one request, its error as the service words it
    rule.errorCode = QStringLiteral("InjectedFault");
    rule.operation = QStringLiteral("refreshCatalogMetadata");
    rule.count = 1;
    m_fx.sandbox->addFault(rule);
    m_fx.sandbox->clearRequestLog();
    MirrorItemActions actions(m_fx.client);
    QSignalSpy finished(&actions, &MirrorItemActions::finished);
    QVERIFY(actions.run(MirrorItemActions::Action::RefreshMetadata, target));
    QVERIFY(QTest::qWaitFor([&] { return finished.count() == 1; }, 10000));
    QCOMPARE(finished.first().at(2).value<ApiError>().errorCode(), QStringLiteral("InjectedFault"));
    const QList<RequestLogEntry> sent = calls(operationId);
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent.first().status, 400);
}

void TestMirrorItems::sqlDatabaseStartIsNotResent()
{
    // Start is not idempotent: after a 503 the outcome is unknown and nothing is sent again.
    const auto target = targetNamed(QStringLiteral("Finance"), QStringLiteral("BudgetDb"));
    FaultRule rule;
    rule.kind = FaultRule::Kind::Status;
    rule.status = 503;
    rule.pathPattern = QStringLiteral("/sqlDatabases/[^/]+/startMirroring$");
    rule.count = 1;
    m_fx.sandbox->addFault(rule);
    m_fx.sandbox->clearRequestLog();
    MirrorItemActions actions(m_fx.client);
    QSignalSpy finished(&actions, &MirrorItemActions::finished);
    QVERIFY(actions.run(MirrorItemActions::Action::StartMirroring, target));
    QVERIFY(QTest::qWaitFor([&] { return finished.count() == 1; }, 10000));
    QCOMPARE(finished.first().at(2).value<ApiError>().kind(), ApiError::Kind::OutcomeUnknown);
    QCOMPARE(m_fx.apiLog().size(), 1);
    QCOMPARE(m_fx.sandbox->state()->mirrorItems().sqlDatabase(target.workspaceId, target.itemId)->starts, 0);
}

void TestMirrorItems::actionsAreGated_data()
{
    QTest::addColumn<QString>("workspace");
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("role");
    QTest::addColumn<bool>("refresh");
    QTest::addColumn<bool>("startStop");
    QTest::newRow("catalog: refresh only") << "Sales Analytics" << "IcebergSales" << int(WorkspaceRole::Admin) << true << false;
    QTest::newRow("Databricks: refresh only") << "Sales Analytics" << "UnitySales" << int(WorkspaceRole::Contributor) << true << false;
    QTest::newRow("SQL database: start/stop only") << "Sales Analytics" << "OrdersDb" << int(WorkspaceRole::Member) << false << true;
    QTest::newRow("MirroredWarehouse: nothing") << "Sales Analytics" << "LegacyWarehouse" << int(WorkspaceRole::Admin) << false << false;
    QTest::newRow("a Viewer: nothing") << "Sales Analytics" << "IcebergSales" << int(WorkspaceRole::Viewer) << false << false;
}

void TestMirrorItems::actionsAreGated()
{
    QFETCH(QString, workspace);
    QFETCH(QString, name);
    QFETCH(int, role);
    QFETCH(bool, refresh);
    QFETCH(bool, startStop);
    MirrorItemActions actions(m_fx.client);
    const auto target = targetNamed(workspace, name);
    QVERIFY(!target.itemId.isEmpty());
    const auto r = WorkspaceRole(role);
    QCOMPARE(actions.whyNot(MirrorItemActions::Action::RefreshMetadata, target, r).isEmpty(), refresh);
    QCOMPARE(actions.whyNot(MirrorItemActions::Action::StartMirroring, target, r).isEmpty(), startStop);
    QCOMPARE(actions.whyNot(MirrorItemActions::Action::StopMirroring, target, r).isEmpty(), startStop);
}

QTEST_GUILESS_MAIN(TestMirrorItems)
#include "tst_mirror_items.moc"
