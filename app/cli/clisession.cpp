#include "app/cli/clisession.h"

#include "app/api/fabricclient.h"
#include "app/auth/azureclicredential.h"
#include "app/auth/clientsecretcredential.h"
#include "app/auth/devicecodecredential.h"
#include "app/auth/credential.h"
#include "app/auth/environmentcredential.h"
#include "app/auth/secretstore.h"
#include "app/auth/statictokencredential.h"
#include "app/auth/tokensession.h"
#include "app/cli/cliexitcode.h"
#include "app/cli/clioutput.h"
#include "models/displaytext.h"

#include <QCoreApplication>
#include <QFile>

namespace fmc::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("fmc::cli", text);
}

QString readStdinToken()
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return {};
    // A token is a few KB; anything much longer is not one, and is not kept in memory.
    return QString::fromUtf8(in.read(64 * 1024)).trimmed();
}

} // namespace

CliSession::CliSession(const CliProfile &profile, const CliGlobalOptions &options, CliOutput *output,
                       const QProcessEnvironment &environment, QObject *parent)
    : QObject(parent)
    , m_profile(profile)
    , m_options(options)
    , m_output(output)
    , m_environment(environment)
    , m_secrets(new SecretStore(QStringLiteral("fabric-mirroring-console"), this))
    , m_tokens(new TokenSession(m_secrets, this))
{
    // The console's tokens for this profile: a console with profiles keeps them under a prefix.
    m_tokens->setKeyPrefix(m_profile.keyPrefix);
    FabricClient::Config config;
    config.apiBaseUrl = apiBaseUrl();
    m_client = std::make_unique<FabricClient>(config, m_tokens);
    connect(m_tokens, &TokenSession::stateChanged, this, [this](TokenSession::State state) {
        if (state == TokenSession::State::SignedIn)
            finish(Ok, {});
    });
    connect(m_tokens, &TokenSession::signInFailed, this, &CliSession::onFailed);
}

CliSession::~CliSession()
{
    m_client.reset(); // before the session it asks for tokens
}

QUrl CliSession::apiBaseUrl() const
{
    return m_options.apiUrl.isEmpty() ? m_profile.apiBaseUrl : m_options.apiUrl;
}

AuthConfig CliSession::authConfig() const
{
    AuthConfig config = m_profile.auth;
    if (!m_options.authority.isEmpty())
        config.authority = m_options.authority;
    if (!m_options.tenant.isEmpty())
        config.tenant = m_options.tenant;
    if (!m_options.clientId.isEmpty())
        config.clientId = m_options.clientId;
    return config;
}

QString CliSession::chooseMethod() const
{
    if (m_options.signIn != u"auto")
        return m_options.signIn;
    if (m_options.tokenFromStdin || !m_environment.value(QStringLiteral("FABRIC_TOKEN")).trimmed().isEmpty())
        return QStringLiteral("token");
    const bool environment = !m_environment.value(QStringLiteral("AZURE_TENANT_ID")).isEmpty()
                             && !m_environment.value(QStringLiteral("AZURE_CLIENT_ID")).isEmpty()
                             && !m_environment.value(QStringLiteral("AZURE_CLIENT_SECRET")).isEmpty();
    if (environment)
        return QStringLiteral("environment");
    // The console's last sign-in, by its settings key.
    const QString last = m_profile.lastSignInMethod;
    if (last == u"client-secret")
        return QStringLiteral("service-principal");
    if (last == u"device-code" || last == u"browser")
        return QStringLiteral("device-code");
    if (last == u"azure-cli" || last == u"environment")
        return last;
    return {};
}

void CliSession::signIn(bool interactive, Done done)
{
    m_done = std::move(done);
    m_interactive = interactive;
    m_method = chooseMethod();
    if (m_method.isEmpty() && interactive)
        m_method = QStringLiteral("device-code"); // fmc login with nothing configured
    if (m_method.isEmpty()) {
        finish(NotSignedIn, tr("Not signed in. Run 'fmc login', or set FABRIC_TOKEN, or AZURE_TENANT_ID, "
                               "AZURE_CLIENT_ID and AZURE_CLIENT_SECRET."));
        return;
    }
    signInWith(m_method, interactive);
}

void CliSession::signInWith(const QString &method, bool interactive)
{
    // Only the methods that keep something (a refresh token, a client secret) use the keychain:
    // a token or a service principal from the environment stays in this process.
    const bool keychain = method == u"device-code" || method == u"service-principal";
    m_secrets->setKeychainEnabled(keychain);
    const AuthConfig config = authConfig();
    if (method == u"token") {
        const QString token = m_options.tokenFromStdin ? readStdinToken() : QString();
        m_tokens->setCredential(new StaticTokenCredential(config, token, m_environment));
        m_tokens->signIn();
    } else if (method == u"environment") {
        m_tokens->setCredential(new EnvironmentCredential(config, m_environment));
        m_tokens->signIn();
    } else if (method == u"azure-cli") {
        m_tokens->setCredential(new AzureCliCredential(config));
        m_tokens->signIn();
    } else if (method == u"service-principal") {
        AuthConfig sp = config;
        if (m_options.tenant.isEmpty() && !m_profile.servicePrincipalTenant.isEmpty())
            sp.tenant = m_profile.servicePrincipalTenant;
        if (m_options.clientId.isEmpty() && !m_profile.servicePrincipalId.isEmpty())
            sp.clientId = m_profile.servicePrincipalId;
        signInServicePrincipal(sp);
    } else {
        auto *credential = new DeviceCodeCredential(config);
        connect(credential, &DeviceCodeCredential::deviceCodeReady, this,
                [this](const QString &code, const QUrl &uri, const QString &message) {
                    // Printed whatever stderr is: the person has to read it to sign in.
                    Q_UNUSED(message)
                    m_output->error(tr("To sign in, open %1 and enter the code %2")
                                        .arg(displayText(uri.toDisplayString()), displayText(code)));
                });
        m_tokens->setCredential(credential);
        if (interactive) {
            m_triedInteractive = true;
            m_tokens->signIn();
        } else {
            m_tokens->restore();
        }
    }
}

bool CliSession::rememberForConsole()
{
    if (m_tokens->state() != TokenSession::State::SignedIn || !m_tokens->credential())
        return false;
    const AuthConfig used = m_tokens->credential()->config();
    const QString account = m_tokens->identity().label();
    if (m_method == u"device-code") {
        // The console looks for the refresh token under its profile's authority, tenant and
        // client; one fmc kept under other values would not be found, so nothing is claimed.
        const AuthConfig &profile = m_profile.auth;
        if (used.authority != profile.authority || used.tenant != profile.tenant || used.clientId != profile.clientId)
            return false;
        CliProfileSource::rememberSignIn(m_profile, QStringLiteral("device-code"), account);
        return true;
    }
    if (m_method == u"service-principal") {
        if (used.authority != m_profile.auth.authority)
            return false;
        CliProfileSource::rememberSignIn(m_profile, QStringLiteral("client-secret"), account, used.clientId, used.tenant);
        return true;
    }
    return false; // tokens, the environment and the Azure CLI keep nothing of fmc's
}

void CliSession::signInServicePrincipal(const AuthConfig &config)
{
    if (config.clientId.isEmpty() || config.tenant.isEmpty()) {
        finish(Usage, tr("--sign-in service-principal needs --tenant and --client-id (or a service principal "
                         "the console signed in with)."));
        return;
    }
    const auto withSecret = [this, config](const QString &secret) {
        if (secret.isEmpty()) {
            finish(NotSignedIn, tr("No secret for service principal %1: set AZURE_CLIENT_SECRET, or sign in "
                                   "with it once in the console so the keychain keeps it.")
                                    .arg(config.clientId));
            return;
        }
        m_tokens->setCredential(new ClientSecretCredential(config, secret));
        m_tokens->signIn();
    };
    const QString fromEnvironment = m_environment.value(QStringLiteral("AZURE_CLIENT_SECRET"));
    if (!fromEnvironment.isEmpty())
        withSecret(fromEnvironment);
    else
        m_secrets->read(m_tokens->storedKey(TokenSession::clientSecretKey(config)), this, withSecret);
}

void CliSession::onFailed(const QString &code, const QString &message)
{
    // A device-code method with no saved session asks on a terminal, as `fmc login` would.
    if (code == u"no_saved_session" && m_method == u"device-code" && !m_triedInteractive
        && (m_interactive || m_output->stderrIsTerminal())) {
        m_triedInteractive = true;
        m_tokens->signIn();
        return;
    }
    finish(NotSignedIn, code == u"no_saved_session"
                            ? tr("Not signed in: no saved sign-in for this account. Run 'fmc login'.")
                            : tr("Sign-in failed: %1").arg(message));
}

void CliSession::finish(int exitCode, const QString &message)
{
    if (!m_done)
        return;
    Done done = std::exchange(m_done, {});
    done(exitCode, message);
}

} // namespace fmc::cli
