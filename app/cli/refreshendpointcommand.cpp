#include "app/cli/refreshendpointcommand.h"

#include "app/api/fabricclient.h"
#include "app/api/requests/getmirroreddatabaserequest.h"
#include "app/cli/cliduration.h"
#include "app/cli/cliexitcode.h"
#include "app/cli/clioutput.h"
#include "app/monitor/statusmonitor.h"
#include "app/sqlendpoint/sqlendpointrefresher.h"
#include "models/sqlendpointsyncstore.h"
#include "models/utcdatetime.h"

#include <QCommandLineParser>

namespace fmc::cli {

void RefreshEndpointCommand::addOptions(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("database"), tr("WORKSPACE/DATABASE, names or ids."),
                                 QStringLiteral("WS/DB"));
    parser.addOption({QStringLiteral("timeout"), tr("Service-side timeout, 1-30 minutes (default 15m)."),
                      QStringLiteral("DURATION"), QStringLiteral("15m")});
    parser.addOption({QStringLiteral("recreate-tables"), tr("Drop and recreate every table (slow).")});
}

QString RefreshEndpointCommand::readArguments(const QCommandLineParser &parser)
{
    if (parser.positionalArguments().size() != 1)
        return tr("needs one WS/DB.");
    m_spec = parser.positionalArguments().first();
    const auto timeout = parseDuration(parser.value(QStringLiteral("timeout")));
    if (!timeout || timeout->count() < 60 || timeout->count() > 30 * 60 || timeout->count() % 60 != 0)
        return tr("--timeout is whole minutes from 1m to 30m, not '%1'.").arg(parser.value(QStringLiteral("timeout")));
    m_timeout = std::chrono::duration_cast<std::chrono::minutes>(*timeout);
    m_recreateTables = parser.isSet(QStringLiteral("recreate-tables"));
    return {};
}

void RefreshEndpointCommand::run()
{
    m_store = new SqlEndpointSyncStore(this);
    m_refresher = new SqlEndpointRefresher(client(), m_store, this);
    connect(m_refresher, &SqlEndpointRefresher::busyChanged, this, [this](bool busy, const QString &text) {
        if (busy)
            out()->progress(text);
    });
    connect(m_refresher, &SqlEndpointRefresher::progress, this,
            [this](int percent) { out()->progress(tr("Refreshing %1… %2%").arg(m_spec).arg(percent)); });
    connect(m_refresher, &SqlEndpointRefresher::finished, this,
            [this](const SqlEndpointRefresher::Target &target, const TableSyncStatuses &result, const ApiError &error) {
                if (error.isError()) {
                    failCall(tr("Could not refresh the SQL endpoint of %1").arg(m_spec), error);
                    return;
                }
                if (out()->isJson()) {
                    Json tables = Json::array();
                    for (const TableSyncStatus &t : result.value)
                        tables.push_back(Json{{"table", toStdString(t.tableName)},
                                              {"status", toStdString(t.status.text)},
                                              {"lastSuccessfulSyncDateTime",
                                               t.lastSuccessfulSyncDateTime.isValid()
                                                   ? Json(toStdString(formatUtcDateTime(t.lastSuccessfulSyncDateTime)))
                                                   : Json(nullptr)},
                                              {"error", t.error ? Json(toStdString(t.error->errorCode)) : Json(nullptr)}});
                    out()->json(Json{{"workspaceId", toStdString(target.workspaceId)},
                                     {"id", toStdString(target.databaseId)},
                                     {"displayName", toStdString(target.databaseName)},
                                     {"sqlEndpointId", toStdString(target.sqlEndpointId)},
                                     {"tables", tables}});
                } else {
                    QList<QStringList> rows;
                    for (const TableSyncStatus &t : result.value)
                        rows.append({t.tableName, t.status.text, formatUtcDateTime(t.lastSuccessfulSyncDateTime),
                                     t.error ? t.error->errorCode : QString()});
                    out()->table({tr("TABLE"), tr("STATUS"), tr("LAST SUCCESS (UTC)"), tr("ERROR")}, rows);
                }
                const int failed = result.count(SyncStatus::Failure);
                if (failed > 0) {
                    fail(CheckFailed, tr("%1: %n table(s) failed to sync.", nullptr, failed).arg(m_spec));
                    return;
                }
                out()->note(SqlEndpointRefresher::summary(result));
                finish(Ok);
            });
    resolveDatabase(m_spec, [this](const WatchedDatabase &database) {
        client()->send(new GetMirroredDatabaseRequest(database.workspaceId, database.databaseId), this,
                       [this](const ApiResult<MirroredDatabase> &result) {
                           if (!result.ok()) {
                               failCall(tr("Could not read %1").arg(m_spec), result.error);
                               return;
                           }
                           const auto target = SqlEndpointRefresher::targetOf(result.value);
                           if (target.sqlEndpointId.isEmpty()) {
                               fail(Failed, tr("%1 has no SQL analytics endpoint yet (it is still being "
                                               "provisioned).").arg(m_spec));
                               return;
                           }
                           if (!m_refresher->refresh(target, m_timeout, m_recreateTables))
                               fail(Failed, tr("Could not start the refresh of %1.").arg(m_spec));
                       });
    });
}

} // namespace fmc::cli
