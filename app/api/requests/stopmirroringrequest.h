#pragma once

#include "app/api/typedrequest.h"

#include <QStringList>

#include <optional>

namespace fmc {

//! `POST .../mirroredDatabases/{id}/stopMirroring` (not idempotent: re-sent only when it provably did not arrive).
class StopMirroringRequest : public TypedRequest<NoContent>
{
public:
    StopMirroringRequest(const QString &workspaceId, const QString &mirroredDatabaseId);
};

} // namespace fmc
