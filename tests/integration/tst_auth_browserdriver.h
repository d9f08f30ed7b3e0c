#pragma once

// Plays the user's browser for BrowserCredential in tests: GETs the authorize URL from the
// sandbox (which signs the demo user in at once and answers 302 to the redirect URI), lets the
// test tamper with that redirect, then follows it to the console's loopback listener.

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrlQuery>

#include <functional>

class BrowserDriver : public QObject
{
public:
    std::function<QUrl(QUrl)> tamper = [](QUrl url) { return url; };
    QUrl authorizeUrl;
    QUrl redirectedTo;
    int loopbackStatus = 0;   //!< what the console's listener answered (0: nothing yet)
    QByteArray loopbackPage;

    //! The BrowserCredential::BrowserOpener.
    bool open(const QUrl &url)
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

    std::function<bool(const QUrl &)> opener()
    {
        return [this](const QUrl &url) { return open(url); };
    }

private:
    QNetworkAccessManager m_network;
};
