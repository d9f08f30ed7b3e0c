#include "app/api/requests/getmirroringstatusrequest.h"

namespace fmc {

GetMirroringStatusRequest::GetMirroringStatusRequest(const QString &workspaceId, const QString &mirroredDatabaseId)
    : TypedRequest("POST", QStringLiteral("/workspaces/%1/mirroredDatabases/%2/getMirroringStatus").arg(segment(workspaceId), segment(mirroredDatabaseId)), {}, Safety::Idempotent)
{
}

} // namespace fmc
