#pragma once

#include "app/api/typedrequest.h"

#include <QStringList>

#include <optional>

namespace fmc {

//! `POST .../mirroredDatabases/{id}/startMirroring` (not idempotent: re-sent only when it provably did not arrive).
class StartMirroringRequest : public TypedRequest<NoContent>
{
public:
    StartMirroringRequest(const QString &workspaceId, const QString &mirroredDatabaseId);
};

} // namespace fmc
