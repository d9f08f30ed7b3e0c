#pragma once

// Plays the user's browser for BrowserCredential in tests: GETs the authorize URL from the
// sandbox (which signs the demo user in at once and answers 302 to the redirect URI), lets the
// test tamper with that redirect, then follows it to the console's loopback listener.

#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <functional>

namespace fmc::test {

class BrowserDriver : public QObject
{
public:
    std::function<QUrl(QUrl)> tamper = [](QUrl url) { return url; };
    QUrl authorizeUrl;
    QUrl redirectedTo;
    int loopbackStatus = 0;   //!< what the console's listener answered (0: nothing yet)
    QByteArray loopbackPage;

    //! The BrowserCredential::BrowserOpener.
    bool open(const QUrl &url);
    std::function<bool(const QUrl &)> opener();

private:
    QNetworkAccessManager m_network;
};

} // namespace fmc::test
