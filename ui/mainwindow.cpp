#include "mainwindow.h"

#include "ui/aboutdialog.h"

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

} // namespace fmc
