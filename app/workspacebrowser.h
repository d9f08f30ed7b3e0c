#pragma once

#include <QObject>
#include <QString>

namespace fmc {

class FabricClient;
class MirroredDatabaseListModel;
class WorkspaceListModel;

//! \brief Feeds the main window's models: the workspaces the user can see (page by page), and
//! the mirrored databases of the selected workspace with their mirroring status. The window binds
//! to the models and calls this; it never sees a request or JSON.
class WorkspaceBrowser : public QObject
{
    Q_OBJECT
public:
    explicit WorkspaceBrowser(FabricClient *client, QObject *parent = nullptr);

    WorkspaceListModel *workspaces() const { return m_workspaces; }
    MirroredDatabaseListModel *databases() const { return m_databases; }

    //! Lists every workspace; the model is updated by keyed diff as pages arrive.
    void reloadWorkspaces();
    //! Lists the mirrored databases of \a workspaceId, then asks each one's mirroring status.
    void showWorkspace(const QString &workspaceId);
    QString currentWorkspaceId() const { return m_current; }

Q_SIGNALS:
    void workspacesLoaded(int count);
    void databasesLoaded(const QString &workspaceId, int count);
    //! A sentence for the status bar (with the request id when the service gave one).
    void failed(const QString &message);

private:
    FabricClient *m_client;
    WorkspaceListModel *m_workspaces;
    MirroredDatabaseListModel *m_databases;
    QString m_current;
};

} // namespace fmc
