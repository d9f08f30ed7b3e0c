// fmc-bench-history: what the history file costs. Samples committed per second through
// HistoryStore against a bare batched QSqlQuery insert of the same rows into the same schema in
// the same run; the time to load a 7-day dashboard chart (database totals and events) from a
// 30-day file of a 500-table database; that file's size per table and day; and the longest the
// GUI thread is kept from its event loop while the store writes.
#include "app/history/historyfile.h"
#include "app/history/historymaintenance.h"
#include "app/history/historyreader.h"
#include "app/history/historyschema.h"
#include "app/history/historystore.h"

#include "benchreport.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimer>

#include <vector>

#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

using namespace fmc;
using fmc::bench::median;
using fmc::bench::report;

namespace {

constexpr int kTables = 500;
constexpr int kRefreshes = 200;       // 100,000 samples per write run
constexpr int kRepeats = 3;
constexpr qint64 kIntervalMs = 10'000; // the default refresh interval
constexpr qint64 kDay = HistoryMaintenance::kDayMs;

//! \brief The calling thread's time on a core and time runnable but waiting for one, in ns
//! (Linux's /proc/thread-self/schedstat; zeros elsewhere). A thread that waits on a lock or a
//! condition is in neither: what the two do not cover of a stall is waiting on something.
class ThreadTimes
{
public:
    ThreadTimes() : m_fd(::open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC)) {}
    ~ThreadTimes()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    ThreadTimes(const ThreadTimes &) = delete;
    ThreadTimes &operator=(const ThreadTimes &) = delete;
    struct Sample {
        qint64 onCpuNs = 0;
        qint64 waitingNs = 0;
    };
    Sample sample() const
    {
        char text[96] = {};
        Sample s;
        if (m_fd >= 0 && ::pread(m_fd, text, sizeof text - 1, 0) > 0)
            std::sscanf(text, "%lld %lld", &s.onCpuNs, &s.waitingNs);
        return s;
    }

private:
    int m_fd;
};

//! A 1 ms timer on the GUI thread: the longest gap between two ticks is the event loop's
//! longest absence; the thread's schedstat across that gap says where the time went.
class LoopWatch
{
public:
    LoopWatch()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_lastTimes = m_times.sample();
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            const ThreadTimes::Sample times = m_times.sample();
            if (m_last >= 0 && now - m_last > m_longest) {
                m_longest = now - m_last;
                m_longestOnCpuNs = times.onCpuNs - m_lastTimes.onCpuNs;
                m_longestWaitingNs = times.waitingNs - m_lastTimes.waitingNs;
            }
            m_last = now;
            m_lastTimes = times;
        });
        m_clock.start();
        m_timer.start(1);
    }
    qint64 elapsedNs() const { return m_clock.nsecsElapsed(); }
    //! Minus the timer's own period.
    double longestAbsenceMs() const { return double(m_longest) / 1e6 - 1.0; }
    //! Of the longest absence: the GUI thread on a core, and runnable waiting for a core.
    double longestOnCpuMs() const { return double(m_longestOnCpuNs) / 1e6; }
    double longestWaitingForCoreMs() const { return double(m_longestWaitingNs) / 1e6; }

private:
    QElapsedTimer m_clock;
    QTimer m_timer;
    ThreadTimes m_times;
    ThreadTimes::Sample m_lastTimes;
    qint64 m_last = -1;
    qint64 m_longest = 0;
    qint64 m_longestOnCpuNs = 0;
    qint64 m_longestWaitingNs = 0;
};

QList<TableSample> refresh(int index, qint64 t0)
{
    QList<TableSample> rows;
    rows.reserve(kTables);
    for (int i = 0; i < kTables; ++i) {
        TableSample s;
        s.databaseId = QStringLiteral("bench-db");
        s.schema = QStringLiteral("dbo");
        s.table = QStringLiteral("table_with_a_realistic_name_%1").arg(i);
        s.timeMs = t0 + index * kIntervalMs;
        s.status = i % 50 ? QStringLiteral("Replicating") : QStringLiteral("Failed");
        s.rows = 3'000'000'000LL + index * 17LL + i;
        s.bytes = 5'000'000'000LL + index * 1237LL + i;
        s.lastSyncMs = s.timeMs - 2000;
        s.latencySeconds = i % 120;
        if (i % 50 == 0)
            s.errorCode = QStringLiteral("SourceTableNotAccessible");
        rows.append(s);
    }
    return rows;
}

// The store's path: the GUI thread records one refresh per event-loop turn, as the recorder
// does, while a 1 ms timer measures how long the loop is kept from it.
struct StoreRun {
    double samplesPerSecond = 0;
    double longestStallMs = 0;    //!< the longest the event loop was away, for any reason
    double longestRecordMs = 0;   //!< the longest HistoryStore::record() call: the store's share
    double longestOnCpuMs = 0;    //!< of the longest stall: the GUI thread on a core
    double longestWaitingMs = 0;  //!< of the longest stall: the GUI thread runnable, no core free
};
StoreRun storeRun(const QString &path, const std::vector<QList<TableSample>> &batches)
{
    HistoryStore store;
    store.open(path);
    while (store.state() == HistoryStore::State::Opening)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    const qint64 total = qint64(batches.size()) * kTables;

    const LoopWatch watch;
    size_t next = 0;
    QTimer feed;
    qint64 longestRecordNs = 0;
    QObject::connect(&feed, &QTimer::timeout, [&] {
        if (next >= batches.size()) {
            feed.stop(); // a 0 ms timer left running would spin the GUI thread
            return;
        }
        const qint64 before = watch.elapsedNs();
        store.record(batches[next++], {}, {});
        longestRecordNs = std::max(longestRecordNs, watch.elapsedNs() - before);
    });
    // The GUI thread waits in its event loop, as the console's does, until the last commit.
    // (processEvents(flags, ms) never sleeps: it drops WaitForMoreEvents, and a loop of it spins
    // a core the writer needs.)
    QEventLoop loop;
    QObject::connect(&store, &HistoryStore::committed, &loop, [&](qint64 committed) {
        if (committed >= total)
            loop.quit();
    });
    feed.start(0);
    loop.exec();
    const double seconds = double(watch.elapsedNs()) / 1e9;
    StoreRun run;
    run.samplesPerSecond = double(total) / seconds;
    run.longestStallMs = watch.longestAbsenceMs();
    run.longestRecordMs = double(longestRecordNs) / 1e6;
    run.longestOnCpuMs = watch.longestOnCpuMs();
    run.longestWaitingMs = watch.longestWaitingForCoreMs();
    return run;
}

// The floor: the same rows, the same schema and pragmas, one prepared statement, one transaction.
double bareRun(const QString &path, const std::vector<QList<TableSample>> &batches)
{
    const QString name = QStringLiteral("bare");
    QString error;
    if (!HistoryFile::open(name, path, true, &error)) {
        std::fprintf(stderr, "bare open: %s\n", qPrintable(error));
        return 0;
    }
    double rate = 0;
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        HistorySchema::migrate(db);
        QSqlQuery ids(db);
        ids.prepare(QStringLiteral("INSERT INTO tables(id, database_id, schema_name, table_name) VALUES(?, ?, ?, ?)"));
        for (int i = 0; i < kTables; ++i) {
            ids.addBindValue(i + 1);
            ids.addBindValue(batches[0][i].databaseId);
            ids.addBindValue(batches[0][i].schema);
            ids.addBindValue(batches[0][i].table);
            ids.exec();
        }
        QElapsedTimer clock;
        clock.start();
        db.transaction();
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT OR REPLACE INTO table_samples VALUES(?, ?, ?, ?, ?, ?, ?, ?)"));
        for (const QList<TableSample> &batch : batches) {
            for (int i = 0; i < batch.size(); ++i) {
                const TableSample &s = batch[i];
                q.bindValue(0, i + 1);
                q.bindValue(1, s.timeMs);
                q.bindValue(2, s.status);
                q.bindValue(3, s.rows);
                q.bindValue(4, s.bytes);
                q.bindValue(5, s.lastSyncMs);
                q.bindValue(6, s.latencySeconds);
                q.bindValue(7, s.errorCode.isEmpty() ? QVariant() : QVariant(s.errorCode));
                q.exec();
            }
        }
        db.commit();
        rate = double(batches.size() * kTables) / (double(clock.nsecsElapsed()) / 1e9);
    }
    HistoryFile::close(name);
    return rate;
}

// A month as the console leaves it: every sample of the last day (the default 10 s interval,
// every table changing), one per 5 minutes for the six days before, one per hour before that.
void writeMonth(const QString &path, qint64 now)
{
    const QString name = QStringLiteral("month");
    QString error;
    if (!HistoryFile::open(name, path, true, &error)) {
        std::fprintf(stderr, "month open: %s\n", qPrintable(error));
        return;
    }
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        HistorySchema::migrate(db);
        std::vector<qint64> times;
        for (qint64 t = now - 30 * kDay; t < now; ) {
            times.push_back(t);
            t += t < now - 7 * kDay ? HistoryMaintenance::kHourMs
               : t < now - kDay     ? HistoryMaintenance::kFiveMinutesMs
                                    : kIntervalMs;
        }
        db.transaction();
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT INTO tables(id, database_id, schema_name, table_name) VALUES(?, 'bench-db', 'dbo', ?)"));
        for (int i = 0; i < kTables; ++i) {
            q.addBindValue(i + 1);
            q.addBindValue(QStringLiteral("table_with_a_realistic_name_%1").arg(i));
            q.exec();
        }
        q.prepare(QStringLiteral("INSERT INTO table_samples VALUES(?, ?, ?, ?, ?, ?, ?, ?)"));
        for (int i = 0; i < kTables; ++i) {
            for (size_t k = 0; k < times.size(); ++k) {
                q.bindValue(0, i + 1);
                q.bindValue(1, times[k]);
                q.bindValue(2, i % 50 ? QStringLiteral("Replicating") : QStringLiteral("Failed"));
                q.bindValue(3, 3'000'000'000LL + qint64(k) * 17 + i);
                q.bindValue(4, 5'000'000'000LL + qint64(k) * 1237 + i);
                q.bindValue(5, times[k] - 2000);
                q.bindValue(6, int(k % 120));
                q.bindValue(7, i % 50 ? QVariant() : QVariant(QStringLiteral("SourceTableNotAccessible")));
                q.exec();
            }
        }
        q.prepare(QStringLiteral("INSERT INTO database_samples VALUES('bench-db', ?, 'Running', ?, ?, ?, 10, NULL)"));
        for (size_t k = 0; k < times.size(); ++k) {
            q.addBindValue(times[k]);
            q.addBindValue(qint64(k) * 17 * kTables);
            q.addBindValue(qint64(k) * 1237 * kTables);
            q.addBindValue(int(k % 120));
            q.exec();
        }
        q.prepare(QStringLiteral("INSERT INTO events(database_id, t, kind, schema_name, table_name) "
                                 "VALUES('bench-db', ?, 'TableFailed', 'dbo', ?)"));
        for (int e = 0; e < 2000; ++e) {
            q.addBindValue(now - 30 * kDay + e * (30 * kDay / 2000));
            q.addBindValue(QStringLiteral("table_with_a_realistic_name_%1").arg(e % kTables));
            q.exec();
        }
        db.commit();
        QSqlQuery(db).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    HistoryFile::close(name);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    const qint64 t0 = QDateTime::currentMSecsSinceEpoch() - kRefreshes * kIntervalMs;
    std::vector<QList<TableSample>> batches;
    for (int r = 0; r < kRefreshes; ++r)
        batches.push_back(refresh(r, t0));

    {
        // The floor for the stall figure: the loop's longest absence with no store at all.
        const LoopWatch idle;
        QEventLoop loop;
        QTimer::singleShot(2000, &loop, &QEventLoop::quit);
        loop.exec();
        std::printf("# event loop's longest absence over 2 s with no store: %.1f ms (%.1f ms on a core, %.1f ms "
                    "waiting for one)\n",
                    idle.longestAbsenceMs(), idle.longestOnCpuMs(), idle.longestWaitingForCoreMs());
    }
    std::vector<double> ratios, storeRates, bareRates, stalls, recordCalls;
    for (int i = 0; i < kRepeats; ++i) {
        const double bare = bareRun(dir.filePath(QStringLiteral("bare%1/h.sqlite").arg(i)), batches);
        const StoreRun store = storeRun(dir.filePath(QStringLiteral("store%1/h.sqlite").arg(i)), batches);
        bareRates.push_back(bare);
        storeRates.push_back(store.samplesPerSecond);
        ratios.push_back(store.samplesPerSecond / bare);
        stalls.push_back(store.longestStallMs);
        recordCalls.push_back(store.longestRecordMs);
        // The rest of a stall, neither on a core nor waiting for one, is the GUI thread asleep
        // on something: a lock, or the kernel (a page fault waiting for the writer's mmap).
        std::printf("# store run %d: longest stall %.1f ms: %.1f ms on a core, %.1f ms waiting for one\n", i + 1,
                    store.longestStallMs, store.longestOnCpuMs, store.longestWaitingMs);
    }
    std::printf("# samples committed per second: store %.0f, bare insert %.0f\n", median(storeRates), median(bareRates));
    report("history_store_vs_bare_insert", median(ratios), "ratio", ">=", 0.8);
    // The store's share of the GUI thread, and the event loop's longest absence while the writer
    // works (which on a loaded machine also counts the scheduler's doing).
    report("history_gui_longest_record_call", median(recordCalls), "ms", "<=", 16);
    report("history_gui_longest_stall_while_writing", median(stalls), "ms", "<=", 16);

    if (app.arguments().contains(QStringLiteral("--write-only")))
        return 0;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString month = dir.filePath(QStringLiteral("month/h.sqlite"));
    QElapsedTimer build;
    build.start();
    writeMonth(month, now);
    std::printf("# 30-day file of %d tables written in %.1f s\n", kTables, double(build.elapsed()) / 1000);

    HistoryReader reader(month);
    if (!reader.isOpen()) {
        std::fprintf(stderr, "reader: %s\n", qPrintable(reader.error()));
        return 1;
    }
    std::vector<double> loads;
    qsizetype points = 0;
    for (int i = 0; i < 7; ++i) {
        QElapsedTimer clock;
        clock.start();
        // The 7-day range at about one point per 10 minutes, and its events.
        const auto series = reader.databaseSeries(QStringLiteral("bench-db"), now - 7 * kDay, now, 10 * 60 * 1000);
        const auto events = reader.events(QStringLiteral("bench-db"), now - 7 * kDay, now);
        loads.push_back(double(clock.nsecsElapsed()) / 1e6);
        points = series.size() + events.size();
    }
    std::printf("# 7-day chart: %lld points and events\n", static_cast<long long>(points));
    report("history_load_7d_chart_500_tables", median(loads), "ms", "<=", 100);
    {
        QElapsedTimer clock;
        clock.start();
        const auto one = reader.tableSeries(QStringLiteral("bench-db"), QStringLiteral("dbo"),
                                            QStringLiteral("table_with_a_realistic_name_7"), now - 7 * kDay, now);
        report("history_load_7d_one_table", double(clock.nsecsElapsed()) / 1e6, "ms", "<=", 100);
        std::printf("# one table, 7 days: %lld samples\n", static_cast<long long>(one.size()));
    }
    const double bytes = double(QFileInfo(month).size());
    // Budget: a month of 500 tables fits the default 512 MiB size cap.
    report("history_file_bytes_per_table_per_day", bytes / kTables / 30, "bytes", "<=", 512.0 * 1024 * 1024 / kTables / 30);
    std::printf("# 30-day file: %.1f MiB\n", bytes / 1024 / 1024);
    {
        QString error;
        HistoryFile::open(QStringLiteral("maint"), month, true, &error);
        {
            QSqlDatabase db = QSqlDatabase::database(QStringLiteral("maint"), false);
            QElapsedTimer clock;
            clock.start();
            HistoryMaintenance::run(db, now, 30, 512LL * 1024 * 1024);
            std::printf("# first retention pass over the 30-day file: %.0f ms (writer thread)\n", double(clock.elapsed()));
            // The next start, an hour later: only what crossed a boundary meanwhile is looked at.
            clock.restart();
            HistoryMaintenance::run(db, now + HistoryMaintenance::kHourMs, 30, 512LL * 1024 * 1024);
            std::printf("# retention pass an hour later: %.0f ms (writer thread)\n", double(clock.elapsed()));
        }
        HistoryFile::close(QStringLiteral("maint"));
    }
    return 0;
}
