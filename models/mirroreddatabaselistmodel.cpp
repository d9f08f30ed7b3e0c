#include "mirroreddatabaselistmodel.h"

#include "models/displaytext.h"
#include "models/pausedmirroring.h"

namespace fmc {

MirroredDatabaseListModel::MirroredDatabaseListModel(QObject *parent)
    : KeyedTableModel({tr("Name"), tr("Workspace"), tr("Status"), tr("SQL endpoint"), tr("Tables"),
                       tr("Oldest last sync")},
                      parent)
{
    Q_ASSERT(columnCount() == ColumnCount);
}

QString MirroredDatabaseListModel::keyText(const QString &workspaceId, const QString &databaseId)
{
    return workspaceId + QLatin1Char('/') + databaseId;
}

QString MirroredDatabaseListModel::keyOf(const MirroredDatabaseRow &row) const
{
    return keyText(row.database.workspaceId, row.database.id);
}

void MirroredDatabaseListModel::setDatabases(const fmc::Workspace &workspace, QList<MirroredDatabase> databases)
{
    QList<MirroredDatabaseRow> rows;
    rows.reserve(databases.size());
    for (MirroredDatabase &database : databases) {
        // The list endpoint is per workspace; some answers leave workspaceId out.
        if (database.workspaceId.isEmpty())
            database.workspaceId = workspace.id;
        rows.append({std::move(database), workspace.displayName, {}, {}, 0, {}});
    }
    const QString workspaceId = workspace.id;
    beginRefresh([workspaceId](const MirroredDatabaseRow &row) { return row.database.workspaceId == workspaceId; });
    applyPage(std::move(rows));
    endRefresh();
}

void MirroredDatabaseListModel::clear()
{
    beginRefresh();
    endRefresh();
}

void MirroredDatabaseListModel::removeWorkspace(const QString &workspaceId)
{
    beginRefresh([workspaceId](const MirroredDatabaseRow &row) { return row.database.workspaceId == workspaceId; });
    endRefresh();
}

void MirroredDatabaseListModel::updateDatabase(const MirroredDatabase &database)
{
    const int row = rowOfKey(keyText(database.workspaceId, database.id));
    if (row < 0)
        return;
    MirroredDatabaseRow updated = rowAt(row);
    const auto properties = updated.database.properties;
    updated.database = database;
    if (!updated.database.properties)
        updated.database.properties = properties;
    replaceRow(row, std::move(updated));
}

void MirroredDatabaseListModel::removeDatabase(const QString &workspaceId, const QString &databaseId)
{
    const QString key = keyText(workspaceId, databaseId);
    beginRefresh([this, key](const MirroredDatabaseRow &row) { return keyOf(row) == key; });
    endRefresh();
}

const MirroredDatabaseRow *MirroredDatabaseListModel::find(const QString &workspaceId, const QString &databaseId) const
{
    const int row = rowOfKey(keyText(workspaceId, databaseId));
    return row < 0 ? nullptr : &rowAt(row);
}

int MirroredDatabaseListModel::countInWorkspace(const QString &workspaceId) const
{
    int count = 0;
    for (int row = 0; row < rowCount(); ++row)
        count += rowAt(row).database.workspaceId == workspaceId ? 1 : 0;
    return count;
}

void MirroredDatabaseListModel::carryOver(const MirroredDatabaseRow *before, MirroredDatabaseRow &after) const
{
    // A list refresh knows nothing of status: keep what the monitor set last.
    if (!before)
        return;
    after.status = before->status;
    after.tablesByStatus = before->tablesByStatus;
    after.failedTables = before->failedTables;
    after.oldestLastSync = before->oldestLastSync;
}

void MirroredDatabaseListModel::setMirroringStatus(const QString &workspaceId, const QString &databaseId,
                                                   const MirroringStatusResponse &status)
{
    const int row = rowOfKey(keyText(workspaceId, databaseId));
    if (row < 0)
        return;
    MirroredDatabaseRow updated = rowAt(row);
    updated.status = status;
    replaceRow(row, std::move(updated));
}

void MirroredDatabaseListModel::setTableStatuses(const QString &workspaceId, const QString &databaseId,
                                                 const QList<TableMirroringStatus> &tables)
{
    const int row = rowOfKey(keyText(workspaceId, databaseId));
    if (row < 0)
        return;
    MirroredDatabaseRow updated = rowAt(row);
    summariseTables(updated, tables);
    replaceRow(row, std::move(updated));
}

void MirroredDatabaseListModel::summariseTables(MirroredDatabaseRow &row, const QList<TableMirroringStatus> &tables)
{
    row.tablesByStatus.clear();
    row.oldestLastSync = {};
    for (const TableMirroringStatus &table : tables) {
        ++row.tablesByStatus[table.status.text];
        const QDateTime lastSync = table.metrics ? table.metrics->lastSyncDateTime : QDateTime();
        if (lastSync.isValid() && (!row.oldestLastSync.isValid() || lastSync < row.oldestLastSync))
            row.oldestLastSync = lastSync;
    }
    row.failedTables = int(countFailedTables(tables));
}

void MirroredDatabaseListModel::setTableSummary(const QString &workspaceId, const QString &databaseId,
                                                const QMap<QString, int> &tablesByStatus, int failedTables,
                                                const QDateTime &oldestLastSync)
{
    const int row = rowOfKey(keyText(workspaceId, databaseId));
    if (row < 0)
        return;
    MirroredDatabaseRow updated = rowAt(row);
    updated.tablesByStatus = tablesByStatus;
    updated.failedTables = failedTables;
    updated.oldestLastSync = oldestLastSync;
    replaceRow(row, std::move(updated));
}

QString MirroredDatabaseListModel::tablesText(const MirroredDatabaseRow &row)
{
    // The tables status only has data while Running: once stopped, the last counts ("4 Failed,
    // 2 Snapshotting") describe a replication that no longer runs.
    if (row.status && row.status->status == MirroringStatus::Stopped && !row.tablesByStatus.isEmpty()) {
        int total = 0;
        for (int count : row.tablesByStatus)
            total += count;
        return tr("%n table(s), stopped", nullptr, total);
    }
    QStringList parts;
    for (auto it = row.tablesByStatus.cbegin(); it != row.tablesByStatus.cend(); ++it)
        parts << tr("%1 %2").arg(QString::number(it.value()), displayText(it.key()));
    return parts.join(QStringLiteral(", "));
}

QString MirroredDatabaseListModel::jsonText(const MirroredDatabaseRow &row)
{
    Json json = row.database.toJson();
    if (row.status)
        json["mirroringStatus"] = row.status->toJson();
    return QString::fromUtf8(dumpJson(json, 2));
}

MirroringHealth MirroredDatabaseListModel::healthOf(const MirroredDatabaseRow &row)
{
    if (!row.status)
        return {};
    // With the table count: a database whose every table failed is Failed here as in the dashboard.
    int tables = 0;
    for (int n : row.tablesByStatus)
        tables += n;
    return mirroringHealth(*row.status, row.failedTables, row.tablesByStatus.isEmpty() ? -1 : tables);
}

QVariant MirroredDatabaseListModel::columnValue(const MirroredDatabaseRow &row, int column) const
{
    switch (Column(column)) {
    case Name:
        return row.database.displayName;
    case Workspace:
        return row.workspaceName;
    case Health:
        return healthOf(row).text;
    case SqlEndpoint: {
        const auto &properties = row.database.properties;
        if (!properties || !properties->sqlEndpointProperties)
            return {};
        return properties->sqlEndpointProperties->provisioningStatus.text;
    }
    case Tables:
        return tablesText(row);
    case LastSync:
        return row.oldestLastSync.isValid() ? QVariant(row.oldestLastSync) : QVariant();
    case ColumnCount:
        break;
    }
    return {};
}

QVariant MirroredDatabaseListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const MirroredDatabaseRow &row = rowAt(index.row());
    switch (role) {
    case HealthLevelRole:
        return int(healthOf(row).level);
    case WorkspaceIdRole:
        return row.database.workspaceId;
    case DatabaseIdRole:
        return row.database.id;
    case Qt::ToolTipRole:
        if (index.column() == Health && row.status && row.status->error)
            return plainToolTip(row.status->error->message);
        if (index.column() == Health && row.status && row.status->status.value == MirroringStatus::Paused)
            return plainToolTip(PausedMirroring::summary() + QLatin1Char('\n') + PausedMirroring::advice());
        return fullTextToolTip(columnValue(row, index.column()));
    case Qt::DisplayRole:
        if (index.column() == LastSync && row.oldestLastSync.isValid())
            return row.oldestLastSync.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
        return displayValue(columnValue(row, index.column()));
    default:
        return KeyedTableModel::data(index, role);
    }
}

} // namespace fmc
