#include "app/watch/backgroundwatch.h"

#include "models/displaytext.h"

#include <QCoreApplication>
#include <QSettings>

namespace fmc {
namespace {

const QString kGroup = QStringLiteral("backgroundWatch/databases");
constexpr int kNamesInMessage = 3;   //!< tables named before "and N more"
constexpr int kMaxWatched = 200;     //!< a settings file edited by hand cannot make us poll thousands

QString trn(const char *text, qsizetype n)
{
    return QCoreApplication::translate("fmc::BackgroundWatch", text, nullptr, int(n));
}

QString tableName(const MonitorEvent &e)
{
    return displayText(e.schema.isEmpty() ? e.table : e.schema + QLatin1Char('.') + e.table, 80);
}

QString nameList(const QStringList &names)
{
    QStringList shown = names.mid(0, kNamesInMessage);
    QString text = shown.join(QLatin1String(", "));
    if (names.size() > kNamesInMessage)
        text += trn(" and %n more", names.size() - kNamesInMessage);
    return text;
}

} // namespace

BackgroundWatch::BackgroundWatch(FabricClient *client, QSettings *settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_monitor(new StatusMonitor(client, this))
{
    qRegisterMetaType<WatchNotification>();
    connect(m_monitor, &StatusMonitor::transitions, this, &BackgroundWatch::onTransitions);
    load();
}

BackgroundWatch::~BackgroundWatch() = default;

bool BackgroundWatch::isWatched(const QString &databaseId) const
{
    return std::any_of(m_databases.cbegin(), m_databases.cend(),
                       [&](const WatchedDatabase &d) { return d.databaseId == databaseId; });
}

void BackgroundWatch::setWatched(const WatchedDatabase &database, bool watched)
{
    if (watched == isWatched(database.databaseId))
        return;
    if (watched) {
        if (m_databases.size() >= kMaxWatched)
            return;
        m_databases.append(database);
        if (m_running)
            m_monitor->watch(database);
    } else {
        m_databases.erase(std::remove_if(m_databases.begin(), m_databases.end(),
                                         [&](const WatchedDatabase &d) { return d.databaseId == database.databaseId; }),
                          m_databases.end());
        m_monitor->unwatch(database.databaseId);
    }
    save();
    Q_EMIT databasesChanged();
}

void BackgroundWatch::setInterval(std::chrono::milliseconds interval)
{
    m_monitor->setInterval(interval);
}

void BackgroundWatch::start()
{
    if (m_running)
        return;
    m_running = true;
    for (const WatchedDatabase &d : std::as_const(m_databases))
        m_monitor->watch(d);
    m_monitor->start();
}

void BackgroundWatch::stop()
{
    m_running = false;
    m_monitor->pause();
    m_monitor->unwatchAll();
}

std::optional<WatchNotification> BackgroundWatch::notificationFor(const QList<MonitorEvent> &events,
                                                                  const QString &databaseName)
{
    QStringList failed, stale, recovered;
    bool stopped = false, started = false, errorRaised = false, errorCleared = false;
    QString databaseId, errorText;
    for (const MonitorEvent &e : events) {
        databaseId = e.databaseId;
        switch (e.kind) {
        case MonitorEvent::Kind::TableFailed:
            failed << tableName(e);
            break;
        case MonitorEvent::Kind::TableRecovered:
            recovered << tableName(e);
            break;
        case MonitorEvent::Kind::MirroringStopped:
            stopped = true;
            break;
        case MonitorEvent::Kind::MirroringStarted:
            started = true;
            break;
        case MonitorEvent::Kind::DatabaseError:
            errorRaised = true;
            errorText = displayText(e.errorCode.isEmpty() ? e.message : e.errorCode, 120);
            break;
        case MonitorEvent::Kind::DatabaseErrorCleared:
            errorCleared = true;
            break;
        case MonitorEvent::Kind::TableStale:
            // Replicating no more without failing (an error, or stopped alone): as much a reason
            // to look as a failure, for someone away from the console.
            stale << tableName(e);
            break;
        case MonitorEvent::Kind::StatusChanged:
            break;
        }
    }
    const QString name = displayText(databaseName, 80);
    QStringList lines;
    WatchNotification n;
    n.databaseId = databaseId;
    if (!failed.isEmpty() || !stale.isEmpty() || stopped || errorRaised) {
        n.kind = WatchNotification::Kind::Failure;
        n.title = tr("%1 needs attention").arg(name);
        if (stopped)
            lines << tr("Mirroring stopped.");
        if (errorRaised)
            lines << tr("Database error: %1").arg(errorText);
        if (!failed.isEmpty())
            lines << trn("%n table(s) failed: %1", failed.size()).arg(nameList(failed));
        if (!stale.isEmpty())
            lines << trn("%n table(s) stopped replicating: %1", stale.size()).arg(nameList(stale));
        if (!recovered.isEmpty())
            lines << trn("%n table(s) recovered: %1", recovered.size()).arg(nameList(recovered));
    } else if (!recovered.isEmpty() || started || errorCleared) {
        n.kind = WatchNotification::Kind::Recovery;
        n.title = tr("%1 recovered").arg(name);
        if (started)
            lines << tr("Mirroring is running.");
        if (errorCleared)
            lines << tr("The database error cleared.");
        if (!recovered.isEmpty())
            lines << trn("%n table(s) recovered: %1", recovered.size()).arg(nameList(recovered));
    } else {
        return std::nullopt;
    }
    n.body = lines.join(QLatin1Char('\n'));
    return n;
}

void BackgroundWatch::onTransitions(const QList<MonitorEvent> &events)
{
    if (events.isEmpty())
        return;
    const QString id = events.first().databaseId;
    QString name = id;
    for (const WatchedDatabase &d : std::as_const(m_databases))
        if (d.databaseId == id)
            name = d.displayName.isEmpty() ? id : d.displayName;
    if (const auto n = notificationFor(events, name))
        Q_EMIT notify(*n);
}

void BackgroundWatch::load()
{
    m_databases.clear();
    const int count = m_settings->beginReadArray(kGroup);
    for (int i = 0; i < std::min(count, kMaxWatched); ++i) {
        m_settings->setArrayIndex(i);
        WatchedDatabase d;
        d.workspaceId = m_settings->value(QStringLiteral("workspaceId")).toString();
        d.databaseId = m_settings->value(QStringLiteral("databaseId")).toString();
        d.displayName = m_settings->value(QStringLiteral("name")).toString().left(256);
        // The ids go into URL paths later (checked there too); a damaged entry is dropped here.
        if (!d.workspaceId.isEmpty() && !d.databaseId.isEmpty() && !isWatched(d.databaseId))
            m_databases.append(d);
    }
    m_settings->endArray();
}

void BackgroundWatch::save() const
{
    m_settings->remove(kGroup);
    m_settings->beginWriteArray(kGroup, int(m_databases.size()));
    for (int i = 0; i < m_databases.size(); ++i) {
        m_settings->setArrayIndex(i);
        m_settings->setValue(QStringLiteral("workspaceId"), m_databases[i].workspaceId);
        m_settings->setValue(QStringLiteral("databaseId"), m_databases[i].databaseId);
        m_settings->setValue(QStringLiteral("name"), m_databases[i].displayName);
    }
    m_settings->endArray();
}

} // namespace fmc
