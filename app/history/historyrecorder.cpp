#include "app/history/historyrecorder.h"

#include "app/history/historystore.h"
#include "app/monitor/statusmonitor.h"

namespace fmc {

HistoryRecorder::HistoryRecorder(StatusMonitor *monitor, HistoryStore *store, QObject *parent)
    : QObject(parent)
    , m_monitor(monitor)
    , m_store(store)
{
    connect(monitor, &StatusMonitor::databaseUpdated, this, &HistoryRecorder::onDatabaseUpdated);
    connect(monitor, &StatusMonitor::transitions, this, &HistoryRecorder::onTransitions);
    connect(monitor, &StatusMonitor::throttled, this, &HistoryRecorder::onThrottled);
}

QString HistoryRecorder::kindName(MonitorEvent::Kind kind)
{
    switch (kind) {
    case MonitorEvent::Kind::TableFailed: return QStringLiteral("TableFailed");
    case MonitorEvent::Kind::TableRecovered: return QStringLiteral("TableRecovered");
    case MonitorEvent::Kind::MirroringStopped: return QStringLiteral("MirroringStopped");
    case MonitorEvent::Kind::MirroringStarted: return QStringLiteral("MirroringStarted");
    case MonitorEvent::Kind::DatabaseError: return QStringLiteral("DatabaseError");
    case MonitorEvent::Kind::DatabaseErrorCleared: return QStringLiteral("DatabaseErrorCleared");
    case MonitorEvent::Kind::StatusChanged: return QStringLiteral("StatusChanged");
    case MonitorEvent::Kind::TableStale: return QStringLiteral("TableStale");
    }
    return QStringLiteral("StatusChanged");
}

void HistoryRecorder::onDatabaseUpdated(const QString &databaseId)
{
    if (!m_monitor || !m_store || !m_store->isWritable())
        return;
    const DatabaseSnapshot snap = m_monitor->snapshot(databaseId);
    // A mirrored catalog (its status and tables) and a Databricks catalog (its sync) are kept by
    // item id like a database; a type without a status call has nothing to keep.
    if (snap.statusText().isNull() || !snap.lastRefreshUtc.isValid())
        return; // no answer yet
    quint64 &recorded = m_recordedRefreshes[databaseId];
    if (snap.refreshSerial == recorded)
        return; // a failed refresh: nothing new
    recorded = snap.refreshSerial;
    const qint64 refreshMs = snap.lastRefreshUtc.toMSecsSinceEpoch();

    QList<DatabaseSample> databases;
    DatabaseSample d;
    d.databaseId = databaseId;
    d.timeMs = refreshMs;
    d.status = snap.statusText();
    // Other types give no rows or bytes: stored as unknown (NULL), not as 0.
    d.rows = snap.status ? snap.totalRows : -1;
    d.bytes = snap.status ? snap.totalBytes : -1;
    d.worstLatencySeconds = snap.worstLatencySeconds.value_or(-1);
    d.failedTables = snap.tablesByStatus.value(QStringLiteral("Failed"));
    d.errorCode = snap.itemError() ? snap.itemError()->errorCode : QString();
    const auto lastDb = m_lastDatabase.constFind(databaseId);
    if (lastDb == m_lastDatabase.constEnd() || !lastDb->sameValuesAs(d) || d.timeMs - lastDb->timeMs >= m_heartbeatMs) {
        databases.append(d);
        m_lastDatabase.insert(databaseId, d);
    }

    QList<TableSample> tables;
    const TableStatusModel *model = snap.tablesSampledMs > 0 ? m_monitor->tableModel(databaseId) : nullptr;
    if (model) {
        for (int row = 0; row < model->rowCount(); ++row) {
            const TableStatusRow &r = model->rowAt(row);
            // Only what this refresh read. Compared with the previous refresh's end time instead,
            // a refresh that began in the millisecond the last one ended recorded nothing.
            if (r.sampledAtMSecs != snap.tablesSampledMs)
                continue; // kept from an earlier refresh (tables status only comes while Running)
            TableSample s;
            s.databaseId = databaseId;
            s.schema = r.status.sourceSchemaName;
            s.table = r.status.sourceTableName;
            s.timeMs = r.sampledAtMSecs;
            s.status = r.status.status.text;
            if (r.status.metrics) {
                s.rows = r.status.metrics->processedRows.value_or(-1);
                s.bytes = r.status.metrics->processedBytes.value_or(-1);
                s.lastSyncMs = r.status.metrics->lastSyncDateTime.isValid()
                    ? r.status.metrics->lastSyncDateTime.toMSecsSinceEpoch() : -1;
                s.latencySeconds = r.status.metrics->lastSyncLatencyInSeconds.value_or(-1);
            }
            s.errorCode = r.status.error ? r.status.error->errorCode : QString();
            const QString key = databaseId + QLatin1Char('\n') + s.schema + QLatin1Char('\n') + s.table;
            auto last = m_lastTable.find(key);
            if (last != m_lastTable.end() && last->sameValuesAs(s) && s.timeMs - last->timeMs < m_heartbeatMs)
                continue;
            if (last == m_lastTable.end())
                m_lastTable.insert(key, s);
            else
                *last = s;
            tables.append(s);
        }
    }
    if (!tables.isEmpty() || !databases.isEmpty())
        m_store->record(tables, databases, {});
}

void HistoryRecorder::onTransitions(const QList<MonitorEvent> &events)
{
    if (!m_store || events.isEmpty())
        return;
    QList<HistoryEvent> out;
    out.reserve(events.size());
    for (const MonitorEvent &e : events) {
        HistoryEvent h;
        h.databaseId = e.databaseId;
        h.timeMs = e.timeUtc.toMSecsSinceEpoch();
        h.kind = kindName(e.kind);
        h.schema = e.schema;
        h.table = e.table;
        h.before = e.before;
        h.after = e.after;
        h.errorCode = e.errorCode;
        h.message = e.message;
        out.append(h);
    }
    m_store->record({}, {}, out);
}

void HistoryRecorder::onThrottled(int delayMs)
{
    if (!m_monitor || !m_store)
        return;
    // The whole client waits, so every database watched here was not refreshed meanwhile.
    QList<HistoryEvent> out;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const WatchedDatabase &db : m_monitor->watched()) {
        HistoryEvent h;
        h.databaseId = db.databaseId;
        h.timeMs = now;
        h.kind = QStringLiteral("Throttled");
        h.after = QString::number(delayMs);
        out.append(h);
    }
    m_store->record({}, {}, out);
}

} // namespace fmc
