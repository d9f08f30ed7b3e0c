#include "app/api/requests/listmirroreddatabasesrequest.h"

namespace fmc {

namespace {

QUrlQuery query(std::optional<bool> recursive, const QString &rootFolderId)
{
    QUrlQuery q;
    if (recursive)
        q.addQueryItem(QStringLiteral("recursive"), *recursive ? QStringLiteral("true") : QStringLiteral("false"));
    if (!rootFolderId.isEmpty())
        q.addQueryItem(QStringLiteral("rootFolderId"), rootFolderId);
    return q;
}

} // namespace

ListMirroredDatabasesRequest::ListMirroredDatabasesRequest(const QString &workspaceId, std::optional<bool> recursive, const QString &rootFolderId)
    : PagedRequest("GET", QStringLiteral("/workspaces/%1/mirroredDatabases").arg(segment(workspaceId)), query(recursive, rootFolderId))
{
}

} // namespace fmc
