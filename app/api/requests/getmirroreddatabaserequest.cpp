#include "app/api/requests/getmirroreddatabaserequest.h"

namespace fmc {

GetMirroredDatabaseRequest::GetMirroredDatabaseRequest(const QString &workspaceId, const QString &mirroredDatabaseId)
    : TypedRequest("GET", QStringLiteral("/workspaces/%1/mirroredDatabases/%2").arg(segment(workspaceId), segment(mirroredDatabaseId)), {}, Safety::Idempotent)
{
}

} // namespace fmc
