#include "mainwindow.h"

#include "app/workspacebrowser.h"
#include "models/mirroreddatabaselistmodel.h"
#include "models/workspacelistmodel.h"
#include "ui/aboutdialog.h"
#include "ui/editor/definitioneditor.h"
#include "ui/editor/definitioneditorlauncher.h"
#include "ui/mainwindow/databasefiltermodel.h"
#include "ui/mainwindow/detailspane.h"
#include "ui/mainwindow/renamedialog.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QCloseEvent>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace fmc {

namespace {

const QString kSettingsGroup = QStringLiteral("MainWindow");

QWidget *pane(QLabel *title, std::initializer_list<QWidget *> content)
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(title);
    for (QWidget *widget : content)
        layout->addWidget(widget, widget == *(content.end() - 1) ? 1 : 0);
    return box;
}

QLabel *paneTitle(const QString &text, QWidget *buddy)
{
    auto *label = new QLabel(QStringLiteral("<b>%1</b>").arg(text));
    label->setBuddy(buddy);
    return label;
}

void setupTable(QTableView *view)
{
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSortingEnabled(true);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setSectionsMovable(true);
    view->setTabKeyNavigation(false); // Tab moves to the next pane, arrows move in the table
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_workspaceFilter(new QLineEdit)
    , m_allWorkspaces(new QPushButton(tr("All workspaces")))
    , m_workspaces(new QTableView)
    , m_workspaceProxy(new QSortFilterProxyModel(this))
    , m_databaseFilter(new QLineEdit)
    , m_databases(new QTableView)
    , m_databaseProxy(new DatabaseFilterModel(this))
    , m_databasesTitle(nullptr)
    , m_details(new DetailsPane)
    , m_splitter(new QSplitter(Qt::Horizontal))
    , m_progress(new QProgressBar)
    , m_cancel(new QPushButton(tr("Cancel")))
    , m_syncTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QApplication::applicationDisplayName());
    m_workspaces->setObjectName(QStringLiteral("workspaceList"));
    m_workspaces->setAccessibleName(tr("Workspaces"));
    m_workspaceFilter->setObjectName(QStringLiteral("workspaceFilter"));
    m_workspaceFilter->setAccessibleName(tr("Filter workspaces"));
    m_workspaceFilter->setPlaceholderText(tr("Filter workspaces"));
    m_workspaceFilter->setClearButtonEnabled(true);
    m_allWorkspaces->setObjectName(QStringLiteral("allWorkspacesButton"));
    m_allWorkspaces->setCheckable(true);
    m_allWorkspaces->setToolTip(tr("Show the mirrored databases of every workspace (Ctrl+Shift+A)"));
    m_databases->setObjectName(QStringLiteral("mirroredDatabaseTable"));
    m_databases->setAccessibleName(tr("Mirrored databases"));
    m_databaseFilter->setObjectName(QStringLiteral("databaseFilter"));
    m_databaseFilter->setAccessibleName(tr("Filter mirrored databases"));
    m_databaseFilter->setPlaceholderText(tr("Filter by name, workspace or status"));
    m_databaseFilter->setClearButtonEnabled(true);
    m_details->setObjectName(QStringLiteral("detailsPane"));
    m_progress->setObjectName(QStringLiteral("busyProgress"));
    m_cancel->setObjectName(QStringLiteral("cancelButton"));

    setupTable(m_workspaces);
    setupTable(m_databases);
    m_workspaces->setSelectionMode(QAbstractItemView::SingleSelection);
    m_databases->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_databases->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_workspaceProxy->setSortRole(UnderlyingDataRole);
    m_workspaceProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_workspaceProxy->setFilterKeyColumn(-1);
    m_workspaceProxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    connect(m_workspaceFilter, &QLineEdit::textChanged, m_workspaceProxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_databaseFilter, &QLineEdit::textChanged, m_databaseProxy, &DatabaseFilterModel::setText);

    auto *detailsScroll = new QScrollArea;
    detailsScroll->setAccessibleName(tr("Details"));
    detailsScroll->setWidget(m_details);
    detailsScroll->setWidgetResizable(true);
    detailsScroll->setFrameShape(QFrame::NoFrame);
    m_databasesTitle = paneTitle(tr("&Mirrored databases"), m_databases);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(pane(paneTitle(tr("&Workspaces"), m_workspaces),
                               {m_workspaceFilter, m_allWorkspaces, m_workspaces}));
    m_splitter->addWidget(pane(m_databasesTitle, {m_databaseFilter, m_databases}));
    m_splitter->addWidget(pane(new QLabel(QStringLiteral("<b>%1</b>").arg(tr("Details"))), {detailsScroll}));
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 5);
    m_splitter->setStretchFactor(2, 3);
    // The workspaces pane fits name, type, region and the "Mirrored" count at the default size.
    m_splitter->setSizes({400, 560, 400});
    m_splitter->setChildrenCollapsible(false);
    setCentralWidget(m_splitter);
    setTabOrder(m_workspaceFilter, m_allWorkspaces);
    setTabOrder(m_allWorkspaces, m_workspaces);
    setTabOrder(m_workspaces, m_databaseFilter);
    setTabOrder(m_databaseFilter, m_databases);
    setTabOrder(m_databases, detailsScroll);

    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(160);
    m_progress->hide();
    m_cancel->hide();
    m_cancel->setToolTip(tr("Cancel the running action (Esc)"));
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
    statusBar()->showMessage(tr("Not signed in"));

    // Several model signals in a row (a page of rows, a filter change) give one watch update.
    m_syncTimer->setSingleShot(true);
    m_syncTimer->setInterval(0);
    connect(m_syncTimer, &QTimer::timeout, this, &MainWindow::syncWatched);

    createActions();
    createMenusAndToolBar();
    resize(1360, 820);
    restoreLayout();
    updateActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QStyle *s = style();
    auto make = [this](const QString &name, const QString &text, const QKeySequence &shortcut, const QIcon &icon = {}) {
        auto *action = new QAction(icon, text, this);
        action->setObjectName(name);
        if (!shortcut.isEmpty()) {
            action->setShortcut(shortcut);
            action->setToolTip(QStringLiteral("%1 (%2)").arg(QString(text).remove(QLatin1Char('&')),
                                                             shortcut.toString(QKeySequence::NativeText)));
        }
        addAction(action); // shortcuts work whichever pane has the focus
        return action;
    };
    m_newAction = make(QStringLiteral("actionNew"), tr("&New mirrored database…"), QKeySequence::New,
                       s->standardIcon(QStyle::SP_FileDialogNewFolder));
    m_editAction = make(QStringLiteral("actionEdit"), tr("&Edit definition…"), QKeySequence(Qt::CTRL | Qt::Key_E),
                        s->standardIcon(QStyle::SP_FileDialogDetailedView));
    m_renameAction = make(QStringLiteral("actionRename"), tr("&Rename / description…"), QKeySequence(Qt::Key_F2));
    m_deleteAction = make(QStringLiteral("actionDelete"), tr("&Delete…"), QKeySequence::Delete,
                          s->standardIcon(QStyle::SP_TrashIcon));
    m_startAction = make(QStringLiteral("actionStart"), tr("&Start mirroring"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
                         s->standardIcon(QStyle::SP_MediaPlay));
    m_stopAction = make(QStringLiteral("actionStop"), tr("S&top mirroring"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T),
                        s->standardIcon(QStyle::SP_MediaStop));
    m_dashboardAction = make(QStringLiteral("actionDashboard"), tr("Open &dashboard"), QKeySequence(Qt::CTRL | Qt::Key_D),
                             s->standardIcon(QStyle::SP_ComputerIcon));
    m_refreshAction = make(QStringLiteral("actionRefresh"), tr("Re&fresh"), QKeySequence::Refresh,
                           s->standardIcon(QStyle::SP_BrowserReload));
    m_copyJsonAction = make(QStringLiteral("actionCopyJson"), tr("&Copy as JSON"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_allWorkspacesAction = make(QStringLiteral("actionAllWorkspaces"), tr("&All workspaces"),
                                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_signInAction = make(QStringLiteral("actionSignIn"), tr("Sign &in…"), {});
    m_signOutAction = make(QStringLiteral("actionSignOut"), tr("Sign &out"), {});
    m_settingsAction = make(QStringLiteral("actionSettings"), tr("&Settings…"), QKeySequence(Qt::CTRL | Qt::Key_Comma));
    m_quitAction = make(QStringLiteral("actionQuit"), tr("&Quit"), QKeySequence::Quit);
    m_signOutAction->setEnabled(false);

    connect(m_newAction, &QAction::triggered, this, &MainWindow::openCreate);
    connect(m_editAction, &QAction::triggered, this, &MainWindow::openEdit);
    connect(m_renameAction, &QAction::triggered, this, &MainWindow::renameCurrent);
    connect(m_deleteAction, &QAction::triggered, this, &MainWindow::deleteCurrent);
    connect(m_startAction, &QAction::triggered, this, [this] { startMirroring(false); });
    connect(m_stopAction, &QAction::triggered, this, &MainWindow::stopMirroring);
    connect(m_dashboardAction, &QAction::triggered, this, &MainWindow::openDashboard);
    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::refresh);
    connect(m_copyJsonAction, &QAction::triggered, this, &MainWindow::copyAsJson);
    connect(m_allWorkspacesAction, &QAction::triggered, this, &MainWindow::showAllWorkspaces);
    connect(m_allWorkspaces, &QPushButton::clicked, this, &MainWindow::showAllWorkspaces);
    connect(m_signInAction, &QAction::triggered, this, &MainWindow::signInRequested);
    connect(m_signOutAction, &QAction::triggered, this, &MainWindow::signOutRequested);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::settingsRequested);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_admin)
            m_admin->cancel();
    });

    // The databases' context menu: the actions on the selection.
    auto separator = [this] {
        auto *action = new QAction(this);
        action->setSeparator(true);
        return action;
    };
    m_databases->addActions({m_startAction, m_stopAction, separator(), m_editAction, m_renameAction, m_deleteAction,
                             separator(), m_dashboardAction, m_copyJsonAction, separator(), m_refreshAction});
}

void MainWindow::createMenusAndToolBar()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addActions({m_signInAction, m_signOutAction});
    file->addSeparator();
    file->addAction(m_settingsAction);
    file->addSeparator();
    file->addAction(m_quitAction);
    QMenu *database = menuBar()->addMenu(tr("&Database"));
    database->addActions({m_newAction, m_editAction, m_renameAction, m_deleteAction});
    database->addSeparator();
    database->addActions({m_startAction, m_stopAction});
    database->addSeparator();
    database->addActions({m_dashboardAction, m_copyJsonAction});
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addActions({m_allWorkspacesAction, m_refreshAction});
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Fabric Mirroring Console"), this, [this] { AboutDialog::openFor(this); });

    QToolBar *tools = addToolBar(tr("Actions"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tools->addActions({m_newAction, m_editAction, m_deleteAction});
    tools->addSeparator();
    tools->addActions({m_startAction, m_stopAction});
    tools->addSeparator();
    tools->addActions({m_dashboardAction, m_refreshAction});
}

void MainWindow::setBrowser(WorkspaceBrowser *browser)
{
    m_browser = browser;
    m_workspaceProxy->setSourceModel(browser->workspaces());
    m_workspaces->setModel(m_workspaceProxy);
    m_workspaces->setColumnHidden(WorkspaceListModel::Description, true);
    m_workspaces->setColumnHidden(WorkspaceListModel::Id, true);
    m_workspaces->sortByColumn(WorkspaceListModel::Name, Qt::AscendingOrder);
    m_databaseProxy->setSourceModel(browser->databases());
    m_databases->setModel(m_databaseProxy);
    m_databases->sortByColumn(MirroredDatabaseListModel::Name, Qt::AscendingOrder);
    // Fixed starting widths: sizing to contents when a list arrives would clip the status words
    // and table counts that arrive later. The user's own widths are restored below.
    const std::pair<int, int> widths[] = {{MirroredDatabaseListModel::Name, 150}, {MirroredDatabaseListModel::Workspace, 120},
                                          {MirroredDatabaseListModel::Health, 185}, {MirroredDatabaseListModel::SqlEndpoint, 95},
                                          {MirroredDatabaseListModel::Tables, 190}};
    for (const auto &[column, width] : widths)
        m_databases->setColumnWidth(column, width);
    // Type, region and count take what their words need (the counts arrive later and stay
    // short); the name takes the rest of the pane, so that the count is never pushed out of view.
    QHeaderView *workspaceHeader = m_workspaces->horizontalHeader();
    workspaceHeader->setStretchLastSection(false);
    workspaceHeader->setSectionResizeMode(WorkspaceListModel::Name, QHeaderView::Stretch);
    for (int column : {WorkspaceListModel::Type, WorkspaceListModel::CapacityRegion, WorkspaceListModel::Databases})
        workspaceHeader->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    QSettings settings;
    m_databases->horizontalHeader()->restoreState(
        settings.value(kSettingsGroup + QStringLiteral("/databaseColumns")).toByteArray());
    // Until a workspace is chosen, show none rather than every workspace's.
    m_databaseProxy->setWorkspaceId(QStringLiteral("-"));
    m_databases->setColumnHidden(MirroredDatabaseListModel::Workspace, true);
    if (m_monitor)
        browser->setMonitor(m_monitor);

    connect(m_workspaces->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::onWorkspaceSelected);
    connect(m_databases->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::onCurrentDatabaseChanged);
    connect(m_databases->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::onCurrentDatabaseChanged);
    // A live refresh changes rows in place: the details and the enabled actions follow.
    connect(m_databaseProxy, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
        const QModelIndex current = m_databases->currentIndex();
        if (current.isValid() && current.row() >= topLeft.row() && current.row() <= bottomRight.row())
            onCurrentDatabaseChanged();
    });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_databaseProxy, signal, this, &MainWindow::scheduleSyncWatched);
    connect(m_databaseProxy, &QAbstractItemModel::modelReset, this, &MainWindow::scheduleSyncWatched);
    connect(m_databaseProxy, &QAbstractItemModel::rowsRemoved, this, &MainWindow::onCurrentDatabaseChanged);
    connect(browser, &WorkspaceBrowser::workspacesLoaded, this, [this](int count) {
        statusBar()->showMessage(tr("%n workspace(s)", nullptr, count), 5000);
        if (!m_workspaces->currentIndex().isValid() && !m_allWorkspaces->isChecked() && count > 0)
            m_workspaces->setCurrentIndex(m_workspaceProxy->index(0, WorkspaceListModel::Name));
    });
    connect(browser, &WorkspaceBrowser::databasesLoaded, this, [this] {
        if (m_selectAfterList.isEmpty())
            return;
        const int source = m_browser->databases()->rowOfKey(m_selectAfterList);
        const QModelIndex index = m_databaseProxy->mapFromSource(m_browser->databases()->index(source, 0));
        if (source < 0 || !index.isValid())
            return;
        m_selectAfterList.clear();
        m_databases->setCurrentIndex(index);
        m_databases->scrollTo(index);
    });
    connect(browser, &WorkspaceBrowser::failed, this, [this](const QString &message) {
        statusBar()->showMessage(message.section(QLatin1Char('\n'), 0, 0) + QStringLiteral(" — ")
                                 + message.section(QLatin1Char('\n'), 1).replace(QLatin1Char('\n'), QStringLiteral("; ")));
    });
}

void MainWindow::setClient(FabricClient *client)
{
    m_client = client;
    m_admin = new MirroredDatabaseAdmin(client, this);
    m_monitor = new StatusMonitor(client, this);
    m_monitor->setInterval(m_refreshInterval);
    connect(m_admin, &MirroredDatabaseAdmin::busyChanged, this, &MainWindow::onBusyChanged);
    connect(m_admin, &MirroredDatabaseAdmin::finished, this, &MainWindow::onActionFinished);
    connect(m_admin, &MirroredDatabaseAdmin::renamed, this, [this](const MirroredDatabase &database) {
        if (m_browser)
            m_browser->applyUpdated(database);
    });
    connect(m_monitor, &StatusMonitor::throttled, this, [this](int delayMs) {
        statusBar()->showMessage(tr("Fabric is throttling requests; waiting %1 s").arg((delayMs + 999) / 1000), 5000);
    });
    if (m_browser)
        m_browser->setMonitor(m_monitor);
    m_monitor->start();
    scheduleSyncWatched();
    updateActions();
}

void MainWindow::setRefreshInterval(std::chrono::milliseconds interval)
{
    m_refreshInterval = interval;
    if (m_monitor)
        m_monitor->setInterval(interval);
}

void MainWindow::setSignedIn(const QString &who, const QString &endpoint)
{
    if (!m_signedIn) {
        m_signedIn = new QLabel;
        m_signedIn->setObjectName(QStringLiteral("signedInLabel"));
        statusBar()->insertPermanentWidget(0, m_signedIn);
    }
    m_signedIn->setText(who.isEmpty() ? tr("Not signed in") : tr("Signed in as %1 to %2").arg(who, endpoint));
    m_signInAction->setEnabled(who.isEmpty());
    m_signOutAction->setEnabled(!who.isEmpty());
}

void MainWindow::onWorkspaceSelected()
{
    const QModelIndex current = m_workspaces->currentIndex();
    if (!current.isValid() || !m_browser)
        return;
    const QString id = current.siblingAtColumn(WorkspaceListModel::Name).data(KeyRole).toString();
    m_allWorkspaces->setChecked(false);
    m_databaseProxy->setWorkspaceId(id);
    m_databases->setColumnHidden(MirroredDatabaseListModel::Workspace, true);
    m_databasesTitle->setText(QStringLiteral("<b>%1</b>").arg(
        tr("&Mirrored databases in %1").arg(current.siblingAtColumn(WorkspaceListModel::Name).data().toString().toHtmlEscaped())));
    m_browser->showWorkspace(id);
    scheduleSyncWatched();
    onCurrentDatabaseChanged();
}

void MainWindow::showAllWorkspaces()
{
    m_allWorkspaces->setChecked(true);
    m_workspaces->selectionModel()->clear();
    m_databaseProxy->setWorkspaceId({});
    m_databases->setColumnHidden(MirroredDatabaseListModel::Workspace, false);
    m_databasesTitle->setText(QStringLiteral("<b>%1</b>").arg(tr("&Mirrored databases in all workspaces")));
    if (m_browser)
        m_browser->reloadAllDatabases();
    scheduleSyncWatched();
    onCurrentDatabaseChanged();
}

void MainWindow::refresh()
{
    if (!m_browser)
        return;
    m_browser->reloadWorkspaces(); // then every workspace's databases, in the background
    if (!m_databaseProxy->workspaceId().isEmpty())
        m_browser->relistWorkspace(m_databaseProxy->workspaceId()); // first, and not again by the backlog
    if (m_monitor)
        m_monitor->refreshNow();
    statusBar()->showMessage(tr("Refreshing…"), 3000);
}

const MirroredDatabaseRow *MainWindow::currentRow() const
{
    if (!m_browser)
        return nullptr;
    const QModelIndex current = m_databases->currentIndex();
    if (!current.isValid() || !m_databases->selectionModel()->isRowSelected(current.row(), {}))
        return nullptr;
    const QModelIndex source = m_databaseProxy->mapToSource(current);
    return source.isValid() ? &m_browser->databases()->rowAt(source.row()) : nullptr;
}

QList<const MirroredDatabaseRow *> MainWindow::selectedRows() const
{
    QList<const MirroredDatabaseRow *> rows;
    if (!m_browser)
        return rows;
    if (const MirroredDatabaseRow *current = currentRow())
        rows << current;
    for (const QModelIndex &index : m_databases->selectionModel()->selectedRows()) {
        const MirroredDatabaseRow *row = &m_browser->databases()->rowAt(m_databaseProxy->mapToSource(index).row());
        if (!rows.contains(row))
            rows << row;
    }
    return rows;
}

void MainWindow::onCurrentDatabaseChanged()
{
    updateDetails();
    updateActions();
}

void MainWindow::updateDetails()
{
    m_details->setRow(currentRow());
}

void MainWindow::updateActions()
{
    const MirroredDatabaseRow *row = currentRow();
    const bool busy = m_admin && m_admin->isBusy();
    const bool ready = m_admin && !busy;
    const bool hasWorkspace = !m_databaseProxy->workspaceId().isEmpty() && m_databaseProxy->workspaceId() != QLatin1String("-");
    m_newAction->setEnabled(ready && hasWorkspace);
    m_newAction->setStatusTip(hasWorkspace ? QString() : tr("Select a workspace to create a mirrored database in it."));
    for (QAction *action : {m_editAction, m_renameAction, m_deleteAction, m_copyJsonAction})
        action->setEnabled(row && (ready || action == m_copyJsonAction));
    m_dashboardAction->setEnabled(m_databaseProxy->rowCount() > 0);

    auto gate = [&](QAction *action, const MirroredDatabaseAdmin::Permission &permission, const QString &what) {
        action->setEnabled(ready && row && permission.allowed);
        QString tip = what;
        if (!row)
            tip += QStringLiteral(" — ") + tr("select a mirrored database first");
        else if (!permission.allowed)
            tip += QStringLiteral(" — ") + permission.reason;
        else if (busy)
            tip += QStringLiteral(" — ") + tr("wait for the running action to end");
        action->setToolTip(tip);
        action->setStatusTip(tip);
    };
    const auto status = row ? row->status : std::nullopt;
    gate(m_startAction, MirroredDatabaseAdmin::canStart(status), tr("Start mirroring (Ctrl+Shift+S)"));
    gate(m_stopAction, MirroredDatabaseAdmin::canStop(status), tr("Stop mirroring (Ctrl+Shift+T)"));
}

void MainWindow::scheduleSyncWatched()
{
    m_syncTimer->start();
}

void MainWindow::syncWatched()
{
    // The monitor watches exactly the databases shown: polling what nobody sees only spends the
    // caller's throttling budget (docs/fabric-api-notes.md#throttling).
    if (!m_monitor || !m_browser)
        return;
    QSet<QString> shown;
    bool added = false;
    for (int row = 0; row < m_databaseProxy->rowCount(); ++row) {
        const MirroredDatabaseRow &r = m_browser->databases()->rowAt(m_databaseProxy->mapToSource(m_databaseProxy->index(row, 0)).row());
        shown.insert(r.database.id);
        if (!m_monitor->isWatching(r.database.id)) {
            m_monitor->watch({r.database.workspaceId, r.database.id, r.database.displayName});
            added = true;
        }
    }
    for (const WatchedDatabase &watched : m_monitor->watched()) {
        if (!shown.contains(watched.databaseId))
            m_monitor->unwatch(watched.databaseId);
    }
    if (added)
        m_monitor->refreshNow();
    m_dashboardAction->setEnabled(!shown.isEmpty());
}

void MainWindow::onBusyChanged(bool busy, const QString &text)
{
    m_progress->setVisible(busy);
    m_cancel->setVisible(busy);
    if (busy)
        statusBar()->showMessage(text);
    if (m_renameDialog)
        m_renameDialog->setBusy(busy);
    updateActions();
}

void MainWindow::showError(const QString &what, const QString &details)
{
    statusBar()->showMessage(what + QStringLiteral(" — ") + QString(details).replace(QLatin1Char('\n'), QStringLiteral("; ")));
    auto *box = new QMessageBox(QMessageBox::Warning, what, what, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorMessage"));
    box->setInformativeText(details);
    box->setTextInteractionFlags(Qt::TextSelectableByMouse);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open(); // window-modal, no nested event loop
}

void MainWindow::onActionFinished(MirroredDatabaseAdmin::Action action, const QString &workspaceId,
                                  const QString &databaseId, const ApiError &error)
{
    const MirroredDatabaseRow *row = m_browser ? m_browser->databases()->find(workspaceId, databaseId) : nullptr;
    const QString name = row ? row->database.displayName : databaseId;
    if (error.isError()) {
        const QString details = MirroredDatabaseAdmin::describe(error);
        if (action == MirroredDatabaseAdmin::Action::Rename && m_renameDialog) {
            // The dialog stays open with what was typed, and says why.
            m_renameDialog->showFailure(details);
            statusBar()->showMessage(tr("Could not rename %1").arg(name));
            return;
        }
        if (error.kind() == ApiError::Kind::Cancelled) {
            statusBar()->showMessage(tr("Cancelled."), 5000);
            return;
        }
        QString what;
        switch (action) {
        case MirroredDatabaseAdmin::Action::Start: what = tr("Could not start mirroring of %1").arg(name); break;
        case MirroredDatabaseAdmin::Action::Stop: what = tr("Could not stop mirroring of %1").arg(name); break;
        case MirroredDatabaseAdmin::Action::Rename: what = tr("Could not rename %1").arg(name); break;
        case MirroredDatabaseAdmin::Action::Delete: what = tr("Could not delete %1").arg(name); break;
        }
        showError(what, details);
        return;
    }
    switch (action) {
    case MirroredDatabaseAdmin::Action::Start:
        statusBar()->showMessage(tr("Mirroring of %1 is starting.").arg(name), 5000);
        break;
    case MirroredDatabaseAdmin::Action::Stop:
        statusBar()->showMessage(tr("Mirroring of %1 is stopping.").arg(name), 5000);
        break;
    case MirroredDatabaseAdmin::Action::Rename:
        statusBar()->showMessage(tr("Saved %1.").arg(name), 5000);
        if (m_renameDialog)
            m_renameDialog->accept();
        break;
    case MirroredDatabaseAdmin::Action::Delete:
        statusBar()->showMessage(tr("Deleted %1.").arg(name), 5000);
        if (m_browser)
            m_browser->forgetDatabase(workspaceId, databaseId);
        break;
    }
    if (m_monitor && (action == MirroredDatabaseAdmin::Action::Start || action == MirroredDatabaseAdmin::Action::Stop))
        m_monitor->refreshNow();
}

void MainWindow::startMirroring(bool force)
{
    const MirroredDatabaseRow *row = currentRow();
    if (!row || !m_admin || m_admin->isBusy())
        return;
    const auto permission = MirroredDatabaseAdmin::canStart(row->status);
    if (!permission.allowed && !force) {
        statusBar()->showMessage(permission.reason, 5000);
        return;
    }
    const QString ws = row->database.workspaceId, id = row->database.id;
    if (!MirroredDatabaseAdmin::startReseeds(row->status)) {
        m_admin->start(ws, id);
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Start mirroring"),
                                tr("Start mirroring of %1 again?").arg(row->database.displayName),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("reseedWarning"));
    box->setInformativeText(tr("Mirroring was stopped: starting it again reseeds every table from scratch, "
                               "which takes time and can cost compute at the source (e.g. Snowflake)."));
    box->button(QMessageBox::Yes)->setText(tr("Start and reseed"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, ws, id](int) {
        if (box->clickedButton() == box->button(QMessageBox::Yes) && m_admin && !m_admin->isBusy())
            m_admin->start(ws, id);
    });
    box->open();
}

void MainWindow::stopMirroring()
{
    const MirroredDatabaseRow *row = currentRow();
    if (!row || !m_admin || m_admin->isBusy() || !MirroredDatabaseAdmin::canStop(row->status).allowed)
        return;
    m_admin->stop(row->database.workspaceId, row->database.id);
}

void MainWindow::renameCurrent()
{
    const MirroredDatabaseRow *row = currentRow();
    if (!row || !m_admin || m_admin->isBusy())
        return;
    const QString ws = row->database.workspaceId, id = row->database.id;
    auto *dialog = new RenameDialog(row->database.displayName, row->database.description, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_renameDialog = dialog;
    connect(dialog, &RenameDialog::saveRequested, this, [this, dialog, ws, id] {
        if (m_admin && !m_admin->isBusy())
            m_admin->rename(ws, id, dialog->displayName(), dialog->description());
    });
    connect(dialog, &RenameDialog::cancelRequested, this, [this] {
        if (m_admin)
            m_admin->cancel();
    });
    dialog->open();
}

void MainWindow::deleteCurrent()
{
    const MirroredDatabaseRow *row = currentRow();
    if (!row || !m_admin || m_admin->isBusy())
        return;
    const QString ws = row->database.workspaceId, id = row->database.id;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Delete mirrored database"),
                                tr("Delete the mirrored database \"%1\" from %2?")
                                    .arg(row->database.displayName, row->workspaceName),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("deleteConfirmation"));
    box->setInformativeText(tr("Mirroring stops, and the mirrored data in OneLake is deleted with the item."));
    box->button(QMessageBox::Yes)->setText(tr("Delete"));
    box->setDefaultButton(QMessageBox::Cancel);
    auto *hard = new QCheckBox(tr("Delete permanently (hard delete; it cannot be recovered)"));
    hard->setObjectName(QStringLiteral("hardDeleteCheck"));
    box->setCheckBox(hard);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, hard, ws, id](int) {
        if (box->clickedButton() == box->button(QMessageBox::Yes) && m_admin && !m_admin->isBusy())
            m_admin->remove(ws, id, hard->isChecked());
    });
    box->open();
}

void MainWindow::openDashboard()
{
    QList<WatchedDatabase> databases;
    QList<const MirroredDatabaseRow *> rows = selectedRows();
    if (rows.isEmpty() && m_browser) {
        for (int row = 0; row < m_databaseProxy->rowCount(); ++row)
            rows << &m_browser->databases()->rowAt(m_databaseProxy->mapToSource(m_databaseProxy->index(row, 0)).row());
    }
    for (const MirroredDatabaseRow *row : rows)
        databases.append({row->database.workspaceId, row->database.id, row->database.displayName});
    if (!databases.isEmpty())
        emit dashboardRequested(databases);
}

void MainWindow::copyAsJson()
{
    QStringList texts;
    for (const MirroredDatabaseRow *row : selectedRows())
        texts << MirroredDatabaseListModel::jsonText(*row);
    if (texts.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(texts.size() == 1 ? texts.first()
                                                             : QStringLiteral("[\n%1\n]").arg(texts.join(QStringLiteral(",\n"))));
    statusBar()->showMessage(tr("Copied %n mirrored database(s) as JSON.", nullptr, int(texts.size())), 5000);
}

void MainWindow::openCreate()
{
    const QString workspaceId = m_databaseProxy->workspaceId();
    if (!m_client || workspaceId.isEmpty() || workspaceId == QLatin1String("-"))
        return;
    DefinitionEditor *editor = DefinitionEditorLauncher::openCreate(m_client, workspaceId, this, m_definitionLimits);
    connect(editor, &DefinitionEditor::databaseSaved, this, &MainWindow::onDatabaseSaved);
}

void MainWindow::openEdit()
{
    const MirroredDatabaseRow *row = currentRow();
    if (!m_client || !row)
        return;
    DefinitionEditor *editor = DefinitionEditorLauncher::openEdit(m_client, row->database.workspaceId, row->database.id, this,
                                                                  m_definitionLimits);
    connect(editor, &DefinitionEditor::databaseSaved, this, &MainWindow::onDatabaseSaved);
}

void MainWindow::onDatabaseSaved(const QString &workspaceId, const QString &databaseId, bool created)
{
    if (!m_browser)
        return;
    // List the workspace again (keyed diff) and select the new database once it is there.
    if (created)
        m_selectAfterList = MirroredDatabaseListModel::keyText(workspaceId, databaseId);
    m_browser->relistWorkspace(workspaceId);
    if (m_monitor)
        m_monitor->refreshNow();
    statusBar()->showMessage(created ? tr("Created the mirrored database.") : tr("Saved the definition."), 5000);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    QMainWindow::closeEvent(event);
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.beginGroup(kSettingsGroup);
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("state"), saveState());
    settings.setValue(QStringLiteral("splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("databaseColumns"), m_databases->horizontalHeader()->saveState());
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    settings.beginGroup(kSettingsGroup);
    restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("state")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("splitter")).toByteArray());
}

} // namespace fmc
