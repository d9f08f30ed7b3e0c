#pragma once

#include "models/catalogtablestatus.h"
#include "models/keyedtablemodel.h"
#include "models/tablemirroringstatus.h"

#include <QDateTime>

#include <optional>
#include <utility>

namespace fmc {

//! One row of TableStatusModel: the table's status and the rates derived from the sample before.
struct TableStatusRow
{
    TableMirroringStatus status;
    qint64 sampledAtMSecs = 0;           //!< When this status was fetched (ms since epoch, UTC).
    std::optional<double> rowsPerSecond; //!< Absent until two samples exist, or after a reseed.
    std::optional<double> bytesPerSecond;
    //! A mirrored catalog's table: when its shortcut was last updated (invalid: never, or not a catalog).
    QDateTime lastUpdateDateTime = {};

    //! The key as one text (KeyRole): schema and table.
    static QString keyText(const QString &schema, const QString &table);
};

//! The model key: schema and table (a view and a table cannot share a name in one schema). Two
//! texts rather than a joined one, so that a refresh allocates nothing per unchanged table.
struct TableKey
{
    QString schema;
    QString table;
    bool operator==(const TableKey &) const = default;
};

//! Seeds the table's hash with the schema's: QHashCombine over std::pair clustered badly for
//! names that differ only in a suffix, and lookups probed long runs.
inline size_t qHash(const TableKey &key, size_t seed = 0)
{
    return qHash(key.table, qHash(key.schema, seed));
}

//! \brief The tables of one mirrored database and their mirroring status, for the dashboard.
//!
//! Fed by the status monitor one page at a time: beginRefresh(), applyPage() per page of
//! `getTablesMirroringStatus`, endRefresh(). Rows are keyed by schema and table and updated by
//! keyed diff (see KeyedTableModel): unchanged tables emit nothing. rows/s and bytes/s are
//! computed against the previous sample of the same table. Unknown statuses show as their text.
class TableStatusModel : public KeyedTableModel<TableStatusRow, TableKey>
{
    Q_OBJECT
public:
    enum Column {
        Schema, Table, ObjectType, Status, ProcessedRows, ProcessedBytes, RowsPerSecond,
        BytesPerSecond, LastSync, Latency, ErrorCode, ErrorMessage,
        LastUpdate, //!< mirrored catalogs only: the shortcut's last update
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        UnderlyingDataRole = fmc::UnderlyingDataRole, //!< Raw value for sorting: qint64, double, QDateTime, QString.
        KeyRole = fmc::KeyRole,                       //!< TableStatusRow::keyText().
        StatusRole = FirstModelRole,                  //!< int(TableStatus), for icons and status filters.
    };

    explicit TableStatusModel(QObject *parent = nullptr);

    //! \brief Starts a refresh whose samples are taken at \a sampleTime (now by default).
    void beginRefresh(const QDateTime &sampleTime = QDateTime::currentDateTimeUtc());
    //! \brief Applies one page of tables (in the order the service sent them).
    void applyPage(QList<TableMirroringStatus> tables);
    //! \brief Applies one page of a mirrored catalog's tables (CatalogTableStatus::asTableStatus(),
    //! with their last update).
    void applyCatalogPage(QList<CatalogTableStatus> tables);
    using KeyedTableModel::endRefresh;

    //! \brief Whether the service gives processed rows, bytes and latency for these tables
    //! (default true). A mirrored catalog's API gives none: those columns then read "n/a", not 0.
    void setMetricsAvailable(bool available);
    bool metricsAvailable() const { return m_metricsAvailable; }
    //! The text shown where a metric is not given ("n/a").
    static QString notAvailableText();

    //! \brief Sets the clock for "time ago" texts in LastSync and signals that column only.
    //! Until called, LastSync shows the exact UTC time.
    void setReferenceTime(const QDateTime &now);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    //! \brief Whether \a a sorts before \b in \a column: the order QSortFilterProxyModel gives
    //! UnderlyingDataRole (numbers, times, texts with \a cs; no value last), without a QVariant.
    //! A sorting proxy over 10,000 changing rows calls this ~150,000 times per refresh.
    static bool lessThan(const TableStatusRow &a, const TableStatusRow &b, int column,
                         Qt::CaseSensitivity cs = Qt::CaseSensitive);

    //! \brief How much \a table needs a look, lowest first: 0 Failed; 1 a warning (an error on a
    //! table that is not Failed, or a status this version does not know); 2 Reseeding;
    //! 3 Stopped; 4 Initialized; 5 Snapshotting; 6 Replicating. The dashboard's default order.
    static int statusRank(const TableMirroringStatus &table);

    //! "12 s ago", "3 min ago", "2 h ago", "5 d ago": how long before \a now \a when was.
    static QString timeAgo(const QDateTime &when, const QDateTime &now);

protected:
    TableKey keyOf(const TableStatusRow &row) const override;
    quint64 changedColumns(const TableStatusRow &before, const TableStatusRow &after) const override;
    void carryOver(const TableStatusRow *before, TableStatusRow &after) const override;
    QVariant columnValue(const TableStatusRow &row, int column) const override;

private:
    QVariant displayData(const TableStatusRow &row, int column) const;
    //! Rows, bytes, their rates and latency: what setMetricsAvailable(false) shows as n/a.
    static bool isMetricColumn(int column);

    qint64 m_sampleTime = 0;
    QDateTime m_referenceTime;
    bool m_metricsAvailable = true;
    bool m_hasLastUpdates = false; //!< catalog pages were applied: LastUpdate ages with the clock too
};

} // namespace fmc
