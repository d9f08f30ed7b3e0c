#pragma once

#include "app/monitor/monitorevent.h"
#include "app/monitor/statusmonitor.h"

#include <QList>
#include <QObject>

#include <chrono>

class QSettings;

namespace fmc {

class FabricClient;

//! A desktop notification the background watch asks for: one per database and refresh.
struct WatchNotification {
    enum class Kind { Failure, Recovery };
    Kind kind = Kind::Failure;
    QString databaseId;
    QString title; //!< plain text, already cut to a sane length
    QString body;  //!< plain text, already cut
};

//! \brief Keeps watching the mirrors the user chose when no console window is open.
//!
//! Owns its own StatusMonitor (same interval, jitter and throttling as a dashboard, since it
//! goes through the same FabricClient) and turns its transitions into at most one notification
//! per database and refresh: a batch of ten failing tables is one message naming the first few,
//! not ten pop-ups. The chosen mirrors are kept in the settings (`backgroundWatch/databases`),
//! ids only with the name last seen; nothing secret.
class BackgroundWatch : public QObject
{
    Q_OBJECT
public:
    BackgroundWatch(FabricClient *client, QSettings *settings, QObject *parent = nullptr);
    ~BackgroundWatch() override;

    QList<WatchedDatabase> databases() const { return m_databases; }
    bool isWatched(const QString &databaseId) const;
    //! Adds or removes \a database from the watched set (stored at once).
    void setWatched(const WatchedDatabase &database, bool watched);

    //! Polls every \a interval (the console's refresh interval).
    void setInterval(std::chrono::milliseconds interval);
    //! Starts polling the watched set (nothing happens while it is empty).
    void start();
    void stop();
    bool isRunning() const { return m_running; }

    StatusMonitor *monitor() const { return m_monitor; }

    //! The notification \a events of one database make, if any (exposed for tests).
    static std::optional<WatchNotification> notificationFor(const QList<MonitorEvent> &events,
                                                            const QString &databaseName);

Q_SIGNALS:
    void notify(const fmc::WatchNotification &notification);
    void databasesChanged();

private:
    void load();
    void save() const;
    void onTransitions(const QList<MonitorEvent> &events);

    QSettings *m_settings;
    StatusMonitor *m_monitor;
    QList<WatchedDatabase> m_databases;
    bool m_running = false;
};

} // namespace fmc

Q_DECLARE_METATYPE(fmc::WatchNotification)
