#include "fabricstate.h"

#include "models/mirroringdefinition.h"

#include <QCryptographicHash>
#include <QSet>
#include <QUuid>

#include <algorithm>
#include <array>

namespace fmc::sandbox {

namespace {

const QString kInitializing = QStringLiteral("Initializing");
const QString kInitialized = QStringLiteral("Initialized");
const QString kStarting = QStringLiteral("Starting");
const QString kRunning = QStringLiteral("Running");
const QString kPaused = QStringLiteral("Paused");
const QString kStopping = QStringLiteral("Stopping");
const QString kStopped = QStringLiteral("Stopped");

constexpr std::array kSchemas{"dbo", "sales", "hr", "finance", "inventory", "audit"};
constexpr std::array kTableWords{"customers", "orders", "order_lines", "products", "invoices",
                                 "payments", "employees", "suppliers", "shipments", "returns",
                                 "stores", "regions", "accounts", "ledger", "budgets", "events"};

QString jsonString(const Json &json, const char *key)
{
    if (!json.is_object())
        return {};
    const auto it = json.find(key);
    return it != json.end() && it->is_string() ? toQString(it->get<std::string>()) : QString();
}

QByteArray mirroringDocument(const QString &sourceType, const QString &connection,
                             const QString &database, const QList<std::pair<QString, QString>> &mounted,
                             const QString &defaultSchema = {})
{
    Json typeProperties = Json::object();
    if (!connection.isEmpty())
        typeProperties["connection"] = toStdString(connection);
    if (!database.isEmpty())
        typeProperties["database"] = toStdString(database);
    Json target{{"type", "MountedRelationalDatabase"},
                {"typeProperties", Json{{"format", "Delta"}}}};
    if (!defaultSchema.isEmpty())
        target["typeProperties"]["defaultSchema"] = toStdString(defaultSchema);
    Json properties{{"source", Json{{"type", toStdString(sourceType)}, {"typeProperties", typeProperties}}},
                    {"target", target}};
    if (!mounted.isEmpty()) {
        Json tables = Json::array();
        for (const auto &[schema, table] : mounted)
            tables.push_back(Json{{"source", Json{{"typeProperties",
                                                   Json{{"schemaName", toStdString(schema)},
                                                        {"tableName", toStdString(table)}}}}}});
        properties["mountedTables"] = tables;
    }
    return dumpJson(Json{{"properties", properties}});
}

} // namespace

FabricState::FabricState(SandboxClock *clock, const SandboxOptions &options)
    : m_clock(clock)
    , m_options(options)
{
    reset();
}

qint64 FabricState::nowMs() const
{
    return m_clock->now().toMSecsSinceEpoch();
}

QString FabricState::newId()
{
    // A version-4 UUID drawn from the seeded generator, so ids repeat under the same seed.
    std::array<quint32, 4> words{};
    m_random.fillRange(words.data(), int(words.size()));
    QByteArray bytes(reinterpret_cast<const char *>(words.data()), 16);
    bytes[6] = char((bytes[6] & 0x0f) | 0x40);
    bytes[8] = char((bytes[8] & 0x3f) | 0x80);
    return QUuid::fromRfc4122(bytes).toString(QUuid::WithoutBraces);
}

quint64 FabricState::hash(const QString &text) const
{
    const QByteArray digest = QCryptographicHash::hash(
        QByteArray::number(m_options.seed) + ':' + text.toUtf8(), QCryptographicHash::Sha1);
    quint64 value = 0;
    for (int i = 0; i < 8; ++i)
        value = (value << 8) | quint8(digest[i]);
    return value;
}

void FabricState::changed()
{
    if (m_changed)
        m_changed();
}

bool FabricState::nextCallIsLongRunning()
{
    switch (m_options.lroMode) {
    case LroMode::Always:
        return true;
    case LroMode::Never:
        return false;
    case LroMode::Random:
        break;
    }
    return m_random.bounded(2) == 1;
}

void FabricState::reset()
{
    m_random.seed(m_options.seed);
    m_capacities.clear();
    m_workspaces.clear();
    m_connections.clear();
    m_items.clear();
    m_mirrors.clear();
    m_operations.clear();
    m_mirrorItems.clear();
    if (m_options.demoData)
        buildDemo();
    if (m_options.scaleWorkspaces > 0)
        buildScale(m_options.scaleWorkspaces);
    if (m_options.demoData)
        m_mirrorItems.buildDemo(*this); // last: the ids drawn before stay what they were
    changed();
}

FabricState::Mirror &FabricState::addMirror(const QString &workspaceId, const QString &name,
                                            const QByteArray &json, int catalogueSize)
{
    auto mirror = std::make_unique<Mirror>();
    mirror->id = newId();
    mirror->sqlEndpointId = newId();
    mirror->workspaceId = workspaceId;
    mirror->displayName = name;
    mirror->mirroringJson = json;
    mirror->catalogueSize = catalogueSize;
    mirror->createdMs = nowMs();
    mirror->statusSinceMs = mirror->createdMs;
    m_mirrors.push_back(std::move(mirror));
    return *m_mirrors.back();
}

void FabricState::setRunning(Mirror &mirror, qint64 sinceMs)
{
    mirror.createdMs = sinceMs - m_options.provisioningMs - 60'000;
    mirror.status = kRunning;
    mirror.statusSinceMs = sinceMs;
    mirror.runningSinceMs = sinceMs;
}

void FabricState::buildDemo()
{
    const qint64 now = nowMs();
    m_capacities.append({newId(), QStringLiteral("Sandbox F64"), QStringLiteral("F64"),
                         QStringLiteral("West Europe"), true});
    m_capacities.append({newId(), QStringLiteral("Sandbox Trial"), QStringLiteral("FT1"),
                         QStringLiteral("East US"), true});
    const QString cap1 = m_capacities[0].id, cap2 = m_capacities[1].id;
    auto addWorkspace = [this](const QString &name, const QString &description, const QString &type,
                               const QString &capacityId, const QString &role) {
        m_workspaces.append({newId(), name, description, type, capacityId, role});
        return m_workspaces.last().id;
    };
    const QString sales = addWorkspace(QStringLiteral("Sales Analytics"),
                                       QStringLiteral("Sales reporting and mirrors of the sales OLTP"),
                                       QStringLiteral("Workspace"), cap1, QStringLiteral("Admin"));
    const QString finance = addWorkspace(QStringLiteral("Finance"), QString(),
                                         QStringLiteral("Workspace"), cap1, QStringLiteral("Member"));
    const QString ops = addWorkspace(QStringLiteral("Operations"), QStringLiteral("Plant telemetry"),
                                     QStringLiteral("Workspace"), cap2, QStringLiteral("Contributor"));
    const QString shared = addWorkspace(QStringLiteral("Shared Reports"), QString(),
                                        QStringLiteral("Workspace"), cap1, QStringLiteral("Viewer"));
    addWorkspace(QStringLiteral("My workspace"), QString(), QStringLiteral("Personal"), cap2,
                 QStringLiteral("Admin"));

    auto addConnection = [this](const QString &name, const QString &type, const QString &path) {
        m_connections.append({newId(), name, QStringLiteral("ShareableCloud"), type, path,
                              QStringLiteral("Basic")});
        return m_connections.last().id;
    };
    const QString sqlConn = addConnection(QStringLiteral("contoso-sales (Azure SQL)"), QStringLiteral("SQL"),
                                          QStringLiteral("contoso.database.windows.net;sales"));
    const QString pgConn = addConnection(QStringLiteral("finance-pg"), QStringLiteral("PostgreSQL"),
                                         QStringLiteral("finance-pg.postgres.database.azure.com;ledger"));
    const QString sfConn = addConnection(QStringLiteral("snowflake-prod"), QStringLiteral("Snowflake"),
                                         QStringLiteral("contoso.snowflakecomputing.com;ANALYTICS"));
    const QString miConn = addConnection(QStringLiteral("ops-sqlmi"), QStringLiteral("SQL"),
                                         QStringLiteral("ops-mi.1a2b3c.database.windows.net;ops"));
    // One connection is offline, so a readiness check has a failure to show (LedgerMirror).
    setConnectionOnline(pgConn, false, QStringLiteral("DM_GWPipeline_Gateway_DataSourceAccessError"),
                        QStringLiteral("PostgreSQL: 28P01: password authentication failed for user "
                                       "\"fabric_mirror\""));

    setRunning(addMirror(sales, QStringLiteral("SalesMirror"),
                         mirroringDocument(QStringLiteral("AzureSqlDatabase"), sqlConn,
                                           QStringLiteral("sales"), {}),
                         40),
               now - 10 * 60'000);
    setRunning(addMirror(sales, QStringLiteral("SalesArchive"),
                         mirroringDocument(QStringLiteral("AzureSqlDatabase"), sqlConn,
                                           QStringLiteral("sales_archive"), {}, QStringLiteral("archive")),
                         700),
               now - 2 * 3600'000);
    m_items.append({newId(), sales, QStringLiteral("Lakehouse"), QStringLiteral("SalesLakehouse"),
                    QStringLiteral("Curated sales data")});

    Mirror &ledger = addMirror(finance, QStringLiteral("LedgerMirror"),
                               mirroringDocument(QStringLiteral("AzurePostgreSql"), pgConn, QString(),
                                                 {{QStringLiteral("public"), QStringLiteral("ledger")},
                                                  {QStringLiteral("public"), QStringLiteral("accounts")},
                                                  {QStringLiteral("public"), QStringLiteral("budgets")}}),
                               12);
    setRunning(ledger, now - 3600'000);
    ledger.status = kStopped;
    ledger.statusSinceMs = now - 600'000;
    Mirror &snowflake = addMirror(finance, QStringLiteral("SnowflakeMirror"),
                                  mirroringDocument(QStringLiteral("Snowflake"), sfConn,
                                                    QStringLiteral("ANALYTICS"), {}),
                                  25);
    snowflake.description = QStringLiteral("Created a moment ago; its SQL endpoint is provisioning");

    Mirror &opsMirror = addMirror(ops, QStringLiteral("OpsMirror"),
                                  mirroringDocument(QStringLiteral("AzureSqlMI"), miConn,
                                                    QStringLiteral("ops"), {}),
                                  18);
    opsMirror.createdMs = now - 3600'000;
    opsMirror.status = kInitialized;
    opsMirror.statusSinceMs = now - 3600'000 + m_options.provisioningMs;
    // Open mirroring with one selected table that does not exist at the source: a failing table.
    setRunning(addMirror(ops, QStringLiteral("SensorLanding"),
                         mirroringDocument(QStringLiteral("GenericMirror"), QString(), QString(),
                                           {{QStringLiteral("dbo"), QStringLiteral("customers")},
                                            {QStringLiteral("dbo"), QStringLiteral("legacy_sensors")},
                                            {QStringLiteral("sales"), QStringLiteral("orders")}}),
                         16),
               now - 30 * 60'000);
    setRunning(addMirror(shared, QStringLiteral("ReportsMirror"),
                         mirroringDocument(QStringLiteral("AzureSqlDatabase"), sqlConn,
                                           QStringLiteral("reports"), {}),
                         8),
               now - 5 * 60'000);
}

void FabricState::buildScale(int workspaces)
{
    // Thousands of workspaces with one mirror each: with ~12 tables per mirror on average this is
    // tens of thousands of tables, built lazily when first asked for.
    if (m_capacities.isEmpty())
        m_capacities.append({newId(), QStringLiteral("Scale F256"), QStringLiteral("F256"),
                             QStringLiteral("North Europe"), true});
    if (m_connections.isEmpty())
        m_connections.append({newId(), QStringLiteral("scale-sql"), QStringLiteral("ShareableCloud"),
                              QStringLiteral("SQL"), QStringLiteral("scale.database.windows.net;db"),
                              QStringLiteral("Basic")});
    const QString capacityId = m_capacities.first().id;
    const QString connectionId = m_connections.first().id;
    static const std::array<const char *, 4> roles{"Admin", "Member", "Contributor", "Viewer"};
    const qint64 now = nowMs();
    // --scale-mirrors M: mirror i sits in workspace floor(i * N / M), so M of N are spread evenly.
    const qint64 mirrors = m_options.scaleMirrors < 0 ? workspaces : std::min(m_options.scaleMirrors, workspaces);
    qint64 nextMirror = 0;
    for (int i = 0; i < workspaces; ++i) {
        const QString name = QStringLiteral("Scale %1").arg(i + 1, 5, 10, QLatin1Char('0'));
        m_workspaces.append({newId(), name, QString(), QStringLiteral("Workspace"), capacityId,
                             QString::fromLatin1(roles[size_t(i) % roles.size()])});
        if (nextMirror >= mirrors || nextMirror * workspaces / mirrors != i)
            continue;
        ++nextMirror;
        Mirror &mirror = addMirror(m_workspaces.last().id, name + QStringLiteral(" mirror"),
                                   mirroringDocument(QStringLiteral("AzureSqlDatabase"), connectionId,
                                                     QStringLiteral("db%1").arg(i), {}),
                                   4 + int(hash(name) % 17));
        setRunning(mirror, now - qint64(hash(name + u'r') % 3600) * 1000);
        // Every tenth such workspace also holds a mirror of another type, so the fleet and the
        // other mirror items pane see every type at scale.
        if (nextMirror % kScaleOtherMirrorEvery == 0)
            m_mirrorItems.addScaled(*this, m_workspaces.last().id, name, int(nextMirror / kScaleOtherMirrorEvery) - 1);
    }
}

const FabricState::Capacity *FabricState::capacity(const QString &id) const
{
    for (const auto &c : m_capacities)
        if (c.id.compare(id, Qt::CaseInsensitive) == 0)
            return &c;
    return nullptr;
}

const FabricState::Workspace *FabricState::workspace(const QString &id) const
{
    for (const auto &w : m_workspaces)
        if (w.id.compare(id, Qt::CaseInsensitive) == 0)
            return &w;
    return nullptr;
}

const FabricState::Connection *FabricState::connection(const QString &id) const
{
    for (const auto &c : m_connections)
        if (c.id.compare(id, Qt::CaseInsensitive) == 0)
            return &c;
    return nullptr;
}

bool FabricState::workspaceActive(const Workspace &workspace) const
{
    const Capacity *c = capacity(workspace.capacityId);
    return !c || c->active;
}

QList<FabricState::Mirror *> FabricState::mirrors(const QString &workspaceId)
{
    QList<Mirror *> result;
    for (const auto &m : m_mirrors)
        if (m->workspaceId.compare(workspaceId, Qt::CaseInsensitive) == 0) {
            settle(m.get());
            result.append(m.get());
        }
    return result;
}

FabricState::Mirror *FabricState::mirror(const QString &workspaceId, const QString &id)
{
    for (const auto &m : m_mirrors)
        if (m->id.compare(id, Qt::CaseInsensitive) == 0
            && m->workspaceId.compare(workspaceId, Qt::CaseInsensitive) == 0) {
            settle(m.get());
            return m.get();
        }
    return nullptr;
}

QList<FabricState::Item> FabricState::otherItems(const QString &workspaceId) const
{
    QList<Item> result;
    for (const auto &item : m_items)
        if (item.workspaceId.compare(workspaceId, Qt::CaseInsensitive) == 0)
            result.append(item);
    // Fabric creates a SQL analytics endpoint item next to every mirrored database.
    for (const auto &m : m_mirrors)
        if (m->workspaceId.compare(workspaceId, Qt::CaseInsensitive) == 0)
            result.append({m->sqlEndpointId, m->workspaceId, QStringLiteral("SQLEndpoint"),
                           m->displayName, QString()});
    for (const auto &listed : m_mirrorItems.listed(workspaceId))
        result.append({listed.id, workspaceId, listed.type, listed.displayName, listed.description});
    return result;
}

std::optional<ApiRefusal> FabricState::validateMirroringJson(const QByteArray &bytes)
{
    // The same rules the console's editor applies (models/mirroringdefinition), so what the
    // console accepts the sandbox accepts, and the other way round.
    auto corrupted = [](const QString &why) {
        return ApiRefusal{400, QStringLiteral("CorruptedPayload"), why};
    };
    QString error;
    const auto definition = MirroringDefinition::fromJsonBytes(bytes, &error);
    if (!definition)
        return corrupted(QStringLiteral("mirroring.json is not valid: %1").arg(error));
    for (const ValidationProblem &problem : definition->validate())
        if (problem.isError())
            return corrupted(QStringLiteral("mirroring.json: %1: %2").arg(problem.jsonPath, problem.message));
    return std::nullopt;
}

FabricState::DefinitionSummary FabricState::summarize(const QByteArray &mirroringJson)
{
    DefinitionSummary summary;
    const auto definition = MirroringDefinition::fromJsonBytes(mirroringJson);
    if (!definition)
        return summary;
    summary.sourceType = definition->sourceType();
    summary.connection = definition->connection();
    summary.database = definition->database();
    summary.defaultSchema = definition->defaultSchema();
    summary.mirrorAll = definition->mirrorAll();
    for (const MountedTable &table : definition->mountedTables())
        summary.mounted.append({table.schemaName, table.tableName});
    return summary;
}

QString FabricState::sourceConnectionId(const Mirror &mirror)
{
    return summarize(mirror.mirroringJson).connection;
}

std::optional<ApiRefusal> FabricState::createMirror(const QString &workspaceId, const QString &displayName,
                                                    const QString &description, const QString &folderId,
                                                    const QByteArray &mirroringJson,
                                                    const QByteArray &platformJson, Mirror **created)
{
    if (auto refusal = validateMirroringJson(mirroringJson))
        return refusal;
    for (const Mirror *m : mirrors(workspaceId))
        if (m->displayName.compare(displayName, Qt::CaseInsensitive) == 0)
            return ApiRefusal{409, QStringLiteral("ItemDisplayNameAlreadyInUse"),
                              QStringLiteral("Requested '%1' is already in use").arg(displayName)};
    Mirror &mirror = addMirror(workspaceId, displayName, mirroringJson,
                               6 + int(hash(displayName) % 30));
    mirror.description = description;
    mirror.folderId = folderId;
    mirror.platformJson = platformJson;
    if (created)
        *created = &mirror;
    changed();
    return std::nullopt;
}

std::optional<ApiRefusal> FabricState::renameMirror(Mirror *mirror, const std::optional<QString> &displayName,
                                                    const std::optional<QString> &description)
{
    if (displayName) {
        for (const Mirror *m : mirrors(mirror->workspaceId))
            if (m != mirror && m->displayName.compare(*displayName, Qt::CaseInsensitive) == 0)
                return ApiRefusal{409, QStringLiteral("ItemDisplayNameAlreadyInUse"),
                                  QStringLiteral("Requested '%1' is already in use").arg(*displayName)};
        mirror->displayName = *displayName;
    }
    if (description)
        mirror->description = *description;
    changed();
    return std::nullopt;
}

void FabricState::deleteMirror(const QString &workspaceId, const QString &id)
{
    // Copies: the arguments may be the very strings of the mirror being destroyed.
    const QString ws = workspaceId, target = id;
    std::erase_if(m_mirrors, [&](const std::unique_ptr<Mirror> &m) {
        return m->id.compare(target, Qt::CaseInsensitive) == 0
               && m->workspaceId.compare(ws, Qt::CaseInsensitive) == 0;
    });
    changed();
}

std::optional<ApiRefusal> FabricState::updateDefinition(Mirror *mirror, const QByteArray &mirroringJson)
{
    if (auto refusal = validateMirroringJson(mirroringJson))
        return refusal;
    settle(mirror);
    const DefinitionSummary before = summarize(mirror->mirroringJson);
    const DefinitionSummary after = summarize(mirroringJson);
    const bool sourceChanged = before.sourceType != after.sourceType || before.connection != after.connection
                               || before.database != after.database
                               || before.defaultSchema != after.defaultSchema;
    if (sourceChanged && mirror->status != kInitialized && mirror->status != kStopped)
        return ApiRefusal{400, QStringLiteral("InvalidMirroringState"),
                          QStringLiteral("The source connection, database and defaultSchema can only be "
                                         "updated when the mirroring status is Initialized or Stopped; "
                                         "it is %1.")
                              .arg(mirror->status)};
    if (mirror->runningSinceMs >= 0 && !after.mirrorAll) {
        const auto key = [](const std::pair<QString, QString> &t) { return (t.first + u'.' + t.second).toLower(); };
        QSet<QString> had;
        for (const auto &t : before.mounted)
            had.insert(key(t));
        for (const auto &t : after.mounted)
            if (!had.contains(key(t)))
                mirror->tableAddedMs.insert(key(t), nowMs());
    }
    mirror->mirroringJson = mirroringJson;
    mirror->tablesValid = false;
    changed();
    return std::nullopt;
}

std::optional<ApiRefusal> FabricState::startMirroring(Mirror *mirror)
{
    settle(mirror);
    if (mirror->status == kInitializing)
        return ApiRefusal{400, QStringLiteral("InvalidMirroringState"),
                          QStringLiteral("Mirroring can't be started while the mirrored database is "
                                         "Initializing.")};
    // A Paused mirror (after a capacity pause and resume) is resumed with "Resume replication" in
    // the portal; the API documents no resume call, and start is allowed only from Initialized
    // and Stopped (fab CLI gating). So Paused stays Paused until it is stopped, then started.
    if (mirror->status != kInitialized && mirror->status != kStopped)
        return ApiRefusal{400, QStringLiteral("InvalidMirroringState"),
                          QStringLiteral("Mirroring can't be started; its status is %1.").arg(mirror->status)};
    mirror->status = kStarting;
    mirror->statusSinceMs = nowMs();
    mirror->runningSinceMs = -1;
    changed();
    return std::nullopt;
}

std::optional<ApiRefusal> FabricState::stopMirroring(Mirror *mirror)
{
    settle(mirror);
    if (mirror->status != kRunning && mirror->status != kStarting && mirror->status != kPaused)
        return ApiRefusal{400, QStringLiteral("InvalidMirroringState"),
                          QStringLiteral("Mirroring can't be stopped; its status is %1.").arg(mirror->status)};
    mirror->status = kStopping;
    mirror->statusSinceMs = nowMs();
    changed();
    return std::nullopt;
}

void FabricState::settle(Mirror *mirror)
{
    const qint64 now = nowMs();
    if (mirror->status == kInitializing && now >= mirror->createdMs + m_options.provisioningMs) {
        mirror->status = kInitialized;
        mirror->statusSinceMs = mirror->createdMs + m_options.provisioningMs;
    }
    if (mirror->status == kStarting && now >= mirror->statusSinceMs + m_options.startingMs) {
        mirror->status = kRunning;
        mirror->statusSinceMs += m_options.startingMs;
        mirror->runningSinceMs = mirror->statusSinceMs;
    }
    if (mirror->status == kStopping && now >= mirror->statusSinceMs + m_options.stoppingMs) {
        mirror->status = kStopped;
        mirror->statusSinceMs += m_options.stoppingMs;
    }
}

std::vector<FabricState::SimTable> FabricState::catalogue(const Mirror &mirror) const
{
    std::vector<SimTable> tables;
    tables.reserve(size_t(mirror.catalogueSize));
    for (int i = 0; i < mirror.catalogueSize; ++i) {
        const QString schema = QString::fromLatin1(
            kSchemas[hash(mirror.id + QString::number(i)) % kSchemas.size()]);
        QString table = QString::fromLatin1(kTableWords[size_t(i) % kTableWords.size()]);
        if (i >= int(kTableWords.size()))
            table += u'_' + QString::number(i / int(kTableWords.size()));
        tables.push_back(simTable(mirror, schema, table));
    }
    std::sort(tables.begin(), tables.end(), [](const SimTable &a, const SimTable &b) {
        return std::pair(a.schema, a.table) < std::pair(b.schema, b.table);
    });
    return tables;
}

FabricState::SimTable FabricState::simTable(const Mirror &mirror, const QString &schema,
                                            const QString &table) const
{
    const quint64 h = hash(mirror.id + u'/' + schema + u'.' + table);
    SimTable t;
    t.schema = schema;
    t.table = table;
    t.initialRows = qint64(1000 + (h % 5'000'000));
    t.rowsPerSecond = int(1 + (h >> 23) % 500);
    t.bytesPerRow = int(64 + (h >> 33) % 960);
    t.initMs = int(1000 + (h >> 13) % 4000);
    t.snapshotMs = int(5000 + (h >> 41) % 55'000);
    const int roll = int((h >> 50) % 100);
    if (roll < 2 || table.startsWith(QLatin1String("legacy")))
        t.failAfterMs = qint64(10'000 + (h >> 7) % 110'000);
    else if (roll < 7)
        t.reseedEveryMs = qint64(600'000 + (h >> 5) % 1'200'000);
    return t;
}

const std::vector<FabricState::SimTable> &FabricState::tables(Mirror *mirror)
{
    if (mirror->tablesValid)
        return mirror->tables;
    const DefinitionSummary summary = summarize(mirror->mirroringJson);
    mirror->sourceType = summary.sourceType;
    std::vector<SimTable> source = catalogue(*mirror);
    mirror->tables.clear();
    if (summary.mirrorAll) {
        // Mirror all data takes the first N source tables, sorted by schema then table.
        const size_t n = std::min(source.size(), size_t(std::max(0, m_options.tableLimit)));
        mirror->tables.assign(source.begin(), source.begin() + qsizetype(n));
    } else {
        for (const auto &mounted : summary.mounted) {
            // Named copies, not a structured binding: clang 14 (the sanitizer build) cannot
            // capture a binding in the lambda below.
            const QString &schema = mounted.first;
            const QString &table = mounted.second;
            const auto it = std::find_if(source.begin(), source.end(), [&](const SimTable &t) {
                return t.schema.compare(schema, Qt::CaseInsensitive) == 0
                       && t.table.compare(table, Qt::CaseInsensitive) == 0;
            });
            SimTable t = it != source.end() ? *it : simTable(*mirror, schema, table);
            t.missing = it == source.end();
            t.addedMs = mirror->tableAddedMs.value((schema + u'.' + table).toLower(), -1);
            mirror->tables.push_back(t);
        }
    }
    mirror->tablesValid = true;
    return mirror->tables;
}

Json FabricState::tableStatus(Mirror *mirror, const SimTable &table)
{
    const qint64 now = nowMs();
    // A table added to a running mirror starts its own Initialized → Snapshotting from then.
    const qint64 since = std::max(mirror->runningSinceMs, table.addedMs);
    const qint64 dt = now - since;
    Json json = Json::object();
    json["sourceSchemaName"] = toStdString(table.schema);
    json["sourceTableName"] = toStdString(table.table);
    json["sourceObjectType"] = "Table";
    auto metrics = [&](qint64 rows, qint64 syncMs, bool latency) {
        Json m = Json::object();
        m["processedBytes"] = rows * table.bytesPerRow;
        m["processedRows"] = rows;
        m["lastSyncDateTime"] = toStdString(fabricDateTime(QDateTime::fromMSecsSinceEpoch(syncMs, Qt::UTC)));
        // Open mirroring has no source commit time, so the service leaves latency out.
        if (latency && mirror->sourceType != QLatin1String("GenericMirror"))
            m["lastSyncLatencyInSeconds"] = int(1 + hash(table.table + QString::number(now / 15000)) % 30);
        return m;
    };
    if (dt < table.initMs) {
        json["status"] = "Initialized";
        return json;
    }
    if (table.missing) {
        json["status"] = "Failed";
        json["metrics"] = metrics(0, since + table.initMs, false);
        json["error"] = Json{{"errorCode", "SourceTableNotFound"}, {"message", "The source table does not exist."}};
        return json;
    }
    const qint64 afterInit = dt - table.initMs;
    if (afterInit < table.snapshotMs) {
        json["status"] = "Snapshotting";
        json["metrics"] = metrics(table.initialRows * afterInit / table.snapshotMs, now, false);
        return json;
    }
    const qint64 replicating = afterInit - table.snapshotMs;
    auto rowsAt = [&](qint64 ms) { return table.initialRows + qint64(table.rowsPerSecond) * ms / 1000; };
    if (table.failAfterMs >= 0 && replicating >= table.failAfterMs) {
        json["status"] = "Failed";
        const qint64 failedAt = since + table.initMs + table.snapshotMs + table.failAfterMs;
        json["metrics"] = metrics(rowsAt(table.failAfterMs), failedAt, false);
        json["error"] = Json{{"errorCode", "ReplicationFailed"},
                             {"message", "Replication of the table failed: the source returned an error "
                                         "reading the change feed."}};
        return json;
    }
    // Replication syncs in 5-second batches; lastSyncDateTime moves in those steps.
    qint64 syncedMs = replicating - replicating % 5000;
    const qint64 quietSince = mirror->quietSinceMs.value((table.schema + u'.' + table.table).toLower(), -1);
    if (quietSince >= 0) {
        // No source changes since then: nothing more to sync, and so nothing to reseed either.
        const qint64 quietAt = std::max<qint64>(0, quietSince - (since + table.initMs + table.snapshotMs));
        syncedMs = std::min(syncedMs, quietAt - quietAt % 5000);
        json["status"] = "Replicating";
        json["metrics"] = metrics(rowsAt(syncedMs), since + table.initMs + table.snapshotMs + syncedMs, true);
        return json;
    }
    if (table.reseedEveryMs > 0 && replicating >= table.reseedEveryMs
        && replicating % table.reseedEveryMs < 20'000) {
        json["status"] = "Reseeding";
        json["metrics"] = metrics(rowsAt(syncedMs), now, false);
        return json;
    }
    json["status"] = "Replicating";
    json["metrics"] = metrics(rowsAt(syncedMs),
                              since + table.initMs + table.snapshotMs + syncedMs, true);
    return json;
}

Json FabricState::mirrorJson(Mirror *mirror, bool withProperties)
{
    settle(mirror);
    Json json = Json::object();
    json["id"] = toStdString(mirror->id);
    json["type"] = "MirroredDatabase";
    json["displayName"] = toStdString(mirror->displayName);
    json["description"] = toStdString(mirror->description);
    json["workspaceId"] = toStdString(mirror->workspaceId);
    if (!mirror->folderId.isEmpty())
        json["folderId"] = toStdString(mirror->folderId);
    if (!withProperties)
        return json;
    Json properties = Json::object();
    properties["oneLakeTablesPath"] = toStdString(QStringLiteral("https://onelake.dfs.fabric.microsoft.com/%1/%2/Tables")
                                                      .arg(mirror->workspaceId, mirror->id));
    Json sql = Json::object();
    if (mirror->status == kInitializing) {
        sql["provisioningStatus"] = "InProgress";
    } else {
        sql["id"] = toStdString(mirror->sqlEndpointId);
        sql["connectionString"] = toStdString(QStringLiteral("%1.datawarehouse.fabric.microsoft.com")
                                                  .arg(mirror->sqlEndpointId.left(8)));
        sql["provisioningStatus"] = "Success";
    }
    properties["sqlEndpointProperties"] = sql;
    const QString defaultSchema = summarize(mirror->mirroringJson).defaultSchema;
    if (!defaultSchema.isEmpty())
        properties["defaultSchema"] = toStdString(defaultSchema);
    json["properties"] = properties;
    return json;
}

Json FabricState::definitionJson(const Mirror &mirror) const
{
    QByteArray platform = mirror.platformJson;
    if (platform.isEmpty())
        platform = dumpJson(Json{
            {"$schema", "https://developer.microsoft.com/json-schemas/fabric/gitIntegration/platformProperties/2.0.0/schema.json"},
            {"metadata", Json{{"type", "MirroredDatabase"},
                              {"displayName", toStdString(mirror.displayName)},
                              {"description", toStdString(mirror.description)}}},
            {"config", Json{{"version", "2.0"}, {"logicalId", "00000000-0000-0000-0000-000000000000"}}}});
    Json parts = Json::array();
    parts.push_back(Json{{"path", "mirroring.json"},
                         {"payload", mirror.mirroringJson.toBase64().toStdString()},
                         {"payloadType", "InlineBase64"}});
    parts.push_back(Json{{"path", ".platform"},
                         {"payload", platform.toBase64().toStdString()},
                         {"payloadType", "InlineBase64"}});
    return Json{{"definition", Json{{"parts", parts}}}};
}

FabricState::Mirror *FabricState::mirrorBySqlEndpoint(const QString &workspaceId, const QString &endpointId)
{
    for (Mirror *m : mirrors(workspaceId)) {
        settle(m);
        // The endpoint exists once provisioning ended (mirrorJson() shows its id from then on).
        if (m->status != kInitializing && m->sqlEndpointId.compare(endpointId, Qt::CaseInsensitive) == 0)
            return m;
    }
    return nullptr;
}

qsizetype FabricState::endpointTableCount(Mirror *mirror)
{
    return mirror->runningSinceMs < 0 ? 0 : qsizetype(tables(mirror).size());
}

Json FabricState::refreshSqlEndpoint(Mirror *mirror, const EndpointRefresh &refresh)
{
    settle(mirror);
    const qint64 now = nowMs();
    // What the endpoint's own background sync last saw: the table as it was when its snapshot
    // landed (it has not caught up since), or the empty endpoint right after provisioning.
    const qint64 provisionedMs = mirror->createdMs + m_options.provisioningMs;
    auto lagging = [&](const SimTable &t) {
        const qint64 snapshotDone = mirror->runningSinceMs + t.initMs + t.snapshotMs;
        return snapshotDone <= now ? snapshotDone : provisionedMs;
    };
    auto named = [&](const SimTable &t) {
        const QString full = t.schema + u'.' + t.table;
        return std::any_of(refresh.failTables.begin(), refresh.failTables.end(), [&](const QString &n) {
            return n.compare(full, Qt::CaseInsensitive) == 0 || n.compare(t.table, Qt::CaseInsensitive) == 0;
        });
    };
    auto at = [](qint64 ms) { return toStdString(fabricDateTime(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC))); };
    Json value = Json::array();
    if (mirror->runningSinceMs >= 0) {
        for (const SimTable &t : tables(mirror)) {
            const QString key = t.schema + u'.' + t.table;
            // Each table's sync takes a while; dropping and recreating it takes longer.
            const qint64 takesMs = qint64(150 + hash(key + u'~') % 1350) * (refresh.recreateTables ? 3 : 1);
            const auto known = mirror->endpointSyncMs.find(key);
            const qint64 lastMs = known != mirror->endpointSyncMs.end() ? known->second : lagging(t);
            const QString replication = toQString(tableStatus(mirror, t).value("status", std::string()));
            Json entry = Json::object();
            entry["tableName"] = toStdString(key);
            entry["startDateTime"] = at(now);
            // No Delta table in OneLake yet (not snapshotted, or missing at the source): nothing to sync.
            const bool noData = replication == QLatin1String("Initialized") || t.missing;
            if (noData || takesMs > refresh.timeoutMs) {
                entry["endDateTime"] = at(now + qMin(takesMs, refresh.timeoutMs));
                entry["status"] = "NotRun";
            } else if (named(t)) {
                entry["endDateTime"] = at(now + takesMs);
                entry["status"] = "Failure";
                entry["error"] = Json{
                    {"errorCode", refresh.errorCode.isEmpty() ? std::string("AdalRetryException")
                                                              : toStdString(refresh.errorCode)},
                    {"message", refresh.errorMessage.isEmpty()
                                    ? std::string("Couldn't run query. There is a problem with the Microsoft Entra ID "
                                                  "token. Have the warehouse owner log in again. If they're "
                                                  "unavailable, use the takeover feature.")
                                    : toStdString(refresh.errorMessage)}};
            } else {
                entry["endDateTime"] = at(now + takesMs);
                entry["status"] = "Success";
                mirror->endpointSyncMs[key] = now + takesMs;
            }
            entry["lastSuccessfulSyncDateTime"] = at(entry["status"] == "Success" ? now + takesMs : lastMs);
            value.push_back(entry);
        }
    }
    changed();
    return Json{{"value", value}};
}

FabricState::Operation *FabricState::startOperation(const QString &kind, std::optional<Json> result, bool fails)
{
    Operation op;
    op.id = newId();
    op.kind = kind;
    op.createdMs = nowMs();
    op.durationMs = m_options.lroDurationMs;
    op.fails = fails;
    op.result = std::move(result);
    if (fails)
        op.endStatus = QStringLiteral("Failed");
    else if (!m_options.lroEndStatus.isEmpty())
        op.endStatus = m_options.lroEndStatus;
    if (!op.succeeds()) {
        op.errorCode = QStringLiteral("OperationFailed");
        // Not from the seeded generator: a request id must not shift the tenant's ids.
        op.errorRequestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    }
    return &m_operations.insert_or_assign(op.id, op).first->second;
}

FabricState::Operation *FabricState::operation(const QString &id)
{
    const auto it = m_operations.find(id.toLower());
    return it != m_operations.end() ? &it->second : nullptr;
}

bool FabricState::pauseCapacity(const QString &id)
{
    for (auto &c : m_capacities)
        if (c.id.compare(id, Qt::CaseInsensitive) == 0) {
            c.active = false;
            changed();
            return true;
        }
    return false;
}

bool FabricState::setConnectionOnline(const QString &id, bool online, const QString &errorCode,
                                      const QString &message)
{
    for (auto &c : m_connections)
        if (c.id.compare(id, Qt::CaseInsensitive) == 0) {
            c.online = online;
            c.offlineErrorCode = online ? QString() : errorCode;
            c.offlineMessage = online ? QString() : message;
            changed();
            return true;
        }
    return false;
}

bool FabricState::setSourceQuiet(const QString &mirrorId, const QString &schema, const QString &table, bool quiet,
                                 qint64 quietForMs)
{
    for (const auto &m : m_mirrors)
        if (m->id.compare(mirrorId, Qt::CaseInsensitive) == 0) {
            const QString key = (schema + u'.' + table).toLower();
            if (!quiet)
                m->quietSinceMs.remove(key);
            else
                m->quietSinceMs.insert(key, nowMs() - std::max<qint64>(0, quietForMs));
            return true;
        }
    return false;
}

Json FabricState::connectionStatusJson(const Connection &connection)
{
    Json errors = Json::array();
    if (!connection.online)
        errors.push_back(Json{{"errorCode", toStdString(connection.offlineErrorCode)},
                              {"message", toStdString(connection.offlineMessage)}});
    return Json{{"status", connection.online ? "Online" : "Offline"}, {"errors", errors}};
}

bool FabricState::resumeCapacity(const QString &id)
{
    auto it = std::find_if(m_capacities.begin(), m_capacities.end(),
                           [&](const Capacity &c) { return c.id.compare(id, Qt::CaseInsensitive) == 0; });
    if (it == m_capacities.end())
        return false;
    const bool wasPaused = !it->active;
    it->active = true;
    // After a capacity pause and resume, mirroring that was running shows Paused.
    if (wasPaused)
        for (const auto &m : m_mirrors) {
            const Workspace *w = workspace(m->workspaceId);
            if (!w || w->capacityId.compare(id, Qt::CaseInsensitive) != 0)
                continue;
            settle(m.get());
            if (m->status == kRunning || m->status == kStarting) {
                m->status = kPaused;
                m->statusSinceMs = nowMs();
            }
        }
    changed();
    return true;
}

Json FabricState::toJson() const
{
    Json json = Json::object();
    json["format"] = "fabric-sandbox-state/1";
    Json caps = Json::array();
    for (const auto &c : m_capacities)
        caps.push_back(Json{{"id", toStdString(c.id)}, {"displayName", toStdString(c.displayName)},
                            {"sku", toStdString(c.sku)}, {"region", toStdString(c.region)},
                            {"active", c.active}});
    json["capacities"] = caps;
    Json wss = Json::array();
    for (const auto &w : m_workspaces)
        wss.push_back(Json{{"id", toStdString(w.id)}, {"displayName", toStdString(w.displayName)},
                           {"description", toStdString(w.description)}, {"type", toStdString(w.type)},
                           {"capacityId", toStdString(w.capacityId)}, {"role", toStdString(w.role)}});
    json["workspaces"] = wss;
    Json conns = Json::array();
    for (const auto &c : m_connections)
        conns.push_back(Json{{"id", toStdString(c.id)}, {"displayName", toStdString(c.displayName)},
                             {"connectivityType", toStdString(c.connectivityType)},
                             {"type", toStdString(c.type)}, {"path", toStdString(c.path)},
                             {"credentialType", toStdString(c.credentialType)}, {"online", c.online},
                             {"offlineErrorCode", toStdString(c.offlineErrorCode)},
                             {"offlineMessage", toStdString(c.offlineMessage)}});
    json["connections"] = conns;
    Json items = Json::array();
    for (const auto &i : m_items)
        items.push_back(Json{{"id", toStdString(i.id)}, {"workspaceId", toStdString(i.workspaceId)},
                             {"type", toStdString(i.type)}, {"displayName", toStdString(i.displayName)},
                             {"description", toStdString(i.description)}});
    json["items"] = items;
    Json mirrors = Json::array();
    for (const auto &m : m_mirrors)
        mirrors.push_back(Json{{"id", toStdString(m->id)}, {"workspaceId", toStdString(m->workspaceId)},
                               {"displayName", toStdString(m->displayName)},
                               {"description", toStdString(m->description)},
                               {"folderId", toStdString(m->folderId)},
                               {"sqlEndpointId", toStdString(m->sqlEndpointId)},
                               {"mirroringJson", m->mirroringJson.toStdString()},
                               {"platformJson", m->platformJson.toStdString()},
                               {"status", toStdString(m->status)}, {"statusSinceMs", m->statusSinceMs},
                               {"createdMs", m->createdMs}, {"runningSinceMs", m->runningSinceMs},
                               {"catalogueSize", m->catalogueSize},
                               {"endpointSyncMs", [&] {
                                    Json synced = Json::object();
                                    for (const auto &[table, ms] : m->endpointSyncMs)
                                        synced[toStdString(table)] = ms;
                                    return synced;
                                }()}});
    json["mirroredDatabases"] = mirrors;
    json["mirrorItems"] = m_mirrorItems.toJson();
    return json;
}

bool FabricState::loadJson(const Json &json, QString *error)
{
    try {
        if (json.value("format", std::string()) != "fabric-sandbox-state/1")
            throw std::runtime_error("not a fabric-sandbox state file");
        QList<Capacity> caps;
        for (const Json &c : json.at("capacities"))
            caps.append({jsonString(c, "id"), jsonString(c, "displayName"), jsonString(c, "sku"),
                         jsonString(c, "region"), c.value("active", true)});
        QList<Workspace> wss;
        for (const Json &w : json.at("workspaces"))
            wss.append({jsonString(w, "id"), jsonString(w, "displayName"), jsonString(w, "description"),
                        jsonString(w, "type"), jsonString(w, "capacityId"), jsonString(w, "role")});
        QList<Connection> conns;
        for (const Json &c : json.at("connections"))
            conns.append({jsonString(c, "id"), jsonString(c, "displayName"), jsonString(c, "connectivityType"),
                          jsonString(c, "type"), jsonString(c, "path"), jsonString(c, "credentialType"),
                          c.value("online", true), jsonString(c, "offlineErrorCode"),
                          jsonString(c, "offlineMessage")});
        QList<Item> items;
        for (const Json &i : json.at("items"))
            items.append({jsonString(i, "id"), jsonString(i, "workspaceId"), jsonString(i, "type"),
                          jsonString(i, "displayName"), jsonString(i, "description")});
        std::vector<std::unique_ptr<Mirror>> mirrors;
        for (const Json &m : json.at("mirroredDatabases")) {
            auto mirror = std::make_unique<Mirror>();
            mirror->id = jsonString(m, "id");
            mirror->workspaceId = jsonString(m, "workspaceId");
            mirror->displayName = jsonString(m, "displayName");
            mirror->description = jsonString(m, "description");
            mirror->folderId = jsonString(m, "folderId");
            mirror->sqlEndpointId = jsonString(m, "sqlEndpointId");
            mirror->mirroringJson = jsonString(m, "mirroringJson").toUtf8();
            mirror->platformJson = jsonString(m, "platformJson").toUtf8();
            mirror->status = jsonString(m, "status");
            mirror->statusSinceMs = m.at("statusSinceMs").get<qint64>();
            mirror->createdMs = m.at("createdMs").get<qint64>();
            mirror->runningSinceMs = m.at("runningSinceMs").get<qint64>();
            mirror->catalogueSize = m.at("catalogueSize").get<int>();
            if (const auto synced = m.find("endpointSyncMs"); synced != m.end() && synced->is_object())
                for (const auto &[table, ms] : synced->items())
                    mirror->endpointSyncMs[toQString(table)] = ms.get<qint64>();
            mirrors.push_back(std::move(mirror));
        }
        // A file saved before the other mirror types were kept has none of them.
        MirrorItemStore mirrorItems;
        if (const auto it = json.find("mirrorItems"); it != json.end())
            mirrorItems.loadJson(*it);
        m_mirrorItems = std::move(mirrorItems);
        m_capacities = caps;
        m_workspaces = wss;
        m_connections = conns;
        m_items = items;
        m_mirrors = std::move(mirrors);
        m_operations.clear();
        return true;
    } catch (const std::exception &e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
}

} // namespace fmc::sandbox
