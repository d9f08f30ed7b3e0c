#include "mirroreddatabaseadmin.h"

#include "app/api/fabricclient.h"
#include "app/api/requests/deletemirroreddatabaserequest.h"
#include "app/api/requests/startmirroringrequest.h"
#include "app/api/requests/stopmirroringrequest.h"
#include "app/api/requests/updatemirroreddatabaserequest.h"

namespace fmc {

namespace {

QString statusWord(const std::optional<MirroringStatusResponse> &status)
{
    return status ? status->status.text : QString();
}

} // namespace

MirroredDatabaseAdmin::MirroredDatabaseAdmin(FabricClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
}

MirroredDatabaseAdmin::~MirroredDatabaseAdmin()
{
    // A call still running must not call back into a destroyed admin: its callback is bound to
    // this object (dropped with it), and the request itself is told to stop.
    if (m_request)
        m_request->abandon();
}

MirroredDatabaseAdmin::Permission MirroredDatabaseAdmin::canStart(const std::optional<MirroringStatusResponse> &status)
{
    if (!status)
        return {false, tr("The mirroring status is not known yet.")};
    switch (status->status.value) {
    case MirroringStatus::Initialized:
    case MirroringStatus::Stopped:
        return {true, {}};
    case MirroringStatus::Initializing:
        return {false, tr("Mirroring can't be started while the SQL endpoint is provisioning (Initializing).")};
    case MirroringStatus::Starting:
    case MirroringStatus::Running:
        return {false, tr("Mirroring is already %1.").arg(statusWord(status))};
    case MirroringStatus::Stopping:
        return {false, tr("Mirroring is stopping; start it again once it is Stopped.")};
    case MirroringStatus::Paused:
        return {false, tr("Mirroring is Paused after a capacity pause: select Resume replication on the mirrored "
                          "database in the Fabric portal, or Stop it, then Start it here (a full reseed).")};
    case MirroringStatus::Unknown:
        break;
    }
    return {false, tr("The service reports the status \"%1\", which this console does not know.").arg(statusWord(status))};
}

MirroredDatabaseAdmin::Permission MirroredDatabaseAdmin::canChangeIn(WorkspaceRole role, const QString &workspaceName)
{
    if (role != WorkspaceRole::Viewer)
        return {true, {}};
    return {false, tr("your role in %1 is %2").arg(workspaceName, workspaceRoleName(role))};
}

MirroredDatabaseAdmin::Permission MirroredDatabaseAdmin::canHardDeleteIn(WorkspaceRole role,
                                                                        const QString &workspaceName)
{
    if (role == WorkspaceRole::Admin || role == WorkspaceRole::Unknown)
        return {true, {}};
    return {false, tr("a hard delete needs the Admin role; your role in %1 is %2").arg(workspaceName, workspaceRoleName(role))};
}

MirroredDatabaseAdmin::Permission MirroredDatabaseAdmin::canStop(const std::optional<MirroringStatusResponse> &status)
{
    if (!status)
        return {false, tr("The mirroring status is not known yet.")};
    // Paused too: stop then start is the way out of Paused the API offers (no resume call).
    if (status->status.value == MirroringStatus::Running || status->status.value == MirroringStatus::Paused)
        return {true, {}};
    if (status->status.value == MirroringStatus::Unknown)
        return {false, tr("The service reports the status \"%1\", which this console does not know.").arg(statusWord(status))};
    return {false, tr("Only running mirroring can be stopped; the status is %1.").arg(statusWord(status))};
}

bool MirroredDatabaseAdmin::startReseeds(const std::optional<MirroringStatusResponse> &status)
{
    return status && status->status.value == MirroringStatus::Stopped;
}

QString MirroredDatabaseAdmin::describe(const ApiError &error)
{
    // A 409 is mostly "the item changed", but a taken name is the user's to fix: say so
    // (errorCode from docs/fabric-api-notes.md; the spec lists it for create, the service also
    // answers it to a PATCH with a name in use).
    QStringList lines{error.errorCode() == QLatin1String("ItemDisplayNameAlreadyInUse") ? tr(
                          "That name is taken: another item in this workspace already uses it. Choose another name.")
                                                                                        : error.userMessage()};
    if (!error.errorCode().isEmpty())
        lines << tr("Error code: %1").arg(error.errorCode());
    if (error.httpStatus())
        lines << tr("HTTP status: %1").arg(error.httpStatus());
    if (!error.requestId().isEmpty())
        lines << tr("Request id: %1").arg(error.requestId());
    else if (!error.clientRequestId().isEmpty())
        lines << tr("Client request id: %1").arg(error.clientRequestId());
    if (error.errorResponse()) {
        for (const ErrorResponse &detail : error.errorResponse()->moreDetails)
            lines << tr("More details: %1: %2").arg(detail.errorCode, detail.message);
    }
    return lines.join(QLatin1Char('\n'));
}

QString MirroredDatabaseAdmin::describe(const ErrorResponse &error)
{
    QStringList lines{error.message};
    if (!error.errorCode.isEmpty())
        lines << tr("Error code: %1").arg(error.errorCode);
    if (!error.requestId.isEmpty())
        lines << tr("Request id: %1").arg(error.requestId);
    for (const ErrorResponse &detail : error.moreDetails)
        lines << tr("More details: %1: %2").arg(detail.errorCode, detail.message);
    return lines.join(QLatin1Char('\n'));
}

template <typename R, typename OnSuccess>
void MirroredDatabaseAdmin::run(Action action, const QString &workspaceId, const QString &databaseId, R *request,
                                const QString &text, OnSuccess onSuccess)
{
    if (m_running) {
        // The window disables every action while one runs; a second call is a programming error
        // that must still answer, never be silently dropped.
        delete request;
        ApiError busy(ApiError::Kind::Conflict, tr("Another action is still running."));
        QMetaObject::invokeMethod(this, [this, action, workspaceId, databaseId, busy] {
            emit finished(action, workspaceId, databaseId, busy);
        }, Qt::QueuedConnection);
        return;
    }
    m_running = true;
    m_busyText = text;
    m_request = request;
    emit busyChanged(true, text);
    m_client->send(request, this, [this, action, workspaceId, databaseId, onSuccess](const auto &result) {
        end();
        if (result.ok())
            onSuccess(result.value);
        emit finished(action, workspaceId, databaseId, result.error);
    });
}

void MirroredDatabaseAdmin::end()
{
    m_running = false;
    m_request = nullptr;
    m_busyText.clear();
    emit busyChanged(false, {});
}

void MirroredDatabaseAdmin::start(const QString &workspaceId, const QString &databaseId)
{
    run(Action::Start, workspaceId, databaseId, new StartMirroringRequest(workspaceId, databaseId),
        tr("Starting mirroring…"), [](const NoContent &) {});
}

void MirroredDatabaseAdmin::stop(const QString &workspaceId, const QString &databaseId)
{
    run(Action::Stop, workspaceId, databaseId, new StopMirroringRequest(workspaceId, databaseId),
        tr("Stopping mirroring…"), [](const NoContent &) {});
}

void MirroredDatabaseAdmin::rename(const QString &workspaceId, const QString &databaseId,
                                   const QString &displayName, const QString &description)
{
    run(Action::Rename, workspaceId, databaseId,
        new UpdateMirroredDatabaseRequest(workspaceId, databaseId, displayName, description),
        tr("Saving the name and description…"), [this](const MirroredDatabase &database) {
            emit renamed(database);
        });
}

void MirroredDatabaseAdmin::remove(const QString &workspaceId, const QString &databaseId, bool hardDelete)
{
    run(Action::Delete, workspaceId, databaseId, new DeleteMirroredDatabaseRequest(workspaceId, databaseId, hardDelete),
        hardDelete ? tr("Deleting permanently…") : tr("Deleting…"), [](const NoContent &) {});
}

void MirroredDatabaseAdmin::cancel()
{
    if (m_request)
        m_request->cancel();
}

} // namespace fmc
