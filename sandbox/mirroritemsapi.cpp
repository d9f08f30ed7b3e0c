#include "mirroritemsapi.h"

#include "sandbox/fabricapi.h"
#include "sandbox/fabricstate.h"

#include <functional>
#include <limits>

namespace fmc::sandbox {

namespace {

const QString kCatalogs = QStringLiteral("v1/workspaces/{}/mirroredCatalogs");
const QString kDatabricks = QStringLiteral("v1/workspaces/{}/mirroredAzureDatabricksCatalogs");
const QString kSqlDatabases = QStringLiteral("v1/workspaces/{}/sqlDatabases");

SandboxResponse notFound(const QString &id)
{
    return errorResponse(404, QStringLiteral("ItemNotFound"), QStringLiteral("The requested item %1 was not found.").arg(id));
}

} // namespace

MirrorItemsApi::MirrorItemsApi(FabricApi *api, FabricState *state)
    : m_api(api)
    , m_state(state)
{
    auto route = [this](const char *method, const QString &path, const char *operationId, bool beta, Handler handler) {
        m_routes.append({method, path.split(u'/'), QString::fromLatin1(operationId), beta, handler});
    };
    const QString catalog = kCatalogs + QStringLiteral("/{}");
    route("GET", kCatalogs, "Items_ListMirroredCatalogs", false, &MirrorItemsApi::listCatalogs);
    route("GET", catalog, "Items_GetMirroredCatalog", false, &MirrorItemsApi::getCatalog);
    route("GET", catalog + QStringLiteral("/mirroringStatus"), "Monitoring_Mirroring_Status_(beta)", true,
          &MirrorItemsApi::catalogStatus);
    route("GET", catalog + QStringLiteral("/tablesMirroringStatus"), "Monitoring_Tables_Mirroring_Status_(beta)",
          true, &MirrorItemsApi::catalogTablesStatus);
    route("POST", catalog + QStringLiteral("/refreshCatalogMetadata"), "Refresh_Refresh_Catalog_Metadata_(beta)",
          true, &MirrorItemsApi::refreshCatalog);
    const QString databricks = kDatabricks + QStringLiteral("/{}");
    route("GET", kDatabricks, "Items_ListMirroredAzureDatabricksCatalogs", false, &MirrorItemsApi::listDatabricks);
    route("GET", databricks, "Items_GetMirroredAzureDatabricksCatalog", false, &MirrorItemsApi::getDatabricks);
    route("POST", databricks + QStringLiteral("/refreshCatalogMetadata"), "Refresh_RefreshCatalogMetadata", false,
          &MirrorItemsApi::refreshDatabricks);
    const QString sqlDatabase = kSqlDatabases + QStringLiteral("/{}");
    route("GET", kSqlDatabases, "Items_ListSQLDatabases", false, &MirrorItemsApi::listSqlDatabases);
    route("GET", sqlDatabase, "Items_GetSQLDatabase", false, &MirrorItemsApi::getSqlDatabase);
    route("POST", sqlDatabase + QStringLiteral("/startMirroring"), "Mirroring_StartMirroring", false,
          &MirrorItemsApi::startSqlDatabaseMirroring);
    route("POST", sqlDatabase + QStringLiteral("/stopMirroring"), "Mirroring_StopMirroring", false,
          &MirrorItemsApi::stopSqlDatabaseMirroring);
}

const MirrorItemsApi::Route *MirrorItemsApi::match(const QByteArray &method, const QString &path,
                                                   QStringList *args) const
{
    QString trimmed = path.mid(path.startsWith(u'/') ? 1 : 0);
    if (trimmed.endsWith(u'/'))
        trimmed.chop(1);
    const QStringList segments = trimmed.split(u'/');
    for (const Route &route : m_routes) {
        if (route.segments.size() != segments.size() || (!method.isEmpty() && route.method != method))
            continue;
        QStringList found;
        bool ok = true;
        for (qsizetype i = 0; ok && i < segments.size(); ++i) {
            if (route.segments[i] == QLatin1String("{}")) {
                ok = !segments[i].isEmpty();
                found.append(segments[i]);
            } else {
                ok = route.segments[i].compare(segments[i], Qt::CaseInsensitive) == 0;
            }
        }
        if (ok) {
            if (args)
                *args = found;
            return &route;
        }
    }
    return nullptr;
}

QString MirrorItemsApi::operationId(const QByteArray &method, const QString &path) const
{
    const Route *route = match(method, path, nullptr);
    return route ? route->operationId : QString();
}

QStringList MirrorItemsApi::allowedMethods(const QString &path) const
{
    QStringList allowed;
    for (const Route &route : m_routes)
        if (match(route.method, path, nullptr) == &route && !allowed.contains(QString::fromLatin1(route.method)))
            allowed.append(QString::fromLatin1(route.method));
    return allowed;
}

std::optional<SandboxResponse> MirrorItemsApi::handle(const SandboxRequest &request, bool failOperations)
{
    QStringList args;
    const Route *route = match(request.method, request.path, &args);
    if (!route)
        return std::nullopt;
    // The preview calls answer only to callers that say they know they are calling a beta.
    if (route->beta && request.query.queryItemValue(QStringLiteral("beta")).compare(QLatin1String("true"),
                                                                                    Qt::CaseInsensitive) != 0)
        return errorResponse(400, QStringLiteral("InvalidParameter"),
                             QStringLiteral("This API is in beta: the query parameter beta=true is required."));
    return (this->*(route->handler))(request, args, failOperations);
}

template <typename T, typename Find>
T *MirrorItemsApi::itemFor(const QStringList &args, bool write, Find find, SandboxResponse *error)
{
    if (!m_api->workspaceFor(args[0], write, error))
        return nullptr;
    T *item = find(m_state->mirrorItems(), args[0], args[1]);
    if (!item)
        *error = notFound(args[1]);
    return item;
}

SandboxResponse MirrorItemsApi::longRunning(const SandboxRequest &request, const QString &kind, bool fails,
                                            qint64 *endsMs)
{
    if (!fails && !m_state->nextCallIsLongRunning()) {
        *endsMs = m_state->nowMs();
        return emptyResponse(200);
    }
    const FabricState::Operation *op = m_state->startOperation(kind, std::nullopt, fails);
    *endsMs = op->durationMs >= 0 ? op->createdMs + op->durationMs : std::numeric_limits<qint64>::max();
    return m_api->accepted(request, *op);
}

// --- MirroredCatalog (preview) ---------------------------------------------------------------

SandboxResponse MirrorItemsApi::listCatalogs(const SandboxRequest &request, const QStringList &args, bool)
{
    SandboxResponse error;
    if (!m_api->workspaceFor(args[0], false, &error))
        return error;
    const auto catalogs = m_state->mirrorItems().catalogs(args[0]);
    return m_api->page(request, catalogs.size(), "value",
                       [&](qsizetype i) { return MirrorItemStore::catalogJson(*catalogs[i], false); });
}

SandboxResponse MirrorItemsApi::getCatalog(const SandboxRequest &, const QStringList &args, bool)
{
    SandboxResponse error;
    const auto *catalog = itemFor<MirrorItemStore::Catalog>(args, false, std::mem_fn(&MirrorItemStore::catalog), &error);
    return catalog ? jsonResponse(200, MirrorItemStore::catalogJson(*catalog, true)) : error;
}

SandboxResponse MirrorItemsApi::catalogStatus(const SandboxRequest &, const QStringList &args, bool)
{
    SandboxResponse error;
    const auto *catalog = itemFor<MirrorItemStore::Catalog>(args, false, std::mem_fn(&MirrorItemStore::catalog), &error);
    return catalog ? jsonResponse(200, MirrorItemStore::catalogStatusJson(*catalog, m_state->nowMs())) : error;
}

SandboxResponse MirrorItemsApi::catalogTablesStatus(const SandboxRequest &request, const QStringList &args, bool)
{
    SandboxResponse error;
    const auto *catalog = itemFor<MirrorItemStore::Catalog>(args, false, std::mem_fn(&MirrorItemStore::catalog), &error);
    if (!catalog)
        return error;
    const qint64 now = m_state->nowMs();
    return m_api->page(request, qsizetype(catalog->tables.size()), "value", [&](qsizetype i) {
        return MirrorItemStore::catalogTableJson(*catalog, catalog->tables[size_t(i)], now);
    });
}

SandboxResponse MirrorItemsApi::refreshCatalog(const SandboxRequest &request, const QStringList &args,
                                               bool failOperations)
{
    SandboxResponse error;
    auto *catalog = itemFor<MirrorItemStore::Catalog>(args, true, std::mem_fn(&MirrorItemStore::catalog), &error);
    if (!catalog)
        return error;
    // A catalog that failed on its source (credentials, say) cannot read the source's metadata either.
    const bool fails = failOperations || catalog->status == QLatin1String("Failed");
    qint64 endsMs = 0;
    SandboxResponse response = longRunning(request, QStringLiteral("refreshCatalogMetadata"), fails, &endsMs);
    if (!fails) {
        catalog->metadataRefreshedMs = endsMs;
        for (auto &table : catalog->tables)
            table.synced = true; // discovered tables are picked up by the refresh
        m_state->mirrorItemChanged();
    }
    return response;
}

// --- MirroredAzureDatabricksCatalog ----------------------------------------------------------

SandboxResponse MirrorItemsApi::listDatabricks(const SandboxRequest &request, const QStringList &args, bool)
{
    SandboxResponse error;
    if (!m_api->workspaceFor(args[0], false, &error))
        return error;
    const auto catalogs = m_state->mirrorItems().databricksCatalogs(args[0]);
    const qint64 now = m_state->nowMs();
    return m_api->page(request, catalogs.size(), "value", [&](qsizetype i) {
        MirrorItemStore::settle(*catalogs[i], now);
        return MirrorItemStore::databricksJson(*catalogs[i], true);
    });
}

SandboxResponse MirrorItemsApi::getDatabricks(const SandboxRequest &, const QStringList &args, bool)
{
    SandboxResponse error;
    auto *catalog = itemFor<MirrorItemStore::DatabricksCatalog>(
        args, false, std::mem_fn(&MirrorItemStore::databricksCatalog), &error);
    if (!catalog)
        return error;
    MirrorItemStore::settle(*catalog, m_state->nowMs());
    return jsonResponse(200, MirrorItemStore::databricksJson(*catalog, true));
}

SandboxResponse MirrorItemsApi::refreshDatabricks(const SandboxRequest &request, const QStringList &args,
                                                  bool failOperations)
{
    SandboxResponse error;
    auto *catalog = itemFor<MirrorItemStore::DatabricksCatalog>(
        args, true, std::mem_fn(&MirrorItemStore::databricksCatalog), &error);
    if (!catalog)
        return error;
    qint64 endsMs = 0;
    SandboxResponse response = longRunning(request, QStringLiteral("refreshCatalogMetadata"), failOperations, &endsMs);
    // The sync runs until the operation ends: syncDetails reads InProgress meanwhile.
    catalog->syncStatus = QStringLiteral("InProgress");
    catalog->refreshEndsMs = endsMs;
    catalog->refreshFails = failOperations;
    if (failOperations) {
        catalog->errorCode = QStringLiteral("OperationFailed");
        catalog->errorMessage = QStringLiteral("The catalog metadata refresh failed.");
    }
    MirrorItemStore::settle(*catalog, m_state->nowMs());
    m_state->mirrorItemChanged();
    return response;
}

// --- SQL database ----------------------------------------------------------------------------

SandboxResponse MirrorItemsApi::listSqlDatabases(const SandboxRequest &request, const QStringList &args, bool)
{
    SandboxResponse error;
    if (!m_api->workspaceFor(args[0], false, &error))
        return error;
    const auto databases = m_state->mirrorItems().sqlDatabases(args[0]);
    return m_api->page(request, databases.size(), "value",
                       [&](qsizetype i) { return MirrorItemStore::sqlDatabaseJson(*databases[i], true); });
}

SandboxResponse MirrorItemsApi::getSqlDatabase(const SandboxRequest &, const QStringList &args, bool)
{
    SandboxResponse error;
    const auto *database = itemFor<MirrorItemStore::SqlDatabase>(args, false, std::mem_fn(&MirrorItemStore::sqlDatabase),
                                                                 &error);
    return database ? jsonResponse(200, MirrorItemStore::sqlDatabaseJson(*database, true)) : error;
}

SandboxResponse MirrorItemsApi::startSqlDatabaseMirroring(const SandboxRequest &, const QStringList &args, bool)
{
    return setSqlDatabaseMirroring(args, true);
}

SandboxResponse MirrorItemsApi::stopSqlDatabaseMirroring(const SandboxRequest &, const QStringList &args, bool)
{
    return setSqlDatabaseMirroring(args, false);
}

SandboxResponse MirrorItemsApi::setSqlDatabaseMirroring(const QStringList &args, bool on)
{
    SandboxResponse error;
    auto *database = itemFor<MirrorItemStore::SqlDatabase>(args, true, std::mem_fn(&MirrorItemStore::sqlDatabase), &error);
    if (!database)
        return error;
    // The spec documents 200 without a body whatever the state: starting a mirroring that runs
    // (or stopping one that does not) changes nothing.
    database->mirroring = on;
    ++(on ? database->starts : database->stops);
    m_state->mirrorItemChanged();
    return emptyResponse(200);
}

} // namespace fmc::sandbox
