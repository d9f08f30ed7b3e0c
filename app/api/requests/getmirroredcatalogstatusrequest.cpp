#include "app/api/requests/getmirroredcatalogstatusrequest.h"

#include "app/api/betaquery.h"

namespace fmc {

GetMirroredCatalogStatusRequest::GetMirroredCatalogStatusRequest(const QString &workspaceId, const QString &mirroredCatalogId)
    : TypedRequest("GET", QStringLiteral("/workspaces/%1/mirroredCatalogs/%2/mirroringStatus").arg(segment(workspaceId), segment(mirroredCatalogId)), betaQuery(), Safety::Idempotent)
{
}

} // namespace fmc
