#include "app/history/historycsvexport.h"

#include "app/history/historyreader.h"
#include "models/csvfield.h"

#include <QDateTime>
#include <QSaveFile>
#include <QStringList>
#include <QThread>

namespace fmc {
namespace {

// Progress is said this often: often enough for a bar, rarely enough to cost nothing.
constexpr qint64 kProgressEvery = 2000;
// Written to the file in pieces of about this size, not line by line.
constexpr qsizetype kFlushBytes = 256 * 1024;

QString utc(qint64 ms)
{
    return ms < 0 ? QString() : QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString number(qint64 v)
{
    return v < 0 ? QString() : QString::number(v);
}

} // namespace

QString HistoryCsvExport::headerLine()
{
    return QStringLiteral("time_utc,database_id,database,schema,table,status,processed_rows,processed_bytes,"
                          "last_sync_utc,latency_seconds,failed_tables,error_code\r\n");
}

HistoryCsvExport::HistoryCsvExport(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<fmc::HistoryCsvExport::Outcome>();
}

HistoryCsvExport::~HistoryCsvExport()
{
    cancel();
    if (m_thread)
        m_thread->wait();
}

bool HistoryCsvExport::isRunning() const
{
    return m_busy.load();
}

void HistoryCsvExport::finish(Outcome outcome, qint64 lines, const QString &error)
{
    // Before the signal: whoever hears it may start the next export at once (the thread's
    // remaining teardown is waited for there).
    m_busy = false;
    emit finished(outcome, lines, error);
}

bool HistoryCsvExport::start(const Request &request)
{
    if (isRunning())
        return false;
    if (m_thread)
        m_thread->wait(); // its last signal is out; only its teardown may be left
    m_cancel = false;
    m_busy = true;
    m_thread.reset(QThread::create([this, request] { run(request); }));
    m_thread->start(QThread::LowPriority);
    return true;
}

void HistoryCsvExport::cancel()
{
    m_cancel = true;
}

void HistoryCsvExport::run(const Request &request)
{
    const auto fail = [this](const QString &error) { finish(Outcome::Failed, 0, error); };
    HistoryReader reader(request.historyPath);
    if (!reader.isOpen())
        return fail(tr("The history file cannot be read: %1").arg(reader.error()));
    qint64 total = 0;
    for (const HistorySeriesLoader::Subject &s : request.subjects) {
        const qint64 count = reader.sampleCount(s.databaseId, s.schema, s.table, request.fromMs, request.toMs);
        if (count < 0)
            return fail(tr("The history file cannot be read: %1").arg(reader.error()));
        total += count;
    }
    QSaveFile file(request.csvPath);
    if (!file.open(QIODevice::WriteOnly))
        return fail(file.errorString());
    emit progress(0, total);

    QByteArray buffer = headerLine().toUtf8();
    qint64 done = 0;
    bool writeFailed = false;
    QStringList fields;
    // Appends one line; false stops the reader (cancelled, or the disk said no).
    const auto line = [&]() {
        buffer += fields.join(u',').toUtf8();
        buffer += "\r\n";
        if (buffer.size() >= kFlushBytes) {
            writeFailed = file.write(buffer) != buffer.size();
            buffer.clear();
        }
        if (++done % kProgressEvery == 0)
            emit progress(done, total);
        return !writeFailed && !m_cancel.load(std::memory_order_relaxed);
    };
    for (const HistorySeriesLoader::Subject &s : request.subjects) {
        if (m_cancel || writeFailed)
            break;
        const QString name = csvField(request.databaseNames.value(s.databaseId, s.databaseId));
        const QString id = csvField(s.databaseId);
        bool read = false;
        if (s.table.isEmpty()) {
            read = reader.visitDatabaseSeries(s.databaseId, request.fromMs, request.toMs, [&](const DatabaseSample &d) {
                fields = {utc(d.timeMs), id, name, QString(), QString(), csvField(d.status), number(d.rows),
                          number(d.bytes), QString(), number(d.worstLatencySeconds),
                          QString::number(d.failedTables), csvField(d.errorCode)};
                return line();
            });
        } else {
            const QString schema = csvField(s.schema);
            const QString table = csvField(s.table);
            read = reader.visitTableSeries(s.databaseId, s.schema, s.table, request.fromMs, request.toMs,
                                           [&](const TableSample &t) {
                fields = {utc(t.timeMs), id, name, schema, table, csvField(t.status), number(t.rows), number(t.bytes),
                          utc(t.lastSyncMs), number(t.latencySeconds), QString(), csvField(t.errorCode)};
                return line();
            });
        }
        if (!read) {
            file.cancelWriting();
            return fail(tr("The history file cannot be read: %1").arg(reader.error()));
        }
    }
    if (m_cancel) {
        file.cancelWriting();
        finish(Outcome::Cancelled, done, {});
        return;
    }
    if (!writeFailed)
        writeFailed = file.write(buffer) != buffer.size();
    if (writeFailed || !file.commit()) {
        const QString error = file.errorString();
        file.cancelWriting();
        return fail(error);
    }
    emit progress(done, total);
    finish(Outcome::Written, done, {});
}

} // namespace fmc
