#pragma once

#include "models/mirroringdefinition.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace fmc {

//! \brief The tables of the definition editor: schema and table names, each checkable.
//!
//! Checked rows are the definition's `mountedTables`, in row order; unchecked rows are tables the
//! user knows of (pasted, imported, or mirrored already) but does not want mirrored. Checking is
//! refused beyond limit(), with a sentence in lastMessage(), as the portal refuses it.
//! Filter it with a QSortFilterProxyModel (filterKeyColumn -1, case-insensitive).
class TableSelectionModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_PROPERTY(int checkedCount READ checkedCount NOTIFY selectionChanged)
    Q_PROPERTY(int limit READ limit WRITE setLimit NOTIFY limitChanged)
    Q_PROPERTY(QString lastMessage READ lastMessage NOTIFY lastMessageChanged)
public:
    enum Column { SchemaColumn, TableColumn, ColumnCount };

    //! What adding many tables at once did, for the user.
    struct AddResult {
        int added = 0;        //!< new rows (checked)
        int duplicates = 0;   //!< lines naming a table already listed or listed twice
        int overLimit = 0;    //!< well-formed lines refused because the limit was reached
        QStringList problems; //!< one sentence per bad line (at most kMaxProblemsListed), naming its line number
        //! One paragraph summing the above up.
        QString summary() const;
    };

    //! Bad lines named one by one in AddResult::problems; the rest are counted in one sentence.
    static constexpr int kMaxProblemsListed = 20;
    //! A bad line is quoted up to this many characters, then "…".
    static constexpr int kExcerptLength = 80;
    //! Longest text addFromText() reads: 100,000 tables (the settings' maximum) of long names.
    static constexpr qsizetype kMaxTextLength = 16 * 1024 * 1024;

    explicit TableSelectionModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;

    //! Most tables that may be checked (the source type's limit, docs/fabric-api-notes.md#table-limits).
    int limit() const { return m_limit; }
    void setLimit(int limit);
    int checkedCount() const;
    //! The last refusal or summary, for a status line; empty when there is none.
    QString lastMessage() const { return m_lastMessage; }

    //! The checked tables, in row order.
    QList<MountedTable> checkedTables() const;
    //! Replaces every row with \a tables, all checked. Does not apply the limit: a loaded
    //! definition over the limit is shown as it is and flagged by validation instead.
    void setTables(const QList<MountedTable> &tables);
    //! Adds \a tables unchecked when not listed yet (e.g. the tables a database already mirrors).
    int addKnownTables(const QList<MountedTable> &tables);

    //! \brief Adds one checked table. Refuses (false, lastMessage() says why) an empty name, a
    //! duplicate (compared without case) or one over the limit; an unchecked duplicate is checked.
    bool addTable(const QString &schema, const QString &table);
    //! \brief Adds every table named in \a text: one per line as `schema.table`, `[dbo].[x]`,
    //! `"dbo"."x"`, or schema and table separated by a tab, comma or semicolon (CSV), as
    //! MirroringDefinition::parseTableList() reads them; bad lines are reported by number, quoted
    //! up to kExcerptLength characters. Linear in the text; the new rows arrive in one insert.
    //! A text longer than kMaxTextLength is refused whole, with a sentence.
    AddResult addFromText(const QString &text);
    //! \brief Adds \a tables checked, as addFromText() adds its lines (e.g. the tables a database
    //! already mirrors, from its tables status).
    AddResult addTables(const QList<MountedTable> &tables);
    //! \brief Reads a text or CSV file and adds its tables as addFromText(). A file that cannot
    //! be read gives a result whose problems say so.
    AddResult importFile(const QString &path);
    //! Removes the rows in \a rows (any order).
    void removeTableRows(QList<int> rows);

    //! \brief Parses one line into schema and table; std::nullopt and a reason when it cannot.
    //! Blank lines and lines starting with `#` give an empty table with no error.
    static std::optional<MountedTable> parseLine(const QString &line, QString *error);

signals:
    //! The checked tables changed (checked, unchecked, added, removed, renamed).
    void selectionChanged();
    void limitChanged();
    void lastMessageChanged();

private:
    struct Row {
        QString schema;
        QString table;
        bool checked = true;
    };
    // Rows being added by one addFromText()/addTables(): inserted together at the end.
    struct Batch {
        QSet<QString> seen;      // keys named so far, to count duplicates within the batch
        QList<Row> newRows;      // appended in one beginInsertRows()
        QStringList newKeys;     // their caseKey()s
        int firstChecked = -1;   // range of existing rows that were checked
        int lastChecked = -1;
        int checked = 0;         // checked rows, counting the batch
    };
    int findRow(const QString &schema, const QString &table) const;
    int findRowByKey(const QString &key) const;
    // Adds one table for addFromText()/addTables(), counting into \a result.
    void addCounted(const MountedTable &table, Batch &batch, AddResult &result);
    void finishAdding(Batch &batch, AddResult &result);
    // Appends \a rows in one insert; \a keys are their caseKey()s when the caller has them.
    void appendRows(const QList<Row> &rows, const QStringList &keys = {});
    void setLastMessage(const QString &message);
    QString limitMessage() const;

    QList<Row> m_rows;
    // Row of each case-folded schema/table key, so that a 100,000-line paste stays linear.
    // Appends keep it current; anything that moves or renames rows marks it stale.
    mutable QHash<QString, int> m_rowByKey;
    mutable bool m_indexStale = false;
    int m_limit = DefinitionLimits().defaultMaxTables;
    QString m_lastMessage;
};

} // namespace fmc
