#include "sandbox/entra/entradiscovery.h"

namespace fmc::sandbox {

namespace {

QString baseOf(const QUrl &publicBaseUrl)
{
    QString base = publicBaseUrl.toString(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment);
    while (base.endsWith(u'/'))
        base.chop(1);
    return base;
}

} // namespace

QString EntraDiscovery::issuer(const QUrl &publicBaseUrl, const QString &tenantId)
{
    return baseOf(publicBaseUrl) + u'/' + tenantId + QStringLiteral("/v2.0");
}

Json EntraDiscovery::jwks(const JwtSigner &signer, const QString &issuer)
{
    Json key = signer.publicJwk();
    key["issuer"] = issuer.toStdString();
    return Json{{"keys", Json::array({key})}};
}

Json EntraDiscovery::openIdConfiguration(const QUrl &publicBaseUrl, const QString &tenantPath, const QString &tenantId)
{
    const QString base = baseOf(publicBaseUrl);
    const QString tenantBase = base + u'/' + tenantPath;
    const bool concreteTenant = tenantPath.compare(tenantId, Qt::CaseInsensitive) == 0;
    const QString issuerTenant = concreteTenant ? tenantId : QStringLiteral("{tenantid}");
    auto s = [](const QString &text) { return text.toStdString(); };
    return Json{
        {"token_endpoint", s(tenantBase + QStringLiteral("/oauth2/v2.0/token"))},
        {"token_endpoint_auth_methods_supported", {"client_secret_post", "client_secret_basic"}},
        {"jwks_uri", s(tenantBase + QStringLiteral("/discovery/v2.0/keys"))},
        {"response_modes_supported", {"query"}},
        {"subject_types_supported", {"pairwise"}},
        {"id_token_signing_alg_values_supported", {"RS256"}},
        {"response_types_supported", {"code"}},
        {"scopes_supported", {"openid", "profile", "email", "offline_access"}},
        {"issuer", s(issuer(publicBaseUrl, issuerTenant))},
        {"request_uri_parameter_supported", false},
        {"userinfo_endpoint", "https://graph.microsoft.com/oidc/userinfo"},
        {"authorization_endpoint", s(tenantBase + QStringLiteral("/oauth2/v2.0/authorize"))},
        {"device_authorization_endpoint", s(tenantBase + QStringLiteral("/oauth2/v2.0/devicecode"))},
        {"code_challenge_methods_supported", {"S256"}},
        {"grant_types_supported",
         {"authorization_code", "client_credentials", "refresh_token", "urn:ietf:params:oauth:grant-type:device_code"}},
        {"claims_supported",
         {"sub", "iss", "aud", "exp", "iat", "nbf", "name", "oid", "preferred_username", "tid", "upn", "ver", "nonce"}},
        {"tenant_region_scope", "EU"},
        {"cloud_instance_name", "microsoftonline.com"},
    };
}

} // namespace fmc::sandbox
