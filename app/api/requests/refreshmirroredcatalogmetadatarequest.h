#pragma once

#include "app/api/typedrequest.h"

namespace fmc {

//! `POST …/mirroredCatalogs/{id}/refreshCatalogMetadata?beta=true` (preview; long-running, no result).
//! A refresh repeated only reads the source catalog again, so it is retried like a read.
class RefreshMirroredCatalogMetadataRequest : public TypedRequest<NoContent>
{
public:
    RefreshMirroredCatalogMetadataRequest(const QString &workspaceId, const QString &mirroredCatalogId);
};

} // namespace fmc
