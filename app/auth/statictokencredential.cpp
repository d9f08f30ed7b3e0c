#include "app/auth/statictokencredential.h"

#include "app/auth/tokenidentity.h"

#include <QRegularExpression>
#include <QTimer>

namespace fmc {

StaticTokenCredential::StaticTokenCredential(const AuthConfig &config, const QString &token,
                                             const QProcessEnvironment &environment, QObject *parent)
    : Credential(config, parent)
    , m_token(token.trimmed())
{
    if (m_token.isEmpty())
        m_token = environment.value(QStringLiteral("FABRIC_TOKEN")).trimmed();
    if (m_token.startsWith(QLatin1String("Bearer "), Qt::CaseInsensitive))
        m_token = m_token.mid(7).trimmed();
}

void StaticTokenCredential::startAcquire()
{
    TokenGrant grant;
    const TokenIdentity identity = TokenIdentity::fromJwt(m_token);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (m_token.isEmpty()) {
        grant = TokenGrant::failure(QStringLiteral("no_credentials"),
                                    tr("Paste a bearer token, or set FABRIC_TOKEN."));
    } else if (m_token.contains(QRegularExpression(QStringLiteral("\\s")))) {
        grant = TokenGrant::failure(QStringLiteral("invalid_token"), tr("A bearer token cannot contain spaces."));
    } else if (identity.expiresAtUtc.isValid() && identity.expiresAtUtc <= now) {
        grant = TokenGrant::failure(QStringLiteral("token_expired"),
                                    tr("The token expired at %1. Paste a new one.")
                                        .arg(identity.expiresAtUtc.toString(Qt::ISODate)));
    } else {
        grant.accessToken = m_token;
        grant.expiresInSeconds = identity.expiresAtUtc.isValid() ? now.secsTo(identity.expiresAtUtc) : -1;
    }
    QTimer::singleShot(0, this, [this, grant] { finish(grant); });
}

void StaticTokenCredential::startRefresh(const QString &)
{
    QTimer::singleShot(0, this, [this] {
        finish(TokenGrant::failure(QStringLiteral("interaction_required"),
                                   tr("The pasted token has expired or was refused. Paste a new one.")));
    });
}

} // namespace fmc
