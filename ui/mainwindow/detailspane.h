#pragma once

#include <QHash>
#include <QList>
#include <QWidget>

class QGridLayout;
class QLabel;
class QPlainTextEdit;
class QAction;
class QPushButton;

namespace fmc {

class DetailValue;
class TableStatusModel;
struct MirroredDatabaseRow;

//! \brief The selected mirrored database's properties: ids, OneLake tables path, SQL endpoint,
//! default schema, status in words (the raw value in the tooltip) with its error (errorCode,
//! requestId, moreDetails) and the tables that failed, and the whole item as JSON (unknown fields
//! included), and the caller's role in its workspace. Empty properties are not shown; each shown
//! one has a Copy button that appears when the pointer is over its row or the field has the focus.
//! Values are selectable labels that wrap to the pane's width (ids and paths anywhere), so no
//! value is ever cut.
class DetailsPane : public QWidget
{
    Q_OBJECT
public:
    //! Failed tables named in the pane; the rest are counted ("and 3 more").
    static constexpr int kFailedTablesShown = 5;
    //! Narrower than this, labels go above their values.
    static constexpr int kNarrowWidth = 380;

    explicit DetailsPane(QWidget *parent = nullptr);

    //! \brief Shows \a row (nullptr: nothing selected); \a tables, when known, names the failed ones.
    void setRow(const MirroredDatabaseRow *row, const TableStatusModel *tables = nullptr);
    //! \brief The signed-in caller's role in the selected database's workspace, in words
    //! ("Admin"); empty: not known (the row is then not shown).
    void setRole(const QString &role);
    //! Shows \a text instead of one database's properties (several are selected).
    void setSelectionSummary(const QString &text);
    //! \brief What the pane says when nothing is selected; empty: the default sentence.
    void setPlaceholder(const QString &text);
    //! A button for \a action below the SQL endpoint's properties ("Refresh SQL endpoint").
    void addSqlEndpointAction(QAction *action);
    //! The text shown for \a key (e.g. "id", "oneLakeTablesPath", "errorCode"); for tests.
    QString value(const QString &key) const;
    //! Whether the row of \a key is shown (empty properties are not); for tests.
    bool isShown(const QString &key) const;
    //! The placeholder or summary sentence shown instead of the properties.
    QString placeholderText() const;

Q_SIGNALS:
    //! "Open dashboard" next to the failed tables was clicked.
    void dashboardRequested();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    //! A label and its value; label nullptr: the value spans the row.
    struct Row {
        QLabel *label;
        QWidget *field;
    };
    void addField(const QString &key, const QString &label);
    void addRow(const QString &label, QWidget *field);
    void placeRows();
    void setRowVisible(QWidget *field, bool visible);
    void setField(const QString &key, const QString &text, const QString &toolTip = {});

    QGridLayout *m_grid;
    QList<Row> m_rows;
    bool m_stacked = false; //!< labels above their values (a narrow pane)
    QLabel *m_placeholder;
    QString m_placeholderText;
    QWidget *m_content;
    QHash<QString, DetailValue *> m_fields;
    QPlainTextEdit *m_moreDetails;
    QPushButton *m_openDashboard;
    QLabel *m_errorLink; //!< the explanation's Learn page (a form row owns it)
    QPlainTextEdit *m_json;
};

} // namespace fmc
