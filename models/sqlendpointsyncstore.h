#pragma once

#include "models/tablesyncstatus.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QString>

namespace fmc {

//! \brief The last SQL analytics endpoint metadata refresh result of each mirrored database, and
//! what it says about a table's data being visible to queries.
//!
//! The API has no call that reads the endpoint's sync state: it is known only from a
//! refreshMetadata result. So this keeps the last result per database (no polling), and the
//! dashboard compares it with replication's per-table `lastSyncDateTime`.
class SqlEndpointSyncStore : public QObject
{
    Q_OBJECT
public:
    //! Whether a table's replicated data can be queried through the endpoint.
    enum class Visibility {
        Unknown,       //!< no refresh result for the table (or no replication time to compare)
        Visible,       //!< the endpoint synced at or after the last replicated change
        NotVisibleYet, //!< replicated, not visible yet: the last replication sync is newer
        SyncFailed,    //!< the endpoint's last sync of the table failed (and it is behind)
    };
    Q_ENUM(Visibility)

    explicit SqlEndpointSyncStore(QObject *parent = nullptr);

    //! Keeps \a result as \a databaseId's last refresh (done at \a at, UTC) and signals it.
    void setResult(const QString &databaseId, const TableSyncStatuses &result, const QDateTime &at);
    bool hasResult(const QString &databaseId) const { return m_results.contains(databaseId); }
    //! \a databaseId's last result, nullptr when there is none.
    const TableSyncStatuses *result(const QString &databaseId) const;
    //! When \a databaseId's last result arrived; invalid when there is none.
    QDateTime refreshedAt(const QString &databaseId) const;
    //! \brief The result for \a schema.\a table of \a databaseId, nullptr when unknown. The
    //! endpoint names a table "schema.table" (a bare name is the default schema's).
    const TableSyncStatus *table(const QString &databaseId, const QString &schema, const QString &table) const;

    //! \brief Compares the endpoint's last successful sync with replication's \a replicatedLastSync.
    static Visibility visibility(const TableSyncStatus *endpoint, const QDateTime &replicatedLastSync);
    //! The words the dashboard shows for \a visibility ("Replicated, not visible yet", ...).
    static QString visibilityText(Visibility visibility);

Q_SIGNALS:
    void resultChanged(const QString &databaseId);

private:
    struct Entry {
        TableSyncStatuses result;
        QDateTime at;
        QHash<QString, qsizetype> byName; //!< lower-case table name → index in result.value
    };
    QHash<QString, Entry> m_results;
};

} // namespace fmc
