#pragma once

#include "models/keyedtablemodel.h"
#include "models/mirroreddatabaselistmodel.h"
#include "models/mirroritemlistmodel.h"
#include "models/workspace.h"

#include <QHash>
#include <QMap>

namespace fmc {

//! \brief One row of FleetModel: a mirror of any type anywhere in the tenant, and what the fleet
//! learnt about it. `mirror.database` is the item whatever its type (`type` says which);
//! a mirrored database's status is in `mirror`, another type's in `item`.
struct FleetRow
{
    MirroredDatabaseRow mirror; //!< the item, its workspace name, status and table summary
    //! kind, and for the other types what their own calls said
    MirrorItemRow item = [] {
        MirrorItemRow row;
        row.kind = MirrorItemKind::MirroredDatabase;
        return row;
    }();
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
    enum Column { Name, Type, Workspace, Capacity, SourceType, Health, Tables, ColumnCount };
    Q_ENUM(Column)

    //! The roll-up's buckets, worst first (the order the view shows them and sorts by).
    //! NoStatus: a type without a status call (SQL database) or listed read-only (other Mirrored*).
    enum class Bucket { Failed, Warning, Paused, Stopped, Initializing, Running, NoStatus, Other, Loading, Count };
    Q_ENUM(Bucket)

    enum Role {
        BucketRole = FirstModelRole, //!< int(Bucket)
        WorkspaceIdRole,
        DatabaseIdRole,
        CapacityIdRole,
        KindRole, //!< int(MirrorItemKind::Kind)
    };

    explicit FleetModel(QObject *parent = nullptr);

    //! \brief The row of a mirror of item \a type that was just found: no status yet (Loading).
    static FleetRow rowFor(const QString &workspaceId, const QString &workspaceName, const QString &databaseId,
                           const QString &displayName, const QString &description,
                           const QString &type = QStringLiteral("MirroredDatabase"));
    static MirrorItemKind::Kind kindOf(const FleetRow &row) { return row.item.kind; }

    void setMirroringStatus(const QString &workspaceId, const QString &databaseId, const MirroringStatusResponse &status);
    void setTableStatuses(const QString &workspaceId, const QString &databaseId, const QList<TableMirroringStatus> &tables);
    void setSourceType(const QString &workspaceId, const QString &databaseId, const QString &sourceType);
    //! \name The other types' status calls (see MirrorItemListModel)
    //! @{
    void setCatalogStatus(const QString &workspaceId, const QString &itemId, const CatalogMirroringStatus &status);
    void setCatalogTables(const QString &workspaceId, const QString &itemId, const QList<CatalogTableStatus> &tables);
    void setDatabricks(const QString &workspaceId, const QString &itemId,
                       const MirroredAzureDatabricksCatalog::Properties &properties);
    void setSqlDatabase(const QString &workspaceId, const QString &itemId, const SqlDatabase::Properties &properties);
    //! @}
    void setDetailError(const QString &workspaceId, const QString &databaseId, const QString &error);
    //! What a row takes from its workspace.
    struct WorkspaceInfo {
        QString capacityId;
        QString capacityName;
        WorkspaceRole role = WorkspaceRole::Unknown;
    };
    //! \brief Sets capacity and role of every row in each workspace of \a byWorkspaceId (they
    //! are the workspace's), in one pass over the rows: the fleet applies every workspace's at
    //! once when the roles arrive.
    void setWorkspaceInfo(const QHash<QString, WorkspaceInfo> &byWorkspaceId);
    //! Removes every row (signed out).
    void clear();

    const FleetRow *find(const QString &workspaceId, const QString &databaseId) const;
    //! How many rows are in each bucket (every bucket present, zero when empty).
    QMap<Bucket, int> rollUp() const;

    static Bucket bucketOf(const FleetRow &row);
    //! "Failed", "Running with warning", ... : the roll-up's words for \a bucket.
    static QString bucketText(Bucket bucket);
    //! The Health column's text and its tooltip's reason (an error, or why there is no status).
    static QString healthText(const FleetRow &row);
    static QString healthReason(const FleetRow &row);
    //! The Tables column: a database's or catalog's table summary, or what else the type tells.
    static QString detailsText(const FleetRow &row);

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
