#include "sandbox/entra/entraauthorizationcodeflow.h"

#include "sandbox/entra/entraform.h"
#include "sandbox/entra/entrareply.h"
#include "sandbox/entra/entrascope.h"
#include "sandbox/entra/entratokenservice.h"

#include <QCryptographicHash>
#include <QRegularExpression>

namespace fmc::sandbox {

namespace {

constexpr qint64 authorizationCodeLifetimeMs = 10 * 60 * 1000; // Entra: "about 10 minutes"

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

} // namespace

EntraAuthorizationCodeFlow::EntraAuthorizationCodeFlow(EntraTokenService *tokens)
    : m_tokens(tokens)
{
}

void EntraAuthorizationCodeFlow::forgetExpired(qint64 horizonMs)
{
    m_grants.removeIf([horizonMs](const auto &it) { return it->expiresMs < horizonMs; });
}

SandboxResponse EntraAuthorizationCodeFlow::authorize(const SandboxRequest &request)
{
    ++m_tokens->counters().authorizeRequests;
    if (request.method != "GET")
        return EntraReply::html(405, QStringLiteral("Method not allowed"), {});
    const QString tenantId = m_tokens->options().tenantId;
    const QUrlQuery query = decodedQuery(request);
    auto errorPage = [](int aadsts, const QString &text) {
        return EntraReply::html(400, QStringLiteral("Sign in"),
                                QStringLiteral("<p>AADSTS%1: %2</p>").arg(aadsts).arg(text.toHtmlEscaped()));
    };
    // Until client and redirect URI are trusted, errors are shown, never redirected.
    const QString clientId = EntraForm::field(query, QStringLiteral("client_id"));
    if (clientId.isEmpty())
        return errorPage(900144, QStringLiteral("The request body must contain the following parameter: 'client_id'."));
    const EntraClient *client = m_tokens->findClient(clientId);
    if (!client)
        return errorPage(700016, QStringLiteral("Application with identifier '%1' was not found in the directory '%2'.")
                                     .arg(clientId, tenantId));
    const QString redirectUri = EntraForm::field(query, QStringLiteral("redirect_uri"));
    if (redirectUri.isEmpty())
        return errorPage(900144, QStringLiteral("The request body must contain the following parameter: 'redirect_uri'."));
    const QUrl redirect(redirectUri, QUrl::StrictMode);
    if (!isLoopbackRedirect(redirect))
        return errorPage(50011, QStringLiteral("The redirect URI '%1' specified in the request does not match the "
                                               "redirect URIs configured for the application '%2'. Only loopback "
                                               "http URIs (127.0.0.1, [::1], localhost; any port) are registered.")
                                    .arg(redirectUri, client->id));

    const QString state = EntraForm::field(query, QStringLiteral("state"));
    auto redirectError = [&](const char *code, int aadsts, const QString &description) {
        ++m_tokens->counters().tokenErrors[QString::fromLatin1(code)];
        return EntraReply::redirect(withQueryItems(
            redirect, {{QStringLiteral("error"), QString::fromLatin1(code)},
                       {QStringLiteral("error_description"), QStringLiteral("AADSTS%1: %2").arg(aadsts).arg(description)},
                       {QStringLiteral("state"), state}}));
    };
    const QString responseType = EntraForm::field(query, QStringLiteral("response_type"));
    if (responseType.isEmpty())
        return redirectError("invalid_request", 900144,
                             QStringLiteral("The request body must contain the following parameter: 'response_type'."));
    if (responseType != QLatin1String("code"))
        return redirectError("unsupported_response_type", 700051,
                             QStringLiteral("response_type '%1' is not enabled for the application.").arg(responseType));
    EntraScope::Error scopeFailure;
    const auto scope = EntraScope::parse(EntraForm::field(query, QStringLiteral("scope")), tenantId, &scopeFailure);
    if (!scope)
        return redirectError(scopeFailure.error.toLatin1().constData(), scopeFailure.aadsts, scopeFailure.description);
    const QString challenge = EntraForm::field(query, QStringLiteral("code_challenge"));
    const QString method = EntraForm::field(query, QStringLiteral("code_challenge_method"));
    if (challenge.isEmpty() || method != QLatin1String("S256"))
        return redirectError("invalid_request", 9002325,
                             QStringLiteral("Proof Key for Code Exchange is required: send code_challenge with "
                                            "code_challenge_method=S256."));
    if (!isPkceString(challenge))
        return redirectError("invalid_request", 501491, QStringLiteral("Invalid size of Code_Challenge parameter."));

    const QString code = EntraTokenService::randomOpaque("1.AXsA", 180);
    m_grants.insert(code, Grant{client->id, redirectUri, scope->requested(), challenge,
                                EntraForm::field(query, QStringLiteral("nonce")),
                                m_tokens->nowMs() + authorizationCodeLifetimeMs, false});
    m_tokens->remember(code);
    return EntraReply::redirect(withQueryItems(redirect, {{QStringLiteral("code"), code},
                                                          {QStringLiteral("state"), state},
                                                          {QStringLiteral("session_state"), EntraTokenService::randomGuid()}}));
}

SandboxResponse EntraAuthorizationCodeFlow::redeem(const SandboxRequest &request, const QUrlQuery &form,
                                                   const EntraClient &client)
{
    const QString code = EntraForm::field(form, QStringLiteral("code"));
    if (code.isEmpty())
        return m_tokens->missingParameter(request, QStringLiteral("code"));
    m_tokens->remember(code);
    const QString redirectUri = EntraForm::field(form, QStringLiteral("redirect_uri"));
    if (redirectUri.isEmpty())
        return m_tokens->missingParameter(request, QStringLiteral("redirect_uri"));
    auto it = m_grants.find(code);
    if (it == m_grants.end())
        return m_tokens->invalidGrant(request, 70000, QStringLiteral("Provided grant is invalid or malformed."));
    Grant &grant = *it;
    if (grant.redeemed)
        return m_tokens->alreadyRedeemed(request);
    if (m_tokens->nowMs() >= grant.expiresMs)
        return m_tokens->grantExpired(request);
    if (grant.clientId.compare(client.id, Qt::CaseInsensitive) != 0)
        return m_tokens->issuedToAnotherClient(request, QStringLiteral("code"));
    if (redirectUri != grant.redirectUri)
        return m_tokens->invalidGrant(request, 500112,
                                      QStringLiteral("The reply address '%1' does not match the reply address '%2' "
                                                     "provided when requesting Authorization code.")
                                          .arg(redirectUri, grant.redirectUri));
    const QString verifier = EntraForm::field(form, QStringLiteral("code_verifier"));
    if (verifier.isEmpty())
        return m_tokens->missingParameter(request, QStringLiteral("code_verifier"));
    m_tokens->remember(verifier);
    const QString computed = QString::fromLatin1(
        JwtSigner::base64Url(QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)));
    if (!isPkceString(verifier) || computed != grant.codeChallenge)
        return m_tokens->invalidGrant(request, 501481,
                                      QStringLiteral("The Code_Verifier does not match the code_challenge supplied in "
                                                     "the authorization request."));
    grant.redeemed = true;
    const auto scope = EntraScope::parse(grant.scope, m_tokens->options().tenantId, nullptr);
    return EntraReply::json(request, 200,
                            m_tokens->issueTokens(request, client, *scope, true, scope->offlineAccess(), grant.nonce));
}

} // namespace fmc::sandbox
