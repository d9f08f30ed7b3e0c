#include "app/profiles/profilestore.h"

#include "app/settings/consolesettings.h"

#include <QSettings>

namespace fmc {
namespace {

const QString kFormat = QStringLiteral("profiles/formatVersion");
const QString kOrder = QStringLiteral("profiles/order");
const QString kLastUsed = QStringLiteral("profiles/lastUsed");

// Per-profile keys, below profiles/<id>/; named like today's top-level ones where they match.
const QString kName = QStringLiteral("name");
const QString kLabel = QStringLiteral("label");
const QString kColour = QStringLiteral("colour");
const QString kProduction = QStringLiteral("production");
const QString kApiBaseUrl = QStringLiteral("api/baseUrl");
const QString kAuthority = QStringLiteral("auth/authority");
const QString kTenant = QStringLiteral("auth/tenant");
const QString kClientId = QStringLiteral("auth/clientId");
const QString kMethod = QStringLiteral("signIn/method");
const QString kAccount = QStringLiteral("signIn/account");
const QString kSpId = QStringLiteral("signIn/servicePrincipalId");
const QString kSpTenant = QStringLiteral("signIn/servicePrincipalTenant");

QString group(const QString &id)
{
    return QStringLiteral("profiles/") + id;
}

} // namespace

ProfileStore::ProfileStore(QSettings *settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
{
}

QStringList ProfileStore::order() const
{
    QStringList ids = m_settings->value(kOrder).toStringList();
    ids.removeAll(QString());
    ids.removeDuplicates();
    return ids;
}

Profile ProfileStore::read(const QString &id) const
{
    Profile p;
    m_settings->beginGroup(group(id));
    p.id = id;
    p.name = m_settings->value(kName).toString();
    p.label = m_settings->value(kLabel).toString();
    p.colour = QColor(m_settings->value(kColour, p.colour.name()).toString());
    p.production = m_settings->value(kProduction, false).toBool();
    p.apiBaseUrl = QUrl(m_settings->value(kApiBaseUrl, p.apiBaseUrl.toString()).toString(), QUrl::StrictMode);
    p.authority = QUrl(m_settings->value(kAuthority, p.authority.toString()).toString(), QUrl::StrictMode);
    p.tenant = m_settings->value(kTenant, p.tenant).toString().trimmed();
    p.clientId = m_settings->value(kClientId).toString().trimmed();
    p.signInMethod = m_settings->value(kMethod).toString();
    p.account = m_settings->value(kAccount).toString();
    p.servicePrincipalId = m_settings->value(kSpId).toString().trimmed();
    p.servicePrincipalTenant = m_settings->value(kSpTenant).toString().trimmed();
    m_settings->endGroup();
    return p;
}

void ProfileStore::write(const Profile &p)
{
    m_settings->beginGroup(group(p.id));
    m_settings->setValue(kName, p.name);
    m_settings->setValue(kLabel, p.label);
    m_settings->setValue(kColour, p.colour.name());
    m_settings->setValue(kProduction, p.production);
    m_settings->setValue(kApiBaseUrl, p.apiBaseUrl.toString());
    m_settings->setValue(kAuthority, p.authority.toString());
    m_settings->setValue(kTenant, p.tenant);
    m_settings->setValue(kClientId, p.clientId);
    m_settings->setValue(kMethod, p.signInMethod);
    m_settings->setValue(kAccount, p.account);
    m_settings->setValue(kSpId, p.servicePrincipalId);
    m_settings->setValue(kSpTenant, p.servicePrincipalTenant);
    m_settings->endGroup();
}

QList<Profile> ProfileStore::profiles(QStringList *problems) const
{
    QList<Profile> result;
    const QStringList ids = order();
    for (const QString &id : ids) {
        const Profile p = read(id);
        if (problems) {
            // A hand-edited profile still loads, so that the manager can show and fix it.
            const QStringList why = p.problems();
            for (const QString &sentence : why)
                problems->append(tr("Profile %1: %2").arg(p.name.isEmpty() ? id : p.name, sentence));
        }
        result << p;
    }
    return result;
}

std::optional<Profile> ProfileStore::find(const QString &key) const
{
    const QList<Profile> all = profiles();
    for (const Profile &p : all)
        if (p.id == key)
            return p;
    for (const Profile &p : all)
        if (p.name.compare(key, Qt::CaseInsensitive) == 0 || (!p.label.isEmpty() && p.label.compare(key, Qt::CaseInsensitive) == 0))
            return p;
    return std::nullopt;
}

void ProfileStore::save(const Profile &profile)
{
    QStringList ids = order();
    if (!ids.contains(profile.id))
        ids << profile.id;
    write(profile);
    m_settings->setValue(kOrder, ids);
    m_settings->setValue(kFormat, kFormatVersion);
    m_settings->sync();
    Q_EMIT changed();
}

void ProfileStore::remove(const QString &id)
{
    QStringList ids = order();
    ids.removeAll(id);
    m_settings->remove(group(id));
    m_settings->setValue(kOrder, ids);
    if (lastUsedId() == id)
        m_settings->remove(kLastUsed);
    m_settings->sync();
    Q_EMIT changed();
}

QString ProfileStore::lastUsedId() const
{
    return m_settings->value(kLastUsed).toString();
}

void ProfileStore::setLastUsedId(const QString &id)
{
    // Every start calls this: the file is written only when the choice changes, and then by
    // QSettings itself at the next pass of the event loop, so that a start does not wait for a
    // synced write before its window (#19). A crash before that only forgets the choice.
    if (m_settings->value(kLastUsed).toString() == id)
        return;
    m_settings->setValue(kLastUsed, id);
}

bool ProfileStore::needsMigration() const
{
    return !m_settings->contains(kFormat);
}

Profile ProfileStore::migrateLegacySettings()
{
    // ConsoleSettings::load is today's reader: what today's console would use, we keep.
    const Profile p = Profile::fromSettings(ConsoleSettings::load(*m_settings));
    save(p);
    setLastUsedId(p.id);
    return p;
}

} // namespace fmc
