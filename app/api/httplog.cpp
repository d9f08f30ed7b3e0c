#include "app/api/httplog.h"

#include <QRegularExpression>
#include <QUrlQuery>

namespace fmc {

Q_LOGGING_CATEGORY(lcApi, "fmc.api")
Q_LOGGING_CATEGORY(lcApiHttp, "fmc.api.http")

namespace HttpLog {

bool isAllowedHeader(const QByteArray &name)
{
    // The Azure core allow-list (azurecore.md) plus requestId, x-ms-operation-id,
    // x-ms-public-api-error-code and the retry headers we act on.
    static const QByteArrayList allowed = {
        "x-ms-request-id", "x-ms-client-request-id", "x-ms-return-client-request-id", "traceparent",
        "accept", "cache-control", "connection", "content-length", "content-type", "date", "etag",
        "expires", "if-match", "if-modified-since", "if-none-match", "if-unmodified-since",
        "last-modified", "pragma", "request-id", "retry-after", "server", "transfer-encoding",
        "user-agent", "requestid", "x-ms-operation-id", "x-ms-public-api-error-code",
        "retry-after-ms", "x-ms-retry-after-ms",
    };
    return allowed.contains(name.toLower());
}

QString headers(const HttpHeaders &headerList)
{
    QStringList lines;
    for (const auto &[name, value] : headerList) {
        QString shown;
        if (isAllowedHeader(name))
            shown = QString::fromLatin1(value);
        else if (name.compare("location", Qt::CaseInsensitive) == 0)
            shown = url(QUrl::fromEncoded(value));
        else
            shown = Redacted;
        lines << QString::fromLatin1(name) + QStringLiteral(": ") + shown;
    }
    return lines.join(QStringLiteral("; "));
}

QString url(const QUrl &input)
{
    // Query names are public API vocabulary; values may be tokens, so only known-harmless ones show.
    static const QStringList allowedQuery = {
        QStringLiteral("hardDelete"), QStringLiteral("recursive"), QStringLiteral("roles"),
        QStringLiteral("format"), QStringLiteral("beta"), QStringLiteral("preferWorkspaceSpecificEndpoints"),
    };
    QUrl copy = input.adjusted(QUrl::RemoveUserInfo);
    if (copy.hasQuery()) {
        QUrlQuery query(copy);
        QUrlQuery shown;
        for (const auto &[name, value] : query.queryItems(QUrl::FullyEncoded))
            shown.addQueryItem(name, allowedQuery.contains(name) ? value : QString(Redacted));
        copy.setQuery(shown);
    }
    copy.setFragment({});
    return copy.toString(QUrl::FullyEncoded);
}

QString scrub(QString text)
{
    static const QRegularExpression bearer(QStringLiteral("(Bearer\\s+)[A-Za-z0-9._~+/=-]+"),
                                           QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression jwt(QStringLiteral("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*"));
    text.replace(bearer, QStringLiteral("\\1") + Redacted);
    text.replace(jwt, Redacted);
    return text;
}

} // namespace HttpLog
} // namespace fmc
