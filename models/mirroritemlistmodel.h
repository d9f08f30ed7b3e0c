#pragma once

#include "models/catalogmirroringstatus.h"
#include "models/catalogtablestatus.h"
#include "models/item.h"
#include "models/keyedtablemodel.h"
#include "models/mirroredazuredatabrickscatalog.h"
#include "models/mirroringhealth.h"
#include "models/mirroritemkind.h"
#include "models/sqldatabase.h"

#include <QDateTime>

#include <optional>

namespace fmc {

//! One row of MirrorItemListModel: the listed item and what its type's calls said of it.
struct MirrorItemRow
{
    Item item;
    QString workspaceName;
    MirrorItemKind::Kind kind = MirrorItemKind::OtherMirror;
    std::optional<CatalogMirroringStatus> catalogStatus;           //!< MirroredCatalog
    int catalogTables = -1;                                        //!< -1 until the tables status is read
    int catalogFailedTables = 0;
    std::optional<MirroredAzureDatabricksCatalog::Properties> databricks; //!< its syncDetails is the health
    std::optional<SqlDatabase::Properties> sqlDatabase;
    QString statusError; //!< the last status call's error, when it failed

    bool operator==(const MirrorItemRow &) const = default;
};

//! \brief The mirror items beside mirrored databases (MirroredCatalog, Azure Databricks catalogs,
//! SQL databases and any other `Mirrored*` type), keyed by workspace id and item id, with the
//! health each type's own call gives. Lists come per workspace (setItems() touches only its rows,
//! by keyed diff); the status setters keep their values across the next list.
class MirrorItemListModel : public KeyedTableModel<MirrorItemRow>
{
    Q_OBJECT
public:
    enum Column { Name, Type, Workspace, Health, LastSync, Details, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        HealthLevelRole = FirstModelRole, //!< int(MirroringHealth::Level)
        WorkspaceIdRole,
        ItemIdRole,
        KindRole, //!< int(MirrorItemKind::Kind)
    };

    explicit MirrorItemListModel(QObject *parent = nullptr);

    //! \brief Replaces the rows of \a workspaceId with the mirror items among \a items (items of
    //! other types, and mirrored databases, are left out).
    void setItems(const QString &workspaceId, const QString &workspaceName, const QList<Item> &items);
    void clear();

    void setCatalogStatus(const QString &workspaceId, const QString &itemId, const CatalogMirroringStatus &status);
    void setCatalogTables(const QString &workspaceId, const QString &itemId, const QList<CatalogTableStatus> &tables);
    void setDatabricks(const QString &workspaceId, const QString &itemId,
                       const MirroredAzureDatabricksCatalog::Properties &properties);
    void setSqlDatabase(const QString &workspaceId, const QString &itemId, const SqlDatabase::Properties &properties);
    //! The status call of an item failed (\a error empty: it succeeded since).
    void setStatusError(const QString &workspaceId, const QString &itemId, const QString &error);

    const MirrorItemRow *find(const QString &workspaceId, const QString &itemId) const;

    //! \brief The row's health: a catalog's status (with a warning for failed tables), a
    //! Databricks catalog's syncDetails, or plainly that the type has no status call.
    static MirroringHealth healthOf(const MirrorItemRow &row);
    static QDateTime lastSyncOf(const MirrorItemRow &row);
    //! What else the type tells: tables, autoSync and mode, the SQL database's name.
    static QString detailsOf(const MirrorItemRow &row);
    //! The error behind the health, for its tooltip (the item's or the sync's), empty if none.
    static QString errorOf(const MirrorItemRow &row);
    static QString keyText(const QString &workspaceId, const QString &itemId);
    //! Counts \a tables (and the failed ones) of a mirrored catalog into \a row.
    static void summariseCatalogTables(MirrorItemRow &row, const QList<CatalogTableStatus> &tables);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

protected:
    QString keyOf(const MirrorItemRow &row) const override;
    QVariant columnValue(const MirrorItemRow &row, int column) const override;
    void carryOver(const MirrorItemRow *before, MirrorItemRow &after) const override;

private:
    template <typename F>
    void updateRow(const QString &workspaceId, const QString &itemId, F &&change);
};

} // namespace fmc
