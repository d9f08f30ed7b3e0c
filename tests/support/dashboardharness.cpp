#include "tests/support/dashboardharness.h"

#include "app/auth/clientsecretcredential.h"
#include "sandbox/entra/entraemulator.h"

namespace fmc::test {

DashboardHarness::DashboardHarness(double timeScale, int scaleWorkspaces)
{
    sandbox::SandboxOptions options;
    options.scaleWorkspaces = scaleWorkspaces;
    options.startPaused = true;
    sandbox = std::make_unique<sandbox::Sandbox>(options);
    sandbox->listen();
    store.setKeychainEnabled(false);
    AuthConfig auth;
    auth.authority = sandbox->serverUrl();
    auth.tenant = sandbox->entra()->tenantId();
    auth.clientId = sandbox::EntraEmulator::defaultClientId();
    session = std::make_unique<TokenSession>(&store);
    session->setCredential(new ClientSecretCredential(auth, sandbox::EntraEmulator::defaultClientSecret()));
    session->signIn();

    FabricClient::Config config;
    QUrl api = sandbox->serverUrl();
    api.setPath(QStringLiteral("/v1"));
    config.apiBaseUrl = api;
    config.timeScale = timeScale; // Retry-After: 1 s waits 10 ms
    config.seed = 7;
    client = std::make_unique<FabricClient>(config, session.get());
}

WatchedDatabase DashboardHarness::database(const QString &name) const
{
    for (const auto &ws : sandbox->state()->workspaces())
        for (sandbox::FabricState::Mirror *m : sandbox->state()->mirrors(ws.id))
            if (m->displayName == name)
                return {ws.id, m->id, name};
    qFatal("no mirror %s in the sandbox", qPrintable(name));
}

sandbox::FabricState::Mirror *DashboardHarness::mirror(const WatchedDatabase &db) const
{
    return sandbox->state()->mirror(db.workspaceId, db.databaseId);
}

int DashboardHarness::tableCount(const WatchedDatabase &db) const
{
    return int(sandbox->state()->tables(mirror(db)).size());
}

} // namespace fmc::test
