#include "app/api/requests/getmirroredazuredatabrickscatalogrequest.h"

namespace fmc {

GetMirroredAzureDatabricksCatalogRequest::GetMirroredAzureDatabricksCatalogRequest(const QString &workspaceId, const QString &catalogId)
    : TypedRequest("GET", QStringLiteral("/workspaces/%1/mirroredAzureDatabricksCatalogs/%2").arg(segment(workspaceId), segment(catalogId)), {}, Safety::Idempotent)
{
}

} // namespace fmc
