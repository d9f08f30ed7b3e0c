// Sign-in pieces that need no token service: PKCE, JWT claims, the loopback redirect listener
// and its state check, Azure CLI output (with a fake `az` on PATH), pasted tokens, the
// environment, the session's delivery rules and the keychain fallback.
#include "app/auth/azureclicredential.h"
#include "app/auth/browsercredential.h"
#include "app/auth/credentialfactory.h"
#include "app/auth/devicecodecredential.h"
#include "app/auth/environmentcredential.h"
#include "app/auth/loopbackreceiver.h"
#include "app/auth/pkce.h"
#include "app/auth/secretstore.h"
#include "app/auth/statictokencredential.h"
#include "app/auth/tokenendpoint.h"
#include "app/auth/tokenidentity.h"
#include "app/auth/tokensession.h"

#include <QCryptographicHash>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkInterface>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace fmc;

namespace {

QByteArray b64url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QString makeJwt(const QByteArray &payloadJson)
{
    return QString::fromLatin1(b64url(R"({"alg":"RS256","typ":"JWT"})") + '.' + b64url(payloadJson) + '.'
                               + b64url("signature"));
}

// GETs \a pathAndQuery from the listener (asynchronously: it runs on this thread) and returns
// the HTTP status (0: no answer).
int getFrom(const QUrl &base, const QByteArray &pathAndQuery, QByteArray *body = nullptr)
{
    QNetworkAccessManager network;
    QUrl url = base;
    url.setPath(QString());
    QNetworkReply *reply = network.get(QNetworkRequest(QUrl::fromEncoded(url.toEncoded() + pathAndQuery)));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(5000))
        return 0;
    if (body)
        *body = reply->readAll();
    reply->deleteLater();
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

} // namespace

class TestAuthOffline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pkceRfc7636Vector()
    {
        QCOMPARE(Pkce::challengeFor("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
                 QByteArray("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    }

    void pkceVerifier_data()
    {
        QTest::addColumn<int>("asked");
        QTest::addColumn<int>("expected");
        QTest::addRow("too short") << 10 << 43;
        QTest::addRow("minimum") << 43 << 43;
        QTest::addRow("default") << 64 << 64;
        QTest::addRow("maximum") << 128 << 128;
        QTest::addRow("too long") << 500 << 128;
    }
    void pkceVerifier()
    {
        QFETCH(int, asked);
        QFETCH(int, expected);
        const QByteArray verifier = Pkce::generateVerifier(asked);
        QCOMPARE(verifier.size(), expected);
        QVERIFY(Pkce::isValidVerifier(verifier));
        QCOMPARE(Pkce::challengeFor(verifier),
                 b64url(QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)));
        QCOMPARE(Pkce::challengeFor(verifier).size(), 43);
        QVERIFY(verifier != Pkce::generateVerifier(asked));
    }

    void pkceRejectsBadVerifiers()
    {
        QVERIFY(!Pkce::isValidVerifier(QByteArray(42, 'a')));
        QVERIFY(!Pkce::isValidVerifier(QByteArray(129, 'a')));
        QVERIFY(!Pkce::isValidVerifier(QByteArray(43, 'a') + '+'));
    }

    void stateIsRandom()
    {
        QSet<QByteArray> states;
        for (int i = 0; i < 100; ++i)
            states.insert(Pkce::generateState());
        QCOMPARE(states.size(), 100);
        QCOMPARE(Pkce::generateState().size(), 22);
    }

    void jwtClaims_data()
    {
        QTest::addColumn<QString>("token");
        QTest::addColumn<bool>("isJwt");
        QTest::addColumn<QString>("label");
        QTest::addColumn<QString>("oid");
        QTest::addColumn<qint64>("exp");
        QTest::addRow("user") << makeJwt(R"({"upn":"ada@contoso.com","name":"Ada","oid":"o-1","tid":"t-1","exp":2000000000})")
                              << true << "ada@contoso.com" << "o-1" << qint64(2000000000);
        QTest::addRow("preferred_username") << makeJwt(R"({"preferred_username":"bob@contoso.com","exp":1})")
                                            << true << "bob@contoso.com" << "" << qint64(1);
        QTest::addRow("service principal") << makeJwt(R"({"appid":"app-7","oid":"o-2"})") << true << "app-7" << "o-2"
                                           << qint64(-1);
        QTest::addRow("opaque") << "not-a-jwt" << false << "" << "" << qint64(-1);
        QTest::addRow("bad base64") << "a.!!!.c" << false << "" << "" << qint64(-1);
        QTest::addRow("array payload") << makeJwt("[1,2]") << false << "" << "" << qint64(-1);
        QTest::addRow("four parts") << makeJwt("{}") + ".x" << false << "" << "" << qint64(-1);
        QTest::addRow("exp as string") << makeJwt(R"({"upn":"c@d","exp":"5"})") << true << "c@d" << "" << qint64(-1);
    }
    void jwtClaims()
    {
        QFETCH(QString, token);
        QFETCH(bool, isJwt);
        QFETCH(QString, label);
        QFETCH(QString, oid);
        QFETCH(qint64, exp);
        const TokenIdentity identity = TokenIdentity::fromJwt(token);
        QCOMPARE(identity.isJwt, isJwt);
        QCOMPARE(identity.label(), label);
        QCOMPARE(identity.objectId, oid);
        QCOMPARE(identity.expiresAtUtc.isValid() ? identity.expiresAtUtc.toSecsSinceEpoch() : qint64(-1), exp);
    }

    void authorityMustBeHttpsUnlessLoopback_data()
    {
        QTest::addColumn<QString>("authority");
        QTest::addColumn<bool>("allowed");
        QTest::addRow("entra") << "https://login.microsoftonline.com" << true;
        QTest::addRow("loopback v4") << "http://127.0.0.1:8080" << true;
        QTest::addRow("localhost") << "http://localhost:1" << true;
        QTest::addRow("loopback v6") << "http://[::1]:8080" << true;
        QTest::addRow("plain http") << "http://login.example.com" << false;
        QTest::addRow("lan address") << "http://10.0.0.5" << false;
        QTest::addRow("ftp") << "ftp://127.0.0.1" << false;
        QTest::addRow("garbage") << "::" << false;
    }
    void authorityMustBeHttpsUnlessLoopback()
    {
        QFETCH(QString, authority);
        QFETCH(bool, allowed);
        QCOMPARE(TokenEndpoint::checkAuthority(QUrl(authority)).isEmpty(), allowed);
    }

    void endpointsUnderAuthorityAndTenant()
    {
        AuthConfig config;
        config.authority = QUrl(QStringLiteral("http://127.0.0.1:4000/base/"));
        config.tenant = QStringLiteral("t1");
        TokenEndpoint endpoint(config);
        QCOMPARE(endpoint.tokenUrl().toString(), QStringLiteral("http://127.0.0.1:4000/base/t1/oauth2/v2.0/token"));
        QCOMPARE(endpoint.deviceCodeUrl().path(), QStringLiteral("/base/t1/oauth2/v2.0/devicecode"));
        QCOMPARE(endpoint.authorizeUrl().path(), QStringLiteral("/base/t1/oauth2/v2.0/authorize"));
    }

    void insecureAuthorityFailsWithoutConnecting()
    {
        AuthConfig config;
        config.authority = QUrl(QStringLiteral("http://login.example.com"));
        config.clientId = QStringLiteral("c");
        DeviceCodeCredential credential(config);
        QSignalSpy finished(&credential, &Credential::finished);
        credential.acquire();
        QVERIFY(finished.isEmpty()); // asynchronous even when refused up front
        QVERIFY(finished.wait(2000));
        QCOMPARE(finished.first().first().value<TokenGrant>().errorCode, QStringLiteral("insecure_authority"));
    }

    void loopbackListensOnIpv4LoopbackOnly()
    {
        LoopbackReceiver receiver;
        QVERIFY(receiver.listen());
        QCOMPARE(receiver.serverAddress(), QHostAddress(QHostAddress::LocalHost));
        QVERIFY(receiver.serverPort() != 0);
        QCOMPARE(receiver.redirectUri().host(), QStringLiteral("127.0.0.1"));
        // Not reachable through any other address of this machine.
        for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
            if (address.isLoopback() || address.protocol() != QAbstractSocket::IPv4Protocol)
                continue;
            QTcpSocket socket;
            socket.connectToHost(address, receiver.serverPort());
            QVERIFY2(!socket.waitForConnected(1000), qPrintable(address.toString()));
        }
    }

    void loopbackCallback_data()
    {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<int>("httpStatus");
        QTest::addColumn<QString>("rejection");   // empty: the code is accepted
        QTest::addRow("good") << QByteArray("/?code=abc%2B1&state=S1") << 200 << QString();
        QTest::addRow("wrong state") << QByteArray("/?code=abc&state=S2") << 400 << "state_mismatch";
        QTest::addRow("missing state") << QByteArray("/?code=abc") << 400 << "state_mismatch";
        QTest::addRow("empty state") << QByteArray("/?code=abc&state=") << 400 << "state_mismatch";
        QTest::addRow("prefix of state") << QByteArray("/?code=abc&state=S") << 400 << "state_mismatch";
        QTest::addRow("denied") << QByteArray("/?error=access_denied&state=S1") << 200 << "access_denied";
        QTest::addRow("no code") << QByteArray("/?state=S1") << 200 << "invalid_response";
    }
    void loopbackCallback()
    {
        QFETCH(QByteArray, query);
        QFETCH(int, httpStatus);
        QFETCH(QString, rejection);
        LoopbackReceiver receiver;
        receiver.setExpectedState("S1");
        QVERIFY(receiver.listen());
        QSignalSpy codes(&receiver, &LoopbackReceiver::codeReceived);
        QSignalSpy rejected(&receiver, &LoopbackReceiver::rejected);
        const QUrl redirect = receiver.redirectUri();

        // A favicon request is not the callback: 404, and the listener keeps waiting.
        QCOMPARE(getFrom(redirect, "/favicon.ico"), 404);
        QVERIFY(receiver.isListening());

        QByteArray page;
        QCOMPARE(getFrom(redirect, query, &page), httpStatus);
        QVERIFY(page.startsWith("<!DOCTYPE html>"));
        QVERIFY(!page.contains("abc"));
        QVERIFY(!receiver.isListening()); // closed after the first callback
        if (rejection.isEmpty()) {
            QCOMPARE(codes.size(), 1);
            QCOMPARE(codes.first().first().toString(), QStringLiteral("abc+1"));
            QVERIFY(rejected.isEmpty());
        } else {
            QVERIFY(codes.isEmpty());
            QCOMPARE(rejected.size(), 1);
            QCOMPARE(rejected.first().first().toString(), rejection);
        }
        QTcpSocket late;
        late.connectToHost(QHostAddress::LocalHost, quint16(redirect.port()));
        QVERIFY(!late.waitForConnected(1000));
    }

    void browserAuthorizeUrlAndWrongState()
    {
        AuthConfig config;
        // Nothing listens here: a token request would end in network_error, not state_mismatch.
        config.authority = QUrl(QStringLiteral("http://127.0.0.1:9"));
        config.tenant = QStringLiteral("t1");
        config.clientId = QStringLiteral("client-1");
        BrowserCredential credential(config);
        QUrl opened;
        credential.setBrowserOpener([&opened](const QUrl &url) {
            opened = url;
            return true;
        });
        QSignalSpy finished(&credential, &Credential::finished);
        credential.acquire();
        QVERIFY(opened.isValid());
        const QUrlQuery query(opened);
        QCOMPARE(opened.path(), QStringLiteral("/t1/oauth2/v2.0/authorize"));
        QCOMPARE(query.queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
        QCOMPARE(query.queryItemValue(QStringLiteral("code_challenge")).size(), 43);
        QCOMPARE(query.queryItemValue(QStringLiteral("response_type")), QStringLiteral("code"));
        QCOMPARE(query.queryItemValue(QStringLiteral("state")).size(), 22);
        const QUrl redirect(query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
        QCOMPARE(redirect.host(), QStringLiteral("127.0.0.1"));
        QVERIFY(credential.receiver() && credential.receiver()->isListening());
        QCOMPARE(credential.receiver()->serverAddress(), QHostAddress(QHostAddress::LocalHost));

        QCOMPARE(getFrom(redirect, "/?code=c&state=forged"), 400);
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().value<TokenGrant>().errorCode, QStringLiteral("state_mismatch"));
        QVERIFY(!credential.receiver());
    }

    void browserTimesOutAndCloses()
    {
        AuthConfig config;
        config.authority = QUrl(QStringLiteral("http://127.0.0.1:9"));
        config.clientId = QStringLiteral("client-1");
        config.speed = 1000; // five minutes in 300 ms
        BrowserCredential credential(config);
        credential.setBrowserOpener([](const QUrl &) { return false; });
        QSignalSpy finished(&credential, &Credential::finished);
        credential.acquire();
        const quint16 port = credential.receiver()->serverPort();
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.first().first().value<TokenGrant>().errorCode, QStringLiteral("timeout"));
        QTcpSocket late;
        late.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(!late.waitForConnected(1000));
    }

    void azureCliOutput_data()
    {
        QTest::addColumn<QByteArray>("output");
        QTest::addColumn<QString>("errorCode");
        QTest::addColumn<qint64>("expiresIn");
        const QDateTime now = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
        const QByteArray local = now.addSecs(1800).toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz000")).toLatin1();
        QTest::addRow("expires_on") << QByteArray(R"({"accessToken":"T","expiresOn":"junk","expires_on":1700003600,"tokenType":"Bearer"})")
                                    << QString() << qint64(3600);
        QTest::addRow("expires_on string") << QByteArray(R"({"accessToken":"T","expires_on":"1700000600"})") << QString() << qint64(600);
        QTest::addRow("expiresOn local") << QByteArray("{\"accessToken\":\"T\",\"expiresOn\":\"" + local + "\"}") << QString() << qint64(1800);
        QTest::addRow("no expiry") << QByteArray(R"({"accessToken":"T"})") << QString() << qint64(-1);
        QTest::addRow("no token") << QByteArray(R"({"expires_on":1700003600})") << "az_invalid_output" << qint64(-1);
        QTest::addRow("token not string") << QByteArray(R"({"accessToken":5})") << "az_invalid_output" << qint64(-1);
        QTest::addRow("not json") << QByteArray("ERROR: something") << "az_invalid_output" << qint64(-1);
    }
    void azureCliOutput()
    {
        QFETCH(QByteArray, output);
        QFETCH(QString, errorCode);
        QFETCH(qint64, expiresIn);
        const TokenGrant grant = AzureCliCredential::parseOutput(output, QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC));
        QCOMPARE(grant.errorCode, errorCode);
        QCOMPARE(grant.ok(), errorCode.isEmpty());
        QCOMPARE(grant.expiresInSeconds, expiresIn);
    }

    void azureCliProcess_data()
    {
        QTest::addColumn<QByteArray>("script");  // empty: no az on PATH
        QTest::addColumn<QString>("errorCode");
        QTest::addRow("signed in") << QByteArray("echo \"$@\" > \"${0%/*}/args\"\n"
                                                 "echo '{\"accessToken\":\"cli-token\",\"expires_on\":4102444800}'\n")
                                   << QString();
        QTest::addRow("not logged in") << QByteArray("echo \"ERROR: Please run 'az login' to setup account.\" >&2\nexit 1\n")
                                       << "az_login_required";
        QTest::addRow("other failure") << QByteArray("echo 'ERROR: boom' >&2\nexit 2\n") << "az_failed";
        QTest::addRow("garbage") << QByteArray("echo hello\n") << "az_invalid_output";
        QTest::addRow("missing") << QByteArray() << "az_not_found";
    }
    void azureCliProcess()
    {
        QFETCH(QByteArray, script);
        QFETCH(QString, errorCode);
        QTemporaryDir bin;
        QVERIFY(bin.isValid());
        if (!script.isEmpty()) {
            QFile az(bin.filePath(QStringLiteral("az")));
            QVERIFY(az.open(QIODevice::WriteOnly));
            az.write("#!/bin/sh\n" + script);
            az.close();
            az.setPermissions(az.permissions() | QFile::ExeOwner);
        }
        const QByteArray oldPath = qgetenv("PATH");
        qputenv("PATH", QFile::encodeName(bin.path()));
        AuthConfig config;
        config.tenant = QStringLiteral("t-9");
        AzureCliCredential credential(config);
        QSignalSpy finished(&credential, &Credential::finished);
        credential.acquire();
        qputenv("PATH", oldPath); // found when starting; the shell's own tools need the real PATH
        QVERIFY(finished.wait(10000));
        const TokenGrant grant = finished.first().first().value<TokenGrant>();
        QCOMPARE(grant.errorCode, errorCode);
        if (errorCode.isEmpty()) {
            QCOMPARE(grant.accessToken, QStringLiteral("cli-token"));
            QVERIFY(grant.expiresInSeconds > 0);
            QFile args(bin.filePath(QStringLiteral("args")));
            QVERIFY(args.open(QIODevice::ReadOnly));
            QCOMPARE(args.readAll().trimmed(),
                     QByteArray("account get-access-token --resource https://api.fabric.microsoft.com --output json --tenant t-9"));
        } else {
            QVERIFY(!grant.errorMessage.isEmpty());
            if (errorCode == QLatin1String("az_not_found"))
                QVERIFY(grant.errorMessage.contains(QLatin1String("az")));
        }
    }

    void staticToken_data()
    {
        QTest::addColumn<QString>("pasted");
        QTest::addColumn<QString>("environment");
        QTest::addColumn<QString>("errorCode");
        QTest::addColumn<QString>("token");
        const QString live = makeJwt(R"({"upn":"ada@contoso.com","exp":4102444800})");
        const QString expired = makeJwt(R"({"upn":"ada@contoso.com","exp":1000})");
        QTest::addRow("pasted") << live << QString() << QString() << live;
        QTest::addRow("bearer prefix") << "Bearer " + live << QString() << QString() << live;
        QTest::addRow("FABRIC_TOKEN") << QString() << live << QString() << live;
        QTest::addRow("pasted wins") << "opaque" << live << QString() << "opaque";
        QTest::addRow("expired") << expired << QString() << "token_expired" << QString();
        QTest::addRow("nothing") << QString() << QString() << "no_credentials" << QString();
        QTest::addRow("spaces") << "a b" << QString() << "invalid_token" << QString();
    }
    void staticToken()
    {
        QFETCH(QString, pasted);
        QFETCH(QString, environment);
        QFETCH(QString, errorCode);
        QFETCH(QString, token);
        QProcessEnvironment env;
        if (!environment.isEmpty())
            env.insert(QStringLiteral("FABRIC_TOKEN"), environment);
        StaticTokenCredential credential(AuthConfig{}, pasted, env);
        QSignalSpy finished(&credential, &Credential::finished);
        credential.acquire();
        QVERIFY(finished.wait(2000));
        const TokenGrant grant = finished.first().first().value<TokenGrant>();
        QCOMPARE(grant.errorCode, errorCode);
        QCOMPARE(grant.accessToken, token);
    }

    void environmentNamesWhatIsMissing()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("AZURE_CLIENT_ID"), QStringLiteral("c"));
        EnvironmentCredential credential(AuthConfig{}, env);
        QCOMPARE(credential.missingVariables(),
                 QStringList({QStringLiteral("AZURE_TENANT_ID"), QStringLiteral("AZURE_CLIENT_SECRET")}));
        QSignalSpy finished(&credential, &Credential::finished);
        credential.acquire();
        QVERIFY(finished.wait(2000));
        const TokenGrant grant = finished.first().first().value<TokenGrant>();
        QCOMPARE(grant.errorCode, QStringLiteral("no_credentials"));
        QVERIFY(grant.errorMessage.contains(QLatin1String("AZURE_TENANT_ID")));
        QVERIFY(grant.errorMessage.contains(QLatin1String("AZURE_CLIENT_SECRET")));
    }

    void factoryMakesEveryProvider()
    {
        const QList<Credential::Kind> kinds = CredentialFactory::kinds();
        QCOMPARE(kinds.size(), 6);
        QSet<QString> keys;
        for (const Credential::Kind kind : kinds) {
            const QString key = CredentialFactory::key(kind);
            keys.insert(key);
            QCOMPARE(CredentialFactory::kindFromKey(key), kind);
            QVERIFY(!CredentialFactory::displayName(kind).isEmpty());
            CredentialChoice choice;
            choice.kind = kind;
            std::unique_ptr<Credential> credential(CredentialFactory::create(choice, QProcessEnvironment()));
            QVERIFY(credential);
            QCOMPARE(credential->kind(), kind);
        }
        QCOMPARE(keys.size(), kinds.size());
        QCOMPARE(CredentialFactory::kindFromKey(QStringLiteral("nonsense"), Credential::Kind::Browser),
                 Credential::Kind::Browser);
    }

    void sessionWithPastedToken()
    {
        const QString token = makeJwt(R"({"upn":"ada@contoso.com","name":"Ada","oid":"o-1","tid":"t-1","exp":4102444800})");
        SecretStore store;
        store.setKeychainEnabled(false);
        TokenSession session(&store);
        QSignalSpy states(&session, &TokenSession::stateChanged);
        QSignalSpy identities(&session, &TokenSession::identityChanged);

        // Not signed in: a clear error, delivered asynchronously.
        bool called = false;
        AccessTokenResult result;
        session.requestToken(false, this, [&](const AccessTokenResult &r) {
            called = true;
            result = r;
        });
        QVERIFY(!called);
        QTRY_VERIFY(called);
        QCOMPARE(result.errorCode, QStringLiteral("not_signed_in"));

        session.setCredential(new StaticTokenCredential(AuthConfig{}, token, QProcessEnvironment()));
        session.signIn();
        QTRY_COMPARE(session.state(), TokenSession::State::SignedIn);
        QCOMPARE(identities.size(), 1);
        QCOMPARE(session.identity().userPrincipalName, QStringLiteral("ada@contoso.com"));
        QCOMPARE(session.identity().tenantId, QStringLiteral("t-1"));
        QCOMPARE(session.identity().expiresAtUtc.toSecsSinceEpoch(), qint64(4102444800));

        called = false;
        session.requestToken(false, this, [&](const AccessTokenResult &r) {
            called = true;
            result = r;
        });
        QVERIFY(!called);
        QTRY_VERIFY(called);
        QCOMPARE(result.accessToken, token);

        // The context dies before delivery: no callback.
        auto *context = new QObject;
        bool lateCall = false;
        session.requestToken(false, context, [&](const AccessTokenResult &) { lateCall = true; });
        delete context;
        QTest::qWait(20);
        QVERIFY(!lateCall);

        // A 401 forces a renewal, which a pasted token cannot do: sign in again.
        QSignalSpy required(&session, &TokenSession::signInRequired);
        called = false;
        session.requestToken(true, this, [&](const AccessTokenResult &r) {
            called = true;
            result = r;
        });
        QTRY_VERIFY(called);
        QCOMPARE(result.errorCode, QStringLiteral("interaction_required"));
        QCOMPARE(required.size(), 1);
        QCOMPARE(session.state(), TokenSession::State::SignInRequired);
        QVERIFY(session.identity().label().isEmpty());

        session.signOut();
        QCOMPARE(session.state(), TokenSession::State::SignedOut);
    }

    void keychainFallsBackToSessionOnly()
    {
        // This machine has no keychain service (no D-Bus session): nothing is persisted, the
        // secret stays readable for the session and the user is told.
        SecretStore store(QStringLiteral("fmc-test-") + QString::number(QCoreApplication::applicationPid()));
        QSignalSpy persistence(&store, &SecretStore::persistenceChanged);
        store.write(QStringLiteral("k"), QStringLiteral("secret-value"));
        QTRY_COMPARE_WITH_TIMEOUT(store.pendingJobs(), 0, 30000);
        if (store.persistence() == SecretStore::Persistence::Keychain) {
            store.remove(QStringLiteral("k"));
            QTRY_COMPARE_WITH_TIMEOUT(store.pendingJobs(), 0, 30000);
            QSKIP("a keychain service is running here; the fallback cannot be observed");
        }
        QCOMPARE(store.persistence(), SecretStore::Persistence::SessionOnly);
        QVERIFY(!store.notice().isEmpty());
        QCOMPARE(persistence.size(), 1);
        QString read;
        store.read(QStringLiteral("k"), this, [&read](const QString &secret) { read = secret; });
        QTRY_COMPARE(read, QStringLiteral("secret-value"));
        store.remove(QStringLiteral("k"));
        read = QStringLiteral("unset");
        store.read(QStringLiteral("k"), this, [&read](const QString &secret) { read = secret; });
        QTRY_COMPARE(read, QString());
    }
};

QTEST_GUILESS_MAIN(TestAuthOffline)
#include "tst_auth_offline.moc"
