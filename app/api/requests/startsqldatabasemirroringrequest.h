#pragma once

#include "app/api/typedrequest.h"

namespace fmc {

//! `POST /workspaces/{ws}/sqlDatabases/{id}/startMirroring` (not idempotent: re-sent only when it
//! provably did not arrive, like a mirrored database's start).
class StartSqlDatabaseMirroringRequest : public TypedRequest<NoContent>
{
public:
    StartSqlDatabaseMirroringRequest(const QString &workspaceId, const QString &sqlDatabaseId);
};

} // namespace fmc
