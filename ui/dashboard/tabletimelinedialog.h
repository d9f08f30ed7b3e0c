#pragma once

#include "app/history/historyrecords.h"

#include <QDialog>

class QTableWidget;

namespace fmc {

//! \brief One table's timeline from the history file: each change of its status or error, when
//! it happened and how long the table stayed so.
class TableTimelineDialog : public QDialog
{
    Q_OBJECT
public:
    //! \a transitions oldest first; \a nowMs ends the last one.
    TableTimelineDialog(const QString &title, const QList<TableSample> &transitions, qint64 nowMs,
                        QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }

private:
    QTableWidget *m_table;
};

} // namespace fmc
