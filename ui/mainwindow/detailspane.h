#pragma once

#include <QHash>
#include <QWidget>

class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace fmc {

struct MirroredDatabaseRow;

//! \brief The selected mirrored database's properties, each with a copy button: ids, OneLake
//! tables path, SQL endpoint, default schema, status with its error (errorCode, requestId,
//! moreDetails), and the whole item as JSON (unknown fields included).
class DetailsPane : public QWidget
{
    Q_OBJECT
public:
    explicit DetailsPane(QWidget *parent = nullptr);

    //! Shows \a row (nullptr: nothing selected).
    void setRow(const MirroredDatabaseRow *row);
    //! The text shown for \a key (e.g. "id", "oneLakeTablesPath", "errorCode"); for tests.
    QString value(const QString &key) const;

private:
    void addField(const QString &key, const QString &label);
    void setField(const QString &key, const QString &text);

    QFormLayout *m_form;
    QLabel *m_placeholder;
    QWidget *m_content;
    QHash<QString, QLineEdit *> m_fields;
    QPlainTextEdit *m_moreDetails;
    QPlainTextEdit *m_json;
};

} // namespace fmc
