#pragma once

// One in-process fabric-sandbox, a session signed in with its service principal and a client,
// for the dashboard's widget and resolver tests. The sandbox clock starts paused: what the
// dashboard shows after a refresh is then exactly the sandbox's state, and it changes only where
// a test advances the clock (advanceClock) or changes the state.

#include "app/api/fabricclient.h"
#include "app/auth/secretstore.h"
#include "app/auth/tokensession.h"
#include "app/monitor/statusmonitor.h"
#include "sandbox/fabricstate.h"
#include "sandbox/sandbox.h"

#include <memory>

namespace fmc::test {

class DashboardHarness
{
public:
    //! \a scaleWorkspaces adds that many workspaces with one running mirror each to the demo.
    explicit DashboardHarness(double timeScale = 0.01, int scaleWorkspaces = 0);

    WatchedDatabase database(const QString &name) const;
    sandbox::FabricState::Mirror *mirror(const WatchedDatabase &db) const;
    int tableCount(const WatchedDatabase &db) const;

    SecretStore store;
    std::unique_ptr<sandbox::Sandbox> sandbox;
    std::unique_ptr<TokenSession> session;
    std::unique_ptr<FabricClient> client;
};

} // namespace fmc::test
