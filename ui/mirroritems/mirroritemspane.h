#pragma once

#include "app/mirroritems/mirroritemactions.h"
#include "app/monitor/statusmonitor.h"

#include <QPointer>
#include <QWidget>

#include <functional>

class QAction;
class QLabel;
class QMessageBox;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTimer;

namespace fmc {

class FabricClient;
class MirrorItemBrowser;
struct MirrorItemRow;

//! \brief The main window's "Other mirror items" pane: the mirrored catalogs, Azure Databricks
//! catalogs, SQL databases and other `Mirrored*` items of the shown workspaces, with their type
//! and health, and the actions their APIs offer — Refresh catalog metadata (progress and Cancel),
//! Start / Stop mirroring of a SQL database (Stop asks first). An action that does not apply to
//! the selected item is disabled and its tooltip says why. No request or JSON here: it binds to
//! MirrorItemBrowser's model and calls MirrorItemActions.
class MirrorItemsPane : public QWidget
{
    Q_OBJECT
public:
    explicit MirrorItemsPane(QWidget *parent = nullptr);
    ~MirrorItemsPane() override;

    //! Uses \a client for listing, status and the actions. Call once.
    void setClient(FabricClient *client);
    //! The caller's role in a workspace, for gating (Unknown lets the service decide).
    void setRoleProvider(std::function<WorkspaceRole(const QString &workspaceId)> provider);

    //! Shows the items of these workspaces (one list call each).
    void showWorkspaces(const QList<Workspace> &workspaces);
    //! Lists the shown workspaces again and re-reads their status.
    void refresh();
    //! Signed out: nothing of the tenant stays; a running action is cancelled.
    void clear();

    MirrorItemBrowser *browser() const { return m_browser; }
    MirrorItemActions *actions() const { return m_actions; }
    QTableView *view() const { return m_view; }
    //! "Open dashboard" (also a double-click or Enter on a row): the selected item on the live dashboard.
    QAction *openDashboardAction() const { return m_openDashboard; }
    QAction *refreshMetadataAction() const { return m_refreshMetadata; }
    QAction *startAction() const { return m_start; }
    QAction *stopAction() const { return m_stop; }
    //! A label, a progress bar and Cancel; visible only while an action runs.
    QWidget *progressWidget() const { return m_strip; }
    QPushButton *cancelButton() const { return m_cancel; }
    //! The Stop confirmation while it is open (tests click it).
    QMessageBox *confirmation() const { return m_confirmation; }
    //! The row selected in the table, or nullptr.
    const MirrorItemRow *currentRow() const;

    //! Workspaces listed at most by showWorkspaces() (All workspaces with a large tenant).
    static constexpr int kMaxWorkspaces = 100;

Q_SIGNALS:
    //! A sentence for the window's status line (\a error: keep it among recent errors).
    void message(const QString &text, bool error);
    //! The user asked for the live dashboard of these items (their types kept in itemType).
    void dashboardRequested(const QList<fmc::WatchedDatabase> &items);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void updateActions();
    void run(MirrorItemActions::Action action);
    void openDashboard();
    void askThenStop();
    void onBusyChanged(bool busy, const QString &text);
    void onFinished(MirrorItemActions::Action action, const MirrorItemActions::Target &target, const ApiError &error);
    void updateTitle();
    void fitColumns();

    MirrorItemBrowser *m_browser = nullptr;
    MirrorItemActions *m_actions = nullptr;
    std::function<WorkspaceRole(const QString &)> m_role;
    QLabel *m_title;
    QTableView *m_view;
    QSortFilterProxyModel *m_proxy;
    QAction *m_openDashboard;
    QAction *m_refreshMetadata;
    QAction *m_start;
    QAction *m_stop;
    QWidget *m_strip;
    QLabel *m_stripLabel;
    QProgressBar *m_bar;
    QPushButton *m_cancel;
    QPointer<QMessageBox> m_confirmation;
    QTimer *m_fit = nullptr; //!< fits the columns once per event-loop turn
    int m_workspaceCount = 0;
    bool m_cut = false; //!< showWorkspaces() got more than kMaxWorkspaces
};

} // namespace fmc
