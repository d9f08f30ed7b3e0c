#include "app/environments/targetcatalog.h"

#include "app/api/fabricclient.h"
#include "app/api/requests/listmirroreddatabasesrequest.h"
#include "app/api/requests/listworkspacesrequest.h"
#include "app/editor/definitioneditorservice.h"

namespace fmc {

TargetCatalog::TargetCatalog(FabricClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
}

TargetCatalog::~TargetCatalog()
{
    for (const QPointer<ApiRequest> &request : {m_workspacesRequest, m_databasesRequest})
        if (request)
            request->abandon();
}

void TargetCatalog::listWorkspaces()
{
    if (!m_client)
        return;
    if (m_workspacesRequest)
        m_workspacesRequest->abandon();
    m_workspacesRequest = m_client->send(new ListWorkspacesRequest, this, [this](const ApiResult<QList<Workspace>> &result) {
        if (!result.ok()) {
            emit failed(tr("The workspaces could not be listed. %1").arg(DefinitionEditorService::describe(result.error)));
            return;
        }
        emit workspacesListed(result.value);
    });
}

void TargetCatalog::listDatabases(const QString &workspaceId)
{
    if (!m_client)
        return;
    // Only the last workspace asked for matters: the user moved on from the others.
    if (m_databasesRequest)
        m_databasesRequest->abandon();
    m_databasesRequest = m_client->send(new ListMirroredDatabasesRequest(workspaceId), this,
                                        [this, workspaceId](const ApiResult<QList<MirroredDatabase>> &result) {
        if (!result.ok()) {
            emit failed(tr("The mirrored databases could not be listed. %1")
                            .arg(DefinitionEditorService::describe(result.error)));
            return;
        }
        emit databasesListed(workspaceId, result.value);
    });
}

} // namespace fmc
