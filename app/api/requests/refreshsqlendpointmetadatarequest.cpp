#include "app/api/requests/refreshsqlendpointmetadatarequest.h"

namespace fmc {

RefreshSqlEndpointMetadataRequest::RefreshSqlEndpointMetadataRequest(const QString &workspaceId,
                                                                     const QString &sqlEndpointId,
                                                                     std::chrono::minutes timeout, bool recreateTables)
    : TypedRequest("POST", QStringLiteral("/workspaces/%1/sqlEndpoints/%2/refreshMetadata").arg(segment(workspaceId), segment(sqlEndpointId)),
                  {}, recreateTables ? Safety::NonIdempotent : Safety::Idempotent)
{
    setJsonBody(body(timeout, recreateTables));
    setLongRunning(Lro::WithResult);
}

Json RefreshSqlEndpointMetadataRequest::body(std::chrono::minutes timeout, bool recreateTables)
{
    return Json{{"timeout", Json{{"value", qint64(timeout.count())}, {"timeUnit", "Minutes"}}},
                {"recreateTables", recreateTables}};
}

} // namespace fmc
