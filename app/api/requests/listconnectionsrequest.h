#pragma once

#include "app/api/pagedrequest.h"

#include <QStringList>

#include <optional>

namespace fmc {

//! `GET /connections`, paged.
class ListConnectionsRequest : public PagedRequest
{
    Q_OBJECT
public:
    ListConnectionsRequest();
};

} // namespace fmc
