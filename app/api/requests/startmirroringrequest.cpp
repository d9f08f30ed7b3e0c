#include "app/api/requests/startmirroringrequest.h"

namespace fmc {

StartMirroringRequest::StartMirroringRequest(const QString &workspaceId, const QString &mirroredDatabaseId)
    : TypedRequest("POST", QStringLiteral("/workspaces/%1/mirroredDatabases/%2/startMirroring").arg(segment(workspaceId), segment(mirroredDatabaseId)), {}, Safety::NonIdempotent)
{
}

} // namespace fmc
