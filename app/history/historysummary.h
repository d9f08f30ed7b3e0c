#pragma once

#include "app/history/historyrecords.h"

#include <QList>
#include <QObject>
#include <QString>

#include <functional>

namespace fmc {

//! One line of "since you last looked": what happened, and the table it is about (if any).
struct SummaryLine {
    QString databaseId;
    qint64 timeMs = 0;
    QString text;
    QString schema;  //!< empty for database lines
    QString table;
};

//! "Since you last looked" at one database, as the console's start shows it.
struct DatabaseSummary {
    SeenDatabase database; //!< timeMs: when last looked at; 0 for a watched one never looked at
    QList<SummaryLine> lines;
};

//! \brief "Since you last looked": the events recorded since the user last saw a database,
//! told as lines — tables that failed and recovered and how long each was down, database status
//! changes and errors, throttling periods.
class HistorySummary
{
public:
    //! \brief The lines for \a events (one database, oldest first) between \a fromMs and
    //! \a nowMs. A table still failing at \a nowMs is down until now.
    static QList<SummaryLine> summarize(const QList<HistoryEvent> &events, qint64 fromMs, qint64 nowMs);

    //! "2 h 5 min", "45 s": a duration for a line.
    static QString duration(qint64 ms);

    //! \brief Reads, in a worker, each of \a databaseIds' events since it was last seen in the
    //! file at \a path, and calls \a done on \a context's thread with the lines (empty for a
    //! database never seen before). Nothing is called if \a context is gone.
    static void load(const QString &path, const QStringList &databaseIds, qint64 nowMs, QObject *context,
                     std::function<void(const QList<SummaryLine> &)> done);
    //! \brief Reads, in a worker, what was recorded since the user last looked at each database
    //! of the file at \a path they looked at before, and at each of \a watched (all the file
    //! holds when never looked at); calls \a done on \a context's thread with those that have
    //! lines, oldest look first. A watched database's workspace and name fill in what the file
    //! lacks. Nothing is called if \a context is gone.
    static void loadSeen(const QString &path, const QList<SeenDatabase> &watched, qint64 nowMs, QObject *context,
                         std::function<void(const QList<DatabaseSummary> &)> done);
    //! \brief Reads, in a worker, one table's status and error changes in [fromMs, nowMs) (its
    //! timeline) and calls \a done on \a context's thread, unless \a context is gone.
    static void loadTimeline(const QString &path, const QString &databaseId, const QString &schema,
                             const QString &table, qint64 fromMs, qint64 nowMs, QObject *context,
                             std::function<void(const QList<TableSample> &)> done);
};

} // namespace fmc
