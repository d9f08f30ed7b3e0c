#pragma once

#include "models/mirroreddatabase.h"
#include "models/mirroreddatabasegitfolder.h"

#include <QList>
#include <QObject>
#include <QPointer>

namespace fmc {

class ApiError;
class ApiRequest;
class FabricClient;

//! \brief "Export to Git folder…" and "Import from Git folder…": a mirrored database between the
//! service and its Fabric Git integration folder (docs/git-folder-format.md).
//!
//! Export: getDefinition (long-running), then GitFolderFiles::write(). Import: the workspace's
//! mirrored databases are listed; the one with the folder's display name (compared without
//! case) gets updateDefinition with `mirroring.json` and `.platform` (`updateMetadata=true`);
//! when there is none, the folder creates one (the typed create, with both parts). Both go through the existing request classes. One task at a time; cancel()
//! abandons what is on the wire and says so (a long-running operation already accepted by the
//! service may still complete there; the message says that too).
class GitFolderTransfer : public QObject
{
    Q_OBJECT
public:
    enum class Task { None, Export, Import };

    //! What a finished task did.
    struct Outcome {
        Task task = Task::None;
        bool ok = false;
        bool cancelled = false;
        QString message;      //!< one sentence (or two) for the status line or a message box
        QString workspaceId;
        QString databaseId;   //!< the database exported, created or updated
        bool created = false; //!< import: a new database (else an update)
        QString folderPath;   //!< export: the item folder written
    };

    explicit GitFolderTransfer(FabricClient *client, QObject *parent = nullptr);
    ~GitFolderTransfer() override;

    void setClient(FabricClient *client);
    bool isBusy() const { return m_task != Task::None; }
    Task task() const { return m_task; }

    //! \brief Writes \a database's definition as an item folder under \a parentDirectory.
    void exportTo(const MirroredDatabase &database, const QString &parentDirectory);
    //! \brief Creates or updates the mirrored database of \a folder in \a workspaceId.
    void importInto(const MirroredDatabaseGitFolder &folder, const QString &workspaceId);
    //! Stops the running task; finished() reports it as cancelled.
    void cancel();

Q_SIGNALS:
    //! A task started (\a text says what it does).
    void started(const QString &text);
    //! \a percent is -1 while unknown.
    void progress(int percent, const QString &text);
    void finished(const fmc::GitFolderTransfer::Outcome &outcome);

private:
    void track(ApiRequest *request);
    void finish(Outcome outcome);
    void createFrom(const MirroredDatabaseGitFolder &folder, const QString &workspaceId);
    void updateFrom(const MirroredDatabaseGitFolder &folder, const QString &workspaceId, const QString &databaseId);
    void followOperation(ApiRequest *request, const QString &text);
    static QString describe(const ApiError &error);

    QPointer<FabricClient> m_client;
    Task m_task = Task::None;
    QList<QPointer<ApiRequest>> m_running;
};

} // namespace fmc
