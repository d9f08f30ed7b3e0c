#include "app/api/requests/updatemirroreddatabasedefinitionrequest.h"

namespace fmc {

UpdateMirroredDatabaseDefinitionRequest::UpdateMirroredDatabaseDefinitionRequest(const QString &workspaceId,
                                                                                 const QString &mirroredDatabaseId,
                                                                                 const ItemDefinition &definition, bool updateMetadata)
    : TypedRequest("POST", QStringLiteral("/workspaces/%1/mirroredDatabases/%2/updateDefinition").arg(segment(workspaceId), segment(mirroredDatabaseId)),
                  flagQuery(QStringLiteral("updateMetadata"), updateMetadata), Safety::NonIdempotent)
{
    setJsonBody(body(definition));
    setLongRunning(Lro::NoResult);
}

Json UpdateMirroredDatabaseDefinitionRequest::body(const ItemDefinition &definition)
{
    return definition.toRequestBody();
}

} // namespace fmc
