#include "tests/support/countingtokensource.h"

#include <QTimer>

namespace fmc::test {

void CountingTokenSource::requestToken(bool forceRefresh, QObject *context, Callback callback)
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

} // namespace fmc::test
