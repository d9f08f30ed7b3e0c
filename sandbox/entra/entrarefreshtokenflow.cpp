#include "sandbox/entra/entrarefreshtokenflow.h"

#include "sandbox/entra/entraform.h"
#include "sandbox/entra/entrareply.h"
#include "sandbox/entra/entrascope.h"
#include "sandbox/entra/entratokenservice.h"

namespace fmc::sandbox {

EntraRefreshTokenFlow::EntraRefreshTokenFlow(EntraTokenService *tokens)
    : m_tokens(tokens)
{
}

SandboxResponse EntraRefreshTokenFlow::redeem(const SandboxRequest &request, const QUrlQuery &form,
                                              const EntraClient &client)
{
    const QString refreshToken = EntraForm::field(form, QStringLiteral("refresh_token"));
    if (refreshToken.isEmpty())
        return m_tokens->missingParameter(request, QStringLiteral("refresh_token"));
    m_tokens->remember(refreshToken);
    EntraRefreshGrant *grant = m_tokens->refreshGrant(refreshToken);
    if (!grant)
        return m_tokens->invalidGrant(request, 9002313, QStringLiteral("Invalid request. Request is malformed or invalid."));
    if (m_tokens->isRevoked(grant->serial))
        return m_tokens->invalidGrant(request, 50173,
                                      QStringLiteral("The provided grant has expired due to it being revoked, a fresh "
                                                     "auth token is needed. The user might have changed or reset their "
                                                     "password."));
    if (grant->rotated)
        return m_tokens->invalidGrant(request, 70000,
                                      QStringLiteral("Provided grant is invalid or malformed. The refresh token was "
                                                     "already redeemed for a newer one."));
    if (m_tokens->nowMs() >= grant->expiresMs)
        return m_tokens->grantExpired(request);
    if (grant->clientId.compare(client.id, Qt::CaseInsensitive) != 0)
        return m_tokens->issuedToAnotherClient(request, QStringLiteral("refresh token"));
    // A refresh token is good for any resource the user consented to: the scope may change here.
    const QString requestedScope = EntraForm::field(form, QStringLiteral("scope"));
    EntraScope::Error scopeFailure;
    const auto scope = EntraScope::parse(requestedScope.trimmed().isEmpty() ? grant->scope : requestedScope,
                                         m_tokens->options().tenantId, &scopeFailure);
    if (!scope)
        return m_tokens->scopeError(request, scopeFailure);
    // Mark it before issuing: issueTokens inserts into the refresh-token table, which may move
    // the grant this pointer points at.
    grant->rotated = true;
    return EntraReply::json(request, 200, m_tokens->issueTokens(request, client, *scope, true, true, {}));
}

} // namespace fmc::sandbox
