#include "app/gitfolder/gitfoldertransfer.h"

#include "app/api/fabricclient.h"
#include "app/api/requests/createmirroreddatabaserequest.h"
#include "app/api/requests/getmirroreddatabasedefinitionrequest.h"
#include "app/api/requests/listmirroreddatabasesrequest.h"
#include "app/api/requests/updatemirroreddatabasedefinitionrequest.h"
#include "app/editor/definitioneditorservice.h"
#include "app/gitfolder/gitfolderfiles.h"

#include <QDir>

#include <memory>

namespace fmc {

GitFolderTransfer::GitFolderTransfer(FabricClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
}

GitFolderTransfer::~GitFolderTransfer()
{
    for (const QPointer<ApiRequest> &request : std::as_const(m_running))
        if (request && !request->isFinished())
            request->abandon();
}

void GitFolderTransfer::setClient(FabricClient *client)
{
    cancel();
    m_client = client;
}

QString GitFolderTransfer::describe(const ApiError &error)
{
    // The editor's wording for service errors, so the two features explain a refusal alike.
    return DefinitionEditorService::describe(error);
}

void GitFolderTransfer::track(ApiRequest *request)
{
    m_running.removeAll(nullptr);
    m_running.append(request);
}

void GitFolderTransfer::followOperation(ApiRequest *request, const QString &text)
{
    connect(request, &ApiRequest::operationStarted, this, [this, text] { emit progress(0, text); });
    connect(request, &ApiRequest::progress, this,
            [this, text](int percent) { emit progress(percent, tr("%1 %2%").arg(text).arg(percent)); });
}

void GitFolderTransfer::finish(Outcome outcome)
{
    m_running.clear();
    outcome.task = std::exchange(m_task, Task::None);
    emit finished(outcome);
}

void GitFolderTransfer::exportTo(const MirroredDatabase &database, const QString &parentDirectory)
{
    if (!m_client || isBusy())
        return;
    m_task = Task::Export;
    emit started(tr("Exporting %1 to a Git folder…").arg(database.displayName));
    emit progress(-1, tr("Reading the definition of %1…").arg(database.displayName));
    auto *request = new GetMirroredDatabaseDefinitionRequest(database.workspaceId, database.id);
    followOperation(request, tr("Fabric is preparing the definition…"));
    track(m_client->send(request, this, [this, database, parentDirectory](const ApiResult<ItemDefinition> &result) {
        Outcome outcome;
        outcome.workspaceId = database.workspaceId;
        outcome.databaseId = database.id;
        if (!result.ok()) {
            outcome.message = tr("%1 was not exported. %2").arg(database.displayName, describe(result.error));
            finish(outcome);
            return;
        }
        QString why;
        const auto folder = MirroredDatabaseGitFolder::fromDefinition(result.value, database.displayName,
                                                                      database.description, &why);
        if (folder)
            outcome.folderPath = GitFolderFiles::write(parentDirectory, *folder, &why);
        outcome.ok = !outcome.folderPath.isEmpty();
        outcome.message = outcome.ok ? tr("Exported %1 to %2.").arg(database.displayName, QDir::toNativeSeparators(outcome.folderPath))
                                     : tr("%1 was not exported. %2").arg(database.displayName, why);
        finish(outcome);
    }));
}

void GitFolderTransfer::importInto(const MirroredDatabaseGitFolder &folder, const QString &workspaceId)
{
    if (!m_client || isBusy())
        return;
    m_task = Task::Import;
    const QString name = folder.displayName();
    emit started(tr("Importing %1 from a Git folder…").arg(name));
    emit progress(-1, tr("Looking for %1 in the workspace…").arg(name));
    // Every page is looked at before deciding: a match on a later page is still an update.
    auto match = std::make_shared<QString>();
    track(m_client->sendPaged(
        new ListMirroredDatabasesRequest(workspaceId), this,
        [match, name](const QList<MirroredDatabase> &page) {
            for (const MirroredDatabase &database : page)
                if (match->isEmpty() && database.displayName.compare(name, Qt::CaseInsensitive) == 0)
                    *match = database.id;
        },
        [this, folder, workspaceId, match, name](const ApiResult<QList<MirroredDatabase>> &result) {
            if (!result.ok()) {
                Outcome outcome;
                outcome.workspaceId = workspaceId;
                outcome.message = tr("%1 was not imported. %2").arg(name, describe(result.error));
                finish(outcome);
                return;
            }
            if (match->isEmpty())
                createFrom(folder, workspaceId);
            else
                updateFrom(folder, workspaceId, *match);
        }));
}

void GitFolderTransfer::createFrom(const MirroredDatabaseGitFolder &folder, const QString &workspaceId)
{
    const QString name = folder.displayName();
    emit progress(-1, tr("Creating %1…").arg(name));
    auto *request = new CreateMirroredDatabaseRequest(workspaceId, name, folder.toDefinition(true),
                                                      folder.platform().description());
    followOperation(request, tr("Fabric is creating %1…").arg(name));
    track(m_client->send(request, this, [this, workspaceId, name](const ApiResult<MirroredDatabase> &result) {
        Outcome outcome;
        outcome.workspaceId = workspaceId;
        outcome.ok = result.ok();
        outcome.created = true;
        outcome.databaseId = result.ok() ? result.value.id : QString();
        outcome.message = result.ok() ? tr("Created %1 from the Git folder. It is not started: start it when ready.").arg(name)
                                      : tr("%1 was not created. %2").arg(name, describe(result.error));
        finish(outcome);
    }));
}

void GitFolderTransfer::updateFrom(const MirroredDatabaseGitFolder &folder, const QString &workspaceId,
                                   const QString &databaseId)
{
    const QString name = folder.displayName();
    emit progress(-1, tr("Updating the definition of %1…").arg(name));
    // .platform travels with updateMetadata=true, so the folder's description applies too.
    auto *request = new UpdateMirroredDatabaseDefinitionRequest(workspaceId, databaseId, folder.toDefinition(true), true);
    followOperation(request, tr("Fabric is applying the definition…"));
    track(m_client->send(request, this, [this, workspaceId, databaseId, name](const ApiResult<NoContent> &result) {
        Outcome outcome;
        outcome.workspaceId = workspaceId;
        outcome.databaseId = databaseId;
        outcome.ok = result.ok();
        outcome.message = result.ok() ? tr("Updated the definition of %1 from the Git folder.").arg(name)
                                      : tr("The definition of %1 was not updated. %2").arg(name, describe(result.error));
        finish(outcome);
    }));
}

void GitFolderTransfer::cancel()
{
    if (!isBusy())
        return;
    const bool import = m_task == Task::Import;
    for (const QPointer<ApiRequest> &request : std::exchange(m_running, {}))
        if (request && !request->isFinished())
            request->abandon();
    Outcome outcome;
    outcome.cancelled = true;
    outcome.message = import ? tr("Import cancelled. If Fabric had already accepted the change, it may still complete: "
                                  "refresh to see.")
                             : tr("Export cancelled; no file was written.");
    finish(outcome);
}

} // namespace fmc
