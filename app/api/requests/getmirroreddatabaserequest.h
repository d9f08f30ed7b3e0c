#pragma once

#include "app/api/typedrequest.h"
#include "models/mirroreddatabase.h"

#include <QStringList>

#include <optional>

namespace fmc {

//! `GET /workspaces/{ws}/mirroredDatabases/{id}` (Items_GetMirroredDatabase) → MirroredDatabase.
class GetMirroredDatabaseRequest : public TypedRequest<MirroredDatabase>
{
public:
    GetMirroredDatabaseRequest(const QString &workspaceId, const QString &mirroredDatabaseId);
};

} // namespace fmc
