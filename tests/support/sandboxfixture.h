#pragma once

// What the tst_api_sandbox* suites share: an in-process fabric-sandbox on 127.0.0.1 (and
// 127.0.0.2, the "foreign host"), a token source that signs in as the sandbox's service
// principal, and a FabricClient whose waits are scaled by the inverse of the sandbox's speed so
// that protocol delays (Retry-After, backoff, LRO polls) read the same on both clocks.

#include "app/api/fabricclient.h"
#include "app/monitor/statusmonitor.h"
#include "sandbox/fabricstate.h"
#include "sandbox/requestlog.h"
#include "sandbox/sandbox.h"
#include "tests/support/sandboxtokensource.h"

#include <QTest>

#include <functional>
#include <memory>
#include <optional>

namespace fmc::test {

//! Where a call's callback put its result.
template <typename R>
struct Outcome {
    std::optional<ApiResult<typename R::Value>> result;
    bool done() const { return result.has_value(); }
    const ApiError &error() const { return result->error; }
};

//! One sandbox, one client; build with up(), tear down with down() (init/cleanup).
class SandboxFixture
{
public:
    //! Starts the sandbox with \a options (speed included) and a client scaled by 1/speed.
    bool up(const sandbox::SandboxOptions &options);
    void down();

    //! The client's configuration: the sandbox's first listener, waits scaled by 1/speed, seeded.
    FabricClient::Config config(const QUrl &server = {}) const;
    FabricClient *makeClient(const std::function<void(FabricClient::Config &)> &tweak = {});

    //! Sends \a request on \a on (default: the fixture's client); the outcome fills in later.
    template <typename R>
    std::shared_ptr<Outcome<R>> send(R *request, FabricClient *on = nullptr)
    {
        auto outcome = std::make_shared<Outcome<R>>();
        (on ? on : client)->send(request, owner.get(), [outcome](const ApiResult<typename R::Value> &r) { outcome->result = r; });
        return outcome;
    }

    //! Sends \a request and waits (up to \a timeoutMs) for its result.
    template <typename R>
    typename R::Value run(R *request, ApiError *error = nullptr, FabricClient *on = nullptr, int timeoutMs = 10000)
    {
        auto outcome = send(request, on);
        if (!QTest::qWaitFor([&] { return outcome->done(); }, timeoutMs)) {
            if (error)
                *error = ApiError(ApiError::Kind::Timeout, QStringLiteral("test timeout"));
            return {};
        }
        if (error)
            *error = outcome->error();
        return outcome->result->value;
    }

    //! The Fabric API requests the sandbox received (sign-in requests left out).
    QList<sandbox::RequestLogEntry> apiLog() const;
    //! The active workspace with the most mirrored databases.
    QString workspaceWithMirrors() const;
    //! (workspace id, mirror id) of the demo tenant's replicating mirror, SalesMirror.
    std::pair<QString, QString> salesMirror() const;
    //! The demo mirror \a mirror of the workspace \a workspace, by display names; nullptr if none.
    sandbox::FabricState::Mirror *mirrorNamed(const QString &workspace, const QString &mirror) const;
    //! \brief The demo item \a name of the workspace \a workspace as a dashboard watches it: a
    //! mirrored database (no itemType) or another mirror item with its type; empty if none.
    WatchedDatabase watchedItem(const QString &workspace, const QString &name) const;
    //! The id of the demo workspace or connection named \a name; empty if none.
    QString workspaceNamed(const QString &name) const;
    QString connectionNamed(const QString &name) const;
    //! The first mirrored database of workspaceWithMirrors().
    QString firstMirror(const QString &workspaceId) const;

    std::unique_ptr<sandbox::Sandbox> sandbox;
    std::unique_ptr<SandboxTokenSource> tokens;
    std::unique_ptr<QObject> owner;
    FabricClient *client = nullptr;
};

} // namespace fmc::test
