// "Since you last looked" at the console's start (issue #20). A first console looks at one
// mirrored database in a dashboard, then watches it and a second one in the background against
// the in-process fabric-sandbox while the sandbox clock moves on and things break: a table fails,
// mirroring stops. A second console, started on the same history file, must list exactly what
// the file holds for each database since its last look, grouped by database; a double-click on a
// table's line opens that database's dashboard and the table's timeline; closing the list marks
// the databases seen, so a third start shows nothing at all.

#include "app/history/historyreader.h"
#include "app/history/historystore.h"
#include "app/history/historysummary.h"
#include "app/main/consolecontroller.h"
#include "app/watch/backgroundwatch.h"
#include "models/displaytext.h"
#include "models/modelroles.h"
#include "ui/dashboard/dashboardtablemodel.h"
#include "ui/dashboard/dashboardwindow.h"
#include "ui/dashboard/sincelastlookeddialog.h"
#include "ui/dashboard/tabletimelinedialog.h"
#include "ui/mainwindow/mainwindow.h"

#include "tests/support/consolesandbox.h"
#include "tests/support/dashboardharness.h"
#include "tests/support/missingtable.h"
#include "tests/support/timefactor.h"

#include <QCheckBox>
#include <QListWidget>
#include <QTableView>
#include <QTableWidget>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace fmc;
using test::DashboardHarness;
using test::scaledMs;

namespace {

//! A line's text without the downtime of a table still failing, which grows with the clock.
QString withoutOpenDowntime(QString text)
{
    static const QRegularExpression open(QStringLiteral("still failing: down .*$"));
    return text.replace(open, QStringLiteral("still failing"));
}

} // namespace

class TestStartSummary : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void summaryAtStartTellsWhatWasRecorded();

private:
    //! A console on the harness's sandbox, started, with its history file open for writing.
    std::unique_ptr<ConsoleController> startConsole(QSignalSpy **loaded = nullptr);

    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<DashboardHarness> m_h;
};

void TestStartSummary::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // The history file goes under XDG_DATA_HOME: a folder of this run, never the user's.
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("data"))));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("config"))));
    m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    m_h = std::make_unique<DashboardHarness>();
}

std::unique_ptr<ConsoleController> TestStartSummary::startConsole(QSignalSpy **loaded)
{
    auto console = std::make_unique<ConsoleController>(m_settings.get());
    console->setKeychainEnabled(false);
    console->useSandbox(test::consoleEndpoints(*m_h->sandbox));
    if (loaded)
        *loaded = new QSignalSpy(console.get(), &ConsoleController::startSummaryLoaded);
    console->start();
    if (!QTest::qWaitFor([&] { return console->history()->state() == HistoryStore::State::Writing; }, scaledMs(15000)))
        return nullptr;
    return console;
}

void TestStartSummary::summaryAtStartTellsWhatWasRecorded()
{
    const WatchedDatabase sales = m_h->database(QStringLiteral("SalesMirror"));
    const WatchedDatabase sensors = m_h->database(QStringLiteral("SensorLanding"));
    QString path;
    qint64 salesLooked = 0;
    {
        // The first console: a fresh file, nothing to tell at start.
        QSignalSpy *loadedSpy = nullptr;
        std::unique_ptr<ConsoleController> first = startConsole(&loadedSpy);
        std::unique_ptr<QSignalSpy> loaded(loadedSpy);
        QVERIFY(first);
        path = first->history()->filePath();
        QVERIFY(loaded->count() == 1 || loaded->wait(scaledMs(10000)));
        QCOMPARE(loaded->first().first().toInt(), 0);
        QVERIFY(!first->startSummary());

        // The user looks at SalesMirror in a dashboard, and closes it.
        first->openDashboard({sales});
        QCOMPARE(first->dashboards().size(), 1);
        QSignalSpy refreshed(first->dashboards().first()->monitor(), &StatusMonitor::refreshFinished);
        QVERIFY(refreshed.wait(scaledMs(15000)));
        delete first->dashboards().first();
        HistoryReader reader(path);
        QVERIFY2(reader.isOpen(), qPrintable(reader.error()));
        QVERIFY(QTest::qWaitFor([&] { return reader.lastSeen(sales.databaseId) > 0; }, scaledMs(10000)));
        salesLooked = reader.lastSeen(sales.databaseId);

        // Then watches both in the background, through simulated hours in which things break.
        BackgroundWatch *watch = first->backgroundWatch();
        watch->setInterval(std::chrono::hours(1)); // refreshes only when the test asks
        watch->setWatched(sales, true);
        watch->setWatched(sensors, true);
        QSignalSpy finished(watch->monitor(), &StatusMonitor::refreshFinished);
        QSignalSpy transitions(watch->monitor(), &StatusMonitor::transitions);
        watch->start();
        auto *state = m_h->sandbox->state();
        for (int hour = 0; hour < 6; ++hour) {
            if (hour == 1) { // a table the source does not have: it fails once the definition applies
                QVERIFY(test::mountMissingTable(*state, m_h->mirror(sensors), "ghost"));
            }
            if (hour == 3)
                QVERIFY(!state->stopMirroring(m_h->mirror(sales)));
            finished.clear();
            if (hour > 0)
                watch->monitor()->refreshNow();
            QVERIFY2(QTest::qWaitFor([&] { return finished.count() >= 1; }, scaledMs(15000)),
                     qPrintable(QStringLiteral("refresh at hour %1").arg(hour)));
            m_h->sandbox->advanceClock(3600'000);
        }
        watch->stop();
        QVERIFY(!transitions.isEmpty());
        QVERIFY(!state->startMirroring(m_h->mirror(sales))); // as the other tests found it
        // The first console ends; its store commits what is queued.
    }

    // The second console's start lists it.
    QSignalSpy *loadedSpy = nullptr;
    std::unique_ptr<ConsoleController> second = startConsole(&loadedSpy);
    std::unique_ptr<QSignalSpy> loaded(loadedSpy);
    QVERIFY(second);
    QCOMPARE(second->history()->filePath(), path);
    QVERIFY(loaded->count() == 1 || loaded->wait(scaledMs(10000)));
    QCOMPARE(loaded->first().first().toInt(), 2);
    SinceLastLookedDialog *summary = second->startSummary();
    QVERIFY(summary);
    QVERIFY(QTest::qWaitForWindowExposed(summary));
    QVERIFY(!summary->isModal()); // the console goes on behind it

    // What the file holds since each last look, told by the same rules, database by database:
    // SalesMirror since its dashboard closed, SensorLanding (watched, never looked at) all of it.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    HistoryReader reader(path);
    QVERIFY(reader.isOpen());
    QCOMPARE(reader.lastSeen(sales.databaseId), salesLooked);
    QCOMPARE(reader.lastSeen(sensors.databaseId), -1);
    QStringList expected;
    for (const auto &[db, from] : {std::pair{sales, salesLooked}, std::pair{sensors, qint64(0)}}) {
        expected << db.displayName;
        const QList<SummaryLine> lines = HistorySummary::summarize(reader.events(db.databaseId, from, now), from, now);
        QVERIFY2(!lines.isEmpty(), qPrintable(db.displayName));
        for (const SummaryLine &line : lines)
            expected << withoutOpenDowntime(displayText(line.text));
    }
    QStringList shown;
    for (int i = 0; i < summary->list()->count(); ++i)
        shown << withoutOpenDowntime(summary->list()->item(i)->text());
    QCOMPARE(shown, expected);
    QVERIFY2(shown.filter(QRegularExpression(QStringLiteral("^Mirroring .*→ Stopped"))).size() == 1,
             qPrintable(shown.join(QLatin1Char('\n'))));
    const QStringList ghost = shown.filter(QStringLiteral("dbo.ghost failed"));
    QCOMPARE(ghost.size(), 1);
    QVERIFY2(ghost.first().contains(QLatin1String("SourceTableNotFound")), qPrintable(ghost.first()));
    // Headings open nothing; a line of the sales database's stop is no table either.
    QCOMPARE(summary->list()->item(0)->flags() & Qt::ItemIsSelectable, Qt::ItemFlags());

    // A dashboard opened on a database the open summary lists (as --dashboard does at start)
    // does not tell the same news a second time.
    second->openDashboard({sales});
    QCOMPARE(second->dashboards().size(), 1);
    {
        DashboardWindow *salesDashboard = second->dashboards().first();
        QSignalSpy refreshed(salesDashboard->monitor(), &StatusMonitor::refreshFinished);
        QVERIFY(refreshed.wait(scaledMs(15000)));
        QTest::qWait(scaledMs(500)); // a summary of its own would be read and shown by now
        QVERIFY(!salesDashboard->findChild<SinceLastLookedDialog *>());
        delete salesDashboard;
    }

    // "Show this when the console starts" is a setting.
    QVERIFY(summary->atStartCheck()->isChecked());
    summary->atStartCheck()->click();
    QCOMPARE(m_settings->value(QStringLiteral("history/sinceLastLookedAtStart")).toBool(), false);
    summary->atStartCheck()->click();
    QCOMPARE(m_settings->value(QStringLiteral("history/sinceLastLookedAtStart")).toBool(), true);

    // A double-click on the table's line: SensorLanding's dashboard, and the table's timeline.
    QListWidget *list = summary->list();
    QListWidgetItem *line = list->findItems(QStringLiteral("dbo.ghost failed"), Qt::MatchStartsWith).value(0);
    QVERIFY(line);
    list->scrollToItem(line);
    const QPoint at = list->visualItemRect(line).center();
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, at);
    QVERIFY(QTest::qWaitFor([&] { return second->dashboards().size() == 1; }, scaledMs(5000)));
    DashboardWindow *dashboard = second->dashboards().first();
    QCOMPARE(dashboard->watched().size(), 1);
    QCOMPARE(dashboard->watched().first().databaseId, sensors.databaseId);
    QCOMPARE(dashboard->watched().first().workspaceId, sensors.workspaceId);
    TableTimelineDialog *timeline = nullptr;
    QVERIFY(QTest::qWaitFor([&] {
        timeline = dashboard->findChild<TableTimelineDialog *>();
        return timeline && timeline->isVisible();
    }, scaledMs(10000)));
    QVERIFY2(timeline->windowTitle().endsWith(QStringLiteral("Timeline — dbo.ghost")), // after the profile's name
             qPrintable(timeline->windowTitle()));
    QVERIFY(timeline->table()->rowCount() >= 1);
    // Its first refresh selects the table in the dashboard.
    QVERIFY(QTest::qWaitFor([&] {
        const QModelIndex current = dashboard->tableView()->currentIndex();
        return current.isValid() && dashboard->tableView()->selectionModel()->isRowSelected(current.row(), current.parent())
            && current.siblingAtColumn(DashboardTableModel::column(TableStatusModel::Table)).data(UnderlyingDataRole).toString()
                   == QLatin1String("ghost");
    }, scaledMs(15000)));

    // Closing the list is having looked: both databases are seen as of the start.
    summary->close();
    QVERIFY(QTest::qWaitFor([&] {
        return reader.lastSeen(sales.databaseId) > salesLooked && reader.lastSeen(sensors.databaseId) > 0;
    }, scaledMs(10000)));
    second.reset();

    // The third start has nothing to tell, and shows nothing.
    std::unique_ptr<ConsoleController> third = startConsole(&loadedSpy);
    loaded.reset(loadedSpy);
    QVERIFY(third);
    QVERIFY(loaded->count() == 1 || loaded->wait(scaledMs(10000)));
    QCOMPARE(loaded->first().first().toInt(), 0);
    QVERIFY(!third->startSummary());
    QVERIFY(!third->mainWindow()->findChild<SinceLastLookedDialog *>());
}

QTEST_MAIN(TestStartSummary)
#include "tst_start_summary.moc"
