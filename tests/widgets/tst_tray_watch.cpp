// The background watch where a system tray exists (issue #20): the console's real path, not the
// "this desktop shows no tray" one. CTest runs this suite through with-tray.sh, which starts an X
// server (Xvfb) and a tray host (trayer) for it; anywhere else it skips and says why.
//
// The console runs in QApplication::exec(), as main() runs it (Qt tells lastWindowClosed only
// there): closing the last window leaves it in the tray, still polling the in-process
// fabric-sandbox; a table that starts failing raises a notification over the tray icon; Quit
// from the tray's menu ends the event loop.

#include "app/main/consolecontroller.h"
#include "app/watch/backgroundwatch.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/tray/traycontroller.h"

#include "tests/support/consolesandbox.h"
#include "tests/support/dashboardharness.h"
#include "tests/support/missingtable.h"
#include "tests/support/timefactor.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace fmc;
using test::DashboardHarness;
using test::scaledMs;

namespace {

//! Requests for \a databaseId's tables status in the sandbox's log.
qsizetype tablesStatusPolls(const sandbox::Sandbox &sandbox, const QString &databaseId)
{
    const QList<sandbox::RequestLogEntry> log = sandbox.requestLog();
    return std::count_if(log.cbegin(), log.cend(), [&](const sandbox::RequestLogEntry &e) {
        return e.operationId == QLatin1String("Mirroring_GetTablesMirroringStatus") && e.pathAndQuery.contains(databaseId);
    });
}

//! The text of the notification balloon Qt shows over an XEmbed tray icon, or empty.
QString balloonText()
{
    for (QWidget *w : QApplication::topLevelWidgets()) {
        if (!w->isVisible() || qstrcmp(w->metaObject()->className(), "QBalloonTip") != 0)
            continue;
        QStringList texts;
        for (const QLabel *label : w->findChildren<QLabel *>())
            texts << label->text();
        return texts.join(QLatin1Char('\n'));
    }
    return {};
}

} // namespace

class TestTrayWatch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void livesInTheTray();

private:
    //! The scenario, run from inside the application's event loop; it ends that loop.
    void runInTray(ConsoleController &console, DashboardHarness &h, bool *quitFromTray);

    QTemporaryDir m_dir;
};

void TestTrayWatch::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("data"))));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("config"))));
    if (QGuiApplication::platformName() != QLatin1String("xcb"))
        QSKIP("no system tray on the offscreen platform: this suite needs an X server with a tray host "
              "(CTest runs it through tests/widgets/with-tray.sh, which needs xvfb-run and trayer)");
    // The tray host may still be starting.
    if (!QTest::qWaitFor([] { return TrayController::isAvailable(); }, scaledMs(10000)))
        QSKIP("this X display has no system tray (with-tray.sh found no trayer to start)");
}

void TestTrayWatch::livesInTheTray()
{
    QVERIFY(TrayController::isAvailable());
    DashboardHarness h;
    QSettings settings(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    ConsoleController console(&settings);
    console.setKeychainEnabled(false);
    console.useSandbox(test::consoleEndpoints(*h.sandbox));
    console.setManagesApplicationLifetime(true); // as main() does
    bool quitFromTray = false;
    QTimer::singleShot(0, this, [&] {
        runInTray(console, h, &quitFromTray);
        if (!quitFromTray) // a check failed: end the loop anyway
            QCoreApplication::exit(1);
    });
    QTimer watchdog;
    watchdog.setSingleShot(true);
    connect(&watchdog, &QTimer::timeout, this, [] { QCoreApplication::exit(2); });
    watchdog.start(scaledMs(90000));
    const int code = QApplication::exec();
    QVERIFY(quitFromTray);
    QCOMPARE(code, 0); // ended by Quit, not by the watchdog
    QGuiApplication::setQuitOnLastWindowClosed(true);
}

void TestTrayWatch::runInTray(ConsoleController &console, DashboardHarness &h, bool *quitFromTray)
{
    QSignalSpy signedIn(&console, &ConsoleController::signedIn);
    console.start();
    QVERIFY(signedIn.wait(scaledMs(15000)));
    QVERIFY(QTest::qWaitForWindowExposed(console.mainWindow()));
    const WatchedDatabase db = h.database(QStringLiteral("SensorLanding"));
    BackgroundWatch *watch = console.backgroundWatch();
    watch->setWatched(db, true);
    watch->setInterval(std::chrono::seconds(1));
    QSignalSpy notified(watch, &BackgroundWatch::notify);
    QSignalSpy lastClosed(qApp, &QGuiApplication::lastWindowClosed);

    // Closing the last window: the console stays, in the tray, and polls.
    console.mainWindow()->close();
    QCOMPARE(lastClosed.count(), 1);
    QVERIFY(console.isInTrayMode());
    QVERIFY(!console.mainWindow()->isVisible());
    QVERIFY(console.tray()->isVisible());
    QVERIFY(watch->isRunning());
    const qsizetype before = tablesStatusPolls(*h.sandbox, db.databaseId);
    QVERIFY2(QTest::qWaitFor([&] { return tablesStatusPolls(*h.sandbox, db.databaseId) >= before + 2; },
                             scaledMs(20000)),
             "the tray watch does not poll the sandbox");

    // A table the source does not have: the next poll sees it fail, and a notification says so.
    QVERIFY(test::mountMissingTable(*h.sandbox->state(), h.mirror(db), "ghost"));
    h.sandbox->advanceClock(60'000);
    QVERIFY(QTest::qWaitFor([&] { return notified.count() >= 1; }, scaledMs(20000)));
    const auto notification = notified.first().first().value<WatchNotification>();
    QCOMPARE(notification.kind, WatchNotification::Kind::Failure);
    QVERIFY2(notification.body.contains(QLatin1String("dbo.ghost")), qPrintable(notification.body));
    QVERIFY(console.tray()->lastNotification().contains(QLatin1String("dbo.ghost")));
    // Over an XEmbed tray, Qt shows the message in its own balloon by the icon.
    QVERIFY(QTest::qWaitFor([] { return balloonText().contains(QLatin1String("dbo.ghost")); }, scaledMs(5000)));
    QVERIFY2(balloonText().contains(QLatin1String("SensorLanding needs attention")), qPrintable(balloonText()));
    QVERIFY(console.isInTrayMode()); // the balloon closing is no window closing the console

    // Quit from the tray's menu ends the application's event loop.
    QAction *quit = console.tray()->quitAction();
    QVERIFY(console.tray()->menu()->actions().contains(quit));
    *quitFromTray = true;
    quit->trigger();
}

QTEST_MAIN(TestTrayWatch)
#include "tst_tray_watch.moc"
