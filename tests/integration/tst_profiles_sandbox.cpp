// Two profiles signed in at once, each against its own sandbox playing its own tenant (issue #21):
// each session signs in silently from its own keychain entries, each client talks only to its
// profile's API with its own token, and ProfileSessions lists them for compare and promote.

#include "app/auth/secretstore.h"
#include "app/auth/tokensession.h"
#include "app/api/fabricclient.h"
#include "app/api/requests/listworkspacesrequest.h"
#include "app/profiles/profilesecretmigration.h"
#include "app/profiles/profilesession.h"
#include "app/profiles/profilesessions.h"
#include "sandbox/entra/entraemulator.h"
#include "sandbox/fabricstate.h"
#include "sandbox/sandbox.h"

#include <QSignalSpy>
#include <QTest>

using namespace fmc;
using sandbox::EntraEmulator;
using sandbox::Sandbox;

namespace {

const QString kDevTenant = QStringLiteral("11111111-0000-4000-8000-00000000de00");
const QString kProdTenant = QStringLiteral("22222222-0000-4000-8000-0000000000d0");

std::unique_ptr<Sandbox> startSandbox(quint32 seed, const QString &tenant)
{
    sandbox::SandboxOptions options;
    options.seed = seed;
    options.tenantId = tenant;
    auto result = std::make_unique<Sandbox>(options);
    if (result->listen() == 0)
        return nullptr;
    return result;
}

// A profile that signs in to \a sandbox as its service principal.
Profile profileFor(const Sandbox &sandbox, const QString &name, const QString &label, bool production)
{
    Profile p;
    p.id = Profile::newId();
    p.name = name;
    p.label = label;
    p.production = production;
    p.colour = production ? Profile::productionColour() : Profile::defaultColour();
    p.apiBaseUrl = sandbox.serverUrl().resolved(QUrl(QStringLiteral("/v1")));
    p.authority = sandbox.serverUrl();
    p.tenant = sandbox.entra()->tenantId();
    p.signInMethod = QStringLiteral("client-secret");
    p.servicePrincipalId = EntraEmulator::defaultClientId();
    p.servicePrincipalTenant = sandbox.entra()->tenantId();
    return p;
}

// What a sign-in with \a p left in the keychain: the service principal's secret, under its prefix.
void storeSecret(SecretStore &store, const Profile &p)
{
    AuthConfig principal = p.authConfig();
    principal.tenant = p.servicePrincipalTenant;
    principal.clientId = p.servicePrincipalId;
    store.write(p.keyPrefix() + TokenSession::clientSecretKey(principal), EntraEmulator::defaultClientSecret());
}

// The workspace ids \a client lists, or an error sentence.
QStringList listWorkspaceIds(FabricClient *client, QString *error)
{
    QStringList ids;
    bool done = false;
    client->send(new ListWorkspacesRequest, client, [&](const ApiResult<QList<Workspace>> &result) {
        if (result.ok())
            for (const Workspace &w : result.value)
                ids << w.id;
        else
            *error = result.error.message();
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 10000))
        *error = QStringLiteral("no answer");
    return ids;
}

QStringList sandboxWorkspaceIds(const Sandbox &sandbox)
{
    QStringList ids;
    for (const auto &ws : sandbox.state()->workspaces())
        ids << ws.id;
    return ids;
}

int apiRequestsWithToken(const Sandbox &sandbox)
{
    int count = 0;
    for (const auto &entry : sandbox.requestLog())
        if (entry.pathAndQuery.startsWith(QLatin1String("/v1/")) && entry.hadAuthorization)
            ++count;
    return count;
}

} // namespace

class TestProfilesSandbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void twoProfilesSignedInAtOnce();
    void silentSignIn_data();
    void silentSignIn();
    void migratedSecretsSignTheFirstProfileIn();

private:
    std::unique_ptr<Sandbox> m_dev;
    std::unique_ptr<Sandbox> m_prod;
};

void TestProfilesSandbox::initTestCase()
{
    m_dev = startSandbox(1, kDevTenant);
    m_prod = startSandbox(2, kProdTenant);
    QVERIFY(m_dev && m_prod);
    QCOMPARE(m_dev->entra()->tenantId(), kDevTenant);
    QCOMPARE(m_prod->entra()->tenantId(), kProdTenant);
}

void TestProfilesSandbox::twoProfilesSignedInAtOnce()
{
    SecretStore store;
    store.setKeychainEnabled(false);
    const Profile dev = profileFor(*m_dev, QStringLiteral("Contoso dev"), QStringLiteral("DEV"), false);
    const Profile prod = profileFor(*m_prod, QStringLiteral("Contoso production"), QStringLiteral("PROD"), true);
    storeSecret(store, dev);
    storeSecret(store, prod);
    const int devTokens = m_dev->entra()->tokenRequestCount(QStringLiteral("client_credentials"));
    const int prodTokens = m_prod->entra()->tokenRequestCount(QStringLiteral("client_credentials"));
    const int devApi = apiRequestsWithToken(*m_dev);
    const int prodApi = apiRequestsWithToken(*m_prod);

    ProfileSessions sessions(&store);
    QSignalSpy changed(&sessions, &ProfileSessions::changed);
    ProfileSession *devSession = sessions.open(dev);
    ProfileSession *prodSession = sessions.open(prod);
    QCOMPARE(sessions.open(dev), devSession); // one session per profile
    QVERIFY(sessions.signedIn().isEmpty());
    devSession->signInSilently();
    prodSession->signInSilently();
    QTRY_VERIFY_WITH_TIMEOUT(devSession->isSignedIn() && prodSession->isSignedIn(), 10000);
    QVERIFY(changed.count() >= 4); // two opened, two signed in

    // Each signed in at its own tenant's Entra, once.
    QCOMPARE(m_dev->entra()->tokenRequestCount(QStringLiteral("client_credentials")), devTokens + 1);
    QCOMPARE(m_prod->entra()->tokenRequestCount(QStringLiteral("client_credentials")), prodTokens + 1);
    QCOMPARE(devSession->tokenSession()->identity().tenantId, kDevTenant);
    QCOMPARE(prodSession->tokenSession()->identity().tenantId, kProdTenant);

    // What compare and promote see: both, with label, colour, production flag and client.
    const QList<ProfileSessions::Target> targets = sessions.signedIn();
    QCOMPARE(targets.size(), 2);
    QCOMPARE(targets[0].label, QStringLiteral("DEV"));
    QCOMPARE(targets[0].production, false);
    QCOMPARE(targets[0].client, devSession->client());
    QCOMPARE(targets[1].label, QStringLiteral("PROD"));
    QCOMPARE(targets[1].colour, Profile::productionColour());
    QCOMPARE(targets[1].production, true);
    QCOMPARE(targets[1].client, prodSession->client());

    // Each client lists its own tenant's workspaces, and only its own sandbox hears from it.
    QString error;
    QCOMPARE(listWorkspaceIds(devSession->client(), &error), sandboxWorkspaceIds(*m_dev));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(listWorkspaceIds(prodSession->client(), &error), sandboxWorkspaceIds(*m_prod));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(sandboxWorkspaceIds(*m_dev) != sandboxWorkspaceIds(*m_prod));
    QCOMPARE(apiRequestsWithToken(*m_dev), devApi + 1);
    QCOMPARE(apiRequestsWithToken(*m_prod), prodApi + 1);

    // Signing dev out leaves prod signed in and working; dev's keychain entry goes, prod's stays.
    changed.clear();
    devSession->signOut();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(sessions.signedIn().size(), 1);
    QCOMPARE(sessions.signedIn().constFirst().profileId, prod.id);
    QVERIFY(prodSession->isSignedIn());
    QCOMPARE(listWorkspaceIds(prodSession->client(), &error), sandboxWorkspaceIds(*m_prod));
    QString devSecret = QStringLiteral("unread"), prodSecret;
    AuthConfig principal = dev.authConfig();
    principal.tenant = dev.servicePrincipalTenant;
    principal.clientId = dev.servicePrincipalId;
    store.read(dev.keyPrefix() + TokenSession::clientSecretKey(principal), this, [&](const QString &s) { devSecret = s; });
    principal.authority = prod.authority;
    principal.tenant = prod.servicePrincipalTenant;
    store.read(prod.keyPrefix() + TokenSession::clientSecretKey(principal), this, [&](const QString &s) { prodSecret = s; });
    QTRY_VERIFY(devSecret.isEmpty() && !prodSecret.isEmpty());

    // A deleted profile: its session goes, and with it the entry in the list.
    sessions.forget(prod);
    QTRY_VERIFY(sessions.sessions().size() == 1);
    QVERIFY(sessions.signedIn().isEmpty());
}

void TestProfilesSandbox::silentSignIn_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<bool>("secretKept");
    QTest::addColumn<bool>("signsIn"); // else interactionNeeded or signInFailed(no_saved_session)

    QTest::addRow("service principal, secret kept") << QStringLiteral("client-secret") << true << true;
    QTest::addRow("service principal, no secret") << QStringLiteral("client-secret") << false << false;
    QTest::addRow("never signed in") << QString() << false << false;
    QTest::addRow("pasted token") << QStringLiteral("token") << false << false;
    QTest::addRow("device code, no refresh token") << QStringLiteral("device-code") << false << false;
}

void TestProfilesSandbox::silentSignIn()
{
    QFETCH(QString, method);
    QFETCH(bool, secretKept);
    QFETCH(bool, signsIn);
    SecretStore store;
    store.setKeychainEnabled(false);
    Profile p = profileFor(*m_prod, QStringLiteral("Prod"), QStringLiteral("PROD"), true);
    p.signInMethod = method;
    p.clientId = EntraEmulator::defaultPublicClientId();
    if (secretKept)
        storeSecret(store, p);
    ProfileSessions sessions(&store);
    ProfileSession *session = sessions.open(p);
    QSignalSpy interaction(session, &ProfileSession::interactionNeeded);
    QSignalSpy failed(session->tokenSession(), &TokenSession::signInFailed);
    session->signInSilently();
    if (signsIn) {
        QTRY_VERIFY_WITH_TIMEOUT(session->isSignedIn(), 10000);
        QCOMPARE(interaction.count(), 0);
        return;
    }
    QTRY_VERIFY_WITH_TIMEOUT(interaction.count() + failed.count() == 1, 5000);
    if (failed.count())
        QCOMPARE(failed.constFirst().constFirst().toString(), QStringLiteral("no_saved_session"));
    QVERIFY(!session->isSignedIn());
    QVERIFY(sessions.signedIn().isEmpty());
}

void TestProfilesSandbox::migratedSecretsSignTheFirstProfileIn()
{
    // Today's console kept the service principal's secret under today's key (no prefix); after
    // the upgrade the first profile signs in silently with it.
    SecretStore store;
    store.setKeychainEnabled(false);
    const Profile first = profileFor(*m_dev, QStringLiteral("Default"), QString(), false);
    AuthConfig principal = first.authConfig();
    principal.tenant = first.servicePrincipalTenant;
    principal.clientId = first.servicePrincipalId;
    store.write(TokenSession::clientSecretKey(principal), EntraEmulator::defaultClientSecret());

    ProfileSessions sessions(&store);
    ProfileSession *before = sessions.open(first);
    QSignalSpy interaction(before, &ProfileSession::interactionNeeded);
    before->signInSilently(); // not migrated yet: the prefixed key is empty
    QTRY_COMPARE(interaction.count(), 1);

    int copied = -1;
    ProfileSecretMigration::run(&store, first, this, [&](int n) { copied = n; });
    QTRY_COMPARE(copied, 1);
    before->signInSilently();
    QTRY_VERIFY_WITH_TIMEOUT(before->isSignedIn(), 10000);
    QCOMPARE(interaction.count(), 1);
}

QTEST_GUILESS_MAIN(TestProfilesSandbox)
#include "tst_profiles_sandbox.moc"
