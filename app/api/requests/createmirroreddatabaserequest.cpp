#include "app/api/requests/createmirroreddatabaserequest.h"

namespace fmc {

CreateMirroredDatabaseRequest::CreateMirroredDatabaseRequest(const QString &workspaceId, const QString &displayName,
                                                             const Json &definition, const QString &description,
                                                             const QString &folderId)
    : JsonRequest("POST", QStringLiteral("/workspaces/%1/mirroredDatabases").arg(segment(workspaceId)), {},
                  Safety::NonIdempotent, Body::Object)
{
    Json body = Json::object();
    body["displayName"] = toStdString(displayName);
    if (!description.isEmpty())
        body["description"] = toStdString(description);
    if (!folderId.isEmpty())
        body["folderId"] = toStdString(folderId);
    body["definition"] = definition;
    setJsonBody(body);
    setLongRunning(Lro::WithResult);
}

} // namespace fmc
