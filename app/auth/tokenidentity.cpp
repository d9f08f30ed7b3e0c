#include "app/auth/tokenidentity.h"

#include "app/api/safenumber.h"
#include "models/json.h"

namespace fmc {
namespace {

QString claim(const Json &payload, const char *name)
{
    const auto it = payload.find(name);
    if (it == payload.end() || !it->is_string())
        return {};
    return toQString(it->get<std::string>());
}

} // namespace

QString TokenIdentity::label() const
{
    if (!userPrincipalName.isEmpty())
        return userPrincipalName;
    if (!displayName.isEmpty())
        return displayName;
    return appId;
}

TokenIdentity TokenIdentity::fromJwt(const QString &token)
{
    TokenIdentity identity;
    const QStringList parts = token.split(QLatin1Char('.'));
    if (parts.size() != 3 || parts[1].isEmpty())
        return identity;
    // A JWT payload is base64url without padding; a token far larger than any JWT is not decoded.
    if (parts[1].size() > 64 * 1024)
        return identity;
    const auto decoded = QByteArray::fromBase64Encoding(
        parts[1].toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return identity;
    const auto payload = parseJson(*decoded, nullptr, JsonLimits{64 * 1024, 16});
    if (!payload || !payload->is_object())
        return identity;

    identity.isJwt = true;
    identity.userPrincipalName = claim(*payload, "upn");
    if (identity.userPrincipalName.isEmpty())
        identity.userPrincipalName = claim(*payload, "preferred_username");
    if (identity.userPrincipalName.isEmpty())
        identity.userPrincipalName = claim(*payload, "unique_name");
    identity.displayName = claim(*payload, "name");
    if (identity.displayName.isEmpty())
        identity.displayName = claim(*payload, "app_displayname");
    identity.objectId = claim(*payload, "oid");
    identity.tenantId = claim(*payload, "tid");
    identity.appId = claim(*payload, "azp");
    if (identity.appId.isEmpty())
        identity.appId = claim(*payload, "appid");
    const auto exp = payload->find("exp");
    // Clamped: a double out of qint64's range is undefined behaviour when converted.
    if (exp != payload->end() && exp->is_number())
        if (const auto seconds = clampedInteger(*exp, 0, qint64(253402300799))) // up to 9999-12-31
            identity.expiresAtUtc = QDateTime::fromSecsSinceEpoch(*seconds, Qt::UTC);
    return identity;
}

} // namespace fmc
