#pragma once

#include "models/keyedtablemodel.h"
#include "models/workspace.h"

namespace fmc {

//! \brief The workspaces the user can see, keyed by id; refreshed by keyed diff (never reset).
class WorkspaceListModel : public KeyedTableModel<Workspace>
{
    Q_OBJECT
public:
    enum Column { Name, Role, Type, CapacityRegion, Databases, Description, Id, ColumnCount };
    Q_ENUM(Column)

    explicit WorkspaceListModel(QObject *parent = nullptr);

    //! \brief Replaces the list (one whole refresh); pages can also go through
    //! beginRefresh()/applyPage()/endRefresh().
    void setWorkspaces(QList<Workspace> workspaces) { setRows(std::move(workspaces)); }

    //! \brief Shows \a count in the Databases column of \a workspaceId once it is known (the
    //! column stays empty until then). Kept across refreshes of the list.
    void setDatabaseCount(const QString &workspaceId, int count);
    //! The known count, or -1.
    int databaseCount(const QString &workspaceId) const { return m_databaseCounts.value(workspaceId, -1); }

    //! \brief Sets the caller's role in each workspace (the Role column); a workspace not in
    //! \a roles is Unknown. Kept across refreshes of the list.
    void setRoles(const QHash<QString, WorkspaceRole> &roles);
    WorkspaceRole role(const QString &workspaceId) const { return m_roles.value(workspaceId, WorkspaceRole::Unknown); }

    //! Names and descriptions cut and cleaned for display (displayValue()), in full in the tooltip.
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

protected:
    QString keyOf(const Workspace &workspace) const override { return workspace.id; }
    QVariant columnValue(const Workspace &workspace, int column) const override;

private:
    QHash<QString, int> m_databaseCounts;
    QHash<QString, WorkspaceRole> m_roles;
};

} // namespace fmc
