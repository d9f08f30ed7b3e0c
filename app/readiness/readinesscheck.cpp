#include "readinesscheck.h"

#include "app/admin/mirroreddatabaseadmin.h"
#include "app/api/fabricclient.h"
#include "app/api/requests/getmirroreddatabasedefinitionrequest.h"
#include "app/api/requests/getmirroringstatusrequest.h"
#include "app/api/requests/testconnectionrequest.h"
#include "app/readiness/sourceprerequisites.h"
#include "models/pausedmirroring.h"

#include <algorithm>

namespace fmc {

namespace {

using Check = ReadinessLine::Check;
using Outcome = ReadinessLine::Outcome;

// How many left-out tables the line names before "and N more" (the Copy button has them all).
constexpr int kTablesNamed = 10;

QString tableName(const MountedTable &table)
{
    return table.schemaName + QLatin1Char('.') + table.tableName;
}

} // namespace

ReadinessCheck::ReadinessCheck(FabricClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    for (int i = 0; i < ReadinessLine::CheckCount; ++i)
        m_lines[i].check = Check(i);
}

ReadinessCheck::~ReadinessCheck()
{
    if (m_request)
        m_request->abandon();
}

QString ReadinessCheck::title(Check check)
{
    switch (check) {
    case Check::Status: return tr("Mirroring can be started");
    case Check::Connection: return tr("Source connection is online");
    case Check::Tables: return tr("Table count is within the limit");
    case Check::Prerequisites: return tr("Source is prepared for mirroring");
    }
    return {};
}

int ReadinessCheck::doneCount() const
{
    return int(std::count_if(m_lines.begin(), m_lines.end(), [](const ReadinessLine &l) { return l.isDone(); }));
}

bool ReadinessCheck::passed() const
{
    return std::none_of(m_lines.begin(), m_lines.end(), [](const ReadinessLine &l) {
        return l.outcome == Outcome::Failed || l.outcome == Outcome::Cancelled || !l.isDone();
    });
}

void ReadinessCheck::run(const QString &workspaceId, const QString &databaseId)
{
    if (m_request)
        m_request->abandon();
    ++m_generation;
    m_workspaceId = workspaceId;
    m_databaseId = databaseId;
    m_status.reset();
    m_sourceType.clear();
    m_running = true;
    for (int i = 0; i < ReadinessLine::CheckCount; ++i) {
        m_lines[i] = ReadinessLine{};
        m_lines[i].check = Check(i);
        emit lineChanged(Check(i));
    }
    checkStatus();
}

void ReadinessCheck::cancel()
{
    if (!m_running)
        return;
    ++m_generation; // the cancelled call's answer is not a result
    if (m_request)
        m_request->abandon();
    m_request = nullptr;
    for (auto &line : m_lines)
        if (!line.isDone()) {
            line.outcome = Outcome::Cancelled;
            line.summary = tr("Not checked: cancelled.");
            emit lineChanged(line.check);
        }
    finish();
}

void ReadinessCheck::setLine(ReadinessLine line)
{
    const Check check = line.check;
    m_lines[int(check)] = std::move(line);
    emit lineChanged(check);
}

void ReadinessCheck::setOutcome(Check check, Outcome outcome, const QString &summary)
{
    ReadinessLine line;
    line.check = check;
    line.outcome = outcome;
    line.summary = summary;
    setLine(std::move(line));
}

ReadinessLine ReadinessCheck::statusLine(const MirroringStatusResponse &status)
{
    ReadinessLine line;
    line.check = Check::Status;
    const auto permission = MirroredDatabaseAdmin::canStart(status);
    switch (status.status.value) {
    case MirroringStatus::Initialized:
        line.outcome = Outcome::Passed;
        line.summary = tr("Initialized: ready to start for the first time.");
        break;
    case MirroringStatus::Stopped:
        line.outcome = Outcome::Passed;
        line.summary = tr("Stopped: starting again reseeds every table from the beginning.");
        break;
    case MirroringStatus::Paused:
        line.outcome = Outcome::Failed;
        line.summary = PausedMirroring::summary();
        line.detail = PausedMirroring::advice();
        line.link = QUrl(QStringLiteral("https://learn.microsoft.com/fabric/mirroring/troubleshooting"));
        break;
    case MirroringStatus::Initializing:
        line.outcome = Outcome::Failed;
        line.summary = tr("Initializing: the SQL analytics endpoint is still being provisioned. "
                          "Fabric refuses Start until the status is Initialized; check again in a minute.");
        break;
    default:
        line.outcome = Outcome::Failed;
        line.summary = permission.reason;
        break;
    }
    if (status.error && line.outcome == Outcome::Passed) {
        line.outcome = Outcome::Warning;
        line.detail = tr("The database reports an error: %1").arg(MirroredDatabaseAdmin::describe(*status.error));
    }
    return line;
}

ReadinessLine ReadinessCheck::tablesLine(const MirroringDefinition &definition, const DefinitionLimits &limits)
{
    ReadinessLine line;
    line.check = Check::Tables;
    const QString type = definition.sourceType();
    const int limit = limits.maxTables(type);
    if (definition.mirrorAll()) {
        line.outcome = Outcome::Passed;
        line.summary = tr("Mirror all data: up to %Ln table(s) for %1.", nullptr, limit).arg(type);
        line.detail = tr("Fabric mirrors the first %1 tables of the source sorted by schema, then table "
                         "name; any table past them is left out, now and when it is created later.")
                          .arg(limit);
        return line;
    }
    QList<MountedTable> tables = definition.mountedTables();
    if (tables.isEmpty()) {
        line.outcome = Outcome::Warning;
        line.summary = tr("No table is selected: nothing would be mirrored.");
        return line;
    }
    if (tables.size() <= limit) {
        line.outcome = Outcome::Passed;
        line.summary = tr("%1 of at most %2 tables for %3.").arg(tables.size()).arg(limit).arg(type);
        return line;
    }
    // The service keeps the first tables in schema, then table order (Learn, source limitations);
    // the ones after the limit are what would be left out.
    std::sort(tables.begin(), tables.end(), [](const MountedTable &a, const MountedTable &b) {
        const int bySchema = QString::compare(a.schemaName, b.schemaName, Qt::CaseInsensitive);
        return bySchema != 0 ? bySchema < 0 : QString::compare(a.tableName, b.tableName, Qt::CaseInsensitive) < 0;
    });
    const QList<MountedTable> leftOut = tables.mid(limit);
    QStringList names, named;
    for (const auto &table : leftOut)
        names.append(tableName(table));
    named = names.mid(0, kTablesNamed);
    line.outcome = Outcome::Failed;
    line.summary = tr("%1 tables are selected; the limit for %2 is %3, so %4 would be left out.")
                       .arg(tables.size())
                       .arg(type)
                       .arg(limit)
                       .arg(leftOut.size());
    line.detail = tr("Left out: %1").arg(named.join(QStringLiteral(", ")));
    if (names.size() > named.size())
        line.detail += tr(" and %Ln more", nullptr, int(names.size() - named.size()));
    line.copyText = names.join(QLatin1Char('\n'));
    return line;
}

void ReadinessCheck::checkStatus()
{
    const int generation = m_generation;
    setOutcome(Check::Status, Outcome::Running, tr("Reading the mirroring status…"));
    auto *request = new GetMirroringStatusRequest(m_workspaceId, m_databaseId);
    m_request = request;
    m_client->send(request, this, [this, generation](const ApiResult<MirroringStatusResponse> &result) {
        if (generation != m_generation)
            return;
        if (result.ok()) {
            m_status = result.value;
            setLine(statusLine(result.value));
        } else {
            ReadinessLine line;
            line.check = Check::Status;
            line.outcome = Outcome::Failed;
            line.summary = result.error.errorCode() == QLatin1String("CapacityNotActive")
                ? tr("The workspace's Fabric capacity is paused: its items cannot be reached. Resume "
                     "the capacity in the Azure portal (Microsoft Fabric > the capacity > Resume).")
                : tr("The status could not be read.");
            line.detail = MirroredDatabaseAdmin::describe(result.error);
            setLine(std::move(line));
        }
        checkDefinition();
    });
}

void ReadinessCheck::checkDefinition()
{
    const int generation = m_generation;
    setOutcome(Check::Tables, Outcome::Running, tr("Reading the definition…"));
    setOutcome(Check::Prerequisites, Outcome::Running, tr("Reading the definition…"));
    setOutcome(Check::Connection, Outcome::Pending, tr("Waiting for the definition…"));
    auto *request = new GetMirroredDatabaseDefinitionRequest(m_workspaceId, m_databaseId);
    m_request = request;
    m_client->send(request, this, [this, generation](const ApiResult<ItemDefinition> &result) {
        if (generation != m_generation)
            return;
        if (!result.ok()) {
            failFromDefinition(MirroredDatabaseAdmin::describe(result.error));
            return;
        }
        QString why;
        const std::optional<MirroringDefinition> definition = result.value.mirroringDefinition(&why);
        if (!definition) {
            failFromDefinition(why);
            return;
        }
        m_sourceType = definition->sourceType();
        setLine(tablesLine(*definition, m_limits));
        const SourcePrerequisites prerequisites = SourcePrerequisites::forSourceType(m_sourceType);
        ReadinessLine line;
        line.check = Check::Prerequisites;
        const bool none = m_sourceType == QLatin1String("GenericMirror");
        line.outcome = none ? Outcome::Passed : Outcome::ToDo;
        line.summary = none ? tr("Open mirroring: nothing to prepare on a source.")
                            : tr("Check these on the %1 source; the console cannot see them.").arg(m_sourceType);
        line.detail = prerequisites.steps;
        line.link = prerequisites.learnUrl;
        line.copyText = none ? QString() : prerequisites.steps;
        setLine(std::move(line));
        checkConnection(definition->connection());
    });
}

void ReadinessCheck::failFromDefinition(const QString &why)
{
    const QString summary = tr("The definition could not be read: %1").arg(why);
    setOutcome(Check::Tables, Outcome::Failed, summary);
    setOutcome(Check::Prerequisites, Outcome::Failed, summary);
    setOutcome(Check::Connection, Outcome::Failed, tr("Not tested: the definition names the connection."));
    finish();
}

void ReadinessCheck::checkConnection(const QString &connectionId)
{
    if (connectionId.isEmpty()) {
        setOutcome(Check::Connection,
                   m_sourceType == QLatin1String("GenericMirror") ? Outcome::Passed : Outcome::Failed,
                   m_sourceType == QLatin1String("GenericMirror")
                       ? tr("Open mirroring uses no source connection.")
                       : tr("The definition names no source connection."));
        finish();
        return;
    }
    const int generation = m_generation;
    setOutcome(Check::Connection, Outcome::Running, tr("Testing the connection…"));
    auto *request = new TestConnectionRequest(connectionId);
    m_request = request;
    m_client->send(request, this, [this, generation](const ApiResult<ConnectionStatus> &result) {
        if (generation != m_generation)
            return;
        ReadinessLine line;
        line.check = Check::Connection;
        if (!result.ok()) {
            line.outcome = Outcome::Failed;
            line.summary = tr("The connection could not be tested.");
            line.detail = MirroredDatabaseAdmin::describe(result.error);
        } else if (result.value.isOnline()) {
            line.outcome = Outcome::Passed;
            line.summary = tr("Online.");
        } else {
            line.outcome = Outcome::Failed;
            line.summary = result.value.status.value == TestConnectionStatus::Offline
                ? tr("Offline: Fabric cannot reach the source with this connection.")
                : tr("The service reports \"%1\", not Online.").arg(result.value.status.text);
            QStringList errors;
            for (const auto &error : result.value.errors)
                errors.append(QStringLiteral("%1: %2").arg(error.errorCode, error.message));
            line.detail = errors.join(QLatin1Char('\n'));
        }
        setLine(std::move(line));
        finish();
    });
}

void ReadinessCheck::finish()
{
    m_request = nullptr;
    m_running = false;
    emit finished(passed());
}

} // namespace fmc
