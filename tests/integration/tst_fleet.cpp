// The fleet against the real fabric-sandbox: the catalog search (paging, the body token, a
// refused search, every mirror type in one filter), the FleetLoader by search and by its fallback
// (the same set of mirrors of every type), and
// the fallback past the main window's crawl cap (every workspace of a scaled tenant), and
// the BulkActionRunner under 429 and 503 faults, asserted on the sandbox's request log: each
// item sent exactly once, skipped ones never, Retry-After never undercut (Start / Stop of
// mirrored and SQL databases, Refresh SQL endpoint, Refresh catalog metadata). The sandbox clock is
// paused (statuses stay as the demo tenant has them, so the gating is known) and the client's
// waits are scaled by 1/100, so a Retry-After of n s shows as a gap of at least n·10 ms of wall
// time between two requests.
#include "app/api/fabricrequests.h"
#include "app/api/requests/catalogsearchrequest.h"
#include "app/fleet/bulkactionrunner.h"
#include "app/fleet/fleetloader.h"
#include "app/workspacebrowser.h"
#include "models/fleetmodel.h"
#include "models/mirroritemkind.h"
#include "models/workspacelistmodel.h"
#include "sandbox/fabricstate.h"
#include "tests/support/sandboxfixture.h"
#include "tests/support/timefactor.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTimer>

#include <set>

using namespace fmc;
using namespace fmc::sandbox;
using namespace fmc::test;

Q_DECLARE_METATYPE(fmc::BulkActionRunner::Action)

namespace {

using MirrorKey = std::pair<QString, QString>; // workspace id, mirror id

std::set<MirrorKey> keysOf(const FleetModel *model)
{
    std::set<MirrorKey> keys;
    for (int row = 0; row < model->rowCount(); ++row)
        keys.insert({model->rowAt(row).mirror.database.workspaceId, model->rowAt(row).mirror.database.id});
    return keys;
}

} // namespace

class TestFleet : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void searchPagesWithTheTokenInTheBody_data();
    void searchPagesWithTheTokenInTheBody();
    void searchAndFallbackFindTheSameFleet_data();
    void searchAndFallbackFindTheSameFleet();
    void searchNamesEveryMirrorType();
    void learntTypesSpareTheCatalogRead_data();
    void learntTypesSpareTheCatalogRead();
    void malformedTypesAreNeitherRowsNorLearnt();
    void clearForgetsLearntTypes();
    void failedOtherPassKeepsTheirRows();
    void detailsFillInEveryRow();
    void bulkGatingSkipsBeforeSending_data();
    void bulkGatingSkipsBeforeSending();
    void bulkUnderFaults_data();
    void bulkUnderFaults();
    void bulkCancelSendsNothingMore();
    void fallbackListsEveryWorkspace();
    void fallbackEndsWhenTheWorkspacesCannotBeListed();
    void fallbackKeepsTheRowsOfAWorkspaceItCouldNotList();
    void bigSearchPageGoesInATurnAtATime();
    void bigSearchPagesPageOn();
    void bulkRefreshSqlEndpoint_data();
    void bulkRefreshSqlEndpoint();
    void bulkRefreshCatalogMetadata_data();
    void bulkRefreshCatalogMetadata();

private:
    //! The demo tenant as the sandbox holds it: every mirrored database, by key.
    std::set<MirrorKey> tenantMirrors() const;
    //! ... and every mirror of the other types: those a search can name, and with
    //! \a withUnknownTypes those it cannot (a `Mirrored…` type not in the spec's enum).
    std::set<MirrorKey> tenantFleet(bool withUnknownTypes = true) const;
    //! A loader over a browser whose workspaces (and roles) are listed.
    std::unique_ptr<FleetLoader> loadedFleet(WorkspaceBrowser **browser,
                                             std::chrono::milliseconds otherTypesFreshFor = FleetLoader::kOtherTypesFreshFor);
    QList<BulkActionRunner::Target> targetsOf(const FleetModel *model) const;
    QList<RequestLogEntry> logOf(const QString &operationId) const;
    //! Every catalog search is refused from now on (403 FeatureNotAvailable): the fallback lists.
    void refuseCatalogSearch();
    //! Stop for the whole fleet, as planned (5 to send, 13 skipped); the request log then cleared.
    QList<BulkActionRunner::Item> stopPlanForEveryMirror();
    //! The next request of \a operation is answered \a status (with \a retryAfter when given).
    void failOnce(const QString &operation, int status, const QByteArray &retryAfter);
    //! The sandbox again, with no demo data and 250 generated mirrors (and 25 of the other
    //! types) over 300 workspaces: search pages of hundreds of entries.
    bool upScaledTenant();
    //! A generated tenant of \a workspaces and \a mirrors (no demo data), statuses held still.
    static SandboxOptions scaledTenant(int workspaces, int mirrors);
    //! Runs \a plan; false when the batch did not end in time.
    bool runToTheEnd(BulkActionRunner &runner, BulkActionRunner::Action action,
                     const QList<BulkActionRunner::Item> &plan) const;

    SandboxFixture m_fx;
    std::unique_ptr<WorkspaceBrowser> m_browser;
    std::unique_ptr<FleetLoader> m_fleet;
};

void TestFleet::init()
{
    SandboxOptions options;
    options.speed = 100;
    options.startPaused = true; // statuses stay put: the gating below is the demo tenant's
    options.lroMode = LroMode::Never;
    QVERIFY(m_fx.up(options));
}

SandboxOptions TestFleet::scaledTenant(int workspaces, int mirrors)
{
    SandboxOptions options;
    options.startPaused = true;
    options.lroMode = LroMode::Never;
    options.demoData = false;
    options.scaleWorkspaces = workspaces;
    options.scaleMirrors = mirrors;
    return options;
}

bool TestFleet::upScaledTenant()
{
    m_fx.down();
    return m_fx.up(scaledTenant(300, 250));
}

void TestFleet::cleanup()
{
    m_fleet.reset();
    m_browser.reset();
    m_fx.down();
}

std::set<MirrorKey> TestFleet::tenantMirrors() const
{
    std::set<MirrorKey> keys;
    for (const auto &ws : m_fx.sandbox->state()->workspaces())
        for (const FabricState::Mirror *m : m_fx.sandbox->state()->mirrors(ws.id))
            keys.insert({ws.id, m->id});
    return keys;
}

std::set<MirrorKey> TestFleet::tenantFleet(bool withUnknownTypes) const
{
    std::set<MirrorKey> keys = tenantMirrors();
    for (const auto &ws : m_fx.sandbox->state()->workspaces())
        for (const auto &item : m_fx.sandbox->state()->mirrorItems().listed(ws.id))
            if (withUnknownTypes ? MirrorItemKind::of(item.type) != MirrorItemKind::NotMirror
                                 : MirrorItemKind::isKnownType(item.type))
                keys.insert({ws.id, item.id});
    return keys;
}

std::unique_ptr<FleetLoader> TestFleet::loadedFleet(WorkspaceBrowser **browser, std::chrono::milliseconds otherTypesFreshFor)
{
    m_browser = std::make_unique<WorkspaceBrowser>(m_fx.client);
    QSignalSpy roles(m_browser.get(), &WorkspaceBrowser::rolesLoaded);
    QSignalSpy crawled(m_browser.get(), &WorkspaceBrowser::allDatabasesLoaded);
    m_browser->reloadWorkspaces();
    // The browser's crawl ends too, so that the log below holds only what a test sends.
    if (!QTest::qWaitFor([&] { return roles.count() > 0 && crawled.count() > 0; }, scaledMs(10000)))
        return nullptr;
    auto loader = std::make_unique<FleetLoader>(m_fx.client, m_browser.get());
    loader->setOtherTypesFreshFor(otherTypesFreshFor);
    QSignalSpy details(loader.get(), &FleetLoader::detailsLoaded);
    loader->load();
    if (!QTest::qWaitFor([&] { return details.count() > 0; }, scaledMs(15000)))
        return nullptr;
    *browser = m_browser.get();
    return loader;
}

QList<BulkActionRunner::Target> TestFleet::targetsOf(const FleetModel *model) const
{
    QList<BulkActionRunner::Target> targets;
    for (int row = 0; row < model->rowCount(); ++row) {
        const FleetRow &r = model->rowAt(row);
        targets.append({r.mirror.database.workspaceId, r.mirror.database.id, r.mirror.database.displayName,
                        r.mirror.workspaceName, r.mirror.status, r.role, QString(), // endpoint: read by the runner
                        FleetModel::kindOf(r), r.mirror.database.type});
    }
    return targets;
}

QList<BulkActionRunner::Item> TestFleet::stopPlanForEveryMirror()
{
    WorkspaceBrowser *browser = nullptr;
    m_fleet = loadedFleet(&browser);
    if (!m_fleet)
        return {};
    const QList<BulkActionRunner::Item> plan =
        BulkActionRunner::plan(BulkActionRunner::Action::Stop, targetsOf(m_fleet->model()));
    m_fx.sandbox->clearRequestLog();
    return plan;
}

void TestFleet::failOnce(const QString &operation, int status, const QByteArray &retryAfter)
{
    FaultRule rule;
    rule.operation = operation;
    rule.status = status;
    rule.count = 1;
    if (!retryAfter.isEmpty())
        rule.retryAfter = retryAfter;
    m_fx.sandbox->addFault(rule);
}

bool TestFleet::runToTheEnd(BulkActionRunner &runner, BulkActionRunner::Action action,
                            const QList<BulkActionRunner::Item> &plan) const
{
    QSignalSpy finished(&runner, &BulkActionRunner::finished);
    runner.run(action, plan);
    return finished.wait(scaledMs(20000));
}

QList<RequestLogEntry> TestFleet::logOf(const QString &operationId) const
{
    QList<RequestLogEntry> entries;
    for (const RequestLogEntry &e : m_fx.apiLog())
        if (e.operationId == operationId)
            entries << e;
    return entries;
}

// --- catalog search -------------------------------------------------------------------------------

void TestFleet::searchPagesWithTheTokenInTheBody_data()
{
    QTest::addColumn<int>("pageSize");
    QTest::addColumn<bool>("failPageTwo"); // a 503 on the second page's first request
    QTest::addRow("pages of 2") << 2 << false;
    QTest::addRow("pages of 3, page 2 fails once") << 3 << true;
    QTest::addRow("one page") << 1000 << false;
}

void TestFleet::searchPagesWithTheTokenInTheBody()
{
    QFETCH(int, pageSize);
    QFETCH(bool, failPageTwo);
    const std::set<MirrorKey> expected = tenantMirrors();
    QCOMPARE(expected.size(), size_t(7));
    auto *request = new CatalogSearchRequest(QStringLiteral("MirroredDatabase"), pageSize);
    QSignalSpy pages(request, &ApiRequest::pageReceived);
    if (failPageTwo) {
        // The 503 is armed once the first page arrived, so it hits the second page's request.
        connect(request, &ApiRequest::pageReceived, m_fx.owner.get(), [this](int index) {
            if (index != 0)
                return;
            FaultRule rule;
            rule.operation = QStringLiteral("Catalog_Search");
            rule.status = 503;
            rule.count = 1;
            m_fx.sandbox->addFault(rule);
        });
    }
    ApiError error;
    const QList<CatalogEntry> entries = m_fx.run(request, &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString()));
    std::set<MirrorKey> found;
    for (const CatalogEntry &e : entries) {
        QCOMPARE(e.type, QStringLiteral("MirroredDatabase"));
        QCOMPARE(e.catalogEntryType, QStringLiteral("FabricItem"));
        QVERIFY(!e.workspaceName().isEmpty());
        QVERIFY2(found.insert({e.workspaceId(), e.id}).second, "an entry came twice");
    }
    QCOMPARE(found, expected);
    const int expectedPages = (7 + pageSize - 1) / pageSize;
    QCOMPARE(pages.count(), expectedPages);
    const QList<RequestLogEntry> log = logOf(QStringLiteral("Catalog_Search"));
    QCOMPARE(log.size(), expectedPages + (failPageTwo ? 1 : 0));
    for (const RequestLogEntry &e : log) {
        QCOMPARE(e.method, QByteArray("POST"));
        QVERIFY(e.pathAndQuery.startsWith(QStringLiteral("/v1/catalog/search")));
    }
    // Each page's body carries the token the page before gave: every page asked is another body.
    std::set<QByteArray> bodies;
    for (const RequestLogEntry &e : log)
        if (e.status == 200)
            bodies.insert(e.bodySha256);
    QCOMPARE(int(bodies.size()), expectedPages);
    if (failPageTwo) {
        // The failed page was asked again with the same body; page 1 was asked once.
        QCOMPARE(log[1].status, 503);
        QCOMPARE(log[2].bodySha256, log[1].bodySha256);
        QVERIFY(log[0].bodySha256 != log[1].bodySha256);
    }
}

// The unfiltered pass reads every catalog entry of the tenant. What it learnt (the demo's
// MirroredCosmosDbContainer) is named in the next load's one search while it holds; with no time
// to hold, every load reads the catalog again. Either way the fleet is the same.
void TestFleet::learntTypesSpareTheCatalogRead_data()
{
    QTest::addColumn<int>("freshForMs");
    QTest::addColumn<int>("searchesOnReload");
    QTest::addRow("learnt types hold") << int(std::chrono::milliseconds(FleetLoader::kOtherTypesFreshFor).count()) << 1;
    QTest::addRow("every load reads the catalog") << 0 << 2;
}

void TestFleet::learntTypesSpareTheCatalogRead()
{
    QFETCH(int, freshForMs);
    QFETCH(int, searchesOnReload);
    m_browser = std::make_unique<WorkspaceBrowser>(m_fx.client);
    QSignalSpy roles(m_browser.get(), &WorkspaceBrowser::rolesLoaded);
    m_browser->reloadWorkspaces();
    QVERIFY(QTest::qWaitFor([&] { return roles.count() > 0; }, scaledMs(10000)));
    FleetLoader loader(m_fx.client, m_browser.get());
    loader.setOtherTypesFreshFor(std::chrono::milliseconds(freshForMs));
    // The list is complete after the typed search: the unfiltered one adds its rows after.
    std::set<MirrorKey> keysWhenLoaded;
    int searchesWhenLoaded = -1;
    connect(&loader, &FleetLoader::loaded, this, [&] {
        keysWhenLoaded = keysOf(loader.model());
        searchesWhenLoaded = int(logOf(QStringLiteral("Catalog_Search")).size());
    });
    QSignalSpy done(&loader, &FleetLoader::detailsLoaded);
    m_fx.sandbox->clearRequestLog();
    loader.load();
    QVERIFY(QTest::qWaitFor([&] { return done.count() == 1; }, scaledMs(15000)));
    QCOMPARE(keysWhenLoaded, tenantFleet(false));
    QCOMPARE(searchesWhenLoaded, 1);
    QCOMPARE(logOf(QStringLiteral("Catalog_Search")).size(), 2); // typed, then unfiltered
    QCOMPARE(keysOf(loader.model()), tenantFleet());
    QCOMPARE(loader.learntTypes(), QStringList{QStringLiteral("MirroredCosmosDbContainer")});

    m_fx.sandbox->clearRequestLog();
    loader.load();
    QVERIFY(QTest::qWaitFor([&] { return done.count() == 2; }, scaledMs(15000)));
    QCOMPARE(logOf(QStringLiteral("Catalog_Search")).size(), searchesOnReload);
    // A reload keeps the other types' rows while their pass runs: none went and came back.
    QCOMPARE(keysWhenLoaded, tenantFleet());
    // Found by the typed search when it names the type: without it, SensorEvents would be missing.
    QCOMPARE(keysOf(loader.model()), tenantFleet());
    QCOMPARE(loader.model()->rowCount(), 18);
}

// A type's text is the service's, and a learnt type goes into the next search's filter. One
// that does not read as a type name (a quote that would reshape the filter, a space, 100
// characters) is not a mirror: no row, never learnt. A well-formed new type beside them is both.
void TestFleet::malformedTypesAreNeitherRowsNorLearnt()
{
    FabricState *state = m_fx.sandbox->state();
    const QString ws = state->workspaces().constFirst().id;
    const QString newType = state->mirrorItems().addGeneric(*state, ws, QStringLiteral("MirroredSomethingNew"),
                                                            QStringLiteral("New"));
    QStringList malformed;
    for (const QString &type : {QStringLiteral("Mirrored' or Type ne 'x"), QStringLiteral("Mirrored Thing"),
                                QStringLiteral("Mirrored") + QString(100, u'X')})
        malformed << state->mirrorItems().addGeneric(*state, ws, type, QStringLiteral("Hostile"));
    WorkspaceBrowser *browser = nullptr;
    const std::unique_ptr<FleetLoader> loader = loadedFleet(&browser);
    QVERIFY(loader);
    QVERIFY(loader->model()->find(ws, newType));
    for (const QString &id : std::as_const(malformed))
        QVERIFY2(!loader->model()->find(ws, id), qPrintable(id));
    QCOMPARE(keysOf(loader->model()), tenantFleet());
    QCOMPARE(loader->model()->rowCount(), 19);
    QCOMPARE(loader->learntTypes(),
             QStringList({QStringLiteral("MirroredCosmosDbContainer"), QStringLiteral("MirroredSomethingNew")}));

    // The reload names the learnt types in its one search and finds the same fleet.
    m_fx.sandbox->clearRequestLog();
    QSignalSpy loaded(loader.get(), &FleetLoader::loaded);
    loader->load();
    QVERIFY(QTest::qWaitFor([&] { return loaded.count() == 1; }, scaledMs(15000)));
    QCOMPARE(logOf(QStringLiteral("Catalog_Search")).size(), 1);
    QCOMPARE(keysOf(loader->model()), tenantFleet());
}

// Signed out, the loader forgets what it learnt: the next sign-in may be another tenant, whose
// other Mirrored… types the unfiltered search must find again (named from the last tenant's
// list, they would be missing while the fleet said it was complete).
void TestFleet::clearForgetsLearntTypes()
{
    WorkspaceBrowser *browser = nullptr;
    const std::unique_ptr<FleetLoader> loader = loadedFleet(&browser);
    QVERIFY(loader);
    QCOMPARE(loader->learntTypes(), QStringList{QStringLiteral("MirroredCosmosDbContainer")});

    loader->clear();
    QCOMPARE(loader->model()->rowCount(), 0);
    QVERIFY(loader->learntTypes().isEmpty());
    m_fx.sandbox->clearRequestLog();
    QSignalSpy done(loader.get(), &FleetLoader::detailsLoaded);
    loader->load();
    QVERIFY(QTest::qWaitFor([&] { return done.count() == 1; }, scaledMs(15000)));
    QCOMPARE(logOf(QStringLiteral("Catalog_Search")).size(), 2); // typed, then unfiltered again
    QCOMPARE(keysOf(loader->model()), tenantFleet());
}

// The list is complete after the typed search, whose sweep removes only rows of the types it
// named. When the unfiltered pass then fails, the other types' rows stay as the last pass left
// them (they used to be swept away with the list).
void TestFleet::failedOtherPassKeepsTheirRows()
{
    WorkspaceBrowser *browser = nullptr;
    const std::unique_ptr<FleetLoader> loader = loadedFleet(&browser, std::chrono::milliseconds(0));
    QVERIFY(loader);
    QCOMPARE(keysOf(loader->model()), tenantFleet());
    // Armed once the list is in: the next search is the unfiltered one.
    connect(loader.get(), &FleetLoader::loaded, this, [this] { failOnce(QStringLiteral("Catalog_Search"), 400, {}); },
            Qt::SingleShotConnection);
    m_fx.sandbox->clearRequestLog();
    QSignalSpy done(loader.get(), &FleetLoader::detailsLoaded);
    loader->load();
    QVERIFY(QTest::qWaitFor([&] { return done.count() == 1; }, scaledMs(15000)));
    const QList<RequestLogEntry> searches = logOf(QStringLiteral("Catalog_Search"));
    QCOMPARE(searches.size(), 2);
    QCOMPARE(searches.last().status, 400);
    QVERIFY(!loader->isLoading());
    QCOMPARE(keysOf(loader->model()), tenantFleet());
}

void TestFleet::searchAndFallbackFindTheSameFleet_data()
{
    QTest::addColumn<int>("refusal");
    QTest::addRow("search refused with 403") << 403;
    QTest::addRow("search not found (404)") << 404;
}

void TestFleet::searchAndFallbackFindTheSameFleet()
{
    QFETCH(int, refusal);
    WorkspaceBrowser *browser = nullptr;
    std::unique_ptr<FleetLoader> bySearch = loadedFleet(&browser);
    QVERIFY(bySearch);
    QCOMPARE(bySearch->source(), FleetLoader::Source::Search);
    const std::set<MirrorKey> searched = keysOf(bySearch->model());
    // Every type: 7 mirrored databases, 3 mirrored catalogs, 4 Databricks catalogs, 2 SQL
    // databases, a MirroredWarehouse and the demo's MirroredCosmosDbContainer, a type no filter
    // can name: the search's second, unfiltered pass finds it.
    QCOMPARE(searched, tenantFleet());
    QCOMPARE(searched.size(), size_t(18));
    QVERIFY(tenantFleet(false).size() < searched.size());
    const auto unknown = std::find_if(searched.cbegin(), searched.cend(), [&](const MirrorKey &k) {
        return FleetModel::kindOf(*bySearch->model()->find(k.first, k.second)) == MirrorItemKind::OtherMirror
               && !MirrorItemKind::isKnownType(bySearch->model()->find(k.first, k.second)->mirror.database.type);
    });
    QVERIFY(unknown != searched.cend());
    QCOMPARE(bySearch->model()->find(unknown->first, unknown->second)->mirror.database.type,
             QStringLiteral("MirroredCosmosDbContainer")); // as the service spells it

    m_fx.sandbox->state()->setCatalogSearchRefusal(refusal);
    m_fx.sandbox->clearRequestLog();
    FleetLoader byListing(m_fx.client, browser);
    QAbstractItemModelTester tester(byListing.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy refused(&byListing, &FleetLoader::searchRefused);
    QSignalSpy loaded(&byListing, &FleetLoader::loaded);
    QSignalSpy details(&byListing, &FleetLoader::detailsLoaded);
    byListing.load();
    QVERIFY(QTest::qWaitFor([&] { return details.count() > 0; }, scaledMs(15000)));
    QCOMPARE(refused.count(), 1);
    QVERIFY(refused.first().first().toString().contains(QString::number(refusal)));
    QCOMPARE(loaded.count(), 1);
    QCOMPARE(byListing.source(), FleetLoader::Source::Listing);
    QCOMPARE(keysOf(byListing.model()), searched);
    // The fallback listed each workspace: one search, then the listings.
    QCOMPARE(logOf(QStringLiteral("Catalog_Search")).size(), 1);
    QVERIFY(logOf(QStringLiteral("Items_ListItems")).size() >= 5);
    // The fallback found each row's type as the search did.
    for (int row = 0; row < byListing.model()->rowCount(); ++row) {
        const FleetRow &r = byListing.model()->rowAt(row);
        const FleetRow *searchedRow = bySearch->model()->find(r.mirror.database.workspaceId, r.mirror.database.id);
        QVERIFY(searchedRow);
        QCOMPARE(FleetModel::kindOf(r), FleetModel::kindOf(*searchedRow));
        QCOMPARE(FleetModel::bucketOf(r), FleetModel::bucketOf(*searchedRow));
    }
}

void TestFleet::searchNamesEveryMirrorType()
{
    // One search, one filter naming every type: no search per type.
    WorkspaceBrowser *browser = nullptr;
    std::unique_ptr<FleetLoader> loader = loadedFleet(&browser);
    QVERIFY(loader);
    const QString filter = CatalogSearchRequest::typeFilter(MirrorItemKind::knownTypes());
    QCOMPARE(filter, QStringLiteral("Type eq 'MirroredDatabase' or Type eq 'MirroredCatalog' or "
                                    "Type eq 'MirroredAzureDatabricksCatalog' or Type eq 'MirroredWarehouse' or "
                                    "Type eq 'SQLDatabase'"));
    m_fx.sandbox->clearRequestLog();
    auto *request = new CatalogSearchRequest(MirrorItemKind::knownTypes(), 5);
    ApiError error;
    const QList<CatalogEntry> entries = m_fx.run(request, &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString()));
    std::set<MirrorKey> found;
    for (const CatalogEntry &e : entries) {
        QVERIFY2(MirrorItemKind::isKnownType(e.type), qPrintable(e.type));
        found.insert({e.workspaceId(), e.id});
    }
    QCOMPARE(found, tenantFleet(false));
    QCOMPARE(logOf(QStringLiteral("Catalog_Search")).size(), 4); // 17 entries in pages of 5
}

void TestFleet::detailsFillInEveryRow()
{
    WorkspaceBrowser *browser = nullptr;
    std::unique_ptr<FleetLoader> loader = loadedFleet(&browser);
    QVERIFY(loader);
    const FleetModel *model = loader->model();
    QCOMPARE(model->rowCount(), 18);
    // The capacity names come from one background listing, which may answer last.
    QVERIFY(QTest::qWaitFor([&] {
        for (int row = 0; row < model->rowCount(); ++row)
            if (model->rowAt(row).capacityName.isEmpty())
                return false;
        return true;
    }, scaledMs(5000)));
    QMap<QString, FleetModel::Bucket> buckets;
    for (int row = 0; row < model->rowCount(); ++row) {
        const FleetRow &r = model->rowAt(row);
        buckets.insert(r.mirror.database.displayName, FleetModel::bucketOf(r));
        QVERIFY(!r.capacityName.isEmpty());
        if (FleetModel::kindOf(r) != MirrorItemKind::MirroredDatabase)
            continue;
        QVERIFY2(r.mirror.status, qPrintable(r.mirror.database.displayName));
        // getDefinition needs write permission: a Viewer's mirror is not asked (its source unknown).
        QCOMPARE(r.sourceType.isEmpty(), r.role == WorkspaceRole::Viewer);
        QVERIFY(r.role != WorkspaceRole::Unknown);
    }
    QCOMPARE(buckets.value(QStringLiteral("LedgerMirror")), FleetModel::Bucket::Stopped);
    QCOMPARE(buckets.value(QStringLiteral("SnowflakeMirror")), FleetModel::Bucket::Initializing);
    QCOMPARE(buckets.value(QStringLiteral("OpsMirror")), FleetModel::Bucket::Initializing);
    // The other types, each by its own call: a failed catalog and a failed Databricks sync are
    // Failed, a catalog with a failed table and a Databricks catalog never synced are warnings,
    // a SQL database and a read-only type have no status call.
    QCOMPARE(buckets.value(QStringLiteral("GlueFinance")), FleetModel::Bucket::Failed);
    QCOMPARE(buckets.value(QStringLiteral("UnityFinance")), FleetModel::Bucket::Failed);
    QCOMPARE(buckets.value(QStringLiteral("IcebergSales")), FleetModel::Bucket::Warning);
    QCOMPARE(buckets.value(QStringLiteral("UnityOps")), FleetModel::Bucket::Warning);
    QCOMPARE(buckets.value(QStringLiteral("DremioOps")), FleetModel::Bucket::Stopped);
    QCOMPARE(buckets.value(QStringLiteral("UnitySales")), FleetModel::Bucket::Running);
    QCOMPARE(buckets.value(QStringLiteral("UnityPlant")), FleetModel::Bucket::Running); // syncing
    QCOMPARE(buckets.value(QStringLiteral("OrdersDb")), FleetModel::Bucket::NoStatus);
    QCOMPARE(buckets.value(QStringLiteral("BudgetDb")), FleetModel::Bucket::NoStatus);
    QCOMPARE(buckets.value(QStringLiteral("LegacyWarehouse")), FleetModel::Bucket::NoStatus);
    QCOMPARE(buckets.value(QStringLiteral("SensorEvents")), FleetModel::Bucket::NoStatus); // a type not in the enum
    QCOMPARE(model->find(m_fx.salesMirror().first, m_fx.salesMirror().second)->sourceType,
             QStringLiteral("AzureSqlDatabase"));
    const QMap<FleetModel::Bucket, int> rollUp = model->rollUp();
    int total = 0;
    for (int n : rollUp)
        total += n;
    QCOMPARE(total, 18);
    QCOMPARE(rollUp.value(FleetModel::Bucket::Loading), 0);
    QCOMPARE(rollUp.value(FleetModel::Bucket::NoStatus), 4);
    // Per other item, its type's calls once; none for the read-only type.
    QCOMPARE(logOf(QStringLiteral("Monitoring_Mirroring_Status_(beta)")).size(), 3);
    QCOMPARE(logOf(QStringLiteral("Items_GetMirroredAzureDatabricksCatalog")).size(), 4);
    QCOMPARE(logOf(QStringLiteral("Items_GetSQLDatabase")).size(), 2);
    // Per mirror: one status and one definition; tables only for the Running ones.
    QCOMPARE(logOf(QStringLiteral("Mirroring_GetMirroringStatus")).size(), 7);
    QCOMPARE(logOf(QStringLiteral("Items_GetMirroredDatabaseDefinition")).size(), 6);
    int firstPages = 0; // SalesArchive's 700 tables take several pages
    for (const RequestLogEntry &e : logOf(QStringLiteral("Mirroring_GetTablesMirroringStatus")))
        firstPages += !e.pathAndQuery.contains(QStringLiteral("continuationToken"));
    QCOMPARE(firstPages, 4);
}

// --- bulk actions ---------------------------------------------------------------------------------

void TestFleet::bulkGatingSkipsBeforeSending_data()
{
    QTest::addColumn<BulkActionRunner::Action>("action");
    QTest::addColumn<QStringList>("sent");
    // SQL databases have no status call: sent whatever their state (OrdersDb mirrors already).
    QTest::addRow("stop: the running ones the role allows, and the SQL databases")
        << BulkActionRunner::Action::Stop
        << QStringList{QStringLiteral("SalesMirror"), QStringLiteral("SalesArchive"), QStringLiteral("SensorLanding"),
                       QStringLiteral("OrdersDb"), QStringLiteral("BudgetDb")};
    QTest::addRow("start: the stopped and the initialized, and the SQL databases")
        << BulkActionRunner::Action::Start
        << QStringList{QStringLiteral("LedgerMirror"), QStringLiteral("OpsMirror"), QStringLiteral("OrdersDb"),
                       QStringLiteral("BudgetDb")};
}

void TestFleet::bulkGatingSkipsBeforeSending()
{
    QFETCH(BulkActionRunner::Action, action);
    QFETCH(QStringList, sent);
    WorkspaceBrowser *browser = nullptr;
    std::unique_ptr<FleetLoader> loader = loadedFleet(&browser);
    QVERIFY(loader);
    const QList<BulkActionRunner::Item> plan = BulkActionRunner::plan(action, targetsOf(loader->model()));
    QStringList pending;
    for (const BulkActionRunner::Item &item : plan) {
        if (item.outcome == BulkActionRunner::Outcome::Pending)
            pending << item.target.displayName;
        else
            QVERIFY2(!item.reason.isEmpty(), qPrintable(item.target.displayName));
        // A SQL database is never skipped as "already running": it says it is sent blind.
        if (item.target.kind == MirrorItemKind::SqlDatabase)
            QVERIFY2(item.reason.contains(QStringLiteral("no status call")), qPrintable(item.reason));
        // Catalogs have no start or stop; a read-only type has no calls at all.
        if (item.target.kind == MirrorItemKind::MirroredCatalog || item.target.kind == MirrorItemKind::OtherMirror)
            QCOMPARE(item.outcome, BulkActionRunner::Outcome::Skipped);
        // ReportsMirror is Running but its workspace role is Viewer: skipped for the role.
        if (item.target.displayName == QLatin1String("ReportsMirror")) {
            QCOMPARE(item.outcome, BulkActionRunner::Outcome::Skipped);
            if (action == BulkActionRunner::Action::Stop)
                QVERIFY2(item.reason.contains(QStringLiteral("Viewer")), qPrintable(item.reason));
        }
    }
    std::sort(pending.begin(), pending.end());
    std::sort(sent.begin(), sent.end());
    QCOMPARE(pending, sent);

    m_fx.sandbox->clearRequestLog();
    BulkActionRunner runner(m_fx.client);
    QSignalSpy finished(&runner, &BulkActionRunner::finished);
    runner.run(action, plan);
    QVERIFY(finished.wait(scaledMs(10000)));
    QCOMPARE(runner.count(BulkActionRunner::Outcome::Done), int(sent.size()));
    QCOMPARE(runner.count(BulkActionRunner::Outcome::Skipped), int(plan.size() - sent.size()));
    const QString operation = action == BulkActionRunner::Action::Start ? QStringLiteral("Mirroring_StartMirroring")
                                                                        : QStringLiteral("Mirroring_StopMirroring");
    QCOMPARE(logOf(operation).size(), sent.size()); // nothing for a skipped item
    QCOMPARE(m_fx.apiLog().size(), sent.size());
    // The SQL databases were reached once each, whatever their state.
    for (const auto &ws : m_fx.sandbox->state()->workspaces())
        for (const auto *database : m_fx.sandbox->state()->mirrorItems().sqlDatabases(ws.id))
            QCOMPARE(action == BulkActionRunner::Action::Start ? database->starts : database->stops, 1);
}

void TestFleet::bulkUnderFaults_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<int>("requests");   // stopMirroring requests the sandbox sees
    QTest::addColumn<int>("done");
    QTest::addColumn<int>("minGapMs");   // wall time between the fault and the next request
    // 429 with Retry-After: the request waits it out and is sent again; the next item follows.
    // Five to send: three mirrored databases, then two SQL databases (the same operation).
    QTest::addRow("429 Retry-After 2 s") << 429 << QByteArray("2") << 6 << 5 << 20;
    // Retry-After above 60 s: the item fails (Throttled), the batch itself waits it out.
    QTest::addRow("429 Retry-After 90 s") << 429 << QByteArray("90") << 5 << 4 << 900;
    // 503 on a stop: outcome unknown, never re-sent; the rest go on.
    QTest::addRow("503") << 503 << QByteArray() << 5 << 4 << 0;
}

void TestFleet::bulkUnderFaults()
{
    QFETCH(int, status);
    QFETCH(QByteArray, retryAfter);
    QFETCH(int, requests);
    QFETCH(int, done);
    QFETCH(int, minGapMs);
    const QList<BulkActionRunner::Item> plan = stopPlanForEveryMirror();
    QCOMPARE(plan.size(), 18);
    failOnce(QStringLiteral("stopMirroring"), status, retryAfter);
    BulkActionRunner runner(m_fx.client);
    QVERIFY(runToTheEnd(runner, BulkActionRunner::Action::Stop, plan));
    QCOMPARE(runner.count(BulkActionRunner::Outcome::Done), done);
    QCOMPARE(runner.count(BulkActionRunner::Outcome::Failed), 5 - done);
    QCOMPARE(runner.count(BulkActionRunner::Outcome::Skipped), 13);
    for (const BulkActionRunner::Item &item : runner.items()) {
        if (item.outcome == BulkActionRunner::Outcome::Skipped)
            QVERIFY2(!item.reason.isEmpty(), "a skipped item says why"); // the read-only type too
        if (item.outcome == BulkActionRunner::Outcome::Failed) {
            QVERIFY2(!item.requestId.isEmpty(), "a failed item names its request id");
            QVERIFY2(item.reason.contains(item.requestId), qPrintable(item.reason));
        }
    }
    const QList<RequestLogEntry> log = logOf(QStringLiteral("Mirroring_StopMirroring"));
    QCOMPARE(log.size(), requests);
    QCOMPARE(m_fx.apiLog().size(), requests); // nothing else, nothing for the skipped
    QCOMPARE(log.first().status, status);
    // Each mirror reached at most once with a request the service acted on (2xx).
    std::map<QString, int> acted;
    for (const RequestLogEntry &e : log)
        if (e.status >= 200 && e.status < 300)
            ++acted[e.pathAndQuery];
    QCOMPARE(int(acted.size()), done);
    for (const auto &[path, n] : acted)
        QVERIFY2(n == 1, qPrintable(path));
    // Never undercut: the request after the fault waited at least Retry-After (scaled).
    const qint64 gap = log[0].receivedUtc.msecsTo(log[1].receivedUtc);
    QVERIFY2(gap >= minGapMs, qPrintable(QStringLiteral("gap %1 ms < %2 ms").arg(gap).arg(minGapMs)));
}

void TestFleet::bulkCancelSendsNothingMore()
{
    const QList<BulkActionRunner::Item> plan = stopPlanForEveryMirror();
    QCOMPARE(plan.size(), 18);
    FaultRule slow;
    slow.kind = FaultRule::Kind::Latency;
    slow.operation = QStringLiteral("stopMirroring");
    slow.latencyMs = 400;
    m_fx.sandbox->addFault(slow);
    BulkActionRunner runner(m_fx.client);
    QSignalSpy finished(&runner, &BulkActionRunner::finished);
    // When finished() goes out every item has its outcome: none is still being sent.
    int sendingAtFinished = -1;
    connect(&runner, &BulkActionRunner::finished, this, [&] {
        sendingAtFinished = runner.count(BulkActionRunner::Outcome::Sending);
    });
    runner.run(BulkActionRunner::Action::Stop, plan);
    QVERIFY(QTest::qWaitFor([&] { return logOf(QStringLiteral("Mirroring_StopMirroring")).size() == 1; },
                            scaledMs(5000)));
    runner.cancel();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(sendingAtFinished, 0);
    QTest::qWait(600); // anything wrongly sent after the cancel would arrive now
    QCOMPARE(logOf(QStringLiteral("Mirroring_StopMirroring")).size(), 1);
    QCOMPARE(runner.count(BulkActionRunner::Outcome::Cancelled), 4); // not sent
    // The one in flight was sent: its outcome is unknown, Failed (so its status is read again),
    // never "Cancelled, not sent", also after its cancelled call reported back.
    QCOMPARE(runner.count(BulkActionRunner::Outcome::Failed), 1);
    for (const BulkActionRunner::Item &item : runner.items())
        if (item.outcome == BulkActionRunner::Outcome::Failed)
            QVERIFY2(item.reason.contains(QLatin1String("may or may not have acted")), qPrintable(item.reason));
    QCOMPARE(runner.count(BulkActionRunner::Outcome::Done), 0);
    QVERIFY(!runner.isRunning());
}

// --- scale: the fallback lists every workspace --------------------------------------------------

void TestFleet::refuseCatalogSearch()
{
    FaultRule refused;
    refused.operation = QStringLiteral("Catalog_Search");
    refused.status = 403;
    refused.errorCode = QStringLiteral("FeatureNotAvailable");
    m_fx.sandbox->addFault(refused);
}

// Search refused and the workspace listing the fallback needs fails: the load ends, saying why,
// instead of showing "loading" with a Cancel button for ever.
void TestFleet::fallbackEndsWhenTheWorkspacesCannotBeListed()
{
    refuseCatalogSearch();
    FaultRule noWorkspaces;
    noWorkspaces.operation = QStringLiteral("listWorkspaces");
    noWorkspaces.status = 400; // not retried
    noWorkspaces.errorCode = QStringLiteral("InjectedFault");
    m_fx.sandbox->addFault(noWorkspaces);
    WorkspaceBrowser browser(m_fx.client); // nothing listed yet: the fallback lists the workspaces
    FleetLoader loader(m_fx.client, &browser);
    QSignalSpy refusedSpy(&loader, &FleetLoader::searchRefused);
    QSignalSpy failed(&loader, &FleetLoader::failed);
    loader.load();
    QVERIFY(failed.wait(scaledMs(10000)));
    QCOMPARE(refusedSpy.count(), 1);
    QVERIFY2(failed.constLast().at(0).toString().contains(QLatin1String("InjectedFault")),
             qPrintable(failed.constLast().at(0).toString()));
    QVERIFY(!loader.isLoading());
    m_fx.sandbox->clearFaults();
}

// Search refused: a reload whose list of one workspace fails keeps that workspace's mirrors (a
// failure is not an empty workspace), says why, and still removes nothing else.
void TestFleet::fallbackKeepsTheRowsOfAWorkspaceItCouldNotList()
{
    refuseCatalogSearch();
    WorkspaceBrowser browser(m_fx.client);
    QSignalSpy workspaces(&browser, &WorkspaceBrowser::workspacesLoaded);
    browser.reloadWorkspaces();
    QVERIFY(workspaces.wait(scaledMs(10000)));
    FleetLoader loader(m_fx.client, &browser);
    QSignalSpy loaded(&loader, &FleetLoader::loaded);
    loader.load();
    QVERIFY(loaded.wait(scaledMs(15000)));
    const int before = loader.model()->rowCount();
    QString workspaceId;
    int inIt = 0;
    for (int r = 0; r < before; ++r) {
        const FleetRow &row = loader.model()->rowAt(r);
        if (row.mirror.workspaceName == QLatin1String("Sales Analytics")) {
            workspaceId = row.mirror.database.workspaceId;
            ++inIt;
        }
    }
    QVERIFY(inIt > 0);
    FaultRule unlisted;
    unlisted.pathPattern = QStringLiteral("/workspaces/%1/items").arg(workspaceId);
    unlisted.status = 400; // not retried
    unlisted.errorCode = QStringLiteral("InjectedFault");
    m_fx.sandbox->addFault(unlisted);
    QSignalSpy failed(&loader, &FleetLoader::failed);
    loader.load();
    QVERIFY(loaded.wait(scaledMs(15000)));
    QCOMPARE(failed.count(), 1);
    QVERIFY2(failed.first().at(0).toString().contains(QLatin1String("Sales Analytics")),
             qPrintable(failed.first().at(0).toString()));
    QCOMPARE(loader.model()->rowCount(), before);
    m_fx.sandbox->clearFaults();
}

void TestFleet::fallbackListsEveryWorkspace()
{
    // More workspaces than the main window's start-up crawl covers, mirrors spread over all of
    // them (the last ones too), search refused: the fleet still finds every mirror.
    m_fx.down();
    SandboxOptions options = scaledTenant(WorkspaceBrowser::kMaxCrawledWorkspaces + 100, 40);
    options.pageSize = 60; // the workspaces and each list come in pages
    options.catalogSearchRefusal = 403;
    QVERIFY(m_fx.up(options));
    const std::set<MirrorKey> tenant = tenantFleet();
    // Every tenth generated mirror's workspace holds a mirror of another type too.
    QCOMPARE(int(tenant.size()), options.scaleMirrors + options.scaleMirrors / FabricState::kScaleOtherMirrorEvery);
    QSet<QString> uncrawled; // the workspaces the main window's start-up crawl leaves out
    const auto workspaces = m_fx.sandbox->state()->workspaces();
    for (qsizetype i = WorkspaceBrowser::kMaxCrawledWorkspaces; i < workspaces.size(); ++i)
        uncrawled.insert(workspaces[i].id);
    QVERIFY(std::count_if(tenant.cbegin(), tenant.cend(), [&](const MirrorKey &k) { return uncrawled.contains(k.first); })
            >= 5);

    m_browser = std::make_unique<WorkspaceBrowser>(m_fx.client);
    FleetLoader loader(m_fx.client, m_browser.get());
    QAbstractItemModelTester tester(loader.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&loader, &FleetLoader::loaded);
    QSignalSpy failed(&loader, &FleetLoader::failed);
    loader.load();
    // An event loop, not qWaitFor(): its 10 ms naps between checks would pace 600 round trips
    // to the sandbox, which answers in this thread.
    QVERIFY(loaded.count() > 0 || loaded.wait(scaledMs(30000)));
    QCOMPARE(failed.count(), 0);
    QCOMPARE(loader.source(), FleetLoader::Source::Listing);
    QCOMPARE(keysOf(loader.model()), tenant);
    // Every workspace listed once by the fleet (the browser's own crawl may list some too).
    std::map<QString, int> listed;
    for (const RequestLogEntry &e : logOf(QStringLiteral("Items_ListItems")))
        if (!e.pathAndQuery.contains(QStringLiteral("continuationToken")))
            ++listed[e.pathAndQuery.section(u'/', 3, 3)];
    QCOMPARE(int(listed.size()), options.scaleWorkspaces);
    loader.cancel();
}

void TestFleet::bigSearchPageGoesInATurnAtATime()
{
    // One search page of hundreds of mirrors goes into the model kRowsPerTurn rows per turn of
    // the event loop (a single insertion held the GUI thread for 10 ms and more), and the list is
    // complete only once every row is in.
    QVERIFY(upScaledTenant());
    const std::set<MirrorKey> tenant = tenantFleet();
    QVERIFY(int(tenant.size()) > 2 * FleetLoader::kRowsPerTurn);

    m_browser = std::make_unique<WorkspaceBrowser>(m_fx.client);
    FleetLoader loader(m_fx.client, m_browser.get());
    QAbstractItemModelTester tester(loader.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<int> insertions;
    connect(loader.model(), &QAbstractItemModel::rowsInserted, this,
            [&insertions](const QModelIndex &, int first, int last) { insertions << last - first + 1; });
    int rowsWhenLoaded = -1;
    connect(&loader, &FleetLoader::loaded, this,
            [&rowsWhenLoaded, &loader] { rowsWhenLoaded = loader.model()->rowCount(); });
    QSignalSpy loaded(&loader, &FleetLoader::loaded);
    QSignalSpy details(&loader, &FleetLoader::detailsLoaded);
    loader.load();
    QVERIFY(loaded.wait(scaledMs(10000)));
    QVERIFY(details.count() > 0 || details.wait(scaledMs(20000))); // nothing of it in flight below
    QCOMPARE(loader.source(), FleetLoader::Source::Search);
    QCOMPARE(rowsWhenLoaded, int(tenant.size()));
    QCOMPARE(keysOf(loader.model()), tenant);
    QVERIFY2(insertions.size() >= int(tenant.size()) / FleetLoader::kRowsPerTurn, qPrintable(QString::number(insertions.size())));
    for (int rows : std::as_const(insertions))
        QVERIFY2(rows <= FleetLoader::kRowsPerTurn, qPrintable(QString::number(rows)));

    // Cancelled with rows still to add (as the first of them go in): none is added after.
    loader.model()->clear();
    insertions.clear();
    loaded.clear();
    connect(loader.model(), &QAbstractItemModel::rowsInserted, &loader, [&loader] { loader.cancel(); },
            Qt::SingleShotConnection);
    loader.load();
    QVERIFY(QTest::qWaitFor([&] { return !insertions.isEmpty(); }, scaledMs(10000)));
    const int rowsAtCancel = loader.model()->rowCount();
    QCOMPARE(rowsAtCancel, FleetLoader::kRowsPerTurn);
    // No detail call either (the browser's crawl lists databases, without their status).
    const auto detailCalls = [this] {
        static const QStringList fleetCalls{
            QStringLiteral("Mirroring_GetMirroringStatus"), QStringLiteral("Mirroring_GetTablesMirroringStatus"),
            QStringLiteral("Items_GetMirroredDatabaseDefinition"), QStringLiteral("Monitoring_Mirroring_Status_(beta)"),
            QStringLiteral("Items_GetMirroredAzureDatabricksCatalog"), QStringLiteral("Items_GetSQLDatabase")};
        const QList<RequestLogEntry> log = m_fx.apiLog();
        return std::count_if(log.cbegin(), log.cend(),
                             [](const RequestLogEntry &e) { return fleetCalls.contains(e.operationId); });
    };
    const auto detailCallsAtCancel = detailCalls();
    QTest::qWait(50);
    QCOMPARE(loader.model()->rowCount(), rowsAtCancel);
    QCOMPARE(detailCalls(), detailCallsAtCancel);
    QCOMPARE(loaded.count(), 0);

    // Cancelled from the event loop, as the window's "Cancel loading" does: what was found stays
    // listed, the rest of the page included (it was dropped, though the window said it stays),
    // and nothing is added after.
    loader.model()->clear();
    insertions.clear();
    connect(loader.model(), &QAbstractItemModel::rowsInserted, &loader, [&loader] { loader.cancel(); },
            Qt::ConnectionType(Qt::QueuedConnection | Qt::SingleShotConnection));
    loader.load();
    QVERIFY(QTest::qWaitFor([&] { return !insertions.isEmpty() && !loader.isLoading(); }, scaledMs(10000)));
    // One page holds the whole scaled tenant: every mirror of the typed search was found.
    const std::set<MirrorKey> typed = tenantFleet(false);
    QVERIFY(int(typed.size()) <= CatalogSearchRequest::kDefaultPageSize);
    QCOMPARE(loader.model()->rowCount(), int(typed.size()));
    QTest::qWait(50);
    QCOMPARE(loader.model()->rowCount(), int(typed.size()));
    QCOMPARE(loaded.count(), 0);
}

void TestFleet::bigSearchPagesPageOn()
{
    // Pages big enough to be parsed and decoded in the worker thread still carry their token
    // into the next page's body (the token is taken from what the worker kept of the page).
    QVERIFY(upScaledTenant());
    auto *request = new CatalogSearchRequest(QStringLiteral("MirroredDatabase"), 100);
    QSignalSpy pages(request, &ApiRequest::pageReceived);
    ApiError error;
    const QList<CatalogEntry> entries = m_fx.run(request, &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString()));
    std::set<MirrorKey> found;
    for (const CatalogEntry &e : entries)
        QVERIFY2(found.insert({e.workspaceId(), e.id}).second, "an entry came twice");
    QCOMPARE(found, tenantMirrors());
    QCOMPARE(pages.count(), 3);
    const QList<RequestLogEntry> log = logOf(QStringLiteral("Catalog_Search"));
    QCOMPARE(log.size(), 3); // pages of 100 entries, about 25 KB: over the worker's 16 KB
}

// --- bulk Refresh SQL endpoint --------------------------------------------------------------------

void TestFleet::bulkRefreshSqlEndpoint_data()
{
    QTest::addColumn<int>("status");          // a fault on the first refreshMetadata; 0: none
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<int>("minGapMs");        // wall time between the fault and the next refresh
    QTest::addRow("no fault") << 0 << QByteArray() << 0;
    QTest::addRow("429 Retry-After 2 s") << 429 << QByteArray("2") << 20;
    QTest::addRow("503") << 503 << QByteArray() << 0;
}

void TestFleet::bulkRefreshSqlEndpoint()
{
    QFETCH(int, status);
    QFETCH(QByteArray, retryAfter);
    QFETCH(int, minGapMs);
    WorkspaceBrowser *browser = nullptr;
    std::unique_ptr<FleetLoader> loader = loadedFleet(&browser);
    QVERIFY(loader);
    QCOMPARE(loader->source(), FleetLoader::Source::Search); // no properties: endpoint ids unknown
    const QList<BulkActionRunner::Item> plan =
        BulkActionRunner::plan(BulkActionRunner::Action::RefreshSqlEndpoint, targetsOf(loader->model()));
    // The role gate before anything is sent: the Viewer's mirror is skipped.
    QStringList pending;
    for (const BulkActionRunner::Item &item : plan) {
        if (item.target.kind != MirrorItemKind::MirroredDatabase) {
            QCOMPARE(item.outcome, BulkActionRunner::Outcome::Skipped); // only mirrored databases
            QVERIFY2(item.reason.contains(QStringLiteral("mirrored databases")), qPrintable(item.reason));
        } else if (item.target.displayName == QLatin1String("ReportsMirror")) {
            QCOMPARE(item.outcome, BulkActionRunner::Outcome::Skipped);
            QVERIFY2(item.reason.contains(QStringLiteral("Viewer")), qPrintable(item.reason));
        } else if (item.target.status && item.target.status->status.text == QLatin1String("Initializing")) {
            QCOMPARE(item.outcome, BulkActionRunner::Outcome::Skipped); // SnowflakeMirror: no endpoint yet
            QVERIFY2(item.reason.contains(QStringLiteral("not provisioned")), qPrintable(item.reason));
        } else {
            QCOMPARE(item.outcome, BulkActionRunner::Outcome::Pending);
            pending << item.target.displayName;
        }
    }
    // Which of them have an endpoint (the sandbox provisions one once a mirror is initialized).
    std::set<QString> endpoints;
    for (const auto &ws : m_fx.sandbox->state()->workspaces())
        for (const FabricState::Mirror *m : m_fx.sandbox->state()->mirrors(ws.id))
            if (pending.contains(m->displayName) && m->status != QLatin1String("Initializing"))
                endpoints.insert(m->sqlEndpointId);
    QVERIFY(!endpoints.empty());

    m_fx.sandbox->clearRequestLog();
    if (status)
        failOnce(QStringLiteral("Items_RefreshSqlEndpointMetadata"), status, retryAfter);
    // A large endpoint refreshes as a long-running operation, which ends on the sandbox's clock.
    QTimer clock;
    QObject::connect(&clock, &QTimer::timeout, &clock, [this] { m_fx.sandbox->advanceClock(1000); });
    clock.start(20);
    BulkActionRunner runner(m_fx.client);
    QVERIFY(runToTheEnd(runner, BulkActionRunner::Action::RefreshSqlEndpoint, plan));
    // Each item read once (its endpoint id), nothing for the skipped one.
    QCOMPARE(logOf(QStringLiteral("Items_GetMirroredDatabase")).size(), pending.size());
    const QList<RequestLogEntry> refreshes = logOf(QStringLiteral("Items_RefreshSqlEndpointMetadata"));
    std::map<QString, int> acted; // endpoint id → refreshes the service acted on
    for (const RequestLogEntry &e : refreshes) {
        const QString endpoint = e.pathAndQuery.section(u'/', 5, 5);
        QVERIFY2(endpoints.count(endpoint) == 1, qPrintable(e.pathAndQuery));
        if (e.status >= 200 && e.status < 300)
            ++acted[endpoint];
    }
    for (const auto &[endpoint, n] : acted)
        QVERIFY2(n == 1, qPrintable(endpoint));
    const int done = runner.count(BulkActionRunner::Outcome::Done);
    QCOMPARE(int(acted.size()), done);
    QCOMPARE(done + runner.count(BulkActionRunner::Outcome::Failed), int(endpoints.size()));
    // Not provisioned yet, or a Viewer: skipped, each saying why.
    QCOMPARE(runner.count(BulkActionRunner::Outcome::Skipped), int(plan.size() - endpoints.size()));
    for (const BulkActionRunner::Item &item : runner.items()) {
        if (item.outcome == BulkActionRunner::Outcome::Skipped || item.outcome == BulkActionRunner::Outcome::Failed)
            QVERIFY2(!item.reason.isEmpty(), qPrintable(item.target.displayName));
        if (item.outcome == BulkActionRunner::Outcome::Done)
            QVERIFY2(item.reason.contains(QStringLiteral("table")), qPrintable(item.reason)); // the sync summary
    }
    if (status == 0) {
        QCOMPARE(done, int(endpoints.size()));
        return;
    }
    QCOMPARE(refreshes.first().status, status);
    if (status == 429) {
        QCOMPARE(done, int(endpoints.size())); // waited out and sent again
        const qint64 gap = refreshes[0].receivedUtc.msecsTo(refreshes[1].receivedUtc);
        QVERIFY2(gap >= minGapMs, qPrintable(QStringLiteral("gap %1 ms < %2 ms").arg(gap).arg(minGapMs)));
    }
}

// --- bulk Refresh catalog metadata ----------------------------------------------------------------

void TestFleet::bulkRefreshCatalogMetadata_data()
{
    bulkRefreshSqlEndpoint_data(); // the same faults, on the first refreshCatalogMetadata
}

void TestFleet::bulkRefreshCatalogMetadata()
{
    QFETCH(int, status);
    QFETCH(QByteArray, retryAfter);
    QFETCH(int, minGapMs);
    WorkspaceBrowser *browser = nullptr;
    std::unique_ptr<FleetLoader> loader = loadedFleet(&browser);
    QVERIFY(loader);
    const QList<BulkActionRunner::Item> plan =
        BulkActionRunner::plan(BulkActionRunner::Action::RefreshCatalogMetadata, targetsOf(loader->model()));
    // The type gate before anything is sent: catalogs of both kinds go, every other type says why.
    QSet<QString> pending;
    for (const BulkActionRunner::Item &item : plan) {
        const bool catalog = item.target.kind == MirrorItemKind::MirroredCatalog
                             || item.target.kind == MirrorItemKind::AzureDatabricksCatalog;
        QCOMPARE(item.outcome, catalog ? BulkActionRunner::Outcome::Pending : BulkActionRunner::Outcome::Skipped);
        if (catalog)
            pending.insert(item.target.databaseId);
        else
            QVERIFY2(!item.reason.isEmpty(), qPrintable(item.target.displayName));
    }
    QCOMPARE(pending.size(), 7); // 3 mirrored catalogs, 4 Databricks catalogs

    m_fx.sandbox->clearRequestLog();
    if (status) {
        // By path: the two catalog kinds name their refresh operations differently.
        FaultRule rule;
        rule.pathPattern = QStringLiteral("/refreshCatalogMetadata");
        rule.status = status;
        rule.count = 1;
        if (!retryAfter.isEmpty())
            rule.retryAfter = retryAfter;
        m_fx.sandbox->addFault(rule);
    }
    // GlueFinance's refresh runs as an operation that ends Failed on the sandbox's clock.
    QTimer clock;
    QObject::connect(&clock, &QTimer::timeout, &clock, [this] { m_fx.sandbox->advanceClock(1000); });
    clock.start(20);
    BulkActionRunner runner(m_fx.client);
    QVERIFY(runToTheEnd(runner, BulkActionRunner::Action::RefreshCatalogMetadata, plan));
    QList<RequestLogEntry> refreshes;
    for (const RequestLogEntry &e : m_fx.apiLog())
        if (e.pathAndQuery.contains(QStringLiteral("/refreshCatalogMetadata")))
            refreshes << e;
    // Each catalog acted on at most once, nothing for a skipped item.
    std::map<QString, int> acted;
    for (const RequestLogEntry &e : refreshes) {
        const QString id = e.pathAndQuery.section(u'/', 5, 5);
        QVERIFY2(pending.contains(id), qPrintable(e.pathAndQuery));
        if (e.status >= 200 && e.status < 300)
            ++acted[id];
    }
    for (const auto &[id, n] : acted)
        QVERIFY2(n == 1, qPrintable(id));
    QCOMPARE(int(acted.size()), 7);
    QCOMPARE(runner.count(BulkActionRunner::Outcome::Skipped), int(plan.size()) - 7);
    QCOMPARE(runner.count(BulkActionRunner::Outcome::Done) + runner.count(BulkActionRunner::Outcome::Failed), 7);
    for (const BulkActionRunner::Item &item : runner.items()) {
        if (item.outcome != BulkActionRunner::Outcome::Failed)
            continue;
        QVERIFY2(!item.requestId.isEmpty(), "a failed item names its request id");
        QVERIFY2(item.reason.contains(item.requestId), qPrintable(item.reason));
    }
    // The Failed catalog cannot read its source: its refresh fails, and says so.
    for (const BulkActionRunner::Item &item : runner.items())
        if (item.target.displayName == QLatin1String("GlueFinance"))
            QCOMPARE(item.outcome, BulkActionRunner::Outcome::Failed);
    // A refresh is idempotent: a 429 or a 503 is sent again (after Retry-After), and succeeds.
    QCOMPARE(runner.count(BulkActionRunner::Outcome::Done), 6);
    if (status == 0)
        return;
    QCOMPARE(refreshes.first().status, status);
    QCOMPARE(refreshes[1].pathAndQuery, refreshes[0].pathAndQuery);
    const qint64 gap = refreshes[0].receivedUtc.msecsTo(refreshes[1].receivedUtc);
    QVERIFY2(gap >= minGapMs, qPrintable(QStringLiteral("gap %1 ms < %2 ms").arg(gap).arg(minGapMs)));
}

QTEST_GUILESS_MAIN(TestFleet)
#include "tst_fleet.moc"
