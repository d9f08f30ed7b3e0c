#include "sandbox/entra/entrascope.h"

#include <QRegularExpression>

namespace fmc::sandbox {

namespace {

struct KnownResource {
    const char *uri;          // how scopes name the resource, without a trailing slash
    const char *audience;
    const char *defaultPermissions;  // what `.default` grants: the sandbox apps' consented permissions
};

const KnownResource knownResources[] = {
    {EntraScope::fabricAudience, EntraScope::fabricAudience,
     "Capacity.Read.All Connection.ReadWrite.All Item.ReadWrite.All MirroredDatabase.ReadWrite.All Workspace.ReadWrite.All"},
    {EntraScope::powerBiAudience, EntraScope::powerBiAudience,
     "Dataset.ReadWrite.All Item.ReadWrite.All Workspace.ReadWrite.All"},
    {"https://graph.microsoft.com", EntraScope::graphAudience, "User.Read"},
    {EntraScope::graphAudience, EntraScope::graphAudience, "User.Read"},
};

const QStringList oidcScopes = {QStringLiteral("openid"), QStringLiteral("profile"), QStringLiteral("email"),
                                QStringLiteral("offline_access")};

const KnownResource *findResource(QString uri)
{
    while (uri.endsWith(u'/'))
        uri.chop(1);
    for (const auto &resource : knownResources)
        if (uri.compare(QLatin1String(resource.uri), Qt::CaseInsensitive) == 0)
            return &resource;
    return nullptr;
}

} // namespace

std::optional<EntraScope> EntraScope::parse(const QString &scope, const QString &tenant, Error *error)
{
    auto fail = [error](const char *code, int aadsts, const QString &description) {
        if (error)
            *error = Error{QString::fromLatin1(code), aadsts, description};
        return std::nullopt;
    };
    static const QRegularExpression whitespace(QStringLiteral("\\s+"));
    static const QRegularExpression permissionName(QStringLiteral("^[A-Za-z0-9._-]+$"));

    EntraScope result;
    result.m_requested = scope.simplified();
    if (result.m_requested.isEmpty())
        return fail("invalid_request", 900144, QStringLiteral("The request body must contain the following parameter: 'scope'."));

    const KnownResource *resource = nullptr;
    QStringList names;
    for (const QString &item : result.m_requested.split(whitespace, Qt::SkipEmptyParts)) {
        if (oidcScopes.contains(item, Qt::CaseInsensitive)) {
            if (!result.m_oidc.contains(item.toLower()))
                result.m_oidc.append(item.toLower());
            continue;
        }
        ++result.m_itemCount;
        const qsizetype slash = item.lastIndexOf(u'/');
        const QString uri = slash < 0 ? QString::fromLatin1(graphAudience) : item.left(slash);
        const QString name = slash < 0 ? item : item.mid(slash + 1);
        const KnownResource *found = findResource(uri);
        if (!found)
            return fail("invalid_resource", 500011,
                        QStringLiteral("The resource principal named %1 was not found in the tenant named %2. "
                                       "This can happen if the application has not been installed by the "
                                       "administrator of the tenant or consented to by any user in the tenant. "
                                       "You might have sent your authentication request to the wrong tenant.")
                            .arg(uri, tenant));
        if (resource && resource != found && QLatin1String(resource->audience) != QLatin1String(found->audience))
            return fail("invalid_scope", 28000,
                        QStringLiteral("Provided value for the input parameter scope is not valid because it "
                                       "contains more than one resource. Scope %1 is not valid.")
                            .arg(result.m_requested));
        resource = found;
        if (!permissionName.match(name).hasMatch())
            return fail("invalid_scope", 70011,
                        QStringLiteral("The provided value for the input parameter 'scope' is not valid. "
                                       "The scope %1 is not valid.").arg(item));
        names.append(name);
    }

    if (!resource)   // only OpenID Connect scopes: Entra issues a Microsoft Graph token
        resource = findResource(QString::fromLatin1(graphAudience));
    result.m_isDefault = names.contains(QStringLiteral(".default"));
    if (result.m_isDefault && names.size() > 1)
        return fail("invalid_scope", 70011,
                    QStringLiteral("The provided value for the input parameter 'scope' is not valid. The scope %1 "
                                   "is not valid. static scope limit exceeded.").arg(result.m_requested));
    result.m_audience = QString::fromLatin1(resource->audience);
    if (result.m_audience != QLatin1String(graphAudience))
        result.m_resourcePrefix = QString::fromLatin1(resource->uri) + u'/';
    if (names.isEmpty() || result.m_isDefault) {
        result.m_permissions = QString::fromLatin1(resource->defaultPermissions).split(u' ');
    } else {
        names.removeDuplicates();
        result.m_permissions = names;
    }
    return result;
}

QString EntraScope::responseScope() const
{
    QStringList scopes;
    for (const QString &permission : m_permissions)
        scopes.append(m_resourcePrefix + permission);
    // Graph tokens list the OpenID Connect scopes too (all but offline_access), as Entra does.
    if (m_resourcePrefix.isEmpty())
        for (const QString &oidc : m_oidc)
            if (oidc != QLatin1String("offline_access"))
                scopes.append(oidc);
    return scopes.join(u' ');
}

} // namespace fmc::sandbox
