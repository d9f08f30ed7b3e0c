#pragma once

#include "app/api/typedrequest.h"
#include "models/catalogmirroringstatus.h"

namespace fmc {

//! `GET …/mirroredCatalogs/{id}/mirroringStatus?beta=true` (preview; the spec requires `beta=true`)
//! → CatalogMirroringStatus.
class GetMirroredCatalogStatusRequest : public TypedRequest<CatalogMirroringStatus>
{
public:
    GetMirroredCatalogStatusRequest(const QString &workspaceId, const QString &mirroredCatalogId);
};

} // namespace fmc
