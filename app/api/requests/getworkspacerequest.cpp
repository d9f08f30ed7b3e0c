#include "app/api/requests/getworkspacerequest.h"

namespace fmc {

GetWorkspaceRequest::GetWorkspaceRequest(const QString &workspaceId)
    : TypedRequest("GET", QStringLiteral("/workspaces/%1").arg(segment(workspaceId)), {}, Safety::Idempotent)
{
}

} // namespace fmc
