// The background watch (issue #20, "Background watch"): which mirrors are chosen, the
// notifications their transitions make, the autostart entry, the File ▸ Background watch dialog,
// and what the console does where the desktop has no tray. Against the in-process sandbox.

#include "app/main/consolecontroller.h"
#include "app/settings/autostartentry.h"
#include "app/watch/backgroundwatch.h"
#include "ui/tray/backgroundwatchdialog.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/mainwindow/statusline.h"
#include "ui/tray/traycontroller.h"
#include "sandbox/entra/entraemulator.h"

#include "tests/support/consolesandbox.h"
#include "tests/support/dashboardharness.h"
#include "tests/support/timefactor.h"

#include <QCheckBox>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace fmc;
using test::DashboardHarness;
using test::scaledMs;

namespace {

MonitorEvent monitorEvent(MonitorEvent::Kind kind, const QString &table = {}, const QString &errorCode = {})
{
    MonitorEvent e;
    e.kind = kind;
    e.databaseId = QStringLiteral("db1");
    e.schema = table.isEmpty() ? QString() : QStringLiteral("dbo");
    e.table = table;
    e.errorCode = errorCode;
    return e;
}

QList<MonitorEvent> failedTables(int n)
{
    QList<MonitorEvent> events;
    for (int i = 0; i < n; ++i)
        events << monitorEvent(MonitorEvent::Kind::TableFailed, QStringLiteral("t%1").arg(i));
    return events;
}

} // namespace

class TestBackgroundWatch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void notificationFor_data();
    void notificationFor();
    void chosenDatabasesAreKept();
    void damagedSettingsAreDropped();
    void failingTableNotifiesOnce();
    void autostartEntry_data();
    void autostartEntry();
    void autostartFailureIsSaid();
    void dialogAddsAndRemoves();
    void withoutTrayTheConsoleSaysSo();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
};

void TestBackgroundWatch::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // The autostart entry goes under XDG_CONFIG_HOME: a folder of this run, never the user's.
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("config"))));
}

void TestBackgroundWatch::init()
{
    m_settings.reset(); // first: QSettings writes itself back when destroyed
    QFile::remove(m_dir.filePath(QStringLiteral("settings.ini")));
    m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    QFile::remove(AutostartEntry::path());
}

void TestBackgroundWatch::notificationFor_data()
{
    using K = MonitorEvent::Kind;
    QTest::addColumn<QList<MonitorEvent>>("events");
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("kind"); // -1: no notification
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("body");
    QTest::addRow("one table failed") << QList<MonitorEvent>{monitorEvent(K::TableFailed, QStringLiteral("orders"))}
                                      << QStringLiteral("Sales") << int(WatchNotification::Kind::Failure)
                                      << QStringLiteral("Sales needs attention")
                                      << QStringLiteral("1 table(s) failed: dbo.orders");
    QTest::addRow("ten failed: one message, three named")
        << failedTables(10) << QStringLiteral("Sales") << int(WatchNotification::Kind::Failure)
        << QStringLiteral("Sales needs attention") << QStringLiteral("10 table(s) failed: dbo.t0, dbo.t1, dbo.t2 and 7 more");
    QTest::addRow("stopped") << QList<MonitorEvent>{monitorEvent(K::MirroringStopped)} << QStringLiteral("Sales")
                             << int(WatchNotification::Kind::Failure) << QStringLiteral("Sales needs attention")
                             << QStringLiteral("Mirroring stopped.");
    QTest::addRow("database error")
        << QList<MonitorEvent>{monitorEvent(K::DatabaseError, {}, QStringLiteral("SourceUnreachable"))}
        << QStringLiteral("Sales") << int(WatchNotification::Kind::Failure) << QStringLiteral("Sales needs attention")
        << QStringLiteral("Database error: SourceUnreachable");
    QTest::addRow("recovered") << QList<MonitorEvent>{monitorEvent(K::TableRecovered, QStringLiteral("orders"))}
                               << QStringLiteral("Sales") << int(WatchNotification::Kind::Recovery)
                               << QStringLiteral("Sales recovered") << QStringLiteral("1 table(s) recovered: dbo.orders");
    QTest::addRow("failed and recovered: a failure that names both")
        << QList<MonitorEvent>{monitorEvent(K::TableRecovered, QStringLiteral("a")), monitorEvent(K::TableFailed, QStringLiteral("b"))}
        << QStringLiteral("Sales") << int(WatchNotification::Kind::Failure) << QStringLiteral("Sales needs attention")
        << QStringLiteral("1 table(s) failed: dbo.b\n1 table(s) recovered: dbo.a");
    QTest::addRow("a table stopped replicating without failing")
        << QList<MonitorEvent>{monitorEvent(K::TableStale, QStringLiteral("orders"))} << QStringLiteral("Sales")
        << int(WatchNotification::Kind::Failure) << QStringLiteral("Sales needs attention")
        << QStringLiteral("1 table(s) stopped replicating: dbo.orders");
    QTest::addRow("status change only: nothing") << QList<MonitorEvent>{monitorEvent(K::StatusChanged)} << QStringLiteral("Sales")
                                                 << -1 << QString() << QString();
    // A hostile name is plain text: kept as written (the notification is not rich text), cut.
    QTest::addRow("hostile name") << QList<MonitorEvent>{monitorEvent(K::MirroringStopped)}
                                  << QStringLiteral("<img src=\"/dev/zero\">") << int(WatchNotification::Kind::Failure)
                                  << QStringLiteral("<img src=\"/dev/zero\"> needs attention")
                                  << QStringLiteral("Mirroring stopped.");
    QTest::addRow("long name cut") << QList<MonitorEvent>{monitorEvent(K::MirroringStopped)} << QString(5000, QLatin1Char('x'))
                                   << int(WatchNotification::Kind::Failure)
                                   << QString(80, QLatin1Char('x')) + QChar(0x2026) + QStringLiteral(" needs attention")
                                   << QStringLiteral("Mirroring stopped.");
}

void TestBackgroundWatch::notificationFor()
{
    QFETCH(QList<MonitorEvent>, events);
    QFETCH(QString, name);
    QFETCH(int, kind);
    const auto n = BackgroundWatch::notificationFor(events, name);
    QCOMPARE(n.has_value(), kind >= 0);
    if (!n)
        return;
    QCOMPARE(int(n->kind), kind);
    QFETCH(QString, title);
    QFETCH(QString, body);
    QCOMPARE(n->title, title);
    QCOMPARE(n->body, body);
    QCOMPARE(n->databaseId, QStringLiteral("db1"));
}

void TestBackgroundWatch::chosenDatabasesAreKept()
{
    DashboardHarness h;
    const WatchedDatabase sales = h.database(QStringLiteral("SalesMirror"));
    const WatchedDatabase sensors = h.database(QStringLiteral("SensorLanding"));
    {
        BackgroundWatch watch(h.client.get(), m_settings.get());
        QSignalSpy changed(&watch, &BackgroundWatch::databasesChanged);
        watch.setWatched(sales, true);
        watch.setWatched(sensors, true);
        watch.setWatched(sales, true); // twice is once
        QCOMPARE(changed.count(), 2);
        watch.setWatched(sensors, false);
        QCOMPARE(watch.databases().size(), 1);
    }
    BackgroundWatch again(h.client.get(), m_settings.get());
    QCOMPARE(again.databases().size(), 1);
    QCOMPARE(again.databases().first().databaseId, sales.databaseId);
    QCOMPARE(again.databases().first().displayName, QStringLiteral("SalesMirror"));
    QVERIFY(!again.isRunning());
}

void TestBackgroundWatch::damagedSettingsAreDropped()
{
    m_settings->beginWriteArray(QStringLiteral("backgroundWatch/databases"), 3);
    m_settings->setArrayIndex(0);
    m_settings->setValue(QStringLiteral("workspaceId"), QString()); // no workspace: dropped
    m_settings->setValue(QStringLiteral("databaseId"), QStringLiteral("x"));
    m_settings->setArrayIndex(1);
    m_settings->setValue(QStringLiteral("workspaceId"), QStringLiteral("w"));
    m_settings->setValue(QStringLiteral("databaseId"), QStringLiteral("d"));
    m_settings->setValue(QStringLiteral("name"), QString(10000, QLatin1Char('n'))); // kept, cut
    m_settings->setArrayIndex(2);
    m_settings->setValue(QStringLiteral("workspaceId"), QStringLiteral("w"));
    m_settings->setValue(QStringLiteral("databaseId"), QStringLiteral("d")); // duplicate: dropped
    m_settings->endArray();
    DashboardHarness h;
    BackgroundWatch watch(h.client.get(), m_settings.get());
    QCOMPARE(watch.databases().size(), 1);
    QCOMPARE(watch.databases().first().displayName.size(), 256);
}

// The real path: a chosen mirror, polled through the client; a table the source does not have is
// added to its definition, the next refresh sees it fail, and exactly one notification says so.
void TestBackgroundWatch::failingTableNotifiesOnce()
{
    DashboardHarness h;
    const WatchedDatabase db = h.database(QStringLiteral("SensorLanding"));
    BackgroundWatch watch(h.client.get(), m_settings.get());
    watch.setInterval(std::chrono::hours(1)); // refreshes only when asked
    watch.setWatched(db, true);
    QSignalSpy notified(&watch, &BackgroundWatch::notify);
    QSignalSpy finished(watch.monitor(), &StatusMonitor::refreshFinished);
    watch.start();
    QVERIFY(watch.isRunning());
    QVERIFY(watch.monitor()->isWatching(db.databaseId));
    QVERIFY(finished.wait(scaledMs(15000))); // the baseline: old failures are not news
    QCOMPARE(notified.count(), 0);

    const QByteArray json = R"({"properties":{"source":{"type":"GenericMirror","typeProperties":{}},)"
                            R"("target":{"type":"MountedRelationalDatabase","typeProperties":{"format":"Delta"}},)"
                            R"("mountedTables":[)"
                            R"({"source":{"typeProperties":{"schemaName":"dbo","tableName":"customers"}}},)"
                            R"({"source":{"typeProperties":{"schemaName":"dbo","tableName":"ghost"}}}]}})";
    QVERIFY(!h.sandbox->state()->updateDefinition(h.mirror(db), json));
    h.sandbox->advanceClock(60'000);
    watch.monitor()->refreshNow();
    QVERIFY(finished.wait(scaledMs(15000)));
    QTRY_COMPARE_WITH_TIMEOUT(notified.count(), 1, scaledMs(5000));
    const auto n = notified.first().first().value<WatchNotification>();
    QCOMPARE(n.kind, WatchNotification::Kind::Failure);
    QCOMPARE(n.databaseId, db.databaseId);
    QCOMPARE(n.title, QStringLiteral("SensorLanding needs attention"));
    QVERIFY2(n.body.contains(QLatin1String("dbo.ghost")), qPrintable(n.body));

    watch.stop();
    QVERIFY(!watch.isRunning());
    QVERIFY(!watch.monitor()->isWatching(db.databaseId));
}

void TestBackgroundWatch::autostartEntry_data()
{
    QTest::addColumn<QString>("executable");
    QTest::addColumn<QString>("exec");
    QTest::addRow("plain path") << QStringLiteral("/usr/bin/fabric-mirroring-console")
                                << QStringLiteral("Exec=/usr/bin/fabric-mirroring-console --background");
    QTest::addRow("space: quoted") << QStringLiteral("/opt/my apps/fmc")
                                   << QStringLiteral("Exec=\"/opt/my apps/fmc\" --background");
    // $ and " are escaped inside the quotes, then every backslash doubled (string-value escape).
    QTest::addRow("dollar and quote") << QStringLiteral("/opt/$x\"y/fmc")
                                      << QStringLiteral("Exec=\"/opt/\\\\$x\\\\\"y/fmc\" --background");
    QTest::addRow("percent is no field code") << QStringLiteral("/opt/100%/fmc")
                                              << QStringLiteral("Exec=/opt/100%%/fmc --background");
}

void TestBackgroundWatch::autostartEntry()
{
    QFETCH(QString, executable);
    QFETCH(QString, exec);
    const AutostartEntry entry(executable);
    QVERIFY(!entry.isEnabled());
    QCOMPARE(entry.setEnabled(true), QString());
    QVERIFY(entry.isEnabled());
    QVERIFY(AutostartEntry::path().startsWith(m_dir.path()));
    QFile file(AutostartEntry::path());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    QCOMPARE(lines.first(), QStringLiteral("[Desktop Entry]"));
    QVERIFY2(lines.contains(exec), qPrintable(lines.join(QLatin1Char('|'))));
    QVERIFY(lines.contains(QStringLiteral("Type=Application")));
    QCOMPARE(entry.setEnabled(false), QString());
    QVERIFY(!QFileInfo::exists(AutostartEntry::path()));
    QCOMPARE(entry.setEnabled(false), QString()); // removing what is not there is fine
}

// The tray's "Start watching at login" writes the entry; where it cannot, the box unticks and says why.
void TestBackgroundWatch::autostartFailureIsSaid()
{
    DashboardHarness h;
    BackgroundWatch watch(h.client.get(), m_settings.get());
    TrayController tray(&watch, QStringLiteral("/usr/bin/fmc"));
    tray.autostartAction()->setChecked(true);
    QVERIFY(QFileInfo::exists(AutostartEntry::path()));
    tray.autostartAction()->setChecked(false);
    QVERIFY(!QFileInfo::exists(AutostartEntry::path()));

    // A file where the autostart folder should be: the folder cannot be made.
    const QString folder = QFileInfo(AutostartEntry::path()).absolutePath();
    QDir(folder).removeRecursively();
    QFile blocker(folder);
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    QSignalSpy problem(&tray, &TrayController::problem);
    tray.autostartAction()->setChecked(true);
    QCOMPARE(problem.count(), 1);
    QVERIFY(problem.first().first().toString().contains(folder));
    QVERIFY(!tray.autostartAction()->isChecked());
    QFile::remove(folder);
}

void TestBackgroundWatch::dialogAddsAndRemoves()
{
    DashboardHarness h;
    BackgroundWatch watch(h.client.get(), m_settings.get());
    TrayController tray(&watch, QStringLiteral("/usr/bin/fmc"));
    QList<WatchedDatabase> selection{h.database(QStringLiteral("SalesMirror")), h.database(QStringLiteral("SensorLanding"))};
    BackgroundWatchDialog dialog(&watch, &tray, [&] { return selection; });
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.list()->count(), 0);
    QVERIFY(dialog.addButton()->isEnabled());
    QVERIFY(!dialog.removeButton()->isEnabled());
    QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
    QCOMPARE(dialog.list()->count(), 2);
    QCOMPARE(dialog.list()->item(1)->text(), QStringLiteral("SensorLanding"));
    QCOMPARE(watch.databases().size(), 2);
    // The tray menu lists what is watched.
    QVERIFY(tray.menu()->actions().at(1)->menu()->title().contains(QLatin1String("2")));

    dialog.list()->item(0)->setSelected(true);
    QVERIFY(dialog.removeButton()->isEnabled());
    QTest::mouseClick(dialog.removeButton(), Qt::LeftButton);
    QCOMPARE(dialog.list()->count(), 1);
    QCOMPARE(watch.databases().first().displayName, QStringLiteral("SensorLanding"));

    // The login box and the tray's action are one setting.
    dialog.autostartCheck()->click();
    QVERIFY(tray.autostartAction()->isChecked());
    QVERIFY(QFileInfo::exists(AutostartEntry::path()));
    tray.autostartAction()->setChecked(false);
    QVERIFY(!dialog.autostartCheck()->isChecked());
    QVERIFY(!QFileInfo::exists(AutostartEntry::path()));

    // Nothing selected in the main window: nothing to add.
    selection.clear();
    BackgroundWatchDialog empty(&watch, &tray, [&] { return selection; });
    empty.show();
    QVERIFY(QTest::qWaitForWindowExposed(&empty));
    QVERIFY(!empty.addButton()->isEnabled());
}

// Offscreen there is no tray: the console must say it cannot watch in the background rather
// than hide with nothing on screen; closing is then quitting (Qt's default, kept).
void TestBackgroundWatch::withoutTrayTheConsoleSaysSo()
{
    QVERIFY(!TrayController::isAvailable());
    DashboardHarness h;
    ConsoleController console(m_settings.get());
    console.setKeychainEnabled(false);
    console.useSandbox(test::consoleEndpoints(*h.sandbox));
    ConsoleOptions options;
    options.background = true;
    console.setCommandLine(options);
    console.start();
    // Nothing chosen: the window shows, with the reason.
    QVERIFY(console.mainWindow()->isVisible());
    QVERIFY(!console.isInTrayMode());
    // An error of the status line: kept for its "Recent messages" after "Signing in…" replaced it.
    const auto errors = console.mainWindow()->statusLine()->errors();
    QVERIFY(!errors.isEmpty());
    QVERIFY2(errors.first().text.contains(QLatin1String("Background watch")), qPrintable(errors.first().text));

    console.backgroundWatch()->setWatched(h.database(QStringLiteral("SalesMirror")), true);
    QVERIFY(console.trayModeProblem().contains(QLatin1String("no system tray")));
    QVERIFY(!console.enterTrayMode());
    QVERIFY(!console.backgroundWatch()->isRunning());
    QVERIFY(console.mainWindow()->isVisible());

    // File ▸ Background watch… opens the dialog, which says there is no tray.
    auto *action = console.mainWindow()->findChild<QAction *>(QStringLiteral("actionBackgroundWatch"));
    QVERIFY(action);
    action->trigger();
    BackgroundWatchDialog *dialog = nullptr;
    QVERIFY(QTest::qWaitFor([&] {
        dialog = console.mainWindow()->findChild<BackgroundWatchDialog *>();
        return dialog && dialog->isVisible();
    }));
    auto *note = dialog->findChild<QLabel *>(QStringLiteral("trayNote"));
    QVERIFY(note && note->isVisible());
    QCOMPARE(dialog->list()->count(), 1);
    dialog->close();
}

QTEST_MAIN(TestBackgroundWatch)
#include "tst_background_watch.moc"
