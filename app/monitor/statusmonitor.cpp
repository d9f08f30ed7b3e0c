#include "statusmonitor.h"

#include "app/api/fabricclient.h"
#include "app/api/requests/getmirroredazuredatabrickscatalogrequest.h"
#include "app/api/requests/getmirroredcatalogstatusrequest.h"
#include "app/api/requests/getmirroredcatalogtablesstatusrequest.h"
#include "app/api/requests/getmirroringstatusrequest.h"
#include "app/api/requests/gettablesmirroringstatusrequest.h"
#include "models/tablefreshness.h"

#include <QLoggingCategory>
#include <QPointer>
#include <QSet>

#include <algorithm>

Q_LOGGING_CATEGORY(lcMonitor, "fmc.monitor")

namespace fmc {

struct StatusMonitor::Watch {
    WatchedDatabase database;
    std::unique_ptr<TableStatusModel> model;
    DatabaseSnapshot snapshot;
    QHash<TableKey, TableHistory> histories;
    TableHistory totals;
    //! Status text per table at the end of the last complete refresh: the baseline for events.
    QHash<TableKey, QString> lastTableStatus;
    //! Tables that were Stale (tableFreshness) at the end of the last complete refresh.
    QSet<TableKey> lastStale;
    bool hasBaseline = false;
    quint64 generation = 0;
    QPointer<ApiRequest> request;
    QList<MonitorEvent> events;
    // Accumulated while the pages of one refresh arrive.
    qint64 sampleMs = 0;
    QHash<TableKey, QString> seenStatus;
    QSet<TableKey> seenStale;
    QMap<QString, int> counts;
    qint64 rows = 0;
    qint64 bytes = 0;
    std::optional<int> worstLatency;
    QDateTime oldestSync;
    int failedTables = 0;

    explicit Watch(int historyCapacity)
        : totals(historyCapacity)
    {
    }
};

namespace {

MonitorEvent makeEvent(const WatchedDatabase &db, MonitorEvent::Kind kind, qint64 timeMs)
{
    MonitorEvent e;
    e.kind = kind;
    e.timeUtc = QDateTime::fromMSecsSinceEpoch(timeMs, Qt::UTC);
    e.workspaceId = db.workspaceId;
    e.databaseId = db.databaseId;
    return e;
}

bool isRunning(const MirroringStatusResponse &s)
{
    return s.status.value == MirroringStatus::Running;
}

//! What the transition events compare between two answers about one item.
struct ItemState {
    QString status;
    bool running = false;
    std::optional<ErrorResponse> error;
};

//! A status change (started, stopped or other) and an error that appeared, changed or cleared.
void appendStateEvents(QList<MonitorEvent> &events, const WatchedDatabase &item, const ItemState &before,
                       const ItemState &now, qint64 nowMs)
{
    if (before.status != now.status) {
        MonitorEvent::Kind kind = MonitorEvent::Kind::StatusChanged;
        if (now.running)
            kind = MonitorEvent::Kind::MirroringStarted;
        else if (before.running)
            kind = MonitorEvent::Kind::MirroringStopped;
        MonitorEvent e = makeEvent(item, kind, nowMs);
        e.before = before.status;
        e.after = now.status;
        events.append(e);
    }
    const QString oldCode = before.error ? before.error->errorCode : QString();
    const QString newCode = now.error ? now.error->errorCode : QString();
    if (oldCode != newCode || before.error.has_value() != now.error.has_value()) {
        MonitorEvent e = makeEvent(item, now.error ? MonitorEvent::Kind::DatabaseError
                                                   : MonitorEvent::Kind::DatabaseErrorCleared, nowMs);
        e.after = now.status;
        if (now.error) {
            e.errorCode = now.error->errorCode;
            e.message = now.error->message;
        }
        events.append(e);
    }
}

//! A Databricks sync's errorInfo in the common error shape (code and message) for events and headers.
std::optional<ErrorResponse> syncError(const MirroredAzureDatabricksCatalog::Properties &properties)
{
    if (!properties.syncDetails || !properties.syncDetails->errorInfo)
        return std::nullopt;
    ErrorResponse error;
    error.errorCode = properties.syncDetails->errorInfo->errorCode;
    error.message = properties.syncDetails->errorInfo->errorMessage;
    return error;
}

//! Whether the item was running at its last answer (table events other than failures need it).
bool itemRunning(const DatabaseSnapshot &s)
{
    if (s.status)
        return isRunning(*s.status);
    return s.mirrorItem && s.mirrorItem->catalogStatus
           && s.mirrorItem->catalogStatus->status.value == CatalogMirroringState::Running;
}

} // namespace

MirrorItemKind::Kind WatchedDatabase::kind() const
{
    if (itemType.isEmpty())
        return MirrorItemKind::MirroredDatabase;
    const MirrorItemKind::Kind k = MirrorItemKind::of(itemType);
    return k == MirrorItemKind::NotMirror ? MirrorItemKind::OtherMirror : k;
}

WatchedDatabase WatchedDatabase::ofItem(const Item &item)
{
    return {item.workspaceId, item.id, item.displayName, item.type};
}

bool DatabaseSnapshot::hasAnswer() const
{
    if (status)
        return true;
    if (!mirrorItem)
        return false;
    return mirrorItem->catalogStatus || mirrorItem->databricks || !MirrorItemKind::noStatusText(mirrorItem->kind).isEmpty();
}

QString DatabaseSnapshot::statusText() const
{
    if (status)
        return status->status.text;
    if (mirrorItem && mirrorItem->catalogStatus)
        return mirrorItem->catalogStatus->status.text;
    if (mirrorItem && mirrorItem->databricks && mirrorItem->databricks->syncDetails)
        return mirrorItem->databricks->syncDetails->status.text;
    return {};
}

std::optional<ErrorResponse> DatabaseSnapshot::itemError() const
{
    if (status)
        return status->error;
    if (mirrorItem && mirrorItem->catalogStatus)
        return mirrorItem->catalogStatus->error;
    if (mirrorItem && mirrorItem->databricks)
        return syncError(*mirrorItem->databricks);
    return std::nullopt;
}

StatusMonitor::StatusMonitor(FabricClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_rng(std::random_device{}())
{
    qRegisterMetaType<fmc::MonitorEvent>();
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &StatusMonitor::startCycle);
    connect(m_client, &FabricClient::throttled, this, &StatusMonitor::throttled);
    // A 401 that a fresh token does not cure: polling on would fetch a token per poll without
    // ever asking the user (docs/reliability-matrix.md, "401 handling and refresh").
    connect(m_client, &FabricClient::signInRequired, this, [this] {
        if (!m_active || m_waitingForSignIn)
            return;
        qCInfo(lcMonitor) << "sign-in required: polling stops until the session is back";
        pause();
        m_waitingForSignIn = true;
        emit waitingForSignInChanged(true);
    });
    connect(m_client, &FabricClient::signInRestored, this, [this] {
        if (!m_waitingForSignIn)
            return;
        m_waitingForSignIn = false;
        emit waitingForSignInChanged(false);
        start();
    });
}

StatusMonitor::~StatusMonitor()
{
    // Requests are owned by the client; make sure none calls back into a dead monitor's models.
    for (const auto &w : m_watches)
        if (w->request)
            w->request->abandon();
}

void StatusMonitor::setInterval(std::chrono::milliseconds interval)
{
    m_interval = std::max(interval, std::chrono::milliseconds(1));
    if (m_timer.isActive())
        scheduleNext();
}

void StatusMonitor::setJitter(double fraction)
{
    m_jitter = std::clamp(fraction, 0.0, 0.5);
}

void StatusMonitor::setSeed(quint32 seed)
{
    m_rng.seed(seed);
}

void StatusMonitor::setMaxConcurrentDatabases(int count)
{
    m_maxConcurrent = std::max(1, count);
    pump();
}

void StatusMonitor::setHistoryCapacity(int samples)
{
    m_historyCapacity = std::max(2, samples);
}

void StatusMonitor::watch(const WatchedDatabase &database)
{
    if (Watch *existing = findWatch(database.databaseId)) {
        existing->database = database;
        existing->snapshot.database = database;
        return;
    }
    auto w = std::make_unique<Watch>(m_historyCapacity);
    w->database = database;
    w->snapshot.database = database;
    w->model = std::make_unique<TableStatusModel>();
    if (const MirrorItemKind::Kind kind = database.kind(); kind != MirrorItemKind::MirroredDatabase) {
        MirrorItemRow item;
        item.item.id = database.databaseId;
        item.item.workspaceId = database.workspaceId;
        item.item.type = database.itemType;
        item.item.displayName = database.displayName;
        item.kind = kind;
        w->snapshot.mirrorItem = item;
        w->model->setMetricsAvailable(false); // a catalog's tables have no rows, bytes or latency
    }
    m_watches.push_back(std::move(w));
    if (m_active && !m_cycleRunning)
        refreshNow();
}

void StatusMonitor::unwatch(const QString &databaseId)
{
    const auto it = std::find_if(m_watches.begin(), m_watches.end(),
                                 [&](const auto &w) { return w->database.databaseId == databaseId; });
    if (it == m_watches.end())
        return;
    m_queue.removeAll(databaseId);
    const bool wasRefreshing = (*it)->snapshot.refreshing;
    if ((*it)->request)
        (*it)->request->abandon();
    m_watches.erase(it);
    if (wasRefreshing) {
        --m_inFlight;
        pump();
    }
}

void StatusMonitor::unwatchAll()
{
    while (!m_watches.empty())
        unwatch(m_watches.back()->database.databaseId);
}

QList<WatchedDatabase> StatusMonitor::watched() const
{
    QList<WatchedDatabase> out;
    for (const auto &w : m_watches)
        out.append(w->database);
    return out;
}

bool StatusMonitor::isWatching(const QString &databaseId) const
{
    return findWatch(databaseId) != nullptr;
}

TableStatusModel *StatusMonitor::tableModel(const QString &databaseId) const
{
    const Watch *w = findWatch(databaseId);
    return w ? w->model.get() : nullptr;
}

DatabaseSnapshot StatusMonitor::snapshot(const QString &databaseId) const
{
    const Watch *w = findWatch(databaseId);
    return w ? w->snapshot : DatabaseSnapshot{};
}

const TableHistory *StatusMonitor::tableHistory(const QString &databaseId, const QString &schema,
                                                const QString &table) const
{
    const Watch *w = findWatch(databaseId);
    if (!w)
        return nullptr;
    const auto it = w->histories.constFind(TableKey{schema, table});
    return it == w->histories.constEnd() ? nullptr : &it.value();
}

const TableHistory *StatusMonitor::databaseHistory(const QString &databaseId) const
{
    const Watch *w = findWatch(databaseId);
    return w ? &w->totals : nullptr;
}

void StatusMonitor::start()
{
    if (m_client->isSignInRequired()) {
        // Resumes on signInRestored().
        if (!std::exchange(m_waitingForSignIn, true))
            emit waitingForSignInChanged(true);
        return;
    }
    m_active = true;
    refreshNow();
}

void StatusMonitor::pause()
{
    m_active = false;
    if (std::exchange(m_waitingForSignIn, false))
        emit waitingForSignInChanged(false);
    m_timer.stop();
}

void StatusMonitor::refreshNow()
{
    if (m_cycleRunning) {
        m_refreshAgain = true;
        return;
    }
    m_timer.stop();
    // Start from the event loop, so that several watch() calls in a row make one refresh.
    QTimer::singleShot(0, this, [this] {
        if (!m_cycleRunning)
            startCycle();
    });
}

QDateTime StatusMonitor::nextRefreshUtc() const
{
    if (!m_timer.isActive())
        return {};
    return QDateTime::currentDateTimeUtc().addMSecs(m_timer.remainingTime());
}

StatusMonitor::Watch *StatusMonitor::findWatch(const QString &databaseId) const
{
    for (const auto &w : m_watches)
        if (w->database.databaseId == databaseId)
            return w.get();
    return nullptr;
}

void StatusMonitor::startCycle()
{
    if (m_cycleRunning)
        return;
    m_timer.stop();
    m_refreshAgain = false;
    m_cycleRunning = true;
    m_cycleFailures = 0;
    m_queue.clear();
    for (const auto &w : m_watches)
        m_queue.append(w->database.databaseId);
    qCDebug(lcMonitor) << "refresh of" << m_queue.size() << "mirrored databases";
    emit refreshStarted();
    pump();
}

void StatusMonitor::pump()
{
    while (m_cycleRunning && m_inFlight < m_maxConcurrent && !m_queue.isEmpty()) {
        Watch *w = findWatch(m_queue.takeFirst());
        if (!w)
            continue;
        if (!MirrorItemKind::noStatusText(w->database.kind()).isEmpty()) {
            noteWithoutCall(w); // nothing in flight: no call to make
            continue;
        }
        ++m_inFlight;
        m_maxObserved = std::max(m_maxObserved, m_inFlight);
        refreshDatabase(w);
    }
    if (m_cycleRunning && m_inFlight == 0 && m_queue.isEmpty()) {
        m_cycleRunning = false;
        const QDateTime finished = QDateTime::currentDateTimeUtc();
        emit refreshFinished(finished, m_cycleFailures);
        if (m_refreshAgain)
            refreshNow();
        else
            scheduleNext();
    }
}

void StatusMonitor::refreshDatabase(Watch *w)
{
    w->generation = m_nextGeneration++;
    w->snapshot.refreshing = true;
    w->events.clear();
    switch (w->database.kind()) {
    case MirrorItemKind::MirroredCatalog:
        refreshCatalog(w);
        return;
    case MirrorItemKind::AzureDatabricksCatalog:
        refreshDatabricks(w);
        return;
    default:
        break;
    }
    const QString id = w->database.databaseId;
    const quint64 generation = w->generation;
    auto *request = new GetMirroringStatusRequest(w->database.workspaceId, id);
    request->setPriority(ApiRequest::Priority::Background);
    w->request = m_client->send(request, this,
                                [this, id, generation](const ApiResult<MirroringStatusResponse> &result) {
                                    onStatus(id, generation, result);
                                });
}

void StatusMonitor::onStatus(const QString &databaseId, quint64 generation,
                             const ApiResult<MirroringStatusResponse> &result)
{
    Watch *w = findWatch(databaseId);
    if (!w || w->generation != generation)
        return; // unwatched or superseded: a stale answer
    w->request.clear();
    if (!result.ok()) {
        w->snapshot.lastError = result.error;
        qCInfo(lcMonitor) << "status of" << w->database.displayName << "failed:" << result.error.toLogString();
        finishDatabase(w, true);
        return;
    }

    const MirroringStatusResponse &now = result.value;
    const std::optional<MirroringStatusResponse> before = w->snapshot.status;
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    if (before && w->hasBaseline)
        appendStateEvents(w->events, w->database, {before->status.text, isRunning(*before), before->error},
                          {now.status.text, isRunning(now), now.error}, nowMs);
    w->snapshot.status = now;
    w->snapshot.lastError = ApiError();

    if (isRunning(now)) {
        fetchTables(w);
        return;
    }
    // No tables status outside Running: keep the last known rows and their counts.
    w->snapshot.health = mirroringHealth(now, 0);
    w->snapshot.lastRefreshUtc = QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC);
    w->snapshot.refreshSerial = ++m_refreshSerial;
    w->snapshot.tablesSampledMs = 0;
    w->hasBaseline = true;
    finishDatabase(w, false);
}

void StatusMonitor::fetchTables(Watch *w)
{
    w->sampleMs = QDateTime::currentMSecsSinceEpoch();
    w->seenStatus.clear();
    w->seenStale.clear();
    w->counts.clear();
    w->rows = 0;
    w->bytes = 0;
    w->worstLatency.reset();
    w->oldestSync = QDateTime();
    w->failedTables = 0;
    w->model->beginRefresh(QDateTime::fromMSecsSinceEpoch(w->sampleMs, Qt::UTC));

    const QString id = w->database.databaseId;
    const quint64 generation = w->generation;
    if (w->database.kind() == MirrorItemKind::MirroredCatalog) {
        // The same cycle and keyed model; the catalog's own call (GET, beta, paged under value).
        auto *request = new GetMirroredCatalogTablesStatusRequest(w->database.workspaceId, id);
        request->setPriority(ApiRequest::Priority::Background);
        w->request = m_client->sendPaged(
            request, this,
            [this, id, generation](const QList<CatalogTableStatus> &page) { onCatalogTablesPage(id, generation, page); },
            [this, id, generation](const ApiResult<QList<CatalogTableStatus>> &result) {
                onTablesDone(id, generation, result.error);
            });
        return;
    }
    auto *request = new GetTablesMirroringStatusRequest(w->database.workspaceId, id);
    request->setPriority(ApiRequest::Priority::Background);
    w->request = m_client->sendPaged(
        request, this,
        [this, id, generation](const QList<TableMirroringStatus> &page) { onTablesPage(id, generation, page); },
        [this, id, generation](const ApiResult<QList<TableMirroringStatus>> &result) {
            onTablesDone(id, generation, result.error);
        });
}

void StatusMonitor::onTablesPage(const QString &databaseId, quint64 generation,
                                 const QList<TableMirroringStatus> &page)
{
    Watch *w = findWatch(databaseId);
    if (!w || w->generation != generation)
        return;
    accountTables(w, page, true);
    w->model->applyPage(page);
    emit tablesPageApplied(databaseId, int(page.size()));
}

void StatusMonitor::onCatalogTablesPage(const QString &itemId, quint64 generation, const QList<CatalogTableStatus> &page)
{
    Watch *w = findWatch(itemId);
    if (!w || w->generation != generation)
        return;
    QList<TableMirroringStatus> tables;
    tables.reserve(page.size());
    for (const CatalogTableStatus &t : page)
        tables.append(t.asTableStatus());
    accountTables(w, tables, false);
    w->model->applyCatalogPage(page);
    emit tablesPageApplied(itemId, int(page.size()));
}

void StatusMonitor::accountTables(Watch *w, const QList<TableMirroringStatus> &page, bool withMetrics)
{
    for (const TableMirroringStatus &t : page) {
        const TableKey key{t.sourceSchemaName, t.sourceTableName};
        const QString statusText = t.status.text;
        w->seenStatus.insert(key, statusText);
        // Idle is not stale: an old last sync on a replicating table without error raises nothing.
        if (tableFreshness(t, QDateTime::fromMSecsSinceEpoch(w->sampleMs, Qt::UTC)) == TableFreshness::Stale)
            w->seenStale.insert(key);
        ++w->counts[statusText];
        if (t.status.value == TableStatus::Failed)
            ++w->failedTables;

        MetricSample sample;
        sample.timeMSecs = w->sampleMs;
        sample.processedRows = -1; // a mirrored catalog's tables have no metrics: unknown, not 0
        if (t.metrics) {
            const TableMirroringMetrics &m = *t.metrics;
            sample.processedRows = m.processedRows.value_or(-1);
            sample.processedBytes = m.processedBytes.value_or(-1);
            sample.latencySeconds = m.lastSyncLatencyInSeconds.value_or(-1);
            w->rows += m.processedRows.value_or(0);
            w->bytes += m.processedBytes.value_or(0);
            if (m.lastSyncLatencyInSeconds)
                w->worstLatency = std::max(w->worstLatency.value_or(0), *m.lastSyncLatencyInSeconds);
            if (m.lastSyncDateTime.isValid() && (!w->oldestSync.isValid() || m.lastSyncDateTime < w->oldestSync))
                w->oldestSync = m.lastSyncDateTime;
        }
        if (!withMetrics)
            continue; // no rows or latency to chart: an empty history rather than zeros
        auto hist = w->histories.find(key);
        if (hist == w->histories.end())
            hist = w->histories.insert(key, TableHistory(m_historyCapacity));
        hist->append(sample);
    }
}

void StatusMonitor::onTablesDone(const QString &databaseId, quint64 generation, const ApiError &error)
{
    Watch *w = findWatch(databaseId);
    if (!w || w->generation != generation)
        return;
    w->request.clear();
    if (error.isError()) {
        // The pages that arrived stay shown; vanished tables are only removed after a complete
        // refresh, so a failure half-way never empties the view.
        w->snapshot.lastError = error;
        qCInfo(lcMonitor) << "tables of" << w->database.displayName << "failed:" << error.toLogString();
        finishDatabase(w, true);
        return;
    }
    w->model->endRefresh();

    // Events against the previous complete refresh.
    if (w->hasBaseline) {
        // A stopped database's tables are stale by the hundred; MirroringStopped says it once.
        const bool databaseRunning = itemRunning(w->snapshot);
        for (auto it = w->seenStatus.cbegin(); it != w->seenStatus.cend(); ++it) {
            const QString before = w->lastTableStatus.value(it.key());
            const QString &after = it.value();
            const bool nowStale = w->seenStale.contains(it.key());
            const bool wasStale = w->lastStale.contains(it.key());
            if (before == after && nowStale == wasStale)
                continue;
            const bool nowFailed = after == QLatin1String("Failed");
            const bool wasFailed = before == QLatin1String("Failed");
            MonitorEvent::Kind kind;
            if (nowFailed && !wasFailed)
                kind = MonitorEvent::Kind::TableFailed;
            else if (nowStale && !wasStale && !nowFailed && databaseRunning)
                kind = MonitorEvent::Kind::TableStale; // e.g. Replicating with an error: "Running with warning"
            else if ((wasFailed && !nowFailed) || (wasStale && !nowStale))
                kind = MonitorEvent::Kind::TableRecovered;
            else
                continue;
            MonitorEvent e = makeEvent(w->database, kind, w->sampleMs);
            e.schema = it.key().schema;
            e.table = it.key().table;
            e.before = before;
            e.after = after;
            if (nowStale) {
                const int row = w->model->rowOfKey(it.key());
                if (row >= 0) {
                    const auto &status = w->model->rowAt(row).status;
                    if (status.error) {
                        e.errorCode = status.error->errorCode;
                        e.message = status.error->message;
                    }
                }
            }
            w->events.append(e);
        }
    }
    // Histories of tables that left the definition go with them.
    for (auto it = w->histories.begin(); it != w->histories.end();) {
        if (w->seenStatus.contains(it.key()))
            ++it;
        else
            it = w->histories.erase(it);
    }
    w->lastTableStatus = w->seenStatus;
    w->lastStale = w->seenStale;
    w->hasBaseline = true;

    DatabaseSnapshot &s = w->snapshot;
    s.tablesByStatus = w->counts;
    s.totalRows = w->rows;
    s.totalBytes = w->bytes;
    s.worstLatencySeconds = w->worstLatency;
    s.oldestLastSyncUtc = w->oldestSync;
    s.lastRefreshUtc = QDateTime::currentDateTimeUtc();
    s.refreshSerial = ++m_refreshSerial;
    s.tablesSampledMs = w->sampleMs;
    if (s.mirrorItem) {
        // A mirrored catalog: its tables' count and failures feed the pane's words for its health.
        s.mirrorItem->catalogTables = int(w->seenStatus.size());
        s.mirrorItem->catalogFailedTables = w->failedTables;
        s.health = MirrorItemListModel::healthOf(*s.mirrorItem);
        finishDatabase(w, false);
        return;
    }
    s.health = mirroringHealth(*s.status, w->failedTables, w->seenStatus.size());

    MetricSample total;
    total.timeMSecs = w->sampleMs;
    total.processedRows = w->rows;
    total.processedBytes = w->bytes;
    total.latencySeconds = w->worstLatency.value_or(-1);
    w->totals.append(total);
    finishDatabase(w, false);
}

template <typename R, typename OnAnswer>
void StatusMonitor::sendStatusCall(Watch *w, R *request, const char *what, OnAnswer onAnswer)
{
    const QString id = w->database.databaseId;
    const quint64 generation = w->generation;
    request->setPriority(ApiRequest::Priority::Background);
    w->request = m_client->send(request, this, [this, id, generation, what, onAnswer](const ApiResult<typename R::Value> &result) {
        Watch *watch = findWatch(id);
        if (!watch || watch->generation != generation)
            return; // unwatched or superseded: a stale answer
        watch->request.clear();
        if (!result.ok()) {
            watch->snapshot.lastError = result.error;
            qCInfo(lcMonitor) << what << watch->database.displayName << "failed:" << result.error.toLogString();
            finishDatabase(watch, true);
            return;
        }
        (this->*onAnswer)(watch, result.value);
    });
}

void StatusMonitor::refreshCatalog(Watch *w)
{
    sendStatusCall(w, new GetMirroredCatalogStatusRequest(w->database.workspaceId, w->database.databaseId),
                   "status of catalog", &StatusMonitor::onCatalogStatus);
}

void StatusMonitor::onCatalogStatus(Watch *w, const CatalogMirroringStatus &now)
{
    MirrorItemRow &item = *w->snapshot.mirrorItem;
    const auto running = [](const CatalogMirroringStatus &s) { return s.status.value == CatalogMirroringState::Running; };
    if (item.catalogStatus && w->hasBaseline)
        appendStateEvents(w->events, w->database,
                          {item.catalogStatus->status.text, running(*item.catalogStatus), item.catalogStatus->error},
                          {now.status.text, running(now), now.error}, QDateTime::currentMSecsSinceEpoch());
    item.catalogStatus = now;
    w->snapshot.health = MirrorItemListModel::healthOf(item); // table counts follow when their pages are read
    w->snapshot.lastError = ApiError();
    // Unlike a mirrored database's, a catalog's tables status answers in every state: a failed
    // or stopped catalog still says which of its tables failed.
    fetchTables(w);
}

void StatusMonitor::refreshDatabricks(Watch *w)
{
    sendStatusCall(w, new GetMirroredAzureDatabricksCatalogRequest(w->database.workspaceId, w->database.databaseId),
                   "Databricks catalog", &StatusMonitor::onDatabricks);
}

void StatusMonitor::onDatabricks(Watch *w, const MirroredAzureDatabricksCatalog &catalog)
{
    const MirroredAzureDatabricksCatalog::Properties now =
        catalog.properties.value_or(MirroredAzureDatabricksCatalog::Properties{});
    MirrorItemRow &item = *w->snapshot.mirrorItem;
    // syncDetails is a metadata sync, not mirroring running or stopped: changes and errors only.
    const auto words = [](const MirroredAzureDatabricksCatalog::Properties &p) {
        return ItemState{p.syncDetails ? p.syncDetails->status.text : QString(), false, syncError(p)};
    };
    if (item.databricks && w->hasBaseline)
        appendStateEvents(w->events, w->database, words(*item.databricks), words(now), QDateTime::currentMSecsSinceEpoch());
    item.databricks = now;
    w->snapshot.health = MirrorItemListModel::healthOf(item);
    w->snapshot.lastError = ApiError();
    w->snapshot.lastRefreshUtc = QDateTime::currentDateTimeUtc();
    w->snapshot.refreshSerial = ++m_refreshSerial;
    w->hasBaseline = true;
    finishDatabase(w, false);
}

void StatusMonitor::noteWithoutCall(Watch *w)
{
    if (w->snapshot.health.text.isEmpty()) {
        w->snapshot.health = MirrorItemListModel::healthOf(*w->snapshot.mirrorItem);
        emit databaseUpdated(w->database.databaseId);
    }
}

void StatusMonitor::finishDatabase(Watch *w, bool failed)
{
    w->snapshot.refreshing = false;
    if (failed)
        ++m_cycleFailures;
    const QString id = w->database.databaseId;
    emitEvents(w);
    emit databaseUpdated(id);
    --m_inFlight;
    pump();
}

void StatusMonitor::emitEvents(Watch *w)
{
    if (w->events.isEmpty())
        return;
    const QList<MonitorEvent> events = std::exchange(w->events, {});
    for (const MonitorEvent &e : events)
        qCInfo(lcMonitor) << "event" << int(e.kind) << e.databaseId << e.schema << e.table << e.before << "->"
                          << e.after;
    emit transitions(events);
}

void StatusMonitor::scheduleNext()
{
    if (!m_active)
        return;
    std::uniform_real_distribution<double> spread(1.0 - m_jitter, 1.0 + m_jitter);
    const double ms = double(m_interval.count()) * spread(m_rng);
    m_timer.start(int(std::clamp(ms, 1.0, double(std::numeric_limits<int>::max()))));
}

} // namespace fmc
