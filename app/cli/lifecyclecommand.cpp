#include "app/cli/lifecyclecommand.h"

#include "app/admin/mirroreddatabaseadmin.h"
#include "app/api/fabricclient.h"
#include "app/api/requests/getmirroreddatabaserequest.h"
#include "app/api/requests/getmirroringstatusrequest.h"
#include "app/cli/cliexitcode.h"
#include "app/cli/clioutput.h"

#include <QCommandLineParser>

namespace fmc::cli {

LifecycleCommand::LifecycleCommand(Action action, QObject *parent)
    : CliCommand(parent)
    , m_action(action)
{
}

QString LifecycleCommand::name() const
{
    switch (m_action) {
    case Action::Start: return QStringLiteral("start");
    case Action::Stop: return QStringLiteral("stop");
    case Action::Rename: return QStringLiteral("rename");
    case Action::Remove: return QStringLiteral("rm");
    }
    return {};
}

QString LifecycleCommand::summary() const
{
    switch (m_action) {
    case Action::Start: return tr("Start mirroring.");
    case Action::Stop: return tr("Stop mirroring.");
    case Action::Rename: return tr("Rename a mirrored database.");
    case Action::Remove: return tr("Delete a mirrored database.");
    }
    return {};
}

QString LifecycleCommand::synopsis() const
{
    switch (m_action) {
    case Action::Rename: return QStringLiteral("WS/DB NEW-NAME");
    case Action::Remove: return QStringLiteral("WS/DB --yes");
    default: return QStringLiteral("WS/DB");
    }
}

void LifecycleCommand::addOptions(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("database"), tr("WORKSPACE/DATABASE, names or ids."),
                                 QStringLiteral("WS/DB"));
    if (m_action == Action::Rename)
        parser.addPositionalArgument(QStringLiteral("name"), tr("The new display name."), QStringLiteral("NEW-NAME"));
    if (m_action == Action::Remove) {
        parser.addOption({QStringLiteral("yes"), tr("Confirm the deletion (required).")});
        parser.addOption({QStringLiteral("hard"), tr("Delete permanently (workspace Admin only).")});
    }
}

QString LifecycleCommand::readArguments(const QCommandLineParser &parser)
{
    const QStringList args = parser.positionalArguments();
    const int wanted = m_action == Action::Rename ? 2 : 1;
    if (args.size() != wanted)
        return m_action == Action::Rename ? tr("needs WS/DB and NEW-NAME.") : tr("needs one WS/DB.");
    m_spec = args.first();
    if (m_action == Action::Rename) {
        m_newName = args.at(1).trimmed();
        if (m_newName.isEmpty())
            return tr("NEW-NAME is empty.");
    }
    if (m_action == Action::Remove) {
        // Deleting cannot be undone from here: a script says so explicitly.
        if (!parser.isSet(QStringLiteral("yes")))
            return tr("deletes %1: add --yes to confirm.").arg(m_spec);
        m_hard = parser.isSet(QStringLiteral("hard"));
    }
    return {};
}

void LifecycleCommand::run()
{
    m_admin = new MirroredDatabaseAdmin(client(), this);
    resolveDatabase(m_spec, [this](const WatchedDatabase &database) { act(database); });
}

void LifecycleCommand::act(const WatchedDatabase &database)
{
    connect(m_admin, &MirroredDatabaseAdmin::busyChanged, this, [this](bool busy, const QString &text) {
        if (busy)
            out()->progress(text);
    });
    connect(m_admin, &MirroredDatabaseAdmin::finished, this,
            [this, database](MirroredDatabaseAdmin::Action, const QString &, const QString &, const ApiError &error) {
                done(database, error);
            });
    switch (m_action) {
    case Action::Start:
    case Action::Stop:
        startOrStop(database);
        return;
    case Action::Remove:
        m_admin->remove(database.workspaceId, database.databaseId, m_hard);
        return;
    case Action::Rename:
        // The PATCH sends the description too: keep the one the database has.
        client()->send(new GetMirroredDatabaseRequest(database.workspaceId, database.databaseId), this,
                       [this, database](const ApiResult<MirroredDatabase> &result) {
                           if (!result.ok()) {
                               failCall(tr("Could not read %1").arg(m_spec), result.error);
                               return;
                           }
                           m_admin->rename(database.workspaceId, database.databaseId, m_newName,
                                           result.value.description);
                       });
        return;
    }
}

void LifecycleCommand::startOrStop(const WatchedDatabase &database)
{
    client()->send(new GetMirroringStatusRequest(database.workspaceId, database.databaseId), this,
                   [this, database](const ApiResult<MirroringStatusResponse> &result) {
                       if (!result.ok()) {
                           failCall(tr("Could not read the status of %1").arg(m_spec), result.error);
                           return;
                       }
                       const bool start = m_action == Action::Start;
                       const auto permission = start ? MirroredDatabaseAdmin::canStart(result.value)
                                                     : MirroredDatabaseAdmin::canStop(result.value);
                       if (!permission.allowed) {
                           fail(Failed, tr("Cannot %1 %2: %3").arg(name(), m_spec, permission.reason));
                           return;
                       }
                       if (start && MirroredDatabaseAdmin::startReseeds(result.value))
                           out()->error(tr("Note: starting %1 after a stop reseeds every table.").arg(m_spec));
                       if (start)
                           m_admin->start(database.workspaceId, database.databaseId);
                       else
                           m_admin->stop(database.workspaceId, database.databaseId);
                   });
}

void LifecycleCommand::done(const WatchedDatabase &database, const ApiError &error)
{
    if (error.isError()) {
        fail(exitCodeFor(error) == Ok ? Failed : exitCodeFor(error),
             tr("%1 %2 failed: %3").arg(name(), m_spec, MirroredDatabaseAdmin::describe(error)));
        return;
    }
    const QString displayName = m_action == Action::Rename ? m_newName : database.displayName;
    if (out()->isJson())
        out()->json(Json{{"action", toStdString(name())},
                         {"workspaceId", toStdString(database.workspaceId)},
                         {"id", toStdString(database.databaseId)},
                         {"displayName", toStdString(displayName)}});
    else
        out()->note(tr("%1: %2 done.").arg(m_spec, name()));
    finish(Ok);
}

} // namespace fmc::cli
