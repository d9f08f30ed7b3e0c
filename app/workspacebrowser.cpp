#include "workspacebrowser.h"

#include "app/admin/mirroreddatabaseadmin.h"
#include "app/api/fabricclient.h"
#include "app/api/pathid.h"
#include "app/api/requests/getmirroringstatusrequest.h"
#include "app/api/requests/listmirroreddatabasesrequest.h"
#include "app/api/requests/listworkspacesrequest.h"
#include "app/monitor/statusmonitor.h"
#include "models/mirroreddatabaselistmodel.h"
#include "models/workspacelistmodel.h"

#include <algorithm>
#include <array>

namespace fmc {

WorkspaceBrowser::WorkspaceBrowser(FabricClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_workspaces(new WorkspaceListModel(this))
    , m_databases(new MirroredDatabaseListModel(this))
    , m_pace(new QTimer(this))
{
    m_pace->setSingleShot(true);
    m_pace->setInterval(1000 / kCrawlRequestsPerSecond);
    connect(m_pace, &QTimer::timeout, this, &WorkspaceBrowser::sendBacklog);
}

void WorkspaceBrowser::reloadWorkspaces()
{
    beginPass();
    if (m_workspaceListing)
        m_workspaceListing->abandon();
    if (m_roleListing)
        m_roleListing->abandon(); // the roles are learnt again once the workspaces are listed
    m_workspaces->beginRefresh();
    m_workspacesListed = 0;
    m_workspacesCut = false;
    auto *request = new ListWorkspacesRequest;
    // A giant page is parsed keeping only what can be shown (the rest never becomes JSON objects).
    request->setMaxItemsPerPage(kMaxWorkspaces);
    m_workspaceListing = request;
    m_client->sendPaged(
        request, this, [this](const QList<Workspace> &page) { onWorkspacesPage(page); },
        [this](const ApiResult<QList<Workspace>> &result) {
            if (m_workspacesCut) {
                emit failed(
                    tr("This tenant has more than %L1 workspaces; only the first %L1 are listed.").arg(kMaxWorkspaces));
            } else if (!result.ok()) {
                const QString message =
                    tr("Could not list workspaces: %1").arg(MirroredDatabaseAdmin::describe(result.error));
                emit failed(message);
                emit workspacesFailed(message);
                // Keep what is shown (a failed refresh removes nothing); no backlog follows.
                m_pass = Pass::Idle;
                forgetAnsweredListings();
                return;
            }
            m_workspaces->endRefresh();
            // The window selects a workspace here (showWorkspace()), before the backlog is queued.
            emit workspacesLoaded(m_workspaces->rowCount());
            queueAllDatabases();
            learnRoles();
        });
}

bool WorkspaceBrowser::isListingWorkspaces() const
{
    return m_workspaceListing && !m_workspaceListing->isFinished();
}

namespace {

// The roles listed one by one in learnRoles(); a workspace in none of them is one the caller views.
constexpr std::array kListedRoles{WorkspaceRole::Admin, WorkspaceRole::Member, WorkspaceRole::Contributor};

} // namespace

void WorkspaceBrowser::learnRoles()
{
    // `Workspace` has no role field; `GET /workspaces?roles=` lists those where the caller has
    // one of the roles. Three filtered listings after the plain one (Admin, Member, Contributor)
    // tell every role, at the cost of one more listing of the workspaces the caller can change:
    // a workspace's role is the highest listing it is in (a caller may hold several through
    // groups), and one in none of them is a Viewer's. That absence disables actions, so it is
    // only concluded when all three listings answered in full; a failed or cut one leaves the
    // roles not seen Unknown, which blocks nothing (the service decides). One listing at a time,
    // at background priority and capped at kMaxWorkspaces like the plain one: the start-up burst
    // grows by one request, and the databases of the workspace the user clicks come first.
    m_rolesSeen.clear();
    listRole(0);
}

void WorkspaceBrowser::listRole(int index)
{
    if (m_roleListing)
        m_roleListing->abandon();
    if (index >= int(kListedRoles.size())) {
        applyRoles(true);
        return;
    }
    const WorkspaceRole role = kListedRoles[size_t(index)];
    auto *request = new ListWorkspacesRequest({workspaceRoleName(role)});
    request->setMaxItemsPerPage(kMaxWorkspaces);
    request->setPriority(ApiRequest::Priority::Background);
    m_roleListing = request;
    m_roleItems = 0;
    m_client->sendPaged(
        request, this,
        [this, role](const QList<Workspace> &page) {
            for (const Workspace &workspace : page)
                m_rolesSeen[workspace.id] = std::max(m_rolesSeen.value(workspace.id, WorkspaceRole::Unknown), role);
            m_roleItems += int(page.size());
            if (m_roleListing && (m_roleItems >= kMaxWorkspaces || m_roleListing->itemsDropped() > 0))
                m_roleListing->cancel(); // cut: completes as Cancelled, so not in full
        },
        [this, index](const ApiResult<QList<Workspace>> &result) {
            if (result.ok())
                listRole(index + 1);
            else
                applyRoles(false);
        });
}

void WorkspaceBrowser::applyRoles(bool complete)
{
    QHash<QString, WorkspaceRole> roles;
    for (int row = 0; row < m_workspaces->rowCount(); ++row) {
        const QString &id = m_workspaces->rowAt(row).id;
        const WorkspaceRole role = m_rolesSeen.value(id, complete ? WorkspaceRole::Viewer : WorkspaceRole::Unknown);
        if (role != WorkspaceRole::Unknown)
            roles.insert(id, role);
    }
    m_workspaces->setRoles(roles);
    emit rolesLoaded();
}

void WorkspaceBrowser::onWorkspacesPage(const QList<Workspace> &page)
{
    const qsizetype room = kMaxWorkspaces - m_workspacesListed;
    const bool cut = page.size() > room || (m_workspaceListing && m_workspaceListing->itemsDropped() > 0);
    m_workspaces->applyPage(page.size() > room ? page.first(std::max<qsizetype>(room, 0)) : page);
    m_workspacesListed += int(std::min(page.size(), std::max<qsizetype>(room, 0)));
    if (cut || m_workspacesListed >= kMaxWorkspaces) {
        // Enough: no further page is asked for. The completion (Cancelled) counts as listed.
        m_workspacesCut = cut || m_workspacesListed >= kMaxWorkspaces;
        if (m_workspaceListing)
            m_workspaceListing->cancel();
    }
}

void WorkspaceBrowser::reloadAllDatabases()
{
    beginPass();
    queueAllDatabases();
}

void WorkspaceBrowser::beginPass()
{
    // Lists answered before this pass are stale for it; those still in flight count as listed.
    m_pass = Pass::Starting;
    forgetAnsweredListings();
}

void WorkspaceBrowser::forgetAnsweredListings()
{
    for (auto it = m_listings.begin(); it != m_listings.end();)
        it = it->inFlight == 0 ? m_listings.erase(it) : std::next(it);
}

void WorkspaceBrowser::queueAllDatabases()
{
    // Background priority: the selected workspace's list (foreground) and user actions go first.
    // Fed a few at a time rather than all queued in the client, so that 300 workspaces do not sit
    // in the client's queue (and its "queued" count) while the user works. A workspace listed or
    // being listed in this pass (at start, the one the window selected) is not listed again.
    m_pass = Pass::Running;
    m_backlog.clear();
    const int crawled = std::min(m_workspaces->rowCount(), kMaxCrawledWorkspaces);
    m_backlog.reserve(crawled);
    for (int row = 0; row < crawled; ++row) {
        const QString &id = m_workspaces->rowAt(row).id;
        if (!m_listings.contains(id))
            m_backlog.append(id);
    }
    sendBacklog();
    finishPassIfDone();
}

void WorkspaceBrowser::finishPassIfDone()
{
    if (m_pass != Pass::Running || !m_backlog.isEmpty())
        return;
    for (const Listing &listing : std::as_const(m_listings)) {
        if (listing.inFlight > 0)
            return;
    }
    // Outside a pass every showWorkspace() lists again: what the backlog listed gets old.
    m_pass = Pass::Idle;
    m_listings.clear();
    emit allDatabasesLoaded();
}

void WorkspaceBrowser::sendBacklog()
{
    // Paced: at most kCrawlRequestsPerSecond starts, kBackgroundLists at a time.
    if (m_pace->isActive() || m_backgroundInFlight >= kBackgroundLists || m_backlog.isEmpty())
        return;
    listDatabases(m_backlog.takeFirst(), true, false);
    m_pace->start();
}

void WorkspaceBrowser::showWorkspace(const QString &workspaceId)
{
    if (!PathId::isGuid(workspaceId))
        return; // a placeholder ("-", none selected) is never sent (#17 bug 5)
    const auto listing = m_listings.find(workspaceId);
    if (listing == m_listings.end()) {
        relistWorkspace(workspaceId);
        return;
    }
    // Listed or being listed in this pass: the statuses are all the foreground adds.
    m_current = workspaceId;
    if (listing->withStatus)
        return;
    listing->withStatus = true;
    if (listing->inFlight > 0)
        return; // the answer asks them
    QStringList databaseIds;
    for (int row = 0; row < m_databases->rowCount(); ++row) {
        if (m_databases->rowAt(row).database.workspaceId == workspaceId)
            databaseIds << m_databases->rowAt(row).database.id;
    }
    for (const QString &databaseId : std::as_const(databaseIds))
        fetchStatus(workspaceId, databaseId);
}

void WorkspaceBrowser::relistWorkspace(const QString &workspaceId)
{
    if (!PathId::isGuid(workspaceId))
        return; // a placeholder ("-", none selected) is never sent (#17 bug 5)
    m_current = workspaceId;
    // Listed now in the foreground, which also gives its count: no need to list it again later.
    m_backlog.removeOne(workspaceId);
    listDatabases(workspaceId, false, true);
}

void WorkspaceBrowser::listDatabases(const QString &workspaceId, bool background, bool withStatus)
{
    Workspace workspace;
    if (const int row = m_workspaces->rowOfKey(workspaceId); row >= 0)
        workspace = m_workspaces->rowAt(row);
    else
        workspace.id = workspaceId;
    auto *request = new ListMirroredDatabasesRequest(workspaceId);
    if (background) {
        request->setMaxPages(kMaxCrawlPages);
        request->setPriority(ApiRequest::Priority::Background);
        ++m_backgroundInFlight;
    }
    Listing &listing = m_listings[workspaceId];
    ++listing.inFlight;
    listing.withStatus = listing.withStatus || withStatus;
    m_client->send(request, this, [this, workspace, background](const ApiResult<QList<MirroredDatabase>> &result) {
        if (background) {
            --m_backgroundInFlight;
            sendBacklog();
        }
        bool withStatus = false;
        if (const auto listing = m_listings.find(workspace.id); listing != m_listings.end()) {
            --listing->inFlight;
            withStatus = listing->withStatus;
            // A failed list does not count as listed (a click tries again); outside a pass
            // nothing is kept.
            if (listing->inFlight == 0 && (!result.ok() || m_pass == Pass::Idle))
                m_listings.erase(listing);
        }
        if (!result.ok()) {
            emit failed(tr("Could not list the mirrored databases of %1: %2")
                            .arg(workspace.displayName, MirroredDatabaseAdmin::describe(result.error)));
        } else {
            m_databases->setDatabases(workspace, result.value);
            m_workspaces->setDatabaseCount(workspace.id, int(result.value.size()));
            emit databasesLoaded(workspace.id, int(result.value.size()));
            if (withStatus) {
                for (const MirroredDatabase &db : result.value)
                    fetchStatus(workspace.id, db.id);
            }
        }
        finishPassIfDone();
    });
}

void WorkspaceBrowser::fetchStatus(const QString &workspaceId, const QString &databaseId)
{
    auto *request = new GetMirroringStatusRequest(workspaceId, databaseId);
    request->setPriority(ApiRequest::Priority::Background);
    m_client->send(request, this, [this, workspaceId, databaseId](const ApiResult<MirroringStatusResponse> &s) {
        if (s.ok())
            m_databases->setMirroringStatus(workspaceId, databaseId, s.value);
    });
}

void WorkspaceBrowser::setMonitor(StatusMonitor *monitor)
{
    if (m_monitor)
        disconnect(m_monitor, nullptr, this, nullptr);
    m_monitor = monitor;
    if (monitor)
        connect(monitor, &StatusMonitor::databaseUpdated, this, &WorkspaceBrowser::onSnapshot);
}

void WorkspaceBrowser::onSnapshot(const QString &databaseId)
{
    const DatabaseSnapshot snapshot = m_monitor->snapshot(databaseId);
    const QString workspaceId = snapshot.database.workspaceId;
    if (snapshot.status)
        m_databases->setMirroringStatus(workspaceId, databaseId, *snapshot.status);
    // The tables status has data only while Running; a stopped database keeps its last counts.
    if (!snapshot.tablesByStatus.isEmpty())
        m_databases->setTableSummary(workspaceId, databaseId, snapshot.tablesByStatus,
                                     snapshot.tablesByStatus.value(QStringLiteral("Failed")),
                                     snapshot.oldestLastSyncUtc);
}

void WorkspaceBrowser::applyUpdated(const MirroredDatabase &database)
{
    m_databases->updateDatabase(database);
}

void WorkspaceBrowser::forgetDatabase(const QString &workspaceId, const QString &databaseId)
{
    m_databases->removeDatabase(workspaceId, databaseId);
    m_workspaces->setDatabaseCount(workspaceId, m_databases->countInWorkspace(workspaceId));
}

} // namespace fmc
