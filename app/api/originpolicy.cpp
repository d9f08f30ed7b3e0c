#include "app/api/originpolicy.h"

#include <QHostAddress>

namespace fmc {

namespace {

int effectivePort(const QUrl &url)
{
    return url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
}

} // namespace

OriginPolicy::OriginPolicy(const QUrl &apiBaseUrl)
    : m_base(apiBaseUrl)
{
}

bool OriginPolicy::isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

bool OriginPolicy::sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0
        && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
        && effectivePort(a) == effectivePort(b);
}

OriginPolicy::Verdict OriginPolicy::checkTransport(const QUrl &url)
{
    if (!url.isValid() || url.isRelative() || url.host().isEmpty() || !url.userInfo().isEmpty())
        return Verdict::Invalid;
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return Verdict::Allowed;
    if (scheme == QLatin1String("http"))
        return isLoopbackHost(url.host()) ? Verdict::Allowed : Verdict::Insecure;
    return Verdict::Invalid;
}

OriginPolicy::Verdict OriginPolicy::check(const QUrl &url) const
{
    if (const Verdict transport = checkTransport(url); transport != Verdict::Allowed)
        return transport;
    if (const Verdict base = checkBase(); base != Verdict::Allowed)
        return base;
    return sameOrigin(url, m_base) ? Verdict::Allowed : Verdict::ForeignOrigin;
}

QUrl OriginPolicy::pinned(const QUrl &url) const
{
    QUrl result = url;
    result.setScheme(m_base.scheme());
    result.setHost(m_base.host());
    result.setPort(m_base.port());
    result.setUserInfo({});
    return result;
}

} // namespace fmc
