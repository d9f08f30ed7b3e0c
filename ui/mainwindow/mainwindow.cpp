#include "mainwindow.h"

#include "app/workspacebrowser.h"
#include "models/displaytext.h"
#include "models/mirroreddatabaselistmodel.h"
#include "models/workspacelistmodel.h"
#include "ui/aboutdialog.h"
#include "ui/editor/definitioneditor.h"
#include "ui/editor/definitioneditorlauncher.h"
#include "ui/environments/environmentlauncher.h"
#include "ui/readiness/readinessdialog.h"
#include "ui/mainwindow/databasefiltermodel.h"
#include "ui/mainwindow/detailspane.h"
#include "ui/mainwindow/emptystate.h"
#include "ui/mirroritems/mirroritemspane.h"
#include "ui/mainwindow/renamedialog.h"
#include "ui/profiles/productiongate.h"
#include "ui/mainwindow/statusline.h"
#include "ui/plaintext.h"
#include "ui/sqlendpoint/sqlendpointrefreshcontrol.h"
#include "ui/gitfolder/gitfoldercontrol.h"
#include "models/sqlendpointsyncstore.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QCloseEvent>
#include <QHash>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScopeGuard>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <limits>

namespace fmc {

namespace {

const QString kSettingsGroup = QStringLiteral("MainWindow");
const QKeySequence kStartShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_S);
const QKeySequence kStopShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_H);

QString workspaceScope(const QString &workspaceId)
{
    return QStringLiteral("workspace:") + workspaceId;
}

//! "A, B and 3 more": the names of a selection, for a sentence.
QString nameList(const QStringList &names, int shown = 5)
{
    QStringList parts;
    for (const QString &name : names.mid(0, shown))
        parts << QStringLiteral("“%1”").arg(displayText(name, 80));
    if (names.size() > shown)
        parts << QObject::tr("%n more", nullptr, int(names.size() - shown));
    return parts.join(QStringLiteral(", "));
}

//! The width \a column of \a view needs for its title and its cells (the first 500 rows).
//! Measured here rather than with sectionSizeHint()/sizeHintForColumn(): those give nothing for
//! a hidden column, which could then never come back.
int contentWidth(const QTableView *view, int column, int cap = std::numeric_limits<int>::max())
{
    const QAbstractItemModel *model = view->model();
    const QHeaderView *header = view->horizontalHeader();
    QStyle *style = view->style();
    const int padding = 2 * (style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, view) + 1) + 6;
    const int icon = style->pixelMetric(QStyle::PM_SmallIconSize, nullptr, view) + 4;
    int width = header->fontMetrics().horizontalAdvance(model->headerData(column, Qt::Horizontal).toString())
                + 2 * style->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header)
                + style->pixelMetric(QStyle::PM_HeaderMarkSize, nullptr, header) + padding;
    const int rows = std::min(model->rowCount(), 500);
    // Shaping text is the cost (a role or a count repeats down a thousand rows): each distinct
    // text is measured once, and a capped column stops at its cap.
    QHash<QString, int> measured;
    for (int r = 0; r < rows && width < cap; ++r) {
        const QModelIndex index = model->index(r, column);
        const QString text = index.data().toString();
        auto advance = measured.constFind(text);
        if (advance == measured.cend())
            advance = measured.insert(text, view->fontMetrics().horizontalAdvance(text));
        width = std::max(width, *advance + (index.data(Qt::DecorationRole).isNull() ? 0 : icon) + padding);
    }
    return std::min(width, cap);
}

//! What a name column needs to be read: its contents, up to about 14 characters.
int readableWidth(const QTableView *view, int column)
{
    return contentWidth(view, column, 14 * view->fontMetrics().averageCharWidth() + 12);
}

int tableCount(const MirroredDatabaseRow &row)
{
    int count = 0;
    for (int n : row.tablesByStatus)
        count += n;
    return count;
}

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
    , m_workspaceStack(new QStackedWidget)
    , m_workspacesEmpty(new EmptyState)
    , m_databaseStack(new QStackedWidget)
    , m_databasesEmpty(new EmptyState)
    , m_details(new DetailsPane)
    , m_splitter(new QSplitter(Qt::Horizontal))
    , m_progress(new QProgressBar)
    , m_cancel(new QPushButton(tr("Cancel")))
    , m_statusLine(new StatusLine)
    , m_syncTimer(new QTimer(this))
    , m_fitWorkspacesTimer(new QTimer(this))
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
    m_fitColumnsAction = new QAction(tr("&Fit columns to the pane"), this);
    m_fitColumnsAction->setObjectName(QStringLiteral("actionFitColumns"));
    m_fitColumnsAction->setToolTip(tr("Forget the column widths you set: the columns follow their contents again"));
    connect(m_fitColumnsAction, &QAction::triggered, this, &MainWindow::fitColumnsToThePane);
    m_databases->horizontalHeader()->addAction(m_fitColumnsAction);
    m_databases->horizontalHeader()->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_databases->horizontalHeader()->viewport()->installEventFilter(this);
    m_workspaceProxy->setSortRole(UnderlyingDataRole);
    m_workspaceProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_workspaceProxy->setFilterKeyColumn(-1);
    m_workspaceProxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    connect(m_workspaceFilter, &QLineEdit::textChanged, m_workspaceProxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_databaseFilter, &QLineEdit::textChanged, m_databaseProxy, &DatabaseFilterModel::setText);
    for (QLineEdit *filter : {m_workspaceFilter, m_databaseFilter})
        connect(filter, &QLineEdit::textChanged, this, &MainWindow::updateEmptyStates);

    auto *detailsScroll = new QScrollArea;
    m_detailsScroll = detailsScroll;
    detailsScroll->setAccessibleName(tr("Details"));
    detailsScroll->setWidget(m_details);
    detailsScroll->setWidgetResizable(true);
    detailsScroll->setFrameShape(QFrame::NoFrame);
    m_databasesTitle = paneTitle(tr("&Mirrored databases"), m_databases);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    // An empty pane says why it is empty and offers the way forward instead of an empty table.
    m_workspacesEmpty->setObjectName(QStringLiteral("workspacesEmptyState"));
    m_databasesEmpty->setObjectName(QStringLiteral("databasesEmptyState"));
    m_workspaceStack->addWidget(m_workspaces);
    m_workspaceStack->addWidget(m_workspacesEmpty);
    m_databaseStack->addWidget(m_databases);
    m_databaseStack->addWidget(m_databasesEmpty);
    m_splitter->addWidget(
        pane(paneTitle(tr("&Workspaces"), m_workspaces), {m_workspaceFilter, m_allWorkspaces, m_workspaceStack}));
    // The other mirror item types go under the mirrored databases, in the same column.
    m_mirrorItems = new MirrorItemsPane;
    m_mirrorItems->setRoleProvider([this](const QString &workspaceId) {
        return m_browser ? m_browser->workspaces()->role(workspaceId) : WorkspaceRole::Unknown;
    });
    connect(m_mirrorItems, &MirrorItemsPane::message, this, [this](const QString &text, bool error) {
        showMessage(text, error, error ? 0 : 8000);
    });
    connect(m_mirrorItems, &MirrorItemsPane::dashboardRequested, this, &MainWindow::dashboardRequested);
    auto *middle = new QSplitter(Qt::Vertical);
    middle->setObjectName(QStringLiteral("databasesSplitter"));
    middle->addWidget(pane(m_databasesTitle, {m_databaseFilter, m_databaseStack}));
    middle->addWidget(m_mirrorItems);
    middle->setStretchFactor(0, 3);
    middle->setStretchFactor(1, 1);
    middle->setChildrenCollapsible(false);
    m_splitter->addWidget(middle);
    m_splitter->addWidget(pane(new QLabel(QStringLiteral("<b>%1</b>").arg(tr("Details"))), {detailsScroll}));
    // A wider window widens the databases first: at 1600 px every column of the list fits.
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 6);
    m_splitter->setStretchFactor(2, 2);
    // The workspaces pane fits name, role, type, region and the "Mirrored" count at the default size.
    m_splitter->setSizes({460, 630, 270});
    m_splitter->setChildrenCollapsible(false);
    setCentralWidget(m_splitter);
    setTabOrder(m_workspaceFilter, m_allWorkspaces);
    setTabOrder(m_allWorkspaces, m_workspaces);
    setTabOrder(m_workspaces, m_databaseFilter);
    setTabOrder(m_databaseFilter, m_databases);
    setTabOrder(m_databases, detailsScroll);
    connect(m_details, &DetailsPane::dashboardRequested, this, &MainWindow::openDashboard);

    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(160);
    m_progress->hide();
    m_cancel->hide();
    m_cancel->setToolTip(tr("Cancel the running action (Esc)"));
    statusBar()->addWidget(m_statusLine, 1);
    // Who is signed in, left of the progress: added here, in order (inserting it later at
    // index 0, a normal widget's index, made Qt warn and append it after Cancel).
    m_signedIn = new QLabel;
    m_signedIn->setObjectName(QStringLiteral("signedInLabel"));
    m_signedIn->setTextFormat(Qt::PlainText); // the name is the token's upn claim
    m_signedIn->setMinimumWidth(1);           // and however long, it must not widen the window
    statusBar()->addPermanentWidget(m_signedIn);
    m_signedIn->hide();                       // until setSignedIn() says who
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
    showMessage(tr("Not signed in"));
    m_databases->viewport()->installEventFilter(this);
    m_workspaces->viewport()->installEventFilter(this);

    // Several model signals in a row (a page of rows, a filter change) give one watch update.
    m_syncTimer->setSingleShot(true);
    m_fitWorkspacesTimer->setSingleShot(true);
    m_fitWorkspacesTimer->setInterval(200);
    connect(m_fitWorkspacesTimer, &QTimer::timeout, this, &MainWindow::fitWorkspaceColumns);
    m_syncTimer->setInterval(0);
    connect(m_syncTimer, &QTimer::timeout, this, &MainWindow::syncWatched);

    createActions();
    // "Refresh SQL endpoint": its own actions and progress strip; the client comes in setClient().
    m_sqlEndpointSyncs = new SqlEndpointSyncStore(this);
    m_sqlEndpointRefresher = new SqlEndpointRefresher(nullptr, m_sqlEndpointSyncs, this);
    m_sqlEndpoint = new SqlEndpointRefreshControl(m_sqlEndpointRefresher, this);
    m_sqlEndpoint->setSubjectProvider([this] {
        SqlEndpointRefreshControl::Subject subject;
        subject.signedIn = m_isSignedIn;
        const QList<const MirroredDatabaseRow *> rows = selectedRows();
        if (rows.size() == 1) {
            subject.target = SqlEndpointRefresher::targetOf(rows.first()->database);
            subject.workspaceName = rows.first()->workspaceName;
            subject.role = m_browser ? m_browser->workspaces()->role(subject.target.workspaceId) : WorkspaceRole::Unknown;
        }
        return subject;
    });
    connect(m_sqlEndpoint, &SqlEndpointRefreshControl::message, this,
            [this](const QString &text, bool error) { showMessage(text, error, error ? 0 : 8000); });
    auto *beforeSqlEndpoint = new QAction(this);
    beforeSqlEndpoint->setSeparator(true);
    m_databases->addActions({beforeSqlEndpoint, m_sqlEndpoint->refreshAction()});
    m_details->addSqlEndpointAction(m_sqlEndpoint->refreshAction());
    statusBar()->addPermanentWidget(m_sqlEndpoint->progressWidget());
    createGitFolderControl();
    createMenusAndToolBar();
    resize(1360, 820);
    restoreLayout();
    fitToScreen();
    updateActions();
    updateEmptyStates();
}

MainWindow::~MainWindow() = default;

void MainWindow::createGitFolderControl()
{
    m_gitFolder = new GitFolderControl(new GitFolderTransfer(nullptr, this), this);
    m_gitFolder->setSubjectProvider([this] {
        GitFolderControl::Subject subject;
        subject.signedIn = m_isSignedIn && m_client;
        if (const QList<const MirroredDatabaseRow *> rows = selectedRows(); rows.size() == 1)
            subject.database = rows.first()->database;
        subject.workspaceId = m_databaseProxy->workspaceId();
        subject.workspaceName = m_workspaces->currentIndex().siblingAtColumn(WorkspaceListModel::Name).data().toString();
        const WorkspaceRole role = m_browser ? m_browser->workspaces()->role(subject.workspaceId) : WorkspaceRole::Unknown;
        const auto permission = MirroredDatabaseAdmin::canChangeIn(role, displayText(subject.workspaceName, 60));
        if (!permission.allowed)
            subject.cannotWrite = permission.reason;
        return subject;
    });
    connect(m_gitFolder, &GitFolderControl::message, this,
            [this](const QString &text, bool error) { showMessage(text, error, error ? 0 : 8000); });
    connect(m_gitFolder, &GitFolderControl::imported, this, &MainWindow::onDatabaseSaved);
}

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
    m_startAction = make(QStringLiteral("actionStart"), tr("&Start mirroring"), kStartShortcut,
                         s->standardIcon(QStyle::SP_MediaPlay));
    // Not a neighbour of Start's Ctrl+Shift+S: Stop can force a reseed of every table.
    m_stopAction = make(QStringLiteral("actionStop"), tr("S&top mirroring…"), kStopShortcut,
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
    m_signInAction->setToolTip(tr("Sign in, or switch to another account"));

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
    file->addAction(tr("&Profiles…"), this, &MainWindow::profilesRequested)->setObjectName(QStringLiteral("actionProfiles"));
    file->addSeparator();
    file->addAction(m_settingsAction);
    QAction *watch = file->addAction(tr("&Background watch…"), this, &MainWindow::backgroundWatchRequested);
    watch->setObjectName(QStringLiteral("actionBackgroundWatch"));
    watch->setToolTip(tr("Which mirrored databases to keep watching from the tray when the windows are closed"));
    file->addSeparator();
    file->addAction(m_quitAction);
    QMenu *database = menuBar()->addMenu(tr("&Database"));
    database->addActions({m_newAction, m_editAction, m_renameAction, m_deleteAction});
    database->addSeparator();
    database->addActions({m_startAction, m_stopAction});
    database->addSeparator();
    database->addActions({m_dashboardAction, m_copyJsonAction});
    database->addSeparator();
    database->addActions({m_sqlEndpoint->refreshAction(), m_sqlEndpoint->recreateAction()});
    database->addSeparator();
    database->addActions({m_gitFolder->exportAction(), m_gitFolder->importAction()});
    // Compare and promote between workspaces and tenants (ui/environments/).
    m_environments = new EnvironmentLauncher(this);
    database->addSeparator();
    database->addActions({m_environments->compareAction(), m_environments->promoteAction()});
    connect(m_environments, &EnvironmentLauncher::promotedHere, this, [this](const QString &workspaceId) {
        if (m_browser)
            m_browser->relistWorkspace(workspaceId);
    });
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addActions({m_allWorkspacesAction, m_refreshAction});
    // The fleet: every mirror of the tenant at once (ui/fleet/), opened by the controller.
    QAction *fleet = view->addAction(tr("&Fleet view…"), this, &MainWindow::fleetRequested);
    fleet->setObjectName(QStringLiteral("actionFleet"));
    fleet->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    fleet->setToolTip(tr("Every mirror in the tenant, with bulk start and stop (%1)")
                          .arg(fleet->shortcut().toString(QKeySequence::NativeText)));
    addAction(fleet); // the shortcut works whichever pane has the focus
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
    // Widths follow the contents as statuses and counts arrive (fitDatabaseColumns()).
    m_databases->horizontalHeader()->setStretchLastSection(false);
    // Type, region and count take what their words need (the counts arrive later and stay
    // short); the name takes the rest of the pane, so that the count is never pushed out of view.
    QHeaderView *workspaceHeader = m_workspaces->horizontalHeader();
    workspaceHeader->setStretchLastSection(false);
    workspaceHeader->setSectionResizeMode(WorkspaceListModel::Name, QHeaderView::Stretch);
    // Not ResizeToContents: that measures every row again on each change, and with a thousand
    // workspaces each database count arriving stalled the window; fitWorkspaceColumns() sets
    // these widths instead, at most every 200 ms.
    for (int column : {WorkspaceListModel::Role, WorkspaceListModel::Type, WorkspaceListModel::CapacityRegion,
                       WorkspaceListModel::Databases})
        workspaceHeader->setSectionResizeMode(column, QHeaderView::Fixed);
    QSettings settings;
    m_databases->horizontalHeader()->restoreState(
        settings.value(kSettingsGroup + QStringLiteral("/databaseColumns")).toByteArray());
    // Widths the user dragged stay theirs until "Fit columns to the pane" (the header's menu).
    const QVariantMap byUser = settings.value(kSettingsGroup + QStringLiteral("/databaseColumnsByUser")).toMap();
    m_userColumnWidths.clear();
    for (auto it = byUser.cbegin(); it != byUser.cend(); ++it) {
        bool isColumn = false;
        const int column = it.key().toInt(&isColumn);
        const int width = it.value().toInt();
        if (isColumn && column >= 0 && column < MirroredDatabaseListModel::ColumnCount && width > 0)
            m_userColumnWidths.insert(column, width);
    }
    m_fitColumnsAction->setEnabled(!m_userColumnWidths.isEmpty());
    connect(m_databases->horizontalHeader(), &QHeaderView::sectionResized, this, &MainWindow::onDatabaseColumnResized,
            Qt::UniqueConnection);
    // Until a workspace is chosen, show none rather than every workspace's.
    m_databaseProxy->setWorkspaceId(QStringLiteral("-"));
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
        m_workspacesListed = true;
        showMessage(tr("%n workspace(s)", nullptr, count), false, 5000);
        if (m_isSignedIn && !m_workspaces->currentIndex().isValid() && !m_allWorkspaces->isChecked() && count > 0)
            m_workspaces->setCurrentIndex(m_workspaceProxy->index(0, WorkspaceListModel::Name));
    });
    // A role learnt enables or disables what it allows, with the reason in the tooltip.
    connect(browser, &WorkspaceBrowser::rolesLoaded, this, [this] {
        updateActions();
        updateDetails();
        // Not at once: measuring a thousand rows (3-5 ms) in the same event as the fleet's own
        // pass over them made one GUI stall of both (fmc-bench-startup).
        m_fitWorkspacesTimer->start();
    });
    connect(browser, &WorkspaceBrowser::databasesLoaded, this, [this](const QString &workspaceId) {
        m_listedWorkspaces.insert(workspaceId);
        updateEmptyStates();
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
        // About what the databases pane shows: it goes when another workspace is chosen.
        m_listFailure = message.section(QLatin1Char('\n'), 0, 0);
        const QString text = m_listFailure + QStringLiteral(" — ")
                             + message.section(QLatin1Char('\n'), 1).replace(QLatin1Char('\n'), QStringLiteral("; "));
        const QString ws = m_databaseProxy->workspaceId();
        m_statusLine->showMessage(text, StatusLine::Kind::Error,
                                  ws.isEmpty() || ws == QLatin1String("-") ? QString() : workspaceScope(ws));
        updateEmptyStates();
    });
    for (QAbstractItemModel *model :
         {static_cast<QAbstractItemModel *>(m_workspaceProxy), static_cast<QAbstractItemModel *>(m_databaseProxy)}) {
        for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
            connect(model, signal, this, &MainWindow::updateEmptyStates);
        connect(model, &QAbstractItemModel::modelReset, this, &MainWindow::updateEmptyStates);
        connect(model, &QAbstractItemModel::layoutChanged, this, &MainWindow::updateEmptyStates);
    }
    // Columns follow their contents as statuses and counts arrive.
    connect(m_databaseProxy, &QAbstractItemModel::dataChanged, this, &MainWindow::fitDatabaseColumns,
            Qt::QueuedConnection);
    const auto fitWorkspacesSoon = [this] {
        if (!m_fitWorkspacesTimer->isActive())
            m_fitWorkspacesTimer->start();
    };
    connect(m_workspaceProxy, &QAbstractItemModel::rowsInserted, this, fitWorkspacesSoon);
    connect(m_workspaceProxy, &QAbstractItemModel::dataChanged, this, fitWorkspacesSoon);
    connect(m_databaseProxy, &QAbstractItemModel::rowsInserted, this, &MainWindow::fitDatabaseColumns,
            Qt::QueuedConnection);
    updateEmptyStates();
}

void MainWindow::setClient(FabricClient *client)
{
    m_client = client;
    m_sqlEndpointRefresher->setClient(client);
    m_gitFolder->transfer()->setClient(client);
    m_environments->setCurrentClient(client);
    m_mirrorItems->setClient(client);
    m_admin = new MirroredDatabaseAdmin(client, this);
    m_monitor = new StatusMonitor(client, this);
    m_monitor->setInterval(m_refreshInterval);
    connect(m_admin, &MirroredDatabaseAdmin::busyChanged, this, &MainWindow::onBusyChanged);
    connect(m_admin, &MirroredDatabaseAdmin::finished, this, &MainWindow::onActionFinished);
    connect(m_admin, &MirroredDatabaseAdmin::renamed, this, [this](const MirroredDatabase &database) {
        if (m_browser)
            m_browser->applyUpdated(database);
    });
    // The details name the failed tables as the monitor learns them.
    connect(m_monitor, &StatusMonitor::tablesPageApplied, this, [this](const QString &databaseId) {
        const MirroredDatabaseRow *row = currentRow();
        if (row && row->database.id == databaseId && selectedRows().size() == 1)
            updateDetails();
    });
    connect(m_monitor, &StatusMonitor::throttled, this, [this](int delayMs) {
        showMessage(tr("Fabric is throttling requests; waiting %1 s").arg((delayMs + 999) / 1000), false, 5000);
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
    m_signedIn->show();
    const bool wasSignedIn = m_isSignedIn;
    const bool switched = wasSignedIn && !who.isEmpty() && who + endpoint != m_signedInAs;
    m_signedInAs = who + endpoint;
    m_isSignedIn = !who.isEmpty();
    m_everSignedIn = m_everSignedIn || m_isSignedIn;
    const QString text = who.isEmpty() ? tr("Not signed in")
                                       : tr("Signed in as %1 to %2").arg(displayText(who, 80), displayText(endpoint));
    m_signedIn->setText(text);
    m_signedIn->setToolTip(plainToolTip(text));
    m_environments->setCurrentLabel(who);
    // Signing in again while signed in switches account.
    m_signInAction->setEnabled(true);
    m_signInAction->setText(m_isSignedIn ? tr("Sign &in with another account…") : tr("Sign &in…"));
    m_signOutAction->setEnabled(m_isSignedIn);
    // Signed out, or another account: nothing of the tenant shown before stays.
    if ((wasSignedIn && !m_isSignedIn) || switched)
        clearTenant();
    if (m_isSignedIn && m_monitor && !m_monitor->isActive())
        m_monitor->start();
    updateActions();
    updateEmptyStates();
}

void MainWindow::setSignInSetupHint(const QString &hint)
{
    m_setupHint = hint;
    updateEmptyStates();
}

void MainWindow::clearTenant()
{
    // Nothing of the tenant stays on screen once its tokens are gone, and nothing polls it.
    m_batch.clear();
    if (m_admin && m_admin->isBusy())
        m_admin->cancel();
    if (m_monitor) {
        m_monitor->unwatchAll();
        m_monitor->pause();
    }
    if (m_workspaces->selectionModel())
        m_workspaces->selectionModel()->clear();
    m_allWorkspaces->setChecked(false);
    m_mirrorItems->clear();
    m_databaseProxy->setWorkspaceId(QStringLiteral("-"));
    m_databasesTitle->setText(QStringLiteral("<b>%1</b>").arg(tr("&Mirrored databases")));
    if (m_browser) {
        m_browser->workspaces()->setWorkspaces({});
        m_browser->databases()->clear();
    }
    m_workspacesListed = false;
    m_listedWorkspaces.clear();
    m_listFailure.clear();
    m_statusLine->clearScopes({});
    onCurrentDatabaseChanged();
}

void MainWindow::showMessage(const QString &text, bool error, int timeoutMs)
{
    m_statusLine->showMessage(text, error ? StatusLine::Kind::Error : StatusLine::Kind::Info, {}, timeoutMs);
}

void MainWindow::showScoped(const QString &text, const QString &workspaceId, int timeoutMs)
{
    m_statusLine->showMessage(text, StatusLine::Kind::Info, workspaceScope(workspaceId), timeoutMs);
}

QString MainWindow::statusMessage() const
{
    return m_statusLine->message();
}

void MainWindow::updateEmptyStates()
{
    const QString signedOut = m_everSignedIn ? tr("Signed out — sign in to see this tenant.")
                                             : tr("Not signed in — sign in to see your workspaces.");
    QList<QAction *> signIn{m_signInAction};
    if (!m_setupHint.isEmpty())
        signIn << m_settingsAction;
    if (!m_isSignedIn) {
        // The way forward once, in the databases pane; the workspaces pane only says why.
        m_workspacesEmpty->setState(signedOut);
        m_databasesEmpty->setState(signedOut, signIn, m_setupHint);
        m_workspaceStack->setCurrentWidget(m_workspacesEmpty);
        m_databaseStack->setCurrentWidget(m_databasesEmpty);
        m_details->setPlaceholder(signedOut);
        orderTabs();
        return;
    }
    m_details->setPlaceholder({});
    const bool workspacesEmpty = m_workspaceProxy->rowCount() == 0;
    if (workspacesEmpty) {
        if (m_workspaceProxy->sourceModel() && m_workspaceProxy->sourceModel()->rowCount() > 0)
            m_workspacesEmpty->setState(tr("No workspace matches \u201c%1\u201d.").arg(m_workspaceFilter->text()));
        else if (!m_workspacesListed)
            m_workspacesEmpty->setState(tr("Listing your workspaces…"));
        else
            m_workspacesEmpty->setState(tr("You have no workspace in this tenant."), {m_refreshAction},
                                        tr("A workspace admin can add you to one."));
    }
    m_workspaceStack->setCurrentWidget(workspacesEmpty ? static_cast<QWidget *>(m_workspacesEmpty) : m_workspaces);

    const QString ws = m_databaseProxy->workspaceId();
    const bool databasesEmpty = m_databaseProxy->rowCount() == 0;
    if (databasesEmpty) {
        const QModelIndex current = m_workspaces->currentIndex();
        const QString name = current.isValid()
                                 ? displayText(current.siblingAtColumn(WorkspaceListModel::Name).data().toString(), 80)
                                 : QString();
        if (ws == QLatin1String("-"))
            m_databasesEmpty->setState(tr("Select a workspace to see its mirrored databases."),
                                       {m_allWorkspacesAction});
        else if (!m_databaseFilter->text().isEmpty())
            m_databasesEmpty->setState(
                tr("No mirrored database matches \u201c%1\u201d.").arg(m_databaseFilter->text()));
        else if (ws.isEmpty())
            m_databasesEmpty->setState(m_workspacesListed && m_browser && m_browser->backlogSize() == 0
                                           ? tr("No mirrored databases in any workspace.")
                                           : tr("Listing the mirrored databases of every workspace…"));
        else if (m_listedWorkspaces.contains(ws))
            m_databasesEmpty->setState(tr("No mirrored databases in %1.").arg(name), {m_newAction},
                                       tr("A mirrored database copies tables from a source database into "
                                          "OneLake and keeps them up to date."));
        else if (!m_listFailure.isEmpty())
            m_databasesEmpty->setState(
                tr("Could not list the mirrored databases of %1: %2").arg(name, displayText(m_listFailure)),
                {m_refreshAction});
        else
            m_databasesEmpty->setState(tr("Listing the mirrored databases of %1…").arg(name));
    }
    m_databaseStack->setCurrentWidget(databasesEmpty ? static_cast<QWidget *>(m_databasesEmpty) : m_databases);
    orderTabs();
}

void MainWindow::orderTabs()
{
    // Pane by pane, in reading order, including the buttons of an empty pane (made on the fly,
    // they would otherwise come last).
    QList<QWidget *> chain{m_workspaceFilter, m_allWorkspaces};
    chain += QList<QWidget *>(m_workspacesEmpty->buttons().cbegin(), m_workspacesEmpty->buttons().cend());
    chain << m_workspaces << m_databaseFilter;
    chain += QList<QWidget *>(m_databasesEmpty->buttons().cbegin(), m_databasesEmpty->buttons().cend());
    chain << m_databases << m_mirrorItems->view() << m_mirrorItems->cancelButton() << m_detailsScroll;
    for (qsizetype i = 1; i < chain.size(); ++i)
        setTabOrder(chain.at(i - 1), chain.at(i));
}

void MainWindow::onWorkspaceSelected()
{
    const QModelIndex current = m_workspaces->currentIndex();
    if (!current.isValid() || !m_browser || !m_isSignedIn)
        return;
    const QString id = current.siblingAtColumn(WorkspaceListModel::Name).data(KeyRole).toString();
    m_allWorkspaces->setChecked(false);
    // Messages about the workspace shown before go with it.
    m_statusLine->clearScopes({workspaceScope(id)});
    m_listFailure.clear();
    m_databaseProxy->setWorkspaceId(id);
    m_databasesTitle->setText(QStringLiteral("<b>%1</b>").arg(
        tr("&Mirrored databases in %1").arg(current.siblingAtColumn(WorkspaceListModel::Name).data().toString().toHtmlEscaped())));
    m_browser->showWorkspace(id);
    if (const int row = m_browser->workspaces()->rowOfKey(id); row >= 0)
        m_mirrorItems->showWorkspaces({m_browser->workspaces()->rowAt(row)});
    fitDatabaseColumns();
    scheduleSyncWatched();
    onCurrentDatabaseChanged();
    updateEmptyStates();
}

void MainWindow::showAllWorkspaces()
{
    m_allWorkspaces->setChecked(true);
    m_workspaces->selectionModel()->clear();
    m_databaseProxy->setWorkspaceId({});
    m_databasesTitle->setText(QStringLiteral("<b>%1</b>").arg(tr("&Mirrored databases in all workspaces")));
    m_listFailure.clear();
    if (m_browser && m_isSignedIn) {
        m_browser->reloadAllDatabases();
        QList<Workspace> all;
        for (int row = 0; row < m_browser->workspaces()->rowCount(); ++row)
            all.append(m_browser->workspaces()->rowAt(row));
        m_mirrorItems->showWorkspaces(all);
    }
    fitDatabaseColumns();
    scheduleSyncWatched();
    onCurrentDatabaseChanged();
    updateEmptyStates();
}

void MainWindow::refresh()
{
    if (!m_browser || !m_isSignedIn) {
        showMessage(tr("Nothing to refresh: not signed in. Sign in first (File ▸ Sign in…)."), false, 8000);
        return;
    }
    m_browser->reloadWorkspaces(); // then every workspace's databases, in the background
    const QString ws = m_databaseProxy->workspaceId();
    if (ws == QLatin1String("-")) {
        // Only the workspace list can be refreshed: say so, rather than "Refreshing…" and nothing.
        showMessage(tr("Refreshing the workspace list only: no workspace is selected. Select one, or All "
                       "workspaces, to see mirrored databases."),
                    false, 8000);
        return;
    }
    if (!ws.isEmpty())
        m_browser->relistWorkspace(ws); // first, and not again by the backlog
    if (m_monitor)
        m_monitor->refreshNow();
    m_mirrorItems->refresh();
    showMessage(tr("Refreshing…"), false, 3000);
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
    const QList<const MirroredDatabaseRow *> rows = selectedRows();
    if (rows.size() > 1) {
        QStringList names;
        for (const MirroredDatabaseRow *row : rows)
            names << row->database.displayName;
        m_details->setSelectionSummary(
            tr("%n mirrored databases selected: %1.", nullptr, int(rows.size())).arg(nameList(names, 8))
            + QLatin1Char('\n')
            + tr("Start, Stop and Delete act on each of them whose status allows it; Edit and Rename need one."));
        return;
    }
    const MirroredDatabaseRow *row = currentRow();
    m_details->setRow(row, m_monitor && row ? m_monitor->tableModel(row->database.id) : nullptr);
    m_details->setRole(row && m_browser ? workspaceRoleName(m_browser->workspaces()->role(row->database.workspaceId))
                                        : QString());
}

QAction *MainWindow::refreshSqlEndpointAction() const
{
    return m_sqlEndpoint->refreshAction();
}

void MainWindow::updateActions()
{
    if (m_sqlEndpoint)
        m_sqlEndpoint->updateActions();
    if (m_gitFolder)
        m_gitFolder->updateActions();
    const QList<const MirroredDatabaseRow *> rows = selectedRows();
    const MirroredDatabaseRow *row = rows.size() == 1 ? rows.first() : nullptr;
    m_environments->setLimits(m_definitionLimits);
    m_environments->setSelection(row ? row->database.workspaceId : QString(), row ? row->database.id : QString(),
                                 row ? row->database.displayName : QString());
    const bool busy = (m_admin && m_admin->isBusy()) || !m_batch.isEmpty();
    const bool ready = m_admin && !busy && m_isSignedIn;
    const bool hasWorkspace = !m_databaseProxy->workspaceId().isEmpty() && m_databaseProxy->workspaceId() != QLatin1String("-");
    const QString signInFirst = tr("sign in first");
    // The caller's role in a workspace (Unknown until learnt, or when that failed: allowed).
    const auto roleIn = [this](const QString &workspaceId, const QString &workspaceName) {
        const WorkspaceRole role = m_browser ? m_browser->workspaces()->role(workspaceId) : WorkspaceRole::Unknown;
        return MirroredDatabaseAdmin::canChangeIn(role, displayText(workspaceName, 60));
    };
    const auto withReason = [](QAction *action, const QString &what, const QString &reason) {
        const QString tip = reason.isEmpty() ? what : what + QStringLiteral(" — ") + reason;
        action->setToolTip(plainToolTip(tip));
        action->setStatusTip(tip);
    };
    const auto shortcut = [](const QKeySequence &keys) { return keys.toString(QKeySequence::NativeText); };
    const QString workspaceName =
        m_workspaces->currentIndex().siblingAtColumn(WorkspaceListModel::Name).data().toString();
    const MirroredDatabaseAdmin::Permission createIn = hasWorkspace
                                                           ? roleIn(m_databaseProxy->workspaceId(), workspaceName)
                                                           : MirroredDatabaseAdmin::Permission{true, {}};
    m_newAction->setEnabled(ready && hasWorkspace && createIn.allowed);
    withReason(m_newAction, tr("New mirrored database (%1)").arg(shortcut(QKeySequence::New)),
               !m_isSignedIn       ? signInFirst
               : !hasWorkspace     ? tr("select a workspace to create a mirrored database in it")
               : !createIn.allowed ? createIn.reason
                                   : QString());
    const MirroredDatabaseAdmin::Permission changeRow = row ? roleIn(row->database.workspaceId, row->workspaceName)
                                                            : MirroredDatabaseAdmin::Permission{true, {}};
    for (auto [action, what] :
         {std::pair{m_editAction, tr("Edit definition (%1)").arg(shortcut(m_editAction->shortcut()))},
          std::pair{m_renameAction, tr("Rename / description (%1)").arg(shortcut(m_renameAction->shortcut()))}}) {
        action->setEnabled(row && ready && changeRow.allowed);
        withReason(action, what,
                   !m_isSignedIn               ? signInFirst
                   : row && !changeRow.allowed ? changeRow.reason
                                               : QString());
    }
    m_copyJsonAction->setEnabled(!rows.isEmpty());
    m_dashboardAction->setEnabled(m_isSignedIn && m_databaseProxy->rowCount() > 0);
    for (QAction *action : {m_refreshAction, m_allWorkspacesAction})
        action->setEnabled(m_isSignedIn);
    m_allWorkspaces->setEnabled(m_isSignedIn);

    // Each selected database is gated by its own status; the action runs on those that allow it.
    auto gate = [&](QAction *action, auto permissionOf, const QString &what) {
        int allowed = 0;
        QString refusal;
        for (const MirroredDatabaseRow *r : rows) {
            MirroredDatabaseAdmin::Permission permission = roleIn(r->database.workspaceId, r->workspaceName);
            if (permission.allowed)
                permission = permissionOf(*r);
            if (permission.allowed)
                ++allowed;
            else if (refusal.isEmpty())
                refusal = rows.size() == 1
                              ? permission.reason
                              : tr("%1: %2").arg(displayText(r->database.displayName, 60), permission.reason);
        }
        action->setEnabled(ready && allowed > 0);
        QString tip = what;
        if (!m_isSignedIn)
            tip += QStringLiteral(" — ") + signInFirst;
        else if (rows.isEmpty())
            tip += QStringLiteral(" — ") + tr("select a mirrored database first");
        else if (allowed == 0)
            tip += QStringLiteral(" — ") + displayText(refusal);
        else if (busy)
            tip += QStringLiteral(" — ") + tr("wait for the running action to end");
        else if (allowed < rows.size())
            tip += QStringLiteral(" — ") + tr("%1 of %2 selected; not %3").arg(allowed).arg(rows.size()).arg(displayText(refusal));
        else if (rows.size() > 1)
            tip += QStringLiteral(" — ") + tr("all %n selected", nullptr, int(rows.size()));
        action->setToolTip(plainToolTip(tip));
        action->setStatusTip(tip);
    };
    gate(
        m_startAction, [](const MirroredDatabaseRow &r) { return MirroredDatabaseAdmin::canStart(r.status); },
        tr("Start mirroring (%1)").arg(shortcut(kStartShortcut)));
    gate(
        m_stopAction, [](const MirroredDatabaseRow &r) { return MirroredDatabaseAdmin::canStop(r.status); },
        tr("Stop mirroring (%1)").arg(shortcut(kStopShortcut)));
    gate(
        m_deleteAction,
        [](const MirroredDatabaseRow &) {
            return MirroredDatabaseAdmin::Permission{true, {}};
        },
        tr("Delete (%1)").arg(shortcut(QKeySequence::Delete)));
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
    m_progress->setVisible(busy || !m_batch.isEmpty());
    m_cancel->setVisible(busy || !m_batch.isEmpty());
    if (busy)
        showMessage(m_batchSize > 1 ? tr("%1 (%2 of %3)").arg(text, QString::number(m_batchSize - m_batch.size()), QString::number(m_batchSize))
                                    : text);
    if (m_renameDialog)
        m_renameDialog->setBusy(busy);
    updateActions();
}

void MainWindow::showError(const QString &what, const QString &details, const QString &scope)
{
    m_statusLine->showMessage(what + QStringLiteral(" — ") + details, StatusLine::Kind::Error, scope);
    auto *box = new QMessageBox(QMessageBox::Warning, displayText(what), displayMessage(what), QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorMessage"));
    box->setInformativeText(displayMessage(details));
    showPlainText(box);
    box->setTextInteractionFlags(Qt::TextSelectableByMouse);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open(); // window-modal, no nested event loop
}

void MainWindow::onActionFinished(MirroredDatabaseAdmin::Action action, const QString &workspaceId,
                                  const QString &databaseId, const ApiError &error)
{
    const MirroredDatabaseRow *row = m_browser ? m_browser->databases()->find(workspaceId, databaseId) : nullptr;
    const QString name = row ? displayText(row->database.displayName, 80) : databaseId;
    const QString scope = workspaceScope(workspaceId);
    const bool inBatch = m_batchSize > 1;
    if (error.isError()) {
        const QString details = MirroredDatabaseAdmin::describe(error);
        if (action == MirroredDatabaseAdmin::Action::Rename && m_renameDialog) {
            // The dialog stays open with what was typed, and says why.
            m_renameDialog->showFailure(details);
            m_statusLine->showMessage(tr("Could not rename %1").arg(name) + QStringLiteral(" — ") + details,
                                      StatusLine::Kind::Error, scope);
            return;
        }
        if (error.kind() == ApiError::Kind::Cancelled) {
            const int skipped = int(m_batch.size());
            m_batch.clear();
            m_batchSize = 0;
            showScoped(skipped ? tr("Cancelled; %n database(s) not done.", nullptr, skipped) : tr("Cancelled."),
                       workspaceId, 5000);
            updateActions();
            return;
        }
        QString what;
        switch (action) {
        case MirroredDatabaseAdmin::Action::Start: what = tr("Could not start mirroring of %1").arg(name); break;
        case MirroredDatabaseAdmin::Action::Stop: what = tr("Could not stop mirroring of %1").arg(name); break;
        case MirroredDatabaseAdmin::Action::Rename: what = tr("Could not rename %1").arg(name); break;
        case MirroredDatabaseAdmin::Action::Delete: what = tr("Could not delete %1").arg(name); break;
        }
        if (inBatch)
            m_batchFailures << what + QStringLiteral(": ") + details;
        else
            showError(what, details, scope);
    } else {
        switch (action) {
        case MirroredDatabaseAdmin::Action::Start:
            showScoped(tr("Mirroring of %1 is starting.").arg(name), workspaceId, 5000);
            break;
        case MirroredDatabaseAdmin::Action::Stop:
            showScoped(tr("Mirroring of %1 is stopping.").arg(name), workspaceId, 5000);
            break;
        case MirroredDatabaseAdmin::Action::Rename:
            showScoped(tr("Saved %1.").arg(name), workspaceId, 5000);
            if (m_renameDialog)
                m_renameDialog->accept();
            break;
        case MirroredDatabaseAdmin::Action::Delete:
            showScoped(tr("Deleted %1.").arg(name), workspaceId, 5000);
            if (m_browser)
                m_browser->forgetDatabase(workspaceId, databaseId);
            break;
        }
    }
    if (m_monitor && (action == MirroredDatabaseAdmin::Action::Start || action == MirroredDatabaseAdmin::Action::Stop))
        m_monitor->refreshNow();
    if (!m_batch.isEmpty()) {
        // The next one once the admin has ended this one (finished() comes before busyChanged()).
        QTimer::singleShot(0, this, &MainWindow::runNextInBatch);
        return;
    }
    if (inBatch) {
        const int done = m_batchSize - int(m_batchFailures.size());
        if (!m_batchFailures.isEmpty())
            showError(tr("%1 of %2 done; %n failed", nullptr, int(m_batchFailures.size())).arg(done).arg(m_batchSize),
                      m_batchFailures.join(QStringLiteral("\n\n")), scope);
        else
            showScoped(tr("Done for all %n mirrored databases.", nullptr, m_batchSize), workspaceId, 5000);
        m_batchFailures.clear();
        m_batchSize = 0;
        updateActions();
    }
}

void MainWindow::runBatch(MirroredDatabaseAdmin::Action action, const QList<const MirroredDatabaseRow *> &rows,
                          bool hardDelete)
{
    if (!m_admin || m_admin->isBusy() || !m_batch.isEmpty() || rows.isEmpty())
        return;
    QList<BatchItem> items;
    QStringList names;
    for (const MirroredDatabaseRow *row : rows) {
        items.append({row->database.workspaceId, row->database.id, row->database.displayName});
        names << row->database.displayName;
    }
    // Ids, not rows: a refresh while the production question is open may replace the rows.
    ProductionGate::confirm(this, productionPhrase(action, names), [this, action, items, hardDelete] {
        if (!m_admin || m_admin->isBusy() || !m_batch.isEmpty())
            return;
        m_batchAction = action;
        m_batchHardDelete = hardDelete;
        m_batchFailures.clear();
        m_batch = items;
        m_batchSize = int(m_batch.size());
        runNextInBatch();
    });
}

void MainWindow::runNextInBatch()
{
    if (m_batch.isEmpty() || !m_admin || m_admin->isBusy())
        return;
    const BatchItem item = m_batch.takeFirst();
    switch (m_batchAction) {
    case MirroredDatabaseAdmin::Action::Start:
        m_admin->start(item.workspaceId, item.databaseId);
        break;
    case MirroredDatabaseAdmin::Action::Stop:
        m_admin->stop(item.workspaceId, item.databaseId);
        break;
    case MirroredDatabaseAdmin::Action::Delete:
        m_admin->remove(item.workspaceId, item.databaseId, m_batchHardDelete);
        break;
    case MirroredDatabaseAdmin::Action::Rename:
        break;
    }
}

void MainWindow::startMirroring(bool force)
{
    if (!m_admin || m_admin->isBusy() || !m_batch.isEmpty())
        return;
    QList<const MirroredDatabaseRow *> rows;
    QStringList reseeding;
    QString refusal;
    for (const MirroredDatabaseRow *row : selectedRows()) {
        const auto permission = MirroredDatabaseAdmin::canStart(row->status);
        if (!permission.allowed && !force) {
            refusal = permission.reason;
            continue;
        }
        rows << row;
        if (MirroredDatabaseAdmin::startReseeds(row->status))
            reseeding << row->database.displayName;
    }
    if (rows.isEmpty()) {
        if (!refusal.isEmpty())
            showMessage(refusal, false, 5000);
        return;
    }
    // One database: the readiness checklist first (it says when Start reseeds); forced, as asked.
    if (!force && rows.size() == 1) {
        openReadiness(rows.first()->database.workspaceId, rows.first()->database.id,
                      rows.first()->database.displayName, true);
        return;
    }
    if (reseeding.isEmpty() && rows.size() == 1) {
        runBatch(MirroredDatabaseAdmin::Action::Start, rows);
        return;
    }
    QStringList names;
    for (const MirroredDatabaseRow *row : rows)
        names << row->database.displayName;
    QList<WatchedDatabase> targets;
    for (const MirroredDatabaseRow *row : rows)
        targets.append({row->database.workspaceId, row->database.id, row->database.displayName});
    QMessageBox *box = confirmation(
        QStringLiteral("reseedWarning"), tr("Start mirroring"),
        rows.size() == 1
            ? tr("Start mirroring of %1 again?").arg(nameList(names))
            : tr("Start mirroring of %n databases: %1?", nullptr, int(rows.size())).arg(nameList(names, 10)),
        reseeding.isEmpty() ? tr("Start") : tr("Start and reseed"));
    if (!reseeding.isEmpty())
        box->setInformativeText(tr("Mirroring was stopped (%1): starting it again reseeds every table from scratch, "
                                   "which takes time and can cost compute at the source (e.g. Snowflake).")
                                    .arg(nameList(reseeding)));
    confirmThenRun(box, MirroredDatabaseAdmin::Action::Start, targets);
}

QMessageBox *MainWindow::confirmation(const QString &objectName, const QString &title, const QString &text,
                                      const QString &yes)
{
    // Names in the text come from the service: plain text. Cancel is the default.
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(objectName);
    box->setTextFormat(Qt::PlainText);
    box->button(QMessageBox::Yes)->setText(yes);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    return box;
}

void MainWindow::confirmThenRun(QMessageBox *box, MirroredDatabaseAdmin::Action action,
                                const QList<WatchedDatabase> &targets, QCheckBox *hardDelete)
{
    connect(box, &QMessageBox::finished, this, [this, box, action, targets, hardDelete](int) {
        if (box->clickedButton() == box->button(QMessageBox::Yes))
            runBatchOn(action, targets, hardDelete && hardDelete->isChecked());
    });
    showPlainText(box); // after the last text: the informative label is made by setInformativeText()
    box->open();        // window-modal, no nested event loop
}

void MainWindow::stopMirroring()
{
    if (!m_admin || m_admin->isBusy() || !m_batch.isEmpty())
        return;
    QList<WatchedDatabase> targets;
    QStringList names;
    int tables = 0;
    for (const MirroredDatabaseRow *row : selectedRows()) {
        if (!MirroredDatabaseAdmin::canStop(row->status).allowed)
            continue;
        targets.append({row->database.workspaceId, row->database.id, row->database.displayName});
        names << row->database.displayName;
        tables += tableCount(*row);
    }
    if (targets.isEmpty())
        return;
    // Stopping is cheap; starting again is not: every table is copied again from the source.
    QMessageBox *box = confirmation(
        QStringLiteral("stopConfirmation"), tr("Stop mirroring"),
        targets.size() == 1
            ? tr("Stop mirroring of %1?").arg(nameList(names))
            : tr("Stop mirroring of %n databases: %1?", nullptr, int(targets.size())).arg(nameList(names, 10)),
        tr("Stop mirroring"));
    box->setInformativeText(
        (tables > 0 ? tr("Replication stops. Starting it again later reseeds every table from scratch: %n table(s) "
                         "copied again in full, which takes time and can cost compute at the source.",
                         nullptr, tables)
                    : tr("Replication stops. Starting it again later reseeds every table from scratch, which takes "
                         "time and can cost compute at the source.")));
    confirmThenRun(box, MirroredDatabaseAdmin::Action::Stop, targets);
}

QString MainWindow::productionPhrase(MirroredDatabaseAdmin::Action action, const QStringList &names) const
{
    const QString list = nameList(names, 10);
    switch (action) {
    case MirroredDatabaseAdmin::Action::Start:
        return tr("Start mirroring of %1.").arg(list);
    case MirroredDatabaseAdmin::Action::Stop:
        return tr("Stop mirroring of %1.").arg(list);
    case MirroredDatabaseAdmin::Action::Rename:
        return tr("Rename to %1.").arg(list);
    case MirroredDatabaseAdmin::Action::Delete:
        break;
    }
    return tr("Delete %1.").arg(list);
}

void MainWindow::runBatchOn(MirroredDatabaseAdmin::Action action, const QList<WatchedDatabase> &targets,
                            bool hardDelete)
{
    // The rows may have changed while the confirmation was open: act on those still listed.
    QList<const MirroredDatabaseRow *> rows;
    for (const WatchedDatabase &target : targets) {
        if (const MirroredDatabaseRow *row = m_browser
                                                 ? m_browser->databases()->find(target.workspaceId, target.databaseId)
                                                 : nullptr)
            rows << row;
    }
    runBatch(action, rows, hardDelete);
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
        ProductionGate::confirm(dialog, productionPhrase(MirroredDatabaseAdmin::Action::Rename, {dialog->displayName()}),
                                [this, dialog, ws, id] {
                                    if (m_admin && !m_admin->isBusy())
                                        m_admin->rename(ws, id, dialog->displayName(), dialog->description());
                                });
    });
    connect(dialog, &RenameDialog::cancelRequested, this, [this] {
        if (m_admin)
            m_admin->cancel();
    });
    dialog->open();
}

void MainWindow::deleteCurrent()
{
    const QList<const MirroredDatabaseRow *> rows = selectedRows();
    if (rows.isEmpty() || !m_admin || m_admin->isBusy() || !m_batch.isEmpty())
        return;
    QList<WatchedDatabase> targets;
    QStringList names;
    for (const MirroredDatabaseRow *row : rows) {
        targets.append({row->database.workspaceId, row->database.id, row->database.displayName});
        names << row->database.displayName;
    }
    const QString text =
        rows.size() == 1 ? tr("Delete the mirrored database %1 from %2?")
                               .arg(nameList(names), displayText(rows.first()->workspaceName, 80))
                         : tr("Delete %n mirrored databases: %1?", nullptr, int(rows.size())).arg(nameList(names, 10));
    QMessageBox *box = confirmation(QStringLiteral("deleteConfirmation"), tr("Delete mirrored database"), text,
                                    tr("Delete"));
    box->setInformativeText(tr("Mirroring stops, and the mirrored data in OneLake is deleted with the item."));
    auto *hard = new QCheckBox(tr("Delete permanently (hard delete; it cannot be recovered)"));
    hard->setObjectName(QStringLiteral("hardDeleteCheck"));
    // Hard delete needs the Admin role in every workspace concerned; the first refusal says why.
    for (const MirroredDatabaseRow *row : rows) {
        const MirroredDatabaseAdmin::Permission permission = MirroredDatabaseAdmin::canHardDeleteIn(
            m_browser ? m_browser->workspaces()->role(row->database.workspaceId) : WorkspaceRole::Unknown,
            displayText(row->workspaceName, 60));
        if (!permission.allowed) {
            hard->setEnabled(false);
            hard->setToolTip(plainToolTip(tr("Delete permanently — %1").arg(permission.reason)));
            break;
        }
    }
    if (hard->isEnabled())
        hard->setToolTip(tr("Delete permanently (hard delete): it cannot be recovered"));
    box->setCheckBox(hard);
    confirmThenRun(box, MirroredDatabaseAdmin::Action::Delete, targets, hard);
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
    showMessage(tr("Copied %n mirrored database(s) as JSON.", nullptr, int(texts.size())), false, 5000);
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
    showScoped(created ? tr("Created the mirrored database.") : tr("Saved the definition."), workspaceId, 5000);
    QString name;
    if (const MirroredDatabaseRow *row = currentRow(); row && row->database.id == databaseId)
        name = row->database.displayName;
    openReadiness(workspaceId, databaseId, name.isEmpty() ? tr("The mirrored database") : name, false);
}

void MainWindow::openReadiness(const QString &workspaceId, const QString &databaseId, const QString &displayName,
                               bool beforeStart)
{
    if (!m_client)
        return;
    if (m_readinessDialog)
        m_readinessDialog->close(); // one checklist at a time: the newest question wins
    const auto purpose = beforeStart ? ReadinessDialog::Purpose::BeforeStart : ReadinessDialog::Purpose::AfterSave;
    auto *dialog = new ReadinessDialog(m_client, m_definitionLimits, purpose, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_readinessDialog = dialog;
    connect(dialog, &ReadinessDialog::startConfirmed, this,
            [this](const QString &workspace, const QString &database, const QString &name) {
                runBatchOn(MirroredDatabaseAdmin::Action::Start, QList<WatchedDatabase>{WatchedDatabase{workspace, database, name}});
            });
    dialog->check(workspaceId, databaseId, displayName);
    if (beforeStart) {
        dialog->open(); // window-modal, no nested event loop
    } else {
        // After a save the checklist is information: it does not take the focus from the editor.
        dialog->setAttribute(Qt::WA_ShowWithoutActivating);
        dialog->show();
    }
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_databases->viewport() && event->type() == QEvent::Resize)
        fitDatabaseColumns();
    if (watched == m_workspaces->viewport() && event->type() == QEvent::Resize)
        fitWorkspaceColumns();
    // A section resized while a button is down on the header is the user's (a drag, or a
    // double-click on a handle); the header and the fitting resize sections at other times too.
    if (watched == m_databases->horizontalHeader()->viewport()) {
        if (event->type() == QEvent::MouseButtonPress || event->type() == QEvent::MouseButtonDblClick)
            m_userResizingColumn = true;
        else if (event->type() == QEvent::MouseButtonRelease)
            m_userResizingColumn = false;
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::fitDatabaseColumns()
{
    // Every column as wide as its contents; when the pane is too narrow for all of them, the less
    // important ones go first (never the name or the status), and the name takes what is left.
    if (!m_databases->model() || m_fittingColumns)
        return;
    // Hiding a column can hide the scroll bar and resize the viewport: one pass at a time.
    m_fittingColumns = true;
    const auto done = qScopeGuard([this] { m_fittingColumns = false; });
    using L = MirroredDatabaseListModel;
    QHeaderView *header = m_databases->horizontalHeader();
    auto need = [this](int column) { return contentWidth(m_databases, column); };
    const int nameMinimum = readableWidth(m_databases, L::Name);
    const int available = m_databases->viewport()->width();
    QHash<int, int> widths;
    for (int column : {L::Health, L::Tables, L::Workspace, L::LastSync, L::SqlEndpoint}) {
        if (column != L::Workspace || m_databaseProxy->workspaceId().isEmpty())
            widths.insert(column, m_userColumnWidths.value(column, need(column)));
    }
    auto othersWidth = [&] {
        int sum = 0;
        for (int width : std::as_const(widths))
            sum += width;
        return sum;
    };
    for (int column : {L::SqlEndpoint, L::LastSync, L::Workspace, L::Tables}) { // least important first
        if (nameMinimum + othersWidth() <= available)
            break;
        widths.remove(column);
    }
    for (int column = 0; column < L::ColumnCount; ++column) {
        const bool visible = column == L::Name || widths.contains(column);
        m_databases->setColumnHidden(column, !visible);
        if (visible && column != L::Name)
            header->resizeSection(column, widths.value(column));
    }
    header->resizeSection(L::Name, m_userColumnWidths.value(L::Name, std::max(nameMinimum, available - othersWidth())));
}

void MainWindow::onDatabaseColumnResized(int column, int /*oldWidth*/, int newWidth)
{
    // Only the user's drags count: fitting, hiding and the header itself resize sections too.
    if (!m_userResizingColumn || m_fittingColumns || newWidth <= 0)
        return;
    m_userColumnWidths.insert(column, newWidth);
    QVariantMap byUser;
    for (auto it = m_userColumnWidths.cbegin(); it != m_userColumnWidths.cend(); ++it)
        byUser.insert(QString::number(it.key()), it.value());
    QSettings().setValue(kSettingsGroup + QStringLiteral("/databaseColumnsByUser"), byUser);
    m_fitColumnsAction->setEnabled(true);
    // The name takes what the others leave, once the drag has moved on.
    QMetaObject::invokeMethod(this, &MainWindow::fitDatabaseColumns, Qt::QueuedConnection);
}

void MainWindow::fitColumnsToThePane()
{
    m_userColumnWidths.clear();
    QSettings().remove(kSettingsGroup + QStringLiteral("/databaseColumnsByUser"));
    m_fitColumnsAction->setEnabled(false);
    fitDatabaseColumns();
}

void MainWindow::fitWorkspaceColumns()
{
    // A narrow pane keeps the names readable: the type goes first, then the region (the role
    // stays: it says why actions are disabled).
    if (!m_workspaces->model())
        return;
    using W = WorkspaceListModel;
    m_fitWorkspacesTimer->stop();
    QHeaderView *header = m_workspaces->horizontalHeader();
    int used = readableWidth(m_workspaces, W::Name);
    for (int column : {W::Databases, W::Role, W::CapacityRegion, W::Type}) {
        const int width = std::max(contentWidth(m_workspaces, column), header->sectionSizeHint(column));
        used += width;
        if (column == W::CapacityRegion || column == W::Type)
            m_workspaces->setColumnHidden(column, used > m_workspaces->viewport()->width());
        if (header->sectionSize(column) != width)
            header->resizeSection(column, width);
    }
}

QSize MainWindow::fittedSize(const QSize &wanted, const QRect &available)
{
    // Room for a title bar the window manager adds above the client area.
    constexpr int kTitleBar = 32;
    return wanted.boundedTo(QSize(available.width(), std::max(available.height() - kTitleBar, available.height() / 2)));
}

void MainWindow::fitToScreen()
{
    const QScreen *screen = this->screen();
    if (!screen)
        return;
    const QRect available = screen->availableGeometry();
    const QSize size = fittedSize(this->size(), available);
    if (size != this->size())
        resize(size);
    if (!available.contains(QRect(pos(), size)))
        move(available.topLeft());
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
