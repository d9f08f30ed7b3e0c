#pragma once

#include "models/apierror.h"
#include "models/mirroreddatabase.h"
#include "models/mirroringstatusresponse.h"
#include "models/workspace.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <optional>

namespace fmc {

class ApiRequest;
class FabricClient;

//! \brief The administration of one mirrored database at a time: start, stop, rename / change
//! the description, delete. One method per action; the result arrives as finished() (and
//! renamed() for a PATCH), never as a widget. Only one action runs at a time: busyChanged()
//! tells the window to show progress with a Cancel button, cancel() ends the call under way.
//!
//! It also says which action the service allows in which status, with the reason when it does
//! not, so the window can disable an action and explain why in its tooltip
//! (docs/fabric-api-notes.md#status-gating).
class MirroredDatabaseAdmin : public QObject
{
    Q_OBJECT
public:
    enum class Action { Start, Stop, Rename, Delete };
    Q_ENUM(Action)

    //! Whether an action is allowed, and why not.
    struct Permission {
        bool allowed = false;
        QString reason; //!< empty when allowed
    };

    explicit MirroredDatabaseAdmin(FabricClient *client, QObject *parent = nullptr);
    ~MirroredDatabaseAdmin() override;

    //! \brief Start is allowed from Initialized and Stopped only (never while Initializing; Paused
    //! needs "Resume replication", undocumented in the API: docs/fabric-api-notes.md#status-gating).
    static Permission canStart(const std::optional<MirroringStatusResponse> &status);
    //! \brief Whether the caller's \a role in the workspace \a workspaceName allows changing its
    //! mirrored databases. Create needs the Contributor role; rename, delete, get and update the
    //! definition, start and stop need read and write permission on the item, which a Viewer does
    //! not have (mirroredDatabase swagger, "Permissions"). Unknown allows it: the service decides.
    static Permission canChangeIn(WorkspaceRole role, const QString &workspaceName);
    //! \brief Whether \a role allows a hard (permanent) delete in \a workspaceName: only Admin
    //! (platform swagger, Delete Item, "Permissions"). Unknown allows it: the service decides.
    static Permission canHardDeleteIn(WorkspaceRole role, const QString &workspaceName);
    //! Stop is allowed from Running, as Microsoft's fab CLI gates it (same section), and from
    //! Paused: stopping then starting is the one way out of Paused the API has (it reseeds).
    static Permission canStop(const std::optional<MirroringStatusResponse> &status);
    //! Starting a Stopped database reseeds every table, so the user must be warned
    //! (docs/fabric-api-notes.md#start-after-stop-reseeds).
    static bool startReseeds(const std::optional<MirroringStatusResponse> &status);
    //! \a text for one error: the readable sentence, then errorCode, requestId and moreDetails.
    static QString describe(const ApiError &error);
    //! The same for an ErrorResponse carried by a status (database or table error).
    static QString describe(const ErrorResponse &error);

    //! `startMirroring`. The service refuses it outside Initialized/Stopped; the refusal arrives
    //! as finished() with its error (the window calls it only when canStart(), unless forced).
    void start(const QString &workspaceId, const QString &databaseId);
    void stop(const QString &workspaceId, const QString &databaseId);
    //! PATCH with the new \a displayName and \a description (both sent: the dialog shows both).
    void rename(const QString &workspaceId, const QString &databaseId, const QString &displayName,
                const QString &description);
    //! DELETE; \a hardDelete deletes permanently (`?hardDelete=true`), otherwise soft-deletes.
    void remove(const QString &workspaceId, const QString &databaseId, bool hardDelete);

    //! Ends the action under way; finished() follows with a Cancelled error.
    void cancel();
    bool isBusy() const { return m_running; }
    //! What is running, for the status bar ("Starting mirroring of SalesMirror…").
    QString busyText() const { return m_busyText; }

Q_SIGNALS:
    //! An action started (\a busy true, with a sentence) or ended (\a busy false).
    void busyChanged(bool busy, const QString &text);
    //! \a action on \a databaseId ended; \a error is None on success.
    void finished(fmc::MirroredDatabaseAdmin::Action action, const QString &workspaceId,
                  const QString &databaseId, const fmc::ApiError &error);
    //! The PATCH answered with the updated item.
    void renamed(const fmc::MirroredDatabase &database);

private:
    template <typename R, typename OnSuccess>
    void run(Action action, const QString &workspaceId, const QString &databaseId, R *request,
             const QString &text, OnSuccess onSuccess);
    void end();

    FabricClient *m_client;
    QPointer<ApiRequest> m_request;
    bool m_running = false;
    QString m_busyText;
};

} // namespace fmc
