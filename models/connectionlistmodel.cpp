#include "connectionlistmodel.h"

#include "models/displaytext.h"

namespace fmc {

ConnectionListModel::ConnectionListModel(QObject *parent)
    : KeyedTableModel({tr("Name"), tr("Connectivity"), tr("Type"), tr("Path"), tr("Privacy level"),
                       tr("Id")},
                      parent)
{
    Q_ASSERT(columnCount() == ColumnCount);
}

QVariant ConnectionListModel::columnValue(const Connection &connection, int column) const
{
    switch (Column(column)) {
    case Name:
        return connection.displayName;
    case ConnectivityType:
        return connection.connectivityType.text;
    case Type:
        return connection.connectionDetails ? connection.connectionDetails->type : QString();
    case Path:
        return connection.connectionDetails ? connection.connectionDetails->path : QString();
    case PrivacyLevel:
        return connection.privacyLevel.text;
    case Id:
        return connection.id;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant ConnectionListModel::data(const QModelIndex &index, int role) const
{
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
        return textRole(role, KeyedTableModel::data(index, UnderlyingDataRole));
    return KeyedTableModel::data(index, role);
}

} // namespace fmc
