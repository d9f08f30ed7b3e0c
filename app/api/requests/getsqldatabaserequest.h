#pragma once

#include "app/api/typedrequest.h"
#include "models/sqldatabase.h"

namespace fmc {

//! `GET /workspaces/{ws}/sqlDatabases/{id}` (Items_GetSQLDatabase) → SqlDatabase with properties.
class GetSqlDatabaseRequest : public TypedRequest<SqlDatabase>
{
public:
    GetSqlDatabaseRequest(const QString &workspaceId, const QString &sqlDatabaseId);
};

} // namespace fmc
