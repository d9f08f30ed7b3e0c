#pragma once

#include "models/modelroles.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <bit>
#include <functional>
#include <type_traits>

namespace fmc {

//! \brief A table model whose rows are updated only by keyed diff, never by reset.
//!
//! A refresh is `beginRefresh()`, any number of `applyPage()` (pages may arrive one by one and
//! are shown as they come), then `endRefresh()`. Rows whose key is seen again are updated in
//! place and signalled with narrow dataChanged: per row and only over the changed columns when
//! few rows changed, one range when more than half of the rows did. New keys are appended with
//! one beginInsertRows per page; keys not seen in the cycle are removed one by one at the end.
//! So selection, sort and scroll survive every refresh, and a view repaints only what changed.
//!
//! Subclasses say what a key is, which columns differ between two versions of a row, and may
//! carry state from the previous version (rates, status set by another setter).
template <typename Row, typename Key = QString>
class KeyedTableModel : public QAbstractTableModel
{
public:
    //! \a headers are the column titles, in column order; their number is the column count.
    explicit KeyedTableModel(QStringList headers, QObject *parent = nullptr)
        : QAbstractTableModel(parent)
        , m_headers(std::move(headers))
    {
    }

    int columnCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_headers.size());
    }

    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override
    {
        if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 && section < m_headers.size())
            return m_headers.at(section);
        return QAbstractTableModel::headerData(section, orientation, role);
    }

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }

    //! DisplayRole and UnderlyingDataRole give columnValue(); KeyRole the key (text keys).
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        const Row &row = m_rows.at(index.row());
        if (role == Qt::DisplayRole || role == UnderlyingDataRole)
            return columnValue(row, index.column());
        if constexpr (std::is_same_v<Key, QString>) {
            if (role == KeyRole)
                return keyOf(row);
        }
        return {};
    }

    //! The row at \a row (0 <= row < rowCount()).
    const Row &rowAt(int row) const { return m_rows.at(row); }
    //! The row number of \a key, or -1.
    int rowOfKey(const Key &key) const { return m_rowOfKey.value(key, -1); }

    //! \brief Starts a refresh cycle. Only rows for which \a inScope is true (all when empty) are
    //! removed by endRefresh() when their key was not seen.
    void beginRefresh(std::function<bool(const Row &)> inScope = {})
    {
        ++m_generation;
        m_scope = std::move(inScope);
    }

    //! \brief Updates rows by key and appends new keys; signals only what changed.
    void applyPage(QList<Row> rows)
    {
        applyItems(rows, [](Row &&row) { return std::move(row); });
    }

    //! \brief Changes what endRefresh() may remove, for a refresh that turned out to see less
    //! than beginRefresh() said (a search that could name only some of the types).
    void setRefreshScope(std::function<bool(const Row &)> inScope) { m_scope = std::move(inScope); }

    //! \brief Removes the in-scope rows whose key was not seen since beginRefresh().
    void endRefresh()
    {
        bool removed = false;
        for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
            if (m_seen.at(row) == m_generation || (m_scope && !m_scope(m_rows.at(row))))
                continue;
            beginRemoveRows({}, row, row);
            m_rows.removeAt(row);
            m_keys.removeAt(row);
            m_seen.removeAt(row);
            endRemoveRows();
            removed = true;
        }
        if (removed)
            reindex();
        m_scope = {};
    }

    //! A whole refresh in one call (lists that are not paged, or collected first).
    void setRows(QList<Row> rows)
    {
        beginRefresh();
        applyPage(std::move(rows));
        endRefresh();
    }

protected:
    //! \brief applyPage() for items of another type, each turned into a Row by \a toRow just
    //! before it is compared (no second list of rows is built: a 10,000-table page is megabytes).
    template <typename Item, typename ToRow>
    void applyItems(QList<Item> &items, ToRow toRow)
    {
        QList<QPair<int, quint64>> changed;
        QList<Row> appended;
        QHash<Key, qsizetype> appendedAt;
        int expected = 0; // pages usually list the keys in the same order as last time
        for (Item &item : items) {
            Row row = toRow(std::move(item));
            Key key = keyOf(row);
            const bool inOrder = expected < int(m_keys.size()) && m_keys.at(expected) == key;
            const int existing = inOrder ? expected : rowOfKey(key);
            if (existing >= 0) {
                expected = existing + 1;
                carryOver(&m_rows.at(existing), row);
                const quint64 columns = changedColumns(m_rows.at(existing), row);
                m_rows[existing] = std::move(row);
                m_seen[existing] = m_generation;
                if (columns)
                    changed.append({existing, columns});
            } else if (const auto at = appendedAt.constFind(key); at != appendedAt.cend()) {
                appended[*at] = std::move(row); // the same key twice in a page: the last wins
            } else {
                carryOver(nullptr, row);
                appendedAt.insert(std::move(key), appended.size());
                appended.append(std::move(row));
            }
        }
        signalChanged(changed);
        if (appended.isEmpty())
            return;
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(appended.size()) - 1);
        for (Row &row : appended) {
            m_keys.append(keyOf(row));
            m_rowOfKey.insert(m_keys.constLast(), int(m_rows.size()));
            m_rows.append(std::move(row));
            m_seen.append(m_generation);
        }
        endInsertRows();
    }

    virtual Key keyOf(const Row &row) const = 0;
    //! The raw value of \a column (UnderlyingDataRole; also what changedColumns() compares).
    virtual QVariant columnValue(const Row &row, int column) const = 0;
    //! Bit c is set when column c shows something different in \a after than in \a before.
    virtual quint64 changedColumns(const Row &before, const Row &after) const
    {
        quint64 columns = 0;
        const int count = qMin(columnCount(), 64);
        for (int column = 0; column < count; ++column) {
            if (columnValue(before, column) != columnValue(after, column))
                columns |= quint64(1) << column;
        }
        return columns;
    }
    //! Called before comparing; \a before is null for a new key.
    virtual void carryOver(const Row *before, Row &after) const
    {
        Q_UNUSED(before);
        Q_UNUSED(after);
    }

    //! Replaces one row (e.g. from a setter other than the refresh) and signals its changes.
    void replaceRow(int row, Row updated)
    {
        const quint64 columns = changedColumns(m_rows.at(row), updated);
        m_rows[row] = std::move(updated);
        if (columns)
            signalChanged({{row, columns}});
    }

    //! Signals \a column for every row (e.g. a "12 s ago" text that ages with the clock).
    void signalColumn(int column)
    {
        if (!m_rows.isEmpty())
            emit dataChanged(index(0, column), index(int(m_rows.size()) - 1, column));
    }

private:
    static int lowestColumn(quint64 columns) { return std::countr_zero(columns); }
    static int highestColumn(quint64 columns) { return 63 - std::countl_zero(columns); }

    void signalChanged(const QList<QPair<int, quint64>> &changed)
    {
        if (changed.isEmpty())
            return;
        if (changed.size() * 2 > m_rows.size()) {
            // Most rows changed: one signal is cheaper for every view than thousands.
            int top = int(m_rows.size()), bottom = -1;
            quint64 columns = 0;
            for (const auto &[row, rowColumns] : changed) {
                top = qMin(top, row);
                bottom = qMax(bottom, row);
                columns |= rowColumns;
            }
            emit dataChanged(index(top, lowestColumn(columns)), index(bottom, highestColumn(columns)));
            return;
        }
        for (const auto &[row, columns] : changed)
            emit dataChanged(index(row, lowestColumn(columns)), index(row, highestColumn(columns)));
    }

    void reindex()
    {
        m_rowOfKey.clear();
        m_rowOfKey.reserve(m_rows.size());
        for (int row = 0; row < int(m_keys.size()); ++row)
            m_rowOfKey.insert(m_keys.at(row), row);
    }

    QStringList m_headers;
    QList<Row> m_rows;
    QList<Key> m_keys; // keyOf(m_rows[i]), kept to check the expected position without hashing
    QHash<Key, int> m_rowOfKey;
    QList<quint64> m_seen; // the refresh generation in which each row was last seen
    quint64 m_generation = 0;
    std::function<bool(const Row &)> m_scope;
};

} // namespace fmc
