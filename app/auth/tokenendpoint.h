#pragma once

#include "app/api/httptransport.h"
#include "app/auth/authconfig.h"

#include <QObject>
#include <QPointer>
#include <QUrl>
#include <QUrlQuery>

#include <functional>

namespace fmc {

//! One answer of an Entra ID v2 endpoint (/token or /devicecode), decoded.
struct TokenEndpointReply {
    int httpStatus = 0;             //!< 0 when no HTTP response arrived
    QString error;                  //!< OAuth "error", or "network_error" / "invalid_response"
    QString errorDescription;       //!< for the user; never contains a request secret
    QString accessToken;
    QString refreshToken;
    QString idToken;
    qint64 expiresIn = -1;          //!< seconds (protocol time); -1 when absent
    // Device authorization response (RFC 8628)
    QString deviceCode;
    QString userCode;
    QUrl verificationUri;
    QString message;
    qint64 interval = -1;

    bool ok() const { return error.isEmpty(); }
    //! True for failures worth trying again: no response, or a 5xx.
    bool isTransient() const { return error == QLatin1String("network_error") || httpStatus >= 500; }
};

//! \brief Posts forms to the Entra ID v2 endpoints of one authority and tenant and decodes the
//! JSON answers. Refuses a non-https authority unless it is loopback (the sandbox).
class TokenEndpoint : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const TokenEndpointReply &)>;

    explicit TokenEndpoint(const AuthConfig &config, QObject *parent = nullptr);

    QUrl tokenUrl() const;
    QUrl deviceCodeUrl() const;
    QUrl authorizeUrl() const;

    //! Empty when \a authority may carry credentials, else a sentence saying why not.
    static QString checkAuthority(const QUrl &authority);

    //! \brief POSTs \a form (application/x-www-form-urlencoded) to \a url. The callback runs once,
    //! asynchronously, unless abortAll() is called first. Values of \a form are never logged.
    void post(const QUrl &url, const QUrlQuery &form, Callback callback);
    //! Drops every request in flight without calling its callback.
    void abortAll();

private:
    QUrl endpoint(const QString &leaf) const;
    static TokenEndpointReply decode(const HttpResponse &response);

    AuthConfig m_config;
    HttpTransport *m_transport;
    QList<quint64> m_inFlight;
};

} // namespace fmc
