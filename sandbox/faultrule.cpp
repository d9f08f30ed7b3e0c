#include "faultrule.h"

#include <QRegularExpression>

#include <array>
#include <utility>

namespace fmc::sandbox {

namespace {

constexpr std::array<std::pair<FaultRule::Kind, const char *>, 12> kKindNames{{
    {FaultRule::Kind::Status, "status"},
    {FaultRule::Kind::Latency, "latency"},
    {FaultRule::Kind::Stall, "stall"},
    {FaultRule::Kind::Drop, "drop"},
    {FaultRule::Kind::Reset, "reset"},
    {FaultRule::Kind::ShortBody, "shortBody"},
    {FaultRule::Kind::MalformedJson, "malformedJson"},
    {FaultRule::Kind::ForeignLocation, "foreignLocation"},
    {FaultRule::Kind::FailOperation, "failOperation"},
    {FaultRule::Kind::Redirect, "redirect"},
    {FaultRule::Kind::RepeatContinuation, "repeatContinuation"},
    {FaultRule::Kind::FailTables, "failTables"},
}};

QString stringField(const Json &json, const char *key)
{
    const auto it = json.find(key);
    return it != json.end() && it->is_string() ? toQString(it->get<std::string>()) : QString();
}

} // namespace

std::optional<FaultRule::Kind> FaultRule::kindFromString(const QString &name)
{
    for (const auto &[kind, text] : kKindNames)
        if (name.compare(QLatin1String(text), Qt::CaseInsensitive) == 0)
            return kind;
    return std::nullopt;
}

QString FaultRule::kindToString(Kind kind)
{
    for (const auto &[k, text] : kKindNames)
        if (k == kind)
            return QString::fromLatin1(text);
    return {};
}

std::optional<FaultRule> FaultRule::fromJson(const Json &json, QString *error)
{
    auto fail = [error](const QString &why) -> std::optional<FaultRule> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (!json.is_object())
        return fail(QStringLiteral("A fault is a JSON object."));
    FaultRule rule;
    const QString kind = stringField(json, "kind");
    if (!kind.isEmpty()) {
        const auto parsed = kindFromString(kind);
        if (!parsed)
            return fail(QStringLiteral("Unknown fault kind '%1'.").arg(kind));
        rule.kind = *parsed;
    }
    rule.operation = stringField(json, "operation");
    rule.pathPattern = stringField(json, "path");
    if (!rule.pathPattern.isEmpty() && !QRegularExpression(rule.pathPattern).isValid())
        return fail(QStringLiteral("'path' is not a valid regular expression."));
    rule.method = stringField(json, "method").toUpper().toLatin1();
    rule.errorCode = stringField(json, "errorCode");
    rule.message = stringField(json, "message");
    rule.foreignBaseUrl = QUrl(stringField(json, "foreignBaseUrl"));
    // An array, or one string with names separated by ';' or '|' (the --fault key=value form
    // already uses ',').
    if (const auto tables = json.find("tables"); tables != json.end()) {
        if (tables->is_string()) {
            rule.tables = toQString(tables->get<std::string>()).split(QRegularExpression(QStringLiteral("[;|]")),
                                                                      Qt::SkipEmptyParts);
        } else if (tables->is_array()) {
            for (const Json &name : *tables) {
                if (!name.is_string())
                    return fail(QStringLiteral("'tables' lists table names."));
                rule.tables.append(toQString(name.get<std::string>()));
            }
        } else {
            return fail(QStringLiteral("'tables' lists table names."));
        }
        for (QString &name : rule.tables)
            name = name.trimmed();
    }
    if (rule.kind == Kind::FailTables && rule.tables.isEmpty())
        return fail(QStringLiteral("A failTables fault names its 'tables'."));
    try {
        if (json.contains("probability"))
            rule.probability = json.at("probability").get<double>();
        if (json.contains("count"))
            rule.count = json.at("count").get<int>();
        if (json.contains("status"))
            rule.status = json.at("status").get<int>();
        if (json.contains("latencyMs"))
            rule.latencyMs = json.at("latencyMs").get<int>();
        if (json.contains("retryAfterMs"))
            rule.retryAfterMs = json.at("retryAfterMs").get<qint64>();
        if (json.contains("retryAfter")) {
            const Json &value = json.at("retryAfter");
            rule.retryAfter = value.is_number() ? QByteArray::number(value.get<qint64>())
                                                : QByteArray::fromStdString(value.get<std::string>());
        }
    } catch (const Json::exception &) {
        return fail(QStringLiteral("A fault field has the wrong type."));
    }
    if (rule.status < 100 || rule.status > 599)
        return fail(QStringLiteral("'status' must be an HTTP status code."));
    if (rule.probability < 0 || rule.probability > 1)
        return fail(QStringLiteral("'probability' must lie in [0, 1]."));
    return rule;
}

Json FaultRule::toJson() const
{
    Json json = Json::object();
    json["id"] = id;
    json["kind"] = toStdString(kindToString(kind));
    if (!operation.isEmpty())
        json["operation"] = toStdString(operation);
    if (!pathPattern.isEmpty())
        json["path"] = toStdString(pathPattern);
    if (!method.isEmpty())
        json["method"] = method.toStdString();
    json["probability"] = probability;
    json["count"] = count;
    if (kind == Kind::Status || kind == Kind::Redirect) {
        json["status"] = status;
        if (!errorCode.isEmpty())
            json["errorCode"] = toStdString(errorCode);
        if (!message.isEmpty())
            json["message"] = toStdString(message);
        if (retryAfter)
            json["retryAfter"] = retryAfter->toStdString();
        if (retryAfterMs)
            json["retryAfterMs"] = *retryAfterMs;
    }
    if (kind == Kind::Latency)
        json["latencyMs"] = latencyMs;
    if (kind == Kind::FailTables) {
        Json names = Json::array();
        for (const QString &name : tables)
            names.push_back(toStdString(name));
        json["tables"] = names;
        if (!errorCode.isEmpty())
            json["errorCode"] = toStdString(errorCode);
        if (!message.isEmpty())
            json["message"] = toStdString(message);
    }
    if (!foreignBaseUrl.isEmpty())
        json["foreignBaseUrl"] = toStdString(foreignBaseUrl.toString());
    return json;
}

} // namespace fmc::sandbox
