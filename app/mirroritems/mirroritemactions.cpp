#include "mirroritemactions.h"

#include "app/api/fabricclient.h"
#include "app/api/requests/refreshazuredatabrickscatalogmetadatarequest.h"
#include "app/api/requests/refreshmirroredcatalogmetadatarequest.h"
#include "app/api/requests/startsqldatabasemirroringrequest.h"
#include "app/api/requests/stopsqldatabasemirroringrequest.h"
#include "models/mirroritemlistmodel.h"

namespace fmc {

MirrorItemActions::MirrorItemActions(FabricClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
}

MirrorItemActions::~MirrorItemActions()
{
    // The callback is bound to this object and dropped with it; the call itself stops too.
    if (m_request)
        m_request->abandon();
}

MirrorItemActions::Target MirrorItemActions::targetOf(const MirrorItemRow &row)
{
    return {row.item.workspaceId, row.item.id, row.item.displayName, row.item.type, row.kind};
}

QString MirrorItemActions::actionName(Action action)
{
    switch (action) {
    case Action::RefreshMetadata:
        return tr("Refresh catalog metadata");
    case Action::StartMirroring:
        return tr("Start mirroring");
    case Action::StopMirroring:
        return tr("Stop mirroring");
    }
    return {};
}

QString MirrorItemActions::whyNot(Action action, const Target &target, WorkspaceRole role) const
{
    if (!m_client)
        return tr("Not connected to Fabric.");
    if (target.itemId.isEmpty())
        return action == Action::RefreshMetadata ? tr("Select a mirrored catalog or an Azure Databricks catalog.")
                                                 : tr("Select a SQL database.");
    const QString notForType = action == Action::RefreshMetadata
                                   ? MirrorItemKind::whyNoRefreshMetadata(target.kind, target.type)
                                   : MirrorItemKind::whyNoStartStop(target.kind, target.type);
    if (!notForType.isEmpty())
        return notForType;
    if (role == WorkspaceRole::Viewer)
        return tr("Your role in this workspace is Viewer; %1 needs Contributor or higher.")
            .arg(actionName(action).toLower());
    if (isBusy())
        return tr("Another action on a mirror item is running.");
    return {};
}

bool MirrorItemActions::run(Action action, const Target &target)
{
    if (!whyNot(action, target, WorkspaceRole::Unknown).isEmpty())
        return false;
    ApiRequest *request = nullptr;
    QString text;
    switch (action) {
    case Action::RefreshMetadata:
        if (target.kind == MirrorItemKind::MirroredCatalog)
            request = new RefreshMirroredCatalogMetadataRequest(target.workspaceId, target.itemId);
        else
            request = new RefreshAzureDatabricksCatalogMetadataRequest(target.workspaceId, target.itemId);
        text = tr("Refreshing the catalog metadata of %1…").arg(target.name);
        break;
    case Action::StartMirroring:
        request = new StartSqlDatabaseMirroringRequest(target.workspaceId, target.itemId);
        text = tr("Starting mirroring of %1…").arg(target.name);
        break;
    case Action::StopMirroring:
        request = new StopSqlDatabaseMirroringRequest(target.workspaceId, target.itemId);
        text = tr("Stopping mirroring of %1…").arg(target.name);
        break;
    }
    m_request = request;
    connect(request, &ApiRequest::progress, this, &MirrorItemActions::progress);
    emit busyChanged(true, text);
    emit progress(0);
    // Every request here decodes to NoContent; the callback only needs the error.
    connect(request, &ApiRequest::completed, this, [this, request, action, target]() {
        const ApiError error = request->error();
        m_request.clear();
        emit busyChanged(false, {});
        emit finished(action, target, error);
    });
    m_client->start(request);
    return true;
}

void MirrorItemActions::cancel()
{
    if (m_request)
        m_request->cancel();
}

} // namespace fmc
