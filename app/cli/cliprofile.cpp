#include "app/cli/cliprofile.h"

#include "app/settings/consolesettings.h"

#include <QCoreApplication>
#include <QSettings>

namespace fmc::cli {

namespace {

CliProfileSource::Reader &reader()
{
    static CliProfileSource::Reader instance;
    return instance;
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
    if (!reader()) {
        if (error)
            *error = QCoreApplication::translate("fmc::cli", "No profile named '%1': this build keeps no named "
                                                             "profiles; leave out --profile to use the console's "
                                                             "settings.")
                         .arg(name);
        return std::nullopt;
    }
    return reader()(name, error);
}

CliProfile CliProfileSource::consoleSettings()
{
    // The console's organisation and application name: the same file the console writes.
    QSettings store(QStringLiteral("FabricMirroringConsole"), QStringLiteral("fabric-mirroring-console"));
    const ConsoleSettings settings = ConsoleSettings::load(store);
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

} // namespace fmc::cli
