#pragma once

#include "models/tablemirroringstatus.h"

#include <QDateTime>
#include <QString>

#include <chrono>

namespace fmc {

//! \brief Whether a table's mirrored data can be trusted to be recent, and why not.
//!
//! The replicator polls a table less and less often while its source has no changes (Learn,
//! "Limitations … from Azure SQL Database": back-off up to an hour), so an old last sync on a
//! replicating table with no error is normal: Idle, not a problem. Stale is kept for tables that
//! do not replicate (Stopped, Failed, a status this version does not know) or report an error.
enum class TableFreshness {
    Current,    //!< replicating, synced recently (or no sync time reported)
    Idle,       //!< replicating without error, last sync older than the idle threshold
    CatchingUp, //!< Initialized, Snapshotting or Reseeding: data arriving, not yet complete
    Stale,      //!< not replicating, or an error is reported: needs a look
};

//! How old a replicating table's last sync must be to show as Idle rather than Current.
inline constexpr std::chrono::seconds kDefaultIdleAfter{15 * 60};

//! \brief Classifies \a table at \a nowUtc; \a idleAfter separates Current from Idle.
TableFreshness tableFreshness(const TableMirroringStatus &table, const QDateTime &nowUtc,
                              std::chrono::seconds idleAfter = kDefaultIdleAfter);

//! The word the dashboard shows for \a freshness ("Current", "Idle", "Catching up", "Stale").
QString freshnessText(TableFreshness freshness);

} // namespace fmc
