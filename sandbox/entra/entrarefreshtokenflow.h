#pragma once

#include "sandbox/sandboxhttp.h"

#include <QUrlQuery>

namespace fmc::sandbox {

class EntraTokenService;
struct EntraClient;

//! \brief The refresh token grant of the Entra emulator: a refresh token issued with a user's
//! tokens (EntraTokenService keeps them) is redeemed once by the client it was issued to, for
//! its scopes or another resource's, and rotated: the answer carries a new one.
class EntraRefreshTokenFlow
{
public:
    explicit EntraRefreshTokenFlow(EntraTokenService *tokens);

    //! The token endpoint's answer to grant_type=refresh_token from \a client.
    SandboxResponse redeem(const SandboxRequest &request, const QUrlQuery &form, const EntraClient &client);

private:
    EntraTokenService *m_tokens;
};

} // namespace fmc::sandbox
