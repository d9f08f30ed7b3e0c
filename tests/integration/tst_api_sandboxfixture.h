// What the tst_api_sandbox* suites share: an in-process fabric-sandbox on 127.0.0.1 (and
// 127.0.0.2, the "foreign host"), a token source that signs in as the sandbox's service
// principal, and a FabricClient whose waits are scaled by the inverse of the sandbox's speed so
// that protocol delays (Retry-After, backoff, LRO polls) read the same on both clocks.
#pragma once

#include "app/api/fabricclient.h"
#include "app/api/fabricrequests.h"
#include "app/auth/accesstokensource.h"
#include "sandbox/entra/entraemulator.h"
#include "sandbox/fabricstate.h"
#include "sandbox/sandbox.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

#include <functional>
#include <memory>
#include <optional>

namespace fmc::test {

//! Signs in as the sandbox's built-in service principal (client credentials) on every forced
//! refresh; a trivial AccessTokenSource so that these suites do not depend on app/auth.
class SandboxTokenSource : public AccessTokenSource
{
public:
    explicit SandboxTokenSource(const QUrl &tokenUrl, QObject *parent = nullptr)
        : AccessTokenSource(parent)
        , m_tokenUrl(tokenUrl)
    {
    }

    void requestToken(bool forceRefresh, QObject *context, Callback callback) override
    {
        if (!m_token.isEmpty() && !forceRefresh) {
            QTimer::singleShot(0, context, [callback, token = m_token] { callback({token, {}, {}, {}}); });
            return;
        }
        ++tokenRequests;
        QNetworkRequest request(m_tokenUrl);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/x-www-form-urlencoded"));
        QUrlQuery form;
        form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("client_credentials"));
        form.addQueryItem(QStringLiteral("client_id"), sandbox::EntraEmulator::defaultClientId());
        form.addQueryItem(QStringLiteral("client_secret"), sandbox::EntraEmulator::defaultClientSecret());
        form.addQueryItem(QStringLiteral("scope"), QStringLiteral("https://api.fabric.microsoft.com/.default"));
        QNetworkReply *reply = m_nam.post(request, form.toString(QUrl::FullyEncoded).toLatin1());
        QObject::connect(reply, &QNetworkReply::finished, context, [this, reply, callback] {
            reply->deleteLater();
            AccessTokenResult result;
            if (auto json = parseJson(reply->readAll()); json && json->contains("access_token"))
                result.accessToken = toQString((*json)["access_token"].get<std::string>());
            else
                result.errorCode = QStringLiteral("invalid_grant");
            m_token = result.accessToken;
            if (!m_token.isEmpty())
                issued << m_token;
            callback(result);
        });
    }

    int tokenRequests = 0;
    QStringList issued; //!< every access token handed out (canaries for log scans)

private:
    QUrl m_tokenUrl;
    QString m_token;
    QNetworkAccessManager m_nam;
};

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
    bool up(const sandbox::SandboxOptions &options)
    {
        sandbox = std::make_unique<sandbox::Sandbox>(options);
        if (!sandbox->listen(QHostAddress::LocalHost) || !sandbox->listen(QHostAddress(QStringLiteral("127.0.0.2"))))
            return false;
        tokens = std::make_unique<SandboxTokenSource>(QUrl(
            sandbox->serverUrl().toString() + QStringLiteral("/%1/oauth2/v2.0/token").arg(sandbox->entra()->tenantId())));
        owner = std::make_unique<QObject>();
        client = makeClient();
        return true;
    }

    void down()
    {
        owner.reset();
        tokens.reset();
        sandbox.reset();
        client = nullptr;
    }

    //! The client's configuration: the sandbox's first listener, waits scaled by 1/speed, seeded.
    FabricClient::Config config(const QUrl &server = {}) const
    {
        FabricClient::Config c;
        c.apiBaseUrl = QUrl((server.isEmpty() ? sandbox->serverUrl() : server).toString() + QStringLiteral("/v1"));
        c.timeScale = 1.0 / sandbox->options().speed;
        c.seed = 1;
        return c;
    }

    FabricClient *makeClient(const std::function<void(FabricClient::Config &)> &tweak = {})
    {
        FabricClient::Config c = config();
        if (tweak)
            tweak(c);
        return new FabricClient(c, tokens.get(), owner.get());
    }

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
    QList<sandbox::RequestLogEntry> apiLog() const
    {
        QList<sandbox::RequestLogEntry> api;
        for (const sandbox::RequestLogEntry &e : sandbox->requestLog())
            if (e.pathAndQuery.startsWith(QLatin1String("/v1/")))
                api << e;
        return api;
    }

    //! The active workspace with the most mirrored databases.
    QString workspaceWithMirrors() const
    {
        QString best;
        qsizetype most = 0;
        for (const auto &ws : sandbox->state()->workspaces()) {
            const qsizetype n = sandbox->state()->mirrors(ws.id).size();
            if (n > most && sandbox->state()->workspaceActive(ws)) {
                most = n;
                best = ws.id;
            }
        }
        return best;
    }

    //! (workspace id, mirror id) of the demo tenant's replicating mirror, SalesMirror.
    std::pair<QString, QString> salesMirror() const
    {
        for (const auto &ws : sandbox->state()->workspaces())
            for (const sandbox::FabricState::Mirror *mirror : sandbox->state()->mirrors(ws.id))
                if (mirror->displayName == QLatin1String("SalesMirror"))
                    return {ws.id, mirror->id};
        return {};
    }

    //! The first mirrored database of workspaceWithMirrors().
    QString firstMirror(const QString &workspaceId) const
    {
        return sandbox->state()->mirrors(workspaceId).first()->id;
    }

    std::unique_ptr<sandbox::Sandbox> sandbox;
    std::unique_ptr<SandboxTokenSource> tokens;
    std::unique_ptr<QObject> owner;
    FabricClient *client = nullptr;
};

} // namespace fmc::test
