#pragma once

#include "app/auth/credential.h"

#include <QTimer>
#include <QUrl>

#include <functional>

namespace fmc {

class LoopbackReceiver;

//! \brief Interactive sign-in in the system browser: authorization code with PKCE (S256) and a
//! loopback redirect to 127.0.0.1, which Qt NetworkAuth 6.4 cannot do safely. The listener
//! closes after the first callback or after five minutes.
class BrowserCredential : public Credential
{
    Q_OBJECT
public:
    //! Opens \a url in a browser; false when it could not.
    using BrowserOpener = std::function<bool(const QUrl &url)>;

    explicit BrowserCredential(const AuthConfig &config, QObject *parent = nullptr);

    Kind kind() const override { return Kind::Browser; }
    bool isInteractive() const override { return true; }

    //! Replaces QDesktopServices::openUrl (tests drive the sandbox's authorize page themselves).
    void setBrowserOpener(BrowserOpener opener) { m_opener = std::move(opener); }
    //! How long to wait for the browser (protocol time; default 5 minutes).
    void setTimeoutSeconds(int seconds) { m_timeoutSeconds = seconds; }

    //! The listener of the sign-in in progress, for display and tests; null when none.
    const LoopbackReceiver *receiver() const { return m_receiver; }

Q_SIGNALS:
    //! The URL being opened, so that the UI can offer it when no browser opens.
    void authorizationUrlReady(const QUrl &url);

protected:
    void startAcquire() override;
    void abortOperation() override;

private:
    void onCode(const QString &code);
    void stopListening();

    BrowserOpener m_opener;
    LoopbackReceiver *m_receiver = nullptr;
    QTimer m_timeout;
    QByteArray m_verifier;
    QUrl m_redirectUri;
    int m_timeoutSeconds = 300;
};

} // namespace fmc
