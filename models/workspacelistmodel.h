#pragma once

#include "models/keyedtablemodel.h"
#include "models/workspace.h"

namespace fmc {

//! \brief The workspaces the user can see, keyed by id; refreshed by keyed diff (never reset).
class WorkspaceListModel : public KeyedTableModel<Workspace>
{
    Q_OBJECT
public:
    enum Column { Name, Type, CapacityRegion, Description, Id, ColumnCount };
    Q_ENUM(Column)

    explicit WorkspaceListModel(QObject *parent = nullptr);

    //! \brief Replaces the list (one whole refresh); pages can also go through
    //! beginRefresh()/applyPage()/endRefresh().
    void setWorkspaces(QList<Workspace> workspaces) { setRows(std::move(workspaces)); }


protected:
    QString keyOf(const Workspace &workspace) const override { return workspace.id; }
    QVariant columnValue(const Workspace &workspace, int column) const override;
};

} // namespace fmc
