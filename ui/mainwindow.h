#pragma once

#include <QMainWindow>

class QListView;
class QTableView;
class QTextBrowser;

namespace fmc {

//! The console's main window: workspaces on the left, their mirrored databases in the middle,
//! the selected database's details on the right.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

private:
    QListView *m_workspaces = nullptr;
    QTableView *m_databases = nullptr;
    QTextBrowser *m_details = nullptr;
};

} // namespace fmc
