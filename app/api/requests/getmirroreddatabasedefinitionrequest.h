#pragma once

#include "app/api/jsonrequest.h"

#include <QStringList>

#include <optional>

namespace fmc {

//! `POST .../mirroredDatabases/{id}/getDefinition` (read-only, long-running) → MirroredDatabaseDefinitionResponse, from the 200 body or the operation's /result.
class GetMirroredDatabaseDefinitionRequest : public JsonRequest
{
    Q_OBJECT
public:
    GetMirroredDatabaseDefinitionRequest(const QString &workspaceId, const QString &mirroredDatabaseId);
};

} // namespace fmc
