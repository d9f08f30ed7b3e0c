#include "app/editor/definitioneditorservice.h"

#include "app/api/fabricclient.h"
#include "app/api/fabricrequests.h"
#include "models/definitioneditorbackend.h"

#include <memory>
#include <optional>

namespace fmc {

namespace {

// What a load gathers before it hands anything to the backend: the form changes once, complete.
struct LoadResult {
    std::optional<MirroredDatabase> item;
    std::optional<ItemDefinition> definition;
    QString status;
    QString statusProblem;
    ApiError error;
    int pending = 3;
};

// What create sends, from the form: the one source of both the request and its preview.
struct CreateInput {
    QString name;
    QString description;
    ItemDefinition definition;
};

CreateInput createInput(const DefinitionEditorBackend &form)
{
    return {form.name().trimmed(), form.description().trimmed(), form.itemDefinition()};
}

} // namespace

DefinitionEditorService::DefinitionEditorService(FabricClient *client, DefinitionEditorBackend *backend, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_backend(backend)
{
}

DefinitionEditorService::~DefinitionEditorService()
{
    // Nobody is left to hear the answers; an operation the service runs goes on without us.
    abandonAll();
    if (m_connections)
        m_connections->abandon();
}

Json DefinitionEditorService::requestBody(const DefinitionEditorBackend &form)
{
    if (form.mode() == DefinitionEditorBackend::Mode::Create) {
        const CreateInput input = createInput(form);
        return CreateMirroredDatabaseRequest::body(input.name, input.definition, input.description);
    }
    return UpdateMirroredDatabaseDefinitionRequest::body(form.itemDefinition());
}

QString DefinitionEditorService::describe(const ApiError &error)
{
    QString text = error.userMessage();
    QStringList ids;
    if (!error.errorCode().isEmpty())
        ids << tr("error code %1").arg(error.errorCode());
    if (!error.requestId().isEmpty())
        ids << tr("request id %1").arg(error.requestId());
    else if (!error.clientRequestId().isEmpty())
        ids << tr("client request id %1").arg(error.clientRequestId());
    if (!error.operationId().isEmpty())
        ids << tr("operation %1").arg(error.operationId());
    if (!ids.isEmpty())
        text += QStringLiteral(" (") + ids.join(QStringLiteral(", ")) + u')';
    return text;
}

void DefinitionEditorService::track(ApiRequest *request)
{
    m_running.removeAll(nullptr);
    m_running.append(request);
}

void DefinitionEditorService::abandonAll()
{
    const auto running = std::exchange(m_running, {});
    for (const QPointer<ApiRequest> &request : running) {
        if (request && !request->isFinished())
            request->abandon();
    }
}

void DefinitionEditorService::loadConnections()
{
    if (!m_client || m_connections)
        return;
    m_connections = m_client->send(new ListConnectionsRequest, this, [this](const ApiResult<QList<Connection>> &result) {
        if (!result.ok()) {
            emit connectionsFailed(tr("Your connections could not be listed; type the connection ID instead. %1")
                                       .arg(describe(result.error)));
            return;
        }
        m_backend->setConnections(result.value);
        emit connectionsLoaded(int(result.value.size()));
    });
}

void DefinitionEditorService::loadWorkspaceName()
{
    if (!m_client || m_backend->workspaceId().isEmpty())
        return;
    m_client->send(new GetWorkspaceRequest(m_backend->workspaceId()), this, [this](const ApiResult<Workspace> &result) {
        if (result.ok())
            m_backend->setWorkspaceName(result.value.displayName);
    });
}

void DefinitionEditorService::load()
{
    if (!m_client || isBusy())
        return;
    const QString workspaceId = m_backend->workspaceId();
    const QString itemId = m_backend->itemId();
    m_task = Task::Loading;
    m_loaded = false;
    emit loadStarted(tr("Loading the definition…"));

    // The item (name), its status (what may change) and its definition go out together; the
    // backend gets all three at once, when the last one is in.
    auto state = std::make_shared<LoadResult>();
    const auto arrived = [this, state] {
        if (--state->pending > 0)
            return;
        m_running.clear();
        if (state->error.isError()) {
            finishLoad(false, tr("The definition could not be loaded. %1").arg(describe(state->error)));
            return;
        }
        m_backend->beginEdit(m_backend->workspaceId(), m_backend->itemId(), state->item->displayName,
                             state->item->description);
        m_backend->setMirroringStatus(state->status);
        if (!m_backend->loadItemDefinition(state->definition->toJson())) {
            finishLoad(false, m_backend->lastError());
            return;
        }
        m_loaded = true;
        finishLoad(true, state->statusProblem.isEmpty()
                             ? tr("Loaded. Mirroring status: %1.").arg(state->status)
                             : state->statusProblem);
    };
    const auto failed = [this, state](const ApiError &error) {
        // The first failure is the one worth reporting; the others stop with it.
        if (!state->error.isError()) {
            state->error = error;
            for (const QPointer<ApiRequest> &request : std::as_const(m_running)) {
                if (request && !request->isFinished())
                    request->abandon();
            }
            state->pending = 1;
        }
    };

    track(m_client->send(new GetMirroredDatabaseRequest(workspaceId, itemId), this,
                         [state, arrived, failed](const ApiResult<MirroredDatabase> &result) {
                             if (result.ok())
                                 state->item = result.value;
                             else
                                 failed(result.error);
                             arrived();
                         }));
    track(m_client->send(new GetMirroringStatusRequest(workspaceId, itemId), this,
                         [state, arrived](const ApiResult<MirroringStatusResponse> &result) {
                             // Without a status the source fields simply stay read-only.
                             if (result.ok())
                                 state->status = result.value.status.text;
                             else
                                 state->statusProblem = tr("Loaded, but the mirroring status is unknown, so the "
                                                           "source stays read-only. %1")
                                                            .arg(describe(result.error));
                             arrived();
                         }));
    auto *definition = new GetMirroredDatabaseDefinitionRequest(workspaceId, itemId);
    connect(definition, &ApiRequest::operationStarted, this,
            [this] { emit loadProgress(-1, tr("Fabric is preparing the definition…")); });
    connect(definition, &ApiRequest::progress, this, [this](int percent) {
        emit loadProgress(percent, tr("Fabric is preparing the definition… %1%").arg(percent));
    });
    track(m_client->send(definition, this, [state, arrived, failed](const ApiResult<ItemDefinition> &result) {
        if (result.ok())
            state->definition = result.value;
        else
            failed(result.error);
        arrived();
    }));
}

void DefinitionEditorService::finishLoad(bool ok, const QString &message)
{
    m_task = Task::None;
    emit loadFinished(ok, message);
}

void DefinitionEditorService::addMirroredTables()
{
    if (!m_client || isBusy())
        return;
    m_task = Task::AddingMirroredTables;
    track(m_client->send(new GetTablesMirroringStatusRequest(m_backend->workspaceId(), m_backend->itemId()), this,
                         [this](const ApiResult<QList<TableMirroringStatus>> &result) {
                             m_running.clear();
                             m_task = Task::None;
                             if (!result.ok()) {
                                 emit mirroredTablesFinished(false, tr("The mirrored tables could not be listed. %1")
                                                                        .arg(describe(result.error)));
                                 return;
                             }
                             if (result.value.isEmpty()) {
                                 // Fabric reports tables only while mirroring runs
                                 // (docs/fabric-api-notes.md#status-gating).
                                 emit mirroredTablesFinished(true, tr("Fabric reports no mirrored tables (it lists "
                                                                      "them only while mirroring is running)."));
                                 return;
                             }
                             emit mirroredTablesFinished(true, m_backend->addMirroredTables(result.value));
                         }));
}

void DefinitionEditorService::apply()
{
    if (!m_client || isBusy() || !m_backend->canApply())
        return;
    if (m_backend->mode() == DefinitionEditorBackend::Mode::Create)
        createDatabase();
    else if (m_backend->mode() == DefinitionEditorBackend::Mode::Edit && m_loaded)
        updateDefinition();
}

void DefinitionEditorService::createDatabase()
{
    const CreateInput input = createInput(*m_backend);
    const QString workspaceId = m_backend->workspaceId();
    const QString name = input.name;
    m_task = Task::Applying;
    emit applyStarted();
    emit applyProgress(-1, tr("Creating %1…").arg(name));
    track(m_client->send(new CreateMirroredDatabaseRequest(workspaceId, input.name, input.definition, input.description), this,
                         [this, workspaceId, name](const ApiResult<MirroredDatabase> &result) {
                             m_running.clear();
                             if (!result.ok()) {
                                 finishApply(false, tr("%1 was not created. %2").arg(name, describe(result.error)));
                                 return;
                             }
                             finishApply(true, tr("Created %1.").arg(name));
                             emit created(workspaceId, result.value.id);
                         }));
}

void DefinitionEditorService::updateDefinition()
{
    const QString workspaceId = m_backend->workspaceId();
    const QString itemId = m_backend->itemId();
    m_task = Task::Applying;
    emit applyStarted();
    emit applyProgress(-1, tr("Sending the definition…"));
    auto *request = new UpdateMirroredDatabaseDefinitionRequest(workspaceId, itemId, m_backend->itemDefinition());
    connect(request, &ApiRequest::operationStarted, this,
            [this] { emit applyProgress(0, tr("Fabric is applying the definition…")); });
    connect(request, &ApiRequest::progress, this, [this](int percent) {
        emit applyProgress(percent, tr("Fabric is applying the definition… %1%").arg(percent));
    });
    track(m_client->send(request, this, [this, workspaceId, itemId](const ApiResult<NoContent> &result) {
        m_running.clear();
        if (!result.ok()) {
            finishApply(false, tr("The definition was not applied. %1").arg(describe(result.error)));
            return;
        }
        finishApply(true, tr("The definition was applied."));
        emit updated(workspaceId, itemId);
    }));
}

void DefinitionEditorService::finishApply(bool ok, const QString &message)
{
    m_task = Task::None;
    emit applyFinished(ok, message);
}

void DefinitionEditorService::cancel()
{
    QString operation;
    for (const QPointer<ApiRequest> &request : std::as_const(m_running)) {
        if (request && !request->operationId().isEmpty())
            operation = request->operationId();
    }
    abandonAll();
    const Task task = std::exchange(m_task, Task::None);
    switch (task) {
    case Task::None:
        return;
    case Task::Loading:
        emit loadFinished(false, tr("Loading was cancelled."));
        return;
    case Task::AddingMirroredTables:
        emit mirroredTablesFinished(false, tr("Cancelled."));
        return;
    case Task::Applying:
        // Fabric has no way to cancel an operation: the console stops waiting, the service may
        // still finish. The form keeps the edits, so the user can look and apply again.
        emit applyFinished(false, operation.isEmpty()
                                      ? tr("Cancelled. Fabric may still have received the request; reload to "
                                           "see what is in effect.")
                                      : tr("Cancelled: the console stopped waiting for operation %1, which Fabric "
                                           "may still complete. Reload to see what is in effect.")
                                            .arg(operation));
        return;
    }
}

} // namespace fmc
