#include "app/history/historyseriesloader.h"

#include "app/history/historyreader.h"

#include <QFutureWatcher>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace fmc {

namespace {

struct Loaded {
    QList<QList<MetricSample>> series;
    QString error;
};

MetricSample metric(qint64 t, qint64 rows, qint64 bytes, qint32 latency)
{
    MetricSample m;
    m.timeMSecs = t;
    m.processedRows = rows; // -1: not given (a catalog's tables), left out of the chart
    m.processedBytes = bytes;
    m.latencySeconds = latency;
    return m;
}

} // namespace

HistorySeriesLoader::HistorySeriesLoader(QObject *parent)
    : QObject(parent)
{
}

void HistorySeriesLoader::load(const QString &path, const QList<Subject> &subjects, qint64 fromMs, qint64 toMs,
                               qint64 bucketMs)
{
    const quint64 generation = ++m_generation;
    auto *watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcher<Loaded>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return; // a newer load was asked for meanwhile
        const Loaded result = watcher->result();
        emit loaded(result.series, result.error);
    });
    // The reader's connection is opened and closed in the worker thread that uses it.
    watcher->setFuture(QtConcurrent::run([path, subjects, fromMs, toMs, bucketMs] {
        Loaded out;
        HistoryReader reader(path);
        if (!reader.isOpen()) {
            out.error = reader.error();
            return out;
        }
        for (const Subject &s : subjects) {
            QList<MetricSample> series;
            if (s.table.isEmpty()) {
                for (const DatabaseSample &d : reader.databaseSeries(s.databaseId, fromMs, toMs, bucketMs))
                    series.append(metric(d.timeMs, d.rows, d.bytes, d.worstLatencySeconds));
            } else {
                // The last sample of each bucket, as for databases: a month is ~1,000 points.
                for (const TableSample &t : reader.tableSeries(s.databaseId, s.schema, s.table, fromMs, toMs)) {
                    if (bucketMs > 0 && !series.isEmpty() && series.last().timeMSecs / bucketMs == t.timeMs / bucketMs)
                        series.removeLast();
                    series.append(metric(t.timeMs, t.rows, t.bytes, t.latencySeconds));
                }
            }
            out.series.append(series);
        }
        return out;
    }));
}

} // namespace fmc
