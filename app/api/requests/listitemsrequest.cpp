#include "app/api/requests/listitemsrequest.h"

namespace fmc {

namespace {

QUrlQuery typeQuery(const QString &type)
{
    QUrlQuery query;
    if (!type.isEmpty())
        query.addQueryItem(QStringLiteral("type"), type);
    return query;
}

} // namespace

ListItemsRequest::ListItemsRequest(const QString &workspaceId, const QString &type)
    : PagedRequest("GET", QStringLiteral("/workspaces/%1/items").arg(segment(workspaceId)), typeQuery(type))
{
}

} // namespace fmc
