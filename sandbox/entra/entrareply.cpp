#include "sandbox/entra/entrareply.h"

#include <QUuid>

namespace fmc::sandbox {

namespace {

void addCommonHeaders(const SandboxRequest &request, SandboxResponse &response, const QString &traceId)
{
    response.setHeader("x-ms-request-id", traceId.toUtf8());
    const QByteArray clientRequestId = request.header("client-request-id");
    if (!clientRequestId.isEmpty())
        response.setHeader("client-request-id", EntraReply::correlationId(request).toUtf8());
}

QString newGuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace

QString EntraReply::correlationId(const SandboxRequest &request)
{
    // Echo only a well-formed GUID: the value ends up in our bodies and must not reflect arbitrary input.
    const QUuid id = QUuid::fromString(QString::fromLatin1(request.header("client-request-id")));
    return id.isNull() ? newGuid() : id.toString(QUuid::WithoutBraces);
}

SandboxResponse EntraReply::json(const SandboxRequest &request, int status, const Json &body)
{
    SandboxResponse response;
    response.status = status;
    response.body = dumpJson(body);
    response.setHeader("Content-Type", "application/json; charset=utf-8");
    response.setHeader("Cache-Control", "no-store, no-cache");
    response.setHeader("Pragma", "no-cache");
    addCommonHeaders(request, response, newGuid());
    return response;
}

SandboxResponse EntraReply::oauthError(const SandboxRequest &request, const QDateTime &now, int status,
                                       const QString &error, int aadstsCode, const QString &description)
{
    const QString traceId = newGuid();
    const QString correlation = correlationId(request);
    const QString timestamp = now.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + u'Z';
    const QString fullDescription = QStringLiteral("AADSTS%1: %2\r\nTrace ID: %3\r\nCorrelation ID: %4\r\nTimestamp: %5")
                                        .arg(aadstsCode).arg(description, traceId, correlation, timestamp);
    Json body = {{"error", error.toStdString()},
                 {"error_description", fullDescription.toStdString()},
                 {"error_codes", Json::array({aadstsCode})},
                 {"timestamp", timestamp.toStdString()},
                 {"trace_id", traceId.toStdString()},
                 {"correlation_id", correlation.toStdString()},
                 {"error_uri", "https://login.microsoftonline.com/error?code=" + std::to_string(aadstsCode)}};
    SandboxResponse response = json(request, status, body);
    response.setHeader("x-ms-request-id", traceId.toUtf8());
    return response;
}

SandboxResponse EntraReply::redirect(const QUrl &location)
{
    SandboxResponse response;
    response.status = 302;
    response.setHeader("Location", location.toEncoded());
    response.setHeader("Cache-Control", "no-store, no-cache");
    return response;
}

SandboxResponse EntraReply::html(int status, const QString &title, const QString &bodyHtml)
{
    SandboxResponse response;
    response.status = status;
    response.body = QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%1</title></head>"
                                   "<body><h1>%1</h1>%2</body></html>")
                        .arg(title.toHtmlEscaped(), bodyHtml)
                        .toUtf8();
    response.setHeader("Content-Type", "text/html; charset=utf-8");
    response.setHeader("Cache-Control", "no-store, no-cache");
    return response;
}

} // namespace fmc::sandbox
