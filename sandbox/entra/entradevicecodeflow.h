#pragma once

#include "models/json.h"
#include "sandbox/sandboxhttp.h"

#include <QHash>
#include <QString>
#include <QUrlQuery>

namespace fmc::sandbox {

class EntraTokenService;
struct EntraClient;

//! \brief The device code grant (RFC 8628) of the Entra emulator: POST devicecode, the
//! /devicelogin page a user approves or declines a code on, and redeeming the device code at the
//! token endpoint with Entra's polling rules (interval, slow_down, authorization_pending, expiry).
class EntraDeviceCodeFlow
{
public:
    enum class State { Pending, Approved, Declined, Redeemed };

    //! The grant_type of the token request that redeems a device code.
    static constexpr auto grantType = "urn:ietf:params:oauth:grant-type:device_code";

    explicit EntraDeviceCodeFlow(EntraTokenService *tokens);

    //! POST /{tenant}/oauth2/v2.0/devicecode.
    SandboxResponse start(const SandboxRequest &request);
    //! The token endpoint's answer to a device code poll by \a client.
    SandboxResponse redeem(const SandboxRequest &request, const QUrlQuery &form, const EntraClient &client);
    //! GET/POST /devicelogin: the page verification_uri names.
    SandboxResponse loginPage(const SandboxRequest &request);

    //! Approves or declines the pending, unexpired code \a userCode; false if there is none.
    bool decide(const QString &userCode, State decision);
    //! {"value": [...]}: user codes and their state, never device codes (they are secrets).
    Json list() const;
    //! A user code as stored: upper case, without '-' or spaces.
    static QString normalisedUserCode(const QString &userCode);
    //! Drops codes that expired before \a horizonMs.
    void forgetExpired(qint64 horizonMs);

private:
    struct Grant {
        QString userCode;
        QString clientId;
        QString scope;
        qint64 issuedMs = 0;
        qint64 expiresMs = 0;
        qint64 lastPollMs = 0;
        int intervalSeconds = 5;
        int polls = 0;
        State state = State::Pending;
    };

    QString randomUserCode() const;
    //! The device code of \a userCode, empty if none.
    QString findUserCode(const QString &userCode) const;
    static QString stateName(State state);

    EntraTokenService *m_tokens;
    QHash<QString, Grant> m_grants; // by device_code
};

} // namespace fmc::sandbox
