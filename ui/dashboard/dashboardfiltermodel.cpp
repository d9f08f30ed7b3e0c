#include "dashboardfiltermodel.h"

#include "ui/dashboard/dashboardtablemodel.h"

#include <QDateTime>

#include <utility>

namespace fmc {

DashboardFilterModel::DashboardFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(UnderlyingDataRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
    m_catchUp.setInterval(1000);
    connect(&m_catchUp, &QTimer::timeout, this, &DashboardFilterModel::catchUp);
}

void DashboardFilterModel::holdSorting()
{
    if (m_held)
        return;
    m_held = true;
    setDynamicSortFilter(false);
    m_catchUp.start();
}

void DashboardFilterModel::resumeSorting()
{
    if (!m_held)
        return;
    m_held = false;
    m_catchUp.stop();
    catchUp();
}

void DashboardFilterModel::sort(int column, Qt::SortOrder order)
{
    QSortFilterProxyModel::sort(column, order);
    // Dynamic sorting only for columns whose order should follow the data (see the class
    // comment); a changing column is sorted here, once, and by resort(). Turning it on sorts
    // again, so only when it changes.
    const bool dynamic = !m_held && !isFrozen();
    if (dynamicSortFilter() != dynamic)
        setDynamicSortFilter(dynamic);
    m_sortDeferred = false;
    rememberSortKeys();
    setStale(false);
}

QVariant DashboardFilterModel::sortKey(int row) const
{
    const int column = sortColumn();
    // Worst first compares statuses: their text is the key, without a QVariant per cell.
    if (m_tables && column == DashboardTableModel::column(TableStatusModel::Status)) {
        if (const TableStatusRow *table = m_tables->tableRow(row))
            return table->status.status.text;
    }
    const QAbstractItemModel *model = sourceModel();
    return model && column >= 0 ? model->index(row, column).data(sortRole()) : QVariant();
}

void DashboardFilterModel::rememberSortKeys()
{
    const int rows = sourceModel() ? sourceModel()->rowCount() : 0;
    m_sortKeys.resize(rows);
    updateSortKeys(0, rows - 1);
}

bool DashboardFilterModel::updateSortKeys(int first, int last)
{
    bool changed = false;
    for (int row = first; row <= last && row < m_sortKeys.size(); ++row) {
        QVariant key = sortKey(row);
        if (key != m_sortKeys.at(row)) {
            m_sortKeys[row] = std::move(key);
            changed = true;
        }
    }
    return changed;
}

void DashboardFilterModel::resort()
{
    sort(sortColumn(), sortOrder());
}

bool DashboardFilterModel::isChangingColumn(int column)
{
    switch (column - DashboardTableModel::FirstTableColumn) {
    case TableStatusModel::ProcessedRows:
    case TableStatusModel::ProcessedBytes:
    case TableStatusModel::RowsPerSecond:
    case TableStatusModel::BytesPerSecond:
    case TableStatusModel::LastSync:
    case TableStatusModel::Latency:
        return column >= DashboardTableModel::FirstTableColumn;
    default:
        return false;
    }
}

void DashboardFilterModel::setStale(bool stale)
{
    if (stale == m_stale)
        return;
    m_stale = stale;
    emit orderStaleChanged(stale);
}

void DashboardFilterModel::catchUp()
{
    // A stuck refresh (the service never answers) must not re-sort 10,000 rows every second.
    if (m_held && !m_movedWhileHeld)
        return;
    const bool moved = std::exchange(m_movedWhileHeld, false);
    if (isFrozen()) {
        // Rows keep their places; only a filter on data moves rows in or out.
        if (std::exchange(m_changedWhileHeld, false) && (!m_status.isEmpty() || !m_text.isEmpty() || m_freshness))
            invalidateRowsFilter();
        return;
    }
    const bool refilter = std::exchange(m_changedWhileHeld, false) && (!m_status.isEmpty() || !m_text.isEmpty() || m_freshness);
    if (!moved && !refilter) {
        // No sort key changed and no row came: the order stands. Dynamic sorting stays off until
        // one does (turning it on would sort every row again).
        m_sortDeferred = !m_held;
        return;
    }
    // Turning dynamic sorting on sorts once (a layout change: persistent indexes follow); the
    // proxy did not re-filter changed rows while it was off, so a filter on data (status, text)
    // is re-applied, incrementally (only rows that now pass or fail move in or out).
    m_sortDeferred = false;
    setDynamicSortFilter(true);
    if (refilter)
        invalidateRowsFilter();
    if (m_held)
        setDynamicSortFilter(false);
}

void DashboardFilterModel::setTextFilter(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    invalidateRowsFilter();
}

void DashboardFilterModel::setStatusFilter(const QString &status)
{
    if (status == m_status)
        return;
    m_status = status;
    invalidateRowsFilter();
}

void DashboardFilterModel::setFreshnessFilter(std::optional<TableFreshness> freshness)
{
    if (freshness == m_freshness)
        return;
    m_freshness = freshness;
    invalidateRowsFilter();
}

void DashboardFilterModel::setDatabaseFilter(const QString &databaseId)
{
    if (databaseId == m_database)
        return;
    m_database = databaseId;
    invalidateRowsFilter();
}

void DashboardFilterModel::setSourceModel(QAbstractItemModel *model)
{
    for (const QMetaObject::Connection &c : std::exchange(m_sourceConnections, {}))
        disconnect(c);
    m_tables = qobject_cast<const DashboardTableModel *>(model);
    QSortFilterProxyModel::setSourceModel(model);
    if (!model)
        return;
    m_sourceConnections << connect(model, &QAbstractItemModel::dataChanged, this,
                                   [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                                       m_changedWhileHeld = m_changedWhileHeld || m_held;
                                       const int column = sortColumn();
                                       const bool inSortColumn = topLeft.column() <= column && column <= bottomRight.column();
                                       if (isFrozen()) {
                                           m_movedWhileHeld = m_movedWhileHeld || m_held;
                                           if (inSortColumn)
                                               setStale(true);
                                           return;
                                       }
                                       // Only a changed sort key moves a row (numbers change every refresh).
                                       if (!inSortColumn || !updateSortKeys(topLeft.row(), bottomRight.row()))
                                           return;
                                       m_movedWhileHeld = m_movedWhileHeld || m_held;
                                       if (!m_held && std::exchange(m_sortDeferred, false))
                                           setDynamicSortFilter(true); // sorts: a key changed
                                   });
    m_sourceConnections << connect(model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int first, int last) {
        m_sortKeys.insert(first, last - first + 1, QVariant());
        updateSortKeys(first, last);
        m_movedWhileHeld = m_movedWhileHeld || m_held;
        if (!m_held && std::exchange(m_sortDeferred, false))
            setDynamicSortFilter(true);
    });
    m_sourceConnections << connect(model, &QAbstractItemModel::rowsRemoved, this,
                                   [this](const QModelIndex &, int first, int last) {
                                       if (first < m_sortKeys.size())
                                           m_sortKeys.remove(first, std::min<qsizetype>(last - first + 1, m_sortKeys.size() - first));
                                   });
    m_sourceConnections << connect(model, &QAbstractItemModel::modelReset, this, &DashboardFilterModel::rememberSortKeys);
    m_sourceConnections << connect(model, &QAbstractItemModel::layoutChanged, this,
                                   &DashboardFilterModel::rememberSortKeys);
    rememberSortKeys();
}

bool DashboardFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    // The endpoint columns are not the table status's: their values compare as they are.
    if (!m_tables || sortRole() != UnderlyingDataRole || isSortLocaleAware() || left.column() != right.column()
        || left.column() >= DashboardTableModel::EndpointSync)
        return QSortFilterProxyModel::lessThan(left, right);
    if (left.column() == DashboardTableModel::Database)
        return m_tables->databaseLabel(left.row()).compare(m_tables->databaseLabel(right.row()), sortCaseSensitivity()) < 0;
    const TableStatusRow *a = m_tables->tableRow(left.row());
    const TableStatusRow *b = m_tables->tableRow(right.row());
    if (!a || !b)
        return QSortFilterProxyModel::lessThan(left, right);
    if (left.column() == DashboardTableModel::column(TableStatusModel::Status)) {
        // Worst first: Failed, then warnings, then the rest (statusRank()), each by status text.
        const int x = TableStatusModel::statusRank(a->status), y = TableStatusModel::statusRank(b->status);
        if (x != y)
            return x < y;
        // Same known status (most of 10,000 rows are Replicating): equal, without comparing texts.
        if (a->status.status.value == b->status.status.value && a->status.status.value != TableStatus::Unknown)
            return false;
    }
    return TableStatusModel::lessThan(*a, *b, left.column() - DashboardTableModel::FirstTableColumn, sortCaseSensitivity());
}

bool DashboardFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *model = sourceModel();
    const QModelIndex first = model->index(sourceRow, 0, sourceParent);
    if (!m_database.isEmpty() && first.data(DashboardTableModel::DatabaseIdRole).toString() != m_database)
        return false;
    if (!m_status.isEmpty() && first.data(DashboardTableModel::StatusTextRole).toString() != m_status)
        return false;
    if (m_freshness) {
        // Typed access: the classifier needs the status, error and last sync, not display texts.
        const TableStatusRow *row = m_tables ? m_tables->tableRow(sourceRow) : nullptr;
        if (!row || tableFreshness(row->status, QDateTime::currentDateTimeUtc()) != *m_freshness)
            return false;
    }
    if (m_text.isEmpty())
        return true;
    // The text columns an operator searches: where, what, and why it failed.
    static const int columns[] = {
        DashboardTableModel::Database,
        DashboardTableModel::column(TableStatusModel::Schema),
        DashboardTableModel::column(TableStatusModel::Table),
        DashboardTableModel::column(TableStatusModel::ObjectType),
        DashboardTableModel::column(TableStatusModel::Status),
        DashboardTableModel::column(TableStatusModel::ErrorCode),
        DashboardTableModel::column(TableStatusModel::ErrorMessage),
    };
    for (int column : columns) {
        if (model->index(sourceRow, column, sourceParent).data(UnderlyingDataRole).toString().contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    // "dbo.orders" finds the table by its qualified name too.
    const QString qualified = model->index(sourceRow, DashboardTableModel::column(TableStatusModel::Schema), sourceParent).data(UnderlyingDataRole).toString()
                              + u'.' + model->index(sourceRow, DashboardTableModel::column(TableStatusModel::Table), sourceParent).data(UnderlyingDataRole).toString();
    return qualified.contains(m_text, Qt::CaseInsensitive);
}

} // namespace fmc
