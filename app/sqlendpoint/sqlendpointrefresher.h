#pragma once

#include "models/apierror.h"
#include "models/mirroreddatabase.h"
#include "models/tablesyncstatus.h"
#include "models/workspace.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <chrono>

namespace fmc {

class ApiRequest;
class FabricClient;
class SqlEndpointSyncStore;

//! \brief Runs "Refresh SQL endpoint": one `refreshMetadata` call at a time for a mirrored
//! database's SQL analytics endpoint, with progress and cancel, and keeps each result in a
//! SqlEndpointSyncStore (the dashboard's endpoint column reads it).
//!
//! It says when the action is possible and why not (no endpoint yet, a Viewer role, already
//! running), so every window that offers it gates it the same way.
class SqlEndpointRefresher : public QObject
{
    Q_OBJECT
public:
    //! The database whose endpoint to refresh.
    struct Target {
        QString workspaceId;
        QString databaseId;
        QString databaseName;
        QString sqlEndpointId; //!< `properties.sqlEndpointProperties.id`; empty while provisioning
    };
    struct Permission {
        bool allowed = false;
        QString reason; //!< empty when allowed
    };

    //! \a client may be null until setClient() (a window is built before the client exists).
    SqlEndpointRefresher(FabricClient *client, SqlEndpointSyncStore *store, QObject *parent = nullptr);
    ~SqlEndpointRefresher() override;
    void setClient(FabricClient *client);

    //! The target for \a database (its endpoint id when the service has provisioned one).
    static Target targetOf(const MirroredDatabase &database);
    //! \brief Whether the endpoint of \a target can be refreshed by a caller with \a role in
    //! \a workspaceName: it needs an endpoint id and the Contributor role or higher (the spec's
    //! "Permissions"; Unknown is allowed, the service decides), and nothing else running.
    Permission canRefresh(const Target &target, WorkspaceRole role, const QString &workspaceName) const;
    //! The role part of canRefresh(), for a batch planned before anything runs.
    static Permission roleAllows(WorkspaceRole role, const QString &workspaceName);

    //! \brief Starts the refresh; false (and nothing sent) when one is running or \a target has no
    //! endpoint id. \a recreateTables drops and recreates every table of the endpoint.
    bool refresh(const Target &target, std::chrono::minutes timeout, bool recreateTables);
    //! Ends the call under way (no further request); finished() follows with a Cancelled error.
    void cancel();
    bool isBusy() const { return !m_request.isNull(); }
    Target current() const { return m_current; }
    SqlEndpointSyncStore *store() const { return m_store; }

    //! One line for the status bar: how many tables synced, failed and did not run.
    static QString summary(const TableSyncStatuses &result);

Q_SIGNALS:
    //! Started (\a busy, with a sentence for the status bar) or ended.
    void busyChanged(bool busy, const QString &text);
    //! The long-running operation's percentComplete (0–100), when the service runs one.
    void progress(int percent);
    //! The call ended; on success \a error is None and \a result is also in the store.
    void finished(const fmc::SqlEndpointRefresher::Target &target, const fmc::TableSyncStatuses &result,
                  const fmc::ApiError &error);

private:
    QPointer<FabricClient> m_client;
    SqlEndpointSyncStore *m_store;
    QPointer<ApiRequest> m_request;
    Target m_current;
};

} // namespace fmc

Q_DECLARE_METATYPE(fmc::SqlEndpointRefresher::Target)
