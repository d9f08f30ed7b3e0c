#pragma once

#include "app/api/typedrequest.h"

namespace fmc {

//! `POST …/mirroredAzureDatabricksCatalogs/{id}/refreshCatalogMetadata` (long-running, no result; not
//! a beta). Repeating it only syncs again with Unity Catalog, so it is retried like a read.
class RefreshAzureDatabricksCatalogMetadataRequest : public TypedRequest<NoContent>
{
public:
    RefreshAzureDatabricksCatalogMetadataRequest(const QString &workspaceId, const QString &catalogId);
};

} // namespace fmc
