// "Refresh SQL endpoint" in the windows (issue #18, part 1): the action's gating (an endpoint id,
// the role, signed in, not while one runs), progress and Cancel clicked with the mouse, the
// recreateTables confirmation, the result dialog after a failure, where the main window and the
// dashboard offer the action, and the dashboard's endpoint column and "replicated, not visible
// yet" flag. The calls go to fabric-sandbox over loopback (100×, client at 1/100).
#include "models/sqlendpointsyncstore.h"
#include "sandbox/fabricstate.h"
#include "tests/support/sandboxfixture.h"
#include "ui/dashboard/dashboardtablemodel.h"
#include "ui/dashboard/dashboardwindow.h"
#include "ui/dashboard/fixladderpanel.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/sqlendpoint/sqlendpointrefreshcontrol.h"
#include "ui/sqlendpoint/sqlendpointresultdialog.h"

#include <QAction>
#include <QApplication>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

using namespace fmc;
using namespace fmc::sandbox;
using namespace fmc::test;
using namespace std::chrono_literals;

class TestSqlEndpointUi : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void gating_data();
    void gating();
    void disabledWhileRunningAndCancelled();
    void recreateAsksFirst();
    void failureShowsTheResult();
    void mainWindowOffersIt();
    void dashboardOffersIt();
    void dashboardColumnAndFlag();

private:
    SqlEndpointRefresher::Target target(const QString &workspace, const QString &mirror) const;
    int refreshCalls() const;

    SandboxFixture m_fx;
    std::unique_ptr<QWidget> m_window;
    SqlEndpointSyncStore *m_store = nullptr;
    SqlEndpointRefresher *m_refresher = nullptr;
    SqlEndpointRefreshControl *m_control = nullptr;
    QToolButton *m_button = nullptr;
    SqlEndpointRefreshControl::Subject m_subject;
};

SqlEndpointRefresher::Target TestSqlEndpointUi::target(const QString &workspace, const QString &mirror) const
{
    const FabricState::Mirror *m = m_fx.mirrorNamed(workspace, mirror);
    return m ? SqlEndpointRefresher::Target{m->workspaceId, m->id, m->displayName, m->sqlEndpointId}
             : SqlEndpointRefresher::Target{};
}

int TestSqlEndpointUi::refreshCalls() const
{
    int n = 0;
    for (const RequestLogEntry &e : m_fx.apiLog())
        n += e.operationId == QLatin1String("Items_RefreshSqlEndpointMetadata");
    return n;
}

void TestSqlEndpointUi::init()
{
    SandboxOptions options;
    options.speed = 100;
    options.lroMode = LroMode::Never;
    QVERIFY(m_fx.up(options));
    // A window with the action on a button and the progress strip, as the main window has them.
    m_window = std::make_unique<QWidget>();
    m_store = new SqlEndpointSyncStore(m_window.get());
    m_refresher = new SqlEndpointRefresher(m_fx.client, m_store, m_window.get());
    m_control = new SqlEndpointRefreshControl(m_refresher, m_window.get());
    auto *layout = new QVBoxLayout(m_window.get());
    m_button = new QToolButton;
    m_button->setDefaultAction(m_control->refreshAction());
    layout->addWidget(m_button);
    layout->addWidget(m_control->progressWidget());
    // LedgerMirror: Finance, role Member, 3 tables, ran and stopped.
    m_subject = {target(QStringLiteral("Finance"), QStringLiteral("LedgerMirror")), WorkspaceRole::Member,
                 QStringLiteral("Finance"), true};
    QVERIFY(!m_subject.target.sqlEndpointId.isEmpty());
    m_control->setSubjectProvider([this] { return m_subject; });
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestSqlEndpointUi::cleanup()
{
    m_window.reset();
    m_fx.down();
}

void TestSqlEndpointUi::gating_data()
{
    QTest::addColumn<QString>("change");
    QTest::addColumn<bool>("enabled");
    QTest::addColumn<QString>("reason");
    QTest::newRow("a Member with an endpoint") << "" << true << "";
    QTest::newRow("role not known yet: the service decides") << "unknown role" << true << "";
    QTest::newRow("Viewer") << "viewer" << false << "Viewer";
    QTest::newRow("no endpoint yet") << "no endpoint" << false << "not provisioned";
    QTest::newRow("nothing selected") << "no database" << false << "select one";
    QTest::newRow("signed out") << "signed out" << false << "sign in first";
}

void TestSqlEndpointUi::gating()
{
    QFETCH(QString, change);
    QFETCH(bool, enabled);
    QFETCH(QString, reason);
    if (change == QLatin1String("viewer"))
        m_subject.role = WorkspaceRole::Viewer;
    else if (change == QLatin1String("unknown role"))
        m_subject.role = WorkspaceRole::Unknown;
    else if (change == QLatin1String("no endpoint"))
        m_subject.target.sqlEndpointId.clear();
    else if (change == QLatin1String("no database"))
        m_subject.target = {};
    else if (change == QLatin1String("signed out"))
        m_subject.signedIn = false;
    m_control->updateActions();
    for (QAction *action : {m_control->refreshAction(), m_control->recreateAction()}) {
        QCOMPARE(action->isEnabled(), enabled);
        if (!reason.isEmpty())
            QVERIFY2(action->toolTip().contains(reason), qPrintable(action->toolTip()));
    }
    // A disabled action sends nothing when clicked.
    QTest::mouseClick(m_button, Qt::LeftButton);
    QTest::qWait(50);
    if (!enabled)
        QCOMPARE(refreshCalls(), 0);
    QVERIFY(QTest::qWaitFor([&] { return !m_refresher->isBusy(); }, 10000));
}

void TestSqlEndpointUi::disabledWhileRunningAndCancelled()
{
    m_fx.sandbox->setLroMode(LroMode::Always);
    m_fx.sandbox->setLroDurationMs(-1); // never ends: only Cancel ends it
    QSignalSpy messages(m_control, &SqlEndpointRefreshControl::message);
    QTest::mouseClick(m_button, Qt::LeftButton);
    QVERIFY(m_refresher->isBusy());
    QVERIFY(!m_control->refreshAction()->isEnabled());
    QVERIFY(m_control->refreshAction()->toolTip().contains(QLatin1String("running")));
    QVERIFY(m_control->progressWidget()->isVisible());
    auto *cancel = m_control->progressWidget()->findChild<QPushButton *>(QStringLiteral("sqlEndpointCancel"));
    QVERIFY(cancel);
    QVERIFY(QTest::qWaitFor([&] { return m_fx.apiLog().size() >= 2; }, 10000)); // the POST and a poll
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return !m_refresher->isBusy(); }, 2000));
    QVERIFY(!m_control->progressWidget()->isVisible());
    QVERIFY(m_control->refreshAction()->isEnabled());
    QVERIFY(messages.last().at(0).toString().contains(QLatin1String("cancelled")));
    QCOMPARE(refreshCalls(), 1);
}

void TestSqlEndpointUi::recreateAsksFirst()
{
    m_control->recreateAction()->trigger();
    QMessageBox *box = m_control->confirmation();
    QVERIFY(box);
    QVERIFY(box->isVisible());
    QVERIFY(box->informativeText().contains(QLatin1String("recreated")));
    QVERIFY(box->informativeText().contains(QLatin1String("nothing is reseeded")));
    QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
    QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return !m_control->confirmation(); }, 2000));
    QTest::qWait(50);
    QCOMPARE(refreshCalls(), 0);

    m_control->recreateAction()->trigger();
    box = m_control->confirmation();
    QVERIFY(box);
    QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    QVERIFY(m_refresher->isBusy());
    QVERIFY(QTest::qWaitFor([&] { return !m_refresher->isBusy(); }, 10000));
    QCOMPARE(refreshCalls(), 1);
    QCOMPARE(m_fx.apiLog().first().status, 202); // recreateTables runs as an operation
}

void TestSqlEndpointUi::failureShowsTheResult()
{
    // SalesMirror (40 replicating tables): fail "customers"; the dialog lists it first, its error
    // shown literally.
    m_subject = {target(QStringLiteral("Sales Analytics"), QStringLiteral("SalesMirror")), WorkspaceRole::Admin,
                 QStringLiteral("Sales Analytics"), true};
    FaultRule rule;
    rule.kind = FaultRule::Kind::FailTables;
    rule.operation = QStringLiteral("refreshSqlEndpointMetadata");
    rule.tables = {QStringLiteral("customers")};
    rule.errorCode = QStringLiteral("DeltaTableNotReadable");
    rule.message = QStringLiteral("<b>Schema</b> drift on customers");
    m_fx.sandbox->addFault(rule);
    QSignalSpy messages(m_control, &SqlEndpointRefreshControl::message);
    QTest::mouseClick(m_button, Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return !m_refresher->isBusy(); }, 10000));
    QCOMPARE(m_fx.apiLog().first().status, 200);
    SqlEndpointResultDialog *dialog = m_control->resultDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QTableWidget *table = dialog->table();
    QCOMPARE(table->rowCount(), 40);
    QVERIFY(table->item(0, 0)->text().endsWith(QLatin1String(".customers")));
    QCOMPARE(table->item(0, 1)->text(), QStringLiteral("Failure"));
    QCOMPARE(table->item(0, 4)->text(), QStringLiteral("DeltaTableNotReadable: <b>Schema</b> drift on customers"));
    QVERIFY(messages.last().at(0).toString().contains(QLatin1String("1 failed")));
    QVERIFY(messages.last().at(1).toBool()); // kept among the errors
}

void TestSqlEndpointUi::mainWindowOffersIt()
{
    MainWindow window;
    QAction *action = window.refreshSqlEndpointAction();
    QVERIFY(action);
    QVERIFY(!action->isEnabled()); // not signed in, nothing selected
    bool inDatabaseMenu = false;
    for (QAction *menu : window.menuBar()->actions())
        if (menu->menu() && menu->menu()->actions().contains(action))
            inDatabaseMenu = menu->text().contains(QLatin1String("Database"));
    QVERIFY(inDatabaseMenu);
    bool inContextMenu = false;
    for (QTableView *view : window.findChildren<QTableView *>())
        inContextMenu = inContextMenu || (view->contextMenuPolicy() == Qt::ActionsContextMenu && view->actions().contains(action));
    QVERIFY(inContextMenu);
    auto *detailsButton = window.findChild<QToolButton *>(QStringLiteral("detailsRefreshSqlEndpoint"));
    QVERIFY(detailsButton);
    QCOMPARE(detailsButton->defaultAction(), action);
    QVERIFY(window.findChild<QWidget *>(QStringLiteral("sqlEndpointProgress")));
}

void TestSqlEndpointUi::dashboardOffersIt()
{
    DashboardWindow dashboard(m_fx.client);
    QCOMPARE(dashboard.refreshSqlEndpointAction(), nullptr);
    QVERIFY(dashboard.tableView()->isColumnHidden(DashboardTableModel::EndpointVisibility)); // nothing to show
    const WatchedDatabase ledger{m_subject.target.workspaceId, m_subject.target.databaseId, QStringLiteral("LedgerMirror")};
    dashboard.setSqlEndpoint(m_refresher, [this](const WatchedDatabase &) { return m_subject; }, 5min);
    dashboard.watch({ledger});
    QAction *action = dashboard.refreshSqlEndpointAction();
    QVERIFY(action);
    QVERIFY(!dashboard.tableView()->isColumnHidden(DashboardTableModel::EndpointSync));
    QVERIFY(!dashboard.tableView()->isColumnHidden(DashboardTableModel::EndpointVisibility));
    auto *toolbar = dashboard.findChild<QToolBar *>(QStringLiteral("dashboardToolBar"));
    QVERIFY(toolbar->actions().contains(action));
    QVERIFY(action->isEnabled()); // one database watched: that one (re-gated by watch())
    // The fix ladder's first rung is this same action (issue #18, "smallest fix first").
    QVERIFY(!dashboard.fixLadder()->refreshEndpointButton()->text().contains(QLatin1String("not available")));
    QCOMPARE(dashboard.sqlEndpointControl()->timeout(), 5min);
    const int before = refreshCalls();
    action->trigger();
    QVERIFY(QTest::qWaitFor([&] { return !m_refresher->isBusy(); }, 10000));
    QCOMPARE(refreshCalls(), before + 1);
    QVERIFY(m_store->hasResult(ledger.databaseId));
}

void TestSqlEndpointUi::dashboardColumnAndFlag()
{
    const QDateTime t0 = QDateTime(QDate(2026, 12, 3), QTime(10, 0), Qt::UTC);
    auto table = [&](const QString &name, const QDateTime &lastSync) {
        TableMirroringStatus s;
        s.sourceSchemaName = QStringLiteral("dbo");
        s.sourceTableName = name;
        s.status = EnumText<TableStatus>::fromValue(TableStatus::Replicating);
        s.metrics = TableMirroringMetrics{};
        s.metrics->lastSyncDateTime = lastSync;
        return s;
    };
    TableStatusModel tables;
    tables.beginRefresh(t0);
    tables.applyPage({table(QStringLiteral("visible"), t0), table(QStringLiteral("behind"), t0.addSecs(60)),
                      table(QStringLiteral("failing"), t0.addSecs(60)), table(QStringLiteral("unreported"), t0)});
    tables.endRefresh();
    DashboardTableModel model;
    SqlEndpointSyncStore store;
    model.setSqlEndpointSyncs(&store);
    model.addDatabase(QStringLiteral("db1"), QStringLiteral("DB"), &tables);
    QCOMPARE(model.headerData(DashboardTableModel::EndpointSync, Qt::Horizontal).toString(), QStringLiteral("Endpoint synced"));
    QCOMPARE(model.index(0, DashboardTableModel::EndpointVisibility).data().toString(), QString()); // no refresh yet

    auto synced = [&](const QString &name, const char *status, const QDateTime &last) {
        TableSyncStatus s;
        s.tableName = QStringLiteral("dbo.") + name;
        s.status = EnumText<SyncStatus>::fromText(status);
        s.lastSuccessfulSyncDateTime = last;
        return s;
    };
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    TableSyncStatuses result;
    result.value = {synced(QStringLiteral("visible"), "Success", t0.addSecs(5)),
                    synced(QStringLiteral("behind"), "Success", t0.addSecs(5)),
                    synced(QStringLiteral("failing"), "Failure", t0.addSecs(-3600))};
    store.setResult(QStringLiteral("db1"), result, t0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).value<QModelIndex>().column(), int(DashboardTableModel::EndpointSync));
    QCOMPARE(changed.first().at(1).value<QModelIndex>().column(), int(DashboardTableModel::EndpointVisibility));

    const QStringList expected{QStringLiteral("Visible"), QStringLiteral("Replicated, not visible yet"),
                               QStringLiteral("Endpoint sync failed"), QString()};
    for (int row = 0; row < model.rowCount(); ++row) {
        const QString name = model.index(row, DashboardTableModel::column(TableStatusModel::Table)).data().toString();
        const int i = QStringList{QStringLiteral("visible"), QStringLiteral("behind"), QStringLiteral("failing"),
                                  QStringLiteral("unreported")}.indexOf(name);
        QVERIFY(i >= 0);
        QCOMPARE(model.index(row, DashboardTableModel::EndpointVisibility).data().toString(), expected[i]);
        QCOMPARE(model.index(row, DashboardTableModel::EndpointSync).data().toString().isEmpty(), i == 3);
    }
}

QTEST_MAIN(TestSqlEndpointUi)
#include "tst_sqlendpoint_ui.moc"
