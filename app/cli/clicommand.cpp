#include "app/cli/clicommand.h"

#include "app/api/fabricclient.h"
#include "app/cli/cliexitcode.h"
#include "app/cli/clioutput.h"
#include "app/cli/clisession.h"
#include "app/api/requests/getmirroreddatabasedefinitionrequest.h"
#include "app/dashboard/dashboardtargetresolver.h"
#include "models/itemdefinition.h"
#include "models/mirroringdefinition.h"
#include "models/mirroringdefinitionfile.h"

#include <QFileInfo>

#include <QTimer>

namespace fmc::cli {

void CliCommand::start(CliSession *session, CliOutput *output)
{
    m_session = session;
    m_output = output;
    run();
}

FabricClient *CliCommand::client() const
{
    return m_session ? m_session->client() : nullptr;
}

void CliCommand::finish(int exitCode)
{
    if (m_finished)
        return;
    m_finished = true;
    m_output->endProgress();
    // From the event loop, so that a command finishing inside a callback unwinds first.
    QTimer::singleShot(0, this, [this, exitCode] { emit finished(exitCode); });
}

void CliCommand::fail(int exitCode, const QString &message)
{
    if (m_finished)
        return;
    m_output->error(message);
    finish(exitCode);
}

void CliCommand::failCall(const QString &what, const ApiError &error)
{
    QString message = what + QStringLiteral(": ") + error.userMessage();
    if (!error.requestId().isEmpty() && !message.contains(error.requestId()))
        message += tr(" (request id %1)").arg(error.requestId());
    fail(exitCodeFor(error) == Ok ? Failed : exitCodeFor(error), message);
}

void CliCommand::resolveDatabase(const QString &spec, std::function<void(const WatchedDatabase &)> then)
{
    if (!spec.contains(u'/') || spec.endsWith(u'/')) {
        fail(Usage, tr("'%1' is not WORKSPACE/DATABASE (a name or id each).").arg(spec));
        return;
    }
    auto *resolver = new DashboardTargetResolver(client(), this);
    connect(resolver, &DashboardTargetResolver::resolved, this,
            [this, resolver, spec, then = std::move(then)](const QList<WatchedDatabase> &found) {
                resolver->deleteLater();
                if (found.size() != 1) {
                    fail(Usage, tr("'%1' names %2 mirrored databases; name one.").arg(spec).arg(found.size()));
                    return;
                }
                then(found.first());
            });
    connect(resolver, &DashboardTargetResolver::failed, this, [this, resolver](const QString &message) {
        resolver->deleteLater();
        fail(exitCodeForLookup(resolver->failureKind()), message);
    });
    out()->progress(tr("Looking up %1…").arg(spec));
    resolver->resolve(spec);
}

bool CliCommand::isDefinitionFile(const QString &spec)
{
    return QFileInfo(spec).isFile();
}

void CliCommand::loadDefinition(const QString &spec, std::function<void(const MirroringDefinition &)> then)
{
    if (isDefinitionFile(spec)) {
        QString error;
        const auto definition = MirroringDefinitionFile::load(spec, &error);
        if (!definition) {
            fail(Usage, tr("Cannot read %1: %2").arg(spec, error));
            return;
        }
        then(*definition);
        return;
    }
    resolveDatabase(spec, [this, spec, then = std::move(then)](const WatchedDatabase &db) {
        loadDefinition(db, spec, then);
    });
}

void CliCommand::loadDefinition(const WatchedDatabase &db, const QString &label,
                                std::function<void(const MirroringDefinition &)> then)
{
    out()->progress(tr("Reading the definition of %1…").arg(label));
    client()->send(new GetMirroredDatabaseDefinitionRequest(db.workspaceId, db.databaseId), this,
                   [this, label, then = std::move(then)](const ApiResult<ItemDefinition> &result) {
                       if (!result.ok()) {
                           failCall(tr("Could not read the definition of %1").arg(label), result.error);
                           return;
                       }
                       QString error;
                       const auto definition = result.value.mirroringDefinition(&error);
                       if (!definition) {
                           fail(Failed, tr("The definition of %1 cannot be read: %2").arg(label, error));
                           return;
                       }
                       then(*definition);
                   });
}

bool CliCommand::reportProblems(const QString &what, const QList<ValidationProblem> &problems)
{
    for (const ValidationProblem &p : problems)
        out()->error(QStringLiteral("%1: %2%3: %4")
                         .arg(what, p.isError() ? tr("error ") : tr("warning "), p.jsonPath, p.message));
    return MirroringDefinition::hasErrors(problems);
}

} // namespace fmc::cli
