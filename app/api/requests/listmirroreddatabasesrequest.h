#pragma once

#include "app/api/pagedrequest.h"
#include "models/mirroreddatabase.h"

#include <QStringList>

#include <optional>

namespace fmc {

//! `GET /workspaces/{ws}/mirroredDatabases` (Items_ListMirroredDatabases), paged under `value`.
class ListMirroredDatabasesRequest : public PagedRequest<MirroredDatabase>
{
public:
    ListMirroredDatabasesRequest(const QString &workspaceId, std::optional<bool> recursive = std::nullopt, const QString &rootFolderId = {});
};

} // namespace fmc
