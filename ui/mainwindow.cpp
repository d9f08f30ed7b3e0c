#include "mainwindow.h"

#include "app/workspacebrowser.h"
#include "models/mirroreddatabaselistmodel.h"
#include "models/workspacelistmodel.h"
#include "ui/aboutdialog.h"

#include <QHeaderView>
#include <QItemSelectionModel>

#include <QApplication>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace fmc {

namespace {

QWidget *titled(const QString &title, QWidget *content)
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *label = new QLabel(QStringLiteral("<b>%1</b>").arg(title.toHtmlEscaped()));
    layout->addWidget(label);
    layout->addWidget(content, 1);
    return box;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_workspaces(new QListView)
    , m_databases(new QTableView)
    , m_details(new QTextBrowser)
{
    setWindowTitle(QApplication::applicationDisplayName());
    m_workspaces->setObjectName(QStringLiteral("workspaceList"));
    m_databases->setObjectName(QStringLiteral("mirroredDatabaseTable"));
    m_details->setObjectName(QStringLiteral("detailsPane"));
    m_details->setPlaceholderText(tr("Select a mirrored database to see its properties and status."));

    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(titled(tr("Workspaces"), m_workspaces));
    splitter->addWidget(titled(tr("Mirrored databases"), m_databases));
    splitter->addWidget(titled(tr("Details"), m_details));
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 2);
    setCentralWidget(splitter);
    statusBar()->showMessage(tr("Not signed in"));
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Fabric Mirroring Console"), this, [this] { AboutDialog::openFor(this); });
    resize(1280, 800);
}

void MainWindow::setBrowser(WorkspaceBrowser *browser)
{
    m_browser = browser;
    m_workspaces->setModel(browser->workspaces());
    m_workspaces->setModelColumn(WorkspaceListModel::Name);
    m_databases->setModel(browser->databases());
    m_databases->setSortingEnabled(true);
    m_databases->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_databases->horizontalHeader()->setStretchLastSection(true);
    m_databases->verticalHeader()->hide();
    connect(m_workspaces->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    m_browser->showWorkspace(m_browser->workspaces()->rowAt(current.row()).id);
            });
    connect(browser, &WorkspaceBrowser::workspacesLoaded, this, [this](int count) {
        statusBar()->showMessage(tr("%n workspace(s)", nullptr, count), 5000);
        if (!m_workspaces->currentIndex().isValid() && count > 0)
            m_workspaces->setCurrentIndex(m_browser->workspaces()->index(0, WorkspaceListModel::Name));
    });
    connect(browser, &WorkspaceBrowser::databasesLoaded, this,
            [this] { m_databases->resizeColumnsToContents(); });
    connect(browser, &WorkspaceBrowser::failed, this, [this](const QString &message) {
        statusBar()->showMessage(message);
    });
}

void MainWindow::setSignedIn(const QString &who, const QString &endpoint)
{
    auto *label = new QLabel(tr("Signed in as %1 to %2").arg(who, endpoint));
    label->setObjectName(QStringLiteral("signedInLabel"));
    statusBar()->addPermanentWidget(label);
}

} // namespace fmc
