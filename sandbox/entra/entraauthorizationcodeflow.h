#pragma once

#include "sandbox/sandboxhttp.h"

#include <QHash>
#include <QString>
#include <QUrlQuery>

namespace fmc::sandbox {

class EntraTokenService;
struct EntraClient;

//! \brief The authorization code grant with PKCE (RFC 7636, S256 only) of the Entra emulator:
//! GET authorize signs the demo user in at once and redirects to a loopback redirect URI with a
//! code; the token endpoint redeems the code once, for the same client and redirect URI, with the
//! code_verifier that matches the challenge.
class EntraAuthorizationCodeFlow
{
public:
    explicit EntraAuthorizationCodeFlow(EntraTokenService *tokens);

    //! GET /{tenant}/oauth2/v2.0/authorize.
    SandboxResponse authorize(const SandboxRequest &request);
    //! The token endpoint's answer to grant_type=authorization_code from \a client.
    SandboxResponse redeem(const SandboxRequest &request, const QUrlQuery &form, const EntraClient &client);
    //! Drops codes that expired before \a horizonMs.
    void forgetExpired(qint64 horizonMs);

private:
    struct Grant {
        QString clientId;
        QString redirectUri;
        QString scope;
        QString codeChallenge;
        QString nonce;
        qint64 expiresMs = 0;
        bool redeemed = false;
    };

    EntraTokenService *m_tokens;
    QHash<QString, Grant> m_grants; // by code
};

} // namespace fmc::sandbox
