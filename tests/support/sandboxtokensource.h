#pragma once

// Signs in as the sandbox's built-in service principal (client credentials) on every forced
// refresh: a trivial AccessTokenSource, so that the API suites do not depend on app/auth.

#include "app/auth/accesstokensource.h"

#include <QNetworkAccessManager>
#include <QStringList>
#include <QUrl>

namespace fmc::test {

class SandboxTokenSource : public AccessTokenSource
{
public:
    explicit SandboxTokenSource(const QUrl &tokenUrl, QObject *parent = nullptr);

    void requestToken(bool forceRefresh, QObject *context, Callback callback) override;

    int tokenRequests = 0;
    QStringList issued; //!< every access token handed out (canaries for log scans)

private:
    QUrl m_tokenUrl;
    QString m_token;
    QNetworkAccessManager m_nam;
};

} // namespace fmc::test
