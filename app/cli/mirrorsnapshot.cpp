#include "app/cli/mirrorsnapshot.h"

#include "app/api/fabricclient.h"
#include "app/api/requests/getmirroringstatusrequest.h"
#include "app/api/requests/gettablesmirroringstatusrequest.h"
#include "models/utcdatetime.h"

#include <memory>

namespace fmc::cli {

namespace {

Json errorJson(const std::optional<ErrorResponse> &error)
{
    if (!error)
        return nullptr;
    return Json{{"errorCode", toStdString(error->errorCode)}, {"message", toStdString(error->message)}};
}

template <typename T>
Json optionalJson(const std::optional<T> &value)
{
    return value ? Json(*value) : Json(nullptr);
}

} // namespace

void MirrorSnapshot::fetch(FabricClient *client, const WatchedDatabase &database, bool withTables, QObject *context,
                           Callback callback)
{
    // Both calls at once; the callback runs when the last one is in (or on the first error).
    struct Pending {
        MirrorSnapshot snapshot;
        int waiting = 0;
        bool done = false;
        Callback callback;
    };
    auto pending = std::make_shared<Pending>();
    pending->snapshot.database = database;
    pending->snapshot.hasTables = withTables;
    pending->waiting = withTables ? 2 : 1;
    pending->callback = std::move(callback);
    const auto arrived = [pending](const ApiError &error) {
        if (pending->done)
            return;
        if (error.isError() || --pending->waiting == 0) {
            pending->done = true;
            pending->callback(pending->snapshot, error);
        }
    };
    client->send(new GetMirroringStatusRequest(database.workspaceId, database.databaseId), context,
                 [pending, arrived](const ApiResult<MirroringStatusResponse> &result) {
                     pending->snapshot.status = result.value;
                     arrived(result.error);
                 });
    if (withTables)
        client->send(new GetTablesMirroringStatusRequest(database.workspaceId, database.databaseId), context,
                     [pending, arrived](const ApiResult<QList<TableMirroringStatus>> &result) {
                         pending->snapshot.tables = result.value;
                         arrived(result.error);
                     });
}

QString MirrorSnapshot::qualifiedName(const TableMirroringStatus &table)
{
    return table.sourceSchemaName.isEmpty() ? table.sourceTableName
                                            : table.sourceSchemaName + u'.' + table.sourceTableName;
}

QString MirrorSnapshot::freshnessKey(TableFreshness freshness)
{
    switch (freshness) {
    case TableFreshness::Current: return QStringLiteral("Current");
    case TableFreshness::Idle: return QStringLiteral("Idle");
    case TableFreshness::CatchingUp: return QStringLiteral("CatchingUp");
    case TableFreshness::Stale: return QStringLiteral("Stale");
    }
    return QStringLiteral("Stale");
}

Json MirrorSnapshot::tableJson(const TableMirroringStatus &table, const QDateTime &nowUtc,
                               std::chrono::seconds idleAfter)
{
    const auto &m = table.metrics;
    return Json{{"schema", toStdString(table.sourceSchemaName)},
                {"table", toStdString(table.sourceTableName)},
                {"status", toStdString(table.status.text)},
                {"freshness", toStdString(freshnessKey(tableFreshness(table, nowUtc, idleAfter)))},
                {"processedRows", m ? optionalJson(m->processedRows) : Json(nullptr)},
                {"processedBytes", m ? optionalJson(m->processedBytes) : Json(nullptr)},
                {"lastSyncDateTime", m && m->lastSyncDateTime.isValid()
                                         ? Json(toStdString(formatUtcDateTime(m->lastSyncDateTime)))
                                         : Json(nullptr)},
                {"lastSyncLatencyInSeconds", m ? optionalJson(m->lastSyncLatencyInSeconds) : Json(nullptr)},
                {"error", errorJson(table.error)}};
}

Json MirrorSnapshot::toJson(const QDateTime &nowUtc, std::chrono::seconds idleAfter) const
{
    Json json{{"workspaceId", toStdString(database.workspaceId)},
              {"id", toStdString(database.databaseId)},
              {"displayName", toStdString(database.displayName)},
              {"status", toStdString(status.status.text)},
              {"error", errorJson(status.error)}};
    if (hasTables) {
        Json list = Json::array();
        for (const TableMirroringStatus &t : tables)
            list.push_back(tableJson(t, nowUtc, idleAfter));
        json["tables"] = list;
    }
    return json;
}

QStringList MirrorSnapshot::tableHeaders()
{
    return {QStringLiteral("TABLE"), QStringLiteral("STATUS"), QStringLiteral("FRESHNESS"), QStringLiteral("ROWS"),
            QStringLiteral("LAST SYNC (UTC)"), QStringLiteral("LATENCY"), QStringLiteral("ERROR")};
}

QStringList MirrorSnapshot::tableRow(const TableMirroringStatus &table, const QDateTime &nowUtc,
                                     std::chrono::seconds idleAfter)
{
    const auto &m = table.metrics;
    const QString rows = m && m->processedRows ? QString::number(*m->processedRows) : QString();
    const QString sync = m && m->lastSyncDateTime.isValid() ? formatUtcDateTime(m->lastSyncDateTime) : QString();
    const QString latency = m && m->lastSyncLatencyInSeconds ? QStringLiteral("%1s").arg(*m->lastSyncLatencyInSeconds)
                                                              : QString();
    const QString error = table.error ? table.error->errorCode : QString();
    return {qualifiedName(table), table.status.text, freshnessText(tableFreshness(table, nowUtc, idleAfter)), rows,
            sync, latency, error};
}

} // namespace fmc::cli
