#include "app/history/historyreader.h"

#include "app/history/historyfile.h"
#include "app/history/historyschema.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <atomic>

namespace fmc {
namespace {

QString readerConnectionName()
{
    static std::atomic<int> next{0};
    return QStringLiteral("fmc-history-reader-%1").arg(next++);
}

qint64 intOr(const QVariant &v, qint64 fallback)
{
    return v.isNull() ? fallback : v.toLongLong();
}

TableSample tableSampleFrom(const QSqlQuery &q, const QString &databaseId, const QString &schema,
                            const QString &table)
{
    TableSample s;
    s.databaseId = databaseId;
    s.schema = schema;
    s.table = table;
    s.timeMs = q.value(0).toLongLong();
    s.status = q.value(1).toString();
    s.rows = intOr(q.value(2), -1);
    s.bytes = intOr(q.value(3), -1);
    s.lastSyncMs = intOr(q.value(4), -1);
    s.latencySeconds = qint32(intOr(q.value(5), -1));
    s.errorCode = q.value(6).toString();
    return s;
}

DatabaseSample databaseSampleFrom(const QSqlQuery &q, const QString &databaseId)
{
    DatabaseSample s;
    s.databaseId = databaseId;
    s.timeMs = q.value(0).toLongLong();
    s.status = q.value(1).toString();
    s.rows = intOr(q.value(2), -1); // NULL: an item type whose API gives no rows (a catalog)
    s.bytes = intOr(q.value(3), -1);
    s.worstLatencySeconds = qint32(intOr(q.value(4), -1));
    s.failedTables = qint32(intOr(q.value(5), 0));
    s.errorCode = q.value(6).toString();
    return s;
}

} // namespace

bool HistoryReader::select(QSqlQuery &q, const QString &sql, const QVariantList &values) const
{
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (q.exec())
        return true;
    m_error = q.lastError().text();
    return false;
}

HistoryReader::HistoryReader(const QString &path)
    : m_connection(readerConnectionName())
{
    m_open = HistoryFile::open(m_connection, path, false, &m_error);
    if (!m_open)
        return;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    const int version = HistorySchema::version(db, &m_error);
    // A file from a newer console may have moved things; an older one lacks tables (the writer
    // migrates it): read only what this console knows.
    if (version != HistorySchema::kCurrentVersion) {
        if (version >= 0)
            m_error = QStringLiteral("schema version %1, expected %2").arg(version).arg(HistorySchema::kCurrentVersion);
        m_open = false;
        HistoryFile::close(m_connection);
    }
}

HistoryReader::~HistoryReader()
{
    if (m_open)
        HistoryFile::close(m_connection);
}

QList<DatabaseSample> HistoryReader::databaseSeries(const QString &databaseId, qint64 fromMs, qint64 toMs,
                                                    qint64 bucketMs) const
{
    QList<DatabaseSample> out;
    if (!m_open)
        return out;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    // With one MAX() aggregate, SQLite takes the other columns from the row holding the maximum:
    // the last sample of each bucket.
    const QString columns = QStringLiteral("status, rows, bytes, latency, failed_tables, error_code");
    const QString sql = bucketMs > 0
        ? QStringLiteral("SELECT MAX(t), %1 FROM database_samples WHERE database_id = ? AND t >= ? AND t < ? "
                         "GROUP BY t / %2 ORDER BY 1").arg(columns).arg(bucketMs)
        : QStringLiteral("SELECT t, %1 FROM database_samples WHERE database_id = ? AND t >= ? AND t < ? "
                         "ORDER BY t").arg(columns);
    if (!select(q, sql, {databaseId, fromMs, toMs}))
        return out;
    while (q.next())
        out.append(databaseSampleFrom(q, databaseId));
    return out;
}

bool HistoryReader::visitDatabaseSeries(const QString &databaseId, qint64 fromMs, qint64 toMs,
                                        const std::function<bool(const DatabaseSample &)> &visit) const
{
    if (!m_open)
        return false;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!select(q, QStringLiteral("SELECT t, status, rows, bytes, latency, failed_tables, error_code FROM database_samples "
                                  "WHERE database_id = ? AND t >= ? AND t < ? ORDER BY t"),
                {databaseId, fromMs, toMs}))
        return false;
    while (q.next()) {
        if (!visit(databaseSampleFrom(q, databaseId)))
            break;
    }
    return true;
}

qint64 HistoryReader::sampleCount(const QString &databaseId, const QString &schema, const QString &table,
                                  qint64 fromMs, qint64 toMs) const
{
    if (!m_open)
        return -1;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    const bool ok = table.isEmpty()
        ? select(q, QStringLiteral("SELECT count(*) FROM database_samples WHERE database_id = ? AND t >= ? AND t < ?"),
                 {databaseId, fromMs, toMs})
        : select(q, QStringLiteral("SELECT count(*) FROM table_samples s JOIN tables k ON k.id = s.table_id "
                                   "WHERE k.database_id = ? AND k.schema_name = ? AND k.table_name = ? "
                                   "AND s.t >= ? AND s.t < ?"),
                 {databaseId, schema, table, fromMs, toMs});
    return ok && q.next() ? q.value(0).toLongLong() : -1;
}

QList<TableSample> HistoryReader::tableSeries(const QString &databaseId, const QString &schema,
                                              const QString &table, qint64 fromMs, qint64 toMs) const
{
    QList<TableSample> out;
    visitTableSeries(databaseId, schema, table, fromMs, toMs, [&out](const TableSample &s) {
        out.append(s);
        return true;
    });
    return out;
}

bool HistoryReader::visitTableSeries(const QString &databaseId, const QString &schema, const QString &table,
                                     qint64 fromMs, qint64 toMs,
                                     const std::function<bool(const TableSample &)> &visit) const
{
    if (!m_open)
        return false;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!select(q, QStringLiteral("SELECT s.t, s.status, s.rows, s.bytes, s.last_sync, s.latency, s.error_code "
                                  "FROM table_samples s JOIN tables k ON k.id = s.table_id "
                                  "WHERE k.database_id = ? AND k.schema_name = ? AND k.table_name = ? "
                                  "AND s.t >= ? AND s.t < ? ORDER BY s.t"),
                {databaseId, schema, table, fromMs, toMs}))
        return false;
    while (q.next()) {
        if (!visit(tableSampleFrom(q, databaseId, schema, table)))
            break;
    }
    return true;
}

QList<TableSample> HistoryReader::tableTransitions(const QString &databaseId, const QString &schema,
                                                   const QString &table, qint64 fromMs, qint64 toMs) const
{
    QList<TableSample> out;
    const QList<TableSample> series = tableSeries(databaseId, schema, table, fromMs, toMs);
    for (const TableSample &s : series) {
        if (out.isEmpty() || out.last().status != s.status || out.last().errorCode != s.errorCode)
            out.append(s);
    }
    return out;
}

QList<HistoryEvent> HistoryReader::events(const QString &databaseId, qint64 fromMs, qint64 toMs) const
{
    QList<HistoryEvent> out;
    if (!m_open)
        return out;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!select(q, QStringLiteral("SELECT t, kind, schema_name, table_name, before, after, error_code, message FROM events "
                                  "WHERE database_id = ? AND t >= ? AND t < ? ORDER BY t, id"),
                {databaseId, fromMs, toMs}))
        return out;
    while (q.next()) {
        HistoryEvent e;
        e.databaseId = databaseId;
        e.timeMs = q.value(0).toLongLong();
        e.kind = q.value(1).toString();
        e.schema = q.value(2).toString();
        e.table = q.value(3).toString();
        e.before = q.value(4).toString();
        e.after = q.value(5).toString();
        e.errorCode = q.value(6).toString();
        e.message = q.value(7).toString();
        out.append(e);
    }
    return out;
}

qint64 HistoryReader::lastSeen(const QString &databaseId) const
{
    if (!m_open)
        return -1;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!select(q, QStringLiteral("SELECT t FROM seen WHERE database_id = ?"), {databaseId}) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

QList<SeenDatabase> HistoryReader::seenDatabases() const
{
    QList<SeenDatabase> out;
    if (!m_open)
        return out;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!select(q, QStringLiteral("SELECT database_id, workspace_id, name, t FROM seen ORDER BY t"), {}))
        return out;
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toLongLong()});
    return out;
}

} // namespace fmc
