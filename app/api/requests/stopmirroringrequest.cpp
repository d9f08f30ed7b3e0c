#include "app/api/requests/stopmirroringrequest.h"

namespace fmc {

StopMirroringRequest::StopMirroringRequest(const QString &workspaceId, const QString &mirroredDatabaseId)
    : TypedRequest("POST", QStringLiteral("/workspaces/%1/mirroredDatabases/%2/stopMirroring").arg(segment(workspaceId), segment(mirroredDatabaseId)), {}, Safety::NonIdempotent)
{
}

} // namespace fmc
