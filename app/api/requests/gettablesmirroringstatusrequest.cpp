#include "app/api/requests/gettablesmirroringstatusrequest.h"

namespace fmc {

GetTablesMirroringStatusRequest::GetTablesMirroringStatusRequest(const QString &workspaceId, const QString &mirroredDatabaseId)
    : PagedRequest("POST", QStringLiteral("/workspaces/%1/mirroredDatabases/%2/getTablesMirroringStatus").arg(segment(workspaceId), segment(mirroredDatabaseId)), {})
{
}

} // namespace fmc
