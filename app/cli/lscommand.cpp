#include "app/cli/lscommand.h"

#include "app/api/fabricclient.h"
#include "app/api/requests/getmirroringstatusrequest.h"
#include "app/api/requests/listworkspacesrequest.h"
#include "app/cli/cliexitcode.h"
#include "app/cli/clioutput.h"
#include "app/dashboard/dashboardtargetresolver.h"
#include "models/json.h"

#include <QCommandLineParser>

namespace fmc::cli {

void LsCommand::addOptions(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("workspace"), tr("Workspace name or id (optional)."),
                                 QStringLiteral("[WORKSPACE]"));
}

QString LsCommand::readArguments(const QCommandLineParser &parser)
{
    const QStringList args = parser.positionalArguments();
    if (args.size() > 1)
        return tr("takes at most one WORKSPACE.");
    m_workspace = args.value(0).trimmed();
    if (m_workspace.contains(u'/'))
        return tr("'%1' is not a workspace name or id ('/' is not allowed here).").arg(m_workspace);
    return {};
}

void LsCommand::run()
{
    if (m_workspace.isEmpty()) {
        listWorkspaces();
        return;
    }
    auto *resolver = new DashboardTargetResolver(client(), this);
    connect(resolver, &DashboardTargetResolver::resolved, this, &LsCommand::listDatabases);
    connect(resolver, &DashboardTargetResolver::failed, this, [this, resolver](const QString &message) {
        // A workspace that exists and has no mirrored database lists as empty.
        if (resolver->failureKind() == ApiError::Kind::NotFound && resolver->matchedWorkspaces().size() == 1) {
            listDatabases({});
            return;
        }
        fail(exitCodeForLookup(resolver->failureKind()), message);
    });
    out()->progress(tr("Listing %1…").arg(m_workspace));
    resolver->resolve(m_workspace + QStringLiteral("/all"));
}

void LsCommand::listWorkspaces()
{
    out()->progress(tr("Listing workspaces…"));
    client()->send(new ListWorkspacesRequest, this, [this](const ApiResult<QList<Workspace>> &result) {
        if (!result.ok()) {
            failCall(tr("Could not list workspaces"), result.error);
            return;
        }
        if (out()->isJson()) {
            Json list = Json::array();
            for (const Workspace &w : result.value)
                list.push_back(Json{{"id", toStdString(w.id)},
                                    {"displayName", toStdString(w.displayName)},
                                    {"type", toStdString(w.type.text)},
                                    {"capacityId", toStdString(w.capacityId)}});
            out()->json(list);
        } else {
            QList<QStringList> rows;
            for (const Workspace &w : result.value)
                rows.append({w.displayName, w.id, w.type.text, w.capacityId});
            out()->table({tr("NAME"), tr("ID"), tr("TYPE"), tr("CAPACITY")}, rows);
        }
        finish(Ok);
    });
}

void LsCommand::listDatabases(const QList<WatchedDatabase> &databases)
{
    m_databases = databases;
    m_pending = int(databases.size());
    if (m_pending == 0) {
        printDatabases();
        return;
    }
    for (const WatchedDatabase &db : databases) {
        const QString id = db.databaseId;
        client()->send(new GetMirroringStatusRequest(db.workspaceId, db.databaseId), this,
                       [this, id](const ApiResult<MirroringStatusResponse> &result) {
                           // A status that cannot be read is shown as such; the list still prints.
                           m_status.insert(id, result.ok() ? result.value.status.text : QStringLiteral("?"));
                           if (--m_pending == 0)
                               printDatabases();
                       });
    }
}

void LsCommand::printDatabases()
{
    if (out()->isJson()) {
        Json list = Json::array();
        for (const WatchedDatabase &db : std::as_const(m_databases))
            list.push_back(Json{{"workspaceId", toStdString(db.workspaceId)},
                                {"id", toStdString(db.databaseId)},
                                {"displayName", toStdString(db.displayName)},
                                {"status", toStdString(m_status.value(db.databaseId))}});
        out()->json(list);
    } else {
        QList<QStringList> rows;
        for (const WatchedDatabase &db : std::as_const(m_databases))
            rows.append({db.displayName, db.databaseId, m_status.value(db.databaseId)});
        out()->table({tr("NAME"), tr("ID"), tr("STATUS")}, rows);
    }
    finish(Ok);
}

} // namespace fmc::cli
