#pragma once
// One in-process fabric-sandbox, a session signed in with its service principal and a client,
// for the dashboard's widget and resolver tests. The sandbox clock starts paused: what the
// dashboard shows after a refresh is then exactly the sandbox's state, and it changes only where
// a test advances the clock (advanceClock) or changes the state.

#include "app/api/fabricclient.h"
#include "app/auth/clientsecretcredential.h"
#include "app/auth/secretstore.h"
#include "app/auth/tokensession.h"
#include "app/monitor/statusmonitor.h"
#include "sandbox/entra/entraemulator.h"
#include "sandbox/fabricstate.h"
#include "sandbox/sandbox.h"

#include "tests/support/timefactor.h"

#include <QTest>

#include <memory>

struct DashboardHarness {
    //! \a scaleWorkspaces adds that many workspaces with one running mirror each to the demo.
    explicit DashboardHarness(double timeScale = 0.01, int scaleWorkspaces = 0)
    {
        fmc::sandbox::SandboxOptions options;
        options.scaleWorkspaces = scaleWorkspaces;
        options.startPaused = true;
        sandbox = std::make_unique<fmc::sandbox::Sandbox>(options);
        sandbox->listen();
        store.setKeychainEnabled(false);
        fmc::AuthConfig auth;
        auth.authority = sandbox->serverUrl();
        auth.tenant = sandbox->entra()->tenantId();
        auth.clientId = fmc::sandbox::EntraEmulator::defaultClientId();
        session = std::make_unique<fmc::TokenSession>(&store);
        session->setCredential(
            new fmc::ClientSecretCredential(auth, fmc::sandbox::EntraEmulator::defaultClientSecret()));
        session->signIn();

        fmc::FabricClient::Config config;
        QUrl api = sandbox->serverUrl();
        api.setPath(QStringLiteral("/v1"));
        config.apiBaseUrl = api;
        config.timeScale = timeScale; // Retry-After: 1 s waits 10 ms
        config.seed = 7;
        client = std::make_unique<fmc::FabricClient>(config, session.get());
    }

    fmc::WatchedDatabase database(const QString &name) const
    {
        for (const auto &ws : sandbox->state()->workspaces())
            for (fmc::sandbox::FabricState::Mirror *m : sandbox->state()->mirrors(ws.id))
                if (m->displayName == name)
                    return {ws.id, m->id, name};
        qFatal("no mirror %s in the sandbox", qPrintable(name));
    }

    fmc::sandbox::FabricState::Mirror *mirror(const fmc::WatchedDatabase &db) const
    {
        return sandbox->state()->mirror(db.workspaceId, db.databaseId);
    }

    int tableCount(const fmc::WatchedDatabase &db) const
    {
        return int(sandbox->state()->tables(mirror(db)).size());
    }

    fmc::SecretStore store;
    std::unique_ptr<fmc::sandbox::Sandbox> sandbox;
    std::unique_ptr<fmc::TokenSession> session;
    std::unique_ptr<fmc::FabricClient> client;
};
