#include "app/profiles/profilesession.h"

#include "app/auth/credentialfactory.h"
#include "app/auth/secretstore.h"

namespace fmc {

ProfileSession::ProfileSession(const Profile &profile, SecretStore *secrets, const FabricClient::Config &clientConfig,
                               QObject *parent)
    : QObject(parent)
    , m_profile(profile)
    , m_session(new TokenSession(secrets, this))
    , m_owns(true)
{
    m_session->setKeyPrefix(profile.keyPrefix());
    FabricClient::Config config = clientConfig;
    config.apiBaseUrl = profile.apiBaseUrl;
    m_client = new FabricClient(config, m_session, this);
    watchSession();
}

ProfileSession::ProfileSession(const Profile &profile, TokenSession *session, FabricClient *client, QObject *parent)
    : QObject(parent)
    , m_profile(profile)
    , m_session(session)
    , m_client(client)
{
    watchSession();
}

ProfileSession::~ProfileSession()
{
    // The client goes before the session it asks for tokens.
    if (m_owns)
        delete m_client;
}

void ProfileSession::watchSession()
{
    connect(m_session, &TokenSession::stateChanged, this, &ProfileSession::stateChanged);
}

void ProfileSession::setProfile(const Profile &profile)
{
    if (profile == m_profile)
        return;
    m_profile = profile;
    Q_EMIT profileChanged(m_profile);
}

bool ProfileSession::isSignedIn() const
{
    return m_session && m_session->state() == TokenSession::State::SignedIn;
}

void ProfileSession::signInSilently()
{
    if (m_profile.signInMethod.isEmpty()) {
        Q_EMIT interactionNeeded();
        return;
    }
    CredentialChoice choice;
    choice.kind = CredentialFactory::kindFromKey(m_profile.signInMethod);
    choice.config = m_profile.authConfig();
    switch (choice.kind) {
    case Credential::Kind::StaticToken:
        Q_EMIT interactionNeeded(); // a pasted token is never kept
        return;
    case Credential::Kind::ClientSecret: {
        // The secret is in the keychain (if it could be kept); the ids in the profile.
        choice.config.tenant = m_profile.servicePrincipalTenant;
        choice.config.clientId = m_profile.servicePrincipalId;
        if (choice.config.clientId.isEmpty() || choice.config.tenant.isEmpty()) {
            Q_EMIT interactionNeeded();
            return;
        }
        m_session->secretStore()->read(
            m_session->storedKey(TokenSession::clientSecretKey(choice.config)), this, [this, choice](const QString &secret) {
                if (m_session->state() != TokenSession::State::SignedOut)
                    return; // signed in some other way meanwhile
                if (secret.isEmpty()) {
                    Q_EMIT interactionNeeded();
                    return;
                }
                CredentialChoice withSecret = choice;
                withSecret.clientSecret = secret;
                m_session->setCredential(CredentialFactory::create(withSecret));
                m_session->signIn();
            });
        return;
    }
    case Credential::Kind::DeviceCode:
    case Credential::Kind::Browser:
    case Credential::Kind::Environment:
    case Credential::Kind::AzureCli:
        // Refresh token from the keychain (public clients), or a silent sign-in (env, az);
        // the session's signInFailed says when there is nothing to restore.
        m_session->setCredential(CredentialFactory::create(choice));
        m_session->restore();
        return;
    }
}

void ProfileSession::signOut()
{
    if (m_session)
        m_session->signOut();
}

} // namespace fmc
