#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace fmc::sandbox {

//! \brief A parsed `scope` parameter: the one resource a token is for, the permissions granted on
//! it, and the OpenID Connect scopes (openid, profile, email, offline_access).
//! Entra issues a token for exactly one resource; scopes without a resource (only OpenID Connect
//! scopes, or bare names like `User.Read`) mean Microsoft Graph.
class EntraScope
{
public:
    //! Why a scope was refused, as the OAuth error Entra sends.
    struct Error {
        QString error;       //!< invalid_scope, invalid_resource, invalid_request
        int aadsts = 0;
        QString description;
    };

    static constexpr auto fabricAudience = "https://api.fabric.microsoft.com";
    static constexpr auto powerBiAudience = "https://analysis.windows.net/powerbi/api";
    static constexpr auto graphAudience = "00000003-0000-0000-c000-000000000000";

    //! Parses a space-separated scope string; \a tenant names the tenant in error messages.
    static std::optional<EntraScope> parse(const QString &scope, const QString &tenant, Error *error);

    //! The `aud` claim: fabricAudience, powerBiAudience or graphAudience.
    QString audience() const { return m_audience; }
    //! True when this is exactly `<resource>/.default` (what client credentials require).
    bool isAppScope() const { return m_isDefault && m_oidc.isEmpty() && m_itemCount == 1; }
    bool offlineAccess() const { return m_oidc.contains(QStringLiteral("offline_access")); }
    bool openId() const { return m_oidc.contains(QStringLiteral("openid")); }
    //! The `scp` claim: granted permission names separated by spaces.
    QString scpClaim() const { return m_permissions.join(u' '); }
    //! The `scope` of a token response: granted permissions prefixed with the resource.
    QString responseScope() const;
    //! The original request, for refresh tokens that keep the scopes they were issued for.
    QString requested() const { return m_requested; }

private:
    QString m_requested;
    QString m_audience;
    QString m_resourcePrefix;   // e.g. "https://api.fabric.microsoft.com/"; empty for Graph
    QStringList m_permissions;
    QStringList m_oidc;
    bool m_isDefault = false;
    int m_itemCount = 0;
};

} // namespace fmc::sandbox
