#pragma once

#include "models/mirroringstatusresponse.h"
#include "models/tablemirroringstatus.h"

#include <QList>
#include <QString>

namespace fmc {

//! \brief The database health the portal shows but the API lacks (docs/fabric-api-notes.md#mirroring-status).
struct MirroringHealth
{
    enum Level { Normal, Warning, Failed };
    Level level = Normal;
    QString text; //!< "Failed", "Running with warning", or the status text (unknown ones as sent).
};

//! \brief Derives the portal's words from a database status and its number of Failed tables.
//!
//! "Failed" when the database `error` is set (the API has no Failed status), or when it is Running
//! and every one of its \a tableCount tables is Failed (nothing replicates: "with warning" would
//! understate it); "Running with warning" when it is Running and at least one table is Failed (a
//! stopped database with a failed table is not running, so it keeps its own word); otherwise the
//! status text. A negative \a tableCount means unknown.
MirroringHealth mirroringHealth(const MirroringStatusResponse &status, qsizetype failedTableCount,
                                qsizetype tableCount = -1);

//! The number of tables whose status is Failed, for mirroringHealth().
qsizetype countFailedTables(const QList<TableMirroringStatus> &tables);

} // namespace fmc
