#pragma once

#include "app/history/historysummary.h"

#include <QDialog>

class QListWidget;

namespace fmc {

//! \brief "Since you last looked": what the history recorded since the user last had a
//! dashboard of these databases open. Each table line opens that table's timeline.
class SinceLastLookedDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SinceLastLookedDialog(const QList<SummaryLine> &lines, QWidget *parent = nullptr);

    QListWidget *list() const { return m_list; }

Q_SIGNALS:
    //! A table's line was activated (double-click or Enter).
    void tableActivated(const QString &databaseId, const QString &schema, const QString &table);

private:
    QListWidget *m_list;
};

} // namespace fmc
