#pragma once

#include <QString>

class QSqlDatabase;

namespace fmc {

//! \brief Where a tenant's and account's history lives, and how a connection to it is opened.
//!
//! One file per tenant + account under `<data folder>/history/`, named by a hash of the two ids
//! (no tenant or account name on disk); beside it a lock file held by the one console that writes.
class HistoryFile
{
public:
    //! `<folder>/history/<sha256(tenant, account) in hex>.sqlite`
    static QString path(const QString &folder, const QString &tenantId, const QString &accountId);
    static QString lockPath(const QString &databasePath);

    //! \brief Opens a connection named \a connectionName to \a path in the calling thread (a
    //! connection belongs to the thread that opened it). Writable: the file is created user-only
    //! (0600), checked, in WAL mode; a file of a newer schema is not touched (\a newerSchema set).
    //! Read-only: the file must exist. Returns false and says why otherwise.
    static bool open(const QString &connectionName, const QString &path, bool writable, QString *error,
                     bool *newerSchema = nullptr);
    //! Closes and removes the connection named \a connectionName.
    static void close(const QString &connectionName);
};

} // namespace fmc
