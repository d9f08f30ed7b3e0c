#pragma once

#include <QUrl>

namespace fmc {

//! \brief Decides where a bearer token may go: only to the configured API origin (scheme, host
//! and port), and only over https unless that origin is loopback. Every URL the client did not
//! build itself (Location, continuationUri, a 3xx target) is checked here first.
class OriginPolicy
{
public:
    enum class Verdict {
        Allowed,        //!< same origin as the API base; the token may be attached
        Invalid,        //!< not an absolute http(s) URL
        Insecure,       //!< http:// to a host that is not loopback
        ForeignOrigin,  //!< another scheme, host or port
    };

    explicit OriginPolicy(const QUrl &apiBaseUrl = {});

    //! Checks the configured base URL itself (https, or http on loopback).
    Verdict checkBase() const { return checkTransport(m_base); }
    //! Checks a URL a token-bearing request is about to be sent to.
    Verdict check(const QUrl &url) const;
    //! The same path and query on the pinned origin (fabric-sdk-go's answer to a foreign Location).
    QUrl pinned(const QUrl &url) const;

    QUrl baseUrl() const { return m_base; }

    static bool isLoopbackHost(const QString &host);
    static bool sameOrigin(const QUrl &a, const QUrl &b);

private:
    static Verdict checkTransport(const QUrl &url);
    QUrl m_base;
};

} // namespace fmc
