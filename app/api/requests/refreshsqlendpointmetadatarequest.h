#pragma once

#include "app/api/typedrequest.h"
#include "models/tablesyncstatus.h"

#include <chrono>

namespace fmc {

//! \brief `POST /workspaces/{ws}/sqlEndpoints/{id}/refreshMetadata` (long-running: 200 with the
//! result, or 202 and the result at the operation's /result) → TableSyncStatuses.
//! A refresh repeated is harmless (it syncs again), so it is retried like a read; one that drops
//! and recreates every table is not re-sent after an unclear failure.
class RefreshSqlEndpointMetadataRequest : public TypedRequest<TableSyncStatuses>
{
public:
    RefreshSqlEndpointMetadataRequest(const QString &workspaceId, const QString &sqlEndpointId,
                                      std::chrono::minutes timeout, bool recreateTables);

    //! The body this request sends: `{timeout: {value, timeUnit: "Minutes"}, recreateTables}`.
    static Json body(std::chrono::minutes timeout, bool recreateTables);
};

} // namespace fmc
