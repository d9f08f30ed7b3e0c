#include "app/api/requests/updatemirroreddatabasedefinitionrequest.h"

namespace fmc {

UpdateMirroredDatabaseDefinitionRequest::UpdateMirroredDatabaseDefinitionRequest(const QString &workspaceId,
                                                                                 const QString &mirroredDatabaseId,
                                                                                 const Json &definition, bool updateMetadata)
    : JsonRequest("POST", QStringLiteral("/workspaces/%1/mirroredDatabases/%2/updateDefinition").arg(segment(workspaceId), segment(mirroredDatabaseId)),
                  flagQuery(QStringLiteral("updateMetadata"), updateMetadata), Safety::NonIdempotent, Body::None)
{
    setJsonBody(Json{{"definition", definition}});
    setLongRunning(Lro::NoResult);
}

} // namespace fmc
