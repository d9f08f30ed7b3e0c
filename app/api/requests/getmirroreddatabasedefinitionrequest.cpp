#include "app/api/requests/getmirroreddatabasedefinitionrequest.h"

namespace fmc {

GetMirroredDatabaseDefinitionRequest::GetMirroredDatabaseDefinitionRequest(const QString &workspaceId, const QString &mirroredDatabaseId)
    : JsonRequest("POST", QStringLiteral("/workspaces/%1/mirroredDatabases/%2/getDefinition").arg(segment(workspaceId), segment(mirroredDatabaseId)), {}, Safety::Idempotent, Body::Object)
{
    setLongRunning(Lro::WithResult);
}

} // namespace fmc
