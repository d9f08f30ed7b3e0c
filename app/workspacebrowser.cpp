#include "workspacebrowser.h"

#include "app/api/fabricclient.h"
#include "app/api/requests/getmirroringstatusrequest.h"
#include "app/api/requests/listmirroreddatabasesrequest.h"
#include "app/api/requests/listworkspacesrequest.h"
#include "app/auth/accesstokensource.h"
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
                emit failed(tr("Could not list workspaces: %1").arg(result.error.userMessage()));
                return; // keep what is shown: a failed refresh removes nothing
            }
            m_workspaces->endRefresh();
            emit workspacesLoaded(m_workspaces->rowCount());
        });
}

void WorkspaceBrowser::showWorkspace(const QString &workspaceId)
{
    m_current = workspaceId;
    Workspace workspace;
    for (int row = 0; row < m_workspaces->rowCount(); ++row)
        if (m_workspaces->rowAt(row).id == workspaceId)
            workspace = m_workspaces->rowAt(row);
    m_client->send(
        new ListMirroredDatabasesRequest(workspaceId), this,
        [this, workspace](const ApiResult<QList<MirroredDatabase>> &result) {
            if (!result.ok()) {
                emit failed(tr("Could not list the mirrored databases of %1: %2")
                                .arg(workspace.displayName, result.error.userMessage()));
                return;
            }
            m_databases->setDatabases(workspace, result.value);
            emit databasesLoaded(workspace.id, int(result.value.size()));
            for (const MirroredDatabase &db : result.value) {
                auto *request = new GetMirroringStatusRequest(workspace.id, db.id);
                request->setPriority(ApiRequest::Priority::Background);
                m_client->send(request, this,
                               [this, ws = workspace.id, id = db.id](const ApiResult<MirroringStatusResponse> &s) {
                                   if (s.ok())
                                       m_databases->setMirroringStatus(ws, id, s.value);
                               });
            }
        });
}

} // namespace fmc
