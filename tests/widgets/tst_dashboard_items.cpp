// The live dashboard opened on the other mirror item types (issue #19 part 3), offscreen, against
// fabric-sandbox over loopback: a mirrored catalog's health and tables (with last update, metrics
// n/a), a Databricks catalog's syncDetails and "no tables", a SQL database's "No status call", an
// unknown Mirrored* type read-only, a catalog beside a mirrored database, hostile names as plain
// text, and the Other mirror items pane's Open dashboard (double-click and action).
#include "app/history/historystore.h"
#include "app/workspacebrowser.h"
#include "models/displaytext.h"
#include "models/mirroritemlistmodel.h"
#include "models/workspacelistmodel.h"
#include "sandbox/mirroritemstore.h"
#include "tests/support/sandboxfixture.h"
#include "tests/support/viewclick.h"
#include "ui/dashboard/dashboardfiltermodel.h"
#include "ui/dashboard/dashboardtablemodel.h"
#include "ui/dashboard/dashboardwindow.h"
#include "ui/dashboard/databaseheader.h"
#include "ui/dashboard/eventlogview.h"
#include "ui/dashboard/trendchart.h"
#include "ui/elidedlabel.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/mirroritems/mirroritemspane.h"

#include <QAction>
#include <QChart>
#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace fmc;
using namespace fmc::sandbox;
using namespace fmc::test;

namespace {

int col(TableStatusModel::Column c)
{
    return DashboardTableModel::column(c);
}

} // namespace

class TestDashboardItems : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void showsTheItem_data();
    void showsTheItem();
    void catalogTableFailureIsAnAlert();
    void catalogBesideADatabase();
    void compactLinesEndInAnEllipsis();
    void catalogHistoryDrawsNoRows();
    void hostileNamesArePlainText();
    void openedFromTheOtherMirrorItemsPane();

private:
    WatchedDatabase item(const QString &workspaceName, const QString &name) const;
    //! Shows a dashboard watching \a items and waits for its first refresh.
    bool open(const QList<WatchedDatabase> &items);
    bool refresh();
    int rowOf(const QString &table) const;
    QString cell(const QString &table, int column, int role = Qt::DisplayRole) const;

    SandboxFixture m_fx;
    std::unique_ptr<DashboardWindow> m_window;
};

void TestDashboardItems::init()
{
    SandboxOptions options;
    options.speed = 100;
    options.pageSize = 4; // the catalogs' tables come in pages
    QVERIFY(m_fx.up(options));
    m_window = std::make_unique<DashboardWindow>(m_fx.client);
    m_window->setRefreshInterval(std::chrono::hours(1)); // refreshes when a test asks
}

void TestDashboardItems::cleanup()
{
    m_window.reset();
    m_fx.down();
}

WatchedDatabase TestDashboardItems::item(const QString &workspaceName, const QString &name) const
{
    return m_fx.watchedItem(workspaceName, name);
}

bool TestDashboardItems::open(const QList<WatchedDatabase> &items)
{
    m_window->show();
    if (!QTest::qWaitForWindowExposed(m_window.get()))
        return false;
    QSignalSpy finished(m_window->monitor(), &StatusMonitor::refreshFinished);
    m_window->watch(items);
    return finished.wait(15000);
}

bool TestDashboardItems::refresh()
{
    QSignalSpy finished(m_window->monitor(), &StatusMonitor::refreshFinished);
    m_window->refreshNow();
    return finished.wait(15000);
}

int TestDashboardItems::rowOf(const QString &table) const
{
    const QAbstractItemModel *proxy = m_window->filterModel();
    for (int r = 0; r < proxy->rowCount(); ++r)
        if (proxy->index(r, col(TableStatusModel::Table)).data(UnderlyingDataRole).toString() == table)
            return r;
    return -1;
}

QString TestDashboardItems::cell(const QString &table, int column, int role) const
{
    const int row = rowOf(table);
    return row < 0 ? QString() : m_window->filterModel()->index(row, column).data(role).toString();
}

void TestDashboardItems::showsTheItem_data()
{
    QTest::addColumn<QString>("workspace");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("health");
    QTest::addColumn<int>("tables");
    QTest::addColumn<QString>("totals"); // a part of the header's totals line
    QTest::addColumn<QString>("error");  // a part of the header's error line; empty: none shown
    QTest::newRow("mirrored catalog") << "Sales Analytics" << "IcebergSales" << "Running, 1 table failed" << 9
                                      << "rows n/a" << "";
    QTest::newRow("failed mirrored catalog") << "Finance" << "GlueFinance" << "Failed" << 1 << "1 table"
                                             << "Error InvalidInput: Authentication";
    QTest::newRow("Databricks catalog") << "Sales Analytics" << "UnitySales" << "Synced" << 0
                                        << "no tables: the API has no per-table status" << "";
    QTest::newRow("Databricks catalog, failed sync") << "Finance" << "UnityFinance" << "Sync failed" << 0
                                                     << "mirroring mode Partial" << "Error CatalogNotAccessible";
    QTest::newRow("SQL database") << "Sales Analytics" << "OrdersDb" << "No status call" << 0
                                  << "No status call: the SQL database API has none" << "";
    QTest::newRow("unknown Mirrored* type") << "Operations" << "SensorEvents" << "Read-only" << 0
                                            << "MirroredCosmosDbContainer · read-only" << "";
}

void TestDashboardItems::showsTheItem()
{
    QFETCH(QString, workspace);
    QFETCH(QString, name);
    QFETCH(QString, health);
    QFETCH(int, tables);
    QFETCH(QString, totals);
    QFETCH(QString, error);
    const WatchedDatabase watched = item(workspace, name);
    QVERIFY(!watched.itemType.isEmpty());
    QVERIFY(open({watched}));
    DatabaseHeader *header = m_window->header(watched.databaseId);
    QVERIFY(header);
    QVERIFY(QTest::qWaitFor([&] { return header->healthText() == health; }, 5000));
    auto *totalsLabel = header->findChild<QLabel *>(QStringLiteral("headerTotals"));
    QVERIFY2(totalsLabel->text().contains(totals), qPrintable(totalsLabel->text()));
    QCOMPARE(header->errorText().isEmpty(), error.isEmpty());
    QVERIFY2(header->errorText().contains(error), qPrintable(header->errorText()));
    QVERIFY(QTest::qWaitFor([&] { return m_window->filterModel()->rowCount() == tables; }, 5000));
    QCOMPARE(m_window->windowTitle(), name + QStringLiteral(" — mirroring dashboard"));
    // A catalog's tables have a last update; nobody else's do.
    const bool catalog = watched.kind() == MirrorItemKind::MirroredCatalog;
    QCOMPARE(m_window->tableView()->isColumnHidden(col(TableStatusModel::LastUpdate)), !catalog);
    // Only a mirrored database's tables have a ladder of fixes.
    if (tables > 0) {
        m_window->tableView()->setCurrentIndex(m_window->filterModel()->index(0, col(TableStatusModel::Table)));
        QVERIFY(!m_window->findChild<QWidget *>(QStringLiteral("fixLadderPanel"))
                 || !m_window->findChild<QWidget *>(QStringLiteral("fixLadderPanel"))->isVisible());
    }
}

void TestDashboardItems::catalogTableFailureIsAnAlert()
{
    const WatchedDatabase iceberg = item(QStringLiteral("Sales Analytics"), QStringLiteral("IcebergSales"));
    QVERIFY(open({iceberg}));
    QTRY_COMPARE(m_window->filterModel()->rowCount(), 9);
    // Worst first: the failed table on top, with its error; rows and bytes not given: n/a, not 0.
    const QAbstractItemModel *proxy = m_window->filterModel();
    QCOMPARE(proxy->index(0, col(TableStatusModel::Status)).data().toString(), QStringLiteral("Failed"));
    QCOMPARE(proxy->index(0, col(TableStatusModel::ErrorCode)).data().toString(), QStringLiteral("TableLocationNotAccessible"));
    QCOMPARE(proxy->index(0, DashboardTableModel::Database).data(DashboardTableModel::AlertRole).toBool(), true);
    for (int r = 0; r < proxy->rowCount(); ++r) {
        QCOMPARE(proxy->index(r, col(TableStatusModel::ProcessedRows)).data().toString(), QStringLiteral("n/a"));
        QCOMPARE(proxy->index(r, col(TableStatusModel::Latency)).data().toString(), QStringLiteral("n/a"));
    }
    QVERIFY(!cell(QStringLiteral("Customers"), col(TableStatusModel::LastUpdate)).isEmpty());

    // A table turning Failed raises an alert and highlights its row; its recovery clears it.
    MirrorItemStore::Catalog *source = m_fx.sandbox->state()->mirrorItems().catalog(iceberg.workspaceId, iceberg.databaseId);
    MirrorItemStore::CatalogTable &orders = source->tables[8]; // Orders.Customers
    QCOMPARE(orders.name, QStringLiteral("Customers"));
    orders.status = QStringLiteral("Failed");
    orders.errorCode = QStringLiteral("TableLocationNotAccessible");
    QSignalSpy alerts(m_window.get(), &DashboardWindow::alertRaised);
    QVERIFY(refresh());
    QCOMPARE(alerts.count(), 1);
    QVERIFY2(alerts.first().at(1).toString().contains(QLatin1String("Orders.Customers failed")),
             qPrintable(alerts.first().at(1).toString()));
    QTRY_COMPARE(m_window->header(iceberg.databaseId)->healthText(), QStringLiteral("Running, 2 tables failed"));
    bool highlighted = false;
    for (int r = 0; r < proxy->rowCount(); ++r)
        if (proxy->index(r, col(TableStatusModel::Schema)).data().toString() == QLatin1String("Orders")
            && proxy->index(r, col(TableStatusModel::Table)).data().toString() == QLatin1String("Customers"))
            highlighted = proxy->index(r, 0).data(DashboardTableModel::AlertRole).toBool();
    QVERIFY(highlighted);

    orders.status = QStringLiteral("Running");
    orders.errorCode.clear();
    QVERIFY(refresh());
    QCOMPARE(alerts.count(), 1); // a recovery is logged, not alerted
    QTRY_COMPARE(m_window->header(iceberg.databaseId)->healthText(), QStringLiteral("Running, 1 table failed"));
    const QTreeWidget *log = m_window->eventLog();
    QVERIFY(log->topLevelItemCount() > 0);
    bool recovered = false;
    for (int i = 0; i < log->topLevelItemCount(); ++i)
        recovered = recovered || log->topLevelItem(i)->text(EventLogView::Event).contains(QLatin1String("recovered"), Qt::CaseInsensitive);
    QVERIFY(recovered);
}

void TestDashboardItems::catalogBesideADatabase()
{
    const WatchedDatabase iceberg = item(QStringLiteral("Sales Analytics"), QStringLiteral("IcebergSales"));
    const WatchedDatabase sales = item(QStringLiteral("Sales Analytics"), QStringLiteral("SalesMirror"));
    const WatchedDatabase unity = item(QStringLiteral("Sales Analytics"), QStringLiteral("UnitySales"));
    QVERIFY(sales.itemType.isEmpty());
    QVERIFY(open({sales, iceberg, unity}));
    QCOMPARE(m_window->windowTitle(), QStringLiteral("3 mirror items — mirroring dashboard"));
    QVERIFY(QTest::qWaitFor([&] { return m_window->header(unity.databaseId)->healthText() == QLatin1String("Synced"); }, 5000));
    // The database's tables keep their metrics; the catalog's say n/a in the same columns.
    const int salesTables = m_window->monitor()->tableModel(sales.databaseId)->rowCount();
    QVERIFY(salesTables > 0);
    QTRY_COMPARE(m_window->tableModel()->rowCount(), salesTables + 9);
    int notAvailable = 0, counted = 0;
    const QAbstractItemModel *model = m_window->tableModel();
    for (int r = 0; r < model->rowCount(); ++r) {
        const QString rows = model->index(r, col(TableStatusModel::ProcessedRows)).data().toString();
        const QString db = model->index(r, 0).data(DashboardTableModel::DatabaseIdRole).toString();
        if (db == iceberg.databaseId)
            notAvailable += rows == QLatin1String("n/a");
        else
            counted += rows != QLatin1String("n/a");
    }
    QCOMPARE(notAvailable, 9);
    QCOMPARE(counted, salesTables);
    QVERIFY(!m_window->tableView()->isColumnHidden(DashboardTableModel::Database));
    QVERIFY(!m_window->tableView()->isColumnHidden(col(TableStatusModel::LastUpdate)));
}

// Three items or more make the headers compact: at 1024 px the Databricks catalog's error and
// item line are wider than their column, and are drawn ending in "…" (once cut without a mark,
// they read as the whole message).
void TestDashboardItems::compactLinesEndInAnEllipsis()
{
    const WatchedDatabase unity = item(QStringLiteral("Finance"), QStringLiteral("UnityFinance"));
    const WatchedDatabase iceberg = item(QStringLiteral("Sales Analytics"), QStringLiteral("IcebergSales"));
    const WatchedDatabase orders = item(QStringLiteral("Sales Analytics"), QStringLiteral("OrdersDb"));
    m_window->resize(1024, 700);
    QVERIFY(open({unity, iceberg, orders}));
    DatabaseHeader *header = m_window->header(unity.databaseId);
    QVERIFY(QTest::qWaitFor([&] { return header->healthText() == QLatin1String("Sync failed"); }, 5000));
    auto *error = header->findChild<ElidedLabel *>(QStringLiteral("headerError"));
    auto *totals = header->findChild<ElidedLabel *>(QStringLiteral("headerTotals"));
    QVERIFY(error && totals);
    QTRY_VERIFY(error->isVisible());
    QVERIFY2(error->isElided(), qPrintable(error->text()));
    // Cut where drawn only: the words are all there, and all in the tooltip.
    QVERIFY2(error->text().contains(QStringLiteral("USE CATALOG")), qPrintable(error->text()));
    QVERIFY(error->toolTip().contains(QStringLiteral("USE CATALOG")));
    QVERIFY2(totals->isElided(), qPrintable(totals->text()));
    QVERIFY(totals->toolTip().contains(totals->text()));
    // A line that fits is not touched.
    auto *short_ = m_window->header(orders.databaseId)->findChild<ElidedLabel *>(QStringLiteral("headerName"));
    QVERIFY(short_ && !short_->isElided());
}

// A catalog's API gives no rows: its stored samples hold NULL, read back as unknown and left out
// of the chart, where they once came back as 0 and drew a flat line at zero.
void TestDashboardItems::catalogHistoryDrawsNoRows()
{
    const WatchedDatabase iceberg = item(QStringLiteral("Sales Analytics"), QStringLiteral("IcebergSales"));
    QVERIFY(open({iceberg}));
    QCOMPARE(m_window->trendChart()->pointCount(), 0); // the live hour: nothing to draw either
    // ... and the empty chart says why, not that it waits for a refresh that already came.
    QTRY_COMPARE(m_window->trendChart()->emptyText(), QStringLiteral("No rows or latency to plot."));
    QVERIFY(m_window->trendChart()->findChild<QLabel *>(QStringLiteral("trendChartEmpty"))->isVisible());
    const TableStatusRow first = m_window->monitor()->tableModel(iceberg.databaseId)->rowAt(0);
    const QString schema = first.status.sourceSchemaName, table = first.status.sourceTableName;

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("history.sqlite"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    {
        HistoryStore store;
        store.open(path);
        QVERIFY(QTest::qWaitFor([&] { return store.state() == HistoryStore::State::Writing; }, 10000));
        QList<DatabaseSample> totals;
        QList<TableSample> tables;
        for (qint64 t = now - 20 * 3600 * 1000LL; t < now; t += 5 * 60 * 1000) {
            DatabaseSample d;
            d.databaseId = iceberg.databaseId;
            d.timeMs = t;
            d.status = QStringLiteral("Running");
            d.rows = d.bytes = -1; // as HistoryRecorder keeps a catalog
            totals.append(d);
            TableSample s;
            s.databaseId = iceberg.databaseId;
            s.schema = schema;
            s.table = table;
            s.timeMs = t;
            s.status = QStringLiteral("Running");
            tables.append(s); // rows and bytes -1 by default
        }
        const qint64 n = totals.size() + tables.size();
        store.record(tables, totals, {});
        QVERIFY(QTest::qWaitFor([&] { return store.committedCount() == n; }, 10000));
    }
    m_window->setHistoryFile(path);
    QComboBox *range = m_window->chartRangeBox();
    range->setCurrentIndex(range->findData(24));
    QVERIFY(range->currentIndex() > 0);
    const auto chartTitle = [&] { return m_window->trendChart()->chart()->title(); };
    QVERIFY(QTest::qWaitFor([&] { return chartTitle().contains(range->currentText()); }, 10000));
    QVERIFY2(chartTitle().contains(QLatin1String("no rows")), qPrintable(chartTitle()));
    QCOMPARE(m_window->trendChart()->pointCount(), 0);

    QVERIFY(m_window->selectTable(iceberg.databaseId, schema, table));
    QVERIFY(QTest::qWaitFor([&] { return chartTitle().contains(table) && chartTitle().contains(range->currentText()); }, 10000));
    QCOMPARE(m_window->trendChart()->pointCount(), 0);
}

void TestDashboardItems::hostileNamesArePlainText()
{
    const WatchedDatabase iceberg = item(QStringLiteral("Sales Analytics"), QStringLiteral("IcebergSales"));
    MirrorItemStore::Catalog *source = m_fx.sandbox->state()->mirrorItems().catalog(iceberg.workspaceId, iceberg.databaseId);
    const QString hostileTable = QStringLiteral("<img src=x onerror=alert(1)>\u202Egnp.exe");
    source->tables[0].name = hostileTable;
    source->tables[0].status = QStringLiteral("Failed");
    source->tables[0].errorCode = QStringLiteral("<b>Bold</b>");
    source->tables[0].errorMessage = QStringLiteral("<a href='x'>click</a> ") + QString(3000, u'x');
    WatchedDatabase hostile = iceberg;
    hostile.displayName = QStringLiteral("<h1>Evil</h1>\u202Eoc.lmth") + QString(400, u'y');
    QVERIFY(open({hostile}));
    QTRY_COMPARE(m_window->filterModel()->rowCount(), 9);
    DatabaseHeader *header = m_window->header(iceberg.databaseId);
    auto *name = header->findChild<QLabel *>(QStringLiteral("headerName"));
    QCOMPARE(name->textFormat(), Qt::PlainText);
    QCOMPARE(name->text(), displayText(hostile.displayName));
    QVERIFY(!name->text().contains(QChar(0x202E))); // cannot turn itself around
    QVERIFY(name->text().size() < hostile.displayName.size()); // cut
    QVERIFY(m_window->windowTitle().startsWith(displayText(hostile.displayName)));
    // The row shows the table name as displayText gives it, and the header's error is plain text.
    QVERIFY(rowOf(hostileTable) >= 0);
    QCOMPARE(cell(hostileTable, col(TableStatusModel::Table)), displayText(hostileTable));
    auto *error = header->findChild<QLabel *>(QStringLiteral("headerError"));
    QCOMPARE(error->textFormat(), Qt::PlainText);
    QVERIFY(header->healthText().startsWith(QLatin1String("Running")));
}

void TestDashboardItems::openedFromTheOtherMirrorItemsPane()
{
    WorkspaceBrowser browser(m_fx.client);
    MainWindow window;
    window.resize(1360, 820);
    window.setBrowser(&browser);
    window.setClient(m_fx.client);
    window.setSignedIn(QStringLiteral("sandbox"), m_fx.config().apiBaseUrl.toString());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    browser.reloadWorkspaces();
    QVERIFY(QTest::qWaitFor([&] { return browser.workspaces()->rowCount() > 0; }, 10000));
    QVERIFY(clickRowNamed(window.findChild<QTableView *>(QStringLiteral("workspaceList")), WorkspaceListModel::Name,
                          QStringLiteral("Sales Analytics")));
    MirrorItemsPane *pane = window.mirrorItemsPane();
    QTableView *view = pane->view();
    const auto rowNamed = [view](const QString &name) {
        for (int r = 0; r < view->model()->rowCount(); ++r)
            if (view->model()->index(r, MirrorItemListModel::Name).data().toString() == name)
                return r;
        return -1;
    };
    QVERIFY(QTest::qWaitFor([&] { return rowNamed(QStringLiteral("IcebergSales")) >= 0 && rowNamed(QStringLiteral("UnitySales")) >= 0; }, 10000));
    QVERIFY(!pane->openDashboardAction()->isEnabled()); // nothing selected yet

    QSignalSpy requested(&window, &MainWindow::dashboardRequested);
    // A double-click on a row opens it.
    const QModelIndex iceberg = view->model()->index(rowNamed(QStringLiteral("IcebergSales")), MirrorItemListModel::Name);
    view->scrollTo(iceberg);
    const QPoint at = view->visualRect(iceberg).center();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
    QTRY_COMPARE(requested.count(), 1);
    const auto first = requested.takeFirst().at(0).value<QList<WatchedDatabase>>();
    QCOMPARE(first.size(), 1);
    QCOMPARE(first.first().displayName, QStringLiteral("IcebergSales"));
    QCOMPARE(first.first().itemType, QStringLiteral("MirroredCatalog"));
    QCOMPARE(first.first().workspaceId, m_fx.workspaceNamed(QStringLiteral("Sales Analytics")));

    // So does the tool bar's action, on the selected row.
    QVERIFY(clickRowNamed(view, MirrorItemListModel::Name, QStringLiteral("UnitySales")));
    QVERIFY(pane->openDashboardAction()->isEnabled());
    pane->openDashboardAction()->trigger();
    QCOMPARE(requested.count(), 1);
    const auto second = requested.takeFirst().at(0).value<QList<WatchedDatabase>>();
    QCOMPARE(second.first().itemType, QStringLiteral("MirroredAzureDatabricksCatalog"));
    QCOMPARE(second.first().kind(), MirrorItemKind::AzureDatabricksCatalog);
}

QTEST_MAIN(TestDashboardItems)
#include "tst_dashboard_items.moc"
