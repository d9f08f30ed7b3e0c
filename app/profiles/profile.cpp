#include "app/profiles/profile.h"

#include "app/auth/credentialfactory.h"
#include "app/settings/consolesettings.h"
#include "models/textexcerpt.h"

#include <QCoreApplication>
#include <QUuid>

namespace fmc {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("fmc::Profile", text);
}

// A strip label is read at a glance next to a title: a word, not a sentence.
constexpr int kMaxLabelLength = 16;

} // namespace

QString Profile::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QColor Profile::defaultColour()
{
    return QColor(QStringLiteral("#1f6fb2"));
}

QColor Profile::productionColour()
{
    return QColor(QStringLiteral("#c62828"));
}

QString Profile::displayLabel() const
{
    return label.isEmpty() ? name : label;
}

AuthConfig Profile::authConfig() const
{
    AuthConfig config;
    config.authority = authority;
    config.tenant = tenant;
    config.clientId = clientId;
    return config;
}

QString Profile::keyPrefix() const
{
    return QStringLiteral("profile:%1/").arg(id);
}

Profile Profile::fromSettings(const ConsoleSettings &settings)
{
    Profile p;
    p.id = newId();
    p.name = tr("Default");
    p.apiBaseUrl = settings.apiBaseUrl;
    p.authority = settings.authority;
    p.tenant = settings.tenant;
    p.clientId = settings.clientId;
    p.signInMethod = settings.lastSignInMethod;
    p.account = settings.lastAccount;
    p.servicePrincipalId = settings.lastServicePrincipalId;
    p.servicePrincipalTenant = settings.lastServicePrincipalTenant;
    return p;
}

void Profile::applyTo(ConsoleSettings &settings) const
{
    settings.apiBaseUrl = apiBaseUrl;
    settings.authority = authority;
    settings.tenant = tenant;
    settings.clientId = clientId;
    settings.lastSignInMethod = signInMethod;
    settings.lastAccount = account;
    settings.lastServicePrincipalId = servicePrincipalId;
    settings.lastServicePrincipalTenant = servicePrincipalTenant;
}

QStringList Profile::problems() const
{
    QStringList result;
    if (id.isEmpty())
        result << tr("The profile has no id.");
    if (name.trimmed().isEmpty())
        result << tr("The profile needs a name.");
    if (label.size() > kMaxLabelLength)
        result << tr("The label is at most %1 characters long (it sits on a strip beside titles).").arg(kMaxLabelLength);
    if (!colour.isValid())
        result << tr("The colour is not a valid colour.");
    for (const QString &why : {ConsoleSettings::checkEndpointUrl(apiBaseUrl, tr("The API base URL")),
                               ConsoleSettings::checkEndpointUrl(authority, tr("The authority")),
                               ConsoleSettings::checkTenant(tenant), ConsoleSettings::checkClientId(clientId),
                               ConsoleSettings::checkClientId(servicePrincipalId)})
        if (!why.isEmpty())
            result << why;
    if (!signInMethod.isEmpty()) {
        bool known = false;
        for (Credential::Kind kind : CredentialFactory::kinds())
            known = known || CredentialFactory::key(kind) == signInMethod;
        if (!known)
            result << tr("\"%1\" is not a sign-in method.").arg(textExcerpt(signInMethod));
    }
    return result;
}

} // namespace fmc
