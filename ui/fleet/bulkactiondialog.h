#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace fmc {

class BulkActionRunner;

//! \brief The results of a bulk action, one row per mirror as it happens: Done,
//! Skipped (and why), Failed (its error and request id), Cancelled. Cancel stops what has not
//! been sent; Close is offered once every item has its outcome.
class BulkActionDialog : public QDialog
{
    Q_OBJECT
public:
    explicit BulkActionDialog(BulkActionRunner *runner, QWidget *parent = nullptr);

    QTableWidget *results() const { return m_table; }
    enum Column { Name, Workspace, Result, Details, ColumnCount };

private:
    void showItem(int index);
    void onFinished();

    BulkActionRunner *m_runner;
    QLabel *m_summary;
    QProgressBar *m_progress;
    QTableWidget *m_table;
    QDialogButtonBox *m_buttons;
    QPushButton *m_cancel;
    QPushButton *m_close;
};

} // namespace fmc
