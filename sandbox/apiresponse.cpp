#include "apiresponse.h"

namespace fmc::sandbox {

SandboxResponse jsonResponse(int status, const Json &body)
{
    SandboxResponse response;
    response.status = status;
    response.body = dumpJson(body);
    response.setHeader("Content-Type", "application/json; charset=utf-8");
    return response;
}

SandboxResponse emptyResponse(int status)
{
    SandboxResponse response;
    response.status = status;
    return response;
}

SandboxResponse errorResponse(int status, const QString &errorCode, const QString &message)
{
    Json body = Json::object();
    body["errorCode"] = toStdString(errorCode);
    body["message"] = toStdString(message);
    return jsonResponse(status, body);
}

SandboxResponse errorResponse(const ApiRefusal &refusal)
{
    return errorResponse(refusal.status, refusal.errorCode, refusal.message);
}

QString fabricDateTime(const QDateTime &utc)
{
    return utc.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) + QStringLiteral("0000Z");
}

} // namespace fmc::sandbox
