#include "fleetfiltermodel.h"

#include "models/fleetmodel.h"

namespace fmc {

FleetFilterModel::FleetFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(UnderlyingDataRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    // Status and table counts arrive row by row: keep the filter and the order current.
    setDynamicSortFilter(true);
}

void FleetFilterModel::setWorkspaceId(const QString &id)
{
    m_workspaceId = id;
    invalidateFilter();
}

void FleetFilterModel::setCapacityId(const QString &id)
{
    m_capacityId = id;
    invalidateFilter();
}

void FleetFilterModel::setSourceType(const QString &type)
{
    m_sourceType = type;
    invalidateFilter();
}

void FleetFilterModel::setKind(int kind)
{
    m_kind = kind;
    invalidateFilter();
}

void FleetFilterModel::setBucket(int bucket)
{
    m_bucket = bucket;
    invalidateFilter();
}

bool FleetFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_workspaceId.isEmpty() && m_capacityId.isEmpty() && m_sourceType.isEmpty() && m_kind < 0 && m_bucket < 0)
        return true; // no filter: no row's data is read
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_workspaceId.isEmpty() && index.data(FleetModel::WorkspaceIdRole).toString() != m_workspaceId)
        return false;
    if (!m_capacityId.isEmpty() && index.data(FleetModel::CapacityIdRole).toString() != m_capacityId)
        return false;
    if (!m_sourceType.isEmpty()
        && index.siblingAtColumn(FleetModel::SourceType).data(UnderlyingDataRole).toString() != m_sourceType)
        return false;
    if (m_kind >= 0 && index.data(FleetModel::KindRole).toInt() != m_kind)
        return false;
    return m_bucket < 0 || index.data(FleetModel::BucketRole).toInt() == m_bucket;
}

bool FleetFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (left.column() != FleetModel::Health || right.column() != FleetModel::Health)
        return QSortFilterProxyModel::lessThan(left, right);
    const int leftBucket = left.data(FleetModel::BucketRole).toInt();
    const int rightBucket = right.data(FleetModel::BucketRole).toInt();
    if (leftBucket != rightBucket)
        return leftBucket < rightBucket;
    return QString::compare(left.siblingAtColumn(FleetModel::Name).data(UnderlyingDataRole).toString(),
                            right.siblingAtColumn(FleetModel::Name).data(UnderlyingDataRole).toString(),
                            sortCaseSensitivity())
           < 0;
}

} // namespace fmc
