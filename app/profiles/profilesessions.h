#pragma once

#include "app/api/fabricclient.h"
#include "app/profiles/profile.h"

#include <QColor>
#include <QList>
#include <QObject>
#include <QPointer>

namespace fmc {

class ProfileSession;
class SecretStore;

//! \brief Every profile that has a session in this console, signed in or not, one each.
//!
//! For features that act across profiles (compare, promote): signedIn() lists the profiles
//! that can be called now, each with its label, colour, production flag and FabricClient;
//! changed() fires when a profile signs in or out, opens, closes or is edited.
//!
//! \code
//!   for (const ProfileSessions::Target &t : sessions->signedIn())
//!       combo->addItem(t.label, t.profileId);   // t.client talks to that profile's tenant
//!   connect(sessions, &ProfileSessions::changed, this, &Picker::reload);
//! \endcode
class ProfileSessions : public QObject
{
    Q_OBJECT
public:
    //! What a cross-profile feature needs of one signed-in profile.
    struct Target {
        QString profileId;
        QString name;
        QString label;       //!< Profile::displayLabel(), e.g. "PROD"
        QColor colour;
        bool production = false;
        FabricClient *client = nullptr; //!< owned by the session; valid until changed()
    };

    //! New sessions keep their secrets in \a secrets and copy \a clientConfig (but the URL).
    explicit ProfileSessions(SecretStore *secrets, const FabricClient::Config &clientConfig = {},
                             QObject *parent = nullptr);
    ~ProfileSessions() override;

    //! The session of \a profileId, or null.
    ProfileSession *session(const QString &profileId) const;
    //! The session of \a profile, created (signed out) when there is none yet.
    ProfileSession *open(const Profile &profile);
    //! Takes \a session (e.g. the console's first, which wraps its own TokenSession) in.
    void adopt(ProfileSession *session);
    //! Signs \a profileId out and forgets its session (e.g. the profile was deleted).
    void close(const QString &profileId);
    //! \brief \a profile was deleted: close() it and remove its keychain entries, signed in or not.
    void forget(const Profile &profile);
    //! A profile was edited: its session (if any) shows the new label, colour and flag.
    void updateProfile(const Profile &profile);

    QList<ProfileSession *> sessions() const;
    //! The signed-in profiles, in the order they were opened.
    QList<Target> signedIn() const;

Q_SIGNALS:
    void changed();
    //! close() is about to sign \a profileId out and delete its session: drop its client now.
    void aboutToClose(const QString &profileId);

private:
    void watch(ProfileSession *session);

    SecretStore *m_secrets;
    FabricClient::Config m_clientConfig;
    QList<QPointer<ProfileSession>> m_sessions;
};

} // namespace fmc
