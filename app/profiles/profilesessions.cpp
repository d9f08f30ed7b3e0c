#include "app/profiles/profilesessions.h"

#include "app/auth/secretstore.h"
#include "app/profiles/profilesecretmigration.h"
#include "app/profiles/profilesession.h"

namespace fmc {

ProfileSessions::ProfileSessions(SecretStore *secrets, const FabricClient::Config &clientConfig, QObject *parent)
    : QObject(parent)
    , m_secrets(secrets)
    , m_clientConfig(clientConfig)
{
}

ProfileSessions::~ProfileSessions() = default;

ProfileSession *ProfileSessions::session(const QString &profileId) const
{
    for (const QPointer<ProfileSession> &s : m_sessions)
        if (s && s->profile().id == profileId)
            return s;
    return nullptr;
}

ProfileSession *ProfileSessions::open(const Profile &profile)
{
    if (ProfileSession *existing = session(profile.id))
        return existing;
    auto *created = new ProfileSession(profile, m_secrets, m_clientConfig, this);
    watch(created);
    return created;
}

void ProfileSessions::adopt(ProfileSession *session)
{
    if (!session || m_sessions.contains(session))
        return;
    watch(session);
}

void ProfileSessions::watch(ProfileSession *session)
{
    m_sessions << session;
    connect(session, &ProfileSession::stateChanged, this, &ProfileSessions::changed);
    connect(session, &ProfileSession::profileChanged, this, &ProfileSessions::changed);
    connect(session, &QObject::destroyed, this, [this] {
        m_sessions.removeAll(nullptr);
        Q_EMIT changed();
    });
    Q_EMIT changed();
}

void ProfileSessions::close(const QString &profileId)
{
    ProfileSession *s = session(profileId);
    if (!s)
        return;
    Q_EMIT aboutToClose(profileId);
    s->signOut();
    m_sessions.removeAll(s);
    if (s->parent() == this)
        s->deleteLater();
    Q_EMIT changed();
}

void ProfileSessions::forget(const Profile &profile)
{
    close(profile.id);
    const QStringList keys = ProfileSecretMigration::accountKeys(profile);
    for (const QString &key : keys)
        m_secrets->remove(profile.keyPrefix() + key);
}

void ProfileSessions::updateProfile(const Profile &profile)
{
    if (ProfileSession *s = session(profile.id))
        s->setProfile(profile);
}

QList<ProfileSession *> ProfileSessions::sessions() const
{
    QList<ProfileSession *> result;
    for (const QPointer<ProfileSession> &s : m_sessions)
        if (s)
            result << s.data();
    return result;
}

QList<ProfileSessions::Target> ProfileSessions::signedIn() const
{
    QList<Target> result;
    for (ProfileSession *s : sessions()) {
        if (!s->isSignedIn())
            continue;
        const Profile &p = s->profile();
        result << Target{p.id, p.name, p.displayLabel(), p.colour, p.production, s->client()};
    }
    return result;
}

} // namespace fmc
