#pragma once

#include <QDateTime>
#include <QObject>
#include <QString>

#include <functional>

namespace fmc {

//! A bearer token for the Fabric API, or why there is none.
struct AccessTokenResult {
    QString accessToken;            //!< empty on failure
    QDateTime expiresAtUtc;
    QString errorCode;              //!< e.g. "invalid_grant", "interaction_required", "no_credentials"
    QString errorMessage;           //!< a sentence for the user; never contains a secret
    bool ok() const { return !accessToken.isEmpty(); }
};

//! \brief Where FabricClient gets its bearer token (implemented by the sign-in layer, app/auth).
//! The API layer asks before each request; \a forceRefresh is set once after a 401 so that a
//! revoked or expired token is replaced exactly once. The callback is always invoked
//! asynchronously, and not at all if \a context is destroyed first.
class AccessTokenSource : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const AccessTokenResult &)>;
    using QObject::QObject;

    virtual void requestToken(bool forceRefresh, QObject *context, Callback callback) = 0;
};

} // namespace fmc
