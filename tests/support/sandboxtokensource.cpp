#include "tests/support/sandboxtokensource.h"

#include "models/json.h"
#include "sandbox/entra/entraemulator.h"

#include <QNetworkReply>
#include <QTimer>
#include <QUrlQuery>

namespace fmc::test {

SandboxTokenSource::SandboxTokenSource(const QUrl &tokenUrl, QObject *parent)
    : AccessTokenSource(parent)
    , m_tokenUrl(tokenUrl)
{
}

void SandboxTokenSource::requestToken(bool forceRefresh, QObject *context, Callback callback)
{
    if (!m_token.isEmpty() && !forceRefresh) {
        QTimer::singleShot(0, context, [callback, token = m_token] { callback({token, {}, {}, {}}); });
        return;
    }
    ++tokenRequests;
    QNetworkRequest request(m_tokenUrl);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/x-www-form-urlencoded"));
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("client_credentials"));
    form.addQueryItem(QStringLiteral("client_id"), sandbox::EntraEmulator::defaultClientId());
    form.addQueryItem(QStringLiteral("client_secret"), sandbox::EntraEmulator::defaultClientSecret());
    form.addQueryItem(QStringLiteral("scope"), QStringLiteral("https://api.fabric.microsoft.com/.default"));
    QNetworkReply *reply = m_nam.post(request, form.toString(QUrl::FullyEncoded).toLatin1());
    QObject::connect(reply, &QNetworkReply::finished, context, [this, reply, callback] {
        reply->deleteLater();
        AccessTokenResult result;
        if (auto json = parseJson(reply->readAll()); json && json->contains("access_token"))
            result.accessToken = toQString((*json)["access_token"].get<std::string>());
        else
            result.errorCode = QStringLiteral("invalid_grant");
        m_token = result.accessToken;
        if (!m_token.isEmpty())
            issued << m_token;
        callback(result);
    });
}

} // namespace fmc::test
