#include "app/api/requests/stopsqldatabasemirroringrequest.h"

namespace fmc {

StopSqlDatabaseMirroringRequest::StopSqlDatabaseMirroringRequest(const QString &workspaceId, const QString &sqlDatabaseId)
    : TypedRequest("POST", QStringLiteral("/workspaces/%1/sqlDatabases/%2/stopMirroring").arg(segment(workspaceId), segment(sqlDatabaseId)), {}, Safety::NonIdempotent)
{
}

} // namespace fmc
