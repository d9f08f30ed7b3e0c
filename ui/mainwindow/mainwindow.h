#pragma once

#include "app/admin/mirroreddatabaseadmin.h"
#include "app/monitor/statusmonitor.h"
#include "models/mirroringdefinition.h"

#include <QList>
#include <QMainWindow>
#include <QPointer>

#include <chrono>

class QAction;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;
class QTimer;

namespace fmc {

class DatabaseFilterModel;
class DetailsPane;
class FabricClient;
class RenameDialog;
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
    //! Shows who is signed in to which endpoint in the status bar (empty \a who: signed out).
    void setSignedIn(const QString &who, const QString &endpoint);
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
    StatusMonitor *monitor() const { return m_monitor; }
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

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenusAndToolBar();
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
    void showError(const QString &what, const QString &details);
    void stopMirroring();
    void renameCurrent();
    void deleteCurrent();
    void openDashboard();
    void copyAsJson();
    void openCreate();
    void openEdit();
    void onDatabaseSaved(const QString &workspaceId, const QString &databaseId, bool created);
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
    DetailsPane *m_details;
    QSplitter *m_splitter;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
    QLabel *m_signedIn = nullptr;
    QTimer *m_syncTimer;

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

    WorkspaceBrowser *m_browser = nullptr;
    FabricClient *m_client = nullptr;
    MirroredDatabaseAdmin *m_admin = nullptr;
    StatusMonitor *m_monitor = nullptr;
    QPointer<RenameDialog> m_renameDialog;
    QString m_selectAfterList; //!< key of a just-created database to select once listed
    std::chrono::milliseconds m_refreshInterval{15000};
    DefinitionLimits m_definitionLimits;
};

} // namespace fmc
