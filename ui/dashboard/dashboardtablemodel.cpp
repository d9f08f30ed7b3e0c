#include "dashboardtablemodel.h"

#include "models/sqlendpointsyncstore.h"

#include "models/displaytext.h"
#include "ui/themecolours.h"

#include <QBrush>
#include <QColor>
#include <QGuiApplication>
#include <QHash>
#include <QLocale>
#include <QPainter>
#include <QPixmap>

#include <algorithm>
#include <utility>

namespace fmc {

namespace {

QIcon dotIcon(const QColor &color)
{
    // One pixmap per scale, so that the dot stays sharp at 150 % and 200 % (QIcon picks the one
    // for the screen's device pixel ratio instead of stretching the 16 px one).
    QIcon icon;
    for (const int size : {16, 24, 32, 48}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const qreal scale = size / 16.0;
        painter.setPen(QPen(color.darker(130), scale));
        painter.setBrush(color);
        painter.drawEllipse(QRectF(2.5 * scale, 2.5 * scale, 11 * scale, 11 * scale));
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace

DashboardTableModel::DashboardTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(0);
    connect(&m_flushTimer, &QTimer::timeout, this, &DashboardTableModel::flushChanges);
    const TableStatusModel titles;
    m_headers << tr("Database");
    for (int c = 0; c < TableStatusModel::ColumnCount; ++c)
        m_headers << titles.headerData(c, Qt::Horizontal).toString();
    m_headers << tr("Endpoint synced") << tr("Query visibility");
}

void DashboardTableModel::setSqlEndpointSyncs(SqlEndpointSyncStore *store)
{
    if (m_endpointSyncs)
        disconnect(m_endpointSyncs, nullptr, this, nullptr);
    m_endpointSyncs = store;
    if (!store)
        return;
    connect(store, &SqlEndpointSyncStore::resultChanged, this, [this](const QString &databaseId) {
        for (const Source &s : std::as_const(m_sources))
            if (s.databaseId == databaseId && s.model && s.model->rowCount() > 0)
                emit dataChanged(index(s.firstRow, EndpointSync),
                                 index(s.firstRow + s.model->rowCount() - 1, EndpointVisibility));
    });
}

QVariant DashboardTableModel::endpointData(const Source &source, const TableStatusRow &row, int column, int role) const
{
    const TableSyncStatus *endpoint = m_endpointSyncs ? m_endpointSyncs->table(source.databaseId, row.status.sourceSchemaName,
                                                                               row.status.sourceTableName)
                                                      : nullptr;
    const QDateTime replicated = row.status.metrics ? row.status.metrics->lastSyncDateTime : QDateTime();
    const auto visibility = SqlEndpointSyncStore::visibility(endpoint, replicated);
    if (role == VisibilityRole)
        return int(visibility);
    if (column == EndpointSync) {
        const QDateTime at = endpoint ? endpoint->lastSuccessfulSyncDateTime : QDateTime();
        switch (role) {
        case Qt::DisplayRole:
            return at.isValid() ? QLocale().toString(at.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QString();
        case UnderlyingDataRole:
            return at;
        case Qt::ToolTipRole:
            if (!endpoint)
                return m_endpointSyncs && m_endpointSyncs->hasResult(source.databaseId)
                           ? tr("The last SQL endpoint refresh did not report this table.")
                           : tr("Not known: refresh the SQL endpoint to learn when it last synced this table.");
            return plainToolTip(tr("Last refresh: %1").arg(endpoint->status.text)
                                + (endpoint->error ? u'\n' + endpoint->error->errorCode + QStringLiteral(": ")
                                                         + endpoint->error->message
                                                   : QString()));
        default:
            return {};
        }
    }
    switch (role) {
    case Qt::DisplayRole:
        return SqlEndpointSyncStore::visibilityText(visibility);
    case UnderlyingDataRole:
        return int(visibility);
    case Qt::ForegroundRole:
        if (visibility == SqlEndpointSyncStore::Visibility::NotVisibleYet)
            return QBrush(ThemeColours::warning(QGuiApplication::palette()));
        if (visibility == SqlEndpointSyncStore::Visibility::SyncFailed)
            return QBrush(ThemeColours::failed(QGuiApplication::palette()));
        return {};
    case Qt::ToolTipRole:
        if (visibility == SqlEndpointSyncStore::Visibility::NotVisibleYet)
            return tr("Replication synced this table at %1, after the SQL endpoint last did (%2): queries through the "
                      "endpoint do not see the newest data yet. Refresh the SQL endpoint.")
                .arg(QLocale().toString(replicated.toLocalTime(), QStringLiteral("HH:mm:ss")),
                     QLocale().toString(endpoint->lastSuccessfulSyncDateTime.toLocalTime(), QStringLiteral("HH:mm:ss")));
        return {};
    default:
        return {};
    }
}

QIcon DashboardTableModel::statusIcon(const QString &statusText)
{
    // Drawn, not loaded: the colours are the meaning, and tests need no resource files.
    static const QHash<QString, QColor> colours{
        {QStringLiteral("Replicating"), QColor(0x2e, 0x9e, 0x44)},
        {QStringLiteral("Running"), QColor(0x2e, 0x9e, 0x44)}, // a mirrored catalog's table
        {QStringLiteral("Snapshotting"), QColor(0x2f, 0x7d, 0xd1)},
        {QStringLiteral("Initialized"), QColor(0x8a, 0x9b, 0xb0)},
        {QStringLiteral("Reseeding"), QColor(0xe0, 0x9b, 0x1a)},
        {QStringLiteral("Failed"), QColor(0xd1, 0x34, 0x38)},
        {QStringLiteral("Stopped"), QColor(0x70, 0x70, 0x70)},
    };
    static QHash<QString, QIcon> cache;
    const auto colour = colours.constFind(statusText);
    if (colour == colours.cend())
        return {};
    auto it = cache.find(statusText);
    if (it == cache.end())
        it = cache.insert(statusText, dotIcon(*colour));
    return *it;
}

void DashboardTableModel::connectSource(TableStatusModel *model)
{
    // Each handler finds the model's current offset: earlier databases may have grown since.
    // Changes are flushed before any row moves, so their row numbers are still right.
    connect(model, &QAbstractItemModel::rowsAboutToBeInserted, this, [this, model](const QModelIndex &, int first, int last) {
        flushChanges();
        const int offset = m_sources.at(indexOfModel(model)).firstRow;
        beginInsertRows({}, offset + first, offset + last);
    });
    connect(model, &QAbstractItemModel::rowsInserted, this, [this] {
        recomputeOffsets();
        endInsertRows();
    });
    connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this, [this, model](const QModelIndex &, int first, int last) {
        flushChanges();
        const int offset = m_sources.at(indexOfModel(model)).firstRow;
        beginRemoveRows({}, offset + first, offset + last);
    });
    connect(model, &QAbstractItemModel::rowsRemoved, this, [this] {
        recomputeOffsets();
        endRemoveRows();
    });
    connect(model, &QAbstractItemModel::dataChanged, this,
            [this, model](const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles) {
                Pending &p = m_sources[indexOfModel(model)].pending;
                const bool first = p.top < 0;
                p.top = first ? topLeft.row() : std::min(p.top, topLeft.row());
                p.bottom = first ? bottomRight.row() : std::max(p.bottom, bottomRight.row());
                p.left = first ? topLeft.column() : std::min(p.left, topLeft.column());
                p.right = first ? bottomRight.column() : std::max(p.right, bottomRight.column());
                if (roles.isEmpty())
                    p.allRoles = true;
                for (int role : roles)
                    if (!p.roles.contains(role))
                        p.roles.append(role);
                if (!m_flushTimer.isActive())
                    m_flushTimer.start();
            });
    // The monitor never resets a table model; if one did, a reset is the only honest answer.
    connect(model, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        flushChanges();
        beginResetModel();
    });
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        recomputeOffsets();
        endResetModel();
    });
}

void DashboardTableModel::flushChanges()
{
    m_flushTimer.stop();
    // Ranges of databases next to each other (little unchanged in between) go out as one: each
    // signal costs the sorting proxy a pass and a layout change, whatever its size.
    Pending merged;
    const auto emitMerged = [this](Pending &p) {
        // The visibility column compares LastSync with the endpoint: it changes with LastSync.
        const bool lastSync = p.left <= TableStatusModel::LastSync && TableStatusModel::LastSync <= p.right;
        if (p.top >= 0)
            emit dataChanged(index(p.top, FirstTableColumn + p.left),
                             index(p.bottom, lastSync ? int(EndpointVisibility) : FirstTableColumn + p.right),
                             p.allRoles ? QList<int>() : p.roles);
        p = Pending();
    };
    for (Source &s : m_sources) {
        Pending p = std::exchange(s.pending, Pending());
        if (p.top < 0 || !s.model)
            continue;
        const int top = s.firstRow + p.top, bottom = s.firstRow + p.bottom;
        if (merged.top >= 0 && top - merged.bottom > std::max(merged.bottom - merged.top, bottom - top) + 1)
            emitMerged(merged);
        if (merged.top < 0) {
            merged = p;
            merged.top = top;
            merged.bottom = bottom;
            continue;
        }
        merged.bottom = bottom;
        merged.left = std::min(merged.left, p.left);
        merged.right = std::max(merged.right, p.right);
        merged.allRoles = merged.allRoles || p.allRoles;
        for (int role : std::as_const(p.roles))
            if (!merged.roles.contains(role))
                merged.roles.append(role);
    }
    emitMerged(merged);
}

void DashboardTableModel::addDatabase(const QString &databaseId, const QString &label, TableStatusModel *model)
{
    for (const Source &s : std::as_const(m_sources))
        if (s.databaseId == databaseId)
            return;
    flushChanges();
    const int rows = model->rowCount();
    if (rows > 0)
        beginInsertRows({}, m_rowCount, m_rowCount + rows - 1);
    m_sources.append({databaseId, label, model, m_rowCount, {}});
    recomputeOffsets();
    if (rows > 0)
        endInsertRows();
    connectSource(model);
}

void DashboardTableModel::removeDatabase(const QString &databaseId)
{
    const auto it = std::find_if(m_sources.begin(), m_sources.end(),
                                 [&](const Source &s) { return s.databaseId == databaseId; });
    if (it == m_sources.end())
        return;
    flushChanges();
    if (it->model)
        disconnect(it->model, nullptr, this, nullptr);
    const int first = it->firstRow;
    const int rows = it->model ? it->model->rowCount() : 0;
    if (rows > 0)
        beginRemoveRows({}, first, first + rows - 1);
    m_sources.erase(it);
    recomputeOffsets();
    if (rows > 0)
        endRemoveRows();
}

int DashboardTableModel::indexOfModel(const QObject *model) const
{
    for (int i = 0; i < m_sources.size(); ++i)
        if (m_sources.at(i).model == model)
            return i;
    Q_UNREACHABLE();
    return 0;
}

void DashboardTableModel::recomputeOffsets()
{
    int row = 0;
    m_sourceOfRow.clear();
    for (int i = 0; i < m_sources.size(); ++i) {
        Source &s = m_sources[i];
        s.firstRow = row;
        const int rows = s.model ? s.model->rowCount() : 0;
        m_sourceOfRow.insert(m_sourceOfRow.end(), size_t(rows), i);
        row += rows;
    }
    m_rowCount = row;
}

int DashboardTableModel::sourceAt(int row) const
{
    // Sorting 10,000 rows asks this ~300,000 times: one array read, where a search per call was
    // a fifth of the re-sort at the end of each refresh.
    if (row >= 0 && size_t(row) < m_sourceOfRow.size())
        return m_sourceOfRow[size_t(row)];
    // The last source whose first row is at or before \a row (sources may be empty).
    const auto it = std::upper_bound(m_sources.cbegin(), m_sources.cend(), row,
                                     [](int r, const Source &s) { return r < s.firstRow; });
    int i = int(it - m_sources.cbegin()) - 1;
    while (i > 0 && (!m_sources.at(i).model || row - m_sources.at(i).firstRow >= m_sources.at(i).model->rowCount()))
        --i;
    return i;
}

const TableStatusRow *DashboardTableModel::tableRow(int row) const
{
    if (row < 0 || row >= m_rowCount || m_sources.isEmpty())
        return nullptr;
    const Source &source = m_sources.at(sourceAt(row));
    return source.model ? &source.model->rowAt(row - source.firstRow) : nullptr;
}

QString DashboardTableModel::databaseLabel(int row) const
{
    if (row < 0 || row >= m_rowCount || m_sources.isEmpty())
        return {};
    return m_sources.at(sourceAt(row)).label;
}

QString DashboardTableModel::alertKey(const QString &databaseId, const QString &schema, const QString &table) const
{
    return databaseId + QChar(0x1e) + TableStatusRow::keyText(schema, table);
}

void DashboardTableModel::setAlert(const QString &databaseId, const QString &schema, const QString &table, bool on)
{
    const QString key = alertKey(databaseId, schema, table);
    if (on == m_alerts.contains(key))
        return;
    if (on)
        m_alerts.insert(key);
    else
        m_alerts.remove(key);
    for (const Source &s : std::as_const(m_sources)) {
        if (s.databaseId != databaseId || !s.model)
            continue;
        const int row = s.model->rowOfKey(TableKey{schema, table});
        if (row >= 0)
            emit dataChanged(index(s.firstRow + row, 0), index(s.firstRow + row, ColumnCount - 1),
                             {Qt::BackgroundRole, Qt::ForegroundRole, AlertRole});
    }
}

bool DashboardTableModel::hasAlert(const QString &databaseId, const QString &schema, const QString &table) const
{
    return m_alerts.contains(alertKey(databaseId, schema, table));
}

int DashboardTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rowCount;
}

int DashboardTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(ColumnCount);
}

QVariant DashboardTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || m_sources.isEmpty())
        return {};
    const Source &source = m_sources.at(sourceAt(index.row()));
    if (!source.model)
        return {};
    const int sourceRow = index.row() - source.firstRow;
    const TableStatusRow &row = source.model->rowAt(sourceRow);
    // The endpoint columns colour their own text (the flag); an alert row keeps its background.
    if ((index.column() >= EndpointSync && role != Qt::BackgroundRole && role != DatabaseIdRole
         && role != StatusTextRole && role != AlertRole)
        || role == VisibilityRole)
        return endpointData(source, row, index.column(), role);
    switch (role) {
    case DatabaseIdRole:
        return source.databaseId;
    case StatusTextRole:
        return row.status.status.text;
    case AlertRole:
        return m_alerts.contains(alertKey(source.databaseId, row.status.sourceSchemaName, row.status.sourceTableName));
    case Qt::BackgroundRole:
        if (m_alerts.contains(alertKey(source.databaseId, row.status.sourceSchemaName, row.status.sourceTableName)))
            return QBrush(ThemeColours::colour(ThemeColours::Meaning::AlertBackground, QGuiApplication::palette()));
        return {};
    case Qt::ForegroundRole:
        if (m_alerts.contains(alertKey(source.databaseId, row.status.sourceSchemaName, row.status.sourceTableName)))
            return QBrush(ThemeColours::colour(ThemeColours::Meaning::AlertText, QGuiApplication::palette()));
        return {};
    default:
        break;
    }
    if (index.column() == Database) {
        if (role == Qt::DisplayRole)
            return displayText(source.label);
        if (role == UnderlyingDataRole)
            return source.label;
        if (role == Qt::ToolTipRole)
            return plainToolTip(source.label + u'\n' + source.databaseId);
        return {};
    }
    const int column = index.column() - FirstTableColumn;
    if (role == Qt::DecorationRole) {
        if (column == TableStatusModel::Status) {
            const QIcon icon = statusIcon(row.status.status.text);
            return icon.isNull() ? QVariant() : QVariant(icon);
        }
        return {};
    }
    return source.model->data(source.model->index(sourceRow, column), role);
}

QVariant DashboardTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    return m_headers.value(section);
}

} // namespace fmc
