#pragma once

#include "sandbox/sandboxhttp.h"

#include <QUrlQuery>

namespace fmc::sandbox {

class EntraTokenService;
struct EntraClient;

//! \brief The client credentials grant of the Entra emulator: a confidential client (the
//! sandbox's service principal) gets an app token for `<resource>/.default` of the Fabric or
//! Power BI API, with no refresh token.
class EntraClientCredentialsFlow
{
public:
    explicit EntraClientCredentialsFlow(EntraTokenService *tokens);

    //! The token endpoint's answer to grant_type=client_credentials from the authenticated \a client.
    SandboxResponse redeem(const SandboxRequest &request, const QUrlQuery &form, const EntraClient &client);

private:
    EntraTokenService *m_tokens;
};

} // namespace fmc::sandbox
