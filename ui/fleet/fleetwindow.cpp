#include "fleetwindow.h"

#include "app/fleet/fleetloader.h"
#include "app/workspacebrowser.h"
#include "models/workspacelistmodel.h"
#include "models/displaytext.h"
#include "models/fleetmodel.h"
#include "ui/elidedlabel.h"
#include "ui/fleet/bulkactiondialog.h"
#include "ui/fleet/fleetfiltermodel.h"
#include "ui/plaintext.h"
#include "ui/profiles/productiongate.h"

#include <QComboBox>
#include <QHash>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSet>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace fmc {

namespace {

using Bucket = FleetModel::Bucket;
// The roll-up, worst first; Other and Loading only while some rows are in them.
// No status call is there only while some rows are in it too.
constexpr Bucket kBuckets[] = {Bucket::Failed,  Bucket::Warning,  Bucket::Paused, Bucket::Stopped, Bucket::Initializing,
                               Bucket::Running, Bucket::NoStatus, Bucket::Other,  Bucket::Loading};
constexpr int kMaxListed = 20; // names in the confirmation; the rest are counted

// Rebuilds \a combo from (text, id) pairs after its first "all" entry, keeping the choice.
void refill(QComboBox *combo, const QList<QPair<QString, QString>> &entries)
{
    // Called every 100 ms while statuses arrive: with a thousand workspaces, rebuilding an
    // unchanged list would be most of the GUI thread's work.
    if (combo->count() == entries.size() + 1) {
        bool same = true;
        for (qsizetype i = 0; same && i < entries.size(); ++i)
            same = combo->itemData(int(i) + 1).toString() == entries[i].second
                   && combo->itemText(int(i) + 1) == displayText(entries[i].first, 60);
        if (same)
            return;
    }
    const QString current = combo->currentData().toString();
    const QSignalBlocker blocker(combo);
    while (combo->count() > 1)
        combo->removeItem(1);
    for (const auto &[text, id] : entries)
        combo->addItem(displayText(text, 60), id);
    const int index = combo->findData(current);
    combo->setCurrentIndex(index < 0 ? 0 : index);
}

} // namespace

FleetWindow::FleetWindow(FleetLoader *loader, BulkActionRunner *runner, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_loader(loader)
    , m_runner(runner)
    , m_proxy(new FleetFilterModel(this))
    , m_view(new QTableView(this))
    , m_workspaceFilter(new QComboBox(this))
    , m_capacityFilter(new QComboBox(this))
    , m_typeFilter(new QComboBox(this))
    , m_sourceFilter(new QComboBox(this))
    , m_statusFilter(new QComboBox(this))
    , m_start(new QPushButton(tr("&Start…"), this))
    , m_stop(new QPushButton(tr("S&top…"), this))
    , m_refreshEndpoint(new QPushButton(tr("Refresh SQL &endpoint…"), this))
    , m_refreshCatalog(new QPushButton(tr("Refresh c&atalog metadata…"), this))
    , m_dashboard(new QPushButton(tr("Open &dashboard"), this))
    , m_refresh(new QPushButton(tr("&Refresh"), this))
    , m_cancelLoad(new QPushButton(tr("Cancel loading"), this))
    , m_statusLine(new ElidedLabel(this))
{
    setObjectName(QStringLiteral("fleetWindow"));
    setWindowTitle(tr("Fleet — Fabric Mirroring Console"));
    FleetModel *model = loader->model();
    m_proxy->setSourceModel(model);

    auto *rollUp = new QHBoxLayout;
    for (Bucket bucket : kBuckets) {
        auto *button = new QToolButton(this);
        button->setObjectName(QStringLiteral("rollUp%1").arg(int(bucket)));
        button->setCheckable(true);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        connect(button, &QToolButton::clicked, this, [this, bucket](bool checked) {
            m_statusFilter->setCurrentIndex(checked ? m_statusFilter->findData(int(bucket)) : 0);
        });
        m_rollUp.insert(int(bucket), button);
        rollUp->addWidget(button);
    }
    rollUp->addStretch(1);

    auto *filters = new QHBoxLayout;
    const auto addFilter = [&](const QString &label, QComboBox *combo, const QString &all, const QString &name) {
        auto *text = new QLabel(label, this);
        text->setBuddy(combo);
        combo->setObjectName(name);
        combo->addItem(all, QString());
        // Not AdjustToContents: the row's widest texts made the window 1,103 px at least, wider
        // than a 1024 px screen, and a long workspace name would widen it more. The popup still
        // shows each entry whole.
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(14);
        // ... and below that when the window is narrow: five filters in a row at 1024 px.
        combo->setMinimumWidth(combo->fontMetrics().averageCharWidth() * 6 + 40);
        filters->addWidget(text);
        filters->addWidget(combo);
    };
    addFilter(tr("&Workspace:"), m_workspaceFilter, tr("All workspaces"), QStringLiteral("workspaceFilter"));
    addFilter(tr("&Capacity:"), m_capacityFilter, tr("All capacities"), QStringLiteral("capacityFilter"));
    addFilter(tr("T&ype:"), m_typeFilter, tr("All types"), QStringLiteral("typeFilter"));
    addFilter(tr("S&ource:"), m_sourceFilter, tr("All sources"), QStringLiteral("sourceFilter"));
    addFilter(tr("Stat&us:"), m_statusFilter, tr("All statuses"), QStringLiteral("statusFilter"));
    m_statusFilter->setItemData(0, -1);
    m_typeFilter->setItemData(0, -1);
    for (Bucket bucket : kBuckets)
        m_statusFilter->addItem(FleetModel::bucketText(bucket), int(bucket));
    filters->addStretch(1);
    connect(m_workspaceFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setWorkspaceId(m_workspaceFilter->currentData().toString()); });
    connect(m_capacityFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setCapacityId(m_capacityFilter->currentData().toString()); });
    connect(m_typeFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setKind(m_typeFilter->currentData().toInt()); });
    connect(m_sourceFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setSourceType(m_sourceFilter->currentData().toString()); });
    connect(m_statusFilter, &QComboBox::currentIndexChanged, this, [this] {
        const int bucket = m_statusFilter->currentData().toInt();
        m_proxy->setBucket(bucket);
        for (auto it = m_rollUp.cbegin(); it != m_rollUp.cend(); ++it)
            it.value()->setChecked(it.key() == bucket);
    });

    m_view->setObjectName(QStringLiteral("fleetView"));
    m_view->setAccessibleName(tr("Mirrors of the fleet"));
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(FleetModel::Health, Qt::AscendingOrder); // worst first
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    m_view->setColumnWidth(FleetModel::Name, 180);
    m_view->setColumnWidth(FleetModel::Type, m_typeColumnWidth);
    m_view->setColumnWidth(FleetModel::Workspace, 150);
    m_view->setColumnWidth(FleetModel::Capacity, 110);
    m_view->setColumnWidth(FleetModel::SourceType, 140);
    m_view->setColumnWidth(FleetModel::Health, 170);

    m_start->setObjectName(QStringLiteral("fleetStart"));
    m_stop->setObjectName(QStringLiteral("fleetStop"));
    m_refreshEndpoint->setObjectName(QStringLiteral("fleetRefreshEndpoint"));
    m_refreshCatalog->setObjectName(QStringLiteral("fleetRefreshCatalog"));
    m_dashboard->setObjectName(QStringLiteral("fleetDashboard"));
    m_refresh->setObjectName(QStringLiteral("fleetRefresh"));
    m_cancelLoad->setObjectName(QStringLiteral("fleetCancelLoad"));
    m_start->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    m_stop->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    m_dashboard->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_refresh->setShortcut(QKeySequence::Refresh);
    m_statusLine->setObjectName(QStringLiteral("fleetStatus"));
    m_statusLine->setTextFormat(Qt::PlainText);
    connect(m_start, &QPushButton::clicked, this, [this] { confirmAndRun(BulkActionRunner::Action::Start); });
    connect(m_stop, &QPushButton::clicked, this, [this] { confirmAndRun(BulkActionRunner::Action::Stop); });
    connect(m_refreshEndpoint, &QPushButton::clicked, this,
            [this] { confirmAndRun(BulkActionRunner::Action::RefreshSqlEndpoint); });
    connect(m_refreshCatalog, &QPushButton::clicked, this,
            [this] { confirmAndRun(BulkActionRunner::Action::RefreshCatalogMetadata); });
    connect(m_dashboard, &QPushButton::clicked, this, &FleetWindow::openDashboard);
    connect(m_refresh, &QPushButton::clicked, loader, &FleetLoader::load);
    connect(m_cancelLoad, &QPushButton::clicked, this, [this] {
        m_loader->cancel();
        m_lastMessage = tr("Loading cancelled; what was found stays listed.");
        updateStatusLine();
    });
    auto *actions = new QHBoxLayout;
    for (QPushButton *button : {m_start, m_stop, m_refreshEndpoint, m_refreshCatalog, m_dashboard})
        actions->addWidget(button);
    actions->addStretch(1);
    actions->addWidget(m_statusLine, 4);
    actions->addWidget(m_cancelLoad);
    actions->addWidget(m_refresh);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(rollUp);
    layout->addLayout(filters);
    layout->addWidget(m_view, 1);
    layout->addLayout(actions);

    // Status arrives row by row: the roll-up and the filter lists follow at most every 100 ms.
    auto *coalesce = new QTimer(this);
    coalesce->setSingleShot(true);
    coalesce->setInterval(100);
    connect(coalesce, &QTimer::timeout, this, [this] {
        // While hundreds of statuses arrive each one would move its row (a layout change and a
        // repaint of the whole view per answer): the order and the filter follow here instead,
        // once per tick, and row by row again once the fleet is loaded.
        if (m_loader->isLoading()) {
            m_proxy->setDynamicSortFilter(false);
            m_proxy->invalidate();
        } else if (!m_proxy->dynamicSortFilter()) {
            m_proxy->setDynamicSortFilter(true);
            m_proxy->invalidate();
        }
        updateRollUp();
        updateFilters();
        updateActions();
        updateStatusLine();
    });
    const auto later = [coalesce] {
        if (!coalesce->isActive())
            coalesce->start();
    };
    connect(model, &QAbstractItemModel::dataChanged, this, later);
    connect(model, &QAbstractItemModel::rowsInserted, this, later);
    connect(model, &QAbstractItemModel::rowsRemoved, this, later);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &FleetWindow::updateActions);
    connect(runner, &BulkActionRunner::finished, this, [this] {
        // What was sent changed status: ask again for those.
        for (const BulkActionRunner::Item &item : m_runner->items()) {
            if (item.outcome == BulkActionRunner::Outcome::Done || item.outcome == BulkActionRunner::Outcome::Failed)
                m_loader->refreshStatus(item.target.workspaceId, item.target.databaseId);
        }
        updateActions();
    });
    connect(loader, &FleetLoader::searchRefused, this, [this](const QString &why) {
        m_lastMessage = tr("Catalog search is not available (%1); listing each workspace instead.")
                            .arg(QString(why).replace(u'\n', QStringLiteral("; ")));
        updateStatusLine();
    });
    connect(loader, &FleetLoader::failed, this, [this](const QString &message) {
        m_lastMessage = QString(message).replace(u'\n', QStringLiteral("; "));
        updateStatusLine();
    });
    connect(loader, &FleetLoader::loaded, this, [this] {
        m_lastMessage.clear();
        updateStatusLine();
    });
    // A detail call's answer may change no row: the count to go follows anyway.
    connect(loader, &FleetLoader::progressed, this, later);
    connect(loader, &FleetLoader::detailsLoaded, this, [this, later] {
        updateStatusLine();
        later(); // the order and the filter follow row by row again
    });
    updateRollUp();
    updateActions();
    updateStatusLine();
    resize(1100, 620);
}

void FleetWindow::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_loadedOnce) {
        m_loadedOnce = true;
        if (m_loader->model()->rowCount() == 0 && !m_loader->isLoading())
            m_loader->load();
    }
}

void FleetWindow::updateRollUp()
{
    const QMap<Bucket, int> counts = m_loader->model()->rollUp();
    for (Bucket bucket : kBuckets) {
        QToolButton *button = m_rollUp.value(int(bucket));
        const int n = counts.value(bucket);
        button->setText(QStringLiteral("%1  %2").arg(n).arg(FleetModel::bucketText(bucket)));
        button->setToolTip(tr("Show only the %1 mirrors (%2)").arg(FleetModel::bucketText(bucket)).arg(n));
        button->setVisible(n > 0 || (bucket != Bucket::NoStatus && bucket != Bucket::Other && bucket != Bucket::Loading));
        QFont font = button->font();
        font.setBold(n > 0 && (bucket == Bucket::Failed || bucket == Bucket::Warning));
        button->setFont(font);
    }
}

void FleetWindow::updateFilters()
{
    const FleetModel *model = m_loader->model();
    QList<QPair<QString, QString>> workspaces, capacities, sources;
    QSet<QString> seenWs, seenCap, seenSrc;
    QMap<QString, int> kinds; // the type's words → int(MirrorItemKind::Kind)
    for (int row = 0; row < model->rowCount(); ++row) {
        const FleetRow &r = model->rowAt(row);
        if (!seenWs.contains(r.mirror.database.workspaceId)) {
            seenWs.insert(r.mirror.database.workspaceId);
            workspaces.append({r.mirror.workspaceName, r.mirror.database.workspaceId});
        }
        if (!r.capacityId.isEmpty() && !seenCap.contains(r.capacityId)) {
            seenCap.insert(r.capacityId);
            capacities.append({r.capacityName.isEmpty() ? r.capacityId : r.capacityName, r.capacityId});
        }
        kinds.insert(MirrorItemKind::typeText(r.item.kind, r.mirror.database.type), int(r.item.kind));
        if (!r.sourceType.isEmpty() && !seenSrc.contains(r.sourceType)) {
            seenSrc.insert(r.sourceType);
            sources.append({r.sourceType, r.sourceType});
        }
    }
    const auto byName = [](const QPair<QString, QString> &a, const QPair<QString, QString> &b) {
        return a.first.compare(b.first, Qt::CaseInsensitive) < 0;
    };
    std::sort(workspaces.begin(), workspaces.end(), byName);
    std::sort(capacities.begin(), capacities.end(), byName);
    std::sort(sources.begin(), sources.end(), byName);
    refill(m_workspaceFilter, workspaces);
    refill(m_capacityFilter, capacities);
    refill(m_sourceFilter, sources);
    // Read-only types share one kind: the filter names them together.
    QMap<int, QStringList> namesOfKind;
    for (auto it = kinds.cbegin(); it != kinds.cend(); ++it)
        namesOfKind[it.value()] << it.key();
    QList<QPair<QString, QString>> types;
    for (auto it = namesOfKind.cbegin(); it != namesOfKind.cend(); ++it)
        types.append({it.key() == MirrorItemKind::OtherMirror ? tr("Read-only (%1)").arg(it.value().join(QStringLiteral(", ")))
                                                              : it.value().first(),
                      QString::number(it.key())});
    refill(m_typeFilter, types);
    fitTypeColumn(kinds.keys());
}

void FleetWindow::fitTypeColumn(const QStringList &typeTexts)
{
    // The few type texts, not every row (a fleet has thousands: resizeColumnToContents would
    // measure each while it loads). A type the spec does not name is as long as the service
    // makes it, up to MirrorItemKind::kMaxTypeLength: "MirroredCosmosDbContainer" was cut at the
    // fixed 170 px. Only while the width is still ours: a column the user resized stays.
    QHeaderView *header = m_view->horizontalHeader();
    if (header->sectionSize(FleetModel::Type) != m_typeColumnWidth)
        return;
    const QFontMetrics metrics = m_view->fontMetrics();
    int widest = 0;
    for (const QString &text : typeTexts)
        widest = std::max(widest, metrics.horizontalAdvance(text));
    // Room for the cell's margins on both sides, as the view's own size hint adds.
    const int margin = 2 * (m_view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_view) + 1) + 8;
    const int wanted = std::clamp(widest + margin, kTypeColumnWidth, kMaxTypeColumnWidth);
    if (wanted != m_typeColumnWidth) {
        m_typeColumnWidth = wanted;
        header->resizeSection(FleetModel::Type, wanted);
    }
}

QList<const FleetRow *> FleetWindow::selectedRows() const
{
    QList<const FleetRow *> rows;
    const FleetModel *model = m_loader->model();
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        rows.append(&model->rowAt(m_proxy->mapToSource(index).row()));
    return rows;
}

namespace {

BulkActionRunner::Target targetOf(const FleetRow &row)
{
    return {row.mirror.database.workspaceId, row.mirror.database.id, row.mirror.database.displayName,
            row.mirror.workspaceName, row.mirror.status, row.role,
            SqlEndpointRefresher::targetOf(row.mirror.database).sqlEndpointId, FleetModel::kindOf(row),
            row.mirror.database.type};
}

} // namespace

QList<BulkActionRunner::Item> FleetWindow::planFor(BulkActionRunner::Action action) const
{
    QList<BulkActionRunner::Target> targets;
    for (const FleetRow *row : selectedRows())
        targets.append(targetOf(*row));
    return BulkActionRunner::plan(action, targets);
}

QList<BulkActionRunner::Item> FleetWindow::stillAllowed(BulkActionRunner::Action action,
                                                        QList<BulkActionRunner::Item> confirmed) const
{
    for (BulkActionRunner::Item &item : confirmed) {
        if (item.outcome != BulkActionRunner::Outcome::Pending)
            continue;
        const FleetRow *row = m_loader->model()->find(item.target.workspaceId, item.target.databaseId);
        if (!row) {
            item.outcome = BulkActionRunner::Outcome::Skipped;
            item.reason = tr("no longer listed in the fleet");
            continue;
        }
        const BulkActionRunner::Item now = BulkActionRunner::plan(action, {targetOf(*row)}).constFirst();
        if (now.outcome != BulkActionRunner::Outcome::Pending) {
            item.outcome = BulkActionRunner::Outcome::Skipped;
            item.reason = tr("changed while you confirmed: %1").arg(now.reason);
        }
    }
    return confirmed;
}

void FleetWindow::updateActions()
{
    const bool busy = m_runner->isRunning();
    const int selected = int(m_view->selectionModel()->selectedRows().size());
    for (auto [button, action] : {std::pair{m_start, BulkActionRunner::Action::Start},
                                  std::pair{m_stop, BulkActionRunner::Action::Stop},
                                  std::pair{m_refreshEndpoint, BulkActionRunner::Action::RefreshSqlEndpoint},
                                  std::pair{m_refreshCatalog, BulkActionRunner::Action::RefreshCatalogMetadata}}) {
        const QList<BulkActionRunner::Item> items = planFor(action);
        int allowed = 0;
        QString refusal;
        for (const BulkActionRunner::Item &item : items) {
            if (item.outcome == BulkActionRunner::Outcome::Pending)
                ++allowed;
            else if (refusal.isEmpty())
                refusal = tr("%1: %2").arg(displayText(item.target.displayName, 60), item.reason);
        }
        button->setEnabled(!busy && allowed > 0);
        QString tip = BulkActionRunner::actionText(action);
        if (selected == 0)
            tip += QStringLiteral(" — ") + tr("select mirrors first");
        else if (busy)
            tip += QStringLiteral(" — ") + tr("wait for the running batch to end");
        else if (allowed == 0)
            tip += QStringLiteral(" — ") + refusal;
        else
            tip += QStringLiteral(" — ") + tr("%1 of %2 selected").arg(allowed).arg(selected);
        button->setToolTip(plainToolTip(tip));
    }
    const int databases = int(dashboardTargets().size());
    m_dashboard->setEnabled(databases > 0);
    if (selected == 0)
        m_dashboard->setToolTip(tr("Open dashboard — select mirrors first"));
    else if (databases == 0)
        m_dashboard->setToolTip(tr("Open dashboard — select mirrors first"));
    else
        m_dashboard->setToolTip(tr("Open one dashboard for the %n selected mirror(s)", nullptr, databases));
}

void FleetWindow::updateStatusLine()
{
    const FleetModel *model = m_loader->model();
    QString text;
    const QString how = m_loader->source() == FleetLoader::Source::Listing ? tr("by listing each workspace")
                                                                          : tr("by catalog search");
    if (m_loader->isLoading())
        text = loadingText(model->rowCount(), m_loader->isListComplete(), m_loader->detailsPending(),
                           m_loader->isSearchingOtherTypes());
    else if (m_loader->source() == FleetLoader::Source::None)
        text = tr("The fleet is not loaded yet: Refresh (F5) finds it.");
    else
        text = tr("%n mirrors found %1.", nullptr, model->rowCount()).arg(how);
    if (!m_lastMessage.isEmpty())
        text = m_lastMessage + QStringLiteral(" ") + text;
    m_statusLine->setText(displayText(text, 400));
    m_statusLine->setToolTip(plainToolTip(text));
    m_cancelLoad->setVisible(m_loader->isLoading());
}

QString FleetWindow::loadingText(int found, bool listComplete, int detailsPending, bool otherTypes)
{
    // Each part only when it says something: "0 detail calls to go" read as if nothing went on
    // while the catalog was still being read for the other types.
    QStringList parts;
    if (listComplete)
        parts << (found == 1 ? tr("1 mirror found") : tr("%1 mirrors found").arg(found));
    else
        parts << (found == 1 ? tr("1 mirror found so far") : tr("%1 mirrors found so far").arg(found));
    if (detailsPending > 0)
        parts << (detailsPending == 1 ? tr("1 detail call to go") : tr("%1 detail calls to go").arg(detailsPending));
    if (otherTypes)
        parts << tr("looking for other mirror types in the catalog");
    return parts.join(QStringLiteral("; ")) + QStringLiteral("…");
}

QString FleetWindow::confirmationText(BulkActionRunner::Action action, const QList<BulkActionRunner::Item> &items)
{
    QStringList sent, skipped;
    for (const BulkActionRunner::Item &item : items) {
        const QString name = tr("%1 (%2)").arg(displayText(item.target.displayName, 60),
                                               displayText(item.target.workspaceName, 40));
        if (item.outcome == BulkActionRunner::Outcome::Pending)
            sent << (item.reason.isEmpty() ? name : tr("%1 — %2").arg(name, item.reason));
        else
            skipped << tr("%1 — skipped: %2").arg(name, item.reason);
    }
    const auto listed = [](QStringList lines) {
        if (lines.size() > kMaxListed) {
            const qsizetype more = lines.size() - kMaxListed;
            lines = lines.mid(0, kMaxListed);
            lines << tr("… and %n more", nullptr, int(more));
        }
        return lines.join(QLatin1Char('\n'));
    };
    QString text = tr("%1 will be sent to %n mirror(s), one at a time:", nullptr, int(sent.size()))
                       .arg(BulkActionRunner::actionText(action))
                   + QLatin1Char('\n') + listed(sent);
    if (!skipped.isEmpty())
        text += QStringLiteral("\n\n") + tr("%n will be skipped:", nullptr, int(skipped.size())) + QLatin1Char('\n')
                + listed(skipped);
    if (action == BulkActionRunner::Action::Start)
        text += QStringLiteral("\n\n") + tr("Starting a Stopped database copies every table again from the source.");
    if (action == BulkActionRunner::Action::RefreshCatalogMetadata)
        text += QStringLiteral("\n\n")
                + tr("Each refresh is long-running: the service re-reads the source catalog's schemas and tables; "
                     "no data is copied.");
    return text;
}

void FleetWindow::confirmAndRun(BulkActionRunner::Action action)
{
    if (m_runner->isRunning())
        return;
    const QList<BulkActionRunner::Item> items = planFor(action);
    if (std::none_of(items.cbegin(), items.cend(),
                     [](const BulkActionRunner::Item &i) { return i.outcome == BulkActionRunner::Outcome::Pending; }))
        return;
    auto *box = new QMessageBox(QMessageBox::Question, BulkActionRunner::actionText(action),
                                tr("%1 on the selected mirrors?").arg(BulkActionRunner::actionText(action)),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("bulkConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(confirmationText(action, items));
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::finished, this, [this, box, action, items](int) {
        if (box->clickedButton() != box->button(QMessageBox::Yes))
            return;
        ProductionGate::confirm(this, box->text(), [this, action, items] {
            if (m_runner->isRunning())
                return;
            // Statuses went on arriving while the questions were open: only what is still
            // allowed is sent (nothing is added to what was confirmed).
            m_runner->run(action, stillAllowed(action, items));
            auto *dialog = new BulkActionDialog(m_runner, this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->show(); // not modal: the fleet stays usable while the batch runs
            updateActions();
            emit bulkActionStarted(dialog);
        });
    });
    showPlainText(box);
    box->open();
}

QList<WatchedDatabase> FleetWindow::dashboardTargets() const
{
    // Every type has a dashboard (#19 part 3): a mirrored catalog's tables, a Databricks
    // catalog's sync, and for the types with no status call the dashboard says so.
    QList<WatchedDatabase> databases;
    for (const FleetRow *row : selectedRows()) {
        WatchedDatabase target{row->mirror.database.workspaceId, row->mirror.database.id, row->mirror.database.displayName};
        if (FleetModel::kindOf(*row) != MirrorItemKind::MirroredDatabase)
            target.itemType = row->item.item.type;
        databases.append(target);
    }
    return databases;
}

void FleetWindow::openDashboard()
{
    const QList<WatchedDatabase> databases = dashboardTargets();
    if (!databases.isEmpty())
        emit dashboardRequested(databases);
}

} // namespace fmc
