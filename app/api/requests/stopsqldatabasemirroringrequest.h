#pragma once

#include "app/api/typedrequest.h"

namespace fmc {

//! `POST /workspaces/{ws}/sqlDatabases/{id}/stopMirroring` (not idempotent: re-sent only when it
//! provably did not arrive).
class StopSqlDatabaseMirroringRequest : public TypedRequest<NoContent>
{
public:
    StopSqlDatabaseMirroringRequest(const QString &workspaceId, const QString &sqlDatabaseId);
};

} // namespace fmc
