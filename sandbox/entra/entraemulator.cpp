#include "sandbox/entra/entraemulator.h"

#include "sandbox/entra/entraauthorizationcodeflow.h"
#include "sandbox/entra/entraclientcredentialsflow.h"
#include "sandbox/entra/entradevicecodeflow.h"
#include "sandbox/entra/entradiscovery.h"
#include "sandbox/entra/entraform.h"
#include "sandbox/entra/entrareply.h"
#include "sandbox/entra/entrarefreshtokenflow.h"
#include "sandbox/entra/entratokenservice.h"

#include <QLoggingCategory>

namespace fmc::sandbox {

namespace {

Q_LOGGING_CATEGORY(lcEntra, "fmc.sandbox.entra")

constexpr qint64 forgetExpiredAfterMs = 3600 * 1000; // keep expired codes a while to say "expired"

QString grantKey(const QString &grantType)
{
    if (grantType == QLatin1String(EntraDeviceCodeFlow::grantType))
        return QStringLiteral("device_code");
    if (grantType == QLatin1String("client_credentials") || grantType == QLatin1String("authorization_code")
        || grantType == QLatin1String("refresh_token"))
        return grantType;
    return QStringLiteral("unknown");
}

} // namespace

//! Routing, the token endpoint's choice of grant, discovery and the admin paths; each grant flow
//! lives in its own class, and what they share (clients, issuing and checking tokens) in
//! EntraTokenService.
struct EntraEmulator::Private {
    Private(SandboxClock *clock, const EntraOptions &options)
        : ownClock(clock ? nullptr : std::make_unique<SandboxClock>())
        , tokens(clock ? clock : ownClock.get(), options)
        , deviceCode(&tokens)
        , authorizationCode(&tokens)
        , clientCredentials(&tokens)
        , refreshToken(&tokens)
    {
    }

    std::unique_ptr<SandboxClock> ownClock;
    EntraTokenService tokens;
    EntraDeviceCodeFlow deviceCode;
    EntraAuthorizationCodeFlow authorizationCode;
    EntraClientCredentialsFlow clientCredentials;
    EntraRefreshTokenFlow refreshToken;

    void forgetExpired()
    {
        const qint64 horizon = tokens.nowMs() - forgetExpiredAfterMs;
        deviceCode.forgetExpired(horizon);
        authorizationCode.forgetExpired(horizon);
        tokens.forgetExpired(horizon);
    }

    std::optional<SandboxResponse> route(const SandboxRequest &request);
    SandboxResponse discovery(const SandboxRequest &request, const QString &tenant, bool keys);
    SandboxResponse oauth2(const SandboxRequest &request, const QString &tenant, const QString &endpoint);
    SandboxResponse token(const SandboxRequest &request);
    SandboxResponse tokenFor(const SandboxRequest &request, const QUrlQuery &form, const QString &grantType);
    SandboxResponse admin(const SandboxRequest &request, const QStringList &path);

    static SandboxResponse adminError(int status, const QString &code, const QString &message)
    {
        SandboxResponse response;
        response.status = status;
        response.body = dumpJson(Json{{"errorCode", toStdString(code)}, {"message", toStdString(message)}});
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
};

// ---- routing -----------------------------------------------------------------------------------

std::optional<SandboxResponse> EntraEmulator::Private::route(const SandboxRequest &request)
{
    const QStringList segments = request.path.split(u'/', Qt::SkipEmptyParts);
    if (segments.size() >= 2 && segments[0] == QLatin1String("_sandbox") && segments[1] == QLatin1String("entra"))
        return admin(request, segments.mid(2));
    if (segments.size() == 1 && segments[0] == QLatin1String("devicelogin"))
        return deviceCode.loginPage(request);
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

SandboxResponse EntraEmulator::Private::discovery(const SandboxRequest &request, const QString &tenant, bool keys)
{
    if (!tokens.isOurTenant(tenant))
        return EntraReply::oauthError(request, tokens.now(), 400, QStringLiteral("invalid_tenant"), 90002,
                                      EntraTokenService::tenantNotFound(tenant));
    if (request.method != "GET" && request.method != "HEAD")
        return EntraReply::html(405, QStringLiteral("Method not allowed"), {});
    const QString tenantId = tokens.options().tenantId;
    SandboxResponse response =
        keys ? EntraReply::json(request, 200,
                                EntraDiscovery::jwks(tokens.signer(), EntraDiscovery::issuer(request.publicBaseUrl, tenantId)))
             : EntraReply::json(request, 200, EntraDiscovery::openIdConfiguration(request.publicBaseUrl, tenant, tenantId));
    // Discovery documents are public and cacheable, unlike token responses.
    response.setHeader("Cache-Control", "max-age=86400, private");
    response.headers.removeIf([](const auto &h) { return h.first.compare("Pragma", Qt::CaseInsensitive) == 0; });
    return response;
}

SandboxResponse EntraEmulator::Private::oauth2(const SandboxRequest &request, const QString &tenant,
                                               const QString &endpoint)
{
    const bool isAuthorize = endpoint == QLatin1String("authorize");
    if (!isAuthorize && endpoint != QLatin1String("token") && endpoint != QLatin1String("devicecode"))
        return EntraReply::html(404, QStringLiteral("Not found"), {});
    if (!tokens.isOurTenant(tenant)) {
        if (isAuthorize)
            return EntraReply::html(400, QStringLiteral("Sign in"),
                                    QStringLiteral("<p>AADSTS90002: %1</p>")
                                        .arg(EntraTokenService::tenantNotFound(tenant).toHtmlEscaped()));
        return tokens.error(request, 400, QStringLiteral("invalid_request"), 90002,
                            EntraTokenService::tenantNotFound(tenant));
    }
    if (isAuthorize) {
        forgetExpired();
        return authorizationCode.authorize(request);
    }
    if (request.method != "POST")
        return tokens.error(request, 400, QStringLiteral("invalid_request"), 900561,
                            QStringLiteral("The endpoint only accepts POST, OPTIONS requests. Received a %1 request.")
                                .arg(QString::fromLatin1(request.method)));
    if (endpoint == QLatin1String("token"))
        return token(request);
    forgetExpired();
    return deviceCode.start(request);
}

// ---- the token endpoint ------------------------------------------------------------------------

SandboxResponse EntraEmulator::Private::token(const SandboxRequest &request)
{
    forgetExpired();
    const QUrlQuery form = EntraForm::of(request);
    const QString grantType = EntraForm::field(form, QStringLiteral("grant_type"));
    const QString key = grantKey(grantType);
    ++tokens.counters().tokenRequests[key];
    SandboxResponse response = tokenFor(request, form, grantType);
    // Grant type and status only: nothing secret is logged.
    qCDebug(lcEntra) << "token" << key << response.status;
    return response;
}

SandboxResponse EntraEmulator::Private::tokenFor(const SandboxRequest &request, const QUrlQuery &form,
                                                 const QString &grantType)
{
    if (grantType.isEmpty())
        return tokens.missingParameter(request, QStringLiteral("grant_type"));
    std::optional<SandboxResponse> failure;
    const EntraClient *client = tokens.authenticateClient(request, form, &failure);
    if (!client)
        return *failure;
    if (grantType == QLatin1String("client_credentials"))
        return clientCredentials.redeem(request, form, *client);
    if (grantType == QLatin1String(EntraDeviceCodeFlow::grantType))
        return deviceCode.redeem(request, form, *client);
    if (grantType == QLatin1String("authorization_code"))
        return authorizationCode.redeem(request, form, *client);
    if (grantType == QLatin1String("refresh_token"))
        return refreshToken.redeem(request, form, *client);
    return tokens.error(request, 400, QStringLiteral("unsupported_grant_type"), 70003,
                        QStringLiteral("The app requested an unsupported grant type '%1'.").arg(grantType));
}

// ---- admin -------------------------------------------------------------------------------------

SandboxResponse EntraEmulator::Private::admin(const SandboxRequest &request, const QStringList &path)
{
    const QByteArray &method = request.method;
    const QString what = path.value(0);
    auto wrongMethod = [] { return adminError(405, QStringLiteral("MethodNotAllowed"), QStringLiteral("Wrong method.")); };
    if (what == QLatin1String("counters") && path.size() == 1) {
        if (method == "GET")
            return adminJson(tokens.counters().toJson());
        if (method == "DELETE") {
            tokens.counters().reset();
            return SandboxResponse{204, {}, {}};
        }
        return wrongMethod();
    }
    if (what == QLatin1String("device-codes")) {
        if (path.size() == 1)
            return method == "GET" ? adminJson(deviceCode.list()) : wrongMethod();
        if (path.size() == 3 && (path[2] == QLatin1String("approve") || path[2] == QLatin1String("decline"))) {
            if (method != "POST")
                return wrongMethod();
            const bool approve = path[2] == QLatin1String("approve");
            if (!deviceCode.decide(path[1], approve ? EntraDeviceCodeFlow::State::Approved
                                                    : EntraDeviceCodeFlow::State::Declined))
                return adminError(404, QStringLiteral("DeviceCodeNotPending"),
                                  QStringLiteral("No pending, unexpired device code has this user code."));
            return adminJson(Json{{"userCode", toStdString(EntraDeviceCodeFlow::normalisedUserCode(path[1]))},
                                  {"state", approve ? "Approved" : "Declined"}});
        }
    }
    if ((what == QLatin1String("revoke") || what == QLatin1String("expire-access-tokens")) && path.size() == 1) {
        if (method != "POST")
            return wrongMethod();
        if (what == QLatin1String("revoke"))
            tokens.revokeAll();
        else
            tokens.expireAccessTokens();
        return SandboxResponse{204, {}, {}};
    }
    if (what == QLatin1String("token-lifetime") && path.size() == 1) {
        if (method == "GET")
            return adminJson(Json{{"seconds", tokens.options().tokenLifetimeSeconds}});
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
        tokens.options().tokenLifetimeSeconds = seconds;
        return adminJson(Json{{"seconds", seconds}});
    }
    if (what == QLatin1String("secrets") && path.size() == 1) {
        if (method != "GET")
            return wrongMethod();
        Json list = Json::array();
        for (const QString &secret : tokens.secrets())
            list.push_back(toStdString(secret));
        return adminJson(Json{{"value", list}});
    }
    if (what == QLatin1String("clients") && path.size() == 1) {
        if (method != "GET")
            return wrongMethod();
        // What a newcomer needs to get a token with curl; the sandbox secret is printed at start-up too.
        return adminJson(Json{{"tenantId", toStdString(tokens.options().tenantId)},
                              {"clientId", toStdString(EntraEmulator::defaultClientId())},
                              {"clientSecret", toStdString(EntraEmulator::defaultClientSecret())},
                              {"publicClientId", toStdString(EntraEmulator::defaultPublicClientId())},
                              {"user", toStdString(tokens.user().userPrincipalName)}});
    }
    return adminError(404, QStringLiteral("NotFound"), QStringLiteral("No such sandbox Entra admin endpoint."));
}

// ---- EntraEmulator -----------------------------------------------------------------------------

EntraEmulator::EntraEmulator(SandboxClock *clock, const EntraOptions &options, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(clock, options))
{
}

EntraEmulator::~EntraEmulator() = default;

std::optional<SandboxResponse> EntraEmulator::handle(const SandboxRequest &request)
{
    return d->route(request);
}

EntraEmulator::TokenCheck EntraEmulator::verifyAuthorization(const QByteArray &authorizationHeader, Caller *caller) const
{
    return d->tokens.verify(authorizationHeader, caller);
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
    return d->tokens.options().tenantId;
}

void EntraEmulator::setTokenLifetimeSeconds(int seconds)
{
    d->tokens.options().tokenLifetimeSeconds = qMax(1, seconds);
}

void EntraEmulator::setDeviceCodeTiming(int intervalSeconds, int expiresInSeconds)
{
    d->tokens.options().deviceCodeIntervalSeconds = qMax(1, intervalSeconds);
    d->tokens.options().deviceCodeExpiresInSeconds = qMax(1, expiresInSeconds);
}

int EntraEmulator::tokenLifetimeSeconds() const
{
    return d->tokens.options().tokenLifetimeSeconds;
}

void EntraEmulator::revokeAllTokens()
{
    d->tokens.revokeAll();
}

void EntraEmulator::expireAccessTokens()
{
    d->tokens.expireAccessTokens();
}

bool EntraEmulator::approveDeviceCode(const QString &userCode)
{
    return d->deviceCode.decide(userCode, EntraDeviceCodeFlow::State::Approved);
}

bool EntraEmulator::declineDeviceCode(const QString &userCode)
{
    return d->deviceCode.decide(userCode, EntraDeviceCodeFlow::State::Declined);
}

int EntraEmulator::tokenRequestCount(const QString &grantType) const
{
    const QMap<QString, int> &requests = d->tokens.counters().tokenRequests;
    if (!grantType.isEmpty())
        return requests.value(grantKey(grantType) == QLatin1String("unknown") ? grantType : grantKey(grantType));
    int total = 0;
    for (int count : requests)
        total += count;
    return total;
}

Json EntraEmulator::counters() const
{
    return d->tokens.counters().toJson();
}

void EntraEmulator::resetCounters()
{
    d->tokens.counters().reset();
}

QStringList EntraEmulator::issuedSecrets() const
{
    return d->tokens.secrets();
}

} // namespace fmc::sandbox
