// The dashboard's uses of the history file, clicked: the chart's stored ranges (7 days of a
// database's totals, then of a selected table), the export of a range to CSV (and its Cancel),
// "since you last looked" opening a table's line, and a table's timeline. The history is written
// through HistoryStore into this suite's own temporary folder; the dashboard watches a sandbox
// database (DashboardHarness).
#include "app/history/historystore.h"
#include "models/displaytext.h"
#include "tests/support/dashboardharness.h"
#include "ui/dashboard/chartrangeexporter.h"
#include "ui/dashboard/dashboardwindow.h"
#include "ui/dashboard/sincelastlookeddialog.h"
#include "ui/dashboard/tabletimelinedialog.h"
#include "ui/dashboard/trendchart.h"

#include <QChart>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QListWidget>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace fmc;
using namespace fmc::test;

namespace {

constexpr qint64 kHour = 3600 * 1000;

// Writes \a totals into the history file at \a path through the store; false unless all committed.
bool recordTotals(const QString &path, const QList<DatabaseSample> &totals)
{
    HistoryStore store;
    store.open(path);
    if (!QTest::qWaitFor([&] { return store.state() == HistoryStore::State::Writing; }, 10000))
        return false;
    store.record({}, totals, {});
    return QTest::qWaitFor([&] { return store.committedCount() == totals.size(); }, 10000);
}

} // namespace

class TestHistoryViews : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir; // never the shared QStandardPaths folder

private Q_SLOTS:
    void chartRangesComeFromTheStore_data()
    {
        QTest::addColumn<int>("hours");
        QTest::addColumn<int>("minPoints");
        QTest::addRow("24 hours") << 24 << 200;  // a sample every 5 minutes: 288 in a day
        QTest::addRow("7 days") << 7 * 24 << 900; // ~1,000 buckets of 10 minutes, each with a sample
    }
    void chartRangesComeFromTheStore()
    {
        QFETCH(int, hours);
        QFETCH(int, minPoints);
        DashboardHarness h;
        const WatchedDatabase db = h.database(QStringLiteral("SensorLanding"));
        const QString path = m_dir.filePath(QStringLiteral("chart%1/history.sqlite").arg(hours));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        {
            HistoryStore store;
            store.open(path);
            QVERIFY(QTest::qWaitFor([&] { return store.state() == HistoryStore::State::Writing; }, 10000));
            QList<DatabaseSample> totals;
            QList<TableSample> tables;
            for (qint64 t = now - 8 * 24 * kHour; t < now; t += 5 * 60 * 1000) {
                DatabaseSample d;
                d.databaseId = db.databaseId;
                d.timeMs = t;
                d.status = QStringLiteral("Running");
                d.rows = (t - now) / 1000 + 10'000'000;
                totals.append(d);
                TableSample s;
                s.databaseId = db.databaseId;
                s.schema = QStringLiteral("dbo");
                s.table = QStringLiteral("customers");
                s.timeMs = t;
                s.status = QStringLiteral("Replicating");
                s.rows = d.rows / 2;
                tables.append(s);
            }
            const qint64 n = totals.size() + tables.size();
            store.record(tables, totals, {});
            QVERIFY(QTest::qWaitFor([&] { return store.committedCount() == n; }, 10000));
        }

        DashboardWindow window(h.client.get());
        window.watch({db});
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(QTest::qWaitFor([&] { return window.tableView()->model()->rowCount() > 0; }, 10000));
        QComboBox *range = window.chartRangeBox();
        QVERIFY(!range->isEnabled()); // no history file: the live hour only
        window.setHistoryFile(path);
        QVERIFY(range->isEnabled());
        const int livePoints = window.trendChart()->pointCount();
        QVERIFY(livePoints < minPoints);

        // Chosen with the keyboard, as a user would: focus the box, step down to the range.
        range->setFocus();
        while (range->currentData().toInt() != hours)
            QTest::keyClick(range, Qt::Key_Down);
        QVERIFY2(QTest::qWaitFor([&] { return window.trendChart()->pointCount() >= minPoints; }, 10000),
                 qPrintable(QString::number(window.trendChart()->pointCount())));

        // A selected table charts that table's own samples.
        QVERIFY(window.selectTable(db.databaseId, QStringLiteral("dbo"), QStringLiteral("customers")));
        QVERIFY(QTest::qWaitFor([&] { return window.trendChart()->chart()->title().contains(QLatin1String("customers")); },
                                10000));
        QVERIFY(window.trendChart()->chart()->title().contains(range->currentText()));
        QVERIFY(window.trendChart()->pointCount() >= minPoints);

        // Back to the live hour: the monitor's memory again.
        range->setCurrentIndex(0);
        QVERIFY(QTest::qWaitFor([&] { return window.trendChart()->pointCount() < minPoints / 2; }, 10000));
    }

    void exportRangeFromTheDashboard()
    {
        DashboardHarness h;
        const WatchedDatabase db = h.database(QStringLiteral("SensorLanding"));
        const QString folder = m_dir.filePath(QStringLiteral("export"));
        const QString path = folder + QStringLiteral("/history.sqlite");
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        // Eight days every 5 minutes, half a period off the hour: no sample lies within minutes
        // of the range's start, whenever the export runs.
        QList<DatabaseSample> totals;
        for (qint64 k = 0; k < 8 * 288; ++k) {
            DatabaseSample d;
            d.databaseId = db.databaseId;
            d.timeMs = now - (k * 300 + 150) * 1000;
            d.status = QStringLiteral("Running");
            d.rows = 1'000'000 - k;
            totals.append(d);
        }
        QVERIFY(recordTotals(path, totals));

        DashboardWindow window(h.client.get());
        window.watch({db});
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *action = window.findChild<QAction *>(QStringLiteral("exportRangeAction"));
        QVERIFY(action);
        QVERIFY(!action->isEnabled()); // no history file, nothing to export
        window.setHistoryFile(path);
        QVERIFY(action->isEnabled());
        window.chartRangeBox()->setCurrentIndex(window.chartRangeBox()->findData(24));

        // The key, as a user would; the file dialog opens without blocking the window.
        QTest::keyClick(&window, Qt::Key_E, Qt::ControlModifier | Qt::ShiftModifier);
        QFileDialog *dialog = nullptr;
        QVERIFY(QTest::qWaitFor([&] {
            dialog = window.findChild<QFileDialog *>(QStringLiteral("exportRangeDialog"));
            return dialog && dialog->isVisible();
        }, 5000));
        const QString csv = folder + QStringLiteral("/day.csv");
        dialog->selectFile(csv);
        static_cast<QDialog *>(dialog)->accept(); // QFileDialog::accept(), as the Save button calls it
        QVERIFY(QTest::qWaitFor([&] { return window.statusBar()->currentMessage().startsWith(QLatin1String("Exported")); },
                                10000));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.size(), 1 + 288 + 1); // the header, a day of samples, and after the last CRLF
        QVERIFY(lines.at(0).startsWith("time_utc,"));
        QVERIFY2(lines.at(1).contains(db.displayName.toUtf8()), lines.at(1).constData());
        QVERIFY(window.statusBar()->currentMessage().contains(QLatin1String("288")));
    }

    void cancelButtonStopsTheRangeExport()
    {
        const QString folder = m_dir.filePath(QStringLiteral("cancel"));
        const QString path = folder + QStringLiteral("/history.sqlite");
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QList<DatabaseSample> totals;
        DatabaseSample d;
        d.databaseId = QStringLiteral("db-1");
        d.status = QStringLiteral("Running");
        for (qint64 k = 0; k < 5000; ++k) {
            d.timeMs = now - k * 1000;
            totals.append(d);
        }
        QVERIFY(recordTotals(path, totals));
        const QString csv = folder + QStringLiteral("/day.csv");
        {
            QFile before(csv);
            QVERIFY(before.open(QIODevice::WriteOnly));
            before.write("kept\r\n");
        }
        QWidget window;
        window.show();
        ChartRangeExporter exporter(&window);
        QSignalSpy done(&exporter, &ChartRangeExporter::done);
        // The worker's first report (before any line) waits for this thread to press Cancel:
        // the click lands while the export is surely under way.
        connect(exporter.csvExport(), &HistoryCsvExport::progress, exporter.csvExport(), [&exporter](qint64 lines) {
            if (lines != 0)
                return;
            QMetaObject::invokeMethod(&exporter, [&exporter] {
                QProgressDialog *progress = exporter.progressDialog();
                QVERIFY(progress);
                progress->show();
                auto *cancel = progress->findChild<QPushButton *>();
                QVERIFY(cancel);
                QTest::mouseClick(cancel, Qt::LeftButton);
            }, Qt::BlockingQueuedConnection);
        }, Qt::DirectConnection);
        HistoryCsvExport::Request request;
        request.historyPath = path;
        request.csvPath = csv;
        request.subjects = {{QStringLiteral("db-1"), {}, {}}};
        request.fromMs = now - 24 * kHour;
        request.toMs = now + 1;
        exporter.exportTo(request);
        QVERIFY(done.wait(10000));
        QVERIFY2(done.first().at(0).toString().startsWith(QLatin1String("Export cancelled")),
                 qPrintable(done.first().at(0).toString()));
        QVERIFY(QTest::qWaitFor([&] { return !exporter.progressDialog(); }, 5000)); // closed, and gone
        QFile after(csv);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), QByteArray("kept\r\n"));
    }

    void sinceLastLookedOpensATable()
    {
        SummaryLine table{QStringLiteral("db-1"), 1000, QStringLiteral("dbo.orders failed at …"), QStringLiteral("dbo"),
                          QStringLiteral("orders")};
        SummaryLine database{QStringLiteral("db-1"), 2000, QStringLiteral("Mirroring Running → Stopped"), {}, {}};
        SummaryLine hostile{QStringLiteral("db-1"), 3000, QStringLiteral("<b>bold</b>\u202Eevil\n"), QStringLiteral("dbo"),
                            QStringLiteral("<b>bold</b>")};
        SinceLastLookedDialog dialog({table, database, hostile});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QListWidget *list = dialog.list();
        QCOMPARE(list->count(), 3);
        QVERIFY(!list->item(2)->text().contains(QChar(0x202E))); // cleaned for display
        QSignalSpy opened(&dialog, &SinceLastLookedDialog::tableActivated);
        const auto doubleClick = [&](int row) {
            // As a mouse makes it: press and release, then the double click and release.
            const QPoint at = list->visualItemRect(list->item(row)).center();
            QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, at);
            QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, at);
            QTest::mouseRelease(list->viewport(), Qt::LeftButton, {}, at);
        };
        doubleClick(1); // a database line opens nothing
        QCOMPARE(opened.count(), 0);
        doubleClick(0);
        QCOMPARE(opened.count(), 1);
        QCOMPARE(opened.first().at(1).toString(), QStringLiteral("dbo"));
        QCOMPARE(opened.first().at(2).toString(), QStringLiteral("orders"));
        list->setCurrentRow(2);
        QTest::keyClick(list, Qt::Key_Return);
        QCOMPARE(opened.count(), 2);
        QCOMPARE(opened.last().at(2).toString(), QStringLiteral("<b>bold</b>"));
    }

    // The console's start: each database under its name; a hostile name is plain text, cut,
    // and its heading opens nothing.
    void startSummaryGroupsByDatabase()
    {
        const QString hostileName = QStringLiteral("<img src=x>\u202Eevil") + QString(400, QLatin1Char('n'));
        SummaryLine orders{QStringLiteral("db-1"), 1000, QStringLiteral("dbo.orders failed"), QStringLiteral("dbo"),
                           QStringLiteral("orders")};
        SummaryLine stopped{QStringLiteral("db-2"), 2000, QStringLiteral("Mirroring Running → Stopped"), {}, {}};
        SinceLastLookedDialog dialog(QList<DatabaseSummary>{
            {{QStringLiteral("db-1"), QStringLiteral("ws-1"), hostileName, 500}, {orders}},
            {{QStringLiteral("db-2"), {}, {}, 0}, {stopped}}}); // an old row: no name, the id stands in
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QListWidget *list = dialog.list();
        QCOMPARE(list->count(), 4);
        QCOMPARE(list->item(0)->text(), displayText(hostileName));
        QVERIFY(!list->item(0)->text().contains(QChar(0x202E)));
        QVERIFY(list->item(0)->text().size() < hostileName.size());
        QCOMPARE(list->item(1)->text(), QStringLiteral("dbo.orders failed"));
        QCOMPARE(list->item(2)->text(), QStringLiteral("db-2"));
        QVERIFY(!(list->item(2)->flags() & Qt::ItemIsSelectable));
        QVERIFY(dialog.atStartCheck() && dialog.atStartCheck()->isChecked());
        QSignalSpy opened(&dialog, &SinceLastLookedDialog::tableActivated);
        for (int row : {0, 2, 3}) { // headings and a database line open nothing
            const QPoint at = list->visualItemRect(list->item(row)).center();
            QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, at);
            QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, at);
        }
        QCOMPARE(opened.count(), 0);
        list->setCurrentRow(1);
        QTest::keyClick(list, Qt::Key_Return);
        QCOMPARE(opened.count(), 1);
        QCOMPARE(opened.first().at(0).toString(), QStringLiteral("db-1"));
        QCOMPARE(opened.first().at(2).toString(), QStringLiteral("orders"));
        // The dashboard's own list has no such box.
        SinceLastLookedDialog lines({orders});
        QVERIFY(!lines.atStartCheck());
    }

    void timelineListsChangesNewestFirst()
    {
        const auto at = [](qint64 minutes, const char *status, const char *code = "") {
            TableSample s;
            s.timeMs = 1'700'000'000'000LL + minutes * 60'000;
            s.status = QString::fromLatin1(status);
            s.errorCode = QString::fromLatin1(code);
            return s;
        };
        TableTimelineDialog dialog(QStringLiteral("dbo.orders"),
                                   {at(0, "Replicating"), at(30, "Failed", "SourceTableNotFound"), at(95, "Replicating")},
                                   1'700'000'000'000LL + 125 * 60'000);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTableWidget *table = dialog.table();
        QCOMPARE(table->rowCount(), 3);
        QCOMPARE(table->item(0, 1)->text(), QStringLiteral("Replicating"));
        QCOMPARE(table->item(0, 2)->text(), QStringLiteral("30 min"));
        QCOMPARE(table->item(1, 1)->text(), QStringLiteral("Failed"));
        QCOMPARE(table->item(1, 2)->text(), QStringLiteral("1 h 5 min"));
        QCOMPARE(table->item(1, 3)->text(), QStringLiteral("SourceTableNotFound"));
        QCOMPARE(table->item(2, 2)->text(), QStringLiteral("30 min"));
    }
};

QTEST_MAIN(TestHistoryViews)
#include "tst_history_views.moc"
