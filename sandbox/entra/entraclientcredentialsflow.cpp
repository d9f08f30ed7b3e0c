#include "sandbox/entra/entraclientcredentialsflow.h"

#include "sandbox/entra/entraform.h"
#include "sandbox/entra/entrareply.h"
#include "sandbox/entra/entrascope.h"
#include "sandbox/entra/entratokenservice.h"

namespace fmc::sandbox {

EntraClientCredentialsFlow::EntraClientCredentialsFlow(EntraTokenService *tokens)
    : m_tokens(tokens)
{
}

SandboxResponse EntraClientCredentialsFlow::redeem(const SandboxRequest &request, const QUrlQuery &form,
                                                   const EntraClient &client)
{
    if (client.isPublic())
        return m_tokens->error(request, 401, QStringLiteral("invalid_client"), 7000218,
                               QStringLiteral("The request body must contain the following parameter: "
                                              "'client_assertion' or 'client_secret'."));
    const QString scopeText = EntraForm::field(form, QStringLiteral("scope"));
    if (scopeText.trimmed().isEmpty())
        return m_tokens->missingParameter(request, QStringLiteral("scope"));
    EntraScope::Error scopeFailure;
    const auto scope = EntraScope::parse(scopeText, m_tokens->options().tenantId, &scopeFailure);
    if (!scope)
        return m_tokens->scopeError(request, scopeFailure);
    // The sandbox's service principal has Fabric and Power BI permissions only.
    if (!scope->isAppScope() || scope->audience() == QLatin1String(EntraScope::graphAudience))
        return m_tokens->error(request, 400, QStringLiteral("invalid_scope"), 1002012,
                               QStringLiteral("The provided value for scope %1 is not valid. Client credential flows "
                                              "must have a scope value with /.default suffixed to the resource "
                                              "identifier (application ID URI): "
                                              "https://api.fabric.microsoft.com/.default or "
                                              "https://analysis.windows.net/powerbi/api/.default.")
                                   .arg(scopeText));
    return EntraReply::json(request, 200, m_tokens->issueTokens(request, client, *scope, false, false, {}));
}

} // namespace fmc::sandbox
