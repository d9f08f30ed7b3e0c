#pragma once

#include "app/admin/mirroreddatabaseadmin.h"
#include "app/mirroritems/mirroritemactions.h"
#include "app/sqlendpoint/sqlendpointrefresher.h"
#include "models/apierror.h"
#include "models/mirroringstatusresponse.h"
#include "models/mirroritemkind.h"
#include "models/workspace.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <chrono>
#include <optional>

namespace fmc {

class FabricClient;
class SqlEndpointSyncStore;

//! \brief Start or stop mirroring, refresh SQL endpoints or catalog metadata on many mirrors of
//! any type, one at a time.
//!
//! plan() gates each database by its own status and the caller's role in its workspace, exactly
//! as the main window gates one (MirroredDatabaseAdmin::canChangeIn(), canStart(), canStop()):
//! what is refused is Skipped with the reason, before anything is sent. run() then sends the
//! rest strictly one after the other through a MirroredDatabaseAdmin, so a 429's Retry-After
//! (waited out by the request, and pausing the whole client) delays every later item too; a
//! Throttled failure (a Retry-After too long to wait silently) makes the runner itself wait that
//! long before the next item. cancel() ends the call in flight and marks the rest Cancelled: none
//! of them is sent. Start and stop are not idempotent, so an item is never re-sent by the runner.
//!
//! Refresh SQL endpoint goes through a SqlEndpointRefresher (the main window's when given, so
//! that a refresh started there and the batch never overlap), gated as it gates one database:
//! a Viewer is skipped; a database whose endpoint id the fleet does not know (catalog search
//! does not return properties) has its item read first, and is skipped when the endpoint is not
//! provisioned yet.
//!
//! The other mirror types go through a MirrorItemActions, gated by type first: Start / Stop for
//! a SQL database (no status call, so never skipped as "already running": sent as asked, and
//! Done says only that Fabric accepted it), Refresh catalog metadata (long-running) for mirrored
//! catalogs and Azure Databricks catalogs, nothing for a read-only type (skipped, saying why).
class BulkActionRunner : public QObject
{
    Q_OBJECT
public:
    enum class Action { Start, Stop, RefreshSqlEndpoint, RefreshCatalogMetadata };
    Q_ENUM(Action)
    enum class Outcome { Pending, Skipped, Sending, Waiting, Done, Failed, Cancelled };
    Q_ENUM(Outcome)

    //! A database the action is asked for, with what gates it.
    struct Target {
        QString workspaceId;
        QString databaseId;
        QString displayName;
        QString workspaceName;
        std::optional<MirroringStatusResponse> status;
        WorkspaceRole role = WorkspaceRole::Unknown;
        QString sqlEndpointId; //!< empty when not known (it is then read before the refresh)
        MirrorItemKind::Kind kind = MirrorItemKind::MirroredDatabase;
        QString type; //!< the item type as the service spells it (for a read-only type's reason)
    };
    struct Item {
        Target target;
        Outcome outcome = Outcome::Pending;
        //! why Skipped, the error of Failed (with errorCode and request id), what Done did, or a
        //! note on a Pending one (a SQL database's start or stop is sent blind)
        QString reason;
        QString requestId; //!< the service's request id of a failure, or our client request id
    };

    explicit BulkActionRunner(FabricClient *client, QObject *parent = nullptr);

    //! \brief Refresh SQL endpoint runs through \a refresher (e.g. the main window's, which
    //! shares its store with the dashboards), each call with \a timeout; by default the runner's
    //! own, with a 15 minute timeout.
    void setSqlEndpointRefresher(SqlEndpointRefresher *refresher, std::chrono::minutes timeout);

    //! \brief What run() would do: every target Pending (will be sent) or Skipped with its reason.
    static QList<Item> plan(Action action, const QList<Target> &targets);
    //! The verb for the confirmation and the results ("Start mirroring").
    static QString actionText(Action action);
    static QString outcomeText(Outcome outcome);

    //! Sends \a action for every Pending item of \a items, in order. Ignored while running.
    void run(Action action, QList<Item> items);
    //! Ends the item in flight (its outcome is then unknown: Failed) and cancels the rest.
    void cancel();
    bool isRunning() const { return m_running; }
    Action action() const { return m_action; }
    const QList<Item> &items() const { return m_items; }
    //! Items Done, Failed, Skipped, Cancelled so far.
    int count(Outcome outcome) const;

Q_SIGNALS:
    void itemChanged(int index);
    //! Every item has its outcome.
    void finished();

private:
    void next();
    void onFinished(MirroredDatabaseAdmin::Action action, const QString &workspaceId, const QString &databaseId,
                    const ApiError &error);
    //! Ends the current item with \a error (none: Done, \a done says what was done).
    void settle(const ApiError &error, const QString &done = {});
    void refreshEndpoint(Item &item);
    void onItemActionFinished(MirrorItemActions::Action action, const MirrorItemActions::Target &target,
                              const ApiError &error);
    //! Gates one target of another mirror type (not a mirrored database) for \a action.
    static void planOtherType(Action action, Item &item);
    void onEndpointRefreshed(const SqlEndpointRefresher::Target &target, const TableSyncStatuses &result,
                             const ApiError &error);

    FabricClient *m_client;
    MirroredDatabaseAdmin *m_admin;
    MirrorItemActions *m_itemActions; // the other mirror types' calls
    SqlEndpointRefresher *m_refresher = nullptr;
    std::chrono::minutes m_refreshTimeout{15};
    bool m_waitingForRefresher = false; // another refresh (the main window's) runs: the batch waits
    QPointer<ApiRequest> m_lookup; // the item read of a database whose endpoint id is not known
    double m_timeScale = 1.0;
    QTimer m_pace; // waits out a Throttled item's Retry-After before the next one
    QList<Item> m_items;
    Action m_action = Action::Start;
    int m_current = -1;
    bool m_running = false;
};

} // namespace fmc
