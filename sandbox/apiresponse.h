#pragma once

#include "models/json.h"
#include "sandbox/sandboxhttp.h"

#include <QDateTime>
#include <QString>

namespace fmc::sandbox {

//! A refusal as the service words it: HTTP status, contractual errorCode, human message.
struct ApiRefusal {
    int status = 400;
    QString errorCode;
    QString message;
};

//! A JSON response (Content-Type application/json).
SandboxResponse jsonResponse(int status, const Json &body);
//! A response with no body and no Content-Type (what the spec's "200, no body" means).
SandboxResponse emptyResponse(int status);
//! An ErrorResponse body; the requestId is filled in when the response is sent.
SandboxResponse errorResponse(int status, const QString &errorCode, const QString &message);
SandboxResponse errorResponse(const ApiRefusal &refusal);

//! UTC date-time as Fabric writes it: seven fractional digits and a Z.
QString fabricDateTime(const QDateTime &utc);

} // namespace fmc::sandbox
