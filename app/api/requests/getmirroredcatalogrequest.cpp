#include "app/api/requests/getmirroredcatalogrequest.h"

namespace fmc {

GetMirroredCatalogRequest::GetMirroredCatalogRequest(const QString &workspaceId, const QString &mirroredCatalogId)
    : TypedRequest("GET", QStringLiteral("/workspaces/%1/mirroredCatalogs/%2").arg(segment(workspaceId), segment(mirroredCatalogId)), {}, Safety::Idempotent)
{
}

} // namespace fmc
