#include "workspacelistmodel.h"

namespace fmc {

WorkspaceListModel::WorkspaceListModel(QObject *parent)
    : KeyedTableModel({tr("Name"), tr("Type"), tr("Region"), tr("Description"), tr("Id")},
                      parent)
{
    Q_ASSERT(columnCount() == ColumnCount);
}

QVariant WorkspaceListModel::columnValue(const Workspace &workspace, int column) const
{
    switch (Column(column)) {
    case Name:
        return workspace.displayName;
    case Type:
        return workspace.type.text;
    case CapacityRegion:
        return workspace.capacityRegion;
    case Description:
        return workspace.description;
    case Id:
        return workspace.id;
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace fmc
