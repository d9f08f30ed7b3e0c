#include "app/history/historymaintenance.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace fmc {
namespace {

// Thinning is done up to these times (stored in `meta`), so that a pass only looks at what
// crossed a boundary since the last one, not at a month of already thinned rows.
const QString kThinnedFiveMinutes = QStringLiteral("thinned_5min_until");
const QString kThinnedHourly = QStringLiteral("thinned_hourly_until");

// Runs \a sql with \a values bound in order; the rows it removed, or -1 on failure.
int removeRows(QSqlDatabase &db, const QString &sql, const QVariantList &values, QString *error)
{
    QSqlQuery q(db);
    q.prepare(sql);
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec()) {
        *error = q.lastError().text();
        return -1;
    }
    return q.numRowsAffected();
}

qint64 metaValue(QSqlDatabase &db, const QString &key)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    q.addBindValue(key);
    return q.exec() && q.next() ? q.value(0).toLongLong() : 0;
}

// A sample goes when an earlier one of the same series lies in its period: the inner range is a
// primary-key range, so this is one index probe per row. %1 is the period in ms.
const QString &thinTableSql()
{
    static const QString sql = QStringLiteral(
        "DELETE FROM table_samples WHERE table_id = ? AND t >= ? AND t < ? AND EXISTS (SELECT 1 FROM table_samples s "
        "WHERE s.table_id = table_samples.table_id AND s.t >= (table_samples.t / %1) * %1 AND s.t < table_samples.t)");
    return sql;
}

const QString &thinDatabaseSql()
{
    static const QString sql = QStringLiteral(
        "DELETE FROM database_samples WHERE t >= ? AND t < ? AND EXISTS (SELECT 1 FROM database_samples s "
        "WHERE s.database_id = database_samples.database_id AND s.t >= (database_samples.t / %1) * %1 "
        "AND s.t < database_samples.t)");
    return sql;
}

// Removes what is older than \a cutoffMs from table \a id; -1 on failure. Per table, so that
// the primary key (table_id, t) serves the range.
int removeTableOlderThan(QSqlDatabase &db, qint64 id, qint64 cutoffMs, QString *error)
{
    return removeRows(db, QStringLiteral("DELETE FROM table_samples WHERE table_id = ? AND t < ?"), {id, cutoffMs}, error);
}

int removeOthersOlderThan(QSqlDatabase &db, qint64 cutoffMs, QString *error)
{
    const int a = removeRows(db, QStringLiteral("DELETE FROM database_samples WHERE t < ?"), {cutoffMs}, error);
    const int b = a < 0 ? -1 : removeRows(db, QStringLiteral("DELETE FROM events WHERE t < ?"), {cutoffMs}, error);
    return b < 0 ? -1 : a + b;
}

QList<qint64> tableIds(QSqlDatabase &db)
{
    QList<qint64> ids;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (q.exec(QStringLiteral("SELECT id FROM tables")))
        while (q.next())
            ids.append(q.value(0).toLongLong());
    return ids;
}

// The oldest time kept anywhere, with one index probe per table; -1 when empty.
qint64 oldestTime(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (q.exec(QStringLiteral(
            "SELECT MIN(t) FROM (SELECT (SELECT t FROM table_samples WHERE table_id = tables.id ORDER BY t LIMIT 1) AS t "
            "FROM tables UNION ALL SELECT MIN(t) FROM database_samples UNION ALL SELECT MIN(t) FROM events)"))
        && q.next() && !q.value(0).isNull())
        return q.value(0).toLongLong();
    return -1;
}

} // namespace

qint64 HistoryMaintenance::usedBytes(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT (SELECT page_count FROM pragma_page_count()) - "
                               "(SELECT freelist_count FROM pragma_freelist_count()), "
                               "(SELECT page_size FROM pragma_page_size())"))
        || !q.next())
        return -1;
    return q.value(0).toLongLong() * q.value(1).toLongLong();
}

HistoryMaintenance::Outcome HistoryMaintenance::run(QSqlDatabase &db, qint64 nowMs, int retentionDays,
                                                    qint64 sizeCapBytes, const std::atomic<bool> *stop)
{
    Outcome out;
    const auto failed = [&](const QString &why) {
        db.rollback();
        out.ok = false;
        out.error = why;
        return out;
    };
    const auto stopped = [&] { return stop && stop->load(); };
    const qint64 cutoff = nowMs - retentionDays * kDayMs;
    const qint64 weekAgo = nowMs - 7 * kDayMs;
    const qint64 dayAgo = nowMs - kDayMs;
    const qint64 hourlyFrom = std::max(metaValue(db, kThinnedHourly), cutoff);
    const qint64 fiveFrom = std::max(metaValue(db, kThinnedFiveMinutes), cutoff);
    const QString hourly = thinTableSql().arg(kHourMs);
    const QString fiveMinutes = thinTableSql().arg(kFiveMinutesMs);

    // One short transaction per table: the writer can stop between two (closing never waits
    // for a whole month), and readers never wait long.
    for (const qint64 id : tableIds(db)) {
        if (stopped())
            return out; // the watermarks stay: the next pass does the rest
        if (!db.transaction())
            return failed(db.lastError().text());
        const int old = removeTableOlderThan(db, id, cutoff, &out.error);
        const int h = old < 0 ? -1 : removeRows(db, hourly, {id, hourlyFrom, weekAgo}, &out.error);
        const int f = h < 0 ? -1 : removeRows(db, fiveMinutes, {id, std::max(fiveFrom, weekAgo), dayAgo}, &out.error);
        if (f < 0)
            return failed(out.error);
        if (!db.commit())
            return failed(db.lastError().text());
        out.removedByRetention += old;
        out.removedByDownsampling += h + f;
    }

    if (!db.transaction())
        return failed(db.lastError().text());
    const int others = removeOthersOlderThan(db, cutoff, &out.error);
    const int dh = others < 0 ? -1 : removeRows(db, thinDatabaseSql().arg(kHourMs), {hourlyFrom, weekAgo}, &out.error);
    const int df = dh < 0 ? -1
                          : removeRows(db, thinDatabaseSql().arg(kFiveMinutesMs), {std::max(fiveFrom, weekAgo), dayAgo},
                                       &out.error);
    if (df < 0)
        return failed(out.error);
    out.removedByRetention += others;
    out.removedByDownsampling += dh + df;
    QSqlQuery mark(db);
    mark.prepare(QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)"));
    for (const auto &[key, value] : {std::pair{kThinnedHourly, weekAgo}, std::pair{kThinnedFiveMinutes, dayAgo}}) {
        mark.addBindValue(key);
        mark.addBindValue(value);
        if (!mark.exec())
            return failed(mark.lastError().text());
    }
    if (!db.commit())
        return failed(db.lastError().text());

    // Above the cap, the oldest day goes, then the next, but never the last day.
    while (sizeCapBytes > 0 && !stopped() && usedBytes(db) > sizeCapBytes) {
        const qint64 oldest = oldestTime(db);
        if (oldest < 0 || oldest >= dayAgo)
            break;
        if (!db.transaction())
            return failed(db.lastError().text());
        int n = removeOthersOlderThan(db, oldest + kDayMs, &out.error);
        for (const qint64 id : tableIds(db)) {
            const int t = n < 0 ? -1 : removeTableOlderThan(db, id, oldest + kDayMs, &out.error);
            n = t < 0 ? -1 : n + t;
        }
        if (n < 0)
            return failed(out.error);
        if (!db.commit())
            return failed(db.lastError().text());
        out.removedBySizeCap += n;
    }
    // Give the freed pages back to the disk (auto_vacuum = INCREMENTAL).
    QSqlQuery(db).exec(QStringLiteral("PRAGMA incremental_vacuum"));
    QSqlQuery(db).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    return out;
}

} // namespace fmc
