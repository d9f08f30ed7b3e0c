#pragma once

#include "app/fleet/bulkactionrunner.h"
#include "app/monitor/statusmonitor.h"

#include <QHash>
#include <QList>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;
class QToolButton;

namespace fmc {

class ElidedLabel;
class FleetFilterModel;
class FleetLoader;
struct FleetRow;

//! \brief Every mirror of the tenant at a glance, of every type: a health roll-up on top (worst
//! first; a click filters by it), filters by workspace, capacity, type, source type and status,
//! the list (filled in as statuses arrive, never blocking), and bulk Start / Stop / Refresh SQL
//! endpoint / Refresh catalog metadata / Open dashboard for the selection, each item gated by its
//! type, status and role.
//! Binds to FleetLoader's model and calls it and the BulkActionRunner; no request or JSON here.
class FleetWindow : public QWidget
{
    Q_OBJECT
public:
    FleetWindow(FleetLoader *loader, BulkActionRunner *runner, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    FleetLoader *loader() const { return m_loader; }
    BulkActionRunner *runner() const { return m_runner; }
    FleetFilterModel *proxy() const { return m_proxy; }
    //! The roll-up button of \a bucket (int(FleetModel::Bucket)).
    QToolButton *rollUpButton(int bucket) const { return m_rollUp.value(bucket); }
    QPushButton *startButton() const { return m_start; }
    QPushButton *stopButton() const { return m_stop; }
    QPushButton *refreshEndpointButton() const { return m_refreshEndpoint; }
    QPushButton *refreshCatalogButton() const { return m_refreshCatalog; }
    QPushButton *dashboardButton() const { return m_dashboard; }
    QComboBox *workspaceFilter() const { return m_workspaceFilter; }
    QComboBox *capacityFilter() const { return m_capacityFilter; }
    QComboBox *typeFilter() const { return m_typeFilter; }
    QComboBox *sourceFilter() const { return m_sourceFilter; }
    QComboBox *statusFilter() const { return m_statusFilter; }
    //! \brief What Open dashboard shows for the selection: its mirrored databases (the dashboard
    //! watches mirrored databases; the other types are left out here).
    QList<WatchedDatabase> dashboardTargets() const;

    //! \brief What a bulk \a action on the selection would do (the confirmation lists it).
    QList<BulkActionRunner::Item> planFor(BulkActionRunner::Action action) const;
    //! \brief \a confirmed as they may still be sent now: an item whose mirror's status or role
    //! changed since (or which is gone from the fleet) is Skipped, saying so.
    QList<BulkActionRunner::Item> stillAllowed(BulkActionRunner::Action action, QList<BulkActionRunner::Item> confirmed) const;
    //! The confirmation text for \a items: how many will be sent, each skipped one and why.
    static QString confirmationText(BulkActionRunner::Action action, const QList<BulkActionRunner::Item> &items);
    //! \brief The status line while the fleet loads: \a found mirrors, whether the list is
    //! complete, the detail calls to go and whether the other mirror types are being looked for.
    static QString loadingText(int found, bool listComplete, int detailsPending, bool otherTypes);

Q_SIGNALS:
    void dashboardRequested(const QList<fmc::WatchedDatabase> &databases);
    //! A bulk action's results dialog opened (tests and screenshots reach it through this).
    void bulkActionStarted(QWidget *dialog);

protected:
    void showEvent(QShowEvent *event) override;

private:
    QList<const FleetRow *> selectedRows() const;
    void updateRollUp();
    void updateFilters();
    //! Widens the Type column to the longest of \a typeTexts, unless the user resized it.
    void fitTypeColumn(const QStringList &typeTexts);
    void updateActions();
    void updateStatusLine();
    void confirmAndRun(BulkActionRunner::Action action);
    void openDashboard();

    FleetLoader *m_loader;
    BulkActionRunner *m_runner;
    FleetFilterModel *m_proxy;
    QTableView *m_view;
    QHash<int, QToolButton *> m_rollUp;
    QComboBox *m_workspaceFilter;
    QComboBox *m_capacityFilter;
    QComboBox *m_typeFilter;
    QComboBox *m_sourceFilter;
    QComboBox *m_statusFilter;
    QPushButton *m_start;
    QPushButton *m_stop;
    QPushButton *m_refreshEndpoint;
    QPushButton *m_refreshCatalog;
    QPushButton *m_dashboard;
    QPushButton *m_refresh;
    QPushButton *m_cancelLoad;
    ElidedLabel *m_statusLine; // "…" when cut; the whole text is its tooltip
    QString m_lastMessage;
    bool m_loadedOnce = false;
    static constexpr int kTypeColumnWidth = 170;    //!< the Type column before the fleet is in
    static constexpr int kMaxTypeColumnWidth = 320;
    int m_typeColumnWidth = kTypeColumnWidth; //!< what fitTypeColumn() last set
};

} // namespace fmc
