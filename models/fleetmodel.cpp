#include "fleetmodel.h"

#include "models/displaytext.h"

namespace fmc {

FleetModel::FleetModel(QObject *parent)
    : KeyedTableModel({tr("Name"), tr("Type"), tr("Workspace"), tr("Capacity"), tr("Source"), tr("Health"),
                       tr("Tables / details")},
                      parent)
{
    Q_ASSERT(columnCount() == ColumnCount);
}

FleetRow FleetModel::rowFor(const QString &workspaceId, const QString &workspaceName, const QString &databaseId,
                            const QString &displayName, const QString &description, const QString &type)
{
    FleetRow row;
    row.mirror.database.id = databaseId;
    row.mirror.database.workspaceId = workspaceId;
    row.mirror.database.type = type;
    row.mirror.database.displayName = displayName;
    row.mirror.database.description = description;
    row.mirror.workspaceName = workspaceName;
    row.item.item = row.mirror.database;
    row.item.workspaceName = workspaceName;
    row.item.kind = MirrorItemKind::of(type);
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
    after.item.item.displayName = listed.database.displayName;
    after.item.item.description = listed.database.description;
    if (!listed.workspaceName.isEmpty())
        after.mirror.workspaceName = after.item.workspaceName = listed.workspaceName;
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

void FleetModel::setCatalogStatus(const QString &workspaceId, const QString &itemId, const CatalogMirroringStatus &status)
{
    update(workspaceId, itemId, [&](FleetRow &row) {
        row.item.catalogStatus = status;
        row.detailError.clear();
    });
}

void FleetModel::setCatalogTables(const QString &workspaceId, const QString &itemId,
                                  const QList<CatalogTableStatus> &tables)
{
    update(workspaceId, itemId, [&](FleetRow &row) { MirrorItemListModel::summariseCatalogTables(row.item, tables); });
}

void FleetModel::setDatabricks(const QString &workspaceId, const QString &itemId,
                               const MirroredAzureDatabricksCatalog::Properties &properties)
{
    update(workspaceId, itemId, [&](FleetRow &row) {
        row.item.databricks = properties;
        row.detailError.clear();
    });
}

void FleetModel::setSqlDatabase(const QString &workspaceId, const QString &itemId,
                                const SqlDatabase::Properties &properties)
{
    update(workspaceId, itemId, [&](FleetRow &row) {
        row.item.sqlDatabase = properties;
        row.detailError.clear();
    });
}

void FleetModel::setDetailError(const QString &workspaceId, const QString &databaseId, const QString &error)
{
    update(workspaceId, databaseId, [&](FleetRow &row) { row.detailError = error; });
}

void FleetModel::setWorkspaceInfo(const QHash<QString, WorkspaceInfo> &byWorkspaceId)
{
    for (int row = 0; row < rowCount(); ++row) {
        const FleetRow &current = rowAt(row);
        const auto info = byWorkspaceId.constFind(current.mirror.database.workspaceId);
        if (info == byWorkspaceId.cend())
            continue;
        if (current.capacityId == info->capacityId && current.capacityName == info->capacityName
            && current.role == info->role)
            continue;
        const bool roleChanged = current.role != info->role;
        FleetRow updated = current;
        updated.capacityId = info->capacityId;
        updated.capacityName = info->capacityName;
        updated.role = info->role;
        replaceRow(row, std::move(updated));
        // The role is in no column, so replaceRow() says nothing of it; what a selection may be
        // sent (the bulk actions' gating) follows the row's signal.
        if (roleChanged)
            emit dataChanged(index(row, 0), index(row, columnCount() - 1));
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

namespace {

// A mirror of another type: its own call's health, placed where a mirrored database's would be.
FleetModel::Bucket itemBucketOf(const FleetRow &row)
{
    using Bucket = FleetModel::Bucket;
    const MirrorItemRow &item = row.item;
    if (!MirrorItemKind::noStatusText(item.kind).isEmpty())
        return Bucket::NoStatus; // a SQL database (no status call) or a type shown read-only
    const bool answered = item.catalogStatus || item.databricks;
    if (!answered)
        return row.detailError.isEmpty() ? Bucket::Loading : Bucket::Other;
    const MirroringHealth health = MirrorItemListModel::healthOf(item);
    if (health.level == MirroringHealth::Failed)
        return Bucket::Failed; // a Failed catalog, a failed Databricks sync
    if (health.level == MirroringHealth::Warning)
        return Bucket::Warning; // a catalog's failed tables, a Databricks catalog never synced
    if (item.catalogStatus) {
        switch (item.catalogStatus->status.value) {
        case CatalogMirroringState::Running: return Bucket::Running;
        case CatalogMirroringState::Stopped: return Bucket::Stopped;
        default: return Bucket::Other;
        }
    }
    if (item.databricks && item.databricks->syncDetails) {
        // Synced, or syncing again: the catalog works; a sync under way is its normal work.
        switch (item.databricks->syncDetails->status.value) {
        case CatalogSyncStatus::Success:
        case CatalogSyncStatus::InProgress: return Bucket::Running;
        default: break;
        }
    }
    return Bucket::Other;
}

} // namespace

FleetModel::Bucket FleetModel::bucketOf(const FleetRow &row)
{
    if (row.item.kind != MirrorItemKind::MirroredDatabase)
        return itemBucketOf(row);
    if (!row.mirror.status)
        return row.detailError.isEmpty() ? Bucket::Loading : Bucket::Other;
    const MirroringHealth health = MirroredDatabaseListModel::healthOf(row.mirror);
    if (health.level == MirroringHealth::Failed)
        return Bucket::Failed;
    const QString &status = row.mirror.status->status.text;
    auto is = [&](const char *word) { return status.compare(QLatin1String(word), Qt::CaseInsensitive) == 0; };
    // Before the warning: a Paused database's health is a warning too (someone must act), and
    // it was counted as "Running with warning", its own bucket always empty.
    if (is("Paused"))
        return Bucket::Paused;
    if (health.level == MirroringHealth::Warning)
        return Bucket::Warning;
    if (is("Running"))
        return Bucket::Running;
    if (is("Stopped") || is("Stopping"))
        return Bucket::Stopped;
    if (is("Initializing") || is("Initialized") || is("Starting"))
        return Bucket::Initializing;
    return Bucket::Other; // a status the API added since: shown as sent, counted apart
}

QString FleetModel::bucketText(Bucket bucket)
{
    switch (bucket) {
    case Bucket::Failed: return tr("Failed");
    case Bucket::Warning: return tr("Running with warning");
    case Bucket::Paused: return tr("Paused");
    case Bucket::Stopped: return tr("Stopped");
    case Bucket::Initializing: return tr("Initializing");
    case Bucket::Running: return tr("Running");
    case Bucket::NoStatus: return tr("No status call");
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

QString FleetModel::healthText(const FleetRow &row)
{
    const bool database = row.item.kind == MirrorItemKind::MirroredDatabase;
    const bool answered = database ? bool(row.mirror.status) : (row.item.catalogStatus || row.item.databricks);
    const QString noStatus = MirrorItemKind::noStatusText(row.item.kind);
    if (!answered && noStatus.isEmpty())
        return row.detailError.isEmpty() ? tr("Loading…") : tr("Unknown: %1").arg(row.detailError);
    return database ? MirroredDatabaseListModel::healthOf(row.mirror).text : MirrorItemListModel::healthOf(row.item).text;
}

QString FleetModel::healthReason(const FleetRow &row)
{
    if (!row.detailError.isEmpty())
        return row.detailError;
    if (row.item.kind == MirrorItemKind::MirroredDatabase)
        return {};
    const QString error = MirrorItemListModel::errorOf(row.item);
    return error.isEmpty() ? MirrorItemKind::noStatusExplanation(row.item.kind) : error;
}

QString FleetModel::detailsText(const FleetRow &row)
{
    if (row.item.kind == MirrorItemKind::MirroredDatabase)
        return MirroredDatabaseListModel::tablesText(row.mirror);
    return MirrorItemListModel::detailsOf(row.item);
}

QVariant FleetModel::columnValue(const FleetRow &row, int column) const
{
    switch (column) {
    case Name: return row.mirror.database.displayName;
    case Type: return MirrorItemKind::typeText(row.item.kind, row.mirror.database.type);
    case Workspace: return row.mirror.workspaceName;
    case Capacity: return row.capacityName.isEmpty() ? row.capacityId : row.capacityName;
    case SourceType: return row.sourceType;
    case Health: return healthText(row);
    case Tables: return detailsText(row);
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
    case KindRole: return int(row.item.kind);
    case UnderlyingDataRole:
        // Health sorts worst first, then by name within a bucket: the bucket's rank, zero-padded
        // so that it compares as text, before the name (an int alone left a bucket in the order
        // the statuses arrived).
        if (index.column() == Health)
            return QStringLiteral("%1\x1f%2").arg(int(bucketOf(row)), 2, 10, QLatin1Char('0'))
                .arg(columnValue(row, Name).toString());
        break;
    case Qt::DisplayRole:
        return displayText(columnValue(row, index.column()).toString(), 200);
    case Qt::ToolTipRole: {
        if (index.column() == Type)
            return plainToolTip(row.mirror.database.type); // as the service spells it
        const QString text = columnValue(row, index.column()).toString();
        const QString reason = index.column() == Health ? healthReason(row) : QString();
        return plainToolTip(reason.isEmpty() || text.contains(reason) ? text : text + u'\n' + reason);
    }
    default:
        break;
    }
    return KeyedTableModel::data(index, role);
}

} // namespace fmc
