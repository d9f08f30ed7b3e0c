#pragma once

#include <QMainWindow>

class QListView;
class QTableView;
class QTextBrowser;

namespace fmc {

class WorkspaceBrowser;

//! The console's main window: workspaces on the left, their mirrored databases in the middle,
//! the selected database's details on the right.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

    //! Binds the panes to \a browser's models; selecting a workspace lists its databases.
    void setBrowser(WorkspaceBrowser *browser);
    //! Shows who is signed in to which endpoint in the status bar.
    void setSignedIn(const QString &who, const QString &endpoint);

private:
    QListView *m_workspaces = nullptr;
    QTableView *m_databases = nullptr;
    QTextBrowser *m_details = nullptr;
    WorkspaceBrowser *m_browser = nullptr;
};

} // namespace fmc
