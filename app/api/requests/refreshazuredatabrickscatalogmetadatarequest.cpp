#include "app/api/requests/refreshazuredatabrickscatalogmetadatarequest.h"

namespace fmc {

RefreshAzureDatabricksCatalogMetadataRequest::RefreshAzureDatabricksCatalogMetadataRequest(const QString &workspaceId, const QString &catalogId)
    : TypedRequest("POST", QStringLiteral("/workspaces/%1/mirroredAzureDatabricksCatalogs/%2/refreshCatalogMetadata").arg(segment(workspaceId), segment(catalogId)), {}, Safety::Idempotent)
{
    setLongRunning(Lro::NoResult);
}

} // namespace fmc
