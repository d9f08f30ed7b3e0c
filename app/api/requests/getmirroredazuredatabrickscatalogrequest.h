#pragma once

#include "app/api/typedrequest.h"
#include "models/mirroredazuredatabrickscatalog.h"

namespace fmc {

//! `GET /workspaces/{ws}/mirroredAzureDatabricksCatalogs/{id}` → the item with `syncDetails`, its only
//! status (there is no status endpoint).
class GetMirroredAzureDatabricksCatalogRequest : public TypedRequest<MirroredAzureDatabricksCatalog>
{
public:
    GetMirroredAzureDatabricksCatalogRequest(const QString &workspaceId, const QString &catalogId);
};

} // namespace fmc
