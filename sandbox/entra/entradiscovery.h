#pragma once

#include "models/json.h"
#include "sandbox/entra/jwtsigner.h"

#include <QString>
#include <QUrl>

namespace fmc::sandbox {

//! \brief The documents a client discovers Entra ID with: the JWKS and the OpenID configuration.
class EntraDiscovery
{
public:
    //! `<base>/<tenantId>/v2.0`: the `iss` of our tokens and the issuer we announce.
    static QString issuer(const QUrl &publicBaseUrl, const QString &tenantId);

    //! {"keys": [ {kty, use, kid, n, e, issuer} ]}.
    static Json jwks(const JwtSigner &signer, const QString &issuer);

    //! The v2.0 OpenID configuration for the tenant path segment \a tenantPath (tenant id,
    //! `common` or `organizations`), every URL under \a publicBaseUrl. For `common` and
    //! `organizations` the issuer keeps Entra's `{tenantid}` placeholder.
    static Json openIdConfiguration(const QUrl &publicBaseUrl, const QString &tenantPath, const QString &tenantId);
};

} // namespace fmc::sandbox
