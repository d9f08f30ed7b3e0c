// The dashboard window, offscreen, against the real fabric-sandbox over loopback: the failing
// table of SensorLanding in the row, the header and the log; sort, selection and scroll through
// refreshes; a 429 countdown; status links as filters; CSV; many databases at once.
// FMC_DASHBOARD_SHOTS=<dir> also saves what the window looked like (for the README pictures).

#include "tests/support/contrast.h"
#include "tests/support/dashboardharness.h"
#include "tests/support/timefactor.h"

#include "app/dashboard/dashboardtargetresolver.h"
#include "sandbox/faultrule.h"
#include "ui/dashboard/dashboardfiltermodel.h"
#include "ui/dashboard/dashboardtablemodel.h"
#include "ui/dashboard/dashboardwindow.h"
#include "ui/dashboard/databaseheader.h"
#include "ui/dashboard/eventlogview.h"
#include "ui/dashboard/tablecsv.h"
#include "ui/dashboard/trendchart.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QChart>
#include <QClipboard>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QStyle>
#include <QTreeWidget>

#include <cmath>

using namespace fmc;
using namespace fmc::test;
using sandbox::FaultRule;

namespace {

using Col = TableStatusModel::Column;

int col(Col c)
{
    return DashboardTableModel::column(c);
}

//! Waits for the refresh under way (or one started now) to finish.
bool waitForRefresh(DashboardWindow &window, bool startOne = true)
{
    QSignalSpy finished(window.monitor(), &StatusMonitor::refreshFinished);
    if (startOne)
        window.refreshNow();
    return finished.wait(scaledMs(20000));
}

int proxyRowOf(const DashboardWindow &window, const QString &table)
{
    const QAbstractItemModel *proxy = window.filterModel();
    for (int r = 0; r < proxy->rowCount(); ++r)
        if (proxy->index(r, col(Col::Table)).data(UnderlyingDataRole).toString() == table)
            return r;
    return -1;
}

QString keyAt(const QAbstractItemModel *model, int row)
{
    return model->index(row, 0).data(DashboardTableModel::DatabaseIdRole).toString() + u'/'
           + model->index(row, col(Col::Schema)).data(UnderlyingDataRole).toString() + u'.'
           + model->index(row, col(Col::Table)).data(UnderlyingDataRole).toString();
}

//! Shows \a window (refreshing only when a test asks), watches \a databases and waits for the
//! first refresh to finish.
bool showAndWatch(DashboardWindow &window, const QList<WatchedDatabase> &databases)
{
    window.setRefreshInterval(std::chrono::hours(1));
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return false;
    QSignalSpy finished(window.monitor(), &StatusMonitor::refreshFinished);
    window.watch(databases);
    return finished.wait(scaledMs(30000));
}

//! Rows of the view whose status is \a status (the sandbox decides which open-mirroring tables
//! its source lacks; legacy_sensors always is one).
int rowsWithStatus(const QAbstractItemModel *model, const QString &status)
{
    int n = 0;
    for (int r = 0; r < model->rowCount(); ++r)
        if (model->index(r, 0).data(DashboardTableModel::StatusTextRole).toString() == status)
            ++n;
    return n;
}

//! Whether the rows go worst status first: Failed, warnings, then the rest (statusRank()).
bool isWorstFirst(const QAbstractItemModel *proxy)
{
    const auto *source = qobject_cast<const DashboardTableModel *>(
        static_cast<const QSortFilterProxyModel *>(proxy)->sourceModel());
    int last = -1;
    for (int r = 0; r < proxy->rowCount(); ++r) {
        const QModelIndex index = static_cast<const QSortFilterProxyModel *>(proxy)->mapToSource(proxy->index(r, 0));
        const int rank = TableStatusModel::statusRank(source->tableRow(index.row())->status);
        if (rank < last)
            return false;
        last = rank;
    }
    return true;
}

//! Makes \a count of \a mirror's replicating tables fail after the next clock advance (all when
//! \a count is negative); returns their names.
QStringList failTables(sandbox::FabricState::Mirror *mirror, int count, int skip = 0)
{
    QStringList names;
    for (auto &t : mirror->tables) {
        if (count >= 0 && names.size() >= count)
            break;
        if (t.failAfterMs >= 0 || t.missing || skip-- > 0)
            continue;
        t.failAfterMs = 0;
        names << t.table;
    }
    return names;
}

//! The header's word for \a db as the monitor saw it: "Failed" when every table failed.
QString expectedHealth(const DashboardWindow &window, const WatchedDatabase &db)
{
    const DatabaseSnapshot s = window.monitor()->snapshot(db.databaseId);
    int tables = 0;
    for (int n : s.tablesByStatus)
        tables += n;
    const int failed = s.tablesByStatus.value(QStringLiteral("Failed"));
    return failed == 0        ? QStringLiteral("Running")
           : failed == tables ? QStringLiteral("Failed")
                              : QStringLiteral("Running with warning");
}

bool logHas(const EventLogView *log, const QString &table, const QString &event)
{
    for (int i = 0; i < log->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = log->topLevelItem(i);
        if (item->text(EventLogView::Table) == table && item->text(EventLogView::Event) == event)
            return true;
    }
    return false;
}

void maybeSaveShot(QWidget *window, const QString &name)
{
    const QString dir = qEnvironmentVariable("FMC_DASHBOARD_SHOTS");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QTest::qWait(50); // let pending layouts and paints run, as they would before anyone looks
    QVERIFY(window->grab().save(QDir(dir).filePath(name + QStringLiteral(".png"))));
}

const QByteArray ghostDefinition =
    R"({"properties":{"source":{"type":"GenericMirror","typeProperties":{}},)"
    R"("target":{"type":"MountedRelationalDatabase","typeProperties":{"format":"Delta"}},)"
    R"("mountedTables":[)"
    R"({"source":{"typeProperties":{"schemaName":"dbo","tableName":"customers"}}},)"
    R"({"source":{"typeProperties":{"schemaName":"dbo","tableName":"legacy_sensors"}}},)"
    R"({"source":{"typeProperties":{"schemaName":"sales","tableName":"orders"}}},)"
    R"({"source":{"typeProperties":{"schemaName":"dbo","tableName":"ghost"}}}]}})";

} // namespace

class TestDashboard : public QObject
{
    Q_OBJECT
private slots:
    void failingTableShowsInRowHeaderAndLog();
    void sortSelectionAndScrollSurviveRefreshes_data();
    void sortSelectionAndScrollSurviveRefreshes();
    void throttlingShowsCountdownThenRecovers();
    void statusCountsAreFilters();
    void exportsTheViewAsCsv();
    void csvFields_data();
    void csvFields();
    void watchesManyDatabases();
    void headersWorstFirstAllReachable_data();
    void headersWorstFirstAllReachable();
    void pagesAppearAsTheyArrive();
    void rowsKeepPlacesThenResortOnce_data();
    void rowsKeepPlacesThenResortOnce();
    void idleHoldDoesNotResort();
    void refreshWithoutStatusChangesDoesNotResort();
    void trendChartFollowsSelection();
    void emptyTrendChartSaysWhy();
    void pauseAndResume();
    void worstStatusFirstAcrossRefreshes();
    void everyTableFailedIsFailedAndFirst();
    void headerSaysTableLimitReached();
    void keyboardReachesActions_data();
    void keyboardReachesActions();
    void activatingAnEventSelectsItsTable();
    void coloursReadableInADarkPalette_data();
    void coloursReadableInADarkPalette();
    void eventLogTimeAndEventFit_data();
    void eventLogTimeAndEventFit();
};

void TestDashboard::failingTableShowsInRowHeaderAndLog()
{
    DashboardHarness h;
    const WatchedDatabase db = h.database(QStringLiteral("SensorLanding"));
    DashboardWindow window(h.client.get());
    window.setRefreshInterval(std::chrono::hours(1));
    QSignalSpy alerts(&window, &DashboardWindow::alertRaised);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy finished(window.monitor(), &StatusMonitor::refreshFinished);
    window.watch({db});
    QVERIFY(finished.wait(scaledMs(20000)));

    // The row: status text and icon, error code and message, highlighted.
    const QAbstractItemModel *proxy = window.filterModel();
    QCOMPARE(proxy->rowCount(), 3);
    const int row = proxyRowOf(window, QStringLiteral("legacy_sensors"));
    QVERIFY(row >= 0);
    QCOMPARE(proxy->index(row, col(Col::Status)).data().toString(), QStringLiteral("Failed"));
    QVERIFY(!proxy->index(row, col(Col::Status)).data(Qt::DecorationRole).value<QIcon>().isNull());
    QCOMPARE(proxy->index(row, col(Col::ErrorCode)).data().toString(), QStringLiteral("SourceTableNotFound"));
    QCOMPARE(proxy->index(row, col(Col::ErrorMessage)).data().toString(), QStringLiteral("The source table does not exist."));
    QVERIFY(proxy->index(row, col(Col::Table)).data(DashboardTableModel::AlertRole).toBool());
    QVERIFY(proxy->index(row, col(Col::Table)).data(Qt::BackgroundRole).isValid());
    const int failed = rowsWithStatus(proxy, QStringLiteral("Failed"));
    QVERIFY(failed >= 1);
    for (int r = 0; r < proxy->rowCount(); ++r) // exactly the failed rows are highlighted
        QCOMPARE(proxy->index(r, col(Col::Table)).data(Qt::BackgroundRole).isValid(),
                 proxy->index(r, 0).data(DashboardTableModel::StatusTextRole).toString() == QLatin1String("Failed"));

    // The header: the portal's word, and the count of failed tables.
    DatabaseHeader *header = window.header(db.databaseId);
    QVERIFY(header);
    QCOMPARE(header->healthText(),
             failed == proxy->rowCount() ? QStringLiteral("Failed") : QStringLiteral("Running with warning"));
    auto *counts = header->findChild<QLabel *>(QStringLiteral("headerCounts"));
    QVERIFY2(counts->text().contains(QStringLiteral("Failed %1").arg(failed)), qPrintable(counts->text()));
    auto *totals = header->findChild<QLabel *>(QStringLiteral("headerTotals"));
    QVERIFY2(totals->text().contains(QStringLiteral("3 tables")), qPrintable(totals->text()));

    // The log: the table was already failed when the dashboard opened.
    QVERIFY(logHas(window.eventLog(), QStringLiteral("dbo.legacy_sensors"), QStringLiteral("Table failed")));
    QCOMPARE(alerts.count(), 0); // not a transition: no desktop notification for old news

    // A table that turns Failed while watched: an alert, a log line and a highlighted row.
    QVERIFY(!h.sandbox->state()->updateDefinition(h.mirror(db), ghostDefinition));
    h.sandbox->advanceClock(60'000);
    QVERIFY(waitForRefresh(window));
    QTRY_COMPARE_WITH_TIMEOUT(alerts.count(), 1, scaledMs(5000));
    QVERIFY2(alerts.first().at(1).toString().contains(QStringLiteral("dbo.ghost")), qPrintable(alerts.first().at(1).toString()));
    QVERIFY(logHas(window.eventLog(), QStringLiteral("dbo.ghost"), QStringLiteral("Table failed")));
    const int ghost = proxyRowOf(window, QStringLiteral("ghost"));
    QVERIFY(ghost >= 0);
    QVERIFY(proxy->index(ghost, col(Col::Schema)).data(DashboardTableModel::AlertRole).toBool());
    QVERIFY2(counts->text().contains(QStringLiteral("Failed %1").arg(failed + 1)), qPrintable(counts->text()));

    // Mirroring stops: an alert and the header says so.
    QVERIFY(!h.sandbox->state()->stopMirroring(h.mirror(db)));
    QVERIFY(waitForRefresh(window));
    QTRY_COMPARE_WITH_TIMEOUT(alerts.count(), 2, scaledMs(5000));
    QCOMPARE(alerts.last().at(0).toString(), QStringLiteral("Mirroring stopped"));
    QVERIFY(logHas(window.eventLog(), QString(), QStringLiteral("Mirroring stopped")));
    QVERIFY(header->findChild<QLabel *>(QStringLiteral("headerTimes"))->text().contains(QStringLiteral("stopped")));
    QCOMPARE(proxy->rowCount(), 4); // the last known tables stay
    maybeSaveShot(&window, QStringLiteral("dashboard-one-database"));
}

void TestDashboard::sortSelectionAndScrollSurviveRefreshes_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<bool>("keepsPlaces"); // a value that changes: rows stay until Re-sort
    QTest::addRow("processed rows") << col(Col::ProcessedRows) << true;
    QTest::addRow("table name") << col(Col::Table) << false;
    QTest::addRow("last sync") << col(Col::LastSync) << true;
    QTest::addRow("latency") << col(Col::Latency) << true;
}

void TestDashboard::sortSelectionAndScrollSurviveRefreshes()
{
    QFETCH(int, column);
    QFETCH(bool, keepsPlaces);
    DashboardHarness h;
    const WatchedDatabase db = h.database(QStringLiteral("SalesMirror"));
    DashboardWindow window(h.client.get());
    window.setRefreshInterval(std::chrono::hours(1));
    window.resize(1000, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy finished(window.monitor(), &StatusMonitor::refreshFinished);
    window.watch({db});
    QVERIFY(finished.wait(scaledMs(20000)));
    QAbstractItemModelTester tester(window.tableModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(window.filterModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(window.filterModel(), &QAbstractItemModel::modelReset);

    QTableView *view = window.tableView();
    const QAbstractItemModel *proxy = window.filterModel();
    QCOMPARE(proxy->rowCount(), h.tableCount(db));

    // Sort by clicking the header, select a row by clicking it, scroll.
    QHeaderView *header = view->horizontalHeader();
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                      QPoint(header->sectionViewportPosition(column) + header->sectionSize(column) / 2, header->height() / 2));
    QCOMPARE(header->sortIndicatorSection(), column);
    const Qt::SortOrder order = header->sortIndicatorOrder();
    const QModelIndex target = proxy->index(5, col(Col::Table));
    view->scrollTo(target);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(target).center());
    QCOMPARE(view->selectionModel()->selectedRows().size(), 1);
    const QString selectedKey = keyAt(proxy, view->selectionModel()->selectedRows().first().row());
    QCOMPARE(selectedKey, keyAt(proxy, 5));
    QScrollBar *scroll = view->verticalScrollBar();
    QVERIFY2(scroll->maximum() > 3, "the window must be small enough to scroll");
    scroll->setValue(3);

    const auto isSorted = [&] {
        for (int r = 1; r < proxy->rowCount(); ++r) {
            const QVariant a = proxy->index(r - 1, column).data(UnderlyingDataRole);
            const QVariant b = proxy->index(r, column).data(UnderlyingDataRole);
            if (!a.isValid() || !b.isValid())
                continue;
            const auto cmp = QVariant::compare(a, b);
            const bool wrong = a.typeId() == QMetaType::QString
                                   ? (order == Qt::AscendingOrder ? a.toString().compare(b.toString(), Qt::CaseInsensitive) > 0
                                                                  : a.toString().compare(b.toString(), Qt::CaseInsensitive) < 0)
                                   : (order == Qt::AscendingOrder ? cmp == QPartialOrdering::Greater : cmp == QPartialOrdering::Less);
            if (wrong)
                return false;
        }
        return true;
    };
    QVERIFY(isSorted());
    const auto rowOrder = [&] {
        QStringList keys;
        for (int r = 0; r < proxy->rowCount(); ++r)
            keys << keyAt(proxy, r);
        return keys;
    };
    const QStringList sortedOnClick = rowOrder();
    auto *resort = window.findChild<QAction *>(QStringLiteral("resortAction"));
    QVERIFY(resort);
    QVERIFY(!resort->isEnabled());

    // Refreshes that change the numbers (sandbox time moves on).
    for (int i = 0; i < 3; ++i) {
        h.sandbox->advanceClock(45'000);
        QVERIFY(waitForRefresh(window));
        QCOMPARE(proxy->rowCount(), h.tableCount(db));
        QCOMPARE(header->sortIndicatorSection(), column);
        QCOMPARE(header->sortIndicatorOrder(), order);
        if (keepsPlaces) {
            // The operator's place is kept: no reshuffle on every refresh, a Re-sort on offer.
            QCOMPARE(rowOrder(), sortedOnClick);
            QVERIFY(resort->isEnabled());
        } else {
            QVERIFY(isSorted());
        }
        const QModelIndexList selected = view->selectionModel()->selectedRows();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(keyAt(proxy, selected.first().row()), selectedKey);
        QCOMPARE(keyAt(proxy, view->currentIndex().row()), selectedKey);
        QCOMPARE(scroll->value(), 3);
    }
    if (keepsPlaces) {
        QVERIFY2(!isSorted(), "the values did not change: the test proves nothing");
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keySequence(&window, resort->shortcut());
        QVERIFY(isSorted());
        QVERIFY(!resort->isEnabled());
        QCOMPARE(keyAt(proxy, view->selectionModel()->selectedRows().first().row()), selectedKey);
    }
    QCOMPARE(resets.count(), 0);
}

void TestDashboard::throttlingShowsCountdownThenRecovers()
{
    DashboardHarness h; // time scale 0.01: Retry-After 50 s waits 0.5 s
    const WatchedDatabase db = h.database(QStringLiteral("SalesMirror"));
    FaultRule rule;
    rule.kind = FaultRule::Kind::Status;
    rule.status = 429;
    rule.operation = QStringLiteral("getTablesMirroringStatus");
    rule.retryAfter = QByteArray("50");
    rule.count = 1;
    h.sandbox->addFault(rule);

    DashboardWindow window(h.client.get());
    window.setRefreshInterval(std::chrono::hours(1));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy finished(window.monitor(), &StatusMonitor::refreshFinished);
    window.watch({db});
    auto *label = window.findChild<QLabel *>(QStringLiteral("throttleLabel"));
    QVERIFY(label);
    const auto secondsShown = [label] {
        const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("retrying in (\\d+) s")).match(label->text());
        return m.hasMatch() ? m.captured(1).toInt() : -1;
    };
    QTRY_VERIFY_WITH_TIMEOUT(label->isVisible() && secondsShown() > 0, scaledMs(10000));
    const int first = secondsShown();
    QVERIFY2(first > 10 && first <= 50, qPrintable(label->text()));
    QTRY_VERIFY_WITH_TIMEOUT(secondsShown() > 0 && secondsShown() < first, scaledMs(10000)); // it counts down
    QTRY_VERIFY_WITH_TIMEOUT(!label->isVisible(), scaledMs(15000));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, scaledMs(15000));
    QCOMPARE(finished.first().at(1).toInt(), 0); // recovered: nothing failed
    QCOMPARE(window.filterModel()->rowCount(), h.tableCount(db));
    QVERIFY(window.findChild<QLabel *>(QStringLiteral("lastRefreshLabel"))->text().contains(QStringLiteral("Last refresh finished")));
}

void TestDashboard::statusCountsAreFilters()
{
    DashboardHarness h;
    const WatchedDatabase db = h.database(QStringLiteral("SensorLanding"));
    DashboardWindow window(h.client.get());
    QVERIFY(showAndWatch(window, {db}));
    const QAbstractItemModel *proxy = window.filterModel();
    QCOMPARE(proxy->rowCount(), 3);
    const int failed = rowsWithStatus(proxy, QStringLiteral("Failed"));
    QVERIFY(failed >= 1);

    auto *counts = window.header(db.databaseId)->findChild<QLabel *>(QStringLiteral("headerCounts"));
    const QRegularExpressionMatch failedLink =
        QRegularExpression(QStringLiteral("href=\"(status:Failed)\"")).match(counts->text());
    QVERIFY2(failedLink.hasMatch(), qPrintable(counts->text()));
    emit counts->linkActivated(failedLink.captured(1)); // what a click on "Failed n" sends
    QCOMPARE(proxy->rowCount(), failed);
    QCOMPARE(rowsWithStatus(proxy, QStringLiteral("Failed")), failed);
    QVERIFY(proxyRowOf(window, QStringLiteral("legacy_sensors")) >= 0);
    auto *statusCombo = window.findChild<QComboBox *>(QStringLiteral("statusFilter"));
    QCOMPARE(statusCombo->currentData().toString(), QStringLiteral("Failed"));

    emit counts->linkActivated(QStringLiteral("status:")); // "All 3"
    QCOMPARE(proxy->rowCount(), 3);

    // The text filter, typed: matches table names, qualified names and error texts.
    auto *filter = window.findChild<QLineEdit *>(QStringLiteral("filterEdit"));
    QTest::keyClicks(filter, QStringLiteral("sales.ord"));
    QCOMPARE(proxy->rowCount(), 1);
    QCOMPARE(proxy->index(0, col(Col::Table)).data().toString(), QStringLiteral("orders"));
    filter->clear();
    QTest::keyClicks(filter, QStringLiteral("LEGACY_S"));
    QCOMPARE(proxy->rowCount(), 1);
    filter->clear();
    QTest::keyClicks(filter, QStringLiteral("notfound")); // the error code
    QVERIFY(proxy->rowCount() >= 1);
    QVERIFY(proxyRowOf(window, QStringLiteral("legacy_sensors")) >= 0);
    filter->clear();
    QCOMPARE(proxy->rowCount(), 3);

    // The status combo box filters as well, and a refresh keeps the filter.
    statusCombo->setCurrentIndex(statusCombo->findData(QStringLiteral("Failed")));
    QCOMPARE(proxy->rowCount(), failed);
    QVERIFY(waitForRefresh(window));
    QCOMPARE(proxy->rowCount(), failed);
    statusCombo->setCurrentIndex(statusCombo->findData(QStringLiteral("Replicating")));
    QCOMPARE(proxy->rowCount(), 3 - failed - rowsWithStatus(window.tableModel(), QStringLiteral("Snapshotting"))
                                    - rowsWithStatus(window.tableModel(), QStringLiteral("Initialized"))
                                    - rowsWithStatus(window.tableModel(), QStringLiteral("Reseeding")));
}

void TestDashboard::exportsTheViewAsCsv()
{
    DashboardHarness h;
    const WatchedDatabase db = h.database(QStringLiteral("SensorLanding"));
    DashboardWindow window(h.client.get());
    QVERIFY(showAndWatch(window, {db}));
    window.tableView()->sortByColumn(col(Col::Table), Qt::DescendingOrder);

    const QString csv = window.viewCsv();
    QStringList lines = csv.split(QStringLiteral("\r\n"));
    QCOMPARE(lines.takeLast(), QString()); // every line ends with CRLF
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines.at(0), QStringLiteral("Schema,Table,Type,Status,Rows,Bytes,Rows/s,Bytes/s,Last sync,Latency,Error code,Error"));
    QVERIFY(lines.at(1).startsWith(QStringLiteral("sales,orders,")));
    const int legacy = proxyRowOf(window, QStringLiteral("legacy_sensors"));
    const QDateTime lastSync = window.filterModel()->index(legacy, col(Col::LastSync)).data(UnderlyingDataRole).toDateTime();
    QVERIFY(lastSync.isValid());
    QCOMPARE(lines.at(2), QStringLiteral("dbo,legacy_sensors,Table,Failed,0,0,,,%1,,SourceTableNotFound,"
                                         "The source table does not exist.")
                              .arg(lastSync.toUTC().toString(Qt::ISODateWithMs)));
    QVERIFY(lines.at(3).startsWith(QStringLiteral("dbo,customers,")));

    // The filtered view is what is exported.
    window.findChild<QLineEdit *>(QStringLiteral("filterEdit"))->setText(QStringLiteral("legacy"));
    QCOMPARE(window.viewCsv().count(QStringLiteral("\r\n")), 2);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("view.csv"));
    QString error;
    QVERIFY2(window.exportCsv(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(file.readAll()), window.viewCsv());
    QVERIFY(!window.exportCsv(dir.filePath(QStringLiteral("no/such/dir/x.csv")), &error));

    // Copy: the selected rows with the header line.
    window.findChild<QLineEdit *>(QStringLiteral("filterEdit"))->clear();
    window.tableView()->selectRow(proxyRowOf(window, QStringLiteral("legacy_sensors")));
    window.copySelectedRows();
    const QStringList copied = QApplication::clipboard()->text().split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(copied.size(), 2);
    QVERIFY(copied.at(1).startsWith(QStringLiteral("dbo,legacy_sensors,Table,Failed")));
}

void TestDashboard::csvFields_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("field");
    QTest::addRow("plain") << QStringLiteral("orders") << QStringLiteral("orders");
    QTest::addRow("empty") << QString() << QString();
    QTest::addRow("comma") << QStringLiteral("a,b") << QStringLiteral("\"a,b\"");
    QTest::addRow("quote") << QStringLiteral("say \"hi\"") << QStringLiteral("\"say \"\"hi\"\"\"");
    QTest::addRow("newline") << QStringLiteral("line1\nline2") << QStringLiteral("\"line1\nline2\"");
    QTest::addRow("carriage return") << QStringLiteral("a\rb") << QStringLiteral("\"a\rb\"");
    QTest::addRow("formula") << QStringLiteral("=HYPERLINK(\"x\")") << QStringLiteral("\"'=HYPERLINK(\"\"x\"\")\"");
    QTest::addRow("at sign") << QStringLiteral("@cmd") << QStringLiteral("'@cmd");
    QTest::addRow("negative number") << QStringLiteral("-12.5") << QStringLiteral("-12.5");
    QTest::addRow("leading tab") << QStringLiteral("\t=1+2") << QStringLiteral("'\t=1+2");
    QTest::addRow("leading CR") << QStringLiteral("\r=1+2") << QStringLiteral("\"'\r=1+2\"");
    QTest::addRow("unicode") << QStringLiteral("tëst, ✓") << QStringLiteral("\"tëst, ✓\"");
}

void TestDashboard::csvFields()
{
    QFETCH(QString, value);
    QFETCH(QString, field);
    QCOMPARE(TableCsv::field(value), field);
}

void TestDashboard::watchesManyDatabases()
{
    DashboardHarness h;
    DashboardTargetResolver resolver(h.client.get());
    QSignalSpy resolved(&resolver, &DashboardTargetResolver::resolved);
    resolver.resolve(QStringLiteral("all"));
    QVERIFY(resolved.wait(scaledMs(20000)));
    const auto databases = resolved.first().first().value<QList<WatchedDatabase>>();
    int expectedRows = 0, mirrors = 0;
    for (const auto &ws : h.sandbox->state()->workspaces())
        for (auto *m : h.sandbox->state()->mirrors(ws.id)) {
            ++mirrors;
            if (m->status == QLatin1String("Running"))
                expectedRows += int(h.sandbox->state()->tables(m).size());
        }
    QCOMPARE(databases.size(), mirrors);
    QVERIFY(mirrors >= 5);

    DashboardWindow window(h.client.get());
    window.setRefreshInterval(std::chrono::hours(1));
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy finished(window.monitor(), &StatusMonitor::refreshFinished);
    window.watch(databases);
    QVERIFY(finished.wait(scaledMs(30000)));
    QAbstractItemModelTester tester(window.tableModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(window.filterModel()->rowCount(), expectedRows);
    QVERIFY(!window.tableView()->isColumnHidden(DashboardTableModel::Database));
    QCOMPARE(window.findChildren<DatabaseHeader *>().size(), mirrors);
    // The chart of all databases after one refresh: one point, the total, not the partial sums
    // at the times the first databases had answered.
    QTest::qWait(scaledMs(200)); // the chart is redrawn 50 ms after the refresh
    QCOMPARE(window.trendChart()->pointCount(), 1);

    const WatchedDatabase sensors = h.database(QStringLiteral("SensorLanding"));
    const WatchedDatabase ledger = h.database(QStringLiteral("LedgerMirror"));
    const WatchedDatabase sales = h.database(QStringLiteral("SalesMirror"));
    QCOMPARE(window.header(sensors.databaseId)->healthText(), expectedHealth(window, sensors));
    QCOMPARE(window.header(ledger.databaseId)->healthText(), QStringLiteral("Stopped"));
    const bool salesHasFailed = window.monitor()->snapshot(sales.databaseId).tablesByStatus.value(QStringLiteral("Failed")) > 0;
    QCOMPARE(window.header(sales.databaseId)->healthText(),
             salesHasFailed ? QStringLiteral("Running with warning") : QStringLiteral("Running"));

    // The database filter, and a status link in one database's header, narrow the one table.
    auto *databaseCombo = window.findChild<QComboBox *>(QStringLiteral("databaseFilter"));
    QVERIFY(databaseCombo->isVisible());
    QCOMPARE(databaseCombo->count(), mirrors + 1);
    databaseCombo->setCurrentIndex(databaseCombo->findData(sales.databaseId));
    QCOMPARE(window.filterModel()->rowCount(), h.tableCount(sales));
    auto *counts = window.header(sensors.databaseId)->findChild<QLabel *>(QStringLiteral("headerCounts"));
    emit counts->linkActivated(QStringLiteral("status:Failed"));
    const int sensorsFailed = window.monitor()->snapshot(sensors.databaseId).tablesByStatus.value(QStringLiteral("Failed"));
    QVERIFY(sensorsFailed >= 1);
    QCOMPARE(window.filterModel()->rowCount(), sensorsFailed);
    QCOMPARE(rowsWithStatus(window.filterModel(), QStringLiteral("Failed")), sensorsFailed);
    const int legacy = proxyRowOf(window, QStringLiteral("legacy_sensors"));
    QVERIFY(legacy >= 0);
    QCOMPARE(keyAt(window.filterModel(), legacy), sensors.databaseId + QStringLiteral("/dbo.legacy_sensors"));
    QCOMPARE(window.filterModel()->index(legacy, DashboardTableModel::Database).data().toString(), QStringLiteral("SensorLanding"));

    // Another refresh of everything keeps the rows where they were.
    window.findChild<QComboBox *>(QStringLiteral("statusFilter"))->setCurrentIndex(0);
    databaseCombo->setCurrentIndex(0);
    window.tableView()->selectRow(10);
    const QString selected = keyAt(window.filterModel(), 10);
    h.sandbox->advanceClock(30'000);
    QVERIFY(waitForRefresh(window));
    QCOMPARE(window.filterModel()->rowCount(), expectedRows);
    QCOMPARE(keyAt(window.filterModel(), window.tableView()->selectionModel()->selectedRows().first().row()), selected);
    window.tableView()->clearSelection();
    maybeSaveShot(&window, QStringLiteral("dashboard-many-databases"));
}

void TestDashboard::headersWorstFirstAllReachable_data()
{
    QTest::addColumn<int>("databases");
    QTest::newRow("three") << 3;
    QTest::newRow("twenty") << 20;
}

void TestDashboard::headersWorstFirstAllReachable()
{
    // SensorLanding runs with a failed table, one scale mirror's status call fails, LedgerMirror
    // is stopped, the rest run fine: the header pane lists them worst first, compact, several
    // at a time, and scrolls to every one.
    QFETCH(int, databases);
    DashboardHarness h(0.01, 20);
    QList<WatchedDatabase> watched{h.database(QStringLiteral("LedgerMirror"))};
    for (const auto &ws : h.sandbox->state()->workspaces())
        for (auto *m : h.sandbox->state()->mirrors(ws.id))
            if (watched.size() < databases - 1 && m->displayName.startsWith(QLatin1String("Scale")))
                watched.append({ws.id, m->id, m->displayName});
    watched.append(h.database(QStringLiteral("SensorLanding")));
    QCOMPARE(watched.size(), databases);
    const WatchedDatabase broken = watched.at(1);
    FaultRule rule;
    rule.kind = FaultRule::Kind::Status;
    rule.status = 400;
    rule.operation = QStringLiteral("getMirroringStatus");
    rule.pathPattern = broken.databaseId;
    h.sandbox->addFault(rule);

    DashboardWindow window(h.client.get());
    window.resize(1400, 900);
    QVERIFY(showAndWatch(window, watched));
    const QList<DatabaseHeader *> headers = window.headersInOrder();
    QCOMPARE(headers.size(), databases);
    const auto at = [&](const QString &databaseId) {
        for (int i = 0; i < headers.size(); ++i)
            if (headers.at(i)->databaseId() == databaseId)
                return i;
        return -1;
    };
    const int sensors = at(h.database(QStringLiteral("SensorLanding")).databaseId);
    const int failing = at(broken.databaseId);
    const int stopped = at(h.database(QStringLiteral("LedgerMirror")).databaseId);
    QCOMPARE(headers.at(sensors)->healthText(), expectedHealth(window, h.database(QStringLiteral("SensorLanding"))));
    QVERIFY(headers.at(failing)->errorText().contains(QStringLiteral("Last refresh failed")));
    QCOMPARE(headers.at(stopped)->healthText(), QStringLiteral("Stopped"));
    QVERIFY(sensors < failing);
    QVERIFY(failing < stopped);
    if (databases > 3)
        QCOMPARE(headers.constLast()->healthText(), QStringLiteral("Running"));
    for (int i = 1; i < headers.size(); ++i)
        QVERIFY2(headers.at(i - 1)->severity() <= headers.at(i)->severity(), qPrintable(QString::number(i)));

    auto *area = window.findChild<QScrollArea *>(QStringLiteral("headerArea"));
    QVERIFY(area);
    QCOMPARE(headers.constFirst()->isCompact(), databases > 2);
    QVERIFY2(area->viewport()->height() >= std::min(databases, 5) * headers.constFirst()->height(),
             qPrintable(QStringLiteral("%1 px for headers of %2 px").arg(area->viewport()->height()).arg(headers.constFirst()->height())));
    for (DatabaseHeader *header : headers) {
        area->ensureWidgetVisible(header, 0, 0);
        const QRect shown = QRect(header->mapTo(area->viewport(), QPoint(0, 0)), header->size());
        QVERIFY2(area->viewport()->rect().contains(shown), qPrintable(header->databaseId()));
        QVERIFY(!header->findChild<QLabel *>(QStringLiteral("headerTotals"))->text().isEmpty());
    }
    area->verticalScrollBar()->setValue(0);
    QTRY_VERIFY_WITH_TIMEOUT(window.trendChart()->pointCount() > 0, scaledMs(5000));
    if (databases > 3)
        maybeSaveShot(&window, QStringLiteral("dashboard-twenty-databases"));
}

void TestDashboard::pagesAppearAsTheyArrive()
{
    DashboardHarness h;
    const WatchedDatabase db = h.database(QStringLiteral("SalesArchive")); // 500 tables, pages of 100
    const int tables = h.tableCount(db);
    QVERIFY(tables > 200);
    DashboardWindow window(h.client.get());
    window.setRefreshInterval(std::chrono::hours(1));
    QSignalSpy inserted(window.filterModel(), &QAbstractItemModel::rowsInserted);
    QSignalSpy finished(window.monitor(), &StatusMonitor::refreshFinished);
    window.watch({db});
    QVERIFY(finished.wait(scaledMs(20000)));
    QCOMPARE(window.filterModel()->rowCount(), tables);
    QCOMPARE(inserted.count(), (tables + 99) / 100); // one insertion per page, shown on arrival
    QCOMPARE(inserted.first().at(2).toInt() - inserted.first().at(1).toInt() + 1, 100);
}

void TestDashboard::rowsKeepPlacesThenResortOnce_data()
{
    QTest::addColumn<QString>("filter");       // "", "status" or "text"
    QTest::addColumn<int>("catchUpMs");        // the proxy's longest hold
    QTest::addColumn<bool>("oncePerRefresh");  // else: catches up during the refresh too

    QTest::newRow("no filter, held to the end") << QString() << 3'600'000 << true;
    QTest::newRow("status filter Failed") << QStringLiteral("status") << 3'600'000 << true;
    QTest::newRow("text filter Failed") << QStringLiteral("text") << 3'600'000 << true;
    QTest::newRow("slow refresh catches up") << QString() << 150 << false;
}

void TestDashboard::rowsKeepPlacesThenResortOnce()
{
    QFETCH(QString, filter);
    QFETCH(int, catchUpMs);
    QFETCH(bool, oncePerRefresh);
    DashboardHarness h;
    const WatchedDatabase db = h.database(QStringLiteral("SalesArchive")); // 500 tables, pages of 100
    DashboardWindow window(h.client.get());
    QVERIFY(showAndWatch(window, {db}));
    DashboardFilterModel *proxy = window.filterModel();
    proxy->setCatchUpInterval(std::chrono::milliseconds(catchUpMs));
    // The default order, worst status first, follows changes (changing numbers keep their places).
    QCOMPARE(window.tableView()->horizontalHeader()->sortIndicatorSection(), col(Col::Status));

    // A table that replicates now fails in the next refresh: a status change the filters follow.
    QString failing;
    for (int r = 0; r < proxy->rowCount() && failing.isEmpty(); ++r)
        if (proxy->index(r, 0).data(DashboardTableModel::StatusTextRole).toString() == QLatin1String("Replicating"))
            failing = proxy->index(r, col(Col::Table)).data(UnderlyingDataRole).toString();
    QVERIFY(!failing.isEmpty());
    for (auto &t : h.mirror(db)->tables)
        if (t.table == failing)
            t.failAfterMs = 0;
    if (filter == QLatin1String("status")) {
        auto *status = window.findChild<QComboBox *>(QStringLiteral("statusFilter"));
        status->setCurrentIndex(status->findData(QStringLiteral("Failed")));
    } else if (filter == QLatin1String("text")) {
        QTest::keyClicks(window.findChild<QLineEdit *>(QStringLiteral("filterEdit")), QStringLiteral("Failed"));
    }
    QVERIFY(proxyRowOf(window, failing) < 0 || filter.isEmpty());

    // Slow pages, so that several 100 ms batches of changes reach the proxy during the refresh.
    FaultRule slow;
    slow.kind = FaultRule::Kind::Latency;
    slow.latencyMs = 150;
    slow.operation = QStringLiteral("getTablesMirroringStatus");
    h.sandbox->addFault(slow);

    QStringList orderAtStart;
    int pagesWithRowsMoved = 0, pages = 0;
    const auto order = [&] {
        QStringList keys;
        for (int r = 0; r < proxy->rowCount(); ++r)
            keys << keyAt(proxy, r);
        return keys;
    };
    connect(window.monitor(), &StatusMonitor::refreshStarted, proxy, [&] { orderAtStart = order(); });
    connect(window.monitor(), &StatusMonitor::tablesPageApplied, proxy, [&] {
        ++pages;
        if (order() != orderAtStart)
            ++pagesWithRowsMoved;
    });
    QSignalSpy layouts(proxy, &QAbstractItemModel::layoutChanged);
    QSignalSpy values(proxy, &QAbstractItemModel::dataChanged);
    h.sandbox->advanceClock(45'000);
    QVERIFY(waitForRefresh(window));
    QCOMPARE(pages, 5);
    QVERIFY(!values.isEmpty()); // the numbers did change on the way
    if (oncePerRefresh) {
        QCOMPARE(pagesWithRowsMoved, 0); // values change in place, rows stay while pages come
        QCOMPARE(layouts.count(), 1);    // ...then one sort
    } else {
        QVERIFY2(layouts.count() >= 2, "a long refresh re-sorts on the way");
    }
    QVERIFY(!proxy->isSortingHeld());

    // Sorted, and filtered on the data as it is now: the table that failed came to the top.
    QVERIFY(isWorstFirst(proxy));
    const int row = proxyRowOf(window, failing);
    QVERIFY2(row >= 0, qPrintable(failing));
    QCOMPARE(proxy->index(row, col(Col::Status)).data().toString(), QStringLiteral("Failed"));
    QCOMPARE(proxy->index(0, col(Col::Status)).data().toString(), QStringLiteral("Failed"));
    if (!filter.isEmpty())
        QCOMPARE(rowsWithStatus(proxy, QStringLiteral("Failed")), proxy->rowCount());
}

// A refresh that hangs (the service never answers) holds sorting for long: catching up with
// nothing new must not re-sort 10,000 rows every second.
void TestDashboard::idleHoldDoesNotResort()
{
    DashboardHarness h;
    DashboardWindow window(h.client.get());
    QVERIFY(showAndWatch(window, {h.database(QStringLiteral("SalesMirror"))}));
    DashboardFilterModel *proxy = window.filterModel();
    window.tableView()->sortByColumn(col(Col::Table), Qt::DescendingOrder);
    proxy->setCatchUpInterval(std::chrono::milliseconds(10));
    QSignalSpy layouts(proxy, &QAbstractItemModel::layoutChanged);
    proxy->holdSorting();
    QTest::qWait(100); // ten catch-up intervals with nothing new
    QCOMPARE(layouts.count(), 0);
    window.tableModel()->setAlert(h.database(QStringLiteral("SalesMirror")).databaseId,
                                  proxy->index(0, col(Col::Schema)).data(UnderlyingDataRole).toString(),
                                  proxy->index(0, col(Col::Table)).data(UnderlyingDataRole).toString(), true);
    // A change that moves no row (an alert; the table names sorted by stay): no catch-up sorts,
    // nor does the end of the hold.
    QTest::qWait(100);
    QCOMPARE(layouts.count(), 0);
    proxy->resumeSorting();
    QCOMPARE(layouts.count(), 0);
    QVERIFY(!proxy->isSortingHeld());
}

// Worst first: a refresh changes numbers in every row but no status, and the order stands
// without sorting again; a status that changes sorts once and comes first (#17).
void TestDashboard::refreshWithoutStatusChangesDoesNotResort()
{
    DashboardHarness h;
    const WatchedDatabase db = h.database(QStringLiteral("SalesMirror"));
    DashboardWindow window(h.client.get());
    QVERIFY(showAndWatch(window, {db}));
    DashboardFilterModel *proxy = window.filterModel();
    QCOMPARE(window.tableView()->horizontalHeader()->sortIndicatorSection(), col(Col::Status));
    const auto statuses = [&] {
        QStringList keys;
        for (int r = 0; r < proxy->rowCount(); ++r)
            keys << keyAt(proxy, r) + u'=' + proxy->index(r, 0).data(DashboardTableModel::StatusTextRole).toString();
        return keys;
    };
    const QStringList before = statuses();
    QSignalSpy layouts(proxy, &QAbstractItemModel::layoutChanged);
    QSignalSpy values(proxy, &QAbstractItemModel::dataChanged);
    h.sandbox->advanceClock(1'000);
    QVERIFY(waitForRefresh(window));
    QVERIFY(!values.isEmpty());        // the numbers changed
    QCOMPARE(statuses(), before);      // no status did, no row moved
    QCOMPARE(layouts.count(), 0);      // and nothing was sorted
    QVERIFY(isWorstFirst(proxy));

    const QStringList failing = failTables(h.mirror(db), 1, 10);
    QCOMPARE(failing.size(), 1);
    h.sandbox->advanceClock(1'000);
    QVERIFY(waitForRefresh(window));
    QCOMPARE(layouts.count(), 1);      // one sort for the key that changed
    QVERIFY(isWorstFirst(proxy));
    QCOMPARE(proxy->index(0, col(Col::Status)).data().toString(), QStringLiteral("Failed"));
    // Dynamic sorting is back for changes between refreshes.
    QVERIFY(proxy->dynamicSortFilter());
}

void TestDashboard::trendChartFollowsSelection()
{
    DashboardHarness h;
    const WatchedDatabase db = h.database(QStringLiteral("SalesMirror"));
    DashboardWindow window(h.client.get());
    QVERIFY(showAndWatch(window, {db}));
    for (int i = 0; i < 2; ++i) {
        h.sandbox->advanceClock(30'000);
        QVERIFY(waitForRefresh(window));
    }
    TrendChart *chart = window.trendChart();
    QTRY_COMPARE_WITH_TIMEOUT(chart->pointCount(), 3, scaledMs(5000)); // the whole database, one point per refresh
    QCOMPARE(chart->chart()->title(), QStringLiteral("SalesMirror"));
    window.tableView()->selectRow(0);
    const QString table = window.filterModel()->index(0, col(Col::Table)).data().toString();
    QTRY_VERIFY_WITH_TIMEOUT(chart->chart()->title().endsWith(u'.' + table), scaledMs(5000));
    QCOMPARE(chart->pointCount(), 3);
}

void TestDashboard::emptyTrendChartSaysWhy()
{
    // Before the first refresh the chart said nothing and its time axis read "00:00" on every
    // tick (the axis' default range): it now says why it is empty, over the last ten minutes.
    TrendChart chart;
    chart.resize(600, 300);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    auto *empty = chart.findChild<QLabel *>(QStringLiteral("trendChartEmpty"));
    QVERIFY(empty);
    QVERIFY(empty->isVisible());
    QCOMPARE(empty->text(), QStringLiteral("Waiting for the first refresh…"));
    auto *time = qobject_cast<QDateTimeAxis *>(chart.chart()->axes(Qt::Horizontal).value(0));
    QVERIFY(time);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY(qAbs(time->max().secsTo(now)) < 60);
    QCOMPARE(time->min().secsTo(time->max()), 600);

    TableHistory history;
    history.append(MetricSample{now.toMSecsSinceEpoch(), 1000, 2000, 5, 0});
    chart.plot({&history}, QStringLiteral("t"));
    QCOMPARE(chart.pointCount(), 1);
    QVERIFY(!empty->isVisible());

    // A stored range with nothing in it says so in its own words.
    chart.setLongRange(true);
    chart.plot({}, QStringLiteral("Last 7 days"));
    QVERIFY(empty->isVisible());
    QCOMPARE(empty->text(), QStringLiteral("Nothing was recorded in this range."));
}

void TestDashboard::pauseAndResume()
{
    DashboardHarness h;
    DashboardWindow window(h.client.get());
    window.setRefreshInterval(std::chrono::seconds(5));
    QSignalSpy finished(window.monitor(), &StatusMonitor::refreshFinished);
    window.watch({h.database(QStringLiteral("ReportsMirror"))});
    QVERIFY(finished.wait(scaledMs(20000)));
    QVERIFY(window.monitor()->isActive());
    QVERIFY(window.monitor()->nextRefreshUtc().isValid());

    window.findChild<QAction *>(QStringLiteral("pauseAction"))->trigger();
    QVERIFY(window.isPaused());
    QVERIFY(!window.monitor()->isActive());
    QVERIFY(!window.monitor()->nextRefreshUtc().isValid());
    QVERIFY(window.findChild<QLabel *>(QStringLiteral("lastRefreshLabel"))->text().contains(QStringLiteral("paused")));
    window.findChild<QAction *>(QStringLiteral("refreshNowAction"))->trigger(); // still works
    QVERIFY(finished.wait(scaledMs(20000)));
    QVERIFY(!window.monitor()->isActive());

    window.findChild<QAction *>(QStringLiteral("pauseAction"))->trigger();
    QVERIFY(!window.isPaused());
    QVERIFY(window.monitor()->isActive());
    QCOMPARE(window.refreshInterval(), std::chrono::seconds(5));
}

void TestDashboard::worstStatusFirstAcrossRefreshes()
{
    DashboardHarness h;
    const WatchedDatabase db = h.database(QStringLiteral("SalesMirror"));
    DashboardWindow window(h.client.get());
    QVERIFY(showAndWatch(window, {db}));
    const QAbstractItemModel *proxy = window.filterModel();
    QHeaderView *header = window.tableView()->horizontalHeader();
    QCOMPARE(header->sortIndicatorSection(), col(Col::Status));
    QCOMPARE(header->sortIndicatorOrder(), Qt::AscendingOrder);
    QVERIFY(isWorstFirst(proxy));

    // Tables far down the service's order fail, then one more: each time they come first.
    const QStringList failing = failTables(h.mirror(db), 2, 20);
    QCOMPARE(failing.size(), 2);
    h.sandbox->advanceClock(45'000);
    QVERIFY(waitForRefresh(window));
    QVERIFY(isWorstFirst(proxy));
    const auto amongTheFirst = [&](const QString &table) {
        const int row = proxyRowOf(window, table);
        return row >= 0 && row < rowsWithStatus(proxy, QStringLiteral("Failed"));
    };
    for (const QString &table : failing)
        QVERIFY2(amongTheFirst(table), qPrintable(table));
    const QStringList more = failTables(h.mirror(db), 1, 10);
    h.sandbox->advanceClock(45'000);
    QVERIFY(waitForRefresh(window));
    QVERIFY(isWorstFirst(proxy));
    for (const QString &table : failing + more)
        QVERIFY2(amongTheFirst(table), qPrintable(table));
    QCOMPARE(header->sortIndicatorSection(), col(Col::Status));
}

void TestDashboard::everyTableFailedIsFailedAndFirst()
{
    // Every table of SalesMirror fails, one of ReportsMirror: by name Reports would come first,
    // by trouble Sales does, and its header says Failed, not "Running with warning".
    DashboardHarness h;
    const WatchedDatabase sales = h.database(QStringLiteral("SalesMirror"));
    const WatchedDatabase reports = h.database(QStringLiteral("ReportsMirror"));
    const WatchedDatabase ledger = h.database(QStringLiteral("LedgerMirror"));
    DashboardWindow window(h.client.get());
    QVERIFY(showAndWatch(window, {ledger, reports, sales}));
    QVERIFY(!failTables(h.mirror(sales), -1).isEmpty());
    QCOMPARE(failTables(h.mirror(reports), 1).size(), 1);
    h.sandbox->advanceClock(45'000);
    QVERIFY(waitForRefresh(window));

    const DatabaseSnapshot snapshot = window.monitor()->snapshot(sales.databaseId);
    QCOMPARE(snapshot.tablesByStatus.value(QStringLiteral("Failed")), h.tableCount(sales));
    QCOMPARE(window.header(sales.databaseId)->healthText(), QStringLiteral("Failed"));
    QCOMPARE(window.header(reports.databaseId)->healthText(), QStringLiteral("Running with warning"));
    const QList<DatabaseHeader *> order = window.headersInOrder();
    QCOMPARE(order.size(), 3);
    QCOMPARE(order.at(0)->databaseId(), sales.databaseId);
    QCOMPARE(order.at(1)->databaseId(), reports.databaseId);
}

void TestDashboard::headerSaysTableLimitReached()
{
    // SalesArchive mirrors all data of a source with 700 tables: the service took 500.
    DashboardHarness h;
    const WatchedDatabase archive = h.database(QStringLiteral("SalesArchive"));
    const WatchedDatabase sales = h.database(QStringLiteral("SalesMirror"));
    QCOMPARE(h.tableCount(archive), 500);
    QCOMPARE(h.mirror(archive)->catalogueSize, 700);
    DashboardWindow window(h.client.get());
    QVERIFY(showAndWatch(window, {archive, sales}));
    const auto totals = [&](const WatchedDatabase &db) {
        return window.header(db.databaseId)->findChild<QLabel *>(QStringLiteral("headerTotals"));
    };
    QVERIFY2(totals(archive)->text().contains(QStringLiteral("the limit")), qPrintable(totals(archive)->text()));
    QVERIFY(totals(archive)->toolTip().contains(QStringLiteral("Mirror all data")));
    QVERIFY(window.header(archive.databaseId)->isAtTableLimit());
    QVERIFY2(!totals(sales)->text().contains(QStringLiteral("limit")), qPrintable(totals(sales)->text()));
    QVERIFY(!window.header(sales.databaseId)->isAtTableLimit());
}

void TestDashboard::keyboardReachesActions_data()
{
    QTest::addColumn<QKeySequence>("keys");
    QTest::addColumn<QString>("effect");
    QTest::addRow("Ctrl+W closes") << QKeySequence(Qt::CTRL | Qt::Key_W) << QStringLiteral("closed");
    QTest::addRow("Esc closes") << QKeySequence(Qt::Key_Escape) << QStringLiteral("closed");
    QTest::addRow("Ctrl+Shift+P pauses") << QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P) << QStringLiteral("paused");
    QTest::addRow("Ctrl+S exports") << QKeySequence(QKeySequence::Save) << QStringLiteral("export");
    QTest::addRow("Ctrl+Shift+C copies") << QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C) << QStringLiteral("copied");
    QTest::addRow("Ctrl+C in the table copies") << QKeySequence(QKeySequence::Copy) << QStringLiteral("copied");
}

void TestDashboard::keyboardReachesActions()
{
    QFETCH(QKeySequence, keys);
    QFETCH(QString, effect);
    DashboardHarness h;
    DashboardWindow window(h.client.get());
    QVERIFY(showAndWatch(window, {h.database(QStringLiteral("ReportsMirror"))}));
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    // Focus starts in the table: the keys work without a click first.
    QCOMPARE(QApplication::focusWidget(), window.tableView());
    QTest::keyClick(window.tableView(), Qt::Key_Down);
    QVERIFY(window.tableView()->selectionModel()->hasSelection());
    QApplication::clipboard()->clear();

    QTest::keySequence(QApplication::focusWidget(), keys);
    if (effect == QLatin1String("closed")) {
        QTRY_VERIFY(!window.isVisible());
    } else if (effect == QLatin1String("paused")) {
        QVERIFY(window.isPaused());
        QVERIFY(!window.monitor()->isActive());
    } else if (effect == QLatin1String("export")) {
        auto *dialog = window.findChild<QWidget *>(QStringLiteral("exportDialog"));
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        dialog->close();
    } else {
        const QString copied = QApplication::clipboard()->text();
        QVERIFY2(copied.startsWith(QStringLiteral("Schema,")) && copied.count(u'\n') >= 2, qPrintable(copied));
    }
}

void TestDashboard::activatingAnEventSelectsItsTable()
{
    DashboardHarness h;
    const WatchedDatabase db = h.database(QStringLiteral("SensorLanding"));
    DashboardWindow window(h.client.get());
    QVERIFY(showAndWatch(window, {db}));
    // A filter hides the failed table; double-clicking its log line shows and selects it.
    QTest::keyClicks(window.findChild<QLineEdit *>(QStringLiteral("filterEdit")), QStringLiteral("customers"));
    QCOMPARE(proxyRowOf(window, QStringLiteral("legacy_sensors")), -1);
    EventLogView *log = window.eventLog();
    QTreeWidgetItem *entry = nullptr;
    for (int i = 0; i < log->topLevelItemCount() && !entry; ++i)
        if (log->topLevelItem(i)->text(EventLogView::Table) == QLatin1String("dbo.legacy_sensors"))
            entry = log->topLevelItem(i);
    QVERIFY(entry);
    const QPoint at = log->visualItemRect(entry).center();
    // A double click as a mouse makes it: press and release, then the double click and release.
    QTest::mouseClick(log->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(log->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseRelease(log->viewport(), Qt::LeftButton, {}, at);

    const QModelIndexList selected = window.tableView()->selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(keyAt(window.filterModel(), selected.first().row()),
             db.databaseId + QStringLiteral("/dbo.legacy_sensors"));
    QCOMPARE(window.tableView()->currentIndex().row(), selected.first().row());
    QVERIFY(window.findChild<QLineEdit *>(QStringLiteral("filterEdit"))->text().isEmpty());
}

void TestDashboard::coloursReadableInADarkPalette_data()
{
    QTest::addColumn<bool>("dark");
    QTest::addRow("light") << false;
    QTest::addRow("dark") << true;
}

void TestDashboard::coloursReadableInADarkPalette()
{
    // The desktop's palette, light or dark: the header's health word, the failed count, the
    // highlighted row and the log's alert lines stay readable (WCAG AA, 4.5:1), the chart is
    // drawn on the palette's base colour.
    QFETCH(bool, dark);
    const QPalette before = QApplication::palette();
    const auto restore = qScopeGuard([&] { QApplication::setPalette(before); });
    if (dark) {
        QPalette p = before;
        for (const auto &[role, colour] : std::initializer_list<std::pair<QPalette::ColorRole, QColor>>{
                 {QPalette::Window, QColor(0x35, 0x35, 0x35)},
                 {QPalette::WindowText, QColor(0xee, 0xee, 0xee)},
                 {QPalette::Base, QColor(0x2a, 0x2a, 0x2a)},
                 {QPalette::AlternateBase, QColor(0x32, 0x32, 0x32)},
                 {QPalette::Text, QColor(0xee, 0xee, 0xee)},
                 {QPalette::Button, QColor(0x35, 0x35, 0x35)},
                 {QPalette::ButtonText, QColor(0xee, 0xee, 0xee)}})
            p.setColor(role, colour);
        QApplication::setPalette(p);
    }
    DashboardHarness h;
    const WatchedDatabase db = h.database(QStringLiteral("SensorLanding"));
    DashboardWindow window(h.client.get());
    QVERIFY(showAndWatch(window, {db}));
    QTRY_COMPARE(window.header(db.databaseId)->healthText(), expectedHealth(window, db));
    const QPalette pal = window.palette();
    QCOMPARE(pal.color(QPalette::Window).lightness() < 128, dark);

    auto *health = window.header(db.databaseId)->findChild<QLabel *>(QStringLiteral("headerHealth"));
    health->ensurePolished();
    const QColor healthColour = health->palette().color(QPalette::WindowText);
    QVERIFY2(contrast(healthColour, pal.color(QPalette::Window)) >= 4.5,
             qPrintable(healthColour.name() + QStringLiteral(" on ") + pal.color(QPalette::Window).name()));

    const QAbstractItemModel *proxy = window.filterModel();
    const int row = proxyRowOf(window, QStringLiteral("legacy_sensors"));
    const QColor rowText = proxy->index(row, col(Col::Table)).data(Qt::ForegroundRole).value<QBrush>().color();
    const QColor rowBack = proxy->index(row, col(Col::Table)).data(Qt::BackgroundRole).value<QBrush>().color();
    QVERIFY2(contrast(rowText, rowBack) >= 4.5, qPrintable(rowText.name() + QStringLiteral(" on ") + rowBack.name()));
    // The highlight stands out from the rows around it, and the text of those is readable on it.
    QVERIFY2(contrast(rowBack, pal.color(QPalette::Base)) >= 1.15, qPrintable(rowBack.name()));

    const QTreeWidgetItem *alert = window.eventLog()->topLevelItem(0);
    for (int i = 0; i < window.eventLog()->topLevelItemCount(); ++i)
        if (window.eventLog()->topLevelItem(i)->text(EventLogView::Table) == QLatin1String("dbo.legacy_sensors"))
            alert = window.eventLog()->topLevelItem(i);
    const QColor alertColour = alert->foreground(EventLogView::Event).color();
    QVERIFY2(contrast(alertColour, pal.color(QPalette::Base)) >= 4.5, qPrintable(alertColour.name()));

    QCOMPARE(window.trendChart()->chart()->backgroundBrush().color(), pal.color(QPalette::Base));
    maybeSaveShot(&window, dark ? QStringLiteral("dashboard-dark") : QStringLiteral("dashboard-light"));
}

void TestDashboard::eventLogTimeAndEventFit_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("alert");
    QTest::newRow("longest words, an alert (bold)") << int(MonitorEvent::Kind::DatabaseErrorCleared) << true;
    QTest::newRow("table needs a look") << int(MonitorEvent::Kind::TableStale) << true;
    QTest::newRow("status changed") << int(MonitorEvent::Kind::StatusChanged) << false;
}

// The time and the event's words are shown whole at the log's default widths: the time was cut
// to "2026-12-04 07:34…" at 1,024 px and longer events lost their end.
void TestDashboard::eventLogTimeAndEventFit()
{
    QFETCH(int, kind);
    QFETCH(bool, alert);
    EventLogView log;
    log.resize(500, 200);
    log.addNote(QDateTime(QDate(2026, 12, 28), QTime(23, 58, 48), Qt::UTC), QStringLiteral("SalesMirror"),
                QStringLiteral("dbo.orders"), EventLogView::describe(MonitorEvent::Kind(kind)), QString(), alert);
    log.show();
    QVERIFY(QTest::qWaitForWindowExposed(&log));
    const QTreeWidgetItem *item = log.topLevelItem(0);
    for (const int column : {int(EventLogView::Time), int(EventLogView::Event)}) {
        const QFontMetrics metrics(item->font(column));
        // The delegate's text margins: the focus frame's, plus one, on each side.
        const int margins = 2 * (log.style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, &log) + 1);
        const int needed = metrics.horizontalAdvance(item->text(column)) + margins;
        QVERIFY2(log.columnWidth(column) >= needed, qPrintable(QStringLiteral("%1: %2 px for %3 px")
                                                                   .arg(item->text(column))
                                                                   .arg(log.columnWidth(column))
                                                                   .arg(needed)));
    }
}

QTEST_MAIN(TestDashboard)
#include "tst_dashboard.moc"
