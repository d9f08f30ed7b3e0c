#include "app/api/requests/getmirroreddatabasedefinitionrequest.h"

namespace fmc {

GetMirroredDatabaseDefinitionRequest::GetMirroredDatabaseDefinitionRequest(const QString &workspaceId, const QString &mirroredDatabaseId)
    : TypedRequest("POST", QStringLiteral("/workspaces/%1/mirroredDatabases/%2/getDefinition").arg(segment(workspaceId), segment(mirroredDatabaseId)), {}, Safety::Idempotent)
{
    setLongRunning(Lro::WithResult);
}

} // namespace fmc
