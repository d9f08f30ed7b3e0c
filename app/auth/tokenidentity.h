#pragma once

#include <QDateTime>
#include <QString>

namespace fmc {

//! \brief Who a token was issued to, read from its JWT claims for display (status bar, sign-in
//! dialog). The signature is NOT verified: this is never used for a security decision.
struct TokenIdentity {
    QString userPrincipalName;  //!< upn, else preferred_username, else unique_name
    QString displayName;        //!< name, else app_displayname
    QString objectId;           //!< oid
    QString tenantId;           //!< tid
    QString appId;              //!< azp / appid
    QDateTime expiresAtUtc;     //!< exp; invalid when absent
    bool isJwt = false;         //!< false for an opaque token (nothing decoded)

    //! A short label: the UPN, else the display name, else the app id.
    QString label() const;

    //! \brief Decodes the payload of a compact JWS ("header.payload.signature").
    //! Returns a default value (isJwt false) for anything else.
    static TokenIdentity fromJwt(const QString &token);
};

} // namespace fmc
