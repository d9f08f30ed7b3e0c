#pragma once

#include "app/auth/accesstokensource.h"
#include "app/auth/authconfig.h"
#include "app/auth/credential.h"
#include "app/auth/tokenidentity.h"

#include <QList>
#include <QPointer>

namespace fmc {

class SecretStore;

//! \brief The signed-in session: the AccessTokenSource that FabricClient asks before every
//! request. Holds the access token in memory only and renews it when it expires within five
//! minutes (or half its lifetime, if shorter); concurrent callers share one renewal; a forced
//! refresh (after a 401) renews exactly once. The refresh token and a client secret go to the
//! SecretStore (keychain or session-only), never to QSettings or logs.
//!
//! Use: setCredential(new DeviceCodeCredential(config)); signIn(); watch stateChanged().
class TokenSession : public AccessTokenSource
{
    Q_OBJECT
public:
    enum class State {
        SignedOut,       //!< no credential signed in; requestToken() fails with "not_signed_in"
        SigningIn,       //!< signIn() or restore() in progress
        SignedIn,        //!< tokens available (renewed as needed)
        SignInRequired,  //!< renewal refused (invalid_grant, revoked, pasted token expired)
    };
    Q_ENUM(State)

    //! Uses \a store for secrets (a new SecretStore of its own when null).
    explicit TokenSession(SecretStore *store = nullptr, QObject *parent = nullptr);
    ~TokenSession() override;

    //! Takes ownership of \a credential; signs out of the previous one first.
    void setCredential(Credential *credential);
    Credential *credential() const { return m_credential; }
    SecretStore *secretStore() const { return m_store; }

    //! Starts signing in with the credential (interactive ones show UI through their signals).
    void signIn();
    //! \brief Signs in silently from the refresh token kept in the keychain for this credential's
    //! account, if any; otherwise ends in SignedOut with signInFailed("no_saved_session").
    void restore();
    //! Forgets the tokens in memory and deletes this account's keychain entries.
    void signOut();
    //! Stops a sign-in in progress (e.g. the user closed the device-code dialog).
    void cancelSignIn();

    void requestToken(bool forceRefresh, QObject *context, Callback callback) override;
    //! \brief A freshly renewed token was refused (401): no more renewals. The tokens in memory
    //! are dropped, the state becomes SignInRequired and signInRequired() asks the user.
    void rejectToken(const QString &message) override;

    State state() const { return m_state; }
    //! Who is signed in (from the access token's claims, unverified), for the status bar.
    TokenIdentity identity() const { return m_identity; }
    //! When the current access token expires; invalid when unknown or signed out.
    QDateTime expiresAtUtc() const;
    //! False when secrets are kept for this session only (no keychain); see persistenceNotice().
    bool isPersistent() const;
    QString persistenceNotice() const;
    //! Renewals started so far (refresh grants or silent sign-ins).
    int renewalCount() const { return m_renewals; }
    void setRefreshMarginSeconds(int seconds) { m_refreshMarginSeconds = seconds; }

    //! \brief Prepended to every keychain key of this session (Profile::keyPrefix()), so that
    //! several profiles signed in with the same account keep apart. Empty: today's keys.
    void setKeyPrefix(const QString &prefix) { m_keyPrefix = prefix; }
    QString keyPrefix() const { return m_keyPrefix; }
    //! \a key as this session stores it: keyPrefix() + \a key.
    QString storedKey(const QString &key) const { return m_keyPrefix + key; }

    //! Keychain key of the refresh token of \a credential's account.
    static QString refreshTokenKey(const Credential &credential);
    //! Keychain key of a service principal's client secret (to restore a ClientSecretCredential).
    static QString clientSecretKey(const AuthConfig &config);

Q_SIGNALS:
    void stateChanged(fmc::TokenSession::State state);
    void identityChanged(const fmc::TokenIdentity &identity);
    //! signIn() or restore() did not succeed.
    void signInFailed(const QString &errorCode, const QString &message);
    //! A renewal was refused: the user has to sign in again.
    void signInRequired(const QString &message);
    void persistenceChanged(bool persistent, const QString &notice);

private:
    enum class Operation { None, SignIn, Renewal };
    struct Waiter {
        QPointer<QObject> context;
        Callback callback;
    };

    bool hasToken() const { return !m_accessToken.isEmpty(); }
    bool tokenUsable() const;
    bool tokenUnexpired() const;
    void startRenewal();
    void onCredentialFinished(const TokenGrant &grant);
    void accept(const TokenGrant &grant);
    void deliver(const Waiter &waiter, const AccessTokenResult &result);
    void deliverAll(const AccessTokenResult &result);
    AccessTokenResult currentToken() const;
    void setState(State state);
    void clearTokens();
    static AccessTokenResult failure(const QString &code, const QString &message);

    QPointer<SecretStore> m_store;
    QPointer<Credential> m_credential;
    State m_state = State::SignedOut;
    Operation m_operation = Operation::None;
    QList<Waiter> m_waiters;
    QString m_accessToken;
    qint64 m_lifetimeMs = -1;         //!< protocol ms; -1 when unknown
    ScaledStopwatch m_tokenAge;
    QDateTime m_expiresAtUtc;
    QString m_refreshToken;
    TokenIdentity m_identity;
    int m_refreshMarginSeconds = 300;
    QString m_keyPrefix;
    int m_renewals = 0;
};

} // namespace fmc
