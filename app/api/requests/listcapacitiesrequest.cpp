#include "app/api/requests/listcapacitiesrequest.h"

namespace fmc {

ListCapacitiesRequest::ListCapacitiesRequest()
    : PagedRequest("GET", QStringLiteral("/capacities"), {})
{
}

} // namespace fmc
