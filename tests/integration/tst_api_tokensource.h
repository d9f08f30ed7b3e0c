#pragma once

// A token source for the API tests: hands out "token-1", "token-2", ... (a new one on each forced
// refresh), asynchronously as the interface requires, and counts what it was asked.

#include "app/auth/accesstokensource.h"

#include <QTimer>

namespace fmc::test {

class CountingTokenSource : public AccessTokenSource
{
    Q_OBJECT
public:
    using AccessTokenSource::AccessTokenSource;

    void requestToken(bool forceRefresh, QObject *context, Callback callback) override
    {
        ++requests;
        if (forceRefresh) {
            ++forcedRefreshes;
            ++generation;
        }
        AccessTokenResult result;
        if (failRefresh && forceRefresh) {
            result.errorCode = QStringLiteral("invalid_grant");
            result.errorMessage = QStringLiteral("The refresh token was revoked.");
        } else {
            result.accessToken = QStringLiteral("token-%1").arg(generation);
            result.expiresAtUtc = QDateTime::currentDateTimeUtc().addSecs(3600);
        }
        QTimer::singleShot(0, context, [callback, result] { callback(result); });
    }

    int requests = 0;
    int forcedRefreshes = 0;
    int generation = 1;
    bool failRefresh = false;
};

} // namespace fmc::test
