#include "app/environments/definitionpromoter.h"

#include "app/admin/mirroreddatabaseadmin.h"
#include "app/api/fabricclient.h"
#include "app/api/fabricrequests.h"
#include "app/environments/definitioncomparer.h"
#include "app/readiness/readinesscheck.h"

namespace fmc {

using Outcome = ReadinessLine::Outcome;

DefinitionPromoter::DefinitionPromoter(QObject *parent)
    : QObject(parent)
{
}

DefinitionPromoter::~DefinitionPromoter()
{
    if (m_request)
        m_request->abandon();
}

QString DefinitionPromoter::title(PromoteCheck::Kind kind)
{
    switch (kind) {
    case PromoteCheck::Kind::Definition: return tr("Definition is valid");
    case PromoteCheck::Kind::Tables: return tr("Within the table limit");
    case PromoteCheck::Kind::Name: return tr("Name on the target");
    case PromoteCheck::Kind::Status: return tr("Target's status allows the change");
    case PromoteCheck::Kind::Connection: return tr("Rebound connection is online");
    }
    return {};
}

int DefinitionPromoter::readSteps(Action action)
{
    return action == Action::Update ? 5 : 3;
}

bool DefinitionPromoter::checksPassed() const
{
    if (m_checks.isEmpty())
        return false;
    return std::none_of(m_checks.begin(), m_checks.end(), [](const PromoteCheck &c) { return c.blocks(); });
}

void DefinitionPromoter::dryRun(const PromotePlan &plan)
{
    start(plan, false);
}

void DefinitionPromoter::apply(const PromotePlan &plan)
{
    start(plan, true);
}

void DefinitionPromoter::reset()
{
    if (m_request)
        m_request->abandon();
    ++m_generation;
    m_running = true;
    m_writeSent = false;
    m_done = 0;
    m_action = Action::Undecided;
    m_targetId.clear();
    m_promoted.reset();
    m_targetDefinition.reset();
    m_targetStatus.reset();
    m_connectionCheck.reset();
    m_checks.clear();
    m_preview.reset();
}

void DefinitionPromoter::loadSource(const DefinitionSource &source)
{
    reset();
    m_plan = PromotePlan{};
    m_plan.source = source;
    m_write = false;
    withSource([this](const MirroringDefinition &definition) {
        m_running = false;
        emit sourceLoaded(definition);
    });
}

void DefinitionPromoter::start(const PromotePlan &plan, bool write)
{
    reset();
    m_plan = plan;
    m_write = write;
    if (!plan.target.isValid()) {
        // Asynchronous like every other outcome, so a caller can connect after calling.
        QMetaObject::invokeMethod(this, [this, generation = m_generation] {
            if (generation == m_generation)
                fail(tr("The target is no longer signed in."));
        }, Qt::QueuedConnection);
        return;
    }
    readSource();
}

void DefinitionPromoter::cancel()
{
    if (!m_running)
        return;
    if (m_request)
        m_request->abandon();
    ++m_generation;
    m_running = false;
    emit cancelled(m_writeSent ? tr("Cancelled after the write was sent: it may still take effect. Check the target.")
                               : tr("Cancelled. Nothing was written to the target."));
}

template <typename R, typename F>
void DefinitionPromoter::call(FabricClient *client, R *request, F &&onResult)
{
    const int generation = m_generation;
    m_request = request;
    client->send(request, this, [this, generation, f = std::forward<F>(onResult)](const ApiResult<typename R::Value> &result) mutable {
        if (generation != m_generation || !m_running)
            return;
        ++m_done;
        f(result);
    });
}

void DefinitionPromoter::step(const QString &what)
{
    const int total = readSteps(m_action) + (m_write ? 1 : 0);
    emit progress(m_done, total, what);
}

void DefinitionPromoter::readSource()
{
    withSource([this](const MirroringDefinition &definition) {
        m_promoted = m_plan.map.apply(definition);
        listTarget();
    });
}

void DefinitionPromoter::withSource(const std::function<void(const MirroringDefinition &)> &next)
{
    step(tr("Reading the definition of %1…").arg(m_plan.source.name));
    if (m_plan.source.isFile()) {
        // A file needs no call; go on from the event loop all the same.
        QMetaObject::invokeMethod(this, [this, next, generation = m_generation] {
            if (generation != m_generation)
                return;
            ++m_done;
            next(*m_plan.source.file);
        }, Qt::QueuedConnection);
        return;
    }
    if (!m_plan.source.target.isValid()) {
        QMetaObject::invokeMethod(this, [this, generation = m_generation] {
            if (generation == m_generation)
                fail(tr("The source is no longer signed in."));
        }, Qt::QueuedConnection);
        return;
    }
    call(m_plan.source.target.client, new GetMirroredDatabaseDefinitionRequest(m_plan.source.workspaceId, m_plan.source.databaseId),
         [this, next](const ApiResult<ItemDefinition> &result) {
             QString why;
             const std::optional<MirroringDefinition> definition = DefinitionComparer::definitionOf(result, &why);
             if (!definition)
                 return fail(tr("The source definition could not be read. %1").arg(why));
             next(*definition);
         });
}

void DefinitionPromoter::listTarget()
{
    step(tr("Looking for %1 on the target…").arg(m_plan.map.targetName()));
    call(m_plan.target.client, new ListMirroredDatabasesRequest(m_plan.targetWorkspaceId),
         [this](const ApiResult<QList<MirroredDatabase>> &result) {
             if (!result.ok())
                 return fail(tr("The target workspace could not be listed. %1").arg(MirroredDatabaseAdmin::describe(result.error)));
             // Fabric compares display names case-blind (ItemDisplayNameAlreadyInUse).
             const QString name = m_plan.map.targetName();
             for (const MirroredDatabase &db : result.value)
                 if (db.displayName.compare(name, Qt::CaseInsensitive) == 0)
                     m_targetId = db.id;
             m_action = m_targetId.isEmpty() ? Action::Create : Action::Update;
             if (m_action == Action::Update)
                 readTargetStatus();
             else
                 testConnection();
         });
}

void DefinitionPromoter::readTargetStatus()
{
    step(tr("Reading the target's mirroring status…"));
    call(m_plan.target.client, new GetMirroringStatusRequest(m_plan.targetWorkspaceId, m_targetId),
         [this](const ApiResult<MirroringStatusResponse> &result) {
             if (!result.ok())
                 return fail(tr("The target's mirroring status could not be read. %1").arg(MirroredDatabaseAdmin::describe(result.error)));
             m_targetStatus = result.value;
             readTargetDefinition();
         });
}

void DefinitionPromoter::readTargetDefinition()
{
    step(tr("Reading the target's definition…"));
    call(m_plan.target.client, new GetMirroredDatabaseDefinitionRequest(m_plan.targetWorkspaceId, m_targetId),
         [this](const ApiResult<ItemDefinition> &result) {
             QString why;
             m_targetDefinition = DefinitionComparer::definitionOf(result, &why);
             if (!m_targetDefinition)
                 return fail(tr("The target's definition could not be read. %1").arg(why));
             testConnection();
         });
}

void DefinitionPromoter::testConnection()
{
    const QString connection = m_promoted->connection();
    if (connection.isEmpty()) {
        // Open mirroring (GenericMirror) and SAP name none; validation reports it where one is needed.
        ++m_done;
        m_connectionCheck = PromoteCheck{PromoteCheck::Kind::Connection, Outcome::Passed,
                                         tr("The definition names no source connection."), {}};
        return decide();
    }
    step(tr("Testing the rebound connection…"));
    call(m_plan.target.client, new TestConnectionRequest(connection), [this](const ApiResult<ConnectionStatus> &result) {
        PromoteCheck check{PromoteCheck::Kind::Connection, Outcome::Passed, tr("Online."), {}};
        if (!result.ok()) {
            check.outcome = Outcome::Failed;
            check.summary = tr("The connection %1 could not be tested on the target.").arg(m_promoted->connection());
            check.detail = MirroredDatabaseAdmin::describe(result.error);
        } else if (!result.value.isOnline()) {
            check.outcome = Outcome::Failed;
            check.summary = tr("%1: Fabric cannot reach the source with this connection.").arg(result.value.status.text);
            QStringList errors;
            for (const auto &e : result.value.errors)
                errors << e.errorCode + QStringLiteral(": ") + e.message;
            check.detail = errors.join(u'\n');
        }
        m_connectionCheck = check;
        decide();
    });
}

void DefinitionPromoter::decide()
{
    const MirroringDefinition &definition = *m_promoted;
    const QString name = m_plan.map.targetName();

    PromoteCheck valid{PromoteCheck::Kind::Definition, Outcome::Passed, tr("No problem found."), {}};
    QStringList problems;
    bool errors = false;
    for (const ValidationProblem &p : definition.validate(m_plan.limits)) {
        problems << p.message;
        errors = errors || p.isError();
    }
    if (!problems.isEmpty()) {
        valid.outcome = errors ? Outcome::Failed : Outcome::Warning;
        valid.summary = errors ? tr("The rebound definition has errors.") : tr("The rebound definition has warnings.");
        valid.detail = problems.join(u'\n');
    }
    m_checks << valid;

    const ReadinessLine tables = ReadinessCheck::tablesLine(definition, m_plan.limits);
    m_checks << PromoteCheck{PromoteCheck::Kind::Tables, tables.outcome, tables.summary, tables.detail};

    if (m_action == Action::Create) {
        m_checks << PromoteCheck{PromoteCheck::Kind::Name, Outcome::Passed,
                                 tr("%1 is free in the target workspace: it will be created.").arg(name), {}};
    } else {
        m_checks << PromoteCheck{PromoteCheck::Kind::Name, Outcome::Passed,
                                 tr("%1 exists in the target workspace: its definition will be updated in place.").arg(name), {}};
        const QString status = m_targetStatus->status.text;
        const QList<ValidationProblem> restricted = definition.restrictedChanges(*m_targetDefinition);
        PromoteCheck gate{PromoteCheck::Kind::Status, Outcome::Passed, {}, {}};
        if (restricted.isEmpty()) {
            gate.summary = tr("The target is %1; only changes allowed in that state are sent.").arg(status);
        } else if (MirroringDefinition::allowsRestrictedChanges(status)) {
            gate.summary = tr("The target is %1, so its connection, database and default schema may change.").arg(status);
        } else {
            gate.outcome = Outcome::Failed;
            gate.summary = tr("The target is %1: its connection, database or default schema changes only while "
                              "Initialized or Stopped. Stop mirroring on the target first.").arg(status);
            QStringList lines;
            for (const ValidationProblem &p : restricted)
                lines << p.message;
            gate.detail = lines.join(u'\n');
        }
        m_checks << gate;
    }
    m_checks << *m_connectionCheck;

    // The preview is built from the very request objects apply() sends, so the two cannot differ.
    const ItemDefinition item = ItemDefinition::fromMirroringDefinition(definition);
    const QString base = m_plan.target.client->config().apiBaseUrl.toString();
    if (m_action == Action::Create) {
        CreateMirroredDatabaseRequest request(m_plan.targetWorkspaceId, name, item);
        m_preview = RequestPreview{QStringLiteral("POST"), base + request.path(), CreateMirroredDatabaseRequest::body(name, item)};
    } else {
        UpdateMirroredDatabaseDefinitionRequest request(m_plan.targetWorkspaceId, m_targetId, item);
        m_preview = RequestPreview{QStringLiteral("POST"), base + request.path(), UpdateMirroredDatabaseDefinitionRequest::body(item)};
    }
    emit checksReady();

    if (!m_write) {
        return end(checksPassed(), checksPassed() ? tr("Dry run passed: nothing was written. Promote would %1 %2.")
                                                        .arg(m_action == Action::Create ? tr("create") : tr("update"), name)
                                                  : tr("Dry run found problems: promote would be refused. Nothing was written."));
    }
    if (!checksPassed())
        return end(false, tr("Not promoted: a check failed. Nothing was written."));
    write();
}

void DefinitionPromoter::write()
{
    const ItemDefinition item = ItemDefinition::fromMirroringDefinition(*m_promoted);
    const QString name = m_plan.map.targetName();
    m_writeSent = true;
    if (m_action == Action::Create) {
        step(tr("Creating %1…").arg(name));
        call(m_plan.target.client, new CreateMirroredDatabaseRequest(m_plan.targetWorkspaceId, name, item),
             [this, name](const ApiResult<MirroredDatabase> &result) {
                 if (!result.ok())
                     return fail(tr("%1 could not be created. %2").arg(name, MirroredDatabaseAdmin::describe(result.error)));
                 m_targetId = result.value.id;
                 end(true, tr("%1 was created on the target.").arg(name));
             });
        return;
    }
    step(tr("Updating the definition of %1…").arg(name));
    call(m_plan.target.client, new UpdateMirroredDatabaseDefinitionRequest(m_plan.targetWorkspaceId, m_targetId, item),
         [this, name](const ApiResult<NoContent> &result) {
             if (!result.ok())
                 return fail(tr("The definition of %1 could not be updated. %2").arg(name, MirroredDatabaseAdmin::describe(result.error)));
             end(true, tr("The definition of %1 was updated on the target.").arg(name));
         });
}

void DefinitionPromoter::fail(const QString &message)
{
    end(false, message);
}

void DefinitionPromoter::end(bool ok, const QString &message)
{
    m_running = false;
    m_request = nullptr;
    const int total = readSteps(m_action) + (m_write ? 1 : 0);
    emit progress(total, total, message);
    emit finished(ok, message);
}

} // namespace fmc
