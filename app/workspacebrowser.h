#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

namespace fmc {

class ApiError;
class FabricClient;
class ListWorkspacesRequest;
class MirroredDatabaseListModel;
class StatusMonitor;
class WorkspaceListModel;
struct MirroredDatabase;
struct Workspace;
enum class WorkspaceRole;

//! \brief Feeds the main window's models: the workspaces the user can see (page by page), the
//! mirrored databases of every workspace (the selected one first, the others in the background,
//! which also gives each workspace's count), their mirroring status, and the live status a
//! StatusMonitor polls. The window binds to the models and calls this; it never sees a request
//! or JSON. Every refresh is a keyed diff: selection and scroll survive it.
class WorkspaceBrowser : public QObject
{
    Q_OBJECT
public:
    explicit WorkspaceBrowser(FabricClient *client, QObject *parent = nullptr);

    WorkspaceListModel *workspaces() const { return m_workspaces; }
    MirroredDatabaseListModel *databases() const { return m_databases; }

    //! Lists every workspace; the model is updated by keyed diff as pages arrive. Once listed,
    //! the databases of every workspace are listed in the background (see allDatabasesLoaded()).
    //! This starts a pass: see showWorkspace().
    void reloadWorkspaces();
    //! \brief Lists the mirrored databases of \a workspaceId, then asks each one's mirroring status.
    //! A pass runs from reloadWorkspaces() or reloadAllDatabases() to allDatabasesLoaded(); within
    //! it each workspace is listed once, in the foreground or by the backlog, whichever comes
    //! first. So when \a workspaceId is listed or being listed in this pass, only the statuses
    //! are asked (once). Outside a pass it is always listed.
    void showWorkspace(const QString &workspaceId);
    //! Lists \a workspaceId in the foreground whatever was listed before, as showWorkspace() does
    //! outside a pass: for Refresh and after a create or an update.
    void relistWorkspace(const QString &workspaceId);
    QString currentWorkspaceId() const { return m_current; }
    //! The workspaces are being listed (workspacesLoaded() follows).
    bool isListingWorkspaces() const;
    //! \brief Lists the databases of every known workspace again, at background priority and
    //! at most kBackgroundLists at a time: with hundreds of workspaces the client's queue stays
    //! short and a workspace the user clicks is listed (foreground) ahead of the backlog.
    //! Starts a pass (see showWorkspace()); a workspace being listed already is not sent again.
    void reloadAllDatabases();
    //! Background lists sent to the client at once; the rest wait in this browser's backlog.
    static constexpr int kBackgroundLists = 2;
    //! \name Bounds of the start-up crawl (docs/reliability-matrix.md, "Bounded crawl")
    //! A tenant of a million workspaces must not list a million of anything.
    //! @{
    //! Workspaces listed (and shown); paging stops there and failed() says so.
    static constexpr int kMaxWorkspaces = 5000;
    //! Workspaces whose databases the background pass lists; the others when clicked.
    static constexpr int kMaxCrawledWorkspaces = 500;
    //! Background lists started per second at most (one every 50 ms).
    static constexpr int kCrawlRequestsPerSecond = 20;
    //! Pages of one workspace's database list in the background (more end that list).
    static constexpr int kMaxCrawlPages = 20;
    //! @}
    //! Workspaces whose background list is not sent yet.
    qsizetype backlogSize() const { return m_backlog.size(); }

    //! \brief Feeds the database model from \a monitor: each refreshed snapshot sets the status
    //! and table summary of its row (the window chooses what the monitor watches).
    void setMonitor(StatusMonitor *monitor);

    //! A PATCH answered: show the new name and description.
    void applyUpdated(const MirroredDatabase &database);
    //! A database was deleted: remove its row and count it out of its workspace.
    void forgetDatabase(const QString &workspaceId, const QString &databaseId);

Q_SIGNALS:
    void workspacesLoaded(int count);
    //! The workspace listing failed (\a message as failed() says it): no workspacesLoaded() follows.
    void workspacesFailed(const QString &message);
    void databasesLoaded(const QString &workspaceId, int count);
    //! \brief The caller's role in each listed workspace is known (WorkspaceListModel::role()),
    //! or Unknown where the role listings failed.
    void rolesLoaded();
    //! Every workspace's databases were listed (some lists may have failed: see failed()).
    void allDatabasesLoaded();
    //! A sentence for the status bar, with errorCode and request id when the service gave them.
    void failed(const QString &message);

private:
    // A workspace's database list in the current pass (or in flight outside one).
    struct Listing {
        int inFlight = 0;        // list requests sent and not answered yet
        bool withStatus = false; // its databases' statuses are asked (or will be, on the answer)
    };
    enum class Pass { Idle, Starting, Running }; // Starting: the workspaces are being listed

    void beginPass();
    void forgetAnsweredListings();
    void queueAllDatabases();
    void finishPassIfDone();
    void listDatabases(const QString &workspaceId, bool background, bool withStatus);
    void fetchStatus(const QString &workspaceId, const QString &databaseId);
    void sendBacklog();
    void onSnapshot(const QString &databaseId);
    void onWorkspacesPage(const QList<Workspace> &page);
    void learnRoles();
    void listRole(int index);
    void applyRoles(bool complete);

    FabricClient *m_client;
    WorkspaceListModel *m_workspaces;
    MirroredDatabaseListModel *m_databases;
    QPointer<StatusMonitor> m_monitor;
    QString m_current;
    QList<QString> m_backlog;   // workspace ids still to list in the background, in list order
    int m_backgroundInFlight = 0;
    QPointer<ListWorkspacesRequest> m_workspaceListing;
    QPointer<ListWorkspacesRequest> m_roleListing; // the filtered listing in flight (learnRoles())
    QHash<QString, WorkspaceRole> m_rolesSeen;     // workspace id → highest role listed so far
    int m_roleItems = 0;                           // workspaces in the role listing in flight
    int m_workspacesListed = 0;         // rows applied in this listing
    bool m_workspacesCut = false;       // the listing stopped at kMaxWorkspaces
    QTimer *m_pace = nullptr;           // spaces background lists kCrawlRequestsPerSecond apart
    QHash<QString, Listing> m_listings; // workspace id → its list in this pass
    Pass m_pass = Pass::Idle;
};

} // namespace fmc
