#include "app/api/requests/getworkspacerequest.h"

namespace fmc {

GetWorkspaceRequest::GetWorkspaceRequest(const QString &workspaceId)
    : JsonRequest("GET", QStringLiteral("/workspaces/%1").arg(segment(workspaceId)), {}, Safety::Idempotent, Body::Object)
{
}

} // namespace fmc
