#pragma once

#include "models/keyedtablemodel.h"
#include "models/mirroreddatabase.h"
#include "models/mirroringhealth.h"
#include "models/modelroles.h"
#include "models/mirroringstatusresponse.h"
#include "models/tablemirroringstatus.h"
#include "models/workspace.h"

#include <QDateTime>
#include <QMap>

#include <optional>

namespace fmc {

//! One row of MirroredDatabaseListModel: the item, and the status the monitor last set.
struct MirroredDatabaseRow
{
    MirroredDatabase database;
    QString workspaceName;
    std::optional<MirroringStatusResponse> status; //!< Absent until the monitor sets it.
    QMap<QString, int> tablesByStatus;             //!< Status text → number of tables.
    int failedTables = 0;
    QDateTime oldestLastSync; //!< The stalest table's last sync (UTC); invalid when unknown.

    bool operator==(const MirroredDatabaseRow &) const = default;
};

//! \brief Mirrored databases across workspaces, keyed by workspace id and database id.
//!
//! Lists come per workspace (setDatabases() touches only that workspace's rows); the status
//! columns are filled by the monitor through setMirroringStatus() and setTableStatuses(), and
//! survive the next list refresh. Health words come from mirroringHealth().
class MirroredDatabaseListModel : public KeyedTableModel<MirroredDatabaseRow>
{
    Q_OBJECT
public:
    enum Column { Name, Workspace, Health, SqlEndpoint, Tables, LastSync, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        HealthLevelRole = FirstModelRole, //!< int(MirroringHealth::Level)
        WorkspaceIdRole,
        DatabaseIdRole,
    };

    explicit MirroredDatabaseListModel(QObject *parent = nullptr);

    //! \brief Replaces the databases of \a workspace (others are untouched).
    void setDatabases(const fmc::Workspace &workspace, QList<MirroredDatabase> databases);
    //! \brief Removes every database (signed out: nothing of the tenant stays).
    void clear();
    //! \brief Removes every database of the workspace \a workspaceId (e.g. it was deleted).
    void removeWorkspace(const QString &workspaceId);

    //! \brief Updates one database after a PATCH; \a database may lack `properties` (update
    //! answers do), then the known ones are kept. Unknown ids are ignored.
    void updateDatabase(const MirroredDatabase &database);
    //! \brief Removes one database (it was deleted).
    void removeDatabase(const QString &workspaceId, const QString &databaseId);
    //! The row of \a workspaceId / \a databaseId, or nullptr.
    const MirroredDatabaseRow *find(const QString &workspaceId, const QString &databaseId) const;
    //! The number of databases listed for \a workspaceId.
    int countInWorkspace(const QString &workspaceId) const;

    //! \brief Sets the database-level status (the Health column). Unknown ids are ignored.
    void setMirroringStatus(const QString &workspaceId, const QString &databaseId,
                            const MirroringStatusResponse &status);
    //! \brief Sets the per-table statuses (Tables, LastSync and the warning in Health).
    void setTableStatuses(const QString &workspaceId, const QString &databaseId,
                          const QList<TableMirroringStatus> &tables);

    //! \brief Sets what a status monitor summarised of a database's tables (counts by status,
    //! Failed tables, the stalest last sync) without the table list itself.
    void setTableSummary(const QString &workspaceId, const QString &databaseId,
                         const QMap<QString, int> &tablesByStatus, int failedTables, const QDateTime &oldestLastSync);

    //! Counts \a tables by status into \a row (Tables, LastSync, the Failed tables of Health).
    static void summariseTables(MirroredDatabaseRow &row, const QList<TableMirroringStatus> &tables);

    //! \brief "1 Failed, 3 Replicating": the table counts by status, as the Tables column shows them.
    //! A stopped database's tables are not mirrored whatever their last status said: "6 tables, stopped".
    static QString tablesText(const MirroredDatabaseRow &row);
    //! \brief The item and its last status as indented JSON, for "Copy as JSON".
    static QString jsonText(const MirroredDatabaseRow &row);

    //! The derived health of \a row (see mirroringHealth()); empty text until a status is set.
    static MirroringHealth healthOf(const MirroredDatabaseRow &row);
    static QString keyText(const QString &workspaceId, const QString &databaseId);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

protected:
    QString keyOf(const MirroredDatabaseRow &row) const override;
    QVariant columnValue(const MirroredDatabaseRow &row, int column) const override;
    void carryOver(const MirroredDatabaseRow *before, MirroredDatabaseRow &after) const override;
};

} // namespace fmc
