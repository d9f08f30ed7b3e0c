#pragma once

#include "app/history/historyrecords.h"

#include <QList>
#include <QString>
#include <QVariantList>

#include <functional>

class QSqlQuery;

namespace fmc {

//! \brief Reads a history file over its own read-only connection, in the thread that created
//! it (the dashboard runs it in a worker). Reading never waits for the writer: WAL readers see
//! the last commit.
class HistoryReader
{
public:
    explicit HistoryReader(const QString &path);
    ~HistoryReader();
    HistoryReader(const HistoryReader &) = delete;
    HistoryReader &operator=(const HistoryReader &) = delete;

    bool isOpen() const { return m_open; }
    QString error() const { return m_error; }

    //! \brief The database's samples in [fromMs, toMs), at most one per \a bucketMs (the last
    //! of each bucket: counters are cumulative), oldest first. bucketMs 0: every sample.
    QList<DatabaseSample> databaseSeries(const QString &databaseId, qint64 fromMs, qint64 toMs,
                                         qint64 bucketMs = 0) const;
    //! One table's samples in [fromMs, toMs), oldest first.
    QList<TableSample> tableSeries(const QString &databaseId, const QString &schema, const QString &table,
                                   qint64 fromMs, qint64 toMs) const;
    //! \brief Calls \a visit with each of one table's samples in [fromMs, toMs), oldest first,
    //! keeping none (an export of a month); stops early when \a visit returns false. False on a
    //! read error (error() says which).
    bool visitTableSeries(const QString &databaseId, const QString &schema, const QString &table, qint64 fromMs,
                          qint64 toMs, const std::function<bool(const TableSample &)> &visit) const;
    //! visitTableSeries() for a database's samples, every one of them.
    bool visitDatabaseSeries(const QString &databaseId, qint64 fromMs, qint64 toMs,
                             const std::function<bool(const DatabaseSample &)> &visit) const;
    //! How many samples in [fromMs, toMs) one table has (a database's own when \a table is
    //! empty); -1 on a read error.
    qint64 sampleCount(const QString &databaseId, const QString &schema, const QString &table, qint64 fromMs,
                       qint64 toMs) const;
    //! \brief The samples of one table where its status or error changed, oldest first (the
    //! first sample of the range counts as a change): its timeline.
    QList<TableSample> tableTransitions(const QString &databaseId, const QString &schema, const QString &table,
                                        qint64 fromMs, qint64 toMs) const;
    //! The events of \a databaseId in [fromMs, toMs), oldest first.
    QList<HistoryEvent> events(const QString &databaseId, qint64 fromMs, qint64 toMs) const;
    //! When the user last looked at \a databaseId; -1 never.
    qint64 lastSeen(const QString &databaseId) const;
    //! Every database the user looked at, with when (oldest look first).
    QList<SeenDatabase> seenDatabases() const;

private:
    //! Prepares \a sql on \a q with \a values bound in order and runs it; false sets error().
    bool select(QSqlQuery &q, const QString &sql, const QVariantList &values) const;

    QString m_connection;
    bool m_open = false;
    mutable QString m_error;
};

} // namespace fmc
