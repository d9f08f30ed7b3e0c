// The other mirror item types in the main window (issue #19 part 3): the "Other mirror items"
// pane lists the mirrored catalogs, Azure Databricks catalogs, SQL databases and other Mirrored*
// items of the clicked workspace with their type and health; its actions are gated per type (a
// disabled one says why in its tooltip); Refresh catalog metadata shows progress and is cancelled
// with the mouse; Stop mirroring asks first. The calls go to fabric-sandbox over loopback.
#include "app/mirroritems/mirroritembrowser.h"
#include "app/workspacebrowser.h"
#include "models/mirroreddatabaselistmodel.h"
#include "models/mirroritemlistmodel.h"
#include "models/workspacelistmodel.h"
#include "sandbox/fabricstate.h"
#include "tests/support/sandboxfixture.h"
#include "tests/support/viewclick.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/mainwindow/statusline.h"
#include "ui/mirroritems/mirroritemspane.h"

#include <QAction>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QToolBar>
#include <QToolButton>

using namespace fmc;
using namespace fmc::sandbox;
using namespace fmc::test;

class TestMirrorItemsUi : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void workspaceListShowsEveryType();
    void actionsAreGatedWithAReason_data();
    void actionsAreGatedWithAReason();
    void refreshShowsProgressAndCancels();
    void stopAsksFirst();
    void signOutClearsThem();
    void namesWholeAtTheSmallestWidth();

private:
    bool clickWorkspace(const QString &name);
    //! Waits until the pane shows \a name with a health, then clicks it.
    bool clickItem(const QString &name);
    int itemRow(const QString &name) const;
    QString cell(const QString &name, int column) const;
    QToolButton *buttonFor(QAction *action) const;
    int calls(const QString &operationId) const;

    SandboxFixture m_fx;
    std::unique_ptr<WorkspaceBrowser> m_browser;
    std::unique_ptr<MainWindow> m_window;
    MirrorItemsPane *m_pane = nullptr;
};

void TestMirrorItemsUi::init()
{
    SandboxOptions options;
    options.speed = 100;
    options.lroMode = LroMode::Never;
    QVERIFY(m_fx.up(options));
    m_browser = std::make_unique<WorkspaceBrowser>(m_fx.client);
    m_window = std::make_unique<MainWindow>();
    m_window->resize(1360, 820);
    m_window->setBrowser(m_browser.get());
    m_window->setClient(m_fx.client);
    m_window->setSignedIn(QStringLiteral("sandbox"), m_fx.config().apiBaseUrl.toString());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_pane = m_window->mirrorItemsPane();
    QVERIFY(m_pane);
    m_browser->reloadWorkspaces();
    QVERIFY(QTest::qWaitFor([&] { return m_browser->workspaces()->rowCount() == int(m_fx.sandbox->state()->workspaces().size()); },
                            10000));
}

void TestMirrorItemsUi::cleanup()
{
    m_window.reset();
    m_browser.reset();
    m_fx.down();
}

bool TestMirrorItemsUi::clickWorkspace(const QString &name)
{
    return clickRowNamed(m_window->findChild<QTableView *>(QStringLiteral("workspaceList")), WorkspaceListModel::Name, name);
}

int TestMirrorItemsUi::itemRow(const QString &name) const
{
    QAbstractItemModel *model = m_pane->view()->model();
    for (int r = 0; r < model->rowCount(); ++r)
        if (model->index(r, MirrorItemListModel::Name).data().toString() == name)
            return r;
    return -1;
}

QString TestMirrorItemsUi::cell(const QString &name, int column) const
{
    const int row = itemRow(name);
    return row < 0 ? QString() : m_pane->view()->model()->index(row, column).data().toString();
}

bool TestMirrorItemsUi::clickItem(const QString &name)
{
    if (!QTest::qWaitFor([&] { return !cell(name, MirrorItemListModel::Health).isEmpty(); }, 10000))
        return false;
    return clickRowNamed(m_pane->view(), MirrorItemListModel::Name, name)
        && m_pane->view()->selectionModel()->isRowSelected(itemRow(name), {});
}

QToolButton *TestMirrorItemsUi::buttonFor(QAction *action) const
{
    auto *bar = m_pane->findChild<QToolBar *>(QStringLiteral("mirrorItemsToolBar"));
    return bar ? qobject_cast<QToolButton *>(bar->widgetForAction(action)) : nullptr;
}

int TestMirrorItemsUi::calls(const QString &operationId) const
{
    int n = 0;
    for (const RequestLogEntry &e : m_fx.apiLog())
        n += e.operationId == operationId;
    return n;
}

void TestMirrorItemsUi::workspaceListShowsEveryType()
{
    QVERIFY(clickWorkspace(QStringLiteral("Sales Analytics")));
    QVERIFY(QTest::qWaitFor([&] { return m_pane->view()->model()->rowCount() == 4; }, 10000));
    QCOMPARE(cell(QStringLiteral("IcebergSales"), MirrorItemListModel::Type), QStringLiteral("Mirrored catalog (preview)"));
    QCOMPARE(cell(QStringLiteral("UnitySales"), MirrorItemListModel::Type), QStringLiteral("Azure Databricks catalog"));
    QCOMPARE(cell(QStringLiteral("OrdersDb"), MirrorItemListModel::Type), QStringLiteral("SQL database"));
    QCOMPARE(cell(QStringLiteral("LegacyWarehouse"), MirrorItemListModel::Type), QStringLiteral("MirroredWarehouse"));
    QVERIFY(QTest::qWaitFor([&] { return cell(QStringLiteral("UnitySales"), MirrorItemListModel::Health) == QLatin1String("Synced"); }, 10000));
    QVERIFY(QTest::qWaitFor([&] {
        return cell(QStringLiteral("IcebergSales"), MirrorItemListModel::Health) == QLatin1String("Running, 1 table failed");
    }, 10000));
    QCOMPARE(cell(QStringLiteral("OrdersDb"), MirrorItemListModel::Health), QStringLiteral("No status call"));
    const QModelIndex health = m_pane->view()->model()->index(itemRow(QStringLiteral("OrdersDb")), MirrorItemListModel::Health);
    QVERIFY(health.data(Qt::ToolTipRole).toString().contains(QLatin1String("no mirroring status call")));
    QVERIFY(!cell(QStringLiteral("UnitySales"), MirrorItemListModel::LastSync).isEmpty());
    // The mirrored databases' own list is unchanged: no catalog there.
    auto *databases = m_window->findChild<QTableView *>(QStringLiteral("mirroredDatabaseTable"));
    QVERIFY(QTest::qWaitFor([&] { return databases->model()->rowCount() == 2; }, 10000));
    for (int r = 0; r < databases->model()->rowCount(); ++r)
        QVERIFY(databases->model()->index(r, MirroredDatabaseListModel::Name).data().toString().startsWith(QLatin1String("Sales")));
    // The pane is on screen, beside the databases, not behind them.
    QVERIFY(m_pane->isVisible());
    QVERIFY(m_pane->view()->height() > 60);
}

void TestMirrorItemsUi::actionsAreGatedWithAReason_data()
{
    QTest::addColumn<QString>("workspace");
    QTest::addColumn<QString>("item");
    QTest::addColumn<bool>("refresh");
    QTest::addColumn<bool>("startStop");
    QTest::addColumn<QString>("reason"); // in the tooltip of each disabled action
    QTest::newRow("mirrored catalog") << "Sales Analytics" << "IcebergSales" << true << false << "no start or stop";
    QTest::newRow("Databricks catalog") << "Sales Analytics" << "UnitySales" << true << false << "no start or stop";
    QTest::newRow("SQL database") << "Sales Analytics" << "OrdersDb" << false << true << "no catalog metadata";
    QTest::newRow("MirroredWarehouse: read-only") << "Sales Analytics" << "LegacyWarehouse" << false << false << "read-only";
    QTest::newRow("unknown Mirrored* type: read-only") << "Operations" << "SensorEvents" << false << false << "read-only";
}

void TestMirrorItemsUi::actionsAreGatedWithAReason()
{
    QFETCH(QString, workspace);
    QFETCH(QString, item);
    QFETCH(bool, refresh);
    QFETCH(bool, startStop);
    QFETCH(QString, reason);
    // Nothing selected: all disabled, and they say to select something.
    QVERIFY(!m_pane->refreshMetadataAction()->isEnabled());
    QVERIFY(m_pane->refreshMetadataAction()->toolTip().contains(QLatin1String("Select")));
    QVERIFY(clickWorkspace(workspace));
    QVERIFY(clickItem(item));
    QCOMPARE(m_pane->refreshMetadataAction()->isEnabled(), refresh);
    QCOMPARE(m_pane->startAction()->isEnabled(), startStop);
    QCOMPARE(m_pane->stopAction()->isEnabled(), startStop);
    for (QAction *action : {m_pane->refreshMetadataAction(), m_pane->startAction(), m_pane->stopAction()}) {
        QVERIFY(buttonFor(action));
        QCOMPARE(buttonFor(action)->isEnabled(), action->isEnabled());
        if (!action->isEnabled())
            QVERIFY2(action->toolTip().contains(reason), qPrintable(action->toolTip()));
    }
}

void TestMirrorItemsUi::refreshShowsProgressAndCancels()
{
    m_fx.sandbox->setLroMode(LroMode::Always);
    m_fx.sandbox->setLroDurationMs(-1); // never ends: it runs until cancelled
    QVERIFY(clickWorkspace(QStringLiteral("Operations")));
    QVERIFY(clickItem(QStringLiteral("UnityOps")));
    QToolButton *refresh = buttonFor(m_pane->refreshMetadataAction());
    QVERIFY(refresh && refresh->isEnabled());
    QTest::mouseClick(refresh, Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return m_pane->progressWidget()->isVisible(); }, 5000));
    QVERIFY(!m_pane->refreshMetadataAction()->isEnabled()); // one at a time
    QVERIFY(m_pane->refreshMetadataAction()->toolTip().contains(QLatin1String("running")));
    QVERIFY(QTest::qWaitFor([&] { return calls(QStringLiteral("LongRunningOperations_GetOperationState")) > 0; }, 10000));
    QTest::mouseClick(m_pane->cancelButton(), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return !m_pane->progressWidget()->isVisible(); }, 2000));
    QVERIFY(m_window->statusMessage().contains(QLatin1String("cancelled")));
    QCOMPARE(calls(QStringLiteral("Refresh_RefreshCatalogMetadata")), 1);
    const int polls = calls(QStringLiteral("LongRunningOperations_GetOperationState"));
    QTest::qWait(300);
    QCOMPARE(calls(QStringLiteral("LongRunningOperations_GetOperationState")), polls);
    QVERIFY(m_pane->refreshMetadataAction()->isEnabled());
}

void TestMirrorItemsUi::stopAsksFirst()
{
    QVERIFY(clickWorkspace(QStringLiteral("Sales Analytics")));
    QVERIFY(clickItem(QStringLiteral("OrdersDb")));
    const auto *database = m_fx.sandbox->state()->mirrorItems().sqlDatabase(m_pane->currentRow()->item.workspaceId,
                                                                           m_pane->currentRow()->item.id);
    QVERIFY(database && database->mirroring);
    // Cancel in the confirmation: nothing is sent.
    QTest::mouseClick(buttonFor(m_pane->stopAction()), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return m_pane->confirmation() && m_pane->confirmation()->isVisible(); }, 2000));
    QVERIFY(m_pane->confirmation()->text().contains(QLatin1String("OrdersDb")));
    QTest::mouseClick(m_pane->confirmation()->button(QMessageBox::Cancel), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return !m_pane->confirmation(); }, 2000));
    QCOMPARE(calls(QStringLiteral("Mirroring_StopMirroring")), 0);
    // Stop in the confirmation: one call, and the status line says what is known.
    QTest::mouseClick(buttonFor(m_pane->stopAction()), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return m_pane->confirmation() && m_pane->confirmation()->isVisible(); }, 2000));
    QAbstractButton *stop = nullptr;
    for (QAbstractButton *button : m_pane->confirmation()->buttons())
        if (button->text() == QLatin1String("Stop mirroring"))
            stop = button;
    QVERIFY(stop);
    QTest::mouseClick(stop, Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return !database->mirroring; }, 10000));
    QVERIFY(QTest::qWaitFor([&] { return m_window->statusMessage().contains(QLatin1String("no status call")); }, 5000));
    QCOMPARE(calls(QStringLiteral("Mirroring_StopMirroring")), 1);
    QCOMPARE(database->stops, 1);
}

void TestMirrorItemsUi::signOutClearsThem()
{
    QVERIFY(clickWorkspace(QStringLiteral("Finance")));
    QVERIFY(QTest::qWaitFor([&] { return m_pane->view()->model()->rowCount() == 3; }, 10000));
    m_window->setSignedIn(QString(), m_fx.config().apiBaseUrl.toString());
    QCOMPARE(m_pane->view()->model()->rowCount(), 0);
    QVERIFY(!m_pane->refreshMetadataAction()->isEnabled());
}

// At 1024 px every column was cut to a few letters ("Iceber…", "/orkspac"). One workspace's
// items have no Workspace column (the selection names it), and the name is the last column to
// shrink; "All workspaces" brings the column back.
void TestMirrorItemsUi::namesWholeAtTheSmallestWidth()
{
    m_window->resize(1024, 700);
    QTRY_COMPARE(m_window->width(), 1024);
    QVERIFY(clickWorkspace(QStringLiteral("Sales Analytics")));
    QTableView *view = m_pane->view();
    QVERIFY(QTest::qWaitFor([&] { return view->model()->rowCount() == 4; }, 10000));
    QVERIFY(QTest::qWaitFor([&] { return cell(QStringLiteral("IcebergSales"), MirrorItemListModel::Health).startsWith(QLatin1String("Running")); }, 10000));
    QTRY_VERIFY(view->isColumnHidden(MirrorItemListModel::Workspace));
    const int longest = view->fontMetrics().horizontalAdvance(QStringLiteral("LegacyWarehouse"));
    QTRY_VERIFY2(view->columnWidth(MirrorItemListModel::Name) > longest,
                 qPrintable(QStringLiteral("%1 <= %2").arg(view->columnWidth(MirrorItemListModel::Name)).arg(longest)));
    // No sideways scroll bar: Details takes what is left.
    QTRY_VERIFY(!view->horizontalScrollBar()->isVisible());

    QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("allWorkspacesButton")), Qt::LeftButton);
    QTRY_VERIFY(!view->isColumnHidden(MirrorItemListModel::Workspace));
    QTRY_VERIFY(view->model()->rowCount() > 4);
    QVERIFY(view->columnWidth(MirrorItemListModel::Workspace) > 0);
}

QTEST_MAIN(TestMirrorItemsUi)
#include "tst_mirror_items_ui.moc"
