#pragma once

#include "app/auth/authconfig.h"

#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

namespace fmc::cli {

//! \brief Where and as whom fmc works: the API, the sign-in endpoints and the console's last
//! sign-in choice, so a terminal on the same machine reuses the console's session.
struct CliProfile {
    QString id;                    //!< the console's profile id; empty: its settings from before profiles
    QString name;                  //!< empty: the console's own settings
    QUrl apiBaseUrl;
    AuthConfig auth;
    QString lastSignInMethod;      //!< CredentialFactory::key() of the console's last sign-in
    QString servicePrincipalId;    //!< the last service principal's client id (never its secret)
    QString servicePrincipalTenant;
    QString keyPrefix;             //!< the profile's keychain prefix (Profile::keyPrefix()); empty before profiles
};

//! \brief The seam between `--profile NAME` and wherever named profiles are kept: the console's
//! ProfileStore (app/profiles/) unless a test points setReader() elsewhere.
class CliProfileSource
{
public:
    using Reader = std::function<std::optional<CliProfile>(const QString &name, QString *error)>;

    //! Reads named profiles through \a reader from now on (an empty function: none).
    static void setReader(Reader reader);
    //! \brief The profile \a name: the console's settings when \a name is empty, else the
    //! reader's answer; nullopt and a sentence in \a error when there is no such profile.
    static std::optional<CliProfile> load(const QString &name, QString *error);
    //! \brief The console's settings (QSettings of fabric-mirroring-console) as a profile: the
    //! profile it used last once it has profiles, else today's single set of settings.
    static CliProfile consoleSettings();
    //! \brief Writes \a method (a CredentialFactory key) and \a account as \a profile's last
    //! sign-in where the console reads it at start (the profile, or the settings from before
    //! profiles), so that the console signs in silently with what fmc left in the keychain.
    static void rememberSignIn(const CliProfile &profile, const QString &method, const QString &account,
                               const QString &servicePrincipalId = {}, const QString &servicePrincipalTenant = {});
};

} // namespace fmc::cli
