#pragma once

#include "models/json.h"
#include "sandbox/sandboxclock.h"
#include "sandbox/sandboxhttp.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace fmc::sandbox {

struct EntraOptions {
    QString tenantId = QStringLiteral("72f988bf-0000-4000-8000-00000000f00d");
    int tokenLifetimeSeconds = 3600;
    int deviceCodeIntervalSeconds = 5;
    int deviceCodeExpiresInSeconds = 900;
    //! A device code is approved as if a user signed in this many (clock) seconds after issue;
    //! negative: only the admin endpoint approves it.
    int deviceCodeAutoApproveAfterSeconds = 10;
    quint32 seed = 1;
};

//! \brief The Entra ID v2 endpoints of fabric-sandbox: device code, authorization code with PKCE,
//! client credentials and refresh tokens, issuing RS256-signed JWTs verifiable with its JWKS.
//! Served paths: /{tenant}/oauth2/v2.0/{devicecode,token,authorize},
//! /{tenant}/discovery/v2.0/keys, /{tenant}/v2.0/.well-known/openid-configuration, /devicelogin
//! (the page verification_uri names), and its own admin paths under /_sandbox/entra/.
//!
//! {tenant} is the tenant id, `common` or `organizations`. Tokens are issued with
//! `iss` = `<public base URL>/<tenant id>/v2.0`, the issuer the OpenID configuration announces
//! (not login.microsoftonline.com, so that a client validating tokens against discovery succeeds).
//! As in Entra, a refresh token (and an id_token) is returned only when `offline_access`
//! (and `openid`) is among the requested scopes.
class EntraEmulator : public QObject
{
    Q_OBJECT
public:
    enum class TokenCheck { Valid, Missing, Malformed, BadSignature, Expired, WrongAudience, Revoked };
    Q_ENUM(TokenCheck)

    struct Caller {
        QString objectId;     //!< oid
        QString displayName;  //!< name / upn, or the app's name for a service principal
        QString appId;        //!< azp / appid
        QString tenantId;     //!< tid
        QString audience;     //!< aud
        QString scopes;       //!< scp (delegated tokens); empty for app tokens
        bool isApplication = false;  //!< client credentials (idtyp app)
    };

    EntraEmulator(SandboxClock *clock, const EntraOptions &options, QObject *parent = nullptr);
    ~EntraEmulator() override;

    //! Answers the request if its path is one of ours; std::nullopt otherwise.
    std::optional<SandboxResponse> handle(const SandboxRequest &request);

    //! Checks an `Authorization` header value ("Bearer eyJ..."). Fills \a caller when Valid.
    TokenCheck verifyAuthorization(const QByteArray &authorizationHeader, Caller *caller = nullptr) const;

    //! The service principal that always exists, printed at start-up and in the README.
    static QString defaultClientId();
    static QString defaultClientSecret();
    //! The public client (no secret) the console uses for device code and browser sign-in.
    static QString defaultPublicClientId();

    QString tenantId() const;
    void setTokenLifetimeSeconds(int seconds);
    int tokenLifetimeSeconds() const;
    //! \brief The `interval` and `expires_in` of device codes issued from now (seconds, at least
    //! 1), e.g. for a test that runs a client whose clock it cannot speed up.
    void setDeviceCodeTiming(int intervalSeconds, int expiresInSeconds);
    //! Every access and refresh token issued so far stops working (401 / invalid_grant).
    void revokeAllTokens();
    //! Every access token issued so far is answered as Expired; refresh tokens keep working
    //! (the "expiring tokens" fault: the client must refresh once and replay).
    void expireAccessTokens();
    //! Approves a pending device code as the demo user; false if unknown or expired.
    bool approveDeviceCode(const QString &userCode);
    //! Declines a pending device code (the user said no); false if unknown or expired.
    bool declineDeviceCode(const QString &userCode);

    //! Requests the token endpoint received for \a grantType ("client_credentials",
    //! "authorization_code", "refresh_token", "device_code", "unknown"); all when empty.
    int tokenRequestCount(const QString &grantType = {}) const;
    //! Every counter, as GET /_sandbox/entra/counters answers.
    Json counters() const;
    void resetCounters();
    //! Every secret value the emulator issued or received (tokens, codes, verifiers, the client
    //! secret), for tests that scan logs and files for leaks. Bounded to the most recent ones.
    QStringList issuedSecrets() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace fmc::sandbox
