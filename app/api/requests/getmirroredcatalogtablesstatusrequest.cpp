#include "app/api/requests/getmirroredcatalogtablesstatusrequest.h"

#include "app/api/betaquery.h"

namespace fmc {

GetMirroredCatalogTablesStatusRequest::GetMirroredCatalogTablesStatusRequest(const QString &workspaceId, const QString &mirroredCatalogId)
    : PagedRequest("GET", QStringLiteral("/workspaces/%1/mirroredCatalogs/%2/tablesMirroringStatus").arg(segment(workspaceId), segment(mirroredCatalogId)), betaQuery())
{
}

} // namespace fmc
