#include "app/api/requests/updatemirroreddatabaserequest.h"

namespace fmc {

UpdateMirroredDatabaseRequest::UpdateMirroredDatabaseRequest(const QString &workspaceId, const QString &mirroredDatabaseId,
                                                             const std::optional<QString> &displayName,
                                                             const std::optional<QString> &description)
    : TypedRequest("PATCH", QStringLiteral("/workspaces/%1/mirroredDatabases/%2").arg(segment(workspaceId), segment(mirroredDatabaseId)),
                  {}, Safety::Idempotent)
{
    Json body = Json::object();
    if (displayName)
        body["displayName"] = toStdString(*displayName);
    if (description)
        body["description"] = toStdString(*description);
    setJsonBody(body);
}

} // namespace fmc
