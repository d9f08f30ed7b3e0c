// The history recorder against the real fabric-sandbox over loopback: a status monitor watches a
// mirrored database through a simulated day (the sandbox clock jumps an hour between refreshes)
// in which a table starts failing and mirroring is stopped and started again. The history file
// must hold the monitor's events, samples only for what changed, and a "since you last looked"
// list that tells those same events.
#include "app/history/historyreader.h"
#include "app/history/historyrecorder.h"
#include "app/history/historystore.h"
#include "app/history/historysummary.h"
#include "app/monitor/statusmonitor.h"
#include "sandbox/fabricstate.h"
#include "tests/support/sandboxfixture.h"
#include "tests/support/missingtable.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace fmc;
using namespace fmc::test;

class TestHistoryMonitor : public QObject
{
    Q_OBJECT

    SandboxFixture m_fx;
    QTemporaryDir m_dir; // this suite's own folder, never the shared QStandardPaths one

    sandbox::FabricState::Mirror *sensorLanding(WatchedDatabase *db)
    {
        for (const auto &ws : m_fx.sandbox->state()->workspaces())
            for (sandbox::FabricState::Mirror *m : m_fx.sandbox->state()->mirrors(ws.id))
                if (m->displayName == QLatin1String("SensorLanding")) {
                    *db = {ws.id, m->id, m->displayName};
                    return m;
                }
        return nullptr;
    }

    //! Opens \a path in \a store with short batches (the suite reads soon after writing).
    bool openForWriting(HistoryStore &store, const QString &path)
    {
        if (!m_dir.isValid())
            return false;
        HistoryStore::Options options;
        options.batchDelay = std::chrono::milliseconds(10);
        store.setOptions(options);
        store.open(path);
        return QTest::qWaitFor([&] { return store.state() == HistoryStore::State::Writing; }, 10000);
    }

private Q_SLOTS:
    void init()
    {
        sandbox::SandboxOptions options;
        QVERIFY(m_fx.up(options));
    }
    void cleanup() { m_fx.down(); }

    void aSimulatedDay()
    {
        const QString path = m_dir.filePath(QStringLiteral("history/day.sqlite"));
        HistoryStore store;
        QVERIFY(openForWriting(store, path));

        WatchedDatabase db;
        sandbox::FabricState::Mirror *mirror = sensorLanding(&db);
        QVERIFY(mirror);
        const qint64 lastLooked = QDateTime::currentMSecsSinceEpoch() - 1;
        store.markSeen(db.databaseId, lastLooked);

        StatusMonitor monitor(m_fx.client);
        monitor.setInterval(std::chrono::hours(1)); // refreshes only when the test asks
        HistoryRecorder recorder(&monitor, &store);
        QSignalSpy transitions(&monitor, &StatusMonitor::transitions);
        monitor.watch(db);
        const auto refresh = [&] {
            QSignalSpy finished(&monitor, &StatusMonitor::refreshFinished);
            monitor.refreshNow();
            return finished.wait(15000);
        };

        auto *state = m_fx.sandbox->state();
        for (int hour = 0; hour < 24; ++hour) {
            if (hour == 3) {
                // Mount a table the source does not have: it fails once the definition applies.
                QVERIFY(mountMissingTable(*state, mirror, "ghost"));
            }
            if (hour == 12)
                QVERIFY(!state->stopMirroring(mirror));
            if (hour == 15)
                QVERIFY(!state->startMirroring(mirror));
            QVERIFY2(refresh(), qPrintable(QStringLiteral("refresh at hour %1").arg(hour)));
            m_fx.sandbox->advanceClock(3600'000);
        }

        QList<MonitorEvent> seen;
        for (const auto &args : std::as_const(transitions))
            seen += args.first().value<QList<MonitorEvent>>();
        QVERIFY(!seen.isEmpty());
        const auto has = [&](MonitorEvent::Kind kind) {
            return std::any_of(seen.cbegin(), seen.cend(), [kind](const MonitorEvent &e) { return e.kind == kind; });
        };
        QVERIFY(has(MonitorEvent::Kind::TableFailed));
        QVERIFY(has(MonitorEvent::Kind::MirroringStopped));
        QVERIFY(has(MonitorEvent::Kind::MirroringStarted));

        const qint64 now = QDateTime::currentMSecsSinceEpoch() + 1;
        HistoryReader reader(path);
        QVERIFY2(reader.isOpen(), qPrintable(reader.error()));
        QList<HistoryEvent> stored;
        QVERIFY(QTest::qWaitFor([&] {
            stored = reader.events(db.databaseId, 0, now);
            return stored.size() >= seen.size();
        }, 10000));
        // Every event the monitor raised is in the file, in order, and nothing else.
        QCOMPARE(stored.size(), seen.size());
        for (int i = 0; i < seen.size(); ++i) {
            QCOMPARE(stored.at(i).kind, HistoryRecorder::kindName(seen.at(i).kind));
            QCOMPARE(stored.at(i).table, seen.at(i).table);
            QCOMPARE(stored.at(i).timeMs, seen.at(i).timeUtc.toMSecsSinceEpoch());
        }

        // The database was sampled at every refresh where something changed, at most once each.
        const auto totals = reader.databaseSeries(db.databaseId, 0, now);
        QVERIFY(totals.size() >= 3);
        QVERIFY(totals.size() <= 24);
        QVERIFY(std::any_of(totals.cbegin(), totals.cend(), [](const DatabaseSample &d) { return d.status == QLatin1String("Stopped"); }));
        // The failing table is sampled once per change of its values, not once per refresh.
        const auto ghost = reader.tableTransitions(db.databaseId, QStringLiteral("dbo"), QStringLiteral("ghost"), 0, now);
        QVERIFY(!ghost.isEmpty());
        QCOMPARE(ghost.last().status, QStringLiteral("Failed"));
        QCOMPARE(ghost.last().errorCode, QStringLiteral("SourceTableNotFound"));
        const auto legacy = reader.tableSeries(db.databaseId, QStringLiteral("dbo"), QStringLiteral("legacy_sensors"), 0, now);
        // Failed all day: a sample only when a value moved (the day takes seconds of real time, far
        // below the 5-minute heartbeat), so far fewer than the 20-odd refreshes that saw it.
        QVERIFY(!legacy.isEmpty());
        QVERIFY2(legacy.size() <= 4, qPrintable(QString::number(legacy.size())));
        for (qsizetype i = 1; i < legacy.size(); ++i)
            QVERIFY(!legacy.at(i).sameValuesAs(legacy.at(i - 1)));

        // "Since you last looked" tells the same events.
        QVERIFY(reader.lastSeen(db.databaseId) == lastLooked);
        const QList<SummaryLine> lines = HistorySummary::summarize(stored, lastLooked, now);
        int failed = 0;
        int mirroring = 0;
        for (const SummaryLine &line : lines) {
            if (line.table == QLatin1String("ghost")) {
                ++failed;
                QVERIFY2(line.text.contains(QLatin1String("SourceTableNotFound")), qPrintable(line.text));
                QVERIFY2(line.text.contains(QLatin1String("still failing")), qPrintable(line.text));
            }
            if (line.text.startsWith(QLatin1String("Mirroring ")))
                ++mirroring;
        }
        QCOMPARE(failed, 1);
        int statusEvents = 0;
        for (const MonitorEvent &e : std::as_const(seen))
            statusEvents += e.kind == MonitorEvent::Kind::MirroringStopped || e.kind == MonitorEvent::Kind::MirroringStarted
                || e.kind == MonitorEvent::Kind::StatusChanged;
        QCOMPARE(mirroring, statusEvents);
    }

    //! A mirrored catalog is kept like a database, by its item id: its status, its tables (no rows
    //! or bytes: unknown, not 0) and its table events. A SQL database, with no status call, not at all.
    void catalogKeptByItemId()
    {
        const QString path = m_dir.filePath(QStringLiteral("history/catalog.sqlite"));
        HistoryStore store;
        QVERIFY(openForWriting(store, path));

        const WatchedDatabase iceberg = m_fx.watchedItem(QStringLiteral("Sales Analytics"), QStringLiteral("IcebergSales"));
        const WatchedDatabase orders = m_fx.watchedItem(QStringLiteral("Sales Analytics"), QStringLiteral("OrdersDb"));
        QCOMPARE(iceberg.kind(), MirrorItemKind::MirroredCatalog);
        QCOMPARE(orders.kind(), MirrorItemKind::SqlDatabase);
        StatusMonitor monitor(m_fx.client);
        monitor.setInterval(std::chrono::hours(1));
        HistoryRecorder recorder(&monitor, &store);
        monitor.watch(iceberg);
        monitor.watch(orders);
        const auto refresh = [&] {
            QSignalSpy finished(&monitor, &StatusMonitor::refreshFinished);
            monitor.refreshNow();
            return finished.wait(15000);
        };
        QVERIFY(refresh());
        auto &table = m_fx.sandbox->state()->mirrorItems().catalog(iceberg.workspaceId, iceberg.databaseId)->tables[8];
        table.status = QStringLiteral("Failed");
        table.errorCode = QStringLiteral("TableLocationNotAccessible");
        QVERIFY(refresh());

        const qint64 now = QDateTime::currentMSecsSinceEpoch() + 1;
        HistoryReader reader(path);
        QVERIFY2(reader.isOpen(), qPrintable(reader.error()));
        QList<TableSample> samples;
        QVERIFY(QTest::qWaitFor([&] {
            samples = reader.tableSeries(iceberg.databaseId, table.schema, table.name, 0, now);
            return samples.size() >= 2;
        }, 10000));
        QCOMPARE(samples.first().status, QStringLiteral("Running"));
        QCOMPARE(samples.last().status, QStringLiteral("Failed"));
        QCOMPARE(samples.last().errorCode, QStringLiteral("TableLocationNotAccessible"));
        QCOMPARE(samples.last().rows, -1); // not given by the API
        QVERIFY(samples.first().lastSyncMs > 0);
        const auto totals = reader.databaseSeries(iceberg.databaseId, 0, now);
        QVERIFY(!totals.isEmpty());
        QCOMPARE(totals.last().status, QStringLiteral("Running"));
        QCOMPARE(totals.last().failedTables, 2);
        QCOMPARE(totals.last().rows, -1); // a catalog gives no rows: unknown, not 0
        QCOMPARE(totals.last().bytes, -1);
        const auto events = reader.events(iceberg.databaseId, 0, now);
        QVERIFY(std::any_of(events.cbegin(), events.cend(), [&](const HistoryEvent &e) {
            return e.kind == QLatin1String("TableFailed") && e.table == table.name;
        }));
        QVERIFY(reader.databaseSeries(orders.databaseId, 0, now).isEmpty());
        QVERIFY(reader.events(orders.databaseId, 0, now).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestHistoryMonitor)
#include "tst_history_monitor.moc"
