#include "app/api/requests/listworkspacesrequest.h"

namespace fmc {

namespace {

QUrlQuery query(const QStringList &roles)
{
    QUrlQuery q;
    if (!roles.isEmpty())
        q.addQueryItem(QStringLiteral("roles"), roles.join(QLatin1Char(',')));
    return q;
}

} // namespace

ListWorkspacesRequest::ListWorkspacesRequest(const QStringList &roles)
    : PagedRequest("GET", QStringLiteral("/workspaces"), query(roles))
{
}

} // namespace fmc
