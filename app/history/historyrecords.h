#pragma once

#include <QString>
#include <QtGlobal>

namespace fmc {

//! One table's status as recorded in the history file (the columns of `table_samples`).
struct TableSample {
    QString databaseId;
    QString schema;
    QString table;
    qint64 timeMs = 0;        //!< UTC ms since epoch of the refresh
    QString status;           //!< the service's text, unknown values kept
    qint64 rows = -1;         //!< -1: the service sent none
    qint64 bytes = -1;
    qint64 lastSyncMs = -1;
    qint32 latencySeconds = -1;
    QString errorCode;        //!< empty when the table has no error

    //! Same values apart from the time (the recorder writes only what changed).
    bool sameValuesAs(const TableSample &o) const
    {
        return status == o.status && rows == o.rows && bytes == o.bytes && lastSyncMs == o.lastSyncMs
            && latencySeconds == o.latencySeconds && errorCode == o.errorCode;
    }
};

//! One database's status and totals at a refresh (the columns of `database_samples`).
struct DatabaseSample {
    QString databaseId;
    qint64 timeMs = 0;
    QString status;
    qint64 rows = 0;
    qint64 bytes = 0;
    qint32 worstLatencySeconds = -1;
    qint32 failedTables = 0;
    QString errorCode;

    bool sameValuesAs(const DatabaseSample &o) const
    {
        return status == o.status && rows == o.rows && bytes == o.bytes
            && worstLatencySeconds == o.worstLatencySeconds && failedTables == o.failedTables
            && errorCode == o.errorCode;
    }
};

//! One recorded event (the columns of `events`); kind is MonitorEvent's name or "Throttled".
struct HistoryEvent {
    QString databaseId;
    qint64 timeMs = 0;
    QString kind;
    QString schema;
    QString table;
    QString before;
    QString after;
    QString errorCode;
    QString message;
};

//! A database the user looked at, and when (a row of `seen`).
struct SeenDatabase {
    QString databaseId;
    QString workspaceId; //!< empty in rows written before schema version 5
    QString name;        //!< the name when last looked at; empty likewise
    qint64 timeMs = 0;
};

} // namespace fmc
