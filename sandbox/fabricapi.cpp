#include "fabricapi.h"

#include "sandbox/catalogfilter.h"

#include <QUrlQuery>

namespace fmc::sandbox {

namespace {

const QString kMirrors = QStringLiteral("v1/workspaces/{}/mirroredDatabases");

bool canWrite(const QString &role)
{
    return role != QLatin1String("Viewer");
}

QString stringField(const Json &json, const char *key)
{
    const auto it = json.find(key);
    return it != json.end() && it->is_string() ? toQString(it->get<std::string>()) : QString();
}

SandboxResponse invalid(const QString &message)
{
    return errorResponse(400, QStringLiteral("InvalidRequest"), message);
}

//! An opaque token as long as Fabric's: the offset, then a tag derived from the seed that makes
//! every token a recognisable canary (a client must never log one: docs/reliability-matrix.md,
//! "No secrets in logs or on disk").
QByteArray encodeToken(qsizetype offset, quint32 seed)
{
    const QByteArray tag = QByteArray::number(quint64(seed + 1) * 0x9E3779B97F4A7C15ull, 16);
    return QByteArray("p:" + QByteArray::number(offset) + ':' + tag)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace

FabricApi::FabricApi(FabricState *state)
    : m_state(state)
{
    auto route = [this](const char *method, const QString &path, const char *operationId, Handler handler) {
        m_routes.append({method, path.split(u'/'), QString::fromLatin1(operationId), handler});
    };
    route("GET", QStringLiteral("v1/workspaces"), "Workspaces_ListWorkspaces", &FabricApi::listWorkspaces);
    route("GET", QStringLiteral("v1/workspaces/{}"), "Workspaces_GetWorkspace", &FabricApi::getWorkspace);
    route("GET", QStringLiteral("v1/connections"), "Connections_ListConnections", &FabricApi::listConnections);
    route("GET", QStringLiteral("v1/capacities"), "Capacities_ListCapacities", &FabricApi::listCapacities);
    route("POST", QStringLiteral("v1/connections/{}/testConnection"), "Connections_TestConnection",
          &FabricApi::testConnection);
    route("GET", kMirrors, "Items_ListMirroredDatabases", &FabricApi::listMirrors);
    route("POST", kMirrors, "Items_CreateMirroredDatabase", &FabricApi::createMirror);
    route("GET", kMirrors + QStringLiteral("/{}"), "Items_GetMirroredDatabase", &FabricApi::getMirror);
    route("PATCH", kMirrors + QStringLiteral("/{}"), "Items_UpdateMirroredDatabase", &FabricApi::updateMirror);
    route("DELETE", kMirrors + QStringLiteral("/{}"), "Items_DeleteMirroredDatabase", &FabricApi::deleteMirror);
    route("POST", kMirrors + QStringLiteral("/{}/getDefinition"), "Items_GetMirroredDatabaseDefinition",
          &FabricApi::getDefinition);
    route("POST", kMirrors + QStringLiteral("/{}/updateDefinition"), "Items_UpdateMirroredDatabaseDefinition",
          &FabricApi::updateDefinition);
    route("POST", kMirrors + QStringLiteral("/{}/startMirroring"), "Mirroring_StartMirroring",
          &FabricApi::startMirroring);
    route("POST", kMirrors + QStringLiteral("/{}/stopMirroring"), "Mirroring_StopMirroring",
          &FabricApi::stopMirroring);
    route("POST", kMirrors + QStringLiteral("/{}/getMirroringStatus"), "Mirroring_GetMirroringStatus",
          &FabricApi::mirroringStatus);
    route("POST", kMirrors + QStringLiteral("/{}/getTablesMirroringStatus"), "Mirroring_GetTablesMirroringStatus",
          &FabricApi::tablesStatus);
    route("GET", QStringLiteral("v1/operations/{}"), "LongRunningOperations_GetOperationState",
          &FabricApi::operationState);
    route("GET", QStringLiteral("v1/operations/{}/result"), "LongRunningOperations_GetOperationResult",
          &FabricApi::operationResult);
    route("GET", QStringLiteral("v1/workspaces/{}/items"), "Items_ListItems", &FabricApi::listItems);
    route("GET", QStringLiteral("v1/workspaces/{}/items/{}"), "Items_GetItem", &FabricApi::getItem);
    route("POST", QStringLiteral("v1/workspaces/{}/items/{}/getDefinition"), "Items_GetItemDefinition",
          &FabricApi::getItemDefinition);
    route("POST", QStringLiteral("v1/catalog/search"), "Catalog_Search", &FabricApi::catalogSearch);
    route("POST", QStringLiteral("v1/workspaces/{}/items"), "Items_CreateItem", &FabricApi::createItem);
    route("DELETE", QStringLiteral("v1/workspaces/{}/items/{}"), "Items_DeleteItem", &FabricApi::deleteItem);
    route("POST", QStringLiteral("v1/workspaces/{}/items/{}/updateDefinition"), "Items_UpdateItemDefinition",
          &FabricApi::updateItemDefinition);
    route("GET", QStringLiteral("v1/workspaces/{}/items/{}/connections"), "Items_ListItemConnections",
          &FabricApi::listItemConnections);
    route("POST", QStringLiteral("v1/workspaces/{}/sqlEndpoints/{}/refreshMetadata"),
          "Items_RefreshSqlEndpointMetadata", &FabricApi::refreshSqlEndpointMetadata);
}

const FabricApi::Route *FabricApi::match(const QByteArray &method, const QString &path, QStringList *args,
                                         QStringList *allowed) const
{
    QString trimmed = path.mid(1);
    if (trimmed.endsWith(u'/'))
        trimmed.chop(1);
    const QStringList segments = trimmed.split(u'/');
    const Route *found = nullptr;
    for (const Route &route : m_routes) {
        if (route.segments.size() != segments.size())
            continue;
        QStringList captured;
        bool ok = true;
        for (qsizetype i = 0; i < segments.size() && ok; ++i) {
            if (route.segments[i] == QLatin1String("{}")) {
                ok = !segments[i].isEmpty();
                captured.append(segments[i]);
            } else {
                ok = route.segments[i].compare(segments[i], Qt::CaseInsensitive) == 0;
            }
        }
        if (!ok)
            continue;
        if (allowed)
            allowed->append(QString::fromLatin1(route.method));
        if (route.method == method && !found) {
            found = &route;
            if (args)
                *args = captured;
        }
    }
    return found;
}

QString FabricApi::operationId(const QByteArray &method, const QString &path) const
{
    const Route *route = match(method, path, nullptr, nullptr);
    return route ? route->operationId : m_mirrorItems.operationId(method, path);
}

SandboxResponse FabricApi::handle(const SandboxRequest &request, const Context &context)
{
    QStringList args, allowed;
    const Route *route = match(request.method, request.path, &args, &allowed);
    const bool mirrorItem = !route && !m_mirrorItems.operationId(request.method, request.path).isEmpty();
    if (!route && !mirrorItem) {
        allowed += m_mirrorItems.allowedMethods(request.path);
        if (allowed.isEmpty())
            return errorResponse(404, QStringLiteral("EntityNotFound"),
                                 QStringLiteral("The requested resource %1 does not exist.").arg(request.path));
        SandboxResponse response = errorResponse(
            405, QStringLiteral("UnsupportedHttpMethod"),
            QStringLiteral("%1 is not supported on this resource; use %2.")
                .arg(QString::fromLatin1(request.method), allowed.join(QStringLiteral(", "))));
        response.setHeader("Allow", allowed.join(QStringLiteral(", ")).toLatin1());
        return response;
    }
    // A body is only ever JSON; one declared as something else is refused before anything runs.
    if (!request.body.isEmpty()) {
        const QByteArray type = request.header("Content-Type").toLower();
        if (!type.startsWith("application/json"))
            return errorResponse(415, QStringLiteral("UnsupportedMediaType"),
                                 QStringLiteral("The request body must be application/json."));
    }
    if (mirrorItem)
        return *m_mirrorItems.handle(request, context.failOperations);
    return (this->*(route->handler))(request, args, context);
}

QUrl FabricApi::publicUrl(const SandboxRequest &request, const QString &path, const QUrlQuery &query)
{
    QUrl url = request.publicBaseUrl;
    QString prefix = url.path();
    if (prefix.endsWith(u'/'))
        prefix.chop(1);
    url.setPath(prefix + path);
    url.setQuery(query);
    return url;
}

std::optional<Json> FabricApi::jsonBody(const SandboxRequest &request, SandboxResponse *error) const
{
    if (request.body.trimmed().isEmpty()) {
        *error = invalid(QStringLiteral("The request body is required."));
        return std::nullopt;
    }
    QString why;
    auto json = parseJson(request.body, &why);
    if (!json) {
        *error = invalid(QStringLiteral("The request body is not valid JSON: %1").arg(why));
        return std::nullopt;
    }
    if (!json->is_object()) {
        *error = invalid(QStringLiteral("The request body must be a JSON object."));
        return std::nullopt;
    }
    return json;
}

std::optional<qsizetype> FabricApi::decodeToken(const QString &token, qsizetype total)
{
    if (token.isEmpty())
        return 0;
    const auto decoded = QByteArray::fromBase64Encoding(token.toLatin1(), QByteArray::Base64UrlEncoding
                                                                              | QByteArray::AbortOnBase64DecodingErrors);
    bool ok = decoded && decoded.decoded.startsWith("p:");
    qsizetype offset = 0;
    if (ok) // "p:<offset>" or "p:<offset>:<tag>"
        offset = decoded.decoded.mid(2).split(':').first().toLongLong(&ok);
    if (!ok || offset < 0 || offset > total)
        return std::nullopt;
    return offset;
}

SandboxResponse FabricApi::page(const SandboxRequest &request, qsizetype total, const char *itemName,
                                const std::function<Json(qsizetype)> &item) const
{
    const std::optional<qsizetype> offsetOrNone = decodeToken(
        request.query.queryItemValue(QStringLiteral("continuationToken"), QUrl::FullyDecoded), total);
    if (!offsetOrNone)
        return errorResponse(400, QStringLiteral("InvalidContinuationToken"),
                             QStringLiteral("The continuation token is not valid."));
    const qsizetype offset = *offsetOrNone;
    const qsizetype pageSize = qMax(1, m_state->options().pageSize);
    const qsizetype end = qMin(total, offset + pageSize);
    Json items = Json::array();
    for (qsizetype i = offset; i < end; ++i)
        items.push_back(item(i));
    Json body = Json::object();
    body[itemName] = items;
    if (end < total) {
        const QByteArray next = encodeToken(end, m_state->seed());
        QUrlQuery query;
        for (const auto &[key, value] : request.query.queryItems(QUrl::FullyEncoded))
            if (key != QLatin1String("continuationToken"))
                query.addQueryItem(key, value);
        query.addQueryItem(QStringLiteral("continuationToken"), QString::fromLatin1(next));
        body["continuationToken"] = next.toStdString();
        body["continuationUri"] = toStdString(publicUrl(request, request.url.path(QUrl::FullyEncoded), query)
                                                  .toString(QUrl::FullyEncoded));
    }
    return jsonResponse(200, body);
}

const FabricState::Workspace *FabricApi::workspaceFor(const QString &id, bool write, SandboxResponse *error) const
{
    const FabricState::Workspace *ws = m_state->workspace(id);
    if (!ws) {
        *error = errorResponse(404, QStringLiteral("WorkspaceNotFound"),
                               QStringLiteral("The workspace %1 does not exist or you have no access to it.").arg(id));
        return nullptr;
    }
    if (!m_state->workspaceActive(*ws)) {
        // Fabric answers a call on an item of a paused capacity with errorCode CapacityNotActive
        // (Learn: "you can't list or access the mirrored database item"). The spec lists no
        // status for it; public reports of the Fabric REST API show it with 404, so that is what
        // the sandbox sends (the client treats both 403 and 404 as final, never retried).
        *error = errorResponse(404, QStringLiteral("CapacityNotActive"),
                               QStringLiteral("The capacity of workspace %1 is paused.").arg(ws->displayName));
        return nullptr;
    }
    if (write && !canWrite(ws->role)) {
        *error = errorResponse(403, QStringLiteral("InsufficientWorkspaceRole"),
                               QStringLiteral("The caller's role %1 in the workspace does not allow this.").arg(ws->role));
        return nullptr;
    }
    return ws;
}

FabricState::Mirror *FabricApi::mirrorFor(const QStringList &args, bool write, SandboxResponse *error)
{
    if (!workspaceFor(args[0], write, error))
        return nullptr;
    FabricState::Mirror *mirror = m_state->mirror(args[0], args[1]);
    if (!mirror)
        *error = errorResponse(404, QStringLiteral("ItemNotFound"),
                               QStringLiteral("The requested item %1 was not found.").arg(args[1]));
    return mirror;
}

SandboxResponse FabricApi::accepted(const SandboxRequest &request, const FabricState::Operation &operation) const
{
    SandboxResponse response = emptyResponse(202);
    response.setHeader("Location", publicUrl(request, QStringLiteral("/v1/operations/") + operation.id)
                                       .toString(QUrl::FullyEncoded)
                                       .toUtf8());
    response.setHeader("x-ms-operation-id", operation.id.toLatin1());
    if (m_state->options().lroRetryAfterSeconds >= 0)
        response.setHeader("Retry-After", QByteArray::number(m_state->options().lroRetryAfterSeconds));
    return response;
}

std::optional<ApiRefusal> FabricApi::decodeDefinition(const Json &definition, QByteArray *mirroringJson,
                                                      QByteArray *platformJson)
{
    auto corrupted = [](const QString &why) {
        return ApiRefusal{400, QStringLiteral("CorruptedPayload"), why};
    };
    if (!definition.is_object() || !definition.contains("parts") || !definition.at("parts").is_array())
        return corrupted(QStringLiteral("The definition needs a 'parts' array."));
    bool found = false;
    for (const Json &part : definition.at("parts")) {
        if (!part.is_object())
            return corrupted(QStringLiteral("Every definition part is an object."));
        const QString path = stringField(part, "path");
        const QString type = stringField(part, "payloadType");
        if (type != QLatin1String("InlineBase64"))
            return corrupted(QStringLiteral("The payloadType of part '%1' must be InlineBase64.").arg(path));
        const auto decoded = QByteArray::fromBase64Encoding(stringField(part, "payload").toLatin1(),
                                                            QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return corrupted(QStringLiteral("The payload of part '%1' is not Base64.").arg(path));
        if (path == QLatin1String("mirroring.json")) {
            found = true;
            *mirroringJson = decoded.decoded;
        } else if (path == QLatin1String(".platform")) {
            if (!parseJson(decoded.decoded))
                return corrupted(QStringLiteral("The .platform part is not valid JSON."));
            *platformJson = decoded.decoded;
        } else {
            return corrupted(QStringLiteral("Unexpected definition part '%1'.").arg(path));
        }
    }
    if (!found)
        return corrupted(QStringLiteral("The definition has no mirroring.json part."));
    return FabricState::validateMirroringJson(*mirroringJson);
}

// --- workspaces, connections, capacities ---------------------------------------------------

SandboxResponse FabricApi::listWorkspaces(const SandboxRequest &request, const QStringList &, const Context &)
{
    static const QStringList known{QStringLiteral("Admin"), QStringLiteral("Member"),
                                   QStringLiteral("Contributor"), QStringLiteral("Viewer")};
    QStringList roles;
    const QString rolesParam = request.query.queryItemValue(QStringLiteral("roles"), QUrl::FullyDecoded);
    if (request.query.hasQueryItem(QStringLiteral("roles")))
        for (const QString &role : rolesParam.split(u',')) {
            const auto it = std::find_if(known.begin(), known.end(), [&](const QString &k) {
                return k.compare(role.trimmed(), Qt::CaseInsensitive) == 0;
            });
            if (it == known.end())
                return errorResponse(400, QStringLiteral("InvalidParameter"),
                                     QStringLiteral("'%1' is not a workspace role.").arg(role.trimmed()));
            roles.append(*it);
        }
    QList<const FabricState::Workspace *> selected;
    for (const auto &ws : m_state->workspaces())
        if (roles.isEmpty() || roles.contains(ws.role))
            selected.append(&ws);
    return page(request, selected.size(), "value", [&](qsizetype i) {
        const FabricState::Workspace &ws = *selected[i];
        Json json{{"id", toStdString(ws.id)}, {"displayName", toStdString(ws.displayName)},
                  {"description", toStdString(ws.description)}, {"type", toStdString(ws.type)},
                  {"capacityId", toStdString(ws.capacityId)}};
        if (const auto *capacity = m_state->capacity(ws.capacityId))
            json["capacityRegion"] = toStdString(capacity->region);
        return json;
    });
}

SandboxResponse FabricApi::getWorkspace(const SandboxRequest &, const QStringList &args, const Context &)
{
    SandboxResponse error;
    const FabricState::Workspace *ws = m_state->workspace(args[0]);
    if (!ws)
        return errorResponse(404, QStringLiteral("WorkspaceNotFound"),
                             QStringLiteral("The workspace %1 does not exist or you have no access to it.").arg(args[0]));
    Json json{{"id", toStdString(ws->id)}, {"displayName", toStdString(ws->displayName)},
              {"description", toStdString(ws->description)}, {"type", toStdString(ws->type)},
              {"capacityId", toStdString(ws->capacityId)}};
    if (const auto *capacity = m_state->capacity(ws->capacityId))
        json["capacityRegion"] = toStdString(capacity->region);
    json["capacityAssignmentProgress"] = "Completed";
    json["oneLakeEndpoints"] = Json{{"blobEndpoint", "https://onelake.blob.fabric.microsoft.com"},
                                    {"dfsEndpoint", "https://onelake.dfs.fabric.microsoft.com"}};
    return jsonResponse(200, json);
}

SandboxResponse FabricApi::listConnections(const SandboxRequest &request, const QStringList &, const Context &)
{
    const auto &connections = m_state->connections();
    return page(request, connections.size(), "value", [&](qsizetype i) {
        const auto &c = connections[i];
        return Json{{"id", toStdString(c.id)},
                    {"displayName", toStdString(c.displayName)},
                    {"connectivityType", toStdString(c.connectivityType)},
                    {"connectionDetails", Json{{"type", toStdString(c.type)}, {"path", toStdString(c.path)}}},
                    {"privacyLevel", "Organizational"},
                    {"credentialDetails", Json{{"credentialType", toStdString(c.credentialType)},
                                               {"singleSignOnType", "None"},
                                               {"connectionEncryption", "NotEncrypted"},
                                               {"skipTestConnection", false}}},
                    {"allowConnectionUsageInGateway", false}};
    });
}

SandboxResponse FabricApi::testConnection(const SandboxRequest &request, const QStringList &args,
                                          const Context &context)
{
    const FabricState::Connection *connection = m_state->connection(args[0]);
    if (!connection)
        return errorResponse(404, QStringLiteral("EntityNotFound"),
                             QStringLiteral("The connection %1 was not found.").arg(args[0]));
    // Long-running per the spec: 200 with ConnectionStatusResponse, or 202 and the same as the
    // operation's result. The status is the one at the time of the call.
    const Json status = FabricState::connectionStatusJson(*connection);
    if (context.failOperations || m_state->nextCallIsLongRunning())
        return accepted(request, *m_state->startOperation(QStringLiteral("testConnection"), status,
                                                          context.failOperations));
    return jsonResponse(200, status);
}

SandboxResponse FabricApi::listCapacities(const SandboxRequest &request, const QStringList &, const Context &)
{
    const auto &capacities = m_state->capacities();
    return page(request, capacities.size(), "value", [&](qsizetype i) {
        const auto &c = capacities[i];
        return Json{{"id", toStdString(c.id)}, {"displayName", toStdString(c.displayName)},
                    {"sku", toStdString(c.sku)}, {"region", toStdString(c.region)},
                    {"state", c.active ? "Active" : "Inactive"}};
    });
}

// --- mirrored databases ----------------------------------------------------------------------

SandboxResponse FabricApi::listMirrors(const SandboxRequest &request, const QStringList &args, const Context &)
{
    SandboxResponse error;
    if (!workspaceFor(args[0], false, &error))
        return error;
    const QList<FabricState::Mirror *> mirrors = m_state->mirrors(args[0]);
    return page(request, mirrors.size(), "value",
                [&](qsizetype i) { return m_state->mirrorJson(mirrors[i], true); });
}

SandboxResponse FabricApi::createMirror(const SandboxRequest &request, const QStringList &args, const Context &)
{
    SandboxResponse error;
    if (!workspaceFor(args[0], true, &error))
        return error;
    const auto body = jsonBody(request, &error);
    if (!body)
        return error;
    const QString displayName = stringField(*body, "displayName").trimmed();
    if (displayName.isEmpty())
        return invalid(QStringLiteral("displayName is required."));
    if (body->contains("description") && !body->at("description").is_string())
        return invalid(QStringLiteral("description must be a string."));
    const QString description = stringField(*body, "description");
    if (description.size() > 256)
        return invalid(QStringLiteral("description can be at most 256 characters long."));
    if (!body->contains("definition"))
        return invalid(QStringLiteral("This API does not support creating a mirrored database without a definition."));
    QByteArray mirroringJson, platformJson;
    if (auto refusal = decodeDefinition(body->at("definition"), &mirroringJson, &platformJson))
        return errorResponse(*refusal);
    FabricState::Mirror *created = nullptr;
    if (auto refusal = m_state->createMirror(args[0], displayName, description, stringField(*body, "folderId"),
                                             mirroringJson, platformJson, &created))
        return errorResponse(*refusal);
    return jsonResponse(201, m_state->mirrorJson(created, true));
}

SandboxResponse FabricApi::getMirror(const SandboxRequest &, const QStringList &args, const Context &)
{
    SandboxResponse error;
    FabricState::Mirror *mirror = mirrorFor(args, false, &error);
    return mirror ? jsonResponse(200, m_state->mirrorJson(mirror, true)) : error;
}

SandboxResponse FabricApi::updateMirror(const SandboxRequest &request, const QStringList &args, const Context &)
{
    SandboxResponse error;
    FabricState::Mirror *mirror = mirrorFor(args, true, &error);
    if (!mirror)
        return error;
    const auto body = jsonBody(request, &error);
    if (!body)
        return error;
    std::optional<QString> displayName, description;
    if (body->contains("displayName")) {
        if (!body->at("displayName").is_string() || stringField(*body, "displayName").trimmed().isEmpty())
            return invalid(QStringLiteral("displayName must be a non-empty string."));
        displayName = stringField(*body, "displayName").trimmed();
    }
    if (body->contains("description")) {
        if (!body->at("description").is_string())
            return invalid(QStringLiteral("description must be a string."));
        description = stringField(*body, "description");
        if (description->size() > 256)
            return invalid(QStringLiteral("description can be at most 256 characters long."));
    }
    if (auto refusal = m_state->renameMirror(mirror, displayName, description))
        return errorResponse(*refusal);
    return jsonResponse(200, m_state->mirrorJson(mirror, true));
}

SandboxResponse FabricApi::deleteMirror(const SandboxRequest &request, const QStringList &args, const Context &)
{
    SandboxResponse error;
    FabricState::Mirror *mirror = mirrorFor(args, true, &error);
    if (!mirror)
        return error;
    const QString hard = request.query.queryItemValue(QStringLiteral("hardDelete")).toLower();
    if (!hard.isEmpty() && hard != QLatin1String("true") && hard != QLatin1String("false"))
        return errorResponse(400, QStringLiteral("InvalidParameter"), QStringLiteral("hardDelete must be true or false."));
    // A permanent delete needs the workspace Admin role (generic item delete rules).
    if (hard == QLatin1String("true") && m_state->workspace(args[0])->role != QLatin1String("Admin"))
        return errorResponse(403, QStringLiteral("InsufficientWorkspaceRole"),
                             QStringLiteral("A hard delete needs the workspace Admin role."));
    m_state->deleteMirror(args[0], mirror->id);
    return emptyResponse(200);
}

SandboxResponse FabricApi::getDefinition(const SandboxRequest &request, const QStringList &args, const Context &context)
{
    SandboxResponse error;
    FabricState::Mirror *mirror = mirrorFor(args, true, &error);
    if (!mirror)
        return error;
    const QString format = request.query.queryItemValue(QStringLiteral("format"));
    if (!format.isEmpty() && format.compare(QLatin1String("json"), Qt::CaseInsensitive) != 0
        && format != QLatin1String("Default"))
        return errorResponse(400, QStringLiteral("InvalidDefinitionFormat"),
                             QStringLiteral("The definition format '%1' is not supported.").arg(format));
    const Json definition = m_state->definitionJson(*mirror);
    if (context.failOperations || m_state->nextCallIsLongRunning())
        return accepted(request, *m_state->startOperation(QStringLiteral("getDefinition"), definition,
                                                          context.failOperations));
    return jsonResponse(200, definition);
}

SandboxResponse FabricApi::updateDefinition(const SandboxRequest &request, const QStringList &args,
                                            const Context &context)
{
    SandboxResponse error;
    FabricState::Mirror *mirror = mirrorFor(args, true, &error);
    if (!mirror)
        return error;
    const auto body = jsonBody(request, &error);
    if (!body)
        return error;
    if (!body->contains("definition"))
        return invalid(QStringLiteral("definition is required."));
    QByteArray mirroringJson, platformJson;
    if (auto refusal = decodeDefinition(body->at("definition"), &mirroringJson, &platformJson))
        return errorResponse(*refusal);
    if (auto refusal = m_state->updateDefinition(mirror, mirroringJson))
        return errorResponse(*refusal);
    // The .platform part only counts with updateMetadata=true, as for the generic item API.
    if (!platformJson.isEmpty()
        && request.query.queryItemValue(QStringLiteral("updateMetadata")).toLower() == QLatin1String("true")) {
        mirror->platformJson = platformJson;
        if (const auto platform = parseJson(platformJson); platform && platform->contains("metadata")) {
            const Json &metadata = platform->at("metadata");
            std::optional<QString> name, description;
            if (!stringField(metadata, "displayName").isEmpty())
                name = stringField(metadata, "displayName");
            if (metadata.contains("description"))
                description = stringField(metadata, "description").left(256);
            if (auto refusal = m_state->renameMirror(mirror, name, description))
                return errorResponse(*refusal);
        }
    }
    if (context.failOperations || m_state->nextCallIsLongRunning())
        return accepted(request, *m_state->startOperation(QStringLiteral("updateDefinition"), std::nullopt,
                                                          context.failOperations));
    return emptyResponse(200);
}

SandboxResponse FabricApi::mirrorAction(const QStringList &args, Action action)
{
    SandboxResponse error;
    FabricState::Mirror *mirror = mirrorFor(args, true, &error);
    if (!mirror)
        return error;
    if (auto refusal = (m_state->*action)(mirror))
        return errorResponse(*refusal);
    return emptyResponse(200);
}

SandboxResponse FabricApi::startMirroring(const SandboxRequest &, const QStringList &args, const Context &)
{
    return mirrorAction(args, &FabricState::startMirroring);
}

SandboxResponse FabricApi::stopMirroring(const SandboxRequest &, const QStringList &args, const Context &)
{
    return mirrorAction(args, &FabricState::stopMirroring);
}

SandboxResponse FabricApi::mirroringStatus(const SandboxRequest &, const QStringList &args, const Context &)
{
    SandboxResponse error;
    FabricState::Mirror *mirror = mirrorFor(args, false, &error);
    if (!mirror)
        return error;
    return jsonResponse(200, Json{{"status", toStdString(mirror->status)}});
}

SandboxResponse FabricApi::tablesStatus(const SandboxRequest &request, const QStringList &args, const Context &)
{
    SandboxResponse error;
    FabricState::Mirror *mirror = mirrorFor(args, false, &error);
    if (!mirror)
        return error;
    // Table status and metrics exist only while mirroring runs.
    if (mirror->status != QLatin1String("Running"))
        return page(request, 0, "data", [](qsizetype) { return Json(); });
    const auto &tables = m_state->tables(mirror);
    return page(request, qsizetype(tables.size()), "data",
                [&](qsizetype i) { return m_state->tableStatus(mirror, tables[size_t(i)]); });
}

// --- long-running operations -----------------------------------------------------------------

SandboxResponse FabricApi::operationState(const SandboxRequest &request, const QStringList &args, const Context &)
{
    const FabricState::Operation *op = m_state->operation(args[0]);
    if (!op)
        return errorResponse(404, QStringLiteral("OperationNotFound"),
                             QStringLiteral("The operation %1 does not exist.").arg(args[0]));
    const qint64 elapsed = m_state->nowMs() - op->createdMs;
    const bool done = op->ended(m_state->nowMs());
    const bool endless = op->durationMs < 0;
    Json json = Json::object();
    const QString status = done ? op->endStatus
                                : (!endless && elapsed < op->durationMs / 5 ? QStringLiteral("NotStarted")
                                                                           : QStringLiteral("Running"));
    json["status"] = toStdString(status);
    json["createdTimeUtc"] = toStdString(fabricDateTime(QDateTime::fromMSecsSinceEpoch(op->createdMs, Qt::UTC)));
    json["lastUpdatedTimeUtc"] = toStdString(fabricDateTime(QDateTime::fromMSecsSinceEpoch(
        op->createdMs + (endless ? elapsed : qMin<qint64>(elapsed, op->durationMs)), Qt::UTC)));
    json["percentComplete"] = done ? 100 : endless ? 50 : int(100 * elapsed / qMax(1, op->durationMs));
    if (done && !op->succeeds())
        json["error"] = Json{{"errorCode", toStdString(op->errorCode)},
                             {"message", toStdString(QStringLiteral("The operation ended %1 (injected by fabric-sandbox).").arg(status))},
                             {"requestId", toStdString(op->errorRequestId)}};
    SandboxResponse response = jsonResponse(200, json);
    response.setHeader("x-ms-operation-id", op->id.toLatin1());
    const QString statePath = QStringLiteral("/v1/operations/") + op->id;
    if (!done) {
        response.setHeader("Location", publicUrl(request, statePath).toString(QUrl::FullyEncoded).toUtf8());
        if (m_state->options().lroRetryAfterSeconds >= 0)
            response.setHeader("Retry-After", QByteArray::number(m_state->options().lroRetryAfterSeconds));
    } else if (op->succeeds() && op->result) {
        response.setHeader("Location", publicUrl(request, statePath + QStringLiteral("/result"))
                                           .toString(QUrl::FullyEncoded)
                                           .toUtf8());
    }
    return response;
}

SandboxResponse FabricApi::operationResult(const SandboxRequest &, const QStringList &args, const Context &)
{
    const FabricState::Operation *op = m_state->operation(args[0]);
    if (!op)
        return errorResponse(404, QStringLiteral("OperationNotFound"),
                             QStringLiteral("The operation %1 does not exist.").arg(args[0]));
    if (!op->ended(m_state->nowMs()))
        return errorResponse(400, QStringLiteral("OperationNotSucceeded"),
                             QStringLiteral("The operation has not completed yet."));
    if (!op->succeeds())
        return errorResponse(400, QStringLiteral("OperationFailed"), QStringLiteral("The operation failed."));
    if (!op->result)
        return errorResponse(400, QStringLiteral("OperationHasNoResult"),
                             QStringLiteral("The operation has no result."));
    return jsonResponse(200, *op->result);
}

// --- generic items ---------------------------------------------------------------------------

SandboxResponse FabricApi::listItems(const SandboxRequest &request, const QStringList &args, const Context &)
{
    SandboxResponse error;
    if (!workspaceFor(args[0], false, &error))
        return error;
    const QString type = request.query.queryItemValue(QStringLiteral("type"), QUrl::FullyDecoded);
    QList<Json> items;
    for (FabricState::Mirror *mirror : m_state->mirrors(args[0]))
        if (type.isEmpty() || type.compare(QLatin1String("MirroredDatabase"), Qt::CaseInsensitive) == 0)
            items.append(m_state->mirrorJson(mirror, false));
    for (const auto &item : m_state->otherItems(args[0]))
        if (type.isEmpty() || type.compare(item.type, Qt::CaseInsensitive) == 0)
            items.append(Json{{"id", toStdString(item.id)}, {"type", toStdString(item.type)},
                              {"displayName", toStdString(item.displayName)},
                              {"description", toStdString(item.description)},
                              {"workspaceId", toStdString(item.workspaceId)}});
    return page(request, items.size(), "value", [&](qsizetype i) { return items[i]; });
}

SandboxResponse FabricApi::getItem(const SandboxRequest &, const QStringList &args, const Context &)
{
    SandboxResponse error;
    if (!workspaceFor(args[0], false, &error))
        return error;
    if (FabricState::Mirror *mirror = m_state->mirror(args[0], args[1]))
        return jsonResponse(200, m_state->mirrorJson(mirror, false));
    for (const auto &item : m_state->otherItems(args[0]))
        if (item.id.compare(args[1], Qt::CaseInsensitive) == 0)
            return jsonResponse(200, Json{{"id", toStdString(item.id)}, {"type", toStdString(item.type)},
                                          {"displayName", toStdString(item.displayName)},
                                          {"description", toStdString(item.description)},
                                          {"workspaceId", toStdString(item.workspaceId)}});
    return errorResponse(404, QStringLiteral("ItemNotFound"),
                         QStringLiteral("The requested item %1 was not found.").arg(args[1]));
}

SandboxResponse FabricApi::getItemDefinition(const SandboxRequest &request, const QStringList &args,
                                             const Context &context)
{
    SandboxResponse error;
    if (!workspaceFor(args[0], true, &error))
        return error;
    if (m_state->mirror(args[0], args[1]))
        return getDefinition(request, args, context);
    for (const auto &item : m_state->otherItems(args[0]))
        if (item.id.compare(args[1], Qt::CaseInsensitive) == 0)
            return errorResponse(400, QStringLiteral("OperationNotSupportedForItem"),
                                 QStringLiteral("Items of type %1 have no definition.").arg(item.type));
    return errorResponse(404, QStringLiteral("ItemNotFound"),
                         QStringLiteral("The requested item %1 was not found.").arg(args[1]));
}

SandboxResponse FabricApi::listItemConnections(const SandboxRequest &request, const QStringList &args, const Context &)
{
    SandboxResponse error;
    if (!workspaceFor(args[0], false, &error))
        return error;
    QList<const FabricState::Connection *> connections;
    if (FabricState::Mirror *mirror = m_state->mirror(args[0], args[1])) {
        const QString id = FabricState::sourceConnectionId(*mirror);
        if (const auto *c = m_state->connection(id))
            connections.append(c);
    } else {
        bool other = false;
        for (const auto &item : m_state->otherItems(args[0]))
            other = other || item.id.compare(args[1], Qt::CaseInsensitive) == 0;
        if (!other)
            return errorResponse(404, QStringLiteral("ItemNotFound"),
                                 QStringLiteral("The requested item %1 was not found.").arg(args[1]));
    }
    return page(request, connections.size(), "value", [&](qsizetype i) {
        const auto &c = *connections[i];
        return Json{{"id", toStdString(c.id)}, {"displayName", toStdString(c.displayName)},
                    {"connectivityType", toStdString(c.connectivityType)},
                    {"connectionDetails", Json{{"type", toStdString(c.type)}, {"path", toStdString(c.path)}}}};
    });
}

// --- SQL analytics endpoint ------------------------------------------------------------------

SandboxResponse FabricApi::refreshSqlEndpointMetadata(const SandboxRequest &request, const QStringList &args,
                                                      const Context &context)
{
    // The spec: contributor or higher workspace role (a Viewer is refused).
    SandboxResponse error;
    if (!workspaceFor(args[0], true, &error))
        return error;
    FabricState::Mirror *mirror = m_state->mirrorBySqlEndpoint(args[0], args[1]);
    if (!mirror)
        return errorResponse(404, QStringLiteral("ItemNotFound"),
                             QStringLiteral("The requested item %1 was not found.").arg(args[1]));
    FabricState::EndpointRefresh refresh;
    // The body is optional (SqlEndpointRefreshMetadataRequest has no required field).
    if (!request.body.trimmed().isEmpty()) {
        const auto body = jsonBody(request, &error);
        if (!body)
            return error;
        if (body->contains("recreateTables")) {
            if (!body->at("recreateTables").is_boolean())
                return invalid(QStringLiteral("recreateTables must be true or false."));
            refresh.recreateTables = body->at("recreateTables").get<bool>();
        }
        if (body->contains("timeout")) {
            static const std::map<QString, qint64> units{{QStringLiteral("Seconds"), 1000},
                                                         {QStringLiteral("Minutes"), 60'000},
                                                         {QStringLiteral("Hours"), 3'600'000},
                                                         {QStringLiteral("Days"), 86'400'000}};
            const Json &timeout = body->at("timeout");
            const auto unit = timeout.is_object() ? units.find(stringField(timeout, "timeUnit")) : units.end();
            if (unit == units.end() || !timeout.contains("value") || !timeout.at("value").is_number()
                || timeout.at("value").get<double>() <= 0)
                return errorResponse(400, QStringLiteral("InvalidParameter"),
                                     QStringLiteral("timeout is a Duration: a positive value and a timeUnit of "
                                                    "Seconds, Minutes, Hours or Days."));
            refresh.timeoutMs = qint64(qMin(timeout.at("value").get<double>() * double(unit->second), 1e15));
        }
    }
    refresh.failTables = context.failTables;
    refresh.errorCode = context.failTablesErrorCode;
    refresh.errorMessage = context.failTablesMessage;
    // Small endpoints answer at once; larger ones, and dropping and recreating tables, run as a
    // long-running operation whose /result is the same body.
    constexpr qsizetype kImmediateTables = 50;
    const bool longRunning = context.failOperations || refresh.recreateTables
                             || m_state->endpointTableCount(mirror) > kImmediateTables
                             || m_state->options().lroMode == LroMode::Always;
    if (context.failOperations)
        return accepted(request, *m_state->startOperation(QStringLiteral("refreshMetadata"), std::nullopt, true));
    const Json result = m_state->refreshSqlEndpoint(mirror, refresh);
    if (longRunning)
        return accepted(request, *m_state->startOperation(QStringLiteral("refreshMetadata"), result, false));
    return jsonResponse(200, result);
}

// --- catalog search (preview) ---------------------------------------------------------------

SandboxResponse FabricApi::catalogSearch(const SandboxRequest &request, const QStringList &, const Context &)
{
    // A tenant without the preview answers as Fabric does when a feature is not enabled.
    if (const int refusal = m_state->options().catalogSearchRefusal; refusal == 404)
        return errorResponse(404, QStringLiteral("FeatureNotAvailable"),
                             QStringLiteral("Catalog search is not available for this tenant."));
    else if (refusal != 0)
        return errorResponse(403, QStringLiteral("FeatureNotAvailable"),
                             QStringLiteral("Catalog search is not enabled for this tenant."));
    SandboxResponse error;
    const std::optional<Json> body = jsonBody(request, &error);
    if (!body)
        return error;
    qsizetype pageSize = m_state->options().pageSize;
    if (const auto it = body->find("pageSize"); it != body->end()) {
        if (!it->is_number_integer() || it->get<qint64>() < 1 || it->get<qint64>() > 1000)
            return invalid(QStringLiteral("'pageSize' must be an integer between 1 and 1000."));
        pageSize = qsizetype(it->get<qint64>());
    }
    QString why;
    const std::optional<CatalogFilter> filter = CatalogFilter::parse(stringField(*body, "filter"), &why);
    if (!filter)
        return errorResponse(400, QStringLiteral("InvalidFilter"), why);
    const QString search = stringField(*body, "search").trimmed();

    // Every item of every workspace the caller has a role in, in a stable order: workspaces as
    // listed, then each one's mirrored databases, then its other items.
    struct Entry {
        QString id, type, displayName, description;
        const FabricState::Workspace *workspace;
    };
    QList<Entry> entries;
    for (const FabricState::Workspace &ws : m_state->workspaces()) {
        auto add = [&](Entry entry) {
            const bool found = search.isEmpty() || entry.displayName.contains(search, Qt::CaseInsensitive)
                               || entry.description.contains(search, Qt::CaseInsensitive)
                               || ws.displayName.contains(search, Qt::CaseInsensitive);
            if (found && filter->matches(entry.type))
                entries.append(std::move(entry));
        };
        for (const FabricState::Mirror *m : m_state->mirrors(ws.id))
            add({m->id, QStringLiteral("MirroredDatabase"), m->displayName, m->description, &ws});
        for (const FabricState::Item &item : m_state->otherItems(ws.id))
            add({item.id, item.type, item.displayName, item.description, &ws});
    }

    // The token travels in the body (not in the query, as list calls have it).
    const std::optional<qsizetype> offset = decodeToken(stringField(*body, "continuationToken"), entries.size());
    if (!offset)
        return errorResponse(400, QStringLiteral("InvalidContinuationToken"),
                             QStringLiteral("The continuation token is not valid."));
    const qsizetype end = qMin(entries.size(), *offset + pageSize);
    Json value = Json::array();
    for (qsizetype i = *offset; i < end; ++i) {
        const Entry &e = entries[i];
        Json json{{"id", toStdString(e.id)}, {"type", toStdString(e.type)}, {"catalogEntryType", "FabricItem"},
                  {"displayName", toStdString(e.displayName)}};
        if (!e.description.isEmpty())
            json["description"] = toStdString(e.description);
        json["hierarchy"] = Json{{"workspace", Json{{"id", toStdString(e.workspace->id)},
                                                     {"displayName", toStdString(e.workspace->displayName)}}}};
        value.push_back(std::move(json));
    }
    Json answer{{"value", value}};
    if (end < entries.size())
        answer["continuationToken"] = encodeToken(end, m_state->seed()).toStdString();
    return jsonResponse(200, answer);
}

} // namespace fmc::sandbox
