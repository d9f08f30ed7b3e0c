#include "tests/support/browserdriver.h"

#include <QNetworkReply>

namespace fmc::test {

bool BrowserDriver::open(const QUrl &url)
{
    authorizeUrl = url;
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = m_network.get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        redirectedTo = tamper(QUrl(QString::fromUtf8(reply->rawHeader("Location"))));
        QNetworkReply *callback = m_network.get(QNetworkRequest(redirectedTo));
        connect(callback, &QNetworkReply::finished, this, [this, callback] {
            callback->deleteLater();
            loopbackPage = callback->readAll();
            loopbackStatus = callback->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        });
    });
    return true;
}

std::function<bool(const QUrl &)> BrowserDriver::opener()
{
    return [this](const QUrl &url) { return open(url); };
}

} // namespace fmc::test
