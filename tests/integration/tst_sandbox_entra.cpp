// The Entra ID emulator of fabric-sandbox, driven through EntraEmulator::handle() with the same
// SandboxRequest values the HTTP server builds: every grant, every OAuth error the clients must
// handle, the admin paths, and the tokens checked independently against the published JWKS.

#include "sandbox/entra/entraemulator.h"
#include "sandbox/sandbox.h"

#include "models/json.h"

#include <QCryptographicHash>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QRegularExpression>
#include <QTest>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

using namespace fmc;
using namespace fmc::sandbox;

namespace {

const QUrl baseUrl(QStringLiteral("http://127.0.0.1:8123"));
const QString fabricScope = QStringLiteral("https://api.fabric.microsoft.com/.default");
const QString userScope = QStringLiteral("https://api.fabric.microsoft.com/.default offline_access openid profile");
const QString redirectUri = QStringLiteral("http://127.0.0.1:49152/callback");
const QString verifier = QStringLiteral("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
const char *deviceGrant = "urn:ietf:params:oauth:grant-type:device_code";

using Form = QList<QPair<QString, QString>>;

QByteArray encodeForm(const Form &form)
{
    QByteArray body;
    for (const auto &item : form) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(item.first) + '=' + QUrl::toPercentEncoding(item.second);
    }
    return body;
}

SandboxRequest makeRequest(const QByteArray &method, const QString &pathAndQuery)
{
    SandboxRequest request;
    request.method = method;
    request.url = QUrl(pathAndQuery);
    request.path = request.url.path();
    request.query = QUrlQuery(request.url);
    request.publicBaseUrl = baseUrl;
    request.peer = QHostAddress::LocalHost;
    return request;
}

Json bodyOf(const SandboxResponse &response)
{
    const auto json = parseJson(response.body);
    return json ? *json : Json();
}

QString str(const Json &json, const char *key)
{
    return json.is_object() && json.contains(key) && json[key].is_string()
               ? QString::fromStdString(json[key].get<std::string>()) : QString();
}

QString challengeOf(const QString &codeVerifier)
{
    return QString::fromLatin1(QCryptographicHash::hash(codeVerifier.toLatin1(), QCryptographicHash::Sha256)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

Json jwtPart(const QString &jwt, int index)
{
    const auto bytes = QByteArray::fromBase64(jwt.toLatin1().split('.').value(index), QByteArray::Base64UrlEncoding);
    return bodyOf(SandboxResponse{200, {}, bytes});
}

//! Rebuilds an RSA public key from a JWK's n and e, with nothing from the emulator's key code.
EVP_PKEY *publicKeyFromJwk(const Json &jwk)
{
    const auto n = QByteArray::fromBase64(QByteArray::fromStdString(jwk["n"].get<std::string>()), QByteArray::Base64UrlEncoding);
    const auto e = QByteArray::fromBase64(QByteArray::fromStdString(jwk["e"].get<std::string>()), QByteArray::Base64UrlEncoding);
    BIGNUM *bn = BN_bin2bn(reinterpret_cast<const unsigned char *>(n.constData()), int(n.size()), nullptr);
    BIGNUM *be = BN_bin2bn(reinterpret_cast<const unsigned char *>(e.constData()), int(e.size()), nullptr);
    OSSL_PARAM_BLD *builder = OSSL_PARAM_BLD_new();
    OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_N, bn);
    OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_E, be);
    OSSL_PARAM *params = OSSL_PARAM_BLD_to_param(builder);
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr);
    EVP_PKEY *key = nullptr;
    if (EVP_PKEY_fromdata_init(ctx) != 1 || EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params) != 1)
        key = nullptr;
    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(builder);
    BN_free(bn);
    BN_free(be);
    return key;
}

bool verifyRs256(EVP_PKEY *key, const QString &jwt)
{
    const QByteArray token = jwt.toLatin1();
    const qsizetype lastDot = token.lastIndexOf('.');
    const QByteArray input = token.left(lastDot);
    const QByteArray signature = QByteArray::fromBase64(token.mid(lastDot + 1), QByteArray::Base64UrlEncoding);
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    const bool ok = EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key) == 1
                    && EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char *>(signature.constData()),
                                        size_t(signature.size()), reinterpret_cast<const unsigned char *>(input.constData()),
                                        size_t(input.size())) == 1;
    EVP_MD_CTX_free(ctx);
    return ok;
}

} // namespace

class TestSandboxEntra : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void clientCredentials_data();
    void clientCredentials();
    void errorBodyHasEntraShape();
    void tokenEndpointOnlyAcceptsPost();
    void deviceCodeResponse();
    void deviceCodePolling_data();
    void deviceCodePolling();
    void authorizeRedirects();
    void authorizeErrors_data();
    void authorizeErrors();
    void authorizationCodeRedemption_data();
    void authorizationCodeRedemption();
    void refreshTokenRotation();
    void refreshOnlyWithOfflineAccess();
    void refreshCanSwitchResource();
    void verifyAuthorization_data();
    void verifyAuthorization();
    void tokenLifetimeFollowsClock();
    void tokenSignatureVerifiesAgainstJwks();
    void openIdConfiguration();
    void unknownTenantIsRefused();
    void adminEndpoints();
    void notOurPaths();
    void noSecretInLogs();
    void seedFixesIdentitiesNotSecrets();

    // Over HTTP, through the real fabric-sandbox server on loopback.
    void httpClientCredentialsThenApi();
    void httpDiscoveryFollowsForwardedOrigin();
    void httpAuthorizationCodeFlow();

private:
    SandboxResponse call(const SandboxRequest &request);
    SandboxResponse post(const QString &path, const Form &form);
    SandboxResponse token(const Form &form) { return post(tokenPath(), form); }
    QString tokenPath() const { return u'/' + m_entra->tenantId() + QStringLiteral("/oauth2/v2.0/token"); }
    QString tenantPath(const QString &rest) const { return u'/' + m_entra->tenantId() + rest; }
    Json clientCredentialsToken(const QString &scope = fabricScope);
    Json startDeviceCode(const QString &scope = userScope);
    Json deviceCodeToken(const QString &scope = userScope);
    QString authorizeCode(const QString &scope = userScope);
    void advance(int seconds) { m_clock->advance(qint64(seconds) * 1000); }

    std::unique_ptr<SandboxClock> m_clock;
    std::unique_ptr<EntraEmulator> m_entra;
};

void TestSandboxEntra::init()
{
    m_clock = std::make_unique<SandboxClock>();
    EntraOptions options;
    options.deviceCodeAutoApproveAfterSeconds = -1;   // tests approve explicitly
    m_entra = std::make_unique<EntraEmulator>(m_clock.get(), options);
}

void TestSandboxEntra::cleanup()
{
    m_entra.reset();
    m_clock.reset();
}

SandboxResponse TestSandboxEntra::call(const SandboxRequest &request)
{
    const auto response = m_entra->handle(request);
    if (!response) {
        QTest::qFail("the emulator did not claim its own path", __FILE__, __LINE__);
        return SandboxResponse{0, {}, {}};
    }
    return *response;
}

SandboxResponse TestSandboxEntra::post(const QString &path, const Form &form)
{
    SandboxRequest request = makeRequest("POST", path);
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
    request.body = encodeForm(form);
    return call(request);
}

Json TestSandboxEntra::clientCredentialsToken(const QString &scope)
{
    return bodyOf(token({{"grant_type", "client_credentials"}, {"client_id", EntraEmulator::defaultClientId()},
                         {"client_secret", EntraEmulator::defaultClientSecret()}, {"scope", scope}}));
}

Json TestSandboxEntra::startDeviceCode(const QString &scope)
{
    return bodyOf(post(tenantPath(QStringLiteral("/oauth2/v2.0/devicecode")),
                       {{"client_id", EntraEmulator::defaultPublicClientId()}, {"scope", scope}}));
}

Json TestSandboxEntra::deviceCodeToken(const QString &scope)
{
    const Json code = startDeviceCode(scope);
    m_entra->approveDeviceCode(str(code, "user_code"));
    advance(5);
    return bodyOf(token({{"grant_type", deviceGrant}, {"client_id", EntraEmulator::defaultPublicClientId()},
                         {"device_code", str(code, "device_code")}}));
}

//! What the console's browser sign-in sends to /authorize (values percent-encoded).
QUrlQuery authorizeQuery(const QString &scope, const QString &state)
{
    QUrlQuery query;
    query.addQueryItem("client_id", EntraEmulator::defaultPublicClientId());
    query.addQueryItem("response_type", "code");
    query.addQueryItem("redirect_uri", QString::fromLatin1(QUrl::toPercentEncoding(redirectUri)));
    query.addQueryItem("scope", QString::fromLatin1(QUrl::toPercentEncoding(scope)));
    query.addQueryItem("state", state);
    query.addQueryItem("code_challenge", challengeOf(verifier));
    query.addQueryItem("code_challenge_method", "S256");
    return query;
}

QString TestSandboxEntra::authorizeCode(const QString &scope)
{
    const QUrlQuery query = authorizeQuery(scope, QStringLiteral("s123"));
    const auto response = call(makeRequest("GET", tenantPath("/oauth2/v2.0/authorize?") + query.toString(QUrl::FullyEncoded)));
    return QUrlQuery(QUrl::fromEncoded(response.header("Location"))).queryItemValue("code", QUrl::FullyDecoded);
}

void TestSandboxEntra::clientCredentials_data()
{
    QTest::addColumn<Form>("form");
    QTest::addColumn<QByteArray>("basicAuth");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("audience");

    const QString id = EntraEmulator::defaultClientId();
    const QString secret = EntraEmulator::defaultClientSecret();
    const Form grant = {{"grant_type", "client_credentials"}};
    QTest::addRow("fabric") << (grant + Form{{"client_id", id}, {"client_secret", secret}, {"scope", fabricScope}})
                            << QByteArray() << 200 << QString() << QStringLiteral("https://api.fabric.microsoft.com");
    QTest::addRow("power bi") << (grant + Form{{"client_id", id}, {"client_secret", secret},
                                               {"scope", "https://analysis.windows.net/powerbi/api/.default"}})
                              << QByteArray() << 200 << QString() << QStringLiteral("https://analysis.windows.net/powerbi/api");
    QTest::addRow("fabric, resource with trailing slash")
        << (grant + Form{{"client_id", id}, {"client_secret", secret}, {"scope", "https://api.fabric.microsoft.com//.default"}})
        << QByteArray() << 200 << QString() << QStringLiteral("https://api.fabric.microsoft.com");
    QTest::addRow("basic auth") << (grant + Form{{"scope", fabricScope}})
                                << (QUrl::toPercentEncoding(id) + ':' + QUrl::toPercentEncoding(secret)).toBase64()
                                << 200 << QString() << QStringLiteral("https://api.fabric.microsoft.com");
    QTest::addRow("wrong secret") << (grant + Form{{"client_id", id}, {"client_secret", "nope"}, {"scope", fabricScope}})
                                  << QByteArray() << 401 << QStringLiteral("invalid_client") << QString();
    QTest::addRow("no secret") << (grant + Form{{"client_id", id}, {"scope", fabricScope}})
                               << QByteArray() << 401 << QStringLiteral("invalid_client") << QString();
    QTest::addRow("public client") << (grant + Form{{"client_id", EntraEmulator::defaultPublicClientId()}, {"scope", fabricScope}})
                                   << QByteArray() << 401 << QStringLiteral("invalid_client") << QString();
    QTest::addRow("unknown client") << (grant + Form{{"client_id", "11111111-2222-3333-4444-555555555555"},
                                                     {"client_secret", secret}, {"scope", fabricScope}})
                                    << QByteArray() << 400 << QStringLiteral("unauthorized_client") << QString();
    QTest::addRow("no client id") << (grant + Form{{"client_secret", secret}, {"scope", fabricScope}})
                                  << QByteArray() << 400 << QStringLiteral("invalid_request") << QString();
    QTest::addRow("no scope") << (grant + Form{{"client_id", id}, {"client_secret", secret}})
                              << QByteArray() << 400 << QStringLiteral("invalid_request") << QString();
    QTest::addRow("delegated scope") << (grant + Form{{"client_id", id}, {"client_secret", secret},
                                                      {"scope", "https://api.fabric.microsoft.com/Workspace.Read.All"}})
                                     << QByteArray() << 400 << QStringLiteral("invalid_scope") << QString();
    QTest::addRow("graph") << (grant + Form{{"client_id", id}, {"client_secret", secret},
                                            {"scope", "https://graph.microsoft.com/.default"}})
                           << QByteArray() << 400 << QStringLiteral("invalid_scope") << QString();
    QTest::addRow("two resources") << (grant + Form{{"client_id", id}, {"client_secret", secret},
                                                    {"scope", fabricScope + " https://analysis.windows.net/powerbi/api/.default"}})
                                   << QByteArray() << 400 << QStringLiteral("invalid_scope") << QString();
    QTest::addRow("unknown resource") << (grant + Form{{"client_id", id}, {"client_secret", secret},
                                                       {"scope", "https://management.azure.com/.default"}})
                                      << QByteArray() << 400 << QStringLiteral("invalid_resource") << QString();
    QTest::addRow("unsupported grant") << Form{{"grant_type", "password"}, {"client_id", id}, {"client_secret", secret}}
                                       << QByteArray() << 400 << QStringLiteral("unsupported_grant_type") << QString();
    QTest::addRow("no grant type") << Form{{"client_id", id}, {"client_secret", secret}}
                                   << QByteArray() << 400 << QStringLiteral("invalid_request") << QString();
}

void TestSandboxEntra::clientCredentials()
{
    QFETCH(Form, form);
    QFETCH(QByteArray, basicAuth);
    QFETCH(int, status);
    QFETCH(QString, error);
    QFETCH(QString, audience);

    SandboxRequest request = makeRequest("POST", tokenPath());
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
    if (!basicAuth.isEmpty())
        request.headers.append({"Authorization", "Basic " + basicAuth});
    request.body = encodeForm(form);
    const SandboxResponse response = call(request);
    const Json body = bodyOf(response);
    QCOMPARE(response.status, status);
    QVERIFY(response.header("Content-Type").startsWith("application/json"));
    QCOMPARE(response.header("Cache-Control"), QByteArray("no-store, no-cache"));
    QCOMPARE(str(body, "error"), error);
    QCOMPARE(m_entra->tokenRequestCount(QStringLiteral("client_credentials")), form.contains({"grant_type", "client_credentials"}) ? 1 : 0);
    if (status != 200)
        return;
    QCOMPARE(str(body, "token_type"), QStringLiteral("Bearer"));
    QCOMPARE(body["expires_in"].get<int>(), 3600);
    QCOMPARE(body["ext_expires_in"].get<int>(), 3600);
    QVERIFY(!body.contains("refresh_token"));
    QVERIFY(!body.contains("id_token"));
    const Json claims = jwtPart(str(body, "access_token"), 1);
    QCOMPARE(str(claims, "aud"), audience);
    QCOMPARE(str(claims, "idtyp"), QStringLiteral("app"));
    QCOMPARE(str(claims, "appid"), EntraEmulator::defaultClientId());
    QVERIFY(!claims.contains("scp"));
    EntraEmulator::Caller caller;
    QCOMPARE(m_entra->verifyAuthorization("Bearer " + str(body, "access_token").toLatin1(), &caller),
             EntraEmulator::TokenCheck::Valid);
    QVERIFY(caller.isApplication);
    QCOMPARE(caller.appId, EntraEmulator::defaultClientId());
    QCOMPARE(caller.audience, audience);
    QVERIFY(!caller.displayName.isEmpty());
    QVERIFY(!caller.objectId.isEmpty());
    QVERIFY(caller.objectId != caller.appId);
}

void TestSandboxEntra::errorBodyHasEntraShape()
{
    SandboxRequest request = makeRequest("POST", tokenPath());
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                       {"client-request-id", "0f3a4c6e-1b2d-4e5f-8a9b-0c1d2e3f4a5b"}};
    request.body = encodeForm({{"grant_type", "client_credentials"}, {"client_id", EntraEmulator::defaultClientId()},
                               {"client_secret", "wrong"}, {"scope", fabricScope}});
    const SandboxResponse response = call(request);
    QCOMPARE(response.status, 401);
    const Json body = bodyOf(response);
    QCOMPARE(str(body, "error"), QStringLiteral("invalid_client"));
    QVERIFY(str(body, "error_description").startsWith(QStringLiteral("AADSTS7000215: ")));
    QVERIFY(body["error_codes"].is_array());
    QCOMPARE(body["error_codes"][0].get<int>(), 7000215);
    QVERIFY(QRegularExpression(QStringLiteral("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ$")).match(str(body, "timestamp")).hasMatch());
    QVERIFY(!QUuid::fromString(str(body, "trace_id")).isNull());
    QCOMPARE(str(body, "correlation_id"), QStringLiteral("0f3a4c6e-1b2d-4e5f-8a9b-0c1d2e3f4a5b"));
    QCOMPARE(response.header("client-request-id"), QByteArray("0f3a4c6e-1b2d-4e5f-8a9b-0c1d2e3f4a5b"));
    QCOMPARE(response.header("x-ms-request-id"), str(body, "trace_id").toLatin1());
    QVERIFY(!response.body.contains("wrong"));

    // A JSON body is not read (Entra reads only form bodies): grant_type is "missing".
    request.headers = {{"Content-Type", "application/json"}};
    request.body = R"({"grant_type":"client_credentials"})";
    const Json jsonBody = bodyOf(call(request));
    QCOMPARE(str(jsonBody, "error"), QStringLiteral("invalid_request"));
    QCOMPARE(jsonBody["error_codes"][0].get<int>(), 900144);
}

void TestSandboxEntra::tokenEndpointOnlyAcceptsPost()
{
    const SandboxResponse response = call(makeRequest("GET", tokenPath()));
    QCOMPARE(response.status, 400);
    QCOMPARE(bodyOf(response)["error_codes"][0].get<int>(), 900561);
}

void TestSandboxEntra::deviceCodeResponse()
{
    const SandboxResponse response = post(tenantPath(QStringLiteral("/oauth2/v2.0/devicecode")),
                                          {{"client_id", EntraEmulator::defaultPublicClientId()}, {"scope", userScope}});
    QCOMPARE(response.status, 200);
    const Json body = bodyOf(response);
    QCOMPARE(body["expires_in"].get<int>(), 900);
    QCOMPARE(body["interval"].get<int>(), 5);
    QCOMPARE(str(body, "verification_uri"), QStringLiteral("http://127.0.0.1:8123/devicelogin"));
    QVERIFY(QRegularExpression(QStringLiteral("^[A-Z0-9]{9}$")).match(str(body, "user_code")).hasMatch());
    QVERIFY(str(body, "device_code").size() > 64);
    QVERIFY(str(body, "message").contains(str(body, "user_code")));
    QVERIFY(str(body, "message").contains(str(body, "verification_uri")));

    // The confidential client cannot use the device code flow; scopes are checked up front.
    QCOMPARE(str(bodyOf(post(tenantPath(QStringLiteral("/oauth2/v2.0/devicecode")),
                             {{"client_id", EntraEmulator::defaultClientId()}, {"scope", userScope}})), "error"),
             QStringLiteral("invalid_client"));
    QCOMPARE(str(bodyOf(post(tenantPath(QStringLiteral("/oauth2/v2.0/devicecode")),
                             {{"client_id", EntraEmulator::defaultPublicClientId()}, {"scope", "https://x.example/.default"}})),
                 "error"),
             QStringLiteral("invalid_resource"));
    QCOMPARE(m_entra->counters()["deviceCodeRequests"].get<int>(), 3);

    // The verification page approves by user code, as a user would.
    SandboxRequest page = makeRequest("POST", QStringLiteral("/devicelogin"));
    page.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
    page.body = encodeForm({{"user_code", str(body, "user_code").toLower()}, {"action", "approve"}});
    QCOMPARE(call(page).status, 200);
    advance(5);
    QCOMPARE(token({{"grant_type", deviceGrant}, {"client_id", EntraEmulator::defaultPublicClientId()},
                    {"device_code", str(body, "device_code")}}).status, 200);
    QCOMPARE(call(makeRequest("GET", QStringLiteral("/devicelogin"))).status, 200);
}

void TestSandboxEntra::deviceCodePolling_data()
{
    // Steps: "N:expect" advances the clock N seconds, polls, and expects an error or "token";
    // "approve"/"decline" act as the user; "auto" re-creates the emulator approving after 10 s.
    QTest::addColumn<QString>("script");
    QTest::addColumn<int>("pollsAfterExpiry");
    QTest::addRow("pending until approved") << "5:authorization_pending 5:authorization_pending approve 5:token" << 0;
    QTest::addRow("auto approval after 10 s") << "auto 5:authorization_pending 5:token" << 0;
    QTest::addRow("first poll before the interval") << "1:slow_down 10:authorization_pending" << 0;
    QTest::addRow("slow_down adds 5 s to the interval")
        << "5:authorization_pending 2:slow_down 5:slow_down 15:authorization_pending 14:slow_down 20:authorization_pending"
        << 0;
    QTest::addRow("expired after expires_in") << "5:authorization_pending 895:expired_token 5:expired_token" << 2;
    QTest::addRow("approval too late") << "900:expired_token" << 1;
    QTest::addRow("declined") << "5:authorization_pending decline 5:authorization_declined" << 0;
    QTest::addRow("redeemed once") << "approve 5:token 5:invalid_grant" << 0;
    QTest::addRow("unknown device code") << "5:bad_verification_code" << 0;
    QTest::addRow("other client") << "5:invalid_client" << 0;
}

void TestSandboxEntra::deviceCodePolling()
{
    QFETCH(QString, script);
    QFETCH(int, pollsAfterExpiry);
    if (script.startsWith(QStringLiteral("auto"))) {
        EntraOptions options;
        options.deviceCodeAutoApproveAfterSeconds = 10;
        m_entra = std::make_unique<EntraEmulator>(m_clock.get(), options);
    }
    const Json code = startDeviceCode();
    QString deviceCode = str(code, "device_code");
    Form identity = {{"client_id", EntraEmulator::defaultPublicClientId()}};
    if (QTest::currentDataTag() == QByteArray("unknown device code"))
        deviceCode = QStringLiteral("DAQABIQEAAADnot-a-code");
    if (QTest::currentDataTag() == QByteArray("other client"))   // a confidential client with a bad secret
        identity = {{"client_id", EntraEmulator::defaultClientId()}, {"client_secret", "x"}};

    int polls = 0;
    for (const QString &step : script.split(u' ')) {
        if (step == QLatin1String("approve")) {
            QVERIFY(m_entra->approveDeviceCode(str(code, "user_code")));
            continue;
        }
        if (step == QLatin1String("decline")) {
            QVERIFY(m_entra->declineDeviceCode(str(code, "user_code")));
            continue;
        }
        if (step == QLatin1String("auto"))
            continue;
        advance(step.section(u':', 0, 0).toInt());
        const QString expected = step.section(u':', 1);
        const SandboxResponse response = token(Form{{"grant_type", deviceGrant}, {"device_code", deviceCode}} + identity);
        ++polls;
        const Json body = bodyOf(response);
        if (expected == QLatin1String("token")) {
            QCOMPARE(response.status, 200);
            QVERIFY(!str(body, "access_token").isEmpty());
            QVERIFY(!str(body, "refresh_token").isEmpty());
            QVERIFY(!str(body, "id_token").isEmpty());
            QCOMPARE(str(body, "scope").split(u' ').first().left(33), QStringLiteral("https://api.fabric.microsoft.com/"));
            EntraEmulator::Caller caller;
            QCOMPARE(m_entra->verifyAuthorization("Bearer " + str(body, "access_token").toLatin1(), &caller),
                     EntraEmulator::TokenCheck::Valid);
            QVERIFY(!caller.isApplication);
            QCOMPARE(caller.displayName, QStringLiteral("Sandbox User"));
            QCOMPARE(caller.appId, EntraEmulator::defaultPublicClientId());
            QVERIFY(caller.scopes.contains(QStringLiteral("Workspace.ReadWrite.All")));
        } else {
            QVERIFY2(str(body, "error") == expected, qPrintable(step + " got " + str(body, "error")));
            QCOMPARE(response.status, expected == QLatin1String("invalid_client") ? 401 : 400);
        }
    }
    QCOMPARE(m_entra->tokenRequestCount(QStringLiteral("device_code")), polls);
    QCOMPARE(m_entra->tokenRequestCount(QString::fromLatin1(deviceGrant)), polls);
    QCOMPARE(m_entra->counters()["deviceCodePollsAfterExpiry"].get<int>(), pollsAfterExpiry);
}

void TestSandboxEntra::authorizeRedirects()
{
    QUrlQuery query;
    query.addQueryItem("client_id", EntraEmulator::defaultPublicClientId());
    query.addQueryItem("response_type", "code");
    query.addQueryItem("redirect_uri", "http%3A%2F%2Flocalhost%3A51234%2F%3Fkeep%3D1");
    // '+' is a space (form encoding); a literal plus is %2B.
    query.addQueryItem("scope", "https%3A%2F%2Fapi.fabric.microsoft.com%2F.default+offline_access");
    query.addQueryItem("state", "st+ate%2B1%26x%3D%25");
    query.addQueryItem("code_challenge", challengeOf(verifier));
    query.addQueryItem("code_challenge_method", "S256");
    const SandboxResponse response =
        call(makeRequest("GET", tenantPath("/oauth2/v2.0/authorize?") + query.toString(QUrl::FullyEncoded)));
    QCOMPARE(response.status, 302);
    const QUrl location = QUrl::fromEncoded(response.header("Location"));
    QCOMPARE(location.host(), QStringLiteral("localhost"));
    QCOMPARE(location.port(), 51234);
    const QUrlQuery params(location);
    QCOMPARE(params.queryItemValue("keep"), QStringLiteral("1"));
    QCOMPARE(params.queryItemValue("state", QUrl::FullyDecoded), QStringLiteral("st ate+1&x=%"));
    QVERIFY(params.queryItemValue("code").size() > 100);
    QVERIFY(!params.hasQueryItem("error"));
    const Json tokens = bodyOf(token({{"grant_type", "authorization_code"}, {"client_id", EntraEmulator::defaultPublicClientId()},
                                      {"code", params.queryItemValue("code", QUrl::FullyDecoded)},
                                      {"redirect_uri", "http://localhost:51234/?keep=1"}, {"code_verifier", verifier}}));
    QVERIFY(!str(tokens, "refresh_token").isEmpty());   // offline_access was read as a scope of its own
    QVERIFY(!tokens.contains("id_token"));
    QCOMPARE(m_entra->counters()["authorizeRequests"].get<int>(), 1);
}

void TestSandboxEntra::authorizeErrors_data()
{
    QTest::addColumn<QString>("change");   // "key=value" replaces or, with an empty value, removes a parameter
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");    // the redirect's error; empty for an error page
    QTest::addRow("not loopback") << "redirect_uri=https://evil.example/cb" << 400 << QString();
    QTest::addRow("loopback over https") << "redirect_uri=https://127.0.0.1:5000/cb" << 400 << QString();
    QTest::addRow("no redirect uri") << "redirect_uri=" << 400 << QString();
    QTest::addRow("unknown client") << "client_id=11111111-2222-3333-4444-555555555555" << 400 << QString();
    QTest::addRow("no challenge") << "code_challenge=" << 302 << "invalid_request";
    QTest::addRow("plain method") << "code_challenge_method=plain" << 302 << "invalid_request";
    QTest::addRow("no method") << "code_challenge_method=" << 302 << "invalid_request";
    QTest::addRow("short challenge") << "code_challenge=abc" << 302 << "invalid_request";
    QTest::addRow("implicit grant") << "response_type=token" << 302 << "unsupported_response_type";
    QTest::addRow("no scope") << "scope=" << 302 << "invalid_request";
    QTest::addRow("two resources") << "scope=https://api.fabric.microsoft.com/.default https://graph.microsoft.com/User.Read"
                                   << 302 << "invalid_scope";
}

void TestSandboxEntra::authorizeErrors()
{
    QFETCH(QString, change);
    QFETCH(int, status);
    QFETCH(QString, error);
    QMap<QString, QString> params = {{"client_id", EntraEmulator::defaultPublicClientId()},
                                     {"response_type", "code"},
                                     {"redirect_uri", redirectUri},
                                     {"scope", userScope},
                                     {"state", "xyz"},
                                     {"code_challenge", challengeOf(verifier)},
                                     {"code_challenge_method", "S256"}};
    params[change.section(u'=', 0, 0)] = change.section(u'=', 1);
    QStringList encoded;
    for (auto it = params.cbegin(); it != params.cend(); ++it)
        if (!it.value().isEmpty())
            encoded << it.key() + u'=' + QString::fromLatin1(QUrl::toPercentEncoding(it.value()));
    const SandboxResponse response =
        call(makeRequest("GET", tenantPath("/oauth2/v2.0/authorize?") + encoded.join(u'&')));
    QCOMPARE(response.status, status);
    if (status == 400) {
        QVERIFY(response.header("Content-Type").startsWith("text/html"));
        QVERIFY(response.header("Location").isEmpty());
        QVERIFY(response.body.contains("AADSTS"));
        return;
    }
    const QUrl location = QUrl::fromEncoded(response.header("Location"));
    QCOMPARE(location.toString(QUrl::RemoveQuery), redirectUri);
    const QUrlQuery query(location);
    QCOMPARE(query.queryItemValue("error"), error);
    QVERIFY(query.queryItemValue("error_description", QUrl::FullyDecoded).startsWith(QStringLiteral("AADSTS")));
    QCOMPARE(query.queryItemValue("state"), QStringLiteral("xyz"));
    QVERIFY(!query.hasQueryItem("code"));
}

void TestSandboxEntra::authorizationCodeRedemption_data()
{
    QTest::addColumn<QString>("codeVerifier");
    QTest::addColumn<QString>("redirect");
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<int>("advanceSeconds");
    QTest::addColumn<QString>("firstError");   // empty: tokens
    QTest::addColumn<QString>("secondError");  // redeeming the same code again
    const QString publicId = EntraEmulator::defaultPublicClientId();
    QTest::addRow("tokens, then code reused") << verifier << redirectUri << publicId << 0 << QString() << "invalid_grant";
    QTest::addRow("wrong verifier") << QStringLiteral("A").repeated(43) << redirectUri << publicId << 0
                                    << "invalid_grant" << QString();
    QTest::addRow("no verifier") << QString() << redirectUri << publicId << 0 << "invalid_request" << QString();
    QTest::addRow("other redirect uri") << verifier << "http://127.0.0.1:49153/callback" << publicId << 0
                                        << "invalid_grant" << QString();
    QTest::addRow("code expired") << verifier << redirectUri << publicId << 601 << "invalid_grant" << "invalid_grant";
    QTest::addRow("code still valid at 9 min") << verifier << redirectUri << publicId << 540 << QString() << "invalid_grant";
    QTest::addRow("other client") << verifier << redirectUri << "11111111-2222-3333-4444-555555555555" << 0
                                  << "unauthorized_client" << QString();
}

void TestSandboxEntra::authorizationCodeRedemption()
{
    QFETCH(QString, codeVerifier);
    QFETCH(QString, redirect);
    QFETCH(QString, clientId);
    QFETCH(int, advanceSeconds);
    QFETCH(QString, firstError);
    QFETCH(QString, secondError);

    const QString code = authorizeCode();
    QVERIFY(!code.isEmpty());
    advance(advanceSeconds);
    Form form = {{"grant_type", "authorization_code"}, {"client_id", clientId}, {"code", code},
                 {"redirect_uri", redirect}, {"scope", userScope}};
    if (!codeVerifier.isEmpty())
        form.append({"code_verifier", codeVerifier});
    const Json first = bodyOf(token(form));
    QCOMPARE(str(first, "error"), firstError);
    if (firstError.isEmpty()) {
        QCOMPARE(m_entra->verifyAuthorization("Bearer " + str(first, "access_token").toLatin1()),
                 EntraEmulator::TokenCheck::Valid);
        QVERIFY(!str(first, "refresh_token").isEmpty());
        const Json idClaims = jwtPart(str(first, "id_token"), 1);
        QCOMPARE(str(idClaims, "aud"), EntraEmulator::defaultPublicClientId());
        QCOMPARE(str(idClaims, "tid"), m_entra->tenantId());
    }
    if (!secondError.isEmpty())
        QCOMPARE(str(bodyOf(token(form)), "error"), secondError);
}

void TestSandboxEntra::refreshTokenRotation()
{
    const Json first = deviceCodeToken();
    const QString refresh1 = str(first, "refresh_token");
    const Form base = {{"grant_type", "refresh_token"}, {"client_id", EntraEmulator::defaultPublicClientId()}};
    const Json second = bodyOf(token(base + Form{{"refresh_token", refresh1}}));
    const QString refresh2 = str(second, "refresh_token");
    QVERIFY(!refresh2.isEmpty());
    QVERIFY(refresh2 != refresh1);
    QVERIFY(str(second, "access_token") != str(first, "access_token"));

    // The old refresh token is spent; the new one works once, too.
    const SandboxResponse reused = token(base + Form{{"refresh_token", refresh1}});
    QCOMPARE(reused.status, 400);
    QCOMPARE(str(bodyOf(reused), "error"), QStringLiteral("invalid_grant"));
    const Json third = bodyOf(token(base + Form{{"refresh_token", refresh2}}));
    QVERIFY(!str(third, "refresh_token").isEmpty());
    QCOMPARE(m_entra->tokenRequestCount(QStringLiteral("refresh_token")), 3);
    QCOMPARE(m_entra->counters()["tokenRequests"]["refresh_token"].get<int>(), 3);

    // Another client cannot redeem it; revocation ends it and every access token issued so far.
    QCOMPARE(str(bodyOf(token({{"grant_type", "refresh_token"}, {"client_id", EntraEmulator::defaultClientId()},
                               {"client_secret", EntraEmulator::defaultClientSecret()},
                               {"refresh_token", str(third, "refresh_token")}})), "error"),
             QStringLiteral("invalid_grant"));
    m_entra->revokeAllTokens();
    const Json revoked = bodyOf(token(base + Form{{"refresh_token", str(third, "refresh_token")}}));
    QCOMPARE(str(revoked, "error"), QStringLiteral("invalid_grant"));
    QCOMPARE(revoked["error_codes"][0].get<int>(), 50173);
    QCOMPARE(m_entra->verifyAuthorization("Bearer " + str(third, "access_token").toLatin1()),
             EntraEmulator::TokenCheck::Revoked);
    // Tokens issued after the revocation work.
    const Json fresh = deviceCodeToken();
    QCOMPARE(m_entra->verifyAuthorization("Bearer " + str(fresh, "access_token").toLatin1()),
             EntraEmulator::TokenCheck::Valid);
    QCOMPARE(str(bodyOf(token(base + Form{{"refresh_token", "1.AXsAnot-a-token"}})), "error"),
             QStringLiteral("invalid_grant"));
}

void TestSandboxEntra::refreshOnlyWithOfflineAccess()
{
    const Json body = deviceCodeToken(fabricScope);
    QVERIFY(!str(body, "access_token").isEmpty());
    QVERIFY(!body.contains("refresh_token"));
    QVERIFY(!body.contains("id_token"));
}

void TestSandboxEntra::refreshCanSwitchResource()
{
    const Json first = deviceCodeToken();
    const Json powerBi = bodyOf(token({{"grant_type", "refresh_token"},
                                       {"client_id", EntraEmulator::defaultPublicClientId()},
                                       {"refresh_token", str(first, "refresh_token")},
                                       {"scope", "https://analysis.windows.net/powerbi/api/.default offline_access"}}));
    QCOMPARE(str(jwtPart(str(powerBi, "access_token"), 1), "aud"), QStringLiteral("https://analysis.windows.net/powerbi/api"));
    QVERIFY(str(powerBi, "scope").startsWith(QStringLiteral("https://analysis.windows.net/powerbi/api/")));
}

void TestSandboxEntra::verifyAuthorization_data()
{
    QTest::addColumn<QString>("how");
    QTest::addColumn<EntraEmulator::TokenCheck>("expected");
    using TC = EntraEmulator::TokenCheck;
    QTest::addRow("valid") << "valid" << TC::Valid;
    QTest::addRow("lower-case scheme") << "lowercase" << TC::Valid;
    QTest::addRow("missing") << "missing" << TC::Missing;
    QTest::addRow("basic scheme") << "basic" << TC::Malformed;
    QTest::addRow("not a jwt") << "garbage" << TC::Malformed;
    QTest::addRow("tampered claims") << "tampered" << TC::BadSignature;
    QTest::addRow("hostile header") << "hostile-header" << TC::BadSignature;
    QTest::addRow("alg none") << "alg-none" << TC::BadSignature;
    QTest::addRow("signature of another token") << "spliced" << TC::BadSignature;
    QTest::addRow("other emulator's tenant") << "foreign" << TC::BadSignature;
    QTest::addRow("expired by the clock") << "expired" << TC::Expired;
    QTest::addRow("expired by the fault") << "forced-expiry" << TC::Expired;
    QTest::addRow("graph audience") << "graph" << TC::WrongAudience;
    QTest::addRow("revoked") << "revoked" << TC::Revoked;
}

void TestSandboxEntra::verifyAuthorization()
{
    QFETCH(QString, how);
    QFETCH(EntraEmulator::TokenCheck, expected);
    QByteArray accessToken = str(clientCredentialsToken(), "access_token").toLatin1();
    QVERIFY(!accessToken.isEmpty());
    QByteArray header = "Bearer " + accessToken;
    if (how == QLatin1String("lowercase")) {
        header = "bearer " + accessToken;
    } else if (how == QLatin1String("missing")) {
        header.clear();
    } else if (how == QLatin1String("basic")) {
        header = "Basic " + QByteArray("a:b").toBase64();
    } else if (how == QLatin1String("garbage")) {
        header = "Bearer not.a-jwt";
    } else if (how == QLatin1String("tampered")) {
        QList<QByteArray> parts = accessToken.split('.');
        Json claims = jwtPart(QString::fromLatin1(accessToken), 1);
        claims["exp"] = claims["exp"].get<qint64>() + 86400;
        parts[1] = dumpJson(claims).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        header = "Bearer " + parts.join('.');
    } else if (how == QLatin1String("hostile-header") || how == QLatin1String("alg-none")) {
        // Members of unexpected types must not throw (the header is read before the signature).
        const QByteArray forged = how == QLatin1String("alg-none") ? R"({"alg":"none","kid":"x","typ":"JWT"})"
                                                                   : R"({"alg":1,"kid":[],"typ":{}})";
        QList<QByteArray> parts = accessToken.split('.');
        parts[0] = forged.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        if (how == QLatin1String("alg-none"))
            parts[2].clear();
        header = "Bearer " + parts.join('.');
    } else if (how == QLatin1String("spliced")) {
        const QByteArray other = str(clientCredentialsToken(), "access_token").toLatin1();
        header = "Bearer " + accessToken.left(accessToken.lastIndexOf('.')) + other.mid(other.lastIndexOf('.'));
    } else if (how == QLatin1String("foreign")) {
        EntraOptions options;
        options.tenantId = QStringLiteral("00000000-1111-4222-8333-444444444444");
        EntraEmulator other(m_clock.get(), options);
        SandboxRequest request = makeRequest("POST", QStringLiteral("/common/oauth2/v2.0/token"));
        request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
        request.body = encodeForm({{"grant_type", "client_credentials"}, {"client_id", EntraEmulator::defaultClientId()},
                                   {"client_secret", EntraEmulator::defaultClientSecret()}, {"scope", fabricScope}});
        header = "Bearer " + str(bodyOf(*other.handle(request)), "access_token").toLatin1();
        QCOMPARE(other.verifyAuthorization(header), EntraEmulator::TokenCheck::Valid);
    } else if (how == QLatin1String("expired")) {
        QCOMPARE(m_entra->verifyAuthorization(header), EntraEmulator::TokenCheck::Valid);
        advance(3600);
    } else if (how == QLatin1String("forced-expiry")) {
        m_entra->expireAccessTokens();
        QCOMPARE(m_entra->verifyAuthorization("Bearer " + str(clientCredentialsToken(), "access_token").toLatin1()),
                 EntraEmulator::TokenCheck::Valid);
    } else if (how == QLatin1String("graph")) {
        header = "Bearer " + str(deviceCodeToken(QStringLiteral("openid profile offline_access")), "access_token").toLatin1();
        QCOMPARE(str(jwtPart(QString::fromLatin1(header.mid(7)), 1), "aud"),
                 QStringLiteral("00000003-0000-0000-c000-000000000000"));
    } else if (how == QLatin1String("revoked")) {
        m_entra->revokeAllTokens();
    }
    EntraEmulator::Caller caller;
    QCOMPARE(m_entra->verifyAuthorization(header, &caller), expected);
    QCOMPARE(caller.objectId.isEmpty(), expected != EntraEmulator::TokenCheck::Valid);
}

void TestSandboxEntra::tokenLifetimeFollowsClock()
{
    m_entra->setTokenLifetimeSeconds(60);
    const Json body = clientCredentialsToken();
    QCOMPARE(body["expires_in"].get<int>(), 60);
    const Json claims = jwtPart(str(body, "access_token"), 1);
    QCOMPARE(claims["exp"].get<qint64>() - claims["iat"].get<qint64>(), 60);
    QCOMPARE(claims["nbf"].get<qint64>(), claims["iat"].get<qint64>());
    QCOMPARE(claims["iat"].get<qint64>(), m_clock->now().toSecsSinceEpoch());
    const QByteArray header = "Bearer " + str(body, "access_token").toLatin1();
    advance(58);
    QCOMPARE(m_entra->verifyAuthorization(header), EntraEmulator::TokenCheck::Valid);
    advance(2);
    QCOMPARE(m_entra->verifyAuthorization(header), EntraEmulator::TokenCheck::Expired);
}

void TestSandboxEntra::tokenSignatureVerifiesAgainstJwks()
{
    const SandboxResponse keysResponse = call(makeRequest("GET", tenantPath(QStringLiteral("/discovery/v2.0/keys"))));
    QCOMPARE(keysResponse.status, 200);
    const Json keys = bodyOf(keysResponse)["keys"];
    QCOMPARE(keys.size(), size_t(1));
    const Json &jwk = keys[0];
    QCOMPARE(str(jwk, "kty"), QStringLiteral("RSA"));
    QCOMPARE(str(jwk, "use"), QStringLiteral("sig"));
    QCOMPARE(str(jwk, "e"), QStringLiteral("AQAB"));
    QVERIFY(!str(jwk, "n").contains(u'='));
    QCOMPARE(QByteArray::fromBase64(str(jwk, "n").toLatin1(), QByteArray::Base64UrlEncoding).size(), 256);

    EVP_PKEY *key = publicKeyFromJwk(jwk);
    QVERIFY(key);
    const auto guard = qScopeGuard([key] { EVP_PKEY_free(key); });

    const Json user = deviceCodeToken();
    for (const char *which : {"access_token", "id_token"}) {
        const QString jwt = str(user, which);
        const Json header = jwtPart(jwt, 0);
        QCOMPARE(str(header, "alg"), QStringLiteral("RS256"));
        QCOMPARE(str(header, "typ"), QStringLiteral("JWT"));
        QCOMPARE(str(header, "kid"), str(jwk, "kid"));
        QVERIFY2(verifyRs256(key, jwt), which);
        QString tampered = jwt;
        tampered[tampered.indexOf(u'.') + 5] = tampered[tampered.indexOf(u'.') + 5] == u'A' ? u'B' : u'A';
        QVERIFY(!verifyRs256(key, tampered));
    }
    QVERIFY(verifyRs256(key, str(clientCredentialsToken(), "access_token")));

    // The claims a client shows ("signed in as") and checks.
    const Json claims = jwtPart(str(user, "access_token"), 1);
    const Json config = bodyOf(call(makeRequest("GET", tenantPath(QStringLiteral("/v2.0/.well-known/openid-configuration")))));
    QCOMPARE(str(claims, "iss"), str(config, "issuer"));
    QCOMPARE(str(claims, "iss"), "http://127.0.0.1:8123/" + m_entra->tenantId() + "/v2.0");
    QCOMPARE(str(claims, "aud"), QStringLiteral("https://api.fabric.microsoft.com"));
    QCOMPARE(str(claims, "tid"), m_entra->tenantId());
    QCOMPARE(str(claims, "upn"), QStringLiteral("sandbox.user@fabricsandbox.onmicrosoft.com"));
    QCOMPARE(str(claims, "name"), QStringLiteral("Sandbox User"));
    QCOMPARE(str(claims, "azp"), EntraEmulator::defaultPublicClientId());
    QCOMPARE(str(claims, "appid"), EntraEmulator::defaultPublicClientId());
    QVERIFY(!QUuid::fromString(str(claims, "oid")).isNull());
    QVERIFY(str(claims, "scp").split(u' ').contains(QStringLiteral("Item.ReadWrite.All")));
    QCOMPARE(claims["exp"].get<qint64>() - claims["iat"].get<qint64>(), 3600);
}

void TestSandboxEntra::openIdConfiguration()
{
    SandboxRequest request = makeRequest("GET", tenantPath(QStringLiteral("/v2.0/.well-known/openid-configuration")));
    request.publicBaseUrl = QUrl(QStringLiteral("https://sandbox.example:8443"));
    const SandboxResponse response = call(request);
    QCOMPARE(response.status, 200);
    const Json config = bodyOf(response);
    const QString tenantBase = "https://sandbox.example:8443/" + m_entra->tenantId();
    QCOMPARE(str(config, "issuer"), tenantBase + "/v2.0");
    QCOMPARE(str(config, "token_endpoint"), tenantBase + "/oauth2/v2.0/token");
    QCOMPARE(str(config, "authorization_endpoint"), tenantBase + "/oauth2/v2.0/authorize");
    QCOMPARE(str(config, "device_authorization_endpoint"), tenantBase + "/oauth2/v2.0/devicecode");
    QCOMPARE(str(config, "jwks_uri"), tenantBase + "/discovery/v2.0/keys");
    QVERIFY(config["id_token_signing_alg_values_supported"][0] == "RS256");

    const Json common = bodyOf(call(makeRequest("GET", QStringLiteral("/organizations/v2.0/.well-known/openid-configuration"))));
    QCOMPARE(str(common, "issuer"), QStringLiteral("http://127.0.0.1:8123/{tenantid}/v2.0"));
    QCOMPARE(str(common, "token_endpoint"), QStringLiteral("http://127.0.0.1:8123/organizations/oauth2/v2.0/token"));
}

void TestSandboxEntra::unknownTenantIsRefused()
{
    const SandboxResponse config = call(makeRequest("GET", QStringLiteral("/contoso.example/v2.0/.well-known/openid-configuration")));
    QCOMPARE(config.status, 400);
    QCOMPARE(str(bodyOf(config), "error"), QStringLiteral("invalid_tenant"));
    const Json tokenError = bodyOf(post(QStringLiteral("/contoso.example/oauth2/v2.0/token"),
                                        {{"grant_type", "client_credentials"}}));
    QCOMPARE(tokenError["error_codes"][0].get<int>(), 90002);
    // "common" and "organizations" work like the tenant id.
    QCOMPARE(post(QStringLiteral("/organizations/oauth2/v2.0/devicecode"),
                  {{"client_id", EntraEmulator::defaultPublicClientId()}, {"scope", userScope}}).status, 200);
}

void TestSandboxEntra::adminEndpoints()
{
    const Json code = startDeviceCode();
    const QString userCode = str(code, "user_code");
    const Json list = bodyOf(call(makeRequest("GET", QStringLiteral("/_sandbox/entra/device-codes"))));
    QCOMPARE(str(list["value"][0], "userCode"), userCode);
    QCOMPARE(str(list["value"][0], "state"), QStringLiteral("Pending"));
    QVERIFY(list.dump().find(str(code, "device_code").toStdString()) == std::string::npos);

    QCOMPARE(call(makeRequest("POST", "/_sandbox/entra/device-codes/" + userCode + "/approve")).status, 200);
    QCOMPARE(call(makeRequest("POST", "/_sandbox/entra/device-codes/" + userCode + "/decline")).status, 404);
    QCOMPARE(call(makeRequest("POST", QStringLiteral("/_sandbox/entra/device-codes/NOSUCHCOD/approve"))).status, 404);
    advance(5);
    const Json tokens = bodyOf(token({{"grant_type", deviceGrant}, {"client_id", EntraEmulator::defaultPublicClientId()},
                                      {"device_code", str(code, "device_code")}}));
    QVERIFY(!str(tokens, "access_token").isEmpty());

    SandboxRequest lifetime = makeRequest("PUT", QStringLiteral("/_sandbox/entra/token-lifetime"));
    lifetime.body = R"({"seconds": 120})";
    QCOMPARE(call(lifetime).status, 200);
    QCOMPARE(m_entra->tokenLifetimeSeconds(), 120);
    QCOMPARE(clientCredentialsToken()["expires_in"].get<int>(), 120);
    QCOMPARE(call(makeRequest("PUT", QStringLiteral("/_sandbox/entra/token-lifetime?seconds=0"))).status, 400);
    QCOMPARE(call(makeRequest("POST", QStringLiteral("/_sandbox/entra/token-lifetime?seconds=30"))).status, 200);
    QCOMPARE(m_entra->tokenLifetimeSeconds(), 30);

    const Json counters = bodyOf(call(makeRequest("GET", QStringLiteral("/_sandbox/entra/counters"))));
    QCOMPARE(counters["tokenRequests"]["device_code"].get<int>(), 1);
    QCOMPARE(counters["tokenRequests"]["client_credentials"].get<int>(), 1);
    QCOMPARE(counters["tokenRequests"]["total"].get<int>(), 2);
    QCOMPARE(counters["tokensIssued"].get<int>(), 2);

    const QByteArray header = "Bearer " + str(tokens, "access_token").toLatin1();
    QCOMPARE(call(makeRequest("POST", QStringLiteral("/_sandbox/entra/expire-access-tokens"))).status, 204);
    QCOMPARE(m_entra->verifyAuthorization(header), EntraEmulator::TokenCheck::Expired);
    const Json refreshed = bodyOf(token({{"grant_type", "refresh_token"}, {"client_id", EntraEmulator::defaultPublicClientId()},
                                         {"refresh_token", str(tokens, "refresh_token")}}));
    QCOMPARE(m_entra->verifyAuthorization("Bearer " + str(refreshed, "access_token").toLatin1()),
             EntraEmulator::TokenCheck::Valid);
    QCOMPARE(call(makeRequest("POST", QStringLiteral("/_sandbox/entra/revoke"))).status, 204);
    QCOMPARE(m_entra->verifyAuthorization("Bearer " + str(refreshed, "access_token").toLatin1()),
             EntraEmulator::TokenCheck::Revoked);

    QCOMPARE(call(makeRequest("DELETE", QStringLiteral("/_sandbox/entra/counters"))).status, 204);
    QCOMPARE(m_entra->tokenRequestCount(), 0);
    const Json clients = bodyOf(call(makeRequest("GET", QStringLiteral("/_sandbox/entra/clients"))));
    QCOMPARE(str(clients, "clientId"), EntraEmulator::defaultClientId());
    QCOMPARE(str(clients, "tenantId"), m_entra->tenantId());
    QVERIFY(bodyOf(call(makeRequest("GET", QStringLiteral("/_sandbox/entra/secrets"))))["value"].size() > 3);
    QCOMPARE(call(makeRequest("GET", QStringLiteral("/_sandbox/entra/nope"))).status, 404);
    QCOMPARE(call(makeRequest("GET", QStringLiteral("/_sandbox/entra/revoke"))).status, 405);
}

void TestSandboxEntra::notOurPaths()
{
    for (const char *path : {"/v1/workspaces", "/", "/_sandbox/faults", "/common/oauth2/token", "/x/y/z"})
        QVERIFY2(!m_entra->handle(makeRequest("GET", QString::fromLatin1(path))), path);
    QCOMPARE(call(makeRequest("POST", tenantPath(QStringLiteral("/oauth2/v2.0/logout")))).status, 404);
}

namespace {
QStringList *capturedLog = nullptr;
void captureMessage(QtMsgType, const QMessageLogContext &, const QString &message)
{
    if (capturedLog)
        capturedLog->append(message);
}
QLoggingCategory::CategoryFilter previousFilter = nullptr;
// Turns on every level of the sandbox's categories (fmc.sandbox, fmc.sandbox.entra) whatever
// QT_LOGGING_RULES says (ctest turns debug off).
void verboseSandboxLogging(QLoggingCategory *category)
{
    if (previousFilter)
        previousFilter(category);
    if (QByteArrayView(category->categoryName()).startsWith("fmc.sandbox"))
        category->setEnabled(QtDebugMsg, true);
}
} // namespace

void TestSandboxEntra::noSecretInLogs()
{
    QStringList log;
    capturedLog = &log;
    previousFilter = QLoggingCategory::installFilter(verboseSandboxLogging);
    const QtMessageHandler previous = qInstallMessageHandler(captureMessage);
    const auto restore = qScopeGuard([previous] {
        qInstallMessageHandler(previous);
        QLoggingCategory::installFilter(previousFilter);
        capturedLog = nullptr;
    });

    clientCredentialsToken();
    const Json user = deviceCodeToken();
    token({{"grant_type", "refresh_token"}, {"client_id", EntraEmulator::defaultPublicClientId()},
           {"refresh_token", str(user, "refresh_token")}});
    const QString code = authorizeCode();
    token({{"grant_type", "authorization_code"}, {"client_id", EntraEmulator::defaultPublicClientId()},
           {"code", code}, {"redirect_uri", redirectUri}, {"code_verifier", verifier}});
    token({{"grant_type", "client_credentials"}, {"client_id", EntraEmulator::defaultClientId()},
           {"client_secret", "canary-wrong-secret"}, {"scope", fabricScope}});

    QVERIFY(!log.isEmpty());   // debug logging was on and the emulator did log
    const QStringList secrets = m_entra->issuedSecrets();
    QVERIFY(secrets.contains(EntraEmulator::defaultClientSecret()));
    QVERIFY(secrets.contains(verifier));
    QVERIFY(secrets.contains(code));
    QVERIFY(secrets.contains(QStringLiteral("canary-wrong-secret")));
    for (const QString &secret : secrets)
        for (const QString &line : std::as_const(log))
            QVERIFY2(!line.contains(secret.left(24)), qPrintable(line));
}

void TestSandboxEntra::seedFixesIdentitiesNotSecrets()
{
    // A second emulator with the same seed and tenant: same user, but its tokens are not ours.
    EntraEmulator twin(m_clock.get(), EntraOptions{m_entra->tenantId(), 3600, 5, 900, -1, 1});
    SandboxRequest request = makeRequest("POST", tokenPath());
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
    request.body = encodeForm({{"grant_type", "client_credentials"}, {"client_id", EntraEmulator::defaultClientId()},
                               {"client_secret", EntraEmulator::defaultClientSecret()}, {"scope", fabricScope}});
    const QString twinToken = str(bodyOf(*twin.handle(request)), "access_token");
    const QString ourToken = str(clientCredentialsToken(), "access_token");
    QCOMPARE(str(jwtPart(twinToken, 1), "oid"), str(jwtPart(ourToken, 1), "oid"));
    QVERIFY(str(jwtPart(twinToken, 1), "uti") != str(jwtPart(ourToken, 1), "uti"));
    QCOMPARE(m_entra->verifyAuthorization("Bearer " + twinToken.toLatin1()), EntraEmulator::TokenCheck::BadSignature);
    QCOMPARE(twin.verifyAuthorization("Bearer " + twinToken.toLatin1()), EntraEmulator::TokenCheck::Valid);

    EntraOptions otherSeed;
    otherSeed.seed = 2;
    EntraEmulator other(m_clock.get(), otherSeed);
    QVERIFY(str(jwtPart(str(bodyOf(*other.handle(request)), "access_token"), 1), "oid") != str(jwtPart(ourToken, 1), "oid"));
}

namespace {

struct HttpAnswer {
    int status = 0;
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray location;
    Json json() const { return bodyOf(SandboxResponse{status, {}, body}); }
};

//! One request on loopback; redirects are not followed (the test looks at them).
HttpAnswer exchange(QNetworkAccessManager &network, const QByteArray &method, const QUrl &url,
                    const QList<QPair<QByteArray, QByteArray>> &headers = {}, const QByteArray &body = {})
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    for (const auto &header : headers)
        request.setRawHeader(header.first, header.second);
    QNetworkReply *reply = network.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    HttpAnswer answer;
    if (!finished.wait(10000))
        return answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.body = reply->readAll();
    answer.error = reply->error();
    answer.location = reply->rawHeader("Location");
    reply->deleteLater();
    return answer;
}

const QList<QPair<QByteArray, QByteArray>> formHeader = {{"Content-Type", "application/x-www-form-urlencoded"}};

} // namespace

void TestSandboxEntra::httpClientCredentialsThenApi()
{
    Sandbox sandbox;
    QVERIFY(sandbox.listen() != 0);
    QVERIFY(sandbox.entra());
    QNetworkAccessManager network;
    const QUrl base = sandbox.serverUrl();
    const QUrl tokenUrl = base.resolved(QUrl(u'/' + sandbox.entra()->tenantId() + QStringLiteral("/oauth2/v2.0/token")));
    const QByteArray form = encodeForm({{"grant_type", "client_credentials"}, {"client_id", EntraEmulator::defaultClientId()},
                                        {"client_secret", EntraEmulator::defaultClientSecret()}, {"scope", fabricScope}});

    const HttpAnswer tokenAnswer = exchange(network, "POST", tokenUrl, formHeader, form);
    QCOMPARE(tokenAnswer.status, 200);
    const QByteArray bearer = "Bearer " + str(tokenAnswer.json(), "access_token").toLatin1();
    QCOMPARE(str(jwtPart(QString::fromLatin1(bearer.mid(7)), 1), "iss"),
             base.toString(QUrl::StripTrailingSlash) + u'/' + sandbox.entra()->tenantId() + QStringLiteral("/v2.0"));

    const QUrl workspaces = base.resolved(QUrl(QStringLiteral("/v1/workspaces")));
    QCOMPARE(exchange(network, "GET", workspaces, {{"Authorization", bearer}}).status, 200);
    QCOMPARE(exchange(network, "GET", workspaces).status, 401);

    // A wrong secret is a 401 OAuth error from the token endpoint, not a Fabric error.
    const HttpAnswer wrong = exchange(network, "POST", tokenUrl, formHeader,
                                      encodeForm({{"grant_type", "client_credentials"},
                                                  {"client_id", EntraEmulator::defaultClientId()},
                                                  {"client_secret", "wrong"}, {"scope", fabricScope}}));
    QCOMPARE(wrong.status, 401);
    QCOMPARE(str(wrong.json(), "error"), QStringLiteral("invalid_client"));

    // The "expiring tokens" fault over the admin path: the API answers 401 TokenExpired.
    QCOMPARE(exchange(network, "POST", base.resolved(QUrl(QStringLiteral("/_sandbox/entra/expire-access-tokens")))).status, 204);
    const HttpAnswer expired = exchange(network, "GET", workspaces, {{"Authorization", bearer}});
    QCOMPARE(expired.status, 401);
    QCOMPARE(str(expired.json(), "errorCode"), QStringLiteral("TokenExpired"));
    const HttpAnswer counters = exchange(network, "GET", base.resolved(QUrl(QStringLiteral("/_sandbox/entra/counters"))));
    QCOMPARE(counters.json()["tokenRequests"]["client_credentials"].get<int>(), 2);
}

void TestSandboxEntra::httpDiscoveryFollowsForwardedOrigin()
{
    Sandbox sandbox;
    QVERIFY(sandbox.listen() != 0);
    QNetworkAccessManager network;
    const QString tenant = sandbox.entra()->tenantId();
    const HttpAnswer config =
        exchange(network, "GET", sandbox.serverUrl().resolved(QUrl(u'/' + tenant + QStringLiteral("/v2.0/.well-known/openid-configuration"))),
                 {{"X-Forwarded-Host", "login.sandbox.example"}, {"X-Forwarded-Proto", "https"}});
    QCOMPARE(config.status, 200);
    const Json document = config.json();
    QCOMPARE(str(document, "issuer"), "https://login.sandbox.example/" + tenant + "/v2.0");
    QCOMPARE(str(document, "jwks_uri"), "https://login.sandbox.example/" + tenant + "/discovery/v2.0/keys");

    // The JWKS fetched over HTTP verifies a token fetched over HTTP.
    const HttpAnswer keys = exchange(network, "GET", sandbox.serverUrl().resolved(QUrl(u'/' + tenant + QStringLiteral("/discovery/v2.0/keys"))));
    QCOMPARE(keys.status, 200);
    EVP_PKEY *key = publicKeyFromJwk(keys.json()["keys"][0]);
    QVERIFY(key);
    const auto guard = qScopeGuard([key] { EVP_PKEY_free(key); });
    const HttpAnswer tokenAnswer =
        exchange(network, "POST", sandbox.serverUrl().resolved(QUrl(u'/' + tenant + QStringLiteral("/oauth2/v2.0/token"))), formHeader,
                 encodeForm({{"grant_type", "client_credentials"}, {"client_id", EntraEmulator::defaultClientId()},
                             {"client_secret", EntraEmulator::defaultClientSecret()}, {"scope", fabricScope}}));
    QVERIFY(verifyRs256(key, str(tokenAnswer.json(), "access_token")));
}

void TestSandboxEntra::httpAuthorizationCodeFlow()
{
    Sandbox sandbox;
    QVERIFY(sandbox.listen() != 0);
    QNetworkAccessManager network;
    const QString tenant = sandbox.entra()->tenantId();
    const QUrlQuery query = authorizeQuery(userScope, QStringLiteral("abc"));
    QUrl authorize = sandbox.serverUrl().resolved(QUrl(u'/' + tenant + QStringLiteral("/oauth2/v2.0/authorize")));
    authorize.setQuery(query);
    const HttpAnswer redirect = exchange(network, "GET", authorize);
    QCOMPARE(redirect.status, 302);
    const QUrlQuery callback(QUrl::fromEncoded(redirect.location));
    QCOMPARE(callback.queryItemValue("state"), QStringLiteral("abc"));

    const QUrl tokenUrl = sandbox.serverUrl().resolved(QUrl(u'/' + tenant + QStringLiteral("/oauth2/v2.0/token")));
    const Form form = {{"grant_type", "authorization_code"}, {"client_id", EntraEmulator::defaultPublicClientId()},
                       {"code", callback.queryItemValue("code", QUrl::FullyDecoded)}, {"redirect_uri", redirectUri}};
    const HttpAnswer wrongVerifier =
        exchange(network, "POST", tokenUrl, formHeader, encodeForm(form + Form{{"code_verifier", QString(43, u'x')}}));
    QCOMPARE(wrongVerifier.status, 400);
    QCOMPARE(str(wrongVerifier.json(), "error"), QStringLiteral("invalid_grant"));
    const HttpAnswer tokens = exchange(network, "POST", tokenUrl, formHeader, encodeForm(form + Form{{"code_verifier", verifier}}));
    QCOMPARE(tokens.status, 200);
    QCOMPARE(exchange(network, "GET", sandbox.serverUrl().resolved(QUrl(QStringLiteral("/v1/workspaces"))),
                      {{"Authorization", "Bearer " + str(tokens.json(), "access_token").toLatin1()}}).status,
             200);

    // Refresh once over HTTP: the counters say exactly one refresh reached the token endpoint.
    const HttpAnswer refreshed = exchange(network, "POST", tokenUrl, formHeader,
                                          encodeForm({{"grant_type", "refresh_token"},
                                                      {"client_id", EntraEmulator::defaultPublicClientId()},
                                                      {"refresh_token", str(tokens.json(), "refresh_token")}}));
    QCOMPARE(refreshed.status, 200);
    QCOMPARE(sandbox.entra()->tokenRequestCount(QStringLiteral("refresh_token")), 1);
    QCOMPARE(sandbox.entra()->tokenRequestCount(QStringLiteral("authorization_code")), 2);
}

QTEST_GUILESS_MAIN(TestSandboxEntra)
#include "tst_sandbox_entra.moc"
