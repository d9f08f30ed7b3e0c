#include "fleetmodel.h"

#include "models/displaytext.h"

namespace fmc {

FleetModel::FleetModel(QObject *parent)
    : KeyedTableModel({tr("Name"), tr("Workspace"), tr("Capacity"), tr("Source"), tr("Health"), tr("Tables")}, parent)
{
}

FleetRow FleetModel::rowFor(const QString &workspaceId, const QString &workspaceName, const QString &databaseId,
                            const QString &displayName, const QString &description)
{
    FleetRow row;
    row.mirror.database.id = databaseId;
    row.mirror.database.workspaceId = workspaceId;
    row.mirror.database.type = QStringLiteral("MirroredDatabase");
    row.mirror.database.displayName = displayName;
    row.mirror.database.description = description;
    row.mirror.workspaceName = workspaceName;
    return row;
}

QString FleetModel::keyOf(const FleetRow &row) const
{
    return MirroredDatabaseListModel::keyText(row.mirror.database.workspaceId, row.mirror.database.id);
}

void FleetModel::carryOver(const FleetRow *before, FleetRow &after) const
{
    // A new listing knows the item only: keep what the detail calls and workspace info set.
    if (!before)
        return;
    const MirroredDatabaseRow listed = after.mirror;
    after = *before;
    after.mirror.database.displayName = listed.database.displayName;
    after.mirror.database.description = listed.database.description;
    if (!listed.workspaceName.isEmpty())
        after.mirror.workspaceName = listed.workspaceName;
    if (listed.database.properties)
        after.mirror.database.properties = listed.database.properties;
}

template <typename Change>
void FleetModel::update(const QString &workspaceId, const QString &databaseId, Change change)
{
    const int row = rowOfKey(MirroredDatabaseListModel::keyText(workspaceId, databaseId));
    if (row < 0)
        return;
    FleetRow updated = rowAt(row);
    change(updated);
    replaceRow(row, std::move(updated));
}

void FleetModel::setMirroringStatus(const QString &workspaceId, const QString &databaseId,
                                    const MirroringStatusResponse &status)
{
    update(workspaceId, databaseId, [&](FleetRow &row) {
        row.mirror.status = status;
        row.detailError.clear();
    });
}

void FleetModel::setTableStatuses(const QString &workspaceId, const QString &databaseId,
                                  const QList<TableMirroringStatus> &tables)
{
    update(workspaceId, databaseId, [&](FleetRow &row) { MirroredDatabaseListModel::summariseTables(row.mirror, tables); });
}

void FleetModel::setSourceType(const QString &workspaceId, const QString &databaseId, const QString &sourceType)
{
    update(workspaceId, databaseId, [&](FleetRow &row) { row.sourceType = sourceType; });
}

void FleetModel::setDetailError(const QString &workspaceId, const QString &databaseId, const QString &error)
{
    update(workspaceId, databaseId, [&](FleetRow &row) { row.detailError = error; });
}

void FleetModel::setWorkspaceInfo(const QString &workspaceId, const QString &capacityId, const QString &capacityName,
                                  WorkspaceRole role)
{
    for (int row = 0; row < rowCount(); ++row) {
        const FleetRow &current = rowAt(row);
        if (current.mirror.database.workspaceId != workspaceId)
            continue;
        if (current.capacityId == capacityId && current.capacityName == capacityName && current.role == role)
            continue;
        FleetRow updated = current;
        updated.capacityId = capacityId;
        updated.capacityName = capacityName;
        updated.role = role;
        replaceRow(row, std::move(updated));
    }
}

void FleetModel::clear()
{
    setRows({});
}

const FleetRow *FleetModel::find(const QString &workspaceId, const QString &databaseId) const
{
    const int row = rowOfKey(MirroredDatabaseListModel::keyText(workspaceId, databaseId));
    return row < 0 ? nullptr : &rowAt(row);
}

FleetModel::Bucket FleetModel::bucketOf(const FleetRow &row)
{
    if (!row.mirror.status)
        return row.detailError.isEmpty() ? Bucket::Loading : Bucket::Other;
    const MirroringHealth health = MirroredDatabaseListModel::healthOf(row.mirror);
    if (health.level == MirroringHealth::Failed)
        return Bucket::Failed;
    if (health.level == MirroringHealth::Warning)
        return Bucket::Warning;
    const QString &status = row.mirror.status->status.text;
    auto is = [&](const char *word) { return status.compare(QLatin1String(word), Qt::CaseInsensitive) == 0; };
    if (is("Running"))
        return Bucket::Running;
    if (is("Stopped") || is("Stopping"))
        return Bucket::Stopped;
    if (is("Paused"))
        return Bucket::Paused;
    if (is("Initializing") || is("Initialized") || is("Starting"))
        return Bucket::Initializing;
    return Bucket::Other; // a status the API added since: shown as sent, counted apart
}

QString FleetModel::bucketText(Bucket bucket)
{
    switch (bucket) {
    case Bucket::Failed: return tr("Failed tables");
    case Bucket::Warning: return tr("Running with warning");
    case Bucket::Paused: return tr("Paused");
    case Bucket::Stopped: return tr("Stopped");
    case Bucket::Initializing: return tr("Initializing");
    case Bucket::Running: return tr("Running");
    case Bucket::Other: return tr("Other");
    case Bucket::Loading: return tr("Loading");
    case Bucket::Count: break;
    }
    return {};
}

QMap<FleetModel::Bucket, int> FleetModel::rollUp() const
{
    QMap<Bucket, int> counts;
    for (int b = 0; b < int(Bucket::Count); ++b)
        counts.insert(Bucket(b), 0);
    for (int row = 0; row < rowCount(); ++row)
        ++counts[bucketOf(rowAt(row))];
    return counts;
}

QVariant FleetModel::columnValue(const FleetRow &row, int column) const
{
    switch (column) {
    case Name: return row.mirror.database.displayName;
    case Workspace: return row.mirror.workspaceName;
    case Capacity: return row.capacityName.isEmpty() ? row.capacityId : row.capacityName;
    case SourceType: return row.sourceType;
    case Health: {
        if (!row.mirror.status)
            return row.detailError.isEmpty() ? tr("Loading…") : tr("Unknown: %1").arg(row.detailError);
        return MirroredDatabaseListModel::healthOf(row.mirror).text;
    }
    case Tables: return MirroredDatabaseListModel::tablesText(row.mirror);
    }
    return {};
}

QVariant FleetModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FleetRow &row = rowAt(index.row());
    switch (role) {
    case BucketRole: return int(bucketOf(row));
    case WorkspaceIdRole: return row.mirror.database.workspaceId;
    case DatabaseIdRole: return row.mirror.database.id;
    case CapacityIdRole: return row.capacityId;
    case UnderlyingDataRole:
        // Health sorts worst first, then by name within a bucket.
        if (index.column() == Health)
            return int(bucketOf(row));
        break;
    case Qt::DisplayRole:
        return displayText(columnValue(row, index.column()).toString(), 200);
    case Qt::ToolTipRole:
        return plainToolTip(columnValue(row, index.column()).toString());
    default:
        break;
    }
    return KeyedTableModel::data(index, role);
}

} // namespace fmc
