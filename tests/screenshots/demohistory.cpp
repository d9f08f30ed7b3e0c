#include "tests/screenshots/demohistory.h"

#include "app/history/historystore.h"

#include <QCoreApplication>
#include <QDeadlineTimer>

#include <cmath>

namespace fmc::test {
namespace {

constexpr qint64 kMinute = 60'000;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kStep = 5 * kMinute;

HistoryEvent event(const QString &db, qint64 t, const char *kind, const char *table, const char *before,
                   const char *after, const char *code = "")
{
    HistoryEvent e;
    e.databaseId = db;
    e.timeMs = t;
    e.kind = QString::fromLatin1(kind);
    e.schema = *table ? QStringLiteral("dbo") : QString();
    e.table = QString::fromLatin1(table);
    e.before = QString::fromLatin1(before);
    e.after = QString::fromLatin1(after);
    e.errorCode = QString::fromLatin1(code);
    return e;
}

} // namespace

QList<HistoryEvent> demoHistoryEvents(const QString &db, qint64 now)
{
    return {event(db, now - 50 * kHour, "TableFailed", "customers", "Replicating", "Failed", "SourceTableSchemaChanged"),
            event(db, now - 46 * kHour - 20 * kMinute, "TableRecovered", "customers", "Failed", "Replicating"),
            event(db, now - 20 * kHour, "MirroringStopped", "", "Running", "Stopped"),
            event(db, now - 19 * kHour, "MirroringStarted", "", "Stopped", "Running"),
            event(db, now - 9 * kHour, "Throttled", "", "", "30000"),
            event(db, now - 9 * kHour + 2 * kMinute, "Throttled", "", "", "45000"),
            event(db, now - 6 * kHour, "TableFailed", "legacy_sensors", "Snapshotting", "Failed", "SourceTableNotFound")};
}

bool writeDemoHistory(const QString &path, const QString &db, qint64 now)
{
    HistoryStore store;
    HistoryStore::Options options;
    options.batchDelay = std::chrono::milliseconds(1);
    store.setOptions(options);
    store.open(path);
    QDeadlineTimer deadline(20000);
    while (store.state() == HistoryStore::State::Opening && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    if (store.state() != HistoryStore::State::Writing)
        return false;

    const QList<HistoryEvent> events = demoHistoryEvents(db, now);
    const auto statusAt = [&](const QString &table, qint64 t) {
        if (t >= now - 20 * kHour && t < now - 19 * kHour)
            return QStringLiteral("Stopped");
        if (table == QLatin1String("customers") && t >= now - 50 * kHour && t < now - 46 * kHour - 20 * kMinute)
            return QStringLiteral("Failed");
        if (table == QLatin1String("legacy_sensors") && t >= now - 6 * kHour)
            return QStringLiteral("Failed");
        return QStringLiteral("Replicating");
    };
    QList<TableSample> tables;
    QList<DatabaseSample> totals;
    qint64 rows = 1'200'000;
    for (qint64 t = now - 7 * 24 * kHour; t < now; t += kStep) {
        // Busy working hours, quiet nights; nothing moves while stopped.
        const double hourOfDay = double((t / kHour) % 24);
        const bool stopped = statusAt(QString(), t) == QLatin1String("Stopped");
        const qint64 added = stopped ? 0 : qint64(4000 + 3500 * std::sin((hourOfDay - 6) / 24 * 2 * M_PI));
        rows += added;
        int failed = 0;
        for (const char *name : {"customers", "legacy_sensors", "orders"}) {
            TableSample s;
            s.databaseId = db;
            s.schema = QString::fromLatin1(name) == QLatin1String("orders") ? QStringLiteral("sales") : QStringLiteral("dbo");
            s.table = QString::fromLatin1(name);
            s.timeMs = t;
            s.status = statusAt(s.table, t);
            s.rows = rows / 3;
            s.bytes = s.rows * 180;
            s.latencySeconds = stopped ? -1 : int(20 + (added / 200));
            if (s.status == QLatin1String("Failed")) {
                ++failed;
                s.errorCode = s.table == QLatin1String("customers") ? QStringLiteral("SourceTableSchemaChanged")
                                                                     : QStringLiteral("SourceTableNotFound");
            }
            tables.append(s);
        }
        DatabaseSample d;
        d.databaseId = db;
        d.timeMs = t;
        d.status = stopped ? QStringLiteral("Stopped") : QStringLiteral("Running");
        d.rows = rows;
        d.bytes = rows * 180;
        d.worstLatencySeconds = stopped ? -1 : int(20 + (added / 200) + (failed ? 40 : 0));
        d.failedTables = failed;
        totals.append(d);
    }
    const qint64 total = tables.size() + totals.size() + events.size();
    store.record(tables, totals, events);
    store.markSeen(db, now - 3 * 24 * kHour);
    while (store.committedCount() < total && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return store.committedCount() >= total;
}

} // namespace fmc::test
