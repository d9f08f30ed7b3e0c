#include "mirroringrestart.h"

#include "app/admin/mirroreddatabaseadmin.h"
#include "app/api/fabricclient.h"
#include "app/api/requests/getmirroreddatabasedefinitionrequest.h"
#include "app/api/requests/getmirroringstatusrequest.h"
#include "app/api/requests/startmirroringrequest.h"
#include "app/api/requests/stopmirroringrequest.h"

#include <QDateTime>

namespace fmc {

MirroringRestart::MirroringRestart(FabricClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    m_pollTimer.setSingleShot(true);
    connect(&m_pollTimer, &QTimer::timeout, this, &MirroringRestart::pollStatus);
}

MirroringRestart::~MirroringRestart()
{
    if (m_request)
        m_request->abandon();
    if (m_sourceTypeRequest)
        m_sourceTypeRequest->abandon();
}

void MirroringRestart::readSourceType(const QString &workspaceId, const QString &databaseId)
{
    if (!m_client || m_sourceTypeRequest)
        return;
    m_sourceTypeRequest = m_client->send(new GetMirroredDatabaseDefinitionRequest(workspaceId, databaseId), this,
                                         [this, databaseId](const ApiResult<ItemDefinition> &result) {
        m_sourceTypeRequest.clear();
        const auto mirroring = result.ok() ? result.value.mirroringDefinition() : std::nullopt;
        emit sourceTypeRead(databaseId, mirroring ? mirroring->sourceType() : QString());
    });
}

double MirroringRestart::timeScale() const
{
    return m_client ? m_client->config().timeScale : 1.0;
}

void MirroringRestart::setStep(Step step, const QString &text)
{
    m_step = step;
    emit stepChanged(step, text);
}

void MirroringRestart::restart(const QString &workspaceId, const QString &databaseId)
{
    if (isBusy() || !m_client)
        return;
    m_workspaceId = workspaceId;
    m_databaseId = databaseId;
    setStep(Step::Stopping, tr("Stopping mirroring…"));
    m_request = m_client->send(new StopMirroringRequest(workspaceId, databaseId), this, [this](const ApiResult<NoContent> &result) {
        if (!result.ok()) {
            finish(result.error.kind() == ApiError::Kind::Cancelled ? Outcome::Cancelled : Outcome::Failed,
                   tr("Stopping failed; mirroring may or may not have stopped: check its status.\n%1")
                       .arg(MirroredDatabaseAdmin::describe(result.error)));
            return;
        }
        setStep(Step::WaitingForStopped, tr("Waiting until mirroring reports Stopped…"));
        m_deadlineMs = QDateTime::currentMSecsSinceEpoch() + qint64(double(m_stopTimeout.count()) * timeScale());
        pollStatus();
    });
}

void MirroringRestart::pollStatus()
{
    if (!m_client)
        return finish(Outcome::Failed, tr("Not connected to Fabric."));
    m_request = m_client->send(new GetMirroringStatusRequest(m_workspaceId, m_databaseId), this,
                               [this](const ApiResult<MirroringStatusResponse> &result) {
        if (!result.ok()) {
            finish(result.error.kind() == ApiError::Kind::Cancelled ? Outcome::Cancelled : Outcome::Failed,
                   tr("Mirroring was asked to stop, but its status could not be read; it may be left stopped: "
                      "start it from the main window.\n%1")
                       .arg(MirroredDatabaseAdmin::describe(result.error)));
            return;
        }
        if (result.value.status.value == MirroringStatus::Stopped) {
            start();
            return;
        }
        if (QDateTime::currentMSecsSinceEpoch() >= m_deadlineMs) {
            finish(Outcome::Failed, tr("Mirroring did not report Stopped in time (it says %1); start it from the "
                                       "main window once it has stopped.")
                                        .arg(result.value.status.text));
            return;
        }
        m_pollTimer.start(std::max<qint64>(1, qint64(double(m_pollInterval.count()) * timeScale())));
    });
}

void MirroringRestart::start()
{
    setStep(Step::Starting, tr("Starting mirroring…"));
    m_request = m_client->send(new StartMirroringRequest(m_workspaceId, m_databaseId), this, [this](const ApiResult<NoContent> &result) {
        if (!result.ok()) {
            finish(result.error.kind() == ApiError::Kind::Cancelled ? Outcome::Cancelled : Outcome::Failed,
                   tr("Mirroring stopped but did not start again: start it from the main window.\n%1")
                       .arg(MirroredDatabaseAdmin::describe(result.error)));
            return;
        }
        finish(Outcome::Succeeded, tr("Mirroring was stopped and started: every table is copied again from a new snapshot."));
    });
}

void MirroringRestart::cancel()
{
    if (!isBusy())
        return;
    if (m_pollTimer.isActive()) {
        m_pollTimer.stop();
        finish(Outcome::Cancelled, tr("Cancelled while waiting: mirroring may be left stopped; start it from the main window."));
        return;
    }
    if (m_request)
        m_request->cancel();
}

void MirroringRestart::finish(Outcome outcome, const QString &message)
{
    m_pollTimer.stop();
    m_request.clear();
    m_step = Step::Idle;
    emit finished(outcome, message);
}

} // namespace fmc
