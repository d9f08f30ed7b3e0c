#pragma once

#include "models/tablefreshness.h"

#include <QSortFilterProxyModel>
#include <QList>
#include <QTimer>

#include <chrono>
#include <optional>

namespace fmc {

class DashboardTableModel;

//! \brief The dashboard's view of DashboardTableModel: sorted on raw values (numbers, times),
//! filtered by a text (database, schema, table, status, error), by status and by database.
//!
//! Dynamic: rows re-sort and re-filter as refreshes change them, and persistent indexes (the
//! selection, the current row) follow their rows. While a refresh's pages arrive, holdSorting()
//! keeps rows in place (their values still change) and re-sorts once at the end.
//!
//! Sorted by a value that changes with every refresh (rows, bytes, rates, last sync, latency),
//! rows keep their places across refreshes: reshuffling a table an operator is reading every 30 s
//! loses their place. The order is then "stale" (orderStaleChanged()) until resort() or a click
//! on a header. The Status column sorts worst first (TableStatusModel::statusRank()) and follows
//! changes, so a table that fails moves up on its own; a refresh in which no row's sort key
//! changed and no row came leaves the order as it is, without sorting again.
class DashboardFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit DashboardFilterModel(QObject *parent = nullptr);

    //! Case-insensitive substring; empty shows every row.
    void setTextFilter(const QString &text);
    QString textFilter() const { return m_text; }
    //! A status text as sent (e.g. "Failed"); empty shows every status.
    void setStatusFilter(const QString &status);
    QString statusFilter() const { return m_status; }
    //! \brief Only tables of this freshness (idle is not stale: models/tablefreshness.h);
    //! std::nullopt shows every table.
    void setFreshnessFilter(std::optional<TableFreshness> freshness);
    std::optional<TableFreshness> freshnessFilter() const { return m_freshness; }
    //! A database id; empty shows every database.
    void setDatabaseFilter(const QString &databaseId);
    QString databaseFilter() const { return m_database; }

    void setSourceModel(QAbstractItemModel *model) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    //! Whether \a column (of DashboardTableModel) changes with refreshes: rows sorted by it keep
    //! their places until resort().
    static bool isChangingColumn(int column);
    //! Sorts again by the current column and order.
    void resort();
    //! Values of the sort column changed since the last sort, and rows kept their places.
    bool isOrderStale() const { return m_stale; }

    //! \brief Values change in place, rows keep their places until resumeSorting() (or at most
    //! every catch-up interval while held). Moving rows batch by batch as a refresh of 10,000
    //! tables came in cost 64 ms of GUI time and stalls of 25-45 ms; one sort at the end ~10 ms.
    //! Rows inserted meanwhile are filtered at once and sorted at the next catch-up.
    void holdSorting();
    //! Re-sorts, and re-filters rows whose data changed while held; sorting is dynamic again.
    void resumeSorting();
    bool isSortingHeld() const { return m_held; }
    //! How long a hold may leave rows out of order (default 1 s): a refresh slowed down by
    //! throttling still re-sorts as it goes.
    void setCatchUpInterval(std::chrono::milliseconds interval) { m_catchUp.setInterval(interval); }

Q_SIGNALS:
    void orderStaleChanged(bool stale);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    //! The base class's order on UnderlyingDataRole, compared on the rows themselves: through
    //! QVariants, re-sorting a refresh of 10,000 tables was most of the proxy's time.
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    void catchUp();
    void setStale(bool stale);
    //! The sort key of source row \a row: what decides its place in the sorted column.
    QVariant sortKey(int row) const;
    //! Takes the sort keys of every source row (after a sort, or when rows went).
    void rememberSortKeys();
    //! Takes the keys of source rows \a first to \a last; whether any changed.
    bool updateSortKeys(int first, int last);
    bool isFrozen() const { return isChangingColumn(sortColumn()); }

    const DashboardTableModel *m_tables = nullptr; //!< the source model when it is one
    QString m_text;
    QString m_status;
    QString m_database;
    std::optional<TableFreshness> m_freshness;
    QTimer m_catchUp;
    QList<QMetaObject::Connection> m_sourceConnections;
    bool m_held = false;
    bool m_changedWhileHeld = false; //!< data changed: a filter on data must be re-applied
    bool m_movedWhileHeld = false;   //!< data changed or rows came: a catch-up has work
    bool m_stale = false;            //!< see isOrderStale()
    //! Dynamic sorting left off after a refresh changed no sort key (turning it on sorts every
    //! row); it comes back on when a key changes or rows come.
    bool m_sortDeferred = false;
    QList<QVariant> m_sortKeys; //!< per source row, as of the last sort and changes since
};

} // namespace fmc
