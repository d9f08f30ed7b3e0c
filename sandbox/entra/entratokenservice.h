#pragma once

#include "models/json.h"
#include "sandbox/entra/entraemulator.h"
#include "sandbox/entra/entrascope.h"
#include "sandbox/entra/jwtsigner.h"
#include "sandbox/sandboxclock.h"
#include "sandbox/sandboxhttp.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QRandomGenerator>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

#include <optional>

namespace fmc::sandbox {

//! An application registered in the emulated tenant.
struct EntraClient {
    QString id;
    QString secret;        //!< empty: public client
    QString displayName;
    QString objectId;      //!< the service principal's object id (oid of app tokens)
    bool isPublic() const { return secret.isEmpty(); }
};

//! The one user every delegated flow signs in as.
struct EntraUser {
    QString objectId;
    QString displayName;
    QString userPrincipalName;
};

//! A refresh token issued with a user's tokens; redeemed (and rotated) by the refresh-token flow.
struct EntraRefreshGrant {
    QString clientId;
    QString scope;
    quint64 serial = 0;    //!< the issue serial of the tokens it came with (for revocation)
    qint64 expiresMs = 0;
    bool rotated = false;
};

//! What the admin endpoint counts (GET /_sandbox/entra/counters).
struct EntraCounters {
    QMap<QString, int> tokenRequests;  //!< per grant key: client_credentials, device_code, ...
    QMap<QString, int> tokenErrors;    //!< per OAuth error code
    int tokensIssued = 0;
    int deviceCodeRequests = 0;
    int authorizeRequests = 0;
    int deviceCodePollsAfterExpiry = 0;

    Json toJson() const;
    void reset();
};

//! \brief What every grant flow of the Entra emulator shares: the tenant, its clients and user,
//! client authentication, OAuth error replies, issuing tokens (access, refresh, id) and checking
//! access tokens, revocation, the counters and the secrets handed out.
//!
//! Tokens carry an issue serial; revocation and forced expiry are "everything below N".
class EntraTokenService
{
public:
    //! Identities (user and client object ids) are drawn from \a options.seed.
    EntraTokenService(SandboxClock *clock, const EntraOptions &options);

    qint64 nowMs() const { return m_clock->nowMSecsSinceStart(); }
    QDateTime now() const { return m_clock->now(); }
    EntraOptions &options() { return m_options; }
    const EntraOptions &options() const { return m_options; }
    const EntraUser &user() const { return m_user; }
    const JwtSigner &signer() const { return m_signer; }
    EntraCounters &counters() { return m_counters; }
    const EntraCounters &counters() const { return m_counters; }

    //! \name The tenant and its clients
    //! @{
    //! The tenant id, `common`, `organizations` or the tenant's domain.
    bool isOurTenant(const QString &tenant) const;
    static QString tenantNotFound(const QString &tenant);
    const EntraClient *findClient(const QString &id) const;
    //! Identifies the client of a token request (form fields or HTTP Basic, as Entra accepts) and
    //! checks its secret; returns the client, or nullptr and the error to answer with.
    const EntraClient *authenticateClient(const SandboxRequest &request, const QUrlQuery &form,
                                          std::optional<SandboxResponse> *failure);
    //! @}

    //! \name OAuth error replies (each counted under its error code)
    //! @{
    SandboxResponse error(const SandboxRequest &request, int status, const QString &code, int aadsts,
                          const QString &description);
    SandboxResponse missingParameter(const SandboxRequest &request, const QString &name);
    SandboxResponse invalidGrant(const SandboxRequest &request, int aadsts, const QString &description);
    SandboxResponse alreadyRedeemed(const SandboxRequest &request);
    SandboxResponse grantExpired(const SandboxRequest &request);
    //! A code or token presented by another client than the one it was issued to.
    SandboxResponse issuedToAnotherClient(const SandboxRequest &request, const QString &what);
    SandboxResponse scopeError(const SandboxRequest &request, const EntraScope::Error &e);
    //! @}

    //! \name Issuing
    //! @{
    //! Issues an access token (and for users a refresh token and id_token as the scopes ask) and
    //! returns the token response body.
    Json issueTokens(const SandboxRequest &request, const EntraClient &client, const EntraScope &scope, bool forUser,
                     bool withRefreshToken, const QString &nonce);
    //! The refresh grant of \a refreshToken, nullptr if unknown.
    EntraRefreshGrant *refreshGrant(const QString &refreshToken);
    //! Whether tokens issued with \a serial are revoked.
    bool isRevoked(quint64 serial) const { return serial < m_revokedBelow; }
    //! Every token issued so far stops working.
    void revokeAll() { m_revokedBelow = m_nextSerial; }
    //! Every access token issued so far reads as expired.
    void expireAccessTokens() { m_accessExpiredBelow = m_nextSerial; }
    //! Drops refresh grants that expired before \a horizonMs.
    void forgetExpired(qint64 horizonMs);
    //! @}

    //! Checks an `Authorization` header value ("Bearer eyJ..."). Fills \a caller when Valid.
    EntraEmulator::TokenCheck verify(const QByteArray &authorizationHeader, EntraEmulator::Caller *caller) const;

    //! \name Secrets
    //! Tokens and codes come from the system generator, so that they are unpredictable and two
    //! emulators with the same seed in one process never issue the same token.
    //! @{
    //! Keeps \a secret (issued or received) for leak scans; bounded to the most recent ones.
    void remember(const QString &secret);
    const QStringList &secrets() const { return m_secrets; }
    //! \a prefix followed by \a bytes random bytes, Base64url.
    static QString randomOpaque(const char *prefix, int bytes);
    //! A random (not seeded) GUID.
    static QString randomGuid();
    //! @}

private:
    QString seededGuid();
    QString pairwiseSubject(const QString &objectId, const QString &clientId) const;

    SandboxClock *m_clock;
    EntraOptions m_options;
    JwtSigner m_signer = JwtSigner::processKey();
    QRandomGenerator m_random;
    QList<EntraClient> m_clients;
    EntraUser m_user;
    QHash<QString, EntraRefreshGrant> m_refreshTokens;
    QHash<QByteArray, quint64> m_accessTokenSerials; // uti → issue serial
    quint64 m_nextSerial = 1;
    quint64 m_revokedBelow = 0;
    quint64 m_accessExpiredBelow = 0;
    EntraCounters m_counters;
    QStringList m_secrets;
};

} // namespace fmc::sandbox
