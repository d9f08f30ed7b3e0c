#include "app/history/historysummary.h"

#include "app/history/historyreader.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFutureWatcher>
#include <QHash>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace fmc {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("fmc::HistorySummary", text);
}

QString at(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("ddd HH:mm 'UTC'"));
}

QString withCode(const QString &text, const QString &code)
{
    return code.isEmpty() ? text : tr("%1 (%2)").arg(text, code);
}

//! Runs \a work in a worker and hands its result to \a done on \a context's thread.
template <typename Result, typename Work>
void inWorker(QObject *context, Work work, std::function<void(const Result &)> done)
{
    auto *watcher = new QFutureWatcher<Result>(context);
    QObject::connect(watcher, &QFutureWatcher<Result>::finished, context, [watcher, done] {
        watcher->deleteLater();
        done(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

} // namespace

QString HistorySummary::duration(qint64 ms)
{
    const qint64 s = std::max<qint64>(ms, 0) / 1000;
    if (s < 60)
        return tr("%1 s").arg(s);
    if (s < 3600)
        return tr("%1 min").arg(s / 60);
    if (s < 86400)
        return s % 3600 >= 60 ? tr("%1 h %2 min").arg(s / 3600).arg(s % 3600 / 60) : tr("%1 h").arg(s / 3600);
    return tr("%1 d %2 h").arg(s / 86400).arg(s % 86400 / 3600);
}

QList<SummaryLine> HistorySummary::summarize(const QList<HistoryEvent> &events, qint64 fromMs, qint64 nowMs)
{
    QList<SummaryLine> lines;
    QHash<QString, int> openFailure; // "schema.table" → index in lines of the failure still open
    QHash<QString, qint64> failedAt;
    int throttles = 0;
    qint64 throttleFirst = 0;
    qint64 throttleLast = 0;
    qint64 longestWaitMs = 0;
    for (const HistoryEvent &e : events) {
        if (e.timeMs < fromMs || e.timeMs >= nowMs)
            continue;
        const QString key = e.schema + QLatin1Char('.') + e.table;
        SummaryLine line{e.databaseId, e.timeMs, {}, e.schema, e.table};
        if (e.kind == QLatin1String("TableFailed") || e.kind == QLatin1String("TableStale")) {
            // A stale table (replicating no more without failing) is down as a failed one is,
            // and its TableRecovered closes it the same way.
            line.text = withCode(e.kind == QLatin1String("TableFailed")
                                     ? tr("%1 failed at %2").arg(key, at(e.timeMs))
                                     : tr("%1 stopped replicating at %2").arg(key, at(e.timeMs)),
                                 e.errorCode);
            failedAt.insert(key, e.timeMs);
            openFailure.insert(key, int(lines.size()));
            lines.append(line);
        } else if (e.kind == QLatin1String("TableRecovered")) {
            if (const auto open = openFailure.constFind(key); open != openFailure.constEnd()) {
                SummaryLine &failed = lines[open.value()];
                failed.text += tr(", recovered at %1 (%2): down %3")
                                   .arg(at(e.timeMs), e.after, duration(e.timeMs - failedAt.value(key)));
                openFailure.erase(open);
            } else {
                // It failed before the user last looked.
                line.text = tr("%1 recovered at %2 (%3)").arg(key, at(e.timeMs), e.after);
                lines.append(line);
            }
        } else if (e.kind == QLatin1String("Throttled")) {
            if (throttles++ == 0)
                throttleFirst = e.timeMs;
            throttleLast = e.timeMs;
            longestWaitMs = std::max(longestWaitMs, e.after.toLongLong());
        } else {
            line.schema.clear();
            line.table.clear();
            if (e.kind == QLatin1String("DatabaseError"))
                line.text = withCode(tr("Database error at %1").arg(at(e.timeMs)), e.errorCode);
            else if (e.kind == QLatin1String("DatabaseErrorCleared"))
                line.text = tr("Database error cleared at %1").arg(at(e.timeMs));
            else
                line.text = tr("Mirroring %1 → %2 at %3")
                                .arg(e.before.isEmpty() ? tr("(unknown)") : e.before, e.after, at(e.timeMs));
            lines.append(line);
        }
    }
    for (auto it = openFailure.cbegin(); it != openFailure.cend(); ++it)
        lines[it.value()].text += tr(", still failing: down %1").arg(duration(nowMs - failedAt.value(it.key())));
    if (throttles > 0) {
        SummaryLine line;
        line.databaseId = events.isEmpty() ? QString() : events.first().databaseId;
        line.timeMs = throttleFirst;
        line.text = throttles == 1
            ? tr("Throttled by the service at %1 (waited %2)").arg(at(throttleFirst), duration(longestWaitMs))
            : tr("Throttled by the service %1 times between %2 and %3 (longest wait %4)")
                  .arg(throttles).arg(at(throttleFirst), at(throttleLast), duration(longestWaitMs));
        lines.append(line);
    }
    std::stable_sort(lines.begin(), lines.end(),
                     [](const SummaryLine &a, const SummaryLine &b) { return a.timeMs < b.timeMs; });
    return lines;
}

void HistorySummary::load(const QString &path, const QStringList &databaseIds, qint64 nowMs, QObject *context,
                          std::function<void(const QList<SummaryLine> &)> done)
{
    inWorker<QList<SummaryLine>>(context, [path, databaseIds, nowMs] {
        QList<SummaryLine> lines;
        HistoryReader reader(path);
        if (!reader.isOpen())
            return lines;
        for (const QString &id : databaseIds) {
            const qint64 seen = reader.lastSeen(id);
            if (seen >= 0)
                lines += summarize(reader.events(id, seen, nowMs), seen, nowMs);
        }
        return lines;
    }, std::move(done));
}

void HistorySummary::loadSeen(const QString &path, const QList<SeenDatabase> &watched, qint64 nowMs,
                              QObject *context, std::function<void(const QList<DatabaseSummary> &)> done)
{
    inWorker<QList<DatabaseSummary>>(context, [path, watched, nowMs] {
        QList<DatabaseSummary> out;
        HistoryReader reader(path);
        if (!reader.isOpen())
            return out;
        QList<SeenDatabase> databases = reader.seenDatabases();
        for (const SeenDatabase &w : watched) {
            const auto known = std::find_if(databases.begin(), databases.end(),
                                            [&w](const SeenDatabase &s) { return s.databaseId == w.databaseId; });
            if (known == databases.end()) {
                databases.append({w.databaseId, w.workspaceId, w.name, 0});
                continue;
            }
            if (known->workspaceId.isEmpty())
                known->workspaceId = w.workspaceId;
            if (known->name.isEmpty())
                known->name = w.name;
        }
        for (const SeenDatabase &db : std::as_const(databases)) {
            QList<SummaryLine> lines = summarize(reader.events(db.databaseId, db.timeMs, nowMs), db.timeMs, nowMs);
            if (!lines.isEmpty())
                out.append({db, std::move(lines)});
        }
        return out;
    }, std::move(done));
}

void HistorySummary::loadTimeline(const QString &path, const QString &databaseId, const QString &schema,
                                  const QString &table, qint64 fromMs, qint64 nowMs, QObject *context,
                                  std::function<void(const QList<TableSample> &)> done)
{
    inWorker<QList<TableSample>>(context, [=] {
        const HistoryReader reader(path);
        return reader.tableTransitions(databaseId, schema, table, fromMs, nowMs);
    }, std::move(done));
}

} // namespace fmc
