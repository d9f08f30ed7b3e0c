#pragma once

#include "app/admin/mirroreddatabaseadmin.h"
#include "app/monitor/statusmonitor.h"
#include "models/mirroringdefinition.h"

#include <QHash>
#include <QList>
#include <QMainWindow>
#include <QPointer>
#include <QSet>

#include <chrono>

class QAction;
class QLabel;
class QCheckBox;
class QLineEdit;
class QMessageBox;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QStackedWidget;
class QTableView;
class QTimer;

namespace fmc {

class EnvironmentLauncher;

class DatabaseFilterModel;
class GitFolderControl;
class DetailsPane;
class EmptyState;
class MirrorItemsPane;
class FabricClient;
class ReadinessDialog;
class RenameDialog;
class SqlEndpointRefreshControl;
class SqlEndpointRefresher;
class SqlEndpointSyncStore;
class StatusLine;
class WorkspaceBrowser;
struct MirroredDatabaseRow;

//! \brief The console's main window: workspaces on the left (with an "All workspaces" view),
//! the mirrored databases of the selection in the middle (live status from a StatusMonitor),
//! the selected database's details on the right, and the actions on it in the toolbar, the
//! context menu and the menus. It binds to WorkspaceBrowser's models and calls
//! MirroredDatabaseAdmin; it never sees a request or JSON.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    //! Binds the panes to \a browser's models; selecting a workspace lists its databases.
    void setBrowser(WorkspaceBrowser *browser);
    //! \brief Shows who is signed in to which endpoint in the status bar (empty \a who: signed
    //! out). Signing out clears the workspaces, databases and details, stops the live status and
    //! disables every action that needs the service; the panes then offer "Sign in…".
    void setSignedIn(const QString &who, const QString &endpoint);
    bool isSignedIn() const { return m_isSignedIn; }
    //! \brief A hint shown with the "Sign in…" prompt when sign-in cannot work as configured
    //! (no client id); non-empty also offers Settings.
    void setSignInSetupHint(const QString &hint);
    //! \brief Shows \a text in the status line (elided, whole in its tooltip; errors are kept for
    //! the "Recent messages" dialog a click on the line opens).
    void showMessage(const QString &text, bool error = false, int timeoutMs = 0);
    //! The whole text of the status message shown now.
    QString statusMessage() const;
    StatusLine *statusLine() const { return m_statusLine; }
    //! \brief \a wanted shrunk to fit \a available (the screen less its panels): a window never
    //! opens larger than the screen.
    static QSize fittedSize(const QSize &wanted, const QRect &available);
    //! \brief Uses \a client for the actions (MirredDatabaseAdmin), the live status
    //! (StatusMonitor) and the definition editor. Call once, before or after setBrowser().
    void setClient(FabricClient *client);
    //! How often the shown databases' status is refreshed (default 15 s).
    void setRefreshInterval(std::chrono::milliseconds interval);
    //! \brief The table limits the definition editors opened from now on validate against
    //! (ConsoleSettings::definitionLimits()); editors already open keep theirs.
    void setDefinitionLimits(const DefinitionLimits &limits) { m_definitionLimits = limits; }
    DefinitionLimits definitionLimits() const { return m_definitionLimits; }

    MirroredDatabaseAdmin *admin() const { return m_admin; }
    //! \brief "Refresh SQL endpoint" of the current database, for other features to trigger
    //! (e.g. the fix ladder): disabled when it cannot run, and why in its tooltip.
    QAction *refreshSqlEndpointAction() const;
    SqlEndpointRefreshControl *sqlEndpointControl() const { return m_sqlEndpoint; }
    //! The other mirror items of the shown workspaces (catalogs, SQL databases, other Mirrored*).
    MirrorItemsPane *mirrorItemsPane() const { return m_mirrorItems; }
    //! The one refresher (and its results store) the dashboards share with this window.
    SqlEndpointRefresher *sqlEndpointRefresher() const { return m_sqlEndpointRefresher; }
    //! Database ▸ Export to / Import from Git folder.
    GitFolderControl *gitFolderControl() const { return m_gitFolder; }
    StatusMonitor *monitor() const { return m_monitor; }
    //! Compare and Promote (issue #21): the composition root passes other signed-in clients to it.
    EnvironmentLauncher *environments() const { return m_environments; }
    //! The rows selected in the databases table (the first is the current one).
    QList<const MirroredDatabaseRow *> selectedRows() const;

public Q_SLOTS:
    //! Shows every workspace's mirrored databases (the "All workspaces" entry).
    void showAllWorkspaces();
    //! Refreshes workspaces, databases and status (F5).
    void refresh();
    //! \brief Starts mirroring of the current database. The action is enabled only where the
    //! service allows it; \a force sends it anyway (the service's refusal is then shown).
    void startMirroring(bool force = false);

Q_SIGNALS:
    void signInRequested();
    void signOutRequested();
    void settingsRequested();
    //! The user asked for a dashboard of these databases (the selection, or all shown).
    void dashboardRequested(const QList<fmc::WatchedDatabase> &databases);
    //! File ▸ Background watch…
    void backgroundWatchRequested();
    //! View ▸ Fleet view: the controller opens (or raises) the fleet window.
    void fleetRequested();
    //! File ▸ Profiles…: the controller opens the profile manager.
    void profilesRequested();

protected:
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createActions();
    void createMenusAndToolBar();
    void createGitFolderControl();
    void bindWorkspaces();
    void onWorkspaceSelected();
    void onCurrentDatabaseChanged();
    void updateActions();
    void updateDetails();
    void syncWatched();
    void scheduleSyncWatched();
    void onBusyChanged(bool busy, const QString &text);
    void onActionFinished(MirroredDatabaseAdmin::Action action, const QString &workspaceId, const QString &databaseId,
                          const ApiError &error);
    //! "Stop mirroring of a, b." for the production question.
    QString productionPhrase(MirroredDatabaseAdmin::Action action, const QStringList &names) const;
    void showError(const QString &what, const QString &details, const QString &scope = {});
    void showScoped(const QString &text, const QString &workspaceId, int timeoutMs = 0);
    void stopMirroring();
    void renameCurrent();
    void deleteCurrent();
    void runBatch(MirroredDatabaseAdmin::Action action, const QList<const MirroredDatabaseRow *> &rows,
                  bool hardDelete = false);
    void runNextInBatch();
    QMessageBox *confirmation(const QString &objectName, const QString &title, const QString &text, const QString &yes);
    void confirmThenRun(QMessageBox *box, MirroredDatabaseAdmin::Action action, const QList<WatchedDatabase> &targets,
                        QCheckBox *hardDelete = nullptr);
    void runBatchOn(MirroredDatabaseAdmin::Action action, const QList<WatchedDatabase> &targets,
                    bool hardDelete = false);
    void clearTenant();
    void updateEmptyStates();
    void fitDatabaseColumns();
    void onDatabaseColumnResized(int column, int oldWidth, int newWidth);
    void fitColumnsToThePane();
    void fitWorkspaceColumns();
    void fitToScreen();
    void orderTabs();
    void openDashboard();
    void copyAsJson();
    void openCreate();
    void openEdit();
    void onDatabaseSaved(const QString &workspaceId, const QString &databaseId, bool created);
    //! The readiness checklist of one database, before Start or after a save (one at a time).
    void openReadiness(const QString &workspaceId, const QString &databaseId, const QString &displayName,
                       bool beforeStart);
    void restoreLayout();
    void saveLayout() const;
    const MirroredDatabaseRow *currentRow() const;

    QLineEdit *m_workspaceFilter;
    QPushButton *m_allWorkspaces;
    QTableView *m_workspaces;
    QSortFilterProxyModel *m_workspaceProxy;
    QLineEdit *m_databaseFilter;
    QTableView *m_databases;
    DatabaseFilterModel *m_databaseProxy;
    QLabel *m_databasesTitle;
    QStackedWidget *m_workspaceStack;
    EmptyState *m_workspacesEmpty;
    QStackedWidget *m_databaseStack;
    EmptyState *m_databasesEmpty;
    DetailsPane *m_details;
    QWidget *m_detailsScroll = nullptr;
    QSplitter *m_splitter;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
    QLabel *m_signedIn = nullptr;
    StatusLine *m_statusLine;
    QTimer *m_syncTimer;
    QTimer *m_fitWorkspacesTimer; // coalesces fitWorkspaceColumns() while workspaces and counts arrive

    QAction *m_newAction = nullptr;
    QAction *m_editAction = nullptr;
    QAction *m_renameAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_startAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_dashboardAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_copyJsonAction = nullptr;
    QAction *m_allWorkspacesAction = nullptr;
    QAction *m_signInAction = nullptr;
    QAction *m_signOutAction = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_fitColumnsAction = nullptr;

    WorkspaceBrowser *m_browser = nullptr;
    FabricClient *m_client = nullptr;
    MirroredDatabaseAdmin *m_admin = nullptr;
    StatusMonitor *m_monitor = nullptr;
    SqlEndpointSyncStore *m_sqlEndpointSyncs = nullptr;
    SqlEndpointRefresher *m_sqlEndpointRefresher = nullptr;
    SqlEndpointRefreshControl *m_sqlEndpoint = nullptr;
    GitFolderControl *m_gitFolder = nullptr;
    EnvironmentLauncher *m_environments = nullptr;
    MirrorItemsPane *m_mirrorItems = nullptr;
    QPointer<RenameDialog> m_renameDialog;
    QPointer<ReadinessDialog> m_readinessDialog;
    QString m_selectAfterList; //!< key of a just-created database to select once listed
    bool m_isSignedIn = false;
    bool m_fittingColumns = false;
    bool m_userResizingColumn = false; //!< a mouse button is down on the database list's header
    //! Database list columns the user dragged to a width (column → width): fitting keeps them.
    QHash<int, int> m_userColumnWidths;
    QString m_signedInAs;
    bool m_everSignedIn = false;
    QString m_setupHint;
    bool m_workspacesListed = false;
    QSet<QString> m_listedWorkspaces; //!< workspaces whose databases were listed since sign-in
    QString m_listFailure;            //!< the last listing failure, for the empty pane
    //! One action on several databases: each runs in turn, failures are reported together.
    struct BatchItem {
        QString workspaceId;
        QString databaseId;
        QString name;
    };
    QList<BatchItem> m_batch;
    MirroredDatabaseAdmin::Action m_batchAction = MirroredDatabaseAdmin::Action::Start;
    bool m_batchHardDelete = false;
    int m_batchSize = 0;
    QStringList m_batchFailures;
    std::chrono::milliseconds m_refreshInterval{15000};
    DefinitionLimits m_definitionLimits;
};

} // namespace fmc
