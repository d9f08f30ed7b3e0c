#include "sandbox/entra/entratokenservice.h"

#include "sandbox/entra/entradiscovery.h"
#include "sandbox/entra/entraform.h"
#include "sandbox/entra/entrareply.h"

#include <QCryptographicHash>
#include <QUuid>

namespace fmc::sandbox {

namespace {

constexpr qint64 refreshTokenLifetimeMs = 90LL * 24 * 3600 * 1000; // Entra's default: 90 days
constexpr int maxRememberedSecrets = 1000;

QByteArray randomBytes(QRandomGenerator &generator, int count)
{
    QByteArray bytes;
    bytes.reserve(count + 4);
    while (bytes.size() < count) {
        const quint32 value = generator.generate();
        bytes.append(reinterpret_cast<const char *>(&value), qMin<qsizetype>(4, count - bytes.size()));
    }
    return bytes;
}

QByteArray secretBytes(int count)
{
    return randomBytes(*QRandomGenerator::system(), count);
}

QString guidFrom(QByteArray bytes)
{
    bytes[6] = char((bytes[6] & 0x0f) | 0x40);
    bytes[8] = char((bytes[8] & 0x3f) | 0x80);
    return QUuid::fromRfc4122(bytes).toString(QUuid::WithoutBraces);
}

} // namespace

// ---- EntraCounters -----------------------------------------------------------------------------

Json EntraCounters::toJson() const
{
    Json requests = Json::object();
    int total = 0;
    for (const char *key : {"authorization_code", "client_credentials", "device_code", "refresh_token", "unknown"}) {
        const int count = tokenRequests.value(QString::fromLatin1(key));
        requests[key] = count;
        total += count;
    }
    requests["total"] = total;
    Json errors = Json::object();
    for (auto it = tokenErrors.cbegin(); it != tokenErrors.cend(); ++it)
        errors[toStdString(it.key())] = it.value();
    return Json{{"tokenRequests", requests},
                {"errors", errors},
                {"tokensIssued", tokensIssued},
                {"deviceCodeRequests", deviceCodeRequests},
                {"authorizeRequests", authorizeRequests},
                {"deviceCodePollsAfterExpiry", deviceCodePollsAfterExpiry}};
}

void EntraCounters::reset()
{
    tokenRequests.clear();
    tokenErrors.clear();
    tokensIssued = deviceCodeRequests = authorizeRequests = deviceCodePollsAfterExpiry = 0;
}

// ---- EntraTokenService -------------------------------------------------------------------------

EntraTokenService::EntraTokenService(SandboxClock *clock, const EntraOptions &options)
    : m_clock(clock)
    , m_options(options)
{
    if (m_options.tokenLifetimeSeconds < 1)
        m_options.tokenLifetimeSeconds = 3600;
    m_random.seed(options.seed);
    // Drawn in this order, so that --seed reproduces the same identities.
    m_user = EntraUser{seededGuid(), QStringLiteral("Sandbox User"),
                       QStringLiteral("sandbox.user@fabricsandbox.onmicrosoft.com")};
    m_clients = {
        EntraClient{EntraEmulator::defaultClientId(), EntraEmulator::defaultClientSecret(),
                    QStringLiteral("fabric-sandbox automation"), seededGuid()},
        EntraClient{EntraEmulator::defaultPublicClientId(), {}, QStringLiteral("Fabric Mirroring Console"), seededGuid()},
    };
    remember(EntraEmulator::defaultClientSecret());
}

QString EntraTokenService::seededGuid()
{
    return guidFrom(randomBytes(m_random, 16));
}

QString EntraTokenService::randomOpaque(const char *prefix, int bytes)
{
    return QString::fromLatin1(prefix + JwtSigner::base64Url(secretBytes(bytes)));
}

QString EntraTokenService::randomGuid()
{
    return guidFrom(secretBytes(16));
}

void EntraTokenService::remember(const QString &secret)
{
    if (secret.isEmpty())
        return;
    m_secrets.append(secret);
    if (m_secrets.size() > maxRememberedSecrets)
        m_secrets.removeFirst();
}

bool EntraTokenService::isOurTenant(const QString &tenant) const
{
    return tenant.compare(m_options.tenantId, Qt::CaseInsensitive) == 0
           || tenant == QLatin1String("common") || tenant == QLatin1String("organizations")
           || tenant.compare(QLatin1String("fabricsandbox.onmicrosoft.com"), Qt::CaseInsensitive) == 0;
}

QString EntraTokenService::tenantNotFound(const QString &tenant)
{
    return QStringLiteral("Tenant '%1' not found. Check to make sure you have the correct tenant ID and are "
                          "signing into the correct cloud.").arg(tenant);
}

const EntraClient *EntraTokenService::findClient(const QString &id) const
{
    for (const EntraClient &client : m_clients)
        if (client.id.compare(id, Qt::CaseInsensitive) == 0)
            return &client;
    return nullptr;
}

const EntraClient *EntraTokenService::authenticateClient(const SandboxRequest &request, const QUrlQuery &form,
                                                         std::optional<SandboxResponse> *failure)
{
    QString clientId = EntraForm::field(form, QStringLiteral("client_id"));
    QString secret = EntraForm::field(form, QStringLiteral("client_secret"));
    const QByteArray authorization = request.header("Authorization").trimmed();
    if (authorization.toLower().startsWith("basic ")) {
        const QByteArray decoded = QByteArray::fromBase64(authorization.mid(6).trimmed());
        const qsizetype colon = decoded.indexOf(':');
        if (colon > 0) {
            clientId = QUrl::fromPercentEncoding(decoded.left(colon));
            secret = QUrl::fromPercentEncoding(decoded.mid(colon + 1));
        }
    }
    if (clientId.isEmpty()) {
        *failure = missingParameter(request, QStringLiteral("client_id"));
        return nullptr;
    }
    const EntraClient *client = findClient(clientId);
    if (!client) {
        *failure = error(request, 400, QStringLiteral("unauthorized_client"), 700016,
                         QStringLiteral("Application with identifier '%1' was not found in the directory '%2'. "
                                        "This can happen if the application has not been installed by the "
                                        "administrator of the tenant or consented to by any user in the tenant. "
                                        "You may have sent your authentication request to the wrong tenant.")
                             .arg(clientId, m_options.tenantId));
        return nullptr;
    }
    remember(secret);
    if (client->isPublic()) {
        if (!secret.isEmpty()) {
            *failure = error(request, 401, QStringLiteral("invalid_client"), 700025,
                             QStringLiteral("Client is public so neither 'client_assertion' nor "
                                            "'client_secret' should be presented."));
            return nullptr;
        }
        return client;
    }
    if (secret.isEmpty()) {
        *failure = error(request, 401, QStringLiteral("invalid_client"), 7000218,
                         QStringLiteral("The request body must contain the following parameter: "
                                        "'client_assertion' or 'client_secret'."));
        return nullptr;
    }
    if (secret != client->secret) {
        *failure = error(request, 401, QStringLiteral("invalid_client"), 7000215,
                         QStringLiteral("Invalid client secret provided. Ensure the secret being sent in the "
                                        "request is the client secret value, not the client secret ID, for a "
                                        "secret added to app '%1'.").arg(client->id));
        return nullptr;
    }
    return client;
}

SandboxResponse EntraTokenService::error(const SandboxRequest &request, int status, const QString &code, int aadsts,
                                         const QString &description)
{
    ++m_counters.tokenErrors[code];
    return EntraReply::oauthError(request, now(), status, code, aadsts, description);
}

SandboxResponse EntraTokenService::missingParameter(const SandboxRequest &request, const QString &name)
{
    return error(request, 400, QStringLiteral("invalid_request"), 900144,
                 QStringLiteral("The request body must contain the following parameter: '%1'.").arg(name));
}

SandboxResponse EntraTokenService::invalidGrant(const SandboxRequest &request, int aadsts, const QString &description)
{
    return error(request, 400, QStringLiteral("invalid_grant"), aadsts, description);
}

SandboxResponse EntraTokenService::alreadyRedeemed(const SandboxRequest &request)
{
    return invalidGrant(request, 54005,
                        QStringLiteral("OAuth2 Authorization code was already redeemed, please retry with a new "
                                       "valid code or use an existing refresh token."));
}

SandboxResponse EntraTokenService::grantExpired(const SandboxRequest &request)
{
    return invalidGrant(request, 70008,
                        QStringLiteral("The provided authorization code or refresh token has expired due to "
                                       "inactivity. Send a new interactive authorization request for this user "
                                       "and resource."));
}

SandboxResponse EntraTokenService::issuedToAnotherClient(const SandboxRequest &request, const QString &what)
{
    return invalidGrant(request, 70000,
                        QStringLiteral("Provided grant is invalid or malformed. The %1 was issued to another "
                                       "application.").arg(what));
}

SandboxResponse EntraTokenService::scopeError(const SandboxRequest &request, const EntraScope::Error &e)
{
    return error(request, 400, e.error, e.aadsts, e.description);
}

QString EntraTokenService::pairwiseSubject(const QString &objectId, const QString &clientId) const
{
    return QString::fromLatin1(JwtSigner::base64Url(
        QCryptographicHash::hash((objectId + u':' + clientId).toUtf8(), QCryptographicHash::Sha256)));
}

Json EntraTokenService::issueTokens(const SandboxRequest &request, const EntraClient &client, const EntraScope &scope,
                                    bool forUser, bool withRefreshToken, const QString &nonce)
{
    const quint64 serial = m_nextSerial++;
    const qint64 issuedAt = now().toSecsSinceEpoch();
    const int lifetime = m_options.tokenLifetimeSeconds;
    const QString issuer = EntraDiscovery::issuer(request.publicBaseUrl, m_options.tenantId);
    const QByteArray uti = JwtSigner::base64Url(secretBytes(16));
    const QString objectId = forUser ? m_user.objectId : client.objectId;

    Json claims = {{"aud", toStdString(scope.audience())}, {"iss", toStdString(issuer)}, {"iat", issuedAt},
                   {"nbf", issuedAt}, {"exp", issuedAt + lifetime}};
    if (forUser) {
        claims["acr"] = "1";
        claims["amr"] = Json::array({"pwd"});
    } else {
        claims["app_displayname"] = toStdString(client.displayName);
    }
    claims["appid"] = toStdString(client.id);
    claims["appidacr"] = client.isPublic() ? "0" : "1";
    claims["azp"] = toStdString(client.id);
    claims["azpacr"] = client.isPublic() ? "0" : "1";
    claims["idtyp"] = forUser ? "user" : "app";
    if (forUser) {
        claims["name"] = toStdString(m_user.displayName);
        claims["preferred_username"] = toStdString(m_user.userPrincipalName);
    }
    claims["oid"] = toStdString(objectId);
    if (forUser)
        claims["scp"] = toStdString(scope.scpClaim());
    claims["sub"] = toStdString(pairwiseSubject(objectId, client.id));
    claims["tid"] = toStdString(m_options.tenantId);
    if (forUser) {
        claims["unique_name"] = toStdString(m_user.userPrincipalName);
        claims["upn"] = toStdString(m_user.userPrincipalName);
    }
    claims["uti"] = uti.toStdString();
    claims["ver"] = "2.0";

    const QByteArray accessToken = m_signer.sign(Json{{"typ", "JWT"}}, claims);
    m_accessTokenSerials.insert(uti, serial);
    remember(QString::fromLatin1(accessToken));
    ++m_counters.tokensIssued;

    Json body = {{"token_type", "Bearer"}};
    if (forUser)
        body["scope"] = toStdString(scope.responseScope());
    body["expires_in"] = lifetime;
    body["ext_expires_in"] = lifetime;
    body["access_token"] = accessToken.toStdString();
    if (forUser && withRefreshToken) {
        // Entra's refresh tokens are opaque and long (about a kilobyte).
        const QString refreshToken = randomOpaque("1.AXsA", 720);
        m_refreshTokens.insert(refreshToken, EntraRefreshGrant{client.id, scope.requested(), serial,
                                                               nowMs() + refreshTokenLifetimeMs, false});
        remember(refreshToken);
        body["refresh_token"] = toStdString(refreshToken);
    }
    if (forUser && scope.openId()) {
        Json idClaims = {{"aud", toStdString(client.id)}, {"iss", toStdString(issuer)}, {"iat", issuedAt},
                         {"nbf", issuedAt}, {"exp", issuedAt + 3600}, {"name", toStdString(m_user.displayName)},
                         {"oid", toStdString(m_user.objectId)},
                         {"preferred_username", toStdString(m_user.userPrincipalName)},
                         {"sub", toStdString(pairwiseSubject(m_user.objectId, client.id))},
                         {"tid", toStdString(m_options.tenantId)}, {"ver", "2.0"}};
        if (!nonce.isEmpty())
            idClaims["nonce"] = toStdString(nonce);
        const QByteArray idToken = m_signer.sign(Json{{"typ", "JWT"}}, idClaims);
        remember(QString::fromLatin1(idToken));
        body["id_token"] = idToken.toStdString();
    }
    if (forUser && EntraForm::field(EntraForm::of(request), QStringLiteral("client_info")) == QLatin1String("1")) {
        const Json info = {{"uid", toStdString(m_user.objectId)}, {"utid", toStdString(m_options.tenantId)}};
        body["client_info"] = JwtSigner::base64Url(dumpJson(info)).toStdString();
    }
    return body;
}

EntraRefreshGrant *EntraTokenService::refreshGrant(const QString &refreshToken)
{
    const auto it = m_refreshTokens.find(refreshToken);
    return it == m_refreshTokens.end() ? nullptr : &*it;
}

void EntraTokenService::forgetExpired(qint64 horizonMs)
{
    m_refreshTokens.removeIf([horizonMs](const auto &it) { return it->expiresMs < horizonMs; });
}

EntraEmulator::TokenCheck EntraTokenService::verify(const QByteArray &authorizationHeader,
                                                    EntraEmulator::Caller *caller) const
{
    using TokenCheck = EntraEmulator::TokenCheck;
    const QByteArray value = authorizationHeader.trimmed();
    if (value.isEmpty())
        return TokenCheck::Missing;
    if (value.size() < 7 || value.left(7).toLower() != "bearer ")
        return TokenCheck::Malformed;
    const QByteArray token = value.mid(7).trimmed();
    bool malformed = false;
    const auto verified = m_signer.verify(token, &malformed);
    if (!verified)
        return malformed ? TokenCheck::Malformed : TokenCheck::BadSignature;
    const Json &claims = verified->claims;
    auto text = [&claims](const char *name) {
        const auto it = claims.find(name);
        return it != claims.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
    };
    const auto exp = claims.find("exp");
    if (exp == claims.end() || !exp->is_number_integer())
        return TokenCheck::Malformed;
    // Same key, other emulator in this process (or another tenant): not a token we issued.
    const auto serial = m_accessTokenSerials.constFind(text("uti").toLatin1());
    if (text("tid") != m_options.tenantId || serial == m_accessTokenSerials.cend())
        return TokenCheck::BadSignature;
    const QString audience = text("aud");
    if (audience != QLatin1String(EntraScope::fabricAudience) && audience != QLatin1String(EntraScope::powerBiAudience))
        return TokenCheck::WrongAudience;
    if (isRevoked(*serial))
        return TokenCheck::Revoked;
    const qint64 nowSecs = now().toSecsSinceEpoch();
    const auto nbf = claims.find("nbf");
    const qint64 notBefore = nbf != claims.end() && nbf->is_number_integer() ? nbf->get<qint64>() : 0;
    if (nowSecs >= exp->get<qint64>() || nowSecs < notBefore || *serial < m_accessExpiredBelow)
        return TokenCheck::Expired;
    if (caller) {
        const bool isApp = text("idtyp") == QLatin1String("app");
        caller->objectId = text("oid");
        caller->displayName = isApp ? text("app_displayname") : text("name");
        caller->appId = text("azp");
        caller->tenantId = text("tid");
        caller->audience = audience;
        caller->scopes = text("scp");
        caller->isApplication = isApp;
    }
    return TokenCheck::Valid;
}

} // namespace fmc::sandbox
