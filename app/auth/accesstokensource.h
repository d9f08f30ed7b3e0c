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
    //! \brief The API refused a token that was just renewed (a 401 after the forced refresh):
    //! renewing again would not help. A session stops renewing and asks the user to sign in
    //! again; requestToken() then fails at once with "interaction_required". Default: nothing.
    virtual void rejectToken(const QString &message) { Q_UNUSED(message); }

Q_SIGNALS:
    //! Tokens can be had again (a new sign-in): whoever stopped on a sign-in failure may resume.
    void tokensAvailable();
};

//! \brief Whether \a token holds only what an OAuth bearer token can hold (RFC 6750 `b64token`:
//! `1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`), within 64 KiB. Anything else
//! (CR/LF above all, which would inject headers) is refused before it reaches a header.
inline bool isBearerToken(const QString &token)
{
    if (token.isEmpty() || token.size() > 64 * 1024)
        return false;
    qsizetype i = 0;
    for (; i < token.size(); ++i) {
        const char16_t c = token.at(i).unicode();
        const bool tokenChar = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
                               || c == u'-' || c == u'.' || c == u'_' || c == u'~' || c == u'+' || c == u'/';
        if (!tokenChar)
            break;
    }
    if (i == 0)
        return false;
    for (; i < token.size(); ++i)
        if (token.at(i) != u'=')
            return false;
    return true;
}

//! Token failures that only the user can cure by signing in again.
inline bool isInteractionNeeded(const QString &errorCode)
{
    return errorCode == QLatin1String("interaction_required") || errorCode == QLatin1String("not_signed_in")
           || errorCode == QLatin1String("invalid_token");
}

} // namespace fmc
