#include "workspacelistmodel.h"

#include "models/displaytext.h"

#include <utility>

namespace fmc {

WorkspaceListModel::WorkspaceListModel(QObject *parent)
    : KeyedTableModel(
        {tr("Name"), tr("Your role"), tr("Type"), tr("Region"), tr("Mirrored"), tr("Description"), tr("Id")}, parent)
{
    Q_ASSERT(columnCount() == ColumnCount);
}

void WorkspaceListModel::setDatabaseCount(const QString &workspaceId, int count)
{
    if (m_databaseCounts.value(workspaceId, -1) == count)
        return;
    m_databaseCounts.insert(workspaceId, count);
    if (const int row = rowOfKey(workspaceId); row >= 0)
        emit dataChanged(index(row, Databases), index(row, Databases));
}

void WorkspaceListModel::setRoles(const QHash<QString, WorkspaceRole> &roles)
{
    const QHash<QString, WorkspaceRole> before = std::exchange(m_roles, roles);
    // One signal over the changed span, not one per row: a sorting proxy re-sorts on each, and
    // 5,000 workspaces then froze the window for 16 s (tst_hostile_service, millionWorkspaces).
    int first = -1, last = -1;
    for (int row = 0; row < rowCount(); ++row) {
        const QString &id = rowAt(row).id;
        if (before.value(id, WorkspaceRole::Unknown) != role(id)) {
            first = first < 0 ? row : first;
            last = row;
        }
    }
    if (first >= 0)
        emit dataChanged(index(first, Role), index(last, Role));
}

QVariant WorkspaceListModel::columnValue(const Workspace &workspace, int column) const
{
    switch (Column(column)) {
    case Name:
        return workspace.displayName;
    case Role:
        return workspaceRoleName(role(workspace.id));
    case Type:
        return workspace.type.text;
    case CapacityRegion:
        return workspace.capacityRegion;
    case Databases: {
        const int count = databaseCount(workspace.id);
        return count < 0 ? QVariant() : QVariant(count);
    }
    case Description:
        return workspace.description;
    case Id:
        return workspace.id;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant WorkspaceListModel::data(const QModelIndex &index, int role) const
{
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
        return textRole(role, KeyedTableModel::data(index, UnderlyingDataRole));
    return KeyedTableModel::data(index, role);
}

} // namespace fmc
