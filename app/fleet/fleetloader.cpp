#include "fleetloader.h"

#include "app/admin/mirroreddatabaseadmin.h"
#include "app/api/fabricclient.h"
#include "app/api/requests/catalogsearchrequest.h"
#include "app/api/requests/getmirroredazuredatabrickscatalogrequest.h"
#include "app/api/requests/getmirroredcatalogstatusrequest.h"
#include "app/api/requests/getmirroredcatalogtablesstatusrequest.h"
#include "app/api/requests/getmirroreddatabasedefinitionrequest.h"
#include "app/api/requests/getmirroringstatusrequest.h"
#include "app/api/requests/getsqldatabaserequest.h"
#include "app/api/requests/gettablesmirroringstatusrequest.h"
#include "app/api/requests/listcapacitiesrequest.h"
#include "app/fleet/fleetworkspacecrawl.h"
#include "app/workspacebrowser.h"
#include "models/fleetmodel.h"
#include "models/mirroritemkind.h"
#include "models/mirroreddatabaselistmodel.h"
#include "models/workspacelistmodel.h"

#include <QLoggingCategory>
#include <QSet>

#include <algorithm>
#include <utility>

namespace fmc {
namespace {
Q_LOGGING_CATEGORY(lcFleet, "fmc.fleet")
} // namespace

FleetLoader::FleetLoader(FabricClient *client, WorkspaceBrowser *browser, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_browser(browser)
    , m_model(new FleetModel(this))
    , m_crawl(new FleetWorkspaceCrawl(client, this))
{
    m_applyTimer.setSingleShot(true);
    m_applyTimer.setInterval(0);
    connect(&m_applyTimer, &QTimer::timeout, this, &FleetLoader::applySomeRows);
    // The browser's workspaces give capacity and role, and what the fallback lists.
    connect(browser, &WorkspaceBrowser::workspacesLoaded, this, [this] {
        applyWorkspaceInfo();
        if (m_listing && !m_crawl->isRunning())
            crawlWorkspaces();
    });
    // The fallback waiting for that listing ends with it: it stayed "loading" for ever.
    connect(browser, &WorkspaceBrowser::workspacesFailed, this, [this](const QString &message) {
        if (!m_listing || m_crawl->isRunning())
            return;
        m_listing = false;
        m_loading = false; // what is shown stays (a failed refresh removes nothing)
        emit failed(message);
    });
    connect(browser, &WorkspaceBrowser::rolesLoaded, this, [this] { applyWorkspaceInfo(); });
    connect(m_crawl, &FleetWorkspaceCrawl::listed, this, &FleetLoader::onWorkspaceListed);
    connect(m_crawl, &FleetWorkspaceCrawl::failed, this, [this](const QString &workspaceId, const QString &message) {
        m_unlistedWorkspaces.insert(workspaceId); // its rows stay: not seen is not gone
        emit failed(message);
    });
    connect(m_crawl, &FleetWorkspaceCrawl::finished, this, [this] {
        if (m_listing)
            finishList(Source::Listing);
    });
}

FleetLoader::~FleetLoader()
{
    stop();
}

WorkspaceBrowser *FleetLoader::browser() const
{
    return m_browser;
}

void FleetLoader::load()
{
    stop();
    m_loading = true;
    m_listing = false;
    m_listComplete = false;
    m_model->beginRefresh();
    if (m_browser && m_browser->workspaces()->rowCount() == 0)
        m_browser->reloadWorkspaces(); // capacities and roles come from the workspace listing
    listCapacities();
    QStringList types = MirrorItemKind::knownTypes();
    m_searchNamesLearntTypes = !m_learntTypesExpire.hasExpired();
    if (m_searchNamesLearntTypes)
        types += learntTypes();
    auto *request = new CatalogSearchRequest(types);
    m_search = request;
    m_client->sendPaged(
        request, this, [this](const QList<CatalogEntry> &page) { onSearchPage(page, false); },
        [this](const ApiResult<QList<CatalogEntry>> &result) { onSearchDone(result.error); });
}

void FleetLoader::cancel()
{
    // What was found stays listed (the window says so): rows still waiting for their turn go in
    // now. Not from inside the model's own insertion (a view's slot cancelling), which must not
    // be re-entered: those few are dropped.
    if (!m_applying && !m_unapplied.isEmpty()) {
        m_applying = true;
        m_model->applyPage(std::exchange(m_unapplied, {}));
        m_applying = false;
    }
    stop();
}

void FleetLoader::clear()
{
    stop();
    m_model->clear();
    // Another sign-in may be another tenant: what this one's catalog held says nothing of it.
    m_learntTypes.clear();
    m_learntTypesExpire = QDeadlineTimer(0);
}

void FleetLoader::stop()
{
    if (m_search)
        m_search->abandon();
    if (m_otherSearch)
        m_otherSearch->abandon();
    for (const QPointer<ApiRequest> &request : std::as_const(m_sent)) {
        if (request)
            request->abandon();
    }
    m_sent.clear();
    m_crawl->cancel();
    m_unlistedWorkspaces.clear();
    ++m_generation;
    m_unapplied.clear();
    m_finishWhenApplied.reset();
    m_applyTimer.stop();
    m_queue.clear();
    m_extraQueue.clear();
    m_inFlight = 0;
    m_loading = false;
    m_listing = false;
    m_otherPassWanted = false;
    m_otherPassRunning = false;
    m_endOtherPassWhenApplied = false;
    m_sweepOtherTypes = false;
}

void FleetLoader::onSearchPage(const QList<CatalogEntry> &page, bool otherTypes)
{
    for (const CatalogEntry &entry : page) {
        // The first pass keeps the types its filter named (anything else the service adds is not
        // ours); the second, unfiltered one the other mirror types.
        const bool other = MirrorItemKind::of(entry.type) != MirrorItemKind::NotMirror
                           && !MirrorItemKind::isKnownType(entry.type);
        const bool wanted = otherTypes ? other
                                       : MirrorItemKind::isKnownType(entry.type)
                                             || (other && m_searchNamesLearntTypes && m_learntTypes.contains(entry.type));
        if (!wanted || entry.workspaceId().isEmpty())
            continue;
        if (otherTypes)
            m_typesBeingLearnt.insert(entry.type);
        m_unapplied.append(FleetModel::rowFor(entry.workspaceId(), entry.workspaceName(), entry.id,
                                              entry.displayName, entry.description, entry.type));
    }
    // The first rows at once; the rest a turn at a time (the timer fires after pending events).
    if (!m_unapplied.isEmpty() && !m_applyTimer.isActive())
        applySomeRows();
}

void FleetLoader::applySomeRows()
{
    const QList<FleetRow> rows = m_unapplied.first(std::min<qsizetype>(kRowsPerTurn, m_unapplied.size()));
    m_unapplied.remove(0, rows.size());
    const int generation = m_generation;
    m_applying = true;
    m_model->applyPage(rows);
    m_applying = false;
    if (generation != m_generation)
        return; // cancelled by a view of the rows just inserted
    QSet<QString> workspaceIds;
    for (const FleetRow &row : rows) {
        workspaceIds.insert(row.mirror.database.workspaceId);
        queueDetails(row.mirror.database.workspaceId, row.mirror.database.id);
    }
    applyWorkspaceInfo(workspaceIds);
    dispatch();
    if (!m_unapplied.isEmpty())
        m_applyTimer.start();
    else if (const std::optional<Source> source = std::exchange(m_finishWhenApplied, std::nullopt))
        finishList(*source);
    else if (std::exchange(m_endOtherPassWhenApplied, false))
        endOtherPass();
}

void FleetLoader::onSearchDone(const ApiError &error)
{
    if (!error.isError()) {
        // Unless the other types were named, their own pass follows the list (finishList()).
        m_otherPassWanted = !m_searchNamesLearntTypes;
        finishSearch();
        return;
    }
    if (error.kind() == ApiError::Kind::Cancelled)
        return;
    const bool refused = error.kind() == ApiError::Kind::Forbidden || error.kind() == ApiError::Kind::NotFound
                         || error.errorCode() == QLatin1String("FeatureNotAvailable");
    if (!refused) {
        // Keep what is shown: a failed refresh removes nothing.
        m_loading = false;
        emit failed(tr("Could not search the catalog: %1").arg(MirroredDatabaseAdmin::describe(error)));
        return;
    }
    emit searchRefused(MirroredDatabaseAdmin::describe(error));
    fallBackToListing();
}

void FleetLoader::searchOtherMirrorTypes()
{
    m_typesBeingLearnt.clear();
    m_otherPassRunning = true;
    // This pass removes, at its end, only the rows of the types it looks for.
    m_model->beginRefresh([](const FleetRow &row) {
        return FleetModel::kindOf(row) == MirrorItemKind::OtherMirror && !MirrorItemKind::isKnownType(row.mirror.database.type);
    });
    auto *request = new CatalogSearchRequest(QStringList{}, 1000);
    request->setPriority(ApiRequest::Priority::Background);
    // Every entry of the tenant passes through here, a few mirrors among them: each page is
    // handled as it comes, none is kept (a tenant of 100,000 items would be tens of MB).
    request->setKeepsItems(false);
    m_otherSearch = request;
    m_client->sendPaged(
        request, this, [this](const QList<CatalogEntry> &page) { onSearchPage(page, true); },
        [this](const ApiResult<QList<CatalogEntry>> &result) { onOtherTypesDone(result.error); });
}

void FleetLoader::onOtherTypesDone(const ApiError &error)
{
    if (error.kind() == ApiError::Kind::Cancelled)
        return;
    // The first pass's list stands either way; a failure here removes nothing (the rows of
    // these types stay as the last pass left them), and the main window's pane lists them per
    // workspace.
    m_sweepOtherTypes = !error.isError();
    if (error.isError()) {
        qCWarning(lcFleet).noquote() << "the search for other mirror types failed:" << MirroredDatabaseAdmin::describe(error);
    } else if (m_typesBeingLearnt.size() <= kMaxLearntTypes) {
        // Learnt from a complete pass only: a failed one is tried again at the next load.
        m_learntTypes = std::exchange(m_typesBeingLearnt, {});
        m_learntTypesExpire.setRemainingTime(m_otherTypesFreshFor);
    }
    if (m_unapplied.isEmpty())
        endOtherPass();
    else
        m_endOtherPassWhenApplied = true; // after its last rows are in the model
}

void FleetLoader::endOtherPass()
{
    if (std::exchange(m_sweepOtherTypes, false))
        m_model->endRefresh();
    m_otherPassRunning = false;
    emit progressed();
    finishLoadingIfIdle();
}

void FleetLoader::finishLoadingIfIdle()
{
    if (m_loading && m_listComplete && !m_otherPassRunning && detailsPending() == 0) {
        m_loading = false;
        emit detailsLoaded();
    }
}

void FleetLoader::finishSearch()
{
    if (m_unapplied.isEmpty())
        finishList(Source::Search);
    else
        m_finishWhenApplied = Source::Search; // after the last rows are in the model
}

QStringList FleetLoader::learntTypes() const
{
    QStringList types(m_learntTypes.cbegin(), m_learntTypes.cend());
    types.sort();
    return types;
}

void FleetLoader::fallBackToListing()
{
    if (!m_browser) {
        m_loading = false;
        return;
    }
    m_listing = true;
    // Every workspace the browser lists, whatever its own start-up crawl covers; while they are
    // being listed (or none is yet), the crawl starts once they all are (workspacesLoaded()).
    if (m_browser->isListingWorkspaces())
        return;
    if (m_browser->workspaces()->rowCount() == 0)
        m_browser->reloadWorkspaces();
    else
        crawlWorkspaces();
}

void FleetLoader::crawlWorkspaces()
{
    const WorkspaceListModel *workspaces = m_browser->workspaces();
    QList<Workspace> all;
    all.reserve(workspaces->rowCount());
    for (int row = 0; row < workspaces->rowCount(); ++row)
        all.append(workspaces->rowAt(row));
    m_crawl->start(all);
}

void FleetLoader::onWorkspaceListed(const Workspace &workspace, const QList<Item> &items)
{
    QList<FleetRow> rows;
    for (const Item &item : items) {
        // Every mirror type, as the search's two passes find them.
        if (MirrorItemKind::of(item.type) == MirrorItemKind::NotMirror)
            continue;
        // The workspace id is the path's, whatever the body says.
        rows.append(FleetModel::rowFor(workspace.id, workspace.displayName, item.id, item.displayName,
                                       item.description, item.type));
    }
    m_model->applyPage(rows);
    applyWorkspaceInfo({workspace.id});
    for (const FleetRow &row : std::as_const(rows))
        queueDetails(workspace.id, row.mirror.database.id);
    dispatch();
}

void FleetLoader::finishList(Source source)
{
    m_listing = false;
    m_listComplete = true;
    m_source = source;
    const bool otherPass = m_otherPassWanted; // wanted until it starts: the status line says so
    // The typed search saw the types it named: rows of the others wait for their own pass, so
    // that the list is complete (and what is gone removed) without reading the whole catalog.
    // A workspace the fallback could not list keeps its rows: a failure is not an empty list.
    if (otherPass || !m_unlistedWorkspaces.isEmpty()) {
        m_model->setRefreshScope([otherPass, unlisted = std::exchange(m_unlistedWorkspaces, {})](const FleetRow &row) {
            return (!otherPass || MirrorItemKind::isKnownType(row.mirror.database.type))
                   && !unlisted.contains(row.mirror.database.workspaceId);
        });
    }
    m_model->endRefresh();
    const int generation = m_generation;
    emit loaded(source, m_model->rowCount());
    if (generation != m_generation)
        return; // a slot reloaded or cancelled
    m_otherPassWanted = false;
    if (otherPass)
        searchOtherMirrorTypes();
    finishLoadingIfIdle();
}

void FleetLoader::listCapacities()
{
    auto *request = new ListCapacitiesRequest;
    request->setPriority(ApiRequest::Priority::Background);
    m_client->send(request, this, [this](const ApiResult<QList<Capacity>> &result) {
        if (!result.ok())
            return; // the capacity id is shown instead of its name
        for (const Capacity &capacity : result.value)
            m_capacityNames.insert(capacity.id, capacity.displayName);
        applyWorkspaceInfo();
    });
}

void FleetLoader::applyWorkspaceInfo(const QSet<QString> &workspaceIds)
{
    if (!m_browser)
        return;
    const WorkspaceListModel *workspaces = m_browser->workspaces();
    QSet<QString> ids = workspaceIds;
    if (ids.isEmpty()) {
        for (int row = 0; row < m_model->rowCount(); ++row)
            ids.insert(m_model->rowAt(row).mirror.database.workspaceId);
    }
    QHash<QString, FleetModel::WorkspaceInfo> infos;
    for (const QString &id : std::as_const(ids)) {
        const int row = workspaces->rowOfKey(id);
        if (row < 0)
            continue;
        const QString capacityId = workspaces->rowAt(row).capacityId;
        infos.insert(id, {capacityId, m_capacityNames.value(capacityId), workspaces->role(id)});
    }
    // One pass over the fleet for all of them (a pass per workspace was quadratic).
    if (!infos.isEmpty())
        m_model->setWorkspaceInfo(infos);
}

void FleetLoader::queueDetails(const QString &workspaceId, const QString &databaseId)
{
    queueStatus(workspaceId, databaseId);
    const FleetRow *row = m_model->find(workspaceId, databaseId);
    if (row && FleetModel::kindOf(*row) == MirrorItemKind::MirroredDatabase)
        m_extraQueue.append({Job::Definition, workspaceId, databaseId});
}

void FleetLoader::queueStatus(const QString &workspaceId, const QString &databaseId)
{
    const FleetRow *row = m_model->find(workspaceId, databaseId);
    if (!row)
        return;
    QList<Job> jobs;
    switch (FleetModel::kindOf(*row)) {
    case MirrorItemKind::MirroredDatabase: jobs = {{Job::Status, workspaceId, databaseId}}; break;
    case MirrorItemKind::MirroredCatalog:
        jobs = {{Job::CatalogStatus, workspaceId, databaseId}, {Job::CatalogTables, workspaceId, databaseId}};
        break;
    case MirrorItemKind::AzureDatabricksCatalog: jobs = {{Job::Databricks, workspaceId, databaseId}}; break;
    case MirrorItemKind::SqlDatabase: jobs = {{Job::SqlDatabase, workspaceId, databaseId}}; break;
    default: break; // read-only: no call for this type
    }
    m_queue += jobs;
}

void FleetLoader::refreshStatus(const QString &workspaceId, const QString &databaseId)
{
    queueStatus(workspaceId, databaseId);
    dispatch();
}

void FleetLoader::dispatch()
{
    while (m_inFlight < kDetailsInFlight && (!m_queue.isEmpty() || !m_extraQueue.isEmpty())) {
        const Job job = !m_queue.isEmpty() ? m_queue.takeFirst() : m_extraQueue.takeFirst();
        // getDefinition needs read and write permission on the item: a Viewer would get a 403.
        const FleetRow *row = m_model->find(job.workspaceId, job.databaseId);
        if (job.kind == Job::Definition && (!row || row->role == WorkspaceRole::Viewer))
            continue;
        ++m_inFlight;
        send(job);
    }
}

void FleetLoader::jobDone()
{
    --m_inFlight;
    dispatch();
    emit progressed();
    finishLoadingIfIdle();
}

template <typename R, typename Apply>
ApiRequest *FleetLoader::fetch(R *request, const QString &workspaceId, const QString &databaseId, Apply apply)
{
    request->setPriority(ApiRequest::Priority::Background);
    return m_client->send(request, this,
                          [this, workspaceId, databaseId, apply](const ApiResult<typename R::Value> &result) {
                              if (result.ok())
                                  apply(result.value);
                              else
                                  m_model->setDetailError(workspaceId, databaseId,
                                                          MirroredDatabaseAdmin::describe(result.error));
                              jobDone();
                          });
}

void FleetLoader::send(const Job &job)
{
    const QString ws = job.workspaceId;
    const QString id = job.databaseId;
    ApiRequest *sent = nullptr;
    switch (job.kind) {
    case Job::CatalogStatus:
        sent = fetch(new GetMirroredCatalogStatusRequest(ws, id), ws, id,
                     [this, ws, id](const CatalogMirroringStatus &status) { m_model->setCatalogStatus(ws, id, status); });
        break;
    case Job::CatalogTables:
        sent = fetch(new GetMirroredCatalogTablesStatusRequest(ws, id), ws, id,
                     [this, ws, id](const QList<CatalogTableStatus> &tables) { m_model->setCatalogTables(ws, id, tables); });
        break;
    case Job::Databricks:
        sent = fetch(new GetMirroredAzureDatabricksCatalogRequest(ws, id), ws, id,
                     [this, ws, id](const MirroredAzureDatabricksCatalog &catalog) {
                         m_model->setDatabricks(ws, id,
                                                catalog.properties.value_or(MirroredAzureDatabricksCatalog::Properties{}));
                     });
        break;
    case Job::SqlDatabase:
        sent = fetch(new GetSqlDatabaseRequest(ws, id), ws, id, [this, ws, id](const SqlDatabase &database) {
            m_model->setSqlDatabase(ws, id, database.properties.value_or(SqlDatabase::Properties{}));
        });
        break;
    case Job::Status:
        sent = fetch(new GetMirroringStatusRequest(ws, id), ws, id, [this, ws, id](const MirroringStatusResponse &status) {
            m_model->setMirroringStatus(ws, id, status);
            // Tables report only while mirroring runs; a stopped mirror has nothing to count.
            if (status.status.text == QLatin1String("Running"))
                m_queue.prepend({Job::Tables, ws, id});
        });
        break;
    case Job::Tables: {
        auto *request = new GetTablesMirroringStatusRequest(ws, id);
        request->setPriority(ApiRequest::Priority::Background);
        sent = m_client->send(request, this, [this, ws, id](const ApiResult<QList<TableMirroringStatus>> &result) {
            if (result.ok())
                m_model->setTableStatuses(ws, id, result.value);
            jobDone();
        });
        break;
    }
    case Job::Definition: {
        auto *request = new GetMirroredDatabaseDefinitionRequest(ws, id);
        request->setPriority(ApiRequest::Priority::Background);
        sent = m_client->send(request, this, [this, ws, id](const ApiResult<ItemDefinition> &result) {
            if (result.ok()) {
                if (const auto definition = result.value.mirroringDefinition())
                    m_model->setSourceType(ws, id, definition->sourceType());
            }
            jobDone();
        });
        break;
    }
    }
    m_sent.removeIf([](const QPointer<ApiRequest> &r) { return r.isNull(); });
    m_sent.append(sent);
}

} // namespace fmc
