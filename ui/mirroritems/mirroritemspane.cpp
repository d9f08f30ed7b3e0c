#include "mirroritemspane.h"

#include "app/mirroritems/mirroritembrowser.h"
#include "models/displaytext.h"
#include "models/mirroritemlistmodel.h"
#include "ui/plaintext.h"

#include <QAction>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTimer>
#include <QStyle>
#include <QToolBar>
#include <QVBoxLayout>

namespace fmc {

MirrorItemsPane::MirrorItemsPane(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel)
    , m_view(new QTableView)
    , m_proxy(new QSortFilterProxyModel(this))
    , m_openDashboard(new QAction(tr("Open &dashboard"), this))
    , m_refreshMetadata(new QAction(tr("Refresh catalog &metadata"), this))
    , m_start(new QAction(tr("Start mirroring"), this))
    , m_stop(new QAction(tr("Stop mirroring…"), this))
    , m_strip(new QWidget)
    , m_stripLabel(new QLabel)
    , m_bar(new QProgressBar)
    , m_cancel(new QPushButton(tr("Cancel")))
{
    setObjectName(QStringLiteral("mirrorItemsPane"));
    m_view->setObjectName(QStringLiteral("mirrorItemsView"));
    m_view->setAccessibleName(tr("Other mirror items"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSortingEnabled(true);
    m_view->verticalHeader()->hide();
    m_view->setWordWrap(false);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_proxy->setSortRole(UnderlyingDataRole);
    m_title->setTextFormat(Qt::RichText); // our own words only; names never go into it
    m_title->setWordWrap(true); // beside the tool bar in a narrow column it takes a second line
    // ...but the title itself stays on one line: the tool bar folds into its » menu first.
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setMinimumWidth(QFontMetrics(bold).horizontalAdvance(tr("Other mirror items (0000)")) + 4);
    m_title->setBuddy(m_view);
    updateTitle();

    m_openDashboard->setObjectName(QStringLiteral("openMirrorItemDashboardAction"));
    m_refreshMetadata->setObjectName(QStringLiteral("refreshCatalogMetadataAction"));
    m_start->setObjectName(QStringLiteral("startSqlDatabaseMirroringAction"));
    m_stop->setObjectName(QStringLiteral("stopSqlDatabaseMirroringAction"));
    auto *bar = new QToolBar;
    bar->setObjectName(QStringLiteral("mirrorItemsToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addActions({m_openDashboard, m_refreshMetadata, m_start, m_stop});
    connect(m_openDashboard, &QAction::triggered, this, &MirrorItemsPane::openDashboard);
    connect(m_view, &QAbstractItemView::activated, this, &MirrorItemsPane::openDashboard);
    connect(m_refreshMetadata, &QAction::triggered, this, [this] { run(MirrorItemActions::Action::RefreshMetadata); });
    connect(m_start, &QAction::triggered, this, [this] { run(MirrorItemActions::Action::StartMirroring); });
    connect(m_stop, &QAction::triggered, this, &MirrorItemsPane::askThenStop);

    m_strip->setObjectName(QStringLiteral("mirrorItemsProgress"));
    m_stripLabel->setTextFormat(Qt::PlainText);
    m_bar->setRange(0, 0);
    m_bar->setMaximumWidth(160);
    m_cancel->setObjectName(QStringLiteral("mirrorItemsCancel"));
    auto *strip = new QHBoxLayout(m_strip);
    strip->setContentsMargins(0, 0, 0, 0);
    strip->addWidget(m_stripLabel, 1);
    strip->addWidget(m_bar);
    strip->addWidget(m_cancel);
    m_strip->hide();

    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(bar);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(header);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_strip);
    updateActions();
}

MirrorItemsPane::~MirrorItemsPane() = default;

void MirrorItemsPane::setClient(FabricClient *client)
{
    Q_ASSERT(!m_browser);
    m_browser = new MirrorItemBrowser(client, this);
    m_actions = new MirrorItemActions(client, this);
    m_proxy->setSourceModel(m_browser->model());
    m_view->setModel(m_proxy);
    m_view->sortByColumn(MirrorItemListModel::Name, Qt::AscendingOrder);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MirrorItemsPane::updateActions);
    // A row's status may change what applies (nothing here depends on it today, but the
    // tooltip of the health does): re-gate on every change.
    connect(m_browser->model(), &QAbstractItemModel::dataChanged, this, &MirrorItemsPane::updateActions);
    connect(m_browser->model(), &QAbstractItemModel::rowsInserted, this, &MirrorItemsPane::updateTitle);
    // Columns follow their contents as rows and statuses arrive, at most once per event-loop turn.
    auto *fit = new QTimer(this);
    fit->setSingleShot(true);
    fit->setInterval(0);
    connect(fit, &QTimer::timeout, this, &MirrorItemsPane::fitColumns);
    m_fit = fit;
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_browser->model(), signal, fit, qOverload<>(&QTimer::start));
    connect(m_browser->model(), &QAbstractItemModel::dataChanged, fit, qOverload<>(&QTimer::start));
    connect(m_browser->model(), &QAbstractItemModel::rowsRemoved, this, &MirrorItemsPane::updateTitle);
    connect(m_browser, &MirrorItemBrowser::failed, this, [this](const QString &text) { emit message(text, true); });
    connect(m_actions, &MirrorItemActions::busyChanged, this, &MirrorItemsPane::onBusyChanged);
    connect(m_actions, &MirrorItemActions::progress, this, [this](int percent) {
        // No percentage until the service reports one: a busy bar, not a stuck 0 %.
        if (percent > 0) {
            m_bar->setRange(0, 100);
            m_bar->setValue(percent);
        }
    });
    connect(m_actions, &MirrorItemActions::finished, this, &MirrorItemsPane::onFinished);
    connect(m_cancel, &QPushButton::clicked, m_actions, &MirrorItemActions::cancel);
    updateActions();
}

void MirrorItemsPane::setRoleProvider(std::function<WorkspaceRole(const QString &)> provider)
{
    m_role = std::move(provider);
    updateActions();
}

void MirrorItemsPane::showWorkspaces(const QList<Workspace> &workspaces)
{
    if (!m_browser)
        return;
    m_cut = workspaces.size() > kMaxWorkspaces;
    m_workspaceCount = int(qMin<qsizetype>(workspaces.size(), kMaxWorkspaces));
    m_browser->showWorkspaces(workspaces.mid(0, kMaxWorkspaces));
    if (m_fit)
        m_fit->start(); // the Workspace column shows for several workspaces only
    updateTitle();
    updateActions();
}

void MirrorItemsPane::refresh()
{
    if (m_browser)
        m_browser->refresh();
}

void MirrorItemsPane::clear()
{
    if (m_confirmation)
        m_confirmation->reject();
    if (m_actions && m_actions->isBusy())
        m_actions->cancel();
    if (m_browser)
        m_browser->clear();
    m_workspaceCount = 0;
    m_cut = false;
    updateTitle();
    updateActions();
}

void MirrorItemsPane::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (m_fit)
        m_fit->start();
}

void MirrorItemsPane::fitColumns()
{
    // Names and errors come from the service and may be long: no column wider than kMaxColumnWidth
    // (the whole text is in the tooltip).
    constexpr int kMaxColumnWidth = 320;
    // Details, the last, stretches over what is left (elided, never a sideways scroll bar): when
    // the others would leave it less than kMinDetailsWidth, they shrink in proportion, the name
    // last: at 1024 px every column was cut to a few letters, names included.
    constexpr int kMinDetailsWidth = 80;
    // One workspace's items (the selected one, named in the panes beside): its column says
    // nothing, and its room goes to the others.
    m_view->setColumnHidden(MirrorItemListModel::Workspace, m_workspaceCount <= 1);
    int total = 0;
    for (int column = 0; column < MirrorItemListModel::Details; ++column) {
        if (m_view->isColumnHidden(column))
            continue;
        m_view->resizeColumnToContents(column);
        m_view->setColumnWidth(column, qMin(m_view->columnWidth(column), kMaxColumnWidth));
        total += m_view->columnWidth(column);
    }
    // Room for a vertical scroll bar that may appear once the rows are in.
    int room = m_view->viewport()->width() - kMinDetailsWidth - m_view->style()->pixelMetric(QStyle::PM_ScrollBarExtent) - 4;
    if (total > room && room > 0) {
        // The name keeps its width up to half the room, or more when the others need less than
        // the other half; the others shrink in proportion into what is left (never grow).
        const int wanted = m_view->columnWidth(MirrorItemListModel::Name);
        const int others = total - wanted;
        const int name = qMin(wanted, qMax(room / 2, room - others));
        m_view->setColumnWidth(MirrorItemListModel::Name, name);
        const int left = room - name;
        if (others > left)
            for (int column = MirrorItemListModel::Name + 1; column < MirrorItemListModel::Details; ++column)
                if (!m_view->isColumnHidden(column))
                    m_view->setColumnWidth(column, m_view->columnWidth(column) * left / others);
    }
    m_view->horizontalHeader()->setSectionResizeMode(MirrorItemListModel::Details, QHeaderView::Stretch);
}

void MirrorItemsPane::updateTitle()
{
    const int rows = m_browser ? m_browser->model()->rowCount() : 0;
    QString text = tr("Other mirror items");
    if (rows > 0)
        text += QStringLiteral(" (%1)").arg(rows);
    if (m_cut)
        text += tr(" — the first %1 workspaces").arg(kMaxWorkspaces);
    m_title->setText(QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped()));
}

const MirrorItemRow *MirrorItemsPane::currentRow() const
{
    if (!m_browser)
        return nullptr;
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return nullptr;
    const int row = m_proxy->mapToSource(current).row();
    return row >= 0 && row < m_browser->model()->rowCount() ? &m_browser->model()->rowAt(row) : nullptr;
}

void MirrorItemsPane::openDashboard()
{
    if (const MirrorItemRow *row = currentRow())
        emit dashboardRequested({WatchedDatabase::ofItem(row->item)});
}

void MirrorItemsPane::updateActions()
{
    const MirrorItemRow *row = currentRow();
    m_openDashboard->setEnabled(row != nullptr);
    m_openDashboard->setToolTip(
        row ? tr("Show the selected item on the live dashboard: its health, and a mirrored catalog's tables")
            : tr("Select an item to show it on the live dashboard"));
    const MirrorItemActions::Target target = row ? MirrorItemActions::targetOf(*row) : MirrorItemActions::Target{};
    const WorkspaceRole role = row && m_role ? m_role(row->item.workspaceId) : WorkspaceRole::Unknown;
    const std::pair<QAction *, MirrorItemActions::Action> gated[] = {
        {m_refreshMetadata, MirrorItemActions::Action::RefreshMetadata},
        {m_start, MirrorItemActions::Action::StartMirroring},
        {m_stop, MirrorItemActions::Action::StopMirroring},
    };
    for (const auto &[action, kind] : gated) {
        const QString why = m_actions ? m_actions->whyNot(kind, target, role) : tr("Not connected to Fabric.");
        action->setEnabled(why.isEmpty());
        QString tip = MirrorItemActions::actionName(kind);
        if (kind == MirrorItemActions::Action::RefreshMetadata)
            tip += tr(": re-reads the source catalog's schemas and tables (a long-running call).");
        action->setToolTip(plainToolTip(why.isEmpty() ? tip : tip + u'\n' + tr("Unavailable: %1").arg(why)));
    }
}

void MirrorItemsPane::run(MirrorItemActions::Action action)
{
    const MirrorItemRow *row = currentRow();
    if (!row || !m_actions)
        return;
    if (!m_actions->run(action, MirrorItemActions::targetOf(*row)))
        emit message(m_actions->whyNot(action, MirrorItemActions::targetOf(*row), WorkspaceRole::Unknown), true);
}

void MirrorItemsPane::askThenStop()
{
    const MirrorItemRow *row = currentRow();
    if (!row || m_confirmation)
        return;
    const MirrorItemActions::Target target = MirrorItemActions::targetOf(*row);
    auto *box = new QMessageBox(QMessageBox::Question, tr("Stop mirroring"),
                                tr("Stop mirroring of the SQL database %1?").arg(displayText(target.name)),
                                QMessageBox::NoButton, window());
    box->setObjectName(QStringLiteral("stopSqlDatabaseMirroringConfirmation"));
    box->setInformativeText(tr("Its data in OneLake stops updating until mirroring is started again. The API has "
                               "no status call for SQL databases, so this console cannot show whether it runs."));
    showPlainText(box);
    QPushButton *stop = box->addButton(tr("Stop mirroring"), QMessageBox::AcceptRole);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_confirmation = box;
    connect(box, &QMessageBox::finished, this, [this, box, stop, target] {
        if (box->clickedButton() == stop && m_actions && !m_actions->run(MirrorItemActions::Action::StopMirroring, target))
            emit message(m_actions->whyNot(MirrorItemActions::Action::StopMirroring, target, WorkspaceRole::Unknown), true);
    });
    box->open();
}

void MirrorItemsPane::onBusyChanged(bool busy, const QString &text)
{
    m_stripLabel->setText(displayText(text));
    m_bar->setRange(0, 0);
    m_strip->setVisible(busy);
    m_cancel->setEnabled(busy);
    updateActions();
    if (busy)
        emit message(text, false);
}

void MirrorItemsPane::onFinished(MirrorItemActions::Action action, const MirrorItemActions::Target &target,
                                 const ApiError &error)
{
    const QString what = MirrorItemActions::actionName(action);
    if (error.kind() == ApiError::Kind::Cancelled) {
        emit message(tr("%1 of %2 cancelled; the service may still finish it.").arg(what, displayText(target.name)), false);
    } else if (error.isError()) {
        emit message(tr("%1 of %2 failed: %3").arg(what, displayText(target.name), error.userMessage()), true);
    } else if (action == MirrorItemActions::Action::RefreshMetadata) {
        emit message(tr("The catalog metadata of %1 was refreshed.").arg(displayText(target.name)), false);
    } else {
        // Said plainly: the service accepted the call, and there is no status call to confirm it.
        emit message(tr("%1 of %2: accepted by Fabric (the SQL database API has no status call to confirm it).")
                         .arg(what, displayText(target.name)),
                     false);
    }
    if (const MirrorItemRow *row = m_browser ? m_browser->model()->find(target.workspaceId, target.itemId) : nullptr)
        m_browser->refreshStatus(*row);
}

} // namespace fmc
