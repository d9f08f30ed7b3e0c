#include "sqlendpointrefresher.h"

#include "app/api/fabricclient.h"
#include "app/api/requests/refreshsqlendpointmetadatarequest.h"
#include "models/sqlendpointsyncstore.h"

#include <QDateTime>

namespace fmc {

SqlEndpointRefresher::SqlEndpointRefresher(FabricClient *client, SqlEndpointSyncStore *store, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_store(store)
{
}

SqlEndpointRefresher::~SqlEndpointRefresher()
{
    // The callback is bound to this object and dropped with it; the call itself stops too.
    if (m_request)
        m_request->abandon();
}

void SqlEndpointRefresher::setClient(FabricClient *client)
{
    m_client = client;
}

SqlEndpointRefresher::Target SqlEndpointRefresher::targetOf(const MirroredDatabase &database)
{
    Target target{database.workspaceId, database.id, database.displayName, {}};
    if (database.properties && database.properties->sqlEndpointProperties)
        target.sqlEndpointId = database.properties->sqlEndpointProperties->id;
    return target;
}

SqlEndpointRefresher::Permission SqlEndpointRefresher::canRefresh(const Target &target, WorkspaceRole role,
                                                                  const QString &workspaceName) const
{
    if (!m_client)
        return {false, tr("not connected to Fabric")};
    if (target.databaseId.isEmpty())
        return {false, tr("select one mirrored database")};
    if (target.sqlEndpointId.isEmpty())
        return {false, tr("its SQL analytics endpoint is not provisioned yet")};
    if (const Permission byRole = roleAllows(role, workspaceName); !byRole.allowed)
        return byRole;
    if (isBusy())
        return {false, tr("a SQL endpoint refresh of %1 is running").arg(m_current.databaseName)};
    return {true, {}};
}

SqlEndpointRefresher::Permission SqlEndpointRefresher::roleAllows(WorkspaceRole role, const QString &workspaceName)
{
    if (role == WorkspaceRole::Viewer)
        return {false, tr("your role in %1 is %2; refreshing the SQL endpoint needs Contributor or higher")
                           .arg(workspaceName, workspaceRoleName(role))};
    return {true, {}};
}

bool SqlEndpointRefresher::refresh(const Target &target, std::chrono::minutes timeout, bool recreateTables)
{
    if (isBusy() || target.sqlEndpointId.isEmpty() || !m_client)
        return false;
    m_current = target;
    auto *request = new RefreshSqlEndpointMetadataRequest(target.workspaceId, target.sqlEndpointId, timeout,
                                                          recreateTables);
    m_request = request;
    connect(request, &ApiRequest::progress, this, &SqlEndpointRefresher::progress);
    emit busyChanged(true, recreateTables ? tr("Recreating the SQL endpoint tables of %1…").arg(target.databaseName)
                                          : tr("Refreshing the SQL endpoint of %1…").arg(target.databaseName));
    emit progress(0);
    m_client->send(request, this, [this, target](const ApiResult<TableSyncStatuses> &result) {
        m_request.clear();
        if (result.ok())
            m_store->setResult(target.databaseId, result.value, QDateTime::currentDateTimeUtc());
        emit busyChanged(false, {});
        emit finished(target, result.ok() ? result.value : TableSyncStatuses{}, result.error);
    });
    return true;
}

void SqlEndpointRefresher::cancel()
{
    if (m_request)
        m_request->cancel();
}

QString SqlEndpointRefresher::summary(const TableSyncStatuses &result)
{
    const int failed = result.count(SyncStatus::Failure);
    const int notRun = result.count(SyncStatus::NotRun);
    const int synced = result.count(SyncStatus::Success);
    QString text = synced == 1 ? tr("1 table synced") : tr("%1 tables synced").arg(synced);
    if (failed)
        text += tr(", %1 failed").arg(failed);
    if (notRun)
        text += tr(", %1 not run").arg(notRun);
    const int other = int(result.value.size()) - synced - failed - notRun;
    if (other)
        text += tr(", %1 with another status").arg(other);
    return text;
}

} // namespace fmc
