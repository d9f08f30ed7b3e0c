#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace fmc {

//! \brief A transition the status monitor noticed between two refreshes, for alerts and the
//! dashboard's event log.
struct MonitorEvent {
    enum class Kind {
        TableFailed,        //!< a table turned Failed (or appeared Failed)
        TableRecovered,     //!< a Failed (or Stale) table left Failed (or Stale)
        MirroringStopped,   //!< the database left Running for Stopping/Stopped/Paused
        MirroringStarted,   //!< the database reached Running
        DatabaseError,      //!< the database `error` appeared or changed
        DatabaseErrorCleared,
        StatusChanged,      //!< any other change of the database status
        //! \brief A table of a running database turned Stale without failing (models/tablefreshness.h):
        //! an error on a replicating table, or stopped alone. Idle tables never raise it.
        TableStale,
    };
    Kind kind = Kind::StatusChanged;
    QDateTime timeUtc;
    QString workspaceId;
    QString databaseId;
    QString schema;          //!< table events only
    QString table;
    QString before;          //!< status text before (empty when first seen)
    QString after;           //!< status text now
    QString errorCode;
    QString message;

    //! Events an operator must be alerted to (desktop notification, highlighted row).
    bool isAlert() const
    {
        return kind == Kind::TableFailed || kind == Kind::TableStale || kind == Kind::MirroringStopped
               || kind == Kind::DatabaseError;
    }
};

} // namespace fmc

Q_DECLARE_METATYPE(fmc::MonitorEvent)
