#include "bulkactionrunner.h"

#include "app/api/fabricclient.h"
#include "models/displaytext.h"

#include <algorithm>

namespace fmc {

BulkActionRunner::BulkActionRunner(FabricClient *client, QObject *parent)
    : QObject(parent)
    , m_admin(new MirroredDatabaseAdmin(client, this))
    , m_timeScale(client->config().timeScale)
{
    m_pace.setSingleShot(true);
    m_pace.setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5 % early: never undercut
    connect(&m_pace, &QTimer::timeout, this, &BulkActionRunner::next);
    connect(m_admin, &MirroredDatabaseAdmin::finished, this, &BulkActionRunner::onFinished);
}

QList<BulkActionRunner::Item> BulkActionRunner::plan(Action action, const QList<Target> &targets)
{
    QList<Item> items;
    items.reserve(targets.size());
    for (const Target &target : targets) {
        Item item{target, Outcome::Pending, {}, {}};
        // The main window's gate for one database: the role first, then the status.
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

QString BulkActionRunner::actionText(Action action)
{
    return action == Action::Start ? tr("Start mirroring") : tr("Stop mirroring");
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
    if (m_action == Action::Start)
        m_admin->start(item.target.workspaceId, item.target.databaseId);
    else
        m_admin->stop(item.target.workspaceId, item.target.databaseId);
}

void BulkActionRunner::onFinished(MirroredDatabaseAdmin::Action, const QString &workspaceId,
                                  const QString &databaseId, const ApiError &error)
{
    if (m_current < 0 || m_current >= m_items.size())
        return;
    Item &item = m_items[m_current];
    if (item.target.workspaceId != workspaceId || item.target.databaseId != databaseId)
        return;
    if (!error.isError()) {
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
    m_pace.stop();
    for (int i = 0; i < m_items.size(); ++i) {
        if (i == m_current && m_items[i].outcome == Outcome::Sending)
            continue; // the admin's cancel reports it
        if (m_items[i].outcome == Outcome::Pending || m_items[i].outcome == Outcome::Waiting) {
            m_items[i].outcome = Outcome::Cancelled;
            m_items[i].reason = tr("Not sent: the batch was cancelled.");
            emit itemChanged(i);
        }
    }
    if (m_admin->isBusy())
        m_admin->cancel(); // finished() follows with Cancelled, after m_running went false
    emit finished();
}

int BulkActionRunner::count(Outcome outcome) const
{
    return int(std::count_if(m_items.cbegin(), m_items.cend(), [outcome](const Item &i) { return i.outcome == outcome; }));
}

} // namespace fmc
