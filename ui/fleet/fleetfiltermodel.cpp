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

} // namespace fmc
