#pragma once

#include "app/api/httpheaders.h"

#include <QLoggingCategory>
#include <QString>
#include <QUrl>

namespace fmc {

Q_DECLARE_LOGGING_CATEGORY(lcApi)      // fmc.api: calls, retries, errors with request ids
Q_DECLARE_LOGGING_CATEGORY(lcApiHttp)  // fmc.api.http: each HTTP exchange, headers allow-listed

//! \brief Log-safe renderings of HTTP traffic: only allow-listed header values and query values
//! appear; everything else (Authorization, tokens, continuation tokens) reads REDACTED.
namespace HttpLog {

inline const QLatin1String Redacted{"REDACTED"};

//! Whether a header's value may be logged (the Azure SDK allow-list plus Fabric's own ids).
bool isAllowedHeader(const QByteArray &name);
//! "name: value" lines with disallowed values replaced.
QString headers(const HttpHeaders &headers);
//! The URL with user info dropped and every query value not on the allow-list replaced.
QString url(const QUrl &url);
//! \a text with anything shaped like a bearer token or JWT replaced (for free-form strings).
QString scrub(QString text);

} // namespace HttpLog
} // namespace fmc
