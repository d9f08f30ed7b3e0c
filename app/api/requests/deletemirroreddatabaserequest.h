#pragma once

#include "app/api/typedrequest.h"

#include <QStringList>

#include <optional>

namespace fmc {

//! `DELETE /workspaces/{ws}/mirroredDatabases/{id}` (Items_DeleteMirroredDatabase); \a hardDelete deletes permanently.
class DeleteMirroredDatabaseRequest : public TypedRequest<NoContent>
{
public:
    DeleteMirroredDatabaseRequest(const QString &workspaceId, const QString &mirroredDatabaseId, bool hardDelete = false);
};

} // namespace fmc
