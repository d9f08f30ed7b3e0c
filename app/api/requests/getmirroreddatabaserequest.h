#pragma once

#include "app/api/jsonrequest.h"

#include <QStringList>

#include <optional>

namespace fmc {

//! `GET /workspaces/{ws}/mirroredDatabases/{id}` (Items_GetMirroredDatabase) → MirroredDatabase.
class GetMirroredDatabaseRequest : public JsonRequest
{
    Q_OBJECT
public:
    GetMirroredDatabaseRequest(const QString &workspaceId, const QString &mirroredDatabaseId);
};

} // namespace fmc
