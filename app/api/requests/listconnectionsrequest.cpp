#include "app/api/requests/listconnectionsrequest.h"

namespace fmc {

ListConnectionsRequest::ListConnectionsRequest()
    : PagedRequest("GET", QStringLiteral("/connections"), {})
{
}

} // namespace fmc
