#include "app/auth/credential.h"

#include "app/auth/accesstokensource.h"
#include "app/auth/authlog.h"
#include "app/auth/tokenendpoint.h"

namespace fmc {

TokenGrant TokenGrant::failure(const QString &code, const QString &message)
{
    TokenGrant grant;
    grant.errorCode = code;
    grant.errorMessage = message;
    return grant;
}

Credential::Credential(const AuthConfig &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
{
}

Credential::~Credential() = default;

void Credential::acquire()
{
    cancel();
    m_busy = true;
    qCDebug(lcAuth) << "signing in with" << kind();
    startAcquire();
}

void Credential::refresh(const QString &refreshToken)
{
    cancel();
    m_busy = true;
    qCDebug(lcAuth) << "renewing the token of" << kind()
                   << (refreshToken.isEmpty() ? "without a refresh token" : "with a refresh token");
    startRefresh(refreshToken);
}

void Credential::cancel()
{
    if (!m_busy)
        return;
    m_busy = false;
    if (m_endpoint)
        m_endpoint->abortAll();
    abortOperation();
}

QString Credential::accountKey() const
{
    return accountKeyOf(m_config);
}

QString Credential::accountKeyOf(const AuthConfig &config)
{
    return QStringLiteral("%1/%2/%3").arg(config.authority.host(), config.tenant, config.clientId);
}

void Credential::startRefresh(const QString &refreshToken)
{
    if (refreshToken.isEmpty()) {
        if (isInteractive()) {
            finish(TokenGrant::failure(QStringLiteral("interaction_required"),
                                       tr("Your session has ended. Please sign in again.")));
            return;
        }
        startAcquire();
        return;
    }
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("refresh_token"));
    form.addQueryItem(QStringLiteral("client_id"), m_config.clientId);
    form.addQueryItem(QStringLiteral("refresh_token"), refreshToken);
    form.addQueryItem(QStringLiteral("scope"), m_config.scope + QStringLiteral(" offline_access"));
    endpoint()->post(endpoint()->tokenUrl(), form, [this](const TokenEndpointReply &reply) {
        finish(grantFrom(reply));
    });
}

void Credential::finish(const TokenGrant &grant)
{
    if (!m_busy)
        return;
    m_busy = false;
    if (grant.ok() && !isBearerToken(grant.accessToken)) {
        // One gate for every kind (endpoint, pasted, environment, az): CR/LF or anything else a
        // bearer token cannot hold never reaches an Authorization header.
        qCInfo(lcAuth) << kind() << "returned a token with characters a bearer token cannot hold";
        Q_EMIT finished(TokenGrant::failure(QStringLiteral("invalid_token"),
                                            tr("The access token holds characters a bearer token cannot hold "
                                               "(only letters, digits and - . _ ~ + / =).")));
        return;
    }
    if (grant.ok())
        qCDebug(lcAuth) << kind() << "got an access token valid for" << grant.expiresInSeconds << "s";
    else
        qCInfo(lcAuth) << kind() << "failed:" << grant.errorCode;
    Q_EMIT finished(grant);
}

TokenEndpoint *Credential::endpoint()
{
    if (!m_endpoint)
        m_endpoint = new TokenEndpoint(m_config, this);
    return m_endpoint;
}

TokenGrant Credential::grantFrom(const TokenEndpointReply &reply)
{
    if (!reply.ok())
        return TokenGrant::failure(reply.error, reply.errorDescription.isEmpty()
                                                    ? tr("Sign-in failed (%1).").arg(reply.error)
                                                    : reply.errorDescription);
    if (reply.accessToken.isEmpty())
        return TokenGrant::failure(QStringLiteral("invalid_response"),
                                   tr("The sign-in service answered without an access token."));
    TokenGrant grant;
    grant.accessToken = reply.accessToken;
    grant.expiresInSeconds = reply.expiresIn;
    grant.refreshToken = reply.refreshToken;
    grant.idToken = reply.idToken;
    return grant;
}

} // namespace fmc
