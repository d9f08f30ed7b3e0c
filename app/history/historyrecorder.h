#pragma once

#include "app/history/historyrecords.h"
#include "app/monitor/monitorevent.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <chrono>

namespace fmc {

class HistoryStore;
class StatusMonitor;

//! \brief Records what a StatusMonitor sees into a HistoryStore: per-table and per-database
//! samples, the monitor's events, and throttling.
//!
//! A sample is recorded when any of its values changed since the last one recorded for that
//! table, and otherwise at most once per heartbeat (default 5 minutes, the first downsampling
//! period), so that idle tables cost little and every chart period still has a point.
class HistoryRecorder : public QObject
{
    Q_OBJECT
public:
    HistoryRecorder(StatusMonitor *monitor, HistoryStore *store, QObject *parent = nullptr);

    void setHeartbeat(std::chrono::milliseconds heartbeat) { m_heartbeatMs = heartbeat.count(); }

    //! The MonitorEvent kind as the history file names it.
    static QString kindName(MonitorEvent::Kind kind);

private:
    void onDatabaseUpdated(const QString &databaseId);
    void onTransitions(const QList<fmc::MonitorEvent> &events);
    void onThrottled(int delayMs);

    QPointer<StatusMonitor> m_monitor;
    QPointer<HistoryStore> m_store;
    qint64 m_heartbeatMs = 5 * 60 * 1000;
    QHash<QString, TableSample> m_lastTable;       //!< "db\nschema\ntable" → last recorded
    QHash<QString, DatabaseSample> m_lastDatabase; //!< database id → last recorded
    QHash<QString, quint64> m_recordedRefreshes;   //!< database id → refreshSerial already recorded
};

} // namespace fmc
