#include "sandbox/entra/entraemulator.h"

#include "sandbox/entra/entradiscovery.h"
#include "sandbox/entra/entrareply.h"
#include "sandbox/entra/entrascope.h"
#include "sandbox/entra/jwtsigner.h"

#include <QCryptographicHash>
#include <QHash>
#include <QLoggingCategory>
#include <QMap>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUrlQuery>
#include <QUuid>

namespace fmc::sandbox {

namespace {

Q_LOGGING_CATEGORY(lcEntra, "fmc.sandbox.entra")

constexpr qint64 authorizationCodeLifetimeMs = 10 * 60 * 1000;      // Entra: "about 10 minutes"
constexpr qint64 refreshTokenLifetimeMs = 90LL * 24 * 3600 * 1000;  // Entra's default: 90 days
constexpr qint64 forgetExpiredAfterMs = 3600 * 1000;  // keep expired codes a while to say "expired"
constexpr int maxRememberedSecrets = 1000;
constexpr auto deviceCodeGrantType = "urn:ietf:params:oauth:grant-type:device_code";

std::string s(const QString &text)
{
    return text.toStdString();
}

struct Client {
    QString id;
    QString secret;        // empty: public client
    QString displayName;
    QString objectId;      // the service principal's object id (oid of app tokens)
    bool isPublic() const { return secret.isEmpty(); }
};

struct User {
    QString objectId;
    QString displayName;
    QString userPrincipalName;
};

enum class DeviceState { Pending, Approved, Declined, Redeemed };

struct DeviceCodeGrant {
    QString userCode;
    QString clientId;
    QString scope;
    qint64 issuedMs = 0;
    qint64 expiresMs = 0;
    qint64 lastPollMs = 0;
    int intervalSeconds = 5;
    int polls = 0;
    DeviceState state = DeviceState::Pending;
};

struct AuthorizationCodeGrant {
    QString clientId;
    QString redirectUri;
    QString scope;
    QString codeChallenge;
    QString nonce;
    qint64 expiresMs = 0;
    bool redeemed = false;
};

struct RefreshGrant {
    QString clientId;
    QString scope;
    quint64 serial = 0;
    qint64 expiresMs = 0;
    bool rotated = false;
};

//! The parameters of a form-encoded body. Entra reads only application/x-www-form-urlencoded: any
//! other body reads as empty, so a JSON body fails with "must contain 'grant_type'", as there.
QUrlQuery formOf(const SandboxRequest &request)
{
    if (!request.header("Content-Type").trimmed().toLower().startsWith("application/x-www-form-urlencoded"))
        return {};
    QByteArray body = request.body;
    body.replace('+', "%20");
    return QUrlQuery(QString::fromUtf8(body));
}

//! The query of an authorize request. Browsers and clients may encode spaces as '+' (form
//! encoding, which Entra accepts: "scope=openid+profile"), which QUrlQuery would keep as '+'.
QUrlQuery decodedQuery(const SandboxRequest &request)
{
    if (!request.url.hasQuery())
        return request.query;
    return QUrlQuery(request.url.query(QUrl::FullyEncoded).replace(u'+', QStringLiteral("%20")));
}

//! \a target with \a items appended to its query (empty values left out), every value percent-encoded
//! so that a state with '&', '=', '%' or '+' comes back to the client unchanged.
QUrl withQueryItems(QUrl target, const QList<QPair<QString, QString>> &items)
{
    QUrlQuery query(target);
    for (const auto &item : items)
        if (!item.second.isEmpty())
            query.addQueryItem(item.first, QString::fromLatin1(QUrl::toPercentEncoding(item.second)));
    target.setQuery(query);
    return target;
}

QString field(const QUrlQuery &query, const QString &name)
{
    return query.queryItemValue(name, QUrl::FullyDecoded);
}

bool isLoopbackRedirect(const QUrl &url)
{
    if (!url.isValid() || url.scheme() != QLatin1String("http") || url.hasFragment() || !url.userInfo().isEmpty())
        return false;
    const QString host = url.host().toLower();
    return host == QLatin1String("127.0.0.1") || host == QLatin1String("localhost") || host == QLatin1String("::1");
}

//! RFC 7636: 43 to 128 characters of [A-Za-z0-9-._~].
bool isPkceString(const QString &value)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9._~-]{43,128}$"));
    return pattern.match(value).hasMatch();
}

QString grantKey(const QString &grantType)
{
    if (grantType == QLatin1String(deviceCodeGrantType))
        return QStringLiteral("device_code");
    if (grantType == QLatin1String("client_credentials") || grantType == QLatin1String("authorization_code")
        || grantType == QLatin1String("refresh_token"))
        return grantType;
    return QStringLiteral("unknown");
}

QString normalisedUserCode(const QString &userCode)
{
    QString code = userCode.toUpper();
    code.remove(u'-');
    code.remove(u' ');
    return code;
}

} // namespace

struct EntraEmulator::Private {
    std::unique_ptr<SandboxClock> ownClock;
    SandboxClock *clock = nullptr;
    EntraOptions options;
    JwtSigner signer = JwtSigner::processKey();
    QRandomGenerator random;
    QList<Client> clients;
    User user;

    QHash<QString, DeviceCodeGrant> deviceCodes;            // by device_code
    QHash<QString, AuthorizationCodeGrant> authorizationCodes;
    QHash<QString, RefreshGrant> refreshTokens;
    QHash<QByteArray, quint64> accessTokenSerials;          // uti → issue serial
    // Tokens carry an issue serial; revocation and forced expiry are "everything below N".
    quint64 nextSerial = 1;
    quint64 revokedBelow = 0;
    quint64 accessExpiredBelow = 0;

    QMap<QString, int> tokenRequests;
    QMap<QString, int> tokenErrors;
    int tokensIssued = 0;
    int deviceCodeRequests = 0;
    int authorizeRequests = 0;
    int deviceCodePollsAfterExpiry = 0;
    QStringList secrets;

    qint64 nowMs() const { return clock->nowMSecsSinceStart(); }
    QDateTime now() const { return clock->now(); }

    //! Identities (object ids) come from the seeded generator, so that --seed reproduces them;
    //! secrets (tokens, codes) from the system generator, so that they are unpredictable and two
    //! emulators with the same seed in one process never issue the same token.
    static QByteArray randomBytes(QRandomGenerator &generator, int count)
    {
        QByteArray bytes;
        bytes.reserve(count + 4);
        while (bytes.size() < count) {
            const quint32 value = generator.generate();
            bytes.append(reinterpret_cast<const char *>(&value), qMin<qsizetype>(4, count - bytes.size()));
        }
        return bytes;
    }
    static QByteArray secretBytes(int count) { return randomBytes(*QRandomGenerator::system(), count); }
    static QString guidFrom(QByteArray bytes)
    {
        bytes[6] = char((bytes[6] & 0x0f) | 0x40);
        bytes[8] = char((bytes[8] & 0x3f) | 0x80);
        return QUuid::fromRfc4122(bytes).toString(QUuid::WithoutBraces);
    }
    QString seededGuid() { return guidFrom(randomBytes(random, 16)); }
    static QString randomOpaque(const char *prefix, int bytes)
    {
        return QString::fromLatin1(prefix + JwtSigner::base64Url(secretBytes(bytes)));
    }
    QString randomUserCode()
    {
        static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        for (;;) {
            QString code;
            for (int i = 0; i < 9; ++i)
                code.append(QLatin1Char(alphabet[QRandomGenerator::system()->bounded(int(sizeof(alphabet) - 1))]));
            if (findUserCode(code).isEmpty())
                return code;
        }
    }

    void remember(const QString &secret)
    {
        if (secret.isEmpty())
            return;
        secrets.append(secret);
        if (secrets.size() > maxRememberedSecrets)
            secrets.removeFirst();
    }

    bool isOurTenant(const QString &tenant) const
    {
        return tenant.compare(options.tenantId, Qt::CaseInsensitive) == 0
               || tenant == QLatin1String("common") || tenant == QLatin1String("organizations")
               || tenant.compare(QLatin1String("fabricsandbox.onmicrosoft.com"), Qt::CaseInsensitive) == 0;
    }

    const Client *findClient(const QString &id) const
    {
        for (const Client &client : clients)
            if (client.id.compare(id, Qt::CaseInsensitive) == 0)
                return &client;
        return nullptr;
    }

    QString findUserCode(const QString &userCode) const
    {
        const QString wanted = normalisedUserCode(userCode);
        for (auto it = deviceCodes.cbegin(); it != deviceCodes.cend(); ++it)
            if (it->userCode == wanted)
                return it.key();
        return {};
    }

    void forgetExpired()
    {
        const qint64 horizon = nowMs() - forgetExpiredAfterMs;
        deviceCodes.removeIf([horizon](const auto &it) { return it->expiresMs < horizon; });
        authorizationCodes.removeIf([horizon](const auto &it) { return it->expiresMs < horizon; });
        refreshTokens.removeIf([horizon](const auto &it) { return it->expiresMs < horizon; });
    }

    SandboxResponse error(const SandboxRequest &request, int status, const QString &code, int aadsts,
                          const QString &description)
    {
        ++tokenErrors[code];
        return EntraReply::oauthError(request, now(), status, code, aadsts, description);
    }
    SandboxResponse missingParameter(const SandboxRequest &request, const QString &name)
    {
        return error(request, 400, QStringLiteral("invalid_request"), 900144,
                     QStringLiteral("The request body must contain the following parameter: '%1'.").arg(name));
    }
    SandboxResponse invalidGrant(const SandboxRequest &request, int aadsts, const QString &description)
    {
        return error(request, 400, QStringLiteral("invalid_grant"), aadsts, description);
    }
    SandboxResponse alreadyRedeemed(const SandboxRequest &request)
    {
        return invalidGrant(request, 54005,
                            QStringLiteral("OAuth2 Authorization code was already redeemed, please retry with a new "
                                           "valid code or use an existing refresh token."));
    }
    SandboxResponse grantExpired(const SandboxRequest &request)
    {
        return invalidGrant(request, 70008,
                            QStringLiteral("The provided authorization code or refresh token has expired due to "
                                           "inactivity. Send a new interactive authorization request for this user "
                                           "and resource."));
    }
    //! A code or token presented by another client than the one it was issued to.
    SandboxResponse issuedToAnotherClient(const SandboxRequest &request, const QString &what)
    {
        return invalidGrant(request, 70000,
                            QStringLiteral("Provided grant is invalid or malformed. The %1 was issued to another "
                                           "application.").arg(what));
    }
    SandboxResponse scopeError(const SandboxRequest &request, const EntraScope::Error &e)
    {
        return error(request, 400, e.error, e.aadsts, e.description);
    }

    // ---- routing -------------------------------------------------------------------------------

    std::optional<SandboxResponse> route(const SandboxRequest &request)
    {
        const QStringList segments = request.path.split(u'/', Qt::SkipEmptyParts);
        if (segments.size() >= 2 && segments[0] == QLatin1String("_sandbox") && segments[1] == QLatin1String("entra"))
            return admin(request, segments.mid(2));
        if (segments.size() == 1 && segments[0] == QLatin1String("devicelogin"))
            return deviceLoginPage(request);
        if (segments.size() != 4)
            return std::nullopt;
        const QString &tenant = segments[0];
        if (segments[1] == QLatin1String("oauth2") && segments[2] == QLatin1String("v2.0"))
            return oauth2(request, tenant, segments[3]);
        if (segments[1] == QLatin1String("discovery") && segments[2] == QLatin1String("v2.0")
            && segments[3] == QLatin1String("keys"))
            return discovery(request, tenant, true);
        if (segments[1] == QLatin1String("v2.0") && segments[2] == QLatin1String(".well-known")
            && segments[3] == QLatin1String("openid-configuration"))
            return discovery(request, tenant, false);
        return std::nullopt;
    }

    SandboxResponse discovery(const SandboxRequest &request, const QString &tenant, bool keys)
    {
        if (!isOurTenant(tenant))
            return EntraReply::oauthError(request, now(), 400, QStringLiteral("invalid_tenant"), 90002,
                                          tenantNotFound(tenant));
        if (request.method != "GET" && request.method != "HEAD")
            return EntraReply::html(405, QStringLiteral("Method not allowed"), {});
        SandboxResponse response =
            keys ? EntraReply::json(request, 200, EntraDiscovery::jwks(signer, EntraDiscovery::issuer(request.publicBaseUrl, options.tenantId)))
                 : EntraReply::json(request, 200, EntraDiscovery::openIdConfiguration(request.publicBaseUrl, tenant, options.tenantId));
        // Discovery documents are public and cacheable, unlike token responses.
        response.setHeader("Cache-Control", "max-age=86400, private");
        response.headers.removeIf([](const auto &h) { return h.first.compare("Pragma", Qt::CaseInsensitive) == 0; });
        return response;
    }

    static QString tenantNotFound(const QString &tenant)
    {
        return QStringLiteral("Tenant '%1' not found. Check to make sure you have the correct tenant ID and are "
                              "signing into the correct cloud.").arg(tenant);
    }

    SandboxResponse oauth2(const SandboxRequest &request, const QString &tenant, const QString &endpoint)
    {
        const bool isAuthorize = endpoint == QLatin1String("authorize");
        if (!isAuthorize && endpoint != QLatin1String("token") && endpoint != QLatin1String("devicecode"))
            return EntraReply::html(404, QStringLiteral("Not found"), {});
        if (!isOurTenant(tenant)) {
            if (isAuthorize)
                return EntraReply::html(400, QStringLiteral("Sign in"),
                                        QStringLiteral("<p>AADSTS90002: %1</p>").arg(tenantNotFound(tenant).toHtmlEscaped()));
            return error(request, 400, QStringLiteral("invalid_request"), 90002, tenantNotFound(tenant));
        }
        if (isAuthorize)
            return authorize(request);
        if (request.method != "POST")
            return error(request, 400, QStringLiteral("invalid_request"), 900561,
                         QStringLiteral("The endpoint only accepts POST, OPTIONS requests. Received a %1 request.")
                             .arg(QString::fromLatin1(request.method)));
        return endpoint == QLatin1String("token") ? token(request) : deviceCode(request);
    }

    // ---- client authentication -----------------------------------------------------------------

    //! Identifies the client of a token request (form fields or HTTP Basic, as Entra accepts) and
    //! checks its secret; returns the client, or the error to answer with.
    const Client *authenticateClient(const SandboxRequest &request, const QUrlQuery &form,
                                     std::optional<SandboxResponse> *failure)
    {
        QString clientId = field(form, QStringLiteral("client_id"));
        QString secret = field(form, QStringLiteral("client_secret"));
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
        const Client *client = findClient(clientId);
        if (!client) {
            *failure = error(request, 400, QStringLiteral("unauthorized_client"), 700016,
                             QStringLiteral("Application with identifier '%1' was not found in the directory '%2'. "
                                            "This can happen if the application has not been installed by the "
                                            "administrator of the tenant or consented to by any user in the tenant. "
                                            "You may have sent your authentication request to the wrong tenant.")
                                 .arg(clientId, options.tenantId));
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

    // ---- token issuance ------------------------------------------------------------------------

    QString pairwiseSubject(const QString &objectId, const QString &clientId) const
    {
        return QString::fromLatin1(JwtSigner::base64Url(
            QCryptographicHash::hash((objectId + u':' + clientId).toUtf8(), QCryptographicHash::Sha256)));
    }

    //! Issues an access token (and for users a refresh token and id_token as the scopes ask) and
    //! returns the token response body.
    Json issueTokens(const SandboxRequest &request, const Client &client, const EntraScope &scope, bool forUser,
                     bool withRefreshToken, const QString &nonce)
    {
        const quint64 serial = nextSerial++;
        const qint64 issuedAt = now().toSecsSinceEpoch();
        const int lifetime = options.tokenLifetimeSeconds;
        const QString issuer = EntraDiscovery::issuer(request.publicBaseUrl, options.tenantId);
        const QByteArray uti = JwtSigner::base64Url(secretBytes(16));
        const QString objectId = forUser ? user.objectId : client.objectId;

        Json claims = {{"aud", s(scope.audience())}, {"iss", s(issuer)}, {"iat", issuedAt}, {"nbf", issuedAt},
                       {"exp", issuedAt + lifetime}};
        if (forUser) {
            claims["acr"] = "1";
            claims["amr"] = Json::array({"pwd"});
        } else {
            claims["app_displayname"] = s(client.displayName);
        }
        claims["appid"] = s(client.id);
        claims["appidacr"] = client.isPublic() ? "0" : "1";
        claims["azp"] = s(client.id);
        claims["azpacr"] = client.isPublic() ? "0" : "1";
        claims["idtyp"] = forUser ? "user" : "app";
        if (forUser) {
            claims["name"] = s(user.displayName);
            claims["preferred_username"] = s(user.userPrincipalName);
        }
        claims["oid"] = s(objectId);
        if (forUser)
            claims["scp"] = s(scope.scpClaim());
        claims["sub"] = s(pairwiseSubject(objectId, client.id));
        claims["tid"] = s(options.tenantId);
        if (forUser) {
            claims["unique_name"] = s(user.userPrincipalName);
            claims["upn"] = s(user.userPrincipalName);
        }
        claims["uti"] = uti.toStdString();
        claims["ver"] = "2.0";

        const QByteArray accessToken = signer.sign(Json{{"typ", "JWT"}}, claims);
        accessTokenSerials.insert(uti, serial);
        remember(QString::fromLatin1(accessToken));
        ++tokensIssued;

        Json body = {{"token_type", "Bearer"}};
        if (forUser)
            body["scope"] = s(scope.responseScope());
        body["expires_in"] = lifetime;
        body["ext_expires_in"] = lifetime;
        body["access_token"] = accessToken.toStdString();
        if (forUser && withRefreshToken) {
            // Entra's refresh tokens are opaque and long (about a kilobyte).
            const QString refreshToken = randomOpaque("1.AXsA", 720);
            refreshTokens.insert(refreshToken, RefreshGrant{client.id, scope.requested(), serial,
                                                            nowMs() + refreshTokenLifetimeMs, false});
            remember(refreshToken);
            body["refresh_token"] = s(refreshToken);
        }
        if (forUser && scope.openId()) {
            Json idClaims = {{"aud", s(client.id)}, {"iss", s(issuer)}, {"iat", issuedAt}, {"nbf", issuedAt},
                             {"exp", issuedAt + 3600}, {"name", s(user.displayName)}, {"oid", s(user.objectId)},
                             {"preferred_username", s(user.userPrincipalName)},
                             {"sub", s(pairwiseSubject(user.objectId, client.id))}, {"tid", s(options.tenantId)},
                             {"ver", "2.0"}};
            if (!nonce.isEmpty())
                idClaims["nonce"] = s(nonce);
            const QByteArray idToken = signer.sign(Json{{"typ", "JWT"}}, idClaims);
            remember(QString::fromLatin1(idToken));
            body["id_token"] = idToken.toStdString();
        }
        if (forUser && field(formOf(request), QStringLiteral("client_info")) == QLatin1String("1")) {
            const Json info = {{"uid", s(user.objectId)}, {"utid", s(options.tenantId)}};
            body["client_info"] = JwtSigner::base64Url(dumpJson(info)).toStdString();
        }
        return body;
    }

    // ---- the token endpoint --------------------------------------------------------------------

    SandboxResponse token(const SandboxRequest &request)
    {
        forgetExpired();
        const QUrlQuery form = formOf(request);
        const QString grantType = field(form, QStringLiteral("grant_type"));
        const QString key = grantKey(grantType);
        ++tokenRequests[key];
        SandboxResponse response = tokenFor(request, form, grantType);
        qCDebug(lcEntra) << "token" << key << response.status;
        return response;
    }

    SandboxResponse tokenFor(const SandboxRequest &request, const QUrlQuery &form, const QString &grantType)
    {
        if (grantType.isEmpty())
            return missingParameter(request, QStringLiteral("grant_type"));
        std::optional<SandboxResponse> failure;
        const Client *client = authenticateClient(request, form, &failure);
        if (!client)
            return *failure;
        if (grantType == QLatin1String("client_credentials"))
            return clientCredentials(request, form, *client);
        if (grantType == QLatin1String(deviceCodeGrantType))
            return redeemDeviceCode(request, form, *client);
        if (grantType == QLatin1String("authorization_code"))
            return redeemAuthorizationCode(request, form, *client);
        if (grantType == QLatin1String("refresh_token"))
            return redeemRefreshToken(request, form, *client);
        return error(request, 400, QStringLiteral("unsupported_grant_type"), 70003,
                     QStringLiteral("The app requested an unsupported grant type '%1'.").arg(grantType));
    }

    SandboxResponse clientCredentials(const SandboxRequest &request, const QUrlQuery &form, const Client &client)
    {
        if (client.isPublic())
            return error(request, 401, QStringLiteral("invalid_client"), 7000218,
                         QStringLiteral("The request body must contain the following parameter: "
                                        "'client_assertion' or 'client_secret'."));
        const QString scopeText = field(form, QStringLiteral("scope"));
        if (scopeText.trimmed().isEmpty())
            return missingParameter(request, QStringLiteral("scope"));
        EntraScope::Error scopeFailure;
        const auto scope = EntraScope::parse(scopeText, options.tenantId, &scopeFailure);
        if (!scope)
            return scopeError(request, scopeFailure);
        // The sandbox's service principal has Fabric and Power BI permissions only.
        if (!scope->isAppScope() || scope->audience() == QLatin1String(EntraScope::graphAudience))
            return error(request, 400, QStringLiteral("invalid_scope"), 1002012,
                         QStringLiteral("The provided value for scope %1 is not valid. Client credential flows must "
                                        "have a scope value with /.default suffixed to the resource identifier "
                                        "(application ID URI): https://api.fabric.microsoft.com/.default or "
                                        "https://analysis.windows.net/powerbi/api/.default.")
                             .arg(scopeText));
        return EntraReply::json(request, 200, issueTokens(request, client, *scope, false, false, {}));
    }

    SandboxResponse redeemDeviceCode(const SandboxRequest &request, const QUrlQuery &form, const Client &client)
    {
        // MSAL sends device_code; Entra also reads the older name "code".
        QString code = field(form, QStringLiteral("device_code"));
        if (code.isEmpty())
            code = field(form, QStringLiteral("code"));
        if (code.isEmpty())
            return missingParameter(request, QStringLiteral("device_code"));
        remember(code);
        auto it = deviceCodes.find(code);
        if (it == deviceCodes.end())
            return error(request, 400, QStringLiteral("bad_verification_code"), 70000,
                         QStringLiteral("The provided value for the input parameter 'device_code' is not valid."));
        DeviceCodeGrant &grant = *it;
        if (grant.clientId.compare(client.id, Qt::CaseInsensitive) != 0)
            return issuedToAnotherClient(request, QStringLiteral("device code"));
        ++grant.polls;
        const qint64 t = nowMs();
        if (t >= grant.expiresMs) {
            ++deviceCodePollsAfterExpiry;
            return error(request, 400, QStringLiteral("expired_token"), 70020,
                         QStringLiteral("The provided value for the input parameter 'device_code' is not valid. "
                                        "This device code has expired."));
        }
        if (grant.state == DeviceState::Pending && options.deviceCodeAutoApproveAfterSeconds >= 0
            && t - grant.issuedMs >= qint64(options.deviceCodeAutoApproveAfterSeconds) * 1000)
            grant.state = DeviceState::Approved;
        switch (grant.state) {
        case DeviceState::Declined:
            return error(request, 400, QStringLiteral("authorization_declined"), 70000,
                         QStringLiteral("The end user denied the authorization request."));
        case DeviceState::Redeemed:
            return alreadyRedeemed(request);
        case DeviceState::Pending:
            if (t - grant.lastPollMs < qint64(grant.intervalSeconds) * 1000) {
                // RFC 8628 §3.5: the client must add 5 s to its interval for all later polls.
                grant.intervalSeconds += 5;
                grant.lastPollMs = t;
                return error(request, 400, QStringLiteral("slow_down"), 70016,
                             QStringLiteral("OAuth 2.0 device flow error. Authorization is pending and the client "
                                            "polls too often. Wait at least %1 seconds between requests.")
                                 .arg(grant.intervalSeconds));
            }
            grant.lastPollMs = t;
            return error(request, 400, QStringLiteral("authorization_pending"), 70016,
                         QStringLiteral("OAuth 2.0 device flow error. Authorization is pending. Continue polling."));
        case DeviceState::Approved:
            break;
        }
        grant.state = DeviceState::Redeemed;
        const auto scope = EntraScope::parse(grant.scope, options.tenantId, nullptr);
        return EntraReply::json(request, 200,
                                issueTokens(request, client, *scope, true, scope->offlineAccess(), {}));
    }

    SandboxResponse redeemAuthorizationCode(const SandboxRequest &request, const QUrlQuery &form, const Client &client)
    {
        const QString code = field(form, QStringLiteral("code"));
        if (code.isEmpty())
            return missingParameter(request, QStringLiteral("code"));
        remember(code);
        const QString redirectUri = field(form, QStringLiteral("redirect_uri"));
        if (redirectUri.isEmpty())
            return missingParameter(request, QStringLiteral("redirect_uri"));
        auto it = authorizationCodes.find(code);
        if (it == authorizationCodes.end())
            return invalidGrant(request, 70000,
                         QStringLiteral("Provided grant is invalid or malformed."));
        AuthorizationCodeGrant &grant = *it;
        if (grant.redeemed)
            return alreadyRedeemed(request);
        if (nowMs() >= grant.expiresMs)
            return grantExpired(request);
        if (grant.clientId.compare(client.id, Qt::CaseInsensitive) != 0)
            return issuedToAnotherClient(request, QStringLiteral("code"));
        if (redirectUri != grant.redirectUri)
            return invalidGrant(request, 500112,
                         QStringLiteral("The reply address '%1' does not match the reply address '%2' provided "
                                        "when requesting Authorization code.").arg(redirectUri, grant.redirectUri));
        const QString verifier = field(form, QStringLiteral("code_verifier"));
        if (verifier.isEmpty())
            return missingParameter(request, QStringLiteral("code_verifier"));
        remember(verifier);
        const QString computed = QString::fromLatin1(
            JwtSigner::base64Url(QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)));
        if (!isPkceString(verifier) || computed != grant.codeChallenge)
            return invalidGrant(request, 501481,
                         QStringLiteral("The Code_Verifier does not match the code_challenge supplied in the "
                                        "authorization request."));
        grant.redeemed = true;
        const auto scope = EntraScope::parse(grant.scope, options.tenantId, nullptr);
        return EntraReply::json(request, 200,
                                issueTokens(request, client, *scope, true, scope->offlineAccess(), grant.nonce));
    }

    SandboxResponse redeemRefreshToken(const SandboxRequest &request, const QUrlQuery &form, const Client &client)
    {
        const QString refreshToken = field(form, QStringLiteral("refresh_token"));
        if (refreshToken.isEmpty())
            return missingParameter(request, QStringLiteral("refresh_token"));
        remember(refreshToken);
        auto it = refreshTokens.find(refreshToken);
        if (it == refreshTokens.end())
            return invalidGrant(request, 9002313,
                         QStringLiteral("Invalid request. Request is malformed or invalid."));
        RefreshGrant &grant = *it;
        if (grant.serial < revokedBelow)
            return invalidGrant(request, 50173,
                         QStringLiteral("The provided grant has expired due to it being revoked, a fresh auth "
                                        "token is needed. The user might have changed or reset their password."));
        if (grant.rotated)
            return invalidGrant(request, 70000,
                         QStringLiteral("Provided grant is invalid or malformed. The refresh token was already "
                                        "redeemed for a newer one."));
        if (nowMs() >= grant.expiresMs)
            return grantExpired(request);
        if (grant.clientId.compare(client.id, Qt::CaseInsensitive) != 0)
            return issuedToAnotherClient(request, QStringLiteral("refresh token"));
        // A refresh token is good for any resource the user consented to: the scope may change here.
        const QString requestedScope = field(form, QStringLiteral("scope"));
        EntraScope::Error scopeFailure;
        const auto scope = EntraScope::parse(requestedScope.trimmed().isEmpty() ? grant.scope : requestedScope,
                                             options.tenantId, &scopeFailure);
        if (!scope)
            return scopeError(request, scopeFailure);
        grant.rotated = true;
        return EntraReply::json(request, 200, issueTokens(request, client, *scope, true, true, {}));
    }

    // ---- device code ---------------------------------------------------------------------------

    SandboxResponse deviceCode(const SandboxRequest &request)
    {
        forgetExpired();
        ++deviceCodeRequests;
        const QUrlQuery form = formOf(request);
        const QString clientId = field(form, QStringLiteral("client_id"));
        if (clientId.isEmpty())
            return missingParameter(request, QStringLiteral("client_id"));
        const Client *client = findClient(clientId);
        if (!client)
            return error(request, 400, QStringLiteral("unauthorized_client"), 700016,
                         QStringLiteral("Application with identifier '%1' was not found in the directory '%2'.")
                             .arg(clientId, options.tenantId));
        if (!client->isPublic())
            return error(request, 400, QStringLiteral("invalid_client"), 70002,
                         QStringLiteral("The provided client is not supported for this feature. The client "
                                        "application must be marked as 'mobile.'"));
        EntraScope::Error scopeFailure;
        const auto scope = EntraScope::parse(field(form, QStringLiteral("scope")), options.tenantId, &scopeFailure);
        if (!scope)
            return scopeError(request, scopeFailure);

        const QString code = randomOpaque("DAQABIQEAAAD", 96);
        DeviceCodeGrant grant;
        grant.userCode = randomUserCode();
        grant.clientId = client->id;
        grant.scope = scope->requested();
        grant.issuedMs = grant.lastPollMs = nowMs();
        grant.expiresMs = grant.issuedMs + qint64(options.deviceCodeExpiresInSeconds) * 1000;
        grant.intervalSeconds = options.deviceCodeIntervalSeconds;
        deviceCodes.insert(code, grant);
        remember(code);

        const QString verificationUri = request.publicBaseUrl.resolved(QUrl(QStringLiteral("/devicelogin"))).toString();
        return EntraReply::json(
            request, 200,
            Json{{"user_code", s(grant.userCode)},
                 {"device_code", s(code)},
                 {"verification_uri", s(verificationUri)},
                 {"expires_in", options.deviceCodeExpiresInSeconds},
                 {"interval", options.deviceCodeIntervalSeconds},
                 {"message", s(QStringLiteral("To sign in, use a web browser to open the page %1 and enter the "
                                              "code %2 to authenticate.").arg(verificationUri, grant.userCode))}});
    }

    bool decideDeviceCode(const QString &userCode, DeviceState decision)
    {
        const QString code = findUserCode(userCode);
        if (code.isEmpty())
            return false;
        DeviceCodeGrant &grant = deviceCodes[code];
        if (grant.state != DeviceState::Pending || nowMs() >= grant.expiresMs)
            return false;
        grant.state = decision;
        return true;
    }

    SandboxResponse deviceLoginPage(const SandboxRequest &request)
    {
        if (request.method == "POST") {
            const QUrlQuery form = formOf(request);
            const bool decline = field(form, QStringLiteral("action")) == QLatin1String("decline");
            if (decideDeviceCode(field(form, QStringLiteral("user_code")),
                                 decline ? DeviceState::Declined : DeviceState::Approved))
                return EntraReply::html(200, QStringLiteral("fabric-sandbox sign-in"),
                                        decline ? QStringLiteral("<p>You declined to sign in on the other device.</p>")
                                                : QStringLiteral("<p>You have signed in to the application on your "
                                                                 "device. You may now close this window.</p>"));
            return EntraReply::html(400, QStringLiteral("fabric-sandbox sign-in"),
                                    QStringLiteral("<p>We don't recognize this code, or it has expired.</p>"));
        }
        if (request.method != "GET")
            return EntraReply::html(405, QStringLiteral("Method not allowed"), {});
        return EntraReply::html(
            200, QStringLiteral("fabric-sandbox sign-in"),
            QStringLiteral("<form method=\"post\"><p>Enter the code shown on your device to sign in as %1.</p>"
                           "<input name=\"user_code\" autofocus> <button name=\"action\" value=\"approve\">Sign in"
                           "</button> <button name=\"action\" value=\"decline\">Decline</button></form>")
                .arg(user.userPrincipalName.toHtmlEscaped()));
    }

    // ---- authorize (auth code + PKCE) ----------------------------------------------------------

    SandboxResponse authorize(const SandboxRequest &request)
    {
        forgetExpired();
        ++authorizeRequests;
        if (request.method != "GET")
            return EntraReply::html(405, QStringLiteral("Method not allowed"), {});
        const QUrlQuery query = decodedQuery(request);
        auto errorPage = [](int aadsts, const QString &text) {
            return EntraReply::html(400, QStringLiteral("Sign in"),
                                    QStringLiteral("<p>AADSTS%1: %2</p>").arg(aadsts).arg(text.toHtmlEscaped()));
        };
        // Until client and redirect URI are trusted, errors are shown, never redirected.
        const QString clientId = field(query, QStringLiteral("client_id"));
        if (clientId.isEmpty())
            return errorPage(900144, QStringLiteral("The request body must contain the following parameter: 'client_id'."));
        const Client *client = findClient(clientId);
        if (!client)
            return errorPage(700016, QStringLiteral("Application with identifier '%1' was not found in the directory '%2'.")
                                         .arg(clientId, options.tenantId));
        const QString redirectUri = field(query, QStringLiteral("redirect_uri"));
        if (redirectUri.isEmpty())
            return errorPage(900144, QStringLiteral("The request body must contain the following parameter: 'redirect_uri'."));
        const QUrl redirect(redirectUri, QUrl::StrictMode);
        if (!isLoopbackRedirect(redirect))
            return errorPage(50011, QStringLiteral("The redirect URI '%1' specified in the request does not match the "
                                                   "redirect URIs configured for the application '%2'. Only loopback "
                                                   "http URIs (127.0.0.1, [::1], localhost; any port) are registered.")
                                        .arg(redirectUri, client->id));

        const QString state = field(query, QStringLiteral("state"));
        auto redirectError = [&](const char *code, int aadsts, const QString &description) {
            ++tokenErrors[QString::fromLatin1(code)];
            return EntraReply::redirect(withQueryItems(
                redirect, {{QStringLiteral("error"), QString::fromLatin1(code)},
                           {QStringLiteral("error_description"), QStringLiteral("AADSTS%1: %2").arg(aadsts).arg(description)},
                           {QStringLiteral("state"), state}}));
        };
        const QString responseType = field(query, QStringLiteral("response_type"));
        if (responseType.isEmpty())
            return redirectError("invalid_request", 900144,
                                 QStringLiteral("The request body must contain the following parameter: 'response_type'."));
        if (responseType != QLatin1String("code"))
            return redirectError("unsupported_response_type", 700051,
                                 QStringLiteral("response_type '%1' is not enabled for the application.").arg(responseType));
        EntraScope::Error scopeFailure;
        const auto scope = EntraScope::parse(field(query, QStringLiteral("scope")), options.tenantId, &scopeFailure);
        if (!scope)
            return redirectError(scopeFailure.error.toLatin1().constData(), scopeFailure.aadsts, scopeFailure.description);
        const QString challenge = field(query, QStringLiteral("code_challenge"));
        const QString method = field(query, QStringLiteral("code_challenge_method"));
        if (challenge.isEmpty() || method != QLatin1String("S256"))
            return redirectError("invalid_request", 9002325,
                                 QStringLiteral("Proof Key for Code Exchange is required: send code_challenge with "
                                                "code_challenge_method=S256."));
        if (!isPkceString(challenge))
            return redirectError("invalid_request", 501491, QStringLiteral("Invalid size of Code_Challenge parameter."));

        const QString code = randomOpaque("1.AXsA", 180);
        authorizationCodes.insert(code, AuthorizationCodeGrant{client->id, redirectUri, scope->requested(), challenge,
                                                               field(query, QStringLiteral("nonce")),
                                                               nowMs() + authorizationCodeLifetimeMs, false});
        remember(code);
        return EntraReply::redirect(withQueryItems(redirect, {{QStringLiteral("code"), code},
                                                              {QStringLiteral("state"), state},
                                                              {QStringLiteral("session_state"), guidFrom(secretBytes(16))}}));
    }

    // ---- admin ---------------------------------------------------------------------------------

    Json counterJson() const
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
            errors[s(it.key())] = it.value();
        return Json{{"tokenRequests", requests},
                    {"errors", errors},
                    {"tokensIssued", tokensIssued},
                    {"deviceCodeRequests", deviceCodeRequests},
                    {"authorizeRequests", authorizeRequests},
                    {"deviceCodePollsAfterExpiry", deviceCodePollsAfterExpiry}};
    }

    static QString stateName(DeviceState state)
    {
        switch (state) {
        case DeviceState::Pending: return QStringLiteral("Pending");
        case DeviceState::Approved: return QStringLiteral("Approved");
        case DeviceState::Declined: return QStringLiteral("Declined");
        case DeviceState::Redeemed: return QStringLiteral("Redeemed");
        }
        return {};
    }

    Json deviceCodeList() const
    {
        // User codes only: device codes are secrets.
        Json list = Json::array();
        for (const DeviceCodeGrant &grant : deviceCodes)
            list.push_back(Json{{"userCode", s(grant.userCode)},
                                {"clientId", s(grant.clientId)},
                                {"state", s(nowMs() >= grant.expiresMs && grant.state == DeviceState::Pending
                                                ? QStringLiteral("Expired") : stateName(grant.state))},
                                {"intervalSeconds", grant.intervalSeconds},
                                {"polls", grant.polls},
                                {"expiresInSeconds", qMax<qint64>(0, (grant.expiresMs - nowMs()) / 1000)}});
        return Json{{"value", list}};
    }

    static SandboxResponse adminError(int status, const QString &code, const QString &message)
    {
        SandboxResponse response;
        response.status = status;
        response.body = dumpJson(Json{{"errorCode", s(code)}, {"message", s(message)}});
        response.setHeader("Content-Type", "application/json; charset=utf-8");
        return response;
    }
    static SandboxResponse adminJson(const Json &body)
    {
        SandboxResponse response;
        response.body = dumpJson(body);
        response.setHeader("Content-Type", "application/json; charset=utf-8");
        return response;
    }

    SandboxResponse admin(const SandboxRequest &request, const QStringList &path);
};

SandboxResponse EntraEmulator::Private::admin(const SandboxRequest &request, const QStringList &path)
{
    const QByteArray &method = request.method;
    const QString what = path.value(0);
    auto wrongMethod = [] { return adminError(405, QStringLiteral("MethodNotAllowed"), QStringLiteral("Wrong method.")); };
    if (what == QLatin1String("counters") && path.size() == 1) {
        if (method == "GET")
            return adminJson(counterJson());
        if (method == "DELETE") {
            tokenRequests.clear();
            tokenErrors.clear();
            tokensIssued = deviceCodeRequests = authorizeRequests = deviceCodePollsAfterExpiry = 0;
            return SandboxResponse{204, {}, {}};
        }
        return wrongMethod();
    }
    if (what == QLatin1String("device-codes")) {
        if (path.size() == 1)
            return method == "GET" ? adminJson(deviceCodeList()) : wrongMethod();
        if (path.size() == 3 && (path[2] == QLatin1String("approve") || path[2] == QLatin1String("decline"))) {
            if (method != "POST")
                return wrongMethod();
            const bool approve = path[2] == QLatin1String("approve");
            if (!decideDeviceCode(path[1], approve ? DeviceState::Approved : DeviceState::Declined))
                return adminError(404, QStringLiteral("DeviceCodeNotPending"),
                                  QStringLiteral("No pending, unexpired device code has this user code."));
            return adminJson(Json{{"userCode", s(normalisedUserCode(path[1]))},
                                  {"state", approve ? "Approved" : "Declined"}});
        }
    }
    if ((what == QLatin1String("revoke") || what == QLatin1String("expire-access-tokens")) && path.size() == 1) {
        if (method != "POST")
            return wrongMethod();
        if (what == QLatin1String("revoke"))
            revokedBelow = nextSerial;
        else
            accessExpiredBelow = nextSerial;
        return SandboxResponse{204, {}, {}};
    }
    if (what == QLatin1String("token-lifetime") && path.size() == 1) {
        if (method == "GET")
            return adminJson(Json{{"seconds", options.tokenLifetimeSeconds}});
        if (method != "PUT" && method != "POST")
            return wrongMethod();
        // ?seconds=N, or a JSON body {"seconds": N}.
        bool ok = false;
        int seconds = request.query.queryItemValue(QStringLiteral("seconds")).toInt(&ok);
        if (!ok) {
            const auto body = parseJson(request.body);
            if (body && body->is_object() && body->contains("seconds") && (*body)["seconds"].is_number_integer()) {
                seconds = (*body)["seconds"].get<int>();
                ok = true;
            }
        }
        if (!ok || seconds < 1)
            return adminError(400, QStringLiteral("InvalidRequest"),
                              QStringLiteral("Give a positive number of seconds: ?seconds=N or {\"seconds\": N}."));
        options.tokenLifetimeSeconds = seconds;
        return adminJson(Json{{"seconds", seconds}});
    }
    if (what == QLatin1String("secrets") && path.size() == 1) {
        if (method != "GET")
            return wrongMethod();
        Json list = Json::array();
        for (const QString &secret : secrets)
            list.push_back(s(secret));
        return adminJson(Json{{"value", list}});
    }
    if (what == QLatin1String("clients") && path.size() == 1) {
        if (method != "GET")
            return wrongMethod();
        // What a newcomer needs to get a token with curl; the sandbox secret is printed at start-up too.
        return adminJson(Json{{"tenantId", s(options.tenantId)},
                              {"clientId", s(EntraEmulator::defaultClientId())},
                              {"clientSecret", s(EntraEmulator::defaultClientSecret())},
                              {"publicClientId", s(EntraEmulator::defaultPublicClientId())},
                              {"user", s(user.userPrincipalName)}});
    }
    return adminError(404, QStringLiteral("NotFound"), QStringLiteral("No such sandbox Entra admin endpoint."));
}

// ---- EntraEmulator ---------------------------------------------------------------------------------

EntraEmulator::EntraEmulator(SandboxClock *clock, const EntraOptions &options, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    if (!clock) {
        d->ownClock = std::make_unique<SandboxClock>();
        clock = d->ownClock.get();
    }
    d->clock = clock;
    d->options = options;
    if (d->options.tokenLifetimeSeconds < 1)
        d->options.tokenLifetimeSeconds = 3600;
    d->random.seed(options.seed);
    d->user = User{d->seededGuid(), QStringLiteral("Sandbox User"),
                   QStringLiteral("sandbox.user@fabricsandbox.onmicrosoft.com")};
    d->clients = {
        Client{defaultClientId(), defaultClientSecret(), QStringLiteral("fabric-sandbox automation"), d->seededGuid()},
        Client{defaultPublicClientId(), {}, QStringLiteral("Fabric Mirroring Console"), d->seededGuid()},
    };
    d->remember(defaultClientSecret());
}

EntraEmulator::~EntraEmulator() = default;

std::optional<SandboxResponse> EntraEmulator::handle(const SandboxRequest &request)
{
    return d->route(request);
}

EntraEmulator::TokenCheck EntraEmulator::verifyAuthorization(const QByteArray &authorizationHeader, Caller *caller) const
{
    const QByteArray value = authorizationHeader.trimmed();
    if (value.isEmpty())
        return TokenCheck::Missing;
    if (value.size() < 7 || value.left(7).toLower() != "bearer ")
        return TokenCheck::Malformed;
    const QByteArray token = value.mid(7).trimmed();
    bool malformed = false;
    const auto verified = d->signer.verify(token, &malformed);
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
    const auto serial = d->accessTokenSerials.constFind(text("uti").toLatin1());
    if (text("tid") != d->options.tenantId || serial == d->accessTokenSerials.cend())
        return TokenCheck::BadSignature;
    const QString audience = text("aud");
    if (audience != QLatin1String(EntraScope::fabricAudience) && audience != QLatin1String(EntraScope::powerBiAudience))
        return TokenCheck::WrongAudience;
    if (*serial < d->revokedBelow)
        return TokenCheck::Revoked;
    const qint64 now = d->now().toSecsSinceEpoch();
    const auto nbf = claims.find("nbf");
    const qint64 notBefore = nbf != claims.end() && nbf->is_number_integer() ? nbf->get<qint64>() : 0;
    if (now >= exp->get<qint64>() || now < notBefore || *serial < d->accessExpiredBelow)
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

QString EntraEmulator::defaultClientId()
{
    return QStringLiteral("5e1f0a3c-7b2d-4c8e-9f60-0ab5a4db0c01");
}

QString EntraEmulator::defaultClientSecret()
{
    // Shaped like an Entra client secret value; sandbox only.
    return QStringLiteral("Sbx8Q~fabric-sandbox.only~9f60a4db0c01xK2");
}

QString EntraEmulator::defaultPublicClientId()
{
    return QStringLiteral("a9e1c5f2-4b7d-4d2e-8f3a-6c0b5d9e7f14");
}

QString EntraEmulator::tenantId() const
{
    return d->options.tenantId;
}

void EntraEmulator::setTokenLifetimeSeconds(int seconds)
{
    d->options.tokenLifetimeSeconds = qMax(1, seconds);
}

int EntraEmulator::tokenLifetimeSeconds() const
{
    return d->options.tokenLifetimeSeconds;
}

void EntraEmulator::revokeAllTokens()
{
    d->revokedBelow = d->nextSerial;
}

void EntraEmulator::expireAccessTokens()
{
    d->accessExpiredBelow = d->nextSerial;
}

bool EntraEmulator::approveDeviceCode(const QString &userCode)
{
    return d->decideDeviceCode(userCode, DeviceState::Approved);
}

bool EntraEmulator::declineDeviceCode(const QString &userCode)
{
    return d->decideDeviceCode(userCode, DeviceState::Declined);
}

int EntraEmulator::tokenRequestCount(const QString &grantType) const
{
    if (!grantType.isEmpty())
        return d->tokenRequests.value(grantKey(grantType) == QLatin1String("unknown") ? grantType : grantKey(grantType));
    int total = 0;
    for (int count : d->tokenRequests)
        total += count;
    return total;
}

Json EntraEmulator::counters() const
{
    return d->counterJson();
}

void EntraEmulator::resetCounters()
{
    d->tokenRequests.clear();
    d->tokenErrors.clear();
    d->tokensIssued = d->deviceCodeRequests = d->authorizeRequests = d->deviceCodePollsAfterExpiry = 0;
}

QStringList EntraEmulator::issuedSecrets() const
{
    return d->secrets;
}

} // namespace fmc::sandbox
