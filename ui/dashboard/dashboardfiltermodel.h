#pragma once

#include <QSortFilterProxyModel>

namespace fmc {

class DashboardTableModel;

//! \brief The dashboard's view of DashboardTableModel: sorted on raw values (numbers, times),
//! filtered by a text (database, schema, table, status, error), by status and by database.
//!
//! Dynamic: rows re-sort and re-filter as refreshes change them, and persistent indexes (the
//! selection, the current row) follow their rows.
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
    //! A database id; empty shows every database.
    void setDatabaseFilter(const QString &databaseId);
    QString databaseFilter() const { return m_database; }

    void setSourceModel(QAbstractItemModel *model) override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    //! The base class's order on UnderlyingDataRole, compared on the rows themselves: through
    //! QVariants, re-sorting a refresh of 10,000 tables was most of the proxy's time.
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    const DashboardTableModel *m_tables = nullptr; //!< the source model when it is one
    QString m_text;
    QString m_status;
    QString m_database;
};

} // namespace fmc
