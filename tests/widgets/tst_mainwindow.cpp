#include "ui/mainwindow.h"

#include <QListView>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>

using namespace fmc;

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void showsItsPanes();
};

void TestMainWindow::showsItsPanes()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.findChild<QListView *>(QStringLiteral("workspaceList")));
    QVERIFY(window.findChild<QTableView *>(QStringLiteral("mirroredDatabaseTable")));
    QVERIFY(window.findChild<QTextBrowser *>(QStringLiteral("detailsPane")));
    QVERIFY(!window.statusBar()->currentMessage().isEmpty());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
