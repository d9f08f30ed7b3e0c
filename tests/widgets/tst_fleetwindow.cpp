// The fleet window clicked like a user would, against the real fabric-sandbox (clock paused, so
// the demo tenant's statuses hold): the health roll-up and its clicks, the four filters, the
// gating of Start and Stop on a multi-selection (status and workspace role, as in the main
// window) and the per-item results of a bulk stop, with and without a fault.
#include "app/fleet/bulkactionrunner.h"
#include "app/fleet/fleetloader.h"
#include "app/workspacebrowser.h"
#include "models/fleetmodel.h"
#include "sandbox/fabricstate.h"
#include "tests/support/sandboxfixture.h"
#include "tests/support/timefactor.h"
#include "ui/fleet/bulkactiondialog.h"
#include "ui/fleet/fleetfiltermodel.h"
#include "ui/fleet/fleetwindow.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>

using namespace fmc;
using namespace fmc::sandbox;
using namespace fmc::test;

Q_DECLARE_METATYPE(fmc::FleetModel::Bucket)

class TestFleetWindow : public QObject
{
    Q_OBJECT
private slots:
    // One sandbox and one window for the read-only tests; a bulk stop gets a fresh pair.
    void initTestCase() { setUp(); }
    void cleanupTestCase() { tearDown(); }
    void init();
    void rollUpCountsWorstFirst_data();
    void rollUpCountsWorstFirst();
    void rollUpClickFilters();
    void filters_data();
    void filters();
    void multiSelectGating_data();
    void multiSelectGating();
    void perItemResults_data();
    void perItemResults();

private:
    void setUp();
    void tearDown();
    void select(const QStringList &names);
    QComboBox *filterNamed(const QString &name) const;
    //! The number a roll-up button shows ("3  Running" → 3).
    int rollUpCount(FleetModel::Bucket bucket) const;
    int rollUpTotal() const;

    SandboxFixture m_fx;
    std::unique_ptr<WorkspaceBrowser> m_browser;
    std::unique_ptr<FleetLoader> m_loader;
    std::unique_ptr<BulkActionRunner> m_runner;
    std::unique_ptr<FleetWindow> m_window;
};

void TestFleetWindow::init()
{
    // Every test starts with no filter and no selection.
    for (QComboBox *combo : m_window->findChildren<QComboBox *>())
        combo->setCurrentIndex(0);
    m_window->view()->clearSelection();
}

void TestFleetWindow::setUp()
{
    SandboxOptions options;
    options.speed = 100;
    options.startPaused = true;
    options.lroMode = LroMode::Never;
    QVERIFY(m_fx.up(options));
    m_browser = std::make_unique<WorkspaceBrowser>(m_fx.client);
    m_loader = std::make_unique<FleetLoader>(m_fx.client, m_browser.get());
    m_runner = std::make_unique<BulkActionRunner>(m_fx.client);
    m_window = std::make_unique<FleetWindow>(m_loader.get(), m_runner.get());
    new QAbstractItemModelTester(m_loader->model(), QAbstractItemModelTester::FailureReportingMode::QtTest,
                                 m_window.get());
    QSignalSpy roles(m_browser.get(), &WorkspaceBrowser::rolesLoaded);
    QSignalSpy details(m_loader.get(), &FleetLoader::detailsLoaded);
    m_window->show(); // the first show finds the fleet
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(QTest::qWaitFor([&] { return roles.count() > 0 && details.count() > 0; }, scaledMs(15000)));
    // The roll-up follows the model at most every 100 ms: wait until it counts all 7, none loading.
    QVERIFY(QTest::qWaitFor([&] { return rollUpTotal() == 7 && rollUpCount(FleetModel::Bucket::Loading) == 0; },
                            scaledMs(5000)));
    QCOMPARE(m_window->view()->model()->rowCount(), 7);
}

void TestFleetWindow::tearDown()
{
    m_window.reset();
    m_runner.reset();
    m_loader.reset();
    m_browser.reset();
    m_fx.down();
}

void TestFleetWindow::select(const QStringList &names)
{
    QTableView *view = m_window->view();
    view->clearSelection();
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        const QModelIndex index = view->model()->index(row, FleetModel::Name);
        if (!names.contains(index.data().toString()))
            continue;
        // Ctrl+click adds to the selection, as a user picks several rows.
        const QRect rect = view->visualRect(index);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::ControlModifier, rect.center());
    }
    QCOMPARE(view->selectionModel()->selectedRows().size(), names.size());
}

int TestFleetWindow::rollUpCount(FleetModel::Bucket bucket) const
{
    return m_window->rollUpButton(int(bucket))->text().section(u' ', 0, 0).toInt();
}

int TestFleetWindow::rollUpTotal() const
{
    int total = 0;
    for (int b = 0; b < int(FleetModel::Bucket::Count); ++b)
        total += rollUpCount(FleetModel::Bucket(b));
    return total;
}

QComboBox *TestFleetWindow::filterNamed(const QString &name) const
{
    return m_window->findChild<QComboBox *>(name);
}

void TestFleetWindow::rollUpCountsWorstFirst_data()
{
    QTest::addColumn<FleetModel::Bucket>("bucket");
    QTest::addColumn<int>("count");
    QTest::addRow("Stopped: LedgerMirror") << FleetModel::Bucket::Stopped << 1;
    QTest::addRow("Initializing: SnowflakeMirror and OpsMirror") << FleetModel::Bucket::Initializing << 2;
    QTest::addRow("Paused: none") << FleetModel::Bucket::Paused << 0;
}

void TestFleetWindow::rollUpCountsWorstFirst()
{
    QFETCH(FleetModel::Bucket, bucket);
    QFETCH(int, count);
    QToolButton *button = m_window->rollUpButton(int(bucket));
    QVERIFY(button->isVisible());
    QVERIFY2(button->text().startsWith(QString::number(count) + QStringLiteral(" ")), qPrintable(button->text()));
    QVERIFY(button->text().contains(FleetModel::bucketText(bucket)));
    // Worst first, left to right: Failed before Warning before ... before Running.
    const int x = button->geometry().x();
    if (bucket != FleetModel::Bucket::Failed)
        QVERIFY(m_window->rollUpButton(int(FleetModel::Bucket::Failed))->geometry().x() < x);
    if (bucket != FleetModel::Bucket::Running)
        QVERIFY(m_window->rollUpButton(int(FleetModel::Bucket::Running))->geometry().x() > x);
    // The four running mirrors are Running, Running with warning or Failed tables.
    QCOMPARE(rollUpCount(FleetModel::Bucket::Failed) + rollUpCount(FleetModel::Bucket::Warning)
                 + rollUpCount(FleetModel::Bucket::Running),
             4);
    // And the health column sorts the same way: the first row is the worst.
    const int first = m_window->view()->model()->index(0, 0).data(FleetModel::BucketRole).toInt();
    for (int row = 1; row < m_window->view()->model()->rowCount(); ++row)
        QVERIFY(m_window->view()->model()->index(row, 0).data(FleetModel::BucketRole).toInt() >= first);
}

void TestFleetWindow::rollUpClickFilters()
{
    QToolButton *stopped = m_window->rollUpButton(int(FleetModel::Bucket::Stopped));
    QTest::mouseClick(stopped, Qt::LeftButton);
    QCOMPARE(m_window->view()->model()->rowCount(), 1);
    QCOMPARE(m_window->view()->model()->index(0, FleetModel::Name).data().toString(), QStringLiteral("LedgerMirror"));
    QCOMPARE(m_window->statusFilter()->currentText(), FleetModel::bucketText(FleetModel::Bucket::Stopped));
    QTest::mouseClick(stopped, Qt::LeftButton); // again: every status
    QCOMPARE(m_window->view()->model()->rowCount(), 7);
    QCOMPARE(m_window->statusFilter()->currentIndex(), 0);
}

void TestFleetWindow::filters_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("choice");
    QTest::addColumn<int>("rows");
    QTest::addRow("workspace Sales Analytics") << "workspaceFilter" << "Sales Analytics" << 2;
    QTest::addRow("workspace Operations") << "workspaceFilter" << "Operations" << 2;
    QTest::addRow("capacity Sandbox Trial") << "capacityFilter" << "Sandbox Trial" << 2;
    QTest::addRow("source Snowflake") << "sourceFilter" << "Snowflake" << 1;
    // ReportsMirror's source is not known: a Viewer may not read definitions.
    QTest::addRow("source AzureSqlDatabase") << "sourceFilter" << "AzureSqlDatabase" << 2;
    QTest::addRow("status Initializing") << "statusFilter" << "Initializing" << 2;
}

void TestFleetWindow::filters()
{
    QFETCH(QString, filter);
    QFETCH(QString, choice);
    QFETCH(int, rows);
    QComboBox *combo = filterNamed(filter);
    QVERIFY(combo);
    const int index = combo->findText(choice);
    QVERIFY2(index > 0, qPrintable(choice));
    // Chosen with the keyboard, as a user would: focus the combo and type.
    combo->setFocus();
    combo->setCurrentIndex(index);
    QCOMPARE(m_window->view()->model()->rowCount(), rows);
    combo->setCurrentIndex(0);
    QCOMPARE(m_window->view()->model()->rowCount(), 7);
}

void TestFleetWindow::multiSelectGating_data()
{
    QTest::addColumn<QStringList>("selection");
    QTest::addColumn<bool>("start");
    QTest::addColumn<bool>("stop");
    QTest::addColumn<QString>("stopTip"); // part of Stop's tooltip
    QTest::addColumn<bool>("refresh");    // Refresh SQL endpoint
    QTest::addColumn<QString>("refreshTip");
    const QStringList all{"SalesMirror", "SalesArchive", "LedgerMirror", "SnowflakeMirror",
                          "OpsMirror", "SensorLanding", "ReportsMirror"};
    QTest::addRow("all: both, each for some") << all << true << true << "3 of 7 selected" << true << "5 of 7 selected";
    QTest::addRow("a Viewer's running mirror") << QStringList{"ReportsMirror"} << false << false << "Viewer" << false
                                               << "needs Contributor or higher";
    QTest::addRow("a stopped one") << QStringList{"LedgerMirror"} << true << false << "the status is Stopped" << true
                                   << "1 of 1 selected";
    QTest::addRow("provisioning") << QStringList{"SnowflakeMirror"} << false << false << "" << false
                                  << "not provisioned yet";
    QTest::addRow("two running, one Viewer's") << QStringList{"SalesMirror", "SensorLanding", "ReportsMirror"}
                                               << false << true << "2 of 3 selected" << true << "2 of 3 selected";
}

void TestFleetWindow::multiSelectGating()
{
    QFETCH(QStringList, selection);
    QFETCH(bool, start);
    QFETCH(bool, stop);
    QFETCH(QString, stopTip);
    select(selection);
    QCOMPARE(m_window->startButton()->isEnabled(), start);
    QCOMPARE(m_window->stopButton()->isEnabled(), stop);
    QVERIFY2(m_window->stopButton()->toolTip().contains(stopTip), qPrintable(m_window->stopButton()->toolTip()));
    QFETCH(bool, refresh);
    QFETCH(QString, refreshTip);
    QCOMPARE(m_window->refreshEndpointButton()->isEnabled(), refresh);
    QVERIFY2(m_window->refreshEndpointButton()->toolTip().contains(refreshTip),
             qPrintable(m_window->refreshEndpointButton()->toolTip()));
    QVERIFY(m_window->dashboardButton()->isEnabled());
    QSignalSpy dashboard(m_window.get(), &FleetWindow::dashboardRequested);
    QTest::mouseClick(m_window->dashboardButton(), Qt::LeftButton);
    QCOMPARE(dashboard.count(), 1);
    QCOMPARE(dashboard.first().first().value<QList<WatchedDatabase>>().size(), selection.size());
}

void TestFleetWindow::perItemResults_data()
{
    QTest::addColumn<int>("fault"); // HTTP status injected on the first stop, 0: none
    QTest::addColumn<int>("done");
    QTest::addRow("no fault") << 0 << 3;
    QTest::addRow("503 on the first stop") << 503 << 2;
}

void TestFleetWindow::perItemResults()
{
    QFETCH(int, fault);
    QFETCH(int, done);
    // Stopping changes the tenant: each row starts from the demo tenant again.
    tearDown();
    setUp();
    if (QTest::currentTestFailed())
        return;
    if (fault) {
        FaultRule rule;
        rule.operation = QStringLiteral("stopMirroring");
        rule.status = fault;
        rule.count = 1;
        m_fx.sandbox->addFault(rule);
    }
    select({"SalesMirror", "SalesArchive", "LedgerMirror", "SnowflakeMirror", "OpsMirror", "SensorLanding",
            "ReportsMirror"});
    QSignalSpy started(m_window.get(), &FleetWindow::bulkActionStarted);
    QTest::mouseClick(m_window->stopButton(), Qt::LeftButton);
    QMessageBox *box = nullptr;
    QVERIFY(QTest::qWaitFor([&] { return (box = m_window->findChild<QMessageBox *>(QStringLiteral("bulkConfirmation"))); }));
    // The confirmation says exactly what will happen: 3 sent, 4 skipped, each with its reason.
    const QString text = box->informativeText();
    QVERIFY2(text.contains(QStringLiteral("3 mirrored database")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("4 will be skipped")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("ReportsMirror (Shared Reports) — skipped: your role in Shared Reports is Viewer")),
             qPrintable(text));
    QCOMPARE(box->textFormat(), Qt::PlainText);
    QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    QVERIFY(started.count() == 1 || started.wait(2000));
    auto *dialog = qobject_cast<BulkActionDialog *>(started.first().first().value<QWidget *>());
    QVERIFY(dialog);
    QTableWidget *results = dialog->results();
    QCOMPARE(results->rowCount(), 7);
    QVERIFY(QTest::qWaitFor([&] { return !m_runner->isRunning(); }, scaledMs(10000)));
    QStringList outcomes;
    for (int row = 0; row < results->rowCount(); ++row) {
        const QString result = results->item(row, BulkActionDialog::Result)->text();
        const QString details = results->item(row, BulkActionDialog::Details)->toolTip();
        outcomes << result;
        if (result != QLatin1String("Done"))
            QVERIFY2(!results->item(row, BulkActionDialog::Details)->text().isEmpty(), qPrintable(result));
        if (result == QLatin1String("Failed"))
            QVERIFY2(details.contains(QStringLiteral("Request id")), qPrintable(details));
    }
    QCOMPARE(outcomes.count(QStringLiteral("Done")), done);
    QCOMPARE(outcomes.count(QStringLiteral("Failed")), 3 - done);
    QCOMPARE(outcomes.count(QStringLiteral("Skipped")), 4);
    QPushButton *close = dialog->findChild<QPushButton *>(QStringLiteral("bulkClose"));
    QVERIFY(close->isEnabled());
    QTest::mouseClick(close, Qt::LeftButton);
}

QTEST_MAIN(TestFleetWindow)
#include "tst_fleetwindow.moc"
