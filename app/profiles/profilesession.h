#pragma once

#include "app/api/fabricclient.h"
#include "app/auth/tokensession.h"
#include "app/profiles/profile.h"

#include <QObject>
#include <QPointer>

namespace fmc {

class SecretStore;

//! \brief One profile's connection: its own TokenSession (keychain keys under the profile's
//! prefix) and its own FabricClient (the profile's API base URL), so that several profiles,
//! even in different tenants or clouds, are signed in at once without sharing a token.
class ProfileSession : public QObject
{
    Q_OBJECT
public:
    //! \brief A session of its own: a TokenSession over \a secrets and a FabricClient built from
    //! \a clientConfig with the profile's API base URL.
    ProfileSession(const Profile &profile, SecretStore *secrets, const FabricClient::Config &clientConfig,
                   QObject *parent = nullptr);
    //! Wraps a session and client someone else owns (the console's first window).
    ProfileSession(const Profile &profile, TokenSession *session, FabricClient *client, QObject *parent = nullptr);
    ~ProfileSession() override;

    const Profile &profile() const { return m_profile; }
    //! New label, colour, production flag or name (endpoints apply at the next sign-in).
    void setProfile(const Profile &profile);
    TokenSession *tokenSession() const { return m_session; }
    FabricClient *client() const { return m_client; }
    bool isSignedIn() const;

    //! \brief Signs in without asking: with the profile's remembered method and what the
    //! keychain keeps for it. interactionNeeded() when that cannot work (nothing remembered, a
    //! pasted token, no saved secret); the session then stays signed out.
    void signInSilently();
    //! Forgets this profile's tokens in memory and its keychain entries.
    void signOut();

Q_SIGNALS:
    void profileChanged(const fmc::Profile &profile);
    //! The TokenSession's state changed (signed in, out, ...).
    void stateChanged();
    //! A silent sign-in is not possible: the user has to choose how to sign in.
    void interactionNeeded();

private:
    void watchSession();

    Profile m_profile;
    QPointer<TokenSession> m_session;
    QPointer<FabricClient> m_client;
    bool m_owns = false;
};

} // namespace fmc
