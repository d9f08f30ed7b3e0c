#pragma once

#include "models/json.h"
#include "sandbox/apiresponse.h"
#include "sandbox/mirroritemstore.h"
#include "sandbox/sandboxclock.h"
#include "sandbox/sandboxoptions.h"

#include <QHash>
#include <QList>
#include <QRandomGenerator>
#include <QString>
#include <QStringList>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace fmc::sandbox {

//! \brief The emulated tenant: capacities, workspaces, connections, items, mirrored databases
//! and long-running operations, plus the mirroring simulation.
//! Everything time-dependent is a pure function of the sandbox clock and the seed, computed when
//! asked, so --speed and clock advances move it and the same seed gives the same tenant.
class FabricState
{
public:
    //! `--scale`: every this many generated mirrors, the workspace also holds a mirror of another
    //! type (a mirrored catalog, an Azure Databricks catalog or a SQL database, in turn).
    static constexpr int kScaleOtherMirrorEvery = 10;

    struct Capacity {
        QString id, displayName, sku, region;
        bool active = true;
    };
    struct Workspace {
        QString id, displayName, description, type, capacityId;
        QString role; //!< the caller's role: Admin, Member, Contributor or Viewer
    };
    struct Connection {
        QString id, displayName, connectivityType, type, path, credentialType;
        //! What testConnection reports: Online, or Offline with this error.
        bool online = true;
        QString offlineErrorCode, offlineMessage;
    };
    //! An item that is not a mirrored database (Lakehouse, SQLEndpoint, ...).
    struct Item {
        QString id, workspaceId, type, displayName, description;
    };
    //! One table the simulation replicates; its behaviour is drawn from the seed.
    struct SimTable {
        QString schema, table;
        bool missing = false;        //!< mounted but not in the source catalogue
        qint64 initialRows = 0;
        int rowsPerSecond = 0;
        int bytesPerRow = 0;
        int initMs = 0;
        int snapshotMs = 0;
        qint64 failAfterMs = -1;     //!< after the snapshot; negative: never fails
        qint64 addedMs = -1;         //!< when an updateDefinition added it to a running mirror
        qint64 reseedEveryMs = -1;   //!< negative: never reseeds on its own
    };
    struct Mirror {
        QString id, workspaceId, displayName, description, folderId, sqlEndpointId;
        QByteArray mirroringJson;    //!< the decoded mirroring.json part, as last given
        QByteArray platformJson;     //!< the decoded .platform part, empty if never given
        QString status = QStringLiteral("Initializing");
        qint64 statusSinceMs = 0;    //!< UTC ms since epoch (sandbox clock)
        qint64 createdMs = 0;
        qint64 runningSinceMs = -1;
        int catalogueSize = 20;      //!< tables in the simulated source database
        std::vector<SimTable> tables; //!< derived from the definition; rebuilt on demand
        bool tablesValid = false;
        QString sourceType;          //!< cached with the tables (per-table work must not re-parse)
        //! "schema.table" (lower case) → when updateDefinition added it while running: a table
        //! added again (the ladder's re-sync) starts over from Initialized, as in the service.
        QHash<QString, qint64> tableAddedMs;
        //! The SQL analytics endpoint's last successful metadata sync per table ("schema.table"),
        //! UTC ms; a table without one shows the automatic sync's lagging time
        //! (FabricState::endpointSyncMs()).
        std::map<QString, qint64> endpointSyncMs;
        //! "schema.table" (lower case) → when its source stopped changing (sandbox UTC ms): an
        //! idle table (setSourceQuiet()).
        QHash<QString, qint64> quietSinceMs;
    };
    //! What one SQL endpoint metadata refresh is asked to do.
    struct EndpointRefresh {
        bool recreateTables = false;
        qint64 timeoutMs = 15 * 60'000;   //!< the body's timeout; the spec's default is 15 minutes
        QStringList failTables;           //!< "schema.table" or bare names that end in Failure
        QString errorCode, errorMessage;  //!< their error; empty: the spec example's
    };
    struct Operation {
        QString id, kind;
        qint64 createdMs = 0;
        int durationMs = 0;
        bool fails = false;
        std::optional<Json> result;  //!< nullopt: the operation has no result
        QString endStatus = QStringLiteral("Succeeded"); //!< the terminal status (Failed, Undefined, ...)
        QString errorCode;           //!< the error an ending other than Succeeded reports
        QString errorRequestId;      //!< ... and its requestId
        bool succeeds() const { return endStatus == QLatin1String("Succeeded"); }
        //! Whether it has ended at \a nowMs (a negative duration never ends).
        bool ended(qint64 nowMs) const { return durationMs >= 0 && nowMs - createdMs >= durationMs; }
    };

    FabricState(SandboxClock *clock, const SandboxOptions &options);

    //! Called after every change that should reach the state file.
    void setChangedCallback(std::function<void()> callback) { m_changed = std::move(callback); }

    //! Drops everything and builds the demo tenant (and --scale workspaces) again from the seed.
    void reset();
    Json toJson() const;
    bool loadJson(const Json &json, QString *error = nullptr);

    qint64 nowMs() const;
    //! \name Clock
    //! Paused, nothing time-dependent moves (replication, state transitions, operations, token
    //! expiry) except by SandboxClock::advance(); resumed, it continues from where it stood.
    //! @{
    void pauseClock() { m_clock->pause(); }
    void resumeClock() { m_clock->resume(); }
    bool isClockPaused() const { return m_clock->isPaused(); }
    //! @}
    QString newId();
    quint32 seed() const { return m_options.seed; }
    const SandboxOptions &options() const { return m_options; }
    void setLroMode(LroMode mode) { m_options.lroMode = mode; }
    //! For operations started from now on; see SandboxOptions::lroRetryAfterSeconds and lroDurationMs.
    void setLroTiming(int retryAfterSeconds, int durationMs)
    {
        m_options.lroRetryAfterSeconds = retryAfterSeconds;
        m_options.lroDurationMs = durationMs;
    }
    void setLroEndStatus(const QString &status) { m_options.lroEndStatus = status; }
    void setCatalogSearchRefusal(int status) { m_options.catalogSearchRefusal = status; }
    //! Whether the next long-running call answers 202 (draws from the seeded generator).
    bool nextCallIsLongRunning();

    const QList<Capacity> &capacities() const { return m_capacities; }
    const QList<Workspace> &workspaces() const { return m_workspaces; }
    const QList<Connection> &connections() const { return m_connections; }
    const Capacity *capacity(const QString &id) const;
    const Workspace *workspace(const QString &id) const;
    const Connection *connection(const QString &id) const;
    bool workspaceActive(const Workspace &workspace) const;

    //! Mirrors and other items of a workspace, in creation order.
    QList<Mirror *> mirrors(const QString &workspaceId);
    Mirror *mirror(const QString &workspaceId, const QString &id);
    QList<Item> otherItems(const QString &workspaceId) const;
    //! MirroredCatalog, MirroredAzureDatabricksCatalog, SQL database and other `Mirrored*` items.
    MirrorItemStore &mirrorItems() { return m_mirrorItems; }
    //! A mirror item changed (MirrorItemsApi): the state file follows.
    void mirrorItemChanged() { changed(); }

    std::optional<ApiRefusal> createMirror(const QString &workspaceId, const QString &displayName,
                                           const QString &description, const QString &folderId,
                                           const QByteArray &mirroringJson,
                                           const QByteArray &platformJson, Mirror **created);
    std::optional<ApiRefusal> renameMirror(Mirror *mirror, const std::optional<QString> &displayName,
                                           const std::optional<QString> &description);
    void deleteMirror(const QString &workspaceId, const QString &id);
    std::optional<ApiRefusal> updateDefinition(Mirror *mirror, const QByteArray &mirroringJson);
    std::optional<ApiRefusal> startMirroring(Mirror *mirror);
    std::optional<ApiRefusal> stopMirroring(Mirror *mirror);
    //! Applies the state transitions that are due by now.
    void settle(Mirror *mirror);

    //! The table statuses (TableMirroringStatusResponse objects) of a mirror, as of now.
    Json tableStatus(Mirror *mirror, const SimTable &table);
    const std::vector<SimTable> &tables(Mirror *mirror);

    //! The item JSON (MirroredDatabase) of \a mirror; \a withProperties adds `properties`.
    Json mirrorJson(Mirror *mirror, bool withProperties);
    //! The definition parts of \a mirror (mirroring.json and .platform).
    Json definitionJson(const Mirror &mirror) const;

    //! The mirror whose SQL analytics endpoint is \a endpointId in \a workspaceId, if provisioned.
    Mirror *mirrorBySqlEndpoint(const QString &workspaceId, const QString &endpointId);
    //! The tables the endpoint of \a mirror has (those that reached OneLake at least once).
    qsizetype endpointTableCount(Mirror *mirror);
    //! \brief Syncs the endpoint's metadata of every table of \a mirror with OneLake as of now and
    //! returns the `TableSyncStatuses` body: Success brings the table's endpoint sync level with
    //! replication; a named table fails; a table with no data yet, or past the timeout, is NotRun.
    Json refreshSqlEndpoint(Mirror *mirror, const EndpointRefresh &refresh);

    Operation *startOperation(const QString &kind, std::optional<Json> result, bool fails);
    Operation *operation(const QString &id);

    bool pauseCapacity(const QString &id);
    //! Takes a connection offline (testConnection then reports \a errorCode and \a message) or
    //! back online; false if there is no such connection.
    bool setConnectionOnline(const QString &id, bool online, const QString &errorCode = {},
                             const QString &message = {});
    //! \brief The source table \a schema.\a table of the mirrored database \a mirrorId has had no
    //! changes for the last \a quietForMs (\a quiet), or has them again: a quiet table keeps
    //! Replicating without error, caught up, while its last sync and row count stay at the last
    //! batch before it went quiet, as the service shows a table whose source is idle. False if
    //! there is no such database.
    bool setSourceQuiet(const QString &mirrorId, const QString &schema, const QString &table, bool quiet,
                        qint64 quietForMs = 0);
    //! The testConnection result (ConnectionStatusResponse) of \a connection.
    static Json connectionStatusJson(const Connection &connection);
    bool resumeCapacity(const QString &id);

    //! The source connection id named in \a mirror's definition, empty if none.
    static QString sourceConnectionId(const Mirror &mirror);
    //! Checks a mirroring.json document the way the service does (CorruptedPayload otherwise).
    static std::optional<ApiRefusal> validateMirroringJson(const QByteArray &bytes);

private:
    struct DefinitionSummary {
        QString sourceType, connection, database, defaultSchema;
        bool mirrorAll = true;
        QList<std::pair<QString, QString>> mounted;
    };
    static DefinitionSummary summarize(const QByteArray &mirroringJson);
    void buildDemo();
    void buildScale(int workspaces);
    Mirror &addMirror(const QString &workspaceId, const QString &name, const QByteArray &json,
                      int catalogueSize);
    void setRunning(Mirror &mirror, qint64 sinceMs);
    std::vector<SimTable> catalogue(const Mirror &mirror) const;
    SimTable simTable(const Mirror &mirror, const QString &schema, const QString &table) const;
    quint64 hash(const QString &text) const;
    void changed();

    SandboxClock *m_clock;
    SandboxOptions m_options;
    QRandomGenerator m_random;
    QList<Capacity> m_capacities;
    QList<Workspace> m_workspaces;
    QList<Connection> m_connections;
    QList<Item> m_items;
    std::vector<std::unique_ptr<Mirror>> m_mirrors; // pointers stay valid across inserts
    std::map<QString, Operation> m_operations;
    std::function<void()> m_changed;
    MirrorItemStore m_mirrorItems;
};

} // namespace fmc::sandbox
