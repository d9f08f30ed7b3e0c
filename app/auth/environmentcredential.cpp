#include "app/auth/environmentcredential.h"

#include "app/auth/clientsecretcredential.h"

#include <QTimer>

namespace fmc {
namespace {

const QStringList &requiredVariables()
{
    static const QStringList names{QStringLiteral("AZURE_TENANT_ID"), QStringLiteral("AZURE_CLIENT_ID"),
                                   QStringLiteral("AZURE_CLIENT_SECRET")};
    return names;
}

} // namespace

EnvironmentCredential::EnvironmentCredential(const AuthConfig &config, const QProcessEnvironment &environment,
                                             QObject *parent)
    : Credential(config, parent)
    , m_environment(environment)
{
}

QStringList EnvironmentCredential::missingVariables() const
{
    QStringList missing;
    for (const QString &name : requiredVariables())
        if (m_environment.value(name).isEmpty())
            missing << name;
    return missing;
}

void EnvironmentCredential::startAcquire()
{
    const QStringList missing = missingVariables();
    if (!missing.isEmpty()) {
        QTimer::singleShot(0, this, [this, missing] {
            finish(TokenGrant::failure(QStringLiteral("no_credentials"),
                                       tr("The environment does not name a service principal: %1 not set.")
                                           .arg(missing.join(QStringLiteral(", ")))));
        });
        return;
    }
    AuthConfig inner = config();
    inner.tenant = m_environment.value(QStringLiteral("AZURE_TENANT_ID"));
    inner.clientId = m_environment.value(QStringLiteral("AZURE_CLIENT_ID"));
    const QString authorityHost = m_environment.value(QStringLiteral("AZURE_AUTHORITY_HOST"));
    if (!authorityHost.isEmpty())
        inner.authority = QUrl(authorityHost.contains(QLatin1String("://")) ? authorityHost
                                                                            : QStringLiteral("https://") + authorityHost);
    if (m_inner)
        m_inner->deleteLater(); // may be emitting finished() right now
    m_inner = new ClientSecretCredential(inner, m_environment.value(QStringLiteral("AZURE_CLIENT_SECRET")), this);
    connect(m_inner, &Credential::finished, this, &EnvironmentCredential::finish);
    m_inner->acquire();
}

void EnvironmentCredential::abortOperation()
{
    if (m_inner)
        m_inner->cancel();
}

} // namespace fmc
