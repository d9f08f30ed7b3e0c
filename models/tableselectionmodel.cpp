#include "tableselectionmodel.h"

#include "models/displaytext.h"
#include "models/textexcerpt.h"

#include <QFile>
#include <QRegularExpression>
#include <QFileInfo>

#include <algorithm>

namespace fmc {

namespace {

QString caseKey(const QString &schema, const QString &table)
{
    // SQL sources compare identifiers without case, as MirroringDefinition::validate() does.
    return schema.toCaseFolded() + QChar(0x1f) + table.toCaseFolded();
}

// Why \a text (one trimmed line) is not a table, quoting at most its start.
QString notATable(const QString &text)
{
    if (text.size() > TableSelectionModel::kExcerptLength)
        return QStringLiteral("“%1” (%2 characters) is not a table; write schema.table, such as dbo.Orders")
            .arg(textExcerpt(text, TableSelectionModel::kExcerptLength))
            .arg(text.size());
    return QStringLiteral("“%1” is not a table; write schema.table, such as dbo.Orders").arg(text);
}

} // namespace

QString TableSelectionModel::AddResult::summary() const
{
    QStringList sentences;
    sentences << (added == 1 ? QStringLiteral("1 table added.") : QStringLiteral("%1 tables added.").arg(added));
    if (duplicates > 0)
        sentences << QStringLiteral("%1 already listed (names are compared without case).").arg(duplicates);
    if (overLimit > 0)
        sentences << QStringLiteral("%1 not added: the limit was reached.").arg(overLimit);
    for (const QString &problem : problems)
        sentences << problem;
    return sentences.join(u' ');
}

TableSelectionModel::TableSelectionModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int TableSelectionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TableSelectionModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TableSelectionModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayText(index.column() == SchemaColumn ? row.schema : row.table);
    case Qt::ToolTipRole:
        return fullTextToolTip(index.column() == SchemaColumn ? row.schema : row.table);
    case Qt::EditRole:
        return index.column() == SchemaColumn ? row.schema : row.table;
    case Qt::CheckStateRole:
        if (index.column() == SchemaColumn)
            return row.checked ? Qt::Checked : Qt::Unchecked;
        return {};
    default:
        return {};
    }
}

bool TableSelectionModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return false;
    Row &row = m_rows[index.row()];
    if (role == Qt::CheckStateRole && index.column() == SchemaColumn) {
        const bool checked = value.toInt() == Qt::Checked;
        if (checked == row.checked)
            return true;
        if (checked && checkedCount() >= m_limit) {
            setLastMessage(limitMessage());
            return false;
        }
        row.checked = checked;
        emit dataChanged(index, index, {Qt::CheckStateRole});
        emit selectionChanged();
        return true;
    }
    if (role == Qt::EditRole) {
        const QString text = value.toString().trimmed();
        if (text.isEmpty()) {
            setLastMessage(QStringLiteral("A table needs both a schema name and a table name."));
            return false;
        }
        const QString schema = index.column() == SchemaColumn ? text : row.schema;
        const QString table = index.column() == TableColumn ? text : row.table;
        const int existing = findRow(schema, table);
        if (existing >= 0 && existing != index.row()) {
            setLastMessage(QStringLiteral("%1.%2 is already listed.").arg(schema, table));
            return false;
        }
        row.schema = schema;
        row.table = table;
        m_indexStale = true;
        emit dataChanged(index, index, {Qt::DisplayRole, Qt::EditRole});
        if (row.checked)
            emit selectionChanged();
        return true;
    }
    return false;
}

Qt::ItemFlags TableSelectionModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags result = Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable;
    if (index.column() == SchemaColumn)
        result |= Qt::ItemIsUserCheckable;
    return result;
}

QVariant TableSelectionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    return section == SchemaColumn ? QStringLiteral("Schema") : QStringLiteral("Table");
}

bool TableSelectionModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > m_rows.size())
        return false;
    const bool hadChecked = std::any_of(m_rows.begin() + row, m_rows.begin() + row + count,
                                        [](const Row &r) { return r.checked; });
    beginRemoveRows({}, row, row + count - 1);
    m_rows.remove(row, count);
    m_indexStale = true;
    endRemoveRows();
    if (hadChecked)
        emit selectionChanged();
    return true;
}

void TableSelectionModel::setLimit(int limit)
{
    if (limit == m_limit)
        return;
    m_limit = limit;
    emit limitChanged();
}

int TableSelectionModel::checkedCount() const
{
    return int(std::count_if(m_rows.begin(), m_rows.end(), [](const Row &r) { return r.checked; }));
}

QList<MountedTable> TableSelectionModel::checkedTables() const
{
    QList<MountedTable> tables;
    for (const Row &row : m_rows) {
        if (row.checked)
            tables.append({row.schema, row.table});
    }
    return tables;
}

void TableSelectionModel::setTables(const QList<MountedTable> &tables)
{
    beginResetModel();
    m_rows.clear();
    for (const MountedTable &table : tables)
        m_rows.append({table.schemaName, table.tableName, true});
    m_indexStale = true;
    endResetModel();
    emit selectionChanged();
}

int TableSelectionModel::addKnownTables(const QList<MountedTable> &tables)
{
    QSet<QString> seen;
    QList<Row> rows;
    for (const MountedTable &table : tables) {
        if (table.tableName.isEmpty() || findRow(table.schemaName, table.tableName) >= 0)
            continue;
        const QString key = caseKey(table.schemaName, table.tableName);
        if (seen.contains(key))
            continue;
        seen.insert(key);
        rows.append({table.schemaName, table.tableName, false});
    }
    appendRows(rows);
    return int(rows.size());
}

bool TableSelectionModel::addTable(const QString &schema, const QString &table)
{
    const QString s = schema.trimmed();
    const QString t = table.trimmed();
    if (s.isEmpty() || t.isEmpty()) {
        setLastMessage(QStringLiteral("A table needs both a schema name and a table name."));
        return false;
    }
    const int existing = findRow(s, t);
    if (existing >= 0) {
        if (m_rows.at(existing).checked) {
            setLastMessage(QStringLiteral("%1.%2 is already listed.").arg(s, t));
            return false;
        }
        return setData(index(existing, SchemaColumn), Qt::Checked, Qt::CheckStateRole);
    }
    if (checkedCount() >= m_limit) {
        setLastMessage(limitMessage());
        return false;
    }
    appendRows({{s, t, true}});
    setLastMessage({});
    emit selectionChanged();
    return true;
}

std::optional<MountedTable> TableSelectionModel::parseLine(const QString &line, QString *error)
{
    const QString text = line.trimmed();
    if (text.isEmpty() || text.startsWith(u'#'))
        return MountedTable{};
    // One line at a time through the shared reader, so each bad line gets its number.
    QStringList unreadable;
    const QList<MountedTable> tables = MirroringDefinition::parseTableList(text, &unreadable);
    if (!unreadable.isEmpty()) {
        if (error)
            *error = notATable(text);
        return std::nullopt;
    }
    return tables.value(0); // empty for a "schema,table" header
}

TableSelectionModel::AddResult TableSelectionModel::addFromText(const QString &text)
{
    AddResult result;
    if (text.size() > kMaxTextLength) {
        result.problems << QStringLiteral("The text is too long for a list of tables (%1 million characters; at most %2 "
                                          "million are read).")
                               .arg(text.size() / (1024 * 1024))
                               .arg(kMaxTextLength / (1024 * 1024));
        setLastMessage(result.summary());
        return result;
    }
    // The lines that name something (not blank, not a # comment), with their numbers.
    static const QRegularExpression lineBreak(QStringLiteral("\\r\\n|\\n|\\r"));
    const QStringList lines = text.split(lineBreak);
    QStringList named;
    QList<qsizetype> lineNumbers;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString line = lines.at(i).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        named << std::move(line);
        lineNumbers << i + 1;
    }
    // One pass of the shared reader over all of them (not one per line: each call sets up its
    // own line splitting, which cost seconds for 100,000 lines). It keeps the order of both the
    // tables and the unreadable lines, so walking the lines again gives each bad one its number.
    QStringList unreadable;
    const QList<MountedTable> tables = MirroringDefinition::parseTableList(named.join(u'\n'), &unreadable);
    const bool header = named.size() > tables.size() + unreadable.size(); // a first "schema,table" line
    Batch batch;
    batch.checked = checkedCount();
    qsizetype nextBad = 0;
    qsizetype nextTable = 0;
    for (qsizetype i = header ? 1 : 0; i < named.size(); ++i) {
        if (nextBad < unreadable.size() && unreadable.at(nextBad) == named.at(i)) {
            if (++nextBad <= kMaxProblemsListed)
                result.problems << QStringLiteral("Line %1: %2.").arg(lineNumbers.at(i)).arg(notATable(named.at(i)));
            continue;
        }
        if (nextTable < tables.size())
            addCounted(tables.at(nextTable++), batch, result);
    }
    const qsizetype badLines = unreadable.size();
    if (badLines > kMaxProblemsListed)
        result.problems << QStringLiteral("%1 more lines are not tables either.").arg(badLines - kMaxProblemsListed);
    finishAdding(batch, result);
    return result;
}

TableSelectionModel::AddResult TableSelectionModel::addTables(const QList<MountedTable> &tables)
{
    AddResult result;
    Batch batch;
    batch.checked = checkedCount();
    for (const MountedTable &table : tables) {
        if (!table.schemaName.trimmed().isEmpty() && !table.tableName.trimmed().isEmpty())
            addCounted(table, batch, result);
    }
    finishAdding(batch, result);
    return result;
}

void TableSelectionModel::addCounted(const MountedTable &table, Batch &batch, AddResult &result)
{
    const QString key = caseKey(table.schemaName, table.tableName);
    const int existing = findRowByKey(key);
    if (batch.seen.contains(key) || (existing >= 0 && m_rows.at(existing).checked)) {
        ++result.duplicates;
        return;
    }
    batch.seen.insert(key);
    if (batch.checked >= m_limit) {
        ++result.overLimit;
        return;
    }
    if (existing >= 0) {
        m_rows[existing].checked = true;
        batch.firstChecked = batch.firstChecked < 0 ? existing : std::min(batch.firstChecked, existing);
        batch.lastChecked = std::max(batch.lastChecked, existing);
    } else {
        batch.newRows.append({table.schemaName, table.tableName, true});
        batch.newKeys.append(key);
    }
    ++batch.checked;
    ++result.added;
}

void TableSelectionModel::finishAdding(Batch &batch, AddResult &result)
{
    if (batch.firstChecked >= 0)
        emit dataChanged(index(batch.firstChecked, SchemaColumn), index(batch.lastChecked, SchemaColumn),
                         {Qt::CheckStateRole});
    appendRows(batch.newRows, batch.newKeys);
    if (result.overLimit > 0)
        result.problems.prepend(limitMessage());
    if (result.added > 0)
        emit selectionChanged();
    setLastMessage(result.summary());
}

TableSelectionModel::AddResult TableSelectionModel::importFile(const QString &path)
{
    // A list of 1,000 names is a few tens of kilobytes; anything far bigger is not such a list.
    constexpr qint64 maxBytes = 4 * 1024 * 1024;
    QFile file(path);
    const QString name = QFileInfo(path).fileName();
    AddResult failed;
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        failed.problems << QStringLiteral("Cannot read %1: %2.").arg(name, file.errorString());
    } else if (file.size() > maxBytes) {
        failed.problems << QStringLiteral("%1 is too large for a list of tables (over 4 MB).").arg(name);
    } else {
        return addFromText(QString::fromUtf8(file.readAll()));
    }
    setLastMessage(failed.problems.join(u' '));
    return failed;
}

void TableSelectionModel::removeTableRows(QList<int> rows)
{
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    for (int row : rows)
        removeRows(row, 1);
}

int TableSelectionModel::findRow(const QString &schema, const QString &table) const
{
    return findRowByKey(caseKey(schema, table));
}

int TableSelectionModel::findRowByKey(const QString &key) const
{
    if (m_indexStale) {
        m_rowByKey.clear();
        m_rowByKey.reserve(m_rows.size());
        // From the end: insert() keeps the last value given, so the first of equal rows wins, as before.
        for (qsizetype i = m_rows.size() - 1; i >= 0; --i)
            m_rowByKey.insert(caseKey(m_rows.at(i).schema, m_rows.at(i).table), int(i));
        m_indexStale = false;
    }
    return m_rowByKey.value(key, -1);
}

void TableSelectionModel::appendRows(const QList<Row> &rows, const QStringList &keys)
{
    if (rows.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows.size() - 1));
    m_rows.reserve(m_rows.size() + rows.size());
    if (!m_indexStale)
        m_rowByKey.reserve(m_rowByKey.size() + rows.size());
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const Row &row = rows.at(i);
        if (!m_indexStale) {
            const QString key = i < keys.size() ? keys.at(i) : caseKey(row.schema, row.table);
            if (!m_rowByKey.contains(key))
                m_rowByKey.insert(key, int(m_rows.size()));
        }
        m_rows.append(row);
    }
    endInsertRows();
}

void TableSelectionModel::setLastMessage(const QString &message)
{
    if (message == m_lastMessage)
        return;
    m_lastMessage = message;
    emit lastMessageChanged();
}

QString TableSelectionModel::limitMessage() const
{
    return QStringLiteral("At most %1 tables can be mirrored from this source; uncheck some tables first, or "
                          "choose “Mirror all data”.").arg(m_limit);
}

} // namespace fmc
