#pragma once

#include "app/auth/credential.h"

#include <QDateTime>
#include <QTimer>
#include <QUrl>

namespace fmc {

//! \brief Device authorization grant (RFC 8628) against Entra ID v2: shows a code and a link,
//! then polls /token at `interval`, +5 s for every later poll after `slow_down`, until the user
//! signs in, declines or the code expires. Never polls after `expires_in`.
class DeviceCodeCredential : public Credential
{
    Q_OBJECT
public:
    explicit DeviceCodeCredential(const AuthConfig &config, QObject *parent = nullptr);

    Kind kind() const override { return Kind::DeviceCode; }
    bool isInteractive() const override { return true; }

    //! Polls sent for the current sign-in (for the UI's "still waiting" and for tests).
    int pollCount() const { return m_polls; }
    //! The polling interval now in effect, in protocol seconds.
    int intervalSeconds() const { return m_intervalSeconds; }

Q_SIGNALS:
    //! Show \a userCode and \a verificationUri (and the service's \a message) to the user.
    void deviceCodeReady(const QString &userCode, const QUrl &verificationUri, const QString &message,
                         const QDateTime &expiresAtUtc);

protected:
    void startAcquire() override;
    void abortOperation() override;

private:
    void onDeviceCode(const struct TokenEndpointReply &reply);
    void schedulePoll();
    void poll();
    void finishExpired();

    QTimer m_pollTimer;
    QTimer m_expiryTimer;
    ScaledStopwatch m_sinceRequest;
    QString m_deviceCode;
    qint64 m_expiresInSeconds = 0;
    int m_intervalSeconds = 5;
    int m_polls = 0;
};

} // namespace fmc
