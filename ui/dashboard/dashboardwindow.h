#pragma once

#include "app/history/historyseriesloader.h"
#include "app/monitor/statusmonitor.h"
#include "ui/sqlendpoint/sqlendpointrefreshcontrol.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QHash>
#include <QList>
#include <QMainWindow>
#include <QSet>
#include <QTimer>

#include <chrono>
#include <functional>
#include <vector>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QScrollArea;
class QSpinBox;
class QSystemTrayIcon;
class QTableView;
class QVBoxLayout;

namespace fmc {

class ChartRangeExporter;
class DashboardFilterModel;
class DashboardTableModel;
class DatabaseHeader;
class EventLogView;
class FixLadderPanel;
class FabricClient;
class TrendChart;

//! \brief The live status dashboard: one or many mirrored databases (across workspaces), left
//! open on a second screen.
//!
//! A header per database (health in the portal's words, error, start/stop, totals, tables by
//! status as filter links), one sortable and filterable table of every watched table (a combined
//! model over the monitor's keyed-diff models, so selection, sort and scroll survive refreshes),
//! a trend chart of rows and latency for the selection or the whole set, and an event log.
//! Alerts (a table turned Failed, mirroring stopped, a database error) highlight the row, go to
//! the log and to the tray when there is one. It refreshes on its own at a chosen interval, shows
//! when the last refresh finished and counts down a throttling by the service.
//!
//! The window owns its StatusMonitor, built on the given client; all network work is there.
class DashboardWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit DashboardWindow(FabricClient *client, QWidget *parent = nullptr);
    ~DashboardWindow() override;

    //! Adds \a databases to the watched set (ones already watched are kept once) and refreshes.
    void watch(const QList<WatchedDatabase> &databases);
    QList<WatchedDatabase> watched() const;

    //! Time between refreshes (default 30 s); also the spin box in the tool bar.
    void setRefreshInterval(std::chrono::seconds interval);
    std::chrono::seconds refreshInterval() const;
    //! Pauses or resumes the automatic refresh ("refresh now" still works while paused).
    void setPaused(bool paused);
    bool isPaused() const { return m_userPaused; }
    void refreshNow();

    //! The current view (filtered, sorted, visible columns in their order) as CSV.
    QString viewCsv() const;
    //! The selected rows of the view as CSV (with the header line).
    QString selectedRowsCsv() const;
    //! Writes viewCsv() to \a path; false with \a error on failure.
    bool exportCsv(const QString &path, QString *error = nullptr) const;
    //! Puts selectedRowsCsv() on the clipboard.
    void copySelectedRows();
    //! Selects (and scrolls to) the row of \a schema.\a table in \a databaseId, clearing filters
    //! that hide it; false when the table is not shown at all. A log entry activated calls it.
    bool selectTable(const QString &databaseId, const QString &schema, const QString &table);

    //! \brief Offers "Refresh SQL endpoint" (tool bar) for the selected table's database, or the
    //! one watched, with \a refresher (shared with the main window) and fills the endpoint
    //! columns from its store. \a subjectOf gives a watched database's endpoint id and the
    //! caller's role (the dashboard itself does not list databases).
    void setSqlEndpoint(SqlEndpointRefresher *refresher,
                        std::function<SqlEndpointRefreshControl::Subject(const WatchedDatabase &)> subjectOf,
                        std::chrono::minutes timeout);
    //! "Refresh SQL endpoint" of this window (nullptr before setSqlEndpoint()), for other features.
    QAction *refreshSqlEndpointAction() const;
    SqlEndpointRefreshControl *sqlEndpointControl() const { return m_sqlEndpoint; }
    //! \brief The history file the chart's 24 h, 7 d and 30 d ranges load from; empty (the
    //! default): only the live last hour.
    void setHistoryFile(const QString &path);
    QComboBox *chartRangeBox() const { return m_range; }
    //! "Export chart range…": the chart's subjects over its range, from the history file, as CSV.
    ChartRangeExporter *rangeExporter() const { return m_rangeExporter; }

    StatusMonitor *monitor() const { return m_monitor; }
    DashboardTableModel *tableModel() const { return m_model; }
    DashboardFilterModel *filterModel() const { return m_proxy; }
    QTableView *tableView() const { return m_view; }
    DatabaseHeader *header(const QString &databaseId) const { return m_headers.value(databaseId); }
    //! The database headers from top to bottom (worst status first).
    QList<DatabaseHeader *> headersInOrder() const;
    EventLogView *eventLog() const { return m_log; }
    TrendChart *trendChart() const { return m_chart; }
    //! The pane that explains the selected table's error and offers the ladder of fixes.
    FixLadderPanel *fixLadder() const { return m_ladder; }
    //! The first rung of the ladder: the SQL endpoint refresh, wired by whoever owns that action.
    void setEndpointRefreshAction(QAction *action);

Q_SIGNALS:
    //! An alert was raised (also shown in the tray when there is one).
    void alertRaised(const QString &title, const QString &message);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void buildUi();
    void onDatabaseUpdated(const QString &databaseId);
    void onTransitions(const QList<MonitorEvent> &events);
    void onRefreshStarted();
    void onRefreshFinished(const QDateTime &finishedUtc, int failedDatabases);
    void onThrottled(int delayMs);
    void tick();
    void updateStatusLine();
    void updateRowCount();
    void orderHeaders();
    //! Sizes the header pane to the tallest header (one or two without scrolling, compact: 5 to 8).
    void fitHeaderArea();
    void scheduleChartUpdate();
    void updateChart();
    void plotStoredRange(const QList<QList<MetricSample>> &series, const QString &error);
    void showStatus(const QString &databaseId, const QString &status);
    void addStatusChoice(const QString &status);
    void raiseAlert(const QString &title, const QString &message);
    void logInitialState(const QString &databaseId);
    void updateStaleHeaders();
    void startExport();
    void startRangeExport();
    //! What the chart plots: the selected tables, else every database shown (their totals).
    QList<HistorySeriesLoader::Subject> chartSubjects(QString *title) const;
    void updateLadder();
    QString databaseName(const QString &databaseId) const;
    QList<int> visibleColumns() const;

    FabricClient *m_client;
    StatusMonitor *m_monitor;
    DashboardTableModel *m_model;
    DashboardFilterModel *m_proxy;
    QTableView *m_view = nullptr;
    QScrollArea *m_headerArea = nullptr;
    QVBoxLayout *m_headerLayout = nullptr;
    QHash<QString, DatabaseHeader *> m_headers;
    QHash<QString, QDateTime> m_started;
    QHash<QString, QDateTime> m_stopped;
    QSet<QString> m_seen;            //!< databases whose first refresh was logged
    QSet<QString> m_staleHeaders;    //!< databases updated since their header was redrawn
    EventLogView *m_log = nullptr;
    TrendChart *m_chart = nullptr;
    QComboBox *m_range = nullptr;            //!< chart range; item data: hours
    HistorySeriesLoader *m_historyLoader = nullptr;
    ChartRangeExporter *m_rangeExporter = nullptr;
    QAction *m_exportRangeAction = nullptr;
    QString m_historyPath;
    QString m_rangeTitle;                    //!< the title of the range being loaded
    std::vector<TableHistory> m_storedSeries; //!< what the chart plots of a stored range
    QLineEdit *m_filterEdit = nullptr;
    QComboBox *m_statusFilter = nullptr;
    QComboBox *m_databaseFilter = nullptr;
    QComboBox *m_freshnessFilter = nullptr;
    FixLadderPanel *m_ladder = nullptr;
    QSpinBox *m_interval = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_resortAction = nullptr;
    QLabel *m_lastRefreshLabel = nullptr;
    QLabel *m_throttleLabel = nullptr;
    QLabel *m_rowCountLabel = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    QTimer m_tick;
    QTimer m_chartTimer;
    QTimer m_headerTimer;
    QDeadlineTimer m_throttleUntil{0};
    int m_throttleSeconds = 0;
    QDateTime m_lastFinished;
    int m_lastFailures = 0;
    bool m_refreshing = false;
    bool m_userPaused = false;
    bool m_pausedByHide = false;
    int m_tickCount = 0;
    SqlEndpointRefreshControl *m_sqlEndpoint = nullptr;
};

} // namespace fmc
