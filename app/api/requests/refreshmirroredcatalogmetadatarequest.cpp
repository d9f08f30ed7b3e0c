#include "app/api/requests/refreshmirroredcatalogmetadatarequest.h"

#include "app/api/betaquery.h"

namespace fmc {

RefreshMirroredCatalogMetadataRequest::RefreshMirroredCatalogMetadataRequest(const QString &workspaceId, const QString &mirroredCatalogId)
    : TypedRequest("POST", QStringLiteral("/workspaces/%1/mirroredCatalogs/%2/refreshCatalogMetadata").arg(segment(workspaceId), segment(mirroredCatalogId)), betaQuery(), Safety::Idempotent)
{
    setLongRunning(Lro::NoResult);
}

} // namespace fmc
