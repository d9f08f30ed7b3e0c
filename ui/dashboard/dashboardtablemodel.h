#pragma once

#include "models/tablestatusmodel.h"

#include <QAbstractTableModel>
#include <QIcon>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <chrono>
#include <vector>

namespace fmc {

class SqlEndpointSyncStore;

//! \brief The tables of every watched database in one flat model: a Database column, then the
//! columns of TableStatusModel, rows of the first database first.
//!
//! Why one combined model rather than one view per database: one sort, one filter, one selection
//! and one CSV export across databases, which is what an operator watching fifty databases wants
//! ("every Failed table, worst latency first"). It forwards the keyed diffs of each database's
//! TableStatusModel row range for row range (inserts, removes, narrow dataChanged), never a
//! reset, so the proxy above it keeps selection, sort and scroll through every refresh. Adding or
//! removing a database inserts or removes its rows only.
//!
//! On top of the source data it adds a status icon (unknown statuses: text only), and a
//! highlight for rows the dashboard raised an alert for.
class DashboardTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Database = 0,
        FirstTableColumn = 1,
        //! The SQL analytics endpoint's last successful sync of the table (from the last refresh).
        EndpointSync = 1 + TableStatusModel::ColumnCount,
        //! "Replicated, not visible yet" when replication synced after the endpoint did.
        EndpointVisibility,
        ColumnCount
    };
    enum Role {
        DatabaseIdRole = TableStatusModel::StatusRole + 16, //!< the row's database id
        StatusTextRole,                                     //!< the status as sent (for filters)
        AlertRole,                                          //!< bool: highlighted by an alert
        VisibilityRole,                                     //!< int(SqlEndpointSyncStore::Visibility)
    };

    explicit DashboardTableModel(QObject *parent = nullptr);

    //! \brief Reads the endpoint columns from \a store (the last refresh result per database);
    //! a new result updates those two columns of that database's rows.
    void setSqlEndpointSyncs(SqlEndpointSyncStore *store);
    //! Appends \a model's rows under \a label (the model stays owned by the caller).
    void addDatabase(const QString &databaseId, const QString &label, TableStatusModel *model);
    void removeDatabase(const QString &databaseId);
    int databaseCount() const { return int(m_sources.size()); }

    //! The model column of a TableStatusModel column.
    static int column(TableStatusModel::Column column) { return FirstTableColumn + int(column); }

    //! Highlights (or clears) the row of \a schema.\a table in \a databaseId, now and whenever it
    //! appears later (an alert may come before the row's page does).
    void setAlert(const QString &databaseId, const QString &schema, const QString &table, bool on);
    bool hasAlert(const QString &databaseId, const QString &schema, const QString &table) const;

    //! \brief Emits the data changes collected since the last call, as few ranges as possible
    //! (neighbouring databases' ranges merged). Called by itself \a flushDelay after the first
    //! pending change, and by the window when a refresh ends: a sorting proxy handles one range
    //! in one pass, where a hundred per-row signals would each re-sort, relayout and repaint.
    void flushChanges();
    //! \brief How long changes are collected before they are signalled (default 0: at the next
    //! pass of the event loop). The dashboard uses ~100 ms: pages still show as they arrive, but
    //! the sorted view re-sorts and repaints a few times per refresh instead of once per page.
    void setFlushDelay(std::chrono::milliseconds delay) { m_flushTimer.setInterval(delay); }
    bool hasPendingChanges() const { return m_flushTimer.isActive(); }

    //! The table behind \a row (nullptr when out of range): typed access for sorting.
    const TableStatusRow *tableRow(int row) const;
    //! The Database column's text of \a row.
    QString databaseLabel(int row) const;

    //! The icon for a status text; null for statuses this version does not know.
    static QIcon statusIcon(const QString &statusText);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Pending {
        int top = -1, bottom = -1, left = -1, right = -1;
        QList<int> roles;
        bool allRoles = false;
    };
    struct Source {
        QString databaseId;
        QString label;
        QPointer<TableStatusModel> model;
        int firstRow = 0;
        Pending pending;
    };
    int indexOfModel(const QObject *model) const;
    int sourceAt(int row) const;
    void recomputeOffsets();
    QString alertKey(const QString &databaseId, const QString &schema, const QString &table) const;
    void connectSource(TableStatusModel *model);
    QVariant endpointData(const Source &source, const TableStatusRow &row, int column, int role) const;

    QStringList m_headers;
    QList<Source> m_sources;
    int m_rowCount = 0;
    std::vector<int> m_sourceOfRow; //!< index into m_sources of each row, kept by recomputeOffsets()
    QSet<QString> m_alerts;
    QTimer m_flushTimer;
    QPointer<SqlEndpointSyncStore> m_endpointSyncs;
};

} // namespace fmc
