#include "app/auth/credentialfactory.h"

#include "app/auth/azureclicredential.h"
#include "app/auth/browsercredential.h"
#include "app/auth/clientsecretcredential.h"
#include "app/auth/devicecodecredential.h"
#include "app/auth/environmentcredential.h"
#include "app/auth/statictokencredential.h"

#include <QCoreApplication>

namespace fmc {
namespace {

struct KindInfo {
    Credential::Kind kind;
    const char *key;
    const char *name;
};

// One table: the dialog's order, the settings key and the label cannot drift apart.
constexpr KindInfo kKinds[] = {
    {Credential::Kind::DeviceCode, "device-code", QT_TRANSLATE_NOOP("fmc::CredentialFactory", "Device code")},
    {Credential::Kind::Browser, "browser", QT_TRANSLATE_NOOP("fmc::CredentialFactory", "Browser")},
    {Credential::Kind::ClientSecret, "client-secret", QT_TRANSLATE_NOOP("fmc::CredentialFactory", "Service principal (client secret)")},
    {Credential::Kind::Environment, "environment", QT_TRANSLATE_NOOP("fmc::CredentialFactory", "Environment (AZURE_CLIENT_ID, ...)")},
    {Credential::Kind::AzureCli, "azure-cli", QT_TRANSLATE_NOOP("fmc::CredentialFactory", "Azure CLI")},
    {Credential::Kind::StaticToken, "token", QT_TRANSLATE_NOOP("fmc::CredentialFactory", "Access token")},
};

const KindInfo &infoFor(Credential::Kind kind)
{
    for (const KindInfo &info : kKinds)
        if (info.kind == kind)
            return info;
    return kKinds[0];
}

} // namespace

QList<Credential::Kind> CredentialFactory::kinds()
{
    QList<Credential::Kind> result;
    for (const KindInfo &info : kKinds)
        result << info.kind;
    return result;
}

QString CredentialFactory::displayName(Credential::Kind kind)
{
    return QCoreApplication::translate("fmc::CredentialFactory", infoFor(kind).name);
}

QString CredentialFactory::key(Credential::Kind kind)
{
    return QString::fromLatin1(infoFor(kind).key);
}

Credential::Kind CredentialFactory::kindFromKey(const QString &key, Credential::Kind fallback)
{
    for (const KindInfo &info : kKinds)
        if (key == QLatin1String(info.key))
            return info.kind;
    return fallback;
}

Credential *CredentialFactory::create(const CredentialChoice &choice, const QProcessEnvironment &environment,
                                      QObject *parent)
{
    switch (choice.kind) {
    case Credential::Kind::DeviceCode:
        return new DeviceCodeCredential(choice.config, parent);
    case Credential::Kind::Browser:
        return new BrowserCredential(choice.config, parent);
    case Credential::Kind::ClientSecret:
        return new ClientSecretCredential(choice.config, choice.clientSecret, parent);
    case Credential::Kind::Environment:
        return new EnvironmentCredential(choice.config, environment, parent);
    case Credential::Kind::AzureCli:
        return new AzureCliCredential(choice.config, parent);
    case Credential::Kind::StaticToken:
        return new StaticTokenCredential(choice.config, choice.token, environment, parent);
    }
    return nullptr;
}

} // namespace fmc
