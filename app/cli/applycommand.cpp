#include "app/cli/applycommand.h"

#include "app/api/fabricclient.h"
#include "app/api/requests/createmirroreddatabaserequest.h"
#include "app/api/requests/getmirroringstatusrequest.h"
#include "app/api/requests/updatemirroreddatabasedefinitionrequest.h"
#include "app/cli/cliexitcode.h"
#include "app/cli/clioutput.h"
#include "app/dashboard/dashboardtargetresolver.h"
#include "models/itemdefinition.h"
#include "models/mirroringdefinitionfile.h"

#include <QCommandLineParser>

namespace fmc::cli {

void ApplyCommand::addOptions(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("target"), tr("WORKSPACE/NAME: the database to create or update."),
                                 QStringLiteral("WS/NAME"));
    parser.addOption({{QStringLiteral("f"), QStringLiteral("filename")}, tr("The mirroring.json to apply."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("description"), tr("Description of a database being created."),
                      QStringLiteral("TEXT")});
    parser.addOption({QStringLiteral("dry-run"), tr("Validate and print the request; send nothing.")});
}

QString ApplyCommand::readArguments(const QCommandLineParser &parser)
{
    if (parser.positionalArguments().size() != 1)
        return tr("needs one WS/NAME.");
    m_spec = parser.positionalArguments().first();
    m_file = parser.value(QStringLiteral("filename"));
    if (m_file.isEmpty())
        return tr("needs -f FILE (a mirroring.json, e.g. from 'fmc definition new').");
    m_description = parser.value(QStringLiteral("description"));
    m_dryRun = parser.isSet(QStringLiteral("dry-run"));
    return {};
}

void ApplyCommand::run()
{
    QString error;
    m_definition = MirroringDefinitionFile::load(m_file, &error);
    if (!m_definition) {
        fail(Usage, tr("Cannot read %1: %2").arg(m_file, error));
        return;
    }
    if (reportProblems(m_file, m_definition->validate())) {
        finish(Usage);
        return;
    }
    auto *resolver = new DashboardTargetResolver(client(), this);
    connect(resolver, &DashboardTargetResolver::resolved, this, [this, resolver](const QList<WatchedDatabase> &found) {
        resolver->deleteLater();
        if (found.size() != 1) {
            fail(Usage, tr("'%1' names %2 mirrored databases; name one.").arg(m_spec).arg(found.size()));
            return;
        }
        update(found.first());
    });
    connect(resolver, &DashboardTargetResolver::failed, this, [this, resolver](const QString &message) {
        resolver->deleteLater();
        // The workspace is there and has no database by that name: create it.
        if (resolver->failureKind() == ApiError::Kind::NotFound && resolver->matchedWorkspaces().size() == 1) {
            create(resolver->matchedWorkspaces().first().id);
            return;
        }
        fail(exitCodeForLookup(resolver->failureKind()), message);
    });
    if (!m_spec.contains(u'/') || m_spec.endsWith(u'/') || m_spec.endsWith(QLatin1String("/all"), Qt::CaseInsensitive)) {
        fail(Usage, tr("'%1' is not WORKSPACE/NAME.").arg(m_spec));
        return;
    }
    out()->progress(tr("Looking up %1…").arg(m_spec));
    resolver->resolve(m_spec);
}

void ApplyCommand::create(const QString &workspaceId)
{
    const QString name = m_spec.mid(m_spec.indexOf(u'/') + 1).trimmed();
    const ItemDefinition definition = ItemDefinition::fromMirroringDefinition(*m_definition);
    auto *request = new CreateMirroredDatabaseRequest(workspaceId, name, definition, m_description);
    if (m_dryRun) {
        printDryRun(QStringLiteral("create"), request,
                    CreateMirroredDatabaseRequest::body(name, definition, m_description));
        return;
    }
    out()->progress(tr("Creating %1…").arg(m_spec));
    client()->send(request, this, [this, workspaceId](const ApiResult<MirroredDatabase> &result) {
        if (!result.ok()) {
            failCall(tr("Could not create %1").arg(m_spec), result.error);
            return;
        }
        done(QStringLiteral("created"), workspaceId, result.value.id);
    });
}

void ApplyCommand::update(const WatchedDatabase &database)
{
    // The status decides whether source changes are allowed; the current definition whether
    // anything changes at all.
    out()->progress(tr("Reading %1…").arg(m_spec));
    client()->send(new GetMirroringStatusRequest(database.workspaceId, database.databaseId), this,
                   [this, database](const ApiResult<MirroringStatusResponse> &status) {
                       if (!status.ok()) {
                           failCall(tr("Could not read the status of %1").arg(m_spec), status.error);
                           return;
                       }
                       loadDefinition(database, m_spec, [this, database, text = status.value.status.text](
                                                const MirroringDefinition &current) {
                           updateFrom(database, text, current);
                       });
                   });
}

void ApplyCommand::updateFrom(const WatchedDatabase &database, const QString &status, const MirroringDefinition &current)
{
    if (current.toJsonBytes() == m_definition->toJsonBytes()) {
        if (m_dryRun) {
            out()->json(Json{{"action", "unchanged"}});
            finish(Ok);
            return;
        }
        done(QStringLiteral("unchanged"), database.workspaceId, database.databaseId);
        return;
    }
    const QList<ValidationProblem> restricted = m_definition->restrictedChanges(current);
    if (!restricted.isEmpty() && !MirroringDefinition::allowsRestrictedChanges(status)) {
        reportProblems(m_file, restricted);
        fail(Usage, tr("%1 is %2: stop mirroring before changing the source connection, database or default "
                       "schema.")
                        .arg(m_spec, status));
        return;
    }
    const ItemDefinition definition = ItemDefinition::fromMirroringDefinition(*m_definition);
    auto *request = new UpdateMirroredDatabaseDefinitionRequest(database.workspaceId, database.databaseId, definition);
    if (m_dryRun) {
        printDryRun(QStringLiteral("update"), request, UpdateMirroredDatabaseDefinitionRequest::body(definition));
        return;
    }
    out()->progress(tr("Updating the definition of %1…").arg(m_spec));
    client()->send(request, this, [this, database](const ApiResult<NoContent> &result) {
        if (!result.ok()) {
            failCall(tr("Could not update %1").arg(m_spec), result.error);
            return;
        }
        done(QStringLiteral("updated"), database.workspaceId, database.databaseId);
    });
}

void ApplyCommand::printDryRun(const QString &action, ApiRequest *request, const Json &body)
{
    const Json json{{"action", toStdString(action)},
                    {"method", request->verb().toStdString()},
                    {"path", toStdString(request->path())},
                    {"body", body}};
    delete request; // never started: nothing was sent
    out()->json(json);
    finish(Ok);
}

void ApplyCommand::done(const QString &action, const QString &workspaceId, const QString &id)
{
    if (out()->isJson())
        out()->json(Json{{"action", toStdString(action)},
                         {"workspaceId", toStdString(workspaceId)},
                         {"id", toStdString(id)},
                         {"displayName", toStdString(m_spec.mid(m_spec.indexOf(u'/') + 1))}});
    else
        out()->note(tr("%1: %2.").arg(m_spec, action));
    finish(Ok);
}

} // namespace fmc::cli
