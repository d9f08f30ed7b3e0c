#include "workspacebrowser.h"

#include "app/admin/mirroreddatabaseadmin.h"
#include "app/api/fabricclient.h"
#include "app/api/requests/getmirroringstatusrequest.h"
#include "app/api/requests/listmirroreddatabasesrequest.h"
#include "app/api/requests/listworkspacesrequest.h"
#include "app/monitor/statusmonitor.h"
#include "models/mirroreddatabaselistmodel.h"
#include "models/workspacelistmodel.h"

namespace fmc {

WorkspaceBrowser::WorkspaceBrowser(FabricClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_workspaces(new WorkspaceListModel(this))
    , m_databases(new MirroredDatabaseListModel(this))
{
}

void WorkspaceBrowser::reloadWorkspaces()
{
    m_workspaces->beginRefresh();
    m_client->sendPaged(
        new ListWorkspacesRequest, this,
        [this](const QList<Workspace> &page) { m_workspaces->applyPage(page); },
        [this](const ApiResult<QList<Workspace>> &result) {
            if (!result.ok()) {
                emit failed(tr("Could not list workspaces: %1").arg(MirroredDatabaseAdmin::describe(result.error)));
                return; // keep what is shown: a failed refresh removes nothing
            }
            m_workspaces->endRefresh();
            emit workspacesLoaded(m_workspaces->rowCount());
            reloadAllDatabases();
        });
}

void WorkspaceBrowser::reloadAllDatabases()
{
    // Background priority: the selected workspace's list (foreground) and user actions go first.
    // Fed a few at a time rather than all queued in the client, so that 300 workspaces do not sit
    // in the client's queue (and its "queued" count) while the user works.
    m_backlog.clear();
    m_backlog.reserve(m_workspaces->rowCount());
    for (int row = 0; row < m_workspaces->rowCount(); ++row)
        m_backlog.append(m_workspaces->rowAt(row).id);
    sendBacklog();
    if (m_backlog.isEmpty() && m_backgroundInFlight == 0)
        emit allDatabasesLoaded();
}

void WorkspaceBrowser::sendBacklog()
{
    while (m_backgroundInFlight < kBackgroundLists && !m_backlog.isEmpty())
        listDatabases(m_backlog.takeFirst(), true, false);
}

void WorkspaceBrowser::showWorkspace(const QString &workspaceId)
{
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
        request->setPriority(ApiRequest::Priority::Background);
        ++m_backgroundInFlight;
    }
    m_client->send(request, this, [this, workspace, background, withStatus](const ApiResult<QList<MirroredDatabase>> &result) {
        if (background) {
            --m_backgroundInFlight;
            sendBacklog();
        }
        const bool lastOfAll = background && m_backgroundInFlight == 0 && m_backlog.isEmpty();
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
        if (lastOfAll)
            emit allDatabasesLoaded();
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
