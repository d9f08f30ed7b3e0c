#pragma once

#include "app/api/typedrequest.h"
#include "models/itemdefinition.h"

#include <QStringList>

#include <optional>

namespace fmc {

//! `POST .../mirroredDatabases/{id}/getDefinition` (read-only, long-running) → MirroredDatabaseDefinitionResponse, from the 200 body or the operation's /result.
class GetMirroredDatabaseDefinitionRequest : public TypedRequest<ItemDefinition>
{
public:
    GetMirroredDatabaseDefinitionRequest(const QString &workspaceId, const QString &mirroredDatabaseId);
};

} // namespace fmc
