#include "app/auth/devicecodecredential.h"

#include "app/auth/authlog.h"
#include "app/auth/tokenendpoint.h"

#include <limits>

namespace fmc {
namespace {

constexpr int kDefaultIntervalSeconds = 5;
constexpr int kSlowDownStepSeconds = 5;
constexpr qint64 kDefaultExpiresInSeconds = 900;

bool isTerminalDeviceError(const QString &error)
{
    return error == QLatin1String("authorization_declined") || error == QLatin1String("access_denied")
        || error == QLatin1String("bad_verification_code") || error == QLatin1String("expired_token");
}

} // namespace

DeviceCodeCredential::DeviceCodeCredential(const AuthConfig &config, QObject *parent)
    : Credential(config, parent)
{
    m_pollTimer.setSingleShot(true);
    m_pollTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_pollTimer, &QTimer::timeout, this, &DeviceCodeCredential::poll);
    m_expiryTimer.setSingleShot(true);
    connect(&m_expiryTimer, &QTimer::timeout, this, &DeviceCodeCredential::finishExpired);
}

void DeviceCodeCredential::startAcquire()
{
    m_polls = 0;
    m_deviceCode.clear();
    m_intervalSeconds = kDefaultIntervalSeconds;
    // The expiry is counted from before the request left, so that our deadline falls no later
    // than the service's (which starts when it issues the code).
    m_sinceRequest = ScaledStopwatch(config().speed);
    m_sinceRequest.start();
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("client_id"), config().clientId);
    form.addQueryItem(QStringLiteral("scope"), config().scope + QStringLiteral(" offline_access"));
    Q_EMIT progress(tr("Requesting a device code..."));
    endpoint()->post(endpoint()->deviceCodeUrl(), form,
                     [this](const TokenEndpointReply &reply) { onDeviceCode(reply); });
}

void DeviceCodeCredential::onDeviceCode(const TokenEndpointReply &reply)
{
    if (!reply.ok()) {
        finish(TokenGrant::failure(reply.error, reply.errorDescription));
        return;
    }
    if (reply.deviceCode.isEmpty() || reply.userCode.isEmpty() || !reply.verificationUri.isValid()) {
        finish(TokenGrant::failure(QStringLiteral("invalid_response"),
                                   tr("The sign-in service did not return a device code.")));
        return;
    }
    m_deviceCode = reply.deviceCode;
    m_intervalSeconds = reply.interval > 0 ? int(qMin<qint64>(reply.interval, 3600)) : kDefaultIntervalSeconds;
    m_expiresInSeconds = reply.expiresIn > 0 ? reply.expiresIn : kDefaultExpiresInSeconds;
    const QDateTime expiresAt = QDateTime::currentDateTimeUtc().addMSecs(config().wallMs(m_expiresInSeconds * 1000));
    qCInfo(lcAuth) << "device code issued; polling every" << m_intervalSeconds << "s for at most"
                   << m_expiresInSeconds << "s";
    Q_EMIT deviceCodeReady(reply.userCode, reply.verificationUri, reply.message, expiresAt);
    Q_EMIT progress(tr("Waiting for you to sign in at %1 with code %2...")
                        .arg(reply.verificationUri.toDisplayString(), reply.userCode));
    schedulePoll();
}

void DeviceCodeCredential::schedulePoll()
{
    const qint64 elapsed = m_sinceRequest.elapsedMs();
    const qint64 remaining = m_expiresInSeconds * 1000 - elapsed;
    const qint64 wait = qint64(m_intervalSeconds) * 1000;
    if (wait >= remaining) {
        // The next poll would come at or after expiry: end when the code expires instead.
        m_expiryTimer.start(int(qMin<qint64>(config().wallMs(qMax<qint64>(remaining, 0)), std::numeric_limits<int>::max())));
        return;
    }
    m_pollTimer.start(int(qMin<qint64>(config().wallMs(wait), std::numeric_limits<int>::max())));
}

void DeviceCodeCredential::poll()
{
    if (!isBusy() || m_deviceCode.isEmpty())
        return;
    if (m_sinceRequest.elapsedMs() >= m_expiresInSeconds * 1000) {
        finishExpired();
        return;
    }
    ++m_polls;
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("urn:ietf:params:oauth:grant-type:device_code"));
    form.addQueryItem(QStringLiteral("client_id"), config().clientId);
    form.addQueryItem(QStringLiteral("device_code"), m_deviceCode);
    endpoint()->post(endpoint()->tokenUrl(), form, [this](const TokenEndpointReply &reply) {
        if (reply.ok()) {
            m_deviceCode.clear();
            finish(grantFrom(reply));
            return;
        }
        if (reply.error == QLatin1String("authorization_pending") || reply.isTransient()) {
            schedulePoll();
            return;
        }
        if (reply.error == QLatin1String("slow_down")) {
            m_intervalSeconds += kSlowDownStepSeconds;
            qCInfo(lcAuth) << "slow_down: polling every" << m_intervalSeconds << "s from now on";
            schedulePoll();
            return;
        }
        m_deviceCode.clear();
        if (isTerminalDeviceError(reply.error)) {
            if (reply.error == QLatin1String("expired_token")) {
                finishExpired();
                return;
            }
            const QString message = reply.error == QLatin1String("bad_verification_code")
                ? tr("The sign-in service did not recognise the device code.")
                : tr("Sign-in was declined.");
            finish(TokenGrant::failure(reply.error, message));
            return;
        }
        finish(TokenGrant::failure(reply.error, reply.errorDescription));
    });
}

void DeviceCodeCredential::finishExpired()
{
    m_deviceCode.clear();
    finish(TokenGrant::failure(QStringLiteral("expired_token"),
                               tr("The sign-in code expired before it was used. Please try again.")));
}

void DeviceCodeCredential::abortOperation()
{
    m_pollTimer.stop();
    m_expiryTimer.stop();
    m_deviceCode.clear();
}

} // namespace fmc
