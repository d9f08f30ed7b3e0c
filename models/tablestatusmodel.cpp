#include "tablestatusmodel.h"

#include "models/displaytext.h"

#include <QLocale>

namespace fmc {

namespace {

// The metrics of a table, or an empty set when the service sent none.
const TableMirroringMetrics &metricsOf(const TableStatusRow &row)
{
    static const TableMirroringMetrics none;
    return row.status.metrics ? *row.status.metrics : none;
}

std::optional<double> ratePerSecond(std::optional<qint64> before, std::optional<qint64> after, double seconds)
{
    // A counter that went down (a reseed restarts it) has no meaningful rate for this interval.
    if (!before || !after || seconds <= 0 || *after < *before)
        return std::nullopt;
    return double(*after - *before) / seconds;
}

// QAbstractItemModelPrivate::isVariantLessThan's rule: no value sorts after every value.
template <typename T>
bool optionalLess(const std::optional<T> &a, const std::optional<T> &b)
{
    if (!a)
        return false;
    if (!b)
        return true;
    return *a < *b;
}

QString exactUtc(const QDateTime &when)
{
    return when.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz 'UTC'"));
}

} // namespace

int TableStatusModel::statusRank(const TableMirroringStatus &table)
{
    switch (table.status.value) {
    case TableStatus::Failed:
        return 0;
    case TableStatus::Unknown:
        return 1;
    default:
        break;
    }
    if (table.error)
        return 1;
    switch (table.status.value) {
    case TableStatus::Reseeding:
        return 2;
    case TableStatus::Stopped:
        return 3;
    case TableStatus::Initialized:
        return 4;
    case TableStatus::Snapshotting:
        return 5;
    default:
        return 6;
    }
}

QString TableStatusRow::keyText(const QString &schema, const QString &table)
{
    // U+001F (unit separator) cannot appear in a SQL identifier the service reports.
    return schema + QChar(0x1f) + table;
}

TableStatusModel::TableStatusModel(QObject *parent)
    : KeyedTableModel({tr("Schema"), tr("Table"), tr("Type"), tr("Status"), tr("Rows"), tr("Bytes"),
                       tr("Rows/s"), tr("Bytes/s"), tr("Last sync"), tr("Latency"), tr("Error code"),
                       tr("Error"), tr("Last update")},
                      parent)
{
    Q_ASSERT(columnCount() == ColumnCount);
}

void TableStatusModel::beginRefresh(const QDateTime &sampleTime)
{
    m_sampleTime = sampleTime.toMSecsSinceEpoch();
    KeyedTableModel::beginRefresh();
}

void TableStatusModel::applyPage(QList<TableMirroringStatus> tables)
{
    applyItems(tables, [this](TableMirroringStatus &&table) {
        return TableStatusRow {std::move(table), m_sampleTime, {}, {}};
    });
}

void TableStatusModel::applyCatalogPage(QList<CatalogTableStatus> tables)
{
    m_hasLastUpdates = true;
    applyItems(tables, [this](CatalogTableStatus &&table) {
        TableStatusRow row{table.asTableStatus(), m_sampleTime, {}, {}};
        row.lastUpdateDateTime = table.lastUpdateDateTime;
        return row;
    });
}

void TableStatusModel::setMetricsAvailable(bool available)
{
    if (available == m_metricsAvailable)
        return;
    m_metricsAvailable = available;
    for (Column column : {ProcessedRows, ProcessedBytes, RowsPerSecond, BytesPerSecond, Latency})
        signalColumn(column);
}

QString TableStatusModel::notAvailableText()
{
    return tr("n/a");
}

void TableStatusModel::setReferenceTime(const QDateTime &now)
{
    m_referenceTime = now;
    signalColumn(LastSync);
    if (m_hasLastUpdates)
        signalColumn(LastUpdate);
}

TableKey TableStatusModel::keyOf(const TableStatusRow &row) const
{
    return {row.status.sourceSchemaName, row.status.sourceTableName};
}

void TableStatusModel::carryOver(const TableStatusRow *before, TableStatusRow &after) const
{
    if (!before)
        return;
    if (before->sampledAtMSecs == after.sampledAtMSecs) {
        // The same table twice in one cycle: keep the rates of the real previous sample.
        after.rowsPerSecond = before->rowsPerSecond;
        after.bytesPerSecond = before->bytesPerSecond;
        return;
    }
    const double seconds = double(after.sampledAtMSecs - before->sampledAtMSecs) / 1000.0;
    after.rowsPerSecond = ratePerSecond(metricsOf(*before).processedRows, metricsOf(after).processedRows, seconds);
    after.bytesPerSecond = ratePerSecond(metricsOf(*before).processedBytes, metricsOf(after).processedBytes, seconds);
}

quint64 TableStatusModel::changedColumns(const TableStatusRow &before, const TableStatusRow &after) const
{
    // Most tables do not change between polls: settle them without building any QVariant.
    if (before.status == after.status && before.rowsPerSecond == after.rowsPerSecond
        && before.bytesPerSecond == after.bytesPerSecond && before.lastUpdateDateTime == after.lastUpdateDateTime)
        return 0;
    return KeyedTableModel::changedColumns(before, after);
}

QVariant TableStatusModel::columnValue(const TableStatusRow &row, int column) const
{
    const TableMirroringStatus &table = row.status;
    const TableMirroringMetrics &metrics = metricsOf(row);
    const auto optional = [](const auto &value) { return value ? QVariant::fromValue(*value) : QVariant(); };
    switch (Column(column)) {
    case Schema:
        return table.sourceSchemaName;
    case Table:
        return table.sourceTableName;
    case ObjectType:
        return table.sourceObjectType.text;
    case Status:
        return table.status.text;
    case ProcessedRows:
        return optional(metrics.processedRows);
    case ProcessedBytes:
        return optional(metrics.processedBytes);
    case RowsPerSecond:
        return optional(row.rowsPerSecond);
    case BytesPerSecond:
        return optional(row.bytesPerSecond);
    case LastSync:
        return metrics.lastSyncDateTime.isValid() ? QVariant(metrics.lastSyncDateTime) : QVariant();
    case Latency:
        return optional(metrics.lastSyncLatencyInSeconds);
    case ErrorCode:
        return table.error ? QVariant(table.error->errorCode) : QVariant();
    case ErrorMessage:
        return table.error ? QVariant(table.error->message) : QVariant();
    case LastUpdate:
        return row.lastUpdateDateTime.isValid() ? QVariant(row.lastUpdateDateTime) : QVariant();
    case ColumnCount:
        break;
    }
    return {};
}

bool TableStatusModel::lessThan(const TableStatusRow &a, const TableStatusRow &b, int column, Qt::CaseSensitivity cs)
{
    const TableMirroringStatus &x = a.status, &y = b.status;
    const TableMirroringMetrics &mx = metricsOf(a), &my = metricsOf(b);
    const auto text = [cs](const QString &l, const QString &r) { return l.compare(r, cs) < 0; };
    switch (Column(column)) {
    case Schema:
        return text(x.sourceSchemaName, y.sourceSchemaName);
    case Table:
        return text(x.sourceTableName, y.sourceTableName);
    case ObjectType:
        return text(x.sourceObjectType.text, y.sourceObjectType.text);
    case Status:
        return text(x.status.text, y.status.text);
    case ProcessedRows:
        return optionalLess(mx.processedRows, my.processedRows);
    case ProcessedBytes:
        return optionalLess(mx.processedBytes, my.processedBytes);
    case RowsPerSecond:
        return optionalLess(a.rowsPerSecond, b.rowsPerSecond);
    case BytesPerSecond:
        return optionalLess(a.bytesPerSecond, b.bytesPerSecond);
    case LastSync:
        if (!mx.lastSyncDateTime.isValid())
            return false;
        if (!my.lastSyncDateTime.isValid())
            return true;
        return mx.lastSyncDateTime < my.lastSyncDateTime;
    case Latency:
        return optionalLess(mx.lastSyncLatencyInSeconds, my.lastSyncLatencyInSeconds);
    case ErrorCode:
    case ErrorMessage:
        if (!x.error)
            return false;
        if (!y.error)
            return true;
        return column == ErrorCode ? text(x.error->errorCode, y.error->errorCode)
                                   : text(x.error->message, y.error->message);
    case LastUpdate:
        if (!a.lastUpdateDateTime.isValid())
            return false;
        if (!b.lastUpdateDateTime.isValid())
            return true;
        return a.lastUpdateDateTime < b.lastUpdateDateTime;
    case ColumnCount:
        break;
    }
    return false;
}

bool TableStatusModel::isMetricColumn(int column)
{
    return column == ProcessedRows || column == ProcessedBytes || column == RowsPerSecond || column == BytesPerSecond
           || column == Latency;
}

QVariant TableStatusModel::displayData(const TableStatusRow &row, int column) const
{
    if (!m_metricsAvailable && isMetricColumn(column))
        return notAvailableText();
    const QVariant value = columnValue(row, column);
    if (!value.isValid())
        return {};
    const QLocale locale;
    switch (Column(column)) {
    case ProcessedRows:
        return locale.toString(value.toLongLong());
    case ProcessedBytes:
        return locale.formattedDataSize(value.toLongLong());
    case RowsPerSecond:
        return tr("%1/s").arg(locale.toString(value.toDouble(), 'f', 1));
    case BytesPerSecond:
        return tr("%1/s").arg(locale.formattedDataSize(qint64(value.toDouble())));
    case LastSync:
    case LastUpdate:
        return m_referenceTime.isValid() ? timeAgo(value.toDateTime(), m_referenceTime) : exactUtc(value.toDateTime());
    case Latency:
        return tr("%n s", nullptr, value.toInt());
    default:
        return displayValue(value);
    }
}

QString TableStatusModel::timeAgo(const QDateTime &when, const QDateTime &now)
{
    const qint64 seconds = qMax<qint64>(0, when.secsTo(now));
    if (seconds < 60)
        return TableStatusModel::tr("%n s ago", nullptr, int(seconds));
    if (seconds < 3600)
        return TableStatusModel::tr("%n min ago", nullptr, int(seconds / 60));
    if (seconds < 86400)
        return TableStatusModel::tr("%n h ago", nullptr, int(seconds / 3600));
    return TableStatusModel::tr("%n d ago", nullptr, int(seconds / 86400));
}

QVariant TableStatusModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TableStatusRow &row = rowAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, index.column());
    case UnderlyingDataRole:
        return columnValue(row, index.column());
    case StatusRole:
        return int(row.status.status.value);
    case KeyRole:
        return TableStatusRow::keyText(row.status.sourceSchemaName, row.status.sourceTableName);
    case Qt::ToolTipRole:
        if (index.column() == LastSync && metricsOf(row).lastSyncDateTime.isValid())
            return exactUtc(metricsOf(row).lastSyncDateTime);
        if (index.column() == LastUpdate && row.lastUpdateDateTime.isValid())
            return exactUtc(row.lastUpdateDateTime);
        if (!m_metricsAvailable && isMetricColumn(index.column()))
            return tr("Not given by the API for this item type (a mirrored catalog's tables are shortcuts, not copies).");
        if ((index.column() == ErrorCode || index.column() == ErrorMessage) && row.status.error)
            return plainToolTip(row.status.error->message);
        return fullTextToolTip(columnValue(row, index.column()));
    case Qt::TextAlignmentRole:
        if (index.column() >= ProcessedRows && index.column() <= Latency && index.column() != LastSync)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QHash<int, QByteArray> TableStatusModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(UnderlyingDataRole, "underlyingData");
    names.insert(StatusRole, "status");
    names.insert(KeyRole, "key");
    return names;
}

} // namespace fmc
