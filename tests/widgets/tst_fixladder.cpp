// The dashboard's ladder of fixes, offscreen, against the real fabric-sandbox: the selected
// table's error explained (known codes with their Learn page, unknown ones raw with the request
// id), each rung's gating and the reason in its tooltip, confirmations that state the cost, a
// re-sync run by clicks (progress, then the definition byte-identical in the sandbox), the
// mirror-all path (write the table list first) and idle vs stale in the freshness filter.
#include "tests/support/dashboardharness.h"
#include "tests/support/timefactor.h"
#include "app/admin/tableresync.h"
#include "ui/dashboard/dashboardfiltermodel.h"
#include "ui/dashboard/dashboardtablemodel.h"
#include "ui/dashboard/dashboardwindow.h"
#include "ui/dashboard/fixladderpanel.h"
#include "models/mirroreddatabaselistmodel.h"
#include "ui/mainwindow/detailspane.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace fmc;
using namespace fmc::test;

namespace {
//! The modal dialog named \a name once it is shown, or nullptr after a few seconds.
QMessageBox *modal(const QString &name)
{
    QMessageBox *found = nullptr;
    (void)QTest::qWaitFor(
        [&] {
            QWidget *widget = QApplication::activeModalWidget();
            found = widget && widget->objectName() == name ? qobject_cast<QMessageBox *>(widget) : nullptr;
            return found != nullptr;
        },
        5000);
    return found;
}

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

//! SalesMirror (mirror-all) watched, its first table selected; getDefinition answers 200 at once
//! (the harness's sandbox clock is paused, so an operation would never end).
bool watchMirrorAllAndSelect(DashboardHarness &h, DashboardWindow &window, const WatchedDatabase &db)
{
    h.sandbox->state()->setLroMode(sandbox::LroMode::Never);
    if (!showAndWatch(window, {db}) || window.filterModel()->rowCount() == 0)
        return false;
    window.tableView()->setCurrentIndex(window.filterModel()->index(0, 1));
    return true;
}

TableMirroringStatus tableWithError(const QString &code, const QString &message, const QString &requestId)
{
    TableMirroringStatus t;
    t.sourceSchemaName = QStringLiteral("dbo");
    t.sourceTableName = QStringLiteral("orders");
    t.status = EnumText<TableStatus>::fromValue(TableStatus::Replicating);
    ErrorResponse e;
    e.errorCode = code;
    e.message = message;
    e.requestId = requestId;
    t.error = e;
    return t;
}

MirroringStatusResponse status(MirroringStatus value)
{
    MirroringStatusResponse s;
    s.status = EnumText<MirroringStatus>::fromValue(value);
    return s;
}
} // namespace

class TestFixLadder : public QObject
{
    Q_OBJECT
private slots:
    void explanations_data();
    void explanations();
    void gating_data();
    void gating();
    void endpointRungUsesTheActionAfterConfirming();
    void failingTableIsExplainedInTheDashboard();
    void resyncByClicks();
    void mirrorAllOffersTheTableList();
    void restartConfirmationStatesTheCost();
    void freshnessFilterSeparatesIdleFromStale();
    void detailsPaneExplainsDatabaseErrors_data();
    void detailsPaneExplainsDatabaseErrors();
};

void TestFixLadder::explanations_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("expectTitle");
    QTest::addColumn<QString>("expectLink");
    QTest::newRow("known code") << "ReplicationFailed" << "change feed" << "Reading the source's changes failed"
                                << "azure-sql-database-troubleshoot";
    QTest::newRow("known pattern") << "Whatever" << "Column name contains special characters"
                                   << "A name has characters the table did not allow" << "delta-column-mapping";
    QTest::newRow("unknown: raw and request id") << "BrandNew" << "<a href=\"https://evil.example\">click</a>"
                                                 << "An error this console does not know" << "troubleshooting";
}

void TestFixLadder::explanations()
{
    QFETCH(QString, code);
    QFETCH(QString, message);
    QFETCH(QString, expectTitle);
    QFETCH(QString, expectLink);
    FixLadderPanel panel(nullptr);
    FixLadderPanel::Subject subject;
    subject.workspaceId = QStringLiteral("ws");
    subject.databaseId = QStringLiteral("db");
    subject.databaseName = QStringLiteral("SalesMirror");
    subject.table = tableWithError(code, message, QStringLiteral("rid-1234"));
    subject.database = status(MirroringStatus::Running);
    panel.setSubject(subject);
    panel.show();
    const QString text = panel.explanationText();
    QVERIFY2(text.contains(expectTitle), qPrintable(text));
    // The raw error and its request id are always there, literally.
    QVERIFY(text.contains(code));
    QVERIFY(text.contains(QLatin1String("rid-1234")));
    QVERIFY(text.contains(message));
    for (QLabel *label : panel.findChildren<QLabel *>()) {
        if (label->objectName() == QLatin1String("ladderLearnLink"))
            continue;
        QCOMPARE(label->textFormat(), Qt::PlainText);
    }
    // The one rich label links to our Learn page only.
    auto *link = panel.findChild<QLabel *>(QStringLiteral("ladderLearnLink"));
    QVERIFY(link->text().contains(QLatin1String("https://learn.microsoft.com/fabric/mirroring/")));
    QVERIFY(link->text().contains(expectLink));
    QVERIFY(!link->text().contains(QLatin1String("evil")));
    QCOMPARE(panel.learnUrl().host(), QStringLiteral("learn.microsoft.com"));
}

void TestFixLadder::gating_data()
{
    QTest::addColumn<bool>("table");
    QTest::addColumn<int>("databaseStatus"); // MirroringStatus, -1: not known
    QTest::addColumn<bool>("withAction");
    QTest::addColumn<bool>("rung1");
    QTest::addColumn<bool>("rung2");
    QTest::addColumn<bool>("rung3");
    QTest::addColumn<QString>("rung2Reason");
    const int running = int(MirroringStatus::Running);
    const int stopped = int(MirroringStatus::Stopped);
    QTest::newRow("running, no endpoint action") << true << running << false << false << true << true << "";
    QTest::newRow("running, endpoint action") << true << running << true << true << true << true << "";
    QTest::newRow("stopped") << true << stopped << true << true << false << false << "Stopped";
    QTest::newRow("status not known yet") << true << -1 << false << false << false << false << "not known";
    QTest::newRow("no table") << false << running << true << true << false << true << "Select a table";
}

void TestFixLadder::gating()
{
    QFETCH(bool, table);
    QFETCH(int, databaseStatus);
    QFETCH(bool, withAction);
    QFETCH(bool, rung1);
    QFETCH(bool, rung2);
    QFETCH(bool, rung3);
    QFETCH(QString, rung2Reason);
    FixLadderPanel panel(nullptr);
    QAction refresh(QStringLiteral("Refresh SQL endpoint"));
    if (withAction)
        panel.setEndpointRefreshAction(&refresh);
    FixLadderPanel::Subject subject;
    subject.workspaceId = QStringLiteral("ws");
    subject.databaseId = QStringLiteral("db");
    subject.databaseName = QStringLiteral("SalesMirror");
    if (table)
        subject.table = tableWithError(QStringLiteral("ReplicationFailed"), QStringLiteral("x"), {});
    if (databaseStatus >= 0)
        subject.database = status(MirroringStatus(databaseStatus));
    panel.setSubject(subject);
    QCOMPARE(panel.refreshEndpointButton()->isEnabled(), rung1);
    QCOMPARE(panel.resyncButton()->isEnabled(), rung2);
    QCOMPARE(panel.restartButton()->isEnabled(), rung3);
    if (!withAction) {
        QVERIFY(panel.refreshEndpointButton()->text().contains(QLatin1String("not available")));
        QVERIFY(panel.refreshEndpointButton()->toolTip().contains(QLatin1String("Not available")));
    }
    if (!rung2Reason.isEmpty())
        QVERIFY2(panel.resyncButton()->toolTip().contains(rung2Reason), qPrintable(panel.resyncButton()->toolTip()));
    // The action's own enabled state gates the rung.
    if (withAction) {
        refresh.setEnabled(false);
        QVERIFY(!panel.refreshEndpointButton()->isEnabled());
    }
}

void TestFixLadder::endpointRungUsesTheActionAfterConfirming()
{
    FixLadderPanel panel(nullptr);
    QAction refresh(QStringLiteral("Refresh SQL endpoint"));
    QSignalSpy triggered(&refresh, &QAction::triggered);
    panel.setEndpointRefreshAction(&refresh);
    FixLadderPanel::Subject subject;
    subject.databaseId = QStringLiteral("db");
    subject.databaseName = QStringLiteral("SalesMirror");
    subject.table = tableWithError(QStringLiteral("X"), QStringLiteral("y"), {});
    subject.database = status(MirroringStatus::Running);
    panel.setSubject(subject);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    // Cancel first: nothing happens.
    QTest::mouseClick(panel.refreshEndpointButton(), Qt::LeftButton);
    QMessageBox *box = modal(QStringLiteral("ladderEndpointConfirmation"));
    QVERIFY(box);
    QVERIFY(box->informativeText().contains(QLatin1String("Cost:")));
    QVERIFY(box->informativeText().contains(QLatin1String("No data is copied again")));
    box->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(!QApplication::activeModalWidget());
    QCOMPARE(triggered.count(), 0);
    QTest::mouseClick(panel.refreshEndpointButton(), Qt::LeftButton);
    box = modal(QStringLiteral("ladderEndpointConfirmation"));
    QVERIFY(box);
    box->button(QMessageBox::Yes)->click();
    QTRY_COMPARE(triggered.count(), 1);
}

void TestFixLadder::failingTableIsExplainedInTheDashboard()
{
    DashboardHarness h;
    DashboardWindow window(h.client.get());
    const WatchedDatabase db = h.database(QStringLiteral("SensorLanding"));
    QVERIFY(showAndWatch(window, {db}));
    QVERIFY(!window.fixLadder()->isVisible()); // nothing selected yet
    QVERIFY(window.selectTable(db.databaseId, QStringLiteral("dbo"), QStringLiteral("legacy_sensors")));
    QTRY_VERIFY(window.fixLadder()->isVisible());
    const QString text = window.fixLadder()->explanationText();
    QVERIFY2(text.contains(QLatin1String("The source table is gone")), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("SourceTableNotFound")));
    QVERIFY(window.fixLadder()->resyncButton()->isEnabled());
    QVERIFY(window.fixLadder()->restartButton()->isEnabled());
    QVERIFY(!window.fixLadder()->refreshEndpointButton()->isEnabled());
}

void TestFixLadder::resyncByClicks()
{
    DashboardHarness h;
    h.sandbox->state()->setLroMode(sandbox::LroMode::Never); // the sandbox clock is paused: no 202
    DashboardWindow window(h.client.get());
    const WatchedDatabase db = h.database(QStringLiteral("SensorLanding"));
    const QByteArray before = h.mirror(db)->mirroringJson;
    QVERIFY(showAndWatch(window, {db}));
    QVERIFY(window.selectTable(db.databaseId, QStringLiteral("dbo"), QStringLiteral("customers")));
    FixLadderPanel *ladder = window.fixLadder();
    QTRY_VERIFY(ladder->resyncButton()->isEnabled());
    ladder->resync()->setPollInterval(std::chrono::milliseconds(1000));
    QTest::mouseClick(ladder->resyncButton(), Qt::LeftButton);
    QMessageBox *box = modal(QStringLiteral("ladderResyncConfirmation"));
    QVERIFY(box);
    QVERIFY(box->text().contains(QLatin1String("dbo.customers")));
    QVERIFY(box->informativeText().contains(QLatin1String("copied again from a new snapshot")));
    QVERIFY(box->informativeText().contains(QLatin1String("other 2 table(s) keep replicating")));
    QSignalSpy steps(ladder->resync(), &TableResync::stepChanged);
    QSignalSpy done(ladder, &FixLadderPanel::fixFinished);
    box->button(QMessageBox::Yes)->click();
    QTRY_VERIFY(steps.count() > 0);
    // Progress shows while it runs, and the other rungs wait.
    QVERIFY(ladder->findChild<QProgressBar *>(QStringLiteral("ladderProgress"))->isVisible());
    QVERIFY(ladder->cancelButton()->isVisible());
    QVERIFY(!ladder->restartButton()->isEnabled());
    QVERIFY(done.wait(scaledMs(20000)));
    QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
    QCOMPARE(steps.count(), TableResync::StepCount);
    QCOMPARE(h.mirror(db)->mirroringJson, before);
    auto *result = ladder->findChild<QLabel *>(QStringLiteral("ladderResult"));
    QVERIFY(result->isVisible());
    QVERIFY(result->text().startsWith(QLatin1String("Done")));
    QVERIFY(!ladder->cancelButton()->isVisible());
}

void TestFixLadder::mirrorAllOffersTheTableList()
{
    DashboardHarness h;
    DashboardWindow window(h.client.get());
    const WatchedDatabase db = h.database(QStringLiteral("SalesMirror"));
    QVERIFY(watchMirrorAllAndSelect(h, window, db));
    const int tables = h.tableCount(db);
    FixLadderPanel *ladder = window.fixLadder();
    QTRY_VERIFY(ladder->resyncButton()->isEnabled());
    QVERIFY(!ladder->writeTableListButton()->isVisible());
    QSignalSpy done(ladder, &FixLadderPanel::fixFinished);
    QTest::mouseClick(ladder->resyncButton(), Qt::LeftButton);
    QMessageBox *box = modal(QStringLiteral("ladderResyncConfirmation"));
    QVERIFY(box);
    box->button(QMessageBox::Yes)->click();
    QVERIFY(done.wait(scaledMs(10000)));
    QVERIFY(!done.takeFirst().at(0).toBool());
    // The definition mirrors all: said, re-sync disabled with the reason, the list offered.
    QVERIFY(ladder->findChild<QLabel *>(QStringLiteral("ladderResult"))->text().contains(QLatin1String("mirrors all tables")));
    QVERIFY(!ladder->resyncButton()->isEnabled());
    QVERIFY(ladder->resyncButton()->toolTip().contains(QLatin1String("write the table list first")));
    QVERIFY(ladder->writeTableListButton()->isVisible());
    QVERIFY(ladder->writeTableListButton()->isEnabled());
    QVERIFY(h.mirror(db)->mirroringJson.indexOf("mountedTables") < 0);
    QTest::mouseClick(ladder->writeTableListButton(), Qt::LeftButton);
    box = modal(QStringLiteral("ladderTableListConfirmation"));
    QVERIFY(box);
    QVERIFY2(box->text().contains(QString::number(tables)), qPrintable(box->text()));
    QVERIFY(box->informativeText().contains(QLatin1String("no longer added on their own")));
    box->button(QMessageBox::Yes)->click();
    QVERIFY(done.wait(scaledMs(10000)));
    QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
    const auto written = MirroringDefinition::fromJsonBytes(h.mirror(db)->mirroringJson);
    QVERIFY(written && !written->mirrorAll());
    QCOMPARE(written->mountedTables().size(), tables);
    QTRY_VERIFY(ladder->resyncButton()->isEnabled());
    QVERIFY(!ladder->writeTableListButton()->isVisible());
}

void TestFixLadder::restartConfirmationStatesTheCost()
{
    DashboardHarness h;
    DashboardWindow window(h.client.get());
    const WatchedDatabase db = h.database(QStringLiteral("SalesMirror"));
    QVERIFY(watchMirrorAllAndSelect(h, window, db));
    const int tables = h.tableCount(db);
    FixLadderPanel *ladder = window.fixLadder();
    QTRY_VERIFY(ladder->restartButton()->isEnabled());
    h.sandbox->clearRequestLog();
    QTest::mouseClick(ladder->restartButton(), Qt::LeftButton);
    QMessageBox *box = modal(QStringLiteral("ladderRestartConfirmation"));
    QVERIFY(box);
    QVERIFY(box->text().contains(QLatin1String("full reseed")));
    QVERIFY2(box->informativeText().contains(QStringLiteral("all %1 table(s)").arg(tables)), qPrintable(box->informativeText()));
    QVERIFY(box->informativeText().contains(QLatin1String("AzureSqlDatabase")));
    QVERIFY(box->informativeText().contains(QLatin1String("transaction log")));
    box->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(!QApplication::activeModalWidget());
    QTest::qWait(100);
    // Only the definition was read (for the source type); nothing was stopped.
    for (const auto &e : h.sandbox->requestLog())
        QVERIFY2(!e.operationId.contains(QLatin1String("StopMirroring")), qPrintable(e.operationId));
    QCOMPARE(h.mirror(db)->status, QStringLiteral("Running"));
}

void TestFixLadder::freshnessFilterSeparatesIdleFromStale()
{
    DashboardHarness h;
    DashboardWindow window(h.client.get());
    const WatchedDatabase db = h.database(QStringLiteral("SensorLanding"));
    QVERIFY(showAndWatch(window, {db}));
    auto *combo = window.findChild<QComboBox *>(QStringLiteral("freshnessFilter"));
    QVERIFY(combo);
    const QAbstractItemModel *proxy = window.filterModel();
    const int all = proxy->rowCount();
    combo->setCurrentIndex(combo->findData(int(TableFreshness::Stale)));
    const int stale = proxy->rowCount();
    QVERIFY(stale >= 1); // legacy_sensors
    for (int r = 0; r < stale; ++r)
        QVERIFY(proxy->index(r, 0).data(DashboardTableModel::StatusTextRole).toString() != QLatin1String("Replicating")
                || !proxy->index(r, DashboardTableModel::column(TableStatusModel::ErrorCode)).data().toString().isEmpty());
    combo->setCurrentIndex(combo->findData(int(TableFreshness::Idle)));
    const int idle = proxy->rowCount();
    combo->setCurrentIndex(combo->findData(int(TableFreshness::Current)));
    const int current = proxy->rowCount();
    combo->setCurrentIndex(combo->findData(int(TableFreshness::CatchingUp)));
    const int catchingUp = proxy->rowCount();
    QCOMPARE(stale + idle + current + catchingUp, all);
    combo->setCurrentIndex(0);
    QCOMPARE(proxy->rowCount(), all);
}

void TestFixLadder::detailsPaneExplainsDatabaseErrors_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("explained"); // empty: not known, only the raw fields
    QTest::newRow("capacity") << "CapacityNotActive" << "The capacity is paused." << "capacity is paused or gone";
    QTest::newRow("login") << "SqlError" << "Login failed for user 'fabric'." << "cannot sign in";
    QTest::newRow("unknown") << "BrandNew" << "<b>whatever</b>" << "";
    QTest::newRow("no error") << "" << "" << "";
}

void TestFixLadder::detailsPaneExplainsDatabaseErrors()
{
    QFETCH(QString, code);
    QFETCH(QString, message);
    QFETCH(QString, explained);
    DetailsPane pane;
    MirroredDatabaseRow row;
    row.database.id = QStringLiteral("db");
    row.database.displayName = QStringLiteral("SalesMirror");
    row.status = status(MirroringStatus::Running);
    if (!code.isEmpty()) {
        ErrorResponse e;
        e.errorCode = code;
        e.message = message;
        e.requestId = QStringLiteral("rid-9");
        row.status->error = e;
    }
    pane.setRow(&row);
    pane.show();
    QCOMPARE(pane.isShown(QStringLiteral("errorExplanation")), !explained.isEmpty());
    auto *link = pane.findChild<QLabel *>(QStringLiteral("detail_errorLearnLink"));
    QVERIFY(link);
    if (explained.isEmpty()) {
        QVERIFY(link->text().isEmpty());
        if (!code.isEmpty()) // unknown: the raw error and its request id, as before
            QCOMPARE(pane.value(QStringLiteral("requestId")), QStringLiteral("rid-9"));
        return;
    }
    QVERIFY2(pane.value(QStringLiteral("errorExplanation")).contains(explained, Qt::CaseInsensitive),
             qPrintable(pane.value(QStringLiteral("errorExplanation"))));
    QVERIFY(pane.value(QStringLiteral("errorExplanation")).contains(QLatin1String("What to do")));
    QVERIFY(link->text().contains(QLatin1String("https://learn.microsoft.com/fabric/mirroring/")));
    QCOMPARE(pane.value(QStringLiteral("errorCode")), code); // the raw error stays
}

QTEST_MAIN(TestFixLadder)
#include "tst_fixladder.moc"
