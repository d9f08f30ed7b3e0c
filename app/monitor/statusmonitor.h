#pragma once

#include "app/api/apiresult.h"
#include "app/monitor/monitorevent.h"
#include "app/monitor/tablehistory.h"
#include "models/mirroringhealth.h"
#include "models/mirroringstatusresponse.h"
#include "models/tablestatusmodel.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMap>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <memory>
#include <optional>
#include <random>

namespace fmc {

class FabricClient;

//! One mirrored database the monitor watches.
struct WatchedDatabase {
    QString workspaceId;
    QString databaseId;
    QString displayName;
};

//! What the monitor knows of one watched database after its last refresh.
struct DatabaseSnapshot {
    WatchedDatabase database;
    std::optional<MirroringStatusResponse> status; //!< absent until the first answer
    MirroringHealth health;                        //!< the portal's words, derived
    QMap<QString, int> tablesByStatus;             //!< status text → count (unknown texts kept)
    qint64 totalRows = 0;
    qint64 totalBytes = 0;
    std::optional<int> worstLatencySeconds;
    QDateTime oldestLastSyncUtc;
    QDateTime lastRefreshUtc;                      //!< when the last successful refresh ended
    ApiError lastError;                            //!< the last refresh's failure, None after success
    bool refreshing = false;
};

//! \brief Watches a set of mirrored databases: polls `getMirroringStatus` and every page of
//! `getTablesMirroringStatus` at an interval with jitter, a bounded number of databases at a
//! time, as background requests (user actions go first; a 429 pauses the whole client).
//!
//! Each database's tables feed its TableStatusModel page by page by keyed diff, so unchanged
//! tables signal nothing and the first page shows before the last arrives. A bounded history per
//! table (and per database) feeds rates and trend charts. Transitions (a table turned Failed,
//! mirroring stopped, a database error) are emitted as MonitorEvents, one batch per database and
//! refresh. Tables status only has data while Running (docs/fabric-api-notes.md#status-gating): for
//! a database in any other status the last known rows stay, so an operator still sees which table
//! failed before a stop.
class StatusMonitor : public QObject
{
    Q_OBJECT
public:
    explicit StatusMonitor(FabricClient *client, QObject *parent = nullptr);
    ~StatusMonitor() override;

    //! Time between the end of one refresh and the start of the next (default 30 s), ± jitter.
    void setInterval(std::chrono::milliseconds interval);
    std::chrono::milliseconds interval() const { return m_interval; }
    //! Fraction of the interval added or removed at random (default 0.1).
    void setJitter(double fraction);
    void setSeed(quint32 seed);
    //! Databases refreshed at the same time (default 4).
    void setMaxConcurrentDatabases(int count);
    //! Samples kept per table and per database (default 120: an hour at the default interval).
    void setHistoryCapacity(int samples);

    void watch(const WatchedDatabase &database);
    void unwatch(const QString &databaseId);
    void unwatchAll();
    QList<WatchedDatabase> watched() const;
    bool isWatching(const QString &databaseId) const;

    //! The tables of \a databaseId, owned by the monitor; nullptr when not watched.
    TableStatusModel *tableModel(const QString &databaseId) const;
    DatabaseSnapshot snapshot(const QString &databaseId) const;
    const TableHistory *tableHistory(const QString &databaseId, const QString &schema, const QString &table) const;
    //! Totals of the whole database per refresh (rows, bytes, worst latency).
    const TableHistory *databaseHistory(const QString &databaseId) const;

    //! Starts polling (a refresh now, then every interval).
    void start();
    //! Stops scheduling refreshes (a hidden dashboard); a refresh under way completes.
    void pause();
    bool isActive() const { return m_active; }
    //! \brief True while polling is stopped because the user must sign in again (the client's
    //! signInRequired()); it restarts by itself on the client's signInRestored().
    bool isWaitingForSignIn() const { return m_waitingForSignIn; }
    //! Refreshes at once (or right after the refresh under way).
    void refreshNow();
    bool isRefreshing() const { return m_cycleRunning; }
    //! When the next scheduled refresh starts; invalid while paused or refreshing.
    QDateTime nextRefreshUtc() const;
    //! The most databases that were being refreshed at the same time (for tests).
    int maxObservedConcurrency() const { return m_maxObserved; }

Q_SIGNALS:
    void refreshStarted();
    //! A refresh of every watched database ended; \a failedDatabases could not be refreshed.
    void refreshFinished(const QDateTime &finishedUtc, int failedDatabases);
    //! \a databaseId's snapshot changed (status, totals or error).
    void databaseUpdated(const QString &databaseId);
    //! A page of \a rows tables was applied to \a databaseId's model.
    void tablesPageApplied(const QString &databaseId, int rows);
    //! Transitions noticed in one database's refresh.
    void transitions(const QList<fmc::MonitorEvent> &events);
    //! The service throttled us: every request waits \a delayMs.
    void throttled(int delayMs);
    //! isWaitingForSignIn() changed (a dashboard says "Sign in again to resume").
    void waitingForSignInChanged(bool waiting);

private:
    struct Watch;
    Watch *findWatch(const QString &databaseId) const;
    void startCycle();
    void pump();
    void refreshDatabase(Watch *watch);
    void onStatus(const QString &databaseId, quint64 generation, const ApiResult<MirroringStatusResponse> &result);
    void fetchTables(Watch *watch);
    void onTablesPage(const QString &databaseId, quint64 generation, const QList<TableMirroringStatus> &page);
    void onTablesDone(const QString &databaseId, quint64 generation, const ApiError &error);
    void finishDatabase(Watch *watch, bool failed);
    void scheduleNext();
    void emitEvents(Watch *watch);

    FabricClient *m_client;
    std::vector<std::unique_ptr<Watch>> m_watches;
    QList<QString> m_queue;       //!< database ids still to refresh in this cycle
    int m_inFlight = 0;
    int m_maxObserved = 0;
    int m_cycleFailures = 0;
    bool m_cycleRunning = false;
    bool m_refreshAgain = false;
    bool m_active = false;
    bool m_waitingForSignIn = false;
    std::chrono::milliseconds m_interval{30000};
    double m_jitter = 0.1;
    int m_maxConcurrent = 4;
    int m_historyCapacity = 120;
    quint64 m_nextGeneration = 1;
    std::mt19937 m_rng;
    QTimer m_timer;
};

} // namespace fmc
