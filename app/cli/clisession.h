#pragma once

#include "app/cli/cliglobaloptions.h"
#include "app/cli/cliprofile.h"

#include <QObject>
#include <QProcessEnvironment>

#include <functional>
#include <memory>

namespace fmc {
class Credential;
class FabricClient;
class SecretStore;
class TokenSession;
} // namespace fmc

namespace fmc::cli {

class CliOutput;

//! \brief fmc's sign-in and Fabric client: the console's TokenSession, SecretStore (keychain
//! service `fabric-mirroring-console`, so a refresh token the console stored is used here and
//! the other way round) and FabricClient, with a credential chosen from the options and the
//! environment. There is no second HTTP or sign-in code here, only the choice.
//!
//! `--sign-in auto` tries, in order: a token on stdin (`--token-stdin`) or in FABRIC_TOKEN; a
//! service principal in AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET; then the
//! console's last sign-in (its refresh token, service principal secret or Azure CLI).
class CliSession : public QObject
{
    Q_OBJECT
public:
    //! \a exitCode is ExitCode::Ok when signed in, else NotSignedIn (or Usage) with \a message.
    using Done = std::function<void(int exitCode, const QString &message)>;

    CliSession(const CliProfile &profile, const CliGlobalOptions &options, CliOutput *output,
               const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment(),
               QObject *parent = nullptr);
    ~CliSession() override;

    //! \brief Signs in without asking anything, except that `--sign-in device-code` with no
    //! saved session prints a device code when \a interactive (fmc login) or on a terminal.
    void signIn(bool interactive, Done done);
    FabricClient *client() const { return m_client.get(); }
    TokenSession *tokens() const { return m_tokens; }
    QUrl apiBaseUrl() const;
    //! The method signIn() chose (a CredentialFactory key, "token" …), for `fmc login`'s note.
    QString method() const { return m_method; }
    //! \brief After an interactive sign-in: makes the console's next start sign in the same way
    //! (CliProfileSource::rememberSignIn), when the method keeps its secret in the keychain and
    //! the account is the profile's (no --authority, --tenant or --client-id of another one).
    //! True when something was remembered.
    bool rememberForConsole();

private:
    AuthConfig authConfig() const;
    QString chooseMethod() const;
    void signInWith(const QString &method, bool interactive);
    void signInServicePrincipal(const AuthConfig &config);
    void onFailed(const QString &code, const QString &message);
    void finish(int exitCode, const QString &message);

    CliProfile m_profile;
    CliGlobalOptions m_options;
    CliOutput *m_output;
    QProcessEnvironment m_environment;
    SecretStore *m_secrets;
    TokenSession *m_tokens;
    std::unique_ptr<FabricClient> m_client;
    QString m_method;
    bool m_interactive = false;
    bool m_triedInteractive = false;
    Done m_done;
};

} // namespace fmc::cli
