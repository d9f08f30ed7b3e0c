#pragma once

#include "app/api/pagedrequest.h"
#include "models/item.h"

namespace fmc {

//! `GET /workspaces/{ws}/items` (Items_ListItems), paged under `value`; \a type filters by item type.
//! Mirror types without an API of their own are known only from this list.
class ListItemsRequest : public PagedRequest<Item>
{
public:
    ListItemsRequest(const QString &workspaceId, const QString &type = {});
};

} // namespace fmc
