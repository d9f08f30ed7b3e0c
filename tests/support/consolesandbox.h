#pragma once

// The endpoints of an in-process fabric-sandbox, for a ConsoleController that signs in with the
// sandbox's service principal (header only: the tests that use it link the console and sandbox).

#include "app/main/consolecontroller.h"
#include "sandbox/entra/entraemulator.h"
#include "sandbox/sandbox.h"

namespace fmc::test {

inline ConsoleController::SandboxEndpoints consoleEndpoints(const sandbox::Sandbox &sandbox)
{
    ConsoleController::SandboxEndpoints endpoints;
    QUrl api = sandbox.serverUrl();
    api.setPath(QStringLiteral("/v1"));
    endpoints.apiBaseUrl = api;
    endpoints.auth.authority = sandbox.serverUrl();
    endpoints.auth.tenant = sandbox.entra()->tenantId();
    endpoints.servicePrincipalId = sandbox::EntraEmulator::defaultClientId();
    endpoints.servicePrincipalSecret = sandbox::EntraEmulator::defaultClientSecret();
    return endpoints;
}

} // namespace fmc::test
