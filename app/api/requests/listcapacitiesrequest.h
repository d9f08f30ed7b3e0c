#pragma once

#include "app/api/pagedrequest.h"
#include "models/capacity.h"

#include <QStringList>

#include <optional>

namespace fmc {

//! `GET /capacities`, paged.
class ListCapacitiesRequest : public PagedRequest<Capacity>
{
public:
    ListCapacitiesRequest();
};

} // namespace fmc
