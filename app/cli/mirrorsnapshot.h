#pragma once

#include "app/monitor/statusmonitor.h"
#include "models/apierror.h"
#include "models/json.h"
#include "models/mirroringstatusresponse.h"
#include "models/tablefreshness.h"
#include "models/tablemirroringstatus.h"

#include <QDateTime>
#include <QList>
#include <QStringList>

#include <chrono>
#include <functional>

class QObject;

namespace fmc {
class FabricClient;
}

namespace fmc::cli {

//! \brief One mirrored database's status, and its tables' when asked, as `fmc status`,
//! `wait` and `check-freshness` read and print it (one JSON shape for all three).
//!
//! JSON fields (stable): `workspaceId`, `id`, `displayName`, `status`, `error` (`errorCode`,
//! `message` or null) and, with tables, `tables`: `schema`, `table`, `status`, `freshness`
//! (`Current`, `Idle`, `CatchingUp`, `Stale`), `processedRows`, `processedBytes`,
//! `lastSyncDateTime` (UTC ISO 8601), `lastSyncLatencyInSeconds`, `error`.
struct MirrorSnapshot {
    WatchedDatabase database;
    MirroringStatusResponse status;
    QList<TableMirroringStatus> tables;
    bool hasTables = false;

    using Callback = std::function<void(const MirrorSnapshot &snapshot, const ApiError &error)>;
    //! \brief Asks the status (and, with \a withTables, every page of the tables' status) and
    //! calls \a callback once, in \a context's thread, with what came or the first error.
    static void fetch(FabricClient *client, const WatchedDatabase &database, bool withTables, QObject *context,
                      Callback callback);

    Json toJson(const QDateTime &nowUtc, std::chrono::seconds idleAfter = kDefaultIdleAfter) const;
    static Json tableJson(const TableMirroringStatus &table, const QDateTime &nowUtc, std::chrono::seconds idleAfter);
    static QStringList tableHeaders();
    static QStringList tableRow(const TableMirroringStatus &table, const QDateTime &nowUtc,
                                std::chrono::seconds idleAfter);
    //! "dbo.orders" (the form --table takes).
    static QString qualifiedName(const TableMirroringStatus &table);
    //! "Current", "Idle", "CatchingUp", "Stale": the JSON spelling of \a freshness.
    static QString freshnessKey(TableFreshness freshness);
};

} // namespace fmc::cli
