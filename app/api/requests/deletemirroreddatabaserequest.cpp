#include "app/api/requests/deletemirroreddatabaserequest.h"

namespace fmc {

DeleteMirroredDatabaseRequest::DeleteMirroredDatabaseRequest(const QString &workspaceId, const QString &mirroredDatabaseId, bool hardDelete)
    : TypedRequest("DELETE", QStringLiteral("/workspaces/%1/mirroredDatabases/%2").arg(segment(workspaceId), segment(mirroredDatabaseId)), flagQuery(QStringLiteral("hardDelete"), hardDelete), Safety::Idempotent)
{
}

} // namespace fmc
