#pragma once

#include "app/api/apiresult.h"
#include "app/monitor/monitorevent.h"
#include "app/monitor/tablehistory.h"
#include "models/item.h"
#include "models/mirroringhealth.h"
#include "models/mirroringstatusresponse.h"
#include "models/mirroritemkind.h"
#include "models/mirroritemlistmodel.h"
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

//! \brief One mirror item the monitor watches: a mirrored database, or another mirror item type
//! (issue #19 part 3) named by its item type.
struct WatchedDatabase {
    QString workspaceId;
    QString databaseId; //!< the item id
    QString displayName;
    //! The item's type as Fabric spells it (`MirroredCatalog`, `SQLDatabase`, ...); empty: a
    //! mirrored database, as everywhere before other types could be watched.
    QString itemType = {};

    MirrorItemKind::Kind kind() const;
    //! Any mirror item of the generic item list, its type kept as given.
    static WatchedDatabase ofItem(const Item &item);
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
    //! \brief The last successful refresh's number, unique in its monitor; 0 before the first.
    //! Two refreshes can end in the same millisecond, or the clock step back between them: this,
    //! not lastRefreshUtc, tells a new answer from the last one.
    quint64 refreshSerial = 0;
    //! \brief The sample time (TableStatusRow::sampledAtMSecs) of the tables the last successful
    //! refresh read; 0 when it read none (a database not Running keeps its last rows).
    qint64 tablesSampledMs = 0;
    ApiError lastError;                            //!< the last refresh's failure, None after success
    bool refreshing = false;
    //! \brief Another mirror item type: what its type's call said (a mirrored catalog's status and
    //! table counts, a Databricks catalog's syncDetails), or only its item for a type without a
    //! status call. Absent for a mirrored database.
    std::optional<MirrorItemRow> mirrorItem;

    //! Whether there is something to show: a status answer, or a type that has no status call.
    bool hasAnswer() const;
    //! \brief The status word as the service sent it: a database's or catalog's `status`, a
    //! Databricks catalog's `syncDetails.status`; null when there is none (yet, or no status call).
    QString statusText() const;
    //! The item's own error: a database's or catalog's `error`, a Databricks sync's `errorInfo`.
    std::optional<ErrorResponse> itemError() const;
};

//! \brief Watches a set of mirrored databases: polls `getMirroringStatus` and every page of
//! `getTablesMirroringStatus` at an interval with jitter, a bounded number of databases at a
//! time, as background requests (user actions go first; a 429 pauses the whole client).
//!
//! Other mirror item types go through the same cycle with their own calls: a mirrored catalog's
//! `mirroringStatus` and every page of its `tablesMirroringStatus` (tables and table events as for
//! a database, without metrics: the API gives none), an Azure Databricks catalog's item (its
//! `syncDetails` is the health; no tables), and no call at all for a SQL database or another
//! `Mirrored*` type (the API has no status call for them: the snapshot says so).
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
    //! The pages of a refresh: counts, totals, histories and the model (mirrored databases).
    void accountTables(Watch *watch, const QList<TableMirroringStatus> &page, bool withMetrics);
    //! \brief Sends a status call of another mirror item type in the background; a failure ends
    //! the item's refresh, an answer goes to \a onAnswer (unless unwatched or superseded meanwhile).
    template <typename R, typename OnAnswer>
    void sendStatusCall(Watch *watch, R *request, const char *what, OnAnswer onAnswer);
    void refreshCatalog(Watch *watch);
    void onCatalogStatus(Watch *watch, const CatalogMirroringStatus &now);
    void onCatalogTablesPage(const QString &itemId, quint64 generation, const QList<CatalogTableStatus> &page);
    void refreshDatabricks(Watch *watch);
    void onDatabricks(Watch *watch, const MirroredAzureDatabricksCatalog &catalog);
    //! A type without a status call: nothing is sent; the snapshot says so.
    void noteWithoutCall(Watch *watch);
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
    quint64 m_refreshSerial = 0; //!< the last DatabaseSnapshot::refreshSerial given
    std::mt19937 m_rng;
    QTimer m_timer;
};

} // namespace fmc
