// Sign-in against fabric-sandbox over loopback HTTP: browser sign-in with PKCE (and a forged
// state rejected with no token request), service principal, environment, and the session's
// token handling (docs/reliability-matrix.md, "401 handling and refresh"): refresh before expiry, single flight, exactly one refresh
// after a 401, rotated refresh tokens, invalid_grant → sign-in required, sign-out, restore.
#include "tests/support/browserdriver.h"

#include "app/auth/browsercredential.h"
#include "app/auth/clientsecretcredential.h"
#include "app/auth/environmentcredential.h"
#include "app/auth/loopbackreceiver.h"
#include "app/auth/secretstore.h"
#include "app/auth/tokensession.h"
#include "sandbox/entra/entraemulator.h"
#include "sandbox/sandbox.h"

#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace fmc;
using namespace fmc::test;
using namespace fmc::sandbox;

namespace {

AuthConfig configFor(const Sandbox &sandbox, double speed = 1.0)
{
    AuthConfig config;
    config.authority = sandbox.serverUrl();
    config.tenant = QStringLiteral("organizations");
    config.clientId = EntraEmulator::defaultPublicClientId();
    config.speed = speed;
    return config;
}

SandboxOptions sandboxOptions(double speed = 1.0)
{
    SandboxOptions options;
    options.speed = speed;
    options.demoData = true;
    return options;
}

QString storedSecret(SecretStore &store, const QString &key)
{
    QString value = QStringLiteral("<pending>");
    store.read(key, nullptr, [&value](const QString &secret) { value = secret; });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(value != QLatin1String("<pending>"), 5000); }();
    return value;
}

AccessTokenResult tokenFrom(TokenSession &session, bool forceRefresh)
{
    std::optional<AccessTokenResult> result;
    session.requestToken(forceRefresh, &session, [&result](const AccessTokenResult &r) { result = r; });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000); }();
    return result.value_or(AccessTokenResult{});
}

// A GET /v1/workspaces with \a token; the HTTP status.
int listWorkspaces(const Sandbox &sandbox, const QString &token)
{
    QNetworkAccessManager network;
    QNetworkRequest request(sandbox.serverUrl().resolved(QUrl(QStringLiteral("/v1/workspaces"))));
    request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    QNetworkReply *reply = network.get(request);
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!done.wait(10000))
        return 0;
    reply->deleteLater();
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

} // namespace

class TestAuthFlows : public QObject
{
    Q_OBJECT

    // Signs \a session in through the browser flow (the sandbox signs the demo user in at once).
    void browserSignIn(Sandbox &sandbox, TokenSession &session, BrowserDriver &browser, double speed = 1.0)
    {
        auto *credential = new BrowserCredential(configFor(sandbox, speed));
        credential->setBrowserOpener(browser.opener());
        credential->setTimeoutSeconds(int(3600 * speed)); // never the limit here, at any speed
        session.setCredential(credential);
        session.signIn();
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), TokenSession::State::SignedIn, 10000);
    }

private Q_SLOTS:
    void browserSignInWithPkce()
    {
        Sandbox sandbox(sandboxOptions());
        QVERIFY(sandbox.listen());
        SecretStore store;
        store.setKeychainEnabled(false);
        TokenSession session(&store);
        BrowserDriver browser;
        browserSignIn(sandbox, session, browser);

        const QUrlQuery authorize(browser.authorizeUrl);
        QCOMPARE(authorize.queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
        const QString challenge = authorize.queryItemValue(QStringLiteral("code_challenge"));
        QVERIFY(challenge.size() >= 43 && challenge.size() <= 128);
        QCOMPARE(browser.redirectedTo.host(), QStringLiteral("127.0.0.1"));
        QCOMPARE(browser.loopbackStatus, 200);
        QVERIFY(browser.loopbackPage.contains("<html>"));
        // The emulator checked SHA256(code_verifier) against the challenge before issuing.
        QCOMPARE(sandbox.entra()->tokenRequestCount(QStringLiteral("authorization_code")), 1);
        QCOMPARE(sandbox.entra()->tokenRequestCount(), 1);
        QVERIFY(!session.identity().userPrincipalName.isEmpty());
        QVERIFY(!storedSecret(store, TokenSession::refreshTokenKey(*session.credential())).isEmpty());

        // The listener is gone: nothing answers on its port any more.
        QTcpSocket late;
        late.connectToHost(QHostAddress::LocalHost, quint16(browser.redirectedTo.port()));
        QVERIFY(!late.waitForConnected(1000));

        // The token works on the API.
        QCOMPARE(listWorkspaces(sandbox, tokenFrom(session, false).accessToken), 200);
    }

    void browserForgedStateRejected_data()
    {
        QTest::addColumn<QString>("state"); // what the forged redirect carries; "-": none
        QTest::addRow("wrong") << "forged-state";
        QTest::addRow("missing") << "-";
        QTest::addRow("empty") << "";
    }
    void browserForgedStateRejected()
    {
        QFETCH(QString, state);
        Sandbox sandbox(sandboxOptions());
        QVERIFY(sandbox.listen());
        BrowserCredential credential(configFor(sandbox));
        BrowserDriver browser;
        browser.tamper = [state](QUrl url) {
            QUrlQuery query(url);
            query.removeAllQueryItems(QStringLiteral("state"));
            if (state != QLatin1String("-"))
                query.addQueryItem(QStringLiteral("state"), state);
            url.setQuery(query);
            return url;
        };
        credential.setBrowserOpener(browser.opener());
        QSignalSpy finished(&credential, &Credential::finished);
        credential.acquire();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().first().value<TokenGrant>().errorCode, QStringLiteral("state_mismatch"));
        QTRY_COMPARE(browser.loopbackStatus, 400);
        QCOMPARE(sandbox.entra()->tokenRequestCount(), 0); // the code was never redeemed
        QVERIFY(!credential.receiver());
        QTcpSocket late;
        late.connectToHost(QHostAddress::LocalHost, quint16(browser.redirectedTo.port()));
        QVERIFY(!late.waitForConnected(1000));
    }

    void servicePrincipal_data()
    {
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("errorCode");
        QTest::addRow("right secret") << EntraEmulator::defaultClientSecret() << QString();
        QTest::addRow("wrong secret") << "not-the-secret" << "invalid_client";
    }
    void servicePrincipal()
    {
        QFETCH(QString, secret);
        QFETCH(QString, errorCode);
        Sandbox sandbox(sandboxOptions());
        QVERIFY(sandbox.listen());
        SecretStore store;
        store.setKeychainEnabled(false);
        TokenSession session(&store);
        AuthConfig config = configFor(sandbox);
        config.tenant = sandbox.entra()->tenantId();
        config.clientId = EntraEmulator::defaultClientId();
        session.setCredential(new ClientSecretCredential(config, secret));
        QSignalSpy failed(&session, &TokenSession::signInFailed);
        session.signIn();
        if (!errorCode.isEmpty()) {
            QVERIFY(failed.wait(10000));
            QCOMPARE(failed.first().first().toString(), errorCode);
            QCOMPARE(session.state(), TokenSession::State::SignedOut);
            QCOMPARE(storedSecret(store, TokenSession::clientSecretKey(config)), QString());
            return;
        }
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), TokenSession::State::SignedIn, 10000);
        QCOMPARE(session.identity().appId, EntraEmulator::defaultClientId());
        QCOMPARE(storedSecret(store, TokenSession::clientSecretKey(config)), secret);
        QCOMPARE(sandbox.entra()->tokenRequestCount(QStringLiteral("client_credentials")), 1);
        // No refresh token: a forced renewal signs in again with the secret, once.
        QVERIFY(tokenFrom(session, true).ok());
        QCOMPARE(sandbox.entra()->tokenRequestCount(QStringLiteral("client_credentials")), 2);
        QCOMPARE(listWorkspaces(sandbox, tokenFrom(session, false).accessToken), 200);
    }

    void environment()
    {
        Sandbox sandbox(sandboxOptions());
        QVERIFY(sandbox.listen());
        QProcessEnvironment env;
        env.insert(QStringLiteral("AZURE_TENANT_ID"), sandbox.entra()->tenantId());
        env.insert(QStringLiteral("AZURE_CLIENT_ID"), EntraEmulator::defaultClientId());
        env.insert(QStringLiteral("AZURE_CLIENT_SECRET"), EntraEmulator::defaultClientSecret());
        env.insert(QStringLiteral("AZURE_AUTHORITY_HOST"), sandbox.serverUrl().toString());
        AuthConfig config; // the public Entra authority: the environment overrides it
        EnvironmentCredential credential(config, env);
        QSignalSpy finished(&credential, &Credential::finished);
        credential.acquire();
        QVERIFY(finished.wait(10000));
        const TokenGrant grant = finished.first().first().value<TokenGrant>();
        QVERIFY2(grant.ok(), qPrintable(grant.errorCode + ": " + grant.errorMessage));
        QCOMPARE(sandbox.entra()->tokenRequestCount(QStringLiteral("client_credentials")), 1);
        QCOMPARE(listWorkspaces(sandbox, grant.accessToken), 200);
    }

    void refreshBeforeExpirySingleFlightAndRotation()
    {
        // 1000x: a 20-minute token is due for renewal (5 minutes left) after 0.9 s.
        Sandbox sandbox(sandboxOptions(1000));
        QVERIFY(sandbox.listen());
        sandbox.setTokenLifetimeSeconds(1200);
        SecretStore store;
        store.setKeychainEnabled(false);
        TokenSession session(&store);
        BrowserDriver browser;
        browserSignIn(sandbox, session, browser, 1000);
        const QString key = TokenSession::refreshTokenKey(*session.credential());
        const QString firstRefreshToken = storedSecret(store, key);
        const QString first = tokenFrom(session, false).accessToken;
        QVERIFY(!first.isEmpty());
        QCOMPARE(tokenFrom(session, false).accessToken, first); // fresh: served from memory
        QCOMPARE(sandbox.entra()->tokenRequestCount(QStringLiteral("refresh_token")), 0);

        QTest::qWait(1000); // 1000 s of token time: inside the 5-minute margin, not yet expired
        QList<AccessTokenResult> results;
        QObject a, b, c;
        for (QObject *context : {&a, &b, &c})
            session.requestToken(false, context, [&results](const AccessTokenResult &r) { results << r; });
        QTRY_COMPARE_WITH_TIMEOUT(results.size(), 3, 10000);
        QCOMPARE(sandbox.entra()->tokenRequestCount(QStringLiteral("refresh_token")), 1); // one renewal for three callers
        for (const AccessTokenResult &result : results) {
            QVERIFY(result.ok());
            QCOMPARE(result.accessToken, results.first().accessToken);
        }
        QVERIFY(results.first().accessToken != first);
        // The rotated refresh token replaced the old one (which the emulator no longer accepts).
        const QString secondRefreshToken = storedSecret(store, key);
        QVERIFY(!secondRefreshToken.isEmpty());
        QVERIFY(secondRefreshToken != firstRefreshToken);
        QVERIFY(tokenFrom(session, true).ok());
        QCOMPARE(sandbox.entra()->tokenRequestCount(QStringLiteral("refresh_token")), 2);
        QVERIFY(storedSecret(store, key) != secondRefreshToken);
    }

    void unauthorizedRefreshesExactlyOnce()
    {
        Sandbox sandbox(sandboxOptions());
        QVERIFY(sandbox.listen());
        SecretStore store;
        store.setKeychainEnabled(false);
        TokenSession session(&store);
        BrowserDriver browser;
        browserSignIn(sandbox, session, browser);
        const QString before = tokenFrom(session, false).accessToken;
        QCOMPARE(listWorkspaces(sandbox, before), 200);

        sandbox.entra()->expireAccessTokens(); // the API now answers 401 TokenExpired
        QCOMPARE(listWorkspaces(sandbox, before), 401);
        // Two requests hit the 401 at once: both ask for a forced refresh, one renewal happens.
        QList<AccessTokenResult> results;
        session.requestToken(true, this, [&results](const AccessTokenResult &r) { results << r; });
        session.requestToken(true, this, [&results](const AccessTokenResult &r) { results << r; });
        QTRY_COMPARE_WITH_TIMEOUT(results.size(), 2, 10000);
        QCOMPARE(sandbox.entra()->tokenRequestCount(QStringLiteral("refresh_token")), 1);
        QVERIFY(results[0].ok());
        QCOMPARE(results[1].accessToken, results[0].accessToken);
        QVERIFY(results[0].accessToken != before);
        QCOMPARE(listWorkspaces(sandbox, results[0].accessToken), 200);
        // The replay uses the cached new token: no further renewal.
        QCOMPARE(tokenFrom(session, false).accessToken, results[0].accessToken);
        QCOMPARE(sandbox.entra()->tokenRequestCount(QStringLiteral("refresh_token")), 1);
    }

    void invalidGrantRequiresSignIn()
    {
        Sandbox sandbox(sandboxOptions());
        QVERIFY(sandbox.listen());
        SecretStore store;
        store.setKeychainEnabled(false);
        TokenSession session(&store);
        BrowserDriver browser;
        browserSignIn(sandbox, session, browser);
        const QString key = TokenSession::refreshTokenKey(*session.credential());
        QSignalSpy required(&session, &TokenSession::signInRequired);

        sandbox.revokeAllTokens(); // refresh answers invalid_grant
        const AccessTokenResult result = tokenFrom(session, true);
        QVERIFY(!result.ok());
        QCOMPARE(result.errorCode, QStringLiteral("interaction_required"));
        QVERIFY(!result.errorMessage.isEmpty());
        QCOMPARE(required.size(), 1);
        QCOMPARE(session.state(), TokenSession::State::SignInRequired);
        QCOMPARE(sandbox.entra()->tokenRequestCount(QStringLiteral("refresh_token")), 1);
        QCOMPARE(storedSecret(store, key), QString()); // the dead refresh token is gone
        // Later requests fail at once, without asking the token endpoint again.
        QCOMPARE(tokenFrom(session, false).errorCode, QStringLiteral("interaction_required"));
        QCOMPARE(sandbox.entra()->tokenRequestCount(), 2);
    }

    void signOutAndRestore()
    {
        Sandbox sandbox(sandboxOptions());
        QVERIFY(sandbox.listen());
        SecretStore store;
        store.setKeychainEnabled(false);
        BrowserDriver browser;
        QString key;
        {
            TokenSession session(&store);
            browserSignIn(sandbox, session, browser);
            key = TokenSession::refreshTokenKey(*session.credential());
        }
        // A new session (as after a restart) restores from the stored refresh token, silently.
        TokenSession session(&store);
        auto *credential = new BrowserCredential(configFor(sandbox));
        bool browserOpened = false;
        credential->setBrowserOpener([&browserOpened](const QUrl &) { return browserOpened = true; });
        session.setCredential(credential);
        session.restore();
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), TokenSession::State::SignedIn, 10000);
        QVERIFY(!browserOpened);
        QCOMPARE(sandbox.entra()->tokenRequestCount(QStringLiteral("refresh_token")), 1);

        QSignalSpy identity(&session, &TokenSession::identityChanged);
        session.signOut();
        QCOMPARE(session.state(), TokenSession::State::SignedOut);
        QCOMPARE(identity.size(), 1);
        QVERIFY(session.identity().label().isEmpty());
        QCOMPARE(storedSecret(store, key), QString());
        const int requests = sandbox.entra()->tokenRequestCount();
        QCOMPARE(tokenFrom(session, false).errorCode, QStringLiteral("not_signed_in"));
        QCOMPARE(tokenFrom(session, true).errorCode, QStringLiteral("not_signed_in"));
        QCOMPARE(sandbox.entra()->tokenRequestCount(), requests);

        // Nothing left to restore.
        QSignalSpy failed(&session, &TokenSession::signInFailed);
        session.restore();
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.first().first().toString(), QStringLiteral("no_saved_session"));
    }
};

QTEST_GUILESS_MAIN(TestAuthFlows)
#include "tst_auth_flows.moc"
