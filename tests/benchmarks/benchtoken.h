#pragma once

// The token source of the benchmarks that run the sandbox without sign-in: the client still
// asks for a token before every request.

#include "app/auth/accesstokensource.h"

#include <QDateTime>
#include <QTimer>

namespace fmc::bench {

class FixedToken : public AccessTokenSource
{
public:
    void requestToken(bool, QObject *context, Callback callback) override
    {
        QTimer::singleShot(0, context, [callback] {
            callback({QStringLiteral("bench"), QDateTime::currentDateTimeUtc().addSecs(3600), {}, {}});
        });
    }
};

} // namespace fmc::bench
