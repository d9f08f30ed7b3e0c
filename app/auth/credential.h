#pragma once

#include "app/auth/authconfig.h"

#include <QObject>
#include <QString>

namespace fmc {

class TokenEndpoint;
struct TokenEndpointReply;

//! The outcome of one sign-in or renewal: tokens, or an OAuth-style error code and a sentence.
struct TokenGrant {
    QString accessToken;
    qint64 expiresInSeconds = -1;   //!< protocol seconds from now; -1 when unknown
    QString refreshToken;           //!< empty when the flow gives none
    QString idToken;
    QString errorCode;              //!< e.g. "invalid_grant", "expired_token", "az_not_found"
    QString errorMessage;           //!< for the user; never contains a secret
    bool ok() const { return !accessToken.isEmpty() && errorCode.isEmpty(); }

    static TokenGrant failure(const QString &code, const QString &message);
};

//! \brief One way of signing in (device code, browser, client secret, environment, Azure CLI,
//! pasted token). acquire() signs in, refresh() renews silently; each started operation ends with
//! exactly one finished() (not emitted after cancel()). One operation at a time: starting one
//! cancels the previous.
class Credential : public QObject
{
    Q_OBJECT
public:
    enum class Kind { DeviceCode, Browser, ClientSecret, Environment, AzureCli, StaticToken };
    Q_ENUM(Kind)

    explicit Credential(const AuthConfig &config, QObject *parent = nullptr);
    ~Credential() override;

    virtual Kind kind() const = 0;
    //! True when acquire() needs the user (device code, browser, pasted token).
    virtual bool isInteractive() const { return false; }

    //! Starts signing in.
    void acquire();
    //! \brief Starts a silent renewal with \a refreshToken (may be empty). Public-client flows use
    //! the refresh_token grant; flows without one (client secret, az) sign in again silently;
    //! interactive flows without a refresh token fail with "interaction_required".
    void refresh(const QString &refreshToken);
    //! Stops the operation in flight; no finished() follows.
    void cancel();
    bool isBusy() const { return m_busy; }

    const AuthConfig &config() const { return m_config; }
    //! \brief A key for the keychain entries of this sign-in (authority, tenant, client): the
    //! session stores the refresh token under it.
    virtual QString accountKey() const;
    //! The accountKey() of a credential signing in with \a config.
    static QString accountKeyOf(const AuthConfig &config);
    //! A secret the session must keep in the keychain to sign in again (the client secret), or empty.
    virtual QString secretToPersist() const { return {}; }

Q_SIGNALS:
    void finished(const fmc::TokenGrant &grant);
    //! What the credential is doing, for a status line ("Waiting for the browser...").
    void progress(const QString &message);

protected:
    virtual void startAcquire() = 0;
    virtual void startRefresh(const QString &refreshToken);
    //! Stops the subclass's own work (timers, processes, listeners); the endpoint is aborted here.
    virtual void abortOperation() {}

    //! Ends the current operation; ignored when none is running.
    void finish(const TokenGrant &grant);
    TokenEndpoint *endpoint();
    //! A grant from a successful /token answer, or the error it carries.
    static TokenGrant grantFrom(const TokenEndpointReply &reply);

private:
    AuthConfig m_config;
    TokenEndpoint *m_endpoint = nullptr;
    bool m_busy = false;
};

} // namespace fmc
