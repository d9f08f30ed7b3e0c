// The fleet window clicked like a user would, against the real fabric-sandbox (clock paused, so
// the demo tenant's statuses hold): every mirror type in one list, the health roll-up and its
// clicks, the five filters (the item type among them), the gating of the bulk actions on a
// multi-selection across types (type, status and workspace role) and the per-item results of a
// bulk stop, with and without a fault, mirrored and SQL databases together.
#include "app/fleet/bulkactionrunner.h"
#include "app/fleet/fleetloader.h"
#include "app/workspacebrowser.h"
#include "models/fleetmodel.h"
#include "sandbox/fabricstate.h"
#include "tests/support/sandboxfixture.h"
#include "tests/support/timefactor.h"
#include "ui/elidedlabel.h"
#include "ui/fleet/bulkactiondialog.h"
#include "ui/fleet/fleetfiltermodel.h"
#include "ui/fleet/fleetwindow.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QHeaderView>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTimer>
#include <QToolButton>

using namespace fmc;
using namespace fmc::sandbox;
using namespace fmc::test;

Q_DECLARE_METATYPE(fmc::FleetModel::Bucket)

namespace {

constexpr int kMirrors = 18; // the demo tenant's, of every mirror type (one the spec does not name)
const QStringList kDatabases{"SalesMirror", "SalesArchive", "LedgerMirror", "SnowflakeMirror",
                             "OpsMirror", "SensorLanding", "ReportsMirror"};
const QStringList kOtherTypes{"IcebergSales", "GlueFinance", "DremioOps", "UnitySales", "UnityFinance",
                              "UnityOps", "UnityPlant", "OrdersDb", "BudgetDb", "LegacyWarehouse"};

} // namespace

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
    void fitsA1024PxScreen();
    void typeColumnFitsTheLongestType();
    void filters_data();
    void filters();
    void multiSelectGating_data();
    void multiSelectGating();
    void perItemResults_data();
    void perItemResults();
    void loadingText_data();
    void loadingText();
    void statusLineFollowsTheLoad();
    void finishedResultsStayWithTheirBatch();
    void whatChangedWhileConfirmingIsNotSent();

private:
    void setUp();
    void tearDown();
    void select(const QStringList &names);
    QComboBox *filterNamed(const QString &name) const;
    //! The number a roll-up button shows ("3  Running" → 3).
    int rollUpCount(FleetModel::Bucket bucket) const;
    int rollUpTotal() const;
    //! Whether the view's rows are in Health order (worst bucket first).
    bool inHealthOrder() const;

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
    // The roll-up and the order follow the model at most every 100 ms: wait until it counts all
    // 18 (7 mirrored databases, 11 of the other types), none loading, and the view is in
    // Health order (rows that came while loading are placed by the tick after it).
    QVERIFY(QTest::qWaitFor([&] {
        return rollUpTotal() == kMirrors && rollUpCount(FleetModel::Bucket::Loading) == 0 && inHealthOrder();
    }, scaledMs(5000)));
    QCOMPARE(m_window->view()->model()->rowCount(), kMirrors);
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

bool TestFleetWindow::inHealthOrder() const
{
    const QAbstractItemModel *view = m_window->view()->model();
    for (int row = 1; row < view->rowCount(); ++row)
        if (view->index(row, 0).data(FleetModel::BucketRole).toInt() < view->index(row - 1, 0).data(FleetModel::BucketRole).toInt())
            return false;
    return true;
}

QComboBox *TestFleetWindow::filterNamed(const QString &name) const
{
    return m_window->findChild<QComboBox *>(name);
}

void TestFleetWindow::rollUpCountsWorstFirst_data()
{
    QTest::addColumn<FleetModel::Bucket>("bucket");
    QTest::addColumn<int>("count");
    QTest::addRow("Stopped: LedgerMirror and the catalog DremioOps") << FleetModel::Bucket::Stopped << 2;
    QTest::addRow("Initializing: SnowflakeMirror and OpsMirror") << FleetModel::Bucket::Initializing << 2;
    QTest::addRow("Paused: none") << FleetModel::Bucket::Paused << 0;
    QTest::addRow("No status call: two SQL databases, two read-only types") << FleetModel::Bucket::NoStatus << 4;
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
    if (bucket < FleetModel::Bucket::Running)
        QVERIFY(m_window->rollUpButton(int(FleetModel::Bucket::Running))->geometry().x() > x);
    if (bucket > FleetModel::Bucket::Running) // no status: after the ones that have one
        QVERIFY(m_window->rollUpButton(int(FleetModel::Bucket::Running))->geometry().x() < x);
    // The four running mirrored databases are Running, Running with warning or Failed; so are
    // the six catalogs that are not Stopped (a failed catalog and a failed Databricks sync are
    // Failed, a failed table and a catalog never synced are warnings).
    QCOMPARE(rollUpCount(FleetModel::Bucket::Failed) + rollUpCount(FleetModel::Bucket::Warning)
                 + rollUpCount(FleetModel::Bucket::Running),
             10);
    QVERIFY(rollUpCount(FleetModel::Bucket::Failed) >= 2);
    QVERIFY(rollUpCount(FleetModel::Bucket::Warning) >= 2);
    // And the health column sorts the same way, worst first, then by name within a bucket.
    const QAbstractItemModel *view = m_window->view()->model();
    for (int row = 1; row < view->rowCount(); ++row) {
        const int before = view->index(row - 1, 0).data(FleetModel::BucketRole).toInt();
        const int here = view->index(row, 0).data(FleetModel::BucketRole).toInt();
        QVERIFY(here >= before);
        if (here == before)
            QVERIFY2(view->index(row - 1, FleetModel::Name).data().toString().compare(
                         view->index(row, FleetModel::Name).data().toString(), Qt::CaseInsensitive) <= 0,
                     qPrintable(view->index(row, FleetModel::Name).data().toString()));
    }
}

// Once the fleet is in (the type filter lists MirroredCosmosDbContainer), the window still fits a
// 1024 px screen: it was at least 1,103 px wide, its filters sized to their longest entry.
void TestFleetWindow::fitsA1024PxScreen()
{
    QVERIFY2(m_window->minimumSizeHint().width() <= 1024, qPrintable(QString::number(m_window->minimumSizeHint().width())));
    m_window->resize(1024, 700);
    QTRY_COMPARE(m_window->width(), 1024);
    // A long status line is cut with "…", not a reason to widen the window.
    auto *status = m_window->findChild<ElidedLabel *>(QStringLiteral("fleetStatus"));
    QVERIFY(status);
    QVERIFY(status->minimumSizeHint().width() < 50);
}

void TestFleetWindow::rollUpClickFilters()
{
    QToolButton *stopped = m_window->rollUpButton(int(FleetModel::Bucket::Stopped));
    QTest::mouseClick(stopped, Qt::LeftButton);
    QCOMPARE(m_window->view()->model()->rowCount(), 2);
    QStringList names;
    for (int row = 0; row < 2; ++row)
        names << m_window->view()->model()->index(row, FleetModel::Name).data().toString();
    names.sort();
    QCOMPARE(names, (QStringList{"DremioOps", "LedgerMirror"}));
    QCOMPARE(m_window->statusFilter()->currentText(), FleetModel::bucketText(FleetModel::Bucket::Stopped));
    QTest::mouseClick(stopped, Qt::LeftButton); // again: every status
    QCOMPARE(m_window->view()->model()->rowCount(), kMirrors);
    QCOMPARE(m_window->statusFilter()->currentIndex(), 0);
}

// The Type column had a fixed 170 px: the demo's MirroredCosmosDbContainer read
// "MirroredCosmosDbConta…". It widens to the longest type text once the fleet is in; a width the
// user set stays through a reload.
void TestFleetWindow::typeColumnFitsTheLongestType()
{
    QTableView *view = m_window->view();
    const int needed = view->fontMetrics().horizontalAdvance(QStringLiteral("MirroredCosmosDbContainer"));
    QVERIFY2(view->columnWidth(FleetModel::Type) > needed + 4,
             qPrintable(QStringLiteral("%1 <= %2").arg(view->columnWidth(FleetModel::Type)).arg(needed + 4)));

    view->horizontalHeader()->resizeSection(FleetModel::Type, 120);
    QSignalSpy details(m_loader.get(), &FleetLoader::detailsLoaded);
    QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("fleetRefresh")), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return details.count() > 0; }, scaledMs(15000)));
    QVERIFY(QTest::qWaitFor([&] {
        return rollUpTotal() == kMirrors && rollUpCount(FleetModel::Bucket::Loading) == 0 && inHealthOrder();
    }, scaledMs(5000)));
    QTest::qWait(300); // past the 100 ms tick that refits after the load
    QCOMPARE(view->columnWidth(FleetModel::Type), 120);
}

void TestFleetWindow::filters_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("choice");
    QTest::addColumn<int>("rows");
    // Sales Analytics: 2 mirrored databases, a catalog, a Databricks catalog, a SQL database and
    // a MirroredWarehouse; Operations: 2, a catalog, two Databricks catalogs and a
    // MirroredCosmosDbContainer (a type the spec does not name).
    QTest::addRow("workspace Sales Analytics") << "workspaceFilter" << "Sales Analytics" << 6;
    QTest::addRow("workspace Operations") << "workspaceFilter" << "Operations" << 6;
    QTest::addRow("capacity Sandbox Trial") << "capacityFilter" << "Sandbox Trial" << 6;
    QTest::addRow("type mirrored database") << "typeFilter" << "Mirrored database" << 7;
    QTest::addRow("type mirrored catalog") << "typeFilter" << "Mirrored catalog (preview)" << 3;
    QTest::addRow("type Databricks catalog") << "typeFilter" << "Azure Databricks catalog" << 4;
    QTest::addRow("type SQL database") << "typeFilter" << "SQL database" << 2;
    QTest::addRow("type read-only") << "typeFilter" << "Read-only (MirroredCosmosDbContainer, MirroredWarehouse)" << 2;
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
    // A source type is known once that mirror's definition was read, which on a loaded machine
    // can come after the roll-up settled: the filter fills as the details arrive.
    QVERIFY2(QTest::qWaitFor([&] { return combo->findText(choice) > 0; }, scaledMs(10000)), qPrintable(choice));
    const int index = combo->findText(choice);
    // Chosen with the keyboard, as a user would: focus the combo and type.
    combo->setFocus();
    combo->setCurrentIndex(index);
    QCOMPARE(m_window->view()->model()->rowCount(), rows);
    combo->setCurrentIndex(0);
    QCOMPARE(m_window->view()->model()->rowCount(), kMirrors);
}

void TestFleetWindow::multiSelectGating_data()
{
    QTest::addColumn<QStringList>("selection");
    QTest::addColumn<bool>("start");
    QTest::addColumn<bool>("stop");
    QTest::addColumn<QString>("stopTip"); // part of Stop's tooltip
    QTest::addColumn<bool>("refresh");    // Refresh SQL endpoint
    QTest::addColumn<QString>("refreshTip");
    QTest::addColumn<bool>("catalog");    // Refresh catalog metadata
    QTest::addColumn<QString>("catalogTip");
    QTest::addColumn<int>("dashboard");   // mirrors the dashboard gets, of any type; 0: disabled
    const QStringList every = kDatabases + kOtherTypes;
    QTest::addRow("all databases: both, each for some")
        << kDatabases << true << true << "3 of 7 selected" << true << "5 of 7 selected" << false
        << "Use Refresh SQL endpoint" << 7;
    QTest::addRow("every type: each action for its own")
        << every << true << true << "5 of 17 selected" << true << "5 of 17 selected" << true << "7 of 17 selected" << 17;
    QTest::addRow("a Viewer's running mirror") << QStringList{"ReportsMirror"} << false << false << "Viewer" << false
                                               << "needs Contributor or higher" << false << "" << 1;
    QTest::addRow("a stopped one") << QStringList{"LedgerMirror"} << true << false << "the status is Stopped" << true
                                   << "1 of 1 selected" << false << "" << 1;
    QTest::addRow("provisioning") << QStringList{"SnowflakeMirror"} << false << false << "" << false
                                  << "not provisioned yet" << false << "" << 1;
    QTest::addRow("two running, one Viewer's") << QStringList{"SalesMirror", "SensorLanding", "ReportsMirror"}
                                               << false << true << "2 of 3 selected" << true << "2 of 3 selected"
                                               << false << "" << 3;
    QTest::addRow("a failed catalog and a Databricks catalog")
        << QStringList{"GlueFinance", "UnitySales"} << false << false << "no start or stop" << false
        << "mirrored databases" << true << "2 of 2 selected" << 2;
    // No status call: started or stopped whatever its state, never skipped as "already running".
    QTest::addRow("a SQL database") << QStringList{"OrdersDb"} << true << true << "1 of 1 selected" << false
                                    << "mirrored databases" << false << "no catalog metadata" << 1;
    QTest::addRow("a read-only type") << QStringList{"LegacyWarehouse"} << false << false << "read-only" << false
                                      << "mirrored databases" << false << "read-only" << 1;
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
    QFETCH(bool, catalog);
    QFETCH(QString, catalogTip);
    QCOMPARE(m_window->refreshCatalogButton()->isEnabled(), catalog);
    QVERIFY2(m_window->refreshCatalogButton()->toolTip().contains(catalogTip),
             qPrintable(m_window->refreshCatalogButton()->toolTip()));
    QFETCH(int, dashboard);
    QCOMPARE(m_window->dashboardButton()->isEnabled(), dashboard > 0);
    if (dashboard == 0)
        return;
    QSignalSpy requested(m_window.get(), &FleetWindow::dashboardRequested);
    QTest::mouseClick(m_window->dashboardButton(), Qt::LeftButton);
    QCOMPARE(requested.count(), 1);
    const QList<WatchedDatabase> targets = requested.first().first().value<QList<WatchedDatabase>>();
    QCOMPARE(targets.size(), dashboard);
    // The other types go with their type, so that the dashboard reads each with its own calls.
    for (const WatchedDatabase &target : targets)
        QCOMPARE(target.itemType.isEmpty(), target.kind() == MirrorItemKind::MirroredDatabase);
}

void TestFleetWindow::perItemResults_data()
{
    QTest::addColumn<int>("fault"); // HTTP status injected on the first stop, 0: none
    QTest::addColumn<QStringList>("selection");
    QTest::addColumn<int>("done");
    QTest::addColumn<int>("failed");
    QTest::addColumn<int>("skipped");
    QTest::addRow("no fault") << 0 << kDatabases << 3 << 0 << 4;
    QTest::addRow("503 on the first stop") << 503 << kDatabases << 2 << 1 << 4;
    // A SQL database is stopped blind (no status call); a catalog and a read-only type are skipped.
    QTest::addRow("across types")
        << 0 << kDatabases + QStringList{"OrdersDb", "GlueFinance", "LegacyWarehouse"} << 4 << 0 << 6;
}

void TestFleetWindow::perItemResults()
{
    QFETCH(int, fault);
    QFETCH(QStringList, selection);
    QFETCH(int, done);
    QFETCH(int, failed);
    QFETCH(int, skipped);
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
    select(selection);
    QSignalSpy started(m_window.get(), &FleetWindow::bulkActionStarted);
    QTest::mouseClick(m_window->stopButton(), Qt::LeftButton);
    QMessageBox *box = nullptr;
    QVERIFY(QTest::qWaitFor([&] { return (box = m_window->findChild<QMessageBox *>(QStringLiteral("bulkConfirmation"))); }));
    // The confirmation says exactly what will happen: what is sent, what is skipped and why.
    const QString text = box->informativeText();
    QVERIFY2(text.contains(QStringLiteral("%1 mirror").arg(done + failed)), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("%1 will be skipped").arg(skipped)), qPrintable(text));
    if (selection.contains(QStringLiteral("OrdersDb"))) {
        QVERIFY2(text.contains(QStringLiteral("OrdersDb (Sales Analytics) — no status call")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("GlueFinance (Finance) — skipped: The mirrored catalog API has no start")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("LegacyWarehouse (Sales Analytics) — skipped: MirroredWarehouse is shown read-only")),
                 qPrintable(text));
    }
    QVERIFY2(text.contains(QStringLiteral("ReportsMirror (Shared Reports) — skipped: your role in Shared Reports is Viewer")),
             qPrintable(text));
    QCOMPARE(box->textFormat(), Qt::PlainText);
    QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    QVERIFY(started.count() == 1 || started.wait(2000));
    auto *dialog = qobject_cast<BulkActionDialog *>(started.first().first().value<QWidget *>());
    QVERIFY(dialog);
    QTableWidget *results = dialog->results();
    QCOMPARE(results->rowCount(), selection.size());
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
    QCOMPARE(outcomes.count(QStringLiteral("Failed")), failed);
    QCOMPARE(outcomes.count(QStringLiteral("Skipped")), skipped);
    if (selection.contains(QStringLiteral("OrdersDb"))) {
        // Reached once, though it was already mirroring: the console cannot know, and says so.
        const sandbox::MirrorItemStore::SqlDatabase *orders = nullptr;
        for (const auto &ws : m_fx.sandbox->state()->workspaces())
            for (const auto *database : m_fx.sandbox->state()->mirrorItems().sqlDatabases(ws.id))
                if (database->displayName == QLatin1String("OrdersDb"))
                    orders = database;
        QVERIFY(orders);
        QCOMPARE(orders->stops, 1);
        for (int row = 0; row < results->rowCount(); ++row)
            if (results->item(row, BulkActionDialog::Name)->text() == QLatin1String("OrdersDb"))
                QVERIFY2(results->item(row, BulkActionDialog::Details)->text().contains(QStringLiteral("no status call")),
                         qPrintable(results->item(row, BulkActionDialog::Details)->text()));
    }
    QPushButton *close = dialog->findChild<QPushButton *>(QStringLiteral("bulkClose"));
    QVERIFY(close->isEnabled());
    QTest::mouseClick(close, Qt::LeftButton);
}

QTEST_MAIN(TestFleetWindow)
void TestFleetWindow::loadingText_data()
{
    QTest::addColumn<int>("found");
    QTest::addColumn<bool>("listComplete");
    QTest::addColumn<int>("pending");
    QTest::addColumn<bool>("otherTypes");
    QTest::addColumn<QString>("expected");
    QTest::newRow("searching") << 120 << false << 40 << false << "120 mirrors found so far; 40 detail calls to go…";
    QTest::newRow("first page, no call yet") << 1 << false << 0 << false << "1 mirror found so far…";
    QTest::newRow("list complete, details to go") << 18 << true << 1 << true
                                                  << "18 mirrors found; 1 detail call to go; looking for other mirror "
                                                     "types in the catalog…";
    // The details are in and the catalog is still read for the other types: no "0 calls to go".
    QTest::newRow("only the other types to go") << 550 << true << 0 << true
                                                << "550 mirrors found; looking for other mirror types in the catalog…";
}

void TestFleetWindow::loadingText()
{
    QFETCH(int, found);
    QFETCH(bool, listComplete);
    QFETCH(int, pending);
    QFETCH(bool, otherTypes);
    QFETCH(QString, expected);
    QCOMPARE(FleetWindow::loadingText(found, listComplete, pending, otherTypes), expected);
}

// A first load in a fresh window (nothing learnt: the unfiltered pass runs): the status line
// says what is still going on at each step, never "0 detail calls to go", and what was found
// once it is all in.
void TestFleetWindow::statusLineFollowsTheLoad()
{
    WorkspaceBrowser browser(m_fx.client);
    FleetLoader loader(m_fx.client, &browser);
    BulkActionRunner runner(m_fx.client);
    FleetWindow window(&loader, &runner);
    auto *status = window.findChild<ElidedLabel *>(QStringLiteral("fleetStatus"));
    QVERIFY(status);
    QStringList seen;
    QString atLoaded;
    // After the window's own slot (connected first): what the line says at that moment.
    connect(&loader, &FleetLoader::loaded, this, [&] { atLoaded = status->text(); });
    QTimer sampler;
    sampler.setInterval(1);
    connect(&sampler, &QTimer::timeout, this, [&] {
        if (seen.isEmpty() || seen.constLast() != status->text())
            seen << status->text();
    });
    QSignalSpy done(&loader, &FleetLoader::detailsLoaded);
    sampler.start();
    window.show(); // the first show finds the fleet
    QVERIFY(done.wait(scaledMs(15000)));
    sampler.stop();
    // The typed search's list is complete, its details and the other types' pass to come (the
    // type the spec does not name, MirroredCosmosDbContainer, comes with that pass).
    QVERIFY2(atLoaded.startsWith(QStringLiteral("%1 mirrors found; ").arg(kMirrors - 1)), qPrintable(atLoaded));
    QVERIFY2(atLoaded.contains(QLatin1String("detail calls to go")), qPrintable(atLoaded));
    QVERIFY2(atLoaded.endsWith(QStringLiteral("; looking for other mirror types in the catalog…")), qPrintable(atLoaded));
    for (const QString &text : std::as_const(seen))
        QVERIFY2(!text.contains(QLatin1String(" 0 detail")), qPrintable(seen.join(QStringLiteral(" | "))));
    QTRY_COMPARE(status->text(), QStringLiteral("%1 mirrors found by catalog search.").arg(kMirrors));
}

// A results dialog left open after its batch ends keeps that batch's rows: the runner's next
// batch (here of other mirrors, fewer of them) is not written into it.
void TestFleetWindow::finishedResultsStayWithTheirBatch()
{
    BulkActionRunner runner(m_fx.client);
    const auto running = [](const QString &name) {
        BulkActionRunner::Target target;
        target.workspaceId = QStringLiteral("ws");
        target.databaseId = name;
        target.displayName = name;
        target.workspaceName = QStringLiteral("Sales Analytics");
        MirroringStatusResponse status;
        status.status = EnumText<MirroringStatus>::fromValue(MirroringStatus::Running);
        target.status = status;
        target.role = WorkspaceRole::Admin;
        return target;
    };
    // Start on Running mirrors: every item skipped, nothing sent, each batch ends at once.
    const auto first = BulkActionRunner::plan(BulkActionRunner::Action::Start,
                                              {running(QStringLiteral("Alpha")), running(QStringLiteral("Beta")),
                                               running(QStringLiteral("Gamma"))});
    QSignalSpy finished(&runner, &BulkActionRunner::finished);
    runner.run(BulkActionRunner::Action::Start, first);
    BulkActionDialog dialog(&runner);
    QVERIFY(finished.wait(5000));
    auto *table = dialog.findChild<QTableWidget *>();
    QVERIFY(table);
    QCOMPARE(table->rowCount(), 3);
    runner.run(BulkActionRunner::Action::Start, BulkActionRunner::plan(BulkActionRunner::Action::Start,
                                                                       {running(QStringLiteral("Omega"))}));
    QVERIFY(finished.wait(5000));
    QCOMPARE(table->rowCount(), 3);
    QStringList names;
    for (int row = 0; row < table->rowCount(); ++row)
        names << table->item(row, BulkActionDialog::Name)->text();
    QCOMPARE(names, (QStringList{QStringLiteral("Alpha"), QStringLiteral("Beta"), QStringLiteral("Gamma")}));
}

// The plan shown in the confirmation is checked again when it is sent: a mirror whose status
// changed meanwhile (a Stop confirmed, the mirror Stopped by then) or that left the fleet is
// skipped, saying why; nothing is added to what was confirmed.
void TestFleetWindow::whatChangedWhileConfirmingIsNotSent()
{
    // Both Running as the Stop is confirmed (whatever earlier tests left), as they were after.
    FleetModel *model = m_loader->model();
    QList<FleetRow> before;
    MirroringStatusResponse running, stopped;
    running.status = EnumText<MirroringStatus>::fromValue(MirroringStatus::Running);
    stopped.status = EnumText<MirroringStatus>::fromValue(MirroringStatus::Stopped);
    for (int r = 0; r < model->rowCount(); ++r) {
        const FleetRow &row = model->rowAt(r);
        if (row.mirror.database.displayName == QLatin1String("SalesMirror")
            || row.mirror.database.displayName == QLatin1String("SalesArchive"))
            before.append(row);
    }
    QCOMPARE(before.size(), 2);
    for (const FleetRow &row : std::as_const(before))
        model->setMirroringStatus(row.mirror.database.workspaceId, row.mirror.database.id, running);
    select({QStringLiteral("SalesMirror"), QStringLiteral("SalesArchive")});
    QList<BulkActionRunner::Item> confirmed = m_window->planFor(BulkActionRunner::Action::Stop);
    QCOMPARE(confirmed.size(), 2);
    for (const BulkActionRunner::Item &item : std::as_const(confirmed))
        QVERIFY2(item.outcome == BulkActionRunner::Outcome::Pending,
                 qPrintable(item.target.displayName + QStringLiteral(": ") + item.reason));
    // SalesMirror is Stopped before the confirmation's Yes; a third mirror is no longer listed.
    const FleetRow &salesMirror = before.constFirst().mirror.database.displayName == QLatin1String("SalesMirror")
                                      ? before.constFirst()
                                      : before.constLast();
    model->setMirroringStatus(salesMirror.mirror.database.workspaceId, salesMirror.mirror.database.id, stopped);
    BulkActionRunner::Item gone = confirmed.constFirst();
    gone.target.databaseId = QStringLiteral("00000000-0000-0000-0000-000000000000");
    gone.target.displayName = QStringLiteral("GoneMirror");
    confirmed.append(gone);
    const QList<BulkActionRunner::Item> sent = m_window->stillAllowed(BulkActionRunner::Action::Stop, confirmed);
    for (const FleetRow &row : std::as_const(before))
        model->setMirroringStatus(row.mirror.database.workspaceId, row.mirror.database.id, *row.mirror.status);
    QCOMPARE(sent.size(), 3);
    for (const BulkActionRunner::Item &item : sent) {
        const QString name = item.target.displayName;
        if (name == QLatin1String("SalesArchive")) {
            QCOMPARE(item.outcome, BulkActionRunner::Outcome::Pending);
            continue;
        }
        QCOMPARE(item.outcome, BulkActionRunner::Outcome::Skipped);
        QVERIFY2(item.reason.contains(name == QLatin1String("GoneMirror") ? QLatin1String("no longer listed")
                                                                          : QLatin1String("changed while you confirmed")),
                 qPrintable(name + QStringLiteral(": ") + item.reason));
    }
}

#include "tst_fleetwindow.moc"
