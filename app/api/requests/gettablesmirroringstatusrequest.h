#pragma once

#include "app/api/pagedrequest.h"
#include "models/tablemirroringstatus.h"

#include <QStringList>

#include <optional>

namespace fmc {

//! `POST .../mirroredDatabases/{id}/getTablesMirroringStatus` (read-only), paged under `data`; later pages re-POST with `?continuationToken=`.
class GetTablesMirroringStatusRequest : public PagedRequest<TableMirroringStatus>
{
public:
    GetTablesMirroringStatusRequest(const QString &workspaceId, const QString &mirroredDatabaseId);
};

} // namespace fmc
