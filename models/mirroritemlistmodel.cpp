#include "mirroritemlistmodel.h"

#include "models/displaytext.h"

#include <QLocale>

#include <algorithm>

namespace fmc {

MirrorItemListModel::MirrorItemListModel(QObject *parent)
    : KeyedTableModel({tr("Name"), tr("Type"), tr("Workspace"), tr("Health"), tr("Last sync"), tr("Details")}, parent)
{
    Q_ASSERT(columnCount() == ColumnCount);
}

QString MirrorItemListModel::keyText(const QString &workspaceId, const QString &itemId)
{
    return workspaceId.toLower() + QLatin1Char('/') + itemId.toLower();
}

QString MirrorItemListModel::keyOf(const MirrorItemRow &row) const
{
    return keyText(row.item.workspaceId, row.item.id);
}

void MirrorItemListModel::setItems(const QString &workspaceId, const QString &workspaceName, const QList<Item> &items)
{
    QList<MirrorItemRow> rows;
    for (const Item &item : items) {
        if (!MirrorItemKind::listedBesideDatabases(item.type))
            continue;
        MirrorItemRow row;
        row.item = item;
        if (row.item.workspaceId.isEmpty())
            row.item.workspaceId = workspaceId;
        row.workspaceName = workspaceName;
        row.kind = MirrorItemKind::of(item.type);
        rows.append(std::move(row));
    }
    const QString key = workspaceId.toLower();
    beginRefresh([key](const MirrorItemRow &row) { return row.item.workspaceId.toLower() == key; });
    applyPage(std::move(rows));
    endRefresh();
}

void MirrorItemListModel::clear()
{
    beginRefresh();
    endRefresh();
}

void MirrorItemListModel::carryOver(const MirrorItemRow *before, MirrorItemRow &after) const
{
    // A list answer says nothing of status: what the status calls said stays until they answer again.
    if (!before)
        return;
    after.catalogStatus = before->catalogStatus;
    after.catalogTables = before->catalogTables;
    after.catalogFailedTables = before->catalogFailedTables;
    after.databricks = before->databricks;
    after.sqlDatabase = before->sqlDatabase;
    after.statusError = before->statusError;
}

template <typename F>
void MirrorItemListModel::updateRow(const QString &workspaceId, const QString &itemId, F &&change)
{
    const int row = rowOfKey(keyText(workspaceId, itemId));
    if (row < 0)
        return;
    MirrorItemRow updated = rowAt(row);
    change(updated);
    replaceRow(row, std::move(updated));
}

void MirrorItemListModel::setCatalogStatus(const QString &workspaceId, const QString &itemId,
                                           const CatalogMirroringStatus &status)
{
    updateRow(workspaceId, itemId, [&](MirrorItemRow &row) {
        row.catalogStatus = status;
        row.statusError.clear();
    });
}

void MirrorItemListModel::setCatalogTables(const QString &workspaceId, const QString &itemId,
                                           const QList<CatalogTableStatus> &tables)
{
    updateRow(workspaceId, itemId, [&](MirrorItemRow &row) { summariseCatalogTables(row, tables); });
}

void MirrorItemListModel::summariseCatalogTables(MirrorItemRow &row, const QList<CatalogTableStatus> &tables)
{
    row.catalogTables = int(tables.size());
    row.catalogFailedTables = int(std::count_if(tables.cbegin(), tables.cend(), [](const CatalogTableStatus &t) {
        return t.status == CatalogMirroringState::Failed;
    }));
}

void MirrorItemListModel::setDatabricks(const QString &workspaceId, const QString &itemId,
                                        const MirroredAzureDatabricksCatalog::Properties &properties)
{
    updateRow(workspaceId, itemId, [&](MirrorItemRow &row) {
        row.databricks = properties;
        row.statusError.clear();
    });
}

void MirrorItemListModel::setSqlDatabase(const QString &workspaceId, const QString &itemId,
                                         const SqlDatabase::Properties &properties)
{
    updateRow(workspaceId, itemId, [&](MirrorItemRow &row) {
        row.sqlDatabase = properties;
        row.statusError.clear();
    });
}

void MirrorItemListModel::setStatusError(const QString &workspaceId, const QString &itemId, const QString &error)
{
    updateRow(workspaceId, itemId, [&](MirrorItemRow &row) { row.statusError = error; });
}

const MirrorItemRow *MirrorItemListModel::find(const QString &workspaceId, const QString &itemId) const
{
    const int row = rowOfKey(keyText(workspaceId, itemId));
    return row < 0 ? nullptr : &rowAt(row);
}

MirroringHealth MirrorItemListModel::healthOf(const MirrorItemRow &row)
{
    if (const QString none = MirrorItemKind::noStatusText(row.kind); !none.isEmpty())
        return {MirroringHealth::Normal, none};
    if (!row.statusError.isEmpty())
        return {MirroringHealth::Warning, tr("Status unavailable")};
    if (row.kind == MirrorItemKind::MirroredCatalog) {
        if (!row.catalogStatus)
            return {MirroringHealth::Normal, {}};
        const auto &status = row.catalogStatus->status;
        switch (status.value) {
        case CatalogMirroringState::Failed:
            return {MirroringHealth::Failed, tr("Failed")};
        case CatalogMirroringState::Running:
            if (row.catalogFailedTables > 0)
                return {MirroringHealth::Warning,
                        row.catalogFailedTables == 1 ? tr("Running, 1 table failed")
                                                     : tr("Running, %1 tables failed").arg(row.catalogFailedTables)};
            return {MirroringHealth::Normal, tr("Running")};
        case CatalogMirroringState::Stopped:
            return {MirroringHealth::Normal, tr("Stopped")};
        case CatalogMirroringState::Unknown:
            break;
        }
        return {MirroringHealth::Normal, status.text}; // a status added after this version: as sent
    }
    if (row.kind == MirrorItemKind::AzureDatabricksCatalog) {
        if (!row.databricks)
            return {MirroringHealth::Normal, {}};
        if (!row.databricks->syncDetails)
            return {MirroringHealth::Normal, tr("No sync details")};
        const auto &status = row.databricks->syncDetails->status;
        switch (status.value) {
        case CatalogSyncStatus::Success:
            return {MirroringHealth::Normal, tr("Synced")};
        case CatalogSyncStatus::InProgress:
            return {MirroringHealth::Normal, tr("Syncing")};
        case CatalogSyncStatus::NotStarted:
            return {MirroringHealth::Warning, tr("Not synced yet")};
        case CatalogSyncStatus::Failed:
            return {MirroringHealth::Failed, tr("Sync failed")};
        case CatalogSyncStatus::Unknown:
            break;
        }
        return {MirroringHealth::Normal, status.text};
    }
    return {MirroringHealth::Normal, {}};
}

QDateTime MirrorItemListModel::lastSyncOf(const MirrorItemRow &row)
{
    // `lastSyncDateTime` is required in SyncDetails, so a catalog never synced may carry .NET's
    // DateTime.MinValue (0001-01-01): that means "never", not a date to show or sort by.
    auto real = [](const QDateTime &at) { return at.isValid() && at.date().year() > 1900 ? at : QDateTime(); };
    if (row.catalogStatus)
        return real(row.catalogStatus->lastSyncDateTime);
    if (row.databricks && row.databricks->syncDetails)
        return real(row.databricks->syncDetails->lastSyncDateTime);
    return {};
}

QString MirrorItemListModel::detailsOf(const MirrorItemRow &row)
{
    switch (row.kind) {
    case MirrorItemKind::MirroredCatalog: {
        if (row.catalogTables < 0)
            return {};
        QString text = row.catalogTables == 1 ? tr("1 table") : tr("%1 tables").arg(row.catalogTables);
        if (row.catalogFailedTables > 0)
            text += tr(", %1 failed").arg(row.catalogFailedTables);
        return text;
    }
    case MirrorItemKind::AzureDatabricksCatalog:
        if (!row.databricks)
            return {};
        return tr("Catalog %1 · %2 mode · auto sync %3")
            .arg(displayText(row.databricks->catalogName), displayText(row.databricks->mirroringMode.text),
                 displayText(row.databricks->autoSync.text));
    case MirrorItemKind::SqlDatabase:
        return row.sqlDatabase ? tr("Database %1").arg(displayText(row.sqlDatabase->databaseName)) : QString();
    default:
        return {};
    }
}

QString MirrorItemListModel::errorOf(const MirrorItemRow &row)
{
    if (!row.statusError.isEmpty())
        return row.statusError;
    if (row.catalogStatus && row.catalogStatus->error)
        return row.catalogStatus->error->errorCode + QStringLiteral(": ") + row.catalogStatus->error->message;
    if (row.databricks && row.databricks->syncDetails && row.databricks->syncDetails->errorInfo) {
        const auto &info = *row.databricks->syncDetails->errorInfo;
        return info.errorCode + QStringLiteral(": ") + info.errorMessage;
    }
    return {};
}

QVariant MirrorItemListModel::columnValue(const MirrorItemRow &row, int column) const
{
    switch (column) {
    case Name:
        return displayText(row.item.displayName);
    case Type:
        return displayText(MirrorItemKind::typeText(row.kind, row.item.type));
    case Workspace:
        return displayText(row.workspaceName);
    case Health:
        return displayText(healthOf(row).text);
    case LastSync:
        return lastSyncOf(row);
    case Details:
        return detailsOf(row);
    default:
        return {};
    }
}

QVariant MirrorItemListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const MirrorItemRow &row = rowAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == LastSync) {
            const QDateTime at = lastSyncOf(row);
            return at.isValid() ? QLocale().toString(at.toLocalTime(), QLocale::ShortFormat) : QString();
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == Health) {
            const QString error = errorOf(row).isEmpty() ? MirrorItemKind::noStatusExplanation(row.kind) : errorOf(row);
            return plainToolTip(error.isEmpty() ? healthOf(row).text : healthOf(row).text + u'\n' + error);
        }
        if (index.column() == Type)
            return plainToolTip(row.item.type); // the type as the service spells it
        return plainToolTip(columnValue(row, index.column()).toString());
    case HealthLevelRole:
        return int(healthOf(row).level);
    case WorkspaceIdRole:
        return row.item.workspaceId;
    case ItemIdRole:
        return row.item.id;
    case KindRole:
        return int(row.kind);
    default:
        break;
    }
    return KeyedTableModel::data(index, role);
}

} // namespace fmc
