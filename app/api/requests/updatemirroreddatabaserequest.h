#pragma once

#include "app/api/typedrequest.h"
#include "models/mirroreddatabase.h"

#include <optional>

namespace fmc {

//! `PATCH /workspaces/{ws}/mirroredDatabases/{id}` (Items_UpdateMirroredDatabase) → MirroredDatabase.
//! Setting a name or description to a value is idempotent, so it is retried like a GET.
class UpdateMirroredDatabaseRequest : public TypedRequest<MirroredDatabase>
{
public:
    UpdateMirroredDatabaseRequest(const QString &workspaceId, const QString &mirroredDatabaseId,
                                  const std::optional<QString> &displayName,
                                  const std::optional<QString> &description = std::nullopt);
};

} // namespace fmc
