#pragma once

#include "app/api/jsonrequest.h"

#include <QStringList>

#include <optional>

namespace fmc {

//! `POST .../mirroredDatabases/{id}/getMirroringStatus` (read-only) → MirroringStatusResponse.
class GetMirroringStatusRequest : public JsonRequest
{
    Q_OBJECT
public:
    GetMirroringStatusRequest(const QString &workspaceId, const QString &mirroredDatabaseId);
};

} // namespace fmc
