#include "dashboardwindow.h"

#include "app/api/fabricclient.h"
#include "app/history/historyseriesloader.h"
#include "models/displaytext.h"
#include "ui/dashboard/dashboardfiltermodel.h"
#include "ui/dashboard/dashboardtablemodel.h"
#include "ui/dashboard/databaseheader.h"
#include "ui/dashboard/eventlogview.h"
#include "ui/dashboard/fixladderpanel.h"
#include "ui/dashboard/chartrangeexporter.h"
#include "ui/dashboard/tablecsv.h"
#include "ui/dashboard/trendchart.h"
#include "ui/themecolours.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMimeData>
#include <QScopeGuard>
#include <QScrollArea>
#include <QSaveFile>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace fmc {

namespace {

//! Chart at most this many selected tables: stepping thousands of histories on the GUI thread
//! at every selection change would stall it (the title says when the selection was cut).
constexpr int kMaxChartedTables = 200;

QString hms(const QDateTime &when)
{
    return when.toUTC().toString(QStringLiteral("HH:mm:ss 'UTC'"));
}

} // namespace

DashboardWindow::DashboardWindow(FabricClient *client, QWidget *parent)
    : QMainWindow(parent)
    , m_client(client)
    , m_monitor(new StatusMonitor(client, this))
    , m_model(new DashboardTableModel(this))
    , m_proxy(new DashboardFilterModel(this))
{
    setObjectName(QStringLiteral("dashboardWindow"));
    setWindowTitle(tr("Mirroring dashboard"));
    setAttribute(Qt::WA_DeleteOnClose, false);
    m_proxy->setSourceModel(m_model);
    buildUi();

    connect(m_monitor, &StatusMonitor::refreshStarted, this, &DashboardWindow::onRefreshStarted);
    connect(m_monitor, &StatusMonitor::refreshFinished, this, &DashboardWindow::onRefreshFinished);
    connect(m_monitor, &StatusMonitor::databaseUpdated, this, &DashboardWindow::onDatabaseUpdated);
    connect(m_monitor, &StatusMonitor::transitions, this, &DashboardWindow::onTransitions);
    connect(m_monitor, &StatusMonitor::throttled, this, &DashboardWindow::onThrottled);
    // Pages' changes reach the sorted view together, every 100 ms and when a refresh ends: per
    // page, re-sorting and repainting 10,000 rows took most of the GUI thread's time (and the
    // next page's request waited for it). The row count follows the proxy's inserts/removes.
    m_model->setFlushDelay(std::chrono::milliseconds(100));

    // One clock for every "ago" text and the throttling countdown.
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &DashboardWindow::tick);
    m_tick.start();
    // Headers follow their databases every 100 ms and when a refresh ends: redrawn one by one as
    // each of fifty databases finished, they re-laid out the header pane ~145 times per refresh
    // (15 ms of GUI time); in batches, a few times.
    m_headerTimer.setSingleShot(true);
    m_headerTimer.setInterval(100);
    connect(&m_headerTimer, &QTimer::timeout, this, &DashboardWindow::updateStaleHeaders);
    m_chartTimer.setSingleShot(true);
    m_chartTimer.setInterval(50);
    connect(&m_chartTimer, &QTimer::timeout, this, &DashboardWindow::updateChart);
    resize(1280, 860);
}

DashboardWindow::~DashboardWindow() = default;

void DashboardWindow::setSqlEndpoint(SqlEndpointRefresher *refresher,
                                     std::function<SqlEndpointRefreshControl::Subject(const WatchedDatabase &)> subjectOf,
                                     std::chrono::minutes timeout)
{
    if (m_sqlEndpoint || !refresher)
        return;
    m_model->setSqlEndpointSyncs(refresher->store());
    for (int column : {DashboardTableModel::EndpointSync, DashboardTableModel::EndpointVisibility})
        m_view->setColumnHidden(column, false);
    m_view->horizontalHeader()->resizeSection(
        DashboardTableModel::EndpointSync, m_view->fontMetrics().horizontalAdvance(QStringLiteral("0000-00-00 00:00:00")) + 16);
    m_sqlEndpoint = new SqlEndpointRefreshControl(refresher, this);
    m_sqlEndpoint->setTimeout(timeout);
    // The database of the selected table; with one database watched, that one.
    m_sqlEndpoint->setSubjectProvider([this, subjectOf = std::move(subjectOf)] {
        const QList<WatchedDatabase> databases = watched();
        QString id = m_view->currentIndex().data(DashboardTableModel::DatabaseIdRole).toString();
        if (id.isEmpty() && databases.size() == 1)
            id = databases.first().databaseId;
        for (const WatchedDatabase &database : databases)
            if (database.databaseId == id)
                return subjectOf(database);
        return SqlEndpointRefreshControl::Subject{};
    });
    if (auto *toolbar = findChild<QToolBar *>(QStringLiteral("dashboardToolBar"))) {
        toolbar->addSeparator();
        toolbar->addAction(m_sqlEndpoint->refreshAction());
    }
    statusBar()->addPermanentWidget(m_sqlEndpoint->progressWidget());
    connect(m_sqlEndpoint, &SqlEndpointRefreshControl::message, this,
            [this](const QString &text, bool error) { statusBar()->showMessage(text, error ? 15000 : 8000); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, m_sqlEndpoint,
            &SqlEndpointRefreshControl::updateActions);
    // The main window's lists (endpoint id, role) may be filled after this window opened.
    connect(m_monitor, &StatusMonitor::databaseUpdated, m_sqlEndpoint, &SqlEndpointRefreshControl::updateActions);
    m_sqlEndpoint->updateActions();
    // The ladder's first rung is this same action: its gating and progress hold there too.
    setEndpointRefreshAction(m_sqlEndpoint->refreshAction());
}

QAction *DashboardWindow::refreshSqlEndpointAction() const
{
    return m_sqlEndpoint ? m_sqlEndpoint->refreshAction() : nullptr;
}

void DashboardWindow::buildUi()
{
    auto *toolbar = addToolBar(tr("Dashboard"));
    toolbar->setObjectName(QStringLiteral("dashboardToolBar"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    // Every action has a key, shown in its tooltip: tool bar buttons are not in the tab chain.
    const auto withKeys = [](QAction *action, const QList<QKeySequence> &keys, const QString &tip) {
        action->setShortcuts(keys);
        action->setShortcutContext(Qt::WindowShortcut);
        action->setToolTip(
            keys.isEmpty() ? tip : tr("%1 (%2)").arg(tip, keys.constFirst().toString(QKeySequence::NativeText)));
    };
    QAction *refresh = toolbar->addAction(tr("Refresh now"), this, &DashboardWindow::refreshNow);
    refresh->setObjectName(QStringLiteral("refreshNowAction"));
    withKeys(refresh, QKeySequence::keyBindings(QKeySequence::Refresh), tr("Refresh every database now"));
    m_pauseAction = toolbar->addAction(tr("Pause"));
    m_pauseAction->setObjectName(QStringLiteral("pauseAction"));
    m_pauseAction->setCheckable(true);
    withKeys(m_pauseAction, {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), QKeySequence(Qt::Key_Pause)},
             tr("Pause or resume the automatic refresh"));
    connect(m_pauseAction, &QAction::toggled, this, &DashboardWindow::setPaused);
    auto *every = new QLabel(tr(" &Every "), toolbar);
    toolbar->addWidget(every);
    m_interval = new QSpinBox(toolbar);
    m_interval->setObjectName(QStringLiteral("intervalSpinBox"));
    m_interval->setAccessibleName(tr("Refresh interval"));
    every->setBuddy(m_interval);
    m_interval->setRange(5, 3600);
    m_interval->setSuffix(tr(" s"));
    m_interval->setValue(int(std::chrono::duration_cast<std::chrono::seconds>(m_monitor->interval()).count()));
    connect(m_interval, &QSpinBox::valueChanged, this,
            [this](int seconds) { m_monitor->setInterval(std::chrono::seconds(seconds)); });
    toolbar->addWidget(m_interval);
    toolbar->addSeparator();
    m_resortAction = toolbar->addAction(tr("Re-sort"), m_proxy, &DashboardFilterModel::resort);
    m_resortAction->setObjectName(QStringLiteral("resortAction"));
    withKeys(m_resortAction, {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R)},
             tr("Sorted by a value that changes, rows keep their places across refreshes: sort them again"));
    m_resortAction->setEnabled(false);
    connect(m_proxy, &DashboardFilterModel::orderStaleChanged, m_resortAction, &QAction::setEnabled);
    toolbar->addSeparator();
    QAction *exportAction = toolbar->addAction(tr("Export CSV…"), this, &DashboardWindow::startExport);
    exportAction->setObjectName(QStringLiteral("exportCsvAction"));
    withKeys(exportAction, QKeySequence::keyBindings(QKeySequence::Save), tr("Save the rows shown as a CSV file"));
    QAction *copyAction = toolbar->addAction(tr("Copy rows"), this, &DashboardWindow::copySelectedRows);
    copyAction->setObjectName(QStringLiteral("copyRowsAction"));
    withKeys(copyAction, {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C)}, tr("Copy the selected rows as CSV"));
    toolbar->addSeparator();
    // The live hour is the monitor's memory; longer ranges come from the history file.
    auto *rangeLabel = new QLabel(tr(" C&hart "), toolbar);
    toolbar->addWidget(rangeLabel);
    m_range = new QComboBox(toolbar);
    m_range->setObjectName(QStringLiteral("chartRange"));
    m_range->addItem(tr("Last hour (live)"), 1);
    m_range->addItem(tr("24 hours"), 24);
    m_range->addItem(tr("7 days"), 7 * 24);
    m_range->addItem(tr("30 days"), 30 * 24);
    m_range->setAccessibleName(tr("Chart range"));
    m_range->setToolTip(tr("The chart's time range (24 hours and more come from the history file)"));
    m_range->setEnabled(false);
    rangeLabel->setBuddy(m_range);
    toolbar->addWidget(m_range);
    m_historyLoader = new HistorySeriesLoader(this);
    connect(m_historyLoader, &HistorySeriesLoader::loaded, this, &DashboardWindow::plotStoredRange);
    connect(m_range, &QComboBox::currentIndexChanged, this, &DashboardWindow::updateChart);
    m_exportRangeAction = toolbar->addAction(tr("Export range…"), this, &DashboardWindow::startRangeExport);
    m_exportRangeAction->setObjectName(QStringLiteral("exportRangeAction"));
    withKeys(m_exportRangeAction, {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E)},
             tr("Save every sample of the chart's range, from the history file, as a CSV file"));
    m_exportRangeAction->setEnabled(false);
    m_rangeExporter = new ChartRangeExporter(this);
    connect(m_rangeExporter, &ChartRangeExporter::done, this,
            [this](const QString &sentence) { statusBar()->showMessage(sentence, 10000); });
    // Ctrl+W and Esc close the window, as they do other secondary windows.
    auto *closeAction = new QAction(tr("Close"), this);
    closeAction->setObjectName(QStringLiteral("closeAction"));
    QList<QKeySequence> closeKeys{QKeySequence(Qt::CTRL | Qt::Key_W), QKeySequence(Qt::Key_Escape)};
    for (const QKeySequence &key : QKeySequence::keyBindings(QKeySequence::Close))
        if (!closeKeys.contains(key))
            closeKeys.append(key);
    closeAction->setShortcuts(closeKeys);
    closeAction->setShortcutContext(Qt::WindowShortcut);
    connect(closeAction, &QAction::triggered, this, &QWidget::close);
    addAction(closeAction);

    // Headers: one per database, scrolling when there are many.
    auto *headerWidget = new QWidget;
    m_headerLayout = new QVBoxLayout(headerWidget);
    m_headerLayout->setContentsMargins(4, 4, 4, 4);
    m_headerLayout->setSpacing(4);
    m_headerLayout->addStretch(1);
    m_headerArea = new QScrollArea;
    m_headerArea->setObjectName(QStringLiteral("headerArea"));
    m_headerArea->setAccessibleName(tr("Watched databases"));
    m_headerArea->setWidgetResizable(true);
    m_headerArea->setFrameShape(QFrame::NoFrame);
    m_headerArea->setWidget(headerWidget);

    // Filters and the table.
    m_filterEdit = new QLineEdit;
    m_filterEdit->setObjectName(QStringLiteral("filterEdit"));
    m_filterEdit->setPlaceholderText(tr("Filter by database, schema, table, status or error…"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setAccessibleName(tr("Filter tables"));
    connect(m_filterEdit, &QLineEdit::textChanged, m_proxy, &DashboardFilterModel::setTextFilter);
    connect(m_filterEdit, &QLineEdit::textChanged, this, &DashboardWindow::updateRowCount);
    m_statusFilter = new QComboBox;
    m_statusFilter->setObjectName(QStringLiteral("statusFilter"));
    m_statusFilter->setAccessibleName(tr("Status filter"));
    m_statusFilter->addItem(tr("All statuses"), QString());
    for (const char *status : {"Initialized", "Snapshotting", "Replicating", "Reseeding", "Stopped", "Failed"})
        addStatusChoice(QString::fromLatin1(status));
    connect(m_statusFilter, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setStatusFilter(m_statusFilter->currentData().toString());
        updateRowCount();
    });
    // Idle is not stale (models/tablefreshness.h): "Stale" lists what needs a look, without the
    // replicating tables whose source simply had nothing to send.
    m_freshnessFilter = new QComboBox;
    m_freshnessFilter->setObjectName(QStringLiteral("freshnessFilter"));
    m_freshnessFilter->setAccessibleName(tr("Freshness filter"));
    m_freshnessFilter->addItem(tr("Any freshness"), -1);
    m_freshnessFilter->addItem(tr("Stale"), int(TableFreshness::Stale));
    m_freshnessFilter->addItem(tr("Idle"), int(TableFreshness::Idle));
    m_freshnessFilter->addItem(tr("Catching up"), int(TableFreshness::CatchingUp));
    m_freshnessFilter->addItem(tr("Current"), int(TableFreshness::Current));
    m_freshnessFilter->setToolTip(tr("Idle tables replicate without error; their source had no changes. Stale "
                                     "tables do not replicate or report an error."));
    connect(m_freshnessFilter, &QComboBox::currentIndexChanged, this, [this] {
        const int value = m_freshnessFilter->currentData().toInt();
        m_proxy->setFreshnessFilter(value < 0 ? std::nullopt : std::optional(TableFreshness(value)));
        updateRowCount();
    });
    m_databaseFilter = new QComboBox;
    m_databaseFilter->setObjectName(QStringLiteral("databaseFilter"));
    m_databaseFilter->setAccessibleName(tr("Database filter"));
    m_databaseFilter->addItem(tr("All databases"), QString());
    m_databaseFilter->setVisible(false);
    connect(m_databaseFilter, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setDatabaseFilter(m_databaseFilter->currentData().toString());
        updateRowCount();
        scheduleChartUpdate();
    });
    m_rowCountLabel = new QLabel;
    m_rowCountLabel->setObjectName(QStringLiteral("rowCountLabel"));
    auto *filterBar = new QHBoxLayout;
    filterBar->setContentsMargins(0, 0, 0, 0);
    filterBar->addWidget(m_filterEdit, 1);
    filterBar->addWidget(m_statusFilter);
    filterBar->addWidget(m_freshnessFilter);
    filterBar->addWidget(m_databaseFilter);
    filterBar->addWidget(m_rowCountLabel);

    m_view = new QTableView;
    m_view->setObjectName(QStringLiteral("tableStatusView"));
    m_view->setAccessibleName(tr("Tables"));
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->setVisible(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    // Trouble first: worst status first (Failed, warnings, then the rest), kept as statuses change.
    // A click on a header sorts by that column instead.
    m_view->horizontalHeader()->setSortIndicator(DashboardTableModel::column(TableStatusModel::Status),
                                                 Qt::AscendingOrder);
    m_view->setSortingEnabled(true);
    m_view->horizontalHeader()->setSectionsMovable(true);
    m_view->horizontalHeader()->setStretchLastSection(true);
    // Fixed widths: sizing to contents would read every row of a 10,000-table view.
    const int widths[] = {140, 70, 170, 60, 120, 110, 90, 90, 90, 90, 60, 150};
    for (int c = 0; c < int(std::size(widths)); ++c)
        m_view->setColumnWidth(c, widths[c]);
    m_view->setColumnHidden(DashboardTableModel::Database, true);
    // The endpoint columns only mean something where the window can refresh the endpoint.
    for (int column : {DashboardTableModel::EndpointSync, DashboardTableModel::EndpointVisibility})
        m_view->setColumnHidden(column, true);
    auto *copy = new QAction(tr("Copy"), m_view);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &DashboardWindow::copySelectedRows);
    m_view->addAction(copy);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &DashboardWindow::scheduleChartUpdate);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &DashboardWindow::updateRowCount);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &DashboardWindow::updateRowCount);

    auto *tablePane = new QWidget;
    auto *tableLayout = new QVBoxLayout(tablePane);
    tableLayout->setContentsMargins(4, 0, 4, 0);
    tableLayout->addLayout(filterBar);
    tableLayout->addWidget(m_view, 1);
    m_ladder = new FixLadderPanel(m_client);
    m_ladder->setVisible(false); // shown for the current table
    tableLayout->addWidget(m_ladder);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &DashboardWindow::updateLadder);
    connect(m_ladder, &FixLadderPanel::fixFinished, this, &DashboardWindow::refreshNow);

    m_chart = new TrendChart;
    m_log = new EventLogView;
    m_log->setAccessibleName(tr("Events"));
    m_chart->setAccessibleName(tr("Trend of processed rows and latency"));
    connect(m_log, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        selectTable(item->data(EventLogView::Table, EventLogView::DatabaseIdRole).toString(),
                    item->data(EventLogView::Table, EventLogView::SchemaRole).toString(),
                    item->data(EventLogView::Table, EventLogView::TableRole).toString());
    });
    auto *bottom = new QSplitter(Qt::Horizontal);
    bottom->addWidget(m_chart);
    bottom->addWidget(m_log);
    bottom->setStretchFactor(0, 1);
    bottom->setStretchFactor(1, 1);
    // Half each to start with: the log's wide columns otherwise squeeze the chart to a stamp.
    bottom->setSizes({1000, 1000});

    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->setObjectName(QStringLiteral("dashboardSplitter"));
    splitter->addWidget(m_headerArea);
    splitter->addWidget(tablePane);
    splitter->addWidget(bottom);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 1);
    splitter->setChildrenCollapsible(false);
    setCentralWidget(splitter);

    m_lastRefreshLabel = new QLabel(tr("Not refreshed yet"));
    m_lastRefreshLabel->setObjectName(QStringLiteral("lastRefreshLabel"));
    m_throttleLabel = new QLabel;
    m_throttleLabel->setObjectName(QStringLiteral("throttleLabel"));
    m_throttleLabel->setStyleSheet(
        QStringLiteral("color: %1; font-weight: bold;").arg(ThemeColours::warning(palette()).name()));
    m_throttleLabel->setVisible(false);
    statusBar()->addWidget(m_lastRefreshLabel, 1);
    statusBar()->addPermanentWidget(m_throttleLabel);
    updateRowCount();
    // Focus starts in the table: arrows, Ctrl+C and the shortcuts work without a click first.
    m_view->setFocus();
}

void DashboardWindow::watch(const QList<WatchedDatabase> &databases)
{
    // Which database "Refresh SQL endpoint" means may change with the watched set.
    const auto regate = qScopeGuard([this] {
        if (m_sqlEndpoint)
            m_sqlEndpoint->updateActions();
    });
    for (const WatchedDatabase &db : databases) {
        if (m_monitor->isWatching(db.databaseId))
            continue;
        m_monitor->watch(db);
        TableStatusModel *model = m_monitor->tableModel(db.databaseId);
        model->setReferenceTime(QDateTime::currentDateTimeUtc());
        m_model->addDatabase(db.databaseId, db.displayName, model);
        auto *header = new DatabaseHeader(db);
        connect(header, &DatabaseHeader::statusClicked, this, &DashboardWindow::showStatus);
        m_headerLayout->insertWidget(m_headerLayout->count() - 1, header);
        m_headers.insert(db.databaseId, header);
        m_databaseFilter->addItem(displayText(db.displayName), db.databaseId);
    }
    const int count = m_model->databaseCount();
    const bool many = count > 1;
    m_view->setColumnHidden(DashboardTableModel::Database, !many);
    m_databaseFilter->setVisible(many);
    // Beyond two databases, headers go compact (two lines each): five show at least, eight
    // without scrolling, the rest scroll in their own pane; the worst come first.
    const bool compact = count > 2;
    for (DatabaseHeader *header : std::as_const(m_headers))
        header->setCompact(compact);
    fitHeaderArea();
    orderHeaders();
    bool onlyDatabases = true;
    bool anyCatalog = false;
    bool noDatabase = true;
    for (const WatchedDatabase &item : m_monitor->watched()) {
        noDatabase = noDatabase && item.kind() != MirrorItemKind::MirroredDatabase;
        onlyDatabases = onlyDatabases && item.kind() == MirrorItemKind::MirroredDatabase;
        anyCatalog = anyCatalog || item.kind() == MirrorItemKind::MirroredCatalog;
    }
    // A mirrored catalog's tables have a last update (their shortcut's); nobody else's do.
    m_view->setColumnHidden(DashboardTableModel::column(TableStatusModel::LastUpdate), !anyCatalog);
    // Table or view is a mirrored database's word; a catalog's tables have none.
    m_view->setColumnHidden(DashboardTableModel::column(TableStatusModel::ObjectType), noDatabase);
    setWindowTitle(count == 1 ? tr("%1 — mirroring dashboard").arg(displayText(m_monitor->watched().constFirst().displayName))
                   : onlyDatabases ? tr("%1 mirrored databases — mirroring dashboard").arg(count)
                                   : tr("%1 mirror items — mirroring dashboard").arg(count));
    if (!m_userPaused && !m_monitor->isActive())
        m_monitor->start();
    updateRowCount();
    scheduleChartUpdate();
}

QList<WatchedDatabase> DashboardWindow::watched() const
{
    return m_monitor->watched();
}

void DashboardWindow::setRefreshInterval(std::chrono::seconds interval)
{
    m_monitor->setInterval(interval);
    const QSignalBlocker block(m_interval);
    m_interval->setValue(int(interval.count()));
}

std::chrono::seconds DashboardWindow::refreshInterval() const
{
    return std::chrono::duration_cast<std::chrono::seconds>(m_monitor->interval());
}

void DashboardWindow::setPaused(bool paused)
{
    m_userPaused = paused;
    {
        const QSignalBlocker block(m_pauseAction);
        m_pauseAction->setChecked(paused);
        m_pauseAction->setText(paused ? tr("Resume") : tr("Pause"));
    }
    if (paused)
        m_monitor->pause();
    else if (!m_monitor->watched().isEmpty())
        m_monitor->start();
    updateStatusLine();
}

void DashboardWindow::refreshNow()
{
    m_monitor->refreshNow();
}

void DashboardWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_pausedByHide) {
        m_pausedByHide = false;
        if (!m_userPaused && !m_monitor->watched().isEmpty())
            m_monitor->start();
    }
}

void DashboardWindow::hideEvent(QHideEvent *event)
{
    QMainWindow::hideEvent(event);
    // Nobody looks at a hidden dashboard: stop polling until it shows again (each poll costs
    // requests against the caller's throttling budget).
    if (!event->spontaneous() && m_monitor->isActive()) {
        m_pausedByHide = true;
        m_monitor->pause();
    }
}

void DashboardWindow::fitHeaderArea()
{
    if (m_headers.isEmpty())
        return;
    // The tallest header counts: with one or two shown, none may need the pane's scroll bar.
    const int count = int(m_headers.size());
    const bool compact = count > 2;
    int tallest = 0;
    for (const DatabaseHeader *header : std::as_const(m_headers))
        tallest = std::max(tallest, header->sizeHint().height());
    const int one = tallest + m_headerLayout->spacing();
    m_headerArea->setMinimumHeight(std::min(count, compact ? 5 : 2) * one + 8);
    m_headerArea->setMaximumHeight(std::min(count, compact ? 8 : 2) * one + 8);
}

QList<DatabaseHeader *> DashboardWindow::headersInOrder() const
{
    QList<DatabaseHeader *> shown;
    for (int i = 0; i < m_headerLayout->count(); ++i)
        if (auto *header = qobject_cast<DatabaseHeader *>(m_headerLayout->itemAt(i)->widget()))
            shown.append(header);
    return shown;
}

void DashboardWindow::orderHeaders()
{
    // Worst first, then by name: with fifty databases the one that needs a look is on top.
    QList<DatabaseHeader *> wanted = headersInOrder();
    std::stable_sort(wanted.begin(), wanted.end(), [this](const DatabaseHeader *a, const DatabaseHeader *b) {
        if (a->severity() != b->severity())
            return a->severity() < b->severity();
        return databaseName(a->databaseId()).compare(databaseName(b->databaseId()), Qt::CaseInsensitive) < 0;
    });
    if (wanted == headersInOrder())
        return;
    for (int i = 0; i < wanted.size(); ++i) {
        m_headerLayout->removeWidget(wanted.at(i));
        m_headerLayout->insertWidget(i, wanted.at(i));
    }
}

QString DashboardWindow::databaseName(const QString &databaseId) const
{
    const DatabaseHeader *header = m_headers.value(databaseId);
    for (const WatchedDatabase &db : m_monitor->watched())
        if (db.databaseId == databaseId)
            return db.displayName;
    return header ? header->databaseId() : databaseId;
}

void DashboardWindow::setEndpointRefreshAction(QAction *action)
{
    m_ladder->setEndpointRefreshAction(action);
}

void DashboardWindow::updateLadder()
{
    FixLadderPanel::Subject subject;
    const QModelIndex current = m_view->currentIndex();
    const int row = current.isValid() ? m_proxy->mapToSource(current).row() : -1;
    if (const TableStatusRow *table = row >= 0 ? m_model->tableRow(row) : nullptr) {
        const QString id = m_model->index(row, 0).data(DashboardTableModel::DatabaseIdRole).toString();
        // The fixes are a mirrored database's (definition, reseed, stop/start): a catalog's table has none.
        if (m_monitor->snapshot(id).database.kind() == MirrorItemKind::MirroredDatabase) {
            subject.databaseId = id;
            subject.table = table->status;
        }
    }
    m_ladder->setVisible(subject.table.has_value() || m_ladder->isBusy());
    if (!subject.table && m_ladder->isBusy())
        return; // keep showing the fix under way
    for (const WatchedDatabase &db : m_monitor->watched())
        if (db.databaseId == subject.databaseId) {
            subject.workspaceId = db.workspaceId;
            subject.databaseName = db.displayName;
        }
    if (!subject.databaseId.isEmpty()) {
        subject.database = m_monitor->snapshot(subject.databaseId).status;
        if (const TableStatusModel *tables = m_monitor->tableModel(subject.databaseId))
            for (int r = 0; r < tables->rowCount(); ++r) {
                const TableMirroringStatus &t = tables->rowAt(r).status;
                subject.currentTables.append({t.sourceSchemaName, t.sourceTableName});
            }
    }
    m_ladder->setSubject(subject);
}

void DashboardWindow::onDatabaseUpdated(const QString &databaseId)
{
    if (!m_headers.contains(databaseId))
        return;
    const DatabaseSnapshot snapshot = m_monitor->snapshot(databaseId);
    if (m_ladder->subject().databaseId == databaseId)
        updateLadder();
    m_staleHeaders.insert(databaseId);
    if (!m_headerTimer.isActive())
        m_headerTimer.start();
    for (auto it = snapshot.tablesByStatus.cbegin(); it != snapshot.tablesByStatus.cend(); ++it)
        addStatusChoice(it.key());
    if (snapshot.hasAnswer() && !m_seen.contains(databaseId)) {
        m_seen.insert(databaseId);
        logInitialState(databaseId);
    }
    if (TableStatusModel *model = m_monitor->tableModel(databaseId))
        model->setReferenceTime(QDateTime::currentDateTimeUtc());
}

void DashboardWindow::updateStaleHeaders()
{
    m_headerTimer.stop();
    if (m_staleHeaders.isEmpty())
        return;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const QString &databaseId : std::exchange(m_staleHeaders, {}))
        if (DatabaseHeader *header = m_headers.value(databaseId))
            header->setSnapshot(m_monitor->snapshot(databaseId), now);
    fitHeaderArea(); // an error line or another type's words may have made a header taller
    // Always: the 5 s tick may have given a header its new severity before this batch did.
    orderHeaders();
}

void DashboardWindow::logInitialState(const QString &databaseId)
{
    // The monitor alerts on transitions only; what was already wrong when the dashboard opened
    // goes to the log (and is highlighted) too, so the operator sees it without waiting.
    const DatabaseSnapshot snapshot = m_monitor->snapshot(databaseId);
    const QString name = databaseName(databaseId);
    const QDateTime now = snapshot.lastRefreshUtc.isValid() ? snapshot.lastRefreshUtc : QDateTime::currentDateTimeUtc();
    m_log->addNote(now, name, QString(), tr("Watching"), tr("Status %1").arg(snapshot.health.text),
                   snapshot.health.level == MirroringHealth::Failed);
    if (const std::optional<ErrorResponse> error = snapshot.itemError())
        m_log->addNote(now, name, QString(), EventLogView::describe(MonitorEvent::Kind::DatabaseError),
                       error->errorCode + QStringLiteral(": ") + error->message, true);
    const TableStatusModel *model = m_monitor->tableModel(databaseId);
    if (!model)
        return;
    for (int row = 0; row < model->rowCount(); ++row) {
        const TableMirroringStatus &t = model->rowAt(row).status;
        if (t.status.value != TableStatus::Failed)
            continue;
        m_model->setAlert(databaseId, t.sourceSchemaName, t.sourceTableName, true);
        m_log->addNote(now, name, t.sourceSchemaName + u'.' + t.sourceTableName, tr("Table failed"),
                       t.error ? t.error->errorCode + QStringLiteral(": ") + t.error->message
                               : tr("(already failed when first seen)"),
                       true, {databaseId, t.sourceSchemaName, t.sourceTableName});
    }
}

void DashboardWindow::onTransitions(const QList<MonitorEvent> &events)
{
    for (const MonitorEvent &e : events) {
        const QString name = databaseName(e.databaseId);
        m_log->addEvent(e, name);
        switch (e.kind) {
        case MonitorEvent::Kind::TableFailed:
        case MonitorEvent::Kind::TableStale:
            m_model->setAlert(e.databaseId, e.schema, e.table, true);
            break;
        case MonitorEvent::Kind::TableRecovered:
            m_model->setAlert(e.databaseId, e.schema, e.table, false);
            break;
        case MonitorEvent::Kind::MirroringStarted:
            m_started.insert(e.databaseId, e.timeUtc);
            m_stopped.remove(e.databaseId);
            break;
        case MonitorEvent::Kind::MirroringStopped:
            m_stopped.insert(e.databaseId, e.timeUtc);
            break;
        default:
            break;
        }
        if (DatabaseHeader *header = m_headers.value(e.databaseId))
            header->setStartStop(m_started.value(e.databaseId), m_stopped.value(e.databaseId));
        if (!e.isAlert())
            continue;
        QString message;
        switch (e.kind) {
        case MonitorEvent::Kind::TableFailed:
            message = tr("%1: table %2.%3 failed").arg(name, e.schema, e.table);
            break;
        case MonitorEvent::Kind::TableStale:
            message = tr("%1: table %2.%3 needs a look (%4)").arg(name, e.schema, e.table, e.after);
            break;
        case MonitorEvent::Kind::MirroringStopped:
            message = tr("%1: mirroring stopped (%2)").arg(name, e.after);
            break;
        default:
            message = tr("%1: error %2").arg(name, e.errorCode);
            break;
        }
        if (!e.message.isEmpty())
            message += QStringLiteral("\n") + e.message;
        raiseAlert(EventLogView::describe(e.kind), message);
    }
}

void DashboardWindow::raiseAlert(const QString &title, const QString &message)
{
    // A desktop notification where there is a tray; silently none elsewhere (offscreen, some
    // Wayland desktops): the log and the highlighted row carry the alert anyway.
    if (!m_tray && QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(windowIcon().isNull() ? QApplication::windowIcon() : windowIcon(), this);
        m_tray->setToolTip(plainToolTip(windowTitle()));
        m_tray->show();
    }
    if (m_tray && QSystemTrayIcon::supportsMessages())
        m_tray->showMessage(title, displayMessage(message, kDisplayTextLimit * 2), QSystemTrayIcon::Warning);
    emit alertRaised(title, message);
}

void DashboardWindow::onRefreshStarted()
{
    m_refreshing = true;
    m_proxy->holdSorting();
    updateStatusLine();
}

void DashboardWindow::onRefreshFinished(const QDateTime &finishedUtc, int failedDatabases)
{
    m_model->flushChanges();
    m_proxy->resumeSorting();
    updateStaleHeaders();
    updateLadder(); // the selected table's status and error as this refresh left them
    m_refreshing = false;
    m_lastFinished = finishedUtc;
    m_lastFailures = failedDatabases;
    updateStatusLine();
    updateRowCount();
    scheduleChartUpdate();
}

void DashboardWindow::onThrottled(int delayMs)
{
    // delayMs is the service's Retry-After; the client waits it scaled (tests speed time up).
    const double scale = m_client->config().timeScale;
    const qint64 wait = qint64(std::ceil(double(delayMs) * scale));
    if (!m_throttleUntil.hasExpired() && m_throttleUntil.remainingTime() >= wait)
        return;
    m_throttleUntil = QDeadlineTimer(wait);
    m_throttleSeconds = int((delayMs + 999) / 1000);
    // Count down in the client's time: a tenth of the interval when time is scaled, else 1 s.
    m_tick.setInterval(scale < 1.0 ? std::max(10, int(1000 * scale)) : 1000);
    tick();
}

void DashboardWindow::tick()
{
    ++m_tickCount;
    const double scale = m_client->config().timeScale;
    if (!m_throttleUntil.hasExpired()) {
        const qint64 remaining = m_throttleUntil.remainingTime();
        const int seconds = int(std::ceil(double(remaining) / std::max(scale, 1e-6) / 1000.0));
        m_throttleLabel->setText(tr("Service is throttling: retrying in %n s", nullptr, std::max(1, seconds)));
        m_throttleLabel->setToolTip(tr("The service answered 429 Too Many Requests with Retry-After %n s; "
                                       "every request waits.", nullptr, m_throttleSeconds));
        m_throttleLabel->setVisible(true);
    } else if (m_throttleLabel->isVisible()) {
        m_throttleLabel->setVisible(false);
        m_throttleLabel->clear();
        m_tick.setInterval(1000);
    }
    updateStatusLine();
    // "ago" texts age every few seconds; no data is fetched for that.
    if (m_tickCount % 5 == 0) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (const WatchedDatabase &db : m_monitor->watched()) {
            if (TableStatusModel *model = m_monitor->tableModel(db.databaseId))
                model->setReferenceTime(now);
            if (DatabaseHeader *header = m_headers.value(db.databaseId))
                header->setSnapshot(m_monitor->snapshot(db.databaseId), now);
        }
    }
}

void DashboardWindow::updateStatusLine()
{
    QStringList parts;
    if (m_refreshing)
        parts << tr("Refreshing…");
    if (m_lastFinished.isValid()) {
        const qint64 ago = std::max<qint64>(0, m_lastFinished.secsTo(QDateTime::currentDateTimeUtc()));
        parts << tr("Last refresh finished %1 (%n s ago)", nullptr, int(ago)).arg(hms(m_lastFinished));
        if (m_lastFailures > 0)
            parts << (m_lastFailures == 1 ? tr("1 database could not be refreshed") : tr("%1 databases could not be refreshed").arg(m_lastFailures));
    } else if (!m_refreshing) {
        parts << tr("Not refreshed yet");
    }
    if (m_userPaused) {
        parts << tr("Automatic refresh paused");
    } else {
        const QDateTime next = m_monitor->nextRefreshUtc();
        if (next.isValid())
            parts << tr("next in %n s", nullptr, int(std::max<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(next))));
    }
    m_lastRefreshLabel->setText(parts.join(QStringLiteral(" · ")));
}

void DashboardWindow::updateRowCount()
{
    m_rowCountLabel->setText(tr("%1 of %2 tables").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
}

void DashboardWindow::addStatusChoice(const QString &status)
{
    if (status.isEmpty() || m_statusFilter->findData(status) >= 0)
        return;
    const QIcon icon = DashboardTableModel::statusIcon(status);
    m_statusFilter->addItem(icon, displayText(status), status);
}

void DashboardWindow::showStatus(const QString &databaseId, const QString &status)
{
    addStatusChoice(status);
    m_statusFilter->setCurrentIndex(std::max(0, m_statusFilter->findData(status)));
    if (m_model->databaseCount() > 1)
        m_databaseFilter->setCurrentIndex(std::max(0, m_databaseFilter->findData(databaseId)));
}

bool DashboardWindow::selectTable(const QString &databaseId, const QString &schema, const QString &table)
{
    if (databaseId.isEmpty() || table.isEmpty())
        return false;
    const auto find = [&] {
        for (int row = 0; row < m_proxy->rowCount(); ++row) {
            const QModelIndex first = m_proxy->index(row, 0);
            if (first.data(DashboardTableModel::DatabaseIdRole).toString() == databaseId
                && m_proxy->index(row, DashboardTableModel::column(TableStatusModel::Schema))
                           .data(UnderlyingDataRole)
                           .toString()
                       == schema
                && m_proxy->index(row, DashboardTableModel::column(TableStatusModel::Table))
                           .data(UnderlyingDataRole)
                           .toString()
                       == table)
                return first;
        }
        return QModelIndex();
    };
    QModelIndex index = find();
    if (!index.isValid()
        && (!m_filterEdit->text().isEmpty() || m_statusFilter->currentIndex() > 0
            || m_databaseFilter->currentIndex() > 0)) {
        // Hidden by a filter: show every row rather than do nothing.
        m_filterEdit->clear();
        m_statusFilter->setCurrentIndex(0);
        m_databaseFilter->setCurrentIndex(0);
        index = find();
    }
    if (!index.isValid()) {
        statusBar()->showMessage(tr("%1.%2 is no longer in the table").arg(schema, table), 5000);
        return false;
    }
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
    m_view->setFocus();
    return true;
}

void DashboardWindow::scheduleChartUpdate()
{
    if (!m_chartTimer.isActive())
        m_chartTimer.start();
}

void DashboardWindow::setHistoryFile(const QString &path)
{
    m_historyPath = path;
    m_range->setEnabled(!path.isEmpty());
    m_exportRangeAction->setEnabled(!path.isEmpty());
    if (path.isEmpty())
        m_range->setCurrentIndex(0);
}

QList<HistorySeriesLoader::Subject> DashboardWindow::chartSubjects(QString *title) const
{
    QList<HistorySeriesLoader::Subject> subjects;
    const QModelIndexList selected = m_view->selectionModel()->selectedRows();
    if (!selected.isEmpty()) {
        for (const QModelIndex &index : selected) {
            if (subjects.size() >= kMaxChartedTables)
                break;
            const QString db = index.data(DashboardTableModel::DatabaseIdRole).toString();
            const QString schema = m_proxy->index(index.row(), DashboardTableModel::column(TableStatusModel::Schema)).data(UnderlyingDataRole).toString();
            const QString table = m_proxy->index(index.row(), DashboardTableModel::column(TableStatusModel::Table)).data(UnderlyingDataRole).toString();
            subjects.append({db, schema, table});
            if (selected.size() == 1)
                *title = tr("%1 — %2.%3").arg(databaseName(db), schema, table);
        }
        if (selected.size() > 1)
            *title = selected.size() > kMaxChartedTables
                        ? tr("First %1 of %2 selected tables").arg(kMaxChartedTables).arg(selected.size())
                        : tr("%1 selected tables").arg(selected.size());
    } else {
        const QString only = m_proxy->databaseFilter();
        for (const WatchedDatabase &db : m_monitor->watched()) {
            if (!only.isEmpty() && db.databaseId != only)
                continue;
            subjects.append({db.databaseId, {}, {}});
            *title = db.displayName;
        }
        int databases = 0;
        for (const HistorySeriesLoader::Subject &subject : std::as_const(subjects))
            databases += m_monitor->snapshot(subject.databaseId).database.kind() == MirrorItemKind::MirroredDatabase;
        const bool anyMetrics = databases > 0;
        if (subjects.size() > 1)
            *title = databases == subjects.size() ? tr("All %1 databases").arg(subjects.size())
                                                  : tr("All %1 mirror items").arg(subjects.size());
        if (!subjects.isEmpty() && !anyMetrics)
            *title = tr("%1: no rows or latency in this item type's API").arg(*title);
    }
    return subjects;
}

void DashboardWindow::updateChart()
{
    QString title;
    const QList<HistorySeriesLoader::Subject> subjects = chartSubjects(&title);
    const qint64 hours = m_range->currentData().toLongLong();
    if (hours > 1 && !m_historyPath.isEmpty()) {
        constexpr qint64 kHourMs = 3600 * 1000;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        m_rangeTitle = tr("%1 — %2").arg(title, m_range->currentText());
        // About 1,000 points whatever the range; the worker answers, the GUI thread only plots.
        m_historyLoader->load(m_historyPath, subjects, now - hours * kHourMs, now + 1, hours * kHourMs / 1000);
        return;
    }
    QList<const TableHistory *> histories;
    bool answered = false;
    for (const HistorySeriesLoader::Subject &s : std::as_const(subjects)) {
        const TableHistory *h = s.table.isEmpty() ? m_monitor->databaseHistory(s.databaseId)
                                                  : m_monitor->tableHistory(s.databaseId, s.schema, s.table);
        if (h)
            histories.append(h);
        answered = answered || m_monitor->snapshot(s.databaseId).lastRefreshUtc.isValid();
    }
    m_chart->setLongRange(false);
    // Empty after a refresh: the item types' APIs give no rows or latency (the title says so).
    if (answered)
        m_chart->setEmptyText(tr("No rows or latency to plot."));
    m_chart->plot(histories, title);
}

void DashboardWindow::plotStoredRange(const QList<QList<MetricSample>> &series, const QString &error)
{
    if (m_range->currentData().toLongLong() <= 1)
        return; // back to the live hour meanwhile
    m_storedSeries.clear();
    m_storedSeries.reserve(series.size());
    QList<const TableHistory *> histories;
    for (const QList<MetricSample> &samples : series) {
        TableHistory &h = m_storedSeries.emplace_back(std::max<int>(2, int(samples.size())));
        for (const MetricSample &m : samples)
            h.append(m);
    }
    for (const TableHistory &h : m_storedSeries)
        histories.append(&h);
    m_chart->setLongRange(true);
    m_chart->plot(histories, error.isEmpty() ? m_rangeTitle : tr("%1 (history unavailable: %2)").arg(m_rangeTitle, error));
}

QList<int> DashboardWindow::visibleColumns() const
{
    QList<int> columns;
    const QHeaderView *header = m_view->horizontalHeader();
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        if (!header->isSectionHidden(logical))
            columns.append(logical);
    }
    return columns;
}

QString DashboardWindow::viewCsv() const
{
    QList<int> rows;
    rows.reserve(m_proxy->rowCount());
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        rows.append(row);
    return TableCsv::toCsv(m_proxy, rows, visibleColumns());
}

QString DashboardWindow::selectedRowsCsv() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end()); // in the order the view shows them
    return TableCsv::toCsv(m_proxy, rows, visibleColumns());
}

bool DashboardWindow::exportCsv(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    file.write(viewCsv().toUtf8());
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void DashboardWindow::copySelectedRows()
{
    if (!m_view->selectionModel()->hasSelection())
        return;
    const QString csv = selectedRowsCsv();
    auto *mime = new QMimeData;
    mime->setText(csv);
    mime->setData(QStringLiteral("text/csv"), csv.toUtf8());
    QApplication::clipboard()->setMimeData(mime);
}

void DashboardWindow::startRangeExport()
{
    if (m_historyPath.isEmpty())
        return;
    constexpr qint64 kHourMs = 3600 * 1000;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    HistoryCsvExport::Request request;
    request.historyPath = m_historyPath;
    QString title;
    request.subjects = chartSubjects(&title);
    // The range the chart shows; the live hour too comes from the file, which records it.
    request.fromMs = now - std::max<qint64>(1, m_range->currentData().toLongLong()) * kHourMs;
    request.toMs = now + 1;
    for (const WatchedDatabase &db : m_monitor->watched())
        request.databaseNames.insert(db.databaseId, db.displayName);
    m_rangeExporter->chooseFileAndExport(request);
}

void DashboardWindow::startExport()
{
    // Non-modal open(): no nested event loop while refreshes keep arriving.
    auto *dialog = new QFileDialog(this, tr("Export the current view"), QString(), tr("CSV files (*.csv)"));
    dialog->setObjectName(QStringLiteral("exportDialog"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("csv"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        QString error;
        if (exportCsv(path, &error))
            statusBar()->showMessage(tr("Exported %1 rows to %2").arg(m_proxy->rowCount()).arg(path), 5000);
        else
            statusBar()->showMessage(tr("Could not export to %1: %2").arg(path, error), 10000);
    });
    dialog->open();
}

} // namespace fmc
