#include "app/cli/cliprofile.h"

#include "app/profiles/profilestore.h"
#include "app/settings/consolesettings.h"

#include <QCoreApplication>
#include <QSettings>

#include <memory>

namespace fmc::cli {

namespace {

CliProfileSource::Reader &reader()
{
    static CliProfileSource::Reader instance;
    return instance;
}

// The console's organisation and application name: the same file the console writes.
QSettings *openConsoleSettings()
{
    return new QSettings(QStringLiteral("FabricMirroringConsole"), QStringLiteral("fabric-mirroring-console"));
}

CliProfile fromProfile(const Profile &p)
{
    CliProfile profile;
    profile.id = p.id;
    profile.name = p.name;
    profile.apiBaseUrl = p.apiBaseUrl;
    profile.auth = p.authConfig();
    profile.lastSignInMethod = p.signInMethod;
    profile.servicePrincipalId = p.servicePrincipalId;
    profile.servicePrincipalTenant = p.servicePrincipalTenant;
    profile.keyPrefix = p.keyPrefix();
    return profile;
}

} // namespace

void CliProfileSource::setReader(Reader r)
{
    reader() = std::move(r);
}

std::optional<CliProfile> CliProfileSource::load(const QString &name, QString *error)
{
    if (name.isEmpty())
        return consoleSettings();
    if (reader())
        return reader()(name, error);
    const std::unique_ptr<QSettings> store(openConsoleSettings());
    const ProfileStore profiles(store.get());
    if (const std::optional<Profile> found = profiles.find(name))
        return fromProfile(*found);
    if (error) {
        QStringList names;
        for (const Profile &p : profiles.profiles())
            names << p.name;
        *error = names.isEmpty()
                     ? QCoreApplication::translate("fmc::cli", "No profile named '%1': the console has no profiles yet; "
                                                               "leave out --profile to use its settings.")
                           .arg(name)
                     : QCoreApplication::translate("fmc::cli", "No profile named '%1'. Profiles: %2.")
                           .arg(name, names.join(QStringLiteral(", ")));
    }
    return std::nullopt;
}

CliProfile CliProfileSource::consoleSettings()
{
    const std::unique_ptr<QSettings> store(openConsoleSettings());
    // Once the console has profiles, its tokens live under the last profile's keychain prefix.
    const ProfileStore profiles(store.get());
    if (!profiles.needsMigration()) {
        if (const std::optional<Profile> last = profiles.find(profiles.lastUsedId()))
            return fromProfile(*last);
    }
    const ConsoleSettings settings = ConsoleSettings::load(*store);
    CliProfile profile;
    profile.apiBaseUrl = settings.apiBaseUrl;
    profile.auth.authority = settings.authority;
    profile.auth.tenant = settings.tenant;
    profile.auth.clientId = settings.clientId;
    profile.lastSignInMethod = settings.lastSignInMethod;
    profile.servicePrincipalId = settings.lastServicePrincipalId;
    profile.servicePrincipalTenant = settings.lastServicePrincipalTenant;
    return profile;
}

void CliProfileSource::rememberSignIn(const CliProfile &profile, const QString &method, const QString &account,
                                      const QString &servicePrincipalId, const QString &servicePrincipalTenant)
{
    const std::unique_ptr<QSettings> store(openConsoleSettings());
    ProfileStore profiles(store.get());
    if (!profile.id.isEmpty()) {
        std::optional<Profile> saved = profiles.find(profile.id);
        if (!saved)
            return; // deleted in the console meanwhile: nothing to remember it in
        saved->signInMethod = method;
        saved->account = account;
        if (!servicePrincipalId.isEmpty()) {
            saved->servicePrincipalId = servicePrincipalId;
            saved->servicePrincipalTenant = servicePrincipalTenant;
        }
        profiles.save(*saved);
    } else {
        // Before profiles: the console's upgrade makes these values, and the keychain entries
        // without a prefix, its first profile.
        ConsoleSettings settings = ConsoleSettings::load(*store);
        settings.lastSignInMethod = method;
        settings.lastAccount = account;
        if (!servicePrincipalId.isEmpty()) {
            settings.lastServicePrincipalId = servicePrincipalId;
            settings.lastServicePrincipalTenant = servicePrincipalTenant;
        }
        settings.save(*store);
    }
    store->sync();
}

} // namespace fmc::cli
