#pragma once

#include "app/api/typedrequest.h"
#include "models/mirroredcatalog.h"

namespace fmc {

//! `GET /workspaces/{ws}/mirroredCatalogs/{id}` (Items_GetMirroredCatalog) → MirroredCatalog with properties.
class GetMirroredCatalogRequest : public TypedRequest<MirroredCatalog>
{
public:
    GetMirroredCatalogRequest(const QString &workspaceId, const QString &mirroredCatalogId);
};

} // namespace fmc
