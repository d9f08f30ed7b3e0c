#pragma once

#include "app/history/historysummary.h"

#include <QDialog>

class QCheckBox;
class QListWidget;

namespace fmc {

//! \brief "Since you last looked": what the history recorded since the user last had a
//! dashboard of these databases open. Each table line opens that table's timeline.
class SinceLastLookedDialog : public QDialog
{
    Q_OBJECT
public:
    //! A dashboard's: the lines of the databases it shows.
    explicit SinceLastLookedDialog(const QList<SummaryLine> &lines, QWidget *parent = nullptr);
    //! \brief The console's start: every database with news, each under its name, and a box
    //! that stops this list at start.
    explicit SinceLastLookedDialog(const QList<DatabaseSummary> &databases, QWidget *parent = nullptr);

    QListWidget *list() const { return m_list; }
    //! "Show this when the console starts" (start only; null in a dashboard's).
    QCheckBox *atStartCheck() const { return m_atStart; }

Q_SIGNALS:
    //! A table's line was activated (double-click or Enter).
    void tableActivated(const QString &databaseId, const QString &schema, const QString &table);

private:
    void addLine(const SummaryLine &line);
    void lay(const QString &intro);

    QListWidget *m_list;
    QCheckBox *m_atStart = nullptr;
};

} // namespace fmc
