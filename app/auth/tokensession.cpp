#include "app/auth/tokensession.h"

#include "app/api/safenumber.h"
#include "app/auth/authlog.h"
#include "app/auth/secretstore.h"

#include <QTimer>

namespace fmc {
namespace {

// Renewal answers that mean the user must sign in again (rather than "try later").
bool needsInteraction(const QString &errorCode)
{
    return errorCode == QLatin1String("invalid_grant") || errorCode == QLatin1String("interaction_required")
        || errorCode == QLatin1String("token_expired") || errorCode == QLatin1String("invalid_client")
        || errorCode == QLatin1String("unauthorized_client") || errorCode == QLatin1String("az_login_required");
}

} // namespace

TokenSession::TokenSession(SecretStore *store, QObject *parent)
    : AccessTokenSource(parent)
    , m_store(store ? store : new SecretStore(QStringLiteral("fabric-mirroring-console"), this))
{
    connect(m_store, &SecretStore::persistenceChanged, this,
            [this](SecretStore::Persistence persistence, const QString &notice) {
                Q_EMIT persistenceChanged(persistence != SecretStore::Persistence::SessionOnly, notice);
            });
}

TokenSession::~TokenSession()
{
    if (m_credential)
        m_credential->cancel();
}

QString TokenSession::refreshTokenKey(const Credential &credential)
{
    return QStringLiteral("refresh_token:") + credential.accountKey();
}

QString TokenSession::clientSecretKey(const AuthConfig &config)
{
    return QStringLiteral("client_secret:%1/%2/%3").arg(config.authority.host(), config.tenant, config.clientId);
}

void TokenSession::setCredential(Credential *credential)
{
    if (m_credential == credential)
        return;
    if (m_credential) {
        m_credential->cancel();
        m_credential->disconnect(this);
        m_credential->deleteLater();
    }
    clearTokens();
    deliverAll(failure(QStringLiteral("not_signed_in"), tr("The sign-in method was changed.")));
    m_operation = Operation::None;
    m_credential = credential;
    if (credential) {
        credential->setParent(this);
        connect(credential, &Credential::finished, this, &TokenSession::onCredentialFinished);
    }
    setState(State::SignedOut);
}

void TokenSession::signIn()
{
    if (!m_credential) {
        QTimer::singleShot(0, this, [this] {
            Q_EMIT signInFailed(QStringLiteral("no_credentials"), tr("Choose a way to sign in first."));
        });
        return;
    }
    m_operation = Operation::SignIn;
    setState(State::SigningIn);
    m_credential->acquire();
}

void TokenSession::restore()
{
    if (!m_credential) {
        signIn(); // reports "no_credentials"
        return;
    }
    m_operation = Operation::SignIn;
    setState(State::SigningIn);
    m_store->read(storedKey(refreshTokenKey(*m_credential)), this, [this, credential = m_credential](const QString &token) {
        if (credential != m_credential || m_state != State::SigningIn)
            return; // signed out or switched meanwhile
        if (token.isEmpty() && m_credential->isInteractive()) {
            m_operation = Operation::None;
            setState(State::SignedOut);
            Q_EMIT signInFailed(QStringLiteral("no_saved_session"), tr("There is no saved sign-in to restore."));
            return;
        }
        m_refreshToken = token;
        ++m_renewals;
        m_credential->refresh(token);
    });
}

void TokenSession::signOut()
{
    if (m_credential) {
        m_credential->cancel();
        m_store->remove(storedKey(refreshTokenKey(*m_credential)));
        m_store->remove(storedKey(clientSecretKey(m_credential->config())));
    }
    clearTokens();
    m_operation = Operation::None;
    deliverAll(failure(QStringLiteral("not_signed_in"), tr("You signed out.")));
    qCInfo(lcAuth) << "signed out";
    setState(State::SignedOut);
}

void TokenSession::cancelSignIn()
{
    if (m_state != State::SigningIn)
        return;
    if (m_credential)
        m_credential->cancel();
    m_operation = Operation::None;
    deliverAll(failure(QStringLiteral("cancelled"), tr("Sign-in was cancelled.")));
    setState(hasToken() ? State::SignedIn : State::SignedOut);
}

void TokenSession::requestToken(bool forceRefresh, QObject *context, Callback callback)
{
    Waiter waiter{context ? context : this, std::move(callback)};
    if (!forceRefresh && m_operation == Operation::None && m_state == State::SignedIn && tokenUsable()) {
        deliver(waiter, currentToken());
        return;
    }
    if (m_state == State::SignedOut || m_state == State::SignInRequired || !m_credential) {
        deliver(waiter, m_state == State::SignInRequired
                            ? failure(QStringLiteral("interaction_required"), tr("Please sign in again."))
                            : failure(QStringLiteral("not_signed_in"), tr("You are not signed in.")));
        return;
    }
    m_waiters.append(waiter);
    // Single flight: a sign-in or renewal in progress answers everyone waiting.
    if (m_operation == Operation::None)
        startRenewal();
}

void TokenSession::rejectToken(const QString &message)
{
    if (m_state != State::SignedIn)
        return;
    qCWarning(lcAuth) << "the API refused a renewed token: sign-in required";
    m_operation = Operation::None;
    if (m_credential)
        m_credential->cancel();
    clearTokens();
    setState(State::SignInRequired);
    deliverAll(failure(QStringLiteral("interaction_required"), message));
    Q_EMIT signInRequired(message);
}

void TokenSession::startRenewal()
{
    m_operation = Operation::Renewal;
    ++m_renewals;
    qCDebug(lcAuth) << "renewing the access token (renewal" << m_renewals << ")";
    m_credential->refresh(m_refreshToken);
}

void TokenSession::onCredentialFinished(const TokenGrant &grant)
{
    const Operation operation = std::exchange(m_operation, Operation::None);
    if (grant.ok()) {
        accept(grant);
        setState(State::SignedIn);
        deliverAll(currentToken());
        return;
    }
    qCInfo(lcAuth) << (operation == Operation::SignIn ? "sign-in failed:" : "renewal failed:") << grant.errorCode;
    if (operation == Operation::SignIn) {
        clearTokens();
        setState(State::SignedOut);
        deliverAll(failure(grant.errorCode, grant.errorMessage));
        Q_EMIT signInFailed(grant.errorCode, grant.errorMessage);
        return;
    }
    if (needsInteraction(grant.errorCode)) {
        // The refresh token is dead: drop it everywhere so that nothing retries it.
        if (m_credential && !m_refreshToken.isEmpty())
            m_store->remove(storedKey(refreshTokenKey(*m_credential)));
        clearTokens();
        setState(State::SignInRequired);
        deliverAll(failure(QStringLiteral("interaction_required"), grant.errorMessage));
        Q_EMIT signInRequired(grant.errorMessage);
        return;
    }
    // A transient failure (network, 5xx): a token that has not yet expired still serves.
    if (tokenUnexpired()) {
        qCInfo(lcAuth) << "serving the current token until it expires";
        deliverAll(currentToken());
        return;
    }
    deliverAll(failure(grant.errorCode, grant.errorMessage));
}

void TokenSession::accept(const TokenGrant &grant)
{
    m_accessToken = grant.accessToken;
    // Clamped first: expires_in comes from the service, and × 1000 must not overflow.
    m_lifetimeMs = grant.expiresInSeconds >= 0 ? std::min(grant.expiresInSeconds, kMaxServiceSeconds) * 1000 : -1;
    const double speed = m_credential ? m_credential->config().speed : 1.0;
    m_tokenAge = ScaledStopwatch(speed);
    m_tokenAge.start();
    m_expiresAtUtc = m_lifetimeMs >= 0
        ? QDateTime::currentDateTimeUtc().addMSecs(qint64(double(m_lifetimeMs) / (speed > 0 ? speed : 1.0)))
        : QDateTime();
    if (!grant.refreshToken.isEmpty() && grant.refreshToken != m_refreshToken && m_credential) {
        // Entra rotates refresh tokens: the new one replaces the old, in memory and keychain.
        m_refreshToken = grant.refreshToken;
        m_store->write(storedKey(refreshTokenKey(*m_credential)), m_refreshToken);
    }
    if (m_credential && !m_credential->secretToPersist().isEmpty())
        m_store->write(storedKey(clientSecretKey(m_credential->config())), m_credential->secretToPersist());

    TokenIdentity identity = TokenIdentity::fromJwt(grant.accessToken);
    if (!grant.idToken.isEmpty()) {
        const TokenIdentity fromId = TokenIdentity::fromJwt(grant.idToken);
        if (identity.userPrincipalName.isEmpty())
            identity.userPrincipalName = fromId.userPrincipalName;
        if (identity.displayName.isEmpty())
            identity.displayName = fromId.displayName;
    }
    if (!identity.expiresAtUtc.isValid())
        identity.expiresAtUtc = m_expiresAtUtc;
    const bool changed = identity.label() != m_identity.label() || identity.objectId != m_identity.objectId
        || identity.expiresAtUtc != m_identity.expiresAtUtc;
    m_identity = identity;
    if (changed)
        Q_EMIT identityChanged(m_identity);
}

bool TokenSession::tokenUsable() const
{
    if (!hasToken())
        return false;
    if (m_lifetimeMs < 0)
        return true;
    // Five minutes before expiry, or half the lifetime for tokens shorter than ten minutes
    // (so that a short-lived token is not renewed on every single request).
    const qint64 margin = qMin<qint64>(qint64(m_refreshMarginSeconds) * 1000, m_lifetimeMs / 2);
    return m_lifetimeMs - m_tokenAge.elapsedMs() > margin;
}

bool TokenSession::tokenUnexpired() const
{
    return hasToken() && (m_lifetimeMs < 0 || m_lifetimeMs - m_tokenAge.elapsedMs() > 0);
}

QDateTime TokenSession::expiresAtUtc() const
{
    return hasToken() ? m_expiresAtUtc : QDateTime();
}

bool TokenSession::isPersistent() const
{
    return m_store->persistence() != SecretStore::Persistence::SessionOnly;
}

QString TokenSession::persistenceNotice() const
{
    return m_store->notice();
}

AccessTokenResult TokenSession::currentToken() const
{
    AccessTokenResult result;
    result.accessToken = m_accessToken;
    result.expiresAtUtc = m_expiresAtUtc;
    return result;
}

AccessTokenResult TokenSession::failure(const QString &code, const QString &message)
{
    AccessTokenResult result;
    result.errorCode = code;
    result.errorMessage = message;
    return result;
}

void TokenSession::deliver(const Waiter &waiter, const AccessTokenResult &result)
{
    if (!waiter.context)
        return;
    // Always asynchronous, and dropped when the context dies first.
    QTimer::singleShot(0, waiter.context.data(), [callback = waiter.callback, result] { callback(result); });
}

void TokenSession::deliverAll(const AccessTokenResult &result)
{
    const auto waiters = std::exchange(m_waiters, {});
    for (const Waiter &waiter : waiters)
        deliver(waiter, result);
}

void TokenSession::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    qCDebug(lcAuth) << "session state" << state;
    Q_EMIT stateChanged(state);
    if (state == State::SignedIn)
        Q_EMIT tokensAvailable();
}

void TokenSession::clearTokens()
{
    m_accessToken.clear();
    m_refreshToken.clear();
    m_lifetimeMs = -1;
    m_expiresAtUtc = QDateTime();
    if (!m_identity.label().isEmpty() || m_identity.isJwt) {
        m_identity = TokenIdentity();
        Q_EMIT identityChanged(m_identity);
    }
}

} // namespace fmc
