#include "mirroritemstore.h"

#include "sandbox/apiresponse.h"
#include "sandbox/fabricstate.h"

#include <QDateTime>

namespace fmc::sandbox {

namespace {

//! What a .NET service writes for a date that was never set (DateTime.MinValue).
constexpr const char *kNeverSynced = "0001-01-01T00:00:00Z";

std::string at(qint64 ms)
{
    return toStdString(fabricDateTime(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)));
}

//! The last full minute at or before \a nowMs: a running catalog syncs once a minute.
qint64 lastMinute(qint64 nowMs)
{
    return nowMs - nowMs % 60'000;
}

template <typename T>
T *findIn(const std::vector<std::unique_ptr<T>> &items, const QString &workspaceId, const QString &id)
{
    for (const auto &item : items)
        if (item->id.compare(id, Qt::CaseInsensitive) == 0
            && item->workspaceId.compare(workspaceId, Qt::CaseInsensitive) == 0)
            return item.get();
    return nullptr;
}

template <typename T>
QList<T *> allIn(const std::vector<std::unique_ptr<T>> &items, const QString &workspaceId)
{
    QList<T *> result;
    for (const auto &item : items)
        if (item->workspaceId.compare(workspaceId, Qt::CaseInsensitive) == 0)
            result.append(item.get());
    return result;
}

Json itemJson(const QString &id, const QString &type, const QString &name, const QString &description,
              const QString &workspaceId)
{
    return Json{{"id", toStdString(id)}, {"type", toStdString(type)}, {"displayName", toStdString(name)},
                {"description", toStdString(description)}, {"workspaceId", toStdString(workspaceId)}};
}

MirrorItemStore::CatalogTable catalogTable(const QString &schema, const QString &name,
                                          const QString &status = QStringLiteral("Running"))
{
    MirrorItemStore::CatalogTable table;
    table.schema = schema;
    table.name = name;
    table.status = status;
    return table;
}

QString oneLakeTablesPath(const QString &workspaceId, const QString &itemId)
{
    return QStringLiteral("https://onelake.dfs.fabric.microsoft.com/%1/%2/Tables").arg(workspaceId, itemId);
}

} // namespace

void MirrorItemStore::clear()
{
    m_catalogs.clear();
    m_databricks.clear();
    m_sqlDatabases.clear();
    m_generic.clear();
}

void MirrorItemStore::buildDemo(FabricState &state)
{
    auto workspaceNamed = [&state](const QString &name) {
        for (const auto &ws : state.workspaces())
            if (ws.displayName == name)
                return ws.id;
        return QString();
    };
    const QString sales = workspaceNamed(QStringLiteral("Sales Analytics"));
    const QString finance = workspaceNamed(QStringLiteral("Finance"));
    const QString ops = workspaceNamed(QStringLiteral("Operations"));
    if (sales.isEmpty() || finance.isEmpty() || ops.isEmpty())
        return;
    const qint64 now = state.nowMs();

    auto addCatalog = [&](const QString &ws, const QString &name, const QString &sourceType,
                          const QString &status) -> Catalog & {
        auto c = std::make_unique<Catalog>();
        c->id = state.newId();
        c->sqlEndpointId = state.newId();
        c->connectionId = state.newId();
        c->workspaceId = ws;
        c->displayName = name;
        c->sourceType = sourceType;
        c->status = status;
        m_catalogs.push_back(std::move(c));
        return *m_catalogs.back();
    };
    // Running, with enough tables to page (the default page size is 100; tests lower it) and one
    // failing table, as in the spec's TablesMirroringStatus example.
    Catalog &iceberg = addCatalog(sales, QStringLiteral("IcebergSales"), QStringLiteral("DremioIcebergCatalog"),
                                  QStringLiteral("Running"));
    iceberg.description = QStringLiteral("Mirror selected sales schemas of the Dremio catalog");
    iceberg.scope = {QStringLiteral("Sales"), QStringLiteral("EU")};
    for (const char *schema : {"Taxes", "Receivable", "Orders"})
        for (const char *table : {"Invoices", "Lines", "Customers"})
            iceberg.tables.push_back(catalogTable(QString::fromLatin1(schema), QString::fromLatin1(table)));
    iceberg.tables[1].synced = false; // discovered, first sync cycle not done yet
    iceberg.tables[3].status = QStringLiteral("Failed");
    iceberg.tables[3].errorCode = QStringLiteral("TableLocationNotAccessible");
    iceberg.tables[3].errorMessage = QStringLiteral("Table location not accessible: s3://bucket/path/invoices");

    Catalog &glue = addCatalog(finance, QStringLiteral("GlueFinance"), QStringLiteral("AwsGlueCatalog"),
                               QStringLiteral("Failed"));
    glue.scope = {QStringLiteral("Finance")};
    glue.lastSyncMs = now - 25 * 60'000;
    glue.errorCode = QStringLiteral("InvalidInput");
    glue.errorMessage = QStringLiteral("Authentication to the source catalog failed. Verify the connection "
                                       "credentials are valid and have not expired, then try again.");
    glue.tables.push_back(catalogTable(QStringLiteral("Ledger"), QStringLiteral("Entries"), QStringLiteral("Failed")));
    glue.tables.back().errorCode = QStringLiteral("SourceAuthenticationFailed");
    glue.tables.back().errorMessage = QStringLiteral("The source catalog refused the credentials.");

    Catalog &dremioOps = addCatalog(ops, QStringLiteral("DremioOps"), QStringLiteral("DremioIcebergCatalog"),
                                    QStringLiteral("Stopped"));
    dremioOps.description = QStringLiteral("Stopped for the plant's maintenance window");
    dremioOps.scope = {QStringLiteral("Plant")};
    dremioOps.lastSyncMs = now - 3 * 3600'000;
    for (const char *table : {"Sensors", "Readings"})
        dremioOps.tables.push_back(catalogTable(QStringLiteral("Telemetry"), QString::fromLatin1(table),
                                                QStringLiteral("Stopped")));

    auto addDatabricks = [&](const QString &ws, const QString &name, const QString &catalogName,
                             const QString &syncStatus) -> DatabricksCatalog & {
        auto c = std::make_unique<DatabricksCatalog>();
        c->id = state.newId();
        c->sqlEndpointId = state.newId();
        c->connectionId = state.newId();
        c->workspaceId = ws;
        c->displayName = name;
        c->catalogName = catalogName;
        c->syncStatus = syncStatus;
        m_databricks.push_back(std::move(c));
        return *m_databricks.back();
    };
    addDatabricks(sales, QStringLiteral("UnitySales"), QStringLiteral("sales_prod"), QStringLiteral("Success"))
        .lastSyncMs = now - 20 * 60'000;
    DatabricksCatalog &unityFinance = addDatabricks(finance, QStringLiteral("UnityFinance"),
                                                    QStringLiteral("finance"), QStringLiteral("Failed"));
    unityFinance.lastSyncMs = now - 2 * 3600'000;
    unityFinance.mirroringMode = QStringLiteral("Partial");
    unityFinance.errorCode = QStringLiteral("CatalogNotAccessible");
    unityFinance.errorMessage = QStringLiteral("The Databricks workspace connection has no USE CATALOG privilege "
                                               "on 'finance'.");
    DatabricksCatalog &unityOps = addDatabricks(ops, QStringLiteral("UnityOps"), QStringLiteral("ops"),
                                                QStringLiteral("NotStarted"));
    unityOps.autoSync = QStringLiteral("Disabled");
    // A long first sync: in progress for an hour from the start of the sandbox.
    DatabricksCatalog &unityPlant = addDatabricks(ops, QStringLiteral("UnityPlant"), QStringLiteral("plant"),
                                                  QStringLiteral("InProgress"));
    unityPlant.refreshEndsMs = now + 3600'000;

    auto addSqlDatabase = [&](const QString &ws, const QString &name, bool mirroring) {
        auto d = std::make_unique<SqlDatabase>();
        d->id = state.newId();
        d->workspaceId = ws;
        d->displayName = name;
        d->databaseName = name + u'-' + d->id;
        d->mirroring = mirroring;
        m_sqlDatabases.push_back(std::move(d));
    };
    addSqlDatabase(sales, QStringLiteral("OrdersDb"), true);
    addSqlDatabase(finance, QStringLiteral("BudgetDb"), false);

    // Types this emulator knows only by name: a type of the ItemType enum without a typed API,
    // and one the spec does not list yet ("additional item types may be added over time").
    m_generic.append(GenericMirror{state.newId(), sales, QStringLiteral("MirroredWarehouse"),
                                   QStringLiteral("LegacyWarehouse"),
                                   QStringLiteral("A Synapse dedicated pool mirrored before the typed APIs")});
    m_generic.append(GenericMirror{state.newId(), ops, QStringLiteral("MirroredCosmosDbContainer"),
                                   QStringLiteral("SensorEvents"), QString()});
}

QString MirrorItemStore::addGeneric(FabricState &state, const QString &workspaceId, const QString &type,
                                    const QString &displayName)
{
    m_generic.append(GenericMirror{state.newId(), workspaceId, type, displayName, QString()});
    return m_generic.constLast().id;
}

void MirrorItemStore::addScaled(FabricState &state, const QString &workspaceId, const QString &name, int n)
{
    const bool failed = (n / 3) % 4 == 3;
    switch (n % 3) {
    case 0: {
        auto c = std::make_unique<Catalog>();
        c->id = state.newId();
        c->sqlEndpointId = state.newId();
        c->connectionId = state.newId();
        c->workspaceId = workspaceId;
        c->displayName = name + QStringLiteral(" catalog");
        c->sourceType = QStringLiteral("DremioIcebergCatalog");
        c->scope = {QStringLiteral("Sales")};
        c->lastSyncMs = state.nowMs() - 10 * 60'000;
        for (const char *table : {"Orders", "Lines", "Customers"})
            c->tables.push_back(catalogTable(QStringLiteral("Sales"), QString::fromLatin1(table)));
        if (failed) {
            c->status = QStringLiteral("Failed");
            c->errorCode = QStringLiteral("InvalidInput");
            c->errorMessage = QStringLiteral("Authentication to the source catalog failed.");
        }
        m_catalogs.push_back(std::move(c));
        break;
    }
    case 1: {
        auto c = std::make_unique<DatabricksCatalog>();
        c->id = state.newId();
        c->sqlEndpointId = state.newId();
        c->connectionId = state.newId();
        c->workspaceId = workspaceId;
        c->displayName = name + QStringLiteral(" unity");
        c->catalogName = QStringLiteral("catalog_%1").arg(n);
        c->lastSyncMs = state.nowMs() - 30 * 60'000;
        if (failed) {
            c->syncStatus = QStringLiteral("Failed");
            c->errorCode = QStringLiteral("CatalogNotAccessible");
            c->errorMessage = QStringLiteral("The Databricks workspace connection has no USE CATALOG privilege.");
        }
        m_databricks.push_back(std::move(c));
        break;
    }
    default: {
        auto d = std::make_unique<SqlDatabase>();
        d->id = state.newId();
        d->workspaceId = workspaceId;
        d->displayName = name + QStringLiteral(" sqldb");
        d->databaseName = d->displayName + u'-' + d->id;
        m_sqlDatabases.push_back(std::move(d));
        break;
    }
    }
}

Json MirrorItemStore::toJson() const
{
    auto str = [](const QString &text) { return toStdString(text); };
    Json catalogs = Json::array();
    for (const auto &c : m_catalogs) {
        Json tables = Json::array();
        for (const CatalogTable &t : c->tables)
            tables.push_back(Json{{"schema", str(t.schema)}, {"name", str(t.name)}, {"status", str(t.status)},
                                  {"synced", t.synced}, {"errorCode", str(t.errorCode)},
                                  {"errorMessage", str(t.errorMessage)}});
        Json scope = Json::array();
        for (const QString &s : c->scope)
            scope.push_back(str(s));
        catalogs.push_back(Json{{"id", str(c->id)}, {"workspaceId", str(c->workspaceId)},
                                {"displayName", str(c->displayName)}, {"description", str(c->description)},
                                {"sourceType", str(c->sourceType)}, {"connectionId", str(c->connectionId)},
                                {"sqlEndpointId", str(c->sqlEndpointId)}, {"scope", scope}, {"status", str(c->status)},
                                {"errorCode", str(c->errorCode)}, {"errorMessage", str(c->errorMessage)},
                                {"lastSyncMs", c->lastSyncMs}, {"metadataRefreshedMs", c->metadataRefreshedMs},
                                {"tables", tables}});
    }
    Json databricks = Json::array();
    for (const auto &c : m_databricks)
        databricks.push_back(Json{{"id", str(c->id)}, {"workspaceId", str(c->workspaceId)},
                                  {"displayName", str(c->displayName)}, {"description", str(c->description)},
                                  {"catalogName", str(c->catalogName)}, {"connectionId", str(c->connectionId)},
                                  {"sqlEndpointId", str(c->sqlEndpointId)}, {"mirroringMode", str(c->mirroringMode)},
                                  {"autoSync", str(c->autoSync)}, {"syncStatus", str(c->syncStatus)},
                                  {"errorCode", str(c->errorCode)}, {"errorMessage", str(c->errorMessage)},
                                  {"lastSyncMs", c->lastSyncMs}, {"refreshEndsMs", c->refreshEndsMs},
                                  {"refreshFails", c->refreshFails}});
    Json sqlDatabases = Json::array();
    for (const auto &d : m_sqlDatabases)
        sqlDatabases.push_back(Json{{"id", str(d->id)}, {"workspaceId", str(d->workspaceId)},
                                    {"displayName", str(d->displayName)}, {"description", str(d->description)},
                                    {"databaseName", str(d->databaseName)}, {"mirroring", d->mirroring},
                                    {"starts", d->starts}, {"stops", d->stops}});
    Json generic = Json::array();
    for (const GenericMirror &g : m_generic)
        generic.push_back(Json{{"id", str(g.id)}, {"workspaceId", str(g.workspaceId)}, {"type", str(g.type)},
                               {"displayName", str(g.displayName)}, {"description", str(g.description)}});
    return Json{{"catalogs", catalogs}, {"databricksCatalogs", databricks}, {"sqlDatabases", sqlDatabases},
                {"generic", generic}};
}

void MirrorItemStore::loadJson(const Json &json)
{
    // Json::value() throws on a field of the wrong type: the caller keeps the state it had.
    auto str = [](const Json &j, const char *key) { return toQString(j.value(key, std::string())); };
    std::vector<std::unique_ptr<Catalog>> catalogs;
    for (const Json &j : json.at("catalogs")) {
        auto c = std::make_unique<Catalog>();
        c->id = str(j, "id");
        c->workspaceId = str(j, "workspaceId");
        c->displayName = str(j, "displayName");
        c->description = str(j, "description");
        c->sourceType = str(j, "sourceType");
        c->connectionId = str(j, "connectionId");
        c->sqlEndpointId = str(j, "sqlEndpointId");
        for (const Json &s : j.at("scope"))
            c->scope.append(toQString(s.get<std::string>()));
        c->status = str(j, "status");
        c->errorCode = str(j, "errorCode");
        c->errorMessage = str(j, "errorMessage");
        c->lastSyncMs = j.at("lastSyncMs").get<qint64>();
        c->metadataRefreshedMs = j.at("metadataRefreshedMs").get<qint64>();
        for (const Json &t : j.at("tables"))
            c->tables.push_back({str(t, "schema"), str(t, "name"), str(t, "status"), t.at("synced").get<bool>(),
                                 str(t, "errorCode"), str(t, "errorMessage")});
        catalogs.push_back(std::move(c));
    }
    std::vector<std::unique_ptr<DatabricksCatalog>> databricks;
    for (const Json &j : json.at("databricksCatalogs")) {
        auto c = std::make_unique<DatabricksCatalog>();
        c->id = str(j, "id");
        c->workspaceId = str(j, "workspaceId");
        c->displayName = str(j, "displayName");
        c->description = str(j, "description");
        c->catalogName = str(j, "catalogName");
        c->connectionId = str(j, "connectionId");
        c->sqlEndpointId = str(j, "sqlEndpointId");
        c->mirroringMode = str(j, "mirroringMode");
        c->autoSync = str(j, "autoSync");
        c->syncStatus = str(j, "syncStatus");
        c->errorCode = str(j, "errorCode");
        c->errorMessage = str(j, "errorMessage");
        c->lastSyncMs = j.at("lastSyncMs").get<qint64>();
        c->refreshEndsMs = j.at("refreshEndsMs").get<qint64>();
        c->refreshFails = j.at("refreshFails").get<bool>();
        databricks.push_back(std::move(c));
    }
    std::vector<std::unique_ptr<SqlDatabase>> sqlDatabases;
    for (const Json &j : json.at("sqlDatabases")) {
        auto d = std::make_unique<SqlDatabase>();
        d->id = str(j, "id");
        d->workspaceId = str(j, "workspaceId");
        d->displayName = str(j, "displayName");
        d->description = str(j, "description");
        d->databaseName = str(j, "databaseName");
        d->mirroring = j.at("mirroring").get<bool>();
        d->starts = j.at("starts").get<int>();
        d->stops = j.at("stops").get<int>();
        sqlDatabases.push_back(std::move(d));
    }
    QList<GenericMirror> generic;
    for (const Json &j : json.at("generic"))
        generic.append({str(j, "id"), str(j, "workspaceId"), str(j, "type"), str(j, "displayName"),
                        str(j, "description")});
    m_catalogs = std::move(catalogs);
    m_databricks = std::move(databricks);
    m_sqlDatabases = std::move(sqlDatabases);
    m_generic = generic;
}

MirrorItemStore::Catalog *MirrorItemStore::catalog(const QString &workspaceId, const QString &id)
{
    return findIn(m_catalogs, workspaceId, id);
}

MirrorItemStore::DatabricksCatalog *MirrorItemStore::databricksCatalog(const QString &workspaceId, const QString &id)
{
    return findIn(m_databricks, workspaceId, id);
}

MirrorItemStore::SqlDatabase *MirrorItemStore::sqlDatabase(const QString &workspaceId, const QString &id)
{
    return findIn(m_sqlDatabases, workspaceId, id);
}

QList<MirrorItemStore::Catalog *> MirrorItemStore::catalogs(const QString &workspaceId)
{
    return allIn(m_catalogs, workspaceId);
}

QList<MirrorItemStore::DatabricksCatalog *> MirrorItemStore::databricksCatalogs(const QString &workspaceId)
{
    return allIn(m_databricks, workspaceId);
}

QList<MirrorItemStore::SqlDatabase *> MirrorItemStore::sqlDatabases(const QString &workspaceId)
{
    return allIn(m_sqlDatabases, workspaceId);
}

QList<MirrorItemStore::Listed> MirrorItemStore::listed(const QString &workspaceId) const
{
    QList<Listed> result;
    for (const Catalog *c : allIn(m_catalogs, workspaceId))
        result.append({c->id, QStringLiteral("MirroredCatalog"), c->displayName, c->description, c->sqlEndpointId});
    for (const DatabricksCatalog *c : allIn(m_databricks, workspaceId))
        result.append({c->id, QStringLiteral("MirroredAzureDatabricksCatalog"), c->displayName, c->description,
                       c->sqlEndpointId});
    for (const SqlDatabase *d : allIn(m_sqlDatabases, workspaceId))
        result.append({d->id, QStringLiteral("SQLDatabase"), d->displayName, d->description, {}});
    for (const GenericMirror &g : m_generic)
        if (g.workspaceId.compare(workspaceId, Qt::CaseInsensitive) == 0)
            result.append({g.id, g.type, g.displayName, g.description, {}});
    return result;
}

void MirrorItemStore::settle(DatabricksCatalog &catalog, qint64 nowMs)
{
    if (catalog.refreshEndsMs < 0 || catalog.refreshEndsMs > nowMs)
        return;
    catalog.lastSyncMs = catalog.refreshEndsMs;
    catalog.refreshEndsMs = -1;
    catalog.syncStatus = catalog.refreshFails ? QStringLiteral("Failed") : QStringLiteral("Success");
    if (!catalog.refreshFails)
        catalog.errorCode.clear(), catalog.errorMessage.clear();
}

Json MirrorItemStore::catalogJson(const Catalog &catalog, bool withProperties)
{
    Json json = itemJson(catalog.id, QStringLiteral("MirroredCatalog"), catalog.displayName, catalog.description,
                         catalog.workspaceId);
    if (withProperties) {
        Json scope = Json::array();
        for (const QString &s : catalog.scope)
            scope.push_back(toStdString(s));
        json["properties"] = Json{
            {"sourceType", toStdString(catalog.sourceType)},
            {"connectionId", toStdString(catalog.connectionId)},
            {"scope", scope},
            {"oneLakeTablesPath", toStdString(oneLakeTablesPath(catalog.workspaceId, catalog.id))},
            {"sqlEndpointProperties", Json{{"id", toStdString(catalog.sqlEndpointId)},
                                           {"connectionString", "sandbox.datawarehouse.fabric.microsoft.com"},
                                           {"provisioningStatus", "Success"}}}};
    }
    return json;
}

Json MirrorItemStore::catalogStatusJson(const Catalog &catalog, qint64 nowMs)
{
    Json json{{"status", toStdString(catalog.status)}};
    const qint64 lastSync = catalog.status == QLatin1String("Running") ? lastMinute(nowMs) : catalog.lastSyncMs;
    if (lastSync >= 0)
        json["lastSyncDateTime"] = at(lastSync);
    if (!catalog.errorCode.isEmpty())
        json["error"] = Json{{"errorCode", toStdString(catalog.errorCode)},
                             {"message", toStdString(catalog.errorMessage)}};
    return json;
}

Json MirrorItemStore::catalogTableJson(const Catalog &catalog, const CatalogTable &table, qint64 nowMs)
{
    Json json{{"schemaName", toStdString(table.schema)}, {"name", toStdString(table.name)},
              {"status", toStdString(table.status)}};
    const bool running = catalog.status == QLatin1String("Running") && table.status == QLatin1String("Running");
    const qint64 lastSync = running ? lastMinute(nowMs) : catalog.lastSyncMs >= 0 ? catalog.lastSyncMs
                                                                                  : lastMinute(nowMs);
    // Never synced: the spec's example sends null, but its schema allows only a string, so the
    // field is left out (a client reads both the same way).
    if (table.synced) {
        json["lastSyncDateTime"] = at(lastSync);
        if (table.status != QLatin1String("Failed"))
            json["lastUpdateDateTime"] = at(lastSync + 600);
    }
    if (!table.errorCode.isEmpty())
        json["error"] = Json{{"errorCode", toStdString(table.errorCode)}, {"message", toStdString(table.errorMessage)}};
    return json;
}

Json MirrorItemStore::databricksJson(const DatabricksCatalog &catalog, bool withProperties)
{
    Json json = itemJson(catalog.id, QStringLiteral("MirroredAzureDatabricksCatalog"), catalog.displayName,
                         catalog.description, catalog.workspaceId);
    if (!withProperties)
        return json;
    // lastSyncDateTime is required and typed string: a catalog never synced gets .NET's
    // DateTime.MinValue, as services built on it write; errorInfo is left out when there is none.
    Json syncDetails{{"status", toStdString(catalog.syncStatus)},
                     {"lastSyncDateTime", catalog.lastSyncMs >= 0 ? at(catalog.lastSyncMs) : std::string(kNeverSynced)}};
    if (!catalog.errorCode.isEmpty())
        syncDetails["errorInfo"] = Json{{"errorCode", toStdString(catalog.errorCode)},
                                        {"errorMessage", toStdString(catalog.errorMessage)}};
    json["properties"] = Json{
        {"catalogName", toStdString(catalog.catalogName)},
        {"mirroringMode", toStdString(catalog.mirroringMode)},
        {"databricksWorkspaceConnectionId", toStdString(catalog.connectionId)},
        {"oneLakeTablesPath", toStdString(oneLakeTablesPath(catalog.workspaceId, catalog.id))},
        {"sqlEndpointProperties", Json{{"id", toStdString(catalog.sqlEndpointId)},
                                       {"connectionString", "sandbox.datawarehouse.fabric.microsoft.com"}}},
        {"syncDetails", syncDetails},
        {"mirrorStatus", catalog.lastSyncMs >= 0 ? "Mirrored" : "NotMirrored"},
        {"autoSync", toStdString(catalog.autoSync)}};
    return json;
}

Json MirrorItemStore::sqlDatabaseJson(const SqlDatabase &database, bool withProperties)
{
    Json json = itemJson(database.id, QStringLiteral("SQLDatabase"), database.displayName, database.description,
                         database.workspaceId);
    if (withProperties) {
        const std::string server = "sandbox-" + toStdString(database.id.left(8)) + ".database.fabric.microsoft.com,1433";
        json["properties"] = Json{
            {"connectionString", "Data Source=" + server + ";Initial Catalog=" + toStdString(database.databaseName)
                                     + ";Encrypt=True;TrustServerCertificate=False"},
            {"databaseName", toStdString(database.databaseName)},
            {"serverFqdn", server}};
    }
    return json;
}

} // namespace fmc::sandbox
