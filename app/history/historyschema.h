#pragma once

#include <QString>

class QSqlDatabase;

namespace fmc {

//! \brief The history file's schema, kept in `PRAGMA user_version` and grown by one migration
//! step per version, so that a file written by any earlier console opens in this one.
//!
//! 1: tables (interned names) and per-table samples, events.
//! 2: per-database samples (status changes and totals for the chart).
//! 3: when the user last looked at each database ("since you last looked").
//! 4: maintenance watermarks (how far downsampling has gone).
class HistorySchema
{
public:
    static constexpr int kCurrentVersion = 5;

    enum class Result { Ok, NewerSchema, Failed };

    //! The file's version; 0 for a new, empty file; -1 when it cannot be read (\a error says why).
    static int version(QSqlDatabase &db, QString *error = nullptr);
    //! \brief Brings the file up to \a target (default the current version), one step per
    //! version, each in its own transaction. A file from a newer console is left untouched.
    static Result migrate(QSqlDatabase &db, QString *error = nullptr, int target = kCurrentVersion);
};

} // namespace fmc
