#pragma once

#include "models/connection.h"
#include "models/keyedtablemodel.h"

namespace fmc {

//! \brief The connections a mirroring.json may refer to, keyed by id; refreshed by keyed diff.
class ConnectionListModel : public KeyedTableModel<Connection>
{
    Q_OBJECT
public:
    enum Column { Name, ConnectivityType, Type, Path, PrivacyLevel, Id, ColumnCount };
    Q_ENUM(Column)

    explicit ConnectionListModel(QObject *parent = nullptr);

    //! \brief Replaces the list (one whole refresh).
    void setConnections(QList<Connection> connections) { setRows(std::move(connections)); }

    //! Names and paths cut and cleaned for display (displayValue()), in full in the tooltip.
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

protected:
    QString keyOf(const Connection &connection) const override { return connection.id; }
    QVariant columnValue(const Connection &connection, int column) const override;
};

} // namespace fmc
