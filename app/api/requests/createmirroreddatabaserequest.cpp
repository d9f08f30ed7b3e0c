#include "app/api/requests/createmirroreddatabaserequest.h"

namespace fmc {

CreateMirroredDatabaseRequest::CreateMirroredDatabaseRequest(const QString &workspaceId, const QString &displayName,
                                                             const ItemDefinition &definition, const QString &description,
                                                             const QString &folderId)
    : TypedRequest("POST", QStringLiteral("/workspaces/%1/mirroredDatabases").arg(segment(workspaceId)), {}, Safety::NonIdempotent)
{
    setJsonBody(body(displayName, definition, description, folderId));
    setLongRunning(Lro::WithResult);
}

Json CreateMirroredDatabaseRequest::body(const QString &displayName, const ItemDefinition &definition,
                                         const QString &description, const QString &folderId)
{
    Json body = Json::object();
    body["displayName"] = toStdString(displayName);
    if (!description.isEmpty())
        body["description"] = toStdString(description);
    if (!folderId.isEmpty())
        body["folderId"] = toStdString(folderId);
    body["definition"] = definition.toJson();
    return body;
}

} // namespace fmc
