#pragma once

#include "sandbox/sandboxclock.h"
#include "sandbox/sandboxhttp.h"

#include <QObject>
#include <QString>

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
//! /{tenant}/discovery/v2.0/keys, /{tenant}/v2.0/.well-known/openid-configuration, and its own
//! admin paths under /_sandbox/entra/.
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
    //! Every access and refresh token issued so far stops working (401 / invalid_grant).
    void revokeAllTokens();
    //! Approves a pending device code as the demo user; false if unknown or expired.
    bool approveDeviceCode(const QString &userCode);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace fmc::sandbox
