#pragma once

#include "app/api/pagedrequest.h"
#include "models/catalogtablestatus.h"

namespace fmc {

//! `GET …/mirroredCatalogs/{id}/tablesMirroringStatus?beta=true` (preview), paged under `value`
//! (a GET, unlike a mirrored database's POST under `data`); every page keeps `beta=true`.
class GetMirroredCatalogTablesStatusRequest : public PagedRequest<CatalogTableStatus>
{
public:
    GetMirroredCatalogTablesStatusRequest(const QString &workspaceId, const QString &mirroredCatalogId);
};

} // namespace fmc
