#pragma once

// A token source for the API tests: hands out "token-1", "token-2", ... (a new one on each forced
// refresh), asynchronously as the interface requires, and counts what it was asked.

#include "app/auth/accesstokensource.h"

namespace fmc::test {

class CountingTokenSource : public AccessTokenSource
{
    Q_OBJECT
public:
    using AccessTokenSource::AccessTokenSource;

    void requestToken(bool forceRefresh, QObject *context, Callback callback) override;

    int requests = 0;
    int forcedRefreshes = 0;
    int generation = 1;
    bool failRefresh = false;
};

} // namespace fmc::test
