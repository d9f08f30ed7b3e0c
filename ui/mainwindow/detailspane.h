#pragma once

#include <QHash>
#include <QWidget>

class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace fmc {

class TableStatusModel;
struct MirroredDatabaseRow;

//! \brief The selected mirrored database's properties: ids, OneLake tables path, SQL endpoint,
//! default schema, status in words (the raw value in the tooltip) with its error (errorCode,
//! requestId, moreDetails) and the tables that failed, and the whole item as JSON (unknown fields
//! included). Empty properties are not shown; each shown one has a Copy button that appears when
//! the pointer is over its row or the field has the focus.
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
    //! Shows \a text instead of one database's properties (several are selected).
    void setSelectionSummary(const QString &text);
    //! \brief What the pane says when nothing is selected; empty: the default sentence.
    void setPlaceholder(const QString &text);
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
    void addField(const QString &key, const QString &label, bool wrap = false);
    void setField(const QString &key, const QString &text, const QString &toolTip = {});

    QFormLayout *m_form;
    QLabel *m_placeholder;
    QString m_placeholderText;
    QWidget *m_content;
    QHash<QString, QWidget *> m_fields; //!< QLineEdit, or a word-wrapped QLabel for sentences
    QPlainTextEdit *m_moreDetails;
    QPushButton *m_openDashboard;
    QLabel *m_errorLink; //!< the explanation's Learn page (a form row owns it)
    QPlainTextEdit *m_json;
};

} // namespace fmc
