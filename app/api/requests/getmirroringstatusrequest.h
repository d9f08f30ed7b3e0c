#pragma once

#include "app/api/typedrequest.h"
#include "models/mirroringstatusresponse.h"

#include <QStringList>

#include <optional>

namespace fmc {

//! `POST .../mirroredDatabases/{id}/getMirroringStatus` (read-only) → MirroringStatusResponse.
class GetMirroringStatusRequest : public TypedRequest<MirroringStatusResponse>
{
public:
    GetMirroringStatusRequest(const QString &workspaceId, const QString &mirroredDatabaseId);
};

} // namespace fmc
