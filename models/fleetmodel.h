#pragma once

#include "models/keyedtablemodel.h"
#include "models/mirroreddatabaselistmodel.h"
#include "models/workspace.h"

#include <QMap>

namespace fmc {

//! One row of FleetModel: a mirror anywhere in the tenant, and what the fleet learnt about it.
struct FleetRow
{
    MirroredDatabaseRow mirror; //!< the item, its workspace name, status and table summary
    QString capacityId;
    QString capacityName;        //!< empty until the capacities are listed
    QString sourceType;          //!< from its definition's `source.type`; empty until read
    WorkspaceRole role = WorkspaceRole::Unknown;
    QString detailError;         //!< why its status could not be read, if it could not

    bool operator==(const FleetRow &) const = default;
};

//! \brief Every mirror the caller can see, across workspaces, keyed by workspace and item id,
//! with a health bucket per row for the fleet view's roll-up (worst first) and filters.
//!
//! Rows come from the catalog search or the workspace listings (applyPage() between
//! beginRefresh() and endRefresh()); status, table summary, source type, capacity and role are
//! filled in later by their setters, each a keyed update that survives the next refresh.
class FleetModel : public KeyedTableModel<FleetRow>
{
    Q_OBJECT
public:
    enum Column { Name, Workspace, Capacity, SourceType, Health, Tables, ColumnCount };
    Q_ENUM(Column)

    //! The roll-up's buckets, worst first (the order the view shows them and sorts by).
    enum class Bucket { Failed, Warning, Paused, Stopped, Initializing, Running, Other, Loading, Count };
    Q_ENUM(Bucket)

    enum Role {
        BucketRole = FirstModelRole, //!< int(Bucket)
        WorkspaceIdRole,
        DatabaseIdRole,
        CapacityIdRole,
    };

    explicit FleetModel(QObject *parent = nullptr);

    //! \brief The row of a mirror that was just found: no status yet (Loading).
    static FleetRow rowFor(const QString &workspaceId, const QString &workspaceName, const QString &databaseId,
                           const QString &displayName, const QString &description);

    void setMirroringStatus(const QString &workspaceId, const QString &databaseId, const MirroringStatusResponse &status);
    void setTableStatuses(const QString &workspaceId, const QString &databaseId, const QList<TableMirroringStatus> &tables);
    void setSourceType(const QString &workspaceId, const QString &databaseId, const QString &sourceType);
    void setDetailError(const QString &workspaceId, const QString &databaseId, const QString &error);
    //! Sets capacity and role of every row in \a workspaceId (they are the workspace's).
    void setWorkspaceInfo(const QString &workspaceId, const QString &capacityId, const QString &capacityName,
                          WorkspaceRole role);
    //! Removes every row (signed out).
    void clear();

    const FleetRow *find(const QString &workspaceId, const QString &databaseId) const;
    //! How many rows are in each bucket (every bucket present, zero when empty).
    QMap<Bucket, int> rollUp() const;

    static Bucket bucketOf(const FleetRow &row);
    //! "Failed tables", "Running with warning", ... : the roll-up's words for \a bucket.
    static QString bucketText(Bucket bucket);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

protected:
    QString keyOf(const FleetRow &row) const override;
    QVariant columnValue(const FleetRow &row, int column) const override;
    void carryOver(const FleetRow *before, FleetRow &after) const override;

private:
    template <typename Change>
    void update(const QString &workspaceId, const QString &databaseId, Change change);
};

} // namespace fmc
