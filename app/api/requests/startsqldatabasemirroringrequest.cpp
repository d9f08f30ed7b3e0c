#include "app/api/requests/startsqldatabasemirroringrequest.h"

namespace fmc {

StartSqlDatabaseMirroringRequest::StartSqlDatabaseMirroringRequest(const QString &workspaceId, const QString &sqlDatabaseId)
    : TypedRequest("POST", QStringLiteral("/workspaces/%1/sqlDatabases/%2/startMirroring").arg(segment(workspaceId), segment(sqlDatabaseId)), {}, Safety::NonIdempotent)
{
}

} // namespace fmc
