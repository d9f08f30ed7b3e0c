#include "app/api/requests/updatemirroreddatabasedefinitionrequest.h"

namespace fmc {

UpdateMirroredDatabaseDefinitionRequest::UpdateMirroredDatabaseDefinitionRequest(const QString &workspaceId,
                                                                                 const QString &mirroredDatabaseId,
                                                                                 const ItemDefinition &definition, bool updateMetadata)
    : TypedRequest("POST", QStringLiteral("/workspaces/%1/mirroredDatabases/%2/updateDefinition").arg(segment(workspaceId), segment(mirroredDatabaseId)),
                  flagQuery(QStringLiteral("updateMetadata"), updateMetadata), Safety::NonIdempotent)
{
    setJsonBody(definition.toRequestBody());
    setLongRunning(Lro::NoResult);
}

} // namespace fmc
