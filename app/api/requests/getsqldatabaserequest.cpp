#include "app/api/requests/getsqldatabaserequest.h"

namespace fmc {

GetSqlDatabaseRequest::GetSqlDatabaseRequest(const QString &workspaceId, const QString &sqlDatabaseId)
    : TypedRequest("GET", QStringLiteral("/workspaces/%1/sqlDatabases/%2").arg(segment(workspaceId), segment(sqlDatabaseId)), {}, Safety::Idempotent)
{
}

} // namespace fmc
