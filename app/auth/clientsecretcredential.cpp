#include "app/auth/clientsecretcredential.h"

#include "app/auth/tokenendpoint.h"

#include <QTimer>

namespace fmc {

ClientSecretCredential::ClientSecretCredential(const AuthConfig &config, const QString &clientSecret, QObject *parent)
    : Credential(config, parent)
    , m_secret(clientSecret)
{
}

void ClientSecretCredential::startAcquire()
{
    if (config().clientId.isEmpty() || m_secret.isEmpty()) {
        QTimer::singleShot(0, this, [this] {
            finish(TokenGrant::failure(QStringLiteral("no_credentials"),
                                       tr("A service principal needs a tenant, a client id and a client secret.")));
        });
        return;
    }
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("client_credentials"));
    form.addQueryItem(QStringLiteral("client_id"), config().clientId);
    form.addQueryItem(QStringLiteral("client_secret"), m_secret);
    form.addQueryItem(QStringLiteral("scope"), config().scope);
    endpoint()->post(endpoint()->tokenUrl(), form, [this](const TokenEndpointReply &reply) {
        finish(grantFrom(reply));
    });
}

} // namespace fmc
