#include "bulkactionrunner.h"

#include "app/api/fabricclient.h"
#include "app/api/requests/getmirroreddatabaserequest.h"
#include "models/displaytext.h"
#include "models/sqlendpointsyncstore.h"

#include <algorithm>

namespace fmc {

BulkActionRunner::BulkActionRunner(FabricClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_admin(new MirroredDatabaseAdmin(client, this))
    , m_itemActions(new MirrorItemActions(client, this))
    , m_timeScale(client->config().timeScale)
{
    m_pace.setSingleShot(true);
    m_pace.setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5 % early: never undercut
    connect(&m_pace, &QTimer::timeout, this, &BulkActionRunner::next);
    connect(m_admin, &MirroredDatabaseAdmin::finished, this, &BulkActionRunner::onFinished);
    connect(m_itemActions, &MirrorItemActions::finished, this, &BulkActionRunner::onItemActionFinished);
    setSqlEndpointRefresher(new SqlEndpointRefresher(client, new SqlEndpointSyncStore(this), this), m_refreshTimeout);
}

void BulkActionRunner::setSqlEndpointRefresher(SqlEndpointRefresher *refresher, std::chrono::minutes timeout)
{
    if (m_refresher)
        disconnect(m_refresher, nullptr, this, nullptr);
    m_refresher = refresher;
    m_refreshTimeout = timeout;
    connect(refresher, &SqlEndpointRefresher::finished, this, &BulkActionRunner::onEndpointRefreshed);
}

QList<BulkActionRunner::Item> BulkActionRunner::plan(Action action, const QList<Target> &targets)
{
    QList<Item> items;
    items.reserve(targets.size());
    for (const Target &target : targets) {
        Item item{target, Outcome::Pending, {}, {}};
        if (target.kind != MirrorItemKind::MirroredDatabase || action == Action::RefreshCatalogMetadata) {
            planOtherType(action, item);
            items.append(item);
            continue;
        }
        // The main window's gate for one database: the role first, then the status.
        if (action == Action::RefreshSqlEndpoint) {
            // The refresher's own gate; the endpoint id is checked when the item's turn comes.
            SqlEndpointRefresher::Permission permission =
                SqlEndpointRefresher::roleAllows(target.role, displayText(target.workspaceName, 60));
            // While Initializing the service is still provisioning the endpoint (no id yet).
            if (permission.allowed && target.sqlEndpointId.isEmpty() && target.status
                && target.status->status.text.compare(QLatin1String("Initializing"), Qt::CaseInsensitive) == 0)
                permission = {false, tr("its SQL analytics endpoint is not provisioned yet (the mirror is Initializing)")};
            if (!permission.allowed) {
                item.outcome = Outcome::Skipped;
                item.reason = permission.reason;
            }
            items.append(item);
            continue;
        }
        MirroredDatabaseAdmin::Permission permission =
            MirroredDatabaseAdmin::canChangeIn(target.role, displayText(target.workspaceName, 60));
        if (permission.allowed)
            permission = action == Action::Start ? MirroredDatabaseAdmin::canStart(target.status)
                                                 : MirroredDatabaseAdmin::canStop(target.status);
        if (!permission.allowed) {
            item.outcome = Outcome::Skipped;
            item.reason = permission.reason;
        }
        items.append(item);
    }
    return items;
}

void BulkActionRunner::planOtherType(Action action, Item &item)
{
    const Target &target = item.target;
    // The type is the service's text: cut and made bidi-safe before it goes into a sentence.
    const QString type = displayText(target.type, 60);
    QString why;
    switch (action) {
    case Action::Start:
    case Action::Stop: why = MirrorItemKind::whyNoStartStop(target.kind, type); break;
    case Action::RefreshCatalogMetadata: why = MirrorItemKind::whyNoRefreshMetadata(target.kind, type); break;
    case Action::RefreshSqlEndpoint:
        why = tr("Refresh SQL endpoint is for mirrored databases; this is a %1.")
                  .arg(MirrorItemKind::typeText(target.kind, type));
        break;
    }
    if (why.isEmpty()) {
        // The spec asks Contributor or higher for every one of these calls, as for a database.
        const MirroredDatabaseAdmin::Permission permission =
            MirroredDatabaseAdmin::canChangeIn(target.role, displayText(target.workspaceName, 60));
        if (!permission.allowed)
            why = permission.reason;
    }
    if (!why.isEmpty()) {
        item.outcome = Outcome::Skipped;
        item.reason = why;
    } else if (target.kind == MirrorItemKind::SqlDatabase) {
        item.reason = tr("no status call: sent whatever its mirroring state is");
    }
}

QString BulkActionRunner::actionText(Action action)
{
    switch (action) {
    case Action::Start: return tr("Start mirroring");
    case Action::Stop: return tr("Stop mirroring");
    case Action::RefreshSqlEndpoint: return tr("Refresh SQL endpoint");
    case Action::RefreshCatalogMetadata: return tr("Refresh catalog metadata");
    }
    return {};
}

QString BulkActionRunner::outcomeText(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Pending: return tr("Will be sent");
    case Outcome::Skipped: return tr("Skipped");
    case Outcome::Sending: return tr("Sending…");
    case Outcome::Waiting: return tr("Waiting (throttled)");
    case Outcome::Done: return tr("Done");
    case Outcome::Failed: return tr("Failed");
    case Outcome::Cancelled: return tr("Cancelled, not sent");
    }
    return {};
}

void BulkActionRunner::run(Action action, QList<Item> items)
{
    if (m_running)
        return;
    m_action = action;
    m_items = std::move(items);
    m_current = -1;
    m_running = true;
    // From the event loop, like every result: the caller connects before anything happens.
    QTimer::singleShot(0, this, &BulkActionRunner::next);
}

void BulkActionRunner::next()
{
    if (!m_running)
        return;
    int index = m_current + 1;
    while (index < m_items.size() && m_items[index].outcome != Outcome::Pending
           && m_items[index].outcome != Outcome::Waiting)
        ++index;
    m_current = index;
    if (index >= m_items.size()) {
        m_running = false;
        emit finished();
        return;
    }
    Item &item = m_items[index];
    item.outcome = Outcome::Sending;
    emit itemChanged(index);
    if (item.target.kind != MirrorItemKind::MirroredDatabase) {
        const MirrorItemActions::Action action = m_action == Action::Start  ? MirrorItemActions::Action::StartMirroring
                                                 : m_action == Action::Stop ? MirrorItemActions::Action::StopMirroring
                                                                            : MirrorItemActions::Action::RefreshMetadata;
        const MirrorItemActions::Target target{item.target.workspaceId, item.target.databaseId,
                                               item.target.displayName, item.target.type, item.target.kind};
        if (!m_itemActions->run(action, target)) {
            item.outcome = Outcome::Skipped; // not sent: the type has no such call
            item.reason = m_itemActions->whyNot(action, target, item.target.role);
            emit itemChanged(index);
            next();
        }
        return;
    }
    if (m_action == Action::Start)
        m_admin->start(item.target.workspaceId, item.target.databaseId);
    else if (m_action == Action::Stop)
        m_admin->stop(item.target.workspaceId, item.target.databaseId);
    else
        refreshEndpoint(item);
}

void BulkActionRunner::refreshEndpoint(Item &item)
{
    if (m_refresher->isBusy()) {
        // One refresh at a time, the main window's included: this item goes when that one ends.
        item.outcome = Outcome::Waiting;
        item.reason = tr("Waiting for the SQL endpoint refresh of %1 to end.")
                          .arg(displayText(m_refresher->current().databaseName, 60));
        m_waitingForRefresher = true;
        emit itemChanged(m_current--); // next() takes it again
        return;
    }
    if (!item.target.sqlEndpointId.isEmpty()) {
        const SqlEndpointRefresher::Target target{item.target.workspaceId, item.target.databaseId,
                                                  item.target.displayName, item.target.sqlEndpointId};
        if (!m_refresher->refresh(target, m_refreshTimeout, false)) {
            item.outcome = Outcome::Skipped; // not sent: the refresher's own gate said no
            item.reason = m_refresher->canRefresh(target, item.target.role, item.target.workspaceName).reason;
            emit itemChanged(m_current);
            next();
        }
        return;
    }
    // Catalog search gives no properties: the item says where its endpoint is.
    auto *request = new GetMirroredDatabaseRequest(item.target.workspaceId, item.target.databaseId);
    m_lookup = request;
    // The answer is this item's only while it is still the one being sent (a refresh of another
    // database ending meanwhile may have moved the batch on).
    m_client->send(request, this, [this, index = m_current, databaseId = item.target.databaseId](
                                      const ApiResult<MirroredDatabase> &result) {
        if (!m_running || m_current != index || index < 0 || index >= m_items.size()
            || m_items[index].outcome != Outcome::Sending || m_items[index].target.databaseId != databaseId)
            return;
        Item &current = m_items[m_current];
        if (!result.ok()) {
            settle(result.error);
            return;
        }
        current.target.sqlEndpointId = SqlEndpointRefresher::targetOf(result.value).sqlEndpointId;
        if (current.target.sqlEndpointId.isEmpty()) {
            current.outcome = Outcome::Skipped;
            current.reason = tr("its SQL analytics endpoint is not provisioned yet");
            emit itemChanged(m_current);
            next();
            return;
        }
        refreshEndpoint(current);
    });
}

void BulkActionRunner::onEndpointRefreshed(const SqlEndpointRefresher::Target &target, const TableSyncStatuses &result,
                                           const ApiError &error)
{
    if (m_waitingForRefresher) {
        m_waitingForRefresher = false;
        if (m_running)
            next(); // the refresh that held this batch back ended
        return;
    }
    if (m_current < 0 || m_current >= m_items.size() || m_items[m_current].target.databaseId != target.databaseId
        || m_items[m_current].outcome != Outcome::Sending)
        return;
    settle(error, error.isError() ? QString() : SqlEndpointRefresher::summary(result));
}

void BulkActionRunner::onFinished(MirroredDatabaseAdmin::Action, const QString &workspaceId,
                                  const QString &databaseId, const ApiError &error)
{
    if (m_current < 0 || m_current >= m_items.size())
        return;
    const Item &item = m_items[m_current];
    if (item.target.workspaceId != workspaceId || item.target.databaseId != databaseId)
        return;
    settle(error);
}

void BulkActionRunner::onItemActionFinished(MirrorItemActions::Action action, const MirrorItemActions::Target &target,
                                            const ApiError &error)
{
    if (m_current < 0 || m_current >= m_items.size())
        return;
    const Item &item = m_items[m_current];
    if (item.target.workspaceId != target.workspaceId || item.target.databaseId != target.itemId)
        return;
    QString done;
    if (action == MirrorItemActions::Action::RefreshMetadata)
        done = tr("The service re-read the source catalog's schemas and tables.");
    else
        done = tr("Fabric accepted the call; a SQL database has no status call to confirm it.");
    settle(error, done);
}

void BulkActionRunner::settle(const ApiError &error, const QString &done)
{
    // An item cancel() settled already: the cancelled call's own report comes after.
    if (m_current < 0 || m_current >= m_items.size() || m_items[m_current].outcome != Outcome::Sending)
        return;
    Item &item = m_items[m_current];
    if (!error.isError()) {
        item.reason = done;
        item.outcome = Outcome::Done;
    } else {
        item.outcome = error.kind() == ApiError::Kind::Cancelled ? Outcome::Cancelled : Outcome::Failed;
        if (error.kind() == ApiError::Kind::Cancelled)
            item.reason = tr("Cancelled while in flight: the service may or may not have acted; re-check its status.");
        else
            item.reason = MirroredDatabaseAdmin::describe(error);
        item.requestId = error.requestId().isEmpty() ? error.clientRequestId() : error.requestId();
    }
    emit itemChanged(m_current);
    if (!m_running)
        return;
    if (error.kind() == ApiError::Kind::Throttled && error.retryAfter()) {
        // The service asked for a pause longer than a request waits silently: the batch waits
        // it out before its next item, and says so on that item.
        int index = m_current + 1;
        while (index < m_items.size() && m_items[index].outcome != Outcome::Pending)
            ++index;
        if (index < m_items.size()) {
            m_items[index].outcome = Outcome::Waiting;
            m_items[index].reason = tr("Waiting %1 s: the service asked to slow down.")
                                        .arg(qRound(error.retryAfter()->count() / 1000.0));
            emit itemChanged(index);
        }
        m_pace.start(int(qMax<qint64>(1, qint64(double(error.retryAfter()->count()) * m_timeScale))));
        return;
    }
    next();
}

void BulkActionRunner::cancel()
{
    if (!m_running)
        return;
    m_running = false;
    m_waitingForRefresher = false;
    m_pace.stop();
    for (int i = 0; i < m_items.size(); ++i) {
        if (i != m_current && (m_items[i].outcome == Outcome::Pending || m_items[i].outcome == Outcome::Waiting)) {
            m_items[i].outcome = Outcome::Cancelled;
            m_items[i].reason = tr("Not sent: the batch was cancelled.");
            emit itemChanged(i);
        }
    }
    // The item in flight is settled here, before finished(): its call's own report comes a turn
    // later (settle() then ignores it). Sent, its outcome is unknown: Failed, so that its status
    // is read again; only a lookup (a read) was in flight: not sent.
    if (m_current >= 0 && m_current < m_items.size()
        && (m_items[m_current].outcome == Outcome::Sending || m_items[m_current].outcome == Outcome::Waiting)) {
        Item &item = m_items[m_current];
        const bool sent = item.outcome == Outcome::Sending
                          && (m_admin->isBusy() || m_itemActions->isBusy()
                              || (m_refresher->isBusy() && m_refresher->current().databaseId == item.target.databaseId));
        item.outcome = sent ? Outcome::Failed : Outcome::Cancelled;
        item.reason = sent ? tr("Cancelled while in flight: the service may or may not have acted; re-check its status.")
                           : tr("Not sent: the batch was cancelled.");
        emit itemChanged(m_current);
    }
    if (m_admin->isBusy())
        m_admin->cancel(); // nothing more is sent; its report is ignored
    if (m_itemActions->isBusy())
        m_itemActions->cancel(); // likewise: polling stops
    if (m_lookup)
        m_lookup->abandon(); // only a read: the item was not refreshed
    if (m_refresher->isBusy() && m_current >= 0 && m_current < m_items.size()
        && m_refresher->current().databaseId == m_items[m_current].target.databaseId)
        m_refresher->cancel();
    emit finished();
}

int BulkActionRunner::count(Outcome outcome) const
{
    return int(std::count_if(m_items.cbegin(), m_items.cend(), [outcome](const Item &i) { return i.outcome == outcome; }));
}

} // namespace fmc
