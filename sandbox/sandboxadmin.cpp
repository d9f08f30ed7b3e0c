#include "sandboxadmin.h"

#include "sandbox/apiresponse.h"
#include "sandbox/fabricstate.h"
#include "sandbox/sandbox.h"

#include "sandbox/entra/entraemulator.h"

namespace fmc::sandbox {

SandboxAdmin::SandboxAdmin(Sandbox *sandbox)
    : m_sandbox(sandbox)
{
}

std::optional<SandboxResponse> SandboxAdmin::handle(const SandboxRequest &request)
{
    QString path = request.path;
    if (path.endsWith(u'/'))
        path.chop(1);
    if (path != QLatin1String("/_sandbox") && !path.startsWith(QLatin1String("/_sandbox/")))
        return std::nullopt;
    const QStringList parts = path.mid(QStringLiteral("/_sandbox").size()).split(u'/', Qt::SkipEmptyParts);
    const QByteArray &method = request.method;
    auto bad = [](const QString &message) {
        return errorResponse(400, QStringLiteral("InvalidRequest"), message);
    };
    Json body = Json::object();
    if (!request.body.trimmed().isEmpty()) {
        QString why;
        const auto parsed = parseJson(request.body, &why);
        if (!parsed)
            return bad(QStringLiteral("The body is not valid JSON: %1").arg(why));
        body = *parsed;
    }
    const QString first = parts.value(0);

    if (parts.isEmpty() && method == "GET") {
        Json index{{"clockUtc", toStdString(fabricDateTime(m_sandbox->clock()->now()))},
                   {"speed", m_sandbox->clock()->speed()},
                   {"paused", m_sandbox->isClockPaused()},
                   {"endpoints", Json::array({"GET/DELETE /_sandbox/log", "GET/POST/DELETE /_sandbox/faults",
                                              "DELETE /_sandbox/faults/{id}", "GET /_sandbox/clock",
                                              "POST /_sandbox/clock/advance", "POST /_sandbox/clock/pause|resume",
                                              "PUT /_sandbox/lro", "PUT /_sandbox/catalogSearch",
                                              "POST /_sandbox/capacities/{id}/pause|resume",
                                              "POST /_sandbox/connections/{id}/offline|online",
                                              "POST /_sandbox/mirrors/{id}/quiet|busy",
                                              "POST /_sandbox/tokens/revoke", "PUT /_sandbox/tokens/lifetime",
                                              "POST /_sandbox/reset", "GET /_sandbox/state",
                                              "POST /_sandbox/state/save"})}};
        return jsonResponse(200, index);
    }
    if (first == QLatin1String("log") && parts.size() == 1) {
        if (method == "GET") {
            Json log = Json::array();
            for (const auto &entry : m_sandbox->requestLog())
                log.push_back(entry.toJson());
            return jsonResponse(200, Json{{"entries", log}});
        }
        if (method == "DELETE") {
            m_sandbox->clearRequestLog();
            return emptyResponse(200);
        }
    }
    if (first == QLatin1String("log") && parts.value(1) == QLatin1String("clear") && method == "POST") {
        m_sandbox->clearRequestLog();
        return emptyResponse(200);
    }
    if (first == QLatin1String("faults") && parts.size() == 1) {
        if (method == "GET") {
            Json list = Json::array();
            for (const auto &rule : m_sandbox->faults())
                list.push_back(rule.toJson());
            return jsonResponse(200, Json{{"faults", list}});
        }
        if (method == "POST") {
            // One rule or an array of rules; all are checked before any is added.
            const Json rules = body.is_array() ? body : Json::array({body});
            QList<FaultRule> parsed;
            for (const Json &json : rules) {
                QString why;
                const auto rule = FaultRule::fromJson(json, &why);
                if (!rule)
                    return bad(why);
                parsed.append(*rule);
            }
            Json ids = Json::array();
            for (const auto &rule : parsed)
                ids.push_back(m_sandbox->addFault(rule));
            return jsonResponse(201, Json{{"ids", ids}});
        }
        if (method == "DELETE") {
            m_sandbox->clearFaults();
            return emptyResponse(200);
        }
    }
    if (first == QLatin1String("faults") && parts.size() == 2 && method == "DELETE") {
        if (!m_sandbox->removeFault(parts[1].toInt()))
            return errorResponse(404, QStringLiteral("FaultNotFound"), QStringLiteral("No such fault."));
        return emptyResponse(200);
    }
    if (first == QLatin1String("clock")) {
        const QString action = parts.value(1);
        if (parts.size() == 2 && action == QLatin1String("advance") && method == "POST") {
            qint64 ms = 0;
            if (body.contains("ms") && body.at("ms").is_number())
                ms = body.at("ms").get<qint64>();
            else if (body.contains("seconds") && body.at("seconds").is_number())
                ms = qint64(body.at("seconds").get<double>() * 1000);
            else
                return bad(QStringLiteral("Give 'seconds' or 'ms'."));
            if (ms < 0)
                return bad(QStringLiteral("The clock only moves forward."));
            m_sandbox->advanceClock(ms);
        } else if (parts.size() == 2 && action == QLatin1String("pause") && method == "POST") {
            m_sandbox->pauseClock();
        } else if (parts.size() == 2 && action == QLatin1String("resume") && method == "POST") {
            m_sandbox->resumeClock();
        } else if (parts.size() != 1 || method != "GET") {
            return errorResponse(404, QStringLiteral("EntityNotFound"), QStringLiteral("No such admin resource."));
        }
        return jsonResponse(200, Json{{"nowUtc", toStdString(fabricDateTime(m_sandbox->clock()->now()))},
                                      {"msSinceStart", m_sandbox->clock()->nowMSecsSinceStart()},
                                      {"speed", m_sandbox->clock()->speed()},
                                      {"paused", m_sandbox->isClockPaused()}});
    }
    if (first == QLatin1String("lro") && (method == "PUT" || method == "POST")) {
        const QString mode = body.is_object() ? toQString(body.value("mode", std::string())) : QString();
        if (mode == QLatin1String("always"))
            m_sandbox->setLroMode(LroMode::Always);
        else if (mode == QLatin1String("never"))
            m_sandbox->setLroMode(LroMode::Never);
        else if (mode == QLatin1String("random"))
            m_sandbox->setLroMode(LroMode::Random);
        else
            return bad(QStringLiteral("'mode' is always, never or random."));
        return emptyResponse(200);
    }
    if (first == QLatin1String("catalogSearch") && parts.size() == 1 && (method == "PUT" || method == "POST")) {
        // {"enabled": false, "status": 403|404}: the tenant has no catalog search (preview).
        const bool enabled = body.is_object() && body.value("enabled", true);
        const int status = body.is_object() ? body.value("status", 403) : 403;
        if (!enabled && status != 403 && status != 404)
            return bad(QStringLiteral("'status' is 403 or 404."));
        m_sandbox->state()->setCatalogSearchRefusal(enabled ? 0 : status);
        return emptyResponse(200);
    }
    if (first == QLatin1String("capacities") && parts.size() == 3 && method == "POST") {
        const bool ok = parts[2] == QLatin1String("pause")    ? m_sandbox->pauseCapacity(parts[1])
                        : parts[2] == QLatin1String("resume") ? m_sandbox->resumeCapacity(parts[1])
                                                              : false;
        if (!ok)
            return errorResponse(404, QStringLiteral("CapacityNotFound"), QStringLiteral("No such capacity or action."));
        return emptyResponse(200);
    }
    if (first == QLatin1String("connections") && parts.size() == 3 && method == "POST"
        && (parts[2] == QLatin1String("offline") || parts[2] == QLatin1String("online"))) {
        // Optional body for offline: {"errorCode": "...", "message": "..."} (what testConnection reports).
        const bool online = parts[2] == QLatin1String("online");
        const QString code = body.is_object() && body.contains("errorCode") && body.at("errorCode").is_string()
            ? toQString(body.at("errorCode").get<std::string>())
            : QStringLiteral("DM_GWPipeline_Gateway_DataSourceAccessError");
        const QString message = body.is_object() && body.contains("message") && body.at("message").is_string()
            ? toQString(body.at("message").get<std::string>())
            : QStringLiteral("The data source could not be reached.");
        if (!m_sandbox->state()->setConnectionOnline(parts[1], online, code, message))
            return errorResponse(404, QStringLiteral("EntityNotFound"), QStringLiteral("No such connection."));
        return emptyResponse(200);
    }
    if (first == QLatin1String("mirrors") && parts.size() == 3 && method == "POST"
        && (parts[2] == QLatin1String("quiet") || parts[2] == QLatin1String("busy"))) {
        // {"schema": "dbo", "table": "orders", "seconds": N}: that source table has had no changes
        // for the last N seconds (default 0: from now on), so its table is idle.
        const auto field = [&body](const char *name) {
            return body.is_object() && body.contains(name) && body.at(name).is_string()
                       ? toQString(body.at(name).get<std::string>())
                       : QString();
        };
        const QString schema = field("schema");
        const QString table = field("table");
        if (schema.isEmpty() || table.isEmpty())
            return bad(QStringLiteral("Give 'schema' and 'table'."));
        const qint64 quietForMs = body.is_object() && body.contains("seconds") && body.at("seconds").is_number()
                                      ? qint64(body.at("seconds").get<double>() * 1000)
                                      : 0;
        if (quietForMs < 0)
            return bad(QStringLiteral("'seconds' is how long the source has been quiet, not negative."));
        if (!m_sandbox->state()->setSourceQuiet(parts[1], schema, table, parts[2] == QLatin1String("quiet"), quietForMs))
            return errorResponse(404, QStringLiteral("EntityNotFound"), QStringLiteral("No such mirrored database."));
        return emptyResponse(200);
    }
    if (first == QLatin1String("tokens") && parts.size() == 2) {
        if (!m_sandbox->entra())
            return errorResponse(501, QStringLiteral("NotImplemented"),
                                 QStringLiteral("This build has no sign-in emulator."));
        if (parts[1] == QLatin1String("revoke") && method == "POST") {
            m_sandbox->revokeAllTokens();
            return emptyResponse(200);
        }
        if (parts[1] == QLatin1String("lifetime") && (method == "PUT" || method == "POST")) {
            if (!body.contains("seconds") || !body.at("seconds").is_number_integer())
                return bad(QStringLiteral("Give 'seconds'."));
            m_sandbox->setTokenLifetimeSeconds(body.at("seconds").get<int>());
            return emptyResponse(200);
        }
    }
    if (first == QLatin1String("reset") && method == "POST") {
        m_sandbox->reset();
        return emptyResponse(200);
    }
    if (first == QLatin1String("state")) {
        if (parts.size() == 1 && method == "GET")
            return jsonResponse(200, m_sandbox->state()->toJson());
        if (parts.value(1) == QLatin1String("save") && method == "POST") {
            QString why;
            if (!m_sandbox->saveState(&why))
                return errorResponse(500, QStringLiteral("SaveFailed"), why);
            return emptyResponse(200);
        }
    }
    return errorResponse(404, QStringLiteral("EntityNotFound"), QStringLiteral("No such admin resource."));
}

} // namespace fmc::sandbox
