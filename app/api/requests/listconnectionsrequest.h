#pragma once

#include "app/api/pagedrequest.h"
#include "models/connection.h"

#include <QStringList>

#include <optional>

namespace fmc {

//! `GET /connections`, paged.
class ListConnectionsRequest : public PagedRequest<Connection>
{
public:
    ListConnectionsRequest();
};

} // namespace fmc
