#pragma once

#include "app/api/pagedrequest.h"

#include <QStringList>

#include <optional>

namespace fmc {

//! `GET /capacities`, paged.
class ListCapacitiesRequest : public PagedRequest
{
    Q_OBJECT
public:
    ListCapacitiesRequest();
};

} // namespace fmc
